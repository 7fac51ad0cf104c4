#!/usr/bin/env bash
# Prepares the benchmark database on the throwaway cluster (port 5433): migrate, the real plan
# files, and 100 synthetic plans x 100 indicators (with critiques). Skips the slow generation when
# the database already holds synthetic-100 (delete with BENCH_FRESH=1).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/env.sh
bench/cluster.sh start >/dev/null

if [ "${BENCH_FRESH:-0}" = 1 ]; then dropdb -h 127.0.0.1 -p "$BENCH_PG_PORT" -U postgres --if-exists "$BENCH_DB"; fi
createdb -h 127.0.0.1 -p "$BENCH_PG_PORT" -U postgres "$BENCH_DB" 2>/dev/null || true

.venv/bin/python manage.py migrate --noinput -v 0
.venv/bin/python manage.py collectstatic --noinput -v 0
have=$(psql -h 127.0.0.1 -p "$BENCH_PG_PORT" -U postgres -d "$BENCH_DB" -tAc \
  "select count(*) from plans_plan where slug='synthetic-100'")
if [ "$have" = 1 ]; then
  echo "== benchmark data present (synthetic-100 found); skipping generation"
else
  .venv/bin/python manage.py load_rubric fixtures/rubrics/*.yaml
  .venv/bin/python manage.py load_plan fixtures/*.yaml
  echo "== generating 100 synthetic plans x 100 indicators (takes minutes)"
  time .venv/bin/python manage.py generate_synthetic_plans --plans 100 --indicators 100 | tail -1
fi
psql -h 127.0.0.1 -p "$BENCH_PG_PORT" -U postgres -d "$BENCH_DB" -tAc \
  "select 'plans: '||(select count(*) from plans_plan)||', indicators: '||(select count(*) from indicators_indicator)||', critiques: '||(select count(*) from critiques_critique)"
