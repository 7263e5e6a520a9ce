"""Facts in Chinese text.

One pass of a combined pattern finds every figure with its unit (Arabic or
Chinese numerals, multipliers, fractions, ranges); each candidate is then
judged on its neighbourhood: the words right before it (qualifier, growth
verb, rank or gap markers), the words right after it (category nouns,
thresholds) and the nearest metric word and place of its sentence. Matching
runs on a folded copy of the body (traditional -> simplified, full width ->
ASCII, one character for one), so offsets point into the body as written.
"""
from __future__ import annotations

import bisect
import math
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

import regex

from . import lexicon, numbers_zh
from .model import DateMention, Fact, Metadata

_CLAUSE_BREAK = "，,。；;：:、！？!?\n（）()"
# a sentence ends at 。！？ or a line break (full) or at ；(a clause-sentence, where figures' metrics stop)
_SENTENCE_END = regex.compile(r"(?P<full>[。！？!?]+|\n+)|[；;]+")
_COUNTABLE = frozenset({"count", "persons", "days", "da"})
_PERCENTISH = frozenset({"pct", "fraction"})
_RATE_KINDS = _PERCENTISH | {"times"}  # a list of growth rates may mix 47.6% and 1.4倍
_CLAUSE_PUNCT = frozenset("，,。；;：:、！？!?")
# characters that make a numeral a count (百, 万 alone do not)
_COUNTED = frozenset("0123456789十拾" + "".join(numbers_zh.DIGITS))
_COMPARED_WITH = frozenset("较比与同")  # 较去年同期, 比上年, 与2020年末相比: a date after these is a base
_MODEL_CODE = regex.compile(r"(?<![A-Za-z])[A-Za-z]{1,2}\Z")
_HEADING_MAX = 40  # characters; headlines and decks run 10-30, a body line without punctuation is rarer than that
# a list item states a figure even without punctuation: ● 产值3.2万亿元, 1. ..., （一）...
_BULLET = regex.compile(r"[●•·▪■◆★☆▲△►\-*]|[0-9]{1,2}[.、)]|[（(][一二三四五六七八九十0-9]{1,3}[）)]")
_PP_LIST = regex.compile(r"[、和至到][0-9.]+个?百分点")  # 0.1个、0.2个百分点: both are point gaps


def _qualifiers(words, not_after: dict) -> str:
    """An alternation over words, each barred after the characters that make it part of another word."""
    alts = []
    for w in sorted(set(words), key=len, reverse=True):
        bar = "".join(not_after.get(w, ()))
        alts.append((f"(?<![{regex.escape(bar)}])" if bar else "") + regex.escape(w))
    return "|".join(alts)


@dataclass(frozen=True)
class _WordList:
    """Literal words found by str.find, leftmost and longest first like a regex alternation but a few
    times faster on Chinese text, where nearly every character starts some word."""

    by_first: dict  # first character -> words, longest first

    @classmethod
    def of(cls, words) -> "_WordList":
        by_first: dict = {}
        for w in sorted(set(words), key=len, reverse=True):
            by_first.setdefault(w[0], []).append(w)
        return cls({k: tuple(v) for k, v in by_first.items()})

    def find(self, text: str, chars: set | None = None) -> list[tuple[int, int, str]]:
        hits = []
        for ch in self.by_first.keys() & (chars if chars is not None else set(text)):
            for w in self.by_first[ch]:
                i = text.find(w)
                while i >= 0:
                    hits.append((i, -len(w), w))
                    i = text.find(w, i + 1)
        hits.sort()
        out, last = [], 0
        for i, neg, w in hits:
            if i >= last:
                out.append((i, i - neg, w))
                last = i - neg
        return out


