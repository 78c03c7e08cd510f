"""The exercises package stays pure: no Flask, Werkzeug, SQLAlchemy or webapp imports."""

from __future__ import annotations

import ast
from pathlib import Path

import exercises

FORBIDDEN = {"flask", "flask_sqlalchemy", "werkzeug", "sqlalchemy", "webapp"}


def test_exercises_imports_nothing_from_the_web_layer() -> None:
    root = Path(exercises.__file__).parent
    offenders = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [(path.name, n) for n in names if n.split(".")[0] in FORBIDDEN]
    assert offenders == []
