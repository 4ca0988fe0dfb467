#!/usr/bin/env bash
# Install (once) and run the bot: SQLite by default, settings from .env or the environment.
#   bash run.sh                 # migrate + long polling
#   bash run.sh seed-demo       # any `python -m bot` command
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
fi
# exact versions from constraints.txt (bash scripts/update-constraints.sh refreshes them)
if [ ! -f .venv/.installed ] || [ pyproject.toml -nt .venv/.installed ] \
    || [ constraints.txt -nt .venv/.installed ]; then
  .venv/bin/python -m pip install --quiet -c constraints.txt -e .
  touch .venv/.installed
fi
exec .venv/bin/python -m bot "$@"
