"""Every write that can change what a plan's public pages or brief show replaces its token.

Receivers run inside the writing transaction (the admin's, a service's, the loader's), so the
token and the data it stands for commit together. Bulk writes that send no signals
(`QuerySet.update()`, `bulk_create()`) call `revisions.plans_changed()` themselves.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from critiques.models import Citation, Critique, Recommendation
from indicators.models import Indicator
from pagecache.revisions import all_plans_changed, plans_changed
from plans.models import (
    Agency,
    LineOfAction,
    Pillar,
    Plan,
    PlanAgency,
    Responsibility,
    Section,
    Source,
    StrategicObjective,
)

# Rows that carry their plan's id.
PLAN_ROWS = (
    PlanAgency,
    Section,
    Pillar,
    StrategicObjective,
    LineOfAction,
    Indicator,
    Recommendation,
)
# Rows shared by plans: a change may show on any plan's pages.
SHARED_ROWS = (Source, Agency)


def plan_ids_of(instance) -> list[int | None]:
    """The plans whose pages show `instance`."""
    if isinstance(instance, Plan):
        return [instance.pk]
    if isinstance(instance, Critique):
        # A comparison also shows on the plan it compares with.
        return [instance.plan_id, instance.compares_with_id]
    if isinstance(instance, Citation):
        return list(Critique.objects.filter(pk=instance.critique_id).values_list("plan", flat=True))
    if isinstance(instance, Responsibility):
        element = (
            (StrategicObjective, instance.objective_id),
            (LineOfAction, instance.line_of_action_id),
            (Indicator, instance.indicator_id),
        )
        return [
            plan_id
            for model, pk in element
            if pk is not None
            for plan_id in model.objects.filter(pk=pk).values_list("plan", flat=True)
        ]
    return [instance.plan_id]


def saved(sender, instance, **kwargs):
    if isinstance(instance, SHARED_ROWS):
        all_plans_changed()
        return
    ids = plan_ids_of(instance)
    if isinstance(instance, Plan):
        # Critiques of other plans that compare with this one show its title and link.
        ids += Critique.objects.filter(compares_with=instance).values_list("plan", flat=True)
    plans_changed(ids)


def deleted(sender, instance, **kwargs):
    if isinstance(instance, (Plan, *SHARED_ROWS)):
        all_plans_changed()
        return
    # The plan may be being deleted in the same transaction: replace tokens, create none.
    plans_changed(plan_ids_of(instance), create_missing=False)


def plan_sources_changed(sender, instance, action, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if isinstance(instance, Plan):
        plans_changed([instance.pk])
    elif pk_set is None:
        all_plans_changed()
    else:
        plans_changed(pk_set)


def recommendation_critiques_changed(sender, instance, action, **kwargs):
    # Both sides (a recommendation, or a critique from the reverse side) carry plan_id.
    if action.startswith("post_"):
        plans_changed([instance.plan_id])


def connect() -> None:
    for model in (Plan, Critique, Citation, Responsibility, *PLAN_ROWS, *SHARED_ROWS):
        post_save.connect(saved, sender=model, dispatch_uid=f"pagecache-saved-{model.__name__}")
        post_delete.connect(
            deleted, sender=model, dispatch_uid=f"pagecache-deleted-{model.__name__}"
        )
    m2m_changed.connect(
        plan_sources_changed, sender=Plan.sources.through, dispatch_uid="pagecache-plan-sources"
    )
    m2m_changed.connect(
        recommendation_critiques_changed,
        sender=Recommendation.critiques.through,
        dispatch_uid="pagecache-recommendation-critiques",
    )
