"""Every date mention of the body, resolved to a span of days (dispatch by language)."""
from __future__ import annotations

from . import dates_en, dates_zh
from .model import DateMention, Metadata


def find(body: str, lang: str, meta: Metadata) -> list[DateMention]:
    found = dates_zh.find(body, meta) if lang == "zh" else dates_en.find(body, meta)
    return sorted(found, key=lambda d: (d.start, d.end))
