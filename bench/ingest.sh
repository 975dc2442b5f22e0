#!/usr/bin/env bash
# Ingest benchmark of messaging (`./inbox bench ingest`): loopback only, stops by itself.
#
# Starts messaging on Payara Micro the way ./inbox up does, but on a free port with a PostgreSQL
# database, a RabbitMQ vhost and a JWT secret of its own (all removed again on exit, failure or
# Ctrl-C), then measures in this order:
#   1. PostgreSQL alone: pgbench, one transaction = a message row and its outbox row
#      (bench/two-inserts.sql), the raw limit of the storage underneath;
#   2. closed loop: C workers POST /messages back to back for D s, after a warm-up long enough for
#      the JIT to finish (throughput climbs for a minute or more on two cores);
#   3. fixed rate: R msg/s scheduled open loop for D s after a short warm-up, latency counted from
#      the scheduled time;
# and prints a Markdown report (explained in docs/performance.md), also kept in bench/target/.
#
# Usage: bench/ingest.sh [--quick] [--duration S] [--warmup S] [--rate-warmup S] [--concurrency C]
#                        [--rate R] [--conversations K] [--pgbench-clients N] [--pgbench-duration S]
#   --quick   smoke run: 5 s phases, 2 s warm-ups, 5 s of pgbench
# Each option can also be set in the environment: BENCH_DURATION (30), BENCH_WARMUP (90),
# BENCH_RATE_WARMUP (10), BENCH_CONCURRENCY (16), BENCH_RATE (300), BENCH_CONVERSATIONS (1000),
# BENCH_PGBENCH_CLIENTS (8), BENCH_PGBENCH_DURATION (20); BENCH_JAVA_OPTS for the load generator's
# JVM (-Xmx256m). The service reads POSTGRES_HOST/PORT/USER/PASSWORD/POOL_MAX,
# RABBITMQ_HOST/PORT/USER/PASSWORD, EVENT_EXCHANGE, AI_ANALYZE_SENDERS and JAVA_OPTS as ./inbox
# passes them (docs/configuration.md).
set -euo pipefail

# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

options duration=30 warmup=90 rate-warmup=10 concurrency=16 rate=300 conversations=1000 \
  pgbench-clients=8 pgbench-duration=20
quick() { DURATION=5; WARMUP=2; RATE_WARMUP=2; PGBENCH_DURATION=5; }
parse_options "$@"
{ [ "$DURATION" -ge 1 ] && [ "$CONCURRENCY" -ge 1 ] && [ "$RATE" -ge 1 ] \
  && [ "$PGBENCH_CLIENTS" -ge 1 ] && [ "$PGBENCH_DURATION" -ge 1 ]; } \
  || die "duration, concurrency, rate and the pgbench figures must be at least 1"

require_tools java psql pgbench rabbitmqctl curl ss getconf
require_built messaging ingest
build_load_generator

# ---- the run's own database, vhost and secret; removed on any exit --------------------------
new_run ingest
DB="inbox_bench_$RUN_ID"
install_cleanup
create_database "$DB"
create_vhost "inbox-bench-$RUN_ID"
say "run $RUN_ID: database $DB, vhost $VHOST, output $OUT"

# ---- messaging, as ./inbox's start_service starts it ----------------------------------------
PORT="$(free_port)"
start_payara messaging "$PORT" "$DB"
await_ready messaging "$PORT"

{
  heading_intro "Ingest benchmark" ingest contracts messaging-war payara-config
  printf -- '- messaging: JAVA_OPTS=%s, POSTGRES_POOL_MAX=%s, AI_ANALYZE_SENDERS=%s;' \
    "$JAVA_OPTS" "${POSTGRES_POOL_MAX:-32}" "${AI_ANALYZE_SENDERS:-customer}"
  printf ' load generator: %s, %s conversations\n\n' "$BENCH_JAVA_OPTS" "$CONVERSATIONS"
} >"$OUT/heading.md"

# ---- 1. PostgreSQL alone --------------------------------------------------------------------
run_pgbench "$DB" "$PGBENCH_CLIENTS" "$PGBENCH_DURATION"

# ---- 2 and 3. messaging under load ----------------------------------------------------------
JWT_SECRET="$JWT" POSTGRES_PASSWORD="$PG_PASSWORD" load_generator IngestBenchmark \
  --url "http://127.0.0.1:$PORT" --payara-pid "$(pid_of messaging)" \
  --jdbc-url "jdbc:postgresql://$PG_HOST:$PG_PORT/$DB" --db-user "$PG_USER" \
  --concurrency "$CONCURRENCY" --duration "$DURATION" --warmup "$WARMUP" \
  --rate-warmup "$RATE_WARMUP" --rate "$RATE" --conversations "$CONVERSATIONS" \
  --pgbench "$OUT/pgbench.properties" --report "$OUT/results.md" >/dev/null

finish_report ingest
