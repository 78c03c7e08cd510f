"""Evaluate the analyzer on a CoNLL-U file: UPOS, UFeats, lemma, noun gender, speed.

Usage::

    python -m language_profiles.evaluate FILE.conllu [--json] [--model PATH] [--limit N]

UPOS and UFeats are per-token accuracies over all tokens (as spaCy's scorer counts them;
``*_no_punct`` variants exclude punctuation).  Lemma accuracy is case-insensitive and
excludes punctuation.  ``noun_gender`` is the share of gold nouns with a Gender feature
whose gender is among the articles the analyzer reports (gold Fem counts as right when
"ei" is offered, Masc when "en", Neut when "et"); ``noun_gender_known`` restricts this to
nouns whose gold lemma the dictionary knows as a noun, ``noun_gender_dictionary`` to gold
nouns the analyzer tagged as nouns and found in the dictionary (the article lookup alone,
without tagging errors).  Words per second are measured in CPU time of this process on
the full analyzer path (normalisation, tokenisation, pipeline, dictionary) over the file's
sentence texts, after the accuracy pass has warmed the caches.  The treebank's own
tokenisation is used for the accuracies.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from language_profiles.analyzer import Analyzer
from language_profiles.lexicon import ARTICLE_OF_GENDER, load_lexicon
from language_profiles.nlp import load_pipeline

__all__ = ["GoldSentence", "evaluate", "main", "read_conllu"]


@dataclass(frozen=True)
class GoldSentence:
    """One treebank sentence: words with gold annotations."""

    text: str
    words: tuple[str, ...]
    spaces: tuple[bool, ...]
    upos: tuple[str, ...]
    feats: tuple[str, ...]
    lemmas: tuple[str, ...]


def read_conllu(path: Path) -> Iterator[GoldSentence]:
    """Yield the sentences of a CoNLL-U file (multi-word token lines are skipped)."""
    rows: list[list[str]] = []
    text = ""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line.startswith("# text = "):
                text = line[len("# text = ") :]
            elif not line:
                if rows:
                    yield _sentence(text, rows)
                rows, text = [], ""
            elif not line.startswith("#"):
                cols = line.split("\t")
                if len(cols) == 10 and cols[0].isdigit():
                    rows.append(cols)
    if rows:
        yield _sentence(text, rows)


def _sentence(text: str, rows: list[list[str]]) -> GoldSentence:
    words = tuple(r[1] for r in rows)
    spaces = tuple("SpaceAfter=No" not in r[9] for r in rows)
    return GoldSentence(
        text=text or "".join(w + (" " if s else "") for w, s in zip(words, spaces, strict=True)),
        words=words,
        spaces=spaces,
        upos=tuple(r[3] for r in rows),
        feats=tuple("" if r[5] == "_" else r[5] for r in rows),
        lemmas=tuple(r[2] for r in rows),
    )


def _norm_feats(feats: str) -> str:
    items = [f for f in feats.split("|") if f and f != "_"]
    return "|".join(sorted(items, key=str.lower))


def evaluate(
    path: Path, *, analyzer: Analyzer, limit: int | None = None, time_it: bool = True
) -> dict[str, Any]:
    """Return the scores of ``analyzer`` on the CoNLL-U file at ``path``."""
    gold = list(read_conllu(path))
    if limit:
        gold = gold[:limit]
    lexicon = load_lexicon()
    counts = dict.fromkeys(
        (
            "tokens",
            "upos",
            "ufeats",
            "nopunct",
            "upos_np",
            "ufeats_np",
            "lemma",
            "nouns",
            "gender",
            "known_nouns",
            "known_gender",
            "dict_nouns",
            "dict_gender",
        ),
        0,
    )
    analyses = analyzer.analyze_words((list(g.words), list(g.spaces)) for g in gold)
    for sent, analysis in zip(gold, analyses, strict=True):
        tokens = [t for t in analysis.tokens if t.kind != "space" or t.text.strip()]
        if len(tokens) != len(sent.words):
            raise RuntimeError(f"tokenisation mismatch in: {sent.text}")
        for tok, upos, feats, lemma in zip(tokens, sent.upos, sent.feats, sent.lemmas, strict=True):
            counts["tokens"] += 1
            pos_ok = tok.pos == upos
            feats_ok = _norm_feats(tok.morph) == _norm_feats(feats)
            counts["upos"] += pos_ok
            counts["ufeats"] += feats_ok
            if upos != "PUNCT":
                counts["nopunct"] += 1
                counts["upos_np"] += pos_ok
                counts["ufeats_np"] += feats_ok
                counts["lemma"] += tok.lemma.lower() == lemma.lower()
            if upos == "NOUN":
                gender = next(
                    (f.split("=", 1)[1] for f in feats.split("|") if f.startswith("Gender=")), None
                )
                if gender is not None and gender in ARTICLE_OF_GENDER:
                    right = ARTICLE_OF_GENDER[gender] in tok.articles
                    counts["nouns"] += 1
                    counts["gender"] += right
                    if lexicon.entries(lemma, "NOUN"):
                        counts["known_nouns"] += 1
                        counts["known_gender"] += right
                    if tok.pos == "NOUN" and tok.in_dictionary:
                        counts["dict_nouns"] += 1
                        counts["dict_gender"] += right

    def pct(num: str, den: str) -> float:
        return round(100.0 * counts[num] / counts[den], 2) if counts[den] else 0.0

    result: dict[str, Any] = {
        "file": str(path),
        "sentences": len(gold),
        "tokens": counts["tokens"],
        "upos": pct("upos", "tokens"),
        "ufeats": pct("ufeats", "tokens"),
        "lemma": pct("lemma", "nopunct"),
        "upos_no_punct": pct("upos_np", "nopunct"),
        "ufeats_no_punct": pct("ufeats_np", "nopunct"),
        "noun_gender": pct("gender", "nouns"),
        "noun_gender_known": pct("known_gender", "known_nouns"),
        "noun_gender_dictionary": pct("dict_gender", "dict_nouns"),
        "model": f"{analyzer.model_name} {analyzer.model_version}",
        "dictionary": analyzer.dictionary_version,
    }
    if time_it:
        texts = [g.text for g in gold]
        started = time.process_time()  # CPU time: robust on a shared machine
        for _ in analyzer.analyze_many(texts):
            pass
        elapsed = time.process_time() - started
        result["words_per_second"] = round(counts["tokens"] / elapsed, 1)
    else:
        result["words_per_second"] = None
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path, help="a CoNLL-U file (e.g. the UD dev split)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--model", default=None, help="pipeline folder (default: shipped model)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N sentences")
    args = parser.parse_args(argv)
    if not args.file.is_file():
        parser.error(f"no such file: {args.file}")
    analyzer = Analyzer(load_pipeline(args.model), load_lexicon())
    result = evaluate(args.file, analyzer=analyzer, limit=args.limit)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        for key, value in result.items():
            print(f"{key:24} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
