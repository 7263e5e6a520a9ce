"""Named persons (with roles), organisations, places and countries (dispatch by language)."""
from __future__ import annotations

from . import entities_en, entities_zh
from .model import Entity


def find(body: str, lang: str) -> list[Entity]:
    found = entities_zh.find(body) if lang == "zh" else entities_en.find(body)
    return sorted(found, key=lambda e: (e.kind, e.name))
