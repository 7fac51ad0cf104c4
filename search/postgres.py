"""The PostgreSQL backend: django.contrib.postgres full-text search, ranked, with headlines.

English stemming finds "trained" for "training"; a second, unstemmed ("simple") query finds
Spanish or French original wording and codes such as PREV-I1. Headlines mark matches with
private-use sentinels that `marks_from_sentinels` turns into <mark> after escaping the text.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db.models import F, TextField, Value
from django.db.models.functions import Coalesce, Concat

from search.engine import Kind, SearchHit, hit_for
from search.highlight import START, STOP, marks_from_sentinels

WEIGHTS = ["A", "A", "B", "B", "C", "C", "D"]


def search_kind(kind: Kind, text: str, *, limit: int) -> list[SearchHit]:
    query = SearchQuery(text, search_type="websearch", config="english") | SearchQuery(
        text, search_type="websearch", config="simple"
    )
    vector = None
    for name, weight in zip(kind.fields, WEIGHTS, strict=False):
        english = SearchVector(name, weight=weight, config="english")
        simple = SearchVector(name, weight=weight, config="simple")
        vector = english + simple if vector is None else vector + english + simple
    pieces = []
    for name in kind.snippet_fields:
        pieces += [Coalesce(F(name), Value(""), output_field=TextField()), Value(" ")]
    snippet_source = Concat(*pieces, output_field=TextField())
    queryset = (
        kind.queryset()
        .annotate(document=vector)
        .filter(document=query)
        .annotate(
            rank=SearchRank(F("document"), query),
            headline=SearchHeadline(
                snippet_source,
                query,
                config="english",
                start_sel=START,
                stop_sel=STOP,
                max_words=40,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank", "pk")[:limit]
    )
    return [
        hit_for(kind, obj, marks_from_sentinels(obj.headline.strip()), obj.rank) for obj in queryset
    ]
