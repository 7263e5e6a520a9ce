"""Sentence bounds in English and Chinese text."""
from __future__ import annotations

import regex

from . import lexicon

_SENTENCE_END = regex.compile(r"(?<=[.!?])\s+(?=[\"'“(]?[A-Z0-9])|(?<=[。！？；])|\n+")


_LOOK_BACK = 1500  # characters searched back for the sentence start before scanning from the top


def _last_end(body: str, lo: int, hi: int) -> int | None:
    return max((m.end() for m in _SENTENCE_END.finditer(body, lo, hi, timeout=lexicon.TIMEOUT)), default=None)


def bounds(body: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or paragraph line) around body[start:end]."""
    lo = _last_end(body, max(0, start - _LOOK_BACK), start)
    if lo is None:
        lo = _last_end(body, 0, start) or 0
    m = _SENTENCE_END.search(body, end, timeout=lexicon.TIMEOUT)
    hi = m.start() if m else len(body)
    return lo, hi
