"""Title, publisher, author and publication date of a page."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

from . import lexicon
from .config import Config, Source
from .model import LineDecision, Metadata

_ISO = regex.compile(r"\b((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})\b")


@dataclass(frozen=True)
class Registry:
    sources: tuple[Source, ...]

    @classmethod
    def from_config(cls, cfg: Config) -> "Registry":
        return cls(cfg.registry)

    def lookup(self, text: str) -> Source | None:
        low = text.casefold()
        for s in self.sources:
            if any(a.casefold() in low for a in (s.name, *s.aliases, *s.domains)):
                return s
        return None


def read(lines: list[str], decisions: list[LineDecision], lang: str, registry: Registry) -> Metadata:
    removed = [d for d in decisions if not d.keep]
    title = next((d for d in removed if len(d.text.split()) >= 4), None)
    date = None
    for d in removed:
        m = _ISO.search(d.text, timeout=lexicon.TIMEOUT)
        if m:
            try:
                date = dt.date(int(m[1]), int(m[2]), int(m[3]))
                break
            except ValueError:
                continue
    src = next((s for d in removed if (s := registry.lookup(d.text))), None)
    return Metadata(
        title=title.text.strip() if title else None,
        title_line=title.line_no if title else None,
        publisher=(src.name_zh or src.name) if src and lang == "zh" else (src.name if src else None),
        publisher_key=src.key if src else None,
        publisher_known=src is not None,
        published_date=date,
        published_precision="day" if date else None,
        rules=("stub_v0",),
    )


def lift_header(decisions: list[LineDecision], meta: Metadata) -> list[LineDecision]:
    """The headline leaves the body (its text lives on in documents.title)."""
    if meta.title_line is None:
        return decisions
    return [
        LineDecision(d.line_no, d.text, False, "site_header", "headline_v1", "the page headline, moved to documents.title")
        if d.line_no == meta.title_line and d.keep else d
        for d in decisions
    ]
