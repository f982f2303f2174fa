"""Victims' sides named away from the count: in an earlier sentence, by the victims' own noun,
by a nationality adjective, by the positions an attack hit; and the attackers kept apart.

Runs the real pipeline (`nlp` fixture). Every sentence is invented for these tests.
"""
from __future__ import annotations

import pytest


def fact(nlp, text: str, status: str, count: int) -> dict:
    found = [f for f in nlp(text)._.casualties if f["status"] == status and f["count"] == count]
    assert len(found) == 1, (text, [(f["status"], f["count"], f["text"]) for f in nlp(text)._.casualties])
    return found[0]


def side_text(nlp, text: str, status: str, count: int) -> str | None:
    side = fact(nlp, text, status, count)["victim_side"]
    return side["text"] if side else None


# (text, status, count, a word the side must contain, a word it must not)
DISCOURSE = [
    # the armed group named in the sentence before
    ("اندلعت اشتباكات عنيفة بين الجيش ومسلحي تنظيم داعش في ريف حلب. وقتل 11 مسلحا خلال المعارك.",
     "killed", 11, "داعش", "الجيش"),
    # the attacker after "شنت" is not the victims' side; the positions it hit are
    ("شنت طائرات التحالف غارات على مواقع الحوثيين في صعدة. وقتل 9 عناصر في الغارات.",
     "killed", 9, "الحوثيين", "التحالف"),
    # the victims' own noun names their group ("متمردا" -> "التمرد") even when another was named later
    ("تدور مواجهات عنيفة بين ميليشيات التمرد الحوثي وقوات الحكومة قرب المعسكر الذي يحاصره الجيش. "
     "وقالت المصادر إن 20 متمردا لقوا مصرعهم.", "killed", 20, "التمرد", "الجيش"),
    # soldiers belong to state forces, not to the rebel group named last
    ("هاجم مسلحو حركة الشباب قاعدة يتمركز فيها الجيش الصومالي. وأصيب 6 جنود في الهجوم.",
     "injured", 6, "الجيش", "الشباب"),
]


@pytest.mark.parametrize("text,status,count,word,not_word", DISCOURSE)
def test_side_named_earlier_in_the_text(nlp, text, status, count, word, not_word):
    side = side_text(nlp, text, status, count)
    assert side is not None and word in side and not_word not in side


def test_the_same_victim_noun_again_keeps_the_side(nlp):
    text = "خلفت الاشتباكات مقتل 14 مسلحا حوثيا وجرح 26 مسلحا."
    assert "حوثي" in side_text(nlp, text, "injured", 26)


def test_a_partitive_side_before_its_verb(nlp):
    text = "وكان 23 من الحوثيين قتلوا وأصيب 38 في المواجهات."
    assert "الحوثيين" in side_text(nlp, text, "killed", 23)
    assert "الحوثيين" in side_text(nlp, text, "injured", 38)


def test_a_contrast_opens_a_clause_about_other_victims(nlp):
    text = "قتل 23 من الحوثيين وأصيب 38 فيما قتل 2 وأصيب 19 من رجال المقاومة الشعبية في تعز."
    assert "المقاومة" in side_text(nlp, text, "killed", 2)
    # a new status after the contrast still counts the same victims
    same = "قتل 15 من الحوثيين وجرح 20 آخرون فيما أسر 4 في المواجهات."
    assert "الحوثيين" in side_text(nlp, same, "captured", 4)


def test_a_nationality_adjective_names_the_soldiers_side(nlp):
    text = "قتل جندي تركي وأصيب اثنان آخران في هجوم لحزب العمال الكردستاني."
    assert "تركي" in side_text(nlp, text, "killed", 1)
    assert "تركي" in side_text(nlp, text, "injured", 2)
    assert "نيجيري" in side_text(nlp, "لقي 17 عسكريا نيجيريا مصرعهم في هجوم قرب الحدود.", "killed", 17)


