"""Plans and the sources they cite."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api import links
from plans.models import Plan, Source

from .base import (
    ProvenanceSerializer,
    Serializer,
    TranslationsField,
)


class SourceSerializer(Serializer):
    id = serializers.IntegerField()
    key = serializers.SlugField()
    kind = serializers.ChoiceField(choices=Source.Kind.choices)
    authors = serializers.ListField(child=serializers.CharField())
    title = serializers.CharField()
    publisher = serializers.CharField()
    issued = serializers.CharField(help_text="YYYY, YYYY-MM or YYYY-MM-DD; empty if unknown.")
    url = serializers.CharField(help_text="The source's own address, if it has one.")
    note = serializers.CharField()
    citation = serializers.CharField(help_text="A plain-text reference in author–date style.")
    plans = serializers.SerializerMethodField(help_text="Slugs of the plans that cite it.")

    def get_plans(self, source) -> list[str]:
        return [plan.slug for plan in source.plans.all()]


# --- Plans ----------------------------------------------------------------------------------


class CountsSerializer(Serializer):
    pillars = serializers.IntegerField(allow_null=True)
    objectives = serializers.IntegerField(allow_null=True)
    lines_of_action = serializers.IntegerField(allow_null=True)
    indicators = serializers.IntegerField(allow_null=True)


class PlanSerializer(Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    country = serializers.CharField()
    country_code = serializers.CharField(help_text="ISO 3166-1 alpha-3.")
    region = serializers.CharField()
    language = serializers.CharField(help_text="The plan's own language (BCP 47).")
    title_original = serializers.CharField()
    title_en = serializers.CharField()
    acronym = serializers.CharField()
    generation = serializers.IntegerField(allow_null=True)
    adopted_on = serializers.DateField(allow_null=True)
    period_start = serializers.IntegerField(allow_null=True)
    period_end = serializers.IntegerField(allow_null=True)
    review_due = serializers.IntegerField(allow_null=True)
    status = serializers.ChoiceField(choices=Plan.Status.choices)
    summary = TranslationsField("summary")
    declared = serializers.SerializerMethodField(help_text="Counts the plan itself declares.")
    encoded = serializers.SerializerMethodField(help_text="Elements napwatch holds.")
    published_critiques = serializers.IntegerField()
    is_synthetic = serializers.BooleanField(help_text="Generated benchmark data, not a real plan.")
    provenance = ProvenanceSerializer(source="*")
    html_url = serializers.SerializerMethodField()
    links = serializers.SerializerMethodField(help_text="This plan's resources in the API.")

    @extend_schema_field(CountsSerializer)
    def get_declared(self, plan) -> dict:
        return {
            "pillars": plan.declared_pillars,
            "objectives": plan.declared_objectives,
            "lines_of_action": plan.declared_lines,
            "indicators": plan.declared_indicators,
        }

    @extend_schema_field(CountsSerializer)
    def get_encoded(self, plan) -> dict:
        return {
            "pillars": plan.encoded_pillars,
            "objectives": plan.encoded_objectives,
            "lines_of_action": plan.encoded_lines,
            "indicators": plan.encoded_indicators,
        }

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, plan) -> str:
        return links.plan_url(plan.slug)

    @extend_schema_field(
        {
            "type": "object",
            "additionalProperties": {"type": "string", "format": "uri"},
            "example": {"tree": "https://…/api/v1/plans/mexico-2021/tree/"},
        }
    )
    def get_links(self, plan) -> dict[str, str]:
        request = self.context["request"]
        base = request.build_absolute_uri(f"/api/v1/plans/{plan.slug}/")
        return {
            name: f"{base}{name}/"
            for name in (
                "tree",
                "indicators",
                "critiques",
                "agencies",
                "recommendations",
                "assessments",
            )
        }
