"""Background jobs (issue 8): success, failure with a reason, retry, restart recovery, progress,
all-or-nothing writes, and the RQ runner — on SQLite (a file, so threads see the data) and on
PostgreSQL when ``DATABASE_URL`` points there.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, current_app
from sqlalchemy import create_engine, func, select, text, update
from sqlalchemy.orm import Session

from webapp import create_app
from webapp.config import TestConfig, normalise_database_url
from webapp.extensions import db
from webapp.jobs import (
    BackgroundJob,
    JobFailure,
    JobNotRetryable,
    ProgressReporter,
    UnknownJobKind,
    get_runner,
)
from webapp.models import Organisation
from webapp.services import jobs as job_service
from webapp.services.errors import NotFound

REPO = Path(__file__).resolve().parents[2]


# --- job functions used by the tests ------------------------------------------------------


def _write_rows(session: Session, row: BackgroundJob, report: ProgressReporter) -> None:
    names = row.payload["names"]
    for i, name in enumerate(names, start=1):
        session.add(Organisation(name=name, kind="school", allow_pin=False))
        report(i / len(names), "Lagrer skoler")
    session.flush()


def _write_then_fail(session: Session, row: BackgroundJob, report: ProgressReporter) -> None:
    for name in row.payload["names"]:
        session.add(Organisation(name=name, kind="school", allow_pin=False))
    session.flush()  # the rows are in the transaction now; the failure must take them back out
    if row.payload.get("reason"):
        raise JobFailure(row.payload["reason"])
    raise RuntimeError(
        f"could not store {row.payload.get('person')}"
    )  # personal data must not leak


def _fail_first_attempt(session: Session, row: BackgroundJob, report: ProgressReporter) -> None:
    session.add(Organisation(name=f"forsøk {row.attempts}", kind="school", allow_pin=False))
    session.flush()
    if row.attempts == 1:
        raise JobFailure("Ordboka var ikke tilgjengelig. Prøv igjen.")


def _wait_for_release(session: Session, row: BackgroundJob, report: ProgressReporter) -> None:
    events = current_app.extensions["test_events"]
    report(0.4, "Analyserer tekst")
    events["reported"].set()
    if not events["release"].wait(timeout=30):
        raise JobFailure("Testen slapp aldri jobben.")
    session.add(Organisation(name="etter venting", kind="school", allow_pin=False))


def _commits_itself(session: Session, row: BackgroundJob, report: ProgressReporter) -> None:
    session.add(Organisation(name="for tidlig", kind="school", allow_pin=False))
    session.commit()


def _loses_claim(session: Session, row: BackgroundJob, report: ProgressReporter) -> None:
    # Another process's sweep decides this run is dead and queues the job again meanwhile.
    with db.engine.begin() as conn:
        conn.execute(
            update(BackgroundJob).where(BackgroundJob.id == row.id).values(status="queued")
        )
    session.add(Organisation(name="mistet", kind="school", allow_pin=False))
    session.flush()


def _crash_retry(session: Session, row: BackgroundJob, report: ProgressReporter) -> None:
    """The parent's version of ``test_crash``: the retry after the crash succeeds."""
    for i in range(3):
        session.add(Organisation(name=f"ferdig {i}", kind="school", allow_pin=False))


def _kill_horse(session: Session, row: BackgroundJob, report: ProgressReporter) -> None:
    for i in range(3):
        session.add(Organisation(name=f"halvferdig {i}", kind="school", allow_pin=False))
    session.flush()
    report(0.5, "Skriver rader")
    if os.getpid() != row.payload["test_pid"]:  # only ever kill RQ's forked work horse
        os.kill(os.getpid(), signal.SIGKILL)
    raise JobFailure("Jobben kjørte i testprosessen i stedet for i en egen prosess.")


def _touches_own_row(session: Session, row: BackgroundJob, report: ProgressReporter) -> None:
    row.payload = {**row.payload, "seen": True}  # the job's transaction now locks its own row
    session.flush()
    report(0.5, "Halvveis")  # must not wait forever for that lock
    session.add(Organisation(name="egen rad", kind="school", allow_pin=False))


