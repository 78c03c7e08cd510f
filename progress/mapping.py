"""Start-of-programme mapping (kartlegging): adaptive vocabulary check, sector suggestions.

The check is a yes/no test ("Kjenner du dette ordet?") over real Bokmål words
of known frequency, with invented pseudo-words mixed in to catch guessing.
The next word is the unused one whose difficulty is closest to the current
ability estimate (maximum information), preferring the participant's sectors.
Saying "yes" to pseudo-words raises the estimated guessing rate, which in turn
discounts the "yes" answers to real words.  About 24 words (~3 minutes).

Word difficulty comes from ``wordfreq.zipf_frequency(word, "nb")`` on the same
theta scale as ``progress.estimator`` (zipf 5.2 ~ A1/A2, 4.5 ~ A2/B1, 3.6 ~
B1/B2), so the result can seed the skill estimates (``initial_states``).

The state is a plain value with ``to_dict``/``from_dict`` so the web layer can
keep it between requests::

    check = start_check(sectors=("lager",), seed=participant_id)
    while (item := next_item(check)) is not None:
        check = record(check, item.word, knows=ask(item.word))
    result = check_result(check)   # MappingResult(level="A2", confidence=0.71, ...)
"""

from __future__ import annotations

import json
import math
import random
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
from numpy.typing import NDArray

from progress.errors import InvalidAnswerError, InvalidStateError, ProgressError
from progress.estimator import (
    BANDS,
    LEVEL_THETA,
    SkillState,
    band_of,
    check_band,
    initial_state,
)
from progress.skills import SKILLS

#: Sector profiles the mapping and the suggestions know.
SECTORS: tuple[str, ...] = (
    "lager",
    "butikk",
    "helse",
    "kjøkken",
    "renhold",
    "barnehage",
    "skole",
    "transport",
    "bygg",
)
GENERAL = "generell"

#: Zipf frequency -> difficulty (theta), piecewise linear between these anchors.
ZIPF_ANCHORS: tuple[float, ...] = (2.0, 3.6, 4.5, 5.2, 6.0)
THETA_ANCHORS: tuple[float, ...] = (2.2, 1.0, 0.0, -1.0, -1.75)

DEFAULT_MAX_ITEMS = 24
DEFAULT_MIN_ITEMS = 20
STOP_SE = 0.35
#: Every PSEUDO_EVERY-th item (starting with item PSEUDO_OFFSET + 1) is a pseudo-word.
PSEUDO_EVERY = 4
PSEUDO_OFFSET = 2
DISCRIMINATION = 1.7
#: Added to a word's distance from the estimate: sector words are preferred, others avoided.
SECTOR_BONUS = -0.3
OFF_SECTOR_PENALTY = 0.35
#: Prior guessing rate (as if 1 of 10 pseudo-words got a "yes").
PRIOR_FALSE_ALARMS = (0.5, 5.0)
#: Above this false-alarm rate the result is flagged as unreliable.
UNRELIABLE_FALSE_ALARM_RATE = 0.34
STATE_VERSION = 1


class WordBankError(ProgressError):
    """The mapping word bank is missing or malformed."""


@dataclass(frozen=True)
class BankWord:
    """A real word of the check."""

    word: str
    sector: str  # one of SECTORS or "generell"
    band: str  # authored band
    zipf: float  # wordfreq zipf frequency in Bokmål (0 when unknown)

    @property
    def difficulty(self) -> float:
        """Difficulty on the estimator's theta scale."""
        return word_difficulty(self.zipf, band=self.band)


@dataclass(frozen=True)
class WordBank:
    """Real words and pseudo-words for the check."""

    words: tuple[BankWord, ...]
    pseudo: tuple[str, ...]

    def real(self, word: str) -> BankWord | None:
        """Return the real word entry, or None."""
        for entry in self.words:
            if entry.word == word:
                return entry
        return None


