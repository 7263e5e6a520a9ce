"""Every date mention of the body, resolved to a span of days."""
from __future__ import annotations

import datetime as dt

import regex

from . import lexicon
from .model import DateMention, Metadata

_YEAR = regex.compile(r"\b(19\d{2}|20\d{2})\b")


def find(body: str, lang: str, meta: Metadata) -> list[DateMention]:
    out = []
    for m in _YEAR.finditer(body, timeout=lexicon.TIMEOUT):
        y = int(m[1])
        out.append(DateMention(m[0], m.start(), m.end(), dt.date(y, 1, 1), dt.date(y, 12, 31), "year", False, "year_v0"))
    return out
