"""An explainable estimate of the CEFR level (A1–B1+) of a short learner text.

The estimate counts what a teacher looks for: sentence length, subordinate clauses,
connectors, tenses, word variety, text length and the error rate.  Each feature adds or
removes points and produces a reason in simple Norwegian; the points map to a level.
It is a practice aid, not an exam grade.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from interviews.nlp import AnalysisLike
from interviews.norwegian import CONNECTORS, FILLERS, SUBORDINATORS

__all__ = ["ANSWER_LEVELS", "LevelEstimate", "level_from_text"]

#: Levels an answer can get, lowest first.
ANSWER_LEVELS: tuple[str, ...] = ("A1", "A2", "B1", "B1+")

_PAST_WORDS = frozenset(
    {"var", "hadde", "kom", "gikk", "fikk", "ble", "sa", "gjorde", "visste", "kunne", "måtte",
     "skulle", "ville", "tok", "så", "fant", "begynte", "jobbet", "jobba", "bodde", "lærte"}
)
_FUTURE_WORDS = frozenset({"skal", "vil"})
_PERFECT_AUX = frozenset({"har", "hadde"})
_CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "PROPN"})
#: The tenses in words a beginner knows: when the text is about.
_TENSE_TIMES = {"preteritum": "før", "perfektum": "før", "presens": "nå", "framtid": "senere"}
#: A clean answer of at least this many words with a sentence that has a verb is at least A2:
#: a series of simple sentences (CEFR A2), not single words and phrases (A1).
_A2_MIN_WORDS = 8
_A2_MIN_VERB_SENTENCES = 1


@dataclass(frozen=True)
class LevelEstimate:
    """A level with the reasons and the measured features behind it."""

    level: str
    reasons: tuple[str, ...]
    points: int
    features: Mapping[str, float] = field(default_factory=dict)


def _multiword_hits(lowers: Sequence[str], phrases: frozenset[str]) -> list[str]:
    text = " " + " ".join(lowers) + " "
    return [p for p in phrases if " " in p and f" {p} " in text]


def level_from_text(analysis: AnalysisLike, *, errors: int = 0) -> LevelEstimate:
    """Estimate the level of an analysed text with ``errors`` error-level problems."""
    sentences = [s for s in analysis.sentences if any(not t.is_punct for t in s.tokens)]
    words = [
        t for s in sentences for t in s.tokens
        if not t.is_punct and t.kind not in {"space", "punct", "symbol"} and t.text.strip()
    ]
    lowers = [t.text.lower() for t in words]
    n_words = len([w for w in lowers if w not in FILLERS])
    n_sent = max(len(sentences), 1)
    reasons: list[str] = []
    points = 0

    avg = n_words / n_sent
    if avg >= 14:
        points += 3
        reasons.append(f"Du skriver lange setninger (omtrent {avg:.0f} ord i hver).")
    elif avg >= 10:
        points += 2
        reasons.append(f"Setningene har god lengde (omtrent {avg:.0f} ord i hver).")
    elif avg >= 6:
        points += 1
        reasons.append(f"Setningene er ganske korte (omtrent {avg:.0f} ord i hver).")
    else:
        reasons.append(f"Setningene er veldig korte (omtrent {avg:.0f} ord i hver).")

    subordinate = [
        w for i, w in enumerate(lowers)
        if w in SUBORDINATORS and " " not in w and w not in {"om", "da", "hva", "hvor"}
        and not (w == "som" and i > 0 and lowers[i - 1] in {"jobbe", "jobbet", "jobber"})
    ]
    subordinate += [
        w for i, w in enumerate(lowers) if w in {"hva", "hvor"} and i > 0
    ]
    subordinate += _multiword_hits(lowers, SUBORDINATORS)
    if len(subordinate) >= 3 or (subordinate and len(subordinate) / n_sent >= 0.5 and n_sent > 1):
        points += 2
        shown = ", ".join(f"«{w}»" for w in sorted(set(subordinate))[:4])
        reasons.append(f"Du forklarer mer med ord som {shown}. Bra!")
    elif subordinate:
        shown = ", ".join(f"«{w}»" for w in sorted(set(subordinate)))
        points += 1
        reasons.append(f"Du forklarer mer med {shown}.")
    else:
        reasons.append("Si mer med «fordi», «når» og «at»: «Jeg liker jobben fordi …».")

    connectors = {w for w in lowers if w in CONNECTORS} | set(_multiword_hits(lowers, CONNECTORS))
    if len(connectors) >= 4:
        points += 2
        reasons.append(f"Du binder sammen tekst med mange ord ({', '.join(sorted(connectors))}).")
    elif len(connectors) >= 2:
        points += 1
        reasons.append(f"Du binder sammen setninger ({', '.join(sorted(connectors))}).")
    else:
        reasons.append("Bind setningene sammen med ord som «og», «men», «derfor».")

    tenses: set[str] = set()
    for i, token in enumerate(words):
        lower = lowers[i]
        tense = token.feat("Tense")
        if tense == "Pres":
            tenses.add("presens")
        if tense == "Past" or lower in _PAST_WORDS:
            tenses.add("preteritum")
        if lower in _FUTURE_WORDS or (
            lower == "kommer" and lowers[i + 1 : i + 3] == ["til", "å"]
        ):
            tenses.add("framtid")
        if lower in _PERFECT_AUX and i + 1 < len(words):
            nxt = words[i + 1]
            if nxt.feat("VerbForm") == "Part" or lowers[i + 1] in {"vært", "hatt", "jobbet"}:
                tenses.add("perfektum")
    times = [t for t in ("før", "nå", "senere") if t in {_TENSE_TIMES[x] for x in tenses}]
    told = " og ".join((", ".join(times[:-1]), times[-1])) if len(times) > 1 else "".join(times)
    if len(tenses) >= 3:
        points += 2
        reasons.append(f"Du bruker verbene i flere former og forteller om {told}.")
    elif len(tenses) == 2:
        points += 1
        reasons.append(f"Du bruker verbene i to former og forteller om {told}.")

    content = [t.lemma.lower() or t.text.lower() for t in words if t.pos in _CONTENT_POS]
    variety = len(set(content)) / len(content) if content else 0.0
    if len(content) >= 20 and variety >= 0.7:
        points += 1
        reasons.append("Du bruker mange forskjellige ord.")

    if n_words >= 80:
        points += 2
        reasons.append(f"Svaret er langt og utfyllende ({n_words} ord).")
    elif n_words >= 40:
        points += 1
        reasons.append(f"Svaret har god lengde ({n_words} ord).")

    rate = errors / n_sent
    if errors == 0 and n_sent >= 3:
        points += 1
        reasons.append("Ingen feil funnet i setningene.")
    elif rate > 1:
        points -= 2
        reasons.append(f"Mange feil ({errors} i {n_sent} setninger).")
    elif rate > 0.5:
        points -= 1
        reasons.append(f"Noen feil ({errors} i {n_sent} setninger).")

    verb_sentences = sum(
        1 for s in sentences
        if any(t.pos in {"VERB", "AUX"} and t.feat("VerbForm") in {None, "Fin"} for t in s.tokens)
    )
    simple_sentences = (
        errors == 0 and n_words >= _A2_MIN_WORDS and verb_sentences >= _A2_MIN_VERB_SENTENCES
    )
    if points <= 2 and not simple_sentences:
        level = "A1"
    elif points <= 6:
        level = "A2"
    elif points <= 9:
        level = "B1"
    else:
        level = "B1+"
    if n_words < 5:
        level = "A1"
        reasons.append("Svaret er for kort til å vise mer enn A1.")
    elif n_words < 15 and level in {"B1", "B1+"}:
        level = "A2"
        reasons.append("Svaret er for kort til å vise B1. Skriv mer!")
    features: dict[str, float] = {
        "words": float(n_words),
        "sentences": float(len(sentences)),
        "avg_sentence_words": round(avg, 2),
        "subordinate_clauses": float(len(subordinate)),
        "connectors": float(len(connectors)),
        "tenses": float(len(tenses)),
        "variety": round(variety, 3),
        "errors": float(errors),
        "verb_sentences": float(verb_sentences),
    }
    return LevelEstimate(level=level, reasons=tuple(reasons), points=points, features=features)
