"""Line-level boilerplate removal: every removed line names its reason and rule.

Each non-blank line is first judged on its own (length, sentence punctuation,
share of function words, capitalised runs, separators, chrome lexicons,
caption and dateline shapes), then in context, the way jusText re-classifies
short blocks by their neighbours: lines above the first paragraph of prose
are the page header, lines below the last one the footer, a short line
between two paragraphs is an in-article heading, a line that only says
"Related" or 相关推荐 opens a block of teasers. Chinese lines are measured in
characters and Chinese punctuation, other lines in words.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from . import lexicon, templates as tpl
from .config import Config
from .model import LineDecision

GOOD, NEAR, SHORT = "good", "near", "short"
WRAPPED_RULE = "wrapped_line_v1"
WRAP_MIN_CHARS = 40  # a hard-wrapped line is long; a label line ('Tags', 'More') is not
REASONS = frozenset({"cookie_banner", "navigation", "breadcrumb", "subscribe", "share", "related_links", "caption",
                     "byline", "dateline", "contact", "legal", "site_footer", "site_header", "repeated_across_site",
                     "empty_widget", "other"})  # the boilerplate table's vocabulary (DATA_CONTRACT.md)

# English lines, in words. jusText's 70/200-character bounds are ~10/30 words:
# a paragraph of prose rarely has fewer than 10, a heading rarely more than 12.
EN_GOOD_WORDS = 10
EN_NEAR_WORDS = 8
EN_LONG_WORDS = 30  # this long is prose even without a final stop (an excerpt cut mid-sentence)
EN_CUT_WORDS, ZH_CUT_CHARS = 12, 20  # as the page's last line after prose, this long is a cut paragraph
CUT_CAPITALISED_MAX = 0.5  # ... unless most of its words are capitalised: a headline teaser
STOP_SHARE_MIN = 0.15  # of the words (not figures): prose has 25-50 %, menus and headlines under 15 %
TITLECASE_SHARE = 0.7  # capitalised share of the content words that makes a line headline-like
# Chinese lines, in characters: a sentence is ~25-40, a headline 10-40 without 。
ZH_GOOD_CHARS = 30
ZH_NEAR_CHARS = 60
ZH_LONG_CHARS = 100
# A chrome word decides a short line between two paragraphs only when it covers
# this share of the line ('Share of exports rises' stays a heading).
COVERAGE_MIN = 0.5
SMALL_WORDS, SMALL_CHARS = 3, 8  # ... or when the line is this small ('Editor: Li Na', '责任编辑:王五')
PREFIX_CHARS = 12  # a chrome word this close to the start of a Chinese line opens it
LEXICON_WINDOW = 120  # chars of a prose line searched for chrome words: notices show theirs early
SHORT_CAPTION_WORDS = 6  # 'Headquarters of SERES.': a bare noun phrase with a full stop
CAPTION_STOP_SHARE = 0.4  # ... has few function words; 'He did not elaborate.' has many
SENTENCE_STOP_SHARE = 0.25  # a short line ending in a stop with this many function words is a sentence
DATELINE_MAX_WORDS, DATELINE_MAX_CHARS = 14, 40  # a date line: a date, a time, a source or a name
MENU_WORDS, MENU_STOP_SHARE = 5, 0.2  # 'ABOUT Officials Departments Parks Industries'
RESUME_RUN = 3  # paragraphs in a row that end a teaser block (the article resumed)
ANCHOR_REACH = 3  # lines (captions aside) within which an outer paragraph must have another

# Chrome that comes as whole sentences (cookie notices, copyright statements):
# two words of one of these lexicons take a line of prose too.
PROSE_CHROME = frozenset({"cookie_banner", "legal", "subscribe", "contact"})
# Reasons whose word, opening a line, marks the whole line (a field label such as 'Source:').
STRONG_PREFIX = frozenset({"legal", "cookie_banner", "contact", "other", "dateline", "subscribe"})
_OPENERS = STRONG_PREFIX | {"byline", "related_links", "caption"}  # 'Editor: ...', 'Read more: ...', '图为...' on a line that is not prose
_MENUS = frozenset({"navigation", "breadcrumb", "cookie_banner", "subscribe"})  # chrome that parts page and article
_END_PUNCT = ".!?。！？…"
_CLOSERS = "\"'”’)）」』】 \u00a0\u3000"
_ZH_PUNCT = "，。、；：！？,;:!?…"
_ZH_STOPS = "。！？；"
_EN_STOPS = (". ", "? ", "! ")
_TOKEN_PUNCT = ".,;:!?\"'“”‘’()[]{}«»—–-|/<>*•·"
_SYMBOLS = _TOKEN_PUNCT + "!#$%&+=@\\^_`~…·•→←↑↓▶►◀◄■□●○★☆※†‡§¶ \u00a0\u3000"
_DIGITS = frozenset("0123456789")
_FIGURE_STARTS = tuple(f" {d}" for d in "0123456789$€£¥")
_CAPITAL_STARTS = tuple(f" {c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_DROP_PUNCT = str.maketrans("", "", _TOKEN_PUNCT)
_NOT_LETTERS = bytes(b for b in range(256) if not (65 <= b <= 90 or 97 <= b <= 122))
_CS_KEYS = frozenset({"dateline_stamp", "byline"})
_LISTS = ("caption_hints", "close_buttons")


@lru_cache(maxsize=1)
def _data() -> dict:
    data = dict(lexicon.load("boilerplate"))
    seps = data.pop("separators")
    lists = {k: tuple(data.pop(k)) for k in _LISTS}
    out = {k: regex.compile(v, regex.VERBOSE | (0 if k in _CS_KEYS else regex.IGNORECASE)) for k, v in data.items()}
    out["separators"] = {reason: (chars, str.maketrans({c: "\x1f" for c in chars})) for reason, chars in seps.items()}
    hints = lists["caption_hints"]
    out["caption_hints"] = (frozenset(h for h in hints if len(h) == 1), tuple(h for h in hints if len(h) > 1))
    out["close_buttons"] = frozenset(lists["close_buttons"])
    return out


@lru_cache(maxsize=8)
def _stopwords(lang: str) -> frozenset[str]:
    data = lexicon.load("stopwords")
    return frozenset((data.get(lang) or data["en"]).split())


def _core(token: str) -> str:
    return token.strip(_TOKEN_PUNCT)


@dataclass(frozen=True)
class Rules:
    """The chrome lexicons of config.yaml, indexed for one cheap pass per line.

    Words are looked up by the first token of a line token (Latin words) or
    searched as substrings where their first character occurs (other words,
    and every word on a Chinese line, where words are not separated by spaces).
    """

    by_token: dict  # first token core -> ((tokens, reason, word), ...), longest first
    by_char: dict  # first character -> ((word, reason), ...), longest first
    wide_chars: frozenset  # first characters outside ASCII (Han words, '©')
    prose: "Rules | None" = None  # the same for the reasons that can take a line of prose

    @classmethod
    def from_config(cls, cfg: Config) -> "Rules":
        reason_of: dict[str, str] = {}
        for reason, words in cfg.boilerplate.lexicons.items():
            reason = reason if reason in REASONS else "other"  # a user's own list name is no table reason
            for w in words:
                reason_of.setdefault(w.casefold().replace("：", ":"), reason)
        prose = cls._index({w: r for w, r in reason_of.items() if r in PROSE_CHROME | STRONG_PREFIX})
        return cls(*cls._index(reason_of), prose=cls(*prose))

    @staticmethod
    def _index(reason_of: dict[str, str]) -> tuple[dict, dict, frozenset]:
        by_token: dict[str, list] = {}
        by_char: dict[str, list] = {}
        for w, reason in sorted(reason_of.items(), key=lambda kv: -len(kv[0])):
            by_char.setdefault(w[0], []).append((w, reason))
            toks = tuple(w.split())
            key = _core(toks[0]).split(":")[0]
            if key[:1].isascii() and key:
                by_token.setdefault(key, []).append((toks, reason, w))
        return ({k: tuple(v) for k, v in by_token.items()}, {k: tuple(v) for k, v in by_char.items()},
                frozenset(c for c in by_char if not c.isascii()))

    def hits(self, text: str, zh: bool) -> list[tuple[str, int, int, str]]:
        """(reason, start, length, word) of every chrome word, in order; start is a
        char offset on Chinese lines, else a token index (a char offset for Han words)."""
        low = text.casefold().replace("：", ":")
        out = []
        if zh or not low.isascii():
            latin = zh and bool(low.encode("ascii", "ignore").translate(None, _NOT_LETTERS))
            for ch in set(low).intersection(self.by_char if latin else self.wide_chars):
                for w, reason in self.by_char[ch]:
                    at = low.find(w)
                    while at >= 0:
                        end = at + len(w)
                        if not (_latin_edge(w[0]) and at and _latin_edge(low[at - 1])
                                or _latin_edge(w[-1]) and end < len(low) and _latin_edge(low[end])):
                            out.append((reason, at, len(w), w))
                        at = low.find(w, end)
            out.sort(key=lambda h: h[1])
            out = _drop_nested(out)
            if zh:
                return out
        toks = low.split()
        keys = [t.strip(_TOKEN_PUNCT) for t in toks]
        if ":" in low:  # 'updated:2016-01-19' is looked up as 'updated'
            keys = [c.split(":", 1)[0] if ":" in c else c for c in keys]
        if self.by_token.keys().isdisjoint(keys):
            return out
        reach = 0
        for k in [k for k, c in enumerate(keys) if c in self.by_token]:
            if k < reach:
                continue
            for words, reason, w in self.by_token[keys[k]]:
                if _tokens_match(toks, k, words):
                    out.append((reason, k, len(w), w))
                    reach = k + len(words)
                    break
        return sorted(out, key=lambda h: h[1])


def _latin_edge(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _drop_nested(hits: list) -> list:
    out, reach = [], -1
    for h in hits:
        if h[1] >= reach:
            out.append(h)
            reach = h[1] + h[2]
    return out


def _tokens_match(toks: list[str], k: int, words: tuple[str, ...]) -> bool:
    if k + len(words) > len(toks):
        return False
    for off, w in enumerate(words):
        t = toks[k + off]
        if w == _core(w):
            if _core(t) != w:
                return False
        elif not t.lstrip(_TOKEN_PUNCT).startswith(w.lstrip(_TOKEN_PUNCT)):
            return False  # a word with its punctuation ('editor:', 'tel.') may have text glued on
    return True


@dataclass(slots=True)
class _Line:
    i: int
    raw: str
    text: str  # the judged text: stripped, without a cut prefix
    cut: int = 0  # chars of the raw line cut as a dateline prefix
    cut_rule: str = ""
    cls: str = SHORT
    zh: bool = False
    size: int = 0  # words, or non-space characters on a Chinese line
    stop_share: float = 0.0
    ends: bool = False
    bad: tuple[str, str, str] | None = None  # reason, rule, evidence
    marker: bool = False  # opens a teaser block
    lex: tuple = ()  # chrome-word hits, see Rules.hits
    wrapped: list = None  # (line_no, raw) of the physical lines of a hard-wrapped paragraph


def _measure(ln: _Line, stop: frozenset[str]) -> None:
    """Size, class and function-word share of a line."""
    t = ln.text
    tail = t.rstrip(_CLOSERS)
    ln.ends = bool(tail) and tail[-1] in _END_PUNCT
    wide = (len(t.encode("utf-8")) - len(t)) // 2  # CJK characters take three bytes in UTF-8
    ln.zh = wide >= 4 and 3 * wide >= len(t)
    if ln.zh:
        n = len("".join(t.split()))
        ln.size = n
        inner = sum(map(tail[:-1].count, _ZH_STOPS))
        punct = sum(map(t.count, _ZH_PUNCT))
        if n >= ZH_GOOD_CHARS and (ln.ends or inner) or n >= ZH_LONG_CHARS and punct >= 3:
            ln.cls = GOOD
        elif n >= ZH_NEAR_CHARS and punct >= 2 or n >= 12 and ln.ends:
            ln.cls = NEAR
        return
    bare = f" {t.translate(_DROP_PUNCT)}"  # str methods only: this runs on every word of the page
    words = bare.casefold().split()
    nw = ln.size = len(words)
    n_stop = sum(map(stop.__contains__, words))
    figures = sum(map(bare.count, _FIGURE_STARTS))  # figures are neither words nor function words
    ln.stop_share = n_stop / max(1, nw - figures)
    if ln.stop_share < STOP_SHARE_MIN:
        return
    inner = sum(map(tail.count, _EN_STOPS))
    if nw <= 25 and tail[-1:] != "." and not inner:  # a headline: capitalised words and no full stop anywhere
        caps = sum(map(bare.count, _CAPITAL_STARTS))
        if caps >= 2 and caps >= TITLECASE_SHARE * max(1, nw - n_stop):
            return
    if nw >= EN_GOOD_WORDS and (ln.ends or inner or nw >= EN_LONG_WORDS):
        ln.cls = GOOD
    elif nw >= EN_NEAR_WORDS or ln.ends and (nw >= 5 and ln.stop_share >= SENTENCE_STOP_SHARE
                                             or nw == 4 and ln.stop_share >= 2 * SENTENCE_STOP_SHARE):
        ln.cls = NEAR  # also a short sentence ('He did not elaborate.'), unlike a caption's noun phrase


def _lexicon_verdict(ln: _Line, body: bool) -> tuple[str, str, str] | None:
    """A reason when the chrome words decide the line; `body` means it sits between paragraphs."""
    hits = ln.lex
    if not hits:
        return None
    first = hits[0]
    at_start = first[1] <= PREFIX_CHARS if ln.zh else first[1] == 0
    if ln.cls == GOOD:
        per_reason: dict[str, list] = {}
        for r, _, _, w in hits:
            per_reason.setdefault(r, []).append(w)
        dense = [r for r, ws in per_reason.items() if r in PROSE_CHROME and len(ws) >= 2]
        if dense:
            return dense[0], f"lexicon_{dense[0]}_v1", f"prose line with chrome words {sorted(set(per_reason[dense[0]]))[:3]}"
        if at_start and first[0] in STRONG_PREFIX:
            return first[0], f"lexicon_{first[0]}_v1", f"prose line opened by '{first[3]}'"
        return None
    covered = sum(h[2] for h in hits) / max(1, len("".join(ln.text.split())))
    small = ln.size <= (SMALL_CHARS if ln.zh else SMALL_WORDS)
    if not body or covered >= COVERAGE_MIN or small or (at_start and first[0] in _OPENERS):
        best = first if at_start else max(hits, key=lambda h: h[2])
        return best[0], f"lexicon_{best[0]}_v1", f"chrome word '{best[3]}'"
    return None


def _shape_verdict(ln: _Line) -> tuple[str, str, str] | None:
    """Reasons read from the shape of a line."""
    d, t, to = _data(), ln.text, lexicon.TIMEOUT
    if t in d["close_buttons"] or not t.strip(_SYMBOLS):
        return "empty_widget", "empty_widget_v1", "no words, only symbols or a close button"
    if ln.size <= (150 if ln.zh else 60):
        ends = t if len(t) <= 140 else f"{t[:60]} … {t[-80:]}"
        hint = f"{ends[:14]} {ends[-40:]}".casefold()
        chars, words = d["caption_hints"]
        if (not chars.isdisjoint(hint) or any(w in hint for w in words)) and (
                d["caption_start"].match(ends, timeout=to) or d["caption_end"].search(ends, timeout=to)):
            return "caption", "caption_credit_v1", "photo credit or caption marker"
    for reason, (chars, table) in d["separators"].items():
        if not any(c in t for c in chars):
            continue
        marked = t.translate(table)
        parts = [s.split() for s in marked.split("\x1f")]
        parts = [s for s in parts if s]
        if len(parts) >= 2 and all(len(s) <= 4 and sum(map(len, s)) <= 30 for s in parts):
            return reason, f"{reason}_separators_v1", f"{len(parts)} short items between separators"
    if ln.cls == GOOD:
        return None
    if t[:3] in ("By ", "BY ") and d["byline"].match(t, timeout=to):
        return "byline", "byline_shape_v1", "'By' and a name"
    if ln.size <= (DATELINE_MAX_CHARS if ln.zh else DATELINE_MAX_WORDS) and not _DIGITS.isdisjoint(t):
        rest, n = d["date_token"].subn(" ", t, timeout=to)
        if n:
            wide = (len(rest.encode("utf-8")) - len(rest)) // 2
            left = sum(1 for w in rest.split() if any(c.isalpha() for c in w) and w.isascii())
            if left <= 3 and wide <= 6:
                return "dateline", "dateline_shape_v1", "a date or time with at most three other words"
    if not ln.zh and ln.size >= MENU_WORDS and ln.stop_share <= MENU_STOP_SHARE and not ln.ends:
        words = [w for w in t.split() if any(c.isalpha() for c in w)]
        if all(w[:1].isupper() for w in words):
            return "navigation", "menu_capitals_v1", f"{len(words)} capitalised words, no function words"
    return None


def _cut_prefix(ln: _Line) -> None:
    d, to = _data(), lexicon.TIMEOUT
    start = len(ln.raw) - len(ln.raw.lstrip())  # where ln.text begins in the raw line
    for key in ("scraper_date_prefix", "dateline_stamp"):
        m = d[key].match(ln.text, timeout=to)
        if m:
            ln.cut = start + m.end()
            ln.cut_rule = f"{key}_v1"
            rest = ln.raw[ln.cut:]
            ln.text = rest.strip()
            start = ln.cut + len(rest) - len(rest.lstrip())


def classify(lines: list[str], lang: str, rules: Rules, templates: frozenset[str] = frozenset()) -> list[LineDecision]:
    """One decision per non-blank line."""
    stop = _stopwords(lang)
    items: list[_Line] = []
    for i, raw in enumerate(lines):
        text = raw.strip()
        if not text:
            continue
        prev = items[-1] if items else None
        if prev and prev.wrapped[-1][0] == i - 1 and _continues(prev.text, text, stop):
            prev.wrapped.append((i, raw))
            prev.text = f"{prev.text} {text}"
            continue
        ln = _Line(i, raw, text)
        ln.wrapped = [(i, raw)]
        if text[:5] == "date " or text[:2].isupper() and "(" in text[:45]:
            _cut_prefix(ln)
        items.append(ln)
    for ln in items:
        if ln.text:
            _measure(ln, stop)
            if ln.cls != GOOD:
                ln.lex = tuple(rules.hits(ln.text, ln.zh))
            elif ln.zh:
                ln.lex = tuple(rules.prose.hits(ln.text[:LEXICON_WINDOW], True))
            else:
                ln.lex = tuple(rules.prose.hits(ln.text[:LEXICON_WINDOW], False))
    _judge_alone(items, rules, templates)
    _mark_related(items)
    return _decide(items)


def _cut_sentence(ln: _Line) -> bool:
    """The page's last line is a paragraph cut mid-sentence by the scraper: long enough and sentence-like."""
    if ln.zh:
        return ln.size >= ZH_CUT_CHARS and ("，" in ln.text or "," in ln.text)
    words = ln.text.split()
    capitalised = sum(w[:1].isupper() for w in words) / max(1, len(words))
    return ln.size >= EN_CUT_WORDS and ln.stop_share >= SENTENCE_STOP_SHARE and capitalised < CUT_CAPITALISED_MAX


