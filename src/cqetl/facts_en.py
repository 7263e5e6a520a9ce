"""Facts in English text.

One pass of `numbers.find` over the body gives every quantity; each is then
judged from small windows around it: is it a fact at all (dates, ordinals,
names, durations, distances, definitions are not), its qualifier, unit and
metric, the subject it belongs to, the period it refers to. Word lists and
patterns are in `data/facts_en.yaml`.
"""
from __future__ import annotations

import bisect
import datetime as dt
import itertools
import string
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from types import SimpleNamespace

import regex

from . import lexicon, numbers, sentences
from .model import DateMention, Fact, Metadata
from .numbers import Number

_TOPIC_BACK = 300  # characters read back for a paragraph's topic: two or three sentences
_WIN = 80  # characters of context read on each side of a figure: a clause, rarely more
_I = regex.IGNORECASE
_R = regex.REVERSE  # for patterns anchored at the end of a left window, or read for their last match


def _phrases(words) -> str:
    return "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def _phrase_tree(words) -> str:
    """`_phrases` as a prefix tree: the same matches (lower-case words), tried faster."""
    return lexicon.prefix_tree(w.lower() for w in words).replace(r"\ ", r"\s+")


def _key(text: str) -> str:
    return " ".join(text.split())


@lru_cache(maxsize=None)
def _lex() -> SimpleNamespace:
    d = lexicon.load("facts_en")
    qb = {w.lower(): q for q, ws in d["qualifiers_before"].items() for w in ws}
    qa = {w.lower(): q for q, ws in d["qualifiers_after"].items() for w in ws}
    units = dict(d["unit_words"])
    money = {w.lower(): m for m, ws in d["money_cues"].items() for w in ws}
    cap = r"@?[A-Z][\w'’&.-]*"  # a name below opens with a look-ahead (?=[@A-Z]): the engine then skips to capitals
    return SimpleNamespace(
        qual_before=regex.compile(rf"\b(?P<q>{_phrases(qb)})\s?$", _I | _R),
        qual_after=regex.compile(rf"^\s(?P<q>{_phrases(qa)})\b", _I),
        qual_before_tails=tuple({w.rsplit(" ", 1)[-1] for w in qb}),  # last words: a cheap test first
        qual_after_first=frozenset(w[0] for w in qa),
        qual_of={**qb, **qa},
        skip_left=regex.compile("|".join(f"(?:{p})" for p in d["skip_left"]), _I | _R),
        skip_left_plain=tuple(f" {w} " for w in d["skip_left_plain"]),
        skip_left_ends=tuple(d["skip_left_ends"]),
        skip_right=regex.compile("|".join(f"(?:{p})" for p in d["skip_right"]), _I),
        skip_right_words=frozenset(d["skip_right_words"]),
        skip_right_chars=d["skip_right_chars"],
        per_unit_words=frozenset(d["per_unit_words"]),
        attached_place_words=frozenset(d["attached_place_words"]),
        name_before_ok=frozenset(w.lower() for w in d["name_before_ok"]),
        skip_nouns=frozenset(d["skip_nouns"]),
        person_nouns=frozenset(d["person_nouns"]),
        population=regex.compile(rf"\b(?:{_phrases(d['population_cues'])})\b", _I),
        population_clause=regex.compile(d["population_clause"], _I | _R),
        unit_after=regex.compile(rf"\s?(?P<u>{_phrases(units)})(?![\w²])"),
        unit_of={_key(k): v for k, v in units.items()},
        # the opening letters of each unit word, lower case (its first word: a cheap test first)
        unit_openings=frozenset(_letters(k.lower()) for k in units),
        population_keys=tuple({w.split()[0].lower() for w in d["population_cues"]}),
        annual_keys=tuple(d["annual_keys"]),
        clause_break_keys=tuple(d["clause_break_keys"]),
        unit_heads={k.lower(): v for k, v in units.items()
                    if " " not in k and v[0] not in ("AS_WRITTEN", "times") and _plural(k)},
        money_cue=regex.compile(rf"\b(?:{_phrase_tree(money)})(?![^\W\d])", _I),  # (a figure may be glued on)
        money_of=money,
        money_default=d["money_default"],
        money_local=d["money_local"],
        growth_right=regex.compile(d["growth_right"], _I),
        growth_left=regex.compile(d["growth_left"], _I | _R),
        share_left=regex.compile(d["share_left"], _I | _R),
        decline=frozenset(d["decline_words"]),
        volume_left=regex.compile(d["volume_left"], _I | _R),
        vehicle=regex.compile(d["vehicle_context"], _I),
        annual=regex.compile(d["annual_cues"], _I),
        item_stop=frozenset(d["item_stop"]),
        name=regex.compile(rf"(?=[@A-Z]){cap}(?:(?:[ \u00a0]|-)(?:(?:and|of|de|for|&)[ \u00a0])?{cap})*"),
        name_stop=frozenset(d["name_stop"]) | frozenset(d["months"]),
        partner_words=frozenset(d["partner_words"]),
        partner_gap_words=frozenset(d["partner_gap_words"]),
        partner_gap_stop=frozenset(d["partner_gap_stop"]),
        partner_firsts=frozenset(w.split()[0] for w in d["partner_words"] + d["partner_gap_words"]),
        name_prep_before=regex.compile(
            rf"\b(?:{_phrases(d['name_preps'])})\s+(?:the\s+)?(?:(?!which\b|that\b|whom\b)[a-z]+\s+){{0,2}}$", _I | _R),
        prep_words=frozenset(d["name_preps"]),
        name_list_before=regex.compile(d["name_list_before"], _I | _R),
        person_role_after=regex.compile(d["person_role_after"], _I),
        participle_next=regex.compile(d["participle_next"]),
        intro_clause=regex.compile(rf"(?:{_phrases(d['intro_phrases'])})\b[^,;.]{{0,160}},\s"),
        intro_first=frozenset(w.split()[0] for w in d["intro_phrases"]),
        acronym=regex.compile(r"[A-Z]{2,5}s?"),
        acronym_open=frozenset(d["acronym_open_words"]),
        common_endings=tuple(d["common_word_endings"]),
        anaphora=regex.compile(d["anaphora"], _I),
        respective=regex.compile(r"\brespectively\b"),
        list_sep=regex.compile(r",?\s(?:(?P<conj>and|or)\s)?"),
        list_join=regex.compile(r"^(?:\s*,)?(?:\s+(?:and|or))?\s*$"),
        name_split=regex.compile(r",\s|\s(?:and|&)\s"),
        # words one after another, with only spaces and quotes between: the words are captures of w
        words=regex.compile(r"(?:[ \u00a0\"'“”‘’]*(?P<w>[A-Za-z][\w'’-]*))*"),
        month_before=regex.compile(rf"\b(?:{_phrases(d['months'])})\.?,?\s(?:\d{{1,2}}\s?(?:to|-|–|and)\s?)?$", _I | _R),
        month_after=regex.compile(rf"\s?(?:{_phrases(d['months'])})\b", _I),
        **{k: regex.compile(v, _R if k in d["patterns_from_the_end"] else 0) for k, v in d["patterns"].items()},
    )


