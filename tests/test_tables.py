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


@pytest.mark.parametrize("counts, max_rows, want", [
    ([2, 2], 4, [0, 0]),
    ([2, 2], 3, [0, 1]),
    ([1, 9, 1], 3, [0, 1, 2]),
    ([9], 3, [0]),
    ([1, 1, 1, 1, 1], 2, [0, 0, 1, 1, 2]),
    ([], 5, []),
])
def test_series_ranges_are_consecutive_groups_of_at_most_max_rows(counts, max_rows, want):
    assert tables.series_ranges(counts, max_rows).to_pylist() == want


def test_series_groups_count_facts_by_group_in_fact_series_order():
    facts = _facts([
        _fact("a", "Zhong", 1.0, None, metric="population"),
        _fact("b", " chengdu", 2.0, dt.date(2024, 1, 1)),
        _fact("c", "Chengdu", 3.0, dt.date(2024, 1, 1)),
        _fact("c", "Chengdu", 4.0, None),
        _fact("d", "Chongqing", 5.0, None, metric="count"),
        _fact("e", None, 6.0, None),
    ])
    for chunk in (1, 2, 100):
        got = tables.series_groups(facts.to_batches(max_chunksize=chunk)).to_pylist()
        assert got == [
            {"metric": "count", "key": "chongqing", "unit": "persons", "as_of": "", "n": 1},
            {"metric": "population", "key": "chengdu", "unit": "persons", "as_of": "", "n": 1},
            {"metric": "population", "key": "chengdu", "unit": "persons", "as_of": "2024-01-01", "n": 2},
            {"metric": "population", "key": "zhong", "unit": "persons", "as_of": "", "n": 1},
        ], chunk
    assert tables.series_groups([]).num_rows == 0


def test_series_groups_merge_held_counts_on_the_way(monkeypatch):
    monkeypatch.setattr(tables, "_MERGE_ROWS", 1)
    facts = _facts([_fact(d, s, 1.0, None) for d in "abc" for s in ("X", "Y")])
    got = tables.series_groups(facts.to_batches(max_chunksize=1)).to_pylist()
    assert [(g["key"], g["n"]) for g in got] == [("x", 3), ("y", 3)]


def test_series_runs_sorted_one_by_one_make_the_whole_table():
    facts = _facts([
        _fact("b", "Chongqing ", 32.1e6, dt.date(2024, 1, 1)),
        _fact("a", "chongqing", 30.0e6, dt.date(2010, 1, 1)),
        _fact("a", None, 5.0, dt.date(2010, 1, 1)),
        _fact("c", "Chengdu", 21e6, None),
        _fact("a", "Chongqing", 12.0, None, metric="count"),
        _fact("d", "Chongqing", 13.0, None, metric=""),
    ])
    pubs = pa.table({"doc_id": ["a", "b"], "publisher": ["China Daily", "Xinhua"]})
    groups = tables.series_groups(facts.to_batches(max_chunksize=2))
    assert pc.sum(groups["n"]).as_py() == 4  # no subject, no metric: not in the series
    runs = tables.series_ranges(groups["n"].to_pylist(), 1)
    assert runs.to_pylist() == [0, 1, 2, 3]
    pieces: dict[int, list] = {}
    for k, rows in tables.series_split(facts.to_batches(max_chunksize=2), groups, runs):
        pieces.setdefault(k, []).append(rows)
    assert sorted(pieces) == [0, 1, 2, 3]
    got = [tables.fact_series(pa.Table.from_batches(pieces[k]), pubs) for k in sorted(pieces)]
    assert pa.concat_tables(got).to_pylist() == tables.fact_series(facts.filter(pc.not_equal(facts["metric"], "")), pubs).to_pylist()
