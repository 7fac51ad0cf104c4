"""The tables of the rubrics and their criteria, and of the published assessments with their
evidence (an assessment is `<plan>/<rubric>/<criterion>`)."""

from __future__ import annotations

from collections.abc import Callable

from plans.models import Confidence
from scorecards.models import Criterion, Dimension, Level, Rubric, ScaleValue

from .columns import (
    PLAN_FK,
    SOURCE_FK,
    choices,
    joined,
    plan_id,
    position,
    translated,
    translation_state,
)
from .core import Column, ForeignKey, Scope, Table
from .released import published_assessments, released_evidence

EVIDENCE_COLUMNS = (
    ("pillar", "pillars"),
    ("objective", "objectives"),
    ("line_of_action", "lines_of_action"),
    ("indicator", "indicators"),
)
EVIDENCE_PATHS = {"pillar": "pillar", "objective": "objective", "line_of_action": "line"}
EVIDENCE_PATHS["indicator"] = "indicator"


def evidence_element(kind: str) -> Callable[[dict, Scope], str | None]:
    own = EVIDENCE_PATHS[kind]
    return lambda row, scope: (
        f"{row[f'{own}__plan__slug']}/{row[f'{own}__code']}" if row[f"{own}__code"] else None
    )


def evidence_type(row: dict, scope: Scope) -> str:
    if row["critique__key"]:
        return "critique"
    if row["source__key"]:
        return "source"
    return next(kind for kind, own in EVIDENCE_PATHS.items() if row[f"{own}__code"])


def criterion_id(prefix: str = "") -> Callable[[dict, Scope], str]:
    return joined(f"{prefix}rubric__key", f"{prefix}key")


