"""``/healthz`` (database and queue status, 200/503, no secrets) and the structured request log."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from webapp import create_app
from webapp.config import TestConfig
from webapp.extensions import db
from webapp.jobs import get_runner
from webapp.ops.logs import JsonFormatter


def _config(**overrides: object) -> dict[str, object]:
    config = {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
    config.update(overrides)
    return config


def test_healthy(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.is_json
    body = response.get_json()
    assert body["status"] == "ok"
    assert body["database"]["status"] == "ok"
    assert body["queue"] == {
        "backend": "sync",
        "status": "ok",
        "queued": 0,
        "running": 0,
        "failed": 0,
    }
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers


def test_database_down_is_503_without_secrets(tmp_path: Path) -> None:
    missing = tmp_path / "finnes-ikke" / "hurtigspor.db"
    app = create_app(
        _config(SQLALCHEMY_DATABASE_URI=f"sqlite:///{missing}", SECRET_KEY="hemmelig-nøkkel-123")
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "degraded"
    assert body["database"] == {"status": "error", "error": "OperationalError"}
    assert body["queue"]["status"] == "ok"  # the in-process queue needs no database to answer
    text = response.get_data(as_text=True)
    assert "finnes-ikke" not in text and "hemmelig" not in text


def test_redis_unreachable_is_503_without_the_url(app: Flask) -> None:
    url = "redis://:passord-som-ikke-vises@127.0.0.1:1/0"
    broken = create_app(
        _config(
            SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
            SQLALCHEMY_ENGINE_OPTIONS=app.config["SQLALCHEMY_ENGINE_OPTIONS"],
            REDIS_URL=url,
        )
    )
    with broken.app_context():
        db.create_all()
    response = broken.test_client().get("/healthz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "degraded"
    assert body["database"]["status"] == "ok"
    assert body["queue"]["backend"] == "rq"
    assert body["queue"]["status"] == "error"
    assert "passord" not in response.get_data(as_text=True)
    with broken.app_context():
        db.session.remove()
        db.engine.dispose()


def test_redis_reachable_reports_queue_length(app: Flask) -> None:
    from redis import Redis
    from redis.exceptions import RedisError

    url = os.environ.get("HURTIGSPOR_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        Redis.from_url(url, socket_connect_timeout=1).ping()
    except RedisError as e:
        pytest.skip(f"Redis at {url} is not reachable ({type(e).__name__})")
    with_redis = create_app(
        _config(
            SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
            SQLALCHEMY_ENGINE_OPTIONS=app.config["SQLALCHEMY_ENGINE_OPTIONS"],
            REDIS_URL=url,
            JOBS_QUEUE="hurtigspor-health-test",
        )
    )
    with with_redis.app_context():
        db.create_all()
    response = with_redis.test_client().get("/healthz")
    assert response.status_code == 200, response.get_json()
    queue = response.get_json()["queue"]
    assert (queue["backend"], queue["status"], queue["redis"]) == ("rq", "ok", "ok")
    assert queue["queue_length"] == 0
    assert isinstance(queue["workers"], int)
    get_runner(with_redis).shutdown()
    with with_redis.app_context():
        db.session.remove()
        db.engine.dispose()


def test_one_log_line_per_request_without_personal_data(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="hurtigspor.request"):
        client.get(
            "/logg-inn?neste=/deltakere&navn=Kari+Nordmann", headers={"X-Request-ID": "abc123"}
        )
        client.get("/finnes/ikke")
        client.get("/healthz")
    records = [r for r in caplog.records if r.name == "hurtigspor.request"]
    assert len(records) == 3
    login, missing, health = records
    assert (login.method, login.path, login.status, login.request_id) == (
        "GET",
        "/logg-inn",
        200,
        "abc123",
    )  # type: ignore[attr-defined]
    assert isinstance(login.duration_ms, float) and login.duration_ms >= 0  # type: ignore[attr-defined]
    assert login.levelno == logging.INFO
    assert (missing.path, missing.status) == ("/finnes/ikke", 404)  # type: ignore[attr-defined]
    assert health.levelno == logging.DEBUG  # load balancers poll it; kept out of INFO logs
    line = JsonFormatter().format(login)
    data = json.loads(line)
    assert {
        "ts",
        "level",
        "logger",
        "msg",
        "method",
        "path",
        "status",
        "duration_ms",
    } <= data.keys()
    assert "Nordmann" not in line and "neste" not in line and "127.0.0.1" not in line


def test_invite_codes_in_urls_stay_out_of_the_log(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="hurtigspor.request"):
        client.get("/invitasjon/HEMMELIGKODE123")
    records = [r for r in caplog.records if r.name == "hurtigspor.request"]
    assert [r.path for r in records] == ["/invitasjon/<code>"]  # type: ignore[attr-defined]
    assert all("HEMMELIGKODE123" not in JsonFormatter().format(r) for r in records)


def test_log_level_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HURTIGSPOR_LOG_LEVEL", "WARNING")
    create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "TESTING": True})
    assert logging.getLogger("hurtigspor").level == logging.WARNING
    monkeypatch.setenv("HURTIGSPOR_LOG_LEVEL", "INFO")
    create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "TESTING": True})
    assert logging.getLogger("hurtigspor").level == logging.INFO
    monkeypatch.setenv("HURTIGSPOR_LOG_LEVEL", "CHATTY")
    with pytest.raises(ValueError, match="HURTIGSPOR_LOG_LEVEL"):
        create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "TESTING": True})
