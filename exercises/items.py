"""Exercise items (frozen, JSON-serialisable) and the registry of item generators by type.

A generator turns a :class:`~language_profiles.profile.Profile` into :class:`ExerciseItem`
values.  Generators are classes registered with ``@register("cloze")``; they take a
:class:`GenerationContext` (profile, mentor phrases, ``random.Random``, help language) and
return items plus the candidates they rejected (ambiguous or giveaway items) with a reason.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar, Protocol

from exercises.errors import InvalidItemData, UnknownExerciseType
from language_profiles.profile import Phrase, Profile, Term

__all__ = [
    "ANSWER_MODES",
    "EXERCISE_TYPES",
    "ITEM_SCHEMA_VERSION",
    "SKILLS",
    "ExerciseItem",
    "GenerationContext",
    "GenerationResult",
    "Generator",
    "Rejection",
    "exercise_types",
    "generate_items",
    "get_generator",
    "make_item_id",
    "register",
]

#: Bump when the meaning of stored item fields changes.
ITEM_SCHEMA_VERSION = 1

#: The exercise types, in the order a session introduces them.
EXERCISE_TYPES: tuple[str, ...] = (
    "flashcard",
    "meaning",
    "article",
    "inflection",
    "cloze",
    "listening",
    "dictation",
    "word_order",
    "situation",
)

#: Skills per Norskprøven; every item is evidence for one or more of them.
SKILLS: tuple[str, ...] = ("listening", "reading", "writing", "oral")

#: How the learner answers: tap one option, type, put tokens in order, or rate oneself.
ANSWER_MODES: tuple[str, ...] = ("choice", "typed", "order", "self")


@dataclass(frozen=True)
class ExerciseItem:
    """One exercise, ready to be stored and served.  All Norwegian text is Bokmål."""

    id: str  # stable: hash of type + lemma + variant
    type: str  # one of EXERCISE_TYPES
    variant: str  # e.g. "pl_def", "past", "form", "meaning", a sentence key
    lemma: str  # the term (or phrase text) the item practises
    prompt: str  # the main Norwegian text shown (word, sentence with ___, situation)
    answer_mode: str  # one of ANSWER_MODES
    check_kind: str  # kind for ``check_answer`` ("word", "article", "choice", ...)
    accepted: tuple[str, ...] = ()  # every right answer, preferred first
    options: tuple[str, ...] = ()  # choices, or shuffled tokens for word order
    confusables: tuple[str, ...] = ()  # real words never accepted as slips of the finger
    expected: str = ""  # the answer shown after answering
    hint: str | None = None  # e.g. the lemma in a cloze, "å vaske"
    explanation: str | None = None  # shown after answering ("Både ei og en hylle er riktig.")
    audio_text: str | None = None  # what the play button says (Norwegian)
    example: str | None = None  # an example sentence (flashcards)
    definition: str | None = None  # Norwegian definition (flashcards, meaning)
    gloss: str | None = None  # gloss in the help language, when known
    help_language: str | None = None
    skills: tuple[str, ...] = ()  # subset of SKILLS
    level: str = "B1"
    difficulty: float = 0.5  # 0 easy .. 1 hard (rough, for ordering)
    pos: str = ""
    theme: str | None = None
    safety: bool = False
    extra: Mapping[str, Any] = field(default_factory=dict)  # type-specific JSON-able data
    schema_version: int = ITEM_SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (tuples become lists)."""
        data: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, Mapping):
                value = dict(value)
            data[f.name] = value
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ExerciseItem:
        """Build an item from ``to_dict`` output (unknown keys are ignored)."""
        known = {f.name: f for f in fields(cls)}
        missing = {"id", "type", "variant", "lemma", "prompt", "answer_mode", "check_kind"} - set(
            data
        )
        if missing:
            raise InvalidItemData(f"exercise item is missing {sorted(missing)}")
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key not in known:
                continue
            if isinstance(value, list):
                value = tuple(value)
            values[key] = value
        if "extra" in values:
            values["extra"] = dict(values["extra"] or {})
        return cls(**values)


