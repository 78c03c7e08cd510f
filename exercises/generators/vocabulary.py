"""Word-level generators: flashcard, meaning (multiple choice), article, inflection, listening."""

from __future__ import annotations

from collections.abc import Sequence

from exercises.generators.common import (
    MAX_DEFINITION_WORDS,
    all_forms,
    build_item,
    display_word,
    gloss_for,
    is_short,
    meaning_of,
    pick_ranked,
    shown_definition,
    shuffled,
    sound_key,
    spelling_distance,
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
    "ArticleGenerator",
    "FlashcardGenerator",
    "InflectionGenerator",
    "ListeningGenerator",
    "MeaningGenerator",
    "meaning_distractors",
]

#: Inflection prompts: form key -> (label shown, frame with ___).
NOUN_INFLECTIONS: dict[str, tuple[str, str]] = {
    "sg_def": ("bestemt form entall", "Den ene: ___"),
    "pl_indef": ("ubestemt form flertall", "To ___"),
    "pl_def": ("bestemt form flertall", "Alle ___"),
}
VERB_INFLECTIONS: dict[str, tuple[str, str]] = {
    "pres": ("presens", "I dag ___ jeg."),
    "past": ("preteritum", "I går ___ jeg."),
    "perf": ("perfektum", "Jeg har ___."),
}
_MAX_OPTIONS = 4


def _forms(ctx: GenerationContext, term: Term) -> frozenset[str]:
    """All forms of a term, memoised for this generation run."""
    key = ("forms", id(term))
    if key not in ctx.cache:
        ctx.cache[key] = frozenset(all_forms(term))
    found: frozenset[str] = ctx.cache[key]
    return found


def _related(a: Term, b: Term, ctx: GenerationContext) -> bool:
    """True when two terms are forms of each other, share a stem or gloss (never distractors)."""
    la, lb = a.lemma.casefold(), b.lemma.casefold()
    if la == lb or la in _forms(ctx, b) or lb in _forms(ctx, a):
        return True
    if la in lb or lb in la:  # pall / europall: the compound contains the answer
        return True
    for lang, gloss in a.gloss.items():
        other = b.gloss.get(lang)
        if other and other.strip().casefold() == gloss.strip().casefold():
            return True  # the same gloss: a synonym
    if a.definition and b.definition and a.definition.strip() == b.definition.strip():
        return True
    def_a, def_b = (a.definition or "").casefold(), (b.definition or "").casefold()
    return bool(la in def_b.split() or lb in def_a.split())


def meaning_distractors(
    term: Term, pool: Sequence[Term], ctx: GenerationContext, *, source: str, n: int
) -> list[str]:
    """Meanings of other terms: same POS, theme and level where possible; no synonyms or forms.

    Norwegian definitions offered as distractors are short (``MAX_DEFINITION_WORDS``).
    """
    answer = meaning_of(term, ctx, source=source)
    if answer is None:
        return []
    candidates: list[tuple[str, float]] = []
    for other in pool:
        if other is term or _related(term, other, ctx):
            continue
        meaning = meaning_of(other, ctx, source=source)
        if meaning is None or meaning.casefold() == answer.casefold():
            continue
        if source == "definition" and not is_short(meaning):
            continue
        if term.lemma.casefold() in meaning.casefold().split():
            continue
        score = 4.0 * (other.pos == term.pos)
        score += 2.0 * (other.theme is not None and other.theme == term.theme)
        score += 1.0 * (other.level == term.level)
        candidates.append((meaning, score))
    same_pos = [c for c in candidates if c[1] >= 4.0]
    chosen_from = same_pos if len(same_pos) >= 2 else candidates
    return pick_ranked(ctx.rng, chosen_from, n)


