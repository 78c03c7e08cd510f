"""Tests for progress.estimator: the item-response skill estimate."""

from __future__ import annotations

import json
import random
from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from progress import estimator
from progress.errors import InvalidAnswerError, InvalidStateError, UnknownLevelError
from progress.estimator import (
    BANDS,
    EVIDENCE_CEILINGS,
    MIN_SENTENCE_ANSWERS,
    SENTENCE,
    WORD,
    Answer,
    SkillEstimate,
    SkillState,
    band_of,
    estimate,
    estimate_answers,
    evidence_ceiling,
    initial_state,
    item_difficulty,
    progress_toward,
    update,
    update_skills,
)


def _mixed_answers(n_right: int, n_total: int = 20) -> list[Answer]:
    """Answers on B1 cloze items, the first ``n_right`` right."""
    return [
        Answer(kind="cloze", level="B1", score=1.0 if i < n_right else 0.0, sentence_words=8)
        for i in range(n_total)
    ]


def test_item_difficulty_orders_levels_length_and_kind() -> None:
    levels = [item_difficulty(lvl, kind="cloze") for lvl in ("A1", "A2", "B1", "B2", "B2+")]
    assert levels == sorted(levels) and len(set(levels)) == 5
    short = item_difficulty("B1", sentence_words=4, kind="cloze")
    long = item_difficulty("B1", sentence_words=18, kind="cloze")
    assert short < item_difficulty("B1", kind="cloze") < long
    # length effect is bounded: a 60-word sentence does not jump two bands
    assert item_difficulty("A1", sentence_words=60, kind="cloze") < item_difficulty(
        "B1", kind="cloze"
    )
    assert item_difficulty("B1", kind="meaning") < item_difficulty("B1", kind="dictation")


def test_single_word_items_are_capped_below_b2() -> None:
    assert item_difficulty("B2", kind="typed", single_word=True) <= item_difficulty(
        "B1", kind="typed"
    )
    assert item_difficulty("A1", kind="meaning", single_word=True) == item_difficulty(
        "A1", kind="meaning"
    )


@pytest.mark.parametrize(("kind", "options"), [("meaning", 4), ("typed", 0), ("listening", 3)])
def test_many_right_single_word_answers_at_b2_do_not_give_b2(kind: str, options: int) -> None:
    word = Answer(kind=kind, level="B2", score=1.0, options=options, single_word=True)
    state = initial_state(update_skills({}, word).popitem()[0])
    for n in range(1, 201):
        state = update(state, word)
        if n in (20, 200):
            assert estimate(state).level in {"A2", "B1"}


def test_sentence_level_evidence_still_reaches_b2_after_word_answers() -> None:
    state = initial_state("reading")
    for _ in range(200):
        state = update(state, Answer(kind="meaning", level="B2", score=1.0, single_word=True))
    assert estimate(state).level == "A2"  # the word cap
    for _ in range(30):
        state = update(state, Answer(kind="reading", level="B2", score=1.0, sentence_words=14))
    assert estimate(state).level == "B2"


def test_the_word_cap_is_a2_and_sentences_are_not_capped() -> None:
    assert EVIDENCE_CEILINGS == {WORD: "A2", SENTENCE: "B2"}
    assert Answer(kind="meaning", level="A1", score=1.0, single_word=True).grain == WORD
    assert Answer(kind="dictation", level="A1", score=1.0, sentence_words=6).grain == SENTENCE


#: Word-level exercise kinds per skill, with their number of options (0: typed).
_WORD_KINDS = {
    "listening": (("listening", 3), ("listening", 0)),
    "reading": (("meaning", 4), ("meaning", 0), ("cloze", 0)),
    "writing": (("typed", 0),),
}


def _word_answers(skill: str, n: int, *, share_right: float, seed: int) -> list[Answer]:
    """``n`` word-level answers for ``skill`` at every word level, about ``share_right`` right."""
    rng = random.Random(seed)
    answers = []
    for _ in range(n):
        kind, options = rng.choice(_WORD_KINDS[skill])
        answers.append(
            Answer(
                kind=kind,
                level=rng.choice(("A1", "A2", "B1", "B2", "B2+")),
                score=1.0 if rng.random() < share_right else 0.0,
                options=options,
                single_word=True,
            )
        )
    return answers


