"""The parts of the casualty engine on a blank Arabic pipeline (marsad's tokenizer and
normaliser) with a tiny lexicon: lexicon compilation and validation, count groups,
facts from triggers, a fact's context, merging, the record, and the component's
spaCy conventions (initialize, scorer, serialisation).

Every sentence is invented for these tests.
"""
from __future__ import annotations

import spacy
import srsly
from spacy.util import registry

import marsad.components.normalizer  # noqa: F401
import marsad.components.tokenizer  # noqa: F401
import pytest
from marsad.components.casualties import (
    CasualtyMatcher,
    Lexicon,
    read_lexicon,
    validate_lexicon,
)
from marsad.components.casualties.context import find_place, in_scope, nearest
from marsad.components.casualties.groups import find_groups
from marsad.components.casualties.model import CasualtyContext
from marsad.errors import MarsadError
from marsad.evaluation.scorers import score_casualties

TINY = [
    {"kind": "action", "phrase": "قتل", "status": "killed", "pos": "verb", "number": "sg"},
    {"kind": "action", "phrase": "مقتل", "status": "killed", "pos": "noun"},
    {"kind": "action", "phrase": "أصيب", "status": "injured", "pos": "verb", "number": "sg"},
    {"kind": "victim_noun", "phrase": "مدنيا", "victim_type": "civilian", "number": "pl"},
    {"kind": "victim_noun", "phrase": "جنديين", "victim_type": "combatant", "number": "dual", "force": "state"},
    {"kind": "victim_noun", "phrase": "أطفال", "victim_type": "civilian", "number": "pl"},
    {"kind": "victim_trigger", "phrase": "قتلى", "status": "killed", "number": "pl"},
    {"kind": "qualifier_before", "phrase": "أكثر من", "qualifier": "at_least"},
    {"kind": "negation", "phrase": "نفى", "scope": 4},
    {"kind": "breakdown", "phrase": "بينهم"},
    {"kind": "connector", "phrase": "و"},
    {"kind": "preposition", "phrase": "في", "note": "never starts a victims phrase"},
    {"kind": "preposition", "phrase": "على"},
    {"kind": "others", "phrase": "آخرين"},
]


@pytest.fixture(scope="module")
def tiny_nlp():
    nlp = spacy.blank("ar", config={"nlp": {"tokenizer": {"@tokenizers": "marsad.ArabicTokenizer.v1"}}})
    nlp.add_pipe("marsad_normalizer")
    nlp.add_pipe("marsad_casualty_matcher").initialize(lexicon=TINY)
    return nlp


def context(nlp, text: str) -> CasualtyContext:
    doc = nlp.get_pipe("marsad_normalizer")(nlp.make_doc(text))
    return CasualtyContext(doc, nlp.get_pipe("marsad_casualty_matcher").compiled)


def summary(nlp, text: str) -> list[tuple]:
    return [(f["status"], f["count"], f["qualifier"], f["victims"]) for f in nlp(text)._.casualties]


# ---------------------------------------------------------------- lexicon
def test_word_classes_are_normalised_and_kept_out_of_the_matcher(tiny_nlp):
    lexicon = tiny_nlp.get_pipe("marsad_casualty_matcher").compiled
    assert lexicon.words.prepositions == {"في", "علي"}  # "على" compared as its norm
    assert {"في", "علي"} <= lexicon.words.subject_stop and {"في", "علي"} <= lexicon.words.masdar_before
    assert lexicon.words.others == {"اخرين"}
    assert not any(rule.kind == "preposition" for rule in lexicon.rules.values())
    ctx = context(tiny_nlp, "قتل 5 مدنيا في القصف")
    assert set(ctx.cues["action"]) == {0} and set(ctx.cues["victim_noun"]) == {2}


