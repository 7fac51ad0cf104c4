"""Page latency (issue 3 "Speed"): median and p95 of each page vs a static file of similar size.

    .venv/bin/python bench/latency.py            # BENCH_SECONDS=15 BENCH_CONNECTIONS=8

gunicorn with production settings on the throwaway PostgreSQL cluster (port 5433) loaded with
fixtures/ and 100 synthetic plans x 100 indicators (bench/prepare.sh; cached), wrk from a second
process on 127.0.0.1. Each page alone, one after the other, twice: made afresh on every request
(the page cache switched off: what a reader waits for just after an edit) and as readers get it
(from the page cache, which any edit to the plan makes stale). Aim: each median within 5x the
static file's.
"""

import os

from common import available_pages, get, gunicorn, load_average, nearest_static_file, prepare, wrk

SECONDS = int(os.environ.get("BENCH_SECONDS", "15"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))


def measure(pages: dict[str, str]) -> dict[str, dict]:
    figures = {}
    for name, path in pages.items():
        wrk(path, seconds=2, connections=CONNECTIONS)  # warm the workers' connections
        figures[name] = wrk(path, seconds=SECONDS, connections=CONNECTIONS)
    return figures


def main() -> None:
    prepare()
    print(f"load average before: {load_average()}")
    print(
        f"wrk: {CONNECTIONS} connections, {SECONDS} s per page, 1 thread; X-Forwarded-Proto: https"
    )
    with gunicorn(log_name="latency-afresh", NAPWATCH_PAGE_CACHE="false"):
        pages = {k: v for k, v in available_pages().items() if k != "brief"}
        sizes = {name: len(get(path)[1]) for name, path in pages.items()}
        afresh = measure(pages)
    with gunicorn(log_name="latency"):
        median_size = sorted(sizes.values())[len(sizes) // 2]
        static_path, static_size = nearest_static_file(median_size)
        static = wrk(static_path, seconds=SECONDS, connections=CONNECTIONS)
        cached = measure(pages)

    print(
        "\n| page | bytes | made afresh: median ms | p95 ms | from the page cache: median ms "
        "| p95 ms | req/s | errors | cached median / static |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, path in pages.items():
        a, c = afresh[name], cached[name]
        errors = sum(f["socket_errors"] + f["non_2xx_3xx"] for f in (a, c))
        print(
            f"| {name} `{path}` | {sizes[name]} | {a['p50_ms']:.1f} | {a['p95_ms']:.1f} "
            f"| {c['p50_ms']:.1f} | {c['p95_ms']:.1f} | {c['rps']:.0f} | {errors} "
            f"| {c['p50_ms'] / static['p50_ms']:.1f}x |"
        )
    errors = static["socket_errors"] + static["non_2xx_3xx"]
    print(
        f"| static file `{static_path}` | {static_size} | | | {static['p50_ms']:.1f} "
        f"| {static['p95_ms']:.1f} | {static['rps']:.0f} | {errors} | 1.0x |"
    )
    print(f"\nload average after: {load_average()}")


if __name__ == "__main__":
    main()
