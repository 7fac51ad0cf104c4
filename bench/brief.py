"""Cold and warm generation time and peak memory of the PDF brief, for Mexico and larger plans.

    .venv/bin/python bench/brief.py                    # 3 cold and 20 warm runs of each
    .venv/bin/python bench/brief.py --cold 1 --sizes 10  # quicker

Runs on a throw-away SQLite database and brief cache in a temporary folder, loads fixtures/ and
synthetic plans with 10 and 20 times Mexico's indicators (--sizes), and requests
/en/plans/<slug>/brief.pdf through Django's test client, as a browser would: "cold" with an empty
cache, "warm" from the cache. The synthetic plans' cost per page shows whether rendering grows
linearly with the document."""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def configure() -> None:
    """A throw-away database and brief cache, and Django. Not at import time: multiprocessing
    re-imports this script (as __mp_main__) in every rendering child, and a Django set-up there
    would add some 0.3 s and a stray temporary folder to each cold render, which the server's
    children (under gunicorn or manage.py) never pay."""
    work = Path(tempfile.mkdtemp(prefix="napwatch-bench-brief-"))
    os.environ.update(
        DEBUG="false",
        SECRET_KEY="napwatch-bench-only-" + "x" * 40,
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=f"sqlite:///{work / 'bench.sqlite3'}",
        NAPWATCH_BRIEF_CACHE_DIR=str(work / "cache"),
        NAPWATCH_BRIEF_TIMEOUT=os.environ.get("NAPWATCH_BRIEF_TIMEOUT", "600"),
        DJANGO_SETTINGS_MODULE="napwatch.settings",
    )
    import django

    django.setup()


def setup(multiples: list[int]) -> list:
    from django.core.management import call_command

    from planfiles.services import load_plan_documents
    from planfiles.synthetic import synthetic_plan_file
    from plans.models import Plan

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    call_command(
        "load_plan", *sorted(str(p) for p in (ROOT / "fixtures").glob("*.yaml")), verbosity=0
    )
    mexico = Plan.objects.get(slug="mexico-2021")
    plans = [mexico]
    for number, multiple in enumerate(multiples, start=1):
        # As generate_synthetic_plans makes them, each of its own size.
        document = synthetic_plan_file(number, indicators=multiple * mexico.indicators.count())
        load_plan_documents(documents=[(f"synthetic-{number}", document)])
        plans.append(Plan.objects.get(slug=f"synthetic-{number}"))
    return plans


def measure(plan, cold_runs: int, warm_runs: int) -> dict:
    from django.core.cache import caches
    from django.test import Client

    from briefs import services
    from briefs.content import find_plan
    from briefs.options import BriefOptions

    client = Client()
    url = f"/en/plans/{plan.slug}/brief.pdf"
    cold, cold_cpu, peaks = [], [], []
    for _ in range(cold_runs):
        caches["briefs"].clear()
        started, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        cold.append(time.perf_counter() - started)
        assert response.status_code == 200 and response["X-Brief-Cache"] == "miss", response
        # The render child's CPU time is kept with the PDF it made: add it to this process's.
        rendered = services.cached_brief(services.brief_key(find_plan(plan.slug), BriefOptions()))
        cold_cpu.append(time.process_time() - cpu + rendered.cpu_seconds)
    peaks.append(rendered.peak_rss_kib)
    warm, warm_cpu = [], []
    for _ in range(warm_runs):
        started, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        warm.append(time.perf_counter() - started)
        warm_cpu.append(time.process_time() - cpu)
        assert response["X-Brief-Cache"] == "hit"
    started = time.perf_counter()
    etag = response["ETag"]
    not_modified = client.get(url, HTTP_IF_NONE_MATCH=etag)
    conditional = time.perf_counter() - started
    assert not_modified.status_code == 304
    return {
        "plan": plan.slug,
        "indicators": plan.indicators.count(),
        "pages": rendered.pages,
        "kib": len(rendered.pdf) // 1024,
        "cold_median": statistics.median(cold),
        "cold_min": min(cold),
        "per_page_ms": 1000 * statistics.median(cold) / rendered.pages,
        "warm_median_ms": 1000 * statistics.median(warm),
        "warm_p95_ms": 1000 * sorted(warm)[max(0, int(len(warm) * 0.95) - 1)],
        "conditional_ms": 1000 * conditional,
        "child_peak_mib": max(peaks) / 1024,
        "cold_cpu": statistics.median(cold_cpu),
        "warm_cpu_ms": 1000 * statistics.median(warm_cpu),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cold", type=int, default=3)
    parser.add_argument("--warm", type=int, default=20)
    parser.add_argument(
        "--sizes",
        default="10,20",
        help="synthetic plans to measure, as multiples of Mexico's indicators (default 10,20)",
    )
    args = parser.parse_args()
    multiples = [int(m) for m in args.sizes.split(",") if m.strip()]
    configure()
    from briefs.content import WEASYPRINT_VERSION

    plans = setup(multiples)
    print(
        f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; WeasyPrint {WEASYPRINT_VERSION}"
    )
    header = (
        f"{'plan':<14}{'indicators':>11}{'pages':>7}{'KiB':>6}{'cold s (median/min)':>22}"
        f"{'ms/page':>9}{'warm ms (median/p95)':>23}{'304 ms':>8}{'render peak MiB':>17}"
    )
    print(header)
    results = []
    for plan in plans:
        r = measure(plan, args.cold, args.warm)
        print(
            f"{r['plan']:<14}{r['indicators']:>11}{r['pages']:>7}{r['kib']:>6}"
            f"{r['cold_median']:>14.2f} / {r['cold_min']:<5.2f}{r['per_page_ms']:>9.0f}"
            f"{r['warm_median_ms']:>15.1f} / {r['warm_p95_ms']:<6.1f}{r['conditional_ms']:>8.1f}{r['child_peak_mib']:>17.0f}"
        )
        print(
            f"{'':<14}CPU time used: cold {r['cold_cpu']:.2f} s "
            f"({1000 * r['cold_cpu'] / r['pages']:.0f} ms/page), warm {r['warm_cpu_ms']:.1f} ms"
        )
        results.append(r)
    synthetic = results[1:]
    if len(synthetic) >= 2:
        # Synthetic plans have pages of the same make-up, so their cost per page shows how
        # rendering grows with the document: the same figure at every size is linear.
        print(
            "linearity (synthetic plans, CPU ms per page): "
            + ", ".join(
                f"{r['pages']} pages {1000 * r['cold_cpu'] / r['pages']:.0f}" for r in synthetic
            )
        )
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"web process peak RSS {parent:.0f} MiB (reads the data, renders the HTML, serves the cache)"
    )


if __name__ == "__main__":
    main()
