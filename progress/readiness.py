"""Placement readiness ("Klar for praksis"): the teacher's thresholds, checked one by one.

Each criterion says whether it is met and explains it in plain Norwegian, so
the teacher (and the mentor, who sees readiness only) can see what is missing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from progress.coverage import Coverage
from progress.errors import InvalidStateError
from progress.estimator import BANDS, SkillEstimate, check_band
from progress.skills import SKILLS, check_skill, skill_name_nb

READY_LABEL = "Klar for praksis"
NOT_READY_LABEL = "Ikke klar for praksis ennå"


def _default_skill_levels() -> dict[str, str]:
    # Before a placement, A2 in listening and oral is a common threshold; the
    # teacher raises or adds skills as the employer needs.
    return {"listening": "A2", "oral": "A2"}


@dataclass(frozen=True)
class ReadinessThresholds:
    """What a teacher requires before a placement.  Every part can be changed."""

    coverage: float = 0.7  # weighted share of the workplace's words
    safety_share: float = 1.0  # share of safety words known
    interview_sessions: int = 3  # completed interview practice sessions
    skill_levels: Mapping[str, str] = field(default_factory=_default_skill_levels)

    def __post_init__(self) -> None:
        """Validate ranges and level names."""
        if not (0.0 <= self.coverage <= 1.0 and 0.0 <= self.safety_share <= 1.0):
            raise InvalidStateError("coverage thresholds must be between 0 and 1")
        if self.interview_sessions < 0:
            raise InvalidStateError("interview_sessions must be >= 0")
        for skill, level in self.skill_levels.items():
            check_skill(skill)
            check_band(level)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "coverage": self.coverage,
            "safety_share": self.safety_share,
            "interview_sessions": self.interview_sessions,
            "skill_levels": {s: self.skill_levels[s] for s in SKILLS if s in self.skill_levels},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ReadinessThresholds:
        """Build thresholds from ``to_dict`` output (missing keys keep their defaults)."""
        base = cls()
        try:
            levels = data.get("skill_levels")
            return cls(
                coverage=float(data.get("coverage", base.coverage)),
                safety_share=float(data.get("safety_share", base.safety_share)),
                interview_sessions=int(data.get("interview_sessions", base.interview_sessions)),
                skill_levels=(
                    {str(k): str(v) for k, v in dict(levels).items()}
                    if levels is not None
                    else base.skill_levels
                ),
            )
        except (TypeError, ValueError) as e:
            raise InvalidStateError(f"not readiness thresholds: {e}") from e


@dataclass(frozen=True)
class Criterion:
    """One readiness rule and whether it is met."""

    key: str  # "coverage", "safety", "interview", "skill:oral", ...
    label: str  # short Norwegian label
    met: bool
    explanation: str  # Norwegian sentence: the value and what is required


@dataclass(frozen=True)
class Readiness:
    """The overall verdict and every criterion."""

    criteria: tuple[Criterion, ...]

    @property
    def ready(self) -> bool:
        """True when every criterion is met."""
        return all(c.met for c in self.criteria)

    @property
    def label(self) -> str:
        """Return "Klar for praksis" or "Ikke klar for praksis ennå"."""
        return READY_LABEL if self.ready else NOT_READY_LABEL

    @property
    def met(self) -> tuple[Criterion, ...]:
        """The criteria that are met."""
        return tuple(c for c in self.criteria if c.met)

    @property
    def missing(self) -> tuple[Criterion, ...]:
        """The criteria that are not met yet."""
        return tuple(c for c in self.criteria if not c.met)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "ready": self.ready,
            "label": self.label,
            "criteria": [
                {"key": c.key, "label": c.label, "met": c.met, "explanation": c.explanation}
                for c in self.criteria
            ],
        }


def _pct(share: float) -> int:
    return int(share * 100 + 1e-9)


def assess_readiness(
    *,
    coverage: Coverage | None,
    interview_sessions: int,
    estimates: Mapping[str, SkillEstimate],
    thresholds: ReadinessThresholds | None = None,
) -> Readiness:
    """Check a participant against the teacher's thresholds.

    ``coverage`` is None when the participant has no published workplace
    profile yet (then coverage and safety words are not met).
    """
    th = thresholds or ReadinessThresholds()
    criteria: list[Criterion] = []

    if coverage is None:
        criteria.append(
            Criterion(
                "coverage",
                "Arbeidsplassens ord",
                False,
                "Deltakeren har ingen publisert språkprofil for arbeidsplassen ennå.",
            )
        )
        criteria.append(
            Criterion(
                "safety",
                "Sikkerhetsord",
                False,
                "Sikkerhetsordene kan ikke sjekkes uten en publisert språkprofil.",
            )
        )
    else:
        ok = coverage.share + 1e-9 >= th.coverage
        criteria.append(
            Criterion(
                "coverage",
                "Arbeidsplassens ord",
                ok,
                f"Kan {_pct(coverage.share)} % av ordene på arbeidsplassen "
                f"(krav: {_pct(th.coverage)} %).",
            )
        )
        ok = coverage.safety_share + 1e-9 >= th.safety_share
        if coverage.safety_total == 0:
            text = "Profilen har ingen sikkerhetsord."
        else:
            text = (
                f"Kan {coverage.safety_known} av {coverage.safety_total} sikkerhetsord "
                f"(krav: {_pct(th.safety_share)} %)."
            )
        criteria.append(Criterion("safety", "Sikkerhetsord", ok, text))

    needed = th.interview_sessions
    criteria.append(
        Criterion(
            "interview",
            "Intervjutrening",
            interview_sessions >= needed,
            f"Har fullført {interview_sessions} "
            f"{'intervjutrening' if interview_sessions == 1 else 'intervjutreninger'} "
            f"(krav: {needed}).",
        )
    )

    for skill in SKILLS:
        target = th.skill_levels.get(skill)
        if target is None:
            continue
        name = skill_name_nb(skill)
        est = estimates.get(skill)
        if est is None or est.n_answers == 0:
            criteria.append(
                Criterion(
                    f"skill:{skill}",
                    name.capitalize(),
                    False,
                    f"Ingen svar i {name} ennå (krav: {target}).",
                )
            )
            continue
        ok = BANDS.index(est.level) >= BANDS.index(target)
        criteria.append(
            Criterion(
                f"skill:{skill}",
                name.capitalize(),
                ok,
                f"Nivå i {name} er omtrent {est.level}, basert på {est.n_answers} svar "
                f"(krav: {target}).",
            )
        )
    return Readiness(criteria=tuple(criteria))
