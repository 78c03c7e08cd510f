"""Exercise generators: every type from a warehouse profile, rejections, determinism."""

from __future__ import annotations

import dataclasses
import json
import random

import pytest

from exercises.checking import normalize_answer
from exercises.generators.common import MAX_DEFINITION_WORDS, shorten_definition, words
from exercises.generators.sentences import make_cloze, make_word_order
from exercises.grading import grade_item
from exercises.items import (
    EXERCISE_TYPES,
    ExerciseItem,
    GenerationContext,
    Rejection,
    exercise_types,
    generate_items,
    make_item_id,
)
from language_profiles.profile import Phrase, Profile, Term

MENTOR = (Phrase("Si fra hvis du er usikker.", situation="Du forstår ikke hva lederen sa."),)


def _items(profile: Profile, item_type: str, seed: int = 5, **kw: object) -> list[ExerciseItem]:
    result = generate_items(profile, rng=random.Random(seed), types=[item_type], **kw)  # type: ignore[arg-type]
    return list(result.items)


def _one(items: list[ExerciseItem], lemma: str, variant: str | None = None) -> ExerciseItem:
    found = [i for i in items if i.lemma == lemma and (variant is None or i.variant == variant)]
    assert len(found) == 1, [(i.lemma, i.variant) for i in items]
    return found[0]


def _ctx(profile: Profile, seed: int = 1) -> GenerationContext:
    return GenerationContext(profile=profile, rng=random.Random(seed))


def test_every_type_is_registered_and_generates(warehouse: Profile) -> None:
    assert exercise_types() == EXERCISE_TYPES
    result = generate_items(warehouse, rng=random.Random(5), mentor_phrases=MENTOR)
    made = {i.type for i in result.items}
    assert made == set(EXERCISE_TYPES)
    for item in result.items:
        assert item.skills and set(item.skills) <= {"listening", "reading", "writing", "oral"}
        assert item.answer_mode in ("choice", "typed", "order", "self")
        if item.answer_mode != "self":
            assert item.accepted, item
        if item.answer_mode == "choice" and item.type != "article":
            assert set(item.accepted) <= set(item.options)
            assert len(item.options) == len(set(item.options)) >= 3


def test_generation_is_deterministic_for_a_seed(warehouse: Profile) -> None:
    def dump(seed: int) -> str:
        result = generate_items(warehouse, rng=random.Random(seed), mentor_phrases=MENTOR)
        return json.dumps([i.to_dict() for i in result.items], ensure_ascii=False)

    assert dump(11) == dump(11)
    assert dump(11) != dump(12)  # options are shuffled differently
    ids_a = [json.loads(dump(11))[k]["id"] for k in range(10)]
    ids_b = [json.loads(dump(12))[k]["id"] for k in range(10)]
    assert ids_a == ids_b  # ids do not depend on the seed


def test_items_round_trip_through_json(warehouse: Profile) -> None:
    result = generate_items(warehouse, rng=random.Random(3), mentor_phrases=MENTOR)
    for item in result.items:
        data = json.loads(json.dumps(item.to_dict(), ensure_ascii=False))
        assert ExerciseItem.from_dict(data) == item


def test_ids_are_unique_and_stable(warehouse: Profile) -> None:
    items = generate_items(warehouse, rng=random.Random(3)).items
    assert len({i.id for i in items}) == len(items)
    hylle = _one(_items(warehouse, "article"), "hylle")
    assert hylle.id == make_item_id("article", "hylle", "article")
    assert len(hylle.id) == 16 and hylle.id != make_item_id("article", "pall", "article")


# ----------------------------------------------------------------- meaning


def test_meaning_distractors_same_pos_and_never_forms_or_compounds(warehouse: Profile) -> None:
    items = _items(warehouse, "meaning")
    pall = _one(items, "pall")
    assert pall.accepted == ("pallet",)
    assert "euro pallet" not in pall.options  # europall contains the answer: never a distractor
    nouns = {"shelf", "warehouse", "cupboard", "bucket", "forklift", "helmet", "pallet"}
    assert set(pall.options) <= nouns  # same part of speech
    plukke = _one(items, "plukke")
    assert set(plukke.options) <= {"pick", "wash", "lift"}


