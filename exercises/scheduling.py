"""Spaced repetition with FSRS-6 (the ``fsrs`` package, default parameters), and today's session.

One :class:`CardState` per participant per item, stored by the web layer as ``to_dict()``.
Safety-critical items use a desired retention of 0.97 (others 0.90) and, when due, are
always in the session: they are never postponed to keep a session short.

Fuzzing is switched off so that a replay of the same answers gives the same state on every
machine (answers that arrive late from offline phones are replayed in answer order).
"""

from __future__ import annotations

import zlib
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from fsrs import Card, Rating, Scheduler, State

from exercises.checking import Verdict
from exercises.errors import InvalidItemData, InvalidReview

__all__ = [
    "DESIRED_RETENTION",
    "LEARN_AHEAD",
    "SAFETY_RETENTION",
    "AnswerEvent",
    "CardState",
    "NewCandidate",
    "PlannedItem",
    "Rating",
    "ReviewLogEntry",
    "SessionPlan",
    "apply_reviews_in_order",
    "plan_session",
    "rating_for_button",
    "recall_at_ratio",
    "rating_for_verdict",
    "replay_reviews",
    "retrievability",
    "review",
    "scheduler_for",
]

DESIRED_RETENTION = 0.90
SAFETY_RETENTION = 0.97

#: Rough seconds per item, used to size a 5-10 minute session.
SECONDS_PER_REVIEW = 20
SECONDS_PER_NEW = 40
#: Learning cards due within this time count as due now (so a session can finish their steps).
LEARN_AHEAD = timedelta(minutes=20)

_STATE_NAMES = {State.Learning: "learning", State.Review: "review", State.Relearning: "relearning"}
_STATE_BY_NAME = {name: state for state, name in _STATE_NAMES.items()}
_BUTTONS = {"igjen": Rating.Again, "kan_det": Rating.Good, "kan det": Rating.Good}


@cache
def scheduler_for(*, safety: bool) -> Scheduler:
    """The FSRS-6 scheduler (default parameters, no fuzz) for normal or safety items."""
    return Scheduler(
        desired_retention=SAFETY_RETENTION if safety else DESIRED_RETENTION,
        enable_fuzzing=False,
    )


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise InvalidReview("datetimes must be timezone-aware (UTC)")
    return moment.astimezone(UTC)


def _parse_time(value: Any) -> datetime:
    if isinstance(value, datetime):
        return _utc(value)
    if isinstance(value, str):
        return _utc(datetime.fromisoformat(value))
    raise InvalidItemData(f"not a datetime: {value!r}")


