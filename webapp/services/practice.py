"""Practice use cases: today's session from the published profile; answers stored exactly once.

* Items are generated from the participant's *published* profile (``published_for_participant``)
  with ``exercises.generate_items`` (deterministic per profile version and help language, cached
  per process because generation takes a second or two).  A ``CardState`` row, holding a JSON
  snapshot of the item, is created lazily the first time an item is put into a session.
* ``next_session`` plans with ``exercises.scheduling.plan_session``: due reviews first (safety items
  never postponed), then new items in the profile's priority order up to the class's daily cap.
* ``submit_answers`` grades on the server (a client's verdict is never trusted), stores every
  answer once (check first, plus the unique constraint on ``(participant_id, client_id)``),
  applies reviews in the order they were answered (a late answer rebuilds the state with
  ``replay_reviews``), and uses the optimistic ``lock_version`` of ``CardState`` so two devices
  answering at once lose nothing.

Every function takes a ``Session``; they flush but never commit (the caller commits once).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import random
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Select, and_, delete, func, or_, select
from sqlalchemy.engine import CursorResult
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, defer
from sqlalchemy.orm.exc import StaleDataError

from exercises.errors import ExercisesError
from exercises.grading import grade_item
from exercises.instructions import HELP_LANGUAGES, instruction_for, resolve_language
from exercises.items import EXERCISE_TYPES, ExerciseItem, generate_items
from exercises.scheduling import (
    LEARN_AHEAD,
    AnswerEvent,
    NewCandidate,
    SessionPlan,
    plan_session,
    rating_for_button,
    rating_for_verdict,
    replay_reviews,
    review,
)
from exercises.scheduling import CardState as SchedState
from webapp.models import (
    Answer,
    CardState,
    Enrolment,
    GeneratedItems,
    Participant,
    PracticeSettings,
    ProfileVersion,
)
from webapp.services.personal_data import register_personal_data
from webapp.services.published import PublishedProfile, published_for_participant

log = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_NEW_PER_DAY",
    "MAX_BATCH",
    "due_queries",
    "due_states",
    "AnswerIn",
    "AnswerResult",
    "InvalidAnswerBatch",
    "PracticeError",
    "SessionItem",
    "SessionView",
    "class_settings",
    "help_language_for",
    "next_day_start",
    "next_session",
    "on_answer_hooks",
    "participant_id_for_user",
    "save_class_settings",
    "submit_answers",
]

OSLO = ZoneInfo("Europe/Oslo")
DEFAULT_NEW_PER_DAY = 15
DEFAULT_SESSION_MINUTES = 7
MAX_BATCH = 200
#: How often one answer is retried when another device changed the same card at the same moment.
MAX_RETRIES = 10
#: An answer "from the future" (phone clock ahead) is clamped to the server's time plus this.
CLOCK_SKEW = dt.timedelta(minutes=5)

#: Hooks called after each newly stored answer: ``hook(session, participant_id, answer_row, item)``.
#: Filled by other features (progress); a failing hook is logged and never loses the answer.
AnswerHook = Callable[[Session, int, Answer, Mapping[str, Any]], None]
on_answer_hooks: list[AnswerHook] = []


class PracticeError(Exception):
    """Base class for practice errors."""


class InvalidAnswerBatch(PracticeError):
    """The submitted batch is malformed (not a list, too long, missing fields)."""


# --- help language ----------------------------------------------------------------------------

#: Norwegian (and English) names of first languages → help-language code.
_LANGUAGE_NAMES: dict[str, str] = {
    "arabisk": "ar",
    "arabic": "ar",
    "ukrainsk": "uk",
    "ukrainian": "uk",
    "tigrinja": "ti",
    "tigrinya": "ti",
    "tigrinsk": "ti",
    "somali": "so",
    "somalisk": "so",
    "dari": "prs",
    "persisk": "prs",
    "farsi": "prs",
    "engelsk": "en",
    "english": "en",
    "norsk": "nb",
}


def help_language_for(participant: Participant) -> str:
    """The participant's help language: from their first language, English when unsupported."""
    raw = (participant.first_language or "").strip().casefold()
    if raw in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[raw]
    if raw in HELP_LANGUAGES:
        return raw
    return "en" if not raw else resolve_language(raw)


