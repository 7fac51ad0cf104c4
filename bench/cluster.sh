#!/usr/bin/env bash
# A THROWAWAY PostgreSQL 15 cluster for the benchmarks, on port 5433 (never the machine's 5432).
#   bench/cluster.sh start|stop|restart|status|drop
# Trust auth on 127.0.0.1 only; the fault benchmark stops and starts it under load.
set -euo pipefail
VERSION=15
NAME=napwatchbench
PORT=${BENCH_PG_PORT:-5433}

ensure() {
  if ! pg_lsclusters -h | awk '{print $2}' | grep -qx "$NAME"; then
    echo "== creating throwaway cluster $VERSION/$NAME on port $PORT"
    pg_createcluster "$VERSION" "$NAME" --port "$PORT" >/dev/null
    hba=/etc/postgresql/$VERSION/$NAME/pg_hba.conf
    cat >"$hba" <<HBA
local   all   all                 trust
host    all   all   127.0.0.1/32  trust
host    all   all   ::1/128       trust
HBA
    conf=/etc/postgresql/$VERSION/$NAME/postgresql.conf
    echo "listen_addresses = '127.0.0.1'" >>"$conf"
    echo "max_connections = 200" >>"$conf"
  fi
}

wait_ready() {
  for _ in $(seq 60); do pg_isready -q -h 127.0.0.1 -p "$PORT" && return 0; sleep 0.5; done
  echo "cluster on port $PORT did not become ready" >&2; return 1
}

case "${1:-start}" in
  start)   ensure; pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$NAME" start 2>/dev/null || true; wait_ready ;;
  stop)    pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$NAME" stop -m fast ;;
  restart) pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$NAME" restart -m fast; wait_ready ;;
  status)  pg_lsclusters | awk -v n="$NAME" 'NR==1 || $2==n' ;;
  drop)    pg_dropcluster --stop "$VERSION" "$NAME" ;;
  *) echo "usage: $0 start|stop|restart|status|drop" >&2; exit 2 ;;
esac
