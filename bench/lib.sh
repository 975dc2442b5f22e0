# shellcheck shell=bash
# What the benchmark scripts (bench/*.sh) share; sourced, not
# run.
#
# A run works on loopback only and owns everything it uses: PostgreSQL databases, a RabbitMQ vhost,
# a random JWT secret and AI function key, and the processes it starts (Payara Micro the way
# ./inbox up starts it, on free ports; AI function replicas, Ollama doubles). install_cleanup
# removes all of it on any exit (success, failure, Ctrl-C): each process is stopped by the pid this
# script got when starting it, never by name.
#
# The services read POSTGRES_HOST/PORT/USER/PASSWORD/POOL_MAX, RABBITMQ_HOST/PORT/USER/PASSWORD,
# EVENT_EXCHANGE, AI_ANALYZE_SENDERS and JAVA_OPTS as ./inbox passes them (docs/configuration.md);
# BENCH_JAVA_OPTS is for the load generator's JVM; AI_CONCURRENCY for every analyze replica (1, the
# product's default).

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"

BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx256m}"
PG_HOST="${POSTGRES_HOST:-127.0.0.1}"
PG_PORT="${POSTGRES_PORT:-5432}"
PG_USER="${POSTGRES_USER:-postgres}"
PG_PASSWORD="${POSTGRES_PASSWORD:-postgres}"
JAVA_OPTS="${JAVA_OPTS:--Xmx512m}"
REPLICA_CONCURRENCY="${AI_CONCURRENCY:-1}"
READY_TIMEOUT="${READY_TIMEOUT:-240}"
LOADAVG_AT_START="$(cut -d' ' -f1-3 /proc/loadavg)"

say() { printf '%s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
# The running script's header comment, from its second line to the first line that is not one.
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 2; }

# options NAME=DEFAULT...: the script's options, all whole numbers. --NAME S sets the variable NAME
# in capitals with "-" as "_" (--rate-warmup: RATE_WARMUP), which starts as BENCH_<that variable>
# from the environment, else DEFAULT.
BENCH_OPTIONS=()
options() {
  local spec var env
  for spec in "$@"; do
    var="$(option_variable "${spec%%=*}")"
    env="BENCH_$var"
    printf -v "$var" '%s' "${!env:-${spec#*=}}"
    BENCH_OPTIONS+=("${spec%%=*}")
  done
}

option_variable() {
  local v="${1^^}"
  printf '%s' "${v//-/_}"
}

# parse_options "$@": the command line (also kept in ARGS, for the report); --quick calls the
# script's function quick, -h prints the usage.
parse_options() {
  local name var
  ARGS=("$@")
  while [ $# -gt 0 ]; do
    case "$1" in
      --quick) quick; shift ;;
      # A flag of the scripts that declare SHARED_POSTGRES (bench/system.sh).
      --shared-postgres)
        [ -n "${SHARED_POSTGRES+set}" ] || { say "unknown option: $1"; usage; }
        SHARED_POSTGRES=1
        shift
        ;;
      -h|--help) usage ;;
      *)
        name="${1#--}"
        if [[ "$1" == --* && " ${BENCH_OPTIONS[*]} " == *" $name "* ]]; then
          printf -v "$(option_variable "$name")" '%s' "${2:?}"
          shift 2
        else
          say "unknown option: $1"
          usage
        fi
        ;;
    esac
  done
  for name in "${BENCH_OPTIONS[@]}"; do
    var="$(option_variable "$name")"
    require_whole_numbers "${!var}"
  done
}

require_whole_numbers() {
  local n
  for n in "$@"; do
    [[ "$n" =~ ^[0-9]+$ ]] || die "not a whole number: $n"
  done
}

require_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || die "$tool not found"
  done
}

war_of() { printf '%s/%s-war/target/%s.war' "$ROOT" "$1" "$1"; }
runtime_of() { printf '%s/%s-war/target/runtime' "$ROOT" "$1"; }

# require_built SERVICE COMMAND: the service's WAR and its Payara runtime exist.
require_built() {
  local runtime
  runtime="$(runtime_of "$1")"
  if [ ! -f "$(war_of "$1")" ] || [ ! -f "$runtime/payara-micro.jar" ] \
    || [ ! -f "$runtime/postgresql.jar" ]; then
    die "$1 is not built: run ./inbox bench $2 (it builds), or ./inbox build"
  fi
}

