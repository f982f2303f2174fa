"""Resuming an interrupted run: every record exactly once, in input order."""
import json
from collections import Counter

import pytest
import srsly

from marsad.io.extract import extract
from marsad.io.records import read_records
from marsad.io.resume import ResumeError, finished_counts, finished_ids, prepare_resume, skip_finished

TEXTS = [
    "قتل 12 عنصرا على الأقل من قوات النظام السوري في هجوم لداعش قرب مدينة الميادين",
    "أصيب 7 مدنيين في قصف على حلب",
    "اعتقلت القوات العراقية 40 مسلحا من تنظيم داعش في الموصل",
    "لقي ثلاثة أطفال حتفهم وأصيب خمسة آخرون في غارة جوية على إدلب",
    "",
]


@pytest.fixture
def input_path(tmp_path):
    """20 JSONL lines: good records, broken lines (fallback ids) and a repeated id."""
    lines = []
    for i in range(17):
        lines.append(json.dumps({"id": f"r{i}", "text": TEXTS[i % len(TEXTS)]}, ensure_ascii=False))
    lines.insert(4, '{"id": "broken", "text": "قتل')
    lines.insert(9, json.dumps({"id": "r3", "text": "أصيب جندي"}, ensure_ascii=False))  # id repeated
    lines.insert(12, json.dumps({"id": "bad-date", "text": "قتل 3", "date": "yesterday"}))
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf8")
    return path


def write(nlp, records, out, mode):
    """What `marsad extract -o out` does: one line per record, flushed as it goes."""
    with out.open(mode, encoding="utf8") as f:
        for result in extract(nlp, records, batch_size=4):
            f.write(srsly.json_dumps(result) + "\n")


@pytest.fixture
def reference(nlp, input_path, tmp_path):
    out = tmp_path / "reference.jsonl"
    write(nlp, read_records(input_path), out, "w")
    return out.read_bytes()


def interrupted(reference: bytes, n_lines: int, cut: int) -> bytes:
    """The first n_lines complete lines, then `cut` bytes of the next one."""
    lines = reference.splitlines(keepends=True)
    return b"".join(lines[:n_lines]) + lines[n_lines][:cut]


@pytest.mark.parametrize("cut", [1, 7, 40, -1])
def test_resume_after_interruption(nlp, input_path, reference, tmp_path, cut):
    lines = reference.splitlines(keepends=True)
    assert len(lines) == 20
    if cut == -1:
        cut = len(lines[10]) - 1  # everything but the newline: a complete record
    out = tmp_path / "out.jsonl"
    out.write_bytes(interrupted(reference, 10, cut))

    done = prepare_resume(out)
    written = [json.loads(line)["id"] for line in lines[:10]]
    if cut == len(lines[10]) - 1:
        written.append(json.loads(lines[10])["id"])
    assert done == set(written)
    assert done.counts == Counter(written)
    assert out.read_bytes() == b"".join(lines[: len(written)])  # the broken tail is gone

    write(nlp, skip_finished(read_records(input_path), done), out, "a")
    assert out.read_bytes() == reference
    ids = [json.loads(line)["id"] for line in out.read_bytes().splitlines()]
    assert ids == [json.loads(line)["id"] for line in lines]


def test_cut_inside_a_multibyte_character(reference, tmp_path):
    # srsly escapes non-ASCII, but a writer with ensure_ascii=False leaves raw UTF-8.
    lines = reference.splitlines(keepends=True)
    line = json.dumps(json.loads(lines[3]), ensure_ascii=False).encode("utf8") + b"\n"
    arabic = next(i for i, byte in enumerate(line) if byte >= 0x80)
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"".join(lines[:3]) + line[: arabic + 1])  # half of a 2-byte character
    assert finished_ids(out) == {json.loads(l)["id"] for l in lines[:3]}
    assert len(prepare_resume(out)) == 3
    assert out.read_bytes() == b"".join(lines[:3])


