"""Sentence bounds in English and Chinese text."""
from __future__ import annotations

import regex

from . import lexicon

# A sentence break: after .!? the spaces before a capital or digit, right after 。！？；, or newlines.
# Each look-behind is written as a consumed character (group 1, 2 or 3 is the break): a leading
# character class lets the engine skip ahead, ten times faster than a pattern opening with a look-behind.
_BREAK = regex.compile(r"[.!?](\s+)(?=[\"'“(]?[A-Z0-9])|[。！？；]()|(\n+)")
_PUNCT = ".!?。！？；"

LOOK_BACK = 1500  # characters searched back for the sentence start before scanning from the top


def _breaks(body: str, lo: int, hi: int):
    """The breaks (start, end) in body[lo:hi], in order; one before lo counts when it ends after lo."""
    pos = lo - 1 if lo and body[lo - 1] in _PUNCT else lo  # the character the look-behind at lo sees
    for m in _BREAK.finditer(body, pos, hi, timeout=lexicon.TIMEOUT):
        g = 1 if m.start(1) >= 0 else 2 if m.start(2) >= 0 else 3
        yield m.span(g)


def _last_end(body: str, lo: int, hi: int) -> int | None:
    return max((e for _, e in _breaks(body, lo, hi)), default=None)


def bounds(body: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or paragraph line) around body[start:end]."""
    lo = _last_end(body, max(0, start - LOOK_BACK), start)
    if lo is None:
        lo = _last_end(body, 0, start) or 0
    hi = next((s for s, _ in _breaks(body, end, len(body))), len(body))
    return lo, hi


def line_ends(body: str) -> list[tuple[int, int]]:
    """The spans of the sentence breaks inside the lines of body, in order: on each line the same as
    `ends(body, line start, line end)`, in one pass (a break that takes a newline is a line's end, not inside one)."""
    out = []
    for m in _BREAK.finditer(body, timeout=lexicon.TIMEOUT):
        if m.start(3) < 0 and "\n" not in m[0]:
            out.append(m.span(1 if m.start(1) >= 0 else 2))
    return out


def ends(body: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The spans of the sentence breaks in body[lo:hi], in order (one pass for callers that look up many figures)."""
    return list(_breaks(body, lo, hi))
