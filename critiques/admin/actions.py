"""The critique list's filters (by plan, by pillar) and its delete-or-withdraw action.

The workflow's own actions (submit, publish, withdraw, return to draft with a comment) and the
status badge are reviewing/admin.py's, shared with assessments; an action only turns a refusal
into a message."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from critiques import services
from plans.models import Pillar, Plan
from reviewing import services as workflow
from reviewing.admin import step_actions


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else f"{text[: limit - 1].rstrip()}…"


class PlanFilter(admin.SimpleListFilter):
    """By plan, with short labels ("Mexico 2021") instead of the full official titles."""

    title = _("plan")
    parameter_name = "plan__id__exact"

    def lookups(self, request, model_admin):
        plans = Plan.objects.order_by("is_synthetic", "country", "-adopted_on")
        return [(str(p.pk), p.short_label) for p in plans]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        return queryset.filter(plan_id=value) if value.isdigit() else queryset.none()


class PillarFilter(admin.SimpleListFilter):
    """Critiques of a pillar or of anything in its tree (pillars of the chosen plan)."""

    title = _("pillar")
    parameter_name = "pillar"

    def lookups(self, request, model_admin):
        plans = Plan.objects.all()
        plan_id = request.GET.get("plan__id__exact")
        if plan_id and plan_id.isdigit():
            plans = plans.filter(pk=plan_id)
        else:
            plans = plans.filter(is_synthetic=False)
        pillars = Pillar.objects.filter(plan__in=plans).select_related("plan")
        return [(str(p.pk), f"{p.plan.short_label}: {shorten(p.name_en, 40)}") for p in pillars]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        if not value.isdigit():
            return queryset.none()
        pillar = Pillar.objects.filter(pk=value).first()
        return queryset.for_pillar(pillar) if pillar else queryset.none()


# The steps of the one table, as bulk actions, in the critiques' words.
STEP_ACTIONS = step_actions(
    {
        "submit": _("Submit selected critiques for review"),
        "publish": _("Publish selected critiques"),
        "withdraw": _("Withdraw selected critiques"),
        "return_to_draft": _("Return selected critiques to draft"),
    }
)


@admin.action(description=_("Delete selected critiques (published ones are withdrawn instead)"))
def delete_or_withdraw(modeladmin, request, queryset):
    outcomes = {"deleted": 0, "withdrawn": 0}
    for critique in queryset:
        try:
            outcomes[services.delete_critique(critique=critique, user=request.user)] += 1
        except workflow.TransitionRefused as exc:
            modeladmin.message_user(
                request, gettext("Refused: %(reason)s") % {"reason": exc}, messages.ERROR
            )
    if outcomes["deleted"] or outcomes["withdrawn"]:
        modeladmin.message_user(
            request,
            gettext(
                "%(deleted)d deleted; %(withdrawn)d withdrawn "
                "(published critiques are kept, with their history)."
            )
            % outcomes,
        )
