"""Sentence generators: cloze, dictation and word order, from the profile's real examples."""

from __future__ import annotations

import re
from collections.abc import Iterator

from exercises.generators.common import (
    FORM_LABELS,
    FRONTED_ADVERBIALS,
    SUBJECT_PRONOUNS,
    all_forms,
    build_item,
    display_word,
    form_keys_of,
    gloss_for,
    sentence_key,
    shuffled,
    words,
)
from exercises.items import (
    ExerciseItem,
    GenerationContext,
    GenerationResult,
    Rejection,
    register,
)
from language_profiles.profile import Term

__all__ = [
    "ClozeGenerator",
    "DictationGenerator",
    "WordOrderGenerator",
    "make_cloze",
    "make_word_order",
]

BLANK = "___"
CLOZE_MIN_WORDS, CLOZE_MAX_WORDS = 5, 20
DICTATION_MIN_WORDS, DICTATION_MAX_WORDS = 3, 12
ORDER_MIN_WORDS, ORDER_MAX_WORDS = 4, 9
_SHUFFLE_TRIES = 25


def _stem(lemma: str) -> str:
    """The part of a lemma that every form shares ("hylle" → "hyll", "plukke" → "plukk")."""
    low = lemma.casefold()
    return low[:-1] if low.endswith("e") and len(low) > 4 else low


_PERFECT_AUXILIARIES = frozenset({"har", "hadde", "ha", "å", "blitt", "er", "var", "blir", "ble"})
_INDEFINITE_ARTICLES = frozenset({"en", "ei", "et", "ett", "én"})


def _slot_labels(keys: list[str], previous: str) -> list[str]:
    """Name the form a blank needs, choosing between same-spelled forms where the context can."""
    chosen = list(keys)
    prev = previous.casefold()
    if {"past", "perf_part"} <= set(chosen):
        drop = "past" if prev in _PERFECT_AUXILIARIES else "perf_part"
        chosen.remove(drop)
    if {"sg_indef", "pl_indef"} <= set(chosen) and prev in _INDEFINITE_ARTICLES:
        chosen.remove("pl_indef")
    if chosen == ["inf"] or chosen == ["pos_mf"]:
        return []  # the dictionary form itself: shown in the hint already
    return list(dict.fromkeys(FORM_LABELS[k] for k in chosen if k in FORM_LABELS))


def make_cloze(term: Term, sentence: str, ctx: GenerationContext) -> ExerciseItem | Rejection:
    """A cloze item from one example sentence, or the reason it is rejected."""
    tokens = list(re.finditer(r"\w+(?:[-']\w+)*", sentence))
    n_words = len(tokens)
    if n_words < CLOZE_MIN_WORDS:
        return Rejection("cloze", term.lemma, "sentence too short", sentence)
    if n_words > CLOZE_MAX_WORDS:
        return Rejection("cloze", term.lemma, "sentence too long", sentence)
    forms = set(all_forms(term))
    hits = [m for m in tokens if m.group().casefold() in forms]
    if not hits:
        return Rejection("cloze", term.lemma, "the word is not in the sentence", sentence)
    if len(hits) > 1:
        return Rejection("cloze", term.lemma, "sentence gives the answer away", sentence)
    hit = hits[0]
    stem = _stem(term.lemma)
    for m in tokens:
        if m is hit:
            continue
        other = m.group().casefold()
        if len(stem) >= 3 and stem in other:
            return Rejection("cloze", term.lemma, "sentence gives the answer away", sentence)
    word = hit.group()
    keys = form_keys_of(term, word)
    accepted: list[str] = []
    for key in keys:
        accepted.extend(term.forms[key])
    if not accepted:
        accepted = [word]
    if word.casefold() not in (a.casefold() for a in accepted):
        accepted.insert(0, word)
    accepted_t = tuple(dict.fromkeys(a.casefold() for a in accepted))
    confusables = tuple(f for f in all_forms(term) if f not in accepted_t)
    # Put the form the sentence uses first (it is what the writer chose).
    accepted_t = (word.casefold(),) + tuple(a for a in accepted_t if a != word.casefold())
    prompt = sentence[: hit.start()] + BLANK + sentence[hit.end() :]
    # The form is named in the hint: a sentence alone rarely decides between "pallen" and
    # "paller" or "plukker" and "plukket", and an undecided item would be ambiguous.
    hint = display_word(term, with_all_articles=False)
    labels = _slot_labels(
        keys, tokens[tokens.index(hit) - 1].group() if hit is not tokens[0] else ""
    )
    if labels:
        hint = f"{hint} ({' / '.join(labels)})"
    options = shuffled(ctx.rng, [accepted_t[0], *confusables[:3]]) if confusables else ()
    return build_item(
        item_type="cloze",
        term=term,
        variant=f"s{sentence_key(sentence)}",
        prompt=prompt,
        hint=hint,
        answer_mode="typed",
        check_kind="word",
        accepted=accepted_t,
        confusables=confusables,
        options=options,
        expected=accepted_t[0],
        explanation=(
            "Begge er riktig: " + " og ".join(accepted_t) + "." if len(accepted_t) > 1 else None
        ),
        audio_text=sentence,
        gloss=gloss_for(term, ctx.help_language),
        help_language=ctx.help_language,
        skills=("reading", "writing"),
        offset=0.15,
        extra={"form_keys": keys, "sentence": sentence},
    )


