"""The fields every reviewed judgement carries (abstract: each kind's table holds its own)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from reviewing.concurrency import VersionedModel
from reviewing.steps import Status


def author_field(related_name: str) -> models.ForeignKey:
    """Who wrote it (a kind's `author`); `related_name` names a user's work of that kind."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
    )


class ReviewedModel(VersionedModel):
    """Status, author, who published it and when; the workflow (reviewing/services.py) is the
    only writer of the status and the publication, and a save keeps what the database holds."""

    Status = Status

    status = models.CharField(max_length=12, choices=Status, default=Status.DRAFT)
    # author: each kind's own field (author_field), so that its reverse name is its own
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Workflow fields: never taken from a form or an old version (services.save).
    WORKFLOW_FIELDS = ("status", "published_at", "published_by_id", "author_id")

    class Meta:
        abstract = True

    @property
    def was_published(self) -> bool:
        """Published now or before: such a judgement is withdrawn, never deleted."""
        return self.status in (Status.PUBLISHED, Status.WITHDRAWN) or bool(self.published_at)
