#!/usr/bin/env bash
# Ingest benchmark: a real Kafka broker and PostgreSQL, the packaged alert-ingest, and a load generator on
# loopback. Prints requests/s, alerts/s and p50/p99 latency for single-alert requests and 100-alert batches at
# concurrency 16 and 64 (bench/IngestBench.java), and the single-alert load again from wrk when it is installed.
# Every 202 counted is durable in Kafka (acks=all before the answer).
# Usage: bench/ingest-bench.sh [REQUESTS]   (needs `mvn -DskipTests package` first)
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REQUESTS="${1:-20000}"
WORK="$REPO/target/bench-ingest"
PORT=18081
# shellcheck source=lib.sh
source "$REPO/bench/lib.sh"
rm -rf "$WORK" && mkdir -p "$WORK"
trap bench_cleanup EXIT

bench_database klaxon_bench_ingest
bench_kafka 19192
bench_service alert-ingest "$PORT" KLAXON_INGEST_RATE_LIMIT_PER_SECOND=0
TOKEN="$("$REPO/deploy/jwt.sh" token "$WORK/jwt" admin bench 3600)"
KEY="$(curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"name":"bench","sourceType":"generic","service":"bench"}' "http://127.0.0.1:$PORT/api/v1/integrations" \
  | sed 's/.*"key":"\([^"]*\)".*/\1/')"
URL="http://127.0.0.1:$PORT/webhooks/generic/$KEY"

ACCEPTED=0
for c in 16 64; do
  for batch in 1 100; do
    n=$((batch == 1 ? REQUESTS : REQUESTS / 50))
    line="$(java -Xmx256m "$REPO/bench/IngestBench.java" "$URL" "$n" "$c" "$batch")"
    echo "$line"
    # the warm-up (min(2000, n/5) requests, not in the figures) is on the topic too
    warm=$((n / 5 < 2000 ? n / 5 : 2000))
    ACCEPTED=$((ACCEPTED + ($(sed 's/.*202: \([0-9]*\).*/\1/' <<<"$line") + warm) * batch))
  done
done
if command -v wrk >/dev/null; then
  # the same single-alert load from wrk (C, little CPU of its own): apt-get install -y wrk
  for c in 16 64; do
    echo "wrk: single-alert requests, concurrency $c, 20 s"
    line="$(wrk -t2 -c"$c" -d20s -s "$REPO/bench/ingest-wrk.lua" "$URL" | grep '^wrk:')"
    echo "$line"
    # every request counted, less those answered otherwise than 202
    ACCEPTED=$((ACCEPTED + $(sed 's/^wrk: \([0-9]*\) requests.*non-2xx \([0-9]*\),.*/\1 - \2/' <<<"$line")))
  done
fi
ON_TOPIC="$(java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$LIBS/*" "$REPO/bench/TopicCount.java" \
  "$BOOTSTRAP" alerts.normalized)"
# requests still in flight when wrk stops may be on the topic without being counted: ON_TOPIC >= ACCEPTED
echo "bench: alerts answered 202 (warm-ups included): $ACCEPTED; records on alerts.normalized: $ON_TOPIC"
bench_rss
