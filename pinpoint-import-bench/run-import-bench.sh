#!/usr/bin/env bash
# The end-to-end `import` of the command-line tool against the emulator in its lean mode (issue 19): records per
# second from file to stored shards and to the jobs' end, the CPU time of the tool's JVM and of the emulator's JVM
# (S3 server and import jobs), the tool's peak RSS, and the smallest of the heaps tried with which the run completes.
# The share of the run that upload and emulator take is read against the same input's local path
# (ValidatingPathBench's importFiles variant: read, validate, write shards, no upload).
#
#   ./mvnw -B -pl pinpoint-import-bench,pinpoint-import-cli -am package -DskipTests
#   pinpoint-import-bench/run-import-bench.sh            # CSV 500,000 records, NDJSON 250,000
#
# Environment: CSV_RECORDS, JSON_RECORDS, HEAPS (the -Xmx values tried, smallest first; default "32m 64m 128m
# 256m"), CLI_XMX (the heap of the timed runs; default 256m), EMULATOR_XMX (default 3g), WORK, OUT.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
bench_jar=${BENCH_JAR:-$here/target/benchmarks.jar}
cli_jar=${CLI_JAR:-$root/pinpoint-import-cli/target/pinpoint-import.jar}
csv_records=${CSV_RECORDS:-500000}
json_records=${JSON_RECORDS:-250000}
heaps=${HEAPS:-32m 64m 128m 256m}
cli_xmx=${CLI_XMX:-256m}
emulator_xmx=${EMULATOR_XMX:-3g}
out=${OUT:-$PWD/bench-results/$(date -u +%Y%m%dT%H%M%SZ)-import}
if [[ -n ${WORK:-} ]]; then work=$WORK; own_work=; else work=$(mktemp -d -t import-bench.XXXXXX); own_work=1; fi
for jar in "$bench_jar" "$cli_jar"; do
  [[ -f $jar ]] || { echo "no $jar: ./mvnw -B -pl pinpoint-import-bench,pinpoint-import-cli -am package -DskipTests" >&2; exit 2; }
done
mkdir -p "$out" "$work"

emulator_pid=
cleanup() {
  if [[ -n $emulator_pid ]]; then kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; fi
  rm -f "$work"/input.* "$work/emulator.env"
  if [[ -n $own_work ]]; then rm -rf "$work"; fi
}
trap cleanup EXIT

cpu_ticks() {  # utime + stime of a process, in clock ticks
  awk '{print $14 + $15}' "/proc/$1/stat"
}
hz=$(getconf CLK_TCK)

start_emulator() {
  rm -f "$work/emulator.env"
  java "-Xmx$emulator_xmx" -cp "$bench_jar" io.pinpointimport.emulator.EmulatorMain --pace instant \
       --keep-endpoints false --ready-file "$work/emulator.env" >> "$out/emulator.log" 2>&1 &
  emulator_pid=$!
  for _ in $(seq 1 600); do
    [[ -f $work/emulator.env ]] && return 0
    kill -0 "$emulator_pid" 2>/dev/null || { cat "$out/emulator.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "emulator not ready after 60 s" >&2; exit 1
}

import_once() {  # file, -Xmx; prints: seconds cpu_seconds peak_rss_mb emulator_cpu_seconds exit_code
  local file=$1 xmx=$2 e0 e1 rc
  # shellcheck disable=SC1090
  ( set -a; . "$work/emulator.env"; set +a
    e0=$(cpu_ticks "$emulator_pid")
    start=$(date +%s.%N)
    rc=0
    /usr/bin/time -f "%U %S %M" -o "$work/time.txt" java "-Xmx$xmx" -jar "$cli_jar" import --json \
        --app "$APP_ID" --bucket "$BUCKET" --role-arn arn:aws:iam::123456789012:role/PinpointImportBench \
        --endpoint-url "$PINPOINT_ENDPOINT" --s3-endpoint-url "$S3_ENDPOINT" --region "$AWS_DEFAULT_REGION" \
        "$file" > "$work/import.json" 2> "$work/import.err" || rc=$?
    end=$(date +%s.%N)
    e1=$(cpu_ticks "$emulator_pid")
    read -r user sys rss < "$work/time.txt"
    awk -v s="$start" -v e="$end" -v u="$user" -v y="$sys" -v r="$rss" -v e0="$e0" -v e1="$e1" -v hz="$hz" -v rc="$rc" \
        'BEGIN { printf "%.2f %.2f %.0f %.2f %d\n", e - s, u + y, r / 1024, (e1 - e0) / hz, rc }' )
}

{
  echo "# pinpoint-import: end-to-end import against the emulator (lean mode)"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  commit: $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "machine: $(nproc) CPUs; java: $(java -version 2>&1 | head -2 | tail -1)"
  echo "uptime before: $(uptime)"
} | tee "$out/env.txt"

start_emulator
for format in csv json; do
  records=$csv_records; [[ $format == json ]] && records=$json_records
  input="$work/input.$format"
  java -Xmx256m -cp "$bench_jar" io.pinpointimport.bench.ValidatingPathBench --format "$format" \
       --records "$records" --write-input "$input" 2>&1 | grep -v '^SLF4J' > /dev/null
  bytes=$(stat -c %s "$input")
  echo
  echo "## $format: $records records, $bytes bytes (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  # the local path on the same input, for the share: median of 3 measured rounds after one warm-up
  mkdir -p "$work/local"
  local_line=$(java "-Xmx$cli_xmx" -cp "$bench_jar" io.pinpointimport.bench.ValidatingPathBench --format "$format" \
       --records "$records" --rounds 4 --variants importFiles --work-dir "$work/local" 2>&1 | grep '^| importFiles')
  local_wall=$(echo "$local_line" | awk -F'|' '{gsub(/ /,"",$5); print $5}')
  local_cpu=$(echo "$local_line" | awk -F'|' '{gsub(/ /,"",$4); print $4}')
  rm -rf "$work/local"
  echo "local path (importFiles without upload, same JVM flags): ${local_cpu} s CPU, ${local_wall} s wall"
  echo
  echo "| run | -Xmx | wall s | records/s | tool CPU s | emulator JVM CPU s | tool peak RSS MB | exit | upload + emulator share of wall |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
  for run in 1 2 3; do
    read -r secs cpu rss ecpu rc < <(import_once "$input" "$cli_xmx")
    awk -v run="$run" -v x="$cli_xmx" -v s="$secs" -v n="$records" -v c="$cpu" -v e="$ecpu" -v r="$rss" -v rc="$rc" -v lw="$local_wall" \
        'BEGIN { printf "| timed %d | %s | %.2f | %.0f | %.2f | %.2f | %d | %d | %.0f %% |\n", run, x, s, n / s, c, e, r, rc, 100 * (s - lw) / s }'
  done
  for xmx in $heaps; do
    read -r secs cpu rss ecpu rc < <(import_once "$input" "$xmx")
    awk -v x="$xmx" -v s="$secs" -v n="$records" -v c="$cpu" -v e="$ecpu" -v r="$rss" -v rc="$rc" \
        'BEGIN { printf "| heap | %s | %.2f | %.0f | %.2f | %.2f | %d | %d | |\n", x, s, n / s, c, e, r, rc }'
    if [[ $rc != 0 ]]; then sed 's/^/    /' "$work/import.err" | tail -3; fi
  done
  rm -f "$input"
done 2>&1 | tee "$out/import.md"
echo "uptime after: $(uptime)" | tee -a "$out/env.txt"
