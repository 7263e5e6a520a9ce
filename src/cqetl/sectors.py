"""Sector tags from the configurable taxonomy."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from . import lexicon
from .config import Config
from .model import SectorHit


@dataclass(frozen=True)
class Taxonomy:
    patterns: tuple[tuple[str, str | None, regex.Pattern], ...]

    @classmethod
    def from_config(cls, cfg: Config) -> "Taxonomy":
        return cls(tuple((s.key, s.isic, lexicon.words_pattern((*s.aliases, *s.aliases_zh))) for s in cfg.sectors))


def tag(body: str, lang: str, taxonomy: Taxonomy) -> list[SectorHit]:
    out = []
    for key, isic, pat in taxonomy.patterns:
        hits = pat.findall(body, timeout=lexicon.TIMEOUT)
        if hits:
            out.append(SectorHit(key, isic, len(hits), hits[0]))
    return out
