"""The demo seed: realistic, complete and refused on a non-empty database."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from webapp.models import Employer, Mentor, Participant, Placement, Role, User
from webapp.services import accounts
from webapp.services.demo import DEMO_PASSWORD, PARTICIPANTS, DemoExists, seed_demo


def test_seed_demo(session: Session) -> None:
    seed_demo(session, today=dt.date(2026, 11, 2))
    session.commit()
    count = lambda model: session.scalar(select(func.count()).select_from(model))  # noqa: E731
    assert count(Participant) == 12
    assert count(Employer) == 3 and count(Mentor) == 3
    assert {p.phase for p in session.scalars(select(Placement))} == {"classroom", "praksis"}
    languages = {p.first_language for p in session.scalars(select(Participant))}
    assert {"arabisk", "tigrinja", "somali", "dari", "ukrainsk"} <= languages
    teachers = session.scalars(select(User).where(User.role == Role.TEACHER.value)).all()
    assert len(teachers) == 2
    for username in ("rektor", "hanne", "per", "amina"):
        assert accounts.authenticate(session, username, DEMO_PASSWORD, ip="127.0.0.1") is not None
    assert len(PARTICIPANTS) == 12
    with pytest.raises(DemoExists):
        seed_demo(session)
