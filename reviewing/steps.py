"""The states of every reviewed judgement and the one table of steps between them.

    draft ──submit──▶ in review ──publish──▶ published ──withdraw──▶ withdrawn
      ▲                  │                                              │
      └───return to draft┘◀─────────────────────────────────────────────┘

Who may take a step is decided in reviewing/rules.py from the kind's permissions (kinds.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in-review", _("In review")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


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
