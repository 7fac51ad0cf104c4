"""napwatch on several machines, built on this one out of network namespaces, and proved (issue 27).

    sudo .venv/bin/python bench/cluster.py          # root only; about 5 minutes; cleans up after itself

Hosts, each a network namespace with its own address on a private bridge (10.127.27.0/24; no
traffic leaves the namespaces):

    client  10.127.27.5    the readers (this script's requests, once the hosts are up)
    lb      10.127.27.10   HAProxy (Debian's), retrying idempotent requests on the other app host
    db1     10.127.27.11   PostgreSQL 15 primary (its own data folder, initdb)
    db2     10.127.27.12   PostgreSQL 15 streaming replica, made with pg_basebackup
    redis   10.127.27.13   Redis: CACHE_URL for pages, briefs, render claims, client counters
    app1    10.127.27.21   gunicorn as `make serve` runs it (production settings)
    app2    10.127.27.22   the same
    worker  10.127.27.31   `make worker` (manage.py db_worker)

Every app host and the worker share one folder as MEDIA_ROOT (what a network file system mounted
there gives real machines). Then it proves, printing figures:

1. a brief asked for through the balancer is rendered on the worker host and served by both app
   hosts from the shared cache;
2. an edit made on one host is seen on the other at its next request, and the worker pre-renders
   the plan's pages so readers after it get them from the cache;
3. one app host killed (SIGKILL) under load through the balancer loses no request a client sees;
4. the worker host killed mid-render and started again finishes the brief;
5. the replica serves the anonymous public reads.

Whatever could not be done is printed as NOT DONE with the reason, and the rest still runs.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PG_BIN = Path("/usr/lib/postgresql/15/bin")
PREFIX = "nw27"
NET = "10.127.27"
HOSTS = {
    "client": 5,
    "lb": 10,
    "db1": 11,
    "db2": 12,
    "redis": 13,
    "app1": 21,
    "app2": 22,
    "worker": 31,
}
SITE = "napwatch.test"
PLAN = "mexico-2021"
OVERVIEW = f"/en/plans/{PLAN}/"

processes: dict[str, subprocess.Popen] = {}
not_done: list[str] = []
WORK = Path(tempfile.mkdtemp(prefix="napwatch-cluster-"))


def addr(host: str) -> str:
    return f"{NET}.{HOSTS[host]}"


def ns(host: str) -> str:
    return f"{PREFIX}-{host}"


def run(*args: str, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, check=check, capture_output=True, text=True, **kwargs)


def in_ns(host: str, *args: str) -> list[str]:
    return ["ip", "netns", "exec", ns(host), *args]


def say(text: str) -> None:
    print(text, flush=True)


# ---- The network ------------------------------------------------------------------------------


def build_network() -> None:
    run("ip", "netns", "add", ns("switch"))
    run("ip", "-n", ns("switch"), "link", "add", "br0", "type", "bridge")
    run("ip", "-n", ns("switch"), "link", "set", "br0", "up")
    for host in HOSTS:
        run("ip", "netns", "add", ns(host))
        run(
            "ip", "link", "add", f"v-{host}", "netns", ns("switch"), "type", "veth",
            "peer", "name", "eth0", "netns", ns(host),
        )  # fmt: skip
        run("ip", "-n", ns("switch"), "link", "set", f"v-{host}", "master", "br0", "up")
        run("ip", "-n", ns(host), "addr", "add", f"{addr(host)}/24", "dev", "eth0")
        run("ip", "-n", ns(host), "link", "set", "eth0", "up")
        run("ip", "-n", ns(host), "link", "set", "lo", "up")


def start(name: str, host: str, args: list[str], *, env=None, user: str | None = None, cwd=ROOT):
    command = in_ns(host, *(["runuser", "-u", user, "--"] if user else []), *args)
    log = open(WORK / f"{name}.log", "a")  # noqa: SIM115 - closed with the process at exit
    processes[name] = subprocess.Popen(
        command, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    return processes[name]


def kill_host(host: str) -> int:
    """SIGKILL every process in the host's namespace (all started by this script)."""
    found = [
        pid
        for pid in run("ip", "netns", "pids", ns(host), check=False).stdout.split()
        if int(pid) != os.getpid()  # this script, once it reads as the client
    ]
    for pid in found:
        try:
            os.kill(int(pid), signal.SIGKILL)
        except ProcessLookupError:
            pass
    return len(found)


