"""Frozen value types for an employer language profile, shared by every package.

These are the contract between ``language_profiles`` (which builds profiles),
``exercises``/``interviews``/``progress`` (which consume them) and ``webapp``
(which stores them).  They are plain data: no Flask, no SQLAlchemy.

Form keys (``Term.forms``) use a fixed vocabulary, see ``NOUN_FORM_KEYS`` etc.
Each key maps to a tuple of allowed spellings, because Bokmål often allows two
(``hylla``/``hyllen``, ``vasket``/``vaska``): the first is the preferred one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from language_profiles import PROFILE_SCHEMA_VERSION

#: Noun forms: singular indefinite/definite, plural indefinite/definite.
NOUN_FORM_KEYS: tuple[str, ...] = ("sg_indef", "sg_def", "pl_indef", "pl_def")
#: Verb forms: infinitive (without "å"), present, past (preteritum), perfect participle,
#: imperative.  The perfect tense is "har" + ``perf_part``.
VERB_FORM_KEYS: tuple[str, ...] = ("inf", "pres", "past", "perf_part", "imp")
#: Adjective forms: masculine/feminine singular, neuter singular, definite/plural,
#: comparative, superlative.
ADJ_FORM_KEYS: tuple[str, ...] = ("pos_mf", "pos_n", "pos_pl", "comp", "sup")

#: CEFR-style levels used for terms, items and skill estimates.
LEVELS: tuple[str, ...] = ("A1", "A2", "B1", "B2", "B2+")

Forms = Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class Term:
    """One workplace term: a single word or a multiword expression."""

    lemma: str
    pos: str  # UPOS: NOUN, VERB, ADJ, ADV, PROPN, ... ; "PHRASE" not used here
    articles: tuple[str, ...] = ()  # ("ei", "en") for hylle; () for non-nouns
    forms: Forms = field(default_factory=dict)
    compound_parts: tuple[str, ...] = ()  # ("truck", "fører", "bevis"); () if not a compound
    definition: str | None = None  # short Norwegian definition from Bokmålsordboka
    count: int = 0  # occurrences in the sources
    documents: int = 0  # number of sources it occurs in
    keyness: float = 0.0  # how distinctive vs general Norwegian (log-likelihood ratio or similar)
    level: str = "B1"  # one of LEVELS
    examples: tuple[str, ...] = ()  # 0-3 best example sentences from the sources
    score: float = 0.0  # ranking score (higher = learn first)
    is_multiword: bool = False
    safety: bool = False  # suggested/marked safety-critical (HMS)
    theme: str | None = None  # suggested theme, e.g. "Lager", "Kasse", "HMS"
    gloss: Mapping[str, str] = field(default_factory=dict)  # language code -> short gloss
    definition_by_teacher: bool = False  # the teacher wrote ``definition``: shown in full

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (tuples become lists)."""
        data = asdict(self)
        data["forms"] = {k: list(v) for k, v in self.forms.items()}
        data["gloss"] = dict(self.gloss)
        for key in ("articles", "compound_parts", "examples"):
            data[key] = list(data[key])
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Term:
        """Build a term from ``to_dict`` output (unknown keys are ignored)."""
        known = {f for f in cls.__dataclass_fields__}
        values = {k: v for k, v in data.items() if k in known}
        values["forms"] = {k: tuple(v) for k, v in (data.get("forms") or {}).items()}
        values["gloss"] = dict(data.get("gloss") or {})
        for key in ("articles", "compound_parts", "examples"):
            values[key] = tuple(data.get(key) or ())
        return cls(**values)


@dataclass(frozen=True)
class Phrase:
    """A recurrent useful sentence or sentence frame ("Kan jeg hjelpe deg?")."""

    text: str
    count: int = 0
    documents: int = 0
    examples: tuple[str, ...] = ()
    score: float = 0.0
    safety: bool = False
    theme: str | None = None
    situation: str | None = None  # short description of when it is said, if known

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        data = asdict(self)
        data["examples"] = list(self.examples)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Phrase:
        """Build a phrase from ``to_dict`` output (unknown keys are ignored)."""
        known = {f for f in cls.__dataclass_fields__}
        values = {k: v for k, v in data.items() if k in known}
        values["examples"] = tuple(data.get("examples") or ())
        return cls(**values)


@dataclass(frozen=True)
class ProfileVersions:
    """What produced a profile, so a rebuild after an upgrade is explainable."""

    schema_version: int = PROFILE_SCHEMA_VERSION
    spacy_version: str = ""
    model_name: str = ""
    model_version: str = ""
    dictionary: str = ""


@dataclass(frozen=True)
class Profile:
    """A built language profile: ranked terms and phrases plus statistics."""

    name: str
    terms: tuple[Term, ...] = ()
    phrases: tuple[Phrase, ...] = ()
    sector: str | None = None
    stats: Mapping[str, Any] = field(default_factory=dict)  # words, sources, build seconds, ...
    versions: ProfileVersions = field(default_factory=ProfileVersions)
    warnings: tuple[str, ...] = ()  # per-source problems in plain Norwegian

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "name": self.name,
            "sector": self.sector,
            "terms": [t.to_dict() for t in self.terms],
            "phrases": [p.to_dict() for p in self.phrases],
            "stats": dict(self.stats),
            "versions": asdict(self.versions),
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Profile:
        """Build a profile from ``to_dict`` output."""
        return cls(
            name=str(data.get("name", "")),
            sector=data.get("sector"),
            terms=tuple(Term.from_dict(t) for t in data.get("terms", ())),
            phrases=tuple(Phrase.from_dict(p) for p in data.get("phrases", ())),
            stats=dict(data.get("stats") or {}),
            versions=ProfileVersions(**(data.get("versions") or {})),
            warnings=tuple(data.get("warnings") or ()),
        )
