"""Quantitative facts of the body, each with its span and sentence."""
from __future__ import annotations

import regex

from . import lexicon
from .model import DateMention, Fact, Metadata

_PCT = regex.compile(r"(\d+(?:\.\d+)?)\s?(?:%|percent\b)")


def extract(body: str, lang: str, meta: Metadata, dates: list[DateMention]) -> list[Fact]:
    out = []
    for m in _PCT.finditer(body, timeout=lexicon.TIMEOUT):
        out.append(Fact("percentage", float(m[1]), "percent", "exact", m[0], m.start(), m.end(), body[max(0, m.start() - 80):m.end() + 80], "percent_v0", as_of=meta.published_date))
    return out
