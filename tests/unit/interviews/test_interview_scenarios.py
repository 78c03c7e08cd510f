"""The scenario model, the built-in data and questions generated from a profile."""

from __future__ import annotations

from collections import Counter

import pytest

from interviews.errors import ScenarioDataError, UnknownScenario
from interviews.feedback import check_text
from interviews.scenarios import (
    MODEL_ANSWER_LEVELS,
    SECTOR_PLACES,
    SITUATIONS,
    Scenario,
    get_scenario,
    interview_scenario,
    load_question_bank,
    load_workplace_scenarios,
    question_from_text,
    questions_from_profile,
    sector_key,
)
from language_profiles.analyzer import Analyzer
from language_profiles.lexicon import Lexicon
from language_profiles.profile import Profile, Term


def _warehouse_profile() -> Profile:
    return Profile(
        name="Lager AS",
        sector="Lager og logistikk",
        terms=(
            Term(lemma="varemottak", pos="NOUN", articles=("et",), score=9.0,
                 forms={"sg_indef": ("varemottak",), "sg_def": ("varemottaket",)}),
            Term(lemma="truck", pos="NOUN", articles=("en",), score=8.0, safety=True,
                 forms={"sg_indef": ("truck",), "sg_def": ("trucken",)}),
            Term(lemma="plukke", pos="VERB", score=7.0,
                 forms={"inf": ("plukke",), "pres": ("plukker",)}),
            Term(lemma="være", pos="VERB", score=6.5, forms={"inf": ("være",)}),
            Term(lemma="pall", pos="NOUN", articles=("en",), score=6.0,
                 forms={"sg_indef": ("pall",), "sg_def": ("pallen",)}),
            Term(lemma="ta imot", pos="VERB", score=5.0, is_multiword=True),
        ),
    )


def test_question_bank_has_thirty_questions_with_answers_at_two_levels() -> None:
    bank = load_question_bank()
    assert len(bank) >= 30
    assert len({t.id for t in bank}) == len(bank)
    prompts = {t.prompt for t in bank}
    for expected in ("Fortell litt om deg selv.", "Hvorfor søker du denne jobben?",
                     "Hva jobbet du med i hjemlandet?", "Når kan du begynne?",
                     "Hvordan samarbeider du med andre?"):
        assert expected in prompts
    for turn in bank:
        assert all(turn.model_answers[level] for level in MODEL_ANSWER_LEVELS)
        assert turn.key_points and all(k.keywords for k in turn.key_points)


def test_behavioural_questions_have_star_guidance() -> None:
    behavioural = [t for t in load_question_bank() if t.prompt.startswith("Fortell om en gang")]
    assert len(behavioural) >= 5
    assert all(t.behavioural and t.star is not None and t.star.action for t in behavioural)


def test_every_sector_has_three_workplace_situations() -> None:
    scenarios = load_workplace_scenarios()
    per_sector = Counter(s.sector for s in scenarios)
    assert set(per_sector) == set(SECTOR_PLACES)
    assert min(per_sector.values()) >= 3
    assert set(s.situation for s in scenarios) == set(SITUATIONS)
    assert len(load_workplace_scenarios(sector="warehouse")) == per_sector["lager"]


def test_built_in_norwegian_passes_our_own_checks(analyzer: Analyzer, lexicon: Lexicon) -> None:
    texts = [x for t in load_question_bank() for x in (t.prompt, *t.model_answers.values())]
    texts += [
        x for s in load_workplace_scenarios() for t in s.turns
        for x in (t.prompt, *t.model_answers.values())
    ]
    flagged = []
    for text in texts:
        problems = check_text(text, analyzer=analyzer, lexicon=lexicon).problems
        flagged += [(p.check, text) for p in problems]
    assert flagged == []


def test_scenario_round_trips_through_dict() -> None:
    scenario = load_workplace_scenarios(sector="helse")[0]
    assert Scenario.from_dict(scenario.to_dict()) == scenario
    with pytest.raises(ScenarioDataError):
        Scenario.from_dict({"id": "tom", "turns": []})
    with pytest.raises(ScenarioDataError):
        Scenario.from_dict({"id": "uten_tekst", "turns": [{"prompt": " "}]})
    teacher = Scenario.from_dict(
        {"id": "lærer_1", "title": "Pause", "sector": "warehouse",
         "turns": [{"prompt": "Når har vi pause?", "key_points": [{"label": "Tid",
                                                                 "keywords": ["klokka"]}]}]}
    )
    assert teacher.sector == "lager" and teacher.turns[0].id == "lærer_1_1"


def test_get_scenario_finds_situations_and_questions() -> None:
    assert get_scenario("lager_avvik").situation == "deviation"
    assert get_scenario("nar_begynne").turns[0].prompt == "Når kan du begynne?"
    with pytest.raises(UnknownScenario):
        get_scenario("finnes_ikke")


@pytest.mark.parametrize(
    ("value", "key"),
    [("warehouse", "lager"), ("Lager og logistikk", "lager"), ("kjøkken", "kjøkken"),
     ("Helse og omsorg", "helse"), ("", None), ("romfart", None)],
)
def test_sector_key(value: str, key: str | None) -> None:
    assert sector_key(value) == key


def test_questions_from_profile_use_the_terms_in_fixed_grammatical_frames() -> None:
    turns = questions_from_profile(_warehouse_profile(), limit=4)
    prompts = [t.prompt for t in turns]
    assert prompts[0] == "Hva vet du om HMS på et lager?"
    assert "Har du erfaring med varemottak?" in prompts
    assert "Har du erfaring med å plukke?" in prompts
    assert "Hvordan vil du forklare ordet «truck» for en ny kollega?" in prompts
    assert not any("være" in p or "ta imot" in p for p in prompts)
    assert all(t.source == "profile" and t.model_answers["B1"] for t in turns)
    assert questions_from_profile(_warehouse_profile(), limit=4) == turns


def test_generated_questions_pass_our_checks(analyzer: Analyzer, lexicon: Lexicon) -> None:
    for turn in questions_from_profile(_warehouse_profile(), limit=5):
        for text in (turn.prompt, *turn.model_answers.values()):
            assert check_text(text, analyzer=analyzer, lexicon=lexicon).problems == ()


def test_interview_is_seeded_and_framed() -> None:
    first = interview_scenario(questions=6, seed=7, profile=_warehouse_profile())
    again = interview_scenario(questions=6, seed=7, profile=_warehouse_profile())
    other = interview_scenario(questions=6, seed=8)
    assert first == again
    assert len(first.turns) == 6 and len(other.turns) == 6
    assert first.turns[0].id == "om_deg_selv" and first.turns[-1].id == "sporsmal_til_oss"
    assert any(t.source == "profile" for t in first.turns)
    assert any(t.behavioural for t in first.turns)
    forced = interview_scenario(questions=4, include=["nar_begynne"])
    assert "nar_begynne" in [t.id for t in forced.turns]
    with pytest.raises(UnknownScenario):
        interview_scenario(include=["finnes_ikke"])


def test_teacher_question() -> None:
    turn = question_from_text(
        "Hvorfor er det viktig å bruke hjelm?", key_points=[("Sikkerhet", ["skade", "hode"])]
    )
    assert turn.source == "teacher" and turn.key_points[0].keywords == ("skade", "hode")
    with pytest.raises(ScenarioDataError):
        question_from_text("  ")
