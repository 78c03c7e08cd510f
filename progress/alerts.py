"""Alerts for the teacher's class view: who needs attention, and why (in Norwegian)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from progress.coverage import Coverage, CoverageSnapshot
from progress.errors import InvalidStateError

INACTIVE_DAYS = 5
STALLED_DAYS = 14


@dataclass(frozen=True)
class Alert:
    """One reason to look at a participant."""

    kind: str  # "inactive", "never_started", "safety_words", "coverage_stalled"
    severity: str  # "warning" or "info"
    message: str  # Norwegian, for the teacher


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InvalidStateError("datetimes must be timezone-aware")
    return moment


def participant_alerts(
    *,
    now: datetime,
    last_activity: datetime | None,
    enrolled_at: datetime | None = None,
    coverage: Coverage | None = None,
    placement_starts: datetime | None = None,
    snapshots: Sequence[CoverageSnapshot] = (),
    inactive_days: int = INACTIVE_DAYS,
    stalled_days: int = STALLED_DAYS,
) -> tuple[Alert, ...]:
    """Return the alerts for one participant, most urgent first.

    - ``inactive``: no practice for ``inactive_days`` days or more;
    - ``never_started``: enrolled ``inactive_days`` days ago and never practised;
    - ``safety_words``: placement starts within 14 days (or has started) and
      safety words are missing;
    - ``coverage_stalled``: coverage has not grown for ``stalled_days`` days.
    """
    _aware(now)
    alerts: list[Alert] = []
    if last_activity is None:
        if enrolled_at is not None and now - _aware(enrolled_at) >= timedelta(days=inactive_days):
            days = (now - enrolled_at).days
            alerts.append(
                Alert("never_started", "warning", f"Har ikke øvd ennå ({days} dager siden start).")
            )
    else:
        idle = now - _aware(last_activity)
        if idle >= timedelta(days=inactive_days):
            alerts.append(Alert("inactive", "warning", f"Ikke aktiv på {idle.days} dager."))
    if (
        coverage is not None
        and placement_starts is not None
        and coverage.safety_known < coverage.safety_total
        and _aware(placement_starts) - now <= timedelta(days=14)
    ):
        missing = coverage.safety_total - coverage.safety_known
        alerts.append(
            Alert(
                "safety_words",
                "warning",
                f"Mangler {missing} sikkerhetsord før praksis.",
            )
        )
    ordered = sorted((s for s in snapshots if s.at <= now), key=lambda s: s.at)
    if ordered and now - ordered[0].at >= timedelta(days=stalled_days):
        cutoff = now - timedelta(days=stalled_days)
        base = [s for s in ordered if s.at <= cutoff][-1]
        if ordered[-1].share - base.share < 0.005:
            alerts.append(
                Alert(
                    "coverage_stalled",
                    "info",
                    f"Ordforrådet for arbeidsplassen har ikke økt på {stalled_days} dager.",
                )
            )
    return tuple(alerts)
