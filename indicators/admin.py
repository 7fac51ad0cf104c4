from django.contrib import admin

from indicators.models import Indicator
from plans.admin import ElementAdmin, ResponsibilityInline


class IndicatorResponsibilityInline(ResponsibilityInline):
    fk_name = "indicator"


@admin.register(Indicator)
class IndicatorAdmin(ElementAdmin):
    critique_target = "target_indicator"
    list_display = ("code", "short_wording", "plan", "unit", "target", "confidence")
    list_filter = ("plan", "line_of_action__objective__pillar__name_en", "confidence")
    list_select_related = ("plan",)
    autocomplete_fields = ("plan", "line_of_action", "source")
    inlines = [IndicatorResponsibilityInline]
