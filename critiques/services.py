"""Critiques on the one editorial workflow (reviewing/): what a critique is to it, and the
keyword-only calls the admin, the tests and scripts use.

The steps, the rules of who may take them, the history, the concurrency check and the
announcement of each step are the workflow's (reviewing/steps.py, rules.py, services.py).
A critique keeps a reviewer's reason for a return (ReviewComment), and a save fills in its plan
from its target.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from critiques.models import Critique, ReviewComment
from reviewing import services as workflow
from reviewing.kinds import ReviewedKind, Wording
from reviewing.services import TransitionRefused
from reviewing.steps import PUBLISH, RETURN_TO_DRAFT, SUBMIT, TRANSITIONS, WITHDRAW, Transition

__all__ = [
    "CRITIQUES",
    "PUBLISH",
    "RETURN_TO_DRAFT",
    "SUBMIT",
    "TRANSITIONS",
    "WITHDRAW",
    "Transition",
    "TransitionRefused",
    "delete_critique",
    "publish",
    "return_to_draft",
    "save_critique",
    "submit_for_review",
    "transition",
    "withdraw",
]


def _keep_comment(critique: Critique, user, text: str) -> None:
    ReviewComment.objects.create(critique=critique, author=user, text=text)


def _fill_in_plan(critique: Critique) -> None:
    if critique.plan_id is None:
        critique.plan_id = critique.target_plan_id_of_target()


CRITIQUES = ReviewedKind(
    model=Critique,
    wording=Wording(
        wrong_state=_(
            "“%(title)s” is %(status)s; only a critique that is %(allowed)s can be changed "
            "with “%(step)s”."
        ),
        may_not_add=_("You may not add critiques."),
        may_not_change=_("You may not change critiques."),
        may_not_delete=_("You may not delete critiques."),
        may_not_publish=_("You may not publish critiques."),
        only_reviewers_publish=_("Only a reviewer can publish a critique."),
        only_reviewers_withdraw=_("Only a reviewer can withdraw a published critique."),
        done=ngettext_lazy(
            "%(step)s: %(count)d critique done.", "%(step)s: %(count)d critiques done.", "count"
        ),
        kept_not_deleted="Deleted, so withdrawn (published critiques are kept)",
    ),
    keep_comment=_keep_comment,
    before_save=_fill_in_plan,
)


def transition(
    *, critique: Critique, user: AbstractBaseUser, name: str, comment: str = ""
) -> Critique:
    return workflow.transition(kind=CRITIQUES, obj=critique, user=user, name=name, comment=comment)


def submit_for_review(*, critique: Critique, user: AbstractBaseUser) -> Critique:
    return transition(critique=critique, user=user, name=SUBMIT.name)


def publish(*, critique: Critique, user: AbstractBaseUser) -> Critique:
    return transition(critique=critique, user=user, name=PUBLISH.name)


def withdraw(*, critique: Critique, user: AbstractBaseUser) -> Critique:
    return transition(critique=critique, user=user, name=WITHDRAW.name)


def return_to_draft(*, critique: Critique, user: AbstractBaseUser, comment: str = "") -> Critique:
    return transition(critique=critique, user=user, name=RETURN_TO_DRAFT.name, comment=comment)


def save_critique(*, critique: Critique, user: AbstractBaseUser, reason: str = "") -> Critique:
    """Create or edit a critique's content as `user` (reviewing.services.save)."""
    return workflow.save(kind=CRITIQUES, obj=critique, user=user, reason=reason)


def delete_critique(*, critique: Critique, user: AbstractBaseUser) -> str:
    """Delete a critique never published, withdraw a published one: "deleted" or "withdrawn"."""
    return workflow.delete(kind=CRITIQUES, obj=critique, user=user)
