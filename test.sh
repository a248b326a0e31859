#!/usr/bin/env bash
# Runs Herald's whole test suite. Makes sure what the tests need is present first:
# Java 17+, Maven, Node.js + npm (for third-party client tests), Redis answering on 127.0.0.1:6379,
# Debian's chromium and chromium-driver (installed with apt-get when missing and running as root;
# otherwise it says what is missing).
# Extra arguments go to Maven, e.g. ./test.sh -pl herald-core (the fuzzing step runs only without them).
# Without arguments it also runs the container-image test (ContainerImageTest) after the suite, when a
# Docker engine answers or can be installed and started, and promtool's check of the alert rules
# (package prometheus); each is skipped with a one-line reason otherwise.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

say() { echo "test.sh: $*" >&2; }

missing=()
apt_packages=()
command -v java >/dev/null 2>&1 || { missing+=("java (JDK 17+)"); apt_packages+=(openjdk-17-jdk-headless); }
command -v mvn >/dev/null 2>&1 || { missing+=("mvn"); apt_packages+=(maven); }
command -v node >/dev/null 2>&1 || { missing+=("node"); apt_packages+=(nodejs); }
command -v npm >/dev/null 2>&1 || { missing+=("npm"); apt_packages+=(npm); }
command -v redis-server >/dev/null 2>&1 || { missing+=("redis-server"); apt_packages+=(redis-server); }
[ -x /usr/bin/chromium ] || { missing+=("/usr/bin/chromium"); apt_packages+=(chromium); }
[ -x /usr/bin/chromedriver ] || { missing+=("/usr/bin/chromedriver"); apt_packages+=(chromium-driver); }

if [ ${#apt_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing ${apt_packages[*]} with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
  else
    say "missing: ${missing[*]}"
    say "install them (Debian: sudo apt-get install ${apt_packages[*]}) and run ./test.sh again"
    exit 1
  fi
fi

# Redis: use the one on 127.0.0.1:6379 when it answers; otherwise start one that keeps nothing on disk.
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  say "starting redis-server on 127.0.0.1:6379"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --logfile "${TMPDIR:-/tmp}/herald-test-redis.log"
  for _ in $(seq 1 50); do
    redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || { say "redis-server did not start"; exit 1; }
fi

# promtool checks docs/prometheus/herald-rules.yml (AlertRulesTest); optional: skipped without it.
if ! command -v promtool >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  say "installing prometheus (for promtool) with apt-get"
  apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null \
    || say "could not install prometheus: promtool's check of the alert rules will be skipped"
fi

# The container-image test builds from base images made from Debian's packages (no registry here).
# Cold, they take 2-7 minutes to build: that happens in the background while the suite runs, and
# they are kept in the engine for the next run.
docker_dir=herald-server/src/test/docker
bases_log="${TMPDIR:-/tmp}/herald-test-bases.log"
bases_pid=
if [ $# -eq 0 ]; then
  if "$docker_dir/engine.sh"; then
    "$docker_dir/bases.sh" >"$bases_log" 2>&1 &
    bases_pid=$!
  else
    say "skipping the container-image test: no Docker engine (reason above)"
  fi
fi

# Third-party clients the interop tests run (versions pinned by package-lock.json).
say "installing the npm test clients"
(cd herald-server/src/test/node && npm ci --no-audit --no-fund --loglevel=error)

# install, not just verify: ./fuzz.sh runs one module at a time (-pl), which takes its sibling modules
# from the local repository; they must be this tree's, not whatever an earlier build installed there.
mvn -B --no-transfer-progress install "$@"

# Then a few seconds of fuzzing per parser that takes client bytes (the inputs themselves were already
# replayed by verify). The long run is ./fuzz.sh 1h (docs/reliability.md). Only for the whole suite:
# extra Maven arguments (./test.sh -pl herald-core) narrow the run to what they name.
if [ $# -eq 0 ]; then
  ./fuzz.sh "${HERALD_FUZZ_DURATION:-5s}"
fi

# The README's example command, as a newcomer runs it: three rounds of prices must reach the board
# (15 lines), within two minutes, on a free port.
if [ $# -eq 0 ]; then
  port=18090
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  say "running examples/stock-ticker.sh (TICKS=3) on port $port"
  board_out="$(PORT=$port TICKS=3 INTERVAL=200 timeout 120 examples/stock-ticker.sh)"
  shown=$(grep -cE '^[0-9]{2}:[0-9]{2}:[0-9]{2}  [A-Z]+ +[0-9]+\.[0-9]{2}  ' <<<"$board_out" || true)
  [ "$shown" -eq 15 ] || { say "the stock-ticker board showed $shown prices instead of 15:"; echo "$board_out" >&2; exit 1; }
fi

if [ -n "$bases_pid" ]; then
  if wait "$bases_pid"; then
    read -r build_image runtime_image < <(tail -n 1 "$bases_log")
    say "running the container-image test on $build_image and $runtime_image"
    mvn -B --no-transfer-progress -pl herald-server -am verify -Djacoco.skip=true -Dherald.fuzz.skip \
      -Dtest=ContainerImageTest -Dsurefire.failIfNoSpecifiedTests=false \
      -Dherald.image.build-image="$build_image" -Dherald.image.runtime-image="$runtime_image"
  else
    say "skipping the container-image test: the base images could not be built (see $bases_log)"
  fi
fi
