"""Nothing editors write reaches the public unreviewed (issue 10).

The rule: only Plan maintainers (and superusers) add, change or delete recommendations, sources,
agencies and plan elements; Editors and Reviewers write critiques and their citations, which are
public only once a reviewer publishes them. Each refusal is a missing permission and a 403, and
leaves the public page exactly as it was.
"""

import importlib

import pytest
from django.contrib.auth.models import Permission

from critiques.models import Recommendation
from indicators.models import Indicator
from plans.models import Agency, Plan, PlanAgency, Section, Source

pytestmark = pytest.mark.django_db

# What maintainers keep: public at once when saved, so nobody else may write it.
MAINTAINED = [
    ("critiques", "recommendation"),
    ("plans", "source"),
    ("plans", "agency"),
    ("plans", "plan"),
    ("plans", "section"),
    ("plans", "pillar"),
    ("plans", "strategicobjective"),
    ("plans", "lineofaction"),
    ("plans", "responsibility"),
    ("plans", "planagency"),
    ("indicators", "indicator"),
]
ACTIONS = ("add", "change", "delete")


def permissions(user, app: str, model: str) -> dict[str, bool]:
    return {action: user.has_perm(f"{app}.{action}_{model}") for action in ACTIONS}


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_editors_and_reviewers_may_not_write_what_maintainers_keep(request, role):
    user = request.getfixturevalue(role)
    held = {
        f"{app}.{model}": permissions(user, app, model)
        for app, model in MAINTAINED
        if any(permissions(user, app, model).values())
    }
    assert held == {}
    # They still read it all: the citation and target choosers need it.
    assert all(user.has_perm(f"{app}.view_{model}") for app, model in MAINTAINED)


def test_maintainers_may_write_what_they_keep(maintainer):
    for app, model in MAINTAINED:
        assert permissions(maintainer, app, model) == dict.fromkeys(ACTIONS, True), model


def test_editors_and_reviewers_still_write_critiques_and_citations(editor, reviewer):
    for user in (editor, reviewer):
        for model in ("critique", "citation"):
            assert permissions(user, "critiques", model) == dict.fromkeys(ACTIONS, True)


def test_no_other_group_can_write_recommendations_or_sources(editor, reviewer, maintainer):
    codenames = [f"{a}_{m}" for m in ("recommendation", "source") for a in ACTIONS]
    groups = {
        group.name
        for perm in Permission.objects.filter(codename__in=codenames)
        for group in perm.group_set.all()
    }
    assert groups == {"Plan maintainers"}


# -- through the admin: each refusal is a 403 that leaves the public page as it was --------------


def things(plan: Plan) -> dict:
    """name: (object, admin URL prefix, public page that shows it, field a POST would change)."""
    indicator = Indicator.objects.get(plan=plan, code="PREV-I1")
    return {
        "recommendation": (
            Recommendation.objects.get(plan=plan, key="fund-it"),
            "/admin/critiques/recommendation/",
            plan.get_absolute_url(),
            "title_en",
        ),
        "source": (
            Source.objects.get(key="test-brief"),
            "/admin/plans/source/",
            plan.get_absolute_url(),
            "title_en",  # a column per language; the base field is the reader's language
        ),
        "agency": (
            Agency.objects.get(acronym="MINREL"),
            "/admin/plans/agency/",
            plan.get_absolute_url(),
            "name_en",
        ),
        "plan agency": (
            PlanAgency.objects.get(plan=plan, agency__acronym="MINREL"),
            "/admin/plans/planagency/",
            plan.get_absolute_url(),
            "provenance_note",
        ),
        "section": (
            Section.objects.get(plan=plan, slug="financing"),
            "/admin/plans/section/",
            plan.get_absolute_url(),
            "summary",
        ),
        "indicator": (
            indicator,
            "/admin/indicators/indicator/",
            indicator.pillar.get_absolute_url(),
            "wording_en",
        ),
    }


def admin_form_data(client, url: str, **changes) -> dict:
    """The admin change form at `url` as a browser would post it (no inlines), with `changes`."""
    response = client.get(url)
    assert response.status_code == 200, url
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        data[name] = "" if value is None else value
    data.update(changes, _save="Save")
    return data


@pytest.mark.parametrize("role", ["editor", "reviewer"])
@pytest.mark.parametrize(
    "name", ["recommendation", "source", "agency", "plan agency", "section", "indicator"]
)
def test_an_editors_change_is_refused_and_the_public_page_is_unchanged(
    client, request, minimal_plan, maintainer, role, name
):
    obj, prefix, public_url, field = things(minimal_plan)[name]
    change_url = f"{prefix}{obj.pk}/change/"
    client.force_login(maintainer)  # the form a browser would post, filled in
    data = admin_form_data(client, change_url, **{field: "Quietly rewritten by an editor"})
    before = client.get(public_url).content.decode()
    count = type(obj).objects.count()

    client.force_login(request.getfixturevalue(role))
    assert client.post(change_url, data).status_code == 403
    assert client.post(f"{prefix}add/", data).status_code == 403
    assert client.post(f"{prefix}{obj.pk}/delete/", {"post": "yes"}).status_code == 403

    kept = type(obj).objects.get(pk=obj.pk)
    assert getattr(kept, field) == getattr(obj, field)
    assert type(obj).objects.count() == count  # nothing added, nothing deleted
    after = client.get(public_url).content.decode()
    assert "Quietly rewritten" not in after
    assert after == before


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_an_editor_cannot_revert_a_recommendation_through_history(
    client, request, minimal_plan, role
):
    recommendation = Recommendation.objects.get(plan=minimal_plan, key="fund-it")
    record = recommendation.history.latest()
    client.force_login(request.getfixturevalue(role))
    url = f"/admin/critiques/recommendation/{recommendation.pk}/history/{record.history_id}/"
    assert client.post(url, {"title": "Reverted by an editor"}).status_code == 403
    assert Recommendation.objects.get(pk=recommendation.pk).title == "Fund the plan"


