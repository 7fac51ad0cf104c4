"""The SQLite (non-PostgreSQL) backend: every word must appear in one of the kind's fields."""

from __future__ import annotations

from django.db.models import Q

from search.engine import Kind, SearchHit, hit_for
from search.highlight import highlight


def words_of(text: str) -> list[str]:
    return [word.strip("\"'") for word in text.split() if word.strip("\"'")][:12]


def search_kind(kind: Kind, text: str, *, limit: int) -> list[SearchHit]:
    words = words_of(text)
    if not words:
        return []
    queryset = kind.queryset()
    for word in words:
        any_field = Q()
        for name in kind.fields:
            any_field |= Q(**{f"{name}__icontains": word})
        queryset = queryset.filter(any_field)
    hits = []
    # A crude rank: matches in the earlier (more telling) fields weigh more.
    for obj in queryset[: limit * 3]:
        rank = 0.0
        for position, name in enumerate(kind.fields):
            value = (getattr(obj, name) or "").lower()
            rank += sum(value.count(w.lower()) for w in words) / (position + 1)
        snippet_text = next(
            (getattr(obj, name) for name in kind.snippet_fields if getattr(obj, name)), ""
        )
        if not any(w.lower() in snippet_text.lower() for w in words):
            snippet_text = next(
                (
                    getattr(obj, name)
                    for name in kind.fields
                    if any(w.lower() in (getattr(obj, name) or "").lower() for w in words)
                ),
                snippet_text,
            )
        hits.append(hit_for(kind, obj, highlight(snippet_text, words), rank))
    hits.sort(key=lambda hit: -hit.rank)
    return hits[:limit]
