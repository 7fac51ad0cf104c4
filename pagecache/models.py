from django.db import models

from plans.models import Plan


class PlanRevision(models.Model):
    """The current revision of what a plan's public pages and brief show.

    `token` is replaced, never incremented, so that a stale copy of a plan saved over a newer one
    still produces a token no cache has seen.
    """

    plan = models.OneToOneField(
        Plan, on_delete=models.CASCADE, primary_key=True, related_name="revision"
    )
    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.token} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