@dataclass(frozen=True)
class _Lex:
    fold: dict
    master: regex.Pattern
    prefix: regex.Pattern
    far: regex.Pattern
    metric_words: _WordList
    places: _WordList
    idioms: _WordList
    after_noun: regex.Pattern
    units: dict
    not_after: dict
    qual_after: dict
    qual_before: dict
    qual_far: dict
    down: frozenset
    rate_words: tuple
    down_rate: frozenset
    metric_of: dict
    category: regex.Pattern
    threshold: regex.Pattern
    days_words: tuple
    own: dict
    list_seps: frozenset
    place_skip_before: str
    place_org: regex.Pattern
    qual_after_lengths: tuple  # longest first
    money_default: str
    money_metrics: frozenset
    item_trim: frozenset
    item_trim_lengths: tuple  # longest first
    far_firsts: frozenset
    stage_span: regex.Pattern
    dateline: regex.Pattern
    respectively: str
    rate_after: tuple
    copulas: str
    split_number: regex.Pattern


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    d = lexicon.load("facts_zh")
    t2s = d["t2s"]
    fold = dict(numbers_zh.FOLD)
    fold.update({ord(t2s[i]): t2s[i + 1] for i in range(0, len(t2s) - 1, 2) if t2s[i] != t2s[i + 1]})
    chn, arabic = numbers_zh.CHINESE, numbers_zh.ARABIC
    nc = numbers_zh.NUMERAL_CHARS
    num = rf"(?:(?<![0-9.]|[0-9],){arabic}(?:{lexicon.alternation(d['multipliers'])})?|(?<![{nc}]){chn})"
    units = {k: tuple(v) for k, v in d["units"].items()}
    qual_after = {w: q for q, ws in d["qualifier_after"].items() for w in ws}
    per = rf"(?:/(?:{lexicon.alternation(d['per_units'])}))?"
    # the first number is read once, then what follows it says which kind of figure it is
    master = regex.compile(
        rf"(?=[-−0-9{nc}])(?:(?P<half>一半)|百分之(?P<pnum>{num})"
        rf"|(?:(?<=[\p{{Han}}:：])(?P<sign>[-−])|(?<![/\-]))(?P<a>{num})(?:"
        rf"分之(?P<fnum>{num})"
        r"|/(?P<sb>[1-9][0-9]{0,2})(?![0-9/.])"
        rf"|(?P<da>大)(?=[^，,。；;、\n]{{0,10}}?(?:{lexicon.alternation(d['da_heads'])}))"
        rf"|%?\s?(?:到|至|~|-|—|–)\s?(?P<b>{num})(?P<bapprox>多|余)?(?P<bmult>万亿|亿|万)?\s?"
        rf"(?P<bunit>{lexicon.alternation(units)}){per}"
        rf"|(?P<approx>多|余)?(?P<mult>万亿|亿|万)?\s?(?P<unit>{lexicon.alternation(units)}){per}"
        r"|(?P<bare>)(?![\p{Han}0-9%])))",
    )
    up, down = d["growth_up"], d["growth_down"]
    qb = {w: q for q, ws in d["qualifier_before"].items() for w in ws}
    prefix = regex.compile(
        rf"(?:(?P<gap>{_qualifiers(d['gap_words'], d['gap_not_after'])})"
        rf"|(?:(?P<of_rate>{lexicon.alternation(d['growth_rate_words'])})?(?P<gverb>{lexicon.alternation(up + down)})"
        rf"(?P<level>{lexicon.alternation(d['level_markers'])})?"
        rf"|(?P<rate>{lexicon.alternation(d['growth_rate_words'] + d['decline_rate_words'])})(?:{lexicon.alternation(d['rate_connectors'])})?)?"
        rf"了?(?P<q>{_qualifiers(qb, d['qualifier_not_after'])})?(?:{lexicon.alternation(d['connectors'])})?"
        rf"(?P<blocked>{lexicon.alternation(d['blocked_before'])})?(?P<vague>{lexicon.alternation(d['vague_before'])})?)",
        regex.REVERSE,  # matched backwards from the figure: one anchored attempt
    )
    qf = {w: q for q, ws in d["qualifier_far"].items() for w in ws}
    far = regex.compile(rf"(?P<q>{lexicon.alternation(qf)})[^，,。；;、\n0-9]{{0,16}}", regex.REVERSE)
    metric_of = {w: m for m, ws in d["metric_words"].items() for w in ws}
    own = {w: lvl for lvl in ("own_city", "own_district", "own_province") for w in d[lvl]}
    return _Lex(
        fold=fold, master=master, prefix=prefix, far=far,
        metric_words=_WordList.of(metric_of),
        places=_WordList.of(list(d["places"]) + list(own)),
        idioms=_WordList.of(d["idioms"]),
        after_noun=regex.compile(r"[\p{Han}A-Za-z“”\"]{1,12}"),
        units=units, not_after={k: tuple(v) for k, v in d["not_after"].items()},
        qual_after=qual_after, qual_before=qb, qual_far=qf,
        down=frozenset(down), rate_words=tuple(d["growth_rate_words"]), down_rate=frozenset(d["decline_rate_words"]),
        metric_of=metric_of,
        category=regex.compile(lexicon.alternation(d["category_nouns"])),
        threshold=regex.compile(rf"(?:以上|以下)?的?(?:{lexicon.alternation(d['threshold_nouns'])})|级"),
        days_words=tuple(d["days_words"]), own=own, list_seps=frozenset(d["list_separators"]),
        place_skip_before=d["place_skip_before"],
        place_org=regex.compile(rf"[\p{{Han}}]{{0,6}}?(?:{lexicon.alternation(d['place_org_heads'])})"),
        qual_after_lengths=tuple(sorted({len(w) for w in qual_after}, reverse=True)),
        money_default=d["money_default"], money_metrics=frozenset(d["money_metrics"]),
        item_trim=frozenset(d["item_trim"]),
        item_trim_lengths=tuple(sorted({len(w) for w in d["item_trim"]}, reverse=True)),
        far_firsts=frozenset(w[0] for w in qf),
        stage_span=regex.compile(d["stage_span"]),
        dateline=regex.compile(d["dateline_after"]),
        respectively=d["respectively"],
        rate_after=tuple(d["rate_after"]),
        copulas=d["copulas"],
        split_number=regex.compile(d["split_number"]),
    )


