"""Interview and application services against the database (SQLite, or PostgreSQL: DATABASE_URL)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests import factories
from webapp.models import (
    ApplicationComment,
    ApplicationDraft,
    ApplicationVersion,
    InterviewAnswer,
    InterviewSession,
    Participant,
    Role,
)
from webapp.services import applications as app_svc
from webapp.services import interviews as svc
from webapp.services.classes import enrol
from webapp.services.errors import NotFound
from webapp.services.personal_data import erase_participant, export_participant
from webapp.services.published import published_for_participant

NOW = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 2)

V2_ANSWER = "I går jeg jobbet på lageret. Jeg liker å plukke varer fra hylla."


def _world(session: Session, *, profile: bool = True) -> tuple[Participant, object, object]:
    org = factories.make_organisation(session, name="Oslo VO Helsfyr")
    person = factories.make_participant(session, org, full_name="Amina Yusuf")
    kull = factories.make_class(session, org)
    enrol(session, kull, person, joined_on=dt.date(2026, 8, 17))
    employer = factories.make_employer(session, org, name="Nordlager AS", sector="lager")
    factories.make_placement(session, person, employer)
    if profile:
        factories.make_published_profile(session, employer)
    session.flush()
    return person, org, kull


def _answer(session: Session, run: InterviewSession, text: str, client_id: str) -> InterviewAnswer:
    index = svc.current_turn(session, run)
    assert index is not None
    return svc.submit_answer(
        session, run, turn_index=index, text=text, spoken=False, client_id=client_id, now=NOW
    )


# --------------------------------------------------------------------------- scenarios


def test_participant_gets_an_interview_for_the_employer_and_sector_situations(
    session: Session,
) -> None:
    person, _org, _kull = _world(session)
    choices = svc.available_scenarios(session, person.id, today=TODAY)
    assert choices.interview.title == "Jobbintervju hos Nordlager AS"
    assert choices.sector == "lager"
    assert len(choices.workplace) >= 3
    assert all(c.key.startswith("bank:lager_") for c in choices.workplace)
    assert not any(c.key.startswith("bank:lager_") for c in choices.other_workplace)

    run = svc.start_session(session, person.id, svc.INTERVIEW_KEY, mode="practice", now=NOW)
    turns = run.scenario["turns"]
    assert len(turns) == svc.INTERVIEW_QUESTIONS
    assert turns[0]["prompt"] == "Fortell litt om deg selv."
    from_profile = [t for t in turns if t["source"] == "profile"]
    assert len(from_profile) == 1
    # The generated question uses a word from the published warehouse profile.
    profile_words = {t["lemma"] for t in factories.WAREHOUSE_TERMS} | {"hms"}
    assert any(w in from_profile[0]["prompt"].lower() for w in profile_words)
    assert run.profile_version_id is not None


def test_without_a_profile_the_interview_is_general(session: Session) -> None:
    person, _org, _kull = _world(session, profile=False)
    run = svc.start_session(session, person.id, svc.INTERVIEW_KEY, mode="interview", now=NOW)
    assert all(t["source"] != "profile" for t in run.scenario["turns"])
    assert run.seconds_per_turn == svc.SECONDS_PER_TURN
    choices = svc.available_scenarios(session, person.id, today=TODAY)
    assert choices.sector == "lager"  # from the employer when there is no profile


def test_a_new_interview_mixes_new_questions_but_is_reproducible(session: Session) -> None:
    person, _org, _kull = _world(session)
    first = svc.start_session(session, person.id, svc.INTERVIEW_KEY, mode="practice", now=NOW)
    second = svc.start_session(session, person.id, svc.INTERVIEW_KEY, mode="practice", now=NOW)
    ids_1 = [t["id"] for t in first.scenario["turns"]]
    ids_2 = [t["id"] for t in second.scenario["turns"]]
    assert ids_1 != ids_2
    published = published_for_participant(session, person.id)
    rebuilt = svc.resolve_scenario(
        session, person.id, svc.INTERVIEW_KEY, published=published, seed=0
    )
    assert rebuilt.to_dict() == first.scenario


def test_teacher_scenario_is_stored_validated_assigned_and_scoped(session: Session) -> None:
    person, org, kull = _world(session)
    teacher = factories.make_user(session, org, role=Role.TEACHER)
    turn = svc.TurnInput(
        prompt="Kan du hjelpe meg med å rydde lageret?",
        key_points=svc.parse_key_points("Sier ja eller nei: ja, gjerne, kan\nSpør når: når"),
        terms=("lager", "pall"),
        model_a2="Ja, jeg kan hjelpe deg. Når skal vi begynne?",
        model_b1="Ja, gjerne. Jeg er ferdig med pallene om ti minutter. Når vil du begynne?",
    )
    row = svc.create_scenario(
        session,
        organisation_id=org.id,
        created_by_id=teacher.id,
        title="Rydde lageret",
        kind="workplace",
        sector="lager",
        description="En kollega spør om hjelp.",
        turns=[turn],
        now=NOW,
    )
    assert row.data["turns"][0]["key_points"][0] == {
        "label": "Sier ja eller nei",
        "keywords": ["ja", "gjerne", "kan"],
    }
    svc.update_scenario(
        session,
        row,
        title="Rydde lageret sammen",
        kind="workplace",
        sector="lager",
        description="",
        turns=[turn, svc.TurnInput(prompt="Takk for hjelpen!")],
        now=NOW,
    )
    assert len(row.data["turns"]) == 2 and row.title == "Rydde lageret sammen"
    with pytest.raises(svc.ServiceError):
        svc.create_scenario(
            session,
            organisation_id=org.id,
            created_by_id=None,
            title="Tom",
            kind="workplace",
            sector=None,
            description="",
            turns=[],
            now=NOW,
        )

    svc.assign_scenario(
        session,
        organisation_id=org.id,
        scenario_key=f"org:{row.id}",
        class_id=kull.id,
        participant_id=None,
        assigned_by_id=teacher.id,
        now=NOW,
    )
    choices = svc.available_scenarios(session, person.id, today=TODAY)
    assert [c.title for c in choices.assigned] == ["Rydde lageret sammen"]

    # Another organisation can neither assign nor start it.
    other_org = factories.make_organisation(session, name="Skole B")
    stranger = factories.make_participant(session, other_org)
    with pytest.raises(NotFound):
        svc.resolve_scenario(session, stranger.id, f"org:{row.id}")
    with pytest.raises(NotFound):
        svc.assign_scenario(
            session,
            organisation_id=other_org.id,
            scenario_key=f"org:{row.id}",
            class_id=None,
            participant_id=stranger.id,
            assigned_by_id=None,
            now=NOW,
        )


# --------------------------------------------------------------------------- answers


def test_answer_feedback_is_stored_and_deterministic(session: Session) -> None:
    person, _org, _kull = _world(session)
    run = svc.start_session(
        session, person.id, "bank:lager_kollega_hjelp", mode="practice", now=NOW
    )
    answer = _answer(session, run, V2_ANSWER, "a" * 32)
    problems = answer.feedback["problems"]
    v2 = [p for p in problems if p["check"] == "v2"]
    assert len(v2) == 1
    start, end = v2[0]["span"]
    assert answer.text[start:end].startswith("jeg jobbet")
    assert answer.feedback["rewritten"].startswith("I går jobbet jeg på lageret.")
    assert answer.error_count >= 1 and answer.level in {"A1", "A2", "B1", "B1+"}
    assert "plukke" in answer.feedback["terms_used"] or "hylle" in answer.feedback["terms_used"]

    # Same answer, new session: the same feedback.
    again = svc.start_session(
        session, person.id, "bank:lager_kollega_hjelp", mode="practice", now=NOW
    )
    second = _answer(session, again, V2_ANSWER, "b" * 32)
    assert second.feedback == answer.feedback

    # A replayed form (same client id) stores nothing new.
    replay = svc.submit_answer(
        session, run, turn_index=0, text="Noe annet.", spoken=False, client_id="a" * 32, now=NOW
    )
    assert replay.id == answer.id
    count = session.scalar(
        select(func.count(InterviewAnswer.id)).where(InterviewAnswer.session_id == run.id)
    )
    assert count == 1


def test_empty_and_finished_answers_are_rejected(session: Session) -> None:
    person, _org, _kull = _world(session)
    run = svc.start_session(session, person.id, "bank:lager_avvik", mode="practice", now=NOW)
    with pytest.raises(svc.AnswerRejected):
        svc.submit_answer(
            session, run, turn_index=0, text="  ", spoken=False, client_id="x", now=NOW
        )
    with pytest.raises(svc.AnswerRejected):
        svc.submit_answer(
            session, run, turn_index=99, text="Hei.", spoken=False, client_id="y", now=NOW
        )
    svc.finish_session(session, run, now=NOW)
    with pytest.raises(svc.AnswerRejected):
        svc.submit_answer(
            session, run, turn_index=0, text="Hei.", spoken=False, client_id="z", now=NOW
        )


def test_session_finishes_after_the_last_turn(session: Session) -> None:
    person, _org, _kull = _world(session)
    run = svc.start_session(session, person.id, svc.INTERVIEW_KEY, mode="interview", now=NOW)
    for n in range(svc.INTERVIEW_QUESTIONS):
        assert run.finished_at is None
        _answer(session, run, "Jeg heter Amina og kommer fra Somalia.", f"c{n}")
    assert run.finished_at is not None and svc.current_turn(session, run) is None


def test_class_and_participant_common_errors(session: Session) -> None:
    person, org, kull = _world(session)
    other = factories.make_participant(session, org, full_name="Olena Kovalenko")
    enrol(session, kull, other, joined_on=dt.date(2026, 8, 17))
    for who, text in ((person, V2_ANSWER), (other, "I dag jeg skal rydde et hylle.")):
        run = svc.start_session(session, who.id, "bank:lager_avvik", mode="practice", now=NOW)
        _answer(session, run, text, f"{who.id}-1")
    overview = svc.class_common_errors(session, kull.id)
    assert overview.answers == 2 and overview.participants == 2
    by_check = {e.check: e for e in overview.errors}
    assert by_check["v2"].count == 2 and by_check["v2"].people == 2
    assert by_check["article"].count == 1
    assert overview.errors[0].check == "v2"  # commonest first

    history, mine = svc.participant_history(session, person.id)
    assert len(history) == 1 and history[0].answers == 1
    assert [e.check for e in mine.errors] == ["v2"]


def test_interview_rows_are_exported_and_erased(session: Session) -> None:
    person, _org, _kull = _world(session)
    run = svc.start_session(session, person.id, "bank:lager_avvik", mode="practice", now=NOW)
    _answer(session, run, V2_ANSWER, "e1")
    data = export_participant(session, person, now=NOW)
    assert data["interviews"][0]["answers"][0]["answer"] == V2_ANSWER
    erase_participant(session, person)
    assert session.scalar(select(func.count(InterviewSession.id))) == 0
    assert session.scalar(select(func.count(InterviewAnswer.id))) == 0


# --------------------------------------------------------------------------- applications

LETTER = """Hei,

