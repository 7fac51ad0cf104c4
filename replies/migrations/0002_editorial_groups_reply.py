"""Reviewers check, publish, return and withdraw replies and read invitations; Plan maintainers
invite and read replies. As scorecards' 0002: only the permissions named here are touched, the
lists are frozen, and critiques/roles.py holds the resulting roles for code and tests."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GIVEN = {
    "Reviewers": [
        *[("replies", f"{a}_reply") for a in ("change", "view", "publish", "withdraw")],
        ("replies", "view_invitation"),
    ],
    "Plan maintainers": [
        *[("replies", f"{a}_invitation") for a in ("add", "change", "view")],
        ("replies", "view_reply"),
    ],
}


def forwards(apps, schema_editor):
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
                    content_type__app_label="replies",
                    codename__in=[codename for _app, codename in names],
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("replies", "0001_invitations_respondents_replies"),
        ("scorecards", "0002_editorial_groups_assess"),
        ("critiques", "0011_titles_are_one_line"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