def word_difficulty(zipf: float, *, band: str | None = None) -> float:
    """Return a word's difficulty from its zipf frequency.

    A zipf of 0 means wordfreq does not know the word; then the authored
    ``band`` decides (its middle), or B2 when no band is given.
    """
    if zipf <= 0.0:
        return LEVEL_THETA[check_band(band) if band is not None else "B2"]
    return float(np.interp(zipf, ZIPF_ANCHORS, THETA_ANCHORS))


def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "nb"))


@cache
def load_word_bank() -> WordBank:
    """Load ``progress/data/mapping_words.json`` (cached once per process)."""
    try:
        text = resources.files("progress").joinpath("data/mapping_words.json").read_text("utf-8")
        data = json.loads(text)
        words = tuple(
            BankWord(
                word=str(w["word"]),
                sector=str(w["sector"]),
                band=check_band(str(w["band"])),
                zipf=_zipf(str(w["word"])),
            )
            for w in data["words"]
        )
        pseudo = tuple(str(p) for p in data["pseudo"])
    except (OSError, KeyError, TypeError, ValueError) as e:
        raise WordBankError(f"cannot read the mapping word bank: {e}") from e
    if not words or not pseudo:
        raise WordBankError("the mapping word bank needs real words and pseudo-words")
    return WordBank(words=words, pseudo=pseudo)


@dataclass(frozen=True)
class CheckItem:
    """One word to show: "Kjenner du dette ordet?"."""

    word: str
    is_pseudo: bool  # never shown to the participant; the web layer must not leak it
    position: int  # 0-based


@dataclass(frozen=True)
class CheckState:
    """The check so far: answers given and the settings it was started with."""

    sectors: tuple[str, ...] = ()
    seed: int = 0
    max_items: int = DEFAULT_MAX_ITEMS
    min_items: int = DEFAULT_MIN_ITEMS
    answers: tuple[tuple[str, bool], ...] = ()  # (word, said "yes")
    version: int = STATE_VERSION

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "version": self.version,
            "sectors": list(self.sectors),
            "seed": self.seed,
            "max_items": self.max_items,
            "min_items": self.min_items,
            "answers": [[w, k] for w, k in self.answers],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CheckState:
        """Read a stored state back."""
        try:
            state = cls(
                sectors=tuple(str(s) for s in data.get("sectors", ())),
                seed=int(data.get("seed", 0)),
                max_items=int(data.get("max_items", DEFAULT_MAX_ITEMS)),
                min_items=int(data.get("min_items", DEFAULT_MIN_ITEMS)),
                answers=tuple((str(w), bool(k)) for w, k in data.get("answers", ())),
                version=int(data.get("version", STATE_VERSION)),
            )
        except (TypeError, ValueError) as e:
            raise InvalidStateError(f"not a mapping check state: {e}") from e
        if state.version != STATE_VERSION:
            raise InvalidStateError(f"unsupported mapping state version {state.version}")
        return state


def start_check(
    *,
    sectors: Iterable[str] = (),
    seed: int = 0,
    max_items: int = DEFAULT_MAX_ITEMS,
    min_items: int = DEFAULT_MIN_ITEMS,
) -> CheckState:
    """Start a check; ``sectors`` (e.g. from ``suggest_sectors``) get priority."""
    chosen = tuple(s for s in sectors)
    unknown = [s for s in chosen if s not in SECTORS]
    if unknown:
        raise InvalidStateError(f"unknown sectors: {unknown}")
    if not 1 <= min_items <= max_items:
        raise InvalidStateError("need 1 <= min_items <= max_items")
    return CheckState(sectors=chosen, seed=seed, max_items=max_items, min_items=min_items)


_GRID = np.linspace(-3.5, 3.5, 141, dtype=np.float64)


def _false_alarm_rate(state: CheckState, bank: WordBank) -> tuple[float, int, int]:
    pseudo = set(bank.pseudo)
    shown = [k for w, k in state.answers if w in pseudo]
    yes = sum(shown)
    a, b = PRIOR_FALSE_ALARMS
    return (yes + a) / (len(shown) + b), yes, len(shown)


