"""Deaths named by "وفاة" after a verb of causing; relatives joined to a single victim; bare
victim nouns joined by "و" before a plural verb.

Runs the real pipeline (`nlp` fixture). Every sentence is invented for these tests.
"""
from __future__ import annotations

import pytest


def facts(nlp, text: str) -> list[tuple[str, int | None]]:
    return [(f["status"], f["count"]) for f in nlp(text)._.casualties]


@pytest.mark.parametrize("text, count", [
    ("وأسفر القصف المدفعي على الحي عن وفاة طفلين في مدينة الفاشر.", 2),
    ("وأدى انفجار لغم أرضي إلى وفاة راعٍ في قرية قرب مدينة حيس.", 1),
    ("وقالت الشرطة إن عبوة ناسفة استهدفت دورية أمنية وأدت لوفاة أحد عناصرها.", 1),
    ("وتسببت غارة جوية على سوق شعبي في وفاة 12 شخصا بينهم نساء.", 12),
])
def test_a_death_caused_by_an_attack_is_killed(nlp, text, count):
    assert ("killed", count) in facts(nlp, text)


@pytest.mark.parametrize("text", [
    "وأعلنت الرئاسة عن وفاة الرئيس السابق بعد صراع طويل مع المرض.",  # no verb of causing
    "وأدى الحريق الذي اندلع في سوق المدينة إلى وفاة أربعة أشخاص.",  # a fire, no violence
    "وأسفر حادث السير على الطريق الدولي عن وفاة تسعة أشخاص وإصابة 20 آخرين.",  # a road accident
])
def test_a_death_without_violence_is_no_casualty(nlp, text):
    assert facts(nlp, text) == []


@pytest.mark.parametrize("text, status, count", [
    ("واستشهد الطفل يوسف ووالده في قصف على بلدة بيت لاهيا.", "killed", 2),
    ("وقتل المواطن سامي عبد الله وزوجته وطفلاهما في غارة على منزلهم في بلدة عيتا الشعب.", "killed", 4),
    ("واستشهد الشاب أحمد خالد منصور وشقيقه الطفل محمود في قصف منزل بمدينة رفح.", "killed", 2),
    ("وأصيب المواطن محمد ونجله خالد برصاص المستوطنين قرب نابلس.", "injured", 2),
])
def test_relatives_joined_to_a_victim_are_counted(nlp, text, status, count):
    assert (status, count) in facts(nlp, text)


def test_a_plural_of_relatives_makes_a_lower_bound(nlp):
    found = [f for f in nlp("وقتل صحفي ووالده وأطفاله في قصف على دير البلح.")._.casualties if f["status"] == "killed"]
    assert len(found) == 1
    assert found[0]["low"] == 5 and found[0]["high"] is None


def test_a_relative_with_a_verb_of_its_own_is_its_own_fact(nlp):
    # the mother was wounded, not killed: one killed, one injured
    assert facts(nlp, "واستشهد الطفل يوسف ووالدته أصيبت بجروح في قصف على بلدة بيت لاهيا.") == [("killed", 1), ("injured", 1)]


@pytest.mark.parametrize("text, count", [
    ("وذكر مسؤول محلي: إن جنديين تركيين وحارسا مسلحا لقوا حتفهم حين انفجر لغم بعربتهم قرب ماردين.", 3),
    ("وقال شهود إن طفلا وامرأة قتلا في القصف على الحي.", 2),
    ("وقال شهود إن طفلا وامرأة ورجلا قتلوا في القصف على الحي.", 3),
])
def test_bare_nouns_joined_before_a_plural_verb_are_summed(nlp, text, count):
    assert ("killed", count) in facts(nlp, text)


def test_the_first_conjunct_keeps_its_nationality_as_the_side(nlp):
    found = [f for f in nlp("وقالت مصادر إن جنديين تركيين وحارسا قتلوا في انفجار لغم.")._.casualties if f["count"] == 3]
    assert found and found[0]["victim_side"]["actor_id"] == "TR_ARMY"


@pytest.mark.parametrize("text, fact", [
    ("ولا يزال سبعة من سكان القرية في عداد المفقودين بعد الهجوم على القرية.", ("missing", 7)),
    ("وأصبح ثلاثة جنود في عداد القتلى بعد انفجار العبوة.", ("killed", 3)),
])
def test_counted_among_the_missing_or_dead(nlp, text, fact):
    assert fact in facts(nlp, text)


