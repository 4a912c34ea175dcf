#!/usr/bin/env bash
# RS256 tokens for Klaxon's admin API (SmallRye JWT, mp.jwt.verify.issuer=klaxon).
# Usage: deploy/jwt.sh keys DIR                           RSA-2048 pair DIR/private.pem (PKCS#8), DIR/public.pem
#        deploy/jwt.sh token DIR ROLE [SUBJECT] [TTL_SECONDS]   ROLE: admin|responder|viewer
set -euo pipefail

usage() { echo "usage: $0 keys DIR | token DIR admin|responder|viewer [SUBJECT] [TTL_SECONDS]" >&2; exit 2; }
die() { echo "jwt: $*" >&2; exit 1; }
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

keys() {
  local dir="$1"
  if [[ -f "$dir/private.pem" && -f "$dir/public.pem" ]]; then echo "jwt: keeping the key pair in $dir" >&2; return 0; fi
  mkdir -p "$dir"
  (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/private.pem" 2>/dev/null)
  openssl pkey -in "$dir/private.pem" -pubout -out "$dir/public.pem"
  echo "jwt: generated $dir/private.pem and $dir/public.pem" >&2
}

token() {
  local dir="$1" role="$2" sub="${3:-operator}" ttl="${4:-2592000}" now header payload
  [[ -f "$dir/private.pem" ]] || die "no $dir/private.pem; run: $0 keys $dir"
  [[ "$role" =~ ^(admin|responder|viewer)$ ]] || die "role must be admin, responder or viewer (got '$role')"
  [[ "$sub" =~ ^[A-Za-z0-9._@+-]+$ ]] || die "subject may only hold letters, digits and . _ @ + -"
  [[ "$ttl" =~ ^[0-9]+$ ]] || die "TTL must be a number of seconds"
  now="$(date +%s)"
  header="$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)"
  payload="$(printf '{"iss":"klaxon","sub":"%s","upn":"%s","groups":["%s"],"iat":%d,"exp":%d}' \
    "$sub" "$sub" "$role" "$now" "$((now + ttl))" | b64url)"
  printf '%s.%s.%s\n' "$header" "$payload" \
    "$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$dir/private.pem" -binary | b64url)"
}

case "${1:-}" in
  keys) [[ $# -eq 2 ]] || usage; keys "$2" ;;
  token) [[ $# -ge 3 && $# -le 5 ]] || usage; token "${@:2}" ;;
  *) usage ;;
esac