@pytest.mark.parametrize("skill", sorted(_WORD_KINDS))
@pytest.mark.parametrize("share_right", [0.65, 0.7, 1.0])
@pytest.mark.parametrize("prior_theta", [None, 1.5])  # a high mapping result does not lift it
def test_many_right_word_answers_alone_give_at_most_the_cap(
    skill: str, share_right: float, prior_theta: float | None
) -> None:
    """UX review item 4: two weeks of word exercises at 65-70 % right showed B2."""
    cap = EVIDENCE_CEILINGS[WORD]
    state = initial_state(skill, prior_theta=prior_theta)
    for n, answer in enumerate(_word_answers(skill, 600, share_right=share_right, seed=3), 1):
        state = update(state, answer)
        if n in (20, 150, 600):
            est = estimate(state)
            assert est.level == cap, (n, est)
            assert est.band_probabilities["B1"] == est.band_probabilities["B2"] == 0.0
            assert progress_toward(est.theta, "B1") < 1.0
            assert evidence_ceiling(state) == cap
    assert estimate(state).capped
    assert estimate(state).cap_note_nb() == (
        "Oppgaver med ett ord viser høyst A2. Øv med hele setninger for å vise mer."
    )


def test_word_answers_still_tell_a1_from_a2() -> None:
    weak = estimate_answers("reading", _word_answers("reading", 150, share_right=0.2, seed=5))
    strong = estimate_answers("reading", _word_answers("reading", 150, share_right=0.7, seed=5))
    assert weak.level == "A1" and not weak.capped
    assert strong.level == "A2" and strong.theta > weak.theta + 0.5


def test_sentence_level_evidence_reaches_b1_after_word_answers() -> None:
    state = initial_state("listening")
    for answer in _word_answers("listening", 300, share_right=0.7, seed=8):
        state = update(state, answer)
    assert estimate(state).level == "A2"
    # A learner in B1: A2 sentences right, B1 sentences half right, B2 sentences wrong.
    pattern = [("A2", 1.0), ("B1", 1.0), ("B1", 0.0), ("B2", 0.0), ("A2", 1.0), ("B1", 0.0)]
    for i in range(4 * len(pattern)):
        level, score = pattern[i % len(pattern)]
        answer = Answer(kind="dictation", level=level, score=score, sentence_words=8)
        state = update(state, answer)
        if state.n_sentence < MIN_SENTENCE_ANSWERS:
            assert estimate(state).level == "A2", "a few sentences are not enough"
    est = estimate(state)
    assert est.level == "B1" and est.ceiling == "B1"
    assert state.n_sentence == 24 and state.n_answers == 324


def test_the_cap_note_says_what_is_missing() -> None:
    state = initial_state("oral", prior_theta=1.5)
    for _ in range(2):  # two good interview answers: sentence-level, but too few
        state = update(state, Answer(kind="interview", level="B1", score=1.0))
    est = estimate(state)
    assert est.level == "A2" and est.capped and est.n_sentence == 2
    assert est.cap_note_nb() == (
        "Svar med hele setninger så langt: 2. Det trengs 8 for å vise mer enn A2."
    )


def test_sentence_answers_alone_reach_b1_and_b2() -> None:
    pattern = (("A2", 1.0), ("B1", 1.0), ("B1", 0.0), ("B2", 0.0))
    mixed = [
        Answer(kind="reading", level=level, score=score, sentence_words=10)
        for level, score in pattern * 5
    ]
    assert estimate_answers("reading", mixed).level == "B1"
    strong = [Answer(kind="reading", level="B2", score=1.0, sentence_words=14)] * 20
    est = estimate_answers("reading", strong)
    assert est.level == "B2" and not est.capped and est.cap_note_nb() is None


