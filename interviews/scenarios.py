"""Scenarios: job interviews and workplace conversations as turns with key points and model answers.

The built-in question bank (``data/interview_questions.toml``) and workplace situations per
sector (``data/workplace_situations.toml``) are written by the team; teachers add their own
scenarios through the web layer (``Scenario.from_dict``).  ``questions_from_profile`` turns
an employer's top terms into extra interview questions ("Har du erfaring med varemottak?").
"""

from __future__ import annotations

import random
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from interviews.errors import ScenarioDataError, UnknownScenario
from language_profiles.profile import Profile, Term
from language_profiles.sectors import SECTORS, normalize_sector

__all__ = [
    "INTERVIEW_CATEGORIES",
    "MODEL_ANSWER_LEVELS",
    "SECTOR_PLACES",
    "SITUATIONS",
    "KeyPoint",
    "Scenario",
    "StarGuidance",
    "Turn",
    "get_scenario",
    "interview_scenario",
    "load_question_bank",
    "load_workplace_scenarios",
    "question_from_text",
    "questions_from_profile",
    "sector_key",
]

#: Levels of the model answers every turn carries.
MODEL_ANSWER_LEVELS: tuple[str, ...] = ("A2", "B1")
#: Question categories of the bank, in interview order.
INTERVIEW_CATEGORIES: tuple[str, ...] = (
    "intro", "motivation", "experience", "language", "cooperation", "behavioural", "practical",
    "closing", "profile",
)
#: Workplace situation kinds.
SITUATIONS: dict[str, str] = {
    "customer_asks": "En kunde spør",
    "colleague_help": "En kollega trenger hjelp",
    "sick_call": "Si fra om sykdom",
    "deviation": "Melde avvik eller skade",
    "shift_swap": "Bytte vakt",
    "repeat_instruction": "Gjenta en beskjed",
}
#: Sector key → how to say "at such a workplace" ("på et lager").
SECTOR_PLACES: dict[str, str] = {
    "butikk": "i en butikk",
    "lager": "på et lager",
    "helse": "på et sykehjem",
    "renhold": "i renholdsbransjen",
    "barnehage": "i en barnehage",
    "kjøkken": "på et kjøkken",
    "bygg": "på en byggeplass",
    "transport": "i transportbransjen",
}
_ENGLISH_SECTORS = {
    "retail": "butikk", "warehouse": "lager", "health": "helse", "cleaning": "renhold",
    "kindergarten": "barnehage", "kitchen": "kjøkken", "construction": "bygg",
    "transport": "transport",
}


def sector_key(value: str | None) -> str | None:
    """Map a sector key, display name or alias to a key ("Lager og logistikk" → "lager")."""
    if not value:
        return None
    lowered = value.strip().lower()
    if lowered in SECTOR_PLACES:
        return lowered
    found = normalize_sector(value)
    if found in SECTOR_PLACES:
        return found
    for key, name in SECTORS.items():
        if name.lower() == lowered and key in SECTOR_PLACES:
            return key
    if lowered in _ENGLISH_SECTORS:
        return _ENGLISH_SECTORS[lowered]
    first = re.split(r"[\s,/-]+", lowered)[0]
    return first if first in SECTOR_PLACES else None