@dataclass(slots=True)
class _Page:
    """What one page's figures are judged against, found once per page."""

    body: str
    text: str  # folded copy, same length
    meta: Metadata
    sent_starts: list[int]
    full_starts: list[int]  # sentences ended by 。！？ only (a subject carries over a ；)
    kw_pos: list[int]
    kws: list[tuple[int, int, str, str]]  # start, end, word, metric
    place_pos: list[int]
    places: list[tuple[int, int, str]]  # start, end, folded word
    main_place: str | None
    date_pos: list[int]
    dates: list[DateMention]
    idioms: list[tuple[int, int]]  # in order, none overlapping
    idiom_pos: list[int]

    def in_idiom(self, pos: int) -> bool:
        i = bisect.bisect_right(self.idiom_pos, pos) - 1
        return i >= 0 and pos < self.idioms[i][1]

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        lo = self.sent_starts[i] if i >= 0 else 0
        hi = self.sent_starts[i + 1] if i + 1 < len(self.sent_starts) else len(self.text)
        return lo, hi

    def clause_start(self, pos: int, limit: int) -> int:
        for i in range(pos - 1, max(limit, pos - 40) - 1, -1):
            if self.text[i] in _CLAUSE_BREAK:
                return i + 1
        return max(limit, pos - 40)


