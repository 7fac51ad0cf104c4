"""The editors' admin: critiques with their workflow, history, preview and citations.

Workflow rules live in critiques/services.py; this module only shows what a user may do and
turns a refusal into a message (actions) or a 403 (forms and buttons).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router, transaction
from django.http import HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin

from critiques import services
from critiques.markdown import render_markdown
from critiques.models import TARGET_FIELDS, Citation, Critique, Recommendation, StaleCritique
from plans.models import Pillar, Plan

PREVIEW_MAX_CHARS = 50_000
IGNORED_IN_DIFF = {"version", "updated_at", "body_html"}


class GuardedHistoryAdmin(SimpleHistoryAdmin):
    """simple-history's admin, except that reverting needs the right to change the object.

    (simple-history saves a posted revert form for anyone who may view the history.)"""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if obj is None or not self.has_change_permission(request, obj):
                raise PermissionDenied
        # One transaction, as for the admin's own change form (the critique form locks its row).
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)


def changes_since(critique: Critique, seen_version: int) -> str:
    """What others changed after `seen_version`, by whom and when, for a person to read."""
    records = list(
        Critique.history.filter(id=critique.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    seen = [r for r in records if r.version <= seen_version]
    later = [r for r in records if r.version > seen_version]
    if not later:
        return "It was changed by someone else."
    newest = later[-1]
    who = sorted({str(r.history_user or "the plan loader") for r in later})
    when = newest.history_date.strftime("%Y-%m-%d %H:%M UTC")
    parts = []
    if seen:
        delta = newest.diff_against(seen[-1], excluded_fields=IGNORED_IN_DIFF)
        for change in delta.changes:
            label = Critique._meta.get_field(change.field).verbose_name
            old, new = str(change.old or "—"), str(change.new or "—")
            if len(old) > 80 or len(new) > 80:
                parts.append(f"{label} (changed)")
            else:
                parts.append(f"{label}: “{old}” → “{new}”")
    changed = "; ".join(parts) or "no visible fields"
    return (
        f"Someone else saved this critique while you were editing it "
        f"(by {', '.join(who)}, {when}, now version {newest.version}). "
        f"Their changes: {changed}. Your edits were NOT saved; they are still in the form below. "
        "Check their changes, then save again to keep yours."
    )


class CritiqueForm(forms.ModelForm):
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Critique
        fields = [
            "title",
            "key",
            "kind",
            "category",
            "severity",
            "compares_with",
            *TARGET_FIELDS,
            "body",
            "remedy",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            # The database's version, not the instance's: a revert form shows an old instance.
            self.initial["seen_version"] = (
                Critique.objects.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        seen = cleaned.get("seen_version")
        # Lock the row for the rest of the admin's transaction, so the check and the save agree.
        current = (
            Critique.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if seen is None or current is None:
            raise ValidationError("This form is out of date: reload the critique.")
        if seen != current:
            message = changes_since(self.instance, seen)
            data = self.data.copy()
            data[self.add_prefix("seen_version")] = current
            self.data = data
            raise ValidationError(message, code="stale")
        self.instance.version = seen
        return cleaned


class CitationInline(admin.TabularInline):
    model = Citation
    extra = 0
    fields = ("order", "source", "locator", "quote")
    autocomplete_fields = ("source",)
    verbose_name = "cited source"
    verbose_name_plural = "cited sources (with page or section)"

    def _critique_editable(self, request, obj) -> bool:
        return obj is None or services.edit_refusal(critique=obj, user=request.user) is None

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._critique_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._critique_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._critique_editable(request, obj)


class PillarFilter(admin.SimpleListFilter):
    """Critiques of a pillar or of anything in its tree (pillars of the chosen plan)."""

    title = "pillar"
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
            request, f"{step.label}: {done} critique{'s' if done != 1 else ''} done."
        )
    for reason in refused:
        modeladmin.message_user(request, f"Refused: {reason}", messages.ERROR)


@admin.action(description="Submit selected critiques for review")
def submit_for_review(modeladmin, request, queryset):
    _run_transition(modeladmin, request, queryset, services.SUBMIT.name)


@admin.action(description="Publish selected critiques")
def publish(modeladmin, request, queryset):
    _run_transition(modeladmin, request, queryset, services.PUBLISH.name)


@admin.action(description="Withdraw selected critiques")
def withdraw(modeladmin, request, queryset):
    _run_transition(modeladmin, request, queryset, services.WITHDRAW.name)


@admin.action(description="Return selected critiques to draft")
def return_to_draft(modeladmin, request, queryset):
    _run_transition(modeladmin, request, queryset, services.RETURN_TO_DRAFT.name)


@admin.action(description="Delete selected critiques (published ones are withdrawn instead)")
def delete_or_withdraw(modeladmin, request, queryset):
    outcomes = {"deleted": 0, "withdrawn": 0}
    for critique in queryset:
        try:
            outcomes[services.delete_critique(critique=critique, user=request.user)] += 1
        except services.TransitionRefused as exc:
            modeladmin.message_user(request, f"Refused: {exc}", messages.ERROR)
    if outcomes["deleted"] or outcomes["withdrawn"]:
        modeladmin.message_user(
            request,
            f"{outcomes['deleted']} deleted; {outcomes['withdrawn']} withdrawn "
            "(published critiques are kept, with their history).",
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


@admin.register(Critique)
class CritiqueAdmin(GuardedHistoryAdmin):
    form = CritiqueForm
    list_display = (
        "title",
        "target_column",
        "kind",
        "category",
        "severity",
        "status_column",
        "author",
        "updated_column",
    )
    list_display_links = ("title",)
    list_filter = (
        "plan",
        PillarFilter,
        "category",
        "kind",
        "severity",
        "status",
        ("author", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = (
        "title",
        "body",
        "key",
        "target_section__title_en",
        "target_pillar__name_en",
        "target_objective__code",
        "target_objective__wording_en",
        "target_objective__wording_original",
        "target_line__code",
        "target_line__wording_en",
        "target_line__wording_original",
        "target_indicator__code",
        "target_indicator__wording_en",
        "target_indicator__wording_original",
    )
    search_help_text = "Searches titles, bodies and the wording or code of the critiqued element."
    list_select_related = ("plan", "author", *TARGET_FIELDS)
    list_per_page = 50
    autocomplete_fields = ("compares_with", *TARGET_FIELDS)
    prepopulated_fields = {"key": ("title",)}
    readonly_fields = (
        "preview",
        "status_column",
        "plan",
        "author",
        "published_at",
        "published_by",
        "version",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("title", "key", "kind", "category", "severity", "compares_with")}),
        (
            "What it criticises: choose exactly one",
            {
                "description": "Type a code (PART-I3) or words of the wording to find an element.",
                "classes": ["nw-targets"],
                "fields": (tuple(TARGET_FIELDS[:3]), tuple(TARGET_FIELDS[3:])),
            },
        ),
        ("Text", {"fields": ("body", "preview", "remedy")}),
        (
            "Workflow",
            {
                "fields": (
                    "status_column",
                    "plan",
                    "author",
                    "published_at",
                    "published_by",
                    "version",
                    "created_at",
                    "updated_at",
                    "seen_version",
                )
            },
        ),
    )
    inlines = [CitationInline]
    actions = [submit_for_review, publish, withdraw, return_to_draft, delete_or_withdraw]
    history_list_display = ["status", "version"]
    change_form_template = "admin/critiques/critique/change_form.html"

    class Media:
        js = ["admin-extra/markdown-preview.js"]

    # -- columns ----------------------------------------------------------------------------

    @admin.display(description="target", ordering="target_indicator__code")
    def target_column(self, obj: Critique):
        label = obj.target_label
        short = label if len(label) <= 70 else f"{label[:69]}…"
        return format_html(
            '<span class="nw-target-type">{}</span> {}', obj.target_type or "—", short
        )

    @admin.display(description="status", ordering="status")
    def status_column(self, obj: Critique):
        return status_badge(obj)

    @admin.display(description="updated", ordering="updated_at")
    def updated_column(self, obj: Critique):
        return obj.updated_at.strftime("%Y-%m-%d %H:%M") if obj.updated_at else "—"

    @admin.display(description="preview (sanitised, as the public will see it)")
    def preview(self, obj: Critique | None):
        url = reverse("admin:critiques_critique_preview")
        # body_html is nh3-sanitised on save (critiques/markdown.py): safe to show as HTML.
        html = mark_safe(obj.body_html) if obj and obj.pk else ""  # noqa: S308
        return format_html(
            '<div class="nw-preview" data-preview-url="{}" aria-live="polite">{}</div>', url, html
        )

    # -- permissions ------------------------------------------------------------------------

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or services.edit_refusal(critique=obj, user=request.user) is None

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return super().has_delete_permission(request) or request.user.has_perm(
                "critiques.withdraw_critique"
            )
        return services.delete_refusal(critique=obj, user=request.user) is None

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        # Django's bulk delete would remove published critiques: ours withdraws them instead.
        actions = super().get_actions(request, action_location)
        actions.pop("delete_selected", None)
        return actions

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:  # a new critique is a draft by its writer: no workflow to show yet
            fieldsets = [fs for fs in fieldsets if fs[0] != "Workflow"]
        return fieldsets

    # -- saving -----------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        services.save_critique(critique=obj, user=request.user)

    def save_formset(self, request, form, formset, change):
        for citation_form in formset.forms:
            citation_form.instance._history_user = request.user
        super().save_formset(request, form, formset, change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleCritique as exc:
            # Only when two saves race past the form's check at the same instant.
            self.message_user(
                request,
                changes_since(exc.critique, exc.seen_version) + " Reload and edit again.",
                messages.ERROR,
            )
            return HttpResponseRedirect(request.path)
        except services.TransitionRefused as exc:
            raise PermissionDenied(str(exc)) from exc

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["workflow_steps"] = [
                {
                    "name": step.name,
                    "label": step.label,
                    "url": reverse("admin:critiques_critique_transition", args=[obj.pk, step.name]),
                }
                for step in services.available_transitions(critique=obj, user=request.user)
            ]
            context["status_badge"] = status_badge(obj)
            context["public_url"] = obj.target_url() if obj.status == "published" else ""
        return super().render_change_form(request, context, add, change, form_url, obj)

    # -- deleting: a published critique is withdrawn, never removed ---------------------------

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not obj.was_published:
            return super().delete_view(request, object_id, extra_context)
        reason = services.delete_refusal(critique=obj, user=request.user)
        if reason:
            raise PermissionDenied(reason)
        if request.method == "POST":
            services.delete_critique(critique=obj, user=request.user)
            self.message_user(
                request,
                f"“{obj.title}” was published, so it was withdrawn rather than deleted: "
                "it no longer appears on public pages, and it is kept with its history.",
            )
            return HttpResponseRedirect(reverse("admin:critiques_critique_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": "Withdraw instead of deleting",
            "object": obj,
            "opts": self.opts,
            "change_url": reverse("admin:critiques_critique_change", args=[obj.pk]),
        }
        return TemplateResponse(request, "admin/critiques/critique/withdraw_instead.html", context)

    # -- extra views: workflow buttons and the Markdown preview --------------------------------

    def get_urls(self):
        extra = [
            path(
                "preview/",
                self.admin_site.admin_view(self.preview_view),
                name="critiques_critique_preview",
            ),
            path(
                "<int:pk>/transition/<slug:name>/",
                self.admin_site.admin_view(self.transition_view),
                name="critiques_critique_transition",
            ),
        ]
        return extra + super().get_urls()

    def preview_view(self, request):
        """POST body=<markdown> → {"html": sanitised HTML}; for people who may write critiques."""
        if request.method != "POST":
            return HttpResponseBadRequest("POST the Markdown as `body`.")
        if not (
            request.user.has_perm("critiques.add_critique")
            or request.user.has_perm("critiques.change_critique")
        ):
            raise PermissionDenied
        body = request.POST.get("body", "")
        if len(body) > PREVIEW_MAX_CHARS:
            return JsonResponse(
                {"error": f"The body is longer than {PREVIEW_MAX_CHARS} characters."}, status=400
            )
        return JsonResponse({"html": render_markdown(body)})

    def transition_view(self, request, pk: int, name: str):
        return require_POST(self._transition)(request, pk, name)

    def _transition(self, request, pk: int, name: str):
        critique = get_object_or_404(Critique, pk=pk)
        if name not in services.TRANSITIONS:
            return HttpResponseBadRequest(f"Unknown step {name!r}.")
        try:
            services.transition(critique=critique, user=request.user, name=name)
        except services.TransitionRefused as exc:
            raise PermissionDenied(str(exc)) from exc
        critique.refresh_from_db()
        self.message_user(
            request,
            f"“{critique.title}” is now {critique.get_status_display().lower()}.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:critiques_critique_change", args=[pk]))


@admin.register(Recommendation)
class RecommendationAdmin(GuardedHistoryAdmin):
    list_display = ("title", "plan", "order")
    list_filter = ("plan",)
    list_select_related = ("plan",)
    search_fields = ("title", "body")
    autocomplete_fields = ("plan", "source", "critiques")


# -- critiques on the pages of the elements they criticise ----------------------------------


class CritiqueListInline(admin.TabularInline):
    """The element's critiques, read-only, each linking to its own page."""

    model = Critique
    extra = 0
    fields = ("title", "kind", "severity", "status_column", "author")
    readonly_fields = fields
    show_change_link = True
    can_delete = False
    verbose_name_plural = "critiques of this element"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")

    @admin.display(description="status")
    def status_column(self, obj):
        return status_badge(obj)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("critiques.view_critique")


