#!/usr/bin/env bash
# Issue 6's comparison, reproducible: the same ./bench rows against Herald and against nginx + nchan,
# a fresh server for every run, the server pinned to one core and the tool to the other, every run's
# JSON line in one results file, then ./bench plot of its fan-out runs.
#   herald-bench/compare.sh                     every row, 3 runs each, on both servers (about 20 minutes)
#   herald-bench/compare.sh --quick             a smoke test: 100 subscribers, 3 s, 1 run (about 2 minutes)
#   herald-bench/compare.sh --runs 5 --only nchan --out /tmp/nchan.jsonl
# Loopback only; every run is bounded by the tool's hard deadline, every server is stopped at the end
# and on Ctrl-C. nchan's rows are skipped, with a message, when nginx or its nchan module is missing
# (Debian: apt-get install nginx libnginx-mod-nchan).
set -euo pipefail

# --- What is measured, and where (environment variables override) ---------------------------------
HERALD_PORT="${HERALD_PORT:-18700}"
NCHAN_PORT="${NCHAN_PORT:-18790}"
SERVER_CPU="${SERVER_CPU:-0}"   # taskset core list of the server under test
TOOL_CPU="${TOOL_CPU:-1}"       # and of the tool (its worker JVMs inherit it)
# Herald as the fan-out rows measure it: updates kept in memory only and no subscription events,
# which is what nchan does with the configuration below.
HERALD_FLAGS="${HERALD_FLAGS:---transport memory --no-subscriptions}"
LOAD_TEST_LIMITS="--max-connections-per-address 0 --max-streams-per-address 0"
# The JVM options ./herald starts the hub with (HERALD_JVM_DEFAULTS there).
HERALD_JAVA_OPTS="${HERALD_JAVA_OPTS:--XX:MaxNewSize=32m -Xms64m -XX:MetaspaceSize=64m}"
NCHAN_MODULE="${NCHAN_MODULE:-/usr/lib/nginx/modules/ngx_nchan_module.so}"

# Issue 6's table: one ./bench command line per row (the server's --url, --label and --server-pid
# are added per run).
FULL_ROWS=(
  "idle --subs 10000 --duration 10s"
  "fanout --subs 1000 --rate 100 --duration 20s"
  "fanout --subs 10000 --rate 10 --duration 20s"
  "fanout --subs 1000 --rate 1000 --duration 20s"
  "fanout --subs 10000 --rate 100 --duration 20s"
  "publish --subs 10 -c 32 --warmup 5s --duration 10s"
)
FULL_RUNS=3
# The same rows, tiny: 100 subscribers, a tenth of the rate, 3 s. Checks the script, measures nothing.
QUICK_ROWS=(
  "idle --subs 100 --duration 3s"
  "fanout --subs 100 --rate 10 --duration 3s --warmup 1s --drain 2s"
  "fanout --subs 100 --rate 1 --duration 3s --warmup 1s --drain 2s"
  "fanout --subs 100 --rate 100 --duration 3s --warmup 1s --drain 2s"
  "fanout --subs 100 --rate 10 --duration 3s --warmup 1s --drain 2s"
  "publish --subs 10 -c 4 --warmup 1s --duration 3s --drain 2s"
)
QUICK_RUNS=1
# ---------------------------------------------------------------------------------------------------

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
herald_jar="$root/herald-server/target/herald.jar"
bench_jar="$root/herald-bench/target/herald-bench.jar"
nchan_conf="$root/herald-bench/nchan/nginx.conf"

say() { echo "compare: $*" >&2; }
fail() {
  say "$*"
  exit 1
}

usage() {
  sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  echo
  echo "Options: --quick, --runs N, --only herald|nchan, --out FILE (JSON lines; default under herald-bench/target)."
  echo "Environment: HERALD_PORT ($HERALD_PORT), NCHAN_PORT ($NCHAN_PORT), SERVER_CPU ($SERVER_CPU), TOOL_CPU ($TOOL_CPU),"
  echo "  HERALD_FLAGS ($HERALD_FLAGS), HERALD_JAVA_OPTS, NCHAN_MODULE ($NCHAN_MODULE)."
}

quick=false
runs=""
only=""
results=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=true ;;
    --runs) [ $# -ge 2 ] || fail "--runs needs a number"; runs="$2"; shift ;;
    --only) [ $# -ge 2 ] || fail "--only needs herald or nchan"; only="$2"; shift ;;
    --out) [ $# -ge 2 ] || fail "--out needs a file"; results="$2"; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; fail "unknown argument: $1" ;;
  esac
  shift
done

if $quick; then
  rows=("${QUICK_ROWS[@]}")
  runs="${runs:-$QUICK_RUNS}"
else
  rows=("${FULL_ROWS[@]}")
  runs="${runs:-$FULL_RUNS}"
fi
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || fail "--runs must be a positive number, not '$runs'"
case "$only" in
  "") servers=(herald nchan) ;;
  herald | nchan) servers=("$only") ;;
  *) fail "--only takes herald or nchan, not '$only'" ;;
