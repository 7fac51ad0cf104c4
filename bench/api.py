"""The API's plan-tree endpoint (issue 13 "Speed"): made afresh, from the page cache, and as a 304,
next to a static file of similar size.

    .venv/bin/python bench/api.py      # BENCH_SECONDS=10 BENCH_CONNECTIONS=4

gunicorn with production settings (bench/common.py), on the benchmark database that
bench/prepare.sh makes (the throwaway cluster on port 5433, 100 synthetic plans of 100
indicators). BENCH_PREPARED=1 skips prepare.sh and uses the database BENCH_PG_PORT/BENCH_DB name
as it is (it needs the plan BENCH_PLAN, for example `generate_synthetic_plans --plans 1`).

The load comes from this script's own threads (keep-alive HTTP/1.1 connections, one request at a
time each), not wrk, so it runs wherever Python does; the client's own cost is in every figure,
the static file's too, so compare the ratios.
"""

import http.client
import os
import statistics
import threading
import time

from common import BASE, HOST, PLAN, PORT, get, gunicorn, load_average, nearest_static_file, prepare

SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "4"))
HEADERS = {"X-Forwarded-Proto": "https", "Host": f"{HOST}:{PORT}"}
TREE = f"/api/v1/plans/{PLAN}/tree/"


def hammer(path: str, headers: dict | None = None) -> dict:
    """CONNECTIONS threads, each sending `path` again and again for SECONDS."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    deadline = time.monotonic() + SECONDS

    def client():
        connection = http.client.HTTPConnection(HOST, PORT, timeout=30)
        mine, seen = [], {}
        while time.monotonic() < deadline:
            started = time.perf_counter()
            connection.request("GET", path, headers={**HEADERS, **(headers or {})})
            response = connection.getresponse()
            response.read()
            mine.append(time.perf_counter() - started)
            seen[response.status] = seen.get(response.status, 0) + 1
        connection.close()
        with lock:
            latencies.extend(mine)
            for status, count in seen.items():
                statuses[status] = statuses.get(status, 0) + count

    threads = [threading.Thread(target=client) for _ in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return {
        "requests": len(latencies),
        "p50_ms": 1000 * statistics.median(latencies),
        "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))],
        "rps": len(latencies) / SECONDS,
        "statuses": statuses,
    }


def etag_of(path: str) -> str:
    connection = http.client.HTTPConnection(HOST, PORT, timeout=30)
    connection.request("GET", path, headers=HEADERS)
    response = connection.getresponse()
    response.read()
    return response.getheader("ETag")


def row(name: str, path: str, size, figures: dict, static: dict | None) -> str:
    ratio = f"{figures['p50_ms'] / static['p50_ms']:.1f}x" if static else "1.0x"
    return (
        f"| {name} `{path}` | {size} | {figures['p50_ms']:.1f} | {figures['p95_ms']:.1f} "
        f"| {figures['rps']:.0f} | {figures['statuses']} | {ratio} |"
    )


def main() -> None:
    if os.environ.get("BENCH_PREPARED") != "1":
        prepare()
    print(f"load average before: {load_average()}")
    print(f"{CONNECTIONS} connections, {SECONDS:g} s each; X-Forwarded-Proto: https; {BASE}")
    with gunicorn(log_name="api-afresh", NAPWATCH_PAGE_CACHE="false"):
        status, body = get(TREE, timeout=60)
        assert status == 200, (status, body[:300])
        size = len(body)
        hammer(TREE)  # warm the workers
        afresh = hammer(TREE)
    with gunicorn(log_name="api"):
        static_path, static_size = nearest_static_file(size)
        hammer(static_path)
        static = hammer(static_path)
        hammer(TREE)
        cached = hammer(TREE)
        not_modified = hammer(TREE, {"If-None-Match": etag_of(TREE)})

    print("\n| request | bytes | median ms | p95 ms | req/s | statuses | median / static |")
    print("| --- | ---: | ---: | ---: | ---: | --- | ---: |")
    print(row("tree, made afresh (page cache off)", TREE, size, afresh, static))
    print(row("tree, from the page cache", TREE, size, cached, static))
    print(row("tree, If-None-Match: 304", TREE, 0, not_modified, static))
    print(row("static file", static_path, static_size, static, None))
    print(f"\nload average after: {load_average()}")


if __name__ == "__main__":
    main()
