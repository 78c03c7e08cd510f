"""Hand-written warehouse terms and phrases (forms as in Bokmålsordboka) and fixtures."""

from __future__ import annotations

import random

import pytest

from language_profiles.profile import Phrase, Profile, Term


def noun(
    lemma: str,
    articles: tuple[str, ...],
    sg_def: tuple[str, ...],
    pl_indef: tuple[str, ...],
    pl_def: tuple[str, ...],
    **kw: object,
) -> Term:
    forms = {"sg_indef": (lemma,), "sg_def": sg_def, "pl_indef": pl_indef, "pl_def": pl_def}
    return Term(lemma=lemma, pos="NOUN", articles=articles, forms=forms, **kw)  # type: ignore[arg-type]


def verb(lemma: str, pres: str, past: tuple[str, ...], imp: str, **kw: object) -> Term:
    forms = {"inf": (lemma,), "pres": (pres,), "past": past, "perf_part": past, "imp": (imp,)}
    return Term(lemma=lemma, pos="VERB", forms=forms, **kw)  # type: ignore[arg-type]


PALL = noun(
    "pall",
    ("en",),
    ("pallen",),
    ("paller",),
    ("pallene",),
    definition="lav plattform av tre som varer står på",
    gloss={"en": "pallet", "ar": "منصة نقالة"},
    theme="Lager",
    level="A2",
    score=9.0,
    examples=("Vi setter pallen ved porten.", "I dag kom det tre paller med melk."),
)
HYLLE = noun(
    "hylle",
    ("ei", "en"),
    ("hylla", "hyllen"),
    ("hyller",),
    ("hyllene",),
    definition="brett til å sette ting på",
    gloss={"en": "shelf", "ar": "رف"},
    theme="Lager",
    level="A2",
    score=8.5,
    examples=("Varene står på den øverste hylla.", "Hyllene må være ryddige før vi går hjem."),
)
LAGER = noun(
    "lager",
    ("et",),
    ("lageret",),
    ("lager", "lagre"),
    ("lagrene", "lagera"),
    definition="sted der varer blir oppbevart",
    gloss={"en": "warehouse"},
    theme="Lager",
    level="A2",
    score=8.0,
    examples=("I dag jobber jeg på lageret.",),
)
SKAP = noun(
    "skap",
    ("et",),
    ("skapet",),
    ("skap",),
    ("skapene", "skapa"),
    definition="møbel med dører til å oppbevare ting i",
    gloss={"en": "cupboard"},
    theme="Lager",
    level="A1",
    score=5.0,
)
BOTTE = noun(
    "bøtte",
    ("ei", "en"),
    ("bøtta", "bøtten"),
    ("bøtter",),
    ("bøttene",),
    definition="beholder med hank til å bære vann i",
    gloss={"en": "bucket"},
    theme="Renhold",
    level="A2",
    score=6.0,
    examples=("Fyll bøtta med varmt vann.",),
)
TRUCK = noun(
    "truck",
    ("en",),
    ("trucken",),
    ("trucker",),
    ("truckene",),
    definition="kjøretøy til å løfte og flytte varer",
    gloss={"en": "forklift"},
    theme="Lager",
    level="B1",
    score=7.5,
    examples=("Bare ansatte med truckførerbevis kan kjøre trucken.",),
)
HJELM = noun(
    "hjelm",
    ("en",),
    ("hjelmen",),
    ("hjelmer",),
    ("hjelmene",),
    definition="hard beskyttelse for hodet",
    gloss={"en": "helmet"},
    theme="HMS",
    level="A2",
    score=9.5,
    safety=True,
    examples=("Du må alltid bruke hjelm på lageret.",),
)
EUROPALL = noun(
    "europall",
    ("en",),
    ("europallen",),
    ("europaller",),
    ("europallene",),
    definition="pall med faste mål",
    gloss={"en": "euro pallet"},
    theme="Lager",
    level="B1",
)
PLUKKE = verb(
    "plukke",
    "plukker",
    ("plukket", "plukka"),
    "plukk",
    definition="ta varer fra hylla til en ordre",
    gloss={"en": "pick"},
    theme="Lager",
    level="A2",
    score=8.8,
    examples=("Etter lunsj plukker vi varer til butikkene.", "Hun plukket alle ordrene i går."),
)
VASKE = verb(
    "vaske",
    "vasker",
    ("vasket", "vaska"),
    "vask",
    definition="gjøre ren med vann og såpe",
    gloss={"en": "wash"},
    theme="Renhold",
    level="A1",
    score=6.5,
    examples=(
        "Vi vasket gulvet på lageret i går.",
        "Han vasker bøtta med vaskemiddel.",
        "Vask hendene.",
    ),
)
LOFTE = verb(
    "løfte",
    "løfter",
    ("løftet", "løfta"),
    "løft",
    definition="ta noe opp fra bakken",
    gloss={"en": "lift"},
    theme="HMS",
    level="A2",
    score=7.0,
    safety=True,
    examples=("Løft med beina, ikke med ryggen.",),
)
TUNG = Term(
    lemma="tung",
    pos="ADJ",
    forms={
        "pos_mf": ("tung",),
        "pos_n": ("tungt",),
        "pos_pl": ("tunge",),
        "comp": ("tyngre",),
        "sup": ("tyngst",),
    },
    definition="som veier mye",
    gloss={"en": "heavy"},
    theme="Lager",
    level="A1",
)

PHRASES = (
    Phrase(
        "Kan jeg hjelpe deg?", situation="En kunde ser ut som hun leter etter noe.", theme="Kunde"
    ),
    Phrase(
        "Hvor skal denne pallen stå?",
        situation="Du vet ikke hvor du skal sette en pall.",
        theme="Lager",
    ),
    Phrase(
        "Jeg er ferdig med ordren.", situation="Du har plukket alle varene på lista.", theme="Lager"
    ),
    Phrase(
        "Pass på, trucken rygger!",
        situation="En truck rygger mot en kollega.",
        theme="HMS",
        safety=True,
    ),
    Phrase("Hvor mange skal jeg plukke?", theme="Lager"),
)


TERMS = (HJELM, PALL, PLUKKE, HYLLE, LAGER, TRUCK, LOFTE, VASKE, BOTTE, SKAP, EUROPALL, TUNG)


@pytest.fixture
def warehouse() -> Profile:
    """A small warehouse profile in priority order (terms by score)."""
    terms = (HJELM, PALL, PLUKKE, HYLLE, LAGER, TRUCK, LOFTE, VASKE, BOTTE, SKAP, EUROPALL, TUNG)
    return Profile(name="Lager AS", sector="Lager", terms=terms, phrases=PHRASES)


@pytest.fixture
def rng() -> random.Random:
    return random.Random(5)


@pytest.fixture
def term() -> dict[str, Term]:
    """The warehouse terms by lemma."""
    return {t.lemma: t for t in TERMS}
