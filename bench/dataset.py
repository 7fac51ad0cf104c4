"""Time and peak memory of exporting the data release (issue 13), small and large.

    .venv/bin/python bench/dataset.py [--plans 100] [--indicators 100]

Uses its own SQLite database (BENCH_DATABASE_URL to choose another, e.g. a PostgreSQL one),
migrated and loaded once with fixtures/*.yaml and `generate_synthetic_plans --plans N
--indicators M` (reused on later runs). Synthetic plans are never in the public release, so the
large run uses the option only this benchmark needs, `export_dataset --include-synthetic`.

Each export runs `write_release()` in a fresh process of its own and prints the seconds it took
(Django already imported) over the public data, then over the first 25, 50 and all plans with
the synthetic ones, the rows written, the zip's size, the process's peak resident memory
(getrusage, Django included) and the peak of Python allocations during the export (tracemalloc,
in a second run since it slows the first). The aim: the peaks do not grow with the data.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_DATABASE = "sqlite:////tmp/napwatch-bench-dataset.sqlite3"


def environment() -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "napwatch-bench-only-" + "x" * 40,
        "NAPWATCH_ENV_FILE": os.devnull,
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE),
    }


def child(include_synthetic: bool, trace: bool, limit: int | None) -> None:
    os.environ.update(environment())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "napwatch.settings")
    import django

    django.setup()
    from opendata.package import write_release
    from opendata.tables import Scope

    scope = Scope.public(include_synthetic=include_synthetic)
    if limit:  # the first `limit` plans only: the same export over less data
        scope.plans = scope.plans.filter(pk__in=scope.plans.order_by("pk").values("pk")[:limit])
    with tempfile.TemporaryDirectory() as folder:
        if trace:
            tracemalloc.start()
        started = time.perf_counter()
        facts = write_release(Path(folder) / "release.zip", scope)
        seconds = time.perf_counter() - started
        python_peak = tracemalloc.get_traced_memory()[1] if trace else None
    print(
        json.dumps(
            {
                "seconds": seconds,
                "rows": sum(table.rows for table in facts.tables),
                "indicators": next(t.rows for t in facts.tables if t.name == "indicators"),
                "plans": next(t.rows for t in facts.tables if t.name == "plans"),
                "zip_bytes": facts.size,
                "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "python_peak_mb": python_peak / 2**20 if python_peak is not None else None,
            }
        )
    )


def run_child(include_synthetic: bool, trace: bool, limit: int | None = None) -> dict:
    command = [sys.executable, __file__, "--child", *(["--synthetic"] if include_synthetic else [])]
    if limit:
        command += ["--limit", str(limit)]
    if trace:
        command.append("--trace")
    out = subprocess.run(command, env=environment(), check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def manage(*args: str) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=environment(),
        check=True,
        stdout=subprocess.DEVNULL,
    )


def prepare(plans: int, indicators: int) -> None:
    manage("migrate", "--verbosity", "0")
    manage("load_plan", *sorted(str(p) for p in (ROOT / "fixtures").glob("*.yaml")))
    started = time.perf_counter()
    manage("generate_synthetic_plans", "--plans", str(plans), "--indicators", str(indicators))
    print(f"(data ready in {time.perf_counter() - started:.0f} s)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--plans", type=int, default=100)
    parser.add_argument("--indicators", type=int, default=100)
    parser.add_argument("--child", action="store_true")
    parser.add_argument("--synthetic", action="store_true")
    parser.add_argument("--trace", action="store_true")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--skip-prepare", action="store_true")
    options = parser.parse_args()
    if options.child:
        child(options.synthetic, options.trace, options.limit)
        return
    if not options.skip_prepare:
        prepare(options.plans, options.indicators)
    print("| release | plans | indicators | rows | zip | time | peak RSS | Python peak |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    runs = [
        ("public (the real plans)", False, None),
        ("the first 25 plans, synthetic included", True, 25),
        ("the first 50 plans, synthetic included", True, 50),
        ("every plan, synthetic included", True, None),
    ]
    for label, synthetic, limit in runs:
        timed = run_child(synthetic, trace=False, limit=limit)
        traced = run_child(synthetic, trace=True, limit=limit)
        print(
            f"| {label} | {timed['plans']} | {timed['indicators']:,} | {timed['rows']:,} | "
            f"{timed['zip_bytes'] / 2**20:.1f} MB | {timed['seconds']:.2f} s | "
            f"{timed['peak_rss_mb']:.0f} MB | {traced['python_peak_mb']:.1f} MB |"
        )


if __name__ == "__main__":
    main()
