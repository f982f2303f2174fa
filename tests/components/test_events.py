"""Event records, and the CSV / GeoJSON / HTML outputs analysts use."""
import csv
import io
import json

import pytest

from marsad.io.extract import extract
from marsad.io.formats import write_all
from marsad.io.records import InputRecord


def events_for(nlp, text, date):
    doc = nlp.make_doc(text)
    doc._.date = date
    return nlp(doc)._.events


def test_seed_event(nlp, seed_text):
    events = events_for(nlp, seed_text, "2018-04-19")  # published Thursday 19 April 2018
    mayadin = [e for e in events if (e["location"] or {}).get("geonameid") == 173480]
    assert len(mayadin) == 1  # the lead and the monitor's detail tell one attack
    event = mayadin[0]
    assert event is events[0]
    # last year's operations in the province are background; the army "preparing" an assault is no event
    assert any(e["is_background"] and e["event_date"].startswith("2017") for e in events)
    assert not any("يستعد" in e["notes"][0] for e in events)
    assert event["event_date"] == "2018-04-18" and event["date_precision"] == 1  # "الأربعاء"
    assert event["location"]["geonameid"] == 173480
    assert event["location"]["precision"] == 2 and event["location"]["relation"] == "أطراف"
    assert {event["actor1"]["actor_id"], event["actor2"]["actor_id"]} == {"IS", "SY_GOV"}
    deaths = {event["actor1"]["actor_id"]: event["deaths_a"], event["actor2"]["actor_id"]: event["deaths_b"]}
    assert deaths == {"SY_GOV": 25, "IS": 13}
    assert event["best"] == 38 and event["deaths_civilians"] == 0
    assert [s["source_id"] for s in event["sources"]][:2] == ["SOHR", "AFP"]
    assert "via" in event["source_text"]
    assert any(note.startswith("Reported denial") and "نفى" in note for note in event["notes"])


def test_two_events_in_one_article_stay_separate(nlp):
    text = (
        "قتل 5 مدنيين في غارة جوية على مدينة إدلب أمس. "
        "وفي مدينة تعز اليمنية، قتل 3 عناصر من الحوثيين في اشتباكات مع المقاومة الشعبية الأربعاء."
    )
    events = events_for(nlp, text, "2015-07-23")
    assert len(events) == 2
    idlib, taiz = events
    assert idlib["location"]["country_code"] == "SY" and idlib["deaths_civilians"] == 5
    assert idlib["sub_event_type"] == "Air/drone strike" and idlib["event_date"] == "2015-07-22"
    assert taiz["location"]["country_code"] == "YE" and taiz["event_type"] == "Battles"
    assert taiz["event_date"] == "2015-07-22"
    assert "YE_HOUTHI" in {(taiz["actor1"] or {}).get("actor_id"), (taiz["actor2"] or {}).get("actor_id")}


def test_the_next_day_is_another_incident(nlp):
    # "وفي اليوم التالي": another day's operation, however near, is its own event with its own toll
    text = ("قتل 22 مدنيا، مساء الجمعة، عندما هاجم مسلحون مصلين خارج مسجد في قرية تيلوا بمنطقة تاهوا. "
            "وفي اليوم التالي، أعلن الجيش النيجري أنه قتل نحو 30 مسلحا خلال عملية تعقب.")
    events = [e for e in events_for(nlp, text, "2025-05-03") if not e.get("is_background")]
    assert sorted(e["best"] for e in events) == [22, 30]


@pytest.mark.parametrize("text", [
    "وكانت المقاومة الشعبية في المدينة تعهدت الأسبوع الماضي بقتال الميليشيا وطردها من الأحياء الشرقية.",
    "قالت الحركة إنها سيطرت على مواقع قرب البلدة، متوعدة بمواصلة الهجوم على المدينة.",
])
def test_a_pledge_or_threat_as_a_participle_is_no_incident(nlp, text):
    assert not [e for e in events_for(nlp, text, "2025-05-03") if e["event_type"] == "Battles" and e["sub_event_type"] == "Armed clash"]


