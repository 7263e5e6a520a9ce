"""Title, publisher, author and publication date of a page.

Read from the raw lines: the header zone (first non-blank lines), the footer
zone (last non-blank lines) and any other line carrying a field label. The
boilerplate decisions are not needed: header fields are recognised by their
own shape. Patterns and word lists live in `data/metadata.yaml`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from pathlib import PurePosixPath
from urllib.parse import urlsplit

import regex

from . import lexicon
from .config import Config, Source
from .boilerplate import WRAPPED_RULE
from .model import LineDecision, Metadata


# --- patterns ---------------------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _compile(key: str, flags: int = 0) -> regex.Pattern:
    return regex.compile(_fill(lexicon.load("metadata")[key]), flags)


@lru_cache(maxsize=None)
def _subs() -> dict[str, str]:
    d = lexicon.load("metadata")
    return {"{MON}": "(?i:" + lexicon.alternation(d["months"]) + ")",
            "{NAMES_ZH}": d["names_zh"].replace("{NAME_ZH}", d["name_zh"]), "{NAME_ZH}": d["name_zh"]}


def _fill(pat: str) -> str:
    for k, v in _subs().items():
        pat = pat.replace(k, v)
    return pat


def P(key: str, flags: int = 0) -> regex.Pattern:  # noqa: N802 - short accessor for compiled patterns
    return _compile(key, flags)


@lru_cache(maxsize=None)
def _words(key: str, word_bounded: bool = True) -> regex.Pattern:
    return lexicon.words_pattern(lexicon.load("metadata")[key]) if word_bounded else \
        regex.compile(lexicon.alternation(lexicon.load("metadata")[key]), regex.IGNORECASE)


@lru_cache(maxsize=None)
def _label(kind: str) -> regex.Pattern:
    """`<label>:` of one kind, at a field start (line start or after a separator)."""
    words = lexicon.load("metadata")["labels"][kind]
    return regex.compile(r"(?:^|(?<=[\s|｜\[【(（]))(?:" + lexicon.alternation(words) + r")\s*[:：]\s*", regex.IGNORECASE)


@lru_cache(maxsize=None)
def _field_label() -> regex.Pattern:
    """Any `<label>:` field."""
    words = [w for ws in lexicon.load("metadata")["labels"].values() for w in ws]
    return regex.compile(r"(?:^|(?<=[\s|｜\[【(（]))(?:" + lexicon.alternation(words) + r")\s*[:：]", regex.IGNORECASE)


@lru_cache(maxsize=None)
def _any_label() -> regex.Pattern:
    """A field label or a credit mark ('Reporting by', 'By X', 记者, X/文)."""
    marks = lexicon.alternation(lexicon.load("metadata")["credit_marks"])
    return regex.compile(_field_label().pattern + r"|^\s*By\s|" + marks, regex.IGNORECASE)


@lru_cache(maxsize=None)
def _label_words() -> tuple[str, ...]:
    return tuple(w.casefold() for ws in lexicon.load("metadata")["labels"].values() for w in ws)


def _label_before_colon(low: str) -> bool:
    """A label word just before a colon in casefolded `low`: what a `<label>:` field needs (a cheap pre-test)."""
    words = _label_words()
    for colon in (":", "："):
        at = low.find(colon)
        while at >= 0:
            if low[:at].rstrip().endswith(words):
                return True
            at = low.find(colon, at + 1)
    return False


@lru_cache(maxsize=None)
def _wordset(key: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in lexicon.load("metadata")[key])


@lru_cache(maxsize=None)
def _months() -> dict[str, int]:
    return {k.casefold(): v for k, v in lexicon.load("metadata")["months"].items()}


@lru_cache(maxsize=None)
def _date_patterns() -> tuple[tuple[str, regex.Pattern], ...]:
    pats = lexicon.load("metadata")["date_patterns"]
    return tuple((rule, regex.compile(_fill(p), regex.IGNORECASE)) for rule, p in pats.items())


_YEAR = regex.compile(r"(?:19|20)\d\d")
_HAN = regex.compile(r"\p{Han}")
_SPACE = regex.compile(r"\s+")
_LATIN = regex.compile(r"[A-Za-z]")
_FULL_STOP = regex.compile(r"\.[\"”']?$")
_PADDED_NAME = regex.compile(r"^\p{Han}\s+\p{Han}$")
_SENTENCE_END = regex.compile(r"\b[a-z]{3,}\.[\"”']?\s*$")  # 'grew.' ends a sentence; 'U.S.' and 'Ltd.' do not


def _s(pat: regex.Pattern, text: str):
    return pat.search(text, timeout=lexicon.TIMEOUT)


_LABEL_WINDOW = 240  # chars searched for a field label: fields are short lines or open a longer one


@lru_cache(maxsize=8192)
def _has_label(text: str) -> bool:
    """A field label or credit mark in `text`; literal tests first, the pattern only on lines that pass them."""
    head = text[:_LABEL_WINDOW]
    low = head.casefold()
    if not (_label_before_colon(low) or low.lstrip().startswith("by")
            or any(m in low for m in lexicon.load("metadata")["credit_marks"])):
        return False
    return _any_label().search(head, timeout=lexicon.TIMEOUT) is not None


@lru_cache(maxsize=8192)
def _has_field(text: str) -> bool:
    """A `<label>:` field in `text`."""
    return _label_before_colon(text.casefold()) and _field_label().search(text, timeout=lexicon.TIMEOUT) is not None


# --- registry ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Registry:
    sources: tuple[Source, ...]

    @classmethod
    def from_config(cls, cfg: Config) -> "Registry":
        return cls(cfg.registry)

    @cached_property
    def _exact(self) -> dict[str, Source]:
        out: dict[str, Source] = {}
        for s in self.sources:
            for a in (s.name, s.name_zh, *s.aliases, *s.domains):
                if a:
                    out.setdefault(a.casefold(), s)
        return out

    @cached_property
    def _names(self) -> tuple[tuple[str, str, Source], ...]:
        """(casefolded name, name, source), longest first."""
        seen: dict[str, tuple[str, str, Source]] = {}
        for s in self.sources:
            for a in (s.name, s.name_zh, *s.aliases, *s.domains):
                if a and a.casefold() not in seen:
                    seen[a.casefold()] = (a.casefold(), a, s)
        return tuple(sorted(seen.values(), key=lambda t: -len(t[0])))

    def lookup(self, text: str) -> Source | None:
        """The source whose name, alias or domain is exactly `text` (a subdomain counts)."""
        key = text.strip().casefold()
        if key in self._exact:
            return self._exact[key]
        key = key.removeprefix("www.")
        if key in self._exact:
            return self._exact[key]
        while "." in key and registrable(key) != key:  # sub.site.com.cn -> site.com.cn, never com.cn
            key = key.split(".", 1)[1]
            if key in self._exact:
                return self._exact[key]
        return None

    @cached_property
    def _found(self) -> dict[str, tuple[Source, str] | None]:
        return {}

    def find(self, text: str) -> tuple[Source, str] | None:
        if text not in self._found:
            if len(self._found) > 10_000:  # bounded memo of recent lines
                self._found.clear()
            self._found[text] = self._find(text)
        return self._found[text]

    def _find(self, text: str) -> tuple[Source, str] | None:
        """The first source named anywhere in `text`, with the words as written.

        Plain substring tests (fast on short header lines), then word edges for
        Latin names; short all-caps names (APP, MIC) must match their case.
        """
        low = text.casefold()
        best: tuple[int, int, Source] | None = None
        for cf, name, src in self._names:
            at = low.find(cf)
            while at >= 0:
                end = at + len(cf)
                starts_inside = _latin(cf[0]) and at > 0 and (_latin(low[at - 1]) or low[at - 1] in ".@-")
                ends_inside = _latin(cf[-1]) and end < len(low) and (_latin(low[end]) or low[end] == "-")
                case_ok = not (name.isupper() and len(name) <= 6) or text[at:end] == name
                if not starts_inside and not ends_inside and case_ok:
                    if best is None or at < best[0]:
                        best = (at, end, src)
                    break
                at = low.find(cf, at + 1)
        return (best[2], text[best[0]:best[1]]) if best else None


# --- small helpers ----------------------------------------------------------------------------------------

def _latin(c: str) -> bool:
    return c.isascii() and c.isalnum()


def _is_zh(text: str) -> bool:
    return _HAN.search(text, timeout=lexicon.TIMEOUT) is not None


def _han_share(text: str) -> float:
    t = _SPACE.sub("", text, timeout=lexicon.TIMEOUT)
    return len(_HAN.findall(t, timeout=lexicon.TIMEOUT)) / max(len(t), 1)


def registrable(domain: str) -> str:
    """`news.example.com.cn` -> `example.com.cn`."""
    parts = domain.casefold().removeprefix("www.").split(".")
    suffixes = set(lexicon.load("metadata")["public_suffixes"])
    n = 3 if ".".join(parts[-2:]) in suffixes else 2
    return ".".join(parts[-n:])


@dataclass(frozen=True)
class _Date:
    date: dt.date
    precision: str
    mention: str
    rule: str


@lru_cache(maxsize=4096)
def parse_date(text: str) -> _Date | None:
    """The earliest complete date written in `text`."""
    if not ("19" in text or "20" in text) or not _s(_YEAR, text):
        return None
    best: tuple[int, _Date] | None = None
    for rule, pat in _date_patterns():
        m = pat.search(text, timeout=lexicon.TIMEOUT)
        if not m or (best and m.start() >= best[0]):
            continue
        got = _to_date(m, rule)
        if got:
            best = (m.start(), got)
    return best[1] if best else None


def _to_date(m, rule: str) -> _Date | None:
    g = m.groupdict()
    try:  # int() refuses some digits that \d matches (U+11DE4)
        y = int(g["y"])
        mo = g.get("m") or "1"
        mo = int(mo) if mo.isdigit() else _months().get(mo.casefold().rstrip("."))
        d = int(g["d"]) if g.get("d") else None
        if rule in ("slash_mdy_v1", "dotted_dmy_v1", "dash_dmy_v1") and mo and mo > 12 and d and d <= 12:  # 18/04/2011: swap
            mo, d = d, mo
        date = dt.date(y, mo or 0, d or 1)
    except (ValueError, TypeError):
        return None
    if not dt.date(1900, 1, 1) <= date <= dt.date(2100, 1, 1):
        return None
    return _Date(date, "day" if d else "month" if g.get("m") else "year", m[0].strip(), rule)


@lru_cache(maxsize=4096)
def _residual(text: str) -> str:
    """What is left of a line once dates, times, weekdays, labels and separators are gone."""
    t = text
    for _, pat in _date_patterns():
        t = pat.sub(" ", t, timeout=lexicon.TIMEOUT)
    t = P("time_of_day").sub(" ", t, timeout=lexicon.TIMEOUT)
    t = _words("weekdays").sub(" ", t, timeout=lexicon.TIMEOUT)
    t = _label("date").sub(" ", t, timeout=lexicon.TIMEOUT)
    t = _words("date_words").sub(" ", t, timeout=lexicon.TIMEOUT)
    t = P("url").sub(" ", t, timeout=lexicon.TIMEOUT) if "." in t else t  # 'http://www.site.com 2000年3月29日 中新社'
    return regex.sub(r"[\s|｜•·,，:：()（）\-–—>]+", " ", t, timeout=lexicon.TIMEOUT).strip()


def _clean_value(text: str) -> str:
    """A field value up to the next separator or label, without dates and times; an empty field gives ''."""
    if _field_label().match(text, timeout=lexicon.TIMEOUT):
        return ""  # '来源: 发布时间:': the next label, not a value
    v = P("value_stop").split(text, maxsplit=1, timeout=lexicon.TIMEOUT)[0]
    d = parse_date(v)
    if d:
        v = v[: v.find(d.mention)] if v.find(d.mention) > 0 else v.replace(d.mention, " ")
    v = P("time_of_day").sub(" ", v, timeout=lexicon.TIMEOUT)
    return v.strip(" \t,，;；:：-–—|()（）[]【】").strip()


def _is_outlet_like(value: str, registry: Registry) -> bool:
    if registry.lookup(value) or registry.find(value) or _s(P("domain"), value.casefold()):
        return True
    if _is_zh(value):
        return len(value) >= 3 and value.endswith(tuple(lexicon.load("metadata")["outlet_suffix_zh"]))
    words = value.split()
    if len(words) == 1 and regex.match(r"^[A-Z][a-z]+[A-Z]\w+$", value, timeout=lexicon.TIMEOUT):  # CamelCase brand, e.g. GoChengdu
        return True
    return any(w.casefold() in _wordset("outlet_words_en") for w in words[1:])


def _placeholder(name: str) -> bool:
    """'Staff Reporter', '转载': a credit that names nobody."""
    return name.strip().casefold() in _wordset("not_names")


def _title_case(name: str) -> str:
    return " ".join(w.capitalize() if w.isupper() and len(w) > 1 else w for w in name.split()) if name.isupper() else name


def _zh_names(text: str) -> str | None:
    """`唐 琴` -> 唐琴; several names keep their separators; placeholders are not names."""
    bad = _wordset("not_names")
    parts = regex.split(r"\s*([、,，])\s*", text.strip(), timeout=lexicon.TIMEOUT)
    out = []
    for p in parts:
        if p and p in "、,，":
            out.append(p)
            continue
        name = p.strip()
        if _s(_PADDED_NAME, name):
            name = _SPACE.sub("", name, timeout=lexicon.TIMEOUT)  # '唐 琴': a space padding a two-character name
        if not name or name in bad:
            return None
        out.append(name)
    joined = "".join(out).strip("、,，")
    return joined or None


# --- the page ---------------------------------------------------------------------------------------------

@dataclass
class _Page:
    lines: list[str]
    lang: str
    registry: Registry
    header: list[int]
    footer: list[int]
    middle: list[int]
    prefixed: int | None = None  # the line that starts with the scraper's ' date YYYY-MM-DD' prefix
    wrapped: frozenset[int] = frozenset()  # lines of kept hard-wrapped paragraphs: running text, however short
    memo: dict = field(default_factory=dict)

    def text(self, i: int) -> str:
        return self.lines[i].strip()


def _zones(lines: list[str]) -> tuple[list[int], list[int], list[int]]:
    z = lexicon.load("metadata")["zones"]
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    header = nonblank[: z["header_lines"]]
    footer = nonblank[-z["footer_lines"]:]  # may overlap the header on a short page
    inner = set(header) | set(footer)
    middle = [i for i in nonblank if i not in inner and len(lines[i]) <= 120 and _has_label(lines[i])]  # fields are short lines
    return header, footer, middle


@lru_cache(maxsize=8192)
def _is_body(text: str, zh: bool) -> bool:
    """A paragraph of running text."""
    if zh:
        return "。" in text or len(text) > 90 or (len(text) > 40 and text[-1:] in "！!？?;；")
    n = len(text.split())
    return n >= 40 or (n >= 10 and bool(_FULL_STOP.search(text.rstrip(), timeout=lexicon.TIMEOUT)))


# The longest date line: a long date, a time zone, a weekday and two words ('Updated: Wednesday, ... | China Daily').
_DATE_LINE_MAX_CHARS = 100


@lru_cache(maxsize=4096)
def _is_date_line(text: str, zh: bool) -> bool:
    """A line that is a date, maybe with a time, weekday, section or outlet name."""
    if len(text) > _DATE_LINE_MAX_CHARS or not parse_date(text) and not _lone_year(text):
        return False
    rest = _residual(text)
    if zh or _is_zh(rest):
        return len(rest.replace(" ", "")) <= 16
    return len(rest.split()) <= 2


def _is_meta(page: _Page, i: int) -> bool:
    if ("meta", i) not in page.memo:
        page.memo[("meta", i)] = _meta_line(page, i)
    return page.memo[("meta", i)]


def _byline(t: str):
    """'By X' on a short line."""
    return _s(P("en_by"), t) if t[:14].lstrip().casefold().startswith(("by", "written")) and len(t.split()) <= 12 else None


def _lone_year(t: str):
    """A line holding only a year: the first part of a date split over lines."""
    return _s(P("split_year"), t) if len(t.strip()) == 4 else None


def _reporter_line(t: str):
    """An own-line byline ('重庆日报记者 唐 琴')."""
    return _s(P("zh_byline_line"), t) if len(t) <= 40 and ("记者" in t or "記者" in t) else None


def _outlet_byline(t: str, registry: Registry):
    """An own-line byline of an outlet and a reporter with a common surname ('某某日报 张三')."""
    m = _s(P("zh_outlet_byline"), t) if len(t) <= 40 and not t.isascii() else None  # its names are Han
    if m and m["names"][0] in _zh_surnames() and _is_outlet_like(m["outlet"], registry):
        return m
    return None


@lru_cache(maxsize=None)
def _zh_surnames() -> frozenset[str]:
    return frozenset(lexicon.load("entities_zh")["surnames"])


def _meta_line(page: _Page, i: int) -> bool:
    t = page.text(i)
    if _is_body(t, page.lang == "zh") and i != page.prefixed:
        return False
    return bool(_has_field(t) or _is_date_line(t, page.lang == "zh") or _masthead(t)
                or _byline(t) or ("/文" in t or "文/" in t) and _s(P("zh_writer"), t)
                or i == page.prefixed or _reporter_line(t) or _outlet_byline(t, page.registry))


def _strip_title(raw: str) -> str:
    t = P("scraper_prefix").sub("", raw, count=1, timeout=lexicon.TIMEOUT) if "date" in raw[:8] else raw
    t = P("glued_link").sub("", t, timeout=lexicon.TIMEOUT)
    t = P("title_tags").sub("", t, timeout=lexicon.TIMEOUT) if "_" in t else t
    return t.strip()


def _title_like(page: _Page, text: str) -> bool:
    if ("title", text) not in page.memo:
        page.memo[("title", text)] = _headline_shape(page, text)
    return page.memo[("title", text)]


def _headline_shape(page: _Page, text: str) -> bool:
    """A line shaped like a headline: not a paragraph, a field, a date, a caption or site chrome."""
    zh = _is_zh(text) and _han_share(text) > 0.3
    if not text or _is_body(text, zh):
        return False
    if zh:
        if not 5 <= len(text) <= 90:
            return False
    else:
        n = len(text.split())
        if not 3 <= n <= 40 or not _LATIN.search(text, timeout=lexicon.TIMEOUT):
            return False
    if text.rstrip()[-1:] in ":：" or _s(_SENTENCE_END, text) or _is_chrome(text):
        return False
    if _breadcrumb(text) or _menu(text) or any(_s(P(key), text) for key in ("bullet", "caption", "phone")):
        return False
    if _has_field(text) or _is_date_line(text, zh) or _masthead(text):
        return False
    low = text.casefold().strip(" .:")
    if low in _wordset("page_labels"):
        return False
    words = text.split()
    if (len(words) <= 6 or (zh and len(text) <= 16)) and _s(_words("chrome"), text):
        return False
    hit = page.registry.find(text)
    if hit and len(text.replace(hit[1], "").split()) <= 1 and len(text.replace(hit[1], "")) <= 8:
        return False  # the site banner: an outlet name, maybe with a word such as 'Title'
    return True


def _deck_under_headline(page: _Page, line: str, above: int) -> bool:
    """A Chinese e-paper's subtitle: a line of figures and commas under a shorter headline without them."""
    up = _strip_title(page.lines[above])
    return (bool(_s(_DECK, line)) and not _s(_DECK, up) and len(up) < len(line) and _title_like(page, up)
            and not _is_meta(page, above))


