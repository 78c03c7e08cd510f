"""Instructions per exercise type in Norwegian and the help languages."""

from __future__ import annotations

import pytest

from exercises.errors import UnknownExerciseType
from exercises.instructions import (
    HELP_LANGUAGES,
    instruction_for,
    instructions_for,
    resolve_language,
)
from exercises.items import EXERCISE_TYPES

SCRIPTS = {
    "ar": ("\u0600", "\u06ff"),
    "prs": ("\u0600", "\u06ff"),
    "uk": ("\u0400", "\u04ff"),
    "ti": ("\u1200", "\u137f"),
}


@pytest.mark.parametrize("item_type", EXERCISE_TYPES)
def test_every_type_has_every_language_in_its_own_script(item_type: str) -> None:
    texts = instructions_for(item_type)
    assert set(texts) == set(HELP_LANGUAGES) >= {"nb", "en", "ar", "uk", "ti", "so", "prs"}
    for lang, instruction in texts.items():
        assert instruction.text.strip() and instruction.norwegian == texts["nb"].text
        low, high = SCRIPTS.get(lang, ("a", "z"))
        assert any(low <= ch <= high for ch in instruction.text.casefold()), (lang, item_type)
    assert len({i.text for i in texts.values()}) == len(texts)  # really translated


def test_directions() -> None:
    assert instruction_for("cloze", "ar").direction == "rtl"
    assert instruction_for("cloze", "prs").direction == "rtl"
    assert instruction_for("cloze", "fa-AF").language == "prs"
    assert instruction_for("cloze", "uk").direction == "ltr"
    assert instruction_for("cloze", "ti").to_dict()["direction"] == "ltr"


def test_language_fallbacks() -> None:
    assert resolve_language("ar-SA") == "ar"
    assert resolve_language("no") == "nb"
    assert resolve_language(None) == "nb"
    assert resolve_language("zz") == "en"
    assert instruction_for("article", "de").language == "en"


def test_unknown_type() -> None:
    with pytest.raises(UnknownExerciseType):
        instruction_for("karaoke", "en")
