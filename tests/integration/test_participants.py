"""Participants: CSV parsing with per-row errors, import, rolling intake."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from tests import factories
from webapp.services import classes, participants
from webapp.services.participants import parse_csv

CSV_WITH_HEADER = (
    "Navn;Telefon;E-post;Førstespråk;Tidligere yrke;Utdanning\n"
    "Amina Yusuf;+47 912 34 567;;somali;butikkmedarbeider;grunnskole\n"
    "Olena Kovalenko;;olena@example.no;ukrainsk;regnskapsfører;universitet\n"
)


def test_parse_csv_with_norwegian_header_and_semicolons() -> None:
    result = parse_csv(CSV_WITH_HEADER)
    assert result.errors == []
    assert [r.full_name for r in result.rows] == ["Amina Yusuf", "Olena Kovalenko"]
    assert result.rows[0].phone == "+47 912 34 567" and result.rows[0].email is None
    assert (
        result.rows[1].first_language == "ukrainsk"
        and result.rows[1].previous_occupation == "regnskapsfører"
    )


def test_parse_csv_without_header_uses_column_order() -> None:
    result = parse_csv("Tesfay Gebremedhin,,,tigrinja,sjåfør,videregående skole\n")
    assert result.errors == []
    assert (
        result.rows[0].first_language == "tigrinja"
        and result.rows[0].education == "videregående skole"
    )


def test_parse_csv_name_only_and_bom() -> None:
    result = parse_csv("\ufeffnavn\nFatima Rahimi\n\nZahra Ahmadi\n")
    assert [r.full_name for r in result.rows] == ["Fatima Rahimi", "Zahra Ahmadi"]


def test_parse_csv_reports_each_bad_row_with_line_number() -> None:
    text = "navn;telefon;e-post\nAmina Yusuf;12ab;\n;;\nOlena;;ikke-epost\n"
    result = parse_csv(text)
    problems = [(e.line, e.field, e.code) for e in result.errors]
    assert problems == [
        (2, "phone", "phone_invalid"),
        (3, "full_name", "name_missing"),
        (4, "email", "email_invalid"),
    ]


def test_parse_csv_extra_columns() -> None:
    result = parse_csv("navn;telefon\nAmina Yusuf;;;\nOlena Kovalenko;;ukrainsk\n")
    assert [r.full_name for r in result.rows] == ["Amina Yusuf"]
    assert [(e.line, e.code) for e in result.errors] == [(3, "too_many_columns")]


def test_parse_csv_empty_input() -> None:
    assert [e.code for e in parse_csv("  \n").errors] == ["empty"]


def test_import_enrols_everyone(session: Session) -> None:
    org = factories.make_organisation(session)
    kull = factories.make_class(session, org)
    created = participants.import_participants(
        session,
        org,
        parse_csv(CSV_WITH_HEADER).rows,
        school_class=kull,
        joined_on=dt.date(2026, 9, 1),
    )
    assert len(created) == 2
    assert all(p.user.password_hash is None for p in created)
    assert [e.participant.full_name for e in classes.enrolments(session, kull)] == [
        "Amina Yusuf",
        "Olena Kovalenko",
    ]


@pytest.mark.parametrize(
    ("day", "active"),
    [
        (dt.date(2026, 8, 31), ["Amina Yusuf"]),
        (dt.date(2026, 9, 15), ["Amina Yusuf", "Olena Kovalenko"]),
        (dt.date(2026, 10, 1), ["Olena Kovalenko"]),
    ],
)
def test_rolling_intake_active_on_a_day(session: Session, day: dt.date, active: list[str]) -> None:
    org = factories.make_organisation(session)
    kull = factories.make_class(session, org, start_date=dt.date(2026, 8, 17))
    amina = factories.make_participant(session, org, full_name="Amina Yusuf")
    olena = factories.make_participant(session, org, full_name="Olena Kovalenko")
    classes.enrol(session, kull, amina, joined_on=dt.date(2026, 8, 17))
    classes.enrol(session, kull, olena, joined_on=dt.date(2026, 9, 1))
    classes.leave(session, kull, amina.id, left_on=dt.date(2026, 10, 1))
    names = [
        e.participant.full_name for e in classes.enrolments(session, kull) if e.is_active_on(day)
    ]
    assert names == active
    counts = dict((c.id, n) for c, n in classes.list_classes(session, org.id, today=day))
    assert counts[kull.id] == len(active)


def test_cannot_enrol_participant_of_another_organisation(session: Session) -> None:
    from webapp.services.errors import NotFound

    org_a, org_b = factories.make_organisation(session), factories.make_organisation(session)
    kull = factories.make_class(session, org_a)
    stranger = factories.make_participant(session, org_b)
    with pytest.raises(NotFound):
        classes.enrol(session, kull, stranger, joined_on=dt.date(2026, 9, 1))
