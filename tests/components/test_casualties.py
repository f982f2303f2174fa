"""The casualty matcher on the real pipeline: counts, qualifiers, statuses, victims,
sides, perpetrators, breakdowns, negation, cumulative tolls and merging.

Every sentence here is written for these tests in the style of Arabic conflict news.
Each table row names the fact it expects; `one(...)` fails when the sentence yields
no such fact, so every row can fail.
"""
from __future__ import annotations

import pytest

from marsad.components.casualties import validate_lexicon
from marsad.resources import read_jsonl


def facts(nlp, text: str) -> list[dict]:
    doc = nlp(text)
    for fact in doc._.casualties:
        assert text[fact["start_char"]:fact["end_char"]] == fact["text"]
    return doc._.casualties


def one(nlp, text: str, status: str, count: int | None) -> dict:
    """The single non-negated fact with this status and count."""
    found = [f for f in facts(nlp, text) if f["status"] == status and f["count"] == count]
    assert len(found) == 1, (text, [(f["status"], f["count"], f["text"]) for f in facts(nlp, text)])
    return found[0]


def countable(nlp, text: str) -> list[tuple[str, int]]:
    return sorted((f["status"], f["count"]) for f in facts(nlp, text) if f["count"] is not None and not f["negated"])


# ---------------------------------------------------------------- numbers
NUMBER_FORMS = [
    # Western and Eastern Arabic digits
    ("قتل 12 مدنيا في قصف على مدينة حلب", "killed", 12),
    ("قتل ١٢ مدنيا في قصف على مدينة حلب", "killed", 12),
    ("أصيب ۱۵ شخصا في انفجار سيارة مفخخة", "injured", 15),
    # number words, gender and case forms
    ("أسفر الانفجار عن مقتل ثلاثة أشخاص", "killed", 3),
    ("قتلت ثلاث نساء في غارة على القرية", "killed", 3),
    ("قتل اثنان من عناصر الشرطة في الهجوم", "killed", 2),
    ("اعتقلت الشرطة اثنين من المشتبه بهم", "captured", 2),
    ("قتل أحد عشر جنديا في كمين", "killed", 11),
    # compounds
    ("قتل ثلاثة وعشرون شخصا في الهجوم", "killed", 23),
    ("أسفر القصف عن مقتل ثلاثة وعشرين مدنيا", "killed", 23),
    ("لقي مئة وخمسون شخصا حتفهم في المعارك", "killed", 150),
    ("أصيب مائتا شخص بجروح في الانفجار", "injured", 200),
    ("أصيب مائتي شخص في الانفجار", "injured", 200),
    ("بلغت حصيلة القتلى 42 ألفا و384 شخصا", "killed", 42384),
    ("قتل أكثر من 3 آلاف شخص في المعارك", "killed", 3000),
    # a singular or dual noun is its own count
    ("مقتل مدني في قصف مدفعي على الحي", "killed", 1),
    ("أصيب جندي بجروح في الاشتباكات", "injured", 1),
    ("أسفر الهجوم عن مقتل جنديين", "killed", 2),
    ("أسفر القصف عن إصابة طفلين", "injured", 2),
    ("أدى الانفجار إلى إصابة عسكريين آخرين اثنين", "injured", 2),
    ("قتل شرطيان في هجوم على دورية", "killed", 2),
]


@pytest.mark.parametrize("text,status,count", NUMBER_FORMS)
def test_number_forms(nlp, text, status, count):
    one(nlp, text, status, count)


# (text, status, low, high): vague counts keep ACLED-style estimates
VAGUE = [
    ("قتل عشرات المدنيين في الغارات", "killed", 10, 99),
    ("أصيب العشرات في الانفجار", "injured", 10, 99),
    ("أصيب المئات في الزلزال والقصف", "injured", 100, 999),
    ("اعتقال عدد من الناشطين في المدينة", "captured", 2, None),
]


