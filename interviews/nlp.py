"""The part of the analyzer and lexicon contract (docs/INTERFACES.md) that ``interviews`` uses.

The checks are written against these structural protocols, so they work with
``language_profiles.analyzer``/``language_profiles.lexicon`` and with small fakes in tests.
``WordFacts`` condenses what the dictionary knows about one written form (is it a present
verb? which articles does it take as a noun?) and caches it per process.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

__all__ = [
    "AnalysisLike",
    "AnalyzerLike",
    "LexEntryLike",
    "LexiconLike",
    "Readings",
    "SentenceLike",
    "TokenLike",
    "WordFacts",
    "default_analyzer",
    "default_lexicon",
    "word_facts",
    "zipf",
]


class TokenLike(Protocol):
    """One token of an analysis (``language_profiles.analyzer.Token``)."""

    @property
    def text(self) -> str: ...
    @property
    def idx(self) -> int: ...
    @property
    def lemma(self) -> str: ...
    @property
    def pos(self) -> str: ...
    @property
    def morph(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def is_punct(self) -> bool: ...
    @property
    def ent_type(self) -> str: ...
    @property
    def articles(self) -> tuple[str, ...]: ...
    @property
    def compound_parts(self) -> tuple[str, ...]: ...
    @property
    def in_dictionary(self) -> bool: ...

    def feat(self, name: str) -> str | None:
        """Return one morphological feature."""
        ...


class SentenceLike(Protocol):
    """One sentence of an analysis."""

    @property
    def text(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def tokens(self) -> Sequence[TokenLike]: ...


class AnalysisLike(Protocol):
    """The result of ``Analyzer.analyze``."""

    @property
    def text(self) -> str: ...
    @property
    def sentences(self) -> Sequence[SentenceLike]: ...


class AnalyzerLike(Protocol):
    """``language_profiles.analyzer.Analyzer``."""

    def analyze(self, text: str) -> AnalysisLike:
        """Analyse a text."""
        ...


class LexEntryLike(Protocol):
    """``language_profiles.lexicon.LexEntry``."""

    @property
    def lemma(self) -> str: ...
    @property
    def pos(self) -> str: ...
    @property
    def articles(self) -> tuple[str, ...]: ...
    @property
    def forms(self) -> Mapping[str, tuple[str, ...]]: ...


class LexiconLike(Protocol):
    """``language_profiles.lexicon.Lexicon``."""

    def entries(self, lemma: str, pos: str | None = None) -> Sequence[LexEntryLike]:
        """All readings of a lemma."""
        ...

    def lemmas_of(self, form: str) -> Sequence[tuple[str, str]]:
        """(lemma, UPOS) pairs with this full form."""
        ...

    def is_word(self, form: str) -> bool:
        """True for a lemma or an inflected form."""
        ...

    def similar(self, word: str, n: int = 3) -> list[str]:
        """Closest dictionary words."""
        ...


def default_analyzer() -> AnalyzerLike:
    """Return the shared analyzer (the trained model, or the logged fallback)."""
    from language_profiles.analyzer import get_analyzer

    analyzer: AnalyzerLike = get_analyzer()
    return analyzer


def default_lexicon() -> LexiconLike:
    """Return the shared Bokmålsordboka lexicon."""
    from language_profiles.lexicon import load_lexicon

    lexicon: LexiconLike = load_lexicon()
    return lexicon


@lru_cache(maxsize=50_000)
def zipf(word: str, lang: str = "nb") -> float:
    """Zipf frequency of a word in general Norwegian Bokmål (or ``lang``); 0 when unknown."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, lang))


@dataclass(frozen=True)
class NounReading:
    """One noun reading of a form: its lemma, articles, the form's slot and a frequency weight."""

    lemma: str
    articles: tuple[str, ...]
    keys: frozenset[str]
    weight: float


@dataclass(frozen=True)
class Readings:
    """What the dictionary knows about one lower-case written form."""

    form: str
    known: bool
    pos: frozenset[str]  # every UPOS the form has in the dictionary
    verb_keys: frozenset[str]  # inf, pres, past, perf_part, imp
    verb_lemmas: tuple[str, ...]
    noun_keys: frozenset[str]  # sg_indef, sg_def, pl_indef, pl_def
    nouns: tuple[NounReading, ...]
    adj_keys: frozenset[str]  # pos_mf, pos_n, pos_pl, comp, sup
    adj_lemmas: tuple[str, ...]

    @property
    def only_verb(self) -> bool:
        """True when every dictionary reading is a verb."""
        return bool(self.pos) and self.pos <= {"VERB", "AUX"}

    @property
    def finite_verb(self) -> bool:
        """True when the form is a present or past verb form in the dictionary."""
        return bool(self.verb_keys & {"pres", "past"})

    def articles_sg_indef(self, *, tolerance: float = 1.5) -> tuple[str, ...]:
        """Articles of the noun readings for which this form is singular indefinite.

        Rare homographs are ignored when their definite forms are far less frequent
        (``tolerance`` in Zipf units) than those of the main reading: "et bord" (table)
        versus the rare masculine "bord" (a trim), so "en bord" can be flagged, while
        "ting" keeps both "en" and "et".
        """
        readings = [n for n in self.nouns if "sg_indef" in n.keys]
        if not readings:
            return ()
        top = max(n.weight for n in readings)
        result: list[str] = []
        for reading in readings:
            if reading.weight >= top - tolerance:
                result.extend(a for a in reading.articles if a not in result)
        order = {"ei": 0, "en": 1, "et": 2}
        return tuple(sorted(result, key=lambda a: order.get(a, 3)))


