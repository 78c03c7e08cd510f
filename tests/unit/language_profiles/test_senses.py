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


def test_weak_evidence_is_not_enough_and_a_tie_keeps_the_first() -> None:
    # The builder weighs a word log2(1 + count) x keyness: 1.5 is the least that counts.
    assert choose_sense(ORDRE, {"varer": 1.5}, lemma="ordre") == 1
    assert choose_sense(ORDRE, {"varer": 1.0}, lemma="ordre") == 0
    assert choose_sense(ORDRE, {"varer": 1.0}, lemma="ordre", min_score=1.0) == 1
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


def test_parts_of_the_defined_word_are_no_evidence() -> None:
    """*arbeidsoppgave*: a sense that mentions "oppgave" is not thereby the workplace's."""
    senses = ("gjøremål", "oppgave knyttet til tekst i lærebok")
    assert choose_sense(senses, {"oppgave": 20.0}, lemma="arbeidsoppgave") == 0


def test_thin_evidence_keeps_the_dictionary_order() -> None:
    """One weak match is not enough to overturn the first sense (the margin)."""
    assert choose_sense(("levevei i yrkeslivet", "i ridning: strak galopp"), {"strak": 0.4}) == 0
    assert choose_sense(ORDRE, {"varer": 0.9, "befaling": 0.5}, lemma="ordre") == 0


def test_senses_labelled_with_a_field_are_never_chosen() -> None:
    arbeid = (
        "virksomhet som fører til et visst mål eller resultat",
        "i fysikk: energioverføring ved at en kraft virker på en gjenstand",
    )
    assert choose_sense(arbeid, {"kraft": 9.0, "energioverføring": 9.0}, lemma="arbeid") == 0


def test_a_sense_that_uses_the_word_itself_is_not_chosen() -> None:
    arbeid = ("virksomhet som fører til et visst mål", "resultat, produkt av et arbeid")
    assert choose_sense(arbeid, {"produkt": 9.0, "resultat": 9.0}, lemma="arbeid") == 0


def test_a_sense_for_another_setting_is_not_chosen_for_a_synonym_in_it() -> None:
    """*pall* is also "hylle, avsats (i terrenget)": a warehouse that talks about shelves
    (hylle) still means the pallet."""
    assert choose_sense(PALL, {"hylle": 2.8, "varer": 1.6}, lemma="pall") == 3
    assert choose_sense(PALL, {"hylle": 2.8}, lemma="pall") == 0
