"""Shared helper for the load and scale scripts: a scratch PostgreSQL database and the real stack.

``scratch_database(name)`` creates a fresh PostgreSQL database (dropping a leftover one of the same
name first) and drops it again on exit.  ``running_stack(...)`` starts what ``docs/OPERATIONS.md``
describes, on loopback only: gunicorn with several gthread workers (``webapp:create_app()``) and
``hurtigspor worker`` processes (RQ) against that database and the local Redis, each job queue
named per run so concurrent users of the same Redis never see our jobs.  Every process is started
in its own process group and stopped (SIGTERM, then SIGKILL) by its id on exit.

The schema is created with ``db.create_all()`` from the models (as the benchmarks and tests do;
the models are the source of truth that migrations are generated from).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: Superuser connection used only to CREATE/DROP the scratch database.
DEFAULT_PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
DEFAULT_REDIS = "redis://127.0.0.1:6379/0"
SECRET = "load-secret-not-for-production"  # noqa: S105 - local benchmark only
_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class StackError(RuntimeError):
    """A part of the stack could not be started or reached."""


def log(*args: Any) -> None:
    """Progress output of the CLI scripts (stderr; stdout is kept for the JSON result)."""
    print(*args, file=sys.stderr, flush=True)  # noqa: T201 - CLI progress on stderr


def psycopg_url(url: str) -> str:
    """The SQLAlchemy URL with the psycopg 3 driver (as ``webapp.config`` normalises it)."""
    from webapp.config import normalise_database_url

    return normalise_database_url(url)


def _with_database(url: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(psycopg_url(url)).set(database=name).render_as_string(hide_password=False)


def _check_name(name: str) -> str:
    if not _NAME.match(name):
        raise StackError(f"bad database name {name!r} (lowercase letters, digits, _)")
    return name


def _admin_exec(admin_url: str, statement: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(psycopg_url(admin_url), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(statement))
    finally:
        engine.dispose()


def drop_database(admin_url: str, name: str) -> None:
    """Drop the database (and end its sessions); a missing one is fine."""
    # The name is checked against _NAME: identifiers cannot be bound parameters.
    _admin_exec(admin_url, f'DROP DATABASE IF EXISTS "{_check_name(name)}" WITH (FORCE)')


@contextlib.contextmanager
def scratch_database(
    name: str, *, admin_url: str = DEFAULT_PG_ADMIN, keep: bool = False
) -> Iterator[str]:
    """A fresh, empty database ``name``; yields its SQLAlchemy URL and drops it afterwards."""
    drop_database(admin_url, name)
    _admin_exec(admin_url, f'CREATE DATABASE "{_check_name(name)}"')
    log(f"[stack] created scratch database {name}")
    try:
        yield _with_database(admin_url, name)
    finally:
        if keep:
            log(f"[stack] kept scratch database {name} (--keep-db)")
        else:
            drop_database(admin_url, name)
            log(f"[stack] dropped scratch database {name}")


def make_app(database_url: str, **overrides: Any) -> Any:
    """A Flask app on ``database_url`` for setup steps in this process (no Redis: jobs sync)."""
    from webapp import create_app

    config = {
        "SQLALCHEMY_DATABASE_URI": psycopg_url(database_url),
        "SECRET_KEY": SECRET,
        "JOBS_RUNNER": "sync",
    }
    config.update(overrides)
    return create_app(config)


def create_schema(app: Any) -> None:
    """Create every table and index of the models."""
    from webapp.extensions import db

    with app.app_context():
        db.create_all()


def free_port() -> int:
    """An unused TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def redis_ok(url: str) -> bool:
    """Whether Redis answers PING at ``url``."""
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_timeout=2).ping())
    except redis.RedisError:
        return False


