#!/usr/bin/env bash
# Shell functions the aws-cli-*-check.sh scripts share: a work directory removed on exit, fail / check, and the
# standalone emulator started from the built classpath (waiting for its ready file) and always stopped.
# Source it after setting CHECK_NAME (the prefix of the messages); it sets ROOT, AWS, WORK and PID.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
AWS="${AWS_CLI:-/usr/bin/aws}"
WORK="$(mktemp -d)"
PID=""

cleanup() {
    if [[ -n "$PID" ]] && kill -0 "$PID" 2>/dev/null; then
        kill -TERM "$PID" 2>/dev/null || true
        wait "$PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
    echo "$CHECK_NAME: FAILED: $*" >&2
    if [[ -f "$WORK/emulator.log" ]]; then
        echo "---- emulator output ----" >&2
        tail -n 40 "$WORK/emulator.log" >&2
    fi
    exit 1
}

check() { # check DESCRIPTION ACTUAL EXPECTED-REGEX
    if [[ "$2" =~ $3 ]]; then
        echo "ok - $1"
    else
        fail "$1: got '$2', expected /$3/"
    fi
}

start_emulator() { # start_emulator EMULATOR-MAIN-ARGS... : builds, starts, waits for and sources the ready file
    local cp deadline
    cp="$("$ROOT/pinpoint-import-emulator/src/test/cli/emulator-classpath.sh")" || fail "could not build the emulator"
    java -cp "$cp" io.pinpointimport.emulator.EmulatorMain "$@" \
        --ready-file "$WORK/ready" >"$WORK/emulator.log" 2>&1 &
    PID=$!
    # Wait for the ready file, polling with a deadline.
    deadline=$((SECONDS + 60))
    until [[ -f "$WORK/ready" ]]; do
        kill -0 "$PID" 2>/dev/null || fail "the emulator exited before it was ready"
        ((SECONDS < deadline)) || fail "the emulator was not ready within 60 s"
        sleep 0.2
    done
    # shellcheck disable=SC1091
    source "$WORK/ready"
}

stop_emulator() {
    kill -TERM "$PID"
    wait "$PID" 2>/dev/null || true
    PID=""
}
