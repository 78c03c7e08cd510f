"""Model-level guarantees: UTC timestamps, naming convention."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import Session

from tests import factories
from webapp.extensions import db
from webapp.models import Organisation


def test_timestamps_come_back_timezone_aware_utc(session: Session) -> None:
    oslo_winter = timezone(timedelta(hours=1))
    org = factories.make_organisation(
        session, created_at=datetime(2026, 11, 2, 10, 30, tzinfo=oslo_winter)
    )
    session.commit()
    session.expire_all()
    loaded = session.scalar(select(Organisation).where(Organisation.id == org.id))
    assert loaded is not None
    assert loaded.created_at.tzinfo is not None
    assert loaded.created_at == datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
    assert loaded.created_at.utcoffset() == timedelta(0)


def test_naive_datetimes_are_refused(session: Session) -> None:
    factories.make_organisation(session)
    session.add(Organisation(name="Naiv", created_at=datetime(2026, 1, 1)))  # noqa: DTZ001
    with pytest.raises(StatementError):
        session.flush()
    session.rollback()


def test_constraints_follow_the_naming_convention() -> None:
    names = {c.name for t in db.metadata.tables.values() for c in t.constraints if c.name}
    assert "pk_users" in names
    assert "uq_users_username" in names
    assert "fk_participants_user_id_users" in names
