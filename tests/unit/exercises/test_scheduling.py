"""FSRS scheduling wrapper: sequence test against fsrs itself, safety, sessions, offline order."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Card, Scheduler

from exercises.checking import check_answer
from exercises.errors import InvalidReview
from exercises.scheduling import (
    AnswerEvent,
    CardState,
    NewCandidate,
    Rating,
    apply_reviews_in_order,
    plan_session,
    rating_for_button,
    rating_for_verdict,
    recall_at_ratio,
    replay_reviews,
    retrievability,
    review,
)

T0 = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
MIN, DAY = timedelta(minutes=1), timedelta(days=1)
# (time after T0, rating): Again, then Good through the learning steps, two reviews, a lapse.
SEQUENCE = [
    (timedelta(0), Rating.Again),
    (1 * MIN, Rating.Good),
    (11 * MIN, Rating.Good),
    (3 * DAY, Rating.Good),
    (12 * DAY, Rating.Again),
]


def _run(safety: bool = False) -> list[CardState]:
    state = CardState.new("pall-article", now=T0, safety=safety)
    out = []
    for offset, rating in SEQUENCE:
        state, _ = review(state, rating, T0 + offset)
        out.append(state)
    return out


@pytest.mark.issue(5)
def test_fsrs_sequence_concrete_due_dates() -> None:
    states = _run()
    assert [s.state for s in states] == ["learning", "learning", "review", "review", "relearning"]
    assert [s.due for s in states] == [
        T0 + 1 * MIN,  # Again: first learning step (1 minute)
        T0 + 11 * MIN,  # Good: second learning step (10 minutes)
        T0 + 11 * MIN + 1 * DAY,  # graduates to review: 1 day
        T0 + 6 * DAY,  # 3 days later, Good: due on day 6
        T0 + 12 * DAY + 10 * MIN,  # lapse: relearning step of 10 minutes
    ]
    assert states[0].stability == pytest.approx(0.212, abs=1e-3)  # FSRS-6 default w[0]
    assert states[3].stability == pytest.approx(2.8328, abs=1e-3)
    assert states[-1].lapses == 1 and states[-1].reps == 5


def test_fsrs_sequence_matches_the_fsrs_package() -> None:
    scheduler = Scheduler(desired_retention=0.9, enable_fuzzing=False)
    card = Card(card_id=1, due=T0)
    ours = _run()
    for (offset, rating), mine in zip(SEQUENCE, ours, strict=True):
        card, _ = scheduler.review_card(card, rating, review_datetime=T0 + offset)
        assert mine.due == card.due
        assert mine.stability == pytest.approx(card.stability)
        assert mine.difficulty == pytest.approx(card.difficulty)


def test_monotonic_properties() -> None:
    good = review(CardState.new("a", now=T0), Rating.Good, T0)[0]
    again = review(CardState.new("a", now=T0), Rating.Again, T0)[0]
    assert (again.stability or 0) < (good.stability or 0)
    assert again.due < good.due
    # Later reviews of a remembered card give longer intervals.
    states = _run()
    assert states[3].due - T0 - 3 * DAY > states[2].due - (T0 + 11 * MIN)
    # Retrievability falls with time.
    r = [retrievability(states[3], T0 + 3 * DAY + k * DAY) for k in range(0, 30, 5)]
    assert r == sorted(r, reverse=True) and r[0] == pytest.approx(1.0)


def test_safety_items_use_higher_retention_so_come_back_sooner() -> None:
    normal, safety = _run()[3], _run(safety=True)[3]
    assert safety.stability == pytest.approx(normal.stability)
    # Same memory, reviewed on day 3: next in 1 day at retention 0.97, in 3 days at 0.90.
    assert safety.due == T0 + 4 * DAY
    assert normal.due == T0 + 6 * DAY
    assert safety.due < normal.due


def test_card_state_round_trips_through_json() -> None:
    state = _run()[3]
    data = json.loads(json.dumps(state.to_dict()))
    assert CardState.from_dict(data) == state
    assert CardState.from_dict(CardState.new("x", now=T0).to_dict()).is_new


def test_rating_mapping() -> None:
    assert rating_for_verdict(check_answer("bøtte", ["bøtte"])) == Rating.Good
    assert rating_for_verdict(check_answer("botte", ["bøtte"])) == Rating.Hard
    assert rating_for_verdict(check_answer("pall", ["bøtte"])) == Rating.Again
    assert rating_for_button("igjen") == Rating.Again
    assert rating_for_button("Kan det") == Rating.Good
    with pytest.raises(InvalidReview):
        rating_for_button("kanskje")


def test_naive_datetimes_and_backwards_reviews_are_refused() -> None:
    with pytest.raises(InvalidReview):
        review(CardState.new("x", now=T0), Rating.Good, datetime(2026, 11, 2))  # noqa: DTZ001
    state = review(CardState.new("x", now=T0), Rating.Good, T0 + DAY)[0]
    with pytest.raises(InvalidReview):
        review(state, Rating.Good, T0)


def test_offline_answers_are_applied_in_answer_order_once() -> None:
    answers = [
        AnswerEvent("c", "x", int(Rating.Good), T0 + 11 * MIN),
        AnswerEvent("a", "x", int(Rating.Again), T0),
        AnswerEvent("b", "x", int(Rating.Good), T0 + MIN),
        AnswerEvent("b", "x", int(Rating.Good), T0 + MIN),  # sent twice from the phone
    ]
    state, logs = apply_reviews_in_order(CardState.new("x", now=T0), answers)
    assert [log.rating for log in logs] == [1, 3, 3]
    expected = _run()[2]
    assert state.due == expected.due and state.stability == pytest.approx(expected.stability)
    # A late answer older than the state: replay everything from the start instead.
    with pytest.raises(InvalidReview):
        apply_reviews_in_order(state, [AnswerEvent("z", "x", 3, T0 + 5 * MIN)])
    replayed, logs = replay_reviews(
        "x", [*answers, AnswerEvent("z", "x", 3, T0 + 5 * MIN)], created_at=T0
    )
    assert len(logs) == 4 and replayed.reps == 4
    with pytest.raises(InvalidReview):
        apply_reviews_in_order(state, [AnswerEvent("q", "other", 3, T0 + DAY)])


def _due_state(item_id: str, *, safety: bool = False, days_overdue: int = 1) -> CardState:
    state = review(CardState.new(item_id, now=T0, safety=safety), Rating.Good, T0)[0]
    state = review(state, Rating.Good, T0 + 10 * MIN)[0]  # now in review, due in a day or so
    return state


def test_plan_session_due_first_safety_first_then_new_in_order() -> None:
    now = T0 + 30 * DAY
    states = [_due_state("r1"), _due_state("s1", safety=True), _due_state("r2")]
    plan = plan_session(
        states,
        [NewCandidate("n1"), "n2", NewCandidate("n3", safety=True), "n4"],
        now=now,
        new_cap=3,
    )
    kinds = [(p.item_id, p.kind) for p in plan.items]
    assert kinds[0] == ("s1", "review")
    assert {k for k, _ in kinds[1:3]} == {"r1", "r2"}
    assert kinds[3:] == [("n1", "new"), ("n2", "new"), ("n3", "new")]  # cap 3, priority order
    assert plan.due_total == 3 and plan.postponed == 0
    assert 5 * 60 >= plan.estimated_seconds > 0


def test_plan_session_is_sized_and_never_postpones_safety() -> None:
    now = T0 + 60 * DAY
    states = [_due_state(f"r{i:02d}") for i in range(40)] + [
        _due_state(f"s{i}", safety=True) for i in range(3)
    ]
    plan = plan_session(states, ["n1", "n2"], now=now, new_cap=10, max_items=20)
    ids = [p.item_id for p in plan.items]
    assert ids[:3] == ["s0", "s1", "s2"]
    assert len(plan.items) == 20 and plan.estimated_seconds <= 10 * 60
    assert plan.postponed == 43 - 20 and not [p for p in plan.items if p.kind == "new"]
    # Safety items come even when the session is already full.
    tiny = plan_session(states, [], now=now, max_items=1)
    assert [p.item_id for p in tiny.items] == ["s0", "s1", "s2"]


def test_plan_session_respects_new_done_today_and_skips_seen_items() -> None:
    seen = _due_state("n1")
    plan = plan_session(
        [seen], ["n1", "n2", "n3", "n4"], now=T0 + 10 * MIN + 1 * MIN, new_cap=3, new_done_today=1
    )
    assert [(p.item_id, p.kind) for p in plan.items] == [("n2", "new"), ("n3", "new")]
    assert json.loads(json.dumps(plan.to_dict()))["items"][0]["item_id"] == "n2"


def test_plan_session_with_only_due_states_and_the_reviewed_ids() -> None:
    """Loading just the due cards plus the ids of the others plans the same session."""
    now = T0 + 30 * DAY
    due = [_due_state("r1"), _due_state("s1", safety=True)]
    later = CardState.from_dict({**_due_state("r9").to_dict(), "due": (now + 5 * DAY).isoformat()})
    candidates = ["r9", "n1", "n2"]
    everything = plan_session([*due, later], candidates, now=now, new_cap=5)
    due_only = plan_session(due, candidates, now=now, new_cap=5, reviewed={"r9"})
    assert due_only == everything
    assert "r9" not in [p.item_id for p in due_only.items]  # reviewed, not due, never "new"
    # Without the reviewed ids, r9 would wrongly come back as a new item.
    assert "r9" in [p.item_id for p in plan_session(due, candidates, now=now, new_cap=5).items]


@pytest.mark.parametrize("days", [0, 1, 3, 12, 40, 365])
@pytest.mark.parametrize("safety", [False, True])
def test_recall_at_ratio_is_the_fsrs_forgetting_curve(days: int, safety: bool) -> None:
    for state in _run(safety=safety)[1:]:
        assert state.last_review is not None and state.stability
        moment = state.last_review + days * DAY + 5 * MIN
        ratio = max(0, (moment - state.last_review).days) / state.stability
        assert recall_at_ratio(ratio) == pytest.approx(retrievability(state, moment), abs=1e-12)
    assert recall_at_ratio(0.0) == 1.0
    assert recall_at_ratio(-1.0) == 1.0  # a review "in the future" counts as today
