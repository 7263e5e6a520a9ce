"""Chinese numerals and multipliers: 三百二十万, 1.5万亿, 二点零七, ２０２３ (full width)."""
from __future__ import annotations

import math
from decimal import Decimal
from functools import lru_cache

import regex

from . import lexicon

_DATA = lexicon.load("numbers_zh")
DIGITS: dict[str, int] = _DATA["digits"]
SMALL: dict[str, int] = _DATA["small_units"]
BIG: dict[str, int] = _DATA["big_units"]
POINT = frozenset(_DATA["decimal_point"])
FOLD = str.maketrans(_DATA["fold"])  # one character for one, so offsets survive

NUMERAL_CHARS = "".join(sorted({*DIGITS, *SMALL, *BIG}))
# a numeral run with an optional decimal part (二点零七)
CHINESE = f"[{NUMERAL_CHARS}]+(?:[{''.join(sorted(POINT))}][{''.join(sorted(DIGITS))}]+)?"
ARABIC = r"[0-9]+(?:,[0-9]{3}(?![0-9]))*(?:\.[0-9]+)?"
_MIXED = regex.compile(rf"({ARABIC})([{''.join(sorted({*SMALL, *BIG}))}]*)")


def _chinese_int(s: str) -> int | None:
    """三百二十万 -> 3200000; 十一 -> 11; 万 -> 10000; None when malformed."""
    total = section = 0
    number: int | None = None
    for ch in s:
        if ch in DIGITS:
            if number is not None and number != 0 and DIGITS[ch] != 0:
                return None  # 三三: two digits without a unit between
            number = DIGITS[ch]
        elif ch in SMALL:
            section += (number if number is not None else 1) * SMALL[ch]
            number = None
        elif ch in BIG:
            big = BIG[ch]
            part = section + (number or 0)
            if part == 0 and total == 0:
                part = 1  # 万, 亿 alone
            if total and big > total:  # 万亿: the 亿 scales all that came before
                total = (total + part) * big
            elif part == 0:  # 万亿 written as two units
                total *= big
            else:
                total += part * big
            section, number = 0, None
        else:
            return None
    return total + section + (number or 0)


def _multiplier(units: str) -> float | None:
    """万 -> 1e4, 万亿 -> 1e12, 千万 -> 1e7; '' -> 1."""
    value = 1.0
    for ch in units:
        if ch in BIG:
            value *= BIG[ch]
        elif ch in SMALL:
            value *= SMALL[ch]
        else:
            return None
    return value


@lru_cache(maxsize=4096)
def parse(text: str) -> float | None:
    """The value of a numeral as written (Arabic, Chinese or mixed), or None."""
    s = text.translate(FOLD).strip()
    if not s:
        return None
    m = _MIXED.fullmatch(s, timeout=lexicon.TIMEOUT)
    if m:
        mult = _multiplier(m[2])
        value = float(Decimal(m[1].replace(",", "")) * Decimal(mult)) if mult is not None else None
    else:
        head, sep, frac = s, "", ""
        for p in POINT:
            if p in s:
                head, sep, frac = s.partition(p)
                break
        if sep:
            # 二点零七: integer part, then decimal digits read one by one, then trailing units
            digits = ""
            rest = frac
            while rest and rest[0] in DIGITS:
                digits, rest = digits + str(DIGITS[rest[0]]), rest[1:]
            whole = _chinese_int(head) if head else 0
            mult = _multiplier(rest)
            if whole is None or not digits or mult is None:
                return None
            value = float(f"{whole}.{digits}") * mult
        else:
            whole = _chinese_int(s)
            try:
                value = None if whole is None else float(whole)
            except OverflowError:  # 亿亿亿...: no real amount
                return None
    return value if value is not None and math.isfinite(value) else None

