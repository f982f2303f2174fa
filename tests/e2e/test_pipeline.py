"""The default pipeline end to end: the seed article, serialisation, multiprocessing."""
import json

import spacy
from spacy.tokens import DocBin

import marsad

EXPECTED_PLACES = {"الميادين": 173480, "دير الزور": 170794, "مخيم اليرموك": 166716, "الحجر الأسود": 8419677, "سوريا": 163843}


def as_json(value):
    """msgpack (DocBin, n_process) turns lists into tuples; compare as JSON."""
    return json.loads(json.dumps(value))


def _summary(doc):
    return (
        [(t.text, t.norm_) for t in doc],
        [(e.text, e.label_, e.kb_id_) for e in doc.ents],
        as_json(doc._.casualties),
        as_json(doc._.places),
        as_json(doc._.actors),
        as_json(doc._.sources),
    )


def test_pipeline_components(nlp):
    assert nlp.pipe_names == [
        "marsad_normalizer", "marsad_actor_ruler", "marsad_location_linker", "marsad_casualty_matcher", "marsad_event_builder",
    ]


def test_seed_casualties(nlp, seed_text):
    facts = nlp(seed_text)._.casualties
    killed = {f["count"]: f for f in facts if f["status"] == "killed" and not f["negated"]}
    assert set(killed) >= {25, 13}
    regime = killed[25]
    assert regime["qualifier"] == "at_least"
    assert regime["victim_type"] == "combatant"
    assert regime["victim_side"]["actor_id"] == "SY_GOV"
    assert "الموالين" in regime["victim_side"]["text"]  # regime forces *and* allied gunmen
    assert regime["perpetrator"]["actor_id"] == "IS"
    assert regime["place"]["geonameid"] == 173480
    assert killed[13]["victim_side"]["actor_id"] == "IS"
    # The body repeats the headline's 25: one fact, several mentions.
    assert len([f for f in facts if f["count"] == 25]) == 1
    assert len(regime["mentions"]) >= 2
    for fact in facts:
        assert seed_text[fact["start_char"]:fact["end_char"]] == fact["text"]


def test_seed_places(nlp, seed_text):
    places = nlp(seed_text)._.places
    found = {p["text"]: p for p in places}
    for text, geonameid in EXPECTED_PLACES.items():
        assert text in found, text
        assert any(p["geonameid"] == geonameid for p in places if p["text"] == text), text
    mayadin = next(p for p in places if p["geonameid"] == 173480)
    assert abs(mayadin["lat"] - 35.02) < 0.05 and abs(mayadin["lon"] - 40.45) < 0.05
    assert mayadin["country_code"] == "SY"
    outskirts = [p for p in places if p["geonameid"] == 173480 and p["relation"]]
    assert outskirts and outskirts[0]["precision"] == 2
    # "المرصد السوري" is a source, not a place; "السورية" in "البادية السورية" is not Syria.
    assert not any(p["text"] == "السوري" for p in places)
    for place in places:
        assert seed_text[place["start_char"]:place["end_char"]] == place["text"]


def test_seed_actors_and_sources(nlp, seed_text):
    doc = nlp(seed_text)
    ids = {a["actor_id"] for a in doc._.actors}
    assert {"SY_GOV", "IS", "SY_SDF", "US_COALITION"} <= ids
    assert {"SOHR", "AFP"} <= {s["actor_id"] for s in doc._.sources}
    ent_ids = {e.kb_id_ for e in doc.ents if e.label_ == "ACTOR"}
    assert {"SY_GOV", "IS"} <= ent_ids
    assert all(isinstance(a["type"], str) and a["name"] for a in doc._.actors)


def test_to_disk_and_spacy_load_give_same_results(nlp, seed_text, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    reloaded = spacy.load(tmp_path / "pipeline")
    assert reloaded.pipe_names == nlp.pipe_names
    assert _summary(reloaded(seed_text)) == _summary(nlp(seed_text))


def test_to_bytes_round_trip(nlp, seed_text):
    copy = marsad.load()
    copy.from_bytes(nlp.to_bytes())
    assert _summary(copy(seed_text)) == _summary(nlp(seed_text))


def test_docbin_keeps_extensions(nlp, seed_text):
    doc = nlp(seed_text)
    restored = list(DocBin(docs=[doc], store_user_data=True).get_docs(nlp.vocab))[0]
    assert as_json(restored._.casualties) == as_json(doc._.casualties)
    assert as_json(restored._.places) == as_json(doc._.places)
    assert [s.text for s in restored.spans["casualties"]] == [s.text for s in doc.spans["casualties"]]


def test_pipe_with_two_processes_matches_one(nlp, seed_text):
    texts = [seed_text, "قتل 3 مدنيين في قصف على مدينة تعز", "", "No Arabic here at all.", seed_text[:500]]
    single = [_summary(d)[1:] for d in nlp.pipe(texts)]
    multi = [_summary(d)[1:] for d in nlp.pipe(texts, n_process=2, batch_size=2)]
    assert multi == single
    assert single[1][1][0]["count"] == 3 if single[1][1] else False


def test_empty_and_non_arabic_text(nlp):
    for text in ["", "   ", "\n\n", "The quick brown fox, 25 km away.", "😀 ☃ ✈", "\u200f\u200e"]:
        doc = nlp(text)
        assert doc.text == text
        assert doc._.casualties == [] and doc._.actors == []


def test_records_list_model_entities_the_rules_did_not_claim(nlp):
    from spacy.tokens import Span

    from marsad.io.output import doc_to_record

    text = "قال الرئيس جورج بوش إن 12 جنديا قتلوا قرب مدينة الميادين"
    doc = nlp(text)
    assert doc_to_record(doc, "r")["entities"] == []  # rules only: no model entities
    # what a trained NER before the rules leaves: a person, and a LOC the linker also found
    name = doc.char_span(text.index("جورج"), text.index("بوش") + 3)
    place = next(e for e in doc.ents if e.text == "الميادين")
    doc.ents = [Span(doc, name.start, name.end, "PERS"), Span(doc, place.start, place.end, "LOC")]
    record = doc_to_record(doc, "r", offset=10)
    assert record["entities"] == [{"text": "جورج بوش", "label": "PERS", "start_char": name.start_char + 10,
                                   "end_char": name.end_char + 10}]
    assert [p["geonameid"] for p in record["places"]] == [173480]