def _s(p: regex.Pattern, text: str, *a):
    return p.search(text, *a, timeout=lexicon.TIMEOUT)


def _m(p: regex.Pattern, text: str, *a):
    r"""A match at the start, or with a REVERSE pattern at the end. For a pattern anchored there (^ or $) it
    finds what `_s` finds without trying every other position, as long as `$` cannot stop before a final
    newline: the windows passed hold none, or the pattern ends in a \s+ that takes it."""
    return p.match(text, *a, timeout=lexicon.TIMEOUT)


@dataclass(slots=True)
class _Cand:
    num: Number
    value: float
    unit: str
    metric: str
    qualifier: str
    start: int
    end: int
    item: str | None
    sent: tuple[int, int]
    rule: str
    bare: bool = False  # a scaled figure with no unit: kept only if no other fact has its value


def _plural(w: str) -> bool:
    w = w.lower()
    return len(w) > 2 and w.endswith("s") and not w.endswith(("ss", "us", "is"))


def _item_words(body: str, pos: int, hi: int, L) -> list[str]:
    """The noun phrase right after a figure, up to its head noun or the first function word."""
    out = []
    for w in L.words.match(body, pos, min(hi, pos + 70), timeout=lexicon.TIMEOUT).captures("w"):
        if w.lower() in L.item_stop or len(out) >= 6:
            break
        out.append(w)
    plural = [i for i, w in enumerate(out) if _plural(w) or w.lower() in L.person_nouns]
    for i in plural:  # the head noun: a plural not followed by another one ("sales stores")
        if i + 1 not in plural:
            return out[:i + 1]
    return out


def _has_any(text: str, keys: tuple) -> bool:
    """Whether text holds one of the lowercase keys, in any case: a cheap test before a pattern that needs one."""
    low = text.lower()
    return any(k in low for k in keys)


def _after_partner_word(head: str, L) -> bool:
    """Whether head (the text before a name) ends in a partner word, then "the" and a quote: "signed with (the)",
    "such as", "said"; or in a gap partner word and up to three lowercase words: "exports to other"."""
    if not head or not (head[-1].isspace() or head[-1] in "\"“"):
        return False
    low = head.lower().split()[-7:]  # (lower-casing keeps the words apart: the same words as `toks`)
    if L.partner_firsts.isdisjoint(low):
        return False  # every test below needs one of these words
    toks = head.split()[-7:]
    if toks and toks[-1] in ("\"", "“"):
        toks.pop()
        low.pop()
    if toks and low[-1] == "the":
        toks.pop()
        low.pop()
    if low and (low[-1] in L.partner_words or " ".join(low[-2:]) in L.partner_words):
        return True
    for g in range(1, min(3, len(toks) - 1) + 1):
        t = toks[-g]
        if not (t.isalpha() and t.islower() and t not in L.partner_gap_stop):
            return False
        if low[-g - 1] in L.partner_gap_words or " ".join(low[-g - 2:-g]) in L.partner_gap_words:
            return True
    return False


def _participle(body: str, s: int, word: str, L) -> bool:
    """Whether the capitalised word at s is a participle opening its sentence: "Driven by", "Spanning a"."""
    e = s + len(word)
    return word.endswith(("ing", "ed", "en")) and bool(_m(L.participle_next, body, e, e + 8))


def _common_opener(body: str, s: int, word: str, L) -> bool:
    """Whether a word capitalised only here, opening its sentence before a lowercase word, reads as a common
    word by its ending: "Devastating floods", "Authorities said", "Covering some"."""
    e = s + len(word)
    return word.lower().endswith(L.common_endings) and body[e:e + 1] == " " and body[e + 1:e + 2].islower() and \
        body.count(word) == 1


def _acronym_in_noun_phrase(body: str, s: int, e: int, text: str, L) -> bool:
    """Whether the acronym body[s:e] sits inside a common noun phrase: "color TV sets", "new NEV sales"."""
    return bool(L.acronym.fullmatch(text, timeout=lexicon.TIMEOUT)) and body[e:e + 1] == " " and \
        body[e + 1:e + 2].islower() and body[s - 1:s] == " " and body[s - 2:s - 1].islower() and \
        body[max(0, s - 16):s - 1].rsplit(None, 1)[-1] not in L.acronym_open


def _may_end(text: str, keys: tuple) -> bool:
    """Whether text may end with one of the lowercase keys, then at most one more character: a cheap test before a
    pattern anchored at the end that needs one. Exact on ASCII text (other text may, always)."""
    low = text.lower()
    return not text.isascii() or low.endswith(keys) or low[:-1].endswith(keys)


def _letters(low: str) -> str:
    """The ASCII lower-case letters low opens with."""
    return low[:len(low) - len(low.lstrip(string.ascii_lowercase))]


def _opening(text: str) -> tuple[str, str] | None:
    """The lower-case word text opens with after at most one whitespace (the letters up to the first non-letter;
    "" if none) and the character there; None for non-ASCII text (a cheap test runs on ASCII only)."""
    head = text[:16]
    if not head.isascii():
        return None
    low = head.lower()
    rest = low[1:] if low[:1].isspace() else low
    return _letters(rest), rest[:1]


