"""A plan's published critiques and its recommendations."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.response import Response

from api import serializers as s
from critiques.models import Critique, Recommendation
from plans.models import Plan

from .base import (
    ERRORS,
    SLUG,
    ApiView,
    PlanMixin,
    PlanResourceView,
)


def published_critiques(plan: Plan):
    return Critique.objects.published().for_plan(plan).with_details().with_target_links()


@extend_schema(
    tags=["critiques"],
    parameters=[SLUG],
    responses={200: s.CritiqueSerializer(many=True), **ERRORS},
)
class CritiqueListView(PlanResourceView):
    """A plan's published critiques, with the critique list's filters; most severe first."""

    serializer_class = s.CritiqueSerializer
    queryset = Critique.objects.none()

    def get_base_queryset(self):
        return published_critiques(self.get_plan())


@extend_schema(
    tags=["critiques"],
    parameters=[
        SLUG,
        OpenApiParameter("key", OpenApiTypes.STR, OpenApiParameter.PATH, description="Its key."),
    ],
    responses={200: s.CritiqueSerializer, **ERRORS},
)
class CritiqueDetailView(PlanMixin, ApiView, generics.GenericAPIView):
    """One published critique (a draft, one in review or withdrawn is a 404, like an unknown key)."""

    serializer_class = s.CritiqueSerializer
    queryset = Critique.objects.none()

    def get(self, request, *args, **kwargs):
        critique = published_critiques(self.get_plan()).filter(key=kwargs["key"]).first()
        if critique is None:
            raise Http404("No such published critique in this plan.")
        return Response(self.get_serializer(critique).data)


@extend_schema(
    tags=["recommendations"],
    parameters=[SLUG],
    responses={200: s.RecommendationSerializer(many=True), **ERRORS},
)
class RecommendationListView(PlanResourceView):
    """What sources recommend the plan's authors do, in order, with the published critiques each
    answers."""

    serializer_class = s.RecommendationSerializer
    queryset = Recommendation.objects.none()

    def get_base_queryset(self):
        return (
            Recommendation.objects.for_plan(self.get_plan())
            .with_published_critiques()
            .order_by("order")
        )
