"""The shipped starter profiles stay within their sector (the ads' keyword tags overlap)."""

from __future__ import annotations

import pytest

from language_profiles.sectors import SECTORS
from language_profiles.starter import load_starter_profile

#: Occupation words that belong to one sector only.
OCCUPATIONS: dict[str, frozenset[str]] = {
    "helse": frozenset(
        {"sykepleier", "vernepleier", "hjelpepleier", "helsefagarbeider", "hjemmesykepleie",
         "barnevernpedagog", "barnevernspedagogstudent", "hjemmetjeneste", "hjemmehjelp"}
    ),
    "barnehage": frozenset({"barnehagelærer", "førskolelærer", "barnevernpedagog"}),
    "renhold": frozenset({"renholder", "renholdsoperatør"}),
    "kjøkken": frozenset({"kokk", "kjøkkenassistent", "servitør"}),
    "bygg": frozenset({"tømrer", "rørlegger", "snekker", "elektriker"}),
    "transport": frozenset({"yrkessjåfør"}),
}


@pytest.mark.parametrize("sector", sorted(SECTORS))
def test_top_terms_have_no_other_sectors_occupations(sector: str) -> None:
    top = {t.lemma for t in load_starter_profile(sector).terms[:40]}
    foreign = set().union(*(words for other, words in OCCUPATIONS.items() if other != sector))
    foreign -= OCCUPATIONS.get(sector, frozenset())
    assert top & foreign == set()


@pytest.mark.parametrize("sector", ["renhold", "kjøkken"])
def test_cleaning_and_kitchen_have_no_care_words(sector: str) -> None:
    lemmas = {t.lemma for t in load_starter_profile(sector).terms}
    assert not lemmas & OCCUPATIONS["helse"]
    assert OCCUPATIONS[sector] & lemmas


def test_selection_is_recorded() -> None:
    stats = load_starter_profile("renhold").stats
    assert "keyword_tags contains 'renhold'" in str(stats["selection"])
    assert "multi-vacancy" in str(stats["selection"])
