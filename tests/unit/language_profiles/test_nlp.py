"""Tokenizer tweaks and the nvl_special_tokens component (no trained model needed)."""

from __future__ import annotations

import spacy
from spacy.language import Language

from language_profiles.components import PHONE_RE, SpecialTokens
from language_profiles.nlp import is_fallback, load_pipeline


def test_blank_tokenizer_keeps_times_and_amounts(nlp_blank: Language) -> None:
    assert [t.text for t in nlp_blank("kl. 07.30 og 1.500 kr")] == [
        "kl.",
        "07.30",
        "og",
        "1.500",
        "kr",
    ]


def test_fallback_pipeline_splits_final_stop_after_time() -> None:
    nlp = load_pipeline(fallback=True)
    assert is_fallback(nlp)
    assert [t.text for t in nlp("Vi åpner 14:00.")] == ["Vi", "åpner", "14:00", "."]
    assert [t.text for t in nlp("Bo i 3. etasje.")][2] == "3."
    assert [t.text for t in nlp("Kl. 08.00 starter vi.")][0] == "Kl."


def test_phone_numbers_are_merged() -> None:
    nlp = spacy.blank("nb")
    doc = SpecialTokens()(nlp("Ring 22 33 44 55 eller +47 912 34 567."))
    assert [t.text for t in doc] == ["Ring", "22 33 44 55", "eller", "+47 912 34 567", "."]
    assert PHONE_RE.fullmatch("+4791234567")
    assert not PHONE_RE.search("Det koster 1 500 kroner")


def test_line_breaks_start_sentences() -> None:
    nlp = spacy.blank("nb")
    doc = SpecialTokens()(nlp("RUTINER\nSjekk pallene"))
    assert doc[2].is_sent_start
