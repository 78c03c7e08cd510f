"""SQLite connection settings for a small school's embedded database.

- WAL journal, ``synchronous=NORMAL`` and a busy timeout: readers never block the writer, and a
  briefly locked database waits instead of failing at once.
- Foreign keys on, so SQLite enforces the same constraints (and cascades) as PostgreSQL.

pysqlite's own transaction handling is kept: it begins a transaction before the first write only,
so a read never pins a WAL snapshot that would make a later write fail with SQLITE_BUSY_SNAPSHOT
while the job runner's progress updates commit from another connection.  (The consequence: on
SQLite a SAVEPOINT outside a write transaction commits by itself, so each answer of a batch is
its own unit of work — which is what the practice service wants anyway.)
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

_installed = False


def _on_connect(dbapi_connection: Any, connection_record: Any) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        mode = cursor.execute("PRAGMA journal_mode").fetchone()
        if mode and str(mode[0]).lower() not in ("memory", "wal"):
            cursor.execute("PRAGMA journal_mode=WAL")
    finally:
        cursor.close()


def install() -> None:
    """Register the listeners once per process (they apply to SQLite engines only)."""
    global _installed
    if _installed:
        return
    event.listen(Engine, "connect", _on_connect)
    _installed = True
