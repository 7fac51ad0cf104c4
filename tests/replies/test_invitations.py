"""Invitations: a maintainer invites one of the plan's agencies or another organisation; the
e-mail carries a single-use, expiring link kept only as a hash; a reminder goes a week before
the deadline."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from plans.models import Agency
from replies.models import Invitation, hash_token
from tests.replies.conftest import run_mail

pytestmark = pytest.mark.django_db


def test_the_invitation_is_emailed_with_a_link_whose_token_is_kept_hashed(invite):
    invitation, link = invite()
    message = mail.outbox[-1]
    assert message.to == ["contact@minrel.example"]
    assert "critiques" in message.subject.lower() or "críticas" in message.subject.lower()
    assert "/respond/join/" in message.body
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert invitation.token_hash == hash_token(token)
    assert token not in invitation.token_hash
    assert invitation.sent_at is not None
    assert Invitation.by_token(token) == invitation


def test_the_link_is_refused_once_expired(invite, client):
    invitation, link = invite()
    Invitation.objects.filter(pk=invitation.pk).update(
        token_expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = client.get(link.split("localhost:8000", 1)[-1])
    assert response.status_code == 404


def test_the_link_works_once(invite, client):
    invitation, link = invite()
    path = link.split("localhost:8000", 1)[-1]
    data = {"password1": "a-long-Respondent-pass-42", "password2": "a-long-Respondent-pass-42"}
    assert client.post(path, data).status_code == 302
    client.logout()
    assert client.get(path).status_code == 404
    assert client.post(path, data).status_code == 404


def test_an_agency_outside_the_plan_is_refused(minimal_plan):
    stranger = Agency.objects.create(country_code="ZZZ", acronym="OTHER", name_original="Other")
    invitation = Invitation(
        plan=minimal_plan,
        agency=stranger,
        contact_email="x@example.org",
        deadline=datetime.date(2030, 1, 1),
    )
    with pytest.raises(ValidationError, match="no role in the plan"):
        invitation.full_clean()


def test_an_invitation_names_one_body_not_both_nor_none(minimal_plan):
    both = Invitation(
        plan=minimal_plan,
        agency=Agency.objects.get(acronym="MINREL"),
        organisation="Red de Mujeres",
        contact_email="x@example.org",
        deadline=datetime.date(2030, 1, 1),
    )
    with pytest.raises(ValidationError, match="one of them"):
        both.full_clean()


def test_a_free_text_organisation_can_be_invited(invite):
    invitation, _ = invite(organisation="Red Nacional de Mujeres Defensoras")
    assert invitation.organisation_name == "Red Nacional de Mujeres Defensoras"


def remind(callbacks):
    with callbacks() as queued:
        call_command("send_reply_reminders", stdout=open("/dev/null", "w"))
    run_mail(queued)


def test_the_reminder_goes_a_week_before_the_deadline_once(
    invite, django_capture_on_commit_callbacks
):
    week = timezone.localdate() + datetime.timedelta(days=7)
    soon, _ = invite(deadline=week)
    later, _ = invite(deadline=week + datetime.timedelta(days=20), email="later@example.org")
    sent = len(mail.outbox)
    remind(django_capture_on_commit_callbacks)
    reminders = mail.outbox[sent:]
    assert [m.to for m in reminders] == [["contact@minrel.example"]]
    assert reminders[0].subject.startswith("Reminder") or "Recordatorio" in reminders[0].subject
    remind(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == sent + 1
    soon.refresh_from_db()
    assert soon.reminded_at is not None
    later.refresh_from_db()
    assert later.reminded_at is None


def test_maintainers_invite_in_the_admin_and_the_mail_goes(
    client, maintainer, minimal_plan, django_capture_on_commit_callbacks
):
    client.force_login(maintainer)
    agency = Agency.objects.get(acronym="MINREL")
    with django_capture_on_commit_callbacks() as queued:
        response = client.post(
            "/admin/replies/invitation/add/",
            {
                "plan": minimal_plan.pk,
                "agency": agency.pk,
                "organisation": "",
                "contact_email": "contact@minrel.example",
                "deadline": "2030-03-02",
            },
        )
    run_mail(queued)
    assert response.status_code == 302, response.content.decode()[:2000]
    invitation = Invitation.objects.get()
    assert invitation.created_by == maintainer
    assert mail.outbox[-1].to == ["contact@minrel.example"]


def test_editors_may_not_invite(client, editor):
    client.force_login(editor)
    assert client.get("/admin/replies/invitation/add/").status_code == 403
