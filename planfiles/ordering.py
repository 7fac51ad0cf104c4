"""Where each level of a plan file's tree goes in the database, and moving rows whose position a
load changes out of the way of the unique (parent, order) constraints before they take it."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.db.models import F

from critiques.models import Recommendation
from indicators.models import Indicator
from planfiles.schema import IndicatorIn, LineOfActionIn, ObjectiveIn, PillarIn, PlanFile
from planfiles.write_critiques import PARKED
from plans.models import LineOfAction, Pillar, Plan, Section, StrategicObjective
from plans.signals import plan_data_changed


@dataclass(frozen=True)
class Level:
    """What one level of a plan file's tree becomes in the database."""

    model: type[models.Model]
    parent: str | None  # the foreign key to the level above
    target: str  # the Critique field that targets an element of this level
    responsibility: str | None  # the Responsibility field that names an element of this level


LEVELS: dict[type, Level] = {
    PillarIn: Level(Pillar, None, "target_pillar", None),
    ObjectiveIn: Level(StrategicObjective, "pillar", "target_objective", "objective"),
    LineOfActionIn: Level(LineOfAction, "objective", "target_line", "line_of_action"),
    IndicatorIn: Level(Indicator, "line_of_action", "target_indicator", "indicator"),
}
TARGET_FIELD = {level.model: level.target for level in LEVELS.values()}
RESPONSIBILITY_FIELD = {
    level.model: level.responsibility for level in LEVELS.values() if level.responsibility
}


def park_reordered(plan: Plan, plan_file: PlanFile) -> None:
    """Move rows whose position changes out of the way of the unique order constraints."""
    data = plan_file.plan
    wanted: dict[type[models.Model], tuple[str, str | None, dict]] = {
        Section: ("slug", None, {s.slug: (None, i + 1) for i, s in enumerate(data.sections)}),
        Pillar: ("slug", None, {p.slug: (None, i + 1) for i, p in enumerate(data.pillars)}),
        Recommendation: (
            "key",
            None,
            {r.key: (None, i + 1) for i, r in enumerate(data.recommendations)},
        ),
        StrategicObjective: ("code", "pillar__slug", {}),
        LineOfAction: ("code", "objective__code", {}),
        Indicator: ("code", "line_of_action__code", {}),
    }
    for pillar in data.pillars:
        for o, objective in enumerate(pillar.objectives):
            wanted[StrategicObjective][2][objective.code] = (pillar.slug, o + 1)
            for li, line in enumerate(objective.lines_of_action):
                wanted[LineOfAction][2][line.code] = (objective.code, li + 1)
                for i, indicator in enumerate(line.indicators):
                    wanted[Indicator][2][indicator.code] = (line.code, i + 1)
    for model, (key_field, parent_field, positions) in wanted.items():
        # (No field twice: modeltranslation's values_list() would drop the repeat.)
        fields = [key_field, "order", "pk", *([parent_field] if parent_field else [])]
        rows = model.objects.filter(plan=plan, order__lt=PARKED).values_list(*fields)
        parked = [
            pk
            for key, order, pk, *parent in rows
            if positions.get(key) != ((parent[0] if parent else None), order)
        ]
        if parked:
            model.objects.filter(pk__in=parked).update(order=F("pk") + PARKED)
            plan_data_changed.send(sender=park_reordered, plan_ids=[plan.pk])  # update() sends none
