#!/usr/bin/env bash
# Ingest benchmark: a real Kafka broker and PostgreSQL, the packaged alert-ingest, and a load generator on
# loopback. Prints requests/s, alerts/s and p50/p99 latency for single-alert requests and 100-alert batches at
# concurrency 16 and 64. Every 202 counted is durable in Kafka (acks=all before the answer).
# Usage: bench/ingest-bench.sh [REQUESTS]   (needs `mvn -DskipTests package` first)
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REQUESTS="${1:-20000}"
WORK="$REPO/target/bench-ingest"
PORT=18081
export KLAXON_KAFKA_DIR="$WORK/kafka" KLAXON_KAFKA_PORT=19192 KLAXON_KAFKA_CONTROLLER_PORT=19193
JAR="$REPO/alert-ingest/target/quarkus-app/quarkus-run.jar"
[[ -f "$JAR" ]] || { echo "bench: $JAR missing; run mvn -B -DskipTests package" >&2; exit 1; }

mkdir -p "$WORK"
cleanup() {
  [[ -n "${SVC_PID:-}" ]] && kill "$SVC_PID" 2>/dev/null && wait "$SVC_PID" 2>/dev/null || true
  "$REPO/deploy/kafka-broker.sh" stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

read -r PG_HOST PG_PORT PG_USER PG_PASS <<<"$("$REPO/deploy/postgres.sh" ensure)"
PGPASSWORD="$PG_PASS" psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -qc \
  "drop database if exists klaxon_bench_ingest with (force)" -c "create database klaxon_bench_ingest" >/dev/null
"$REPO/deploy/kafka-broker.sh" start
"$REPO/deploy/jwt.sh" keys "$WORK/jwt" >/dev/null 2>&1
TOKEN="$("$REPO/deploy/jwt.sh" token "$WORK/jwt" admin bench 3600)"

env QUARKUS_HTTP_PORT=$PORT KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KLAXON_KAFKA_PORT KLAXON_DB_HOST="$PG_HOST" \
  KLAXON_DB_PORT="$PG_PORT" KLAXON_DB_USER="$PG_USER" KLAXON_DB_PASSWORD="$PG_PASS" KLAXON_DB_NAME=klaxon_bench_ingest \
  KLAXON_JWT_PUBLIC_KEY="$WORK/jwt/public.pem" KLAXON_INGEST_RATE_LIMIT_PER_SECOND=0 \
  java -Xmx512m -jar "$JAR" >"$WORK/alert-ingest.log" 2>&1 &
SVC_PID=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
KEY="$(curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"name":"bench","sourceType":"generic","service":"bench"}' "http://127.0.0.1:$PORT/api/v1/integrations" \
  | sed 's/.*"key":"\([^"]*\)".*/\1/')"
URL="http://127.0.0.1:$PORT/webhooks/generic/$KEY"

echo "bench: alert-ingest pid $SVC_PID, $(nproc) cores, Kafka on :$KLAXON_KAFKA_PORT"
for c in 16 64; do
  java -Xmx256m "$REPO/bench/IngestBench.java" "$URL" "$REQUESTS" "$c" 1
  java -Xmx256m "$REPO/bench/IngestBench.java" "$URL" "$((REQUESTS / 50))" "$c" 100
done
echo "bench: alert-ingest RSS after the run: $(($(ps -o rss= -p "$SVC_PID") / 1024)) MB"
