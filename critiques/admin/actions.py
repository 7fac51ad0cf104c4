"""The workflow in the critique list: bulk actions, the pillar filter and the status badge.

Workflow rules live in critiques/services.py; an action only turns a refusal into a message."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from critiques import services
from critiques.models import Critique
from plans.models import Pillar, Plan


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
        return [(str(p.pk), f"{p.plan.slug}: {p.name_en}") for p in pillars]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        if not value.isdigit():
            return queryset.none()
        pillar = Pillar.objects.filter(pk=value).first()
        return queryset.for_pillar(pillar) if pillar else queryset.none()


def _run_transition(modeladmin, request, queryset, name: str):
    step = services.TRANSITIONS[name]
    done, refused = 0, []
    for critique in queryset:
        try:
            services.transition(critique=critique, user=request.user, name=name)
            done += 1
        except services.TransitionRefused as exc:
            refused.append(str(exc))
    if done:
        modeladmin.message_user(
            request,
            ngettext(
                "%(step)s: %(count)d critique done.", "%(step)s: %(count)d critiques done.", done
            )
            % {"step": step.label, "count": done},
        )
    for reason in refused:
        modeladmin.message_user(
            request, gettext("Refused: %(reason)s") % {"reason": reason}, messages.ERROR
        )


@admin.action(description=_("Submit selected critiques for review"))
def submit_for_review(modeladmin, request, queryset):
    _run_transition(modeladmin, request, queryset, services.SUBMIT.name)


@admin.action(description=_("Publish selected critiques"))
def publish(modeladmin, request, queryset):
    _run_transition(modeladmin, request, queryset, services.PUBLISH.name)


@admin.action(description=_("Withdraw selected critiques"))
def withdraw(modeladmin, request, queryset):
    _run_transition(modeladmin, request, queryset, services.WITHDRAW.name)


@admin.action(description=_("Return selected critiques to draft"))
def return_to_draft(modeladmin, request, queryset):
    _run_transition(modeladmin, request, queryset, services.RETURN_TO_DRAFT.name)


@admin.action(description=_("Delete selected critiques (published ones are withdrawn instead)"))
def delete_or_withdraw(modeladmin, request, queryset):
    outcomes = {"deleted": 0, "withdrawn": 0}
    for critique in queryset:
        try:
            outcomes[services.delete_critique(critique=critique, user=request.user)] += 1
        except services.TransitionRefused as exc:
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


STATUS_CLASSES = {
    Critique.Status.DRAFT: "draft",
    Critique.Status.IN_REVIEW: "in-review",
    Critique.Status.PUBLISHED: "published",
    Critique.Status.WITHDRAWN: "withdrawn",
}


def status_badge(critique: Critique):
    return format_html(
        '<span class="nw-status nw-status--{}">{}</span>',
        STATUS_CLASSES.get(critique.status, "draft"),
        critique.get_status_display(),
    )