def test_a_match_report_makes_no_incident(nlp):
    # two sport words make the attack and shooting words metaphors
    text = ("حسم النادي قمة المجموعة بفوزه على ضيفه بهدفين نظيفين، مساء السبت، على استاد المدينة. "
            "وشن الفريق هجوما مكثفا منذ صافرة البداية، قبل أن يطلق مهاجمه رصاصة الرحمة في الدقيقة 78.")
    assert events_for(nlp, text, "2025-05-03") == []


def test_a_strike_on_a_stadium_is_still_an_incident(nlp):
    text = "قصفت الطائرات ملعبا لكرة القدم في مدينة غزة ما أدى إلى مقتل 5 أشخاص."
    assert [e["best"] for e in events_for(nlp, text, "2025-05-03")] == [5]


@pytest.mark.parametrize("text", [
    # a running toll since a dated or named start is no new incident
    "وأوضحت اللجنة أن الحصيلة ترفع عدد قتلى الاحتجاجات منذ انقلاب 25 أكتوبر إلى 80.",
    "وبذلك يرتفع عدد الشهداء منذ سريان وقف إطلاق النار في العاشر من أكتوبر الماضي إلى 345، بحسب وزارة الصحة.",
    "وقال المتحدث إن القوات فقدت 17 من أفرادها منذ انطلاقها قبل أسبوعين.",
])
def test_a_toll_since_a_start_is_cumulative(nlp, text):
    doc = nlp.make_doc(text)
    doc._.date = "2025-11-05"
    doc = nlp(doc)
    assert doc._.casualties and all(f["aggregate"] for f in doc._.casualties)
    assert doc._.events == []


def test_a_capital_named_as_a_government_is_no_scene(nlp):
    # "الجنود الموالين لمقديشو": soldiers loyal to the government, not fighting in Mogadishu
    text = ("قتل 11 شخصا في اشتباكات بين قوات الولاية والقوات الحكومية في بلدة بلد حاوو بإقليم جدو. "
            "وقال المتحدث إن قواته قتلت سبعة من الجنود الموالين لمقديشو وأسرت 14 آخرين.")
    events = events_for(nlp, text, "2021-01-26")
    assert events and all((e["location"] or {}).get("text") != "مقديشو" for e in events)


def test_repeated_report_is_one_event(nlp):
    text = "مقتل 7 جنود في تفجير عبوة ناسفة قرب الرمادي. وقال مصدر أمني إن 7 جنود قتلوا في تفجير العبوة الناسفة قرب الرمادي."
    events = events_for(nlp, text, "2015-08-01")
    assert len(events) == 1
    assert events[0]["best"] == 7 and events[0]["sub_event_type"] == "Remote explosive/landmine/IED"


def test_no_casualties_no_event(nlp):
    assert events_for(nlp, "افتتح الوزير مدرسة جديدة في مدينة حلب اليوم", "2015-08-01") == []


@pytest.fixture(scope="module")
def records(nlp, seed_text):
    inputs = [
        InputRecord("seed", seed_text, "2018-04-19"),
        InputRecord("taiz", "قتل 3 مدنيين في قصف للحوثيين على حي سكني في مدينة تعز", "2015-07-20"),
        InputRecord("quiet", "لا شيء هنا", None),
        InputRecord("bad", error="[E003] no text"),
    ]
    return list(extract(nlp, inputs, include_text=True))


