#!/usr/bin/env bash
# Local stand-ins for the external providers used by the demo:
#   WireMock on :8089 answering like Slack (chat.postMessage, chat.update) and Twilio (Messages.json),
#   stubs from deploy/sinks/mappings/ (the same files docker-compose mounts);
#   GreenMail as SMTP sink on :3025 with its REST API / web UI on :8090.
# Usage: deploy/sinks.sh start|stop|status
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib/proc.sh
source "$REPO/deploy/lib/proc.sh"
DIR="${KLAXON_SINKS_DIR:-$REPO/.klaxon/sinks}"
LIBS="${KLAXON_SINK_LIBS:-$REPO/deploy/runtime/target/sink-libs}"
HEAP="${KLAXON_SINKS_HEAP:--Xmx128m}"
WM_PORT="${KLAXON_WIREMOCK_PORT:-8089}"
SMTP_PORT="${KLAXON_SMTP_SINK_PORT:-3025}"
GM_API_PORT="${KLAXON_GREENMAIL_API_PORT:-8090}"

usage() { echo "usage: $0 start|stop|status" >&2; exit 2; }

start() {
  local jar
  for jar in wiremock-standalone.jar greenmail-standalone.jar; do
    if [[ ! -f "$LIBS/$jar" ]]; then
      echo "sinks: $LIBS/$jar not found; run: mvn -B -q -pl deploy/runtime generate-resources   (./klaxon up does this for you)" >&2
      exit 1
    fi
  done
  mkdir -p "$DIR/wiremock/mappings" "$DIR/wiremock/__files"
  if proc_pid "$DIR/wiremock.pid" >/dev/null; then
    echo "wiremock: already running" >&2
    if ! diff -q <(cat "$REPO/deploy/sinks/mappings/"*.json) <(cat "$DIR/wiremock/mappings/"*.json 2>/dev/null) \
        >/dev/null; then
      # edited stubs: replace the running ones, leaving the request journal (the evidence of what was sent) alone
      rm -f "$DIR/wiremock/mappings/"*.json
      cp "$REPO/deploy/sinks/mappings/"*.json "$DIR/wiremock/mappings/"
      import_stubs
    fi
  else
    rm -f "$DIR/wiremock/mappings/"*.json
    cp "$REPO/deploy/sinks/mappings/"*.json "$DIR/wiremock/mappings/"
    # shellcheck disable=SC2086  # HEAP holds JVM options
    proc_start "$DIR/wiremock.pid" "$DIR/wiremock.log" java $HEAP -jar "$LIBS/wiremock-standalone.jar" \
      --port "$WM_PORT" --bind-address 127.0.0.1 --root-dir "$DIR/wiremock" --disable-banner
  fi
  if proc_pid "$DIR/greenmail.pid" >/dev/null; then
    echo "greenmail: already running" >&2
  else
    # shellcheck disable=SC2086
    proc_start "$DIR/greenmail.pid" "$DIR/greenmail.log" java $HEAP \
      -Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.smtp.port="$SMTP_PORT" -Dgreenmail.auth.disabled \
      -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port="$GM_API_PORT" \
      -jar "$LIBS/greenmail-standalone.jar"
  fi
  wait_http wiremock "http://127.0.0.1:$WM_PORT/__admin/health" 60 "$DIR/wiremock.pid" \
    || { tail -n 30 "$DIR/wiremock.log" >&2; exit 1; }
  wait_http greenmail "http://127.0.0.1:$GM_API_PORT/api/service/readiness" 60 "$DIR/greenmail.pid" \
    || { tail -n 30 "$DIR/greenmail.log" >&2; exit 1; }
  echo "sinks: Slack/Twilio stubs on http://127.0.0.1:$WM_PORT, SMTP on 127.0.0.1:$SMTP_PORT (mail API http://127.0.0.1:$GM_API_PORT)" >&2
}

import_stubs() { # every stub file through WireMock's import, which keeps the journal (mappings/reset would not)
  local f body="" sep=""
  for f in "$REPO/deploy/sinks/mappings/"*.json; do body+="$sep$(cat "$f")"; sep=","; done
  curl -s -o /dev/null -X POST -H 'Content-Type: application/json' \
    --data-binary "{\"mappings\":[${body}],\"importOptions\":{\"duplicatePolicy\":\"OVERWRITE\",\"deleteAllNotInImport\":true}}" \
    "http://127.0.0.1:$WM_PORT/__admin/mappings/import" || true
}

status() {
  local rc=0 name
  for name in wiremock greenmail; do
    if proc_pid "$DIR/$name.pid" >/dev/null; then echo "$name: running"; else echo "$name: stopped"; rc=3; fi
  done
  return "$rc"
}

[[ $# -eq 1 ]] || usage
case "$1" in
  start) start ;;
  stop) proc_stop wiremock "$DIR/wiremock.pid"; proc_stop greenmail "$DIR/greenmail.pid" ;;
  status) status ;;
  *) usage ;;
esac
