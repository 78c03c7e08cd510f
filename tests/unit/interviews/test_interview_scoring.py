"""assess_answer: key points, profile words, problems, level and the rewritten answer."""

from __future__ import annotations

from interviews.feedback import TEACHER_CHECK_LABELS
from interviews.scenarios import get_scenario
from interviews.scoring import assess_answer
from language_profiles.analyzer import Analyzer
from language_profiles.lexicon import Lexicon
from language_profiles.profile import Term

TERMS = (
    Term(lemma="lager", pos="NOUN", articles=("et",), score=5.0,
         forms={"sg_indef": ("lager",), "sg_def": ("lageret",)}),
    Term(lemma="truckførerbevis", pos="NOUN", articles=("et",), score=4.0,
         forms={"sg_indef": ("truckførerbevis",), "sg_def": ("truckførerbeviset",)}),
    Term(lemma="varemottak", pos="NOUN", articles=("et",), score=3.0,
         forms={"sg_indef": ("varemottak",)}),
)
ANSWER = "Eh, jeg heter Ali og kommer fra Syria. I Syria jeg jobbet på et lager i fem år."


def test_key_points_covered_and_missing(analyzer: Analyzer, lexicon: Lexicon) -> None:
    turn = get_scenario("om_deg_selv").turns[0]
    feedback = assess_answer(turn, ANSWER, profile_terms=TERMS, analyzer=analyzer, lexicon=lexicon)
    assert "Navn og hvor du kommer fra" in feedback.covered
    assert "Arbeid, utdanning eller erfaring" in feedback.covered
    assert "Familie eller hvor du bor" in feedback.missing
    assert 0 < feedback.coverage < 1


def test_profile_words_problems_fillers_and_rewrite(analyzer: Analyzer, lexicon: Lexicon) -> None:
    turn = get_scenario("om_deg_selv").turns[0]
    feedback = assess_answer(turn, ANSWER, profile_terms=TERMS, analyzer=analyzer, lexicon=lexicon)
    assert feedback.terms_used == ("lager",)
    assert [p.check for p in feedback.problems] == ["filler", "v2"]
    assert feedback.fillers == ("Eh",)
    assert feedback.rewritten == (
        "Jeg heter Ali og kommer fra Syria. I Syria jobbet jeg på et lager i fem år."
    )
    assert feedback.level in {"A1", "A2"} and feedback.level_reasons
    assert any("mangler" in m for m in feedback.messages)


def test_fitting_words_are_suggested(analyzer: Analyzer, lexicon: Lexicon) -> None:
    turn = get_scenario("lager_gjenta_beskjed").turns[0]
    feedback = assess_answer(
        turn, "Ja, bilen kommer klokka ti.", profile_terms=TERMS, analyzer=analyzer,
        lexicon=lexicon,
    )
    assert "varemottak" in feedback.terms_suggested
    assert feedback.missing and "Når bilen kommer" in feedback.covered
    assert "kort" in feedback.length_message


def test_assessment_is_deterministic(analyzer: Analyzer, lexicon: Lexicon) -> None:
    turn = get_scenario("lost_problem").turns[0]
    text = get_scenario("lost_problem").turns[0].model_answers["B1"]
    first = assess_answer(turn, text, profile_terms=TERMS, analyzer=analyzer, lexicon=lexicon)
    second = assess_answer(turn, text, profile_terms=TERMS, analyzer=analyzer, lexicon=lexicon)
    assert first.to_dict() == second.to_dict()
    assert first.coverage == 1.0 and first.problems == ()
    assert first.level in {"B1", "B1+"}


def test_common_errors_for_a_teacher_overview(analyzer: Analyzer, lexicon: Lexicon) -> None:
    from interviews.scoring import common_errors

    turn = get_scenario("om_deg_selv").turns[0]
    answers = [ANSWER, "Derfor jeg søker. Vi har et hylle.", "I dag jeg jobber."]
    feedbacks = [
        assess_answer(turn, a, profile_terms=TERMS, analyzer=analyzer, lexicon=lexicon)
        for a in answers
    ]
    summary = common_errors(f.problems for f in feedbacks)
    assert summary[0][0] == "v2" and summary[0][2] == 3
    assert ("article", TEACHER_CHECK_LABELS["article"], 1) in summary
    assert "Ordstilling" in dict((c, label) for c, label, _ in summary)["v2"]  # for teachers
    assert all(check != "filler" for check, _, _ in summary)
