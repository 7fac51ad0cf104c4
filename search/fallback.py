"""The SQLite (non-PostgreSQL) backend: every word must appear in one of the kind's fields,
whatever its case and accents ("mision" finds "Misión"; search/folding.py)."""

from __future__ import annotations

from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Coalesce, Concat

from plans.models import reader_language
from search.engine import Kind, SearchHit, hit_for
from search.folding import fold
from search.highlight import highlight


class Fold(Func):
    """napwatch_fold(text): lower case without accents, registered on SQLite connections."""

    function = "napwatch_fold"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        # The same folding from the unaccent extension (search migration 0003), so this backend
        # also runs on PostgreSQL
        return self.as_sql(compiler, connection, template="lower(unaccent(%(expressions)s))")


def words_of(text: str) -> list[str]:
    return [word.strip("\"'") for word in text.split() if word.strip("\"'")][:12]


def search_kind(kind: Kind, text: str, *, limit: int) -> list[SearchHit]:
    words = [w for w in words_of(text) if fold(w)]
    folded_words = [fold(w) for w in words]
    if not words:
        return []
    pieces = []
    for name in kind.fields:
        pieces += [Coalesce(F(name), Value(""), output_field=TextField()), Value(" ")]
    queryset = kind.queryset().alias(haystack=Fold(Concat(*pieces, output_field=TextField())))
    for word in folded_words:
        queryset = queryset.filter(haystack__contains=word)
    hits = []
    snippet_fields = kind.snippet_fields_for(reader_language())
    # A crude rank: matches in the earlier (more telling) fields weigh more.
    for obj in queryset[: limit * 3]:
        rank = 0.0
        for position, name in enumerate(kind.fields):
            value = fold(getattr(obj, name))
            rank += sum(value.count(w) for w in folded_words) / (position + 1)

        def matches(name: str, obj=obj) -> bool:
            value = fold(getattr(obj, name))
            return any(w in value for w in folded_words)

        snippet_text = next((getattr(obj, n) for n in snippet_fields if getattr(obj, n)), "")
        matching = next((n for n in [*snippet_fields, *kind.fields] if matches(n)), None)
        if matching and not any(w in fold(snippet_text) for w in folded_words):
            snippet_text = getattr(obj, matching)
        hits.append(hit_for(kind, obj, highlight(snippet_text, words), rank))
    hits.sort(key=lambda hit: -hit.rank)
    return hits[:limit]
