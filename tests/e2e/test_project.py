"""The spaCy project workflows: the rules-only assembly, and `all` from the shared corpora to an installed ar_marsad."""
import json
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import spacy

from conftest import DATA_DIR, REPO, need


@pytest.mark.slow
def test_spacy_project_assemble_rules(tmp_path, nlp):
    project = tmp_path / "project"
    project.mkdir()
    for name in ("project.yml", "configs"):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, project / name, symlinks=False)
        else:
            shutil.copy(src, project / name)
    proc = subprocess.run(
        [sys.executable, "-m", "spacy", "project", "run", "assemble-rules", str(project)],
        capture_output=True, text=True, cwd=project,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    pipeline_dir = project / "training" / "marsad-rules"
    assert (pipeline_dir / "config.cfg").exists()
    assert json.loads((pipeline_dir / "meta.json").read_text())["name"] == "marsad_rules"
    packaged = subprocess.run([sys.executable, "-m", "spacy", "project", "run", "package-rules", str(project)],
                              capture_output=True, text=True, cwd=project)
    assert packaged.returncode == 0, packaged.stdout + packaged.stderr
    assert list((project / "packages").glob("ar_marsad_rules-*/dist/ar_marsad_rules-*.tar.gz"))
    assembled = spacy.load(pipeline_dir)
    assert assembled.pipe_names == nlp.pipe_names
    text = "قتل 12 عنصرا على الأقل من قوات النظام السوري في هجوم لداعش قرب مدينة الميادين"
    left, right = assembled(text), nlp(text)
    assert json.dumps(left._.casualties) == json.dumps(right._.casualties)
    assert json.dumps(left._.places) == json.dumps(right._.places)
    assert [(e.text, e.label_, e.kb_id_) for e in left.ents] == [(e.text, e.label_, e.kb_id_) for e in right.ents]
    assert left._.casualties[0]["count"] == 12


@pytest.mark.slow
def test_spacy_project_all_trains_packages_and_installs(tmp_path):
    """preprocess -> vectors -> pretrain -> train -> finetune -> assemble -> evaluate -> package on the
    shared corpora (a short training run), then pip install of the sdist into a
    fresh virtualenv and spacy.load("ar_marsad") there."""
    need(DATA_DIR / "ner" / "anercorp" / "train.tsv")
    need(DATA_DIR / "news" / "dev.jsonl")
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(REPO / "project.yml", project / "project.yml")
    shutil.copytree(REPO / "configs", project / "configs", symlinks=False)
    quick = ["--vars.data_dir", str(DATA_DIR), "--vars.train_max_steps", "30", "--vars.eval_frequency", "10",
             "--vars.vectors_epoch", "1", "--vars.pretrain_epochs", "1",
             "--vars.pretrain_limit", "300", "--vars.finetune_max_steps", "20", "--vars.finetune_eval_frequency", "10"]
    proc = subprocess.run([sys.executable, "-m", "spacy", "project", "run", "all", str(project), *quick],
                          capture_output=True, text=True, cwd=project)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    for metrics in ("ner_test.json", "ner_test_docs.json", "ner_test_conll.json", "ner_test_docs_conll.json"):
        scores = json.loads((project / "metrics" / metrics).read_text())
        assert set(scores["ents_per_type"]) <= {"PERS", "LOC", "ORG", "MISC"}
    assert json.loads((project / "metrics" / "dev.json").read_text())
    sdist = next((project / "packages").rglob("ar_marsad-*.tar.gz"))

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    venv_python = venv / "bin" / "python"
    venv_site = subprocess.run([str(venv_python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip()
    # marsad and spaCy come from this environment (addsitedir also runs its .pth files, such as the
    # editable install's); the pipeline package is installed into the new venv only.
    outer = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    (Path(venv_site) / "outer.pth").write_text(
        "".join(f"import site; site.addsitedir({path!r})\n" for path in outer))
    # This environment's pip and setuptools build the sdist (no download) and install it into the new venv.
    proc = subprocess.run([sys.executable, "-m", "pip", "--python", str(venv_python), "install", "--quiet", "--no-deps",
                           "--no-build-isolation", str(sdist)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    check = (
        "import json, spacy; nlp = spacy.load('ar_marsad'); "
        "doc = nlp('قتل 12 عنصرا من قوات النظام قرب مدينة الميادين'); "
        "print(json.dumps([nlp.meta['name'], nlp.pipe_names, spacy.util.get_package_path('ar_marsad').as_posix(), "
        "[c['count'] for c in doc._.casualties], [p['geonameid'] for p in doc._.places], "
        "[s['license'] for s in nlp.meta['sources']], nlp.vocab.vectors.mode, nlp('الرئيس')[0].shape_]))"
    )
    proc = subprocess.run([str(venv_python), "-c", check], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    name, pipes, location, counts, places, licences, vectors_mode, shape = json.loads(proc.stdout.strip().splitlines()[-1])
    assert name == "marsad" and location.startswith(venv.as_posix())
    assert pipes[:5] == ["marsad_normalizer", "tok2vec", "ner", "entity_ruler", "marsad_name_propagation"]
    assert "marsad_event_builder" in pipes
    assert counts == [12] and 173480 in places
    assert {"CC BY 4.0", "CC BY-SA 4.0", "CC BY-SA 3.0", "MIT"} <= set(licences)
    assert vectors_mode == "floret"
    assert shape.startswith("xxxx|")  # the frequency band the NER was trained with