def test_the_cap_table_is_the_one_knob(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = _word_answers("reading", 300, share_right=1.0, seed=2)
    assert estimate_answers("reading", answers).level == "A2"
    monkeypatch.setattr(
        estimator, "EVIDENCE_CEILINGS", MappingProxyType({WORD: "B1", SENTENCE: "B2"})
    )
    raised = estimate_answers("reading", answers)
    assert raised.level == "B1" and raised.capped and raised.ceiling == "B1"


def test_state_keeps_the_sentence_evidence_through_json() -> None:
    state = initial_state("writing")
    for i in range(MIN_SENTENCE_ANSWERS + 2):
        state = update(state, Answer(kind="typed", level="B2", score=1.0, single_word=True))
        state = update(state, Answer(kind="dictation", level="B1", score=float(i % 4 != 0)))
    restored = SkillState.from_dict(json.loads(json.dumps(state.to_dict())))
    assert restored.n_sentence == state.n_sentence == MIN_SENTENCE_ANSWERS + 2
    assert estimate(restored).level == estimate(state).level
    assert abs(estimate(restored).theta - estimate(state).theta) < 1e-3
    # A state stored before sentence evidence was tracked reads back capped.
    old = state.to_dict()
    del old["n_sentence"], old["sentence_log_posterior"]
    legacy = SkillState.from_dict(old)
    assert legacy.n_sentence == 0 and estimate(legacy).level == "A2"
    est = estimate(state)
    assert SkillEstimate.from_dict(est.to_dict()) == SkillEstimate.from_dict(
        json.loads(json.dumps(est.to_dict()))
    )
    with pytest.raises(InvalidStateError):
        SkillState.from_dict({**state.to_dict(), "sentence_log_posterior": [0.0] * 3})
    with pytest.raises(InvalidStateError):
        SkillState.from_dict({**state.to_dict(), "n_sentence": state.n_answers + 1})


def test_item_difficulty_rejects_unknown_level() -> None:
    with pytest.raises(UnknownLevelError):
        item_difficulty("C1", kind="cloze")


def test_band_of_edges() -> None:
    assert [band_of(t) for t in (-3.0, -1.0, -0.01, 0.0, 0.99, 1.0, 3.0)] == [
        "A1",
        "A2",
        "A2",
        "B1",
        "B1",
        "B2",
        "B2",
    ]


def test_monotone_in_correctness() -> None:
    thetas = [estimate_answers("reading", _mixed_answers(k)).theta for k in range(0, 21, 4)]
    assert thetas == sorted(thetas)
    assert thetas[-1] - thetas[0] > 2.0


def test_a_right_answer_raises_and_a_wrong_one_lowers() -> None:
    start = initial_state("reading")
    base = estimate(start).theta
    item = {"kind": "cloze", "level": "B1"}
    assert estimate(update(start, Answer(score=1.0, **item))).theta > base
    assert estimate(update(start, Answer(score=0.0, **item))).theta < base
    half = estimate(update(start, Answer(score=0.5, **item))).theta
    assert (
        estimate(update(start, Answer(score=0.0, **item))).theta
        < half
        < estimate(update(start, Answer(score=1.0, **item))).theta
    )


def test_uncertainty_shrinks_with_evidence() -> None:
    state = initial_state("oral")
    ses = [estimate(state).se]
    for i in range(60):
        state = update(state, Answer(kind="interview", level="A2", score=1.0 if i % 3 else 0.0))
        if (i + 1) % 15 == 0:
            ses.append(estimate(state).se)
    assert ses == sorted(ses, reverse=True)
    assert ses[-1] < ses[0] / 2
    assert estimate(state).n_answers == 60


def test_hard_items_right_count_more_than_easy_items_right() -> None:
    n = MIN_SENTENCE_ANSWERS  # enough sentence-level answers to lift the word cap
    easy = estimate_answers("reading", [Answer(kind="cloze", level="A1", score=1.0)] * n)
    hard = estimate_answers("reading", [Answer(kind="cloze", level="B2", score=1.0)] * n)
    assert hard.theta > easy.theta + 0.3
    # and failing an easy item costs more than failing a hard one
    easy_wrong = estimate_answers("reading", [Answer(kind="cloze", level="A1", score=0.0)] * n)
    hard_wrong = estimate_answers("reading", [Answer(kind="cloze", level="B2", score=0.0)] * n)
    assert easy_wrong.theta < hard_wrong.theta


def test_guessable_items_count_less() -> None:
    open_item = estimate_answers("reading", [Answer(kind="meaning", level="B1", score=1.0)] * 5)
    multiple_choice = estimate_answers(
        "reading", [Answer(kind="meaning", level="B1", score=1.0, options=3)] * 5
    )
    assert multiple_choice.theta < open_item.theta


def test_deterministic_and_input_unchanged() -> None:
    answers = _mixed_answers(13)
    first = estimate_answers("reading", answers)
    second = estimate_answers("reading", answers)
    assert first == second
    state = initial_state("reading")
    before = state.log_posterior
    update(state, answers[0])
    assert state.log_posterior == before and state.n_answers == 0


def test_recovers_band_of_consistent_learner() -> None:
    # a learner in the middle of B1: A1 and A2 right, half of B1 right, B2 mostly wrong
    answers = []
    for i in range(12):
        pattern = (("A1", 1.0), ("A2", 1.0), ("B1", float(i % 2)), ("B2", float(i % 5 == 0)))
        answers.extend(Answer(kind="cloze", level=lvl, score=score) for lvl, score in pattern)
    est = estimate_answers("reading", answers)
    assert est.level == "B1"
    assert est.confidence > 0.6
    assert abs(sum(est.band_probabilities.values()) - 1.0) < 1e-9
    assert set(est.band_probabilities) == set(BANDS)


def test_state_roundtrip_through_json() -> None:
    state = initial_state("writing")
    for answer in _mixed_answers(7, 12):
        state = update(state, Answer(kind="typed", level=answer.level, score=answer.score))
    restored = SkillState.from_dict(json.loads(json.dumps(state.to_dict())))
    assert restored.n_answers == 12 and restored.skill == "writing"
    a, b = estimate(state), estimate(restored)
    assert abs(a.theta - b.theta) < 1e-3 and abs(a.se - b.se) < 1e-3
    # and it keeps updating after the roundtrip
    assert update(restored, Answer(kind="typed", level="A1", score=1.0)).n_answers == 13


def test_estimate_roundtrip_and_summary() -> None:
    est = estimate_answers("oral", [Answer(kind="situation", level="A2", score=1.0)] * 4)
    assert SkillEstimate.from_dict(est.to_dict()).level == est.level
    assert est.summary_nb().startswith(f"{est.level}, basert på 4 svar (")
    assert estimate(initial_state("oral")).summary_nb() == "Ingen svar ennå"


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"version": 1, "skill": "reading", "n_answers": 0, "log_posterior": [0.0] * 3},
        {"version": 99, "skill": "reading", "n_answers": 0, "log_posterior": [0.0] * 161},
        {"version": 1, "skill": "dancing", "n_answers": 0, "log_posterior": [0.0] * 161},
    ],
)
def test_bad_state_raises(data: dict[str, object]) -> None:
    with pytest.raises(InvalidStateError):
        SkillState.from_dict(data)


