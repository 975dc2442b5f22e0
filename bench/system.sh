#!/usr/bin/env bash
# The whole-system benchmark (`./inbox bench`): one run on one stack, loopback only, stops by itself.
#
# Starts messaging and the gateway on Payara Micro as bench/fanout.sh does (free ports, a
# PostgreSQL database each, a RabbitMQ vhost, a JWT secret, an AI function key and an admin password
# of their own, the gateway's rate limits raised; all removed again on exit, failure or Ctrl-C),
# and in the same run:
#   1. raw limits: pgbench with the two-insert transaction (bench/two-inserts.sql) in the run's
#      database, and RabbitMQ's publish-with-confirm rate (persistent messages, async confirms) in
#      a second vhost of the run's own;
#   2. set-up: N operator sockets on the gateway's /ws, M customer conversations;
#   3. ingest: C workers send customer messages back to back through the gateway (after a warm-up);
#   4. headline: R customer messages/s (after a warm-up): send -> 201 and stored -> delivered to all
#      N sockets, per second as well (charted in latency.png);
#   5. AI overhead: one analyze replica against an Ollama double answering after L ms (a process
#      of its own, test-support's OllamaDouble); stored -> ai.completed on all sockets minus L;
#   6. AI throughput: 1, 2, 4, ... replicas against a double answering after M ms (500);
#   7. memory of every process after the ingest phases, after 5 and after the largest burst.
# No analyze replica runs during 3 and 4 (see docs/performance.md). For every phase: what a message
# cost (CPU ms of each process, PostgreSQL statements, transactions and round trips per database,
# gateway CPU per frame delivered). PostgreSQL is a private server of the run (initdb into /tmp, a
# free loopback port, pg_stat_statements preloaded, the shared server's commit settings), stopped
# and removed on exit; pgbench runs against it too. Writes report.md, report.json and latency.png
# into bench/target/system-<time>-<id>/ (also bench/target/system-latest.md).
#
# Usage: bench/system.sh [--quick] [--customers M] [--operators N] [--rate R] [--duration S]
#                        [--warmup S] [--concurrency C] [--ollama-latency-ms L] [--ai-rate R]
#                        [--ai-messages K] [--burst B] [--max-replicas X] [--delivery-timeout S]
#                        [--drain-limit S] [--pgbench-duration S] [--rabbit-duration S] [--jfr 0|1]
#                        [--model-latency-ms M] [--addresses A] [--shared-postgres]
#   --quick   smoke run (under 2 minutes of load; its figures mean nothing): 5 s phases, 2 s
#             warm-ups, 20 operators, 10 customers, 50 msg/s, 40 AI messages, bursts of 8,
#             5 s pgbench and RabbitMQ
#   --jfr 1   a JFR profile (settings=profile) of messaging and the gateway over the whole load,
#             kept next to the report (messaging.jfr, gateway.jfr), its breakdown by layer of the
#             stack appended to the report (bench/profile.sh)
#   --model-latency-ms M  the double's latency in the AI throughput phase (0 for the target of one
#             replica's events/s with the model at 0 ms)
#   --addresses A  the client addresses the customers write from, named in X-Forwarded-For (the
#             gateway trusts 127.0.0.1 as its proxy in these runs): customer i from the
#             ((i mod A) + 1)-th of 10.0.0.1, 10.0.0.2, ...; 0 (the default): one per customer;
#             1: no header, every request from 127.0.0.1 (the runs before 2026-12-07)
#   --shared-postgres  the shared server (POSTGRES_HOST/PORT) instead of a private one: no
#             statements per message (no pg_stat_statements there), the rest as before
# Each option can also be set in the environment: BENCH_CUSTOMERS (100), BENCH_OPERATORS (200),
# BENCH_RATE (200), BENCH_DURATION (30), BENCH_WARMUP (60), BENCH_CONCURRENCY (32),
# BENCH_OLLAMA_LATENCY_MS (50), BENCH_MODEL_LATENCY_MS (500), BENCH_AI_RATE (5),
# BENCH_AI_MESSAGES (150), BENCH_BURST (40),
# BENCH_MAX_REPLICAS (4), BENCH_DELIVERY_TIMEOUT (10), BENCH_DRAIN_LIMIT (180),
# BENCH_PGBENCH_DURATION (20), BENCH_RABBIT_DURATION (10), BENCH_JFR (0), BENCH_ADDRESSES (0),
# BENCH_SHARED_POSTGRES
# (0; 1 as --shared-postgres); BENCH_JAVA_OPTS for the
# load generator's JVM (-Xmx256m), FUNCTION_JAVA_OPTS for each replica's (-Xmx128m, as ./inbox up).
# The services read POSTGRES_HOST/PORT/USER/PASSWORD/POOL_MAX, RABBITMQ_HOST/PORT/USER/PASSWORD,
# EVENT_EXCHANGE, AI_ANALYZE_SENDERS and JAVA_OPTS as ./inbox passes them (docs/configuration.md).
set -euo pipefail

# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

options customers=100 operators=200 rate=200 duration=30 warmup=60 concurrency=32 \
  ollama-latency-ms=50 model-latency-ms=500 ai-rate=5 ai-messages=150 burst=40 max-replicas=4 \
  delivery-timeout=10 drain-limit=180 pgbench-duration=20 rabbit-duration=10 jfr=0 addresses=0
quick() {
  DURATION=5; WARMUP=2; OPERATORS=20; CUSTOMERS=10; RATE=50; CONCURRENCY=8; AI_MESSAGES=40
  BURST=8; PGBENCH_DURATION=5; RABBIT_DURATION=5; DRAIN_LIMIT=30
}
SHARED_POSTGRES="${BENCH_SHARED_POSTGRES:-0}"
parse_options "$@"
{ [ "$CUSTOMERS" -ge 1 ] && [ "$OPERATORS" -ge 1 ] && [ "$RATE" -ge 1 ] && [ "$DURATION" -ge 1 ] \
  && [ "$CONCURRENCY" -ge 1 ] && [ "$AI_RATE" -ge 1 ] && [ "$AI_MESSAGES" -ge 1 ] \
  && [ "$BURST" -ge 1 ] && [ "$MAX_REPLICAS" -ge 1 ] && [ "$MAX_REPLICAS" -le 32 ] \
  && [ "$DELIVERY_TIMEOUT" -ge 1 ] && [ "$PGBENCH_DURATION" -ge 1 ] \
  && [ "$RABBIT_DURATION" -ge 1 ] && [ "$JFR" -le 1 ] && [ "$MODEL_LATENCY_MS" -ge 0 ] \
  && [ "$ADDRESSES" -ge 0 ]; } \
  || die "every figure must be at least 1 (the warm-up and drain limit at least 0)," \
    "max-replicas 1..32, jfr 0 or 1, the model's latency and addresses at least 0"
MODEL_LATENCY="$MODEL_LATENCY_MS"
[ "$ADDRESSES" != 0 ] || ADDRESSES="$CUSTOMERS"
PGBENCH_CLIENTS=8

require_tools java psql pgbench rabbitmqctl curl ss getconf
[ "$JFR" = 0 ] || require_tools jcmd
require_built messaging bench
require_built gateway bench
require_functions_built bench
build_load_generator

# ---- the run's own databases, vhosts, secret and admin, removed on any exit; the services ---
# A profile keeps up to 256 frames of each sample (JFR's default, 64, cuts the request's outer
# frames off the deep stacks of Payara's request path).
[ "$JFR" = 0 ] || JAVA_OPTS="$JAVA_OPTS -XX:FlightRecorderOptions=stackdepth=256"
start_behind_gateway system
RAW_VHOST="inbox-bench-$RUN_ID-raw"
create_scratch_vhost "$RAW_VHOST"
# Writing to the load generator after it died: exit through cleanup, not killed by SIGPIPE.
trap 'exit 141' PIPE

# ---- 1. PostgreSQL alone, in the run's database (scratch tables beside messaging's) ---------
run_pgbench "$DB" "$PGBENCH_CLIENTS" "$PGBENCH_DURATION"

# The frames whose inclusive share the profiles report: the request's own parts in each service
# and the container's parts they run in (bench/profile.sh matches them as substrings).
PROFILE_FRAMES="SecurityHeadersFilter.doFilter,BearerAuthFilter.filter,MessageResource.post"
PROFILE_FRAMES+=",MessageService.post,OutboxRelay,CustomerResource,HttpMessagingClient"
PROFILE_FRAMES+=",PostgresSharedBuckets,SocketHub.flushAll,RabbitMqEventSubscriber"
PROFILE_FRAMES+=",org.glassfish.jersey.server.ServerRuntime,org.jboss.weld.contexts"
PROFILE_FRAMES+=",com.sun.enterprise.transaction,ODLLogFormatter"
if [ "$JFR" = 1 ]; then
  for service in messaging gateway; do
    jcmd "$(pid_of "$service")" JFR.start name=bench settings=profile >/dev/null \
      || die "cannot start JFR in $service"
  done
  dump_profiles() {
    local service
    for service in messaging gateway; do
      jcmd "$(pid_of "$service")" JFR.dump name=bench filename="$OUT/$service.jfr" >/dev/null \
        && say "JFR profile of $service: $OUT/$service.jfr"
    done
  }
  # Also when the run fails: the profile of a failed run is the one most wanted.
  before_cleanup() { [ -f "$OUT/gateway.jfr" ] || dump_profiles; }