def test_meaning_never_offers_a_synonym() -> None:
    terms = (
        Term("pall", "NOUN", ("en",), gloss={"en": "pallet"}),
        Term("palle", "NOUN", ("en",), gloss={"en": "pallet"}),  # same gloss: a synonym
        Term("hylle", "NOUN", ("ei", "en"), gloss={"en": "shelf"}),
        Term("skap", "NOUN", ("et",), gloss={"en": "cupboard"}),
        Term("bøtte", "NOUN", ("ei", "en"), gloss={"en": "bucket"}),
    )
    item = _one(_items(Profile("p", terms=terms), "meaning"), "pall")
    assert item.options.count("pallet") == 1


def test_meaning_rejected_without_enough_distractors(term: dict[str, Term]) -> None:
    profile = Profile("p", terms=(term["pall"], term["plukke"]))
    result = generate_items(profile, rng=random.Random(1), types=["meaning"])
    assert not result.items
    assert {r.reason for r in result.rejections} == {"not enough distractors"}


def test_meaning_uses_help_language_gloss_else_definition(warehouse: Profile) -> None:
    three = Term("bøtte", "NOUN", ("ei", "en"), gloss={"ar": "دلو"}, definition="beholder")
    profile = Profile("p", terms=(*warehouse.terms, three))
    arabic = _items(profile, "meaning", help_language="ar")
    assert _one(arabic, "hylle").accepted == ("رف",)
    assert _one(arabic, "hylle").variant == "gloss"
    assert _one(arabic, "lager").variant == "definition"  # no Arabic gloss for lager
    # Only two Arabic glosses besides hylle would leave one distractor: fall back to Norwegian.
    only_two = _items(warehouse, "meaning", help_language="ar")
    assert _one(only_two, "hylle").variant == "definition"


# The length rule (docs/UX_REVIEW.md, item 1): a Norwegian definition in a choice is short,
# unless the teacher wrote it.

# A dictionary-style definition of 13 words, with no clause to cut it at.
REOL_DEFINITION = "stativ med flere hyller over hverandre der varer blir lagret på et lager"


def _reol(**kw: object) -> Term:
    return Term("reol", "NOUN", ("en",), definition=REOL_DEFINITION, level="A2", **kw)  # type: ignore[arg-type]


def _long_noun(lemma: str, definition: str) -> Term:
    return Term(lemma, "NOUN", ("en",), definition=definition, level="A2", theme="Lager")


# Same part of speech and theme as most warehouse nouns: the best-scored distractors, if long
# definitions were allowed.
LONG_NOUNS = (
    _long_noun("container", "stor kasse av metall som brukes til å frakte varer på skip og bil"),
    _long_noun("rampe", "skråning eller plattform der lastebiler står når varer lastes av og på"),
    _long_noun("port", "stor dør i veggen på et lager der varer kommer inn og går ut"),
)


def test_meaning_not_made_for_a_long_definition_without_gloss(warehouse: Profile) -> None:
    profile = Profile("p", terms=(*warehouse.terms, _reol()))
    # No term has a Somali gloss: every meaning item asks for the Norwegian definition.
    result = generate_items(profile, rng=random.Random(5), types=["meaning"], help_language="so")
    assert "reol" not in {i.lemma for i in result.items}
    assert "hylle" in {i.lemma for i in result.items}  # short definitions still get an item
    (rejected,) = [r for r in result.rejections if r.lemma == "reol"]
    assert rejected.reason == "definition too long"
    assert rejected.detail == f"13 words, at most {MAX_DEFINITION_WORDS}"
    listening = _items(profile, "listening", help_language="so")
    assert not [i for i in listening if i.lemma == "reol" and i.variant == "meaning"]


def test_meaning_made_for_a_long_definition_with_a_gloss(warehouse: Profile) -> None:
    profile = Profile("p", terms=(*warehouse.terms, _reol(gloss={"en": "shelving"})))
    item = _one(_items(profile, "meaning", help_language="en"), "reol")
    assert item.variant == "gloss" and item.accepted == ("shelving",)


