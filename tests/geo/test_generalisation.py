"""Places in today's news (issue 19): the text's own countries decide
namesakes, districts are their own precision level, local heads keep
foreign namesakes out, country names after border words, and the curated
names of Sudan, Somalia, Lebanon's south and far-away countries. Invented
sentences, real pipeline and gazetteer."""
from __future__ import annotations

import pytest

from marsad.geo.ranking import CONFLICT_COUNTRIES

TYRE = 267008
HAYS = 74906
JIBLAH_YE = 74185
JABLAH_SY = 169304
HODEIDAH = 79415
MALI = 2453866
GHANA = 2300660
PHILIPPINES = 1694008
MANILA = 1701668
JILIB = 56166
KISMAYO = 55671


def places(nlp, text: str) -> list[dict]:
    return nlp(text)._.places


def one(found: list[dict], text: str) -> dict:
    matches = [p for p in found if p["text"] == text]
    assert matches, f"{text!r} not among {[p['text'] for p in found]}"
    return matches[0]


# ------------------------------------------------ focus from the text
def test_default_focus_covers_todays_wars(nlp):
    linker = nlp.get_pipe("marsad_location_linker")
    for code in ("SD", "PS", "LB", "SO", "ML", "BF", "NE", "TD"):
        assert code in CONFLICT_COUNTRIES
    assert set(linker.context_countries) >= {"SY", "IQ", "YE", "LY"}


@pytest.mark.parametrize("text,expected", [
    ("سقط قتلى في قصف على جبلة وسط اليمن.", JIBLAH_YE),
    ("قصفت طائرات روسية مدينة جبلة في محافظة اللاذقية.", JABLAH_SY),
])
def test_the_countries_the_text_names_decide_a_namesake(nlp, text, expected):
    assert one(places(nlp, text), "جبلة")["geonameid"] == expected


def test_a_neighbourhood_is_not_a_foreign_city_of_the_same_name(nlp):
    # "الأمل" is also a city in Iran; after "حي" in a Gaza report it is a neighbourhood of Khan Younis.
    place = one(places(nlp, "أصيب رجلان في غارة على بيت في حي الأمل شمال خان يونس."), "الأمل")
    assert place["country_code"] == "PS"
    assert place["geonameid"] is None
    assert place["precision"] == 2


def test_a_common_word_names_no_country_for_other_places(nlp):
    # "نساء" (women) is also a town in Iran: it must not make Iran a country the text names,
    # which would let "حي الأمل" in Gaza become Amol
    text = "أصيب رجلان ونساء في غارة على بيت في حي الأمل شمال خان يونس."
    place = one(places(nlp, text), "الأمل")
    assert place["country_code"] == "PS" and place["geonameid"] is None


# ------------------------------------------------------------ districts
@pytest.mark.parametrize("text,name,geonameid", [
    ("استهدفت غارة سيارة في قضاء صور جنوب لبنان.", "صور", TYRE),
    ("هاجم الحوثيون مواقع القوات في مديرية حيس جنوبي الحديدة.", "حيس", HAYS),
])
def test_a_district_is_its_seat_at_district_precision(nlp, text, name, geonameid):
    place = one(places(nlp, text), name)
    assert place["geonameid"] == geonameid
    assert place["precision"] == 2


def test_an_unknown_district_is_placed_at_district_precision(nlp):
    place = one(places(nlp, "قتل ثلاثة في مديرية الزهراوية شمال محافظة الحديدة."), "الزهراوية")
    assert place["country_code"] == "YE"
    assert place["precision"] == 2


def test_local_adjective_is_not_a_district_head(nlp):
    found = places(nlp, "وقالت مصادر محلية إن القصف طال مدينة تعز.")
    assert [p["text"] for p in found] == ["تعز"]


# ------------------------------------------------- words around names
def test_a_function_word_does_not_swallow_the_next_place(nlp):
    found = places(nlp, "وفي الحديدة، غرب البلاد، قال مسلحون إنهم هاجموا موقعا.")
    assert one(found, "الحديدة")["geonameid"] == HODEIDAH