_DECK = regex.compile(r"[,，].*\d|\d.*[,，]")  # a comma and a figure


def _menu(text: str) -> bool:
    """'Home | Search | Sign in | PDF edition': three or more short items between bars."""
    items = [t for t in regex.split(r"\s*[|｜]\s*", text, timeout=lexicon.TIMEOUT) if t]
    return len(items) >= 3 and all(len(t.split()) <= _MENU_ITEM_WORDS and len(t) <= _MENU_ITEM_CHARS for t in items)


_MENU_ITEM_WORDS, _MENU_ITEM_CHARS = 4, 24  # a menu entry; a headline's halves around a bar are longer


def _is_name_line(text: str) -> bool:
    return bool(_s(P("en_name_line"), text)) and not _s(P("photo_credit", regex.IGNORECASE), text)


# --- title ------------------------------------------------------------------------------------------------

@lru_cache(maxsize=4096)
def _masthead(text: str):
    """An issue line ('Connect, no. 156, ...'); only lines with a digit and an issue word can be one."""
    if not any(d in text for d in "0123456789"):
        return None
    low = text.casefold()
    if not ("期" in text or any(w in low for w in lexicon.load("metadata")["masthead_words"])):
        return None
    return _s(P("masthead"), text)


def _breadcrumb(text: str):
    low = text.casefold()
    return _s(P("breadcrumb"), text) if any(c in low for c in _wordset("breadcrumb_marks")) else None


