"""How long a process that renders no PDF takes to start, and which imports cost the most.

    .venv/bin/python bench/startup.py [--runs 7] [--top 15]

Each figure is measured in fresh subprocesses (nothing cached in this one), with the development
settings (DEBUG=true, no .env read, an in-memory SQLite database):

- the wall time of `manage.py check` and `manage.py help`, commands that render nothing (the
  median and the fastest of `--runs` runs; the fastest is the machine's floor, the median what a
  busy machine gives);
- the wall time of a web worker's start: `napwatch.wsgi` imported (django.setup()) and the
  URLconf and admin loaded, as gunicorn does before the first request;
- `python -X importtime` of that web worker start: the `--top` modules whose import took longest
  (cumulative, their own imports included), and whether WeasyPrint or fontTools are among the
  modules imported at all (they take most of a second, and only a PDF render needs them:
  briefs/services.py imports the renderer where it renders; issue 21).

On a busy machine (other processes on the cores) every figure grows; compare runs made at the
same time, or on a quiet machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HEAVY = ("weasyprint", "fontTools", "pydyf")

# What a web worker does before its first request: the WSGI application (django.setup()), the
# root URLconf with every view module it imports, and the admin's URLs (every ModelAdmin).
WEB_WORKER = """
import sys
from napwatch.wsgi import application
from django.urls import get_resolver
get_resolver().url_patterns
from django.contrib import admin
admin.site.get_urls()
print(",".join(name for name in {heavy!r} if name in sys.modules) or "none")
"""


def environment() -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "napwatch.settings",
        "DEBUG": "true",
        "NAPWATCH_ENV_FILE": os.devnull,
        "DATABASE_URL": "sqlite://:memory:",
        "PYTHONDONTWRITEBYTECODE": "",
    }


def timed(command: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    result = subprocess.run(
        command, cwd=ROOT, env=environment(), capture_output=True, text=True, timeout=300
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr}")
    return seconds, result


def measure(label: str, command: list[str], runs: int) -> str:
    timed(command)  # once to warm the file cache and write the .pyc files
    times = [timed(command)[0] for _ in range(runs)]
    return (
        f"{label:<34} median {statistics.median(times):5.2f} s   fastest {min(times):5.2f} s"
        f"   ({runs} runs)"
    )


def import_times(top: int) -> tuple[list[tuple[int, int, str]], str]:
    """`-X importtime` of a web worker's start: (cumulative µs, self µs, module), slowest first,
    and the heavy modules it imported."""
    code = WEB_WORKER.format(heavy=HEAVY)
    _, result = timed([PYTHON, "-X", "importtime", "-c", code])
    rows = []
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        own, cumulative, name = (part.strip() for part in line[len("import time:") :].split("|"))
        rows.append((int(cumulative), int(own), name))
    rows.sort(reverse=True)
    return rows[:top], result.stdout.strip().splitlines()[-1]  # after any log line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each command")
    parser.add_argument("--top", type=int, default=15, help="how many imports to list")
    arguments = parser.parse_args()

    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    manage = [PYTHON, "manage.py"]
    print(measure("manage.py check", [*manage, "check"], arguments.runs))
    print(measure("manage.py help", [*manage, "help"], arguments.runs))
    worker = [PYTHON, "-c", WEB_WORKER.format(heavy=HEAVY)]
    print(measure("web worker (wsgi + URLconf + admin)", worker, arguments.runs))
    print(measure("python -c pass (the floor)", [PYTHON, "-c", "pass"], arguments.runs))

    rows, heavy = import_times(arguments.top)
    print(f"\nheavy modules imported by a web worker: {heavy} (of {', '.join(HEAVY)})")
    print(f"slowest imports of a web worker's start (-X importtime, top {arguments.top}):")
    print(f"{'cumulative':>12} {'self':>9}  module")
    for cumulative, own, name in rows:
        print(f"{cumulative / 1e6:10.3f} s {own / 1e6:7.3f} s  {name}")


if __name__ == "__main__":
    main()
