"""Built-in exercise generators; importing this package registers them by type."""

from __future__ import annotations

from exercises.generators.sentences import (
    ClozeGenerator,
    DictationGenerator,
    WordOrderGenerator,
)
from exercises.generators.situation import SituationGenerator
from exercises.generators.vocabulary import (
    ArticleGenerator,
    FlashcardGenerator,
    InflectionGenerator,
    ListeningGenerator,
    MeaningGenerator,
)

__all__ = [
    "ArticleGenerator",
    "ClozeGenerator",
    "DictationGenerator",
    "FlashcardGenerator",
    "InflectionGenerator",
    "ListeningGenerator",
    "MeaningGenerator",
    "SituationGenerator",
    "WordOrderGenerator",
]
