"""The tables of the data release: one CSV each, with its Table Schema (types, keys, vocabularies).

Each `Table` says which rows it holds (a QuerySet over the released plans, in a fixed order),
which columns it writes (each from a `values()` path or a function of the row) and its primary
and foreign keys. Identifiers are stable, readable strings rather than database ids: a plan is
its slug, an element `<plan>/<code>`, a critique `<plan>/<key>`, a source its key, an agency
`<country code>/<acronym>`; so the same data gives the same file in any database.

Adding a table is one more `Table(...)` in `TABLES`, with the foreign keys it needs; `package.py`
writes and describes whatever is listed here. The rubrics, their criteria, and the published
assessments with their evidence come last (an assessment is `<plan>/<rubric>/<criterion>`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.db import models

from critiques.models import Citation, Critique, Recommendation
from indicators.models import Indicator
from plans.models import (
    Agency,
    Confidence,
    EnglishBy,
    LineOfAction,
    Pillar,
    Plan,
    PlanAgency,
    Responsibility,
    Section,
    Source,
    StrategicObjective,
    TranslationStatus,
)
from scorecards.models import Assessment, Criterion, Dimension, Evidence, Level, Rubric, ScaleValue


@dataclass
class Scope:
    """What a release holds: the public data of these plans (never synthetic ones, except for
    the benchmark's own option), and the site address its `url` columns start with."""

    plans: models.QuerySet
    site_url: str

    @classmethod
    def public(cls, *, include_synthetic: bool = False) -> Scope:
        plans = Plan.objects.all() if include_synthetic else Plan.objects.filter(is_synthetic=False)
        return cls(plans=plans, site_url=settings.NAPWATCH_SITE_URL.rstrip("/"))

    @cached_property
    def slugs(self) -> frozenset[str]:
        return frozenset(self.plans.values_list("slug", flat=True))

    def page(self, plan: str, pillar: str | None = None, anchor: str = "") -> str:
        path = f"/en/plans/{plan}/" + (f"pillars/{pillar}/" if pillar else "")
        return f"{self.site_url}{path}{'#' + anchor if anchor else ''}"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Table Schema type: string, integer, boolean, date, datetime, array
    description: str
    path: str | None = None  # the values() path; default: the column's name
    value: Callable[[dict, Scope], object] | None = None  # or computed from the row
    needs: tuple[str, ...] = ()  # the values() paths `value` reads
    enum: tuple[str, ...] | None = None
    required: bool = False

    def paths(self) -> tuple[str, ...]:
        return self.needs if self.value else (self.path or self.name,)

    def read(self, row: dict, scope: Scope):
        return self.value(row, scope) if self.value else row[self.path or self.name]

    def schema(self) -> dict:
        described = {"name": self.name, "type": self.type, "description": self.description}
        if self.type == "datetime":
            described["format"] = "%Y-%m-%dT%H:%M:%SZ"
        constraints = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if constraints:
            described["constraints"] = constraints
        return described


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    table: str
    table_columns: tuple[str, ...] = ("id",)

    def schema(self) -> dict:
        return {
            "fields": list(self.columns),
            "reference": {"resource": self.table, "fields": list(self.table_columns)},
        }


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[Scope], models.QuerySet]
    primary_key: tuple[str, ...] = ("id",)
    foreign_keys: tuple[ForeignKey, ...] = field(default=())

    def paths(self) -> list[str]:
        return list(dict.fromkeys(path for column in self.columns for path in column.paths()))

    def schema(self) -> dict:
        return {
            "fields": [column.schema() for column in self.columns],
            "primaryKey": list(self.primary_key),
            "foreignKeys": [foreign_key.schema() for foreign_key in self.foreign_keys],
            "missingValues": [""],
        }


# -- columns that many tables share ---------------------------------------------------------


def choices(text_choices) -> tuple[str, ...]:
    return tuple(str(value) for value in text_choices.values)


def joined(*paths: str, sep: str = "/") -> Callable[[dict, Scope], str]:
    return lambda row, scope: sep.join(str(row[path]) for path in paths)


def plan_id(path: str = "plan__slug") -> Column:
    return Column("plan_id", "string", "The plan (plans.id).", path=path, required=True)


