"""Draft → in review → published → withdrawn, through the service and the admin's buttons."""

import re

import pytest
from django.urls import reverse

from critiques import services
from critiques.models import Critique
from tests.editing.conftest import step_url

pytestmark = pytest.mark.django_db


def pillar_page(client, indicator):
    return client.get(indicator.pillar.get_absolute_url()).content.decode()


def test_a_reviewed_critique_is_published_with_who_and_when(editor, reviewer, write_critique):
    critique = write_critique(editor)
    services.submit_for_review(critique=critique, user=editor)
    published = services.publish(critique=critique, user=reviewer)
    assert published.status == Critique.Status.PUBLISHED
    assert published.published_by == reviewer
    assert published.published_at is not None


def test_only_published_critiques_reach_the_pillar_page(
    client, editor, reviewer, write_critique, indicator
):
    critique = write_critique(editor, title="A drafted thought")
    assert "A drafted thought" not in pillar_page(client, indicator)
    services.submit_for_review(critique=critique, user=editor)
    assert "A drafted thought" not in pillar_page(client, indicator)
    services.publish(critique=critique, user=reviewer)
    assert "A drafted thought" in pillar_page(client, indicator)
    services.withdraw(critique=critique, user=reviewer)
    assert "A drafted thought" not in pillar_page(client, indicator)


def test_the_loaded_draft_never_leaks_to_public_pages(client, minimal_plan):
    for url in (minimal_plan.get_absolute_url(), "/en/plans/testland-2024/pillars/prevention/"):
        assert "An unpublished draft" not in client.get(url).content.decode()


def test_the_buttons_move_a_critique_through_review(client, editor, reviewer, write_critique):
    critique = write_critique(editor)
    client.force_login(editor)
    response = client.post(step_url(critique, "submit"))
    assert response.status_code == 302
    critique.refresh_from_db()
    assert critique.status == Critique.Status.IN_REVIEW

    client.force_login(reviewer)
    page = client.get(f"/admin/critiques/critique/{critique.pk}/change/").content.decode()
    assert "Publish" in page and "Return to draft" in page
    client.post(step_url(critique, "publish"))
    critique.refresh_from_db()
    assert critique.status == Critique.Status.PUBLISHED


def test_a_step_that_does_not_apply_is_refused_with_a_reason(editor, write_critique):
    critique = write_critique(editor)
    with pytest.raises(services.TransitionRefused, match="only a critique that is published"):
        services.withdraw(critique=critique, user=editor)


def test_an_unknown_step_is_a_400_not_a_500(client, editor, write_critique):
    critique = write_critique(editor)
    client.force_login(editor)
    assert client.post(step_url(critique, "explode")).status_code == 400


def test_a_step_on_a_missing_critique_is_a_404(client, editor):
    client.force_login(editor)
    assert client.post("/admin/critiques/critique/999999/transition/submit/").status_code == 404


def test_steps_must_be_posted(client, editor, write_critique):
    critique = write_critique(editor)
    client.force_login(editor)
    assert client.get(step_url(critique, "submit")).status_code == 405


def test_the_admin_actions_apply_steps_and_report_refusals(
    client, editor, reviewer, write_critique
):
    mine = write_critique(reviewer, key="mine", title="Mine")
    theirs = write_critique(editor, key="theirs", title="Theirs")
    for critique in (mine, theirs):
        services.submit_for_review(critique=critique, user=critique.author)
    client.force_login(reviewer)
    response = client.post(
        reverse("admin:critiques_critique_changelist"),
        {"action": "publish", "_selected_action": [mine.pk, theirs.pk]},
        follow=True,
    )
    text = response.content.decode()
    assert "Publish: 1 critique done." in text
    assert "You wrote “Mine”: another reviewer must publish it" in text
    assert Critique.objects.get(pk=theirs.pk).status == Critique.Status.PUBLISHED
    assert Critique.objects.get(pk=mine.pk).status == Critique.Status.IN_REVIEW


def test_history_keeps_each_step_with_its_user(editor, reviewer, write_critique):
    critique = write_critique(editor)
    services.submit_for_review(critique=critique, user=editor)
    services.publish(critique=critique, user=reviewer)
    steps = [
        (h.history_user, h.status, h.history_change_reason)
        for h in critique.history.order_by("history_date", "history_id")
    ]
    assert steps[-2:] == [
        (editor, "in-review", "Submit for review"),
        (reviewer, "published", "Publish"),
    ]


def test_the_history_page_shows_the_changes(client, editor, reviewer, write_critique):
    critique = write_critique(editor)
    services.submit_for_review(critique=critique, user=editor)
    services.publish(critique=critique, user=reviewer)
    client.force_login(reviewer)
    page = client.get(f"/admin/critiques/critique/{critique.pk}/history/").content.decode()
    assert "rita-reviewer" in page and "erin-editor" in page
    assert "Publish" in page and "Submit for review" in page
    assert re.search(r"in-review\s*&nbsp;&rarr;&nbsp;&nbsp;published", page)