@pytest.mark.parametrize("text,status,low,high", VAGUE)
def test_vague_counts(nlp, text, status, low, high):
    fact = one(nlp, text, status, None)
    assert fact["qualifier"] == "vague"
    assert (fact["low"], fact["high"]) == (low, high)


@pytest.mark.parametrize(
    "text,statuses",
    [
        ("سقط المئات بين قتيل وجريح في المعارك", {"killed", "injured"}),
        ("خلف الانفجار أكثر من 50 قتيلا وجريحا", {"killed", "injured"}),
        ("أسفرت المواجهات عن سقوط قتلى وجرحى من الطرفين", {"killed", "injured"}),
    ],
)
def test_total_over_two_statuses_is_vague_for_each(nlp, text, statuses):
    found = facts(nlp, text)
    assert {f["status"] for f in found} == statuses
    assert all(f["count"] is None and f["qualifier"] == "vague" for f in found)


# ---------------------------------------------------------------- qualifiers
QUALIFIERS = [
    ("قتل 12 عنصرا على الأقل في الاشتباكات", 12, "at_least"),
    ("قتل على الأقل 12 عنصرا في الاشتباكات", 12, "at_least"),
    ("قتل أكثر من 20 شخصا في التفجير", 20, "at_least"),
    ("قتل ما لا يقل عن 15 مدنيا في القصف", 15, "at_least"),
    ("قتل نحو 30 مسلحا في المعارك", 30, "about"),
    ("قتل حوالي 40 شخصا في المعارك", 40, "about"),
    ("قتل قرابة 50 شخصا في الهجوم", 50, "about"),
    ("قتل أقل من 10 أشخاص في الهجوم", 10, "at_most"),
    ("قتل 7 جنود في هجوم على نقطة تفتيش", 7, "exact"),
]


@pytest.mark.parametrize("text,count,qualifier", QUALIFIERS)
def test_qualifiers(nlp, text, count, qualifier):
    assert one(nlp, text, "killed", count)["qualifier"] == qualifier


# ---------------------------------------------------------------- statuses
STATUSES = [
    # killed: nominal, verbal, passive, idioms, victim nouns, bodies
    ("أعلنت الوزارة مقتل 5 جنود في الهجوم", "killed", 5),
    ("قتل 5 جنود في الهجوم", "killed", 5),
    ("قتل مسلحون 5 جنود في كمين", "killed", 5),
    ("25 شخصا قتلوا في الغارات على البلدة", "killed", 25),
    ("أفادت مصادر بسقوط 15 قتيلا في المواجهات", "killed", 15),
    ("لقي جندي حتفه في الانفجار", "killed", 1),
    ("لقي 8 أشخاص مصرعهم في الاشتباكات", "killed", 8),
    ("لقي 4 من القيادات الميدانية في المحافظة، مصرعهم، أمس", "killed", 4),
    ("سقط 3 جنود قتلى في الهجوم", "killed", 3),
    ("استشهد 4 من رجال الأمن في الهجوم", "killed", 4),
    ("أودى الهجوم بحياة 9 أشخاص", "killed", 9),
    ("عثر على جثث 6 أشخاص في النهر", "killed", 6),
    ("أعدم المسلحون 10 أشخاص في الساحة العامة", "killed", 10),
    ("خلف القصف 14 قتيلا", "killed", 14),
    ("ارتفع عدد القتلى إلى 30 شخصا", "killed", 30),
    # injured
    ("أصيب 14 شخصا في الانفجار", "injured", 14),
    ("أسفر الهجوم عن إصابة 6 مدنيين", "injured", 6),
    ("وصل إلى المستشفى 20 جريحا بعد القصف", "injured", 20),
    ("جرح 7 أشخاص في إطلاق نار", "injured", 7),
    # captured
    ("أسر المقاتلون 3 جنود في الهجوم", "captured", 3),
    ("أعلنت الجماعة اختطاف 4 صحافيين أجانب", "captured", 4),
    ("اعتقلت قوات الأمن 25 شخصا في حملة مداهمات", "captured", 25),
    ("جرى أسر 30 مقاتلا في المعارك", "captured", 30),
    # missing
    ("لا يزال 6 صيادين مفقودين منذ العاصفة", "missing", 6),
    ("أعلنت السلطات أن 11 بحارا في عداد المفقودين", "missing", 11),
]


