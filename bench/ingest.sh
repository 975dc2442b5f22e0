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

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"

DURATION="${BENCH_DURATION:-30}"
WARMUP="${BENCH_WARMUP:-90}"
RATE_WARMUP="${BENCH_RATE_WARMUP:-10}"
CONCURRENCY="${BENCH_CONCURRENCY:-16}"
RATE="${BENCH_RATE:-300}"
CONVERSATIONS="${BENCH_CONVERSATIONS:-1000}"
PGBENCH_CLIENTS="${BENCH_PGBENCH_CLIENTS:-8}"
PGBENCH_DURATION="${BENCH_PGBENCH_DURATION:-20}"
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx256m}"

PG_HOST="${POSTGRES_HOST:-127.0.0.1}"
PG_PORT="${POSTGRES_PORT:-5432}"
PG_USER="${POSTGRES_USER:-postgres}"
PG_PASSWORD="${POSTGRES_PASSWORD:-postgres}"
JAVA_OPTS="${JAVA_OPTS:--Xmx512m}"
READY_TIMEOUT="${READY_TIMEOUT:-240}"

say() { printf '%s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 2; }

ARGS=("$@")
LOADAVG_AT_START="$(cut -d' ' -f1-3 /proc/loadavg)"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) DURATION=5; WARMUP=2; RATE_WARMUP=2; PGBENCH_DURATION=5; shift ;;
    --duration) DURATION="${2:?}"; shift 2 ;;
    --warmup) WARMUP="${2:?}"; shift 2 ;;
    --rate-warmup) RATE_WARMUP="${2:?}"; shift 2 ;;
    --concurrency) CONCURRENCY="${2:?}"; shift 2 ;;
    --rate) RATE="${2:?}"; shift 2 ;;
    --conversations) CONVERSATIONS="${2:?}"; shift 2 ;;
    --pgbench-clients) PGBENCH_CLIENTS="${2:?}"; shift 2 ;;
    --pgbench-duration) PGBENCH_DURATION="${2:?}"; shift 2 ;;
    -h|--help) usage ;;
    *) say "unknown option: $1"; usage ;;
  esac
done
for n in "$DURATION" "$WARMUP" "$RATE_WARMUP" "$CONCURRENCY" "$RATE" "$CONVERSATIONS" \
  "$PGBENCH_CLIENTS" "$PGBENCH_DURATION"; do
  [[ "$n" =~ ^[0-9]+$ ]] || die "not a whole number: $n"
done
[ "$DURATION" -ge 1 ] && [ "$CONCURRENCY" -ge 1 ] && [ "$RATE" -ge 1 ] \
  && [ "$PGBENCH_CLIENTS" -ge 1 ] && [ "$PGBENCH_DURATION" -ge 1 ] \
  || die "duration, concurrency, rate and the pgbench figures must be at least 1"

for tool in java psql pgbench rabbitmqctl curl ss getconf; do
  command -v "$tool" >/dev/null || die "$tool not found"
done
WAR="$ROOT/messaging-war/target/messaging.war"
RUNTIME="$ROOT/messaging-war/target/runtime"
[ -f "$WAR" ] && [ -f "$RUNTIME/payara-micro.jar" ] && [ -f "$RUNTIME/postgresql.jar" ] \
  || die "messaging is not built: run ./inbox bench ingest (it builds), or mvn package"

# ---- the load generator (bench/ module) -----------------------------------------------------
JAR="$BENCH/target/bench.jar"
CLASSPATH_FILE="$BENCH/target/classpath.txt"

bench_is_current() {
  local entry entries
  [ -f "$JAR" ] && [ -f "$CLASSPATH_FILE" ] || return 1
  [ -z "$(find "$BENCH/src" "$BENCH/pom.xml" "$ROOT/pom.xml" "$ROOT/test-support/src" \
    "$ROOT/test-support/pom.xml" -newer "$JAR" -type f -print -quit)" ] || return 1
  IFS=: read -ra entries <"$CLASSPATH_FILE"
  for entry in "${entries[@]}"; do
    [ -e "$entry" ] || return 1
  done
}

if ! bench_is_current; then
  say "building the load generator (mvn package -pl bench -am, tests skipped)..."
  (cd "$ROOT" && mvn -B -q -DskipTests -Dspotless.check.skip=true -pl bench -am package) >&2 \
    || die "build of bench/ failed"
fi

# ---- the run's own database, vhost and secret; removed on any exit --------------------------
RUN_ID="$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
DB="inbox_bench_$RUN_ID"
VHOST="inbox-bench-$RUN_ID"
JWT="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
OUT="$BENCH/target/ingest-$(date -u +%Y%m%dT%H%M%SZ)-$RUN_ID"
mkdir -p "$OUT"
export PGPASSWORD="$PG_PASSWORD"
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER")

PAYARA_PID=""
DB_CREATED=""
VHOST_CREATED=""

