"""English number reading: digits, number words, scales, fractions, percent and currency.

`find(text)` returns every quantity expression with its span and plain value;
it decides nothing about whether a figure is a fact (that is `facts_en`).
Word lists live in `data/numbers.yaml`.
"""
from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import regex

from . import lexicon


class Number(NamedTuple):
    start: int  # whole expression: currency, numeral, scale, percent sign
    end: int
    num_start: int  # the numeral alone
    num_end: int
    value: float  # scaled; fractions as percent
    currency: str | None  # ISO code
    percent: bool
    words: bool  # numeral written in words
    scaled: bool  # a scale word (million, bn) was read
    decimal: bool


@dataclass(frozen=True)
class _Compiled:
    digits: regex.Pattern  # a figure in digits: dig, glued, scale, pct, suf
    words: regex.Pattern  # a figure in words, tried where a word of `starts` stands: frac, wrd, wscale, pct, suf
    starts: tuple  # (first three letters, words): lower-case number and fraction words a figure may start with
    pre_last: frozenset  # last characters of the currency prefixes
    prefix: regex.Pattern  # a currency sign or code right before the figure
    units: dict
    scales: dict
    fractions: dict
    pre: dict
    suf: dict


@lru_cache(maxsize=None)
def _lex() -> _Compiled:
    d = lexicon.load("numbers")
    units = {k.lower(): float(v) for k, v in d["units"].items()}
    scales = {k.lower(): float(v) for k, v in d["scales"].items()}
    fractions = {k.lower(): float(v) for k, v in d["fractions"].items()}
    pre = {k: v for k, v in d["currency_prefix"].items()}
    suf = {k.lower(): v for k, v in d["currency_suffix"].items()}
    tree = lexicon.prefix_tree  # all word lists are lower case: a tree matches what a longest-first alternation does
    word = rf"(?:{tree(units)}|{tree(d['hundred'])})"
    words = rf"\b{word}(?:[ -]{word}|(?<=hundred)\x20and\x20{word})*\b"
    long_scales = [s for s in scales if s not in d["short_scales"]]
    glue = rf"(?=(?:{tree(suf)})\b)"  # a currency glued to the scale word: "220 billionyuan"
    tail = rf"""
        (?P<pct>\s?(?:%|％)|\s(?:{tree(w for w in d['percent'] if w[0].isalpha())})\b)?
        (?P<suf>(?:\s|(?<=[a-z]))(?:{tree(suf)})\b)?  # after a space, or glued to a scale word
    """
    # the first digit of a run (the look-behind after it lets the engine skip ahead to digits), then
    # 1,234.5 or 1234.5
    digits = rf"""
        (?P<dig>\d(?<!\d\d)(?:\d{{0,2}}(?:,\d{{3}})+(?:\.\d+)?|\d*(?:\.\d+)?))
        (?:(?P<glued>{tree(scales)})\b|\s?(?P<scale>{tree(long_scales)})(?:\b|{glue}))?
        {tail}
    """
    in_words = rf"""
        (?:
            (?P<frac>\b(?:{tree(fractions)})\b(?![-\w]))
          | (?P<wrd>{words})(?:\s(?P<wscale>{tree(long_scales)})\b)?
        )
        {tail}
    """
    prefix = rf"(?:{lexicon.alternation(pre)})\s?$"
    starts = sorted(set(units) | set(fractions))
    flags = regex.IGNORECASE | regex.VERBOSE
    return _Compiled(regex.compile(digits, flags), regex.compile(in_words, flags),
                     tuple((k, tuple(g)) for k, g in itertools.groupby(starts, key=lambda w: w[:3])),
                     frozenset(k[-1] for k in pre), regex.compile(prefix),
                     units, scales, fractions, pre, suf)


def words_value(text: str) -> float | None:
    """The value of a cardinal written in words ("twenty-five", "one hundred and six", "a dozen")."""
    units = _lex().units
    t = text.lower().strip()
    if t in units:
        return units[t]
    total = 0.0
    seen = False
    for w in t.replace("-", " ").split():
        if w == "and":
            continue
        if w == "hundred":
            total = (total or 1) * 100
        elif w in units:
            total += units[w]
        else:
            return None
        seen = True
    return total if seen else None


