"""Exception classes of the ``progress`` package."""

from __future__ import annotations


class ProgressError(Exception):
    """Base class for every error raised by ``progress``."""


class UnknownSkillError(ProgressError, ValueError):
    """A skill name that is not one of ``progress.skills.SKILLS``."""


class UnknownEvidenceKindError(ProgressError, ValueError):
    """An evidence (answer) kind with no mapping to skills."""


class UnknownLevelError(ProgressError, ValueError):
    """A level that is not one of A1, A2, B1, B2 (or B2+ for items)."""


class InvalidStateError(ProgressError, ValueError):
    """A stored estimator/mapping state that cannot be read back."""


class UnknownOutcomeError(ProgressError, ValueError):
    """An outcome category that is not one of ``progress.outcomes.OUTCOMES``."""


class InvalidAnswerError(ProgressError, ValueError):
    """An answer that cannot be used as evidence (score outside 0..1, wrong skill, ...)."""


class UnknownOptionError(ProgressError, ValueError):
    """A keyword option outside its allowed values (e.g. ``by="week"``)."""
