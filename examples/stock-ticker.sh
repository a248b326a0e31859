#!/usr/bin/env bash
# The stock-ticker example in one command: a hub, a ticker that publishes made-up prices for five stocks
# (herald-examples' TickerPublisher) and a console board that shows them live (TickerBoard). Ctrl+C stops
# all three. The hub's page at http://127.0.0.1:$PORT/ stays the demo page.
#   examples/stock-ticker.sh                 runs until Ctrl+C, hub on port 8090
#   PORT=9000 INTERVAL=250 examples/stock-ticker.sh
#   TICKS=3 examples/stock-ticker.sh         three rounds of prices, then stops (what ./test.sh runs)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/herald-examples/target/herald-examples.jar"
port="${PORT:-8090}"
ticks="${TICKS:-0}"
symbols=5

fail() {
  echo "stock-ticker: $*" >&2
  exit 1
}

command -v java >/dev/null 2>&1 || fail "Java 17 or newer is needed (Debian: apt-get install openjdk-17-jdk-headless)"

if [ ! -f "$jar" ] || [ -n "$(find "$root/herald-examples" "$root/herald-client" -path '*/target' -prune -o \
    \( -path '*/src/main/*' -o -name pom.xml \) -type f -newer "$jar" -print -quit)" ]; then
  command -v mvn >/dev/null 2>&1 || fail "Maven is needed to build the example (Debian: apt-get install maven)"
  echo "stock-ticker: building the example (first run or sources changed)..." >&2
  mvn -f "$root/pom.xml" -B -q --no-transfer-progress -DskipTests -pl herald-examples -am package >&2 \
    || fail "the build failed (see the Maven output above)"
fi

# The hub's key, made for this run only: the ticker signs its publisher token with it.
key="$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
log="$(mktemp -t herald-stock-ticker.XXXXXX.log)"
# A store of its own, so the board's "earliest" means this run's first price.
data="$(mktemp -d -t herald-stock-ticker.XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "stock-ticker: starting a hub on http://127.0.0.1:$port (its log: $log)" >&2
"$root/herald" --port "$port" --jwt-key "$key" --data-dir "$data" >"$log" 2>&1 &
pids+=($!)
hub="http://127.0.0.1:$port/.well-known/mercure"
for _ in $(seq 1 300); do
  kill -0 "${pids[0]}" 2>/dev/null || fail "the hub did not start (port $port taken? PORT=... picks another): $(tail -n 3 "$log")"
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.2
done

# The board reads from the hub's earliest update, so it shows every price however soon the ticker starts.
count=0
[ "$ticks" -gt 0 ] && count=$((ticks * symbols))
HUB="$hub" COUNT="$count" LAST_EVENT_ID=earliest java -cp "$jar" dev.herald.examples.ticker.TickerBoard &
board=$!
pids+=("$board")
HUB="$hub" HUB_KEY="$key" TICKS="$ticks" INTERVAL="${INTERVAL:-1000}" \
  java -cp "$jar" dev.herald.examples.ticker.TickerPublisher &
pids+=($!)
wait "$board"
