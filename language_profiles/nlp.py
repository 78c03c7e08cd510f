"""Load the project's Bokmål spaCy pipeline once per process (lazily, cached).

The trained pipeline ships in ``language_profiles/model/`` (see ``language_profiles.training``).
When it is absent, a clearly logged fallback is used: ``spacy.blank("nb")`` with a rule
sentencizer; the analyzer then takes parts of speech and lemmas from the dictionary and
simplemma.  Both variants get the project's tokenizer tweaks and ``nvl_special_tokens``.
Nothing is downloaded at run time.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_suffix_regex

import language_profiles.components  # noqa: F401  (registers the nvl_* factories)

__all__ = ["FALLBACK_NAME", "MODEL_DIR", "is_fallback", "load_pipeline", "model_available"]

logger = logging.getLogger(__name__)

#: Where the trained pipeline ships inside the package.
MODEL_DIR = Path(__file__).resolve().parent / "model"
#: ``nlp.meta["name"]`` of the fallback pipeline.
FALLBACK_NAME = "blank_fallback"

# Split a full stop after a time, amount or date ("kl. 14:00.", "1.500."), but not after an
# ordinal ("3. etasje").
_EXTRA_SUFFIXES = (r"(?<=\d[:.,]\d\d)\.", r"(?<=\d{4})\.")


def model_available(path: Path | None = None) -> bool:
    """True when a trained pipeline is present at ``path`` (default: the shipped model)."""
    target = path or MODEL_DIR
    return (target / "config.cfg").is_file() and (target / "meta.json").is_file()


def _customize(nlp: Language) -> Language:
    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer):
        suffixes = list(nlp.Defaults.suffixes or ()) + list(_EXTRA_SUFFIXES)
        tokenizer.suffix_search = compile_suffix_regex(suffixes).search
        # Sentence-initial abbreviations keep their full stop ("Kl. 07.30", "Evt. spørsmål").
        rules = dict(tokenizer.rules or {})
        for orth in rules:
            if orth.endswith(".") and orth[:1].islower() and len(orth) > 2:
                capitalized = orth[0].upper() + orth[1:]
                if capitalized not in rules:
                    tokenizer.add_special_case(capitalized, [{"ORTH": capitalized}])
    nlp.add_pipe("nvl_special_tokens", first=True)
    nlp.max_length = 2_000_000
    return nlp


@cache
def load_pipeline(model_path: str | None = None, *, fallback: bool = False) -> Language:
    """Return the Bokmål pipeline (the shipped model, ``model_path``, or the fallback).

    ``fallback=True`` forces the fallback pipeline (tests of the dictionary-only path).
    """
    path = Path(model_path) if model_path else MODEL_DIR
    if not fallback and model_available(path):
        nlp = spacy.load(path)
        logger.info("loaded spaCy pipeline %s %s", nlp.meta.get("name"), nlp.meta.get("version"))
        return _customize(nlp)
    if not fallback:
        logger.warning(
            "no trained Bokmål model at %s: using the fallback (blank nb + sentencizer + "
            "dictionary + simplemma); parts of speech, morphology and entities are limited",
            path,
        )
    nlp = spacy.blank("nb")
    nlp.add_pipe("sentencizer")
    nlp.meta["name"] = FALLBACK_NAME
    nlp.meta["version"] = "0.0.0"
    return _customize(nlp)


def is_fallback(nlp: Language) -> bool:
    """True for the fallback pipeline without trained components."""
    return nlp.meta.get("name") == FALLBACK_NAME
