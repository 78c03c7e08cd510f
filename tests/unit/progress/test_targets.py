"""Tests for progress.targets: B1 by default, employer requirements per skill."""

from __future__ import annotations

import pytest

from progress.errors import InvalidStateError, UnknownLevelError, UnknownSkillError
from progress.estimator import Answer, estimate_answers
from progress.targets import SkillTargets, target_progress, targets_for


def test_default_is_b1_everywhere() -> None:
    targets = targets_for()
    assert targets.source == "default"
    assert {targets.target(s) for s in ("listening", "reading", "writing", "oral")} == {"B1"}


def test_employer_requirement_per_skill_then_teacher_override() -> None:
    targets = targets_for(employer_requirement={"oral": "B1", "writing": "A2"})
    assert targets.target("writing") == "A2" and targets.target("oral") == "B1"
    assert targets.target("reading") == "B1" and targets.source == "employer"
    teacher = targets_for(employer_requirement={"writing": "A2"}, teacher_override={"oral": "B2"})
    assert teacher.target("oral") == "B2" and teacher.target("writing") == "A2"
    assert teacher.source == "teacher"
    assert SkillTargets.from_dict(teacher.to_dict()) == teacher


def test_bad_targets_raise() -> None:
    with pytest.raises(UnknownLevelError):
        targets_for(employer_requirement={"oral": "C1"})
    with pytest.raises(UnknownSkillError):
        targets_for(employer_requirement={"speaking": "B1"})
    with pytest.raises(InvalidStateError):
        SkillTargets(levels={"oral": "B1"})


def test_target_progress() -> None:
    strong = estimate_answers("oral", [Answer(kind="interview", level="B2", score=1.0)] * 30)
    weak = estimate_answers("oral", [Answer(kind="interview", level="A1", score=0.0)] * 30)
    assert target_progress(strong, "B1").reached and target_progress(strong, "B1").share == 1.0
    low = target_progress(weak, "B1")
    assert not low.reached and low.share < 0.5 and low.level == "A1"
    assert target_progress(None, "B1").level is None
