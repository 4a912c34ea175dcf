#!/usr/bin/env bash
# Triage benchmark: a real Kafka broker and PostgreSQL, the packaged triage-service, and ALERTS alerts over KEYS
# dedup keys put on alerts.normalized. Prints alerts/s and checks that exactly KEYS incidents were signalled.
# Usage: bench/triage-bench.sh [ALERTS] [KEYS]   (needs `mvn -DskipTests package` first)
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ALERTS="${1:-100000}"
KEYS="${2:-1000}"
WORK="$REPO/target/bench-triage"
PORT=18082
export KLAXON_KAFKA_DIR="$WORK/kafka" KLAXON_KAFKA_PORT=19292 KLAXON_KAFKA_CONTROLLER_PORT=19293
JAR="$REPO/triage-service/target/quarkus-app/quarkus-run.jar"
LIBS="$REPO/deploy/runtime/target/kafka-libs"
[[ -f "$JAR" ]] || { echo "bench: $JAR missing; run mvn -B -DskipTests package" >&2; exit 1; }

rm -rf "$WORK" && mkdir -p "$WORK"
cleanup() {
  [[ -n "${SVC_PID:-}" ]] && kill "$SVC_PID" 2>/dev/null && wait "$SVC_PID" 2>/dev/null || true
  "$REPO/deploy/kafka-broker.sh" stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

read -r PG_HOST PG_PORT PG_USER PG_PASS <<<"$("$REPO/deploy/postgres.sh" ensure)"
PGPASSWORD="$PG_PASS" psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -qc \
  "drop database if exists klaxon_bench_triage with (force)" -c "create database klaxon_bench_triage" >/dev/null
"$REPO/deploy/kafka-broker.sh" start
"$REPO/deploy/jwt.sh" keys "$WORK/jwt" >/dev/null 2>&1
env QUARKUS_HTTP_PORT=$PORT KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KLAXON_KAFKA_PORT KLAXON_DB_HOST="$PG_HOST" \
  KLAXON_DB_PORT="$PG_PORT" KLAXON_DB_USER="$PG_USER" KLAXON_DB_PASSWORD="$PG_PASS" KLAXON_DB_NAME=klaxon_bench_triage KLAXON_STORM_ENABLED=false \
  KLAXON_JWT_PUBLIC_KEY="$WORK/jwt/public.pem" java -Xmx512m -jar "$JAR" >"$WORK/triage-service.log" 2>&1 &
SVC_PID=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
echo "bench: triage-service pid $SVC_PID, $(nproc) cores"
java -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$LIBS/*" "$REPO/bench/TriageBench.java" \
  "127.0.0.1:$KLAXON_KAFKA_PORT" "$ALERTS" "$KEYS"
echo "bench: triage-service RSS after the run: $(($(ps -o rss= -p "$SVC_PID") / 1024)) MB"