@register("cloze")
class ClozeGenerator:
    """Fill the gap in a real example sentence with the inflected form it needs."""

    def generate(self, ctx: GenerationContext) -> GenerationResult:
        """Cloze items from every usable example sentence of the single-word terms."""
        items: list[ExerciseItem] = []
        rejected: list[Rejection] = []
        for term in ctx.selected_terms:
            if term.is_multiword:
                continue
            for sentence in term.examples:
                result = make_cloze(term, sentence, ctx)
                if isinstance(result, Rejection):
                    rejected.append(result)
                else:
                    items.append(result)
        return GenerationResult(tuple(items), tuple(rejected))


def _sentences(ctx: GenerationContext) -> Iterator[tuple[Term | None, str, bool]]:
    """Example sentences of the terms, then the phrases: (term or None, text, safety)."""
    for term in ctx.selected_terms:
        for sentence in term.examples:
            yield term, sentence, term.safety
    if ctx.terms is None:
        for phrase in ctx.profile.phrases:
            yield None, phrase.text, phrase.safety


def _phrase_term(text: str, safety: bool) -> Term:
    """A stand-in term so that phrase items carry the same metadata fields."""
    return Term(lemma=text, pos="PHRASE", is_multiword=True, safety=safety, level="A2")


@register("dictation")
class DictationGenerator:
    """Hear a short sentence → type it; scored word by word."""

    def generate(self, ctx: GenerationContext) -> GenerationResult:
        """One item per short sentence (examples and phrases) without digits or symbols."""
        items: list[ExerciseItem] = []
        rejected: list[Rejection] = []
        seen: set[str] = set()
        for term, sentence, safety in _sentences(ctx):
            key = sentence_key(sentence)
            if key in seen:
                continue
            seen.add(key)
            lemma = term.lemma if term is not None else sentence
            n_words = len(words(sentence))
            if n_words < DICTATION_MIN_WORDS or n_words > DICTATION_MAX_WORDS:
                rejected.append(Rejection("dictation", lemma, "sentence length", sentence))
                continue
            if re.search(r"[\d@/%&+=<>#]", sentence):
                rejected.append(
                    Rejection("dictation", lemma, "numbers or symbols are ambiguous", sentence)
                )
                continue
            base = term if term is not None else _phrase_term(sentence, safety)
            items.append(
                build_item(
                    item_type="dictation",
                    term=base,
                    variant=f"s{key}",
                    lemma=lemma,
                    prompt="",
                    answer_mode="typed",
                    check_kind="dictation",
                    accepted=(sentence,),
                    expected=sentence,
                    audio_text=sentence,
                    help_language=ctx.help_language,
                    skills=("listening", "writing"),
                    offset=0.2,
                )
            )
        return GenerationResult(tuple(items), tuple(rejected))


def _fronted(tokens: list[str]) -> int:
    """Length of a known fronted adverbial at the start, 0 if none."""
    low = [t.casefold() for t in tokens]
    for adverbial in sorted(FRONTED_ADVERBIALS, key=len, reverse=True):
        if tuple(low[: len(adverbial)]) == adverbial:
            return len(adverbial)
    return 0


