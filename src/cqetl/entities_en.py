"""Entities in English text."""
from __future__ import annotations

from collections import Counter

import regex

from . import lexicon
from .model import Entity

_ORG = regex.compile(r"\b(?:[A-Z][\w'&-]+ ){1,5}(?:Committee|Commission|Group|Company|Bank|Agency|University|Government|Association)\b")


def find(body: str) -> list[Entity]:
    counts = Counter(m[0] for m in _ORG.finditer(body, timeout=lexicon.TIMEOUT))
    return [Entity("organization", name, n) for name, n in sorted(counts.items())]
