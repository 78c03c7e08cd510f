"""Progress services: skill estimates, coverage, readiness, mapping, outcomes, mentor workspace."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from exercises.scheduling import CardState as SchedState
from exercises.scheduling import Rating, retrievability, review
from interviews.feedback import estimate_level
from progress.dashboard import participant_summary
from progress.estimator import BANDS, SkillState, estimate, update_skills
from progress.mapping import load_word_bank
from tests import factories
from webapp.models import (
    CardState,
    Employer,
    EvidenceRecord,
    InterviewAnswer,
    InterviewSession,
    MappingRecord,
    Mentor,
    MentorRecording,
    Organisation,
    Participant,
    PlacementNote,
    ProfileTerm,
    ProfileVersion,
    ProgrammeOutcome,
    ProgressSnapshot,
    SchoolClass,
    SkillStateRow,
)
from webapp.services import mapping as mapping_svc
from webapp.services import mentor as mentor_svc
from webapp.services import outcomes as outcome_svc
from webapp.services import personal_data
from webapp.services import practice as practice_svc
from webapp.services import progress as svc
from webapp.services.classes import enrol

NOW = dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC)


@dataclass
class World:
    participant_id: int
    other_id: int
    class_id: int
    employer_id: int
    mentor_id: int
    version_id: int


def build(session: Session, *, terms: object = None) -> World:
    org = factories.make_organisation(session, name="Oslo VO")
    person = factories.make_participant(session, org, full_name="Amina Yusuf")
    other = factories.make_participant(session, org, full_name="Olena Kovalenko")
    kull = factories.make_class(session, org, name="Hurtigspor høst")
    enrol(session, kull, person, joined_on=dt.date(2026, 8, 17))
    enrol(session, kull, other, joined_on=dt.date(2026, 8, 17))
    employer = factories.make_employer(session, org, name="Nordlager AS", sector="lager")
    mentor = factories.make_mentor(session, org, employer)
    factories.make_placement(session, person, employer, mentor=mentor)
    factories.make_placement(session, other, employer)
    version = factories.make_published_profile(session, employer, terms=terms)
    session.commit()
    return World(person.id, other.id, kull.id, employer.id, mentor.id, version.id)


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    practice_svc.clear_generation_cache()


@pytest.fixture
def world(session: Session) -> World:
    return build(session)


def known_card(
    session: Session, participant_id: int, lemma: str, *, reviewed: dt.datetime, good: int = 3
) -> CardState:
    """A card for ``lemma`` answered right ``good`` times, days apart, the last at ``reviewed``."""
    key = uuid.uuid4().hex[:16]
    state = SchedState.new(key, now=reviewed - dt.timedelta(days=30))
    for i in range(good, 0, -1):
        state, _ = review(state, Rating.Good, reviewed - dt.timedelta(days=4 * (i - 1)))
    row = CardState(
        participant_id=participant_id,
        item_key=key,
        item_type="meaning",
        term_lemma=lemma,
        item={},
        state=state.to_dict(),
        due=state.due,
        reps=state.reps,
        last_review_at=state.last_review,
        created_at=reviewed - dt.timedelta(days=30),
    )
    session.add(row)
    session.flush()
    return row


# --- coverage ------------------------------------------------------------------------------------


def test_coverage_is_weighted_by_workplace_counts_and_counts_safety_words(session: Session) -> None:
    terms = [
        {"lemma": "pall", "pos": "NOUN", "count": 30},
        {"lemma": "hylle", "pos": "NOUN", "count": 10},
        {"lemma": "vernesko", "pos": "NOUN", "count": 5, "safety": True},
        {"lemma": "truck", "pos": "NOUN", "count": 5, "safety": True},
    ]
    w = build(session, terms=terms)
    known_card(session, w.participant_id, "pall", reviewed=NOW - dt.timedelta(hours=2))
    known_card(session, w.participant_id, "vernesko", reviewed=NOW - dt.timedelta(hours=2))
    # Practised long ago: recall has dropped below 0.9, so it does not count as known now.
    old = known_card(session, w.participant_id, "hylle", reviewed=NOW - dt.timedelta(days=200))
    assert retrievability(SchedState.from_dict(old.state), NOW) < 0.9
    progress = svc.participant_progress(session, w.participant_id, now=NOW)
    coverage = progress.summary.coverage
    assert coverage is not None
    assert coverage.share == pytest.approx((30 + 5) / 50)
    assert coverage.percent == 70
    assert (coverage.safety_known, coverage.safety_total) == (1, 2)
    assert progress.summary.coverage_text == (
        "Du kan 2 av 4 ord fra jobben. Av 100 ord du hører på jobben, kan du 70."
    )
    assert coverage.unknown_safety == ("truck",)


def test_coverage_trend_uses_daily_snapshots(session: Session, world: World) -> None:
    svc.participant_progress(session, world.participant_id, now=NOW - dt.timedelta(days=8))
    for lemma in ("hylle", "pall", "lager"):
        known_card(session, world.participant_id, lemma, reviewed=NOW - dt.timedelta(hours=1))
    progress = svc.participant_progress(session, world.participant_id, now=NOW)
    assert len(progress.snapshots) == 2
    assert progress.trend.direction == "up"
    assert progress.trend.change == pytest.approx(3 / 8)
    # A second look the same day updates that day's snapshot instead of adding one.
    again = svc.participant_progress(session, world.participant_id, now=NOW + dt.timedelta(hours=1))
    assert len(again.snapshots) == 2


def test_no_published_profile_means_no_coverage(session: Session) -> None:
    org = factories.make_organisation(session)
    person = factories.make_participant(session, org)
    session.flush()
    progress = svc.participant_progress(session, person.id, now=NOW)
    assert progress.summary.coverage is None and progress.published is None
    assert not progress.summary.readiness.ready


# --- skill estimates ---------------------------------------------------------------------------


def _right(item: object) -> object:
    from exercises.items import ExerciseItem

    assert isinstance(item, ExerciseItem)
    if item.answer_mode == "self":
        return "kan_det"
    if item.answer_mode == "order":
        return tuple(item.accepted[0].rstrip(".!?").split())
    return item.accepted[0]


def test_practice_answers_update_skill_estimates_through_the_hook(
    session: Session, world: World
) -> None:
    assert svc.record_practice_answer in practice_svc.on_answer_hooks
    view = practice_svc.next_session(session, world.participant_id, now=NOW)
    session.commit()
    answers = [
        practice_svc.AnswerIn(
            str(uuid.uuid4()), i.item.id, _right(i.item), NOW + dt.timedelta(seconds=n), 3000
        )
        for n, i in enumerate(view.items)
    ]
    results = practice_svc.submit_answers(
        session, world.participant_id, answers, now=NOW + dt.timedelta(minutes=5)
    )
    session.commit()
    stored = [r for r in results if r.status == "stored"]
    assert stored
    rows = {
        r.skill: r
        for r in session.scalars(
            select(SkillStateRow).where(SkillStateRow.participant_id == world.participant_id)
        )
    }
    evidence = session.scalars(
        select(EvidenceRecord).where(EvidenceRecord.participant_id == world.participant_id)
    ).all()
    assert len(evidence) == len(stored)  # one record per stored answer, flashcards included
    tested = [e for e in evidence if e.kinds]
    assert tested, "the session should contain at least one non-flashcard item"
    assert rows and sum(r.n_answers for r in rows.values()) >= len(tested)
    # All answers right: every estimated skill moved up from the A2-centred prior.
    for row in rows.values():
        assert row.theta is not None and row.theta > -0.5
    # A replayed batch is no new evidence.
    practice_svc.submit_answers(session, world.participant_id, answers, now=NOW)
    again = session.scalars(
        select(EvidenceRecord).where(EvidenceRecord.participant_id == world.participant_id)
    ).all()
    assert len(again) == len(evidence)


def test_wrong_answers_lower_the_estimate_and_difficulty_matters() -> None:
    right = svc.evidence_from_item({"type": "cloze", "level": "B1", "expected": "a b c"}, score=1.0)
    assert [e.kind for e in right] == ["cloze", "typed"]
    choice = svc.evidence_from_item(
        {"type": "meaning", "level": "A2", "answer_mode": "choice", "options": ["a", "b", "c"]},
        score=0.0,
    )
    assert choice[0].options == 3
    assert svc.evidence_from_item({"type": "flashcard", "level": "A1"}, score=1.0) == []


def test_single_word_exercises_at_b2_word_level_do_not_give_b2() -> None:
    items = [
        {"type": "meaning", "level": "B2", "answer_mode": "choice", "options": list("abcd")},
        {"type": "article", "level": "B2"},
        {"type": "inflection", "level": "B2"},
        {"type": "listening", "level": "B2"},
        {"type": "cloze", "level": "B2", "expected": "pallen"},
    ]
    states: dict[str, SkillState] = {}
    for n in range(200):
        for answer in svc.evidence_from_item(items[n % len(items)], score=1.0):
            assert answer.single_word
            states = update_skills(states, answer)
    assert {"listening", "reading", "writing"} <= set(states)
    assert all(estimate(state).level != "B2" for state in states.values())
    long_dictation = svc.evidence_from_item(
        {"type": "dictation", "level": "B2", "expected": "Husk å skrive avviket før du går"},
        score=1.0,
    )
    assert long_dictation and not any(a.single_word for a in long_dictation)


def test_two_weeks_of_word_exercises_show_a2_at_most_and_sentences_lift_it() -> None:
    """UX review item 4: word exercises at 65-70 % right showed B2 and "Mål nådd!"."""
    words = [
        {"type": "meaning", "level": "B1", "answer_mode": "choice", "options": list("abcd")},
        {"type": "article", "level": "A2"},
        {"type": "inflection", "level": "B2"},
        {"type": "listening", "level": "B1", "answer_mode": "choice", "options": list("abc")},
        {
            "type": "cloze",
            "level": "B1",
            "expected": "pallen",
            "extra": {"sentence": "Hent pallen."},
        },
        {"type": "flashcard", "level": "B2"},  # self-rated: no evidence at all
        {"type": "dictation", "level": "B1", "expected": "Ta pallen"},  # too short: a word item
    ]
    states: dict[str, SkillState] = {}
    for n in range(420):  # about 30 a day for two weeks, two in three right
        for answer in svc.evidence_from_item(words[n % len(words)], score=float(n % 3 != 0)):
            assert answer.single_word
            states = update_skills(states, answer)
    assert set(states) == {"listening", "reading", "writing"}
    summary = participant_summary(participant="Mohammed", now=NOW, skill_states=states)
    for skill in ("listening", "reading", "writing"):
        row = summary.skill(skill)
        assert row.estimate is not None and row.estimate.level == "A2", skill
        assert row.target == "B1" and not row.progress.reached  # no "Mål nådd!"
    # Sentence-level practice (dictated sentences, word order) at a B1 learner's rate lifts it.
    sentences = [
        ("dictation", "A2", 1.0),
        ("dictation", "B1", 1.0),
        ("word_order", "B1", 0.0),
        ("dictation", "B2", 0.0),
        ("word_order", "A2", 1.0),
        ("dictation", "B1", 0.0),
    ]
    text = "Husk å skrive avviket i boka før du går hjem"
    for n in range(60):
        item_type, level, score = sentences[n % len(sentences)]
        item = {"type": item_type, "level": level, "expected": text}
        for answer in svc.evidence_from_item(item, score=score):
            assert not answer.single_word and answer.sentence_words == 10
            states = update_skills(states, answer)
    summary = participant_summary(participant="Mohammed", now=NOW, skill_states=states)
    for skill in ("listening", "reading", "writing"):
        row = summary.skill(skill)
        assert row.estimate is not None and row.estimate.level == "B1", skill
        assert row.progress.reached


def test_situation_and_interview_answers_are_sentence_level() -> None:
    (situation,) = svc.evidence_from_item(
        {"type": "situation", "level": "A2", "expected": "Kan du hjelpe meg med pallen?"},
        score=1.0,
    )
    assert situation.kind == "situation" and not situation.single_word
    cloze = svc.evidence_from_item(
        {
            "type": "cloze",
            "level": "A2",
            "expected": "pallen",
            "extra": {"sentence": "Sett pallen ved døra."},
        },
        score=1.0,
    )
    assert [a.sentence_words for a in cloze] == [4, 4]  # the sentence, not the answer word
    # Hearing a whole phrase is sentence-level listening; hearing a word is word-level.
    (heard,) = svc.evidence_from_item(
        {
            "type": "listening",
            "variant": "phrase",
            "level": "A2",
            "expected": "Pass på, trucken rygger!",
            "options": ["a", "b", "c"],
            "answer_mode": "choice",
        },
        score=1.0,
    )
    assert heard.kind == "listening" and not heard.single_word and heard.sentence_words == 4
    (word,) = svc.evidence_from_item(
        {"type": "listening", "variant": "form", "level": "A2", "expected": "pall"}, score=1.0
    )
    assert word.single_word


def test_a_clean_a2_model_answer_counts_as_a2_evidence() -> None:
    text = "Jeg har vondt i ryggen. Jeg kan ikke jobbe i dag. Jeg tar egenmelding."
    level, _ = estimate_level(text)
    answer = InterviewAnswer(text=text, spoken=True, level=level, error_count=0)
    (evidence,) = svc.interview_evidence(answer)
    assert (evidence.kind, evidence.level, evidence.score) == ("interview", "A2", 1.0)
    assert not evidence.single_word


def test_interview_answers_are_oral_evidence_once(session: Session, world: World) -> None:
    started = InterviewSession(
        participant_id=world.participant_id,
        scenario_key="interview",
        title="Jobbintervju",
        kind="interview",
        mode="practice",
        started_at=NOW - dt.timedelta(hours=1),
        finished_at=NOW - dt.timedelta(minutes=30),
    )
    session.add(started)
    session.flush()
    for n in range(3):
        session.add(
            InterviewAnswer(
                session_id=started.id,
                participant_id=world.participant_id,
                client_id=f"c{n}",
                turn_index=n,
                turn_id=f"t{n}",
                prompt="Fortell om deg selv.",
                text="Jeg heter Amina og jeg har jobbet på et lager i tre år.",
                spoken=True,
                level="B1",
                error_count=0,
                answered_at=NOW - dt.timedelta(minutes=40 - n),
            )
        )
    session.flush()
    progress = svc.participant_progress(session, world.participant_id, now=NOW)
    oral = progress.summary.skill("oral").estimate
    assert oral is not None and oral.n_answers == 3
    assert progress.interview_sessions == 1
    again = svc.participant_progress(session, world.participant_id, now=NOW)
    assert again.summary.skill("oral").estimate.n_answers == 3  # type: ignore[union-attr]


# --- targets and readiness ---------------------------------------------------------------------


def test_targets_default_b1_employer_requirement_and_teacher_override(
    session: Session, world: World
) -> None:
    assert dict(svc.participant_targets(session, world.participant_id).levels) == dict.fromkeys(
        ("listening", "reading", "writing", "oral"), "B1"
    )
    svc.save_employer_requirement(session, world.employer_id, {"writing": "A2"}, now=NOW)
    targets = svc.participant_targets(session, world.participant_id)
    assert targets.target("writing") == "A2" and targets.target("oral") == "B1"
    assert targets.source == "employer"
    svc.save_participant_targets(
        session, world.participant_id, {"oral": "B2", "reading": ""}, set_by_id=None, now=NOW
    )
    targets = svc.participant_targets(session, world.participant_id)
    assert targets.target("oral") == "B2" and targets.target("writing") == "A2"
    assert targets.source == "teacher"
    with pytest.raises(svc.ProgressServiceError):
        svc.save_participant_targets(
            session, world.participant_id, {"oral": "C1"}, set_by_id=None, now=NOW
        )


def test_readiness_follows_the_class_thresholds(session: Session, world: World) -> None:
    for term in factories.WAREHOUSE_TERMS:
        known_card(
            session, world.participant_id, term["lemma"], reviewed=NOW - dt.timedelta(hours=1)
        )
    default = svc.participant_progress(session, world.participant_id, now=NOW).summary.readiness
    assert not default.ready  # interview practice (3) and skill levels are still missing
    missing = {c.key for c in default.missing}
    assert {"interview", "skill:listening", "skill:oral"} <= missing
    assert {"coverage", "safety"} <= {c.key for c in default.met}
    svc.save_class_thresholds(
        session,
        world.class_id,
        coverage=0.8,
        safety_share=1.0,
        interview_sessions=0,
        skill_levels={},
        now=NOW,
    )
    ready = svc.participant_progress(session, world.participant_id, now=NOW).summary.readiness
    assert ready.ready and ready.label == "Klar for praksis"
    # The other participant knows no words: not ready under the same thresholds.
    other = svc.participant_progress(session, world.other_id, now=NOW).summary.readiness
    assert not other.ready and {c.key for c in other.missing} == {"coverage", "safety"}


def test_class_progress_sorts_and_lists_words_the_class_lacks(
    session: Session, world: World
) -> None:
    known_card(session, world.participant_id, "hylle", reviewed=NOW - dt.timedelta(hours=1))
    known_card(session, world.participant_id, "pall", reviewed=NOW - dt.timedelta(hours=1))
    known_card(session, world.other_id, "hylle", reviewed=NOW - dt.timedelta(hours=1))
    kull = session.get(SchoolClass, world.class_id)
    data = svc.class_progress(session, kull, now=NOW, sort="coverage", descending=True)
    assert [r.name for r in data.rows] == ["Amina Yusuf", "Olena Kovalenko"]
    lemmas = [lemma for lemma, _share in data.unknown_terms]
    assert "hylle" not in lemmas[:6] and lemmas.index("pall") > lemmas.index("vernesko")
    assert dict(data.unknown_terms)["pall"] == pytest.approx(0.5)
    assert data.inactive == ()  # enrolled today
    # Nobody has answered in practice: both are flagged once 5 days have passed.
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=6)
    data = svc.class_progress(session, kull, now=later)
    assert {r.name for r in data.inactive} == {"Amina Yusuf", "Olena Kovalenko"}
    with pytest.raises(svc.ProgressServiceError):
        svc.class_progress(session, kull, now=NOW, sort="shoe size")


# --- mapping -----------------------------------------------------------------------------------


def test_mapping_flow_gives_a_level_sectors_and_seeds_estimates(
    session: Session, world: World
) -> None:
    person = session.get(Participant, world.participant_id)
    assert mapping_svc.needs_mapping(session, person.id, today=NOW.date())
    row = mapping_svc.save_background(
        session,
        person,
        languages=["tigrinja", "arabisk"],
        education="12 år skole",
        previous_occupation="sjåfør",
        wanted_work="lager",
        now=NOW,
    )
    assert row.suggested_sectors[0] == "lager" and "transport" in row.suggested_sectors
    assert person.first_language == "tigrinja"
    bank = load_word_bank()
    asked = 0
    while (step := mapping_svc.current_step(row)).word is not None:
        # A strong reader: knows every real word, says no to the invented ones.
        real = bank.real(step.word) is not None
        mapping_svc.answer_word(session, row, word=step.word, knows=real, now=NOW)
        asked += 1
        assert asked <= 40
    result = mapping_svc.result_of(row)
    assert row.status == "done" and result is not None and result.reliable
    assert row.level in ("B1", "B2") and 20 <= asked <= 24
    assert not mapping_svc.needs_mapping(session, person.id, today=NOW.date())
    # A weak start (knows nothing) gives a lower level.
    other = session.get(Participant, world.other_id)
    weak = mapping_svc.save_background(
        session,
        other,
        languages=["somali"],
        education=None,
        previous_occupation=None,
        wanted_work=None,
        now=NOW,
    )
    while (step := mapping_svc.current_step(weak)).word is not None:
        mapping_svc.answer_word(session, weak, word=step.word, knows=False, now=NOW)
    assert BANDS.index(weak.level) < BANDS.index(row.level)
    # A stale page (an old word) is ignored; the finished check takes no answers.
    with pytest.raises(mapping_svc.MappingError):
        mapping_svc.answer_word(session, row, word="pall", knows=True, now=NOW)
    corrected = mapping_svc.correct_mapping(
        session,
        person,
        level="A2",
        sectors=["butikk"],
        note="Snakker godt.",
        user_id=person.user_id,
        now=NOW,
    )
    assert corrected.level == "A2" and mapping_svc.sectors_of(corrected) == ["butikk"]
    assert mapping_svc.result_of(corrected).corrected_by_teacher  # type: ignore[union-attr]
    # The first evidence starts from the mapping's level, not the generic prior.
    svc.apply_evidence(
        session,
        person.id,
        source="practice",
        source_id=999,
        answers=svc.evidence_from_item({"type": "listening", "level": "A2"}, score=1.0),
        answered_at=NOW,
        now=NOW,
    )
    states = svc.load_skill_states(session, person.id)
    assert set(states) == {"listening", "reading", "writing", "oral"}


def test_skipping_the_mapping_stops_the_redirect(session: Session, world: World) -> None:
    person = session.get(Participant, world.participant_id)
    mapping_svc.skip_mapping(session, person, now=NOW)
    assert not mapping_svc.needs_mapping(session, person.id, today=NOW.date())
    lone = factories.make_participant(session, factories.make_organisation(session))
    assert not mapping_svc.needs_mapping(session, lone.id, today=NOW.date())  # not in a class


# --- outcomes ------------------------------------------------------------------------------------


def test_outcome_report_csv_and_anonymous_survival(session: Session, world: World) -> None:
    kull = session.get(SchoolClass, world.class_id)
    amina = session.get(Participant, world.participant_id)
    olena = session.get(Participant, world.other_id)
    outcome_svc.record_outcome(
        session,
        amina,
        category="fast_jobb",
        exit_date=dt.date(2026, 11, 1),
        school_class=kull,
        site="Helsfyr",
        recorded_by_id=None,
        today=NOW.date(),
    )
    outcome_svc.record_outcome(
        session,
        olena,
        category="Avbrutt",
        exit_date=dt.date(2026, 10, 1),
        school_class=kull,
        site="Helsfyr",
        recorded_by_id=None,
        today=NOW.date(),
    )
    # Recording again corrects the participant's outcome instead of adding one.
    outcome_svc.record_outcome(
        session,
        olena,
        category="utdanning",
        exit_date=dt.date(2026, 10, 1),
        school_class=kull,
        site="Helsfyr",
        recorded_by_id=None,
        today=NOW.date(),
    )
    with pytest.raises(outcome_svc.OutcomeError):
        outcome_svc.record_outcome(
            session,
            olena,
            category="lottogevinst",
            exit_date=dt.date(2026, 10, 1),
            school_class=kull,
            site="",
            recorded_by_id=None,
            today=NOW.date(),
        )
    report = outcome_svc.outcome_report(session, amina.organisation_id, by="class")
    assert [g.key for g in report.groups] == ["Hurtigspor høst"]
    assert report.groups[0].share == 1.0 and report.groups[0].meets_target
    csv_text = outcome_svc.report_csv(report)
    lines = csv_text.strip().splitlines()
    assert lines[0].startswith("gruppe;antall;Fast jobb;Midlertidig jobb;Praksis;Utdanning")
    assert lines[1].startswith("Hurtigspor høst;2;1;0;0;1;0;0;2;100,0;ja")
    assert lines[-1].startswith("Alle;2;")
    by_period = outcome_svc.outcome_report(
        session, amina.organisation_id, by="period", period="month", start=dt.date(2026, 10, 15)
    )
    assert [(g.key, g.total) for g in by_period.groups] == [("2026-11", 1)]

    personal_data.erase_participant(session, amina)
    session.commit()
    rows = session.scalars(select(ProgrammeOutcome)).all()
    assert len(rows) == 2 and sum(r.participant_id is None for r in rows) == 1
    after = outcome_svc.outcome_report(session, olena.organisation_id, by="site")
    assert [(g.key, g.total, g.work_or_education) for g in after.groups] == [("Helsfyr", 2, 2)]


def test_erasing_a_participant_removes_progress_mapping_and_notes(
    session: Session, world: World
) -> None:
    person = session.get(Participant, world.participant_id)
    mentor = session.get(Mentor, world.mentor_id)
    mapping_svc.skip_mapping(session, person, now=NOW)
    svc.participant_progress(session, person.id, now=NOW)
    svc.save_participant_targets(session, person.id, {"oral": "B1"}, set_by_id=None, now=NOW)
    mentor_svc.save_note(
        session,
        mentor,
        person.id,
        went_well="Hun hilser på alle.",
        challenges="",
        missing_words="jekketralle",
        now=NOW,
    )
    exported = personal_data.export_participant(session, person, now=NOW)
    assert exported["mentor_notes"][0]["missing_words"] == ["jekketralle"]
    assert exported["mapping"]["status"] == "skipped"
    assert exported["progress"]["targets"] == {"oral": "B1"}
    personal_data.erase_participant(session, person)
    session.commit()
    for model in (MappingRecord, PlacementNote, ProgressSnapshot, SkillStateRow):
        assert session.scalars(select(model)).all() == [], model.__name__


def test_export_gives_the_capped_level_not_a_stale_stored_one(
    session: Session, world: World
) -> None:
    state = None
    for _ in range(200):  # word items only, all right, stored as "B2" before the cap existed
        state = update_skills(
            {} if state is None else {"reading": state},
            svc.evidence_from_item({"type": "meaning", "level": "B2"}, score=1.0)[0],
        )["reading"]
    assert state is not None
    session.add(
        SkillStateRow(
            participant_id=world.participant_id,
            skill="reading",
            state=state.to_dict(),
            level="B2",
            n_answers=state.n_answers,
        )
    )
    session.flush()
    person = session.get(Participant, world.participant_id)
    exported = personal_data.export_participant(session, person, now=NOW)
    assert exported["progress"]["skills"] == [{"skill": "reading", "level": "A2", "n_answers": 200}]


# --- mentor ------------------------------------------------------------------------------------


def test_mentor_sees_own_mentees_with_readiness_and_coverage_only(
    session: Session, world: World
) -> None:
    mentor = session.get(Mentor, world.mentor_id)
    people = mentor_svc.mentees(session, mentor, now=NOW)
    assert [m.name for m in people] == ["Amina Yusuf"]  # Olena has no mentor
    view = people[0].view
    assert view.coverage_percent == 0 and view.readiness_label == "Ikke klar for praksis ennå"
    assert not hasattr(view, "skills") and not hasattr(view, "activity")
    with pytest.raises(mentor_svc.NotYours):
        mentor_svc.mentee(session, mentor, world.other_id, now=NOW)
    with pytest.raises(mentor_svc.NotYours):
        mentor_svc.save_note(
            session,
            mentor,
            world.other_id,
            went_well="x",
            challenges="",
            missing_words="",
            now=NOW,
        )


def test_recordings_are_limited_to_own_workplace_type_and_size(
    session: Session, world: World, tmp_path: Path
) -> None:
    mentor = session.get(Mentor, world.mentor_id)
    text = "Hvor skal jeg sette pallen?"
    row = mentor_svc.save_recording(
        session,
        mentor,
        text=text,
        data=b"\x1aE\xdf\xa3webm",
        mime_type="audio/webm;codecs=opus",
        recordings_dir=tmp_path,
        now=NOW,
    )
    assert (tmp_path / row.filename).read_bytes() == b"\x1aE\xdf\xa3webm"
    assert row.mime_type == "audio/webm" and row.employer_id == world.employer_id
    again = mentor_svc.save_recording(
        session,
        mentor,
        text=text.upper(),
        data=b"ny",
        mime_type="audio/ogg",
        recordings_dir=tmp_path,
        now=NOW,
    )
    assert session.scalars(select(MentorRecording)).all() == [again]  # replaced, file removed
    assert not (tmp_path / row.filename).exists()
    with pytest.raises(mentor_svc.MentorError):
        mentor_svc.save_recording(
            session,
            mentor,
            text=text,
            data=b"x",
            mime_type="video/mp4",
            recordings_dir=tmp_path,
            now=NOW,
        )
    with pytest.raises(mentor_svc.MentorError):
        mentor_svc.save_recording(
            session,
            mentor,
            text=text,
            data=b"x" * (mentor_svc.MAX_RECORDING_BYTES + 1),
            mime_type="audio/webm",
            recordings_dir=tmp_path,
            now=NOW,
        )
    with pytest.raises(mentor_svc.NotYours):
        mentor_svc.save_recording(
            session,
            mentor,
            text="Dette står ikke i profilen.",
            data=b"x",
            mime_type="audio/webm",
            recordings_dir=tmp_path,
            now=NOW,
        )
    # Words of another employer's profile are not this mentor's to record.
    org = session.get(Employer, world.employer_id).organisation_id
    other_employer = factories.make_employer(
        session, session.get(Organisation, org), name="Furuly sykehjem"
    )
    other_mentor = factories.make_mentor(session, session.get(Organisation, org), other_employer)
    with pytest.raises(mentor_svc.NotYours):
        mentor_svc.save_recording(
            session,
            other_mentor,
            text=text,
            data=b"x",
            mime_type="audio/webm",
            recordings_dir=tmp_path,
            now=NOW,
        )
    mentor_svc.delete_recording(session, mentor, again.id, recordings_dir=tmp_path)
    assert session.scalars(select(MentorRecording)).all() == []


def test_daily_use_suggestions_and_note_words_into_the_draft(
    session: Session, world: World
) -> None:
    mentor = session.get(Mentor, world.mentor_id)
    words = mentor_svc.workplace_words(session, mentor)
    assert len(words) == 1
    safety_first = words[0].phrases[0]
    assert safety_first.safety and safety_first.text == "Pass opp, trucken kommer!"
    assert [t.lemma for t in words[0].safety_terms] == ["vernesko", "løfte"]
    mentor_svc.set_daily_use(session, mentor, safety_first.phrase_id, daily=True)
    assert mentor_svc.workplace_words(session, mentor)[0].phrases[0].daily_use
    suggestion = mentor_svc.suggest_change(
        session, mentor, safety_first.phrase_id, "  Pass  deg, trucken kommer! ", now=NOW
    )
    assert suggestion.suggestion == "Pass deg, trucken kommer!"
    assert mentor_svc.open_suggestions(session, [world.employer_id]) == [suggestion]

    note = mentor_svc.save_note(
        session,
        mentor,
        world.participant_id,
        went_well="Hun spør når hun er usikker.",
        challenges="Tall og klokkeslett.",
        missing_words="jekketralle, Plukkliste; pall",
        now=NOW,
    )
    assert note.missing_words == ["jekketralle", "plukkliste", "pall"]
    same_week = mentor_svc.save_note(
        session,
        mentor,
        world.participant_id,
        went_well="Enda bedre.",
        challenges="",
        missing_words="jekketralle, plukkliste, pall",
        now=NOW + dt.timedelta(days=1),
    )
    assert same_week.id == note.id and same_week.went_well == "Enda bedre."
    added = mentor_svc.add_note_words_to_draft(
        session, note, ["jekketralle", "pall", "ikke-i-notatet"], now=NOW
    )
    assert added == ["jekketralle"]  # "pall" is in the profile already
    draft = session.scalar(select(ProfileVersion).where(ProfileVersion.status == "draft"))
    assert draft is not None and draft.number == 2
    lemmas = set(
        session.scalars(select(ProfileTerm.lemma).where(ProfileTerm.version_id == draft.id))
    )
    assert {"jekketralle", "pall", "hylle"} <= lemmas
    new_term = session.scalar(
        select(ProfileTerm).where(
            ProfileTerm.version_id == draft.id, ProfileTerm.lemma == "jekketralle"
        )
    )
    assert new_term.status == "proposed" and new_term.origin == "mentor"
    # The published version is unchanged.
    published = session.get(ProfileVersion, world.version_id)
    assert published.status == "published"
    assert "jekketralle" not in set(
        session.scalars(select(ProfileTerm.lemma).where(ProfileTerm.version_id == published.id))
    )


def test_every_exercise_type_has_an_evidence_rule() -> None:
    from exercises.items import EXERCISE_TYPES
    from progress.skills import EVIDENCE_SKILLS

    assert set(svc.TYPE_EVIDENCE) == set(EXERCISE_TYPES)
    assert all(k in EVIDENCE_SKILLS for kinds in svc.TYPE_EVIDENCE.values() for k in kinds)


def test_recall_in_sql_equals_fsrs_on_every_card(session: Session, world: World) -> None:
    """The database's per-lemma minimum of days/stability gives fsrs's own best recall."""
    import random

    rng = random.Random(7)  # noqa: S311 - test data
    lemmas = ["pall", "Pall", "hylle", "truck", "vernesko", "plukke"]
    expected: dict[int, dict[str, float]] = {world.participant_id: {}, world.other_id: {}}
    for pid in expected:
        for n in range(40):
            lemma = rng.choice(lemmas)
            reviewed = NOW - dt.timedelta(hours=rng.uniform(-30, 24 * 300))  # some "in the future"
            row = known_card(session, pid, lemma, reviewed=reviewed, good=1 + n % 4)
            p = retrievability(SchedState.from_dict(row.state), NOW)
            key = lemma.casefold()
            expected[pid][key] = max(p, expected[pid].get(key, 0.0))
    unreviewed = CardState(
        participant_id=world.other_id,
        item_key="ny-kort",
        item_type="meaning",
        term_lemma="stige",
        item={},
        state={},
        due=NOW,
        reps=0,
    )
    session.add(unreviewed)
    session.flush()
    got = svc.recall_by_participant(session, list(expected), now=NOW)
    assert set(got) == set(expected)
    for pid, recall in expected.items():
        assert set(got[pid]) == set(recall)  # "stige" was never reviewed: no recall at all
        for lemma, p in recall.items():
            assert got[pid][lemma] == pytest.approx(p, abs=1e-9), lemma
    assert svc.recall_by_lemma(session, world.participant_id, now=NOW) == got[world.participant_id]
    assert svc.recall_by_participant(session, [], now=NOW) == {}
