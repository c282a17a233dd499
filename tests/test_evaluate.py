"""`quotes evaluate`: the scorer, the gold readers (JSON Lines, brat) and the command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from quotes.evaluation import GoldDocument, GoldError, read_gold, read_predictions, score

FIXTURES = Path(__file__).parent / "fixtures"
GOLD = FIXTURES / "eval" / "gold.jsonl"
PRED = FIXTURES / "eval" / "pred.jsonl"
BRAT = FIXTURES / "brat"
ROOT = Path(__file__).parent.parent

TEXT = "Ann said the bridge is safe. Tom thinks it is not."


def span(part: str, text: str = TEXT) -> list[int]:
    start = text.index(part)
    return [start, start + len(part)]


def quote(content: str, cue: str | None = None, source: str | None = None, **extra) -> dict:
    return {"content": [span(content)], "cue": [span(cue)] if cue else [],
            "source": [span(source)] if source else [], **extra}


GOLD_QUOTES = [quote("the bridge is safe", "said", "Ann"), quote("it is not", "thinks", "Tom")]


def figures(predicted: list[dict], subset: str = "all", gold: list[dict] = GOLD_QUOTES) -> dict:
    results = score([GoldDocument("doc", TEXT, gold)], {"doc": predicted}, subset)
    return {name: f.as_dict() for name, f in results.items()}


# -- the scorer, on cases computed by hand ---------------------------------------------

def test_one_hit_one_miss_one_false_alarm():
    result = figures([quote("the bridge is safe", "said", "Ann"), quote("Tom thinks")])["ggt@0.3"]
    assert (result["P"], result["R"], result["F1"]) == (50.0, 50.0, 50.0)
    assert (result["source_acc"], result["cue_acc"]) == (100.0, 100.0)


def test_speech_subset_leaves_out_thoughts_and_what_matched_them():
    # the prediction that matches the thought counts neither right nor wrong
    result = figures([quote("the bridge is safe", "said", "Ann"), quote("it is not", "thinks", "Tom")],
                     subset="speech")["ggt@0.3"]
    assert (result["P"], result["R"], result["counts"]) == (
        100.0, 100.0, {"gold": 1, "predicted": 1, "matched": 1})


def test_quoted_subset_keeps_direct_and_mixed_quotes():
    gold = [quote("the bridge is safe", type="indirect"), quote("it is not", type="direct")]
    result = figures([quote("it is not")], subset="quoted", gold=gold)["ggt@0.3"]
    assert (result["P"], result["R"], result["recall_by_type"]) == (100.0, 100.0, {"direct": 100.0})


@pytest.mark.parametrize("predicted, matched", [
    ("the bridge is safe", {"ggt@0.3", "ggt@0.8", "tok@0.5", "exact"}),
    ("the bridge", {"ggt@0.3", "tok@0.5"}),               # 10 of 18 characters, 2 of 4 words
    ("said the bridge is safe", {"ggt@0.3", "ggt@0.8", "tok@0.5"}),
    ("the", set()),                                        # 3 of 18 characters: not above 0.3
])
def test_measures_and_their_thresholds(predicted, matched):
    gold = [quote("the bridge is safe", "said", "Ann")]
    result = figures([quote(predicted)], gold=gold)
    assert {name for name, r in result.items() if r["R"] == 100.0} == matched


def test_exact_ignores_a_leading_that():
    text = "Ann said that the bridge is safe."
    gold = [{"content": [span("that the bridge is safe", text)], "cue": [], "source": []}]
    results = score([GoldDocument("doc", text, gold)],
                    {"doc": [{"content": [span("the bridge is safe", text)]}]})
    assert results["exact"].recall == 1.0


def test_each_prediction_matches_one_gold_quote_only():
    gold = [quote("the bridge is safe"), quote("the bridge is safe")]
    result = figures([quote("the bridge is safe")], gold=gold)["ggt@0.3"]
    assert (result["P"], result["R"]) == (100.0, 50.0)


def test_wrong_source_and_speaker():
    gold = [quote("the bridge is safe", "said", "Ann", source_name="Ann Ortiz")]
    right = figures([quote("the bridge is safe", "said", "Ann", speaker="Ortiz")], gold=gold)["ggt@0.3"]
    wrong = figures([quote("the bridge is safe", "said", "Tom", speaker="Tom")], gold=gold)["ggt@0.3"]
    assert (right["source_acc"], right["speaker_acc"]) == (100.0, 100.0)
    assert (wrong["source_acc"], wrong["speaker_acc"]) == (0.0, 0.0)


def test_documents_without_predictions_count_as_missed():
    results = score([GoldDocument("doc", TEXT, GOLD_QUOTES)], {})
    assert (results["ggt@0.3"].recall, results["ggt@0.3"].predicted) == (0.0, 0)


# -- agreement with the project's reference scorer -------------------------------------

def reference_scorer() -> Path | None:
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "eval" / "score.py"
        if candidate.exists():
            return candidate
    return None


@pytest.mark.parametrize("subset", ["all", "speech", "quoted"])
def test_same_figures_as_the_reference_scorer(subset):
    scorer = reference_scorer()
    if scorer is None:
        pytest.skip("needs ../shared/eval/score.py (the project's reference scorer)")
    reference = json.loads(subprocess.run(
        [sys.executable, str(scorer), str(GOLD), str(PRED), "--subset", subset, "--json"],
        capture_output=True, text=True, check=True).stdout)["measures"]
    ours = score(read_gold(GOLD), read_predictions(PRED), subset)
    keys = ("P", "R", "F1", "source_acc", "cue_acc", "speaker_acc", "recall_by_type")
    for name, figures_ in ours.items():
        mine = figures_.as_dict()
        assert {k: mine[k] for k in keys} == {k: reference[name][k] for k in keys}, name


# -- gold readers ------------------------------------------------------------------------

def texts(doc: GoldDocument, key: str) -> list[list[str]]:
    return [[doc.text[s:e] for s, e in q[key]] for q in doc.quotes]


def test_brat_relations_gather_around_the_cue():
    docs = {doc.id: doc for doc in read_gold(BRAT / "relations")}
    assert sorted(docs) == ["bridge", "nested/market"]
    bridge = docs["bridge"]
    assert texts(bridge, "content") == [["the bridge would reopen in May"],
                                        ["“We checked every cable,”", "“and every bolt.”"]]
    assert texts(bridge, "cue") == [["said"], ["added"]]
    assert texts(bridge, "source") == [["The mayor"], ["Ann Ortiz"]]
    assert [q["type"] for q in bridge.quotes] == ["indirect", "direct"]


def test_brat_content_linked_only_to_a_source():
    market = {doc.id: doc for doc in read_gold(BRAT / "relations")}["nested/market"]
    assert texts(market, "content") == [["Markets will stay calm"], ["“Nobody knows.”"]]
    assert texts(market, "cue") == [["said"], []]
    assert texts(market, "source") == [["a broker"], ["Bell"]]


def test_brat_events_with_a_cue_or_an_attribution_trigger():
    [storm] = read_gold(BRAT / "events")
    assert texts(storm, "cue") == [["warned"], ["said"]]
    assert texts(storm, "source") == [["Forecasters"], ["officials"]]
    assert texts(storm, "content")[1] == ["Forecasters warned that the storm would reach the coast by Friday"]


def write(folder: Path, name: str, text: str, ann: str) -> None:
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / f"{name}.ann").write_text(ann, encoding="utf-8")


@pytest.mark.parametrize("ann, message", [
    ("T1\tContent 0 40\tAnn said\n", "outside the .txt"),
    ("T1\tContent 0 3\tTom\n", "do not cover 'Tom'"),
    ("T1\tContent zero 3\tAnn\n", "bad offsets"),
    ("T1\tContent 0 3\tAnn\nR1\tAttribution Arg1:T1 Arg2:T9\n", "undefined annotations T9"),
    ("R1\tAttribution Arg1:T1\n", "needs Arg1"),
])
def test_bad_brat_annotations_name_file_and_line(tmp_path, ann, message):
    write(tmp_path, "doc", "Ann said so.", ann)
    with pytest.raises(GoldError, match=message) as error:
        read_gold(tmp_path)
    assert "doc.ann" in str(error.value) and "\n" not in str(error.value)


def test_brat_folder_problems(tmp_path):
    with pytest.raises(GoldError, match="no brat .ann files"):
        read_gold(tmp_path)
    (tmp_path / "orphan.ann").write_text("T1\tCue 0 3\tAnn\n", encoding="utf-8")
    with pytest.raises(GoldError, match="orphan.txt: missing"):
        read_gold(tmp_path)


@pytest.mark.parametrize("lines, message", [
    (['{"id": "a", "text": "Ann said so."}', "{not json"], ":2: not JSON"),
    (['{"text": "Ann said so."}'], ":1: missing 'id'"),
    (['{"id": "a", "text": "Ann said so.", "quotes": [{"content": [[0, 99]]}]}'], "outside the text"),
    ([""], "no documents"),
])
def test_bad_json_lines_gold(tmp_path, lines, message):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match=message):
        read_gold(path)


def test_json_lines_gold_keeps_types_and_source_names():
    docs = read_gold(GOLD)
    assert [doc.id for doc in docs] == ["bridge", "market", "quiet"]
    assert docs[0].quotes[1]["source_name"] == "Ann Ortiz"


# -- the command -------------------------------------------------------------------------

def run_quotes(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "quotes", *args], capture_output=True, check=False, text=True,
                          env=env, cwd=ROOT)


def test_evaluate_scores_a_prediction_file_as_json():
    result = run_quotes("evaluate", str(GOLD), "--predictions", str(PRED), "--subset", "speech", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["subset"], report["documents"]) == ("speech", 3)
    assert report["measures"]["ggt@0.3"]["R"] == pytest.approx(83.3)


@pytest.mark.slow
def test_evaluate_extracts_and_prints_a_table():
    result = run_quotes("evaluate", str(BRAT / "relations"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "subset=all  gold documents=2"
    assert lines[1].split()[:4] == ["measure", "P", "R", "F1"]
    ggt = lines[2].split()
    assert ggt[0] == "ggt@0.3" and float(ggt[2]) >= 75.0  # recall: our rules find these


@pytest.mark.parametrize("args, message", [
    (["evaluate", "no-such-gold.jsonl"], "does not exist"),
    (["evaluate", str(GOLD), "--cue-classes", "speech,gossip"], "gossip: choose from"),
])
def test_evaluate_errors_are_one_line(args, message):
    result = run_quotes(*args)
    assert result.returncode != 0
    assert message in result.stderr and "Traceback" not in result.stderr


def test_evaluate_malformed_gold(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "a", "text": "x"}\n{oops\n', encoding="utf-8")
    result = run_quotes("evaluate", str(path))
    assert result.returncode == 1
    assert result.stderr.strip() == f"Error: {path}:2: not JSON (Expecting property name enclosed in double quotes)"