def test_meaning_made_for_a_long_teacher_definition(warehouse: Profile) -> None:
    reol = dataclasses.replace(_reol(), definition_by_teacher=True)
    profile = Profile("p", terms=(*warehouse.terms, reol, *LONG_NOUNS))
    items = _items(profile, "meaning", help_language="so")
    item = _one(items, "reol")
    assert item.variant == "definition"
    assert item.accepted == (REOL_DEFINITION,) and item.definition == REOL_DEFINITION
    distractors = [o for o in item.options if o != REOL_DEFINITION]
    assert len(distractors) == 3
    assert all(len(words(o)) <= MAX_DEFINITION_WORDS for o in distractors), distractors


def test_meaning_distractor_definitions_are_short(warehouse: Profile) -> None:
    profile = Profile("p", terms=(*warehouse.terms, *LONG_NOUNS))
    items = _items(profile, "meaning", help_language="so")
    assert {i.variant for i in items} == {"definition"}
    assert {"pall", "hylle", "lager", "skap"} <= {i.lemma for i in items}
    long_texts = {t.definition for t in LONG_NOUNS}
    for item in items:
        assert not long_texts & set(item.options), item.options
        assert all(len(words(o)) <= MAX_DEFINITION_WORDS for o in item.options), item.options


def test_meaning_rejected_when_only_long_distractors_exist(term: dict[str, Term]) -> None:
    profile = Profile("p", terms=(term["pall"], *LONG_NOUNS))
    result = generate_items(profile, rng=random.Random(1), types=["meaning"], help_language="so")
    assert not result.items
    assert Rejection("meaning", "pall", "not enough distractors") in result.rejections


def test_flashcard_made_for_every_term_with_a_long_definition_cut(warehouse: Profile) -> None:
    lagerhall = _long_noun("lagerhall", "stor bygning der varer står; hall for lagring av varer")
    profile = Profile("p", terms=(*warehouse.terms, _reol(), *LONG_NOUNS, lagerhall))
    cards = _items(profile, "flashcard", help_language="so")
    assert {c.lemma for c in cards} == {t.lemma for t in profile.terms}
    reol = _one(cards, "reol")  # nothing sensible to cut at: shown whole
    assert reol.definition == reol.expected == REOL_DEFINITION
    hall = _one(cards, "lagerhall")
    assert hall.definition == hall.expected == "stor bygning der varer står"
    own = Profile(
        "p", terms=tuple(dataclasses.replace(t, definition_by_teacher=True) for t in profile.terms)
    )
    teacher = _items(own, "flashcard")
    assert _one(teacher, "lagerhall").definition == lagerhall.definition  # the teacher's: whole


@pytest.mark.parametrize(
    ("definition", "shown"),
    [
        # Short enough: unchanged, commas and all.
        (
            "opplagssted for varer, avling eller lignende",
            "opplagssted for varer, avling eller lignende",
        ),
        # The first sense, before ";".
        ("sette stor pris på; like svært godt; være glad i", "sette stor pris på"),
        # The rest of a list that ends the definition, or an aside, can go.
        ("som eies av én person, ett foretak eller lignende", "som eies av én person"),
        ("tidsrom på sju døgn, regnet fra og med mandag til og med søndag", "tidsrom på sju døgn"),
        (
            "fagutdannet person som konstruerer, passer eller reparerer maskiner, instrumenter og "
            "lignende (på et mekanisk verksted)",
            "fagutdannet person som konstruerer, passer eller reparerer maskiner",
        ),
        # A comma inside a list the rest depends on: cutting would leave "som angår".
        (
            "som angår, tilhører eller er rettet mot en enkelt person",
            "som angår, tilhører eller er rettet mot en enkelt person",
        ),
        # A cut keeps at least two words.
        (
            "utrustning; ting en trenger for å få utført visse oppgaver i arbeid",
            "utrustning; ting en trenger for å få utført visse oppgaver i arbeid",
        ),
        # Never inside parentheses.
        (
            "del av dagen (eller av helgen, for eksempel lørdag) da butikken holder åpent",
            "del av dagen (eller av helgen, for eksempel lørdag) da butikken holder åpent",
        ),
    ],
)
def test_shorten_definition(definition: str, shown: str) -> None:
    assert shorten_definition(definition) == shown


