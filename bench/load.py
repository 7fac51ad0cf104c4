"""Steady concurrent load (issue 6): every page at once for BENCH_SECONDS (>= 60), zero errors.

    .venv/bin/python bench/load.py               # BENCH_SECONDS=60 BENCH_CONNECTIONS=4 (per page)

One wrk process per page, all running together from other processes on 127.0.0.1 against
gunicorn with production settings on the throwaway PostgreSQL cluster and the 100-plan data set.
Exits non-zero if any request failed (socket error or a status >= 400).
"""

import os
import sys
from concurrent.futures import ThreadPoolExecutor

from common import available_pages, gunicorn, load_average, prepare, wrk

SECONDS = max(60, int(os.environ.get("BENCH_SECONDS", "60")))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "4"))


def main() -> int:
    prepare()
    with gunicorn(log_name="load"):
        pages = available_pages()
        for path in pages.values():
            wrk(path, seconds=2, connections=2)  # warm up
        print(f"load average before: {load_average()}")
        print(
            f"{len(pages)} pages at once, {CONNECTIONS} connections each "
            f"({CONNECTIONS * len(pages)} in all), {SECONDS} s"
        )
        with ThreadPoolExecutor(len(pages)) as pool:
            futures = {
                name: pool.submit(wrk, path, seconds=SECONDS, connections=CONNECTIONS)
                for name, path in pages.items()
            }
            results = {name: future.result() for name, future in futures.items()}
        print(f"load average after: {load_average()}\n")
    print("| page | requests | errors | median ms | p95 ms | req/s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    total_errors = total_requests = 0
    total_rps = 0.0
    for name, f in results.items():
        errors = f["socket_errors"] + f["non_2xx_3xx"]
        total_errors += errors
        total_requests += f["requests"]
        total_rps += f["rps"]
        print(
            f"| {name} `{pages[name]}` | {f['requests']} | {errors} | {f['p50_ms']:.1f} | "
            f"{f['p95_ms']:.1f} | {f['rps']:.1f} |"
        )
    print(f"| all | {total_requests} | {total_errors} | | | {total_rps:.1f} |")
    print("\nzero errors" if total_errors == 0 else f"\nFAILED: {total_errors} errors")
    return 0 if total_errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
