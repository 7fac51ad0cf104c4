"""Filters for the public lists: plans on the home page, a plan's indicators and critiques.

Each FilterSet reads the query string of its page (and of the indicators' CSV), so a filtered
list is a link a researcher can share.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from critiques.models import TARGETS, Critique
from indicators.models import Indicator
from plans.models import (
    Confidence,
    Pillar,
    Plan,
    PlanAgency,
    Responsibility,
    StrategicObjective,
    country_name,
    region_name,
)


class PlanFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Text"),
        method="filter_text",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("country or title")}),
    )
    country = django_filters.ChoiceFilter(label=_("Country"), empty_label=_("Any country"))
    region = django_filters.ChoiceFilter(label=_("Region"), empty_label=_("Any region"))
    year = django_filters.ChoiceFilter(
        label=_("Year"), method="filter_year", empty_label=_("Any year")
    )

    class Meta:
        model = Plan
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One query gives every filter its choices, whatever the number of plans.
        # The values stay the stored English names (addresses work in every language); the
        # labels are in the reader's language ("México", "América Latina y el Caribe").
        facets = list(
            Plan.objects.order_by().values_list(
                "country", "country_code", "region", "adopted_on", "period_start"
            )
        )
        countries = {country: country_name(code, country) for country, code, *_rest in facets}
        regions = {region for _c, _code, region, _a, _p in facets if region}
        years = sorted(
            {adopted.year if adopted else start for *_rest, adopted, start in facets} - {None},
            reverse=True,
        )
        self.filters["country"].extra["choices"] = sorted(
            countries.items(), key=lambda choice: choice[1]
        )
        self.filters["region"].extra["choices"] = sorted(
            ((r, region_name(r)) for r in regions), key=lambda choice: choice[1]
        )
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

    def filter_year(self, queryset, name, value: str):
        value = int(value)  # one of the years offered, so always a number
        return queryset.filter(
            Q(adopted_on__year=value) | Q(adopted_on__isnull=True, period_start=value)
        )


class PlanScopedFilterSet(django_filters.FilterSet):
    """A FilterSet over one plan's rows, given as `plan=`: its `pillar` filter offers the plan's."""

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        pillars = list(Pillar.objects.for_plan(plan).order_by("order"))
        for pillar in pillars:
            pillar.plan = plan  # display_name reads the plan's language: no query per pillar
        self.filters["pillar"].extra["choices"] = [(p.slug, p.display_name) for p in pillars]


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def published_critiques_of_indicator():
    return Critique.objects.published().filter(target_indicator=OuterRef("pk"))


def _descending(label) -> str:
    return gettext("%(label)s (descending)") % {"label": label}


descending = lazy(_descending, str)


class IndicatorOrderingFilter(django_filters.OrderingFilter):
    """Sort keys that read well in a URL; "position" is the plan's own order."""

    EXPANSIONS = {
        "position": [
            "line_of_action__objective__pillar__order",
            "line_of_action__objective__order",
            "line_of_action__order",
            "order",
        ],
        "pillar": ["line_of_action__objective__pillar__order", "code"],
        "objective": ["line_of_action__objective__code", "code"],
        "code": ["code"],
        "confidence": ["confidence_rank", "code"],
        "critiques": ["published_critique_count", "code"],
    }

    def build_choices(self, fields, labels):
        """django-filter's, but "Pillar (descending)" stays lazy: in the reader's language."""
        ascending = [(param, labels.get(field, param)) for field, param in fields.items()]
        return [
            choice
            for param, label in ascending
            for choice in [(param, label), (f"-{param}", descending(label))]
        ]

    def filter(self, qs, value):
        if not value:
            return qs.order_by(*self.EXPANSIONS["position"])
        ordering = []
        for param in value:
            descending = param.startswith("-")
            for field_name in self.EXPANSIONS[param.lstrip("-")]:
                ordering.append(f"-{field_name}" if descending else field_name)
        return qs.order_by(*ordering)


