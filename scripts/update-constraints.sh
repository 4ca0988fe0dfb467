#!/usr/bin/env bash
# Re-resolve the dependencies and rewrite constraints.txt with exact pins.
#   bash scripts/update-constraints.sh        # newest versions pyproject.toml allows
# Installs the project and its test extra into a throwaway virtualenv *without* the old
# constraints, freezes what pip resolved, and writes it to constraints.txt. Review the diff,
# run `bash test.sh` (and the PostgreSQL suite), commit pyproject.toml and constraints.txt
# together. To move a single package instead, edit its line in constraints.txt by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install --quiet --upgrade pip
"$tmp/venv/bin/python" -m pip install --quiet -e ".[test]"
{
  echo "# Exact versions of every dependency of «Маршрут» and its test extra, as resolved by pip."
  echo "# Used by run.sh, test.sh and the Dockerfile (pip install -c constraints.txt ...)."
  echo "# Regenerate with: bash scripts/update-constraints.sh (Python $("$tmp/venv/bin/python" -c 'import platform; print(platform.python_version())'))"
  "$tmp/venv/bin/python" -m pip freeze --exclude-editable --all \
    | grep -viE '^(pip|setuptools|wheel)==' | LC_ALL=C sort -f
} > constraints.txt
echo "constraints.txt: $(grep -vc '^#' constraints.txt) pins"
