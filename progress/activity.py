"""Practice activity: streak in days, practice today, active days, words learned.

Days are calendar days in the participant's time zone (Europe/Oslo by default),
so an answer at 00:30 Norwegian time counts for that day, not the UTC one.
All datetimes must be timezone-aware.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from progress.coverage import KNOWN_THRESHOLD, is_known
from progress.errors import InvalidStateError

DEFAULT_TZ = "Europe/Oslo"


def _local_day(moment: datetime, zone: ZoneInfo) -> date:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InvalidStateError("datetimes must be timezone-aware")
    return moment.astimezone(zone).date()


def _until(answer_times: Iterable[datetime], now: datetime) -> list[datetime]:
    """Return the answer times up to ``now``, checking every one is timezone-aware."""
    times = list(answer_times)
    for t in (now, *times):
        if t.tzinfo is None or t.utcoffset() is None:
            raise InvalidStateError("datetimes must be timezone-aware")
    return [t for t in times if t <= now]


def practice_days(answer_times: Iterable[datetime], *, tz: str = DEFAULT_TZ) -> set[date]:
    """Return the local calendar days with at least one answer."""
    zone = ZoneInfo(tz)
    return {_local_day(t, zone) for t in answer_times}


def streak_days(answer_times: Iterable[datetime], *, now: datetime, tz: str = DEFAULT_TZ) -> int:
    """Return the current streak: consecutive local days with practice.

    The streak counts back from today; if there is no practice today yet, it
    counts back from yesterday (the streak is not lost until the day is over).
    Answers after ``now`` are ignored.
    """
    zone = ZoneInfo(tz)
    today = _local_day(now, zone)
    days = practice_days(_until(answer_times, now), tz=tz)
    day = today if today in days else today - timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= timedelta(days=1)
    return streak


def answers_today(answer_times: Iterable[datetime], *, now: datetime, tz: str = DEFAULT_TZ) -> int:
    """Return how many answers were given today (local day), up to ``now``."""
    zone = ZoneInfo(tz)
    today = _local_day(now, zone)
    return sum(1 for t in _until(answer_times, now) if _local_day(t, zone) == today)


def active_days(
    answer_times: Iterable[datetime], *, now: datetime, days: int = 7, tz: str = DEFAULT_TZ
) -> int:
    """Return on how many of the last ``days`` local days (today included) there was practice."""
    zone = ZoneInfo(tz)
    today = _local_day(now, zone)
    first = today - timedelta(days=days - 1)
    return sum(1 for d in practice_days(_until(answer_times, now), tz=tz) if first <= d <= today)


def last_activity(
    answer_times: Iterable[datetime], *, now: datetime | None = None
) -> datetime | None:
    """Return the latest answer time (not after ``now`` when given), or None."""
    latest: datetime | None = None
    times = list(answer_times) if now is None else _until(answer_times, now)
    for t in times:
        if latest is None or t > latest:
            latest = t
    return latest


def words_learned(recall: Mapping[str, float], *, threshold: float = KNOWN_THRESHOLD) -> int:
    """Return how many words have a recall probability of at least ``threshold`` now."""
    return sum(1 for p in recall.values() if is_known(p, threshold=threshold))


@dataclass(frozen=True)
class ActivitySummary:
    """What the participant's dashboard shows at the top."""

    answers_today: int
    practised_today: bool
    streak_days: int
    active_days_7: int
    words_learned: int
    last_activity: datetime | None

    def streak_nb(self) -> str:
        """Return e.g. "3 dager på rad" / "1 dag på rad" / "Start en ny rekke i dag"."""
        if self.streak_days == 0:
            return "Start en ny rekke i dag"
        unit = "dag" if self.streak_days == 1 else "dager"
        return f"{self.streak_days} {unit} på rad"


def summarize_activity(
    answer_times: Iterable[datetime],
    recall: Mapping[str, float],
    *,
    now: datetime,
    tz: str = DEFAULT_TZ,
) -> ActivitySummary:
    """Compute today's practice, the streak, active days and words learned in one go."""
    times = list(answer_times)
    today = answers_today(times, now=now, tz=tz)
    return ActivitySummary(
        answers_today=today,
        practised_today=today > 0,
        streak_days=streak_days(times, now=now, tz=tz),
        active_days_7=active_days(times, now=now, days=7, tz=tz),
        words_learned=words_learned(recall),
        last_activity=last_activity(times, now=now),
    )