def clean_up() -> None:
    for host in HOSTS:
        kill_host(host)
    for process in processes.values():
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
    for host in [*HOSTS, "switch"]:
        run("ip", "netns", "del", ns(host), check=False)
    shutil.rmtree(WORK, ignore_errors=True)


# ---- The services -----------------------------------------------------------------------------


def wait_until(what: str, ready, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if ready():
                return True
        except Exception:  # noqa: BLE001 - not ready yet
            pass
        time.sleep(0.3)
    not_done.append(f"{what} did not come up within {seconds:.0f} s (logs in {WORK})")
    return False


def pg_ready(host: str) -> bool:
    return (
        run(
            *in_ns(host, "pg_isready", "-q", "-h", addr(host), "-p", "5432"), check=False
        ).returncode
        == 0
    )


def sql(host: str, query: str, db: str = "napwatch") -> str:
    found = run(
        *in_ns(host, "psql", "-h", addr(host), "-U", "postgres", "-d", db, "-tAc", query),
        check=False,
    )
    return found.stdout.strip()


def start_postgres() -> None:
    primary, replica = WORK / "pg1", WORK / "pg2"
    # Sockets outside the data folders: pg_basebackup would copy the primary's lock file
    for folder in (primary, WORK / "sock1", WORK / "sock2"):
        folder.mkdir()
        shutil.chown(folder, "postgres")
    shutil.chown(WORK, "postgres")
    run("runuser", "-u", "postgres", "--", str(PG_BIN / "initdb"), "-D", str(primary),
        "-A", "trust", "-U", "postgres")  # fmt: skip
    with open(primary / "postgresql.conf", "a") as conf:
        conf.write(
            f"listen_addresses = '{addr('db1')}'\nport = 5432\n"
            f"unix_socket_directories = '{WORK / 'sock1'}'\nmax_connections = 200\n"
            "wal_level = replica\nmax_wal_senders = 5\nhot_standby = on\n"
        )
    (primary / "pg_hba.conf").write_text(
        f"local all all trust\nhost all all {NET}.0/24 trust\n"
        f"host replication all {NET}.0/24 trust\n"
    )
    start("db1", "db1", [str(PG_BIN / "postgres"), "-D", str(primary)], user="postgres")
    if not wait_until("PostgreSQL primary", lambda: pg_ready("db1")):
        return
    run(*in_ns("db1", "createdb", "-h", addr("db1"), "-U", "postgres", "napwatch"))
    started = time.monotonic()
    run(*in_ns("db2", "runuser", "-u", "postgres", "--", "pg_basebackup", "-h", addr("db1"),
        "-U", "postgres", "-D", str(replica), "-R", "-X", "stream", "--checkpoint=fast"))  # fmt: skip
    say(f"  replica made by pg_basebackup in {time.monotonic() - started:.1f} s")
    with open(replica / "postgresql.auto.conf", "a") as conf:
        conf.write(
            f"listen_addresses = '{addr('db2')}'\nunix_socket_directories = '{WORK / 'sock2'}'\n"
        )
    start("db2", "db2", [str(PG_BIN / "postgres"), "-D", str(replica)], user="postgres")
    wait_until("PostgreSQL replica", lambda: pg_ready("db2"))


def app_env(**extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key in {"PATH", "LANG", "LC_ALL", "HOME", "TZ"}
    }
    env.update(
        NAPWATCH_ENV_FILE="/dev/null",
        DJANGO_SETTINGS_MODULE="napwatch.settings",
        DEBUG="false",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS=f"{SITE},{addr('app1')},{addr('app2')}",
        DATABASE_URL=f"postgres://postgres@{addr('db1')}:5432/napwatch",
        DATABASE_REPLICA_URL=f"postgres://postgres@{addr('db2')}:5432/napwatch",
        CACHE_URL=f"redis://{addr('redis')}:6379/0",
        MEDIA_ROOT=str(WORK / "shared-media"),
        NAPWATCH_DATA_RELEASE_DIR=str(WORK / "shared-data-release"),
        NAPWATCH_SITE_URL=f"https://{SITE}/",
        # the balancer and the client (this script, asking the app hosts directly) are believed
        FORWARDED_ALLOW_IPS=f"{addr('lb')},{addr('client')}",
        # a request answers "being prepared" at once: the brief is visibly made by the worker
        NAPWATCH_BRIEF_WAIT="0",
        NAPWATCH_BRIEF_TIMEOUT="15",
        WEB_CONCURRENCY="3",
        LOG_LEVEL="INFO",
        LOG_FORMAT="text",
        GUNICORN_ACCESS_LOG="false",
    )
    env.update(extra)
    return env


SECRET = secrets.token_urlsafe(50)


def manage(host: str, *args: str, **extra: str) -> subprocess.CompletedProcess:
    return run(*in_ns(host, PYTHON, "manage.py", *args), env=app_env(**extra), cwd=ROOT)


def start_app(host: str) -> None:
    start(host, host, [GUNICORN, "--config", "napwatch/gunicorn.conf.py", "napwatch.wsgi"],
          env=app_env(HOST=addr(host), PORT="8000"))  # fmt: skip


def start_worker() -> None:
    start("worker", "worker", [PYTHON, "manage.py", "db_worker", "--no-reload", "--interval", "0.5"],
          env=app_env())  # fmt: skip


HAPROXY = """
global
    maxconn 2000
defaults
    mode http
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    retries 3
    option redispatch 1
    # a request an app host dropped (connection refused or reset, no answer) goes to the other
    retry-on all-retryable-errors
frontend web
    bind {lb}:80
    http-request set-header X-Forwarded-Proto https
    default_backend apps
backend apps
    balance roundrobin
    # only requests that change nothing are sent again
    http-request disable-l7-retry unless METH_GET || METH_HEAD
    option httpchk GET /healthz
    default-server inter 1s fall 2 rise 2
    server app1 {app1}:8000 check
    server app2 {app2}:8000 check
"""


def start_balancer() -> None:
    if not shutil.which("haproxy"):
        not_done.append("HAProxy is not installed (apt-get install haproxy): no balancer")
        return
    config = WORK / "haproxy.cfg"
    config.write_text(HAPROXY.format(lb=addr("lb"), app1=addr("app1"), app2=addr("app2")))
    start("lb", "lb", ["haproxy", "-f", str(config), "-db"])


# ---- The client -------------------------------------------------------------------------------


def enter_client_namespace() -> None:
    with open(f"/run/netns/{ns('client')}") as handle:
        os.setns(handle.fileno(), os.CLONE_NEWNET)


def get(host: str, path: str, timeout: float = 30) -> tuple[int, dict, bytes, float]:
    """GET at a host (lb: the balancer; app1, app2: directly), as a reader over HTTPS would."""
    connection = http.client.HTTPConnection(
        addr(host), 80 if host == "lb" else 8000, timeout=timeout
    )
    headers = {"Host": SITE, "X-Forwarded-Proto": "https"}
    started = time.monotonic()
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, dict(response.getheaders()), body, time.monotonic() - started


def log_lines(name: str, text: str) -> int:
    path = WORK / f"{name}.log"
    return (
        sum(text in line for line in path.read_text(errors="replace").splitlines())
        if path.exists()
        else 0
    )


def ask_until_made(path: str, seconds: float) -> tuple[list[tuple[float, int]], bytes | None]:
    """Asks the balancer every half second until the brief is there; [(seconds, status)]."""
    started, statuses = time.monotonic(), []
    while time.monotonic() - started < seconds:
        status, _headers, body, _took = get("lb", path)
        statuses.append((round(time.monotonic() - started, 1), status))
        if status == 200:
            return statuses, body
        time.sleep(0.5)
    return statuses, None


def summary(statuses: list[tuple[float, int]]) -> str:
    runs, last = [], None
    for at, status in statuses:
        if status != last:
            runs.append(f"{status} from {at} s")
            last = status
    return ", ".join(runs)


# ---- The proofs -------------------------------------------------------------------------------


def prove_brief() -> None:
    say("\n## 1. A brief asked for through the balancer: made on the worker host, served by both")
    path = f"/en/plans/{PLAN}/brief.pdf?paper=letter"
    statuses, body = ask_until_made(path, 120)
    if body is None:
        not_done.append(f"proof 1: the brief was not made within 120 s ({summary(statuses)})")
        return
    say(f"- through the balancer: {summary(statuses)} ({len(body)} bytes)")
    rendered = {
        name: log_lines(name, "Rendered brief mexico-2021-brief")
        for name in ("worker", "app1", "app2")
    }
    say(f"- 'Rendered brief' lines in the logs: worker {rendered['worker']}, app1 {rendered['app1']}, "
        f"app2 {rendered['app2']}")  # fmt: skip
    digest = hashlib.sha256(body).hexdigest()[:16]
    for host in ("app1", "app2"):
        status, headers, direct, took = get(host, path)
        same = hashlib.sha256(direct).hexdigest()[:16] == digest
        say(f"- {host} directly: {status}, X-Brief-Cache {headers.get('X-Brief-Cache')}, "
            f"{took * 1000:.1f} ms, same PDF: {same}")  # fmt: skip


def prove_edit() -> None:
    say("\n## 2. An edit made on app1 is seen on app2 at its next request")
    stamp = secrets.token_hex(4)
    code = (
        "import time\nfrom plans.models import Plan\n"
        f"plan = Plan.objects.get(slug='{PLAN}')\n"
        f"plan.title_en = plan.title_en.split(' [edited')[0] + ' [edited {stamp}]'\n"
        "plan.save()\nprint(time.time())\n"
    )
    before = get("app2", OVERVIEW)
    say(f"- app2 before: {before[0]}, X-Page-Cache {before[1].get('X-Page-Cache')}")
    edited = manage("app1", "shell", "-c", code)
    if edited.returncode != 0:
        not_done.append(f"proof 2: the edit failed: {edited.stderr[-300:]}")
        return
    committed = float(edited.stdout.strip().splitlines()[-1])
    status, headers, body, took = get("app2", OVERVIEW)
    seen = f"[edited {stamp}]" in body.decode()
    say(f"- app2's next request ({time.time() - committed:.2f} s after the commit): {status}, "
        f"shows the edit: {seen}, X-Page-Cache {headers.get('X-Page-Cache')}, {took * 1000:.0f} ms")  # fmt: skip
    if not seen:
        not_done.append("proof 2: app2's next request did not show the edit")
    lag = sql(
        "db1",
        "select coalesce(max(extract(epoch from replay_lag)) * 1000, 0) from pg_stat_replication",
        "postgres",
    )
    say(f"- replica replay lag reported by the primary: {float(lag or 0):.1f} ms")
    # The worker's pre-render: the pages after the edit, cached before any reader asks
    deadline = time.monotonic() + 90
    done = ""
    while time.monotonic() < deadline:
        done = sql("db1", "select return_value from django_tasks_database_dbtaskresult where "
                   "task_path like '%prerender_pages' and status = 'SUCCESSFUL' and "
                   "finished_at > to_timestamp(" + str(committed) + ") limit 1")  # fmt: skip
        if done:
            break
        time.sleep(1)
    if not done:
        not_done.append("proof 2: the worker's pre-render of the pages did not finish within 90 s")
        return
    made = json.loads(done)
    say(f"- the worker pre-rendered {made['made']} pages and API resources in {made['seconds']} s "
        f"({made['cached']} already cached, {len(made['failed'])} failed)")  # fmt: skip
    for host, path in (("app1", f"/es/plans/{PLAN}/indicators/"), ("app2", f"/en/plans/{PLAN}/scorecard/"),
                       ("app1", f"/api/v1/plans/{PLAN}/tree/")):  # fmt: skip
        status, headers, body, took = get(host, path)
        say(f"- first reader of {path} on {host}: {status}, X-Page-Cache {headers.get('X-Page-Cache')}, "
            f"{took * 1000:.1f} ms")  # fmt: skip


def load(path: str, seconds: float, connections: int, during=None) -> dict:
    """`connections` readers asking the balancer for `path` back to back on kept-alive connections
    (wrk's way); `during(elapsed)` is called once at a third of the run."""
    results: list[tuple[int, float]] = []
    errors: list[str] = []
    begun = time.monotonic()
    stop = begun + seconds
    lock = threading.Lock()

    def reader():
        connection = None
        while time.monotonic() < stop:
            started = time.monotonic()
            try:
                if connection is None:
                    connection = http.client.HTTPConnection(addr("lb"), 80, timeout=15)
                connection.request("GET", path, headers={"Host": SITE})
                response = connection.getresponse()
                response.read()
                with lock:
                    results.append((response.status, time.monotonic() - started))
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = None
            except (OSError, http.client.HTTPException) as exc:
                with lock:
                    errors.append(f"{type(exc).__name__} at {time.monotonic() - begun:.1f} s")
                if connection is not None:
                    connection.close()
                connection = None

    threads = [threading.Thread(target=reader) for _ in range(connections)]
    for thread in threads:
        thread.start()
    if during is not None:
        time.sleep(seconds / 3)
        during()
    for thread in threads:
        thread.join()
    times = sorted(took for _status, took in results)
    return {
        "requests": len(results),
        "rps": len(results) / seconds,
        "non_200": sum(status != 200 for status, _ in results),
        "errors": errors,
        "p50_ms": statistics.median(times) * 1000 if times else 0,
        "p99_ms": times[int(len(times) * 0.99) - 1] * 1000 if times else 0,
        "max_ms": times[-1] * 1000 if times else 0,
    }


def prove_app_host_killed() -> None:
    say("\n## 3. app1 killed (SIGKILL, every process on the host) under load through the balancer")
    killed = []
    figures = load(OVERVIEW, 18, 8, during=lambda: killed.append(kill_host("app1")))
    say(f"- 8 connections, 18 s, {OVERVIEW}: {figures['requests']} requests ({figures['rps']:.0f}/s), "
        f"non-200: {figures['non_200']}, connection errors: {len(figures['errors'])}, "
        f"median {figures['p50_ms']:.1f} ms, p99 {figures['p99_ms']:.1f} ms, max {figures['max_ms']:.0f} ms; "
        f"{killed[0] if killed else 0} processes killed on app1 at 6 s")  # fmt: skip
    if figures["errors"]:
        say(f"- the errors: {', '.join(figures['errors'])}")
    if figures["non_200"] or figures["errors"]:
        not_done.append(
            f"proof 3: readers saw {figures['non_200']} non-200 and {len(figures['errors'])} errors"
        )
    start_app("app1")
    wait_until("app1 (restarted)", lambda: get("app1", "/healthz")[0] == 200)


def prove_worker_killed() -> None:
    say("\n## 4. The worker host killed mid-render, started again: the brief is finished")
    path = f"/en/plans/{PLAN}/brief.pdf?paper=letter&provenance=no"
    first = get("lb", path)
    started = time.monotonic()
    say(f"- asked: {first[0]} X-Brief-Cache {first[1].get('X-Brief-Cache')}")
    running = False
    while time.monotonic() - started < 60:
        state = sql("db1", "select status from django_tasks_database_dbtaskresult where "
                    "task_path like '%render_brief' order by enqueued_at desc limit 1")  # fmt: skip
        if state == "RUNNING":
            running = True
            break
        time.sleep(0.1)
    if not running:
        not_done.append(
            "proof 4: the render was never seen running (the worker may have finished it first)"
        )
    killed = kill_host("worker")
    say(f"- killed {killed} processes on the worker host {time.monotonic() - started:.1f} s after asking, "
        f"while the render was {'running' if running else 'not seen running'}")  # fmt: skip
    time.sleep(2)
    start_worker()
    say("- worker started again")
    statuses, body = ask_until_made(path, 240)
    if body is None:
        not_done.append(f"proof 4: the brief was not finished within 240 s ({summary(statuses)})")
        return
    say(f"- through the balancer, from the restart: {summary(statuses)}; a {len(body)}-byte PDF "
        f"{time.monotonic() - started:.0f} s after it was first asked for")  # fmt: skip


def replica_counts() -> dict[str, int]:
    query = "select xact_commit + xact_rollback, tup_returned from pg_stat_database where datname = 'napwatch'"
    counts = {}
    for host in ("db1", "db2"):
        transactions, rows = (int(x) for x in sql(host, query, "postgres").split("|"))
        counts[host] = (transactions, rows)
    return counts


def prove_replica_reads() -> None:
    say("\n## 5. The replica serves the public reads")
    pages = [OVERVIEW, f"/es/plans/{PLAN}/indicators/", f"/api/v1/plans/{PLAN}/tree/", "/en/"]
    for page in pages:
        get("lb", page)  # made once
    time.sleep(1)  # pg_stat_database is updated about once a second
    before = replica_counts()
    asked = 0
    for _ in range(50):
        for page in pages:
            asked += get("lb", page)[0] == 200
    time.sleep(1.5)
    after = replica_counts()
    delta = {
        host: (after[host][0] - before[host][0], after[host][1] - before[host][1]) for host in after
    }
    say(f"- {asked} anonymous GETs through the balancer; transactions / rows read meanwhile: "
        f"replica {delta['db2'][0]} / {delta['db2'][1]}, primary {delta['db1'][0]} / {delta['db1'][1]} "
        "(the primary's include the worker's polling and the health checks)")  # fmt: skip
    replica_rows = sql("db2", "select count(*) from plans_plan")
    recovery = sql("db2", "select pg_is_in_recovery()")
    say(
        f"- the replica is in recovery (read-only standby): {recovery}; it holds {replica_rows} plans"
    )


# ---- The run ----------------------------------------------------------------------------------


def main() -> None:
    if os.geteuid() != 0:
        raise SystemExit("bench/cluster.py builds network namespaces: run it as root.")
    for name in ("ip", "runuser", "psql", "pg_isready", "pg_basebackup", "redis-server"):
        if not shutil.which(name):
            raise SystemExit(f"bench/cluster.py needs {name}")
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: sys.exit(1))
    os.chmod(WORK, 0o755)
    (WORK / "shared-media").mkdir()
    try:
        say(f"# napwatch on several machines (network namespaces {PREFIX}-*, {NET}.0/24)")
        build_network()
        say(f"- hosts: {', '.join(f'{h} {addr(h)}' for h in HOSTS)}")
        start_postgres()
        start("redis", "redis", ["redis-server", "--bind", addr("redis"), "--port", "6379",
              "--save", "", "--appendonly", "no", "--protected-mode", "no", "--dir", str(WORK)])  # fmt: skip
        wait_until("Redis", lambda: run(*in_ns("redis", "redis-cli", "-h", addr("redis"), "ping"),
                                         check=False).stdout.strip() == "PONG")  # fmt: skip
        started = time.monotonic()
        quiet = {"NAPWATCH_BRIEF_PRERENDER": "false", "NAPWATCH_PAGE_PRERENDER": "false"}
        for step in (["migrate", "--noinput", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"],
                     ["load_rubric", *map(str, sorted((ROOT / "fixtures" / "rubrics").glob("*.yaml")))],
                     ["load_plan", *map(str, sorted((ROOT / "fixtures").glob("*.yaml")))]):  # fmt: skip
            done = manage("app1", *step, **quiet)
            if done.returncode != 0:
                raise SystemExit(f"manage.py {step[0]} failed on app1:\n{done.stderr[-2000:]}")
        say(
            f"- migrated and loaded the fixture plans on the primary from app1 in {time.monotonic() - started:.0f} s"
        )
        start_app("app1")
        start_app("app2")
        start_worker()
        start_balancer()
        enter_client_namespace()
        for host in ("app1", "app2"):
            wait_until(host, lambda host=host: get(host, "/healthz")[0] == 200, 90)
        wait_until("the balancer", lambda: get("lb", "/healthz")[0] == 200)
        say("- app1, app2 (gunicorn, 3 workers each), the worker and HAProxy are up")
        for proof in (
            prove_brief,
            prove_edit,
            prove_app_host_killed,
            prove_worker_killed,
            prove_replica_reads,
        ):
            try:
                proof()
            except Exception as exc:  # noqa: BLE001 - the next proof still runs
                not_done.append(f"{proof.__name__}: {type(exc).__name__}: {exc}")
        say("\n## Not done")
        for line in not_done or ["(nothing: every proof above ran to the end)"]:
            say(f"- {line}")
    finally:
        if os.environ.get("CLUSTER_KEEP_LOGS"):
            kept = Path(os.environ["CLUSTER_KEEP_LOGS"])
            kept.mkdir(parents=True, exist_ok=True)
            for log in WORK.glob("*.log"):
                shutil.copy(log, kept / log.name)
        clean_up()
        say(f"\ncleaned up: namespaces {PREFIX}-* deleted, processes killed, {WORK} removed")


if __name__ == "__main__":
    main()
