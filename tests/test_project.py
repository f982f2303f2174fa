"""The spaCy project workflow: assemble writes a pipeline that spacy.load() reads back."""
import json
import os
import shutil
import subprocess
import sys

import pytest
import spacy

from conftest import REPO


@pytest.mark.slow
def test_spacy_project_assemble(tmp_path, nlp):
    project = tmp_path / "project"
    project.mkdir()
    for name in ("project.yml", "configs"):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, project / name, symlinks=False)
        else:
            shutil.copy(src, project / name)
    proc = subprocess.run(
        [sys.executable, "-m", "spacy", "project", "run", "assemble", str(project)],
        capture_output=True, text=True, cwd=project,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    pipeline_dir = project / "training" / "marsad-rules"
    assert (pipeline_dir / "config.cfg").exists()
    assembled = spacy.load(pipeline_dir)
    assert assembled.pipe_names == nlp.pipe_names
    text = "قتل 12 عنصرا على الأقل من قوات النظام السوري في هجوم لداعش قرب مدينة الميادين"
    left, right = assembled(text), nlp(text)
    assert json.dumps(left._.casualties) == json.dumps(right._.casualties)
    assert json.dumps(left._.places) == json.dumps(right._.places)
    assert [(e.text, e.label_, e.kb_id_) for e in left.ents] == [(e.text, e.label_, e.kb_id_) for e in right.ents]
    assert left._.casualties[0]["count"] == 12


@pytest.mark.slow
def test_spacy_project_package_installs_and_loads(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(REPO / "project.yml", project / "project.yml")
    shutil.copytree(REPO / "configs", project / "configs", symlinks=False)
    for command in ("assemble", "package"):
        proc = subprocess.run([sys.executable, "-m", "spacy", "project", "run", command, str(project)],
                              capture_output=True, text=True, cwd=project)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    sdist = next((project / "packages").rglob("ar_marsad-*.tar.gz"))
    target = tmp_path / "site"
    # marsad itself is already installed here; the pipeline package goes to a fresh location.
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(sdist)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    check = (
        "import json, spacy; nlp = spacy.load('ar_marsad'); "
        "doc = nlp('قتل 12 عنصرا من قوات النظام قرب مدينة الميادين'); "
        "print(json.dumps([nlp.meta['name'], [c['count'] for c in doc._.casualties], [p['geonameid'] for p in doc._.places], "
        "[s['license'] for s in nlp.meta['sources']]]))"
    )
    env = dict(os.environ, PYTHONPATH=str(target))
    proc = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    name, counts, places, licences = json.loads(proc.stdout.strip().splitlines()[-1])
    assert name == "marsad" and counts == [12] and 173480 in places
    assert "CC BY 4.0" in licences
