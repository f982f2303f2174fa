"""Actor ruler: canonical ids for the spellings real Arabic news uses."""
import pytest


def actor_ids(nlp, text, date="2015-07-01"):
    """These spellings are from 2015 reporting: dated so that period's identities apply."""
    doc = nlp.make_doc(text)
    doc._.date = date
    return [(a["text"], a["actor_id"]) for a in nlp(doc)._.actors]


@pytest.mark.parametrize(
    "text,surface,actor_id",
    [
        # attached proclitics
        ("وجهت الضربة لداعش في الرقة", "داعش", "IS"),
        ("اندلعت اشتباكات بين الجيش والحوثيين في مأرب", "الحوثيين", "YE_HOUTHI"),
        ("تقدمت قوات المقاومة الشعبية وبالتعاون مع التحالف العربي", "التحالف العربي", "SA_COALITION"),
        # case and number inflection
        ("قال الحوثيون إنهم سيطروا على المدينة", "الحوثيون", "YE_HOUTHI"),
        ("قصفت الطائرات مواقع الحوثيين", "الحوثيين", "YE_HOUTHI"),
        ("هاجمت جماعة الحوثي مدينة تعز", "جماعة الحوثي", "YE_HOUTHI"),
        # hashtags
        ("هجوم جديد يشنه #داعش على الأطراف", "داعش", "IS"),
        ("خسائر في صفوف #النظام_السوري اليوم", "النظام_السوري", "SY_GOV"),
        # adjectival forms
        ("قصفت القوات السورية مواقع المعارضة", "القوات السورية", "SY_GOV"),
        ("شن الطيران الروسي غارات على إدلب", "الطيران الروسي", "RU_FORCES"),
        ("أعلنت قوات الحشد الشعبي استعادة البلدة", "قوات الحشد الشعبي", "IQ_PMF"),
        ("سيطرت قوات سوريا الديمقراطية على القرية", "قوات سوريا الديمقراطية", "SY_SDF"),
        ("اشتبكت قوات حفتر مع مجلس شورى ثوار بنغازي", "قوات حفتر", "LY_LNA"),
    ],
)
def test_actor_spellings(nlp, text, surface, actor_id):
    found = actor_ids(nlp, text)
    assert any(surface in t and a == actor_id for t, a in found), found


def test_generic_reference_resolves_to_named_actor(nlp):
    doc = nlp("شن تنظيم داعش هجوما على البلدة، وقتل عشرة من عناصر التنظيم في المعارك.")
    generic = [a for a in doc._.actors if a["generic"]]
    assert [(a["text"], a["actor_id"]) for a in generic] == [("عناصر التنظيم", "IS")]


def test_generic_reference_needs_a_named_actor(nlp):
    doc = nlp("أعلن التنظيم مسؤوليته عن الهجوم.")
    assert doc._.actors == []


def test_allied_militias_resolve_through_affiliation(nlp):
    doc = nlp("قتل 25 عنصرا من قوات النظام والمسلحين الموالين لها.")
    assert [(a["text"], a["actor_id"]) for a in doc._.actors] == [
        ("قوات النظام", "SY_GOV"),
        ("المسلحين الموالين لها", "SY_PRO_GOV_MILITIA"),
    ]


def test_sources_are_their_own_label(nlp):
    doc = nlp("وفق ما ذكر المرصد السوري لحقوق الإنسان ووكالة فرانس برس ومصدر عسكري.")
    assert [s["actor_id"] for s in doc._.sources] == ["SOHR", "AFP", "SRC_MILITARY"]
    assert doc._.actors == []
    assert {e.label_ for e in doc.ents} == {"SOURCE"}
    assert not doc._.places  # "السوري" inside the observatory's name is not Syria


def test_entities_carry_actor_ids(nlp):
    doc = nlp("قصفت طائرات التحالف العربي مواقع الحوثيين")
    ents = {(e.text, e.label_, e.kb_id_) for e in doc.ents}
    assert ("طائرات التحالف العربي", "ACTOR", "SA_COALITION") in ents
    assert ("الحوثيين", "ACTOR", "YE_HOUTHI") in ents
    assert doc._.actors[0]["type"] in {"external_forces", "state_forces"}