def _page(body: str, text: str, meta: Metadata, dates: list[DateMention], lx: _Lex) -> _Page:
    ends = list(_SENTENCE_END.finditer(text, timeout=lexicon.TIMEOUT))
    starts = [0] + [m.end() for m in ends]
    full = [0] + [m.end() for m in ends if m["full"]]
    chars = set(text)
    kws = [(s, e, w, lx.metric_of[w]) for s, e, w in lx.metric_words.find(text, chars)]
    places, partner_end = [], -1
    for s, e, w in lx.places.find(text, chars):
        if s and text[s - 1] == "、" and partner_end == s - 1:
            partner_end = e  # 与天府新区、广安、宜宾: the list goes on
        elif _part_of_name(text, s, e, lx):
            partner_end = e if s and text[s - 1] in lx.place_skip_before else -1
        else:
            places.append((s, e, w))
    main = _main_place(body, places, meta, lx)
    ds = sorted(dates, key=lambda x: x.start)
    idioms = [(s, e) for s, e, _ in lx.idioms.find(text, chars)]
    return _Page(body, text, meta, starts, full, [k[0] for k in kws], kws, [p[0] for p in places], places, main,
                 [x.start for x in ds], ds, idioms, [i[0] for i in idioms])


def _metric_word(page: _Page, pos: int, lo: int, wanted) -> tuple[str, str, int] | None:
    """The nearest metric word before pos (not before lo) whose metric is in wanted: word, metric, start."""
    i = bisect.bisect_left(page.kw_pos, pos) - 1
    while i >= 0 and page.kws[i][0] >= lo:
        s, e, w, m = page.kws[i]
        if e <= pos and (wanted is None or m in wanted):
            return w, m, s
        i -= 1
    return None


def _part_of_name(text: str, s: int, e: int, lx: _Lex) -> bool:
    """A place inside an organisation or a role (成都市统计局, 四川省副省长), a partner (占重庆, 与宜宾),
    or a dateline (新华社重庆1月19日电)."""
    return (s > 0 and text[s - 1] in lx.place_skip_before
            or bool(lx.place_org.match(text, e, timeout=lexicon.TIMEOUT))
            or text[e:e + 1].isdigit() and bool(lx.dateline.match(text, e, timeout=lexicon.TIMEOUT)))


def _canonical(place: str) -> str:
    return place[:-1] if len(place) > 2 and place[-1] in "市区县省" else place


def _main_place(body: str, places, meta: Metadata, lx: _Lex) -> str | None:
    """The place the page talks about most (its headline counts twice), as first written."""
    votes = Counter(_canonical(w) for _, _, w in places if w not in lx.own)
    title = (meta.title or "").translate(lx.fold)
    for s, e, w in lx.places.find(title):
        if w not in lx.own and not _part_of_name(title, s, e, lx):
            votes[_canonical(w)] += 2
    if not votes:
        return None
    top = votes.most_common(1)[0][0]
    return next((body[s:e] for s, e, w in places if _canonical(w) == top), top)


def _subject(page: _Page, pos: int, clause_lo: int, lx: _Lex) -> str | None:
    """The last place of the figure's clause, else the first of its sentence before it (up to ；, then 。: its
    topic), else the paragraph's last one before, else the page's; 我市 and the like read as the main place."""
    j = bisect.bisect_left(page.place_pos, pos) - 1
    pick = page.places[j] if j >= 0 and page.places[j][0] >= clause_lo and page.places[j][1] <= pos else None
    full_lo = page.full_starts[bisect.bisect_right(page.full_starts, pos) - 1]
    for lo in (page.sent_starts[bisect.bisect_right(page.sent_starts, pos) - 1], full_lo):
        if pick is not None:
            break
        j = bisect.bisect_left(page.place_pos, lo)
        if j < len(page.places) and page.places[j][1] <= pos and (
                lo == full_lo or page.clause_start(page.places[j][0], lo) == page.places[j][0]):
            pick = page.places[j]  # up to ；, a place that opens a clause (；成都GDP...), not 列重庆市第一
    if pick is None:  # j: the first place of the full sentence, after the figure
        para = page.text.rfind("\n", 0, pos)
        pick = page.places[j - 1] if j >= 1 and page.places[j - 1][0] > para else None
    if pick is None:
        return page.main_place
    s, e, w = pick
    return page.main_place if w in lx.own else page.body[s:e]


