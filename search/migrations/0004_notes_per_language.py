"""Element notes are searched in each language's column (issue 22 gave them one per language):
each table's trigger function becomes search/documents.py's and the stored documents are
refilled. PostgreSQL only; reversing puts back 0003's."""

from importlib import import_module

from django.db import migrations

from search import documents
from search.migrations import _documents_0003 as before

refill = import_module("search.migrations.0003_spanish_and_accents").refill


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        refill(schema_editor, documents)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        refill(schema_editor, before)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_spanish_and_accents"),
        ("plans", "0007_fill_notes_in_english"),
        ("indicators", "0006_fill_notes_in_english"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
