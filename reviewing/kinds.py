"""What a kind of reviewed judgement declares to use the workflow: its model, the words its
messages use, what happens to a reviewer's comment, and what "public" means for it.

A kind is declared once, beside its model (critiques/workflow.py, scorecards/workflow.py), and
every step, rule, admin action and button reads the one table in reviewing/steps.py through it.
Its permissions are Django's, named after the model: `<app>.add_<model>`, `change_`, `delete_`,
and the two the model's Meta declares, `publish_<model>` and `withdraw_<model>`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise

from reviewing.steps import Status

Text = str | Promise


@dataclass(frozen=True)
class Wording:
    """The sentences that name the kind, each its own msgid so that a language may inflect it.

    `wrong_state` takes %(title)s, %(status)s, %(allowed)s and %(step)s; `done` is an
    ngettext_lazy keyed on "count" that also takes %(step)s."""

    wrong_state: Text
    may_not_add: Text
    may_not_change: Text
    may_not_delete: Text
    may_not_publish: Text
    only_reviewers_publish: Text
    only_reviewers_withdraw: Text
    done: Text
    kept_not_deleted: str  # the history's change reason (history reasons are not translated)


@dataclass(frozen=True)
class ReviewedKind:
    model: type[models.Model]
    wording: Wording
    # Keeps a reviewer's reason for a return to draft; with it, a return from review of someone
    # else's work must give one. None: a return needs no comment (and none is kept).
    keep_comment: Callable[[models.Model, object, str], object] | None = None
    # Fills in what a save derives (a critique's plan from its target) before full_clean().
    before_save: Callable[[models.Model], None] | None = None
    # The statuses in which readers may see it (everything else is the editors' only).
    public_statuses: tuple[str, ...] = (Status.PUBLISHED,)

    def permission(self, action: str) -> str:
        """ "critiques.publish_critique" for ("publish"): Django's name for the model's right."""
        opts = self.model._meta
        return f"{opts.app_label}.{action}_{opts.model_name}"

    def may(self, user, action: str) -> bool:
        return bool(user and user.is_active and user.has_perm(self.permission(action)))

    def is_public(self, obj) -> bool:
        return obj.status in self.public_statuses

    def public(self, queryset=None):
        queryset = self.model._default_manager.all() if queryset is None else queryset
        return queryset.filter(status__in=self.public_statuses)

    @property
    def admin_url_prefix(self) -> str:
        opts = self.model._meta
        return f"admin:{opts.app_label}_{opts.model_name}"
