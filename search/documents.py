"""The text PostgreSQL searches for each kind: one English tsvector over the kind's fields.

On PostgreSQL each searched table has a stored `search_document` tsvector column (migration
0002), which a BEFORE INSERT OR UPDATE trigger computes from the row with `document_sql`, and
which a GIN index holds; postgres.py matches and ranks on that column, so no row's text is parsed
at query time. The column is not a Django field: the database keeps it, so `bulk_create`,
`QuerySet.update()` and raw SQL writes are covered too. It is a plain column, not a GENERATED
one, so that migrations may still change the type (max_length) of the fields it is computed from.

Changing SEARCHED_FIELDS or CONFIG needs a new migration that replaces the trigger functions
(`trigger_function_sql`) and refills the column. Renaming a field listed here needs the same:
the trigger functions name the fields, and would fail on the next write to the table. Migrations
0001 and 0002 build their SQL from this module, so a field added here must also exist when they
run on an empty database, or they need a frozen copy of today's TABLE_FIELDS.
"""

from __future__ import annotations

CONFIG = "english"

COLUMN = "search_document"

# The fields searched for each kind of result, most telling first, and the table that holds them:
# the one list the PostgreSQL documents (here) and the SQLite fallback (engine.Kind.fields) read.
SEARCHED_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "plan": ("plans_plan", ("country", "title_en", "title_original", "acronym", "summary")),
    "objective": ("plans_strategicobjective", ("code", "wording_en", "wording_original", "note")),
    "line": ("plans_lineofaction", ("code", "wording_en", "wording_original", "note")),
    "indicator": (
        "indicators_indicator",
        ("code", "wording_en", "wording_original", "means_of_verification", "target", "note"),
    ),
    "critique": ("critiques_critique", ("title", "body", "remedy")),
}
TABLE_FIELDS: dict[str, tuple[str, ...]] = dict(SEARCHED_FIELDS.values())


def document_sql(table: str, *, row: str = "") -> str:
    """to_tsvector('english', coalesce(a, '') || ' ' || coalesce(b, '') ...).

    Over `row`'s fields when given (`NEW` in a trigger), else over the unqualified columns.
    """
    columns = [f'{row}."{f}"' if row else f'"{f}"' for f in TABLE_FIELDS[table]]
    text = " || ' ' || ".join(f"coalesce({column}, '')" for column in columns)
    return f"to_tsvector('{CONFIG}'::regconfig, {text})"


def column_sql(table: str) -> str:
    """The stored document of `table`'s rows, qualified so that joins cannot make it ambiguous."""
    return f'"{table}"."{COLUMN}"'


def trigger_function_sql(table: str) -> str:
    """CREATE OR REPLACE the function that sets each new or changed row's document."""
    return (
        f'CREATE OR REPLACE FUNCTION "{document_name(table)}"() RETURNS trigger '
        f"LANGUAGE plpgsql AS $$ BEGIN "
        f'NEW."{COLUMN}" := {document_sql(table, row="NEW")}; RETURN NEW; END $$'
    )


def document_name(table: str) -> str:
    """The name of the column's GIN index, its trigger and the trigger's function (0002)."""
    return f"search_{table}_document"


def expression_index_name(table: str) -> str:
    """Migration 0001's GIN index on the expression, which 0002 replaces by the column's."""
    return f"search_{table}_doc"
