"""Fixtures for the language analysis tests: lexicon, blank tokenizer, analyzers."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from language_profiles.analyzer import Analyzer
from language_profiles.lexicon import Lexicon, load_lexicon
from language_profiles.nlp import load_pipeline, model_available

MODEL_MISSING = "the trained Bokmål model is not in language_profiles/model/ (train it first)"


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    """The Bokmålsordboka index (built on first use into the user cache)."""
    return load_lexicon()


@pytest.fixture(scope="session")
def nlp_blank() -> Language:
    """spaCy's blank Norwegian tokenizer (no trained components)."""
    return spacy.blank("nb")


@pytest.fixture(scope="session")
def fallback_analyzer(lexicon: Lexicon) -> Analyzer:
    """The analyzer without a trained model: blank nb + dictionary + simplemma."""
    return Analyzer(load_pipeline(fallback=True), lexicon)


@pytest.fixture(scope="session")
def model_analyzer(lexicon: Lexicon) -> Analyzer:
    """The analyzer with the shipped trained model; skips when the model is absent."""
    if not model_available():
        pytest.skip(MODEL_MISSING)
    return Analyzer(load_pipeline(), lexicon)
