"""Item-response estimate of a participant's level per skill (A1, A2, B1, B2).

Each skill has an ability ``theta`` on one continuous scale.  The four bands
are intervals of it (A1 below -1, A2 from -1 to 0, B1 from 0 to 1, B2 from 1),
and an item of a given word level sits at the middle of that level's band,
shifted by sentence length and exercise kind (``item_difficulty``).

The state is a posterior over a fixed ``theta`` grid (log-density, stored as a
list), updated after each answer with a 2PL likelihood plus a guessing floor
(multiple choice) and a small slip rate.  Partial credit ``0 < score < 1`` is
a fractional Bernoulli observation.  Old evidence is slowly discounted
(``forgetting``) so the estimate follows a participant who improves.

What an answer can show is capped by its grain (``EVIDENCE_CEILINGS``): word-level
answers raise a skill to A2 at most, B1 and B2 need sentence-level answers.  Word-level
likelihoods are flat above the cap, and ``estimate`` censors the posterior at
``evidence_ceiling``, so the teacher's class table, the participant's page and readiness
(which all call ``estimate``) show the same capped level.

Typical use (the web layer stores ``state.to_dict()`` as JSON)::

    state = initial_state("reading")
    state = update(state, Answer(kind="cloze", level="A2", score=1.0, sentence_words=9))
    est = estimate(state)            # SkillEstimate(skill="reading", level="A2", ...)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import NDArray

from progress.errors import (
    InvalidAnswerError,
    InvalidStateError,
    UnknownLevelError,
)
from progress.skills import check_skill, normalize_kind, skills_for

#: Bands an estimate can fall in, lowest first.
BANDS: tuple[str, ...] = ("A1", "A2", "B1", "B2")
#: Upper theta bound of A1, A2 and B1 (B2 is open above).
BAND_EDGES: tuple[float, ...] = (-1.0, 0.0, 1.0)
#: Theta of an item of each word level (band middles; B2+ above B2).
LEVEL_THETA: Mapping[str, float] = MappingProxyType(
    {"A1": -1.5, "A2": -0.5, "B1": 0.5, "B2": 1.5, "B2+": 2.2}
)
#: Lowest theta a bar or progress share is drawn from (bottom of A1).
THETA_FLOOR = -2.5
#: How much harder (+) or easier (-) an exercise kind is than a plain reading item.
KIND_OFFSETS: Mapping[str, float] = MappingProxyType(
    {
        "meaning": -0.3,  # recognise among options
        "cloze": 0.0,
        "reading": 0.1,
        "listening": 0.2,
        "situation": 0.2,
        "typed": 0.3,
        "interview": 0.3,
        "dictation": 0.4,
        "application": 0.6,
    }
)
#: Sentence length at which length adds nothing to difficulty.
NEUTRAL_SENTENCE_WORDS = 8
#: Difficulty per word of sentence length beyond ``NEUTRAL_SENTENCE_WORDS``.
DIFFICULTY_PER_WORD = 0.05
#: Limits of the sentence-length adjustment.
LENGTH_ADJUST_RANGE: tuple[float, float] = (-0.25, 0.5)
#: What one answer is evidence of: a single word, or connected language (a sentence or more).
WORD = "word"
SENTENCE = "sentence"
GRAINS: tuple[str, ...] = (WORD, SENTENCE)
#: The cap: the highest band each grain of evidence can show.
#:
#: CEFR places recognising and using single familiar words at A1–A2 ("recognise familiar words
#: and very basic phrases", "understand phrases and the highest frequency vocabulary"); every B1
#: descriptor is about connected language ("understand the main points of clear standard
#: speech", "understand texts that consist mainly of high frequency everyday or job-related
#: language", "write simple connected text").  Norskprøven's B1 tasks are dialogues, texts and
#: e-mails, never word lists.  So word-level answers (meaning, article, inflection, a heard
#: word, a cloze whose hint names the word and its form) raise a skill to A2 at most, however
#: many are right and however rare the words; B1 and B2 need sentence-level answers (dictated
#: sentences, word order, situation → phrase, interview answers, applications).  The mapping's
#: vocabulary check is word-level evidence too: it seeds the prior, it does not lift the cap.
EVIDENCE_CEILINGS: Mapping[str, str] = MappingProxyType({WORD: "A2", SENTENCE: "B2"})
#: Sentence-level answers a skill needs before it can show more than the word cap; above that,
#: the sentence-level answers alone (from the default A2 prior) must place the learner in a band
#: for the estimate to reach it (``evidence_ceiling``).
MIN_SENTENCE_ANSWERS = 8
#: A capped estimate sits this far below the edge of the next band (the bar shows "almost").
CEILING_MARGIN = 0.05

STATE_VERSION = 1


@dataclass(frozen=True)
class EstimatorConfig:
    """Tuning of the estimator; the defaults are what the benchmark checks."""

    grid_min: float = -4.0
    grid_max: float = 4.0
    grid_points: int = 161
    discrimination: float = 1.5
    slip: float = 0.03
    forgetting: float = 0.004  # share of old evidence forgotten per answer
    prior_theta: float = -0.5  # A2: a typical participant at the start
    prior_sd: float = 1.5

    def grid(self) -> NDArray[np.float64]:
        """Return the theta grid."""
        return np.linspace(self.grid_min, self.grid_max, self.grid_points, dtype=np.float64)


DEFAULT_CONFIG = EstimatorConfig()


@dataclass(frozen=True)
class Answer:
    """One graded answer as evidence.

    ``score`` is 1.0 for right, 0.0 for wrong, anything between for partial
    credit.  ``options`` is the number of choices of a multiple-choice item
    (0 for typed/spoken answers); it sets the chance of a lucky guess.
    ``difficulty`` overrides ``item_difficulty`` when the item has a calibrated one.
    ``single_word`` marks word-level evidence (an item that tests one word): it can raise the
    estimate to ``EVIDENCE_CEILINGS[WORD]`` at most.
    """

    kind: str
    level: str
    score: float
    sentence_words: int = 0
    options: int = 0
    difficulty: float | None = None
    single_word: bool = False

    @property
    def grain(self) -> str:
        """``WORD`` or ``SENTENCE``: what this answer is evidence of."""
        return WORD if self.single_word else SENTENCE

    def item_theta(self) -> float:
        """Return the difficulty used for this answer."""
        if self.difficulty is not None:
            return min(float(self.difficulty), grain_edge(self.grain))
        return item_difficulty(
            self.level,
            sentence_words=self.sentence_words,
            kind=self.kind,
            single_word=self.single_word,
        )


@dataclass(frozen=True)
class SkillEstimate:
    """What the dashboards show for one skill."""

    skill: str
    level: str  # one of BANDS
    theta: float
    se: float  # posterior standard deviation of theta
    n_answers: int
    band_probabilities: Mapping[str, float] = field(default_factory=dict)
    ceiling: str = BANDS[-1]  # highest band the evidence so far can show (``evidence_ceiling``)
    capped: bool = False  # True when the answers alone would give a higher band than ``ceiling``
    n_sentence: int = 0  # sentence-level answers among ``n_answers``

    @property
    def confidence(self) -> float:
        """Probability that the level is right (posterior mass in ``level``)."""
        return float(self.band_probabilities.get(self.level, 0.0))

    @property
    def certainty_nb(self) -> str:
        """How sure the estimate is, in Norwegian ("sikkert", "ganske sikkert", "usikkert")."""
        if self.n_answers == 0:
            return "ingen svar ennå"
        if self.confidence >= 0.8:
            return "sikkert"
        if self.confidence >= 0.6:
            return "ganske sikkert"
        return "usikkert"

    def summary_nb(self) -> str:
        """Plain Norwegian, e.g. "B1, basert på 42 svar (ganske sikkert)"."""
        if self.n_answers == 0:
            return "Ingen svar ennå"
        return f"{self.level}, basert på {self.n_answers} svar ({self.certainty_nb})"

    def cap_note_nb(self) -> str | None:
        """Why the level is not higher, in plain Norwegian; None when the cap is not in effect."""
        if not self.capped:
            return None
        if self.ceiling != EVIDENCE_CEILINGS[WORD]:
            return f"Svarene med hele setninger viser {self.ceiling} så langt."
        if self.n_sentence == 0:
            return (
                f"Oppgaver med ett ord viser høyst {self.ceiling}. "
                "Øv med hele setninger for å vise mer."
            )
        if self.n_sentence < MIN_SENTENCE_ANSWERS:
            return (
                f"Svar med hele setninger så langt: {self.n_sentence}. "
                f"Det trengs {MIN_SENTENCE_ANSWERS} for å vise mer enn {self.ceiling}."
            )
        return f"Svarene med hele setninger viser {self.ceiling} så langt."

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "skill": self.skill,
            "level": self.level,
            "theta": round(self.theta, 4),
            "se": round(self.se, 4),
            "n_answers": self.n_answers,
            "band_probabilities": {k: round(v, 4) for k, v in self.band_probabilities.items()},
            "ceiling": self.ceiling,
            "capped": self.capped,
            "n_sentence": self.n_sentence,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SkillEstimate:
        """Build an estimate from ``to_dict`` output."""
        try:
            return cls(
                skill=check_skill(str(data["skill"])),
                level=check_band(str(data["level"])),
                theta=float(data["theta"]),
                se=float(data["se"]),
                n_answers=int(data["n_answers"]),
                band_probabilities={
                    str(k): float(v) for k, v in dict(data.get("band_probabilities") or {}).items()
                },
                ceiling=check_band(str(data.get("ceiling", BANDS[-1]))),
                capped=bool(data.get("capped", False)),
                n_sentence=int(data.get("n_sentence", 0)),
            )
        except (KeyError, TypeError, ValueError) as e:
            raise InvalidStateError(f"not a skill estimate: {e}") from e


@dataclass(frozen=True)
class SkillState:
    """Posterior over theta for one skill: the thing to store between answers.

    ``sentence_log_posterior`` is a second posterior from the default prior and the
    sentence-level answers only (empty before the first one); it decides how far above the
    word cap the estimate may go (``evidence_ceiling``).  States stored before it existed read
    back with no sentence-level answers, so they are capped until new ones come in.
    """

    skill: str
    log_posterior: tuple[float, ...]  # on ``config.grid()``, max is 0
    n_answers: int = 0
    version: int = STATE_VERSION
    n_sentence: int = 0  # sentence-level answers among ``n_answers``
    sentence_log_posterior: tuple[float, ...] = ()  # on ``config.grid()``; () before any

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (log-densities rounded to 5 decimals)."""
        data: dict[str, Any] = {
            "version": self.version,
            "skill": self.skill,
            "n_answers": self.n_answers,
            "log_posterior": [round(v, 5) for v in self.log_posterior],
        }
        if self.n_sentence:
            data["n_sentence"] = self.n_sentence
            data["sentence_log_posterior"] = [round(v, 5) for v in self.sentence_log_posterior]
        return data

    @classmethod
    def from_dict(
        cls, data: Mapping[str, Any], *, config: EstimatorConfig = DEFAULT_CONFIG
    ) -> SkillState:
        """Read a stored state back; raise ``InvalidStateError`` when it does not fit."""
        try:
            version = int(data["version"])
            skill = check_skill(str(data["skill"]))
            n_answers = int(data["n_answers"])
            values = tuple(float(v) for v in data["log_posterior"])
            n_sentence = int(data.get("n_sentence", 0))
            sentence = tuple(float(v) for v in data.get("sentence_log_posterior") or ())
        except (KeyError, TypeError, ValueError) as e:
            raise InvalidStateError(f"not a skill state: {e}") from e
        if version != STATE_VERSION:
            raise InvalidStateError(f"unsupported state version {version}")
        for grid_values in (values, sentence) if n_sentence else (values,):
            if len(grid_values) != config.grid_points or not all(
                math.isfinite(v) for v in grid_values
            ):
                raise InvalidStateError("state grid does not match the estimator configuration")
        if n_answers < 0 or not 0 <= n_sentence <= n_answers:
            raise InvalidStateError("bad answer count")
        return cls(
            skill=skill,
            log_posterior=values,
            n_answers=n_answers,
            version=version,
            n_sentence=n_sentence,
            sentence_log_posterior=sentence if n_sentence else (),
        )