stop_payara() {
  local i
  kill -TERM "$PAYARA_PID" 2>/dev/null || return 0
  for i in $(seq 1 30); do
    kill -0 "$PAYARA_PID" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "$PAYARA_PID" 2>/dev/null; then
    kill -KILL "$PAYARA_PID"
  fi
  say "stopped messaging (pid $PAYARA_PID)"
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  [ -n "$PAYARA_PID" ] && stop_payara
  if [ -n "$DB_CREATED" ]; then
    "${PSQL[@]}" -d postgres -c "drop database if exists $DB with (force)" \
      && say "dropped database $DB"
  fi
  if [ -n "$VHOST_CREATED" ]; then
    rabbitmqctl -q delete_vhost "$VHOST" >/dev/null && say "deleted vhost $VHOST"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"${PSQL[@]}" -d postgres -c "create database $DB" || die "cannot create database $DB"
DB_CREATED=1
rabbitmqctl -q add_vhost "$VHOST" >/dev/null || die "cannot add vhost $VHOST"
VHOST_CREATED=1
rabbitmqctl -q set_permissions -p "$VHOST" guest ".*" ".*" ".*" >/dev/null \
  || die "cannot grant guest on vhost $VHOST"
say "run $RUN_ID: database $DB, vhost $VHOST, output $OUT"

# ---- messaging, as ./inbox's start_service starts it ----------------------------------------
free_port() {
  local i p
  for i in $(seq 1 50); do
    p=$((20000 + RANDOM % 40000))
    if [ -z "$(ss -Hltn "sport = :$p")" ]; then
      printf '%s' "$p"
      return
    fi
  done
  die "no free port found in 50 tries"
}
PORT="$(free_port)"

# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
BIND_ADDRESS=127.0.0.1 SERVICE_NAME=messaging \
  POSTGRES_HOST="$PG_HOST" POSTGRES_PORT="$PG_PORT" POSTGRES_DB="$DB" POSTGRES_USER="$PG_USER" \
  POSTGRES_PASSWORD="$PG_PASSWORD" POSTGRES_POOL_MAX="${POSTGRES_POOL_MAX:-32}" \
  RABBITMQ_HOST="${RABBITMQ_HOST:-127.0.0.1}" RABBITMQ_PORT="${RABBITMQ_PORT:-5672}" \
  RABBITMQ_VHOST="$VHOST" RABBITMQ_USER="${RABBITMQ_USER:-guest}" \
  RABBITMQ_PASSWORD="${RABBITMQ_PASSWORD:-guest}" JWT_SECRET="$JWT" \
  EVENT_EXCHANGE="${EVENT_EXCHANGE:-inbox.events}" \
  AI_ANALYZE_SENDERS="${AI_ANALYZE_SENDERS:-customer}" \
  nohup java $JAVA_OPTS -jar "$RUNTIME/payara-micro.jar" \
  --nohazelcast --disablephonehome --port "$PORT" \
  --addLibs "$RUNTIME/postgresql.jar" \
  --prebootcommandfile "$ROOT/payara-config/pre-boot-commands.asadmin" \
  --postbootcommandfile "$ROOT/payara-config/post-boot-commands.asadmin" \
  --deploy "$WAR" >"$OUT/messaging.log" 2>&1 &
PAYARA_PID=$!
say "messaging starting on 127.0.0.1:$PORT (pid $PAYARA_PID, log $OUT/messaging.log)"

deadline=$(($(date +%s) + READY_TIMEOUT))
body=""
while :; do
  kill -0 "$PAYARA_PID" 2>/dev/null || {
    tail -n 40 "$OUT/messaging.log" >&2
    PAYARA_PID=""
    die "messaging exited during start-up (log above)"
  }
  body="$(curl -fsS --max-time 5 "http://127.0.0.1:$PORT/health/ready" 2>/dev/null || true)"
  if [[ "$body" == *'"database"'* && "$body" == *'"status":"UP"'* && "$body" != *'"DOWN"'* ]]; then
    break
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    tail -n 40 "$OUT/messaging.log" >&2
    die "messaging not ready after ${READY_TIMEOUT}s; readiness: ${body:-no answer}"
  fi
  sleep 1
done
say "messaging ready"

# ---- what ran where: the report's heading ---------------------------------------------------
payara_version="$(grep -om1 'Payara Micro [0-9][0-9.]*' "$OUT/messaging.log" || true)"
{
  printf '## Ingest benchmark, %s\n\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf -- '- command: `./inbox bench ingest%s`\n' \
    "$([ ${#ARGS[@]} -eq 0 ] || printf ' %s' "${ARGS[@]}")"
  if git -C "$ROOT" rev-parse --verify -q HEAD >/dev/null 2>&1; then
    printf -- '- code: commit %s%s\n' "$(git -C "$ROOT" rev-parse --short HEAD)" \
      "$(git -C "$ROOT" diff --quiet HEAD -- contracts messaging-war payara-config \
        || printf ' plus uncommitted changes in contracts/, messaging-war/ or payara-config/')"
  fi
  printf -- '- machine: %s cores (%s), %s MiB RAM, Linux %s; load average at start: %s\n' \
    "$(nproc)" "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)" \
    "$(($(sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' /proc/meminfo) / 1024))" "$(uname -r)" \
    "$LOADAVG_AT_START"
  printf -- '- JDK: %s; %s; PostgreSQL %s; RabbitMQ %s\n' \
    "$(java -version 2>&1 | head -n1)" "${payara_version:-Payara Micro (version not logged)}" \
    "$("${PSQL[@]}" -d "$DB" -tAc 'show server_version')" "$(rabbitmqctl -q version 2>/dev/null)"
  printf -- '- messaging: JAVA_OPTS=%s, POSTGRES_POOL_MAX=%s, AI_ANALYZE_SENDERS=%s;' \
    "$JAVA_OPTS" "${POSTGRES_POOL_MAX:-32}" "${AI_ANALYZE_SENDERS:-customer}"
  printf ' load generator: %s, %s conversations\n\n' "$BENCH_JAVA_OPTS" "$CONVERSATIONS"
} >"$OUT/heading.md"

# ---- 1. PostgreSQL alone --------------------------------------------------------------------
PGBENCH_THREADS=$((PGBENCH_CLIENTS < 2 ? PGBENCH_CLIENTS : 2))
say "pgbench: $PGBENCH_CLIENTS clients, $PGBENCH_THREADS threads, ${PGBENCH_DURATION}s," \
  "bench/two-inserts.sql"
"${PSQL[@]}" -d "$DB" -f "$BENCH/two-inserts-schema.sql"
pgbench -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -n -c "$PGBENCH_CLIENTS" -j "$PGBENCH_THREADS" \
  -T "$PGBENCH_DURATION" -f "$BENCH/two-inserts.sql" -l --log-prefix="$OUT/pgbench-log" "$DB" \
  >"$OUT/pgbench.txt" 2>&1 || { cat "$OUT/pgbench.txt" >&2; die "pgbench failed"; }
tps="$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$OUT/pgbench.txt" | head -n1)"
transactions="$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' \
  "$OUT/pgbench.txt")"
