"""The current data release, built on demand and kept on disk under a key of the data's revision.

The key is `pagecache.keys.cache_key(site_token(), "data-release", history_marker())`: every
plan's revision token (which any public change replaces, in the same transaction), the deployed
code, and the newest recorded release (changes.csv compares with it: opendata/history.py). A reader who
asks while nothing changed gets the zip already made; the first after a change builds it in the
request (about a second for the real plans; see docs/open-data.md), written to a temporary file
and renamed, so two readers building at once each finish with the same complete file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.conf import settings

from opendata.history import history_marker, previous_for
from opendata.package import ReleaseFacts, write_release
from opendata.tables import Scope
from pagecache.keys import cache_key
from pagecache.revisions import site_token

KEEP = 3  # releases kept in the folder: the current one and a few a download may still be reading


def release_folder() -> Path:
    folder = Path(settings.NAPWATCH_DATA_RELEASE_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def current_release() -> tuple[ReleaseFacts, Path]:
    """The release of the data as it is now, and its zip file (built if not yet kept)."""
    key = cache_key(site_token(), "data-release", history_marker())
    folder = release_folder()
    facts_path, zip_path = folder / f"{key}.json", folder / f"{key}.zip"
    if facts_path.is_file() and zip_path.is_file():
        return ReleaseFacts.from_json(facts_path.read_text()), zip_path
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
    os.close(handle)
    try:
        facts = write_release(Path(temporary), Scope.public(), previous=previous_for)
        os.replace(temporary, zip_path)
    finally:
        Path(temporary).unlink(missing_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
    with os.fdopen(handle, "w") as stream:
        stream.write(facts.as_json())
    os.replace(temporary, facts_path)
    forget_old_releases(folder, keep=key)
    return facts, zip_path


def forget_old_releases(folder: Path, *, keep: str) -> None:
    kept = sorted(folder.glob("*.json"), key=lambda path: path.stat().st_mtime, reverse=True)
    for facts in kept[KEEP:]:
        if facts.stem != keep:
            facts.unlink(missing_ok=True)
            facts.with_suffix(".zip").unlink(missing_ok=True)
