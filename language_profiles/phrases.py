"""Phrase mining: recurrent useful sentences and sentence frames from analysed sources.

A sentence becomes a phrase candidate when it is short (2-14 words), clean (no digits, names,
e-mail/URL/phone tokens, not shouting in capitals) and either

* matches a useful pattern: a short question ("Kan jeg hjelpe deg?"), an imperative ("Bruk
  hansker.", "Ikke løp i gangen."), or a workplace frame ("Husk å ...", "Det er ikke lov å ...",
  "Pass på ...", "Si fra ...", "Du må ..."), or
* recurs: the same sentence (case and punctuation ignored) occurs twice or in two sources.

Frames that start several different sentences ("Husk å ...") also become a phrase of their own,
written with an ellipsis and with up to three of the sentences as examples.

Phrases are scored by frequency, spread over sources, pattern and length; safety-critical
phrases (containing an HMS word) are boosted and flagged.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from language_profiles.profile import Phrase
from language_profiles.themes import is_safety_term, suggest_theme

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
_GREETINGS = frozenset({"hei", "takk", "velkommen", "ha", "god", "unnskyld", "beklager"})
_NAME_LABELS = frozenset({"PER", "ORG", "LOC", "GPE_LOC", "GPE_ORG", "GPE", "PROD", "EVT", "MISC"})
_BAD_KINDS = frozenset({"number", "email", "url", "phone"})
_SPACE_RE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE_RE.sub(" ", re.sub(r"[^\w\s]", " ", text.lower())).strip()


def _words(tokens: Sequence[TokenLike]) -> list[TokenLike]:
    return [t for t in tokens if t.kind == "word" and not t.is_punct]


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


@dataclass
class _FrameStats:
    frame: tuple[str, ...]
    sentences: dict[str, str] = field(default_factory=dict)  # norm -> text
    sources: set[int] = field(default_factory=set)
    count: int = 0


class PhraseMiner:
    """Collects phrase candidates sentence by sentence, then ranks them."""

    def __init__(self, *, lexicon_is_word: Callable[[str], bool] | None = None) -> None:
        self._candidates: dict[str, _Candidate] = {}
        self._frames: dict[tuple[str, ...], _FrameStats] = {}
        self._is_word = lexicon_is_word

    def add(self, sentence: SentenceInfo) -> None:
        """Consider one sentence."""
        tokens = sentence.tokens
        words = _words(tokens)
        n = len(words)
        if not 2 <= n <= 14:
            return
        text = _SPACE_RE.sub(" ", sentence.text).strip()
        if not text or not text[0].isupper() or len(text) > 140:
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
        has_verb = any(t.pos in {"VERB", "AUX"} for t in words)
        pattern = ""
        if text.endswith("?") and n <= 10 and has_verb:
            pattern = "question"
        elif _is_imperative(words[0]) or (
            lowered[0] == "ikke" and n > 1 and _is_imperative(words[1])
        ):
            pattern = "imperative"
        frame = self._match_frame(lowered)
        if frame is not None and has_verb:
            pattern = pattern or "frame"
            stats = self._frames.setdefault(frame, _FrameStats(frame))
            stats.sentences.setdefault(_norm(text), text)
            stats.sources.add(sentence.source)
            stats.count += 1
        if lowered[0] in _GREETINGS and n <= 6 and not pattern:
            pattern = "greeting"
        key = _norm(text)
        if not key:
            return
        cand = self._candidates.get(key)
        if cand is None:
            if not text.endswith((".", "!", "?")):
                text = text + "."
            safety = any(is_safety_term(t.lemma.lower(), t.compound_parts) for t in words)
            theme = None
            for tok in words:
                if tok.pos in {"NOUN", "VERB", "ADJ"} and not tok.is_stop:
                    theme = suggest_theme(tok.lemma.lower(), tok.compound_parts)
                    if theme:
                        break
            cand = _Candidate(
                text=text, pattern=pattern, safety=safety, theme=theme, words=n
            )
            if not has_verb and pattern != "greeting":
                cand.pattern = "noverb"
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
        results: list[Phrase] = []
        for cand in self._candidates.values():
            recurrent = cand.count >= 2 or len(cand.sources) >= 2
            if cand.pattern == "noverb" or (not cand.pattern and not recurrent):
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
            results.append(
                Phrase(
                    text=cand.text,
                    count=cand.count,
                    documents=len(cand.sources),
                    examples=(),
                    score=round(score, 4),
                    safety=cand.safety,
                    theme=cand.theme,
                )
            )
        for stats in self._frames.values():
            if len(stats.sentences) < 2:
                continue
            opening = " ".join(stats.frame)
            text = opening[:1].upper() + opening[1:] + " …"
            examples = tuple(list(stats.sentences.values())[:3])
            spread = 0.5 + 0.5 * len(stats.sources) / n_sources
            score = math.log2(1 + stats.count) * spread * 1.1
            safety = any(is_safety_term(w) for w in _norm(" ".join(examples)).split())
            results.append(
                Phrase(
                    text=text,
                    count=stats.count,
                    documents=len(stats.sources),
                    examples=examples,
                    score=round(score * (1.3 if safety else 1.0), 4),
                    safety=safety,
                    situation="Setningsmønster",
                )
            )
        results.sort(key=lambda p: (-p.score, -p.count, p.text))
        return results[:limit]
