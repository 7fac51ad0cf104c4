"""The PostgreSQL backend: django.contrib.postgres full-text search, ranked, with headlines.

Each kind is matched and ranked on its rows' stored English tsvector (the `search_document`
column that a trigger keeps and a GIN index holds, search/documents.py), so a search reads the
index and the stored documents rather than parsing any row's text. `websearch` syntax gives
"phrases", `or` and `-word`. Headlines mark matches with private-use sentinels that
`marks_from_sentinels` turns into <mark> after escaping the text.
"""

from __future__ import annotations

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db.models import F, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Concat

from search.documents import CONFIG, column_sql
from search.engine import Kind, SearchHit, hit_for
from search.highlight import START, STOP, marks_from_sentinels


def search_kind(kind: Kind, text: str, *, limit: int) -> list[SearchHit]:
    queryset = kind.queryset()
    table = queryset.model._meta.db_table
    # The column is not a model field, so it is named in SQL built only from our own table and
    # column names (search/documents.py), never from the visitor's text, which reaches the
    # database as a parameter of SearchQuery.
    document = RawSQL(  # nosec B611
        column_sql(table), [], output_field=SearchVectorField()
    )
    query = SearchQuery(text, search_type="websearch", config=CONFIG)
    pieces = []
    for name in kind.snippet_fields:
        pieces += [Coalesce(F(name), Value(""), output_field=TextField()), Value(" ")]
    snippet_source = Concat(*pieces, output_field=TextField())
    queryset = (
        queryset.alias(document=document)
        .filter(document=query)
        .annotate(
            rank=SearchRank(document, query),
            headline=SearchHeadline(
                snippet_source,
                query,
                config=CONFIG,
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