@dataclass(frozen=True)
class KeyPoint:
    """One thing a good answer covers, detected through its keywords (lemmas or phrases)."""

    label: str
    keywords: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {"label": self.label, "keywords": list(self.keywords)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> KeyPoint:
        """Build from ``to_dict`` output."""
        return cls(
            label=str(data["label"]),
            keywords=tuple(str(k).lower() for k in data.get("keywords") or ()),
        )


@dataclass(frozen=True)
class StarGuidance:
    """Hints for a behavioural answer: Situation, Task, Action, Result."""

    situation: str
    task: str
    action: str
    result: str

    def to_dict(self) -> dict[str, str]:
        """Return a JSON-ready dict."""
        return {
            "situation": self.situation,
            "task": self.task,
            "action": self.action,
            "result": self.result,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> StarGuidance:
        """Build from ``to_dict`` output."""
        return cls(
            situation=str(data["situation"]),
            task=str(data["task"]),
            action=str(data["action"]),
            result=str(data["result"]),
        )


@dataclass(frozen=True)
class Turn:
    """One prompt in a scenario and what a good answer to it contains."""

    id: str
    prompt: str
    key_points: tuple[KeyPoint, ...] = ()
    terms: tuple[str, ...] = ()  # lemmas of profile terms that fit the answer
    phrases: tuple[str, ...] = ()  # useful sentence starters
    model_answers: Mapping[str, str] = field(default_factory=dict)  # level -> answer
    star: StarGuidance | None = None
    speaker: str = "Intervjuer"
    category: str = ""
    source: str = "bank"  # bank | profile | teacher
    audio: str | None = None  # a stored recording; None: the browser reads the prompt aloud

    @property
    def behavioural(self) -> bool:
        """True for "Fortell om en gang ..." questions (STAR guidance)."""
        return self.star is not None

    def model_answer(self, level: str = "B1") -> str:
        """The model answer at ``level`` (falls back to the other level)."""
        return self.model_answers.get(level) or next(iter(self.model_answers.values()), "")

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "id": self.id,
            "prompt": self.prompt,
            "key_points": [k.to_dict() for k in self.key_points],
            "terms": list(self.terms),
            "phrases": list(self.phrases),
            "model_answers": dict(self.model_answers),
            "star": self.star.to_dict() if self.star else None,
            "speaker": self.speaker,
            "category": self.category,
            "source": self.source,
            "audio": self.audio,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Turn:
        """Build from ``to_dict`` output or a data-file record."""
        star = data.get("star")
        return cls(
            id=str(data.get("id") or ""),
            prompt=str(data["prompt"]),
            key_points=tuple(KeyPoint.from_dict(k) for k in data.get("key_points") or ()),
            terms=tuple(str(t) for t in data.get("terms") or ()),
            phrases=tuple(str(p) for p in data.get("phrases") or ()),
            model_answers={str(k): str(v) for k, v in (data.get("model_answers") or {}).items()},
            star=StarGuidance.from_dict(star) if star else None,
            speaker=str(data.get("speaker") or "Intervjuer"),
            category=str(data.get("category") or ""),
            source=str(data.get("source") or "bank"),
            audio=data.get("audio") or None,
        )


@dataclass(frozen=True)
class Scenario:
    """A short conversation: an interview or a workplace situation."""

    id: str
    title: str
    kind: str  # "interview" | "workplace"
    turns: tuple[Turn, ...]
    description: str = ""
    sector: str | None = None
    situation: str | None = None  # a key of SITUATIONS for workplace scenarios
    source: str = "bank"

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "description": self.description,
            "sector": self.sector,
            "situation": self.situation,
            "source": self.source,
            "turns": [t.to_dict() for t in self.turns],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Scenario:
        """Build from ``to_dict`` output (teacher-made scenarios are stored this way)."""
        turns = []
        for n, turn in enumerate(data.get("turns") or (), start=1):
            record = dict(turn)
            record.setdefault("id", f"{data.get('id', 'scenario')}_{n}")
            if not str(record.get("prompt") or "").strip():
                raise ScenarioDataError(f"scenario {data.get('id')!r}: turn {n} has no prompt")
            turns.append(Turn.from_dict(record))
        if not turns:
            raise ScenarioDataError(f"scenario {data.get('id')!r} has no turns")
        if not str(data.get("id") or "").strip():
            raise ScenarioDataError("a scenario needs an id")
        return cls(
            id=str(data["id"]),
            title=str(data.get("title") or ""),
            kind=str(data.get("kind") or "workplace"),
            description=str(data.get("description") or ""),
            sector=sector_key(data.get("sector")) or data.get("sector"),
            situation=data.get("situation"),
            source=str(data.get("source") or "bank"),
            turns=tuple(turns),
        )


# --------------------------------------------------------------------------- loading


def _read_toml(name: str) -> dict[str, Any]:
    path = resources.files("interviews").joinpath("data", name)
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ScenarioDataError(f"cannot read interviews/data/{name}: {exc}") from exc


def _check_turn(turn: Turn, where: str) -> None:
    missing = [level for level in MODEL_ANSWER_LEVELS if not turn.model_answers.get(level)]
    if missing or not turn.key_points or not turn.prompt.strip():
        raise ScenarioDataError(f"{where}: a turn needs a prompt, key points and A2/B1 answers")


@cache
def load_question_bank() -> tuple[Turn, ...]:
    """The built-in general interview questions, in file order."""
    data = _read_toml("interview_questions.toml")
    turns: list[Turn] = []
    seen: set[str] = set()
    for record in data.get("question") or ():
        record = dict(record)
        record.setdefault("speaker", "Intervjuer")
        turn = Turn.from_dict(record)
        if not turn.id or turn.id in seen:
            raise ScenarioDataError(f"question id missing or repeated: {turn.id!r}")
        if turn.category not in INTERVIEW_CATEGORIES:
            raise ScenarioDataError(f"question {turn.id}: unknown category {turn.category!r}")
        _check_turn(turn, f"question {turn.id}")
        seen.add(turn.id)
        turns.append(turn)
    return tuple(turns)


@cache
def _workplace() -> tuple[Scenario, ...]:
    data = _read_toml("workplace_situations.toml")
    scenarios: list[Scenario] = []
    for record in data.get("scenario") or ():
        record = dict(record)
        record["kind"] = "workplace"
        scenario = Scenario.from_dict(record)
        if scenario.sector not in SECTOR_PLACES or scenario.situation not in SITUATIONS:
            raise ScenarioDataError(f"scenario {scenario.id}: unknown sector or situation")
        for turn in scenario.turns:
            _check_turn(turn, f"scenario {scenario.id}")
        scenarios.append(scenario)
    ids = [s.id for s in scenarios]
    if len(ids) != len(set(ids)):
        raise ScenarioDataError("workplace scenario ids must be unique")
    return tuple(scenarios)


def load_workplace_scenarios(*, sector: str | None = None) -> tuple[Scenario, ...]:
    """Built-in workplace situations, optionally for one sector (key, name or alias)."""
    scenarios = _workplace()
    if sector is None:
        return scenarios
    key = sector_key(sector)
    return tuple(s for s in scenarios if s.sector == key)


def get_scenario(scenario_id: str) -> Scenario:
    """A built-in workplace scenario, or a one-question interview scenario, by id."""
    for scenario in _workplace():
        if scenario.id == scenario_id:
            return scenario
    for turn in load_question_bank():
        if turn.id == scenario_id:
            return Scenario(
                id=turn.id, title=turn.prompt, kind="interview", turns=(turn,), source="bank"
            )
    raise UnknownScenario(scenario_id)


# --------------------------------------------------------------------------- profile questions


def _forms(term: Term, key: str) -> tuple[str, ...]:
    return tuple(term.forms.get(key, ()))


def _is_simple_word(text: str) -> bool:
    return bool(re.fullmatch(r"[a-zæøåéü]+(?:-[a-zæøåéü]+)?", text))


_ACTIVITY_SUFFIXES = ("mottak", "ing", "hold", "else", "service", "vask", "arbeid", "kontroll")


def _term_key_points(term: Term) -> tuple[KeyPoint, ...]:
    keywords = [term.lemma.lower(), *(p.lower() for p in term.compound_parts)]
    return (
        KeyPoint(label=f"Bruker ordet «{term.lemma}»", keywords=tuple(dict.fromkeys(keywords))),
        KeyPoint(
            label="Forteller om egen erfaring",
            keywords=("erfaring", "jobbe", "praksis", "lære", "bruke", "gjøre"),
        ),
        KeyPoint(label="Gir et eksempel", keywords=("eksempel", "gang", "da", "når", "hver dag")),
    )


def _noun_questions(term: Term) -> list[tuple[str, str, str, str]]:
    """(prompt, A2 answer, B1 answer, id suffix) for one noun term.

    Activity nouns ("varemottak", "renhold") take "Har du erfaring med …?"; every other
    noun gets the explanation question, which is grammatical for people, things and ideas.
    """
    lemma = term.lemma
    activity = lemma.endswith(_ACTIVITY_SUFFIXES)
    if activity:
        return [
            (
                f"Har du erfaring med {lemma}?",
                f"Ja, jeg har litt erfaring med {lemma}. Jeg lærte det i praksis.",
                f"Ja, jeg har erfaring med {lemma} fra praksisen min, og jeg vil gjerne "
                "lære mer om hvordan dere gjør det her.",
                "erfaring",
            )
        ]
    return [
        (
            f"Hvordan vil du forklare ordet «{lemma}» for en ny kollega?",
            f"«{lemma[:1].upper()}{lemma[1:]}» er et ord vi bruker mye på jobben. Jeg kan "
            "forklare det med et eksempel.",
            f"Jeg ville forklare at «{lemma}» er et ord vi bruker mye på jobben, og så "
            "ville jeg vise kollegaen hva det betyr i praksis.",
            "forklar",
        )
    ]


#: Work verbs that make a natural question without an object ("Har du erfaring med å plukke?").
_ACTIVITY_VERBS = frozenset(
    {"plukke", "vaske", "rengjøre", "kjøre", "rydde", "stelle", "løfte", "pakke", "sortere",
     "montere", "male", "snekre", "sveise", "servere", "bake", "telle", "skanne", "levere",
     "laste", "losse", "mure", "flislegge", "støpe", "dusje", "mate", "trøste", "kassere",
     "lakkere", "polere", "moppe", "støvsuge", "skrelle", "steke", "koke", "grille"}
)


def _verb_questions(term: Term) -> list[tuple[str, str, str, str]]:
    inf = (_forms(term, "inf") or (term.lemma,))[0]
    if inf not in _ACTIVITY_VERBS:
        return []
    return [
        (
            f"Har du erfaring med å {inf}?",
            f"Ja, jeg har erfaring med å {inf}. Jeg gjorde det i praksis.",
            f"Ja, jeg har erfaring med å {inf} fra praksisen min, og jeg er vant til å "
            "gjøre det nøyaktig og trygt.",
            "erfaring",
        )
    ]


def questions_from_profile(profile: Profile, *, limit: int = 5) -> tuple[Turn, ...]:
    """Interview questions built from an employer profile's top terms.

    Only single-word nouns and verbs with dictionary forms are used, in fixed
    templates that are grammatical for any such term; safety (HMS) terms and a
    sector-specific HMS question come first.  Deterministic for a given profile.
    """
    sector = sector_key(profile.sector)
    place = SECTOR_PLACES.get(sector or "", "på arbeidsplassen")
    turns: list[Turn] = [
        Turn(
            id="profil_hms",
            prompt=f"Hva vet du om HMS {place}?",
            key_points=(
                KeyPoint(label="Hva HMS betyr", keywords=("helse", "miljø", "sikkerhet")),
                KeyPoint(
                    label="Verneutstyr eller rutiner",
                    keywords=("verneutstyr", "vernesko", "hansker", "hjelm", "rutine", "løfte"),
                ),
                KeyPoint(label="Å si fra om avvik", keywords=("avvik", "si fra", "melde")),
            ),
            terms=tuple(t.lemma for t in profile.terms if t.safety)[:5],
            phrases=("HMS betyr helse, miljø og sikkerhet.", "Jeg bruker alltid …"),
            model_answers={
                "A2": "HMS betyr helse, miljø og sikkerhet. Jeg bruker verneutstyr og sier fra "
                "hvis noe er farlig.",
                "B1": "HMS betyr helse, miljø og sikkerhet. For meg handler det om å bruke "
                "riktig verneutstyr, å følge rutinene og å melde avvik hvis noe er farlig.",
            },
            speaker="Intervjuer",
            category="profile",
            source="profile",
        )
    ]
    ranked = sorted(
        (t for t in profile.terms if not t.is_multiword and _is_simple_word(t.lemma)),
        key=lambda t: (not t.safety, -t.score, t.lemma),
    )
    used: set[str] = set()
    for term in ranked:
        if len(turns) > limit:
            break
        if term.pos == "NOUN" and term.forms:
            candidates = _noun_questions(term)
        elif term.pos == "VERB" and term.forms:
            candidates = _verb_questions(term)
        else:
            continue
        if not candidates:
            continue
        prompt, a2, b1, suffix = candidates[0]
        if prompt in used:
            continue
        used.add(prompt)
        turns.append(
            Turn(
                id=f"profil_{suffix}_{term.lemma}",
                prompt=prompt,
                key_points=_term_key_points(term),
                terms=(term.lemma,),
                phrases=("Jeg har erfaring med …", "For eksempel …"),
                model_answers={"A2": a2, "B1": b1},
                speaker="Intervjuer",
                category="profile",
                source="profile",
            )
        )
    return tuple(turns[: limit + 1]) if limit >= 0 else ()


def question_from_text(
    prompt: str,
    *,
    key_points: Sequence[tuple[str, Sequence[str]]] = (),
    model_answers: Mapping[str, str] | None = None,
    turn_id: str = "laerer",
) -> Turn:
    """A teacher-written question (key points as (label, keywords) pairs)."""
    text = prompt.strip()
    if not text:
        raise ScenarioDataError("a question needs a text")
    return Turn(
        id=turn_id,
        prompt=text,
        key_points=tuple(
            KeyPoint(label=label, keywords=tuple(k.lower() for k in keywords))
            for label, keywords in key_points
        ),
        model_answers=dict(model_answers or {}),
        category="teacher",
        source="teacher",
    )


def interview_scenario(
    *,
    questions: int = 5,
    seed: int = 0,
    profile: Profile | None = None,
    profile_questions: int = 1,
    include: Sequence[str] = (),
) -> Scenario:
    """A mock interview: "Fortell litt om deg selv", a seeded mix, and a closing question.

    ``include`` forces question ids in; ``profile_questions`` of the questions come from
    the employer's profile when one is given.  The same arguments give the same interview.
    """
    if questions < 2:
        raise ValueError("an interview needs at least two questions")
    bank = {t.id: t for t in load_question_bank()}
    unknown = [q for q in include if q not in bank]
    if unknown:
        raise UnknownScenario(", ".join(unknown))
    rng = random.Random(seed)  # noqa: S311 - practice order, not security
    first = bank["om_deg_selv"]
    last = bank["sporsmal_til_oss"]
    chosen: list[Turn] = [bank[q] for q in include if q not in {first.id, last.id}]
    from_profile: list[Turn] = []
    if profile is not None and profile_questions > 0:
        generated = list(questions_from_profile(profile, limit=max(profile_questions, 1)))
        from_profile = generated[1 : 1 + profile_questions] or generated[:profile_questions]
    middle = questions - 2 - len(chosen) - len(from_profile)
    pool = [
        t for t in bank.values()
        if t.id not in {first.id, last.id} and t not in chosen and t.category != "closing"
    ]
    rng.shuffle(pool)
    behavioural = [t for t in pool if t.behavioural][:1]
    rest = [t for t in pool if t not in behavioural]
    picked = (behavioural + rest)[: max(middle, 0)]
    order = {c: i for i, c in enumerate(INTERVIEW_CATEGORIES)}
    body = sorted(chosen + picked, key=lambda t: order.get(t.category, 99)) + from_profile
    turns = [first, *body][: questions - 1] + [last]
    title = f"Jobbintervju – {profile.name}" if profile is not None else "Jobbintervju"
    return Scenario(
        id=f"intervju_{seed}",
        title=title,
        kind="interview",
        description="Et kort jobbintervju. Svar med hele setninger.",
        sector=sector_key(profile.sector) if profile is not None else None,
        turns=tuple(turns),
        source="generated",
    )
