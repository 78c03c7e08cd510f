"""Database backup and restore with the engines' own tools.

* SQLite: the online backup API (``sqlite3.Connection.backup``), safe while the app is running.
* PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore --clean --if-exists`` in one transaction.
  The password goes to the tools through ``PGPASSWORD``, never on the command line.

No flask imports: the ``hurtigspor backup``/``restore`` commands pass the engine URL in.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from webapp.services.errors import ServiceError


class BackupError(ServiceError):
    """A backup or restore could not be made; the message says why."""


class BackupToolMissing(BackupError):
    """``pg_dump`` or ``pg_restore`` is not installed."""


@dataclass(frozen=True)
class BackupResult:
    """What was written (backup) or read (restore)."""

    path: Path
    engine: str  # "sqlite" | "postgresql"
    size_bytes: int


def _url(url: str | URL) -> URL:
    return make_url(url) if isinstance(url, str) else url


def _sqlite_path(url: URL) -> Path:
    database = url.database
    if not database or database == ":memory:" or "mode=memory" in str(url):
        raise BackupError("an in-memory SQLite database cannot be backed up; use a file database")
    return Path(database)


def backup_database(url: str | URL, out: Path, *, pg_dump: str = "pg_dump") -> BackupResult:
    """Back up the database at ``url`` to ``out`` (SQLite file, or pg_dump custom archive)."""
    parsed = _url(url)
    out = Path(out)
    if out.exists() and out.is_dir():
        raise BackupError(f"{out} is a directory; give a file name")
    out.parent.mkdir(parents=True, exist_ok=True)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        source = _sqlite_path(parsed)
        if not source.exists():
            raise BackupError(f"the SQLite database {source} does not exist")
        tmp = out.with_name(out.name + ".partial")
        tmp.unlink(missing_ok=True)
        try:
            with _connect(source) as src, _connect(tmp) as dst:
                src.backup(dst)
        except BackupError:
            tmp.unlink(missing_ok=True)
            raise
        tmp.replace(out)  # never leave a half-written file under the final name
        return BackupResult(path=out, engine="sqlite", size_bytes=out.stat().st_size)
    if backend == "postgresql":
        tmp = out.with_name(out.name + ".partial")
        try:
            _run_pg_tool(
                pg_dump,
                ["--format=custom", "--no-owner", "--no-privileges", f"--file={tmp}"],
                parsed,
            )
        except BackupError:
            tmp.unlink(missing_ok=True)
            raise
        tmp.replace(out)
        return BackupResult(path=out, engine="postgresql", size_bytes=out.stat().st_size)
    raise BackupError(
        f"backups of {backend!r} databases are not supported (only SQLite and PostgreSQL)"
    )


def restore_database(
    url: str | URL, source: Path, *, pg_restore: str = "pg_restore"
) -> BackupResult:
    """Replace the contents of the database at ``url`` with the backup in ``source``."""
    parsed = _url(url)
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"the backup file {source} does not exist")
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        target = _sqlite_path(parsed)
        with _connect(source) as src:
            check = src.execute("PRAGMA quick_check").fetchone()
            if check is None or check[0] != "ok":
                raise BackupError(f"{source} is not an intact SQLite database")
            target.parent.mkdir(parents=True, exist_ok=True)
            with _connect(target) as dst:
                src.backup(dst)
        return BackupResult(path=source, engine="sqlite", size_bytes=source.stat().st_size)
    if backend == "postgresql":
        _run_pg_tool(
            pg_restore,
            [
                "--clean",
                "--if-exists",
                "--single-transaction",
                "--exit-on-error",
                "--no-owner",
                "--no-privileges",
                "--dbname",
                _libpq_dbname(parsed),
                str(source),
            ],
            parsed,
            dbname_in_args=True,
        )
        return BackupResult(path=source, engine="postgresql", size_bytes=source.stat().st_size)
    raise BackupError(
        f"restoring {backend!r} databases is not supported (only SQLite and PostgreSQL)"
    )


@contextmanager
def _connect(path: Path) -> Iterator[sqlite3.Connection]:
    try:
        conn = sqlite3.connect(str(path))
    except sqlite3.Error as e:
        raise BackupError(f"cannot open the SQLite database {path}: {e}") from e
    try:
        yield conn
    except sqlite3.DatabaseError as e:
        raise BackupError(f"SQLite backup/restore with {path} failed: {e}") from e
    finally:
        conn.close()


def _libpq_dbname(url: URL) -> str:
    if not url.database:
        raise BackupError("the PostgreSQL URL names no database")
    return url.database


def _pg_env(url: URL) -> dict[str, str]:
    env = dict(os.environ)
    for key, value in (
        ("PGHOST", url.host),
        ("PGPORT", str(url.port) if url.port else None),
        ("PGUSER", url.username),
        ("PGPASSWORD", url.password),
        ("PGDATABASE", url.database),
    ):
        if value:
            env[key] = str(value)
    return env


def _run_pg_tool(tool: str, args: list[str], url: URL, *, dbname_in_args: bool = False) -> None:
    binary = shutil.which(tool)
    if binary is None:
        raise BackupToolMissing(
            f"{tool} was not found on PATH; install the PostgreSQL client tools "
            f"(Debian: apt-get install postgresql-client) in the same major version as the server"
        )
    command = [binary, *args]
    if not dbname_in_args:
        command.append(_libpq_dbname(url))
    result = subprocess.run(  # noqa: S603 - fixed binary, no shell, arguments from our config
        command, env=_pg_env(url), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        tail = result.stderr.strip().splitlines()[-5:]
        raise BackupError(f"{tool} failed (exit {result.returncode}): " + " | ".join(tail))
