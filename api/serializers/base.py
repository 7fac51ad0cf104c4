"""What every serializer of the API shares: read-only objects in a fixed field order, texts in
every site language, and the provenance of wording from plans."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from modeltranslation.utils import build_localized_fieldname
from rest_framework import serializers

from plans.models import Confidence, TranslationStatus

TRANSLATIONS_SCHEMA = {
    "type": "object",
    "description": "The text in each site language (empty where not yet translated).",
    "properties": {code: {"type": "string"} for code, _name in settings.LANGUAGES},
    "required": [code for code, _name in settings.LANGUAGES],
}


@extend_schema_field(TRANSLATIONS_SCHEMA)
class TranslationsField(serializers.Field):
    """{"en": …, "es": …}: a modeltranslation field's column in every site language."""

    def __init__(self, name: str, **kwargs):
        self.name_in_model = name
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, instance) -> dict[str, str]:
        return {
            code: getattr(instance, build_localized_fieldname(self.name_in_model, code), "") or ""
            for code, _name in settings.LANGUAGES
        }


IDENTITY = ("id", "key", "slug", "code")
TRAILING = ("text_language", "translation_status", "html_url", "links")
CHILDREN = ("objectives", "lines_of_action", "indicators")


class Serializer(serializers.Serializer):
    """Read-only: the API never writes. Each object starts with its identity (id, then its key,
    slug or code) and ends with its links, whatever mixins declared first."""

    def get_fields(self):
        fields = super().get_fields()
        first = [name for name in IDENTITY if name in fields]
        last = [name for name in TRAILING + CHILDREN if name in fields]
        middle = [name for name in fields if name not in first and name not in last]
        return {name: fields[name] for name in first + middle + last}

    def create(self, validated_data):  # pragma: no cover - never called
        raise NotImplementedError

    def update(self, instance, validated_data):  # pragma: no cover - never called
        raise NotImplementedError


class SourceRefSerializer(Serializer):
    key = serializers.SlugField()
    title = serializers.CharField()

    class Meta:
        ref_name = "SourceRef"


class ProvenanceSerializer(Serializer):
    """Where the wording comes from and how sure we are that it is the plan's own."""

    source = SourceRefSerializer()
    locator = serializers.CharField(source="source_locator")
    confidence = serializers.ChoiceField(choices=Confidence.choices)
    note = serializers.CharField(source="provenance_note")

    class Meta:
        ref_name = "Provenance"


class OriginalWordingProvenanceSerializer(Serializer):
    source = SourceRefSerializer(source="wording_original_source")
    locator = serializers.CharField(source="wording_original_locator")
    confidence = serializers.ChoiceField(
        source="wording_original_confidence", choices=Confidence.choices
    )

    class Meta:
        ref_name = "OriginalWordingProvenance"


class TranslatedTextMixin(serializers.Serializer):
    text_language = serializers.CharField(help_text="The language napwatch's editors wrote it in.")
    translation_status = serializers.ChoiceField(
        choices=[TranslationStatus.TRANSLATED, TranslationStatus.NEEDS_TRANSLATION]
    )