def _continues(text: str, nxt: str, stop: frozenset[str]) -> bool:
    """`nxt` carries on a hard-wrapped sentence (old wire copy wraps at ~70 characters):
    `text` stops mid-sentence, and `nxt` opens in lower case or `text` ends on a comma
    or a function word ('... in one of' / 'China's ...')."""
    if not nxt[:1].isascii() or len(text) < WRAP_MIN_CHARS or text.rstrip(_CLOSERS)[-1:] in _END_PUNCT + ":":
        return False
    last = text.rsplit(None, 1)[-1]
    return nxt[:1].islower() or nxt[:1].isalnum() and (last.endswith(",") or last.casefold() in stop)


def _judge_alone(items: list[_Line], rules: Rules, templates: frozenset[str]) -> None:
    for ln in items:
        if not ln.text:
            ln.bad = ("dateline", ln.cut_rule, "only the scraper's date prefix")
        elif ln.cls == GOOD:
            ln.bad = _shape_verdict(ln) or _lexicon_verdict(ln, body=False)
        elif ln.lex and ln.lex[0][1] == 0 and ln.lex[0][0] in _OPENERS:  # a field label: 'Tel:', 'Source:'
            ln.bad = _lexicon_verdict(ln, body=False)
        else:
            ln.bad = _shape_verdict(ln)
    first, last = _span(items, [k for k, ln in enumerate(items) if ln.cls == GOOD and not ln.bad])
    prev_text = None
    for k, ln in enumerate(items):
        if ln.bad is None and ln.cls != GOOD:
            ln.bad = _lexicon_verdict(ln, body=first < k < last)
        if ln.bad and ln.bad[0] == "related_links" and ln.cls != GOOD:
            ln.marker = sum(h[2] for h in ln.lex) + 2 >= len("".join(ln.text.split()))
        if ln.bad is None and ln.cls != GOOD and templates and tpl.fingerprint(ln.text) in templates:
            ln.bad = ("repeated_across_site", "template_v1", "line recurs on other pages of the run")
        if ln.bad is None and ln.cls == SHORT and not ln.zh:
            nxt = items[k + 1].text if k + 1 < len(items) else None
            if ln.text in (prev_text, nxt):
                ln.bad = ("caption", "caption_repeated_v1", "the same short line twice in a row (image title and caption)")
            elif (ln.ends and ln.text.rstrip(_CLOSERS)[-1:] == "." and ln.size <= SHORT_CAPTION_WORDS
                  and ln.stop_share < CAPTION_STOP_SHARE and not any(q in ln.text for q in "\"“”")):
                ln.bad = ("caption", "caption_short_v1", f"{ln.size}-word phrase with a full stop")
        prev_text = ln.text


