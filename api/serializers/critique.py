"""Published critiques, with their targets and citations, and the recommendations that answer
them."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api import links
from critiques.models import Critique

from .base import (
    ProvenanceSerializer,
    Serializer,
    SourceRefSerializer,
    TranslatedTextMixin,
    TranslationsField,
)


class CitationSerializer(Serializer):
    source = SourceRefSerializer()
    locator = serializers.CharField()
    quote = serializers.CharField()


TARGET_TYPES = ["plan", "section", "pillar", "objective", "line", "indicator"]


class TargetSerializer(Serializer):
    type = serializers.ChoiceField(choices=TARGET_TYPES)
    id = serializers.IntegerField()
    code = serializers.CharField(help_text="The element's code; `plan` for the plan itself.")
    html_url = serializers.URLField()


def target_of(critique: Critique) -> dict:
    target = critique.target
    kind = next(
        name.removeprefix("target_")
        for name in ("target_plan", "target_section", "target_pillar")
        + ("target_objective", "target_line", "target_indicator")
        if getattr(critique, f"{name}_id") is not None
    )
    return {
        "type": kind,
        "id": target.pk,
        "code": critique.target_code,
        "html_url": links.site_path_url(critique.target_url()),
    }


class ReplyTranslationSerializer(Serializer):
    language = serializers.CharField()
    body = serializers.CharField(source="translation", help_text="Markdown.")
    body_html = serializers.CharField(source="translation_html")
    by = serializers.CharField(default="napwatch", help_text="Always napwatch: not the body's.")


class ReplyAttachmentSerializer(Serializer):
    name = serializers.CharField(source="original_name", help_text="The file's name, as given.")
    media_type = serializers.CharField(help_text="Always application/pdf.")
    size = serializers.IntegerField(help_text="In bytes.")
    url = serializers.SerializerMethodField(help_text="The file, as a download.")

    def get_url(self, attachment) -> str:
        return links.site_path_url(attachment.get_absolute_url())


class ReplySerializer(Serializer):
    """A published reply of an invited body to a critique or an assessment (the right of reply),
    as written."""

    id = serializers.IntegerField()
    organisation = serializers.CharField(source="invitation.organisation_name")
    language = serializers.CharField(help_text="The language the body wrote in.")
    body = serializers.CharField(help_text="Markdown, as the body wrote it.")
    body_html = serializers.CharField(help_text="The body as sanitised HTML.")
    translation = serializers.SerializerMethodField()
    attachments = ReplyAttachmentSerializer(
        many=True, source="attachments.all", help_text="The files the body attached (PDFs)."
    )
    published_at = serializers.DateTimeField()

    @extend_schema_field(ReplyTranslationSerializer(allow_null=True))
    def get_translation(self, reply) -> dict | None:
        if not reply.translation:
            return None
        return {
            "language": reply.translation_language,
            "body": reply.translation,
            "body_html": reply.translation_html,
            "by": "napwatch",
        }


class CritiqueSerializer(TranslatedTextMixin, Serializer):
    """A published critique (never a draft, one in review or a withdrawn one)."""

    id = serializers.IntegerField()
    key = serializers.SlugField(help_text="Stable within its plan.")
    plan = serializers.SlugField(source="plan.slug")
    title = TranslationsField("title")
    body = TranslationsField("body", help_text="Markdown.")
    body_html = TranslationsField("body_html", help_text="The body as sanitised HTML.")
    remedy = TranslationsField("remedy")
    kind = serializers.ChoiceField(choices=Critique.Kind.choices)
    category = serializers.ChoiceField(choices=Critique.Category.choices)
    severity = serializers.ChoiceField(
        choices=Critique.Severity.choices, help_text="1 low, 2 medium, 3 high."
    )
    target = serializers.SerializerMethodField()
    compares_with = serializers.SlugField(
        source="compares_with.slug", allow_null=True, default=None
    )
    citations = CitationSerializer(many=True, source="citations.all")
    replies = ReplySerializer(
        many=True,
        source="published_replies",
        help_text="Published replies of the bodies invited to answer it (the right of reply).",
    )
    published_at = serializers.DateTimeField(allow_null=True)
    html_url = serializers.SerializerMethodField()

    @extend_schema_field(TargetSerializer)
    def get_target(self, critique) -> dict:
        return target_of(critique)

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, critique) -> str:
        page = critique.target_url().split("#")[0]
        return links.site_path_url(f"{page}#{critique.anchor}")


class RecommendationSerializer(TranslatedTextMixin, Serializer):
    id = serializers.IntegerField()
    key = serializers.SlugField()
    order = serializers.IntegerField()
    title = TranslationsField("title")
    body = TranslationsField("body", help_text="Markdown.")
    body_html = TranslationsField("body_html", help_text="The body as sanitised HTML.")
    provenance = ProvenanceSerializer(source="*")
    critiques = serializers.SerializerMethodField(
        help_text="Keys of the published critiques it answers."
    )
    html_url = serializers.SerializerMethodField()

    def get_critiques(self, recommendation) -> list[str]:
        return [critique.key for critique in recommendation.critiques.all()]

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, recommendation) -> str:
        return links.plan_url(self.context["plan"].slug, f"recommendation-{recommendation.key}")