def _meaning_choice(
    item_type: str, term: Term, pool: Sequence[Term], ctx: GenerationContext
) -> tuple[str, str, list[str]] | Rejection:
    """(source, answer, distractors): glosses in the help language, else Norwegian definitions.

    A Norwegian definition is asked for only when it is short or the teacher wrote it.
    Returns the rejection when neither gives a good item.
    """
    sources = [s for s in ("gloss", "definition") if meaning_of(term, ctx, source=s)]
    if not sources:
        return Rejection(item_type, term.lemma, "no meaning to ask for")
    rejection = Rejection(item_type, term.lemma, "not enough distractors")
    for source in sources:
        answer = meaning_of(term, ctx, source=source) or ""
        if source == "definition" and not term.definition_by_teacher and not is_short(answer):
            detail = f"{len(words(answer))} words, at most {MAX_DEFINITION_WORDS}"
            rejection = Rejection(item_type, term.lemma, "definition too long", detail)
            continue
        distractors = meaning_distractors(term, pool, ctx, source=source, n=_MAX_OPTIONS - 1)
        if len(distractors) >= 2:
            return source, answer, distractors
        rejection = Rejection(item_type, term.lemma, "not enough distractors")
    return rejection


@register("flashcard")
class FlashcardGenerator:
    """Word with article, audio and example → recall the meaning; two-button self rating."""

    def generate(self, ctx: GenerationContext) -> GenerationResult:
        """One flashcard per term that has a definition or a gloss.

        Unlike meaning items, a card is made even for a long dictionary definition (learners
        meet every word); it shows the definition cut at a clause boundary.
        """
        items: list[ExerciseItem] = []
        rejected: list[Rejection] = []
        for term in ctx.selected_terms:
            gloss = gloss_for(term, ctx.help_language)
            definition = shown_definition(term, ctx)
            if not gloss and not definition:
                rejected.append(Rejection("flashcard", term.lemma, "nothing to recall"))
                continue
            shown = display_word(term)
            items.append(
                build_item(
                    item_type="flashcard",
                    term=term,
                    variant="card",
                    prompt=shown,
                    answer_mode="self",
                    check_kind="self",
                    expected=gloss or definition or "",
                    audio_text=display_word(term, with_all_articles=False),
                    example=term.examples[0] if term.examples else None,
                    definition=definition,
                    gloss=gloss,
                    help_language=ctx.help_language,
                    skills=("reading",),
                    offset=-0.2,
                )
            )
        return GenerationResult(tuple(items), tuple(rejected))


@register("meaning")
class MeaningGenerator:
    """Word → choose its meaning (gloss in the help language, else the Norwegian definition)."""

    def generate(self, ctx: GenerationContext) -> GenerationResult:
        """One multiple-choice item per term with enough good distractors."""
        items: list[ExerciseItem] = []
        rejected: list[Rejection] = []
        pool = ctx.profile.terms
        for term in ctx.selected_terms:
            choice = _meaning_choice("meaning", term, pool, ctx)
            if isinstance(choice, Rejection):
                rejected.append(choice)
                continue
            source, answer, distractors = choice
            items.append(
                build_item(
                    item_type="meaning",
                    term=term,
                    variant=source,
                    prompt=display_word(term),
                    answer_mode="choice",
                    check_kind="choice",
                    accepted=(answer,),
                    options=shuffled(ctx.rng, [answer, *distractors]),
                    expected=answer,
                    audio_text=display_word(term, with_all_articles=False),
                    definition=shown_definition(term, ctx),
                    gloss=gloss_for(term, ctx.help_language),
                    help_language=ctx.help_language,
                    skills=("reading",),
                )
            )
        return GenerationResult(tuple(items), tuple(rejected))


@register("article")
class ArticleGenerator:
    """Noun → en / ei / et; where Bokmål allows two, both are right and the feedback says so."""

    def generate(self, ctx: GenerationContext) -> GenerationResult:
        """One item per noun with known articles."""
        items: list[ExerciseItem] = []
        rejected: list[Rejection] = []
        for term in ctx.selected_terms:
            if term.pos != "NOUN":
                continue
            if not term.articles or term.is_multiword:
                rejected.append(Rejection("article", term.lemma, "no article known"))
                continue
            accepted = tuple(f"{a} {term.lemma}" for a in term.articles)
            explanation = None
            if len(term.articles) > 1:
                explanation = "Både " + " og ".join(accepted) + " er riktig."
            items.append(
                build_item(
                    item_type="article",
                    term=term,
                    variant="article",
                    prompt=term.lemma,
                    answer_mode="choice",
                    check_kind="article",
                    accepted=accepted,
                    options=("en", "ei", "et"),
                    expected=" / ".join(accepted),
                    explanation=explanation,
                    audio_text=accepted[0],
                    definition=term.definition,
                    gloss=gloss_for(term, ctx.help_language),
                    help_language=ctx.help_language,
                    skills=("writing",),
                    extra={"noun": term.lemma},
                )
            )
        return GenerationResult(tuple(items), tuple(rejected))