def test_a_note_is_not_an_attribute():
    nlp = spacy.blank("ar")
    lexicon = Lexicon.build(nlp, [{"kind": "action", "phrase": "قتل", "status": "killed", "note": "the verb"}])
    assert [(rule.kind, rule.attrs) for rule in lexicon.rules.values()] == [("action", {"status": "killed"})]


def test_new_lexicon_kinds_are_validated():
    assert validate_lexicon([{"kind": "preposition", "phrase": "في"}, {"kind": "anaphor", "phrase": "منهم", "number": "pl"}]) == []
    assert validate_lexicon([{"kind": "prepositon", "phrase": "في"}]) == ["line 1: unknown kind 'prepositon'"]
    assert validate_lexicon([{"kind": "relative"}]) == ["line 1: missing phrase"]
    assert validate_lexicon([{"kind": "name_stop", "phrase": "  "}]) == ["line 1: missing phrase"]
    assert validate_lexicon([{"kind": "subject_stop", "phrase": "في حين"}]) == [
        "line 1: subject_stop is one word, not 'في حين'"
    ]
    assert validate_lexicon([{"kind": "anaphor", "phrase": "منهم", "number": "many"}]) == ["line 1: bad number 'many'"]
    assert validate_lexicon([{"kind": "kunya", "phrase": "أبو", "note": 3}]) == ["line 1: a note is text, not 3"]


def test_shipped_lexicon_has_every_word_class():
    records = read_lexicon()
    assert validate_lexicon(records) == []
    kinds = {r["kind"] for r in records}
    assert {"preposition", "subject_stop", "name_stop", "others", "relative", "anaphor", "frame_verb"} <= kinds


# ---------------------------------------------------------------- groups
def test_count_groups_with_qualifier_and_victims(tiny_nlp):
    ctx = context(tiny_nlp, "قتل أكثر من 20 مدنيا في القصف")
    groups = find_groups(ctx)
    assert list(groups) == [1]
    group = groups[1]
    assert (group.count, group.qualifier, group.victim_type) == (20, "at_least", "civilian")
    assert ctx.norms[group.victims_start] == "مدنيا" and group.end == 5


def test_a_bare_number_is_no_group_and_a_year_is_no_count(tiny_nlp):
    assert find_groups(context(tiny_nlp, "وصل 20 إلى المدينة")) == {}
    assert find_groups(context(tiny_nlp, "في عام 2015 وقعت الحرب")) == {}


# ---------------------------------------------------------------- facts from triggers
@pytest.mark.parametrize(
    "text,expected",
    [
        ("قتل أكثر من 20 مدنيا في القصف", [("killed", 20, "at_least", "مدنيا")]),
        ("أسفر الانفجار عن مقتل جنديين", [("killed", 2, "exact", "جنديين")]),  # a dual noun counts 2
        ("قتل في القصف 12 مدنيا", [("killed", 12, "exact", "مدنيا")]),  # subject after a preposition
        ("15 مدنيا قتل في القصف", [("killed", 15, "exact", "مدنيا")]),  # subject before the verb
        ("سقط 30 قتلى", [("killed", 30, "exact", "قتلى")]),  # a victim trigger carries its status
    ],
)
def test_facts_from_triggers(tiny_nlp, text, expected):
    assert summary(tiny_nlp, text) == expected


def test_a_status_carries_over_a_connector(tiny_nlp):
    assert summary(tiny_nlp, "قتل 7 مدنيا و3 أطفال") == [("killed", 7, "exact", "مدنيا"), ("killed", 3, "exact", "أطفال")]


def test_a_breakdown_is_included(tiny_nlp):
    fact, = tiny_nlp("قتل 7 مدنيا بينهم 3 أطفال")._.casualties
    assert fact["count"] == 7 and fact["includes"] == [{"count": 3, "who": "أطفال"}]


