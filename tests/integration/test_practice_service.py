"""Practice service: sessions from published profiles; answers stored once, in answer order."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from dataclasses import dataclass

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from exercises.items import ExerciseItem
from exercises.scheduling import AnswerEvent, replay_reviews
from exercises.scheduling import CardState as SchedState
from tests import factories
from webapp.extensions import db
from webapp.models import Answer, CardState, ProfileTerm
from webapp.services import personal_data
from webapp.services import practice as svc
from webapp.services.classes import enrol

NOW = dt.datetime(2026, 11, 26, 8, 0, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)


@dataclass
class World:
    participant_id: int
    class_id: int
    employer_id: int
    version_id: int


def build(session: Session, *, language: str = "arabisk", terms: object = None) -> World:
    org = factories.make_organisation(session)
    person = factories.make_participant(session, org, first_language=language)
    kull = factories.make_class(session, org)
    enrol(session, kull, person, joined_on=dt.date(2026, 8, 17))
    employer = factories.make_employer(session, org, name="Nordlager AS")
    factories.make_placement(session, person, employer)
    version = factories.make_published_profile(session, employer, terms=terms)
    session.commit()
    return World(person.id, kull.id, employer.id, version.id)


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    # Ids of profile versions repeat between tests (fresh databases): forget generated items.
    svc.clear_generation_cache()


@pytest.fixture
def world(session: Session) -> World:
    return build(session)


def answer(item_id: str, response: str | tuple[str, ...], at: dt.datetime) -> svc.AnswerIn:
    return svc.AnswerIn(str(uuid.uuid4()), item_id, response, at, 4000)


def right_answer(item: ExerciseItem) -> str | tuple[str, ...]:
    if item.answer_mode == "self":
        return "kan_det"
    if item.answer_mode == "order":
        return tuple(item.accepted[0].rstrip(".!?").split())
    return item.accepted[0]


# --- planning ------------------------------------------------------------------------------


def test_session_is_planned_from_the_published_profile(session: Session, world: World) -> None:
    view = svc.next_session(session, world.participant_id, now=NOW)
    session.commit()
    assert view.status == "ok"
    assert view.help_language == "ar" and view.direction == "rtl"
    assert 0 < len(view.items) <= svc.DEFAULT_NEW_PER_DAY
    assert all(i.kind == "new" for i in view.items)
    # Priority order: flashcards first, in term order with safety terms pulled forward.
    firsts = [(i.item.type, i.item.lemma) for i in view.items[:3]]
    assert firsts == [("flashcard", "vernesko"), ("flashcard", "hylle"), ("flashcard", "pall")]
    assert all(i.instruction["language"] == "ar" for i in view.items)
    assert all(i.instruction["direction"] == "rtl" for i in view.items)
    # Safety items are pulled forward among the new ones.
    assert any(i.item.safety for i in view.items)
    rows = session.scalar(
        select(func.count(CardState.id)).where(CardState.participant_id == world.participant_id)
    )
    assert rows == len(view.items)
    # Asking again gives the same items and creates no new rows.
    again = svc.next_session(session, world.participant_id, now=NOW + dt.timedelta(minutes=1))
    assert [i.item.id for i in again.items] == [i.item.id for i in view.items]
    assert session.scalar(select(func.count(CardState.id))) == rows


def test_participants_see_only_accepted_terms_of_published_versions(session: Session) -> None:
    terms = [dict(t) for t in factories.WAREHOUSE_TERMS]
    terms[0]["status"] = "proposed"  # "hylle" not accepted by the teacher
    w = build(session, terms=terms)
    view = svc.next_session(session, w.participant_id, now=NOW)
    assert view.status == "ok"
    assert "hylle" not in {i.item.lemma for i in view.items}

    org = factories.make_organisation(session)
    person = factories.make_participant(session, org)
    employer = factories.make_employer(session, org)
    factories.make_placement(session, person, employer)
    factories.make_published_profile(session, employer, status="draft")
    session.commit()
    assert svc.next_session(session, person.id, now=NOW).status == "no_profile"


def test_daily_cap_set_by_the_teacher(session: Session, world: World) -> None:
    svc.save_class_settings(session, world.class_id, new_items_per_day=3)
    session.commit()
    view = svc.next_session(session, world.participant_id, now=NOW)
    assert len(view.items) == 3 and view.new_cap == 3
    batch = [
        answer(i.item.id, right_answer(i.item), NOW + dt.timedelta(seconds=20 * n))
        for n, i in enumerate(view.items)
    ]
    svc.submit_answers(session, world.participant_id, batch, now=NOW + dt.timedelta(minutes=2))
    session.commit()
    later = svc.next_session(session, world.participant_id, now=NOW + dt.timedelta(hours=3))
    assert later.new_done_today == 3
    assert [i for i in later.items if i.kind == "new"] == []
    tomorrow = svc.next_session(session, world.participant_id, now=NOW + dt.timedelta(days=1))
    assert len([i for i in tomorrow.items if i.kind == "new"]) == 3


def test_planning_from_the_due_cards_alone_matches_planning_from_every_card(
    session: Session, world: World
) -> None:
    """``next_session`` reads only the due cards (plus ids): the plan is the one all cards give."""
    from exercises.scheduling import CardState as SchedState
    from exercises.scheduling import NewCandidate, plan_session

    svc.save_class_settings(session, world.class_id, new_items_per_day=20)
    first = svc.next_session(session, world.participant_id, now=NOW)

    def wrong(item: ExerciseItem) -> str:
        return "igjen" if item.answer_mode == "self" else "helt feil"

    batch = [
        answer(i.item.id, right_answer(i.item) if n % 3 else wrong(i.item), NOW + n * MINUTE)
        for n, i in enumerate(first.items)
    ]
    results = svc.submit_answers(session, world.participant_id, batch, now=NOW + 30 * MINUTE)
    assert all(r.status == "stored" for r in results)
    session.commit()
    answered = {i.item.id for i in first.items}
    for later in (dt.timedelta(hours=2), dt.timedelta(days=1), dt.timedelta(days=4)):
        moment = NOW + later
        states, reviewed = svc.due_states(session, world.participant_id, now=moment)
        rows = session.scalars(
            select(CardState).where(CardState.participant_id == world.participant_id)
        ).all()
        every = [SchedState.from_dict(r.state) for r in rows]
        assert {s.item_id for s in states} | reviewed <= {r.item_key for r in rows}
        assert reviewed == {
            s.item_id for s in every if s.reps and s.item_id not in {d.item_id for d in states}
        }
        candidates = [NewCandidate(i.item.id) for i in first.items] + ["ny-1", "ny-2"]
        assert plan_session(states, candidates, now=moment, reviewed=reviewed) == plan_session(
            every, candidates, now=moment
        )
        view = svc.next_session(session, world.participant_id, now=moment)
        session.rollback()
        assert not [i for i in view.items if i.kind == "new" and i.item.id in answered]


def test_generated_items_are_stored_once_and_read_by_a_fresh_process(
    session: Session, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Generating a version's items takes seconds: every web process after the first (and
    after a restart) reads them from the database instead."""
    from webapp.models import GeneratedItems

    first = svc.next_session(session, world.participant_id, now=NOW)
    session.commit()
    rows = session.scalars(select(GeneratedItems)).all()
    assert [(r.version_id, r.help_language) for r in rows] == [(world.version_id, "ar")]
    assert len(rows[0].items) == len(rows[0].priority) > 0

    def no_generating(*args: object, **kwargs: object) -> None:
        raise AssertionError("items were generated again")

    svc.clear_generation_cache()  # a new process: nothing in memory
    monkeypatch.setattr(svc, "generate_items", no_generating)
    again = svc.next_session(session, world.participant_id, now=NOW + MINUTE)
    assert [i.item for i in again.items] == [i.item for i in first.items]
    assert session.scalar(select(func.count(GeneratedItems.id))) == 1

    # Items stored by other code are not used: they are generated anew, and the old row,
    # which nothing reads any more, goes.  (So for items of a version changed in place.)
    monkeypatch.undo()
    svc.clear_generation_cache()
    monkeypatch.setattr(svc, "generator_fingerprint", lambda: "newer-code")
    first_key = rows[0].generator
    svc.next_session(session, world.participant_id, now=NOW + 2 * MINUTE)
    session.commit()
    keys = set(session.scalars(select(GeneratedItems.generator)))
    assert len(keys) == 1 and first_key not in keys


