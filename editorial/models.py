"""Each editor's own settings for the desk: whether the workflow emails them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationPreferences(models.Model):
    """Absent means the defaults: every workflow email on (editorial/notifications.py)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    email_on_workflow = models.BooleanField(
        _("email me about the review workflow"),
        default=True,
        help_text=_(
            "Reviewers: when a critique is submitted for review. Authors: when their critique is "
            "published or returned to draft."
        ),
    )

    class Meta:
        verbose_name = _("notification preferences")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return str(self.user)

    @classmethod
    def wants_email(cls, user) -> bool:
        row = cls.objects.filter(user=user).values_list("email_on_workflow", flat=True).first()
        return True if row is None else row
