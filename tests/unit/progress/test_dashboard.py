"""Tests for progress.dashboard: the composed participant summary and class sorting."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, datetime, timedelta

import pytest

from language_profiles.profile import Term
from progress.dashboard import MentorView, participant_summary, sort_class
from progress.errors import UnknownOptionError
from progress.estimator import Answer, initial_state, update
from progress.targets import targets_for

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
TERMS = (
    Term(lemma="pall", pos="NOUN", count=60),
    Term(lemma="hylle", pos="NOUN", count=40),
    Term(lemma="vernesko", pos="NOUN", count=5, safety=True),
)


def _oral_state(score: float, n: int = 20):  # type: ignore[no-untyped-def]
    state = initial_state("oral")
    for _ in range(n):
        state = update(state, Answer(kind="interview", level="B1", score=score))
    return state


def _summary(name: str, *, days_ago: float, recall: dict[str, float], oral: float):  # type: ignore[no-untyped-def]
    return participant_summary(
        participant=name,
        now=NOW,
        answer_times=[NOW - timedelta(days=days_ago)],
        recall=recall,
        terms=TERMS,
        sector="lager",
        skill_states={"oral": _oral_state(oral)},
        targets=targets_for(employer_requirement={"oral": "B1", "writing": "A2"}),
        interview_sessions=3,
    )


def test_participant_summary_combines_everything() -> None:
    s = _summary("Amina", days_ago=0, recall={"pall": 0.95, "vernesko": 0.99}, oral=1.0)
    assert s.coverage_text == (
        "Du kan 2 av 3 ord fra jobben. Av 100 ord du hører på jobben, kan du 61."
    )
    assert s.coverage_staff_text == (
        "Kan 2 av 3 ord fra jobben. De dekker 61 % av ordene som brukes på lageret."
    )
    assert s.safety_text == "Du kan sikkerhetsordet"
    assert s.activity.practised_today and s.activity.words_learned == 2
    assert [r.skill for r in s.skills] == ["listening", "reading", "writing", "oral"]
    assert s.skill("writing").target == "A2" and s.skill("writing").estimate is None
    assert s.skill("writing").progress.skill == "writing"
    assert s.skill("oral").progress.reached
    assert s.alerts == ()
    missing = {c.key for c in s.readiness.missing}
    assert missing == {"coverage", "skill:listening"}
    assert s.to_dict()["readiness"]["ready"] is False


def test_mentor_view_has_only_readiness_and_coverage() -> None:
    s = _summary("Amina", days_ago=0, recall={"pall": 0.95}, oral=1.0)
    view = s.for_mentor()
    assert {f.name for f in fields(MentorView)} == {
        "participant",
        "readiness_label",
        "ready",
        "criteria",
        "coverage_percent",
        "coverage_text",
        "safety_text",
    }
    assert view.coverage_percent == 57
    assert view.coverage_text == s.coverage_staff_text  # staff wording, not "Du kan ..."
    assert view.coverage_text is not None and view.coverage_text.startswith(
        "Kan 1 av 3 ord fra jobben."
    )
    oral = [c for c in view.criteria if c[0] == "Muntlig"]
    assert oral and oral[0][2] == ""  # no level detail for mentors


def test_no_profile_and_no_answers() -> None:
    s = participant_summary(participant="Ny", now=NOW, enrolled_at=NOW - timedelta(days=6))
    assert s.coverage is None and s.coverage_text is None and s.coverage_staff_text is None
    assert [a.kind for a in s.alerts] == ["never_started"]
    assert all(r.estimate is None and r.target == "B1" for r in s.skills)


def test_sort_class() -> None:
    rows = [
        _summary("Bilal", days_ago=8, recall={"pall": 0.95}, oral=0.0),
        _summary("amina", days_ago=0, recall={"pall": 0.95, "hylle": 0.95}, oral=1.0),
        _summary("Chen", days_ago=1, recall={}, oral=0.5),
    ]
    assert [s.participant for s in sort_class(rows)] == ["amina", "Bilal", "Chen"]
    by_cov = sort_class(rows, by="coverage", descending=True)
    assert [s.participant for s in by_cov] == ["amina", "Bilal", "Chen"]
    by_oral = sort_class(rows, by="oral")
    assert [s.participant for s in by_oral] == ["Bilal", "Chen", "amina"]
    assert sort_class(rows, by="alerts", descending=True)[0].participant == "Bilal"
    with pytest.raises(UnknownOptionError):
        sort_class(rows, by="shoe_size")