def _mark_related(items: list[_Line]) -> None:
    """A teaser block runs from its marker until the article resumes (RESUME_RUN paragraphs) or the page ends."""
    k = 0
    while k < len(items):
        if not items[k].marker:
            k += 1
            continue
        j = k + 1
        while j < len(items):
            run = items[j:j + RESUME_RUN]
            if len(run) == RESUME_RUN and all(x.cls == GOOD and not x.bad for x in run):
                break
            if not items[j].bad:
                items[j].bad = ("related_links", "related_block_v1", f"in the teaser block under '{items[k].text[:20]}'")
            j += 1
        k = j


def _decide(items: list[_Line]) -> list[LineDecision]:
    anchors = [k for k, ln in enumerate(items) if ln.cls == GOOD and not ln.bad]
    if not anchors:  # a page of short lines: its sentences, if any, are the text
        anchors = [k for k, ln in enumerate(items) if not ln.bad and (ln.cls == NEAR or ln.ends)]
        for k in anchors:
            items[k].cls = NEAR
    first, last = _span(items, anchors)
    keep = [False] * len(items)
    why: list[tuple[str, str, str] | None] = [None] * len(items)
    for k, ln in enumerate(items):
        if ln.bad:
            why[k] = ln.bad
        elif first <= k <= last and ln.cls != SHORT:
            keep[k] = True
        elif k < first:
            why[k] = ("site_header", "header_zone_v1", "above the first paragraph of prose")
    # below the last paragraph, prose goes on until the first chrome line
    k = last + 1
    while 0 <= last < k < len(items) and not items[k].bad:
        keep[k] = items[k].cls != SHORT or k == len(items) - 1 and keep[k - 1] and _cut_sentence(items[k])
        k += 1
    tail = max((k for k in range(last + 1, len(items)) if keep[k]), default=last)
    # a short line is a heading when kept prose (captions aside) sits on both sides
    for k in range(len(items)):
        if keep[k] or why[k]:
            continue
        if first < k < tail and _neighbour_kept(items, keep, k, -1) and _neighbour_kept(items, keep, k, 1):
            keep[k] = True
        elif k > last:
            why[k] = ("site_footer", "footer_zone_v1", "below the last paragraph of prose")
        else:
            why[k] = ("navigation", "short_context_v1", "short line next to chrome")
    out = []
    for k, ln in enumerate(items):
        if keep[k] and ln.cut:
            out.append(LineDecision(ln.i, ln.raw, True, "dateline", ln.cut_rule, "dateline prefix cut, the rest is text",
                                    ln.raw[ln.cut:]))
        elif keep[k]:
            rule, ev = ("heading_context_v1", "short line between paragraphs") if ln.cls == SHORT else ("prose_v1", _prose_evidence(ln))
            out.append(LineDecision(ln.i, ln.raw, True, None, rule, ev))
        else:
            reason, rule, ev = why[k]
            if ln.cut and reason == "site_header":
                reason, ev = "dateline", f"{ev}; opens with a dateline prefix"
            out.append(LineDecision(ln.i, ln.raw, False, reason, rule, ev))
        for i, raw in ln.wrapped[1:]:
            d = out[-1]
            out.append(LineDecision(i, raw, d.keep, d.reason, WRAPPED_RULE, f"continues line {ln.i}, hard-wrapped"))
    return out