JOBS: dict[str, Callable[[Session, BackgroundJob, ProgressReporter], None]] = {
    "test_write_rows": _write_rows,
    "test_write_then_fail": _write_then_fail,
    "test_fail_first": _fail_first_attempt,
    "test_wait": _wait_for_release,
    "test_commits": _commits_itself,
    "test_loses_claim": _loses_claim,
    "test_crash": _crash_retry,
    "test_kill_horse": _kill_horse,
    "test_own_row": _touches_own_row,
}
for _kind, _fn in JOBS.items():
    job_service.unregister(_kind)
    job_service.job(_kind)(_fn)


# --- fixtures and helpers -----------------------------------------------------------------


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    return normalise_database_url(url) if url else "sqlite://"


@pytest.fixture
def make_app(tmp_path: Path) -> Iterator[Callable[..., Flask]]:
    """Apps on one fresh database (SQLite file or PostgreSQL schema); restart = a second app."""
    url = _database_url()
    engine_options: dict[str, Any] = {}
    schema = None
    admin = None
    if url.startswith("postgresql"):
        schema = f"j_{uuid.uuid4().hex[:12]}"
        admin = create_engine(url)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        engine_options = {"connect_args": {"options": f"-csearch_path={schema}"}}
    else:
        url = f"sqlite:///{tmp_path / 'jobs.db'}"
    apps: list[Flask] = []

    def factory(**overrides: Any) -> Flask:
        config = {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
        config.update(
            SQLALCHEMY_DATABASE_URI=url,
            JOBS_HEARTBEAT_SECONDS=0.1,
            JOBS_SWEEP_SECONDS=3600,
            REDIS_URL=None,
        )
        if engine_options:
            config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options
        config.update(overrides)
        app = create_app(config)
        if not apps:
            with app.app_context():
                db.create_all()
        apps.append(app)
        return app

    factory.url = url  # type: ignore[attr-defined]
    factory.engine_options = engine_options  # type: ignore[attr-defined]
    yield factory
    for app in apps:
        get_runner(app).shutdown(wait=True)
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    if admin is not None:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def enqueue(app: Flask, kind: str, payload: dict[str, Any] | None = None) -> int:
    """Enqueue and commit, as a view would; returns the job id."""
    with app.app_context():
        row = job_service.enqueue(
            db.session, kind, payload or {}, organisation_id=None, created_by_id=None
        )
        job_id = row.id
        db.session.commit()
    return job_id


def state(app: Flask, job_id: int) -> dict[str, Any]:
    with app.app_context():
        row = db.session.get(BackgroundJob, job_id)
        assert row is not None
        values = {
            c: getattr(row, c)
            for c in (
                "status",
                "progress",
                "phase",
                "error",
                "attempts",
                "started_at",
                "finished_at",
                "heartbeat_at",
            )
        }
        db.session.remove()
    return values


def wait_until(
    app: Flask, job_id: int, statuses: tuple[str, ...] = ("done", "failed"), timeout: float = 30
) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        current = state(app, job_id)
        if current["status"] in statuses:
            return current
        if time.monotonic() > deadline:
            raise AssertionError(f"job {job_id} still {current['status']} after {timeout} s")
        time.sleep(0.05)


def org_names(app: Flask) -> list[str]:
    with app.app_context():
        names = sorted(db.session.scalars(select(Organisation.name)))
        db.session.remove()
    return names


def insert_job(app: Flask, kind: str, payload: dict[str, Any] | None = None, **values: Any) -> int:
    """Write a job row directly (as a crashed process would have left it); nothing is dispatched."""
    with app.app_context():
        row = BackgroundJob(kind=kind, payload=payload or {}, **values)
        db.session.add(row)
        db.session.flush()
        job_id = row.id
        db.session.info.pop(job_service.PENDING_KEY, None)
        db.session.commit()
    return job_id


RUNNERS = ["sync", "inprocess"]


# --- the API --------------------------------------------------------------------------------


@pytest.mark.parametrize("runner", RUNNERS)
def test_success_commits_rows_and_reports_done(make_app: Callable[..., Flask], runner: str) -> None:
    app = make_app(JOBS_RUNNER=runner)
    job_id = enqueue(
        app, "test_write_rows", {"names": ["Læringssenteret", "Øst-skolen", "Ålesund VO"]}
    )
    final = wait_until(app, job_id)
    assert final["status"] == "done"
    assert final["progress"] == 1.0
    assert final["phase"] == "Ferdig"
    assert final["error"] is None
    assert final["attempts"] == 1
    assert final["started_at"] <= final["finished_at"]
    assert org_names(app) == ["Læringssenteret", "Ålesund VO", "Øst-skolen"]


@pytest.mark.parametrize("runner", RUNNERS)
def test_failure_keeps_reason_and_no_partial_rows(
    make_app: Callable[..., Flask], runner: str
) -> None:
    app = make_app(JOBS_RUNNER=runner)
    reason = "Dokumentet kunne ikke leses. Last det opp på nytt som PDF eller Word."
    job_id = enqueue(app, "test_write_then_fail", {"names": ["Halv 1", "Halv 2"], "reason": reason})
    final = wait_until(app, job_id)
    assert final["status"] == "failed"
    assert final["error"] == reason
    assert final["phase"] == "Feilet"
    assert org_names(app) == []


def test_unexpected_error_gets_a_plain_reason_without_the_message(
    make_app: Callable[..., Flask], caplog: pytest.LogCaptureFixture
) -> None:
    app = make_app(JOBS_RUNNER="sync")
    with caplog.at_level("INFO", logger="hurtigspor.jobs"):
        job_id = enqueue(
            app, "test_write_then_fail", {"names": ["Halv"], "person": "Ola Nordmann 01019012345"}
        )
    final = state(app, job_id)
    assert final["status"] == "failed"
    assert final["error"] == job_service.REASON_UNEXPECTED
    assert org_names(app) == []
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "RuntimeError" in logged and "_write_then_fail" in logged  # the operator sees where
    assert "Nordmann" not in logged and "01019012345" not in logged  # but no personal data


@pytest.mark.parametrize("runner", RUNNERS)
def test_retry_runs_a_failed_job_again(make_app: Callable[..., Flask], runner: str) -> None:
    app = make_app(JOBS_RUNNER=runner)
    job_id = enqueue(app, "test_fail_first")
    first = wait_until(app, job_id)
    assert (first["status"], first["error"]) == (
        "failed",
        "Ordboka var ikke tilgjengelig. Prøv igjen.",
    )
    assert org_names(app) == []
    with app.app_context():
        row = job_service.retry(db.session, job_id)
        assert (row.status, row.error, row.progress) == ("queued", None, 0.0)
        db.session.commit()
    second = wait_until(app, job_id)
    assert second["status"] == "done"
    assert second["attempts"] == 2
    assert org_names(app) == ["forsøk 2"]
    with app.app_context(), pytest.raises(JobNotRetryable):
        job_service.retry(db.session, job_id)
    with app.app_context(), pytest.raises(NotFound):
        job_service.retry(db.session, job_id + 1000)


def test_progress_and_heartbeat_are_visible_while_running(make_app: Callable[..., Flask]) -> None:
    app = make_app(JOBS_RUNNER="inprocess", JOBS_HEARTBEAT_SECONDS=0.05)
    events = {"reported": threading.Event(), "release": threading.Event()}
    app.extensions["test_events"] = events
    job_id = enqueue(app, "test_wait")
    try:
        assert events["reported"].wait(timeout=20)
        running = wait_until(app, job_id, statuses=("running",))
        deadline = time.monotonic() + 10
        while running["progress"] != pytest.approx(0.4) and time.monotonic() < deadline:
            time.sleep(0.02)
            running = state(app, job_id)
        assert running["status"] == "running"
        assert running["progress"] == pytest.approx(0.4)
        assert running["phase"] == "Analyserer tekst"
        first_beat = running["heartbeat_at"]
        deadline = time.monotonic() + 10
        while state(app, job_id)["heartbeat_at"] == first_beat and time.monotonic() < deadline:
            time.sleep(0.05)
        assert (
            state(app, job_id)["heartbeat_at"] > first_beat
        )  # the heartbeat thread keeps it fresh
    finally:
        events["release"].set()
    final = wait_until(app, job_id)
    assert (final["status"], final["progress"]) == ("done", 1.0)
    assert org_names(app) == ["etter venting"]


def test_restart_recovers_queued_and_stale_jobs(make_app: Callable[..., Flask]) -> None:
    before = make_app(JOBS_RUNNER="inprocess")
    get_runner(before).shutdown()  # the process stops right after the commit: nothing runs the job
    queued_id = enqueue(before, "test_write_rows", {"names": ["Venteskolen"]})
    assert state(before, queued_id)["status"] == "queued"
    old = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=10)
    fresh = dt.datetime.now(dt.UTC)
    stale_id = insert_job(
        before,
        "test_write_rows",
        {"names": ["Avbruttskolen"]},
        status="running",
        attempts=1,
        started_at=old,
        heartbeat_at=old,
    )
    exhausted_id = insert_job(
        before,
        "test_write_rows",
        {"names": ["Aldri"]},
        status="running",
        attempts=3,
        started_at=old,
        heartbeat_at=old,
    )
    alive_id = insert_job(
        before,
        "test_write_rows",
        {"names": ["Levende"]},
        status="running",
        attempts=1,
        started_at=fresh,
        heartbeat_at=fresh,
    )

    after = make_app(JOBS_RUNNER="inprocess", JOBS_STALE_SECONDS=120, JOBS_MAX_ATTEMPTS=3)
    after.test_client().get("/healthz")  # the first request starts the runner and its sweep
    assert wait_until(after, queued_id)["status"] == "done"
    stale = wait_until(after, stale_id)
    assert (stale["status"], stale["attempts"]) == ("done", 2)
    exhausted = state(after, exhausted_id)
    assert exhausted["status"] == "failed"
    assert exhausted["error"] == job_service.REASON_INTERRUPTED.format(attempts=3)
    assert state(after, alive_id)["status"] == "running"  # another live process holds it
    assert org_names(after) == ["Avbruttskolen", "Venteskolen"]


