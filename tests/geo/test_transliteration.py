"""Consonant skeletons: Arabic spellings of towns GeoNames names only in Latin (Sudan, Somalia,
Chad, the Sahel), and the linker adopting them only in a country the text is about.
Sentences are invented; place names are real towns."""
from __future__ import annotations

import pytest

from marsad.geo.transliteration import arabic_skeleton, latin_skeleton

BABANUSA = 377962


@pytest.mark.parametrize("arabic,latin", [
    ("بابنوسة", "Babanūsah"),
    ("المناقل", "Al Manāqil"),
    ("الدلنج", "Dilling"),
    ("كبكابية", "Kabkābīyah"),
    ("بلدوين", "Beledweyne"),
    ("تمبكتو", "Timbuktu"),
    ("جيبو", "Djibo"),
])
def test_an_arabic_spelling_and_the_latin_name_share_a_skeleton(arabic, latin):
    assert arabic_skeleton(arabic) == latin_skeleton(latin)


@pytest.mark.parametrize("arabic,latin", [("بغداد", "Kirkuk"), ("مليط", "Kutum")])
def test_different_towns_have_different_skeletons(arabic, latin):
    assert arabic_skeleton(arabic) != latin_skeleton(latin)


def linked(nlp, text: str) -> dict:
    return {p["text"]: p.get("geonameid") for p in nlp(text)._.places}


def test_a_latin_only_town_after_a_head_the_name_reader_refuses(nlp):
    # "كبكابية" ends like an adjective ("-ية"), so it is not read as a new name after "مدينة"
    assert linked(nlp, "شنت قوات الدعم السريع هجوما على مدينة كبكابية في شمال دارفور.").get("كبكابية") == 373198


@pytest.mark.parametrize("text", [
    "أعلنت الفرقة 22 مشاة في بابنوسة بولاية غرب كردفان أنها صدت هجوما.",
    "قتل خمسة مدنيين في قصف مدفعي لقوات الدعم السريع على بابنوسة.",
])
def test_a_latin_only_town_is_linked_in_a_text_about_its_country(nlp, text):
    assert linked(nlp, text).get("بابنوسة") == BABANUSA


def test_a_latin_only_town_is_not_linked_without_its_country_in_the_text(nlp):
    assert "بابنوسة" not in linked(nlp, "قتل خمسة مدنيين في قصف مدفعي على بابنوسة.")


def test_a_syrian_village_does_not_become_a_namesake_in_mali(nlp):
    # "بقين" has the skeleton of Bougouni (Mali); the text is about Syria
    found = linked(nlp, "قصفت المروحيات بلدة بقين قرب مدينة الزبداني بالبراميل.")
    assert found.get("بقين") is None and found.get("الزبداني") == 172059