@pytest.mark.parametrize(
    "text",
    [
        "ذهب المزارعون إلى السوق صباح اليوم لبيع محصول القمح.",
        "افتتح وزير التربية مدرسة جديدة في الحي.",
        "ارتفعت أسعار النفط في الأسواق العالمية.",
        "The army said nothing.",
    ],
)
def test_no_actor_in_ordinary_text(nlp, text):
    assert nlp(text)._.actors == []


# ---------------------------------------------------------------- time, country, open world
def run(nlp, text, date=None):
    doc = nlp.make_doc(text)
    doc._.date = date
    return nlp(doc)


def ids(doc):
    return {a["text"]: a["actor_id"] for a in doc._.actors}


def test_the_same_army_is_two_identities_before_and_after_december_2024(nlp):
    text = "قصف الجيش السوري مواقع في ريف إدلب الجنوبي."
    before = ids(run(nlp, text, "2018-03-02"))
    after = ids(run(nlp, text, "2025-03-02"))
    assert before["الجيش السوري"] == "SY_GOV"
    assert after["الجيش السوري"] == "SY_TRANS_GOV"


def test_undated_text_takes_the_newest_identity_unless_it_names_a_year(nlp):
    assert ids(run(nlp, "قصف الجيش السوري مواقع في ريف إدلب."))["الجيش السوري"] == "SY_TRANS_GOV"
    assert ids(run(nlp, "في عام 2016 قصف الجيش السوري مواقع في ريف إدلب."))["الجيش السوري"] == "SY_GOV"


def test_former_regime_after_2024_means_assad_loyalists(nlp):
    doc = run(nlp, "هاجمت فلول النظام البائد حاجزا للأمن العام في ريف اللاذقية.", "2025-03-07")
    found = ids(doc)
    assert "SY_ASSAD_LOYALISTS" in found.values()
    assert "SY_GENERAL_SECURITY" in found.values()


@pytest.mark.parametrize(
    "text,date,actor_id,actor_type",
    [
        ("قصفت قوات الدعم السريع أحياء سكنية في الفاشر بالمدفعية.", "2024-10-01", "SD_RSF", "rebel_group"),
        ("استعاد الجيش السوداني السيطرة على جسر في الخرطوم بحري.", "2025-01-20", "SD_SAF", "state_forces"),
        ("أعلن حزب الله استهداف موقع للجيش الإسرائيلي في مزارع شبعا.", "2024-01-10", "LB_HEZBOLLAH", None),
        ("شنت حركة الشباب هجوما على قاعدة عسكرية في إقليم شبيلي السفلى.", "2023-05-04", "SO_SHABAAB", None),
        ("تبنت جماعة نصرة الإسلام والمسلمين هجوما على دورية قرب تمبكتو.", "2024-07-01", "ML_JNIM", None),
    ],
)
def test_todays_actors_resolve(nlp, text, date, actor_id, actor_type):
    doc = run(nlp, text, date)
    records = [a for a in doc._.actors if a["actor_id"] == actor_id]
    assert records, doc._.actors
    if actor_type:
        assert records[0]["type"] == actor_type
        assert records[0]["inter"] in (1, 2)


def test_israeli_forces_resolve_and_are_external_in_gaza(nlp):
    doc = run(nlp, "توغلت قوات الاحتلال الإسرائيلي في بلدة بيت حانون شمال قطاع غزة.", "2024-06-01")
    records = [a for a in doc._.actors if a["actor_id"] == "IL_ARMY"]
    assert records and records[0]["context_country"] == "PS"
    assert records[0]["type"] == "external_forces" and records[0]["inter"] == 8


def test_state_forces_are_external_abroad(nlp):
    """A country's army fighting in another country is coded as external forces there."""
    text = "شاركت القوات السودانية في معارك قرب ميدي شمال اليمن ضد الحوثيين."
    records = {a["actor_id"]: a for a in run(nlp, text, "2016-05-01")._.actors}
    sudanese = [a for a in records.values() if a["actor_id"].startswith("SD_")]
    assert sudanese and sudanese[0]["type"] == "external_forces"


