#!/usr/bin/env bash
# Chaos while loaded (issue 17): a fault under 5,000 subscribers and a steady publish rate, then the
# same load again; ./bench chaos measures what publishers were answered, what subscribers received and
# how long until every subscriber caught up. Results: docs/reliability.md.
#   herald-bench/chaos.sh kill-node            3 nodes on Redis; node 2 is killed with SIGKILL
#   herald-bench/chaos.sh restart-redis        3 nodes; Redis (no persistence) killed and started again
#   herald-bench/chaos.sh restart-redis-aof    the same with appendonly yes, appendfsync always
#   herald-bench/chaos.sh pause-redis          3 nodes; CLIENT PAUSE for PAUSE_MS (> Herald's 2 s command timeout)
#   herald-bench/chaos.sh full-disk            1 node on the durable store on an 8 MB tmpfs (needs root): the
#                                              disk is filled for FULL_SECONDS, then the filler is deleted
# Environment: SUBS=5000 TOPICS=50 RATE=20 BEFORE=10s AFTER=20s DOWN_SECONDS=3 PAUSE_MS=5000 FULL_SECONDS=10
#   OUT=file.jsonl (the JSON lines; default /tmp/herald-chaos-*.jsonl), NODE_HEAP=384m, BENCH_ARGS="..."
# Starts its own redis-server on a free port (never touches another Redis); loopback only; every process
# it started is stopped, and the tmpfs unmounted, at the end and on Ctrl-C. Bounded: the tool has a hard
# deadline and every wait here has a limit.
set -euo pipefail

FAULT="${1:-}"
SUBS="${SUBS:-5000}"
TOPICS="${TOPICS:-50}"
RATE="${RATE:-20}"
BEFORE="${BEFORE:-10s}"
AFTER="${AFTER:-20s}"
DOWN_SECONDS="${DOWN_SECONDS:-3}"
PAUSE_MS="${PAUSE_MS:-5000}"
FULL_SECONDS="${FULL_SECONDS:-10}"
NODE_HEAP="${NODE_HEAP:-384m}"
BENCH_ARGS="${BENCH_ARGS:-}"
OUT="${OUT:-/tmp/herald-chaos-$(date +%Y%m%d-%H%M%S).jsonl}"
READY_TIMEOUT_SECONDS=60

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/herald-server/target/herald.jar"
work="$(mktemp -d /tmp/herald-chaos.XXXXXX)"
node_pids=()
bench_pid=""
mounted=""

fail() {
  echo "chaos: $*" >&2
  exit 1
}

# shellcheck disable=SC2317  # called by the trap
cleanup() {
  if [ -n "$bench_pid" ]; then
    kill "$bench_pid" 2>/dev/null || true
  fi
  for pid in "${node_pids[@]}"; do
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ -f "$work/redis.pid" ]; then
    kill -9 "$(cat "$work/redis.pid")" 2>/dev/null || true
  fi
  wait 2>/dev/null || true
  if [ -n "$mounted" ]; then
    umount -l "$mounted" 2>/dev/null || true
  fi
  echo "chaos: logs in $work (node*.log, redis.log)" >&2
}
trap cleanup EXIT
trap 'exit 130' INT TERM

case "$FAULT" in
  kill-node|restart-redis|restart-redis-aof|pause-redis|full-disk) ;;
  *) sed -n '2,16p' "$0" >&2; exit 2 ;;
esac
command -v redis-server >/dev/null || fail "redis-server is needed (Debian: apt-get install redis-server)"
[ -f "$jar" ] || (cd "$root" && mvn -B -q -DskipTests -pl herald-server -am package)

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

redis_port=""
start_redis() {
  local persistence=(--save "" --appendonly no)
  if [ "$FAULT" = restart-redis-aof ]; then
    persistence=(--save "" --appendonly yes --appendfsync always)
  fi
  redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$work" --daemonize yes --pidfile "$work/redis.pid" \
    --logfile "$work/redis.log" "${persistence[@]}" >/dev/null
  for _ in $(seq 100); do
    [ "$(redis-cli -p "$redis_port" ping 2>/dev/null)" = PONG ] && return 0
    sleep 0.1
  done
  fail "redis-server on port $redis_port did not answer"
}