def _period(page: _Page, pos: int) -> DateMention | None:
    """The last date mention before pos in the same paragraph that is not a base of comparison (较去年同期)."""
    i = bisect.bisect_left(page.date_pos, pos) - 1
    para = page.text.rfind("\n", 0, pos)
    while i >= 0:
        d = page.dates[i]
        if d.start <= para:
            return None
        if d.end <= pos and not (d.start and page.text[d.start - 1] in _COMPARED_WITH):
            return d
        i -= 1
    return None


def _overlaps_date(page: _Page, s: int, e: int) -> bool:
    i = bisect.bisect_left(page.date_pos, e) - 1
    while i >= 0:
        d = page.dates[i]
        if d.end > s:
            return True
        if d.start < s - 40:
            return False
        i -= 1
    return False


@dataclass(slots=True)
class _Cand:
    value: float
    unit: str
    kind: str
    num_start: int
    end: int
    qualifier: str
    numeral: str  # the number as written (folded)
    rule: str
    unit_word: str | None = None  # the unit word of the units table (个, 元, 个亿)


def _is_han(ch: str) -> bool:
    return bool(ch) and "\u4e00" <= ch <= "\u9fff"


def _value(s: str) -> float | None:
    return numbers_zh.parse(s)


def _candidates(m: regex.Match, lx: _Lex) -> list[_Cand]:
    """The figures one pattern match holds (two for a range), before context checks."""
    s, e = m.start(), m.end()
    if m["half"]:
        return [_Cand(50.0, "percent", "fraction", s, e, "exact", "一", "zh_fraction_v1")]
    if m["pnum"]:
        v = _value(m["pnum"])
        return [] if v is None else [_Cand(v, "percent", "pct", s, e, "exact", m["pnum"], "zh_percent_v1")]
    a = m["a"]
    if m["fnum"]:
        den, num = _value(a), _value(m["fnum"])
        if not den or num is None or num > den:
            return []
        return [_Cand(round(100 * num / den, 4), "percent", "fraction", s, e, "exact", m["fnum"], "zh_fraction_v1")]
    if m["sb"]:
        # 2/3: small Arabic fractions only (01/30 is a date, 3/15 too likely one)
        b = int(m["sb"])
        if not a.isdigit() or len(a) > 2 or a[0] == "0" or int(a) >= b or b > 10 and b not in (100, 1000):
            return []
        return [_Cand(round(100 * int(a) / b, 2), "percent", "fraction", s, e, "exact", a, "zh_fraction_v1")]
    v = _value(a)
    if v is None:
        return []
    if m["sign"]:
        v = -v  # 增速为-2.3%
    if m["da"] is not None:
        return [_Cand(v, "items", "da", s, e, "exact", a, "zh_da_count_v1")]
    if m["bare"] is not None:
        if a[-1] not in numbers_zh.BIG:
            return []
        return [_Cand(v, "", "bare", s, e, "exact", a, "zh_bare_v1")]
    if m["unit"] is not None:
        return _with_unit(v, a, m["unit"], m["mult"], m["approx"], s, e, lx)
    hi = _value(m["b"])
    if not hi:
        return []
    pair = _with_unit(hi, m["b"], m["bunit"], m["bmult"], m["bapprox"], s, e, lx)
    if len(pair) != 1:
        return []
    top = pair[0]
    # 5至10万元, 3到5个亿, 七到八成: a low end ending in a digit shares the high end's multiplier
    lo = v * top.value / hi if a.translate(numbers_zh.FOLD)[-1] in numbers_zh.DIGITS or a[-1].isdigit() else v
    if lo >= top.value:
        return []
    low = _Cand(lo, top.unit, top.kind, s, e, "over", a, "zh_range_v1", top.unit_word)
    top.qualifier, top.rule = "up_to", "zh_range_v1"
    return [low, top]


