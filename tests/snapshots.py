"""Loaded plan data, kept once per test run and put back in each test by plain INSERTs.

Loading Mexico's plan with its companions through the real loader costs about two seconds and
2,400 queries, and nearly 300 tests ask for it (and 500 for the minimal plan). The first test that
asks for a set of files loads them through the real loader, exactly as before. The rows that load
added are then read back, table by table; every later test that asks for the same files gets those
rows again, primary keys included, with one INSERT per table.

What the loader itself does is tested by the tests that call it (tests/plans, tests/planfiles).
When the rows cannot go back as they were — a row with the same key is already there, or a row
they point to is missing (a transactional test's flush made the content types anew, say) — the
files are loaded through the loader again, so a test never sees less than a real load gives it.
Transactional tests (live servers, the task worker) always load through the loader: they commit,
and what a load's commit sets off is part of what they check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.core.management.color import no_style
from django.db import DatabaseError, connection, transaction


@dataclass(frozen=True)
class Table:
    model: type
    name: str
    columns: tuple[str, ...]
    primary_key: str


@dataclass
class Snapshot:
    rows: dict[Table, list[tuple]]
    # Rows outside the snapshot that its rows point to: (table, column) -> the values.
    outside: dict[tuple[str, str], set]


_snapshots: dict[str, Snapshot] = {}


def tables() -> list[Table]:
    found: dict[str, Table] = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table in found:
            continue
        found[meta.db_table] = Table(
            model=model,
            name=meta.db_table,
            columns=tuple(field.column for field in meta.local_concrete_fields),
            primary_key=meta.pk.column,
        )
    return list(found.values())


def _quoted(name: str) -> str:
    return connection.ops.quote_name(name)


def _keys(table: Table) -> set:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {_quoted(table.primary_key)} FROM {_quoted(table.name)}")
        return {row[0] for row in cursor.fetchall()}


def _rows(table: Table) -> list[tuple]:
    columns = ", ".join(_quoted(column) for column in table.columns)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {_quoted(table.name)}")
        return cursor.fetchall()


def take(load: Callable[[], None]) -> Snapshot:
    """Runs `load` and keeps the rows it added."""
    everything = tables()
    before = {table: _keys(table) for table in everything}
    load()
    snapshot = Snapshot(rows={}, outside={})
    for table in everything:
        key = table.columns.index(table.primary_key)
        added = [row for row in _rows(table) if row[key] not in before[table]]
        if added:
            snapshot.rows[table] = added
    kept = {
        (table.name, table.primary_key): {
            row[table.columns.index(table.primary_key)] for row in rows
        }
        for table, rows in snapshot.rows.items()
    }
    for table, rows in snapshot.rows.items():
        for field in table.model._meta.local_concrete_fields:
            if not field.remote_field or not field.db_constraint:
                continue
            target = (field.related_model._meta.db_table, field.target_field.column)
            index = table.columns.index(field.column)
            values = {row[index] for row in rows if row[index] is not None}
            values -= kept.get(target, set())
            if values:
                snapshot.outside.setdefault(target, set()).update(values)
    return snapshot


def _all_there(outside: dict[tuple[str, str], set]) -> bool:
    with connection.cursor() as cursor:
        for (table, column), values in outside.items():
            marks = ", ".join(["%s"] * len(values))
            cursor.execute(
                f"SELECT COUNT(*) FROM {_quoted(table)} WHERE {_quoted(column)} IN ({marks})",
                list(values),
            )
            if cursor.fetchone()[0] != len(values):
                return False
    return True


def _insert(table: Table, rows: list[tuple]) -> None:
    columns = ", ".join(_quoted(column) for column in table.columns)
    sql = f"INSERT INTO {_quoted(table.name)} ({columns}) VALUES "
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            from psycopg2.extras import Json, execute_values

            # psycopg2 reads jsonb as Python lists and dicts; they go back as JSON.
            adapted = [
                tuple(Json(value) if isinstance(value, dict | list) else value for value in row)
                for row in rows
            ]
            execute_values(cursor.cursor, sql + "%s", adapted, page_size=500)
        else:
            marks = "(" + ", ".join(["%s"] * len(table.columns)) + ")"
            cursor.executemany(sql + marks, rows)


def restore(snapshot: Snapshot) -> None:
    """Puts the snapshot's rows back; raises DatabaseError, having written nothing, if they
    cannot go back as they were."""
    if not _all_there(snapshot.outside):
        raise DatabaseError("a row the snapshot points to is not in the database")
    with transaction.atomic():
        for table, rows in snapshot.rows.items():
            _insert(table, rows)
        models = [table.model for table in snapshot.rows]
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)


def loaded(name: str, load: Callable[[], None]) -> None:
    """The data `load` writes, in this test's database: by `load` the first time in a run, and
    afterwards from what that first load wrote."""
    if not connection.in_atomic_block:
        # A transactional test commits for real, and what a load's commit sets off (the pages
        # and briefs it queues for rendering) is part of what such a test checks.
        load()
        return
    snapshot = _snapshots.get(name)
    if snapshot is not None and _restored(snapshot):
        return
    _snapshots[name] = take(load)


def _restored(snapshot: Snapshot) -> bool:
    """Whether the snapshot's rows went back (else nothing was written, and the caller loads)."""
    try:
        restore(snapshot)
    except DatabaseError:
        return False
    return True
