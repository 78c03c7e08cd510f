"""The level estimate against the scenarios' own model answers, and plain words for learners.

The model answers are what the product shows under "A2" and "B1", so an answer identical to
the model answer at level X must be estimated at X or higher (B1 answers may get B1+: the
estimate says "omtrent", and over-rating a B1 model answer does not tell the learner anything
false about the A2/B1 step).  To keep that from being met by rating everything high, the A2
model answers must stay A2 and weak answers A1.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from interviews.application import PART_LABELS, check_application
from interviews.feedback import CHECK_LABELS, check_text, estimate_level
from interviews.scenarios import (
    get_scenario,
    load_question_bank,
    load_workplace_scenarios,
    questions_from_profile,
)
from interviews.scoring import assess_answer
from language_profiles.analyzer import Analyzer
from language_profiles.lexicon import Lexicon
from language_profiles.profile import Profile, Term

ORDER = {"A1": 0, "A2": 1, "B1": 2, "B1+": 3}
#: Grammar words a learner with A1–B1 Norwegian does not know.
JARGON = (
    "leddsetning", "perfektum", "presens", "preteritum", "infinitiv", "partisipp", "subjekt",
    "substantiv", "adjektiv", "ordstilling", "flertall", "entall", "grunnform", "kjønn",
    "inversjon", "spørreord", "verbform", "snitt", "utfyllende",
)

PROFILE = Profile(
    name="Lager AS",
    sector="Lager og logistikk",
    terms=(
        Term(lemma="varemottak", pos="NOUN", articles=("et",), score=9.0, safety=True,
             forms={"sg_indef": ("varemottak",), "sg_def": ("varemottaket",)}),
        Term(lemma="pall", pos="NOUN", articles=("en",), score=8.0,
             forms={"sg_indef": ("pall",), "sg_def": ("pallen",)}),
        Term(lemma="plukke", pos="VERB", score=7.0,
             forms={"inf": ("plukke",), "pres": ("plukker",)}),
    ),
)


def _model_answers() -> list[tuple[str, str, str]]:
    """(turn id, level, text) of every built-in and generated model answer."""
    turns = [
        *load_question_bank(),
        *(t for s in load_workplace_scenarios() for t in s.turns),
        *questions_from_profile(PROFILE),
    ]
    return [(t.id, level, text) for t in turns for level, text in sorted(t.model_answers.items())]


MODEL_ANSWERS = _model_answers()
IDS = [f"{turn_id}-{level}" for turn_id, level, _ in MODEL_ANSWERS]


def _level(text: str, analyzer: Analyzer, lexicon: Lexicon) -> str:
    analysis = analyzer.analyze(text)
    return estimate_level(analysis.text, analysis, lexicon=lexicon)[0]


def _spoken(text: str) -> str:
    """The answer as speech recognition gives it: lower case, no punctuation."""
    return re.sub(r"[.,!?:;«»]", "", text).lower()


def test_every_model_answer_is_checked() -> None:
    levels = Counter(level for _, level, _ in MODEL_ANSWERS)
    assert levels["A2"] >= 80 and levels["B1"] >= 80


@pytest.mark.parametrize(("turn_id", "level", "text"), MODEL_ANSWERS, ids=IDS)
def test_model_answer_is_not_rated_below_its_level(
    turn_id: str, level: str, text: str, analyzer: Analyzer, lexicon: Lexicon
) -> None:
    estimate = _level(text, analyzer, lexicon)
    assert ORDER[estimate] >= ORDER[level], f"the {level} model answer is rated {estimate}"


@pytest.mark.parametrize(("turn_id", "level", "text"), MODEL_ANSWERS, ids=IDS)
def test_spoken_model_answer_is_not_rated_below_its_level(
    turn_id: str, level: str, text: str, analyzer: Analyzer, lexicon: Lexicon
) -> None:
    estimate = _level(_spoken(text), analyzer, lexicon)
    assert ORDER[estimate] >= ORDER[level], f"the spoken {level} answer is rated {estimate}"


def test_a2_model_answers_are_not_rated_b1(analyzer: Analyzer, lexicon: Lexicon) -> None:
    levels = Counter(
        _level(text, analyzer, lexicon) for _, level, text in MODEL_ANSWERS if level == "A2"
    )
    assert levels["B1+"] == 0
    assert levels["A2"] >= 0.9 * sum(levels.values()), levels
    spoken = Counter(
        _level(_spoken(text), analyzer, lexicon)
        for _, level, text in MODEL_ANSWERS
        if level == "A2"
    )
    assert spoken["B1+"] == 0
    assert spoken["A2"] >= 0.8 * sum(spoken.values()), spoken


def test_an_answer_identical_to_the_a2_model_answer_is_rated_a2(
    analyzer: Analyzer, lexicon: Lexicon
) -> None:
    # The closing question of every interview; its A2 answer was rated "Nivå: omtrent A1".
    turn = get_scenario("sporsmal_til_oss").turns[0]
    feedback = assess_answer(
        turn, turn.model_answers["A2"], profile_terms=(), analyzer=analyzer, lexicon=lexicon
    )
    assert feedback.level == "A2"
    assert "Nivå: omtrent A2." in feedback.messages


@pytest.mark.parametrize(
    "text",
    [
        "Ja.",
        "Lager.",
        "Ali. Oslo. Lager.",
        "Ali. Oslo. Lager. Jeg jobber.",
        "Jeg jobber på lager.",
        "ja lager truck",
        "I går jeg jobbe lager. Jeg ikke forstå sjef. Han snakke fort.",
    ],
)
def test_weak_answers_stay_a1(text: str, analyzer: Analyzer, lexicon: Lexicon) -> None:
    assert _level(text, analyzer, lexicon) == "A1"


def test_short_complete_sentences_are_a2(analyzer: Analyzer, lexicon: Lexicon) -> None:
    assert _level("Ja. Jeg skriver det nå.", analyzer, lexicon) == "A2"
    assert _level("Jeg flyttet til Norge. Derfor sluttet jeg.", analyzer, lexicon) == "A2"


def test_a_long_run_without_verbs_is_not_b1(analyzer: Analyzer, lexicon: Lexicon) -> None:
    text = "jeg liker jobb fordi penger bra og sjef snill og kolleger hyggelig og jeg glad"
    assert ORDER[_level(text, analyzer, lexicon)] <= ORDER["A2"]


def test_level_reasons_use_plain_words_and_the_learners_own_words(
    analyzer: Analyzer, lexicon: Lexicon
) -> None:
    reasons = []
    for _, _, text in MODEL_ANSWERS[::3]:
        analysis = analyzer.analyze(text)
        reasons += estimate_level(analysis.text, analysis, lexicon=lexicon)[1]
    joined = " ".join(reasons).lower()
    assert not [j for j in JARGON if j in joined]
    analysis = analyzer.analyze("Før jobbet jeg på et lager. Nå jobber jeg i en butikk.")
    _, reasons = estimate_level(analysis.text, analysis, lexicon=lexicon)
    assert "Du forteller om før og nå: «jobbet» og «jobber»." in reasons


ERROR_TEXTS = (
    "I går jeg jobbet på lageret.",
    "Når jeg kommer hjem jeg lager mat.",
    "Når jeg kommer hjem, jeg lager mat.",
    "Hvor du jobber?",
    "Jeg ikke forstår.",
    "Jeg søker jobben og derfor jeg er motivert.",
    "Jobber på lager hver dag.",
    "I dag jobber på lager.",
    "Jeg jobbe på lager.",
    "Jeg glad i dag.",
    "Sjefen min veldig snill.",
    "Jeg kan jobber i helgen.",
    "Jeg har jobbe der.",
    "Vi har et hylle.",
    "Min hus er stort.",
    "Jeg har en bilen.",
    "Lageret er stor.",
    "Vi har et stor lager.",
    "Jeg har to uke ferie.",
    "Eh, jeg jobbr på lager.",
    "Jeg jobbet på et lager i fem år og jeg likte det veldig godt fordi kollegene var "
    "hyggelige og sjefen var snill og vi hadde mye å gjøre hele tiden hver eneste dag.",
)


def _pairs(text: str) -> set[str]:
    words = re.sub(r"[^\wæøå ]", " ", text.lower()).split()
    return {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}


def test_problem_title_and_message_do_not_repeat_each_other(
    analyzer: Analyzer, lexicon: Lexicon
) -> None:
    problems = [
        p for text in ERROR_TEXTS
        for p in check_text(text, analyzer=analyzer, lexicon=lexicon).problems
    ]
    assert len({p.check for p in problems}) >= 9
    for problem in problems:
        title = CHECK_LABELS[problem.check].split("(")[0]
        assert not _pairs(title) & _pairs(problem.message), (title, problem.message)
        first = title.split()[0].lower()
        assert not problem.message.lower().startswith(first), (title, problem.message)


def test_learner_texts_use_no_grammar_words(analyzer: Analyzer, lexicon: Lexicon) -> None:
    texts = [*CHECK_LABELS.values(), *PART_LABELS.values()]
    texts += [
        p.message for text in ERROR_TEXTS
        for p in check_text(text, analyzer=analyzer, lexicon=lexicon).problems
    ]
    letter = check_application("Jeg jobbet på lager.", analyzer=analyzer, lexicon=lexicon)
    texts += [*letter.messages, *letter.level_reasons]
    turn = get_scenario("lost_problem").turns[0]
    answer = assess_answer(
        turn, "Eh, i går jeg jobbe lager.", profile_terms=(), analyzer=analyzer, lexicon=lexicon
    )
    texts += [*answer.messages, *answer.level_reasons]
    found = [(j, t) for t in texts for j in JARGON if j in t.lower()]
    assert found == []