def _with_unit(v: float, numeral: str, unit_word: str, mult: str | None, approx: str | None,
               s: int, e: int, lx: _Lex) -> list[_Cand]:
    unit, kind = lx.units[unit_word]
    if kind == "skip":
        return []
    if mult:
        v *= numbers_zh.parse(mult)  # 1000多万元
    if kind == "money_yi":
        v, kind = v * 1e8, "money"
    elif kind == "tenth":
        if v > 10 or v != int(v):
            return []
        v, kind = v * 10, "pct"
    return [_Cand(v, unit, kind, s, e, "over" if approx else "exact", numeral, f"zh_{kind}_v1", unit_word)]


def extract(body: str, meta: Metadata, dates: list[DateMention]) -> list[Fact]:
    if not body:
        return []
    lx = _lex()
    text = body.translate(lx.fold)
    if " " in text:  # 1 2个: a number split by a hard-wrap space reads whole (the space moves after it)
        text = lx.split_number.sub(r"\1\2 ", text, timeout=lexicon.TIMEOUT)
    matches = list(lx.master.finditer(text, timeout=lexicon.TIMEOUT))
    if not matches:
        return []
    page = _page(body, text, meta, dates, lx)
    out: list[Fact] = []
    seen: set = set()
    said: set = set()  # keys of the facts kept, without their period
    prev: tuple[int, str, float] | None = None  # end, kind and value of the last growth rate
    headings: dict[int, bool] = {}
    for m in matches:
        line_lo = text.rfind("\n", 0, m.start()) + 1
        if line_lo not in headings:
            headings[line_lo] = _is_heading(text, line_lo)
        if headings[line_lo]:
            continue
        for c in _candidates(m, lx):
            judged = _judge(page, c, lx, prev)
            if judged is None:
                continue
            fact, key = judged
            prev = (c.end, c.kind, fact.value) if fact.metric == "growth_rate" else None
            base = key[:3] if fact.metric == "count" else key[:4]  # counts name their things in other words
            if key in seen or (key[4] is None and base in said):
                continue  # a repeat without a period of its own restates the figure said before
            seen.add(key)
            said.add(base)
            out.append(fact)
    return _respectively(page, out, lx) if lx.respectively in text else out


def _respectively(page: _Page, facts: list[Fact], lx: _Lex) -> list[Fact]:
    """成都和重庆的出口分别增长5%和6%: the figures of a 分别 clause go to the places before it, in turn."""
    text = page.text
    at = text.find(lx.respectively)
    while at >= 0:
        lo, hi = page.sentence(at)
        places = [w for s, e, w in lx.places.find(text[lo:at]) if w not in lx.own
                  and not lx.place_org.match(text, lo + e, timeout=lexicon.TIMEOUT)]
        for percent in (True, False):
            idx = [i for i, f in enumerate(facts) if at < f.start < hi and (f.unit == "percent") == percent]
            if len(idx) >= 2 and len(idx) == len(places) == len(set(places)):
                for i, k in zip(idx, range(len(places))):
                    s = lo + text[lo:at].find(places[k])
                    facts[i] = replace(facts[i], subject=page.body[s:s + len(places[k])])
        at = text.find(lx.respectively, at + 1)
    return facts


def _is_heading(text: str, lo: int) -> bool:
    """A short line with no clause punctuation: a headline, deck or sub-head kept in the body, whose
    figures repeat or preview the text's (gold leaves them out)."""
    hi = text.find("\n", lo)
    line = text[lo:hi if hi >= 0 else len(text)].strip()
    return (len(line) <= _HEADING_MAX and not _CLAUSE_PUNCT.intersection(line)
            and not _BULLET.match(line, timeout=lexicon.TIMEOUT))


