"""Entities in Chinese text."""
from __future__ import annotations

from collections import Counter

import regex

from . import lexicon
from .model import Entity

_ORG = regex.compile(r"[\p{Han}]{2,12}(?:委员会|集团|有限公司|银行|大学|研究院|协会)")


def find(body: str) -> list[Entity]:
    counts = Counter(m[0] for m in _ORG.finditer(body, timeout=lexicon.TIMEOUT))
    return [Entity("organization", name, n) for name, n in sorted(counts.items())]
