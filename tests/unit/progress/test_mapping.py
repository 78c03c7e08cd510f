"""Tests for progress.mapping: the adaptive vocabulary check and sector suggestions."""

from __future__ import annotations

import math
import random

import pytest

from progress.errors import InvalidAnswerError, InvalidStateError
from progress.estimator import BANDS, DEFAULT_CONFIG, estimate
from progress.mapping import (
    SECTORS,
    CheckState,
    MappingResult,
    check_result,
    initial_states,
    load_word_bank,
    next_item,
    record,
    start_check,
    suggest_sectors,
    word_difficulty,
)


def _run(theta: float, *, guess: float = 0.03, seed: int = 1, sectors: tuple[str, ...] = ()):
    """Simulate a participant of ability ``theta`` who says yes to pseudo-words at ``guess``."""
    bank = load_word_bank()
    rng = random.Random(seed)
    state = start_check(sectors=sectors, seed=seed)
    shown = []
    while (item := next_item(state)) is not None:
        shown.append(item)
        if item.is_pseudo:
            knows = rng.random() < guess
        else:
            entry = bank.real(item.word)
            assert entry is not None
            p = 1 / (1 + math.exp(-1.7 * (theta - entry.difficulty)))
            knows = rng.random() < guess + (1 - guess) * p
        state = record(state, item.word, knows=knows)
    return check_result(state), state, shown


def test_word_bank_is_real_norwegian_by_frequency() -> None:
    from wordfreq import zipf_frequency

    bank = load_word_bank()
    assert len(bank.words) >= 80 and len(bank.pseudo) >= 12
    assert {w.band for w in bank.words} == set(BANDS)
    assert {w.sector for w in bank.words} >= set(SECTORS)
    for word in bank.words:
        assert word.zipf > 1.5, word.word  # wordfreq knows it as Bokmål
    # authored bands follow frequency: mean zipf falls from A1 to B2
    means = [
        sum(w.zipf for w in bank.words if w.band == b) / sum(1 for w in bank.words if w.band == b)
        for b in BANDS
    ]
    assert means == sorted(means, reverse=True)
    for pseudo in bank.pseudo:
        assert zipf_frequency(pseudo, "nb") == 0.0, pseudo
        assert zipf_frequency(pseudo, "en") == 0.0, pseudo
    assert not set(bank.pseudo) & {w.word for w in bank.words}


def test_word_difficulty_falls_with_frequency() -> None:
    assert word_difficulty(6.0) < word_difficulty(5.0) < word_difficulty(4.0) < word_difficulty(3.0)
    assert word_difficulty(0.0, band="A2") == -0.5


@pytest.mark.parametrize(("theta", "band"), [(-1.8, "A1"), (-0.5, "A2"), (0.5, "B1"), (1.7, "B2")])
def test_recovers_level_within_one_band(theta: float, band: str) -> None:
    hits = 0
    for seed in range(10):
        result, _, _ = _run(theta, seed=seed)
        hits += abs(BANDS.index(result.level) - BANDS.index(band)) <= 1
    assert hits >= 9


def test_short_check_with_pseudo_words_and_no_repeats() -> None:
    _, state, shown = _run(0.0, seed=3)
    assert 20 <= len(shown) <= 30
    words = [i.word for i in shown]
    assert len(set(words)) == len(words)
    assert 4 <= sum(i.is_pseudo for i in shown) <= 8


def test_adaptive_strong_participant_gets_harder_words() -> None:
    bank = load_word_bank()
    _, _, strong = _run(2.0, seed=4)
    _, _, weak = _run(-2.0, seed=4)

    def mean_difficulty(items: list) -> float:
        real = [bank.real(i.word) for i in items[6:] if not i.is_pseudo]
        return sum(e.difficulty for e in real if e is not None) / len(real)

    assert mean_difficulty(strong) > mean_difficulty(weak) + 1.0


def test_sector_words_preferred() -> None:
    bank = load_word_bank()
    _, _, shown = _run(0.8, seed=5, sectors=("helse",))
    sectors = [bank.real(i.word).sector for i in shown if not i.is_pseudo]  # type: ignore[union-attr]
    others = [s for s in sectors if s not in ("helse", "generell")]
    assert sectors.count("helse") >= 4
    assert len(others) < sectors.count("helse")


