"""The critique and recommendation admins: workflow buttons, history, preview, citations."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from critiques import services
from critiques.admin import picker
from critiques.admin.actions import STEP_ACTIONS, PillarFilter, PlanFilter, delete_or_withdraw
from critiques.admin.forms import PREVIEW_MAX_CHARS, CritiqueForm, changes_since
from critiques.admin.target_panel import target_panel
from critiques.markdown import render_markdown
from critiques.models import (
    TARGET_FIELDS,
    Citation,
    Critique,
    Recommendation,
    StaleCritique,
)
from plans.admin import (
    GuardedHistoryAdmin,
    NeedsTranslationFilter,
    TranslatedAdminMixin,
    localized,
)
from plans.models import Plan, site_languages
from reviewing import rules
from reviewing.admin import ReviewedAdminMixin, ReviewedInlineMixin, status_badge

# The fieldset a new critique does without (get_fieldsets): compared by identity, whatever the
# editor's language.
WORKFLOW = _("Workflow")


class CitationInline(ReviewedInlineMixin, admin.TabularInline):
    reviewed_kind = services.CRITIQUES
    model = Citation
    extra = 0
    fields = ("order", "source", "locator", "quote")
    autocomplete_fields = ("source",)
    verbose_name = _("cited source")
    verbose_name_plural = _("cited sources (with page or section)")


@admin.register(Critique)
class CritiqueAdmin(ReviewedAdminMixin, TranslatedAdminMixin, GuardedHistoryAdmin):
    reviewed_kind = services.CRITIQUES
    form = CritiqueForm
    list_display = (
        "title",
        "plan_column",
        "target_column",
        "kind",
        "category",
        "severity",
        "status_column",
        "translation_column",
        "author",
        "updated_column",
    )
    list_display_links = ("title",)
    list_filter = (
        PlanFilter,
        PillarFilter,
        "category",
        "kind",
        "severity",
        "status",
        NeedsTranslationFilter,
        "text_language",
        ("author", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = (
        *localized("title"),
        *localized("body"),
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
    search_help_text = _(
        "Searches titles, bodies and the wording or code of the critiqued element."
    )
    list_select_related = ("plan", "author", *TARGET_FIELDS)
    list_per_page = 50
    prepopulated_fields = {"key": (localized("title")[0],)}
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
    # Each text's languages side by side on one line (modeltranslation's columns)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    localized("title"),
                    "key",
                    "kind",
                    "category",
                    "severity",
                    "compares_with",
                )
            },
        ),
        (
            _("What it criticises: choose exactly one"),
            {
                "description": _(
                    "Choose the plan, then type a code (PART-I3) or words of the wording."
                ),
                "classes": ["nw-targets"],
                "fields": (("target_in_plan", "target"),),
            },
        ),
        (
            _("Text"),
            {
                "classes": ["nw-text"],
                "fields": (localized("body"), "preview", localized("remedy")),
            },
        ),
        (
            _("Translation"),
            {
                "description": "Quotations stay in the language they were written in.",
                "fields": ("text_language", "translation_status"),
            },
        ),
        (
            WORKFLOW,
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
    actions = [*STEP_ACTIONS, delete_or_withdraw]
    history_list_display = ["status", "version"]
    change_form_template = "admin/critiques/critique/change_form.html"

    class Media:
        js = ["admin-extra/markdown-preview.js", "admin-extra/target-picker.js"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name.startswith("title"):  # a title is read whole, not 35 characters of it
            classes = field.widget.attrs.get("class", "vTextField")
            field.widget.attrs["class"] = f"{classes} nw-wide"
        return field

    # -- columns ----------------------------------------------------------------------------

    @admin.display(description=_("plan"), ordering="plan__country")
    def plan_column(self, obj: Critique):
        return obj.plan.short_label

    @admin.display(description=_("target"), ordering="target_indicator__code")
    def target_column(self, obj: Critique):
        label = obj.target_label
        short = label if len(label) <= 70 else f"{label[:69]}…"
        return format_html(
            '<span class="nw-target-type">{}</span> {}', obj.target_type or "—", short
        )

    @admin.display(description=_("status"), ordering="status")
    def status_column(self, obj: Critique):
        return status_badge(obj)

    @admin.display(description=_("updated"), ordering="updated_at")
    def updated_column(self, obj: Critique):
        return obj.updated_at.strftime("%Y-%m-%d %H:%M") if obj.updated_at else "—"

    @admin.display(description=_("preview (sanitised, as the public will see it)"))
    def preview(self, obj: Critique | None):
        """One preview per language, beside each other like the bodies they render."""
        url = reverse("admin:critiques_critique_preview")
        previews = []
        for code, body, rendered in zip(
            site_languages(), localized("body"), localized("body_html"), strict=True
        ):
            # body_html is nh3-sanitised on save (critiques/markdown.py): safe to show as HTML.
            html = mark_safe(getattr(obj, rendered) or "") if obj and obj.pk else ""  # noqa: S308
            previews.append(
                format_html(
                    '<div class="nw-preview" lang="{}" data-preview-url="{}" data-preview-for="id_{}"'
                    ' data-unavailable="{}" aria-live="polite">{}</div>',
                    code,
                    url,
                    body,
                    gettext("Preview unavailable:"),
                    html,
                )
            )
        return format_html(
            '<div class="nw-previews">{}</div>',
            format_html_join("", "{}", ((p,) for p in previews)),
        )

    # -- rights, buttons and saves are the workflow's (ReviewedAdminMixin) ----------------------

    def get_object(self, request, object_id, from_field=None):
        """With its target's path to the pillar and its source, in the one query: the picker's
        initial value and the target panel need no further query."""
        queryset = self.get_queryset(request).select_related(
            "target_plan__source",
            "target_section__source",
            "target_pillar__source",
            "target_objective__pillar",
            "target_objective__source",
            "target_line__objective__pillar",
            "target_line__source",
            "target_indicator__line_of_action__objective__pillar",
            "target_indicator__source",
        )
        field = Critique._meta.pk if from_field is None else Critique._meta.get_field(from_field)
        try:
            return queryset.get(**{field.name: field.to_python(object_id)})
        except (Critique.DoesNotExist, ValidationError, ValueError):
            return None

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:  # a new critique is a draft by its writer: no workflow to show yet
            fieldsets = [fs for fs in fieldsets if fs[0] != WORKFLOW]
        return fieldsets

    # -- saving -----------------------------------------------------------------------------

    def stale_message(self, exc: StaleCritique) -> str:
        return (
            changes_since(exc.critique, exc.seen_version) + " " + gettext("Reload and edit again.")
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context.get("adminform").form if context.get("adminform") else None
        target = obj.target if obj is not None and obj.pk else None
        if target is None and form is not None and hasattr(form, "_target_from_initial"):
            target = form._target_from_initial()
        if target is not None:
            context["target_panel"] = target_panel(target, obj.pk if obj is not None else None)
        if obj is not None and obj.pk:
            context["review_comments"] = list(obj.review_comments.select_related("author")[:20])
            context["public_url"] = obj.target_url() if obj.status == "published" else ""
        return super().render_change_form(request, context, add, change, form_url, obj)

    # -- deleting: a published critique is withdrawn, never removed ---------------------------

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not obj.was_published:
            return super().delete_view(request, object_id, extra_context)
        reason = rules.delete_refusal(kind=self.reviewed_kind, obj=obj, user=request.user)
        if reason:
            raise PermissionDenied(reason)
        if request.method == "POST":
            services.delete_critique(critique=obj, user=request.user)
            self.message_user(
                request,
                gettext(
                    "“%(title)s” was published, so it was withdrawn rather than deleted: "
                    "it no longer appears on public pages, and it is kept with its history."
                )
                % {"title": obj.title},
            )
            return HttpResponseRedirect(reverse("admin:critiques_critique_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Withdraw instead of deleting"),
            "object": obj,
            "opts": self.opts,
            "change_url": reverse("admin:critiques_critique_change", args=[obj.pk]),
        }
        return TemplateResponse(request, "admin/critiques/critique/withdraw_instead.html", context)

    # -- extra views: the Markdown preview and the target picker's options -------------------

    def get_urls(self):
        extra = [
            path(
                "preview/",
                self.admin_site.admin_view(self.preview_view),
                name="critiques_critique_preview",
            ),
            path(
                "targets/",
                self.admin_site.admin_view(self.targets_view),
                name="critiques_critique_targets",
            ),
        ]
        return extra + super().get_urls()

    def preview_view(self, request):
        """POST body=<markdown> → {"html": sanitised HTML}; for people who may write critiques."""
        if request.method != "POST":
            return HttpResponseBadRequest(gettext("POST the Markdown as `body`."))
        if not (
            request.user.has_perm("critiques.add_critique")
            or request.user.has_perm("critiques.change_critique")
        ):
            raise PermissionDenied
        body = request.POST.get("body", "")
        if len(body) > PREVIEW_MAX_CHARS:
            return JsonResponse(
                {
                    "error": gettext("The body is longer than %(limit)d characters.")
                    % {"limit": PREVIEW_MAX_CHARS}
                },
                status=400,
            )
        return JsonResponse({"html": render_markdown(body)})

    def targets_view(self, request):
        """GET plan=<id>&q=<words or code> → {"groups": [{group, options: [...]}]}: the target
        picker's options, for people who may write critiques (picker.search, bounded)."""
        if not (
            request.user.has_perm("critiques.add_critique")
            or request.user.has_perm("critiques.change_critique")
        ):
            raise PermissionDenied
        plan_id, query = request.GET.get("plan", ""), request.GET.get("q", "")
        if not plan_id.isdigit():
            return JsonResponse({"error": gettext("Choose a plan first.")}, status=400)
        if len(query) > picker.MAX_QUERY_CHARS:
            return JsonResponse(
                {
                    "error": gettext("Type at most %(limit)d characters.")
                    % {"limit": picker.MAX_QUERY_CHARS}
                },
                status=400,
            )
        plan = get_object_or_404(Plan, pk=plan_id)
        return JsonResponse({"groups": picker.search(plan, query)})


@admin.register(Recommendation)
class RecommendationAdmin(TranslatedAdminMixin, GuardedHistoryAdmin):
    list_display = ("title", "plan", "order", "translation_column")
    list_filter = ("plan", NeedsTranslationFilter, "text_language")
    list_select_related = ("plan",)
    search_fields = (*localized("title"), *localized("body"))
    autocomplete_fields = ("plan", "source", "critiques")
