"""Language of a page or a line, by script share and function words."""
from __future__ import annotations

import regex

from . import lexicon

_HAN = regex.compile(r"\p{Han}")
_LATIN_WORD = regex.compile(r"[A-Za-z]+")
# A page whose letters are at least this share Han characters is Chinese:
# Chinese pages carry English menus and names, English pages rarely Han.
HAN_SHARE_ZH = 0.3


def han_share(text: str) -> float:
    han = len(_HAN.findall(text, timeout=lexicon.TIMEOUT))
    latin = sum(len(w) for w in _LATIN_WORD.findall(text, timeout=lexicon.TIMEOUT)) / 2.5
    return han / (han + latin) if han + latin else 0.0


def detect(text: str) -> str:
    """ISO 639-1 code: zh by Han share, else en (other languages: see stopwords)."""
    return "zh" if han_share(text) >= HAN_SHARE_ZH else "en"
