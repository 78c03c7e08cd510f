"""Compound splitting against a hand-written list of workplace compounds."""

from __future__ import annotations

from pathlib import Path

import pytest

from language_profiles.analyzer import Analyzer
from language_profiles.compounds import analyze_compound, split_compound
from language_profiles.lexicon import Lexicon

DATA = Path(__file__).resolve().parents[2] / "data" / "compounds.tsv"


def _rows() -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    rows = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("word\t"):
            continue
        word, parts, articles, _sector = line.split("\t")
        rows.append((word, tuple(p.strip() for p in parts.split("+")), tuple(articles.split(","))))
    return rows


def test_list_is_large_enough() -> None:
    rows = _rows()
    assert len(rows) >= 100
    assert len({word for word, _, _ in rows}) == len(rows)


def test_split_accuracy_on_workplace_compounds(lexicon: Lexicon) -> None:
    rows = _rows()
    wrong = [
        (word, parts, split_compound(word, lexicon))
        for word, parts, _ in rows
        if tuple(p.lower() for p in split_compound(word, lexicon))
        != tuple(p.lower() for p in parts)
    ]
    accuracy = 1 - len(wrong) / len(rows)
    assert accuracy >= 0.90, f"split accuracy {accuracy:.1%}; wrong: {wrong}"


def test_article_accuracy_on_workplace_compounds(fallback_analyzer: Analyzer) -> None:
    rows = _rows()
    wrong = []
    for word, _, articles in rows:
        words = [t for t in fallback_analyzer.analyze(word).tokens if t.kind == "word"]
        got = words[0].articles if len(words) == 1 else ()
        if set(got) != set(articles):
            wrong.append((word, articles, got))
    accuracy = 1 - len(wrong) / len(rows)
    assert accuracy >= 0.95, f"article accuracy {accuracy:.1%}; wrong: {wrong}"


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("truckførerbevis", ("truck", "fører", "bevis")),
        ("lagermedarbeider", ("lager", "medarbeider")),
        ("truckførerbeviset", ("truck", "fører", "bevis")),
        ("arbeidsklær", ("arbeid", "klær")),
        ("bussjåfør", ("buss", "sjåfør")),
        ("HMS-rutiner", ("HMS", "rutine")),
    ],
)
def test_known_splits(lexicon: Lexicon, word: str, parts: tuple[str, ...]) -> None:
    assert split_compound(word, lexicon) == parts


@pytest.mark.parametrize(
    "word", ["bord", "stilling", "medarbeider", "utgang", "sikkerhet", "levering", "", "og"]
)
def test_simple_words_are_not_split(lexicon: Lexicon, word: str) -> None:
    assert split_compound(word, lexicon) == ()


def test_unknown_compound_takes_head_paradigm(lexicon: Lexicon) -> None:
    found = analyze_compound("hyllekantene", lexicon)
    assert found is not None
    assert found.lemma == "hyllekant"
    assert found.head.lemma == "kant"
    assert found.head.articles == ("en",)
    assert found.head_key == "pl_def"
    assert analyze_compound("qqqxxzzz", lexicon) is None
