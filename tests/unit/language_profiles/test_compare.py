"""Comparing profiles and measuring a new text's coverage by a profile."""

from __future__ import annotations

from language_profiles.builder import Source, build_profile
from language_profiles.compare import compare_profiles, text_coverage
from language_profiles.profile import Profile, Term


def _profile(name: str, lemmas: list[str]) -> Profile:
    return Profile(name=name, terms=tuple(Term(lemma=w, pos="NOUN") for w in lemmas))


def test_compare_profiles_shared_and_only() -> None:
    a = _profile("IKEA", ["pall", "truck", "hylle", "kasse"])
    b = _profile("XXL", ["hylle", "kasse", "sykkel"])
    result = compare_profiles(a, b)
    assert [x.lemma for x, _ in result.shared] == ["hylle", "kasse"]
    assert [t.lemma for t in result.only_a] == ["pall", "truck"]
    assert [t.lemma for t in result.only_b] == ["sykkel"]
    assert result.overlap == 2 / 5


def test_compare_profiles_top_n() -> None:
    a = _profile("A", ["pall", "truck", "hylle"])
    b = _profile("B", ["hylle", "pall"])
    result = compare_profiles(a, b, top=1)
    assert [x.lemma for x, _ in result.shared] == []
    assert [t.lemma for t in result.only_a] == ["pall"]


def test_text_coverage_counts_known_and_new_words() -> None:
    profile = build_profile(
        [Source("lager.txt", "Bruk vernesko på lageret. Sett pallen i reolen. "
                             "Plukk varene fra hylla. Skann pallen ved mottaket.")],
        name="Lager",
    )
    coverage = text_coverage(
        "Sett vernesko og hjelm på før du henter pallen på lageret. Ola Hansen viser deg "
        "gaffeltrucken.",
        profile,
    )
    new = {w.lemma for w in coverage.new_words}
    assert coverage.words > coverage.known > 0
    assert "hjelm" in new
    assert "vernesko" not in new and "pall" not in new
    assert not new & {"ola", "hansen", "og", "på"}
    assert 0 < coverage.share < 1
    summary = coverage.summary()
    assert summary.startswith("Teksten bruker ") and "% ord fra profilen" in summary