def _may_skip_right(right: str, L) -> bool:
    """Whether skip_right may match `right`: its opening word or character is one of its openers."""
    op = _opening(right)
    if op is None:
        return True
    word, ch = op
    if not word:
        return ch in L.skip_right_chars or ch.isspace()
    return word in L.skip_right_words or (word[0] == "o" and word[2:7] == "clock")  # o.clock


def _may_attach_place(text: str, L) -> bool:
    """Whether attached_place may match text: spaces, then one of its words (exact on ASCII text)."""
    head = text[:24]
    if not head.isascii():
        return True
    rest = head.lstrip().lower()
    word = _letters(rest)
    return head[:1].isspace() and (word == rest or word in L.attached_place_words)


def _sentence_start(body: str, i: int) -> bool:
    head = body[max(0, i - 4):i].rstrip(" \u00a0")
    return not head or head[-1] in ".!?:\n“\""


def _date_index(dates: list[DateMention]) -> tuple[list[int], list[int]]:
    """Date starts in order, and the furthest end reached by the dates up to each: for `_in_date`."""
    spans = sorted((d.start, d.end) for d in dates)
    reach = list(itertools.accumulate((e for _, e in spans), max))
    return [s for s, _ in spans], reach


def _in_date(index: tuple[list[int], list[int]], lo: int, hi: int) -> bool:
    """Whether [lo, hi) overlaps a date mention."""
    starts, reach = index
    k = bisect.bisect_left(starts, hi)
    return k > 0 and reach[k - 1] > lo


def _is_skipped(body: str, n: Number, left: str, right: str, line_lo: int, date_index, L) -> bool:
    if not (n.currency or n.scaled) and _in_date(date_index, n.num_start, n.num_end):
        return True
    if n.words and n.percent and (_m(L.period_before, left) or not _m(L.fraction_of, right) or _m(L.ratio_of, right)):
        return True  # "the first three quarters": a period, not a fraction; "a third of the time": a comparison
    raw = body[n.num_start:n.num_end]
    plain = not (n.words or n.percent or n.currency or n.scaled)
    if plain and "," not in raw and "." not in raw and 1900 <= n.value <= 2100:
        return True  # a year
    before = body[n.start - 1:n.start] if n.start else ""
    if (before.isalpha() and not ((n.currency or n.percent or n.scaled) and _s(L.glued_word, left))) or \
            (before and before in "-–/." and n.start > 1 and body[n.start - 2].isalpha()):
        return True  # glued to a word: model names (M9, G8.5), COVID-19, p.3 (but not a scraper's "exported176 bn")
    if plain and (len(raw) > 1 and raw[0] == "0"
                  or (n.value < 32 and any(map(str.isupper, left[-14:])) and _m(L.month_before, left))
                  or (right[1:2].isupper() and _m(L.month_after, right))
                  or ((body[n.num_start - 1:n.num_start] + body[n.num_end:n.num_end + 1]).strip("-/.") !=
                      body[n.num_start - 1:n.num_start] + body[n.num_end:n.num_end + 1] and
                      any(m.start() <= n.num_start and n.num_end <= m.end() for m in
                          L.date_part.finditer(body, max(0, n.start - 11), n.end + 11, timeout=lexicon.TIMEOUT)))):
        return True  # a piece of a date the date reader missed: 2013-01-31, July 2, 1 March
    if before and before in "-–/." and n.start > 1 and body[n.start - 2].isdigit() and \
            (before in "/." or (plain and len(raw) >= 5)):
        return True  # a phone number, a code or a date: 23-67230470, 04/18, 2022.07
    after = body[n.end:n.end + 1]
    if after.isalpha() and after.isupper() and not _m(L.unit_after, body, n.end, n.end + 8):
        return True  # 5G, 3D
    if after == "s" and not body[n.end + 1:n.end + 2].isalpha():
        return True  # decades and ages: the 1990s, in their 20s
    if (_may_end(left[-12:], L.skip_left_ends) and _m(L.skip_left, left)) or \
            (_may_skip_right(right, L) and _m(L.skip_right, right)) or \
            (plain and left[-12:].lower().endswith(L.skip_left_plain)):
        return True
    if plain and (left[-1:], right[:1]) in (("[", "]"), ("(", ")")):
        return True  # a note or counter alone in brackets: "[12]", "Comments (3)"
    if n.start == line_lo and body[n.end:n.end + 1] in (".", ")") and body[n.end + 1:n.end + 2].isspace():
        return True  # a list item number
    if "=" in body[n.end:n.end + 40] and any(b.start() <= n.start and n.end <= b.end() for b in
                                             L.bracket_eq.finditer(body, max(0, n.start - 40), n.end + 40,
                                                                   timeout=lexicon.TIMEOUT)):
        return True  # an exchange-rate note "(US$1 = 6.36 yuan)"
    if plain and left[-2:-1].isalpha() and left[-1:] == " ":
        word = left[:-1].rsplit(None, 1)[-1]
        if word[:1].isupper() and word.lower() not in L.name_before_ok and \
                not _sentence_start(body, n.start - 1 - len(word)):
            return True  # part of a name: Fortune Global 500, Line 3
    if n.words and not (n.scaled or n.percent or n.currency):
        if n.value == 1:
            return True  # "one of", "one-day"
        if body[n.num_start].isupper() and (not _sentence_start(body, n.num_start) or
                                           (right[:1] == " " and right[1:2].isupper() and right[2:3].islower())):
            return True  # inside a name: "the Three Gorges"
        if _m(L.reference_before, left) and not left.lower().endswith("of the "):
            return True  # a reference: "the two parties" (but "one of the six bases" counts)
    if plain and "." not in raw and n.value < 130 and right.startswith(",") and left.endswith(", ") and \
            _m(L.age, left):
        return True  # an age: "Li, 56, said"
    return False