# ----------------------------------------------------------------- cloze


def test_cloze_blanks_the_inflected_form_and_accepts_both_spellings(
    warehouse: Profile, term: dict[str, Term]
) -> None:
    item = make_cloze(term["vaske"], "Vi vasket gulvet på lageret i går.", _ctx(warehouse))
    assert isinstance(item, ExerciseItem)
    assert item.prompt == "Vi ___ gulvet på lageret i går."
    assert item.accepted[:2] == ("vasket", "vaska")
    assert "vasker" in item.confusables
    assert grade_item(item, "vaska").correct
    wrong = grade_item(item, "vasker")
    assert not wrong.correct and "-et" in (wrong.note or "")
    assert item.hint == "å vaske (preteritum)"


def test_cloze_accepts_both_definite_forms_of_a_feminine_noun(
    warehouse: Profile, term: dict[str, Term]
) -> None:
    item = make_cloze(term["hylle"], "Varene står på den øverste hylla.", _ctx(warehouse))
    assert isinstance(item, ExerciseItem)
    assert set(item.accepted) == {"hylla", "hyllen"}
    assert grade_item(item, "hyllen").correct
    assert not grade_item(item, "hyllene").correct


@pytest.mark.parametrize(
    ("lemma", "sentence", "reason"),
    [
        ("truck", "Bare ansatte med truckførerbevis kan kjøre trucken.", "gives the answer away"),
        ("vaske", "Han vasker bøtta med vaskemiddel.", "gives the answer away"),
        ("pall", "Vi flytter pallen og setter en ny pall der.", "gives the answer away"),
        ("vaske", "Vask hendene.", "too short"),
        ("pall", "Pallen " + "og varene " * 10 + "står her.", "too long"),
        ("pall", "Varene står på hylla ved porten.", "not in the sentence"),
    ],
)
def test_cloze_rejects_giveaway_and_bad_sentences(
    warehouse: Profile, term: dict[str, Term], lemma: str, sentence: str, reason: str
) -> None:
    result = make_cloze(term[lemma], sentence, _ctx(warehouse))
    assert isinstance(result, Rejection)
    assert reason in result.reason


# ----------------------------------------------------------------- article, inflection


def test_article_both_ei_and_en_are_right_and_feedback_says_so(warehouse: Profile) -> None:
    item = _one(_items(warehouse, "article"), "hylle")
    assert item.options == ("en", "ei", "et")
    for answer in ("ei", "en"):
        verdict = grade_item(item, answer)
        assert verdict.correct and verdict.exact
        assert verdict.note == "Både ei hylle og en hylle er riktig."
    wrong = grade_item(item, "et")
    assert not wrong.correct
    assert wrong.note == "Nesten! Det heter ei hylle eller en hylle."
    assert item.explanation == "Både ei hylle og en hylle er riktig."


def test_article_only_en_for_a_masculine_noun(warehouse: Profile) -> None:
    item = _one(_items(warehouse, "article"), "pall")
    assert grade_item(item, "en").correct
    assert "Det heter en pall" in (grade_item(item, "ei").note or "")


def test_inflection_forms_for_nouns_and_verbs(warehouse: Profile) -> None:
    items = _items(warehouse, "inflection")
    assert {i.variant for i in items if i.lemma == "pall"} == {"sg_def", "pl_indef", "pl_def"}
    assert {i.variant for i in items if i.lemma == "vaske"} == {"pres", "past", "perf"}
    pl_def = _one(items, "hylle", "pl_def")
    verdict = grade_item(pl_def, "hyllen")
    assert not verdict.correct and "Endingen skal være -ene" in (verdict.note or "")
    past = _one(items, "plukke", "past")
    assert grade_item(past, "plukka").correct and grade_item(past, "plukket").correct
    assert not grade_item(past, "plukker").correct
    assert grade_item(_one(items, "lager", "pl_indef"), "lagre").correct
    assert grade_item(_one(items, "lager", "pl_indef"), "lager").correct
    perf = _one(items, "vaske", "perf")
    assert perf.hint == "Jeg har ___."
    for answer in ("vasket", "vaska", "har vasket", "Har vaska."):
        assert grade_item(perf, answer).correct, answer
    assert not grade_item(perf, "har vasker").correct


