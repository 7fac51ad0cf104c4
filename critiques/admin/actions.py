"""The workflow in the critique list: bulk actions, the pillar filter and the status badge.

Workflow rules live in critiques/services.py; an action only turns a refusal into a message."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from critiques import services
from critiques.models import Critique
from plans.models import Pillar, Plan


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


COMMENT_MAX_CHARS = 5_000


class ReturnCommentForm(forms.Form):
    """Why a reviewer sends a critique back to its author (required when services say so)."""

    comment = forms.CharField(
        label=_("Why are you returning it? Its author will read this."),
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80}),
        max_length=COMMENT_MAX_CHARS,
        required=False,
        strip=True,
    )

    def __init__(self, *args, required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = required
        if required:
            self.fields["comment"].error_messages["required"] = _(
                "Write why you return it: its author needs to know what to fix."
            )


def comment_needed(critiques, user) -> bool:
    return any(
        services.needs_comment(transition=services.RETURN_TO_DRAFT, critique=c, user=user)
        for c in critiques
    )


def _run_transition(modeladmin, request, queryset, name: str, comment: str = ""):
    step = services.TRANSITIONS[name]
    done, refused = 0, []
    for critique in queryset:
        try:
            services.transition(critique=critique, user=request.user, name=name, comment=comment)
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
    """Asks for the reviewer's reason first (an intermediate page) when a selected critique is in
    review and written by someone else; returns them with that comment."""
    selected = list(queryset)
    needed = comment_needed(selected, request.user)
    asked = "comment" in request.POST
    if not asked and not needed:
        _run_transition(modeladmin, request, queryset, services.RETURN_TO_DRAFT.name)
        return None
    form = ReturnCommentForm(request.POST if asked else None, required=needed)
    if asked and form.is_valid():
        _run_transition(
            modeladmin,
            request,
            queryset,
            services.RETURN_TO_DRAFT.name,
            comment=form.cleaned_data["comment"],
        )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": gettext("Return to draft, with a comment"),
        "opts": modeladmin.model._meta,
        "critiques": selected,
        "form": form,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "action": "return_to_draft",
        "form_action": "",
        "back_url": request.get_full_path(),
    }
    return TemplateResponse(request, "admin/critiques/critique/return_to_draft.html", context)


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
