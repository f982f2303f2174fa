"""marsad.io.distributed on a real dask.distributed LocalCluster (two worker processes, loopback only).

The results must be exactly the records the single-process `marsad.io.extract.extract`
gives, in the same order, with broken records present as error records.
"""
import json
import os

import pytest

pytest.importorskip("distributed")
pytest.importorskip("dask.dataframe")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

from marsad.io import distributed as mdist  # noqa: E402
from marsad.io.extract import extract  # noqa: E402
from marsad.io.records import InputRecord, record_from_dict  # noqa: E402

SENTENCES = [
    "قتل 12 عنصرا على الأقل من قوات النظام السوري في هجوم لداعش قرب مدينة الميادين",
    "أصيب 7 مدنيين في قصف على حلب",
    "قال المرصد السوري لحقوق الإنسان إن 25 مقاتلا قتلوا في اشتباكات بريف دير الزور",
    "لقي ثلاثة أطفال حتفهم وأصيب خمسة آخرون في غارة جوية على إدلب",
    "اعتقلت القوات العراقية 40 مسلحا من تنظيم داعش في الموصل",
    "فُقد ٤ صيادين قبالة سواحل عدن",
    "Reuters: 5 soldiers were killed near Aleppo",
    "لم يسفر الانفجار عن سقوط قتلى",
    "",
    "وقتل ١٢ جنديا بينهم ضابطان في هجوم على حاجز للنظام في درعا.\nوأصيب آخرون.",
]


def make_records():
    """30 records: good ones, and broken ones the same way read_records would see them."""
    records = []
    for i in range(24):
        record = {"id": f"good-{i}", "text": SENTENCES[i % len(SENTENCES)]}
        if i % 3 == 0:
            record["date"] = f"2016-0{1 + i % 9}-1{i % 10}"
        records.append(record)
    records.insert(3, {"id": "no-text"})
    records.insert(8, {"id": "bad-date", "text": SENTENCES[0], "date": "19 April"})
    records.insert(12, {"id": "text-not-str", "text": 17})
    records.insert(17, {"id": "surrogate", "text": "قتل 3 \ud800 جنود"})
    records.insert(21, {"id": "with-meta", "text": SENTENCES[1], "source": "aawsat", "n": 3})
    records.insert(25, ["not", "an", "object"])
    return records


def as_input(records):
    return [record_from_dict(obj, number) for number, obj in enumerate(records, start=1)]


@pytest.fixture(scope="module")
def client():
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster, Client(cluster, set_as_default=False) as client:
        mdist.warm_up(client)
        yield client


@pytest.fixture(scope="module")
def expected(nlp):
    return list(extract(nlp, as_input(make_records())))


def test_expected_has_the_broken_records(expected):
    assert len(expected) == 30
    errors = {r["id"]: r["error"] for r in expected if "error" in r}
    assert set(errors) == {"no-text", "bad-date", "text-not-str", "surrogate", "record:26"}
    assert "E011" in errors["surrogate"] and "E009" in errors["bad-date"] and "E004" in errors["record:26"]


def test_stream_in_input_order_matches_single_process(client, expected):
    # Small partitions and a short queue: many tasks, finishing out of order.
    out = list(mdist.extract_with_dask(make_records(), client=client, partition_size=4, max_in_flight=3))
    assert out == expected
    assert out[21]["meta"] == {"source": "aawsat", "n": 3}


def test_stream_with_a_scheduler_address(client, expected):
    """What `marsad extract --engine dask --scheduler ADDRESS` runs: its own client, closed after."""
    address = client.scheduler.address
    out = list(mdist.extract_with_dask(make_records(), address, partition_size=10))
    assert out == expected
    assert len(client.scheduler_info()["workers"]) == 2  # the cluster is left running


def test_stream_of_input_records(client, expected):
    out = list(mdist.extract_with_dask(iter(as_input(make_records())), client=client, partition_size=7))
    assert out == expected


def test_one_pipeline_per_worker(client):
    ids = client.run(lambda: {key: id(nlp) for key, nlp in mdist._PIPELINES.items()})
    assert len(ids) == 2
    assert all(list(loaded) == [mdist.DEFAULT_MODEL] for loaded in ids.values())
    # Later tasks find the same object: loaded once, not per task.
    futures = [client.submit(lambda _: (os.getpid(), id(mdist.get_pipeline())), i, pure=False) for i in range(8)]
    seen = {}
    for pid, nlp_id in client.gather(futures):
        seen.setdefault(pid, set()).add(nlp_id)
    assert all(len(v) == 1 for v in seen.values())


def test_bag_and_partitioned_jsonl(client, expected, tmp_path):
    bag = db.from_sequence(make_records(), npartitions=4)
    out_bag = mdist.extract_bag(bag)
    assert out_bag.npartitions == 4
    assert out_bag.compute(scheduler=client.get) == expected
    paths = mdist.write_jsonl(out_bag, tmp_path / "out", compute=False)
    client.compute(paths, sync=True)
    files = sorted((tmp_path / "out").glob("*.jsonl"))
    assert [f.name for f in files] == [f"part-{i:05d}.jsonl" for i in range(4)]
    lines = [line for f in files for line in f.read_text(encoding="utf8").splitlines()]
    assert [json.loads(line) for line in lines] == expected


def test_dataframe(client, expected, tmp_path):
    good = [r for r in make_records() if isinstance(r, dict) and isinstance(r.get("text"), str) and "\ud800" not in r["text"]]
    frame = pd.DataFrame(
        {
            "id": [r["id"] for r in good],
            "text": [r["text"] for r in good],
            "date": [pd.Timestamp(r["date"]) if r.get("date", "").startswith("2016") else None for r in good],
        }
    )
    frame.loc[2, "text"] = None  # a missing text is an error record, not a lost row
    result = mdist.extract_dataframe(dd.from_pandas(frame, npartitions=3), date_column="date")
    computed = result.compute(scheduler=client.get)
    assert list(computed.columns) == list(mdist.FRAME_COLUMNS)
    records = mdist.records_from_frame(computed)
    assert [r["id"] for r in records] == list(frame["id"])
    by_id = {r["id"]: r for r in expected}
    for record in records:
        if record["id"] == frame.loc[2, "id"]:
            assert "E003" in record["error"]
        elif record["id"] == "bad-date":
            assert "date" not in record and "error" not in record  # no date column value: not an error here
        else:
            assert record == {k: v for k, v in by_id[record["id"]].items() if k != "meta"}
    result.to_parquet(tmp_path / "parquet", write_index=False)
    back = pd.read_parquet(tmp_path / "parquet")
    assert list(back["record"]) == list(computed["record"])


class _Poison(str):
    """A text that cannot be unpickled on the cluster: its task fails as a whole."""

    def __reduce__(self):
        return (_explode, ())


def _explode():
    raise RuntimeError("poisoned record")


def test_failed_task_records_are_retried_one_by_one(client, expected):
    records = as_input(make_records())
    records[5] = InputRecord("poison", _Poison("قتل 3 جنود"))
    out = list(mdist.extract_with_dask(records, client=client, partition_size=8))
    assert [r["id"] for r in out] == [r.id for r in records]
    # The scheduler or the worker cannot unpickle the task: the whole partition fails.
    assert out[5]["error"].startswith("[E010]")
    assert out[:5] == expected[:5] and out[6:] == expected[6:]
