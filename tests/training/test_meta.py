"""Pipeline metadata and the clear message for project commands that need training first."""
import json
import subprocess
import sys

from marsad.training.meta import fill_meta, rules_meta, write_meta


def test_default_pipeline_meta_names_itself_and_its_sources(nlp):
    assert nlp.meta["name"] == "marsad_rules" and nlp.meta["version"] != "0.0.0"
    assert "GeoNames" in json.dumps(nlp.meta["sources"]) and "MIT" in nlp.meta["license"]
    assert nlp.meta["lang"] == "ar" and nlp.meta["pipeline"] == nlp.pipe_names  # spaCy's own keys kept


def test_write_meta_fills_an_assembled_pipelines_meta(tmp_path):
    (tmp_path / "meta.json").write_text(json.dumps({"lang": "ar", "name": "pipeline", "version": "0.0.0", "pipeline": ["x"]}))
    write_meta(tmp_path)
    meta = json.loads((tmp_path / "meta.json").read_text())
    assert meta["name"] == "marsad_rules" and meta["version"] == rules_meta()["version"] and meta["pipeline"] == ["x"]
    assert fill_meta({"name": "a", "spacy_version": "x"}, {"name": "b", "lang": "en"}) == {"name": "b", "spacy_version": "x"}


def test_require_says_which_commands_make_a_missing_model(tmp_path):
    missing = tmp_path / "training" / "ner" / "model-best"
    proc = subprocess.run([sys.executable, "-m", "marsad.training.meta", "--require", str(missing), "spacy project run train"],
                          capture_output=True, text=True)
    assert proc.returncode == 1 and "spacy project run train" in proc.stderr and "assemble-rules" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    ok = subprocess.run([sys.executable, "-m", "marsad.training.meta", "--require", str(tmp_path), "x"], capture_output=True)
    assert ok.returncode == 0
