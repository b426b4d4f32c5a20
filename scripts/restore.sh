#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into a fresh database, created here.
#
#   scripts/restore.sh FILE [--database NAME] [--force]
#
# NAME defaults to the database of the connection (ConnectionStrings__Postgres, else PG* variables, else
# .data/run/env); the same server is used. A database that exists and holds any table is refused unless --force,
# which replaces it (disconnecting its sessions) once the restore has completed: a failed restore changes nothing.
# Objects are owned by the user restoring, so a backup restores under another user name. Stop the Api and the
# Worker first when restoring over the database they use.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/postgres.sh
. "$root/scripts/lib/postgres.sh"

usage() { echo "usage: scripts/restore.sh FILE [--database NAME] [--force]" >&2; exit 2; }
file="" database="" force=false
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage_text "$0"; exit 0 ;;
    --database) [ $# -ge 2 ] || usage; database=$2; shift 2 ;;
    --force) force=true; shift ;;
    -*) usage ;;
    *) [ -z "$file" ] || usage; file=$1; shift ;;
  esac
done
[ -n "$file" ] || usage
[ -r "$file" ] || { echo "cannot read $file" >&2; exit 2; }

load_connection "$root"
database=${database:-$PGDATABASE}
valid_database_name "$database" || { echo "database name '$database': letters, digits and _ only" >&2; exit 2; }

# Checked before anything is touched: a file that is not a custom-format dump fails here, not after a drop.
"$pg_bin/pg_restore" --list "$file" >/dev/null

# Creating and dropping a database happens from another one; 'postgres' exists on every server.
admin_sql() { "$pg_bin/psql" --no-psqlrc --quiet --tuples-only --no-align -v ON_ERROR_STOP=1 --dbname=postgres -c "$1"; }

exists=$(admin_sql "select 1 from pg_database where datname = '$database'")
if [ "$exists" = 1 ]; then
  tables=$("$pg_bin/psql" --no-psqlrc --quiet --tuples-only --no-align -v ON_ERROR_STOP=1 --dbname="$database" -c \
    "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'")
  if [ "$tables" != 0 ] && [ "$force" != true ]; then
    echo "database $database exists and holds $tables tables: restore into another one (--database NAME), or --force to replace it" >&2
    exit 1
  fi
fi

# Restored under a temporary name and renamed once complete, so a failed restore leaves any existing database as
# it was.
work="${database:0:40}_restoring_$$"
admin_sql "create database \"$work\" template template0 encoding 'UTF8'"
if ! "$pg_bin/pg_restore" --dbname="$work" --no-owner --no-privileges --single-transaction --exit-on-error "$file"; then
  admin_sql "drop database \"$work\""
  echo "restore failed; nothing was changed" >&2
  exit 1
fi
"$pg_bin/psql" --no-psqlrc --quiet -v ON_ERROR_STOP=1 --dbname="$work" -c "analyze" >/dev/null
if [ "$exists" = 1 ]; then
  [ "$tables" = 0 ] || echo "replacing database $database (--force)" >&2
  admin_sql "drop database \"$database\" with (force)"
fi
admin_sql "alter database \"$work\" rename to \"$database\""
echo "restored $file into database $database" >&2