def test_inflection_rejects_answer_equal_to_the_word_shown(warehouse: Profile) -> None:
    result = generate_items(warehouse, rng=random.Random(1), types=["inflection"])
    assert Rejection("inflection", "skap", "answer is the word shown", "pl_indef") in (
        result.rejections
    )
    assert not [i for i in result.items if i.lemma == "skap" and i.variant == "pl_indef"]


# ----------------------------------------------------------------- listening, dictation


def test_listening_form_distractors_look_alike_and_are_not_forms(warehouse: Profile) -> None:
    similar = {"pall": ["ball", "fall", "pallen", "pal"]}
    items = _items(warehouse, "listening", similar_words=lambda w: similar.get(w, []))
    pall = _one(items, "pall", "form")
    assert pall.audio_text == "pall"
    assert "pallen" not in pall.options  # a form of the answer
    assert "pal" not in pall.options  # sounds the same as "pall"
    assert {"ball", "fall"} <= set(pall.options)
    assert pall.skills == ("listening",)
    assert _one(items, "pall", "meaning").accepted == ("pallet",)


def test_listening_to_a_whole_phrase_choose_which_was_said(warehouse: Profile) -> None:
    items = [i for i in _items(warehouse, "listening") if i.variant == "phrase"]
    texts = {p.text for p in warehouse.phrases}
    assert {i.expected for i in items} == texts  # every phrase of 3+ words
    item = _one(items, "Pass på, trucken rygger!")
    assert item.audio_text == item.expected == item.accepted[0] and item.prompt == ""
    assert item.answer_mode == "choice" and item.safety
    assert set(item.options) <= texts and len(item.options) == 4
    assert grade_item(item, item.expected).correct
    assert not grade_item(item, next(o for o in item.options if o != item.expected)).correct
    # Choices closest in length first: the 3-word phrase is not among those of a 4-word one.
    assert "Kan jeg hjelpe deg?" in item.options  # 4 words, like the answer
    # A phrase of two words is a word to listen to, not a sentence; a phrase that reads the
    # same without punctuation is never a choice for its twin.
    phrases = (
        *warehouse.phrases,
        Phrase("Takk skal du ha."),
        Phrase("Takk skal du ha!"),
        Phrase("God morgen!"),
    )
    profile = Profile("p", terms=warehouse.terms, phrases=phrases)
    result = generate_items(profile, rng=random.Random(3), types=["listening"])
    heard = [i for i in result.items if i.variant == "phrase"]
    assert "God morgen!" not in {i.expected for i in heard}
    assert Rejection("listening", "God morgen!", "phrase too short to listen to") in (
        result.rejections
    )
    takk = [i for i in heard if i.expected.startswith("Takk")]
    assert len(takk) == 1 and sum(o.startswith("Takk") for o in takk[0].options) == 1
    for other in heard:
        assert sum(o.startswith("Takk") for o in other.options) <= 1


def test_dictation_short_sentences_only_and_prompt_does_not_show_it(warehouse: Profile) -> None:
    items = _items(warehouse, "dictation")
    assert items
    for item in items:
        assert item.prompt == "" and item.audio_text == item.accepted[0]
        assert 3 <= len(item.accepted[0].split()) <= 12
    profile = Profile("p", terms=(Term("pall", "NOUN", examples=("Bestill 12 paller i dag.",)),))
    result = generate_items(profile, rng=random.Random(1), types=["dictation"])
    assert not result.items and "numbers" in result.rejections[0].reason


# ----------------------------------------------------------------- word order


