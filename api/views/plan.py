"""Plans, a plan's tree, its indicators and its agencies."""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.response import Response

from api import serializers as s
from critiques.tree import read_plan_tree
from indicators.models import Indicator
from plans.models import Plan, PlanAgency, Responsibility

from .base import (
    ERRORS,
    SLUG,
    ApiView,
    ListView,
    PlanMixin,
    PlanResourceView,
    plans_with_counts,
)


@extend_schema(tags=["plans"], responses={200: s.PlanSerializer(many=True), **ERRORS})
class PlanListView(ListView):
    """The plans, with the home page's filters (`q`, `country`, `region`, `year`), in the home
    page's order (country, newest first, slug)."""

    serializer_class = s.PlanSerializer
    queryset = Plan.objects.none()

    def get_base_queryset(self):
        return plans_with_counts()


@extend_schema(tags=["plans"], parameters=[SLUG], responses={200: s.PlanSerializer, **ERRORS})
class PlanDetailView(PlanMixin, ApiView, generics.GenericAPIView):
    """One plan: its facts, declared and encoded counts, provenance and links to its resources."""

    serializer_class = s.PlanSerializer
    queryset = Plan.objects.none()

    def get(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_plan()).data)


@extend_schema(tags=["plans"], parameters=[SLUG], responses={200: s.PlanTreeSerializer, **ERRORS})
class PlanTreeView(PlanMixin, ApiView, generics.GenericAPIView):
    """The plan with its whole tree: sections, and pillars → strategic objectives → lines of
    action → indicators, each with its provenance, the agencies responsible and the keys of its
    published critiques. Read in a fixed number of queries whatever the plan's size."""

    serializer_class = s.PlanTreeSerializer
    queryset = Plan.objects.none()

    def get(self, request, *args, **kwargs):
        tree = read_plan_tree(self.get_plan())
        data = {
            "plan": tree.plan,
            "critiques": [critique.key for critique in tree.plan_critiques],
            "sections": tree.sections,
            "pillars": tree.pillars,
        }
        return Response(self.get_serializer(data).data)


@extend_schema(
    tags=["indicators"],
    parameters=[SLUG],
    responses={200: s.IndicatorSerializer(many=True), **ERRORS},
)
class IndicatorListView(PlanResourceView):
    """A plan's indicators with the indicator table's filters and orderings; default order: the
    plan's own."""

    serializer_class = s.IndicatorSerializer
    queryset = Indicator.objects.none()

    def get_base_queryset(self):
        return self.filterset_class.base_queryset(self.get_plan())


@extend_schema(
    tags=["indicators"],
    parameters=[
        SLUG,
        OpenApiParameter("code", OpenApiTypes.STR, OpenApiParameter.PATH, description="Its code."),
    ],
    responses={200: s.IndicatorSerializer, **ERRORS},
)
class IndicatorDetailView(PlanMixin, ApiView, generics.GenericAPIView):
    serializer_class = s.IndicatorSerializer
    queryset = Indicator.objects.none()
    filterset_class = None  # handed in by the URL map: the table's, for its base queryset

    def get(self, request, *args, **kwargs):
        rows = self.filterset_class.base_queryset(self.get_plan()).filter(code=kwargs["code"])
        indicator = next(iter(rows), None)
        if indicator is None:
            raise Http404("No such indicator in this plan.")
        return Response(self.get_serializer(indicator).data)


@extend_schema(
    tags=["agencies"],
    parameters=[SLUG],
    responses={200: s.PlanAgencySerializer(many=True), **ERRORS},
)
class AgencyListView(PlanResourceView):
    """The agencies taking part in a plan, by acronym, each with its role and every objective,
    line of action and indicator it is named for, with provenance."""

    serializer_class = s.PlanAgencySerializer
    queryset = PlanAgency.objects.none()

    def get_base_queryset(self):
        plan = self.get_plan()
        responsibilities = (
            Responsibility.objects.filter(
                Q(objective__plan=plan) | Q(line_of_action__plan=plan) | Q(indicator__plan=plan)
            )
            .select_related(
                "source",
                "objective__pillar__plan",
                "line_of_action__objective__pillar__plan",
                "indicator__line_of_action__objective__pillar__plan",
            )
            .order_by("pk")
        )
        return (
            PlanAgency.objects.filter(plan=plan)
            .select_related("agency", "source")
            .prefetch_related(
                Prefetch(
                    "agency__responsibilities",
                    queryset=responsibilities,
                    to_attr="plan_responsibilities",
                )
            )
            .order_by("agency__acronym", "pk")
        )