failed="$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$OUT/pgbench.txt")"
# Per-transaction log: client, transaction, latency in microseconds, ... (pgbench docs, -l).
cat "$OUT"/pgbench-log.* | awk '$3 ~ /^[0-9]+$/ { print $3 }' | sort -n \
  >"$OUT/pgbench-latency-us.txt"
rm -f "$OUT"/pgbench-log.*
{
  printf 'clients=%s\nthreads=%s\nduration=%s\n' \
    "$PGBENCH_CLIENTS" "$PGBENCH_THREADS" "$PGBENCH_DURATION"
  printf 'transactions=%s\nfailed=%s\n' "${transactions:-?}" "${failed:-0}"
  printf 'tps=%.0f\n' "${tps:-0}"
  # Nearest-rank percentiles, in milliseconds.
  awk '{ v[NR] = $1 }
    END {
      if (NR == 0) { print "p50=?\np90=?\np99=?\nmax=?"; exit }
      split("50 90 99", ps, " ")
      for (i = 1; i <= 3; i++) {
        k = int(NR * ps[i] / 100); if (k < NR * ps[i] / 100) k++; if (k < 1) k = 1
        printf "p%s=%.2f\n", ps[i], v[k] / 1000
      }
      printf "max=%.2f\n", v[NR] / 1000
    }' "$OUT/pgbench-latency-us.txt"
} >"$OUT/pgbench.properties"
say "  pgbench: $(tr '\n' ' ' <"$OUT/pgbench.properties")"

# ---- 2 and 3. messaging under load ----------------------------------------------------------
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
JWT_SECRET="$JWT" POSTGRES_PASSWORD="$PG_PASSWORD" java $BENCH_JAVA_OPTS \
  -cp "$JAR:$(cat "$CLASSPATH_FILE")" org.supportinbox.bench.IngestBenchmark \
  --url "http://127.0.0.1:$PORT" --payara-pid "$PAYARA_PID" \
  --jdbc-url "jdbc:postgresql://$PG_HOST:$PG_PORT/$DB" --db-user "$PG_USER" \
  --concurrency "$CONCURRENCY" --duration "$DURATION" --warmup "$WARMUP" \
  --rate-warmup "$RATE_WARMUP" --rate "$RATE" \
  --conversations "$CONVERSATIONS" --clk-tck "$(getconf CLK_TCK)" \
  --pgbench "$OUT/pgbench.properties" --report "$OUT/results.md" >/dev/null

cat "$OUT/heading.md" "$OUT/results.md" >"$OUT/report.md"
cp "$OUT/report.md" "$BENCH/target/ingest-latest.md"
printf '\n'
cat "$OUT/report.md"
printf '\n(report: %s, also bench/target/ingest-latest.md)\n' "${OUT#"$ROOT/"}/report.md"