def test_a_country_after_a_border_word_is_the_country(nlp):
    assert one(places(nlp, "قتل عشرة في هجوم قرب حدود مالي مع بوركينا فاسو."), "مالي")["geonameid"] == MALI


@pytest.mark.parametrize("text", ["تعاني الحكومة من عجز مالي كبير.", "فرضت الوزارة حظر مالي على الشركة."])
def test_the_same_word_as_an_adjective_is_no_place(nlp, text):
    assert places(nlp, text) == []


# ------------------------------------------------------- curated names
def test_far_away_countries_and_their_capitals(nlp):
    found = places(nlp, "قال المتحدث في مؤتمر صحفي في مانيلا إن البحارة من الفلبين وغانا.")
    assert one(found, "الفلبين")["geonameid"] == PHILIPPINES
    assert one(found, "مانيلا")["geonameid"] == MANILA
    assert one(found, "غانا")["geonameid"] == GHANA


def test_somali_towns_and_regions(nlp):
    found = places(nlp, "قصفت طائرات مواقع في مدينة جيلب بإقليم جوبا الوسطى وقرب كيسمايو جنوبي الصومال.")
    assert one(found, "جيلب")["geonameid"] == JILIB
    assert one(found, "كيسمايو")["geonameid"] == KISMAYO
    region = [p for p in found if "جوبا الوسطى" in p["text"]][0]
    assert region["feature_code"] == "ADM1" and region["precision"] == 3


@pytest.mark.parametrize("text,name,lat,lon", [
    ("هاجمت قوات الدعم السريع قرى في ولاية الجزيرة وسط السودان.", "ولاية الجزيرة", 14.4, 33.3),
    ("اشتدت المعارك في شمال دارفور.", "شمال دارفور", 15.5, 25.0),
])
def test_sudanese_states(nlp, text, name, lat, lon):
    place = one(places(nlp, text), name)
    assert place["country_code"] == "SD" and place["feature_code"] == "ADM1"
    assert abs(place["lat"] - lat) < 1 and abs(place["lon"] - lon) < 1


def test_lebanese_south_and_the_dahiyeh(nlp):
    found = places(nlp, "قصفت مسيرة أطراف بلدة الخيام، وغارة على الضاحية الجنوبية لبيروت.")
    assert one(found, "الخيام")["country_code"] == "LB"
    assert one(found, "الضاحية الجنوبية")["country_code"] == "LB"


def test_curated_districts_gazetteer_towns_lack(nlp):
    place = one(places(nlp, "دارت معارك في محلية شرق النيل بولاية الخرطوم."), "محلية شرق النيل")
    assert place["feature_code"] == "ADM2" and place["precision"] == 2 and place["country_code"] == "SD"


def test_a_district_named_after_a_town_keeps_the_town_id(nlp):
    # No curated record hides the GeoNames town behind a district without an id.
    place = [p for p in places(nlp, "قتل جنديان في مديرية الخوخة جنوب الحديدة.") if "الخوخة" in p["text"]][0]
    assert place["geonameid"] is not None and place["precision"] == 2


def test_neighbourhoods_and_camps_of_gaza(nlp):
    found = places(nlp, "استشهد خمسة في قصف على حي الشجاعية شرق مدينة غزة ومخيم المغازي وسط القطاع.")
    shujaiya = [p for p in found if "الشجاعية" in p["text"]][0]
    assert shujaiya["country_code"] == "PS" and shujaiya["precision"] == 2
    assert any("المغازي" in p["text"] and p["country_code"] == "PS" for p in found)


@pytest.mark.parametrize("text", ["أصيب مختبر في جامعة ييل الخميس بأضرار.", "صلى المصلون في المسجد الجمعة."])
def test_weekdays_are_not_read_into_names(nlp, text):
    assert all("الخميس" not in p["text"] and "الجمعة" not in p["text"] for p in places(nlp, text))


