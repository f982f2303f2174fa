"""One `marsad` command with sub-commands (issue 17 item 5): extract, evaluate,
evaluate-ner, gazetteer build|lookup, train corpora|vectors|ner-lexicon|person-names;
`marsad --version` and `python -m marsad`. The forwarding commands run the
modules' own mains, so their options and --help are the modules' own."""
import subprocess
import sys
from importlib.metadata import version

import pytest


def marsad(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True, timeout=timeout)


def test_version_and_help():
    proc = marsad("--version")
    assert proc.returncode == 0 and proc.stdout.strip() == f"marsad {version('marsad')}"
    proc = marsad("--help")
    assert proc.returncode == 0
    for command in ("extract", "evaluate", "evaluate-ner", "gazetteer", "train"):
        assert command in proc.stdout


@pytest.mark.parametrize("args, usage", [
    (["gazetteer", "build", "--help"], "--min-population"),
    (["gazetteer", "lookup", "--help"], "--gazetteer"),
    (["train", "vectors", "--help"], "raw_text"),
    (["train", "corpora", "--help"], "usage:"),
    (["train", "ner-lexicon", "--help"], "usage:"),
    (["evaluate-ner", "--help"], "usage:"),
    (["evaluate", "--help"], "--model"),
])
def test_sub_commands_forward_to_the_modules(args, usage):
    proc = marsad(*args)
    assert proc.returncode == 0, proc.stderr
    assert usage in proc.stdout


def test_forwarded_errors_keep_the_modules_exit_codes():
    proc = marsad("train", "person-names")
    assert proc.returncode == 1 and "usage" in proc.stderr
    proc = marsad("gazetteer", "build", "--min-population", "7")
    assert proc.returncode == 2 and "invalid choice" in proc.stderr
    proc = marsad("evaluate", "/nonexistent/gold.jsonl")
    assert proc.returncode == 2 and "E001" in proc.stderr


def test_gazetteer_lookup_runs(tmp_path):
    proc = marsad("gazetteer", "lookup", "حلب", "--json", timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert '"geonameid": 170063' in proc.stdout


def test_python_m_marsad_cli_still_works():
    proc = subprocess.run([sys.executable, "-m", "marsad.cli", "--version"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.startswith("marsad ")
