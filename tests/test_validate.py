import datetime as dt

import pyarrow as pa
import pytest

from cqetl import tables, validate
from cqetl.model import DateMention, DocResult, Fact, LineDecision, Metadata, RawDoc

NOW = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
BODY = "Chongqing has over 32 million people. Exports rose 12% in 2023."
Y = BODY.index("2023")


def _result(**kw):
    raw = RawDoc("a.txt", "Title\n" + BODY, "0123456789abcdef", 10)
    base = dict(raw=raw, language="en", decisions=[LineDecision(0, "Title", False, "site_header", "headline_v1")],
                meta=Metadata(title="Title"), body_text=BODY,
                facts=[Fact("population", 32e6, "persons", "over", "over 32 million", 14, 29, BODY[:37], "t_v1")],
                dates=[DateMention("2023", Y, Y + 4, dt.date(2023, 1, 1), dt.date(2023, 12, 31), "year", False, "y_v1")])
    base.update(kw)
    return DocResult(**base)


def _check(result):
    return validate.check(tables.to_arrow(tables.collect([result], "run", NOW)))


def test_a_good_batch_passes():
    assert _check(_result()) == []


@pytest.mark.parametrize("change, fragment", [
    (dict(facts=[Fact("population", 32e6, "persons", "over", "over 32 million", 10, 25, "", "t_v1")]), "does not hold"),
    (dict(facts=[Fact("mood", 1.0, "items", "exact", "over 32 million", 14, 29, "", "t_v1")]), "metric"),
    (dict(facts=[Fact("count", float("inf"), "items", "exact", "over 32 million", 14, 29, "", "t_v1")]), "finite"),
    (dict(facts=[Fact("count", 1.0, "items", "roughly", "over 32 million", 14, 29, "", "t_v1")]), "qualifier"),
    (dict(dates=[DateMention("2023", Y, Y + 4, dt.date(2024, 1, 1), dt.date(2023, 1, 1), "year", False, "y_v1")]), "date_start"),
    (dict(dates=[DateMention("2023", Y, Y + 4, dt.date(2023, 1, 1), dt.date(2023, 1, 1), "week", False, "y_v1")]), "precision"),
    (dict(decisions=[LineDecision(0, "Title", False, "junk", "x_v1")]), "reason"),
])
def test_violations_are_found(change, fragment):
    problems = _check(_result(**change))
    assert problems and fragment in " ".join(problems)


def _tables():
    return tables.to_arrow(tables.collect([_result()], "run", NOW))


@pytest.mark.parametrize("table, column, value, fragment", [
    ("boilerplate", "line_no", -1, "boilerplate.line_no: >= 0 fails for 1 rows, e.g. [-1]"),
    ("facts", "unit", "x" * 21, "facts.unit: length 1-20"),
    ("facts", "unit", "", "facts.unit: length 1-20"),
    ("documents", "language", None, "documents.language: 1 nulls"),
    ("documents", "language", "english", "documents.language: length 2-3"),
    ("dates", "role", "printed", "dates.role: isin fails for 1 rows, e.g. ['printed']"),
])
def test_column_rules(table, column, value, fragment):
    t = _tables()
    assert validate.check(t) == []
    old = t[table]
    t[table] = old.set_column(old.schema.get_field_index(column), old.schema.field(column),
                              pa.array([value] * old.num_rows, old.schema.field(column).type))
    assert any(fragment in p for p in validate.check(t)), validate.check(t)


def test_a_nullable_column_may_hold_nulls():
    t = _tables()
    docs = t["documents"]
    i = docs.schema.get_field_index("published_precision")
    t["documents"] = docs.set_column(i, docs.schema.field(i), pa.nulls(docs.num_rows, docs.schema.field(i).type))
    assert validate.check(t) == []


def test_repeated_keys_are_found():
    t = _tables()
    t["boilerplate"] = pa.concat_tables([t["boilerplate"], t["boilerplate"]])
    assert any(p.startswith("boilerplate: 1 repeated doc_id/line_no") for p in validate.check(t))
