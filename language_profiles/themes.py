"""Suggested themes (Kasse, Lager, HMS, ...) and safety-critical (HMS) flags for terms and phrases.

Both come from curated keyword lists in ``language_profiles/data`` (``themes.txt``,
``hms_terms.txt``).  A compound inherits the theme of its last part, its head (``varemottak`` →
``mottak`` → Lager); it is safety-critical when it or any of its
parts is on the HMS list (``brannøvelse`` contains ``brann``).  These are suggestions: the
teacher confirms them while curating.

The lists mix nouns and verbs, and a verb says little about the workplace: *bytte* is the
till's "exchange" in a shop but "change (gloves)" in a nursing home.  So a phrase takes its
theme from its nouns (``suggest_phrase_theme``); a verb on its own suggests only a theme every
workplace has (HMS, Arbeidstid) or one of the profile's sector when that is known, and a noun
from another sector's list still counts, but less.  A verb term gets no other sector's theme.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from types import MappingProxyType

from language_profiles.sectors import SECTORS, normalize_sector

__all__ = [
    "GENERAL_THEMES",
    "SECTOR_THEMES",
    "THEMES",
    "hms_terms",
    "is_safety_term",
    "sector_key",
    "suggest_phrase_theme",
    "suggest_theme",
    "theme_keywords",
]

#: Themes every workplace has: suggested whatever the sector.
GENERAL_THEMES: frozenset[str] = frozenset({"HMS", "Arbeidstid"})
#: Sector key (``language_profiles.sectors``) → the themes that belong to that sector.
SECTOR_THEMES: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "butikk": frozenset({"Butikk", "Kasse", "Kunde", "Lager"}),
        "lager": frozenset({"Lager", "Transport"}),
        "helse": frozenset({"Pasient"}),
        "renhold": frozenset({"Renhold"}),
        "barnehage": frozenset({"Barn"}),
        "kjøkken": frozenset({"Kjøkken"}),
        "bygg": frozenset({"Bygg"}),
        "transport": frozenset({"Transport", "Lager", "Kunde"}),
    }
)


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


def sector_key(sector: str | None) -> str | None:
    """Map a profile's sector (key, alias, display name or theme name) to a sector key.

    Profiles carry what the caller passed: "helse", "handel", "Helse og omsorg", "Lager".
    """
    key = normalize_sector(sector)
    if key is not None or not sector:
        return key
    wanted = sector.strip().casefold()
    for key, name in SECTORS.items():
        if name.casefold() == wanted:
            return key
    for key, themes in SECTOR_THEMES.items():
        if wanted in {theme.casefold() for theme in themes}:
            return key
    return None


def _foreign(theme: str, sector: str | None) -> bool:
    """True when ``theme`` belongs to another sector than the known ``sector``."""
    if sector is None or theme in GENERAL_THEMES:
        return False
    return theme not in SECTOR_THEMES.get(sector, frozenset())


def suggest_theme(
    lemma: str,
    compound_parts: Sequence[str] = (),
    *,
    pos: str | None = None,
    sector: str | None = None,
) -> str | None:
    """Return a suggested theme for a term, or None.

    With a known ``sector`` (any form ``sector_key`` accepts), a verb or adjective (``pos``)
    gets no theme of another sector: *bytte* is no till word in a nursing home.
    """
    theme = _keyword_theme(lemma, compound_parts)
    if theme is not None and pos not in (None, "NOUN", "PROPN"):
        if _foreign(theme, sector_key(sector)):
            return None
    return theme


def suggest_phrase_theme(
    words: Iterable[tuple[str, str, Sequence[str]]], *, sector: str | None = None
) -> str | None:
    """Return the theme of a phrase from its content words: (lemma, UPOS, compound parts).

    Nouns decide (2 points each; 3 for a theme of the known sector, 1 for one of another
    sector).  A verb or adjective adds a point to a theme the nouns suggest, and suggests a
    theme on its own only when it is HMS (a curated list), belongs to the known sector, or is
    Arbeidstid from a verb ("stemple", not the adjective "fri").  Another sector's theme needs
    2 points.  Ties go to the theme met first.
    """
    key = sector_key(sector)
    own = SECTOR_THEMES.get(key, frozenset()) if key is not None else frozenset()
    direct: dict[str, float] = {}
    support: dict[str, float] = {}
    order: dict[str, int] = {}
    for lemma, pos, parts in words:
        theme = _keyword_theme(lemma, parts)
        if theme is None or pos not in {"NOUN", "PROPN", "VERB", "ADJ"}:
            continue
        order.setdefault(theme, len(order))
        if pos in {"NOUN", "PROPN"}:
            points = 3.0 if theme in own else 1.0 if _foreign(theme, key) else 2.0
            direct[theme] = direct.get(theme, 0.0) + points
        elif theme in own or theme == "HMS" or (pos == "VERB" and theme in GENERAL_THEMES):
            direct[theme] = direct.get(theme, 0.0) + 1.0  # "skadet" → HMS, "stemple" → Arbeidstid
        else:
            support[theme] = support.get(theme, 0.0) + 1.0
    scores = {theme: points + support.get(theme, 0.0) for theme, points in direct.items()}
    # One noun from another sector's list is weak evidence ("avdeling" is not only a shop's).
    scores = {t: v for t, v in scores.items() if v >= 2.0 or not _foreign(t, key)}
    if not scores:
        return None
    return max(scores, key=lambda theme: (scores[theme], -order[theme]))


def _keyword_theme(lemma: str, compound_parts: Sequence[str] = ()) -> str | None:
    """The theme of one word from the keyword lists (HMS first), ignoring the sector."""
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