def test_csv_output_parses(records):
    out = io.StringIO()
    write_all("csv", records, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[0]["doc_id"] == "seed" and [r["doc_id"] for r in rows if r["doc_id"] != "seed"] == ["taiz"]
    rows = [rows[0], rows[-1]]
    assert rows[0]["event_date"] == "2018-04-18" and rows[0]["geonameid"] == "173480"
    assert float(rows[0]["latitude"]) == pytest.approx(35.02, abs=0.05)
    assert rows[1]["deaths_civilians"] == "3" and rows[1]["country"] == "Yemen" and rows[1]["country_code"] == "YE"


def test_geojson_output_is_a_feature_collection(records):
    out = io.StringIO()
    write_all("geojson", records, out)
    collection = json.loads(out.getvalue())
    assert collection["type"] == "FeatureCollection"
    points = [f["geometry"]["coordinates"] for f in collection["features"]]
    assert len(points) == sum(1 for r in records for e in r.get("events", []) if (e["location"] or {}).get("lat") is not None)
    lon, lat = points[0]
    assert lat == pytest.approx(35.02, abs=0.05) and lon == pytest.approx(40.45, abs=0.05)
    assert collection["features"][-1]["properties"]["location_ar"] == "تعز"



# ---------------------------------------------------------------------- incidents (invented texts)


def test_shelling_without_casualties_is_one_event(nlp):
    events = events_for(nlp, "قصفت قوات الجيش مدينة الأبيض بالمدفعية الثقيلة صباح اليوم.", "2024-05-02")
    assert len(events) == 1
    event = events[0]
    assert event["sub_event_type"] == "Shelling/artillery/missile attack"
    assert event["fatalities"] == 0 and event["best"] == 0
    assert event["location"]["text"] == "الأبيض"


@pytest.mark.parametrize(
    "text",
    [
        "هددت جماعة الحوثي بشن هجمات جديدة على السفن في البحر الأحمر.",  # a threat
        "أدان وزير الخارجية الهجوم على مدينة حلب ودعا إلى وقف التصعيد.",  # a condemnation
        "ارتفعت حصيلة القتلى منذ بدء الحرب إلى 3500 قتيل بحسب الأمم المتحدة.",  # a whole-war toll
        "يستعد الجيش لشن عملية عسكرية واسعة لاستعادة مدينة الرقة.",  # a forecast
    ],
)
def test_statements_and_running_tolls_are_not_events(nlp, text):
    assert events_for(nlp, text, "2024-05-02") == []


def test_one_toll_said_by_ministry_and_army_is_one_event(nlp):
    text = (
        "قتل 4 أشخاص في غارة إسرائيلية على بلدة عيتا الشعب جنوب لبنان. "
        "وقالت وزارة الصحة اللبنانية إن الغارة أسفرت عن مقتل 4 أشخاص. "
        "وقال الجيش الإسرائيلي إنه استهدف عناصر من حزب الله في عيتا الشعب."
    )
    events = events_for(nlp, text, "2024-05-02")
    assert len(events) == 1
    assert events[0]["best"] == 4 and events[0]["sub_event_type"] == "Air/drone strike"
    assert events[0]["actor1"]["actor_id"] == "IL_ARMY"  # "غارة إسرائيلية": the state that struck


def test_attacker_is_actor1_and_target_actor2(nlp):
    text = "شن الجيش الإسرائيلي غارة بطائرة مسيرة على سيارة لحزب الله في بلدة بنت جبيل، ما أسفر عن مقتل عنصرين."
    event = events_for(nlp, text, "2024-05-02")[0]
    assert event["actor1"]["actor_id"] == "IL_ARMY"
    assert event["actor2"]["actor_id"] == "LB_HEZBOLLAH"
    assert event["best"] == 2


def test_children_among_the_dead_are_civilian_deaths(nlp):
    event = events_for(nlp, "قتل 18 شخصا بينهم 7 أطفال في قصف على مدينة الفاشر أمس.", "2024-05-02")[0]
    assert event["best"] == 18 and event["deaths_civilians"] == 7 and event["deaths_unknown"] == 11


def test_all_civilian_victims_mark_civilian_targeting(nlp):
    event = events_for(nlp, "قتل 5 مدنيين بينهم امرأتان في قصف مدفعي على حي سكني في مدينة تعز.", "2015-07-20")[0]
    assert event["civilian_targeting"] == "Civilian targeting" and event["deaths_civilians"] == 5


def test_protest_is_an_event(nlp):
    events = events_for(nlp, "تظاهر مئات الطلاب أمام مبنى المحافظة في مدينة البصرة احتجاجا على انقطاع الكهرباء.", "2015-08-01")
    assert [(e["event_type"], e["location"]["text"]) for e in events] == [("Protests", "البصرة")]


def test_incident_of_earlier_months_is_background(nlp):
    text = "وكان تنظيم داعش قد شن هجوما على مدينة الرمادي في أيار/مايو 2015 قتل فيه 20 جنديا."
    events = events_for(nlp, text, "2015-08-20")
    assert len(events) == 1 and events[0]["is_background"]


# ---------------------------------------------------------------------- word lists (data files)

ACLED_SUB_TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}


