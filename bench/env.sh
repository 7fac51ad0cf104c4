# Shared environment for the bench/ scripts: production settings on the throwaway cluster.
export BENCH_PG_PORT=${BENCH_PG_PORT:-5433}
export BENCH_DB=${BENCH_DB:-napwatch_bench}
export BENCH_HOST=${BENCH_HOST:-127.0.0.1}
export BENCH_PORT=${BENCH_PORT:-8141}
export DATABASE_URL=${DATABASE_URL_BENCH:-postgres://postgres@127.0.0.1:$BENCH_PG_PORT/$BENCH_DB}
export SECRET_KEY=${SECRET_KEY:-napwatch-bench-only-$(printf 'b%.0s' {1..50})}
export DEBUG=false
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-127.0.0.1,localhost}
# The HTTPS redirect stays on: requests carry X-Forwarded-Proto: https, as from the TLS proxy.
export LOG_LEVEL=${LOG_LEVEL:-WARNING}
