"""Deterministic, explainable sentence checks for learner Norwegian, in simple Norwegian.

Every check returns ``Problem`` values with a character span, a message a learner can read
and a suggestion.  The checks combine the analyzer's tags with dictionary knowledge and
closed word lists, and stay silent when unsure: telling a learner that a correct sentence
is wrong costs more than missing an error.

Checks: ``v2`` (verb second after a fronted adverbial, clause or question word, and
"Jeg ikke forstår"), ``finite_verb`` (a clause with a subject but no finite verb),
``subject`` (a missing subject), ``verb_form`` ("å jobber", "kan snakker", "har jobbe"),
``article`` (article or possessive against the noun's gender; "en bilen"), ``adjective``
(agreement after an article and after "er"), ``plural`` ("to uke" → "to uker"),
``spelling`` (unknown words with close dictionary words), and the hints ``filler`` and
``length``.

Command line: ``python -m interviews.feedback`` reads sentences from standard input, one
per line, and prints one JSON object per line.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from interviews.level import LevelEstimate, level_from_text
from interviews.nlp import (
    AnalysisLike,
    AnalyzerLike,
    LexiconLike,
    Readings,
    SentenceLike,
    TokenLike,
    WordFacts,
    default_analyzer,
    default_lexicon,
    word_facts,
    zipf,
)
from interviews.norwegian import (
    ARTICLE_GENDER,
    CLAUSE_SUBJUNCTIONS,
    CLOCK_WORDS,
    FILLERS,
    FINITE_AUX,
    FRONT_PREPOSITIONS,
    FRONTED_PHRASES,
    FRONTING_ADVERBS,
    FUNCTION_WORDS,
    NON_SUBJECT_ADVERBS,
    NP_DETERMINERS,
    OBJECT_PRONOUNS,
    PLACE_ADVERBS,
    POSSESSIVE_FORMS,
    POSSESSIVE_GENDERS,
    PREPOSITION_SUBJUNCTIONS,
    QUESTION_SECOND,
    QUESTION_WORDS,
    SUBJECT_PRONOUNS,
    SUBJECTLESS_OK,
    TIME_DETERMINERS,
    TIME_NOUNS,
    WEAK_SUBJECTS,
)
from interviews.spelling import (
    CONTENT_POS,
    NORWEGIAN_LETTERS,
    accepted,
    looks_foreign,
    spelling_candidates,
)

__all__ = [
    "CHECKS",
    "CHECK_LABELS",
    "HINT_CHECKS",
    "TEACHER_CHECK_LABELS",
    "Problem",
    "TextFeedback",
    "check_analysis",
    "check_text",
    "estimate_level",
    "main",
    "rewrite",
]

#: Every check name, in the order problems are reported within a sentence.
CHECKS: tuple[str, ...] = (
    "v2", "finite_verb", "subject", "verb_form", "article", "adjective", "plural", "spelling",
    "filler", "length",
)
#: The title of each check on the learner's feedback page: plain words and a short example,
#: no grammar terms.  The message under it explains the learner's own sentence and does not
#: repeat the title.
CHECK_LABELS: dict[str, str] = {
    "v2": "Verbet på plass nummer to (I dag jobber jeg)",
    "finite_verb": "Mangler verb (er, har, jobber)",
    "subject": "Mangler hvem som gjør noe (jeg, han, vi)",
    "verb_form": "Riktig form av verbet (å jobbe, kan jobbe, har jobbet)",
    "article": "En, ei eller et (min/mitt)",
    "adjective": "Ord som beskriver (stor/stort/store)",
    "plural": "Flere enn én (to uker)",
    "spelling": "Er ordet skrevet riktig?",
    "filler": "Fyllord (eh, hmm)",
    "length": "Lange setninger",
}
#: Names of the checks for teachers' overviews, with the grammar terms teachers use.
TEACHER_CHECK_LABELS: dict[str, str] = {
    "v2": "Ordstilling: verbet på plass nummer to (inversjon, V2)",
    "finite_verb": "Mangler finitt verb (er, har, jobber)",
    "subject": "Mangler subjekt (jeg, han, vi)",
    "verb_form": "Verbform: infinitiv og perfektum partisipp (å jobbe, kan jobbe, har jobbet)",
    "article": "En, ei eller et (min/mitt): substantivets kjønn",
    "adjective": "Adjektivbøying (stor/stort/store)",
    "plural": "Flertall etter tallord (to uker)",
    "spelling": "Stavemåte",
    "filler": "Fyllord",
    "length": "Lange setninger",
}
#: Checks that give advice rather than report an error.
HINT_CHECKS: frozenset[str] = frozenset({"filler", "length"})
#: A sentence longer than this (in words) gets a ``length`` hint.
LONG_SENTENCE_WORDS = 30

_WORD_RE = re.compile(r"^[A-Za-zÆØÅæøåÉéÈèÊêÓóÒòÔôÜüÖöÄä]+(?:-[A-Za-zÆØÅæøåÉéÜüÖöÄä]+)*$")
_PERSONAL = frozenset({"jeg", "du", "han", "hun", "vi", "man"})
_NAME_ENTS = frozenset({"PER", "ORG", "LOC", "GPE_LOC", "GPE_ORG", "PROD", "EVT", "GPE", "MISC"})


@dataclass(frozen=True)
class Problem:
    """One finding in a sentence.

    ``span`` is a (start, end) character range in the analysed text; ``suggestion`` is what
    to write instead (alternatives separated by "/"); ``replacements`` are texts that can
    replace the span directly, preferred first (empty when there is no automatic fix).
    """

    check: str
    span: tuple[int, int]
    message: str
    suggestion: str
    replacements: tuple[str, ...] = ()
    severity: str = "error"  # "error" or "hint"

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form used by the command line and the web layer."""
        return {
            "check": self.check,
            "span": [self.span[0], self.span[1]],
            "message": self.message,
            "suggestion": self.suggestion,
            "replacements": list(self.replacements),
            "severity": self.severity,
        }


