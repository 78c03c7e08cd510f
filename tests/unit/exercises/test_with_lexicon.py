"""Generators and checking with the real Bokmålsordboka index (skipped when it cannot load)."""

from __future__ import annotations

import random

import pytest

from exercises.checking import check_answer
from exercises.grading import grade_item
from exercises.items import EXERCISE_TYPES, generate_items
from language_profiles.profile import Phrase, Profile, Term

lexicon_module = pytest.importorskip("language_profiles.lexicon")

# Our own example sentences (never corpus text).
EXAMPLES = {
    "pall": ("Vi setter pallen ved porten.", "I dag kom det tre paller med melk."),
    "hylle": ("Varene står på den øverste hylla.",),
    "lager": ("I dag jobber jeg på lageret.",),
    "vaske": ("Vi vasket gulvet på lageret i går.",),
    "plukke": ("Etter lunsj plukker vi varer til butikkene.",),
    "truck": ("Han kjører trucken forsiktig.",),
    "bøtte": ("Fyll bøtta med varmt vann.",),
    "hjelm": ("Du må alltid bruke hjelm på lageret.",),
}
GLOSS = {
    "pall": "pallet",
    "hylle": "shelf",
    "lager": "warehouse",
    "vaske": "wash",
    "plukke": "pick",
    "truck": "forklift",
    "bøtte": "bucket",
    "hjelm": "helmet",
    "løfte": "lift",
}


@pytest.fixture(scope="module")
def lexicon() -> object:
    try:
        return lexicon_module.load_lexicon()
    except lexicon_module.LexiconError as e:  # pragma: no cover - depends on the machine
        pytest.skip(f"Bokmålsordboka index not available: {e}")


def _term(lexicon: object, lemma: str, pos: str) -> Term:
    entry = lexicon.entries(lemma, pos)[0]  # type: ignore[attr-defined]
    return Term(
        lemma=lemma,
        pos=pos,
        articles=entry.articles,
        forms=dict(entry.forms),
        definition=entry.definition,
        examples=EXAMPLES.get(lemma, ()),
        gloss={"en": GLOSS[lemma]},
        level="A2",
        theme="Lager",
        safety=lemma == "hjelm",
    )


def test_all_types_from_dictionary_forms(lexicon: object) -> None:
    nouns = ("pall", "hylle", "lager", "truck", "bøtte", "hjelm")
    verbs = ("vaske", "plukke", "løfte")
    terms = tuple(_term(lexicon, w, "NOUN") for w in nouns) + tuple(
        _term(lexicon, w, "VERB") for w in verbs
    )
    phrases = (
        Phrase("Kan jeg hjelpe deg?", situation="En kunde leter etter noe."),
        Phrase("Hvor skal pallen stå?", situation="Du vet ikke hvor pallen skal stå."),
        Phrase("Jeg er ferdig med ordren.", situation="Du har plukket alle varene."),
    )
    profile = Profile("Lager AS", terms=terms, phrases=phrases)
    result = generate_items(
        profile,
        rng=random.Random(7),
        similar_words=lambda w: lexicon.similar(w, 6),  # type: ignore[attr-defined]
        is_word=lexicon.is_word,  # type: ignore[attr-defined]
    )
    assert {i.type for i in result.items} == set(EXERCISE_TYPES)
    by_key = {(i.type, i.lemma, i.variant): i for i in result.items}
    article = by_key[("article", "hylle", "article")]
    assert set(article.accepted) == {"ei hylle", "en hylle"}
    past = by_key[("inflection", "vaske", "past")]
    assert {"vasket", "vaska"} <= set(past.accepted)
    assert grade_item(past, "vaska").correct
    listening = by_key[("listening", "pall", "form")]
    assert "pallen" not in listening.options and len(listening.options) >= 3


def test_is_word_keeps_real_words_from_counting_as_slips(lexicon: object) -> None:
    is_word = lexicon.is_word  # type: ignore[attr-defined]
    assert not check_answer("ball", ["pall"], is_word=is_word).correct
    assert check_answer("pallne", ["pallen"], is_word=is_word).correct