def _qualifier(left: str, right: str, L) -> tuple[str, int]:
    """The qualifier and how many characters of `left` it takes."""
    tail = left[-30:]
    low = tail.lower()  # on ASCII text the cheap test below is exact: the phrase ends the window, or one space before
    m = _m(L.qual_before, tail) if not tail.isascii() or low.endswith(L.qual_before_tails) or \
        low[:-1].endswith(L.qual_before_tails) else None
    if m and m["q"].lower().startswith("up") and _m(L.summed_up, left[:len(left) - min(len(left), 30) + m.start()]):
        return "exact", 0  # "summed up to": a total, not a ceiling
    if m:
        return L.qual_of[_key(m["q"].lower())], min(len(left), 30) - m.start()
    m = _m(L.qual_after, right) if right[:1] == " " and right[1:2].lower() in L.qual_after_first else None
    if m:
        return L.qual_of[_key(m["q"].lower())], 0
    return "exact", 0


def _money_metric(body: str, n: Number, sent: tuple[int, int], L, cues: dict) -> str:
    if sent not in cues:  # one pass per sentence: (start, end, text) of its cues
        cues[sent] = [(m.start(), m.end(), m[0]) for m in L.money_cue.finditer(body, *sent, timeout=lexicon.TIMEOUT)]
    best, dist = None, 10 ** 9
    for s, e, text in cues[sent]:
        d = n.start - e if e <= n.start else (s - n.end) * 2  # cues after weigh less
        if 0 <= d < dist:
            best, dist = L.money_of[_key(text.lower())], d
    return best or L.money_default


def _last(p: regex.Pattern, body: str, lo: int, hi: int):
    """The last match in body[lo:hi] of a pattern compiled with REVERSE."""
    return p.search(body, lo, hi, timeout=lexicon.TIMEOUT)


def _percent_metric(body: str, n: Number, lo: int, right: str, L) -> tuple[str, int]:
    """(metric, sign) of a percent figure from its nearest cue."""
    m = _m(L.growth_right, right)
    if m:
        if m["w"].lower() in L.decline:
            return "growth_rate", -1
        g = _last(L.growth_left, body, max(lo, n.start - 40), n.start)
        return "growth_rate", -1 if g and g["w"].lower() in L.decline else 1
    # level_to and level_from end in "to" or "from", then one space: a cheap test first
    if body[n.start - 1:n.start].isspace() and body[n.start - 3:n.start - 1].lower() in ("to", "om") and \
            (_m(L.level_to, body, max(lo, n.start - 25), n.start) or _m(L.level_from, body, max(lo, n.start - 40), n.start)):
        return "percentage", 1
    if right.lstrip().lower().startswith("of "):
        g = _last(L.growth_left, body, max(lo, n.start - 25), n.start)
        if not (g and g["w"].lower() in ("increase", "growth", "decrease", "rise", "drop", "decline", "gain")):
            return "percentage", 1
    g = _last(L.growth_left, body, lo, n.start)
    s = _last(L.share_left, body, lo, n.start)
    if g and g["w"].lower() == "up" and body[g.end():n.start].strip().lower() == "to":
        g = None
    if g and (not s or g.end() > s.end()):
        return "growth_rate", -1 if g["w"].lower() in L.decline else 1
    return "percentage", 1


def _classify(body: str, n: Number, left: str, right: str, sent, L, prev: _Cand | None, cues: dict):
    """(metric, unit, value, item, bare) or None when the figure is no fact."""
    lo, hi = sent
    value = n.value
    if n.percent:
        join = body[prev.num.end:n.start].strip(" ,") if prev and prev.unit == "percent" and prev.sent == sent else None
        if join in ("", "and", "or") or (join == "to" and not right.startswith(" of ")):  # "up 5% to 30% of": a share
            return prev.metric, "percent", (-1 if prev.value < 0 else 1) * abs(value), None, False  # a list of rates
        floor = max(lo, n.start - _WIN, prev.num.end if prev and prev.sent == sent else lo)
        metric, sign = _percent_metric(body, n, floor, right, L)
        if body[n.start - 1:n.start] in ("-", "−") and not body[n.start - 2:n.start - 1].isalnum():
            metric, sign = "growth_rate", -1  # "-3.2%"
        return metric, "percent", sign * abs(value), None, False
    if n.currency:
        op = _opening(right)
        if (op is None or op[0] in L.per_unit_words) and _m(L.per_unit, right) or \
                (prev and prev.sent == sent and prev.metric == "other_quantity" and
                                     prev.unit == n.currency and left.endswith(" to ")):
            return "other_quantity", n.currency, value, None, False  # a unit price: "$2,000 per unit (in 2002) to $600"
        return _money_metric(body, n, sent, L, cues), n.currency, value, None, False
    op = _opening(right)
    um = _m(L.unit_after, right) if op is None or op[0] in L.unit_openings else None
    if um:
        unit, metric = L.unit_of[_key(um["u"])]
        if unit == "times" and not (_last(L.growth_left, body, max(lo, n.start - 30), n.start) or _m(L.times_growth, right)):
            return None  # "visited 5 times": a frequency, not a growth multiple
        return metric, um["u"] if unit == "AS_WRITTEN" else unit, value, um["u"], False
    if n.decimal and not n.scaled:
        return None  # a bare decimal: a rate, a ratio or a spec
    words = _item_words(body, n.end, hi, L)
    low = [w.lower() for w in words]
    if low and low[-1] in L.skip_nouns:
        return None
    counted = bool(low) and _plural(low[-1]) and low[-1] not in L.person_nouns  # "home to 1,000 firms"
    if (not counted and _has_any(left[-30:], L.population_keys) and _s(L.population, left[-30:])) or \
            (not words and _m(L.population_clause, left)) or \
            (low and low[0] in ("residents", "inhabitants") and _s(L.population, body, lo, hi)):
        return "population", "persons", value, "population", False
    if low and low[-1] in L.unit_heads:  # "100,000 electric cars"
        unit, metric = L.unit_heads[low[-1]]
        return metric, unit, value, " ".join(words), False
    if any(w in L.person_nouns for w in low):
        return "count", "persons", value, " ".join(words), False
    if words and _plural(low[-1]):
        return "count", "items", value, " ".join(words), False
    if n.scaled and _m(L.volume_left, left):
        unit = "vehicles" if _s(L.vehicle, body, lo, hi) else "units"
        return "output_volume", unit, value, unit, False
    if n.words:
        if prev and prev.sent == sent and prev.metric == "count":
            return "count", prev.unit, value, prev.item, False  # ellipsis: "140 firms, with two just settled"
        return None
    if n.scaled:
        return "count", "items", value, None, True
    if value < 2:
        return None  # "1.5 to 1": a lone one is no count
    return "count", "items", value, " ".join(words) or None, False