def test_stored_items_of_an_archived_version_are_removed(session: Session, world: World) -> None:
    """Publishing again archives the old version; its stored items go once the new version's
    items are stored.  Other profiles' rows and other help languages of the live version stay."""
    from webapp.models import GeneratedItems, LanguageProfile, ProfileVersion
    from webapp.services import profiles

    other = build(session, language="ukrainsk")  # another school's participant and profile
    svc.next_session(session, world.participant_id, now=NOW)
    svc.next_session(session, other.participant_id, now=NOW)
    session.commit()
    stored = {(r.version_id, r.help_language) for r in session.scalars(select(GeneratedItems))}
    assert stored == {(world.version_id, "ar"), (other.version_id, "uk")}

    profile = session.get(LanguageProfile, session.get(ProfileVersion, world.version_id).profile_id)
    profiles.ensure_draft(session, profile)
    new_version = profiles.publish(session, profile, user_id=None)
    session.commit()
    assert session.get(ProfileVersion, world.version_id).status == "archived"

    svc.next_session(session, world.participant_id, now=NOW + MINUTE)
    session.commit()
    stored = {(r.version_id, r.help_language) for r in session.scalars(select(GeneratedItems))}
    assert stored == {(new_version.id, "ar"), (other.version_id, "uk")}


def test_session_from_a_real_generated_starter_profile(session: Session) -> None:
    from language_profiles.starter import load_starter_profile

    profile = load_starter_profile("lager")
    w = build(session, terms=profile.terms[:40])
    view = svc.next_session(session, w.participant_id, now=NOW)
    assert view.status == "ok" and len(view.items) > 5
    lemmas = [t.lemma for t in profile.terms[:40]]
    first = [i.item.lemma for i in view.items if i.item.type == "flashcard"]
    assert first == sorted(first, key=lemmas.index), "new flashcards follow the profile's order"


