"""The pyarrow schemas of every output table (the data contract, v1).

Each field carries a one-line description: the data dictionary analysts see
in any Parquet viewer. Schema metadata (schema_version, cqetl version,
run_id, config hash) is added at write time by `with_run_metadata`.
"""
from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = 1

S = pa.large_string()


def _f(name: str, typ: pa.DataType, desc: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, typ, nullable=nullable, metadata={"description": desc})


DOCUMENTS = pa.schema([
    _f("doc_id", S, "first 16 hex chars of SHA-256 of the normalised raw text", False),
    _f("source_path", S, "raw file path relative to the input folder", False),
    _f("source_url", S, "address the page was scraped from, from the input folder's url manifest"),
    _f("title", S, "headline, boilerplate-free"),
    _f("publisher", S, "canonical outlet name from the source registry (as written when unknown)"),
    _f("publisher_key", S, "registry key of the outlet, the same across languages (xinhua for 新华社 and Xinhua)"),
    _f("publisher_domain", S, "registrable domain of the outlet when known"),
    _f("via", S, "wire agency or syndication source named in the text"),
    _f("author", S, "byline or editor name"),
    _f("published_date", pa.date32(), "publication (or 'Updated') date"),
    _f("published_precision", S, "day, month or year"),
    _f("language", S, "ISO 639-1 code of the page language", False),
    _f("body_text", S, "cleaned main text, paragraphs separated by a blank line", False),
    _f("n_chars_raw", pa.int32(), "characters before cleaning", False),
    _f("n_chars_body", pa.int32(), "characters after cleaning", False),
    _f("schema_version", pa.int16(), "version of this data contract", False),
    _f("run_id", S, "the flow run that wrote the row", False),
    _f("processed_at", pa.timestamp("us", tz="UTC"), "when the row was produced", False),
])

BOILERPLATE = pa.schema([
    _f("doc_id", S, "document id", False),
    _f("line_no", pa.int32(), "0-based line number in the raw text", False),
    _f("text", S, "the removed line (or removed part of it)", False),
    _f("reason", S, "why it went: contract vocabulary (cookie_banner, navigation, ...)", False),
    _f("rule", S, "versioned id of the rule that removed it", False),
])

DATES = pa.schema([
    _f("doc_id", S, "document id", False),
    _f("mention", S, "the date text as written", False),
    _f("start", pa.int32(), "start offset into body_text (null for the publication date)"),
    _f("end", pa.int32(), "end offset into body_text, exclusive (null for the publication date)"),
    _f("role", S, "published or mentioned", False),
    _f("date_start", pa.date32(), "first day covered", False),
    _f("date_end", pa.date32(), "last day covered", False),
    _f("precision", S, "day, month, quarter, year or range", False),
    _f("relative", pa.bool_(), "true when resolving needed the publication date", False),
    _f("rule", S, "versioned id of the pattern that found it", False),
])

FACTS = pa.schema([
    _f("doc_id", S, "document id", False),
    _f("metric", S, "population, output_value, output_volume, count, percentage, growth_rate, investment, trade_value, area, other_quantity", False),
    _f("subject", S, "place or organisation the figure is about"),
    _f("item", S, "what is counted or measured"),
    _f("value", pa.float64(), "normalised number (scale words applied)", False),
    _f("unit", S, "persons, CNY, USD, items, vehicles, units, percent, times, TEU, tonnes, km2, mu, ...", False),
    _f("qualifier", S, "exact, over, about, nearly, under, up_to", False),
    _f("period", S, "period the figure covers, as written"),
    _f("as_of", pa.date32(), "date the figure refers to, else the publication date"),
    _f("mention", S, "the span holding the number, as written", False),
    _f("start", pa.int32(), "start offset into body_text", False),
    _f("end", pa.int32(), "end offset into body_text, exclusive", False),
    _f("sentence", S, "the sentence the fact was read from", False),
    _f("rule", S, "versioned id of the rule that read it", False),
])

SECTORS = pa.schema([
    _f("doc_id", S, "document id", False),
    _f("sector", S, "canonical key from the sector taxonomy", False),
    _f("isic", S, "ISIC Rev.4 code(s)"),
    _f("mentions", pa.int32(), "number of mentions in body_text", False),
    _f("first_mention", S, "the first phrase that matched", False),
])

ENTITIES = pa.schema([
    _f("doc_id", S, "document id", False),
    _f("kind", S, "person, organization, place or country", False),
    _f("name", S, "canonical surface form", False),
    _f("role", S, "title or function of a person, as written"),
    _f("mentions", pa.int32(), "number of mentions in body_text", False),
])

REJECTS = pa.schema([
    _f("source_path", S, "raw file path relative to the input folder", False),
    _f("stage", S, "read, decode, clean, extract or write", False),
    _f("error", S, "reason code or exception class", False),
    _f("message", S, "human-readable explanation", False),
    _f("run_id", S, "the flow run that rejected it", False),
])

FACT_SERIES = pa.schema([
    _f("metric", S, "metric of the figure", False),
    _f("subject", S, "subject, folded for grouping", False),
    _f("unit", S, "unit of the figure", False),
    _f("value", pa.float64(), "normalised value", False),
    _f("qualifier", S, "exact, over, about, nearly, under, up_to", False),
    _f("as_of", pa.date32(), "date the figure refers to"),
    _f("period", S, "period as written"),
    _f("publisher", S, "outlet that reported it"),
    _f("doc_id", S, "document id", False),
    _f("mention", S, "the span as written", False),
])

TABLES: dict[str, pa.Schema] = {
    "documents": DOCUMENTS,
    "boilerplate": BOILERPLATE,
    "dates": DATES,
    "facts": FACTS,
    "sectors": SECTORS,
    "entities": ENTITIES,
    "rejects": REJECTS,
}
DERIVED: dict[str, pa.Schema] = {"fact_series": FACT_SERIES}


def with_run_metadata(schema: pa.Schema, *, version: str, run_id: str, config_hash: str) -> pa.Schema:
    return schema.with_metadata({
        "schema_version": str(SCHEMA_VERSION),
        "cqetl_version": version,
        "run_id": run_id,
        "config_hash": config_hash,
    })
