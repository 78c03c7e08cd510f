"""Interviews and workplace conversations: scenarios, sessions, scored answers, teacher overviews.

Built-in scenarios come from the pure ``interviews`` package; teachers' scenarios are stored per
organisation.  A scenario is named by a key: ``intervju`` (a job interview generated for the
participant, with questions from their placement employer's published profile), ``bank:<id>``
(a built-in workplace situation or question) or ``org:<id>`` (a teacher's scenario).  A session
stores a snapshot of its scenario and the profile version it was scored against, so feedback is
reproducible.  Feedback comes from ``interviews.scoring.assess_answer`` and is stored as JSON.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from interviews.errors import InterviewsError
from interviews.feedback import CHECK_LABELS, Problem
from interviews.nlp import AnalyzerLike, LexiconLike, default_analyzer, default_lexicon
from interviews.scenarios import (
    SECTOR_PLACES,
    SITUATIONS,
    KeyPoint,
    Scenario,
    StarGuidance,
    Turn,
    get_scenario,
    interview_scenario,
    load_workplace_scenarios,
    sector_key,
)
from interviews.scoring import assess_answer, common_errors
from language_profiles.profile import Term
from webapp.models import (
    Employer,
    Enrolment,
    InterviewAnswer,
    InterviewScenario,
    InterviewSession,
    Participant,
    ProfileVersion,
    Role,
    ScenarioAssignment,
    SchoolClass,
    User,
)
from webapp.services.errors import NotFound, ServiceError
from webapp.services.personal_data import register_personal_data
from webapp.services.published import (
    PublishedProfile,
    current_placement,
    published_for_participant,
    version_to_domain,
)

__all__ = [
    "INTERVIEW_KEY",
    "INTERVIEW_QUESTIONS",
    "MODES",
    "SECONDS_PER_TURN",
    "AnswerRejected",
    "ClassErrors",
    "ScenarioChoice",
    "ScenarioChoices",
    "SessionSummary",
    "TurnInput",
    "answer_visible",
    "assign_scenario",
    "available_scenarios",
    "class_common_errors",
    "create_scenario",
    "current_turn",
    "finish_session",
    "highlight",
    "hint_terms",
    "interview_session_visible",
    "participant_history",
    "participant_id_for_user",
    "resolve_scenario",
    "scenario_choices_for_staff",
    "scenario_in_org",
    "session_answers",
    "start_session",
    "submit_answer",
    "update_scenario",
]

#: The key of the generated job interview.
INTERVIEW_KEY = "intervju"
#: Questions in a generated job interview.
INTERVIEW_QUESTIONS = 5
#: Practice mode shows hints and model answers; interview mode is timed, feedback at the end.
MODES: tuple[str, ...] = ("practice", "interview")
#: The visible timer in interview mode, per question.
SECONDS_PER_TURN = 120
#: Longest answer stored (characters).
MAX_ANSWER_CHARS = 3000


class AnswerRejected(ServiceError):
    """The answer cannot be stored (empty, too long, session finished, unknown turn)."""


# --------------------------------------------------------------------------- helpers


def participant_id_for_user(session: Session, user_id: int) -> int | None:
    """The participant id of a login account, or ``None`` for staff and mentors."""
    pid = session.scalar(select(Participant.id).where(Participant.user_id == user_id))
    return None if pid is None else int(pid)


_ANALYZER: list[tuple[AnalyzerLike, LexiconLike]] = []


def nlp_tools(
    analyzer: AnalyzerLike | None, lexicon: LexiconLike | None
) -> tuple[AnalyzerLike, LexiconLike]:
    """The given analyzer and lexicon, or the shared ones (loaded once per process)."""
    if analyzer is not None and lexicon is not None:
        return analyzer, lexicon
    if not _ANALYZER:
        _ANALYZER.append((default_analyzer(), default_lexicon()))
    shared_analyzer, shared_lexicon = _ANALYZER[0]
    return analyzer or shared_analyzer, lexicon or shared_lexicon


def _active_class_ids(session: Session, participant_id: int, today: dt.date) -> list[int]:
    rows = session.scalars(select(Enrolment).where(Enrolment.participant_id == participant_id))
    return [e.class_id for e in rows if e.is_active_on(today)]


def _sector_for(
    session: Session, participant_id: int, published: PublishedProfile | None
) -> str | None:
    if published is not None and sector_key(published.sector):
        return sector_key(published.sector)
    placement = current_placement(session, participant_id)
    if placement is None:
        return None
    employer = session.get(Employer, placement.employer_id)
    return sector_key(employer.sector) if employer is not None else None


# --------------------------------------------------------------------------- scenarios


@dataclass(frozen=True)
class ScenarioChoice:
    """One scenario a participant can start."""

    key: str
    title: str
    kind: str
    description: str
    turns: int
    assigned: bool = False


@dataclass(frozen=True)
class ScenarioChoices:
    """What the participant's Intervju page lists."""

    assigned: tuple[ScenarioChoice, ...]
    interview: ScenarioChoice
    workplace: tuple[ScenarioChoice, ...]
    other_workplace: tuple[ScenarioChoice, ...]
    employer_name: str | None
    sector: str | None