def make_item_id(item_type: str, lemma: str, variant: str) -> str:
    """A short, stable id from type + lemma + variant (same input, same id, on every machine)."""
    key = f"{item_type}\x1f{lemma.casefold()}\x1f{variant}".encode()
    return hashlib.sha1(key, usedforsecurity=False).hexdigest()[:16]


@dataclass(frozen=True)
class Rejection:
    """A candidate item a generator refused, with the reason (for tests and teachers)."""

    type: str
    lemma: str
    reason: str  # short English code-like reason, e.g. "sentence gives the answer away"
    detail: str = ""


@dataclass(frozen=True)
class GenerationResult:
    """Items made and candidates rejected by one or more generators."""

    items: tuple[ExerciseItem, ...] = ()
    rejections: tuple[Rejection, ...] = ()


@dataclass
class GenerationContext:
    """Everything a generator may use.  ``rng`` is the only source of randomness."""

    profile: Profile
    rng: random.Random
    help_language: str = "en"
    mentor_phrases: Sequence[Phrase] = ()
    terms: Sequence[Term] | None = None  # restrict to these terms (default: the profile's)
    similar_words: Callable[[str], Sequence[str]] | None = None  # e.g. Lexicon.similar
    is_word: Callable[[str], bool] | None = None  # e.g. Lexicon.is_word
    cache: dict[Any, Any] = field(default_factory=dict, repr=False)  # per-run memo for generators

    @property
    def selected_terms(self) -> Sequence[Term]:
        """The terms to generate for, in the profile's priority order."""
        return self.profile.terms if self.terms is None else self.terms


class Generator(Protocol):
    """A generator of one exercise type."""

    type_name: ClassVar[str]

    def generate(self, ctx: GenerationContext) -> GenerationResult:
        """Make items for the context's terms (and phrases); report rejected candidates."""
        ...


_REGISTRY: dict[str, type[Generator]] = {}


def register(type_name: str) -> Callable[[type[Any]], type[Any]]:
    """Class decorator: register a generator class under ``type_name``."""

    def decorate(cls: type[Any]) -> type[Any]:
        if type_name in _REGISTRY and _REGISTRY[type_name] is not cls:
            raise ValueError(f"exercise type {type_name!r} is already registered")
        cls.type_name = type_name
        _REGISTRY[type_name] = cls
        return cls

    return decorate


def _ensure_loaded() -> None:
    # Importing the package registers the built-in generators (decorators run on import).
    import exercises.generators  # noqa: F401


def exercise_types() -> tuple[str, ...]:
    """The registered exercise types, built-in ones in ``EXERCISE_TYPES`` order first."""
    _ensure_loaded()
    known = [t for t in EXERCISE_TYPES if t in _REGISTRY]
    return tuple(known + sorted(t for t in _REGISTRY if t not in EXERCISE_TYPES))


def get_generator(type_name: str) -> Generator:
    """Return a generator instance for ``type_name``; raise ``UnknownExerciseType``."""
    _ensure_loaded()
    try:
        cls = _REGISTRY[type_name]
    except KeyError as e:
        raise UnknownExerciseType(type_name) from e
    return cls()


def generate_items(
    profile: Profile,
    *,
    rng: random.Random,
    help_language: str = "en",
    types: Iterable[str] | None = None,
    mentor_phrases: Sequence[Phrase] = (),
    terms: Sequence[Term] | None = None,
    similar_words: Callable[[str], Sequence[str]] | None = None,
    is_word: Callable[[str], bool] | None = None,
) -> GenerationResult:
    """Run the generators of ``types`` (default: all) over a profile; deterministic per seed."""
    ctx = GenerationContext(
        profile=profile,
        rng=rng,
        help_language=help_language,
        mentor_phrases=mentor_phrases,
        terms=terms,
        similar_words=similar_words,
        is_word=is_word,
    )
    items: list[ExerciseItem] = []
    rejections: list[Rejection] = []
    seen: set[str] = set()
    for type_name in exercise_types() if types is None else tuple(types):
        result = get_generator(type_name).generate(ctx)
        for item in result.items:
            if item.id not in seen:
                seen.add(item.id)
                items.append(item)
        rejections.extend(result.rejections)
    return GenerationResult(tuple(items), tuple(rejections))
