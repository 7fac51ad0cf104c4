from django.contrib import admin

from critiques.models import Citation, Critique, Recommendation


class CitationInline(admin.TabularInline):
    model = Citation
    extra = 0
    autocomplete_fields = ("source",)


@admin.register(Critique)
class CritiqueAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "plan",
        "target_type",
        "kind",
        "category",
        "severity",
        "status",
        "updated_at",
    )
    list_filter = ("plan", "status", "kind", "category", "severity")
    search_fields = ("title", "body", "key")
    list_select_related = ("plan",)
    autocomplete_fields = (
        "plan",
        "compares_with",
        "target_plan",
        "target_section",
        "target_pillar",
        "target_objective",
        "target_line",
        "target_indicator",
    )
    readonly_fields = ("published_at", "published_by", "created_at", "updated_at")
    inlines = [CitationInline]


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ("title", "plan", "order")
    list_filter = ("plan",)
    search_fields = ("title", "body")
    autocomplete_fields = ("plan", "source", "critiques")
