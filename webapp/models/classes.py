"""Classes (kull) with rolling intake: enrolments carry their own joined/left dates."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.db_types import utcnow
from webapp.extensions import db
from webapp.models.participant import Participant


class SchoolClass(db.Model):  # type: ignore[name-defined,misc]
    """A class (kull) in one organisation."""

    __tablename__ = "school_classes"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[dt.date]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Enrolment(db.Model):  # type: ignore[name-defined,misc]
    """A participant in a class from ``joined_on`` until ``left_on`` (exclusive), if set."""

    __tablename__ = "enrolments"
    __table_args__ = (UniqueConstraint("class_id", "participant_id", "joined_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("school_classes.id"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    joined_on: Mapped[dt.date]
    left_on: Mapped[dt.date | None]

    school_class: Mapped[SchoolClass] = relationship()
    participant: Mapped[Participant] = relationship()

    def is_active_on(self, day: dt.date) -> bool:
        """True if the participant is in the class on ``day``."""
        return self.joined_on <= day and (self.left_on is None or day < self.left_on)