def test_event_triggers_use_acled_types():
    from marsad.resources import read_jsonl

    rows = read_jsonl("event_types.jsonl")
    assert len(rows) > 200
    for row in rows:
        if row.get("not_trigger"):  # a longer phrase that keeps a trigger word from matching
            assert row["note"] and "event_type" not in row, row
            continue
        assert row["sub_event_type"] in ACLED_SUB_TYPES[row["event_type"]], row
        assert isinstance(row["priority"], int)


def test_event_cues_and_attackers_are_known():
    from marsad.resources import read_jsonl

    assert {row["cue"] for row in read_jsonl("event_cues.jsonl")} == {"not_event", "separate", "cumulative", "period_start", "period_unit", "headline", "seized", "sport"}
    actor_ids = {row["actor_id"] for row in read_jsonl("actors.jsonl")}
    assert {row["actor_id"] for row in read_jsonl("event_attackers.jsonl")} <= actor_ids


def test_builder_round_trips_its_word_lists(nlp, tmp_path):
    builder = nlp.get_pipe("marsad_event_builder")
    builder.to_disk(tmp_path / "events")
    assert sorted(p.name for p in (tmp_path / "events").iterdir()) == [
        "date_words.jsonl", "event_attackers.jsonl", "event_cues.jsonl", "event_types.jsonl"]
    from marsad.components.events import EventBuilder

    copy = EventBuilder(nlp).from_bytes(builder.to_bytes())
    assert copy.resources == builder.resources


def test_vague_toll_adds_nothing_to_a_stated_one(nlp):
    text = "قتل 6 جنود وسقط عدد من القتلى في هجوم مسلح على حاجز عسكري قرب مدينة تدمر صباح الأحد."
    events = events_for(nlp, text, "2015-08-02")
    assert len(events) == 1
    assert events[0]["best"] == 6  # "عدد من القتلى" names no victims beyond the six


def test_vague_toll_alone_still_makes_an_event(nlp):
    text = "سقط عدد من القتلى في غارة جوية على بلدة في ريف إدلب الأحد."
    events = events_for(nlp, text, "2015-08-02")
    assert len(events) == 1 and events[0]["sub_event_type"] == "Air/drone strike"


def test_shelling_within_clashes_is_a_battle(nlp):
    text = (
        "اندلعت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة في حي جوبر بدمشق الأحد، "
        "تخللها قصف مدفعي متبادل أسفر عن مقتل 4 مقاتلين من المعارضة."
    )
    events = events_for(nlp, text, "2015-08-02")
    assert len(events) == 1 and events[0]["event_type"] == "Battles"


def test_shelling_alone_stays_remote_violence(nlp):
    text = "قصفت قوات النظام بالمدفعية بلدة في ريف حماة الأحد ما أدى إلى مقتل 4 مسلحين من المعارضة."
    events = events_for(nlp, text, "2015-08-02")
    assert len(events) == 1
    assert events[0]["sub_event_type"] == "Shelling/artillery/missile attack"


def test_shelling_that_kills_civilians_amid_clashes_stays_remote_violence(nlp):
    text = "قتل 5 مدنيين بقصف مدفعي على سوق في مدينة حلب، وسط اشتباكات بين قوات النظام والمعارضة."
    events = events_for(nlp, text, "2015-08-02")
    assert len(events) == 1 and events[0]["event_type"] == "Explosions/Remote violence"


@pytest.mark.parametrize(
    "text",
    [
        "قتل 9 أشخاص حين انفجرت سيارة ملغومة قرب مبنى البلدية في مدينة كركوك صباح السبت.",
        "ارتفعت حصيلة قتلى الانفجارين اللذين هزا سوقا في مدينة كركوك السبت إلى 9 قتلى.",
    ],
)
def test_booby_trapped_cars_and_twin_blasts_are_explosions(nlp, text):
    events = events_for(nlp, text, "2015-08-01")
    assert events and events[0]["sub_event_type"] == "Remote explosive/landmine/IED"