def element_id(prefix: str = "") -> Column:
    return Column(
        "id",
        "string",
        "<plan>/<code>: the element's code is unique within its plan.",
        value=joined(f"{prefix}plan__slug", f"{prefix}code"),
        needs=(f"{prefix}plan__slug", f"{prefix}code"),
        required=True,
    )


def provenance() -> tuple[Column, ...]:
    return (
        Column("source_id", "string", "Where the wording comes from (sources.id).", "source__key"),
        Column("locator", "string", "Page, section or note in that source.", "source_locator"),
        Column(
            "confidence",
            "string",
            "verbatim: read in the plan; quoted: a source quotes the plan; described: a source "
            "describes it; inferred: napwatch's reconstruction.",
            enum=choices(Confidence),
            required=True,
        ),
        Column("provenance_note", "string", "Caveats about the provenance."),
    )


def translated(name: str, description: str) -> tuple[Column, ...]:
    return tuple(
        Column(f"{name}_{code}", "string", f"{description} ({label}).")
        for code, label in settings.LANGUAGES
    )


def translation_state() -> tuple[Column, ...]:
    return (
        Column(
            "text_language",
            "string",
            "The language napwatch's editors wrote the text in; the others are translations.",
            enum=tuple(code for code, _label in settings.LANGUAGES),
        ),
        Column(
            "translation_status",
            "string",
            "Whether napwatch's editors have translated the text into the other languages.",
            enum=(TranslationStatus.TRANSLATED.value, TranslationStatus.NEEDS_TRANSLATION.value),
        ),
    )


def wording() -> tuple[Column, ...]:
    return (
        Column("wording_en", "string", "The wording in English."),
        Column("wording_en_by", "string", "Who made the English wording.", enum=choices(EnglishBy)),
        Column("wording_original", "string", "The wording in the plan's own language."),
        Column(
            "wording_original_source_id",
            "string",
            "The source of the original wording, when it is not the element's (sources.id).",
            "wording_original_source__key",
        ),
        Column("wording_original_locator", "string", "Where in that source."),
        Column(
            "wording_original_confidence",
            "string",
            "How sure we are of the original wording, when its source is given.",
            enum=choices(Confidence),
        ),
        Column("note", "string", "Editors' note about the element."),
    )


def position() -> Column:
    return Column("position", "integer", "Its place among its siblings, from 1.", "order")


def element_url(pillar_path: str) -> Column:
    return Column(
        "url",
        "string",
        "The element on napwatch's pillar page.",
        value=lambda row, scope: scope.page(row["plan__slug"], row[pillar_path], row["code"]),
        needs=("plan__slug", pillar_path, "code"),
    )


SOURCE_FK = ForeignKey(("source_id",), "sources")
ORIGINAL_SOURCE_FK = ForeignKey(("wording_original_source_id",), "sources")
PLAN_FK = ForeignKey(("plan_id",), "plans")


def in_scope(model: type[models.Model], path: str = "plan") -> Callable[[Scope], models.QuerySet]:
    return lambda scope: model.objects.filter(**{f"{path}__in": scope.plans})


def released_sources(scope: Scope) -> models.QuerySet:
    """The sources the released plans list or any released row cites."""
    plans = scope.plans
    ids: set[int] = set(
        Plan.sources.through.objects.filter(plan__in=plans).values_list("source", flat=True)
    )
    for model in (
        Plan,
        PlanAgency,
        Section,
        Pillar,
        StrategicObjective,
        LineOfAction,
        Indicator,
        Recommendation,
    ):
        rows = (
            model.objects.filter(pk__in=plans)
            if model is Plan
            else model.objects.filter(plan__in=plans)
        )
        ids.update(rows.values_list("source", flat=True).distinct())
        if model in (StrategicObjective, LineOfAction, Indicator):
            ids.update(
                rows.exclude(wording_original_source=None)
                .values_list("wording_original_source", flat=True)
                .distinct()
            )
    ids.update(
        Responsibility.objects.filter(responsible_in(plans))
        .values_list("source", flat=True)
        .distinct()
    )
    ids.update(
        Citation.objects.filter(critique__in=published(scope))
        .values_list("source", flat=True)
        .distinct()
    )
    for path in ("source", "context_source"):
        ids.update(Criterion.objects.exclude(**{path: None}).values_list(path, flat=True))
    ids.update(
        released_evidence(scope).exclude(source=None).values_list("source", flat=True).distinct()
    )
    return Source.objects.filter(pk__in=ids).order_by("key")


