"""Job applications: structure checks, words from the ad, and sentence feedback.

A Norwegian application ("søknad") has an opening (which job), why you apply, your
experience, your skills and a closing, plus a greeting and a sign-off.  ``check_application``
finds each part by its typical words, counts the words, lists the ad's key words used and
missing, and runs the same sentence checks as the interviews.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from interviews.feedback import Problem, check_analysis, estimate_level, rewrite
from interviews.nlp import (
    AnalysisLike,
    AnalyzerLike,
    LexiconLike,
    SentenceLike,
    default_lexicon,
    zipf,
)
from interviews.norwegian import FUNCTION_WORDS
from interviews.scoring import answer_vocabulary

__all__ = [
    "MIN_WORDS",
    "PARTS",
    "PART_LABELS",
    "PART_PHRASES",
    "ApplicationFeedback",
    "PartResult",
    "ad_keywords",
    "check_application",
    "letter_body",
    "phrase_suggestions",
]

#: An application (like the B1 writing test) should have at least about this many words.
MIN_WORDS = 80
#: The parts of an application, in order.
PARTS: tuple[str, ...] = ("opening", "why", "experience", "skills", "closing")
PART_LABELS: Mapping[str, str] = {
    "opening": "Hvilken jobb du søker",
    "why": "Hvorfor du søker",
    "experience": "Hva du har jobbet med før",
    "skills": "Hva du kan, og hvordan du er",
    "closing": "En hyggelig slutt (at du gjerne kommer på intervju)",
}
#: Words (lemmas or phrases) that signal each part.
PART_MARKERS: Mapping[str, tuple[str, ...]] = {
    "opening": ("søke", "søknad", "stilling", "annonse", "utlyst", "viser til", "ledig"),
    "why": ("fordi", "interessert", "motivert", "ønske", "gjerne", "like", "passe", "spennende"),
    "experience": ("erfaring", "jobbe", "arbeide", "praksis", "ansvar", "tidligere"),
    "skills": (
        "flink", "ferdighet", "egenskap", "punktlig", "pålitelig", "nøyaktig", "arbeidsom",
        "førerkort", "sertifikat", "kurs", "utdanning", "fagbrev", "snakke", "språk", "bevis",
    ),
    "closing": (
        "se frem til", "ser frem til", "glede", "håpe", "intervju", "høre fra", "kontakt",
        "takk for", "treffe",
    ),
}
#: Sentence starters to suggest for each part.
PART_PHRASES: Mapping[str, tuple[str, ...]] = {
    "opening": (
        "Jeg søker på stillingen som … som ble utlyst på …",
        "Jeg viser til annonsen på Finn.no og søker stillingen som …",
    ),
    "why": (
        "Jeg søker denne stillingen fordi …",
        "Jeg er interessert i å jobbe hos dere fordi …",
        "Det som motiverer meg, er …",
    ),
    "experience": (
        "Jeg har … års erfaring fra …",
        "I hjemlandet jobbet jeg som …",
        "I praksisen min hos … hadde jeg ansvar for …",
    ),
    "skills": (
        "Jeg er punktlig, pålitelig og …",
        "Jeg snakker … og har norsk på nivå …",
        "Jeg har førerkort klasse B og truckførerbevis.",
    ),
    "closing": (
        "Jeg ser frem til å høre fra dere.",
        "Jeg kommer gjerne på intervju.",
        "Takk for at dere leser søknaden min.",
    ),
}
_GREETING_RE = re.compile(r"^\s*(hei|hallo|god dag|kjære|til)\b", re.IGNORECASE)
_SIGNOFF_RE = re.compile(
    r"(med vennlig hilsen|vennlig hilsen|med hilsen|beste hilsen|mvh|hilsen)\b", re.IGNORECASE
)
#: A sentence that is only a greeting line ("Hei!", "Hei Kari,", "Til Rema 1000").
_GREETING_LINE_WORDS = 4
#: Lines after the sign-off (name, phone, address) are at most this many words.
_SIGNOFF_TAIL_WORDS = 6
_AD_POS = frozenset({"NOUN", "VERB", "ADJ", "PROPN"})
#: Words every ad has; not worth suggesting.
_GENERIC = frozenset(
    {"være", "ha", "bli", "gjøre", "få", "kunne", "skulle", "ville", "måtte", "søke", "jobbe",
     "arbeide", "fordel", "stilling", "person", "gjerne", "ønske", "søker", "annen", "mange"}
)


@dataclass(frozen=True)
class _LetterBody:
    """The analysis of a letter without its greeting and sign-off lines (for the level)."""

    text: str
    sentences: tuple[SentenceLike, ...]


def _word_count(sentence: SentenceLike) -> int:
    return sum(
        1 for t in sentence.tokens
        if not t.is_punct and t.kind not in {"space", "punct", "symbol"} and t.text.strip()
    )


def letter_body(analysis: AnalysisLike) -> AnalysisLike:
    """``analysis`` without the greeting, the sign-off and the lines after it (name, phone).

    "Hei!", "Med vennlig hilsen" and "Ali Hassan" are not sentences the learner wrote to show
    their Norwegian; counted as sentences they make the level estimate say the sentences are
    very short.  When nothing would be left, the analysis is returned unchanged.
    """
    kept: list[SentenceLike] = []
    signed_off = False
    for sentence in analysis.sentences:
        words = _word_count(sentence)
        if words == 0:
            continue
        text = sentence.text.strip()
        if signed_off and words <= _SIGNOFF_TAIL_WORDS:
            continue
        if _SIGNOFF_RE.match(text) and words <= _SIGNOFF_TAIL_WORDS:
            signed_off = True
            continue
        if not kept and _GREETING_RE.match(text) and words <= _GREETING_LINE_WORDS:
            continue
        signed_off = False
        kept.append(sentence)
    if not kept:
        return analysis
    return _LetterBody(text=analysis.text, sentences=tuple(kept))


@dataclass(frozen=True)
class PartResult:
    """Whether one part of the application is present, and phrases that help write it."""

    part: str
    label: str
    present: bool
    evidence: tuple[str, ...]
    phrases: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "part": self.part,
            "label": self.label,
            "present": self.present,
            "evidence": list(self.evidence),
            "phrases": list(self.phrases),
        }


@dataclass(frozen=True)
class ApplicationFeedback:
    """Feedback on an application draft; ``problems`` spans refer to ``text``."""

    text: str
    parts: tuple[PartResult, ...]
    word_count: int
    has_greeting: bool
    has_signoff: bool
    ad_words_used: tuple[str, ...]
    ad_words_missing: tuple[str, ...]
    problems: tuple[Problem, ...]
    level: str
    level_reasons: tuple[str, ...]
    rewritten: str
    messages: tuple[str, ...]

    @property
    def missing_parts(self) -> tuple[str, ...]:
        """Keys of the parts that were not found."""
        return tuple(p.part for p in self.parts if not p.present)

    @property
    def length_ok(self) -> bool:
        """True when the application has at least ``MIN_WORDS`` words."""
        return self.word_count >= MIN_WORDS

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "text": self.text,
            "parts": [p.to_dict() for p in self.parts],
            "missing_parts": list(self.missing_parts),
            "word_count": self.word_count,
            "length_ok": self.length_ok,
            "has_greeting": self.has_greeting,
            "has_signoff": self.has_signoff,
            "ad_words_used": list(self.ad_words_used),
            "ad_words_missing": list(self.ad_words_missing),
            "problems": [p.to_dict() for p in self.problems],
            "level": self.level,
            "level_reasons": list(self.level_reasons),
            "rewritten": self.rewritten,
            "messages": list(self.messages),
        }


def phrase_suggestions(part: str | None = None) -> Mapping[str, tuple[str, ...]]:
    """Phrase suggestions per part (or for one part)."""
    if part is None:
        return dict(PART_PHRASES)
    if part not in PART_PHRASES:
        raise KeyError(part)
    return {part: PART_PHRASES[part]}


def ad_keywords(
    ad_text: str,
    *,
    analyzer: AnalyzerLike,
    limit: int = 12,
) -> tuple[str, ...]:
    """The ad's key words: content lemmas, frequent in the ad and rarer in general Norwegian."""
    analysis = analyzer.analyze(ad_text)
    counts: Counter[str] = Counter()
    for sentence in analysis.sentences:
        for token in sentence.tokens:
            lemma = (token.lemma or token.text).lower()
            if token.pos not in _AD_POS or token.is_punct or len(lemma) < 4:
                continue
            if lemma in FUNCTION_WORDS or lemma in _GENERIC or not lemma.isalpha():
                continue
            counts[lemma] += 1
    ranked = sorted(counts, key=lambda w: (-(counts[w] * (7.5 - min(zipf(w), 7.0))), w))
    return tuple(ranked[:limit])