def _choice(scenario: Scenario, key: str, *, assigned: bool = False) -> ScenarioChoice:
    return ScenarioChoice(
        key=key,
        title=scenario.title,
        kind=scenario.kind,
        description=scenario.description,
        turns=len(scenario.turns),
        assigned=assigned,
    )


def _stored_scenario(row: InterviewScenario) -> Scenario:
    data = dict(row.data or {})
    data["id"] = f"org_{row.id}"
    data["title"] = row.title
    data["kind"] = row.kind
    data["source"] = "teacher"
    return Scenario.from_dict(data)


def scenario_in_org(session: Session, user: Any, scenario_id: int) -> bool:
    """Row check: a teacher scenario of the user's organisation (staff only see these)."""
    row = session.get(InterviewScenario, scenario_id)
    return row is not None and row.organisation_id == user.organisation_id


def resolve_scenario(
    session: Session,
    participant_id: int,
    key: str,
    *,
    published: PublishedProfile | None = None,
    seed: int = 0,
) -> Scenario:
    """The scenario behind ``key`` for this participant; ``NotFound`` when unknown or not theirs."""
    participant = session.get(Participant, participant_id)
    if participant is None:
        raise NotFound("participant")
    if key == INTERVIEW_KEY:
        return interview_scenario(
            questions=INTERVIEW_QUESTIONS,
            seed=seed,
            profile=published.profile if published is not None else None,
            profile_questions=1 if published is not None else 0,
        )
    kind, _sep, ident = key.partition(":")
    if kind == "bank" and ident:
        try:
            return get_scenario(ident)
        except InterviewsError as exc:
            raise NotFound(key) from exc
    if kind == "org" and ident.isdigit():
        row = session.get(InterviewScenario, int(ident))
        if row is None or row.organisation_id != participant.organisation_id:
            raise NotFound(key)
        return _stored_scenario(row)
    raise NotFound(key)


def _assignments_for(
    session: Session, participant_id: int, today: dt.date
) -> list[ScenarioAssignment]:
    class_ids = _active_class_ids(session, participant_id, today)
    condition = ScenarioAssignment.participant_id == participant_id
    if class_ids:
        condition = or_(condition, ScenarioAssignment.class_id.in_(class_ids))
    query = select(ScenarioAssignment).where(condition)
    return list(session.scalars(query.order_by(ScenarioAssignment.created_at.desc())))


