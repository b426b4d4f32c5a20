#!/usr/bin/env bash
# The benchmark of issue 5, one command: own PostgreSQL and RabbitMQ (profile "bench", ports 23432/23682),
# a Release build, migrations, the limits tool, the Api and the Worker as separate processes, then the bench
# program drives them over HTTP and prints one table. Takes about 3-4 minutes with the defaults.
#
#   bench/run.sh                          the full benchmark
#   bench/run.sh --batched-seconds 60     any option of the bench program (see bench/README.md)
#   bench/run.sh --summaries 100000       the weekly-summaries figure instead: generates 100,000 users' six weeks,
#                                         runs an SMTP sink on Smtp__Port, times one summary run (~17 min with the default chart)
#
# BENCH_PROFILE / SKINPROGRESS_PG_PORT / SKINPROGRESS_AMQP_PORT / BENCH_API_PORT / BENCH_SMTP_PORT choose other
# services and ports; BENCH_LIMITS_SECONDS the length of each limits measurement (default 5, load mode only).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
profile=${BENCH_PROFILE:-bench}
api_port=${BENCH_API_PORT:-23080}
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
trap bench_cleanup INT TERM EXIT

mode=load
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --summaries) mode=summaries; args+=(--users "$2"); shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done

bench_services
bench_build

limit_args=()
if [ "$mode" = load ]; then
  bench_log "measuring this machine's limits (../shared/tools/limits)"
  limits_project="$root/../shared/tools/limits"
  [ -d "$limits_project" ] || limits_project=/work/shared/tools/limits
  # The shared folder is read-only in CI: build into this profile's data folder.
  dotnet build "$limits_project/limits.csproj" -c Release --artifacts-path "$root/.data/$profile/limits" -v quiet -nologo >&2
  amqp="amqp://$RabbitMq__Username:$RabbitMq__Password@$RabbitMq__Host:$RabbitMq__Port/"
  limits_out=$(dotnet "$root/.data/$profile/limits/bin/limits/release/limits.dll" "$amqp" "$ConnectionStrings__Postgres" "${BENCH_LIMITS_SECONDS:-5}")
  echo "$limits_out" >&2
  limit_broker=$(sed -n 's/.*publish+confirm \([0-9]*\) msg\/s.*/\1/p' <<<"$limits_out")
  limit_copy=$(sed -n 's/.*binary COPY \([0-9]*\) rows\/s.*/\1/p' <<<"$limits_out")
  limit_dedup=$(sed -n 's/.*DO NOTHING.* \([0-9]*\) rows\/s.*/\1/p' <<<"$limits_out")
  if [ -z "$limit_broker" ] || [ -z "$limit_copy" ] || [ -z "$limit_dedup" ]; then
    bench_log "could not read the three limits from: $limits_out"; exit 1
  fi
  limit_args=(--limit-broker "$limit_broker" --limit-copy "$limit_copy" --limit-dedup "$limit_dedup")
fi

bench_start_api
# The summaries figure times one on-demand run: the 15-minute schedule would add a dispatch of its own
# (for Sunday-start users possibly of a later week), so the Worker runs without it in that mode.
[ "$mode" = summaries ] && export Summaries__ScheduleDispatch=false
bench_host "$worker_dll" >"$root/.data/$profile/logs/worker.log" 2>&1 &
worker_pid=$!
bench_pids+=("$worker_pid")
bench_wait_ready

bench_log "Api pid $api_pid, Worker pid $worker_pid; running the $mode benchmark"
dotnet "$bench_dll" "$mode" --api "$api_url" --admin "$Admin__BootstrapKey" \
  --api-pid "$api_pid" --worker-pid "$worker_pid" \
  --pg-pid-file "$root/.data/$profile/pg/postmaster.pid" --rabbit-pid-file "$root/.data/$profile/rabbit/rabbit.pid" \
  "${limit_args[@]}" "${args[@]}"
