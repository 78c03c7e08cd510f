"""Fixtures for the interview tests: the lexicon, the fallback and the trained-model analyzer."""

from __future__ import annotations

import pytest

from language_profiles.analyzer import Analyzer
from language_profiles.lexicon import Lexicon, load_lexicon
from language_profiles.nlp import load_pipeline, model_available

MODEL_MISSING = "the trained Bokmål model is not in language_profiles/model/ (train it first)"


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    """The Bokmålsordboka index."""
    return load_lexicon()


@pytest.fixture(scope="session")
def fallback_analyzer(lexicon: Lexicon) -> Analyzer:
    """The analyzer without a trained model (blank nb + dictionary + simplemma)."""
    return Analyzer(load_pipeline(fallback=True), lexicon)


@pytest.fixture(scope="session")
def model_analyzer(lexicon: Lexicon) -> Analyzer:
    """The analyzer with the shipped trained model; skips when the model is absent."""
    if not model_available():
        pytest.skip(MODEL_MISSING)
    return Analyzer(load_pipeline(), lexicon)


@pytest.fixture(
    scope="session", params=["fallback", pytest.param("model", marks=pytest.mark.model)]
)
def analyzer(request: pytest.FixtureRequest, lexicon: Lexicon) -> Analyzer:
    """Each available analyzer in turn: the checks must hold with both."""
    if request.param == "model":
        if not model_available():
            pytest.skip(MODEL_MISSING)
        return Analyzer(load_pipeline(), lexicon)
    return Analyzer(load_pipeline(fallback=True), lexicon)
