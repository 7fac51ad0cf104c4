"""The editorial groups (Editors, Reviewers, Plan maintainers) and their permissions.

The lists are frozen here, as a migration should be; critiques/roles.py holds the same lists for
code and tests. Change a role with a new migration."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = {
    "Editors": [
        ("critiques", "add_citation"),
        ("critiques", "add_critique"),
        ("critiques", "add_recommendation"),
        ("critiques", "change_citation"),
        ("critiques", "change_critique"),
        ("critiques", "change_recommendation"),
        ("critiques", "delete_citation"),
        ("critiques", "delete_critique"),
        ("critiques", "view_citation"),
        ("critiques", "view_critique"),
        ("critiques", "view_recommendation"),
        ("indicators", "view_indicator"),
        ("plans", "add_source"),
        ("plans", "change_source"),
        ("plans", "view_agency"),
        ("plans", "view_lineofaction"),
        ("plans", "view_pillar"),
        ("plans", "view_plan"),
        ("plans", "view_planagency"),
        ("plans", "view_responsibility"),
        ("plans", "view_section"),
        ("plans", "view_source"),
        ("plans", "view_strategicobjective"),
    ],
    "Reviewers": [
        ("critiques", "add_citation"),
        ("critiques", "add_critique"),
        ("critiques", "add_recommendation"),
        ("critiques", "change_citation"),
        ("critiques", "change_critique"),
        ("critiques", "change_recommendation"),
        ("critiques", "delete_citation"),
        ("critiques", "delete_critique"),
        ("critiques", "publish_critique"),
        ("critiques", "view_citation"),
        ("critiques", "view_critique"),
        ("critiques", "view_recommendation"),
        ("critiques", "withdraw_critique"),
        ("indicators", "view_indicator"),
        ("plans", "add_source"),
        ("plans", "change_source"),
        ("plans", "view_agency"),
        ("plans", "view_lineofaction"),
        ("plans", "view_pillar"),
        ("plans", "view_plan"),
        ("plans", "view_planagency"),
        ("plans", "view_responsibility"),
        ("plans", "view_section"),
        ("plans", "view_source"),
        ("plans", "view_strategicobjective"),
    ],
    "Plan maintainers": [
        ("critiques", "view_citation"),
        ("critiques", "view_critique"),
        ("critiques", "view_recommendation"),
        ("indicators", "add_indicator"),
        ("indicators", "change_indicator"),
        ("indicators", "delete_indicator"),
        ("indicators", "view_indicator"),
        ("plans", "add_agency"),
        ("plans", "add_lineofaction"),
        ("plans", "add_pillar"),
        ("plans", "add_plan"),
        ("plans", "add_planagency"),
        ("plans", "add_responsibility"),
        ("plans", "add_section"),
        ("plans", "add_source"),
        ("plans", "add_strategicobjective"),
        ("plans", "change_agency"),
        ("plans", "change_lineofaction"),
        ("plans", "change_pillar"),
        ("plans", "change_plan"),
        ("plans", "change_planagency"),
        ("plans", "change_responsibility"),
        ("plans", "change_section"),
        ("plans", "change_source"),
        ("plans", "change_strategicobjective"),
        ("plans", "delete_agency"),
        ("plans", "delete_lineofaction"),
        ("plans", "delete_pillar"),
        ("plans", "delete_plan"),
        ("plans", "delete_planagency"),
        ("plans", "delete_responsibility"),
        ("plans", "delete_section"),
        ("plans", "delete_strategicobjective"),
        ("plans", "view_agency"),
        ("plans", "view_lineofaction"),
        ("plans", "view_pillar"),
        ("plans", "view_plan"),
        ("plans", "view_planagency"),
        ("plans", "view_responsibility"),
        ("plans", "view_section"),
        ("plans", "view_source"),
        ("plans", "view_strategicobjective"),
    ],
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; create them now so the groups can
    # refer to them on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = []
        for app_label, codename in codenames:
            wanted.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(wanted)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("critiques", "0003_add_edit_history"),
        ("indicators", "0003_add_edit_history"),
        ("plans", "0002_add_edit_history"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
