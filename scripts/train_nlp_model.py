"""Train the Bokmål pipeline and ship it into language_profiles/model/ (developer tool).

Examples::

    .venv/bin/python scripts/train_nlp_model.py                      # prepare, train, package
    .venv/bin/python scripts/train_nlp_model.py --package-only training/run2/model-best \
        --training-seconds 3600
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from language_profiles import training  # noqa: E402
from language_profiles.corpora import corpus_path  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and run the training steps."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default_treebank = corpus_path("nb_treebank")
    parser.add_argument("--treebank", type=Path, default=default_treebank)
    parser.add_argument("--config", type=Path, default=training.DEFAULT_CONFIG)
    parser.add_argument("--work-dir", type=Path, default=ROOT / "training")
    parser.add_argument("--run-name", default="run")
    parser.add_argument("--fix-aux", action="store_true", help="AUX → VERB for non-auxiliaries")
    parser.add_argument("--target", type=Path, default=ROOT / "language_profiles" / "model")
    parser.add_argument("--package-only", type=Path, default=None, help="an existing model-best")
    parser.add_argument("--training-seconds", type=float, default=None)
    parser.add_argument("--notes", default="", help="free text recorded in meta.json")
    parser.add_argument(
        "--dev-conllu", type=Path, default=corpus_path("ud_nb", "no_bokmaal-ud-dev.conllu")
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    if args.treebank is None or not args.treebank.is_dir():
        parser.error("treebank folder not found (use --treebank)")
    data = [args.treebank / training.TRAIN_FILE, args.treebank / training.DEV_FILE]
    if args.package_only:
        model_best, seconds = args.package_only, args.training_seconds
    else:
        corpus_dir = args.work_dir / "corpus"
        train_path, dev_path = training.prepare_corpus(
            args.treebank, corpus_dir, fix_aux=args.fix_aux
        )
        output = args.work_dir / args.run_name
        run = training.train(
            config=args.config, train_path=train_path, dev_path=dev_path, output=output
        )
        model_best, seconds = output / "model-best", run.seconds
    training.build_lemma_table(data[0], training.LEMMA_TABLE)
    target = training.package_model(
        model_best=model_best,
        target=args.target,
        config=args.config,
        data=data,
        training_seconds=seconds,
        notes=args.notes,
    )
    if args.dev_conllu is not None and args.dev_conllu.is_file():
        from language_profiles.analyzer import Analyzer
        from language_profiles.evaluate import evaluate
        from language_profiles.lexicon import load_lexicon
        from language_profiles.nlp import load_pipeline

        scores = evaluate(
            args.dev_conllu,
            analyzer=Analyzer(load_pipeline(str(target)), load_lexicon()),
        )
        training.package_model(
            model_best=target,
            target=target,
            config=args.config,
            data=data,
            training_seconds=seconds,
            dev_scores={k: v for k, v in scores.items() if k != "file"},
            notes=args.notes,
        )
        print(f"dev scores of the shipped analyzer: {scores}")
    print(f"model written to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
