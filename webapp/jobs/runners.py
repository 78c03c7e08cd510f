"""Job runners: where queued ``BackgroundJob`` rows are executed, selected by configuration.

* ``inprocess`` (default): a small thread pool inside the app process.  Each job runs in its own
  app context with its own DB session.  A sweep thread (started on the first request or the first
  dispatch) requeues queued jobs nobody holds and recovers jobs whose heartbeat went stale.
* ``rq`` (when ``REDIS_URL`` is set): jobs are pushed to an RQ queue on Redis and executed by
  ``hurtigspor worker`` processes (see ``webapp.jobs.worker``).
* ``sync``: run the job in the committing thread right after the commit.  Chosen automatically
  for tests and in-memory SQLite, where a second thread or connection cannot see the data.

``enqueue``/``retry`` (``webapp.services.jobs``) record the job id in ``session.info``; an
``after_commit`` hook hands the ids to the app's runner only once the row is committed.
"""

from __future__ import annotations

import logging
import os
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Protocol

from flask import Flask, current_app, has_app_context
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from webapp.db_types import utcnow
from webapp.extensions import db
from webapp.models.jobs import BackgroundJob
from webapp.services import jobs as job_service

logger = logging.getLogger("hurtigspor.jobs")

EXTENSION_KEY = "hurtigspor.jobs"
RQ_ID_PREFIX = "hurtigspor-job-"


@dataclass(frozen=True)
class JobSettings:
    """Runner settings read from the app config (``HURTIGSPOR_JOBS_*`` in the environment)."""

    runner: str
    redis_url: str | None
    queue_name: str
    threads: int
    heartbeat_seconds: float
    stale_seconds: float
    max_attempts: int
    timeout_seconds: int
    sweep_seconds: float

    @property
    def stale_after(self) -> timedelta:
        return timedelta(seconds=self.stale_seconds)


class UnknownRunner(ValueError):
    """``JOBS_RUNNER`` names no runner."""


def _is_memory_sqlite(uri: str) -> bool:
    return uri.startswith("sqlite") and (
        uri.rstrip("/") in ("sqlite:", "sqlite:/") or ":memory:" in uri or "mode=memory" in uri
    )


def settings_for(app: Flask) -> JobSettings:
    """Read the job settings; the runner defaults to rq with ``REDIS_URL``, else in-process."""
    cfg = app.config
    redis_url = cfg.get("REDIS_URL") or os.environ.get("REDIS_URL") or None
    runner = cfg.get("JOBS_RUNNER")
    if not runner:
        if redis_url:
            runner = "rq"
        elif app.testing or _is_memory_sqlite(str(cfg.get("SQLALCHEMY_DATABASE_URI", ""))):
            runner = "sync"
        else:
            runner = "inprocess"
    if runner not in ("inprocess", "rq", "sync"):
        raise UnknownRunner(f"JOBS_RUNNER must be inprocess, rq or sync, not {runner!r}")
    if runner == "rq" and not redis_url:
        raise UnknownRunner("JOBS_RUNNER=rq needs REDIS_URL")
    return JobSettings(
        runner=str(runner),
        redis_url=str(redis_url) if redis_url else None,
        queue_name=str(cfg.get("JOBS_QUEUE", "hurtigspor")),
        threads=int(cfg.get("JOBS_THREADS", 2)),
        heartbeat_seconds=float(cfg.get("JOBS_HEARTBEAT_SECONDS", 10)),
        stale_seconds=float(cfg.get("JOBS_STALE_SECONDS", 120)),
        max_attempts=int(cfg.get("JOBS_MAX_ATTEMPTS", 3)),
        timeout_seconds=int(cfg.get("JOBS_TIMEOUT_SECONDS", 3600)),
        sweep_seconds=float(cfg.get("JOBS_SWEEP_SECONDS", 60)),
    )


class Runner(Protocol):
    """What every runner offers."""

    name: str
    settings: JobSettings

    def dispatch(self, job_ids: Iterable[int]) -> None: ...
    def start(self) -> None: ...
    def sweep(self) -> job_service.Recovery: ...
    def status(self, session: Session | None) -> dict[str, Any]: ...
    def shutdown(self, *, wait: bool = True) -> None: ...


