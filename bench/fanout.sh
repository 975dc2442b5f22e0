#!/usr/bin/env bash
# WebSocket fan-out benchmark of the gateway (`./inbox bench fanout`): loopback only, stops by
# itself.
#
# Starts messaging and the gateway on Payara Micro the way ./inbox up does, but on free ports with
# a PostgreSQL database each, a RabbitMQ vhost, a JWT secret and an admin password of their own
# (all removed again on exit, failure or Ctrl-C). The gateway's rate limits are raised, since all
# the load comes from 127.0.0.1. Then the load generator logs in as the admin, opens N operator
# sockets on /ws, starts K customer conversations, and measures in this order:
#   1. fixed rate: R customer messages/s (POST /customer/messages) scheduled open loop for D s
#      after a warm-up at the same rate; latency counted from the scheduled time;
#   2. closed loop: C workers POST /customer/messages back to back for D s (ingest through the
#      gateway);
# and for every message, when the last of the N sockets received its message.created frame,
# counted from the message's created_at (stored) and from the request's start, next to messaging's
# outbox lag (stored to published). It prints a Markdown report (explained in
# docs/performance.md), also kept in bench/target/.
#
# Usage: bench/fanout.sh [--quick] [--duration S] [--warmup S] [--rate R] [--sockets N]
#                        [--concurrency C] [--conversations K] [--delivery-timeout S]
#   --quick   smoke run: 5 s phases, 2 s warm-up, 20 conversations, 5 s delivery timeout
# Each option can also be set in the environment: BENCH_DURATION (30), BENCH_WARMUP (60),
# BENCH_RATE (200), BENCH_SOCKETS (200), BENCH_CONCURRENCY (32), BENCH_CONVERSATIONS (100),
# BENCH_DELIVERY_TIMEOUT (10); BENCH_JAVA_OPTS for the load generator's JVM (-Xmx256m). The
# services read POSTGRES_HOST/PORT/USER/PASSWORD/POOL_MAX, RABBITMQ_HOST/PORT/USER/PASSWORD,
# EVENT_EXCHANGE, AI_ANALYZE_SENDERS and JAVA_OPTS as ./inbox passes them (docs/configuration.md).
set -euo pipefail

# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

options duration=30 warmup=60 rate=200 sockets=200 concurrency=32 conversations=100 \
  delivery-timeout=10
quick() { DURATION=5; WARMUP=2; CONVERSATIONS=20; DELIVERY_TIMEOUT=5; }
parse_options "$@"
[ "$DURATION" -ge 1 ] && [ "$RATE" -ge 1 ] && [ "$SOCKETS" -ge 1 ] && [ "$CONCURRENCY" -ge 1 ] \
  && [ "$CONVERSATIONS" -ge 1 ] && [ "$DELIVERY_TIMEOUT" -ge 1 ] \
  || die "duration, rate, sockets, concurrency, conversations and the delivery timeout must be" \
    "at least 1"

# Per minute, for the gateway of this run only: every socket, customer and login is 127.0.0.1.
RAISED_RATE_LIMIT=1000000

require_tools java psql rabbitmqctl curl ss getconf
require_built messaging fanout
require_built gateway fanout
build_load_generator

# ---- the run's own databases, vhost, secret and admin; removed on any exit ------------------
new_run fanout
DB="inbox_bench_$RUN_ID"
GATEWAY_DB="inbox_bench_${RUN_ID}_gateway"
ADMIN_PASSWORD="$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
install_cleanup
create_database "$DB"
create_database "$GATEWAY_DB"
create_vhost "inbox-bench-$RUN_ID"
say "run $RUN_ID: databases $DB and $GATEWAY_DB, vhost $VHOST, output $OUT"

# ---- messaging and the gateway, as ./inbox's start_service starts them ----------------------
MESSAGING_PORT="$(free_port)"
GATEWAY_PORT="$(free_port)"
while [ "$GATEWAY_PORT" = "$MESSAGING_PORT" ]; do GATEWAY_PORT="$(free_port)"; done
ORIGIN="http://127.0.0.1:$GATEWAY_PORT"
start_payara messaging "$MESSAGING_PORT" "$DB"
start_payara gateway "$GATEWAY_PORT" "$GATEWAY_DB" \
  MESSAGING_URL="http://127.0.0.1:$MESSAGING_PORT" ALLOWED_ORIGINS="$ORIGIN" \
  INBOX_ADMIN_USER=admin INBOX_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  LOGIN_RATE_PER_MINUTE="$RAISED_RATE_LIMIT" \
  CUSTOMER_START_RATE_PER_MINUTE="$RAISED_RATE_LIMIT" \
  CUSTOMER_MESSAGE_RATE_PER_MINUTE="$RAISED_RATE_LIMIT"
await_ready messaging "$MESSAGING_PORT"
await_ready gateway "$GATEWAY_PORT"

{
  heading_intro "WebSocket fan-out benchmark" fanout \
    contracts auth web messaging-war gateway-war payara-config
  printf -- '- services: JAVA_OPTS=%s each; messaging POSTGRES_POOL_MAX=%s,' \
    "$JAVA_OPTS" "${POSTGRES_POOL_MAX:-32}"
  printf ' AI_ANALYZE_SENDERS=%s\n' "${AI_ANALYZE_SENDERS:-customer}"
  printf -- '- gateway rate limits raised for this run (all load comes from 127.0.0.1):'
  printf ' LOGIN_RATE_PER_MINUTE, CUSTOMER_START_RATE_PER_MINUTE and'
  printf ' CUSTOMER_MESSAGE_RATE_PER_MINUTE=%s; other settings at their defaults\n' \
    "$RAISED_RATE_LIMIT"
  printf -- '- load generator: %s; %s operator sockets (one admin token), %s customer' \
    "$BENCH_JAVA_OPTS" "$SOCKETS" "$CONVERSATIONS"
  printf ' conversations (a random one per message)\n\n'
} >"$OUT/heading.md"

# ---- the load -------------------------------------------------------------------------------
BENCH_ADMIN_PASSWORD="$ADMIN_PASSWORD" POSTGRES_PASSWORD="$PG_PASSWORD" \
  load_generator FanoutBenchmark \
  --url "http://127.0.0.1:$GATEWAY_PORT" --origin "$ORIGIN" --admin-user admin \
  --gateway-pid "$(pid_of gateway)" --messaging-pid "$(pid_of messaging)" \
  --jdbc-url "jdbc:postgresql://$PG_HOST:$PG_PORT/$DB" --db-user "$PG_USER" \
  --gateway-database "$GATEWAY_DB" --sockets "$SOCKETS" --conversations "$CONVERSATIONS" \
  --rate "$RATE" --warmup "$WARMUP" --duration "$DURATION" --concurrency "$CONCURRENCY" \
  --delivery-timeout "$DELIVERY_TIMEOUT" --report "$OUT/results.md" >/dev/null

finish_report fanout
