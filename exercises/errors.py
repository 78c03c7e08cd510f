"""Exception classes of the ``exercises`` package."""

from __future__ import annotations

__all__ = ["ExercisesError", "InvalidItemData", "InvalidReview", "UnknownExerciseType"]


class ExercisesError(Exception):
    """Base class for errors raised by the ``exercises`` package."""


class UnknownExerciseType(ExercisesError, KeyError):
    """No generator (or instruction) is registered for this exercise type."""


class InvalidItemData(ExercisesError, ValueError):
    """A stored item or scheduling state could not be read back."""


class InvalidReview(ExercisesError, ValueError):
    """A review could not be applied (unknown rating, naive datetime, wrong item)."""