@pytest.mark.parametrize(
    "text,country,actor_id",
    [
        ("تقدم الجيش الوطني في جبهة صرواح غرب مأرب بعد معارك مع الحوثيين.", "YE", "YE_GOV"),
        ("سيطر الجيش الوطني السوري على قرى في ريف منبج بدعم تركي.", "SY", "SY_SNA"),
        ("أعلن الجيش الوطني تحرير بلدة في إقليم هيران وسط الصومال.", "SO", "SO_ARMY"),
    ],
)
def test_national_army_depends_on_the_country(nlp, text, country, actor_id):
    doc = run(nlp, text, "2022-02-01")
    records = [a for a in doc._.actors if a["text"].startswith("الجيش الوطني")]
    assert records and records[0]["actor_id"] == actor_id, doc._.actors
    assert records[0]["context_country"] == country


def test_bare_army_resolves_by_country(nlp):
    doc = run(nlp, "قالت مصادر محلية في الفاشر إن الجيش صد هجوما واسعا.", "2025-05-01")
    assert ids(doc).get("الجيش") == "SD_SAF"


@pytest.mark.parametrize(
    "text,date,actor_id",
    [
        ("قالت مصادر في الفاشر إن الحكومة أرسلت تعزيزات بعد هجوم الدعم السريع.", "2025-05-01", "SD_SAF"),
        ("اتهمت الحركة الحكومة بقصف قرى في إقليم باي جنوب غربي الصومال.", "2024-03-01", "SO_ARMY"),
        ("قال مسؤول في حمص إن الحكومة نشرت قوات على طريق الساحل.", "2018-06-01", "SY_GOV"),
        ("قال مسؤول في حمص إن الحكومة نشرت قوات على طريق الساحل.", "2025-06-01", "SY_TRANS_GOV"),
    ],
)
def test_bare_government_is_the_state_of_the_country_and_period(nlp, text, date, actor_id):
    assert ids(run(nlp, text, date)).get("الحكومة") == actor_id


@pytest.mark.parametrize(
    "text,word,actor_id",
    [
        ("قالت مصادر في الخرطوم إن المخابرات اعتقلت ثلاثة ناشطين بتهمة التعاون مع الدعم السريع.", "المخابرات", "SD_GIS"),
        ("أعلنت السلطات في مقديشو أن المخابرات أحبطت هجوما لحركة الشباب.", "المخابرات", "SO_NISA"),
    ],
)
def test_a_bare_intelligence_service_is_the_country_s_own(nlp, text, word, actor_id):
    assert ids(run(nlp, text, "2025-05-01")).get(word) == actor_id


def test_bare_government_of_an_uncovered_country_is_no_actor(nlp):
    doc = run(nlp, "قالت الحكومة في كانبيرا إنها ستخفض الضرائب العام المقبل.", "2025-05-01")
    assert "الحكومة" not in ids(doc)


@pytest.mark.parametrize(
    "text,surface",
    [
        ("هاجم لواء صقور الجبل الأحرار حاجزا في ريف حماة.", "لواء صقور الجبل الأحرار"),
        ("أعلنت كتيبة شهداء الوادي مسؤوليتها عن تفجير عبوة في ريف درعا.", "كتيبة شهداء الوادي"),
    ],
)
def test_unknown_unit_is_reported_without_id(nlp, text, surface):
    records = [a for a in run(nlp, text, "2016-04-01")._.actors if a["text"] == surface]
    assert records, run(nlp, text, "2016-04-01")._.actors
    assert records[0]["actor_id"] is None and records[0]["provisional"] is True
    assert records[0]["name"] and records[0]["type"] in {"political_militia", "rebel_group", "state_forces"}


def test_a_unit_name_ends_before_a_compass_word(nlp):
    doc = run(nlp, "اشتبكت كتيبة صقور جنوب إدلب مع الجيش.", "2016-04-01")
    assert "كتيبة صقور" in [a["text"] for a in doc._.actors if a["provisional"]]
    assert not any("شمال" in a["text"] for a in doc._.actors)


def test_an_armed_group_with_no_name_is_an_unidentified_group_not_a_unit(nlp):
    doc = run(nlp, "قتل 5 من عناصر الجيش الوطني الليبي في اشتباكات مع مجموعة مسلحة جنوب طرابلس.", "2024-05-01")
    records = [a for a in doc._.actors if a["provisional"]]
    assert [(a["text"], a["name"]) for a in records] == [("مجموعة مسلحة", "Unidentified Armed Group (Libya)")]
    assert "Tripoli" in [p["name"] for p in doc._.places]  # the place is no longer inside a unit name


