"""Precision and recall per check of ``interviews.feedback`` on tests/data/feedback_sentences.tsv.

Usage: ``.venv/bin/python scripts/bench_feedback.py [--json] [--model PATH] [--show]``

Writes ``benchmarks/results/feedback.json``.  ``--model`` runs against another trained
pipeline folder (e.g. a training checkpoint) instead of the shipped one; ``--show`` lists
every miss and false alarm.  Targets: precision >= 0.90 and recall >= 0.70 for v2 and article.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from interviews.feedback import CHECKS, HINT_CHECKS, check_text, rewrite  # noqa: E402
from interviews.nlp import AnalyzerLike, default_analyzer, default_lexicon  # noqa: E402

TABLE = ROOT / "tests" / "data" / "feedback_sentences.tsv"
RESULT = ROOT / "benchmarks" / "results" / "feedback.json"
TARGETS = {"v2": (0.90, 0.70), "article": (0.90, 0.70)}


def load_table(path: Path = TABLE) -> list[tuple[str, str, tuple[str, ...]]]:
    """Rows (sentence, expected check or "-", accepted corrected sentences)."""
    rows: list[tuple[str, str, tuple[str, ...]]] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        if not line.strip() or line.startswith("#"):
            continue
        sentence, check, suggestion = line.split("\t")
        accepted = tuple(s.strip() for s in suggestion.split("|")) if suggestion != "-" else ()
        rows.append((sentence, check, accepted))
    return rows


def _analyzer(model: str | None) -> AnalyzerLike:
    if model is None:
        return default_analyzer()
    from language_profiles.analyzer import Analyzer
    from language_profiles.lexicon import load_lexicon
    from language_profiles.nlp import load_pipeline

    analyzer: AnalyzerLike = Analyzer(load_pipeline(model), load_lexicon())
    return analyzer


def ud_sentences(limit: int) -> list[str]:
    """Edited Norwegian from the UD Bokmål dev split (assumed correct), or [] when absent."""
    from language_profiles.corpora import corpus_path

    path = corpus_path("ud_nb", "no_bokmaal-ud-dev.conllu")
    if path is None or limit <= 0:
        return []
    texts: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("# text = "):
                texts.append(line[len("# text = ") :].strip())
                if len(texts) >= limit:
                    break
    return texts


def run_real(
    analyzer: AnalyzerLike, *, limit: int, show: bool
) -> dict[str, Any]:
    """Count problems reported on edited text: each error there is (almost surely) a false alarm.

    Only counts are returned; corpus sentences are printed with ``--show`` and never stored.
    """
    texts = ud_sentences(limit)
    if not texts:
        return {"sentences": 0, "skipped": "ud_nb corpus not found"}
    lexicon = default_lexicon()
    flagged: Counter[str] = Counter()
    for text in texts:
        feedback = check_text(text, analyzer=analyzer, lexicon=lexicon)
        for problem in feedback.problems:
            if problem.check in HINT_CHECKS:
                continue
            flagged[problem.check] += 1
            if show:
                excerpt = feedback.text[problem.span[0] : problem.span[1]]
                print(f"REAL  {problem.check}: {excerpt!r} -> {problem.suggestion!r} | {text}")
    return {
        "corpus": "ud_nb dev (edited text; every error flag counts as a false alarm)",
        "sentences": len(texts),
        "flags_per_check": dict(flagged),
        "flags_per_1000_sentences": round(1000 * sum(flagged.values()) / len(texts), 1),
    }


def _ud_sentences_with_tokens(limit: int) -> list[list[tuple[str, str, str, str, bool]]]:
    """UD dev sentences as (form, upos, feats, deprel, space_after) tuples."""
    from language_profiles.corpora import corpus_path

    path = corpus_path("ud_nb", "no_bokmaal-ud-dev.conllu")
    if path is None:
        return []
    sentences: list[list[tuple[str, str, str, str, bool]]] = []
    current: list[tuple[str, str, str, str, bool]] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line:
                if current:
                    sentences.append(current)
                    current = []
                    if len(sentences) >= limit:
                        break
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            current.append((cols[1], cols[3], cols[5], cols[7], "SpaceAfter=No" not in cols[9]))
    return sentences


def _join(tokens: list[tuple[str, str, str, str, bool]]) -> str:
    return "".join(t[0] + (" " if t[4] else "") for t in tokens).strip()


_SWAP_ARTICLE = {"en": "et", "et": "en", "ei": "et"}
_PRONOUNS = {"jeg", "du", "han", "hun", "vi", "de", "man"}


def synthetic_errors(limit: int) -> dict[str, list[str]]:
    """Errors made from edited sentences: V2 inversions undone, articles swapped, "å" + present.

    "I går kom han hjem." -> "I går han kom hjem."; "et hus" -> "en hus"; "å jobbe" ->
    "å jobber".  Only the
    figures are reported; the sentences are never stored.
    """
    v2: list[str] = []
    article: list[str] = []
    verb_form: list[str] = []
    lexicon = default_lexicon()
    for tokens in _ud_sentences_with_tokens(limit):
        for i in range(len(tokens) - 1):
            nxt = tokens[i + 1]
            if tokens[i][0].lower() == "å" and nxt[1] == "VERB" and "VerbForm=Inf" in nxt[2]:
                form = nxt[0].lower()
                presents = [
                    f for lemma, pos in lexicon.lemmas_of(form) if pos == "VERB"
                    for e in lexicon.entries(lemma, "VERB") if form in e.forms.get("inf", ())
                    for f in e.forms.get("pres", ())[:1]
                ]
                if presents and presents[0] != nxt[0].lower():
                    changed = list(tokens)
                    changed[i + 1] = (presents[0], *nxt[1:])
                    verb_form.append(_join(changed))
                    break
        forms = [t[0].lower() for t in tokens]
        for i in range(1, len(tokens) - 1):
            form, upos, feats, _, _ = tokens[i]
            nxt = tokens[i + 1]
            if (
                upos in {"VERB", "AUX"} and "VerbForm=Fin" in feats and "Mood=Imp" not in feats
                and nxt[0].lower() in _PRONOUNS and nxt[3] == "nsubj"
                and tokens[0][1] in {"ADV", "ADP"} and "?" not in forms
                and not any(t[1] in {"SCONJ", "PUNCT"} for t in tokens[:i])
            ):
                swapped = list(tokens)
                swapped[i], swapped[i + 1] = (nxt[0], *nxt[1:4], tokens[i][4]), (
                    form, upos, feats, tokens[i][3], nxt[4]
                )
                v2.append(_join(swapped))
                break
        for i in range(len(tokens) - 1):
            form = tokens[i][0]
            nxt = tokens[i + 1]
            if form in _SWAP_ARTICLE and tokens[i][1] == "DET" and nxt[1] == "NOUN" and (
                "Definite=Ind" in nxt[2] and "Number=Sing" in nxt[2]
            ):
                changed = list(tokens)
                changed[i] = (_SWAP_ARTICLE[form], *tokens[i][1:])
                article.append(_join(changed))
                break
    return {"v2": v2, "article": article, "verb_form": verb_form}


def run_synthetic(analyzer: AnalyzerLike, *, limit: int) -> dict[str, Any]:
    """Recall on errors made from edited text (independent of the hand-written table)."""
    made = synthetic_errors(limit)
    if not any(made.values()):
        return {"skipped": "ud_nb corpus not found"}
    lexicon = default_lexicon()
    result: dict[str, Any] = {}
    for check, texts in made.items():
        hits = 0
        for text in texts:
            feedback = check_text(text, analyzer=analyzer, lexicon=lexicon)
            hits += any(p.check == check for p in feedback.problems)
        result[check] = {
            "sentences": len(texts),
            "flagged": hits,
            "recall": round(hits / len(texts), 3) if texts else None,
        }
    return result


def run(*, model: str | None = None) -> dict[str, Any]:
    """Run the table and return the figures."""
    analyzer = _analyzer(model)
    lexicon = default_lexicon()
    rows = load_table()
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    fixed_ok = 0
    alarms_on_correct = 0
    flagged_right = 0
    misses: list[str] = []
    false_alarms: list[str] = []
    check_text(rows[0][0], analyzer=analyzer, lexicon=lexicon)  # warm caches
    started = time.perf_counter()
    for sentence, expected, accepted in rows:
        feedback = check_text(sentence, analyzer=analyzer, lexicon=lexicon)
        found = {p.check for p in feedback.problems if p.check not in HINT_CHECKS}
        if expected == "-" and found:
            alarms_on_correct += 1
        for check in found:
            if check == expected:
                tp[check] += 1
            else:
                fp[check] += 1
                messages = [p.message for p in feedback.problems]
                false_alarms.append(f"{check}: {sentence}  {messages}")
        if expected != "-" and expected not in found:
            fn[expected] += 1
            misses.append(f"{expected}: {sentence}")
        if expected != "-" and expected in found:
            flagged_right += 1
            if rewrite(feedback.text, feedback.problems) in accepted:
                fixed_ok += 1
            else:
                misses.append(
                    f"fix ({expected}): {sentence} -> {rewrite(feedback.text, feedback.problems)}"
                )
    elapsed = time.perf_counter() - started
    per_check: dict[str, dict[str, float | int | None]] = {}
    for check in CHECKS:
        if check in HINT_CHECKS:
            continue
        t, f, n = tp[check], fp[check], fn[check]
        per_check[check] = {
            "tp": t,
            "fp": f,
            "fn": n,
            "precision": round(t / (t + f), 3) if t + f else None,
            "recall": round(t / (t + n), 3) if t + n else None,
        }
    correct_rows = [r for r in rows if r[1] == "-"]
    analyzer_name = getattr(analyzer, "model_name", type(analyzer).__name__)
    return {
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
        "table": str(TABLE.relative_to(ROOT)),
        "sentences": len(rows),
        "correct_sentences": len(correct_rows),
        "error_sentences": len(rows) - len(correct_rows),
        "correct_sentences_flagged": alarms_on_correct,
        "fix_accuracy": round(fixed_ok / flagged_right, 3) if flagged_right else None,
        "per_check": per_check,
        "targets": {k: {"precision": v[0], "recall": v[1]} for k, v in TARGETS.items()},
        "targets_met": all(
            (per_check[k]["precision"] or 0) >= p and (per_check[k]["recall"] or 0) >= r
            for k, (p, r) in TARGETS.items()
        ),
        "sentences_per_second": round(len(rows) / elapsed, 1) if elapsed else None,
        "analyzer": {
            "model_name": analyzer_name,
            "model_version": getattr(analyzer, "model_version", ""),
            "dictionary_version": getattr(analyzer, "dictionary_version", ""),
            "model_path": model or "shipped",
        },
        "misses": misses,
        "false_alarms": false_alarms,
    }


def main(argv: list[str] | None = None) -> int:
    """Print the figures (text or JSON) and write the result file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the JSON result")
    parser.add_argument("--model", help="path of a trained pipeline folder to use")
    parser.add_argument("--show", action="store_true", help="list misses and false alarms")
    parser.add_argument(
        "--real", type=int, default=800, help="UD dev sentences to scan for false alarms (0: skip)"
    )
    args = parser.parse_args(argv)
    result = run(model=args.model)
    result["real_text"] = run_real(_analyzer(args.model), limit=args.real, show=args.show)
    result["synthetic_errors"] = (
        run_synthetic(_analyzer(args.model), limit=args.real) if args.real > 0 else {}
    )
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(
        f"{result['sentences']} sentences ({result['correct_sentences']} correct), analyzer "
        f"{result['analyzer']['model_name']} {result['analyzer']['model_version']}, "
        f"{result['sentences_per_second']} sentences/s"
    )
    print(f"{'check':<12} {'tp':>3} {'fp':>3} {'fn':>3} {'precision':>9} {'recall':>7}")
    for check, row in result["per_check"].items():
        precision = "-" if row["precision"] is None else f"{row['precision']:.2f}"
        recall = "-" if row["recall"] is None else f"{row['recall']:.2f}"
        counts = f"{row['tp']:>3} {row['fp']:>3} {row['fn']:>3}"
        print(f"{check:<12} {counts} {precision:>9} {recall:>7}")
    print(f"fix accuracy (rewrite equals the expected sentence): {result['fix_accuracy']}")
    print(f"targets met (v2, article: precision >= 0.90, recall >= 0.70): {result['targets_met']}")
    real = result["real_text"]
    if real.get("sentences"):
        print(
            f"edited text ({real['sentences']} UD dev sentences): "
            f"{real['flags_per_1000_sentences']} error flags per 1000 sentences "
            f"{real['flags_per_check']}"
        )
    for check, row in result["synthetic_errors"].items():
        if isinstance(row, dict):
            print(
                f"synthetic {check} errors made from UD dev sentences: "
                f"{row['flagged']}/{row['sentences']} flagged (recall {row['recall']})"
            )
    if args.show:
        for line in result["misses"]:
            print("MISS ", line)
        for line in result["false_alarms"]:
            print("FALSE", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
