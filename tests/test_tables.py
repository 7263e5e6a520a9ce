import datetime as dt

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from cqetl import schemas, tables


def _facts(rows):
    return pa.Table.from_pylist(rows, schema=schemas.FACTS).select(tables.SERIES_FACT_COLUMNS)


def _fact(doc, subject, value, as_of, mention="m", metric="population"):
    return {"doc_id": doc, "metric": metric, "subject": subject, "item": None, "value": value, "unit": "persons",
            "qualifier": "over", "period": None, "as_of": as_of, "mention": mention, "start": 0, "end": 1,
            "sentence": "s", "rule": "r_v1"}


def test_fact_series_lines_up_one_subject_across_documents():
    facts = _facts([
        _fact("b", "Chongqing ", 32.1e6, dt.date(2024, 1, 1)),
        _fact("a", "chongqing", 30.0e6, dt.date(2010, 1, 1)),
        _fact("a", None, 5.0, dt.date(2010, 1, 1)),
        _fact("c", "Chengdu", 21e6, dt.date(2022, 1, 1)),
        _fact("a", "Chongqing", 12.0, None, metric="count"),
    ])
    pubs = pa.table({"doc_id": ["a", "b"], "publisher": ["China Daily", "Xinhua"]})
    got = tables.fact_series(facts, pubs).to_pylist()
    assert [(r["metric"], r["subject"], r["value"], r["publisher"]) for r in got] == [
        ("count", "Chongqing", 12.0, "China Daily"),
        ("population", "Chengdu", 21e6, None),
        ("population", "chongqing", 30.0e6, "China Daily"),
        ("population", "Chongqing", 32.1e6, "Xinhua"),
    ]
    assert tables.fact_series(facts.slice(0, 0), pubs).num_rows == 0


def _many_facts(n):
    """n facts over a few metrics, units, subjects (some differing only in case or spaces, one blank) and
    dates, some outside the series (no subject, no metric), and some with the same document and mention."""
    subjects = ["Chongqing", " chongqing", "Chengdu", "Zhong", "重庆", None, "  "]
    rows = [_fact(f"d{i % 7}", subjects[i % 7], float(i), dt.date(2000 + i % 3, 1, 1) if i % 4 else None,
                  mention=f"m{i % 11}", metric=("population", "count", "")[i % 5 % 3]) for i in range(n)]
    for i, r in enumerate(rows):
        r["unit"] = ("persons", "items")[i % 2]
    return _facts(rows)


def _runs(facts, max_rows, chunk):
    bounds = tables.series_bounds(facts.to_batches(max_chunksize=chunk), max_rows)
    pieces: dict[int, list] = {}
    for k, rows in tables.series_split(facts.to_batches(max_chunksize=chunk), bounds):
        pieces.setdefault(k, []).append(rows)
    return bounds, {k: pa.Table.from_batches(v) for k, v in sorted(pieces.items())}


@pytest.mark.parametrize("n, max_rows, chunk", [
    (300, 10, 7), (300, 50, 300), (300, 1000, 64), (1, 1, 1), (60, 1, 5),
])
def test_series_runs_sorted_one_by_one_make_the_whole_table(n, max_rows, chunk):
    facts = _many_facts(n)
    pubs = pa.table({"doc_id": ["d0", "d1"], "publisher": ["China Daily", "Xinhua"]})
    bounds, runs = _runs(facts, max_rows, chunk)
    assert bounds == sorted(set(bounds))
    assert sorted(runs) == list(range(len(bounds) + 1))  # every run holds its bound's key
    got = pa.concat_tables([tables.fact_series(runs[k], pubs) for k in runs])
    whole = tables.fact_series(facts.filter(pc.not_equal(facts["metric"], "")), pubs)
    assert got.to_pylist() == whole.to_pylist()
    groups = [{tuple(r.values()) for r in tables._sort_prefix(t).to_pylist()} for t in runs.values()]
    assert all(not (g & h) for i, g in enumerate(groups) for h in groups[i + 1:])  # no group in two runs


@pytest.mark.parametrize("subject_of", [
    lambda i: f"Subject {i * 7919 % 20_000:05d}",  # 20,000 groups of one, in no order
    lambda i: f"Subject {i % 20:02d}",  # 20 groups of 1,000 whose keys repeat with the period of a sample step
], ids=["shuffled", "periodic"])
def test_series_runs_are_about_max_rows_each(subject_of):
    facts = _facts([_fact(f"d{i}", subject_of(i), 1.0, None) for i in range(20_000)])
    _, runs = _runs(facts, 2_000, 4_096)
    sizes = [t.num_rows for t in runs.values()]
    assert sum(sizes) == 20_000
    assert 8 <= len(sizes) <= 12 and max(sizes) <= 3_000, sizes


def test_one_group_larger_than_max_rows_is_one_run_and_no_facts_no_runs():
    facts = _facts([_fact(f"d{i}", "Chongqing", float(i), None) for i in range(50)])
    bounds, runs = _runs(facts, 10, 8)
    assert bounds == [] and [t.num_rows for t in runs.values()] == [50]
    assert tables.series_bounds([], 10) == []
    assert list(tables.series_split([], [])) == []
