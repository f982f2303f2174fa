import os
import tempfile
from pathlib import Path

import pytest
import spacy

# Tests never read or write the user's cache: one temporary gazetteer cache per test session
# (compiled once, a few seconds); set MARSAD_CACHE_DIR to reuse one across sessions.
os.environ.setdefault("MARSAD_CACHE_DIR", tempfile.mkdtemp(prefix="marsad-test-cache-"))

import marsad  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("MARSAD_DATA_DIR", REPO.parent / "shared" / "data"))
SEED_ARTICLE = DATA_DIR / "news" / "seed_article.txt"
DEV_SET = DATA_DIR / "news" / "dev.jsonl"
PARAGRAPHS = DATA_DIR / "news" / "paragraphs.jsonl"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"shared data file {path} is not available (set MARSAD_DATA_DIR)")
    return path


@pytest.fixture(scope="session")
def nlp():
    """The default pipeline, built once per test session."""
    return marsad.load()


@pytest.fixture(scope="session")
def tokenizer_nlp():
    """A blank Arabic pipeline with marsad's tokenizer and normaliser only."""
    import marsad.components.normalizer  # noqa: F401
    import marsad.components.tokenizer  # noqa: F401

    pipeline = spacy.blank("ar", config={"nlp": {"tokenizer": {"@tokenizers": "marsad.ArabicTokenizer.v1"}}})
    pipeline.add_pipe("marsad_normalizer")
    return pipeline


@pytest.fixture(scope="session")
def seed_text():
    return need(SEED_ARTICLE).read_text(encoding="utf8")


@pytest.fixture
def cli(nlp, monkeypatch):
    """Run the marsad CLI in-process with the session's pipeline (loading it per call is slow)."""
    import json

    from typer.testing import CliRunner

    import marsad.cli
    import marsad.cli.extract_command

    monkeypatch.setattr(marsad.cli.extract_command, "_load_pipeline", lambda model: nlp)
    runner = CliRunner()

    def run(*args, input=None):
        result = runner.invoke(marsad.cli.app, list(args), input=input)
        rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
        return result, rows

    return run