def _currency(code_text: str | None, table: dict, lower: bool) -> str | None:
    if not code_text:
        return None
    key = code_text.strip()
    key = key.lower() if lower else key
    if key in table:
        return table[key]
    for k, v in table.items():  # case variants of prefixes ("Rmb", "rmb")
        if k.lower() == key.lower():
            return v
    return None


def _word_anchors(text: str, start: int, end: int, c: _Compiled) -> list[int]:
    """Where a figure in words may start: a number or fraction word standing alone (plain substring search)."""
    found = []
    low = text.lower()
    if len(low) != len(text):  # a few characters change length when lowered: keep offsets exact
        low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    for head, ws in c.starts:  # each place the first letters stand, then the words sharing them
        i = low.find(head, start, end)
        while i >= 0:
            if not (i and low[i - 1].isalnum()):
                for w in ws:
                    j = i + len(w)
                    if low.startswith(w, i, end) and not (j < len(low) and low[j].isalnum()):
                        found.append(i)
                        break
            i = low.find(head, i + 1, end)
    return sorted(set(found))


def _matches(text: str, start: int, end: int, c: _Compiled) -> list[tuple[int, bool, regex.Match]]:
    """(start, in words, match) of every figure, left to right. Figures in digits and in words never hold
    each other's starts, so the two are read apart: digits in one pass, words where a word stands."""
    found = [(m.start(), False, m) for m in c.digits.finditer(text, start, end, timeout=lexicon.TIMEOUT)]
    pos = start
    for a in _word_anchors(text, start, end, c):
        if a < pos:
            continue  # inside the figure read before
        m = c.words.match(text, a, end, timeout=lexicon.TIMEOUT)
        if m is not None:
            found.append((a, True, m))
            pos = m.end()
    found.sort(key=lambda f: f[0])
    return found


def find(text: str, start: int = 0, end: int | None = None) -> list[Number]:
    """Every quantity expression in text[start:end], left to right."""
    c = _lex()
    out = []
    end = len(text) if end is None else end
    for a, in_words, m in _matches(text, start, end, c):
        one, glued, scale, pct_text, suf_text = m.groups()  # by position: names cost more
        lo = max(start, a - 6)
        p = c.prefix.search(text, lo, a, timeout=lexicon.TIMEOUT) \
            if not c.pre_last.isdisjoint(text[max(lo, a - 3):a]) else None  # "$5", "$ 5", "$ \n5" ($ also matches before a last \n)
        pre = _currency(p[0], c.pre, False) if p else None
        suf = _currency(suf_text, c.suf, True)
        pct = pct_text is not None
        if not in_words:
            dig = one
            try:
                val = float(dig.replace(",", ""))
            except ValueError:
                continue  # a digit form float() cannot read (rare Unicode digits)
            sc = glued or scale
            if glued and glued.lower() in ("m", "b", "k", "mn") and not (pre or suf):
                sc = None  # "300m" is a length, "5k" a run, unless money is written
            if sc:
                val *= c.scales[sc.lower()]
            nspan, is_words, scaled, dec = m.span(1), False, bool(sc), "." in dig
        elif one:  # a fraction
            val, nspan, is_words, scaled, dec = c.fractions[one.lower()], m.span(1), True, False, True
            pct = True
        else:
            wrd, wscale = glued, scale
            v = words_value(wrd)
            if v is None:
                continue
            val = v * (c.scales[wscale.lower()] if wscale else 1.0)
            nspan, is_words, scaled, dec = m.span(2), True, bool(wscale), False
        if not math.isfinite(val):
            continue
        s = p.start() if pre else nspan[0]
        e = m.end() if (suf or not suf_text) else m.start(5)
        cur = None if pct else (pre or suf)
        out.append(Number(s, e, nspan[0], nspan[1], val, cur, pct, is_words, scaled, dec))
    return out
