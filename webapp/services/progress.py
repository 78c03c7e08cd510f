"""Progress use cases: skill estimates from answers, workplace coverage, dashboards, readiness.

* Every newly stored practice answer is evidence for the skill estimates: ``record_practice_answer``
  is appended to ``webapp.services.practice.on_answer_hooks``.  Finished interview answers are
  folded in lazily (``fold_interview_answers``) whenever progress is computed.  Each source row is
  recorded once in ``EvidenceRecord`` (unique on source + id), so nothing is counted twice.
* Coverage uses the FSRS recall probability *now* of the participant's reviewed cards, per term
  lemma (the best card of a lemma counts: knowing the word in any exercise means recalling it),
  against the terms of their *published* workplace profile (``webapp.services.published``).
* ``participant_progress`` computes one ``progress.dashboard.ParticipantSummary`` and stores the
  day's ``ProgressSnapshot`` (the trend); ``class_progress`` does it for a whole class.

Every function takes a ``Session``; it flushes but never commits.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Integer, case, cast, delete, func, literal, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from exercises.scheduling import recall_at_ratio
from language_profiles.profile import Term
from progress.coverage import CoverageSnapshot, CoverageTrend, class_unknown_terms, coverage_trend
from progress.dashboard import ParticipantSummary, participant_summary, sort_class
from progress.errors import ProgressError
from progress.estimator import (
    LEVEL_THETA,
    SkillState,
    check_band,
    estimate,
    initial_state,
    update_skills,
)
from progress.estimator import Answer as Evidence
from progress.readiness import ReadinessThresholds
from progress.skills import SKILLS, check_skill
from progress.targets import SkillTargets, targets_for
from webapp.db_types import UTCDateTime
from webapp.models import (
    Answer,
    CardState,
    EmployerRequirement,
    Enrolment,
    EvidenceRecord,
    InterviewAnswer,
    InterviewSession,
    MappingRecord,
    Participant,
    ParticipantTarget,
    Placement,
    ProgressSnapshot,
    ReadinessSetting,
    SchoolClass,
    SkillStateRow,
)
from webapp.services.personal_data import register_personal_data
from webapp.services.published import (
    PublishedProfile,
    current_placement,
    current_placements,
    published_for_placement,
)

log = logging.getLogger(__name__)

OSLO = ZoneInfo("Europe/Oslo")

#: Exercise type -> the evidence kinds (``progress.skills``) one answer to it counts as.
#: Flashcards are self-rated ("kan det"), not a test, so they are no evidence for a level.
TYPE_EVIDENCE: Mapping[str, tuple[str, ...]] = {
    "flashcard": (),
    "meaning": ("meaning",),
    "listening": ("listening",),
    "article": ("typed",),
    "inflection": ("typed",),
    "cloze": ("cloze", "typed"),
    "dictation": ("dictation",),
    "word_order": ("reading", "typed"),
    "situation": ("situation",),
}
#: Exercise types whose prompt is a sentence (its length changes the difficulty).
SENTENCE_TYPES = frozenset({"cloze", "dictation", "word_order", "situation"})
#: Exercise types that test one word: word-level evidence, which can raise a skill to A2 at most
#: (``progress.estimator.EVIDENCE_CEILINGS``), whatever the word's level.  A listening item
#: plays one word, except the "phrase" variant, which plays a whole phrase (sentence-level
#: when it has ``SHORT_DICTATION_WORDS`` words or more).  A cloze fills one word into a real
#: sentence, but its hint names the word and the form ("pall (bestemt form entall)"), so it
#: can be answered without reading the sentence: it shows inflection, not reading.  Every
#: other type (dictation of a sentence, word order, situation → phrase) and interview answers
#: are sentence-level evidence.
SINGLE_WORD_TYPES = frozenset({"meaning", "listening", "article", "inflection", "cloze"})
#: A dictation shorter than this many words is a single-word item too.
SHORT_DICTATION_WORDS = 4
#: Interview answer levels (``interviews.feedback.estimate_level``) on the estimator's bands.
INTERVIEW_LEVELS: Mapping[str, str] = {"A1": "A1", "A2": "A2", "B1": "B1", "B1+": "B2"}
#: A day's snapshot is refreshed by the answer hook at most this often.
SNAPSHOT_EVERY = dt.timedelta(minutes=10)


class ProgressServiceError(Exception):
    """A progress use case cannot be done (bad level, unknown skill, ...)."""


# --- evidence ------------------------------------------------------------------------------


def _heard_phrase(item: Mapping[str, Any]) -> bool:
    """A listening item that plays a whole phrase ("Pass på, trucken rygger!"), not a word."""
    return str(item.get("type")) == "listening" and item.get("variant") == "phrase"


def _sentence_words(item: Mapping[str, Any]) -> int:
    if str(item.get("type")) not in SENTENCE_TYPES and not _heard_phrase(item):
        return 0
    extra = item.get("extra")
    sentence = extra.get("sentence") if isinstance(extra, Mapping) else None  # a cloze's sentence
    text = str(sentence or item.get("expected") or item.get("example") or item.get("prompt") or "")
    return len(text.split())


def evidence_from_item(item: Mapping[str, Any], *, score: float) -> list[Evidence]:
    """The estimator answers one graded practice answer stands for (empty for flashcards)."""
    kinds = TYPE_EVIDENCE.get(str(item.get("type")), ())
    level = str(item.get("level") or "B1")
    options = len(item.get("options") or ()) if item.get("answer_mode") == "choice" else 0
    words = _sentence_words(item)
    item_type = str(item.get("type"))
    single = (item_type in SINGLE_WORD_TYPES and not _heard_phrase(item)) or (
        item_type in ("dictation", "listening") and words < SHORT_DICTATION_WORDS
    )
    return [
        Evidence(
            kind=kind,
            level=level,
            score=min(max(score, 0.0), 1.0),
            sentence_words=words,
            options=options if options >= 2 else 0,
            single_word=single,
        )
        for kind in kinds
    ]


def _answer_score(row: Answer) -> float:
    raw = (row.verdict or {}).get("score")
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return float(raw)
    return 1.0 if row.correct else 0.0


def _skill_rows(session: Session, participant_id: int) -> dict[str, SkillStateRow]:
    return {
        r.skill: r
        for r in session.scalars(
            select(SkillStateRow).where(SkillStateRow.participant_id == participant_id)
        )
    }


def _states_of(rows: Iterable[SkillStateRow]) -> dict[str, SkillState]:
    states: dict[str, SkillState] = {}
    for row in rows:
        try:
            states[row.skill] = SkillState.from_dict(row.state)
        except ProgressError:
            log.warning(
                "skill state %s of participant %s is unreadable", row.skill, row.participant_id
            )
    return states


def load_skill_states(session: Session, participant_id: int) -> dict[str, SkillState]:
    """The stored estimator state of each skill that has one."""
    return _states_of(_skill_rows(session, participant_id).values())


def _save_skill_states(
    session: Session,
    participant_id: int,
    states: Mapping[str, SkillState],
    *,
    now: dt.datetime,
    rows: dict[str, SkillStateRow] | None = None,
) -> None:
    if rows is None:
        rows = _skill_rows(session, participant_id)
    for skill, state in states.items():
        row = rows.get(skill)
        data = state.to_dict()
        if row is None:
            row = SkillStateRow(participant_id=participant_id, skill=skill)
            session.add(row)
        elif row.state == data:
            continue  # this answer was no evidence for this skill: leave the row alone
        est = estimate(state)
        row.state = data
        row.level = est.level if state.n_answers else None
        row.theta = est.theta
        row.se = est.se
        row.n_answers = state.n_answers
        row.updated_at = now
    session.flush()


def _initial_states(session: Session, participant_id: int) -> dict[str, SkillState]:
    """Start from the mapping's level when there is one, else the estimator's wide prior."""
    record = session.scalar(
        select(MappingRecord).where(MappingRecord.participant_id == participant_id)
    )
    if record is not None and record.level in LEVEL_THETA:
        theta = LEVEL_THETA[record.level]
        return {s: initial_state(s, prior_theta=theta, prior_sd=1.2) for s in SKILLS}
    return {}


def apply_evidence(
    session: Session,
    participant_id: int,
    *,
    source: str,
    source_id: int,
    answers: Sequence[Evidence],
    answered_at: dt.datetime,
    now: dt.datetime,
    new_source: bool = False,
) -> bool:
    """Fold answers into the estimates once per source row; False if it was already counted.

    The ``EvidenceRecord`` goes in first, in a savepoint: its unique key (source, source id)
    refuses a row counted before, so a replay never changes the estimates.  ``new_source``
    says the source row was inserted in this very transaction (a practice answer), so no
    record of it can exist: the savepoint is left out (the caller's own savepoint still holds).
    """
    record = EvidenceRecord(
        participant_id=participant_id,
        source=source,
        source_id=source_id,
        kinds=[a.kind for a in answers],
        level=answers[0].level if answers else None,
        score=answers[0].score if answers else 0.0,
        answered_at=answered_at,
    )
    if new_source:
        session.add(record)
    else:
        try:
            with session.begin_nested():
                session.add(record)
        except IntegrityError:
            return False  # counted before, or concurrently
    if answers:
        rows = _skill_rows(session, participant_id)
        states = _states_of(rows.values()) or _initial_states(session, participant_id)
        for answer in answers:
            states = update_skills(states, answer)
        _save_skill_states(session, participant_id, states, now=now, rows=rows)
    return True


def record_practice_answer(
    session: Session, participant_id: int, row: Answer, item: Mapping[str, Any]
) -> None:
    """Practice hook: a newly stored answer updates the skill estimates.

    Today's coverage snapshot is not taken here (it reads every card of the participant):
    the web layer calls :func:`refresh_snapshot` once the answer's response has been sent.
    """
    apply_evidence(
        session,
        participant_id,
        source="practice",
        source_id=row.id,
        answers=evidence_from_item(item, score=_answer_score(row)),
        answered_at=row.answered_at,
        now=dt.datetime.now(dt.UTC),
        new_source=True,  # the answer row was inserted in this transaction
    )


def refresh_snapshot(session: Session, participant_id: int, *, now: dt.datetime) -> bool:
    """Take today's progress snapshot unless one was taken in the last ``SNAPSHOT_EVERY``.

    Called after answers are stored (outside the answer's request time); True if it was taken.
    """
    latest = session.scalar(
        select(ProgressSnapshot.taken_at).where(
            ProgressSnapshot.participant_id == participant_id,
            ProgressSnapshot.day == now.astimezone(OSLO).date(),
        )
    )
    if latest is not None and now - latest < SNAPSHOT_EVERY:
        return False
    participant_progress(session, participant_id, now=now)
    return True


def interview_evidence(answer: InterviewAnswer) -> list[Evidence]:
    """A spoken interview answer is oral evidence, a typed one writing evidence.

    The answer's own level (from ``interviews``) places the item; errors lower the score.
    """
    level = INTERVIEW_LEVELS.get(answer.level or "")
    if level is None:
        return []
    errors = answer.error_count or 0
    score = 1.0 if errors == 0 else 0.7 if errors <= 2 else 0.4
    kind = "interview" if answer.spoken else "typed"
    return [Evidence(kind=kind, level=level, score=score)]


def fold_interview_answers(session: Session, participant_id: int, *, now: dt.datetime) -> int:
    """Count the participant's interview answers not yet used as evidence; return how many."""
    counted = select(EvidenceRecord.source_id).where(
        EvidenceRecord.source == "interview", EvidenceRecord.participant_id == participant_id
    )
    rows = session.scalars(
        select(InterviewAnswer)
        .where(InterviewAnswer.participant_id == participant_id, InterviewAnswer.id.not_in(counted))
        .order_by(InterviewAnswer.answered_at, InterviewAnswer.id)
    ).all()
    done = 0
    for row in rows:
        if apply_evidence(
            session,
            participant_id,
            source="interview",
            source_id=row.id,
            answers=interview_evidence(row),
            answered_at=row.answered_at,
            now=now,
        ):
            done += 1
    return done


# --- recall and activity -----------------------------------------------------------------------


def _elapsed_days(session: Session, now: dt.datetime) -> ColumnElement[Any]:
    """Whole days from a card's last review to ``now`` (as ``fsrs`` counts them), in SQL."""
    moment = literal(now, UTCDateTime())
    if session.get_bind().dialect.name == "sqlite":
        span = func.julianday(moment) - func.julianday(CardState.last_review_at)
        return cast(span, Integer)  # whole days (floor, for the positive spans that count)
    return func.floor(func.extract("epoch", moment - CardState.last_review_at) / 86400.0)


def recall_by_participant(
    session: Session, participant_ids: Collection[int], *, now: dt.datetime
) -> dict[int, dict[str, float]]:
    """FSRS recall probability now per term lemma (the best reviewed card of each lemma).

    One query for all the given participants.  Recall falls as (days since review) / stability
    grows, so the database returns, per participant and lemma, the smallest such ratio (reading
    two columns of each reviewed card, never the whole state) and Python turns it into the
    probability with ``exercises.scheduling.recall_at_ratio``.  A class of 15 with 1,000
    cards each is some 3,000 small rows instead of 15,000 states.
    """
    result: dict[int, dict[str, float]] = {pid: {} for pid in participant_ids}
    if not result:
        return result
    days = _elapsed_days(session, now)
    clamped = case((days < 0, 0), else_=days)
    stability = func.nullif(CardState.state["stability"].as_float(), 0.0)
    lemma = func.lower(CardState.term_lemma)
    rows = session.execute(
        select(CardState.participant_id, lemma, func.min(clamped / stability))
        .where(
            CardState.participant_id.in_(sorted(result)),
            CardState.term_lemma.is_not(None),
            CardState.last_review_at.is_not(None),
        )
        .group_by(CardState.participant_id, lemma)
    )
    for pid, key, ratio in rows:
        if not key:
            continue
        p = 0.0 if ratio is None else recall_at_ratio(float(ratio))
        recall = result[pid]
        folded = str(key).casefold()
        if p > recall.get(folded, -1.0):
            recall[folded] = p
    return result


def recall_by_lemma(session: Session, participant_id: int, *, now: dt.datetime) -> dict[str, float]:
    """FSRS recall probability now per term lemma (the best reviewed card of each lemma)."""
    return recall_by_participant(session, [participant_id], now=now)[participant_id]


def answer_times_by_participant(
    session: Session, participant_ids: Collection[int], *, since: dt.datetime | None = None
) -> dict[int, list[dt.datetime]]:
    """When each participant answered practice items (oldest first), in one query."""
    result: dict[int, list[dt.datetime]] = {pid: [] for pid in participant_ids}
    if not result:
        return result
    query = select(Answer.participant_id, Answer.answered_at).where(
        Answer.participant_id.in_(sorted(result))
    )
    if since is not None:
        query = query.where(Answer.answered_at >= since)
    for pid, at in session.execute(query.order_by(Answer.participant_id, Answer.answered_at)):
        result[pid].append(at)
    return result


def answer_times(
    session: Session, participant_id: int, *, since: dt.datetime | None = None
) -> list[dt.datetime]:
    """When the participant answered practice items (oldest first)."""
    return answer_times_by_participant(session, [participant_id], since=since)[participant_id]


# --- targets and thresholds ----------------------------------------------------------------------


def _check_levels(levels: Mapping[str, str]) -> dict[str, str]:
    try:
        return {check_skill(k): check_band(v) for k, v in levels.items() if v}
    except ProgressError as e:
        raise ProgressServiceError(str(e)) from e


def employer_requirement(session: Session, employer_id: int) -> dict[str, str]:
    """The employer's level per skill (only the skills it sets)."""
    row = session.scalar(
        select(EmployerRequirement).where(EmployerRequirement.employer_id == employer_id)
    )
    return dict(row.levels) if row else {}


def save_employer_requirement(
    session: Session, employer_id: int, levels: Mapping[str, str], *, now: dt.datetime
) -> EmployerRequirement:
    """Set the employer's requirement (empty values remove a skill)."""
    row = session.scalar(
        select(EmployerRequirement).where(EmployerRequirement.employer_id == employer_id)
    )
    if row is None:
        row = EmployerRequirement(employer_id=employer_id)
        session.add(row)
    row.levels = _check_levels(levels)
    row.updated_at = now
    session.flush()
    return row


def participant_targets(session: Session, participant_id: int) -> SkillTargets:
    """B1 in every skill, unless the placement's employer or the teacher says otherwise."""
    placement = current_placement(session, participant_id)
    required = employer_requirement(session, placement.employer_id) if placement else {}
    row = session.scalar(
        select(ParticipantTarget).where(ParticipantTarget.participant_id == participant_id)
    )
    return targets_for(
        employer_requirement=required or None,
        teacher_override=dict(row.levels) if row and row.levels else None,
    )


def participant_target_levels(session: Session, participant_id: int) -> dict[str, str]:
    """The levels the teacher set for this participant (skills not set are absent)."""
    row = session.scalar(
        select(ParticipantTarget).where(ParticipantTarget.participant_id == participant_id)
    )
    return dict(row.levels) if row else {}


def save_participant_targets(
    session: Session,
    participant_id: int,
    levels: Mapping[str, str],
    *,
    set_by_id: int | None,
    now: dt.datetime,
) -> ParticipantTarget:
    """The teacher's own targets for a participant (empty values fall back to the employer/B1)."""
    row = session.scalar(
        select(ParticipantTarget).where(ParticipantTarget.participant_id == participant_id)
    )
    if row is None:
        row = ParticipantTarget(participant_id=participant_id)
        session.add(row)
    row.levels = _check_levels(levels)
    row.set_by_id = set_by_id
    row.updated_at = now
    session.flush()
    return row


def class_thresholds(session: Session, class_id: int) -> ReadinessThresholds:
    """The class's "Klar for praksis" thresholds (defaults until the teacher changes them)."""
    row = session.scalar(select(ReadinessSetting).where(ReadinessSetting.class_id == class_id))
    if row is None or not row.thresholds:
        return ReadinessThresholds()
    try:
        return ReadinessThresholds.from_dict(row.thresholds)
    except ProgressError:
        log.warning("readiness thresholds of class %s are unreadable; using defaults", class_id)
        return ReadinessThresholds()


def save_class_thresholds(
    session: Session,
    class_id: int,
    *,
    coverage: float,
    safety_share: float,
    interview_sessions: int,
    skill_levels: Mapping[str, str],
    now: dt.datetime,
) -> ReadinessThresholds:
    """Validate and store the class's thresholds."""
    try:
        thresholds = ReadinessThresholds(
            coverage=coverage,
            safety_share=safety_share,
            interview_sessions=interview_sessions,
            skill_levels=_check_levels(skill_levels),
        )
    except ProgressError as e:
        raise ProgressServiceError(str(e)) from e
    row = session.scalar(select(ReadinessSetting).where(ReadinessSetting.class_id == class_id))
    if row is None:
        row = ReadinessSetting(class_id=class_id)
        session.add(row)
    row.thresholds = thresholds.to_dict()
    row.updated_at = now
    session.flush()
    return thresholds


def current_class(
    session: Session, participant_id: int, *, today: dt.date | None = None
) -> SchoolClass | None:
    """The class the participant is in today (the latest joined), or ``None``."""
    day = today or dt.date.today()
    rows = session.scalars(
        select(Enrolment)
        .where(Enrolment.participant_id == participant_id)
        .order_by(Enrolment.joined_on.desc(), Enrolment.id.desc())
    ).all()
    for row in rows:
        if row.is_active_on(day):
            return row.school_class
    return None


# --- dashboards --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParticipantProgress:
    """One participant's dashboard: the summary plus what the charts over time need."""

    participant_id: int
    name: str
    summary: ParticipantSummary
    published: PublishedProfile | None
    trend: CoverageTrend
    snapshots: tuple[ProgressSnapshot, ...]
    targets: SkillTargets
    thresholds: ReadinessThresholds
    interview_sessions: int
    recall: Mapping[str, float]  # FSRS recall now per term lemma


def _snapshot_values(rows: Iterable[ProgressSnapshot]) -> list[CoverageSnapshot]:
    return [
        CoverageSnapshot(
            at=r.taken_at,
            share=r.coverage,
            safety_known=r.safety_known,
            safety_total=r.safety_total,
        )
        for r in rows
        if r.coverage is not None
    ]


def _store_snapshot(
    session: Session,
    participant_id: int,
    summary: ParticipantSummary,
    *,
    now: dt.datetime,
    today_row: ProgressSnapshot | None,
) -> ProgressSnapshot | None:
    """Update today's snapshot (``today_row``, as loaded) or add it."""
    day = now.astimezone(OSLO).date()
    row = today_row
    if row is None:
        row = ProgressSnapshot(participant_id=participant_id, day=day)
        try:
            with session.begin_nested():
                session.add(row)
        except IntegrityError:  # made by a concurrent request; update that one
            row = session.scalar(
                select(ProgressSnapshot).where(
                    ProgressSnapshot.participant_id == participant_id, ProgressSnapshot.day == day
                )
            )
            if row is None:
                return None
    coverage = summary.coverage
    row.taken_at = now
    row.coverage = coverage.share if coverage else None
    row.safety_known = coverage.safety_known if coverage else 0
    row.safety_total = coverage.safety_total if coverage else 0
    row.words_learned = summary.activity.words_learned
    row.skills = {
        r.skill: round(r.estimate.theta, 4) for r in summary.skills if r.estimate is not None
    }
    session.flush()
    return row


@dataclass
class ProgressInputs:
    """What :func:`participant_progress` reads, loaded for one or many participants at once.

    A class dashboard loads it once for the whole class (about ten queries, whatever the class
    size) instead of about ten queries per participant.
    """

    recall: dict[int, dict[str, float]]
    times: dict[int, list[dt.datetime]]
    placements: dict[int, Placement | None]
    skill_states: dict[int, dict[str, SkillState]]
    snapshots: dict[int, list[ProgressSnapshot]]
    teacher_targets: dict[int, dict[str, str]]
    interviews_done: dict[int, int]
    employer_requirements: dict[int, dict[str, str]]  # by employer id
    employer_profiles: dict[int, PublishedProfile | None] = field(default_factory=dict)

    def published(self, session: Session, placement: Placement | None) -> PublishedProfile | None:
        """The placement employer's published profile (looked up once per employer)."""
        if placement is None:
            return None
        if placement.employer_id not in self.employer_profiles:
            self.employer_profiles[placement.employer_id] = published_for_placement(
                session, placement
            )
        return self.employer_profiles[placement.employer_id]


def load_progress_inputs(
    session: Session, participant_ids: Collection[int], *, now: dt.datetime
) -> ProgressInputs:
    """Load everything the dashboards need for these participants (interviews folded in first)."""
    ids = sorted(set(participant_ids))
    for pid in _with_unfolded_interviews(session, ids):
        fold_interview_answers(session, pid, now=now)
    placements = current_placements(session, ids)
    employers = sorted({p.employer_id for p in placements.values() if p is not None})
    skill_rows: dict[int, list[SkillStateRow]] = {pid: [] for pid in ids}
    snapshots: dict[int, list[ProgressSnapshot]] = {pid: [] for pid in ids}
    teacher: dict[int, dict[str, str]] = {}
    interviews: dict[int, int] = {pid: 0 for pid in ids}
    required: dict[int, dict[str, str]] = {}
    if ids:
        for row in session.scalars(
            select(SkillStateRow).where(SkillStateRow.participant_id.in_(ids))
        ):
            skill_rows[row.participant_id].append(row)
        for snap in session.scalars(
            select(ProgressSnapshot)
            .where(ProgressSnapshot.participant_id.in_(ids))
            .order_by(ProgressSnapshot.participant_id, ProgressSnapshot.day)
        ):
            snapshots[snap.participant_id].append(snap)
        for target in session.scalars(
            select(ParticipantTarget).where(ParticipantTarget.participant_id.in_(ids))
        ):
            teacher[target.participant_id] = dict(target.levels or {})
        for pid, count in session.execute(
            select(InterviewSession.participant_id, func.count(InterviewSession.id))
            .where(
                InterviewSession.participant_id.in_(ids),
                InterviewSession.finished_at.is_not(None),
            )
            .group_by(InterviewSession.participant_id)
        ):
            interviews[pid] = int(count)
    if employers:
        for req in session.scalars(
            select(EmployerRequirement).where(EmployerRequirement.employer_id.in_(employers))
        ):
            required[req.employer_id] = dict(req.levels or {})
    return ProgressInputs(
        recall=recall_by_participant(session, ids, now=now),
        times=answer_times_by_participant(session, ids),
        placements=placements,
        skill_states={pid: _states_of(rows) for pid, rows in skill_rows.items()},
        snapshots=snapshots,
        teacher_targets=teacher,
        interviews_done=interviews,
        employer_requirements=required,
    )


def _with_unfolded_interviews(session: Session, participant_ids: Sequence[int]) -> list[int]:
    """Participants with interview answers not yet counted as evidence (one query)."""
    if not participant_ids:
        return []
    counted = select(EvidenceRecord.source_id).where(
        EvidenceRecord.source == "interview", EvidenceRecord.participant_id.in_(participant_ids)
    )
    return list(
        session.scalars(
            select(InterviewAnswer.participant_id)
            .where(
                InterviewAnswer.participant_id.in_(participant_ids),
                InterviewAnswer.id.not_in(counted),
            )
            .distinct()
        )
    )


def participant_progress(
    session: Session,
    participant_id: int,
    *,
    now: dt.datetime,
    published: PublishedProfile | None = None,
    store_snapshot: bool = True,
    inputs: ProgressInputs | None = None,
    thresholds: ReadinessThresholds | None = None,
) -> ParticipantProgress:
    """Compute a participant's progress now (and keep today's snapshot for the trend).

    Today's snapshot is written at most every ``SNAPSHOT_EVERY``.  ``inputs`` (from
    :func:`load_progress_inputs`) and ``thresholds`` are given by :func:`class_progress`;
    otherwise they are read here (the thresholds of the participant's current class).
    """
    participant = session.get(Participant, participant_id)
    if participant is None:
        raise ProgressServiceError(f"no participant {participant_id}")
    if inputs is None:
        inputs = load_progress_inputs(session, [participant_id], now=now)
    placement = inputs.placements.get(participant_id)
    profile = published if published is not None else inputs.published(session, placement)
    if thresholds is None:
        school_class = current_class(session, participant_id, today=now.astimezone(OSLO).date())
        thresholds = (
            class_thresholds(session, school_class.id) if school_class else ReadinessThresholds()
        )
    required = inputs.employer_requirements.get(placement.employer_id, {}) if placement else {}
    teacher = inputs.teacher_targets.get(participant_id)
    targets = targets_for(employer_requirement=required or None, teacher_override=teacher or None)
    placement_starts = (
        dt.datetime.combine(placement.planned_start, dt.time(8), tzinfo=OSLO)
        if placement is not None and placement.planned_start is not None
        else None
    )
    snapshots = tuple(inputs.snapshots.get(participant_id, ()))
    interviews_done = inputs.interviews_done.get(participant_id, 0)
    terms: Sequence[Term] | None = profile.profile.terms if profile is not None else None
    recall = inputs.recall.get(participant_id, {})
    summary = participant_summary(
        participant=participant.full_name,
        now=now,
        answer_times=inputs.times.get(participant_id, []),
        recall=recall,
        terms=terms,
        sector=profile.sector if profile is not None else None,
        skill_states=inputs.skill_states.get(participant_id, {}),
        targets=targets,
        thresholds=thresholds,
        interview_sessions=interviews_done,
        enrolled_at=participant.created_at,
        placement_starts=placement_starts,
        snapshots=_snapshot_values(snapshots),
    )
    today = now.astimezone(OSLO).date()
    todays = next((s for s in snapshots if s.day == today), None)
    fresh = (
        todays is not None
        and todays.taken_at is not None
        and now - todays.taken_at < SNAPSHOT_EVERY
    )
    if store_snapshot and not fresh:
        row = _store_snapshot(session, participant_id, summary, now=now, today_row=todays)
        if row is not None and row not in snapshots:
            snapshots = tuple(sorted([*snapshots, row], key=lambda r: r.day))
    trend = coverage_trend(_snapshot_values(snapshots), now=now)
    return ParticipantProgress(
        participant_id=participant_id,
        name=participant.full_name,
        summary=summary,
        published=profile,
        trend=trend,
        snapshots=snapshots,
        targets=targets,
        thresholds=thresholds,
        interview_sessions=interviews_done,
        recall=recall,
    )


@dataclass(frozen=True)
class ClassProgress:
    """The teacher's class dashboard."""

    school_class: SchoolClass
    rows: tuple[ParticipantProgress, ...]  # sorted as asked
    thresholds: ReadinessThresholds
    unknown_terms: tuple[tuple[str, float], ...]  # (lemma, share of the class who know it)
    inactive: tuple[ParticipantProgress, ...]  # inactive 5+ days (or never started)


def class_participants(
    session: Session, school_class: SchoolClass, *, today: dt.date
) -> list[Participant]:
    """Participants enrolled in the class today."""
    rows = session.execute(
        select(Enrolment, Participant)
        .join(Participant, Participant.id == Enrolment.participant_id)
        .where(Enrolment.class_id == school_class.id)
        .order_by(Enrolment.id)
    ).all()
    seen: dict[int, Participant] = {}
    for enrolment, participant in rows:
        if enrolment.is_active_on(today) and participant.id not in seen:
            seen[participant.id] = participant
    return list(seen.values())


def class_progress(
    session: Session,
    school_class: SchoolClass,
    *,
    now: dt.datetime,
    sort: str = "name",
    descending: bool = False,
) -> ClassProgress:
    """Every participant of the class, sorted by ``sort`` (``progress.dashboard.SORT_KEYS``)."""
    today = now.astimezone(OSLO).date()
    people = class_participants(session, school_class, today=today)
    ids = [p.id for p in people]
    thresholds = class_thresholds(session, school_class.id)
    inputs = load_progress_inputs(session, ids, now=now)
    progress_rows = [
        participant_progress(session, pid, now=now, inputs=inputs, thresholds=thresholds)
        for pid in ids
    ]
    by_summary = {id(r.summary): r for r in progress_rows}
    try:
        ordered = sort_class([r.summary for r in progress_rows], by=sort, descending=descending)
    except ProgressError as e:
        raise ProgressServiceError(str(e)) from e
    rows = tuple(by_summary[id(s)] for s in ordered)
    # The class's words: every published profile its participants practise with.
    terms: dict[str, Term] = {}
    class_recall: list[Mapping[str, float]] = []
    for row in progress_rows:
        if row.published is None:
            continue
        for term in row.published.profile.terms:
            terms.setdefault(term.lemma.casefold(), term)
        class_recall.append(row.recall)
    unknown = class_unknown_terms(list(terms.values()), class_recall, limit=20)
    inactive = tuple(
        r for r in rows if any(a.kind in ("inactive", "never_started") for a in r.summary.alerts)
    )
    return ClassProgress(
        school_class=school_class,
        rows=rows,
        thresholds=thresholds,
        unknown_terms=tuple(unknown),
        inactive=inactive,
    )


# --- personal data -----------------------------------------------------------------------------


def _current_level(row: SkillStateRow) -> str | None:
    """The level the dashboards show now (the stored column may predate the evidence cap)."""
    try:
        state = SkillState.from_dict(row.state)
    except ProgressError:
        return row.level
    return estimate(state).level if state.n_answers else None


def _export(session: Session, participant: Participant) -> dict[str, Any]:
    states = session.scalars(
        select(SkillStateRow).where(SkillStateRow.participant_id == participant.id)
    )
    snapshots = session.scalars(
        select(ProgressSnapshot)
        .where(ProgressSnapshot.participant_id == participant.id)
        .order_by(ProgressSnapshot.day)
    )
    target = session.scalar(
        select(ParticipantTarget).where(ParticipantTarget.participant_id == participant.id)
    )
    evidence = session.scalar(
        select(func.count(EvidenceRecord.id)).where(EvidenceRecord.participant_id == participant.id)
    )
    return {
        "skills": [
            {"skill": s.skill, "level": _current_level(s), "n_answers": s.n_answers} for s in states
        ],
        "targets": dict(target.levels) if target else {},
        "answers_used_as_evidence": int(evidence or 0),
        "snapshots": [
            {
                "day": s.day.isoformat(),
                "coverage": s.coverage,
                "safety_known": s.safety_known,
                "safety_total": s.safety_total,
                "words_learned": s.words_learned,
            }
            for s in snapshots
        ],
    }


def _erase(session: Session, participant: Participant) -> None:
    for model in (SkillStateRow, EvidenceRecord, ProgressSnapshot, ParticipantTarget):
        session.execute(delete(model).where(model.participant_id == participant.id))


register_personal_data("progress", export=_export, erase=_erase, order=60)


def _register_hook() -> None:
    from webapp.services import practice

    if record_practice_answer not in practice.on_answer_hooks:
        practice.on_answer_hooks.append(record_practice_answer)


_register_hook()