# -- subjects -------------------------------------------------------------


@dataclass(slots=True)
class _Subjects:
    """Names of the body (one pattern pass, each read when first asked for) and the subject of each fact."""

    body: str
    L: SimpleNamespace
    until: int = 0  # the end of the last figure's sentence (0: the whole body)
    since: int = 0  # the start of the first figure's sentence
    last: str | None = None
    raw: list = field(default_factory=list)  # name-pattern matches: (start, text)
    starts: list = field(default_factory=list)
    read: dict = field(default_factory=dict)  # index in raw -> (start, end, name, after a preposition) or None
    partners: set = field(default_factory=set)  # indexes in raw of names read as partners ("trade with X, Y and Z")
    home: str | None = None  # the page's most named name, read when "our" first asks for it
    common: frozenset | None = None  # acronyms of common nouns: "intelligent connected vehicles (ICV)"
    low: str | None = None  # the body lower-cased, made when first needed
    lower_seen: dict = field(default_factory=dict)  # word -> whether the body has it in lower case
    anaphora: list = field(default_factory=list)  # anaphora-pattern matches: (start, text)
    anaphora_ends: list = field(default_factory=list)

    def __post_init__(self):
        # names past the last figure's sentence are never read: stop a little after it
        end = min(len(self.body), self.until + 200) if self.until else len(self.body)
        self.raw = [(m.start(), m[0]) for m in self.L.name.finditer(self.body, 0, end, timeout=lexicon.TIMEOUT)]
        self.starts = [r[0] for r in self.raw]
        found = list(self.L.anaphora.finditer(self.body, self.since, end, timeout=lexicon.TIMEOUT))
        self.anaphora = [(m.start(), m[0]) for m in found]
        self.anaphora_ends = [m.end() for m in found]

    def _anaphor(self, lo: int, hi: int) -> tuple[int, str] | None:
        """The last pronoun or definite phrase in body[lo:hi]: (start, text).

        Its matches never overlap, so the last one of the page's pass (from `since`: lo is never before it)
        that fits is it; but a word cut at hi (a figure glued to a word) can end a match only in body[lo:hi],
        so that case is read again.
        """
        body = self.body
        if body[hi - 1:hi].isalpha() and not body[hi:hi + 1].isspace():
            found = list(self.L.anaphora.finditer(body, lo, hi, timeout=lexicon.TIMEOUT))
            return (found[-1].start(), found[-1][0]) if found else None
        k = bisect.bisect_right(self.anaphora_ends, hi) - 1
        return self.anaphora[k] if k >= 0 and self.anaphora[k][0] >= lo else None

    def _read(self, k: int):
        body, L = self.body, self.L
        if self.common is None:
            self.common = frozenset(m[1] for m in L.common_acronym.finditer(body, timeout=lexicon.TIMEOUT))
        s, raw = self.raw[k]
        parts = raw.split(" ")
        while parts and (parts[0].rstrip("’'s") in L.name_stop or (_sentence_start(body, s) and (
                self._in_lower_case(parts[0]) or (len(parts) == 1 and (
                    _participle(body, s, parts[0], L) or _common_opener(body, s, parts[0], L)))))):
            s += len(parts[0]) + 1  # a capitalised common word opening the sentence
            parts = parts[1:]
            while parts and parts[0] in ("and", "of", "de", "for", "&"):
                s += len(parts[0]) + 1
                parts = parts[1:]
        while parts and parts[-1].rstrip(".") in L.name_stop:
            parts = parts[:-1]
        text = " ".join(parts)
        text = text[:-2] if text.endswith(("'s", "’s")) else text.rstrip("'’.&-")
        for poss in ("'s ", "’s "):  # "China's Chongqing Municipality": the head after the possessive
            if poss in text:
                cut = text.rindex(poss) + len(poss)
                if L.acronym.fullmatch(text[cut:], timeout=lexicon.TIMEOUT) and body[s + len(text) + 1:][:1].islower():
                    text = text[:cut - len(poss)]  # "Acme's SUV model": the owner, before a common acronym
                else:
                    s, text = s + cut, text[cut:]
        e = s + len(text)
        if len(text) < 2 or text.isdigit() or not text.strip(" -.") or text in L.unit_of or \
                text.replace("-", " ").replace(".", " ").split()[0] in L.name_stop or \
                (self.common and all(p in self.common for p in text.replace(" & ", " and ").split(" and "))) or \
                (("$" in body[e:e + 4] or "ollar" in body[e:e + 10]) and _m(L.before_dollars, body, e, e + 9)):
            return None
        if len(text) <= 6 and text[:2].isupper() and _acronym_in_noun_phrase(body, s, e, text, L):
            return None
        if len(text) >= 4 and text.isupper() and body[e:e + 1] == "," and _sentence_start(body, s):
            return None  # a dateline's place: "BEIJING, March 9"
        if body[e:e + 1] == "," and _m(L.person_role_after, body, e, e + 50):
            return None  # a person: "Li Ming, deputy director of the bureau"
        head = body[max(0, s - 40):s]
        if _after_partner_word(head, L) or (k and head.rstrip().endswith((",", " and", " or", " the")) and
                                            self._partner(k - 1, s) and _m(L.name_list_before, head)):
            self.partners.add(k)
            return None  # a partner or an example: "signed with X", "such as X", "with X, Y and Z"
        head = head[-30:]  # a preposition is among its last words: a cheap test first
        return s, e, text, bool(L.prep_words.intersection(head.lower().split()[-4:]) and _m(L.name_prep_before, head))

    def _in_lower_case(self, word: str) -> bool:
        """Whether the body also has the word in lower case, between spaces: a common word capitalised."""
        if word not in self.lower_seen:
            self.lower_seen[word] = f" {word.lower()} " in self.body
        return self.lower_seen[word]

    def _partner(self, k: int, before: int) -> bool:
        """Whether raw name k, ending a short list step before `before`, was read as a partner."""
        s, raw = self.raw[k]
        end = s + len(raw)
        if before - end > 30:
            return False
        if k not in self.read:
            self.read[k] = self._read(k)
        return k in self.partners and not any(c in self.body[end:before] for c in ".;:!?\n")

    def home_name(self) -> str | None:
        """The name the page uses most: who "our" speaks for."""
        if self.home is None:
            self.home = ""
            first: dict = {}  # name as written -> index of its first use
            counts: Counter = Counter()
            for k, (_, raw) in enumerate(self.raw):
                raw = raw.removesuffix("'s").removesuffix("’s")
                first.setdefault(raw, k)
                counts[raw] += 1
            for raw, _ in counts.most_common():  # the most used that reads as a name
                k = first[raw]
                if k not in self.read:
                    self.read[k] = self._read(k)
                if self.read[k] is not None:
                    self.home = self.read[k][2]
                    break
        return self.home or None

    def names(self, lo: int, hi: int) -> list[tuple[int, int, str, bool]]:
        """(start, end, name, after a preposition) of the names inside [lo, hi)."""
        out = []
        for k in range(bisect.bisect_left(self.starts, lo), bisect.bisect_left(self.starts, hi)):
            if k not in self.read:
                self.read[k] = self._read(k)
            n = self.read[k]
            if n is not None and n[1] <= hi:
                out.append(n)
        return out

    def resolve(self, phrase: str, before: int) -> str | None:
        """The name a pronoun or a definite phrase ("the zone") refers back to."""
        body, L = self.body, self.L
        noun = phrase.split()[-1].lower()
        if phrase.split()[0].lower() == "our":
            return self.home_name() or self.last
        if noun in ("it", "they"):
            cands = self.names(max(0, before - 400), before)
            cands = [c for c in cands if not c[3]] or cands
            return cands[-1][2] if cands else self.last
        lo = max(0, before - 2000)  # a definite phrase looks back a few paragraphs
        if self.low is None:
            self.low = body.lower()
        low, base_at = (self.low, lo) if len(self.low) == len(body) else (body[lo:before].lower(), 0)
        at = before - lo + base_at
        while (at := low.rfind(noun, base_at, at)) >= 0:
            pos = lo + at - base_at
            # (the title's closing quote and one space end the window: a cheap test first)
            q = _s(L.quoted_title, body[max(0, pos - 200):pos]) \
                if body[pos - 2:pos - 1] in ('"', "”") and body[pos - 1:pos].isspace() else None
            if q:  # a quoted title: '"Expo X: the subtitle" event'
                base = max(0, pos - 200)
                inner = self.names(base + q.start(1), base + q.end(1))
                if inner:
                    return inner[0][2]
            ns = self.names(max(0, pos - 200), pos + len(noun))
            if ns and ns[-1][1] > pos:
                return ns[-1][2]  # the noun ends the name: "Bonded Zone"
            if ns and _m(L.name_gap, body[ns[-1][1]:pos]):
                return ns[-1][2]  # 'Chengdu-Chongqing "twin city" region'
        return self.last

    def _aside(self, lo: int, i: int) -> bool:
        """Whether position i sits inside a dash or bracket aside of its sentence."""
        d = _m(self.L.dateline, self.body, lo, i) if self.body[lo:lo + 3].isupper() else None
        head = self.body[d.end() if d else lo:i]  # "BEIJING, Mar. 9 — (Reuters) China ...": a dateline, no aside
        dashes = len(self.L.aside_dash.findall(head, timeout=lexicon.TIMEOUT)) \
            if "-" in head or "–" in head or "—" in head else 0  # aside_dash needs one of these
        return dashes % 2 == 1 or head.count("(") > head.count(")")

    def find(self, cand: _Cand, prev: _Cand | None, prev_subject: str | None) -> str | None:
        body, L = self.body, self.L
        lo, hi = cand.sent
        if cand.metric in ("count", "population", "output_volume") and cand.item:
            head = cand.item.split()[-1]
            at = body.find(head, cand.num.end, min(hi, cand.num.end + 120))
            if at >= 0:  # "45 firms in Wuhan"
                tail = at + len(head)
                m = _m(L.attached_place, body, tail, min(hi, tail + 60)) if _may_attach_place(body[tail:hi], L) else None
                if m:
                    ns = self.names(m.end(), min(hi, m.end() + 80))
                    if ns and ns[0][0] == m.end():
                        return ns[0][2]
        floor = prev.end if prev is not None and prev.sent == cand.sent else lo
        seg = body[floor:cand.start]
        brk = _last(L.clause_break, body, floor, cand.start) if any(k in seg for k in L.clause_break_keys) else None
        floor = brk.end() if brk else floor
        if floor == lo and body[lo:lo + 12].split(" ", 1)[0] in L.intro_first:
            if intro := _m(L.intro_clause, body, lo, cand.start):
                floor = intro.end()  # "With X's new plant, exports rose 5%": X is a cause
            elif (k := body.find(", ", cand.end, min(hi, cand.end + _WIN))) >= 0 and ". " not in body[cand.end:k]:
                ns = self.names(k + 2, min(hi, k + 62))
                if ns and ns[0][0] == k + 2:
                    return ns[0][2]  # "With an output of 3.2 million units, X topped ...": the main clause's subject
        near = self.names(floor, cand.start)
        plain = [c for c in near if not c[3] and not self._aside(lo, c[0])]
        ana = self._anaphor(floor, cand.start)
        if ana and self._aside(lo, ana[0]):
            ana = None  # "X - the operator of ... - signed"
        if plain and not (ana and ana[0] > plain[-1][1]):
            return plain[-1][2]
        if prev is not None and prev.sent == cand.sent and prev_subject:
            return prev_subject
        if ana and (found := self.resolve(ana[1], ana[0])):
            return found
        if plain:
            return plain[-1][2]
        if near:
            if len(near) > 1 and _m(L.part_of, body, near[-2][1], near[-1][0]):
                return near[-2][2]  # "from the Wanzhou area of Chongqing": the part named
            return near[-1][2]
        heading = hi - lo < 150 and not _s(L.heading_end, body, lo, hi)
        para = body.rfind("\n", 0, lo) + 1
        if not heading and (prev is None or prev.start < para):
            # the paragraph's first figure: its topic is named in a sentence before ("X is a hub. There are 41 ...")
            topic = [n for n in self.names(max(para, lo - _TOPIC_BACK), lo) if not n[3]]
            if topic:
                return topic[0][2]
        if heading or not self.last:
            # not a name that is the figure's own item ("two Railway Expresses"); an owner in it counts ("200 Acme stores")
            after = [n for n in self.names(cand.num.end, hi) if not n[0] < cand.end <= n[1]]
            if after:
                return after[0][2]  # a sub-head names its subject after the figure
        return self.last or self.home_name()

    def respective(self, cands: list[_Cand]) -> dict[int, str]:
        """Subjects of figure lists closed by "respectively": "A and B grew 5% and 7%, respectively" -> A, B."""
        body, L = self.body, self.L
        out: dict[int, str] = {}
        i = 0
        while i < len(cands):
            c = cands[i]
            j = i + 1
            while j < len(cands) and cands[j].sent == c.sent and \
                    (cands[j].unit == "percent") == (c.unit == "percent") and \
                    _m(L.list_join, body[cands[j - 1].num.end:cands[j].start]):
                j += 1
            lo, hi = c.sent
            if j - i >= 2 and _s(L.respective, body, cands[j - 1].num.end, hi):
                names = self._list_before(lo, c.start, j - i)
                if names:
                    out.update({id(cands[i + k]): names[k] for k in range(j - i)})
            i = j
        return out

    def _list_before(self, lo: int, hi: int, size: int) -> list[str] | None:
        """The last list of `size` names in body[lo:hi] ("A, B and C", one name run or several)."""
        runs: list[list[str]] = []
        end = -1
        for k in range(bisect.bisect_left(self.starts, lo), bisect.bisect_left(self.starts, hi)):
            s, raw = self.raw[k]
            parts = [p.removesuffix("'s").removesuffix("’s") for p in self.L.name_split.split(raw)]
            if any(len(p) < 2 or p.split(" ")[0] in self.L.name_stop for p in parts):
                end = -1
                continue
            if end >= 0 and self.body[end:s] in (", ", " and ", ", and ", " & "):
                runs[-1] += parts
            else:
                runs.append(parts)
            end = s + len(raw)
        return next((r for r in reversed(runs) if len(r) == size), None)


