#!/usr/bin/env bash
# Runs the pipeline, memory and polling benchmarks of docs/PERFORMANCE.md from the shaded jar.
#
#   ./mvnw -B -pl pinpoint-import-bench -am package -DskipTests
#   pinpoint-import-bench/run-bench.sh quick    # a few minutes on 2 cores: polling, 100 MB pipeline (CSV, NDJSON)
#   pinpoint-import-bench/run-bench.sh full     # adds the 1 GB pipeline (CSV, NDJSON) and the memory runs up to 10 GB
#
# The S3 server and the Pinpoint emulator (instant pace) run in a second JVM (the emulator's EmulatorMain), so the
# measured JVM holds only the pipeline. The emulator runs with --keep-endpoints false (its lean mode: every row read
# and checked as usual, no endpoint kept), so that 1 GB of jobs fits a modest heap. Output goes to stdout and to
# $OUT (default ./bench-results/<date>).
# Environment: JAR, OUT, WORK (shard files; needs 2 GB free for 1 GB input), ITERATIONS (a multiple of 3 rotates
# the stage order evenly), WARMUP_MB, KEEP_ENDPOINTS (true: the emulator keeps endpoints, as before; needs far more
# heap); heaps: EMULATOR_XMX / EMULATOR_XMX_1G (emulator JVM), BENCH_XMX / BENCH_XMX_1G (measured JVM, throughput
# runs), MEMORY_XMX / MEMORY_XMX_1G / MEMORY_XMX_10G (measured JVM, memory runs).
set -euo pipefail

mode=${1:-quick}
here=$(cd "$(dirname "$0")" && pwd)
jar=${JAR:-$here/target/benchmarks.jar}
out=${OUT:-$PWD/bench-results/$(date -u +%Y%m%dT%H%M%SZ)-$mode}
if [[ -n ${WORK:-} ]]; then work=$WORK; own_work=; else work=$(mktemp -d -t pipeline-bench.XXXXXX); own_work=1; fi
iterations=${ITERATIONS:-3}
warmup=${WARMUP_MB:-50}
keep_endpoints=${KEEP_ENDPOINTS:-false}
# The emulator JVM holds the S3 server's objects in memory (at most the shards of one stage: about 1 GB, plus the
# parts of a multipart upload while they are assembled) and, in lean mode, about 150 B per imported endpoint id.
# (With KEEP_ENDPOINTS=true it keeps every endpoint as a JSON tree and copies them per job: give it 14g or more.)
emulator_xmx=${EMULATOR_XMX:-2g}         # 100 MB runs, and the S3 server of the memory runs
emulator_xmx_1g=${EMULATOR_XMX_1G:-5g}   # the 1 GB pipelines against the emulator
# Throughput runs: a fixed, pre-touched heap (steadier figures). Memory runs: no pre-touch, so that RSS is real use,
# and the target's 64 MB heap, to show the pipeline needs no more at any size (the run validator's per-user state
# moves to memory-mapped files under the shard directory past 8 MiB; see docs/PERFORMANCE.md).
bench_jvm="-Xmx${BENCH_XMX:-1g} -Xms${BENCH_XMX:-1g} -XX:+AlwaysPreTouch"
memory_jvm="-Xmx${MEMORY_XMX:-64m}"
bench_jvm_1g="-Xmx${BENCH_XMX_1G:-1g} -Xms${BENCH_XMX_1G:-1g} -XX:+AlwaysPreTouch"
memory_jvm_1g="-Xmx${MEMORY_XMX_1G:-64m}"
memory_jvm_10g="-Xmx${MEMORY_XMX_10G:-64m}"

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
cleanup() { stop_emulator; rm -rf "$work/shards" "$work/emulator.env"; if [[ -n $own_work ]]; then rmdir "$work" 2>/dev/null || true; fi; }
trap cleanup EXIT

