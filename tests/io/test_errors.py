"""Mistakes on the command line (issue 21): one line on stderr, exit code 2,
before the pipeline loads; output that exists is not overwritten without
--force; the input is never overwritten; a full disk is one line (exit 3)."""
import csv
import io
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

import marsad.cli
import marsad.cli.extract_command

runner = CliRunner()
ARTICLE = "قتل 5 جنود في هجوم على مدينة حلب"


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"id": "a", "text": ARTICLE}, ensure_ascii=False) + "\n", encoding="utf8")
    return path


@pytest.fixture
def no_pipeline(monkeypatch):
    """Fail the test if the pipeline loads: these checks must come first."""
    def refuse(model):
        raise AssertionError("the pipeline was loaded before the check")
    monkeypatch.setattr(marsad.cli.extract_command, "_load_pipeline", refuse)


def one_line_error(result, code="E0"):
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 2, result.stderr
    assert len(lines) == 1 and code in lines[0], result.stderr
    return lines[0]


def run_checked(*args):
    result = runner.invoke(marsad.cli.app, list(map(str, args)))
    return result


def test_output_directory_missing(article, no_pipeline):
    line = one_line_error(run_checked("extract", article, "-o", "/nonexistent/dir/x"), "E017")
    assert "/nonexistent/dir" in line


def test_unknown_model_name(article, no_pipeline):
    one_line_error(run_checked("extract", article, "--model", "typo"), "E020")


def test_model_directory_missing_or_incomplete(article, tmp_path, no_pipeline):
    one_line_error(run_checked("extract", article, "--model", tmp_path / "nowhere" / "model"), "E020")
    model = tmp_path / "model"
    model.mkdir()
    (model / "meta.json").write_text("{}")
    line = one_line_error(run_checked("extract", article, "--model", model), "E021")
    assert "config.cfg" in line


def test_truncated_model_is_one_line(article, tmp_path, nlp):
    model = tmp_path / "model"
    nlp.to_disk(model)
    files = [p for p in model.rglob("*") if p.is_file() and p.stat().st_size > 1000 and p.name != "config.cfg"]
    for path in files:
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])
    line = one_line_error(run_checked("extract", article, "--model", model), "E022")
    assert str(model) in line


def test_csv_without_text_column_lists_the_columns(tmp_path, no_pipeline):
    path = tmp_path / "news.csv"
    path.write_text("id,body,published\n1,%s,2025-04-14\n2,%s,2025-04-15\n" % (ARTICLE, ARTICLE), encoding="utf8")
    line = one_line_error(run_checked("extract", path), "E013")
    assert "'body'" in line and "'published'" in line and "--text-column" in line


def test_cp1256_input_hints_at_the_encoding(tmp_path, no_pipeline):
    for name in ("news.txt", "news.csv", "news.jsonl"):
        path = tmp_path / name
        content = {"news.txt": ARTICLE, "news.csv": f"id,text\n1,{ARTICLE}\n",
                   "news.jsonl": json.dumps({"id": "a", "text": ARTICLE}, ensure_ascii=False)}[name]
        path.write_bytes(content.encode("cp1256"))
        line = one_line_error(run_checked("extract", path), "E014")
        assert "--encoding cp1256" in line


def test_bad_date_names_the_option(article, no_pipeline):
    line = one_line_error(run_checked("extract", article, "--date", "14/04/2025"), "E023")
    assert "--date" in line and "YYYY-MM-DD" in line and "Record" not in line


def test_empty_directory_is_an_error(tmp_path, no_pipeline):
    (tmp_path / "empty").mkdir()
    line = one_line_error(run_checked("extract", tmp_path / "empty"), "E015")
    assert "no .txt files" in line


def test_unknown_encoding_and_format(article, no_pipeline):
    one_line_error(run_checked("extract", article, "--encoding", "klingon"), "E025")
    one_line_error(run_checked("extract", article, "-f", "xml"), "E008")


def test_existing_output_needs_force_and_input_is_never_overwritten(article, tmp_path, no_pipeline):
    out = tmp_path / "out.jsonl"
    out.write_text("precious\n")
    line = one_line_error(run_checked("extract", article, "-o", out), "E018")
    assert "--force" in line and out.read_text() == "precious\n"
    one_line_error(run_checked("extract", article, "-o", article, "--force"), "E019")
    assert ARTICLE in article.read_text(encoding="utf8")


def test_resume_refuses_a_file_that_is_not_marsad_output_for_this_input(article, tmp_path, no_pipeline):
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "a", "name": "not marsad"}\n')
    line = one_line_error(run_checked("extract", article, "-o", out, "--resume"), "E026")
    assert "not a marsad output record" in line
    out.write_text('{"id": "other", "casualties": [], "places": [], "actors": []}\n')
    line = one_line_error(run_checked("extract", article, "-o", out, "--resume"), "E026")
    assert "'other'" in line


def test_format_is_case_insensitive_and_force_overwrites(cli, article, tmp_path):
    out = tmp_path / "events.csv"
    out.write_text("old")
    result, _ = cli("extract", str(article), "-f", "CSV", "-o", str(out), "--force")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows and rows[0]["doc_id"] == "a" and rows[0]["event_id_cnty"]


def test_text_column_and_encoding_options(cli, tmp_path):
    path = tmp_path / "news.csv"
    path.write_bytes(f"id,body\n1,{ARTICLE}\n".encode("cp1256"))
    result, rows = cli("extract", str(path), "--text-column", "body", "--encoding", "cp1256")
    assert result.exit_code == 0, result.stderr
    assert rows[0]["id"] == "1" and rows[0]["casualties"][0]["count"] == 5


def test_disk_full_is_one_line_exit_3(cli, article):
    result, _ = cli("extract", str(article), "-o", "/dev/full")
    assert result.exit_code == 3
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "E024" in result.stderr and "no space left" in result.stderr


def test_usage_errors_are_one_line_exit_2():
    for args in (["extract", "--bogus", "x"], ["extract"], ["extract", "x", "-j", "0"]):
        proc = subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True, timeout=60)
        assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
        assert "marsad extract" in proc.stderr and "--help" in proc.stderr
