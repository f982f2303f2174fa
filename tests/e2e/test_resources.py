"""Every resource file shipped with marsad validates."""
import json

import pytest

import marsad

from marsad.components.actors import SOURCE_LABEL, validate_actor_records
from marsad.components.casualties import validate_lexicon
from marsad.geo.gazetteer import validate_record
from marsad.resources import data_path, read_jsonl, read_lines
from marsad.text.orthography import normalize

JSONL_FILES = ["actors.jsonl", "sources.jsonl", "casualty_lexicon.jsonl", "place_words.jsonl",
               "places/countries.jsonl", "places/admin1.jsonl", "places/regions.jsonl"]


@pytest.mark.parametrize("name", JSONL_FILES)
def test_every_line_is_a_json_object(name):
    for number, line in enumerate(data_path(name).read_text(encoding="utf8").splitlines(), start=1):
        if line.strip():
            assert isinstance(json.loads(line), dict), f"{name}:{number}"


def test_actors_validate():
    records = read_jsonl("actors.jsonl")
    assert validate_actor_records(records) == []
    assert len(records) >= 150


def test_sources_validate():
    assert validate_actor_records(read_jsonl("sources.jsonl"), label=SOURCE_LABEL) == []


def test_no_alias_names_two_actors_at_the_same_time():
    from marsad.components.actors.kb import ActorKB, overlapping_aliases

    # the same alias may name two actors of different periods ("الجيش السوري" before and after 2024-12-08)
    assert overlapping_aliases(ActorKB.load().by_id.values(), normalize) == []


def test_validators_catch_problems():
    bad = [{"actor_id": "X", "name": "", "type": "army", "aliases": [], "affiliation": ["NOPE"]}]
    problems = validate_actor_records(bad)
    assert len(problems) == 4
    assert validate_lexicon([{"kind": "action", "phrase": "مقتل"}]) == ["line 1: action needs ['status']"]
    assert validate_lexicon([{"kind": "victim_noun", "phrase": "جندي", "victim_type": "combatant", "number": "many"}])


def test_casualty_lexicon_validates():
    records = read_jsonl("casualty_lexicon.jsonl")
    assert validate_lexicon(records) == []
    statuses = {r["status"] for r in records if r["kind"] == "action"}
    assert statuses == {"killed", "injured", "captured", "missing"}


def test_place_words_have_kinds():
    for record in read_jsonl("place_words.jsonl"):
        assert record["kind"] in ("head", "relative", "preposition")
        assert record["phrase"].strip()
        if record["kind"] == "head":
            assert record["place_kind"]


@pytest.mark.parametrize("name", ["places/admin1.jsonl", "places/regions.jsonl"])
def test_place_supplements_validate(name):
    for number, record in enumerate(read_jsonl(name), start=1):
        validate_record(record)


def test_no_split_list_is_arabic_words():
    words = read_lines("no_split.txt")
    assert len(words) >= 20
    assert all(w[0] in "وفبلك" for w in words)


def test_a_stray_file_in_the_working_directory_changes_nothing(tmp_path, monkeypatch):
    shipped = read_jsonl("casualty_lexicon.jsonl")
    (tmp_path / "casualty_lexicon.jsonl").write_text('{"kind": "action", "phrase": "x", "status": "killed"}\n', encoding="utf8")
    (tmp_path / "actors.jsonl").write_text("not json\n", encoding="utf8")
    monkeypatch.chdir(tmp_path)
    assert read_jsonl("casualty_lexicon.jsonl") == shipped
    assert len(read_jsonl("actors.jsonl")) >= 150
    nlp = marsad.load()
    doc = nlp("قتل 12 عنصرا من قوات النظام السوري في حلب")
    assert [f["count"] for f in doc._.casualties] == [12]
    # an explicit relative path is still read as given
    assert read_jsonl("./casualty_lexicon.jsonl") == [{"kind": "action", "phrase": "x", "status": "killed"}]
