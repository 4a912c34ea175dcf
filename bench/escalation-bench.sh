#!/usr/bin/env bash
# Escalation timer benchmark: a real Kafka broker and PostgreSQL, the packaged escalation-service, and INCIDENTS
# incidents opened over SPREAD seconds on a three-step policy of TIMEOUT seconds a step, so that step deadlines are
# spread too. Prints how late each escalation's page reached notifications.requested (p50/p99/max) and how many
# steps were paged twice or never.
# Usage: bench/escalation-bench.sh [INCIDENTS] [SPREAD] [TIMEOUT]   (needs `mvn -DskipTests package` first)
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$REPO/target/bench-escalation"
# shellcheck source=lib.sh
source "$REPO/bench/lib.sh"
rm -rf "$WORK" && mkdir -p "$WORK"
trap bench_cleanup EXIT

bench_database klaxon_bench_escalation
bench_kafka 19492
bench_service escalation-service 18083
java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$LIBS/*" "$REPO/bench/EscalationBench.java" \
  "$BOOTSTRAP" "http://127.0.0.1:18083" "$("$REPO/deploy/jwt.sh" token "$WORK/jwt" admin bench 3600)" \
  "${1:-10000}" "${2:-30}" "${3:-30}"
bench_rss