def test_bad_answers_raise() -> None:
    state = initial_state("reading")
    with pytest.raises(InvalidAnswerError):
        update(state, Answer(kind="cloze", level="A1", score=1.5))
    with pytest.raises(InvalidAnswerError):
        update(state, Answer(kind="interview", level="A1", score=1.0))  # oral, not reading
    with pytest.raises(InvalidAnswerError):
        update(state, Answer(kind="meaning", level="A1", score=1.0, options=1))


def test_update_skills_routes_dictation_to_two_skills() -> None:
    states = update_skills({}, Answer(kind="dictation", level="A2", score=1.0, sentence_words=6))
    assert set(states) == {"listening", "writing"}
    states = update_skills(states, Answer(kind="cloze", level="A2", score=0.0))
    assert states["listening"].n_answers == 1 and states["reading"].n_answers == 1


def test_prior_from_mapping_moves_the_start() -> None:
    low = estimate(initial_state("reading", prior_theta=-1.5))
    high = estimate(initial_state("reading", prior_theta=1.5))
    # A high prior (the mapping's vocabulary check) is word-level evidence: capped at A2.
    assert low.level == "A1" and high.level == "A2" and high.capped
    assert low.n_answers == 0
    # Sentence-level answers lift the cap, and the high prior still counts above it.
    answers = [Answer(kind="reading", level="B1", score=1.0, sentence_words=10)] * 10
    assert (
        estimate_answers("reading", answers, prior_theta=1.5).theta
        > estimate_answers("reading", answers, prior_theta=-1.5).theta
    )


def test_progress_toward_target() -> None:
    assert progress_toward(-2.5, "B1") == 0.0
    assert progress_toward(0.0, "B1") == 1.0
    assert 0.0 < progress_toward(-1.0, "B1") < 1.0
    assert progress_toward(-1.0, "A2") == 1.0


_LEVELS = ("A1", "A2", "B1", "B2", "B2+")
_KINDS = ("cloze", "meaning", "reading")


@settings(max_examples=40, deadline=None, database=None)
@given(
    items=st.lists(
        st.tuples(
            st.sampled_from(_LEVELS),
            st.sampled_from(_KINDS),
            st.integers(min_value=0, max_value=25),
            st.sampled_from((0.0, 0.5, 1.0)),
        ),
        min_size=1,
        max_size=25,
    ),
    flip=st.integers(min_value=0, max_value=24),
)
def test_property_better_answer_never_lowers_the_estimate(
    items: list[tuple[str, str, int, float]], flip: int
) -> None:
    answers = [Answer(kind=k, level=lvl, score=s, sentence_words=w) for lvl, k, w, s in items]
    i = flip % len(answers)
    better = list(answers)
    better[i] = Answer(
        kind=answers[i].kind,
        level=answers[i].level,
        score=min(1.0, answers[i].score + 0.5),
        sentence_words=answers[i].sentence_words,
    )
    base = estimate_answers("reading", answers)
    improved = estimate_answers("reading", better)
    assert improved.theta >= base.theta - 1e-9
    assert base.n_answers == improved.n_answers == len(answers)