def _posterior(state: CheckState, bank: WordBank) -> NDArray[np.float64]:
    guess, _, _ = _false_alarm_rate(state, bank)
    log_p: NDArray[np.float64] = -0.5 * ((_GRID - LEVEL_THETA["A2"]) / 1.5) ** 2
    for word, yes in state.answers:
        entry = bank.real(word)
        if entry is None:
            continue
        know = 1.0 / (1.0 + np.exp(-DISCRIMINATION * (_GRID - entry.difficulty)))
        p_yes = np.clip(guess + (1.0 - guess) * know, 1e-9, 1 - 1e-9)
        log_p = log_p + (np.log(p_yes) if yes else np.log1p(-p_yes))
    weights = np.exp(log_p - log_p.max())
    result: NDArray[np.float64] = weights / weights.sum()
    return result


def _mean_se(weights: NDArray[np.float64]) -> tuple[float, float]:
    mean = float(np.dot(weights, _GRID))
    return mean, math.sqrt(float(np.dot(weights, (_GRID - mean) ** 2)))


def is_finished(state: CheckState, *, bank: WordBank | None = None) -> bool:
    """Return True when the check has enough answers."""
    wb = bank or load_word_bank()
    n = len(state.answers)
    if n >= state.max_items:
        return True
    if n < state.min_items:
        return False
    _, se = _mean_se(_posterior(state, wb))
    return se <= STOP_SE


def next_item(state: CheckState, *, bank: WordBank | None = None) -> CheckItem | None:
    """Return the next word to ask, or None when the check is finished."""
    wb = bank or load_word_bank()
    if is_finished(state, bank=wb):
        return None
    position = len(state.answers)
    used = {w for w, _ in state.answers}
    rng = random.Random(f"{state.seed}:{position}")  # noqa: S311 - item order, not security
    if position % PSEUDO_EVERY == PSEUDO_OFFSET:
        options = [p for p in wb.pseudo if p not in used]
        if options:
            return CheckItem(word=rng.choice(options), is_pseudo=True, position=position)
    theta, _ = _mean_se(_posterior(state, wb))
    preferred = set(state.sectors)

    def cost(entry: BankWord) -> float:
        # closeness to the current estimate, nudged toward the participant's sectors
        if not preferred or entry.sector == GENERAL:
            bias = 0.0
        else:
            bias = SECTOR_BONUS if entry.sector in preferred else OFF_SECTOR_PENALTY
        return abs(entry.difficulty - theta) + bias

    candidates = sorted((e for e in wb.words if e.word not in used), key=cost)
    if not candidates:
        return None
    pick = rng.choice(candidates[:3])
    return CheckItem(word=pick.word, is_pseudo=False, position=position)


def record(
    state: CheckState, word: str, *, knows: bool, bank: WordBank | None = None
) -> CheckState:
    """Return the state with one more answer ("yes, I know it" = ``knows``)."""
    wb = bank or load_word_bank()
    if wb.real(word) is None and word not in wb.pseudo:
        raise InvalidAnswerError(f"{word!r} is not a word of the check")
    if any(w == word for w, _ in state.answers):
        raise InvalidAnswerError(f"{word!r} was already answered")
    return replace(state, answers=(*state.answers, (word, bool(knows))))


