"""The admin pages of a plan and its elements, each with the critiques that target it.

They combine the plans, indicators and critiques apps (a critique list and "Write a critique"
on every element), so they live above all three: the lower apps' admins know nothing of critiques.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from critiques.admin import critique_inlines, write_critique_link
from indicators.models import Indicator
from plans.admin import (
    GuardedHistoryAdmin,
    IndicatorResponsibilityInline,
    LineResponsibilityInline,
    NeedsTranslationFilter,
    ObjectiveResponsibilityInline,
    ProvenanceFieldsetMixin,
    SourcedInline,
    TranslatedAdminMixin,
    localized,
)
from plans.models import LineOfAction, Pillar, Plan, PlanAgency, Section, StrategicObjective


class CritiquedElementMixin:
    """An element that critiques target through `critique_target` (a field on Critique).

    Its page lists its critiques, lets those who may edit the element add one inline, and gives
    everyone who may write critiques a link to the critique form with this element chosen."""

    critique_target = ""

    def get_inlines(self, request, obj):
        inlines = list(super().get_inlines(request, obj))
        return [*inlines, *critique_inlines(self.critique_target)] if obj else inlines

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and request.user.has_perm("critiques.add_critique"):
            fields.append("write_critique")
        return fields

    @admin.display(description=_("critique"))
    def write_critique(self, obj):
        return write_critique_link(obj, self.critique_target)


class PlanAgencyInline(SourcedInline, admin.TabularInline):
    model = PlanAgency
    extra = 0
    fields = ("agency", "role", "order", "source", "source_locator", "confidence")
    fields += localized("provenance_note")
    autocomplete_fields = ("agency", "source")


class SectionInline(TranslatedAdminMixin, SourcedInline, admin.StackedInline):
    model = Section
    extra = 0
    autocomplete_fields = ("source",)


class PillarInline(SourcedInline, admin.TabularInline):
    model = Pillar
    extra = 0
    fields = ("order", "code", "slug", "name_en", "name_original", "source", "confidence")
    autocomplete_fields = ("source",)
    show_change_link = True


@admin.register(Plan)
class PlanAdmin(
    CritiquedElementMixin, TranslatedAdminMixin, ProvenanceFieldsetMixin, GuardedHistoryAdmin
):
    critique_target = "target_plan"
    list_display = (
        "slug",
        "country",
        "title_en",
        "adopted_on",
        "status",
        "is_synthetic",
        "translation_column",
    )
    list_filter = ("status", "region", "is_synthetic", "country", NeedsTranslationFilter)
    search_fields = ("slug", "country", "title_en", "title_original", "acronym")
    autocomplete_fields = ("source", "sources")
    inlines = [PlanAgencyInline, SectionInline, PillarInline]
    list_select_related = ("source",)


class ObjectiveInline(SourcedInline, admin.TabularInline):
    model = StrategicObjective
    extra = 0
    fields = ("order", "code", "wording_en", "confidence", "source")
    autocomplete_fields = ("source",)
    show_change_link = True


@admin.register(Pillar)
class PillarAdmin(
    CritiquedElementMixin, TranslatedAdminMixin, ProvenanceFieldsetMixin, GuardedHistoryAdmin
):
    critique_target = "target_pillar"
    list_display = ("name_en", "code", "plan", "order", "confidence", "translation_column")
    list_filter = ("plan", "confidence")
    search_fields = ("name_en", "name_original", "code", "plan__slug")
    list_select_related = ("plan",)
    autocomplete_fields = ("plan", "source")
    inlines = [ObjectiveInline]


class LineInline(SourcedInline, admin.TabularInline):
    model = LineOfAction
    extra = 0
    fields = ("order", "code", "wording_en", "confidence", "source")
    autocomplete_fields = ("source",)
    show_change_link = True


class ElementAdmin(
    CritiquedElementMixin, TranslatedAdminMixin, ProvenanceFieldsetMixin, GuardedHistoryAdmin
):
    list_display = ("code", "short_wording", "plan", "confidence")
    list_filter = ("plan", "confidence")
    search_fields = ("code", "wording_en", "wording_original", "plan__slug")
    autocomplete_fields = ("plan", "source")

    @admin.display(description=_("wording"))
    def short_wording(self, obj):
        return obj.wording[:100]


@admin.register(StrategicObjective)
class StrategicObjectiveAdmin(ElementAdmin):
    critique_target = "target_objective"
    list_filter = ("plan", "pillar__name_en", "confidence")
    list_select_related = ("plan",)
    autocomplete_fields = ("plan", "pillar", "source")
    inlines = [ObjectiveResponsibilityInline, LineInline]


class IndicatorInline(SourcedInline, admin.TabularInline):
    model = Indicator
    extra = 0
    fields = ("order", "code", "wording_en", "confidence", "source")
    autocomplete_fields = ("source",)
    show_change_link = True


@admin.register(LineOfAction)
class LineOfActionAdmin(ElementAdmin):
    critique_target = "target_line"
    list_filter = ("plan", "objective__pillar__name_en", "confidence")
    list_select_related = ("plan",)
    autocomplete_fields = ("plan", "objective", "source")
    inlines = [LineResponsibilityInline, IndicatorInline]


@admin.register(Section)
class SectionAdmin(
    CritiquedElementMixin, TranslatedAdminMixin, ProvenanceFieldsetMixin, GuardedHistoryAdmin
):
    critique_target = "target_section"
    list_display = ("__str__", "plan", "kind", "order", "translation_column")
    list_filter = ("plan", "kind", NeedsTranslationFilter)
    search_fields = (
        *localized("title"),
        "title_original",
        *localized("summary"),
        "plan__slug",
    )
    list_select_related = ("plan",)
    autocomplete_fields = ("plan", "source")


@admin.register(Indicator)
class IndicatorAdmin(ElementAdmin):
    critique_target = "target_indicator"
    list_display = ("code", "short_wording", "plan", "unit", "target", "confidence")
    list_filter = ("plan", "line_of_action__objective__pillar__name_en", "confidence")
    list_select_related = ("plan",)
    autocomplete_fields = ("plan", "line_of_action", "source")
    inlines = [IndicatorResponsibilityInline]
