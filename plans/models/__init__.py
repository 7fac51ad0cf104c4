"""The plans app's models, by concern: provenance, the plan itself, and its tree."""

from plans.models.language import (
    EnglishBy,
    Translated,
    TranslationStatus,
    language_name,
    reader_language,
    render_per_language,
    site_languages,
)
from plans.models.places import Region, country_name, region_name
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
    OriginalWording,
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
    "EnglishBy",
    "LineOfAction",
    "OriginalWording",
    "Pattern",
    "Pillar",
    "PillarQuerySet",
    "Plan",
    "PlanAgency",
    "PlanQuerySet",
    "Provenance",
    "Region",
    "Responsibility",
    "Section",
    "Source",
    "StrategicObjective",
    "Translated",
    "TranslationStatus",
    "country_name",
    "language_name",
    "reader_language",
    "region_name",
    "render_per_language",
    "site_languages",
]