@pytest.mark.parametrize("text,status,count", STATUSES)
def test_statuses(nlp, text, status, count):
    one(nlp, text, status, count)


@pytest.mark.parametrize(
    "text",
    [
        "أعلنت البعثة مقتل وإصابة 35 مدنيا في القصف",
        "وقد قتل وجرح في المعارك نحو 50 من عناصر الميليشيات",
    ],
)
def test_one_total_for_two_statuses_is_vague(nlp, text):
    found = facts(nlp, text)
    assert sorted(f["status"] for f in found) == ["injured", "killed"]
    assert all(f["count"] is None and f["qualifier"] == "vague" for f in found)


@pytest.mark.parametrize(
    "text,status,count",
    [
        ("قال مسؤول إن جنديا قتل وأصيب آخر في اشتباكات على الحدود", "killed", 1),
        ("قال مسؤول إن جنديا قتل وأصيب آخر في اشتباكات على الحدود", "injured", 1),
        ("علقت المرأة صورة ابنها الشاب الذي قتل في القصف", "killed", 1),
        ("زعم الحزب أن عنصرين فقط لقيا حتفهما في المعارك", "killed", 2),
        ("أفاد مسؤول بأن جنديين مصريين قتلا في الهجوم", "killed", 2),
        ("أقدم مسلح على قتل جنديين في المدينة", "killed", 2),
    ],
)
def test_subject_noun_before_its_verb(nlp, text, status, count):
    one(nlp, text, status, count)


def test_killed_and_injured_in_one_sentence_are_two_facts(nlp):
    assert countable(nlp, "قتل 5 أشخاص وأصيب 10 آخرون في انفجار بالعاصمة") == [("injured", 10), ("killed", 5)]
    assert countable(nlp, "أسفر القصف عن مقتل 5 وإصابة 10") == [("injured", 10), ("killed", 5)]


@pytest.mark.parametrize(
    "text",
    [
        "شنت الطائرات 16 غارة على مواقع المسلحين",
        "قتل الوقت في انتظار الحافلة",
        "استشهد الكاتب برأي المؤرخ في مقاله",
        "غاب اللاعب عن المباراة بسبب إصابته في الركبة",
        "أصيب الجمهور بخيبة أمل بعد الخسارة",
        "سقوط 3 صواريخ قرب المطار دون إصابات",
        "قضى 10 سنوات في السجن قبل الإفراج عنه",
        "رحبت الحكومة بالاتفاق في عام 2015",
        "يهدد التنظيم بقتل 20 رهينة",
    ],
)
def test_no_countable_fact(nlp, text):
    assert countable(nlp, text) == []


def test_a_year_after_a_trigger_is_not_a_count(nlp):
    assert countable(nlp, "قتل 7 أشخاص في عام 2015") == [("killed", 7)]
    assert countable(nlp, "ارتفع عدد القتلى المدنيين إلى 1916 قتيلا") == [("killed", 1916)]


# ---------------------------------------------------------------- named single victims
@pytest.mark.parametrize(
    "text",
    [
        "أعلن الجيش مقتل العميد سالم الحربي في المواجهات",
        "أدت الغارة إلى مقتل أبو خالد العراقي القيادي في التنظيم",
        "قال المصدر إن القائد الميداني فهد النجار قتل في الاشتباكات",
        "تحدث الشيخ عن الشهيد ناصر العلي وعن تضحياته",
        "نعى الحزب القيادي وقال إن مقتله في الغارة خسارة كبيرة",
    ],
)
def test_named_single_victim_counts_one(nlp, text):
    one(nlp, text, "killed", 1)


def test_a_street_named_after_a_martyr_is_not_a_fact(nlp):
    assert countable(nlp, "افتتح المحافظ مستشفى الشهيد ناصر العلي في المدينة") == []