def check_band(level: str) -> str:
    """Return ``level`` if it is one of ``BANDS``, else raise ``UnknownLevelError``."""
    if level not in BANDS:
        raise UnknownLevelError(f"unknown level band: {level!r} (expected one of {BANDS})")
    return level


def band_of(theta: float) -> str:
    """Return the band a theta falls in."""
    for band, edge in zip(BANDS, BAND_EDGES, strict=False):
        if theta < edge:
            return band
    return BANDS[-1]


def band_bounds(level: str) -> tuple[float, float]:
    """Return the (low, high) theta of a band; A1 starts at ``THETA_FLOOR``, B2 ends at 2.5."""
    i = BANDS.index(check_band(level))
    low = THETA_FLOOR if i == 0 else BAND_EDGES[i - 1]
    high = BAND_EDGES[i] if i < len(BAND_EDGES) else 2.5
    return low, high


def band_top(level: str) -> float:
    """Return the theta where the band above ``level`` starts (infinity for B2)."""
    i = BANDS.index(check_band(level))
    return BAND_EDGES[i] if i < len(BAND_EDGES) else math.inf


def grain_edge(grain: str) -> float:
    """Return the theta above which answers of this grain tell nothing (``EVIDENCE_CEILINGS``)."""
    return band_top(EVIDENCE_CEILINGS[grain])


def item_difficulty(
    level: str, *, sentence_words: int = 0, kind: str, single_word: bool = False
) -> float:
    """Return an item's difficulty on the theta scale.

    The word level places the item in the middle of its band; a long sentence
    makes it harder and a short one easier (bounded); the exercise kind shifts
    it (recognising a meaning is easier than typing or taking dictation).
    ``sentence_words`` 0 means "no sentence" (a single word).  A ``single_word``
    item is never harder than the top of the word cap (``EVIDENCE_CEILINGS``): knowing a rare
    word shows no more than knowing a common one at the top of A2.
    """
    if level not in LEVEL_THETA:
        raise UnknownLevelError(f"unknown item level: {level!r}")
    if sentence_words < 0:
        raise InvalidAnswerError("sentence_words must be >= 0")
    base = LEVEL_THETA[level]
    length = 0.0
    if sentence_words > 0:
        low, high = LENGTH_ADJUST_RANGE
        raw = DIFFICULTY_PER_WORD * (sentence_words - NEUTRAL_SENTENCE_WORDS)
        length = min(max(raw, low), high)
    difficulty = base + length + KIND_OFFSETS[normalize_kind(kind)]
    if single_word:
        difficulty = min(difficulty, grain_edge(WORD))
    return round(difficulty, 4)


def probability_correct(
    theta: float | NDArray[np.float64],
    difficulty: float,
    *,
    options: int = 0,
    config: EstimatorConfig = DEFAULT_CONFIG,
) -> NDArray[np.float64]:
    """Return the model probability of a right answer at ``theta`` (vectorised)."""
    guess = 1.0 / options if options >= 2 else 0.0
    t = np.asarray(theta, dtype=np.float64)
    logistic = 1.0 / (1.0 + np.exp(-config.discrimination * (t - difficulty)))
    result: NDArray[np.float64] = guess + (1.0 - guess - config.slip) * logistic
    return result


def _normal_log_prior(config: EstimatorConfig, mean: float, sd: float) -> NDArray[np.float64]:
    grid = config.grid()
    log_p: NDArray[np.float64] = -0.5 * ((grid - mean) / sd) ** 2
    return log_p


def initial_state(
    skill: str,
    *,
    prior_theta: float | None = None,
    prior_sd: float | None = None,
    config: EstimatorConfig = DEFAULT_CONFIG,
) -> SkillState:
    """Return the state before any answer: a wide normal prior (A2 by default).

    The start-of-programme mapping can give ``prior_theta`` (see
    ``progress.mapping.MappingResult.theta``); keep ``prior_sd`` wide (>= 1),
    since a vocabulary check says little about e.g. oral skill.
    """
    check_skill(skill)
    mean = config.prior_theta if prior_theta is None else float(prior_theta)
    sd = config.prior_sd if prior_sd is None else float(prior_sd)
    if sd <= 0:
        raise InvalidStateError("prior_sd must be positive")
    log_p = _normal_log_prior(config, mean, sd)
    return SkillState(skill=skill, log_posterior=tuple(float(v) for v in log_p - log_p.max()))


def _check_answer(answer: Answer) -> None:
    if not (0.0 <= answer.score <= 1.0) or math.isnan(answer.score):
        raise InvalidAnswerError(f"score must be between 0 and 1, got {answer.score!r}")
    if answer.options < 0 or answer.options == 1:
        raise InvalidAnswerError("options must be 0 (open answer) or at least 2")


def _log_likelihood(
    answer: Answer, grid: NDArray[np.float64], config: EstimatorConfig
) -> NDArray[np.float64]:
    """Log-likelihood of the answer over the grid; flat above its grain's ceiling."""
    theta = np.minimum(grid, grain_edge(answer.grain))
    p = np.clip(
        probability_correct(theta, answer.item_theta(), options=answer.options, config=config),
        1e-9,
        1.0 - 1e-9,
    )
    s = float(answer.score)
    log_lik: NDArray[np.float64] = s * np.log(p) + (1.0 - s) * np.log1p(-p)
    return log_lik


def _forget_and_add(
    log_posterior: Sequence[float], log_lik: NDArray[np.float64], config: EstimatorConfig
) -> tuple[float, ...]:
    log_post = (1.0 - config.forgetting) * np.asarray(log_posterior) + log_lik
    log_post -= log_post.max()
    return tuple(float(v) for v in log_post)


def update(
    state: SkillState, answer: Answer, *, config: EstimatorConfig = DEFAULT_CONFIG
) -> SkillState:
    """Return the state after one more answer (the input is not changed).

    A word-level answer says nothing about theta above the word cap (its likelihood is flat
    there); a sentence-level answer also updates the sentence-only posterior.
    """
    _check_answer(answer)
    if state.skill not in skills_for(answer.kind):
        raise InvalidAnswerError(f"a {answer.kind!r} answer is not evidence for {state.skill!r}")
    if len(state.log_posterior) != config.grid_points:
        raise InvalidStateError("state grid does not match the estimator configuration")
    log_lik = _log_likelihood(answer, config.grid(), config)
    n_sentence = state.n_sentence
    sentence = state.sentence_log_posterior
    if answer.grain == SENTENCE:
        start = sentence if n_sentence else _default_log_prior(config)
        sentence = _forget_and_add(start, log_lik, config)
        n_sentence += 1
    return SkillState(
        skill=state.skill,
        log_posterior=_forget_and_add(state.log_posterior, log_lik, config),
        n_answers=state.n_answers + 1,
        version=state.version,
        n_sentence=n_sentence,
        sentence_log_posterior=sentence,
    )


def _default_log_prior(config: EstimatorConfig) -> tuple[float, ...]:
    log_p = _normal_log_prior(config, config.prior_theta, config.prior_sd)
    return tuple(float(v) for v in log_p - log_p.max())


def _weights(log_posterior: Sequence[float]) -> NDArray[np.float64]:
    weights = np.exp(np.asarray(log_posterior, dtype=np.float64))
    result: NDArray[np.float64] = weights / weights.sum()
    return result


