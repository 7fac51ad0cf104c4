"""The tables of napwatch's published critiques: each critique and its target, the sources it
cites, and the recommendations that answer critiques."""

from __future__ import annotations

from collections.abc import Callable

from critiques.models import Citation, Critique, Recommendation

from .columns import (
    PLAN_FK,
    SOURCE_FK,
    choices,
    joined,
    plan_id,
    position,
    provenance,
    translated,
    translation_state,
)
from .core import Column, ForeignKey, Scope, Table
from .released import published


def compared_plan(row: dict, scope: Scope) -> str | None:
    """The compared plan, when it is released too (never a synthetic plan's slug)."""
    slug = row["compares_with__slug"]
    return slug if slug in scope.slugs else None


TARGET_COLUMNS = (
    ("plan", "target_plan__slug", None, "plans"),
    ("section", "target_section__slug", "target_section__plan__slug", "sections"),
    ("pillar", "target_pillar__code", "target_pillar__plan__slug", "pillars"),
    ("objective", "target_objective__code", "target_objective__plan__slug", "objectives"),
    ("line_of_action", "target_line__code", "target_line__plan__slug", "lines_of_action"),
    ("indicator", "target_indicator__code", "target_indicator__plan__slug", "indicators"),
)


def target_id(own: str, plan_path: str | None) -> Callable[[dict, Scope], str | None]:
    if plan_path is None:
        return lambda row, scope: row[own]
    return lambda row, scope: f"{row[plan_path]}/{row[own]}" if row[own] else None


def target_type(row: dict, scope: Scope) -> str:
    return next(kind for kind, own, _plan, _table in TARGET_COLUMNS if row[own])


def critique_url(row: dict, scope: Scope) -> str:
    """The critique beside what it criticises: on its pillar's page, else the plan's."""
    pillar = (
        row["target_pillar__slug"]
        or row["target_objective__pillar__slug"]
        or row["target_line__objective__pillar__slug"]
        or row["target_indicator__line_of_action__objective__pillar__slug"]
    )
    return scope.page(row["plan__slug"], pillar, f"critique-{row['key']}")


CRITIQUE_PILLARS = (
    "target_pillar__slug",
    "target_objective__pillar__slug",
    "target_line__objective__pillar__slug",
    "target_indicator__line_of_action__objective__pillar__slug",
)


TABLES: tuple[Table, ...] = (
    Table(
        "critiques",
        "Critiques",
        "napwatch's published critiques, each of exactly one target (drafts are never released).",
        (
            Column(
                "id",
                "string",
                "<plan>/<key>.",
                value=joined("plan__slug", "key"),
                needs=("plan__slug", "key"),
                required=True,
            ),
            plan_id(),
            Column("key", "string", "The critique's key within its plan.", required=True),
            Column(
                "target_type",
                "string",
                "What it criticises.",
                value=target_type,
                needs=tuple(own for _kind, own, _plan, _table in TARGET_COLUMNS),
                enum=tuple(kind for kind, _own, _plan, _table in TARGET_COLUMNS),
                required=True,
            ),
            *(
                Column(
                    f"target_{kind}_id",
                    "string",
                    f"The {kind.replace('_', ' ')} it criticises ({table}.id), if that is its target.",
                    value=target_id(own, plan_path),
                    needs=(own,) + ((plan_path,) if plan_path else ()),
                )
                for kind, own, plan_path, table in TARGET_COLUMNS
            ),
            Column("kind", "string", "Kind.", enum=choices(Critique.Kind), required=True),
            Column(
                "category", "string", "Category.", enum=choices(Critique.Category), required=True
            ),
            Column("severity", "integer", "1 low, 2 medium, 3 high.", required=True),
            Column(
                "compares_with_plan_id",
                "string",
                "Another plan it compares the target with (plans.id).",
                value=compared_plan,
                needs=("compares_with__slug",),
            ),
            *translated("title", "Title"),
            *translated("body", "Text, Markdown"),
            *translated("remedy", "What the plan should do instead"),
            *translation_state(),
            Column("published_at", "datetime", "When it was published (UTC)."),
            Column("updated_at", "datetime", "When it was last changed (UTC)."),
            Column(
                "url",
                "string",
                "The critique beside its target on napwatch.",
                value=critique_url,
                needs=("plan__slug", "key", *CRITIQUE_PILLARS),
            ),
        ),
        lambda scope: published(scope).order_by("plan__slug", "key"),
        foreign_keys=(
            PLAN_FK,
            *(
                ForeignKey((f"target_{kind}_id",), table)
                for kind, _own, _plan, table in TARGET_COLUMNS
            ),
            ForeignKey(("compares_with_plan_id",), "plans"),
        ),
    ),
    Table(
        "citations",
        "Citations",
        "The sources each published critique cites.",
        (
            Column(
                "critique_id",
                "string",
                "The critique (critiques.id).",
                value=joined("critique__plan__slug", "critique__key"),
                needs=("critique__plan__slug", "critique__key"),
                required=True,
            ),
            position(),
            Column("source_id", "string", "The source (sources.id).", "source__key", required=True),
            Column("locator", "string", "Page, section or note in the source."),
            Column("quote", "string", "A short quotation, in the language it was written in."),
        ),
        lambda scope: Citation.objects.filter(critique__in=published(scope)).order_by(
            "critique__plan__slug", "critique__key", "order"
        ),
        primary_key=("critique_id", "position"),
        foreign_keys=(ForeignKey(("critique_id",), "critiques"), SOURCE_FK),
    ),
    Table(
        "recommendations",
        "Recommendations",
        "What sources recommend each plan's authors do.",
        (
            Column(
                "id",
                "string",
                "<plan>/<key>.",
                value=joined("plan__slug", "key"),
                needs=("plan__slug", "key"),
                required=True,
            ),
            plan_id(),
            Column("key", "string", "The recommendation's key within its plan.", required=True),
            position(),
            *translated("title", "Title"),
            *translated("body", "Text, Markdown"),
            *translation_state(),
            *provenance(),
        ),
        lambda scope: Recommendation.objects.filter(plan__in=scope.plans).order_by(
            "plan__slug", "order"
        ),
        foreign_keys=(PLAN_FK, SOURCE_FK),
    ),
    Table(
        "recommendation_critiques",
        "Critiques each recommendation answers",
        "Links between recommendations and the published critiques they answer.",
        (
            Column(
                "recommendation_id",
                "string",
                "The recommendation (recommendations.id).",
                value=joined("recommendation__plan__slug", "recommendation__key"),
                needs=("recommendation__plan__slug", "recommendation__key"),
                required=True,
            ),
            Column(
                "critique_id",
                "string",
                "The critique (critiques.id).",
                value=joined("critique__plan__slug", "critique__key"),
                needs=("critique__plan__slug", "critique__key"),
                required=True,
            ),
        ),
        lambda scope: Recommendation.critiques.through.objects.filter(
            recommendation__plan__in=scope.plans, critique__in=published(scope)
        ).order_by("recommendation__plan__slug", "recommendation__key", "critique__key"),
        primary_key=("recommendation_id", "critique_id"),
        foreign_keys=(
            ForeignKey(("recommendation_id",), "recommendations"),
            ForeignKey(("critique_id",), "critiques"),
        ),
    ),
)
