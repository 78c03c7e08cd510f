"""Ranking maths (keyness, dispersion, level, score) and ranking invariants on a small text."""

from __future__ import annotations

import pytest

from language_profiles.builder import Source, build_profile
from language_profiles.profile import LEVELS
from language_profiles.ranking import (
    dispersion,
    estimate_level,
    keyness,
    level_from_zipf,
    score_term,
)


def test_keyness_favours_words_rare_in_general_norwegian() -> None:
    # Same count in the same text: the rare word is more distinctive than the common one.
    assert keyness(5, 1000, zipf=2.0) > keyness(5, 1000, zipf=6.0)


def test_keyness_grows_with_count() -> None:
    assert keyness(10, 1000, zipf=3.0) > keyness(2, 1000, zipf=3.0)


def test_keyness_is_negative_for_underused_common_words() -> None:
    assert keyness(1, 100_000, zipf=6.5) < 0


def test_dispersion_bounds() -> None:
    assert dispersion(3, 3, 10, 10) == 1.0
    assert dispersion(1, 4, 1, 20) < dispersion(4, 4, 4, 20)
    assert dispersion(1, 1, 0, 0) == 0.0


def test_score_prefers_spread_and_safety() -> None:
    spread = score_term(count=4, keyness_value=5.0, dispersion_value=1.0)
    narrow = score_term(count=4, keyness_value=5.0, dispersion_value=0.1)
    assert spread > narrow
    assert score_term(count=4, keyness_value=5.0, dispersion_value=0.5, safety=True) > \
        score_term(count=4, keyness_value=5.0, dispersion_value=0.5)


@pytest.mark.parametrize(
    ("zipf", "level"), [(6.0, "A1"), (4.5, "A2"), (3.8, "B1"), (3.0, "B2"), (1.5, "B2+")]
)
def test_level_bands(zipf: float, level: str) -> None:
    assert level_from_zipf(zipf) == level


def test_level_estimates() -> None:
    assert estimate_level("hus") == "A1"
    assert estimate_level("stillas") in {"B2", "B2+"}
    # A compound of easy parts is not rated harder than its parts.
    assert LEVELS.index(estimate_level("lagerhylle", ("lager", "hylle"))) <= LEVELS.index("B1")
    # A multiword term takes the level of its hardest word.
    assert estimate_level("rydde opp") == estimate_level("rydde")


SOURCES = [
    Source(
        "rutine-mottak.txt",
        "Bruk alltid vernesko på lageret. Pallene settes i reolen ved varemottaket. "
        "Kari Nordby har ansvar for varemottaket i 2024. Ring 22 33 44 55 ved spørsmål.",
    ),
    Source(
        "rutine-plukk.txt",
        "Husk vernesko når du plukker varer. Plukklisten ligger ved reolen. "
        "Ordrenummer 4711-B skal skannes. Espen Kvalheim viser deg truckene.",
    ),
    Source(
        "rutine-kveld.txt",
        "Før du går hjem, må du sette vernesko i skapet. Lagersjefen låser porten klokka 22. "
        "En gang i året kommer Mattilsynet på besøk med en sjokoladekake.",
    ),
]


@pytest.fixture(scope="module")
def small_profile():  # type: ignore[no-untyped-def]
    return build_profile(SOURCES, name="Testlager", sector="Lager")


def test_safety_word_in_every_source_outranks_one_off_word(small_profile) -> None:  # type: ignore[no-untyped-def]
    ranks = {t.lemma: i for i, t in enumerate(small_profile.terms)}
    assert "vernesko" in ranks
    vernesko = small_profile.terms[ranks["vernesko"]]
    assert vernesko.safety
    assert vernesko.documents == 3
    assert "sjokoladekake" in ranks  # a one-off word rare in general Norwegian
    assert ranks["vernesko"] < ranks["sjokoladekake"]


def test_names_numbers_and_codes_never_appear(small_profile) -> None:  # type: ignore[no-untyped-def]
    lemmas = {t.lemma.lower() for t in small_profile.terms}
    for banned in ("kari", "nordby", "espen", "kvalheim", "mattilsynet", "2024", "22",
                   "4711-b", "4711", "b"):
        assert banned not in lemmas
    for term in small_profile.terms:
        assert not any(ch.isdigit() for ch in term.lemma)
        assert "@" not in term.lemma


def test_function_words_never_appear(small_profile) -> None:  # type: ignore[no-untyped-def]
    lemmas = {t.lemma.lower() for t in small_profile.terms}
    assert not lemmas & {"og", "i", "på", "du", "en", "det", "som", "har", "ha", "være", "må"}


def test_terms_are_sorted_by_score(small_profile) -> None:  # type: ignore[no-untyped-def]
    scores = [t.score for t in small_profile.terms]
    assert scores == sorted(scores, reverse=True)
    assert all(t.level in LEVELS for t in small_profile.terms)


def test_conservative_reference_keyness_wants_more_evidence_from_few_occurrences() -> None:
    """Hardie's conservative Log Ratio: the same 4.5x ratio counts as surely >= 3x only with
    enough occurrences."""
    from language_profiles.ranking import (
        ReferenceCorpus,
        reference_keyness,
        reference_keyness_lower,
    )

    three_x = 1.585
    few = ReferenceCorpus(name="andre", words=48_000, counts={"kvalifisert": 13})
    many = ReferenceCorpus(name="andre", words=48_000, counts={"pasient": 130})
    assert reference_keyness(5, 4_000, few, "kvalifisert") > three_x
    assert reference_keyness_lower(5, 4_000, few, "kvalifisert") < three_x
    assert reference_keyness_lower(50, 4_000, many, "pasient") > three_x
    # Never more than the point estimate; z = 0 gives it back.
    assert reference_keyness_lower(5, 4_000, few, "kvalifisert", z=0) == reference_keyness(
        5, 4_000, few, "kvalifisert"
    )