@pytest.mark.parametrize(
    "text",
    [
        "قال مدير الصحة إن 640 شخصا قتلوا في المعارك التي شهدتها المدينة خلال ثلاثة أشهر.",
        "ارتفع عدد القتلى المدنيين منذ أربعة أسابيع إلى 212 قتيلا بحسب منظمة محلية.",
    ],
)
def test_a_toll_over_months_or_weeks_is_a_running_toll(nlp, text):
    events = events_for(nlp, text, "2015-07-22")
    assert not any(e["best"] for e in events)


def test_a_toll_of_days_ago_is_still_news(nlp):
    text = "قتل 4 جنود في هجوم على حاجز قرب مدينة الرمادي منذ يومين."
    events = events_for(nlp, text, "2015-07-22")
    assert len(events) == 1 and events[0]["best"] == 4


def test_an_untolled_report_placed_only_in_a_country_is_no_incident(nlp):
    doc = nlp("أعلن الجيش الأمريكي أن قواته شنت 12 غارة جوية في العراق وخمس غارات في سوريا خلال الأسبوع.")
    assert doc._.events == []
    shelled = nlp("قصفت قوات الدعم السريع مدينة الأبيض بالمدفعية الثقيلة.")
    assert [e["best"] for e in shelled._.events] == [0]  # a town is enough, with or without casualties


@pytest.mark.parametrize("text,event_type", [
    # what caused the losses decides the type, not the strongest word of the paragraph
    ("قتل 5 جنود في معارك عنيفة شرق المدينة، وسط غارات متواصلة للطيران الحربي.", "Battles"),
    ("أصيب 3 عسكريين جراء سقوط قذيفة داخل مركز للجيش خلال اشتباكات في محيط المخيم.", "Explosions/Remote violence"),
])
def test_the_cause_of_the_losses_decides_the_type(nlp, text, event_type):
    assert [e["event_type"] for e in nlp(text)._.events] == [event_type]


@pytest.mark.parametrize("text, town", [
    ("نفذت طائرة مسيرة غارة على سيارة في بلدة الناقورة جنوب لبنان، ما أدى إلى مقتل شخصين.", "الناقورة"),
    ("سقطت قذيفة على قرية الحميدية شمال مدينة حماة، ما أسفر عن مقتل 3 مدنيين.", "الحميدية"),
])
def test_a_place_after_a_direction_word_locates_the_town_before_it(nlp, text, town):
    """"X جنوب Y": Y is a landmark for X, and the toll named after both happened in X."""
    events = events_for(nlp, text, "2024-10-01")
    assert [e["location"]["text"] for e in events] == [town]


def test_an_attacker_named_by_an_adjective_gets_its_name_and_type_where_it_strikes(nlp):
    text = "نفذت طائرة مسيرة إسرائيلية غارة على سيارة في بلدة الناقورة جنوب لبنان، ما أدى إلى مقتل شخصين."
    actor1 = events_for(nlp, text, "2024-10-01")[0]["actor1"]
    assert actor1 == {"actor_id": "IL_ARMY", "name": "Israeli military", "type": "external_forces"}


@pytest.mark.parametrize("text, sub_event", [
    ("قتل 8 أشخاص في هجوم بطائرة مسيرة على سوق المدينة.", "Air/drone strike"),
    ("قتل أربعة جنود في تفجير سيارة مفخخة يقودها انتحاري قرب مدخل القاعدة.", "Suicide bomb"),
])
def test_the_weapon_right_after_a_generic_cause_decides_the_type(nlp, text, sub_event):
    events = events_for(nlp, text, "2024-10-01")
    assert [e["sub_event_type"] for e in events] == [sub_event]


def test_soldiers_no_one_names_belong_to_the_army_of_the_country_at_war(nlp):
    text = "هاجم مسلحو جماعة نصرة الإسلام والمسلمين قاعدة عسكرية في بوركينا فاسو، وقتل 20 جنديا."
    event = events_for(nlp, text, "2025-03-01")[0]
    assert event["actor1"]["name"].startswith("JNIM")
    assert event["actor2"]["name"] == "Military Forces of Burkina Faso"


