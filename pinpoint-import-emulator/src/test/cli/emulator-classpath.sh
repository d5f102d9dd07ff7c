#!/usr/bin/env bash
# Builds pinpoint-import-emulator (and the modules it needs) and prints the runtime classpath of the standalone
# emulator: the module's classes followed by its runtime dependencies.
# Extra Maven flags (for example -o) may be given in MVN_FLAGS.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../../.." && pwd)"
cd "$ROOT"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
# shellcheck disable=SC2086
./mvnw -B -q ${MVN_FLAGS:-} -pl pinpoint-import-emulator -am package -DskipTests \
    dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$out" >&2
printf '%s:%s\n' "$ROOT/pinpoint-import-emulator/target/classes" "$(cat "$out")"