def available_scenarios(
    session: Session, participant_id: int, *, today: dt.date
) -> ScenarioChoices:
    """Assigned scenarios, the job interview, and workplace situations for the employer's sector."""
    published = published_for_participant(session, participant_id)
    sector = _sector_for(session, participant_id, published)
    assigned: list[ScenarioChoice] = []
    seen: set[str] = set()
    for row in _assignments_for(session, participant_id, today):
        if row.scenario_key in seen:
            continue
        try:
            scenario = resolve_scenario(
                session, participant_id, row.scenario_key, published=published
            )
        except NotFound:
            continue
        seen.add(row.scenario_key)
        assigned.append(_choice(scenario, row.scenario_key, assigned=True))
    employer_name = published.employer_name if published is not None else None
    if employer_name is None:
        placement = current_placement(session, participant_id)
        employer = session.get(Employer, placement.employer_id) if placement else None
        employer_name = employer.name if employer is not None else None
    interview = ScenarioChoice(
        key=INTERVIEW_KEY,
        title=f"Jobbintervju hos {employer_name}" if employer_name else "Jobbintervju",
        kind="interview",
        description=(
            "Fem spørsmål. Ett av dem handler om ordene på arbeidsplassen."
            if published is not None
            else "Fem vanlige spørsmål i et jobbintervju."
        ),
        turns=INTERVIEW_QUESTIONS,
    )
    mine = load_workplace_scenarios(sector=sector) if sector else ()
    workplace = tuple(_choice(s, f"bank:{s.id}") for s in mine)
    others = tuple(
        _choice(s, f"bank:{s.id}") for s in load_workplace_scenarios() if s.sector != sector
    )
    return ScenarioChoices(
        assigned=tuple(assigned),
        interview=interview,
        workplace=workplace,
        other_workplace=others,
        employer_name=employer_name,
        sector=sector,
    )


# --------------------------------------------------------------------------- sessions


def interview_session_visible(session: Session, user: Any, session_id: int) -> bool:
    """Row check: the participant's own sessions; staff of the organisation; never mentors."""
    row = session.get(InterviewSession, session_id)
    if row is None:
        return False
    return participant_row_visible(session, user, row.participant_id)


def answer_visible(session: Session, user: Any, answer_id: int) -> bool:
    """Row check for one answer (same rule as its session)."""
    row = session.get(InterviewAnswer, answer_id)
    return row is not None and participant_row_visible(session, user, row.participant_id)


def participant_row_visible(session: Session, user: Any, participant_id: int | None) -> bool:
    """The participant's own rows; staff of the organisation; never mentors."""
    if participant_id is None:
        return False
    participant = session.get(Participant, participant_id)
    if participant is None or participant.organisation_id != user.organisation_id:
        return False
    if user.role in (Role.TEACHER.value, Role.ADMIN.value):
        return True
    if user.role == Role.PARTICIPANT.value:
        return bool(participant.user_id == user.id)
    return False


def start_session(
    session: Session,
    participant_id: int,
    key: str,
    *,
    mode: str,
    now: dt.datetime,
) -> InterviewSession:
    """Start a session: snapshot the scenario (a new question mix for each new interview)."""
    if mode not in MODES:
        raise ServiceError(f"unknown mode {mode!r}")
    published = published_for_participant(session, participant_id)
    earlier = session.scalar(
        select(func.count(InterviewSession.id)).where(
            InterviewSession.participant_id == participant_id,
            InterviewSession.scenario_key == key,
        )
    )
    scenario = resolve_scenario(
        session, participant_id, key, published=published, seed=int(earlier or 0)
    )
    title = scenario.title
    if key == INTERVIEW_KEY and published is not None and published.employer_name:
        title = f"Jobbintervju hos {published.employer_name}"
    row = InterviewSession(
        participant_id=participant_id,
        scenario_key=key,
        title=title[:200],
        kind=scenario.kind,
        mode=mode,
        scenario=scenario.to_dict(),
        profile_version_id=published.version_id if published is not None else None,
        seconds_per_turn=SECONDS_PER_TURN if mode == "interview" else None,
        started_at=now,
    )
    session.add(row)
    session.flush()
    return row


def session_scenario(row: InterviewSession) -> Scenario:
    """The scenario snapshot of a session."""
    return Scenario.from_dict(row.scenario)


def session_answers(session: Session, row: InterviewSession) -> list[InterviewAnswer]:
    """The answers of a session in turn order."""
    return list(
        session.scalars(
            select(InterviewAnswer)
            .where(InterviewAnswer.session_id == row.id)
            .order_by(InterviewAnswer.turn_index)
        )
    )


def current_turn(session: Session, row: InterviewSession) -> int | None:
    """Index of the first unanswered turn, or ``None`` when every turn is answered."""
    answered = {a.turn_index for a in session_answers(session, row)}
    for index in range(len(row.scenario.get("turns") or ())):
        if index not in answered:
            return index
    return None


