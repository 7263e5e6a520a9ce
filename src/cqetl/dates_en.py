"""Date mentions in English text.

Candidates come from the patterns of `data/dates_en.yaml`, tried only where
a cheap trigger (a month, weekday, year or unit word) sits; overlapping ones
keep the longest. Outside inline datelines and header lines, each is then
normalised, in text order, by the handler of its rule's `kind` to a span of
days. Relative mentions resolve against the publication date, else against
the year the text states most often (comparison bases aside; a day in a
sentence releasing that year's results falls the year after); a month or
period without a year takes the year of an absolute date earlier in its
sentence; anaphoric ones ("the previous month", "the same period last year")
count from the latest date of the same paragraph ("the same period last year"
without one shifts the latest period of months the text gave); a comparison base
("compared with last year") is never that reference. Days relative to "today"
count from the inline dateline's day when a repost's publication date is later.
"""
from __future__ import annotations

import bisect
import datetime as dt
import itertools
import string
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import regex

from . import cal, lexicon, sentences
from .model import DateMention, Metadata

Span = tuple[dt.date, dt.date]


@dataclass(frozen=True)
class _Rule:
    id: str
    kind: str
    pattern: regex.Pattern
    order: int  # earlier rules win ties between equally long matches


@dataclass(frozen=True)
class _Lex:
    rules: tuple[_Rule, ...]
    by_trigger: dict[str, tuple[int, ...]]  # trigger class -> the rules (their `order`) it runs
    by_opener: dict[tuple[str, str], tuple[int, ...]]  # (trigger class, opener) -> the rules that may start there
    trigger: regex.Pattern  # years and Q1/H1 tokens
    trigger_class: dict[str, str]  # lower-case trigger word -> MON, WD, UNIT or DAYWORD
    trigger_roots: tuple[str, ...]  # the trigger words no shorter one begins
    unit_openers: frozenset[str]
    max_triggers: int
    prefix_words: frozenset[str]
    months: dict[str, int]
    abbreviations: frozenset[str]
    cues: frozenset[str]
    weekdays: dict[str, int]
    seasons: dict[str, int]  # season -> the month it starts in
    numbers: dict[str, int]
    ordinals: dict[str, int]
    relative: dict[str, int]
    anaphoric: frozenset[str]
    future_before: regex.Pattern
    dateline_prefix: regex.Pattern
    dateline_suffix_weak: regex.Pattern
    dateline_suffix_strong: regex.Pattern
    meta_line: regex.Pattern
    scraper_prefix: regex.Pattern
    label_before: regex.Pattern
    label_words: tuple[str, ...]
    date_only_rest: regex.Pattern
    not_time_letters: frozenset[str]  # ASCII letters no date-only line holds
    comparison_before: regex.Pattern
    comparison_words: tuple[str, ...]
    year_reviewed: regex.Pattern
    dispatch_days: int


@dataclass(frozen=True)
class _Anchor:
    """What relative mentions count from: a date and how much of it is known."""

    date: dt.date
    precision: str  # day, month, year
    from_text: bool = False


@dataclass(frozen=True)
class _Found:
    span: Span
    precision: str
    relative: bool
    comparison: bool = False  # a comparison base: never the reference of a later anaphor


def _alt(words, boundary: bool = True) -> str:
    """An alternation of literal words as a trie; word-like ones on word boundaries when `boundary`."""
    words = set(words)
    wordlike = {w for w in words if regex.fullmatch(r"\w(?:.*\w)?", w)} if boundary else set()
    parts = []
    if wordlike:
        parts.append(r"\b" + _trie(wordlike) + r"\b")
    if words - wordlike:
        parts.append(_trie(words - wordlike))
    return "(?:" + "|".join(parts) + ")"


def _trie(words) -> str:
    """One regex alternation for `words` shaped as a trie (shared prefixes factored out)."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [regex.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body
    return emit(root)


def _rename(src: str, k: int) -> str:
    """A pattern's named groups suffixed with `_k`, so that several patterns can share one regex."""
    return regex.sub(r"\(\?(<|P=|\()([A-Za-z]\w*)([>)])", lambda m: f"(?{m[1]}{m[2]}_{k}{m[3]}", src)


