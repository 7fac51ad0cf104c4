"""Today's texts become the English ones: each translated field's text is copied into its `_en`
column (edit history included, so an old version still reads in English), and is marked as
written in English and needing translation. Reversing copies the English back."""

from django.db import migrations
from django.db.models import F

FIELDS = {
    "plan": ["summary"],
    "pillar": ["summary"],
    "section": ["title", "summary"],
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
    dependencies = [("plans", "0003_languages")]

    operations = [migrations.RunPython(to_english, from_english)]
