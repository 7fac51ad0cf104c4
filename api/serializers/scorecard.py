"""Rubrics, their criteria, and published assessments with their evidence."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api import links
from plans.models import Confidence
from scorecards.models import Criterion, Dimension, Level, Rating, ScaleValue

from .base import (
    Serializer,
    SourceRefSerializer,
    TranslatedTextMixin,
    TranslationsField,
)
from .critique import ReplySerializer


class CriterionSerializer(Serializer):
    """A rubric's criterion: the question, what it reads, its closed scale and where it comes
    from. Computed criteria are derived from the encoded data (the scorecard page shows them);
    judged ones are answered in assessments."""

    id = serializers.IntegerField()
    key = serializers.SlugField(help_text="Stable within its rubric.")
    rubric = serializers.SlugField(source="rubric.key")
    question = TranslationsField("question")
    label = TranslationsField("label", help_text="A short name, for charts.")
    guidance = TranslationsField("guidance", help_text="For the assessor.")
    dimension = serializers.ChoiceField(choices=Dimension.choices)
    level = serializers.ChoiceField(choices=Level.choices, help_text="What it reads.")
    kind = serializers.ChoiceField(choices=Criterion.Kind.choices)
    scale = serializers.ListField(
        child=serializers.ChoiceField(choices=ScaleValue.choices),
        help_text="The answers it allows, in order; always including not-known.",
    )
    framework = serializers.CharField(help_text="The framework it comes from.")
    source = SourceRefSerializer(allow_null=True)
    locator = serializers.CharField()

    class Meta:
        ref_name = "Criterion"


class RubricSerializer(Serializer):
    """A versioned rubric with its criteria in order."""

    id = serializers.IntegerField()
    key = serializers.SlugField()
    version = serializers.CharField()
    title = TranslationsField("title")
    note = serializers.CharField()
    criteria = CriterionSerializer(many=True, source="ordered_criteria")


EVIDENCE_TYPES = ["pillar", "objective", "line", "indicator", "critique", "source"]


class EvidenceSerializer(Serializer):
    """What an answer rests on: exactly one element of the plan (`code`), published critique
    (`critique`) or source (`source`, with a locator and quotation)."""

    type = serializers.ChoiceField(choices=EVIDENCE_TYPES)
    code = serializers.CharField(allow_null=True, help_text="The element's code, if an element.")
    critique = serializers.SlugField(allow_null=True, help_text="The critique's key, if one.")
    source = SourceRefSerializer(allow_null=True)
    locator = serializers.CharField()
    quote = serializers.CharField()
    html_url = serializers.URLField(
        allow_null=True, help_text="Where to follow it: napwatch's page, or the source's address."
    )

    def to_representation(self, evidence) -> dict:
        kind = next(name for name in EVIDENCE_TYPES if getattr(evidence, f"{name}_id") is not None)
        url = evidence.url()
        return {
            "type": kind,
            "code": evidence.target.code if kind not in ("critique", "source") else None,
            "critique": evidence.critique.key if evidence.critique_id else None,
            "source": (
                {"key": evidence.source.key, "title": evidence.source.title}
                if evidence.source_id
                else None
            ),
            "locator": evidence.locator,
            "quote": evidence.quote,
            "html_url": (url if kind == "source" else links.site_path_url(url)) or None,
        }


class AssessmentSerializer(TranslatedTextMixin, Serializer):
    """A published answer to one judged criterion (never a draft, one in review or withdrawn).
    `not-known` (not known from the sources available) is an answer of its own, never "no"."""

    id = serializers.IntegerField()
    plan = serializers.SlugField(source="plan.slug")
    criterion = CriterionSerializer()
    answer = serializers.ChoiceField(source="level", choices=ScaleValue.choices)
    rating = serializers.ChoiceField(
        choices=Rating.choices, help_text="How the answer reads on a chart."
    )
    rationale = TranslationsField("rationale", help_text="Markdown.")
    rationale_html = TranslationsField("rationale_html", help_text="As sanitised HTML.")
    confidence = serializers.ChoiceField(
        choices=Confidence.choices, help_text="How sure the answer is, in provenance's words."
    )
    evidence = EvidenceSerializer(many=True, source="public_evidence")
    replies = ReplySerializer(
        many=True,
        source="published_replies",
        help_text="Published replies of the bodies invited to answer it (the right of reply).",
    )
    published_at = serializers.DateTimeField(allow_null=True)
    html_url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, assessment) -> str:
        return links.page("comparison:scorecard", assessment.plan.slug, anchor=assessment.anchor)
