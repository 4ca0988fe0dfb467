#!/usr/bin/env bash
# A dated backup for cron, keeping the newest KEEP (default 14) in DIR (default backups/).
#   bash scripts/backup.sh [DIR] [KEEP]             # this checkout's .env: python -m bot backup
#   bash scripts/backup.sh --compose [DIR] [KEEP]   # the compose deployment: pg_dump -Fc in
#                                                   # the db container (its pg_dump matches
#                                                   # the server)
# Restore: `bash run.sh restore FILE [--force]`, or for compose see README, "Backups".
set -euo pipefail
cd "$(dirname "$0")/.."
compose=0
if [ "${1:-}" = "--compose" ]; then compose=1; shift; fi
dir="${1:-backups}"
keep="${2:-14}"
mkdir -p "$dir"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
if [ "$compose" = 1 ]; then
  file="$dir/marshrut-$stamp.dump"
  # shellcheck disable=SC2016  # expanded inside the container
  docker compose exec -T db sh -c 'pg_dump -Fc -U "$POSTGRES_USER" "$POSTGRES_DB"' > "$file.part"
  mv "$file.part" "$file"
  echo "Backup written to $file"
else
  file="$dir/marshrut-$stamp.backup"
  bash run.sh backup "$file"
fi
# keep the newest $keep backups
ls -1t "$dir"/marshrut-*.dump "$dir"/marshrut-*.backup 2>/dev/null | tail -n +"$((keep + 1))" \
  | while read -r old; do rm -f -- "$old"; done
