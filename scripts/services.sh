#!/usr/bin/env bash
# Starts and stops the PostgreSQL and RabbitMQ that SkinProgress runs on, from Debian's
# packages (installed when missing), bound to loopback, with their data under .data/<profile>.
# Profiles keep run.sh and test.sh apart: own ports, own data, own RabbitMQ node name.
#
#   scripts/services.sh start  run|test   start both (idempotent) and write .data/<profile>/env
#   (other profiles: bench, smoke, or any name with SKINPROGRESS_PG_PORT and SKINPROGRESS_AMQP_PORT set)
#   scripts/services.sh stop   run|test   stop both
#   scripts/services.sh rabbit-stop|rabbit-start|pg-stop|pg-start run|test   for fault tests
#   scripts/services.sh rabbitmqctl|rabbitmq-plugins run|test ARGS…   the broker's own tools, on this profile's node
set -euo pipefail

cmd=${1:?usage: services.sh start|stop|rabbit-stop|rabbit-start|pg-stop|pg-start run|test}
profile=${2:-run}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
data="$root/.data/$profile"

# All below 32768, outside Linux's ephemeral range (32768-60999): a fixed port in that range can already be the
# local end of some long-lived outgoing connection, and then nothing can listen on it. It happened: 58180 stayed
# taken for minutes during a test run, and the bench smoke's Api could not start.
case "$profile" in
  run)  pg_port=${SKINPROGRESS_PG_PORT:-21432}; amqp_port=${SKINPROGRESS_AMQP_PORT:-21682} ;;
  test) pg_port=${SKINPROGRESS_PG_PORT:-22432}; amqp_port=${SKINPROGRESS_AMQP_PORT:-22682} ;;
  bench) pg_port=${SKINPROGRESS_PG_PORT:-23432}; amqp_port=${SKINPROGRESS_AMQP_PORT:-23682} ;;
  smoke) pg_port=${SKINPROGRESS_PG_PORT:-24432}; amqp_port=${SKINPROGRESS_AMQP_PORT:-24682} ;;
  # Any other name is a profile of its own (a second bench beside the first, say), on ports the caller chooses.
  *)
    if [ -z "${SKINPROGRESS_PG_PORT:-}" ] || [ -z "${SKINPROGRESS_AMQP_PORT:-}" ]; then
      echo "profile $profile needs SKINPROGRESS_PG_PORT and SKINPROGRESS_AMQP_PORT" >&2; exit 2
    fi
    pg_port=$SKINPROGRESS_PG_PORT; amqp_port=$SKINPROGRESS_AMQP_PORT ;;
esac
dist_port=$((amqp_port + 100))
pg_bin=/usr/lib/postgresql/15/bin
rabbit_bin=/usr/lib/rabbitmq/bin
node="skinprogress-$profile-$amqp_port@localhost"

log() { echo "[services:$profile] $*" >&2; }

install_missing() {
  local missing=()
  [ -x "$pg_bin/pg_ctl" ] || missing+=(postgresql)
  [ -x "$rabbit_bin/rabbitmq-server" ] || missing+=(rabbitmq-server)
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]} from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  # The packages try to start system services at install time; without an init system
  # that is refused, which is harmless: we start private instances below.
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

secret() { head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32; }

rabbit_env() {
  export HOME="$data/rabbit" # the Erlang cookie lives here, private to this node
  export RABBITMQ_NODENAME="$node" RABBITMQ_NODE_PORT="$amqp_port" RABBITMQ_DIST_PORT="$dist_port"
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_MNESIA_BASE="$data/rabbit/mnesia"
  export RABBITMQ_LOG_BASE="$data/rabbit/log" RABBITMQ_PID_FILE="$data/rabbit/rabbit.pid"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$data/rabbit/enabled_plugins"
  export RABBITMQ_CONFIG_FILE="$data/rabbit/rabbitmq" RABBITMQ_ADVANCED_CONFIG_FILE="$data/rabbit/advanced.config"
  export ERL_EPMD_ADDRESS=127.0.0.1
}

rabbitmqctl() { (rabbit_env; "$rabbit_bin/rabbitmqctl" -n "$node" "$@"); }

# Debian's defaults (128 MB of buffers, 1 GB of WAL between checkpoints) made the scoring benchmark's batched phase
# checkpoint every ~25 s and write every page again after each one; the same settings as docker-compose.yml.
pg_settings='-c shared_buffers=512MB -c max_wal_size=4GB'
pg_running() { [ -f "$data/pg/postmaster.pid" ] && su postgres -s /bin/sh -c "$pg_bin/pg_ctl -D '$data/pg' status" >/dev/null 2>&1; }

