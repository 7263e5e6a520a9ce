"""Quantitative facts of the body, each with its span and sentence (dispatch by language)."""
from __future__ import annotations

from . import facts_en, facts_zh
from .model import DateMention, Fact, Metadata


def extract(body: str, lang: str, meta: Metadata, dates: list[DateMention]) -> list[Fact]:
    found = facts_zh.extract(body, meta, dates) if lang == "zh" else facts_en.extract(body, meta, dates)
    return sorted(found, key=lambda f: (f.start, f.end, f.metric))
