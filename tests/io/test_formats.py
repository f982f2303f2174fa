"""JSONL, CSV and GeoJSON writers: readable UTF-8, ACLED columns, formula
escaping, a per-record guard, and a GeoJSON that always closes."""
import csv
import io
import json

import pytest

from marsad.io.extract import extract
from marsad.io.formats import make_writer, write_all
from marsad.io.records import InputRecord
from marsad.io.writers.rows import ACLED_COLUMNS, CSV_COLUMNS


def event(**changes):
    base = {
        "event_id": "doc-1-1", "event_date": "2023-05-02", "date_precision": 1, "date_source": "text",
        "event_type": "Battles", "sub_event_type": "Armed clash",
        "actor1": {"actor_id": "SD_RSF", "name": "Rapid Support Forces", "type": "rebel_group"},
        "actor2": {"actor_id": "SD_GOV", "name": "Sudanese Armed Forces", "type": "state_forces"},
        "interaction": 12,
        "location": {"text": "حلب", "geonameid": 170063, "name": "Aleppo", "lat": 36.2, "lon": 37.16,
                     "country_code": "SY", "admin1": "09", "precision": 1, "relation": None},
        "deaths_a": 4, "deaths_b": 6, "deaths_civilians": 0, "deaths_unknown": 0, "best": 10, "low": 10, "high": 12,
        "injured": 3, "captured": 0, "missing": 0,
        "sources": [{"source_id": "SOHR", "name": "Syrian Observatory for Human Rights", "type": "monitor"}],
        "source_text": "Syrian Observatory for Human Rights",
        "notes": ["قتل 10 عناصر في اشتباكات قرب حلب"],
    }
    base.update(changes)
    return base


def record(record_id="doc-1", events=None, **extra):
    return {"id": record_id, "casualties": [], "places": [], "actors": [], "events": events or [], **extra}


def deeply_nested(depth):
    value = []
    for _ in range(depth):
        value = [value]
    return value


def written(fmt, records, **options):
    out = io.StringIO()
    writer = write_all(fmt, records, out, **options)
    return out.getvalue(), writer


def test_jsonl_is_readable_utf8():
    text, _ = written("jsonl", [record(place="الفاشر")])
    assert "الفاشر" in text and "\\u" not in text
    assert json.loads(text)["place"] == "الفاشر"


@pytest.mark.parametrize("bad", [
    {"score": float("nan")},
    {"score": float("1e400")},  # infinity
    {"text": "قتل \ud800 مدنيين"},  # lone surrogate
    {"nested": deeply_nested(100_000)},  # too deep for the encoder
])
def test_jsonl_bad_record_becomes_error_record_and_run_goes_on(bad):
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf8", newline="")
    writer = make_writer("jsonl", out)
    writer.write(record("bad-\udc80", **bad))
    writer.write(record("good", place="تعز"))
    writer.close()
    lines = out.buffer.getvalue().decode("utf8").splitlines()
    first, second = (json.loads(line) for line in lines)
    assert first["id"] == "bad-\\udc80" and "could not be serialised" in first["error"]
    assert second == record("good", place="تعز")
    assert writer.failed == 1


