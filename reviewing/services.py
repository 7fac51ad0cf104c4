"""The workflow's writes, for every declared kind: take a step, save content, delete.

Every function is keyword-only, atomic, and checks the acting user's rights itself
(reviewing/rules.py), so the admin (actions, buttons, forms) and any other caller get the same
rules. Each step is kept in the judgement's history (django-simple-history) with the step as its
change reason, and announced (signals.moved) for the notifications, which wait for the commit.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction as db_transaction
from django.utils import timezone
from django.utils.translation import gettext

from reviewing import rules
from reviewing.kinds import ReviewedKind
from reviewing.signals import moved
from reviewing.steps import PUBLISH, RETURN_TO_DRAFT, TRANSITIONS, Status
from toolkit.text import is_blank

HISTORY_REASON_MAX = 100  # django-simple-history's history_change_reason column


class TransitionRefused(PermissionDenied):
    """The user may not do this to this judgement now; the message says why, for a person."""


def _locked(kind: ReviewedKind, obj):
    return kind.model._default_manager.select_for_update().get(pk=obj.pk)


def clean_comment(comment: str | None) -> str:
    """The comment as kept: stripped, and empty if it holds nothing a person can read (only
    spaces, zero-width or other format characters)."""
    comment = (comment or "").strip()
    return "" if is_blank(comment) else comment


@db_transaction.atomic
def transition(*, kind: ReviewedKind, obj, user: AbstractBaseUser, name: str, comment: str = ""):
    """Apply the named step; raises TransitionRefused with a reason a person can read.

    `comment` is a reviewer's reason for a return to draft: required when someone other than
    the author returns it from review (rules.needs_comment), kept by the kind (keep_comment)."""
    try:
        step = TRANSITIONS[name]
    except KeyError:
        raise TransitionRefused(gettext("Unknown step %(name)r.") % {"name": name}) from None
    current = _locked(kind, obj)
    reason = rules.refusal(kind=kind, transition=step, obj=current, user=user)
    if reason:
        raise TransitionRefused(reason)
    comment = clean_comment(comment) if step is RETURN_TO_DRAFT else ""
    if not comment and rules.needs_comment(kind=kind, transition=step, obj=current, user=user):
        raise TransitionRefused(
            gettext("Say why you return “%(title)s” to draft: its author will read it.")
            % {"title": current.title}
        )
    previous_status = current.status
    current.status = step.target
    if step is PUBLISH:
        current.published_at = current.published_at or timezone.now()
        current.published_by = user
    current._history_user = user
    current._change_reason = str(step.label)
    if comment and kind.keep_comment is not None:
        # The reviewer's reason in the judgement's own history too (change reasons hold 100).
        line = f"{step.label}: {' '.join(comment.split())}"
        limit = HISTORY_REASON_MAX
        current._change_reason = line if len(line) <= limit else line[: limit - 1] + "…"
    current.save()
    if comment and kind.keep_comment is not None:
        kind.keep_comment(current, user, comment)
    moved.send(
        sender=kind.model,
        instance=current,
        user=user,
        step=step,
        previous_status=previous_status,
        comment=comment,
    )
    obj.refresh_from_db()
    return current


@db_transaction.atomic
def save(*, kind: ReviewedKind, obj, user: AbstractBaseUser, reason: str = ""):
    """Create or edit `obj`'s content as `user`.

    Workflow fields (status, publication, author) are never taken from the caller: new work is
    a draft by `user`; an edit keeps what the database holds, so neither a form nor a revert to
    an old version can publish or unpublish anything. Raises the model's Stale error if
    `obj.version` is no longer the current one."""
    if obj._state.adding:
        if not kind.may(user, "add"):
            raise TransitionRefused(str(kind.wording.may_not_add))
        obj.status = Status.DRAFT
        obj.published_at = None
        obj.published_by = None
        obj.author = user
    else:
        current = _locked(kind, obj)
        refused = rules.edit_refusal(kind=kind, obj=current, user=user)
        if refused:
            raise TransitionRefused(refused)
        for name in kind.model.WORKFLOW_FIELDS:
            setattr(obj, name, getattr(current, name))
    if kind.before_save is not None:
        kind.before_save(obj)
    obj.full_clean()
    obj._history_user = user
    if reason:
        obj._change_reason = reason
    obj.save()
    return obj


@db_transaction.atomic
def delete(*, kind: ReviewedKind, obj, user: AbstractBaseUser) -> str:
    """Delete work that was never published; withdraw published work instead.

    Returns "deleted" or "withdrawn"; raises TransitionRefused otherwise."""
    current = _locked(kind, obj)
    reason = rules.delete_refusal(kind=kind, obj=current, user=user)
    if reason:
        raise TransitionRefused(reason)
    current._history_user = user
    if current.status == Status.PUBLISHED:
        current.status = Status.WITHDRAWN
        current._change_reason = kind.wording.kept_not_deleted
        current.save()
        return "withdrawn"
    current.delete()
    return "deleted"