# Starts a node on a port the OS picks; adds its URL to nodes once /readyz answers 200. (Not run in a
# $(...) subshell: its pid must reach node_pids.)
nodes=()
start_node() {
  local k="$1"; shift
  java -Xms64m "-Xmx$NODE_HEAP" -XX:+UseSerialGC -jar "$jar" --port 0 --no-subscriptions \
    --max-connections-per-address 0 --max-streams-per-address 0 "$@" >"$work/node$k.log" 2>&1 &
  node_pids+=($!)
  local url=""
  for _ in $(seq $((READY_TIMEOUT_SECONDS * 10))); do
    url="$(grep -o -m1 'listening on http://127.0.0.1:[0-9]*' "$work/node$k.log" | sed 's/listening on //' || true)"
    if [ -n "$url" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/readyz")" = 200 ]; then
      nodes+=("$url")
      return 0
    fi
    sleep 0.1
  done
  fail "node $k was not ready within ${READY_TIMEOUT_SECONDS}s; see $work/node$k.log"
}

if [ "$FAULT" = full-disk ]; then
  [ "$(id -u)" = 0 ] || fail "full-disk mounts a tmpfs: run as root"
  mkdir -p "$work/disk"
  mount -t tmpfs -o size=8m,mode=0700 tmpfs "$work/disk"
  mounted="$work/disk"
  start_node 1 --data-dir "$work/disk/data"
  # Fill what is left with a file, hold the disk full, then delete the file: space returns, no restart.
  fault="dd if=/dev/zero of=$work/disk/filler bs=64k status=none 2>/dev/null; df -k $work/disk | tail -1;
    sleep $FULL_SECONDS; rm -f $work/disk/filler"
else
  redis_port="$(free_port)"
  start_redis
  for k in 1 2 3; do
    start_node "$k" --transport redis --redis-url "redis://127.0.0.1:$redis_port" --redis-prefix chaos
  done
  redis_pid="$(cat "$work/redis.pid")"
  case "$FAULT" in
    kill-node)
      fault="kill -9 ${node_pids[1]}"
      ;;
    restart-redis|restart-redis-aof)
      # SIGKILL, as a crash: without persistence its streams are gone; with AOF (fsync always) they stay.
      persistence="--save '' --appendonly no"
      [ "$FAULT" = restart-redis-aof ] && persistence="--save '' --appendonly yes --appendfsync always"
      fault="kill -9 $redis_pid; while kill -0 $redis_pid 2>/dev/null; do sleep 0.05; done; sleep $DOWN_SECONDS;
        redis-server --bind 127.0.0.1 --port $redis_port --dir $work --daemonize yes --pidfile $work/redis.pid \
          --logfile $work/redis.log $persistence >/dev/null;
        for i in \$(seq 100); do [ \"\$(redis-cli -p $redis_port ping 2>/dev/null)\" = PONG ] && break; sleep 0.1; done"
      ;;
    pause-redis)
      fault="redis-cli -p $redis_port CLIENT PAUSE $PAUSE_MS ALL >/dev/null && sleep $((PAUSE_MS / 1000)).$((PAUSE_MS % 1000))"
      ;;
  esac
fi
echo "chaos: $FAULT on ${nodes[*]} (redis port ${redis_port:-none}); logs in $work" >&2

status=0
# In the background and waited for, so that Ctrl-C (the trap) stops the tool too.
# shellcheck disable=SC2086  # BENCH_ARGS is a list of words on purpose
"$root/bench" chaos --nodes "$(IFS=,; echo "${nodes[*]}")" --subs "$SUBS" --topics "$TOPICS" --rate "$RATE" \
  --before "$BEFORE" --after "$AFTER" --fault-command "$fault" --label "$FAULT" --json-out "$OUT" $BENCH_ARGS &
bench_pid=$!
wait "$bench_pid" || status=$?
bench_pid=""
echo "chaos: JSON line appended to $OUT" >&2
exit "$status"
