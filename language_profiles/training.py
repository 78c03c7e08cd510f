"""Train the project's Bokmål spaCy pipeline and ship it into ``language_profiles/model/``.

Steps (each a function, all driven by ``scripts/train_nlp_model.py``):

1. ``prepare_corpus`` copies the treebank's CoNLL-U files with the punctuation-lemma fix
   (NDT-style ``$,``/``$.`` become the form itself) and, optionally, an AUX fix (the
   automatic NDT → UD mapping marked ~1,600 ordinary train verbs AUX; the analyzer corrects
   such tags at run time anyway), and converts them to spaCy's binary format (10 sentences
   per document; NorNE ``name=`` tags become entities).
2. ``train`` runs ``spacy train`` with a config kept in ``configs/nlp/``.
3. ``build_lemma_table`` writes the treebank's (form, UPOS) → lemma table that the
   analyzer uses instead of a trained lemmatizer.
4. ``package_model`` copies ``model-best`` into the package, drops components that were
   trained as auxiliary tasks or replaced (the dependency parser sharpens the shared
   tok2vec; the trainable lemmatizer cost ~40 % of the analysis time for 0.2 points of
   lemma accuracy over the table), and records in ``meta.json`` the data, the config, the
   training time and the dev scores.

Training is run by a developer, never at install time or in CI.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import shutil
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from language_profiles.analyzer import UD_AUXILIARIES

__all__ = [
    "AUXILIARY_COMPONENTS",
    "LEMMA_TABLE",
    "build_lemma_table",
    "CONFIG_DIR",
    "DEFAULT_CONFIG",
    "TrainingError",
    "TrainingRun",
    "fix_punctuation_lemmas",
    "package_model",
    "prepare_corpus",
    "train",
]

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
CONFIG_DIR = ROOT / "configs" / "nlp"
DEFAULT_CONFIG = CONFIG_DIR / "nb_pipeline.cfg"
#: Components removed before shipping: the parser was trained only to sharpen the shared
#: tok2vec; the trainable lemmatizer is replaced by the treebank lemma table (speed).
AUXILIARY_COMPONENTS: tuple[str, ...] = ("parser", "trainable_lemmatizer")
#: The treebank lemma table the analyzer reads (see ``build_lemma_table``).
LEMMA_TABLE = ROOT / "language_profiles" / "data" / "treebank_lemmas.tsv.gz"
TRAIN_FILE = "train_ndtud.conllu"
DEV_FILE = "dev_udgold_ndtdeps.conllu"


class TrainingError(RuntimeError):
    """Training data, config or output is missing or inconsistent."""


@dataclass(frozen=True)
class TrainingRun:
    """What one training run used and produced."""

    config: Path
    train: Path
    dev: Path
    output: Path
    seconds: float


#: UD Norwegian's auxiliaries.  The NDT → UD mapping of the training split also marks
#: ~1,600 ordinary present/past verbs as AUX ("forklarer", "betaler").
AUX_LEMMAS = UD_AUXILIARIES


def fix_punctuation_lemmas(source: Path, target: Path, *, fix_aux: bool = False) -> int:
    """Copy a CoNLL-U file, replacing NDT punctuation lemmas (``$,``) by the form.

    With ``fix_aux``, AUX tokens whose lemma is not an auxiliary become VERB.
    Returns the number of lines changed.
    """
    changed = 0
    target.parent.mkdir(parents=True, exist_ok=True)
    with source.open(encoding="utf-8") as src, target.open("w", encoding="utf-8") as dst:
        for line in src:
            cols = line.rstrip("\n").split("\t")
            if len(cols) == 10:
                before = list(cols)
                if cols[3] == "PUNCT" and cols[2].startswith("$") and len(cols[2]) > 1:
                    cols[2] = cols[1]
                if fix_aux and cols[3] == "AUX" and cols[2].lower() not in AUX_LEMMAS:
                    cols[3] = "VERB"
                if cols != before:
                    changed += 1
                    line = "\t".join(cols) + "\n"
            dst.write(line)
    return changed


def build_lemma_table(train_conllu: Path, target: Path) -> int:
    """Write the treebank's lemma table: (form, UPOS) → most frequent lemma (gzipped TSV).

    The shipped pipeline has no trainable lemmatizer (it cost ~40 % of the analysis time);
    the analyzer takes the treebank's lemma for forms seen in training from this table and
    the dictionary/simplemma for the rest.  AUX is corrected as in ``prepare_corpus``;
    punctuation is left out.  Returns the number of rows.
    """
    counts: dict[tuple[str, str], dict[str, int]] = {}
    with train_conllu.open(encoding="utf-8") as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 10 or not cols[0].isdigit() or cols[3] == "PUNCT":
                continue
            upos, lemma = cols[3], cols[2]
            if upos == "AUX" and lemma.lower() not in UD_AUXILIARIES:
                upos = "VERB"
            lemma = lemma if upos == "PROPN" else lemma.lower()
            bucket = counts.setdefault((cols[1].lower(), upos), {})
            bucket[lemma] = bucket.get(lemma, 0) + 1
    lines = [
        "# Lemma table (form, UPOS, lemma, count) derived from the UD Norwegian Bokmål / NDT"
        " train split annotations (CC BY-SA 4.0); built by language_profiles.training."
    ]
    for (form, upos), bucket in sorted(counts.items()):
        lemma = max(bucket.items(), key=lambda item: (item[1], item[0]))[0]
        lines.append(f"{form}\t{upos}\t{lemma}\t{sum(bucket.values())}")
    target.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(target, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("\n".join(lines) + "\n")
    return len(lines) - 1


def _convert(conllu: Path, target: Path, *, n_sents: int = 10) -> int:
    from spacy.tokens import DocBin
    from spacy.training.converters.conllu_to_docs import conllu_to_docs

    text = conllu.read_text(encoding="utf-8")
    docs = list(
        conllu_to_docs(  # type: ignore[no-untyped-call]
            text, n_sents=n_sents, merge_subtokens=False, no_print=True
        )
    )
    DocBin(docs=docs, store_user_data=False).to_disk(target)
    return len(docs)


def prepare_corpus(
    treebank_dir: Path, out_dir: Path, *, fix_aux: bool = False
) -> tuple[Path, Path]:
    """Fix and convert the treebank's train/dev CoNLL-U files; return the .spacy paths.

    ``fix_aux`` also turns the train split's spurious AUX tags into VERB (used by the
    ``nb_pipeline_parser_aux.cfg`` experiment; the shipped model was trained without it).
    """
    paths = []
    for name in (TRAIN_FILE, DEV_FILE):
        source = treebank_dir / name
        if not source.is_file():
            raise TrainingError(f"treebank file missing: {source}")
        fixed = out_dir / name
        changed = fix_punctuation_lemmas(source, fixed, fix_aux=fix_aux and name == TRAIN_FILE)
        binary = fixed.with_suffix(".spacy")
        docs = _convert(fixed, binary)
        logger.info("%s: %d lines fixed, %d docs", name, changed, docs)
        paths.append(binary)
    return paths[0], paths[1]


def train(
    *,
    config: Path,
    train_path: Path,
    dev_path: Path,
    output: Path,
    overrides: Mapping[str, Any] | None = None,
) -> TrainingRun:
    """Run ``spacy train`` with ``config`` and return what was used."""
    from spacy.cli.train import train as spacy_train

    if not config.is_file():
        raise TrainingError(f"config not found: {config}")
    all_overrides = {"paths.train": str(train_path), "paths.dev": str(dev_path)}
    all_overrides.update(overrides or {})
    started = time.perf_counter()
    spacy_train(config, output, overrides=all_overrides, use_gpu=-1)
    seconds = time.perf_counter() - started
    return TrainingRun(config, train_path, dev_path, output, seconds)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def package_model(
    *,
    model_best: Path,
    target: Path,
    config: Path,
    data: Sequence[Path],
    training_seconds: float | None,
    dev_scores: Mapping[str, Any] | None = None,
    name: str = "hurtigspor_pipeline",
    version: str = "1.0.0",
    remove: Sequence[str] = AUXILIARY_COMPONENTS,
    notes: str = "",
) -> Path:
    """Copy a trained pipeline into ``target`` with its provenance in ``meta.json``."""
    import spacy

    if not (model_best / "meta.json").is_file():
        raise TrainingError(f"not a trained pipeline: {model_best}")
    nlp = spacy.load(model_best)
    spacy_scores = dict(nlp.meta.get("performance") or {})
    for component in remove:
        if component in nlp.pipe_names:
            nlp.remove_pipe(component)
    nlp.meta["name"] = name
    nlp.meta["version"] = version
    nlp.meta["description"] = (
        "Hurtigspor's Bokmål pipeline (tok2vec, morphologizer, senter, NorNE NER); lemmas come "
        "from language_profiles' treebank lemma table + Bokmålsordboka + simplemma. Trained on "
        "the Norwegian Dependency Treebank / UD Norwegian Bokmål and NorNE."
    )
    nlp.meta["license"] = "CC BY-SA 4.0 (trained on UD_Norwegian-Bokmaal annotations)"
    nlp.meta["sources"] = [
        {"name": "UD Norwegian Bokmål / Norwegian Dependency Treebank", "license": "CC BY-SA 4.0"},
        {"name": "NorNE (LTG, University of Oslo)", "license": "CC0"},
    ]
    nlp.meta["hurtigspor_training"] = {
        "data": [{"file": p.name, "sha256": _sha256(p)} for p in data if p.is_file()],
        "config": config.name,
        "config_sha256": _sha256(config),
        "training_seconds": round(training_seconds, 1) if training_seconds else None,
        "removed_auxiliary_components": [c for c in remove],
        "notes": notes,
        "spacy_dev_scores": {
            k: v for k, v in spacy_scores.items() if isinstance(v, float) and not k.endswith("loss")
        },
        "analyzer_dev_scores": dict(dev_scores or {}),
    }
    staging = target.with_name(target.name + ".tmp")
    if staging.exists():
        shutil.rmtree(staging)
    nlp.to_disk(staging)
    shutil.copy2(config, staging / "training_config.cfg")
    if target.exists():
        shutil.rmtree(target)
    staging.rename(target)
    (target / "meta.json").write_text(
        json.dumps(nlp.meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return target
