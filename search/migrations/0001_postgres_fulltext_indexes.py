"""GIN indexes on the searched text, on PostgreSQL only (SQLite uses the simple fallback)."""

from django.db import migrations

from search.migrations._documents_0002 import TABLE_FIELDS, document_sql, expression_index_name


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLE_FIELDS:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{expression_index_name(table)}" ON "{table}" '
            f"USING gin ({document_sql(table)})"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLE_FIELDS:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{expression_index_name(table)}"')


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0001_initial"),
        ("indicators", "0002_initial"),
        ("critiques", "0002_initial"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