# ---------------------------------------------------------------- context
def test_negation_reaches_as_far_as_its_scope(tiny_nlp):
    near, = tiny_nlp("نفى الجيش مقتل 5 مدنيا")._.casualties
    far, = tiny_nlp("نفى الجيش في بيان طويل أمس مقتل 5 مدنيا")._.casualties
    assert near["negated"] and not far["negated"]
    ctx = context(tiny_nlp, "نفى الجيش مقتل 5 مدنيا")
    assert in_scope(ctx, "negation", 10, 2) and not in_scope(ctx, "negation", 10, 0)


def test_nearest_prefers_the_earlier_on_a_tie():
    items = [(2, "a"), (6, "b"), (10, "c")]
    assert nearest(items, 4) == (2, "a")
    assert nearest(items, 5) == (6, "b")
    assert nearest(items, 4, lambda item: item[1] != "a") == (6, "b")
    assert nearest([], 4) is None


def places_of(nlp, text: str, places: list[tuple[str, int]]):
    """The doc of `text` with `places` (word, GeoNames precision), and the place of its first fact."""
    doc = nlp.get_pipe("marsad_normalizer")(nlp.make_doc(text))
    doc._.places = [
        {"text": w, "start_char": text.index(w), "end_char": text.index(w) + len(w), "geonameid": p, "precision": p}
        for w, p in places
    ]
    ctx = CasualtyContext(doc, nlp.get_pipe("marsad_casualty_matcher").compiled)
    fact = nlp.get_pipe("marsad_casualty_matcher").find_facts(doc)[0]
    return find_place(ctx, fact)


def test_place_below_country_level_after_the_fact(tiny_nlp):
    text = "قصفت الطائرات حلب فقتل 5 مدنيا في سوريا قرب إدلب وحماة"
    assert places_of(tiny_nlp, text, [("حلب", 2), ("سوريا", 4), ("إدلب", 2), ("حماة", 2)])["text"] == "إدلب"
    assert places_of(tiny_nlp, text, [("حلب", 2), ("سوريا", 4)])["text"] == "حلب"  # before it, not the country
    assert places_of(tiny_nlp, "وصل الوفد إلى حلب. قتل 5 مدنيا", [("حلب", 2)]) is None  # another sentence


def test_a_dateline_is_not_the_place(tiny_nlp):
    text = "حلب: قتل 5 مدنيا في سوريا"
    assert places_of(tiny_nlp, text, [("حلب", 2), ("سوريا", 4)])["text"] == "سوريا"


# ---------------------------------------------------------------- merging and the record
def test_a_repeat_in_another_sentence_is_merged(tiny_nlp):
    text = "قتل 9 مدنيا في البلدة. وقال الشهود إن 9 مدنيا قتل في البلدة."
    fact, = tiny_nlp(text)._.casualties
    assert [text[s:e] for s, e in fact["mentions"]] == ["قتل 9 مدنيا", "9 مدنيا قتل"]


def test_neighbouring_equal_counts_stay_two_facts(tiny_nlp):
    assert len(tiny_nlp("قتل 4 مدنيا و4 أطفال")._.casualties) == 2


def test_record_fields_point_into_the_text(tiny_nlp):
    text = "أفاد مراسلنا بمقتل جنديين على الطريق"
    doc = tiny_nlp(text)
    fact, = doc._.casualties
    assert text[fact["start_char"]:fact["end_char"]] == fact["text"] == "مقتل جنديين"
    assert [s.label_ for s in doc.spans["casualties"]] == ["killed"]
    assert set(fact) >= {"status", "count", "low", "high", "victim_side", "perpetrator", "place", "aggregate", "mentions"}


# ---------------------------------------------------------------- the component
def test_initialize_reads_the_shipped_lexicon_not_the_working_directory(tmp_path, monkeypatch):
    (tmp_path / "casualty_lexicon.jsonl").write_text('{"kind": "action", "phrase": "زار", "status": "killed"}\n', encoding="utf8")
    monkeypatch.chdir(tmp_path)
    nlp = spacy.blank("ar")
    matcher = nlp.add_pipe("marsad_casualty_matcher")
    matcher.initialize()
    assert matcher.lexicon == read_lexicon() and len(matcher.lexicon) > 1000


