"""The assessments' admin: the critiques' workflow (buttons, bulk actions, history, optimistic
concurrency) and, for each plan, every criterion of the rubric listed, filled or not.

The workflow (its rules, buttons, bulk actions, rights and saves) is reviewing/'s, read through
the assessments' declaration (scorecards/services.py); this module adds the per-plan list. Rubrics and criteria come
from rubric files (`manage.py load_rubric`) and are read-only here.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from plans.admin import GuardedHistoryAdmin, TranslatedAdminMixin, localized
from plans.models import Plan
from reviewing.admin import ReviewedAdminMixin, ReviewedInlineMixin, status_badge, step_actions
from scorecards import services
from scorecards.models import Assessment, Criterion, Evidence, Rubric
from toolkit.forms import VisibleTextRequired


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rubrics are data from rubric files: shown, never edited here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Rubric)
class RubricAdmin(ReadOnlyAdmin):
    list_display = ("key", "version", "title")
    search_fields = ("key", *localized("title"))


@admin.register(Criterion)
class CriterionAdmin(ReadOnlyAdmin):
    list_display = ("key", "rubric", "dimension", "level", "kind", "framework")
    list_filter = ("rubric", "dimension", "level", "kind")
    list_select_related = ("rubric",)
    search_fields = ("key", *localized("question"))


class EvidenceInline(ReviewedInlineMixin, admin.TabularInline):
    reviewed_kind = services.ASSESSMENTS
    model = Evidence
    extra = 0
    fields = (
        "order",
        "pillar",
        "objective",
        "line",
        "indicator",
        "critique",
        "source",
        "locator",
        "quote",
    )
    autocomplete_fields = ("pillar", "objective", "line", "indicator", "critique", "source")
    verbose_name = _("evidence (one element, critique or source per row)")
    verbose_name_plural = _("evidence")


class AssessmentForm(VisibleTextRequired, forms.ModelForm):
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Assessment
        fields = [
            "plan",
            "criterion",
            "level",
            "confidence",
            *localized("rationale"),
            "text_language",
            "translation_status",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = Criterion.objects.filter(
            kind=Criterion.Kind.JUDGED
        ).select_related("rubric")
        if self.instance.pk and not self.is_bound:
            self.initial["seen_version"] = (
                Assessment.objects.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        current = (
            Assessment.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        seen = cleaned.get("seen_version")
        if seen is not None and current is not None and seen != current:
            raise forms.ValidationError(
                gettext(
                    "Someone else saved this assessment after you opened it (version %(seen)s, "
                    "now %(current)s). Reload it and make your change again."
                )
                % {"seen": seen, "current": current}
            )
        return cleaned


# The steps of the one table, as bulk actions, in the assessments' words.
STEP_ACTIONS = step_actions(
    {
        "submit": _("Submit selected assessments for review"),
        "publish": _("Publish selected assessments"),
        "withdraw": _("Withdraw selected assessments"),
        "return_to_draft": _("Return selected assessments to draft"),
    }
)


@admin.register(Assessment)
class AssessmentAdmin(ReviewedAdminMixin, TranslatedAdminMixin, GuardedHistoryAdmin):
    reviewed_kind = services.ASSESSMENTS
    form = AssessmentForm
    list_display = (
        "criterion_column",
        "plan",
        "level",
        "confidence",
        "status_column",
        "author",
        "scorecard_column",
    )
    list_filter = ("plan", "criterion__rubric", "criterion__dimension", "status", "level")
    list_select_related = ("plan", "criterion", "author")
    search_fields = ("criterion__key", *localized("rationale"), "plan__slug")
    autocomplete_fields = ("plan",)
    readonly_fields = ("status_column", "author", "published_at", "published_by", "version")
    fieldsets = (
        (None, {"fields": ("plan", "criterion", "level", "confidence")}),
        (_("Rationale (Markdown)"), {"fields": (localized("rationale"),)}),
        (_("Translation"), {"fields": ("text_language", "translation_status")}),
        (
            _("Workflow"),
            {
                "fields": (
                    "status_column",
                    "author",
                    "published_at",
                    "published_by",
                    "version",
                    "seen_version",
                )
            },
        ),
    )
    inlines = [EvidenceInline]
    actions = STEP_ACTIONS
    history_list_display = ["status", "level", "version"]
    change_form_template = "admin/scorecards/assessment/change_form.html"
    change_list_template = "admin/scorecards/assessment/change_list.html"

    @admin.display(description=_("criterion"), ordering="criterion__order")
    def criterion_column(self, obj: Assessment):
        return obj.criterion.key

    @admin.display(description=_("status"), ordering="status")
    def status_column(self, obj: Assessment):
        return status_badge(obj)

    @admin.display(description=_("scorecard"))
    def scorecard_column(self, obj: Assessment):
        url = reverse("admin:scorecards_assessment_plan", args=[obj.plan_id])
        return format_html('<a href="{}">{}</a>', url, gettext("every criterion"))

    def changelist_view(self, request, extra_context=None):
        plans = Plan.objects.filter(is_synthetic=False).order_by("country", "slug")
        return super().changelist_view(request, {**(extra_context or {}), "scorecard_plans": plans})

    def get_changeform_initial_data(self, request):
        """The per-plan view's "fill in" links give the plan and the criterion."""
        initial = super().get_changeform_initial_data(request)
        for name in ("plan", "criterion"):
            value = request.GET.get(name, "")
            if value.isdigit():
                initial[name] = int(value)
        return initial

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        return fieldsets if obj is not None else fieldsets[:3]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["scorecard_url"] = reverse(
                "admin:scorecards_assessment_plan", args=[obj.plan_id]
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    # -- each plan's criteria, filled or not ---------------------------------------------------

    def get_urls(self):
        return [
            path(
                "plan/<int:plan_id>/",
                self.admin_site.admin_view(self.plan_view),
                name="scorecards_assessment_plan",
            ),
            *super().get_urls(),
        ]

    def plan_view(self, request, plan_id: int):
        """Every criterion of every rubric for one plan: its assessment, or a link to fill it."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        plan = get_object_or_404(Plan, pk=plan_id)
        assessments = {
            a.criterion_id: a for a in Assessment.objects.filter(plan=plan).select_related("author")
        }
        may_add = self.has_add_permission(request)
        add_url = reverse("admin:scorecards_assessment_add")
        rows = []
        for criterion in Criterion.objects.select_related("rubric").order_by("rubric", "order"):
            assessment = assessments.get(criterion.pk)
            rows.append(
                {
                    "criterion": criterion,
                    "assessment": assessment,
                    "status": status_badge(assessment) if assessment else "",
                    "change_url": reverse(
                        "admin:scorecards_assessment_change", args=[assessment.pk]
                    )
                    if assessment
                    else "",
                    "add_url": f"{add_url}?plan={plan.pk}&criterion={criterion.pk}"
                    if may_add and not criterion.is_computed and not assessment
                    else "",
                }
            )
        filled = sum(1 for row in rows if row["assessment"])
        judged = sum(1 for row in rows if not row["criterion"].is_computed)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Scorecard of %(plan)s") % {"plan": plan},
            "plan": plan,
            "rows": rows,
            "filled": filled,
            "judged": judged,
            "plans": Plan.objects.filter(is_synthetic=False).order_by("country", "slug"),
        }
        return TemplateResponse(request, "admin/scorecards/assessment/plan_scorecard.html", context)