@pytest.mark.parametrize("text, status, word", [
    ("قتل جندي تركي في اشتباك مع مسلحين قرب الحدود.", "killed", "تركي"),
    ("أصيب شرطي مصري في هجوم بشمال سيناء.", "injured", "مصري"),
    ("قتل ضابط سوداني في قصف على أحد الأحياء.", "killed", "سوداني"),
])
def test_a_state_soldiers_nationality_before_a_preposition_is_his_side(nlp, text, status, word):
    assert word in (side_text(nlp, text, status, 1) or "")


def test_before_a_preposition_only_a_nationality_of_state_forces_is_a_side(nlp):
    # "الميدانيين" (field) is a nisba, not a nationality; an extremist's nationality is not his side
    assert side_text(nlp, "قتل أحد القادة الميدانيين في غارة على مواقع الجماعة.", "killed", 1) in (None, "الجماعة")
    side = side_text(nlp, "أعلنت جبهة النصرة مصرع مقاتل سوداني في معارك ريف حلب.", "killed", 1)
    assert side is None or "سوداني" not in side


def test_positions_hit_after_the_fact_name_the_side(nlp):
    text = "قتل 12 عنصرا في غارات جوية استهدفت مواقع لتنظيم داعش في الرقة."
    assert "داعش" in side_text(nlp, text, "killed", 12)
    toll = "وذكر شاهد أن 5 قتلى و8 جرحى سقطوا في القصف الذي طال مقر جبهة النصرة بريف حلب."
    assert "النصرة" in side_text(nlp, toll, "killed", 5)


def test_attackers_killed_are_not_of_the_positions_they_attacked(nlp):
    text = "قتل 5 متمردين خلال هجوم شنوه على مواقع للقوات الحكومية."
    side = side_text(nlp, text, "killed", 5)
    assert side is None or "الحكومية" not in side


def test_the_event_after_fi_is_no_side(nlp):
    side = side_text(nlp, "وقتل 7 جنود في الهجوم الذي وقع أمس.", "killed", 7)
    assert side is None or "الهجوم" not in side


def test_neutralised_counts_as_killed(nlp):
    assert fact(nlp, "أعلن الجيش تحييد 15 إرهابيا في عملية أمنية بالمنطقة.", "killed", 15)["victim_type"] == "combatant"


def test_a_range_counts_its_low_end_and_keeps_both(nlp):
    found = fact(nlp, "خلف القصف على البلدة مقتل ما بين 60 إلى 90 مدنيا.", "killed", 60)
    assert (found["low"], found["high"], found["qualifier"]) == (60, 90, "at_least")


TOLLS = [
    # a second toll named by its noun alone after "و"
    ("أكدت مصادر طبية ارتفاع عدد الشهداء إلى 8 والإصابات إلى 41 جراء القصف.", [("killed", 8), ("injured", 41)]),
    ("ارتفع عدد القتلى إلى 12 والجرحى إلى 40.", [("injured", 40), ("killed", 12)]),
    # the figure between the link verb and the toll
    ("ارتفع إلى 4 عدد قتلى الجيش خلال المعارك في الشمال.", [("killed", 4)]),
    # a toll with an adjective: "العدد الإجمالي للقتلى"
    ("قالت اللجنة إن العدد الإجمالي للقتلى ارتفع إلى 1870 على الأقل منذ مطلع العام.", [("killed", 1870)]),
]


@pytest.mark.parametrize("text,expected", TOLLS)
def test_toll_forms(nlp, text, expected):
    found = sorted((f["status"], f["count"]) for f in nlp(text)._.casualties if f["count"] is not None)
    assert found == sorted(expected)


def test_a_toll_noun_alone_is_no_fact(nlp):
    assert nlp("نقل الجرحى إلى المستشفى الميداني في المدينة.")._.casualties == []


def test_others_share_a_side_learnt_from_a_repeat(nlp):
    # the first count's side is only named where it is repeated later in the text
    text = 'قتل 10 "مسلحين" وأصيب اثنان آخران في القصف على الزوارق. وأكد مصدر مقتل 10 حوثيين في القصف.'
    assert "حوثيين" in side_text(nlp, text, "injured", 2)


