#!/usr/bin/env bash
# The fault-injection run of issue 5: a steady load of HTTP batches (100,000 events over 200 users by default)
# while the Worker is SIGKILLed and restarted, the Api is SIGKILLed with requests in flight and restarted,
# RabbitMQ is restarted and PostgreSQL is restarted, each once mid-run; then every acknowledged event must be
# stored exactly once, every request that went unanswered must be stored whole or not at all (never twice), and
# every day's totals must equal the totals the client recomputes from what it got 202s for and the unanswered
# batches found stored. Exits non-zero on any loss or double count.
#
#   bench/faults.sh                                  the full run (a few minutes)
#   bench/faults.sh --events 3000 --rate 300         a short one (test.sh)
#
# Options: --users --events --batch-size --rate (events/s) --senders --outage-seconds --drain-seconds.
# BENCH_PROFILE / SKINPROGRESS_PG_PORT / SKINPROGRESS_AMQP_PORT / BENCH_API_PORT choose other services.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
profile=${BENCH_PROFILE:-bench}
api_port=${BENCH_API_PORT:-23080}
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
trap bench_cleanup INT TERM EXIT

bench_services
bench_build
bench_api_env

# The bench program owns the Api and the Worker here: it has to SIGKILL them and start them again mid-run.
dotnet "$bench_dll" faults --api "$api_url" --admin "$Admin__BootstrapKey" \
  --api-dll "$api_dll" --api-log "$root/.data/$profile/logs/api-faults.log" \
  --worker-dll "$worker_dll" --worker-log "$root/.data/$profile/logs/worker-faults.log" \
  --services "$root/scripts/services.sh" --profile "$profile" "$@"
