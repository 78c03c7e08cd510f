"""Faults that CI can provoke: replayed answer batches, a dropped database connection, a locked
SQLite file, two devices answering at once (issue 8).  Worker kills need the full stack: see
``docs/SECURITY.md``.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import create_engine, func, select, text

from tests import factories
from tests.conftest import AuthActions, _base_config
from tests.web.helpers import in_db, query
from webapp import create_app
from webapp.config import DefaultConfig
from webapp.extensions import db
from webapp.models import Answer, CardState, Role

#: The Norwegian 503 page of ``webapp/errors.py:database_unavailable``.
ERROR_TEXTS = ("Systemet er opptatt akkurat nå", "Prøv igjen om litt")


def _practice_world(app: Flask) -> int:
    from webapp.services import practice as svc
    from webapp.services.classes import enrol

    def build(s: Any) -> int:
        org = factories.make_organisation(s, name="Oslo VO")
        person = factories.make_participant(s, org, first_language="arabisk")
        kull = factories.make_class(s, org)
        enrol(s, kull, person, joined_on=dt.date(2026, 8, 17))
        employer = factories.make_employer(s, org, name="Nordlager AS")
        factories.make_placement(s, person, employer)
        factories.make_published_profile(s, employer)
        return person.user_id

    svc.clear_generation_cache()
    return in_db(app, build)


def _card_snapshot(app: Flask) -> list[tuple[Any, ...]]:
    def read(s: Any) -> list[tuple[Any, ...]]:
        rows = s.scalars(select(CardState).order_by(CardState.id))
        return [(c.item_key, c.reps, c.lapses, c.due, c.lock_version, repr(c.state)) for c in rows]

    return query(app, read)


def test_answer_batch_replayed_ten_times_is_stored_once(app: Flask) -> None:
    try:
        from webapp.services import practice  # noqa: F401
    except ImportError:  # pragma: no cover - the practice API predates this test
        pytest.skip("webapp.services.practice (the practice API) does not exist yet")
    user_id = _practice_world(app)
    client = app.test_client()
    AuthActions(app, client).login_as(user_id)
    items = client.get("/api/v1/session").get_json()["items"]
    assert len(items) >= 3
    start = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=30)
    batch = [
        {
            "client_id": str(uuid.uuid4()),
            "item_id": item["id"],
            "response": "kan_det" if item["type"] == "flashcard" else "feil svar",
            "answered_at": (start + dt.timedelta(seconds=20 * n)).isoformat(),
            "duration_ms": 4000,
        }
        for n, item in enumerate(items[:5])
    ]
    first = client.post("/api/v1/answers", json={"answers": batch})
    assert first.status_code == 200
    assert [r["status"] for r in first.get_json()["results"]] == ["stored"] * len(batch)
    after_first = _card_snapshot(app)
    for _ in range(10):
        # The phone was offline: it replays the whole batch, sometimes with a copy inside.
        again = client.post("/api/v1/answers", json={"answers": batch + batch[:1]})
        assert again.status_code == 200
        assert all(r["duplicate"] for r in again.get_json()["results"])
    assert query(app, lambda s: s.scalar(select(func.count(Answer.id)))) == len(batch)
    assert _card_snapshot(app) == after_first  # scheduling applied once, not eleven times


def _is_postgres(app: Flask) -> bool:
    return str(app.config["SQLALCHEMY_DATABASE_URI"]).startswith("postgresql")


def _teacher(app: Flask) -> int:
    return in_db(
        app,
        lambda s: factories.make_user(s, factories.make_organisation(s), role=Role.TEACHER).id,
    )


def _open(client: Any, method: str, url: str, **kwargs: Any) -> tuple[Any, float]:
    """Send a request; return (response or the exception that escaped the app, seconds)."""
    from sqlalchemy.exc import SQLAlchemyError

    started = time.monotonic()
    try:
        response: Any = client.open(url, method=method, **kwargs)
    except SQLAlchemyError as e:
        response = e
    return response, time.monotonic() - started


def _assert_clear_page(response: Any) -> None:
    assert not isinstance(response, Exception), f"escaped the app: {response!r}"[:300]
    body = response.get_data(as_text=True)
    assert response.status_code == 503
    assert all(t in body for t in ERROR_TEXTS), body[:300]


class _PgFault:
    """An app on the test schema whose connections can be terminated (tagged by name)."""

    def __init__(self, app: Flask, *, pre_ping: bool) -> None:
        self.tag = f"hurtigspor-fault-{uuid.uuid4().hex[:8]}"
        options = dict(app.config["SQLALCHEMY_ENGINE_OPTIONS"])
        connect_args = dict(options.get("connect_args", {}), application_name=self.tag)
        config = _base_config()
        config.update(
            SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
            PROPAGATE_EXCEPTIONS=False,
            # The production option pool_pre_ping plus the test schema; tagged so only these
            # connections are terminated (other people use the same server).
            SQLALCHEMY_ENGINE_OPTIONS={
                **options,
                "pool_pre_ping": pre_ping,
                "connect_args": connect_args,
            },
        )
        self.app = create_app(config)
        self.client = self.app.test_client()
        AuthActions(self.app, self.client).login_as(_teacher(app))
        self.url = app.config["SQLALCHEMY_DATABASE_URI"]

    def terminate(self) -> int:
        killer = create_engine(self.url)
        try:
            with killer.begin() as conn:
                return int(
                    conn.execute(
                        text(
                            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                            "WHERE application_name = :tag"
                        ),
                        {"tag": self.tag},
                    ).scalar()
                    or 0
                )
        finally:
            killer.dispose()

    def close(self) -> None:
        with self.app.app_context():
            db.engine.dispose()


def _pg_fault(app: Flask, *, pre_ping: bool) -> _PgFault:
    if not _is_postgres(app):
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgresql+psycopg://...")
    return _PgFault(app, pre_ping=pre_ping)


@pytest.mark.postgres
@pytest.mark.parametrize("pre_ping", [True, False], ids=["pool_pre_ping", "no_pre_ping"])
def test_dropped_database_connection_recovers_by_itself(app: Flask, pre_ping: bool) -> None:
    assert DefaultConfig.SQLALCHEMY_ENGINE_OPTIONS.get("pool_pre_ping") is True
    fault = _pg_fault(app, pre_ping=pre_ping)
    try:
        assert fault.client.get("/klasser/").status_code == 200
        assert fault.terminate() >= 1
        first, _s = _open(fault.client, "GET", "/klasser/")
        if pre_ping:  # the production setting: the dead connection is noticed and replaced
            assert not isinstance(first, Exception) and first.status_code == 200
        assert fault.client.get("/klasser/").status_code == 200  # recovered by itself
    finally:
        fault.close()


@pytest.mark.postgres
def test_dropped_connection_without_pre_ping_shows_a_clear_page(app: Flask) -> None:
    fault = _pg_fault(app, pre_ping=False)
    try:
        assert fault.client.get("/klasser/").status_code == 200
        assert fault.terminate() >= 1
        first, _s = _open(fault.client, "GET", "/klasser/")
        _assert_clear_page(first)
    finally:
        fault.close()


class _LockedSqlite:
    """A file SQLite app, and a second connection that can hold an exclusive lock on it."""

    def __init__(self, path: Path) -> None:
        config = _base_config()
        # Like production: an unexpected error becomes the error page, it is not re-raised.
        # pysqlite's default busy timeout (5 s) is what the app uses; 1 s keeps the test short.
        config.update(
            SQLALCHEMY_DATABASE_URI=f"sqlite:///{path}",
            PROPAGATE_EXCEPTIONS=False,
            SQLALCHEMY_ENGINE_OPTIONS={"connect_args": {"timeout": 1}},
        )
        self.app = create_app(config)
        with self.app.app_context():
            db.create_all()
        self.client = self.app.test_client()
        AuthActions(self.app, self.client).login_as(_teacher(self.app))
        self.holder = sqlite3.connect(os.fspath(path), isolation_level=None)

    def lock(self) -> None:
        self.holder.execute("BEGIN EXCLUSIVE")  # e.g. a stuck writer or a file-level copy

    def unlock(self) -> None:
        self.holder.execute("ROLLBACK")

    def close(self) -> None:
        self.holder.close()
        with self.app.app_context():
            db.engine.dispose()


NEW_CLASS = {"name": "Kull høst", "start_date": "2026-08-17"}


def test_locked_sqlite_database_gives_a_clear_page_not_a_hang(tmp_path: Path) -> None:
    box = _LockedSqlite(tmp_path / "laast.db")
    try:
        assert box.client.get("/klasser/").status_code == 200
        box.lock()
        try:
            response, elapsed = _open(box.client, "POST", "/klasser/ny", data=NEW_CLASS)
        finally:
            box.unlock()
        assert elapsed < 30, f"waited {elapsed:.0f} s"
        _assert_clear_page(response)  # a Norwegian 503 page, not a hang or a bare 500
        assert box.client.get("/klasser/").status_code == 200  # works once the lock is gone
    finally:
        box.close()


def test_two_devices_answering_the_same_item_at_once(app: Flask) -> None:
    """Both answers are stored and the card's state counts both (no lost update)."""
    if not _is_postgres(app):
        pytest.skip("needs PostgreSQL for real concurrent connections (DATABASE_URL)")
    import threading

    user_id = _practice_world(app)
    phone, laptop = app.test_client(), app.test_client()
    for device in (phone, laptop):
        AuthActions(app, device).login_as(user_id)
    items = phone.get("/api/v1/session").get_json()["items"][:4]
    assert items
    now = dt.datetime.now(dt.UTC)
    results: dict[str, Any] = {}

    def answer(name: str, device: Any, barrier: threading.Barrier) -> None:
        batch = [
            {
                "client_id": f"{name}-{uuid.uuid4()}",
                "item_id": item["id"],
                "response": "kan_det" if item["type"] == "flashcard" else "feil svar",
                "answered_at": (now - dt.timedelta(seconds=5 * n)).isoformat(),
                "duration_ms": 3000,
            }
            for n, item in enumerate(items)
        ]
        barrier.wait()
        results[name] = device.post("/api/v1/answers", json={"answers": batch})

    barrier = threading.Barrier(2)
    threads = [
        threading.Thread(target=answer, args=(name, device, barrier))
        for name, device in (("telefon", phone), ("pc", laptop))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert {name: r.status_code for name, r in results.items()} == {"telefon": 200, "pc": 200}
    for response in results.values():
        assert {r["status"] for r in response.get_json()["results"]} == {"stored"}
    assert query(app, lambda s: s.scalar(select(func.count(Answer.id)))) == 2 * len(items)
    reps = query(
        app,
        lambda s: {
            c.item_key: c.reps for c in s.scalars(select(CardState)) if c.reps or c.last_review_at
        },
    )
    assert len(reps) == len(items) and set(reps.values()) == {2}, reps