@pytest.mark.parametrize("text, not_actor2", [
    ("قتل شرطيان في هجوم على مركز في بلدة بشمال دارفور.", "Military Forces of Sudan"),  # police are not the army
    ("قتل 3 جنود من الجيش الإسرائيلي في كمين شرق خان يونس.", "Military Forces of Palestine"),  # named: their side
    ("قتل أربعة جنود في قتال مع متمردين في شرق أوكرانيا.", "Military Forces"),  # not a war marsad covers
])
def test_no_army_is_guessed_where_it_would_be_wrong(nlp, text, not_actor2):
    for event in events_for(nlp, text, "2025-03-01"):
        assert not ((event["actor2"] or {}).get("name") or "").startswith(not_actor2)


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        ("استهدف مقاتلو الحزب ثكنة عسكرية بصاروخين موجهين، وأصيب أربعة جنود.", "Shelling/artillery/missile attack"),
        ("شنت الطائرات غارتين على بلدة في الجنوب، ما أدى إلى مقتل ثلاثة أشخاص.", "Air/drone strike"),
        ("سقطت قذيفتان على حي سكني في المدينة، ما أسفر عن إصابة طفلين.", "Shelling/artillery/missile attack"),
    ],
)
def test_dual_weapon_and_attack_nouns_are_triggers(nlp, text, sub_event_type):
    [event] = nlp(text)._.events
    assert (event["event_type"], event["sub_event_type"]) == ("Explosions/Remote violence", sub_event_type)


@pytest.mark.parametrize("text, attacker", [
    ("أعلن تنظيم داعش مسؤوليته عن الهجوم الذي استهدف الجيش العراقي بعبوة ناسفة في قضاء الطارمية وأدى لمقتل أحد جنوده.", "IS"),
    ("وأعلنت حركة الشباب المسؤولية عن تفجير سيارة مفخخة قرب قاعدة عسكرية في مقديشو أسفر عن مقتل 5 جنود.", "SO_SHABAAB"),
])
def test_the_group_that_claims_an_attack_is_actor1(nlp, text, attacker):
    events = events_for(nlp, text, "2024-05-02")
    assert len(events) == 1
    assert events[0]["actor1"]["actor_id"] == attacker


def test_deaths_counted_in_the_next_sentence_are_of_the_strikes_told_before(nlp):
    text = ("شن الطيران الحربي الإسرائيلي مساء الأربعاء أكثر من 20 غارة على مطار صنعاء الدولي ومحطة حزيز للكهرباء. "
            "وأعلنت وزارة الصحة في صنعاء مقتل ستة أشخاص وإصابة العشرات في ميناء الحديدة.")
    tolled = [e for e in events_for(nlp, text, "2025-05-07") if e["best"] == 6]
    assert len(tolled) == 1 and tolled[0]["sub_event_type"] == "Air/drone strike"


def test_a_headline_repeated_in_a_link_line_is_no_second_event(nlp):
    story = "وقال مصدر عسكري إن 10 من عناصر التنظيم قتلوا في غارة جوية على مواقعهم في الرمادي."
    link = " رابط الخبر بصحيفة النهار: غارة تقتل عشرات المسلحين غرب الرمادي"
    assert len(events_for(nlp, story + link, "2015-08-10")) == len(events_for(nlp, story, "2015-08-10")) == 1
    # alone, the headline is the report
    assert len(events_for(nlp, link.strip().replace("عشرات", "12 من"), "2015-08-10")) == 1


def test_an_arrest_named_after_a_toll_did_not_cause_it(nlp):
    doc = nlp("اشتبكت قوات الأمن مع المجموعة المهاجمة قرب البلدة، فقتلت 3 منهم واعتقلت رابعاً.")
    assert [(e["event_type"], e["best"]) for e in doc._.events] == [("Battles", 3)]


