"""Helpers shared by the generators: tokens, forms, display, distractor choice."""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any

from exercises.checking import fold_letters, normalize_answer, osa_distance
from exercises.items import ExerciseItem, GenerationContext, make_item_id
from language_profiles.profile import LEVELS, NOUN_FORM_KEYS, VERB_FORM_KEYS, Term

__all__ = [
    "FORM_LABELS",
    "FRONTED_ADVERBIALS",
    "MAX_DEFINITION_WORDS",
    "SUBJECT_PRONOUNS",
    "all_forms",
    "build_item",
    "difficulty_for",
    "display_word",
    "form_keys_of",
    "gloss_for",
    "is_short",
    "meaning_of",
    "pick_ranked",
    "sentence_key",
    "shorten_definition",
    "shown_definition",
    "sound_key",
    "words",
]

#: The most words a Norwegian definition may have in a "Hva betyr det?" choice (the answer
#: unless the teacher wrote it, and every distractor).  Longer dictionary text is too hard
#: for A1–A2 readers (docs/UX_REVIEW.md, item 1).
MAX_DEFINITION_WORDS = 8

_WORD_RE = re.compile(r"\w+(?:[-']\w+)*", re.UNICODE)

#: Adverbials that, fronted, make a V2 sentence ("I dag jobber jeg ...").
FRONTED_ADVERBIALS: tuple[tuple[str, ...], ...] = tuple(
    tuple(a.split())
    for a in (
        "i dag",
        "i morgen",
        "i går",
        "i kveld",
        "hver dag",
        "hver morgen",
        "hver kveld",
        "etter lunsj",
        "etter jobb",
        "etter pausen",
        "før lunsj",
        "om morgenen",
        "om kvelden",
        "nå",
        "først",
        "så",
        "deretter",
        "etterpå",
        "til slutt",
        "noen ganger",
        "ofte",
        "alltid",
        "på lageret",
        "på jobben",
    )
)
SUBJECT_PRONOUNS: frozenset[str] = frozenset(
    {"jeg", "du", "han", "hun", "vi", "dere", "de", "den", "det", "man"}
)


#: Plain-Norwegian names of the form keys (shown in hints).
FORM_LABELS: dict[str, str] = {
    "sg_indef": "ubestemt form entall",
    "sg_def": "bestemt form entall",
    "pl_indef": "ubestemt form flertall",
    "pl_def": "bestemt form flertall",
    "inf": "infinitiv",
    "pres": "presens",
    "past": "preteritum",
    "perf_part": "perfektum partisipp",
    "imp": "imperativ",
    "pos_mf": "grunnform",
    "pos_n": "intetkjønn",
    "pos_pl": "flertall eller bestemt form",
    "comp": "komparativ",
    "sup": "superlativ",
}


def words(text: str) -> list[str]:
    """The words of a sentence, punctuation left out ("e-post" stays one word)."""
    return _WORD_RE.findall(text)


def sentence_key(text: str) -> str:
    """A short stable key for a sentence (used in item variants)."""
    digest = hashlib.sha1(normalize_answer(text).encode(), usedforsecurity=False)
    return digest.hexdigest()[:8]


def all_forms(term: Term) -> list[str]:
    """Every spelling of every form of a term, lemma first, lower-case, no duplicates."""
    out = [term.lemma.casefold()]
    for spellings in term.forms.values():
        out.extend(s.casefold() for s in spellings)
    return list(dict.fromkeys(out))


def form_keys_of(term: Term, word: str) -> list[str]:
    """The form keys whose spellings include ``word`` (case-insensitive), in key order."""
    w = word.casefold()
    return [key for key, spellings in term.forms.items() if w in (s.casefold() for s in spellings)]


def display_word(term: Term, *, with_all_articles: bool = True) -> str:
    """How a term is shown: "ei/en hylle", "et lager", "å vaske", else the lemma."""
    if term.pos == "NOUN" and term.articles:
        arts = "/".join(term.articles) if with_all_articles else term.articles[0]
        return f"{arts} {term.lemma}"
    if term.pos == "VERB" and not term.is_multiword:
        return f"å {term.lemma}"
    return term.lemma


def gloss_for(term: Term, language: str | None) -> str | None:
    """The term's gloss in ``language``, if there is one."""
    if not language:
        return None
    value = term.gloss.get(language)
    return value.strip() if value and value.strip() else None


def is_short(text: str) -> bool:
    """True when ``text`` has at most ``MAX_DEFINITION_WORDS`` words."""
    return len(words(text)) <= MAX_DEFINITION_WORDS


def _top_level_cuts(text: str, mark: str) -> list[int]:
    """Positions of ``mark`` in ``text`` outside parentheses."""
    depth = 0
    cuts: list[int] = []
    for i, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char == mark and depth == 0:
            cuts.append(i)
    return cuts


#: Words that open an aside after a comma in a dictionary definition ("…, for eksempel …").
_ASIDE_OPENERS: tuple[str, ...] = (
    "for eksempel",
    "særlig",
    "spesielt",
    "især",
    "blant annet",
    "hovedsakelig",
    "ofte",
    "gjerne",
    "helst",
    "regnet",
)


