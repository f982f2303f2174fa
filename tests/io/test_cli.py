"""`marsad extract`: every input record gives one output record, bad ones an error record."""
import json
import subprocess
import sys

import pytest

from conftest import REPO


def test_example_file_subprocess(tmp_path):
    out = tmp_path / "out.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "marsad.cli", "extract", str(REPO / "examples" / "news.jsonl"), "-o", str(out)],
        capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf8").splitlines()]
    assert [r["id"] for r in rows] == ["example-1", "example-2", "example-3"]
    first = rows[0]
    assert {"id", "casualties", "places", "actors"} <= set(first)
    killed = [c for c in first["casualties"] if c["status"] == "killed"]
    assert killed and killed[0]["count"] == 12 and killed[0]["qualifier"] == "at_least"
    assert killed[0]["victim_side"]["actor_id"] == "SY_GOV"
    assert any(p["geonameid"] == 173480 for p in first["places"])
    keys = {"status", "count", "qualifier", "victim_type", "victim_side", "perpetrator", "place", "negated", "aggregate", "text", "start_char", "end_char"}
    assert keys <= set(killed[0])


def test_broken_jsonl_lines_become_error_records(cli, tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "قتل 4 جنود في هجوم على مدينة الرمادي"}, ensure_ascii=False),
        '{"id": "b", "text": "broken',
        json.dumps({"id": "c"}),
        "[1, 2, 3]",
        json.dumps({"id": "d", "text": "أصيب 7 مدنيين في قصف على حلب", "date": "not-a-date"}, ensure_ascii=False),
        json.dumps({"id": "e", "text": "أصيب 7 مدنيين في قصف على حلب", "date": "2015-08-01"}, ensure_ascii=False),
        json.dumps({"id": "f", "text": ""}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf8")
    result, rows = cli("extract", str(path))
    assert result.exit_code == 1
    assert [r["id"] for r in rows] == ["a", "batch:2", "c", "batch:4", "d", "e", "f"]
    errors = {r["id"]: r["error"] for r in rows if "error" in r}
    assert set(errors) == {"batch:2", "c", "batch:4", "d"}
    assert "E002" in errors["batch:2"] and "E003" in errors["c"] and "E004" in errors["batch:4"] and "E009" in errors["d"]
    good = {r["id"]: r for r in rows if "error" not in r}
    assert good["a"]["casualties"][0]["count"] == 4
    assert good["e"]["casualties"][0]["status"] == "injured" and good["e"]["date"] == "2015-08-01"
    assert good["f"]["casualties"] == []
    assert "4 of 7 records failed" in result.stderr


def test_missing_file_exits_2(cli, tmp_path):
    result, rows = cli("extract", str(tmp_path / "nope.jsonl"))
    assert result.exit_code == 2
    assert "E001" in result.stderr and rows == []


def test_unsupported_suffix(cli, tmp_path):
    path = tmp_path / "data.xlsx"
    path.write_bytes(b"PK\x03\x04")
    result, _ = cli("extract", str(path))
    assert result.exit_code == 2 and "E006" in result.stderr


def test_directory_of_text_files_and_invalid_utf8(cli, tmp_path):
    (tmp_path / "a.txt").write_text("قتل 3 مدنيين في قصف على مدينة تعز", encoding="utf8")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe\x00broken \xc3\x28")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "c.txt").write_text("اعتقال 5 أشخاص في بغداد", encoding="utf8")
    result, rows = cli("extract", str(tmp_path))
    assert result.exit_code == 1
    assert [r["id"] for r in rows] == ["a", "b", "sub/c"]
    assert "E014" in rows[1]["error"]
    assert rows[0]["casualties"][0]["count"] == 3
    assert rows[2]["casualties"][0]["status"] == "captured"


def test_stdin_text_and_jsonl(cli):
    result, rows = cli("extract", "-", input="قتل 3 مدنيين في قصف على مدينة تعز")
    assert result.exit_code == 0 and rows[0]["id"] == "stdin" and rows[0]["casualties"][0]["count"] == 3
    result, rows = cli("extract", "-", input='{"id": "x", "text": "مقتل جنديين"}\n{"id": "y", "text": "إصابة مدني"}\n')
    assert [r["id"] for r in rows] == ["x", "y"]
    assert rows[0]["casualties"][0]["count"] == 2 and rows[1]["casualties"][0]["count"] == 1


def test_csv_input_and_output_file(cli, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text('id,text,date\n1,"قتل 9 مسلحين من داعش قرب الموصل",2015-07-30\n', encoding="utf8")
    out = tmp_path / "out.jsonl"
    result, _ = cli("extract", str(path), "-o", str(out))
    assert result.exit_code == 0
    row = json.loads(out.read_text(encoding="utf8"))
    assert row["id"] == "1" and row["casualties"][0]["count"] == 9
    assert row["casualties"][0]["victim_side"]["actor_id"] == "IS"


def test_long_document_is_split_not_refused(cli, tmp_path):
    sentence = "قتل 3 مدنيين في قصف على مدينة تعز. "
    text = sentence * 4000  # ~140,000 characters: several chunks
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf8")
    result, rows = cli("extract", str(path))
    assert result.exit_code == 0
    facts = rows[0]["casualties"]
    assert facts and all(text[f["start_char"]:f["end_char"]] == f["text"] for f in facts)
    places = rows[0]["places"]
    assert places[-1]["start_char"] > 100_000
    assert text[places[-1]["start_char"]:places[-1]["end_char"]] == "تعز"


@pytest.mark.parametrize("fmt", ["csv", "geojson", "html"])
def test_output_formats(cli, tmp_path, fmt):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "t", "text": "قتل 3 مدنيين في قصف على مدينة تعز أمس", "date": "2015-07-20"}, ensure_ascii=False) + "\n", encoding="utf8")
    out = tmp_path / f"out.{fmt}"
    result, _ = cli("extract", str(path), "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    content = out.read_text(encoding="utf8")
    if fmt == "csv":
        import csv

        rows = list(csv.DictReader(content.splitlines()))
        assert rows[0]["event_date"] == "2015-07-19" and rows[0]["deaths_civilians"] == "3"
    elif fmt == "geojson":
        assert json.loads(content)["features"][0]["properties"]["location_ar"] == "تعز"
    else:
        assert content.startswith("<!DOCTYPE html>") and "تعز" in content


def test_bad_format_and_date(cli, tmp_path):
    path = tmp_path / "in.txt"
    path.write_text("قتل 3 مدنيين", encoding="utf8")
    result, _ = cli("extract", str(path), "--format", "xml")
    assert result.exit_code == 2 and "E008" in result.stderr
    result, _ = cli("extract", str(path), "--date", "19/04/2018")
    assert result.exit_code == 2 and "E023" in result.stderr
    assert "--date" in result.stderr and "YYYY-MM-DD" in result.stderr and "line" not in result.stderr


def test_default_date_resolves_relative_dates(cli, tmp_path):
    path = tmp_path / "in.txt"
    path.write_text("قتل 4 مدنيين في قصف على مدينة حلب أمس", encoding="utf8")
    result, rows = cli("extract", str(path), "--date", "2015-08-02")
    assert result.exit_code == 0
    assert rows[0]["events"][0]["event_date"] == "2015-08-01"


def test_resume_skips_finished_records(cli, tmp_path):
    path = tmp_path / "in.jsonl"
    texts = ["قتل 3 مدنيين في حلب", "أصيب 4 جنود في الرمادي", "اعتقال 5 أشخاص في بغداد"]
    path.write_text("".join(json.dumps({"id": f"r{i}", "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(texts)), encoding="utf8")
    out = tmp_path / "out.jsonl"
    result, _ = cli("extract", str(path), "-o", str(out))
    assert result.exit_code == 0
    complete = out.read_text(encoding="utf8").splitlines()
    # An interrupted run: the first record written, the second cut off mid-line.
    out.write_text(complete[0] + "\n" + complete[1][:25], encoding="utf8")
    result, _ = cli("extract", str(path), "-o", str(out), "--resume")
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf8").splitlines() == complete


def test_resume_needs_an_output_file(cli, tmp_path):
    path = tmp_path / "in.txt"
    path.write_text("قتل 3 مدنيين", encoding="utf8")
    result, _ = cli("extract", str(path), "--resume")
    assert result.exit_code == 2


def test_dask_engine_gives_the_local_results(cli, tmp_path):
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    path = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": f"r{i}", "text": f"قتل {i + 2} مدنيين في قصف على مدينة تعز"}, ensure_ascii=False) for i in range(6)]
    lines.insert(3, '{"id": "broken"')
    path.write_text("\n".join(lines) + "\n", encoding="utf8")
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    first, _ = cli("extract", str(path), "-o", str(local))
    second = subprocess.run(
        [sys.executable, "-m", "marsad.cli", "extract", str(path), "-o", str(dask), "--engine", "dask", "-j", "2"],
        capture_output=True, text=True,
    )
    assert first.exit_code == 1 and second.returncode == 1  # the broken line is reported, not lost
    assert dask.read_text(encoding="utf8") == local.read_text(encoding="utf8")


@pytest.mark.slow
def test_issue_22_non_finite_number_subprocess(tmp_path):
    """The command from issue 22 row 1: 3 lines out of 3, exit 0."""
    path = tmp_path / "inf.jsonl"
    path.write_text('{"id":"a","text":"قتل 5 جنود"}\n{"id":"b","text":"x","score":1e400}\n{"id":"c","text":"x"}\n',
                    encoding="utf8")
    out = tmp_path / "o.jsonl"
    proc = subprocess.run([sys.executable, "-m", "marsad", "extract", str(path), "-o", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf8").splitlines()]
    assert [r["id"] for r in rows] == ["a", "b", "c"] and rows[1]["meta"] == {"score": "inf"}