def _final_adverbial(tokens: list[str]) -> int:
    """Length of a known time adverbial at the end, 0 if none."""
    low = tuple(t.casefold() for t in tokens)
    for adverbial in sorted(FRONTED_ADVERBIALS, key=len, reverse=True):
        if len(adverbial) > 1 and low[-len(adverbial) :] == adverbial and adverbial[0] == "i":
            return len(adverbial)
    return 0


def make_word_order(
    lemma: str, sentence: str, ctx: GenerationContext, *, base: Term
) -> ExerciseItem | Rejection:
    """A word-order item (shuffled tokens, not already in order), or the rejection reason."""
    if re.search(r"[,;:()\"«»]", sentence.rstrip(".!?")):
        return Rejection("word_order", lemma, "clauses allow several orders", sentence)
    tokens = words(sentence)
    if not ORDER_MIN_WORDS <= len(tokens) <= ORDER_MAX_WORDS:
        return Rejection("word_order", lemma, "sentence length", sentence)
    first = tokens[0]
    lower_first = first.casefold()
    if ctx.is_word is None or ctx.is_word(lower_first):
        tokens = [lower_first, *tokens[1:]]
    if len(set(tokens)) == 1:
        return Rejection("word_order", lemma, "cannot be shuffled", sentence)
    order = list(tokens)
    shuffled_tokens = list(tokens)
    for _ in range(_SHUFFLE_TRIES):
        ctx.rng.shuffle(shuffled_tokens)
        if shuffled_tokens != order:
            break
    if shuffled_tokens == order:
        return Rejection("word_order", lemma, "cannot be shuffled", sentence)
    end = sentence.rstrip()[-1] if sentence.rstrip()[-1:] in ".!?" else "."
    original = " ".join(words(sentence)) + end
    accepted = [original]
    n_adv = _fronted(tokens)
    n_final = _final_adverbial(tokens)
    hint = None
    if n_adv and len(tokens) > n_adv + 2:
        hint = "Husk: verbet står på plass nummer to."
        verb, subject, rest = tokens[n_adv], tokens[n_adv + 1], tokens[n_adv + 2 :]
        if subject.casefold() in SUBJECT_PRONOUNS:
            # "I dag jobber jeg på lageret." = "Jeg jobber på lageret i dag."
            alt = [subject.capitalize(), verb, *rest, *[t.casefold() for t in tokens[:n_adv]]]
            accepted.append(" ".join(alt) + end)
    elif n_final and tokens[0].casefold() in SUBJECT_PRONOUNS and len(tokens) > n_final + 2:
        # "Vi vasket gulvet i går." = "I går vasket vi gulvet."
        adverbial = tokens[len(tokens) - n_final :]
        subject, verb, rest = tokens[0].casefold(), tokens[1], tokens[2 : len(tokens) - n_final]
        alt = [adverbial[0].capitalize(), *adverbial[1:], verb, subject, *rest]
        accepted.append(" ".join(alt) + end)
    return build_item(
        item_type="word_order",
        term=base,
        variant=f"s{sentence_key(sentence)}",
        lemma=lemma,
        prompt="",
        hint=hint,
        answer_mode="order",
        check_kind="sentence",
        accepted=tuple(accepted),
        options=tuple(shuffled_tokens),
        expected=original,
        audio_text=original,
        help_language=ctx.help_language,
        skills=("writing", "reading"),
        offset=0.2 if n_adv else 0.1,
        extra={"v2_fronted": bool(n_adv)},
    )


@register("word_order")
class WordOrderGenerator:
    """Tap the words of a real sentence into the right order; V2 sentences preferred."""

    def generate(self, ctx: GenerationContext) -> GenerationResult:
        """At most one item per term (a fronted-adverbial V2 sentence when there is one)."""
        items: list[ExerciseItem] = []
        rejected: list[Rejection] = []
        for term in ctx.selected_terms:
            ranked = sorted(
                term.examples, key=lambda s: (0 if _fronted(words(s)) else 1, len(words(s)))
            )
            for sentence in ranked:
                result = make_word_order(term.lemma, sentence, ctx, base=term)
                if isinstance(result, Rejection):
                    rejected.append(result)
                    continue
                items.append(result)
                break
        return GenerationResult(tuple(items), tuple(rejected))
