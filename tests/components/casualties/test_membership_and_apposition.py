"""Victims' sides given by lām of belonging ("قيادي بارز لحركة الشباب") and by an apposition after a
named victim ("فلان، أحد قادة الهيئة"), which describes that victim and is no second one.

Runs the real pipeline (`nlp` fixture). Every sentence is invented for these tests.
"""
from __future__ import annotations

import pytest


def facts(nlp, text: str, status: str) -> list[dict]:
    return [f for f in nlp(text)._.casualties if f["status"] == status]


def side_of_the_fact(nlp, text: str, status: str, count: int | None = None) -> str:
    """The victims' side text of the one fact of this status (and count), "" when it has none."""
    found = [f for f in facts(nlp, text, status) if count is None or f["count"] == count]
    assert len(found) == 1, found
    return (found[0]["victim_side"] or {}).get("text") or ""


# (text, status, count, a word the side must contain)
BELONGING = [
    # bare lām after the victims
    ("أعلن الجيش العراقي مقتل عنصرين لتنظيم داعش في كركوك.", "killed", 2, "داعش"),
    ("قالت الفصائل إنها قتلت عشرين عنصرا لقوات النظام قرب حلب.", "killed", 20, "النظام"),
    # a rank adjective between victims and lām
    ("قتل قيادي بارز لحركة الشباب في غارة جوية جنوب الصومال.", "killed", 1, "الشباب"),
    # a participle of belonging
    ("أسفر الهجوم عن مقتل ثلاثة عناصر تابعين لقوات الدعم السريع.", "killed", 3, "الدعم السريع"),
    ("أصيب خمسة من المقاتلين التابعين لهيئة تحرير الشام في القصف.", "injured", 5, "تحرير الشام"),
]


@pytest.mark.parametrize("text,status,count,word", BELONGING)
def test_victims_belong_to_the_actor_after_lam(nlp, text, status, count, word):
    found = [f for f in facts(nlp, text, status) if f["count"] == count]
    assert len(found) == 1, [(f["count"], f["text"]) for f in facts(nlp, text, status)]
    assert found[0]["victim_side"] is not None and word in found[0]["victim_side"]["text"]
    assert found[0]["victim_type"] == "combatant"


def test_the_announcer_is_not_the_side_of_victims_named_by_lam(nlp):
    fact = facts(nlp, "أعلن الجيش العراقي مقتل عنصرين لتنظيم داعش في كركوك.", "killed")[0]
    assert "الجيش" not in fact["victim_side"]["text"]


def test_lam_before_an_unknown_word_names_no_side(nlp):
    found = facts(nlp, "قتل 12 شخصا للمرة الثانية في الحي خلال شهر.", "killed")
    assert [f["count"] for f in found] == [12]
    assert found[0]["victim_side"] is None


# one killed person whose side is in their description: an apposition after the name, which is no
# second victim, or the words between "لقي" and "مصرعه"
ONE_NAMED_VICTIM = [
    ("قتل أبو محمد الحلبي، أحد قادة هيئة تحرير الشام، بغارة روسية على إدلب.", "تحرير الشام"),
    ("استشهد سامر يوسف، أحد عناصر كتائب القسام، في قصف على رفح.", "القسام"),
    # the group's name in quotes
    ("أعلن مصدر كردي مقتل خالد حسن العبيدي، أحد قادة «داعش» العسكريين، في غارة للتحالف.", "داعش"),
    # a titled person between "لقي" and "مصرعه", the side in their description
    ("لقي قائد ميداني في قوات الدعم السريع مصرعه في اشتباكات غرب الأبيض.", "الدعم السريع"),
    ("لقي القيادي في حركة الشباب عبدي نور مصرعه في غارة جوية قرب كسمايو.", "الشباب"),
]


@pytest.mark.parametrize("text,word", ONE_NAMED_VICTIM)
def test_one_named_victim_with_the_side_in_their_description(nlp, text, word):
    found = facts(nlp, text, "killed")
    assert [f["count"] for f in found] == [1], [(f["count"], f["text"]) for f in found]
    assert found[0]["victim_side"] is not None and word in found[0]["victim_side"]["text"]