@dataclass(frozen=True)
class CardState:
    """FSRS memory state of one item for one participant (JSON-able via ``to_dict``)."""

    item_id: str
    due: datetime
    state: str = "learning"  # "learning" | "review" | "relearning"
    step: int | None = 0
    stability: float | None = None
    difficulty: float | None = None
    last_review: datetime | None = None
    safety: bool = False
    reps: int = 0
    lapses: int = 0

    @classmethod
    def new(cls, item_id: str, *, now: datetime, safety: bool = False) -> CardState:
        """A never-seen item, due now."""
        return cls(item_id=item_id, due=_utc(now), safety=safety)

    @property
    def is_new(self) -> bool:
        """True before the first review."""
        return self.reps == 0

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (datetimes as ISO 8601 strings)."""
        return {
            "item_id": self.item_id,
            "due": self.due.isoformat(),
            "state": self.state,
            "step": self.step,
            "stability": self.stability,
            "difficulty": self.difficulty,
            "last_review": self.last_review.isoformat() if self.last_review else None,
            "safety": self.safety,
            "reps": self.reps,
            "lapses": self.lapses,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CardState:
        """Build a state from ``to_dict`` output."""
        try:
            state = str(data.get("state", "learning"))
            if state not in _STATE_BY_NAME:
                raise InvalidItemData(f"unknown card state {state!r}")
            last = data.get("last_review")
            return cls(
                item_id=str(data["item_id"]),
                due=_parse_time(data["due"]),
                state=state,
                step=None if data.get("step") is None else int(data["step"]),
                stability=None if data.get("stability") is None else float(data["stability"]),
                difficulty=None if data.get("difficulty") is None else float(data["difficulty"]),
                last_review=None if last is None else _parse_time(last),
                safety=bool(data.get("safety", False)),
                reps=int(data.get("reps", 0)),
                lapses=int(data.get("lapses", 0)),
            )
        except (KeyError, TypeError, ValueError) as e:
            if isinstance(e, InvalidItemData):
                raise
            raise InvalidItemData(f"bad card state: {e}") from e

    def to_card(self) -> Card:
        """The equivalent ``fsrs.Card``."""
        return Card(
            card_id=zlib.crc32(self.item_id.encode()),
            state=_STATE_BY_NAME[self.state],
            step=self.step,
            stability=self.stability,
            difficulty=self.difficulty,
            due=self.due,
            last_review=self.last_review,
        )


@dataclass(frozen=True)
class ReviewLogEntry:
    """What one review did (stored beside the answer for audit and progress)."""

    item_id: str
    rating: int  # 1 Again, 2 Hard, 3 Good, 4 Easy
    reviewed_at: datetime
    due_before: datetime
    due_after: datetime
    stability_after: float | None
    state_after: str

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "item_id": self.item_id,
            "rating": self.rating,
            "reviewed_at": self.reviewed_at.isoformat(),
            "due_before": self.due_before.isoformat(),
            "due_after": self.due_after.isoformat(),
            "stability_after": self.stability_after,
            "state_after": self.state_after,
        }


def rating_for_verdict(verdict: Verdict) -> Rating:
    """Wrong → Again; right with a correction (spelling, slip) → Hard; right as written → Good."""
    if not verdict.correct:
        return Rating.Again
    return Rating.Good if verdict.exact else Rating.Hard


def rating_for_button(button: str) -> Rating:
    """Flashcard buttons: "igjen" → Again, "kan_det" → Good."""
    try:
        return _BUTTONS[button.strip().casefold()]
    except KeyError as e:
        raise InvalidReview(f"unknown flashcard button {button!r}") from e


def review(
    state: CardState, rating: Rating | int, now: datetime
) -> tuple[CardState, ReviewLogEntry]:
    """Apply one review at ``now`` and return the new state and a log entry."""
    try:
        fsrs_rating = Rating(int(rating))
    except ValueError as e:
        raise InvalidReview(f"unknown rating {rating!r}") from e
    moment = _utc(now)
    if state.last_review is not None and moment < state.last_review:
        raise InvalidReview(
            f"review at {moment.isoformat()} is older than the last review of {state.item_id}; "
            "replay the item's answers in order with replay_reviews()"
        )
    card, _ = scheduler_for(safety=state.safety).review_card(
        state.to_card(), fsrs_rating, review_datetime=moment
    )
    lapse = state.state == "review" and fsrs_rating == Rating.Again
    new_state = CardState(
        item_id=state.item_id,
        due=card.due,
        state=_STATE_NAMES[card.state],
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        last_review=card.last_review,
        safety=state.safety,
        reps=state.reps + 1,
        lapses=state.lapses + int(lapse),
    )
    log = ReviewLogEntry(
        item_id=state.item_id,
        rating=int(fsrs_rating),
        reviewed_at=moment,
        due_before=state.due,
        due_after=card.due,
        stability_after=card.stability,
        state_after=new_state.state,
    )
    return new_state, log


def retrievability(state: CardState, now: datetime) -> float:
    """Predicted probability of recall at ``now`` (0 for a new item)."""
    return float(
        scheduler_for(safety=state.safety).get_card_retrievability(state.to_card(), _utc(now))
    )


def recall_at_ratio(ratio: float) -> float:
    """The FSRS-6 forgetting curve ``(1 + factor * ratio) ** -decay`` (default parameters) at
    ``ratio`` = whole days since the last review / stability, as ``fsrs`` counts them: what
    :func:`retrievability` gives, from two numbers instead of a whole state.  Dashboards use it
    over thousands of cards (``webapp.services.progress.recall_by_participant``)."""
    decay, factor = _curve()
    return float((1 + factor * max(0.0, ratio)) ** decay)


@cache
def _curve() -> tuple[float, float]:
    """(decay, factor) of the default FSRS-6 forgetting curve, as ``fsrs.Scheduler`` has them."""
    decay = -float(scheduler_for(safety=False).parameters[20])
    return decay, 0.9 ** (1 / decay) - 1


@dataclass(frozen=True)
class AnswerEvent:
    """One graded answer, as it arrives (possibly late and out of order) from a phone."""

    answer_id: str  # made on the phone; the same id twice is the same answer
    item_id: str
    rating: int
    answered_at: datetime


def apply_reviews_in_order(
    state: CardState, answers: Iterable[AnswerEvent]
) -> tuple[CardState, tuple[ReviewLogEntry, ...]]:
    """Apply answers for one item in the order they were given (``answered_at``, then id).

    Duplicate ``answer_id``s are applied once.  Answers older than the state's last review
    raise ``InvalidReview``: replay all of the item's answers with :func:`replay_reviews`.
    """
    unique: dict[str, AnswerEvent] = {}
    for answer in answers:
        if answer.item_id != state.item_id:
            raise InvalidReview(f"answer {answer.answer_id} is for another item")
        unique.setdefault(answer.answer_id, answer)
    ordered = sorted(unique.values(), key=lambda a: (_utc(a.answered_at), a.answer_id))
    logs: list[ReviewLogEntry] = []
    for answer in ordered:
        state, log = review(state, answer.rating, answer.answered_at)
        logs.append(log)
    return state, tuple(logs)


def replay_reviews(
    item_id: str, answers: Iterable[AnswerEvent], *, created_at: datetime, safety: bool = False
) -> tuple[CardState, tuple[ReviewLogEntry, ...]]:
    """Rebuild an item's state from all of its answers (use when a late answer arrives)."""
    return apply_reviews_in_order(CardState.new(item_id, now=created_at, safety=safety), answers)


