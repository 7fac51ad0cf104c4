"""The tables of each plan's structure: pillars, strategic objectives, lines of action,
indicators, and the agencies responsible for them."""

from __future__ import annotations

from indicators.models import Indicator
from plans.models import LineOfAction, Pillar, Responsibility, StrategicObjective

from .columns import (
    ORIGINAL_SOURCE_FK,
    PLAN_FK,
    SOURCE_FK,
    element_id,
    element_url,
    joined,
    plan_id,
    position,
    provenance,
    translated,
    translation_state,
    wording,
)
from .core import Column, ForeignKey, Table
from .released import responsible_in

TABLES: tuple[Table, ...] = (
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
)


def responsible_element(row: dict) -> str:
    for level in ("objective", "line_of_action", "indicator"):
        if row[f"{level}__code"]:
            return f"{row[f'{level}__plan__slug']}/{row[f'{level}__code']}"
    raise ValueError("a responsibility without an element")
