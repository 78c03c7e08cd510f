"""Interviews and job applications: teacher scenarios, assignments, sessions, answers, drafts.

Built-in scenarios live in the pure ``interviews`` package; only teacher-written ones are stored
(``InterviewScenario.data`` is ``interviews.scenarios.Scenario.to_dict()``).  An
``InterviewSession`` keeps a snapshot of the scenario it was started with, so a teacher editing
the scenario later does not change what the participant answered or how it was scored.
``InterviewAnswer.client_id`` is made when the answer form is shown; the unique constraint makes a
double submit a no-op.  Audio is never stored: only the (corrected) text of a spoken answer.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from webapp.db_types import utcnow
from webapp.extensions import db


class InterviewScenario(db.Model):  # type: ignore[name-defined,misc]
    """A scenario a teacher wrote for their organisation."""

    __tablename__ = "interview_scenarios"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="interview")  # interview | workplace
    sector: Mapped[str | None] = mapped_column(String(40))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # Scenario.to_dict()
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ScenarioAssignment(db.Model):  # type: ignore[name-defined,misc]
    """A scenario (key ``org:<id>``, ``bank:<id>`` or ``interview``) given to a class or person."""

    __tablename__ = "scenario_assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    scenario_key: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(200))
    class_id: Mapped[int | None] = mapped_column(
        ForeignKey("school_classes.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class InterviewSession(db.Model):  # type: ignore[name-defined,misc]
    """One run through a scenario by a participant, in practice or interview mode."""

    __tablename__ = "interview_sessions"
    __table_args__ = (
        Index("ix_interview_sessions_participant_started", "participant_id", "started_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    scenario_key: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))  # interview | workplace
    mode: Mapped[str] = mapped_column(String(20))  # practice | interview
    scenario: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # snapshot
    profile_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("profile_versions.id", ondelete="SET NULL")
    )
    seconds_per_turn: Mapped[int | None]
    started_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[dt.datetime | None]


class InterviewAnswer(db.Model):  # type: ignore[name-defined,misc]
    """The participant's answer to one turn, with its stored (deterministic) feedback."""

    __tablename__ = "interview_answers"
    __table_args__ = (
        UniqueConstraint("session_id", "turn_index"),
        UniqueConstraint("participant_id", "client_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("interview_sessions.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    client_id: Mapped[str] = mapped_column(String(64))
    turn_index: Mapped[int]
    turn_id: Mapped[str] = mapped_column(String(120))
    prompt: Mapped[str] = mapped_column(String(1000))
    text: Mapped[str] = mapped_column(Text)
    spoken: Mapped[bool] = mapped_column(default=False)
    feedback: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # AnswerFeedback.to_dict()
    level: Mapped[str | None] = mapped_column(String(4))
    coverage: Mapped[float] = mapped_column(default=0.0)
    error_count: Mapped[int] = mapped_column(default=0)
    answered_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ApplicationDraft(db.Model):  # type: ignore[name-defined,misc]
    """A job application the participant is writing, for one ad."""

    __tablename__ = "application_drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    ad_source: Mapped[str] = mapped_column(String(20))  # profile | pasted
    ad_text: Mapped[str] = mapped_column(Text, default="")
    ad_terms: Mapped[list[str]] = mapped_column(JSON, default=list)  # profile words to use
    employer_name: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ApplicationVersion(db.Model):  # type: ignore[name-defined,misc]
    """One saved version of an application, with its feedback."""

    __tablename__ = "application_versions"
    __table_args__ = (UniqueConstraint("draft_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(
        ForeignKey("application_drafts.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    feedback: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ApplicationComment(db.Model):  # type: ignore[name-defined,misc]
    """A teacher's comment on one version of an application."""

    __tablename__ = "application_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("application_versions.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
