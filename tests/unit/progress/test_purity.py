"""The progress package stays pure: no Flask, Werkzeug, SQLAlchemy or webapp imports."""

from __future__ import annotations

import ast
from pathlib import Path

FORBIDDEN = {"flask", "flask_sqlalchemy", "werkzeug", "sqlalchemy", "webapp", "fsrs"}
PACKAGE = Path(__file__).resolve().parents[3] / "progress"


def test_no_forbidden_imports() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert offenders == []
    assert len(list(PACKAGE.glob("*.py"))) >= 10