def test_an_indefinite_noun_before_a_name_is_not_a_definite_province(nlp):
    # "بحيرة" (a lake) in "بحيرة تشاد" is not "البحيرة" (Beheira, Egypt).
    found = places(nlp, "قتل جنديان في هجوم في منطقة بحيرة تشاد.")
    assert all(p["country_code"] != "EG" for p in found)
    assert any(p["text"] == "بحيرة تشاد" for p in found)
    assert one(places(nlp, "تظاهر المزارعون في محافظة البحيرة شمال مصر."), "البحيرة")["country_code"] == "EG"


def test_a_curated_name_that_includes_its_head(nlp):
    # "مخيم زمزم" is one name: its own head is no sign that it must be in a country already named.
    found = places(nlp, "نزح آلاف من مخيم زمزم إلى مدينة طويلة.")
    assert one(found, "مخيم زمزم")["country_code"] == "SD"


def test_a_town_head_makes_a_common_word_a_regional_city(nlp):
    # "صور" is "pictures"; after "مدينة" it is Tyre, while "صور الضحايا" stays pictures.
    assert one(places(nlp, "قتل ثلاثة في غارة على سيارة في مدينة صور."), "صور")["geonameid"] == TYRE
    assert places(nlp, "نشرت الصحيفة صور الضحايا.") == []


def test_a_curated_dam(nlp):
    place = one(places(nlp, "اشتباكات عنيفة قرب سد تشرين شرق حلب."), "سد تشرين")
    assert place["feature_code"] == "DAM" and place["precision"] == 2


def test_a_country_named_with_the_article_needs_it(nlp):
    # "كاميرون" is a surname (Cameron); the country is "الكاميرون".
    assert places(nlp, "قال رئيس الوزراء البريطاني ديفيد كاميرون إن بلاده ستشارك.") == []
    assert one(places(nlp, "وصل الرئيس إلى الكاميرون."), "الكاميرون")["country_code"] == "CM"
    # A name of its own without the article is still the country.
    assert one(places(nlp, "عاد الوفد من أمريكا إلى العراق."), "أمريكا")["country_code"] == "US"


def test_a_definite_country_after_the_definite_border_is_an_adjective(nlp):
    # "الحدود السعودية" is the Saudi border (an adjective), "حدود السعودية" would name the country.
    assert places(nlp, "هاجم المسلحون القوات على الحدود السعودية.") == []


def test_a_common_definite_noun_after_a_preposition_stays_a_word(nlp):
    # "وفي المشهد الميداني" (on the ground): not Mashhad.
    assert places(nlp, "وفي المشهد الميداني، أفاد المرصد بمقتل عشرة.") == []


def test_a_headed_city_of_a_configured_country_survives_a_report_about_another(nlp):
    found = places(nlp, "قتل خمسة في غارة على مدينة إدلب. وفي مدينة تعز اليمنية، قتل ثلاثة من الحوثيين.")
    assert one(found, "إدلب")["country_code"] == "SY"
    assert one(found, "تعز")["country_code"] == "YE"


# ------------------------------------------- quoted names and natural features
@pytest.mark.parametrize("text,name,feature_code", [
    ('سقطت قذيفة على فندق "الواحة" في مدينة الحديدة.', "الواحة", "FCL"),
    ("أصابت الصواريخ قاعدة «تي فور» الجوية في ريف حمص.", "تي فور", "FCL"),
    ('استهدفت مسيرة مدرسة "النور" في مخيم جنين.', "النور", "FCL"),
])
def test_a_quoted_name_after_a_facility_head_is_a_place_of_its_city(nlp, text, name, feature_code):
    # quotes mark the name whatever its words: "تي" alone would be read as a function word
    place = one(places(nlp, text), name)
    assert place["geonameid"] is None and place["feature_code"] == feature_code
    assert place["lat"] is not None


