"""The data release as a Frictionless Data Package in one zip: `data/<table>.csv` for every table
of `tables.TABLES`, `changes.csv` (rows added, changed and removed in each table since the
previous recorded release: opendata/changes.py), then `datapackage.json` describing them
(a tabular data package: schemas, keys, licence, version, how to cite).

Reproducible: the same data gives the same bytes. Rows come in a fixed order, every zip entry has
the same fixed attributes and a timestamp taken from the data, and the version is

    <date>-<hash>   e.g. 2026-11-30-3f2a9c1b0d

where the hash is the start of a SHA-256 of the CSV files and the descriptor (without the version
itself, and without changes.csv: the version names the data, whatever release came before), and
the date is the latest `updated_at` in the release (the newest change to a plan's row
or a published critique), not the day of the export: exporting the same data tomorrow gives the
same version and the same zip (given the same previous release, which changes.csv compares
with). (Elements carry no timestamp of their own: an edit of an
indicator's wording changes the hash, not the date.)

Rows are streamed (`QuerySet.iterator()` into a csv writer into the zip entry), so memory does not
grow with the data.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from django.db.models import Max
from django.utils import timezone

from critiques.models import Critique
from opendata import changes as changes_file
from opendata.changes import RowDigests, TableChange
from opendata.tables import TABLES, Scope, Table
from scorecards.models import Assessment, Rubric
from toolkit import spreadsheets

NAME = "napwatch-wps-national-action-plans"
TITLE = "napwatch: Women, Peace and Security National Action Plans, structured and critiqued"
PUBLISHER = "napwatch editors"
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
LICENSE_NOTE = (
    "CC BY 4.0 covers napwatch's own work: the structure (codes, positions, links), provenance, "
    "critiques, summaries and translations. The plans' own words (titles, wording in the plan's "
    "language, and wording quoted from the plans) remain the governments'; quotations from sources "
    "remain their authors'."
)
CHUNK = 2000  # rows fetched at a time
EPOCH = datetime.date(1980, 1, 1)  # the earliest date a zip entry can carry


@dataclass(frozen=True)
class TableFacts:
    name: str
    title: str
    rows: int
    bytes: int
    sha256: str


@dataclass(frozen=True)
class ReleaseFacts:
    """What the data page and the command say about a release (kept beside its zip)."""

    version: str
    date: str
    file_name: str
    size: int
    sha256: str
    citation: str
    tables: tuple[TableFacts, ...]
    previous_version: str = ""  # the release changes.csv compares with ("" for none)
    changes: tuple[TableChange, ...] = ()

    def as_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> ReleaseFacts:
        data = json.loads(text)
        data["tables"] = tuple(TableFacts(**table) for table in data["tables"])
        data["changes"] = tuple(TableChange(**change) for change in data.get("changes", ()))
        return cls(**data)


@dataclass(frozen=True)
class PreviousRelease:
    """The release a new one says what changed since: its version and its rows' digests
    (opendata.changes.read_release)."""

    version: str
    tables: dict


def release_date(scope: Scope) -> datetime.date:
    """The latest change in the release: its plans' rows, published critiques and assessments,
    and the rubrics."""
    plans = scope.plans.aggregate(latest=Max("updated_at"))["latest"]
    critiques = (
        Critique.objects.published()
        .filter(plan__in=scope.plans)
        .aggregate(latest=Max("updated_at"))["latest"]
    )
    assessments = (
        Assessment.objects.published()
        .filter(plan__in=scope.plans)
        .aggregate(latest=Max("updated_at"))["latest"]
    )
    rubrics = Rubric.objects.aggregate(latest=Max("updated_at"))["latest"]
    found = [value for value in (plans, critiques, assessments, rubrics) if value is not None]
    if not found:
        return EPOCH
    return max(EPOCH, timezone.localtime(max(found), datetime.UTC).date())


def cell(value, kind: str) -> str:
    """A value as the Table Schema type `kind` reads it from CSV; empty for none."""
    if value is None or value == "":
        return ""
    if kind == "datetime":
        return timezone.localtime(value, datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if kind == "date":
        return value.isoformat()
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "array":
        return json.dumps(list(value), ensure_ascii=False)
    return str(value)


def table_rows(table: Table, scope: Scope) -> Iterator[list[str]]:
    paths = table.paths()
    for values in table.rows(scope).values(*paths).iterator(chunk_size=CHUNK):
        yield [cell(column.read(values, scope), column.type) for column in table.columns]


class HashingWriter(io.RawIOBase):
    """Passes bytes on to `target`, counting them and hashing them on the way."""

    def __init__(self, target):
        self.target, self.digest, self.size = target, hashlib.sha256(), 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.digest.update(data)
        self.size += len(data)
        self.target.write(data)
        return len(data)


def entry(name: str, date: datetime.date) -> zipfile.ZipInfo:
    """A zip entry whose attributes are the same on every machine, every day."""
    info = zipfile.ZipInfo(name, date_time=(date.year, date.month, date.day, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix
    info.external_attr = 0o644 << 16
    return info


def write_table(
    archive: zipfile.ZipFile, table: Table, scope: Scope, date, digests: dict | None = None
) -> TableFacts:
    """Write the table's CSV; note each row's key and digest in `digests[table.name]`."""
    rows = 0
    header = [column.name for column in table.columns]
    noted = RowDigests(header, list(table.primary_key))
    with archive.open(entry(f"data/{table.name}.csv", date), "w") as stream:
        hashing = HashingWriter(stream)
        text = io.TextIOWrapper(hashing, encoding="utf-8", newline="", write_through=True)
        # Cells a spreadsheet would run are defused, reversibly (toolkit/spreadsheets.py).
        writer = spreadsheets.writer(text, lineterminator="\r\n")
        writer.writerow(header)
        for row in table_rows(table, scope):
            writer.writerow(row)
            noted.add(row)
            rows += 1
        text.flush()
        text.detach()
    if digests is not None:
        digests[table.name] = noted.rows
    return TableFacts(table.name, table.title, rows, hashing.size, hashing.digest.hexdigest())


def descriptor(tables: list[TableFacts], date: datetime.date, scope: Scope) -> dict:
    facts = {table.name: table for table in tables}
    return {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": TITLE,
        "description": (
            "Women, Peace and Security National Action Plans as structured data: plans, pillars, "
            "strategic objectives, lines of action and indicators, each with where its wording "
            "comes from (a source, a locator and a confidence), the agencies responsible, and "
            "napwatch's published critiques with their citations and the recommendations they "
            "answer. Synthetic test plans and unpublished critiques are never included. "
            + LICENSE_NOTE
        ),
        "homepage": f"{scope.site_url}/en/data/",
        "created": f"{date.isoformat()}T00:00:00Z",
        "licenses": [LICENSE],
        "contributors": [{"title": PUBLISHER, "role": "author"}],
        "keywords": [
            "Women, Peace and Security",
            "UNSCR 1325",
            "National Action Plans",
            "policy analysis",
        ],
        "resources": [
            {
                "name": table.name,
                "title": table.title,
                "description": table.description,
                "path": f"data/{table.name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": facts[table.name].bytes,
                "hash": f"sha256:{facts[table.name].sha256}",
                "schema": table.schema(),
            }
            for table in TABLES
        ],
    }


def citation(version: str, date: datetime.date, scope: Scope) -> str:
    return (
        f"{PUBLISHER} ({date.year}). {TITLE} (data set, version {version}). "
        f"Licensed CC BY 4.0. {scope.site_url}/en/data/"
    )


def write_release(
    path: Path,
    scope: Scope | None = None,
    *,
    previous: PreviousRelease | Callable[[str], PreviousRelease | None] | None = None,
) -> ReleaseFacts:
    """Write the release's zip to `path` and return what describes it. `previous` is the release
    changes.csv compares with, or a function of this release's version that gives it (the
    version is known only once the tables are written)."""
    scope = scope or Scope.public()
    date = release_date(scope)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        digests: dict = {}
        tables = [write_table(archive, table, scope, date, digests) for table in TABLES]
        document = descriptor(tables, date, scope)
        digest = hashlib.sha256(json.dumps(document, sort_keys=True).encode())
        version = f"{date.isoformat()}-{digest.hexdigest()[:10]}"
        if callable(previous):
            previous = previous(version)
        changes = changes_file.compare(digests, previous.tables if previous else None)
        with archive.open(entry(changes_file.PATH, date), "w") as stream:
            hashing = HashingWriter(stream)
            changes_file.write_changes(hashing, changes)
        previous_version = previous.version if previous else ""
        document["resources"].append(
            changes_file.resource(previous_version, hashing.size, hashing.digest.hexdigest())
        )
        cite = citation(version, date, scope)
        document = {"version": version, **document, "citation": cite}
        with archive.open(entry("datapackage.json", date), "w") as stream:
            stream.write((json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode())
    return ReleaseFacts(
        version=version,
        date=date.isoformat(),
        file_name=f"{NAME}-{version}.zip",
        size=path.stat().st_size,
        sha256=file_sha256(path),
        citation=cite,
        tables=tuple(tables),
        previous_version=previous_version,
        changes=tuple(changes),
    )


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()
