"""What the compare page and the brief's "How the plan compares" chapter show beside the rubric:
key facts, declared vs encoded counts, published critiques by category, and the plans a plan is
compared with. Each reader runs a fixed number of queries whatever the plans' sizes."""

from __future__ import annotations

from collections import Counter

from django.db.models import Count
from django.utils.translation import gettext

from critiques.models import Critique
from plans.models import Plan, PlanAgency


def compared_plans(plan: Plan) -> list[Plan]:
    """The plans this plan's published critiques compare it with (its `compares_with`)."""
    return list(
        Plan.objects.with_counts()
        .select_related("source")
        .filter(compared_in__plan=plan, compared_in__status=Critique.Status.PUBLISHED)
        .distinct()
        .order_by("country", "slug")
    )


def fact_rows(plans: list[Plan]) -> list[dict]:
    """Key facts and declared vs encoded counts, one value per plan (for the table and CSV)."""
    agencies: dict[int, list[PlanAgency]] = {}
    for plan_agency in (
        PlanAgency.objects.filter(plan__in=plans).select_related("agency").order_by("order")
    ):
        agencies.setdefault(plan_agency.plan_id, []).append(plan_agency)

    def lead(plan: Plan) -> str:
        leads = [
            pa.agency.acronym for pa in agencies.get(plan.pk, []) if pa.role == PlanAgency.Role.LEAD
        ]
        return ", ".join(leads) or gettext("not stated")

    def counts(declared, encoded) -> str:
        if declared is None:
            return gettext("%(encoded)d encoded; declared total not known") % {"encoded": encoded}
        return gettext("%(encoded)d of %(declared)d encoded") % {
            "encoded": encoded,
            "declared": declared,
        }

    return [
        {
            "label": gettext("Adopted"),
            "values": [
                # A date, shown in the reader's format (CSV writes it as ISO).
                plan.adopted_on or gettext("not known")
                for plan in plans
            ],
        },
        {"label": gettext("Period"), "values": [plan.period_label for plan in plans]},
        {"label": gettext("Lead agency"), "values": [lead(plan) for plan in plans]},
        {
            "label": gettext("Agencies named"),
            "values": [
                ", ".join(pa.agency.acronym for pa in agencies.get(plan.pk, []))
                or gettext("none encoded")
                for plan in plans
            ],
        },
        {
            "label": gettext("Strategic objectives"),
            "values": [counts(p.declared_objectives, p.encoded_objectives) for p in plans],
        },
        {
            "label": gettext("Lines of action"),
            "values": [counts(p.declared_lines, p.encoded_lines) for p in plans],
        },
        {
            "label": gettext("Indicators"),
            "values": [counts(p.declared_indicators, p.encoded_indicators) for p in plans],
        },
    ]


def critique_rows(plans: list[Plan]) -> list[dict]:
    """Published critiques by category, one count per plan (one query)."""
    counted = Counter(
        {
            (row["plan_id"], row["category"]): row["n"]
            for row in Critique.objects.published()
            .filter(plan__in=plans)
            .values("plan_id", "category")
            .annotate(n=Count("pk"))
            .order_by()
        }
    )
    categories = [c for c in Critique.Category if any(counted[(p.pk, c)] for p in plans)]
    # A plan with no published critique at all is "not critiqued" (None), not 0 of a category.
    critiqued = {plan_id for plan_id, _category in +counted}
    return [
        {
            "label": str(category.label),
            "category": category.value,
            "values": [counted[(plan.pk, category.value)] for plan in plans],
            "cells": [
                (plan, counted[(plan.pk, category.value)] if plan.pk in critiqued else None)
                for plan in plans
            ],
        }
        for category in categories
    ]