def check_application(
    text: str,
    *,
    analyzer: AnalyzerLike,
    lexicon: LexiconLike | None = None,
    ad_text: str | None = None,
    ad_terms: Sequence[str] = (),
    min_words: int = MIN_WORDS,
) -> ApplicationFeedback:
    """Check an application draft: parts, length, greeting/sign-off, ad words, sentences."""
    lex = lexicon if lexicon is not None else default_lexicon()
    analysis = analyzer.analyze(text)
    vocabulary = answer_vocabulary(analysis, lexicon=lex)
    parts: list[PartResult] = []
    for part in PARTS:
        evidence = tuple(m for m in PART_MARKERS[part] if vocabulary.has(m))
        parts.append(
            PartResult(
                part=part,
                label=PART_LABELS[part],
                present=bool(evidence),
                evidence=evidence,
                phrases=PART_PHRASES[part],
            )
        )
    words = [
        t for s in analysis.sentences for t in s.tokens
        if not t.is_punct and t.kind not in {"space", "punct", "symbol"}
    ]
    word_count = len(words)
    has_greeting = bool(_GREETING_RE.search(analysis.text))
    has_signoff = bool(_SIGNOFF_RE.search(analysis.text))
    wanted = list(dict.fromkeys(t.lower() for t in ad_terms))
    if ad_text:
        wanted.extend(w for w in ad_keywords(ad_text, analyzer=analyzer) if w not in wanted)
    used = tuple(w for w in wanted if vocabulary.has(w))
    missing_words = tuple(w for w in wanted if w not in used)
    problems = check_analysis(analysis, lexicon=lex)
    level, reasons = estimate_level(
        analysis.text, letter_body(analysis), problems=problems, lexicon=lex
    )

    messages: list[str] = []
    missing_parts = [p for p in parts if not p.present]
    if missing_parts:
        messages.append(
            "Dette mangler i søknaden: "
            + "; ".join(p.label[:1].lower() + p.label[1:] for p in missing_parts)
            + "."
        )
    else:
        messages.append("Søknaden har alle de fem delene. Bra!")
    if word_count < min_words:
        messages.append(f"Søknaden har {word_count} ord. Skriv minst {min_words} ord.")
    else:
        messages.append(f"Søknaden har god lengde ({word_count} ord).")
    if not has_greeting:
        messages.append("Begynn med en hilsen, for eksempel «Hei,» eller «Til …».")
    if not has_signoff:
        messages.append("Avslutt med «Med vennlig hilsen» og navnet ditt.")
    if wanted:
        if used:
            messages.append(f"Du bruker ord fra annonsen: {', '.join(used)}.")
        if missing_words:
            messages.append(f"Ord fra annonsen du kan bruke: {', '.join(missing_words[:6])}.")
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        messages.append(f"Se på {len(errors)} ting i setningene (se forslagene).")
    return ApplicationFeedback(
        text=analysis.text,
        parts=tuple(parts),
        word_count=word_count,
        has_greeting=has_greeting,
        has_signoff=has_signoff,
        ad_words_used=used,
        ad_words_missing=missing_words,
        problems=problems,
        level=level,
        level_reasons=reasons,
        rewritten=rewrite(analysis.text, problems),
        messages=tuple(messages),
    )
