"""Counting related rows in the same query as the rows they belong to."""

from django.db import models
from django.db.models.functions import Coalesce


def count_per_row(queryset: models.QuerySet, field: str) -> Coalesce:
    """How many rows of `queryset` have `field` pointing at the outer row: an expression for
    `annotate()` (a correlated subquery, 0 where there are none), so a list shows its counts in
    the one query that reads it, whatever its length."""
    counts = (
        queryset.filter(**{field: models.OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=models.Count("pk"))
        .values("n")
    )
    return Coalesce(models.Subquery(counts), 0)
