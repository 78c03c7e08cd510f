"""Forgiving, explained checking of typed and chosen answers: the one grading function.

``check_answer`` decides whether an answer is right and says why in plain Norwegian:

* case, punctuation and extra spaces never make an answer wrong;
* æ/ø/å typed as ae/oe/aa, as o/a, or as German/Swedish ä/ö is right with a note
  ("Riktig! Skrives: bøtte (med ø).");
* one slip of the finger (one substitution, insertion, deletion or transposition)
  is right with a note, except in short words and where the slip produces another real
  word or another answer option (``confusables``, ``is_word``);
* near misses get precise feedback: wrong ending, wrong article, missing or extra
  letter, doubled consonant, word order;
* sentences (dictation, word order, phrases) are aligned word by word.

Everything here is pure string work; the dictionary is only consulted through the optional
``is_word`` callback (``Lexicon.is_word`` fits).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "ANSWER_KINDS",
    "PROBLEM_KINDS",
    "Problem",
    "Verdict",
    "WordMark",
    "check_answer",
    "fold_letters",
    "normalize_answer",
    "osa_distance",
]

#: How an answer is compared. "word": one word or form; "phrase": a short multiword answer
#: typed by the learner; "article": "<article> <noun>" (or only the article); "choice": a tapped
#: option (exact after normalising, no typo tolerance); "sentence": a whole sentence (word order);
#: "dictation": a sentence typed after listening, scored word by word.
ANSWER_KINDS: tuple[str, ...] = ("word", "phrase", "article", "choice", "sentence", "dictation")

#: Problem kinds found in answers (stable identifiers for the web layer and progress).
PROBLEM_KINDS: tuple[str, ...] = (
    "special_letter",  # æ/ø/å written another way
    "missing_letter",
    "extra_letter",
    "wrong_letter",
    "swapped_letters",
    "double_consonant",  # a doubled consonant written single
    "single_consonant",  # a single consonant written double
    "ending",
    "article",
    "missing_article",
    "word_order",
    "missing_word",
    "extra_word",
    "wrong_word",
    "other_form",  # another form of the word, or another option
    "empty",
    "wrong",
)

ARTICLES: tuple[str, ...] = ("en", "ei", "et")

#: Inflectional endings of Bokmål nouns, verbs and adjectives, used to recognise a wrong ending.
_ENDINGS: tuple[str, ...] = (
    "",
    "e",
    "a",
    "t",
    "r",
    "s",
    "en",
    "er",
    "et",
    "ar",
    "te",
    "de",
    "ne",
    "ene",
    "ane",
    "ete",
    "ere",
    "est",
    "este",
    "ende",
)
#: Ending differences that carry grammar even without a dictionary hint ("-en" vs "-ene").
_STRONG_ENDINGS = frozenset(e for e in _ENDINGS if len(e) >= 2) | {"a", "t", "r"}

_CONSONANTS = frozenset("bcdfghjklmnpqrstvwxz")
_MIN_TYPO_LEN = 4
_SPECIAL = {"æ": "ae", "ø": "o", "å": "a"}
_FOREIGN = {"ä": "æ", "ö": "ø", "ô": "o"}

_NON_WORD_RE = re.compile(r"[^\w]+", re.UNICODE)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})


@dataclass(frozen=True)
class Problem:
    """One thing that was wrong (or only spelled differently) in an answer."""

    kind: str  # one of PROBLEM_KINDS
    message: str  # short plain Norwegian
    expected: str = ""
    got: str = ""

    def to_dict(self) -> dict[str, str]:
        """Return a JSON-ready dict."""
        return {
            "kind": self.kind,
            "message": self.message,
            "expected": self.expected,
            "got": self.got,
        }


@dataclass(frozen=True)
class WordMark:
    """The mark for one word of a sentence answer (dictation, word order, phrases)."""

    expected: str | None  # None for an extra word the learner added
    given: str | None  # None for a missing word
    status: str  # "ok" | "spelling" | "typo" | "wrong" | "missing" | "extra"

    def to_dict(self) -> dict[str, str | None]:
        """Return a JSON-ready dict."""
        return {"expected": self.expected, "given": self.given, "status": self.status}


@dataclass(frozen=True)
class Verdict:
    """The result of checking one answer."""

    correct: bool
    exact: bool  # right as written (ignoring case, punctuation and spaces)
    expected: str  # the accepted answer closest to what was given (shown to the learner)
    score: float  # 0..1; 1 exact, a little less for spelling slips, partial for sentences
    # Plain Norwegian, e.g. "Riktig! Skrives: bøtte (med ø).".  For a wrong answer only the fix
    # ("Riktig svar: pall."): the page already says "Ikke helt." (docs/UX_REVIEW.md, item 9).
    note: str | None = None
    problems: tuple[Problem, ...] = ()
    words: tuple[WordMark, ...] = field(default=())  # word-by-word marks for sentences

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "correct": self.correct,
            "exact": self.exact,
            "expected": self.expected,
            "score": self.score,
            "note": self.note,
            "problems": [p.to_dict() for p in self.problems],
            "words": [w.to_dict() for w in self.words],
        }


# --------------------------------------------------------------------------- normalising


def normalize_answer(text: str) -> str:
    """Lower-case, NFC, punctuation to spaces, single spaces."""
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES).casefold()
    text = text.replace("'", "")
    return " ".join(_NON_WORD_RE.sub(" ", text).replace("_", " ").split())


def fold_letters(text: str) -> str:
    """Fold æ/ø/å and their keyboard substitutes (ae/oe/aa, o/a, ä/ö) to one spelling."""
    text = "".join(_FOREIGN.get(ch, ch) for ch in text)
    text = text.replace("aa", "å").replace("oe", "ø")
    return "".join(_SPECIAL.get(ch, ch) for ch in text)


def osa_distance(a: str, b: str) -> int:
    """Optimal string alignment distance (Levenshtein plus adjacent transpositions)."""
    if a == b:
        return 0
    n, m = len(a), len(b)
    if not n or not m:
        return n or m
    prev2: list[int] = []
    prev = list(range(m + 1))
    for i in range(1, n + 1):
        cur = [i] + [0] * m
        ai = a[i - 1]
        for j in range(1, m + 1):
            cost = 0 if ai == b[j - 1] else 1
            best = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ai == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, prev2[j - 2] + 1)
            cur[j] = best
        prev2, prev = prev, cur
    return prev[m]


def _osa_ops(a: str, b: str) -> list[tuple[str, int, str, str]]:
    """Edit operations turning ``a`` (given) into ``b`` (expected).

    Each op is ``(kind, position_in_b, got, want)`` with kind ``sub``, ``ins`` (a letter
    missing from ``a``), ``del`` (an extra letter in ``a``) or ``swap``.
    """
    n, m = len(a), len(b)
    dist = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        dist[i][0] = i
    for j in range(m + 1):
        dist[0][j] = j
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            best = min(dist[i - 1][j] + 1, dist[i][j - 1] + 1, dist[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, dist[i - 2][j - 2] + 1)
            dist[i][j] = best
    ops: list[tuple[str, int, str, str]] = []
    i, j = n, m
    while i > 0 or j > 0:
        if i > 0 and j > 0 and a[i - 1] == b[j - 1] and dist[i][j] == dist[i - 1][j - 1]:
            i, j = i - 1, j - 1
        elif (
            i > 1
            and j > 1
            and a[i - 1] == b[j - 2]
            and a[i - 2] == b[j - 1]
            and dist[i][j] == dist[i - 2][j - 2] + 1
        ):
            ops.append(("swap", j - 2, a[i - 2 : i], b[j - 2 : j]))
            i, j = i - 2, j - 2
        elif i > 0 and j > 0 and dist[i][j] == dist[i - 1][j - 1] + 1:
            ops.append(("sub", j - 1, a[i - 1], b[j - 1]))
            i, j = i - 1, j - 1
        elif j > 0 and dist[i][j] == dist[i][j - 1] + 1:
            ops.append(("ins", j - 1, "", b[j - 1]))
            j -= 1
        else:
            ops.append(("del", j, a[i - 1], ""))
            i -= 1
    ops.reverse()
    return ops


# --------------------------------------------------------------------------- explaining


def _describe_ops(given: str, expected: str) -> tuple[Problem, ...]:
    """Explain, letter by letter, how ``given`` differs from ``expected``."""
    problems: list[Problem] = []
    for kind, pos, got, want in _osa_ops(given, expected):
        if kind == "ins":
            doubled = want in _CONSONANTS and (
                (pos > 0 and expected[pos - 1] == want)
                or (pos + 1 < len(expected) and expected[pos + 1] == want)
            )
            if doubled:
                problems.append(
                    Problem("double_consonant", f"Det skal være dobbel {want}.", want * 2, want)
                )
            else:
                problems.append(Problem("missing_letter", f"Det mangler en «{want}».", want, ""))
        elif kind == "del":
            doubled = got in _CONSONANTS and (
                (pos > 0 and expected[pos - 1] == got)
                or (pos < len(expected) and expected[pos] == got)
            )
            if doubled:
                problems.append(
                    Problem("single_consonant", f"Det skal bare være én {got}.", got, got * 2)
                )
            else:
                problems.append(Problem("extra_letter", f"Det er en «{got}» for mye.", "", got))
        elif kind == "swap":
            problems.append(
                Problem(
                    "swapped_letters",
                    f"Bokstavene «{got}» skal være «{want}».",
                    want,
                    got,
                )
            )
        else:
            problems.append(Problem("wrong_letter", f"«{got}» skal være «{want}».", want, got))
    return tuple(problems)


def _special_letters(given: str, expected: str) -> tuple[Problem, ...]:
    """Name the æ/ø/å the learner wrote another way."""
    wanted = [ch for ch in expected if ch in _SPECIAL]
    missing = [ch for ch in dict.fromkeys(wanted) if given.count(ch) < expected.count(ch)]
    return tuple(
        Problem("special_letter", f"Skrives med {ch}.", ch, _SPECIAL[ch]) for ch in missing
    )


def _ending_change(given: str, expected: str) -> tuple[str, str] | None:
    """Return (given ending, expected ending) when the words differ only in their ending."""
    best: tuple[str, str] | None = None
    for e_end in _ENDINGS:
        if not expected.endswith(e_end):
            continue
        stem = expected[: len(expected) - len(e_end)]
        if len(stem) < 3 or not given.startswith(stem):
            continue
        g_end = given[len(stem) :]
        if g_end == e_end or g_end not in _ENDINGS:
            continue
        if best is None or len(g_end) + len(e_end) > len(best[0]) + len(best[1]):
            best = (g_end, e_end)
    return best


def _ending_problem(given: str, expected: str, *, hinted: bool) -> Problem | None:
    """A wrong-ending problem, when the difference is an inflectional ending."""
    change = _ending_change(given, expected)
    if change is None:
        return None
    g_end, e_end = change
    strong = g_end in _STRONG_ENDINGS or e_end in _STRONG_ENDINGS
    if not (hinted or strong):
        return None
    if e_end:
        message = f"Endingen skal være -{e_end}: {expected}."
    else:
        message = f"Ordet skal ikke ha endingen -{g_end}: {expected}."
    return Problem("ending", message, e_end, g_end)


def _split_article(text: str) -> tuple[str, str]:
    """Split "ei hylle" into ("ei", "hylle"); ("", text) when there is no article."""
    head, _, rest = text.partition(" ")
    return (head, rest) if head in ARTICLES else ("", text)


def _stop(text: str) -> str:
    """End a shown answer with exactly one full stop (keeps "?" and "!")."""
    text = text.strip()
    return text if text[-1:] in (".", "?", "!") else text + "."


def _or_list(words: Sequence[str]) -> str:
    """Join words Norwegian style: "a", "a eller b", "a, b eller c"."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " eller " + words[-1]