start_emulator() {  # -Xmx value
  rm -f "$work/emulator.env"
  java "-Xmx$1" -cp "$jar" io.pinpointimport.emulator.EmulatorMain --pace instant \
       --keep-endpoints "$keep_endpoints" --ready-file "$work/emulator.env" >> "$out/emulator.log" 2>&1 &
  emulator_pid=$!
  for _ in $(seq 1 600); do
    [[ -f $work/emulator.env ]] && return 0
    kill -0 "$emulator_pid" 2>/dev/null || { cat "$out/emulator.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "emulator not ready after 60 s" >&2; exit 1
}

timings=()
step_start=0
begin_step() { step_start=$(date +%s); }
end_step() {  # name
  local took=$(( $(date +%s) - step_start ))
  local peak=""
  if [[ -n $emulator_pid && -r /proc/$emulator_pid/status ]]; then
    peak=$(awk '/VmHWM/{printf "%.0f", $2/1024}' "/proc/$emulator_pid/status")
    peak=", emulator JVM peak RSS so far ${peak} MB"
  fi
  timings+=("| $1 | $took |")
  echo "== $1 took ${took} s$peak (load: $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a "$out/timings.txt"
}

pipeline() {  # name, JVM options (one word), then PipelineBench options
  local name=$1 jvm=$2; shift 2
  mkdir -p "$work/shards"
  begin_step
  # shellcheck disable=SC2086
  java $jvm -cp "$jar" io.pinpointimport.bench.PipelineBench --ready-file "$work/emulator.env" \
       --work-dir "$work/shards" --json "$out/$name.json" --quiet-pid "$emulator_pid" "$@" 2>&1 | grep --line-buffered -v '^SLF4J' | tee "$out/$name.md" \
    || echo "$name FAILED (see $out/$name.md)" | tee -a "$out/failures.txt"
  rm -rf "$work/shards"
  end_step "$name"
}

# Expected duration, from the quiet full-mode run of docs/PERFORMANCE.md (25.5 minutes on 2 cores; seconds per MB of
# input, all stages of one iteration, and per step); a loaded machine takes two to three times as long.
estimate() {
  awk -v mode="$mode" -v it="$iterations" -v wu="$warmup" 'BEGIN {
    csv = 0.20; json = 0.10; mem = 0.055         # s per MB: one iteration of the 3 stages (CSV, NDJSON), memory run
    t = 10 + 75                                  # polling (simulated, then on the emulator)
    t += (wu + it * 100) * (csv + json) + (wu + 100) * mem
    if (mode == "full") {
      t += (100 + it * 1000) * (csv + json) + (wu + 1000 + wu + 10000) * mem
    }
    printf "expected duration: about %d min on a quiet 2-core machine (%s mode, %d iterations)\n", t / 60 + 1, mode, it
  }'
}

{
  echo "# pinpoint-import benchmarks, $mode mode"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  commit: $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB RAM"
  echo "java: $(java -version 2>&1 | head -2 | tail -1)"
  echo "uptime before: $(uptime)"
  echo "emulator: --keep-endpoints $keep_endpoints"
  estimate
} | tee "$out/env.txt"

begin_step
java -cp "$jar" io.pinpointimport.bench.PollingCost --trials 100000 | tee "$out/polling.md"
end_step polling

start_emulator "$emulator_xmx"
pipeline pipeline-100mb-csv "$bench_jvm" --format csv --sizes 100 --iterations "$iterations" --warmup-mb "$warmup"
pipeline pipeline-100mb-json "$bench_jvm" --format json --sizes 100 --iterations "$iterations" --warmup-mb "$warmup"
# Memory and linearity: the pipeline stage alone, one JVM per size. Jobs end at once (--jobs instant): the shards
# still go to S3, but the emulator, which keeps every endpoint it imports, is left out so that 10 GB fits.
pipeline memory-100mb-csv "$memory_jvm" --format csv --sizes 100 --iterations 1 --warmup-mb "$warmup" \
         --stages pipeline --jobs instant
if [[ $mode == full ]]; then
  # A fresh emulator JVM with room for 1 GB of shards in its S3 server, then a small one again for the memory runs.
  stop_emulator; start_emulator "$emulator_xmx_1g"
  pipeline pipeline-1gb-csv "$bench_jvm_1g" --format csv --sizes 1000 --iterations "$iterations" --warmup-mb 100
  stop_emulator; start_emulator "$emulator_xmx_1g"
  pipeline pipeline-1gb-json "$bench_jvm_1g" --format json --sizes 1000 --iterations "$iterations" --warmup-mb 100
  stop_emulator; start_emulator "$emulator_xmx"
  pipeline memory-1000mb-csv "$memory_jvm_1g" --format csv --sizes 1000 --iterations 1 --warmup-mb "$warmup" \
           --stages pipeline --jobs instant
  pipeline memory-10000mb-csv "$memory_jvm_10g" --format csv --sizes 10000 --iterations 1 \
           --warmup-mb "$warmup" --stages pipeline --jobs instant
fi
stop_emulator
# Polling on the emulator in real time, time scaled by 1/20 (about 1 minute).
begin_step
timeout 300 java -Xmx256m -cp "$jar" io.pinpointimport.bench.PollingConfirm --scale 0.05 --jobs 5 2>&1 \
  | grep --line-buffered -v '^SLF4J' | tee "$out/polling-confirm.md" || echo "PollingConfirm FAILED" | tee -a "$out/failures.txt"
end_step polling-confirm
echo "uptime after: $(uptime)" | tee -a "$out/env.txt"
{
  echo
  echo "| step | seconds |"
  echo "|---|---:|"
  printf '%s\n' "${timings[@]}"
} | tee -a "$out/timings.txt"
echo "results in $out"
