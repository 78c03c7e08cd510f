"""Themes: nouns carry a phrase's theme, and the profile's sector rules out other sectors' verbs."""

from __future__ import annotations

import pytest

from language_profiles.themes import (
    SECTOR_THEMES,
    THEMES,
    sector_key,
    suggest_phrase_theme,
    suggest_theme,
)


def test_every_sector_theme_is_a_known_theme() -> None:
    for themes in SECTOR_THEMES.values():
        assert themes <= set(THEMES)


@pytest.mark.parametrize(
    ("sector", "key"),
    [
        ("helse", "helse"),
        ("Helse og omsorg", "helse"),
        ("handel", "butikk"),
        ("Butikk", "butikk"),
        ("Lager", "lager"),
        ("Pasient", "helse"),
        ("Kontor", None),
        ("", None),
        (None, None),
    ],
)
def test_sector_key_accepts_keys_aliases_and_names(sector: str | None, key: str | None) -> None:
    assert sector_key(sector) == key


def test_a_verb_term_gets_no_theme_of_another_sector() -> None:
    assert suggest_theme("bytte") == "Kasse"  # no sector known: as before
    assert suggest_theme("bytte", pos="VERB", sector="helse") is None
    assert suggest_theme("bytte", pos="VERB", sector="butikk") == "Kasse"
    # A noun keeps its theme: a nursing home may well have a till in its café.
    assert suggest_theme("kasse", pos="NOUN", sector="helse") == "Kasse"
    # HMS and working hours belong to every workplace.
    assert suggest_theme("stemple", pos="VERB", sector="helse") == "Arbeidstid"


def _words(*items: tuple[str, str]) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(lemma, pos, ()) for lemma, pos in items]


def test_gloves_in_a_nursing_home_are_not_about_the_till() -> None:
    """In "Bytt hansker mellom hver beboer" *bytte* is on the till's list, the nouns are not."""
    words = _words(("bytte", "VERB"), ("hanske", "NOUN"), ("beboer", "NOUN"))
    assert suggest_phrase_theme(words, sector="helse") == "Pasient"
    assert suggest_phrase_theme(words) == "HMS"  # no sector: the first noun's theme


def test_a_verb_alone_suggests_only_its_own_sectors_theme() -> None:
    """Changing bed linen ("Bytt sengetøy"): the till in a shop, else nothing."""
    words = [("bytte", "VERB", ()), ("sengetøy", "NOUN", ("seng", "tøy"))]
    assert suggest_phrase_theme(words, sector="helse") is None
    assert suggest_phrase_theme(words) is None
    assert suggest_phrase_theme(words, sector="butikk") == "Kasse"


def test_shop_phrase_takes_the_till_theme() -> None:
    """A shop phrase ("Skann varen før du legger den i posen"): the till, helped by the verb."""
    words = _words(("skanne", "VERB"), ("vare", "NOUN"), ("legge", "VERB"), ("pose", "NOUN"))
    assert suggest_phrase_theme(words, sector="butikk") == "Kasse"
    assert suggest_phrase_theme(words) == "Kasse"


def test_one_noun_from_another_sector_is_not_enough() -> None:
    """*avdeling* ("Les mer om avdelingene") is on the shop list, but hospitals have them too."""
    words = _words(("lese", "VERB"), ("avdeling", "NOUN"))
    assert suggest_phrase_theme(words, sector="helse") is None
    assert suggest_phrase_theme(words, sector="butikk") == "Butikk"
    assert suggest_phrase_theme(words) == "Butikk"


def test_the_sectors_own_theme_wins_a_tie() -> None:
    words = _words(("vakt", "NOUN"), ("rapport", "NOUN"))
    assert suggest_phrase_theme(words) == "Arbeidstid"
    assert suggest_phrase_theme(words, sector="helse") == "Pasient"