@dataclass(frozen=True)
class NewCandidate:
    """An item the participant has not seen yet, in the profile's priority order."""

    item_id: str
    safety: bool = False


@dataclass(frozen=True)
class PlannedItem:
    """One entry of today's queue."""

    item_id: str
    kind: str  # "review" | "new"
    safety: bool
    due: datetime | None = None
    retrievability: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "item_id": self.item_id,
            "kind": self.kind,
            "safety": self.safety,
            "due": self.due.isoformat() if self.due else None,
            "retrievability": self.retrievability,
        }


@dataclass(frozen=True)
class SessionPlan:
    """Today's queue: due reviews first (safety first among them), then new items."""

    items: tuple[PlannedItem, ...]
    estimated_seconds: int
    due_total: int  # reviews due now (including those left for the next session)
    postponed: int  # due non-safety reviews left out to keep the session short

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "items": [i.to_dict() for i in self.items],
            "estimated_seconds": self.estimated_seconds,
            "due_total": self.due_total,
            "postponed": self.postponed,
        }


def plan_session(
    states: Iterable[CardState],
    new_candidates: Sequence[NewCandidate | str],
    *,
    now: datetime,
    new_cap: int = 10,
    new_done_today: int = 0,
    max_items: int = 25,
    target_seconds: int = 8 * 60,
    learn_ahead: timedelta = LEARN_AHEAD,
    reviewed: Collection[str] = frozenset(),
) -> SessionPlan:
    """Build today's queue for one participant, sized for a 5-10 minute session.

    Due reviews come first: safety items (always all of them, never postponed), then the others
    by lowest retrievability.  Learning cards due within ``learn_ahead`` count as due.  Then new
    items in the given priority order, up to ``new_cap - new_done_today`` and the time budget.

    ``states`` need only hold the cards that may be due; ``reviewed`` names the other items
    already reviewed (not due yet), so they are never offered as new.  A caller can so load
    the due cards alone (an index range) instead of every card of the participant.
    """
    moment = _utc(now)
    seen: dict[str, CardState] = {}
    for s in states:
        seen[s.item_id] = s

    def is_due(s: CardState) -> bool:
        if s.state in ("learning", "relearning") and not s.is_new:
            return s.due <= moment + learn_ahead
        return s.due <= moment

    due = [s for s in seen.values() if not s.is_new and is_due(s)]
    due_r = {s.item_id: retrievability(s, moment) for s in due}
    due.sort(key=lambda s: (not s.safety, due_r[s.item_id], s.due, s.item_id))

    planned: list[PlannedItem] = []
    seconds = 0
    postponed = 0
    for s in due:
        fits = len(planned) < max_items and seconds + SECONDS_PER_REVIEW <= target_seconds
        if s.safety or fits:
            planned.append(PlannedItem(s.item_id, "review", s.safety, s.due, due_r[s.item_id]))
            seconds += SECONDS_PER_REVIEW
        else:
            postponed += 1
    new_left = max(0, new_cap - new_done_today)
    for candidate in new_candidates:
        if new_left <= 0:
            break
        cand = NewCandidate(candidate) if isinstance(candidate, str) else candidate
        known = seen.get(cand.item_id)
        if (known is not None and not known.is_new) or cand.item_id in reviewed:
            continue
        if any(p.item_id == cand.item_id for p in planned):
            continue
        if len(planned) >= max_items or seconds + SECONDS_PER_NEW > target_seconds:
            break
        planned.append(
            PlannedItem(cand.item_id, "new", cand.safety or bool(known and known.safety))
        )
        seconds += SECONDS_PER_NEW
        new_left -= 1
    return SessionPlan(tuple(planned), seconds, len(due), postponed)