def _is_chrome(text: str) -> bool:
    """Site text that reads like a paragraph (a cookie notice)."""
    return _s(_words("site_notice"), text) is not None


def _issue_only(page: _Page, i: int) -> bool:
    t = page.text(i)
    return bool(_masthead(t)) and not _has_field(t) and i != page.prefixed


def _title(page: _Page) -> tuple[str | None, int | None, str | None, str | None]:
    """(title, line, rule, name line under it)."""
    header = page.header
    zh = page.lang == "zh"
    metas = {k for k, i in enumerate(header) if _is_meta(page, i)}
    for k in sorted(metas):
        i = header[k]
        if _issue_only(page, i):
            continue  # an issue line dates the newsletter; the headline may sit above or below it
        if i == page.prefixed:
            rest = _strip_title(page.lines[i])
            if _title_like(page, rest):
                return rest, i, "title_after_prefix_v1", None
            continue
        name_line = None
        for j in range(k - 1, -1, -1):
            t = _strip_title(page.lines[header[j]])
            if j in metas or _is_body(t, zh) and not _is_chrome(t) or header[j] in page.wrapped:
                break
            if not zh and name_line is None and _is_name_line(t):
                name_line = (t, header[j])
                continue
            if _title_like(page, t):
                if zh and j > 0 and j - 1 not in metas and _deck_under_headline(page, t, header[j - 1]):
                    return _strip_title(page.lines[header[j - 1]]), header[j - 1], "title_above_deck_v1", None
                under = name_line and header[j + 1] == name_line[1]  # a name line right under the headline
                return t, header[j], "title_above_meta_v1", name_line[0] if under else None
        if name_line and _title_like(page, name_line[0]):
            return name_line[0], name_line[1], "title_above_meta_v1", None
    last = None
    for i in header:
        t = _strip_title(page.lines[i])
        if _is_body(t, zh) and not _is_chrome(t) or i in page.wrapped:
            break
        if _title_like(page, t):
            last = (t, i)
    if last:
        return last[0], last[1], "title_before_body_v1", None
    return None, None, None, None


