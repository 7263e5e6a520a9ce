"""Entities in Chinese text.

Organisations (one pass over cue words, plus a substring test of a short list
of suffixless names such as `赛力斯`): a name ending in an organisation suffix
(`局`, `集团`, ...), an outlet acting in the body (`某某发布连续推出`,
`某某网记者从会上获悉`, `据《某某报》报道`), the items of an enumeration closed by
a category of companies (`A、B等整车企业`), or a company before a scope word and a
seat or title (`某某全球研发总部`, `某某大中华区执行董事`). Listed names
before a product word are left out. One body written
with and without the level character (`重庆统计局`, `重庆市统计局`) is one.
A name's left edge is found by walking back to punctuation or a function word.
Persons (a second pass): a role head (`主任`) followed by a surname and one or
two characters; the role is the apposition back to the previous clause
boundary. Word lists are in `data/entities_zh.yaml`, matched in simplified and
traditional characters.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count, islice

import regex

from . import lexicon
from .model import Entity

_ORG_WINDOW = 16  # characters before a suffix; long enough for `中财融商(北京)资本管理`
_LONG_ORG_WINDOW = 32  # a name opening with a scope word (`全省...协调推进办公室`) may run this long
_OUTLET_WINDOW = 16  # characters before `记者`: `某某网-某某客户端`
_ROLE_WINDOW = 40  # characters before a role head; two or three titles joined by 、
_LIST_WINDOW = 40  # characters before `等...企业`; four or five listed names
_TAIL_WINDOW = 14  # `等六大电子终端代工` before the category word
_SCOPE_WINDOW = 8  # characters before a scope word: `中国化工十一建` has seven
_MAX_HITS = 3000  # cue words and role heads looked at per page; a long article has a few hundred
_OPEN, _CLOSE = "(（", ")）"
# pinyin with a tone mark in brackets right after a character: a conversion slip (`經(jīng)濟`)
_PINYIN = regex.compile(r"(?<=\p{Han})\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,7}\)")
_PINYIN_AFTER = r"(?:\([^()\s]{1,8}\))?"


@dataclass(frozen=True)
class _Rules:
    cue_firsts: frozenset[str]  # the first characters of the cue words
    cue_lengths: dict[str, tuple[int, ...]]  # first two characters -> lengths of the cue words they open, longest first
    cue_singles: frozenset[str]  # cue words of one character
    cues: dict[str, frozenset[str]]  # cue word -> suffix, short, outlet, category
    known: tuple[str, ...]  # literal names, tested with `in` (cheaper than a long alternation)
    suffixes: tuple[str, ...]
    not_before: dict[str, tuple[str, ...]]  # suffix -> text that may not precede it
    not_after: dict[str, tuple[str, ...]]  # suffix -> text that may not follow it
    outlet_next: regex.Pattern
    list_tail: regex.Pattern
    list_marks: str  # characters one of which a list tail holds (cheap test before `list_tail`)
    persons: regex.Pattern
    more_names: regex.Pattern
    org_bound: regex.Pattern
    role_bound: regex.Pattern
    list_bound: regex.Pattern
    relative: tuple[str, ...]
    role_ends: tuple[str, ...]  # role heads, for `str.endswith`
    role_heads: dict[str, tuple[str, ...]]  # the role heads by their first character
    official: tuple[str, ...]
    weak: frozenset[str]
    ministries: frozenset[str]
    openers: tuple[str, ...]
    prepositions: frozenset[str]
    place_openers: tuple[str, ...]
    not_items: frozenset[str]
    not_item_ends: tuple[str, ...]
    tails: regex.Pattern
    groups: dict[str, str]
    not_spans: frozenset[str]
    span_sizes: tuple[int, ...]
    not_names: frozenset[str]
    followers: tuple[str, ...]
    conjunctions: str
    long_openers: tuple[str, ...]
    role_joiners: str
    surname_start: regex.Pattern
    venue_suffixes: frozenset[str]
    venue_before: str
    venue_after: tuple[str, ...]
    reporter_next: regex.Pattern
    outlet_ends: tuple[str, ...]
    outlet_bound: regex.Pattern
    product_after: tuple[str, ...]
    level_chars: str
    quoted_outlet: regex.Pattern
    scoped_seat: regex.Pattern
    seats: tuple[str, ...]
    scoped_title: regex.Pattern
    scope_bound: regex.Pattern
    scope_not_ends: tuple[str, ...]


def _stop_char(ch: str, exceptions: list[str]) -> str:
    """`ch` as a boundary in reversed text, except inside one of `exceptions` (`为` in `华为`)."""
    alts = []
    for w in exceptions:
        for i in (i for i, c in enumerate(w) if c == ch):
            after, before = w[i + 1:][::-1], w[:i][::-1]  # reversed text: after-part precedes ch
            alts.append((f"(?<={regex.escape(after)})" if after else "")
                        + regex.escape(ch) + (f"(?={regex.escape(before)})" if before else ""))
    return f"(?!{'|'.join(alts)}){regex.escape(ch)}" if alts else regex.escape(ch)


def _lengths(words) -> dict[str, tuple[int, ...]]:
    """First two characters -> the lengths of the words they open, longest first."""
    out: dict[str, set[int]] = {}
    for w in words:
        out.setdefault(w[:2], set()).add(len(w))
    return {c: tuple(sorted(n, reverse=True)) for c, n in out.items()}


def _by_first(words) -> dict[str, tuple[str, ...]]:
    """First character -> the words it opens."""
    out: dict[str, list[str]] = {}
    for w in words:
        out.setdefault(w[0], []).append(w)
    return {c: tuple(v) for c, v in out.items()}


def _cue_hits(body: str, r: _Rules):
    """(start, word) of the cue words, left to right, the longest at each place, none overlapping (what a regex of
    them all finds): looked up in `r.cues` where a first character occurs, not tried at every character."""
    end = 0
    for p in compress(count(), map(r.cue_firsts.__contains__, body)):
        if p < end:
            continue
        for n in r.cue_lengths.get(body[p:p + 2], ()):
            if (w := body[p:p + n]) in r.cues:
                end = p + n
                yield p, w
                break
        else:
            if body[p] in r.cue_singles:
                end = p + 1
                yield p, body[p]


def _person_hits(body: str, r: _Rules):
    """`r.persons.finditer(body)`, the pattern tried only where a role head (its first part) starts."""
    end, heads = 0, r.role_heads
    for p in compress(count(), map(heads.__contains__, body)):
        if p >= end and body.startswith(heads[body[p]], p) and (m := r.persons.match(body, p, timeout=lexicon.TIMEOUT)):
            end = m.end()
            yield m


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    cfg = lexicon.load("entities_zh")
    pairs = "".join(cfg["traditional"].split())
    table = str.maketrans(pairs[0::2], pairs[1::2])

    def both(words):
        return sorted({w for word in words for w in (word, word.translate(table))}, key=len, reverse=True)

    not_org = both(cfg["not_org_words"])
    suffixes = both(cfg["org_suffixes"])
    known = both(w for group in cfg["known_orgs"] for w in group)
    groups = {w.translate(table) if t else w: group[0].translate(table) if t else group[0]
              for group in cfg["known_orgs"] for w in group for t in (False, True)}
    cues: dict[str, set[str]] = {}
    for kind, words in (("suffix", suffixes), ("short", both(cfg["short_bodies"])),
                        ("outlet", both(cfg["outlet_suffixes"])), ("category", both(cfg["list_categories"])),
                        ("reporter", both(cfg["reporter_words"]))):
        for w in words:
            cues.setdefault(w, set()).add(kind)
    # boundaries are searched in the reversed text before a cue: the first hit is the nearest
    stops = "|".join([lexicon.prefix_tree(w[::-1] for w in both(cfg["stop_words"]))]
                     + [_stop_char(c, both(cfg["stop_char_exceptions"])) for c in both(cfg["stop_chars"])])
    date = r"[年月日号时]\s*\d+"
    weak_follow = lexicon.prefix_tree(both(cfg["name_function_followers"]))
    surname = lexicon.prefix_tree(both(cfg["surnames"]))
    head = lexicon.prefix_tree(both(cfg["role_bases"]))  # titles before it (`常务副`) are part of the walked-back role
    heads_reversed = lexicon.prefix_tree(w[::-1] for w in both(cfg["role_bases"]))
    numerals = regex.escape("".join(both(cfg["list_numerals"])))
    verbs = lexicon.prefix_tree(both(cfg["name_followers"]))
    follow = rf"(?:{verbs}|[^\p{{Han}}]|$)"
    # shortest name before a verb, then before a function character and a verb (`王五在调研`),
    # then before a function character alone (`李大为、` keeps three characters)
    name = (rf"(?:{surname})\p{{Han}}{{1,2}}?(?=(?:{weak_follow})(?:{verbs}))"
            rf"|(?:(?:{surname})\p{{Han}}{{1,2}}?|\p{{Han}}{{1,6}}·\p{{Han}}{{1,8}}?)(?={follow})"
            rf"|(?:{surname})\p{{Han}}{{1,2}}?(?={weak_follow})")
    scope = lexicon.prefix_tree(both(cfg["scope_words"]))
    outlets = f"(?:{lexicon.prefix_tree(both(cfg['outlet_name_endings']))})"
    return _Rules(
        cue_firsts=frozenset(w[0] for w in cues),
        cue_lengths=_lengths(w for w in cues if len(w) > 1),
        cue_singles=frozenset(w for w in cues if len(w) == 1),
        cues={w: frozenset(k) for w, k in cues.items()},
        known=tuple(known),
        suffixes=tuple(suffixes + both(cfg["short_bodies"])),
        not_before={s: tuple(w[: -len(s)] for w in not_org if w.endswith(s) and w != s) for s in suffixes},
        not_after={s: tuple(w[len(s):] for w in not_org if w.startswith(s) and not w.endswith(s)) for s in suffixes},
        outlet_next=regex.compile(rf"(?:{lexicon.prefix_tree(both(cfg['outlet_adverbs']))})?(?:{lexicon.prefix_tree(both(cfg['outlet_verbs']))})"),
        list_marks="等" + "".join(both(cfg["list_measures"])),
        list_tail=regex.compile(rf"(?:(?:等\s*)?[\d{numerals}]+\s*(?:{lexicon.prefix_tree(both(cfg['list_measures']))})|等)"
                                rf"(?:(?![{''.join(both(cfg['list_not_modifiers']))}])\p{{Han}}){{0,8}}$"),
        persons=regex.compile(rf"(?P<head>{head})[ \t]?(?P<name>{name})"),
        more_names=regex.compile(rf"、\s*(?P<name>{name})"),
        # a role head before a suffix means no name (`公司总经理某某代表公司`)
        org_bound=regex.compile(rf"{date}|[^\p{{Han}}()（）·]|{stops}|(?P<role>{heads_reversed})"),
        role_bound=regex.compile(rf"{date}|[^\p{{Han}}()（）·、]|{stops}"),
        list_bound=regex.compile(rf"[^\p{{Han}}\p{{Latin}}、\s]|{stops}"),
        relative=tuple(both(cfg["relative_bodies"])),
        role_ends=tuple(both(cfg["role_bases"])),
        role_heads=_by_first(both(cfg["role_bases"])),
        official=tuple(both(cfg["official_prefixes"])),
        weak=frozenset(both(cfg["weak_suffixes"])),
        ministries=frozenset(both(cfg["ministries"])),
        openers=tuple(both(cfg["not_org_openers"])),
        prepositions=frozenset(both(cfg["leading_prepositions"])),
        place_openers=tuple(both(cfg["place_openers"])),
        not_items=frozenset(both(cfg["not_company_items"])),
        not_item_ends=tuple(both(cfg["not_company_item_endings"])),
        tails=regex.compile(rf"(?:{lexicon.prefix_tree(both(cfg['company_tails']))})+"),
        groups=groups,
        not_spans=frozenset(both(cfg["not_person_spans"])),
        span_sizes=tuple({len(w) for w in cfg["not_person_spans"]}),
        not_names=frozenset(both(cfg["not_names"])),
        followers=tuple(both(cfg["name_followers"])),
        conjunctions="".join(both(cfg["conjunctions"])),
        long_openers=tuple(both(cfg["long_name_openers"])),
        role_joiners="".join(both(cfg["role_joiners"])),
        surname_start=regex.compile(surname),
        venue_suffixes=frozenset(both(cfg["venue_suffixes"])),
        venue_before="".join(both(cfg["venue_before"])),
        venue_after=tuple(both(cfg["venue_verbs"])),
        reporter_next=regex.compile(lexicon.prefix_tree(both(cfg["reporter_verbs"]))),
        outlet_ends=tuple(both(cfg["outlet_name_endings"])),
        outlet_bound=regex.compile(rf"[^\p{{Han}}\p{{Latin}}\d\-·]|{stops}"),
        product_after=tuple(both(cfg["known_not_before"])),
        level_chars="".join(both(cfg["place_level_chars"])),
        # `据《某某日报》报道`, `据新华社消息`: an outlet named as the source of a report
        # matched at a `《` or `据` only
        quoted_outlet=regex.compile(rf"(?:《(?P<name>[^《》\s]{{1,12}}?{outlets})》|据(?P<name>\p{{Han}}{{1,10}}?{outlets}))"
                                    rf"(?=\s*(?:{lexicon.prefix_tree(both(cfg['quoted_outlet_verbs']))}))"),
        # a seat or a title may follow the scope word after a few characters without a pause (`全球研发总部`)
        scoped_seat=regex.compile(rf"(?:{scope})(?=[^\s\p{{P}}的]{{0,8}}?(?:{lexicon.prefix_tree(both(cfg['scope_seats']))}))"),
        seats=tuple(both(cfg["scope_seats"])),
        scoped_title=regex.compile(rf"(?:{scope})(?=[^\s\p{{P}}的]{{0,4}}?(?:{head})$)"),
        scope_bound=regex.compile(rf"[^\p{{Han}}\p{{Latin}}\d]|[暨]|{stops}"),
        scope_not_ends=tuple(both(cfg["scope_not_endings"])),
    )


def _left(body: str, end: int, window: int, bound: regex.Pattern, floor: int = 0) -> str | None:
    """The text between the last boundary (or `floor`) before `end` and `end`; None when none is in
    reach or the boundary is a role head."""
    start = max(floor, end - window)
    text = body[start:end]
    m = bound.search(text[::-1], timeout=lexicon.TIMEOUT)
    if m is None and start > floor or m is not None and m.lastgroup == "role":
        return None
    if m is not None:
        text = text[len(text) - m.start():]
    depth = 0  # drop text before an unmatched bracket
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
            if depth < 0:
                text, depth = text[i + 1:], 0
    if depth > 0:
        text = text[max(text.rfind(c) for c in _OPEN) + 1:]
    return text


def _trim(text: str, r: _Rules) -> str:
    """Drop a leading preposition before an official prefix or a place (`经省统计局` -> `省统计局`)."""
    if text[:1] in r.prepositions and text[1:].startswith(r.official + r.place_openers):
        return text[1:]
    return text


def _org(body: str, start: int, cue: str, short: bool, r: _Rules) -> str | None:
    """The organisation ending in suffix `cue` at `start`, or None."""
    if (body.endswith(r.not_before.get(cue, ()), 0, start)
            or body.startswith(r.not_after.get(cue, ()), start + len(cue))):
        return None
    lead = _left(body, start, _ORG_WINDOW, r.org_bound)
    if lead is None:
        lead = _left(body, start, _LONG_ORG_WINDOW, r.org_bound) if cue not in r.weak else None
        if lead is None or not lead.startswith(r.long_openers):
            return None
    for i, ch in enumerate(lead):  # `市经信委和市财政局`: two names joined by 和
        if ch in r.conjunctions and lead[:i].endswith(r.suffixes):
            lead = lead[i + 1:]
            break
    lead = _trim(lead, r)
    name = lead + cue
    if (len(lead) - sum(ch in "()（）·" for ch in lead) < (1 if short else 2) or name.startswith(r.openers)
            or name.endswith(r.relative)):
        return None
    if cue in r.weak and not name.startswith(r.official) and name not in r.ministries:
        return None
    at = start - len(lead)
    if (cue in r.venue_suffixes and at > 0 and body[at - 1] in r.venue_before
            and body.startswith(r.venue_after, start + len(cue))):
        return None  # `在市新闻中心举行`: a venue
    return name


def _outlet(body: str, start: int, r: _Rules) -> str | None:
    """The outlet whose reporter acts at `start` (`某某网记者从会上获悉`), not a credit (`某某日报记者 张三`)."""
    lead = _left(body, start, _OUTLET_WINDOW, r.outlet_bound)
    if not lead or len(lead) < 2 or not lead.endswith(r.outlet_ends) or lead.startswith(r.openers):
        return None
    return lead


def _listed(body: str, start: int, r: _Rules) -> list[str]:
    """The companies enumerated before a category word at `start` (`A、B等整车企业`)."""
    before = body[max(0, start - _TAIL_WINDOW):start]
    if not any(ch in before for ch in r.list_marks):
        return []
    tail = r.list_tail.search(body, max(0, start - _TAIL_WINDOW), start, timeout=lexicon.TIMEOUT)
    if not tail:
        return []
    items = []
    for item in (_left(body, tail.start(), _LIST_WINDOW, r.list_bound) or "").split("、"):
        item = item.strip()
        for place in r.place_openers:
            if item.startswith(place) and len(item) - len(place) >= 2:
                item = item[len(place):]
                break
        latin = item.isascii() and item[:1].isalpha() and 2 <= len(item) <= 10
        han = 2 <= len(item) <= 5 and all("\u3400" <= ch <= "\u9fff" for ch in item)
        product = any(k in item and k != item for k in r.known)  # `长安某某`: a model line
        if ((latin or han) and not product and item not in r.not_items and item not in r.place_openers
                and not item.endswith(r.not_item_ends)):
            items.append(item)
    return items if len(items) >= 2 or not tail[0].startswith("等") else []


def _role(body: str, m: regex.Match, floor: int, r: _Rules) -> str:
    """The apposition before a name: titles joined by 、, back to a boundary or the previous name."""
    raw = _left(body, m.start(), _ROLE_WINDOW, r.role_bound, floor) or ""
    at = m.start() - len(raw)
    # `战略及业务拓展副总裁`: a joiner inside one title, not between a name and the next title
    while at - 1 > floor and body[at - 1] in r.role_joiners:
        more = _left(body, at - 1, _ROLE_WINDOW, r.role_bound, floor)
        if (not more or more.startswith(r.openers) or any(h in more for h in r.role_ends)
                or len(more) <= 3 and r.surname_start.match(more, timeout=lexicon.TIMEOUT)):
            break
        raw, at = more + body[at - 1] + raw, at - 1 - len(more)
    lead = _trim(raw.lstrip(r.conjunctions), r)
    parts = lead.split("、")
    kept = [parts[-1]]
    for part in reversed(parts[:-1]):
        if not part.endswith(r.role_ends):
            break
        kept.insert(0, part)
    return "、".join(kept) + m["head"]


def _extends(longer: str, short: str, r: _Rules) -> bool:
    """`longer` is `short` with a place before and a company tail after (`重庆长安汽车股份有限公司`)."""
    for place in r.place_openers:
        if longer.startswith(place):
            longer = longer[len(place):]
            break
    return longer.startswith(short) and bool(r.tails.fullmatch(longer[len(short):], timeout=lexicon.TIMEOUT))


def _scoped(text: str, r: _Rules) -> str | None:
    """The company in `text`, the words before a scope word (`威马汽车` of `威马汽车全球研发总部`), or None."""
    name = text
    if not 3 <= len(name) <= _SCOPE_WINDOW or name.startswith(r.openers) or name[0] in "省市区县" or name.endswith(r.scope_not_ends):
        return None
    for place in r.place_openers:
        if name.startswith(place):
            rest = name[len(place):]
            if len(rest) < 2 or rest in r.not_items:  # `重庆国际...`, `成都集成电路国际...`
                return None
            break
    return None if name in r.not_items or name.endswith(r.not_item_ends) else name


def _known(body: str, r: _Rules) -> set[str]:
    """Names without a suffix that occur once at least not followed by a product word (`某某机电产品`)."""
    found = {name for name in r.known if name in body}
    for name in [n for n in found if any(n + w in body for w in r.product_after)]:
        p = body.find(name)
        while p >= 0 and body.startswith(r.product_after, p + len(name)):
            p = body.find(name, p + 1)
        if p < 0:
            found.discard(name)
    return found


def _same_body(orgs: set[str], r: _Rules) -> dict[str, str]:
    """Names written with and without the level character after the place (`重庆统计局` -> `重庆市统计局`)."""
    out = {}
    for name in orgs:
        for i in range(2, min(4, len(name) - 1)):
            if name[i] in r.level_chars and (short := name[:i] + name[i + 1:]) in orgs:
                out[short] = name
    return out


def find(body: str) -> list[Entity]:
    """Organisations and persons (with their roles) named in a Chinese body, with mention counts. A page whose
    traditional-character conversion put pinyin after characters (`統(tǒng)計局`) is read without it; the names
    are given back as written."""
    if "(" not in body or not _PINYIN.search(body, timeout=lexicon.TIMEOUT):
        return _find(body)
    found = _find(_PINYIN.sub("", body, timeout=lexicon.TIMEOUT))
    return [Entity(e.kind, _as_written(e.name, body), e.mentions, e.role and _as_written(e.role, body)) for e in found]


def _as_written(text: str, body: str) -> str:
    """`text` as the body writes it, pinyin inserted after its characters included."""
    m = regex.search(_PINYIN_AFTER.join(map(regex.escape, text)) + _PINYIN_AFTER, body, timeout=lexicon.TIMEOUT)
    return m[0] if m else text


def _find(body: str) -> list[Entity]:
    r = _rules()
    bare = _known(body, r)  # names without a suffix
    orgs = set(bare)
    for at, cue in islice(_cue_hits(body, r), _MAX_HITS):
        kinds = r.cues[cue]
        if "category" in kinds:
            items = _listed(body, at, r)
            bare.update(items)
            orgs.update(items)
        if "reporter" in kinds:
            if r.reporter_next.match(body, at + len(cue), timeout=lexicon.TIMEOUT) and (name := _outlet(body, at, r)):
                orgs.add(name)
            continue
        if "outlet" in kinds and not r.outlet_next.match(body, at + len(cue), timeout=lexicon.TIMEOUT):
            continue
        if kinds & {"suffix", "short", "outlet"} and (name := _org(body, at, cue, "short" in kinds, r)):
            orgs.add(name)
    for mark in "《据":
        p = body.find(mark)
        while p >= 0:
            if m := r.quoted_outlet.match(body, p, timeout=lexicon.TIMEOUT):
                orgs.add(m["name"])
            p = body.find(mark, p + 1)
    seated = any(w in body for w in r.seats)
    for m in islice(r.scoped_seat.finditer(body, timeout=lexicon.TIMEOUT) if seated else (), _MAX_HITS):
        if name := _scoped(_left(body, m.start(), _SCOPE_WINDOW + 1, r.scope_bound) or "", r):
            orgs.add(name)
    mentions = {name: body.count(name) for name in orgs}
    for short, name in _same_body(orgs, r).items():
        mentions[name] += mentions.pop(short)
        orgs.discard(short)
    for name in sorted(orgs, key=len):  # the longer form of one organisation wins
        longer = [o for o in orgs if o != name and name in o]
        if not longer:
            continue
        target = r.groups.get(name)
        if target not in longer:
            target = next((o for o in longer if name in bare and _extends(o, name, r)), None)
        if target:
            mentions[target] = max(mentions[target], mentions[name])
            orgs.discard(name)
        elif mentions[name] <= sum(mentions[o] for o in longer):  # never named on its own
            orgs.discard(name)

    persons: dict[str, str] = {}
    pos = 0
    for m in islice(_person_hits(body, r), _MAX_HITS):
        cut, name = m.end("head"), m["name"]
        if (name in r.not_names or name[:2] in r.not_names or name[1:].startswith(r.followers)
                or any(body[cut - k:cut - k + n] in r.not_spans for n in r.span_sizes for k in range(1, n))):
            continue
        role = _role(body, m, pos, r)
        persons.setdefault(name, role)
        pos = m.end()
        while more := r.more_names.match(body, pos, timeout=lexicon.TIMEOUT):
            if r.persons.match(body, more.start("name"), timeout=lexicon.TIMEOUT):
                break
            persons.setdefault(more["name"], role)
            pos = more.end()
    for role in set(persons.values()):  # `某某大中华区执行董事`: the company the person works for
        if ((m := r.scoped_title.search(role, timeout=lexicon.TIMEOUT))
                and (name := _scoped(_left(role, m.start(), _SCOPE_WINDOW + 1, r.scope_bound) or "", r))
                and not any(name in o for o in orgs)):
            orgs.add(name)
            mentions[name] = body.count(name)
    found = [Entity("organization", name, mentions[name]) for name in orgs]
    found += [Entity("person", name, body.count(name), role) for name, role in persons.items()]
    return found
