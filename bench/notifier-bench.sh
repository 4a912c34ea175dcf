#!/usr/bin/env bash
# Notifier benchmark: a real Kafka broker and PostgreSQL, the packaged notifier-service, and the benchmark itself
# standing in for Slack (a small HTTP server on 127.0.0.1:18089). REQUESTS notification requests go on notifications.requested twice: paced at RATE/s (latency at that
# load) and all at once (throughput), after an unmeasured warm-up of BENCH_WARMUP (5,000) requests. Prints
# deliveries/s, request-to-provider-call p50/p99/max and duplicates.
# Usage: bench/notifier-bench.sh [REQUESTS] [RATE[,RATE...]]   (needs `mvn -DskipTests package` first)
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
notifier_bench() {
  java -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$LIBS/*" "$REPO/bench/NotifierBench.java" \
    "$BOOTSTRAP" "$SLACK_PORT" "$@"
}
# a service just started is cold (JIT, the consumer group joining): warm it up first, and say what that was like
echo "bench: warm-up, not a measurement:"
notifier_bench "${BENCH_WARMUP:-5000}" 0
IFS=, read -r -a RATES <<<"${2:-1000}"
for rate in "${RATES[@]}" 0; do
  notifier_bench "${1:-10000}" "$rate"
done
bench_rss