def _month_alt(full: list[str], abbr: list[str]) -> str:
    alts = []
    if full:
        alts.append(_alt(full + [s.upper() for s in full], boundary=False))
    if abbr:
        alts.append(_alt(abbr + [s.upper() for s in abbr], boundary=False) + r"\.?")
    return r"(?<![\w])(?:" + "|".join(alts) + r")(?![\w])"


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    data = lexicon.load("dates_en")
    months: dict[str, int] = {}
    for num, names in data["months"].items():
        for name in names:
            months[name.lower()] = int(num)
    all_names = [n for names in data["months"].values() for n in names]
    full = [names[0] for names in data["months"].values()]
    abbr = [n for names in data["months"].values() for n in names[1:]]
    qord = [k for k, v in data["ordinals"].items() if v in (1, 2, 3, 4, -1)]  # ordinals of a quarter or half
    frags = {
        "MON": _month_alt(full, abbr),
        "MONFULL": _month_alt(full, []),
        "MONFULLX": _month_alt([n for n in full if n != "May"], []),
        "WD": _alt(data["weekdays"] + [w.upper() for w in data["weekdays"]]),
        "NUM": "(?i:" + _alt(list(data["numbers"])) + r"|\b[0-9]{1,2}\b)",
        "ORD": "(?i:" + _alt(list(data["ordinals"])) + ")",
        "QORD": "(?i:" + _alt(qord) + ")",
        "UNIT_AFTER": _alt(data["unit_after"]),
        "QTY_BEFORE": "(?i:" + _alt(data["qty_before"]) + ")",
        "CUE": _alt(data["cue_words"], boundary=False),
        "CUE_LEAD": _alt(data["cue_lead"], boundary=False),
        "TIME": "|".join(regex.escape(w) for w in data["time_words"]),
    }

    def expand(text: str) -> str:
        return regex.sub(r"\{\{(\w+)\}\}", lambda m: frags[m[1]], text)

    for name, text in data["fragments"].items():
        frags[name] = expand(text)
    rules = tuple(_Rule(r["id"], r["kind"], regex.compile(expand(r["pattern"]), regex.VERBOSE), i)
                  for i, r in enumerate(data["rules"]))
    # What each symbol of `opens` may open with; a number stands for its digit count ("10": two digits).
    opener_sets = {
        "MON": all_names, "WD": data["weekdays"], "EDGE": data["edge_words"],
        "NUM": [*data["numbers"], "1", "10"], "ORD": data["ordinals"], "QORD": qord,
        "YEAR": ["2000"], "DAY": ["1", "10"],
    }
    by_trigger = {}
    by_opener: dict[tuple[str, str], tuple[int, ...]] = {}
    for cls in ("MON", "WD", "YEAR", "UNIT", "DAYWORD", "QH"):
        by_trigger[cls] = tuple(r.order for r, spec in zip(rules, data["rules"]) if cls in spec["triggers"])
        for r, spec in zip(rules, data["rules"]):
            if cls in spec["triggers"]:
                for word in {_opener(str(w)) for o in spec["opens"] for w in opener_sets.get(o, [o])}:
                    by_opener[cls, word] = by_opener.get((cls, word), ()) + (r.order,)
    classes = {**{n.lower(): "MON" for n in all_names}, **{w.lower(): "WD" for w in data["weekdays"]},
               **{w: "UNIT" for w in data["unit_words"]}, **{w: "DAYWORD" for w in data["day_words"]}}
    trigger = regex.compile(rf"\b(?:(?<YEAR>{data['trigger_year']})(?!\d)|(?<QH>{data['trigger_qh']})\b)")
    names = {n.lower() for n in all_names} | set(weekdays := [w.lower() for w in data["weekdays"]])
    return _Lex(
        rules=rules, by_trigger=by_trigger, by_opener=by_opener, trigger=trigger, trigger_class=classes,
        trigger_roots=tuple(w for w in classes if not any(w != v and w.startswith(v) for v in classes)),
        unit_openers=frozenset(data["unit_openers"]), max_triggers=int(data["max_triggers"]),
        prefix_words=frozenset(str(w).lower() for w in data["prefix_words"]) | names,
        months=months, weekdays={w: i for i, w in enumerate(weekdays)},
        seasons={str(k).lower(): int(v) for k, v in data["seasons"].items()},
        abbreviations=frozenset(n.lower() for n in abbr),
        cues=frozenset(w.lower() for w in data["cue_words"] + data["cue_lead"]),
        numbers={str(k).lower(): v for k, v in data["numbers"].items()},
        ordinals={str(k).lower(): v for k, v in data["ordinals"].items()},
        relative=data["relative_words"], anaphoric=frozenset(data["anaphoric_words"]),
        future_before=regex.compile(data["future_before"]),
        dateline_prefix=regex.compile(data["dateline_prefix"]),
        dateline_suffix_weak=regex.compile(data["dateline_suffix_weak"]),
        dateline_suffix_strong=regex.compile(data["dateline_suffix_strong"]),
        meta_line=regex.compile(data["meta_line"]),
        scraper_prefix=regex.compile(data["scraper_prefix"]),
        label_before=regex.compile(data["label_before"]), label_words=tuple(data["label_words"]),
        date_only_rest=regex.compile(expand(data["date_only_rest"])),
        not_time_letters=frozenset(string.ascii_letters) - set("".join(data["time_words"]).lower())
        - set("".join(data["time_words"]).upper()),
        comparison_before=regex.compile(data["comparison_before"]), comparison_words=tuple(data["comparison_words"]),
        year_reviewed=regex.compile(data["year_reviewed"]),
        dispatch_days=int(data["dispatch_days"]),
    )


# ---------------------------------------------------------------- helpers

def _num(text: str) -> int | None:
    t = text.lower()
    return int(t) if t.isdigit() else _lex().numbers.get(t)


