#!/usr/bin/env bash
# Loads the demo configuration through the admin API: three people (on-call, lead, CTO), a schedule with
# Olivia on call now, the default escalation policy, the default triage rules (deploy/demo/rules.json,
# one rule per line, posted in order) and one integration per source type.
# Prints what it created as shell-sourceable NAME=value lines on stdout (./klaxon keeps them in
# .klaxon/demo-loaded); progress goes to stderr. Not idempotent by itself: ./klaxon runs it once.
# Usage: deploy/demo.sh    (env: KLAXON_ADMIN_TOKEN, KLAXON_INGEST_URL, KLAXON_TRIAGE_URL,
#                           KLAXON_ESCALATION_URL, KLAXON_DEMO_STEP_TIMEOUT seconds, default 900)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
INGEST="${KLAXON_INGEST_URL:-http://localhost:8081}"
TRIAGE="${KLAXON_TRIAGE_URL:-http://localhost:8082}"
ESCALATION="${KLAXON_ESCALATION_URL:-http://localhost:8083}"
STEP="${KLAXON_DEMO_STEP_TIMEOUT:-900}"
TZ_NAME="Europe/London"
[[ $# -eq 0 ]] || { echo "usage: $0   (configured through environment variables, see the header)" >&2; exit 2; }
[[ "$STEP" =~ ^[0-9]+$ ]] || { echo "demo: KLAXON_DEMO_STEP_TIMEOUT must be seconds" >&2; exit 2; }
TOKEN="${KLAXON_ADMIN_TOKEN:-$("$REPO/deploy/jwt.sh" token "$REPO/.klaxon/jwt" admin demo-loader 3600)}"

post() { # URL JSON: prints the response body, fails unless 201
  local out code
  out="$(curl -sS -w '\n%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' --data-binary "$2" "$1")"
  code="${out##*$'\n'}"
  [[ "$code" == 201 ]] || { echo "demo: POST $1 answered $code: ${out%$'\n'*}" >&2; exit 1; }
  printf '%s' "${out%$'\n'*}"
}

field() { # NAME: top-level string/number field of the JSON on stdin
  if command -v jq >/dev/null; then
    jq -r --arg f "$1" '.[$f] // empty'
  else # first occurrence; the services put id/key before nested objects
    grep -o "\"$1\" *: *\"\{0,1\}[^\",}]*" | head -n 1 | sed 's/^[^:]*: *"\{0,1\}//'
  fi
}

out() { printf '%s=%q\n' "$1" "$2"; }

schedule_start() { # Monday 09:00 of this week in the schedule's zone, the week before if that is still ahead
  local dow back
  dow="$(TZ="$TZ_NAME" date +%u)"
  back=$((dow - 1))
  if [[ "$dow" == 1 ]] && ((10#$(TZ="$TZ_NAME" date +%H%M) < 900)); then back=7; fi
  TZ="$TZ_NAME" date -d "$(TZ="$TZ_NAME" date +%F) -$back days" +%FT09:00:00 2>/dev/null \
    || echo 2026-01-05T09:00:00 # non-GNU date: any past Monday works, Olivia is the only participant
}

user() { # name role slack phone email
  post "$ESCALATION/api/v1/users" "$(printf '{"name":"%s","email":"%s","phone":"%s","slackUserId":"%s","timeZone":"%s","role":"%s"}' \
    "$1" "$5" "$4" "$3" "$TZ_NAME" "$2")" | field id
}

echo "demo: people" >&2
olivia="$(user "Olivia On-call" engineer U0ONCALL +15550100001 oncall@example.com)"
liam="$(user "Liam Lead" lead U0LEAD +15550100002 lead@example.com)"
chloe="$(user "Chloe CTO" cto U0CTO +15550100003 cto@example.com)"
out OLIVIA_ID "$olivia"; out LIAM_ID "$liam"; out CHLOE_ID "$chloe"

echo "demo: schedule and escalation policy (step timeout ${STEP}s)" >&2
schedule="$(post "$ESCALATION/api/v1/schedules" "$(printf '{"name":"Primary on-call","timeZone":"%s","rotations":[{"name":"weekly","type":"WEEKLY","shiftLength":1,"start":"%s","participants":["%s"]}]}' \
  "$TZ_NAME" "$(schedule_start)" "$olivia")" | field id)"
out SCHEDULE_ID "$schedule"
policy="$(post "$ESCALATION/api/v1/escalation-policies" "$(printf '{"name":"Default","isDefault":true,"repeat":1,"steps":[{"timeoutSeconds":%d,"targets":[{"type":"SCHEDULE","id":"%s"}]},{"timeoutSeconds":%d,"targets":[{"type":"USER","id":"%s"}]},{"timeoutSeconds":%d,"targets":[{"type":"USER","id":"%s"}]}]}' \
  "$STEP" "$schedule" "$STEP" "$liam" "$STEP" "$chloe")" | field id)"
out POLICY_ID "$policy"

echo "demo: triage rules" >&2
# triage-service seeds the runbook defaults itself; post deploy/demo/rules.json only to an empty rule list
existing="$(curl -sS -H "Authorization: Bearer $TOKEN" "$TRIAGE/api/v1/rules")"
n=0
[[ "$existing" == "[]" ]] && while IFS= read -r line; do
  [[ "$line" == \{* ]] || continue
  n=$((n + 1))
  out "RULE_${n}_ID" "$(post "$TRIAGE/api/v1/rules" "${line%,}" | field id)"
done <"$REPO/deploy/demo/rules.json"
((n > 0)) || echo "demo: triage already has its default rules; left as they are" >&2

echo "demo: integrations" >&2
for type in grafana alertmanager sentry uptime-kuma uptimerobot pingdom pagerduty generic; do
  key="$(post "$INGEST/api/v1/integrations" "$(printf '{"name":"Demo %s","sourceType":"%s","service":"checkout"}' "$type" "$type")" | field key)"
  var="${type//-/_}"
  out "INTEGRATION_KEY_${var^^}" "$key"
done
