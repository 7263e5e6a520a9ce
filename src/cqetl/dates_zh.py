"""Date mentions in Chinese text: a table of patterns (data/dates_zh.yaml) and their resolution.

Each rule's pattern is run on its own (one alternation over all of them is
many times slower in `regex`); the matches are then taken leftmost first, the
rule listed first winning at one position. They are resolved in text order so
a year-less mention (`4月`, `全年`, `上年`, `去年同期`) can take the year or the
period its sentence or paragraph is about; failing that the publication year,
failing that the year the text states most often (comparison bases aside); failing
all, no row. A day in a sentence releasing a year's results (2019年经济运行情况
发布会) falls the year after that year. 昨日 / 今天 count from the dispatch date of
an agency dateline (中新社重庆三月二十八日消息) when the page is dated a few days later.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat

import regex

from . import cal, lexicon
from .model import DateMention, Metadata

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_SENTENCE_ENDS = "。！？!?；;\n"
_MACRO = regex.compile(r"%([A-Z_]+)%")
_PREFIX_REACH = 12  # characters a year prefix may span (二〇二四年度 plus spaces)
# context is looked for at most this many characters and mentions back (keeps hostile pages linear)
_CONTEXT_REACH = 1000
_CONTEXT_MENTIONS = 40
# kinds whose span is a period a later 去年同期 can shift
_PERIOD_KINDS = frozenset({"year", "month", "month_range", "quarter", "quarter_range", "half",
                           "first_months", "first_quarters"})
# kinds whose undated form may be last year's when it lies far after the publication date
_ROLLBACK_KINDS = frozenset({"day", "day_range", "month", "month_end", "month_range", "quarter",
                             "quarter_end", "quarter_range", "half"})
# kinds an event can take (the release of a year's results); a month there is as often a period of the data
_EVENT_KINDS = frozenset({"day", "day_range"})
# kinds that name one month a later day alone (12日) in the same sentence falls in
_MONTH_KINDS = frozenset({"day", "day_range", "month", "month_end"})
_PRECISION = {"year": "year", "years_ago": "year", "month": "month", "relative_month": "month",
              "quarter": "quarter", "day": "day", "month_end": "day", "quarter_end": "day",
              "year_end": "day", "relative_day": "day", "day_of_month": "day"}  # others: range


_Span = tuple[dt.date, dt.date]


@dataclass(frozen=True)
class _Rule:
    id: str
    kind: str
    pattern: regex.Pattern
    prefix: regex.Pattern | None  # a year prefix ending where the match starts
    prefix_ends: str  # the characters such a prefix can end in
    reject_after: str  # characters that may not stand just before an unprefixed match
    needs: tuple[str, ...]  # literals one of which the text must hold for the rule to run


@dataclass(frozen=True)
class _Grammar:
    rules: tuple[_Rule, ...]
    needs: tuple[str, ...]  # every literal a rule needs
    dispatch_rules: frozenset[str]  # skip rules whose text is an agency dateline (its date anchors 昨日)
    year_words: dict
    month_words: dict
    day_words: dict
    week_words: dict
    week_days: dict
    seasons: dict
    plans: dict
    comparison_before: tuple[str, ...]
    future_days: int
    future_days_of_month: int
    year_reviewed: regex.Pattern
    year_reviewed_needs: tuple[str, ...]
    dispatch_days: int


def _expand(text: str, macros: dict, depth: int = 0) -> str:
    if depth > 8:
        raise ValueError("dates_zh macros nest too deep")
    out = _MACRO.sub(lambda m: macros.get(m[1], m[0]), text)
    return out if out == text else _expand(out, macros, depth + 1)


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    data = lexicon.load("dates_zh")
    macros = data["macros"]
    prefixes = {k: (regex.compile(f"(?:{_expand(v['pattern'], macros)})\\Z"), v["ends"])
                for k, v in data["prefixes"].items()}
    rules = tuple(_Rule(r["id"], r["kind"], regex.compile(_expand(r["pattern"], macros)),
                        *(prefixes[r["prefix"]] if r.get("prefix") else (None, "")),
                        r.get("reject_after", ""), tuple(r.get("needs", ())))
                  for r in data["rules"])
    return _Grammar(rules, tuple({w for r in rules for w in r.needs}),
                    frozenset(r["id"] for r in data["rules"] if r.get("dispatch")), data["year_words"],
                    data["month_words"], data["day_words"], data["week_words"],
                    data["week_days"], data["seasons"], data["five_year_plans"], tuple(data["comparison_before"]),
                    int(data["future_days"]), int(data["future_days_of_month"]),
                    regex.compile(_expand(data["year_reviewed"], macros)), tuple(data["year_reviewed_needs"]),
                    int(data["dispatch_days"]))


def _num(s: str) -> int:
    """A number in ASCII or full-width digits or in Chinese numerals (二〇二四, 二十五, 十二)."""
    if s.isdecimal():
        return int(s)
    if not any(c in _CN_UNITS for c in s):
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    total = cur = 0
    for c in s:
        if c in _CN_UNITS:
            total += (cur or 1) * _CN_UNITS[c]
            cur = 0
        else:
            cur = _CN_DIGITS[c]
    return total + cur


@dataclass
class _Found:
    start: int
    end: int
    rule: str
    kind: str
    groups: dict


@dataclass(frozen=True)
class _Done:
    start: int
    anchor: int | None  # the year this mention sets as what its paragraph is about
    period: _Span | None  # a span a later 去年同期 can shift
    precision: str
    month: dt.date | None  # the first day of the month this day or month mention names


class _Resolver:
    """Resolves the found mentions in text order, keeping the years they state as context."""

    def __init__(self, body: str, meta: Metadata, found: list[_Found], g: _Grammar, dateline: _Found | None = None):
        self.g, self.body = g, body
        self.pub = meta.published_date
        self.pub_precision = meta.published_precision or ("day" if self.pub else None)
        self.day = self._dispatch_day(dateline)  # what 今天 / 昨日 count from
        self.base = self.pub.year if self.pub else _text_year(body, found, g)
        self.reviews = any(w in body for w in g.year_reviewed_needs)  # whether a year can be reviewed at all
        self.done: list[_Done] = []

    def resolve(self, f: _Found) -> tuple[_Span, str, bool] | None:
        """(span, precision, relative), or None when the mention cannot be resolved."""
        try:
            got = getattr(self, "_" + f.kind)(f)
        except (ValueError, KeyError, OverflowError):  # 2月30日, a word missing from the tables
            return None
        if got is None:
            return None
        span, relative, anchor, precision = got
        if not (cal.valid_year(span[0].year) and cal.valid_year(span[1].year)) or span[0] > span[1]:
            return None
        precision = precision or _PRECISION.get(f.kind, "range")
        if anchor is not None and self.body.endswith(self.g.comparison_before, 0, f.start):
            anchor = None
        month = span[0] if f.kind in _MONTH_KINDS else None
        self.done.append(_Done(f.start, anchor, span if f.kind in _PERIOD_KINDS else None, precision, month))
        return span, precision, relative

    # --- context ----------------------------------------------------------------
    def _scope_start(self, pos: int, scope: str) -> int:
        """Where the sentence or paragraph holding `pos` begins (at most _CONTEXT_REACH back)."""
        ends = _SENTENCE_ENDS if scope == "sentence" else "\n"
        lo = max(0, pos - _CONTEXT_REACH)
        return max(max(self.body.rfind(c, lo, pos) for c in ends) + 1, lo)

    def _recent(self, first: int):
        """The resolved mentions from `first` on, latest first."""
        for d in self.done[:-_CONTEXT_MENTIONS - 1:-1]:
            if d.start < first:
                return
            yield d

    def _context(self, pos: int, scope: str) -> tuple[int | None, str]:
        """The year the sentence or paragraph is about so far, else the base year."""
        first = self._scope_start(pos, scope)
        for d in self._recent(first):
            if d.anchor is not None:
                return d.anchor, "context"
        return self.base, "pub"

    def _year_of(self, f: _Found) -> tuple[int | None, bool, str]:
        """(year, relative, source): source explicit, word (今年, 去年), context or pub."""
        gr = f.groups
        if gr.get("y"):
            return _num(gr["y"]), False, "explicit"
        if gr.get("ry"):
            base, offset = self.g.year_words[gr["ry"]]
            if base == "pub":
                year, source = self.base, "word"
            else:  # 上年: the year before the one the paragraph is about
                year, source = self._context(f.start, "paragraph")[0], "context"
            return (None if year is None else year + offset), True, source
        # a day takes only its own sentence's year: a lead's 2月2日 is the publication year's
        scope = "sentence" if f.kind in ("day", "day_range") else "paragraph"
        year, source = self._context(f.start, scope)
        return year, True, source

    def _dated(self, f: _Found, span_of) -> tuple | None:
        """The span `span_of(year)`, a year earlier when an undated form lies far after publication."""
        year, relative, source = self._year_of(f)
        if year is None:
            return None
        if self.reviews and (source == "context" or source == "pub" and self.pub is None) \
                and f.kind in _EVENT_KINDS and self._reviews(f, year):
            year += 1
        span = span_of(year)
        if (source == "pub" and self.pub and f.kind in _ROLLBACK_KINDS
                and (span[0] - self.pub).days > self.g.future_days):
            span = cal.shift_years(span, -1)
        return span, relative, (year if source in ("explicit", "word") else None), None

    def _reviews(self, f: _Found, year: int) -> bool:
        """Whether the sentence of `f` reports on `year` as a whole (2019年经济运行情况发布会): an event
        on an undated day of that report falls after that year."""
        lo = self._scope_start(f.start, "sentence")
        hi = min((i for i in map(self.body.find, _SENTENCE_ENDS, repeat(f.end)) if i >= 0), default=len(self.body))
        return any(_num(m["y"]) == year for m in self.g.year_reviewed.finditer(
            self.body, lo, min(hi, lo + _CONTEXT_REACH), timeout=lexicon.TIMEOUT))

    def _day_month(self, pos: int, day: int) -> dt.date | None:
        """The month a day alone falls in: the one its sentence names before it, else the publication
        month, or the month before that when the day lies far ahead."""
        first = self._scope_start(pos, "sentence")
        for d in self._recent(first):
            if d.month is not None:
                return d.month
        if self.pub is None or self.pub_precision not in ("day", "month"):
            return None
        month = self.pub.replace(day=1)
        if self.pub_precision == "day" and day - self.pub.day > self.g.future_days_of_month:
            month = (month - dt.timedelta(days=1)).replace(day=1)
        return month

    # --- one method per kind ------------------------------------------------------
    def _year(self, f):
        return self._dated(f, cal.year_span)

    def _year_end(self, f):
        return self._dated(f, lambda y: (dt.date(y, 12, 31),) * 2)

    def _month(self, f):
        return self._dated(f, lambda y: cal.month_span(y, _num(f.groups["m"])))

    def _month_end(self, f):
        return self._dated(f, lambda y: (cal.month_end(y, _num(f.groups["m"])),) * 2)

    def _day(self, f):
        return self._dated(f, lambda y: cal.day_span(y, _num(f.groups["m"]), _num(f.groups["d"])))

    def _quarter(self, f):
        return self._dated(f, lambda y: cal.quarter_span(y, _num(f.groups["q"])))

    def _quarter_end(self, f):
        return self._dated(f, lambda y: (cal.quarter_span(y, _num(f.groups["q"]))[1],) * 2)

    def _quarter_range(self, f):
        q1, q2 = _num(f.groups["q"]), _num(f.groups["q2"])
        return self._dated(f, lambda y: cal.months_span(y, 3 * q1 - 2, 3 * q2))

    def _first_quarters(self, f):
        return self._dated(f, lambda y: cal.months_span(y, 1, 3 * _num(f.groups["n"])))

    def _first_months(self, f):
        return self._dated(f, lambda y: cal.months_span(y, 1, _num(f.groups["n"])))

    def _half(self, f):
        first = 1 if f.groups["h"] == "上" else 7
        return self._dated(f, lambda y: cal.months_span(y, first, first + 5))

    def _month_range(self, f):
        gr = f.groups
        m1, m2 = _num(gr["m"]), _num(gr["m2"])
        if gr.get("y2"):
            return self._dated(f, lambda y: (dt.date(y, m1, 1), cal.month_end(_num(gr["y2"]), m2)))
        return self._dated(f, lambda y: cal.months_span(y, m1, m2))

    def _day_range(self, f):
        gr = f.groups
        d1, d2 = _num(gr["d"]), _num(gr["d2"])
        if gr.get("m") is None:  # 16日至18日: days of the publication month
            month = self._day_month(f.start, d1)
            if month is None:
                return None
            return (month.replace(day=d1), month.replace(day=d2)), True, None, None
        m1 = _num(gr["m"])
        m2 = _num(gr["m2"]) if gr.get("m2") else m1
        return self._dated(f, lambda y: (dt.date(y, m1, d1), dt.date(y, m2, d2)))

    def _day_of_month(self, f):
        day = _num(f.groups["d"])
        month = self._day_month(f.start, day)
        return None if month is None else ((month.replace(day=day),) * 2, True, None, None)

    def _relative_month(self, f):
        if self.pub is None or self.pub_precision not in ("day", "month"):
            return None
        index = self.pub.year * 12 + self.pub.month - 1 + self.g.month_words[f.groups["rm"]]
        return cal.month_span(index // 12, index % 12 + 1), True, None, None

    def _dispatch_day(self, dateline: _Found | None) -> dt.date | None:
        """The publication day, or the dateline's day when the page is dated a few days after it."""
        if self.pub is None or self.pub_precision != "day":
            return None
        if dateline is None:
            return self.pub
        gr = dateline.groups
        try:
            day = dt.date(_num(gr["y"]) if gr.get("y") else self.pub.year,
                          _num(gr["m"]) if gr.get("m") else self.pub.month, _num(gr["d"]))
        except (ValueError, KeyError):
            return self.pub
        return day if 0 < (self.pub - day).days <= self.g.dispatch_days else self.pub

    def _relative_day(self, f):
        if self.day is None:
            return None
        d = self.day + dt.timedelta(days=self.g.day_words[f.groups["rd"]])
        return (d, d), True, None, None

    def _season(self, f):
        first = self.g.seasons[f.groups["season"]]
        last = first + 2  # past 12 for a winter
        return self._dated(f, lambda y: (dt.date(y, first, 1), cal.month_end(y + (last > 12), (last - 1) % 12 + 1)))

    def _decade(self, f):
        dec = _num(f.groups["dec"])
        year = dec if dec >= 1000 else 1900 + dec
        return cal.years_span(year, year + 9), False, None, "range"

    def _relative_week(self, f):
        if self.pub is None or self.pub_precision != "day":
            return None
        weeks = self.g.week_words[f.groups["rw"][0]]
        monday = self.pub - dt.timedelta(days=self.pub.weekday()) + dt.timedelta(weeks=weeks)
        first, last = self.g.week_days[f.groups["wd"]] if f.groups.get("wd") else (0, 6)
        span = (monday + dt.timedelta(days=first), monday + dt.timedelta(days=last))
        return span, True, None, "day" if first == last else "range"

    def _years_ago(self, f):
        if self.base is None:
            return None
        year = self.base - _num(f.groups["n"])
        return cal.year_span(year), True, year, None

    def _five_year_plan(self, f):
        name = f.groups.get("fyp") or f.groups["plan"] + "五"
        first = self.g.plans[name]
        return cal.years_span(first, first + 4), False, None, None

    def _year_range(self, f):
        return cal.years_span(_num(f.groups["y"]), _num(f.groups["y2"])), False, None, None

    def _same_period(self, f):
        """The period the sentence is about (else the paragraph, else the text so far) a year earlier."""
        for first in (self._scope_start(f.start, "sentence"), self._scope_start(f.start, "paragraph"), 0):
            for d in self._recent(first):
                if d.period is not None:
                    return cal.shift_years(d.period, -1), True, None, d.precision
        year, _, _ = self._year_of(f)  # no period named: the previous year as a whole
        return None if year is None else (cal.year_span(year), True, None, "year")


