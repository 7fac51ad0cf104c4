"""Today's provenance notes of recommendations become the English ones."""

from django.db import migrations
from django.db.models import F


def to_english(apps, schema_editor):
    for name in ("recommendation", "historicalrecommendation"):
        apps.get_model("critiques", name).objects.update(provenance_note_en=F("provenance_note"))


def from_english(apps, schema_editor):
    for name in ("recommendation", "historicalrecommendation"):
        apps.get_model("critiques", name).objects.exclude(provenance_note_en=None).update(
            provenance_note=F("provenance_note_en")
        )


class Migration(migrations.Migration):
    dependencies = [("critiques", "0012_provenance_note_per_language")]

    operations = [migrations.RunPython(to_english, from_english)]