def test_one_of_joined_by_and_is_another_victim(nlp):
    found = facts(nlp, "قتل المواطن سامر يوسف، وأحد المدنيين في القصف على الحي.", "killed")
    assert sum(f["count"] for f in found) == 2


# (text, status, count, a word the side must contain, a word it must not)
AFTER_ADJECTIVES = [
    # "آخرين" is also a victims word, yet the side after it is theirs
    ("وأفاد المرصد بمقتل ثلاثة عناصر آخرين من قوات النظام في قصف على القابون.", "killed", 3, "النظام", None),
    # a rank adjective before "في"
    ("قتل قيادي بارز في تنظيم داعش بضربة جوية قرب الرمادي.", "killed", 1, "داعش", None),
    # a nationality adjective before "آخر" still names the side
    ("أعلنت أبوظبي استشهاد جندي إماراتي آخر في عدن.", "killed", 1, "إماراتي", None),
    # "the same unit" takes up the force named before, not the unit's bare noun
    ("أعلن الجيش الإسرائيلي مقتل جندي في غزة. وأفادت الإذاعة بإصابة 3 جنود آخرين من الوحدة نفسها.",
     "injured", 3, "الجيش", "الوحدة"),
]


@pytest.mark.parametrize("text,status,count,word,not_word", AFTER_ADJECTIVES)
def test_side_after_adjectives_of_the_victims(nlp, text, status, count, word, not_word):
    found = [f for f in facts(nlp, text, status) if f["count"] == count]
    assert len(found) == 1, [(f["count"], f["text"]) for f in facts(nlp, text, status)]
    side = found[0]["victim_side"]
    assert side is not None and word in side["text"] and (not_word is None or not_word not in side["text"])


def test_a_bare_noun_after_laqiya_past_a_parenthesis(nlp):
    found = facts(nlp, "ولقي طفل، في الثانية عشرة من عمره، مصرعه بانفجار لغم قرب قرية في مديرية حيس.", "killed")
    assert [(f["count"], f["victim_type"]) for f in found] == [(1, "civilian")]


def test_a_soldier_between_laqiya_and_masraahu_has_his_army_as_side(nlp):
    found = facts(nlp, "ميدانيا، لقي جندي بالجيش الليبي مصرعه وأصيب 9 آخرون في اشتباكات غرب سرت.", "killed")
    assert [f["count"] for f in found] == [1]
    assert "الجيش الليبي" in found[0]["victim_side"]["text"]


def test_a_rare_casualty_verb_after_wa_is_read(nlp):
    found = nlp("صدت القوات هجوما على البلدة وقتلت العشرات من المهاجمين وأسرت 23 منهم.")._.casualties
    assert [(f["status"], f["count"]) for f in found if f["status"] == "captured"] == [("captured", 23)]


@pytest.mark.parametrize("text", [
    "قتل مستوطن في عملية إطلاق نار قرب حاجز زعترة.",  # nothing after the victims word but a phrase
    "قُتل مستوطن وأصيب اثنان آخران قرب حاجز زعترة.",  # the verb vowelled as a passive
])
def test_a_victims_word_after_a_verb_with_no_object_is_its_subject(nlp, text):
    found = facts(nlp, text, "killed")
    assert [(f["count"], f["victim_type"]) for f in found] == [(1, "civilian")]


def test_an_agent_with_an_object_after_a_parenthesis_is_not_the_victim(nlp):
    found = nlp("اختطف مستوطنون، صباح اليوم، راعيا فلسطينيا قرب الخليل.")._.casualties
    assert not any("مستوطن" in (f.get("victims") or "") for f in found)


def test_a_singular_and_a_dual_victim_word_count_their_own_victims(nlp):
    found = nlp("ونقلت سيارات الإسعاف جثة وجريحين من موقع الغارة على البلدة.")._.casualties
    assert sorted((f["status"], f["count"]) for f in found) == [("injured", 2), ("killed", 1)]


