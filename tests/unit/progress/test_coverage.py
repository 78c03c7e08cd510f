"""Tests for progress.coverage: weighted workplace coverage, safety words and trend."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from language_profiles.profile import Term
from progress.coverage import (
    Coverage,
    CoverageSnapshot,
    class_unknown_terms,
    coverage_summary,
    coverage_summary_staff,
    coverage_trend,
    place_phrase,
    safety_summary,
    workplace_coverage,
)
from progress.errors import InvalidStateError

TERMS = (
    Term(lemma="pall", pos="NOUN", count=50),
    Term(lemma="hylle", pos="NOUN", count=30),
    Term(lemma="plukke", pos="VERB", count=15),
    Term(lemma="vernesko", pos="NOUN", count=4, safety=True),
    Term(lemma="nødutgang", pos="NOUN", count=1, safety=True),
)
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def test_share_is_weighted_by_workplace_count() -> None:
    cov = workplace_coverage(TERMS, {"pall": 0.95, "hylle": 0.2, "plukke": 0.91})
    assert cov.known_terms == 2 and cov.total_terms == 5
    assert cov.share == pytest.approx(65 / 100)
    assert cov.percent == 65
    assert cov.unknown == ("hylle", "vernesko", "nødutgang")


def test_threshold_is_inclusive_and_missing_terms_are_unknown() -> None:
    cov = workplace_coverage(TERMS, {"pall": 0.9, "hylle": 0.8999})
    assert cov.known_terms == 1
    assert workplace_coverage(TERMS, {}).share == 0.0


def test_frequent_word_counts_more_than_rare_word() -> None:
    frequent = workplace_coverage(TERMS, {"pall": 1.0})
    rare = workplace_coverage(TERMS, {"nødutgang": 1.0})
    assert frequent.share > rare.share
    assert frequent.known_terms == rare.known_terms == 1


def test_safety_words_known_of_total() -> None:
    cov = workplace_coverage(TERMS, {"vernesko": 0.97, "Pall": 0.99})
    assert (cov.safety_known, cov.safety_total) == (1, 2)
    assert cov.unknown_safety == ("nødutgang",)
    assert not cov.all_safety_known
    assert safety_summary(cov) == "Du kan 1 av 2 sikkerhetsord"
    everything = workplace_coverage(TERMS, {"vernesko": 1.0, "nødutgang": 1.0})
    assert safety_summary(everything) == "Du kan alle de 2 sikkerhetsordene"


def test_empty_profile() -> None:
    cov = workplace_coverage((), {"pall": 1.0})
    assert cov.share == 0.0 and cov.safety_share == 1.0


def test_duplicate_terms_counted_once() -> None:
    cov = workplace_coverage((*TERMS, Term(lemma="pall", pos="NOUN", count=50)), {"pall": 1.0})
    assert cov.total_terms == 5


def test_summary_in_plain_norwegian() -> None:
    cov = Coverage(share=0.7249, known_terms=1, total_terms=2, safety_known=0, safety_total=0)
    assert coverage_summary(cov) == (
        "Du kan 1 av 2 ord fra jobben. Av 100 ord du hører på jobben, kan du 72."
    )
    assert coverage_summary_staff(cov) == (
        "Kan 1 av 2 ord fra jobben. Det dekker 72 % av ordene som brukes på arbeidsplassen din."
    )
    assert place_phrase("ukjent sektor") == "på arbeidsplassen din"


def test_the_coverage_sentence_shows_both_numbers() -> None:
    """UX review item 5: "11 ord du kan" next to "Du kan 54 % av ordene" seemed to disagree."""
    terms = [Term(lemma=f"ord{i}", pos="NOUN", count=1) for i in range(29)]
    frequent = [Term(lemma=f"vanlig{i}", pos="NOUN", count=3) for i in range(11)]
    recall = {t.lemma: 0.95 for t in frequent}
    cov = workplace_coverage([*frequent, *terms], recall)
    assert (cov.known_terms, cov.total_terms, cov.percent) == (11, 40, 53)
    text = coverage_summary(cov)
    assert text == "Du kan 11 av 40 ord fra jobben. Av 100 ord du hører på jobben, kan du 53."
    assert "%" not in text
    staff = coverage_summary_staff(cov, place=place_phrase("lager"))
    assert staff == "Kan 11 av 40 ord fra jobben. De dekker 53 % av ordene som brukes på lageret."
    empty = workplace_coverage((), {})
    assert coverage_summary(empty) == "Det er ingen ord fra jobben her ennå."
    assert coverage_summary_staff(empty) == "Profilen har ingen ord ennå."


def test_trend_over_time() -> None:
    snaps = [
        CoverageSnapshot(at=NOW - timedelta(days=d), share=s)
        for d, s in ((20, 0.30), (8, 0.40), (3, 0.50), (0, 0.52))
    ]
    trend = coverage_trend(list(reversed(snaps)), now=NOW, window_days=7)
    assert [round(p[1], 2) for p in trend.points] == [0.30, 0.40, 0.50, 0.52]
    assert trend.change == pytest.approx(0.12)
    assert trend.direction == "up"
    assert trend.summary_nb() == "+12 prosentpoeng siste 7 dager"
    assert trend.summary_learner_nb() == "Siste 7 dager: du kan 12 flere av 100 ord på jobben."
    flat = coverage_trend(snaps[:1], now=NOW)
    assert flat.direction == "flat" and flat.summary_nb() == "Uendret siste 7 dager"


def test_snapshot_roundtrip() -> None:
    snap = CoverageSnapshot.of(workplace_coverage(TERMS, {"pall": 1.0}), at=NOW)
    assert CoverageSnapshot.from_dict(snap.to_dict()) == CoverageSnapshot(
        at=NOW, share=0.5, safety_known=0, safety_total=2
    )
    with pytest.raises(InvalidStateError):
        CoverageSnapshot.from_dict({"share": 0.1})


def test_class_unknown_terms() -> None:
    recalls = [{"pall": 1.0, "hylle": 1.0}, {"pall": 1.0}, {"pall": 0.95, "plukke": 0.99}]
    rows = class_unknown_terms(TERMS, recalls, limit=3)
    assert rows == [("vernesko", 0.0), ("nødutgang", 0.0), ("hylle", pytest.approx(1 / 3))]
    assert class_unknown_terms(TERMS, []) == []
