"""Grade an answer to a stored :class:`~exercises.items.ExerciseItem` (thin layer over checking)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from exercises.checking import ARTICLES, Verdict, check_answer, normalize_answer
from exercises.errors import InvalidItemData
from exercises.items import ExerciseItem

__all__ = ["SELF_RATINGS", "grade_item"]

#: Flashcard buttons: "igjen" (Again) and "kan_det" (Good).
SELF_RATINGS: tuple[str, ...] = ("igjen", "kan_det")


def grade_item(
    item: ExerciseItem,
    answer: str | Sequence[str],
    *,
    is_word: Callable[[str], bool] | None = None,
) -> Verdict:
    """Check ``answer`` for ``item``; word-order answers may be the list of tapped tokens.

    Flashcards are self-rated: ``answer`` is ``"igjen"`` or ``"kan_det"``.
    """
    text = " ".join(answer) if not isinstance(answer, str) else answer
    if item.check_kind == "self":
        choice = normalize_answer(text).replace(" ", "_")
        if choice not in SELF_RATINGS:
            raise InvalidItemData(f"flashcard answer must be one of {SELF_RATINGS}, not {text!r}")
        knew = choice == "kan_det"
        return Verdict(correct=knew, exact=knew, expected=item.expected, score=1.0 if knew else 0.0)
    if not item.accepted:
        raise InvalidItemData(f"item {item.id} has no accepted answers")
    if item.type == "article":
        noun = str(item.extra.get("noun") or item.lemma)
        if normalize_answer(text) in ARTICLES:
            text = f"{text.strip()} {noun}"
    return check_answer(
        text,
        item.accepted,
        kind=item.check_kind,
        confusables=(
            *item.confusables,
            *(o for o in item.options if item.check_kind != "sentence"),
        ),
        is_word=is_word,
        allow_typos=item.check_kind != "choice",
    )