def test_two_verbs_over_one_count_give_one_fact_each(nlp):
    found = nlp("صدت القوات الهجوم، حيث قتلت وأسرت العشرات، ثم تقدمت نحو البلدة.")._.casualties
    assert sorted(f["status"] for f in found) == ["captured", "killed"]


@pytest.mark.parametrize("text,count", [
    ("أسفرت الغارة عن مقتل قيادي في فصيل مسلح ومرافقه قرب الحدود.", 2),  # his escort
    ("اغتيل القيادي أبو خالد الديري وسائقه بعبوة ناسفة في المدينة.", 2),  # his driver
])
def test_companions_joined_to_one_victim_count(nlp, text, count):
    found = facts(nlp, text, "killed")
    assert [f["count"] for f in found] == [count], [(f["count"], f["text"]) for f in found]


def test_one_of_two_and_the_other_take_the_side_of_the_two(nlp):
    text = "اشتبك المقاتلون مع عنصرين لقوات الدعم السريع حاولا نهب شاحنة، فقتلوا أحدهما وأسروا الآخر."
    found = nlp(text)._.casualties
    assert sorted((f["status"], f["count"]) for f in found) == [("captured", 1), ("killed", 1)]
    assert all("الدعم السريع" in f["victim_side"]["text"] for f in found)


def test_one_of_them_after_a_count_is_no_victims_word(nlp):
    found = nlp("أعلن الجيش أن خمسة من عناصره لقوا حتفهم وأصيب سبعة أحدهم بجروح بالغة.")._.casualties
    assert sorted((f["status"], f["count"]) for f in found) == [("injured", 7), ("killed", 5)]


def test_the_other_after_a_verbal_noun_is_no_victim(nlp):
    assert nlp("وتروي القصة كيف همّ أحدهما بقتل الآخر في البرية.")._.casualties == []


@pytest.mark.parametrize("text,aggregate", [
    ("وبذلك ترتفع حصيلة العدوان منذ الثامن من تشرين الأول 2023 إلى 2,310 قتلى، وفق الوزارة.", True),
    ("ومنذ السابع من أكتوبر 2023، تشن القوات حربا أسفرت عن مقتل أكثر من 30 ألف شخص.", True),
    ("قتلت المقاومة 150 عنصرا من المسلحين خلال 90 عملية في المحافظة منذ أبريل الماضي.", True),
    # another clause of the sentence, or hours, do not make the toll cumulative
    ("وتسببت المعارك بمقتل نحو ستين مقاتلا من الطرفين، وتحاصر القوات البلدة منذ العام 2014.", False),
    ("قتل 3 مدنيين في قصف متواصل منذ ساعات الصباح على الحي.", False),
])
def test_a_toll_since_a_month_or_a_year_is_cumulative(nlp, text, aggregate):
    found = nlp(text)._.casualties
    assert found and all(f["aggregate"] is aggregate for f in found), [(f["count"], f["aggregate"]) for f in found]


def test_one_of_the_attackers_is_of_the_side_that_attacked(nlp):
    text = ("قتل أربعة عناصر من قوات سوريا الديمقراطية في هجوم شنه مسلحون من تنظيم داعش على نقطة عسكرية. "
            "وقالت القوات إن مقاتليها ردوا وقتلوا أحد المهاجمين.")
    found = [f for f in nlp(text)._.casualties if f["count"] == 1]
    assert len(found) == 1 and "داعش" in found[0]["victim_side"]["text"]


def test_an_accusative_rank_adjective_before_the_side(nlp):
    found = nlp("أعلنت القيادة أن قواتها اعتقلت قيادياً بارزاً في داعش خلال إنزال جوي.")._.casualties
    assert [(f["status"], f["count"]) for f in found] == [("captured", 1)]
    assert "داعش" in found[0]["victim_side"]["text"]