def test_a_quote_without_a_head_reads_no_name(nlp):
    found = places(nlp, 'قال "المتحدث" إن القصف طال مدينة الحديدة.')
    assert [p["text"] for p in found] == ["الحديدة"]


@pytest.mark.parametrize("text,name,country", [
    ('قصفت الطائرات "جبل الزاوية" في ريف إدلب.', "الزاوية", "SY"),
    ("تقدمت القوات في وادي الضباب غرب مدينة تعز.", "الضباب", "YE"),
    ("اندلعت اشتباكات على تلة المشرفة قرب بلدة الخيام.", "المشرفة", "LB"),
])
def test_a_name_after_a_mountain_valley_or_hill_is_not_a_town_elsewhere(nlp, text, name, country):
    # "الزاوية" is also a Libyan city; after "جبل" it is the mountain, placed by its context
    place = one(places(nlp, text), name)
    assert place["geonameid"] is None and place["country_code"] == country
    assert place["feature_code"] in ("MT", "WAD", "HLL")


def test_a_yemeni_sub_district_is_read_after_its_head(nlp):
    place = one(places(nlp, "قتل مدني في قرية المفاليس بعزلة الأثاور في مديرية حيفان بمحافظة تعز."), "الأثاور")
    assert place["country_code"] == "YE" and place["precision"] == 2


@pytest.mark.parametrize("text", [
    "وأكد الأحمدي في تصريحات صحافية أن الوحدات تقدمت نحو المدينة.",
    "وقال الزنتاني إن المفاوضات توقفت.",
])
def test_a_one_word_name_after_a_speech_verb_is_the_speaker(nlp, text):
    assert places(nlp, text) == []


def test_a_common_word_after_a_relative_word_is_a_town_of_the_texts_country(nlp):
    # "صور" is also "pictures"; after "قرب" in a report on Lebanon it is Tyre
    found = places(nlp, "قتل 3 من جنود الجيش اللبناني في غارة إسرائيلية على حاجز قرب صور.")
    assert one(found, "صور")["geonameid"] == TYRE
    assert places(nlp, "نشرت الوكالة صور الدمار قرب المستشفى.") == []


# ------------------------------------------------ buildings and far-away capitals
@pytest.mark.parametrize(
    "text, name, town",
    [
        ("قصفت الطائرات مستشفى كمال عدوان في بيت لاهيا شمال القطاع.", "كمال عدوان", "بيت لاهيا"),
        ("استهدفت غارة مستشفى العودة في مخيم النصيرات.", "العودة", "النصيرات"),
        ("سقطت قذيفة على مستشفى ابن سينا في جنين.", "ابن سينا", "جنين"),
        # no "في <town>" after the name: the town named before it places the building
        ("قتل أربعة في قصف على خان يونس، ونقلت جثامينهم إلى مجمع ناصر الطبي.", "ناصر الطبي", "خان يونس"),
        ("سقطت قذيفة قرب منزل في بيت لاهيا، ونقل الجرحى إلى مستشفى كمال عدوان.", "كمال عدوان", "بيت لاهيا"),
        # a village's name inside a longer hospital name is a word of the name
        ("قتل ثلاثة في غارة على دير البلح، ونقلوا إلى مستشفى شهداء الأقصى.", "شهداء الأقصى", "دير البلح"),
        ("أصيب طفلان بقذيفة في مدينة تعز، وفق مصادر طبية في مستشفى الثورة العام.", "الثورة العام", "تعز"),
    ],
)
def test_a_building_named_after_a_person_or_a_word_sits_in_its_town(nlp, text, name, town):
    found = places(nlp, text)
    building, anchor = one(found, name), one(found, town)
    assert building["geonameid"] is None and building["precision"] == 2
    assert (building["lat"], building["lon"]) == (anchor["lat"], anchor["lon"])


