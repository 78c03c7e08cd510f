"""Progress toward B1: skill estimates, workplace coverage, readiness, mapping and outcomes.

A pure package: it takes plain values (answers, recall probabilities, dates,
``language_profiles.profile.Term``) and returns frozen dataclasses, dicts and
strings.  No Flask, Werkzeug or SQLAlchemy.
"""

from __future__ import annotations

from progress.errors import (
    InvalidAnswerError,
    InvalidStateError,
    ProgressError,
    UnknownEvidenceKindError,
    UnknownLevelError,
    UnknownOptionError,
    UnknownOutcomeError,
    UnknownSkillError,
)

__all__ = [
    "InvalidAnswerError",
    "InvalidStateError",
    "ProgressError",
    "UnknownEvidenceKindError",
    "UnknownLevelError",
    "UnknownOptionError",
    "UnknownOutcomeError",
    "UnknownSkillError",
]
