#!/usr/bin/env bash
# Notifier benchmark: a real Kafka broker and PostgreSQL, the packaged notifier-service, and the benchmark itself
# standing in for Slack (a small HTTP server on 127.0.0.1:18089). After an unmeasured warm-up of BENCH_WARMUP (5,000)
# requests, REQUESTS notification requests go on notifications.requested paced at each RATE/s (latency at that load),
# then all at once (throughput). Prints deliveries/s, request-to-provider-call p50/p99/max, duplicates and missing.
# Usage: bench/notifier-bench.sh [REQUESTS (10000)] [RATE[,RATE...] (500,1000)]   (needs `mvn -DskipTests package` first)
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$REPO/target/bench-notifier"
# shellcheck source=lib.sh
source "$REPO/bench/lib.sh"
SLACK_PORT=18089
rm -rf "$WORK" && mkdir -p "$WORK"
trap bench_cleanup EXIT

bench_database klaxon_bench_notifier
bench_kafka 19392
bench_service notifier-service 18084 KLAXON_SLACK_API_URL="http://127.0.0.1:$SLACK_PORT/api" \
  KLAXON_SLACK_BOT_TOKEN=xoxb-bench KLAXON_CHANNEL_SLACK_INCIDENTS=none KLAXON_CHANNEL_SLACK_OPERATIONS=none
# one process runs every phase (warm-up, each rate, all at once), so the load generator and the stand-in stay warm
java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$LIBS/*" "$REPO/bench/NotifierBench.java" \
  "$BOOTSTRAP" "$SLACK_PORT" "${1:-10000}" "${BENCH_WARMUP:-5000}" "${2:-500,1000}"
bench_rss