def test_a_clause_after_a_building_is_not_its_name(nlp):
    found = places(nlp, "قصف الاحتلال مدرسة تؤوي نازحين في خان يونس.")
    assert [p["text"] for p in found] == ["خان يونس"]


def test_a_big_city_inside_a_hospital_name_keeps_its_reading(nlp):
    found = places(nlp, "ونقل المصابون إلى مستشفى الفاشر الجنوبي.")
    assert [p["text"] for p in found] == ["الفاشر"] and found[0]["geonameid"] == 379555


def test_an_indefinite_word_after_a_building_is_no_name(nlp):
    found = places(nlp, "نقل الجرحى في دير البلح إلى مستشفى ميداني، ونقل آخرون إلى مدرسة قريبة.")
    assert [p["text"] for p in found] == ["دير البلح"]


def test_a_capital_after_a_preposition_even_when_rare_in_arabic(nlp):
    assert one(places(nlp, "وصل الوفد السوداني إلى نيروبي أمس."), "نيروبي")["geonameid"] == 184745
    # "بسيول" is "by floods", not Seoul
    assert not [p for p in places(nlp, "نفقت مواشي القرية بسيول غزيرة ضربت الوادي ليلا.") if "سيول" in p["text"]]


@pytest.mark.parametrize("text,word", [
    ("لم يعد يحزنه شيء، فلا ضمير له، وعليه أن يبحث عن ضمير إنسان.", "ضمير"),  # conscience, not "الضمير"
    ("التقى وزير الخارجية رياض المالكي نظيره الأردني في عمان.", "رياض"),  # a man, not "الرياض"
    ("ثم خرج المتهم إلى تلك المناطق بعد انضمامه إلى التنظيم.", "خرج"),  # went out, not "الخرج"
    ("وأعلن انحيازه بحزم إلى الشرعية في اليمن.", "حزم"),  # firmly, not "الحزم"
])
def test_a_common_word_without_the_article_of_a_place_name_is_no_place(nlp, text, word):
    assert word not in [p["text"] for p in places(nlp, text)]


def test_a_revolution_named_by_its_month_leaves_the_town_in_the_sentence(nlp):
    found = places(nlp, "كتب الناشط أن الشعب خرج إلى الشوارع احتفالا بذكرى ثورة سبتمبر في تعز.")
    assert [p["text"] for p in found] == ["تعز"]


@pytest.mark.parametrize("text,name,code", [
    ("استهدفت الجماعة سفينة تجارية ترفع علم بنما في البحر الأحمر.", "بنما", "PA"),  # a ship's flag
    ("وصل وفد من تشيلي إلى الخرطوم لبحث الهدنة.", "تشيلي", "CL"),
    ("أعلنت مالطا استعدادها لاستقبال المهاجرين.", "مالطا", "MT"),
])
def test_countries_far_from_the_region_by_their_arabic_names(nlp, text, name, code):
    assert one(places(nlp, text), name)["country_code"] == code


@pytest.mark.parametrize("text,name", [
    # "وفي" is و + في: the place keeps its preposition, and "وفي" is not Alofi ("الوفي")
    ("قتل شخصان في حادث. وفي البصرة، نظم العشرات وقفة احتجاجية.", "البصرة"),
    ("وفي الموصل عثرت القوات على مقبرة جماعية.", "الموصل"),
])
def test_a_place_after_a_conjoined_preposition(nlp, text, name):
    assert one(places(nlp, text), name)["country_code"] == "IQ"
    assert not [p for p in places(nlp, text) if p["country_code"] == "NU"]


@pytest.mark.parametrize("text,word", [
    ("وفي المشهد الميداني، قصفت القوات مواقع في حلب.", "المشهد"),  # the scene, not Mashhad ("مشهد")
    ("وقال الشيخ في حديثه لصحيفة محلية إن الوضع في العراق خطير.", "حديثه"),  # his talk, not Haditha
])
def test_a_common_word_spelled_unlike_the_place_name_is_no_place(nlp, text, word):
    assert word not in [p["text"] for p in places(nlp, text)]


