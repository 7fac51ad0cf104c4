"""Compression of dynamic responses (issue 25 "Serving"): bytes on the wire and time per request,
uncompressed (what every response was before) and with gzip and brotli, for the pages, the API,
openapi.json, plan.yaml, an annotation, a feed and the sitemap.

    .venv/bin/python bench/compression.py      # BENCH_REQUESTS=30 BENCH_PORT=8107

Production settings under gunicorn (one sync worker, so the figures are one process's) on a SQLite
database of its own, bench/out/compression.sqlite3, made once with the real plan files (delete it
to start again). Each response is asked for once to fill the page cache, then BENCH_REQUESTS
times per encoding on one keep-alive connection; the time is the client's, from request to the
last byte read on 127.0.0.1 (so the network's share of a real transfer is not in it: the bytes
column is what a slow link pays for). The first request of each (a page made afresh) is timed
apart, since compression is then a share of rendering.
"""

import http.client
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import GUNICORN, OUT, PYTHON, ROOT

HOST = "127.0.0.1"
PORT = int(os.environ.get("BENCH_PORT", "8107"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "30"))
DATABASE = OUT / "compression.sqlite3"
PLAN = "mexico-2021"
URLS = {
    "plan overview": f"/en/plans/{PLAN}/",
    "pillar": f"/en/plans/{PLAN}/pillars/participation/",
    "indicators": f"/en/plans/{PLAN}/indicators/",
    "critiques": f"/en/plans/{PLAN}/critiques/",
    "brief preview": f"/en/plans/{PLAN}/brief/",
    "API tree": f"/api/v1/plans/{PLAN}/tree/",
    "openapi.json": "/api/v1/openapi.json",
    "plan.yaml": f"/en/plans/{PLAN}/plan.yaml",
    "feed": "/en/feed.atom",
    "sitemap": "/sitemap.xml",
}
ENCODINGS = {"identity": "identity", "gzip": "gzip", "br": "gzip, deflate, br"}


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{DATABASE}",
        SECRET_KEY="bench-compression-" + "x" * 40,
        DEBUG="false",
        NAPWATCH_ENV_FILE="/dev/null",
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="false",
        NAPWATCH_PAGE_CACHE_DIR=str(OUT / "compression-page-cache"),
        NAPWATCH_BRIEF_PRERENDER="false",
        LOG_LEVEL="WARNING",
        GUNICORN_ACCESS_LOG="false",
        WEB_CONCURRENCY="1",
        HOST=HOST,
        PORT=str(PORT),
    )
    return env


def prepare(env: dict[str, str]) -> None:
    OUT.mkdir(exist_ok=True)
    shutil.rmtree(OUT / "compression-page-cache", ignore_errors=True)
    manage = [PYTHON, "manage.py"]
    subprocess.run(
        [*manage, "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    if DATABASE.exists():
        return
    print(f"== making {DATABASE.name} (migrate, the real plan files)")
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    rubrics = sorted(str(p) for p in (ROOT / "fixtures" / "rubrics").glob("*.yaml"))
    plans = sorted(str(p) for p in (ROOT / "fixtures").glob("*.yaml"))
    subprocess.run([*manage, "load_rubric", *rubrics], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "load_plan", *plans], cwd=ROOT, env=env, check=True)


def fetch(connection, path: str, accept: str) -> tuple[float, int, str, int]:
    started = time.perf_counter()
    connection.request("GET", path, headers={"Accept-Encoding": accept, "Host": f"{HOST}:{PORT}"})
    response = connection.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - started
    return elapsed, len(body), response.getheader("Content-Encoding", "identity"), response.status


def main() -> None:
    env = environment()
    prepare(env)
    log = open(OUT / "compression-gunicorn.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [GUNICORN, "--config", "napwatch/gunicorn.conf.py", "napwatch.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                connection = http.client.HTTPConnection(HOST, PORT, timeout=120)
                if fetch(connection, "/healthz", "identity")[3] == 200:
                    break
            except OSError:
                time.sleep(0.5)
            if server.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"gunicorn did not start; see {OUT / 'compression-gunicorn.log'}")
        report(connection)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def report(connection) -> None:
    print(
        f"{REQUESTS} requests each from the page cache, one gunicorn worker, "
        f"load average {Path('/proc/loadavg').read_text().split()[0]}\n"
    )
    header = f"{'response':15} {'encoding':8} {'bytes':>9} {'ratio':>6} {'median ms':>9} {'p90 ms':>7} {'made ms':>8}"
    print(header)
    print("-" * len(header))
    totals = dict.fromkeys(ENCODINGS, 0)
    for name, path in URLS.items():
        plain_size = None
        for label, accept in ENCODINGS.items():
            # The first request makes the page (or reads it from the cache an earlier encoding
            # filled): timed apart.
            made, size, encoding, status = fetch(connection, path, accept)
            assert status == 200, (path, status)
            assert encoding == label, (path, label, encoding)
            times = sorted(fetch(connection, path, accept)[0] for _ in range(REQUESTS))
            plain_size = plain_size or size
            totals[label] += size
            p90 = times[int(len(times) * 0.9) - 1]
            print(
                f"{name:15} {label:8} {size:9,d} {size / plain_size:6.2f} "
                f"{statistics.median(times) * 1000:9.2f} {p90 * 1000:7.2f} {made * 1000:8.1f}"
            )
    print()
    for label, total in totals.items():
        print(
            f"all {len(URLS)} responses, {label:8}: {total:10,d} bytes ({total / totals['identity']:.2f})"
        )


if __name__ == "__main__":
    main()
