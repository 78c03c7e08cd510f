#!/usr/bin/env bash
# Audit the project's installed Python dependencies for known vulnerabilities (issue 8).
#
# Usage: scripts/audit_dependencies.sh [--service pypi|osv]
#
# Runs pip-audit on the packages installed in the project's virtualenv (.venv, or $VENV): the
# runtime dependencies plus whichever test/bench extras are installed.  The project itself
# (hurtigspor, editable, not on PyPI) is skipped.  Needs network access to the vulnerability
# service (PyPI's JSON API by default, or OSV).  Prints every finding and a one-line summary.
#
# Exit status: 0 = every package audited, no known vulnerability; 1 = vulnerabilities found;
# 2 = pip-audit missing; 3 = packages could not be audited (service unreachable: not a pass).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV:-$ROOT/.venv}"
PYTHON="$VENV/bin/python"
SERVICE="pypi"
if [[ "${1:-}" == "--service" ]]; then
  SERVICE="${2:?--service needs pypi or osv}"
fi

if ! "$PYTHON" -m pip_audit --version >/dev/null 2>&1; then
  echo "pip-audit is not installed in $VENV: pip install -e '.[test]'" >&2
  exit 2
fi

report="$(mktemp)"
trap 'rm -f "$report"' EXIT
start=$(date +%s)
"$PYTHON" -m pip_audit --local --skip-editable --progress-spinner off \
  --vulnerability-service "$SERVICE" --format json --output "$report" 2>/dev/null || true
seconds=$(( $(date +%s) - start ))

"$PYTHON" - "$report" "$seconds" <<'PY'
import json
import sys

path, seconds = sys.argv[1], sys.argv[2]
try:
    data = json.load(open(path, encoding="utf-8"))
except (OSError, ValueError):
    print(f"pip-audit produced no report ({seconds} s)", file=sys.stderr)
    sys.exit(3)
deps = data.get("dependencies", [])
skipped = [d for d in deps if d.get("skip_reason")]
found = [(d["name"], d["version"], v) for d in deps for v in d.get("vulns", [])]
for name, version, vuln in found:
    fixes = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
    print(f"{name} {version}: {vuln['id']} (fixed in {fixes})")
    if vuln.get("description"):
        print(f"    {vuln['description'][:200]}")
print(
    f"pip-audit: {len(deps)} packages, {len(found)} known vulnerabilities, "
    f"{len(skipped)} not audited, {seconds} s"
)
if found:
    sys.exit(1)
if skipped:
    names = ", ".join(sorted(d["name"] for d in skipped)[:10])
    print(f"could not audit {len(skipped)} packages (service unreachable?): {names} ...",
          file=sys.stderr)
    sys.exit(3)
PY