# ---------------------------------------------------------------- victims and sides
VICTIM_TYPES = [
    ("قتل 12 مدنيا في قصف على الحي", 12, "civilian"),
    ("قتل 4 أطفال في القصف", 4, "civilian"),
    ("قتل 7 جنود في هجوم على نقطة تفتيش", 7, "combatant"),
    ("قتل 9 مسلحين في الاشتباكات", 9, "combatant"),
    ("قتل 8 أشخاص في الانفجار", 8, "unknown"),
]


@pytest.mark.parametrize("text,count,victim_type", VICTIM_TYPES)
def test_victim_type(nlp, text, count, victim_type):
    assert one(nlp, text, "killed", count)["victim_type"] == victim_type


SIDES = [
    # an actor after "من", with its coordinated allies
    ("قتل 9 عناصر من قوات النظام في الاشتباكات", 9, "SY_GOV", "قوات النظام"),
    ("قتل 20 مسلحا من داعش في غارة للتحالف", 20, "IS", "داعش"),
    ("قتل 23 عنصرا من تنظيم «داعش» في الغارة", 23, "IS", "داعش"),
    ("قتل 14 من المسلحين الحوثيين في المواجهات", 14, "YE_HOUTHI", "الحوثيين"),
    # adjectives and nouns that name the side
    ("قتل 17 حوثيا في المعارك", 17, "YE_HOUTHI", "حوثيا"),
    ("قتل 3 جنود سعوديين في قصف على الحدود", 3, "SA_FORCES", "سعوديين"),
    # context: "في صفوف", a toll that names its side
    ("سقط 10 قتلى في صفوف الحوثيين", 10, "YE_HOUTHI", "الحوثيين"),
    ("بلغت حصيلة القتلى في صفوف قوات النظام 60 عنصرا", 60, "SY_GOV", "قوات النظام"),
    # the positions that were hit
    ("قصفت الطائرات تجمعات تنظيم داعش مما أسفر عن مقتل نحو عشرين عنصرا", 20, "IS", "داعش"),
    # the antecedent of "منهم"
    ("وصل 12 من مقاتلي داعش إلى المدينة وقتل خمسة منهم في الغارة", 5, "IS", "داعش"),
    # the same victims as the fact before: "آخرون", an elided noun
    ("قتل 12 عنصرا من قوات النظام وأصيب 20 آخرون", 12, "SY_GOV", "قوات النظام"),
]


@pytest.mark.parametrize("text,count,actor_id,word", SIDES)
def test_victim_side(nlp, text, count, actor_id, word):
    fact = next(f for f in facts(nlp, text) if f["count"] == count)
    assert fact["victim_side"]["actor_id"] == actor_id
    assert word in fact["victim_side"]["text"]
    assert fact["victim_type"] == "combatant"


def test_others_inherit_the_side(nlp):
    injured = one(nlp, "قتل 12 عنصرا من قوات النظام وأصيب 20 آخرون", "injured", 20)
    assert injured["victim_side"]["actor_id"] == "SY_GOV"
    elided = one(nlp, "قتل 4 من الحوثيين وأصيب 6 في المواجهات", "injured", 6)
    assert elided["victim_side"]["actor_id"] == "YE_HOUTHI"


def test_coordinated_triggers_share_the_side(nlp):
    text = "أعلنت الوزارة استشهاد اثنين وإصابة أربعة من عناصر قوات النظام"
    assert one(nlp, text, "killed", 2)["victim_side"]["actor_id"] == "SY_GOV"
    assert one(nlp, text, "injured", 4)["victim_side"]["actor_id"] == "SY_GOV"


def test_side_the_knowledge_base_does_not_know_keeps_its_text(nlp):
    fact = one(nlp, "قتل 13 من عناصر حرس المنشآت في الهجوم", "killed", 13)
    assert "حرس المنشآت" in fact["victim_side"]["text"]


