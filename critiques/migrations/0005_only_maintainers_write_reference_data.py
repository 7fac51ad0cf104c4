"""Only Plan maintainers write recommendations and sources (issue 10).

A recommendation or source saved in the admin is public at once, with no review, so Editors and
Reviewers lose the right to add or change them and Plan maintainers gain the full set. Critiques,
which go through review, are unchanged. Only the permissions named here are touched: any other
an administrator gave a group is kept. The lists are frozen, as a migration's should be;
critiques/roles.py holds the resulting roles for code and tests.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TAKEN = {
    "Editors": [
        ("critiques", "add_recommendation"),
        ("critiques", "change_recommendation"),
        ("plans", "add_source"),
        ("plans", "change_source"),
    ],
    "Reviewers": [
        ("critiques", "add_recommendation"),
        ("critiques", "change_recommendation"),
        ("plans", "add_source"),
        ("plans", "change_source"),
    ],
}
GIVEN = {
    "Plan maintainers": [
        ("critiques", "add_recommendation"),
        ("critiques", "change_recommendation"),
        ("critiques", "delete_recommendation"),
        ("plans", "delete_source"),
    ],
}


def _permissions(apps, names):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in names
    ]


def _apply(apps, *, remove, add):
    # As in 0004: permissions are normally created after all migrations.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, names in remove.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(*_permissions(apps, names))
    for name, names in add.items():
        for group in Group.objects.filter(name=name):
            group.permissions.add(*_permissions(apps, names))


def forwards(apps, schema_editor):
    _apply(apps, remove=TAKEN, add=GIVEN)


def backwards(apps, schema_editor):
    _apply(apps, remove=GIVEN, add=TAKEN)


class Migration(migrations.Migration):
    dependencies = [
        ("critiques", "0004_create_editorial_groups"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