esac

for tool in java taskset curl; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is needed"
done

# Builds both jars when either is missing or older than a source (the test ./herald and ./bench make).
needs_build() {
  [ ! -f "$1" ] && return 0
  [ -n "$(find "$root" -path "$root/*/target" -prune -o \
      \( -path '*/src/main/*' -o -name pom.xml \) -type f -newer "$1" -print -quit)" ]
}
if needs_build "$herald_jar" || needs_build "$bench_jar"; then
  command -v mvn >/dev/null 2>&1 || fail "Maven is needed to build Herald and herald-bench"
  say "building herald-server and herald-bench..."
  mvn -f "$root/pom.xml" -B --no-transfer-progress -q -DskipTests -pl herald-server,herald-bench -am package >&2 \
    || fail "the build failed (see the Maven output above)"
fi

if [ -z "$results" ]; then
  mkdir -p "$root/herald-bench/target/compare"
  results="$root/herald-bench/target/compare/compare-$(date -u +%Y%m%d-%H%M%S).jsonl"
fi
results="$(cd "$(dirname "$results")" && pwd)/$(basename "$results")"
server_log="${results%.jsonl}-servers.log"
chart="${results%.jsonl}-fanout-latency.png"

work="$(mktemp -d "${TMPDIR:-/tmp}/herald-compare.XXXXXX")"
# nginx's worker runs as nobody when started as root: it must reach its temp paths under here.
chmod 755 "$work"

server_pid=""    # the process started (nginx: the master)
measured_pid=""  # the process serving, whose RSS and CPU the tool reads (nginx: the worker)
tool_pid=""

stop_server() {
  [ -n "$server_pid" ] || return 0
  kill -TERM "$server_pid" 2>/dev/null || true
  # Herald drains for up to its --shutdown-grace (10 s); nginx stops at once on TERM.
  for _ in $(seq 1 150); do
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$server_pid" 2>/dev/null; then
    say "server $server_pid did not stop in 15 s: killing it"
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  # A worker whose master was killed would keep the port.
  if [ -n "$measured_pid" ] && [ "$measured_pid" != "$server_pid" ]; then
    kill -KILL "$measured_pid" 2>/dev/null || true
  fi
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  measured_pid=""
}

cleanup() {
  if [ -n "$tool_pid" ]; then
    kill -TERM "$tool_pid" 2>/dev/null || true
    wait "$tool_pid" 2>/dev/null || true
  fi
  stop_server
  rm -rf "$work"
}
trap cleanup EXIT
trap 'say "interrupted: stopping"; exit 130' INT TERM

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Waits up to 30 s for the server just started to accept connections on the port.
wait_for_port() {
  local port="$1" name="$2"
  for _ in $(seq 1 150); do
    if ! kill -0 "$server_pid" 2>/dev/null; then
      say "$name exited while starting (its output: $server_log)"
      return 1
    fi
    port_open "$port" && return 0
    sleep 0.2
  done
  say "$name did not listen on 127.0.0.1:$port within 30 s (its output: $server_log)"
  return 1
}

start_herald() {
  rm -rf "$work/herald-data"
  # shellcheck disable=SC2086  # HERALD_JAVA_OPTS and HERALD_FLAGS are lists of words on purpose
  # The tool puts thousands of subscribers on each loopback address it uses; nchan has no per-address
  # limits either. Herald's are measured by its attack tests, not here.
  taskset -c "$SERVER_CPU" java $HERALD_JAVA_OPTS -jar "$herald_jar" --host 127.0.0.1 --port "$HERALD_PORT" \
      --data-dir "$work/herald-data" $LOAD_TEST_LIMITS $HERALD_FLAGS >>"$server_log" 2>&1 &
  server_pid=$!
  measured_pid=$server_pid
  wait_for_port "$HERALD_PORT" herald
}

nginx_args() {
  echo -p "$work/nginx/" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log"
}

# A fresh prefix per run: nothing (temp files, shared memory sizing) carries over from the last one.
prepare_nginx() {
  rm -rf "$work/nginx"
  mkdir -p "$work/nginx"
  sed "s/127\.0\.0\.1:18790/127.0.0.1:$NCHAN_PORT/" "$nchan_conf" >"$work/nginx/nginx.conf"
  grep -q "listen 127.0.0.1:$NCHAN_PORT " "$work/nginx/nginx.conf" \
    || fail "$nchan_conf no longer listens on 127.0.0.1:18790, the address this script rewrites"
}

start_nchan() {
  prepare_nginx
  # shellcheck disable=SC2046  # nginx_args prints paths without spaces (mktemp's)
  taskset -c "$SERVER_CPU" nginx $(nginx_args) -g "load_module $NCHAN_MODULE; pid $work/nginx/nginx.pid;" \
      >>"$server_log" 2>&1 &
  server_pid=$!
  measured_pid=$server_pid
  wait_for_port "$NCHAN_PORT" nchan || return 1
  # One worker serves every connection; the master only supervises it.
  measured_pid="$(pgrep -P "$server_pid" | head -n 1)"
  [ -n "$measured_pid" ] || { say "nchan: no worker process under master $server_pid"; return 1; }
}

# nchan is measured only where nginx, the module and this configuration all work.
nchan_missing() {
  command -v nginx >/dev/null 2>&1 || { echo "nginx is not installed"; return 0; }
  [ -f "$NCHAN_MODULE" ] || { echo "the nchan module is not installed ($NCHAN_MODULE)"; return 0; }
  prepare_nginx
  local check
  # shellcheck disable=SC2046  # as in start_nchan
  if ! check="$(nginx -t $(nginx_args) -g "load_module $NCHAN_MODULE; pid $work/nginx/nginx.pid;" 2>&1)"; then
    echo "nginx -t refused $nchan_conf: $check"
    return 0
  fi
  return 1
}

available=()
for server in "${servers[@]}"; do
  if [ "$server" = nchan ] && reason="$(nchan_missing)"; then
    say "SKIPPING nchan's rows: $reason (Debian: apt-get install nginx libnginx-mod-nchan)"
    continue
  fi
  port="$HERALD_PORT"
  [ "$server" = nchan ] && port="$NCHAN_PORT"
  if port_open "$port"; then
    fail "something already listens on 127.0.0.1:$port; set ${server^^}_PORT to a free port"
  fi
  available+=("$server")
done
[ ${#available[@]} -gt 0 ] || fail "no server to measure"

target_args() {
  case "$1" in
    herald) echo --url "http://127.0.0.1:$HERALD_PORT" ;;
    nchan) echo --url "http://127.0.0.1:$NCHAN_PORT" --api raw --subscribe-path /sub --publish-path /pub ;;
  esac
}

{
  echo "# herald-bench/compare.sh $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "# $(nproc) cores, load average $(cut -d ' ' -f 1-3 /proc/loadavg); $(java -version 2>&1 | head -n 1)"
  command -v nginx >/dev/null 2>&1 && echo "# $(nginx -v 2>&1)"
  echo "# herald: $HERALD_JAVA_OPTS $HERALD_FLAGS; server on core $SERVER_CPU, tool on core $TOOL_CPU"
} >>"$server_log"
say "servers: ${available[*]}; ${#rows[@]} rows x $runs run(s); results: $results"
say "load average now: $(cut -d ' ' -f 1-3 /proc/loadavg) (the figures mean little on a busy machine)"

failed=0
# Row by row, run by run, alternating the servers: a drift of the machine hits both alike.
for row in "${rows[@]}"; do
  read -r -a row_args <<<"$row"
  for run in $(seq 1 "$runs"); do
    for server in "${available[@]}"; do
      say "$server, run $run of $runs: ./bench $row"
      echo "## $server, run $run: $row" >>"$server_log"
      if ! "start_$server"; then
        failed=$((failed + 1))
        stop_server
        continue
      fi
      read -r -a target <<<"$(target_args "$server")"
      # In the background and waited for, so that Ctrl-C or TERM stops it and the server at once.
      taskset -c "$TOOL_CPU" "$root/bench" "${row_args[@]}" "${target[@]}" --label "$server" \
          --server-pid "$measured_pid" --json-out "$results" &
      tool_pid=$!
      if ! wait "$tool_pid"; then
        say "$server, run $run: ./bench failed (its output above)"
        failed=$((failed + 1))
      fi
      tool_pid=""
      stop_server
    done
  done
done

if [ -s "$results" ]; then
  "$root/bench" plot --out "$chart" "$results" || failed=$((failed + 1))
fi
say "results: $results"
say "chart:   $chart"
say "servers' output: $server_log"
if [ "$failed" -gt 0 ]; then
  fail "$failed step(s) failed"
fi
