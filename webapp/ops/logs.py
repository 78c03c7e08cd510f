"""Structured log output: one JSON object per line, and one line per request.

The request line has method, route, status and duration — never query strings, form data, IP
addresses or user names, so the log holds no personal data.  Paths are logged as their route
pattern (``/deltakere/<int:participant_id>``) so invite codes and other tokens in URLs stay out.
Level: ``HURTIGSPOR_LOG_LEVEL`` (default ``INFO``).
"""

from __future__ import annotations

import json
import logging
import sys
import time
import uuid
from datetime import UTC, datetime
from typing import Any

from flask import Flask, Response, g, request

REQUEST_LOGGER = "hurtigspor.request"
#: Loggers that get the JSON handler: our own, the app's, RQ's.
LOGGERS = ("hurtigspor", "rq")
#: Fields of ``extra={...}`` copied into the JSON line.
EXTRA_FIELDS = ("method", "path", "endpoint", "status", "duration_ms", "request_id")
#: Paths logged at DEBUG only (load balancers poll them every few seconds).
QUIET_PATHS = frozenset({"/healthz"})


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON object: ts, level, logger, msg, and known extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for name in EXTRA_FIELDS:
            if hasattr(record, name):
                data[name] = getattr(record, name)
        if record.exc_info:
            data["exc"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False)


def _level(app: Flask) -> int:
    name = str(app.config.get("LOG_LEVEL", "INFO")).upper()
    level = logging.getLevelName(name)
    if not isinstance(level, int):
        raise ValueError(
            f"HURTIGSPOR_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, not {name!r}"
        )
    return level


def configure_logging(app: Flask) -> None:
    """Send our loggers to stderr as JSON lines (tests keep pytest's capture instead)."""
    level = _level(app)
    names = (*LOGGERS, app.logger.name)
    for name in names:
        logger = logging.getLogger(name)
        logger.setLevel(level)
        # logging.config.fileConfig (Alembic's env.py, run in-process by `db upgrade`) disables
        # every logger it does not name; our request and job logs must survive that.
        logger.disabled = False
        for child_name, child in list(logging.root.manager.loggerDict.items()):
            if child_name.startswith(name + ".") and isinstance(child, logging.Logger):
                child.disabled = False
        if app.testing:
            logger.propagate = True  # pytest's caplog listens on the root logger
            continue
        if not any(isinstance(h.formatter, JsonFormatter) for h in logger.handlers):
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(JsonFormatter())
            logger.addHandler(handler)
        logger.propagate = False


def _start_timer() -> None:
    g.hurtigspor_request_start = time.perf_counter()


def _log_request(response: Response) -> Response:
    start = g.get("hurtigspor_request_start")
    duration_ms = round((time.perf_counter() - start) * 1000, 1) if start is not None else None
    rule = request.url_rule
    path = rule.rule if rule is not None else request.path[:200]
    request_id = request.headers.get("X-Request-ID", "")[:64] or uuid.uuid4().hex[:16]
    logger = logging.getLogger(REQUEST_LOGGER)
    level = logging.DEBUG if request.path in QUIET_PATHS else logging.INFO
    logger.log(
        level,
        "%s %s %s %sms",
        request.method,
        path,
        response.status_code,
        duration_ms,
        extra={
            "method": request.method,
            "path": path,
            "endpoint": request.endpoint,
            "status": response.status_code,
            "duration_ms": duration_ms,
            "request_id": request_id,
        },
    )
    return response


def install_request_log(app: Flask) -> None:
    """Log one line per request; the timer runs first so access checks are timed too."""
    app.before_request_funcs.setdefault(None, []).insert(0, _start_timer)
    app.after_request(_log_request)