def test_initialize_takes_records_from_the_config(tmp_path):
    path = tmp_path / "tiny.jsonl"
    srsly.write_jsonl(path, TINY)
    nlp = spacy.blank("ar", config={"nlp": {"tokenizer": {"@tokenizers": "marsad.ArabicTokenizer.v1"}}})
    nlp.add_pipe("marsad_normalizer")
    nlp.add_pipe("marsad_casualty_matcher")
    nlp.config["initialize"]["components"]["marsad_casualty_matcher"] = {
        "lexicon": {"@misc": "marsad.casualty_lexicon.v1", "path": str(path)}
    }
    nlp.initialize()
    assert nlp.get_pipe("marsad_casualty_matcher").lexicon == TINY
    assert nlp("قتل 20 مدنيا")._.casualties[0]["count"] == 20
    assert registry.misc.get("marsad.casualty_lexicon.v1")() == read_lexicon()


def test_an_invalid_lexicon_is_a_one_line_error():
    nlp = spacy.blank("ar")
    with pytest.raises(MarsadError, match="line 1: unknown kind 'verb'"):
        nlp.add_pipe("marsad_casualty_matcher").initialize(lexicon=[{"kind": "verb", "phrase": "قتل"}])


def test_default_scorer_and_declared_attributes(tiny_nlp):
    matcher = tiny_nlp.get_pipe("marsad_casualty_matcher")
    assert matcher.scorer is score_casualties
    meta = tiny_nlp.get_pipe_meta("marsad_casualty_matcher")
    assert "doc._.casualties" in meta.assigns and "token.norm" in meta.requires


def test_lexicon_round_trips_and_exclude_is_honoured(tiny_nlp, tmp_path):
    matcher = tiny_nlp.get_pipe("marsad_casualty_matcher")
    matcher.to_disk(tmp_path / "m")
    assert (tmp_path / "m" / "lexicon.jsonl").exists()
    fresh = CasualtyMatcher(tiny_nlp).from_disk(tmp_path / "m")
    assert fresh.lexicon == TINY
    untouched = CasualtyMatcher(tiny_nlp).from_disk(tmp_path / "m", exclude=["lexicon"])
    assert untouched.lexicon == []
    matcher.to_disk(tmp_path / "none", exclude=["lexicon"])
    assert not (tmp_path / "none" / "lexicon.jsonl").exists()
    assert CasualtyMatcher(tiny_nlp).from_bytes(matcher.to_bytes()).lexicon == TINY
    assert CasualtyMatcher(tiny_nlp).from_bytes(matcher.to_bytes(), exclude=["lexicon"]).lexicon == []
    assert srsly.msgpack_loads(matcher.to_bytes()) == {"lexicon": TINY}  # the format saved pipelines use


def test_duals_are_derived_from_singular_victim_nouns_but_never_a_listed_name():
    from marsad.components.casualties.lexicon import derived_duals

    records = [
        {"kind": "victim_noun", "phrase": "مواطن", "victim_type": "civilian", "number": "sg"},
        {"kind": "victim_noun", "phrase": "مواطنا", "victim_type": "civilian", "number": "sg"},
        {"kind": "victim_noun", "phrase": "سيدة", "victim_type": "civilian", "number": "sg"},
        {"kind": "victim_noun", "phrase": "طالب", "victim_type": "civilian", "number": "sg"},
        {"kind": "victim_noun", "phrase": "جندي", "victim_type": "combatant", "number": "sg"},
        {"kind": "victim_noun", "phrase": "جنديان", "victim_type": "combatant", "number": "dual"},
        {"kind": "not_dual", "phrase": "طالبان"},
    ]
    forms = {r["phrase"]: r["number"] for r in derived_duals(records)}
    assert forms == {"مواطنان": "dual", "سيدتان": "dual", "سيدتين": "dual"}