@dataclass(frozen=True)
class TextFeedback:
    """Problems found in a text; spans refer to ``text`` (the analyser's normalised text)."""

    text: str
    problems: tuple[Problem, ...]
    analysis: AnalysisLike | None = field(default=None, compare=False, repr=False)

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that are errors (not hints)."""
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def rewritten(self) -> str:
        """The text with every automatic fix applied."""
        return rewrite(self.text, self.problems)


# --------------------------------------------------------------------------- words


@dataclass(frozen=True)
class _Word:
    """A token with the dictionary facts the checks need."""

    i: int
    text: str
    lower: str
    start: int
    end: int
    pos: str
    kind: str
    ent: str
    punct: bool
    token: TokenLike
    r: Readings
    genitive: bool = False  # "AUFs", "gårsdagens": works like a determiner
    compound_noun: bool = False  # unknown word whose last part is a noun ("leketeltet")

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def alpha(self) -> bool:
        return bool(_WORD_RE.match(self.text))

    def feat(self, name: str) -> str | None:
        return self.token.feat(name)

    @property
    def tagged_finite(self) -> bool:
        return (
            self.pos in {"VERB", "AUX"}
            and self.feat("VerbForm") == "Fin"
            and self.feat("Mood") != "Imp"
        )


def _words(sentence: SentenceLike, facts: WordFacts) -> list[_Word]:
    tokens = [t for t in sentence.tokens if t.kind != "space" and t.text.strip()]
    words: list[_Word] = []
    for n, token in enumerate(tokens):
        punct = bool(token.is_punct) or token.kind in {"punct", "symbol"}
        text = token.text
        # A sentence-final word the tokenizer kept with its full stop ("jobben min."):
        # split it, so the word and the sentence end are both seen.
        split_stop = (
            n == len(tokens) - 1 and not punct and len(text) > 1 and text.endswith(".")
            and _WORD_RE.match(text[:-1]) is not None
        )
        if split_stop:
            text = text[:-1]
        lower = text.lower()
        readings = facts.readings(lower) if not punct else _NO_READINGS
        alpha = _WORD_RE.match(text) is not None
        genitive = (
            alpha and not readings.known and len(lower) > 3 and lower.endswith("s")
            and (text[:1].isupper() or bool(facts.readings(lower[:-1]).noun_keys))
        )
        compound_noun = (
            alpha and not readings.known and not text[:1].isupper() and not genitive
            and bool(
                (token.compound_parts and facts.readings(token.compound_parts[-1]).noun_keys)
                or _compound_head_articles(lower, facts)
            )
        )
        words.append(
            _Word(
                i=len(words),
                text=text,
                lower=lower,
                start=token.idx,
                end=token.idx + len(text),
                pos=token.pos,
                kind=token.kind,
                ent=token.ent_type,
                punct=punct,
                token=token,
                r=readings,
                genitive=genitive,
                compound_noun=compound_noun,
            )
        )
        if split_stop:
            words.append(
                _Word(
                    i=len(words),
                    text=".",
                    lower=".",
                    start=token.idx + len(text),
                    end=token.idx + len(text) + 1,
                    pos="PUNCT",
                    kind="punct",
                    ent="",
                    punct=True,
                    token=token,
                    r=_NO_READINGS,
                )
            )
    return words


_NO_READINGS = Readings(
    form="",
    known=False,
    pos=frozenset(),
    verb_keys=frozenset(),
    verb_lemmas=(),
    noun_keys=frozenset(),
    nouns=(),
    adj_keys=frozenset(),
    adj_lemmas=(),
)


def _at(words: Sequence[_Word], i: int) -> _Word | None:
    return words[i] if 0 <= i < len(words) else None


def _final_mark(words: Sequence[_Word]) -> str:
    for word in reversed(words):
        if word.punct:
            if word.text in {".", "!", "?", "…"}:
                return word.text
            continue
        return ""
    return ""


def _content(words: Sequence[_Word]) -> list[_Word]:
    return [w for w in words if not w.punct]


# --------------------------------------------------------------------------- predicates


def _subject_kind(words: Sequence[_Word], k: int) -> str | None:
    """Classify ``words[k]`` as a possible subject: pron, weak, name, noun or None."""
    w = _at(words, k)
    if w is None or w.punct:
        return None
    if w.lower in SUBJECT_PRONOUNS:
        return "pron"
    if w.lower in WEAK_SUBJECTS:
        return "weak"
    if w.cap and k > 0 and w.alpha:
        if w.pos == "PROPN" or w.ent in _NAME_ENTS or not w.r.known:
            return "name"
        return None
    if (
        not w.cap
        and w.r.noun_keys & {"sg_def", "pl_def"}
        and not w.r.verb_keys
        and not w.r.adj_keys
        and w.lower not in FUNCTION_WORDS
    ):
        return "noun"
    return None


def _finite(w: _Word | None, *, subject: str | None, subject_word: str = "") -> bool:
    """True when ``w`` is surely a finite verb here (present or past, not imperative)."""
    if w is None or w.punct or w.lower in FUNCTION_WORDS or w.lower in FRONT_PREPOSITIONS:
        return False  # "for" is also the past of "fare", "om" never a verb here
    if w.lower in FINITE_AUX:
        return True
    if not w.r.finite_verb:
        return False
    if subject == "pron" and subject_word in _PERSONAL:
        return True
    if w.r.only_verb:
        return True
    if subject == "pron" and subject_word == "de":
        # "de ansatte" is a noun phrase; "de forteller" a subject and its verb.
        if w.r.adj_keys:
            return False
        if w.r.noun_keys - {"sg_indef"}:
            return w.tagged_finite
        return True
    return w.tagged_finite and not (w.r.pos & {"ADJ", "DET", "PRON", "ADP"})


def _could_be_finite(words: Sequence[_Word], i: int) -> bool:
    """True when ``words[i]`` might be a finite verb (used to stay silent)."""
    w = words[i]
    if w.punct:
        return False
    prev = _at(words, i - 1)
    if (
        prev is not None
        and (prev.lower in FRONT_PREPOSITIONS or prev.lower in NP_DETERMINERS)
        and w.r.noun_keys
        and w.lower not in FINITE_AUX
    ):
        return False  # "på lager", "et lager": a noun here
    if w.lower in FINITE_AUX or w.r.finite_verb:
        return True
    if w.lower in FUNCTION_WORDS:
        return False  # "vi" is also an imperative in the dictionary
    if w.tagged_finite:
        return True
    if i == 0 and "imp" in w.r.verb_keys:
        return True
    if w.pos in {"VERB", "AUX"} and w.feat("VerbForm") in {None, "Fin"} and not w.r.verb_keys:
        return True
    return w.alpha and not w.cap and not w.r.known


def _is_number(w: _Word) -> bool:
    return w.kind == "number" or w.text.isdigit()


def _head_nominal(w: _Word) -> bool:
    return bool(
        w.r.noun_keys
        or w.compound_noun
        or w.lower in OBJECT_PRONOUNS
        or _is_number(w)
        or (w.cap and w.alpha and w.i > 0)
    )


_NUMBER_WORDS = frozenset(
    {"ett", "en", "to", "tre", "fire", "fem", "seks", "sju", "syv", "åtte", "ni", "ti", "elleve",
     "tolv"}
)
_DEGREE_ADVERBS = frozenset(
    {"veldig", "ganske", "litt", "svært", "helt", "ikke", "også", "alltid", "ofte", "så", "for"}
)

_HEAD_DETERMINERS = frozenset({"andre", "alle", "mange", "flere", "begge"})

_POST_NP = frozenset(
    {"min", "mi", "mitt", "mine", "din", "di", "ditt", "dine", "sin", "si", "sitt", "sine",
     "vår", "vårt", "våre", "deres", "hans", "hennes", "siden"}
)


def _np_ends(words: Sequence[_Word], i: int) -> list[int]:
    """Possible ends of a noun phrase starting at ``i``: determiners, adjectives, one head."""
    ends: list[int] = []
    j = i
    while j < len(words) and j - i < 3 and (
        words[j].lower in NP_DETERMINERS or _is_number(words[j]) or words[j].genitive
    ):
        if _is_number(words[j]) or words[j].lower in _HEAD_DETERMINERS:
            ends.append(j + 1)  # "i 2019", "sammen med andre"
        j += 1
    k = j
    while k < len(words) and k - j < 3:
        w = words[k]
        if w.punct or w.lower in SUBJECT_PRONOUNS:
            break
        if w.lower in FUNCTION_WORDS and w.lower not in OBJECT_PRONOUNS:
            break
        if w.lower in FRONT_PREPOSITIONS:
            break
        if _head_nominal(w):
            end = k + 1
            if w.cap:
                while end < len(words) and (
                    (words[end].cap and words[end].alpha) or _is_number(words[end])
                ):
                    end += 1
            post = _at(words, end)
            # "hjemlandet mitt", "for to år siden": the phrase must include the last word.
            ends.append(end + 1 if post is not None and post.lower in _POST_NP else end)
        if not w.r.adj_keys or w.lower in OBJECT_PRONOUNS:
            break
        k += 1
    return ends


def _phrase_end(words: Sequence[_Word], i: int) -> int | None:
    best: int | None = None
    for phrase in FRONTED_PHRASES:
        n = len(phrase)
        if i + n <= len(words) and all(
            words[i + j].lower == phrase[j].lower() for j in range(n)
        ):
            if best is None or i + n > best:
                best = i + n
    return best


def _unit_ends(words: Sequence[_Word], i: int) -> list[int]:
    """Positions right after one fronted adverbial that starts at ``i``."""
    w = _at(words, i)
    if w is None or w.punct:
        return []
    ends: list[int] = []
    phrase = _phrase_end(words, i)
    if phrase is not None:
        ends.append(phrase)
    if w.lower in FRONTING_ADVERBS:
        ends.append(i + 1)
    nxt = _at(words, i + 1)
    if nxt is not None and w.lower in CLOCK_WORDS and (
        _is_number(nxt) or nxt.lower in _NUMBER_WORDS or re.fullmatch(r"\d+[.:]\d+", nxt.text)
    ):
        ends.append(i + 2)
    if nxt is not None and w.lower in TIME_DETERMINERS and nxt.lower in TIME_NOUNS:
        ends.append(i + 2)
    opens_clause = (
        w.lower in PREPOSITION_SUBJUNCTIONS
        and nxt is not None
        and (nxt.lower in SUBJECT_PRONOUNS or nxt.lower in {"at", "det"})
    )
    if w.lower in FRONT_PREPOSITIONS and not opens_clause and phrase is None:
        ends.extend(_np_ends(words, i + 1))
    if w.lower == "sammen" and nxt is not None and nxt.lower == "med":
        ends.extend(_np_ends(words, i + 2))
    if w.lower == "som" and i == 0:
        ends.extend(_np_ends(words, 1))  # "Som sjef må man ..."
    return sorted(set(ends))


def _front_ends(words: Sequence[_Word], i0: int, *, chain: int = 3) -> list[int]:
    """Ends of up to ``chain`` chained fronted adverbials from ``i0`` ("I går på jobben")."""
    ends = _unit_ends(words, i0)
    result = list(ends)
    if chain > 1:
        for end in ends:
            result.extend(_front_ends(words, end, chain=chain - 1))
    return sorted(set(result))


def _clause_front(words: Sequence[_Word]) -> int | None:
    """Position after the comma of a fronted subordinate clause ("Når jeg kommer hjem, ...")."""
    first = _at(words, 0)
    if first is None:
        return None
    two = f"{first.lower} {words[1].lower}" if len(words) > 1 else ""
    if two in CLAUSE_SUBJUNCTIONS:
        body = 2
    elif first.lower in CLAUSE_SUBJUNCTIONS:
        body = 1
        if first.lower in PREPOSITION_SUBJUNCTIONS | {"at", "om"}:
            nxt = _at(words, 1)
            if nxt is None or _subject_kind(words, 1) not in {"pron", "weak", "name"}:
                return None
    else:
        return None
    for j in range(body + 1, len(words)):
        if words[j].text == ",":
            return j + 1
        if words[j].text in {".", "!", "?", ";", ":"}:
            return None
    return None


def _later_inversion(words: Sequence[_Word], start: int) -> bool:
    """True when the clause goes on with a finite verb and a subject ("..., er det kaldt").

    The scan stops at the first comma (after checking the word right after it) and at
    "og"/"men", which start a new clause.
    """
    for j in range(start, len(words) - 1):
        w, nxt = words[j], words[j + 1]
        if w.lower in {"og", "men", "eller"}:
            return False
        if w.text == ",":
            after = _at(words, j + 2)
            return after is not None and (
                (after.lower in SUBJECT_PRONOUNS - {"dere"} and _finite(nxt, subject="pron",
                                                                        subject_word="jeg"))
                or (after.lower == "det" and nxt.lower in FINITE_AUX)
            )
        personal = nxt.lower in SUBJECT_PRONOUNS - {"dere"}
        if personal and _finite(w, subject="pron", subject_word="jeg"):
            return True
        if nxt.lower == "det" and w.lower in FINITE_AUX:
            return True
    return False


def _span_text(text: str, words: Sequence[_Word], i: int, j: int) -> str:
    """Original text of ``words[i:j]``."""
    if j <= i:
        return ""
    return text[words[i].start : words[j - 1].end]


# --------------------------------------------------------------------------- checks


def _check_v2(words: Sequence[_Word], text: str) -> list[Problem]:
    content = _content(words)
    if len(content) < 3:
        return []
    final = _final_mark(words)
    first = words[0]
    problems: list[Problem] = []

    def flag(front_end: int, kind: str) -> bool:
        s_kind = _subject_kind(words, front_end)
        s = _at(words, front_end)
        v = _at(words, front_end + 1)
        if s is None or v is None or s_kind is None:
            return False
        if kind == "question" and s_kind not in {"pron", "name"}:
            return False
        if not _finite(v, subject=s_kind, subject_word=s.lower):
            return False
        last = words[front_end - 1]
        relative_possible = (
            _head_nominal(last) or last.lower in _POST_NP or (front_end == 1 and last.lower == "nå")
        )
        # "I huset jeg bor i, er det kaldt": a relative clause without "som" needs a noun
        # before it and a main clause after it; adverbs ("I dag", "Derfor") cannot head one.
        if kind == "adverbial" and relative_possible and _later_inversion(words, front_end + 2):
            return False
        front = _span_text(text, words, 0, front_end).rstrip(", ")
        fixed = f"{v.text} {s.text}"
        if kind == "question":
            message = (
                f"I et spørsmål kommer verbet «{v.text}» rett etter «{front}», "
                f"og så «{s.text}»."
            )
        elif kind == "clause":
            message = (
                f"Setningen begynner med «{front}». Da kommer verbet «{v.text}» "
                f"rett etter, og så «{s.text}»."
            )
        else:
            message = (
                f"Setningen begynner med «{front}». Da kommer verbet «{v.text}» "
                f"før «{s.text}»."
            )
        joiner = ", " if kind == "clause" else " "
        problems.append(
            Problem(
                check="v2",
                span=(s.start, v.end),
                message=message,
                suggestion=f"{front}{joiner}{fixed}",
                replacements=(fixed,),
            )
        )
        return True

    if first.lower in QUESTION_WORDS and final == "?":
        end = 1
        second = _at(words, 1)
        if second is not None and second.lower in QUESTION_SECOND:
            end = 2
        elif (
            second is not None
            and first.lower in {"hvilken", "hvilket", "hvilke"}
            and second.r.noun_keys
        ):
            end = 2
        if second is not None and second.lower != "som" and not any(
            w.text == "," for w in words
        ):
            flag(end, "question")
        return problems
    clause_end = _clause_front(words)
    if clause_end is not None:
        flag(clause_end, "clause")
        return problems
    problems.extend(_clause_without_comma(words, text))
    if problems:
        return problems
    for end in _front_ends(words, 0):
        if flag(end, "adverbial"):
            break
    if not problems:
        problems.extend(_adverb_before_verb(words, text))
    # A coordinated main clause that starts with an adverb: "..., og derfor jeg søker".
    for j in range(1, len(words) - 3):
        if words[j].lower not in {"og", "men"}:
            continue
        start = j + 1
        nxt = words[start]
        ends = [e for e in (_phrase_end(words, start),) if e is not None]
        if nxt.lower in FRONTING_ADVERBS:
            ends.append(start + 1)
        for end in ends:
            s_kind = _subject_kind(words, end)
            s, v = _at(words, end), _at(words, end + 1)
            if s is None or v is None or s_kind != "pron":
                continue
            if not _finite(v, subject=s_kind, subject_word=s.lower):
                continue
            if _later_inversion(words, end + 2):
                continue
            front = _span_text(text, words, start, end)
            fixed = f"{v.text} {s.text}"
            problems.append(
                Problem(
                    check="v2",
                    span=(s.start, v.end),
                    message=f"Etter «{front}» kommer verbet «{v.text}» før «{s.text}».",
                    suggestion=f"{front} {fixed}",
                    replacements=(fixed,),
                )
            )
            break
    return problems


_CLAUSE_BREAKERS = frozenset(
    {"og", "men", "eller", "som", "at", "om", "fordi", "når", "hvis", "så", "da", "mens", "der",
     "hvor", "hva", "hvem", "hvordan", "hvorfor", "enn"}
)


def _clause_without_comma(words: Sequence[_Word], text: str) -> list[Problem]:
    """"Hvis jeg får jobben jeg blir glad.": a fronted clause, no comma, subject before verb."""
    first = _at(words, 0)
    if first is None or first.lower not in {"hvis", "når", "fordi", "da", "dersom", "mens"}:
        return []
    if any(w.text in {",", ";", ":"} for w in words) or _final_mark(words) not in {".", "!"}:
        return []
    s1, v1 = _at(words, 1), _at(words, 2)
    if s1 is None or v1 is None or s1.lower not in _PERSONAL:
        return []
    if not _finite(v1, subject="pron", subject_word=s1.lower):
        return []
    for k in range(3, len(words) - 1):
        s, v = words[k], words[k + 1]
        between = words[3:k]
        if any(w.lower in _CLAUSE_BREAKERS or w.punct for w in between):
            return []
        if any(x.lower in FINITE_AUX for x in between[1:]):
            return []  # "Når du er ung kan du ...": the main clause already has its verb
        if s.lower not in _PERSONAL or not _finite(v, subject="pron", subject_word=s.lower):
            continue
        if _later_inversion(words, k + 2):
            return []
        fixed = f", {v.text} {s.text}"
        clause = _span_text(text, words, 0, k)
        return [
            Problem(
                check="v2",
                span=(words[k - 1].end, v.end),
                message=(
                    f"Setningen begynner med «{clause}». Sett komma etter «{words[k - 1].text}». "
                    f"Så kommer verbet «{v.text}», og så «{s.text}»."
                ),
                suggestion=f"{clause}{fixed}",
                replacements=(fixed,),
            )
        ]
    return []


#: Sentence adverbs that follow the finite verb in a main clause ("Jeg forstår ikke").
_MIDDLE_ADVERBS = frozenset(
    {"ikke", "også", "alltid", "aldri", "ofte", "gjerne", "fortsatt", "vanligvis", "egentlig",
     "sjelden", "allerede", "nesten"}
)


def _adverb_before_verb(words: Sequence[_Word], text: str) -> list[Problem]:
    """"Jeg ikke forstår": in a main clause the verb comes before "ikke" (verb second)."""
    s, adv, v = _at(words, 0), _at(words, 1), _at(words, 2)
    if s is None or adv is None or v is None or s.lower not in _PERSONAL:
        return []
    if adv.lower not in _MIDDLE_ADVERBS or not _finite(v, subject="pron", subject_word=s.lower):
        return []
    if v.lower in FUNCTION_WORDS:
        return []
    fixed = f"{v.text} {adv.text}"
    return [
        Problem(
            check="v2",
            span=(adv.start, v.end),
            message=(
                f"Skriv «{s.text} {v.text} {adv.text}»: verbet «{v.text}» kommer før "
                f"«{adv.text}»."
            ),
            suggestion=f"{s.text} {fixed}",
            replacements=(fixed,),
        )
    ]


def _followed_by_non_subject(nxt: _Word | None, *, clause: bool) -> bool:
    """True when the word after a verb cannot be its subject ("på", "hjem", ".")."""
    if nxt is None:
        return False
    if nxt.punct:
        return nxt.text in {".", "!"}
    if nxt.lower in FRONT_PREPOSITIONS or nxt.lower in {"som", "av"}:
        return True
    if nxt.lower in PLACE_ADVERBS:
        return True
    if clause and not nxt.cap and nxt.lower not in FUNCTION_WORDS:
        r = nxt.r
        return bool(
            r.noun_keys
            and r.noun_keys <= {"sg_indef", "pl_indef"}
            and not r.verb_keys
            and not r.adj_keys
        )
    return False


_MODALS = frozenset({"skal", "kan", "må", "vil", "bør", "skulle", "kunne", "måtte", "ville"})


def _verb_chain(v: _Word, nxt: _Word | None) -> bool:
    """"skal begynne", "har jobbet": a verb right after the finite verb leaves no subject."""
    if nxt is None or nxt.punct or nxt.r.noun_keys or nxt.r.adj_keys:
        return False
    keys = nxt.r.verb_keys
    if v.lower in _MODALS:
        return bool(keys) and keys <= {"inf", "imp"} and "inf" in keys
    if v.lower in {"har", "hadde"}:
        return keys == {"perf_part"} or keys == {"perf_part", "past"}
    return False


def _starts_with_subjectless_verb(words: Sequence[_Word]) -> bool:
    """True when the first word is surely a finite verb (not imperative, not infinitive)."""
    first = words[0]
    r = first.r
    if first.lower in SUBJECTLESS_OK:
        return False
    if first.lower in FINITE_AUX:
        return first.lower not in {"kom", "gå", "få", "gjør", "si"}  # "Kom i gang!"
    if not r.finite_verb or r.verb_keys & {"imp", "inf"}:
        return False  # "Ta med deg hjelmen."
    if r.only_verb:
        return True
    if r.pos & {"PRON", "DET", "ADJ", "ADP", "ADV"}:
        return False
    # A noun/verb homograph ("Jobber", "Lager") is the verb when nothing else can be; a
    # definite noun reading ("Løftet om ...") could be the subject, so the tagger must agree.
    others_finite = any(_could_be_finite(words, i) for i in range(1, len(words)))
    if r.noun_keys & {"sg_def", "pl_def"}:
        return first.tagged_finite and not others_finite
    return first.tagged_finite or not others_finite


def _check_subject(words: Sequence[_Word], text: str) -> list[Problem]:
    content = _content(words)
    if len(content) < 3 or _final_mark(words) == "?":
        return []
    first = words[0]
    problems: list[Problem] = []
    # Pattern A: the sentence starts with a finite verb and no subject follows.  Only full
    # sentences (ending in "." or "!"), not headlines or notes.
    if (
        words[0].cap
        and _starts_with_subjectless_verb(words)
        and _final_mark(words) in {".", "!"}
    ):
        nxt = _at(words, 1)
        if nxt is not None and not nxt.punct and _subject_kind(words, 1) is None:
            r = nxt.r
            non_subject = (
                nxt.lower in NON_SUBJECT_ADVERBS
                or nxt.lower in FRONT_PREPOSITIONS
                or nxt.lower in {"å", "som"}
                or (
                    not nxt.cap
                    and nxt.lower not in FUNCTION_WORDS
                    and nxt.lower not in NP_DETERMINERS
                    and (
                        (r.verb_keys & {"perf_part", "inf"} and not r.noun_keys)
                        or (r.adj_keys and not r.noun_keys and not r.verb_keys & {"pres", "past"})
                        or (r.noun_keys and r.noun_keys <= {"sg_indef", "pl_indef"})
                    )
                )
            )
            if non_subject:
                fixed = f"Jeg {first.text[:1].lower()}{first.text[1:]}"
                problems.append(
                    Problem(
                        check="subject",
                        span=(first.start, first.end),
                        message=f"Skriv for eksempel «jeg» før «{first.text}»: «{fixed} …».",
                        suggestion=fixed,
                        replacements=(fixed,),
                    )
                )
                return problems
    # Pattern B: a fronted adverbial or clause, the verb, and no subject after it.
    candidates: list[tuple[int, bool]] = []
    clause_end = _clause_front(words)
    if clause_end is not None:
        candidates.append((clause_end, True))
    else:
        candidates.extend((e, False) for e in _front_ends(words, 0))
    for end, clause in candidates:
        v = _at(words, end)
        if v is None or v.lower in SUBJECTLESS_OK:
            continue
        # Right after a fronted clause's comma, a present/past form is the verb.
        if not _finite(v, subject=None) and not (clause and v.r.finite_verb and not v.cap):
            continue
        if "imp" in v.r.verb_keys:
            continue
        nxt = _at(words, end + 1)
        if not _followed_by_non_subject(nxt, clause=clause) and not _verb_chain(v, nxt):
            continue
        if [x.lower for x in words[end + 1 : end + 4]] == ["til", "og", "med"]:
            continue  # "Nå har til og med sjefen ...": the subject comes later
        front = _span_text(text, words, 0, end).rstrip(", ")
        fixed = f"{v.text} jeg"
        joiner = ", " if clause else " "
        problems.append(
            Problem(
                check="subject",
                span=(v.start, v.end),
                message=(
                    f"Skriv for eksempel «jeg» rett etter «{v.text}»: "
                    f"«{front}{joiner}{fixed} …»."
                ),
                suggestion=f"{front}{joiner}{fixed}",
                replacements=(fixed,),
            )
        )
        break
    return problems


def _check_finite_verb(words: Sequence[_Word], text: str, facts: WordFacts) -> list[Problem]:
    content = _content(words)
    if len(content) < 3 or _final_mark(words) == "?":
        return []
    positions = [0] if words[0].lower in _PERSONAL else []
    if not positions:
        positions = [e for e in _front_ends(words, 0) if _at(words, e) is not None][:1]
        positions = [p for p in positions if words[p].lower in _PERSONAL]
    if not positions:
        return _check_noun_copula(words, text)
    p = positions[0]
    subject = words[p]
    nxt = _at(words, p + 1)
    if nxt is None or nxt.punct or nxt.lower in {"og", "eller", "også", "heller", "selv"}:
        return []
    if len(_content(words[p:])) < 3 and not nxt.r.verb_keys:
        return []
    if any(w.text in {",", ":", ";", "(", "-", "–"} for w in words):
        return []
    if any(_could_be_finite(words, i) for i in range(len(words))):
        return []
    span = (subject.start, nxt.end)
    r = nxt.r
    if r.verb_keys & {"inf"} and not r.verb_keys & {"pres", "past", "imp"} and not r.adj_keys:
        presents = {f for lemma in r.verb_lemmas for f in facts.form_of(lemma, "VERB", "pres")[:1]}
        if len(presents) == 1:
            present = presents.pop()
            return [
                Problem(
                    check="finite_verb",
                    span=(nxt.start, nxt.end),
                    message=(
                        f"Etter «{subject.text}» skriver du «{present}», ikke «{nxt.text}»."
                    ),
                    suggestion=f"{subject.text} {present}",
                    replacements=(present,),
                )
            ]
    if r.verb_keys == {"perf_part"} and not r.noun_keys and not r.adj_keys:
        fixed = f"har {nxt.text}"
        return [
            Problem(
                check="finite_verb",
                span=(nxt.start, nxt.end),
                message=f"Skriv «har» foran «{nxt.text}»: «{subject.text} {fixed}».",
                suggestion=f"{subject.text} {fixed}",
                replacements=(fixed,),
            )
        ]
    copula_next = bool(
        (r.adj_keys and not r.noun_keys)
        or nxt.lower in {"fra", "i", "på", "hjemme", "en", "ei", "et", "ikke", "veldig", "glad"}
    )
    replacements = (f"er {nxt.text}",) if copula_next else ()
    suggestion = f"{subject.text} er {nxt.text}" if copula_next else f"{subject.text} + verb"
    if copula_next:
        message = f"Skriv «er» etter «{subject.text}»: «{subject.text} er {nxt.text} …»."
    else:
        message = (
            f"Skriv et verb etter «{subject.text}», for eksempel «{subject.text} er …» "
            f"eller «{subject.text} har …»."
        )
    return [
        Problem(
            check="finite_verb",
            span=span,
            message=message,
            suggestion=suggestion,
            replacements=tuple(f"{subject.text} {x}" for x in replacements),
        )
    ]


def _check_noun_copula(words: Sequence[_Word], text: str) -> list[Problem]:
    """"Sjefen min veldig snill.": a definite noun subject, an adjective, and no verb."""
    if _final_mark(words) not in {".", "!"}:
        return []
    first = words[0]
    r = first.r
    if not r.noun_keys & {"sg_def", "pl_def"} or r.verb_keys or r.adj_keys:
        return []
    j = 1
    if _at(words, j) is not None and words[j].lower in _POST_NP - {"siden"}:
        j += 1
    k = j
    while _at(words, k) is not None and words[k].lower in _DEGREE_ADVERBS:
        k += 1
    adj = _at(words, k)
    if adj is None or adj.punct or not adj.r.adj_keys or adj.r.noun_keys or adj.r.verb_keys:
        return []
    if any(_could_be_finite(words, i) for i in range(len(words))):
        return []
    after = words[j]
    subject = _span_text(text, words, 0, j)
    fixed = f"er {after.text}"
    return [
        Problem(
            check="finite_verb",
            span=(after.start, after.end),
            message=f"Skriv «er» etter «{subject}»: «{subject} {fixed} …».",
            suggestion=f"{subject} {fixed}",
            replacements=(fixed,),
        )
    ]


def _ends_noun_phrase(nxt: _Word | None, *, strict: bool = False) -> bool:
    """True when the word after a candidate noun cannot continue the noun phrase.

    "og"/"eller" do not count: "en ny og artig nyhet" coordinates adjectives; with
    ``strict`` neither does a comma ("en ny, stor hylle").
    """
    if nxt is None:
        return True
    if nxt.punct:
        return nxt.text in {".", "!", "?"} or (not strict and nxt.text in {",", ";", ":", ")"})
    if nxt.lower in FRONT_PREPOSITIONS or nxt.lower in {"som", "av"}:
        return True
    return nxt.lower in FINITE_AUX or (nxt.r.finite_verb and not nxt.r.noun_keys)


def _compound_head_articles(word: str, facts: WordFacts) -> tuple[str, ...]:
    """Articles of an unknown compound from its longest known last part ("uteområde")."""
    for cut in range(3, len(word) - 2):
        head, tail = word[:cut], word[cut:]
        readings = facts.readings(tail)
        if len(tail) < 4 or "sg_indef" not in readings.noun_keys:
            continue
        if readings.pos - {"NOUN", "VERB"}:
            continue
        first = head[:-1] if head[-1] in {"s", "e"} and not facts.known(head) else head
        if len(first) >= 3 and facts.readings(first).pos & CONTENT_POS:
            return readings.articles_sg_indef()
    return ()


_AFTER_MODAL_ADVERBS = frozenset({"ikke", "også", "gjerne", "alltid", "aldri", "bare", "ofte"})


def _verb_only(w: _Word | None, keys: set[str], *, noun_ok: bool = False) -> bool:
    """True when ``w`` is a verb whose only verb readings are the given forms.

    ``noun_ok`` accepts a noun homograph ("jobber", "snakker") where a noun cannot stand.
    """
    if w is None or w.punct or w.cap or w.lower in FUNCTION_WORDS:
        return False
    if w.lower in _MODALS or w.lower in {"er", "var", "har", "hadde"}:
        return False
    r = w.r
    if not r.verb_keys or not r.verb_keys <= keys or r.adj_keys:
        return False
    if r.pos - {"VERB", "NOUN"}:
        return False
    return not r.noun_keys or noun_ok


def _check_verb_form(words: Sequence[_Word], facts: WordFacts) -> list[Problem]:
    """"å jobber", "kan snakker", "har jobbe": the verb form after å, a modal or "har"."""
    problems: list[Problem] = []
    for w in words:
        target = ""
        if w.lower == "å":
            nxt = _at(words, w.i + 1)
            if _verb_only(nxt, {"pres", "past"}, noun_ok=True):
                target = "inf"  # "å" before a noun is impossible: "å jobber" is the verb
        elif w.lower in _MODALS or w.lower in {"har", "hadde"}:
            j = w.i + 1
            if _at(words, j) is not None and words[j].lower in SUBJECT_PRONOUNS:
                j += 1  # "Kan du snakker ...?"
            if _at(words, j) is not None and words[j].lower in _AFTER_MODAL_ADVERBS:
                j += 1
            nxt = _at(words, j)
            if w.lower in _MODALS and _verb_only(
                nxt, {"pres"}, noun_ok=nxt is not None and nxt.pos in {"VERB", "AUX"}
            ):
                target = "inf"
            elif w.lower in {"har", "hadde"} and _verb_only(nxt, {"pres", "inf"}):
                target = "perf_part"
        else:
            continue
        if not target or nxt is None:
            continue
        forms = {f for lemma in nxt.r.verb_lemmas for f in facts.form_of(lemma, "VERB", target)[:1]}
        if len(forms) != 1:
            continue
        fixed = forms.pop()
        if fixed.lower() == nxt.lower:
            continue
        gap = " … " if nxt.i > w.i + 1 else " "
        message = (
            f"Etter «{w.lower}» skriver du «{fixed}», ikke «{nxt.text}»: "
            f"«{w.lower}{gap}{fixed}»."
        )
        problems.append(
            Problem(
                check="verb_form",
                span=(nxt.start, nxt.end),
                message=message,
                suggestion=fixed,
                replacements=(fixed,),
            )
        )
    return problems


_PLURAL_QUANTIFIERS = frozenset(
    {"to", "tre", "fire", "fem", "seks", "sju", "syv", "åtte", "ni", "ti", "elleve", "tolv",
     "femten", "tjue", "tretti", "førti", "femti", "hundre", "mange", "flere", "begge"}
)


#: Nouns that idiomatically stay singular after a number ("Vi var tre mann på jobb").
_COUNT_EXCEPTIONS = frozenset({"mann", "stykk", "dusin", "tylvt", "snes"})
_MONTHS = frozenset(
    {"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
     "oktober", "november", "desember"}
)


def _check_plural(words: Sequence[_Word], facts: WordFacts) -> list[Problem]:
    """"to uke", "mange kunde": a noun after a number above one or "mange" is plural."""
    problems: list[Problem] = []
    for w in words:
        number = w.lower in _PLURAL_QUANTIFIERS or (
            w.text.isdigit() and 1 < int(w.text) < 1000  # not years ("1939 anvendelse")
        )
        if not number:
            continue
        prev = _at(words, w.i - 1)
        if prev is not None and (prev.lower in CLOCK_WORDS or prev.lower in {"nr", "nummer"}):
            continue  # "klokka to", "nummer to"
        noun = _at(words, w.i + 1)
        if noun is None or noun.punct or noun.cap or not noun.alpha:
            continue
        r = noun.r
        if r.noun_keys != {"sg_indef"} or r.pos - {"NOUN", "VERB"} or r.verb_keys - {"imp", "inf"}:
            continue
        if noun.lower in FUNCTION_WORDS or noun.lower in _COUNT_EXCEPTIONS | _MONTHS:
            continue  # "21 juni" is a date
        if zipf(noun.lower, "en") > zipf(noun.lower) + 1.0:
            continue  # English: "(Ready to make the move?)"
        lemmas = {n.lemma for n in r.nouns}
        plurals = {f for lemma in lemmas for f in facts.form_of(lemma, "NOUN", "pl_indef")[:1]}
        if len(plurals) != 1:
            continue
        plural = plurals.pop()
        if plural.lower() == noun.lower:
            continue
        problems.append(
            Problem(
                check="plural",
                span=(noun.start, noun.end),
                message=f"Etter «{w.text}» skriver du «{plural}», ikke «{noun.text}».",
                suggestion=f"{w.text} {plural}",
                replacements=(plural,),
            )
        )
    return problems


def _noun_articles(w: _Word, nxt: _Word | None, facts: WordFacts) -> tuple[str, ...]:
    """Allowed indefinite articles of a singular indefinite noun, or () when unsure."""
    if w.punct or w.cap or not w.alpha or w.lower in FUNCTION_WORDS or w.lower in NP_DETERMINERS:
        return ()
    r = w.r
    if r.known:
        if "sg_indef" not in r.noun_keys:
            return ()
        # Another reading (adjective, adverb) is possible unless the phrase ends here.
        if (r.pos - {"NOUN", "VERB"} or r.adj_keys) and not _ends_noun_phrase(nxt, strict=True):
            return ()
        if r.pos & {"PRON", "DET", "NUM"}:
            return ()
        return r.articles_sg_indef()
    if not _ends_noun_phrase(nxt):
        return ()  # "et annengangs intervju", "en dommers besøk": it modifies the next noun
    if w.token.compound_parts:
        head = facts.readings(w.token.compound_parts[-1])
        if "sg_indef" in head.noun_keys and not head.pos - {"NOUN", "VERB"}:
            return head.articles_sg_indef()
        return ()
    if "-" in w.lower:
        return ()
    return _compound_head_articles(w.lower, facts)


def _implied_definite(noun: str, article: str) -> str:
    """The definite singular the learner's article implies: en pall → pallen, et pall → pallet."""
    stem = noun[:-1] if noun.endswith("e") else noun
    if article == "ei":
        return stem + "a"
    if article == "et":
        return noun + ("t" if noun.endswith("e") else "et")
    return noun + ("n" if noun.endswith("e") else "en")


