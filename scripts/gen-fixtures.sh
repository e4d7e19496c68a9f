#!/usr/bin/env bash
# Regenerates the reference fixtures under test/fixtures/ with Debian's scipy, scikit-learn and pandas.
# Tests read the committed JSON and need no Python; run this only when a generator changes.
#   apt-get install -y python3-scipy python3-sklearn python3-pandas && npm run fixtures
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3   # Debian's interpreter: a pyenv python on PATH has no scipy
for gen in scripts/fixtures/gen_*.py; do
  echo "fixtures: $gen"
  "$PY" "$gen"
done