def test_quwa_names_forces(nlp):
    text = "قتل عنصر وجرح آخر من قوى الأمن العام في اشتباك قرب الحاجز."
    assert "الأمن العام" in side_text(nlp, text, "injured", 1)


def test_a_dual_nisba_after_the_verb_is_two_victims(nlp):
    text = "وفي الحديدة قتل حوثيان وأصيب 3 آخرون في هجوم للمقاومة."
    assert "حوثيان" in side_text(nlp, text, "killed", 2)
    assert "حوثيان" in side_text(nlp, text, "injured", 3)
    # a plural after an active verb is still its agent
    assert fact(nlp, "قتل الحوثيون 5 مدنيين في القصف.", "killed", 5)["victim_side"] is None


# ------------------------------------------------ a group mourns its own dead
@pytest.mark.parametrize("text,count,side_word", [
    ("ونعت كتائب القسام ثلاثة من عناصرها قتلوا في اشتباك مع قوات الاحتلال شرق خان يونس.", 3, "القسام"),
    ("نعى الجيش اللبناني جنديا قتل بقصف إسرائيلي على موقعه في الجنوب.", 1, "اللبناني"),
    ('تنعى "سرايا القدس" اثنين من مقاتليها قتلا في غارة على مخيم جنين.', 2, "سرايا"),
])
def test_the_group_that_mourns_the_dead_is_their_side(nlp, text, count, side_word):
    assert side_word in (side_text(nlp, text, "killed", count) or "")


def test_mourners_who_are_no_armed_group_give_no_side(nlp):
    assert side_text(nlp, "نعى مغردون الطفلة التي قتلت في القصف على المدينة.", "killed", 1) is None


# ------------------------------------------------ count groups read in more shapes
@pytest.mark.parametrize("text,status,count,victim_type", [
    # a subject before its verb, partitive with a possessed noun, no owner named before it
    ("وقال المتحدث إن أربعة من جنوده قتلوا في كمين قرب الحدود.", "killed", 4, "combatant"),
    ("وأكدت القيادة أن ثلاثة من عناصرها أصيبوا في الهجوم.", "injured", 3, "combatant"),
    # a qualifier between the count and the partitive
    ("وذكرت الوزارة أن اثنين على الأقل من العمال الأجانب قتلا في الانفجار.", "killed", 2, "civilian"),
    # nominative duals of nouns the lexicon lists in the singular
    ("أصيب مواطنان بشظايا القذيفة في السوق.", "injured", 2, "civilian"),
    ("قتلت سيدتان في القصف على الحي الشرقي.", "killed", 2, "civilian"),
])
def test_count_groups_in_more_shapes(nlp, text, status, count, victim_type):
    assert fact(nlp, text, status, count)["victim_type"] == victim_type


def test_the_possessor_named_before_is_the_side_of_a_possessed_noun(nlp):
    text = "هاجم مسلحون قاعدة للجيش الصومالي، وقال الجيش إن خمسة من جنوده قتلوا."
    assert "الجيش" in (side_text(nlp, text, "killed", 5) or "")


# ------------------------------------------------ a state force named by one of its brigades
def test_an_armys_brigade_names_the_army_as_the_side_and_keeps_the_brigade(nlp):
    text = "أعلن الجيش الإسرائيلي مقتل جنديين من لواء جفعاتي في معارك جنوب القطاع."
    side = fact(nlp, text, "killed", 2)["victim_side"]
    assert side["text"] == "الجيش الإسرائيلي" and side["unit"] == "لواء جفعاتي"
    assert side["actor_id"] == "IL_ARMY"


def test_an_armed_groups_own_brigade_stays_its_side(nlp):
    text = "قتل 4 من عناصر كتيبة النخبة الحوثية في غارة للتحالف على مواقع الحوثيين في صعدة."
    side = fact(nlp, text, "killed", 4)["victim_side"]
    assert side is not None and "unit" not in side and "النخبة" in side["text"]


