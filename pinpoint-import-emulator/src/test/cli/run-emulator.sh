#!/usr/bin/env bash
# Runs the standalone Pinpoint import emulator (with its in-process S3) until Ctrl-C / SIGTERM.
# All arguments go to io.pinpointimport.emulator.EmulatorMain, e.g.:
#   pinpoint-import-emulator/src/test/cli/run-emulator.sh --port 4590 --s3-port 4591 --app demo --pace speed:5
set -euo pipefail
cp="$("$(dirname "$0")/emulator-classpath.sh")"
exec java -cp "$cp" io.pinpointimport.emulator.EmulatorMain "$@"
