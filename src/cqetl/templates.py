"""Corpus-level learning of site template lines.

A line that recurs verbatim (white space and digits folded) on several pages
is template text, the way web-scale corpus builders find site boilerplate.
Counts are kept per line fingerprint as the number of distinct documents
holding it; the store persists them so later runs keep what was learned.
Counts are global, not per site (the text does not say reliably which site a
page is from), so boilerplate.classify drops a template line only when it is
not a paragraph of prose: a wire story syndicated to several sites stays.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import regex

from . import lexicon

_DIGITS = regex.compile(r"\d+")
# Longer lines are article prose even when syndicated to several sites.
MAX_TEMPLATE_CHARS = 200


def fingerprint(line: str, folded: str | None = None) -> str | None:
    """`line` with white space and digit runs folded, or None if it is too long to be template text.

    `folded` is the line with its digit runs already folded (fingerprints folds a page's short lines in one pass).
    """
    if len(line) > 2 * MAX_TEMPLATE_CHARS:
        return None  # too long to be a template line even after folding white space
    text = " ".join(line.split()).casefold()
    if not text or len(text) > MAX_TEMPLATE_CHARS:
        return None
    if folded is None:
        return _fold_digits(text)
    return text if folded == line else " ".join(folded.split()).casefold()


def _fold_digits(text: str) -> str:
    return _DIGITS.sub("0", text, timeout=lexicon.TIMEOUT) if any(c.isdigit() for c in text) else text


def fingerprints(text: str) -> set[str]:
    """The distinct template candidates of one page."""
    lines = [line for line in text.split("\n") if len(line) <= 2 * MAX_TEMPLATE_CHARS]
    folded = _fold_digits("\n".join(lines)).split("\n")  # one pass over the short lines only
    return {fp for line, f in zip(lines, folded) if (fp := fingerprint(line, f))}


def count(pages: Iterable[set[str]]) -> Counter:
    c: Counter = Counter()
    for fps in pages:
        c.update(fps)
    return c


def select(counts: Counter | dict[str, int], min_docs: int) -> frozenset[str]:
    return frozenset(fp for fp, n in counts.items() if n >= min_docs)
