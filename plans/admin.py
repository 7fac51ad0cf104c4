"""Admin for what the plans app owns alone (sources, agencies, agencies' roles in plans), and the
bases every element admin shares: history whose revert needs the right to change, and provenance
in its own fieldset. The element admins, which also show critiques, live in `editorial`.
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import router, transaction
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from plans.models import Agency, PlanAgency, Responsibility, Source

PROVENANCE_FIELDS = ("source", "source_locator", "confidence", "provenance_note")


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
    """Puts the provenance fields in their own fieldset, after the element's own fields."""

    def get_fieldsets(self, request, obj=None):
        fields = [f for f in self.get_fields(request, obj) if f not in PROVENANCE_FIELDS]
        return [(None, {"fields": fields}), (_("Provenance"), {"fields": PROVENANCE_FIELDS})]


class SourcedInline:
    """Inline rows print their source (and agency); fetch them with the rows, not one by one."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        related = ["source"]
        if any(f.name == "agency" for f in queryset.model._meta.fields):
            related.append("agency")
        return queryset.select_related(*related)


@admin.register(Source)
class SourceAdmin(GuardedHistoryAdmin):
    list_display = ("key", "title", "kind", "publisher", "issued")
    list_filter = ("kind",)
    search_fields = ("key", "title", "publisher", "authors")


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

    fields = ("agency", "confidence", "source", "source_locator", "provenance_note")
    autocomplete_fields = ("agency", "source")


class ObjectiveResponsibilityInline(ResponsibilityInline):
    fk_name = "objective"


class LineResponsibilityInline(ResponsibilityInline):
    fk_name = "line_of_action"


@admin.register(PlanAgency)
class PlanAgencyAdmin(ProvenanceFieldsetMixin, GuardedHistoryAdmin):
    list_display = ("agency", "plan", "role")
    list_filter = ("plan", "role")
    search_fields = ("agency__acronym", "agency__name_en", "plan__slug")
    list_select_related = ("agency", "plan")
    autocomplete_fields = ("plan", "agency", "source")


class IndicatorResponsibilityInline(ResponsibilityInline):
    fk_name = "indicator"
