"""Today's critiques and recommendations become the English ones: title, body, its rendered HTML
and remedy are copied into their `_en` columns (edit history included), marked as written in
English and needing translation. Reversing copies the English back."""

from django.db import migrations
from django.db.models import F

FIELDS = {
    "critique": ["title", "body", "body_html", "remedy"],
    "recommendation": ["title", "body", "body_html"],
}


def models_of(apps):
    for name, fields in FIELDS.items():
        yield apps.get_model("critiques", name), fields
        # The edit history keeps no rendered HTML
        yield apps.get_model("critiques", f"historical{name}"), [
            f for f in fields if f != "body_html"
        ]


def to_english(apps, schema_editor):
    for model, fields in models_of(apps):
        model.objects.update(**{f"{field}_en": F(field) for field in fields})


def from_english(apps, schema_editor):
    for model, fields in models_of(apps):
        for field in fields:
            model.objects.exclude(**{f"{field}_en": None}).update(**{field: F(f"{field}_en")})


class Migration(migrations.Migration):
    dependencies = [("critiques", "0005_languages")]

    operations = [migrations.RunPython(to_english, from_english)]
