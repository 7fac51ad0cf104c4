"""The editorial workflow: saving, reviewing, publishing, withdrawing and deleting critiques.

Every function is keyword-only, atomic, and checks the acting user's permissions itself, so the
admin (actions, buttons, forms) and any other caller get the same rules:

    draft ──submit──▶ in review ──publish──▶ published ──withdraw──▶ withdrawn
      ▲                  │                                              │
      └───return to draft┘◀─────────────────────────────────────────────┘

- Anyone who may change critiques submits, returns to draft and edits unpublished critiques.
- Publishing needs `critiques.publish_critique`; when settings.NAPWATCH_REVIEW_REQUIRED is on,
  nobody publishes a critique they wrote, and only reviewed (in review) critiques are published.
  When it is off, anyone who may change critiques publishes, from draft or from review.
- A published critique is changed only by someone who may publish it.
- A reviewer who returns someone else's critique from review to draft says why: the comment is
  kept (ReviewComment) and shown to its author.
- Withdrawing needs `critiques.withdraw_critique`. Deleting a critique that was ever published
  withdraws it instead; it is never removed, and its history stays.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from critiques.models import Critique, ReviewComment
from critiques.signals import critique_moved

Status = Critique.Status


class TransitionRefused(PermissionDenied):
    """The user may not do this to this critique now; the message says why, for a person."""


@dataclass(frozen=True)
class Transition:
    name: str
    label: str | Promise
    sources: tuple[str, ...]
    target: str


SUBMIT = Transition("submit", _("Submit for review"), (Status.DRAFT,), Status.IN_REVIEW)
PUBLISH = Transition("publish", _("Publish"), (Status.DRAFT, Status.IN_REVIEW), Status.PUBLISHED)
WITHDRAW = Transition("withdraw", _("Withdraw"), (Status.PUBLISHED,), Status.WITHDRAWN)
RETURN_TO_DRAFT = Transition(
    "return_to_draft", _("Return to draft"), (Status.IN_REVIEW, Status.WITHDRAWN), Status.DRAFT
)
TRANSITIONS = {t.name: t for t in (SUBMIT, PUBLISH, WITHDRAW, RETURN_TO_DRAFT)}


def review_required() -> bool:
    return bool(getattr(settings, "NAPWATCH_REVIEW_REQUIRED", True))


def _may(user, codename: str) -> bool:
    return bool(user and user.is_active and user.has_perm(f"critiques.{codename}"))


def refusal(*, transition: Transition, critique: Critique, user) -> str | None:
    """Why `user` may not apply `transition` to `critique` now, or None if they may."""
    if critique.status not in transition.sources:
        allowed = gettext(" or ").join(str(Status(s).label).lower() for s in transition.sources)
        return gettext(
            "“%(title)s” is %(status)s; only a critique that is %(allowed)s can be changed "
            "with “%(step)s”."
        ) % {
            "title": critique.title,
            "status": str(critique.get_status_display()).lower(),
            "allowed": allowed,
            "step": transition.label,
        }
    if transition is PUBLISH:
        if not review_required():
            if not _may(user, "change_critique"):
                return gettext("You may not publish critiques.")
            return None
        if not _may(user, "publish_critique"):
            return gettext("Only a reviewer can publish a critique.")
        if critique.status != Status.IN_REVIEW:
            return gettext("“%(title)s” must be submitted for review before it is published.") % {
                "title": critique.title
            }
        if critique.author_id is not None and critique.author_id == user.pk:
            return gettext(
                "You wrote “%(title)s”: another reviewer must publish it (review is required)."
            ) % {"title": critique.title}
        return None
    if transition is WITHDRAW:
        if not _may(user, "withdraw_critique"):
            return gettext("Only a reviewer can withdraw a published critique.")
        return None
    if not _may(user, "change_critique"):
        return gettext("You may not change critiques.")
    return None


def needs_comment(*, transition: Transition, critique: Critique, user) -> bool:
    """A return from review to draft of a critique someone else wrote must say why."""
    return (
        transition is RETURN_TO_DRAFT
        and critique.status == Status.IN_REVIEW
        and critique.author_id != getattr(user, "pk", None)
    )


def available_transitions(*, critique: Critique, user) -> list[Transition]:
    return [
        t
        for t in TRANSITIONS.values()
        if refusal(transition=t, critique=critique, user=user) is None
    ]


def edit_refusal(*, critique: Critique, user) -> str | None:
    """Why `user` may not edit this critique's text, or None."""
    if not _may(user, "change_critique"):
        return gettext("You may not change critiques.")
    if (
        critique.status == Status.PUBLISHED
        and review_required()
        and not _may(user, "publish_critique")
    ):
        return gettext(
            "“%(title)s” is published: only a reviewer can change it "
            "(ask one to withdraw it first)."
        ) % {"title": critique.title}
    return None


