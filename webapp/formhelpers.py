"""Small helpers shared by the feature forms."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from wtforms import SelectChoice


def choices(pairs: Iterable[tuple[Any, Any]]) -> list[SelectChoice]:
    """``[(value, label), ...]`` → WTForms ``SelectChoice`` objects (tuples are deprecated)."""
    return [SelectChoice(value=value, label=label) for value, label in pairs]
