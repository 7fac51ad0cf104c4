"""Replies on the one editorial workflow (reviewing/), and the invitation's writes.

A reply is a kind whose reviewers check form only and publish it as written; a return to draft
keeps the reviewer's reason for the respondent (ReturnComment). Respondents hold only `add_reply`
and `change_reply`, given to them directly when they take up an invitation (`accept`); which
replies they may write or see is decided by their invitation (views.py), never by the admin,
which they cannot open (they are not staff).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Permission
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from documents.extraction import Inspected
from replies.models import Invitation, Reply, ReplyAttachment, Respondent, ReturnComment
from reviewing import services as workflow
from reviewing.kinds import ReviewedKind, Wording
from reviewing.services import TransitionRefused
from reviewing.steps import SUBMIT

__all__ = ["REPLIES", "TransitionRefused", "accept", "invite", "write_reply"]


def _keep_comment(reply: Reply, user, text: str) -> None:
    ReturnComment.objects.create(reply=reply, author=user, text=text)


REPLIES = ReviewedKind(
    model=Reply,
    wording=Wording(
        wrong_state=_(
            "“%(title)s” is %(status)s; only a reply that is %(allowed)s can be changed "
            "with “%(step)s”."
        ),
        may_not_add=_("You may not add replies."),
        may_not_change=_("You may not change replies."),
        may_not_delete=_("You may not delete replies."),
        may_not_publish=_("You may not publish replies."),
        only_reviewers_publish=_("Only a reviewer can publish a reply."),
        only_reviewers_withdraw=_("Only a reviewer can withdraw a published reply."),
        done=ngettext_lazy(
            "%(step)s: %(count)d reply done.", "%(step)s: %(count)d replies done.", "count"
        ),
        kept_not_deleted="Deleted, so withdrawn (published replies are kept)",
    ),
    keep_comment=_keep_comment,
)

# What a respondent may do: write and correct their own replies (views.py scopes them).
RESPONDENT_PERMISSIONS = ("add_reply", "change_reply")


def _enqueue(task, **kwargs) -> None:
    transaction.on_commit(partial(task.enqueue, **kwargs), robust=True)


@transaction.atomic
def invite(*, invitation: Invitation, user: AbstractBaseUser) -> Invitation:
    """Record an invitation by `user` and queue its e-mail (sent by the task worker)."""
    from replies.tasks import send_invitation

    invitation.created_by = user
    invitation.full_clean()
    invitation._history_user = user
    invitation.save()
    _enqueue(send_invitation, invitation_id=invitation.pk)
    return invitation


@transaction.atomic
def accept(*, invitation: Invitation, email: str, password: str) -> AbstractBaseUser:
    """The contact followed the link: a respondent account for this invitation only. The link
    stops working (it is used); raises ValueError if it was used meanwhile."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at is not None or locked.token_hash != invitation.token_hash:
        raise ValueError("used")
    User = get_user_model()
    username = email.strip().lower()
    if User.objects.filter(username__iexact=username).exists():
        raise ValueError("taken")
    user = User.objects.create_user(
        username=username,
        email=email,
        password=password,
        is_staff=False,
    )
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="replies", codename__in=RESPONDENT_PERMISSIONS
        )
    )
    Respondent.objects.create(user=user, invitation=locked)
    locked.accepted_at = timezone.now()
    locked.token_hash = ""
    locked.save(update_fields=["accepted_at", "token_hash"])
    return user


def write_reply(
    *,
    reply: Reply,
    user: AbstractBaseUser,
    attachments: Sequence[tuple[str, bytes, Inspected]] = (),
) -> Reply:
    """Save a respondent's reply (new or returned to them), with the files they attached (each
    (name, content, inspection), already checked: forms.AttachmentsField), and send it for
    review. The reply, its attachments and their files are written together or not at all."""
    stored: list[str] = []
    try:
        with transaction.atomic():
            reply = workflow.save(kind=REPLIES, obj=reply, user=user)
            for name, data, inspected in attachments:
                attachment = ReplyAttachment(
                    reply=reply,
                    original_name=name,
                    media_type="application/pdf",
                    size=inspected.size,
                    checksum=inspected.checksum,
                )
                attachment.file.save("reply.pdf", ContentFile(data), save=False)
                stored.append(attachment.file.name)
                attachment.save()
            return workflow.transition(kind=REPLIES, obj=reply, user=user, name=SUBMIT.name)
    except BaseException:
        for name in stored:
            if default_storage.exists(name):
                default_storage.delete(name)
        raise