@dataclass
class Stack:
    """The running processes and how to reach them."""

    url: str
    database_url: str
    redis_url: str
    queue: str
    workdir: Path
    env: dict[str, str]
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def log_path(self, name: str) -> Path:
        """The file a process writes its output to."""
        return self.workdir / f"{name}.log"

    def stop(self) -> None:
        """SIGTERM each process group we started, then SIGKILL what is left."""
        for proc in self.processes.values():
            if proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        for proc in self.processes.values():
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)


def stack_env(
    database_url: str, redis_url: str, queue: str, workdir: Path, extra: Mapping[str, str]
) -> dict[str, str]:
    """The environment every process of the stack reads (as ``deploy/env.example``)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("HURTIGSPOR_") and k not in ("DATABASE_URL", "REDIS_URL")
    }
    env.update(
        {
            "DATABASE_URL": psycopg_url(database_url),
            "REDIS_URL": redis_url,
            "HURTIGSPOR_SECRET_KEY": SECRET,
            "HURTIGSPOR_JOBS_QUEUE": queue,
            "HURTIGSPOR_AUDIO_CACHE_DIR": str(workdir / "audio"),
            "HURTIGSPOR_LOG_LEVEL": "INFO",
            "PYTHONPATH": str(ROOT),
        }
    )
    env.update(extra)
    return env


def _spawn(
    command: list[str], *, env: Mapping[str, str], log_path: Path
) -> subprocess.Popen[bytes]:
    with log_path.open("wb") as log_file:
        return subprocess.Popen(  # noqa: S603 - fixed commands, loopback only
            command,
            cwd=ROOT,
            env=dict(env),
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # own process group: stopped by its id, with its children
        )


def _wait_ready(stack: Stack, *, timeout: float) -> dict[str, Any]:
    import requests

    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        for name, proc in stack.processes.items():
            if proc.poll() is not None:
                raise StackError(f"{name} exited early; see {stack.log_path(name)}")
        try:
            response = requests.get(f"{stack.url}/healthz", timeout=5)
            last = response.json()
            queue = last.get("queue", {})
            if response.status_code == 200 and queue.get("workers", 0) >= 1:
                return dict(last)
        except (requests.RequestException, ValueError):
            pass
        time.sleep(0.5)
    raise StackError(f"stack not healthy after {timeout:.0f} s (last /healthz: {last})")


@contextlib.contextmanager
def running_stack(
    database_url: str,
    *,
    redis_url: str = DEFAULT_REDIS,
    web_workers: int = 4,
    threads: int = 4,
    rq_workers: int = 1,
    extra_env: Mapping[str, str] | None = None,
    timeout: float = 90.0,
) -> Iterator[Stack]:
    """gunicorn + ``hurtigspor worker`` on the scratch database; stopped on exit."""
    if not redis_ok(redis_url):
        raise StackError(f"no Redis at {redis_url} (start redis-server)")
    workdir = Path(tempfile.mkdtemp(prefix="hurtigspor-stack-"))
    queue = f"hurtigspor_load_{uuid.uuid4().hex[:8]}"
    env = stack_env(database_url, redis_url, queue, workdir, extra_env or {})
    port = free_port()
    stack = Stack(
        url=f"http://127.0.0.1:{port}",
        database_url=database_url,
        redis_url=redis_url,
        queue=queue,
        workdir=workdir,
        env=env,
    )
    bindir = Path(sys.executable).parent
    gunicorn = str(bindir / "gunicorn") if (bindir / "gunicorn").exists() else "gunicorn"
    try:
        stack.processes["gunicorn"] = _spawn(
            [
                gunicorn,
                "--workers", str(web_workers),
                "--threads", str(threads),
                "--worker-class", "gthread",
                "--bind", f"127.0.0.1:{port}",
                "--keep-alive", "30",
                "--timeout", "120",
                "--log-level", "warning",
                "webapp:create_app()",
            ],
            env=env,
            log_path=stack.log_path("gunicorn"),
        )  # fmt: skip
        for n in range(rq_workers):
            # = ``hurtigspor worker`` (the console script is ``webapp.cli:main``).
            stack.processes[f"worker{n + 1}"] = _spawn(
                [sys.executable, "-c", "from webapp.cli import main; main()", "worker"],
                env=env,
                log_path=stack.log_path(f"worker{n + 1}"),
            )
        health = _wait_ready(stack, timeout=timeout)
        log(f"[stack] up at {stack.url}: {json.dumps(health)}")
        yield stack
    except BaseException:
        failed = True
        raise
    else:
        failed = False
    finally:
        stack.stop()
        forget_queue(redis_url, queue)
        if failed:
            log(f"[stack] stopped; logs kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
            log("[stack] stopped")


def forget_queue(redis_url: str, queue: str) -> None:
    """Remove the run's RQ keys (its queue and registries) from Redis."""
    import redis

    try:
        client = redis.Redis.from_url(redis_url, socket_timeout=5)
        keys = list(client.scan_iter(match=f"rq:*:{queue}"))
        if keys:
            client.delete(*keys)
        client.srem("rq:queues", f"rq:queue:{queue}")
    except redis.RedisError as e:
        log(f"[stack] could not remove the RQ keys of {queue}: {type(e).__name__}")