# --------------------------------------------------------------------------- checking


@dataclass(frozen=True)
class _Match:
    """How one answer relates to one accepted form."""

    rank: int  # 0 exact, 1 special letters, 2 typo, 3 near miss, 4 wrong
    expected: str
    problems: tuple[Problem, ...] = ()


def _is_real_other_word(
    answer: str, expected: str, confusables: frozenset[str], is_word: Callable[[str], bool] | None
) -> bool:
    if answer == expected:
        return False
    if answer in confusables:
        return True
    return bool(is_word is not None and is_word(answer))


def _match_word(
    answer: str,
    expected: str,
    *,
    confusables: frozenset[str],
    is_word: Callable[[str], bool] | None,
    allow_typos: bool,
    ending_hint: bool,
) -> _Match:
    """Compare a one-word (or short fixed) answer with one accepted form."""
    if answer == expected:
        return _Match(0, expected)
    real_other = _is_real_other_word(answer, expected, confusables, is_word)
    if fold_letters(answer) == fold_letters(expected) and answer not in confusables:
        return _Match(1, expected, _special_letters(answer, expected))
    letter_slip = _describe_ops(answer, expected)
    spelling_only = len(letter_slip) == 1 and letter_slip[0].kind in (
        "double_consonant",
        "single_consonant",
        "swapped_letters",
    )
    ending = _ending_problem(answer, expected, hinted=ending_hint or real_other)
    if ending is not None and not spelling_only:
        return _Match(3, expected, (ending,))
    folded_a, folded_e = fold_letters(answer), fold_letters(expected)
    distance = osa_distance(folded_a, folded_e)
    if distance == 1:
        problems = letter_slip
        if any(p.kind == "special_letter" for p in _special_letters(answer, expected)):
            problems = _special_letters(answer, expected) + _describe_ops(folded_a, folded_e)
        typo_ok = allow_typos and len(folded_e.replace(" ", "")) >= _MIN_TYPO_LEN and not real_other
        return _Match(2 if typo_ok else 3, expected, problems)
    if distance == 2 and len(expected) >= _MIN_TYPO_LEN:
        return _Match(3, expected, _describe_ops(answer, expected))
    return _Match(4, expected)