def _span(items: list[_Line], anchors: list[int]) -> tuple[int, int]:
    """First and last paragraph of the article: the outermost anchors with more prose
    within ANCHOR_REACH lines and no menu between, so that a lone notice or blurb
    above or below the article (a cookie text, an about-us line) does not stretch
    the body over the chrome."""
    if not anchors:
        return len(items), -1
    if len(anchors) == 1:
        return anchors[0], anchors[0]

    def backed(k: int, step: int) -> bool:
        j, seen = k + step, 0
        while 0 <= j < len(items) and seen < ANCHOR_REACH:
            ln = items[j]
            if not ln.bad and ln.cls != SHORT:
                return True
            if ln.bad and ln.bad[0] in _MENUS:
                return False
            seen += not (ln.bad and ln.bad[0] == "caption")
            j += step
        return False

    first = next((k for k in anchors if backed(k, 1)), anchors[0])
    last = next((k for k in reversed(anchors) if backed(k, -1)), anchors[-1])
    return (first, last) if first <= last else (anchors[0], anchors[-1])


def _neighbour_kept(items: list[_Line], keep: list[bool], k: int, step: int) -> bool:
    """The nearest line in direction `step` that is neither short nor a caption is kept prose."""
    j = k + step
    while 0 <= j < len(items):
        ln = items[j]
        if ln.bad and ln.bad[0] == "caption" or not ln.bad and ln.cls == SHORT:
            j += step
            continue
        return keep[j]
    return False


def _prose_evidence(ln: _Line) -> str:
    if ln.zh:
        return f"{ln.size} characters, {'ends a sentence' if ln.ends else 'sentences inside'}"
    return f"{ln.size} words, {ln.stop_share:.0%} function words"


def assemble(decisions: list[LineDecision]) -> str:
    """body_text: the kept lines (or kept parts), one paragraph each; the lines of a
    hard-wrapped paragraph are joined by a space."""
    paras: list[str] = []
    joins = False  # the previous decision kept its line: a wrapped line continues it
    for d in decisions:
        text = (d.kept_text if d.kept_text is not None else d.text).strip() if d.keep else ""
        if text and d.rule == WRAPPED_RULE and joins:
            paras[-1] = f"{paras[-1]} {text}"
        elif text:
            paras.append(text)
        joins = bool(text)
    return "\n\n".join(paras)