# ------------------------------------------------ whose soldiers: the possessor of "جنودها"
@pytest.mark.parametrize("text,count,side_word", [
    # the ministry that speaks commands the soldiers; the attackers named in between do not own them
    ("قالت وزارة الدفاع التركية إن مسلحين هاجموا موقعا حدوديا. وأضافت أن أربعة من جنودها قتلوا.",
     4, "التركية"),
    # "هم" refers to people named by a plural, not to the forces they attacked
    ("هاجم الحوثيون مواقع القوات الحكومية في مأرب، وقتل عشرة من عناصرهم في المعارك.", 10, "الحوثيون"),
])
def test_the_possessor_agrees_with_the_pronoun(nlp, text, count, side_word):
    assert side_word in (side_text(nlp, text, "killed", count) or "")


# ------------------------------------------------ a named victim without a trained NER
@pytest.mark.parametrize("text,status", [
    ("أعلنت مصادر محلية مقتل سامر حمدان العطار في قصف على بلدته.", "killed"),
    ("وأكدت الوزارة استشهاد خالد زياد برصاص قوات الاحتلال قرب الحاجز.", "killed"),
])
def test_a_name_after_a_trigger_is_one_victim(nlp, text, status):
    assert fact(nlp, text, status, 1)["victims"]


def test_a_noun_with_a_pronoun_after_a_name_word_is_no_name(nlp):
    assert [f for f in nlp("دمرت القذيفة المدرعة وقتل كامل طاقمها في الكمين.")._.casualties if f["count"] == 1] == []


@pytest.mark.parametrize("text,status,count", [
    ("وأصيب كل من وسام الزيدي وعبد الله الحكيم بجروح في القصف.", "injured", 2),  # "وسام" is a name, not و + سام
    ("وقتل كل من أحمد علي ومحمد سعيد وخالد حسن في الغارة على القرية.", "killed", 3),  # "علي" is Ali here
    ("وأصيب كل من سامي نادر، ورامي فؤاد، وهاني كمال بجروح متوسطة.", "injured", 3),
])
def test_each_of_a_list_of_names_counts_the_names(nlp, text, status, count):
    assert fact(nlp, text, status, count)["status"] == status


@pytest.mark.parametrize("text,status,count", [
    ("استشهد فلسطينيان برصاص قوات الاحتلال عند مدخل البلدة.", "killed", 2),  # a dual nationality noun
    ("وقتل أميركي في الهجوم على القاعدة الشرقية.", "killed", 1),
    ("أصيبت سودانيتان بشظايا القذائف في السوق.", "injured", 2),
])
def test_a_nationality_noun_after_the_trigger_names_the_victims(nlp, text, status, count):
    assert fact(nlp, text, status, count)["victims"]


def test_the_subject_inside_qada_nahbahu(nlp):
    # "قضى ... نحبهم" frames its subject as "لقي ... حتفهم" does
    assert fact(nlp, "قضى 4 أطفال نحبهم في قصف على المخيم.", "killed", 4)["victim_type"] == "civilian"


@pytest.mark.parametrize("text", [
    "وقرر القاضي توقيف هذه المفرزة عن العمل.",  # a demonstrative is no first name
    "وأدى الانفجار إلى قتل كل من كان بداخلها، وذلك بحسب المصادر.",  # "everyone who was inside": no count
])
def test_function_words_start_no_name_and_no_list(nlp, text):
    assert [f for f in nlp(text)._.casualties if f["count"] is not None] == []


@pytest.mark.parametrize("text, count, word", [
    ("نعت حركة الجهاد الإسلامي ثلاثة من مقاتليها سقطوا خلال اشتباكات مع قوات الاحتلال.", 3, "الجهاد"),
    ("نعى حزب الله اثنين من عناصره قضيا في غارة على الجنوب.", 2, "حزب الله"),
])
def test_a_group_mourning_its_dead_reports_them_killed_on_its_side(nlp, text, count, word):
    found = fact(nlp, text, "killed", count)
    assert word in found["victim_side"]["text"]
    assert found["perpetrator"] is None or word not in found["perpetrator"]["text"]  # it mourns, it did not kill


