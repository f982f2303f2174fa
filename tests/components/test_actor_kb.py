"""Actor knowledge base: validity periods, user files added to the shipped base."""
import json

import pytest
import marsad
from marsad.components.actors import ActorKB, extend_actors, validate_actor_records
from marsad.components.actors.kb import actor_from_record, overlapping_aliases
from marsad.errors import MarsadError
from marsad.resources import read_jsonl
from marsad.text.orthography import normalize

MILITIA = {
    "actor_id": "XX_TEST_HAWKS",
    "name": "Test Valley Hawks",
    "type": "political_militia",
    "country": "SY",
    "aliases": ["صقور الوادي الأخضر"],
}


def write_jsonl(path, records):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf8")
    return path


def test_shared_aliases_never_name_two_identities_at_once():
    kb = ActorKB.load()
    assert overlapping_aliases(kb.by_id.values(), normalize) == []


def test_validity_period():
    actor = actor_from_record({**MILITIA, "valid_from": "2013-08", "valid_to": "2024-12-08"})
    assert not actor.valid_on("2013-07-31")
    assert actor.valid_on("2013-08-01") and actor.valid_on("2024-12-07")
    assert not actor.valid_on("2024-12-08")
    assert actor.valid_on(None)


def test_validation_reports_bad_dates_and_types():
    problems = validate_actor_records([{**MILITIA, "valid_from": "last year", "type": "army"}])
    assert any("valid_from" in p for p in problems) and any("type" in p for p in problems)


def test_user_actors_are_added_to_the_shipped_base(tmp_path):
    path = write_jsonl(tmp_path / "mine.jsonl", [MILITIA])
    kb = ActorKB.load(extra_actors_path=path)
    assert "XX_TEST_HAWKS" in kb.by_id
    assert len(kb) == len(ActorKB.load()) + 1
    assert "SD_RSF" in kb.by_id


def test_extra_actors_path_in_the_config(tmp_path):
    path = write_jsonl(tmp_path / "mine.jsonl", [MILITIA])
    nlp = marsad.load(overrides={"components.marsad_actor_ruler.extra_actors_path": str(path)})
    doc = nlp("هاجمت صقور الوادي الأخضر مواقع قوات الدعم السريع.")
    assert {a["actor_id"] for a in doc._.actors} >= {"XX_TEST_HAWKS", "SD_RSF"}


def test_extend_a_loaded_pipeline(tmp_path):
    nlp = marsad.load()
    extend_actors(nlp, actors_path=write_jsonl(tmp_path / "mine.jsonl", [MILITIA]))
    doc = nlp("هاجمت صقور الوادي الأخضر مواقع قوات الدعم السريع.")
    assert {a["actor_id"] for a in doc._.actors} >= {"XX_TEST_HAWKS", "SD_RSF"}


@pytest.mark.parametrize(
    "records,message",
    [
        ([{**MILITIA, "type": "army"}], "type 'army'"),
        ([{**MILITIA, "affiliation": ["NOPE"]}], "affiliation 'NOPE'"),
        ([{k: v for k, v in MILITIA.items() if k != "aliases"}], "aliases"),
    ],
)
def test_bad_user_file_is_a_one_line_error(tmp_path, records, message):
    path = write_jsonl(tmp_path / "bad.jsonl", records)
    with pytest.raises(MarsadError) as err:
        ActorKB.load(extra_actors_path=path)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_missing_user_file_is_a_one_line_error(tmp_path):
    with pytest.raises(MarsadError, match="not found"):
        ActorKB.load(extra_sources_path=tmp_path / "none.jsonl")


def test_kb_travels_with_the_pipeline(tmp_path):
    nlp = marsad.load()
    extend_actors(nlp, actors_path=write_jsonl(tmp_path / "mine.jsonl", [MILITIA]))
    nlp.get_pipe("marsad_actor_ruler").to_disk(tmp_path / "ruler")
    other = marsad.load()
    ruler = other.get_pipe("marsad_actor_ruler").from_disk(tmp_path / "ruler")
    assert ruler.kb["XX_TEST_HAWKS"].name == "Test Valley Hawks"
    assert ruler.kb["SY_GOV"].valid_to == "2024-12-08"


def test_shipped_files_validate():
    actors = read_jsonl("actors.jsonl")
    assert validate_actor_records(actors) == []
    assert len(actors) >= 300


def test_sources_speak_for_known_actors():
    kb = ActorKB.load()
    for row in read_jsonl("sources.jsonl"):
        target = row.get("speaks_for")
        if target is not None:
            assert target == "NATIONAL_FORCES" or kb.by_id[target].label == "ACTOR", row["source_id"]


def test_validation_reports_bad_speaker_and_dated_only():
    problems = validate_actor_records([{**MILITIA, "dated_only": "yes"}])
    assert any("dated_only" in p for p in problems)
