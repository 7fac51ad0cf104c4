"""A reviewer who returns a critique to draft writes why; its author reads it on the critique."""

import pytest
from django.urls import reverse

from critiques import services
from critiques.models import Critique, ReviewComment
from tests.editing.conftest import change_url, step_url

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:critiques_critique_changelist")


@pytest.fixture
def in_review(write_critique, editor):
    critique = write_critique(editor)
    services.submit_for_review(critique=critique, user=editor)
    return critique


def test_the_service_refuses_a_reviewers_return_without_a_comment(in_review, reviewer):
    with pytest.raises(services.TransitionRefused, match="Say why you return"):
        services.return_to_draft(critique=in_review, user=reviewer, comment="   ")
    assert Critique.objects.get(pk=in_review.pk).status == Critique.Status.IN_REVIEW
    assert not ReviewComment.objects.exists()


def test_the_author_takes_her_own_critique_back_without_a_comment(in_review, editor):
    services.return_to_draft(critique=in_review, user=editor)
    assert Critique.objects.get(pk=in_review.pk).status == Critique.Status.DRAFT


def test_the_button_asks_why_refuses_an_empty_reason_and_keeps_the_comment(
    client, in_review, reviewer, editor
):
    client.force_login(reviewer)
    asked = client.post(step_url(in_review, "return_to_draft"))
    assert asked.status_code == 200
    assert "Why are you returning it?" in asked.content.decode()
    assert Critique.objects.get(pk=in_review.pk).status == Critique.Status.IN_REVIEW

    empty = client.post(step_url(in_review, "return_to_draft"), {"comment": "  "})
    assert "Write why you return it" in empty.content.decode()
    assert Critique.objects.get(pk=in_review.pk).status == Critique.Status.IN_REVIEW

    done = client.post(
        step_url(in_review, "return_to_draft"),
        {"comment": "Cite the <b>baseline</b> survey."},
        follow=True,
    )
    assert "“Counts events, not change” is now draft." in done.content.decode()
    comment = ReviewComment.objects.get()
    assert (comment.critique_id, comment.author, comment.text) == (
        in_review.pk,
        reviewer,
        "Cite the <b>baseline</b> survey.",
    )

    latest = Critique.objects.get(pk=in_review.pk).history.latest()
    assert (latest.history_user, latest.history_change_reason) == (
        reviewer,
        "Return to draft: Cite the <b>baseline</b> survey.",
    )

    client.force_login(editor)
    page = client.get(change_url(in_review)).content.decode()
    assert "Review comments" in page
    assert "Returned to draft by rita-reviewer" in page
    assert "Cite the &lt;b&gt;baseline&lt;/b&gt; survey." in page


def test_the_bulk_action_asks_for_the_reason_first(client, in_review, reviewer):
    client.force_login(reviewer)
    selected = {"action": "return_to_draft", "_selected_action": [in_review.pk]}
    asked = client.post(CHANGELIST, selected)
    assert asked.status_code == 200
    assert "Why are you returning it?" in asked.content.decode()
    assert Critique.objects.get(pk=in_review.pk).status == Critique.Status.IN_REVIEW

    refused = client.post(CHANGELIST, {**selected, "comment": ""})
    assert "Write why you return it" in refused.content.decode()
    assert Critique.objects.get(pk=in_review.pk).status == Critique.Status.IN_REVIEW

    done = client.post(CHANGELIST, {**selected, "comment": "Too vague."}, follow=True)
    messages = [str(m) for m in done.context["messages"]]
    assert messages == ["Return to draft: 1 critique done."]
    assert ReviewComment.objects.get().text == "Too vague."
    assert Critique.objects.get(pk=in_review.pk).status == Critique.Status.DRAFT