class IndicatorFilter(PlanScopedFilterSet):
    """Choices come from the plan given as `plan=`, loaded in three queries."""

    q = django_filters.CharFilter(
        label=_("Text"),
        method="filter_text",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("code or wording")}),
    )
    pillar = django_filters.ChoiceFilter(
        label=_("Pillar"), method="filter_pillar", empty_label=_("Any pillar")
    )
    objective = django_filters.ChoiceFilter(
        label=_("Objective"), method="filter_objective", empty_label=_("Any objective")
    )
    agency = django_filters.ChoiceFilter(
        label=_("Agency"), method="filter_agency", empty_label=_("Any agency")
    )
    confidence = django_filters.ChoiceFilter(
        label=_("Confidence"), choices=Confidence.choices, empty_label=_("Any confidence")
    )
    critiqued = django_filters.ChoiceFilter(
        label=_("Critiqued"),
        choices=YES_NO,
        method="filter_critiqued",
        empty_label=pgettext_lazy("critiqued or not", "Either"),
    )
    category = django_filters.ChoiceFilter(
        label=_("Critique category"),
        choices=Critique.Category.choices,
        method="filter_category",
        empty_label=_("Any category"),
    )
    ordering = IndicatorOrderingFilter(
        label=_("Sort by"),
        fields=[(key, key) for key in IndicatorOrderingFilter.EXPANSIONS],
        field_labels={
            "position": _("Order in the plan"),
            "pillar": _("Pillar"),
            "objective": _("Objective"),
            "code": _("Code"),
            "confidence": _("Confidence"),
            "critiques": _("Published critiques"),
        },
        empty_label=None,
    )

    class Meta:
        model = Indicator
        fields: list[str] = []

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        self.filters["objective"].extra["choices"] = [
            # the objective's wording in quotation marks: its own words, in its own language
            (o.code, f"{o.code} – “{o.wording[:60]}{'…' if len(o.wording) > 60 else ''}”")
            for o in StrategicObjective.objects.for_plan(plan).order_by("pillar__order", "order")
        ]
        self.filters["agency"].extra["choices"] = [
            (
                pa.agency.acronym,
                f"{pa.agency.acronym} – {pa.agency.display_name}",
            )
            for pa in PlanAgency.objects.filter(plan=plan)
            .select_related("agency")
            .order_by("agency__acronym")
        ]

    @staticmethod
    def base_queryset(plan: Plan):
        """The plan's indicators with what the table shows, before any filter."""
        return (
            Indicator.objects.for_plan(plan)
            .with_table_columns()
            .annotate(
                published_critique_count=Critique.objects.published().count_for("target_indicator"),
                confidence_rank=Case(
                    *[When(confidence=c, then=Value(i)) for i, c in enumerate(Confidence.values)],
                    output_field=IntegerField(),
                ),
            )
            .order_by(*IndicatorOrderingFilter.EXPANSIONS["position"])
        )

    def filter_text(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(code__icontains=word)
                | Q(wording_en__icontains=word)
                | Q(wording_original__icontains=word)
                | Q(unit__icontains=word)
                | Q(target__icontains=word)
                | Q(means_of_verification__icontains=word)
                | Q(note__icontains=word)
            )
        return queryset

    def filter_pillar(self, queryset, name, value: str):
        return queryset.filter(line_of_action__objective__pillar__slug=value)

    def filter_objective(self, queryset, name, value: str):
        return queryset.filter(line_of_action__objective__code=value)

    def filter_agency(self, queryset, name, value: str):
        """Indicators the agency answers for, directly or through their line or objective."""
        responsible = Responsibility.objects.filter(agency__acronym=value).filter(
            Q(indicator=OuterRef("pk"))
            | Q(line_of_action=OuterRef("line_of_action"))
            | Q(objective=OuterRef("line_of_action__objective"))
        )
        return queryset.filter(Exists(responsible))

    def filter_critiqued(self, queryset, name, value):
        critiqued = Exists(published_critiques_of_indicator())
        return queryset.filter(critiqued if value == "yes" else ~critiqued)

    def filter_category(self, queryset, name, value):
        return queryset.filter(Exists(published_critiques_of_indicator().filter(category=value)))


# capfirst keeps the label lazy: translated when the form is shown, in the reader's language.
TARGET_TYPES = [(field.removeprefix("target_"), capfirst(label)) for field, _m, label in TARGETS]


class CritiqueFilter(PlanScopedFilterSet):
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=Critique.Category.choices, empty_label=_("Any category")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Critique.Kind.choices, empty_label=_("Any kind")
    )
    severity = django_filters.ChoiceFilter(
        label=_("Severity"),
        choices=[(str(v), label) for v, label in reversed(Critique.Severity.choices)],
        empty_label=_("Any severity"),
    )
    pillar = django_filters.ChoiceFilter(
        label=_("Pillar"), method="filter_pillar", empty_label=_("Any pillar")
    )
    target = django_filters.ChoiceFilter(
        label=pgettext_lazy("what a critique is about", "Target"),
        choices=TARGET_TYPES,
        method="filter_target",
        empty_label=_("Any target"),
    )

    class Meta:
        model = Critique
        fields: list[str] = []

    def filter_pillar(self, queryset, name, value: str):
        return queryset.filter(
            Q(target_pillar__slug=value)
            | Q(target_objective__pillar__slug=value)
            | Q(target_line__objective__pillar__slug=value)
            | Q(target_indicator__line_of_action__objective__pillar__slug=value)
        )

    def filter_target(self, queryset, name, value):
        return queryset.filter(**{f"target_{value}__isnull": False})
