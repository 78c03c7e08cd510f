"""Choosing the workplace's dictionary sense, and writing out the dictionary's abbreviations."""

from __future__ import annotations

import pytest

from language_profiles.senses import abbreviations_expanded, choose_sense, sense_words

PALL = (
    "forhøyning, oppbygning; podium",
    "hylle, avsats (i terrenget)",
    "seierspall",
    "liten plattform som brukes ved transport og lagring av varer",
)
ORDRE = ("befaling, påbud", "bestilling på varer")
SKIFT = (
    "skiftning, veksling",
    "arbeidstid for et arbeidslag; økt",
    "skiftarbeid",
    "arbeidslag",
)
WAREHOUSE = {"vare": 40, "varer": 25, "truck": 12, "transport": 6, "hylle": 9, "plukke": 14}
FACTORY = {"arbeidstid": 3, "produksjon": 20, "linje": 8}


def test_the_workplace_sense_wins_when_its_words_are_used_there() -> None:
    assert PALL[choose_sense(PALL, WAREHOUSE, lemma="pall")].startswith("liten plattform")
    assert ORDRE[choose_sense(ORDRE, WAREHOUSE, lemma="ordre")] == "bestilling på varer"
    assert SKIFT[choose_sense(SKIFT, FACTORY, lemma="skift")].startswith("arbeidstid")


def test_without_evidence_the_dictionary_order_stands() -> None:
    assert choose_sense(PALL, {}, lemma="pall") == 0
    assert choose_sense(PALL, {"kaffe": 10, "pause": 3}, lemma="pall") == 0
    assert choose_sense(("én betydning",), WAREHOUSE) == 0
    assert choose_sense((), WAREHOUSE) == 0


def test_a_single_rare_word_is_not_enough_and_a_tie_keeps_the_first() -> None:
    # One occurrence of "varer" weighs log2(2) = 1: just enough; half of that is not.
    assert choose_sense(ORDRE, {"varer": 1}, lemma="ordre") == 1
    assert choose_sense(ORDRE, {"varer": 1}, lemma="ordre", min_score=1.5) == 0
    both = ("stor vare", "liten vare")
    assert choose_sense(both, WAREHOUSE) == 0


def test_the_defined_word_itself_is_no_evidence() -> None:
    senses = ("en pall av tre", "bestilling på varer")
    assert choose_sense(senses, {"pall": 100}, lemma="pall") == 0


def test_sense_words_leave_out_the_grammar_of_definitions() -> None:
    assert sense_words("liten plattform som brukes ved transport og lagring av varer") == {
        "plattform",
        "transport",
        "lagring",
        "varer",
    }


@pytest.mark.parametrize(
    ("raw", "written_out"),
    [
        ("opplagssted for varer, avling e l", "opplagssted for varer, avling eller lignende"),
        ("lagre, kaier o l; gaffeltruck", "lagre, kaier og lignende; gaffeltruck"),
        ("brukt bl a i butikker", "brukt blant annet i butikker"),
        ("bruk f eks en kost", "bruk for eksempel en kost"),
        ("ca 5 kg", "cirka 5 kg"),
        ("e.l. og o.l.", "eller lignende og og lignende"),
        ("30 mm tykk plate", "30 mm tykk plate"),  # millimetre, not "med mer"
        ("el-bil og el-sykkel", "el-bil og el-sykkel"),
        ("hel og ren", "hel og ren"),
    ],
)
def test_abbreviations_are_written_out(raw: str, written_out: str) -> None:
    assert abbreviations_expanded(raw) == written_out
