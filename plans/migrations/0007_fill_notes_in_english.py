"""Today's notes become the English ones: each provenance note, element note, source note and
source title is copied into its `_en` column (edit history included), as 0004 did for the
summaries. Reversing copies the English back."""

from django.db import migrations
from django.db.models import F

FIELDS = {
    "plan": ["provenance_note"],
    "pillar": ["provenance_note"],
    "section": ["provenance_note"],
    "strategicobjective": ["note", "provenance_note"],
    "lineofaction": ["note", "provenance_note"],
    "planagency": ["provenance_note"],
    "responsibility": ["provenance_note"],
    "source": ["title", "note"],
}


def models_of(apps):
    for name, fields in FIELDS.items():
        yield apps.get_model("plans", name), fields
        yield apps.get_model("plans", f"historical{name}"), fields


def to_english(apps, schema_editor):
    for model, fields in models_of(apps):
        model.objects.update(**{f"{field}_en": F(field) for field in fields})


def from_english(apps, schema_editor):
    for model, fields in models_of(apps):
        for field in fields:
            model.objects.exclude(**{f"{field}_en": None}).update(**{field: F(f"{field}_en")})


class Migration(migrations.Migration):
    dependencies = [("plans", "0006_notes_per_language")]

    operations = [migrations.RunPython(to_english, from_english)]
