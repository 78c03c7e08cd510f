"""Benchmark: answer-checking speed and how many items each generator makes (or rejects).

Terms come from the Bokmålsordboka index (``language_profiles.lexicon``) for frequent nouns
and verbs; example sentences come from the UD Norwegian Bokmål dev set via
``corpus_path`` (read at run time, never copied).  Prints a summary and, as the last line,
one JSON object; writes ``benchmarks/results/grading.json``.

    python scripts/bench_grading.py [--json] [--terms 300] [--seed 5]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from exercises.checking import check_answer  # noqa: E402
from exercises.items import generate_items  # noqa: E402
from language_profiles.corpora import corpus_path  # noqa: E402
from language_profiles.profile import Profile, Term  # noqa: E402


def _frequent_words(limit: int) -> list[str]:
    path = corpus_path("frequency_nb", "wordfreq_nb_large_top50k.tsv")
    if path is None:
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        word = cols[1].strip() if len(cols) > 1 else ""
        if word.isalpha() and len(word) > 2:
            out.append(word)
        if len(out) >= limit:
            break
    return out


def _sentences() -> list[str]:
    path = corpus_path("ud_nb", "no_bokmaal-ud-dev.conllu")
    if path is None:
        return []
    prefix = "# text = "
    return [
        ln[len(prefix) :].strip()
        for ln in path.read_text(encoding="utf-8").splitlines()
        if ln.startswith(prefix)
    ]


def _profile(n_terms: int) -> tuple[Profile, object | None]:
    try:
        from language_profiles.lexicon import load_lexicon

        lexicon = load_lexicon()
    except Exception as e:  # noqa: BLE001 - a benchmark reports, it does not crash
        print(f"lexicon unavailable: {e}", file=sys.stderr)
        return Profile("empty"), None
    sentences = _sentences()
    by_word: dict[str, list[str]] = {}
    for sentence in sentences:
        for token in {t.strip(".,!?:;«»()").casefold() for t in sentence.split()}:
            by_word.setdefault(token, []).append(sentence)
    terms: list[Term] = []
    for word in _frequent_words(n_terms * 20):
        # Only unambiguous words: a real profile knows each term's part of speech from the
        # tagger, this benchmark does not (homographs such as "var" would blank the wrong word).
        readings = {pos for _, pos in lexicon.lemmas_of(word)}
        if len(lexicon.entries(word)) != 1 or len(readings) != 1:
            continue
        for entry in lexicon.entries(word):
            if entry.pos not in ("NOUN", "VERB") or not entry.forms:
                continue
            forms = {k: tuple(v) for k, v in entry.forms.items()}
            examples: list[str] = []
            for spellings in forms.values():
                for spelling in spellings:
                    examples.extend(by_word.get(spelling.casefold(), ())[:2])
            terms.append(
                Term(
                    lemma=entry.lemma,
                    pos=entry.pos,
                    articles=entry.articles,
                    forms=forms,
                    definition=entry.definition,
                    examples=tuple(dict.fromkeys(examples))[:3],
                )
            )
            break
        if len(terms) >= n_terms:
            break
    return Profile("bench", terms=tuple(terms)), lexicon


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="only print the JSON line")
    parser.add_argument("--terms", type=int, default=300)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    profile, lexicon = _profile(args.terms)
    t0 = time.perf_counter()
    result = generate_items(
        profile,
        rng=rng,
        similar_words=(lambda w: lexicon.similar(w, 6)) if lexicon is not None else None,  # type: ignore[attr-defined]
        is_word=lexicon.is_word if lexicon is not None else None,  # type: ignore[attr-defined]
    )
    gen_seconds = time.perf_counter() - t0
    made = Counter(i.type for i in result.items)
    rejected = Counter(f"{r.type}: {r.reason}" for r in result.rejections)

    # Grading latency: typed items answered right, with a slip, and wrong.
    typed = [i for i in result.items if i.answer_mode in ("typed", "order")]
    timings: list[float] = []
    for item in typed[:2000]:
        right = item.accepted[0]
        slip = right[:-1] if len(right) > 4 else right + "x"
        for answer in (right, slip, "feil svar"):
            start = time.perf_counter()
            check_answer(answer, item.accepted, kind=item.check_kind, confusables=item.confusables)
            timings.append((time.perf_counter() - start) * 1e6)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95)] if timings else 0.0
    summary = {
        "terms": len(profile.terms),
        "items": len(result.items),
        "items_by_type": dict(sorted(made.items())),
        "rejections": len(result.rejections),
        "generate_seconds": round(gen_seconds, 3),
        "check_calls": len(timings),
        "check_p50_us": round(statistics.median(timings), 1) if timings else 0.0,
        "check_p95_us": round(p95, 1),
    }
    if not args.json:
        for reason, count in rejected.most_common(12):
            print(f"rejected {count:5d}  {reason}")
        for key, value in summary.items():
            print(f"{key}: {value}")
    out = ROOT / "benchmarks" / "results" / "grading.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