# ---- the load generator (bench/ module) -----------------------------------------------------
JAR="$BENCH/target/bench.jar"
CLASSPATH_FILE="$BENCH/target/classpath.txt"

# build_load_generator: bench/ and what it needs, built when they changed since their last build
# (the launcher decides, from Maven's dependency tree).
build_load_generator() {
  "$ROOT/inbox" build bench >&2 || die "build of bench/ failed"
}

# bench/'s class path: its jar and its dependencies (test-support among them).
bench_classpath() { printf '%s:%s' "$JAR" "$(cat "$CLASSPATH_FILE")"; }

# load_generator CLASS ARGS...: runs a main class of bench/ (stdout is the caller's).
load_generator() {
  local class="$1"
  shift
  # shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
  java $BENCH_JAVA_OPTS -cp "$(bench_classpath)" "org.supportinbox.bench.$class" \
    --clk-tck "$(getconf CLK_TCK)" "$@"
}

# ---- the run's own databases, vhost and secret; removed on any exit -------------------------
# new_run KIND: RUN_ID, JWT (the services' secret), AI_SECRET (the AI functions' own key),
# OUT (bench/target/KIND-<time>-<id>/), PSQL.
new_run() {
  RUN_ID="$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  JWT="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  AI_SECRET="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  OUT="$BENCH/target/$1-$(date -u +%Y%m%dT%H%M%SZ)-$RUN_ID"
  mkdir -p "$OUT"
  export PGPASSWORD="$PG_PASSWORD"
  PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER")
}

SERVICE_NAMES=()
SERVICE_PIDS=()
DATABASES=()
VHOST=""
# Vhosts of the run besides VHOST (bench/system.sh's raw RabbitMQ measurement).
SCRATCH_VHOSTS=()

# stop_process NAME PID: TERM, up to 30 s, then KILL; silent if it is already gone.
stop_process() {
  local name="$1" pid="$2" i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 30); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid"
  fi
  say "stopped $name (pid $pid)"
}

