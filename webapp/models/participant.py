"""A participant (deltaker): background data kept next to their account."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.db_types import utcnow
from webapp.extensions import db
from webapp.models.user import User


class Participant(db.Model):  # type: ignore[name-defined,misc]
    """Personal data about one learner.  Deleted (not kept) when the learner is deleted."""

    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254))
    first_language: Mapped[str | None] = mapped_column(String(100))
    previous_occupation: Mapped[str | None] = mapped_column(String(200))
    education: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship()
