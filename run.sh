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
if [ ! -f .venv/.installed ] || [ pyproject.toml -nt .venv/.installed ]; then
  .venv/bin/python -m pip install --quiet -e .
  touch .venv/.installed
fi
exec .venv/bin/python -m bot "$@"
