# Shared by the bench/*-bench.sh scripts: a fresh database, a private Kafka broker, a packaged service started
# against them and stopped on exit. Source it after setting REPO and WORK; then call the functions below.
# shellcheck shell=bash

LIBS="$REPO/deploy/runtime/target/kafka-libs"

# bench_database NAME: drops and creates the database on the PostgreSQL deploy/postgres.sh finds (or starts)
bench_database() {
  read -r PG_HOST PG_PORT PG_USER PG_PASS <<<"$("$REPO/deploy/postgres.sh" ensure)"
  PGPASSWORD="$PG_PASS" psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -qc \
    "drop database if exists $1 with (force)" -c "create database $1" >/dev/null
  BENCH_DB="$1"
}

# bench_kafka PORT: a private broker on PORT (controller on PORT+1) with its data under $WORK/kafka
bench_kafka() {
  export KLAXON_KAFKA_DIR="$WORK/kafka" KLAXON_KAFKA_PORT="$1" KLAXON_KAFKA_CONTROLLER_PORT="$(($1 + 1))"
  "$REPO/deploy/kafka-broker.sh" start
  BOOTSTRAP="127.0.0.1:$1"
}

# bench_service NAME HTTP_PORT [VAR=value ...]: starts the packaged service and waits until it is ready
bench_service() {
  local name="$1" port="$2" jar="$REPO/$1/target/quarkus-app/quarkus-run.jar"
  shift 2
  [[ -f "$jar" ]] || { echo "bench: $jar missing; run mvn -B -DskipTests package" >&2; exit 1; }
  "$REPO/deploy/jwt.sh" keys "$WORK/jwt" >/dev/null 2>&1
  env QUARKUS_HTTP_PORT="$port" KAFKA_BOOTSTRAP_SERVERS="$BOOTSTRAP" KLAXON_DB_HOST="$PG_HOST" \
    KLAXON_DB_PORT="$PG_PORT" KLAXON_DB_USER="$PG_USER" KLAXON_DB_PASSWORD="$PG_PASS" KLAXON_DB_NAME="$BENCH_DB" \
    KLAXON_JWT_PUBLIC_KEY="$WORK/jwt/public.pem" "$@" java -Xmx512m ${BENCH_JAVA_OPTS:-} -jar "$jar" >"$WORK/$name.log" 2>&1 &
  SVC_PID=$!
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && break
    sleep 0.5
  done
  echo "bench: $name pid $SVC_PID, $(nproc) cores, Kafka on $BOOTSTRAP"
}

bench_rss() {
  echo "bench: RSS of the service after the run: $(($(ps -o rss= -p "$SVC_PID") / 1024)) MB"
}

bench_cleanup() {
  [[ -n "${SVC_PID:-}" ]] && kill "$SVC_PID" 2>/dev/null && wait "$SVC_PID" 2>/dev/null || true
  "$REPO/deploy/kafka-broker.sh" stop >/dev/null 2>&1 || true
}
