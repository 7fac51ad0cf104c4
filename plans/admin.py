"""Admin for what the plans app owns alone (sources, agencies, agencies' roles in plans), and the
bases every element admin shares: history whose revert needs the right to change, and provenance
in its own fieldset. The element admins, which also show critiques, live in `editorial`.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import router, transaction
from django.db.models import Q
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from simple_history.admin import SimpleHistoryAdmin

from plans.models import (
    Agency,
    PlanAgency,
    Responsibility,
    Source,
    TranslationStatus,
    language_name,
    site_languages,
)


def localized(name: str) -> tuple[str, ...]:
    """A translated field's column in every site language: one admin line, side by side."""
    return tuple(build_localized_fieldname(name, code) for code in site_languages())


def translated_fields(model) -> tuple[str, ...]:
    """The fields of `model` with a column per language (registered with modeltranslation)."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        return tuple(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return ()


# The provenance note is napwatch's text: its languages side by side on one line.
PROVENANCE_FIELDS = ("source", "source_locator", "confidence", localized("provenance_note"))
ORIGINAL_WORDING_FIELDS = (
    "wording_original_source",
    "wording_original_locator",
    "wording_original_confidence",
)


# napwatch's renderings of a plan's name into the site's other languages (no English column)
RENDERINGS = {"name_rendered"}


class TranslatedAdminMixin:
    """For models with napwatch's texts (plans.models.Translated, and any model whose notes are
    translated: elements, sources, agencies' roles): each translated field is shown as its
    languages side by side on one line (never the base field, which stands for the reader's
    language), and the changelist of a Translated model shows and filters the translations'
    status."""

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        translated = set(translated_fields(self.model))
        columns = {column for name in translated for column in localized(name)}
        arranged: list = []
        for name in fields:
            if name in RENDERINGS:
                # our rendering of a name is for the other languages: English has `name_en`
                english = build_localized_fieldname(name, settings.LANGUAGE_CODE)
                arranged.append(tuple(c for c in localized(name) if c != english))
            elif name in translated:
                arranged.append(localized(name))
            elif name not in columns:
                arranged.append(name)
        return arranged

    @admin.display(description="translations")
    def translation_column(self, obj):
        """Each language's state: original, translated by napwatch editors, needs translation."""
        return format_html_join(
            ", ",
            '<span class="nw-translation nw-translation--{}">{}: {}</span>',
            (
                (
                    obj.status_in(code),
                    language_name(code),
                    TranslationStatus(obj.status_in(code)).label.lower(),
                )
                for code in site_languages()
            ),
        )


class NeedsTranslationFilter(admin.SimpleListFilter):
    """Objects some language of which still needs translation (empty, or marked so)."""

    title = "translation"
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [
            ("needed", "Needs translation"),
            ("done", "Translated by napwatch editors"),
        ]

    def queryset(self, request, queryset):
        model = queryset.model
        missing = Q(translation_status=TranslationStatus.NEEDS_TRANSLATION)
        for name in model.shown_field_names():
            for code in site_languages():
                column = build_localized_fieldname(name, code)
                # a language left empty where the text it translates is not
                empty = Q(**{f"{column}__isnull": True}) | Q(**{column: ""})
                for other in site_languages():
                    if other != code:
                        written = Q(text_language=other) & ~Q(
                            **{build_localized_fieldname(name, other): ""}
                        )
                        missing |= empty & written
        if self.value() == "needed":
            return queryset.filter(missing)
        if self.value() == "done":
            return queryset.exclude(missing)
        return queryset


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


class ProvenanceFieldsetMixin:
    """Puts the provenance fields in their own fieldset, after the element's own fields, and the
    provenance of an element's original-language wording, when it has its own, after them."""

    def get_fieldsets(self, request, obj=None):
        all_fields = self.get_fields(request, obj)
        fields = [f for f in all_fields if f not in (*PROVENANCE_FIELDS, *ORIGINAL_WORDING_FIELDS)]
        fieldsets = [(None, {"fields": fields}), (_("Provenance"), {"fields": PROVENANCE_FIELDS})]
        if any(f in all_fields for f in ORIGINAL_WORDING_FIELDS):
            fieldsets.append(
                (
                    "Where the original-language wording comes from",
                    {
                        "description": "Only when another source than the element's gives it.",
                        "fields": ORIGINAL_WORDING_FIELDS,
                    },
                )
            )
        return fieldsets


class SourcedInline:
    """Inline rows print their source (and agency); fetch them with the rows, not one by one."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        related = ["source"]
        if any(f.name == "agency" for f in queryset.model._meta.fields):
            related.append("agency")
        return queryset.select_related(*related)


@admin.register(Source)
class SourceAdmin(TranslatedAdminMixin, GuardedHistoryAdmin):
    """A source's title is its own, in its own language, and is not translated; only a title in
    [square brackets], napwatch's description of an untitled page, has a column per language."""

    list_display = ("key", "title", "kind", "publisher", "issued")
    list_filter = ("kind",)
    search_fields = ("key", *localized("title"), "publisher", "authors")


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("acronym", "name_en", "name_original", "country_code")
    list_filter = ("country_code",)
    search_fields = ("acronym", "name_en", "name_original")


class ResponsibilityInline(admin.TabularInline):
    model = Responsibility
    extra = 0
    list_select_related = ("agency", "source", "objective", "line_of_action", "indicator")

    def get_queryset(self, request):
        """Agency and source of every row in one query (read-only rows print them)."""
        return super().get_queryset(request).select_related(*self.list_select_related)

    fields = ("agency", "confidence", "source", "source_locator", *localized("provenance_note"))
    autocomplete_fields = ("agency", "source")


class ObjectiveResponsibilityInline(ResponsibilityInline):
    fk_name = "objective"


class LineResponsibilityInline(ResponsibilityInline):
    fk_name = "line_of_action"


@admin.register(PlanAgency)
class PlanAgencyAdmin(TranslatedAdminMixin, ProvenanceFieldsetMixin, GuardedHistoryAdmin):
    list_display = ("agency", "plan", "role")
    list_filter = ("plan", "role")
    search_fields = ("agency__acronym", "agency__name_en", "plan__slug")
    list_select_related = ("agency", "plan")
    autocomplete_fields = ("plan", "agency", "source")


class IndicatorResponsibilityInline(ResponsibilityInline):
    fk_name = "indicator"