def _judge(page: _Page, c: _Cand, lx: _Lex, prev) -> tuple[Fact, tuple] | None:
    """The fact a candidate makes in its context, with the key that finds its repeats; None when it makes none."""
    text = page.text
    s, e = c.num_start, c.end
    if _overlaps_date(page, s, e) or page.in_idiom(s):
        return None
    before = text[s - 1] if s else ""
    after = text[e:e + 12]
    unit_word = c.unit_word
    # model codes (问界M9, but GDP3.2万亿元 is a figure), quoted framework names (“13+2”, “2335”)
    model_code = before.isascii() and before.isalpha() and _MODEL_CODE.search(text, max(0, s - 3), s,
                                                                              timeout=lexicon.TIMEOUT)
    if model_code or before == "“" and after[:1] in "”+" or before == "+":
        return None
    if unit_word and after.startswith(lx.not_after.get(unit_word, ())):
        return None
    if c.kind == "money" and before and before in "从向" and _in_stage(text, s, e, lx):
        return None
    sent_lo, sent_hi = page.sentence(s)
    clause_lo = page.clause_start(s, sent_lo)
    near = _metric_word(page, s, sent_lo, None)
    if near and near[1] == "spec" and near[2] >= clause_lo:
        return None  # 售价30万元, 续航里程1000公里: a product's spec
    w_lo = max(sent_lo, s - 24)
    p = lx.prefix.match(text, w_lo, s, timeout=lexicon.TIMEOUT)
    if p and (p["blocked"] or p["vague"] and not c.numeral[:1].isdigit()
              or p["gap"] and ("比" in text[sent_lo:s] or "较" in text[sent_lo:s])):
        return None
    qualifier = c.qualifier
    mention_start = s
    if p and p["q"]:
        qualifier = lx.qual_before[p["q"]] if c.qualifier != "up_to" else "up_to"
        mention_start = min(mention_start, p.start("q"))
    elif c.qualifier == "exact" and lx.far_firsts.intersection(text[clause_lo:s]):
        f = lx.far.match(text, clause_lo, s, timeout=lexicon.TIMEOUT)
        if f:
            qualifier = lx.qual_far[f["q"]]
    suffix = next((after[:n] for n in lx.qual_after_lengths if after[:n] in lx.qual_after), "")
    rate_noun = bool(suffix) and c.kind in _PERCENTISH and after.startswith(lx.rate_after, len(suffix))
    end = e
    if suffix:
        if suffix in ("以上", "以下") and _is_han(after[2:3]) and not rate_noun:
            return None  # 10亿元以上项目: a class threshold (but 保持30%以上的增长 is a rate)
        if c.qualifier != "up_to":
            qualifier = lx.qual_after[suffix]
        end = e + len(suffix)
    if c.kind == "money" and lx.threshold.match(after, len(suffix), timeout=lexicon.TIMEOUT):
        if not after.startswith("级台阶"):
            return None
        qualifier = "over"  # 迈上3万亿元级台阶: the level reached
    # growth verbs and rates
    growth, negative = False, False
    if p and (p["gverb"] or p["rate"]) and (not p["level"] or p["of_rate"]):
        growth = True
        w = p["gverb"] or p["rate"]
        # 增速回落至5%: the rate's new level, not a change of it
        negative = not p["level"] and (w in lx.down or w in lx.down_rate)
        mention_start = min(mention_start, p.start("gverb" if p["gverb"] else "rate"))
    elif prev and (prev[1] == c.kind or {prev[1], c.kind} <= _RATE_KINDS) and prev[0] < s and \
            text[prev[0]:s] in lx.list_seps:
        growth, negative = True, prev[2] < 0  # 分别下降5%、8%: the list shares its verb
    metric, unit, value = None, c.unit, c.value
    if not _COUNTED.intersection(c.numeral) and not (p and p["q"]):
        return None  # 百, 万 alone are vague or idiomatic (万元, 千家万户) unless a qualifier counts them: 上百家, 逾千亿元
    if c.kind in _PERCENTISH:
        # 增速连续3年保持在6%以上: a growth rate named earlier in the clause
        growth = growth or rate_noun or any(w in text[clause_lo:s] for w in lx.rate_words) or \
            bool(prev and sent_lo <= prev[0] < s and before in lx.copulas)  # 增速10.7%,二季度是11%: the rate again
        metric = "growth_rate" if growth else "percentage"
    elif c.kind == "times":
        if not growth:
            return None
        metric = "growth_rate"
    elif c.kind == "money":
        mw = _metric_word(page, s, sent_lo, lx.money_metrics)
        metric = mw[1] if mw else lx.money_default
    elif c.kind == "volume":
        metric = "other_quantity" if near and near[1] == "other_quantity" and near[2] >= clause_lo else "output_volume"
    elif c.kind == "area":
        metric = "area"
    elif c.kind == "bare":
        # 常住人口3213万, 投资5亿: a multiplier with no unit reads as its metric's unit
        mw = near if near and near[2] >= clause_lo else None
        if mw and mw[1] == "population":
            metric, unit = "population", "persons"
        elif mw and mw[1] in lx.money_metrics and c.numeral[-1] in "亿億":
            metric, unit = mw[1], "CNY"
        else:
            return None
    elif c.kind in _COUNTABLE:
        if value != int(value) or value < 1:
            return None
        if c.kind != "da" and value < 10 and not any(ch.isdigit() for ch in c.numeral):
            return None  # 一个, 两省市, 三个方面: small Chinese numerals name abstractions
        if unit_word == "个" and _PP_LIST.match(after, timeout=lexicon.TIMEOUT):
            return None
        noun = lx.after_noun.match(text, e, min(e + 8, len(text)), timeout=lexicon.TIMEOUT)
        if noun and lx.category.search(noun[0], timeout=lexicon.TIMEOUT):
            return None
        if c.kind == "days":
            if not any(w in text[clause_lo:s] for w in lx.days_words):
                return None
            metric = "count"
        elif c.kind == "persons":
            # 与2020年末相比,增加24.5万人: a sentence naming no metric continues the paragraph's
            lo = sent_lo if near else page.text.rfind("\n", 0, s) + 1
            metric = "population" if _metric_word(page, s, lo, {"population"}) else "count"
        else:
            metric = "count"
    if metric is None or value == 0 or not math.isfinite(value):
        return None
    if negative:
        value = -value
    period = _period(page, s)
    subject = _subject(page, s, clause_lo, lx)
    item = _item(page, clause_lo, mention_start, e, c, lx) or (page.body[near[2]:near[2] + len(near[0])] if near else None)
    # a repeated figure is one fact; the same value said of another metric word or period is another
    key = (metric, unit, round(value, 6), near and near[0], period and (period.date_start, period.date_end))
    return Fact(
        metric=metric, value=float(value), unit=unit, qualifier=qualifier,
        mention=page.body[mention_start:end], start=mention_start, end=end,
        sentence=page.body[sent_lo:sent_hi].strip(), rule=c.rule,
        subject=subject, item=item,
        period=period.mention if period else None,
        as_of=period.date_end if period else page.meta.published_date,
    ), key


def _in_stage(text: str, s: int, e: int, lx: _Lex) -> bool:
    """Whether text[s:e] is one end of a stage passed through: 从1000美元向3000美元过渡."""
    return any(m.start() < s and e <= m.end() for m in
               lx.stage_span.finditer(text, max(0, s - 16), min(len(text), e + 20), timeout=lexicon.TIMEOUT))


def _item(page: _Page, clause_lo: int, start: int, end: int, c: _Cand, lx: _Lex) -> str | None:
    """What is counted or measured: the noun after a count (1400万台打印机), else the words before the figure."""
    if c.kind in ("count", "persons", "volume"):
        noun = lx.after_noun.match(page.text, end, timeout=lexicon.TIMEOUT)
        if noun:
            return page.body[noun.start():noun.end()]
    hi = start
    while True:
        n = next((n for n in lx.item_trim_lengths
                  if hi - n >= clause_lo and page.text[hi - n:hi] in lx.item_trim), 0)
        if not n:
            break
        hi -= n
    return page.body[max(clause_lo, hi - 20):hi].strip() or None
