"""Filters for a plan's published critiques."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from critiques.models import TARGETS, Category, Critique
from plans.models import Pillar, Plan

TARGET_TYPES = [(field.removeprefix("target_"), label.capitalize()) for field, _m, label in TARGETS]


class CritiqueFilter(django_filters.FilterSet):
    category = django_filters.ChoiceFilter(
        label="Category", choices=Category.choices, empty_label="Any category"
    )
    kind = django_filters.ChoiceFilter(
        label="Kind", choices=Critique.Kind.choices, empty_label="Any kind"
    )
    severity = django_filters.ChoiceFilter(
        label="Severity",
        choices=[(str(v), label) for v, label in reversed(Critique.Severity.choices)],
        empty_label="Any severity",
    )
    pillar = django_filters.ChoiceFilter(
        label="Pillar", method="filter_pillar", empty_label="Any pillar"
    )
    target = django_filters.ChoiceFilter(
        label="Target", choices=TARGET_TYPES, method="filter_target", empty_label="Any target"
    )

    class Meta:
        model = Critique
        fields: list[str] = []

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.filters["pillar"].extra["choices"] = [
            (p.slug, p.name_en) for p in Pillar.objects.for_plan(plan).order_by("order")
        ]

    def filter_pillar(self, queryset, name, value):
        return queryset.filter(
            Q(target_pillar__slug=value)
            | Q(target_objective__pillar__slug=value)
            | Q(target_line__objective__pillar__slug=value)
            | Q(target_indicator__line_of_action__objective__pillar__slug=value)
        )

    def filter_target(self, queryset, name, value):
        return queryset.filter(**{f"target_{value}__isnull": False})
