"""The text PostgreSQL searches for each kind: each language's fields under its own configuration.

On PostgreSQL each searched table has a stored `search_document` tsvector column, which a
BEFORE INSERT OR UPDATE trigger computes from the row with `document_sql`, and which a GIN index
holds (migration 0002); postgres.py matches and ranks on that column, so no row's text is parsed
at query time. The column is not a Django field: the database keeps it, so `bulk_create`,
`QuerySet.update()` and raw SQL writes are covered too. It is a plain column, not a GENERATED
one, so that migrations may still change the type (max_length) of the fields it is computed from.

Each language's fields are read with that language's configuration (`CONFIGS`): English fields
with `english`, Spanish ones (our translations, `*_es`) and the plans' own wording
(`wording_original`, `title_original`) with `spanish`. Every part is indexed twice, as written
and through `unaccent` (migration 0003 creates the extension): the Spanish stemmer needs the
accents ("capacitación" and "capacitaciones" both give `capacit`), and the unaccented copy lets
a word typed without them match ("mision" finds "misión"). postgres.py asks the same way.

Changing SEARCHED_FIELDS or CONFIGS needs a new migration that replaces the trigger functions
(`trigger_function_sql`) and refills the column, as 0003 does. Renaming a field listed here needs
the same: the trigger functions name the fields, and would fail on the next write to the table.
Migrations 0001 and 0002 use a frozen copy of the first version (migrations/_documents_0002.py).
"""

from __future__ import annotations

from django.conf import settings

COLUMN = "search_document"

# The text search configuration of each site language, and of the plans' own wording. The plans
# napwatch holds are in Spanish or English; a plan in another language would want its own.
CONFIGS = {"en": "english", "es": "spanish"}
ORIGINAL_CONFIG = "spanish"
ENGLISH = CONFIGS["en"]


def translated(name: str) -> dict[str, tuple[str, ...]]:
    """{configuration: (column,)} for a field with a column per site language (modeltranslation)."""
    groups: dict[str, tuple[str, ...]] = {}
    for code, _name in settings.LANGUAGES:
        # a language without a configuration here is indexed word by word ("simple")
        config = CONFIGS.get(code.split("-")[0], "simple")
        groups[config] = (*groups.get(config, ()), f"{name}_{code.replace('-', '_')}")
    return groups


def merge(*groups: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    merged: dict[str, tuple[str, ...]] = {}
    for group in groups:
        for config, fields in group.items():
            merged[config] = (*merged.get(config, ()), *fields)
    return merged


def _element(*english: str) -> dict[str, tuple[str, ...]]:
    """An element's code and wordings, the English-only fields given, and its note (napwatch's
    own text, a column per language)."""
    return merge(
        {ENGLISH: ("code", "wording_en", *english), ORIGINAL_CONFIG: ("wording_original",)},
        translated("note"),
    )


# The fields searched for each kind of result, by configuration, most telling first, and the
# table that holds them: the one list the PostgreSQL documents (here) and the SQLite fallback
# (engine.Kind.fields) read.
SEARCHED_FIELDS: dict[str, tuple[str, dict[str, tuple[str, ...]]]] = {
    "plan": (
        "plans_plan",
        merge(
            {ENGLISH: ("country", "title_en", "acronym"), ORIGINAL_CONFIG: ("title_original",)},
            translated("summary"),
        ),
    ),
    "objective": ("plans_strategicobjective", _element()),
    "line": ("plans_lineofaction", _element()),
    "indicator": ("indicators_indicator", _element("means_of_verification", "target")),
    "critique": (
        "critiques_critique",
        merge(translated("title"), translated("body"), translated("remedy")),
    ),
}
TABLE_FIELDS: dict[str, dict[str, tuple[str, ...]]] = dict(SEARCHED_FIELDS.values())


def fields_of(kind: str) -> tuple[str, ...]:
    """Every field searched for a kind, whatever its language (English first)."""
    return tuple(field for fields in SEARCHED_FIELDS[kind][1].values() for field in fields)


def document_sql(table: str, *, row: str = "") -> str:
    """to_tsvector('english', a || ' ' || b) || to_tsvector('english', unaccent(…)) || … .

    Over `row`'s fields when given (`NEW` in a trigger), else over the unqualified columns.
    """
    parts = []
    for config, fields in TABLE_FIELDS[table].items():
        columns = [f'{row}."{f}"' if row else f'"{f}"' for f in fields]
        text = " || ' ' || ".join(f"coalesce({column}, '')" for column in columns)
        parts.append(f"to_tsvector('{config}'::regconfig, {text})")
        parts.append(f"to_tsvector('{config}'::regconfig, unaccent({text}))")
    return " || ".join(parts)


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
