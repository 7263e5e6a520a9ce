"""A bounded run of the fuzz target (fuzz/fuzz_pipeline.py); CQETL_FUZZ_SECONDS sets its length (default 20)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sys
import warnings
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fuzz"))
import fuzz_pipeline as fz  # noqa: E402  (a script folder, not a package)


@pytest.mark.parametrize("data", fz.SEEDS, ids=lambda d: repr(d[:24]))
def test_seed_holds_the_contract(data):
    fz.check_bytes(data)


SENTENCE = "Exports of Chongqing reached 120 billion yuan on March 3, 2023, up 5 percent on the year before."


def _break_fact(res, **change):
    res.facts[0] = dataclasses.replace(res.facts[0], **change)


def _break_date(res, **change):
    res.dates[0] = dataclasses.replace(res.dates[0], **change)


def _break_decision(res, **change):
    res.decisions[0] = dataclasses.replace(res.decisions[0], **change)


@pytest.mark.parametrize("breaker, change, says", [
    (_break_fact, {"start": 1}, "fact span"),
    (_break_fact, {"value": float("inf")}, "value"),
    (_break_fact, {"metric": "gdp"}, "metric"),
    (_break_date, {"date_end": dt.date(1999, 1, 1)}, ">"),
    (_break_date, {"end": 0}, "date span"),
    (_break_decision, {"keep": False, "reason": "menu"}, "removed with reason"),
    (_break_decision, {"line_no": 5}, "one decision per non-blank line"),
])
def test_target_catches_a_broken_row(breaker, change, says):
    """The invariants can fail: each broken row is reported."""
    res = fz.check_text(SENTENCE)
    assert res is not None and res.facts and res.dates and res.decisions, "the sentence should give a fact and a date"
    breaker(res, **change)
    with pytest.raises(AssertionError, match=says):
        fz.check_result(res, [SENTENCE])


@pytest.mark.parametrize("data", [b"\x81\xfe\xfa\x80 abc", b"\xff\xfe\x00", "caf\u00e9 \u91cd\u5e86".encode("gb18030")])
def test_to_text_gives_text_for_any_bytes(data):
    text = fz.to_text(data)
    assert isinstance(text, str) and "\r" not in text


def test_fuzz_loop(record_property):
    seconds = float(os.environ.get("CQETL_FUZZ_SECONDS", "20"))
    # the seeds have their own test above
    tried, crashes = fz.fuzz(seconds, seed=int(os.environ.get("CQETL_FUZZ_SEED", "0")), seeds=False)
    message = f"fuzz: {tried} inputs through the stages in {seconds:g} s"
    print(message)
    record_property("fuzz_inputs", tried)
    warnings.warn(message, UserWarning)  # shows in the warnings summary of a plain `pytest -q` run
    assert not crashes, "\n\n".join(f"{c.where} on {c.data[:500]!r}\n{c.error}" for c in crashes)
    assert tried > 0
