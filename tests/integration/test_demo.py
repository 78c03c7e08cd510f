"""The demo seed: realistic, complete and refused on a non-empty database."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from webapp.models import (
    Answer,
    ApplicationComment,
    CardState,
    Employer,
    InterviewAnswer,
    InterviewSession,
    LanguageProfile,
    Mentor,
    Participant,
    Placement,
    PlacementNote,
    Role,
    SkillStateRow,
    User,
)
from webapp.services import accounts, applications, mapping, outcomes, profiles
from webapp.services.demo import DEMO_PASSWORD, NOT_STARTED, PARTICIPANTS, DemoExists, seed_demo


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


def test_seed_demo_shows_the_whole_product(session: Session) -> None:
    """Published profiles with curated terms, practice history, interview, application, ..."""
    today = dt.date(2026, 11, 2)
    seed_demo(session, today=today)
    session.commit()
    count = lambda model: session.scalar(select(func.count()).select_from(model))  # noqa: E731
    people = {
        p.user.username: p for p in session.scalars(select(Participant)) if p.user is not None
    }

    # One profile per employer, each published with accepted terms, phrases and HMS terms.
    profiles_by_employer = {p.employer_id: p for p in session.scalars(select(LanguageProfile))}
    assert len(profiles_by_employer) == 3
    drafts = 0
    for profile in profiles_by_employer.values():
        version = profiles.latest_published(session, profile)
        assert version is not None, profile.name
        terms = profiles.terms_of(session, version)
        accepted = [t for t in terms if t.status == "accepted"]
        assert 30 <= len(accepted) <= 45
        assert any(t.safety for t in accepted)
        assert profiles.pending_safety(session, version) == 0
        phrases = [p for p in profiles.phrases_of(session, version) if p.status == "accepted"]
        assert 5 <= len(phrases) <= 12
        assert all("…" not in p.text for p in phrases)
        drafts += profiles.draft_version(session, profile) is not None
    assert drafts == 1  # the furniture store has a second, edited draft
    lemmas = {
        t.lemma
        for p in profiles_by_employer.values()
        for t in profiles.terms_of(session, profiles.latest_published(session, p))  # type: ignore[arg-type]
        if t.status == "accepted"
    }
    assert {"kunde", "truck", "beboer", "nødutgang"} <= lemmas

    # Practice: FSRS states reviewed more than once, right and wrong answers, a streak for Amina.
    amina = people["amina"]
    answers = session.scalars(select(Answer).where(Answer.participant_id == amina.id)).all()
    assert len(answers) > 50
    right = sum(a.correct for a in answers)
    assert 0.5 < right / len(answers) < 0.98
    cards = session.scalars(select(CardState).where(CardState.participant_id == amina.id)).all()
    assert max(c.reps for c in cards) >= 3 and any(c.lapses for c in cards)
    days = {a.answered_at.date() for a in answers}
    assert today - dt.timedelta(days=1) in days and len(days) >= 10
    for username in ("mohammed", "hodan"):
        assert session.scalar(
            select(func.count(Answer.id)).where(Answer.participant_id == people[username].id)
        )
    assert not session.scalar(
        select(func.count(Answer.id)).where(Answer.participant_id == people["tesfay"].id)
    )
    assert session.scalar(
        select(func.count(SkillStateRow.id)).where(SkillStateRow.participant_id == amina.id)
    )

    # A finished interview with feedback on each answer.
    (interview,) = session.scalars(select(InterviewSession)).all()
    assert interview.participant_id == people["mohammed"].id and interview.finished_at
    given = session.scalars(select(InterviewAnswer)).all()
    assert len(given) >= 4 and all(a.feedback for a in given)
    assert any(a.error_count for a in given)  # the word-order slip in the first answer

    # An application draft with a checked version and the teacher's comment.
    (draft,) = applications.drafts_of(session, amina.id)
    version = applications.latest_version(session, draft)
    assert version is not None and version.feedback
    assert count(ApplicationComment) == 1

    # Mapping for everyone except the two who have not opened their invite.
    for username, person in people.items():
        row = mapping.mapping_for(session, person.id)
        if username in NOT_STARTED:
            assert row is None
        else:
            assert row is not None and row.status == "done" and row.level, username
    assert mapping.needs_mapping(session, people["lan"].id, today=today)

    # A mentor note and Kwame's outcome.
    assert count(PlacementNote) == 1
    outcome = outcomes.outcome_for(session, people["kwame"].id)
    assert outcome is not None and outcome.category == "midlertidig_jobb"
