#!/usr/bin/env bash
# Single-node Apache Kafka (KRaft, combined broker+controller) as a plain JVM - no Docker.
# Usage: deploy/kafka-broker.sh start|stop|status
#   env: KLAXON_KAFKA_DIR (<repo>/.klaxon/kafka), KLAXON_KAFKA_PORT (9092), KLAXON_KAFKA_CONTROLLER_PORT (9093),
#        KLAXON_KAFKA_LIBS (<repo>/deploy/runtime/target/kafka-libs), KLAXON_KAFKA_HEAP (-Xms128m -Xmx512m)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib/proc.sh
source "$REPO/deploy/lib/proc.sh"
DIR="${KLAXON_KAFKA_DIR:-$REPO/.klaxon/kafka}"
PORT="${KLAXON_KAFKA_PORT:-9092}"
CPORT="${KLAXON_KAFKA_CONTROLLER_PORT:-9093}"
LIBS="${KLAXON_KAFKA_LIBS:-$REPO/deploy/runtime/target/kafka-libs}"
HEAP="${KLAXON_KAFKA_HEAP:--Xms128m -Xmx512m}"
PIDFILE="$DIR/broker.pid"
TOPICS=(alerts.normalized:6 incidents.signals:6 incidents.lifecycle:3
        notifications.requested:6 notifications.status:3 incidents.commands:3)

usage() { echo "usage: $0 start|stop|status" >&2; exit 2; }
log() { echo "kafka: $*" >&2; }
no_slf4j_noise() { grep -v '^SLF4J' >&2 || true; }

check_libs() {
  if ! compgen -G "$LIBS/kafka_2.13-*.jar" >/dev/null; then
    log "broker jars not found in $LIBS"
    log "run: mvn -B -q -pl deploy/runtime generate-resources   (./klaxon up does this for you)"
    exit 1
  fi
}

write_config() {
  cat > "$DIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CPORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CPORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$DIR/data
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
auto.create.topics.enable=true
group.initial.rebalance.delay.ms=0
PROPS
}

format_storage() {
  local cluster_id
  cluster_id="$(java -cp "$LIBS/*" kafka.tools.StorageTool random-uuid 2>/dev/null)"
  log "formatting storage in $DIR/data (cluster id $cluster_id)"
  # Static controller.quorum.voters: StorageTool rejects --standalone here; a plain format is right.
  if ! java -cp "$LIBS/*" kafka.tools.StorageTool format -t "$cluster_id" -c "$DIR/server.properties" \
      >"$DIR/format.log" 2>&1; then
    cat "$DIR/format.log" >&2
    exit 1
  fi
}

start() {
  local pid topics=() t
  if pid="$(proc_pid "$PIDFILE")"; then log "already running (pid $pid) on 127.0.0.1:$PORT"; return 0; fi
  check_libs
  mkdir -p "$DIR/data"
  write_config
  [[ -f "$DIR/data/meta.properties" ]] || format_storage
  # shellcheck disable=SC2086  # HEAP holds several JVM options
  proc_start "$PIDFILE" "$DIR/broker.log" java $HEAP -XX:+UseSerialGC -cp "$LIBS/*" kafka.Kafka "$DIR/server.properties"
  pid="$(cat "$PIDFILE")"
  log "started (pid $pid), waiting for 127.0.0.1:$PORT ..."
  # CreateTopics is also the readiness probe: it retries until the broker answers and creates topics.
  for t in "${TOPICS[@]}"; do topics+=("$t" "${t%%:*}.dlq:1"); done
  if ! KLAXON_KAFKA_PID="$pid" java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$LIBS/*" \
      "$REPO/deploy/kafka/CreateTopics.java" "127.0.0.1:$PORT" \
      "${topics[@]}" 2>&1 | no_slf4j_noise; then
    log "broker did not become ready; last lines of $DIR/broker.log:"
    tail -n 30 "$DIR/broker.log" >&2
    proc_stop kafka "$PIDFILE"
    exit 1
  fi
}

status() {
  local pid
  if pid="$(proc_pid "$PIDFILE")"; then echo "kafka: running (pid $pid, 127.0.0.1:$PORT)"; else echo "kafka: stopped"; exit 3; fi
}

[[ $# -eq 1 ]] || usage
case "$1" in
  start) start ;;
  stop) proc_stop kafka "$PIDFILE" ;;
  status) status ;;
  *) usage ;;
esac