@dataclass(frozen=True)
class MappingResult:
    """Starting level from the check, for the teacher to see and correct."""

    level: str  # one of BANDS
    theta: float
    se: float
    confidence: float  # 0..1
    false_alarms: int  # "yes" to pseudo-words
    pseudo_shown: int
    n_items: int
    band_probabilities: Mapping[str, float] = field(default_factory=dict)
    corrected_by_teacher: bool = False

    @property
    def reliable(self) -> bool:
        """False when the participant said yes to too many invented words."""
        if self.corrected_by_teacher:
            return True
        if self.pseudo_shown == 0:
            return False
        return self.false_alarms / self.pseudo_shown <= UNRELIABLE_FALSE_ALARM_RATE

    @property
    def confidence_nb(self) -> str:
        """How reliable the level is: "høy", "middels", "lav" or "satt av lærer"."""
        if self.corrected_by_teacher:
            return "satt av lærer"
        if not self.reliable or self.confidence < 0.5:
            return "lav"
        return "høy" if self.confidence >= 0.75 else "middels"

    def summary_nb(self) -> str:
        """Return e.g. "Startnivå A2 (pålitelighet: middels)"."""
        if self.corrected_by_teacher:
            return f"Startnivå {self.level} (satt av lærer)"
        text = f"Startnivå {self.level} (pålitelighet: {self.confidence_nb})"
        if not self.reliable:
            text += ". Svarte ja på flere oppdiktede ord, så resultatet er usikkert"
        return text

    def corrected(self, level: str) -> MappingResult:
        """Return the result with the teacher's level (theta moved to the band middle)."""
        band = check_band(level)
        return replace(
            self,
            level=band,
            theta=LEVEL_THETA[band],
            corrected_by_teacher=True,
        )

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "level": self.level,
            "theta": round(self.theta, 4),
            "se": round(self.se, 4),
            "confidence": round(self.confidence, 4),
            "false_alarms": self.false_alarms,
            "pseudo_shown": self.pseudo_shown,
            "n_items": self.n_items,
            "band_probabilities": {k: round(v, 4) for k, v in self.band_probabilities.items()},
            "corrected_by_teacher": self.corrected_by_teacher,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MappingResult:
        """Build a result from ``to_dict`` output."""
        try:
            return cls(
                level=check_band(str(data["level"])),
                theta=float(data["theta"]),
                se=float(data["se"]),
                confidence=float(data["confidence"]),
                false_alarms=int(data["false_alarms"]),
                pseudo_shown=int(data["pseudo_shown"]),
                n_items=int(data["n_items"]),
                band_probabilities={
                    str(k): float(v) for k, v in dict(data.get("band_probabilities") or {}).items()
                },
                corrected_by_teacher=bool(data.get("corrected_by_teacher", False)),
            )
        except (KeyError, TypeError, ValueError) as e:
            raise InvalidStateError(f"not a mapping result: {e}") from e


def check_result(state: CheckState, *, bank: WordBank | None = None) -> MappingResult:
    """Return the starting level and confidence from the answers so far."""
    wb = bank or load_word_bank()
    weights = _posterior(state, wb)
    theta, se = _mean_se(weights)
    probs: dict[str, float] = {}
    edges = (-math.inf, -1.0, 0.0, 1.0, math.inf)
    for i, band in enumerate(BANDS):
        mask = (_GRID >= edges[i]) & (_GRID < edges[i + 1])
        probs[band] = float(weights[mask].sum())
    level = band_of(theta)
    _, false_alarms, pseudo_shown = _false_alarm_rate(state, wb)
    return MappingResult(
        level=level,
        theta=theta,
        se=se,
        confidence=probs[level],
        false_alarms=false_alarms,
        pseudo_shown=pseudo_shown,
        n_items=len(state.answers),
        band_probabilities=probs,
    )


def initial_states(result: MappingResult, *, prior_sd: float = 1.2) -> dict[str, SkillState]:
    """Seed the four skill estimates from the mapping (a wide prior around its theta)."""
    sd = max(prior_sd, result.se)
    return {s: initial_state(s, prior_theta=result.theta, prior_sd=sd) for s in SKILLS}


# --- sector suggestions -------------------------------------------------------------

