"""Tests for progress.readiness: "Klar for praksis" rules with Norwegian explanations."""

from __future__ import annotations

import pytest

from progress.coverage import Coverage
from progress.errors import InvalidStateError
from progress.estimator import SkillEstimate
from progress.readiness import ReadinessThresholds, assess_readiness


def _est(skill: str, level: str, n: int = 40) -> SkillEstimate:
    return SkillEstimate(skill=skill, level=level, theta=0.0, se=0.3, n_answers=n)


GOOD_COVERAGE = Coverage(
    share=0.82, known_terms=80, total_terms=100, safety_known=6, safety_total=6
)
GOOD_SKILLS = {"listening": _est("listening", "A2"), "oral": _est("oral", "B1")}


def test_ready_when_every_threshold_is_met() -> None:
    result = assess_readiness(coverage=GOOD_COVERAGE, interview_sessions=3, estimates=GOOD_SKILLS)
    assert result.ready and result.label == "Klar for praksis"
    assert not result.missing
    assert {c.key for c in result.met} == {
        "coverage",
        "safety",
        "interview",
        "skill:listening",
        "skill:oral",
    }


def test_missing_criteria_are_named_in_norwegian() -> None:
    coverage = Coverage(share=0.55, known_terms=5, total_terms=10, safety_known=4, safety_total=6)
    result = assess_readiness(
        coverage=coverage,
        interview_sessions=1,
        estimates={"listening": _est("listening", "A1")},
    )
    assert not result.ready and result.label == "Ikke klar for praksis ennå"
    missing = {c.key: c.explanation for c in result.missing}
    assert missing["coverage"] == "Kan 55 % av ordene på arbeidsplassen (krav: 70 %)."
    assert missing["safety"] == "Kan 4 av 6 sikkerhetsord (krav: 100 %)."
    assert missing["interview"] == "Har fullført 1 intervjutrening (krav: 3)."
    assert "omtrent A1" in missing["skill:listening"]
    assert missing["skill:oral"] == "Ingen svar i muntlig ennå (krav: A2)."


def test_teacher_thresholds_change_the_verdict() -> None:
    strict = ReadinessThresholds(coverage=0.9, skill_levels={"oral": "B2"})
    result = assess_readiness(
        coverage=GOOD_COVERAGE, interview_sessions=5, estimates=GOOD_SKILLS, thresholds=strict
    )
    assert {c.key for c in result.missing} == {"coverage", "skill:oral"}
    lenient = ReadinessThresholds(coverage=0.5, interview_sessions=0, skill_levels={})
    coverage = Coverage(share=0.6, known_terms=6, total_terms=10, safety_known=2, safety_total=2)
    assert assess_readiness(
        coverage=coverage, interview_sessions=0, estimates={}, thresholds=lenient
    ).ready


def test_no_profile_means_not_ready() -> None:
    result = assess_readiness(coverage=None, interview_sessions=9, estimates=GOOD_SKILLS)
    assert {c.key for c in result.missing} == {"coverage", "safety"}


def test_thresholds_roundtrip_and_validation() -> None:
    th = ReadinessThresholds(coverage=0.75, interview_sessions=2, skill_levels={"oral": "B1"})
    assert ReadinessThresholds.from_dict(th.to_dict()) == th
    assert ReadinessThresholds.from_dict({}) == ReadinessThresholds()
    with pytest.raises(InvalidStateError):
        ReadinessThresholds(coverage=1.5)
    result = assess_readiness(coverage=GOOD_COVERAGE, interview_sessions=3, estimates=GOOD_SKILLS)
    assert result.to_dict()["ready"] is True
