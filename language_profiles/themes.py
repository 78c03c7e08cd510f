"""Suggested themes (Kasse, Lager, HMS, ...) and safety-critical (HMS) flags for terms and phrases.

Both come from curated keyword lists in ``language_profiles/data`` (``themes.txt``,
``hms_terms.txt``).  A compound inherits the theme of its last part, its head (``varemottak`` →
``mottak`` → Lager); it is safety-critical when it or any of its
parts is on the HMS list (``brannøvelse`` contains ``brann``).  These are suggestions: the
teacher confirms them while curating.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources

__all__ = [
    "THEMES",
    "hms_terms",
    "is_safety_term",
    "suggest_theme",
    "theme_keywords",
]


def _read_data(name: str) -> list[str]:
    text = resources.files("language_profiles").joinpath("data", name).read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def theme_keywords() -> dict[str, frozenset[str]]:
    """Return the theme name → lemma set mapping from ``data/themes.txt``."""
    themes: dict[str, set[str]] = {}
    current: str | None = None
    for line in _read_data("themes.txt"):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
            themes.setdefault(current, set())
        elif current is not None:
            themes[current].update(word.lower() for word in line.split())
    return {name: frozenset(words) for name, words in themes.items()}


THEMES: tuple[str, ...] = tuple(theme_keywords())


@cache
def hms_terms() -> tuple[frozenset[str], frozenset[str]]:
    """Return (safety lemmas, safety compound parts) from ``data/hms_terms.txt``."""
    words: set[str] = set()
    parts: set[str] = set()
    for line in _read_data("hms_terms.txt"):
        if line.startswith("part:"):
            parts.add(line[5:].strip().lower())
        else:
            words.add(line.lower())
    return frozenset(words), frozenset(parts)


@cache
def _word_to_theme() -> dict[str, str]:
    mapping: dict[str, str] = {}
    for theme, words in theme_keywords().items():
        for word in words:
            mapping.setdefault(word, theme)
    return mapping


def is_safety_term(lemma: str, compound_parts: Sequence[str] = ()) -> bool:
    """Return True when the lemma (or, for a multiword term, one of its words) is an HMS word."""
    words, parts = hms_terms()
    lemma = lemma.lower()
    if lemma in words:
        return True
    pieces = lemma.split()
    if len(pieces) > 1 and any(piece in words for piece in pieces):
        return True
    return any(part.lower() in parts or part.lower() in words for part in compound_parts)


def suggest_theme(lemma: str, compound_parts: Sequence[str] = ()) -> str | None:
    """Return a suggested theme for a term, or None."""
    mapping = _word_to_theme()
    lemma = lemma.lower()
    if is_safety_term(lemma, compound_parts):
        return "HMS"
    if lemma in mapping:
        return mapping[lemma]
    pieces: Iterable[str] = reversed(lemma.split())
    for piece in pieces:
        if piece in mapping:
            return mapping[piece]
    if compound_parts:
        # Only the head (last part) decides: "kortutsteder" is not about the till ("kort").
        last = compound_parts[-1].lower()
        if last in mapping:
            return mapping[last]
    return None