def test_guessing_is_caught() -> None:
    result, _, _ = _run(-1.5, guess=0.9, seed=2)
    assert not result.reliable and result.confidence_nb == "lav"
    assert "oppdiktede ord" in result.summary_nb()
    honest, _, _ = _run(-1.5, guess=0.0, seed=2)
    assert honest.reliable


def test_deterministic_given_seed() -> None:
    assert _run(0.3, seed=9)[2] == _run(0.3, seed=9)[2]


def test_state_and_result_roundtrip() -> None:
    result, state, _ = _run(0.5, seed=6)
    assert CheckState.from_dict(state.to_dict()) == state
    restored = MappingResult.from_dict(result.to_dict())
    assert (restored.level, restored.n_items, restored.false_alarms) == (
        result.level,
        result.n_items,
        result.false_alarms,
    )
    assert abs(restored.theta - result.theta) < 1e-3
    fixed = result.corrected("A1")
    assert fixed.level == "A1" and fixed.corrected_by_teacher
    assert fixed.confidence_nb == "satt av lærer"
    assert fixed.summary_nb() == "Startnivå A1 (satt av lærer)"
    assert result.summary_nb().startswith(f"Startnivå {result.level} (pålitelighet: ")


def test_seeds_skill_estimates() -> None:
    result, _, _ = _run(1.7, seed=7)
    states = initial_states(result)
    assert set(states) == {"listening", "reading", "writing", "oral"}
    # The prior is centred high ...
    reading = states["reading"]
    peak = max(range(len(reading.log_posterior)), key=reading.log_posterior.__getitem__)
    assert DEFAULT_CONFIG.grid()[peak] > 0.5
    # ... but a vocabulary check is word-level evidence: alone it shows A2 at most.
    est = estimate(reading)
    assert est.n_answers == 0 and est.level == "A2" and est.capped


def test_bad_input_raises() -> None:
    state = start_check(seed=1)
    with pytest.raises(InvalidAnswerError):
        record(state, "ikkeetord", knows=True)
    item = next_item(state)
    assert item is not None
    state = record(state, item.word, knows=True)
    with pytest.raises(InvalidAnswerError):
        record(state, item.word, knows=True)
    with pytest.raises(InvalidStateError):
        start_check(sectors=("romfart",))
    with pytest.raises(InvalidStateError):
        CheckState.from_dict({"version": 9})


@pytest.mark.parametrize(
    ("background", "expected_first"),
    [
        ("sykepleier", "helse"),
        ("Jeg jobbet som kokk på en restaurant", "kjøkken"),
        ("lærer i barneskolen", "skole"),
        ("lastebilsjåfør i ti år", "transport"),
        ("Jobbet i butikk og på kassa", "butikk"),
        ("I was a nurse in Eritrea", "helse"),
        ("cleaner at a hotel", "renhold"),
        ("warehouse worker, forklift", "lager"),
        ("snekker", "bygg"),
        ("barnehageassistent", "barnehage"),
    ],
)
def test_suggest_sectors_from_free_text(background: str, expected_first: str) -> None:
    assert suggest_sectors(background)[0] == expected_first


def test_suggest_sectors_weights_wanted_work() -> None:
    suggestions = suggest_sectors(
        {
            "previous_occupation": "Sykepleier",
            "education": "videregående skole",
            "wanted_work": ["kokk", "kantine"],
        }
    )
    assert suggestions == ["kjøkken", "helse"]
    assert suggest_sectors("") == []
    assert suggest_sectors({"previous_occupation": "kollega"}) == []


def test_word_bank_against_the_dictionary() -> None:
    lexicon_module = pytest.importorskip("language_profiles.lexicon")
    compounds = pytest.importorskip("language_profiles.compounds")
    try:
        lexicon = lexicon_module.load_lexicon()
    except lexicon_module.LexiconError as e:
        pytest.skip(f"Bokmålsordboka index not available: {e}")
    bank = load_word_bank()
    invented = [p for p in bank.pseudo if lexicon.is_word(p)]
    assert invented == [], "pseudo-words must not be dictionary words"
    unknown = [
        w.word
        for w in bank.words
        if not lexicon.is_word(w.word) and not compounds.split_compound(w.word, lexicon)
    ]
    assert unknown == []
