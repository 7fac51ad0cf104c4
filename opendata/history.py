"""The releases napwatch has recorded (`manage.py publish_release`), each kept through Django's
storage API at `data-releases/<file name>` and listed on /data/ with what changed since the one
before.

When: a release is recorded when an operator (or a scheduled job) runs `publish_release`,
typically after a batch of critiques is published; the data's version changes with every public
change (opendata/package.py), but only recorded versions are kept for good. Recording the data
as they already are in the newest release records nothing.

Which release a new one is compared with: the newest recorded release of another version. So the
zip /data/ builds for the current data, when those data are the newest release's, has the same
bytes as the zip that was recorded.
"""

from __future__ import annotations

import tempfile
import zipfile
from dataclasses import asdict
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction

from opendata.changes import read_release
from opendata.models import DataRelease
from opendata.package import PreviousRelease, ReleaseFacts, write_release
from opendata.tables import Scope


def previous_for(version: str) -> PreviousRelease | None:
    """The release that a release of `version` is compared with (None: the first)."""
    release = DataRelease.objects.newest_first().exclude(version=version).first()
    if release is None:
        return None
    with release.file.open("rb") as stream, zipfile.ZipFile(stream) as archive:
        return PreviousRelease(version=release.version, tables=read_release(archive))


def history_marker() -> str:
    """Changes whenever a release is recorded: part of the keys of what shows the history."""
    newest = DataRelease.objects.newest_first().values_list("pk", "version").first()
    return f"{newest[0]}:{newest[1]}" if newest else "none"


def record_release(scope: Scope | None = None) -> tuple[DataRelease, bool]:
    """Build the release of the public data as they are now and keep it, unless the newest
    recorded release already has this version. Returns the release and whether it is new."""
    scope = scope or Scope.public()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "release.zip"
        facts = write_release(path, scope, previous=previous_for)
        # Recorded already (the newest release, or an older one the data went back to): a
        # recorded release is never replaced, so its address and checksum stay true.
        existing = DataRelease.objects.filter(version=facts.version).first()
        if existing is not None:
            return existing, False
        return save(facts, path), True


def save(facts: ReleaseFacts, path: Path) -> DataRelease:
    name = f"data-releases/{facts.file_name}"
    with path.open("rb") as stream:
        stored = default_storage.save(name, File(stream, name=facts.file_name))
    try:
        with transaction.atomic():
            return DataRelease.objects.create(
                version=facts.version,
                date=facts.date,
                file_name=facts.file_name,
                file=stored,
                size=facts.size,
                sha256=facts.sha256,
                citation=facts.citation,
                previous_version=facts.previous_version,
                changes=[
                    {"title": title_of(change.table)} | asdict(change) for change in facts.changes
                ],
            )
    except Exception:
        default_storage.delete(stored)
        raise


def title_of(table: str) -> str:
    from opendata.tables import TABLES

    return next((t.title for t in TABLES if t.name == table), table)