@pytest.mark.parametrize("text,status,count", [
    ("خطف مسلحون سائقَين اثنين على الطريق بين المدينتين.", "captured", 2),
    ("وأعلن الجيش أن قواته قتلت المنفذ بعد مطاردة استمرت ساعتين.", "killed", 1),
])
def test_drivers_and_the_attacker_are_victim_words(nlp, text, status, count):
    assert [(f["status"], f["count"]) for f in nlp(text)._.casualties] == [(status, count)]


def test_an_ordinal_after_a_verb_is_one_more_victim_not_after_a_noun(nlp):
    found = nlp("قتل ثلاثة من عناصر التنظيم وأسر رابع في الاشتباكات.")._.casualties
    assert sorted((f["status"], f["count"]) for f in found) == [("captured", 1), ("killed", 3)]
    found = nlp("ونعت البلدية مساء الأحد جنديا رابعا قُتل خلال المواجهات قرب الحدود.")._.casualties
    assert [f["count"] for f in found] == [1]


def test_faqada_counts_as_missing_only_when_vowelled_as_a_passive(nlp):
    found = nlp("وأصيب ثلاثة جنود، فيما فُقد أربعة آخرون بعد الهجوم على القافلة.")._.casualties
    assert sorted((f["status"], f["count"]) for f in found) == [("injured", 3), ("missing", 4)]
    found = nlp("فقد قتل خمسة جنود في الهجوم على القافلة.")._.casualties  # فـ + قد
    assert [(f["status"], f["count"]) for f in found] == [("killed", 5)]


def test_people_whose_fate_is_unknown_are_missing(nlp):
    found = nlp("وقتل ثلاثة صيادين في القصف فيما لا يزال مصير اثنين آخرين مجهولا.")._.casualties
    assert sorted((f["status"], f["count"]) for f in found) == [("killed", 3), ("missing", 2)]
    assert nlp("ناقش الوزراء مصير المفاوضات مع الأطراف المعنية.")._.casualties == []


# A side that "lost" members of its own: the verb's subject is the victims' side, not the perpetrator.
LOSSES = [
    ("فقدت القوات المسلحة السودانية ثلاثة من جنودها في معارك بابنوسة.", 3, "القوات المسلحة"),
    ("وقال المتحدث إن الشرطة الصومالية فقدت 4 من عناصرها خلال المداهمة.", 4, "الشرطة"),
    ("خسر الحوثيون 15 من مقاتليهم في المواجهات الأخيرة على جبهة مأرب.", 15, "الحوثيون"),
    ("وخسرت حركة الشباب عشرة من قادتها في غارات أمريكية.", 10, "الشباب"),
]


@pytest.mark.parametrize("text,count,word", LOSSES)
def test_a_side_that_lost_its_own_members(nlp, text, count, word):
    found = facts(nlp, text, "killed")
    assert [f["count"] for f in found] == [count]
    assert word in found[0]["victim_side"]["text"]
    assert found[0]["perpetrator"] is None or word not in found[0]["perpetrator"]["text"]


@pytest.mark.parametrize("text", [
    "فقدت القوات الاتصال بالطائرة المسيرة فوق البحر.",
    "خسرت الحكومة ثلاثة مقاعد في البرلمان.",
    "فقدت الأسرة منزلها في القصف.",
])
def test_losing_things_is_no_casualty(nlp, text):
    assert nlp(text)._.casualties == []


@pytest.mark.parametrize("text,status,count,country", [
    ("أسفر الهجوم على الموقع العسكري عن مقتل أكثر من 60 جنديا من بوركينا فاسو.", "killed", 60, "بوركينا فاسو"),
    ("قتل ثلاثة جنود من النيجر في كمين قرب الحدود مع مالي.", "killed", 3, "النيجر"),
    ("أصيب جنديان من تشاد ضمن قوة حفظ السلام في هجوم شمال مالي.", "injured", 2, "تشاد"),
])
def test_soldiers_from_a_country_are_its_army(nlp, text, status, count, country):
    doc = nlp(text)
    fact = [f for f in doc._.casualties if f["status"] == status][0]
    assert fact["count"] == count and fact["victim_side"]["text"] == country
    assert fact["victim_side"]["actor_id"] is not None  # that country's army
    assert country in [p["text"] for p in doc._.places]  # still a place too