def test_the_admin_offers_editors_no_add_button_for_sources(client, editor, minimal_plan):
    client.force_login(editor)
    page = client.get("/admin/plans/source/")
    assert page.status_code == 200  # they read sources, to cite them
    assert page.context["has_add_permission"] is False
    index = client.get("/admin/").content.decode()
    assert "/admin/critiques/recommendation/add/" not in index
    assert "/admin/plans/source/add/" not in index


@pytest.mark.parametrize("name", ["recommendation", "source", "agency"])
def test_a_maintainers_change_shows_on_the_public_page_at_once(
    client, minimal_plan, maintainer, name
):
    obj, prefix, public_url, field = things(minimal_plan)[name]
    client.get(public_url)  # cached before the edit
    client.force_login(maintainer)
    change_url = f"{prefix}{obj.pk}/change/"
    data = admin_form_data(client, change_url, **{field: "Corrected by the maintainer"})
    response = client.post(change_url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert getattr(type(obj).objects.get(pk=obj.pk), field) == "Corrected by the maintainer"
    assert "Corrected by the maintainer" in client.get(public_url).content.decode()


def test_a_maintainer_adds_and_deletes_a_recommendation(client, minimal_plan, maintainer):
    client.force_login(maintainer)
    existing = Recommendation.objects.get(plan=minimal_plan, key="fund-it")
    data = admin_form_data(
        client,
        f"/admin/critiques/recommendation/{existing.pk}/change/",
        key="publish-data",
        order=2,
        title_en="Publish the data",
        critiques=[],
    )
    assert client.post("/admin/critiques/recommendation/add/", data).status_code == 302
    added = Recommendation.objects.get(plan=minimal_plan, key="publish-data")
    assert "Publish the data" in client.get(minimal_plan.get_absolute_url()).content.decode()
    url = f"/admin/critiques/recommendation/{added.pk}/delete/"
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Recommendation.objects.filter(pk=added.pk).exists()
    assert "Publish the data" not in client.get(minimal_plan.get_absolute_url()).content.decode()


def test_a_superuser_may_still_change_a_recommendation(client, admin_user, minimal_plan):
    recommendation = Recommendation.objects.get(plan=minimal_plan, key="fund-it")
    client.force_login(admin_user)
    url = f"/admin/critiques/recommendation/{recommendation.pk}/change/"
    response = client.post(url, admin_form_data(client, url, title_en="Fund it properly"))
    assert response.status_code == 302
    assert Recommendation.objects.get(pk=recommendation.pk).title == "Fund it properly"


def test_migration_0005_turns_the_groups_of_0004_into_todays_roles(db):
    """A database that had the 0004 groups (editors writing recommendations and sources) gets
    exactly the roles of critiques/roles.py; going back restores 0004's groups."""
    from django.apps import apps
    from django.contrib.auth.models import Group

    from critiques.roles import GROUPS, PERMISSIONS

    created = importlib.import_module("critiques.migrations.0004_create_editorial_groups")
    changed = importlib.import_module(
        "critiques.migrations.0005_only_maintainers_write_reference_data"
    )

    def granted() -> dict[str, set]:
        return {
            group.name: {
                (p.content_type.app_label, p.codename)
                for p in group.permissions.select_related("content_type")
            }
            for group in Group.objects.filter(name__in=GROUPS.values())
        }

    # Assessments (issue 12) join the roles in their own app's migration, plans' documents
    # (issue 14) in critiques' 0009
    assessing = importlib.import_module("scorecards.migrations.0002_editorial_groups_assess")
    documents = importlib.import_module("critiques.migrations.0009_maintainers_keep_documents")
    # and replies (issue 28) in theirs
    replying = importlib.import_module("replies.migrations.0002_editorial_groups_reply")

    created.create_groups(apps, None)
    assert granted() == {name: set(perms) for name, perms in created.GROUPS.items()}
    changed.forwards(apps, None)
    assessing.forwards(apps, None)
    documents.forwards(apps, None)
    replying.forwards(apps, None)
    assert granted() == {GROUPS[role]: set(perms) for role, perms in PERMISSIONS.items()}
    replying.backwards(apps, None)
    documents.backwards(apps, None)
    assessing.backwards(apps, None)
    changed.backwards(apps, None)
    assert granted() == {name: set(perms) for name, perms in created.GROUPS.items()}