@pytest.mark.parametrize("text", [
    "نعى الرئيس الكاتب الكبير الذي توفي أمس.",
    "نعت وزارة الثقافة الفنان الراحل بعد صراع مع المرض.",
])
def test_mourning_without_victims_of_violence_is_no_fact(nlp, text):
    assert nlp(text)._.casualties == []


def test_an_ordinal_after_the_victim_is_one_more_not_a_second_fact(nlp):
    found = nlp("وكان رئيس المجلس قد نعى جنديا رابعا قتل أيضا في معارك شمالي القطاع.")._.casualties
    assert [(f["status"], f["count"]) for f in found] == [("killed", 1)]


def test_a_range_without_bain_keeps_both_ends_and_its_side(nlp):
    found = fact(nlp, "قال الجيش إنه قتل 100 إلى 200 من عناصر الدعم السريع في معارك بابنوسة.", "killed", 100)
    assert (found["low"], found["high"]) == (100, 200)
    assert "الدعم السريع" in found["victim_side"]["text"]


@pytest.mark.parametrize("text, word", [
    ("أعلن حزب الله مقتل أحد عناصره في غارة على الجنوب.", "حزب الله"),
    ("أعلنت حركة الشباب مقتل أحد قادتها في غارة جوية.", "الشباب"),  # "قادتها": the noun paradigm
])
def test_one_of_its_men_without_min_is_the_possessors(nlp, text, word):
    assert word in (side_text(nlp, text, "killed", 1) or "")


def test_the_attacker_named_before_is_not_whose_men_the_pronoun_counts(nlp):
    text = "ذكر الجناح العسكري لحزب العمال الكردستاني في بيانه أن غارات الطيران التركي على قنديل أدت إلى مقتل أحد مقاتليها."
    side = side_text(nlp, text, "killed", 1) or ""
    assert "الكردستاني" in side and "التركي" not in side
    # a relative clause's pronoun is its head's, even after an attack word
    text = "وصعّد المسلحون هجماتهم منذ الصيف على الشرطة التركية التي قتل نحو عشرين من عناصرها في الجنوب."
    assert "التركية" in (side_text(nlp, text, "killed", 20) or "")


def test_soldiers_named_by_their_nation_are_not_another_states_forces(nlp):
    text = "ما أسفر عن مقتل عدد من عناصر الفيلق الأفريقي الروسي وأسر جنديين ماليين قرب كيدال."
    captured = [f for f in nlp(text)._.casualties if f["status"] == "captured"]
    assert captured and captured[0]["victim_side"]["actor_id"] == "ML_FAMA"
    # the same nation's army named nearby stays their side
    text = "وقال الجيش التركي إن جنديين تركيين قتلا في هجوم قرب الحدود."
    assert fact(nlp, text, "killed", 2)["victim_side"]["actor_id"] == "TR_ARMY"


# (text, count killed, a word the side must contain)
SIDES_BY_REFERENCE = [
    # "them" after the attacking group are the attackers, not the agent of the verb
    ("تعرضت دورية للشرطة لكمين نصبه مسلحون من حركة الشباب قرب البلدة. وقالت الشرطة إن قواتها "
     "اشتبكت مع المجموعة المهاجمة، فقتلت 3 منهم.", 3, "الشباب"),
    # a bare definite head takes up the force named before with that head
    ("أعلنت قوات دراويش بونتلاند مقتل 9 من مسلحي تنظيم داعش في عمليات تمشيط، فيما قُتل جندي "
     "من القوات بانفجار لغم أرضي.", 1, "بونتلاند"),
    # a target noun in the accusative names whose positions were hit
    ("قال الجيش إن طائراته المسيرة دمرت رتلا لقوات الدعم السريع كان في طريقه لإسناد مقاتلي "
     "الحركة الشعبية قرب كادقلي، ما أسفر عن مقتل 19 عنصرا.", 19, "الدعم السريع"),
    # attackers said to belong to a group are of that group
    ("قتل ثلاثة عناصر من قوات سوريا الديمقراطية في هجوم شنه مسلحون يشتبه أنهم من خلايا تنظيم داعش "
     "قرب الشدادي. وقالت القوات إن مقاتليها ردوا وقتلوا أحد المهاجمين.", 1, "داعش"),
]


