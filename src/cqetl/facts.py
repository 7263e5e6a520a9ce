"""Quantitative facts of the body, each with its span and sentence (dispatch by language)."""
from __future__ import annotations

import regex

from . import facts_en, facts_zh, lexicon
from .model import DateMention, Fact, Metadata

_SENTENCE_END = regex.compile(r"(?<=[.!?])\s+(?=[\"'“(]?[A-Z0-9])|(?<=[。！？；])|\n+")


def sentence_bounds(body: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or paragraph line) around body[start:end]."""
    lo = max((m.end() for m in _SENTENCE_END.finditer(body, 0, start, timeout=lexicon.TIMEOUT)), default=0)
    m = _SENTENCE_END.search(body, end, timeout=lexicon.TIMEOUT)
    hi = m.start() if m else len(body)
    return lo, hi


def extract(body: str, lang: str, meta: Metadata, dates: list[DateMention]) -> list[Fact]:
    found = facts_zh.extract(body, meta, dates) if lang == "zh" else facts_en.extract(body, meta, dates)
    return sorted(found, key=lambda f: (f.start, f.end, f.metric))
