"""Text clean-up before analysis: Unicode, bullets, hyphenation, PDF line breaks."""

from __future__ import annotations

import unicodedata

import pytest

from language_profiles.normalize import is_caps_line, normalize_text


def test_empty() -> None:
    assert normalize_text("") == ""
    assert normalize_text(" \n\n ") == ""


def test_nfd_becomes_nfc() -> None:
    text = unicodedata.normalize("NFD", "Bøtta står på lageret i Tromsø, og hylla er blå.")
    result = normalize_text(text)
    assert result == "Bøtta står på lageret i Tromsø, og hylla er blå."
    assert unicodedata.is_normalized("NFC", result)


def test_soft_hyphen_and_odd_spaces() -> None:
    assert normalize_text("lager\u00admedarbeider\u00a0og  truck") == "lagermedarbeider og truck"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kontroller vare-\nmottaket hver dag.", "Kontroller varemottaket hver dag."),
        ("Følg HMS-\nrutinene.", "Følg HMS-rutinene."),
        ("Hun kommer fra Nord-\nNorge.", "Hun kommer fra Nord-Norge."),
        ("Send en e-\npost til lederen.", "Send en e-post til lederen."),
        ("Bruk inn-\nog utgangen.", "Bruk inn- og utgangen."),
    ],
)
def test_line_end_hyphens(text: str, expected: str) -> None:
    assert normalize_text(text) == expected


def test_bullets_become_separate_lines() -> None:
    text = "Dette må du gjøre:\n• Sjekk pallene\n- Vask hendene\n* Bruk hjelm\n▪ Meld fra om avvik"
    assert normalize_text(text).split("\n") == [
        "Dette må du gjøre:",
        "Sjekk pallene",
        "Vask hendene",
        "Bruk hjelm",
        "Meld fra om avvik",
    ]


def test_pdf_line_breaks_inside_sentences_are_joined() -> None:
    text = (
        "Alle ansatte skal bruke\nverneutstyr på lageret. Ny setning\nstarter her.\n\nNytt avsnitt."
    )
    assert normalize_text(text) == (
        "Alle ansatte skal bruke verneutstyr på lageret. Ny setning starter her.\n\nNytt avsnitt."
    )


def test_headings_are_kept_on_their_own_line() -> None:
    text = "RUTINER FOR VAREMOTTAK\nalle varer skal kontrolleres."
    assert normalize_text(text) == "RUTINER FOR VAREMOTTAK\nalle varer skal kontrolleres."
    assert is_caps_line("RUTINER FOR VAREMOTTAK")
    assert not is_caps_line("HMS")
    assert not is_caps_line("Rutiner for HMS")