def _period(body: str, c: _Cand, dates: list[DateMention], L, seen: dict) -> tuple[str | None, dt.date | None]:
    if c.sent not in seen:  # one look per sentence: (its dates, whether it has an annual cue)
        lo, hi = c.sent
        inside = [d for d in dates if lo <= d.start and d.end <= hi]
        seen[c.sent] = inside, not inside and _has_any(body[lo:hi], L.annual_keys) and bool(_s(L.annual, body, lo, hi))
    inside, annual = seen[c.sent]
    if inside:
        pick = next((d for d in reversed(inside) if d.end <= c.start), inside[0])
        return pick.mention, pick.date_end
    if annual:
        return "annual", None
    return None, None


def _range_join(text: str) -> bool:
    """Whether text joins the two ends of a range: "30% to 40%", "2-3 billion"."""
    return len(text) <= 5 and text.strip() in ("to", "-", "–", "—", "and")


def _breaks_of(body: str) -> tuple[list[int], list[int]]:
    """The sentence breaks inside the body's lines: (starts, ends), for `_sentence`."""
    spans = sentences.line_ends(body)
    return [s for s, _ in spans], [e for _, e in spans]


def _sentence(body: str, n: Number, after: int, breaks: tuple[list[int], list[int]]) -> tuple[int, int]:
    """Sentence bounds, read from `after` (a known sentence end) or the line start to the line end.

    The same as `sentences.bounds(body[a:b], ...)` on that stretch, from the breaks of the body's lines
    found once (`_breaks_of`).
    """
    ls = body.rfind("\n", 0, n.start) + 1
    b = body.find("\n", n.end)
    b = len(body) if b < 0 else b
    starts, stops = breaks
    first, last = bisect.bisect_left(starts, ls), bisect.bisect_right(starts, b)  # the line's breaks
    a = max(ls, after)
    # a break opens the stretch only after its first character (its look-behind cannot see before it),
    # and counts before a figure only when its look-ahead fits before the figure
    lo = a
    k = bisect.bisect_right(stops, n.start, first, last) - 1
    while k >= first and starts[k] > a:
        e = stops[k]
        if e + (0 if e == starts[k] else 2 if body[e] in "\"'“(" else 1) <= n.start:
            lo = e
            break
        k -= 1
    k = bisect.bisect_left(starts, n.end, first, last)
    hi = starts[k] if k < last else b
    while lo < n.start and body[lo].isspace():
        lo += 1
    return lo, hi


