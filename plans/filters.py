"""Filters for the list of plans on the home page."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q

from plans.models import Plan


class PlanFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Text",
        method="filter_text",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "country or title"}),
    )
    country = django_filters.ChoiceFilter(label="Country", empty_label="Any country")
    region = django_filters.ChoiceFilter(label="Region", empty_label="Any region")
    year = django_filters.ChoiceFilter(label="Year", method="filter_year", empty_label="Any year")

    class Meta:
        model = Plan
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One query gives every filter its choices, whatever the number of plans.
        facets = list(
            Plan.objects.order_by().values_list("country", "region", "adopted_on", "period_start")
        )
        countries = sorted({country for country, _r, _a, _p in facets})
        regions = sorted({region for _c, region, _a, _p in facets if region})
        years = sorted(
            {adopted.year if adopted else start for _c, _r, adopted, start in facets} - {None},
            reverse=True,
        )
        self.filters["country"].extra["choices"] = [(c, c) for c in countries]
        self.filters["region"].extra["choices"] = [(r, r) for r in regions]
        self.filters["year"].extra["choices"] = [(str(y), str(y)) for y in years]

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(country__icontains=value)
            | Q(title_en__icontains=value)
            | Q(title_original__icontains=value)
            | Q(acronym__icontains=value)
        )

    def filter_year(self, queryset, name, value):
        value = int(value)  # one of the years offered, so always a number
        return queryset.filter(
            Q(adopted_on__year=value) | Q(adopted_on__isnull=True, period_start=value)
        )
