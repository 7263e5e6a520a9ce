"""Rows of the contract's tables from pipeline results, as Arrow tables."""
from __future__ import annotations

import datetime as dt
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


def _sort_prefix(b: pa.RecordBatch | pa.Table) -> list[pa.Array]:
    """The leading fact_series sort keys of rows with a subject: metric, subject key, unit, as_of ('' when unknown)."""
    as_of = pc.fill_null(pc.cast(b["as_of"], pa.large_string()), "")
    return [b["metric"], series_key(b["subject"]), b["unit"], as_of]


def _in_series(b: pa.RecordBatch) -> pa.RecordBatch:
    return b.filter(pc.and_(pc.is_valid(b["subject"]), pc.invert(pc.equal(pc.fill_null(b["metric"], ""), ""))))


_SERIES_GROUP = ["metric", "key", "unit", "as_of"]
_MERGE_ROWS = 200_000  # per-batch group counts held before they are merged: bounds the memory of counting


def _merge_groups(pieces: list[pa.Table]) -> pa.Table:
    return pa.concat_tables(pieces).group_by(_SERIES_GROUP, use_threads=False).aggregate([("n", "sum")]).rename_columns(_SERIES_GROUP + ["n"])


def series_groups(batches: Iterable[pa.RecordBatch]) -> pa.Table:
    """The groups of fact_series (metric, subject key, unit, as_of) with their fact counts `n`, in
    fact_series order; counted in Arrow, batch by batch, so memory holds the groups, not the facts."""
    pieces: list[pa.Table] = []
    held = 0
    for b in batches:
        keys = pa.table(dict(zip(_SERIES_GROUP, _sort_prefix(_in_series(b)))))
        pieces.append(keys.group_by(_SERIES_GROUP, use_threads=False).aggregate([([], "count_all")]).rename_columns(_SERIES_GROUP + ["n"]))
        held += pieces[-1].num_rows
        if held > _MERGE_ROWS and len(pieces) > 1:
            pieces = [_merge_groups(pieces)]
            held = pieces[0].num_rows
    if not pieces:
        return pa.table({c: pa.array([], pa.large_string()) for c in _SERIES_GROUP} | {"n": pa.array([], pa.int64())})
    groups = _merge_groups(pieces)
    return groups.take(pc.sort_indices(groups, sort_keys=[(c, "ascending", "at_start") for c in _SERIES_GROUP]))


def series_ranges(counts: Iterable[int], max_rows: int) -> pa.Array:
    """The run number of each group, for groups in fact_series order with these fact counts: runs of
    consecutive groups of at most `max_rows` facts (one group may hold more). Sorted one by one and
    written in turn, the runs make the whole table."""
    run, rows, out = -1, 0, []
    for n in counts:
        if run < 0 or rows + n > max_rows:
            run, rows = run + 1, 0
        out.append(run)
        rows += n
    return pa.array(out, pa.int32())


def series_split(batches: Iterable[pa.RecordBatch], groups: pa.Table, run_of: pa.Array) -> Iterator[tuple[int, pa.RecordBatch]]:
    """(run number, its rows) pieces of batches of SERIES_FACT_COLUMNS, for `groups` from series_groups
    and `run_of` from series_ranges."""
    sep = pa.scalar("\x1f", pa.large_string())
    value_set = pc.binary_join_element_wise(*(groups[c] for c in _SERIES_GROUP), sep)
    for b in batches:
        b = _in_series(b)
        if not b.num_rows:
            continue
        rid = run_of.take(pc.index_in(pc.binary_join_element_wise(*_sort_prefix(b), sep), value_set=value_set))
        order = pc.sort_indices(rid)
        b, rid = b.take(order), rid.take(order)
        start = 0
        for k, n in zip(*pc.value_counts(rid).flatten()):
            yield k.as_py(), b.slice(start, n.as_py())
            start += n.as_py()


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