def _match_article(
    answer: str,
    accepted: Sequence[str],
    *,
    confusables: frozenset[str],
    is_word: Callable[[str], bool] | None,
    allow_typos: bool,
) -> tuple[_Match, str | None]:
    """Compare "<article> <noun>" answers; return the best match and an extra note."""
    by_noun: dict[str, list[str]] = {}
    for acc in accepted:
        art, noun = _split_article(acc)
        by_noun.setdefault(noun, []).append(art)
    given_art, given_noun = _split_article(answer)
    best: _Match | None = None
    note: str | None = None
    for noun, arts in by_noun.items():
        allowed = [a for a in arts if a]
        shown = (
            " eller ".join(allowed) if noun == "" else _or_list([f"{a} {noun}" for a in allowed])
        )
        if noun == "":  # only the article is asked for
            noun_match = _Match(0, "")
        elif given_noun == noun:
            noun_match = _Match(0, noun)
        else:
            noun_match = _match_word(
                given_noun,
                noun,
                confusables=confusables,
                is_word=is_word,
                allow_typos=allow_typos,
                ending_hint=False,
            )
        if noun_match.rank >= 4:
            continue
        if not given_art and allowed:
            expected = f"{allowed[0]} {noun}".strip()
            cand = _Match(
                3,
                expected,
                (Problem("missing_article", f"Husk artikkelen: {shown}.", allowed[0], ""),),
            )
        elif given_art and given_art not in allowed:
            expected = f"{allowed[0]} {noun}".strip() if allowed else noun
            message = f"Det heter {shown}." if noun else f"Det heter {_or_list(allowed)}."
            cand = _Match(
                max(3, noun_match.rank),
                expected,
                (Problem("article", message, "/".join(allowed), given_art),) + noun_match.problems,
            )
        else:
            expected = f"{given_art} {noun_match.expected}".strip()
            cand = _Match(noun_match.rank, expected, noun_match.problems)
            if len(allowed) > 1 and noun_match.rank <= 2:
                others = " og ".join(f"{a} {noun}".strip() for a in allowed)
                note = f"Både {others} er riktig."
        if best is None or cand.rank < best.rank:
            best = cand
    if best is None:
        first = accepted[0] if accepted else ""
        return _Match(4, first), None
    return best, note if best.rank <= 2 else None


