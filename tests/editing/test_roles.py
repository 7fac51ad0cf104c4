"""Each role can do its work, and each denial holds: a 403 or a refused step, never a quiet change."""

import pytest
from django.contrib.auth.models import Group

from critiques import services
from critiques.models import Critique
from critiques.roles import GROUPS, PERMISSIONS
from plans.models import Pillar
from tests.editing.conftest import change_url, form_data, step_url

pytestmark = pytest.mark.django_db

Status = Critique.Status


def in_review(write_critique, author):
    critique = write_critique(author)
    services.submit_for_review(critique=critique, user=author)
    return critique


def published(write_critique, author, reviewer):
    critique = in_review(write_critique, author)
    return services.publish(critique=critique, user=reviewer)


@pytest.mark.parametrize("role", list(GROUPS))
def test_the_migration_gives_each_group_exactly_its_role_permissions(db, role):
    group = Group.objects.get(name=GROUPS[role])
    granted = {
        (p.content_type.app_label, p.codename)
        for p in group.permissions.select_related("content_type")
    }
    assert granted == set(PERMISSIONS[role])


# -- editors ---------------------------------------------------------------------------------


def test_an_editor_writes_a_critique_in_the_admin(client, editor, indicator):
    client.force_login(editor)
    critique = Critique(
        title="Vague", key="vague", target_indicator=indicator, category="vague-indicator"
    )
    critique.body = "Too *vague*."
    critique.remedy = ""
    critique.kind, critique.severity = "weakness", 2
    data = form_data(critique, seen_version="")
    response = client.post("/admin/critiques/critique/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    saved = Critique.objects.get(key="vague")
    assert (saved.author, saved.status, saved.plan) == (editor, Status.DRAFT, indicator.plan)


def test_an_editor_cannot_publish_her_own_critique(client, editor, write_critique):
    critique = in_review(write_critique, editor)
    with pytest.raises(services.TransitionRefused):
        services.publish(critique=critique, user=editor)
    client.force_login(editor)
    assert client.post(step_url(critique, "publish")).status_code == 403
    critique.refresh_from_db()
    assert critique.status == Status.IN_REVIEW


def test_a_reviewer_cannot_publish_his_own_critique_when_review_is_required(
    reviewer, write_critique
):
    critique = in_review(write_critique, reviewer)
    with pytest.raises(services.TransitionRefused, match="another reviewer must publish it"):
        services.publish(critique=critique, user=reviewer)


def test_a_reviewer_cannot_publish_an_unreviewed_draft(editor, reviewer, write_critique):
    critique = write_critique(editor)
    with pytest.raises(services.TransitionRefused, match="submitted for review"):
        services.publish(critique=critique, user=reviewer)


def test_an_editor_cannot_withdraw(client, editor, reviewer, write_critique):
    critique = published(write_critique, editor, reviewer)
    client.force_login(editor)
    assert client.post(step_url(critique, "withdraw")).status_code == 403
    assert Critique.objects.get(pk=critique.pk).status == Status.PUBLISHED


def test_an_editor_cannot_change_a_published_critique(client, editor, reviewer, write_critique):
    critique = published(write_critique, editor, reviewer)
    client.force_login(editor)
    response = client.post(change_url(critique), form_data(critique, title="Quietly changed"))
    assert response.status_code == 403
    assert Critique.objects.get(pk=critique.pk).title == critique.title
    with pytest.raises(services.TransitionRefused):
        critique.title = "Quietly changed"
        services.save_critique(critique=critique, user=editor)


def test_an_editor_cannot_delete_a_published_critique(client, editor, reviewer, write_critique):
    critique = published(write_critique, editor, reviewer)
    client.force_login(editor)
    response = client.post(f"/admin/critiques/critique/{critique.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Critique.objects.get(pk=critique.pk).status == Status.PUBLISHED


def test_an_editor_deletes_her_draft(client, editor, write_critique):
    critique = write_critique(editor)
    client.force_login(editor)
    response = client.post(f"/admin/critiques/critique/{critique.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Critique.objects.filter(pk=critique.pk).exists()
    assert Critique.history.filter(id=critique.pk, history_type="-").exists()


def test_an_editor_cannot_change_plan_structure(client, editor, indicator):
    pillar = indicator.pillar
    client.force_login(editor)
    url = f"/admin/plans/pillar/{pillar.pk}/change/"
    assert client.get(url).status_code == 200  # she may read it, to choose targets
    response = client.post(url, {"name_en": "Renamed", "code": pillar.code})
    assert response.status_code == 403
    assert client.post("/admin/plans/pillar/add/", {}).status_code == 403
    assert Pillar.objects.get(pk=pillar.pk).name_en == pillar.name_en


def test_an_editor_cannot_revert_plan_structure_through_history(client, editor, indicator):
    pillar = indicator.pillar
    record = pillar.history.latest()
    client.force_login(editor)
    url = f"/admin/plans/pillar/{pillar.pk}/history/{record.history_id}/"
    assert client.post(url, {"name_en": "Renamed"}).status_code == 403


def test_an_editor_uses_actions_but_publishing_is_refused(client, editor, write_critique):
    critique = in_review(write_critique, editor)
    client.force_login(editor)
    response = client.post(
        "/admin/critiques/critique/",
        {"action": "publish", "_selected_action": [critique.pk]},
        follow=True,
    )
    assert "Refused: Only a reviewer can publish a critique." in response.content.decode()
    assert Critique.objects.get(pk=critique.pk).status == Status.IN_REVIEW


# -- reviewers -------------------------------------------------------------------------------


def test_deleting_a_published_critique_withdraws_it_and_keeps_it(
    client, editor, reviewer, write_critique
):
    critique = published(write_critique, editor, reviewer)
    client.force_login(reviewer)
    url = f"/admin/critiques/critique/{critique.pk}/delete/"
    assert "withdraws" in client.get(url).content.decode()
    response = client.post(url, {"post": "yes"}, follow=True)
    assert "withdrawn rather than deleted" in response.content.decode()
    kept = Critique.objects.get(pk=critique.pk)
    assert kept.status == Status.WITHDRAWN
    assert kept.history.filter(status=Status.PUBLISHED).exists()


def test_a_withdrawn_critique_cannot_be_deleted_at_all(reviewer, editor, write_critique):
    critique = published(write_critique, editor, reviewer)
    services.withdraw(critique=critique, user=reviewer)
    with pytest.raises(services.TransitionRefused, match="kept"):
        services.delete_critique(critique=critique, user=reviewer)


def test_a_reviewer_cannot_change_plan_structure(client, reviewer, indicator):
    client.force_login(reviewer)
    pillar = indicator.pillar
    assert client.post(f"/admin/plans/pillar/{pillar.pk}/change/", {}).status_code == 403


# -- plan maintainers ------------------------------------------------------------------------


def test_a_maintainer_edits_plan_structure(client, maintainer, indicator):
    client.force_login(maintainer)
    pillar = indicator.pillar
    response = client.get(f"/admin/plans/pillar/{pillar.pk}/change/")
    assert response.status_code == 200
    assert response.context["has_change_permission"] is True


def test_a_maintainer_cannot_write_or_publish_critiques(client, maintainer, editor, write_critique):
    critique = in_review(write_critique, editor)
    client.force_login(maintainer)
    assert client.get("/admin/critiques/critique/add/").status_code == 403
    assert client.post(step_url(critique, "publish")).status_code == 403
    assert client.post(change_url(critique), form_data(critique, title="x")).status_code == 403
    with pytest.raises(services.TransitionRefused):
        services.submit_for_review(critique=write_critique(editor, key="other"), user=maintainer)


# -- people without a role -------------------------------------------------------------------


def test_a_researcher_without_a_role_is_sent_to_the_login_page(client, researcher):
    client.force_login(researcher)
    response = client.get("/admin/critiques/critique/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_anonymous_visitors_cannot_use_the_preview(client):
    response = client.post("/admin/critiques/critique/preview/", {"body": "x"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_element_page_offers_editors_a_critique_form_with_the_target_chosen(
    client, editor, indicator
):
    client.force_login(editor)
    page = client.get(f"/admin/indicators/indicator/{indicator.pk}/change/").content.decode()
    link = f"/admin/critiques/critique/add/?target_indicator={indicator.pk}"
    assert link in page
    assert "Counts heads, not change" in page  # its existing critique, listed
    form = client.get(link)
    assert form.context["adminform"].form.initial["target_indicator"] == str(indicator.pk)


def test_someone_who_may_edit_the_element_adds_a_critique_inline(client, admin_user, indicator):
    """The inline add form saves through the service: a draft by the person adding it."""
    client.force_login(admin_user)
    url = f"/admin/indicators/indicator/{indicator.pk}/change/"
    page = client.get(url)
    inlines = page.context["inline_admin_formsets"]
    formsets = {fs.formset.prefix: fs.formset for fs in inlines}
    add_prefix = next(
        fs.formset.prefix for fs in inlines if type(fs.opts).__name__.startswith("CritiqueAdd")
    )
    data = {}
    for prefix, formset in formsets.items():
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
        if formset.initial_form_count():
            data[f"{prefix}-TOTAL_FORMS"] = data[f"{prefix}-INITIAL_FORMS"] = str(
                formset.initial_form_count()
            )
            for i, form in enumerate(formset.initial_forms):
                data[f"{prefix}-{i}-id"] = form.instance.pk
                data[f"{prefix}-{i}-{formset.fk.name}"] = indicator.pk
    data.update(
        {
            f"{add_prefix}-TOTAL_FORMS": "1",
            f"{add_prefix}-0-title_en": "Inline thought",
            f"{add_prefix}-0-key": "inline-thought",
            f"{add_prefix}-0-kind": "weakness",
            f"{add_prefix}-0-category": "data-gaps",
            f"{add_prefix}-0-severity": "2",
            f"{add_prefix}-0-body_en": "Written *inline*.",
            f"{add_prefix}-0-remedy_en": "",
        }
    )
    form = page.context["adminform"].form
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if hasattr(value, "pk"):
            value = value.pk
        data[name] = "" if value is None else value
    data["_save"] = "Save"
    response = client.post(url, data)
    assert response.status_code == 302, response.context and [
        f.errors for f in response.context["inline_admin_formsets"]
    ]
    critique = Critique.objects.get(key="inline-thought")
    assert (critique.target_indicator, critique.plan, critique.author, critique.status) == (
        indicator,
        indicator.plan,
        admin_user,
        Status.DRAFT,
    )
