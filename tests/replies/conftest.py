"""The right of reply's cast and data: a published critique of the minimal plan's PREV-I1 by
Erin, an invitation of its lead agency (MINREL), and the contact who took it up. Test data
only: no reply is invented in fixtures/."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from critiques.models import Critique
from indicators.models import Indicator
from plans.models import Agency
from replies import services
from replies.models import Invitation, Reply


@pytest.fixture
def with_emails(editor, reviewer, maintainer):
    for person in (editor, reviewer, maintainer):
        person.email = f"{person.username}@example.org"
        person.save()


@pytest.fixture
def critique(minimal_plan, editor):
    critique = Critique(
        plan=minimal_plan,
        key="counts-events",
        title="Counts events, not change",
        target_indicator=Indicator.objects.get(plan=minimal_plan, code="PREV-I1"),
        category=Critique.Category.VAGUE_INDICATOR,
        body="The indicator counts **events**.",
        author=editor,
        status=Critique.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    critique.save()
    return critique


@pytest.fixture
def draft_critique(minimal_plan, editor):
    critique = Critique(
        plan=minimal_plan,
        key="still-a-draft",
        title="A draft nobody outside may see",
        target_plan=minimal_plan,
        category=Critique.Category.DATA_GAPS,
        body="Secret draft.",
        author=editor,
    )
    critique.save()
    return critique


def run_mail(callbacks) -> None:
    """Runs the captured on-commit callbacks except the page cache's announcement of a new plan
    revision (which renders the plan's PDF briefs: seconds each, and not what these test)."""
    for callback in callbacks:
        if "_announce" not in repr(callback):
            callback()


def link_in(message) -> str:
    return re.search(r"https?://\S+/respond/join/\S+/", message.body).group(0)


@pytest.fixture
def invite(minimal_plan, maintainer, django_capture_on_commit_callbacks):
    """invite(deadline=…) records an invitation of MINREL as the maintainer, runs its e-mail task
    and returns (invitation, link)."""

    def make(*, deadline=None, email="contact@minrel.example", plan=None, **extra):
        plan = plan or minimal_plan
        if "organisation" not in extra:
            extra["agency"] = Agency.objects.get(acronym="MINREL")
        invitation = Invitation(
            plan=plan,
            contact_email=email,
            deadline=deadline or timezone.localdate() + datetime.timedelta(days=30),
            **extra,
        )
        with django_capture_on_commit_callbacks() as queued:
            services.invite(invitation=invitation, user=maintainer)
        run_mail(queued)
        invitation.refresh_from_db()
        return invitation, link_in(mail.outbox[-1])

    return make


RESPONDENT_PASSWORD = "a-long-Respondent-pass-42"


@pytest.fixture
def respondent(invite):
    """The MINREL contact, who followed the link and chose a password."""
    invitation, _link = invite()
    return services.accept(
        invitation=invitation, email=invitation.contact_email, password=RESPONDENT_PASSWORD
    )


@pytest.fixture
def write_reply():
    def write(user, critique, body="Hemos **avanzado**.", language="es"):
        invitation = user.respondent.invitation
        reply = Reply(invitation=invitation, critique=critique, body=body, language=language)
        return services.write_reply(reply=reply, user=user)

    return write