# --- answers -------------------------------------------------------------------------------


def _items(session: Session, world: World) -> list[ExerciseItem]:
    """A long first session (25 items), so that every kind of answer is in it."""
    svc.save_class_settings(session, world.class_id, new_items_per_day=100, session_minutes=20)
    return [i.item for i in svc.next_session(session, world.participant_id, now=NOW).items]


def test_same_batch_replayed_ten_times_is_stored_once(session: Session, world: World) -> None:
    items = _items(session, world)[:5]
    batch = [
        answer(it.id, right_answer(it), NOW + dt.timedelta(seconds=n)) for n, it in enumerate(items)
    ]
    first = svc.submit_answers(session, world.participant_id, batch, now=NOW)
    session.commit()
    assert [r.status for r in first] == ["stored"] * 5
    assert all(r.correct for r in first)
    for _ in range(9):
        again = svc.submit_answers(session, world.participant_id, batch, now=NOW)
        session.commit()
        assert [r.status for r in again] == ["duplicate"] * 5
        assert [r.verdict for r in again] == [r.verdict for r in first]
    assert session.scalar(select(func.count(Answer.id))) == 5
    reps = session.scalars(select(CardState.reps).where(CardState.reps > 0)).all()
    assert sorted(reps) == [1] * 5


def test_the_same_answer_twice_in_one_batch(session: Session, world: World) -> None:
    item = _items(session, world)[0]
    one = answer(item.id, "kan_det", NOW)
    results = svc.submit_answers(session, world.participant_id, [one, one], now=NOW)
    assert [r.status for r in results] == ["stored", "duplicate"]
    assert session.scalar(select(func.count(Answer.id))) == 1


