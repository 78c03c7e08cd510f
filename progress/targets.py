"""Target level per participant and skill: B1 by default, or an employer's requirement."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from progress.errors import InvalidStateError
from progress.estimator import BANDS, SkillEstimate, check_band, progress_toward
from progress.skills import SKILLS, check_skill

#: The programmes' goal: B1 in every skill.
DEFAULT_TARGET = "B1"

SOURCES: tuple[str, ...] = ("default", "employer", "teacher")


def _default_levels() -> dict[str, str]:
    return dict.fromkeys(SKILLS, DEFAULT_TARGET)


@dataclass(frozen=True)
class SkillTargets:
    """Target band per skill, and where it comes from ("default", "employer", "teacher")."""

    levels: Mapping[str, str] = field(default_factory=_default_levels)
    source: str = "default"

    def __post_init__(self) -> None:
        """Check that every skill has a valid band."""
        for skill in SKILLS:
            if skill not in self.levels:
                raise InvalidStateError(f"no target for skill {skill!r}")
        for skill, level in self.levels.items():
            check_skill(skill)
            check_band(level)
        if self.source not in SOURCES:
            raise InvalidStateError(f"unknown target source {self.source!r}")

    def target(self, skill: str) -> str:
        """Return the target band of one skill."""
        return self.levels[check_skill(skill)]

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {"levels": {s: self.levels[s] for s in SKILLS}, "source": self.source}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SkillTargets:
        """Build targets from ``to_dict`` output (missing skills get the default)."""
        levels = _default_levels()
        levels.update({str(k): str(v) for k, v in dict(data.get("levels") or {}).items()})
        return cls(levels=levels, source=str(data.get("source", "default")))


def targets_for(
    *,
    employer_requirement: Mapping[str, str] | None = None,
    teacher_override: Mapping[str, str] | None = None,
) -> SkillTargets:
    """Combine default (B1), the employer's requirement and a teacher's override.

    The requirement may name only some skills, e.g. ``{"oral": "B1", "writing": "A2"}``;
    the others keep B1.  The latest layer given decides ``source``.
    """
    levels = _default_levels()
    source = "default"
    for layer, name in ((employer_requirement, "employer"), (teacher_override, "teacher")):
        if layer:
            levels.update({check_skill(k): check_band(v) for k, v in layer.items()})
            source = name
    return SkillTargets(levels=levels, source=source)


@dataclass(frozen=True)
class TargetProgress:
    """One skill's estimate against its target, for a bar toward the target."""

    skill: str
    target: str
    level: str | None  # None: no answers yet
    share: float  # 0..1 along the way from the bottom of A1 to the target
    reached: bool


def target_progress(
    estimate: SkillEstimate | None, target: str, *, skill: str = ""
) -> TargetProgress:
    """Return how far an estimate is toward its target band (``skill`` names an empty row)."""
    check_band(target)
    if estimate is None or estimate.n_answers == 0:
        skill = estimate.skill if estimate is not None else skill
        return TargetProgress(skill=skill, target=target, level=None, share=0.0, reached=False)
    reached = BANDS.index(estimate.level) >= BANDS.index(target)
    return TargetProgress(
        skill=estimate.skill,
        target=target,
        level=estimate.level,
        share=progress_toward(estimate.theta, target),
        reached=reached,
    )
