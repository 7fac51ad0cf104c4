"""The compare page (issue 12 "Speed"): 6 plans of 100 indicators side by side, made afresh and
from the page cache, next to a static file of similar size.

    .venv/bin/python bench/compare.py   # BENCH_REQUESTS=100; BENCH_DATABASE_URL=… (default: SQLite)

Self-contained (it needs neither wrk nor the bench cluster): a database of its own (a fresh SQLite
file in bench/out/, or BENCH_DATABASE_URL for PostgreSQL) is loaded with the rubric, the real plan
files and six synthetic plans of 100 indicators, each with a published assessment of every judged
criterion (two pieces of evidence each). Then gunicorn with production settings (bench/common.py)
serves it twice, as bench/latency.py does: with the page cache off (made afresh: what the first
reader after an edit waits for) and on (from the cache, as readers get it), and each page is asked
BENCH_REQUESTS times, one request after another on one kept-alive connection, next to the
collected static file nearest in size. Aim: from the cache within 3x the static file.
"""

import http.client
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "100"))
DATABASE = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{OUT / 'compare.sqlite3'}")


def setup() -> None:
    OUT.mkdir(exist_ok=True)
    if DATABASE.startswith("sqlite:///") and "BENCH_KEEP" not in os.environ:
        Path(DATABASE.removeprefix("sqlite:///")).unlink(missing_ok=True)
    os.environ.update(
        DATABASE_URL=DATABASE,
        DEBUG="false",
        SECRET_KEY="bench-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        NAPWATCH_ENV_FILE="/dev/null",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="napwatch.settings",
    )
    import django

    django.setup()


def load() -> list[str]:
    from django.core.management import call_command

    from planfiles.rubric import load_rubric_files
    from planfiles.services import load_plan_documents, load_plan_files
    from planfiles.synthetic import synthetic_plan_file
    from plans.models import Plan, Source
    from scorecards.models import Assessment, Criterion, Evidence

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    load_rubric_files(paths=sorted((ROOT / "fixtures" / "rubrics").glob("*.yaml")))
    load_plan_files(paths=sorted((ROOT / "fixtures").glob("*.yaml")))
    slugs = []
    judged = list(Criterion.objects.filter(kind=Criterion.Kind.JUDGED))
    source = Source.objects.first()
    for number in range(1, 7):
        slug = f"synthetic-{number}"
        if not Plan.objects.filter(slug=slug).exists():
            load_plan_documents(documents=[(slug, synthetic_plan_file(number, indicators=100))])
        plan = Plan.objects.get(slug=slug)
        indicator = plan.indicators.first()
        for criterion in judged:
            assessment, _ = Assessment.objects.get_or_create(
                plan=plan,
                criterion=criterion,
                defaults={
                    "level": criterion.scale[number % len(criterion.scale)],
                    "confidence": "inferred",
                    "rationale_en": f"Synthetic answer **{number}** for {criterion.key}.",
                    "status": Assessment.Status.PUBLISHED,
                },
            )
            if not assessment.evidence.exists():
                Evidence.objects.create(assessment=assessment, order=1, indicator=indicator)
                Evidence.objects.create(
                    assessment=assessment, order=2, source=source, locator="p. 1"
                )
        slugs.append(slug)
    return slugs


def timed(path: str) -> tuple[list[float], int]:
    """Milliseconds of each of REQUESTS sequential requests on one kept-alive connection."""
    from common import HOST, PORT

    connection = http.client.HTTPConnection(HOST, PORT, timeout=60)
    times, size = [], 0
    for _ in range(REQUESTS + 3):  # the first three warm the worker
        start = time.perf_counter()
        connection.request("GET", path, headers={"X-Forwarded-Proto": "https"})
        response = connection.getresponse()
        body = response.read()
        times.append((time.perf_counter() - start) * 1000)
        assert response.status == 200, (path, response.status)
        size = len(body)
    connection.close()
    return times[3:], size


def figures(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[max(int(len(ordered) * 0.95) - 1, 0)]


def main() -> None:
    setup()
    from django.db import connection

    slugs = load()
    vendor = connection.vendor
    connection.close()
    from common import gunicorn, load_average, nearest_static_file

    page = f"/en/compare/?plans={','.join(slugs)}"
    pages = {
        "compare, 6 plans x 100 indicators": page,
        "compare as CSV": page + "&format=csv",
        "scorecard of one of them": f"/en/plans/{slugs[0]}/scorecard/",
    }
    print(f"database: {vendor}; {REQUESTS} sequential requests per row; load {load_average()}")
    server = {"DATABASE_URL": DATABASE, "NAPWATCH_PAGE_CACHE_DIR": str(OUT / "page-cache")}
    with gunicorn(log_name="compare-afresh", NAPWATCH_PAGE_CACHE="false", **server):
        afresh = {name: timed(path) for name, path in pages.items()}
    with gunicorn(log_name="compare", **server):
        cached = {name: timed(path) for name, path in pages.items()}
        static_path, _size = nearest_static_file(afresh[next(iter(pages))][1])
        static, static_size = timed(static_path)
    s50, s95 = figures(static)
    print(
        "\n| page | bytes | made afresh: median ms | p95 ms | from the cache: median ms | p95 ms "
        "| cached median / static |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name in pages:
        (a50, a95), (c50, c95) = figures(afresh[name][0]), figures(cached[name][0])
        print(
            f"| {name} | {afresh[name][1]} | {a50:.1f} | {a95:.1f} | {c50:.1f} | {c95:.1f} "
            f"| {c50 / s50:.1f}x |"
        )
    print(f"| static file `{static_path}` | {static_size} | | | {s50:.1f} | {s95:.1f} | 1.0x |")


if __name__ == "__main__":
    main()
