"""Cold and warm generation time and peak memory of the PDF brief, for Mexico and larger plans.

    .venv/bin/python bench/brief.py                    # 3 cold and 20 warm runs of each
    .venv/bin/python bench/brief.py --cold 1 --sizes 10  # quicker
    .venv/bin/python bench/brief.py --edits 0           # without the after-an-edit figures

Runs on a throw-away SQLite database and brief cache in a temporary folder, loads fixtures/ and
synthetic plans with 10 and 20 times Mexico's indicators (--sizes), and requests
/en/plans/<slug>/brief.pdf through Django's test client, as a browser would: "cold" with an empty
cache, "warm" from the cache. The synthetic plans' cost per page shows whether rendering grows
linearly with the document. Cold and warm renders run inside the request (Django's immediate
Tasks backend), so they measure the render itself, as before renders moved to the task worker.

After an edit (--edits rounds, on Mexico): a reviewer changes a published critique through the
editorial workflow, with the real task queue and a `manage.py db_worker` process beside this
one; measured are how long the pre-render takes to put the new PDF in the cache, what a reader
then waits (a cache hit), what a reader who asks at the moment of the edit waits for the first
PDF (following the "being prepared" page's Retry-After, as its script does), and, for
comparison, what the first reader after an edit waits with pre-rendering off."""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
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
        # A long render limit for the large synthetic plans; the limits' rule wants the same of
        # the web worker timeout, which no gunicorn here enforces.
        GUNICORN_TIMEOUT=os.environ.get("GUNICORN_TIMEOUT", "3600"),
        DJANGO_SETTINGS_MODULE="napwatch.settings",
        # Cold and warm figures render inside the request; loading the plans pre-renders nothing.
        NAPWATCH_TASK_BACKEND="django.tasks.backends.immediate.ImmediateBackend",
        NAPWATCH_BRIEF_PRERENDER="false",
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


DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def start_worker():
    """`manage.py db_worker` on this benchmark's database and brief cache, as `make run` starts it."""
    env = {**os.environ, "LOG_LEVEL": "WARNING"}
    env.pop("NAPWATCH_TASK_BACKEND")
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.5", "--no-startup-delay"]
        + ["--no-reload", "-v", "0"],
        cwd=ROOT,
        env=env,
    )


def after_edits(slug: str, rounds: int) -> dict:
    """Readers' waits after an edit, with the task worker running (see the module's doc)."""
    from django.contrib.auth.models import Group, User
    from django.test import Client, override_settings

    from briefs import services
    from briefs.content import find_plan
    from briefs.options import BriefOptions
    from critiques import services as workflow
    from critiques.models import Critique
    from critiques.roles import GROUPS

    reviewer, _ = User.objects.get_or_create(username="bench-reviewer", is_staff=True)
    reviewer.groups.add(Group.objects.get(name=GROUPS["reviewer"]))
    critique = Critique.objects.published().filter(plan__slug=slug).order_by("pk").first()
    client = Client()
    url = f"/en/plans/{slug}/brief.pdf"
    edits = 0

    def edit():
        nonlocal edits
        edits += 1
        fresh = Critique.objects.get(pk=critique.pk)
        fresh.title = f"{critique.title} (edit {edits})"
        workflow.save_critique(critique=fresh, user=reviewer)  # commits, then queues the pre-render
        return time.perf_counter(), services.brief_key(find_plan(slug), BriefOptions())

    def first_pdf() -> tuple[float, list[int]]:
        """A reader asking now: seconds until the PDF, and the statuses on the way."""
        started, statuses = time.perf_counter(), []
        while True:
            response = client.get(url)
            statuses.append(response.status_code)
            if response.status_code != 202:
                assert response.status_code == 200, response
                return time.perf_counter() - started, statuses
            time.sleep(int(response["Retry-After"]))

    ready, hit_ms, at_once, at_once_statuses, off = [], [], [], [], []
    worker = start_worker()
    try:
        time.sleep(2)  # the worker's start
        with override_settings(TASKS=DATABASE_TASKS, NAPWATCH_BRIEF_PRERENDER=True):
            for _ in range(rounds):
                # The reader comes once the pre-render is done: a cache hit.
                committed, key = edit()
                while services.cached_brief(key) is None:
                    assert time.perf_counter() - committed < 120, "no pre-render"
                    time.sleep(0.02)
                ready.append(time.perf_counter() - committed)
                started = time.perf_counter()
                response = client.get(url)
                hit_ms.append(1000 * (time.perf_counter() - started))
                assert response["X-Brief-Cache"] == "hit", response
                # The reader asks at the very moment of the edit.
                edit()
                seconds, statuses = first_pdf()
                at_once.append(seconds)
                at_once_statuses.append(statuses)
                time.sleep(1)  # let the queued pre-render find its PDF made
        with override_settings(TASKS=DATABASE_TASKS, NAPWATCH_BRIEF_PRERENDER=False):
            for _ in range(rounds):
                edit()
                time.sleep(1)  # the reader comes a second later; nothing was made meanwhile
                seconds, statuses = first_pdf()
                off.append(seconds)
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    return {
        "ready": ready,
        "hit_ms": hit_ms,
        "at_once": at_once,
        "at_once_statuses": at_once_statuses,
        "off": off,
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
    parser.add_argument(
        "--edits", type=int, default=3, help="rounds of the after-an-edit figures (default 3)"
    )
    args = parser.parse_args()
    multiples = [int(m) for m in args.sizes.split(",") if m.strip()]
    configure()
    from importlib.metadata import version

    plans = setup(multiples)
    print(
        f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; WeasyPrint {version('weasyprint')}"
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
    if args.edits:
        e = after_edits("mexico-2021", args.edits)

        def seconds(values):
            return (
                f"median {statistics.median(values):.2f} s ("
                + ", ".join(f"{v:.2f}" for v in values)
                + ")"
            )

        print(f"after an edit to mexico-2021 ({args.edits} rounds, task worker running):")
        print(f"  pre-rendered PDF in the cache after the commit: {seconds(e['ready'])}")
        print(
            f"  a reader who then asks waits: median {statistics.median(e['hit_ms']):.1f} ms "
            "(X-Brief-Cache: hit every time)"
        )
        print(
            f"  a reader asking at the moment of the edit waits: {seconds(e['at_once'])}, "
            f"statuses {e['at_once_statuses']}"
        )
        print(f"  with pre-rendering off, the first reader 1 s after: {seconds(e['off'])}")


if __name__ == "__main__":
    main()
