#!/usr/bin/env bash
# Issue 17's readiness chaos case, under load: one node's stream reader stops while Redis stays
# reachable, and its /readyz must follow. Three Herald nodes on a redis-server of this script's own (a
# free port, nothing kept on disk), SUBS subscribers spread over them (one ./bench fanout per node, all
# publishing through node 2, RATE/s in all), and STOP_AT seconds into the publishing node 1's reads
# are refused for STOP_FOR seconds: node 1 connects as an ACL user of its own, from which the script
# takes XREAD away (ACL SETUSER ... -xread) and then gives it back. Everything else goes on: node 1's
# appends, its recoveries, Redis for nodes 2 and 3.
#
# Every 0.5 s (as the machine allows: each sample is four requests) it asks each node's /readyz and
# node 1's /metrics; at the end it prints how long node 1 took to say 503 and why, the peak of its lag,
# how long after its reads came back it said 200 again (both to the sampling's resolution), whether
# nodes 2 and 3 ever said 503 (or did not answer within 2 s), and each bench's deliveries (LOST and
# duplicates must be 0: node 1 delivers what it missed once it reads again).
#   herald-bench/chaos-reader-stop.sh             5,001 subscribers, 30 publishes/s, 60 s, reads stopped 20 s from 15 s
#   SUBS=300 DURATION=30s STOP_AT=8 STOP_FOR=10 herald-bench/chaos-reader-stop.sh       a small run
# Loopback only. Everything it started (nodes, benches, redis-server) is stopped at the end and on Ctrl-C.
set -euo pipefail

SUBS="${SUBS:-5001}"
RATE="${RATE:-30}"
DURATION="${DURATION:-60s}"
STOP_AT="${STOP_AT:-15}"
STOP_FOR="${STOP_FOR:-20}"
DRAIN="${DRAIN:-20s}"
OUT="${OUT:-/tmp/chaos-reader-stop-$(date +%Y%m%d-%H%M%S)}"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/herald-server/target/herald.jar"
nodes=()
benches=()
redis_pid=""
sampler_pid=""

fail() {
  echo "chaos-reader-stop: $*" >&2
  exit 1
}

