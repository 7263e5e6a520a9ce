import datetime as dt

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