@register("inflection")
class InflectionGenerator:
    """Definite, plural and definite plural of nouns; present, past and perfect of verbs."""

    def generate(self, ctx: GenerationContext) -> GenerationResult:
        """One item per form asked, from ``Term.forms``; every allowed spelling is accepted."""
        items: list[ExerciseItem] = []
        rejected: list[Rejection] = []
        for term in ctx.selected_terms:
            if term.is_multiword or term.pos not in ("NOUN", "VERB"):
                continue
            table = NOUN_INFLECTIONS if term.pos == "NOUN" else VERB_INFLECTIONS
            for variant, (label, frame) in table.items():
                key = "perf_part" if variant == "perf" else variant
                spellings = tuple(s for s in term.forms.get(key, ()) if s.strip())
                if not spellings:
                    rejected.append(Rejection("inflection", term.lemma, f"no {key} form"))
                    continue
                if all(s.casefold() == term.lemma.casefold() for s in spellings):
                    rejected.append(
                        Rejection("inflection", term.lemma, "answer is the word shown", variant)
                    )
                    continue
                # "Jeg har ___.": the participle alone or with "har" is right.
                accepted = spellings + tuple(f"har {s}" for s in spellings if variant == "perf")
                confusables = tuple(f for f in all_forms(term) if f not in accepted)
                items.append(
                    build_item(
                        item_type="inflection",
                        term=term,
                        variant=variant,
                        prompt=f"{display_word(term)} ({label})",
                        hint=frame,
                        answer_mode="typed",
                        check_kind="word",
                        accepted=accepted,
                        confusables=confusables,
                        expected=accepted[0],
                        explanation=(
                            "Begge er riktig: " + " og ".join(spellings) + "."
                            if len(spellings) > 1
                            else None
                        ),
                        audio_text=accepted[0],
                        help_language=ctx.help_language,
                        skills=("writing",),
                        offset=0.1,
                        extra={"form_key": key, "label": label},
                    )
                )
        return GenerationResult(tuple(items), tuple(rejected))


def _bigrams(word: str) -> set[str]:
    return {word[i : i + 2] for i in range(len(word) - 1)}


