"""Date expressions resolved against the publication date."""
import datetime as dt

import pytest

from marsad.text.dates import DateResolver
from marsad.text.orthography import normalize

THURSDAY = dt.date(2018, 4, 19)


@pytest.fixture(scope="module")
def resolver():
    return DateResolver()


def resolve(resolver, text, reference=THURSDAY):
    return [(m.date, m.precision) for m in resolver.find([normalize(w) for w in text.split()], reference)]


@pytest.mark.parametrize(
    "text,date,precision",
    [
        ("هاجم التنظيم المواقع أمس", dt.date(2018, 4, 18), 1),
        ("قتل ثلاثة اليوم", dt.date(2018, 4, 19), 1),
        ("شن هجوما الأربعاء", dt.date(2018, 4, 18), 1),
        ("ذكر المرصد الخميس", dt.date(2018, 4, 19), 1),  # the reference weekday is the reference day
        ("وقع الهجوم السبت", dt.date(2018, 4, 14), 1),
        ("سيطر على الحي الشهر الماضي", dt.date(2018, 3, 1), 3),
        ("وقع ذلك في 14 تشرين الأول", dt.date(2017, 10, 14), 1),  # Levantine, last year's October
        ("في 14 تشرين الأول / أكتوبر", dt.date(2017, 10, 14), 1),
        ("في 3 نيسان 2018", dt.date(2018, 4, 3), 1),
        ("في 5 جانفي 2015", dt.date(2015, 1, 5), 1),  # Maghrebi
        ("في 12 يونيه 2015", dt.date(2015, 6, 12), 1),  # Egyptian
        ("في 2 آب الماضي", dt.date(2017, 8, 2), 1),
        ("في أبريل", dt.date(2018, 4, 1), 3),
        ("في 15 رمضان 1436 هـ", dt.date(2015, 7, 2), 1),  # Hijri
        ("في 19/4/2018", dt.date(2018, 4, 19), 1),
    ],
)
def test_dates(resolver, text, date, precision):
    assert resolve(resolver, text) == [(date, precision)]


def test_no_reference_resolves_only_explicit_dates(resolver):
    assert resolve(resolver, "هاجم أمس في 3 نيسان 2018", reference=None) == [(dt.date(2018, 4, 3), 1)]


def test_no_date_words(resolver):
    assert resolve(resolver, "قتل 25 عنصرا من قوات النظام") == []
