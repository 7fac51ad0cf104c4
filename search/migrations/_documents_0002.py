"""search/documents.py as migrations 0001 and 0002 knew it: one English document over each
table's base columns. Frozen here because those migrations run on an empty database before the
per-language columns exist, and 0003 reverses to exactly this. (The migration loader skips
modules whose names start with an underscore.)"""

CONFIG = "english"

COLUMN = "search_document"

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


def document_sql(table: str, *, row: str = "") -> str:
    columns = [f'{row}."{f}"' if row else f'"{f}"' for f in TABLE_FIELDS[table]]
    text = " || ' ' || ".join(f"coalesce({column}, '')" for column in columns)
    return f"to_tsvector('{CONFIG}'::regconfig, {text})"


def document_name(table: str) -> str:
    return f"search_{table}_document"


def expression_index_name(table: str) -> str:
    return f"search_{table}_doc"


def trigger_function_sql(table: str) -> str:
    return (
        f'CREATE OR REPLACE FUNCTION "{document_name(table)}"() RETURNS trigger '
        f"LANGUAGE plpgsql AS $$ BEGIN "
        f'NEW."{COLUMN}" := {document_sql(table, row="NEW")}; RETURN NEW; END $$'
    )