def _usage_supports(noun: str, article: str, allowed: Sequence[str], facts: WordFacts) -> bool:
    """True when real usage backs the learner's gender more than the dictionary's.

    Guards against gaps in the dictionary data: "en forvaltningsplan" is the normal usage
    (forvaltningsplanen is attested, forvaltningsplanet is not).  A definite form that is
    also a verb or adjective ("jobbet", "hyllet") is no evidence.
    """
    implied = _implied_definite(noun, article)
    if facts.readings(implied).pos & {"VERB", "ADJ"}:
        return False
    implied_zipf = zipf(implied)
    if implied_zipf <= 0:
        return False
    dictionary = max(
        (zipf(_implied_definite(noun, a)) for a in allowed), default=0.0
    )
    return implied_zipf >= dictionary


def _or_list(items: Sequence[str]) -> str:
    """«a», «b» eller «c»."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " eller " + items[-1]


def _case_like(source: str, word: str) -> str:
    return word[:1].upper() + word[1:] if source[:1].isupper() else word


def _adjective_for(adj: _Word, gender: str, facts: WordFacts) -> str | None:
    """The adjective form that agrees with an indefinite singular noun of ``gender``."""
    forms = facts.adjective_paradigm(adj.lower)
    if forms is None:
        return None
    key = "pos_n" if gender == "Neut" else "pos_mf"
    values = forms.get(key, ())
    return values[0] if values else None


def _gender_of_articles(articles: Iterable[str]) -> set[str]:
    return {ARTICLE_GENDER[a] for a in articles if a in ARTICLE_GENDER}


def _check_article(words: Sequence[_Word], text: str, facts: WordFacts) -> list[Problem]:
    problems: list[Problem] = []
    for w in words:
        if w.lower not in ARTICLE_GENDER and w.lower not in POSSESSIVE_GENDERS:
            continue
        nxt = _at(words, w.i + 1)
        if nxt is None or nxt.punct:
            continue
        adj: _Word | None = None
        noun = nxt
        articles = _noun_articles(noun, _at(words, w.i + 2), facts)
        if not articles and nxt.r.adj_keys and not nxt.r.finite_verb:
            candidate = _at(words, w.i + 2)
            if candidate is not None:
                adj, noun = nxt, candidate
                articles = _noun_articles(noun, _at(words, w.i + 3), facts)
        if not articles:
            if w.lower in ARTICLE_GENDER and adj is None:
                problems.extend(_definite_after_article(w, nxt, _at(words, w.i + 2), facts))
            continue
        genders = _gender_of_articles(articles)
        if w.lower in ARTICLE_GENDER:
            if w.lower in articles:
                if adj is not None:
                    problems.extend(_check_adjective(w, adj, noun, genders, facts))
                continue
            if _usage_supports(noun.lower, w.lower, articles, facts):
                continue
            fixes: list[str] = []
            shown_articles: list[str] = []
            for article in articles:
                gender = ARTICLE_GENDER[article]
                middle = ""
                if adj is not None:
                    adj_form = _adjective_for(adj, gender, facts)
                    if adj_form is None:
                        fixes = []
                        break
                    middle = f"{adj_form} "
                fixes.append(f"{_case_like(w.text, article)} {middle}{noun.text}")
                shown_articles.append(article)
            if not fixes:
                continue
            rest = fixes[0].split(" ", 1)[1]
            suggestion = f"{'/'.join(_case_like(w.text, a) for a in shown_articles)} {rest}"
            if len({f.split(' ', 1)[1] for f in fixes}) > 1:
                suggestion = " / ".join(fixes)
            problems.append(
                Problem(
                    check="article",
                    span=(w.start, noun.end),
                    message=(
                        f"Det heter {_or_list([f'«{a} {noun.lower}»' for a in articles])}, "
                        f"ikke «{w.lower} {noun.lower}»."
                    ),
                    suggestion=suggestion,
                    replacements=tuple(fixes),
                )
            )
        elif adj is None:
            before = _at(words, w.i - 1)
            if before is not None and (before.r.noun_keys & {"sg_def", "pl_def"} or before.cap):
                continue  # "kravet vårt handler ...": the possessive belongs to the noun before
            allowed = POSSESSIVE_GENDERS[w.lower]
            if genders & set(allowed):
                continue
            stem = w.lower[0]
            options: list[str] = []
            for gender in ("Masc", "Fem", "Neut"):
                if gender in genders:
                    options.extend(
                        o for o in POSSESSIVE_FORMS.get((stem, gender), ()) if o not in options
                    )
            if not options:
                continue
            fixes = [f"{_case_like(w.text, o)} {noun.text}" for o in options]
            problems.append(
                Problem(
                    check="article",
                    span=(w.start, noun.end),
                    message=(
                        f"Vi sier {_or_list([f'«{a} {noun.lower}»' for a in articles])}, "
                        f"så det heter {_or_list([f'«{o} {noun.lower}»' for o in options])}, "
                        f"ikke «{w.lower} {noun.lower}»."
                    ),
                    suggestion=" / ".join(fixes),
                    replacements=tuple(fixes),
                )
            )
    return problems


def _definite_after_article(
    article: _Word, noun: _Word, after: _Word | None, facts: WordFacts
) -> list[Problem]:
    """"en bilen": an indefinite article before a definite noun."""
    r = noun.r
    if noun.cap or not noun.alpha or noun.lower in FUNCTION_WORDS or r.pos != {"NOUN"}:
        return []
    if r.noun_keys != {"sg_def"} or not _ends_noun_phrase(after):
        return []
    lemma = max(r.nouns, key=lambda n: n.weight).lemma
    indefinite = facts.form_of(lemma, "NOUN", "sg_indef")
    allowed = facts.readings(indefinite[0]).articles_sg_indef() if indefinite else ()
    if not indefinite or article.lower not in allowed:
        return []
    option_a = f"{article.text} {indefinite[0]}"
    option_b = _case_like(article.text, noun.text)
    return [
        Problem(
            check="article",
            span=(article.start, noun.end),
            message=(
                f"Skriv «{article.lower} {indefinite[0]}» eller bare «{noun.text}», "
                f"uten «{article.lower}»."
            ),
            suggestion=f"{option_a} / {option_b}",
            replacements=(option_a, option_b),
        )
    ]


def _check_predicate_adjective(words: Sequence[_Word], facts: WordFacts) -> list[Problem]:
    """"Lageret er stor": a predicate adjective agrees with a definite noun subject."""
    if _final_mark(words) not in {".", "!"}:
        return []
    subject = words[0]
    r = subject.r
    if r.verb_keys or r.adj_keys or not r.noun_keys & {"sg_def", "pl_def"}:
        return []
    if r.noun_keys & {"sg_indef", "pl_indef"}:
        return []
    j = 1
    if _at(words, j) is not None and words[j].lower in _POST_NP - {"siden"}:
        j += 1
    verb = _at(words, j)
    if verb is None or verb.lower not in {"er", "var", "blir", "ble"}:
        return []
    k = j + 1
    while _at(words, k) is not None and words[k].lower in _DEGREE_ADVERBS - {"ikke", "for"}:
        k += 1
    adj = _at(words, k)
    end = _at(words, k + 1)
    if adj is None or end is None or not (end.punct and end.text in {".", "!"}):
        return []
    if adj.r.verb_keys - {"imp"} or adj.r.noun_keys or adj.lower in FUNCTION_WORDS:
        return []
    forms = facts.adjective_paradigm(adj.lower)
    if forms is None:
        return []
    if r.noun_keys == {"pl_def"}:
        key = "pos_pl"
    else:
        genders = {ARTICLE_GENDER[a] for n in r.nouns for a in n.articles if a in ARTICLE_GENDER}
        if not genders or ("Neut" in genders and genders - {"Neut"}):
            return []  # both neuter and masculine/feminine readings: unsure
        key = "pos_n" if genders == {"Neut"} else "pos_mf"
    expected = forms.get(key, ())
    if not expected or any(adj.lower == e.lower() for e in expected):
        return []
    other_forms = {v.lower() for k2 in ("pos_mf", "pos_n", "pos_pl") for v in forms.get(k2, ())}
    if adj.lower not in other_forms:
        return []
    fixed = expected[0]
    subject_text = " ".join(w.text for w in words[:j])
    return [
        Problem(
            check="adjective",
            span=(adj.start, adj.end),
            message=(
                f"«{adj.text}» skal passe til «{subject.text.lower()}»: "
                f"«{subject_text} {verb.text} {fixed}»."
            ),
            suggestion=fixed,
            replacements=(fixed,),
        )
    ]


def _check_adjective(
    article: _Word, adj: _Word, noun: _Word, genders: set[str], facts: WordFacts
) -> list[Problem]:
    gender = ARTICLE_GENDER[article.lower]
    if gender not in genders:
        return []
    if adj.r.verb_keys or adj.lower in NP_DETERMINERS or adj.lower in FUNCTION_WORDS:
        return []  # participles ("en slitt sofa") and "en siste ting" are fine
    forms = facts.adjective_paradigm(adj.lower)
    if forms is None:
        return []
    key = "pos_n" if gender == "Neut" else "pos_mf"
    expected = forms.get(key, ())
    if not expected or any(adj.lower == e.lower() for e in expected):
        return []
    wrong_keys = [k for k in ("pos_mf", "pos_n") if k != key]
    if not any(adj.lower == v.lower() for k in wrong_keys for v in forms.get(k, ())):
        return []
    fixed = expected[0]
    return [
        Problem(
            check="adjective",
            span=(adj.start, adj.end),
            message=(
                f"«{adj.text}» skal passe til «{article.lower} {noun.lower}»: det heter "
                f"«{article.lower} {fixed} {noun.lower}»."
            ),
            suggestion=f"{article.text} {fixed} {noun.text}",
            replacements=(fixed,),
        )
    ]


def _check_spelling(words: Sequence[_Word], facts: WordFacts) -> list[Problem]:
    problems: list[Problem] = []
    content = [w for w in words if not w.punct and w.alpha]
    unknown = [w for w in content if not w.cap and not facts.known(w.lower)]
    if len(unknown) >= 3 and len(unknown) > 0.25 * len(content):
        return []  # mostly unknown words: another language or dialect, not typos
    for w in words:
        if w.punct or w.cap or w.ent or w.kind not in {"word", ""} or not w.alpha:
            continue
        if len(w.lower) < 3 or w.lower in FILLERS or not w.lower.isascii() and not set(
            w.lower
        ) <= NORWEGIAN_LETTERS:
            continue  # accented or foreign letters: a loanword or a name, not a typo
        parts = w.lower.split("-")
        if all(accepted(p, w.token if len(parts) == 1 else None, facts) for p in parts if p):
            continue
        if looks_foreign(w.lower):
            continue
        if len(parts) > 1:
            continue
        prev = _at(words, w.i - 1)
        previous = prev.lower if prev else ""
        if previous in {"og", "men", "eller"} and any(
            x.lower in _PERSONAL for x in words[: w.i - 1]
        ):
            previous = "jeg"  # "Jeg er lærer og jobbr mye": a coordinated verb
        candidates = spelling_candidates(w.lower, facts, previous=previous)
        if not candidates:
            continue
        listed = _or_list([f"«{c}»" for c in candidates])
        problems.append(
            Problem(
                check="spelling",
                span=(w.start, w.end),
                message=f"Finner ikke «{w.text}» i ordboka. Mente du {listed}?",
                suggestion="/".join(candidates),
                replacements=tuple(candidates),
            )
        )
    return problems


def _check_filler(words: Sequence[_Word], text: str) -> list[Problem]:
    problems: list[Problem] = []
    for w in words:
        if w.lower.strip(".") not in FILLERS:
            continue
        end = w.end
        rest = text[end:]
        match = re.match(r"[,.]?\s*", rest)
        if match:
            end += match.end()
        problems.append(
            Problem(
                check="filler",
                span=(w.start, end),
                message=f"I et skrevet svar kan du ta bort «{w.text}».",
                suggestion="",
                replacements=("",),
                severity="hint",
            )
        )
    return problems


def _check_length(words: Sequence[_Word], sentence: SentenceLike) -> list[Problem]:
    count = len([w for w in words if not w.punct])
    if count <= LONG_SENTENCE_WORDS:
        return []
    return [
        Problem(
            check="length",
            span=(sentence.start, sentence.end),
            message=(
                f"Denne setningen har {count} ord. Del den gjerne i to eller tre kortere "
                "setninger."
            ),
            suggestion="",
            severity="hint",
        )
    ]


# --------------------------------------------------------------------------- API

_CheckFn = Callable[[Sequence[_Word], str, WordFacts, SentenceLike], list[Problem]]

_CHECK_FUNCTIONS: dict[str, _CheckFn] = {
    "v2": lambda w, t, f, s: _check_v2(w, t),
    "finite_verb": lambda w, t, f, s: _check_finite_verb(w, t, f),
    "subject": lambda w, t, f, s: _check_subject(w, t),
    "article": lambda w, t, f, s: [*_check_article(w, t, f), *_check_predicate_adjective(w, f)],
    "verb_form": lambda w, t, f, s: _check_verb_form(w, f),
    "plural": lambda w, t, f, s: _check_plural(w, f),
    "spelling": lambda w, t, f, s: _check_spelling(w, f),
    "filler": lambda w, t, f, s: _check_filler(w, t),
    "length": lambda w, t, f, s: _check_length(w, s),
}


_ORDER_CHECKS = ("v2", "subject", "finite_verb")


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def check_analysis(
    analysis: AnalysisLike,
    *,
    lexicon: LexiconLike | None = None,
    checks: Collection[str] | None = None,
) -> tuple[Problem, ...]:
    """Run the checks on every sentence of an analysis; spans refer to ``analysis.text``.

    At most one word-order problem (v2/subject/finite_verb) is reported per sentence, and
    spelling problems that overlap a grammar problem are dropped, so the learner sees one
    clear message per spot.
    """
    facts = word_facts(lexicon if lexicon is not None else default_lexicon())
    wanted = set(CHECKS if checks is None else checks)
    unknown = wanted - set(CHECKS)
    if unknown:
        raise ValueError(f"unknown checks: {', '.join(sorted(unknown))}")
    run = wanted | ({"article"} if "adjective" in wanted else set())  # one pass finds both
    problems: list[Problem] = []
    for sentence in analysis.sentences:
        words = _words(sentence, facts)
        if not words:
            continue
        found: list[Problem] = []
        for name in _ORDER_CHECKS:
            if name in wanted and not any(p.check in _ORDER_CHECKS for p in found):
                found.extend(_CHECK_FUNCTIONS[name](words, analysis.text, facts, sentence))
        for name in ("verb_form", "article", "plural", "spelling", "filler", "length"):
            if name not in run:
                continue
            for problem in _CHECK_FUNCTIONS[name](words, analysis.text, facts, sentence):
                if problem.check not in wanted:
                    continue
                if problem.check == "spelling" and any(
                    _overlaps(problem.span, p.span) for p in found
                ):
                    continue
                found.append(problem)
        order = {name: i for i, name in enumerate(CHECKS)}
        problems.extend(sorted(found, key=lambda p: (p.span[0], order.get(p.check, 99))))
    return tuple(problems)


def check_text(
    text: str,
    *,
    analyzer: AnalyzerLike | None = None,
    lexicon: LexiconLike | None = None,
    checks: Collection[str] | None = None,
) -> TextFeedback:
    """Analyse ``text`` and run the checks; see ``check_analysis``."""
    used = analyzer if analyzer is not None else default_analyzer()
    analysis = used.analyze(text)
    problems = check_analysis(analysis, lexicon=lexicon, checks=checks)
    return TextFeedback(text=analysis.text, problems=problems, analysis=analysis)


def rewrite(text: str, problems: Iterable[Problem]) -> str:
    """Apply the preferred replacement of each problem to ``text`` (overlaps: first wins)."""
    chosen: list[Problem] = []
    for problem in sorted(problems, key=lambda p: (p.span[0], -p.span[1])):
        if not problem.replacements:
            continue
        if any(_overlaps(problem.span, c.span) for c in chosen):
            continue
        chosen.append(problem)
    result = text
    for problem in sorted(chosen, key=lambda p: p.span[0], reverse=True):
        start, end = problem.span
        replacement = problem.replacements[0]
        at_start = _sentence_start(text, start) == start
        if replacement and at_start and text[start : start + 1].isupper():
            replacement = replacement[:1].upper() + replacement[1:]
        result = result[:start] + replacement + result[end:]
        if not replacement and at_start and result[start : start + 1].islower():
            # a removed filler at the start: the next word starts the sentence
            result = result[:start] + result[start].upper() + result[start + 1 :]
    return result


def _sentence_start(text: str, index: int) -> int:
    before = text[:index].rstrip()
    return index if not before or before[-1] in ".!?" else -1


def estimate_level(
    text: str,
    analysis: AnalysisLike | None = None,
    *,
    problems: Sequence[Problem] | None = None,
    lexicon: LexiconLike | None = None,
) -> tuple[str, tuple[str, ...]]:
    """Estimate the CEFR level (A1, A2, B1, B1+) of a learner text, with reasons in Norwegian.

    ``analysis`` is the analysis of ``text`` (analysed with the shared analyzer when omitted);
    ``problems`` are its problems (checked when omitted).
    """
    if analysis is None:
        analysis = default_analyzer().analyze(text)
    found = problems if problems is not None else check_analysis(analysis, lexicon=lexicon)
    facts = word_facts(lexicon if lexicon is not None else default_lexicon())
    estimate: LevelEstimate = level_from_text(
        analysis,
        errors=sum(1 for p in found if p.severity == "error"),
        readings=facts.readings,
    )
    return estimate.level, estimate.reasons


# --------------------------------------------------------------------------- CLI


def _feedback_lines(
    lines: Iterable[str], *, analyzer: AnalyzerLike, lexicon: LexiconLike
) -> Iterable[dict[str, Any]]:
    for line in lines:
        sentence = line.rstrip("\n").strip()
        if not sentence:
            continue
        feedback = check_text(sentence, analyzer=analyzer, lexicon=lexicon)
        yield {
            "sentence": feedback.text,
            "problems": [p.to_dict() for p in feedback.problems],
        }


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    """Read sentences (one per line) and print one JSON object with the problems per line."""
    parser = argparse.ArgumentParser(
        prog="python -m interviews.feedback",
        description="Check Norwegian sentences (one per line on standard input).",
    )
    parser.add_argument("--rewrite", action="store_true", help="also print the rewritten text")
    args = parser.parse_args(argv)
    source = stdin if stdin is not None else sys.stdin
    out = stdout if stdout is not None else sys.stdout
    analyzer = default_analyzer()
    lexicon = default_lexicon()
    for record in _feedback_lines(source, analyzer=analyzer, lexicon=lexicon):
        if args.rewrite:
            problems = [
                Problem(
                    check=p["check"],
                    span=(p["span"][0], p["span"][1]),
                    message=p["message"],
                    suggestion=p["suggestion"],
                    replacements=tuple(p["replacements"]),
                )
                for p in record["problems"]
            ]
            record["rewritten"] = rewrite(record["sentence"], problems)
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
