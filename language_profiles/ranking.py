"""Ranking maths for profile terms: keyness against general Norwegian, dispersion, level, score.

Keyness
    Kilgarriff's "simple maths" smoothed ratio, on a log2 scale::

        keyness = log2((fpm_here + K) / (fpm_general + K))      K = 10 per million

    ``fpm_here`` is the term's frequency per million words in the sources, ``fpm_general`` its
    frequency in general Norwegian from ``wordfreq.zipf_frequency(word, "nb")`` (Zipf z means
    10**(z-3) per million).  Words wordfreq has never seen (typically compounds) get a floor of
    Zipf 1.0.  K damps tiny counts: a word seen once in a short text is not automatically
    "key".  For multiword terms the general frequency is that of the rarest content word,
    divided by 10 (a combination is rarer than its parts).

Reference corpus (optional, on by default in the builder)
    A "workplace reference": lemma counts from many workplaces (real job ads from all NAV
    sectors, shipped as derived counts in ``data/workplace_reference.json``).  With a reference
    the keyness is ``min(keyness vs general Norwegian, keyness vs the reference)``: a term must
    stand out both from everyday Norwegian *and* from workplace language in general, so
    boilerplate shared by every workplace ("stilling", "søknad", "arbeidsmiljø") sinks while
    "pall", "pasient" or "kasse" stay on top.  The builder also multiplies the score of a
    (non-safety) term by 0.3 when it is less than 3x as frequent here as in the reference.

Dispersion
    0.7 x the share of sources the term occurs in + 0.3 x the share of ~500-word parts of the
    text it occurs in (only the latter for a single source): a safety word used in every
    routine beats a word used in one paragraph.

Score (what to learn first)::

        score = max(keyness, 0.5) * log2(1 + count) * (0.2 + 0.8 * dispersion) * boosts

    ``boosts`` is 1.6 for safety-critical (HMS) terms, so they are never postponed, and 1.1
    for multiword terms that the dictionary lists as fixed expressions.

Level (A1–B2+), from general frequency and length
    Zipf ≥ 5.0 → A1; ≥ 4.3 → A2; ≥ 3.6 → B1; ≥ 2.8 → B2; otherwise B2+.  A word of more than 12
    letters moves up one level.  A compound gets the easier of that and the level of its
    hardest part (one step higher when it has three or more parts).  A multiword term gets the
    level of its hardest word.  These are rough CEFR-style bands meant for ordering, which the
    teacher can override.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

from language_profiles.profile import LEVELS

__all__ = [
    "GENERAL_FLOOR_ZIPF",
    "ReferenceCorpus",
    "load_workplace_reference",
    "reference_keyness",
    "reference_keyness_lower",
    "SMOOTHING_PER_MILLION",
    "dispersion",
    "estimate_level",
    "general_zipf",
    "keyness",
    "level_from_zipf",
    "score_term",
]

#: Kilgarriff's smoothing constant, in occurrences per million words.
SMOOTHING_PER_MILLION = 10.0
#: Zipf value assumed for words wordfreq has never seen.
GENERAL_FLOOR_ZIPF = 1.0
#: Score multiplier for safety-critical terms.
SAFETY_BOOST = 1.6
#: Score multiplier for fixed expressions from the dictionary.
EXPRESSION_BOOST = 1.1

_LEVEL_BANDS: tuple[tuple[float, str], ...] = ((5.0, "A1"), (4.3, "A2"), (3.6, "B1"), (2.8, "B2"))


@lru_cache(maxsize=200_000)
def general_zipf(word: str) -> float:
    """Zipf frequency of ``word`` in general Bokmål (0.0 when unknown to wordfreq)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word.lower(), "nb"))


def _zipf_to_fpm(zipf: float) -> float:
    return math.pow(10.0, zipf - 3.0)


def multiword_zipf(words: Sequence[str]) -> float:
    """General Zipf frequency assumed for a multiword term: rarest word, one order lower."""
    values = [general_zipf(w) or GENERAL_FLOOR_ZIPF for w in words if w]
    if not values:
        return GENERAL_FLOOR_ZIPF
    return max(GENERAL_FLOOR_ZIPF, min(values) - 1.0)


def keyness(count: int, total_words: int, zipf: float) -> float:
    """Smoothed log2 ratio of the term's frequency here to its frequency in general Norwegian."""
    if total_words <= 0:
        return 0.0
    fpm_here = count * 1_000_000.0 / total_words
    fpm_general = _zipf_to_fpm(max(zipf, GENERAL_FLOOR_ZIPF))
    k = SMOOTHING_PER_MILLION
    return math.log2((fpm_here + k) / (fpm_general + k))


