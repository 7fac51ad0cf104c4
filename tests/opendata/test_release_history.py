"""The release history: `publish_release` keeps each release (its zip through Django's storage
API), /data/ lists them with what changed since the one before, each zip holds changes.csv, and
an older release stays downloadable at its own address."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from critiques.models import Critique
from opendata.models import DataRelease
from opendata.release import current_release
from tests.opendata.test_data_release import frictionless_validate


@pytest.fixture
def storage(settings, tmp_path):
    """Releases kept under a folder of the test's own."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def publish() -> str:
    out = io.StringIO()
    call_command("publish_release", stdout=out)
    return out.getvalue()


def changes_csv(content: bytes) -> dict[str, dict]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        text = archive.read("changes.csv").decode()
    return {row["table"]: row for row in csv.DictReader(io.StringIO(text))}


def downloaded(client, release: DataRelease) -> bytes:
    response = client.get(f"/en/data/{release.file_name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return b"".join(response.streaming_content)


def test_a_published_release_is_kept_listed_and_downloadable(mexico, storage, client):
    assert "Recorded version" in publish()
    (release,) = DataRelease.objects.all()
    assert release.file.name == f"data-releases/{release.file_name}"
    assert default_storage.exists(release.file.name)
    stored = (storage / release.file.name).read_bytes()
    assert hashlib.sha256(stored).hexdigest() == release.sha256 and len(stored) == release.size
    assert downloaded(client, release) == stored
    # The current data are this release's: the zip /data/ builds is the same bytes.
    facts, path = current_release()
    assert facts.version == release.version and path.read_bytes() == stored

    page = client.get("/en/data/").content.decode()
    assert "Release history" in page
    for shown in (release.version, release.sha256, f"/en/data/{release.file_name}"):
        assert shown in page
    assert "The first recorded release: every row is new." in page
    # The first release: every row is added.
    changes = changes_csv(stored)
    assert changes["critiques"]["added"] == str(Critique.objects.published().count())
    assert {row["changed"] for row in changes.values()} == {"0"}

    assert "already recorded" in publish()
    assert DataRelease.objects.count() == 1


def test_a_new_release_says_what_changed_and_the_old_one_stays(mexico, storage, client):
    publish()
    first = DataRelease.objects.get()
    first_bytes = (storage / first.file.name).read_bytes()
    published = Critique.objects.published().order_by("key")
    corrected, withdrawn = published[0], published[1]
    corrected.title_en = "A corrected title"
    corrected.save()
    withdrawn.status = Critique.Status.WITHDRAWN
    withdrawn.save()
    Critique.objects.create(  # a draft: never in a release, so no change
        plan=mexico,
        key="quiet-draft",
        title="Quiet",
        target_plan=mexico,
        category=Critique.Category.DATA_GAPS,
        body="Draft.",
    )
    publish()
    second = DataRelease.objects.newest_first().first()
    assert second.version != first.version and second.previous_version == first.version

    changes = changes_csv(downloaded(client, second))
    critiques = changes["critiques"]
    assert (critiques["added"], critiques["changed"], critiques["removed"]) == ("0", "1", "1")
    # Its citations and the recommendations' links to it went with the withdrawn critique.
    assert changes["citations"]["removed"] == str(withdrawn.citations.count())
    assert changes["plans"] == {
        "table": "plans",
        "rows": "4",
        "added": "0",
        "changed": "0",
        "removed": "0",
    }
    changed_tables = {row["table"] for row in second.changed_tables}
    assert "critiques" in changed_tables and "plans" not in changed_tables

    # The older release: still downloadable, the same bytes.
    assert downloaded(client, first) == first_bytes
    page = client.get("/en/data/").content.decode()
    assert page.index(second.version) < page.index(first.version)  # newest first
    assert f"Changed since version <code>{first.version}</code>" in page
    assert "<code>data/critiques.csv</code></th><td>0</td><td>1</td><td>1</td>" in page


def test_the_package_declares_its_profile_and_describes_changes_csv(mexico, storage, tmp_path):
    publish()
    release = DataRelease.objects.get()
    folder = tmp_path / "unzipped"
    with zipfile.ZipFile(storage / release.file.name) as archive:
        archive.extractall(folder)
        names = archive.namelist()
    assert names[-2:] == ["changes.csv", "datapackage.json"]
    package = json.loads((folder / "datapackage.json").read_text())
    assert package["profile"] == "tabular-data-package"
    (resource,) = [r for r in package["resources"] if r["name"] == "changes"]
    assert resource["path"] == "changes.csv"
    assert resource["profile"] == "tabular-data-resource"
    assert [f["name"] for f in resource["schema"]["fields"]] == [
        "table",
        "rows",
        "added",
        "changed",
        "removed",
    ]
    result = frictionless_validate(folder)
    assert result.returncode == 0, result.stdout[-3000:]


def test_an_unknown_release_is_404_and_the_page_shows_a_new_release_at_once(
    mexico, storage, client
):
    assert "No release has been recorded yet" in client.get("/en/data/").content.decode()
    publish()
    release = DataRelease.objects.get()
    # The page was cached before the release: recording one shows at once.
    assert release.version in client.get("/en/data/").content.decode()
    assert client.get(f"/en/data/{release.file_name[:-5]}0.zip").status_code == 404
    spanish = client.get("/es/data/").content.decode()
    assert "Historial de publicaciones" in spanish
