"""Progress toward B1: skill estimates, evidence, snapshots, targets, mapping, notes, outcomes.

The pure ``progress`` package does the maths; these rows keep its plain values between requests:

* ``SkillStateRow`` — the estimator's posterior per participant and skill
  (``progress.estimator.SkillState.to_dict()``) plus its summary (level, theta, se, n).
* ``EvidenceRecord`` — every answer folded into the estimates, once (unique per source row), so
  a practice answer or an interview answer is never counted twice and estimates can be rebuilt.
* ``ProgressSnapshot`` — one row per participant and day (coverage, safety words, skill thetas)
  for the trend charts.
* ``ParticipantTarget`` / ``EmployerRequirement`` — target level per skill (B1 by default).
* ``ReadinessSetting`` — the teacher's "Klar for praksis" thresholds per class.
* ``MappingRecord`` — start-of-programme mapping (background, word check, correction).
* ``PlacementNote`` / ``PhraseSuggestion`` — what a mentor writes.
* ``ProgrammeOutcome`` — the outcome at exit; kept without the person when a participant is deleted.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.db_types import utcnow
from webapp.extensions import db
from webapp.models.employer import Placement

MAPPING_STATUSES: tuple[str, ...] = ("started", "done", "skipped")
SUGGESTION_STATUSES: tuple[str, ...] = ("open", "accepted", "rejected")


class SkillStateRow(db.Model):  # type: ignore[name-defined,misc]
    """The estimate of one skill for one participant."""

    __tablename__ = "skill_states"
    __table_args__ = (UniqueConstraint("participant_id", "skill"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    skill: Mapped[str] = mapped_column(String(20))
    state: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # SkillState.to_dict()
    level: Mapped[str | None] = mapped_column(String(4))
    theta: Mapped[float | None]
    se: Mapped[float | None]
    n_answers: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class EvidenceRecord(db.Model):  # type: ignore[name-defined,misc]
    """One answer used as evidence for the skill estimates (``source`` + ``source_id`` unique)."""

    __tablename__ = "evidence_records"
    __table_args__ = (
        UniqueConstraint("source", "source_id"),
        Index("ix_evidence_records_participant_at", "participant_id", "answered_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(20))  # "practice" | "interview"
    source_id: Mapped[int]
    kinds: Mapped[list[str]] = mapped_column(JSON, default=list)  # evidence kinds applied
    level: Mapped[str | None] = mapped_column(String(4))
    score: Mapped[float] = mapped_column(default=0.0)
    answered_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ProgressSnapshot(db.Model):  # type: ignore[name-defined,misc]
    """A participant's coverage and skill estimates on one day (the latest value of that day)."""

    __tablename__ = "progress_snapshots"
    __table_args__ = (UniqueConstraint("participant_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    day: Mapped[dt.date]
    taken_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    coverage: Mapped[float | None]
    safety_known: Mapped[int] = mapped_column(default=0)
    safety_total: Mapped[int] = mapped_column(default=0)
    words_learned: Mapped[int] = mapped_column(default=0)
    skills: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)  # skill -> theta


class ParticipantTarget(db.Model):  # type: ignore[name-defined,misc]
    """The teacher's target levels for one participant (only the skills the teacher set)."""

    __tablename__ = "participant_targets"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), unique=True
    )
    levels: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class EmployerRequirement(db.Model):  # type: ignore[name-defined,misc]
    """An employer's language requirement per skill (e.g. B1 oral, A2 written)."""

    __tablename__ = "employer_requirements"

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(
        ForeignKey("employers.id", ondelete="CASCADE"), unique=True
    )
    levels: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ReadinessSetting(db.Model):  # type: ignore[name-defined,misc]
    """The "Klar for praksis" thresholds of a class (``ReadinessThresholds.to_dict()``)."""

    __tablename__ = "readiness_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(
        ForeignKey("school_classes.id", ondelete="CASCADE"), unique=True
    )
    thresholds: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class MappingRecord(db.Model):  # type: ignore[name-defined,misc]
    """Start-of-programme mapping of one participant: background, vocabulary check, correction."""

    __tablename__ = "mapping_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), unique=True
    )
    status: Mapped[str] = mapped_column(String(20), default="started")
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    wanted_work: Mapped[str | None] = mapped_column(String(300))
    check_state: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # CheckState
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # MappingResult.to_dict()
    level: Mapped[str | None] = mapped_column(String(4))
    suggested_sectors: Mapped[list[str]] = mapped_column(JSON, default=list)
    teacher_sectors: Mapped[list[str] | None] = mapped_column(JSON)
    teacher_note: Mapped[str | None] = mapped_column(Text)
    corrected_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    started_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[dt.datetime | None]
    corrected_at: Mapped[dt.datetime | None]


class PlacementNote(db.Model):  # type: ignore[name-defined,misc]
    """A mentor's short weekly note about a placement, read by the teacher."""

    __tablename__ = "placement_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("placements.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    mentor_id: Mapped[int | None] = mapped_column(ForeignKey("mentors.id", ondelete="SET NULL"))
    week_of: Mapped[dt.date]  # the Monday of the week
    went_well: Mapped[str] = mapped_column(Text, default="")
    challenges: Mapped[str] = mapped_column(Text, default="")
    missing_words: Mapped[list[str]] = mapped_column(JSON, default=list)
    added_words: Mapped[list[str]] = mapped_column(JSON, default=list)  # put in the draft
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    placement: Mapped[Placement] = relationship()


class PhraseSuggestion(db.Model):  # type: ignore[name-defined,misc]
    """A mentor's suggested change to a published phrase, for the teacher to consider."""

    __tablename__ = "phrase_suggestions"

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(
        ForeignKey("employers.id", ondelete="CASCADE"), index=True
    )
    profile_id: Mapped[int | None] = mapped_column(
        ForeignKey("language_profiles.id", ondelete="CASCADE"), index=True
    )
    phrase_id: Mapped[int | None] = mapped_column(
        ForeignKey("profile_phrases.id", ondelete="SET NULL")
    )
    phrase_text: Mapped[str] = mapped_column(Text)
    suggestion: Mapped[str] = mapped_column(Text)
    mentor_id: Mapped[int | None] = mapped_column(ForeignKey("mentors.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(20), default="open")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ProgrammeOutcome(db.Model):  # type: ignore[name-defined,misc]
    """A participant's outcome at exit (``participant_id`` emptied when the person is deleted)."""

    __tablename__ = "programme_outcomes"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), index=True
    )
    class_id: Mapped[int | None] = mapped_column(
        ForeignKey("school_classes.id", ondelete="SET NULL"), index=True
    )
    class_name: Mapped[str] = mapped_column(String(200), default="")
    site: Mapped[str] = mapped_column(String(200), default="")
    category: Mapped[str] = mapped_column(String(30))
    exit_date: Mapped[dt.date]
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
