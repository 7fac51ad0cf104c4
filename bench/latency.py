"""Page latency (issue 3 "Speed"): median and p95 of each page vs a static file of similar size.

    .venv/bin/python bench/latency.py            # BENCH_SECONDS=15 BENCH_CONNECTIONS=8

gunicorn with production settings on the throwaway PostgreSQL cluster (port 5433) loaded with
fixtures/ and 100 synthetic plans x 100 indicators (bench/prepare.sh; cached), wrk from a second
process on 127.0.0.1. Each page alone, one after the other. Aim: each median within 5x the static
file's.
"""

import os

from common import available_pages, get, gunicorn, load_average, nearest_static_file, prepare, wrk

SECONDS = int(os.environ.get("BENCH_SECONDS", "15"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))


def main() -> None:
    prepare()
    with gunicorn(log_name="latency"):
        pages = {k: v for k, v in available_pages().items() if k != "brief"}
        sizes = {name: len(get(path)[1]) for name, path in pages.items()}
        median_size = sorted(sizes.values())[len(sizes) // 2]
        static_path, static_size = nearest_static_file(median_size)
        print(f"load average before: {load_average()}")
        print(
            f"wrk: {CONNECTIONS} connections, {SECONDS} s per page, 1 thread; X-Forwarded-Proto: https"
        )
        rows = []
        static = wrk(static_path, seconds=SECONDS, connections=CONNECTIONS)
        for name, path in pages.items():
            wrk(path, seconds=2, connections=CONNECTIONS)  # warm the workers' connections
            rows.append(
                (name, path, sizes[name], wrk(path, seconds=SECONDS, connections=CONNECTIONS))
            )
        rows.append(("static file", static_path, static_size, static))
        print("\n| page | bytes | median ms | p95 ms | req/s | errors | median / static |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for name, path, size, f in rows:
            ratio = f["p50_ms"] / static["p50_ms"] if static["p50_ms"] else float("nan")
            errors = f["socket_errors"] + f["non_2xx_3xx"]
            print(
                f"| {name} `{path}` | {size} | {f['p50_ms']:.1f} | {f['p95_ms']:.1f} | "
                f"{f['rps']:.0f} | {errors} | {ratio:.1f}x |"
            )
        print(f"\nload average after: {load_average()}")


if __name__ == "__main__":
    main()
