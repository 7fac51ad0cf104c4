"""The loader refuses every hostile or careless file quickly, naming the exact place, with the
database untouched, and never with a traceback (bench/hostile_plans.py prints the same figures
with peak memory).

The files that would cost minutes and gigabytes if their guard regressed (an alias bomb, deep
nesting, huge files: `Hostile.hungry`) are loaded only in a child process held to MEMORY_LIMIT of
address space and TIME_LIMIT seconds, so that a regression fails here as an assertion rather than
as a test process killed for memory."""

import os
import re
import resource
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.plans.hostile_files import HOSTILE, Hostile
from tests.plans.loading import snapshot

pytestmark = pytest.mark.django_db


def refusal(path, **options) -> tuple[str, int, float]:
    """(what the command printed on stderr, its exit status, seconds it took)."""
    err = StringIO()
    started = time.perf_counter()
    with pytest.raises(CommandError, match="nothing was written") as refused:
        call_command("load_plan", str(path), stdout=StringIO(), stderr=err, **options)
    seconds = time.perf_counter() - started
    return err.getvalue(), refused.value.returncode, seconds


ROOT = Path(__file__).resolve().parent.parent.parent
MEMORY_LIMIT = 1536 * 2**20  # address space: Django and the loader take about 600 MB of it
TIME_LIMIT = 60  # seconds, start-up included (a refusal itself takes well under 2 s)
TAME = [hostile for hostile in HOSTILE if not hostile.hungry]
HUNGRY = [hostile for hostile in HOSTILE if hostile.hungry]


def _limit_memory() -> None:  # pragma: no cover - runs in the child, before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def bounded_refusal(path: Path, work: Path) -> tuple[str, int, float]:
    """(stderr, exit status, seconds) of `manage.py load_plan path` in a child process held to
    MEMORY_LIMIT and TIME_LIMIT, on a SQLite database that is never migrated: a refusal needs
    no database, and a load that got as far as writing would fail on the missing tables."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{work / 'never-migrated.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "napwatch.settings",
        "NAPWATCH_ENV_FILE": os.devnull,
    }
    started = time.perf_counter()
    try:
        done = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
            [sys.executable, "manage.py", "load_plan", str(path)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=TIME_LIMIT,
            preexec_fn=_limit_memory,  # noqa: PLW1509 - no threads are started before it
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{path.name}: not refused within {TIME_LIMIT} s")
    return done.stderr, done.returncode, time.perf_counter() - started


@pytest.mark.parametrize("hostile", HUNGRY, ids=[hostile.name for hostile in HUNGRY])
def test_it_refuses_a_hungry_file_within_bounded_memory_and_time(tmp_path, hostile: Hostile):
    path = hostile.write(tmp_path)
    expected = hostile.expected.format(file=re.escape(str(path)))

    message, status, seconds = bounded_refusal(path, tmp_path)
    print(f"{hostile.name}: refused in {seconds:.3f} s (process start-up included)")

    assert "MemoryError" not in message, f"{hostile.name} ran out of {MEMORY_LIMIT:,} bytes"
    assert re.search(expected, message), message
    assert status == 2, message


@pytest.mark.parametrize("hostile", TAME, ids=[hostile.name for hostile in TAME])
def test_it_refuses_a_hostile_file_quickly_naming_the_place_and_writes_nothing(
    tmp_path, minimal_plan, hostile
):
    path = hostile.write(tmp_path)
    expected = hostile.expected.format(file=re.escape(str(path)))
    before = snapshot()

    message, status, seconds = refusal(path)
    print(f"{hostile.name}: refused in {seconds:.3f} s")

    assert re.search(expected, message), message
    assert status == 2
    assert snapshot() == before
    assert seconds < 2, f"{hostile.name} took {seconds:.1f} s to refuse"

    checked, status, _seconds = refusal(path, check=True)
    assert re.search(expected, checked), checked
    assert status == 2
