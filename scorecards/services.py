"""The assessments' editorial workflow: the critiques' steps and rules (critiques/services.py),
with the assessments' own permissions.

    draft ──submit──▶ in review ──publish──▶ published ──withdraw──▶ withdrawn
      ▲                  │                                              │
      └───return to draft┘◀─────────────────────────────────────────────┘

- Anyone who may change assessments submits, returns to draft and edits unpublished ones.
- Publishing needs `scorecards.publish_assessment`; when settings.NAPWATCH_REVIEW_REQUIRED is on,
  nobody publishes an assessment they wrote, and only reviewed (in review) ones are published.
- A published assessment is changed only by someone who may publish it.
- Withdrawing needs `scorecards.withdraw_assessment`. Deleting one that was ever published
  withdraws it instead.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from critiques.services import (
    PUBLISH,
    RETURN_TO_DRAFT,
    SUBMIT,
    TRANSITIONS,
    WITHDRAW,
    Transition,
    TransitionRefused,
    review_required,
)
from scorecards.models import Assessment

Status = Assessment.Status

__all__ = [
    "PUBLISH",
    "RETURN_TO_DRAFT",
    "SUBMIT",
    "TRANSITIONS",
    "WITHDRAW",
    "TransitionRefused",
    "available_transitions",
    "delete_assessment",
    "save_assessment",
    "transition",
]


def _may(user, codename: str) -> bool:
    return bool(user and user.is_active and user.has_perm(f"scorecards.{codename}"))


def refusal(*, transition: Transition, assessment: Assessment, user) -> str | None:
    """Why `user` may not apply `transition` to `assessment` now, or None if they may."""
    if assessment.status not in transition.sources:
        allowed = gettext(" or ").join(str(Status(s).label).lower() for s in transition.sources)
        return gettext(
            "“%(title)s” is %(status)s; only an assessment that is %(allowed)s can be changed "
            "with “%(step)s”."
        ) % {
            "title": assessment.title,
            "status": str(assessment.get_status_display()).lower(),
            "allowed": allowed,
            "step": transition.label,
        }
    if transition is PUBLISH:
        if not review_required():
            return (
                None
                if _may(user, "change_assessment")
                else gettext("You may not publish assessments.")
            )
        if not _may(user, "publish_assessment"):
            return gettext("Only a reviewer can publish an assessment.")
        if assessment.status != Status.IN_REVIEW:
            return gettext("“%(title)s” must be submitted for review before it is published.") % {
                "title": assessment.title
            }
        if assessment.author_id is not None and assessment.author_id == user.pk:
            return gettext(
                "You wrote “%(title)s”: another reviewer must publish it (review is required)."
            ) % {"title": assessment.title}
        return None
    if transition is WITHDRAW:
        if not _may(user, "withdraw_assessment"):
            return gettext("Only a reviewer can withdraw a published assessment.")
        return None
    if not _may(user, "change_assessment"):
        return gettext("You may not change assessments.")
    return None


def available_transitions(*, assessment: Assessment, user) -> list[Transition]:
    return [
        t
        for t in TRANSITIONS.values()
        if refusal(transition=t, assessment=assessment, user=user) is None
    ]


def edit_refusal(*, assessment: Assessment, user) -> str | None:
    if not _may(user, "change_assessment"):
        return gettext("You may not change assessments.")
    if (
        assessment.status == Status.PUBLISHED
        and review_required()
        and not _may(user, "publish_assessment")
    ):
        return gettext(
            "“%(title)s” is published: only a reviewer can change it "
            "(ask one to withdraw it first)."
        ) % {"title": assessment.title}
    return None


def _locked(assessment: Assessment) -> Assessment:
    return Assessment.objects.select_for_update().get(pk=assessment.pk)


@transaction.atomic
def transition(*, assessment: Assessment, user: AbstractBaseUser, name: str) -> Assessment:
    """Apply the named step; raises TransitionRefused with a reason a person can read."""
    try:
        step = TRANSITIONS[name]
    except KeyError:
        raise TransitionRefused(gettext("Unknown step %(name)r.") % {"name": name}) from None
    current = _locked(assessment)
    reason = refusal(transition=step, assessment=current, user=user)
    if reason:
        raise TransitionRefused(reason)
    current.status = step.target
    if step is PUBLISH:
        current.published_at = current.published_at or timezone.now()
        current.published_by = user
    current._history_user = user
    current._change_reason = str(step.label)
    current.save()
    assessment.refresh_from_db()
    return current


WORKFLOW_FIELDS = ("status", "published_at", "published_by_id", "author_id")


@transaction.atomic
def save_assessment(
    *, assessment: Assessment, user: AbstractBaseUser, reason: str = ""
) -> Assessment:
    """Create or edit an assessment's content as `user`; workflow fields are never taken from
    the caller (a new assessment is a draft by `user`). Raises StaleAssessment if
    `assessment.version` is no longer the current one."""
    if assessment._state.adding:
        if not _may(user, "add_assessment"):
            raise TransitionRefused(gettext("You may not add assessments."))
        assessment.status = Status.DRAFT
        assessment.published_at = None
        assessment.published_by = None
        assessment.author = user
    else:
        current = _locked(assessment)
        refused = edit_refusal(assessment=current, user=user)
        if refused:
            raise TransitionRefused(refused)
        for name in WORKFLOW_FIELDS:
            setattr(assessment, name, getattr(current, name))
    assessment.full_clean()
    assessment._history_user = user
    if reason:
        assessment._change_reason = reason
    assessment.save()
    return assessment


def delete_refusal(*, assessment: Assessment, user) -> str | None:
    if assessment.status == Status.PUBLISHED:
        return refusal(transition=WITHDRAW, assessment=assessment, user=user)
    if assessment.was_published:
        return gettext(
            "“%(title)s” was published once, so it is kept (withdrawn) with its history."
        ) % {"title": assessment.title}
    if not _may(user, "delete_assessment"):
        return gettext("You may not delete assessments.")
    return None


@transaction.atomic
def delete_assessment(*, assessment: Assessment, user: AbstractBaseUser) -> str:
    """Delete an assessment never published; withdraw a published one. "deleted"/"withdrawn"."""
    current = _locked(assessment)
    reason = delete_refusal(assessment=current, user=user)
    if reason:
        raise TransitionRefused(reason)
    current._history_user = user
    if current.status == Status.PUBLISHED:
        current.status = Status.WITHDRAWN
        current._change_reason = "Deleted, so withdrawn (published assessments are kept)"
        current.save()
        return "withdrawn"
    current.delete()
    return "deleted"