def _text_year(body: str, found: list[_Found], g: _Grammar) -> int | None:
    """The year the text states most often (the latest of equals), for pages without a publication date;
    a comparison base (比2000年增长) does not count: the text is about the year compared."""
    years = Counter(_num(f.groups["y"]) for f in found
                    if f.groups.get("y") and not body.endswith(g.comparison_before, 0, f.start))
    years = {y: n for y, n in years.items() if cal.valid_year(y)}
    return max(years, key=lambda y: (years[y], y)) if years else None


def _candidates(body: str, g: _Grammar) -> list[tuple[int, int, int, _Found]]:
    """Every rule's matches, extended by a year prefix where the rule takes one, as (start, order, end, found)."""
    out = []
    present = {w for w in g.needs if w in body}
    for order, rule in enumerate(g.rules):
        if rule.needs and present.isdisjoint(rule.needs):
            continue
        # matched in full first: the time budget of a finditer also runs while the loop body works
        for m in list(rule.pattern.finditer(body, timeout=lexicon.TIMEOUT)):
            start, groups = m.start(), {k: v for k, v in m.groupdict().items() if v is not None}
            before = body[max(0, start - 2):start].rstrip(" \u00a0\u3000")[-1:]
            p = (rule.prefix and before and before in rule.prefix_ends
                 and rule.prefix.search(body, max(0, start - _PREFIX_REACH), start, timeout=lexicon.TIMEOUT))
            if p:
                start = p.start()
                groups.update((k, v) for k, v in p.groupdict().items() if v is not None)
            elif start and body[start - 1] in rule.reject_after:
                continue
            out.append((start, order, m.end(), _Found(start, m.end(), rule.id, rule.kind, groups)))
    return out


def _scan(body: str, g: _Grammar) -> tuple[list[_Found], _Found | None]:
    """Leftmost mentions first, the rule listed first winning at one position; skip rules hold their text.
    Also the first agency dateline."""
    found, last, dateline = [], 0, None
    for start, _, end, f in sorted(_candidates(body, g), key=lambda c: (c[0], c[1])):
        if start < last:
            continue
        last = end
        text = body[start:end]
        f.start = start + len(text) - len(text.lstrip())
        f.end = end - (len(text) - len(text.rstrip()))
        if f.kind != "skip" and f.end > f.start:
            found.append(f)
        elif dateline is None and f.rule in g.dispatch_rules:
            dateline = f
    return found, dateline


def find(body: str, meta: Metadata) -> list[DateMention]:
    g = _grammar()
    found, dateline = _scan(body, g)
    if not found:
        return []
    res = _Resolver(body, meta, found, g, dateline)
    out = []
    for f in found:
        got = res.resolve(f)
        if got is not None:
            (first, last), precision, relative = got
            out.append(DateMention(body[f.start:f.end], f.start, f.end, first, last, precision, relative, f.rule))
    return out