def test_server_grades_and_explains(session: Session, world: World) -> None:
    items = _items(session, world)
    article = (
        next(i for i in items if i.type == "article" and i.lemma == "hylle")
        if any(i.type == "article" and i.lemma == "hylle" for i in items)
        else None
    )
    typed = next(i for i in items if i.answer_mode == "typed")
    wrong = svc.submit_answers(
        session, world.participant_id, [answer(typed.id, "feil svar her", NOW)], now=NOW
    )[0]
    assert wrong.status == "stored" and wrong.correct is False
    stored = session.scalar(select(Answer).where(Answer.client_id == wrong.client_id))
    assert stored is not None and stored.rating == 1 and stored.response == "feil svar her"
    if article is not None:  # ei and en hylle are both right
        for choice in ("ei", "en"):
            r = svc.submit_answers(
                session, world.participant_id, [answer(article.id, choice, NOW)], now=NOW
            )[0]
            assert r.correct is True


def test_unknown_items_and_bad_flashcard_answers_are_rejected(
    session: Session, world: World
) -> None:
    flashcard = next(i for i in _items(session, world) if i.type == "flashcard")
    results = svc.submit_answers(
        session,
        world.participant_id,
        [answer("0000000000000000", "x", NOW), answer(flashcard.id, "kanskje", NOW)],
        now=NOW,
    )
    assert [(r.status, r.error) for r in results] == [
        ("rejected", "unknown_item"),
        ("rejected", "invalid_answer"),
    ]
    assert session.scalar(select(func.count(Answer.id))) == 0


def test_answers_arriving_out_of_order_are_replayed_in_answer_order(
    session: Session, world: World
) -> None:
    item = next(i for i in _items(session, world) if i.type == "flashcard")
    t1, t2, t3 = (NOW + dt.timedelta(hours=h) for h in (1, 2, 30))
    late_first = answer(item.id, "kan_det", t2)
    svc.submit_answers(session, world.participant_id, [late_first], now=t3)
    session.commit()
    # An answer given earlier (offline phone) arrives afterwards.
    early = answer(item.id, "igjen", t1)
    svc.submit_answers(session, world.participant_id, [early], now=t3)
    later = answer(item.id, "kan_det", t3)
    svc.submit_answers(session, world.participant_id, [later], now=t3)
    session.commit()
    card = session.scalar(select(CardState).where(CardState.item_key == item.id))
    assert card is not None
    created = card.created_at
    expected, _ = replay_reviews(
        item.id,
        [
            AnswerEvent(early.client_id, item.id, 1, t1),
            AnswerEvent(late_first.client_id, item.id, 3, t2),
            AnswerEvent(later.client_id, item.id, 3, t3),
        ],
        created_at=created,
        safety=card.safety,
    )
    got = SchedState.from_dict(card.state)
    assert got == expected
    assert card.reps == 3 and card.due == expected.due
    assert card.last_review_at == t3


def test_a_batch_is_applied_oldest_first(session: Session, world: World) -> None:
    item = next(i for i in _items(session, world) if i.type == "flashcard")
    t1, t2 = NOW + dt.timedelta(minutes=1), NOW + dt.timedelta(minutes=12)
    second, first = answer(item.id, "kan_det", t2), answer(item.id, "igjen", t1)
    results = svc.submit_answers(session, world.participant_id, [second, first], now=t2)
    assert [r.client_id for r in results] == [second.client_id, first.client_id]
    card = session.scalar(select(CardState).where(CardState.item_key == item.id))
    assert card is not None and card.reps == 2
    expected, _ = replay_reviews(
        item.id,
        [
            AnswerEvent(first.client_id, item.id, 1, t1),
            AnswerEvent(second.client_id, item.id, 3, t2),
        ],
        created_at=card.created_at,
        safety=card.safety,
    )
    assert SchedState.from_dict(card.state) == expected