def _profile_terms(session: Session, row: InterviewSession) -> tuple[Term, ...]:
    if row.profile_version_id is None:
        return ()
    version = session.get(ProfileVersion, row.profile_version_id)
    if version is None:
        return ()
    return version_to_domain(session, version).terms


def hint_terms(
    session: Session, row: InterviewSession, turn: Turn, *, limit: int = 5
) -> tuple[tuple[str, ...], bool]:
    """Words to suggest before answering: the turn's own, else the workplace's top words.

    Returns (words, from_turn); ``from_turn`` is False for the general workplace words.
    """
    if turn.terms:
        return tuple(turn.terms[:limit]), True
    ranked = sorted(
        (t for t in _profile_terms(session, row) if not t.is_multiword),
        key=lambda t: (-t.score, t.lemma),
    )
    return tuple(t.lemma for t in ranked[:limit]), False


def submit_answer(
    session: Session,
    row: InterviewSession,
    *,
    turn_index: int,
    text: str,
    spoken: bool,
    client_id: str,
    now: dt.datetime,
    analyzer: AnalyzerLike | None = None,
    lexicon: LexiconLike | None = None,
) -> InterviewAnswer:
    """Score and store an answer; the same ``client_id`` again returns the stored answer."""
    existing: InterviewAnswer | None = session.scalar(
        select(InterviewAnswer).where(
            InterviewAnswer.participant_id == row.participant_id,
            InterviewAnswer.client_id == client_id,
        )
    )
    if existing is not None:
        return existing
    cleaned = " ".join(text.split())
    if not cleaned:
        raise AnswerRejected("Skriv eller si et svar først.")
    if len(cleaned) > MAX_ANSWER_CHARS:
        raise AnswerRejected(f"Svaret er for langt (mer enn {MAX_ANSWER_CHARS} tegn).")
    if row.finished_at is not None:
        raise AnswerRejected("Denne økta er ferdig.")
    scenario = session_scenario(row)
    if not 0 <= turn_index < len(scenario.turns):
        raise AnswerRejected("Ukjent spørsmål.")
    answered: InterviewAnswer | None = session.scalar(
        select(InterviewAnswer).where(
            InterviewAnswer.session_id == row.id, InterviewAnswer.turn_index == turn_index
        )
    )
    if answered is not None:
        return answered
    turn = scenario.turns[turn_index]
    use_analyzer, use_lexicon = nlp_tools(analyzer, lexicon)
    feedback = assess_answer(
        turn,
        cleaned,
        profile_terms=_profile_terms(session, row),
        analyzer=use_analyzer,
        lexicon=use_lexicon,
    )
    answer = InterviewAnswer(
        session_id=row.id,
        participant_id=row.participant_id,
        client_id=client_id[:64],
        turn_index=turn_index,
        turn_id=turn.id[:120],
        prompt=turn.prompt[:1000],
        text=cleaned,
        spoken=spoken,
        feedback=feedback.to_dict(),
        level=feedback.level,
        coverage=round(feedback.coverage, 3),
        error_count=sum(1 for p in feedback.problems if p.severity == "error"),
        answered_at=now,
    )
    session.add(answer)
    session.flush()
    if current_turn(session, row) is None:
        row.finished_at = now
    return answer


def finish_session(session: Session, row: InterviewSession, *, now: dt.datetime) -> None:
    """Mark a session finished (also when the participant stops early)."""
    if row.finished_at is None:
        row.finished_at = now
        session.flush()


# --------------------------------------------------------------------------- feedback display


@dataclass(frozen=True)
class Segment:
    """A piece of an answer for display; ``problem`` is the 1-based number of its problem."""

    text: str
    problem: int | None = None
    check: str | None = None


