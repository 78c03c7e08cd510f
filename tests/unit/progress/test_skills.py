"""Tests for progress.skills: the four skills and evidence-kind mapping."""

from __future__ import annotations

import pytest

from progress.errors import UnknownEvidenceKindError, UnknownSkillError
from progress.skills import SKILLS, kinds_for, normalize_kind, skill_name_nb, skills_for


def test_four_skills_with_norwegian_names() -> None:
    assert SKILLS == ("listening", "reading", "writing", "oral")
    assert [skill_name_nb(s) for s in SKILLS] == ["lytting", "lesing", "skriving", "muntlig"]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("listening", ("listening",)),
        ("dictation", ("listening", "writing")),
        ("cloze", ("reading",)),
        ("meaning", ("reading",)),
        ("reading", ("reading",)),
        ("typed", ("writing",)),
        ("application", ("writing",)),
        ("interview", ("oral",)),
        ("situation", ("oral",)),
        ("Typed_Answer", ("writing",)),
        ("søknad", ("writing",)),
    ],
)
def test_evidence_kinds_map_to_skills(kind: str, expected: tuple[str, ...]) -> None:
    assert skills_for(kind) == expected


def test_every_skill_has_evidence() -> None:
    for skill in SKILLS:
        assert kinds_for(skill)
    assert set(kinds_for("listening")) == {"listening", "dictation"}


def test_unknown_kind_and_skill_raise() -> None:
    with pytest.raises(UnknownEvidenceKindError):
        normalize_kind("karaoke")
    with pytest.raises(UnknownSkillError):
        skill_name_nb("speaking")
