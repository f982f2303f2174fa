"""`marsad merge`: reports of one incident from several articles become one row (invented texts)."""
import csv
import json
from pathlib import Path

import pytest

from marsad.dataset import merge_files, merge_reports
from marsad.dataset.pairwise import pairwise_scores
from marsad.dataset.reports import read_jsonl, reports_of
from marsad.dataset.writers import CSV_COLUMNS, write_csv, write_jsonl
from marsad.errors import MarsadError
from marsad.io.extract import extract
from marsad.io.records import InputRecord, record_from_dict

GOLD = Path(__file__).parent / "merge_gold_iraq_2015_08_06_11.jsonl"

PAPER_A = "قتل 12 شخصا بينهم 3 أطفال في تفجير سيارة مفخخة في سوق شعبي بمدينة بعقوبة مساء الاثنين."
PAPER_B = "أفادت مصادر أمنية بمقتل 12 شخصا وإصابة 30 آخرين بانفجار سيارة ملغومة في سوق وسط بعقوبة يوم الاثنين."
OTHER = "قتل 3 جنود في هجوم لتنظيم داعش على نقطة تفتيش قرب مدينة الموصل يوم الاثنين."


@pytest.fixture(scope="module")
def extracted(nlp):
    inputs = [
        InputRecord("paper-a", PAPER_A, "2015-08-11"),
        InputRecord("paper-b", PAPER_B, "2015-08-11"),
        InputRecord("other", OTHER, "2015-08-11"),
        InputRecord("bad", error="[E003] no text"),
    ]
    records = list(extract(nlp, inputs))
    for record, source in zip(records, ["newspaper-a", "newspaper-b", "newspaper-c", None]):
        record["source"] = source
    return records


def _write(records, path):
    write_jsonl(records, path)
    return path


def test_two_newspapers_one_row_citing_both(extracted):
    reports = [r for record in extracted for r in reports_of(record)]
    rows = merge_reports(reports)
    baqubah = [row for row in rows if {r["id"] for r in row["reports"]} >= {"paper-a", "paper-b"}]
    assert len(baqubah) == 1 and len(rows) == 2  # the Mosul attack stays its own row
    row = baqubah[0]
    assert [(r["id"], r["source"]) for r in row["reports"]] == [("paper-a", "newspaper-a"), ("paper-b", "newspaper-b")]
    assert all(r["event_id"].startswith(r["id"]) for r in row["reports"])
    assert row["best"] == 12 and row["low"] <= 12 and row["n_sources"] == 2
    assert row["location"]["text"] == "بعقوبة" and row["event_date"] == "2015-08-10"
    assert 0.0 < row["merge_confidence"] <= 1.0


def test_one_article_events_never_merge_with_each_other(nlp):
    text = "قتل 4 مدنيين في قصف على بلدة كفرنبل. وفي بلدة كفرنبل أيضا، قتل 4 مدنيين في غارة جوية مساء اليوم."
    record = next(extract(nlp, [InputRecord("one", text, "2015-08-01")]))
    reports = reports_of(record)
    rows = merge_reports(reports)
    assert len(rows) == len(reports)


def test_csv_has_acled_columns_and_ucdp_deaths(extracted, tmp_path):
    rows = merge_reports([r for record in extracted for r in reports_of(record)])
    path = tmp_path / "events.csv"
    write_csv(rows, path)
    table = list(csv.DictReader(path.open(encoding="utf8")))
    assert tuple(table[0]) == CSV_COLUMNS
    merged = next(t for t in table if t["n_reports"] == "2")
    assert merged["fatalities"] == "12" and merged["best"] == "12" and merged["iso"] == "IQ"
    assert "newspaper-a" in merged["source"] and "newspaper-b" in merged["source"]


def test_new_batch_joins_existing_dataset_without_old_text(extracted, tmp_path):
    first = _write(extracted[:1], tmp_path / "batch1.jsonl")
    second = _write(extracted[1:], tmp_path / "batch2.jsonl")
    dataset = tmp_path / "events.jsonl"
    write_jsonl(merge_files([first]), dataset)
    stored = list(read_jsonl(dataset))
    assert all("notes" not in r and "casualties" not in r for row in stored for r in row["reports"])  # no article text kept
    rows = merge_files([second], into=dataset)
    assert sum(1 for row in rows if row["n_reports"] == 2) == 1 and len(rows) == 2
    updated = tmp_path / "events2.jsonl"
    write_jsonl(rows, updated)
    again = merge_files([second], into=updated)  # the same batch twice adds nothing
    assert sorted(row["n_reports"] for row in again) == sorted(row["n_reports"] for row in rows)


def test_dask_merge_gives_the_same_rows(extracted, tmp_path):
    pytest.importorskip("dask.bag", reason="dask is an optional extra")
    path = _write(extracted, tmp_path / "out.jsonl")
    local = merge_files([path])
    distributed = merge_files([path], engine="dask", npartitions=2)
    key = lambda rows: sorted(tuple(sorted(r["id"] for r in row["reports"])) for row in rows)  # noqa: E731
    assert key(local) == key(distributed)


