"""The readable test table tests/data/feedback_sentences.tsv, run with every available analyzer."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from interviews.feedback import HINT_CHECKS, check_text, rewrite
from language_profiles.analyzer import Analyzer
from language_profiles.lexicon import Lexicon

TABLE = Path(__file__).resolve().parents[2] / "data" / "feedback_sentences.tsv"


def load_table() -> list[tuple[str, str, tuple[str, ...]]]:
    """Rows of tests/data/feedback_sentences.tsv: (sentence, check or "-", accepted fixes)."""
    rows = []
    for line in TABLE.read_text(encoding="utf-8").splitlines()[1:]:
        if not line.strip() or line.startswith("#"):
            continue
        sentence, check, suggestion = line.split("\t")
        accepted = tuple(s.strip() for s in suggestion.split("|")) if suggestion != "-" else ()
        rows.append((sentence, check, accepted))
    return rows


ROWS = load_table()
CORRECT = [r for r in ROWS if r[1] == "-"]
ERRORS = [r for r in ROWS if r[1] != "-"]


def _errors(sentence: str, analyzer: Analyzer, lexicon: Lexicon) -> tuple[set[str], str]:
    feedback = check_text(sentence, analyzer=analyzer, lexicon=lexicon)
    found = {p.check for p in feedback.problems if p.check not in HINT_CHECKS}
    return found, rewrite(feedback.text, feedback.problems)


def test_table_is_balanced_and_large_enough() -> None:
    assert len(ROWS) >= 60
    assert len(CORRECT) >= len(ROWS) // 2 - 5
    checks = Counter(r[1] for r in ERRORS)
    assert {"v2", "article", "subject", "finite_verb", "spelling"} <= set(checks)
    assert all(r[2] for r in ERRORS), "every error row needs the corrected sentence"


@pytest.mark.parametrize("sentence", [r[0] for r in CORRECT])
def test_correct_sentence_gets_no_error(
    sentence: str, analyzer: Analyzer, lexicon: Lexicon
) -> None:
    found, _ = _errors(sentence, analyzer, lexicon)
    assert found == set(), f"false alarm on a correct sentence: {found}"


@pytest.mark.parametrize(("sentence", "check", "accepted"), ERRORS)
def test_error_sentence_gets_only_the_right_check_and_fix(
    sentence: str, check: str, accepted: tuple[str, ...], analyzer: Analyzer, lexicon: Lexicon
) -> None:
    found, fixed = _errors(sentence, analyzer, lexicon)
    assert found <= {check}, f"wrong check(s) {found - {check}} for a {check} error"
    if found:
        assert fixed in accepted


@pytest.mark.parametrize("check", ["v2", "article"])
def test_recall_target_for_v2_and_article(check: str, analyzer: Analyzer, lexicon: Lexicon) -> None:
    rows = [r for r in ERRORS if r[1] == check]
    hits = sum(check in _errors(r[0], analyzer, lexicon)[0] for r in rows)
    assert hits / len(rows) >= 0.70
