#!/usr/bin/env bash
# Every test: starts this checkout's own test PostgreSQL and RabbitMQ (never run.sh's), runs the
# whole solution's tests against them, stops them again. The exit status is the tests' verdict.
set -euo pipefail
cd "$(dirname "$0")"

# Tools some tests need, from Debian's packages: docker-compose validates docker-compose.yml without a
# Docker engine; chromium is the real browser the dashboard sign-in test drives (Playwright uses it as is,
# no browser download).
missing=()
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "[test] installing ${missing[*]}" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
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
