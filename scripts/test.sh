#!/usr/bin/env bash
# Install what is needed and run the test suite (SQLite by default; set DATABASE_URL for PostgreSQL).
# Extra arguments go to pytest, e.g. `bash scripts/test.sh tests/unit -x`.
# Tests run on all cores (pytest-xdist); PYTEST_WORKERS=0 runs them in one process.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e ".[test]"
exec .venv/bin/python -m pytest -n "${PYTEST_WORKERS:-auto}" "$@"