def _month(text: str | None) -> int | None:
    return None if text is None else _lex().months.get(text.rstrip(".").lower())


def _day(text: str | None) -> int | None:
    return None if text is None else int(text[:2] if text[:2].isdigit() else text[:1])


def _rel_offset(words: str) -> tuple[int, bool]:
    """Offset and anaphoric flag of a relative word group ("the previous" -> -1, True)."""
    last = words.lower().split()[-1]
    return _lex().relative.get(last, 0), last in _lex().anaphoric


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + month - 1 + n
    return k // 12, k % 12 + 1


def _edge(span: Span, edge: str | None, precision: str) -> tuple[Span, str]:
    if edge and edge.lower() in ("end", "close"):
        return (span[1], span[1]), "day"
    return span, precision


class _Ctx:
    """Resolution state for one body: the anchor and the mentions resolved so far."""

    def __init__(self, anchor: _Anchor | None):
        self.anchor = anchor
        self.last_ref: _Found | None = None
        self.last_ref_line = -1  # where the line holding last_ref starts
        self.last_ref_end = 0
        self.last_period: _Found | None = None  # the latest period of months given (for "the same period")
        self.day: dt.date | None = None  # what "today" and weekdays count from, when not the publication day
        self.line = 0  # where the line of the mention being resolved starts
        self.body = ""
        self.start = 0  # where the mention being resolved starts

    def need(self, precision: str) -> _Anchor | None:
        """The anchor when it is known at least to `precision` (year < month < day)."""
        a = self.anchor
        if a is None:
            return None
        order = {"year": 0, "month": 1, "day": 2}
        return a if order[a.precision] >= order[precision] else None

    def local_ref(self) -> _Found | None:
        """The latest date given before in the same paragraph (line), if any."""
        return self.last_ref if self.last_ref_line == self.line else None

    def sentence_year(self, day: bool = False) -> int | None:
        """The year of an absolute date given earlier in the same sentence ("in 2023 ...; in November").

        A day takes it only from a day or month: in "data on 2021 released on March 28" the
        release falls later than 2021.
        """
        ref = self.local_ref()
        if ref is None or ref.relative or ref.span[0].year != ref.span[1].year:
            return None
        if day and ref.precision not in ("day", "month"):
            return None
        between = self.body[self.last_ref_end:self.start]
        if any(between[i + 1:i + 2].isspace() and between[i + 2:i + 3].isupper()
               for i, ch in enumerate(between) if ch in ".!?"):
            return None
        return ref.span[0].year

    def ref_date(self, anaphoric: bool, precision: str) -> tuple[dt.date, bool] | None:
        """The date an offset counts from, and whether that needed the anchor."""
        ref = self.local_ref()
        if anaphoric and ref is not None and (precision == "year" or ref.precision in ("day", "month")):
            return ref.span[0], ref.relative
        a = self.need(precision)
        return (a.date, True) if a else None


# ---------------------------------------------------------------- handlers

def _resolve_year(ctx: _Ctx, y: str | None, ry: str | None) -> tuple[int, bool] | None:
    if y:
        return int(y), False
    if ry:
        off, anaphoric = _rel_offset(ry)
        ref = ctx.ref_date(anaphoric, "year")
        return (ref[0].year + off, ref[1]) if ref else None
    return None


def _year_for_month(ctx: _Ctx, month: int, day: int | None, rm: str | None) -> tuple[int, bool] | None:
    """The year of a month (and day) written without one."""
    if rm is None and (year := ctx.sentence_year(day=day is not None)) is not None:
        return year, False
    a = ctx.anchor
    if a is None:
        return None
    if a.precision == "year" or a.from_text:
        if rm and rm.lower() != "this":
            return None
        reviewed = a.from_text and day is not None and _reviews(ctx, a.date.year)
        return (a.date.year + 1 if reviewed else a.date.year), True
    word = (rm or "").lower()
    if word == "last":
        return (a.date.year if month < a.date.month else a.date.year - 1), True
    if word in ("next", "coming"):
        return (a.date.year if month > a.date.month else a.date.year + 1), True
    if word == "this":
        return a.date.year, True
    # Far enough after the publication day reads as last year's (Dec 28 in an article of Jan 5).
    guess = dt.date(a.date.year, month, min(day or 1, 28))
    return (a.date.year - 1 if (guess - a.date).days > 240 else a.date.year), True


def _reviews(ctx: _Ctx, year: int) -> bool:
    """Whether the sentence being resolved reports on `year` as a whole ("released its 2019 economic data"):
    an event of that sentence on an undated day falls after that year."""
    lo, hi = sentences.bounds(ctx.body, ctx.start, ctx.start)
    return any(int(m["y"]) == year for m in _lex().year_reviewed.finditer(ctx.body, lo, hi, timeout=lexicon.TIMEOUT))


def _year_of_period(ctx: _Ctx) -> tuple[int, bool] | None:
    """The year of a quarter, half or first months written without one."""
    if (year := ctx.sentence_year()) is not None:
        return year, False
    a = ctx.need("year")
    return (a.date.year, True) if a else None


