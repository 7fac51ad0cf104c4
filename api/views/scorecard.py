"""A plan's published assessments, and the rubrics they answer."""

from __future__ import annotations

from django.db.models import Prefetch, Q
from drf_spectacular.utils import extend_schema

from api import serializers as s
from critiques.models import Critique
from plans.models import Plan
from replies.models import Reply
from scorecards.models import EVIDENCE_LINKED, Assessment, Criterion, Evidence, Rubric

from .base import (
    ERRORS,
    SLUG,
    ListView,
    PlanResourceView,
)


def published_assessments(plan: Plan):
    """A plan's published assessments with their criterion and the evidence a reader may follow
    (a critique only once published) and the published replies to it (the right of reply), in
    the rubric's order: four queries."""
    evidence = Evidence.objects.filter(
        Q(critique=None) | Q(critique__status=Critique.Status.PUBLISHED)
    ).select_related(*EVIDENCE_LINKED)
    return (
        Assessment.objects.published()
        .filter(plan=plan)
        .select_related("plan", "criterion__rubric", "criterion__source")
        .prefetch_related(
            Prefetch("evidence", queryset=evidence.order_by("order"), to_attr="public_evidence"),
            Prefetch(
                "replies",
                queryset=Reply.objects.published().for_cards(),
                to_attr="published_replies",
            ),
        )
        .order_by("criterion__rubric__key", "criterion__order", "pk")
    )


@extend_schema(
    tags=["assessments"],
    parameters=[SLUG],
    responses={200: s.AssessmentSerializer(many=True), **ERRORS},
)
class AssessmentListView(PlanResourceView):
    """A plan's published answers to the rubric's judged criteria, in the rubric's order, each
    with its criterion, rationale, confidence and evidence. Computed criteria are on the
    scorecard page; a criterion with no published answer is absent."""

    serializer_class = s.AssessmentSerializer
    queryset = Assessment.objects.none()

    def get_base_queryset(self):
        return published_assessments(self.get_plan())


@extend_schema(tags=["assessments"], responses={200: s.RubricSerializer(many=True), **ERRORS})
class RubricListView(ListView):
    """The rubrics plans are assessed against, each with its criteria in order."""

    serializer_class = s.RubricSerializer
    queryset = Rubric.objects.none()

    def get_base_queryset(self):
        criteria = Criterion.objects.select_related("rubric", "source").order_by("order", "pk")
        return Rubric.objects.prefetch_related(
            Prefetch("criteria", queryset=criteria, to_attr="ordered_criteria")
        ).order_by("key")