_MAX_CACHED_FORMS = 200_000


class WordFacts:
    """Cached dictionary facts per written form, on top of a ``LexiconLike``."""

    def __init__(self, lexicon: LexiconLike) -> None:
        self.lexicon = lexicon
        self._cache: dict[str, Readings] = {}
        self._forms: dict[tuple[str, str, str], tuple[str, ...]] = {}

    def readings(self, form: str) -> Readings:
        """Return the dictionary readings of ``form`` (case-insensitive)."""
        key = form.lower()
        found = self._cache.get(key)
        if found is None:
            found = self._compute(key)
            if len(self._cache) >= _MAX_CACHED_FORMS:
                self._cache.clear()  # bounded memory in a long-running web process
            self._cache[key] = found
        return found

    def _compute(self, form: str) -> Readings:
        pos: set[str] = set()
        verb_keys: set[str] = set()
        verb_lemmas: list[str] = []
        noun_keys: set[str] = set()
        nouns: list[NounReading] = []
        adj_keys: set[str] = set()
        adj_lemmas: list[str] = []
        noun_parts: list[tuple[str, tuple[str, ...], frozenset[str], frozenset[str]]] = []
        pairs = tuple(self.lexicon.lemmas_of(form))
        for lemma, upos in pairs:
            pos.add(upos)
            if upos not in {"NOUN", "VERB", "ADJ"}:
                continue
            for entry in self.lexicon.entries(lemma, upos):
                keys = frozenset(k for k, vals in entry.forms.items() if _has(vals, form))
                if not keys and entry.lemma.lower() != form:
                    continue
                if upos == "VERB":
                    verb_keys |= keys
                    if entry.lemma not in verb_lemmas:
                        verb_lemmas.append(entry.lemma)
                elif upos == "NOUN":
                    if not keys:
                        keys = frozenset({"sg_indef"})
                    noun_keys |= keys
                    definite = frozenset(
                        v.lower() for k in ("sg_def", "pl_def") for v in entry.forms.get(k, ())
                    )
                    noun_parts.append((entry.lemma, tuple(entry.articles), keys, definite))
                else:
                    adj_keys |= keys
                    if entry.lemma not in adj_lemmas:
                        adj_lemmas.append(entry.lemma)
        for n, (lemma, articles, keys, definite) in enumerate(noun_parts):
            others = {f for m, part in enumerate(noun_parts) if m != n for f in part[3]}
            nouns.append(
                NounReading(
                    lemma=lemma,
                    articles=articles,
                    keys=keys,
                    weight=_noun_weight(definite - others or definite),
                )
            )
        return Readings(
            form=form,
            known=bool(pairs) or self.lexicon.is_word(form),
            pos=frozenset(pos),
            verb_keys=frozenset(verb_keys),
            verb_lemmas=tuple(verb_lemmas),
            noun_keys=frozenset(noun_keys),
            nouns=tuple(nouns),
            adj_keys=frozenset(adj_keys),
            adj_lemmas=tuple(adj_lemmas),
        )

    def form_of(self, lemma: str, pos: str, key: str) -> tuple[str, ...]:
        """Spellings of one paradigm cell (``("jobber",)`` for jobbe/VERB/pres), preferred first."""
        cache_key = (lemma, pos, key)
        found = self._forms.get(cache_key)
        if found is None:
            values: list[str] = []
            for entry in self.lexicon.entries(lemma, pos):
                values.extend(v for v in entry.forms.get(key, ()) if v not in values)
            found = tuple(values)
            self._forms[cache_key] = found
        return found

    def adjective_paradigm(self, form: str) -> Mapping[str, tuple[str, ...]] | None:
        """The adjective paradigm containing ``form`` when it is unambiguous, else ``None``."""
        readings = self.readings(form)
        if len(readings.adj_lemmas) != 1:
            return None
        candidates = [
            e
            for e in self.lexicon.entries(readings.adj_lemmas[0], "ADJ")
            if any(_has(v, form) for v in e.forms.values())
        ]
        if len(candidates) != 1:
            return None
        return candidates[0].forms

    def known(self, form: str) -> bool:
        """True when the form is in the dictionary."""
        return self.readings(form).known


def _has(values: Iterable[str], form: str) -> bool:
    return any(v.lower() == form for v in values)


def _noun_weight(definite_forms: Iterable[str]) -> float:
    """Frequency weight of one noun reading: its most frequent (distinctive) definite form."""
    return max((zipf(v) for v in definite_forms), default=0.0)


_FACTS: dict[int, WordFacts] = {}


def word_facts(lexicon: LexiconLike) -> WordFacts:
    """Return the cached ``WordFacts`` for one lexicon object."""
    facts = _FACTS.get(id(lexicon))
    if facts is None or facts.lexicon is not lexicon:
        facts = WordFacts(lexicon)
        _FACTS[id(lexicon)] = facts
    return facts