def test_hooks_see_each_new_answer_once_and_cannot_lose_it(session: Session, world: World) -> None:
    seen: list[tuple[int, str, str]] = []

    def record(s: Session, participant_id: int, row: Answer, item: dict) -> None:
        seen.append((participant_id, row.client_id, item["id"]))

    def broken(s: Session, participant_id: int, row: Answer, item: dict) -> None:
        raise RuntimeError("progress is down")

    item = _items(session, world)[0]
    one = answer(item.id, "kan_det", NOW)
    svc.on_answer_hooks.extend([broken, record])
    try:
        svc.submit_answers(session, world.participant_id, [one], now=NOW)
        svc.submit_answers(session, world.participant_id, [one], now=NOW)
    finally:
        svc.on_answer_hooks.remove(broken)
        svc.on_answer_hooks.remove(record)
    session.commit()
    assert seen == [(world.participant_id, one.client_id, item.id)]
    assert session.scalar(select(func.count(Answer.id))) == 1


def test_personal_data_export_and_erase(session: Session, world: World) -> None:
    from webapp.models import Participant

    item = _items(session, world)[0]
    svc.submit_answers(session, world.participant_id, [answer(item.id, "kan_det", NOW)], now=NOW)
    session.commit()
    person = session.get(Participant, world.participant_id)
    assert person is not None
    data = personal_data.export_participant(session, person, now=NOW)
    assert len(data["practice"]["answers"]) == 1 and data["practice"]["cards"]
    personal_data.erase_participant(session, person)
    session.commit()
    assert session.scalar(select(func.count(Answer.id))) == 0
    assert session.scalar(select(func.count(CardState.id))) == 0


def test_help_language_from_first_language(session: Session) -> None:
    for language, code in (
        ("tigrinja", "ti"),
        ("Dari", "prs"),
        ("ukrainsk", "uk"),
        ("fransk", "en"),
    ):
        w = build(session, language=language)
        assert svc.next_session(session, w.participant_id, now=NOW).help_language == code


def test_terms_removed_from_the_profile_are_not_served(session: Session, world: World) -> None:
    items = _items(session, world)
    session.commit()
    hylle_terms = session.scalars(select(ProfileTerm).where(ProfileTerm.lemma == "hylle")).all()
    for term in hylle_terms:
        term.status = "rejected"
    session.commit()
    svc.clear_generation_cache()
    view = svc.next_session(session, world.participant_id, now=NOW + dt.timedelta(days=2))
    assert "hylle" not in {i.item.lemma for i in view.items}
    assert items  # they were served before


# --- concurrency (PostgreSQL) ----------------------------------------------------------------


def _is_postgres(app: Flask) -> bool:
    with app.app_context():
        return db.engine.dialect.name == "postgresql"


@pytest.mark.postgres
def test_two_devices_answer_the_same_item_at_once(app: Flask) -> None:
    """Device B blocks on the card A is updating; A commits; B retries and keeps both answers."""
    if not _is_postgres(app):
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgresql+psycopg://...)")
    with app.app_context():
        w = build(db.session)
        item = next(
            i.item
            for i in svc.next_session(db.session, w.participant_id, now=NOW).items
            if i.item.type == "flashcard"
        )
        db.session.commit()
        engine = db.engine
        a_answer = answer(item.id, "igjen", NOW + dt.timedelta(minutes=2))
        b_answer = answer(item.id, "kan_det", NOW + dt.timedelta(minutes=1))  # answered earlier
        a = Session(engine)
        results: dict[str, list[svc.AnswerResult]] = {}
        errors: list[BaseException] = []
        svc.submit_answers(a, w.participant_id, [a_answer], now=NOW + dt.timedelta(minutes=3))

        def device_b() -> None:
            b = Session(engine)
            try:
                results["b"] = svc.submit_answers(
                    b, w.participant_id, [b_answer], now=NOW + dt.timedelta(minutes=3)
                )
                b.commit()
            except BaseException as e:  # surfaced below
                errors.append(e)
                b.rollback()
            finally:
                b.close()

        thread = threading.Thread(target=device_b)
        thread.start()
        thread.join(timeout=1.0)
        assert thread.is_alive(), "B should wait for A's row lock"
        a.commit()
        a.close()
        thread.join(timeout=10)
        assert not errors, errors
        assert results["b"][0].status == "stored"

        check = Session(engine)
        card = check.scalar(select(CardState).where(CardState.item_key == item.id))
        assert card is not None and card.reps == 2 and card.lock_version == 3
        assert check.scalar(select(func.count(Answer.id))) == 2
        expected, _ = replay_reviews(
            item.id,
            [
                AnswerEvent(b_answer.client_id, item.id, 3, b_answer.answered_at),
                AnswerEvent(a_answer.client_id, item.id, 1, a_answer.answered_at),
            ],
            created_at=card.created_at,
            safety=card.safety,
        )
        assert SchedState.from_dict(card.state) == expected
        check.close()


