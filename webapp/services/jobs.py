"""Background jobs as use cases: the registry of job functions, enqueue, retry, run and recover.

The ``BackgroundJob`` row is the source of truth.  This module knows nothing about *what* runs a
job (a thread pool in the app process, or an RQ worker); those runners live in ``webapp.jobs`` and
call :func:`run_job` and :func:`recover`.  No flask imports here.

Writing a job::

    @job("build_profile")
    def build_profile_job(session, job_row, report_progress):
        report_progress(0.1, "Leser dokumentene")
        ...                                   # add/flush rows through ``session``; never commit
        if not texts:
            raise JobFailure("Dokumentene inneholder ingen tekst som kan leses.")

The runner commits the job's writes once, together with ``status = "done"``; on any exception it
rolls them all back and marks the row failed with a plain Norwegian reason.
"""

from __future__ import annotations

import json
import logging
import math
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import Engine, event, func, select, text, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from webapp.db_types import utcnow
from webapp.models.jobs import BackgroundJob
from webapp.services.errors import NotFound, ServiceError

logger = logging.getLogger("hurtigspor.jobs")

#: ``session.info`` key: ids of jobs enqueued in the current transaction, dispatched after commit.
PENDING_KEY = "hurtigspor.pending_jobs"
#: ``session.info`` key set on a job's own session while the job function runs.
RUNNING_KEY = "hurtigspor.job_running"

PHASE_QUEUED = "I kø"
PHASE_STARTED = "Startet"
PHASE_DONE = "Ferdig"
PHASE_FAILED = "Feilet"
PHASE_REQUEUED = "I kø igjen etter avbrudd"

REASON_UNEXPECTED = (
    "Det oppstod en uventet feil under jobben. "
    "Prøv igjen, eller kontakt brukerstøtte hvis det gjentar seg."
)
REASON_INTERRUPTED = (
    "Jobben ble avbrutt fordi prosessen som kjørte den, stoppet ({attempts} forsøk). Prøv igjen."
)


class ProgressReporter(Protocol):
    """``report_progress(fraction, phase=None)``: fraction 0..1, phase a short Norwegian text."""

    def __call__(self, fraction: float, phase: str | None = None) -> None: ...


JobFunction = Callable[[Session, BackgroundJob, ProgressReporter], None]


class JobError(ServiceError):
    """Base class for job errors raised to callers."""


class UnknownJobKind(JobError):
    """No job function is registered under this kind."""


class DuplicateJobKind(JobError):
    """Two job functions were registered under the same kind."""


class JobNotRetryable(JobError):
    """Only failed jobs can be retried."""


class JobCommitForbidden(JobError):
    """A job function tried to commit; the runner commits once, at the end."""