def published_assessments(scope: Scope) -> models.QuerySet:
    return Assessment.objects.published().filter(plan__in=scope.plans)


def released_evidence(scope: Scope) -> models.QuerySet:
    """The evidence of published assessments, less any critique that is not published."""
    return (
        Evidence.objects.filter(assessment__in=published_assessments(scope))
        .exclude(critique__isnull=False, critique__status__in=UNPUBLISHED)
        .filter(models.Q(critique=None) | models.Q(critique__plan__in=scope.plans))
    )


UNPUBLISHED = tuple(
    status for status in Critique.Status.values if status != Critique.Status.PUBLISHED
)


def responsible_in(plans) -> models.Q:
    return (
        models.Q(objective__plan__in=plans)
        | models.Q(line_of_action__plan__in=plans)
        | models.Q(indicator__plan__in=plans)
    )


def published(scope: Scope) -> models.QuerySet:
    return Critique.objects.published().filter(plan__in=scope.plans)


def released_agencies(scope: Scope) -> models.QuerySet:
    ids = set(PlanAgency.objects.filter(plan__in=scope.plans).values_list("agency", flat=True))
    ids.update(
        Responsibility.objects.filter(responsible_in(scope.plans)).values_list("agency", flat=True)
    )
    return Agency.objects.filter(pk__in=ids).order_by("country_code", "acronym")


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
        "plans",
        "National Action Plans",
        "One row per plan: its facts as the plan states them, with their provenance.",
        (
            Column("id", "string", "The plan's slug.", "slug", required=True),
            Column("country", "string", "Country.", required=True),
            Column("country_code", "string", "ISO 3166-1 alpha-3 code.", required=True),
            Column("region", "string", "Region."),
            Column("language", "string", "The plan's own language (BCP 47).", required=True),
            Column("title_original", "string", "The title in the plan's language.", required=True),
            Column("title_en", "string", "The title in English."),
            Column("acronym", "string", "The plan's acronym."),
            Column("generation", "integer", "First, second… NAP of its country."),
            Column("adopted_on", "date", "Date of adoption."),
            Column("period_start", "integer", "First year of the plan's period."),
            Column("period_end", "integer", "Last year of the plan's period (empty: not stated)."),
            Column("review_due", "integer", "Year a review is due."),
            Column("status", "string", "Status.", enum=choices(Plan.Status), required=True),
            *translated("summary", "napwatch's summary of the plan"),
            *translation_state(),
            Column("declared_pillars", "integer", "Pillars the plan itself declares."),
            Column("declared_objectives", "integer", "Strategic objectives it declares."),
            Column(
                "declared_lines_of_action",
                "integer",
                "Lines of action it declares.",
                "declared_lines",
            ),
            Column("declared_indicators", "integer", "Indicators it declares."),
            *provenance(),
            Column(
                "updated_at", "datetime", "When napwatch last changed the plan's own row (UTC)."
            ),
            Column(
                "url",
                "string",
                "The plan's page on napwatch.",
                value=lambda row, scope: scope.page(row["slug"]),
                needs=("slug",),
            ),
        ),
        lambda scope: scope.plans.order_by("slug"),
        foreign_keys=(SOURCE_FK,),
    ),
    Table(
        "sources",
        "Sources",
        "Documents that wording, provenance and critiques cite.",
        (
            Column("id", "string", "The source's key.", "key", required=True),
            Column("kind", "string", "Kind of document.", enum=choices(Source.Kind), required=True),
            Column("authors", "array", "Authors, as a JSON list."),
            Column("title", "string", "Title.", required=True),
            Column("publisher", "string", "Publisher."),
            Column("issued", "string", "YYYY, YYYY-MM or YYYY-MM-DD."),
            Column("url", "string", "Address."),
            Column("note", "string", "Reliability caveats and the like."),
        ),
        released_sources,
    ),
    Table(
        "plan_sources",
        "Sources of each plan",
        "Which sources each plan's file lists.",
        (
            plan_id("plan__slug"),
            Column("source_id", "string", "The source (sources.id).", "source__key", required=True),
        ),
        lambda scope: Plan.sources.through.objects.filter(plan__in=scope.plans).order_by(
            "plan__slug", "source__key"
        ),
        primary_key=("plan_id", "source_id"),
        foreign_keys=(PLAN_FK, SOURCE_FK),
    ),
    Table(
        "agencies",
        "Agencies",
        "Government bodies named in the plans.",
        (
            Column(
                "id",
                "string",
                "<country code>/<acronym>.",
                value=joined("country_code", "acronym"),
                needs=("country_code", "acronym"),
                required=True,
            ),
            Column("country_code", "string", "ISO 3166-1 alpha-3 code.", required=True),
            Column("acronym", "string", "Acronym.", required=True),
            Column("name_original", "string", "Name in the country's language.", required=True),
            Column("name_en", "string", "Name in English."),
        ),
        released_agencies,
    ),
    Table(
        "plan_agencies",
        "Agencies in each plan",
        "The role each agency has in a plan.",
        (
            plan_id(),
            Column(
                "agency_id",
                "string",
                "The agency (agencies.id).",
                value=joined("agency__country_code", "agency__acronym"),
                needs=("agency__country_code", "agency__acronym"),
                required=True,
            ),
            Column("role", "string", "Role.", enum=choices(PlanAgency.Role), required=True),
            position(),
            *provenance(),
        ),
        lambda scope: PlanAgency.objects.filter(plan__in=scope.plans).order_by(
            "plan__slug", "order", "agency__acronym"
        ),
        primary_key=("plan_id", "agency_id"),
        foreign_keys=(PLAN_FK, ForeignKey(("agency_id",), "agencies"), SOURCE_FK),
    ),
    Table(
        "sections",
        "Sections",
        "Narrative parts of each plan (introduction, coordination, financing…).",
        (
            Column(
                "id",
                "string",
                "<plan>/<slug>.",
                value=joined("plan__slug", "slug"),
                needs=("plan__slug", "slug"),
                required=True,
            ),
            plan_id(),
            Column("slug", "string", "The section's slug.", required=True),
            Column("kind", "string", "Kind of section.", enum=choices(Section.Kind), required=True),
            position(),
            *translated("title", "napwatch's title"),
            Column("title_original", "string", "The plan's own heading, in its language."),
            *translated("summary", "napwatch's summary"),
            *translation_state(),
            *provenance(),
        ),
        lambda scope: Section.objects.filter(plan__in=scope.plans).order_by("plan__slug", "order"),
        foreign_keys=(PLAN_FK, SOURCE_FK),
    ),
    Table(
        "pillars",
        "Pillars",
        "The pillars each plan is organised in.",
        (
            element_id(),
            plan_id(),
            Column("code", "string", "The pillar's code.", required=True),
            Column("slug", "string", "The pillar's slug (in its page's address).", required=True),
            position(),
            Column("name_en", "string", "Name in English.", required=True),
            Column("name_original", "string", "Name in the plan's language."),
            *translated("summary", "napwatch's summary"),
            *translation_state(),
            *provenance(),
            Column(
                "url",
                "string",
                "The pillar's page on napwatch.",
                value=lambda row, scope: scope.page(row["plan__slug"], row["slug"]),
                needs=("plan__slug", "slug"),
            ),
        ),
        lambda scope: Pillar.objects.filter(plan__in=scope.plans).order_by("plan__slug", "order"),
        foreign_keys=(PLAN_FK, SOURCE_FK),
    ),
    Table(
        "objectives",
        "Strategic objectives",
        "Each pillar's strategic objectives.",
        (
            element_id(),
            plan_id(),
            Column(
                "pillar_id",
                "string",
                "The pillar (pillars.id).",
                value=joined("plan__slug", "pillar__code"),
                needs=("plan__slug", "pillar__code"),
                required=True,
            ),
            Column("code", "string", "The objective's code.", required=True),
            position(),
            *wording(),
            *provenance(),
            element_url("pillar__slug"),
        ),
        lambda scope: StrategicObjective.objects.filter(plan__in=scope.plans).order_by(
            "plan__slug", "pillar__order", "order"
        ),
        foreign_keys=(
            PLAN_FK,
            ForeignKey(("pillar_id",), "pillars"),
            SOURCE_FK,
            ORIGINAL_SOURCE_FK,
        ),
    ),
    Table(
        "lines_of_action",
        "Lines of action",
        "Each strategic objective's lines of action.",
        (
            element_id(),
            plan_id(),
            Column(
                "objective_id",
                "string",
                "The strategic objective (objectives.id).",
                value=joined("plan__slug", "objective__code"),
                needs=("plan__slug", "objective__code"),
                required=True,
            ),
            Column("code", "string", "The line's code.", required=True),
            position(),
            *wording(),
            *provenance(),
            element_url("objective__pillar__slug"),
        ),
        lambda scope: LineOfAction.objects.filter(plan__in=scope.plans).order_by(
            "plan__slug", "objective__pillar__order", "objective__order", "order"
        ),
        foreign_keys=(
            PLAN_FK,
            ForeignKey(("objective_id",), "objectives"),
            SOURCE_FK,
            ORIGINAL_SOURCE_FK,
        ),
    ),
    Table(
        "indicators",
        "Indicators",
        "How each line of action is to be measured.",
        (
            element_id(),
            plan_id(),
            Column(
                "line_of_action_id",
                "string",
                "The line of action (lines_of_action.id).",
                value=joined("plan__slug", "line_of_action__code"),
                needs=("plan__slug", "line_of_action__code"),
                required=True,
            ),
            Column("code", "string", "The indicator's code.", required=True),
            position(),
            *wording(),
            Column("unit", "string", "Unit (empty: not stated)."),
            Column("baseline", "string", "Baseline (empty: not stated)."),
            Column("target", "string", "Target (empty: not stated)."),
            Column("timeframe", "string", "Timeframe (empty: not stated)."),
            Column("means_of_verification", "string", "Means of verification (empty: not stated)."),
            *provenance(),
            element_url("line_of_action__objective__pillar__slug"),
        ),
        lambda scope: Indicator.objects.filter(plan__in=scope.plans).order_by(
            "plan__slug",
            "line_of_action__objective__pillar__order",
            "line_of_action__objective__order",
            "line_of_action__order",
            "order",
        ),
        foreign_keys=(
            PLAN_FK,
            ForeignKey(("line_of_action_id",), "lines_of_action"),
            SOURCE_FK,
            ORIGINAL_SOURCE_FK,
        ),
    ),
    Table(
        "responsibilities",
        "Responsibilities",
        "Which agency is responsible for which objective, line of action or indicator.",
        (
            Column(
                "id",
                "string",
                "<element id>/<agency acronym>.",
                value=lambda row, scope: f"{responsible_element(row)}/{row['agency__acronym']}",
                needs=(
                    "objective__plan__slug",
                    "objective__code",
                    "line_of_action__plan__slug",
                    "line_of_action__code",
                    "indicator__plan__slug",
                    "indicator__code",
                    "agency__acronym",
                ),
                required=True,
            ),
            Column(
                "agency_id",
                "string",
                "The agency (agencies.id).",
                value=joined("agency__country_code", "agency__acronym"),
                needs=("agency__country_code", "agency__acronym"),
                required=True,
            ),
            *(
                Column(
                    f"{level}_id",
                    "string",
                    f"The {level.replace('_', ' ')} ({table}.id), if that is what it is for.",
                    value=lambda row, scope, level=level: (
                        f"{row[f'{level}__plan__slug']}/{row[f'{level}__code']}"
                        if row[f"{level}__code"]
                        else None
                    ),
                    needs=(f"{level}__plan__slug", f"{level}__code"),
                )
                for level, table in (
                    ("objective", "objectives"),
                    ("line_of_action", "lines_of_action"),
                    ("indicator", "indicators"),
                )
            ),
            *provenance(),
        ),
        lambda scope: Responsibility.objects.filter(responsible_in(scope.plans)).order_by(
            "agency__country_code",
            "agency__acronym",
            "objective__code",
            "line_of_action__code",
            "indicator__code",
            "pk",
        ),
        foreign_keys=(
            ForeignKey(("agency_id",), "agencies"),
            ForeignKey(("objective_id",), "objectives"),
            ForeignKey(("line_of_action_id",), "lines_of_action"),
            ForeignKey(("indicator_id",), "indicators"),
            SOURCE_FK,
        ),
    ),
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


TABLES += (
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


def responsible_element(row: dict) -> str:
    for level in ("objective", "line_of_action", "indicator"):
        if row[f"{level}__code"]:
            return f"{row[f'{level}__plan__slug']}/{row[f'{level}__code']}"
    raise ValueError("a responsibility without an element")
