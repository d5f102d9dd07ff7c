#!/usr/bin/env bash
# Runs the pipeline, memory and polling benchmarks of docs/PERFORMANCE.md from the shaded jar.
#
#   ./mvnw -B -pl pinpoint-import-bench -am package -DskipTests
#   pinpoint-import-bench/run-bench.sh quick    # a few minutes on 2 cores: polling, 100 MB pipeline (CSV, NDJSON)
#   pinpoint-import-bench/run-bench.sh full     # adds 1 GB pipeline and the 64 MB-heap memory runs up to 10 GB
#
# The S3 server and the Pinpoint emulator (instant pace) run in a second JVM (the testkit's EmulatorMain), so the
# measured JVM holds only the pipeline. Output goes to stdout and to $OUT (default ./bench-results/<date>).
# Environment: JAR, OUT, WORK (shard files; needs 2 GB free for 1 GB input), ITERATIONS, EMULATOR_XMX.
set -euo pipefail

mode=${1:-quick}
here=$(cd "$(dirname "$0")" && pwd)
jar=${JAR:-$here/target/benchmarks.jar}
out=${OUT:-$PWD/bench-results/$(date -u +%Y%m%dT%H%M%SZ)-$mode}
work=${WORK:-$(mktemp -d -t pipeline-bench.XXXXXX)}
iterations=${ITERATIONS:-3}
# The emulator keeps every imported endpoint as a JSON tree and copies its store for each job: about 2.5 GB of
# heap per 100 MB of CSV.
if [[ $mode == full ]]; then emulator_xmx=${EMULATOR_XMX:-14g}; else emulator_xmx=${EMULATOR_XMX:-4g}; fi
bench_jvm=(-Xmx64m -Xms64m -XX:+AlwaysPreTouch)

[[ -f $jar ]] || { echo "no $jar: build it with ./mvnw -B -pl pinpoint-import-bench -am package -DskipTests" >&2; exit 2; }
case $mode in quick|full) ;; *) echo "usage: $0 quick|full" >&2; exit 2 ;; esac
mkdir -p "$out" "$work"

emulator_pid=
stop_emulator() {
  if [[ -n $emulator_pid ]]; then
    kill "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
    emulator_pid=
  fi
}
cleanup() { stop_emulator; rm -rf "$work/shards"; }
trap cleanup EXIT

start_emulator() {
  rm -f "$work/emulator.env"
  java "-Xmx$emulator_xmx" -cp "$jar" io.pinpointimport.testkit.EmulatorMain --pace instant \
       --ready-file "$work/emulator.env" > "$out/emulator.log" 2>&1 &
  emulator_pid=$!
  for _ in $(seq 1 600); do
    [[ -f $work/emulator.env ]] && return 0
    kill -0 "$emulator_pid" 2>/dev/null || { cat "$out/emulator.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "emulator not ready after 60 s" >&2; exit 1
}

pipeline() {  # name, then PipelineBench options
  local name=$1; shift
  mkdir -p "$work/shards"
  java "${bench_jvm[@]}" -cp "$jar" io.pinpointimport.bench.PipelineBench --ready-file "$work/emulator.env" \
       --work-dir "$work/shards" --json "$out/$name.json" "$@" | tee "$out/$name.md"
  rm -rf "$work/shards"
}

{
  echo "# pinpoint-import benchmarks, $mode mode"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  commit: $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB RAM"
  echo "java: $(java -version 2>&1 | head -2 | tail -1)"
  echo "uptime before: $(uptime)"
} | tee "$out/env.txt"

java -cp "$jar" io.pinpointimport.bench.PollingCost --trials 100000 | tee "$out/polling.md"

start_emulator
pipeline pipeline-100mb-csv --format csv --sizes 100 --iterations "$iterations" --warmup-mb 50
pipeline pipeline-100mb-json --format json --sizes 100 --iterations "$iterations" --warmup-mb 50
if [[ $mode == full ]]; then
  pipeline pipeline-1gb-csv --format csv --sizes 1000 --iterations "$iterations" --warmup-mb 100
  # Memory and linearity: the pipeline stage alone, one JVM per size at -Xmx64m. 10 GB is 40 million endpoints,
  # more than the emulator can hold, so these runs upload to S3 and end each job at once (--jobs instant).
  for size in 100 1000 10000; do
    pipeline "memory-${size}mb-csv" --format csv --sizes "$size" --iterations 1 --warmup-mb 50 --stages pipeline \
             --jobs instant
  done
fi
stop_emulator
echo "uptime after: $(uptime)" | tee -a "$out/env.txt"
echo "results in $out"