# --- fields -----------------------------------------------------------------------------------------------

def _label_values(page: _Page, kind: str, idx: list[int]):
    """(line, value) for each `<label>: value` of this kind."""
    lab = _label(kind)
    for i in idx:
        t = page.text(i)
        if not _has_label(t):
            continue
        for m in lab.finditer(t, timeout=lexicon.TIMEOUT):
            yield i, t[m.end():]


@dataclass(frozen=True)
class _Pub:
    name: str  # as written
    source: Source | None
    rule: str
    by_name: bool = True  # False: the source is known but goes by `name` here (a portal's address)


def _resolve(page: _Page, value: str, rule: str, exact_only: bool = False) -> _Pub | None:
    """The outlet named by a field value: a registry entry, else (unless `exact_only`) the value as written."""
    value = value.strip()
    src = page.registry.lookup(value)
    if src is None and not exact_only and (hit := page.registry.find(value)):
        src, value = hit
    return _Pub(value, src, rule) if value and (src or not exact_only) else None


def _source_of(reg: Registry, text: str) -> Source | None:
    return reg.lookup(text) or (hit[0] if (hit := reg.find(text)) else None)


def _credit_parts(credit: str) -> list[str]:
    """'APP - UrduPoint / Pakistan Point News - 21st Mar, 2025' -> the two names."""
    parts = [p.strip() for p in regex.split(r"\s+[-–—]\s+|\s*;\s*", credit, timeout=lexicon.TIMEOUT) if p.strip()]
    return [p for p in parts if not parse_date(p)]


Found = tuple[_Pub | None, str | None]  # (publisher, via)


def _publisher(page: _Page, title_line: int | None) -> Found:
    """The outlet the page credits, in the order of the conventions; and a wire or host for `via`."""
    for step in (_from_fields, _from_meta_segments, _from_credits, _from_reporter_outlet, _from_bracket_credit,
                 _from_closing_credit, _from_body_credit):
        if found := step(page, title_line):
            return found
    return _from_site(page, title_line)


def _from_fields(page: _Page, title_line: int | None) -> Found | None:
    """A source field ('Source: X', '来源:X'), an Author: field holding an outlet."""
    reg = page.registry
    for i, v in _label_values(page, "source", page.header + page.footer + page.middle):
        v = _clean_value(v)
        if v.casefold() in _wordset("not_outlets"):
            continue
        if v and len(v) <= 60 and (i in page.header or _is_outlet_like(v, reg)):  # not a chart's data source
            pub = _resolve(page, v, "source_field_v1")
            return pub, _agency_via(page, pub.source)
    for _, v in _label_values(page, "author", page.header + page.footer):
        v = _clean_value(v)
        if v and _is_outlet_like(v, reg):
            return _resolve(page, v, "author_field_outlet_v1"), None
    return None


