"""The plans app's models, by concern: provenance, the plan itself, and its tree."""

from plans.models.plan import Agency, Plan, PlanAgency, PlanQuerySet, Section
from plans.models.provenance import (
    CODE,
    CODE_PATTERN,
    KEY,
    KEY_PATTERN,
    PATTERNS,
    Confidence,
    Pattern,
    Provenance,
    Source,
)
from plans.models.tree import (
    Element,
    ElementQuerySet,
    LineOfAction,
    Pillar,
    PillarQuerySet,
    Responsibility,
    StrategicObjective,
)

__all__ = [
    "CODE",
    "CODE_PATTERN",
    "KEY",
    "KEY_PATTERN",
    "PATTERNS",
    "Agency",
    "Confidence",
    "Element",
    "ElementQuerySet",
    "LineOfAction",
    "Pattern",
    "Pillar",
    "PillarQuerySet",
    "Plan",
    "PlanAgency",
    "PlanQuerySet",
    "Provenance",
    "Responsibility",
    "Section",
    "Source",
    "StrategicObjective",
]
