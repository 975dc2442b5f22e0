#!/usr/bin/env bash
# Benchmark of the AI functions (`./inbox bench ai`): loopback only, stops by itself.
#
# Starts messaging and the gateway on Payara Micro as bench/fanout.sh does (free ports, a
# PostgreSQL database each, a RabbitMQ vhost, a JWT secret, an AI function key and an admin password
# of their own, the gateway's rate limits raised; all removed again on exit, failure or Ctrl-C). The
# replicas get the AI function key (AI_FUNCTION_SECRET), never the JWT secret. No Ollama: model
# calls go to test-support's OllamaDouble, run here as a process of its own that speaks Ollama's
# HTTP API and answers every call with a valid insight after a fixed latency; it answers
# concurrent calls in parallel, like an Ollama with enough capacity. The load generator opens
# operator sockets on the gateway's /ws and asks this script for analyze replicas (plain JVMs,
# started as ./inbox up starts them, AI_CONCURRENCY from the environment, 1 if unset, as
# ./inbox up) when it needs them. In this order:
#   1. latency: one replica, the double answering at once; customer messages through the gateway
#      at R msg/s (after a warm-up at that rate), M measured; for each, from stored (its
#      created_at) to its message.created and to its ai.completed frame on the operator sockets,
#      and in between, from messaging's database, to published (outbox) and to insight stored;
#   2. throughput: 1, 2, 4, ... up to X replicas, fresh each time, the double answering after
#      L ms; after 3 unmeasured messages per replica (their first events run cold code), a burst
#      of B customer messages, then insights per second from the burst's first request to its
#      last ai.completed frame, and the ratio to one replica;
#   3. VmRSS / VmHWM of every replica after its phase, and CPU per process group.
# It prints a Markdown report (explained in docs/performance.md), also kept in bench/target/.
#
# Usage: bench/ai.sh [--quick] [--messages M] [--rate R] [--warmup S] [--burst B]
#                    [--max-replicas X] [--model-latency L] [--sockets N] [--conversations K]
#                    [--delivery-timeout S]
#   --quick   smoke run: 40 messages, 2 s warm-up, bursts of 8, 5 conversations, 10 s delivery
#             timeout
# Each option can also be set in the environment: BENCH_MESSAGES (300), BENCH_RATE (20),
# BENCH_WARMUP (30), BENCH_BURST (40), BENCH_MAX_REPLICAS (4), BENCH_MODEL_LATENCY (500 ms),
# BENCH_SOCKETS (1), BENCH_CONVERSATIONS (20), BENCH_DELIVERY_TIMEOUT (30 s); BENCH_JAVA_OPTS for
# the load generator's JVM (-Xmx256m), FUNCTION_JAVA_OPTS for each replica's (-Xmx128m, as
# ./inbox up). The services read POSTGRES_HOST/PORT/USER/PASSWORD/POOL_MAX,
# RABBITMQ_HOST/PORT/USER/PASSWORD, EVENT_EXCHANGE, AI_ANALYZE_SENDERS and JAVA_OPTS as ./inbox
# passes them (docs/configuration.md).
set -euo pipefail

# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

options messages=300 rate=20 warmup=30 burst=40 max-replicas=4 model-latency=500 sockets=1 \
  conversations=20 delivery-timeout=30
quick() { MESSAGES=40; WARMUP=2; BURST=8; CONVERSATIONS=5; DELIVERY_TIMEOUT=10; }
parse_options "$@"
{ [ "$MESSAGES" -ge 1 ] && [ "$RATE" -ge 1 ] && [ "$BURST" -ge 1 ] && [ "$MAX_REPLICAS" -ge 1 ] \
  && [ "$MAX_REPLICAS" -le 32 ] && [ "$SOCKETS" -ge 1 ] && [ "$CONVERSATIONS" -ge 1 ] \
  && [ "$DELIVERY_TIMEOUT" -ge 1 ]; } \
  || die "messages, rate, burst, sockets, conversations and the delivery timeout must be at" \
    "least 1, max-replicas 1..32"

require_tools java psql rabbitmqctl curl ss getconf
require_built messaging ai
require_built gateway ai
require_functions_built ai
build_load_generator

# ---- the run's own databases, vhost, secret and admin, removed on any exit; the services ----
start_behind_gateway ai
# Writing to the load generator after it died: exit through cleanup, not killed by SIGPIPE.
trap 'exit 141' PIPE

{
  heading_intro "AI functions benchmark" ai \
    contracts auth platform messaging-war gateway-war functions payara-config test-support
  heading_gateway_services
  printf -- '- analyze replicas: %s each, AI_CONCURRENCY=%s, OLLAMA_MODEL=%s, other settings at' \
    "$FUNCTION_JAVA_OPTS" "$REPLICA_CONCURRENCY" "$MODEL"
  printf ' their defaults; fresh replicas for each phase\n'
  printf -- '- model: test-support OllamaDouble (-Xmx64m), a process of its own answering every'
  printf ' call with a valid insight after 0 ms (latency) or %s ms (throughput), concurrent' \
    "$MODEL_LATENCY"
  printf ' calls in parallel (a thread each)\n'
  printf -- '- load generator: %s; %s operator socket(s) (one admin token), %s customer' \
    "$BENCH_JAVA_OPTS" "$SOCKETS" "$CONVERSATIONS"
  printf ' conversations (a random one per message)\n\n'
} >"$OUT/heading.md"

# ---- the load: the load generator asks for replicas on its stdout, answered on its stdin ----
serve_load_generator AiBenchmark "${GATEWAY_LOAD_OPTIONS[@]}" \
  --sockets "$SOCKETS" --conversations "$CONVERSATIONS" \
  --rate "$RATE" --warmup "$WARMUP" --messages "$MESSAGES" --burst "$BURST" \
  --max-replicas "$MAX_REPLICAS" --model-latency "$MODEL_LATENCY" \
  --delivery-timeout "$DELIVERY_TIMEOUT" --report "$OUT/results.md"

finish_report ai