@pytest.mark.parametrize("text, count", [
    ("وأعدمت الحركة رميا بالرصاص رجلا في مدينة جوهر.", 1),
    ("وأعدمت الحركة رميا بالرصاص ثلاثة رجال في مدينة جوهر.", 3),
])
def test_how_an_execution_was_done_stands_between_agent_and_victims(nlp, text, count):
    assert ("killed", count) in facts(nlp, text)


def test_the_number_stated_after_the_victims_is_their_count(nlp):
    text = "وأعلنت الشرطة مقتل جميع الإرهابيين البالغ عددهم سبعة بعد اشتباك استمر ساعات."
    assert ("killed", 7) in facts(nlp, text)


def test_a_verbal_noun_takes_its_agent_before_the_counted_victims(nlp):
    found = [f for f in nlp("وأكد الحزب اغتيال الجيش الإسرائيلي أحد قادته في النبطية.")._.casualties]
    assert [(f["status"], f["count"]) for f in found] == [("killed", 1)]
    # the agent assassinated the commander: it is the perpetrator, not the commander's side
    assert found[0]["perpetrator"]["actor_id"] == "IL_ARMY"
    assert found[0]["victim_side"] is None or found[0]["victim_side"]["actor_id"] != "IL_ARMY"
    # a group may execute its own men
    executed = nlp("وأعدم تنظيم داعش 5 من عناصره بتهمة الفرار في الرقة.")._.casualties
    assert executed[0]["count"] == 5 and executed[0]["victim_side"]["actor_id"] == "IS"


def test_a_year_before_the_toll_is_not_the_low_end_of_a_range(nlp):
    text = "ليرتفع عدد الشهداء منذ بدء العدوان في السابع من أكتوبر 2023 إلى 45,227 شهيدا."
    assert [(f["status"], f["count"]) for f in nlp(text)._.casualties] == [("killed", 45227)]


@pytest.mark.parametrize("text, escorts", [
    ("وأدى الهجوم على الموكب إلى مقتله و4 من المرافقين معه في صيدا.", 4),
    ("ولقي قيادي ميداني بارز و12 من مرافقيه مصرعهم في كمين قرب مدينة البيضاء.", 12),
])
def test_the_escorts_of_a_targeted_man_are_victims_too(nlp, text, escorts):
    assert ("killed", escorts) in facts(nlp, text)


@pytest.mark.parametrize("text, fact", [
    ("وأسفر الهجوم على المنزل عن مقتل ابنه الرضيع.", ("killed", 1)),
    ("واستشهد شقيقه في قصف على المخيم.", ("killed", 1)),
    ("وقال إن والده أصيب برصاص قناص في الحي.", ("injured", 1)),
])
def test_a_relative_named_by_a_possessive_is_a_victim(nlp, text, fact):
    assert fact in facts(nlp, text)


def test_a_vague_count_before_a_plural_verb_is_a_fact(nlp):
    found = nlp("وقال مسؤولون إن العشرات من المسلحين قتلوا في الاشتباكات.")._.casualties
    assert [(f["status"], f["count"], f["qualifier"]) for f in found] == [("killed", None, "vague")]
    # not with a verb of another number, nor for a bare definite noun
    assert facts(nlp, "فأصبح ملايين المواطنين مخيرين بين الموت قتلا أو الموت غرقا.") == []
    assert facts(nlp, "وقال مسؤولون إن المسلحين قتلوا في الاشتباكات.") == []


@pytest.mark.parametrize("text, expected", [
    # victims of the other kind after "و" are a fact of their own (one fact per side)
    ("أسفر الهجوم على الحاجز عن مقتل جنديين ومدني في البلدة.", [("killed", 2), ("killed", 1)]),
    ("أصيب 4 جنود ومدنيان في انفجار عبوة ناسفة قرب السوق.", [("injured", 4), ("injured", 2)]),
    ("أعلنت المصادر مقتل أربعة مدنيين وجندي في القصف.", [("killed", 4), ("killed", 1)]),
])
def test_victims_of_the_other_kind_joined_by_and_are_their_own_fact(nlp, text, expected):
    assert facts(nlp, text) == expected
