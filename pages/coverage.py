"""How much of a plan is encoded, and how sure we are of it: the overview's coverage panel."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import CharField, Count, QuerySet, Value
from django.utils.translation import ngettext

from plans.models import Confidence, LineOfAction, Pillar, Plan, StrategicObjective

CONFIDENCE_ORDER = [choice.value for choice in Confidence]


def confidence_count(confidence: str, count: int) -> str:
    """ "3 verbatim": how many elements of a level have this confidence, in the reader's language."""
    phrases = {
        Confidence.VERBATIM: ngettext("%(count)d verbatim", "%(count)d verbatim", count),
        Confidence.QUOTED: ngettext("%(count)d quoted", "%(count)d quoted", count),
        Confidence.DESCRIBED: ngettext("%(count)d described", "%(count)d described", count),
        Confidence.INFERRED: ngettext("%(count)d inferred", "%(count)d inferred", count),
    }
    return phrases[confidence] % {"count": count}


@dataclass
class CoverageRow:
    label: str
    declared: int | None
    encoded: int
    percent: int | None
    by_confidence: list[dict] = field(default_factory=list)
    missing: int = 0
    missing_width: int = 0


def coverage_with_confidence(plan: Plan) -> list[CoverageRow]:
    """Declared vs encoded per level, each split by confidence, in a single UNION query."""
    from indicators.models import Indicator

    levels = [
        ("pillars", Pillar),
        ("strategic objectives", StrategicObjective),
        ("lines of action", LineOfAction),
        ("indicators", Indicator),
    ]
    # Plain QuerySets: modeltranslation's (on Pillar) reorders a values_list() that mixes fields
    # and annotations, and a UNION's parts must agree on their columns.
    parts = [
        QuerySet(model)
        .filter(plan=plan)
        .order_by()
        .values("confidence")
        .annotate(n=Count("pk"), level=Value(label, output_field=CharField()))
        .values_list("level", "confidence", "n")
        for label, model in levels
    ]
    counts: dict[tuple[str, str], int] = {}
    for level, confidence, n in parts[0].union(*parts[1:], all=True).order_by():
        counts[(level, confidence)] = n
    rows = []
    for base in plan.coverage():
        encoded = sum(n for (level, _c), n in counts.items() if level == base["label"])
        # The bar's whole is what the plan declares when we know it, else what is encoded.
        whole = max(base["declared"] or 0, encoded)
        split = []
        for confidence in CONFIDENCE_ORDER:
            n = counts.get((base["label"], confidence), 0)
            split.append(
                {
                    "confidence": confidence,
                    "label": Confidence.short_label(confidence),
                    "description": Confidence(confidence).label,
                    "count": n,
                    "text": confidence_count(confidence, n),
                    "percent": round(100 * n / encoded) if encoded else 0,
                    # for the bar's CSS class (w-0 … w-100 in 5% steps; no inline styles)
                    "width": 5 * round(20 * n / whole) if whole else 0,
                }
            )
        rows.append(
            CoverageRow(
                label=base["label"],
                declared=base["declared"],
                encoded=base["encoded"],
                percent=base["percent"],
                by_confidence=split,
                missing=max((base["declared"] or 0) - encoded, 0),
                missing_width=5 * round(20 * max((base["declared"] or 0) - encoded, 0) / whole)
                if whole
                else 0,
            )
        )
    return rows
