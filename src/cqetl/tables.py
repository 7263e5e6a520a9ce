"""Rows of the contract's tables from pipeline results, as Arrow tables."""
from __future__ import annotations

import bisect
import datetime as dt
import random
from collections import Counter
from collections.abc import Iterable, Iterator

import pyarrow as pa
import pyarrow.compute as pc

from .model import DocResult, Reject
from .schemas import FACT_SERIES, SCHEMA_VERSION, TABLES


def document_row(r: DocResult, run_id: str, now: dt.datetime) -> dict:
    m = r.meta
    return {
        "doc_id": r.raw.doc_id, "source_path": r.raw.source_path, "source_url": r.raw.url, "title": m.title,
        "publisher": m.publisher, "publisher_key": m.publisher_key, "publisher_domain": m.publisher_domain,
        "via": m.via, "author": m.author, "published_date": m.published_date,
        "published_precision": m.published_precision, "language": r.language, "body_text": r.body_text,
        "n_chars_raw": len(r.raw.text), "n_chars_body": len(r.body_text),
        "schema_version": SCHEMA_VERSION, "run_id": run_id, "processed_at": now,
    }


def rows_of(r: DocResult, run_id: str, now: dt.datetime) -> dict[str, list[dict]]:
    doc = r.raw.doc_id
    m = r.meta
    dates = [{"doc_id": doc, "mention": d.mention, "start": d.start, "end": d.end, "role": "mentioned",
              "date_start": d.date_start, "date_end": d.date_end, "precision": d.precision,
              "relative": d.relative, "rule": d.rule} for d in r.dates]
    if m.published_date is not None:
        end = _period_end(m.published_date, m.published_precision)
        dates.insert(0, {"doc_id": doc, "mention": m.published_mention or m.published_date.isoformat(),
                         "start": None, "end": None, "role": "published", "date_start": m.published_date,
                         "date_end": end, "precision": m.published_precision or "day", "relative": False,
                         "rule": "published_v1"})
    return {
        "documents": [document_row(r, run_id, now)],
        "boilerplate": [{"doc_id": doc, "line_no": d.line_no, "text": d.text if d.kept_text is None else d.text[: len(d.text) - len(d.kept_text)],
                         "reason": d.reason, "rule": d.rule} for d in r.decisions if not d.keep or d.kept_text is not None],
        "dates": dates,
        "facts": [{"doc_id": doc, "metric": f.metric, "subject": f.subject, "item": f.item, "value": f.value,
                   "unit": f.unit, "qualifier": f.qualifier, "period": f.period,
                   "as_of": f.as_of if f.as_of is not None else m.published_date, "mention": f.mention,
                   "start": f.start, "end": f.end, "sentence": f.sentence, "rule": f.rule} for f in r.facts],
        "sectors": [{"doc_id": doc, "sector": s.sector, "isic": s.isic, "mentions": s.mentions,
                     "first_mention": s.first_mention} for s in r.sectors],
        "entities": [{"doc_id": doc, "kind": e.kind, "name": e.name, "role": e.role, "mentions": e.mentions}
                     for e in r.entities],
    }


def _period_end(day: dt.date, precision: str | None) -> dt.date:
    if precision == "year":
        return dt.date(day.year, 12, 31)
    if precision == "month":
        nxt = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return day


def reject_row(rej: Reject, run_id: str) -> dict:
    return {"source_path": rej.source_path, "stage": rej.stage, "error": rej.error,
            "message": rej.message, "run_id": run_id}


def collect(results: Iterable[DocResult | Reject], run_id: str, now: dt.datetime) -> dict[str, list[dict]]:
    """All rows of a batch, by table name."""
    out: dict[str, list[dict]] = {name: [] for name in TABLES}
    for r in results:
        if isinstance(r, Reject):
            out["rejects"].append(reject_row(r, run_id))
            continue
        for name, rows in rows_of(r, run_id, now).items():
            out[name].extend(rows)
    return out


def to_arrow(rows: dict[str, list[dict]]) -> dict[str, pa.Table]:
    return {name: pa.Table.from_pylist(rows.get(name, []), schema=schema) for name, schema in TABLES.items()}


def batch_stats(results: Iterable[DocResult | Reject]) -> dict:
    """Quality figures of a batch, summed over batches by `merge_stats`."""
    s: dict = {"chars_raw": 0, "chars_body": 0, "facts_by_metric": Counter(), "publishers": Counter(),
               "sectors": Counter(), "unknown_publishers": Counter(), "date_min": None, "date_max": None}
    for r in results:
        if isinstance(r, Reject):
            continue
        s["chars_raw"] += len(r.raw.text)
        s["chars_body"] += len(r.body_text)
        s["facts_by_metric"].update(f.metric for f in r.facts)
        s["sectors"].update(h.sector for h in r.sectors)
        if r.meta.publisher:
            s["publishers"][r.meta.publisher] += 1
            if not r.meta.publisher_known:
                s["unknown_publishers"][r.meta.publisher] += 1
        for d in r.dates:
            s["date_min"] = min(filter(None, (s["date_min"], d.date_start)))
            s["date_max"] = max(filter(None, (s["date_max"], d.date_end)))
    return s


