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

import regex

from . import lexicon


@dataclass(frozen=True)
class Number:
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
    digit: regex.Pattern  # where a figure in digits starts
    starts: tuple  # (first three letters, words): lower-case number and fraction words a figure may start with
    pre_last: frozenset  # last characters of the currency prefixes
    figure: regex.Pattern
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
    word = rf"(?:{lexicon.alternation(units)}|{lexicon.alternation(d['hundred'])})"
    digits = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    words = rf"\b{word}(?:[ -]{word}|(?<=hundred)\x20and\x20{word})*\b"
    long_scales = [s for s in scales if s not in d["short_scales"]]
    glue = rf"(?=(?:{lexicon.alternation(suf)})\b)"  # a currency glued to the scale word: "220 billionyuan"
    # the figure itself, tried only where the cheap anchor pattern lands
    figure = rf"""
        (?:
            (?P<frac>\b(?:{lexicon.alternation(fractions)})\b(?![-\w]))
          | (?P<dig>{digits})
            (?:(?P<glued>{lexicon.alternation(scales)})\b|\s?(?P<scale>{lexicon.alternation(long_scales)})(?:\b|{glue}))?
          | (?P<wrd>{words})(?:\s(?P<wscale>{lexicon.alternation(long_scales)})\b)?
        )
        (?P<pct>\s?(?:%|％)|\s(?:{lexicon.alternation(w for w in d['percent'] if w[0].isalpha())})\b)?
        (?P<suf>(?:\s|(?<=[a-z]))(?:{lexicon.alternation(suf)})\b)?  # after a space, or glued to a scale word
    """
    prefix = rf"(?:{lexicon.alternation(pre)})\s?$"
    starts = sorted(set(units) | set(fractions))
    return _Compiled(regex.compile(r"(?<!\d)\d"),
                     tuple((k, tuple(g)) for k, g in itertools.groupby(starts, key=lambda w: w[:3])),
                     frozenset(k[-1] for k in pre),
                     regex.compile(figure, regex.IGNORECASE | regex.VERBOSE), regex.compile(prefix),
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


def _anchors(text: str, start: int, end: int, c: _Compiled) -> list[int]:
    """Where a figure may start: digits (one pattern pass) and number words (plain substring search)."""
    found = [m.start() for m in c.digit.finditer(text, start, end, timeout=lexicon.TIMEOUT)]
    low = text.lower()
    if len(low) != len(text):  # a few characters change length when lowered: keep offsets exact
        low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    for head, ws in c.starts:
        if low.find(head, start, end) < 0:
            continue  # none of the words sharing these first letters
        for w in ws:
            i = low.find(w, start, end)
            while i >= 0:
                j = i + len(w)
                if not (i and low[i - 1].isalnum()) and not (j < len(low) and low[j].isalnum()):
                    found.append(i)
                i = low.find(w, j, end)
    return sorted(set(found))


def find(text: str, start: int = 0, end: int | None = None) -> list[Number]:
    """Every quantity expression in text[start:end], left to right."""
    c = _lex()
    out = []
    end = len(text) if end is None else end
    pos = start
    for a in _anchors(text, start, end, c):
        if a < pos:
            continue  # inside the figure read before
        m = c.figure.match(text, a, end, timeout=lexicon.TIMEOUT)
        if m is None:
            continue
        pos = m.end()
        frac, dig, glued, scale, wrd, wscale, pct_text, suf_text = m.groups()  # by position: names cost more
        lo = max(start, m.start() - 6)
        before = text[lo:m.start()]
        p = c.prefix.search(text, lo, m.start(), timeout=lexicon.TIMEOUT) \
            if any(ch in c.pre_last for ch in before[-3:]) else None  # "$5", "$ 5", "$ \n5" ($ also matches before a last \n)
        pre = _currency(p[0], c.pre, False) if p else None
        suf = _currency(suf_text, c.suf, True)
        pct = pct_text is not None
        if frac:
            val, nspan, is_words, scaled, dec = c.fractions[frac.lower()], m.span(1), True, False, True
            pct = True
        elif dig:
            try:
                val = float(dig.replace(",", ""))
            except ValueError:
                continue  # a digit form float() cannot read (rare Unicode digits)
            sc = glued or scale
            if glued and glued.lower() in ("m", "b", "k", "mn") and not (pre or suf):
                sc = None  # "300m" is a length, "5k" a run, unless money is written
            if sc:
                val *= c.scales[sc.lower()]
            nspan, is_words, scaled, dec = m.span(2), False, bool(sc), "." in dig
        else:
            v = words_value(wrd)
            if v is None:
                continue
            val = v * (c.scales[wscale.lower()] if wscale else 1.0)
            nspan, is_words, scaled, dec = m.span(5), True, bool(wscale), False
        if not math.isfinite(val):
            continue
        s = p.start() if pre else nspan[0]
        e = m.end() if (suf or not suf_text) else m.start(8)
        cur = None if pct else (pre or suf)
        out.append(Number(s, e, nspan[0], nspan[1], val, cur, pct, is_words, scaled, dec))
    return out