@pytest.mark.parametrize("text,name", [
    # a province or a direction after an unknown name places it, even when the name is also a word
    ("شنت الميليشيا هجوما على مدينة بارا بولاية شمال كردفان.", "بارا"),
    # a rare name ending in ي after "مدينة" is a name, not an adjective
    ("وصلت القوات إلى مدينة كرنوي قرب الحدود بولاية شمال دارفور.", "كرنوي"),
])
def test_an_unknown_town_after_a_head_with_its_province(nlp, text, name):
    found = one(places(nlp, text), name)
    assert found["country_code"] == "SD" and found["geonameid"] is None


def test_a_city_noun_with_an_adjective_is_no_town(nlp):
    assert [p["text"] for p in places(nlp, "قصفت الطائرات مدينة صناعية في ريف حلب.")] == ["حلب"]


@pytest.mark.parametrize("text,word", [
    ("نعى حزب الله أحد مقاتليه الذي ارتقى شهيدا على طريق القدس.", "القدس"),  # the martyrs' idiom
    ("غاب اللاعب عن الموسم بسبب إصابة الرباط الصليبي.", "الرباط"),  # the cruciate ligament
])
def test_a_place_name_inside_an_idiom_is_no_place(nlp, text, word):
    assert word not in [p["text"] for p in places(nlp, text)]


def test_a_feminine_adjective_before_a_province_is_no_town(nlp):
    assert [p["text"] for p in places(nlp, "قتل 3 في بلدة هادئة بريف حماة.")] == ["حماة"]


@pytest.mark.parametrize("text,name,geonameid", [
    ("قتل جنديان في هجوم بمنطقة ميناكا شمال شرقي مالي.", "ميناكا", 2453514),  # GeoNames: "منكا"
    ("هاجم مسلحون موقعا للجيش في نيورو غربي مالي.", "نيورو", 2452651),
])
def test_sahel_towns_by_their_arabic_news_spelling(nlp, text, name, geonameid):
    assert one(places(nlp, text), name)["geonameid"] == geonameid


def test_a_listed_name_with_its_conjunction_still_attached(nlp):
    # "وكفرا" is not split by the tokenizer (too rare), but after "بلدتي ياطر" it is the second town
    found = places(nlp, "استهدفت مسيرة سيارة على الطريق بين بلدتي ياطر وكفرا في قضاء بنت جبيل.")
    assert one(found, "كفرا")["country_code"] == "LB"


def test_a_capital_without_an_arabic_name_in_geonames_is_curated(nlp):
    found = places(nlp, "وصل وزير الخارجية إلى واشنطن في زيارة رسمية، ثم توجه إلى كوناكري.")
    assert one(found, "واشنطن")["geonameid"] == 4140963  # Washington, D.C., not a town of 20,000
    assert one(found, "كوناكري")["country_code"] == "GN"


def test_a_capital_wins_over_a_village_of_its_name(nlp):
    found = places(nlp, "وصل الوفد الإسرائيلي إلى الدوحة لاستئناف مفاوضات وقف إطلاق النار في غزة.")
    assert one(found, "الدوحة")["geonameid"] == 290030  # Doha, not Ad Dawhah near Bethlehem


def test_the_washington_post_is_no_place(nlp):
    assert places(nlp, "وقالت صحيفة واشنطن بوست إن المفاوضات في القاهرة تعثرت.")[0]["text"] == "القاهرة"


def test_the_corridors_of_the_gaza_war_are_places_in_the_strip(nlp):
    found = places(nlp, "تقدمت القوات في محور نتساريم وسط القطاع، وانسحبت من محور فيلادلفيا جنوب رفح.")
    for name in ("محور نتساريم", "محور فيلادلفيا"):
        corridor = one(found, name)
        assert corridor["country_code"] == "PS" and corridor["precision"] == 3
