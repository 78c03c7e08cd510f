"""``/healthz``: database and job-queue status as JSON, for load balancers and monitoring."""

from __future__ import annotations

import logging
import time
from typing import Any, cast

from flask import Blueprint, Flask, jsonify
from flask.blueprints import BlueprintSetupState
from flask.typing import ResponseReturnValue
from sqlalchemy import text

from webapp.access import public
from webapp.extensions import db

bp = Blueprint("ops", __name__)
logger = logging.getLogger("hurtigspor.health")


def _setup(state: BlueprintSetupState) -> None:
    from webapp.jobs.runners import init_app as init_jobs
    from webapp.ops.logs import configure_logging, install_request_log

    app = cast(Flask, state.app)
    configure_logging(app)
    install_request_log(app)
    init_jobs(app)


bp.record_once(_setup)


def _database() -> dict[str, Any]:
    start = time.perf_counter()
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as e:
        db.session.rollback()
        logger.warning("health: database check failed: %s", type(e).__name__)
        return {"status": "error", "error": type(e).__name__}
    return {"status": "ok", "latency_ms": round((time.perf_counter() - start) * 1000, 1)}


def _queue(database_ok: bool) -> dict[str, Any]:
    from webapp.jobs.runners import get_runner

    runner = get_runner()
    try:
        status: dict[str, Any] = runner.status(db.session() if database_ok else None)
        return status
    except Exception as e:
        db.session.rollback()
        logger.warning("health: queue check failed: %s", type(e).__name__)
        return {"backend": runner.name, "status": "error", "error": type(e).__name__}


@bp.get("/healthz")
@public
def healthz() -> ResponseReturnValue:
    """200 with ``status: ok`` when the database (and Redis, if configured) answer; else 503."""
    database = _database()
    queue = _queue(database["status"] == "ok")
    healthy = database["status"] == "ok" and queue["status"] == "ok"
    response = jsonify(
        {"status": "ok" if healthy else "degraded", "database": database, "queue": queue}
    )
    response.status_code = 200 if healthy else 503
    response.headers["Cache-Control"] = "no-store"
    return response
