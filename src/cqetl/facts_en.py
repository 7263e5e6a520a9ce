"""Facts in English text."""
from __future__ import annotations

import regex

from . import lexicon, sentences
from .model import DateMention, Fact, Metadata

_PCT = regex.compile(r"(\d+(?:\.\d+)?)\s?(?:%|percent\b)")


def extract(body: str, meta: Metadata, dates: list[DateMention]) -> list[Fact]:
    out = []
    for m in _PCT.finditer(body, timeout=lexicon.TIMEOUT):
        lo, hi = sentences.bounds(body, m.start(), m.end())
        out.append(Fact("percentage", float(m[1]), "percent", "exact", m[0], m.start(), m.end(), body[lo:hi], "percent_v0"))
    return out
