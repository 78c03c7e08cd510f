"""Background jobs (profile builds and other long work), whatever runs them (in-process or RQ).

The row is the source of truth for progress and outcome, so a job survives an app restart, reports
failure with a reason, and can be retried.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from webapp.db_types import utcnow
from webapp.extensions import db

JOB_STATUSES: tuple[str, ...] = ("queued", "running", "done", "failed")


class BackgroundJob(db.Model):  # type: ignore[name-defined,misc]
    """One unit of background work and its progress."""

    __tablename__ = "background_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    kind: Mapped[str] = mapped_column(String(50))  # e.g. "build_profile"
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(20), default="queued", index=True)
    progress: Mapped[float] = mapped_column(default=0.0)  # 0.0 – 1.0
    phase: Mapped[str | None] = mapped_column(String(200))  # plain Norwegian: "Analyserer tekst"
    error: Mapped[str | None] = mapped_column(Text)  # plain Norwegian reason when failed
    attempts: Mapped[int] = mapped_column(default=0)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    started_at: Mapped[dt.datetime | None]
    finished_at: Mapped[dt.datetime | None]
    heartbeat_at: Mapped[dt.datetime | None]