@pytest.mark.postgres
def test_the_same_answer_from_two_requests_at_once_is_stored_once(app: Flask) -> None:
    if not _is_postgres(app):
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgresql+psycopg://...)")
    with app.app_context():
        w = build(db.session)
        item = svc.next_session(db.session, w.participant_id, now=NOW).items[0].item
        db.session.commit()
        engine = db.engine
        same = answer(item.id, right_answer(item), NOW)
        a = Session(engine)
        first = svc.submit_answers(a, w.participant_id, [same], now=NOW)
        out: dict[str, list[svc.AnswerResult]] = {}

        def replay() -> None:
            b = Session(engine)
            out["b"] = svc.submit_answers(b, w.participant_id, [same], now=NOW)
            b.commit()
            b.close()

        thread = threading.Thread(target=replay)
        thread.start()
        thread.join(timeout=1.0)
        a.commit()
        a.close()
        thread.join(timeout=10)
        assert first[0].status == "stored" and out["b"][0].status == "duplicate"
        check = Session(engine)
        assert check.scalar(select(func.count(Answer.id))) == 1
        check.close()


@pytest.mark.postgres
def test_many_devices_answering_one_item_lose_nothing(app: Flask) -> None:
    """Eight sessions answer the same item at the same moment: eight answers, one replayed state."""
    if not _is_postgres(app):
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgresql+psycopg://...)")
    with app.app_context():
        w = build(db.session)
        item = next(
            i.item
            for i in svc.next_session(db.session, w.participant_id, now=NOW).items
            if i.item.type == "flashcard"
        )
        db.session.commit()
        engine = db.engine
        sent = [
            answer(item.id, "kan_det" if n % 2 else "igjen", NOW + dt.timedelta(seconds=10 * n))
            for n in range(8)
        ]
        barrier = threading.Barrier(len(sent))
        statuses: list[str] = []
        errors: list[BaseException] = []

        def device(one: svc.AnswerIn) -> None:
            s = Session(engine)
            try:
                barrier.wait(timeout=10)
                statuses.extend(
                    r.status for r in svc.submit_answers(s, w.participant_id, [one], now=NOW)
                )
                s.commit()
            except BaseException as e:  # surfaced below
                errors.append(e)
                s.rollback()
            finally:
                s.close()

        threads = [threading.Thread(target=device, args=(one,)) for one in sent]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
        assert not errors, errors
        assert statuses == ["stored"] * len(sent)
        check = Session(engine)
        card = check.scalar(select(CardState).where(CardState.item_key == item.id))
        assert card is not None and card.reps == len(sent)
        expected, _ = replay_reviews(
            item.id,
            [
                AnswerEvent(a.client_id, item.id, 3 if n % 2 else 1, a.answered_at)
                for n, a in enumerate(sent)
            ],
            created_at=card.created_at,
            safety=card.safety,
        )
        assert SchedState.from_dict(card.state) == expected
        check.close()