class JobFailure(Exception):
    """Raised by a job function to fail with a plain Norwegian reason shown to the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_REGISTRY: dict[str, JobFunction] = {}


def job(kind: str) -> Callable[[JobFunction], JobFunction]:
    """Register a job function under ``kind``: ``fn(session, job_row, report_progress)``."""

    def decorate(fn: JobFunction) -> JobFunction:
        existing = _REGISTRY.get(kind)
        if existing is not None and existing is not fn:
            qualname = getattr(existing, "__qualname__", repr(existing))
            raise DuplicateJobKind(f"job kind {kind!r} is already registered by {qualname}")
        _REGISTRY[kind] = fn
        return fn

    return decorate


def unregister(kind: str) -> None:
    """Remove a registered kind (tests)."""
    _REGISTRY.pop(kind, None)


def registered_kinds() -> tuple[str, ...]:
    """Every registered job kind, sorted."""
    return tuple(sorted(_REGISTRY))


def job_function(kind: str) -> JobFunction:
    """The function registered for ``kind``; raises ``UnknownJobKind``."""
    try:
        return _REGISTRY[kind]
    except KeyError:
        raise UnknownJobKind(f"no job function is registered for kind {kind!r}") from None


def _pending(session: Session) -> list[int]:
    pending: list[int] = session.info.setdefault(PENDING_KEY, [])
    return pending


def enqueue(
    session: Session,
    kind: str,
    payload: dict[str, Any],
    *,
    organisation_id: int | None,
    created_by_id: int | None,
) -> BackgroundJob:
    """Add a queued job row (flushed, not committed); a runner picks it up after the caller commits.

    ``payload`` must be JSON-serialisable and small (ids, options), never file contents.
    """
    job_function(kind)  # fail early on typos
    try:
        json.dumps(payload)
    except (TypeError, ValueError) as e:
        raise JobError(f"the payload of a {kind!r} job is not JSON-serialisable: {e}") from e
    row = BackgroundJob(
        kind=kind,
        payload=dict(payload),
        organisation_id=organisation_id,
        created_by_id=created_by_id,
        status="queued",
        progress=0.0,
        phase=PHASE_QUEUED,
        attempts=0,
    )
    session.add(row)
    session.flush()
    _pending(session).append(row.id)
    return row


def get_job(session: Session, job_id: int, *, organisation_id: int | None = None) -> BackgroundJob:
    """The job row; ``NotFound`` when missing or (if given) outside ``organisation_id``."""
    row = session.get(BackgroundJob, job_id)
    if row is None or (organisation_id is not None and row.organisation_id != organisation_id):
        raise NotFound(f"background job {job_id}")
    return row


def retry(session: Session, job_id: int) -> BackgroundJob:
    """Queue a failed job again (flushed, not committed); dispatched after the caller commits."""
    row = get_job(session, job_id)
    if row.status != "failed":
        raise JobNotRetryable(f"job {job_id} is {row.status}; only failed jobs can be retried")
    row.status = "queued"
    row.progress = 0.0
    row.phase = PHASE_QUEUED
    row.error = None
    row.started_at = None
    row.finished_at = None
    row.heartbeat_at = None
    session.flush()
    _pending(session).append(row.id)
    return row


def queue_counts(session: Session) -> dict[str, int]:
    """Number of jobs per status (every status present, zero when none)."""
    counts = {status: 0 for status in ("queued", "running", "done", "failed")}
    rows = session.execute(
        select(BackgroundJob.status, func.count()).group_by(BackgroundJob.status)
    )
    for status, n in rows:
        counts[str(status)] = int(n)
    return counts


# --- running a job -------------------------------------------------------------------------


@dataclass(frozen=True)
class Recovery:
    """What :func:`recover` did: stale running jobs requeued or failed, and every queued job id."""

    requeued: tuple[int, ...]
    failed: tuple[int, ...]
    queued: tuple[int, ...]


def recover(
    session: Session, *, now: datetime, stale_after: timedelta, max_attempts: int
) -> Recovery:
    """Requeue (or fail, after ``max_attempts``) running jobs whose heartbeat is stale.

    Returns the ids of all queued jobs, for the runner to dispatch.  Flushes; the caller commits.
    """
    cutoff = now - stale_after
    stale = session.execute(
        select(BackgroundJob.id, BackgroundJob.attempts).where(
            BackgroundJob.status == "running",
            func.coalesce(
                BackgroundJob.heartbeat_at, BackgroundJob.started_at, BackgroundJob.created_at
            )
            < cutoff,
        )
    ).all()
    requeued: list[int] = []
    failed: list[int] = []
    for job_id, attempts in stale:
        outcome = _interrupt(session, job_id, attempts, now=now, max_attempts=max_attempts)
        if outcome == "queued":
            requeued.append(job_id)
        elif outcome == "failed":
            failed.append(job_id)
    session.flush()
    queued = tuple(
        session.scalars(
            select(BackgroundJob.id)
            .where(BackgroundJob.status == "queued")
            .order_by(BackgroundJob.id)
        )
    )
    for job_id in requeued:
        logger.warning("job %s was interrupted; queued again", job_id)
    for job_id in failed:
        logger.warning("job %s was interrupted too often; marked failed", job_id)
    return Recovery(requeued=tuple(requeued), failed=tuple(failed), queued=queued)


def _interrupt(
    session: Session, job_id: int, attempts: int, *, now: datetime, max_attempts: int
) -> str | None:
    guard = (
        (BackgroundJob.id == job_id)
        & (BackgroundJob.status == "running")
        & (BackgroundJob.attempts == attempts)
    )
    if attempts < max_attempts:
        values: dict[str, Any] = {"status": "queued", "phase": PHASE_REQUEUED, "progress": 0.0}
    else:
        values = {
            "status": "failed",
            "phase": PHASE_FAILED,
            "error": REASON_INTERRUPTED.format(attempts=attempts),
            "finished_at": now,
        }
    result = session.execute(update(BackgroundJob).where(guard).values(**values))
    return str(values["status"]) if getattr(result, "rowcount", 0) == 1 else None


def mark_interrupted(
    session: Session, job_id: int, *, now: datetime, max_attempts: int
) -> str | None:
    """A runner saw the process running this job die: requeue it, or fail it after ``max_attempts``.

    Returns the new status (``queued``/``failed``), or ``None`` if the job was not running.
    """
    attempts = session.scalar(
        select(BackgroundJob.attempts).where(
            BackgroundJob.id == job_id, BackgroundJob.status == "running"
        )
    )
    if attempts is None:
        return None
    outcome = _interrupt(session, job_id, int(attempts), now=now, max_attempts=max_attempts)
    session.flush()
    if outcome is not None:
        logger.warning("job %s: its process died; now %s", job_id, outcome)
    return outcome


@dataclass
class _Control:
    """Writes to the job row on the control engine, outside the job's own transaction."""

    engine: Engine
    job_id: int
    attempt: int
    work_session: Session
    min_interval: float = 0.5
    last_write: float = field(default=0.0)
    last_phase: str | None = None
    work_wrote: bool = False
    #: Held while writing, and by the job's session when it starts to write (SQLite hand-off).
    lock: threading.Lock = field(default_factory=threading.Lock)

    def _guard(self) -> Any:
        return (
            (BackgroundJob.id == self.job_id)
            & (BackgroundJob.status == "running")
            & (BackgroundJob.attempts == self.attempt)
        )

    def _may_write(self) -> bool:
        # SQLite has one writer: once the job's session holds the write lock, a second
        # connection would wait for it (or fail at once to avoid a deadlock).  Progress is
        # advisory, so it is skipped until the commit.
        return not (self.work_wrote and self.engine.dialect.name == "sqlite")

    def starts_writing(self) -> None:
        """The job's session is about to flush: wait for a running control write, then stop them."""
        with self.lock:
            self.work_wrote = True

    def write(self, values: dict[str, Any]) -> None:
        with self.lock:
            if self._may_write():
                self._write(values)

    def _write(self, values: dict[str, Any]) -> None:
        try:
            with self.engine.begin() as conn:
                if self.engine.dialect.name == "postgresql":
                    # If the job itself has locked its row, wait briefly instead of deadlocking.
                    conn.execute(text("SET LOCAL lock_timeout = '2s'"))
                conn.execute(update(BackgroundJob).where(self._guard()).values(**values))
        except OperationalError:
            logger.warning("job %s: could not write progress/heartbeat", self.job_id, exc_info=True)

    def report(self, fraction: float, phase: str | None = None) -> None:
        if math.isnan(fraction):
            raise ValueError("progress must be a number between 0 and 1")
        fraction = min(1.0, max(0.0, float(fraction)))
        now_mono = time.monotonic()
        if phase == self.last_phase and now_mono - self.last_write < self.min_interval:
            return
        values: dict[str, Any] = {"progress": fraction, "heartbeat_at": utcnow()}
        if phase is not None:
            values["phase"] = phase[:200]
            self.last_phase = phase
        self.last_write = now_mono
        self.write(values)

    def heartbeat(self) -> None:
        self.write({"heartbeat_at": utcnow()})


