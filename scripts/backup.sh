#!/usr/bin/env bash
# Backs up everything SkinProgress keeps: the whole PostgreSQL database (its tables, Hangfire's `hangfire` schema,
# and whatever else lives in that database), as one pg_dump file in custom format.
#
#   scripts/backup.sh [FILE]    default FILE: ./skinprogress-<database>-<UTC time>.dump
#
# The connection: ConnectionStrings__Postgres, else libpq's PG* variables, else .data/run/env (./run.sh's database).
# A backup is consistent (one snapshot) and taken while the system runs. Restore it with scripts/restore.sh.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/postgres.sh
. "$root/scripts/lib/postgres.sh"

case "${1:-}" in -h|--help) usage_text "$0"; exit 0 ;; esac
[ $# -le 1 ] || { echo "usage: scripts/backup.sh [FILE]" >&2; exit 2; }

load_connection "$root"
file=${1:-"skinprogress-$PGDATABASE-$(date -u +%Y%m%dT%H%M%SZ).dump"}

# Written beside the target and renamed only once complete and readable, so a file with the backup's name is never
# a partial dump.
partial="$file.partial"
trap 'rm -f "$partial"' EXIT
"$pg_bin/pg_dump" --format=custom --compress=6 --file="$partial" "$PGDATABASE"
"$pg_bin/pg_restore" --list "$partial" >/dev/null
mv "$partial" "$file"
trap - EXIT
echo "backed up database $PGDATABASE to $file ($(du -h "$file" | cut -f1))" >&2
