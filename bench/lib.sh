# Shared by bench/run.sh and bench/faults.sh (sourced, not run): services of one profile, a Release build,
# migrations, the Api as its own process, and cleanup of everything started here.
# Expects: root (the checkout), profile (services.sh profile), api_port.

bench_pids=()
bench_started_services=false

bench_log() { echo "[bench] $*" >&2; }

# Runs a host with its build output as content root, where its appsettings.json (log levels among others) is.
# Call it with & only: it execs, so $! is the host's own pid (monitored, and signalled by bench_cleanup).
bench_host() { local dll=$1; shift; exec dotnet "$dll" --contentRoot "$(dirname "$dll")" "$@"; }

bench_cleanup() {
  local status=$?
  trap - INT TERM EXIT
  local pid
  for pid in "${bench_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${bench_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if $bench_started_services && [ "${BENCH_KEEP_SERVICES:-0}" != 1 ]; then "$root/scripts/services.sh" stop "$profile" || true; fi
  exit "$status"
}

bench_psql() {
  # The profile's own superuser over its Unix socket (trust), as services.sh set it up.
  su postgres -s /bin/sh -c "/usr/lib/postgresql/15/bin/psql -h '$root/.data/$profile/pgsock' -p $pg_port -U skinprogress -d skinprogress -v ON_ERROR_STOP=1 -qtAc \"$1\""
}

bench_services() {
  "$root/scripts/services.sh" start "$profile"
  bench_started_services=true
  # The bench measures its own profile's services: settings inherited from a caller (test.sh has the test
  # profile's in its environment) must not win over them, as they would for run.sh.
  unset ConnectionStrings__Postgres RabbitMq__Host RabbitMq__Port RabbitMq__Username RabbitMq__Password RabbitMq__VirtualHost
  # shellcheck disable=SC1090
  source "$root/.data/$profile/env"
  export RabbitMq__Host RabbitMq__Port RabbitMq__Username RabbitMq__Password RabbitMq__VirtualHost ConnectionStrings__Postgres
  pg_port=$(sed -n 's/.*Port=\([0-9]*\);Database.*/\1/p' <<<"$ConnectionStrings__Postgres")
  # Latency is read from PostgreSQL's own commit timestamps of the day rows (exact, trigger-free):
  # track_commit_timestamp needs a restart the first time it is turned on.
  if [ "$(bench_psql 'show track_commit_timestamp')" != on ]; then
    bench_log "turning on track_commit_timestamp (restarts the bench PostgreSQL once)"
    bench_psql 'alter system set track_commit_timestamp = on'
    "$root/scripts/services.sh" pg-stop "$profile"
    "$root/scripts/services.sh" pg-start "$profile"
  fi
}

bench_build() {
  bench_log "building (Release)"
  dotnet build "$root/SkinProgress.sln" -c Release -v quiet -nologo >&2
  worker_dll="$root/src/SkinProgress.Worker/bin/Release/net10.0/SkinProgress.Worker.dll"
  api_dll="$root/src/SkinProgress.Api/bin/Release/net10.0/SkinProgress.Api.dll"
  bench_dll="$root/bench/SkinProgress.Bench/bin/Release/net10.0/SkinProgress.Bench.dll"
  bench_log "applying migrations"
  dotnet "$worker_dll" migrate >/dev/null
  # Every run starts from empty tables, so phase sums and verification see this run's events only.
  bench_psql 'truncate raw_events, daily_totals, weekly_summaries, api_keys, devices, users cascade'
  # Jobs an interrupted summaries run left queued would compile (nothing) in the next run's time.
  if [ "$(bench_psql "select to_regclass('hangfire.job') is not null")" = t ]; then
    bench_psql 'truncate hangfire.job, hangfire.jobqueue cascade'
  fi
}

# The Api's settings, exported for whoever starts it: bench_start_api here, or the fault run's bench program.
bench_api_env() {
  mkdir -p "$root/.data/$profile/logs"
  export Admin__BootstrapKey="spa_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
  export DOTNET_ENVIRONMENT=Production ASPNETCORE_ENVIRONMENT=Production
  # A device normally syncs a few times a minute; the bench's devices send as fast as they are answered.
  export RateLimits__DeviceRequestsPerMinute=1000000
  # The Worker refuses to start without mail settings; the load never makes a summary due, so nothing is sent
  # (the summaries mode runs its own SMTP sink on this port).
  export Smtp__Host=127.0.0.1 Smtp__Port=${BENCH_SMTP_PORT:-$((api_port + 1))} Smtp__Security=None
  export Email__From=summaries@bench.localhost Email__UnsubscribeMailbox=unsubscribe@bench.localhost
  api_url="http://127.0.0.1:$api_port"
  export Email__PublicBaseUrl=$api_url
}

bench_start_api() {
  bench_api_env
  bench_host "$api_dll" --urls "$api_url" >"$root/.data/$profile/logs/api.log" 2>&1 &
  api_pid=$!
  bench_pids+=("$api_pid")
}

bench_wait_ready() {
  local i pid
  for i in $(seq 1 90); do
    for pid in "${bench_pids[@]}"; do
      kill -0 "$pid" 2>/dev/null || { bench_log "process $pid exited; see $root/.data/$profile/logs"; return 1; }
    done
    if curl -fs "$api_url/health/ready" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  bench_log "the Api did not become ready at $api_url"; return 1
}
