"""The editorial roles: Django groups created by migration 0004, one per `--role` of add_editor."""

EDITOR = "editor"
REVIEWER = "reviewer"
MAINTAINER = "maintainer"

GROUPS = {
    EDITOR: "Editors",
    REVIEWER: "Reviewers",
    MAINTAINER: "Plan maintainers",
}

PLAN_STRUCTURE = [
    ("plans", "plan"),
    ("plans", "section"),
    ("plans", "pillar"),
    ("plans", "strategicobjective"),
    ("plans", "lineofaction"),
    ("plans", "responsibility"),
    ("plans", "planagency"),
    ("plans", "agency"),
    ("indicators", "indicator"),
]


def _perms(app: str, model: str, actions: str) -> list[tuple[str, str]]:
    return [(app, f"{action}_{model}") for action in actions.split()]


# Editors write critiques, cite sources and draft recommendations; they read the plan's structure
# (the target chooser needs it) but cannot change it, and delete only what was never published.
EDITOR_PERMISSIONS = [
    *_perms("critiques", "critique", "add change delete view"),
    *_perms("critiques", "citation", "add change delete view"),
    *_perms("critiques", "recommendation", "add change view"),
    *_perms("plans", "source", "add change view"),
    *[perm for app, model in PLAN_STRUCTURE for perm in _perms(app, model, "view")],
]
# Reviewers are editors who may also publish and withdraw.
REVIEWER_PERMISSIONS = [
    *EDITOR_PERMISSIONS,
    ("critiques", "publish_critique"),
    ("critiques", "withdraw_critique"),
]
# Plan maintainers edit the structure and its provenance, and read critiques.
MAINTAINER_PERMISSIONS = [
    *[
        perm
        for app, model in PLAN_STRUCTURE
        for perm in _perms(app, model, "add change delete view")
    ],
    *_perms("plans", "source", "add change view"),
    *_perms("critiques", "critique", "view"),
    *_perms("critiques", "citation", "view"),
    *_perms("critiques", "recommendation", "view"),
]

PERMISSIONS = {
    EDITOR: EDITOR_PERMISSIONS,
    REVIEWER: REVIEWER_PERMISSIONS,
    MAINTAINER: MAINTAINER_PERMISSIONS,
}


def create_missing_groups(using: str = "default") -> None:
    """Create any editorial group that does not exist, with its role's permissions."""
    from django.contrib.auth.models import Group, Permission

    for role, name in GROUPS.items():
        if Group.objects.using(using).filter(name=name).exists():
            continue
        group = Group.objects.using(using).create(name=name)
        wanted = [
            Permission.objects.using(using).get(content_type__app_label=app, codename=codename)
            for app, codename in PERMISSIONS[role]
        ]
        group.permissions.set(wanted)
