"""Employers, their workplaces (departments/sites), mentors and placements."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.db_types import utcnow
from webapp.extensions import db
from webapp.models.participant import Participant
from webapp.models.user import User

PHASES: tuple[str, ...] = ("classroom", "praksis")
PLACEMENT_STATUSES: tuple[str, ...] = ("planned", "active", "completed", "cancelled")


class Employer(db.Model):  # type: ignore[name-defined,misc]
    """A company or public employer that takes participants on placement."""

    __tablename__ = "employers"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    sector: Mapped[str | None] = mapped_column(String(100))
    address: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Workplace(db.Model):  # type: ignore[name-defined,misc]
    """A department or site of an employer (e.g. "Lager Alnabru")."""

    __tablename__ = "workplaces"

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(String(300))

    employer: Mapped[Employer] = relationship()


class Mentor(db.Model):  # type: ignore[name-defined,misc]
    """A mentor at an employer; logs in with their own account (role ``mentor``)."""

    __tablename__ = "mentors"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id"), index=True)
    workplace_id: Mapped[int | None] = mapped_column(ForeignKey("workplaces.id"))
    phone: Mapped[str | None] = mapped_column(String(40))

    user: Mapped[User] = relationship()
    employer: Mapped[Employer] = relationship()
    workplace: Mapped[Workplace | None] = relationship()


class Placement(db.Model):  # type: ignore[name-defined,misc]
    """A participant's path at an employer: classroom phase, then praksis.

    ``participant_id`` is emptied (not the row deleted) when a participant is deleted, so
    outcome statistics survive without personal data.
    """

    __tablename__ = "placements"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id"), index=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id"), index=True)
    workplace_id: Mapped[int | None] = mapped_column(ForeignKey("workplaces.id"))
    mentor_id: Mapped[int | None] = mapped_column(ForeignKey("mentors.id"), index=True)
    phase: Mapped[str] = mapped_column(String(20), default="classroom")
    status: Mapped[str] = mapped_column(String(20), default="planned")
    planned_start: Mapped[dt.date | None]
    planned_end: Mapped[dt.date | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    participant: Mapped[Participant | None] = relationship()
    employer: Mapped[Employer] = relationship()
    workplace: Mapped[Workplace | None] = relationship()
    mentor: Mapped[Mentor | None] = relationship()
