"""Compare two profiles, and measure how much of a new text a profile already covers.

``compare_profiles(a, b)`` lists shared terms and terms only in one of them (e.g. two
employers in the same sector).  ``text_coverage(text, profile)`` answers "this routine uses
86 % words from the profile; these 12 are new": it analyses the text, keeps the content words
that could be profile terms (same filter as the builder: no names, numbers or function words)
and checks each against the profile's terms (and the words of its multiword terms).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from language_profiles.profile import Profile, Term

if TYPE_CHECKING:
    from language_profiles.analyzer import Analyzer
    from language_profiles.lexicon import Lexicon

__all__ = ["Coverage", "NewWord", "ProfileComparison", "compare_profiles", "text_coverage"]


def _key(term: Term) -> str:
    return term.lemma.lower()


@dataclass(frozen=True)
class ProfileComparison:
    """Terms shared by two profiles and terms only in one of them (each in profile order)."""

    shared: tuple[tuple[Term, Term], ...]
    only_a: tuple[Term, ...]
    only_b: tuple[Term, ...]

    @property
    def overlap(self) -> float:
        """Jaccard overlap of the two term sets (0-1)."""
        union = len(self.shared) + len(self.only_a) + len(self.only_b)
        return len(self.shared) / union if union else 0.0


def compare_profiles(a: Profile, b: Profile, *, top: int | None = None) -> ProfileComparison:
    """Compare the terms of two profiles (optionally only their ``top`` best terms)."""
    terms_a = a.terms if top is None else a.terms[:top]
    terms_b = b.terms if top is None else b.terms[:top]
    by_b = {_key(t): t for t in terms_b}
    keys_a = {_key(t) for t in terms_a}
    shared = tuple((t, by_b[_key(t)]) for t in terms_a if _key(t) in by_b)
    only_a = tuple(t for t in terms_a if _key(t) not in by_b)
    only_b = tuple(t for t in terms_b if _key(t) not in keys_a)
    return ProfileComparison(shared=shared, only_a=only_a, only_b=only_b)


@dataclass(frozen=True)
class NewWord:
    """A content word of the text that the profile does not have."""

    lemma: str
    pos: str
    count: int
    in_dictionary: bool


@dataclass(frozen=True)
class Coverage:
    """How much of a text's vocabulary a profile covers."""

    words: int  # content-word tokens considered
    known: int  # of which covered by the profile
    new_words: tuple[NewWord, ...]  # most frequent first
    known_lemmas: tuple[str, ...]

    @property
    def share(self) -> float:
        """Covered share of content-word tokens (0-1)."""
        return self.known / self.words if self.words else 1.0

    def summary(self) -> str:
        """A one-line Norwegian summary for teachers."""
        percent = round(self.share * 100)
        n_new = len(self.new_words)
        new = "ett ord er nytt" if n_new == 1 else f"{n_new} ord er nye"
        return f"Teksten bruker {percent} % ord fra profilen; {new}."


def _profile_lemmas(profile: Profile) -> set[str]:
    lemmas: set[str] = set()
    for term in profile.terms:
        lemma = term.lemma.lower()
        lemmas.add(lemma)
        if term.is_multiword:
            lemmas.update(lemma.split())
        for spellings in term.forms.values():
            if not term.is_multiword:
                lemmas.update(s.lower() for s in spellings)
    return lemmas


def text_coverage(
    text: str,
    profile: Profile,
    *,
    analyzer: Analyzer | None = None,
    lexicon: Lexicon | None = None,
) -> Coverage:
    """Share of the text's content words that the profile covers, and the new ones."""
    from language_profiles.builder import is_term_token
    from language_profiles.extract import scrub_personal_data

    if analyzer is None:
        from language_profiles.analyzer import get_analyzer

        analyzer = get_analyzer()
    if lexicon is None:
        from language_profiles.lexicon import load_lexicon

        lexicon = load_lexicon()
    known_set = _profile_lemmas(profile)
    analysis = analyzer.analyze(scrub_personal_data(text))
    counts: Counter[tuple[str, str]] = Counter()
    in_dict: dict[tuple[str, str], bool] = {}
    known_tokens = 0
    total = 0
    for sentence in analysis.sentences:
        first = True
        for tok in sentence.tokens:
            if tok.kind != "word":
                continue
            initial, first = first, False
            if not is_term_token(tok, sentence_initial=initial, lexicon=lexicon):
                continue
            lemma = tok.lemma.lower()
            total += 1
            if lemma in known_set or tok.text.lower() in known_set:
                known_tokens += 1
                continue
            key = (lemma, tok.pos)
            counts[key] += 1
            in_dict[key] = tok.in_dictionary
    new_words = tuple(
        NewWord(lemma=lemma, pos=pos, count=n, in_dictionary=in_dict[(lemma, pos)])
        for (lemma, pos), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    return Coverage(
        words=total,
        known=known_tokens,
        new_words=new_words,
        known_lemmas=tuple(sorted(known_set & {t.lemma.lower() for t in analysis.tokens})),
    )