def test_word_order_prefers_fronted_adverbial_and_accepts_subject_first(warehouse: Profile) -> None:
    items = _items(warehouse, "word_order")
    plukke = _one(items, "plukke")
    assert plukke.accepted[0] == "Etter lunsj plukker vi varer til butikkene."
    assert "Vi plukker varer til butikkene etter lunsj." in plukke.accepted
    assert plukke.hint == "Husk: verbet står på plass nummer to."
    assert list(plukke.options) != [w.casefold() for w in plukke.accepted[0][:-1].split()]
    assert sorted(plukke.options) == sorted(normalize_answer(plukke.accepted[0]).split())
    right = grade_item(plukke, ["etter", "lunsj", "plukker", "vi", "varer", "til", "butikkene"])
    assert right.correct
    v2_error = grade_item(plukke, "etter lunsj vi plukker varer til butikkene")
    assert not v2_error.correct and v2_error.problems[0].kind == "word_order"


def test_word_order_shuffle_never_returns_the_sentence_in_order(
    warehouse: Profile, term: dict[str, Term]
) -> None:
    lager = term["lager"]
    for seed in range(40):
        item = make_word_order("lager", lager.examples[0], _ctx(warehouse, seed), base=lager)
        assert isinstance(item, ExerciseItem)
        assert list(item.options) != ["i", "dag", "jobber", "jeg", "på", "lageret"]


def test_word_order_rejects_clauses_and_bad_lengths(
    warehouse: Profile, term: dict[str, Term]
) -> None:
    ctx = _ctx(warehouse)
    for sentence in (
        "Løft med beina, ikke med ryggen.",
        "Vask hendene.",
        "Vi " + "jobber " * 12 + "her.",
    ):
        assert isinstance(make_word_order("x", sentence, ctx, base=term["vaske"]), Rejection)


def test_word_order_final_time_adverbial_may_be_fronted(
    warehouse: Profile, term: dict[str, Term]
) -> None:
    item = make_word_order("vaske", "Vi vasket gulvet i går.", _ctx(warehouse), base=term["vaske"])
    assert isinstance(item, ExerciseItem)
    assert item.accepted == ("Vi vasket gulvet i går.", "I går vasket vi gulvet.")


# ----------------------------------------------------------------- situation, flashcard


def test_situation_uses_profile_and_mentor_phrases(warehouse: Profile) -> None:
    result = generate_items(
        warehouse, rng=random.Random(2), types=["situation"], mentor_phrases=MENTOR
    )
    items = list(result.items)
    mentor = _one(items, "Si fra hvis du er usikker.")
    assert mentor.prompt == "Du forstår ikke hva lederen sa."
    assert mentor.extra["mentor"] is True
    safety = _one(items, "Pass på, trucken rygger!")
    assert safety.safety and "oral" in safety.skills
    for item in items:  # a phrase without a situation could fit: never a distractor
        assert "Hvor mange skal jeg plukke?" not in item.options
    assert any(r.reason == "phrase has no situation" for r in result.rejections)


def test_flashcard_self_rating(warehouse: Profile) -> None:
    card = _one(_items(warehouse, "flashcard"), "hylle")
    assert card.prompt == "ei/en hylle" and card.gloss == "shelf"
    assert card.example == "Varene står på den øverste hylla."
    assert grade_item(card, "kan_det").correct
    assert not grade_item(card, "igjen").correct


def test_safety_flag_and_level_carried_to_items(warehouse: Profile) -> None:
    items = generate_items(warehouse, rng=random.Random(1)).items
    hjelm = [i for i in items if i.lemma == "hjelm"]
    assert hjelm and all(i.safety for i in hjelm)
    assert all(i.level == "A2" for i in hjelm)


def test_cloze_hint_names_the_form_the_blank_needs(
    warehouse: Profile, term: dict[str, Term]
) -> None:
    perfect = make_cloze(term["vaske"], "Vi har vasket alle bøttene i dag.", _ctx(warehouse))
    assert isinstance(perfect, ExerciseItem)
    assert perfect.hint == "å vaske (perfektum partisipp)"
    assert set(perfect.accepted) >= {"vasket", "vaska"}
    plural = make_cloze(term["pall"], "I dag kom det tre paller med melk.", _ctx(warehouse))
    assert isinstance(plural, ExerciseItem)
    assert plural.hint == "en pall (ubestemt form flertall)"
