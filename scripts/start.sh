#!/usr/bin/env bash
# Install what is needed and start Hurtigspor with demo data on SQLite (http://127.0.0.1:5000).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e . 
.venv/bin/hurtigspor db upgrade
.venv/bin/hurtigspor seed-demo --if-empty
exec .venv/bin/hurtigspor serve --host "${HOST:-127.0.0.1}" --port "${PORT:-5000}"
