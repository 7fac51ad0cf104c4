"""The data releases napwatch has published: each one's version, date, size and checksum, its zip
(kept through Django's storage API, so that it stays downloadable at its own address), and how
many rows of each table it added, changed and removed since the release before it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DataReleaseQuerySet(models.QuerySet):
    def newest_first(self) -> DataReleaseQuerySet:
        return self.order_by("-recorded_at", "-pk")


class DataRelease(models.Model):
    version = models.CharField(_("version"), max_length=40, unique=True)
    date = models.DateField(_("data as of"))
    file_name = models.CharField(max_length=120, unique=True)
    file = models.FileField(upload_to="data-releases/", max_length=200)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    citation = models.TextField()
    previous_version = models.CharField(max_length=40, blank=True)
    # [{"table": name, "title": …, "rows": n, "added": n, "changed": n, "removed": n}, …] in the
    # order of the package's tables: what changes.csv in the zip says.
    changes = models.JSONField(default=list)
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = DataReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("data release")
        verbose_name_plural = _("data releases")

    def __str__(self) -> str:
        return self.version

    @property
    def changed_tables(self) -> list[dict]:
        return [row for row in self.changes if row["added"] or row["changed"] or row["removed"]]
