"""``hurtigspor backup`` / ``restore``: back up, wipe, restore, and find every row again (issue 8).

SQLite always (online backup API); PostgreSQL (pg_dump/pg_restore) when ``DATABASE_URL`` is
PostgreSQL and the client tools are installed, in a scratch database the test creates and drops.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import create_engine, delete, select, text
from sqlalchemy.engine import make_url

from tests import factories
from webapp import create_app
from webapp.config import TestConfig, normalise_database_url
from webapp.extensions import db
from webapp.models import BackgroundJob, Organisation, Role
from webapp.services.backup import BackupError, BackupToolMissing, backup_database, restore_database


def _config(url: str) -> dict[str, Any]:
    config = {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
    config["SQLALCHEMY_DATABASE_URI"] = url
    return config


def _fill(app: Flask) -> None:
    with app.app_context():
        org = factories.make_organisation(db.session, name="Læringssenteret på Ås")
        factories.make_user(
            db.session, org, role=Role.TEACHER, display_name="Åse Øverli", with_password=False
        )
        factories.make_participant(db.session, org, full_name="Søren Æsøy", with_password=False)
        employer = factories.make_employer(
            db.session, org, name="Bakeriet på hjørnet", sector="bakeri"
        )
        factories.make_workplace(db.session, employer, name="Bakeriet")
        db.session.add(
            BackgroundJob(
                kind="build_profile",
                payload={"profile_id": 1},
                organisation_id=org.id,
                status="failed",
                error="Dokumentet kunne ikke leses.",
            )
        )
        db.session.commit()
        db.session.remove()


def _snapshot(app: Flask) -> dict[str, list[tuple[str, ...]]]:
    """Every row of every table, as sortable strings."""
    with app.app_context():
        snapshot = {
            table.name: sorted(
                tuple(str(v) for v in row) for row in db.session.execute(select(table))
            )
            for table in db.metadata.sorted_tables
        }
        db.session.remove()
    return snapshot


def _wipe_and_scribble(app: Flask) -> None:
    """Delete every row, then add one the backup never had."""
    with app.app_context():
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(delete(table))
        db.session.add(Organisation(name="Skrevet etter backup", kind="school", allow_pin=False))
        db.session.commit()
        db.session.remove()


def _roundtrip(app: Flask, out: Path) -> None:
    _fill(app)
    before = _snapshot(app)
    assert sum(len(rows) for rows in before.values()) >= 6
    assert any("Søren Æsøy" in value for rows in before.values() for row in rows for value in row)

    runner = app.test_cli_runner()
    result = runner.invoke(args=["backup", str(out)])
    assert result.exit_code == 0, result.output
    assert out.is_file() and out.stat().st_size > 0
    assert "Backup written" in result.output

    _wipe_and_scribble(app)
    assert _snapshot(app) != before

    result = runner.invoke(args=["restore", str(out), "--yes"])
    assert result.exit_code == 0, result.output
    assert _snapshot(app) == before


@pytest.fixture
def sqlite_app(tmp_path: Path) -> Iterator[Flask]:
    app = create_app(_config(f"sqlite:///{tmp_path / 'skole.db'}"))
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_sqlite_backup_wipe_restore_finds_every_row(sqlite_app: Flask, tmp_path: Path) -> None:
    _roundtrip(sqlite_app, tmp_path / "backups" / "skole-2026-11-26.db")


def test_sqlite_backup_is_a_consistent_database_while_the_app_holds_connections(
    sqlite_app: Flask, tmp_path: Path
) -> None:
    _fill(sqlite_app)
    out = tmp_path / "kopi.db"
    with sqlite_app.app_context():
        db.session.execute(select(Organisation)).all()  # an open connection in the pool
        result = backup_database(db.engine.url, out)
    assert (result.engine, result.path) == ("sqlite", out)
    copy = create_engine(f"sqlite:///{out}")
    with copy.connect() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        names = sorted(conn.execute(text("SELECT name FROM organisations")).scalars())
    copy.dispose()
    assert names == ["Læringssenteret på Ås"]
    assert not (tmp_path / "kopi.db.partial").exists()


def test_restore_refuses_a_file_that_is_not_a_database(sqlite_app: Flask, tmp_path: Path) -> None:
    _fill(sqlite_app)
    junk = tmp_path / "ikke-en-database.db"
    junk.write_bytes(b"dette er ikke en SQLite-fil " * 100)
    result = sqlite_app.test_cli_runner().invoke(args=["restore", str(junk), "--yes"])
    assert result.exit_code != 0
    assert (
        "not an intact SQLite database" in result.output
        or "file is not a database" in result.output
    )
    assert _snapshot(sqlite_app)["organisations"]  # nothing was touched


def test_in_memory_database_cannot_be_backed_up(tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="in-memory"):
        backup_database("sqlite://", tmp_path / "x.db")


def test_missing_pg_dump_is_named(tmp_path: Path) -> None:
    with pytest.raises(BackupToolMissing, match="pg_dump-finnes-ikke was not found"):
        backup_database(
            "postgresql+psycopg://u@127.0.0.1/db",
            tmp_path / "x.dump",
            pg_dump="pg_dump-finnes-ikke",
        )
    with pytest.raises(BackupToolMissing, match="pg_restore-finnes-ikke"):
        source = tmp_path / "x.dump"
        source.write_bytes(b"PGDMP")
        restore_database(
            "postgresql+psycopg://u@127.0.0.1/db", source, pg_restore="pg_restore-finnes-ikke"
        )


def test_backup_command_fails_clearly_without_pg_dump(tmp_path: Path) -> None:
    app = create_app(_config("postgresql+psycopg://nobody@127.0.0.1:5432/finnes_ikke"))
    result = app.test_cli_runner().invoke(
        args=["backup", str(tmp_path / "x.dump"), "--pg-dump", "pg_dump-mangler"]
    )
    assert result.exit_code != 0
    assert "pg_dump-mangler was not found on PATH" in result.output


@pytest.fixture(scope="module")
def postgres_database() -> Iterator[str]:
    """A scratch database for this module (CREATE/DROP DATABASE checkpoint; once is enough)."""
    url = os.environ.get("DATABASE_URL")
    if not url or not normalise_database_url(url).startswith("postgresql"):
        pytest.skip("DATABASE_URL is not PostgreSQL; the pg_dump/pg_restore round trip is skipped")
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump/pg_restore are not installed (apt-get install postgresql-client)")
    url = normalise_database_url(url)
    name = f"hurtigspor_backup_test_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def postgres_app(postgres_database: str) -> Iterator[Flask]:
    """An app on the scratch database with a freshly created, empty schema."""
    app = create_app(_config(postgres_database))
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.mark.postgres
def test_postgresql_backup_wipe_restore_finds_every_row(
    postgres_app: Flask, tmp_path: Path
) -> None:
    _roundtrip(postgres_app, tmp_path / "hurtigspor.dump")
    assert (tmp_path / "hurtigspor.dump").read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format


@pytest.mark.postgres
def test_postgresql_restore_after_tables_were_dropped(postgres_app: Flask, tmp_path: Path) -> None:
    _fill(postgres_app)
    before = _snapshot(postgres_app)
    out = tmp_path / "full.dump"
    with postgres_app.app_context():
        backup_database(db.engine.url, out)
        db.drop_all()
        db.session.remove()
        db.engine.dispose()
        restore_database(db.engine.url, out)
    assert _snapshot(postgres_app) == before
