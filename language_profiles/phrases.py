"""Phrase mining: recurrent useful sentences from analysed sources.

A sentence becomes a phrase candidate when it is short (2-14 words), clean (no digits, names,
e-mail/URL/phone tokens, not shouting in capitals), a usable whole utterance and either

* matches a useful pattern: a short question ("Kan jeg hjelpe deg?"), an imperative ("Bruk
  hansker.", "Ikke løp i gangen."), or starts with a workplace frame ("Husk å ...", "Det er
  ikke lov å ...", "Pass på ...", "Si fra ...", "Du må ..."), or
* recurs: the same sentence (case and punctuation ignored) occurs twice or in two sources.

A whole utterance has a finite verb (an imperative counts) or is a known formula ("Takk for
hjelpen.", "God morgen!"); it is not only a subordinate clause ("Hvis du er usikker."), does
not end in a conjunction, a preposition or "å" ("Du får muligheter og."), and is not cut with
an ellipsis.  Quote marks left over from a longer quotation are stripped at its edges
("kveldsvakta.»" → "kveldsvakta."), and doubled end punctuation is collapsed.

Frames are no phrases of their own ("Husk å …" is no utterance a learner can say): when a
frame starts several whole sentences, the best of them lists up to three others as examples.

Phrases are scored by frequency, spread over sources, pattern and length; safety-critical
phrases (containing an HMS word) are boosted and flagged.  The theme comes from the nouns and
the profile's sector (``themes.suggest_phrase_theme``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from language_profiles.profile import Phrase
from language_profiles.themes import is_safety_term, suggest_phrase_theme

__all__ = ["FRAMES", "PhraseMiner", "SentenceInfo", "TokenLike"]


class TokenLike(Protocol):
    """The parts of ``analyzer.Token`` that phrase mining reads."""

    @property
    def text(self) -> str: ...

    @property
    def lemma(self) -> str: ...

    @property
    def pos(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def is_stop(self) -> bool: ...

    @property
    def is_punct(self) -> bool: ...

    @property
    def ent_type(self) -> str: ...

    @property
    def forms(self) -> Mapping[str, tuple[str, ...]]: ...

    @property
    def compound_parts(self) -> tuple[str, ...]: ...

    def feat(self, name: str) -> str | None: ...


@dataclass(frozen=True)
class SentenceInfo:
    """One analysed sentence and the source it came from."""

    text: str
    source: int
    tokens: Sequence[TokenLike]


#: Sentence openings that make useful workplace frames (lower case, word sequences).
FRAMES: tuple[tuple[str, ...], ...] = (
    ("husk", "å"),
    ("husk", "at"),
    ("det", "er", "ikke", "lov", "å"),
    ("det", "er", "forbudt", "å"),
    ("det", "er", "viktig", "å"),
    ("det", "er", "lov", "å"),
    ("pass", "på"),
    ("sørg", "for"),
    ("si", "fra"),
    ("gi", "beskjed"),
    ("ta", "kontakt"),
    ("du", "må"),
    ("du", "skal"),
    ("du", "må", "ikke"),
    ("vi", "må"),
    ("ikke",),
    ("hvis", "du"),
    ("kan", "jeg"),
    ("kan", "du"),
    ("vil", "du"),
    ("trenger", "du"),
    ("har", "du"),
)
#: First words of formulas that need no finite verb ("Takk for hjelpen.", "Hei alle sammen!").
_GREETINGS = frozenset({"hei", "takk", "velkommen", "ha", "unnskyld", "beklager"})
#: "God"/"Godt" + one of these is a formula ("God morgen!"); "God arbeidstid." is not.
_WISHES = frozenset(
    "morgen dag ettermiddag kveld natt helg ferie sommer jul påske nyttår tur bedring appetitt "
    "reise vakt".split()
)
#: Words that make the sentence they start a subordinate clause, whatever the tagger says.
_SUBORDINATORS = frozenset({"hvis", "dersom", "fordi", "ettersom"})
#: Words a whole sentence does not end in (besides conjunctions tagged as such).
_BAD_LAST = frozenset({"og", "eller", "men", "samt", "å"}) | _SUBORDINATORS
_ARTICLES = frozenset({"en", "ei", "et"})
#: Prepositions a sentence does not end in, whatever the tagger says ("Send søknad til.").
_PREPOSITIONS = frozenset(
    "til hos ved mot fra for i om med under mellom uten etter før av på over gjennom langs "
    "blant bak foran innen inntil rundt vedrørende".split()
)
#: Particles that may end a sentence after the object: "Slå lyset av.", "Ta den med."
_PARTICLES = frozenset(
    "av på inn ut opp ned fram frem igjen bort vekk hjem tilbake sammen med unna over rundt "
    "forbi".split()
)
_AUXILIARY_INFINITIVES = frozenset({"være", "bli", "ha"})
#: Subject pronouns: right after a finite verb they show a main clause ("spør du").
_SUBJECTS = frozenset({"jeg", "du", "han", "hun", "vi", "dere", "de", "man", "det", "den"})
_QUOTE_CHARS = "«»\"“”„'‘’"
_CLOSERS = {"«": "»", "“": "”", "„": "“", "‘": "’"}
_EDGES_RE = re.compile(rf"^([\s{_QUOTE_CHARS}]*)(.*?)([\s{_QUOTE_CHARS}.!?…]*)$", re.DOTALL)
_NAME_LABELS = frozenset({"PER", "ORG", "LOC", "GPE_LOC", "GPE_ORG", "GPE", "PROD", "EVT", "MISC"})
_BAD_KINDS = frozenset({"number", "email", "url", "phone"})
_SPACE_RE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE_RE.sub(" ", re.sub(r"[^\w\s]", " ", text.lower())).strip()


def _words(tokens: Sequence[TokenLike]) -> list[TokenLike]:
    return [t for t in tokens if t.kind == "word" and not t.is_punct]


def _clean_text(text: str) -> tuple[str, bool]:
    """Return the sentence with clean edges, and whether it was cut with an ellipsis.

    Quote marks at the edges stay only when their partner is inside the sentence
    ("Skriv «trist», ikke «deprimert»."); the end punctuation is one mark ("?" over "!" over
    "."), and "." is added when there is none.
    """
    match = _EDGES_RE.match(_SPACE_RE.sub(" ", text).strip())
    if match is None:  # pragma: no cover - the pattern matches every string
        return "", False
    lead, body, tail = match.groups()
    body = body.strip()
    marks = tail.replace(" ", "")
    cut = "…" in marks or "..." in marks or body.startswith(("…", "..."))
    opening = ""
    for quote in lead.replace(" ", ""):
        partner = _CLOSERS.get(quote, quote if quote in "\"'" else "")
        if partner and (body.count(partner) % 2 if partner in "\"'" else partner in body):
            opening += quote  # "«Ferdig» betyr at alt er ryddet."
    kept = opening + body
    for quote in marks:  # closing quote marks: only those that close a quote in the sentence
        if quote in "\"'":
            if kept.count(quote) % 2:
                kept += quote
            continue
        opener = next((o for o, c in _CLOSERS.items() if c == quote), None)
        if opener is not None and kept.count(opener) > kept.count(quote):
            kept += quote  # "Skriv «trist», ikke «deprimert»."
    end = "?" if "?" in marks else "!" if "!" in marks else "."
    return (kept + end if body else ""), cut


def _is_finite(tok: TokenLike) -> bool:
    """A finite verb: present, past, passive or imperative ("kan", "vektlegges", "Bruk")."""
    if tok.pos not in {"VERB", "AUX"}:
        return False
    if tok.feat("Mood") == "Imp" or tok.feat("VerbForm") == "Fin":
        return True
    if tok.feat("VerbForm") is not None:
        return False  # infinitive or participle
    # No morphology (the fallback pipeline): finite unless the form is an infinitive.
    low = tok.text.lower()
    forms = tok.forms or {}
    if any(low in forms.get(key, ()) for key in ("pres", "past", "imp")):
        return True
    return low not in forms.get("inf", ()) and low not in forms.get("perf_part", ())


def _has_imperative_form(tok: TokenLike) -> bool:
    """A verb in a form its paradigm lists as imperative ("Gi", "Ikke løft"), whatever the tag."""
    if tok.pos not in {"VERB", "AUX"}:
        return False
    return tok.feat("Mood") == "Imp" or tok.text.lower() in (tok.forms or {}).get("imp", ())


def _is_formula(lowered: Sequence[str]) -> bool:
    """A greeting or thanks that needs no verb ("Takk for hjelpen", "God morgen")."""
    if len(lowered) > 6:
        return False
    if lowered[0] in {"god", "godt"}:
        return len(lowered) > 1 and lowered[1] in _WISHES
    return lowered[0] in _GREETINGS


def _has_main_clause(tokens: Sequence[TokenLike], words: Sequence[TokenLike]) -> bool:
    """For a sentence that opens with a subordinate clause: is a main clause there too?"""
    if len(words) > 1 and _is_finite(words[1]):
        return True  # a question word, not a subordinator: "Når begynner vakta?"
    after_comma = False
    for tok in tokens:
        if tok.text == ",":
            after_comma = True
        elif after_comma and tok.kind == "word":
            if _is_finite(tok):
                return True  # "Hvis du er usikker, spør sykepleieren."
            break
    # Without a comma: the main clause's verb comes before its subject ("Hvis du er usikker
    # spør du sykepleieren."), unlike in the subordinate clauses ("Når vakta er ferdig og
    # rommet er ryddet.", "Hvis du ikke vet hva du skal gjøre.").
    return any(
        _is_finite(verb) and subject.text.lower() in _SUBJECTS
        for verb, subject in zip(words[1:], words[2:], strict=False)
    )


def _is_whole(
    tokens: Sequence[TokenLike],
    words: Sequence[TokenLike],
    *,
    question: bool,
    formula: bool,
    finite: bool,
) -> bool:
    """A usable utterance: a complete sentence or a formula, not a cut-off piece of one.

    ``finite``: the sentence has a finite verb or starts with an imperative.
    """
    last = words[-1]
    low = last.text.lower()
    if last.pos in {"CCONJ", "SCONJ"} or low in _BAD_LAST:
        return False  # "Du får muligheter og."
    if last.pos == "DET" and low in _ARTICLES:
        return False  # "Trykk her for å møte en."
    if (last.pos == "ADP" or low in _PREPOSITIONS) and not question:
        before = words[-2].pos
        if before not in {"VERB", "AUX"} and not (
            low in _PARTICLES and before in {"NOUN", "PRON", "PROPN"}
        ):
            return False  # "Send søknad til." (but "Si fra.", "Slå lyset av.")
    if formula:
        return True
    if not finite:
        return False  # "God skriftlig fremstillingsevne.", "Å vaske hendene ofte."
    if (
        not question
        and last.lemma.lower() in _AUXILIARY_INFINITIVES
        and not _is_finite(last)
        and words[-2].pos == "AUX"
    ):
        return False  # "Du må være."
    first = words[0]
    if first.text.lower() in _SUBORDINATORS or first.pos == "SCONJ":
        return _has_main_clause(tokens, words)  # not "Hvis du ser at beboeren er dårlig."
    return True


def _is_imperative(tok: TokenLike) -> bool:
    if tok.pos not in {"VERB", "AUX"} or tok.is_stop:
        return False
    if tok.feat("Mood") == "Imp":
        return True
    imp = tok.forms.get("imp", ()) if tok.forms else ()
    return tok.text.lower() in imp


@dataclass
class _Candidate:
    text: str
    count: int = 0
    sources: set[int] = field(default_factory=set)
    pattern: str = ""
    safety: bool = False
    theme: str | None = None
    words: int = 0


class PhraseMiner:
    """Collects phrase candidates sentence by sentence, then ranks them.

    ``sector`` is the profile's sector (key or name), used for the phrases' themes.
    """

    def __init__(
        self,
        *,
        lexicon_is_word: Callable[[str], bool] | None = None,
        sector: str | None = None,
    ) -> None:
        self._candidates: dict[str, _Candidate] = {}
        # frame -> normalised sentences that start with it (in order of first occurrence)
        self._frames: dict[tuple[str, ...], dict[str, None]] = {}
        self._is_word = lexicon_is_word
        self._sector = sector

    def add(self, sentence: SentenceInfo) -> None:
        """Consider one sentence."""
        tokens = sentence.tokens
        words = _words(tokens)
        n = len(words)
        if not 2 <= n <= 14:
            return
        text, cut = _clean_text(sentence.text)
        if cut or not text.lstrip(_QUOTE_CHARS)[:1].isupper() or len(text) > 140:
            return
        if any(t.kind in _BAD_KINDS or any(ch.isdigit() for ch in t.text) for t in tokens):
            return
        if any(t.ent_type in _NAME_LABELS for t in tokens):
            return
        letters = [ch for ch in text if ch.isalpha()]
        if letters and sum(ch.isupper() for ch in letters) > 0.5 * len(letters):
            return
        if re.search(r"[()\[\]{}/\\|:;@#<>=_*]", text):
            return
        # Capitalised words inside the sentence that the dictionary does not know: names.
        for tok in words[1:]:
            if tok.text[:1].isupper() and not (self._is_word and self._is_word(tok.text)):
                return
        lowered = [t.text.lower() for t in words]
        question = text.endswith("?")
        formula = _is_formula(lowered)
        pattern = ""
        if _is_imperative(words[0]) or (
            lowered[0] == "ikke" and n > 1 and _is_imperative(words[1])
        ):
            pattern = "imperative"
        opening = words[1] if lowered[0] == "ikke" else words[0]
        has_finite = _has_imperative_form(opening) or any(_is_finite(t) for t in words)
        if question and n <= 10 and has_finite:
            pattern = "question"
        key = _norm(text)
        if not key:
            return
        frame = self._match_frame(lowered)
        if frame is not None and has_finite:
            pattern = pattern or "frame"
            self._frames.setdefault(frame, {}).setdefault(key, None)
        if formula and not pattern:
            pattern = "greeting"
        cand = self._candidates.get(key)
        if cand is None:
            safety = any(is_safety_term(t.lemma.lower(), t.compound_parts) for t in words)
            theme = suggest_phrase_theme(
                ((t.lemma.lower(), t.pos, t.compound_parts) for t in words if not t.is_stop),
                sector=self._sector,
            )
            whole = _is_whole(
                tokens, words, question=question, formula=formula, finite=has_finite
            )
            cand = _Candidate(
                text=text,
                pattern=pattern if whole else "fragment",
                safety=safety,
                theme=theme,
                words=n,
            )
            self._candidates[key] = cand
        cand.count += 1
        cand.sources.add(sentence.source)

    @staticmethod
    def _match_frame(lowered: Sequence[str]) -> tuple[str, ...] | None:
        best: tuple[str, ...] | None = None
        for frame in FRAMES:
            if len(lowered) > len(frame) and tuple(lowered[: len(frame)]) == frame:
                if best is None or len(frame) > len(best):
                    best = frame
        return best

    def phrases(self, *, n_sources: int, limit: int = 60) -> list[Phrase]:
        """Return the ranked phrases (best first)."""
        n_sources = max(1, n_sources)
        results: dict[str, Phrase] = {}
        for key, cand in self._candidates.items():
            recurrent = cand.count >= 2 or len(cand.sources) >= 2
            if cand.pattern == "fragment" or (not cand.pattern and not recurrent):
                continue
            if not cand.pattern and cand.words < 3:
                continue
            bonus = {"question": 1.4, "imperative": 1.3, "frame": 1.2, "greeting": 1.1}.get(
                cand.pattern, 1.0
            )
            length_fit = 1.0 if 3 <= cand.words <= 10 else 0.75
            spread = 0.5 + 0.5 * len(cand.sources) / n_sources
            score = math.log2(1 + cand.count) * spread * bonus * length_fit
            if cand.safety:
                score *= 1.5
            results[key] = Phrase(
                text=cand.text,
                count=cand.count,
                documents=len(cand.sources),
                examples=(),
                score=round(score, 4),
                safety=cand.safety,
                theme=cand.theme,
            )
        # A frame that starts several kept sentences: the best one shows the others.
        for keys in self._frames.values():
            kept = [k for k in keys if k in results]
            if len(kept) < 2:
                continue
            best = max(kept, key=lambda k: (results[k].score, results[k].count, -len(k)))
            others = tuple(results[k].text for k in kept if k != best)[:3]
            results[best] = replace(results[best], examples=others)
        ranked = sorted(results.values(), key=lambda p: (-p.score, -p.count, p.text))
        return ranked[:limit]
