"""Optimistic concurrency for reviewed judgements: a save from a version someone else has since
replaced is refused, with a message that says so."""

from __future__ import annotations

from django.db import models, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class StaleVersion(Exception):
    """Raised when `instance` is saved from `seen_version`, which is no longer the current one."""

    def __init__(self, instance, seen_version: int):
        self.instance = instance
        self.seen_version = seen_version
        super().__init__(
            gettext(
                "“%(title)s” was changed by someone else after version %(version)s; "
                "reload it and make your change again."
            )
            % {"title": instance.title, "version": seen_version}
        )


class VersionedModel(models.Model):
    """A `version` that goes up by one on every save; `Stale` (a StaleVersion) is raised when
    the database no longer holds the version this instance was loaded with.

    The version is raised with one `UPDATE … WHERE version = seen` in the save's transaction, so
    of two editors who loaded the same version, the second save raises."""

    Stale: type[StaleVersion] = StaleVersion

    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text=_("Goes up by one on every save; a save from an older version is refused."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "version"}
        if self._state.adding or self.pk is None:
            super().save(*args, **kwargs)
            return
        with transaction.atomic(using=kwargs.get("using")):
            seen = self.version
            claimed = (
                type(self)
                ._default_manager.filter(pk=self.pk, version=seen)
                .update(version=seen + 1)
            )
            if not claimed:
                raise self.Stale(self, seen)
            self.version = seen + 1
            super().save(*args, **kwargs)
