"""What a person wrote is not overwritten by loading a file (issue 23).

The loader's own writes carry no user in their history (a management command has no request)
and a change reason naming the file (`loader_reason`); an editor's or maintainer's writes, in the
admin or the workbench, carry their user (simple-history's HistoryRequestMiddleware). So a row
whose newest history record has a user was changed by a person since the loader last wrote it.

When a file would change such a row, `PersonEdits.keeps()` keeps the row as the person left it
and reports the file's differing values; with `--force` the file wins and the report says what it
overwrote. A person's change that is also in the file is no conflict: the row already holds the
file's values, so the loader leaves it alone and never asks.

`changed_files` and `record_loaded` keep a checksum of each loaded file (`LoadedFile`), so that
`load_plan --only-changed` (what `make run` does on every start) loads only the files that
changed since their last load.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.db import models

SHOWN_CHARS = 70


def loader_reason(file_name: str) -> str:
    """The change reason of the loader's writes (simple-history keeps 100 characters)."""
    return f"Plan loader: {file_name}"[:100]


def shown(value) -> str:
    if isinstance(value, models.Model):
        value = str(value)
    text = repr(value) if not isinstance(value, str) else f"“{value}”"
    return text if len(text) <= SHOWN_CHARS else f"{text[: SHOWN_CHARS - 2]}…”"


def row_name(obj: models.Model) -> str:
    name = getattr(obj, "code", "") or getattr(obj, "key", "") or getattr(obj, "slug", "")
    return f"{obj._meta.verbose_name} {name or obj.pk}"


@dataclass
class PersonEdits:
    """The load's rule for rows a person changed: keep them (the default), or overwrite them."""

    force: bool = False
    kept: list[str] = field(default_factory=list)
    overwritten: list[str] = field(default_factory=list)

    @staticmethod
    def person_change(obj: models.Model):
        """The newest history record of `obj` if a person made it, else None."""
        history = getattr(obj, "history", None)
        if history is None or obj.pk is None:
            return None
        newest = (
            history.model.objects.filter(id=obj.pk)
            .select_related("history_user")
            .order_by("-history_date", "-history_id")
            .first()
        )
        return newest if newest is not None and newest.history_user_id is not None else None

    def keeps(self, obj: models.Model, differing: dict) -> bool:
        """Whether the load must leave `obj` as it is; `differing` maps each field the file would
        change to the file's value. Every kept or overwritten row is reported."""
        record = self.person_change(obj)
        if record is None:
            return False
        reason = record.history_change_reason
        where = reason.split(":")[0] if reason else "admin"
        who = f"{record.history_user} ({where}, {record.history_date:%Y-%m-%d %H:%M} UTC)"
        values = "; ".join(
            f"{name}: the file has {shown(value)}, the database {shown(getattr(obj, name))}"
            for name, value in differing.items()
        )
        if self.force:
            self.overwritten.append(f"{row_name(obj)}, changed by {who}: {values}")
            return False
        self.kept.append(f"{row_name(obj)}, changed by {who}: {values}")
        return True


class LoadedFile(models.Model):
    """A plan file as last loaded: its checksum, for `load_plan --only-changed`."""

    path = models.CharField(max_length=500, unique=True)
    sha256 = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "planfiles"

    def __str__(self) -> str:
        return self.path


def checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def file_key(path: Path) -> str:
    return str(path.resolve())


def changed_files(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """(the files that changed since their last load or were never loaded, the others)."""
    recorded = dict(
        LoadedFile.objects.filter(path__in=[file_key(p) for p in paths]).values_list(
            "path", "sha256"
        )
    )
    changed, unchanged = [], []
    for path in paths:
        same = path.is_file() and recorded.get(file_key(path)) == checksum(path)
        (unchanged if same else changed).append(path)
    return changed, unchanged


def record_loaded(paths: list[Path]) -> None:
    for path in paths:
        LoadedFile.objects.update_or_create(
            path=file_key(path), defaults={"sha256": checksum(path)}
        )