def _point(y: int, m: int | None, d: int | None) -> tuple[Span, str]:
    if d is not None:
        return cal.day_span(y, m, d), "day"
    if m is not None:
        return cal.month_span(y, m), "month"
    return cal.year_span(y), "year"


def _name_part(m: _Hit) -> bool:
    """A bare "Jun 15" after a capitalised word reads as a name ("Li Jun 15 units"), not a date."""
    mon = m["m1"] or ""
    if m["y1"] or m["y2"] or mon.endswith(".") or mon.lower() not in _lex().abbreviations:
        return False
    prev = m.string[max(0, m.start() - 30):m.start()].split()
    return bool(prev and prev[-1][0].isupper() and prev[-1].lower() not in _lex().cues)


def _h_date(m: _Hit, ctx: _Ctx) -> _Found | None:
    if _name_part(m):
        return None
    d1, d2 = _day(m["d1"]), _day(m["d2"])
    m1, m2 = _month(m["m1"]), _month(m["m2"])
    y1t, y2t = m["y1"], m["y2"]
    if y1t and y2t and len(y2t) == 2:
        y2t = y1t[:2] + y2t
    if m1 is None:
        m1 = m2 if d1 is not None else None
    if m2 is None and d2 is not None:
        m2 = m1
    ranged = d2 is not None or m2 is not None or bool(y1t and y2t and m1 is None)
    relative = False
    y2 = int(y2t) if y2t else None
    if y2 is None and m["ry2"]:
        got = _resolve_year(ctx, None, m["ry2"])
        if got is None:
            return None
        y2, relative = got
    y1 = int(y1t) if y1t else y2
    if y1 is None:
        if m1 is None:
            return None
        got = _year_for_month(ctx, m1, d1, m["rm"])
        if got is None:
            return None
        y1, relative = got
    if y2 is None:
        y2 = y1
    if not (cal.valid_year(y1) and cal.valid_year(y2)):
        return None
    first, prec = _point(y1, m1, d1)
    last = first
    if ranged:
        last, prec = _point(y2, m2, d2)[0], "range"
        if last[1] < first[0] and not y2t and not y1t:  # "Dec 28 to Jan 3" runs into the next year
            last = _point(y2 + 1, m2, d2)[0]
    if last[1] <= first[1] and ranged:
        return None
    span, prec = _edge((first[0], last[1]), m["edge"], prec)
    return _Found(span, prec, relative)


def _h_ymd(m: _Hit, ctx: _Ctx) -> _Found | None:
    return _Found(cal.day_span(int(m["y1"]), int(m["m1"]), int(m["d1"])), "day", False)


def _h_mdy(m: _Hit, ctx: _Ctx) -> _Found | None:
    a, b = int(m["a"]), int(m["b"])
    month, day = (a, b) if m["sep"] == "/" else (b, a)
    if month > 12:
        month, day = day, month
    return _Found(cal.day_span(int(m["y1"]), month, day), "day", False)


def _h_first_n(m: _Hit, ctx: _Ctx) -> _Found | None:
    n = _num(m["n"])
    got = _resolve_year(ctx, m["y1"], m["ry1"])
    if got is None:
        if m["pos"].lower() != "first":  # "the last three months" alone is a duration
            return None
        got = _year_of_period(ctx)
    months = n * (3 if m["unit"].lower().startswith("quarter") else 1) if n else 0
    if got is None or not 1 <= months <= 12:
        return None
    y, rel = got
    first, last = (1, months) if m["pos"].lower() == "first" else (13 - months, 12)
    return _Found(cal.months_span(y, first, last), "range", rel)


def _h_nth(m: _Hit, ctx: _Ctx) -> _Found | None:
    unit = m["unit"].lower()
    ordt = m["ord"].lower()
    n = int(ordt) if ordt.isdigit() else _lex().ordinals.get(ordt)
    size = {"month": 12, "quarter": 4, "q": 4, "half": 2, "h": 2}[unit]
    if n is None:
        return None
    n = size if n == -1 else n
    if not 1 <= n <= size:
        return None
    got = _resolve_year(ctx, m["y1"], m["ry1"]) or _year_of_period(ctx)
    if got is None:
        return None
    y, rel = got
    if size == 12:
        return _Found(cal.month_span(y, n), "month", rel)
    if size == 4:
        return _Found(cal.quarter_span(y, n), "quarter", rel)
    return _Found(cal.months_span(y, 6 * n - 5, 6 * n), "range", rel)


def _h_decade(m: _Hit, ctx: _Ctx) -> _Found | None:
    y = int(m["dec"])
    span, prec = _edge(cal.years_span(y, y + 9), m["edge"], "range")
    return _Found(span, prec, False)