def test_soldiers_moving_from_a_country_are_no_side(nlp):
    doc = nlp("انسحب الجنود من سوريا بعد الاتفاق، وقتل مدني في حادث منفصل.")
    assert not any(a["text"] == "سوريا" for a in doc._.actors)


@pytest.mark.parametrize("text,count,word", [
    # a group burying its own dead names them
    ("شيعت جماعة الحوثي 14 من مقاتليها الذين سقطوا في المعارك.", 14, "الحوثي"),
    ("وشيع حزب الله اثنين من عناصره في بلدة عيترون.", 2, "حزب الله"),
    # "one of its soldiers": the possessed noun without "من"
    ("أعلن الجيش اللبناني استشهاد أحد عسكرييه جراء غارة على حاجز في الجنوب.", 1, "الجيش اللبناني"),
    # members of an institution: the construct names their side
    ("وأفاد المرصد بمقتل 3 من عناصر وزارة الدفاع برصاص قناصة.", 3, "وزارة الدفاع"),
    ("قتل عنصران من منتسبي جهاز الأمن الوطني في هجوم على حاجز.", 2, "جهاز الأمن الوطني"),
])
def test_sides_of_mourned_possessed_and_institution_victims(nlp, text, count, word):
    found = [f for f in nlp(text)._.casualties if f["status"] == "killed"]
    assert [f["count"] for f in found] == [count]
    assert word in found[0]["victim_side"]["text"]


def test_mourners_are_no_victims(nlp):
    found = nlp("شيع الآلاف في خان يونس جثامين 5 شهداء سقطوا في القصف.")._.casualties
    assert [(f["status"], f["count"]) for f in found] == [("killed", 5)]


def test_a_district_is_no_side(nlp):
    found = nlp("خطفت الميليشيا اثنين من المواطنين في مديرية النادرة.")._.casualties
    assert found and found[0]["victim_side"] is None


@pytest.mark.parametrize("text,word", [
    ("أكدت قوات الدعم السريع مقتل قائدها الميداني في معارك الفاشر.", "الدعم السريع"),
    ("قال الحوثيون إن الغارة أسفرت عن مقتل قائدهم العسكري.", "الحوثيون"),
])
def test_a_possessed_title_is_one_victim_of_the_possessor(nlp, text, word):
    found = nlp(text)._.casualties
    assert [(f["status"], f["count"]) for f in found] == [("killed", 1)]
    assert word in found[0]["victim_side"]["text"]


@pytest.mark.parametrize("text,word", [
    ("قتل 11 جنديا صوماليا في هجوم على قاعدة عسكرية.", "صوماليا"),
    ("أصيب 15 جنديا تركيا في هجوم شمال العراق.", "تركيا"),
])
def test_an_accusative_nationality_after_eleven_to_ninety_nine(nlp, text, word):
    fact = nlp(text)._.casualties[0]
    assert word in fact["victim_side"]["text"] and fact["victim_side"]["actor_id"] is not None


@pytest.mark.parametrize("text,count,side,perpetrator", [
    # a drone or plane with a nationality adjective is that country's forces: the verb's agent
    ("اغتالت طائرة مسيرة إسرائيلية اثنين من مقاتلي كتيبة طولكرم في مخيم نور شمس.", 2, "طولكرم", "إسرائيلية"),
    ("قتل عنصران من قسد بغارة لطائرة مسيرة تركية قرب القامشلي.", 2, "قسد", "تركية"),
    # the attackers a count takes belong to the side that attacked
    ("أعلنت القوة المشتركة أنها صدت هجوما لقوات الدعم السريع على كرنوي، وقتلت 35 من المهاجمين.", 35,
     "الدعم السريع", None),
])
def test_agents_by_instrument_and_attackers_by_their_attack(nlp, text, count, side, perpetrator):
    fact = [f for f in nlp(text)._.casualties if f["status"] == "killed"][0]
    assert fact["count"] == count and side in fact["victim_side"]["text"]
    if perpetrator:
        assert perpetrator in fact["perpetrator"]["text"]