def _from_meta_segments(page: _Page, title_line: int | None) -> Found | None:
    """An outlet in a byline or date line under the headline: 'By X | China Daily | Updated: ...', '重庆发布 2023-09-22'."""
    reg = page.registry
    zh = page.lang == "zh"
    for i in page.header:
        t = page.text(i)
        by = _byline(t)
        if by and (src := _source_of(reg, by["names"])):
            return _Pub(src.name, src, "byline_outlet_v1"), _agency_via(page, src)  # 'By Global Times'
        if ("|" in t or "｜" in t or by) and _is_meta(page, i):
            segs = [seg.strip() for seg in regex.split(r"\s*[|｜,]\s*", t, timeout=lexicon.TIMEOUT)]
            for seg in segs:
                if src := reg.lookup(seg):
                    return _Pub(seg, src, "meta_segment_outlet_v1"), _agency_via(page, src)
            for seg in segs if "|" in t or "｜" in t else ():  # '|SomeNews|Published: ...': an outlet as written
                if _has_label(seg) or parse_date(seg):
                    break  # after the date comes a section ('2013-01-31 | Southwest China'), not the source
                if ob := _outlet_byline(seg, reg):  # '某某日报 张三 | ...': the outlet without its reporter
                    return _resolve(page, ob["outlet"], "byline_outlet_v1"), None
                if seg and not _byline(seg) and _is_outlet_like(seg, reg):
                    return _Pub(seg, None, "meta_segment_outlet_v1"), None
    pub = _date_line_outlet(page, [i for i in page.header if title_line is None or i > title_line], "date_line_outlet_v1")
    return (pub, None) if pub else None


def _date_line_outlet(page: _Page, idx: list[int], rule: str) -> _Pub | None:
    """'2025-01-10 08:25:32  IT之家': a date line naming an outlet is its source field."""
    for i in idx:
        t = page.text(i)
        if _is_date_line(t, page.lang == "zh") and not _has_label(t):
            for seg in _residual(t).split():
                if _s(_words("chrome", False), seg):
                    continue  # '返回报网首页': a site link, not a name
                if _is_outlet_like(seg, page.registry) and not _s(P("domain"), seg):
                    return _resolve(page, seg, rule)
    return None


def _from_credits(page: _Page, title_line: int | None) -> Found | None:
    """Credits opening the article: 讯 / 据...报道 / 新华社...电, wire datelines '(Xinhua)', '/PRNewswire/'."""
    reg = page.registry
    zh = page.lang == "zh"
    body_start = [i for i in page.header if _is_body(page.text(i), zh)][:3]
    for i in sorted([i for i in page.header if i not in body_start and len(page.text(i)) <= 40] + body_start):
        t = page.text(i)
        for key in ("credit_xun", "credit_ju", "dateline_zh") if _is_zh(t[:30]) else ():
            m = _s(P(key), t)
            if m and m["credit"] not in _wordset("credit_placeholders"):
                if key == "credit_xun" and not _is_outlet_like(m["credit"], reg):
                    continue
                return _resolve(page, m["credit"], f"{key}_v1"), None
            if m and key == "credit_xun" and (paren := _s(P("zh_paren_outlet"), t)):
                outlet = regex.sub(r"^.*[-—]", "", paren["outlet"], timeout=lexicon.TIMEOUT)  # 新重庆-重庆日报 -> 重庆日报
                if _is_outlet_like(outlet, reg):
                    return _resolve(page, outlet, "zh_paren_outlet_v1"), None
        if _is_zh(t[:30]) and (outlet := _dated_credit_outlet(page, t)):
            return _resolve(page, outlet, "credit_dated_v1"), None
        m = _dateline(t)
        if not m:
            continue
        parts = _credit_parts(m["credit"])
        found = [(p, _source_of(reg, p)) for p in parts]
        found = [(p, s) for p, s in found if s or _is_outlet_like(p, reg) or len(parts) == 1]
        if found:
            outlets = [(p, s) for p, s in found if not (s and s.kind == "agency")]
            agencies = [s for _, s in found if s and s.kind == "agency"]
            p, s = (outlets or [(None, a) for a in agencies])[0]
            pub = _Pub(s.name if s and (not zh or p is None) else p, s, "dateline_credit_v1")
            # an outlet crediting an agency keeps its name (the agency is the via); a repost names its host
            via = agencies[0].name if outlets and agencies else None
            return pub, via or (None if zh else _host(page, pub, i))
    return None


def _dated_credit(t: str):
    """'某某网-某某客户端10月22日14时45分讯', '某某网成都4月16日消息': a credit with a date before 讯 / 消息 / 电."""
    return _s(P("credit_dated"), t) if "月" in t[:45] else None


def _dated_credit_outlet(page: _Page, t: str) -> str | None:
    """The outlet of a dated credit: the longest opening that ends an outlet name; what follows is the place."""
    m = _dated_credit(t)
    if not m:
        return None
    pre = m["pre"].strip()
    ends = [len(hit[1]) for hit in [page.registry.find(pre)] if hit and pre.startswith(hit[1])]
    ends += [k + len(suf) for suf in lexicon.load("metadata")["outlet_suffix_zh"] for k in _find_all(pre, suf)]
    for end in sorted(set(ends), reverse=True):
        if len(pre) - end <= _PLACE_CHARS and pre[:end] not in _wordset("credit_placeholders"):
            return pre[:end]
    return None


_PLACE_CHARS = 8  # a place between the outlet and the date: a city or province name, '成都', '黑龙江哈尔滨'


def _find_all(text: str, sub: str):
    at = text.find(sub)
    while at >= 0:
        yield at
        at = text.find(sub, at + 1)


def _dateline(t: str):
    """A wire dateline's credit: 'SAN FRANCISCO, June 28 (Xinhua) --', 'Beijing (Gasgoo)-', '/PRNewswire/'."""
    if "(" not in t[:120] and "/" not in t[:160] and "--" not in t[:160]:
        return None
    m = _s(P("dateline_paren"), t)
    if m and (m["place"].isupper() or m["sep"]) and m["credit"].strip().casefold() not in _wordset("dateline_not_credit"):
        return m
    return _s(P("dateline_wire"), t)


def _from_reporter_outlet(page: _Page, title_line: int | None) -> Found | None:
    """An own-line byline naming the reporter's outlet ('重庆日报记者 唐 琴')."""
    for i in page.header + page.footer:
        t = page.text(i)
        m = _reporter_line(t.rsplit("。", 1)[-1] if t.endswith(("摄", "攝", "摄影", "攝影")) else t)  # a caption's photo credit
        m = m or _outlet_byline(t, page.registry)
        if m and m["outlet"]:
            for outlet in (m["outlet"], regex.sub(r"^.*[-—]", "", m["outlet"], timeout=lexicon.TIMEOUT)):
                if _is_outlet_like(outlet, page.registry):
                    return _resolve(page, outlet, "byline_outlet_v1"), None
    return None


def _from_bracket_credit(page: _Page, title_line: int | None) -> Found | None:
    """An own line that is only a bracketed outlet credit, above or below the article."""
    for i in page.footer + page.header:
        t = page.text(i)
        m = _bracket_credit(t)
        if m and len(m["credit"].split()) <= 6 and _is_outlet_like(m["credit"].strip(), page.registry):
            return _resolve(page, m["credit"], "bracket_credit_v1"), None
    return None


