import datetime as dt

import pyarrow as pa

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