def test_a_drone_is_an_instrument_not_an_actor_mention(nlp):
    doc = nlp("قتلت مسيرة إسرائيلية ثلاثة مقاتلين في بنت جبيل.")
    assert doc._.actors == [] or not any("مسيرة" in a["text"] for a in doc._.actors)
    assert [(i["text"], i["actor_id"]) for i in doc._.instruments] == [("مسيرة إسرائيلية", "IL_ARMY")]
    assert nlp("خرجت مسيرة حاشدة في رام الله تضامنا مع الأسرى.")._.instruments == []


@pytest.mark.parametrize("text,status", [
    ("اعترف الجيش الإسرائيلي بمقتل رقيب من لواء غولاني في رفح.", "killed"),
    ("أصيب نقيب في الجيش اللبناني بانفجار قذيفة قرب الحدود.", "injured"),
])
def test_an_indefinite_rank_is_one_soldier(nlp, text, status):
    found = [f for f in nlp(text)._.casualties if f["status"] == status]
    assert [(f["count"], f["victim_type"]) for f in found] == [(1, "combatant")]


def test_a_rank_as_a_title_of_a_speaker_is_no_victim(nlp):
    assert nlp("وقال المقدم أحمد العلي إن الهجوم فشل.")._.casualties == []


@pytest.mark.parametrize("text,count", [
    ("شنت قوات الاحتلال حملة اعتقالات طالت 15 مواطنا على الأقل في الضفة الغربية.", 15),
    ("نفذت القوات حملة اعتقالات واسعة شملت 20 شابا في جنين.", 20),
])
def test_an_arrest_campaign_that_reached_a_count(nlp, text, count):
    assert [(f["status"], f["count"]) for f in nlp(text)._.casualties] == [("captured", count)]


def test_an_obituary_noun_is_no_mourning_verb(nlp):
    # "نعي" (an obituary) and "نعى" (mourned) are one word after normalisation
    assert nlp("وفق ما أعلنت الكتيبة في بيان نعي نشرته مساء الأحد.")._.casualties == []


def test_they_lost_stays_missing_without_possessed_fighters(nlp):
    # "فقدوا" is one record (missing); only "فقدت" with its own fighters after it is a loss of men
    found = nlp("قال الأهالي إن ثلاثة صيادين فقدوا في البحر منذ أمس.")._.casualties
    assert all(f["status"] != "killed" for f in found)


@pytest.mark.parametrize("text,count,word", [
    ("تكبدت قوات الدعم السريع خسائر فادحة بلغت 45 قتيلا.", 45, "الدعم السريع"),
    ("أوقعت المواجهات عشرة قتلى من رجال المقاومة، في حين تكبدت جماعة الحوثي 33 قتيلا.", 33, "الحوثي"),
])
def test_a_side_suffering_losses_names_its_dead(nlp, text, count, word):
    fact = [f for f in nlp(text)._.casualties if f["count"] == count][0]
    assert word in fact["victim_side"]["text"]


def test_material_losses_name_no_side_for_other_victims(nlp):
    fact = nlp("تكبد الجيش خسائر مادية كبيرة، وقتل 3 مدنيين في القصف.")._.casualties[0]
    assert fact["victim_side"] is None


def test_a_possessed_noun_with_a_definite_number(nlp):
    found = nlp("أعلنت وزارة الداخلية تفكيك خلية لتنظيم داعش واعتقال أفرادها السبعة.")._.casualties
    assert [(f["status"], f["count"]) for f in found] == [("captured", 7)]
    assert "داعش" in found[0]["victim_side"]["text"]


