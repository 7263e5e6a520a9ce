"""Date mentions in English text."""
from __future__ import annotations

import regex

from . import cal, lexicon
from .model import DateMention, Metadata

_YEAR = regex.compile(r"\b(19\d{2}|20\d{2})\b")


def find(body: str, meta: Metadata) -> list[DateMention]:
    out = []
    for m in _YEAR.finditer(body, timeout=lexicon.TIMEOUT):
        out.append(DateMention(m[0], m.start(), m.end(), *cal.year_span(int(m[1])), "year", False, "year_v0"))
    return out