def _reads_unit_of(body: str, n: Number, last: Number) -> Number:
    """n with the currency, percent sign and scale of the figure ending its range or list."""
    mult = 1.0
    digits = float(body[last.num_start:last.num_end].replace(",", "")) if last.scaled and not last.words else 0.0
    if digits and not n.scaled:
        mult = last.value / digits
    return Number(n.start, n.end, n.num_start, n.num_end, n.value * mult, n.currency or last.currency,
                  n.percent or last.percent, n.words, n.scaled or last.scaled, n.decimal)


def _list_tail(body: str, nums: list[Number], i: int, hi: int, L) -> Number | None:
    """The last figure of a list of bare figures that nums[i] opens ("A, B and C <unit>"), when it has a unit."""
    j, joined = i, False
    while j + 1 < len(nums) and nums[j + 1].start < hi and not (nums[j].percent or nums[j].currency or nums[j].scaled):
        m = nums[j + 1].start - nums[j].end <= 6 and \
            L.list_sep.fullmatch(body, nums[j].end, nums[j + 1].start, timeout=lexicon.TIMEOUT)
        if not m:
            break
        joined = joined or bool(m["conj"])
        j += 1
    if j == i or not joined:
        return None
    t = nums[j]
    return t if t.percent or t.currency or t.scaled or _m(L.unit_after, body, t.end, t.end + 24) else None


