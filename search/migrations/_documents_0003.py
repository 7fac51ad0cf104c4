"""search/documents.py as migration 0003 knew it: element notes in English only, in their base
column. Frozen here because 0003 runs before the notes get a column per language (plans 0006,
indicators 0005), and 0004 reverses to exactly this. (The migration loader skips modules whose
names start with an underscore.)"""

COLUMN = "search_document"

TABLE_FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "plans_plan": {
        "english": ("country", "title_en", "acronym", "summary_en"),
        "spanish": ("title_original", "summary_es"),
    },
    "plans_strategicobjective": {
        "english": ("code", "wording_en", "note"),
        "spanish": ("wording_original",),
    },
    "plans_lineofaction": {
        "english": ("code", "wording_en", "note"),
        "spanish": ("wording_original",),
    },
    "indicators_indicator": {
        "english": ("code", "wording_en", "means_of_verification", "target", "note"),
        "spanish": ("wording_original",),
    },
    "critiques_critique": {
        "english": ("title_en", "body_en", "remedy_en"),
        "spanish": ("title_es", "body_es", "remedy_es"),
    },
}


def document_sql(table: str, *, row: str = "") -> str:
    parts = []
    for config, fields in TABLE_FIELDS[table].items():
        columns = [f'{row}."{f}"' if row else f'"{f}"' for f in fields]
        text = " || ' ' || ".join(f"coalesce({column}, '')" for column in columns)
        parts.append(f"to_tsvector('{config}'::regconfig, {text})")
        parts.append(f"to_tsvector('{config}'::regconfig, unaccent({text}))")
    return " || ".join(parts)


def trigger_function_sql(table: str) -> str:
    return (
        f'CREATE OR REPLACE FUNCTION "search_{table}_document"() RETURNS trigger '
        f"LANGUAGE plpgsql AS $$ BEGIN "
        f'NEW."{COLUMN}" := {document_sql(table, row="NEW")}; RETURN NEW; END $$'
    )