# shellcheck disable=SC2317  # called by the trap
stop_all() {
  for pid in $sampler_pid "${benches[@]}" "${nodes[@]}" $redis_pid; do
    kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap stop_all EXIT
trap 'exit 130' INT TERM

for tool in redis-server redis-cli curl python3; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is needed"
done
[ -f "$jar" ] || (cd "$root" && mvn -B -q -DskipTests -pl herald-server -am package)
mkdir -p "$OUT"

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The Redis of this run only: stopping it at the end loses nothing of anyone's.
redis_port="$(free_port)"
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no >"$OUT/redis.log" 2>&1 &
redis_pid=$!
for _ in $(seq 100); do
  redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
  sleep 0.1
done
redis() {
  redis-cli -p "$redis_port" "$@" >/dev/null
}
redis ACL SETUSER herald-node1 on '>node1-secret' '~*' '&*' '+@all'

# Node k's base URL, read from its log once it serves.
node_url() {
  grep -o 'Herald is running: open http://[^/]*' "$OUT/node$1.log" | head -1 | sed 's/.*open //'
}
for k in 1 2 3; do
  redis_url="redis://127.0.0.1:$redis_port"
  [ "$k" = 1 ] && redis_url="redis://herald-node1:node1-secret@127.0.0.1:$redis_port"
  java -XX:MaxNewSize=32m -Xms64m -XX:MetaspaceSize=64m -jar "$jar" --port 0 --transport redis \
      --redis-url "$redis_url" --redis-prefix chaos --no-subscriptions \
      --max-connections-per-address 0 --max-streams-per-address 0 >"$OUT/node$k.log" 2>&1 &
  nodes+=($!)
done
urls=()
for k in 1 2 3; do
  for _ in $(seq 300); do
    [ -n "$(node_url "$k")" ] && break
    kill -0 "${nodes[$((k - 1))]}" 2>/dev/null || fail "node $k exited at start; see $OUT/node$k.log"
    sleep 0.1
  done
  urls+=("$(node_url "$k")")
  [ -n "${urls[$((k - 1))]}" ] || fail "node $k did not start within 30 s; see $OUT/node$k.log"
done
echo "chaos-reader-stop: nodes ${urls[*]} on redis-server :$redis_port; output in $OUT" >&2

# One line every 0.5 s: seconds since the start, each node's /readyz status, node 1's lag (seconds and
# updates) and /readyz body.
sample() {
  local start="$1"
  while true; do
    local line
    line="$(date +%s.%N | awk -v s="$start" '{ printf "%.1f", $1 - s }')"
    for k in 1 2 3; do
      # 000: no answer within 2 s (curl prints it itself), what a load balancer's probe counts as a failure too.
      line="$line $(curl -s -o "$OUT/readyz$k.body" -w '%{http_code}' -m 2 "${urls[$((k - 1))]}/readyz" || true)"
    done
    local metrics
    metrics="$(curl -s -m 2 "${urls[0]}/metrics" || true)"
    line="$line $(echo "$metrics" | awk '$1 == "herald_reader_lag_seconds" { print $2 }') "
    line="$line$(echo "$metrics" | awk '$1 == "herald_redis_reader_lag" { print $2 }')"
    echo "$line $(tr -d '\n' <"$OUT/readyz1.body")" >>"$OUT/timeline.txt"
    sleep 0.5
  done
}
start="$(date +%s.%N)"
sample "$start" &
sampler_pid=$!

per_node=$((SUBS / 3))
for k in 1 2 3; do
  "$root/bench" fanout --url "${urls[$((k - 1))]}" --publish-url "${urls[1]}" --subs "$per_node" \
      --rate "$(awk -v r="$RATE" 'BEGIN { printf "%.2f", r / 3 }')" --duration "$DURATION" --warmup 2s \
      --drain "$DRAIN" --connect-timeout 120s --topic-prefix "https://herald.local/chaos/$k/" --label "node$k" \
      --json-out "$OUT/bench.jsonl" >"$OUT/bench$k.log" 2>&1 &
  benches+=($!)
done

# The benches connect their subscribers, then publish: the stop is timed from when every node holds its
# subscribers (at most the connect timeout).
subscribers() {
  curl -s -m 2 "$1/metrics" | awk '$1 == "herald_subscribers" { printf "%d", $2 }'
}
for _ in $(seq 240); do
  connected=0
  for url in "${urls[@]}"; do
    n="$(subscribers "$url" || true)"
    connected=$((connected + ${n:-0}))
  done
  [ "$connected" -ge $((per_node * 3)) ] && break
  sleep 0.5
done
sleep "$STOP_AT"
stopped="$(date +%s.%N | awk -v s="$start" '{ printf "%.1f", $1 - s }')"
redis ACL SETUSER herald-node1 -xread
echo "chaos-reader-stop: node 1 may not read from t=${stopped}s" >&2
sleep "$STOP_FOR"
resumed="$(date +%s.%N | awk -v s="$start" '{ printf "%.1f", $1 - s }')"
redis ACL SETUSER herald-node1 +xread
echo "chaos-reader-stop: node 1 may read again from t=${resumed}s" >&2

status=0
for pid in "${benches[@]}"; do
  wait "$pid" || status=1
done
benches=()
kill "$sampler_pid" 2>/dev/null || true
wait "$sampler_pid" 2>/dev/null || true
sampler_pid=""

awk -v stopped="$stopped" -v resumed="$resumed" '
  $1 >= stopped && notready == "" && $2 == 503 { notready = $1; reason = ""; for (i = 7; i <= NF; i++) reason = reason " " $i }
  $1 >= resumed && ready == "" && $2 == 200 { ready = $1 }
  $1 >= stopped && $1 <= resumed + 5 && $5 + 0 > peak { peak = $5 + 0; peakUpdates = $6 }
  $3 == 503 { refused2++ } $4 == 503 { refused3++ } $3 == "000" { silent2++ } $4 == "000" { silent3++ } { samples++ }
  END {
    printf "node 1 reads refused: t=%ss to t=%ss\n", stopped, resumed
    printf "node 1 /readyz 503 after: %s s (reason:%s)\n", notready == "" ? "never" : notready - stopped, reason
    printf "node 1 lag peak: %.1f s, %s updates\n", peak, peakUpdates
    printf "node 1 /readyz 200 again after: %s s\n", ready == "" ? "never" : ready - resumed
    printf "nodes 2 and 3 answered 503: %d and %d times, not within 2 s: %d and %d times, in %d samples\n",
      refused2, refused3, silent2, silent3, samples
  }' "$OUT/timeline.txt" | tee "$OUT/summary.txt"
for k in 1 2 3; do
  echo "node$k: $(grep -E '^  (subscribers|delivered|latency) ' "$OUT/bench$k.log" | tr -s ' ' | paste -sd ';')" \
    | tee -a "$OUT/summary.txt"
done
echo "chaos-reader-stop: timeline (t, readyz 1 2 3, lag s, lag updates, node 1's reason) in $OUT/timeline.txt" >&2
exit "$status"
