"""The workflow in the admin, for every declared kind: bulk actions, the buttons of the change
form, the status badge, and the rights the admin asks before it shows a form.

The rules live in reviewing/rules.py; this module only shows what a user may do and turns a
refusal into a message (actions) or a 403 (forms and buttons). A kind's admin mixes in
`ReviewedAdminMixin`, sets `reviewed_kind`, and lists `step_actions(kind, descriptions)`.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import ActionLocation
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from reviewing import rules, services
from reviewing.concurrency import StaleVersion
from reviewing.kinds import ReviewedKind
from reviewing.steps import RETURN_TO_DRAFT, TRANSITIONS
from toolkit.text import is_blank

COMMENT_MAX_CHARS = 5_000


def status_badge(obj):
    return format_html(
        '<span class="nw-status nw-status--{}">{}</span>', obj.status, obj.get_status_display()
    )


class ReturnCommentForm(forms.Form):
    """Why a reviewer sends work back to its author (required when the rules say so)."""

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

    def clean_comment(self) -> str:
        comment = self.cleaned_data["comment"]
        if self.fields["comment"].required and is_blank(comment):
            raise forms.ValidationError(
                self.fields["comment"].error_messages["required"], code="required"
            )
        return services.clean_comment(comment)


def run_step(modeladmin, request, queryset, name: str, comment: str = "") -> None:
    kind: ReviewedKind = modeladmin.reviewed_kind
    done, refused = 0, []
    for obj in queryset:
        try:
            services.transition(kind=kind, obj=obj, user=request.user, name=name, comment=comment)
            done += 1
        except services.TransitionRefused as exc:
            refused.append(str(exc))
    if done:
        step = TRANSITIONS[name]
        modeladmin.message_user(request, kind.wording.done % {"step": step.label, "count": done})
    for reason in refused:
        modeladmin.message_user(
            request, gettext("Refused: %(reason)s") % {"reason": reason}, messages.ERROR
        )


def comment_page(modeladmin, request, selected, form, **context):
    """The page where a reviewer writes why (the bulk action's intermediate page, the button's)."""
    opts = modeladmin.model._meta
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": gettext("Return to draft, with a comment"),
        "opts": opts,
        "critiques": selected,
        "form": form,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        **context,
    }
    template = f"admin/{opts.app_label}/{opts.model_name}/return_to_draft.html"
    return TemplateResponse(request, template, context)


def return_with_comment(modeladmin, request, queryset):
    """Asks for the reviewer's reason first when a selected item is in review and written by
    someone else (kinds that keep comments); returns them with that comment."""
    kind: ReviewedKind = modeladmin.reviewed_kind
    selected = list(queryset)
    needed = any(
        rules.needs_comment(kind=kind, transition=RETURN_TO_DRAFT, obj=obj, user=request.user)
        for obj in selected
    )
    asked = "comment" in request.POST
    if not asked and not needed:
        return run_step(modeladmin, request, queryset, RETURN_TO_DRAFT.name)
    form = ReturnCommentForm(request.POST if asked else None, required=needed)
    if asked and form.is_valid():
        comment = form.cleaned_data["comment"]
        return run_step(modeladmin, request, queryset, RETURN_TO_DRAFT.name, comment)
    return comment_page(
        modeladmin,
        request,
        selected,
        form,
        action="return_to_draft",
        form_action="",
        back_url=request.get_full_path(),
    )


# The bulk actions' names (what a changelist form posts as `action`), by step.
ACTION_NAMES = {"submit": "submit_for_review"}


def step_actions(descriptions: dict[str, str]) -> list:
    """One bulk action per step of the table, named after it ("publish", "submit_for_review"),
    described in the kind's words (`descriptions`: {step name: text})."""

    def make(name: str):
        def action(modeladmin, request, queryset):
            if name == RETURN_TO_DRAFT.name and modeladmin.reviewed_kind.keep_comment:
                return return_with_comment(modeladmin, request, queryset)
            return run_step(modeladmin, request, queryset, name)

        action.__name__ = ACTION_NAMES.get(name, name)
        return admin.action(description=descriptions[name])(action)

    return [make(name) for name in TRANSITIONS if name in descriptions]


