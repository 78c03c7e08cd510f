"""The evaluation command on a tiny CoNLL-U file written for the test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from language_profiles.analyzer import Analyzer
from language_profiles.evaluate import evaluate, main, read_conllu
from language_profiles.training import fix_punctuation_lemmas

CONLLU = """# sent_id = 1
# text = Sjåføren henter pallene.
1\tSjåføren\tsjåfør\tNOUN\t_\tDefinite=Def|Gender=Masc|Number=Sing\t2\tSUBJ\t_\tname=O
2\thenter\thente\tVERB\t_\tMood=Ind|Tense=Pres|VerbForm=Fin\t0\troot\t_\tname=O
3\tpallene\tpall\tNOUN\t_\tDefinite=Def|Gender=Masc|Number=Plur\t2\tDOBJ\t_\tSpaceAfter=No|name=O
4\t.\t$.\tPUNCT\t_\t_\t2\tIP\t_\tname=O

# sent_id = 2
# text = Døra er åpen.
1\tDøra\tdør\tNOUN\t_\tDefinite=Def|Gender=Fem|Number=Sing\t2\tSUBJ\t_\tname=O
2\ter\tvære\tAUX\t_\tMood=Ind|Tense=Pres|VerbForm=Fin\t0\troot\t_\tname=O
3\tåpen\tåpen\tADJ\t_\tDegree=Pos|Gender=Fem|Number=Sing\t2\tSPRED\t_\tSpaceAfter=No|name=O
4\t.\t$.\tPUNCT\t_\t_\t2\tIP\t_\tname=O
"""


@pytest.fixture
def conllu(tmp_path: Path) -> Path:
    path = tmp_path / "mini.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    return path


def test_read_conllu(conllu: Path) -> None:
    sentences = list(read_conllu(conllu))
    assert [s.text for s in sentences] == ["Sjåføren henter pallene.", "Døra er åpen."]
    assert sentences[0].spaces == (True, True, False, True)
    assert sentences[1].lemmas[0] == "dør"


def test_evaluate_scores(conllu: Path, fallback_analyzer: Analyzer) -> None:
    result = evaluate(conllu, analyzer=fallback_analyzer)
    assert result["tokens"] == 8
    assert result["noun_gender"] == 100.0  # sjåfør en, pall en, dør ei/en
    assert result["lemma"] == 100.0
    assert 0.0 <= result["upos"] <= 100.0
    assert result["words_per_second"] > 0


def test_cli_json(conllu: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(conllu), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert {"upos", "ufeats", "lemma", "noun_gender", "words_per_second"} <= set(result)


def test_fix_punctuation_lemmas(conllu: Path, tmp_path: Path) -> None:
    target = tmp_path / "fixed.conllu"
    assert fix_punctuation_lemmas(conllu, target) == 2
    lines = [line.split("\t") for line in target.read_text(encoding="utf-8").splitlines()]
    assert all(cols[2] == "." for cols in lines if len(cols) == 10 and cols[3] == "PUNCT")


def test_fix_aux_and_lemma_table(conllu: Path, tmp_path: Path) -> None:
    import gzip

    from language_profiles.training import build_lemma_table

    text = conllu.read_text(encoding="utf-8").replace(
        "\thenter\thente\tVERB", "\thenter\thente\tAUX"
    )
    source = tmp_path / "aux.conllu"
    source.write_text(text, encoding="utf-8")
    fixed = tmp_path / "aux_fixed.conllu"
    fix_punctuation_lemmas(source, fixed, fix_aux=True)
    rows = [line.split("\t") for line in fixed.read_text(encoding="utf-8").splitlines()]
    assert [cols[3] for cols in rows if len(cols) == 10 and cols[1] == "henter"] == ["VERB"]
    assert [cols[3] for cols in rows if len(cols) == 10 and cols[1] == "er"] == ["AUX"]
    table = tmp_path / "lemmas.tsv.gz"
    assert build_lemma_table(source, table) == 6
    with gzip.open(table, "rt", encoding="utf-8") as handle:
        body = handle.read()
    assert "henter\tVERB\thente\t1" in body
    assert "er\tAUX\tvære\t1" in body
    assert "sjåføren\tNOUN\tsjåfør\t1" in body