def _unit_span(unit: str, ref: dt.date, off: int) -> tuple[Span, str]:
    if unit == "year":
        return cal.year_span(ref.year + off), "year"
    if unit == "month":
        return cal.month_span(*_add_months(ref.year, ref.month, off)), "month"
    if unit == "quarter":
        y, mo = _add_months(ref.year, (ref.month - 1) // 3 * 3 + 1, 3 * off)
        return cal.quarter_span(y, (mo - 1) // 3 + 1), "quarter"
    if unit == "week":
        monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=off)
        return (monday, monday + dt.timedelta(days=6)), "range"
    d = ref + dt.timedelta(days=off)
    return (d, d), "day"


_UNIT_PRECISION = {"year": "year", "month": "month", "quarter": "month", "week": "day", "day": "day"}


def _h_rel(m: _Hit, ctx: _Ctx) -> _Found | None:
    unit = m["unit"].lower()
    off, anaphoric = _rel_offset(m["rw"])
    ref = ctx.ref_date(anaphoric, _UNIT_PRECISION[unit])
    if ref is None:
        return None
    span, prec = _unit_span(unit, ref[0], off)
    span, prec = _edge(span, m["edge"], prec)
    return _Found(span, prec, ref[1], comparison=anaphoric)


def _h_ago(m: _Hit, ctx: _Ctx) -> _Found | None:
    unit = m["unit"].lower().rstrip("s")
    n = _num(m["n"])
    anaphoric = m["rw"].lower() != "ago"
    ref = ctx.ref_date(anaphoric, _UNIT_PRECISION[unit])
    if n is None or ref is None:
        return None
    if unit == "week":
        unit, n = "day", 7 * n
    span, prec = _unit_span(unit, ref[0], -n)
    return _Found(span, prec, ref[1], comparison=True)


def _h_same(m: _Hit, ctx: _Ctx) -> _Found | None:
    """The span of the latest date given before, moved one year back (or to the year named)."""
    base, year = ctx.local_ref() or ctx.last_period, m["y1"]
    if base is not None and (year is None or int(year) < base.span[0].year):
        years = int(year) - base.span[0].year if year else -1
        return _Found(cal.shift_years(base.span, years), base.precision, base.relative, comparison=True)
    got = _resolve_year(ctx, year, "last")
    return _Found(cal.year_span(got[0]), "year", got[1], comparison=True) if got else None


def _h_weekday(m: _Hit, ctx: _Ctx) -> _Found | None:
    a = ctx.need("day")
    if a is None or a.from_text:
        return None
    a = _Anchor(ctx.day or a.date, "day")
    wd = _lex().weekdays[m["wd"].lower()]
    word = (m["rw"] or "").lower()
    clause = m.string[max(0, m.start() - 80):m.start()]
    forward = word in ("next", "coming") or (
        word != "last" and _lex().future_before.search(clause, timeout=lexicon.TIMEOUT) is not None)
    if forward:
        d = a.date + dt.timedelta(days=(wd - a.date.weekday()) % 7 or (7 if word else 0))
    else:
        back = (a.date.weekday() - wd) % 7
        d = a.date - dt.timedelta(days=back or (7 if word == "last" else 0))
    return _Found((d, d), "day", True)


def _h_dayword(m: _Hit, ctx: _Ctx) -> _Found | None:
    a = ctx.need("day")
    if a is None or a.from_text:
        return None
    d = (ctx.day or a.date) + dt.timedelta(days={"tomorrow": 1, "today": 0}.get(m["rw"].lower(), -1))
    return _Found((d, d), "day", True)


def _h_season(m: _Hit, ctx: _Ctx) -> _Found | None:
    """A season's three months: of the year named, else the one before, in or after the reference day."""
    first = _lex().seasons[m["season"].lower()]
    if m["y1"]:
        year, relative = int(m["y1"]), False
    else:
        a = ctx.need("year")
        if a is None:
            return None
        word, relative = m["rw"].lower().split()[-1], True
        year = a.date.year
        if a.precision == "year" or a.from_text:
            year += {"last": -1, "past": -1, "next": 1, "coming": 1}.get(word, 0)
        else:
            # "this": the season holding or nearest the day in its year; "last" ends before it, "next" begins after
            if first == 12 and a.date.month < 3:  # January and February: the winter that began last December
                year -= 1
            if word in ("last", "past") and cal.month_end(*_add_months(year, first, 2)) >= a.date:
                year -= 1
            elif word in ("next", "coming") and dt.date(year, first, 1) <= a.date:
                year += 1
    y2, m2 = _add_months(year, first, 2)
    return _Found((dt.date(year, first, 1), cal.month_end(y2, m2)), "range", relative)


_HANDLERS = {"date": _h_date, "ymd": _h_ymd, "mdy": _h_mdy, "first_n": _h_first_n, "nth": _h_nth,
             "decade": _h_decade, "rel": _h_rel, "ago": _h_ago, "same": _h_same, "weekday": _h_weekday,
             "dayword": _h_dayword, "season": _h_season}


# ---------------------------------------------------------------- candidates

_DIGITS = frozenset("0123456789")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


@lru_cache(maxsize=4096)
def _opener(text: str) -> str | None:
    """How `text` opens, for the rule filter: its run of ASCII letters (lower case), or "#n" for a run
    of n digits; None (try every rule) when a non-ASCII character, which may case-fold to a letter, ends it."""
    n, j = len(text), 0
    if text[:1] in _DIGITS:
        while j < n and text[j] in _DIGITS:
            j += 1
        key = f"#{j}"
    elif text[:1] in _LETTERS:
        while j < n and text[j] in _LETTERS:
            j += 1
        key = text[:j].lower()
    else:
        return None
    return key if j == n or text[j].isascii() else None


def _starts(body: str, pos: int, opener: str | None) -> list[tuple[int, str | None]]:
    """The trigger's start and the starts of the up to 5 words before it (same line) that may open a date,
    each with its opener (see `_opener`; `opener` is the trigger's)."""
    out = [(pos, opener)]
    i = pos
    lo = max(body.rfind("\n", 0, pos) + 1, pos - 70)
    words = _lex().prefix_words
    while len(out) < 6:
        while i > lo and body[i - 1] in _SEPARATORS:
            i -= 1
        end = i
        while i > lo and (body[i - 1].isalnum() or body[i - 1] in ".'’"):
            i -= 1
        text = body[i:end]
        token = text.lower().rstrip(".")
        number = token[:-2] if token[-2:] in ("st", "nd", "rd", "th") else token
        # A day or count; a year opens its own trigger.
        if not token or not (token in words or (number.isdigit() and len(number) <= 2)):
            break
        out.append((i, _opener(text)))
    return out


_SEPARATORS = " \t\u00a0,-–—/("
_ASCII_SPACE = " \t\n\v\f\r"  # white space to regex and Python alike
_ASCII_LOWER = {c: c + 32 for c in range(65, 91)}
_ASCII_WORD = frozenset(string.ascii_letters + string.digits + "_")
_WORD = regex.compile(r"\w")


@lru_cache(maxsize=1024)
def _word_char(c: str) -> bool:
    """Whether `c` is a word character (`\\w`) to the regex engine."""
    return c in _ASCII_WORD if c.isascii() else _WORD.match(c, timeout=lexicon.TIMEOUT) is not None


def _triggers(low: str) -> list[tuple[int, int, str]]:
    """The first `max_triggers` triggers of the lower-cased text, in order: (start, end, kind), kind being
    YEAR, QH or the trigger word. A word counts where a word starts and ends with it (as `\\b...\\b`
    would find it); `str.find` looks for them far faster than a regex alternation of the words."""
    lx = _lex()
    found = [(m.start(), m.end(), m.lastgroup)
             for m in itertools.islice(lx.trigger.finditer(low, timeout=lexicon.TIMEOUT), lx.max_triggers)]
    n = len(low)
    for root in lx.trigger_roots:
        i = low.find(root)
        while i >= 0:
            if not (i and _word_char(low[i - 1])):
                j = i + len(root)
                while j < n and "a" <= low[j] <= "z":
                    j += 1
                if low[i:j] in lx.trigger_class and not (j < n and _word_char(low[j])):
                    found.append((i, j, low[i:j]))
            i = low.find(root, i + 1)
    found.sort()
    return found[:lx.max_triggers]


class _Hit(dict):
    """A rule's match as the handlers read it, like a `regex.Match`: the named groups (None for one that took
    no part or that the rule lacks; 0 is the whole text), the span and the text searched."""

    __slots__ = ("string", "_start", "_end")

    def __init__(self, string: str, start: int, end: int, groups: dict[str, str | None]):
        super().__init__(groups)
        self[0] = string[start:end]
        self.string, self._start, self._end = string, start, end

    def __missing__(self, name: str) -> None:
        return None

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


@dataclass(frozen=True)
class _Probe:
    """One pattern trying several rules at one start, each in its own optional lookahead (groups renamed apart)."""

    pattern: regex.Pattern
    orders: tuple[int, ...]  # the rules tried
    ends: tuple[int, ...]  # per rule, the index of its lookahead group
    names: tuple[tuple[str, ...], ...]  # per rule, its named groups
    groups: tuple[tuple[int, ...], ...]  # ... and their indexes in the pattern


@lru_cache(maxsize=4096)
def _probe(wanted: tuple[int, ...]) -> _Probe:
    """The probe for the rules `wanted` (their orders, in any order, repeats allowed)."""
    return _compile_probe(tuple(sorted(set(wanted))))


@lru_cache(maxsize=None)
def _compile_probe(orders: tuple[int, ...]) -> _Probe:
    """The probe for the rules `orders` (sorted, distinct), compiled once."""
    rules = [_lex().rules[k] for k in orders]
    pattern = regex.compile("".join(f"(?:(?=(?<r{k}>{_rename(r.pattern.pattern, k)})))?"
                                    for k, r in zip(orders, rules)), regex.VERBOSE)
    index = pattern.groupindex
    names = tuple(tuple(r.pattern.groupindex) for r in rules)
    return _Probe(pattern, orders, tuple(index[f"r{k}"] for k in orders), names,
                  tuple(tuple(index[f"{name}_{k}"] for name in mine) for k, mine in zip(orders, names)))


def _ends(m: regex.Match, indexes: tuple[int, ...]) -> tuple[int, ...]:
    """The ends of groups `indexes` of `m` (-1 where a group took no part), fetched in one call."""
    return m.end(*indexes) if len(indexes) > 1 else (m.end(indexes[0]),)


def _groups(m: regex.Match, indexes: tuple[int, ...]) -> tuple:
    """The texts of groups `indexes` of `m` (None where a group took no part), fetched in one call."""
    if len(indexes) > 1:
        return m.group(*indexes)
    return (m.group(indexes[0]),) if indexes else ()


def _candidates(body: str) -> list[tuple[_Hit, _Rule]]:
    """Rule matches anchored near the triggers; where they overlap the longest wins (then the earlier rule)."""
    lx = _lex()
    wanted: dict[int, tuple[int, ...]] = {}  # start -> the rules to try there
    low = body.lower()
    if len(low) != len(body):  # a few non-ASCII letters change length when lower-cased
        low = body.translate(_ASCII_LOWER)
    for start, stop, kind in _triggers(low):
        if kind == "QH":
            if not body[start].isupper():
                continue
            word, cls, opener = None, "QH", _opener(body[start])
        elif kind == "YEAR":
            word, cls, opener = None, "YEAR", "#4" if body[start:stop].isascii() else None
        else:
            word = kind
            cls = lx.trigger_class[word]
            if cls in ("MON", "WD") and not body[start].isupper():  # month and weekday names are capitalised
                continue
            if word in lx.seasons and not body[start].islower():  # the Spring Festival, Summer Davos
                continue
            opener = word if body[start:stop].isascii() else None
        starts = _starts(body, start, opener)
        if cls in ("UNIT", "DAYWORD") and word not in lx.unit_openers:
            del starts[0]
        for pos, opener in starts:
            rules = lx.by_trigger[cls] if opener is None else lx.by_opener.get((cls, opener))
            if rules:
                wanted[pos] = wanted.get(pos, ()) + rules
    # A rule's match at a start does not depend on which trigger wanted it: one call per start.
    seen: dict[tuple[int, int, int], regex.Match | tuple] = {}  # (-length, rule, start) -> match, or probe match
    for pos, orders in wanted.items():
        if len(orders) == 1:
            m = lx.rules[orders[0]].pattern.match(body, pos, timeout=lexicon.TIMEOUT)
            if m is not None and m.end() > pos:
                seen[(pos - m.end(), orders[0], pos)] = m
            continue
        probe = _probe(orders)
        m = probe.pattern.match(body, pos, timeout=lexicon.TIMEOUT)
        # Every rule's lookahead starts at `pos`: only the ends tell (-1 where a rule failed).
        for i, e in enumerate(_ends(m, probe.ends)):
            if e > pos:
                seen[(pos - e, probe.orders[i], pos)] = (m, probe, i)
    taken = bytearray(len(body))  # 1 where a kept match lies
    keep = []
    for (length, k, s), m in sorted(seen.items()):  # the longest first, then the earlier rule
        e = s - length
        if taken.find(1, s, e) >= 0:
            continue
        taken[s:e] = b"\x01" * (e - s)
        if isinstance(m, tuple):
            m, probe, i = m
            hit = _Hit(body, s, e, dict(zip(probe.names[i], _groups(m, probe.groups[i]))))
        else:
            hit = _Hit(body, s, e, m.groupdict())
        keep.append((s, hit, lx.rules[k]))
    keep.sort()
    return [(hit, rule) for _, hit, rule in keep]


def _in_dateline_or_header(body: str, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """A date in an inline dateline, a metadata line or a line that holds nothing but dates (`spans`: all, sorted)."""
    lx = _lex()
    ls = body.rfind("\n", 0, start) + 1
    le = body.find("\n", end)
    le = len(body) if le < 0 else le
    line = body[ls:le]
    if ":" in line[:40] or "：" in line[:40] or "|" in line[:40]:
        if lx.meta_line.match(line, timeout=lexicon.TIMEOUT):
            return True
    if len(line) <= 80:
        chars = list(line)
        for s, e in spans[bisect.bisect_left(spans, (ls, ls)):bisect.bisect_left(spans, (le, le))]:
            chars[s - ls:min(e, le) - ls] = " " * (min(e, le) - s)
        rest = "".join(chars)
        if (not rest.isascii() or lx.not_time_letters.isdisjoint(rest)) and lx.date_only_rest.match(
                rest, timeout=lexicon.TIMEOUT):
            return True
    if start - ls < 12 and "date" in body[ls:start] and lx.scraper_prefix.match(
            body[ls:start], timeout=lexicon.TIMEOUT):
        return True
    before = body[max(ls, start - 30):start]
    # A non-ASCII letter may case-fold to an ASCII one: only an ASCII window is screened by its words.
    if (not before.isascii() or any(map(before.lower().__contains__, lx.label_words))) and lx.label_before.search(
            body, max(ls, start - 30), start, timeout=lexicon.TIMEOUT):
        return True
    after = body[end:le]
    if start - ls > 120 or after.lstrip()[:1] not in tuple(",(-–—:)/"):
        return False
    # A dateline opens with a capital and ends in a comma, bracket or dash (ASCII ends screened, others tried).
    head, tail = body[ls:start].lstrip(_ASCII_SPACE)[:1], body[ls:start].rstrip(_ASCII_SPACE)[-1:]
    if (head.isascii() and not "A" <= head <= "Z") or (tail.isascii() and tail not in ",)-:/|"):
        return False
    pre = lx.dateline_prefix.match(body[ls:start], timeout=lexicon.TIMEOUT)
    if pre is None:
        return False
    if lx.dateline_suffix_strong.match(after, timeout=lexicon.TIMEOUT):
        return True
    return bool(pre["caps"] or pre["agency"] or pre["open"]) and bool(
        lx.dateline_suffix_weak.match(after, timeout=lexicon.TIMEOUT))


def _resolve(body: str, cands, anchor: _Anchor | None, day: dt.date | None = None) -> list[DateMention]:
    ctx = _Ctx(anchor)
    ctx.body, ctx.day = body, day
    base = _lex().comparison_before
    out = []
    for m, rule in cands:
        ctx.line, ctx.start = body.rfind("\n", 0, m.start()) + 1, m.start()
        try:
            found = _HANDLERS[rule.kind](m, ctx)
        except (ValueError, OverflowError):  # a day or year outside the calendar ("Feb 30", year 0)
            continue
        if found is None or not (cal.valid_year(found.span[0].year) and cal.valid_year(found.span[1].year)):
            continue
        if not found.comparison and not _compares(body, m.start(), base):
            ctx.last_ref, ctx.last_ref_line, ctx.last_ref_end = found, ctx.line, m.end()
            if _PERIOD_DAYS[0] <= (found.span[1] - found.span[0]).days < _PERIOD_DAYS[1]:
                ctx.last_period = found
        out.append(DateMention(m[0], m.start(), m.end(), found.span[0], found.span[1],
                               found.precision, found.relative, rule.id))
    return out


# A period of months (a month up to eleven) that "the same period" can shift when its paragraph names none.
_PERIOD_DAYS = (27, 340)


def _compares(body: str, start: int, base: regex.Pattern) -> bool:
    """Whether a comparison base ("compared with", "than") ends right before `start` (a word check first)."""
    before = body[max(0, start - 40):start]
    return ("than" in before or "ompared" in before or "vs" in before or "ersus" in before) and bool(
        base.search(body, max(0, start - 40), start, timeout=lexicon.TIMEOUT))


def _dispatch_day(body: str, dropped, anchor: _Anchor | None) -> dt.date | None:
    """The day of the first inline dateline or header date, when a repost's publication day follows it."""
    if anchor is None or anchor.precision != "day" or not dropped:
        return None
    for dm in _resolve(body, dropped[:3], anchor):
        if dm.date_start == dm.date_end:
            lag = (anchor.date - dm.date_start).days
            return dm.date_start if 0 < lag <= _lex().dispatch_days else None
    return None


def _text_year(body: str, cands) -> int | None:
    """The year the text states most often (the first stated of those on a tie); a comparison
    base ("up 9% compared with 2000") does not count: the text is about the year compared."""
    lx = _lex()

    def compared(start: int) -> bool:
        before = body[max(0, start - 40):start]
        # A non-ASCII letter may case-fold to an ASCII one: only an ASCII window is screened by its words.
        return (not before.isascii() or any(w in before.lower() for w in lx.comparison_words)) and bool(
            lx.comparison_before.search(body, max(0, start - 40), start, timeout=lexicon.TIMEOUT))

    years = [dm.date_start.year for dm in _resolve(body, cands, None)
             if dm.date_start.year == dm.date_end.year and not compared(dm.start)]
    counts = Counter(years)
    return next((y for y in years if counts[y] == max(counts.values())), None)


def find(body: str, meta: Metadata) -> list[DateMention]:
    """Every date mention of an English body, in text order (see the module docstring)."""
    cands = _candidates(body)
    if not cands:
        return []
    spans = [(m.start(), m.end()) for m, _ in cands]
    dropped = []
    kept = []
    for m, r in cands:
        (dropped if _in_dateline_or_header(body, m.start(), m.end(), spans) else kept).append((m, r))
    anchor = None
    if meta.published_date is not None:
        precision = meta.published_precision or "day"
        anchor = _Anchor(meta.published_date, precision if precision in ("day", "month") else "year")
    else:
        year = _text_year(body, kept)
        if year is not None:
            anchor = _Anchor(dt.date(year, 1, 1), "year", from_text=True)
    day = _dispatch_day(body, dropped, anchor) if any(r.kind in ("weekday", "dayword") for _, r in kept) else None
    return _resolve(body, kept, anchor, day)
