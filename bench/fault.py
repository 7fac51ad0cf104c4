"""Fault (issue 6): PostgreSQL is killed and restarted under load; the app answers 503 while it
is down (never a 500, never a hang), recovers by itself, and no saved work is lost.

    .venv/bin/python bench/fault.py

Uses ONLY the throwaway cluster on port 5433 (bench/cluster.sh), never the machine's 5432.
Timeline: load on the pages from 8 client threads; an editor's critique is saved (and
committed) under that load; 2 s later PostgreSQL stops with `-m immediate` (as in a crash: no
clean shutdown); 10 s later it is started again (crash recovery); load goes on for 15 s after it
accepts connections. Prints what clients saw in each phase, the
slowest response (hang check), the seconds from the database being back to the first 200, and
whether the saved critique is still there. Exits non-zero on any 500, hang or lost write.
"""

import json
import os
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter

from common import BENCH, PYTHON, ROOT, available_pages, get, gunicorn, prepare, server_env

WARM_UP, DOWN_FOR, AFTER = 5.0, 10.0, 15.0
THREADS = 8
# connect_timeout is 3 s: a 503 slower than this is a hang. A 200 may be slow on a loaded
# machine (that is latency, measured by latency.py), but not beyond gunicorn's 30 s timeout.
HANG_SECONDS = 8.0
SLOW_PAGE_SECONDS = 30.0

SAVE = """
import sys
from critiques.models import Critique
from plans.models import Plan
plan = Plan.objects.get(slug="synthetic-1")
c = Critique.objects.create(plan=plan, key=sys.argv[1], title="Editor's note saved under load",
    target_plan=plan, category=Critique._meta.get_field("category").choices[0][0],
    body="Saved by bench/fault.py just before PostgreSQL was killed.")
print(c.pk)
"""
CHECK = """
import sys
from critiques.models import Critique
found = Critique.objects.filter(key=sys.argv[1])
print(found.count())
found.delete()  # leave the benchmark data set as it was
"""


def django_run(code: str, *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "-c", "import django; django.setup()\n" + code, *args],
        cwd=ROOT,
        env={**server_env(), "DJANGO_SETTINGS_MODULE": "napwatch.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def cluster(action: str) -> None:
    if action == "kill":
        subprocess.run(
            [
                "pg_ctlcluster",
                "--skip-systemctl-redirect",
                "15",
                "napwatchbench",
                "stop",
                "-m",
                "immediate",
            ],
            check=True,
        )
    else:
        subprocess.run(["bash", str(BENCH / "cluster.sh"), "start"], check=True)


def main() -> int:
    prepare()
    key = f"fault-bench-{uuid.uuid4().hex[:10]}"
    samples: list[tuple[float, float, int, str]] = []  # (start, seconds, status, path)
    lock = threading.Lock()
    with gunicorn(log_name="fault"):
        pages = [p for n, p in available_pages().items() if n != "brief"] + ["/healthz"]
        t0 = time.monotonic()
        marks: dict[str, float] = {"end": 1e9}

        def client(index: int) -> None:
            i = index
            while (now := time.monotonic() - t0) < marks["end"]:
                path = pages[i % len(pages)]
                i += 1
                started = time.monotonic()
                try:
                    status, _ = get(path, timeout=30)
                except OSError as error:
                    status = -1
                    print(f"  client error on {path}: {error}")
                with lock:
                    samples.append((now, time.monotonic() - started, status, path))

        threads = [threading.Thread(target=client, args=(n,)) for n in range(THREADS)]
        for thread in threads:
            thread.start()
        time.sleep(WARM_UP)
        saved_pk = django_run(SAVE, key)
        print(f"saved critique {key} (pk {saved_pk}) at {time.monotonic() - t0:.1f} s")
        time.sleep(2)
        marks["killing"] = time.monotonic() - t0
        cluster("kill")
        marks["down"] = time.monotonic() - t0
        print(f"PostgreSQL killed (stop -m immediate) at {marks['down']:.1f} s")
        time.sleep(DOWN_FOR)
        marks["starting"] = time.monotonic() - t0
        cluster("start")
        marks["up"] = time.monotonic() - t0
        print(
            f"PostgreSQL started at {marks['starting']:.1f} s, "
            f"accepting connections (pg_isready) at {marks['up']:.1f} s"
        )
        marks["end"] = marks["up"] + AFTER
        for thread in threads:
            thread.join()

    phases = {
        "before": [s for s in samples if s[0] + s[1] < marks["killing"]],
        "down": [s for s in samples if s[0] >= marks["down"] and s[0] + s[1] < marks["starting"]],
        "restarting": [s for s in samples if marks["starting"] <= s[0] < marks["up"]],
        "after": [s for s in samples if s[0] >= marks["up"]],
    }
    print("\n| phase | requests | statuses | slowest s |")
    print("| --- | ---: | --- | ---: |")
    for name, rows in phases.items():
        statuses = dict(sorted(Counter(r[2] for r in rows).items()))
        slowest = max((r[1] for r in rows), default=0)
        print(f"| {name} | {len(rows)} | {json.dumps(statuses)} | {slowest:.2f} |")
    first_ok = min(
        (s[0] + s[1] for s in phases["restarting"] + phases["after"] if s[2] == 200), default=None
    )
    recovery = None if first_ok is None else first_ok - marks["starting"]
    after_last_error = max(
        (s[0] + s[1] for s in samples if s[0] >= marks["up"] and s[2] != 200), default=None
    )
    all_statuses = Counter(s[2] for s in samples)
    slowest = max(s[1] for s in samples)
    slowest_503 = max((s[1] for s in samples if s[2] == 503), default=0.0)
    still_there = django_run(CHECK, key) == "1"
    print(f"\nall responses: {dict(sorted(all_statuses.items()))}")
    print(f"slowest 503: {slowest_503:.2f} s (hang threshold {HANG_SECONDS} s)")
    print(f"slowest response: {slowest:.2f} s (limit {SLOW_PAGE_SECONDS} s)")
    if recovery is not None:
        print(f"first 200 after PostgreSQL was started: {recovery:.2f} s")
    if after_last_error is not None:
        print(f"last non-200 after pg_isready: {after_last_error - marks['up']:.2f} s after")
    print(f"critique saved before the crash still there: {still_there}")
    failures = []
    if any(s[2] >= 500 and s[2] != 503 for s in samples):
        failures.append("a response other than 503 in the 5xx range")
    if any(s[2] == -1 for s in samples):
        failures.append("a connection error or client timeout")
    if slowest_503 > HANG_SECONDS or slowest > SLOW_PAGE_SECONDS:
        failures.append("a hang")
    if not phases["down"] or any(s[2] not in {503} for s in phases["down"]):
        failures.append("not all responses while down were 503")
    if recovery is None or recovery > 15:
        failures.append("no recovery within 15 s of the restart")
    if any(s[2] != 200 for s in phases["after"][len(phases["after"]) // 2 :]):
        failures.append("errors still in the second half of the time after the restart")
    if not still_there:
        failures.append("the saved critique was lost")
    print("\nOK" if not failures else "\nFAILED: " + "; ".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
