"""What changed between two data releases, table by table: rows added, changed and removed,
each row known by its table's primary key. It goes in the zip as `changes.csv`, a table of the
package like the others, and on /data/.

A release's rows are read back from its zip (the previous release's, kept in storage), and the
new release's are noted as they are written (`RowDigests`), so neither is held in memory whole:
only a key and a short digest per row.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass

NAME = "changes"
PATH = "changes.csv"
TITLE = "Changes since the previous release"
COLUMNS = (
    ("table", "string", "The table (a resource of this package)."),
    ("rows", "integer", "Its rows in this release."),
    ("added", "integer", "Rows whose key the previous release did not have."),
    ("changed", "integer", "Rows with the same key whose values differ."),
    ("removed", "integer", "Rows of the previous release whose key this one does not have."),
)


def row_digest(row: list[str]) -> bytes:
    return hashlib.blake2b("\x1f".join(row).encode(), digest_size=12).digest()


class RowDigests:
    """{primary key: digest of the row} of one table, filled as its rows are written."""

    def __init__(self, header: list[str], primary_key: list[str]):
        self.positions = [header.index(name) for name in primary_key]
        self.rows: dict[tuple[str, ...], bytes] = {}

    def add(self, row: list[str]) -> None:
        self.rows[tuple(row[i] for i in self.positions)] = row_digest(row)


def read_release(archive: zipfile.ZipFile) -> dict[str, dict[tuple[str, ...], bytes]]:
    """Every table of a release's zip: {table: {primary key: digest}} (changes.csv left out)."""
    descriptor = json.loads(archive.read("datapackage.json"))
    tables = {}
    for resource in descriptor["resources"]:
        if resource["name"] == NAME:
            continue
        with archive.open(resource["path"]) as stream:
            reader = csv.reader(io.TextIOWrapper(stream, encoding="utf-8", newline=""))
            header = next(reader)
            digests = RowDigests(header, resource["schema"]["primaryKey"])
            for row in reader:
                digests.add(row)
        tables[resource["name"]] = digests.rows
    return tables


@dataclass(frozen=True)
class TableChange:
    table: str
    rows: int
    added: int
    changed: int
    removed: int

    def as_row(self) -> list[str]:
        return [self.table, str(self.rows), str(self.added), str(self.changed), str(self.removed)]


def compare(
    current: dict[str, dict[tuple[str, ...], bytes]],
    previous: dict[str, dict[tuple[str, ...], bytes]] | None,
) -> list[TableChange]:
    """Per table of `current` (in its order): rows added, changed and removed since `previous`
    (None: no release before, so every row is added)."""
    changes = []
    for table, rows in current.items():
        before = (previous or {}).get(table, {})
        added = sum(1 for key in rows if key not in before)
        changed = sum(1 for key, digest in rows.items() if key in before and before[key] != digest)
        removed = sum(1 for key in before if key not in rows)
        changes.append(TableChange(table, len(rows), added, changed, removed))
    return changes


def write_changes(stream, changes: list[TableChange]) -> None:
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow([name for name, _type, _description in COLUMNS])
    for change in changes:
        writer.writerow(change.as_row())
    text.flush()
    text.detach()


def resource(previous_version: str, size: int, sha256: str) -> dict:
    since = (
        f"since version {previous_version}"
        if previous_version
        else "(the first release: all added)"
    )
    return {
        "name": NAME,
        "title": TITLE,
        "description": f"Rows added, changed and removed in each table {since}.",
        "path": PATH,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": size,
        "hash": f"sha256:{sha256}",
        "schema": {
            "fields": [
                {"name": name, "type": kind, "description": description}
                | ({"constraints": {"minimum": 0}} if kind == "integer" else {})
                for name, kind, description in COLUMNS
            ],
            "primaryKey": ["table"],
            "missingValues": [""],
        },
    }
