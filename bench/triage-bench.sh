#!/usr/bin/env bash
# Triage benchmark: a real Kafka broker and PostgreSQL, the packaged triage-service, and ALERTS alerts over KEYS
# dedup keys put on alerts.normalized. Prints alerts/s and checks that exactly KEYS incidents were signalled.
# Storm control is off: the benchmark's KEYS problems all belong to one service.
# Usage: bench/triage-bench.sh [ALERTS] [KEYS]   (needs `mvn -DskipTests package` first)
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$REPO/target/bench-triage"
# shellcheck source=lib.sh
source "$REPO/bench/lib.sh"
rm -rf "$WORK" && mkdir -p "$WORK"
trap bench_cleanup EXIT

bench_database klaxon_bench_triage
bench_kafka 19292
bench_service triage-service 18082 KLAXON_STORM_ENABLED=false
java -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$LIBS/*" "$REPO/bench/TriageBench.java" \
  "$BOOTSTRAP" "${1:-100000}" "${2:-1000}"
bench_rss
