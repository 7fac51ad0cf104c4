"""Plan maintainers keep plans' documents (issue 14): they upload them and start extraction
again; Editors and Reviewers read them (the workbench shows their pages). Frozen lists, as in
0005; critiques/roles.py holds the resulting roles."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GIVEN = {
    "Plan maintainers": [
        ("documents", f"{action}_{model}")
        for model in ("document", "documentpage")
        for action in ("add", "change", "delete", "view")
    ],
    "Editors": [("documents", "view_document"), ("documents", "view_documentpage")],
    "Reviewers": [("documents", "view_document"), ("documents", "view_documentpage")],
}


def _permissions(apps, names):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in names
    ]


def _apply(apps, *, add: bool):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, names in GIVEN.items():
        for group in Group.objects.filter(name=name):
            if add:
                group.permissions.add(*_permissions(apps, names))
            else:
                group.permissions.remove(*_permissions(apps, names))


def forwards(apps, schema_editor):
    _apply(apps, add=True)


def backwards(apps, schema_editor):
    _apply(apps, add=False)


class Migration(migrations.Migration):
    dependencies = [
        ("critiques", "0008_review_comments"),
        ("documents", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
