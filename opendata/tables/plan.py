"""The plans' own tables: each plan, the sources and agencies it names, and its sections."""

from __future__ import annotations

from plans.models import Plan, PlanAgency, Section, Source

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
from .core import Column, ForeignKey, Table
from .released import released_agencies, released_sources

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
)