def test_bad_input_is_one_clear_error(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "events": []}\nnot json\n', encoding="utf8")
    with pytest.raises(MarsadError, match="bad.jsonl:2 is not JSON"):
        merge_files([bad])
    with pytest.raises(MarsadError, match="not found"):
        merge_files([tmp_path / "missing.jsonl"])


def test_pairwise_scores_count_shared_rows():
    gold = [{"id": "a", "cluster": "x"}, {"id": "b", "cluster": "x"}, {"id": "c", "cluster": "y"}, {"id": "d", "cluster": "y"}]
    merged = [{"reports": [{"id": "a"}, {"id": "b"}, {"id": "c"}]}, {"reports": [{"id": "d"}]}]
    scores = pairwise_scores(merged, gold)
    assert scores["tp"] == 1 and scores["n_pred_pairs"] == 3 and scores["n_gold_pairs"] == 2
    assert scores["f"] == pytest.approx(2 * (1 / 3) * 0.5 / (1 / 3 + 0.5), abs=1e-3)


def test_merge_gold_holds_ids_and_labels_only():
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf8").splitlines()]
    assert rows and all(set(row) == {"id", "cluster"} for row in rows)
    clusters = {}
    for row in rows:
        clusters.setdefault(row["cluster"], set()).add(row["id"])
    assert sum(1 for ids in clusters.values() if len(ids) > 1) >= 15


@pytest.mark.slow
def test_iraq_week_pairwise_f1(nlp):
    """extract + merge on a week of 2015 Iraq reporting against the human clustering (ids only)."""
    from conftest import PARAGRAPHS, need

    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf8").splitlines()]
    wanted = {row["id"] for row in gold}
    inputs = []
    for line in need(PARAGRAPHS).open(encoding="utf8"):
        record = json.loads(line)
        if record["id"] in wanted:
            inputs.append(InputRecord(record["id"], record["text"], record["date_extracted"][:10]))
    records = list(extract(nlp, inputs))
    rows = merge_reports([r for record in records for r in reports_of(record)])
    scores = pairwise_scores(rows, gold)
    assert scores["f"] >= 0.3, scores


def test_merge_command_writes_jsonl_and_csv(extracted, tmp_path):
    from typer.testing import CliRunner

    from marsad.dataset.cli import app

    path = _write(extracted, tmp_path / "out.jsonl")
    result = CliRunner().invoke(app, [str(path), "-o", str(tmp_path / "m.jsonl"), "--csv", str(tmp_path / "m.csv")])
    assert result.exit_code == 0, result.output
    assert len((tmp_path / "m.jsonl").read_text(encoding="utf8").splitlines()) == 2
    assert (tmp_path / "m.csv").read_text(encoding="utf8").startswith("event_id_cnty,event_date")
    missing = CliRunner().invoke(app, [str(tmp_path / "nope.jsonl")])
    assert missing.exit_code == 2 and "not found" in missing.output and "Traceback" not in missing.output


SYRIA_GOLD = Path(__file__).parent / "merge_gold_syria_2015_07_31_08_03.jsonl"


def _report(rid, **kw):
    base = {"id": rid, "event_id": "1", "event_date": "2015-08-01", "date_precision": 1, "is_background": False,
            "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
            "actor1": None, "actor2": None, "best": 0, "location": None}
    base.update(kw)
    return base


def _place(text, lat, lon, precision=2, admin1="07", population=None, country="SY"):
    return {"text": text, "name": text, "geonameid": None, "lat": lat, "lon": lon, "country_code": country,
            "admin1": admin1, "precision": precision, "population": population}


def _groups(rows):
    return sorted(sorted(r["id"] for r in row["reports"]) for row in rows)


def test_undated_events_stand_at_the_publication_date():
    record = {"id": "p1", "meta": {"date_extracted": "2015-08-03 10:11:12"},
              "events": [{"event_id": "1", "event_date": None, "event_type": "Battles", "best": 2}]}
    report = reports_of(record)[0]
    assert report["event_date"] == "2015-08-03" and report["date_precision"] == 2
    dated = {**record, "events": [{**record["events"][0], "event_date": "2015-08-01", "date_precision": 1}]}
    assert reports_of(dated)[0]["event_date"] == "2015-08-01"


def test_untolled_strike_reports_on_one_province_merge_a_day_apart():
    province = _place("دير الزور", 35.3, 40.1, precision=3)
    a = _report("a", location=province, actor1="US_COALITION")
    b = _report("b", location=province, event_date="2015-08-02", actor1="US_COALITION")
    other_kind = _report("c", location=province, event_type="Battles", sub_event_type="Armed clash")
    later = _report("d", location=province, event_date="2015-08-04", actor1="US_COALITION")
    assert _groups(merge_reports([a, b, other_kind, later])) == [["a", "b"], ["c"], ["d"]]


