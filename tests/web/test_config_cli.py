"""App factory configuration layers and the command line."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from tests.web.helpers import query
from webapp import InsecureConfigError, create_app
from webapp.cli import main
from webapp.config import DEV_SECRET_KEY, normalise_database_url
from webapp.models import Organisation, Participant, User


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgres://u@h:5432/db", "postgresql+psycopg://u@h:5432/db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:////tmp/x.db", "sqlite:////tmp/x.db"),
    ],
)
def test_normalise_database_url(url: str, expected: str) -> None:
    assert normalise_database_url(url) == expected


def test_env_prefix_and_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HURTIGSPOR_INVITE_VALID_DAYS", "7")
    monkeypatch.setenv("HURTIGSPOR_LOGIN_MAX_FAILURES", "9")
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "LOGIN_MAX_FAILURES": 3})
    assert app.config["INVITE_VALID_DAYS"] == 7  # from the environment (JSON-parsed)
    assert app.config["LOGIN_MAX_FAILURES"] == 3  # overrides win


def test_database_url_env_selects_database(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://someone@db.example:5432/hurtigspor")
    app = create_app()
    assert (
        app.config["SQLALCHEMY_DATABASE_URI"]
        == "postgresql+psycopg://someone@db.example:5432/hurtigspor"
    )


def test_default_database_is_sqlite_in_instance_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite:///" + str(
        Path(app.instance_path) / "hurtigspor.db"
    )


def test_production_refuses_dev_secret() -> None:
    with pytest.raises(InsecureConfigError):
        create_app(
            {
                "ENV_NAME": "production",
                "SECRET_KEY": DEV_SECRET_KEY,
                "SQLALCHEMY_DATABASE_URI": "sqlite://",
            }
        )
    app = create_app(
        {
            "ENV_NAME": "production",
            "SECRET_KEY": "a-long-random-value",
            "SQLALCHEMY_DATABASE_URI": "sqlite://",
        }
    )
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_seed_demo_command(app: Flask) -> None:
    runner = app.test_cli_runner()
    result = runner.invoke(args=["seed-demo", "--if-empty"])
    assert result.exit_code == 0, result.output
    assert "12 participants" in result.output
    again = runner.invoke(args=["seed-demo", "--if-empty"])
    assert again.exit_code == 0 and "already has data" in again.output
    refused = runner.invoke(args=["seed-demo"])
    assert refused.exit_code != 0
    assert query(app, lambda s: s.scalar(select(func.count()).select_from(Participant))) == 12


def test_create_admin_command(app: Flask) -> None:
    result = app.test_cli_runner().invoke(
        args=[
            "create-admin",
            "--organisation",
            "NAV Alna",
            "--name",
            "Kari Nordmann",
            "--username",
            "Kari",
            "--password",
            "sikkert-passord",
        ]
    )
    assert result.exit_code == 0, result.output
    user = query(app, lambda s: s.scalar(select(User).where(User.username == "kari")))
    assert user.role == "admin"
    assert query(app, lambda s: s.scalar(select(Organisation.name))) == "NAV Alna"


def test_create_admin_refuses_short_password(app: Flask) -> None:
    result = app.test_cli_runner().invoke(
        args=[
            "create-admin",
            "--organisation",
            "X",
            "--name",
            "Y",
            "--username",
            "y",
            "--password",
            "kort",
        ]
    )
    assert result.exit_code != 0


def test_serve_and_db_commands_exist(app: Flask) -> None:
    assert {"seed-demo", "create-admin", "serve"} <= set(app.cli.commands)
    assert callable(main)


def test_console_script_points_at_main() -> None:
    try:
        scripts = importlib.metadata.entry_points(group="console_scripts")
    except Exception:  # pragma: no cover
        pytest.skip("entry points unavailable")
    ours = [ep for ep in scripts if ep.name == "hurtigspor"]
    if not ours:
        pytest.skip("hurtigspor is not installed in this environment (pip install -e .)")
    assert ours[0].load() is main
