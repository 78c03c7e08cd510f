"""Practice: one FSRS scheduling state per participant per item, and every answer once.

``CardState.item`` is a snapshot of the generated ``exercises`` item (JSON), so a session can be
served (and practised offline) without regenerating.  ``Answer.client_id`` is made on the phone;
the unique constraint makes a replayed answer a no-op.  ``CardState.lock_version`` is an optimistic
lock so two devices answering the same item at once leave one consistent state.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from webapp.db_types import utcnow
from webapp.extensions import db


class CardState(db.Model):  # type: ignore[name-defined,misc]
    """The scheduling state of one item for one participant."""

    __tablename__ = "card_states"
    __table_args__ = (
        UniqueConstraint("participant_id", "item_key"),
        Index("ix_card_states_participant_due", "participant_id", "due"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    profile_id: Mapped[int | None] = mapped_column(
        ForeignKey("language_profiles.id", ondelete="SET NULL"), index=True
    )
    item_key: Mapped[str] = mapped_column(String(80))
    item_type: Mapped[str] = mapped_column(String(30))
    term_lemma: Mapped[str | None] = mapped_column(String(200))
    item: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    state: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # exercises.scheduling state
    safety: Mapped[bool] = mapped_column(default=False)
    due: Mapped[dt.datetime] = mapped_column(default=utcnow)
    reps: Mapped[int] = mapped_column(default=0)
    lapses: Mapped[int] = mapped_column(default=0)
    last_review_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    lock_version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": lock_version}


class Answer(db.Model):  # type: ignore[name-defined,misc]
    """One answer to one item, stored exactly once however often the phone sends it."""

    __tablename__ = "answers"
    __table_args__ = (
        UniqueConstraint("participant_id", "client_id"),
        Index("ix_answers_participant_answered", "participant_id", "answered_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    client_id: Mapped[str] = mapped_column(String(64))
    item_key: Mapped[str] = mapped_column(String(80))
    item_type: Mapped[str] = mapped_column(String(30))
    response: Mapped[str | None] = mapped_column(String(2000))
    correct: Mapped[bool] = mapped_column(default=False)
    rating: Mapped[int] = mapped_column(default=1)  # FSRS rating 1-4
    verdict: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    skills: Mapped[list[str]] = mapped_column(JSON, default=list)
    level: Mapped[str | None] = mapped_column(String(4))
    duration_ms: Mapped[int | None]
    answered_at: Mapped[dt.datetime]  # on the phone
    received_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class PracticeSettings(db.Model):  # type: ignore[name-defined,misc]
    """Teacher-set practice settings for a class (daily cap on new items)."""

    __tablename__ = "practice_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(
        ForeignKey("school_classes.id", ondelete="CASCADE"), unique=True
    )
    new_items_per_day: Mapped[int] = mapped_column(default=15)
    session_minutes: Mapped[int] = mapped_column(default=7)


class GeneratedItems(db.Model):  # type: ignore[name-defined,misc]
    """The exercise items generated from one published version for one help language.

    Generation takes a second or more (dictionary look-ups for distractors); every web process
    used to repeat it after each restart.  Published versions are frozen, so the items are
    stored once and read by every process.  ``generator`` fingerprints the generating code, the
    dictionary and the version's content (``webapp.services.practice``): new code makes new
    rows, and so would a version changed in place.
    """

    __tablename__ = "generated_items"
    __table_args__ = (UniqueConstraint("version_id", "help_language", "generator"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("profile_versions.id", ondelete="CASCADE"), index=True
    )
    help_language: Mapped[str] = mapped_column(String(8))
    generator: Mapped[str] = mapped_column(String(40))
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    priority: Mapped[list[str]] = mapped_column(JSON, default=list)  # new-item order (item ids)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class MentorRecording(db.Model):  # type: ignore[name-defined,misc]
    """A mentor's own recording of a phrase or term, played before synthetic speech."""

    __tablename__ = "mentor_recordings"

    id: Mapped[int] = mapped_column(primary_key=True)
    mentor_id: Mapped[int | None] = mapped_column(ForeignKey("mentors.id", ondelete="SET NULL"))
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id"), index=True)
    text_key: Mapped[str] = mapped_column(String(300), index=True)  # normalised phrase/term text
    text: Mapped[str] = mapped_column(String(1000))
    mime_type: Mapped[str] = mapped_column(String(50))
    filename: Mapped[str] = mapped_column(String(200))  # under the instance folder's recordings/
    size_bytes: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
