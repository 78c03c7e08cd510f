"""Exception classes of the ``interviews`` package."""

from __future__ import annotations

__all__ = ["InterviewsError", "ScenarioDataError", "UnknownScenario"]


class InterviewsError(Exception):
    """Base class for errors raised by the ``interviews`` package."""


class ScenarioDataError(InterviewsError):
    """A scenario or question data file is missing or malformed."""


class UnknownScenario(InterviewsError, KeyError):
    """No scenario or question with the requested id exists."""
