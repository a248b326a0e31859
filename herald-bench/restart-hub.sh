#!/usr/bin/env bash
# Starts, restarts and stops one Herald hub for the benchmarks that need a hub prepared or restarted
# (./bench storm --restart-command). Loopback only; the hub's output goes to $STATE/hub.log.
#   herald-bench/restart-hub.sh start     a hub on a fresh data directory; waits for /healthz; prints its pid
#   herald-bench/restart-hub.sh restart   stops $HERALD_PID (else the pid it started) with $SIGNAL, waits until
#                                         it is gone, starts it again on the same data and port, prints the pid
#   herald-bench/restart-hub.sh stop      stops the hub it started (SIGTERM)
# Environment:
#   PORT=18700                 the hub's port (on 127.0.0.1)
#   STATE=/tmp/herald-bench-hub   its data directory ($STATE/data), pid file and log
#   SIGNAL=TERM                how restart stops the hub: TERM (graceful) or KILL (a crash)
#   HUB_CPUS=                  e.g. 0: the hub runs under taskset -c 0 (the tool then on the other core)
#   HUB_ARGS=                  more options of the hub, e.g. "--transport memory --history-size 1000000"
#   JAVA_OPTS=                 the hub's JVM options (./herald passes them on)
set -euo pipefail

PORT="${PORT:-18700}"
STATE="${STATE:-/tmp/herald-bench-hub}"
SIGNAL="${SIGNAL:-TERM}"
HUB_CPUS="${HUB_CPUS:-}"
HUB_ARGS="${HUB_ARGS:-}"
# A hub on a store of a million updates starts in seconds; a graceful stop takes up to its 10 s grace.
START_TIMEOUT_SECONDS=60
STOP_TIMEOUT_SECONDS=60

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pid_file="$STATE/hub.pid"
marker="$STATE/.herald-bench"

fail() {
  echo "restart-hub: $*" >&2
  exit 1
}

start() {
  mkdir -p "$STATE/data"
  local launcher=("$root/herald")
  if [ -n "$HUB_CPUS" ]; then
    launcher=(taskset -c "$HUB_CPUS" "$root/herald")
  fi
  # setsid: the hub outlives this script (and the tool that ran it) until restart or stop ends it.
  # Its output goes to the log, never to our stdout, whose last line the tool reads as the pid.
  # shellcheck disable=SC2086  # HUB_ARGS is a list of words on purpose
  # The tool puts thousands of honest subscribers on each loopback address it uses, so the per-address
  # limits are off here (herald-server's attack tests check them).
  setsid "${launcher[@]}" --port "$PORT" --data-dir "$STATE/data" \
    --max-connections-per-address 0 --max-streams-per-address 0 $HUB_ARGS \
    >>"$STATE/hub.log" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$pid_file"
  local waited=0
  until curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || fail "the hub exited at start; see $STATE/hub.log"
    [ "$waited" -lt $((START_TIMEOUT_SECONDS * 10)) ] || fail "the hub did not answer /healthz within ${START_TIMEOUT_SECONDS}s"
    sleep 0.1
    waited=$((waited + 1))
  done
  echo "restart-hub: hub pid $pid on port $PORT (data $STATE/data, log $STATE/hub.log)" >&2
  echo "$pid"
}

stop_pid() {
  local pid="$1" signal="$2"
  kill -"$signal" "$pid" 2>/dev/null || return 0
  local waited=0
  while kill -0 "$pid" 2>/dev/null; do
    [ "$waited" -lt $((STOP_TIMEOUT_SECONDS * 10)) ] || fail "pid $pid still runs ${STOP_TIMEOUT_SECONDS}s after SIG$signal"
    sleep 0.1
    waited=$((waited + 1))
  done
}

case "${1:-}" in
  start)
    # A fresh history each time, but only in a directory this script made (never someone's data).
    if [ -d "$STATE/data" ] && [ -n "$(ls -A "$STATE/data")" ]; then
      [ -f "$marker" ] || fail "$STATE/data is not empty and was not made by this script; set STATE elsewhere"
      rm -rf "$STATE/data"
    fi
    mkdir -p "$STATE/data"
    touch "$marker" # beside the data, not in it: the store owns its directory
    start
    ;;
  restart)
    pid="${HERALD_PID:-$(cat "$pid_file" 2>/dev/null || true)}"
    [ -n "$pid" ] || fail "no hub to restart: set HERALD_PID or run start first"
    stop_pid "$pid" "$SIGNAL"
    start
    ;;
  stop)
    [ -f "$pid_file" ] || exit 0
    stop_pid "$(cat "$pid_file")" TERM
    rm -f "$pid_file"
    ;;
  *)
    echo "usage: $0 start|restart|stop (see the comment at the top)" >&2
    exit 2
    ;;
esac