#: Keywords (Norwegian and English, lower case, no inflection) that point to a sector.
SECTOR_KEYWORDS: Mapping[str, tuple[str, ...]] = {
    "helse": (
        "sykepleie",
        "sykepleier",
        "helsefag",
        "helsearbeider",
        "hjelpepleier",
        "pleier",
        "pleie",
        "omsorg",
        "sykehjem",
        "sykehus",
        "hjemmetjeneste",
        "eldreomsorg",
        "lege",
        "jordmor",
        "tannlege",
        "farmasøyt",
        "apotek",
        "helse",
        "nurse",
        "nursing",
        "caregiver",
        "care worker",
        "doctor",
        "midwife",
        "hospital",
        "health",
        "pharmacy",
        "elderly care",
    ),
    "kjøkken": (
        "kokk",
        "kjøkken",
        "kantine",
        "restaurant",
        "servitør",
        "baker",
        "konditor",
        "catering",
        "matlaging",
        "cook",
        "chef",
        "kitchen",
        "waiter",
        "waitress",
        "canteen",
        "bakery",
        "food",
    ),
    "barnehage": (
        "barnehage",
        "førskole",
        "barnepass",
        "dagmamma",
        "kindergarten",
        "preschool",
        "childcare",
        "nanny",
        "nursery",
    ),
    "skole": (
        "lærer",
        "skoleassistent",
        "undervisning",
        "sfo",
        "pedagog",
        "teacher",
        "teaching",
        "tutor",
    ),
    "transport": (
        "sjåfør",
        "taxi",
        "drosje",
        "buss",
        "lastebil",
        "førerkort",
        "budbil",
        "levering",
        "transport",
        "driver",
        "truck driver",
        "bus driver",
        "delivery",
        "courier",
        "logistics",
    ),
    "lager": (
        "lager",
        "truck",
        "plukk",
        "logistikk",
        "terminal",
        "pakking",
        "warehouse",
        "forklift",
        "picker",
        "packing",
        "storage",
    ),
    "butikk": (
        "butikk",
        "kasse",
        "kassa",
        "salg",
        "selger",
        "dagligvare",
        "handel",
        "kiosk",
        "shop",
        "store",
        "cashier",
        "sales",
        "retail",
        "supermarket",
    ),
    "renhold": (
        "renhold",
        "rengjøring",
        "vaskehjelp",
        "vasking",
        "renholder",
        "vaskeri",
        "cleaner",
        "cleaning",
        "housekeeping",
        "janitor",
        "laundry",
    ),
    "bygg": (
        "bygg",
        "snekker",
        "tømrer",
        "murer",
        "maler",
        "elektriker",
        "rørlegger",
        "anlegg",
        "håndverker",
        "sveiser",
        "construction",
        "carpenter",
        "builder",
        "mason",
        "electrician",
        "plumber",
        "painter",
        "welder",
    ),
}

#: How much each background field counts.
FIELD_WEIGHTS: Mapping[str, float] = {
    "wanted_work": 2.0,
    "previous_occupation": 1.5,
    "education": 1.0,
}

_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(unicodedata.normalize("NFC", text).casefold())


def _matches(keyword: str, tokens: Sequence[str], text: str) -> bool:
    if " " in keyword:
        return keyword in text
    for token in tokens:
        if token.startswith(keyword):
            return True  # "sjåføren", "legevakt", "kokken"
        if len(keyword) >= 5 and keyword in token:
            return True  # compounds: "lastebilsjåfør", "barnehageassistent"
    return False


def suggest_sectors(background: str | Mapping[str, str | Iterable[str]]) -> list[str]:
    """Suggest sector profiles that fit a participant's background, best first.

    ``background`` is free text, or a mapping with any of the keys
    ``previous_occupation``, ``education`` and ``wanted_work`` (strings or lists
    of strings, Norwegian or English).  What they want to work with counts most.
    Returns ``[]`` when nothing matches.
    """
    if isinstance(background, str):
        fields: dict[str, str] = {"previous_occupation": background}
    else:
        fields = {}
        for key, value in background.items():
            fields[key] = value if isinstance(value, str) else " ".join(value)
    scores: dict[str, float] = {}
    for key, value in fields.items():
        weight = FIELD_WEIGHTS.get(key, 1.0)
        text = " ".join(_tokens(value))
        tokens = text.split()
        for sector, keywords in SECTOR_KEYWORDS.items():
            if any(_matches(k, tokens, text) for k in keywords):
                scores[sector] = scores.get(sector, 0.0) + weight
    order = {s: i for i, s in enumerate(SECTORS)}
    return sorted(scores, key=lambda s: (-scores[s], order[s]))
