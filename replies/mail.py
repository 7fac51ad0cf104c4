"""What the invitation and its reminder say, and sending them (the task worker calls these).

The link's token is made here, at sending time, and only its hash is kept: the e-mail is the only
place the token exists. A reminder to a contact who has not used the link yet carries a fresh
link (the first stops working); one who has, is sent to the sign-in page.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from replies.models import Invitation
from toolkit.validators import without_control_characters


def site(path: str) -> str:
    return settings.NAPWATCH_SITE_URL.rstrip("/") + path


def message(invitation: Invitation, link: str, *, reminder: bool) -> tuple[str, str]:
    """(subject, body) in the active language; plain text, so nothing in it is markup. The
    names are put on one line: a line break in a plan's title or an agency's name (plan files
    are data) can neither add a header nor forge a line of the body, such as another link."""
    plan = invitation.plan
    names = {
        "organisation": without_control_characters(invitation.organisation_name),
        "plan": without_control_characters(plan.display_title),
        "deadline": formats.date_format(invitation.deadline, "DATE_FORMAT"),
        "link": link,
        "critiques": site(reverse("critiques:list", kwargs={"slug": plan.slug})),
    }
    if reminder:
        subject = gettext("Reminder: your reply to napwatch's critiques of %(plan)s") % names
        first = gettext(
            "This is a reminder: napwatch invited %(organisation)s to reply to its published "
            "critiques and assessments of %(plan)s. Replies received by %(deadline)s are "
            "published beside what they answer."
        )
    else:
        subject = gettext("Invitation to reply to napwatch's critiques of %(plan)s") % names
        first = gettext(
            "napwatch has published critiques and assessments of %(plan)s. We invite "
            "%(organisation)s to reply to any of them by %(deadline)s: replies are reviewed "
            "for form only and published as written, beside what they answer. Where no reply "
            "comes, the page says so, with the dates."
        )
    lines = [
        first % names,
        "",
        gettext("The published critiques: %(critiques)s") % names,
        "",
        gettext("To reply, open this link, which works once, and choose a password:")
        if "/respond/join/" in link
        else gettext("To reply, sign in:"),
        link,
    ]
    return without_control_characters(subject), "\n".join(lines)


def language_of(invitation: Invitation) -> str:
    """The plan's language where the site has it (Mexico's contacts read Spanish), else the
    site's default."""
    language = (invitation.plan.language or "")[:2]
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def send_invitation(invitation_id: int, *, reminder: bool = False) -> int:
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("agency", "plan")
            .filter(pk=invitation_id)
            .first()
        )
        if invitation is None:
            return 0
        with translation.override(language_of(invitation)):
            if invitation.accepted_at is None:
                token = invitation.issue_token()
                link = site(reverse("replies:join", kwargs={"token": token}))
            else:
                link = site(reverse("replies:login"))
            subject, body = message(invitation, link, reminder=reminder)
        now = timezone.now()
        if reminder:
            invitation.reminded_at = now
        else:
            invitation.sent_at = now
        invitation.save()
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.contact_email])
