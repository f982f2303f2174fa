"""The spaCy project workflow: assemble writes a pipeline that spacy.load() reads back."""
import json
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
