"""Output validation: pandera models of the contract, checked before any write.

A batch whose tables break a model is not written; its pages go to rejects.
"""
from __future__ import annotations

import math

import pandas as pd
import pandera.pandas as pa
import pyarrow as arrow

REASONS = ["cookie_banner", "navigation", "breadcrumb", "subscribe", "share", "related_links", "caption", "byline",
           "dateline", "contact", "legal", "site_footer", "site_header", "repeated_across_site", "empty_widget", "other"]
METRICS = ["population", "output_value", "output_volume", "count", "percentage", "growth_rate", "investment",
           "trade_value", "area", "other_quantity"]
QUALIFIERS = ["exact", "over", "about", "nearly", "under", "up_to"]
PRECISIONS = ["day", "month", "quarter", "year", "range"]
KINDS = ["person", "organization", "place", "country"]

_finite = pa.Check(lambda s: s.map(lambda v: v is not None and math.isfinite(v)), error="finite")

DOCUMENTS = pa.DataFrameSchema({
    "doc_id": pa.Column(None, unique=True),
    "published_precision": pa.Column(None, pa.Check.isin(["day", "month", "year"]), nullable=True),
    "language": pa.Column(None, pa.Check.str_length(2, 3)),
})
BOILERPLATE = pa.DataFrameSchema({
    "line_no": pa.Column(None, pa.Check.ge(0)),
    "reason": pa.Column(None, pa.Check.isin(REASONS)),
}, unique=["doc_id", "line_no"])
DATES = pa.DataFrameSchema({
    "role": pa.Column(None, pa.Check.isin(["published", "mentioned"])),
    "precision": pa.Column(None, pa.Check.isin(PRECISIONS)),
}, checks=[pa.Check(lambda d: d["date_start"] <= d["date_end"], error="date_start <= date_end")])
FACTS = pa.DataFrameSchema({
    "metric": pa.Column(None, pa.Check.isin(METRICS)),
    "qualifier": pa.Column(None, pa.Check.isin(QUALIFIERS)),
    "value": pa.Column(None, _finite),
    "unit": pa.Column(None, pa.Check.str_length(1, 20)),
})
SECTORS = pa.DataFrameSchema({"mentions": pa.Column(None, pa.Check.ge(1))}, unique=["doc_id", "sector"])
ENTITIES = pa.DataFrameSchema({
    "kind": pa.Column(None, pa.Check.isin(KINDS)),
    "mentions": pa.Column(None, pa.Check.ge(1)),
}, unique=["doc_id", "kind", "name"])

MODELS = {"documents": DOCUMENTS, "boilerplate": BOILERPLATE, "dates": DATES, "facts": FACTS,
          "sectors": SECTORS, "entities": ENTITIES}


def _spans_ok(tables: dict[str, arrow.Table]) -> list[str]:
    bodies = dict(zip(tables["documents"]["doc_id"].to_pylist(), tables["documents"]["body_text"].to_pylist()))
    problems = []
    for name in ("dates", "facts"):
        t = tables[name]
        for doc, start, end, mention in zip(t["doc_id"].to_pylist(), t["start"].to_pylist(), t["end"].to_pylist(),
                                            t["mention"].to_pylist()):
            if start is None and end is None:
                continue
            body = bodies.get(doc)
            if body is None or start is None or end is None or not (0 <= start < end <= len(body)) or body[start:end] != mention:
                problems.append(f"{name}: span {start}:{end} of {doc} does not hold {mention!r}")
    return problems


def check(tables: dict[str, arrow.Table]) -> list[str]:
    """Problems found in one batch's tables; empty when all is well."""
    problems = _spans_ok(tables)
    for name, model in MODELS.items():
        t = tables[name]
        if t.num_rows == 0:
            continue
        cols = [c for c in {*model.columns, *(model.unique or []), "doc_id", "date_start", "date_end"} if c in t.column_names]
        df: pd.DataFrame = t.select(cols).to_pandas()
        try:
            model.validate(df, lazy=True)
        except (pa.errors.SchemaErrors, pa.errors.SchemaError) as exc:
            cases = getattr(exc, "failure_cases", None)
            detail = cases.head(5).to_dict("records") if cases is not None else str(exc)[:300]
            problems.append(f"{name}: {detail}")
    return problems
