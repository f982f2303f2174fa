"""100 invented sentences (2011-2026, every region): the expected actor ids, and
phrases that must not be actors (ministries, NGOs, parties, sources)."""
import json
from pathlib import Path

import pytest

SENTENCES = [
    json.loads(line)
    for line in (Path(__file__).parent / "data" / "invented_actor_sentences.jsonl").read_text(encoding="utf8").splitlines()
    if line.strip()
]


def _overlaps(record, start, end):
    return record["start_char"] < end and start < record["end_char"]


@pytest.mark.parametrize("case", SENTENCES, ids=[f"{s['country']}-{s['date']}-{i}" for i, s in enumerate(SENTENCES)])
def test_invented_sentence(nlp, case):
    doc = nlp.make_doc(case["text"])
    doc._.date = case["date"]
    doc = nlp(doc)
    for expected in case["expected"]:
        start = case["text"].index(expected["text"])
        found = [a for a in doc._.actors if _overlaps(a, start, start + len(expected["text"]))]
        assert found, f"{expected['text']} not found in {doc._.actors}"
        assert expected["actor_id"] in {a["actor_id"] for a in found}, (expected, found)
    for phrase in case["not_actors"]:
        start = case["text"].index(phrase)
        assert not [a for a in doc._.actors if _overlaps(a, start, start + len(phrase))], phrase