def _comma_cut_is_safe(text: str, cut: int, cuts: Sequence[int]) -> bool:
    """True when the text after the comma only adds to what comes before it.

    That is an aside ("tidsrom på sju døgn, regnet fra …") or the rest of a list that ends the
    phrase ("som eies av én person, ett foretak eller lignende").  Elsewhere a comma may sit in
    the middle of a list the rest depends on ("som angår, tilhører eller er rettet mot …").
    """
    end = next((c for c in cuts if c > cut), len(text))
    segment = re.sub(r"\([^()]*\)", "", text[cut + 1 : end]).strip().casefold()
    return segment.endswith(("eller lignende", "og lignende")) or segment.startswith(_ASIDE_OPENERS)


def shorten_definition(text: str) -> str:
    """A long dictionary definition cut at a clause boundary; a short one unchanged.

    First the part before the first ";" (Bokmålsordboka puts the main sense first).  If that
    is still long, it is cut at a comma where the rest is only an aside or the end of a list:
    the longest such part that is short, else the first.  A cut always keeps at least two
    words ("omgang, samvær" stays whole) and is never made inside parentheses.
    """
    text = text.strip()
    if is_short(text):
        return text
    cuts = _top_level_cuts(text, ";")
    if cuts and len(words(text[: cuts[0]])) >= 2:
        text = text[: cuts[0]].strip()
    if is_short(text):
        return text
    cuts = _top_level_cuts(text, ",")
    parts = [text[:cut].strip() for cut in cuts if _comma_cut_is_safe(text, cut, cuts)]
    parts = [part for part in parts if len(words(part)) >= 2]
    if not parts:
        return text
    short = [part for part in parts if is_short(part)]
    return short[-1] if short else parts[0]


def shown_definition(term: Term, ctx: GenerationContext) -> str | None:
    """The Norwegian definition a learner sees: the teacher's own in full, else shortened."""
    key = ("shown_definition", id(term))
    if key not in ctx.cache:
        text = term.definition.strip() if term.definition else ""
        if text and not term.definition_by_teacher:
            text = shorten_definition(text)
        ctx.cache[key] = text or None
    shown: str | None = ctx.cache[key]
    return shown


def meaning_of(term: Term, ctx: GenerationContext, *, source: str) -> str | None:
    """The meaning shown in a choice: the gloss ("gloss") or the Norwegian definition."""
    if source == "gloss":
        return gloss_for(term, ctx.help_language)
    return shown_definition(term, ctx)


def sound_key(word: str) -> str:
    """A rough Norwegian sound key: homophones share it ("hylle"/"hylle", "kjøre"/"sjøre")."""
    w = fold_letters(normalize_answer(word))
    for a, b in (("skj", "sj"), ("kj", "sj"), ("hj", "j"), ("gj", "j"), ("hv", "v"), ("ld", "l")):
        w = w.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", w)


@lru_cache(maxsize=65536)
def _folded(word: str) -> str:
    return fold_letters(word.casefold())


def spelling_distance(a: str, b: str) -> int:
    """Distance between two words on their folded spelling."""
    fa, fb = _folded(a), _folded(b)
    if abs(len(fa) - len(fb)) > max(len(fa), len(fb)) // 2 + 1:
        return max(len(fa), len(fb))  # far apart anyway; skip the quadratic work
    return osa_distance(fa, fb)


def pick_ranked(
    rng: random.Random,
    candidates: Iterable[tuple[str, float]],
    n: int,
) -> list[str]:
    """Pick ``n`` texts, best score first, ties broken by ``rng`` (deterministic per seed)."""
    unique: dict[str, float] = {}
    for text, score in candidates:
        if text not in unique or score > unique[text]:
            unique[text] = score
    ordered = sorted(unique.items(), key=lambda kv: kv[0])  # fixed order before drawing
    keyed = [(-score, rng.random(), text) for text, score in ordered]
    keyed.sort()
    return [text for _, _, text in keyed[:n]]


def difficulty_for(level: str, *, offset: float = 0.0) -> float:
    """A 0..1 difficulty from the CEFR level plus a per-type offset."""
    index = LEVELS.index(level) if level in LEVELS else 2
    return round(min(1.0, max(0.0, index / (len(LEVELS) - 1) * 0.8 + offset)), 3)


def build_item(
    *,
    item_type: str,
    term: Term,
    variant: str,
    offset: float = 0.0,
    lemma: str | None = None,
    **values: Any,
) -> ExerciseItem:
    """Make an item with the id, level, theme, safety and POS taken from the term."""
    key = lemma if lemma is not None else term.lemma
    return ExerciseItem(
        id=make_item_id(item_type, key, variant),
        type=item_type,
        variant=variant,
        lemma=key,
        level=term.level,
        difficulty=difficulty_for(term.level, offset=offset),
        pos=term.pos,
        theme=term.theme,
        safety=term.safety,
        **values,
    )


def shuffled(rng: random.Random, values: Sequence[str]) -> tuple[str, ...]:
    """A shuffled copy (deterministic per seed)."""
    out = list(values)
    rng.shuffle(out)
    return tuple(out)


def noun_or_verb_keys(term: Term) -> tuple[str, ...]:
    """The form keys relevant to a term's POS."""
    if term.pos == "NOUN":
        return NOUN_FORM_KEYS
    if term.pos == "VERB":
        return VERB_FORM_KEYS
    return tuple(term.forms)


IsWord = Callable[[str], bool]
