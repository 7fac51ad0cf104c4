"""Computed criteria: figures derived from the encoded data only, never typed by hand.

Each figure says what it counts and over what (its formula and its denominator), and how much of
the plan is encoded ("4 of 10 encoded indicators; the plan declares 23"), so that partial
coverage is never mistaken for the plan's quality. A rubric's computed criterion names one of
FIGURES by its key.

`figures_for(plans)` reads every figure of every plan given in two queries, whatever the plans'
sizes: one aggregate over their indicators, one over their lines of action.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from indicators.models import Indicator
from plans.models import LineOfAction, Plan, Responsibility
from scorecards.models import ScaleValue


@dataclass(frozen=True)
class Definition:
    key: str
    formula: str | Promise
    counts: str  # "indicators", "lines" or "plan"


INDICATOR_FIELDS = {
    "indicator-unit": ("unit", _("encoded indicators stating a unit ÷ encoded indicators")),
    "indicator-baseline": (
        "baseline",
        _("encoded indicators stating a baseline ÷ encoded indicators"),
    ),
    "indicator-target": ("target", _("encoded indicators stating a target ÷ encoded indicators")),
    "indicator-timeframe": (
        "timeframe",
        _("encoded indicators stating a timeframe ÷ encoded indicators"),
    ),
    "indicator-verification": (
        "means_of_verification",
        _("encoded indicators stating a means of verification ÷ encoded indicators"),
    ),
}

FIGURES: dict[str, Definition] = {
    **{
        key: Definition(key, formula, "indicators")
        for key, (_f, formula) in INDICATOR_FIELDS.items()
    },
    "indicator-responsible": Definition(
        "indicator-responsible",
        _("encoded indicators naming a responsible agency of their own ÷ encoded indicators"),
        "indicators",
    ),
    "line-responsible": Definition(
        "line-responsible",
        _("encoded lines of action naming a responsible agency ÷ encoded lines of action"),
        "lines",
    ),
    "period-stated": Definition(
        "period-stated", _("the plan's first and last year are both stated"), "plan"
    ),
    "review-stated": Definition("review-stated", _("a year of review is stated"), "plan"),
}


@dataclass(frozen=True)
class Figure:
    key: str
    formula: str | Promise
    stated: int | None  # how many state it (None for a plan-level yes/no)
    encoded: int | None  # the denominator: encoded elements
    declared: int | None  # how many the plan declares, when known
    level: str  # a ScaleValue

    @property
    def share(self) -> float | None:
        if not self.encoded or self.stated is None:
            return None
        return self.stated / self.encoded

    @property
    def percent(self) -> int | None:
        share = self.share
        return None if share is None else round(share * 100)

    @property
    def complete(self) -> bool:
        """Is every element the plan declares encoded?"""
        return self.declared is not None and self.encoded == self.declared

    def text(self) -> str:
        """ "4 of 10 encoded indicators; the plan declares 23" (in the reader's language)."""
        if self.encoded is None:
            return str(ScaleValue(self.level).label)
        what = FIGURES[self.key].counts
        if what == "indicators":
            counted = ngettext(
                "%(stated)d of %(encoded)d encoded indicator",
                "%(stated)d of %(encoded)d encoded indicators",
                self.encoded,
            )
        else:
            counted = ngettext(
                "%(stated)d of %(encoded)d encoded line of action",
                "%(stated)d of %(encoded)d encoded lines of action",
                self.encoded,
            )
        text = counted % {"stated": self.stated, "encoded": self.encoded}
        if self.declared is None:
            return text + gettext("; the plan's total is not known")
        return text + gettext("; the plan declares %(declared)d") % {"declared": self.declared}


def level_of(stated: int, encoded: int, declared: int | None) -> str:
    """Yes / partly / no only as far as the encoded data reaches: with part of the plan encoded,
    what is stated is "partly" and nothing stated is "not known" (the rest may state it)."""
    if not encoded:
        return ScaleValue.NOT_KNOWN
    complete = declared is not None and encoded >= declared
    if complete:
        if stated == encoded:
            return ScaleValue.YES
        return ScaleValue.NO if stated == 0 else ScaleValue.PARTLY
    return ScaleValue.PARTLY if stated else ScaleValue.NOT_KNOWN


def _stated(field: str) -> Count:
    return Count("pk", filter=~Q(**{field: ""}))


def figures_for(plans: Iterable[Plan]) -> dict[int, dict[str, Figure]]:
    """{plan id: {figure key: Figure}} for these plans, in two queries."""
    plans = list(plans)
    ids = [plan.pk for plan in plans]
    own_agency = Exists(Responsibility.objects.filter(indicator=OuterRef("pk")))
    indicator_rows = {
        row["plan_id"]: row
        for row in Indicator.objects.filter(plan_id__in=ids)
        .annotate(has_agency=own_agency)
        .values("plan_id")
        .order_by("plan_id")
        .annotate(
            encoded=Count("pk"),
            responsible=Count("pk", filter=Q(has_agency=True)),
            **{key: _stated(field) for key, (field, _formula) in INDICATOR_FIELDS.items()},
        )
    }
    line_agency = Exists(Responsibility.objects.filter(line_of_action=OuterRef("pk")))
    line_rows = {
        row["plan_id"]: row
        for row in LineOfAction.objects.filter(plan_id__in=ids)
        .annotate(has_agency=line_agency)
        .values("plan_id")
        .order_by("plan_id")
        .annotate(encoded=Count("pk"), responsible=Count("pk", filter=Q(has_agency=True)))
    }
    result: dict[int, dict[str, Figure]] = {}
    for plan in plans:
        indicators = indicator_rows.get(plan.pk, {})
        lines = line_rows.get(plan.pk, {})
        figures: dict[str, Figure] = {}
        for key, definition in FIGURES.items():
            if definition.counts == "indicators":
                stated = indicators.get("responsible" if key == "indicator-responsible" else key, 0)
                encoded, declared = indicators.get("encoded", 0), plan.declared_indicators
            elif definition.counts == "lines":
                stated, encoded = lines.get("responsible", 0), lines.get("encoded", 0)
                declared = plan.declared_lines
            else:
                given = (
                    plan.period_start and plan.period_end
                    if key == "period-stated"
                    else plan.review_due
                )
                level = ScaleValue.YES if given else ScaleValue.NOT_KNOWN
                figures[key] = Figure(key, definition.formula, None, None, None, level)
                continue
            figures[key] = Figure(
                key,
                definition.formula,
                stated,
                encoded,
                declared,
                level_of(stated, encoded, declared),
            )
        result[plan.pk] = figures
    return result