def _sound_distractors(term: Term, ctx: GenerationContext, n: int) -> list[str]:
    """Words that look or sound like the term but are not it (nor a form or homophone of it)."""
    target = term.lemma.casefold()
    own = _forms(ctx, term)
    pool: list[str] = []
    for other in ctx.profile.terms:
        if other is term or other.is_multiword or other.lemma.casefold() in own:
            continue
        # One word per other term (its lemma), and only if it shares a letter pair with the
        # target: cheap to test, and words without one never look alike.
        lemma = other.lemma.casefold()
        if lemma[:1] == target[:1] or _bigrams(lemma) & _bigrams(target):
            pool.append(lemma)
    if ctx.similar_words is not None:
        pool.extend(w.casefold() for w in ctx.similar_words(target))
    candidates: list[tuple[str, float]] = []
    for word in dict.fromkeys(pool):
        if word in own or " " in word or sound_key(word) == sound_key(target):
            continue
        distance = spelling_distance(word, target)
        if distance > max(3, (len(target) * 3) // 4):
            continue
        candidates.append((word, -float(distance)))
    return pick_ranked(ctx.rng, candidates, n)


#: A heard phrase needs this many words to be a sentence to listen to (shorter ones are words).
MIN_LISTENING_PHRASE_WORDS = 3


@register("listening")
class ListeningGenerator:
    """Hear a word → choose what was said (similar-sounding choices) or what it means;
    hear a phrase → choose which one was said."""

    def generate(self, ctx: GenerationContext) -> GenerationResult:
        """Up to two items per single-word term ("form", "meaning"), one per phrase ("phrase")."""
        items: list[ExerciseItem] = []
        rejected: list[Rejection] = []
        for term in ctx.selected_terms:
            if term.is_multiword:
                continue
            distractors = _sound_distractors(term, ctx, _MAX_OPTIONS - 1)
            if len(distractors) >= 2:
                items.append(
                    build_item(
                        item_type="listening",
                        term=term,
                        variant="form",
                        prompt="",
                        answer_mode="choice",
                        check_kind="choice",
                        accepted=(term.lemma,),
                        options=shuffled(ctx.rng, [term.lemma, *distractors]),
                        expected=term.lemma,
                        audio_text=term.lemma,
                        help_language=ctx.help_language,
                        skills=("listening",),
                    )
                )
            else:
                rejected.append(
                    Rejection("listening", term.lemma, "no similar-sounding distractors")
                )
            choice = _meaning_choice("listening", term, ctx.profile.terms, ctx)
            if isinstance(choice, Rejection):
                rejected.append(choice)
                continue
            _, answer, meanings = choice
            items.append(
                build_item(
                    item_type="listening",
                    term=term,
                    variant="meaning",
                    prompt="",
                    answer_mode="choice",
                    check_kind="choice",
                    accepted=(answer,),
                    options=shuffled(ctx.rng, [answer, *meanings]),
                    expected=answer,
                    audio_text=display_word(term, with_all_articles=False),
                    gloss=gloss_for(term, ctx.help_language),
                    definition=shown_definition(term, ctx),
                    help_language=ctx.help_language,
                    skills=("listening",),
                    offset=0.1,
                )
            )
        phrase_items, phrase_rejections = _phrase_listening(ctx)
        return GenerationResult((*items, *phrase_items), (*rejected, *phrase_rejections))


def _phrase_listening(ctx: GenerationContext) -> tuple[list[ExerciseItem], list[Rejection]]:
    """Hear a whole phrase of the workplace → choose which one was said.

    The other choices are the workplace's other phrases, those closest in length first (a much
    shorter or longer one is heard at once).  Phrases that read the same once case and
    punctuation are gone are never choices for each other.
    """
    phrases: dict[str, str] = {}
    themes: dict[str, str | None] = {}
    safety: dict[str, bool] = {}
    for phrase in (*ctx.mentor_phrases, *ctx.profile.phrases):  # the mentor's version wins
        text = " ".join(phrase.text.split())
        key = " ".join(words(text.casefold()))
        if key and key not in phrases:
            phrases[key] = text
            themes[key] = phrase.theme
            safety[key] = phrase.safety
    items: list[ExerciseItem] = []
    rejected: list[Rejection] = []
    for key, text in phrases.items():
        length = len(key.split())
        if length < MIN_LISTENING_PHRASE_WORDS:
            rejected.append(Rejection("listening", text, "phrase too short to listen to"))
            continue
        candidates = [
            (other, 1.0 / (1 + abs(len(other_key.split()) - length)))
            for other_key, other in phrases.items()
            if other_key != key
        ]
        distractors = pick_ranked(ctx.rng, candidates, _MAX_OPTIONS - 1)
        if len(distractors) < 2:
            rejected.append(Rejection("listening", text, "not enough distractors"))
            continue
        base = Term(
            lemma=text,
            pos="PHRASE",
            is_multiword=True,
            safety=safety[key],
            theme=themes[key],
            level="A2",
        )
        items.append(
            build_item(
                item_type="listening",
                term=base,
                variant="phrase",
                prompt="",
                answer_mode="choice",
                check_kind="choice",
                accepted=(text,),
                options=shuffled(ctx.rng, [text, *distractors]),
                expected=text,
                audio_text=text,
                help_language=ctx.help_language,
                skills=("listening",),
                offset=0.1,
            )
        )
    return items, rejected
