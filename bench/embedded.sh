#!/usr/bin/env bash
# Benchmark of the embedded analyzer (`./inbox bench embedded`): in one JVM, no services needed;
# stops by itself. Loads all-MiniLM-L6-v2 (quantized, as the function does), analyses a seeded mix
# of messages built from the example set, and prints latency per message (p50/p90/p99/max),
# throughput with 1 and 2 threads, and the process's RSS before and after loading (docs/performance.md,
# "Embedded analyzer"). The report is also kept in bench/target/embedded-<time>.md.
#
# Usage: bench/embedded.sh [--messages N (2000)] [--warmup N (300)] [--threads T (2)]
#                          [--model q|stock|threads=N|full]   (q: as the function runs it)
# FUNCTION_JAVA_OPTS: the JVM options, as ./inbox up gives the function (-Xmx128m).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CP="$ROOT/functions/target/functions.jar:$ROOT/functions/target/lib/*"
[ -f "$ROOT/functions/target/functions.jar" ] || { echo "build first: mvn -DskipTests package" >&2; exit 1; }
mkdir -p "$ROOT/bench/target"
out="$ROOT/bench/target/embedded-$(date -u +%Y%m%dT%H%M%SZ).md"
# shellcheck disable=SC2086
java ${FUNCTION_JAVA_OPTS:--Xmx128m} -cp "$CP" \
  org.supportinbox.functions.analyze.EmbeddedBenchmark "$@" | tee "$out"
echo "(report kept in ${out#"$ROOT"/})"
