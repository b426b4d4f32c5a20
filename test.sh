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
# The benchmark smokes and the short fault run (bench/), on their own services (profile "smoke"): they prove the
# harness works end to end and that a Worker kill, a broker restart and a database restart lose and double-count nothing.
BENCH_KEEP_SERVICES=1 BENCH_PROFILE=smoke BENCH_API_PORT=24080 BENCH_LIMITS_SECONDS=1 bench/run.sh --users 20 --warmup-seconds 2 \
  --batched-seconds 5 --single-seconds 5 --latency-seconds 5 --drain-seconds 60
bench_status=$?
# The weekly-summaries figure in small: 200 users compiled and emailed to the bench's SMTP sink, and sent once only.
BENCH_KEEP_SERVICES=1 BENCH_PROFILE=smoke BENCH_API_PORT=24080 bench/run.sh --summaries 200 --timeout-seconds 300
summaries_status=$?
BENCH_PROFILE=smoke BENCH_API_PORT=24080 bench/faults.sh --users 30 --events 3000 --rate 150 --outage-seconds 3 --drain-seconds 120
faults_status=$?
echo "bench smoke: exit $bench_status; summaries smoke: exit $summaries_status; short fault run: exit $faults_status"
if [ "$status" -eq 0 ] && { [ "$bench_status" -ne 0 ] || [ "$summaries_status" -ne 0 ] || [ "$faults_status" -ne 0 ]; }; then status=1; fi
set -e

# One closing line over all test assemblies.
passed=$(awk '/^ *Passed: +[0-9]+ *$/ {s+=$2} END {print s+0}' "$log")
failed=$(awk '/^ *Failed: +[0-9]+ *$/ {s+=$2} END {print s+0}' "$log")
rm -f "$log"
echo "tests: ${passed:-0} passed, ${failed:-0} failed"
exit "$status"
