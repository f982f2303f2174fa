"""`marsad extract --actors/--sources` and the CSV options, through the real CLI."""
import csv
import io
import json

import pytest
from typer.testing import CliRunner

import marsad
import marsad.cli
import marsad.cli.extract_command

runner = CliRunner()
TEXT = "هاجمت كتائب النسر الفضي مواقع قوات الدعم السريع قرب الفاشر وقتل 4 مسلحين"
USER_ACTOR = {"actor_id": "XX_SILVER_EAGLE", "name": "Silver Eagle Brigades (invented)", "name_ar": "كتائب النسر الفضي",
              "type": "political_militia", "country": "SD", "affiliation": ["SD_SAF"],
              "aliases": ["كتائب النسر الفضي"], "generic_refs": []}


@pytest.fixture
def news(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"id": "=cmd|x", "text": TEXT, "date": "2025-03-01"}, ensure_ascii=False) + "\n", encoding="utf8")
    return path


def test_user_actors_file_adds_an_actor_and_keeps_the_shipped_ones(news, tmp_path, monkeypatch):
    fresh = marsad.load()  # extend_actors changes the pipeline: never the session one
    monkeypatch.setattr(marsad.cli.extract_command, "_load_pipeline", lambda model: fresh)
    actors = tmp_path / "mine.jsonl"
    actors.write_text(json.dumps(USER_ACTOR, ensure_ascii=False) + "\n", encoding="utf8")
    result = runner.invoke(marsad.cli.app, ["extract", str(news), "--actors", str(actors)])
    assert result.exit_code == 0, result.stderr
    found = {a["actor_id"] for a in json.loads(result.stdout.splitlines()[0])["actors"]}
    assert {"XX_SILVER_EAGLE", "SD_RSF"} <= found


@pytest.mark.parametrize("content, code", [(None, "[E028]"), ('{"actor_id": 3}\n', "[E029]")])
def test_a_bad_user_actors_file_is_one_line_before_the_pipeline_loads(news, tmp_path, monkeypatch, content, code):
    def refuse(model):
        raise AssertionError("the pipeline was loaded before the check")
    monkeypatch.setattr(marsad.cli.extract_command, "_load_pipeline", refuse)
    actors = tmp_path / "mine.jsonl"
    if content is not None:
        actors.write_text(content, encoding="utf8")
    result = runner.invoke(marsad.cli.app, ["extract", str(news), "--actors", str(actors)])
    assert result.exit_code == 2 and result.stderr.startswith(code) and len(result.stderr.strip().splitlines()) == 1


def test_csv_bom_and_formula_escaping_can_be_turned_off(news, tmp_path, nlp, monkeypatch):
    monkeypatch.setattr(marsad.cli.extract_command, "_load_pipeline", lambda model: nlp)
    default, plain = tmp_path / "a.csv", tmp_path / "b.csv"
    assert runner.invoke(marsad.cli.app, ["extract", str(news), "-f", "csv", "-o", str(default)]).exit_code == 0
    assert runner.invoke(marsad.cli.app, ["extract", str(news), "-f", "csv", "-o", str(plain),
                                          "--no-csv-bom", "--no-escape-formulas"]).exit_code == 0
    assert default.read_bytes().startswith(b"\xef\xbb\xbf") and not plain.read_bytes().startswith(b"\xef\xbb\xbf")
    escaped = list(csv.DictReader(io.StringIO(default.read_text(encoding="utf-8-sig"))))
    raw = list(csv.DictReader(io.StringIO(plain.read_text(encoding="utf8"))))
    assert escaped and escaped[0]["doc_id"] == "'=cmd|x" and raw[0]["doc_id"] == "=cmd|x"
