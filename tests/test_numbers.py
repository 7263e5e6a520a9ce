"""English number reading: digits, words, scales, fractions, percent, currencies."""
from __future__ import annotations

import pytest

from cqetl import numbers


def read(text: str) -> list[tuple[str, float, str | None, bool]]:
    return [(text[n.start:n.end], n.value, n.currency, n.percent) for n in numbers.find(text)]


@pytest.mark.parametrize("text, want", [
    ("It has 1,600 shops.", [("1,600", 1600, None, False)]),
    ("The index stood at 139.58 points.", [("139.58", 139.58, None, False)]),
    ("Some 1.4187 million tourists came.", [("1.4187 million", 1418700, None, False)]),
    ("It rose 12% in May.", [("12%", 12, None, True)]),
    ("It rose 12 percent in May.", [("12 percent", 12, None, True)]),
    ("It rose 12 per cent in May.", [("12 per cent", 12, None, True)]),
    ("Output hit RMB 600 billion.", [("RMB 600 billion", 6e11, "CNY", False)]),
    ("Output hit 600 billion yuan.", [("600 billion yuan", 6e11, "CNY", False)]),
    ("Output hit RMB319.8bn.", [("RMB319.8bn", 3.198e11, "CNY", False)]),
    ("A US$1.2 billion plant.", [("US$1.2 billion", 1.2e9, "USD", False)]),
    ("A $4.4 billion plant.", [("$4.4 billion", 4.4e9, "USD", False)]),
    ("A US£2 billion cargo.", [("US£2 billion", 2e9, "USD", False)]),  # a mis-encoded US$
    ("A €30 million grant.", [("€30 million", 3e7, "EUR", False)]),
    ("A £3bn deal.", [("£3bn", 3e9, "GBP", False)]),
    ("A 5 bln yen loan.", [("5 bln yen", 5e9, "JPY", False)]),
    ("It cost 2 mln euros.", [("2 mln euros", 2e6, "EUR", False)]),
    ("A 2.5 trillion yuan economy.", [("2.5 trillion yuan", 2.5e12, "CNY", False)]),
    ("It paid 100 million US dollars.", [("100 million US dollars", 1e8, "USD", False)]),
    ("A $5m grant.", [("$5m", 5e6, "USD", False)]),
    ("It received 500,000 yuan (USD 69,500).", [("500,000 yuan", 5e5, "CNY", False), ("USD 69,500", 69500, "USD", False)]),
    ("About three million cars.", [("three million", 3e6, None, False)]),
    ("It has twenty-five plants.", [("twenty-five", 25, None, False)]),
    ("A dozen firms joined.", [("A dozen", 12, None, False)]),
    ("One hundred and six firms joined.", [("One hundred and six", 106, None, False)]),
    ("Two and three make five.", [("Two", 2, None, False), ("three", 3, None, False), ("five", 5, None, False)]),
    ("About one-third of it.", [("one-third", 33.33, None, True)]),
    ("Two-thirds of it.", [("Two-thirds", 66.67, None, True)]),
    ("Dozens of firms and billions of yuan.", []),
])
def test_reads(text, want):
    got = read(text)
    assert [g[0] for g in got] == [w[0] for w in want]
    for (_, v, c, p), (_, wv, wc, wp) in zip(got, want):
        assert v == pytest.approx(wv) and c == wc and p == wp


@pytest.mark.parametrize("text, value", [
    ("seven", 7), ("ninety-nine", 99), ("three hundred", 300), ("one hundred and twelve", 112), ("a dozen", 12),
])
def test_words_value(text, value):
    assert numbers.words_value(text) == value


def test_words_value_rejects_non_numbers():
    assert numbers.words_value("seven seas") is None


def test_glued_short_scale_needs_money():
    # "300m" alone is a length, with a currency it is money
    assert read("a 300m tower")[0][1] == 300
    assert read("a $300m tower")[0][1] == 3e8


@pytest.mark.parametrize("text, want", [
    ("Sales hit 35 millionyuan.", [("35 millionyuan", 3.5e7, "CNY", False)]),  # a scraper glued the currency on
    ("Sales hit 35 million yuan.", [("35 million yuan", 3.5e7, "CNY", False)]),
    ("A millionaire bought 3 yachts.", [("3", 3, None, False)]),
    ("Nearly a thousand firms came.", [("a thousand", 1000, None, False)]),
])
def test_glued_currency_and_a_thousand(text, want):
    assert read(text) == want
