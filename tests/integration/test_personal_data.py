"""Export and erasure of a participant's data through the handler registry."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests import factories
from webapp.models import Enrolment, Invite, Participant, Placement, User
from webapp.services import personal_data
from webapp.services.accounts import issue_invite

NOW = dt.datetime(2026, 11, 2, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def person(session: Session) -> Participant:
    org = factories.make_organisation(session)
    p = factories.make_participant(session, org, full_name="Amina Yusuf", phone="+47 912 34 567")
    kull = factories.make_class(session, org, name="Hurtigspor høst")
    from webapp.services.classes import enrol

    enrol(session, kull, p, joined_on=dt.date(2026, 8, 17))
    employer = factories.make_employer(session, org, name="Møbelhuset Alna")
    mentor = factories.make_mentor(session, org, employer, display_name="Per Johansen")
    factories.make_placement(session, p, employer, mentor=mentor)
    issue_invite(session, p.user)
    session.commit()
    return p


def test_export_contains_everything_and_is_json(session: Session, person: Participant) -> None:
    data = personal_data.export_participant(session, person, now=NOW)
    text = json.dumps(data, ensure_ascii=False)
    assert data["participant"]["full_name"] == "Amina Yusuf"
    assert data["participant"]["phone"] == "+47 912 34 567"
    assert data["participant"]["account"]["username"] == person.user.username
    assert data["enrolments"] == [
        {"class": "Hurtigspor høst", "joined_on": "2026-08-17", "left_on": None}
    ]
    assert data["placements"][0]["employer"] == "Møbelhuset Alna"
    assert data["placements"][0]["mentor"] == "Per Johansen"
    assert "argon2" not in text  # never the password hash


def test_erase_deletes_personal_rows_and_anonymises_placements(
    session: Session, person: Participant
) -> None:
    other = factories.make_participant(
        session, factories.make_organisation(session), full_name="Olena Kovalenko"
    )
    pid, uid = person.id, person.user_id
    personal_data.erase_participant(session, person)
    session.commit()
    assert session.get(Participant, pid) is None
    assert session.get(User, uid) is None
    assert (
        session.scalar(
            select(func.count()).select_from(Enrolment).where(Enrolment.participant_id == pid)
        )
        == 0
    )
    assert (
        session.scalar(select(func.count()).select_from(Invite).where(Invite.user_id == uid)) == 0
    )
    kept = session.scalars(select(Placement)).all()
    assert len(kept) == 1 and kept[0].participant_id is None and kept[0].status == "active"
    assert session.get(Participant, other.id) is not None


@pytest.fixture
def extra_handler() -> Iterator[list[str]]:
    calls: list[str] = []
    personal_data.register_personal_data(
        "test_answers",
        export=lambda s, p: [{"answer": "en pall"}],
        erase=lambda s, p: calls.append(f"erase {p.full_name}"),
        order=50,
    )
    yield calls
    personal_data._HANDLERS.pop("test_answers")


def test_later_features_register_handlers(
    session: Session, person: Participant, extra_handler: list[str]
) -> None:
    data = personal_data.export_participant(session, person, now=NOW)
    assert data["test_answers"] == [{"answer": "en pall"}]
    names = [h.name for h in personal_data.handlers()]
    assert names.index("participant") < names.index("test_answers")
    personal_data.erase_participant(session, person)
    assert extra_handler == ["erase Amina Yusuf"]  # feature handlers run before the core rows go


def test_duplicate_handler_name_is_refused() -> None:
    with pytest.raises(personal_data.DuplicateHandler):
        personal_data.register_personal_data(
            "participant", export=lambda s, p: None, erase=lambda s, p: None
        )
