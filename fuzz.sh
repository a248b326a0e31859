#!/usr/bin/env bash
# Fuzzes every parser that takes client bytes with Jazzer, one target after the other.
#   ./fuzz.sh                      every target for 5 s each (what ./test.sh runs)
#   ./fuzz.sh 1h                   every target for an hour each (the long run, docs/reliability.md)
#   ./fuzz.sh 10m PublishFormFuzzTest#anyBodyIsAnUpdateOrA400    one target (or a class: all its targets)
# Targets run FUZZ_JOBS at a time (default: the number of cores).
# A target is a @FuzzTest method in a *FuzzTest class of herald-core, herald-client or herald-server.
# Findings (an input that breaks a property) are written beside the target's inputs in
# src/test/resources/<package>/<Class>Inputs/<method>/ and replayed by every ./test.sh from then on:
# give the file a name that says what it found and fix the code. The corpus the fuzzer grows is kept in
# each module's .cifuzz-corpus/ (not in git), so a later run goes on from it.
# Needs this tree built and installed (./test.sh does it; or mvn -DskipTests install): each target runs in
# its module alone (-pl), whose sibling modules come from the local repository. Maven offline-ready.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
duration="${1:-5s}"
only="${2:-}"
modules=(herald-core herald-client herald-server)
# Classes whose coverage guides the fuzzer. Herald's own by default; a long run may add the libraries a
# target parses with (instrumenting Jackson and SnakeYAML costs a minute of start-up):
#   FUZZ_INSTRUMENT='dev.herald.**,com.fasterxml.jackson.**,org.yaml.snakeyaml.**' ./fuzz.sh 1h ConfigFileFuzzTest
instrument="${FUZZ_INSTRUMENT:-dev.herald.**}"

targets() {
  local module="$1"
  # Each @FuzzTest annotation and the method name on the next line that declares one.
  grep -rl --include='*FuzzTest.java' '@FuzzTest' "$root/$module/src/test/java" 2>/dev/null | sort | while read -r file; do
    local class package
    class="$(basename "$file" .java)"
    package="$(sed -n 's/^package \(.*\);/\1/p' "$file")"
    awk '/@FuzzTest/ {want = 1; next} want && /void [A-Za-z0-9_]+\(/ {match($0, /void [A-Za-z0-9_]+\(/); print substr($0, RSTART + 5, RLENGTH - 6); want = 0}' "$file" \
      | while read -r method; do echo "$package $class $method"; done
  done
}

# One target: its own Maven run and JVM (Jazzer fuzzes one test per JVM). Prints nothing on success.
fuzz_one() {
  local module="$1" package="$2" class="$3" method="$4"
  # Jazzer writes a finding into the target's inputs directory when it exists (else the module root).
  local inputs="${package//.//}/${class}Inputs/$method"
  mkdir -p "$root/$module/src/test/resources/$inputs" "$root/$module/target/test-classes/$inputs"
  echo "fuzz: $module $class#$method for $duration" >&2
  if ! JAZZER_FUZZ=1 JAZZER_MAX_DURATION="$duration" JAZZER_INSTRUMENT="$instrument" \
      mvn -f "$root/pom.xml" -o -q -B --no-transfer-progress -pl "$module" surefire:test \
        -Dtest="$class#$method" -Dsurefire.failIfNoSpecifiedTests=false \
        -Dsurefire.reportNameSuffix="$method" -DtempDir="surefire-fuzz-$class-$method" \
        >"$root/$module/target/fuzz-$class-$method.log" 2>&1; then
    echo "fuzz: FINDING in $class#$method: see $module/target/fuzz-$class-$method.log; the input is in $module/src/test/resources/$inputs/" >&2
    return 1
  fi
}

selected=()
for module in "${modules[@]}"; do
  while read -r package class method; do
    [ -n "$class" ] || continue
    [ -z "$only" ] || [ "$only" = "$class#$method" ] || [ "$only" = "$class" ] || continue
    selected+=("$module $package $class $method")
  done < <(targets "$module")
done
[ "${#selected[@]}" -gt 0 ] || { echo "fuzz: no target matches '$only'" >&2; exit 2; }

# Targets run FUZZ_JOBS at a time (default: one per core); each is single-threaded. Each surefire run has a
# temporary directory of its own (tempDir): runs in one module share target/, and one surefire deleting
# its directory under another made Jazzer fail reading the other's booter jar.
jobs_max="${FUZZ_JOBS:-$(nproc)}"
failures=0
running=0
for target in "${selected[@]}"; do
  # shellcheck disable=SC2086  # four words on purpose
  fuzz_one $target &
  running=$((running + 1))
  if [ "$running" -ge "$jobs_max" ]; then
    wait -n || failures=$((failures + 1))
    running=$((running - 1))
  fi
done
while [ "$running" -gt 0 ]; do
  wait -n || failures=$((failures + 1))
  running=$((running - 1))
done

if [ "$failures" -gt 0 ]; then
  echo "fuzz: $failures of ${#selected[@]} targets found something (see above)" >&2
  exit 1
fi
echo "fuzz: ${#selected[@]} targets, $duration each, nothing found" >&2
