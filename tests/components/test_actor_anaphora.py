"""A bare definite head noun takes up the actor named before it ("القيادة" after "القيادة
الأمريكية في أفريقيا"). Every sentence is invented for these tests."""
from __future__ import annotations

import pytest


def actors(nlp, text):
    return [(a["text"], a["actor_id"], a.get("refers_to")) for a in nlp(text)._.actors]


@pytest.mark.parametrize("text,head,actor_id", [
    ("نفذت القيادة الأمريكية في أفريقيا غارة جوية قرب جلب. وأوضحت القيادة، في بيان، أن الغارة استهدفت مسلحين.",
     "القيادة", "US_FORCES"),
    ("هاجمت قوات الدعم السريع مدينة الأبيض فجرا. وقال شهود إن القوات انسحبت بعد ساعات.", "القوات", "SD_RSF"),
])
def test_bare_head_takes_up_the_actor_named_before(nlp, text, head, actor_id):
    found = [a for a in actors(nlp, text) if a[0] == head]
    assert len(found) == 1
    assert found[0][1] == actor_id and found[0][2] is not None and found[0][2] != head


def test_a_head_with_a_modifier_is_a_phrase_of_its_own(nlp):
    # "القوات الحكومية" is not "قوات الدعم السريع" taken up
    found = actors(nlp, "هاجمت قوات الدعم السريع بلدة بارا. وقالت القوات الحكومية إنها صدت الهجوم.")
    assert not any(a[1] == "SD_RSF" and "الحكومية" in a[0] for a in found)
    assert not any(a[2] for a in found)


def test_no_antecedent_no_actor(nlp):
    # nothing named "قوات ..." before: the bare noun stays unread
    assert not any(a[0] == "القوات" for a in actors(nlp, "قال شهود إن القوات انسحبت من البلدة بعد ساعات."))


def test_victims_of_the_bare_head_get_the_full_name_as_side(nlp):
    text = ("أعلنت قوات دراويش بونتلاند مقتل 9 من مسلحي داعش في جبال بري، "
            "فيما قتل جندي من القوات بانفجار لغم.")
    soldier = [f for f in nlp(text)._.casualties if f["count"] == 1][0]
    assert soldier["victim_side"]["text"] == "قوات دراويش بونتلاند"