def read_csv(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_bom_acled_header_and_arabic(tmp_path):
    path = tmp_path / "events.csv"
    with path.open("w", encoding="utf8", newline="") as f:
        write_all("csv", [record("doc-1", [event()]), record("quiet")], f)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
        assert tuple(rows[0])[:len(ACLED_COLUMNS)] == ACLED_COLUMNS
    assert ACLED_COLUMNS[:4] == ("event_id_cnty", "event_date", "year", "time_precision")
    [row] = rows
    assert row["notes"] == "قتل 10 عناصر في اشتباكات قرب حلب" and row["location_ar"] == "حلب"
    assert (row["iso"], row["country"], row["admin1"], row["year"]) == ("760", "Syria", "Aleppo", "2023")
    assert row["disorder_type"] == "Political violence" and row["fatalities"] == "10"
    assert (row["inter1"], row["inter2"], row["high"], row["injured"]) == ("2", "1", "12", "3")
    assert row["admin2"] == "" and row["assoc_actor_1"] == "" and row["civilian_targeting"] == ""
    assert row["doc_id"] == "doc-1" and row["source_ids"] == "SOHR"


def test_csv_bom_can_be_turned_off():
    text, _ = written("csv", [], csv_bom=False)
    assert text.startswith("event_id_cnty,event_date,")


def test_csv_unknown_admin1_code_is_not_written_as_a_name():
    location = dict(event()["location"], country_code="SD", admin1="43", name="Al Fashir", text="الفاشر")
    text, _ = written("csv", [record("d", [event(location=location)])], csv_bom=False)
    [row] = read_csv(text)
    assert (row["country"], row["iso"], row["admin1"], row["admin1_code"]) == ("Sudan", "729", "", "43")


def test_csv_formula_cells_are_neutralised_numbers_are_not():
    location = dict(event()["location"], lon=-5.8, lat=35.7, name="-Tangier", text="@طنجة")
    hostile = event(event_id='=HYPERLINK("http://127.0.0.1/","x")-1', source_text="+cmd", notes=["\t=1+1"],
                    location=location)
    text, _ = written("csv", [record("=1+1", [hostile])], csv_bom=False)
    [row] = read_csv(text)
    assert row["event_id_cnty"] == "'=HYPERLINK(\"http://127.0.0.1/\",\"x\")-1"
    assert (row["doc_id"], row["source"], row["notes"]) == ("'=1+1", "'+cmd", "'\t=1+1")
    assert (row["location"], row["location_ar"]) == ("'-Tangier", "'@طنجة")
    assert (row["longitude"], row["latitude"]) == ("-5.8", "35.7")
    raw, _ = written("csv", [record("=1+1", [hostile])], csv_bom=False, csv_escape_formulas=False)
    assert read_csv(raw)[0]["doc_id"] == "=1+1"


def test_csv_formula_escaping_on_real_pipeline_output(nlp):
    text = "=1+1 قتل 12 عنصرا من قوات النظام السوري في حلب"
    records = list(extract(nlp, [InputRecord('=HYPERLINK("http://127.0.0.1/","x")', text, "2024-01-10")]))
    assert records[0]["events"], "the pipeline should find the killing"
    out, _ = written("csv", records, csv_bom=False)
    for row in read_csv(out):
        assert row["event_id_cnty"].startswith("'=HYPERLINK") and row["doc_id"].startswith("'=")
        assert not any(value.startswith(("=", "+", "@")) for value in row.values())


def test_csv_skips_and_counts_a_record_that_cannot_be_written():
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf8", newline="")
    writer = make_writer("csv", out, csv_bom=False)
    writer.write(record("bad", [event(source_text="مصدر \udc00")]))
    writer.write(record("nan", [event(best=float("nan"), assoc_actor_1={"x": float("nan")})]))
    writer.write(record("good", [event()]))
    writer.close()
    rows = read_csv(out.buffer.getvalue().decode("utf8"))
    assert [r["doc_id"] for r in rows] == ["good"] and writer.failed == 2


def test_geojson_keeps_unlocated_events_and_always_closes():
    unlocated = event(event_id="doc-2-1", location={"text": "ريف المدينة", "lat": None, "lon": None})
    out = io.StringIO()
    writer = make_writer("geojson", out)
    writer.write(record("doc-1", [event()]))
    writer.write(record("bad", [event(high=float("inf"))]))
    writer.write(record("doc-2", [unlocated]))
    writer.close()
    writer.close()  # idempotent
    collection = json.loads(out.getvalue())
    first, second = collection["features"]
    assert first["geometry"] == {"type": "Point", "coordinates": [37.16, 36.2]}
    assert first["properties"]["location_ar"] == "حلب"
    assert second["geometry"] is None and second["properties"]["event_id_cnty"] == "doc-2-1"


def test_geojson_closes_after_an_interrupted_run():
    def interrupted():
        yield record("doc-1", [event()])
        raise KeyboardInterrupt

    out = io.StringIO()
    with pytest.raises(KeyboardInterrupt):
        write_all("geojson", interrupted(), out)
    assert len(json.loads(out.getvalue())["features"]) == 1
    empty, _ = written("geojson", [])
    assert json.loads(empty) == {"type": "FeatureCollection", "features": []}


def test_close_is_safe_on_a_closed_stream():
    out = io.StringIO()
    writer = make_writer("geojson", out)
    out.close()
    writer.close()
    assert writer.closed


def test_csv_columns_keep_marsad_ids():
    assert {"doc_id", "geonameid", "location_ar", "actor1_id", "country_code"} <= set(CSV_COLUMNS)


def test_jsonl_on_a_stream_that_is_not_utf8_escapes_instead_of_failing():
    out = io.TextIOWrapper(io.BytesIO(), encoding="cp1252", newline="")
    writer = make_writer("jsonl", out)
    writer.write(record("doc-1", place="الفاشر"))
    writer.close()
    assert json.loads(out.buffer.getvalue().decode("cp1252"))["place"] == "الفاشر" and writer.failed == 0
