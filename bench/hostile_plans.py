"""Time and peak memory of `load_plan` refusing each hostile plan file.

    .venv/bin/python bench/hostile_plans.py

The files are those tests/plans/test_hostile_files.py refuses (tests/plans/hostile_files.py makes
them in a temporary folder). Each is loaded by `load_plan` in a fresh process of its own, on a
throw-away SQLite database that is never migrated (a refusal must not need one), so that each
peak is that file's alone. Printed per file: the seconds the command took (once Django and the
loader are imported, as they are for every file), the process's peak
resident memory (getrusage) and how much of it the refusal added to Django's own, and the peak
of Python allocations during the refusal (tracemalloc, measured in a second run, as it slows
the first). Mexico's real file, checked with --check, is the yardstick. The aim: under 1 s and
200 MB each.
"""

from __future__ import annotations

import atexit
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def child(path: str, check: bool) -> None:
    """In the child process: load one file, print one JSON line of figures."""
    work = Path(tempfile.mkdtemp(prefix="napwatch-bench-hostile-"))
    atexit.register(shutil.rmtree, work, ignore_errors=True)
    os.environ.update(
        DEBUG="false",
        SECRET_KEY="napwatch-bench-only-" + "x" * 40,
        ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"sqlite:///{work / 'never-migrated.sqlite3'}",
        DJANGO_SETTINGS_MODULE="napwatch.settings",
        LOG_LEVEL="WARNING",
    )
    import django

    django.setup()
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    def run() -> tuple[str, int]:
        err = StringIO()
        options = {"check": True} if check else {}
        try:
            call_command("load_plan", path, stdout=StringIO(), stderr=err, **options)
        except CommandError as exc:
            return (err.getvalue().splitlines() or [str(exc)])[0], exc.returncode
        return "accepted", 0

    # The loader's own start-up (its modules, the schema pydantic builds) is the same for every
    # file, valid or not: paid here, before the clock starts.
    import planfiles.management.commands.load_plan  # noqa: F401

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    message, status = run()
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    run()
    _current, traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    figures = {
        "seconds": seconds,
        "peak_mb": peak / 1024,
        "added_mb": (peak - before) / 1024,
        "traced_mb": traced / 2**20,
        "status": status,
        "message": message.replace(path, Path(path).name),
    }
    print(json.dumps(figures))


def main() -> None:
    from tests.plans.hostile_files import HOSTILE

    folder = Path(tempfile.mkdtemp(prefix="napwatch-hostile-files-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    runs = [(hostile.name, hostile.what, str(hostile.write(folder)), False) for hostile in HOSTILE]
    mexico = str(ROOT / "fixtures" / "mexico-2021.yaml")
    runs.append(("mexico-2021", "yardstick: Mexico's real file, --check (valid)", mexico, True))
    print("| file | what | size | refused in | peak memory | added by it | Python peak | exit |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    worst = {"seconds": 0.0, "peak_mb": 0.0}
    messages = []
    for name, what, path, check in runs:
        size = Path(path).stat().st_size
        command = [sys.executable, __file__, "--child", path] + (["--check"] if check else [])
        result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=600)
        if not check:
            os.remove(path)
        if result.returncode != 0:
            print(f"| {name} | child failed: {result.stderr.strip().splitlines()[-1]} |")
            continue
        figures = json.loads(result.stdout.strip().splitlines()[-1])
        if not check:
            worst = {key: max(worst[key], figures[key]) for key in worst}
        shown_size = f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size:,} B"
        print(
            f"| {name} | {what} | {shown_size} | {figures['seconds']:.3f} s "
            f"| {figures['peak_mb']:.0f} MB | {figures['added_mb']:.0f} MB "
            f"| {figures['traced_mb']:.1f} MB | {figures['status']} |"
        )
        messages.append(f"{name}: {figures['message']}")
    print("\nWhat each was told (the first line):")
    for message in messages:
        print(f"  {message}")
    print(
        f"\nSlowest refusal {worst['seconds']:.3f} s, highest peak {worst['peak_mb']:.0f} MB "
        "(the whole process, Django included); the aim is under 1 s and 200 MB each."
    )


if __name__ == "__main__":
    if "--child" in sys.argv:
        child(sys.argv[sys.argv.index("--child") + 1], check="--check" in sys.argv)
    else:
        main()