def _align_words(
    given: Sequence[str], expected: Sequence[str]
) -> list[tuple[str | None, str | None, str]]:
    """Align two word sequences; return (expected, given, status) triples in order."""
    n, m = len(given), len(expected)

    def pair_cost(g: str, e: str) -> tuple[float, str]:
        if g == e:
            return 0.0, "ok"
        if fold_letters(g) == fold_letters(e):
            return 0.1, "spelling"
        if (
            len(fold_letters(e)) >= _MIN_TYPO_LEN
            and osa_distance(fold_letters(g), fold_letters(e)) == 1
            and _ending_problem(g, e, hinted=False) is None
        ):
            return 0.3, "typo"
        return 1.5, "wrong"  # > 1 so that a missing + extra word is not preferred blindly

    inf = float("inf")
    dist = [[inf] * (m + 1) for _ in range(n + 1)]
    dist[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            best = inf
            if i > 0:
                best = min(best, dist[i - 1][j] + 1.0)
            if j > 0:
                best = min(best, dist[i][j - 1] + 1.0)
            if i > 0 and j > 0:
                best = min(best, dist[i - 1][j - 1] + pair_cost(given[i - 1], expected[j - 1])[0])
            dist[i][j] = best
    out: list[tuple[str | None, str | None, str]] = []
    i, j = n, m
    while i > 0 or j > 0:
        if i > 0 and j > 0:
            cost, status = pair_cost(given[i - 1], expected[j - 1])
            if abs(dist[i][j] - (dist[i - 1][j - 1] + cost)) < 1e-9:
                out.append((expected[j - 1], given[i - 1], status))
                i, j = i - 1, j - 1
                continue
        if j > 0 and abs(dist[i][j] - (dist[i][j - 1] + 1.0)) < 1e-9:
            out.append((expected[j - 1], None, "missing"))
            j -= 1
        else:
            out.append((None, given[i - 1], "extra"))
            i -= 1
    out.reverse()
    return out


def _sentence_verdict(
    answer: str, accepted: Sequence[str], *, kind: str, display: dict[str, str]
) -> Verdict:
    """Word-by-word verdict for sentences, phrases and dictation."""
    given_words = answer.split()
    best: tuple[float, str, list[tuple[str | None, str | None, str]]] | None = None
    for acc in accepted:
        marks = _align_words(given_words, acc.split())
        good = sum(1 for _, _, s in marks if s in ("ok", "spelling", "typo"))
        total = max(len(acc.split()), 1) + sum(1 for _, _, s in marks if s == "extra")
        score = good / total
        if best is None or score > best[0]:
            best = (score, acc, marks)
    if best is None:
        return Verdict(False, False, "", 0.0, "Feil svar.", (Problem("wrong", "Feil svar."),))
    score, norm_expected, marks = best
    expected = display.get(norm_expected, norm_expected)
    words = tuple(WordMark(e, g, s) for e, g, s in marks)
    problems: list[Problem] = []
    for e, g, s in marks:
        if s == "spelling" and e is not None and g is not None:
            problems.extend(
                _special_letters(g, e) or (Problem("special_letter", f"Skrives: {e}.", e, g),)
            )
        elif s == "typo" and e is not None and g is not None:
            problems.extend(_describe_ops(fold_letters(g), fold_letters(e)))
        elif s == "missing" and e is not None:
            problems.append(Problem("missing_word", f"Ordet «{e}» mangler.", e, ""))
        elif s == "extra" and g is not None:
            problems.append(Problem("extra_word", f"Ordet «{g}» skal ikke være med.", "", g))
        elif s == "wrong" and e is not None and g is not None:
            ending = _ending_problem(g, e, hinted=True)
            if ending is not None:
                problems.append(ending)
            else:
                problems.append(Problem("wrong_word", f"«{g}» skal være «{e}».", e, g))
    all_right = all(w.status in ("ok", "spelling", "typo") for w in words)
    exact = all(w.status == "ok" for w in words)
    slips = [w for w in words if w.status in ("spelling", "typo")]
    if all_right:
        if exact:
            return Verdict(True, True, expected, 1.0, None, (), words)
        fixes = ", ".join(display_word(w.expected or "", expected) for w in slips)
        return Verdict(
            True,
            False,
            expected,
            1.0 - 0.05 * len(slips),
            f"Riktig! Skrives: {fixes}.",
            tuple(problems),
            words,
        )
    if sorted(given_words) == sorted(norm_expected.split()):
        problem = Problem(
            "word_order", "Ordene er riktige, men rekkefølgen er feil.", expected, answer
        )
        return Verdict(
            False,
            False,
            expected,
            0.5,
            f"Nesten! Ordene er riktige, men rekkefølgen er feil. Riktig: {_stop(expected)}",
            (problem,),
            words,
        )
    wrong = len(words) - len([w for w in words if w.status in ("ok", "spelling", "typo")])
    if kind == "dictation":
        ok_count = len(words) - wrong
        note = f"{ok_count} av {len(words)} ord riktig. Riktig: {_stop(expected)}"
    else:
        note = f"Riktig svar: {_stop(expected)}"
    return Verdict(False, False, expected, round(score, 3), note, tuple(problems), words)


def display_word(word: str, sentence: str) -> str:
    """The spelling of ``word`` as written in ``sentence`` (keeps capitals), else ``word``."""
    for match in re.finditer(r"\w+", sentence):
        if normalize_answer(match.group()) == word:
            return match.group()
    return word


def check_answer(
    answer: str,
    accepted: Sequence[str],
    *,
    kind: str = "word",
    confusables: Collection[str] = (),
    is_word: Callable[[str], bool] | None = None,
    allow_typos: bool = True,
) -> Verdict:
    """Check one answer against every accepted form and explain the result in Norwegian.

    Args:
        answer: what the learner typed or tapped.
        accepted: every right answer, preferred first ("vasket", "vaska"; "ei hylle", "en hylle").
        kind: one of ``ANSWER_KINDS``.
        confusables: real words that must never count as a slip of the finger for this item
            (the other forms of the word, the other options); they are wrong unless accepted.
        is_word: optional dictionary check (e.g. ``Lexicon.is_word``); a different real word is
            not a slip of the finger either.
        allow_typos: accept one slip of the finger (not for choices).
    """
    if kind not in ANSWER_KINDS:
        raise ValueError(f"unknown answer kind: {kind!r}")
    norm_accepted = [normalize_answer(a) for a in accepted if normalize_answer(a)]
    preferred = accepted[0] if accepted else ""
    given = normalize_answer(answer)
    if not norm_accepted:
        raise ValueError("accepted must contain at least one non-empty answer")
    if not given:
        return Verdict(
            False,
            False,
            preferred,
            0.0,
            f"Du svarte ikke. Riktig svar: {_stop(preferred)}",
            (Problem("empty", "Tomt svar.", preferred, ""),),
        )
    norm_conf = frozenset(normalize_answer(c) for c in confusables) - set(norm_accepted)
    display = {normalize_answer(a): a.strip() for a in accepted}

    if kind == "choice":
        if given in norm_accepted:
            return Verdict(
                True, True, display[given], 1.0, _alternatives_note(given, norm_accepted, display)
            )
        return Verdict(
            False,
            False,
            preferred,
            0.0,
            f"Riktig svar: {_stop(preferred)}",
            (Problem("wrong", "Feil valg.", preferred, answer.strip()),),
        )
    if kind in ("sentence", "dictation") or (
        kind == "phrase" and (len(given.split()) > 1 or any(" " in a for a in norm_accepted))
    ):
        if given in norm_accepted:
            return Verdict(True, True, display[given], 1.0)
        return _sentence_verdict(given, norm_accepted, kind=kind, display=display)

    extra_note: str | None = None
    if kind == "article" or any(_split_article(a)[0] for a in norm_accepted):
        match, extra_note = _match_article(
            given, norm_accepted, confusables=norm_conf, is_word=is_word, allow_typos=allow_typos
        )
    else:
        matches = [
            _match_word(
                given,
                acc,
                confusables=norm_conf,
                is_word=is_word,
                allow_typos=allow_typos,
                ending_hint=bool(norm_conf),
            )
            for acc in norm_accepted
        ]
        match = min(matches, key=lambda m: m.rank)
    expected = display.get(match.expected, match.expected)
    if match.rank == 0:
        note = extra_note or _alternatives_note(match.expected, norm_accepted, display)
        return Verdict(True, True, expected, 1.0, note)
    if match.rank in (1, 2):
        note = f"Riktig! Skrives: {expected}"
        details = _details(match.problems)
        note += f" ({details})." if details else "."
        if extra_note:
            note += " " + extra_note
        return Verdict(True, False, expected, 0.9 if match.rank == 1 else 0.8, note, match.problems)
    if given in norm_conf:
        other = Problem(
            "other_form", f"«{given}» er et annet ord eller en annen form.", expected, given
        )
        problems = match.problems or (other,)
    else:
        problems = match.problems
    if match.rank == 3 and problems:
        first = problems[0].message
        if problems[0].kind in ("ending", "article", "missing_article"):
            note = f"Nesten! {first}"
        else:
            note = f"Nesten! {first} Riktig: {_stop(expected)}"
        return Verdict(False, False, expected, 0.3, note, problems)
    return Verdict(
        False,
        False,
        expected,
        0.0,
        f"Riktig svar: {_stop(expected)}",
        problems or (Problem("wrong", "Feil ord.", expected, given),),
    )


def _details(problems: Sequence[Problem]) -> str:
    """Short parenthesis for a right-with-a-note answer: "med ø", "dobbel t"."""
    parts: list[str] = []
    for p in problems:
        if p.kind == "special_letter":
            parts.append(f"med {p.expected}")
        elif p.kind == "double_consonant":
            parts.append(f"dobbel {p.got}")
        elif p.kind == "single_consonant":
            parts.append(f"bare én {p.expected}")
        elif p.kind == "missing_letter":
            parts.append(f"med «{p.expected}»")
        elif p.kind == "extra_letter":
            parts.append(f"uten ekstra «{p.got}»")
        elif p.kind == "swapped_letters":
            parts.append(f"«{p.expected}», ikke «{p.got}»")
        elif p.kind == "wrong_letter":
            parts.append(f"«{p.expected}», ikke «{p.got}»")
    return ", ".join(dict.fromkeys(parts))


def _alternatives_note(
    matched: str, norm_accepted: Sequence[str], display: dict[str, str]
) -> str | None:
    """Mention the other accepted spelling(s) of the same slot, if any ("Også riktig: vaska.")."""
    n_words = len(matched.split())
    others = [display[a] for a in norm_accepted if a != matched and len(a.split()) == n_words]
    if not others:
        return None
    return f"Riktig! Også riktig: {_or_list(others)}."
