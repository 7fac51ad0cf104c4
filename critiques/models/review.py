"""Why a reviewer sent a critique back: one comment per return, never edited, kept with it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from critiques.models.critique import Critique


class ReviewCommentQuerySet(models.QuerySet):
    def latest_per_critique(self, critique_ids) -> dict[int, ReviewComment]:
        """{critique id: its newest comment} for the given critiques, in one query."""
        newest: dict[int, ReviewComment] = {}
        for comment in self.filter(critique_id__in=list(critique_ids)).select_related("author"):
            kept = newest.get(comment.critique_id)
            if kept is None or (comment.created_at, comment.pk) > (kept.created_at, kept.pk):
                newest[comment.critique_id] = comment
        return newest


class ReviewComment(models.Model):
    """A reviewer's reason for returning a critique to draft (critiques/services.py)."""

    critique = models.ForeignKey(Critique, on_delete=models.CASCADE, related_name="review_comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    objects = ReviewCommentQuerySet.as_manager()

    class Meta:
        ordering = ["critique_id", "-created_at", "-pk"]
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")

    def __str__(self) -> str:
        return self.text[:80]