def test_people_missing_with_no_attack_named_make_no_event(nlp):
    doc = nlp("وتتواصل عمليات البحث عن أكثر من 200 مفقود بعد غرق القارب قبالة السواحل.")
    assert [f["status"] for f in doc._.casualties] == ["missing"]
    assert doc._.events == []


def test_where_people_fled_to_is_no_scene(nlp):
    text = ("شنت قوات الدعم السريع هجمات على قرى غرب مدينة القطينة بولاية النيل الأبيض، قتلت خلالها 43 مدنيا. "
            "وأضافت المجموعة أن المسلحين نهبوا المواشي وأحرقوا المنازل، بينما نزح آلاف نحو مدينة الدويم.")
    events = nlp(text)._.events
    assert [e["location"]["text"] for e in events] == ["القطينة"]


@pytest.mark.parametrize("text,types", [
    # seized or defused explosives are no explosion; the arrests are the event
    ("أعلنت وزارة الداخلية تفكيك خلية تابعة لتنظيم داعش في ريف دمشق واعتقال أفرادها، مشيرة إلى ضبط أحزمة ناسفة وعبوات.",
     ["Strategic developments"]),
    ("أعلنت مصادر أمنية العثور على سيارة مفخخة في شارع الستين بصنعاء وإبطال مفعول المتفجرات في داخلها.", []),
])
def test_seized_or_defused_explosives_are_no_explosion(nlp, text, types):
    assert [e["event_type"] for e in nlp(text)._.events] == types


def test_seized_explosives_beside_a_toll_are_no_explosion(nlp):
    text = "أعلنت وزارة الداخلية تفكيك خلية لتنظيم داعش واعتقال أفرادها السبعة، مشيرة إلى ضبط أحزمة ناسفة وعبوات معدة للتفجير."
    assert [e["event_type"] for e in nlp(text)._.events] == ["Strategic developments"]


@pytest.mark.parametrize("text,types", [
    # tear gas, stun and smoke grenades disperse crowds: the settlers' attack is the event, not an explosion
    ("هاجم مستوطنون قرية ترمسعيا وأحرقوا منزلين، فيما أطلقت قوات الاحتلال قنابل الغاز باتجاه الأهالي، ما أدى إلى إصابة 4 مواطنين.",
     ["Riots"]),
    ("فرقت الشرطة المحتجين بالقنابل المسيلة للدموع وقنابل الصوت أمام مبنى المحافظة، وأصيب 3 متظاهرين.",
     ["Protests"]),
    # a hand grenade still explodes
    ("قتل 3 أشخاص بانفجار قنبلة يدوية في سوق المدينة.", ["Explosions/Remote violence"]),
])
def test_tear_gas_and_stun_grenades_are_no_explosion(nlp, text, types):
    assert [e["event_type"] for e in nlp(text)._.events] == types


def test_tear_gas_is_no_algerian_town(nlp):
    places = nlp("فرقت الشرطة المحتجين بالقنابل المسيلة للدموع في البصرة.")._.places
    assert [p["text"] for p in places] == ["البصرة"]


def test_a_far_capital_standing_for_its_state_is_no_scene(nlp):
    text = "وتأتي الغارات التركية بعد ساعات من انضمام أنقرة بقوة إلى الحرب على التنظيم بشن أولى ضرباتها الجوية على مواقعه في سوريا."
    assert "أنقرة" not in [(e["location"] or {}).get("text") for e in nlp(text)._.events]


def test_a_bombing_in_a_capital_outside_the_conflict_countries_is_placed_there(nlp):
    events = nlp("قتل 3 أشخاص في تفجير انتحاري في أنقرة.")._.events
    assert [e["location"]["text"] for e in events] == ["أنقرة"]


def test_fighting_reported_from_a_capital_outside_the_region_is_not_placed_there(nlp):
    assert nlp("وقال مسؤولون في واشنطن إن الطائرات الأمريكية ستشن غارات على مواقع التنظيم.")._.events == []
    protest = nlp("تظاهر الآلاف في واشنطن احتجاجا على الحرب.")._.events
    assert [(e["event_type"], e["location"]["text"]) for e in protest] == [("Protests", "واشنطن")]
