#!/usr/bin/env bash
# The running system: PostgreSQL and RabbitMQ (started here unless the environment points elsewhere),
# a local mail catcher (smtp4dev) unless Smtp__Host is set, migrations, then the Api and the Worker.
# Ctrl-C or SIGTERM stops everything this script started.
#   ./run.sh          the system
#   ./run.sh --demo   the same, plus a demo user with six weeks of data whose weekly email lands in the catcher
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
demo=false
for arg in "$@"; do
  case "$arg" in
    --demo) demo=true ;;
    *) echo "usage: ./run.sh [--demo]" >&2; exit 2 ;;
  esac
done

started_services=false
if [ -z "${ConnectionStrings__Postgres:-}" ] || [ -z "${RabbitMq__Host:-}" ]; then
  scripts/services.sh start run
  started_services=true
fi
if [ -f .data/run/env ]; then
  # shellcheck disable=SC1091
  source .data/run/env # keeps any value already set in the environment
fi

if [ -z "${Admin__BootstrapKey:-}" ]; then
  mkdir -p .data/run
  [ -f .data/run/admin.key ] || echo "spa_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')" > .data/run/admin.key
  Admin__BootstrapKey=$(cat .data/run/admin.key)
fi
export Admin__BootstrapKey
export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://127.0.0.1:5080}
url=${ASPNETCORE_URLS%%;*}
export DOTNET_ENVIRONMENT=${DOTNET_ENVIRONMENT:-Production} ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production}

echo "[run] building" >&2
dotnet build SkinProgress.sln -c Release -v quiet -nologo >&2
bin() { echo "$root/src/$1/bin/Release/net10.0/$1.dll"; }

catcher=""
if [ -z "${Smtp__Host:-}" ]; then
  # A mail catcher with a web UI, so a person can open the weekly email; nothing leaves the machine.
  dotnet tool restore >/dev/null
  export Smtp__Host=127.0.0.1 Smtp__Port=${SKINPROGRESS_SMTP_PORT:-2525} Smtp__Security=None
  catcher=http://127.0.0.1:${SKINPROGRESS_CATCHER_PORT:-5081}
fi
export Email__From=${Email__From:-summaries@skinprogress.localhost}
export Email__UnsubscribeMailbox=${Email__UnsubscribeMailbox:-unsubscribe@skinprogress.localhost}
export Email__PublicBaseUrl=${Email__PublicBaseUrl:-$url}

echo "[run] applying migrations" >&2
dotnet "$(bin SkinProgress.Worker)" migrate

pids=()
stop() {
  trap - INT TERM EXIT
  echo "[run] stopping" >&2
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if $started_services; then scripts/services.sh stop run; fi
}
trap stop INT TERM EXIT

if [ -n "$catcher" ]; then
  mkdir -p .data/run/smtp4dev
  dotnet smtp4dev --urls="$catcher" --smtpport="$Smtp__Port" --imapport=0 --pop3port=0 --bindaddress=127.0.0.1 \
    --db="$root/.data/run/smtp4dev/smtp4dev.db" --baseappdatapath="$root/.data/run/smtp4dev" --nousersettings \
    >.data/run/smtp4dev/smtp4dev.log 2>&1 & pids+=($!)
fi
# The content root is the build output, where appsettings.json (log levels among others) is; by default it
# would be this folder, which has none.
# Called with & only: it execs, so $! is the host's own pid and stop() signals the host, not a subshell.
host() { local dll; dll=$(bin "$1"); shift; exec dotnet "$dll" --contentRoot "$(dirname "$dll")" "$@"; }
host SkinProgress.Worker & pids+=($!)
host SkinProgress.Api --urls "$ASPNETCORE_URLS" & pids+=($!)

for _ in $(seq 1 60); do curl -fs "$url/health/ready" >/dev/null 2>&1 && break; sleep 1; done
# The Api offers every provider given a client id; say which, so a person knows what the connect page will show.
providers=""
for p in Strava Withings Polar; do
  v="Providers__${p}__ClientId"
  [ -n "${!v:-}" ] && providers="$providers ${p}"
done
cat <<INFO

  SkinProgress is running.
    API            $url
    API reference  $url/scalar/v1   (OpenAPI document: $url/openapi/v1.json)
    Health         $url/health/ready
    Jobs dashboard $url/admin/jobs   (sign in with the admin key)
    Operations     $url/admin/ops    (queues, failed messages, weekly emails, sync health)
    Mail catcher   ${catcher:-(not started: Smtp__Host=$Smtp__Host)}
    Connections    ${providers:- none configured (set Providers__<Name>__ClientId; see docs/connections.md)}
    Admin key      $Admin__BootstrapKey

  Ctrl-C stops it.

INFO
if $demo; then
  dotnet "$root/tools/SkinProgress.Demo/bin/Release/net10.0/SkinProgress.Demo.dll" "$url" "$Admin__BootstrapKey" \
    || echo "[run] the demo data could not be loaded (see above); the system keeps running" >&2
fi
wait -n "${pids[@]}"
