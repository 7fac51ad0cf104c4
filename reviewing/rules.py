"""Who may take which step of the one table (steps.py), for any declared kind (kinds.py).

- Anyone who may change the kind submits, returns to draft and edits unpublished work.
- Publishing needs `publish_<model>`; when settings.NAPWATCH_REVIEW_REQUIRED is on, nobody
  publishes what they wrote, and only work in review is published. When it is off, anyone who
  may change the kind publishes, from draft or from review.
- Published work is changed only by someone who may publish it.
- A reviewer who returns someone else's work from review says why, where the kind keeps comments.
- Withdrawing needs `withdraw_<model>`. Work that was ever published is withdrawn, never deleted.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext

from reviewing.kinds import ReviewedKind
from reviewing.steps import PUBLISH, RETURN_TO_DRAFT, TRANSITIONS, WITHDRAW, Status, Transition


def review_required() -> bool:
    return bool(getattr(settings, "NAPWATCH_REVIEW_REQUIRED", True))


def refusal(*, kind: ReviewedKind, transition: Transition, obj, user) -> str | None:
    """Why `user` may not apply `transition` to `obj` now, or None if they may."""
    words = kind.wording
    if obj.status not in transition.sources:
        allowed = gettext(" or ").join(str(Status(s).label).lower() for s in transition.sources)
        return str(words.wrong_state) % {
            "title": obj.title,
            "status": str(obj.get_status_display()).lower(),
            "allowed": allowed,
            "step": transition.label,
        }
    if transition is PUBLISH:
        return _publish_refusal(kind, obj, user)
    if transition is WITHDRAW:
        return None if kind.may(user, "withdraw") else str(words.only_reviewers_withdraw)
    return None if kind.may(user, "change") else str(words.may_not_change)


def _publish_refusal(kind: ReviewedKind, obj, user) -> str | None:
    if not review_required():
        return None if kind.may(user, "change") else str(kind.wording.may_not_publish)
    if not kind.may(user, "publish"):
        return str(kind.wording.only_reviewers_publish)
    if obj.status != Status.IN_REVIEW:
        return gettext("“%(title)s” must be submitted for review before it is published.") % {
            "title": obj.title
        }
    if obj.author_id is not None and obj.author_id == user.pk:
        return gettext(
            "You wrote “%(title)s”: another reviewer must publish it (review is required)."
        ) % {"title": obj.title}
    return None


def needs_comment(*, kind: ReviewedKind, transition: Transition, obj, user) -> bool:
    """A return from review to draft of someone else's work must say why (kinds that keep
    comments)."""
    return (
        kind.keep_comment is not None
        and transition is RETURN_TO_DRAFT
        and obj.status == Status.IN_REVIEW
        and obj.author_id != getattr(user, "pk", None)
    )


def available_transitions(*, kind: ReviewedKind, obj, user) -> list[Transition]:
    return [
        t
        for t in TRANSITIONS.values()
        if refusal(kind=kind, transition=t, obj=obj, user=user) is None
    ]


def edit_refusal(*, kind: ReviewedKind, obj, user) -> str | None:
    """Why `user` may not edit `obj`'s content, or None."""
    if not kind.may(user, "change"):
        return str(kind.wording.may_not_change)
    if obj.status == Status.PUBLISHED and review_required() and not kind.may(user, "publish"):
        return gettext(
            "“%(title)s” is published: only a reviewer can change it "
            "(ask one to withdraw it first)."
        ) % {"title": obj.title}
    return None


def delete_refusal(*, kind: ReviewedKind, obj, user) -> str | None:
    if obj.status == Status.PUBLISHED:
        return refusal(kind=kind, transition=WITHDRAW, obj=obj, user=user)
    if obj.was_published:
        return gettext(
            "“%(title)s” was published once, so it is kept (withdrawn) with its history."
        ) % {"title": obj.title}
    if not kind.may(user, "delete"):
        return str(kind.wording.may_not_delete)
    return None
