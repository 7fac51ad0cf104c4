"""What a load did: counts of rows created, updated, unchanged and deleted, and what the files no
longer list (kept, or deleted with --prune)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import ProtectedError, RestrictedError

from critiques.models import Critique
from planfiles.edits import PersonEdits


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    deleted: Counter = field(default_factory=Counter)
    stale: list[str] = field(default_factory=list)  # not in the file: kept, --prune deletes
    kept: list[str] = field(default_factory=list)  # not in the file, kept even with --prune
    edits: PersonEdits = field(default_factory=PersonEdits)  # what people changed: kept or not

    @property
    def changed(self) -> bool:
        return bool(
            sum(self.created.values()) or sum(self.updated.values()) or sum(self.deleted.values())
        )

    def summary(self) -> str:
        def total(counter: Counter) -> int:
            return sum(counter.values())

        text = (
            f"{total(self.created)} created, {total(self.updated)} updated, "
            f"{total(self.unchanged)} unchanged, {total(self.deleted)} deleted"
        )
        return text


def protector(exc: ProtectedError | RestrictedError) -> str:
    """The first row that keeps another from being deleted, as a person knows it."""
    rows = sorted(
        exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects,
        key=str,
    )
    first = rows[0]
    name = (
        f"critique {first.key}"
        if isinstance(first, Critique)
        else f"{first._meta.verbose_name} {first}"
    )
    return name + (f" and {len(rows) - 1} more" if len(rows) > 1 else "")
