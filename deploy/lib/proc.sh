# shellcheck shell=bash
# Background-process helpers shared by deploy/sinks.sh and ./klaxon (sourced, not executed).

# proc_pid PIDFILE: prints the pid if the pid file names a live process.
proc_pid() {
  local pid
  [[ -f "$1" ]] || return 1
  pid="$(cat "$1")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# proc_start PIDFILE LOGFILE CMD...: detached (own session, survives the caller), output to LOGFILE. The previous
# LOGFILE is kept as LOGFILE.1, so a crashed process's last words survive its restart.
proc_start() {
  local pidfile="$1" logfile="$2"
  shift 2
  mkdir -p "$(dirname "$pidfile")" "$(dirname "$logfile")"
  [[ -f "$logfile" ]] && mv -f "$logfile" "$logfile.1"
  nohup setsid "$@" >"$logfile" 2>&1 </dev/null &
  echo $! >"$pidfile"
}

# proc_stop NAME PIDFILE: SIGTERM, up to 30 s grace, then SIGKILL.
proc_stop() {
  local name="$1" pidfile="$2" pid i
  if ! pid="$(proc_pid "$pidfile")"; then echo "$name: not running" >&2; rm -f "$pidfile"; return 0; fi
  kill -TERM "$pid"
  for ((i = 0; i < 150; i++)); do # 30 s
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then echo "$name: still alive after 30 s, killing" >&2; kill -KILL "$pid"; fi
  rm -f "$pidfile"
  echo "$name: stopped" >&2
}

# wait_http NAME URL SECONDS PIDFILE: waits for HTTP 200 while the process lives.
wait_http() {
  local name="$1" url="$2" secs="$3" pidfile="$4" i
  for ((i = 0; i < secs; i++)); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)" == 200 ]] && return 0
    proc_pid "$pidfile" >/dev/null || { echo "$name: process exited" >&2; return 1; }
    sleep 1
  done
  echo "$name: no 200 from $url after $secs s" >&2
  return 1
}
