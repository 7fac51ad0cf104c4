"""A stored, trigger-kept tsvector per searched row, on PostgreSQL only (SQLite: nothing).

0001's expression indexes let PostgreSQL find matches without parsing every row, but ranking still
parsed every matched row, so broad searches were slow. Each table gets a `search_document` column,
filled here for existing rows and then by a BEFORE INSERT OR UPDATE trigger, with a GIN index on
it; 0001's expression indexes are dropped, as no query uses them any more and every write paid for
them. The column is plain, not GENERATED: PostgreSQL refuses to change the type of a column that a
generated column depends on, which would block future max_length changes (see documents.py).

Reversing restores 0001's state exactly, expression indexes included, because the code that goes
with 0001 matches on the expression and would otherwise parse every row of every table.
"""

from django.db import migrations

from search.migrations._documents_0002 import (
    COLUMN,
    TABLE_FIELDS,
    document_name,
    document_sql,
    expression_index_name,
    trigger_function_sql,
)


def add_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    execute = schema_editor.execute
    for table in TABLE_FIELDS:
        name = document_name(table)
        # ADD COLUMN locks the table until the migration commits: no write can slip in between
        # the fill and the trigger.
        execute(f'ALTER TABLE "{table}" ADD COLUMN "{COLUMN}" tsvector')
        # Built only from our own table and column names (search/documents.py), like every
        # statement here; bandit flags only this one, for its UPDATE ... SET shape.
        document = document_sql(table)
        execute(f'UPDATE "{table}" SET "{COLUMN}" = {document}')  # nosec B608
        # A row without a document would silently never be found: fail its write instead.
        execute(f'ALTER TABLE "{table}" ALTER COLUMN "{COLUMN}" SET NOT NULL')
        execute(trigger_function_sql(table))
        execute(
            f'CREATE TRIGGER "{name}" BEFORE INSERT OR UPDATE ON "{table}" '
            f'FOR EACH ROW EXECUTE FUNCTION "{name}"()'
        )
        execute(f'CREATE INDEX "{name}" ON "{table}" USING gin ("{COLUMN}")')
        execute(f'DROP INDEX IF EXISTS "{expression_index_name(table)}"')
        # Statistics on the new column from the start, so the planner can tell broad words from
        # narrow ones before autovacuum gets round to the table.
        execute(f'ANALYZE "{table}" ("{COLUMN}")')


def remove_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    execute = schema_editor.execute
    for table in TABLE_FIELDS:
        name = document_name(table)
        execute(
            f'CREATE INDEX IF NOT EXISTS "{expression_index_name(table)}" ON "{table}" '
            f"USING gin ({document_sql(table)})"
        )
        execute(f'DROP TRIGGER IF EXISTS "{name}" ON "{table}"')
        execute(f'DROP FUNCTION IF EXISTS "{name}"()')
        execute(f'DROP INDEX IF EXISTS "{name}"')
        execute(f'ALTER TABLE "{table}" DROP COLUMN IF EXISTS "{COLUMN}"')


class Migration(migrations.Migration):
    dependencies = [("search", "0001_postgres_fulltext_indexes")]

    operations = [migrations.RunPython(add_documents, remove_documents)]
