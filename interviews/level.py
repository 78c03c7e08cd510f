"""An explainable estimate of the CEFR level (A1–B1+) of a short learner text.

The estimate counts what a teacher looks for: sentence length, clauses with "når", "hvis",
"at", "som" …, linking words ("og", "men", "fordi", "derfor"), talking about before, now and
later, word variety, text length and the error rate.  Each feature adds or removes points and
gives a reason in plain Norwegian, with an example instead of a grammar word; the points map
to a level.  It is a practice aid, not an exam grade.

How the levels are read (CEFR, for short spoken or written answers):

* A1 — single words and phrases ("Ali. Oslo. Lager."), or fewer than five words.
* A2 — a series of simple, complete sentences, linked with "og", "men", "fordi" at most.  A
  clean answer with a real sentence is at least A2, however short: many A2 model answers
  of the scenarios are two short sentences ("Jeg sier fra. Takk for hjelpen!").
* B1 — connected text with some detail: longer sentences, clauses with "når", "hvis",
  "at" …, before and now.  A workplace answer of 20–35 words can show this, so length
  gives points but is not required.

The calibration is checked against every model answer of the built-in scenarios: an answer
identical to the A2 (B1) model answer is estimated at A2 (B1) or higher.  Short replies
("Ja.", "Takk!", "Hei!") do not count as sentences for the sentence length, and text without
punctuation (speech recognition) is split where a new subject and verb start.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from interviews.nlp import AnalysisLike, Readings, TokenLike
from interviews.norwegian import CONNECTORS, FILLERS, FUNCTION_WORDS, SUBORDINATORS

__all__ = ["ANSWER_LEVELS", "LevelEstimate", "level_from_text"]

#: Levels an answer can get, lowest first.
ANSWER_LEVELS: tuple[str, ...] = ("A1", "A2", "B1", "B1+")

_PAST_WORDS = frozenset(
    {"var", "hadde", "kom", "gikk", "fikk", "ble", "sa", "gjorde", "visste", "kunne", "måtte",
     "skulle", "ville", "tok", "fant", "begynte", "jobbet", "jobba", "bodde", "lærte"}
)
#: "skal" and "kommer til å" tell about later; "vil" is mostly "want" ("Jeg vil gjerne …").
_FUTURE_WORDS = frozenset({"skal"})
_PERFECT_AUX = frozenset({"har", "hadde"})
_CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "PROPN"})
#: When a verb form tells that something happens, in words a beginner knows.
_TENSE_TIMES = {"past": "før", "perfect": "før", "present": "nå", "future": "senere"}
#: A sentence of at most this many words is a short reply ("Ja.", "Takk!", "Et øyeblikk."),
#: left out of the sentence length when the answer has longer sentences.
_REPLY_WORDS = 2
#: A clean answer of at least this many words, with at least this many words in sentences
#: that have a verb, is at least A2: a series of simple sentences (CEFR A2), not single
#: words and phrases (A1).  Below ``_A2_MIN_WORDS`` words an answer is A1 in any case.
_A2_MIN_WORDS = 5
_A2_MIN_SENTENCE_WORDS = 3
#: Average words per sentence for 1, 2 and 3 points.
_SHORT_SENTENCE = 7
_GOOD_SENTENCE = 9
_LONG_SENTENCE = 13
#: From this many words an answer has some detail (one point); more words give more points.
_DETAIL_WORDS = 20
_LONG_WORDS = 50
#: Fewer words than this are too few to show B1; from here a clean answer earns a point.
_B1_MIN_WORDS = 15
#: Points needed for A2, B1 and B1+.
_A2_POINTS = 3
_B1_POINTS = 5
_B1_PLUS_POINTS = 11
#: Words that start a clause after "om", "da", "før", "siden" and "som" ("om vi kan",
#: "da jeg kom", "før vi går"); after other words these are prepositions or adverbs
#: ("om ti minutter", "Da ringer jeg", "før jul", "ved siden av").
_CLAUSE_SUBJECTS = frozenset(
    {"jeg", "du", "han", "hun", "vi", "de", "dere", "det", "den", "man", "noen", "ingen",
     "alle", "folk"}
)
#: Subordinators that are also prepositions or adverbs: counted only before a subject.
_AMBIGUOUS_SUBORDINATORS = frozenset({"om", "da", "før", "siden"})
#: Question words that start a clause inside a sentence ("Jeg vet ikke hvor det er").
_CLAUSE_QUESTION_WORDS = frozenset({"hva", "hvor", "hvordan", "hvem", "hvorfor"})
#: "fordi" links like "og" and "men" (CEFR A2: "and", "but", "because"); it counts as a
#: linking word, not as a B1 clause.
_A2_LINKS = frozenset({"fordi"})
#: Subjects that can start a new sentence in text without punctuation.
_RUN_SUBJECTS = frozenset({"jeg", "du", "han", "hun", "vi", "de", "dere", "det"})
#: Words after which a subject goes on the same sentence ("og jeg", "at det", "tror vi").
_RUN_LINKS = frozenset(
    {"og", "men", "eller", "så", "at", "som", "fordi", "når", "hvis", "dersom", "da", "om",
     "mens", "før", "etter", "siden", "hvor", "hva", "hvordan", "hvem", "hvorfor", "enn",
     "derfor", "tror", "synes", "mener", "håper", "tenker", "vet", "sier", "trodde", "syntes"}
)
#: Words a finite verb never follows directly.
_NOT_BEFORE_VERB = frozenset(
    {"en", "ei", "et", "på", "i", "til", "fra", "med", "av", "for", "hos", "ved", "min", "mitt"}
)
#: Verbs that take a clause without "at" ("Jeg tror det tar et par dager").
_THINKING_VERBS = frozenset({"tror", "synes", "mener", "håper", "tenker", "trodde", "syntes"})
_JOBBE_FORMS = frozenset({"jobbe", "jobbet", "jobber", "jobba", "arbeide", "arbeidet", "arbeider"})
#: Linking words to suggest, in this order, when an answer uses few of them.
_SUGGESTED_CONNECTORS = ("og", "men", "derfor")

#: ``readings(word)`` → what the dictionary knows about a word (``WordFacts.readings``).
ReadingsOf = Callable[[str], Readings]


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


def _quoted(words: Sequence[str]) -> str:
    """«a», «b» og «c»."""
    items = [f"«{w}»" for w in words]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " og " + items[-1]


def _is_word(token: TokenLike) -> bool:
    return (
        not token.is_punct
        and token.kind not in {"space", "punct", "symbol"}
        and bool(token.text.strip())
    )


def _has_verb(tokens: Sequence[TokenLike]) -> bool:
    return any(
        t.pos in {"VERB", "AUX"} and t.feat("VerbForm") in {None, "Fin"}
        and t.text.lower() not in FUNCTION_WORDS
        for t in tokens
    )


def _subordinate_words(
    sentences: Sequence[Sequence[TokenLike]], final_marks: Sequence[str]
) -> list[str]:
    """Words that start a clause inside a sentence ("fordi", "at", "hvis", "da jeg …")."""
    found: list[str] = []
    for tokens, mark in zip(sentences, final_marks, strict=True):
        lowers = [t.text.lower() for t in tokens]
        for i, (token, w) in enumerate(zip(tokens, lowers, strict=True)):
            nxt = lowers[i + 1] if i + 1 < len(lowers) else ""
            nxt_pos = tokens[i + 1].pos if i + 1 < len(tokens) else ""
            if w in _THINKING_VERBS and nxt in _CLAUSE_SUBJECTS and i > 0:
                found.append(w)  # "Jeg tror vi bør …": a clause without "at"
                continue
            if w in _CLAUSE_QUESTION_WORDS:
                if i > 0 and lowers[i - 1] not in {"og", "men", "eller"}:
                    found.append(w)  # "Jeg vet ikke hvor …", not "Hvor er …?"
                continue
            if w not in SUBORDINATORS or " " in w or w in _A2_LINKS:
                continue
            if w in _AMBIGUOUS_SUBORDINATORS:
                if token.pos == "SCONJ" or nxt in _CLAUSE_SUBJECTS:
                    found.append(w)
                continue
            if w == "som":
                previous = lowers[i - 1] if i > 0 else ""
                if previous in _JOBBE_FORMS or (
                    previous in _CLAUSE_SUBJECTS and i > 1 and lowers[i - 2] in _JOBBE_FORMS
                ):
                    continue  # "jobbe som kokk"
                if nxt_pos in {"VERB", "AUX"} or nxt in _CLAUSE_SUBJECTS or nxt == "ikke":
                    found.append(w)  # "en som hjelper", "hva som skjedde"
                continue
            if w == "når" and i == 0 and mark == "?":
                continue  # "Når begynner arbeidsdagen?" is a question
            found.append(w)
        found.extend(_multiword_hits(lowers, SUBORDINATORS))
    return found


def _finite(tokens: Sequence[TokenLike], i: int, readings: ReadingsOf | None) -> bool:
    """True when ``tokens[i]`` is a present or past verb.

    The analyser's tag decides.  Without one (the fallback analyser), the dictionary decides
    for words that are only verbs ("står", "betyr"), and for other words next to a subject
    ("jeg sender"): "Før" and "lager" are verbs in the dictionary too.
    """
    token = tokens[i]
    lower = token.text.lower()
    if lower in FUNCTION_WORDS:
        return False
    form = token.feat("VerbForm")
    if form is not None:
        return form == "Fin"
    if readings is None:
        return False
    known = readings(lower)
    if not known.finite_verb:
        return False
    neighbours = {tokens[j].text.lower() for j in (i - 1, i + 1) if 0 <= j < len(tokens)}
    return known.only_verb or bool(neighbours & _CLAUSE_SUBJECTS)


def _split_run(
    tokens: Sequence[TokenLike], readings: ReadingsOf | None
) -> list[list[TokenLike]]:
    """Split text without punctuation (speech recognition) where a new sentence starts.

    A new sentence starts at a subject and its verb ("… i tre år jeg jobber …") unless a
    linking word, a verb or "tror" comes right before ("og jeg", "i dag jobber jeg",
    "tror det").  The parts count as sentences.
    """
    lowers = [t.text.lower() for t in tokens]
    runs: list[list[TokenLike]] = [[]]
    for i, token in enumerate(tokens):
        if (
            i > 1 and len(runs[-1]) > 1 and lowers[i] in _RUN_SUBJECTS
            and i + 1 < len(tokens) and _finite(tokens, i + 1, readings)
            and lowers[i - 1] not in _RUN_LINKS
            and not _finite(tokens, i - 1, readings)
        ):
            runs.append([])
        runs[-1].append(token)
    return runs


def level_from_text(
    analysis: AnalysisLike, *, errors: int = 0, readings: ReadingsOf | None = None
) -> LevelEstimate:
    """Estimate the level of an analysed text with ``errors`` error-level problems.

    ``readings`` gives the dictionary's facts about a word, for the verbs and tenses the
    analyser does not tag (the fallback analyser has no morphology).
    """
    sentences: list[list[TokenLike]] = []
    marks: list[str] = []
    for sentence in analysis.sentences:
        tokens = [t for t in sentence.tokens if _is_word(t)]
        if not tokens:
            continue
        if any(t.is_punct or t.kind == "punct" for t in sentence.tokens):
            sentences.append(tokens)
            last = [t.text for t in sentence.tokens if t.text.strip()]
            marks.append(last[-1][-1:] if last else "")
            continue
        for run in _split_run(tokens, readings):  # a spoken answer has no punctuation
            sentences.append(run)
            marks.append("")
    words = [t for s in sentences for t in s]
    lowers = [t.text.lower() for t in words]
    n_words = len([w for w in lowers if w not in FILLERS])
    reasons: list[str] = []
    points = 0

    lengths = [len([t for t in s if t.text.lower() not in FILLERS]) for s in sentences]
    full = [n for n in lengths if n > _REPLY_WORDS] or lengths
    n_sent = max(len(full), 1)
    avg = sum(full) / n_sent
    if avg >= _LONG_SENTENCE:
        points += 3
        reasons.append(f"Du skriver lange setninger (omtrent {avg:.0f} ord i hver).")
    elif avg >= _GOOD_SENTENCE:
        points += 2
        reasons.append(f"Setningene har god lengde (omtrent {avg:.0f} ord i hver).")
    elif avg >= _SHORT_SENTENCE:
        points += 1
        reasons.append(f"Setningene er ganske korte (omtrent {avg:.0f} ord i hver).")
    else:
        reasons.append(f"Setningene er veldig korte (omtrent {avg:.0f} ord i hver).")

    subordinate = _subordinate_words(sentences, marks)
    if len(subordinate) >= 2:
        points += 2
        reasons.append(
            f"Du forklarer mer med ord som {_quoted(sorted(set(subordinate))[:4])}. Bra!"
        )
    elif subordinate:
        points += 1
        reasons.append(f"Du forklarer mer med {_quoted(sorted(set(subordinate)))}.")
    elif "fordi" in lowers:
        reasons.append("Si mer med «når», «hvis» og «at»: «Jeg ringer sjefen hvis jeg blir syk.»")
    else:
        reasons.append("Si mer med «fordi», «når» og «at»: «Jeg liker jobben fordi …».")

    connectors = (
        {w for w in lowers if w in CONNECTORS} | set(_multiword_hits(lowers, CONNECTORS))
    ) - set(subordinate)  # "fordi" counts once
    if len(connectors) >= 4:
        points += 2
        reasons.append(f"Du binder setningene sammen med mange ord: {_quoted(sorted(connectors))}.")
    elif len(connectors) >= 2:
        points += 1
        reasons.append(f"Du binder setningene sammen med {_quoted(sorted(connectors))}.")
    elif connectors:
        (used,) = connectors
        others = [c for c in _SUGGESTED_CONNECTORS if c != used][:2]
        reasons.append(f"Du bruker {_quoted([used])}. Bruk også {_quoted(others)}.")
    else:
        reasons.append(
            "Bind setningene sammen med «og», «men» og «derfor»: "
            "«Jeg var syk. Derfor ringte jeg sjefen.»"
        )

    tenses = _tenses(words, readings)
    times = [t for t in ("før", "nå", "senere") if t in {_TENSE_TIMES[x] for x in tenses}]
    told = " og ".join((", ".join(times[:-1]), times[-1])) if len(times) > 1 else "".join(times)
    if len(tenses) >= 2 and len(times) == 1:
        told = f"{told} på flere måter"
    shown = _quoted([tenses[x] for x in ("past", "perfect", "present", "future") if x in tenses])
    if len(times) >= 3:
        points += 2
        reasons.append(f"Du forteller om {told}: {shown}.")
    elif len(tenses) >= 2:
        points += 1
        reasons.append(f"Du forteller om {told}: {shown}.")

    content = [t.lemma.lower() or t.text.lower() for t in words if t.pos in _CONTENT_POS]
    variety = len(set(content)) / len(content) if content else 0.0
    if len(content) >= 20 and variety >= 0.7:
        points += 1
        reasons.append("Du bruker mange forskjellige ord.")

    if n_words >= 80:
        points += 3
        reasons.append(f"Svaret er langt og har mange detaljer ({n_words} ord).")
    elif n_words >= _LONG_WORDS:
        points += 2
        reasons.append(f"Svaret har god lengde ({n_words} ord).")
    elif n_words >= _DETAIL_WORDS:
        points += 1
        reasons.append(f"Svaret har noen detaljer ({n_words} ord).")

    rate = errors / n_sent
    if errors == 0 and n_words >= _B1_MIN_WORDS:
        points += 1
        reasons.append("Ingen feil funnet i setningene.")
    elif rate > 1:
        points -= 2
        reasons.append(f"Mange feil: {errors} i {n_sent} setninger.")
    elif rate > 0.5:
        points -= 1
        reasons.append(f"Noen feil: {errors} i {n_sent} setninger.")

    verb_sentences = [  # one word is not a sentence ("Lager.")
        n for s, n in zip(sentences, lengths, strict=True) if n > 1 and _has_verb(s)
    ]
    clauses = sum(1 for i in range(len(words)) if _finite(words, i, readings))
    simple_sentences = (
        errors == 0 and n_words >= _A2_MIN_WORDS
        and sum(verb_sentences) >= _A2_MIN_SENTENCE_WORDS
    )
    if points < _A2_POINTS:
        level = "A2" if simple_sentences else "A1"
        if simple_sentences:
            reasons.append("Du svarer med hele setninger uten feil.")
    elif points < _B1_POINTS:
        level = "A2"
    elif points < _B1_PLUS_POINTS:
        level = "B1"
    else:
        level = "B1+"
    if n_words < _A2_MIN_WORDS:
        level = "A1"
        reasons.append("Svaret er for kort til å vise mer enn A1.")
    elif n_words < _B1_MIN_WORDS and level in {"B1", "B1+"}:
        level = "A2"
        reasons.append("Svaret er for kort til å vise B1. Skriv mer!")
    elif clauses < 2 and level in {"B1", "B1+"}:
        level = "A2"  # long, but without verbs: "jobb bra og sjef snill og …"
        reasons.append("Bruk flere verb: «Sjefen er snill, og jobben er fin.»")
    features: dict[str, float] = {
        "words": float(n_words),
        "sentences": float(len(sentences)),
        "avg_sentence_words": round(avg, 2),
        "subordinate_clauses": float(len(subordinate)),
        "connectors": float(len(connectors)),
        "tenses": float(len(tenses)),
        "variety": round(variety, 3),
        "content_words": float(len(content)),
        "errors": float(errors),
        "verb_sentences": float(len(verb_sentences)),
        "finite_verbs": float(clauses),
    }
    return LevelEstimate(level=level, reasons=tuple(reasons), points=points, features=features)


def _tenses(words: Sequence[TokenLike], readings: ReadingsOf | None) -> dict[str, str]:
    """The times the verbs tell about: tense → the learner's own words that show it."""
    lowers = [t.text.lower() for t in words]

    def forms(i: int) -> frozenset[str]:
        token = words[i]
        if readings is None or lowers[i] in FUNCTION_WORDS or token.feat("VerbForm"):
            return frozenset()  # tagged by the analyser, or not a verb
        return readings(lowers[i]).verb_keys

    found: dict[str, str] = {}
    skip = -1
    for i, token in enumerate(words):
        if i == skip:
            continue
        lower = lowers[i]
        if lower in _PERFECT_AUX and i + 1 < len(words):
            nxt = words[i + 1]
            if (
                nxt.feat("VerbForm") == "Part"
                or lowers[i + 1] in {"vært", "hatt", "jobbet"}
                or "perf_part" in forms(i + 1)
            ):
                found.setdefault("perfect", f"{token.text} {nxt.text}")  # "har jobbet"
                skip = i + 1
                continue
        if lower in _FUTURE_WORDS:
            found.setdefault("future", token.text)
            continue
        if lower == "kommer" and lowers[i + 1 : i + 3] == ["til", "å"]:
            found.setdefault("future", "kommer til å")
            continue
        if i > 0 and lowers[i - 1] in _NOT_BEFORE_VERB:
            continue  # "et lager", "på lager": a noun, even when tagged as a verb
        tense = token.feat("Tense")
        if tense is None and token.pos in {"VERB", "AUX"} and _finite(words, i, readings):
            finite = forms(i) & {"pres", "past"}
            tense = {frozenset({"pres"}): "Pres", frozenset({"past"}): "Past"}.get(finite)
        if tense == "Past" or lower in _PAST_WORDS:
            found.setdefault("past", token.text)
        elif tense == "Pres":
            found.setdefault("present", token.text)
    return found