# --- item generation (cached per profile version and help language) ----------------------------


@dataclass(frozen=True)
class _Generated:
    items: dict[str, ExerciseItem]
    order: tuple[str, ...]  # new-item priority order


_CACHE_SIZE = 32
_cache: OrderedDict[tuple[int, str], _Generated] = OrderedDict()
_cache_lock = threading.Lock()

#: How many terms later a type is introduced than the term's flashcard (spreads a word's items
#: over several days instead of nine items of one word in a row).
_TYPE_DELAY: dict[str, int] = {
    "flashcard": 0,
    "meaning": 2,
    "article": 3,
    "listening": 4,
    "inflection": 6,
    "cloze": 7,
    "situation": 7,
    "word_order": 9,
    "dictation": 10,
}


def _seed(version_id: int, help_language: str) -> int:
    digest = hashlib.sha256(f"{version_id}:{help_language}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def _priority(items: Sequence[ExerciseItem], published: PublishedProfile) -> tuple[str, ...]:
    """New-item order: the profile's term order, each type some terms after the flashcard."""
    profile = published.profile
    term_rank = {t.lemma.casefold(): i for i, t in enumerate(profile.terms)}
    phrase_rank = {p.text.casefold(): i for i, p in enumerate(profile.phrases)}
    type_index = {t: i for i, t in enumerate(EXERCISE_TYPES)}

    def key(pair: tuple[int, ExerciseItem]) -> tuple[int, int, int]:
        position, item = pair
        lemma = item.lemma.casefold()
        if lemma in term_rank:
            rank = term_rank[lemma]
        elif lemma in phrase_rank:
            rank = 2 * phrase_rank[lemma] + 3  # phrases woven in among the first terms
        else:
            rank = len(term_rank)
        delay = _TYPE_DELAY.get(item.type, 8)
        return (
            rank + delay - (0 if not item.safety else 3),
            type_index.get(item.type, 99),
            position,
        )

    return tuple(item.id for _, item in sorted(enumerate(items), key=key))


@cache
def generator_fingerprint() -> str:
    """What stored items depend on besides the version: the generating code and dictionary.

    A hash of the ``exercises`` package's source, this module (the new-item order) and the
    dictionary index version, so items stored by older code are never served by newer code.
    """
    import exercises
    from language_profiles.lexicon import INDEX_SCHEMA, load_lexicon

    digest = hashlib.sha256()
    for path in sorted(Path(exercises.__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    digest.update(Path(__file__).read_bytes())
    digest.update(f"{load_lexicon().version}:{INDEX_SCHEMA}".encode())
    return digest.hexdigest()[:40]


def _stored_key(published: PublishedProfile) -> str:
    """The code fingerprint together with the version's content (terms, phrases, order)."""
    content = json.dumps(published.profile.to_dict(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{generator_fingerprint()}\n{content}".encode()).hexdigest()[:40]


def _load_stored(
    session: Session, published: PublishedProfile, help_language: str, key: str
) -> _Generated | None:
    version_id = published.version_id
    row = session.scalar(
        select(GeneratedItems).where(
            GeneratedItems.version_id == version_id,
            GeneratedItems.help_language == help_language,
            GeneratedItems.generator == key,
        )
    )
    if row is None:
        return None
    try:
        items = {i.id: i for i in (ExerciseItem.from_dict(d) for d in row.items)}
    except ExercisesError:
        log.warning("stored items of version %s (%s) are unreadable", version_id, help_language)
        return None
    order = tuple(str(item_id) for item_id in row.priority)
    if not set(order) <= set(items):
        return None
    return _Generated(items=items, order=order)


def _store(
    session: Session, version_id: int, help_language: str, key: str, generated: _Generated
) -> None:
    """Keep generated items for every process (a concurrent request may store them first)."""
    row = GeneratedItems(
        version_id=version_id,
        help_language=help_language,
        generator=key,
        items=[item.to_dict() for item in generated.items.values()],
        priority=list(generated.order),
    )
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        log.info("items of version %s (%s) were stored concurrently", version_id, help_language)
        return
    _prune_stored(session, version_id, help_language, key)


def _prune_stored(session: Session, version_id: int, help_language: str, key: str) -> int:
    """Delete stored items that are never read again; return how many rows went.

    Sessions and answers only use the published version of a profile, with items made by the
    running code.  So rows of archived versions, and rows of this version made by older code
    (before a deploy, or before the version's content changed), are dead weight: a few hundred
    kB each, for every version a teacher ever published.  Runs right after a new row is stored,
    which happens once per version, help language and deploy.  A process still on old code
    during a rolling deploy that misses its row generates it again; nothing is lost.
    """
    archived = select(ProfileVersion.id).where(ProfileVersion.status == "archived")
    stale = delete(GeneratedItems).where(
        or_(
            GeneratedItems.version_id.in_(archived),
            and_(
                GeneratedItems.version_id == version_id,
                GeneratedItems.help_language == help_language,
                GeneratedItems.generator != key,
            ),
        )
    )
    result = session.execute(stale, execution_options={"synchronize_session": False})
    removed = int(cast(CursorResult[Any], result).rowcount or 0)
    if removed:
        log.info("removed %d stored item sets nobody reads any more", removed)
    return removed


def _generate(
    published: PublishedProfile, help_language: str, session: Session | None = None
) -> _Generated:
    """The items of a published version for a help language: from this process's cache, else
    from the database (``GeneratedItems``), else generated (about a second) and stored."""
    cache_key = (published.version_id, help_language)
    with _cache_lock:
        hit = _cache.get(cache_key)
        if hit is not None:
            _cache.move_to_end(cache_key)
            return hit
    key = _stored_key(published) if session is not None else ""
    generated = _load_stored(session, published, help_language, key) if session else None
    if generated is None:
        from language_profiles.lexicon import load_lexicon

        lexicon = load_lexicon()
        result = generate_items(
            published.profile,
            rng=random.Random(_seed(published.version_id, help_language)),  # noqa: S311
            help_language=help_language,
            similar_words=lexicon.similar,
            is_word=lexicon.is_word,
        )
        generated = _Generated(
            items={item.id: item for item in result.items},
            order=_priority(result.items, published),
        )
        if session is not None:
            _store(session, published.version_id, help_language, key, generated)
    with _cache_lock:
        _cache[cache_key] = generated
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return generated


def clear_generation_cache() -> None:
    """Forget generated items and loaded versions (tests that rebuild the database)."""
    from webapp.services.published import clear_published_cache

    with _cache_lock:
        _cache.clear()
    clear_published_cache()


def _is_word(form: str) -> bool:
    from language_profiles.lexicon import load_lexicon

    return load_lexicon().is_word(form)


def participant_id_for_user(session: Session, user_id: int) -> int | None:
    """The participant id of a login account, or ``None`` for staff and mentors."""
    pid = session.scalar(select(Participant.id).where(Participant.user_id == user_id))
    return None if pid is None else int(pid)


# --- settings ------------------------------------------------------------------------------


def class_settings(session: Session, class_id: int) -> PracticeSettings:
    """The class's practice settings (a default row, not yet added, when none is stored)."""
    row = session.scalar(select(PracticeSettings).where(PracticeSettings.class_id == class_id))
    if row is None:
        row = PracticeSettings(
            class_id=class_id,
            new_items_per_day=DEFAULT_NEW_PER_DAY,
            session_minutes=DEFAULT_SESSION_MINUTES,
        )
    return row


def save_class_settings(
    session: Session, class_id: int, *, new_items_per_day: int, session_minutes: int | None = None
) -> PracticeSettings:
    """Store the daily cap on new items (0–100) and the session length (3–20 minutes)."""
    if not 0 <= new_items_per_day <= 100:
        raise PracticeError("new_items_per_day must be between 0 and 100")
    row = class_settings(session, class_id)
    row.new_items_per_day = new_items_per_day
    if session_minutes is not None:
        if not 3 <= session_minutes <= 20:
            raise PracticeError("session_minutes must be between 3 and 20")
        row.session_minutes = session_minutes
    session.add(row)
    session.flush()
    return row


def _participant_settings(
    session: Session, participant_id: int, *, today: dt.date
) -> tuple[int, int]:
    """(new items per day, session minutes): the strictest of the participant's active classes."""
    enrolments = session.scalars(
        select(Enrolment).where(Enrolment.participant_id == participant_id)
    ).all()
    class_ids = [e.class_id for e in enrolments if e.is_active_on(today)]
    if not class_ids:
        return DEFAULT_NEW_PER_DAY, DEFAULT_SESSION_MINUTES
    rows = session.scalars(
        select(PracticeSettings).where(PracticeSettings.class_id.in_(class_ids))
    ).all()
    if not rows:
        return DEFAULT_NEW_PER_DAY, DEFAULT_SESSION_MINUTES
    return min(r.new_items_per_day for r in rows), min(r.session_minutes for r in rows)


# --- today's session -----------------------------------------------------------------------


@dataclass(frozen=True)
class SessionItem:
    """One item of today's session, ready for the web layer to serialise."""

    item: ExerciseItem
    kind: str  # "review" | "new"
    instruction: Mapping[str, str]
    audio_texts: tuple[tuple[str, str], ...]  # (Norwegian text, "before" | "after" answering)


@dataclass(frozen=True)
class SessionView:
    """Today's session, or the reason there is none (``status``)."""

    status: str  # "ok" | "no_profile" | "no_participant"
    help_language: str
    direction: str
    items: tuple[SessionItem, ...] = ()
    profile_name: str | None = None
    employer_id: int | None = None
    employer_name: str | None = None
    estimated_seconds: int = 0
    due_total: int = 0
    postponed: int = 0
    new_cap: int = DEFAULT_NEW_PER_DAY
    new_done_today: int = 0
    answered_today: int = 0


def _day_start(now: dt.datetime) -> dt.datetime:
    local = now.astimezone(OSLO)
    return dt.datetime.combine(local.date(), dt.time(0), tzinfo=OSLO).astimezone(dt.UTC)


def next_day_start(now: dt.datetime, *, hour: int = 4) -> dt.datetime:
    """Early tomorrow morning in Oslo (UTC): when tomorrow's session, planned ahead, starts."""
    tomorrow = now.astimezone(OSLO).date() + dt.timedelta(days=1)
    return dt.datetime.combine(tomorrow, dt.time(hour), tzinfo=OSLO).astimezone(dt.UTC)


def _new_done_today(session: Session, participant_id: int, *, since: dt.datetime) -> int:
    """Items answered for the first time today (Oslo day)."""
    first = (
        select(Answer.item_key, func.min(Answer.answered_at).label("first_at"))
        .where(Answer.participant_id == participant_id)
        .group_by(Answer.item_key)
        .subquery()
    )
    return int(session.scalar(select(func.count()).where(first.c.first_at >= since)) or 0)


#: Types whose sound is the question itself; for the others it would give the answer away.
_PLAY_BEFORE = frozenset({"flashcard", "meaning", "listening", "dictation"})


def _audio_texts(item: ExerciseItem) -> tuple[tuple[str, str], ...]:
    """Norwegian texts the page may play, each with "before" or "after" answering."""
    texts: list[tuple[str, str]] = []

    def add(text: str | None, when: str) -> None:
        if text and len(text) <= 300 and all(text != t for t, _ in texts):
            texts.append((text, when))

    add(item.audio_text, "before" if item.type in _PLAY_BEFORE else "after")
    if item.type not in ("meaning", "listening"):
        add(item.expected, "after")
    add(item.example, "after")
    return tuple(texts)


def _snapshot_state(row: CardState) -> SchedState:
    if row.state:
        return SchedState.from_dict(row.state)
    return SchedState.new(row.item_key, now=row.created_at, safety=row.safety)


def _new_row(
    participant_id: int, published: PublishedProfile, item: ExerciseItem, *, now: dt.datetime
) -> CardState:
    state = SchedState.new(item.id, now=now, safety=item.safety)
    return CardState(
        participant_id=participant_id,
        profile_id=published.profile_id,
        item_key=item.id,
        item_type=item.type,
        term_lemma=item.lemma[:200],
        item=item.to_dict(),
        state=state.to_dict(),
        safety=item.safety,
        due=now,
        reps=0,
        lapses=0,
        created_at=now,
    )


def _ensure_rows(
    session: Session,
    participant_id: int,
    published: PublishedProfile,
    items: Sequence[ExerciseItem],
    existing: Mapping[str, CardState],
    *,
    now: dt.datetime,
) -> None:
    """Create the missing ``CardState`` rows (a concurrent request may create them first)."""
    for item in items:
        if item.id in existing:
            continue
        try:
            with session.begin_nested():
                session.add(_new_row(participant_id, published, item, now=now))
        except IntegrityError:
            log.info("card %s for participant %s was created concurrently", item.id, participant_id)


def due_queries(participant_id: int, *, now: dt.datetime) -> tuple[Select[Any], Select[Any]]:
    """The two queries of :func:`due_states` (``scripts/bench_scale.py`` EXPLAINs them)."""
    horizon = now + LEARN_AHEAD
    due = (
        select(CardState)
        .options(defer(CardState.item))
        .where(CardState.participant_id == participant_id, CardState.due <= horizon)
    )
    reviewed = select(CardState.item_key).where(
        CardState.participant_id == participant_id,
        CardState.due > horizon,
        CardState.reps > 0,
    )
    return due, reviewed


def due_states(
    session: Session, participant_id: int, *, now: dt.datetime
) -> tuple[list[SchedState], set[str]]:
    """What is due now: the states of the cards that may be due, and the ids of the others.

    The first query is an index range on (participant, due) and reads only the cards due by
    ``now`` plus the learn-ahead window (without the item snapshot, about 1 KB of JSON a row);
    the second reads just the ids of the cards reviewed before and not due yet, which must never
    come back as new.  So a participant with 1,000 cards costs about as much as one with 20.
    """
    due_query, reviewed_query = due_queries(participant_id, now=now)
    states = [_snapshot_state(r) for r in session.scalars(due_query)]
    reviewed = set(session.scalars(reviewed_query))
    return states, reviewed


def next_session(session: Session, participant_id: int, *, now: dt.datetime) -> SessionView:
    """Plan today's session for a participant (creates ``CardState`` rows for new items)."""
    participant = session.get(Participant, participant_id)
    if participant is None:
        return SessionView(status="no_participant", help_language="en", direction="ltr")
    language = help_language_for(participant)
    direction = HELP_LANGUAGES[language].direction
    published = published_for_participant(session, participant_id)
    if published is None:
        return SessionView(status="no_profile", help_language=language, direction=direction)
    generated = _generate(published, language, session)
    states, reviewed = due_states(session, participant_id, now=now)
    states = [s for s in states if s.item_id in generated.items]
    today = now.astimezone(OSLO).date()
    new_cap, minutes = _participant_settings(session, participant_id, today=today)
    since = _day_start(now)
    new_done = _new_done_today(session, participant_id, since=since)
    candidates = [
        NewCandidate(item_id, safety=generated.items[item_id].safety) for item_id in generated.order
    ]
    plan: SessionPlan = plan_session(
        states,
        candidates,
        now=now,
        new_cap=new_cap,
        new_done_today=new_done,
        target_seconds=minutes * 60,
        reviewed=reviewed,
    )
    planned = [generated.items[p.item_id] for p in plan.items]
    rows = (
        {
            r.item_key: r
            for r in session.scalars(
                select(CardState).where(
                    CardState.participant_id == participant_id,
                    CardState.item_key.in_([p.item_id for p in plan.items]),
                )
            )
        }
        if plan.items
        else {}
    )
    _ensure_rows(session, participant_id, published, planned, rows, now=now)
    for p in plan.items:  # keep the snapshot in step with the published version
        row = rows.get(p.item_id)
        fresh = generated.items[p.item_id].to_dict()
        if row is not None and row.item != fresh:
            row.item = fresh
            row.profile_id = published.profile_id
    session.flush()
    answered_today = int(
        session.scalar(
            select(func.count(Answer.id)).where(
                Answer.participant_id == participant_id, Answer.answered_at >= since
            )
        )
        or 0
    )
    items = tuple(
        SessionItem(
            item=generated.items[p.item_id],
            kind=p.kind,
            instruction=instruction_for(generated.items[p.item_id].type, language).to_dict(),
            audio_texts=_audio_texts(generated.items[p.item_id]),
        )
        for p in plan.items
    )
    return SessionView(
        status="ok",
        help_language=language,
        direction=direction,
        items=items,
        profile_name=published.profile.name,
        employer_id=published.employer_id,
        employer_name=published.employer_name,
        estimated_seconds=plan.estimated_seconds,
        due_total=plan.due_total,
        postponed=plan.postponed,
        new_cap=new_cap,
        new_done_today=new_done,
        answered_today=answered_today,
    )


# --- answers -------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerIn:
    """One answer as the phone sends it."""

    client_id: str  # a UUID made on the phone
    item_id: str
    response: str | tuple[str, ...]  # text, choice, flashcard button, or tapped word tiles
    answered_at: dt.datetime  # on the phone (aware)
    duration_ms: int | None = None


@dataclass(frozen=True)
class AnswerResult:
    """What happened to one submitted answer."""

    client_id: str
    status: str  # "stored" | "duplicate" | "rejected"
    item_id: str | None = None
    correct: bool | None = None
    verdict: Mapping[str, Any] = field(default_factory=dict)
    due: dt.datetime | None = None
    error: str | None = None

    @property
    def duplicate(self) -> bool:
        """True when the answer had been stored before (a replay)."""
        return self.status == "duplicate"


def _clean_client_id(value: str) -> str:
    text = unicodedata.normalize("NFC", value).strip()
    if not 8 <= len(text) <= 64 or not all(c.isalnum() or c in "-_" for c in text):
        raise InvalidAnswerBatch(f"bad client_id {value!r}")
    return text


def parse_answers(raw: Any) -> list[AnswerIn]:
    """Validate a JSON batch (``[{client_id, item_id, response, answered_at, duration_ms}]``)."""
    if not isinstance(raw, list):
        raise InvalidAnswerBatch("answers must be a list")
    if len(raw) > MAX_BATCH:
        raise InvalidAnswerBatch(f"at most {MAX_BATCH} answers per request")
    answers: list[AnswerIn] = []
    for entry in raw:
        if not isinstance(entry, dict):
            raise InvalidAnswerBatch("each answer must be an object")
        client_id = entry.get("client_id")
        item_id = entry.get("item_id")
        response = entry.get("response")
        answered_at = entry.get("answered_at")
        duration = entry.get("duration_ms")
        if not isinstance(client_id, str) or not isinstance(item_id, str) or len(item_id) > 80:
            raise InvalidAnswerBatch("client_id and item_id must be strings")
        if isinstance(response, list):
            if not all(isinstance(r, str) for r in response) or len(response) > 60:
                raise InvalidAnswerBatch("response list must hold strings")
            response_value: str | tuple[str, ...] = tuple(response)
        elif isinstance(response, str):
            response_value = response
        else:
            raise InvalidAnswerBatch("response must be a string or a list of strings")
        if (
            len(" ".join(response_value) if isinstance(response_value, tuple) else response_value)
            > 2000
        ):
            raise InvalidAnswerBatch("response too long")
        if not isinstance(answered_at, str):
            raise InvalidAnswerBatch("answered_at must be an ISO 8601 string")
        try:
            moment = dt.datetime.fromisoformat(answered_at.replace("Z", "+00:00"))
        except ValueError as e:
            raise InvalidAnswerBatch(f"bad answered_at {answered_at!r}") from e
        if moment.tzinfo is None:
            raise InvalidAnswerBatch("answered_at needs a time zone")
        if duration is not None and (not isinstance(duration, int) or isinstance(duration, bool)):
            raise InvalidAnswerBatch("duration_ms must be an integer")
        answers.append(
            AnswerIn(
                client_id=_clean_client_id(client_id),
                item_id=item_id,
                response=response_value,
                answered_at=moment.astimezone(dt.UTC),
                duration_ms=None if duration is None else max(0, min(int(duration), 3_600_000)),
            )
        )
    return answers


def _stored_result(row: Answer, *, status: str) -> AnswerResult:
    return AnswerResult(
        client_id=row.client_id,
        status=status,
        item_id=row.item_key,
        correct=row.correct,
        verdict=dict(row.verdict or {}),
    )


def _find_answer(session: Session, participant_id: int, client_id: str) -> Answer | None:
    return session.scalar(
        select(Answer).where(Answer.participant_id == participant_id, Answer.client_id == client_id)
    )


def _card_for(
    session: Session, participant_id: int, item_id: str, *, now: dt.datetime
) -> CardState | None:
    row: CardState | None = session.scalar(
        select(CardState).where(
            CardState.participant_id == participant_id, CardState.item_key == item_id
        )
    )
    if row is not None:
        return row
    # An item answered offline from a session served before its row existed elsewhere:
    # look it up in the current published profile.
    participant = session.get(Participant, participant_id)
    published = published_for_participant(session, participant_id)
    if participant is None or published is None:
        return None
    item = _generate(published, help_language_for(participant), session).items.get(item_id)
    if item is None:
        return None
    _ensure_rows(session, participant_id, published, [item], {}, now=now)
    created: CardState | None = session.scalar(
        select(CardState).where(
            CardState.participant_id == participant_id, CardState.item_key == item_id
        )
    )
    return created


def _events_for(session: Session, participant_id: int, item_id: str) -> list[AnswerEvent]:
    rows = session.execute(
        select(Answer.client_id, Answer.rating, Answer.answered_at).where(
            Answer.participant_id == participant_id, Answer.item_key == item_id
        )
    ).all()
    return [AnswerEvent(cid, item_id, rating, at) for cid, rating, at in rows]


def _apply(session: Session, participant_id: int, card: CardState, answer: Answer) -> None:
    """Update the card with the (already added) answer, in answer order."""
    state = _snapshot_state(card)
    if state.last_review is not None and answer.answered_at < state.last_review:
        new_state, _ = replay_reviews(
            card.item_key,
            _events_for(session, participant_id, card.item_key),
            created_at=card.created_at,
            safety=card.safety,
        )
    else:
        new_state, _ = review(state, answer.rating, answer.answered_at)
    card.state = new_state.to_dict()
    card.due = new_state.due
    card.reps = new_state.reps
    card.lapses = new_state.lapses
    card.last_review_at = new_state.last_review


def _store_one(
    session: Session, participant_id: int, answer: AnswerIn, *, now: dt.datetime
) -> tuple[AnswerResult, Answer | None, Mapping[str, Any] | None]:
    stored = _find_answer(session, participant_id, answer.client_id)
    if stored is not None:
        return _stored_result(stored, status="duplicate"), None, None
    card = _card_for(session, participant_id, answer.item_id, now=now)
    if card is None:
        return (
            AnswerResult(answer.client_id, "rejected", answer.item_id, error="unknown_item"),
            None,
            None,
        )
    try:
        item = ExerciseItem.from_dict(card.item)
        verdict = grade_item(item, answer.response, is_word=_is_word)
        if item.check_kind == "self":
            text = (
                answer.response if isinstance(answer.response, str) else " ".join(answer.response)
            )
            rating = int(rating_for_button(text.replace(" ", "_")))
        else:
            rating = int(rating_for_verdict(verdict))
    except ExercisesError as e:
        log.info("answer %s rejected: %s", answer.client_id, e)
        rejected = AnswerResult(
            answer.client_id, "rejected", answer.item_id, error="invalid_answer"
        )
        return rejected, None, None
    answered_at = min(answer.answered_at, now + CLOCK_SKEW)
    response_text = (
        answer.response if isinstance(answer.response, str) else " ".join(answer.response)
    )
    for attempt in range(MAX_RETRIES):
        try:
            with session.begin_nested():
                row = Answer(
                    participant_id=participant_id,
                    client_id=answer.client_id,
                    item_key=card.item_key,
                    item_type=card.item_type,
                    response=response_text[:2000],
                    correct=verdict.correct,
                    rating=rating,
                    verdict=verdict.to_dict(),
                    skills=list(item.skills),
                    level=item.level[:4] if item.level else None,
                    duration_ms=answer.duration_ms,
                    answered_at=answered_at,
                    received_at=now,
                )
                session.add(row)
                session.flush()
                _apply(session, participant_id, card, row)
                session.flush()
                # In the same transaction (one write per answer on SQLite); each hook in its
                # own nested savepoint, so a failing hook never takes the answer with it.
                _run_hooks(session, participant_id, row, card.item)
        except IntegrityError:
            # The same answer arrived at the same moment through another request.
            stored = _find_answer(session, participant_id, answer.client_id)
            if stored is None:
                raise
            return _stored_result(stored, status="duplicate"), None, None
        except StaleDataError:
            # Another device changed this card meanwhile: reload it and apply again.
            log.info(
                "card %s changed concurrently (attempt %d); retrying", card.item_key, attempt + 1
            )
            session.refresh(card)
            continue
        result = AnswerResult(
            client_id=row.client_id,
            status="stored",
            item_id=row.item_key,
            correct=row.correct,
            verdict=dict(row.verdict),
            due=card.due,
        )
        return result, row, card.item
    raise PracticeError(f"card {card.item_key} kept changing; gave up after {MAX_RETRIES} tries")


def _run_hooks(session: Session, participant_id: int, row: Answer, item: Mapping[str, Any]) -> None:
    for hook in list(on_answer_hooks):
        try:
            with session.begin_nested():
                hook(session, participant_id, row, item)
        except Exception:  # a progress hook must never lose an answer
            log.exception("on_answer hook %r failed for answer %s", hook, row.client_id)


def submit_answers(
    session: Session, participant_id: int, answers: Iterable[AnswerIn], *, now: dt.datetime
) -> list[AnswerResult]:
    """Grade and store answers (each once), applying reviews in the order they were answered."""
    batch = list(answers)
    if len(batch) > MAX_BATCH:
        raise InvalidAnswerBatch(f"at most {MAX_BATCH} answers per request")
    results: dict[int, AnswerResult] = {}
    seen: dict[str, int] = {}
    # Oldest first, so a batch from an offline phone is applied in answer order.
    order = sorted(range(len(batch)), key=lambda i: (batch[i].answered_at, batch[i].client_id))
    for index in order:
        answer = batch[index]
        if answer.client_id in seen:
            first = results[seen[answer.client_id]]
            results[index] = AnswerResult(
                first.client_id, "duplicate", first.item_id, first.correct, first.verdict, first.due
            )
            continue
        seen[answer.client_id] = index
        result, _row, _item = _store_one(session, participant_id, answer, now=now)
        results[index] = result
    return [results[i] for i in range(len(batch))]


# --- personal data -------------------------------------------------------------------------


def _export(session: Session, participant: Participant) -> dict[str, Any]:
    cards = session.scalars(
        select(CardState).where(CardState.participant_id == participant.id).order_by(CardState.id)
    )
    answers = session.scalars(
        select(Answer).where(Answer.participant_id == participant.id).order_by(Answer.answered_at)
    )
    return {
        "cards": [
            {
                "item": c.item_key,
                "type": c.item_type,
                "word": c.term_lemma,
                "due": c.due.isoformat(),
                "reps": c.reps,
                "lapses": c.lapses,
                "last_review_at": c.last_review_at.isoformat() if c.last_review_at else None,
            }
            for c in cards
        ],
        "answers": [
            {
                "client_id": a.client_id,
                "item": a.item_key,
                "type": a.item_type,
                "response": a.response,
                "correct": a.correct,
                "rating": a.rating,
                "answered_at": a.answered_at.isoformat(),
                "duration_ms": a.duration_ms,
            }
            for a in answers
        ],
    }


def _erase(session: Session, participant: Participant) -> None:
    session.execute(delete(Answer).where(Answer.participant_id == participant.id))
    session.execute(delete(CardState).where(CardState.participant_id == participant.id))


register_personal_data("practice", export=_export, erase=_erase, order=50)
