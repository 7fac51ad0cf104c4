"""The text PostgreSQL indexes for each kind: one English tsvector over the kind's fields.

The same SQL expression is used by the GIN indexes (migration 0001) and by the queries in
postgres.py, so PostgreSQL can answer `@@` from the index instead of parsing every row. Changing
TABLE_FIELDS needs a new migration that rebuilds the indexes.
"""

from __future__ import annotations

CONFIG = "english"

TABLE_FIELDS: dict[str, tuple[str, ...]] = {
    "plans_plan": ("country", "title_en", "title_original", "acronym", "summary"),
    "plans_strategicobjective": ("code", "wording_en", "wording_original", "note"),
    "plans_lineofaction": ("code", "wording_en", "wording_original", "note"),
    "indicators_indicator": (
        "code",
        "wording_en",
        "wording_original",
        "means_of_verification",
        "target",
        "note",
    ),
    "critiques_critique": ("title", "body", "remedy"),
}


def document_sql(table: str, *, qualified: bool) -> str:
    """to_tsvector('english', coalesce(a, '') || ' ' || coalesce(b, '') ...)."""
    columns = [f'"{table}"."{f}"' if qualified else f'"{f}"' for f in TABLE_FIELDS[table]]
    text = " || ' ' || ".join(f"coalesce({column}, '')" for column in columns)
    return f"to_tsvector('{CONFIG}'::regconfig, {text})"


def index_name(table: str) -> str:
    return f"search_{table}_doc"
