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
{ [ "$DURATION" -ge 1 ] && [ "$RATE" -ge 1 ] && [ "$SOCKETS" -ge 1 ] && [ "$CONCURRENCY" -ge 1 ] \
  && [ "$CONVERSATIONS" -ge 1 ] && [ "$DELIVERY_TIMEOUT" -ge 1 ]; } \
  || die "duration, rate, sockets, concurrency, conversations and the delivery timeout must be" \
    "at least 1"

require_tools java psql rabbitmqctl curl ss getconf
require_built messaging fanout
require_built gateway fanout
build_load_generator

# ---- the run's own databases, vhost, secret and admin, removed on any exit; the services ----
start_behind_gateway fanout

{
  heading_intro "WebSocket fan-out benchmark" fanout \
    contracts auth platform messaging-war gateway-war payara-config
  heading_gateway_services
  printf -- '- load generator: %s; %s operator sockets (one admin token), %s customer' \
    "$BENCH_JAVA_OPTS" "$SOCKETS" "$CONVERSATIONS"
  printf ' conversations (a random one per message)\n\n'
} >"$OUT/heading.md"

# ---- the load -------------------------------------------------------------------------------
BENCH_ADMIN_PASSWORD="$ADMIN_PASSWORD" POSTGRES_PASSWORD="$PG_PASSWORD" \
  load_generator FanoutBenchmark "${GATEWAY_LOAD_OPTIONS[@]}" \
  --sockets "$SOCKETS" --conversations "$CONVERSATIONS" \
  --rate "$RATE" --warmup "$WARMUP" --duration "$DURATION" --concurrency "$CONCURRENCY" \
  --delivery-timeout "$DELIVERY_TIMEOUT" --report "$OUT/results.md" >/dev/null

finish_report fanout