def merge_stats(parts: Iterable[dict]) -> dict:
    out: dict = {"chars_raw": 0, "chars_body": 0, "facts_by_metric": Counter(), "publishers": Counter(),
                 "sectors": Counter(), "unknown_publishers": Counter(), "date_min": None, "date_max": None}
    for s in parts:
        if not s:
            continue
        for k in ("chars_raw", "chars_body"):
            out[k] += s[k]
        for k in ("facts_by_metric", "publishers", "sectors", "unknown_publishers"):
            out[k].update(s[k])
        out["date_min"] = min(filter(None, (out["date_min"], s["date_min"])), default=None)
        out["date_max"] = max(filter(None, (out["date_max"], s["date_max"])), default=None)
    out["boilerplate_share"] = 1 - out["chars_body"] / out["chars_raw"] if out["chars_raw"] else 0.0
    return {k: dict(v) if isinstance(v, Counter) else v for k, v in out.items()}


SERIES_FACT_COLUMNS = ["doc_id", "metric", "subject", "unit", "value", "qualifier", "as_of", "period", "mention"]
SERIES_FACT_SCHEMA = pa.schema([TABLES["facts"].field(c) for c in SERIES_FACT_COLUMNS])


def series_key(subject: pa.Array) -> pa.Array:
    """The key fact_series lines subjects up by: trimmed and lower-cased."""
    return pc.utf8_lower(pc.utf8_trim_whitespace(subject))


def _sort_prefix(b: pa.RecordBatch | pa.Table) -> pa.Table:
    """The leading fact_series sort keys of rows with a subject: metric, subject key, unit, as_of ('' when
    unknown, which keeps its place: fact_series puts an unknown as_of first)."""
    as_of = pc.fill_null(pc.cast(b["as_of"], pa.large_string()), "")
    return pa.table([b["metric"], series_key(b["subject"]), b["unit"], as_of], names=_SERIES_GROUP)


def _in_series(b: pa.RecordBatch) -> pa.RecordBatch:
    return b.filter(pc.and_(pc.is_valid(b["subject"]), pc.invert(pc.equal(pc.fill_null(b["metric"], ""), ""))))


_SERIES_GROUP = ["metric", "key", "unit", "as_of"]
_SAMPLES_PER_RUN = 100  # sampled keys a run: its size then strays by ~10 %, and the sample stays small


def _key_at(keys: pa.Table, i: int) -> tuple[str, ...]:
    return tuple(keys[c][i].as_py() for c in _SERIES_GROUP)


def series_bounds(batches: Iterable[pa.RecordBatch], max_rows: int) -> list[tuple[str, ...]]:
    """Keys (metric, subject key, unit, as_of) that cut the facts of fact_series into runs of about
    `max_rows` each, in fact_series order, from a random sample; memory holds the sample only.
    A run holds the keys from one bound up to the next, so a group never spans two runs."""
    step = max(1, max_rows // _SAMPLES_PER_RUN)
    rng = random.Random(0)  # seeded: the same facts give the same runs
    pick = rng.randrange(step)  # gaps drawn at random, mean `step`: keys that repeat with a period do not fool it
    sample: list[tuple[str, ...]] = []
    seen = 0
    for b in batches:
        keys = _sort_prefix(_in_series(b))
        rows = []
        while pick < seen + keys.num_rows:
            rows.append(pick - seen)
            pick += 1 + rng.randrange(2 * step - 1)
        if rows:
            sample += zip(*keys.take(pa.array(rows, pa.int64())).to_pydict().values())
        seen += keys.num_rows
    runs = -(-seen // max_rows)
    sample.sort()
    return sorted({sample[len(sample) * j // runs] for j in range(1, runs)} - set(sample[:1]))  # no empty first run


def series_split(batches: Iterable[pa.RecordBatch], bounds: list[tuple[str, ...]]) -> Iterator[tuple[int, pa.RecordBatch]]:
    """(run number, its rows) pieces of batches of SERIES_FACT_COLUMNS: run k holds the keys from
    bounds[k - 1] (included) up to bounds[k]."""
    for b in batches:
        b = _in_series(b)
        if not b.num_rows:
            continue
        keys = _sort_prefix(b)
        order = pc.sort_indices(keys, sort_keys=[(c, "ascending") for c in _SERIES_GROUP])
        b, keys = b.take(order), keys.take(order)
        start, run = 0, bisect.bisect_right(bounds, _key_at(keys, 0))
        while start < b.num_rows:
            end = b.num_rows if run == len(bounds) else \
                bisect.bisect_left(range(b.num_rows), bounds[run], lo=start, key=lambda i: _key_at(keys, i))
            if end > start:
                yield run, b.slice(start, end - start)
            start, run = end, run + 1


def fact_series(facts: pa.Table, publishers: pa.Table) -> pa.Table:
    """Every figure with a subject, lined up by metric and subject across documents and dates.

    `facts` holds SERIES_FACT_COLUMNS, `publishers` doc_id and publisher; the work stays in Arrow.
    """
    facts = facts.filter(pc.is_valid(facts["subject"]))
    facts = facts.set_column(facts.schema.get_field_index("subject"), "subject",
                             pc.utf8_trim_whitespace(facts["subject"]))
    publisher = publishers["publisher"].take(pc.index_in(facts["doc_id"], value_set=publishers["doc_id"]))
    facts = facts.append_column("publisher", publisher).append_column("_key", series_key(facts["subject"]))
    order = pc.sort_indices(facts, sort_keys=[(c, "ascending", "at_start")
                                              for c in ("metric", "_key", "unit", "as_of", "doc_id", "mention")])
    return facts.select(FACT_SERIES.names).take(order).cast(FACT_SERIES)
