"""Assessments on the one editorial workflow (reviewing/): what an assessment is to it, and the
keyword-only calls the admin, the tests and scripts use. A return to draft needs no comment."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from reviewing import services as workflow
from reviewing.kinds import ReviewedKind, Wording
from reviewing.services import TransitionRefused
from reviewing.steps import PUBLISH, RETURN_TO_DRAFT, SUBMIT, TRANSITIONS, WITHDRAW
from scorecards.models import Assessment

__all__ = [
    "ASSESSMENTS",
    "PUBLISH",
    "RETURN_TO_DRAFT",
    "SUBMIT",
    "TRANSITIONS",
    "WITHDRAW",
    "TransitionRefused",
    "delete_assessment",
    "save_assessment",
    "transition",
]

ASSESSMENTS = ReviewedKind(
    model=Assessment,
    wording=Wording(
        wrong_state=_(
            "“%(title)s” is %(status)s; only an assessment that is %(allowed)s can be changed "
            "with “%(step)s”."
        ),
        may_not_add=_("You may not add assessments."),
        may_not_change=_("You may not change assessments."),
        may_not_delete=_("You may not delete assessments."),
        may_not_publish=_("You may not publish assessments."),
        only_reviewers_publish=_("Only a reviewer can publish an assessment."),
        only_reviewers_withdraw=_("Only a reviewer can withdraw a published assessment."),
        done=ngettext_lazy(
            "%(step)s: %(count)d assessment done.",
            "%(step)s: %(count)d assessments done.",
            "count",
        ),
        kept_not_deleted="Deleted, so withdrawn (published assessments are kept)",
    ),
)


def transition(*, assessment: Assessment, user: AbstractBaseUser, name: str) -> Assessment:
    return workflow.transition(kind=ASSESSMENTS, obj=assessment, user=user, name=name)


def save_assessment(
    *, assessment: Assessment, user: AbstractBaseUser, reason: str = ""
) -> Assessment:
    """Create or edit an assessment's content as `user` (reviewing.services.save)."""
    return workflow.save(kind=ASSESSMENTS, obj=assessment, user=user, reason=reason)


def delete_assessment(*, assessment: Assessment, user: AbstractBaseUser) -> str:
    """Delete an assessment never published; withdraw a published one: "deleted"/"withdrawn"."""
    return workflow.delete(kind=ASSESSMENTS, obj=assessment, user=user)
