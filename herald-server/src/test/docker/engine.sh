#!/usr/bin/env bash
# Makes sure a Docker engine answers for the container-image test, and that bases.sh can run:
# installs docker.io and debootstrap with apt-get when missing (as root), then starts dockerd when none
# answers. These machines have no bridge and no iptables, so the engine runs without them and
# containers use the host's network. The storage driver is dockerd's own choice: overlay2 where the
# kernel has it (vfs, the fallback, copies the whole image for every build step: an image build took
# 7m45s on vfs, 2m20s to 3m55s on overlay2, on this busy 2-core machine). The engine started here keeps running afterwards,
# like the Redis test.sh starts. Exits non-zero with a one-line reason when there can be no engine.
set -euo pipefail

say() { echo "engine.sh: $*" >&2; }
answers() { docker info >/dev/null 2>&1; }

packages=()
command -v docker >/dev/null 2>&1 && command -v dockerd >/dev/null 2>&1 || packages+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || packages+=(debootstrap)
if [ ${#packages[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    say "no Docker engine: ${packages[*]} missing and not root to install them"
    exit 1
  fi
  say "installing ${packages[*]} with apt-get"
  apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null \
    || { say "no Docker engine: apt-get could not install ${packages[*]}"; exit 1; }
fi

answers && exit 0
[ "$(id -u)" = 0 ] || { say "no Docker engine answers and starting dockerd needs root"; exit 1; }
log="${TMPDIR:-/tmp}/herald-test-dockerd.log"
say "starting dockerd (log: $log)"
nohup dockerd --iptables=false --bridge=none >"$log" 2>&1 &
for _ in $(seq 1 150); do
  answers && exit 0
  sleep 0.2
done
say "no Docker engine: dockerd did not answer within 30 s (see $log)"
exit 1