@dataclass(frozen=True)
class ReferenceCorpus:
    """Lemma (and multiword-term) counts of a reference corpus of workplace texts."""

    name: str
    words: int
    counts: Mapping[str, int] = field(default_factory=dict)

    def count(self, key: str) -> int:
        """Occurrences of a lemma or multiword term (lower case) in the reference."""
        return self.counts.get(key.lower(), 0)

    @classmethod
    def merge(cls, name: str, corpora: Iterable[ReferenceCorpus]) -> ReferenceCorpus:
        """Sum several references (e.g. all sectors but one)."""
        total: Counter[str] = Counter()
        words = 0
        for corpus in corpora:
            total.update(corpus.counts)
            words += corpus.words
        return cls(name=name, words=words, counts=dict(total))

    def to_dict(self, *, min_count: int = 1) -> dict[str, object]:
        """JSON-ready form (counts below ``min_count`` dropped to keep files small)."""
        kept = {k: v for k, v in sorted(self.counts.items()) if v >= min_count}
        return {"name": self.name, "words": self.words, "min_count": min_count, "counts": kept}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> ReferenceCorpus:
        """Inverse of :meth:`to_dict`."""
        counts = data.get("counts") or {}
        if not isinstance(counts, Mapping):
            counts = {}
        return cls(
            name=str(data.get("name", "")),
            words=int(str(data.get("words", 0))),
            counts={str(k): int(v) for k, v in counts.items()},
        )


@cache
def load_workplace_reference() -> ReferenceCorpus | None:
    """The shipped workplace reference (``data/workplace_reference.json``), if present."""
    path = resources.files("language_profiles").joinpath("data", "workplace_reference.json")
    if not path.is_file():
        return None
    return ReferenceCorpus.from_dict(json.loads(path.read_text("utf-8")))


def reference_keyness(count: int, total_words: int, reference: ReferenceCorpus, key: str) -> float:
    """Smoothed log2 ratio of the term's frequency here to its frequency in the reference."""
    if total_words <= 0 or reference.words <= 0:
        return 0.0
    fpm_here = count * 1_000_000.0 / total_words
    fpm_ref = reference.count(key) * 1_000_000.0 / reference.words
    k = SMOOTHING_PER_MILLION
    return math.log2((fpm_here + k) / (fpm_ref + k))

def reference_keyness_lower(
    count: int, total_words: int, reference: ReferenceCorpus, key: str, *, z: float = 1.0
) -> float:
    """A conservative :func:`reference_keyness`: the log2 ratio minus ``z`` standard errors.

    Hardie's "conservative Log Ratio": with few occurrences the ratio is uncertain, so a term
    seen 5 times here and 13 times in a ten times larger reference (4.5 x) is not taken as
    surely 3 x as frequent; one seen 60 times against 130 is.  The standard error of a log
    ratio of two counts is sqrt(1/a + 1/b) (natural log; counts + 0.5 so zero is allowed).
    """
    point = reference_keyness(count, total_words, reference, key)
    error = math.sqrt(1 / (count + 0.5) + 1 / (reference.count(key) + 0.5)) / math.log(2)
    return point - z * error


def dispersion(documents: int, n_sources: int, parts: int, n_parts: int) -> float:
    """Blend of source spread and within-text spread, in [0, 1]."""
    part_share = parts / n_parts if n_parts > 0 else 0.0
    if n_sources <= 1:
        return min(1.0, part_share)
    doc_share = documents / n_sources
    return min(1.0, 0.7 * doc_share + 0.3 * part_share)


def score_term(
    *,
    count: int,
    keyness_value: float,
    dispersion_value: float,
    safety: bool = False,
    expression: bool = False,
) -> float:
    """Learn-first score: distinctive, frequent and spread terms first; safety boosted."""
    score = max(keyness_value, 0.5) * math.log2(1 + count) * (0.2 + 0.8 * dispersion_value)
    if safety:
        score *= SAFETY_BOOST
    if expression:
        score *= EXPRESSION_BOOST
    return round(score, 4)


def level_from_zipf(zipf: float) -> str:
    """Map a general-language Zipf frequency to a level band."""
    for threshold, level in _LEVEL_BANDS:
        if zipf >= threshold:
            return level
    return "B2+"


def _step(level: str, steps: int = 1) -> str:
    index = min(len(LEVELS) - 1, LEVELS.index(level) + steps)
    return LEVELS[index]


def _hardest(levels: Sequence[str]) -> str:
    return max(levels, key=LEVELS.index)


def estimate_level(lemma: str, compound_parts: Sequence[str] = ()) -> str:
    """Estimate the level of a term from general frequency and length (see module docstring)."""
    words = lemma.split()
    if len(words) > 1:
        return _hardest([estimate_level(w) for w in words if w])
    zipf = general_zipf(lemma)
    level = level_from_zipf(zipf or GENERAL_FLOOR_ZIPF)
    if len(lemma) > 12:
        level = _step(level)
    if compound_parts:
        parts_level = _hardest(
            [level_from_zipf(general_zipf(p) or GENERAL_FLOOR_ZIPF) for p in compound_parts]
        )
        if len(compound_parts) >= 3:
            parts_level = _step(parts_level)
        # A compound of easy parts is easier than its own (low) frequency suggests.
        level = min(level, parts_level, key=LEVELS.index)
    return level
