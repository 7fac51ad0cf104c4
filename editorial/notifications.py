"""Who hears about a step of the review workflow, and what the email says.

The workflow announces each step of a critique (reviewing.signals.moved); after the transaction commits, one
task per step (editorial/tasks.py) sends the emails, so no request waits on a mail server:

- submitted for review: every active reviewer (who may publish) but its author;
- published or returned to draft: its author, unless they took the step themselves.

Nobody who turned notifications off on their desk (NotificationPreferences), and nobody without
an email address, is written to.
"""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from critiques.models import Critique
from editorial.models import NotificationPreferences
from reviewing.steps import PUBLISH, RETURN_TO_DRAFT, SUBMIT
from toolkit.validators import without_control_characters

NOTIFIED_STEPS = {SUBMIT.name, PUBLISH.name, RETURN_TO_DRAFT.name}


def on_critique_moved(sender, instance, user, step, previous_status, comment="", **kwargs):
    if step.name not in NOTIFIED_STEPS:
        return
    from editorial.tasks import send_workflow_email

    enqueue = partial(
        send_workflow_email.enqueue,
        critique_id=instance.pk,
        step=step.name,
        actor_id=getattr(user, "pk", None),
        comment=comment,
    )
    transaction.on_commit(enqueue, robust=True)


def reviewers():
    User = get_user_model()
    may_publish = (
        Q(is_superuser=True)
        | Q(user_permissions__codename="publish_critique")
        | Q(groups__permissions__codename="publish_critique")
    )
    return User.objects.filter(may_publish, is_active=True).distinct()


def recipients(critique: Critique, step: str, actor_id: int | None) -> list:
    if step == SUBMIT.name:
        people = [u for u in reviewers() if u.pk != critique.author_id]
    else:
        people = [critique.author] if critique.author and critique.author_id != actor_id else []
    off = set(
        NotificationPreferences.objects.filter(
            user__in=[p.pk for p in people], email_on_workflow=False
        ).values_list("user_id", flat=True)
    )
    return [p for p in people if p.email and p.pk not in off]


def message(critique: Critique, step: str, actor, comment: str) -> tuple[str, str]:
    """(subject, body) in the active language."""
    link = settings.NAPWATCH_SITE_URL.rstrip("/") + reverse(
        "admin:critiques_critique_change", args=[critique.pk]
    )
    who = str(actor) if actor else gettext("someone")
    names = {"title": critique.title, "who": who, "target": critique.target_label}
    if step == SUBMIT.name:
        subject = gettext("Waiting for your review: “%(title)s”") % names
        lines = [gettext("%(who)s submitted “%(title)s” for review.") % names]
    elif step == PUBLISH.name:
        subject = gettext("Published: “%(title)s”") % names
        lines = [gettext("%(who)s published your critique “%(title)s”.") % names]
        public = critique.target_url()
        if public:
            lines.append(
                gettext("It is on the public page: %(url)s")
                % {"url": settings.NAPWATCH_SITE_URL.rstrip("/") + public}
            )
    else:
        subject = gettext("Returned to draft: “%(title)s”") % names
        lines = [gettext("%(who)s returned your critique “%(title)s” to draft.") % names]
        if comment:
            lines += ["", gettext("Their comment:"), comment]
    lines += [
        "",
        gettext("It criticises: %(target)s") % names,
        gettext("Open it: %(url)s") % {"url": link},
        "",
        gettext("You can turn these emails off on your desk: %(url)s")
        % {"url": settings.NAPWATCH_SITE_URL.rstrip("/") + reverse("editorial:desk")},
    ]
    # A header is one line: a CR/LF in a title or a name would make send_mail refuse the message
    # (BadHeaderError) or, in a mailer that does not check, add headers of its own.
    return without_control_characters(subject), "\n".join(lines)


def send(critique_id: int, step: str, actor_id: int | None, comment: str = "") -> int:
    """Sends the step's emails; returns how many were sent."""
    critique = Critique.objects.select_related("author", "plan").filter(pk=critique_id).first()
    if critique is None:
        return 0
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for person in recipients(critique, step, actor_id):
            subject, body = message(critique, step, actor, comment)
            sent += send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email])
    return sent


# -- the right of reply (issue 28): a critique's author hears when a reply to it is published ---


def on_reply_moved(sender, instance, user, step, previous_status, comment="", **kwargs):
    if step.name != PUBLISH.name or not instance.critique_id:
        return
    from editorial.tasks import send_reply_email

    transaction.on_commit(partial(send_reply_email.enqueue, reply_id=instance.pk), robust=True)


def send_reply_published(reply_id: int) -> int:
    """E-mails the author of the critique a published reply answers; returns how many were sent."""
    from replies.models import Reply

    reply = (
        Reply.objects.published()
        .with_invitation()
        .select_related("critique__author", "critique__plan")
        .filter(pk=reply_id)
        .first()
    )
    if reply is None or reply.critique is None:
        return 0
    author = reply.critique.author
    if author is None or not author.email or not author.is_active:
        return 0
    if NotificationPreferences.objects.filter(user=author, email_on_workflow=False).exists():
        return 0
    critique = reply.critique
    names = {"title": critique.title, "organisation": reply.invitation.organisation_name}
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("A reply to your critique “%(title)s”") % names
        page = reverse("critiques:detail", kwargs={"slug": critique.plan.slug, "key": critique.key})
        lines = [
            gettext(
                "%(organisation)s replied to your critique “%(title)s”; the reply is published."
            )
            % names,
            "",
            gettext("Read it beside your critique: %(url)s")
            % {"url": settings.NAPWATCH_SITE_URL.rstrip("/") + page + f"#reply-{reply.pk}"},
        ]
    return send_mail(
        without_control_characters(subject),
        "\n".join(lines),
        settings.DEFAULT_FROM_EMAIL,
        [author.email],
    )