def _bracket_credit(t: str):
    """'(Example Evening News)', '(Xinhua News Agency April 27, 2003)': an own-line credit, maybe dated."""
    m = _s(P("bracket_credit", regex.IGNORECASE), t) if len(t) <= 60 and t[:1] in "(（" else None
    return m if m and (not m["date"] or parse_date(m["date"])) else None


_CREDITED_PARAGRAPH_WORDS = 8  # running text, not a caption or a menu line


def _from_closing_credit(page: _Page, title_line: int | None) -> Found | None:
    """A registry outlet credited at the end of the last paragraph: '... growth.—Xinhua'."""
    for i in reversed(page.footer):
        t = page.text(i)
        if _is_body(t, page.lang == "zh") or len(t.split()) >= _CREDITED_PARAGRAPH_WORDS:
            m = _s(P("closing_credit"), t[-40:])
            src = page.registry.lookup(m["credit"].strip()) if m else None
            return (_Pub(src.name, src, "closing_credit_v1"), None) if src else None
    return None


def _from_body_credit(page: _Page, title_line: int | None) -> Found | None:
    """'a reporter from X learned ...', 'X reporters learned ...' in the first sentence of an English story."""
    if page.lang == "zh":
        return None
    for i in page.header:
        t = page.text(i)
        if not _is_body(t, False):
            continue
        first = t[:300]
        if any(w in first.casefold() for w in _wordset("body_credit_marks")):
            m = _s(P("en_body_credit"), first)
            if m and _is_outlet_like(src := m["src"].strip().rstrip("."), page.registry):
                return _resolve(page, src, "body_credit_v1"), None
        return None  # only the first paragraph
    return None


def _title_site(page: _Page, title_line: int | None) -> _Pub | None:
    """'Headline - Site' / 'Headline_Site' at the top: the site part names the site (a known outlet or organisation)."""
    title = page.text(title_line) if title_line is not None else None
    for i in page.header[:5]:
        t = page.text(i)
        if i == title_line or len(t) > 160 or not any(c in t for c in "-–—|｜_"):  # a page title is one short line
            continue
        m = _s(P("title_site"), t)
        if not m or parse_date(site := m["site"].strip()):
            continue
        same = bool(title) and (m["head"].strip() == title or title.startswith(m["head"].strip()))
        if src := _source_of(page.registry, site):
            return _Pub(site, src, "title_site_v1")
        org = site.endswith(tuple(lexicon.load("metadata")["org_suffix_zh"])) or _is_outlet_like(site, page.registry)
        if same and org:
            return _Pub(site, None, "title_site_v1")
    return None


def _from_site(page: _Page, title_line: int | None) -> Found:
    """The site's own name (outlet line, masthead, banner, breadcrumb, copyright, contact), else a visible domain."""
    reg = page.registry
    above = [i for i in page.header if title_line is not None and i < title_line]
    if pub := _date_line_outlet(page, above, "epaper_masthead_v1"):
        return pub, None  # an e-paper's masthead date line: the paper of a '本报讯' story
    fallback = None  # an outlet not in the registry, as written
    for k, i in enumerate(page.header):
        t = page.text(i)
        m = _masthead(t)
        if m and m["name"]:
            fallback = fallback or _Pub(m["name"].strip(), reg.lookup(m["name"]), "masthead_v1")
        elif m and k and _is_outlet_like(above := page.text(page.header[k - 1]), reg) and len(above.split()) <= 6:
            fallback = fallback or _resolve(page, above, "masthead_v1")  # the newsletter's name on the line above
        if fallback and fallback.source:
            return fallback, None
        if len(t) <= 40 and i != title_line and (pub := _resolve(page, t, "outlet_line_v1", exact_only=True)):
            return pub, None
    for i in page.header[:5] + page.footer:
        t = page.text(i)
        m = _s(P("email_domain"), t) if "@" in t else None
        if m and (src := reg.lookup(m["domain"])):
            return _Pub(m["domain"], src, "contact_domain_v1"), None
        for key in ("copyright", "copyright_zh"):
            m = _s(P(key, regex.IGNORECASE), t) if any(w in t.casefold() for w in _wordset("copyright_marks")) else None
            if m and (hit := reg.find(m["name"])):
                return _Pub(hit[1], hit[0], "copyright_v1"), None
            if m and _is_outlet_like(name := m["name"].strip(), reg) and not _s(P("domain"), name.casefold()):
                fallback = fallback or _Pub(name, None, "copyright_v1")
        crumb = _breadcrumb(t)
        if crumb or i in page.header[:5] and len(t) <= 30:
            hit = reg.find(t)
            if hit and (crumb or len(_residual(t.replace(hit[1], " ")).split()) <= 1):
                return _Pub(hit[1], hit[0], "site_name_v1"), None
        if crumb and not fallback:  # '首页 » 资讯 » 某某网 » 正文': a channel named as a site
            fallback = next((_Pub(c, None, "site_name_v1") for c in P("crumb_split").split(t, timeout=lexicon.TIMEOUT)
                             if _s(P("crumb_site"), c.strip())), None)
    if fallback:
        return fallback, None
    if pub := _title_site(page, title_line):
        return pub, None
    if title_line is not None and page.header and page.header[0] < title_line and _s(P("org_banner"), page.text(page.header[0])):
        return _Pub(page.text(page.header[0]), None, "org_banner_v1"), None  # the site's banner: an office's own name
    for i in page.header + page.footer:
        t = page.text(i)
        m = (_s(P("email_domain"), t) if "@" in t else None) or \
            (_s(P("domain"), t.casefold()) if "." in t and len(t) <= 160 else None)
        if m:
            dom = registrable(m["domain"])
            return _Pub(dom, reg.lookup(dom), "visible_domain_v1"), None
    return None, None


def _agency_via(page: _Page, own: Source | None) -> str | None:
    """The agency credited in an English dateline when the page names its own outlet."""
    if page.lang == "zh":
        return None
    for i in page.header:
        m = _dateline(page.text(i))
        if m:
            for part in _credit_parts(m["credit"]):
                s = page.registry.lookup(part)
                if s and s.kind == "agency" and s is not own:
                    return s.name
            return None
    return None


def _host(page: _Page, pub: _Pub, line: int) -> str | None:
    """A re-posting host named in the page header above the dateline."""
    for i in page.header:
        if i >= line:
            break
        hit = page.registry.find(page.text(i))
        if hit and hit[0] is not pub.source:
            return hit[0].name
    return None


