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
from critiques.models.review import ReviewComment

__all__ = [
    "TARGETS",
    "TARGET_FIELDS",
    "Category",
    "Citation",
    "Critique",
    "CritiqueQuerySet",
    "Recommendation",
    "RecommendationQuerySet",
    "ReviewComment",
    "StaleCritique",
    "exactly_one_target",
]
