"""Today's notes of indicators become the English ones (plans 0007 does the other elements')."""

from django.db import migrations
from django.db.models import F

FIELDS = ["note", "provenance_note"]


def to_english(apps, schema_editor):
    for name in ("indicator", "historicalindicator"):
        apps.get_model("indicators", name).objects.update(**{f"{f}_en": F(f) for f in FIELDS})


def from_english(apps, schema_editor):
    for name in ("indicator", "historicalindicator"):
        model = apps.get_model("indicators", name)
        for field in FIELDS:
            model.objects.exclude(**{f"{field}_en": None}).update(**{field: F(f"{field}_en")})


class Migration(migrations.Migration):
    dependencies = [("indicators", "0005_notes_per_language")]

    operations = [migrations.RunPython(to_english, from_english)]
