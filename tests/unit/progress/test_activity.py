"""Tests for progress.activity: streaks in Europe/Oslo days, practice today, words learned."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from progress.activity import (
    active_days,
    answers_today,
    streak_days,
    summarize_activity,
    words_learned,
)
from progress.errors import InvalidStateError

NOW = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)  # 16:00 in Oslo


def _days_ago(*days: float) -> list[datetime]:
    return [NOW - timedelta(days=d) for d in days]


def test_streak_counts_consecutive_days_including_today() -> None:
    assert streak_days(_days_ago(0, 1, 2, 4), now=NOW) == 3


def test_streak_survives_until_the_day_is_over() -> None:
    assert streak_days(_days_ago(1, 2), now=NOW) == 2
    assert streak_days(_days_ago(2, 3), now=NOW) == 0
    assert streak_days([], now=NOW) == 0


def test_days_are_oslo_days_not_utc_days() -> None:
    # 23:30 UTC on 9 March is 00:30 on 10 March in Oslo: it counts for today
    late = datetime(2026, 3, 9, 23, 30, tzinfo=UTC)
    assert answers_today([late], now=NOW) == 1
    assert answers_today([late], now=NOW, tz="UTC") == 0
    # summer time: 22:30 UTC on 1 July is 00:30 on 2 July in Oslo
    summer_now = datetime(2026, 7, 2, 10, 0, tzinfo=UTC)
    assert answers_today([datetime(2026, 7, 1, 22, 30, tzinfo=UTC)], now=summer_now) == 1


def test_future_answers_ignored_and_naive_datetimes_rejected() -> None:
    assert answers_today([NOW + timedelta(hours=1)], now=NOW) == 0
    with pytest.raises(InvalidStateError):
        streak_days([datetime(2026, 3, 10, 12, 0)], now=NOW)


def test_active_days_and_words_learned() -> None:
    assert active_days(_days_ago(0, 0.1, 3, 6, 7, 20), now=NOW, days=7) == 3
    assert words_learned({"pall": 0.95, "hylle": 0.9, "truck": 0.5}) == 2


def test_summary() -> None:
    summary = summarize_activity(_days_ago(0, 0.01, 1), {"pall": 0.99}, now=NOW)
    assert summary.answers_today == 2 and summary.practised_today
    assert summary.streak_days == 2 and summary.streak_nb() == "2 dager på rad"
    assert summary.words_learned == 1 and summary.last_activity == NOW
    empty = summarize_activity([], {}, now=NOW)
    assert empty.streak_nb() == "Start en ny rekke i dag" and empty.last_activity is None
