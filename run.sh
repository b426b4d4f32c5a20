#!/usr/bin/env bash
# The running system: PostgreSQL and RabbitMQ (started here unless the environment points elsewhere),
# migrations, then the Api and the Worker. Ctrl-C or SIGTERM stops everything this script started.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

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
export DOTNET_ENVIRONMENT=${DOTNET_ENVIRONMENT:-Production} ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production}

echo "[run] building" >&2
dotnet build SkinProgress.sln -c Release -v quiet -nologo >&2
bin() { echo "$root/src/$1/bin/Release/net10.0/$1.dll"; }

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

dotnet "$(bin SkinProgress.Worker)" & pids+=($!)
dotnet "$(bin SkinProgress.Api)" --urls "$ASPNETCORE_URLS" & pids+=($!)

url=${ASPNETCORE_URLS%%;*}
for _ in $(seq 1 60); do curl -fs "$url/health/live" >/dev/null 2>&1 && break; sleep 1; done
cat <<INFO

  SkinProgress is running.
    API            $url
    API reference  $url/scalar/v1   (OpenAPI document: $url/openapi/v1.json)
    Health         $url/health/ready
    Admin key      $Admin__BootstrapKey

  Ctrl-C stops it.

INFO
wait -n "${pids[@]}"
