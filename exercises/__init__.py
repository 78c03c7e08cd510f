"""Pure exercise domain: item generators (registry by type), answer checking, FSRS scheduling.

No Flask, Werkzeug or SQLAlchemy here: functions take and return plain data.

Main entry points::

    from exercises.items import ExerciseItem, generate_items, get_generator, exercise_types
    from exercises.checking import check_answer, Verdict
    from exercises.grading import grade_item
    from exercises.scheduling import CardState, review, plan_session, rating_for_verdict
    from exercises.instructions import instruction_for
"""

from __future__ import annotations

from exercises.errors import (
    ExercisesError,
    InvalidItemData,
    InvalidReview,
    UnknownExerciseType,
)

__all__ = ["ExercisesError", "InvalidItemData", "InvalidReview", "UnknownExerciseType"]
