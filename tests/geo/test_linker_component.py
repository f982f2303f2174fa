"""The marsad_location_linker component's spaCy side: the candidate
generator and the ranker are config arguments (swappable and tunable),
the scorer is registered, serialisation honours `exclude`."""
from __future__ import annotations

import functools

import pytest
import spacy
from spacy.util import registry

import marsad
from marsad.errors import MarsadError
from marsad.geo.ranking import PlaceRanker

TEXT = "سيطرت الفصائل على قرى في محافظة حلب وقصفت الطائرات بلدة كفرنبل"


class FirstMentionOnly(PlaceRanker):
    """A ranker that keeps only the first place of each doc."""

    def __call__(self, doc, mentions):
        return super().__call__(doc, mentions)[:1]


@registry.misc("test_geo.first_mention_only.v1")
def make_first_mention_only():
    return FirstMentionOnly


def linker_names(nlp):
    return [p["text"] for p in nlp(TEXT)._.places]


def test_default_config_names_the_registered_parts(nlp):
    config = nlp.config["components"]["marsad_location_linker"]
    assert config["candidates"] == {"@misc": "marsad.place_candidates.v1"}
    assert config["ranker"]["@misc"] == "marsad.place_ranker.v1"
    assert config["scorer"] == {"@scorers": "marsad.place_scorer.v1"}


def test_swapping_the_ranker_through_the_config(nlp):
    assert len(linker_names(nlp)) == 2
    swapped = marsad.load(overrides={"components.marsad_location_linker.ranker": {
        "@misc": "test_geo.first_mention_only.v1"}})
    assert isinstance(swapped.get_pipe("marsad_location_linker").rank, FirstMentionOnly)
    assert linker_names(swapped) == linker_names(nlp)[:1]


def test_tuning_a_ranker_weight_through_the_config(nlp):
    tuned = marsad.load(overrides={"components.marsad_location_linker.ranker": {
        "@misc": "marsad.place_ranker.v1", "admin_head_admin": -3.0}})
    assert tuned.get_pipe("marsad_location_linker").rank.weights.admin_head_admin == -3.0
    province = [p for p in nlp(TEXT)._.places if p["text"] == "حلب"][0]
    city = [p for p in tuned(TEXT)._.places if p["text"] == "حلب"][0]
    assert province["feature_code"] == "ADM1" and city["feature_code"] != "ADM1"


def test_scorer_from_the_registry(nlp):
    from spacy.training import Example

    doc = nlp(TEXT)
    reference = nlp.make_doc(TEXT)
    reference._.places = [dict(p) for p in doc._.places]
    scores = nlp.get_pipe("marsad_location_linker").score([Example(doc, reference)])
    assert scores["places_f"] == pytest.approx(1.0)


def test_to_disk_honours_exclude(nlp, tmp_path):
    linker = nlp.get_pipe("marsad_location_linker")
    linker.to_disk(tmp_path / "all")
    assert {p.name for p in (tmp_path / "all").iterdir()} == {"gazetteer", "place_words.jsonl"}
    linker.to_disk(tmp_path / "words", exclude=["gazetteer"])
    assert {p.name for p in (tmp_path / "words").iterdir()} == {"place_words.jsonl"}


def test_saved_pipeline_loads_with_the_same_places(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded(TEXT)._.places == nlp(TEXT)._.places


def test_damaged_explicit_gazetteer_fails_with_one_line(nlp, tmp_path):
    path = tmp_path / "gazetteer.bin"
    data = bytearray(nlp.get_pipe("marsad_location_linker").gazetteer.to_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(MarsadError) as err:
        marsad.load(overrides={"paths.gazetteer": str(path)})
    message = str(err.value)
    assert message.startswith("[E027]") and str(path) in message and "\n" not in message


def test_one_linker_serves_threads(nlp):
    from concurrent.futures import ThreadPoolExecutor

    texts = [TEXT, "اشتباكات في طرابلس ومصراتة", "اشتباكات في طرابلس وبيروت"] * 4
    alone = [[(p["text"], p["geonameid"]) for p in nlp(t)._.places] for t in texts]
    with ThreadPoolExecutor(4) as pool:
        threaded = list(pool.map(lambda t: [(p["text"], p["geonameid"]) for p in nlp(t)._.places], texts))
    assert threaded == alone