def highlight(text: str, problems: Sequence[dict[str, Any]]) -> list[Segment]:
    """Split ``text`` into plain and marked pieces (overlapping spans: the first wins)."""
    spans: list[tuple[int, int, int, str]] = []
    for number, problem in enumerate(problems, start=1):
        start, end = (int(x) for x in problem.get("span") or (0, 0))
        if not 0 <= start < end <= len(text):
            continue
        if any(start < e and s < end for s, e, _n, _c in spans):
            continue
        spans.append((start, end, number, str(problem.get("check") or "")))
    segments: list[Segment] = []
    position = 0
    for start, end, number, check in sorted(spans):
        if start > position:
            segments.append(Segment(text[position:start]))
        segments.append(Segment(text[start:end], problem=number, check=check))
        position = end
    if position < len(text):
        segments.append(Segment(text[position:]))
    return segments


def check_label(check: str) -> str:
    """The Norwegian name of a check."""
    return CHECK_LABELS.get(check, check)


# --------------------------------------------------------------------------- teacher pages


@dataclass(frozen=True)
class TurnInput:
    """One turn as a teacher writes it (key points: ``label: word, word`` per line)."""

    prompt: str
    key_points: tuple[tuple[str, tuple[str, ...]], ...] = ()
    terms: tuple[str, ...] = ()
    model_a2: str = ""
    model_b1: str = ""
    speaker: str = "Intervjuer"


