# Sourced by backup.sh and restore.sh: turns the connection SkinProgress itself uses into libpq's PG* variables,
# so the dump is taken from the very database the Api and Worker use.
#
# Where the connection comes from, first found wins:
#   1. ConnectionStrings__Postgres (Npgsql's key=value;… form, as the hosts read it);
#   2. PGHOST / PGDATABASE already in the environment (libpq's own variables, used as they are);
#   3. .data/run/env, which scripts/services.sh writes for ./run.sh.

pg_bin=/usr/lib/postgresql/15/bin
[ -x "$pg_bin/pg_dump" ] || pg_bin=$(dirname "$(command -v pg_dump 2>/dev/null || echo /usr/bin/pg_dump)")

trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; s=${s%"${s##*[![:space:]]}"}; printf '%s' "$s"; }

# Npgsql's keys are case-insensitive and have aliases; only the ones a deployment sets are mapped. A value that
# holds ';' would need quoting rules this parser does not have: set the PG* variables instead.
npgsql_to_libpq() {
  local connection=$1 pair key value pairs
  IFS=';' read -r -a pairs <<<"$connection"
  for pair in "${pairs[@]}"; do
    [ -n "$(trim "$pair")" ] || continue
    key=$(trim "${pair%%=*}"); value=$(trim "${pair#*=}")
    key=$(printf '%s' "$key" | tr '[:upper:]' '[:lower:]' | tr -d ' ')
    case "$value" in \"*\") value=${value:1:-1} ;; \'*\') value=${value:1:-1} ;; esac
    case "$key" in
      host|server) export PGHOST=$value ;;
      port) export PGPORT=$value ;;
      database|db) export PGDATABASE=$value ;;
      username|userid|user|uid) export PGUSER=$value ;;
      password|psw|pwd) export PGPASSWORD=$value ;;
      sslmode)
        case $(printf '%s' "$value" | tr '[:upper:]' '[:lower:]') in
          disable) export PGSSLMODE=disable ;; allow) export PGSSLMODE=allow ;; prefer) export PGSSLMODE=prefer ;;
          require) export PGSSLMODE=require ;; verifyca) export PGSSLMODE=verify-ca ;; verifyfull) export PGSSLMODE=verify-full ;;
        esac ;;
    esac
  done
}

load_connection() {
  local root=$1
  if [ -z "${ConnectionStrings__Postgres:-}" ] && [ -z "${PGHOST:-}${PGDATABASE:-}" ] && [ -f "$root/.data/run/env" ]; then
    # shellcheck disable=SC1091
    . "$root/.data/run/env"
  fi
  if [ -n "${ConnectionStrings__Postgres:-}" ]; then
    npgsql_to_libpq "$ConnectionStrings__Postgres"
  fi
  if [ -z "${PGDATABASE:-}" ]; then
    echo "no database: set ConnectionStrings__Postgres (or PGHOST, PGDATABASE, …), or start ./run.sh once" >&2
    exit 2
  fi
}

# Database names are quoted into SQL below, so only plain identifiers are taken.
valid_database_name() { [[ $1 =~ ^[A-Za-z_][A-Za-z0-9_]{0,62}$ ]]; }

# A script's help is its opening comment.
usage_text() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$1"; }