class CritiqueInlineFormSet(forms.BaseInlineFormSet):
    """Saves new critiques through the workflow service: a draft, by the person adding it."""

    request = None

    def save_new(self, form, commit=True):
        setattr(form.instance, self.fk.name, self.instance)
        critique = form.save(commit=False)
        services.save_critique(critique=critique, user=self.request.user)
        return critique


class CritiqueAddInline(admin.StackedInline):
    """Write a new critique of this element; its plan and target are filled in."""

    model = Critique
    formset = CritiqueInlineFormSet
    extra = 0
    fields = ("title", "key", "kind", "category", "severity", "body", "remedy")
    prepopulated_fields = {"key": ("title",)}
    verbose_name = "new critique of this element"
    verbose_name_plural = "write a critique of this element"

    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (formset,), {"request": request})

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        # Only where the element's own page can be saved; editors use the "Write a critique" link.
        parent = self.parent_model._meta
        may_change_parent = request.user.has_perm(f"{parent.app_label}.change_{parent.model_name}")
        return may_change_parent and super().has_add_permission(request, obj)


def critique_inlines(target_field: str) -> list[type]:
    """The two critique inlines for an element admin whose critiques point at it by `target_field`."""
    attrs = {"fk_name": target_field}
    listing = type(f"CritiqueList_{target_field}", (CritiqueListInline,), attrs)
    adding = type(f"CritiqueAdd_{target_field}", (CritiqueAddInline,), attrs)
    return [listing, adding]


def write_critique_link(obj, target_field: str):
    """A link to the critique form with this element chosen as the target."""
    if obj is None or obj.pk is None:
        return "—"
    url = reverse("admin:critiques_critique_add")
    return format_html(
        '<a class="button nw-write-critique" href="{}?{}={}">Write a critique of {}</a>',
        url,
        target_field,
        obj.pk,
        getattr(obj, "code", None) or str(obj),
    )
