"""Shared pieces of the bench/ scripts: the environment, the server, wrk and the pages."""

import json
import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
OUT = BENCH / "out"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")

PG_PORT = os.environ.get("BENCH_PG_PORT", "5433")
DB = os.environ.get("BENCH_DB", "napwatch_bench")
HOST = "127.0.0.1"
PORT = int(os.environ.get("BENCH_PORT", "8141"))
BASE = f"http://{HOST}:{PORT}"
PLAN = os.environ.get("BENCH_PLAN", "synthetic-50")

# The pages under test on one synthetic plan of 100 indicators (the data set has 100 of them).
PAGES = {
    "overview": f"/en/plans/{PLAN}/",
    "pillar": f"/en/plans/{PLAN}/pillars/protection/",
    "indicators": f"/en/plans/{PLAN}/indicators/",
    "search": "/en/search/?q=indicator+women",
    "brief": f"/en/plans/{PLAN}/brief/",
}


def database_url(db: str = DB) -> str:
    return f"postgres://postgres@127.0.0.1:{PG_PORT}/{db}"


def server_env(db: str = DB, **extra: str) -> dict[str, str]:
    """Production settings on the throwaway cluster; pages cached in bench/out/page-cache unless
    `NAPWATCH_PAGE_CACHE="false"` is passed."""
    env = dict(os.environ)
    env.setdefault("NAPWATCH_PAGE_CACHE_DIR", str(OUT / "page-cache"))
    env.update(
        DATABASE_URL=database_url(db),
        SECRET_KEY=secrets.token_urlsafe(50),
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="true",
        LOG_LEVEL=os.environ.get("LOG_LEVEL", "WARNING"),
        GUNICORN_ACCESS_LOG="false",
        HOST=HOST,
        PORT=str(PORT),
    )
    env.update(extra)
    return env


def prepare() -> None:
    subprocess.run(["bash", str(BENCH / "prepare.sh")], cwd=ROOT, check=True)


def get(path: str, timeout: float = 10.0) -> tuple[int, bytes]:
    request = urllib.request.Request(BASE + path, headers={"X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - local
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@contextmanager
def gunicorn(db: str = DB, log_name: str = "gunicorn", **env: str):
    """The production server (`make serve`'s gunicorn and settings) on 127.0.0.1:BENCH_PORT,
    starting with an empty page cache."""
    OUT.mkdir(exist_ok=True)
    shutil.rmtree(OUT / "page-cache", ignore_errors=True)
    log = open(OUT / f"{log_name}.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [GUNICORN, "--config", "napwatch/gunicorn.conf.py", "napwatch.wsgi"],
        cwd=ROOT,
        env=server_env(db, **env),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if get("/healthz", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not come up; see {OUT / (log_name + '.log')}")
            time.sleep(0.3)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def available_pages() -> dict[str, str]:
    """The pages that exist on this branch (a page not built yet answers 404 and is left out).

    BENCH_SKIP=search,brief leaves pages out by name.
    """
    pages = {}
    skip = set(filter(None, os.environ.get("BENCH_SKIP", "").split(",")))
    for name, path in PAGES.items():
        if name in skip:
            print(f"  (skipping {name}: BENCH_SKIP)")
            continue
        status, _ = get(path, timeout=60)
        if status == 200:
            pages[name] = path
        else:
            print(f"  (skipping {name}: {path} answers {status})")
    return pages


def wrk(path: str, *, seconds: int, connections: int, threads: int = 1) -> dict:
    result = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(BENCH / "report.lua"),
            BASE + path,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(x for x in result.stdout.splitlines() if x.startswith("JSON "))
    figures = json.loads(line[5:])
    figures["rps"] = figures["requests"] / figures["duration_s"]
    return figures


def nearest_static_file(size: int) -> tuple[str, int]:
    """The collected static file (hashed name) whose size is nearest `size` bytes."""
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
    best = None
    for hashed in manifest["paths"].values():
        file = ROOT / "staticfiles" / hashed
        if file.suffix in {".gz", ".br"} or not file.is_file():
            continue
        distance = abs(file.stat().st_size - size)
        if best is None or distance < best[0]:
            best = (distance, hashed, file.stat().st_size)
    return "/static/" + best[1], best[2]


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def python_cmd() -> str:
    return sys.executable