class ReviewedAdminMixin:
    """The workflow's rights, buttons and saves on a kind's ModelAdmin."""

    reviewed_kind: ReviewedKind

    # -- rights: the workflow decides ---------------------------------------------------------

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        kind = self.reviewed_kind
        return obj is None or rules.edit_refusal(kind=kind, obj=obj, user=request.user) is None

    def has_delete_permission(self, request, obj=None):
        kind = self.reviewed_kind
        if obj is None:
            return super().has_delete_permission(request) or kind.may(request.user, "withdraw")
        return rules.delete_refusal(kind=kind, obj=obj, user=request.user) is None

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        # Django's bulk delete would remove published work: the workflow withdraws it instead.
        actions = super().get_actions(request, action_location)
        actions.pop("delete_selected", None)
        return actions

    # -- saving -------------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        services.save(kind=self.reviewed_kind, obj=obj, user=request.user)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            inline_form.instance._history_user = request.user
        super().save_formset(request, form, formset, change)

    def delete_model(self, request, obj):
        services.delete(kind=self.reviewed_kind, obj=obj, user=request.user)

    def stale_message(self, exc: StaleVersion) -> str:
        return str(exc)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleVersion as exc:
            # Only when two saves race past the form's check at the same instant.
            self.message_user(request, self.stale_message(exc), messages.ERROR)
            return HttpResponseRedirect(request.path)
        except services.TransitionRefused as exc:
            raise PermissionDenied(str(exc)) from exc

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            kind = self.reviewed_kind
            steps = rules.available_transitions(kind=kind, obj=obj, user=request.user)
            context["workflow_steps"] = [
                {
                    "name": step.name,
                    "label": step.label,
                    "url": reverse(f"{kind.admin_url_prefix}_transition", args=[obj.pk, step.name]),
                }
                for step in steps
            ]
            context["status_badge"] = status_badge(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # -- the buttons: one POST per step -------------------------------------------------------

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<int:pk>/transition/<slug:name>/",
                self.admin_site.admin_view(self.transition_view),
                name=f"{opts.app_label}_{opts.model_name}_transition",
            ),
            *super().get_urls(),
        ]

    def transition_view(self, request, pk: int, name: str):
        if name == RETURN_TO_DRAFT.name and self.reviewed_kind.keep_comment:
            return self._return_to_draft(request, pk)
        return require_POST(self._transition)(request, pk, name)

    def _return_to_draft(self, request, pk: int):
        """The button's page: the reviewer writes why (required when rules.needs_comment)."""
        kind = self.reviewed_kind
        obj = get_object_or_404(self.model, pk=pk)
        step = RETURN_TO_DRAFT
        reason = rules.refusal(kind=kind, transition=step, obj=obj, user=request.user)
        if reason:
            raise PermissionDenied(reason)
        needed = rules.needs_comment(kind=kind, transition=step, obj=obj, user=request.user)
        asked = request.method == "POST" and "comment" in request.POST
        if request.method == "POST" and not needed and not asked:
            return self._transition(request, pk, step.name)
        form = ReturnCommentForm(request.POST if asked else None, required=needed)
        if asked and form.is_valid():
            return self._transition(request, pk, step.name, form.cleaned_data["comment"])
        change_url = reverse(f"{kind.admin_url_prefix}_change", args=[pk])
        return comment_page(
            self, request, [obj], form, form_action=request.path, back_url=change_url, action=""
        )

    def _transition(self, request, pk: int, name: str, comment: str = ""):
        kind = self.reviewed_kind
        obj = get_object_or_404(self.model, pk=pk)
        if name not in TRANSITIONS:
            return HttpResponseBadRequest(gettext("Unknown step %(name)r.") % {"name": name})
        try:
            services.transition(kind=kind, obj=obj, user=request.user, name=name, comment=comment)
        except services.TransitionRefused as exc:
            raise PermissionDenied(str(exc)) from exc
        self.message_user(
            request,
            gettext("“%(title)s” is now %(status)s.")
            % {"title": obj.title, "status": str(obj.get_status_display()).lower()},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse(f"{kind.admin_url_prefix}_change", args=[pk]))


class ReviewedInlineMixin:
    """An inline of a reviewed judgement (a critique's citations, an assessment's evidence):
    editable only while the judgement itself may be edited."""

    reviewed_kind: ReviewedKind

    def _parent_editable(self, request, obj) -> bool:
        kind = self.reviewed_kind
        return obj is None or rules.edit_refusal(kind=kind, obj=obj, user=request.user) is None

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._parent_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._parent_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._parent_editable(request, obj)
