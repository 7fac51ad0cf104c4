"""What is not one plan's: the sources, search, and the index of the API."""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.response import Response

from api import serializers as s
from api.errors import InvalidParameters
from plans.models import Plan, Source

from .base import (
    ERRORS,
    ApiView,
    ListView,
)


def sources():
    return Source.objects.prefetch_related(
        Prefetch("plans", queryset=Plan.objects.order_by("slug"))
    ).order_by("key")


@extend_schema(tags=["sources"], responses={200: s.SourceSerializer(many=True), **ERRORS})
class SourceListView(ListView):
    """Every source that wording, provenance or a critique cites, by key."""

    serializer_class = s.SourceSerializer
    queryset = Source.objects.none()

    def get_base_queryset(self):
        return sources()


@extend_schema(
    tags=["sources"],
    parameters=[
        OpenApiParameter(
            "source", OpenApiTypes.STR, OpenApiParameter.PATH, description="The source's key."
        )
    ],
    responses={200: s.SourceSerializer, **ERRORS},
)
class SourceDetailView(ApiView, generics.GenericAPIView):
    serializer_class = s.SourceSerializer
    queryset = Source.objects.none()

    def get(self, request, *args, **kwargs):
        return Response(
            self.get_serializer(get_object_or_404(sources(), key=kwargs["source"])).data
        )


@extend_schema(
    tags=["search"],
    parameters=[
        OpenApiParameter(
            "q",
            OpenApiTypes.STR,
            description=(
                "Words to find, at most 200 characters; the search page's rules. Without `q`, "
                "no groups; an empty `q` is a 400."
            ),
        )
    ],
    responses={200: s.SearchResultsSerializer, 400: ERRORS[400]},
)
class SearchView(ApiView):
    """Plans, objectives, lines of action, indicators and published critiques matching `q`, with
    the search page's rules (full text on PostgreSQL, every word on SQLite), grouped by kind, at
    most 20 of each, best first."""

    allowed_parameters = frozenset({"q"})
    # Handed in by the URL map (the search app is a sibling of this one): its form and engine.
    form_class = None
    search = None
    backend_name = None

    def get(self, request, *args, **kwargs):
        if "q" not in request.query_params:  # nothing asked, as on the search page
            data = {"query": "", "backend": self.backend_name(), "groups": []}
            return Response(s.SearchResultsSerializer(data).data)
        form = self.form_class(request.query_params)
        if not form.is_valid():
            raise InvalidParameters(
                {name: [str(m) for m in messages] for name, messages in form.errors.items()}
            )
        query = form.cleaned_data["q"]
        data = {"query": query, "backend": self.backend_name(), "groups": self.search(query)}
        return Response(s.SearchResultsSerializer(data, context={"request": request}).data)


@extend_schema(exclude=True)
class IndexView(ApiView):
    """/api/v1/: where everything is."""

    def get(self, request, *args, **kwargs):
        root = request.build_absolute_uri("/api/v1/")
        return Response(
            {
                "plans": f"{root}plans/",
                "sources": f"{root}sources/",
                "rubrics": f"{root}rubrics/",
                "search": f"{root}search/?q=",
                "openapi": f"{root}openapi.json",
                "docs": f"{root}docs/",
            }
        )