fi

{
  heading_intro "Whole-system benchmark" "" \
    contracts auth platform messaging-war gateway-war functions payara-config test-support bench
  heading_gateway_services
  if [ -n "$PRIVATE_PG_DIR" ]; then
    printf -- '- PostgreSQL: a private server of the run on 127.0.0.1:%s (%s, %s), with' \
      "$PG_PORT" "$PRIVATE_PG_DIR" "$(df -T "$PRIVATE_PG_DIR" | awk 'NR == 2 { print $2 }')"
    printf ' pg_stat_statements (track = all); from the shared server: %s\n' \
      "${PG_SETTINGS:-nothing (it did not answer): defaults}"
  else
    printf -- '- PostgreSQL: the shared server %s:%s (--shared-postgres)\n' "$PG_HOST" "$PG_PORT"
  fi
  printf -- '- analyze replicas: %s each, AI_CONCURRENCY=%s, OLLAMA_MODEL=%s; only in the AI' \
    "$FUNCTION_JAVA_OPTS" "$REPLICA_CONCURRENCY" "$MODEL"
  printf ' phases, fresh for each\n'
  printf -- '- model: test-support OllamaDouble (-Xmx64m) processes answering after %s ms (AI' \
    "$OLLAMA_LATENCY_MS"
  printf ' overhead) and %s ms (AI throughput)\n' "$MODEL_LATENCY"
  printf -- '- load generator: %s; %s operator sockets (one admin token), %s customers' \
    "$BENCH_JAVA_OPTS" "$OPERATORS" "$CUSTOMERS"
  printf ' (conversations; a random one per message) writing from %s%s\n\n' \
    "$([ "$ADDRESSES" = 1 ] && printf '127.0.0.1 alone' \
      || printf '%s client addresses (X-Forwarded-For)' "$ADDRESSES")" \
    "$([ "$JFR" = 0 ] || printf '; JFR profile recording in messaging and the gateway')"
} >"$OUT/heading.md"

# ---- 2 to 7: the load; the load generator asks for replicas on its stdout --------------------
serve_load_generator SystemBenchmark "${GATEWAY_LOAD_OPTIONS[@]}" \
  --customers "$CUSTOMERS" --operators "$OPERATORS" --rate "$RATE" --duration "$DURATION" \
  --warmup "$WARMUP" --concurrency "$CONCURRENCY" --ollama-latency "$OLLAMA_LATENCY_MS" \
  --ai-rate "$AI_RATE" --ai-messages "$AI_MESSAGES" --model-latency "$MODEL_LATENCY" \
  --burst "$BURST" --max-replicas "$MAX_REPLICAS" --delivery-timeout "$DELIVERY_TIMEOUT" \
  --addresses "$ADDRESSES" \
  --drain-limit "$DRAIN_LIMIT" --rabbit-host "${RABBITMQ_HOST:-127.0.0.1}" \
  --rabbit-port "${RABBITMQ_PORT:-5672}" --rabbit-user "${RABBITMQ_USER:-guest}" \
  --raw-vhost "$RAW_VHOST" --rabbit-duration "$RABBIT_DURATION" \
  --pgbench "$OUT/pgbench.properties" --ready "$OUT/ready.properties" --out "$OUT" \
  --heading "$OUT/heading.md" \
  --command "./inbox bench$([ ${#ARGS[@]} -eq 0 ] || printf ' %s' "${ARGS[@]}")"

if [ "$JFR" = 1 ]; then
  # Where each service's CPU went, by layer of the stack (bench/profile.sh); the gateway's
  # samples under its login resource are the run's own logins (password hashing), not a message's.
  dump_profiles
  {
    printf '\n## Profiles (JFR, the whole load)\n\n'
    load_generator JfrBreakdown --jfr "$OUT/messaging.jfr" --frames "$PROFILE_FRAMES"
    load_generator JfrBreakdown --jfr "$OUT/gateway.jfr" --exclude LoginResource \
      --frames "$PROFILE_FRAMES"
  } >>"$OUT/report.md" || die "cannot read the JFR profiles"
fi
cp "$OUT/report.md" "$BENCH/target/system-latest.md"
printf '\n'
cat "$OUT/report.md"
printf '\n(report: %s/report.md, report.json, latency.png; also bench/target/system-latest.md)\n' \
  "${OUT#"$ROOT/"}"
