"""An organisation: a school (voksenopplæring) or a NAV office.  Organisations are isolated."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from webapp.db_types import utcnow
from webapp.extensions import db


class Organisation(db.Model):  # type: ignore[name-defined,misc]
    """A school or NAV office; every other row belongs to exactly one organisation."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="school")  # "school" | "nav"
    allow_pin: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
