"""Backup round trip (issue 6): pg_dump, restore into an empty database, same site.

    .venv/bin/python bench/backup.py

Dumps the benchmark database (custom format, as docs/deploying.md advises), restores it into a
new empty database, then serves both with the production server in turn and compares: the row
count of every napwatch table, and the HTML of the plan list, every real plan's overview and
pillar pages, and a sample of synthetic plans. Exits non-zero on any difference.
"""

import hashlib
import subprocess
import sys

from common import DB, OUT, PG_PORT, get, gunicorn, prepare

RESTORED = f"{DB}_restored"
PG = ["-h", "127.0.0.1", "-p", PG_PORT, "-U", "postgres"]


def psql(db: str, sql: str) -> str:
    return subprocess.run(
        ["psql", *PG, "-d", db, "-tAc", sql], capture_output=True, text=True, check=True
    ).stdout.strip()


def table_counts(db: str) -> dict[str, int]:
    tables = psql(
        db,
        "select tablename from pg_tables where schemaname='public' and "
        "(tablename like 'plans_%' or tablename like 'indicators_%' or "
        "tablename like 'critiques_%' or tablename like 'auth_user%') order by 1",
    ).split()
    return {table: int(psql(db, f'select count(*) from "{table}"')) for table in tables}


def pages_to_compare(db: str) -> list[str]:
    rows = psql(
        db,
        "select p.slug || ' ' || coalesce(string_agg(pl.slug, ' '), '') from plans_plan p "
        "left join plans_pillar pl on pl.plan_id = p.id where p.slug not like 'synthetic-%' "
        "or p.slug in ('synthetic-1', 'synthetic-37', 'synthetic-100') group by p.slug order by 1",
    ).splitlines()
    paths = ["/en/"]
    for row in rows:
        slug, *pillars = row.split()
        paths.append(f"/en/plans/{slug}/")
        paths += [f"/en/plans/{slug}/pillars/{pillar}/" for pillar in pillars]
    return paths


def page_digests(db: str, paths: list[str]) -> dict[str, str]:
    digests = {}
    with gunicorn(db=db, log_name=f"backup-{db}"):
        for path in paths:
            status, body = get(path, timeout=60)
            digests[path] = f"{status} {hashlib.sha256(body).hexdigest()[:16]} {len(body)}"
    return digests


def main() -> int:
    prepare()
    OUT.mkdir(exist_ok=True)
    dump = OUT / f"{DB}.dump"
    subprocess.run(["pg_dump", *PG, "-Fc", "--no-owner", "-f", str(dump), DB], check=True)
    print(f"pg_dump -Fc {DB}: {dump.stat().st_size / 1e6:.1f} MB")
    subprocess.run(["dropdb", *PG, "--if-exists", RESTORED], check=True)
    subprocess.run(["createdb", *PG, RESTORED], check=True)
    subprocess.run(["pg_restore", *PG, "--no-owner", "-d", RESTORED, str(dump)], check=True)
    print(f"pg_restore into the new empty database {RESTORED}")

    before, after = table_counts(DB), table_counts(RESTORED)
    print(
        f"\n{len(before)} tables compared; rows: "
        + ", ".join(f"{t.split('_', 1)[1]} {n}" for t, n in before.items() if n)
    )
    differences = [
        f"{t}: {before[t]} vs {after.get(t)}" for t in before if before[t] != after.get(t)
    ]

    paths = pages_to_compare(DB)
    original, restored = page_digests(DB, paths), page_digests(RESTORED, paths)
    print(f"{len(paths)} pages compared (status, sha256 of the HTML, bytes)")
    differences += [
        f"{p}: {original[p]} vs {restored[p]}" for p in paths if original[p] != restored[p]
    ]
    not_ok = [p for p in paths if not original[p].startswith("200 ")]
    differences += [f"{p} answered {original[p]}" for p in not_ok]

    subprocess.run(["dropdb", *PG, RESTORED], check=True)
    if differences:
        print("\nFAILED:\n  " + "\n  ".join(differences))
        return 1
    print("\nOK: the restored database holds the same rows and serves the same pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