def claim(engine: Engine, job_id: int, *, now: datetime) -> int | None:
    """Atomically move a queued job to running; the attempt number, or ``None`` if not ours."""
    with engine.begin() as conn:
        row = conn.execute(
            select(BackgroundJob.attempts).where(
                BackgroundJob.id == job_id, BackgroundJob.status == "queued"
            )
        ).first()
        if row is None:
            return None
        attempt = int(row[0]) + 1
        result = conn.execute(
            update(BackgroundJob)
            .where(
                BackgroundJob.id == job_id,
                BackgroundJob.status == "queued",
                BackgroundJob.attempts == attempt - 1,
            )
            .values(
                status="running",
                attempts=attempt,
                started_at=now,
                heartbeat_at=now,
                finished_at=None,
                progress=0.0,
                phase=PHASE_STARTED,
                error=None,
            )
        )
        if getattr(result, "rowcount", 0) != 1:
            return None
    return attempt


@dataclass(frozen=True)
class JobOutcome:
    """How one run of a job ended: ``done``, ``failed``, ``skipped`` (not ours) or ``lost``."""

    job_id: int
    status: str
    attempt: int | None = None
    error: str | None = None


HeartbeatFactory = Callable[[Callable[[], None]], Any]


def run_job(
    job_id: int,
    *,
    work_session: Session,
    control_engine: Engine,
    heartbeat: HeartbeatFactory | None = None,
) -> JobOutcome:
    """Claim and run one job; its writes in ``work_session`` commit once, with ``status="done"``.

    On any exception the work is rolled back and the row is marked failed with a Norwegian reason.
    ``heartbeat``, if given, is a context-manager factory called with a beat function; runners use
    it to keep ``heartbeat_at`` fresh while the job runs.
    """
    started = time.monotonic()
    attempt = claim(control_engine, job_id, now=utcnow())
    if attempt is None:
        return JobOutcome(job_id=job_id, status="skipped")
    control = _Control(
        engine=control_engine, job_id=job_id, attempt=attempt, work_session=work_session
    )

    def _flushed(session: Session, flush_context: Any, instances: Any) -> None:
        control.starts_writing()

    def _no_commit(session: Session) -> None:
        if session.info.get(RUNNING_KEY):
            raise JobCommitForbidden("a job must not commit; the runner commits once at the end")

    event.listen(work_session, "before_flush", _flushed)
    event.listen(work_session, "before_commit", _no_commit)
    kind = "?"
    try:
        row = work_session.get(BackgroundJob, job_id)
        if row is None:  # deleted between claim and load
            return JobOutcome(job_id=job_id, status="lost", attempt=attempt)
        kind = row.kind
        logger.info("job %s (%s) started, attempt %s", job_id, kind, attempt)
        try:
            fn = job_function(kind)
            work_session.info[RUNNING_KEY] = True
            if heartbeat is not None:
                with heartbeat(control.heartbeat):
                    fn(work_session, row, control.report)
            else:
                fn(work_session, row, control.report)
            work_session.info[RUNNING_KEY] = False
            finished = utcnow()
            result = work_session.execute(
                update(BackgroundJob)
                .where(control._guard())
                .values(
                    status="done",
                    progress=1.0,
                    phase=PHASE_DONE,
                    error=None,
                    finished_at=finished,
                    heartbeat_at=finished,
                )
                .execution_options(synchronize_session=False)
            )
            if getattr(result, "rowcount", 0) != 1:
                # Another process declared this run dead and requeued or failed it: keep nothing.
                work_session.rollback()
                logger.warning("job %s (%s) lost its claim; its work was rolled back", job_id, kind)
                return JobOutcome(job_id=job_id, status="lost", attempt=attempt)
            work_session.commit()
        except Exception as e:  # every failure ends in a rollback and a reason
            work_session.info[RUNNING_KEY] = False
            work_session.rollback()
            work_session.info.pop(PENDING_KEY, None)  # follow-up jobs of a failed job never existed
            reason = _reason(e)
            if isinstance(e, JobFailure):
                logger.warning("job %s (%s) failed: %s", job_id, kind, type(e).__name__)
            else:
                # The stack, not the message: messages may quote personal data from the rows.
                logger.error(
                    "job %s (%s) failed with %s at\n%s", job_id, kind, type(e).__name__, _stack(e)
                )
            control.work_wrote = False
            _mark_failed(control, reason)
            return JobOutcome(job_id=job_id, status="failed", attempt=attempt, error=reason)
    finally:
        work_session.info[RUNNING_KEY] = False
        event.remove(work_session, "before_flush", _flushed)
        event.remove(work_session, "before_commit", _no_commit)
    logger.info("job %s (%s) done in %.1f s", job_id, kind, time.monotonic() - started)
    return JobOutcome(job_id=job_id, status="done", attempt=attempt)


def _stack(error: BaseException) -> str:
    return "".join(traceback.format_list(traceback.extract_tb(error.__traceback__))).rstrip()


def _reason(error: Exception) -> str:
    if isinstance(error, JobFailure):
        return error.reason
    if isinstance(error, UnknownJobKind):
        return "Denne typen jobb finnes ikke lenger i programmet. Kontakt brukerstøtte."
    return REASON_UNEXPECTED


def _mark_failed(control: _Control, reason: str) -> None:
    now = utcnow()
    with control.engine.begin() as conn:
        conn.execute(
            update(BackgroundJob)
            .where(control._guard())
            .values(
                status="failed", phase=PHASE_FAILED, error=reason, finished_at=now, heartbeat_at=now
            )
        )