def test_unidentified_gunmen(nlp):
    doc = run(nlp, "قتل مسلحون مجهولون رجلا وابنه على طريق في ريف درعا الشرقي.", "2025-04-01")
    records = [a for a in doc._.actors if a["text"] == "مسلحون مجهولون"]
    assert records and records[0]["actor_id"] is None
    assert records[0]["name"] == "Unidentified Armed Group (Syria)"


@pytest.mark.parametrize(
    "text",
    [
        "أعلنت وزارة الصحة السودانية وصول شحنة أدوية إلى مستشفى في الخرطوم.",
        "قالت منظمة أطباء بلا حدود إن فرقها تعمل في مخيم زمزم.",
        "ارتفعت حركة الملاحة في ميناء بورتسودان خلال الشهر الماضي.",
        "استقبل اللواء خليفة حفتر وفدا من رجال الأعمال في بنغازي.",
    ],
)
def test_ministries_ngos_and_ranks_are_not_actors(nlp, text):
    assert [a for a in run(nlp, text, "2025-01-01")._.actors if a["actor_id"] is None] == []
    assert not any(a["text"].startswith(("وزارة", "منظمة", "حركة الملاحة")) for a in run(nlp, text)._.actors)


def test_sudan_doctors_network_is_a_source(nlp):
    doc = run(nlp, "قتل 12 مدنيا في قصف على الفاشر بحسب شبكة أطباء السودان.", "2024-09-14")
    assert [s["actor_id"] for s in doc._.sources] == ["SD_DOCTORS_NETWORK"]
    assert not any("شبكة" in a["text"] for a in doc._.actors)


def test_a_national_unit_names_its_army(nlp):
    doc = run(nlp, "أطلقت دورية تركية النار على مهربين قرب الحدود.", "2016-01-01")
    assert ids(doc).get("دورية تركية") == "TR_ARMY"


@pytest.mark.parametrize(
    "text, mention, army",
    [
        ("قتل جنديين تركيين في هجوم قرب الحدود.", "جنديين تركيين", "TR_ARMY"),
        ("قتل جنديان تركيان في هجوم قرب الحدود.", "جنديان تركيان", "TR_ARMY"),
        ("هاجم مسلحون جنودا إسرائيليين عند حاجز عسكري.", "جنودا إسرائيليين", "IL_ARMY"),
        ("أصيب ضباط سودانيون في قصف على الفاشر.", "ضباط سودانيون", "SD_SAF"),
        ("قتل 3 عسكريين أمريكيين في هجوم بطائرة مسيرة.", "عسكريين أمريكيين", "US_FORCES"),
    ],
)
def test_soldiers_with_a_nationality_name_its_army(nlp, text, mention, army):
    doc = run(nlp, text, "2024-05-01")
    record = next(a for a in doc._.actors if a["text"] == mention)
    assert record["actor_id"] == army and record["person_noun"]


def test_military_as_an_adjective_is_not_soldiers(nlp):
    doc = run(nlp, "التقى الوزير قادة عسكريين أمريكيين وقال الخبير العسكري السوري إن المعركة طويلة.", "2016-01-01")
    assert not [a for a in doc._.actors if "عسكري" in a["text"]]


def test_counted_soldiers_stay_victims_and_take_the_army_as_side(nlp):
    doc = run(nlp, "قتل جنديين تركيين في هجوم شنه مسلحون قرب الحدود.", "2016-01-01")
    [fact] = doc._.casualties
    assert (fact["status"], fact["count"], fact["victim_side"]["actor_id"]) == ("killed", 2, "TR_ARMY")
    # the soldiers are not the named actor that would make bare "مسلحون" their members
    assert "مسلحون" in ids(doc)


def test_records_keep_the_consumed_keys(nlp):
    record = run(nlp, "قصفت قوات الدعم السريع الفاشر.", "2024-10-01")._.actors[0]
    for key in ("text", "actor_id", "name", "type", "country", "start_char", "end_char", "generic", "inter", "provisional"):
        assert key in record


def test_a_single_drone_is_a_weapon_not_an_actor(nlp):
    doc = run(nlp, "استهدفت مسيرة إسرائيلية سيارة في بلدة النبطية جنوب لبنان.", "2024-08-01")
    assert not [a for a in doc._.actors if "مسيرة" in a["text"]]
    doc = run(nlp, "أسقطت مسيرة تابعة لحزب الله فوق الجليل.", "2024-08-01")
    assert [a["text"] for a in doc._.actors] == ["حزب الله"]