TABLES: tuple[Table, ...] = (
    Table(
        "rubrics",
        "Rubrics",
        "The versioned rubrics plans are assessed against.",
        (
            Column("id", "string", "The rubric's key.", "key", required=True),
            Column("version", "string", "Version.", required=True),
            *translated("title", "Title"),
            Column("note", "string", "Editors' note."),
            Column("updated_at", "datetime", "When it was last changed (UTC)."),
        ),
        lambda scope: Rubric.objects.order_by("key"),
    ),
    Table(
        "criteria",
        "Rubric criteria",
        "Each rubric's criteria: the question, what it reads, its closed scale, where it comes "
        "from; computed criteria are derived from the encoded data, judged ones assessed by editors.",
        (
            Column(
                "id",
                "string",
                "<rubric>/<key>.",
                value=criterion_id(),
                needs=("rubric__key", "key"),
                required=True,
            ),
            Column("rubric_id", "string", "The rubric (rubrics.id).", "rubric__key", required=True),
            Column("key", "string", "The criterion's key within its rubric.", required=True),
            position(),
            *translated("question", "Question"),
            *translated("label", "Short name"),
            *translated("guidance", "Guidance for the assessor"),
            Column(
                "dimension", "string", "Review dimension.", enum=choices(Dimension), required=True
            ),
            Column("level", "string", "What it reads.", enum=choices(Level), required=True),
            Column("kind", "string", "Kind.", enum=choices(Criterion.Kind), required=True),
            Column("computed", "string", "For computed criteria: the figure it is computed as."),
            Column("scale", "array", "The answers it allows, in order (JSON list).", required=True),
            Column("framework", "string", "The framework it comes from.", required=True),
            Column("source_id", "string", "That framework's source (sources.id).", "source__key"),
            Column("locator", "string", "Where in that source."),
            *translated("context", "Field-wide context"),
            Column(
                "context_source_id",
                "string",
                "The source of the context (sources.id).",
                "context_source__key",
            ),
            Column("context_locator", "string", "Where in that source."),
        ),
        lambda scope: Criterion.objects.order_by("rubric__key", "order", "key"),
        foreign_keys=(
            ForeignKey(("rubric_id",), "rubrics"),
            SOURCE_FK,
            ForeignKey(("context_source_id",), "sources"),
        ),
    ),
    Table(
        "assessments",
        "Assessments",
        "napwatch's published answers to the judged criteria, one per plan and criterion "
        "(drafts are never released). not-known means not known from the sources available, "
        "never no.",
        (
            Column(
                "id",
                "string",
                "<plan>/<rubric>/<criterion key>.",
                value=joined("plan__slug", "criterion__rubric__key", "criterion__key"),
                needs=("plan__slug", "criterion__rubric__key", "criterion__key"),
                required=True,
            ),
            plan_id(),
            Column(
                "criterion_id",
                "string",
                "The criterion (criteria.id).",
                value=criterion_id("criterion__"),
                needs=("criterion__rubric__key", "criterion__key"),
                required=True,
            ),
            Column(
                "answer", "string", "The answer.", "level", enum=choices(ScaleValue), required=True
            ),
            Column(
                "confidence",
                "string",
                "How sure the answer is, in provenance's words.",
                enum=choices(Confidence),
                required=True,
            ),
            *translated("rationale", "Rationale, Markdown"),
            *translation_state(),
            Column("published_at", "datetime", "When it was published (UTC)."),
            Column("updated_at", "datetime", "When it was last changed (UTC)."),
            Column(
                "url",
                "string",
                "The answer on the plan's scorecard on napwatch.",
                value=lambda row, scope: (
                    f"{scope.site_url}/en/plans/{row['plan__slug']}/scorecard/"
                    f"#criterion-{row['criterion__key']}"
                ),
                needs=("plan__slug", "criterion__key"),
            ),
        ),
        lambda scope: published_assessments(scope).order_by(
            "plan__slug", "criterion__rubric__key", "criterion__order", "criterion__key"
        ),
        foreign_keys=(PLAN_FK, ForeignKey(("criterion_id",), "criteria")),
    ),
    Table(
        "assessment_evidence",
        "Evidence of the assessments",
        "What each published assessment rests on: exactly one element, published critique or "
        "source (with a locator).",
        (
            Column(
                "assessment_id",
                "string",
                "The assessment (assessments.id).",
                value=joined(
                    "assessment__plan__slug",
                    "assessment__criterion__rubric__key",
                    "assessment__criterion__key",
                ),
                needs=(
                    "assessment__plan__slug",
                    "assessment__criterion__rubric__key",
                    "assessment__criterion__key",
                ),
                required=True,
            ),
            position(),
            Column(
                "target_type",
                "string",
                "What the evidence is.",
                value=evidence_type,
                needs=(
                    "critique__key",
                    "source__key",
                    *(f"{own}__code" for own in EVIDENCE_PATHS.values()),
                ),
                enum=(*EVIDENCE_PATHS, "critique", "source"),
                required=True,
            ),
            *(
                Column(
                    f"{kind}_id",
                    "string",
                    f"The {kind.replace('_', ' ')} ({table}.id), if that is the evidence.",
                    value=evidence_element(kind),
                    needs=(f"{EVIDENCE_PATHS[kind]}__plan__slug", f"{EVIDENCE_PATHS[kind]}__code"),
                )
                for kind, table in EVIDENCE_COLUMNS
            ),
            Column(
                "critique_id",
                "string",
                "The published critique (critiques.id), if that is the evidence.",
                value=lambda row, scope: (
                    f"{row['critique__plan__slug']}/{row['critique__key']}"
                    if row["critique__key"]
                    else None
                ),
                needs=("critique__plan__slug", "critique__key"),
            ),
            Column(
                "source_id",
                "string",
                "The source (sources.id), if that is the evidence.",
                "source__key",
            ),
            Column("locator", "string", "Page, section or note in the source."),
            Column("quote", "string", "A short quotation from the source."),
        ),
        lambda scope: released_evidence(scope).order_by(
            "assessment__plan__slug",
            "assessment__criterion__rubric__key",
            "assessment__criterion__order",
            "assessment__criterion__key",
            "order",
        ),
        primary_key=("assessment_id", "position"),
        foreign_keys=(
            ForeignKey(("assessment_id",), "assessments"),
            *(ForeignKey((f"{kind}_id",), table) for kind, table in EVIDENCE_COLUMNS),
            ForeignKey(("critique_id",), "critiques"),
            SOURCE_FK,
        ),
    ),
)