def test_soldiers_belong_to_the_state_forces_of_the_sentence(nlp):
    fact = one(nlp, "قتل 7 جنود عندما هاجم مسلحون حاجزا تحرسه قوات الحكومة", "killed", 7)
    assert "قوات الحكومة" in fact["victim_side"]["text"]


def test_civilians_get_no_side(nlp):
    assert one(nlp, "قتل 6 مدنيين برصاص قناصة الحوثيين", "killed", 6)["victim_side"] is None
    assert one(nlp, "قتل 8 مدنيين في صفوف السكان", "killed", 8)["victim_side"] is None


def test_side_of_a_possessive_pronoun_is_its_owner(nlp):
    fact = one(nlp, "نفى الجيش السوري مقتل 5 من جنوده في الهجوم", "killed", 5)
    # undated: the newest identity of the Syrian army (the Assad-era one before 2024-12-08)
    assert fact["negated"] and fact["victim_side"]["actor_id"] in {"SY_GOV", "SY_TRANS_GOV"}


# ---------------------------------------------------------------- one fact per side
def test_one_fact_per_side(nlp):
    text = "قتل 20 عنصرا من قوات النظام مقابل 13 عنصرا من تنظيم داعش"
    assert {f["count"]: f["victim_side"]["actor_id"] for f in facts(nlp, text)} == {20: "SY_GOV", 13: "IS"}


def test_same_count_for_two_sides_stays_two_facts(nlp):
    text = "أفادت مصادر أمنية بمقتل 11 من تنظيم داعش و11 مدنيا في أعمال عنف"
    found = [f for f in facts(nlp, text) if f["count"] == 11]
    assert sorted(f["victim_type"] for f in found) == ["civilian", "combatant"]


def test_coordinated_subjects_of_one_verb(nlp):
    text = "أفاد أهالي المنطقة بأن 18 حوثيا و7 من رجال المقاومة الشعبية سقطوا قتلى"
    sides = {f["count"]: f["victim_side"]["actor_id"] for f in facts(nlp, text)}
    assert sides == {18: "YE_HOUTHI", 7: "YE_POP_RESISTANCE"}


# ---------------------------------------------------------------- perpetrators and places
PERPETRATORS = [
    ("قتل 6 مدنيين برصاص قناصة الحوثيين", 6, "YE_HOUTHI"),
    ("قتل 4 مدنيين على يد عناصر داعش", 4, "IS"),
    ("قتل 8 مدنيين في غارة لطيران التحالف", 8, "SA_COALITION"),
    ("قتل 13 جنديا في هجوم شنه تنظيم داعش", 13, "IS"),
    ("أعدم تنظيم داعش 10 أشخاص في الرقة", 10, "IS"),
]


@pytest.mark.parametrize("text,count,actor_id", PERPETRATORS)
def test_perpetrator(nlp, text, count, actor_id):
    perpetrator = one(nlp, text, "killed", count)["perpetrator"]
    assert perpetrator is not None and perpetrator["actor_id"] == actor_id


def test_place(nlp):
    assert one(nlp, "قتل 12 مدنيا في قصف على مدينة حلب", "killed", 12)["place"]["text"] == "حلب"


# ---------------------------------------------------------------- discourse
BREAKDOWNS = [
    ("قتل 9 أشخاص بينهم 4 أطفال في القصف", 9, [4]),
    ("قتل 12 شخصا بينهم أربعة أطفال وامرأة في الغارة", 12, [4, 1]),
    ("قال الطبيب إن 9 أشخاص بينهم 5 مدنيين لقوا حتفهم", 9, [5]),
    ("أسفر الهجوم عن مقتل 7 جنود من بينهم ضابطان", 7, [2]),
]


@pytest.mark.parametrize("text,count,included", BREAKDOWNS)
def test_breakdown_is_included_not_a_fact(nlp, text, count, included):
    fact = one(nlp, text, "killed", count)
    assert [i["count"] for i in fact["includes"]] == included
    assert [c for s, c in countable(nlp, text)] == [count]