def test_small_bombings_in_neighbouring_quarters_stay_apart():
    quarter_a = _place("حي الأول", 33.30, 44.40, admin1="07")
    quarter_b = _place("حي الثاني", 33.32, 44.42, admin1="07")
    kind = {"sub_event_type": "Remote explosive/landmine/IED"}
    small = [_report("a", location=quarter_a, best=1, **kind), _report("b", location=quarter_b, best=1, **kind)]
    assert _groups(merge_reports(small)) == [["a"], ["b"]]
    big = [_report("a", location=quarter_a, best=12, **kind), _report("b", location=quarter_b, best=12, **kind)]
    assert _groups(merge_reports(big)) == [["a", "b"]]


def test_untolled_reports_of_a_big_city_need_more_than_the_same_sides():
    city = _place("حلب", 36.2, 37.16, population=1_600_000, admin1="09")
    sides = {"actor1": "SY_GOV", "actor2": "SY_REBELS", "event_type": "Battles", "sub_event_type": "Armed clash"}
    rows = merge_reports([_report("a", location=city, **sides), _report("b", location=city, **sides)])
    assert _groups(rows) == [["a"], ["b"]]


def test_second_gold_week_holds_ids_and_labels_only():
    rows = [json.loads(line) for line in SYRIA_GOLD.read_text(encoding="utf8").splitlines()]
    assert rows and all(set(row) == {"id", "cluster"} for row in rows)
    assert sum(1 for c in {r["cluster"] for r in rows} if not c.startswith("single-")) >= 10


@pytest.mark.slow
@pytest.mark.parametrize("gold_path, floor", [(GOLD, 0.45), (SYRIA_GOLD, 0.50)])
def test_gold_weeks_pairwise_f1(nlp, gold_path, floor):
    """extract (dated by date_extracted, as the CLI does) + merge against a human clustering (ids only)."""
    from conftest import PARAGRAPHS, need

    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf8").splitlines()]
    wanted = {row["id"] for row in gold}
    inputs = []
    for line in need(PARAGRAPHS).open(encoding="utf8"):
        record = json.loads(line)
        if record["id"] in wanted:  # read as `marsad extract` reads a JSONL line (date_extracted dates it)
            inputs.append(record_from_dict({k: record[k] for k in ("id", "text", "date_extracted")}))
    records = list(extract(nlp, inputs))
    rows = merge_reports([r for record in records for r in reports_of(record)])
    scores = pairwise_scores(rows, gold)
    assert scores["f"] >= floor, scores



def test_publication_dated_reports_look_only_days_around():
    town = _place("بلدة الأولى", 35.0, 38.0, admin1="12")
    kind = {"sub_event_type": "Remote explosive/landmine/IED", "best": 9, "date_precision": 2}
    early = _report("a", location=town, date_source="publication", **kind)
    late = _report("b", location=town, event_date="2015-08-05", date_source="publication", **kind)
    assert _groups(merge_reports([early, late])) == [["a"], ["b"]]
    week = _report("c", location=town, event_date="2015-08-05", date_source="text", **kind)
    assert _groups(merge_reports([early, week])) == [["a", "c"]]


AGENCY = "أفاد مسؤولون محليون وأطباء بأن 14 شخصا على الأقل قتلوا وجرح 40 آخرون حين دوى انفجار سيارة مفخخة وسط سوق الخضار في المقدادية شمال شرقي بعقوبة."
AGENCY_PLUS = AGENCY + " وأضافت المصادر أن عدد القتلى مرشح للارتفاع بسبب خطورة إصابات بعض الجرحى."


def test_a_text_fingerprint_knows_a_copy_with_an_added_sentence():
    from marsad.text.fingerprint import containment, jaccard, text_sketch

    copy, longer, other = text_sketch(AGENCY.split()), text_sketch(AGENCY_PLUS.split()), text_sketch(OTHER.split())
    assert containment(copy, longer) >= 0.75 > jaccard(copy, longer)
    assert containment(copy, other) < 0.2
    words = [w for w in AGENCY.split() if w.isalnum()]  # "العراق." with its full stop is no word
    assert all(isinstance(h, int) for h in copy["minhash"]) and copy["shingles"] == len(words) - 2


def test_agency_copy_merges_even_when_the_extracted_fields_disagree(nlp):
    inputs = [InputRecord("paper-1", AGENCY, "2015-08-11"), InputRecord("paper-2", AGENCY_PLUS, "2015-08-12")]
    reports = [r for record in extract(nlp, inputs) for r in reports_of(record)]
    assert len(reports) == 2 and all(r["fingerprint"]["minhash"] for r in reports)
    reports[1]["location"] = {"text": "العراق", "country_code": "IQ", "precision": 4}  # a coarser reading
    reports[1]["best"] = 40  # a later, higher toll
    rows = merge_reports(reports)
    assert len(rows) == 1 and rows[0]["n_reports"] == 2
