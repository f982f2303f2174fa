"""The evaluation command end to end on two invented gold paragraphs; the figures were computed by hand."""
import json

import pytest
import srsly
from conftest import DEV_SET, need
from gold_fixtures import SY_GOLD, SY_PRED, YE_GOLD, YE_PRED
from typer.testing import CliRunner

from marsad.evaluation.evaluate import app, evaluate, run_evaluation

runner = CliRunner()


@pytest.fixture
def gold_files(tmp_path):
    srsly.write_jsonl(tmp_path / "train.jsonl", [YE_GOLD])
    srsly.write_jsonl(tmp_path / "dev.jsonl", [SY_GOLD])
    srsly.write_jsonl(tmp_path / "extract.jsonl", [SY_PRED, YE_PRED])
    return tmp_path


def _invoke(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_command_scores_saved_predictions_per_file_split_and_group(gold_files):
    out = gold_files / "figures.json"
    result = _invoke(gold_files / "dev.jsonl", gold_files / "train.jsonl",
                     "--predictions", gold_files / "extract.jsonl", "--output", out)
    assert result.exit_code == 0, result.output
    assert "dev+train: TUNE, HELDOUT, ALL" in result.output and "dev+train by region" in result.output
    results = json.loads(out.read_text())["results"]
    both = results["dev+train"]["all"]
    assert both["n_docs"] == 2
    assert both["actors"] == pytest.approx({"p": 1.0, "r": 0.5, "f": 2 / 3, "n_gold": 2, "n_pred": 1})
    assert both["casualties"] == pytest.approx({"p": 0.75, "r": 1.0, "f": 6 / 7, "side_r": 0.5, "n_gold": 3, "n_pred": 4})
    places = both["places"]
    assert (places["p"], places["r"], places["f"], places["id_r"]) == pytest.approx((1.0, 2 / 3, 0.8, 2 / 3))
    events = both["events"]
    assert (events["p"], events["r"], events["f"]) == pytest.approx((0.5, 1.0, 2 / 3))
    assert (events["type_acc"], events["fatalities_acc"], events["actor_named_r"], events["actor_named_of_found"]) == (0.0, 1.0, 1.0, 1.0)
    assert both["facts_in_event_at_right_place"] == pytest.approx(1 / 3)
    assert both["casualty_errors"] == {"spurious: extra fact": 1, "side: wrong or missing": 1}

    # ye-strike-1 is TUNE, sy-shelling-1 HELDOUT: the halves are the two paragraphs.
    assert results["dev+train"]["tune"]["casualties"]["p"] == pytest.approx(2 / 3)
    held = results["dev+train"]["heldout"]
    assert held["actors"] == {"p": None, "r": 0.0, "f": 0.0, "n_gold": 1, "n_pred": 0}
    assert held["events"] is None and held["places"]["f"] == pytest.approx(2 / 3)
    assert results["train"]["heldout"]["n_docs"] == 0 and results["train"]["heldout"]["casualties"]["f"] is None

    # Dev's paragraph has no region: its places put it in Syria; it is from 2015.
    assert set(both["by_region"]) == {"YE", "SY"}
    assert both["by_region"]["SY"]["actors"]["r"] == 0.0 and both["by_region"]["YE"]["actors"]["f"] == 1.0
    assert both["by_year"]["2015"]["casualties"]["side_r"] == 0.0
    assert both["by_year"]["2019-2026"]["events"]["n_gold"] == 1
    assert results["dev"]["all"] == results["dev+train"]["heldout"]


def test_split_and_grouping_options_choose_what_is_printed(gold_files):
    result = _invoke(gold_files / "train.jsonl", "--predictions", gold_files / "extract.jsonl",
                     "--split", "heldout", "--by", "year")
    assert result.exit_code == 0, result.output
    assert "train: HELDOUT" in result.output and "TUNE" not in result.output
    assert "train by year" in result.output and "by region" not in result.output


def test_user_mistakes_get_one_line_errors(gold_files):
    missing = _invoke(gold_files / "nope.jsonl", "--predictions", gold_files / "extract.jsonl")
    assert missing.exit_code == 2 and "Input file not found" in missing.output
    (gold_files / "broken.jsonl").write_text('{"id": "a", "text": "نص"}\n{"id": \n', encoding="utf8")
    broken = _invoke(gold_files / "broken.jsonl", "--predictions", gold_files / "extract.jsonl")
    assert broken.exit_code == 2 and "broken.jsonl, line 2: not valid JSON" in broken.output
    srsly.write_jsonl(gold_files / "other.jsonl", [{**YE_GOLD, "id": "not-extracted"}])
    unmatched = _invoke(gold_files / "other.jsonl", "--predictions", gold_files / "extract.jsonl")
    assert unmatched.exit_code == 2 and "no output for 1 gold records" in unmatched.output
    both = _invoke(gold_files / "dev.jsonl", "--predictions", gold_files / "extract.jsonl", "--model", "x")
    assert both.exit_code == 2 and "not both" in both.output


def test_the_pipeline_gets_the_invented_paragraphs_right(gold_files, nlp):
    report = run_evaluation([gold_files / "dev.jsonl", gold_files / "train.jsonl"], nlp)
    both = report["results"]["dev+train"]["all"]
    assert both["actors"]["f"] == 1.0 and both["casualties"]["f"] == 1.0 and both["casualties"]["side_r"] == 1.0
    assert both["places"]["f"] == 1.0 and both["places"]["id_r"] == 1.0
    assert both["events"]["f"] == 1.0 and both["events"]["fatalities_acc"] == 1.0
    assert both["events"]["actor_named_r"] == 1.0
    assert report["split_sizes"] == {"dev": {"heldout": 1}, "train": {"tune": 1}}


@pytest.mark.slow
def test_dev_figures_equal_the_single_file_evaluation(nlp):
    records = list(srsly.read_jsonl(need(DEV_SET)))
    old = evaluate(nlp, records)
    by_split = run_evaluation([DEV_SET], nlp)["results"]["dev"]
    new = by_split["all"]
    assert new["n_docs"] == old["n_docs"] == len(records)
    for section, keys in {"actors": "p r f n_gold", "casualties": "p r f side_r n_gold n_pred",
                          "places": "p r f detection_r id_r n_gold"}.items():
        for key in keys.split():
            assert new[section][key] == pytest.approx(old[section][key]), (section, key)
    assert new["facts_in_event_at_right_place"] == pytest.approx(old["events"]["facts_in_event_at_right_place"])
    assert new["casualty_errors"] == old["casualty_errors"]
    assert by_split["tune"]["n_docs"] + by_split["heldout"]["n_docs"] == len(records)
