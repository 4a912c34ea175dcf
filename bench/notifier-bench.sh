#!/usr/bin/env bash
# Notifier benchmark: a real Kafka broker and PostgreSQL, the packaged notifier-service, and WireMock standing in
# for Slack. REQUESTS notification requests go on notifications.requested twice: paced at RATE/s (latency at that
# load) and all at once (throughput). Prints deliveries/s, request-to-provider-call p50/p99/max and duplicates.
# Usage: bench/notifier-bench.sh [REQUESTS] [RATE]   (needs `mvn -DskipTests package` first)
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REQUESTS="${1:-10000}"
RATE="${2:-1000}"
WORK="$REPO/target/bench-notifier"
PORT=18084
export KLAXON_KAFKA_DIR="$WORK/kafka" KLAXON_KAFKA_PORT=19392 KLAXON_KAFKA_CONTROLLER_PORT=19393
export KLAXON_SINKS_DIR="$WORK/sinks" KLAXON_WIREMOCK_PORT=18089 KLAXON_SMTP_SINK_PORT=18025 \
  KLAXON_GREENMAIL_API_PORT=18090 KLAXON_SINKS_HEAP="-Xmx512m"
JAR="$REPO/notifier-service/target/quarkus-app/quarkus-run.jar"
LIBS="$REPO/deploy/runtime/target/kafka-libs"
[[ -f "$JAR" ]] || { echo "bench: $JAR missing; run mvn -B -DskipTests package" >&2; exit 1; }

rm -rf "$WORK" && mkdir -p "$WORK"
cleanup() {
  [[ -n "${SVC_PID:-}" ]] && kill "$SVC_PID" 2>/dev/null && wait "$SVC_PID" 2>/dev/null || true
  "$REPO/deploy/sinks.sh" stop >/dev/null 2>&1 || true
  "$REPO/deploy/kafka-broker.sh" stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

read -r PG_HOST PG_PORT PG_USER PG_PASS <<<"$("$REPO/deploy/postgres.sh" ensure)"
PGPASSWORD="$PG_PASS" psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -qc \
  "drop database if exists klaxon_bench_notifier with (force)" -c "create database klaxon_bench_notifier" >/dev/null
"$REPO/deploy/kafka-broker.sh" start
"$REPO/deploy/sinks.sh" start >/dev/null
"$REPO/deploy/jwt.sh" keys "$WORK/jwt" >/dev/null 2>&1
env QUARKUS_HTTP_PORT=$PORT KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KLAXON_KAFKA_PORT KLAXON_DB_HOST="$PG_HOST" \
  KLAXON_DB_PORT="$PG_PORT" KLAXON_DB_USER="$PG_USER" KLAXON_DB_PASSWORD="$PG_PASS" \
  KLAXON_DB_NAME=klaxon_bench_notifier KLAXON_JWT_PUBLIC_KEY="$WORK/jwt/public.pem" \
  KLAXON_SLACK_API_URL="http://127.0.0.1:$KLAXON_WIREMOCK_PORT/api" KLAXON_SLACK_BOT_TOKEN=xoxb-bench \
  KLAXON_CHANNEL_SLACK_INCIDENTS=none KLAXON_CHANNEL_SLACK_OPERATIONS=none \
  java -Xmx512m -jar "$JAR" >"$WORK/notifier-service.log" 2>&1 &
SVC_PID=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
echo "bench: notifier-service pid $SVC_PID, $(nproc) cores"
for rate in "$RATE" 0; do
  java -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$LIBS/*" "$REPO/bench/NotifierBench.java" \
    "127.0.0.1:$KLAXON_KAFKA_PORT" "http://127.0.0.1:$KLAXON_WIREMOCK_PORT" "$REQUESTS" "$rate"
  curl -s -X DELETE "http://127.0.0.1:$KLAXON_WIREMOCK_PORT/__admin/requests" >/dev/null
done
echo "bench: notifier-service RSS after the runs: $(($(ps -o rss= -p "$SVC_PID") / 1024)) MB"