def parse_key_points(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``Label: ord, ord`` per line → (label, keywords); a line without ":" uses its own words."""
    result: list[tuple[str, tuple[str, ...]]] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        label, sep, words = line.partition(":")
        keywords = words if sep else label
        parts = tuple(w.strip().lower() for w in keywords.split(",") if w.strip())
        if parts:
            result.append((label.strip(), parts))
    return tuple(result)


def format_key_points(key_points: Iterable[dict[str, Any]]) -> str:
    """The inverse of ``parse_key_points`` for the edit form."""
    return "\n".join(f"{k['label']}: {', '.join(k.get('keywords') or ())}" for k in key_points)


def _scenario_data(
    *, title: str, kind: str, sector: str | None, description: str, turns: Sequence[TurnInput]
) -> dict[str, Any]:
    built: list[Turn] = []
    for n, turn in enumerate(turns, start=1):
        answers = {
            level: text for level, text in (("A2", turn.model_a2), ("B1", turn.model_b1)) if text
        }
        built.append(
            Turn(
                id=f"laerer_{n}",
                prompt=turn.prompt.strip(),
                key_points=tuple(KeyPoint(label=lbl, keywords=kws) for lbl, kws in turn.key_points),
                terms=tuple(t.strip() for t in turn.terms if t.strip()),
                model_answers=answers,
                speaker=turn.speaker or ("Intervjuer" if kind == "interview" else "Kollega"),
                category="teacher",
                source="teacher",
            )
        )
    if not built:
        raise ServiceError("Skriv minst ett spørsmål.")
    scenario = Scenario(
        id="laerer",
        title=title.strip(),
        kind=kind,
        turns=tuple(built),
        description=description.strip(),
        sector=sector_key(sector),
        source="teacher",
    )
    Scenario.from_dict(scenario.to_dict())  # validates
    return scenario.to_dict()


def create_scenario(
    session: Session,
    *,
    organisation_id: int,
    created_by_id: int | None,
    title: str,
    kind: str,
    sector: str | None,
    description: str,
    turns: Sequence[TurnInput],
    now: dt.datetime,
) -> InterviewScenario:
    """Store a teacher's scenario."""
    row = InterviewScenario(
        organisation_id=organisation_id,
        created_by_id=created_by_id,
        title=title.strip()[:200],
        kind=kind,
        sector=sector_key(sector),
        data=_scenario_data(
            title=title, kind=kind, sector=sector, description=description, turns=turns
        ),
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    return row


def update_scenario(
    session: Session,
    row: InterviewScenario,
    *,
    title: str,
    kind: str,
    sector: str | None,
    description: str,
    turns: Sequence[TurnInput],
    now: dt.datetime,
) -> InterviewScenario:
    """Replace a teacher scenario's content (sessions keep their own snapshot)."""
    row.data = _scenario_data(
        title=title, kind=kind, sector=sector, description=description, turns=turns
    )
    row.title = title.strip()[:200]
    row.kind = kind
    row.sector = sector_key(sector)
    row.updated_at = now
    session.flush()
    return row


def org_scenarios(session: Session, organisation_id: int) -> list[InterviewScenario]:
    """The organisation's own scenarios, newest first."""
    return list(
        session.scalars(
            select(InterviewScenario)
            .where(InterviewScenario.organisation_id == organisation_id)
            .order_by(InterviewScenario.updated_at.desc(), InterviewScenario.id.desc())
        )
    )


def scenario_choices_for_staff(session: Session, organisation_id: int) -> list[tuple[str, str]]:
    """(key, label) of every scenario a teacher can assign."""
    choices: list[tuple[str, str]] = [(INTERVIEW_KEY, "Jobbintervju (fem spørsmål)")]
    choices += [
        (f"org:{row.id}", f"{row.title} (egen)") for row in org_scenarios(session, organisation_id)
    ]
    for scenario in load_workplace_scenarios():
        place = SECTOR_PLACES.get(scenario.sector or "", "")
        choices.append((f"bank:{scenario.id}", f"{scenario.title} – {place}".strip(" –")))
    return choices


def assign_scenario(
    session: Session,
    *,
    organisation_id: int,
    scenario_key: str,
    class_id: int | None,
    participant_id: int | None,
    assigned_by_id: int | None,
    now: dt.datetime,
) -> ScenarioAssignment:
    """Assign a scenario to a class or a participant of the organisation."""
    labels = dict(scenario_choices_for_staff(session, organisation_id))
    if scenario_key not in labels:
        raise NotFound(scenario_key)
    if (class_id is None) == (participant_id is None):
        raise ServiceError("Velg enten en klasse eller en deltaker.")
    if class_id is not None:
        school_class = session.get(SchoolClass, class_id)
        if school_class is None or school_class.organisation_id != organisation_id:
            raise NotFound("class")
    if participant_id is not None:
        participant = session.get(Participant, participant_id)
        if participant is None or participant.organisation_id != organisation_id:
            raise NotFound("participant")
    row = ScenarioAssignment(
        organisation_id=organisation_id,
        scenario_key=scenario_key,
        title=labels[scenario_key][:200],
        class_id=class_id,
        participant_id=participant_id,
        assigned_by_id=assigned_by_id,
        created_at=now,
    )
    session.add(row)
    session.flush()
    return row


def assignments(session: Session, organisation_id: int) -> list[ScenarioAssignment]:
    """The organisation's assignments, newest first."""
    return list(
        session.scalars(
            select(ScenarioAssignment)
            .where(ScenarioAssignment.organisation_id == organisation_id)
            .order_by(ScenarioAssignment.created_at.desc(), ScenarioAssignment.id.desc())
        )
    )


@dataclass(frozen=True)
class SessionSummary:
    """One session in a participant's history (for the trend table)."""

    session: InterviewSession
    answers: int
    coverage: float  # average share of key points covered
    errors_per_answer: float
    level: str | None  # the most common estimated level


@dataclass(frozen=True)
class ErrorCount:
    """How often one check found a problem, with one example."""

    check: str
    label: str
    count: int
    people: int = 0
    example: str = ""
    suggestion: str = ""


@dataclass(frozen=True)
class ClassErrors:
    """The most common errors of a class (or one participant)."""

    answers: int
    participants: int
    errors: tuple[ErrorCount, ...] = field(default_factory=tuple)


def _problems(answer: InterviewAnswer) -> list[Problem]:
    out: list[Problem] = []
    for p in (answer.feedback or {}).get("problems") or ():
        span = p.get("span") or (0, 0)
        out.append(
            Problem(
                check=str(p.get("check")),
                span=(int(span[0]), int(span[1])),
                message=str(p.get("message") or ""),
                suggestion=str(p.get("suggestion") or ""),
                replacements=tuple(p.get("replacements") or ()),
                severity=str(p.get("severity") or "error"),
            )
        )
    return out


def _error_counts(answers: Sequence[InterviewAnswer]) -> tuple[ErrorCount, ...]:
    per_answer = [_problems(a) for a in answers]
    people: dict[str, set[int]] = {}
    examples: dict[str, tuple[str, str]] = {}
    for answer, problems in zip(answers, per_answer, strict=True):
        for p in problems:
            if p.severity != "error":
                continue
            people.setdefault(p.check, set()).add(answer.participant_id)
            examples.setdefault(p.check, (answer.text[p.span[0] : p.span[1]], p.suggestion))
    return tuple(
        ErrorCount(
            check=check,
            label=label,
            count=count,
            people=len(people.get(check, ())),
            example=examples.get(check, ("", ""))[0],
            suggestion=examples.get(check, ("", ""))[1],
        )
        for check, label, count in common_errors(per_answer)
    )


def participant_history(
    session: Session, participant_id: int
) -> tuple[list[SessionSummary], ClassErrors]:
    """A participant's sessions (newest first) with trend figures, and their common errors."""
    rows = list(
        session.scalars(
            select(InterviewSession)
            .where(InterviewSession.participant_id == participant_id)
            .order_by(InterviewSession.started_at.desc(), InterviewSession.id.desc())
        )
    )
    summaries: list[SessionSummary] = []
    all_answers: list[InterviewAnswer] = []
    for row in rows:
        answers = session_answers(session, row)
        all_answers += answers
        levels = Counter(a.level for a in answers if a.level)
        summaries.append(
            SessionSummary(
                session=row,
                answers=len(answers),
                coverage=sum(a.coverage for a in answers) / len(answers) if answers else 0.0,
                errors_per_answer=(
                    sum(a.error_count for a in answers) / len(answers) if answers else 0.0
                ),
                level=sorted(levels.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
                if levels
                else None,
            )
        )
    return summaries, ClassErrors(
        answers=len(all_answers), participants=1, errors=_error_counts(all_answers)
    )


def class_common_errors(session: Session, class_id: int) -> ClassErrors:
    """Problems counted by check over every interview answer of the class's participants."""
    participant_ids = set(
        session.scalars(select(Enrolment.participant_id).where(Enrolment.class_id == class_id))
    )
    if not participant_ids:
        return ClassErrors(answers=0, participants=0)
    answers = list(
        session.scalars(
            select(InterviewAnswer)
            .where(InterviewAnswer.participant_id.in_(participant_ids))
            .order_by(InterviewAnswer.id)
        )
    )
    return ClassErrors(
        answers=len(answers),
        participants=len({a.participant_id for a in answers}),
        errors=_error_counts(answers),
    )


def situation_label(situation: str | None) -> str:
    """The Norwegian name of a workplace situation kind."""
    return SITUATIONS.get(situation or "", "")


def star_of(turn: Turn) -> StarGuidance | None:
    """STAR guidance of a behavioural question."""
    return turn.star


def user_name(session: Session, user_id: int | None) -> str:
    """Display name of an account ("" when gone)."""
    user = session.get(User, user_id) if user_id is not None else None
    return user.display_name if user is not None else ""


# --------------------------------------------------------------------------- personal data


def _export(session: Session, participant: Participant) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(InterviewSession)
        .where(InterviewSession.participant_id == participant.id)
        .order_by(InterviewSession.started_at)
    )
    return [
        {
            "title": row.title,
            "scenario": row.scenario_key,
            "mode": row.mode,
            "started_at": row.started_at.isoformat(),
            "finished_at": row.finished_at.isoformat() if row.finished_at else None,
            "answers": [
                {
                    "question": a.prompt,
                    "answer": a.text,
                    "spoken": a.spoken,
                    "level": a.level,
                    "feedback": a.feedback,
                    "answered_at": a.answered_at.isoformat(),
                }
                for a in session_answers(session, row)
            ],
        }
        for row in rows
    ]


def _erase(session: Session, participant: Participant) -> None:
    session.execute(delete(InterviewAnswer).where(InterviewAnswer.participant_id == participant.id))
    session.execute(
        delete(InterviewSession).where(InterviewSession.participant_id == participant.id)
    )
    session.execute(
        delete(ScenarioAssignment).where(ScenarioAssignment.participant_id == participant.id)
    )


register_personal_data("interviews", export=_export, erase=_erase, order=50)
