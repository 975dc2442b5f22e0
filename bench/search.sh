#!/usr/bin/env bash
# Search benchmark (`./inbox bench search`): loopback only, stops by itself.
#
# Starts messaging on Payara Micro the way ./inbox up does, on a free port with a PostgreSQL
# database, a RabbitMQ vhost and a JWT secret of its own (all removed again on exit, failure or
# Ctrl-C); its Flyway migrations create the schema. Then:
#   1. seeds the database (bench/search-seed.sql): C conversations of M/C messages each, AI
#      summaries, words of every frequency (Zipf), then VACUUM ANALYZE; the time is reported;
#   2. measures GET /search for each kind of query (SearchBenchmark: common, medium and rare words,
#      several words, a phrase, each filter), Q searches each after a warm-up, one at a time;
# and prints a Markdown report (explained in docs/performance.md), also kept in bench/target/.
#
# Usage: bench/search.sh [--quick] [--messages M] [--conversations C] [--queries Q] [--warmup W]
#   --quick   smoke run: 20,000 messages in 2,000 conversations, 20 searches per kind
# Each option can also be set in the environment: BENCH_MESSAGES (1000000), BENCH_CONVERSATIONS
# (100000), BENCH_QUERIES (200), BENCH_WARMUP (100); BENCH_JAVA_OPTS for the load generator's JVM.
set -euo pipefail

# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

options messages=1000000 conversations=100000 queries=200 warmup=100
quick() { MESSAGES=20000; CONVERSATIONS=2000; QUERIES=20; WARMUP=20; }
parse_options "$@"
{ [ "$CONVERSATIONS" -ge 1 ] && [ "$QUERIES" -ge 1 ] && [ "$MESSAGES" -ge "$CONVERSATIONS" ]; } \
  || die "conversations and queries must be at least 1, messages at least conversations"
PER=$((MESSAGES / CONVERSATIONS))

require_tools java psql rabbitmqctl curl ss getconf
require_built messaging search
build_load_generator

new_run search
DB="inbox_bench_$RUN_ID"
install_cleanup
create_database "$DB"
create_vhost "inbox-bench-$RUN_ID"
say "run $RUN_ID: database $DB, vhost $VHOST, output $OUT"

PORT="$(free_port)"
start_payara messaging "$PORT" "$DB"
await_ready messaging "$PORT"

# ---- 1. seeding -----------------------------------------------------------------------------
say "seeding $((PER * CONVERSATIONS)) messages in $CONVERSATIONS conversations"
SEED_START="$(date +%s)"
"${PSQL[@]}" -d "$DB" -v conversations="$CONVERSATIONS" -v per="$PER" -f "$BENCH/search-seed.sql"
SEED_SECONDS="$(($(date +%s) - SEED_START))"
say "seeded in ${SEED_SECONDS} s; database $("${PSQL[@]}" -d "$DB" -tAc \
  "select pg_size_pretty(pg_database_size(current_database()))")"

{
  heading_intro "Search benchmark" search contracts messaging-war bench
  printf -- '- messaging: JAVA_OPTS=%s; database %s, of which the search indexes: %s\n' "$JAVA_OPTS" \
    "$("${PSQL[@]}" -d "$DB" -tAc "select pg_size_pretty(pg_database_size(current_database()))")" \
    "$("${PSQL[@]}" -d "$DB" -tAc "select string_agg(c.relname || ' ' || pg_size_pretty(pg_relation_size(c.oid)), ', ' order by c.relname) from pg_class c where c.relname like '%search_idx'")"
} >"$OUT/heading.md"

# ---- 2. searches ----------------------------------------------------------------------------
JWT_SECRET="$JWT" POSTGRES_PASSWORD="$PG_PASSWORD" load_generator SearchBenchmark \
  --url "http://127.0.0.1:$PORT" --jdbc-url "jdbc:postgresql://$PG_HOST:$PG_PORT/$DB" \
  --db-user "$PG_USER" --queries "$QUERIES" --warmup "$WARMUP" --seed-seconds "$SEED_SECONDS" \
  --report "$OUT/results.md" >/dev/null

finish_report search
