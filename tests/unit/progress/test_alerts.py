"""Tests for progress.alerts: inactive 5+ days and other reasons to look."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from progress.alerts import participant_alerts
from progress.coverage import Coverage, CoverageSnapshot

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def _kinds(**kwargs: object) -> list[str]:
    return [a.kind for a in participant_alerts(now=NOW, **kwargs)]  # type: ignore[arg-type]


def test_inactive_five_days_or_more() -> None:
    assert _kinds(last_activity=NOW - timedelta(days=4, hours=23)) == []
    alerts = participant_alerts(now=NOW, last_activity=NOW - timedelta(days=6))
    assert [a.kind for a in alerts] == ["inactive"]
    assert alerts[0].message == "Ikke aktiv på 6 dager."


def test_never_started() -> None:
    assert _kinds(last_activity=None, enrolled_at=NOW - timedelta(days=7)) == ["never_started"]
    assert _kinds(last_activity=None, enrolled_at=NOW - timedelta(days=1)) == []


def test_missing_safety_words_before_placement() -> None:
    cov = Coverage(share=0.8, known_terms=8, total_terms=10, safety_known=3, safety_total=5)
    alerts = participant_alerts(
        now=NOW, last_activity=NOW, coverage=cov, placement_starts=NOW + timedelta(days=10)
    )
    assert [a.message for a in alerts] == ["Mangler 2 sikkerhetsord før praksis."]
    assert _kinds(last_activity=NOW, coverage=cov, placement_starts=NOW + timedelta(days=60)) == []


def test_coverage_stalled() -> None:
    flat = [CoverageSnapshot(at=NOW - timedelta(days=d), share=0.4) for d in (20, 14, 7, 0)]
    assert _kinds(last_activity=NOW, snapshots=flat) == ["coverage_stalled"]
    growing = [
        CoverageSnapshot(at=NOW - timedelta(days=d), share=0.4 + 0.01 * (20 - d))
        for d in (20, 14, 7, 0)
    ]
    assert _kinds(last_activity=NOW, snapshots=growing) == []
