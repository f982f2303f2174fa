"""marsad.text.frequency.zipf is wordfreq's zipf_frequency, with a fast path for plain Arabic words."""
import pytest
from wordfreq import zipf_frequency

from marsad.text.frequency import zipf

WORDS = ["ريف", "بريف", "المسلحين", "والمسلحين", "كما", "يان", "قتيلاً", "مقتل", "حلب", "دمشق",
         "الفاشر", "زززززز", "ـقتل", "٢٥", "25", "Aleppo", "قوات-النظام", "إصابة", "أطفال", "ى", ""]


@pytest.mark.parametrize("word", WORDS)
def test_zipf_equals_wordfreq(word):
    assert zipf(word) == zipf_frequency(word, "ar")


def test_known_and_unknown_words():
    assert zipf("مقتل") > 4 > zipf("زززززز") == 0.0
