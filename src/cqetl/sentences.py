"""Sentence bounds in English and Chinese text."""
from __future__ import annotations

import regex

from . import lexicon

_SENTENCE_END = regex.compile(r"(?<=[.!?])\s+(?=[\"'“(]?[A-Z0-9])|(?<=[。！？；])|\n+")


def bounds(body: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or paragraph line) around body[start:end]."""
    lo = max((m.end() for m in _SENTENCE_END.finditer(body, 0, start, timeout=lexicon.TIMEOUT)), default=0)
    m = _SENTENCE_END.search(body, end, timeout=lexicon.TIMEOUT)
    hi = m.start() if m else len(body)
    return lo, hi
