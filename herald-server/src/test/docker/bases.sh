#!/usr/bin/env bash
# Builds the two base images the container-image test passes to the Dockerfile, from Debian's packages,
# because these machines cannot pull from a registry. Each image is built only when its tag is missing,
# so the engine keeps them between runs (delete them with `docker rmi` to rebuild).
#   herald-test/debian:bookworm   a minimal Debian root (debootstrap), imported
#   herald-test/jre:17            + openjdk-17-jre-headless: stands in for eclipse-temurin:17-jre
#   herald-test/maven:17          + openjdk-17-jdk-headless and maven: stands in for maven:3.9-eclipse-temurin-17,
#                                 with this machine's Java trust store for Maven (test builds only)
# Needs root (debootstrap), a running Docker engine and debootstrap. Prints the two image names.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

DEBIAN_IMAGE=herald-test/debian:bookworm
JRE_IMAGE=herald-test/jre:17
MAVEN_IMAGE=herald-test/maven:17
MIRROR="${HERALD_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
TRUST_STORE=/etc/ssl/certs/java/cacerts

say() { echo "bases.sh: $*" >&2; }
present() { docker image inspect "$1" >/dev/null 2>&1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if ! present "$DEBIAN_IMAGE"; then
  say "debootstrap Debian bookworm from $MIRROR"
  # minbase: only what apt needs; the JDK brings the rest.
  debootstrap --variant=minbase bookworm "$work/root" "$MIRROR" >"$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
  tar -C "$work/root" -c . | docker import - "$DEBIAN_IMAGE" >/dev/null
  rm -rf "$work/root"
fi

if ! present "$JRE_IMAGE"; then
  say "building $JRE_IMAGE"
  docker build -q --network host --build-arg BASE="$DEBIAN_IMAGE" -t "$JRE_IMAGE" \
    -f "$here/jre.Dockerfile" "$here" >/dev/null
fi

if ! present "$MAVEN_IMAGE"; then
  say "building $MAVEN_IMAGE"
  mkdir -p "$work/maven"
  # Maven inside a build reaches Maven Central only with this machine's trust store.
  cp "$TRUST_STORE" "$work/maven/cacerts"
  docker build -q --network host --build-arg BASE="$JRE_IMAGE" -t "$MAVEN_IMAGE" \
    -f "$here/maven.Dockerfile" "$work/maven" >/dev/null
fi

echo "$MAVEN_IMAGE $JRE_IMAGE"
