"""A criterion's framework description gets a column per language (scorecards/translation.py):
today's text, napwatch's English, is copied into `framework_en`; reversing copies it back."""

from django.db import migrations, models
from django.db.models import F


def to_english(apps, schema_editor):
    apps.get_model("scorecards", "criterion").objects.update(framework_en=F("framework"))


def from_english(apps, schema_editor):
    criteria = apps.get_model("scorecards", "criterion").objects.exclude(framework_en=None)
    criteria.update(framework=F("framework_en"))


class Migration(migrations.Migration):
    dependencies = [
        ("scorecards", "0003_first_publication_date"),
    ]

    operations = [
        migrations.AddField(
            model_name="criterion",
            name="framework_en",
            field=models.CharField(
                help_text="The framework the criterion comes from, as cited.",
                max_length=200,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="criterion",
            name="framework_es",
            field=models.CharField(
                help_text="The framework the criterion comes from, as cited.",
                max_length=200,
                null=True,
            ),
        ),
        migrations.RunPython(to_english, from_english),
    ]