@pytest.mark.parametrize("text,count,word", SIDES_BY_REFERENCE)
def test_side_by_reference_to_a_group_named_before(nlp, text, count, word):
    side = side_text(nlp, text, "killed", count)
    assert side is not None and word in side


def test_a_side_admitting_losses_speaks_of_its_own_men(nlp):
    # the nearest actor before the pronoun is the enemy; the admitting subject is the speaker
    doc = nlp("قالت قسد إنها صدت هجوما على قرية، وقتلت 19 من عناصر الفصائل، فيما اعترفت بمقتل أربعة من مقاتليها.")
    own = [f for f in doc._.casualties if f["count"] == 4][0]
    assert own["victim_side"]["text"] == "قسد"
    enemy = [f for f in doc._.casualties if f["count"] == 19][0]
    assert "الفصائل" in enemy["victim_side"]["text"]


def test_a_pronoun_after_a_named_enemy_without_admission_stays_with_it(nlp):
    doc = nlp("قالت وزارة الدفاع التركية إن قواتها قتلت 5 من عناصر حزب العمال وأسرت 3 من قادته.")
    captured = [f for f in doc._.casualties if f["status"] == "captured"][0]
    assert "حزب العمال" in captured["victim_side"]["text"]


@pytest.mark.parametrize("text,town", [
    ("شنت القوات هجمات على قرى غرب مدينة القطينة بولاية النيل الأبيض، قتلت خلالها 43 مدنيا.", "القطينة"),
    ("هاجمت القوات بلدة الكومة بولاية شمال دارفور وقتلت 5 مدنيين.", "الكومة"),
])
def test_the_province_after_a_town_only_says_where_the_town_is(nlp, text, town):
    doc = nlp(text)
    assert doc._.casualties[0]["place"]["text"] == town
    assert [e["location"]["text"] for e in doc._.events] == [town]


@pytest.mark.parametrize(
    "text,status,count,side",
    [
        # "the others" injured are more of the same victims: their side is the killed ones' too
        ("قتل 7 أشخاص وجرح 12 آخرون من عناصر الشرطة المحلية في الهجوم على المركز.", "killed", 7, "الشرطة"),
        ("استشهد جندي وأصيب آخر من قوات درع الوطن في قصف على مواقعها.", "killed", 1, "درع الوطن"),
    ],
)
def test_the_side_of_the_others_is_the_side_of_the_first_victims(nlp, text, status, count, side):
    assert side in (side_text(nlp, text, status, count) or "")


def test_civilians_killed_beside_others_of_a_side_keep_no_side(nlp):
    text = "قتل 5 مدنيين وأصيب 9 آخرون من عناصر الشرطة في الانفجار."
    assert side_text(nlp, text, "killed", 5) is None


@pytest.mark.parametrize(
    "text,status,count,unit,force",
    [
        # the unit hit, then the force it serves: the side spans both, the unit kept apart
        ("تبنت حركة الشباب هجوما استهدف الكتيبة الرابعة بالجيش الصومالي قرب مقديشو وأدى إلى مقتل أحد جنودها.",
         "killed", 1, "الكتيبة الرابعة", "الجيش الصومالي"),
        ("استهدف هجوم بطائرة مسيرة مقر اللواء الثالث التابع لقوات درع الوطن في لحج، ما أسفر عن مقتل ثلاثة جنود.",
         "killed", 3, "اللواء الثالث", "قوات درع الوطن"),
    ],
)
def test_a_unit_named_before_its_force_is_part_of_the_side(nlp, text, status, count, unit, force):
    side = fact(nlp, text, status, count)["victim_side"]
    assert side["text"].startswith(unit) and side["text"].endswith(force) and side["unit"] == unit


