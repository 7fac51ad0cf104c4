"""The critique list's bulk actions: each applies its step to the selection, as the buttons do,
reports what it did and what it refused, and never deletes a critique that was published."""

import pytest
from django.urls import reverse

from critiques import services
from critiques.models import Critique

pytestmark = pytest.mark.django_db

Status = Critique.Status
CHANGELIST = reverse("admin:critiques_critique_changelist")


@pytest.fixture
def critiques(write_critique, editor, reviewer, second_editor):
    """make(status, key) gives a critique by Erin in that status (reviewed by Rita if need be)."""

    def make(status: str, key: str) -> Critique:
        critique = write_critique(editor, key=key, title=f"Critique {key}")
        if status != Status.DRAFT:
            services.submit_for_review(critique=critique, user=editor)
        if status in (Status.PUBLISHED, Status.WITHDRAWN):
            services.publish(critique=critique, user=reviewer)
        if status == Status.WITHDRAWN:
            services.withdraw(critique=critique, user=reviewer)
        critique.refresh_from_db()
        assert critique.status == status
        return critique

    return make


def run_action(client, action: str, selected) -> list[str]:
    """Posts the action for the selected critiques; returns the messages shown afterwards."""
    response = client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [c.pk for c in selected]},
        follow=True,
    )
    assert response.status_code == 200
    return [str(message) for message in response.context["messages"]]


def statuses(*selected) -> list[str]:
    return [Critique.objects.get(pk=c.pk).status for c in selected]


def test_the_list_offers_the_workflow_actions_and_not_djangos_delete(client, reviewer):
    client.force_login(reviewer)
    response = client.get(CHANGELIST)
    offered = [value for value, _label in response.context["action_form"].fields["action"].choices]
    assert offered == [
        "",
        "submit_for_review",
        "publish",
        "withdraw",
        "return_to_draft",
        "delete_or_withdraw",
    ]


def test_submit_sends_the_selected_drafts_to_review_and_refuses_the_rest(client, editor, critiques):
    first, second = critiques(Status.DRAFT, "first"), critiques(Status.DRAFT, "second")
    already = critiques(Status.IN_REVIEW, "already")
    client.force_login(editor)
    shown = run_action(client, "submit_for_review", [first, second, already])
    assert shown == [
        "Submit for review: 2 critiques done.",
        "Refused: “Critique already” is in review; only a critique that is draft can be "
        "changed with “Submit for review”.",
    ]
    assert statuses(first, second, already) == [Status.IN_REVIEW] * 3
    latest = Critique.history.filter(id=first.pk).latest()
    assert (latest.history_user, latest.history_change_reason) == (editor, "Submit for review")


def test_publish_publishes_reviewed_critiques_with_who_and_when(client, reviewer, critiques):
    reviewed, draft = critiques(Status.IN_REVIEW, "reviewed"), critiques(Status.DRAFT, "draft")
    client.force_login(reviewer)
    shown = run_action(client, "publish", [reviewed, draft])
    assert shown == [
        "Publish: 1 critique done.",
        "Refused: “Critique draft” must be submitted for review before it is published.",
    ]
    published = Critique.objects.get(pk=reviewed.pk)
    assert (published.status, published.published_by) == (Status.PUBLISHED, reviewer)
    assert published.published_at is not None
    assert statuses(draft) == [Status.DRAFT]


def test_withdraw_withdraws_published_critiques_for_reviewers_only(
    client, editor, reviewer, critiques
):
    one, two = critiques(Status.PUBLISHED, "one"), critiques(Status.PUBLISHED, "two")
    client.force_login(editor)
    shown = run_action(client, "withdraw", [one])
    assert shown == ["Refused: Only a reviewer can withdraw a published critique."]
    assert statuses(one) == [Status.PUBLISHED]

    client.force_login(reviewer)
    assert run_action(client, "withdraw", [one, two]) == ["Withdraw: 2 critiques done."]
    assert statuses(one, two) == [Status.WITHDRAWN] * 2
    assert (
        Critique.objects.get(pk=one.pk).published_at is not None
    )  # it was published, and stays so


def test_return_to_draft_brings_back_reviewed_and_withdrawn_critiques(client, editor, critiques):
    reviewed = critiques(Status.IN_REVIEW, "reviewed")
    withdrawn = critiques(Status.WITHDRAWN, "withdrawn")
    published = critiques(Status.PUBLISHED, "published")
    client.force_login(editor)
    shown = run_action(client, "return_to_draft", [reviewed, withdrawn, published])
    assert shown == [
        "Return to draft: 2 critiques done.",
        "Refused: “Critique published” is published; only a critique that is in review or "
        "withdrawn can be changed with “Return to draft”.",
    ]
    assert statuses(reviewed, withdrawn, published) == [
        Status.DRAFT,
        Status.DRAFT,
        Status.PUBLISHED,
    ]


def test_the_delete_action_deletes_drafts_and_withdraws_published_critiques(
    client, reviewer, critiques
):
    draft = critiques(Status.DRAFT, "draft")
    published = critiques(Status.PUBLISHED, "published")
    withdrawn = critiques(Status.WITHDRAWN, "withdrawn")
    client.force_login(reviewer)
    shown = run_action(client, "delete_or_withdraw", [draft, published, withdrawn])
    assert sorted(shown) == sorted(
        [
            "Refused: “Critique withdrawn” was published once, so it is kept (withdrawn) with "
            "its history.",
            "1 deleted; 1 withdrawn (published critiques are kept, with their history).",
        ]
    )
    assert not Critique.objects.filter(pk=draft.pk).exists()
    assert statuses(published, withdrawn) == [Status.WITHDRAWN, Status.WITHDRAWN]
    kept = Critique.objects.get(pk=published.pk)
    assert kept.history.filter(status=Status.PUBLISHED).exists()
    assert kept.history.latest().history_user == reviewer


def test_the_delete_action_keeps_a_published_critique_from_an_editor(client, editor, critiques):
    published = critiques(Status.PUBLISHED, "published")
    client.force_login(editor)
    shown = run_action(client, "delete_or_withdraw", [published])
    assert shown == ["Refused: Only a reviewer can withdraw a published critique."]
    assert statuses(published) == [Status.PUBLISHED]


def test_djangos_own_bulk_delete_cannot_be_posted(client, reviewer, critiques):
    published = critiques(Status.PUBLISHED, "published")
    client.force_login(reviewer)
    client.post(
        CHANGELIST,
        {"action": "delete_selected", "_selected_action": [published.pk], "post": "yes"},
        follow=True,
    )
    assert statuses(published) == [Status.PUBLISHED]