def test_a_revert_restores_text_but_not_the_workflow(client, editor, reviewer, write_critique):
    critique = write_critique(editor, title="First title")
    first = critique.history.latest()
    services.submit_for_review(critique=critique, user=editor)
    services.publish(critique=critique, user=reviewer)
    critique.refresh_from_db()
    critique.title = "Second title"
    services.save_critique(critique=critique, user=reviewer)

    client.force_login(reviewer)
    url = f"/admin/critiques/critique/{critique.pk}/history/{first.history_id}/"
    form = client.get(url)
    assert form.status_code == 200
    seen = form.context["adminform"].form.initial["seen_version"]
    from tests.editing.conftest import form_data

    response = client.post(url, form_data(first.instance, seen_version=seen))
    assert response.status_code == 302, response.content.decode()[:2000]
    critique.refresh_from_db()
    assert critique.title == "First title"
    assert critique.status == Critique.Status.PUBLISHED  # reverting text never unpublishes


def test_publishing_when_review_is_not_required_is_open_to_editors(
    settings, editor, write_critique
):
    settings.NAPWATCH_REVIEW_REQUIRED = False
    critique = write_critique(editor)
    services.publish(critique=critique, user=editor)
    critique.refresh_from_db()
    assert critique.status == Critique.Status.PUBLISHED


# -- returning to draft ----------------------------------------------------------------------


def reviewed(write_critique, editor, **extra):
    critique = write_critique(editor, **extra)
    services.submit_for_review(critique=critique, user=editor)
    return critique


def test_return_to_draft_brings_a_reviewed_critique_back_to_its_writer(editor, write_critique):
    critique = reviewed(write_critique, editor)
    services.return_to_draft(critique=critique, user=editor)
    critique.refresh_from_db()
    assert critique.status == Critique.Status.DRAFT
    latest = critique.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (editor, "Return to draft")
    # A draft again: she may change it, and it can be submitted again.
    critique.title = "Rewritten"
    services.save_critique(critique=critique, user=editor)
    services.submit_for_review(critique=critique, user=editor)
    assert Critique.objects.get(pk=critique.pk).status == Critique.Status.IN_REVIEW


def test_return_to_draft_takes_a_withdrawn_critique_back_for_rework_and_keeps_it_private(
    client, editor, reviewer, write_critique, indicator
):
    critique = reviewed(write_critique, editor, title="Once public")
    services.publish(critique=critique, user=reviewer)
    services.withdraw(critique=critique, user=reviewer)
    services.return_to_draft(critique=critique, user=editor)
    critique.refresh_from_db()
    assert critique.status == Critique.Status.DRAFT
    assert critique.published_at is not None  # it was public once, so it is never deleted
    assert "Once public" not in pillar_page(client, indicator)
    with pytest.raises(services.TransitionRefused, match="kept"):
        services.delete_critique(critique=critique, user=reviewer)


@pytest.mark.parametrize("status", ["draft", "published"])
def test_return_to_draft_is_refused_for_drafts_and_published_critiques(
    editor, reviewer, write_critique, status
):
    critique = reviewed(write_critique, editor)
    if status == "published":
        services.publish(critique=critique, user=reviewer)
    else:
        services.return_to_draft(critique=critique, user=editor)
    with pytest.raises(services.TransitionRefused) as refused:
        services.return_to_draft(critique=critique, user=reviewer)
    assert str(refused.value) == (
        f"“Counts events, not change” is {status}; only a critique that is in review or "
        "withdrawn can be changed with “Return to draft”."
    )
    assert Critique.objects.get(pk=critique.pk).status == status


def test_return_to_draft_is_refused_to_someone_who_may_not_change_critiques(
    editor, maintainer, write_critique
):
    critique = reviewed(write_critique, editor)
    with pytest.raises(services.TransitionRefused, match="You may not change critiques."):
        services.return_to_draft(critique=critique, user=maintainer)
    assert Critique.objects.get(pk=critique.pk).status == Critique.Status.IN_REVIEW


def test_the_return_to_draft_button_returns_a_reviewed_critique(
    client, editor, reviewer, write_critique
):
    critique = reviewed(write_critique, editor)
    client.force_login(reviewer)
    response = client.post(
        step_url(critique, "return_to_draft"), {"comment": "Needs a source."}, follow=True
    )
    assert "“Counts events, not change” is now draft." in response.content.decode()
    assert Critique.objects.get(pk=critique.pk).status == Critique.Status.DRAFT
