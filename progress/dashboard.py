"""Dashboard view models: everything a participant, teacher or mentor page shows, in one value.

The web layer loads rows, converts them to plain values (answer times, recall
probabilities, skill states, terms, snapshots) and calls
``participant_summary``; the templates only format what it returns.
``ParticipantSummary.for_mentor()`` keeps to what a mentor may see (readiness
and coverage), so the restriction lives in one tested place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from language_profiles.profile import Term
from progress.activity import DEFAULT_TZ, ActivitySummary, summarize_activity
from progress.alerts import Alert, participant_alerts
from progress.coverage import (
    Coverage,
    CoverageSnapshot,
    coverage_summary,
    coverage_summary_staff,
    place_phrase,
    safety_summary,
    workplace_coverage,
)
from progress.errors import UnknownOptionError
from progress.estimator import SkillEstimate, SkillState, estimate
from progress.readiness import Readiness, ReadinessThresholds, assess_readiness
from progress.skills import SKILLS, skill_name_nb
from progress.targets import SkillTargets, TargetProgress, target_progress


@dataclass(frozen=True)
class SkillRow:
    """One skill bar: estimate (None before any answer), target and progress toward it."""

    skill: str
    name_nb: str  # "lytting", ...
    estimate: SkillEstimate | None
    target: str
    progress: TargetProgress


@dataclass(frozen=True)
class MentorView:
    """What a mentor sees about a mentee: readiness and coverage, nothing else."""

    participant: str
    readiness_label: str
    ready: bool
    criteria: tuple[tuple[str, bool, str], ...]  # (label, met, explanation) per criterion
    coverage_percent: int | None
    coverage_text: str | None  # "Kan 11 av 40 ord fra jobben. De dekker 54 % av ordene ..."
    safety_text: str | None


@dataclass(frozen=True)
class ParticipantSummary:
    """A participant's progress at ``now``: the participant page and one teacher-table row."""

    participant: str
    activity: ActivitySummary
    coverage: Coverage | None
    coverage_text: str | None  # to the participant: "Du kan 11 av 40 ord fra jobben. Av 100 ..."
    safety_text: str | None
    skills: tuple[SkillRow, ...]
    readiness: Readiness
    alerts: tuple[Alert, ...]
    coverage_staff_text: str | None = None  # the same numbers for staff: "Kan 11 av 40 ord ..."

    def skill(self, skill: str) -> SkillRow:
        """Return the row of one skill."""
        for row in self.skills:
            if row.skill == skill:
                return row
        raise KeyError(skill)

    def for_mentor(self) -> MentorView:
        """Return only what a mentor may see (no answers, skills detail or background)."""
        # Skill criteria stay out: only their met/not-met and label, without the level text.
        criteria = tuple(
            (
                c.label,
                c.met,
                c.explanation if not c.key.startswith("skill:") else "",
            )
            for c in self.readiness.criteria
        )
        return MentorView(
            participant=self.participant,
            readiness_label=self.readiness.label,
            ready=self.readiness.ready,
            criteria=criteria,
            coverage_percent=self.coverage.percent if self.coverage is not None else None,
            coverage_text=self.coverage_staff_text,
            safety_text=self.safety_text,
        )

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (for a JSON API or a cached snapshot)."""
        return {
            "participant": self.participant,
            "activity": {
                "answers_today": self.activity.answers_today,
                "streak_days": self.activity.streak_days,
                "active_days_7": self.activity.active_days_7,
                "words_learned": self.activity.words_learned,
                "last_activity": (
                    self.activity.last_activity.isoformat() if self.activity.last_activity else None
                ),
            },
            "coverage": None if self.coverage is None else round(self.coverage.share, 4),
            "coverage_text": self.coverage_text,
            "coverage_staff_text": self.coverage_staff_text,
            "safety_text": self.safety_text,
            "skills": [
                {
                    "skill": r.skill,
                    "target": r.target,
                    "estimate": r.estimate.to_dict() if r.estimate else None,
                    "progress": round(r.progress.share, 4),
                    "reached": r.progress.reached,
                }
                for r in self.skills
            ],
            "readiness": self.readiness.to_dict(),
            "alerts": [
                {"kind": a.kind, "severity": a.severity, "message": a.message} for a in self.alerts
            ],
        }


def participant_summary(
    *,
    participant: str,
    now: datetime,
    answer_times: Iterable[datetime] = (),
    recall: Mapping[str, float] | None = None,
    terms: Sequence[Term] | None = None,
    sector: str | None = None,
    place: str | None = None,
    skill_states: Mapping[str, SkillState] | None = None,
    targets: SkillTargets | None = None,
    thresholds: ReadinessThresholds | None = None,
    interview_sessions: int = 0,
    enrolled_at: datetime | None = None,
    placement_starts: datetime | None = None,
    snapshots: Sequence[CoverageSnapshot] = (),
    tz: str = DEFAULT_TZ,
) -> ParticipantSummary:
    """Compute everything the dashboards show for one participant.

    ``terms`` are the published profile's terms (None: no published profile);
    ``recall`` maps term lemma -> FSRS recall probability now; ``place``
    overrides the "på lageret" wording derived from ``sector``.
    """
    recall_now = dict(recall or {})
    times = list(answer_times)
    activity = summarize_activity(times, recall_now, now=now, tz=tz)
    coverage = workplace_coverage(terms, recall_now) if terms is not None else None
    place_text = place if place is not None else place_phrase(sector)
    states = dict(skill_states or {})
    goal = targets or SkillTargets()
    rows: list[SkillRow] = []
    estimates: dict[str, SkillEstimate] = {}
    for skill in SKILLS:
        state = states.get(skill)
        est = estimate(state) if state is not None and state.n_answers > 0 else None
        if est is not None:
            estimates[skill] = est
        progress = target_progress(est, goal.target(skill), skill=skill)
        rows.append(SkillRow(skill, skill_name_nb(skill), est, goal.target(skill), progress))
    readiness = assess_readiness(
        coverage=coverage,
        interview_sessions=interview_sessions,
        estimates=estimates,
        thresholds=thresholds,
    )
    alerts = participant_alerts(
        now=now,
        last_activity=activity.last_activity,
        enrolled_at=enrolled_at,
        coverage=coverage,
        placement_starts=placement_starts,
        snapshots=snapshots,
    )
    return ParticipantSummary(
        participant=participant,
        activity=activity,
        coverage=coverage,
        coverage_text=coverage_summary(coverage) if coverage else None,
        safety_text=safety_summary(coverage) if coverage else None,
        skills=tuple(rows),
        readiness=readiness,
        alerts=alerts,
        coverage_staff_text=(
            coverage_summary_staff(coverage, place=place_text) if coverage else None
        ),
    )


def _skill_key(skill: str) -> Callable[[ParticipantSummary], float]:
    def key(s: ParticipantSummary) -> float:
        est = s.skill(skill).estimate
        return est.theta if est is not None else float("-inf")

    return key


#: Columns the teacher's class table can be sorted by.
SORT_KEYS: Mapping[str, Callable[[ParticipantSummary], Any]] = {
    "name": lambda s: s.participant.casefold(),
    "activity": lambda s: s.activity.active_days_7,
    "coverage": lambda s: s.coverage.share if s.coverage is not None else -1.0,
    "readiness": lambda s: (s.readiness.ready, len(s.readiness.met)),
    "alerts": lambda s: len(s.alerts),
    **{skill: _skill_key(skill) for skill in SKILLS},
}


def sort_class(
    summaries: Iterable[ParticipantSummary], *, by: str = "name", descending: bool = False
) -> list[ParticipantSummary]:
    """Sort the class table by a column of ``SORT_KEYS`` (ties by name)."""
    if by not in SORT_KEYS:
        raise UnknownOptionError(f"cannot sort by {by!r} (expected one of {tuple(SORT_KEYS)})")
    key = SORT_KEYS[by]
    by_name = sorted(summaries, key=SORT_KEYS["name"])
    return sorted(by_name, key=key, reverse=descending)