def _locked(critique: Critique) -> Critique:
    return Critique.objects.select_for_update().get(pk=critique.pk)


@transaction.atomic
def transition(
    *, critique: Critique, user: AbstractBaseUser, name: str, comment: str = ""
) -> Critique:
    """Apply the named transition; raises TransitionRefused with a reason a person can read.

    `comment` is a reviewer's reason for returning a critique to draft: required when someone
    other than its author returns it from review (needs_comment), kept as a ReviewComment."""
    try:
        step = TRANSITIONS[name]
    except KeyError:
        raise TransitionRefused(gettext("Unknown step %(name)r.") % {"name": name}) from None
    current = _locked(critique)
    reason = refusal(transition=step, critique=current, user=user)
    if reason:
        raise TransitionRefused(reason)
    comment = (comment or "").strip()
    if (
        step is RETURN_TO_DRAFT
        and not comment
        and needs_comment(transition=step, critique=current, user=user)
    ):
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
    if step is RETURN_TO_DRAFT and comment:
        # The reviewer's reason in the critique's own history too (change reasons hold 100).
        reason_line = f"{step.label}: {' '.join(comment.split())}"
        current._change_reason = reason_line if len(reason_line) <= 100 else reason_line[:99] + "…"
    current.save()
    if step is RETURN_TO_DRAFT and comment:
        ReviewComment.objects.create(critique=current, author=user, text=comment)
    critique_moved.send(
        sender=Critique,
        critique=current,
        user=user,
        step=step,
        previous_status=previous_status,
        comment=comment if step is RETURN_TO_DRAFT else "",
    )
    critique.refresh_from_db()
    return current


def submit_for_review(*, critique: Critique, user: AbstractBaseUser) -> Critique:
    return transition(critique=critique, user=user, name=SUBMIT.name)


def publish(*, critique: Critique, user: AbstractBaseUser) -> Critique:
    return transition(critique=critique, user=user, name=PUBLISH.name)


def withdraw(*, critique: Critique, user: AbstractBaseUser) -> Critique:
    return transition(critique=critique, user=user, name=WITHDRAW.name)


def return_to_draft(*, critique: Critique, user: AbstractBaseUser, comment: str = "") -> Critique:
    return transition(critique=critique, user=user, name=RETURN_TO_DRAFT.name, comment=comment)


WORKFLOW_FIELDS = ("status", "published_at", "published_by_id", "author_id")


@transaction.atomic
def save_critique(*, critique: Critique, user: AbstractBaseUser, reason: str = "") -> Critique:
    """Create or edit a critique's content as `user`.

    Workflow fields (status, publication, author) are never taken from the caller: a new critique
    is a draft by `user`; an edit keeps what the database holds, so neither a form nor a revert
    to an old version can publish or unpublish anything. Raises StaleCritique if `critique.version`
    is no longer the current one.
    """
    if critique._state.adding:
        if not _may(user, "add_critique"):
            raise TransitionRefused(gettext("You may not add critiques."))
        critique.status = Status.DRAFT
        critique.published_at = None
        critique.published_by = None
        critique.author = user
    else:
        current = _locked(critique)
        reason_refused = edit_refusal(critique=current, user=user)
        if reason_refused:
            raise TransitionRefused(reason_refused)
        for name in WORKFLOW_FIELDS:
            setattr(critique, name, getattr(current, name))
    if critique.plan_id is None:
        critique.plan_id = critique.target_plan_id_of_target()
    critique.full_clean()
    critique._history_user = user
    if reason:
        critique._change_reason = reason
    critique.save()
    return critique


def delete_refusal(*, critique: Critique, user) -> str | None:
    if critique.status == Status.PUBLISHED:
        return refusal(transition=WITHDRAW, critique=critique, user=user)
    if critique.was_published:
        return gettext(
            "“%(title)s” was published once, so it is kept (withdrawn) with its history."
        ) % {"title": critique.title}
    if not _may(user, "delete_critique"):
        return gettext("You may not delete critiques.")
    return None


@transaction.atomic
def delete_critique(*, critique: Critique, user: AbstractBaseUser) -> str:
    """Delete a critique that was never published; withdraw a published one instead.

    Returns "deleted" or "withdrawn"; raises TransitionRefused otherwise."""
    current = _locked(critique)
    reason = delete_refusal(critique=current, user=user)
    if reason:
        raise TransitionRefused(reason)
    if current.status == Status.PUBLISHED:
        current.status = Status.WITHDRAWN
        current._history_user = user
        current._change_reason = "Deleted, so withdrawn (published critiques are kept)"
        current.save()
        return "withdrawn"
    current._history_user = user
    current.delete()
    return "deleted"
