"""Shared fixtures: app (fresh DB per test), client, auth, session, live server, browser page."""

from __future__ import annotations

import os
import shutil
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from webapp import create_app
from webapp.config import TestConfig, normalise_database_url
from webapp.extensions import db

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).parent / "e2e" / "screenshots"


def _test_database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    return normalise_database_url(url) if url else "sqlite://"


def pytest_sessionstart(session: pytest.Session) -> None:
    """Guard: never run tests against the instance folder's database."""
    url = _test_database_url()
    if "instance" in url.split("?")[0]:
        pytest.exit(
            f"Refusing to run tests against {url!r}: it points into instance/.", returncode=2
        )


def _base_config() -> dict[str, Any]:
    return {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}


@pytest.fixture(scope="session")
def _pg_schema() -> Iterator[str | None]:
    """On PostgreSQL: one private schema per test process, tables created once (fast, isolated)."""
    url = _test_database_url()
    if not url.startswith("postgresql"):
        yield None
        return
    import webapp.models  # noqa: F401  (every table in the metadata)

    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin_engine = create_engine(url)
    with admin_engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = create_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    db.metadata.create_all(engine)
    engine.dispose()
    yield schema
    with admin_engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin_engine.dispose()


@pytest.fixture
def app(_pg_schema: str | None) -> Iterator[Flask]:
    """A per-test app with an empty database: in-memory SQLite, or PostgreSQL when
    ``DATABASE_URL`` is set (a per-process schema, emptied after each test)."""
    from webapp.services.practice import clear_generation_cache

    clear_generation_cache()  # per-process caches keyed by row ids of another test's database
    config = _base_config()
    if _pg_schema:
        config["SQLALCHEMY_DATABASE_URI"] = _test_database_url()
        config["SQLALCHEMY_ENGINE_OPTIONS"] = {
            "connect_args": {"options": f"-csearch_path={_pg_schema}"}
        }
    else:
        config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
    application = create_app(config)
    if not _pg_schema:
        with application.app_context():
            db.create_all()
    yield application
    with application.app_context():
        db.session.remove()
        if _pg_schema:
            # DELETE (children first) is much faster than TRUNCATE for a few rows per test.
            with db.engine.begin() as conn:
                for table in reversed(db.metadata.sorted_tables):
                    conn.execute(table.delete())
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> Any:
    return app.test_cli_runner()


@pytest.fixture
def session(app: Flask) -> Iterator[Session]:
    """``db.session`` inside a pushed app context (services and integration tests).

    Do not mix with ``client`` requests in one test: requests would share this context.
    Web tests set data up in ``with app.app_context():`` blocks instead.
    """
    with app.app_context():
        yield db.session


class AuthActions:
    """Log a test client in or out (flaskr's AuthActions)."""

    def __init__(self, app: Flask, client: FlaskClient) -> None:
        self._app = app
        self._client = client

    def login(self, username: str, password: str) -> Any:
        """Log in through the real form (slow: argon2)."""
        return self._client.post("/logg-inn", data={"username": username, "password": password})

    def login_as(self, user_id: int) -> None:
        """Log in without the form, by writing the Flask-Login session (fast)."""
        from flask_login.utils import _create_identifier

        from webapp.models import User

        with self._app.app_context():
            user = db.session.get(User, user_id)
            assert user is not None
            session_id = user.get_id()
        with self._app.test_request_context(environ_base=self._client.environ_base):
            ident = _create_identifier()
        with self._client.session_transaction() as sess:
            sess["_user_id"] = session_id
            sess["_fresh"] = True
            sess["_id"] = ident

    def logout(self) -> None:
        with self._client.session_transaction() as sess:
            sess.clear()


@pytest.fixture
def auth(app: Flask, client: FlaskClient) -> AuthActions:
    return AuthActions(app, client)


@dataclass
class LiveServer:
    url: str
    app: Flask


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    """The app served by werkzeug in a thread on a free port (tmp SQLite file, CSRF on)."""
    from werkzeug.serving import make_server

    config = _base_config()
    config.update(
        {
            "TESTING": False,
            "WTF_CSRF_ENABLED": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'live.db'}",
            "SERVER_NAME": None,
        }
    )
    application = create_app(config)
    with application.app_context():
        db.create_all()
    server = make_server("127.0.0.1", 0, application, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LiveServer(url=f"http://127.0.0.1:{server.server_port}", app=application)
    server.shutdown()
    thread.join(timeout=5)
    with application.app_context():
        db.engine.dispose()


@pytest.fixture
def page() -> Iterator[Any]:
    """A Playwright page in Debian's chromium with a phone viewport (390×844)."""
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        pytest.skip(
            f"{CHROMIUM} is not installed (apt-get install chromium) — browser tests skipped"
        )
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium"),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nb-NO")
        pg = context.new_page()
        yield pg
        context.close()
        browser.close()
