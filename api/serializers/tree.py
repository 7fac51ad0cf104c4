"""A plan's tree (sections, and pillars → objectives → lines of action → indicators), and the
indicators table."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api import links
from plans.models import EnglishBy

from .base import (
    OriginalWordingProvenanceSerializer,
    ProvenanceSerializer,
    Serializer,
    TranslatedTextMixin,
    TranslationsField,
)
from .plan import PlanSerializer


class ResponsibilitySerializer(Serializer):
    """An agency named as responsible for an element, with where that comes from."""

    agency = serializers.CharField(source="agency.acronym")
    provenance = ProvenanceSerializer(source="*")


class ElementSerializer(Serializer):
    """What an objective, a line of action and an indicator share."""

    id = serializers.IntegerField()
    code = serializers.CharField()
    order = serializers.IntegerField()
    wording_en = serializers.CharField()
    wording_original = serializers.CharField()
    wording_en_by = serializers.ChoiceField(
        choices=EnglishBy.choices, allow_blank=True, help_text="Who made the English wording."
    )
    note = serializers.CharField()
    provenance = ProvenanceSerializer(source="*")
    original_wording_provenance = serializers.SerializerMethodField(
        help_text="Only when the wording in the plan's language comes from another source."
    )
    agencies = ResponsibilitySerializer(many=True)
    critiques = serializers.SerializerMethodField(help_text="Keys of its published critiques.")
    html_url = serializers.SerializerMethodField()

    @extend_schema_field(OriginalWordingProvenanceSerializer(allow_null=True))
    def get_original_wording_provenance(self, element) -> dict | None:
        if element.wording_original_source_id is None:
            return None
        return OriginalWordingProvenanceSerializer(element).data

    def get_critiques(self, element) -> list[str]:
        return [critique.key for critique in element.published_critiques]

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, element) -> str:
        return links.site_path_url(element.get_absolute_url())


class IndicatorFieldsMixin(serializers.Serializer):
    unit = serializers.CharField()
    baseline = serializers.CharField()
    target = serializers.CharField()
    timeframe = serializers.CharField()
    means_of_verification = serializers.CharField()


class TreeIndicatorSerializer(IndicatorFieldsMixin, ElementSerializer):
    class Meta:
        ref_name = "TreeIndicator"


class TreeLineSerializer(ElementSerializer):
    indicators = TreeIndicatorSerializer(many=True, source="children")

    class Meta:
        ref_name = "TreeLineOfAction"


class TreeObjectiveSerializer(ElementSerializer):
    lines_of_action = TreeLineSerializer(many=True, source="children")

    class Meta:
        ref_name = "TreeObjective"


class TreePillarSerializer(TranslatedTextMixin, Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    slug = serializers.SlugField()
    order = serializers.IntegerField()
    name_en = serializers.CharField()
    name_original = serializers.CharField()
    summary = TranslationsField("summary")
    provenance = ProvenanceSerializer(source="*")
    critiques = serializers.SerializerMethodField(help_text="Keys of its published critiques.")
    html_url = serializers.SerializerMethodField()
    objectives = TreeObjectiveSerializer(many=True, source="children")

    class Meta:
        ref_name = "TreePillar"

    def get_critiques(self, pillar) -> list[str]:
        return [critique.key for critique in pillar.published_critiques]

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, pillar) -> str:
        return links.pillar_url(pillar.plan.slug, pillar.slug)


class TreeSectionSerializer(TranslatedTextMixin, Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    slug = serializers.SlugField()
    kind = serializers.CharField()
    order = serializers.IntegerField()
    title = TranslationsField("title")
    title_original = serializers.CharField(help_text="The heading the plan itself gives it.")
    summary = TranslationsField("summary")
    provenance = ProvenanceSerializer(source="*")
    critiques = serializers.SerializerMethodField(help_text="Keys of its published critiques.")
    html_url = serializers.SerializerMethodField()

    class Meta:
        ref_name = "TreeSection"

    def get_critiques(self, section) -> list[str]:
        return [critique.key for critique in section.published_critiques]

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, section) -> str:
        return links.plan_url(section.plan.slug, section.code)


class PlanTreeSerializer(Serializer):
    """The plan with its whole tree: sections, and pillars → objectives → lines → indicators."""

    plan = PlanSerializer()
    critiques = serializers.ListField(
        child=serializers.CharField(), help_text="Keys of published critiques of the whole plan."
    )
    sections = TreeSectionSerializer(many=True)
    pillars = TreePillarSerializer(many=True)


class AgencyRoleSerializer(Serializer):
    agency = serializers.CharField()
    level = serializers.ChoiceField(
        choices=["indicator", "line of action", "objective"],
        help_text="Named for the indicator itself, or only for its line of action or objective.",
    )


class IndicatorSerializer(Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    order = serializers.IntegerField()
    plan = serializers.SerializerMethodField()
    pillar = serializers.SlugField(source="line_of_action.objective.pillar.slug")
    objective = serializers.CharField(source="line_of_action.objective.code")
    line_of_action = serializers.CharField(source="line_of_action.code")
    wording_en = serializers.CharField()
    wording_original = serializers.CharField()
    wording_en_by = serializers.ChoiceField(choices=EnglishBy.choices, allow_blank=True)
    unit = serializers.CharField()
    baseline = serializers.CharField()
    target = serializers.CharField()
    timeframe = serializers.CharField()
    means_of_verification = serializers.CharField()
    note = serializers.CharField()
    provenance = ProvenanceSerializer(source="*")
    agencies = serializers.SerializerMethodField()
    published_critique_count = serializers.IntegerField()
    html_url = serializers.SerializerMethodField()

    def get_plan(self, indicator) -> str:
        return self.context["plan"].slug

    @extend_schema_field(AgencyRoleSerializer(many=True))
    def get_agencies(self, indicator) -> list[dict]:
        return [{"agency": acronym, "level": level} for acronym, level in indicator.agency_roles()]

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, indicator) -> str:
        pillar = indicator.line_of_action.objective.pillar
        return links.element_url(self.context["plan"].slug, pillar.slug, indicator.code)
