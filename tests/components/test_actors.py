"""Actor ruler: canonical ids for the spellings real Arabic news uses."""
import pytest


def actor_ids(nlp, text):
    return [(a["text"], a["actor_id"]) for a in nlp(text)._.actors]


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
