#!/usr/bin/env bash
# Install (once) and run the whole test suite: SQLite always, PostgreSQL too when
# TEST_DATABASE_URL is set (e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/test).
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
fi
# exact versions from constraints.txt (bash scripts/update-constraints.sh refreshes them)
.venv/bin/python -m pip install --quiet -c constraints.txt -e ".[test]"
# on every core (pytest-xdist), a test file per worker; TEST_WORKERS=0 runs in this process
exec .venv/bin/python -m pytest -n "${TEST_WORKERS:-auto}" --dist loadfile "$@"