def test_repeated_ids_resume_by_count(nlp, input_path, reference, tmp_path):
    lines = reference.splitlines(keepends=True)
    ids = [json.loads(line)["id"] for line in lines]
    assert ids.count("r3") == 2
    first, second = [i for i, x in enumerate(ids) if x == "r3"]
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"".join(lines[: first + 2]))  # the first "r3" was written, the second not
    done = prepare_resume(out)
    assert done.counts["r3"] == 1
    write(nlp, skip_finished(read_records(input_path), done), out, "a")
    assert out.read_bytes() == reference


def test_nothing_to_resume(nlp, input_path, reference, tmp_path):
    missing = tmp_path / "missing.jsonl"
    assert prepare_resume(missing) == set() and not missing.exists()
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    assert prepare_resume(empty) == set()
    write(nlp, skip_finished(read_records(input_path), prepare_resume(empty)), empty, "a")
    assert empty.read_bytes() == reference
    # A finished file: nothing left to do, nothing changed.
    assert list(skip_finished(read_records(input_path), prepare_resume(empty))) == []
    assert empty.read_bytes() == reference


def test_trailing_blank_lines_and_crlf(reference, tmp_path):
    lines = reference.splitlines(keepends=True)
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"".join(lines[:5]) + b"\n\n  \n")
    assert finished_counts(out) == Counter(json.loads(l)["id"] for l in lines[:5])
    prepare_resume(out)
    assert out.read_bytes() == b"".join(lines[:5])
    crlf = tmp_path / "crlf.jsonl"
    crlf.write_bytes(b"".join(l.rstrip(b"\n") + b"\r\n" for l in lines[:5]))
    assert len(prepare_resume(crlf)) == 5


def test_broken_line_in_the_middle_is_refused(reference, tmp_path):
    lines = reference.splitlines(keepends=True)
    out = tmp_path / "out.jsonl"
    content = b"".join(lines[:3]) + b'{"id": "x", "casu\n' + b"".join(lines[3:6])
    out.write_bytes(content)
    with pytest.raises(ResumeError, match="E012"):
        prepare_resume(out)
    assert out.read_bytes() == content  # untouched
    not_ours = tmp_path / "other.jsonl"
    not_ours.write_bytes(b'[1, 2]\n{"id": "a"}\n')
    with pytest.raises(ResumeError):
        finished_ids(not_ours)


def test_skip_finished_with_a_plain_set_and_dicts():
    records = [{"id": "a"}, {"id": "b"}, {"id": 3}, {"id": "a"}]
    assert list(skip_finished(records, {"a", "3"})) == [{"id": "b"}]
    assert list(skip_finished(records, Counter({"a": 1}))) == [{"id": "b"}, {"id": 3}, {"id": "a"}]


# ------------------------------------------------------------------ is it ours?
def test_check_resumable_accepts_marsad_output_of_this_input(tmp_path):
    from marsad.io.resume import check_resumable

    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "b", "casualties": [], "places": [], "actors": [], "error": "[E003] ..."}\n')
    check_resumable(out, "a", lambda: iter(["a", "b", "c"]))  # the input changed: b is still in it
    out.write_text('{"id": "a", "casual')  # interrupted during the first record
    check_resumable(out, "a", lambda: iter(["a"]))
    check_resumable(tmp_path / "missing.jsonl", "a", lambda: iter(["a"]))


@pytest.mark.parametrize("content, why", [
    ('{"id": "a", "title": "x"}\n', "not a marsad output record"),
    ("id,text\n1,x\n", "not a marsad output record"),
    ('{"id": "zz", "casualties": [], "places": [], "actors": []}\n', "'zz' is not in the input"),
])
def test_check_resumable_refuses_other_files(tmp_path, content, why):
    from marsad.io.resume import ResumeError, check_resumable

    out = tmp_path / "out.jsonl"
    out.write_text(content)
    with pytest.raises(ResumeError, match="E026") as err:
        check_resumable(out, "a", lambda: iter(["a", "b"]))
    assert why in str(err.value)
    assert out.read_text() == content  # untouched
