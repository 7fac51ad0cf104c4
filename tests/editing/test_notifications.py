"""Workflow emails: reviewers hear of a submission, authors of a publication or a return; each
person can turn them off; nothing is sent before the step commits."""

import pytest
from django.core import mail

from critiques import services
from editorial.models import NotificationPreferences

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_emails(editor, reviewer, second_editor):
    for person in (editor, reviewer, second_editor):
        person.email = f"{person.username}@example.org"
        person.save()


def step(callbacks, fn, **kwargs):
    with callbacks(execute=True):
        fn(**kwargs)


def test_a_submission_is_emailed_to_reviewers_and_not_to_editors(
    django_capture_on_commit_callbacks, with_emails, editor, write_critique
):
    critique = write_critique(editor)
    with django_capture_on_commit_callbacks() as queued:
        services.submit_for_review(critique=critique, user=editor)
        assert mail.outbox == []  # nothing before the commit
    for callback in queued:
        callback()
    assert [m.to for m in mail.outbox] == [["rita-reviewer@example.org"]]
    assert mail.outbox[0].subject == "Waiting for your review: “Counts events, not change”"
    assert "erin-editor submitted “Counts events, not change” for review." in mail.outbox[0].body
    assert f"/admin/critiques/critique/{critique.pk}/change/" in mail.outbox[0].body


def test_the_author_hears_of_a_return_with_the_comment_and_of_publication(
    django_capture_on_commit_callbacks, with_emails, editor, reviewer, write_critique
):
    critique = write_critique(editor)
    services.submit_for_review(critique=critique, user=editor)
    step(
        django_capture_on_commit_callbacks,
        services.return_to_draft,
        critique=critique,
        user=reviewer,
        comment="Name the survey.",
    )
    returned = mail.outbox[-1]
    assert returned.to == ["erin-editor@example.org"]
    assert returned.subject == "Returned to draft: “Counts events, not change”"
    assert "Their comment:\nName the survey." in returned.body

    services.submit_for_review(critique=critique, user=editor)
    mail.outbox.clear()
    step(django_capture_on_commit_callbacks, services.publish, critique=critique, user=reviewer)
    assert [m.to for m in mail.outbox] == [["erin-editor@example.org"]]
    assert "rita-reviewer published your critique" in mail.outbox[0].body


def test_nobody_is_emailed_who_turned_notifications_off(
    django_capture_on_commit_callbacks, with_emails, editor, reviewer, write_critique
):
    NotificationPreferences.objects.create(user=reviewer, email_on_workflow=False)
    critique = write_critique(editor)
    step(
        django_capture_on_commit_callbacks,
        services.submit_for_review,
        critique=critique,
        user=editor,
    )
    assert mail.outbox == []


def test_a_refused_step_sends_nothing(
    django_capture_on_commit_callbacks, with_emails, editor, reviewer, write_critique
):
    critique = write_critique(editor)
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(services.TransitionRefused):
            services.publish(critique=critique, user=reviewer)
    assert mail.outbox == []
