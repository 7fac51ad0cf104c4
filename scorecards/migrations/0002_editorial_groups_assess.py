"""Editors and Reviewers write assessments (Reviewers publish and withdraw them); Plan
maintainers read them. As critiques' 0005: only the permissions named here are touched, the
lists are frozen, and critiques/roles.py holds the resulting roles for code and tests."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = [
    *[("scorecards", f"{a}_assessment") for a in ("add", "change", "delete", "view")],
    *[("scorecards", f"{a}_evidence") for a in ("add", "change", "delete", "view")],
    ("scorecards", "view_rubric"),
    ("scorecards", "view_criterion"),
]
READ = [
    ("scorecards", "view_assessment"),
    ("scorecards", "view_evidence"),
    ("scorecards", "view_rubric"),
    ("scorecards", "view_criterion"),
]
GIVEN = {
    "Editors": EDITOR,
    "Reviewers": [
        *EDITOR,
        ("scorecards", "publish_assessment"),
        ("scorecards", "withdraw_assessment"),
    ],
    "Plan maintainers": READ,
}


def forwards(apps, schema_editor):
    # As in critiques' 0004: permissions are normally created after all migrations.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, names in GIVEN.items():
        wanted = [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in names
        ]
        for group in Group.objects.filter(name=name):
            group.permissions.add(*wanted)


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, names in GIVEN.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label="scorecards",
                    codename__in=[codename for _app, codename in names],
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("scorecards", "0001_initial"),
        ("critiques", "0007_merge_20261130_0657"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