@pytest.mark.parametrize(
    "text,word",
    [
        # a description after the name, opened by a pronoun or a relative: the victim's group
        ("قتل محمد أحمد، وهو قيادي في حركة حماس، بغارة إسرائيلية على خان يونس.", "حماس"),
        ("قتل سامي عمر، وهو عنصر في قوات الدعم السريع، في اشتباك قرب الأبيض.", "الدعم السريع"),
        ("قتل عبد الله حسن، وهو أحد عناصر حركة الشباب، في كمين قرب بلدوين.", "الشباب"),
    ],
)
def test_a_pronoun_apposition_after_a_named_victim_gives_his_group(nlp, text, word):
    assert word in side_of_the_fact(nlp, text, "killed")


def test_an_apposition_without_a_membership_word_names_no_side(nlp):
    # "while on his way ... near the positions of ...": where he was, not whose man he was
    found = facts(nlp, "قتل محمد أحمد، وهو في طريقه إلى منزله قرب مواقع قوات الدعم السريع.", "killed")
    assert len(found) == 1 and found[0]["victim_side"] is None


@pytest.mark.parametrize(
    "text,count,word",
    [
        # "لها"/"له" after counted fighters: their own men, of the actor named before
        ("أطلقت إدارة الأمن العام حملة أمنية في اللاذقية بعد مقتل عنصرين لها.", 2, "الأمن العام"),
        ("أعلنت قوات الدعم السريع مقتل ثلاثة جنود لها في الفاشر.", 3, "الدعم السريع"),
    ],
)
def test_fighters_of_its_own_by_a_possessive_lam(nlp, text, count, word):
    assert word in side_of_the_fact(nlp, text, "killed", count)


def test_civilians_with_a_possessive_lam_keep_no_side(nlp):
    found = facts(nlp, "أعلنت الشرطة مقتل مدنيين اثنين لها.", "killed")
    assert all(f["victim_side"] is None for f in found)


@pytest.mark.parametrize(
    "text,status,count,word",
    [
        # "منسوبي" (members of, in Sudanese usage) like "منتسبي"
        ("وقال مصدر عسكري إن ثلاثة من منسوبي الفرقة 22 مشاة لقوا حتفهم.", "killed", 3, "الفرقة 22"),
        # a bare noun, the side it belongs to, then the verb
        ("وقال الناطق إن عنصرا من الجيش السوري قتل في الهجوم.", "killed", 1, "الجيش السوري"),
        ("وقال الجيش إن جنديا من وحدة اليمام أصيب بجروح طفيفة.", "injured", 1, "اليمام"),
        # the comrades of a victim share his side
        ("وقال الناطق إن عنصرا في جهاز الحرس الرئاسي قتل وأصيب اثنان من رفاقه.", "injured", 2, "الحرس الرئاسي"),
        # "كبّدوها": the object pronoun suffered the losses; "مقرة": the speaker admits its own
        ("وقالت قسد إن مقاتليها صدوا هجوما لفصائل الجيش الوطني السوري على محور الجسر، وكبدوها 23 قتيلا.",
         "killed", 23, "الجيش الوطني"),
        ("وقالت قسد إن مقاتليها صدوا هجوما لفصائل الجيش الوطني السوري، مقرة بسقوط أربعة قتلى في صفوفها.",
         "killed", 4, "قسد"),
    ],
)
def test_members_subjects_and_inflicted_losses_name_the_side(nlp, text, status, count, word):
    assert word in side_of_the_fact(nlp, text, status, count)


def test_they_lost_their_own_men_is_killed(nlp):
    # "فقدوا" with their own men after it is a loss of men (killed); alone it stays missing
    found = facts(nlp, "وقال المسلحون إنهم فقدوا اثنين من عناصرهم في الاشتباك.", "killed")
    assert [f["count"] for f in found] == [2]


@pytest.mark.parametrize("text,count", [
    # a time of day, also set off by commas, between the verb and its count
    ("قالت مصادر إن قوات الدعم السريع أعدمت ميدانيا، صباح الاثنين، ثمانية من أبناء القرية.", 8),
    ("قتل مساء السبت خمسة جنود في هجوم على نقطة تفتيش.", 5),
])
def test_a_time_between_verb_and_count(nlp, text, count):
    assert [f["count"] for f in facts(nlp, text, "killed")] == [count]