NEGATED = [
    "نفى الجيش مقتل 5 من جنوده في الهجوم",
    "نفت الوزارة اعتقال 20 متظاهرا",
    "لم يسفر الانفجار عن سقوط 3 قتلى كما أشيع",
    "أحبطت قوات الأمن محاولة اغتيال الوزير سالم الحربي",
]


@pytest.mark.parametrize("text", NEGATED)
def test_negated(nlp, text):
    found = facts(nlp, text)
    assert found and all(f["negated"] for f in found)
    assert countable(nlp, text) == []


AGGREGATE = [
    ("قتل أكثر من 4000 شخص منذ بدء النزاع في اليمن", True),
    ("بلغ عدد القتلى خلال الشهر الماضي 300 شخص", True),
    ("قتل 5 جنود في هجوم على حاجز أمس", False),
]


@pytest.mark.parametrize("text,aggregate", AGGREGATE)
def test_aggregate(nlp, text, aggregate):
    found = [f for f in facts(nlp, text) if f["count"] is not None]
    assert found and all(f["aggregate"] is aggregate for f in found)


def test_repeats_in_a_document_are_merged(nlp):
    text = "قتل 5 جنود في الهجوم. وقال المصدر إن 5 جنود قتلوا في الهجوم على الحاجز."
    fact = one(nlp, text, "killed", 5)
    assert len(fact["mentions"]) == 2


def test_two_named_people_are_not_merged(nlp):
    text = "أعلن الجيش مقتل العميد سالم الحربي. وفي حادث آخر أعلن مقتل العقيد فهد النجار."
    assert countable(nlp, text) == [("killed", 1), ("killed", 1)]


def test_a_pronoun_refers_back_to_its_victim(nlp):
    text = "أعلن الجيش مقتل العميد سالم الحربي. وقال المتحدث إن مقتله خسارة كبيرة."
    assert countable(nlp, text) == [("killed", 1)]


def test_full_stop_glued_to_a_tanween_word(nlp):
    # "قتيلاً." is one token: the word is still read and the sentence still ends.
    assert countable(nlp, "خلف الانفجار 32 قتيلاً. وأصيب 5 أشخاص.") == [("injured", 5), ("killed", 32)]


# ---------------------------------------------------------------- lexicon
def test_lexicon_rejects_bad_attributes():
    assert validate_lexicon([{"kind": "action", "phrase": "قتل", "status": "killed", "pos": "adverb"}])
    assert validate_lexicon([{"kind": "toll", "phrase": "عدد القتلى"}]) == ["line 1: toll needs ['status']"]
    assert validate_lexicon(read_jsonl("casualty_lexicon.jsonl")) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("قتل عنصران من الشرطة وأصيب ثالث بجروح في الهجوم.", [("killed", 2), ("injured", 1)]),
        ("أدت غارة على مزرعة إلى مقتل ثلاثة أشخاص وجرح رابع.", [("killed", 3), ("injured", 1)]),
    ],
)
def test_an_ordinal_alone_is_one_more_victim(nlp, text, expected):
    assert sorted((f["status"], f["count"]) for f in facts(nlp, text)) == sorted(expected)


@pytest.mark.parametrize(
    "text, status, count, victims",
    [
        ("أسفر القصف عن إصابة ممرضة في مستشفى المدينة.", "injured", 1, "ممرضة"),
        ("أعلنت الشركة المشغلة مقتل بحارين في الهجوم على السفينة.", "killed", 2, "بحارين"),
        ("خطف مسلحون راعيين قرب الحدود الجنوبية.", "captured", 2, "راعيين"),
        ("قتل مستوطنا في عملية إطلاق نار قرب أريحا.", "killed", 1, "مستوطنا"),
    ],
)
def test_occupation_nouns_name_victims(nlp, text, status, count, victims):
    [fact] = facts(nlp, text)
    assert (fact["status"], fact["count"], fact["victims"]) == (status, count, victims)


