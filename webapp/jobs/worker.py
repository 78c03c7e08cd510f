"""The RQ side: the function RQ calls (``perform``) and the ``hurtigspor worker`` loop.

The worker sweeps on start and at every RQ maintenance round: running jobs whose heartbeat went
stale (their worker was killed) are requeued or failed, and queued rows that are not in Redis
(enqueued while Redis was down, or lost with it) are pushed again.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

from flask import Flask, current_app, has_app_context
from rq import SimpleWorker, Worker

from webapp.extensions import db

logger = logging.getLogger("hurtigspor.jobs")


class WorkerConfigError(RuntimeError):
    """The worker cannot start with this configuration."""


@functools.cache
def _standalone_app() -> Flask:
    from webapp import create_app

    return create_app()


def perform(job_id: int) -> str:
    """Run one ``BackgroundJob`` (called by RQ); returns done, failed, skipped or lost."""
    from webapp.jobs.runners import execute, get_runner

    app: Flask = current_app._get_current_object() if has_app_context() else _standalone_app()  # type: ignore[attr-defined]
    settings = get_runner(app).settings
    return execute(app, job_id, heartbeat_seconds=settings.heartbeat_seconds).status


def _sweep(app: Flask) -> None:
    from webapp.jobs.runners import get_runner

    try:
        recovery = get_runner(app).sweep()
        logger.info(
            "worker sweep: %d queued, %d requeued, %d failed",
            len(recovery.queued),
            len(recovery.requeued),
            len(recovery.failed),
        )
    finally:
        # The work horse is a fork: it must not inherit pooled connections of the parent.
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def _interrupted(app: Flask, job_id: int) -> None:
    from webapp.db_types import utcnow
    from webapp.jobs.runners import get_runner
    from webapp.services.jobs import mark_interrupted

    runner = get_runner(app)
    with app.app_context():
        try:
            outcome = mark_interrupted(
                db.session(), job_id, now=utcnow(), max_attempts=runner.settings.max_attempts
            )
            db.session.commit()
        finally:
            db.session.remove()
            db.engine.dispose()
    if outcome == "queued":
        runner.dispatch([job_id])


class _SweepingMixin:
    hurtigspor_app: Flask

    def run_maintenance_tasks(self) -> None:
        super().run_maintenance_tasks()  # type: ignore[misc]
        try:
            _sweep(self.hurtigspor_app)
        except Exception:
            logger.exception("worker sweep failed; trying again at the next maintenance round")


class HurtigsporWorker(_SweepingMixin, Worker):
    """RQ's forking worker (one work horse per job) plus our sweep."""

    def handle_work_horse_killed(self, job: Any, retpid: int, ret_val: int, rusage: Any) -> None:
        """The horse died mid-job (OOM, SIGKILL): requeue or fail our row now, not at a sweep."""
        super().handle_work_horse_killed(job, retpid, ret_val, rusage)  # type: ignore[no-untyped-call]
        if not job.args or not isinstance(job.args[0], int):
            return
        _interrupted(self.hurtigspor_app, job.args[0])


class HurtigsporSimpleWorker(_SweepingMixin, SimpleWorker):
    """RQ's in-process worker plus our sweep (tests, and platforms without fork)."""


def run_worker(
    app: Flask, *, burst: bool = False, simple: bool = False, log_level: str | None = None
) -> bool:
    """Sweep, then run an RQ worker on the app's queue; returns whether any job was processed."""
    from webapp.jobs.runners import RQRunner, get_runner

    runner = get_runner(app)
    if not isinstance(runner, RQRunner):
        raise WorkerConfigError(
            "the worker needs REDIS_URL (jobs run in the app process without it: JOBS_RUNNER="
            f"{runner.name})"
        )
    _sweep(app)
    worker_class: Any = HurtigsporSimpleWorker if simple else HurtigsporWorker
    worker = worker_class([runner.queue()], connection=runner.connection())
    worker.hurtigspor_app = app
    level = log_level or str(app.config.get("LOG_LEVEL", "INFO")).upper()
    with app.app_context():  # the work horse (a fork) inherits it; ``perform`` uses this app
        return bool(worker.work(burst=burst, logging_level=level))