start_pg() {
  mkdir -p "$data/pgsock"
  if [ ! -f "$data/pg/PG_VERSION" ]; then
    log "initialising PostgreSQL in $data/pg"
    mkdir -p "$data/pg"
    secret > "$data/pg.password"
    local pwfile; pwfile=$(mktemp); cp "$data/pg.password" "$pwfile"
    chown postgres "$pwfile" "$data/pg" "$data/pgsock"; chmod 700 "$data/pg"
    su postgres -s /bin/sh -c "$pg_bin/initdb -D '$data/pg' -U skinprogress --pwfile='$pwfile' --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8" >/dev/null
    rm -f "$pwfile"
    cat >> "$data/pg/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $pg_port
unix_socket_directories = '$data/pgsock'
max_connections = 200
fsync = on
CONF
  fi
  if pg_running; then log "PostgreSQL already running on $pg_port"; return 0; fi
  chown postgres "$data/pgsock"
  su postgres -s /bin/sh -c "$pg_bin/pg_ctl -D '$data/pg' -o '-p $pg_port $pg_settings' -l '$data/pgsock/server.log' -w -t 60 start" >/dev/null
  if ! su postgres -s /bin/sh -c "$pg_bin/psql -h '$data/pgsock' -p $pg_port -U skinprogress -d postgres -tAc \"select 1 from pg_database where datname='skinprogress'\"" | grep -q 1; then
    su postgres -s /bin/sh -c "$pg_bin/createdb -h '$data/pgsock' -p $pg_port -U skinprogress skinprogress"
  fi
  log "PostgreSQL up on 127.0.0.1:$pg_port"
}

stop_pg() {
  pg_running || return 0
  su postgres -s /bin/sh -c "$pg_bin/pg_ctl -D '$data/pg' -m fast -w stop" >/dev/null || true
  log "PostgreSQL stopped"
}

rabbit_running() { rabbitmqctl -q status >/dev/null 2>&1; }

start_rabbit() {
  mkdir -p "$data/rabbit/mnesia" "$data/rabbit/log"
  [ -f "$data/rabbit/enabled_plugins" ] || echo "[]." > "$data/rabbit/enabled_plugins"
  [ -f "$data/rabbit/rabbitmq.conf" ] || printf 'loopback_users = none\n' > "$data/rabbit/rabbitmq.conf"
  [ -f "$data/rabbit.password" ] || secret > "$data/rabbit.password"
  if ! rabbit_running; then
    (rabbit_env; nohup "$rabbit_bin/rabbitmq-server" >"$data/rabbit/server.out" 2>&1 &)
    local i
    for i in $(seq 1 120); do
      if (rabbit_env; "$rabbit_bin/rabbitmq-diagnostics" -n "$node" -q ping) >/dev/null 2>&1; then break; fi
      sleep 1
    done
  fi
  rabbitmqctl -q await_startup >/dev/null
  ensure_rabbit_app
  log "RabbitMQ up on 127.0.0.1:$amqp_port (node $node)"
}

ensure_rabbit_app() {
  local pw; pw=$(cat "$data/rabbit.password")
  if ! rabbitmqctl -q list_users | grep -q '^skinprogress'; then
    rabbitmqctl -q add_user skinprogress "$pw" >/dev/null
    rabbitmqctl -q set_permissions -p / skinprogress '.*' '.*' '.*' >/dev/null
    rabbitmqctl -q set_user_tags skinprogress administrator >/dev/null
  fi
}

stop_rabbit() {
  rabbit_running || return 0
  rabbitmqctl -q stop >/dev/null 2>&1 || true
  log "RabbitMQ stopped"
}

# Values already in the environment win, so a person can point run.sh at other servers.
write_env() {
  cat > "$data/env" <<ENV
: "\${ConnectionStrings__Postgres:=Host=127.0.0.1;Port=$pg_port;Database=skinprogress;Username=skinprogress;Password=$(cat "$data/pg.password")}"
: "\${RabbitMq__Host:=127.0.0.1}"
: "\${RabbitMq__Port:=$amqp_port}"
: "\${RabbitMq__Username:=skinprogress}"
: "\${RabbitMq__Password:=$(cat "$data/rabbit.password")}"
: "\${RabbitMq__VirtualHost:=/}"
export ConnectionStrings__Postgres RabbitMq__Host RabbitMq__Port RabbitMq__Username RabbitMq__Password RabbitMq__VirtualHost
export SKINPROGRESS_SERVICES_PROFILE=$profile
ENV
}

case "$cmd" in
  start)
    mkdir -p "$data"
    install_missing
    start_pg
    start_rabbit
    write_env
    ;;
  stop) stop_rabbit; stop_pg ;;
  # Fault injection for tests: the broker's listeners go away and come back, data kept.
  rabbit-stop) rabbitmqctl -q stop_app >/dev/null ;;
  rabbit-start) rabbitmqctl -q start_app >/dev/null ;;
  pg-stop) stop_pg ;;
  pg-start) start_pg ;;
  # The node has its own name, cookie and plugin file: its tools only reach it with the same environment.
  rabbitmqctl) shift 2; rabbitmqctl "$@" ;;
  rabbitmq-plugins) shift 2; (rabbit_env; "$rabbit_bin/rabbitmq-plugins" -n "$node" "$@") ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