def test_quoted_nationality_adjective(nlp):
    doc = run(nlp, "اقتحمت القوات “الإسرائيلية” مخيم جنين فجر اليوم.", "2024-08-01")
    assert ids(doc).get("القوات “الإسرائيلية”") == "IL_ARMY"


def records(nlp, text, date):
    doc = nlp.make_doc(text)
    doc._.date = date
    return nlp(doc)._.actors


def test_a_defence_ministry_is_its_army(nlp):
    found = records(nlp, "قالت وزارة الدفاع التركية إن ثلاثة من جنودها قتلوا في هجوم شمال العراق.", "2020-06-01")
    assert [(a["text"], a["actor_id"], a["via_source"]) for a in found] == [
        ("وزارة الدفاع التركية", "TR_ARMY", "SRC_MOD")
    ]
    found = records(nlp, "وأكد البنتاغون أن الغارة استهدفت قياديا في التنظيم.", "2019-05-01")
    assert [a["actor_id"] for a in found if a["text"] == "البنتاغون"] == ["US_FORCES"]


def test_people_and_civil_ministries_are_not_armed_actors(nlp):
    text = "أعلن وزير الدفاع الأمريكي أن الضربات ستستمر، فيما قالت وزارة الصحة إن القتلى مدنيون."
    assert records(nlp, text, "2019-05-01") == []
    # the spokesman's army is the actor, not the spokesman named after it
    found = records(nlp, "قال المتحدث باسم الجيش الإسرائيلي أفيخاي أدرعي إن طائرة أغارت على بلدة في الجنوب.", "2024-08-01")
    assert [(a["text"], a["actor_id"]) for a in found] == [("الجيش الإسرائيلي", "IL_ARMY")]


def test_a_name_quoted_after_its_head_word(nlp):
    found = records(nlp, "قصفت قوات تابعة لحكومة \"الوفاق\" مواقع في ترهونة.", "2020-03-01")
    assert ("حكومة \"الوفاق\"", "LY_GNA") in [(a["text"], a["actor_id"]) for a in found]
    found = records(nlp, "شنت طائرات أمريكية غارات على مقرات كتائب «حزب الله» قرب الحدود.", "2019-12-30")
    assert ("كتائب «حزب الله»", "IQ_KATAIB_HEZBOLLAH") in [(a["text"], a["actor_id"]) for a in found]
    # every quote style is one norm, so the one quoted pattern per alias covers them all
    for left, right in (("“", "”"), ("”", "“"), ("«", "»")):
        found = records(nlp, f"قصفت قوات تابعة لحكومة {left}الوفاق{right} مواقع في ترهونة.", "2020-03-01")
        assert (f"حكومة {left}الوفاق{right}", "LY_GNA") in [(a["text"], a["actor_id"]) for a in found]


def test_regime_forces_after_the_fall_of_assad(nlp):
    """After 8 December 2024 "قوات النظام" in a new event are the loyalists; a sentence
    narrating an older year keeps the Assad-era army; an undated text keeps the army."""
    new = records(nlp, "هاجمت قوات النظام حاجزا للأمن العام في ريف اللاذقية.", "2025-03-06")
    assert new[0]["actor_id"] == "SY_ASSAD_LOYALISTS"
    past = records(nlp, "وفي عام 2013 قصفت قوات النظام حي بابا عمرو في حمص.", "2025-03-06")
    assert past[0]["actor_id"] == "SY_GOV"
    undated = records(nlp, "قصفت قوات النظام حي بابا عمرو في حمص.", None)
    assert undated[0]["actor_id"] == "SY_GOV"


@pytest.fixture(scope="module")
def nlp_with_ner():
    """No trained Arabic NER ships here: an entity_ruler named "ner" stands in for one,
    writing ORG entities before the actor ruler reads them."""
    import marsad

    pipeline = marsad.load()
    ner = pipeline.add_pipe("entity_ruler", name="ner", before="marsad_actor_ruler")
    ner.add_patterns(
        [
            {"label": "ORG", "pattern": "صقور الجبل الأخضر"},
            {"label": "ORG", "pattern": "منظمة أطباء بلا حدود"},
            {"label": "ORG", "pattern": "شركة النفط الوطنية"},
            {"label": "ORG", "pattern": "نادي الشباب"},
        ]
    )
    return pipeline


