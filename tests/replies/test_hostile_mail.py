"""The invitation and its reminder with hostile names in them: a plan title, an agency's name or
an organisation holding markup and line breaks (an attempt to add a header or forge a line of
the e-mail). The e-mails are plain text only (no HTML part: nothing in them is read as markup),
the subject stays one header line, the names stay on their line of the body, and an address
with a header in it is refused before anything is sent."""

import datetime
from email import message_from_bytes

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from plans.models import Agency, Plan
from replies import services
from replies.models import Invitation
from replies.tasks import send_reminder
from tests.replies.conftest import run_mail

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script>'
INJECTED = "\r\nBcc: victim@evil.example\r\nX-Injected: yes"
FORGED_LINE = "\nTo reply, open https://evil.example/steal/"


@pytest.fixture
def hostile_names(minimal_plan):
    """The minimal plan's titles and MINREL's names, each with markup, a CR/LF and a header."""
    Plan.objects.filter(pk=minimal_plan.pk).update(
        title_en=f"Plan {SCRIPT}{INJECTED}",
        title_original=f"Plan {SCRIPT}{INJECTED}",
    )
    Agency.objects.filter(acronym="MINREL").update(
        name_en=f"Ministry {SCRIPT}{FORGED_LINE}",
        name_original=f"Ministerio {SCRIPT}{FORGED_LINE}",
    )


def parsed(message):
    """The e-mail as it goes on the wire, read back by the standard library's parser."""
    return message_from_bytes(message.message().as_bytes())


def assert_safe(message) -> None:
    wire = parsed(message)
    # plain text, one part: no HTML part in which a name could be markup
    assert message.alternatives == []
    assert not wire.is_multipart()
    assert wire.get_content_type() == "text/plain"
    # one subject line; no header came from a name
    assert wire.get_all("Subject") and len(wire.get_all("Subject")) == 1
    assert "\n" not in message.subject and "\r" not in message.subject
    assert wire["Bcc"] is None and wire["X-Injected"] is None
    assert message.recipients() == ["contact@minrel.example"]
    assert "Bcc: victim@evil.example" in message.subject  # kept as words, on the one line
    # the names stay on their own line of the body: no line is forged by them
    lines = message.body.splitlines()
    assert not any(line.startswith("To reply, open https://evil") for line in lines)
    assert not any(line.startswith("Bcc:") or line.startswith("X-Injected") for line in lines)
    assert SCRIPT in message.body  # the text as written, which plain text never runs


def test_the_invitation_with_hostile_names_is_plain_one_line_headers(hostile_names, invite):
    invite()
    assert_safe(mail.outbox[-1])


def test_the_reminder_with_hostile_names_is_as_safe(
    hostile_names, invite, django_capture_on_commit_callbacks
):
    invitation, _link = invite(deadline=timezone.localdate() + datetime.timedelta(days=6))
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks() as queued:
        send_reminder.enqueue(invitation_id=invitation.pk)
    run_mail(queued)
    assert len(mail.outbox) == sent + 1
    assert_safe(mail.outbox[-1])
    assert mail.outbox[-1].subject.startswith(("Reminder", "Recordatorio"))


def test_an_organisation_with_a_line_break_is_refused(minimal_plan, maintainer):
    invitation = Invitation(
        plan=minimal_plan,
        organisation=f"Red {SCRIPT}{INJECTED}",
        contact_email="red@example.org",
        deadline=timezone.localdate() + datetime.timedelta(days=30),
    )
    sent = len(mail.outbox)
    with pytest.raises(ValidationError, match="one line of text"):
        services.invite(invitation=invitation, user=maintainer)
    assert not Invitation.objects.filter(contact_email="red@example.org").exists()
    assert len(mail.outbox) == sent


@pytest.mark.parametrize(
    "address",
    ["contact@minrel.example\r\nBcc: victim@evil.example", "contact@minrel.example, v@evil.org"],
)
def test_a_contact_address_with_a_header_or_a_second_address_is_refused(
    minimal_plan, maintainer, address
):
    invitation = Invitation(
        plan=minimal_plan,
        agency=Agency.objects.get(acronym="MINREL"),
        contact_email=address,
        deadline=timezone.localdate() + datetime.timedelta(days=30),
    )
    sent = len(mail.outbox)
    with pytest.raises(ValidationError, match="contact_email"):
        services.invite(invitation=invitation, user=maintainer)
    assert len(mail.outbox) == sent


def test_the_organisation_s_markup_is_escaped_where_the_respondent_reads_it(
    hostile_names, invite, client
):
    """The join page names the organisation and the plan from the same hostile data: escaped."""
    _invitation, link = invite()
    html = client.get(link.split("localhost:8000", 1)[-1]).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert SCRIPT not in html
