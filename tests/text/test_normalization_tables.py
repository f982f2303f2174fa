"""marsad's table-driven normalisation equals camel-tools' functions applied directly."""
import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.resources import data_path
from marsad.text.normalization_tables import build_tables, reference_normalize
from marsad.text.orthography import dediacritize, normalize

INVENTED = [
    "قُتِلَ ١٢ عنصراً من قوات النظام في إدلب", "أعلنت وزارة الصحة مقتل ٣٥ مدنيًّا", "مسـتشفى الشفاء",
    "إصابة ۴ أطفال", "ﻻ إله", "Al Mayādīn", "ÉTAT islamique", "ﷺ", "ـــ", "  مقتل   جندي  ", "آمرلي",
    "مؤسسة", "يوم الأحد ٢٠٢٥/٠٤/١٤", "قوات\u200fالاحتلال", "\u0627\u0653", "و\u0654", "Ⅻ ½ ²",
]


@pytest.mark.parametrize("text", INVENTED)
def test_equals_camel_tools_on_invented_text(text):
    assert normalize(text) == reference_normalize(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_equals_camel_tools_on_random_text(text):
    assert normalize(text) == reference_normalize(text)


def test_equals_camel_tools_on_mixed_arabic_and_marks():
    rng = random.Random(7)
    pool = [chr(c) for c in range(0x0600, 0x0700)] + [chr(c) for c in range(0xFB50, 0xFB60)] + list(" .,Aé٢")
    for _ in range(500):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 20)))
        assert normalize(text) == reference_normalize(text), repr(text)


def test_dediacritize_removes_marks_and_tatweel_only():
    assert dediacritize("قُتِـلَ") == "قتل"
    assert dediacritize("أحمد") == "أحمد"


@pytest.mark.slow
def test_shipped_tables_equal_a_fresh_build_with_the_installed_camel_tools():
    shipped = json.loads(data_path("normalization.json").read_text(encoding="utf8"))
    fresh = build_tables()
    for key in ("before_nfkc", "keep_ranges", "map", "ar_diacritics"):
        assert fresh[key] == shipped[key], f"{key} differs: rebuild with python -m marsad.text.normalization_tables"
