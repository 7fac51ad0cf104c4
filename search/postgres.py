"""The PostgreSQL backend: django.contrib.postgres full-text search, ranked, with headlines.

Each kind is matched and ranked on its rows' stored tsvector (the `search_document` column that a
trigger keeps and a GIN index holds, search/documents.py), so a search reads the index and the
stored documents rather than parsing any row's text. The visitor's words are asked in every
configuration the documents use (English, Spanish), as typed and through `unaccent`, so that
"capacitación" finds "capacitaciones" and "mision" finds "misión". `websearch` syntax gives
"phrases", `or` and `-word`. Headlines come from the reader's language and mark matches with
private-use sentinels that `marks_from_sentinels` turns into <mark> after escaping the text.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db.models import F, Func, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Concat

from plans.models import reader_language
from search.documents import CONFIGS, ENGLISH, TABLE_FIELDS, column_sql
from search.engine import Kind, SearchHit, hit_for
from search.highlight import START, STOP, marks_from_sentinels


class Unaccent(Func):
    function = "unaccent"
    output_field = TextField()


def text_query(text: str, table: str) -> SearchQuery:
    """The visitor's words in each configuration of the table's documents, with and without
    accents: a row matches when any of them does."""
    queries = [
        SearchQuery(value, search_type="websearch", config=config)
        for config in TABLE_FIELDS[table]
        for value in (Value(text), Unaccent(Value(text)))
    ]
    return reduce(or_, queries)


def search_kind(kind: Kind, text: str, *, limit: int) -> list[SearchHit]:
    queryset = kind.queryset()
    table = queryset.model._meta.db_table
    # The column is not a model field, so it is named in SQL built only from our own table and
    # column names (search/documents.py), never from the visitor's text, which reaches the
    # database as a parameter of SearchQuery.
    document = RawSQL(  # nosec B611
        column_sql(table), [], output_field=SearchVectorField()
    )
    query = text_query(text, table)
    language = reader_language()
    pieces = []
    for name in kind.snippet_fields_for(language):
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
                config=CONFIGS.get(language, ENGLISH),
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
