"""The agencies a plan names, with what each is responsible for."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api import links

from .base import (
    ProvenanceSerializer,
    Serializer,
)


class ElementRefSerializer(Serializer):
    type = serializers.ChoiceField(choices=["objective", "line", "indicator"])
    id = serializers.IntegerField()
    code = serializers.CharField()
    html_url = serializers.URLField()


class AgencyResponsibilitySerializer(Serializer):
    element = serializers.SerializerMethodField()
    provenance = ProvenanceSerializer(source="*")

    @extend_schema_field(ElementRefSerializer)
    def get_element(self, responsibility) -> dict:
        for kind, field in (("objective", "objective"), ("line", "line_of_action")) + (
            ("indicator", "indicator"),
        ):
            element = getattr(responsibility, field)
            if element is not None:
                return {
                    "type": kind,
                    "id": element.pk,
                    "code": element.code,
                    "html_url": links.site_path_url(element.get_absolute_url()),
                }
        raise AssertionError("a responsibility always names one element")


class PlanAgencySerializer(Serializer):
    id = serializers.IntegerField(source="agency.id")
    acronym = serializers.CharField(source="agency.acronym")
    country_code = serializers.CharField(source="agency.country_code")
    name_original = serializers.CharField(source="agency.name_original")
    name_en = serializers.CharField(source="agency.name_en")
    role = serializers.ChoiceField(choices=["lead", "co-responsible", "related"])
    order = serializers.IntegerField()
    provenance = ProvenanceSerializer(source="*")
    responsibilities = AgencyResponsibilitySerializer(
        many=True, source="agency.plan_responsibilities"
    )
    html_url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, plan_agency) -> str:
        return links.agency_url(self.context["plan"].slug, plan_agency.agency.acronym)
