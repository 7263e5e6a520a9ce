"""Sentence breaks: the fast pattern finds exactly what the look-behind form finds; facts_en's per-line look-up
gives the bounds `sentences.bounds` gives on the same stretch."""
from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cqetl import facts_en, sentences
from cqetl.numbers import Number

# the reference: the break written with look-behinds
_REF = regex.compile(r"(?<=[.!?])\s+(?=[\"'“(]?[A-Z0-9])|(?<=[。！？；])|\n+")

_TEXT = st.text(alphabet=list(".!?。；  \n\"“(Aa1b"), max_size=40)


def _ref_bounds(body: str, start: int, end: int) -> tuple[int, int]:
    lo = max((m.end() for m in _REF.finditer(body, 0, start)), default=0)
    m = _REF.search(body, end)
    return lo, m.start() if m else len(body)


@pytest.mark.parametrize("body, start, end, want", [
    ("It grew. Output rose 5% in May.", 21, 23, (9, 31)),
    ("Sales rose.\nOutput fell 3%.", 24, 26, (12, 27)),
    ("产值增长。出口增长5%。", 9, 11, (5, 12)),
    ("He said \"Yes.\" Then 5 left.", 20, 21, (0, 27)),  # no break after a closing quote
    ("Prices fell. Then 5 firms shut.", 18, 19, (13, 31)),
    # a break right before `start` is not seen (its look-ahead stops at start): long-standing, kept as is
    ("Prices fell. 5 firms shut.", 13, 14, (0, 26)),
    ("U.S. firms grew 5%.", 16, 17, (0, 19)),
])
def test_bounds(body, start, end, want):
    assert sentences.bounds(body, start, end) == want


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.data())
def test_ends_match_the_look_behind_form(body, data):
    lo = data.draw(st.integers(0, len(body)))
    hi = data.draw(st.integers(lo, len(body)))
    assert sentences.ends(body, lo, hi) == [m.span() for m in _REF.finditer(body, lo, hi)]
    assert sentences.bounds(body, lo, hi) == _ref_bounds(body, lo, hi)


@settings(max_examples=300, deadline=None)
@given(_TEXT.filter(lambda t: any(c in "1Aab" for c in t)), st.data())
def test_facts_sentence_matches_bounds_on_its_stretch(body, data):
    """`facts_en._sentence` reads `bounds` of body[a:b] (a: the line start or the last sentence end) from cached breaks."""
    spots = sorted(i for i, c in enumerate(body) if c in "1Aab")
    picks = sorted(set(data.draw(st.lists(st.sampled_from(spots), min_size=1, max_size=4))))
    sent, breaks = (0, -1), facts_en._breaks_of(body)
    for p in picks:
        if sent[0] <= p < sent[1]:
            continue
        n = Number(p, p + 1, p, p + 1, 1.0, None, False, False, False, False)
        after = max(sent[1], 0)
        a = max(body.rfind("\n", 0, p) + 1, after)
        b = body.find("\n", p + 1)
        b = len(body) if b < 0 else b
        lo, hi = sentences.bounds(body[a:b], p - a, p + 1 - a)
        lo += a
        while lo < p and body[lo].isspace():
            lo += 1
        sent = facts_en._sentence(body, n, after, breaks)
        assert sent == (lo, a + hi)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_line_ends_are_each_lines_ends(body):
    want, ls = [], 0
    for line in body.split("\n"):
        want += sentences.ends(body, ls, ls + len(line))
        ls += len(line) + 1
    assert sentences.line_ends(body) == want


@pytest.mark.parametrize("body, want", [
    ("It grew. Output rose.\nNext. Then", [(8, 9), (27, 28)]),
    ("It grew.\nNext", []),
    ("It grew. \nNext", []),  # a break that takes the newline ends the line
    ("产值增长。出口\n增长。", [(5, 5), (11, 11)]),
])
def test_line_ends(body, want):
    assert sentences.line_ends(body) == want