def _via(page: _Page, pub: _Pub | None, title: str | None) -> str | None:
    reg = page.registry
    if title:
        m = _s(P("title_agency_suffix"), title)
        if m:
            s = reg.lookup(m["src"])
            if s and s.kind == "agency" and (pub is None or pub.source is not s):
                return s.name
    for i in page.header:
        t = page.text(i)
        if not any(w in t for w in lexicon.load("metadata")["via_marks"]):
            continue
        m = _s(P("via_reported"), t)
        if m and (pub is None or registrable(m["src"]) not in (pub.source.domains if pub and pub.source else ())):
            return m["src"]
        m = _s(P("via_according"), t)
        if m:
            hit = reg.find(m["src"])
            if hit and (pub is None or hit[0] is not pub.source):
                return hit[0].name
    return None


def _publisher_name(pub: _Pub, lang: str) -> str:
    s = pub.source
    if s is None or not pub.by_name:
        return pub.name
    if lang == "zh":
        return pub.name if _is_zh(pub.name) else (s.name_zh or s.name)
    return s.name


# --- author -----------------------------------------------------------------------------------------------

def _author(page: _Page, name_line: str | None, registry: Registry) -> tuple[str | None, str | None]:
    zones = page.header + page.footer + page.middle
    head = page.header
    # a reporter credit
    for i in head + page.footer:
        t = page.text(i)
        if (m := _outlet_byline(t, registry)) and (n := _zh_names(m["names"])):
            return n, "zh_outlet_byline_v1"
        if not any(m in t for m in lexicon.load("metadata")["label_marks"]):
            continue
        reporter = "记者" in t or "記者" in t
        for key, rule, present in (("zh_reporter_paren", "zh_reporter_v1", reporter), ("zh_reporter_xun", "zh_reporter_v1", reporter),
                                   ("zh_byline_line", "zh_byline_v1", reporter), ("zh_writer", "zh_writer_v1", "文" in t)):
            if not present:
                continue
            m = _reporter_line(t) if key == "zh_byline_line" else _s(P(key), t)
            if m and not _s(P("zh_photo_after"), t[m.end():]) and (n := _zh_names(m["names"])):
                return n, rule
        if m := _byline(t):
            if not _s(P("photo_credit", regex.IGNORECASE), t[: m.start("names")]):
                parts = regex.split(r"\s*,\s*", m["names"], timeout=lexicon.TIMEOUT)
                names = ", ".join(p for p in parts if p and not _is_outlet_like(p, registry) and not _placeholder(p)
                                  and p.split()[0].casefold() not in _months())  # 'By March, ...' is no byline
                if names:
                    return _title_case(names), "by_line_v1"
    for i in (*head, *page.middle[:1]):
        t = page.text(i)
        m = _s(P("zh_wire_author"), t[:60]) if _is_zh(t[:30]) else None
        if m and _dated_credit(t) and (n := _zh_names(m["names"])):
            return n, "zh_wire_author_v1"
    for i in zones:
        m = _s(P("en_reporting"), page.text(i)) if "eporting by" in page.text(i) else None
        if m:
            return m["names"].strip().rstrip("."), "reporting_by_v1"
    for i, v in _label_values(page, "author", zones):
        v = P("author_value_prefix").sub("", _clean_value(v), timeout=lexicon.TIMEOUT)
        if v and not _placeholder(v) and not _is_outlet_like(v, registry) and not _s(P("photo_credit", regex.IGNORECASE), v):
            n = _zh_names(v) if _is_zh(v) else _title_case(v)
            if n:
                return n, "author_field_v1"
    if name_line:
        return _title_case(name_line), "name_line_v1"
    for kind in ("editor", "translator"):
        for i, v in _label_values(page, kind, zones):
            v = P("staff_code").sub("", _clean_value(v), timeout=lexicon.TIMEOUT).strip()
            if v and not _placeholder(v) and not _is_outlet_like(v, registry):
                n = _zh_names(v) if _is_zh(v) else _title_case(v)
                if n:
                    return n, f"{kind}_field_v1"
    for i in zones:
        t = page.text(i)
        m = _s(P("zh_editor_line"), t) if len(t) <= 24 and ("编" in t or "編" in t) else None
        if m and (n := _zh_names(P("staff_code").sub("", m["names"], timeout=lexicon.TIMEOUT))):
            return n, "editor_line_v1"
    return None, None


# --- publication date -------------------------------------------------------------------------------------

def _published(page: _Page, title_line: int | None) -> _Date | None:
    zh = page.lang == "zh"
    head = page.header
    # 1. labelled dates and dates on source/author lines of the header
    if d := _labelled_date(page, head):
        return d
    # 2. the scraper's date prefix
    if head:
        m = _s(P("scraper_prefix"), page.lines[head[0]]) if page.prefixed is not None else None
        if m and (d := parse_date(m[1])):
            return _Date(d.date, "day", m[1], "scraper_date_v1")
    dateline = _dateline_date(page)
    # 3. header date lines under the headline (above it only on an e-paper), mastheads, split dates
    epaper = any(_s(P("epaper_marks"), page.text(i)) for i in head[:8])
    paragraphs = 0
    for k, i in enumerate(head):
        t = page.text(i)
        if title_line is not None and i < title_line and not epaper and not _masthead(t):
            continue  # a date widget above the headline shows the crawl day
        if _is_body(t, zh) and not _is_chrome(t):
            paragraphs += title_line is None or i > title_line
            if paragraphs >= 2:
                break  # the article has begun (a deck may come first): later dates are not the header's
            continue
        m = _lone_year(t)
        if m and k + 1 < len(head):
            md = _s(P("split_month_day"), page.text(head[k + 1]))
            if md:
                try:
                    return _Date(dt.date(int(m[1]), int(md[1]), int(md[2])), "day", f"{t} {page.text(head[k + 1])}",
                                 "split_date_v1")
                except ValueError:
                    pass
        if _is_date_line(t, zh) or _masthead(t):
            d = parse_date(t)
            if d:
                if dateline and dateline.date < d.date:
                    return dateline  # a repost host's widget date, later than the original dateline
                return d
    # 4. the dateline of the first paragraph
    if dateline:
        return dateline
    # 5. a footer line repeating the date with the byline (e-paper footers)
    for i in page.footer:
        t = page.text(i)
        if _reporter_line(t) or _has_label(t) or _bracket_credit(t):
            d = parse_date(t)
            if d and d.precision == "day":
                return _Date(d.date, d.precision, d.mention, "footer_date_v1")
    # 6. a labelled date further down the page
    if d := _labelled_date(page, [i for i in page.middle if len(page.text(i)) <= 80]):
        return d
    # 7. a dated credit without a year ('4月16日消息'), the year from its own paragraph
    return _credit_date(page) if zh else None