def test_killed_process_leaves_no_rows_and_the_job_is_retried(
    make_app: Callable[..., Flask],
) -> None:
    """A real SIGKILL in the middle of a job's writes: nothing half-written, then a clean retry."""
    app = make_app(JOBS_RUNNER="sync")
    job_id = insert_job(app, "test_crash", status="queued")
    config = {
        "TESTING": True,
        "SECRET_KEY": "test",
        "JOBS_RUNNER": "sync",
        "SQLALCHEMY_DATABASE_URI": make_app.url,  # type: ignore[attr-defined]
    }
    if make_app.engine_options:  # type: ignore[attr-defined]
        config["SQLALCHEMY_ENGINE_OPTIONS"] = make_app.engine_options  # type: ignore[attr-defined]
    script = """
import json, os, signal, sys
from webapp import create_app
from webapp.jobs.runners import execute
from webapp.models import Organisation
from webapp.services import jobs

def crash(session, row, report):
    for i in range(3):
        session.add(Organisation(name=f"halvferdig {i}", kind="school", allow_pin=False))
    session.flush()
    report(0.5, "Skriver rader")
    os.kill(os.getpid(), signal.SIGKILL)

jobs.job("test_crash")(crash)
execute(create_app(json.loads(sys.argv[1])), int(sys.argv[2]), heartbeat_seconds=None)
"""
    result = subprocess.run(
        [sys.executable, "-c", script, json.dumps(config), str(job_id)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert state(app, job_id)["status"] == "running"
    assert org_names(app) == []  # the killed transaction left nothing behind

    restarted = make_app(JOBS_RUNNER="sync", JOBS_STALE_SECONDS=0, JOBS_MAX_ATTEMPTS=3)
    recovery = get_runner(restarted).sweep()
    assert recovery.requeued == (job_id,)
    final = state(restarted, job_id)
    assert (final["status"], final["attempts"]) == ("done", 2)
    assert org_names(restarted) == ["ferdig 0", "ferdig 1", "ferdig 2"]


def test_a_job_may_not_commit_half_its_work(make_app: Callable[..., Flask]) -> None:
    app = make_app(JOBS_RUNNER="sync")
    job_id = enqueue(app, "test_commits")
    final = state(app, job_id)
    assert final["status"] == "failed"
    assert org_names(app) == []


def test_a_job_that_locks_its_own_row_does_not_hang(make_app: Callable[..., Flask]) -> None:
    app = make_app(JOBS_RUNNER="sync")
    job_id = enqueue(app, "test_own_row")
    assert state(app, job_id)["status"] == "done"
    assert org_names(app) == ["egen rad"]


def test_a_run_that_lost_its_claim_keeps_nothing(make_app: Callable[..., Flask]) -> None:
    app = make_app(JOBS_RUNNER="sync")
    job_id = insert_job(app, "test_loses_claim", status="queued")
    with app.app_context():
        outcome = job_service.run_job(job_id, work_session=db.session(), control_engine=db.engine)
        db.session.remove()
    assert outcome.status == "lost"
    assert state(app, job_id)["status"] == "queued"
    assert org_names(app) == []


def test_enqueue_validates_and_dispatches_only_after_commit(make_app: Callable[..., Flask]) -> None:
    app = make_app(JOBS_RUNNER="sync")
    with app.app_context():
        with pytest.raises(UnknownJobKind):
            job_service.enqueue(
                db.session, "no_such_job", {}, organisation_id=None, created_by_id=None
            )
        with pytest.raises(job_service.JobError):
            job_service.enqueue(
                db.session,
                "test_write_rows",
                {"when": dt.date(2026, 1, 1)},
                organisation_id=None,
                created_by_id=None,
            )
        db.session.rollback()
        row = job_service.enqueue(
            db.session,
            "test_write_rows",
            {"names": ["Rullet tilbake"]},
            organisation_id=None,
            created_by_id=None,
        )
        assert row.status == "queued"
        db.session.rollback()  # the caller gave up: the job never existed
        assert db.session.scalar(select(func.count()).select_from(BackgroundJob)) == 0
        assert job_service.queue_counts(db.session) == {
            "queued": 0,
            "running": 0,
            "done": 0,
            "failed": 0,
        }
    assert org_names(app) == []


def test_registry_refuses_two_functions_for_one_kind() -> None:
    with pytest.raises(job_service.DuplicateJobKind):
        job_service.job("test_write_rows")(_commits_itself)
    assert "test_write_rows" in job_service.registered_kinds()


def test_runner_selection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REDIS_URL", raising=False)
    base = {"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x"}
    assert get_runner(create_app({**base, "TESTING": True})).name == "sync"
    assert (
        get_runner(create_app({**base, "SQLALCHEMY_DATABASE_URI": "sqlite:////tmp/x.db"})).name
        == "inprocess"
    )
    assert get_runner(create_app({**base, "REDIS_URL": "redis://127.0.0.1:6379/0"})).name == "rq"
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    assert get_runner(create_app(base)).name == "rq"


# --- RQ on Redis ---------------------------------------------------------------------------


@pytest.fixture
def redis_url() -> str:
    from redis import Redis
    from redis.exceptions import RedisError

    url = os.environ.get("HURTIGSPOR_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        client = Redis.from_url(url, socket_connect_timeout=1)
        client.ping()
        client.close()
    except RedisError as e:
        pytest.skip(
            f"Redis at {url} is not reachable ({type(e).__name__}); RQ runner tests skipped"
        )
    return url


@pytest.fixture
def rq_app(make_app: Callable[..., Flask], redis_url: str) -> Iterator[Flask]:
    app = make_app(REDIS_URL=redis_url, JOBS_QUEUE=f"hurtigspor-test-{uuid.uuid4().hex[:12]}")
    yield app
    queue = get_runner(app).queue()  # type: ignore[attr-defined]
    for registry in (
        queue.finished_job_registry,
        queue.failed_job_registry,
        queue.started_job_registry,
        queue.deferred_job_registry,
        queue.scheduled_job_registry,
        queue.canceled_job_registry,
    ):
        for rq_id in registry.get_job_ids():
            registry.remove(rq_id, delete_job=True)
    queue.delete(delete_jobs=True)


def test_rq_runner_success_failure_and_no_partial_rows(rq_app: Flask) -> None:
    from webapp.jobs.worker import run_worker

    ok_id = enqueue(rq_app, "test_write_rows", {"names": ["Redisskolen"]})
    bad_id = enqueue(rq_app, "test_write_then_fail", {"names": ["Halvskolen"]})
    runner = get_runner(rq_app)
    assert runner.queue().count == 2  # type: ignore[attr-defined]
    assert state(rq_app, ok_id)["status"] == "queued"

    assert run_worker(rq_app, burst=True, simple=True)
    assert state(rq_app, ok_id)["status"] == "done"
    failed = state(rq_app, bad_id)
    assert (failed["status"], failed["error"]) == ("failed", job_service.REASON_UNEXPECTED)
    assert org_names(rq_app) == ["Redisskolen"]
    with rq_app.app_context():
        status = runner.status(db.session)
    assert status["redis"] == "ok"
    assert status["queue_length"] == 0
    assert status["failed"] == 1


def test_rq_worker_start_requeues_lost_and_stale_jobs(rq_app: Flask) -> None:
    from webapp.jobs.worker import run_worker

    lost_id = insert_job(rq_app, "test_write_rows", {"names": ["Borte fra Redis"]}, status="queued")
    old = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    stale_id = insert_job(
        rq_app,
        "test_write_rows",
        {"names": ["Drept arbeider"]},
        status="running",
        attempts=1,
        started_at=old,
        heartbeat_at=old,
    )
    assert get_runner(rq_app).queue().count == 0  # type: ignore[attr-defined]
    run_worker(rq_app, burst=True, simple=True)
    assert state(rq_app, lost_id)["status"] == "done"
    assert (state(rq_app, stale_id)["status"], state(rq_app, stale_id)["attempts"]) == ("done", 2)
    assert org_names(rq_app) == ["Borte fra Redis", "Drept arbeider"]


def test_rq_retry_goes_through_the_queue(rq_app: Flask) -> None:
    from webapp.jobs.worker import run_worker

    job_id = enqueue(rq_app, "test_fail_first")
    run_worker(rq_app, burst=True, simple=True)
    assert state(rq_app, job_id)["status"] == "failed"
    with rq_app.app_context():
        job_service.retry(db.session, job_id)
        db.session.commit()
    assert get_runner(rq_app).queue().count == 1  # type: ignore[attr-defined]
    run_worker(rq_app, burst=True, simple=True)
    assert (state(rq_app, job_id)["status"], state(rq_app, job_id)["attempts"]) == ("done", 2)
    assert org_names(rq_app) == ["forsøk 2"]


def test_rq_work_horse_killed_mid_job(rq_app: Flask) -> None:
    """Forking RQ worker: each horse is SIGKILLed after writing; retried, then failed; no rows."""
    from webapp.jobs.worker import run_worker

    job_id = enqueue(rq_app, "test_kill_horse", {"test_pid": os.getpid()})
    run_worker(rq_app, burst=True, simple=False)
    final = state(rq_app, job_id)
    assert final["status"] == "failed"
    assert final["attempts"] == 3  # JOBS_MAX_ATTEMPTS: requeued twice by the worker, then failed
    assert final["error"] == job_service.REASON_INTERRUPTED.format(attempts=3)
    assert org_names(rq_app) == []  # none of the three killed transactions left a row


def test_stale_sweep_fails_a_job_whose_worker_vanished(
    rq_app: Flask, make_app: Callable[..., Flask]
) -> None:
    """The whole worker died (no parent left to notice): the next sweep deals with the row."""
    old = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    job_id = insert_job(
        rq_app,
        "test_write_rows",
        {"names": ["Aldri"]},
        status="running",
        attempts=1,
        started_at=old,
        heartbeat_at=old,
    )
    later = make_app(
        REDIS_URL=rq_app.config["REDIS_URL"],
        JOBS_QUEUE=rq_app.config["JOBS_QUEUE"],
        JOBS_STALE_SECONDS=60,
        JOBS_MAX_ATTEMPTS=1,
    )
    recovery = get_runner(later).sweep()
    assert recovery.failed == (job_id,)
    final = state(later, job_id)
    assert (final["status"], final["error"]) == (
        "failed",
        job_service.REASON_INTERRUPTED.format(attempts=1),
    )
    assert org_names(later) == []
