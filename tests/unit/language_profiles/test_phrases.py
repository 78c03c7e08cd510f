"""Phrase mining: only whole utterances, clean edges, themes from nouns and the sector.

The texts are written for these tests.  Each sentence is mined from two sources, so a fragment
that slipped through the checks would be kept as a recurrent sentence.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from language_profiles.analyzer import Analyzer
from language_profiles.builder import Source, build_profile
from language_profiles.phrases import PhraseMiner, SentenceInfo
from language_profiles.profile import Phrase

pytestmark = pytest.mark.model


def _mine(
    analyzer: Analyzer, texts: Sequence[str], *, sector: str | None = None, copies: int = 2
) -> list[Phrase]:
    miner = PhraseMiner(lexicon_is_word=analyzer.lexicon.is_word, sector=sector)
    sources = [text for text in texts for _ in range(copies)]
    for number, analysis in enumerate(analyzer.analyze_many(sources)):
        for sentence in analysis.sentences:
            miner.add(SentenceInfo(text=sentence.text, source=number, tokens=sentence.tokens))
    return miner.phrases(n_sources=len(sources))


def _texts(phrases: Sequence[Phrase]) -> set[str]:
    return {p.text for p in phrases}


@pytest.mark.parametrize(
    "text",
    [
        "Hvis du blir syk.",  # only a subordinate clause
        "Når vakta er ferdig og rommet er ryddet.",
        "Hvis du ser at beboeren er blek.",
        "Hvis du ikke vet hva du skal gjøre.",
        "Du får gode muligheter og.",  # ends in a conjunction
        "Send søknaden til.",  # ends in a preposition
        "Ikke glem å ...",  # cut with an ellipsis
        "Ta med deg nøkkelen når du går …",
        "God skriftlig fremstillingsevne.",  # no finite verb, no formula
        "Du må være.",
    ],
)
def test_fragments_are_no_phrases(model_analyzer: Analyzer, text: str) -> None:
    assert _mine(model_analyzer, [text]) == []


@pytest.mark.parametrize(
    "text",
    [
        "Hvis du blir syk, ring vaktrommet.",
        "Hvis du er usikker spør du sykepleieren.",
        "Hvis du ikke vet hva du skal gjøre, spør en kollega.",
        "Når begynner vakta?",
        "Takk for hjelpen.",
        "God morgen!",
        "Si fra.",
        "Slå lyset av.",
        "Husk å lukke døra etter deg.",
        "Ikke løft beboeren alene.",
        "Ikke gi medisiner uten å sjekke lista.",
    ],
)
def test_whole_utterances_are_phrases(model_analyzer: Analyzer, text: str) -> None:
    assert _texts(_mine(model_analyzer, [text])) == {text}


def test_frames_show_examples_instead_of_an_ellipsis(model_analyzer: Analyzer) -> None:
    """ "Hvis du …" and "Ikke …" were phrases of their own: fragments nobody can say."""
    text = (
        "Hvis du er usikker, spør sykepleieren. Hvis du blir syk, ring vaktrommet. "
        "Ikke løft beboeren alene. Ikke gi medisiner uten å sjekke lista. "
        "Husk å vaske hendene. Husk å skrive i rapporten."
    )
    phrases = _mine(model_analyzer, [text], copies=1)
    assert not any("…" in p.text or "..." in p.text for p in phrases)
    assert not any(p.situation for p in phrases)
    assert _texts(phrases) == {
        "Hvis du er usikker, spør sykepleieren.",
        "Hvis du blir syk, ring vaktrommet.",
        "Ikke løft beboeren alene.",
        "Ikke gi medisiner uten å sjekke lista.",
        "Husk å vaske hendene.",
        "Husk å skrive i rapporten.",
    }
    with_examples = {p.text: set(p.examples) for p in phrases if p.examples}
    assert len(with_examples) == 3  # one per frame, showing the other sentence
    husk = next(v for k, v in with_examples.items() if k.startswith("Husk"))
    assert len(husk) == 1 and husk <= {"Husk å vaske hendene.", "Husk å skrive i rapporten."}


def test_quote_marks_and_doubled_punctuation_are_cleaned(model_analyzer: Analyzer) -> None:
    text = (
        "Sykepleieren skriver i rapporten: «Beboeren har spist lite i dag. "
        "Følg med på om hun drikker nok i kveld.»\n\n"
        "Skriv «trist», ikke «deprimert».\n\n"
        "«Ferdig» betyr at alt er ryddet.\n\n"
        "Vask hendene!!\n\n"
        "Ring sykepleieren.."
    )
    texts = _texts(_mine(model_analyzer, [text]))
    assert "Følg med på om hun drikker nok i kveld." in texts
    assert "Skriv «trist», ikke «deprimert»." in texts  # quotes that belong to the sentence
    assert "«Ferdig» betyr at alt er ryddet." in texts
    assert "Vask hendene!" in texts
    assert "Ring sykepleieren." in texts
    for phrase in texts:
        assert phrase.count("«") == phrase.count("»")
        assert not phrase.endswith(("..", "!!", ".»", ".»."))


def test_a_fully_quoted_sentence_loses_its_quote_marks(model_analyzer: Analyzer) -> None:
    texts = _texts(_mine(model_analyzer, ["«Følg med på om hun drikker nok i kveld.»"]))
    assert texts == {"Følg med på om hun drikker nok i kveld."}


@pytest.fixture(scope="module")
def nursing_home_and_shop(model_analyzer: Analyzer) -> tuple[list[Phrase], list[Phrase]]:
    home = Source(
        "sykehjem.txt",
        "Bytt hansker mellom hver beboer. Vask hendene før du går inn til neste beboer.\n"
        "Bytt sengetøy når det er vått. Hvis du er usikker, spør sykepleieren.",
    )
    shop = Source(
        "butikk.txt",
        "Bytt rull i kassaapparatet når papiret er tomt. Skann varen før du legger den i "
        "posen.\nSpør kunden om hun vil ha kvittering.",
    )
    return (
        list(
            build_profile([home], name="Sykehjem", sector="helse", analyzer=model_analyzer).phrases
        ),
        list(
            build_profile([shop], name="Butikk", sector="butikk", analyzer=model_analyzer).phrases
        ),
    )


def _theme(phrases: Sequence[Phrase], text: str) -> str | None:
    return next(p.theme for p in phrases if p.text == text)


def test_phrase_themes_follow_nouns_and_sector(
    nursing_home_and_shop: tuple[list[Phrase], list[Phrase]],
) -> None:
    home, shop = nursing_home_and_shop
    assert _theme(home, "Bytt hansker mellom hver beboer.") == "Pasient"
    assert _theme(home, "Bytt sengetøy når det er vått.") is None  # not "Kasse"
    assert "Kasse" not in {p.theme for p in home}
    assert _theme(shop, "Bytt rull i kassaapparatet når papiret er tomt.") == "Kasse"
    assert _theme(shop, "Skann varen før du legger den i posen.") == "Kasse"
