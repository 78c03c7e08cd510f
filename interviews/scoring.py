"""Assess one answer to a scenario turn: key points, workplace words, sentences, length, level.

Everything is deterministic and explainable: key points are found by lemma matching, profile
words by lemma or form, sentence problems by ``interviews.feedback``, and the level by
``estimate_level``.  Messages are in simple Norwegian.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from interviews.feedback import (
    TEACHER_CHECK_LABELS,
    Problem,
    check_analysis,
    estimate_level,
    rewrite,
)
from interviews.nlp import AnalysisLike, AnalyzerLike, LexiconLike, default_lexicon, word_facts
from interviews.norwegian import FILLERS, SOFT_FILLERS
from interviews.scenarios import KeyPoint, Turn
from language_profiles.profile import Term

__all__ = [
    "MIN_WORDS",
    "AnswerFeedback",
    "KeyPointResult",
    "answer_vocabulary",
    "assess_answer",
    "common_errors",
    "match_key_point",
]

#: Fewer words than this is "a very short answer".
MIN_WORDS = 8
#: A B1 answer in an interview usually has at least this many words.
GOOD_WORDS = 25
#: More than this is long for a spoken answer.
MAX_WORDS = 160
_TAGGED = frozenset(
    {"NOUN", "PROPN", "VERB", "AUX", "ADJ", "ADV", "ADP", "PRON", "DET", "CCONJ", "SCONJ",
     "PART", "NUM", "INTJ", "PUNCT", "SYM"}
)
#: How many fitting profile words to suggest.
SUGGESTED_TERMS = 5


@dataclass(frozen=True)
class KeyPointResult:
    """Whether one key point was covered, and by which words."""

    label: str
    covered: bool
    matched: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {"label": self.label, "covered": self.covered, "matched": list(self.matched)}


@dataclass(frozen=True)
class AnswerFeedback:
    """Feedback on one answer; ``problems`` spans refer to ``text``."""

    text: str
    key_points: tuple[KeyPointResult, ...]
    terms_used: tuple[str, ...]
    terms_suggested: tuple[str, ...]
    problems: tuple[Problem, ...]
    word_count: int
    fillers: tuple[str, ...]
    length_message: str
    level: str
    level_reasons: tuple[str, ...]
    rewritten: str
    messages: tuple[str, ...]

    @property
    def covered(self) -> tuple[str, ...]:
        """Labels of the key points the answer covered."""
        return tuple(k.label for k in self.key_points if k.covered)

    @property
    def missing(self) -> tuple[str, ...]:
        """Labels of the key points the answer missed."""
        return tuple(k.label for k in self.key_points if not k.covered)

    @property
    def coverage(self) -> float:
        """Share of key points covered (1.0 when the turn has none)."""
        if not self.key_points:
            return 1.0
        return sum(k.covered for k in self.key_points) / len(self.key_points)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "text": self.text,
            "key_points": [k.to_dict() for k in self.key_points],
            "covered": list(self.covered),
            "missing": list(self.missing),
            "coverage": round(self.coverage, 3),
            "terms_used": list(self.terms_used),
            "terms_suggested": list(self.terms_suggested),
            "problems": [p.to_dict() for p in self.problems],
            "word_count": self.word_count,
            "fillers": list(self.fillers),
            "length_message": self.length_message,
            "level": self.level,
            "level_reasons": list(self.level_reasons),
            "rewritten": self.rewritten,
            "messages": list(self.messages),
        }


@dataclass(frozen=True)
class _Vocabulary:
    """The words of an answer: surface forms, lemmas and compound parts, lower case."""

    words: frozenset[str]
    lemmas: frozenset[str]
    word_text: str  # " jeg har jobbet på lageret " (surface forms, for phrases)
    lemma_text: str  # " jeg ha jobbe på lager "

    def has(self, keyword: str) -> bool:
        key = keyword.lower().strip()
        if not key:
            return False
        if " " in key:
            return f" {key} " in self.word_text or f" {key} " in self.lemma_text
        return key in self.words or key in self.lemmas


def answer_vocabulary(analysis: AnalysisLike, *, lexicon: LexiconLike | None = None) -> _Vocabulary:
    """Collect forms, lemmas (tagger and dictionary) and compound parts of an analysed answer."""
    facts = word_facts(lexicon if lexicon is not None else default_lexicon())
    words: set[str] = set()
    lemmas: set[str] = set()
    word_seq: list[str] = []
    lemma_seq: list[str] = []
    for sentence in analysis.sentences:
        for token in sentence.tokens:
            if token.is_punct or token.kind in {"space", "punct", "symbol"}:
                continue
            text = token.text.lower().rstrip(".")
            lemma = (token.lemma or token.text).lower()
            words.add(text)
            lemmas.add(lemma)
            word_seq.append(text)
            lemma_seq.append(lemma)
            # Dictionary lemmas of the tagged word class make matching robust to tagger
            # lemma errors without letting "lager" (noun) count as "lage" (verb).
            readings = facts.readings(text)
            pos = token.pos
            if pos in {"VERB", "AUX"} or pos not in _TAGGED:
                lemmas.update(x.lower() for x in readings.verb_lemmas)
            if pos == "ADJ" or pos not in _TAGGED:
                lemmas.update(x.lower() for x in readings.adj_lemmas)
            if pos in {"NOUN", "PROPN"} or pos not in _TAGGED:
                lemmas.update(n.lemma.lower() for n in readings.nouns)
            lemmas.update(p.lower() for p in token.compound_parts)
    return _Vocabulary(
        words=frozenset(words),
        lemmas=frozenset(lemmas),
        word_text=" " + " ".join(word_seq) + " ",
        lemma_text=" " + " ".join(lemma_seq) + " ",
    )


def match_key_point(key_point: KeyPoint, vocabulary: _Vocabulary) -> KeyPointResult:
    """Which keywords of a key point occur in the answer."""
    matched = tuple(k for k in key_point.keywords if vocabulary.has(k))
    return KeyPointResult(label=key_point.label, covered=bool(matched), matched=matched)


def _term_used(term: Term, vocabulary: _Vocabulary) -> bool:
    if vocabulary.has(term.lemma):
        return True
    return any(vocabulary.has(form) for forms in term.forms.values() for form in forms)


def _suggest_terms(
    turn: Turn, profile_terms: Sequence[Term], used: Iterable[str]
) -> tuple[str, ...]:
    used_set = {u.lower() for u in used}
    suggestions: list[str] = [t for t in turn.terms if t.lower() not in used_set]
    context = " ".join([turn.prompt, *turn.model_answers.values()]).lower()
    ranked = sorted(profile_terms, key=lambda t: (-t.score, t.lemma))
    for term in ranked:
        lemma = term.lemma
        if lemma.lower() in used_set or lemma in suggestions:
            continue
        forms = {lemma.lower(), *(f.lower() for v in term.forms.values() for f in v)}
        if any(f" {f} " in f" {context} " or f" {f}." in f" {context}" for f in forms):
            suggestions.append(lemma)
    return tuple(suggestions[:SUGGESTED_TERMS])


def _length_message(count: int) -> str:
    if count < MIN_WORDS:
        return f"Svaret er veldig kort ({count} ord). Prøv å svare med to eller tre hele setninger."
    if count < GOOD_WORDS:
        return f"Svaret har {count} ord. Et B1-svar har ofte flere detaljer og et eksempel."
    if count > MAX_WORDS:
        return f"Svaret er langt ({count} ord). I et intervju er det lurt å svare kort og tydelig."
    return f"Svaret har god lengde ({count} ord)."


def assess_answer(
    turn: Turn,
    answer_text: str,
    *,
    profile_terms: Sequence[Term],
    analyzer: AnalyzerLike,
    lexicon: LexiconLike | None = None,
) -> AnswerFeedback:
    """Assess a typed or transcribed answer to ``turn``; the same input gives the same result."""
    lex = lexicon if lexicon is not None else default_lexicon()
    analysis = analyzer.analyze(answer_text)
    vocabulary = answer_vocabulary(analysis, lexicon=lex)
    key_points = tuple(match_key_point(k, vocabulary) for k in turn.key_points)
    terms_used = tuple(
        dict.fromkeys(t.lemma for t in profile_terms if _term_used(t, vocabulary))
    )
    turn_terms_used = tuple(t for t in turn.terms if vocabulary.has(t))
    used_all = tuple(dict.fromkeys((*terms_used, *turn_terms_used)))
    suggested = _suggest_terms(turn, profile_terms, used_all)
    problems = check_analysis(analysis, lexicon=lex)
    tokens = [
        t for s in analysis.sentences for t in s.tokens
        if not t.is_punct and t.kind not in {"space", "punct", "symbol"}
    ]
    fillers = tuple(t.text for t in tokens if t.text.lower() in FILLERS | SOFT_FILLERS)
    word_count = sum(1 for t in tokens if t.text.lower() not in FILLERS)
    level, reasons = estimate_level(analysis.text, analysis, problems=problems, lexicon=lex)
    rewritten = rewrite(analysis.text, problems)

    messages: list[str] = []
    covered = [k.label for k in key_points if k.covered]
    missing = [k.label for k in key_points if not k.covered]
    if key_points:
        if not missing:
            messages.append("Bra! Du svarte på alle delene av spørsmålet.")
        else:
            messages.append(
                f"Du svarte på {len(covered)} av {len(key_points)} deler. "
                f"Dette mangler: {', '.join(m.lower() for m in missing)}."
            )
    if used_all:
        messages.append(f"Du brukte ord fra arbeidsplassen: {', '.join(used_all)}.")
    if suggested:
        messages.append(f"Disse ordene passer også: {', '.join(suggested)}.")
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        messages.append(f"Se på {len(errors)} ting i setningene (se forslagene).")
    if fillers:
        shown = ", ".join(f"«{f}»" for f in dict.fromkeys(f.lower() for f in fillers))
        messages.append(f"Disse ordene kan du ta bort: {shown}.")
    length_message = _length_message(word_count)
    messages.append(length_message)
    if turn.behavioural and turn.star is not None:
        messages.append(
            "Tips: Fortell hva som skjedde, hva du måtte gjøre, hva du gjorde og hvordan det gikk."
        )
    messages.append(f"Nivå: omtrent {level}.")
    return AnswerFeedback(
        text=analysis.text,
        key_points=key_points,
        terms_used=used_all,
        terms_suggested=suggested,
        problems=problems,
        word_count=word_count,
        fillers=fillers,
        length_message=length_message,
        level=level,
        level_reasons=reasons,
        rewritten=rewritten,
        messages=tuple(messages),
    )


def common_errors(
    problem_lists: Iterable[Sequence[Problem]], *, include_hints: bool = False
) -> list[tuple[str, str, int]]:
    """The most common problems over many answers: (check, Norwegian label, count), commonest first.

    For a teacher's overview of a participant's or a class's answers, so the labels name the
    grammar (``TEACHER_CHECK_LABELS``).
    """
    counts: Counter[str] = Counter()
    for problems in problem_lists:
        counts.update(p.check for p in problems if include_hints or p.severity == "error")
    return [
        (check, TEACHER_CHECK_LABELS.get(check, check), n)
        for check, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