Jeg søker på stillingen som lagermedarbeider hos Nordlager AS. Jeg har sett annonsen på Finn.no.
Jeg er interessert i jobben fordi jeg liker å jobbe med varer og logistikk.
Jeg har to års erfaring fra et lager i hjemlandet. I praksisen min plukket jeg varer og
kjørte truck. Jeg er punktlig, pålitelig og nøyaktig, og jeg bruker alltid vernesko.
Jeg ser frem til å høre fra dere.

Med vennlig hilsen
Amina Yusuf"""


def test_application_versions_and_comments(session: Session) -> None:
    person, org, _kull = _world(session)
    teacher = factories.make_user(session, org, role=Role.TEACHER)
    draft = app_svc.create_draft(session, person.id, source="profile", now=NOW)
    assert draft.employer_name == "Nordlager AS" and "hylle" in draft.ad_terms
    first = app_svc.save_version(session, draft, "Hei, jeg søker jobb.", now=NOW)
    assert first.number == 1
    assert "experience" in first.feedback["missing_parts"]
    second = app_svc.save_version(session, draft, LETTER, now=NOW)
    assert second.number == 2
    assert second.feedback["missing_parts"] == []
    assert second.feedback["has_greeting"] and second.feedback["has_signoff"]
    assert "vernesko" in second.feedback["ad_words_used"]
    assert app_svc.save_version(session, draft, LETTER + "\n", now=NOW).id == second.id

    app_svc.add_comment(
        session, second, author=teacher, text="Fin søknad! Skriv litt mer om deg selv.", now=NOW
    )
    with pytest.raises(app_svc.ApplicationError):
        app_svc.add_comment(session, second, author=person.user, text="Selvros", now=NOW)
    comments = app_svc.comments_for(session, app_svc.versions_of(session, draft))
    assert [c.text for c in comments[second.id]] == ["Fin søknad! Skriv litt mer om deg selv."]
    assert comments[first.id] == []

    pasted = app_svc.create_draft(
        session,
        person.id,
        source="pasted",
        now=NOW,
        ad_text="Vi søker en blid og punktlig butikkmedarbeider til kassen og varepåfylling.",
    )
    version = app_svc.save_version(session, pasted, LETTER, now=NOW)
    assert version.feedback["ad_words_used"] or version.feedback["ad_words_missing"]
    with pytest.raises(app_svc.ApplicationError):
        app_svc.create_draft(session, person.id, source="pasted", ad_text="for kort", now=NOW)

    data = export_participant(session, person, now=NOW)
    assert data["applications"][0]["versions"][1]["comments"][0]["text"].startswith("Fin søknad")
    erase_participant(session, person)
    for model in (ApplicationDraft, ApplicationVersion, ApplicationComment):
        assert session.scalar(select(func.count(model.id))) == 0
