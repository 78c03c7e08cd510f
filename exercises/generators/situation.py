"""Situation → phrase: a workplace situation, choose (or say) the right phrase."""

from __future__ import annotations

from exercises.generators.common import build_item, pick_ranked, shuffled
from exercises.items import (
    ExerciseItem,
    GenerationContext,
    GenerationResult,
    Rejection,
    register,
)
from language_profiles.profile import Phrase, Term

__all__ = ["SituationGenerator"]

_MAX_OPTIONS = 4


@register("situation")
class SituationGenerator:
    """From the profile's phrases and the mentor's approved phrases that describe a situation."""

    def generate(self, ctx: GenerationContext) -> GenerationResult:
        """One item per phrase with a situation; distractors are phrases for other situations."""
        mentor_texts = {p.text.strip().casefold() for p in ctx.mentor_phrases}
        phrases: dict[str, Phrase] = {}
        for phrase in (*ctx.mentor_phrases, *ctx.profile.phrases):  # mentor's version wins
            phrases.setdefault(phrase.text.strip().casefold(), phrase)
        items: list[ExerciseItem] = []
        rejected: list[Rejection] = []
        for key, phrase in phrases.items():
            if not phrase.situation or not phrase.situation.strip():
                rejected.append(Rejection("situation", phrase.text, "phrase has no situation"))
                continue
            situation = phrase.situation.strip()
            candidates = [
                (other.text.strip(), 1.0 * (other.theme == phrase.theme))
                for other_key, other in phrases.items()
                # Only phrases that belong to another, known situation: a phrase without a
                # situation might well fit this one, which would make the item ambiguous.
                if other_key != key
                and other.situation
                and other.situation.strip().casefold() != situation.casefold()
            ]
            distractors = pick_ranked(ctx.rng, candidates, _MAX_OPTIONS - 1)
            if len(distractors) < 2:
                rejected.append(Rejection("situation", phrase.text, "not enough distractors"))
                continue
            base = Term(
                lemma=phrase.text,
                pos="PHRASE",
                is_multiword=True,
                safety=phrase.safety,
                theme=phrase.theme,
                level="A2",
            )
            items.append(
                build_item(
                    item_type="situation",
                    term=base,
                    variant="phrase",
                    prompt=situation,
                    answer_mode="choice",
                    check_kind="choice",
                    accepted=(phrase.text.strip(),),
                    options=shuffled(ctx.rng, [phrase.text.strip(), *distractors]),
                    expected=phrase.text.strip(),
                    audio_text=phrase.text.strip(),
                    help_language=ctx.help_language,
                    skills=("oral", "reading"),
                    extra={"mentor": key in mentor_texts},
                )
            )
        return GenerationResult(tuple(items), tuple(rejected))
