"""Behaviour of the sentence checks, the rewrite, the level estimate and the command line."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from interviews.feedback import (
    CHECKS,
    Problem,
    check_analysis,
    check_text,
    estimate_level,
    main,
    rewrite,
)
from interviews.scenarios import load_question_bank
from language_profiles.analyzer import Analyzer
from language_profiles.lexicon import Lexicon

ROOT = Path(__file__).resolve().parents[3]


def _checks(text: str, analyzer: Analyzer, lexicon: Lexicon) -> list[str]:
    return [p.check for p in check_text(text, analyzer=analyzer, lexicon=lexicon).problems]


def test_v2_problem_has_span_message_and_fix(analyzer: Analyzer, lexicon: Lexicon) -> None:
    feedback = check_text("I går jeg jobbet på lageret.", analyzer=analyzer, lexicon=lexicon)
    (problem,) = feedback.problems
    assert problem.check == "v2"
    assert feedback.text[problem.span[0] : problem.span[1]] == "jeg jobbet"
    assert problem.suggestion == "I går jobbet jeg"
    assert problem.message == "Setningen begynner med «I går». Da kommer verbet «jobbet» før «jeg»."
    assert feedback.rewritten == "I går jobbet jeg på lageret."


def test_both_feminine_and_masculine_articles_are_accepted(
    analyzer: Analyzer, lexicon: Lexicon
) -> None:
    assert _checks("Vi har ei hylle og en hylle.", analyzer, lexicon) == []
    feedback = check_text("Vi har et hylle.", analyzer=analyzer, lexicon=lexicon)
    (problem,) = feedback.problems
    assert problem.check == "article"
    assert problem.suggestion == "ei/en hylle"
    assert problem.replacements == ("ei hylle", "en hylle")


def test_neuter_noun_needs_et(analyzer: Analyzer, lexicon: Lexicon) -> None:
    feedback = check_text("Det står en bord i kantina.", analyzer=analyzer, lexicon=lexicon)
    assert [p.suggestion for p in feedback.problems] == ["et bord"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Kan jeg hjelpe deg?",
        "Hvor er garderoben?",
        "Husk å bruke vernesko.",
        "Hvis det brenner, ring 110.",
        "Når jeg kommer hjem, lager jeg mat.",
        "Jeg søker fordi jeg liker å jobbe med mennesker.",
        "Amina begynte hos Rema 1000 i 2021.",
        "Jeg har truckførerbevis og hjullasterbevis.",
        "Kanskje jeg kan bytte vakt med deg.",
        "Det er kunden som bestemmer.",
        "Jeg er glad i æ, ø og å.",
    ],
)
def test_tricky_correct_sentences_are_left_alone(
    sentence: str, analyzer: Analyzer, lexicon: Lexicon
) -> None:
    assert _checks(sentence, analyzer, lexicon) == []


def test_spelling_suggests_close_words_and_restores_ae_oe_aa(
    analyzer: Analyzer, lexicon: Lexicon
) -> None:
    feedback = check_text("Jeg er laerer og jobbr mye.", analyzer=analyzer, lexicon=lexicon)
    suggestions = {feedback.text[p.span[0] : p.span[1]]: p.replacements for p in feedback.problems}
    assert suggestions["laerer"][0] == "lærer"
    assert suggestions["jobbr"][0] == "jobber"


def test_missing_subject_and_missing_verb(analyzer: Analyzer, lexicon: Lexicon) -> None:
    assert _checks("Jobber på lager.", analyzer, lexicon) == ["subject"]
    feedback = check_text("Jeg jobbe på lager.", analyzer=analyzer, lexicon=lexicon)
    assert [p.check for p in feedback.problems] == ["finite_verb"]
    assert feedback.rewritten == "Jeg jobber på lager."


def test_fillers_and_long_sentences_are_hints(analyzer: Analyzer, lexicon: Lexicon) -> None:
    feedback = check_text("Ehm, jeg jobber på lager.", analyzer=analyzer, lexicon=lexicon)
    (hint,) = feedback.problems
    assert (hint.check, hint.severity) == ("filler", "hint")
    assert feedback.rewritten == "Jeg jobber på lager."
    long_text = "Jeg jobber på lager " + "og jeg liker det " * 8 + "."
    checks = _checks(long_text, analyzer, lexicon)
    assert checks == ["length"]


def test_checks_can_be_selected(analyzer: Analyzer, lexicon: Lexicon) -> None:
    analysis = analyzer.analyze("I går jeg jobbet på et kontorr.")
    only_v2 = check_analysis(analysis, lexicon=lexicon, checks=["v2"])
    assert [p.check for p in only_v2] == ["v2"]
    everything = check_analysis(analysis, lexicon=lexicon)
    assert {p.check for p in everything} == {"v2", "spelling"}
    assert set(CHECKS) >= {"v2", "finite_verb", "subject", "article", "spelling"}


def test_rewrite_applies_replacements_from_the_end_and_skips_overlaps() -> None:
    text = "I går jeg jobbet på et lagr."
    problems = [
        Problem("v2", (6, 16), "m", "I går jobbet jeg", ("jobbet jeg",)),
        Problem("spelling", (23, 27), "m", "lager", ("lager",)),
        Problem("spelling", (6, 9), "m", "x", ("overlaps",)),
        Problem("length", (0, 28), "m", "", (), "hint"),
    ]
    assert rewrite(text, problems) == "I går jobbet jeg på et lager."


def test_problem_json_shape() -> None:
    problem = Problem("article", (3, 10), "melding", "ei/en hylle", ("ei hylle", "en hylle"))
    data = problem.to_dict()
    assert data["check"] == "article"
    assert data["span"] == [3, 10]
    assert {"message", "suggestion", "replacements", "severity"} <= set(data)
    json.dumps(data)


def test_checks_are_deterministic(analyzer: Analyzer, lexicon: Lexicon) -> None:
    text = "I går jeg jobbet på et hylle. Jobber på lager."
    first = check_text(text, analyzer=analyzer, lexicon=lexicon).problems
    second = check_text(text, analyzer=analyzer, lexicon=lexicon).problems
    assert first == second and len(first) == 3


def test_level_estimate_rises_from_a2_to_b1_model_answers(
    analyzer: Analyzer, lexicon: Lexicon
) -> None:
    order = {"A1": 0, "A2": 1, "B1": 2, "B1+": 3}
    a2_levels, b1_levels = [], []
    for turn in load_question_bank():
        for level, bucket in (("A2", a2_levels), ("B1", b1_levels)):
            analysis = analyzer.analyze(turn.model_answers[level])
            estimate, reasons = estimate_level(analysis.text, analysis, lexicon=lexicon)
            assert estimate in order and reasons
            bucket.append(order[estimate])
    assert sum(b1_levels) / len(b1_levels) > sum(a2_levels) / len(a2_levels) + 0.5


def test_a2_model_answer_and_a1_phrases(analyzer: Analyzer, lexicon: Lexicon) -> None:
    a2 = analyzer.analyze("Jeg har vondt i ryggen. Jeg kan ikke jobbe i dag. Jeg tar egenmelding.")
    assert estimate_level(a2.text, a2, lexicon=lexicon)[0] == "A2"
    a1 = analyzer.analyze("Ali. Oslo. Lager.")
    assert estimate_level(a1.text, a1, lexicon=lexicon)[0] == "A1"


def test_level_reasons_use_plain_words(analyzer: Analyzer, lexicon: Lexicon) -> None:
    text = (
        "Før jobbet jeg på et lager i Bergen. Nå jobber jeg i en butikk, og jeg har lært mye. "
        "Neste år skal jeg ta fagbrev fordi jeg liker jobben godt."
    )
    analysis = analyzer.analyze(text)
    _, reasons = estimate_level(analysis.text, analysis, lexicon=lexicon)
    joined = " ".join(reasons).lower()
    for jargon in ("leddsetning", "perfektum", "presens", "preteritum", "subjekt", "snitt"):
        assert jargon not in joined
    assert any("forteller om før" in r for r in reasons)


def test_problem_messages_use_plain_words(analyzer: Analyzer, lexicon: Lexicon) -> None:
    texts = (
        "I går jeg jobbet på lageret.",
        "Når jeg kommer hjem jeg lager mat.",
        "Hvor du jobber?",
        "Jeg kan jobber i helgen.",
        "Jeg har to uke ferie.",
        "Jeg jobbe på lager.",
    )
    messages = [
        p.message.lower()
        for text in texts
        for p in check_text(text, analyzer=analyzer, lexicon=lexicon).problems
    ]
    assert messages
    for jargon in ("leddsetning", "perfektum", "presens", "infinitiv", "subjekt", "ordstilling",
                   "substantiv", "flertall"):
        assert not any(jargon in m for m in messages), jargon


def test_level_reasons_explain_short_answers(analyzer: Analyzer, lexicon: Lexicon) -> None:
    analysis = analyzer.analyze("Ja.")
    level, reasons = estimate_level(analysis.text, analysis, lexicon=lexicon)
    assert level == "A1"
    assert any("kort" in r for r in reasons)


def test_cli_main_prints_one_json_object_per_line(lexicon: Lexicon) -> None:
    out = io.StringIO()
    code = main([], stdin=io.StringIO("I går jeg jobbet.\n\nHvor er garderoben?\n"), stdout=out)
    lines = out.getvalue().splitlines()
    assert code == 0 and len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert first["sentence"] == "I går jeg jobbet."
    assert first["problems"][0]["check"] == "v2"
    assert first["problems"][0]["span"] == [6, 16]
    assert second == {"sentence": "Hvor er garderoben?", "problems": []}


@pytest.mark.slow
def test_cli_module_runs_as_a_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "interviews.feedback"],
        input="Vi har et hylle.\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=True,
    )
    record = json.loads(result.stdout.splitlines()[0])
    assert record["problems"][0]["check"] == "article"


# --------------------------------------------------------------------------- pure logic on fakes


@dataclass(frozen=True)
class FakeEntry:
    lemma: str
    pos: str
    articles: tuple[str, ...] = ()
    forms: dict[str, tuple[str, ...]] = field(default_factory=dict)


class FakeLexicon:
    """A six-word dictionary: enough to show the checks depend only on the contract."""

    def __init__(self) -> None:
        self._entries = [
            FakeEntry("jobbe", "VERB", forms={"inf": ("jobbe",), "pres": ("jobber",),
                                              "past": ("jobbet",), "imp": ("jobb",)}),
            FakeEntry("lager", "NOUN", ("et",), {"sg_indef": ("lager",), "sg_def": ("lageret",)}),
            FakeEntry("hylle", "NOUN", ("ei", "en"), {"sg_indef": ("hylle",),
                                                       "sg_def": ("hylla", "hyllen")}),
            FakeEntry("hylle", "VERB", forms={"inf": ("hylle",), "past": ("hyllet",)}),
            FakeEntry("jeg", "PRON"), FakeEntry("på", "ADP"), FakeEntry("i", "ADP"),
            FakeEntry("går", "ADV"), FakeEntry("et", "DET"), FakeEntry("vi", "PRON"),
            FakeEntry("har", "VERB", forms={"pres": ("har",)}),
        ]

    def entries(self, lemma: str, pos: str | None = None) -> tuple[FakeEntry, ...]:
        return tuple(e for e in self._entries if e.lemma == lemma and pos in (None, e.pos))

    def lemmas_of(self, form: str) -> tuple[tuple[str, str], ...]:
        form = form.lower()
        return tuple(
            (e.lemma, e.pos)
            for e in self._entries
            if form == e.lemma or any(form in v for v in e.forms.values())
        )

    def is_word(self, form: str) -> bool:
        return bool(self.lemmas_of(form))

    def similar(self, word: str, n: int = 3) -> list[str]:
        return []


@dataclass(frozen=True)
class FakeToken:
    text: str
    idx: int
    lemma: str = ""
    pos: str = "X"
    morph: str = ""
    kind: str = "word"
    is_punct: bool = False
    ent_type: str = ""
    articles: tuple[str, ...] = ()
    compound_parts: tuple[str, ...] = ()
    in_dictionary: bool = True

    def feat(self, name: str) -> str | None:
        return None


@dataclass(frozen=True)
class FakeSentence:
    text: str
    start: int
    end: int
    tokens: tuple[FakeToken, ...]


@dataclass(frozen=True)
class FakeAnalysis:
    text: str
    sentences: tuple[FakeSentence, ...]


def _fake_analysis(text: str) -> FakeAnalysis:
    tokens, start = [], 0
    for piece in text.replace(".", " .").split():
        idx = text.index(piece, start)
        tokens.append(FakeToken(piece, idx, kind="punct" if piece == "." else "word",
                                is_punct=piece == "."))
        start = idx + len(piece)
    return FakeAnalysis(text, (FakeSentence(text, 0, len(text), tuple(tokens)),))


def test_checks_work_on_the_interface_alone() -> None:
    lexicon = FakeLexicon()
    problems = check_analysis(_fake_analysis("I går jeg jobbet på lager."), lexicon=lexicon)
    assert [p.check for p in problems] == ["v2"]
    problems = check_analysis(_fake_analysis("Vi har et hylle."), lexicon=lexicon)
    assert [p.replacements for p in problems] == [("ei hylle", "en hylle")]


def test_verb_form_after_infinitive_marker_modal_and_har(
    analyzer: Analyzer, lexicon: Lexicon
) -> None:
    feedback = check_text(
        "Jeg liker å jobber her. Jeg har jobbe der i to år.", analyzer=analyzer, lexicon=lexicon
    )
    assert [(p.check, p.suggestion) for p in feedback.problems] == [
        ("verb_form", "jobbe"),
        ("verb_form", "jobbet"),
    ]
    assert _checks("Jeg har to jobber, og jeg kan norsk.", analyzer, lexicon) == []


def test_plural_after_numbers(analyzer: Analyzer, lexicon: Lexicon) -> None:
    feedback = check_text("Jeg jobbet der i to måned.", analyzer=analyzer, lexicon=lexicon)
    assert [(p.check, p.suggestion) for p in feedback.problems] == [("plural", "to måneder")]
    assert _checks("Vi var tre mann på jobb, og det tok to timer.", analyzer, lexicon) == []


def test_selecting_adjective_does_not_report_articles(analyzer: Analyzer, lexicon: Lexicon) -> None:
    analysis = analyzer.analyze("Vi har et hylle og et stor lager.")
    assert [p.check for p in check_analysis(analysis, lexicon=lexicon, checks=["adjective"])] == [
        "adjective"
    ]
    with pytest.raises(ValueError):
        check_analysis(analysis, lexicon=lexicon, checks=["grammatikk"])
