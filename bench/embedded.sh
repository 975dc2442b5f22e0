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
#
# The benchmark (bench/'s EmbeddedBenchmark) runs on the function's class path with bench.jar
# added, not on bench/'s: it measures the function's classes as a replica loads them.
set -euo pipefail

# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_functions_built embedded
build_load_generator
mkdir -p "$BENCH/target"
out="$BENCH/target/embedded-$(date -u +%Y%m%dT%H%M%SZ).md"
# shellcheck disable=SC2086 # FUNCTION_JAVA_OPTS is a list of options
java $FUNCTION_JAVA_OPTS -cp "$JAR:$FUNCTIONS_CP" \
  org.supportinbox.bench.EmbeddedBenchmark "$@" | tee "$out"
echo "(report kept in ${out#"$ROOT"/})"