def extract(body: str, meta: Metadata, dates: list[DateMention]) -> list[Fact]:
    L = _lex()
    nums = numbers.find(body)
    if not nums:
        return []
    date_index = _date_index(dates)
    cands: list[_Cand] = []
    prev: _Cand | None = None
    sent = (0, -1)
    breaks = _breaks_of(body)
    cues: dict = {}
    skipped_money: Number | None = None  # the last money figure judged no fact
    for i, n in enumerate(nums):
        if not sent[0] <= n.start < sent[1]:
            sent = _sentence(body, n, max(sent[1], 0), breaks)
        lo, hi = sent
        line_lo = body.rfind("\n", 0, n.start) + 1  # not the sentence: "no. 156" reads as two sentences
        left, right = body[max(line_lo, n.start - _WIN):n.start], body[n.end:min(hi, n.end + _WIN)]
        if _is_skipped(body, n, left, right, line_lo, date_index, L) or \
                (n.currency and skipped_money and skipped_money.end <= n.start < skipped_money.end + 24 and
                 L.conversion_gap.fullmatch(body, skipped_money.end, n.start, timeout=lexicon.TIMEOUT)):
            if n.currency:
                skipped_money = n  # its bracketed conversion goes with it: "at least 20 million yuan (about $3m)"
            continue
        # a range "30% to 40%", "2-3 billion yuan": the bottom reads the top's unit and scale
        nxt = nums[i + 1] if i + 1 < len(nums) else None
        join = body[n.end:nxt.start] if nxt else ""
        low_left = left[-9:].lower()
        top_of_range = nxt is not None and _range_join(join) \
            and (nxt.percent or nxt.currency or nxt.scaled) and not (n.percent and not nxt.percent) \
            and (join.strip() != "and" or low_left.endswith("between ")) and not low_left.endswith("from ") \
            and not (n.percent and body[nxt.end:nxt.end + 4] == " of " and _m(L.change_then_share, left))
        bottom_of_range = prev is not None and prev.rule == "range_bottom_v1" and _range_join(body[prev.num.end:n.start])
        # a list "3,000, 2,000 and 1,000 cars", "up 8.5 and 9.2 percent": each reads the last one's unit and scale
        last = nxt if top_of_range else (_list_tail(body, nums, i, hi, L)
                                         if nxt is not None and not (n.percent or n.currency or n.scaled) else None)
        if last is not None:
            n = _reads_unit_of(body, n, last)
            right = body[last.end:min(hi, last.end + _WIN)]
        if n.scaled and not (n.currency or n.percent) and nxt is not None and nxt.currency and \
                nxt.start - n.end <= 8 and L.conversion_gap.fullmatch(body, n.end, nxt.start, timeout=lexicon.TIMEOUT):
            n = n._replace(currency=L.money_local)  # "8.4 billion ($1.01 billion)": the local currency, converted
        got = _classify(body, n, left, right, sent, L, prev, cues)
        if got is None:
            continue
        metric, unit, value, item, bare = got
        qual, qlen = _qualifier(left, right, L)
        if top_of_range and qual == "exact":
            qual = "over"
        if qual == "exact" and prev is not None and prev.rule == "list_member_v1" and prev.sent == sent and \
                L.list_sep.fullmatch(body, prev.num.end, n.start, timeout=lexicon.TIMEOUT):
            qual = prev.qualifier  # "nearly 2.2 and 10 times": the qualifier covers the list
        if bottom_of_range:
            qual = "up_to"
        end = n.end
        if item and not bare and metric != "percentage":
            k = body.find(item, n.end, n.end + 80)
            if k >= 0 and body[n.end:k].strip(" \u00a0") in ("", "of"):
                end = k + len(item)
        rule = "range_bottom_v1" if top_of_range else "list_member_v1" if last is not None else \
            f"{metric}_{'words' if n.words else 'digits'}_v1"
        prev = _Cand(n, value, unit, metric, qual, n.start - qlen, end, item, sent, rule, bare)
        cands.append(prev)
    return _finish(body, cands, dates, L)


def _finish(body: str, cands: list[_Cand], dates: list[DateMention], L) -> list[Fact]:
    if not cands:
        return []
    subj = _Subjects(body, L, max(c.sent[1] for c in cands), min(c.sent[0] for c in cands))
    seen: dict[tuple, set] = {}  # (metric, unit, value) -> periods it was said of
    values = {round(c.value, 6) for c in cands if not c.bare}
    out: list[Fact] = []
    prev: _Cand | None = None
    prev_subject: str | None = None
    periods: dict = {}
    respective = subj.respective(cands) if "respectively" in body else {}
    for c in cands:
        subject = respective.get(id(c)) or subj.find(c, prev, prev_subject)
        prev, prev_subject = c, subject
        subj.last = subject or subj.last
        key = (c.metric, c.unit, round(c.value, 6))
        if c.bare and round(c.value, 6) in values:
            continue
        period, as_of = _period(body, c, dates, L, periods)
        if key in seen and (period is None or period in seen[key] or None in seen[key] or
                            c.unit in ("percent", "items")):
            continue  # one row per figure in a document, unless an amount is said again of another period
        seen.setdefault(key, set()).add(period)
        out.append(Fact(c.metric, float(c.value), c.unit, c.qualifier, body[c.start:c.end], c.start, c.end,
                        body[c.sent[0]:c.sent[1]], c.rule, subject, c.item, period, as_of))
    return out
