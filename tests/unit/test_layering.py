"""The pure packages never import the web or database stack (STYLE.md C2.6)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PURE_PACKAGES = ("language_profiles", "exercises", "interviews", "progress")
FORBIDDEN = (
    "flask",
    "werkzeug",
    "sqlalchemy",
    "flask_sqlalchemy",
    "flask_login",
    "flask_wtf",
    "webapp",
)


def forbidden_imports(source: str) -> list[str]:
    """Top-level module names imported by ``source`` that are forbidden."""
    found = []
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        found += [n for n in names if n.split(".")[0] in FORBIDDEN]
    return found


@pytest.mark.parametrize("package", PURE_PACKAGES)
def test_pure_package_has_no_web_or_db_imports(package: str) -> None:
    offenders = []
    for path in sorted((ROOT / package).rglob("*.py")):
        if "model" in path.relative_to(ROOT / package).parts[:1]:
            continue  # shipped spaCy model files are data, not our code
        for name in forbidden_imports(path.read_text(encoding="utf-8")):
            offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_checker_detects_forbidden_imports() -> None:
    source = "import flask\nfrom sqlalchemy.orm import Session\n"
    source += "from webapp.models import User\nimport os\n"
    assert forbidden_imports(source) == ["flask", "sqlalchemy.orm", "webapp.models"]


def test_services_do_not_import_flask() -> None:
    offenders = []
    for path in sorted((ROOT / "webapp" / "services").rglob("*.py")):
        for name in forbidden_imports(path.read_text(encoding="utf-8")):
            if name.split(".")[0] in (
                "flask",
                "werkzeug",
                "flask_sqlalchemy",
                "flask_login",
                "flask_wtf",
            ):
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []
