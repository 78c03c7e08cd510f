"""Benchmark: does the skill estimator recover the level of simulated learners?

Simulated learners of known level (``--per-band`` per band A1..B2, true theta
drawn uniformly inside the band) answer ``--answers`` generated items of mixed
word level, sentence length and kind.  Answers come from a *different* model
than the estimator's: item difficulties carry noise the estimator does not
know, discrimination varies per item, and there are slips, lucky guesses and
partial credit.  Prints the confusion table (true band x estimated band) and,
as the last line, one JSON object; writes ``benchmarks/results/estimator.json``.

    python scripts/bench_estimator.py [--json] [--seed 7] [--per-band 150] [--answers 150]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from progress.estimator import (  # noqa: E402
    BANDS,
    Answer,
    band_bounds,
    estimate,
    initial_state,
    item_difficulty,
    update,
)
from progress.skills import SKILLS, kinds_for  # noqa: E402

ITEM_LEVELS = ("A1", "A2", "B1", "B2", "B2+")
ITEM_LEVEL_WEIGHTS = (0.2, 0.3, 0.3, 0.15, 0.05)
MC_KINDS = {"meaning": 4, "listening": 3}  # kinds often asked as multiple choice
PARTIAL_KINDS = {"typed", "dictation", "application", "interview", "situation"}
PRODUCTION_KINDS = {"application", "interview", "situation"}  # never a single-word item


@dataclass(frozen=True)
class Noise:
    """How far the simulated answers stray from the estimator's own model."""

    difficulty_sd: float = 0.45  # items are not exactly as hard as item_difficulty says
    discrimination_sd: float = 0.3  # log-normal spread of item discrimination
    slip: float = 0.06  # knows it, answers wrong anyway
    guess: float = 0.04  # open answer right by luck


STRESS = Noise(difficulty_sd=0.8, discrimination_sd=0.5, slip=0.12, guess=0.1)


def simulate_answer(rng: random.Random, theta: float, skill: str, noise: Noise = Noise()) -> Answer:
    """Generate one item for ``skill`` and the learner's (noisy) answer to it."""
    kind = rng.choice(kinds_for(skill))
    level = rng.choices(ITEM_LEVELS, weights=ITEM_LEVEL_WEIGHTS)[0]
    words = 0 if rng.random() < 0.3 else rng.randint(3, 20)
    options = MC_KINDS.get(kind, 0) if rng.random() < 0.7 else 0
    single = words == 0 and kind not in PRODUCTION_KINDS
    nominal = item_difficulty(level, sentence_words=words, kind=kind, single_word=single)
    true_b = nominal + rng.gauss(0.0, noise.difficulty_sd)
    true_a = 1.5 * math.exp(rng.gauss(0.0, noise.discrimination_sd))
    guess = 1.0 / options if options else noise.guess
    p = guess + (1 - guess - noise.slip) / (1 + math.exp(-true_a * (theta - true_b)))
    if kind in PARTIAL_KINDS and rng.random() < 0.4:
        # partial credit: a graded answer with a few small mistakes
        score = min(1.0, max(0.0, round(p + rng.gauss(0.0, 0.2), 1)))
    else:
        score = 1.0 if rng.random() < p else 0.0
    return Answer(
        kind=kind,
        level=level,
        score=score,
        sentence_words=words,
        options=options,
        single_word=single,
    )


def simulate(
    *, seed: int, per_band: int, answers: int, noise: Noise, checkpoints: tuple[int, ...] = ()
) -> tuple[dict[str, dict[str, int]], dict[int, float], float, int]:
    """Simulate learners; return confusion, within-one-band share per checkpoint, mean error, n."""
    rng = random.Random(seed)
    confusion = {t: dict.fromkeys(BANDS, 0) for t in BANDS}
    marks = sorted({*checkpoints, answers})
    within_at = dict.fromkeys(marks, 0)
    abs_err = 0.0
    total = 0
    for true_band in BANDS:
        low, high = band_bounds(true_band)
        for _ in range(per_band):
            theta = rng.uniform(low, high)
            skill = SKILLS[total % len(SKILLS)]
            state = initial_state(skill)
            for n in range(1, answers + 1):
                state = update(state, simulate_answer(rng, theta, skill, noise))
                if n in within_at:
                    est = estimate(state)
                    gap = abs(BANDS.index(est.level) - BANDS.index(true_band))
                    within_at[n] += gap <= 1
            confusion[true_band][est.level] += 1
            abs_err += abs(est.theta - theta)
            total += 1
    shares = {n: round(k / total, 4) for n, k in within_at.items()}
    return confusion, shares, abs_err / total, total


def run(*, seed: int, per_band: int, answers: int) -> dict[str, object]:
    """Run the simulation (and a harsher stress variant) and return the results."""
    started = time.perf_counter()
    confusion, shares, err, total = simulate(
        seed=seed, per_band=per_band, answers=answers, noise=Noise(), checkpoints=(30, 60, 100)
    )
    seconds = time.perf_counter() - started
    exact = sum(confusion[b][b] for b in BANDS)
    stress_confusion, stress_shares, stress_err, _ = simulate(
        seed=seed + 1, per_band=per_band, answers=answers, noise=STRESS
    )
    within = shares[answers]
    return {
        "benchmark": "estimator",
        "seed": seed,
        "learners": total,
        "answers": answers,
        "within_one_band": within,
        "exact_band": round(exact / total, 4),
        "mean_abs_theta_error": round(err, 4),
        "within_one_band_by_answers": {str(n): v for n, v in shares.items()},
        "target_within_one_band": 0.85,
        "passed": within >= 0.85,
        "stress": {
            "noise": asdict(STRESS),
            "within_one_band": stress_shares[answers],
            "exact_band": round(sum(stress_confusion[b][b] for b in BANDS) / total, 4),
            "mean_abs_theta_error": round(stress_err, 4),
        },
        "updates_per_second": round(total * answers / seconds),
        "confusion": confusion,
    }


def format_confusion(confusion: dict[str, dict[str, int]]) -> str:
    """Return the confusion table as aligned text."""
    lines = ["true \\ est " + "".join(f"{b:>6}" for b in BANDS)]
    for t in BANDS:
        lines.append(f"{t:<11}" + "".join(f"{confusion[t][b]:>6}" for b in BANDS))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """CLI entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print only the JSON line")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--per-band", type=int, default=150)
    parser.add_argument("--answers", type=int, default=150)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/estimator.json")
    args = parser.parse_args(argv)
    result = run(seed=args.seed, per_band=args.per_band, answers=args.answers)
    confusion = result["confusion"]
    assert isinstance(confusion, dict)
    print(format_confusion(confusion))
    if not args.json:
        print(
            f"within one band: {result['within_one_band']:.1%}  exact: {result['exact_band']:.1%}  "
            f"mean |theta error|: {result['mean_abs_theta_error']}  "
            f"({result['learners']} learners x {result['answers']} answers)"
        )
        print(f"within one band by answers: {result['within_one_band_by_answers']}")
        print(f"stress (more misfit, slips, guessing): {result['stress']}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, separators=(",", ":")))
    return 0 if result["passed"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