@pytest.mark.parametrize(
    "text,status,count,side",
    [
        # the positions hit are named by who holds them, in a relative clause
        ("قصفت المدفعية المواقع التي يتمركز فيها مسلحو حركة الشباب قرب القرية، ما أسفر عن مقتل 7 عناصر.",
         "killed", 7, "الشباب"),
        ("استهدفت غارة أحد المقرات التي كانت تتحصن فيها عناصر تنظيم داعش، ما أدى إلى سقوط خمسة قتلى.",
         "killed", 5, "داعش"),
    ],
)
def test_positions_named_by_who_holds_them_name_the_side(nlp, text, status, count, side):
    assert side in (side_text(nlp, text, status, count) or "")


def test_of_them_after_a_feminine_plural_group(nlp):
    # "منها" takes up a group named by a feminine or non-human plural (ميليشيات، قوات)
    text = "شنت مقاتلات التحالف غارات على ميليشيات حوثية قرب عدن، ما أدى إلى مصرع 28 منها وإصابة العشرات."
    assert "حوثية" in (side_text(nlp, text, "killed", 28) or "")


def test_the_target_of_an_attack_noun_is_no_perpetrator(nlp):
    # after "غارات على" comes the target: the fighters killed are its men, not its victims
    text = "شنت طائرات أمريكية غارات عنيفة على مسلحي حركة الشباب قرب جلب، ما أدى إلى مقتل 12 منهم."
    found = fact(nlp, text, "killed", 12)
    assert "الشباب" in ((found["victim_side"] or {}).get("text") or "")
    assert "الشباب" not in ((found["perpetrator"] or {}).get("text") or "")


@pytest.mark.parametrize(
    "text,count,not_word",
    [
        # gunmen and militants are no state force: the police or army that killed them is not their side
        ("قالت الشرطة العراقية إنها قتلت مسلحين اثنين في تبادل لإطلاق النار قرب الحدود.", 2, "الشرطة"),
        ("أعلن الجيش النيجري أنه قتل نحو 30 مسلحا خلال عملية تعقب.", 30, "الجيش"),
        ("قالت القوات الحكومية إنها قتلت 12 متشددا في هجوم على معسكر للتدريب.", 12, "القوات الحكومية"),
    ],
)
def test_gunmen_killed_by_a_state_force_are_not_of_that_force(nlp, text, count, not_word):
    assert not_word not in (side_text(nlp, text, "killed", count) or "")


def test_the_men_of_a_repelled_attacker(nlp):
    # a side that repelled an attack killed the attacker's men ("من عناصرها"); its own soldiers stay its own
    repelled = "أعلن الجيش أن قواته تصدت لهجوم شنته ميليشيا الدعم السريع على مدينة الأبيض، وقتلت 120 من عناصرها."
    assert "الدعم السريع" in (side_text(nlp, repelled, "killed", 120) or "")
    own = "أعلن الجيش أن قواته تصدت لهجوم شنته ميليشيا الدعم السريع على مدينة الأبيض، ما أسفر عن مقتل 3 من جنودها."
    assert "الدعم السريع" not in (side_text(nlp, own, "killed", 3) or "")
    contrasted = "قالت الحركة إن مقاتليها تصدوا لهجوم شنته الميليشيا على البلدة، فيما قتل اثنان من مقاتليها."
    assert "الميليشيا" not in (side_text(nlp, contrasted, "killed", 2) or "")


def test_the_attackers_are_the_subject_before_the_assault_verb(nlp):
    # "X هاجموا نقطة تابعة لـ Y": X attacked; "المهاجمين" are X's men, not the unit attacked
    text = ("قالت قيادة العمليات إن مسلحي حركة الشباب هاجموا نقطة تابعة للواء الخامس بالجيش الصومالي قرب جوهر، "
            "وتصدى جنود اللواء للمهاجمين وقتلوا 14 منهم.")
    assert "الشباب" in (side_text(nlp, text, "killed", 14) or "")