def evidence_ceiling(state: SkillState, *, config: EstimatorConfig = DEFAULT_CONFIG) -> str:
    """Return the highest band the state's evidence can show (``EVIDENCE_CEILINGS``).

    The word cap, until there are ``MIN_SENTENCE_ANSWERS`` sentence-level answers; then the
    band the sentence-level answers alone point to (posterior mean from the default prior),
    but never below the word cap or above the sentence cap.
    """
    word_cap = BANDS.index(EVIDENCE_CEILINGS[WORD])
    if state.n_sentence < MIN_SENTENCE_ANSWERS or not state.sentence_log_posterior:
        return BANDS[word_cap]
    if len(state.sentence_log_posterior) != config.grid_points:
        raise InvalidStateError("state grid does not match the estimator configuration")
    shown = BANDS.index(
        band_of(float(np.dot(_weights(state.sentence_log_posterior), config.grid())))
    )
    return BANDS[max(word_cap, min(shown, BANDS.index(EVIDENCE_CEILINGS[SENTENCE])))]


def estimate(state: SkillState, *, config: EstimatorConfig = DEFAULT_CONFIG) -> SkillEstimate:
    """Summarise a state as level band, theta, standard error and band probabilities.

    The posterior is censored at the evidence ceiling (``evidence_ceiling``): mass above it
    counts as the top of the ceiling band, so the level never exceeds what the evidence shows.
    """
    if len(state.log_posterior) != config.grid_points:
        raise InvalidStateError("state grid does not match the estimator configuration")
    grid = config.grid()
    weights = _weights(state.log_posterior)
    ceiling = evidence_ceiling(state, config=config)
    top = band_top(ceiling)
    values = np.minimum(grid, top - CEILING_MARGIN) if math.isfinite(top) else grid
    mean = float(np.dot(weights, values))
    se = float(math.sqrt(max(float(np.dot(weights, (values - mean) ** 2)), 0.0)))
    probs: dict[str, float] = {}
    low = -math.inf
    for i, band in enumerate(BANDS):
        high = BAND_EDGES[i] if i < len(BAND_EDGES) else math.inf
        mask = (values >= low) & (values < high)
        probs[band] = float(weights[mask].sum())
        low = high
    uncapped = band_of(float(np.dot(weights, grid)))
    return SkillEstimate(
        skill=state.skill,
        level=band_of(mean),
        theta=mean,
        se=se,
        n_answers=state.n_answers,
        band_probabilities=probs,
        ceiling=ceiling,
        capped=BANDS.index(uncapped) > BANDS.index(ceiling),
        n_sentence=state.n_sentence,
    )


def update_skills(
    states: Mapping[str, SkillState],
    answer: Answer,
    *,
    config: EstimatorConfig = DEFAULT_CONFIG,
) -> dict[str, SkillState]:
    """Route one answer to every skill it is evidence for; return all states.

    Skills missing from ``states`` start from ``initial_state``.  Skills the
    answer says nothing about are returned unchanged.
    """
    result = dict(states)
    for skill in skills_for(answer.kind):
        current = result.get(skill) or initial_state(skill, config=config)
        result[skill] = update(current, answer, config=config)
    return result


def estimate_answers(
    skill: str,
    answers: Iterable[Answer],
    *,
    prior_theta: float | None = None,
    config: EstimatorConfig = DEFAULT_CONFIG,
) -> SkillEstimate:
    """Replay answers from scratch and return the estimate (for rebuilds and tests)."""
    state = initial_state(skill, prior_theta=prior_theta, config=config)
    for answer in answers:
        state = update(state, answer, config=config)
    return estimate(state, config=config)


def progress_toward(theta: float, target: str) -> float:
    """Return 0..1: how far ``theta`` is from the bottom of A1 to the start of ``target``.

    1.0 means the target band is reached; useful for a bar toward the target.
    """
    goal, _ = band_bounds(target)
    if goal <= THETA_FLOOR:
        return 1.0
    share = (theta - THETA_FLOOR) / (goal - THETA_FLOOR)
    return min(max(share, 0.0), 1.0)