def test_an_ner_organisation_in_a_fighting_sentence_is_a_provisional_actor(nlp_with_ner):
    found = records(nlp_with_ner, "اشتبك عناصر صقور الجبل الأخضر مع دورية للشرطة قرب البلدة.", "2023-05-01")
    unit = [a for a in found if a["text"] == "صقور الجبل الأخضر"]
    assert unit and unit[0]["actor_id"] is None and unit[0]["provisional"] is True
    assert unit[0]["type"] == "political_militia"


def test_ner_organisations_that_are_not_armed_stay_out(nlp_with_ner):
    # an NGO and a company in fighting sentences; a club outside any fighting
    text = "قالت منظمة أطباء بلا حدود إن القصف أصاب منشآت شركة النفط الوطنية. وفاز نادي الشباب بالمباراة."
    assert records(nlp_with_ner, text, "2023-05-01") == []
    # the same armed name outside a sentence about fighting is no actor
    assert records(nlp_with_ner, "نظم صقور الجبل الأخضر مهرجانا للأطفال.", "2023-05-01") == []


def test_a_generic_phrase_without_its_article(nlp):
    found = records(nlp, "تقدمت قوات النظام مدعومة بمسلحين موالين لها في ريف حلب الجنوبي.", "2016-02-01")
    assert ("مسلحين موالين لها", "SY_PRO_GOV_MILITIA") in [(a["text"], a["actor_id"]) for a in found]
    found = records(nlp, "قصفت قوات حكومية مواقع المتمردين في صعدة.", "2015-05-01")
    assert ("قوات حكومية", "YE_GOV") in [(a["text"], a["actor_id"]) for a in found]


def test_country_generic_phrases_for_opposition_and_un_forces(nlp):
    # "المعارضة" in a Syrian war report is the armed opposition, with no antecedent named
    found = records(nlp, "سقطت قذائف على سوق في بلدة تسيطر عليها المعارضة في ريف إدلب.", "2015-06-01")
    assert ("المعارضة", "SY_REBELS") in [(a["text"], a["actor_id"]) for a in found]
    # ... but names no one where the country has no such actor
    assert records(nlp, "فازت المعارضة بأغلبية مقاعد البرلمان في الانتخابات الكندية.", "2015-10-20") == []
    # the UN force of the country the report is about
    found = records(nlp, "أعلنت القوات الأممية في جنوب لبنان أن دبابة أطلقت النار على أحد مواقعها.", "2024-10-10")
    assert ("القوات الأممية", "LB_UNIFIL") in [(a["text"], a["actor_id"]) for a in found]


# ------------------------------------------------ a country as the subject of a verb
@pytest.mark.parametrize("text,country,actor_id", [
    ("شنت الولايات المتحدة غارات على مواقع للحوثيين قرب الحديدة.", "الولايات المتحدة", "US_FORCES"),
    ("وأعلنت تركيا أنها قصفت مواقع لمسلحين شمال العراق.", "تركيا", "TR_ARMY"),
    ("أفادت إسرائيل بإصابة جنديين في اشتباك قرب الحدود.", "إسرائيل", "IL_ARMY"),
])
def test_a_country_after_a_verb_of_saying_or_acting_is_its_state(nlp, text, country, actor_id):
    doc = nlp(text)
    assert (country, actor_id) in [(a["text"], a["actor_id"]) for a in doc._.actors]
    assert country not in [p["text"] for p in doc._.places]


@pytest.mark.parametrize("text,country", [
    ("أصبحت سوريا ساحة مفتوحة للصراع بين القوى الإقليمية.", "سوريا"),  # a copula: the country is a place
    ("وصل الوفد إلى تركيا مساء الأحد.", "تركيا"),
])
def test_a_country_that_is_no_subject_of_such_a_verb_stays_a_place(nlp, text, country):
    doc = nlp(text)
    assert country in [p["text"] for p in doc._.places]
    assert country not in [a["text"] for a in doc._.actors]


def test_a_reporting_ministry_is_not_a_side_of_the_incident(nlp):
    doc = run(nlp, "قالت وزارة الدفاع التركية إن انفجارا استهدف حافلة في ديار بكر وأسفر عن مقتل 4 مدنيين.", "2016-03-01")
    assert ids(doc).get("وزارة الدفاع التركية") == "TR_ARMY"  # the forces it commands ...
    assert doc._.events  # ... but it only reports this bombing
    assert all(e[role] is None or e[role]["actor_id"] != "TR_ARMY" for e in doc._.events for role in ("actor1", "actor2"))


