#!/usr/bin/env bash
# The tests with the system clock shifted by libfaketime, to show that none depends on the day it runs:
#   deploy/local/test-shifted.sh '2028-02-29 23:40:00'        everything npm test runs, from that moment (UTC)
#   deploy/local/test-shifted.sh +400d                         400 days from now (libfaketime's offsets: s, m, h, d, y)
#   deploy/local/test-shifted.sh '2027-12-31 23:50:00' test/e2e/rental-flow.e2e-spec.ts    only these (jest arguments)
# A date becomes an offset from now, so every process the tests start (jest's workers, the spawned
# services) shares one clock that runs at the normal rate; libfaketime's start-at form ("@date")
# would start each new process at that date again. Only processes started here are shifted:
# PostgreSQL, and a Kafka broker already running, keep the real time (brokers accept client clocks).
set -euo pipefail
cd "$(dirname "$0")/../.."

usage="usage: $0 <'YYYY-MM-DD hh:mm:ss' (UTC) | +400d | -30d> [jest arguments...]"
when=${1:?$usage}
shift
command -v faketime >/dev/null || { echo "faketime is missing (apt-get install faketime)" >&2; exit 1; }
if [[ $when != [+-]* ]]; then
  offset=$(($(date -u -d "$when" +%s) - $(date -u +%s)))
  when=$( ((offset >= 0)) && echo "+$offset" || echo "$offset")
fi

# Node's timers run on the monotonic clock, which stays real; files keep their real times for tsc and jest's cache.
export FAKETIME_DONT_FAKE_MONOTONIC=1 NO_FAKE_STAT=1
echo "tests with the clock at $(faketime -f "$when" date -u '+%Y-%m-%dT%H:%M:%SZ') (offset $when)"
if (($# == 0)); then
  faketime -f "$when" npm test
else
  faketime -f "$when" npm run jest -- "$@"
fi