@pytest.mark.parametrize(
    "text, side",
    [
        ("هاجم مسلحون من حركة الشباب قاعدة عسكرية جنوب البلاد، وقتل الجيش ثلاثة من المهاجمين.", "حركة الشباب"),
        ("شنت جماعة نصرة الإسلام والمسلمين هجوما على ثكنة، وقال الجيش إنه قتل نحو 30 من المهاجمين.",
         "جماعة نصرة الإسلام والمسلمين"),
        ("تبنت حركة الشباب الهجوم على الفندق، فيما قتلت قوات الأمن أربعة من المهاجمين.", "حركة الشباب"),
    ],
)
def test_the_attackers_killed_belong_to_the_side_that_attacked(nlp, text, side):
    [fact] = [f for f in facts(nlp, text) if f["status"] == "killed"]
    assert fact["victim_side"]["text"] == side


@pytest.mark.parametrize(
    "text, status, count",
    [
        ("قتل في الهجوم جنديان كانا يحرسان القافلة.", "killed", 2),
        ("أصيب في القصف عنصران من الشرطة.", "injured", 2),
        ("قتل ١٤ نازحا على الأقل في قصف على المخيم.", "killed", 14),
    ],
)
def test_a_dual_subject_after_a_prepositional_phrase(nlp, text, status, count):
    assert [(f["status"], f["count"]) for f in facts(nlp, text)] == [(status, count)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("وصل إلى مستشفيات القطاع خلال 24 ساعة 32 شهيدا و189 إصابة جراء الغارات.", [("killed", 32), ("injured", 189)]),
        ("ارتفعت حصيلة العدوان إلى 45,227 شهيدا و107,573 إصابة.", [("killed", 45227), ("injured", 107573)]),
        ("أسفر القصف عن سقوط 13 قتيلا وإصابة 23 آخرين.", [("killed", 13), ("injured", 23)]),
        ("أعلنت الوزارة تسجيل 3 إصابات بالكوليرا في المخيم.", []),
        ("تعرض اللاعب لثلاث إصابات في الرباط الصليبي.", []),
    ],
)
def test_injuries_counted_by_a_number_are_the_wounded(nlp, text, expected):
    assert sorted((f["status"], f["count"]) for f in facts(nlp, text)) == sorted(expected)


def test_of_them_after_the_attackers_takes_the_side_that_attacked(nlp):
    text = ("نصبت مجموعة من فلول النظام البائد كمينا لدورية أمنية قرب الحفة. وطوقت قوات الأمن العام المنطقة "
            "واشتبكت مع المهاجمين، ما أسفر عن مقتل ثلاثة منهم.")
    [fact] = facts(nlp, text)
    assert (fact["count"], fact["victim_side"]["text"]) == (3, "فلول النظام البائد")


def test_a_number_of_them_is_a_vague_count(nlp):
    [fact] = facts(nlp, "اشتبكت القوات مع المسلحين ما أسفر عن مقتل عدد منهم.")
    assert (fact["status"], fact["count"], fact["qualifier"]) == ("killed", None, "vague")
    assert not facts(nlp, "ارتفع عدد منهم إلى الحدود.")


def test_the_agent_of_an_attack_it_launched_is_not_the_possessor(nlp):
    text = ("قالت قوات سوريا الديمقراطية إن مقاتليها تصدوا لهجوم واسع شنته فصائل الجيش الوطني السوري "
            "على محيط سد تشرين، فيما قتل اثنان من مقاتليها.")
    [fact] = facts(nlp, text)
    assert fact["victim_side"]["actor_id"] == "SY_SDF"
    [fact] = facts(nlp, "قتل تسعة من الحوثيين في كمين نصبته المقاومة الشعبية قرب تعز.")
    assert fact["perpetrator"]["text"] == "المقاومة الشعبية"


def test_an_agent_affiliated_to_a_group_stands_between_verb_and_count(nlp):
    [fact] = facts(nlp, "اعتقلت قوة تابعة لقوات الدعم السريع 4 شبان في قرية قرب الأبيض.")
    assert (fact["status"], fact["count"], fact["perpetrator"]["actor_id"]) == ("captured", 4, "SD_RSF")
