#!/usr/bin/env bash
# Every test: starts this checkout's own test PostgreSQL and RabbitMQ (never run.sh's), runs the
# whole solution's tests against them, stops them again. The exit status is the tests' verdict.
set -euo pipefail
cd "$(dirname "$0")"

# The compose file is validated by a test with Debian's docker-compose, which needs no Docker engine.
if ! command -v docker-compose >/dev/null 2>&1; then
  echo "[test] installing docker-compose (to validate docker-compose.yml)" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >&2
fi

scripts/services.sh start test
trap 'scripts/services.sh stop test' EXIT
# shellcheck disable=SC1091
source .data/test/env

log=$(mktemp)
set +e
dotnet test SkinProgress.sln --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line over all test assemblies.
passed=$(awk '/^ *Passed: +[0-9]+ *$/ {s+=$2} END {print s+0}' "$log")
failed=$(awk '/^ *Failed: +[0-9]+ *$/ {s+=$2} END {print s+0}' "$log")
rm -f "$log"
echo "tests: ${passed:-0} passed, ${failed:-0} failed"
exit "$status"
