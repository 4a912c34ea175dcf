#!/usr/bin/env bash
# Picks the PostgreSQL server Klaxon uses and prints "host port user password" (one line, stdout).
# Usage: deploy/postgres.sh ensure | stop | status | createdb NAME... | dropdb NAME...
#   KLAXON_PG_URL=postgresql://user[:password]@host[:port]  use that server
#   otherwise a server on 127.0.0.1:${KLAXON_PG_PROBE_PORT:-5432}, otherwise a private cluster
#   in ${KLAXON_PG_DIR:-<repo>/.klaxon/pg} on port ${KLAXON_PG_PORT:-55432}.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_DIR="${KLAXON_PG_DIR:-$REPO/.klaxon/pg}"
PG_PORT="${KLAXON_PG_PORT:-55432}"
PROBE_PORT="${KLAXON_PG_PROBE_PORT:-5432}"
HOST="" PORT="" USER_="" PASS=""

usage() { echo "usage: $0 ensure|stop|status|createdb NAME...|dropdb NAME..." >&2; exit 2; }
log() { echo "postgres: $*" >&2; }

answers() { # host port
  if command -v pg_isready >/dev/null; then
    pg_isready -q -h "$1" -p "$2" -t 3
  else
    (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
  fi
}

can_login() { # host port user password
  if ! command -v psql >/dev/null; then log "psql not installed, cannot verify the login"; return 0; fi
  PGPASSWORD="$4" psql -h "$1" -p "$2" -U "$3" -d postgres -Atqc 'select 1' >/dev/null 2>&1
}

pg_bin() { # newest initdb/pg_ctl: /usr/lib/postgresql/<ver>/bin, else PATH
  local dir
  dir="$(find /usr/lib/postgresql/*/bin -maxdepth 1 -name initdb 2>/dev/null | sort -V | tail -n 1)"
  if [[ -n "$dir" ]]; then dirname "$dir"; elif command -v initdb >/dev/null; then dirname "$(command -v initdb)"; fi
}

as_pg() { # run as the postgres OS user when we are root (initdb refuses root)
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

private_running() { local bin; bin="$(pg_bin)"; [[ -n "$bin" && -f "$PG_DIR/PG_VERSION" ]] && as_pg "$bin/pg_ctl" -D "$PG_DIR" status >/dev/null 2>&1; }

start_private() {
  local bin
  bin="$(pg_bin)"
  if [[ -z "$bin" ]]; then
    log "PostgreSQL not found: install it (Debian: apt-get install -y postgresql) or set KLAXON_PG_URL"
    exit 1
  fi
  if [[ ! -f "$PG_DIR/PG_VERSION" ]]; then
    log "creating a private cluster in $PG_DIR (port $PG_PORT)"
    mkdir -p "$PG_DIR"
    chmod 700 "$PG_DIR"
    [[ $(id -u) -eq 0 ]] && chown postgres: "$PG_DIR"
    as_pg "$bin/initdb" -D "$PG_DIR" -U postgres --auth=trust -E UTF8 --locale=C >"$PG_DIR.initdb.log" 2>&1 \
      || { cat "$PG_DIR.initdb.log" >&2; exit 1; }
    printf "listen_addresses = '127.0.0.1'\nport = %s\nunix_socket_directories = '%s'\n" "$PG_PORT" "$PG_DIR" \
      | as_pg tee -a "$PG_DIR/postgresql.conf" >/dev/null
  fi
  if ! private_running; then
    log "starting the private cluster in $PG_DIR"
    as_pg "$bin/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/server.log" -w -t 60 start >/dev/null \
      || { tail -n 30 "$PG_DIR/server.log" >&2; exit 1; }
  fi
  HOST=127.0.0.1 PORT="$(sed -n "s/^port = //p" "$PG_DIR/postgresql.conf" | tail -n 1)" USER_=postgres PASS=""
}

choose() {
  local re='^postgres(ql)?://([^:@/]+)(:([^@]*))?@([^:/]+)(:([0-9]+))?/?.*$'
  if [[ -n "${KLAXON_PG_URL:-}" ]]; then
    [[ "$KLAXON_PG_URL" =~ $re ]] || { log "cannot parse KLAXON_PG_URL (want postgresql://user[:password]@host[:port])"; exit 1; }
    HOST="${BASH_REMATCH[5]}" PORT="${BASH_REMATCH[7]:-5432}" USER_="${BASH_REMATCH[2]}" PASS="${BASH_REMATCH[4]}"
    log "using KLAXON_PG_URL ($USER_@$HOST:$PORT)"
  elif answers 127.0.0.1 "$PROBE_PORT" && can_login 127.0.0.1 "$PROBE_PORT" postgres ""; then
    HOST=127.0.0.1 PORT="$PROBE_PORT" USER_=postgres PASS=""
    log "using the server on 127.0.0.1:$PORT"
  else
    answers 127.0.0.1 "$PROBE_PORT" && log "127.0.0.1:$PROBE_PORT answers but user postgres cannot log in without a password; set KLAXON_PG_URL to use it"
    start_private
    log "using the private cluster on 127.0.0.1:$PORT"
  fi
}

createdbs() {
  local name
  command -v psql >/dev/null || { log "psql is needed to create databases (Debian: apt-get install -y postgresql-client)"; exit 1; }
  choose
  for name in "$@"; do
    [[ "$name" =~ ^[a-z_][a-z0-9_]*$ ]] || { log "invalid database name: $name"; exit 1; }
    if [[ "$(PGPASSWORD="$PASS" psql -h "$HOST" -p "$PORT" -U "$USER_" -d postgres -Atqc \
          "select 1 from pg_database where datname = '$name'")" == 1 ]]; then
      log "database $name exists"
    else
      PGPASSWORD="$PASS" psql -h "$HOST" -p "$PORT" -U "$USER_" -d postgres -qc "create database \"$name\"" >/dev/null
      log "database $name created"
    fi
  done
}

dropdbs() {
  local name
  choose
  for name in "$@"; do
    [[ "$name" =~ ^[a-z_][a-z0-9_]*$ ]] || { log "invalid database name: $name"; exit 1; }
    PGPASSWORD="$PASS" psql -h "$HOST" -p "$PORT" -U "$USER_" -d postgres -qc \
      "drop database if exists \"$name\" with (force)" >/dev/null
    log "database $name dropped"
  done
}

stop() {
  if private_running; then
    as_pg "$(pg_bin)/pg_ctl" -D "$PG_DIR" -m fast -w stop >/dev/null
    log "private cluster stopped"
  else
    log "no private cluster running (a shared or external server is left alone)"
  fi
}

status() { # what ensure would pick, without starting anything
  if [[ -n "${KLAXON_PG_URL:-}" ]]; then echo "postgres: external (KLAXON_PG_URL)"
  elif answers 127.0.0.1 "$PROBE_PORT"; then echo "postgres: server on 127.0.0.1:$PROBE_PORT"
  elif private_running; then echo "postgres: private cluster running ($PG_DIR)"
  else echo "postgres: stopped"; exit 3
  fi
}

[[ $# -ge 1 ]] || usage
case "$1" in
  status) status ;;
  ensure) [[ $# -eq 1 ]] || usage; choose; echo "$HOST $PORT $USER_ $PASS" ;;
  stop) stop ;;
  createdb) shift; [[ $# -ge 1 ]] || usage; createdbs "$@" ;;
  dropdb) shift; [[ $# -ge 1 ]] || usage; dropdbs "$@" ;;
  *) usage ;;
esac