cleanup() {
  local rc=$? i db vhost
  trap - EXIT INT TERM
  set +e
  # A script may keep something of its processes before they stop (bench/system.sh: JFR).
  if declare -F before_cleanup >/dev/null; then
    before_cleanup
  fi
  for ((i = ${#SERVICE_PIDS[@]} - 1; i >= 0; i--)); do
    stop_process "${SERVICE_NAMES[$i]}" "${SERVICE_PIDS[$i]}"
  done
  # The private server goes with its databases.
  [ -z "$PRIVATE_PG_DIR" ] || { stop_private_postgres; DATABASES=(); }
  for db in "${DATABASES[@]}"; do
    "${PSQL[@]}" -d postgres -c "drop database if exists $db with (force)" \
      && say "dropped database $db"
  done
  for vhost in ${VHOST:+"$VHOST"} "${SCRATCH_VHOSTS[@]}"; do
    rabbitmqctl -q delete_vhost "$vhost" >/dev/null && say "deleted vhost $vhost"
  done
  exit "$rc"
}

install_cleanup() {
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

create_database() {
  "${PSQL[@]}" -d postgres -c "create database $1" || die "cannot create database $1"
  DATABASES+=("$1")
}

# create_vhost NAME: the vhost, with every permission for guest.
create_vhost() {
  rabbitmqctl -q add_vhost "$1" >/dev/null || die "cannot add vhost $1"
  VHOST="$1"
  grant_guest "$1"
}

# create_scratch_vhost NAME: one more vhost of the run (not the services'), deleted on exit.
create_scratch_vhost() {
  rabbitmqctl -q add_vhost "$1" >/dev/null || die "cannot add vhost $1"
  SCRATCH_VHOSTS+=("$1")
  grant_guest "$1"
}

grant_guest() {
  rabbitmqctl -q set_permissions -p "$1" guest ".*" ".*" ".*" >/dev/null \
    || die "cannot grant guest on vhost $1"
}

# ---- the run's private PostgreSQL server (bench/system.sh unless --shared-postgres) ---------
# Its own cluster in a temporary folder, on a free loopback port, with pg_stat_statements
# preloaded (statements per message): the shared server is never reconfigured. The settings that
# decide what a commit costs are the shared server's (read from it), so the figures compare.
PRIVATE_PG_DIR=""
PRIVATE_PG_PID=""
# What is copied from the shared server, if it answers; else PostgreSQL's defaults.
PG_COPIED_SETTINGS=(fsync synchronous_commit full_page_writes wal_sync_method wal_level
  shared_buffers wal_buffers max_wal_size min_wal_size checkpoint_timeout work_mem
  max_connections jit commit_delay)

# pg_bin: the folder of initdb and postgres of the version pgbench and psql are (or the newest).
pg_bin() {
  local dir
  dir="$(pg_config --bindir 2>/dev/null || true)"
  if [ -x "$dir/initdb" ]; then
    printf '%s' "$dir"
    return
  fi
  for dir in $(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -rV); do
    [ -x "$dir/initdb" ] && { printf '%s' "$dir"; return; }
  done
  die "initdb not found (PostgreSQL server binaries); use --shared-postgres"
}

# AS_POSTGRES: the prefix that runs a command as the postgres user when running as root (the
# server refuses root), else nothing. setpriv execs, so $! of "${AS_POSTGRES[@]}" CMD & is CMD's.
AS_POSTGRES=()

# start_private_postgres: initdb into a temporary folder, the server on a free loopback port with
# pg_stat_statements (track = all); PG_HOST/PG_PORT/PG_USER/PSQL then point at it. Stopped (by its
# pid) and removed by cleanup.
start_private_postgres() {
  local bin name value settings=() deadline names
  bin="$(pg_bin)"
  names="$(printf "'%s', " "${PG_COPIED_SETTINGS[@]}")"
  if [ "$(id -u)" = 0 ]; then
    require_tools setpriv
    AS_POSTGRES=(setpriv --reuid=postgres --regid=postgres --init-groups --)
  fi
  # The shared server's settings, read only (SHOW); none if it does not answer.
  while IFS='|' read -r name value; do
    [ -z "$name" ] || settings+=(-c "$name=$value")
  done < <("${PSQL[@]}" -d postgres -tA -c "select name, current_setting(name) from pg_settings
      where name in (${names%, })" 2>/dev/null || true)
  PRIVATE_PG_DIR="$(mktemp -d /tmp/inbox-bench-pg-XXXXXX)"
  [ "$(id -u)" != 0 ] || chown postgres: "$PRIVATE_PG_DIR"
  "${AS_POSTGRES[@]}" "$bin/initdb" -D "$PRIVATE_PG_DIR/data" -U postgres --auth=trust -E UTF8 \
    --locale=C.UTF-8 >"$OUT/postgres-initdb.log" 2>&1 \
    || { cat "$OUT/postgres-initdb.log" >&2; die "initdb failed"; }
  PG_HOST=127.0.0.1
  PG_PORT="$(free_port)"
  PG_USER=postgres
  PG_PASSWORD=postgres
  PG_SETTINGS="${settings[*]}"
  PG_SETTINGS="${PG_SETTINGS//-c /}"
  "${AS_POSTGRES[@]}" "$bin/postgres" -D "$PRIVATE_PG_DIR/data" -c listen_addresses=127.0.0.1 \
    -c port="$PG_PORT" -c unix_socket_directories="$PRIVATE_PG_DIR" \
    -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all \
    -c pg_stat_statements.max=10000 "${settings[@]}" >"$OUT/postgres.log" 2>&1 &
  PRIVATE_PG_PID="$!"
  say "private PostgreSQL starting on 127.0.0.1:$PG_PORT (pid $PRIVATE_PG_PID, $PRIVATE_PG_DIR," \
    "log $OUT/postgres.log)"
  PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER")
  deadline=$(($(date +%s) + 60))
  until "${PSQL[@]}" -d postgres -tAc 'select 1' >/dev/null 2>&1; do
    kill -0 "$PRIVATE_PG_PID" 2>/dev/null || { cat "$OUT/postgres.log" >&2; die "PostgreSQL exited"; }
    [ "$(date +%s)" -lt "$deadline" ] || die "private PostgreSQL not ready after 60 s"
    sleep 0.5
  done
  # The postmaster's own pid, which cleanup stops: the one the server wrote, checked against $!.
  [ "$(head -n1 "$PRIVATE_PG_DIR/data/postmaster.pid")" = "$PRIVATE_PG_PID" ] \
    || die "private PostgreSQL's pid is not $PRIVATE_PG_PID"
  "${PSQL[@]}" -d postgres -c 'create extension pg_stat_statements' \
    || die "cannot create pg_stat_statements"
}

# stop_private_postgres: fast shutdown (SIGINT) by its pid, KILL after 30 s; its folder removed.
stop_private_postgres() {
  local i
  if [ -n "$PRIVATE_PG_PID" ] && kill -INT "$PRIVATE_PG_PID" 2>/dev/null; then
    for i in $(seq 1 60); do
      kill -0 "$PRIVATE_PG_PID" 2>/dev/null || break
      sleep 0.5
    done
    kill -0 "$PRIVATE_PG_PID" 2>/dev/null && kill -KILL "$PRIVATE_PG_PID"
    say "stopped private PostgreSQL (pid $PRIVATE_PG_PID)"
  fi
  rm -rf "$PRIVATE_PG_DIR" && say "removed $PRIVATE_PG_DIR"
  PRIVATE_PG_DIR=""
  PRIVATE_PG_PID=""
}

# ---- processes of the run; services started by payara-config/start-service, as ./inbox does -
# How a service starts: the one definition (payara-config/README.md).
START_SERVICE="$ROOT/payara-config/start-service"

# free_port: a loopback port nothing uses, below the kernel's ephemeral range when there is room:
# a port in that range can be the local end of one of the run's own outbound connections (the
# sockets, the pools), which a listener cannot bind even though nothing listens on it.
free_port() {
  local i p low=60000
  read -r low _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || low=60000
  [ "$low" -gt 11000 ] || low=60000
  for i in $(seq 1 50); do
    p=$((10000 + RANDOM % (low - 10000)))
    if [ -z "$(ss -Htan "sport = :$p")" ]; then
      printf '%s' "$p"
      return
    fi
  done
  die "no free port found in 50 tries"
}

# export_run_environment: what every service of the run reads alike (the broker with the run's
# vhost, the exchange, the run's secrets, the analysed senders), exported for the processes it
# starts. In the environment, not on a command line, where ps would show the secret.
# AI_FUNCTION_SECRET is the functions' key, which messaging and the gateway verify with; the
# replicas are started without JWT_SECRET (start_replicas).
export_run_environment() {
  export RABBITMQ_HOST="${RABBITMQ_HOST:-127.0.0.1}" RABBITMQ_PORT="${RABBITMQ_PORT:-5672}" \
    RABBITMQ_VHOST="$VHOST" RABBITMQ_USER="${RABBITMQ_USER:-guest}" \
    RABBITMQ_PASSWORD="${RABBITMQ_PASSWORD:-guest}" JWT_SECRET="$JWT" \
    AI_FUNCTION_SECRET="$AI_SECRET" \
    EVENT_EXCHANGE="${EVENT_EXCHANGE:-inbox.events}" \
    AI_ANALYZE_SENDERS="${AI_ANALYZE_SENDERS:-customer}"
}

# started NAME PID: a process the run started; cleanup stops it by that pid.
started() {
  SERVICE_NAMES+=("$1")
  SERVICE_PIDS+=("$2")
}

# start_payara SERVICE PORT DATABASE [NAME=VALUE...]: the service's WAR on Payara Micro on
# 127.0.0.1:PORT in the background (start-service execs the JVM: the pid kept is the JVM's), with
# the run's vhost and secret, log in $OUT/SERVICE.log; the NAME=VALUE pairs are further
# environment for it.
start_payara() {
  local name="$1" port="$2" db="$3"
  shift 3
  export_run_environment
  BIND_ADDRESS=127.0.0.1 SERVICE_NAME="$name" JAVA_OPTS="$JAVA_OPTS" \
    POSTGRES_HOST="$PG_HOST" POSTGRES_PORT="$PG_PORT" POSTGRES_DB="$db" POSTGRES_USER="$PG_USER" \
    POSTGRES_PASSWORD="$PG_PASSWORD" POSTGRES_POOL_MAX="${POSTGRES_POOL_MAX:-32}" \
    nohup env "$@" "$START_SERVICE" payara --port "$port" --war "$(war_of "$name")" \
    --runtime "$(runtime_of "$name")" >"$OUT/$name.log" 2>&1 &
  started "$name" "$!"
  STARTED_NANOS["$name"]="$(date +%s%N)"
  say "$name starting on 127.0.0.1:$port (pid $!, log $OUT/$name.log)"
}

# pid_of NAME: the pid of a process the run started.
pid_of() {
  local i
  for i in "${!SERVICE_NAMES[@]}"; do
    if [ "${SERVICE_NAMES[$i]}" = "$1" ]; then
      printf '%s' "${SERVICE_PIDS[$i]}"
      return
    fi
  done
  die "$1 was not started"
}

# stop_started NAME...: stops these processes of the run now (stop_process) and forgets them.
stop_started() {
  local i names=() pids=()
  for i in "${!SERVICE_NAMES[@]}"; do
    if [[ " $* " == *" ${SERVICE_NAMES[$i]} "* ]]; then
      stop_process "${SERVICE_NAMES[$i]}" "${SERVICE_PIDS[$i]}"
    else
      names+=("${SERVICE_NAMES[$i]}")
      pids+=("${SERVICE_PIDS[$i]}")
    fi
  done
  SERVICE_NAMES=("${names[@]}")
  SERVICE_PIDS=("${pids[@]}")
}

# When start_payara started each service (date +%s%N), for its start-up time.
declare -A STARTED_NANOS=()

# await_started NAME CHECK...: until the command CHECK... succeeds (tried every 0.2 s), while
# NAME's process runs, at most READY_TIMEOUT seconds. A CHECK keeps what it last got in
# LAST_ANSWER, for the message if it never succeeds. A service start_payara started: its start ->
# ready in seconds goes to $OUT/ready.properties (NAME=SECONDS).
await_started() {
  local name="$1" pid deadline
  shift
  pid="$(pid_of "$name")"
  deadline=$(($(date +%s) + READY_TIMEOUT))
  LAST_ANSWER=""
  until "$@"; do
    kill -0 "$pid" 2>/dev/null || {
      tail -n 40 "$OUT/$name.log" >&2
      die "$name exited during start-up (log above)"
    }
    if [ "$(date +%s)" -ge "$deadline" ]; then
      tail -n 40 "$OUT/$name.log" >&2
      die "$name not ready after ${READY_TIMEOUT}s; last answer: ${LAST_ANSWER:-none}"
    fi
    sleep 0.2
  done
  if [ -n "${STARTED_NANOS[$name]:-}" ]; then
    local took
    took="$(awk -v s="${STARTED_NANOS[$name]}" -v e="$(date +%s%N)" \
      'BEGIN { printf "%.1f", (e - s) / 1e9 }')"
    printf '%s=%s\n' "$name" "$took" >>"$OUT/ready.properties"
    say "$name ready after $took s"
  else
    say "$name ready"
  fi
}

# answers_ok URL: GET URL answers 2xx (its body kept in LAST_ANSWER).
answers_ok() {
  LAST_ANSWER="$(curl -fsS --max-time 5 "$1" 2>&1)"
}

# payara_ready PORT: /health/ready has "database", status UP and nothing DOWN.
payara_ready() {
  LAST_ANSWER="$(curl -fsS --max-time 5 "http://127.0.0.1:$1/health/ready" 2>/dev/null || true)"
  [[ "$LAST_ANSWER" == *'"database"'* && "$LAST_ANSWER" == *'"status":"UP"'* \
    && "$LAST_ANSWER" != *'"DOWN"'* ]]
}

# await_ready SERVICE PORT: until the service's /health/ready says it is ready (payara_ready).
await_ready() { await_started "$1" payara_ready "$2"; }

# ---- messaging behind the gateway (bench/fanout.sh, bench/ai.sh) ----------------------------
# Per minute, for the gateway of the run only: every socket, customer and login is 127.0.0.1.
RAISED_RATE_LIMIT=1000000

# start_behind_gateway KIND: new_run KIND and install_cleanup; the run's databases (DB for
# messaging, GATEWAY_DB for the gateway), vhost and admin password (ADMIN_PASSWORD); messaging and
# the gateway on free ports (MESSAGING_PORT, GATEWAY_PORT; ORIGIN, the gateway's own, is the one
# origin it allows), the gateway's rate limits raised; messaging first, the gateway once messaging
# is ready (their start-up times in $OUT/ready.properties); returns once both are ready.
# GATEWAY_LOAD_OPTIONS: the options that tell the load generator about both.
start_behind_gateway() {
  new_run "$1"
  DB="inbox_bench_$RUN_ID"
  GATEWAY_DB="inbox_bench_${RUN_ID}_gateway"
  ADMIN_PASSWORD="$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  install_cleanup
  [ "${SHARED_POSTGRES:-1}" = 1 ] || start_private_postgres
  create_database "$DB"
  create_database "$GATEWAY_DB"
  create_vhost "inbox-bench-$RUN_ID"
  say "run $RUN_ID: databases $DB and $GATEWAY_DB, vhost $VHOST, output $OUT"

  MESSAGING_PORT="$(free_port)"
  GATEWAY_PORT="$(free_port)"
  while [ "$GATEWAY_PORT" = "$MESSAGING_PORT" ]; do GATEWAY_PORT="$(free_port)"; done
  ORIGIN="http://127.0.0.1:$GATEWAY_PORT"
  # One after the other: each start-up is timed on a machine the other does not load.
  start_payara messaging "$MESSAGING_PORT" "$DB"
  await_ready messaging "$MESSAGING_PORT"
  start_payara gateway "$GATEWAY_PORT" "$GATEWAY_DB" \
    MESSAGING_URL="http://127.0.0.1:$MESSAGING_PORT" ALLOWED_ORIGINS="$ORIGIN" \
    INBOX_ADMIN_USER=admin INBOX_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    LOGIN_RATE_PER_MINUTE="$RAISED_RATE_LIMIT" \
    CUSTOMER_START_RATE_PER_MINUTE="$RAISED_RATE_LIMIT" \
    CUSTOMER_MESSAGE_RATE_PER_MINUTE="$RAISED_RATE_LIMIT" \
    CUSTOMER_ADDRESS_MESSAGE_RATE_PER_MINUTE="$RAISED_RATE_LIMIT" \
    WS_MAX_SOCKETS_PER_USER="$RAISED_RATE_LIMIT" TRUSTED_PROXIES=127.0.0.1
  await_ready gateway "$GATEWAY_PORT"
  # shellcheck disable=SC2034 # read by the scripts that source this file
  GATEWAY_LOAD_OPTIONS=(--url "http://127.0.0.1:$GATEWAY_PORT" --origin "$ORIGIN"
    --admin-user admin --gateway-pid "$(pid_of gateway)" --messaging-pid "$(pid_of messaging)"
    --jdbc-url "jdbc:postgresql://$PG_HOST:$PG_PORT/$DB" --db-user "$PG_USER"
    --gateway-database "$GATEWAY_DB"
    --stats-url "jdbc:postgresql://$PG_HOST:$PG_PORT/postgres" --postgres-port "$PG_PORT"
    --postgres-pid "${PRIVATE_PG_PID:-0}")
}

# heading_gateway_services: the heading's lines on the services' settings and raised limits.
heading_gateway_services() {
  printf -- '- services: JAVA_OPTS=%s each; messaging POSTGRES_POOL_MAX=%s,' \
    "$JAVA_OPTS" "${POSTGRES_POOL_MAX:-32}"
  printf ' AI_ANALYZE_SENDERS=%s\n' "${AI_ANALYZE_SENDERS:-customer}"
  printf -- '- gateway rate limits raised for this run (the load generator is one client, or stands'
  printf ' for many as a proxy: TRUSTED_PROXIES=127.0.0.1):'
  printf ' LOGIN_RATE_PER_MINUTE, CUSTOMER_START_RATE_PER_MINUTE,'
  printf ' CUSTOMER_MESSAGE_RATE_PER_MINUTE, CUSTOMER_ADDRESS_MESSAGE_RATE_PER_MINUTE and'
  printf ' (all sockets share one operator)'
  printf ' WS_MAX_SOCKETS_PER_USER=%s; other settings at their defaults\n' \
    "$RAISED_RATE_LIMIT"
}

# ---- Ollama doubles and analyze replicas, when the load generator asks (ai.sh, system.sh) ---
FUNCTION_JAVA_OPTS="${FUNCTION_JAVA_OPTS:--Xmx128m}"
FUNCTIONS_JAR="$ROOT/functions/target/functions.jar"
FUNCTIONS_LIB="$ROOT/functions/target/lib"
# shellcheck disable=SC2034 # bench/embedded.sh's class path
FUNCTIONS_CP="$FUNCTIONS_JAR:$FUNCTIONS_LIB/*"
# The replicas ask for the launcher's default model; the double has it "pulled".
MODEL=phi3:mini

# require_functions_built COMMAND: the functions jar and its libraries exist.
require_functions_built() {
  if [ ! -f "$FUNCTIONS_JAR" ] || [ ! -d "$FUNCTIONS_LIB" ]; then
    die "functions is not built: run ./inbox bench $1 (it builds), or ./inbox build"
  fi
}

declare -A DOUBLE_PORTS=()
REPLICAS=()

# start_double LATENCY_MS: an Ollama double answering after LATENCY_MS, unless one runs.
start_double() {
  local latency="$1" name="ollama-double-$1ms" port
  [ -z "${DOUBLE_PORTS[$latency]:-}" ] || return 0
  port="$(free_port)"
  nohup java -Xmx64m -cp "$(bench_classpath)" org.supportinbox.testing.OllamaDouble \
    "$port" "$latency" "$MODEL" >"$OUT/$name.log" 2>&1 &
  started "$name" "$!"
  DOUBLE_PORTS[$latency]="$port"
  await_started "$name" answers_ok "http://127.0.0.1:$port/api/version"
}

# start_replicas N LATENCY_MS: N analyze replicas against the double of that latency, ready.
# AI_PROVIDER=ollama: these benchmarks measure the Ollama path; `auto` would also load the
# embedded model into every replica (docs/ai.md), which `./inbox bench embedded` measures apart.
# A replica holds AI_FUNCTION_SECRET, never JWT_SECRET (start-service unsets it), as in
# production.
start_replicas() {
  local n="$1" latency="$2" i name port ports=()
  for i in $(seq 1 "$n"); do
    name="ai-function-$i-of-$n-${latency}ms"
    port="$(free_port)"
    export_run_environment
    BIND_ADDRESS=127.0.0.1 SERVICE_NAME="$name" JAVA_OPTS="$FUNCTION_JAVA_OPTS" \
      MESSAGING_URL="http://127.0.0.1:$MESSAGING_PORT" \
      OLLAMA_URL="http://127.0.0.1:${DOUBLE_PORTS[$latency]}" OLLAMA_MODEL="$MODEL" \
      AI_CONCURRENCY="$REPLICA_CONCURRENCY" AI_PROVIDER=ollama \
      nohup "$START_SERVICE" ai-function --port "$port" --jar "$FUNCTIONS_JAR" \
      --lib "$FUNCTIONS_LIB" >"$OUT/$name.log" 2>&1 &
    started "$name" "$!"
    REPLICAS+=("$name")
    ports+=("$port")
  done
  for i in "${!ports[@]}"; do
    await_started "${REPLICAS[$i]}" answers_ok "http://127.0.0.1:${ports[$i]}/health"
  done
}

stop_replicas() {
  if [ ${#REPLICAS[@]} -gt 0 ]; then
    stop_started "${REPLICAS[@]}"
  fi
  REPLICAS=()
}

# answer REQUEST: does what a request line of the load generator asks (ReplicaControl).
answer() {
  local request=("$@") pids name
  case "${request[0]}" in
    pid) started "load generator" "${request[1]}" ;;
    replicas)
      require_whole_numbers "${request[1]}" "${request[2]}"
      stop_replicas
      start_double "${request[2]}"
      start_replicas "${request[1]}" "${request[2]}"
      pids="$(pid_of "ollama-double-${request[2]}ms")"
      for name in "${REPLICAS[@]}"; do pids+=" $(pid_of "$name")"; done
      printf 'ready %s\n' "$pids" >&"$TO_LOAD"
      ;;
    stop)
      stop_replicas
      printf 'stopped\n' >&"$TO_LOAD"
      ;;
    *) ;; # the report, printed at the end: it is read from results.md
  esac
}

# serve_load_generator CLASS ARGS...: the load generator as a coprocess of the script (with the
# admin's and the database's passwords in its environment), its requests (ReplicaControl) answered
# until it ends; dies if it failed.
serve_load_generator() {
  local line request
  coproc LOAD {
    BENCH_ADMIN_PASSWORD="$ADMIN_PASSWORD" POSTGRES_PASSWORD="$PG_PASSWORD" load_generator "$@"
  }
  LOAD_JOB="$LOAD_PID"
  # The coproc's descriptors go away when it ends; these copies stay until the script does.
  exec {FROM_LOAD}<&"${LOAD[0]}" {TO_LOAD}>&"${LOAD[1]}"
  while IFS= read -r line <&"$FROM_LOAD"; do
    read -ra request <<<"$line"
    [ ${#request[@]} -eq 0 ] || answer "${request[@]}"
  done
  wait "$LOAD_JOB" || die "the load generator failed (its messages above)"
  stop_started "load generator"
}

# ---- PostgreSQL alone (bench/ingest.sh, bench/system.sh) ------------------------------------
# run_pgbench DB CLIENTS DURATION: pgbench with bench/two-inserts.sql (one transaction = a message
# row and its outbox row, in scratch tables created in DB) for DURATION seconds; the figures in
# $OUT/pgbench.properties (clients, threads, duration, transactions, failed, tps, p50/p90/p99/max
# in ms).
run_pgbench() {
  local db="$1" clients="$2" duration="$3" threads tps transactions failed
  threads=$((clients < 2 ? clients : 2))
  say "pgbench: $clients clients, $threads threads, ${duration}s," \
    "bench/two-inserts.sql"
  "${PSQL[@]}" -d "$db" -f "$BENCH/two-inserts-schema.sql"
  pgbench -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -n -c "$clients" -j "$threads" \
    -T "$duration" -f "$BENCH/two-inserts.sql" -l --log-prefix="$OUT/pgbench-log" "$db" \
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
      "$clients" "$threads" "$duration"
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
}

# ---- what ran where: the report's heading ---------------------------------------------------
# heading_intro TITLE COMMAND PATH...: the title and the command, code, machine and versions lines;
# PATHs are the folders whose uncommitted changes the code line mentions.
heading_intro() {
  local title="$1" command="$2" payara_version dirs
  shift 2
  payara_version="$(grep -om1 'Payara Micro [0-9][0-9.]*' "$OUT/${SERVICE_NAMES[0]}.log" || true)"
  dirs="$(printf '%s/, ' "$@")"
  dirs="${dirs%, }"
  if [ $# -gt 1 ]; then
    dirs="${dirs%, *} or ${dirs##*, }"
  fi
  printf '## %s, %s\n\n' "$title" "$(date -u '+%Y-%m-%d %H:%M UTC')"
  # shellcheck disable=SC2016 # Markdown's backquotes, not a command substitution
  printf -- '- command: `./inbox bench%s%s`\n' "${command:+ $command}" \
    "$([ ${#ARGS[@]} -eq 0 ] || printf ' %s' "${ARGS[@]}")"
  if git -C "$ROOT" rev-parse --verify -q HEAD >/dev/null 2>&1; then
    printf -- '- code: commit %s%s\n' "$(git -C "$ROOT" rev-parse --short HEAD)" \
      "$(git -C "$ROOT" diff --quiet HEAD -- "$@" \
        || printf ' plus uncommitted changes in %s' "$dirs")"
  fi
  printf -- '- machine: %s cores (%s), %s MiB RAM, Linux %s; load average at start: %s\n' \
    "$(nproc)" "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)" \
    "$(($(sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' /proc/meminfo) / 1024))" "$(uname -r)" \
    "$LOADAVG_AT_START"
  printf -- '- JDK: %s; %s; PostgreSQL %s; RabbitMQ %s\n' \
    "$(java -version 2>&1 | head -n1)" "${payara_version:-Payara Micro (version not logged)}" \
    "$("${PSQL[@]}" -d "${DATABASES[0]}" -tAc 'show server_version')" \
    "$(rabbitmqctl -q version 2>/dev/null)"
}

# finish_report KIND: heading.md + results.md into report.md, also bench/target/KIND-latest.md.
finish_report() {
  cat "$OUT/heading.md" "$OUT/results.md" >"$OUT/report.md"
  cp "$OUT/report.md" "$BENCH/target/$1-latest.md"
  printf '\n'
  cat "$OUT/report.md"
  printf '\n(report: %s, also bench/target/%s-latest.md)\n' "${OUT#"$ROOT/"}/report.md" "$1"
}