@contextmanager
def heartbeat_thread(beat: Callable[[], None], *, interval: float) -> Iterator[None]:
    """Call ``beat()`` every ``interval`` seconds in a daemon thread while the block runs."""
    stop = threading.Event()

    def loop() -> None:
        while not stop.wait(interval):
            beat()

    thread = threading.Thread(target=loop, name="hurtigspor-job-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=interval + 5)


def execute(app: Flask, job_id: int, *, heartbeat_seconds: float | None) -> job_service.JobOutcome:
    """Run one job in a fresh app context with its own session (the same code for every runner)."""
    with app.app_context():
        try:
            heartbeat = None
            if heartbeat_seconds:
                interval = heartbeat_seconds

                def heartbeat(beat: Callable[[], None]) -> Any:
                    return heartbeat_thread(beat, interval=interval)

            return job_service.run_job(
                job_id, work_session=db.session(), control_engine=db.engine, heartbeat=heartbeat
            )
        finally:
            db.session.remove()


def _recover(app: Flask, settings: JobSettings) -> job_service.Recovery:
    with app.app_context():
        try:
            recovery = job_service.recover(
                db.session(),
                now=utcnow(),
                stale_after=settings.stale_after,
                max_attempts=settings.max_attempts,
            )
            db.session.commit()
            return recovery
        finally:
            db.session.remove()


class SyncRunner:
    """Run each job right after the commit, in the committing thread (tests, in-memory SQLite)."""

    name = "sync"

    def __init__(self, app: Flask, settings: JobSettings) -> None:
        self.app = app
        self.settings = settings

    def dispatch(self, job_ids: Iterable[int]) -> None:
        for job_id in job_ids:
            try:
                execute(self.app, job_id, heartbeat_seconds=None)
            except Exception:  # like the other runners: the caller's commit has succeeded
                logger.exception("job %s could not be run", job_id)

    def start(self) -> None:
        """Nothing runs in the background."""

    def sweep(self) -> job_service.Recovery:
        recovery = _recover(self.app, self.settings)
        self.dispatch(recovery.queued)
        return recovery

    def status(self, session: Session | None) -> dict[str, Any]:
        return {"backend": self.name, "status": "ok", **_db_counts(session)}

    def shutdown(self, *, wait: bool = True) -> None:
        """Nothing to stop."""


class InProcessRunner:
    """A small thread pool in the app process; a sweep thread recovers after restarts."""

    name = "inprocess"

    def __init__(self, app: Flask, settings: JobSettings) -> None:
        self.app = app
        self.settings = settings
        self._lock = threading.Lock()
        self._held: set[int] = set()
        self._executor: ThreadPoolExecutor | None = None
        self._sweeper: threading.Thread | None = None
        self._stop = threading.Event()

    @property
    def started(self) -> bool:
        return self._sweeper is not None

    def _pool(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._executor is None:
                threads = self.settings.threads
                if str(self.app.config.get("SQLALCHEMY_DATABASE_URI", "")).startswith("sqlite"):
                    threads = 1  # SQLite has one writer: two jobs writing at once would fail
                self._executor = ThreadPoolExecutor(
                    max_workers=threads, thread_name_prefix="hurtigspor-job"
                )
            return self._executor

    def start(self) -> None:
        """Start the sweep thread once: recover now, then every ``JOBS_SWEEP_SECONDS``."""
        with self._lock:
            if self._sweeper is not None:
                return
            self._sweeper = threading.Thread(
                target=self._sweep_loop, name="hurtigspor-job-sweep", daemon=True
            )
        self._sweeper.start()

    def _sweep_loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.sweep()
            except Exception:
                logger.exception("job sweep failed; trying again later")
            if self._stop.wait(self.settings.sweep_seconds):
                return

    def sweep(self) -> job_service.Recovery:
        """Recover stale running jobs and dispatch every queued job this process does not hold."""
        recovery = _recover(self.app, self.settings)
        self._submit(recovery.queued)
        return recovery

    def dispatch(self, job_ids: Iterable[int]) -> None:
        self.start()
        self._submit(job_ids)

    def _submit(self, job_ids: Iterable[int]) -> None:
        if self._stop.is_set():
            return
        pool = self._pool()
        for job_id in job_ids:
            with self._lock:
                if job_id in self._held:
                    continue
                self._held.add(job_id)
            pool.submit(self._run, job_id)

    def _run(self, job_id: int) -> None:
        try:
            execute(self.app, job_id, heartbeat_seconds=self.settings.heartbeat_seconds)
        except Exception:
            logger.exception("job %s could not be run", job_id)
        finally:
            with self._lock:
                self._held.discard(job_id)

    def status(self, session: Session | None) -> dict[str, Any]:
        return {
            "backend": self.name,
            "status": "ok",
            "threads": self.settings.threads,
            **_db_counts(session),
        }

    def shutdown(self, *, wait: bool = True) -> None:
        """Stop the sweep thread and the pool (running jobs finish when ``wait``)."""
        self._stop.set()
        sweeper = self._sweeper
        if sweeper is not None and sweeper is not threading.current_thread():
            sweeper.join(timeout=30)
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=wait, cancel_futures=not wait)


class RQRunner:
    """Push jobs to an RQ queue on Redis; ``hurtigspor worker`` processes run them."""

    name = "rq"

    def __init__(self, app: Flask, settings: JobSettings) -> None:
        self.app = app
        self.settings = settings
        self._redis: Any = None

    def connection(self) -> Any:
        """The Redis client (created on first use, short timeouts)."""
        if self._redis is None:
            from redis import Redis

            self._redis = Redis.from_url(
                str(self.settings.redis_url), socket_connect_timeout=2, socket_timeout=10
            )
        return self._redis

    def queue(self) -> Any:
        from rq import Queue

        return Queue(self.settings.queue_name, connection=self.connection())

    def start(self) -> None:
        """The web process starts nothing; workers sweep on start and periodically."""

    def dispatch(self, job_ids: Iterable[int]) -> None:
        from redis.exceptions import RedisError

        from webapp.jobs.worker import perform

        queue = None
        for job_id in job_ids:
            try:
                queue = queue or self.queue()
                queue.enqueue(
                    perform,
                    job_id,
                    job_id=f"{RQ_ID_PREFIX}{job_id}-{uuid.uuid4().hex[:8]}",
                    job_timeout=self.settings.timeout_seconds,
                    result_ttl=24 * 3600,
                    failure_ttl=7 * 24 * 3600,
                    description=f"hurtigspor job {job_id}",
                )
            except RedisError:
                logger.warning(
                    "job %s stays queued: Redis is unreachable (a worker picks it up on start)",
                    job_id,
                )

    def held_job_ids(self) -> set[int]:
        """Ids of our jobs waiting in the queue or being run by a worker."""
        from rq.registry import DeferredJobRegistry, ScheduledJobRegistry, StartedJobRegistry

        queue = self.queue()
        rq_ids = list(queue.get_job_ids())
        for registry_class in (StartedJobRegistry, ScheduledJobRegistry, DeferredJobRegistry):
            rq_ids.extend(registry_class(queue=queue).get_job_ids())
        held: set[int] = set()
        for rq_id in rq_ids:
            if rq_id.startswith(RQ_ID_PREFIX):
                number = rq_id[len(RQ_ID_PREFIX) :].split("-", 1)[0]
                if number.isdigit():
                    held.add(int(number))
        return held

    def sweep(self) -> job_service.Recovery:
        """Recover stale running jobs; re-enqueue queued jobs that are not in Redis."""
        recovery = _recover(self.app, self.settings)
        held = self.held_job_ids()
        self.dispatch(job_id for job_id in recovery.queued if job_id not in held)
        return recovery

    def status(self, session: Session | None) -> dict[str, Any]:
        from rq import Worker

        queue = self.queue()
        self.connection().ping()
        return {
            "backend": self.name,
            "status": "ok",
            "redis": "ok",
            "queue_length": int(queue.count),
            "workers": int(Worker.count(queue=queue)),
            **_db_counts(session),
        }

    def shutdown(self, *, wait: bool = True) -> None:
        if self._redis is not None:
            self._redis.close()
            self._redis = None


def _db_counts(session: Session | None) -> dict[str, int]:
    if session is None:
        return {}
    counts = job_service.queue_counts(session)
    return {"queued": counts["queued"], "running": counts["running"], "failed": counts["failed"]}


_RUNNERS: dict[str, Callable[[Flask, JobSettings], Runner]] = {
    "sync": SyncRunner,
    "inprocess": InProcessRunner,
    "rq": RQRunner,
}


def init_app(app: Flask) -> Runner:
    """Create the configured runner and keep it in ``app.extensions``; installs the commit hook."""
    _install_session_hooks()
    settings = settings_for(app)
    runner = _RUNNERS[settings.runner](app, settings)
    app.extensions[EXTENSION_KEY] = runner
    if settings.runner == "inprocess":
        app.before_request(_start_runner)
    return runner


def get_runner(app: Flask | None = None) -> Runner:
    """The runner of ``app`` (default: the current app)."""
    target = app if app is not None else current_app
    runner: Runner = target.extensions[EXTENSION_KEY]
    return runner


def _start_runner() -> None:
    runner = current_app.extensions.get(EXTENSION_KEY)
    if isinstance(runner, InProcessRunner) and not runner.started:
        runner.start()


def _after_commit(session: Session) -> None:
    pending = session.info.pop(job_service.PENDING_KEY, None)
    if not pending:
        return
    if not has_app_context() or EXTENSION_KEY not in current_app.extensions:
        logger.info("jobs %s committed outside the app; the next sweep runs them", pending)
        return
    get_runner().dispatch(tuple(dict.fromkeys(pending)))


def _after_rollback(session: Session) -> None:
    session.info.pop(job_service.PENDING_KEY, None)


def _install_session_hooks() -> None:
    if not event.contains(Session, "after_commit", _after_commit):
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_rollback", _after_rollback)


def queued_ids(session: Session) -> list[int]:
    """Ids of every queued job, oldest first."""
    return list(
        session.scalars(
            select(BackgroundJob.id)
            .where(BackgroundJob.status == "queued")
            .order_by(BackgroundJob.id)
        )
    )
