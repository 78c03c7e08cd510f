"""Dictionary-based splitting of Norwegian compounds (truckførerbevis → truck + fører + bevis).

A word is split into known Bokmålsordboka lemmas, with the linking letters ``-s-`` and
``-e-`` allowed between parts (arbeid-s-klær, barn-e-hage) and dropped from the result.
The split with the fewest parts wins; ties go to fewer linking letters, then to the more
frequent parts.  The last part (the head) may be inflected (varemottaket); it decides the
part of speech, the article(s) and the paradigm of an unknown compound.

Dictionary words are not re-analysed as compounds for their lemma or gender, but a
dictionary lemma that the dictionary lists without an etymology (the mark of a
transparent compound such as *varemottak*) is still split for the learner, and its parts
are split again on the same terms (truckfører → truck + fører).  Particle verbs and
derived words (*utgang*, *medarbeider*, *sikkerhet*) stay whole.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from language_profiles.lexicon import LexEntry, Lexicon, load_lexicon

__all__ = ["CompoundAnalysis", "analyze_compound", "split_compound"]

_LINKS = ("", "s", "e")
_PART_POS = frozenset({"NOUN", "VERB", "ADJ"})
#: Two-letter words that do occur as compound parts (iskrem, tekopp, ølkasse, dopapir).
_SHORT_PARTS = frozenset({"is", "te", "øl", "ku", "do", "tv", "pc", "rå"})
#: Lemmas that look like heads but are really derivational suffixes (sikker-het, arbeid-ende).
_BAD_HEADS = frozenset(
    {"het", "hete", "else", "ende", "ling", "inne", "eri", "dom", "sel", "ning", "ing", "isme"}
)
#: First parts that are really prefixes or particles (for-sikring, be-manning).
_BAD_FIRST = frozenset({"for", "fors", "bes", "ers", "ants", "gjen", "mis", "van"})
_MAX_LEN = 60


@dataclass(frozen=True)
class CompoundAnalysis:
    """An unknown compound word read through its head (last part)."""

    parts: tuple[str, ...]
    lemma: str  # the whole word with the head in its lemma form (hyllekantene → hyllekant)
    head: LexEntry
    head_key: str | None  # paradigm cell of the head form (sg_def, past, ...)


def _nfc_lower(word: str) -> str:
    return unicodedata.normalize("NFC", word).strip().lower()


def _zipf(word: str) -> float:
    return _zipf_cached(word)


@lru_cache(maxsize=100_000)
def _zipf_cached(word: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "nb"))


def _ing_noun(lexicon: Lexicon, text: str) -> bool:
    """Regular verbal nouns the dictionary leaves out (levering ← levere, sikring ← sikre)."""
    return (
        len(text) > 5
        and text.endswith("ing")
        and lexicon.has_lemma(text[:-3] + "e", "VERB")
        and not lexicon.has_lemma(text)
    )


def _is_verbal_noun(lexicon: Lexicon, text: str) -> bool:
    """levering, sikring, parkering: derived from a verb, not leve + ring."""
    return text.endswith("ing") and lexicon.has_lemma(text[:-3] + "e", "VERB")


def _is_part(lexicon: Lexicon, text: str, *, first: bool) -> bool:
    if len(text) < 3 and text not in _SHORT_PARTS:
        return False
    if first and text in _BAD_FIRST:
        return False
    found = lexicon.lemma_pos(text)
    if found & _PART_POS or _ing_noun(lexicon, text):
        return True
    # Longer adverbs do occur as first parts (hjemmesykepleie); short ones are particles.
    if "ADV" in found and len(text) >= 5:
        return True
    return lexicon.is_prefix(text)


def _head_entries(
    lexicon: Lexicon, text: str, pos: str | None, key: str | None = None
) -> tuple[tuple[LexEntry, str | None], ...]:
    if len(text) < 3 and text not in _SHORT_PARTS:
        return ()
    found = tuple(
        (entry, key)
        for entry, key in lexicon.analyses(text)
        if entry.pos in _PART_POS and entry.lemma.lower() not in _BAD_HEADS
    )
    if not found:
        found = _ing_head(lexicon, text)
    if pos is not None:
        preferred = tuple(item for item in found if item[0].pos == pos)
        if preferred:
            found = preferred
    nouns = tuple(item for item in found if item[0].pos == "NOUN")
    found = nouns or found
    # A head that is itself a lemma (fører) beats an inflected form of another (føre);
    # then the more frequent lemma wins (listene → liste, not list).
    # A paradigm cell that matches the tagger (pl_indef for "intervjuer" tagged plural) first.
    return tuple(
        sorted(
            found,
            key=lambda item: (
                key is not None and item[1] != key,
                item[0].lemma.lower() != text,
                -_zipf(item[0].lemma),
            ),
        )
    )


_ING_ENDINGS = (
    ("ingene", "pl_def"),
    ("ingen", "sg_def"),
    ("inga", "sg_def"),
    ("inger", "pl_indef"),
    ("ing", "sg_indef"),
)


def _ing_head(lexicon: Lexicon, text: str) -> tuple[tuple[LexEntry, str | None], ...]:
    for ending, key in _ING_ENDINGS:
        if text.endswith(ending):
            base = text[: len(text) - len(ending)] + "ing"
            if _ing_noun(lexicon, base):
                return ((_ing_entry(base), key),)
            return ()
    return ()


@lru_cache(maxsize=10_000)
def _ing_entry(base: str) -> LexEntry:
    """A regular feminine/masculine paradigm for an -ing noun (ei/en levering)."""
    return LexEntry(
        lemma=base,
        pos="NOUN",
        genders=("Fem", "Masc"),
        articles=("ei", "en"),
        forms=MappingProxyType(
            {
                "sg_indef": (base,),
                "sg_def": (base + "a", base + "en"),
                "pl_indef": (base + "er",),
                "pl_def": (base + "ene",),
            }
        ),
        definition=None,
        article_id=0,
    )


# (n_parts, linking penalty, -sum of part frequencies): lower is better.
_Cost = tuple[int, float, float]


#: Extra cost of a linking letter: "verne + sko" (verb stem) before "vern + e + sko".
_LINK_COST = 0.3


def _rarity(part: str) -> float:
    """Penalty for rare parts (hyll + e + kant loses to hylle + kant)."""
    return 0.2 * max(0.0, 6.0 - _zipf(part))


def _link_share(lexicon: Lexicon, part: str, link: str) -> float:
    """How often dictionary compounds continue ``part`` with ``link`` (arbeid → mostly -s-)."""
    total = lexicon.prefix_count(part)
    with_s = lexicon.prefix_count(part + "s")
    with_e = lexicon.prefix_count(part + "e")
    counts = {"s": with_s, "e": with_e, "": max(total - with_s - with_e, 0)}
    return (counts[link] + 1.0) / (total + 3.0)


def _best_split(
    lexicon: Lexicon, word: str, *, head_pos: str | None, head_key: str | None = None
) -> tuple[list[str], int, tuple[LexEntry, str | None]] | None:
    """Return (non-head parts, head start index, head analysis) for the best split."""
    n = len(word)
    memo: dict[int, tuple[_Cost, list[str], int] | None] = {}

    def solve(start: int) -> tuple[_Cost, list[str], int] | None:
        """Best split of word[start:] into parts + head; returns cost, parts, head start."""
        if start in memo:
            return memo[start]
        best: tuple[_Cost, list[str], int] | None = None
        if start > 0 and _head_entries(lexicon, word[start:], head_pos):
            best = ((1, _rarity(word[start:]), -_zipf(word[start:])), [], start)
        for end in range(start + 2, n - 1):
            part = word[start:end]
            # Three equal consonants become two (buss + sjåfør → bussjåfør).
            doubled = part + part[-1]
            if (
                part[-1] == word[end]
                and part[-1] not in "aeiouyæøå"
                and _is_part(lexicon, doubled, first=start == 0)
                and _zipf(doubled) > _zipf(part)
            ):
                part = doubled
            elif not _is_part(lexicon, part, first=start == 0):
                continue
            for link in _LINKS:
                nxt = end + len(link)
                if link and word[end:nxt] != link:
                    continue
                if nxt >= n - 1:
                    continue
                rest = solve(nxt)
                if rest is None:
                    continue
                (r_parts, r_links, r_freq), r_list, r_head = rest
                penalty = 1.0 - _link_share(lexicon, part, link) + _rarity(part)
                penalty += _LINK_COST if link else 0.0
                cost: _Cost = (r_parts + 1, r_links + penalty, r_freq - _zipf(part))
                if best is None or cost < best[0]:
                    best = (cost, [part, *r_list], r_head)
        memo[start] = best
        return best

    result = solve(0)
    if result is None or not result[1]:
        return None
    _, parts, head_start = result
    heads = _head_entries(lexicon, word[head_start:], head_pos, head_key)
    return parts, head_start, heads[0]


#: Parts of a dictionary compound must be common words (blocks ren + gjø + ring).
_MIN_REFINE_ZIPF = 2.0


def _refine(lexicon: Lexicon, part: str, depth: int = 0) -> list[str]:
    """Split a part in two when the dictionary marks it as a transparent compound."""
    if depth > 2 or not lexicon.is_transparent(part) or _is_verbal_noun(lexicon, part):
        return [part]
    found = _best_split(lexicon, part, head_pos=None)
    if found is None:
        return [part]
    sub_parts, head_start, (head, _) = found
    head_lemma = head.lemma.lower()
    if len(sub_parts) != 1 or part[head_start:] != head_lemma:
        return [part]
    if min(_zipf(sub_parts[0]), _zipf(head_lemma)) < _MIN_REFINE_ZIPF:
        return [part]
    refined: list[str] = []
    for sub in [*sub_parts, head_lemma]:
        refined.extend(_refine(lexicon, sub, depth + 1))
    return refined


def analyze_compound(
    word: str,
    lexicon: Lexicon | None = None,
    *,
    pos: str | None = None,
    key: str | None = None,
) -> CompoundAnalysis | None:
    """Analyse a word the dictionary does not know as a compound of known parts.

    Returns ``None`` when no split into known parts exists.  ``pos`` (a UPOS tag from the
    tagger) prefers a head of that part of speech, ``key`` a paradigm cell (``pl_indef``).
    """
    lex = lexicon or load_lexicon()
    text = _nfc_lower(word)
    if not text or len(text) > _MAX_LEN:
        return None
    if "-" in text.strip("-"):
        return _analyze_hyphenated(word, lex, pos=pos)
    if not text.isalpha() or _ing_head(lex, text):
        return None  # a verbal noun of a known verb (effektivisering), not a compound
    found = _best_split(lex, text, head_pos=pos, head_key=key)
    if found is None:
        return None
    parts, head_start, (head, head_key) = found
    refined: list[str] = []
    for part in [*parts, head.lemma.lower()]:
        refined.extend(_refine(lex, part))
    return CompoundAnalysis(
        parts=tuple(refined),
        lemma=text[:head_start] + head.lemma.lower(),
        head=head,
        head_key=head_key,
    )


def _analyze_hyphenated(word: str, lex: Lexicon, *, pos: str | None) -> CompoundAnalysis | None:
    pieces = [p for p in unicodedata.normalize("NFC", word).strip().split("-") if p]
    if len(pieces) < 2:
        return None
    last = pieces[-1].lower()
    readings = _head_entries(lex, last, pos)
    if readings:
        head, key = readings[0]
        head_parts = _refine(lex, head.lemma.lower())
        lemma_tail = head.lemma.lower()
    else:
        inner = analyze_compound(last, lex, pos=pos)
        if inner is None:
            return None
        head, key = inner.head, inner.head_key
        head_parts = list(inner.parts)
        lemma_tail = inner.lemma
    first = [p if p.isupper() else p.lower() for p in pieces[:-1]]
    return CompoundAnalysis(
        parts=(*first, *head_parts),
        lemma="-".join([*first, lemma_tail]),
        head=head,
        head_key=key,
    )


def split_compound(word: str, lexicon: Lexicon | None = None) -> tuple[str, ...]:
    """Split a compound into its parts (lemma forms, linking -s-/-e- dropped).

    ``()`` when the word is not a compound.  Works on inflected forms too
    (truckførerbeviset → truck, fører, bevis).
    """
    lex = lexicon or load_lexicon()
    text = _nfc_lower(word)
    if not text:
        return ()
    known = [entry for entry, _ in lex.analyses(text) if entry.pos in _PART_POS]
    known.sort(key=lambda entry: entry.lemma.lower() != text)  # støvsuger (noun), not støvsuge
    if known:
        lemma = known[0].lemma.lower()
        parts = _refine(lex, lemma)
        return tuple(parts) if len(parts) > 1 else ()
    found = analyze_compound(word if "-" in text else text, lex)
    return found.parts if found is not None and len(found.parts) > 1 else ()
