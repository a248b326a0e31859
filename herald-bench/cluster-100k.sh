#!/usr/bin/env bash
# 100,000 concurrent subscribers on one machine: several Herald nodes on one Redis (the 20,000-file
# limit caps one process), one ./bench fanout per node, every bench publishing through node 1 so that
# nodes 2..N deliver what they read from Redis.
#   herald-bench/cluster-100k.sh                        6 nodes x 17,000 subscribers, 1 publish/s each, 30 s
#   NODES=3 SUBS=1000 DURATION=5s herald-bench/cluster-100k.sh    a small run
# Needs Redis on REDIS_URL (default redis://127.0.0.1:6379); uses its own key prefix. Loopback only;
# every node and bench it started is stopped at the end and on Ctrl-C.
set -euo pipefail

NODES="${NODES:-6}"
SUBS="${SUBS:-17000}"
DURATION="${DURATION:-30s}"
BASE_PORT="${BASE_PORT:-18800}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
OUT="${OUT:-/tmp/cluster-100k-$(date +%Y%m%d-%H%M%S).jsonl}"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/herald-server/target/herald.jar"
logs="$(mktemp -d)"
prefix="herald-bench-100k-$(date +%s)"
nodes=()
benches=()

# shellcheck disable=SC2317  # called by the trap
stop_all() {
  for pid in "${benches[@]}" "${nodes[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  # The run's keys (its stream of updates and indexes) are of no use afterwards.
  if command -v redis-cli >/dev/null 2>&1; then
    redis-cli -u "$REDIS_URL" --scan --pattern "$prefix*" | xargs -r redis-cli -u "$REDIS_URL" DEL >/dev/null || true
  fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM

[ -f "$jar" ] || (cd "$root" && mvn -B -q -DskipTests -pl herald-server,herald-bench -am package)

for k in $(seq 1 "$NODES"); do
  java -XX:MaxNewSize=32m -Xms64m -XX:MetaspaceSize=64m -jar "$jar" --port $((BASE_PORT + k)) --transport redis --redis-url "$REDIS_URL" \
      --redis-prefix "$prefix" --no-subscriptions \
      --max-connections-per-address 0 --max-streams-per-address 0 >"$logs/node$k.log" 2>&1 &
  nodes+=($!)
done
for k in $(seq 1 "$NODES"); do
  for _ in $(seq 100); do
    curl -s -o /dev/null "http://127.0.0.1:$((BASE_PORT + k))/readyz" && break
    sleep 0.3
  done
done
echo "cluster-100k: $NODES nodes ready on Redis $REDIS_URL (prefix $prefix); logs in $logs" >&2

for k in $(seq 1 "$NODES"); do
  "$root/bench" fanout --url "http://127.0.0.1:$((BASE_PORT + k))" --publish-url "http://127.0.0.1:$((BASE_PORT + 1))" \
      --subs "$SUBS" --rate 1 --duration "$DURATION" --warmup 2s --drain 10s --connect-timeout 180s \
      --topic-prefix "https://herald.local/cluster-100k/$k/" --label "node$k" \
      --server-pid "${nodes[$((k - 1))]}" --json-out "$OUT" >"$logs/bench$k.log" 2>&1 &
  benches+=($!)
done
status=0
for pid in "${benches[@]}"; do
  wait "$pid" || status=1
done
benches=()

for k in $(seq 1 "$NODES"); do
  echo "node$k: $(grep -E '^  (subscribers|delivered) ' "$logs/bench$k.log" | tr -s ' ' | paste -sd ';')"
done
echo "cluster-100k: JSON lines in $OUT" >&2
exit "$status"
