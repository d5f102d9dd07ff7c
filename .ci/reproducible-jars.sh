#!/usr/bin/env bash
# Two clean builds of one commit must give byte-identical jars (project.build.outputTimestamp in the parent POM).
# Run after a build: saves the jars it left, builds again from clean, and compares every jar of both builds.
# The second build also builds the release profile's sources and javadoc jars, so Javadoc errors fail here.
# Only the published modules are compared: the benchmarks, the compatibility tests and the examples are never
# released (maven.deploy.skip), and rebuilding the benchmarks' shaded jar was about a minute of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
first=$(mktemp -d)
trap 'rm -rf "$first"' EXIT
unpublished=(pinpoint-import-bench pinpoint-import-compat-tests pinpoint-import-examples)
excluded=()
for module in "${unpublished[@]}"; do
    excluded+=(-not -path "./$module/*")
done
mapfile -t jars < <(find . -path ./.git -prune -o -path '*/target/*.jar' -not -path '*/target/*/*' "${excluded[@]}" -print | sort)
if [[ ${#jars[@]} -eq 0 ]]; then
    echo "reproducible-jars: no jars to compare; run a build first" >&2
    exit 1
fi
for jar in "${jars[@]}"; do
    mkdir -p "$first/$(dirname "$jar")" && cp "$jar" "$first/$jar"
done
./mvnw -B -q clean package -DskipTests -DskipITs -Prelease -Dgpg.skip \
    -pl "$(printf '!%s,' "${unpublished[@]}" | sed 's/,$//')"
differ=0
compared=0
for jar in "${jars[@]}"; do
    if [[ ! -f "$jar" ]]; then
        echo "reproducible-jars: $jar was not built the second time" >&2
        differ=1
    elif ! cmp -s "$first/$jar" "$jar"; then
        echo "reproducible-jars: $jar differs between two builds" >&2
        differ=1
    else
        compared=$((compared + 1))
    fi
done
if [[ $differ -ne 0 ]]; then
    exit 1
fi
echo "reproducible-jars: ${compared} jars byte-identical across two clean builds"
