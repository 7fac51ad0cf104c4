"""Which rows a release holds beyond the plans' own: the sources and agencies they cite, and only
published critiques, assessments and evidence."""

from __future__ import annotations

from collections.abc import Callable

from django.db import models

from critiques.models import Citation, Critique, Recommendation
from indicators.models import Indicator
from plans.models import (
    Agency,
    LineOfAction,
    Pillar,
    Plan,
    PlanAgency,
    Responsibility,
    Section,
    Source,
    StrategicObjective,
)
from scorecards.models import Assessment, Criterion, Evidence

from .core import Scope


def in_scope(model: type[models.Model], path: str = "plan") -> Callable[[Scope], models.QuerySet]:
    return lambda scope: model.objects.filter(**{f"{path}__in": scope.plans})


def released_sources(scope: Scope) -> models.QuerySet:
    """The sources the released plans list or any released row cites."""
    plans = scope.plans
    ids: set[int] = set(
        Plan.sources.through.objects.filter(plan__in=plans).values_list("source", flat=True)
    )
    for model in (
        Plan,
        PlanAgency,
        Section,
        Pillar,
        StrategicObjective,
        LineOfAction,
        Indicator,
        Recommendation,
    ):
        rows = (
            model.objects.filter(pk__in=plans)
            if model is Plan
            else model.objects.filter(plan__in=plans)
        )
        ids.update(rows.values_list("source", flat=True).distinct())
        if model in (StrategicObjective, LineOfAction, Indicator):
            ids.update(
                rows.exclude(wording_original_source=None)
                .values_list("wording_original_source", flat=True)
                .distinct()
            )
    ids.update(
        Responsibility.objects.filter(responsible_in(plans))
        .values_list("source", flat=True)
        .distinct()
    )
    ids.update(
        Citation.objects.filter(critique__in=published(scope))
        .values_list("source", flat=True)
        .distinct()
    )
    for path in ("source", "context_source"):
        ids.update(Criterion.objects.exclude(**{path: None}).values_list(path, flat=True))
    ids.update(
        released_evidence(scope).exclude(source=None).values_list("source", flat=True).distinct()
    )
    return Source.objects.filter(pk__in=ids).order_by("key")


def published_assessments(scope: Scope) -> models.QuerySet:
    return Assessment.objects.published().filter(plan__in=scope.plans)


def released_evidence(scope: Scope) -> models.QuerySet:
    """The evidence of published assessments, less any critique that is not published."""
    return (
        Evidence.objects.filter(assessment__in=published_assessments(scope))
        .exclude(critique__isnull=False, critique__status__in=UNPUBLISHED)
        .filter(models.Q(critique=None) | models.Q(critique__plan__in=scope.plans))
    )


UNPUBLISHED = tuple(
    status for status in Critique.Status.values if status != Critique.Status.PUBLISHED
)


def responsible_in(plans) -> models.Q:
    return (
        models.Q(objective__plan__in=plans)
        | models.Q(line_of_action__plan__in=plans)
        | models.Q(indicator__plan__in=plans)
    )


def published(scope: Scope) -> models.QuerySet:
    return Critique.objects.published().filter(plan__in=scope.plans)


def released_agencies(scope: Scope) -> models.QuerySet:
    ids = set(PlanAgency.objects.filter(plan__in=scope.plans).values_list("agency", flat=True))
    ids.update(
        Responsibility.objects.filter(responsible_in(scope.plans)).values_list("agency", flat=True)
    )
    return Agency.objects.filter(pk__in=ids).order_by("country_code", "acronym")
