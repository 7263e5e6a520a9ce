"""Language of a page: script share, then function words for Latin-script pages."""
from __future__ import annotations

from functools import lru_cache

from . import lexicon

# A page whose letters are at least this share wide (CJK) characters is Chinese:
# Chinese pages carry English menus and names, English pages rarely Han.
HAN_SHARE_ZH = 0.3
LATIN_PER_HAN = 2.5  # Latin letters that carry about as much text as one Han character
SAMPLE_CHARS = 3000  # function words are counted in the page's first characters
_NOT_LETTERS = bytes(b for b in range(256) if not (65 <= b <= 90 or 97 <= b <= 122))
_TOKEN_PUNCT = ".,;:!?\"'“”‘’()[]{}«»—–-"
_LATIN_WIDE = "‘’“”–—…•€"  # three-byte characters common in Latin-script text


def _wide_chars(text: str) -> int:
    """Characters of three UTF-8 bytes (CJK ideographs and punctuation, kana, hangul),
    less the curly quotes and dashes of Latin text."""
    n_ascii = len(text.encode("ascii", "ignore"))
    extra = len(text.encode("utf-8")) - n_ascii
    return max(0, extra - 2 * (len(text) - n_ascii) - sum(map(text.count, _LATIN_WIDE)))


def han_share(text: str) -> float:
    han = _wide_chars(text)
    latin = len(text.encode("ascii", "ignore").translate(None, _NOT_LETTERS)) / LATIN_PER_HAN
    return han / (han + latin) if han + latin else 0.0


@lru_cache(maxsize=1)
def _langs_of_word() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for lang, words in lexicon.load("stopwords").items():
        for w in words.split():
            out.setdefault(w, []).append(lang)
    return {w: tuple(ls) for w, ls in out.items()}


def detect(text: str) -> str:
    """ISO 639-1 code: zh by the share of CJK characters, else the language whose
    function words (jusText stoplists) the page uses most; en when unsure."""
    if han_share(text) >= HAN_SHARE_ZH:
        return "zh"
    langs = _langs_of_word()
    counts: dict[str, int] = {}
    for tok in text[:SAMPLE_CHARS].lower().split():
        for lang in langs.get(tok.strip(_TOKEN_PUNCT), ()):
            counts[lang] = counts.get(lang, 0) + 1
    if not counts:
        return "en"
    best = max(counts, key=counts.get)
    return best if counts[best] > counts.get("en", 0) else "en"
