"""Critiques: annotations that target exactly one element of a plan; and recommendations."""

from critiques.models.critique import (
    TARGET_FIELDS,
    TARGETS,
    Category,
    Citation,
    Critique,
    CritiqueQuerySet,
    StaleCritique,
    exactly_one_target,
)
from critiques.models.recommendation import Recommendation, RecommendationQuerySet

__all__ = [
    "TARGETS",
    "TARGET_FIELDS",
    "Category",
    "Citation",
    "Critique",
    "CritiqueQuerySet",
    "Recommendation",
    "RecommendationQuerySet",
    "StaleCritique",
    "exactly_one_target",
]