def machine_info() -> dict[str, Any]:
    """Date, CPU, memory, load and versions, for the results files."""
    import datetime as dt
    import platform

    info: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    with contextlib.suppress(OSError):
        info["loadavg_1_5_15"] = [round(x, 2) for x in os.getloadavg()]
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu_model"] = line.split(":", 1)[1].strip()
                break
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["mem_gib"] = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    return info


def postgres_version(database_url: str) -> str:
    """``SELECT version()`` (short)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(psycopg_url(database_url))
    try:
        with engine.connect() as conn:
            return str(conn.execute(text("SHOW server_version")).scalar())
    finally:
        engine.dispose()


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile, rounded to 0.01 ms (``None`` for no values)."""
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return round(ordered[index], 2)


def publish_starter(
    session: Any, *, organisation_id: int, employer_id: int, name: str, terms: int = 60
) -> Any:
    """Publish the shipped "lager" starter profile for an employer (its first ``terms`` terms
    and every phrase, all accepted): the published profile the benchmarks' participants use."""
    import datetime as dt

    from language_profiles.starter import load_starter_profile
    from webapp.models import LanguageProfile, ProfilePhrase, ProfileTerm, ProfileVersion

    starter = load_starter_profile("lager")
    profile = LanguageProfile(
        organisation_id=organisation_id, employer_id=employer_id, name=name, sector="lager"
    )
    session.add(profile)
    session.flush()
    now = dt.datetime.now(dt.UTC)
    version = ProfileVersion(
        profile_id=profile.id, number=1, status="published", built_at=now, published_at=now
    )
    session.add(version)
    session.flush()
    term_columns = ProfileTerm.__table__.columns
    phrase_columns = ProfilePhrase.__table__.columns
    for rank, term in enumerate(starter.terms[:terms]):
        values = {k: v for k, v in term.to_dict().items() if k in term_columns}
        session.add(ProfileTerm(version_id=version.id, rank=rank, status="accepted", **values))
    for rank, phrase in enumerate(starter.phrases):
        values = {k: v for k, v in phrase.to_dict().items() if k in phrase_columns}
        session.add(ProfilePhrase(version_id=version.id, rank=rank, status="accepted", **values))
    session.flush()
    return version


def simulated_response(item: dict[str, Any], rng: Any) -> Any:
    """What a simulated participant answers to a served item: right about 70 % of the time."""
    if item["answer_mode"] == "self":
        return rng.choice(["kan_det", "igjen"])
    if item["answer_mode"] == "order":
        return list(item["options"])
    if item["accepted"] and rng.random() < 0.7:
        return item["accepted"][0]
    return item["options"][0] if item["options"] else "feil"
