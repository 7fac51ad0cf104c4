"""Every write that can change what a plan's public pages or brief show replaces its token.

The cache listens to the domain; the domain never calls the cache. Receivers run inside the
writing transaction (the admin's, a service's, the loader's), so the token and the data it stands
for commit together. Bulk writes that send no model signals announce themselves with
`plans.signals.plan_data_changed`.

Only what the public sees counts: saving, or deleting, a critique that is not published and was
not published before leaves the token alone (so does a citation of one), and so a draft being
written does not make the plan's pages and brief be made again.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

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
from plans.signals import plan_data_changed
from replies.models import Invitation, Reply
from scorecards.models import Assessment, Criterion, Evidence, Rubric

# Rows that carry their plan's id.
PLAN_ROWS = (
    PlanAgency,
    Section,
    Pillar,
    StrategicObjective,
    LineOfAction,
    Indicator,
    Recommendation,
    Invitation,  # "no response as of …" beside critiques, and the plan's response rate
)
# Rows shared by plans: a change may show on any plan's pages (a rubric's criteria are on every
# plan's scorecard).
SHARED_ROWS = (Source, Agency, Rubric, Criterion)
# Rows whose public status decides whether a reader can see them (the editorial workflow)
WORKFLOW_ROWS = (Critique, Assessment, Reply)


def plan_ids_of(instance) -> list[int | None]:
    """The plans whose pages show `instance`."""
    if isinstance(instance, Plan):
        return [instance.pk]
    if isinstance(instance, Critique):
        # A comparison also shows on the plan it compares with.
        return [instance.plan_id, instance.compares_with_id]
    if isinstance(instance, Citation):
        return list(Critique.objects.filter(pk=instance.critique_id).values_list("plan", flat=True))
    if isinstance(instance, Evidence):
        return list(
            Assessment.objects.filter(pk=instance.assessment_id).values_list("plan", flat=True)
        )
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


PUBLIC = Critique.Status.PUBLISHED


def remember_status(sender, instance, **kwargs):
    """Before a critique or an assessment is saved: was it public? (Read from the database, not
    the form.)"""
    instance.status_before_save = (
        sender.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
        if instance.pk
        else None
    )


def is_public_change(instance) -> bool:
    """False for a change no reader can see: a critique that is not, and was not, published."""
    if isinstance(instance, WORKFLOW_ROWS):
        return PUBLIC in (instance.status, getattr(instance, "status_before_save", PUBLIC))
    if isinstance(instance, Citation):
        return Critique.objects.filter(pk=instance.critique_id, status=PUBLIC).exists()
    if isinstance(instance, Evidence):
        return Assessment.objects.filter(pk=instance.assessment_id, status=PUBLIC).exists()
    return True


def saved(sender, instance, **kwargs):
    if not is_public_change(instance):
        return
    if isinstance(instance, SHARED_ROWS):
        all_plans_changed()
        return
    ids = plan_ids_of(instance)
    if isinstance(instance, Plan):
        # Critiques of other plans that compare with this one show its title and link.
        ids += Critique.objects.filter(compares_with=instance).values_list("plan", flat=True)
    plans_changed([*ids, *comparing_plans(instance, ids)])


def comparing_plans(instance, ids) -> list[int]:
    """The plans whose brief compares them with these plans' scorecards (issue 12)."""
    if not isinstance(instance, (Assessment, Evidence)):
        return []
    return list(
        Critique.objects.filter(compares_with__in=ids, status=PUBLIC).values_list("plan", flat=True)
    )


def deleted(sender, instance, **kwargs):
    if isinstance(instance, WORKFLOW_ROWS) and instance.status != PUBLIC:
        return
    if isinstance(instance, (Citation, Evidence)) and not is_public_change(instance):
        return
    if isinstance(instance, (Plan, *SHARED_ROWS)):
        all_plans_changed()
        return
    # The plan may be being deleted in the same transaction: replace tokens, create none.
    ids = plan_ids_of(instance)
    plans_changed([*ids, *comparing_plans(instance, ids)], create_missing=False)


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


def announced(sender, plan_ids, **kwargs):
    plans_changed(plan_ids)


def connect() -> None:
    pre_save.connect(remember_status, sender=Critique, dispatch_uid="pagecache-critique-status")
    pre_save.connect(remember_status, sender=Assessment, dispatch_uid="pagecache-assessment-status")
    pre_save.connect(remember_status, sender=Reply, dispatch_uid="pagecache-reply-status")
    plan_data_changed.connect(announced, dispatch_uid="pagecache-plan-data-changed")
    for model in (
        Plan,
        Critique,
        Citation,
        Assessment,
        Evidence,
        Reply,
        Responsibility,
        *PLAN_ROWS,
        *SHARED_ROWS,
    ):
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
