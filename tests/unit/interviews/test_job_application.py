"""Job application structure checks, ad words and sentence feedback."""

from __future__ import annotations

import pytest

from interviews.application import (
    PARTS,
    ad_keywords,
    check_application,
    letter_body,
    phrase_suggestions,
)
from language_profiles.analyzer import Analyzer
from language_profiles.lexicon import Lexicon

AD = (
    "Vi søker en lagermedarbeider med truckførerbevis. Du må være nøyaktig og kunne jobbe "
    "skift. Erfaring fra varemottak og plukking er en fordel."
)
FULL = """Hei!

Jeg søker på stillingen som lagermedarbeider som ble utlyst på Finn.no.

Jeg søker fordi jeg liker å jobbe i et høyt tempo, og jeg er interessert i logistikk.
I Syria jobbet jeg på et lager i fem år. Der hadde jeg ansvar for varemottak og
plukking av ordrer. I Norge har jeg hatt praksis hos en grossist i tre måneder.

Jeg er nøyaktig, punktlig og pålitelig. Jeg har truckførerbevis og førerkort klasse B,
og jeg kan jobbe skift.

Jeg ser frem til å høre fra dere, og jeg kommer gjerne på intervju.

Med vennlig hilsen
Ali Hassan"""


def test_complete_application(analyzer: Analyzer, lexicon: Lexicon) -> None:
    feedback = check_application(FULL, analyzer=analyzer, lexicon=lexicon, ad_text=AD)
    assert feedback.missing_parts == ()
    assert feedback.has_greeting and feedback.has_signoff
    assert feedback.length_ok and feedback.word_count >= 80
    assert {"truckførerbevis", "varemottak", "nøyaktig"} <= set(feedback.ad_words_used)
    assert [p for p in feedback.problems if p.severity == "error"] == []


def test_short_application_without_parts(analyzer: Analyzer, lexicon: Lexicon) -> None:
    text = "Jeg søker jobben. I Syria jeg jobbet på et lager."
    feedback = check_application(text, analyzer=analyzer, lexicon=lexicon, ad_terms=["truck"])
    assert set(feedback.missing_parts) == {"why", "skills", "closing"}
    assert not feedback.length_ok and not feedback.has_greeting and not feedback.has_signoff
    assert feedback.ad_words_missing == ("truck",)
    assert [p.check for p in feedback.problems] == ["v2"]
    assert "I Syria jobbet jeg" in feedback.rewritten
    assert any("Med vennlig hilsen" in m for m in feedback.messages)


def test_phrase_suggestions_cover_every_part() -> None:
    phrases = phrase_suggestions()
    assert set(phrases) == set(PARTS) and all(phrases.values())
    assert list(phrase_suggestions("closing")) == ["closing"]
    with pytest.raises(KeyError):
        phrase_suggestions("ukjent")


def test_ad_keywords_skip_generic_words(analyzer: Analyzer) -> None:
    words = ad_keywords(AD, analyzer=analyzer)
    assert "truckførerbevis" in words and "varemottak" in words
    assert not {"være", "jobbe", "søke"} & set(words)


BODY = (
    "Jeg søker på stillingen som renholder fordi jeg liker å jobbe selvstendig. "
    "I hjemlandet vasket jeg kontorer og skoler i fire år."
)


def test_greeting_and_signoff_are_not_sentences_for_the_level(
    analyzer: Analyzer, lexicon: Lexicon
) -> None:
    letter = f"Hei!\n\n{BODY}\n\nMed vennlig hilsen\nAli Hassan"
    body = [s.text.strip() for s in letter_body(analyzer.analyze(letter)).sentences]
    assert body == [s.text.strip() for s in analyzer.analyze(BODY).sentences]
    assert not any(t in {"Hei!", "Med vennlig hilsen", "Ali Hassan"} for t in body)
    letter_feedback = check_application(letter, analyzer=analyzer, lexicon=lexicon)
    body_feedback = check_application(BODY, analyzer=analyzer, lexicon=lexicon)
    assert letter_feedback.level_reasons[0] == body_feedback.level_reasons[0]
    assert not any("veldig korte" in r for r in letter_feedback.level_reasons)
    assert letter_feedback.has_greeting and letter_feedback.has_signoff


def test_letter_of_only_greetings_keeps_its_sentences(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze("Hei!\n\nMed vennlig hilsen\nAli")
    assert letter_body(analysis) is analysis
