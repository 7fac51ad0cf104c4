"""The editorial roles: Django groups created by migration 0004 (permissions changed by 0005), one
per `--role` of add_editor."""

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


# What Plan maintainers keep: the plan's structure, and the recommendations and sources shown
# beside it. A save here is public at once (no review), so only maintainers and superusers write
# it. Migration 0005 made it so (issue 10); before, editors could add and change recommendations
# and sources, which then appeared publicly unreviewed.
MAINTAINED = [
    *PLAN_STRUCTURE,
    ("plans", "source"),
    ("critiques", "recommendation"),
    # plans' documents and their pages' text (issue 14; migration 0008)
    ("documents", "document"),
    ("documents", "documentpage"),
]


def _perms(app: str, model: str, actions: str) -> list[tuple[str, str]]:
    return [(app, f"{action}_{model}") for action in actions.split()]


# Editors write critiques and cite sources; what they write is public only once a reviewer
# publishes it. They read everything maintainers keep (the target and source choosers need it)
# but change none of it, and delete only critiques that were never published.
EDITOR_PERMISSIONS = [
    *_perms("critiques", "critique", "add change delete view"),
    *_perms("critiques", "citation", "add change delete view"),
    # Assessments of plans against a rubric (scorecards, issue 12) go through the same review
    *_perms("scorecards", "assessment", "add change delete view"),
    *_perms("scorecards", "evidence", "add change delete view"),
    *_perms("scorecards", "rubric", "view"),
    *_perms("scorecards", "criterion", "view"),
    *[perm for app, model in MAINTAINED for perm in _perms(app, model, "view")],
]
# Reviewers are editors who may also publish and withdraw.
REVIEWER_PERMISSIONS = [
    *EDITOR_PERMISSIONS,
    ("critiques", "publish_critique"),
    ("critiques", "withdraw_critique"),
    ("scorecards", "publish_assessment"),
    ("scorecards", "withdraw_assessment"),
    # Replies of criticised bodies (issue 28; replies' migration 0002): reviewers check their
    # form, publish or return them, and add napwatch's translation; they never write one.
    *_perms("replies", "reply", "change view publish withdraw"),
    *_perms("replies", "invitation", "view"),
]
# Plan maintainers edit the structure, its provenance and the recommendations, and read critiques.
MAINTAINER_PERMISSIONS = [
    *[perm for app, model in MAINTAINED for perm in _perms(app, model, "add change delete view")],
    *_perms("critiques", "critique", "view"),
    *_perms("critiques", "citation", "view"),
    *_perms("scorecards", "assessment", "view"),
    *_perms("scorecards", "evidence", "view"),
    *_perms("scorecards", "rubric", "view"),
    *_perms("scorecards", "criterion", "view"),
    # Maintainers invite bodies to reply (issue 28) and read the replies.
    *_perms("replies", "invitation", "add change view"),
    *_perms("replies", "reply", "view"),
]

PERMISSIONS = {
    EDITOR: EDITOR_PERMISSIONS,
    REVIEWER: REVIEWER_PERMISSIONS,
    MAINTAINER: MAINTAINER_PERMISSIONS,
}


def create_missing_groups(using: str = "default") -> None:
    """Create any editorial group that does not exist, with its role's permissions.

    A group whose permissions are not all made yet (after a flush, each app's permissions come
    back with that app's post_migrate) is left for a later call: never a group without its rights.
    """
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    for role, name in GROUPS.items():
        if Group.objects.using(using).filter(name=name).exists():
            continue
        lookup = Q(pk__in=[])
        for app, codename in PERMISSIONS[role]:
            lookup |= Q(content_type__app_label=app, codename=codename)
        wanted = list(Permission.objects.using(using).filter(lookup))
        if len(wanted) < len(PERMISSIONS[role]):
            continue
        Group.objects.using(using).create(name=name).permissions.set(wanted)
