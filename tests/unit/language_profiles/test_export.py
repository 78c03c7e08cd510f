"""CSV round trip, Anki deck validity and the mentor phrase sheet (PDF)."""

from __future__ import annotations

import io
import shutil
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import pytest

from language_profiles.exports import (
    CsvImportError,
    describe_forms,
    display_word,
    profile_from_csv,
    profile_to_anki,
    profile_to_csv,
    profile_to_pdf,
)
from language_profiles.profile import Phrase, Profile, Term

HYLLE = Term(
    lemma="hylle",
    pos="NOUN",
    articles=("ei", "en"),
    forms={"sg_indef": ("hylle",), "sg_def": ("hylla", "hyllen"), "pl_indef": ("hyller",),
           "pl_def": ("hyllene",)},
    definition="plate festet til en vegg, til å sette ting på",
    count=12,
    documents=3,
    keyness=4.25,
    level="A2",
    examples=("Sett varene på hylla.", "Hylla er full | se lageret."),
    score=7.125,
    theme="Lager",
    gloss={"en": "shelf", "ar": "رف"},
    definition_by_teacher=True,  # survives the round trip
)
PLUKKE = Term(
    lemma="plukke",
    pos="VERB",
    forms={"inf": ("plukke",), "pres": ("plukker",), "past": ("plukket", "plukka"),
           "perf_part": ("plukket", "plukka"), "imp": ("plukk",)},
    definition="ta ut varer til en ordre",
    count=8,
    documents=2,
    keyness=3.5,
    level="A2",
    score=5.5,
)
VERNEUTSTYR = Term(
    lemma="verneutstyr",
    pos="NOUN",
    articles=("et",),
    forms={"sg_indef": ("verneutstyr",), "sg_def": ("verneutstyret",)},
    compound_parts=("vern", "utstyr"),
    definition="utstyr som beskytter mot skade",
    count=5,
    documents=3,
    keyness=6.0,
    level="B1",
    examples=("Bruk alltid verneutstyr på lageret.",),
    score=9.0,
    safety=True,
    theme="HMS",
)
RYDDE_OPP = Term(lemma="rydde opp", pos="VERB", is_multiword=True, count=3, documents=2,
                 forms={"inf": ("rydde opp",), "past": ("ryddet opp", "rydda opp")})
FORMULA = Term(lemma="=SUM(A1)", pos="X", count=1)
PROFILE = Profile(
    name="Lager Furuset – kveld",
    sector="Lager",
    terms=(VERNEUTSTYR, HYLLE, PLUKKE, RYDDE_OPP, FORMULA),
    phrases=(
        Phrase("Husk å bruke vernesko.", count=3, documents=3, safety=True, theme="HMS",
               score=2.5),
        Phrase("Kan jeg hjelpe deg?", count=2, documents=1, score=1.25,
               situation="Når en kunde ser ut til å lete etter noe"),
        Phrase("Husk å …", count=4, examples=("Husk å låse døra.", "Husk å ta pause."),
               situation="Setningsmønster"),
    ),
)


def test_display_word_and_forms() -> None:
    assert display_word(HYLLE) == "ei/en hylle"
    assert display_word(PLUKKE) == "å plukke"
    assert describe_forms(HYLLE) == "hylla/hyllen – hyller – hyllene"
    assert describe_forms(PLUKKE) == "plukker – plukket/plukka – har plukket/plukka"


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_round_trip(delimiter: str) -> None:
    data = profile_to_csv(PROFILE, delimiter=delimiter)
    assert data.startswith(b"\xef\xbb\xbf")  # BOM for Excel
    again = profile_from_csv(data, name=PROFILE.name, sector=PROFILE.sector)
    assert again.terms == PROFILE.terms
    assert again.phrases == PROFILE.phrases


def test_csv_neutralises_formulas() -> None:
    text = profile_to_csv(PROFILE).decode("utf-8-sig")
    assert "\n=SUM" not in text and ",=SUM" not in text
    assert "'=SUM(A1)" in text


def test_csv_import_of_hand_made_sheet() -> None:
    sheet = "lemma;pos;articles;level\r\nhylle;NOUN;ei | en;A2\r\nplukke;VERB;;A2\r\n"
    profile = profile_from_csv(sheet.encode("utf-8"), name="Lærerens liste")
    assert [t.lemma for t in profile.terms] == ["hylle", "plukke"]
    assert profile.terms[0].articles == ("ei", "en")


def test_csv_import_errors_are_norwegian() -> None:
    with pytest.raises(CsvImportError, match="mangler kolonnen «lemma»"):
        profile_from_csv(b"ord,tall\nhylle,1\n", name="x")
    with pytest.raises(CsvImportError, match="Linje 2"):
        profile_from_csv(b"lemma,count\nhylle,mange\n", name="x")


def test_anki_package_is_a_valid_zip_with_a_collection(tmp_path: Path) -> None:
    data = profile_to_anki(PROFILE)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert "collection.anki2" in names
        (tmp_path / "c.anki2").write_bytes(archive.read("collection.anki2"))
    conn = sqlite3.connect(tmp_path / "c.anki2")
    try:
        notes = [row[0] for row in conn.execute("SELECT flds FROM notes")]
        cards = conn.execute("SELECT count(*) FROM cards").fetchone()[0]
    finally:
        conn.close()
    assert len(notes) == len(PROFILE.terms) == cards
    hylle = next(n for n in notes if n.startswith("ei/en hylle"))
    fields = hylle.split("\x1f")
    assert fields[1].startswith("plate festet")
    assert "hylla/hyllen" in fields[2]
    assert fields[3] == "Sett varene på hylla."


def test_anki_deck_is_deterministic() -> None:
    first = profile_to_anki(PROFILE)
    second = profile_to_anki(PROFILE)
    with zipfile.ZipFile(io.BytesIO(first)) as a, zipfile.ZipFile(io.BytesIO(second)) as b:
        assert a.namelist() == b.namelist()


def test_pdf_phrase_sheet_renders(tmp_path: Path) -> None:
    data = profile_to_pdf(PROFILE)
    assert data.startswith(b"%PDF")
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Husk å bruke vernesko." in text
    assert "ei/en hylle" in text
    assert "hylla/hyllen" in text
    assert "et verneutstyr" in text
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed; text layer checked only")
    pdf_path = tmp_path / "ark.pdf"
    pdf_path.write_bytes(data)
    subprocess.run([pdftoppm, "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf_path),
                    str(tmp_path / "side")], check=True, timeout=60)
    pngs = list(tmp_path.glob("side*.png"))
    assert pngs and pngs[0].stat().st_size > 1000


def test_pdf_handles_many_terms_over_pages() -> None:
    many = tuple(
        Term(lemma=f"ord{chr(97 + i % 26)}{'æøå'[i % 3]}", pos="NOUN", articles=("en",),
             definition="en lang forklaring " * 6)
        for i in range(120)
    )
    data = profile_to_pdf(Profile(name="Stor", terms=many), max_terms=120)
    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(data)).pages) >= 2
