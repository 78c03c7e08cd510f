"""Spelling help: is an unknown-looking word acceptable, and which dictionary words are close?

A word is accepted when the dictionary knows it, when it is common in general Norwegian
(wordfreq), or when it is a regular formation from known parts: a compound ("vernesko"),
a genitive ("alliansens"), a derivation ("skamfering", "låtmessig"), a comparison
("tydeligst") or a prefixed word ("ukontroversielt").  Candidates are dictionary forms one
edit away (ranked by frequency and by what fits the previous word), the æ/ø/å restoration
of ae/oe/aa, and the lexicon's close lemmas.
"""

from __future__ import annotations

from interviews.nlp import TokenLike, WordFacts, zipf
from interviews.norwegian import (
    ACCEPTED_ABBREVIATIONS,
    ARTICLE_GENDER,
    FUNCTION_WORDS,
)

__all__ = [
    "COMMON_WORD_ZIPF",
    "CONTENT_POS",
    "NORWEGIAN_LETTERS",
    "accepted",
    "looks_foreign",
    "spelling_candidates",
]

#: Unknown words at least this frequent in general Norwegian (Zipf) are accepted.
COMMON_WORD_ZIPF = 2.2
_PERSONAL_SUBJECTS = frozenset({"jeg", "du", "han", "hun", "vi", "man"})

_ALPHABET = "abcdefghijklmnopqrstuvwxyzæøå"
#: Letters (and the hyphen) of Norwegian words.
NORWEGIAN_LETTERS = frozenset(_ALPHABET + "-")
_ASCII_FIXES = (("ae", "æ"), ("oe", "ø"), ("aa", "å"))


def _edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    inserts = {a + c + b for a, b in splits for c in _ALPHABET}
    return deletes | transposes | replaces | inserts


def _levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


#: Parts of speech of content words.
CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV"})


def accepted(word: str, token: TokenLike | None, facts: WordFacts) -> bool:
    """True when an unknown-looking word is still acceptable (compound, genitive, derivation)."""
    if word in ACCEPTED_ABBREVIATIONS or facts.known(word):
        return True
    if token is not None and (token.in_dictionary or token.compound_parts):
        return True
    if zipf(word) >= COMMON_WORD_ZIPF:
        return True
    if word.endswith("s") and (facts.known(word[:-1]) or _compound_like(word[:-1], facts)):
        return True  # genitive: "alliansens", "gjerningsmanns"
    for suffix, base in (("ingene", "e"), ("ingen", "e"), ("inger", "e"), ("ing", "e")):
        if word.endswith(suffix) and "inf" in facts.readings(word[: -len(suffix)] + base).verb_keys:
            return True  # derived noun: "skamfering" from "skamfere"
    for suffix in ("este", "est", "ere", "ste", "st"):
        if word.endswith(suffix) and facts.readings(word[: -len(suffix)]).adj_keys:
            return True  # comparison: "tydeligst"
    for suffix in _DERIVATION_SUFFIXES:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 3 and facts.readings(stem).pos & CONTENT_POS:
            return True  # "låtmessig", "kundevennlig"
    for prefix in _PREFIXES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 4 and (
            facts.known(rest) or _compound_like(rest, facts)
        ):
            return True  # "ukontroversielt", "oppstarting"
    return _compound_like(word, facts)


_DERIVATION_SUFFIXES = (
    "messige", "messig", "aktige", "aktig", "vennlige", "vennlig", "løse", "løs", "fritt", "fri",
    "ningene", "ningen", "ninger", "ning", "heten", "het", "elsen", "else",
)
_PREFIXES = (
    "u", "opp", "ut", "inn", "av", "på", "over", "under", "til", "fra", "om", "ned", "sam",
    "mot", "gjen", "for", "be", "med", "etter", "bort",
)


def _compound_like(word: str, facts: WordFacts) -> bool:
    """A transparent compound: a known first part (+ linking s/e) and a known last part."""
    for cut in range(3, len(word) - 2):
        head, tail = word[:cut], word[cut:]
        if len(tail) < 3 or tail in FUNCTION_WORDS or not facts.readings(tail).pos & CONTENT_POS:
            continue
        for first in (head, head[:-1] if head[-1:] in {"s", "e"} else ""):
            if len(first) >= 3 and first not in FUNCTION_WORDS and _is_content_lemma(first, facts):
                return True
    return False


def _is_content_lemma(word: str, facts: WordFacts) -> bool:
    """True when ``word`` is a base form of a noun, verb (stem) or adjective: "egg", not "eggen"."""
    if not facts.readings(word).pos & {"NOUN", "VERB", "ADJ"}:
        return False
    return any(
        entry.lemma.lower() in {word, word + "e"}
        for pos in ("NOUN", "VERB", "ADJ")
        for entry in facts.lexicon.entries(word, pos) or facts.lexicon.entries(word + "e", pos)
    )


def _fits_context(candidate: str, previous: str, facts: WordFacts) -> bool:
    """True when a candidate's word class fits the previous word ("jeg" + verb, "å" + inf)."""
    r = facts.readings(candidate)
    if previous in _PERSONAL_SUBJECTS:
        return r.finite_verb
    if previous == "å":
        return "inf" in r.verb_keys
    if previous in ARTICLE_GENDER:
        return "sg_indef" in r.noun_keys or bool(r.adj_keys)
    return False


def spelling_candidates(
    word: str, facts: WordFacts, *, n: int = 3, previous: str = ""
) -> list[str]:
    """Closest dictionary words to an unknown word, best first ([] when none is close).

    ``previous`` (the word before, lower case) ranks candidates that fit first:
    "jeg jobbr" → "jobber", "å jobe" → "jobbe".
    """
    lower = word.lower()
    found: list[str] = []
    restored = lower
    for ascii_form, letter in _ASCII_FIXES:
        restored = restored.replace(ascii_form, letter)
    if restored != lower and facts.known(restored):
        found.append(restored)
    near = sorted(
        (c for c in _edits1(lower) if c != lower and facts.known(c)),
        key=lambda c: (-(zipf(c) + (3.0 if _fits_context(c, previous, facts) else 0.0)), c),
    )
    found.extend(c for c in near if c not in found and (zipf(c) > 1.0 or len(near) == 1))
    if not found and len(lower) >= 5:
        for candidate in facts.lexicon.similar(lower, n=n):
            if _levenshtein(candidate.lower(), lower) <= 2 and candidate not in found:
                found.append(candidate)
    return found[:n]


def looks_foreign(word: str) -> bool:
    """A common English or Swedish word: a loanword or a sentence in another language."""
    return zipf(word, "en") >= 3.0 or zipf(word, "sv") >= 3.5
