"""Search results, grouped by kind."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api import links

from .base import (
    Serializer,
)


class SearchHitSerializer(Serializer):
    kind = serializers.CharField(source="kind.key")
    title = serializers.CharField()
    code = serializers.CharField(help_text="The element's code; empty for plans and critiques.")
    plan = serializers.SlugField(source="plan.slug")
    snippet_html = serializers.CharField(
        source="snippet", help_text="Escaped text with the matched words in <mark>."
    )
    rank = serializers.FloatField()
    html_url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, hit) -> str:
        return links.site_path_url(hit.url)


class SearchGroupSerializer(Serializer):
    kind = serializers.ChoiceField(
        source="kind.key", choices=["plan", "objective", "line", "indicator", "critique"]
    )
    more = serializers.BooleanField(help_text="More hits of this kind than are listed.")
    hits = SearchHitSerializer(many=True)


class SearchResultsSerializer(Serializer):
    query = serializers.CharField()
    backend = serializers.ChoiceField(
        choices=["full-text", "simple"],
        help_text="PostgreSQL full-text search, or word by word (SQLite).",
    )
    groups = SearchGroupSerializer(many=True)