@pytest.mark.parametrize(
    "text, date, mention, actor_id",
    [
        ("أطلق قناصة الاحتلال النار على شاب عند مدخل مخيم جنين.", "2024-09-01", "قناصة الاحتلال", "IL_ARMY"),
        ("اقتحمت وحدة دوفدفان بلدة قباطية جنوب جنين.", "2024-09-01", "وحدة دوفدفان", "IL_ARMY"),
        ("اتهمت الحكومة السورية النظام البائد بالوقوف وراء الهجوم على الحاجز.", "2025-03-10", "النظام البائد", "SY_ASSAD_LOYALISTS"),
    ],
)
def test_current_spellings_of_israeli_forces_and_assad_loyalists(nlp, text, date, mention, actor_id):
    assert ids(run(nlp, text, date)).get(mention) == actor_id


@pytest.mark.parametrize("text, unit, actor_id", [
    ("استهدف الهجوم اللواء 20 بالجيش العراقي قرب الطارمية", "اللواء 20", "IQ_ISF"),
    ("وقالت مصادر إن كتيبة الصمود التابعة لقوات الدعم السريع هاجمت قرية في شمال دارفور", "كتيبة الصمود", "SD_RSF"),
])
def test_a_unit_of_a_known_force_is_that_force(nlp, text, unit, actor_id):
    found = dict(actor_ids(nlp, text, "2024-05-02"))
    assert found[unit] == actor_id


@pytest.mark.parametrize("text, unit", [
    ("وقصفت طائرات التحالف فصائل مقربة من النصرة قرب مارع", "فصائل مقربة"),
    ("وسيطرت قوات مدعومة من تركيا على قرية قرب منبج", "قوات مدعومة"),
])
def test_a_unit_close_to_or_backed_by_a_force_is_not_that_force(nlp, text, unit):
    found = dict(actor_ids(nlp, text, "2016-05-02"))
    assert found.get(unit) is None


@pytest.mark.parametrize("text, actor_id", [
    ("قالت مصادر أمنية إن جنديين قتلا عندما فجر مقاتلون أكراد لغما في إقليم شرناق جنوب شرق تركيا", "TR_PKK"),
    ("وسيطر مقاتلون أكراد على بلدة تل أبيض في ريف الرقة بعد معارك مع تنظيم داعش", "SY_YPG"),
    ("وصد مقاتلون أكراد هجوما لتنظيم داعش على قضاء مخمور جنوب أربيل", "IQ_PESHMERGA"),
])
def test_kurdish_fighters_are_the_kurdish_force_of_the_country_reported_on(nlp, text, actor_id):
    assert dict(actor_ids(nlp, text))["مقاتلون أكراد"] == actor_id


@pytest.mark.parametrize("text,unit", [
    ("اندلعت اشتباكات بعد مقتل عنصر من كتيبة الشهيد حمدان على يد مسلحين.", "كتيبة الشهيد حمدان"),
    ("هاجمت كتيبة الشهيد سالم مواقع للمسلحين غرب المدينة.", "كتيبة الشهيد سالم"),
])
def test_a_unit_named_after_a_martyr_is_a_provisional_actor(nlp, text, unit):
    assert unit in [a["text"] for a in nlp(text)._.actors if a["provisional"]]


def test_a_rank_and_a_title_before_a_name_are_no_unit(nlp):
    doc = nlp("وتولى اللواء الشيخ عبد الواحد قيادة المقاومة في المدينة.")
    assert not [a for a in doc._.actors if a["provisional"]]


@pytest.mark.parametrize(
    "text,date,actor_id",
    [
        ("قال المتحدث باسم الجيش في بنغازي إن سلاح الجو قصف تمركزات للمجموعات المسلحة.", "2016-06-01", "LY_LNA"),
        ("قال شهود في خان يونس إن سلاح الجو استهدف منزلا بصاروخين.", "2024-03-01", "IL_ARMY"),
    ],
)
def test_a_bare_air_force_is_the_army_of_the_text_s_country(nlp, text, date, actor_id):
    assert ids(run(nlp, text, date)).get("سلاح الجو") == actor_id