def _credit_date(page: _Page) -> _Date | None:
    for i in page.header[:6]:
        t = page.text(i)
        m = _dated_credit(t)
        if m:
            y = _s(P("credit_year"), t)
            try:
                return _Date(dt.date(int(y[1]), int(m["m"]), int(m["d"])), "day", m[0].strip(), "credit_date_v1") if y else None
            except ValueError:
                return None
    return None


def _labelled_date(page: _Page, idx: list[int]) -> _Date | None:
    for i in idx:
        t = page.text(i)
        if _has_label(t):
            for kind in ("date", "source", "author", "editor"):
                m = _s(_label(kind), t)
                if m and (d := parse_date(t[m.start():])):
                    return _Date(d.date, d.precision, d.mention, "labelled_date_v1")
    return None


def _dateline_date(page: _Page) -> _Date | None:
    for i in page.header:
        t = page.text(i)
        m = _dateline(t)
        if m:
            d = parse_date(t[: m.end() + 40])  # the date inside or right after the credit
            if d:
                return _Date(d.date, d.precision, d.mention, "dateline_date_v1")
            return None
    return None


# --- entry points -----------------------------------------------------------------------------------------

def _from_path(source_path: str, reg: Registry) -> _Pub | None:
    """A site domain in the file's folders or name (`chinadaily.com.cn/2016/page.txt`): the last resort."""
    path = PurePosixPath(source_path)
    for part in (*reversed(path.parts[:-1]), *path.stem.split("_")):
        if m := _s(P("domain"), part.casefold()):
            dom = registrable(m["domain"])
            return _Pub(dom, reg.lookup(dom), "path_domain_v1")
    return None


def _from_url(url: str, page: _Page) -> _Pub | None:
    """The site the page was scraped from: its registry outlet, else the site's name where the page
    shows it (a header 'AI Online' for ai-online.com), else its registrable domain."""
    host = urlsplit(url).hostname or ""
    if "." not in host or host.replace(".", "").isdigit():
        return None
    src = page.registry.lookup(host)
    domain = registrable(host)
    if src is None and (shown := _site_name_shown(page, domain)):
        return _Pub(shown, None, "source_url_site_name_v1")
    return _Pub(domain, src, "source_url_v1", by_name=src is None or src.names_its_site)


def _written_as(page: _Page, src: Source) -> str | None:
    """The first Chinese form of the outlet's names that the page itself writes."""
    for line in page.lines:
        hit = page.registry.find(line) if line.strip() else None
        if hit and hit[0] is src and _is_zh(hit[1]):
            return hit[1]
    return None


def _site_name_shown(page: _Page, domain: str) -> str | None:
    """Words of a short header or footer line that spell the domain's name ('AI Online' ~ ai-online.com)."""
    key = regex.sub(r"[\W_]+", "", domain.split(".")[0], timeout=lexicon.TIMEOUT).casefold()
    if len(key) < 3:
        return None
    for i in page.header[:_SITE_NAME_LINES] + page.footer:
        words = page.text(i).split()
        if len(words) > _SITE_NAME_MAX_WORDS:
            continue
        for a in range(len(words)):
            for b in range(a + 1, min(a + 6, len(words)) + 1):
                if regex.sub(r"[\W_]+", "", "".join(words[a:b]), timeout=lexicon.TIMEOUT).casefold() == key:
                    return " ".join(words[a:b])
    return None


_SITE_NAME_LINES = 4  # a site's banner sits in the first lines
_SITE_NAME_MAX_WORDS = 12  # a banner or footer line, not a paragraph


def read(lines: list[str], decisions: list[LineDecision], lang: str, registry: Registry,
         source_path: str = "", url: str | None = None) -> Metadata:
    """The page's metadata, read from the raw `lines`; the cleaner's `decisions` mark hard-wrapped text."""
    header, footer, middle = _zones(lines)
    prefixed = header[0] if header and P("scraper_prefix").match(lines[header[0]], timeout=lexicon.TIMEOUT) else None
    wrapped = {d.line_no for d in decisions if d.keep and d.rule == WRAPPED_RULE}
    wrapped |= {i - 1 for i in wrapped}  # and the first line of each kept wrapped paragraph
    page = _Page(lines, lang, registry, header, footer, middle, prefixed, frozenset(wrapped))
    title, title_line, title_rule, name_line = _title(page)
    pub, via = _publisher(page, title_line)
    if pub is None and url:
        pub = _from_url(url, page)
    if pub is None and source_path:
        pub = _from_path(source_path, registry)
    if pub and pub.source and pub.by_name and lang == "zh" and not _is_zh(pub.name) and (written := _written_as(page, pub.source)):
        pub = _Pub(written, pub.source, pub.rule)  # a Chinese page keeps the outlet as it writes it ('香港文匯報')
    via = via or _via(page, pub, title)
    author, author_rule = _author(page, name_line, registry)
    date = _published(page, title_line)
    src = pub.source if pub else None
    domain = None
    if pub is not None:
        shown = " ".join(lines[i] for i in header + footer).casefold()
        domain = next((d for d in (src.domains if src else (pub.name,)) if "." in d and d.casefold() in shown), None)
        domain = domain or (pub.name if pub.rule in ("path_domain_v1", "source_url_v1") else None)
        domain = domain or (registrable(urlsplit(url).hostname) if pub.rule == "source_url_site_name_v1" else None)
    rules = tuple(r for r in (title_rule, pub.rule if pub else None, author_rule, date.rule if date else None) if r)
    return Metadata(
        title=title,
        title_line=title_line,
        publisher=_publisher_name(pub, lang) if pub else None,
        publisher_key=src.key if src else None,
        publisher_domain=domain,
        publisher_known=src is not None,
        via=via if via and (not pub or via != _publisher_name(pub, lang)) else None,
        author=author,
        published_date=date.date if date else None,
        published_precision=date.precision if date else None,
        published_mention=date.mention if date else None,
        rules=rules,
    )


# A copy of the headline this many raw lines from it (a page title printed above the article title) leaves too.
_HEADLINE_COPY_SPAN = 6


def lift_header(decisions: list[LineDecision], meta: Metadata) -> list[LineDecision]:
    """The headline leaves the body (its text lives on in documents.title), with a copy printed next to it."""
    if meta.title_line is None:
        return decisions

    def is_headline(d: LineDecision) -> bool:
        return d.line_no == meta.title_line or (
            abs(d.line_no - meta.title_line) <= _HEADLINE_COPY_SPAN and d.text.strip() == meta.title)

    return [
        LineDecision(d.line_no, d.text, False, "site_header", "headline_v1", "the page headline, moved to documents.title")
        if d.keep and is_headline(d) else d
        for d in decisions
    ]
