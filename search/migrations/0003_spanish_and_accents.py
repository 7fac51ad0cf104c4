"""Spanish and English documents, accents ignored, on PostgreSQL only (SQLite: nothing).

Creates the `unaccent` extension (trusted since PostgreSQL 13, so the database's owner may), then
replaces each table's trigger function with search/documents.py's of the time (frozen in
_documents_0003.py) (each language's fields under
its own configuration, as written and unaccented) and refills the stored column for the rows
already there. The column, its trigger and its GIN index stay those of 0002.

Reversing puts back 0002's functions and documents; it leaves the extension, which other
databases objects may use by then.
"""

from django.db import migrations

from search.migrations import _documents_0002 as before
from search.migrations import _documents_0003 as documents


def refill(schema_editor, module) -> None:
    execute = schema_editor.execute
    for table in module.TABLE_FIELDS:
        execute(module.trigger_function_sql(table))
        # Built only from our own table and column names (search/documents.py), like every
        # statement here; bandit flags only this one, for its UPDATE ... SET shape.
        document = module.document_sql(table)
        execute(f'UPDATE "{table}" SET "{module.COLUMN}" = {document}')  # nosec B608
        execute(f'ANALYZE "{table}" ("{module.COLUMN}")')


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    refill(schema_editor, documents)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    refill(schema_editor, before)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_postgres_stored_documents"),
        # the per-language columns the documents are made of
        ("plans", "0004_fill_languages"),
        ("critiques", "0006_fill_languages"),
        ("indicators", "0004_languages"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
