"""Smoke test of scripts/bench_estimator.py on a tiny simulation (the real run is a benchmark)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "bench_estimator.py"


def _load():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_estimator", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def test_small_run_is_seeded_and_has_confusion_table() -> None:
    bench = _load()
    first = bench.run(seed=3, per_band=3, answers=40)
    second = bench.run(seed=3, per_band=3, answers=40)
    first.pop("updates_per_second")
    second.pop("updates_per_second")
    assert first == second
    assert first["learners"] == 12 and first["answers"] == 40
    confusion = first["confusion"]
    assert sum(sum(row.values()) for row in confusion.values()) == 12
    assert 0.0 <= first["exact_band"] <= first["within_one_band"] <= 1.0
    assert "true \\ est" in bench.format_confusion(confusion)
