"""Sector tags from the configurable taxonomy.

All sector wording lives in config.yaml (`sectors:`); the context rules that
keep a passing word from tagging live in `data/sectors.yaml`. Aliases are
looked up in dictionaries, longest first, so `new energy vehicles` never also
counts as `new energy`: Latin aliases as runs of up to N words (a space or
hyphen between them), Chinese aliases as substrings of a run of Chinese
characters with the white space of hard-wrapped text removed, traditional
characters read as simplified ones.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate, compress, count, product
from operator import add

import regex

from . import lexicon, sentences
from .config import Config
from .model import SectorHit

_LATIN_BYTES = bytes(c | 0x20 if 65 <= c <= 90 else c if 97 <= c <= 122 or 48 <= c <= 57 or c == 38 else 32
                     for c in range(256))  # the word characters `[A-Za-z0-9&]`, lowercased
_HAN = regex.compile(r"\p{Han}")
_HAN_WORD = regex.compile(r"\p{Han}+")
_HAN_SPACE = regex.compile(r"(?<=\p{Han}) (?=\p{Han})")
_HAN_GAP = regex.compile(r"(?<=\p{Han})[^\S\n]{1,2}(?=\p{Han})")  # spaces inside words kept from hard-wrapped text
_GAP = regex.compile(r"[\s\-‐‑–]+")
_SENTENCE_END = regex.compile(r"[.;:!?\n]")  # a list of fields does not run across these
_LIST_REACH = 160  # characters a list of fields may run back from its exchange noun


def _fold(s: str) -> str:
    """Casefolded, separators as one space, no spaces between Chinese characters."""
    s = _GAP.sub(" ", s.casefold()).strip()
    return _HAN_SPACE.sub("", s)


@dataclass(frozen=True)
class Taxonomy:
    sector_of: dict[str, str | None]  # folded alias -> key; None for an ignored phrase
    isic: dict[str, str | None]
    order: tuple[str, ...]
    span_of: dict[str, int]  # first word of a Latin alias -> most words in an alias it opens
    pairs: frozenset[str]  # the first two words of the Latin aliases of several words
    han_first: frozenset[str]  # the first characters of Han aliases
    han_lengths: dict[str, tuple[int, ...]]  # first two characters -> alias lengths, longest first
    han_single: frozenset[str]  # one-character aliases
    skip: tuple[tuple[tuple[tuple[str, ...] | str, ...], regex.Pattern], ...]  # (what a body needs, pattern)
    weak: frozenset[str]
    exchange_fields: frozenset[str]
    exchange_cue: regex.Pattern
    exchange_need: tuple[tuple[str, ...] | str, ...]
    exchange_hints: tuple[str, ...]
    cargo_fields: frozenset[str]
    cargo_cue: regex.Pattern
    cargo_need: tuple[tuple[str, ...] | str, ...]
    cargo_hints: tuple[str, ...]
    list_before: regex.Pattern  # a list of fields ending where an exchange noun starts, on the `_fold_latin` text
    list_after: regex.Pattern  # `in` and a list of fields, after a verb of exchange
    list_of: regex.Pattern  # `of` or `such as` and a list of fields, after `areas`
    list_nouns: frozenset[str]
    list_verbs: frozenset[str]
    list_areas: frozenset[str]
    cultural: frozenset[str]  # a list of fields names a diplomatic tie when it holds one of these
    customer_nouns: frozenset[str]
    customer_need: frozenset[str]
    customer_before: regex.Pattern  # the start of a list of customer industries, on the `_fold_latin` text
    name_tail: regex.Pattern
    name_opener: regex.Pattern
    opener_words: tuple[str, ...]  # one of these is in every `name_opener` match
    cue_words: tuple[str, ...]  # the first word of a list cue: one is in every `listed` match
    zh_body_after: regex.Pattern
    listed: regex.Pattern
    simplified: dict[int, int]  # traditional character -> simplified, for str.translate
    traditional: str  # characters nearly every traditional text holds: a body with none is not translated
    zh_name_heads: tuple[str, ...]
    zh_name_reach: int
    zh_item_separators: str
    zh_category: str
    zh_category_reach: int
    zh_retail_cue: regex.Pattern

    @classmethod
    def from_config(cls, cfg: Config) -> "Taxonomy":
        rules = lexicon.load("sectors")
        simplified = {ord(p[0]): ord(p[1]) for p in (rules.get("traditional") or "").split() if len(p) == 2}
        traditional: dict[str, list[str]] = {}
        for t, c in simplified.items():
            traditional.setdefault(chr(c), []).append(chr(t))
        sector_of: dict[str, str | None] = {}
        for s in cfg.sectors:
            for a in (*s.aliases, *s.aliases_zh):
                for form in _forms(_fold(a), simplified, traditional):
                    sector_of.setdefault(form, s.key)
        for a in rules.get("ignore", ()):
            sector_of.update(dict.fromkeys(_forms(_fold(a), simplified, traditional)))
        han: dict[str, set[int]] = {}
        for a in sector_of:
            if _HAN_WORD.fullmatch(a):  # a run holds Han characters only
                han.setdefault(a[:2], set()).add(len(a))
        single = frozenset(k for k in han if len(k) == 1)
        span_of: dict[str, int] = {}
        pairs = set()
        for a in sector_of:
            if not _HAN.match(a):
                head = a.split(" ")[0]
                span_of[head] = max(span_of.get(head, 1), a.count(" ") + 1)
                if " " in a:
                    pairs.add(" ".join(a.split(" ")[:2]))
        cues = "|".join(regex.escape(c).replace(r"\ ", r"\s+") for c in rules.get("list_cues", ())) or r"(?!)"
        openers = "|".join(map(regex.escape, rules.get("name_openers", ()))) or r"(?!)"
        tails = "|".join(map(regex.escape, rules.get("name_tails", ()))) or r"(?!)"
        lists = rules.get("exchange_lists")
        return cls(
            sector_of=sector_of,
            isic={s.key: s.isic for s in cfg.sectors},
            order=tuple(s.key for s in cfg.sectors),
            span_of=span_of,
            pairs=frozenset(pairs),
            han_first=frozenset(k[0] for k in han),
            han_lengths={k: tuple(sorted(n, reverse=True)) for k, n in han.items() if k not in single},
            han_single=single,
            skip=tuple((_need(g["need"]), regex.compile("|".join(g["patterns"]), regex.IGNORECASE))
                       for g in rules.get("ignore_patterns", ())),
            weak=frozenset(_fold(w) for w in rules.get("weak", ())),
            exchange_fields=frozenset(rules.get("exchange_fields", ())),
            exchange_cue=lexicon.words_pattern(rules.get("exchange_cues", ())),
            exchange_need=_need(rules.get("exchange_cues", ())),
            exchange_hints=_hints(_need(rules.get("exchange_cues", ()))),
            cargo_fields=frozenset(rules.get("cargo_fields", ())),
            cargo_cue=regex.compile(rules.get("cargo_cue") or r"(?!)", regex.IGNORECASE),
            cargo_need=_need(rules.get("cargo_need", ())),
            cargo_hints=_hints(_need(rules.get("cargo_need", ()))),
            list_before=regex.compile(rf"(?r){_field_list(lists)}\s+\Z" if lists else r"(?!)"),
            list_after=regex.compile(
                rf"\s+in\s+(?:the\s+)?(?:(?:areas?|fields?)\s+of\s+)?{_field_list(lists)}" if lists else r"(?!)"),
            # a few other words may open the list (`areas of sister cities, trade and culture`)
            list_of=regex.compile(rf"\s+(?:of|such\s+as|including|like)\s+(?:[a-z]+\s+){{0,3}}?{_field_list(lists)}"
                                  if lists else r"(?!)"),
            list_nouns=frozenset(lists["nouns"] if lists else ()),
            list_verbs=frozenset(lists["verbs"] if lists else ()),
            list_areas=frozenset(lists.get("areas", ()) if lists else ()),
            cultural=frozenset(_fold_latin(c).split()[0] for c in (lists["cultural"] if lists else ())),
            customer_nouns=frozenset(rules.get("customer_nouns", ())),
            customer_need=frozenset(rules.get("customer_need", ())),
            customer_before=regex.compile(f"(?r){rules.get('customer_before') or '(?!)'}"),
            name_tail=regex.compile(
                rf"(?:,?[\s\-]+(?:\(?[A-Z][\w&'’.-]*\)?|of|and|for|&)){{0,5}}?[\s\-]+(?:{tails})\b"),
            listed=regex.compile(rf"\b(?:{cues})\s+(?:[A-Z][\w'’&.-]*(?:\s+|,\s*|\s+and\s+))*[A-Z][\w'’&.-]*\s+$"),
            zh_body_after=regex.compile(rules.get("zh_body_after") or r"(?!)"),
            simplified=simplified,
            traditional=rules.get("traditional_markers") or "",
            zh_name_heads=tuple(rules.get("zh_name_heads", ())),
            zh_name_reach=int(rules.get("zh_name_reach", 0)),
            zh_item_separators=rules.get("zh_item_separators", ""),
            zh_category=rules.get("zh_category") or "\0",
            zh_category_reach=int(rules.get("zh_category_reach", 0)),
            zh_retail_cue=regex.compile(rules.get("zh_retail_cue") or r"(?!)"),
            opener_words=tuple(rules.get("name_openers", ())),
            cue_words=tuple({c.split()[0] for c in rules.get("list_cues", ())}),
            name_opener=regex.compile(
                rf"\b(?:{openers})\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w&'’-]*,?\s+(?:(?:and|of)\s+)?){{0,4}}$"),
        )


def _forms(alias: str, simplified: dict[int, int], traditional: dict[str, list[str]]) -> set[str]:
    """An alias as written, in simplified characters and in traditional ones (`traditional`: simplified character
    -> its traditional forms), so that a text too short to show that it is traditional is matched as it is."""
    simple = alias.translate(simplified)
    if simple.isascii():
        return {alias}
    return {alias, simple, *map("".join, product(*(traditional.get(c, (c,)) for c in simple)))}


def _field_list(spec: dict) -> str:
    """Two or more fields in a row (`economic, trade and cultural`), on the `_fold_latin` text (lower case,
    punctuation as spaces)."""
    field = rf"\b(?:{lexicon.alternation({_fold_latin(w) for w in spec['fields']})})\b"
    return rf"{field}(?:\s+(?:(?:and|&)\s+)?{field})+"


def _fold_latin(text: str) -> str:
    """One byte per character (non-ASCII becomes `?`), word characters lowercased and all others a space."""
    return text.encode("ascii", "replace").translate(_LATIN_BYTES).decode("ascii")


def _need(cues) -> tuple[tuple[str, ...] | str, ...]:
    """What a body must hold for one of `cues` to match: the `_fold_latin` words of a Latin cue, a Chinese cue
    as it is."""
    return tuple(tuple(_fold_latin(c).split()) if c.isascii() else c for c in cues)


def _hints(need) -> tuple[str, ...]:
    """One string of each `_need` entry (a Latin cue's first word), none holding another: a text in which a cue
    matches, casefolded, holds one."""
    firsts = {n[0] if isinstance(n, tuple) else n for n in need if n}
    return tuple(sorted(w for w in firsts if not any(v != w and v in w for v in firsts)))


def _holds(body: str, words: set[str], need) -> bool:
    """Whether the body (`words`: its `_fold_latin` words) holds all of the words of one `_need` entry."""
    return any(words.issuperset(n) if isinstance(n, tuple) else n in body for n in need)


def _latin_hits(body: str, low: str, words: list[str], tax: Taxonomy):
    """Latin aliases found in `words` (`low.split()`, `low` the `_fold_latin` body), without a regex per word."""
    starts: list[int] | None = None
    nxt = 0
    size, span_of, sector_of, pairs = len(words), tax.span_of, tax.sector_of, tax.pairs
    for i in compress(count(), map(span_of.__contains__, words)):
        if i < nxt:
            continue  # inside the last alias
        if starts is None:
            pieces = low.split(" ")  # piece p starts at the summed lengths of the pieces before it, plus p
            at = list(accumulate(map(len, pieces), initial=0))
            idx = list(compress(count(), pieces))
            starts = list(map(add, map(at.__getitem__, idx), idx))
        word = words[i]
        n = 1
        if i + 1 < size and f"{word} {words[i + 1]}" in pairs:  # an alias of several words may start here
            for n in range(min(span_of[word], size - i), 0, -1):
                alias = " ".join(words[i:i + n])
                if alias in sector_of and all(
                        body[a:b] == " " or _GAP.fullmatch(body, a, b, timeout=lexicon.TIMEOUT)
                        for a, b in ((starts[q] + len(words[q]), starts[q + 1]) for q in range(i, i + n - 1))):
                    break
            else:
                continue
        elif word not in sector_of:
            continue
        yield starts[i], starts[i + n - 1] + len(words[i + n - 1]), " ".join(words[i:i + n]) if n > 1 else word
        nxt = i + n


def _longest_aliases(text: str, tax: Taxonomy):
    """(i, n): the longest Han alias starting at i, left to right, never overlapping."""
    nxt = 0
    lengths, sector_of, single, size = tax.han_lengths, tax.sector_of, tax.han_single, len(text)
    for i in compress(count(), map(tax.han_first.__contains__, text)):
        if i < nxt:
            continue
        for n in lengths.get(text[i:i + 2], ()):
            if i + n <= size and text[i:i + n] in sector_of:
                yield i, n
                nxt = i + n
                break
        else:
            if text[i] in single:
                yield i, 1
                nxt = i + 1


def _han_hits(body: str, tax: Taxonomy):
    """(start, end, alias) of the Han aliases; an alias (all Han) never crosses another character, but may cross
    the white space that hard-wrapped text left between two Han characters (not a line break)."""
    if body.isascii() or not _HAN.search(body, timeout=lexicon.TIMEOUT):
        return
    gaps = [m.span() for m in _HAN_GAP.finditer(body, timeout=lexicon.TIMEOUT)]
    if not gaps:
        yield from ((i, i + n, body[i:i + n]) for i, n in _longest_aliases(body, tax))
        return
    # the body without the gaps, in pieces: piece k starts at starts[k] of `text`, shifts[k] characters left of
    # where it starts in the body
    pieces, starts, shifts = [], [], []
    prev = removed = 0
    for a, b in (*gaps, (len(body), len(body))):
        pieces.append(body[prev:a])
        starts.append(prev - removed)
        shifts.append(removed)
        removed += b - a
        prev = b
    text = "".join(pieces)
    for i, n in _longest_aliases(text, tax):
        first, last = (k + shifts[bisect_right(starts, k) - 1] for k in (i, i + n - 1))
        yield first, last + 1, text[i:i + n]


def _inside_name(body: str, start: int, end: int, tax: Taxonomy) -> bool:
    """A capitalised match that is a word of an event, company or public body's name (`... Financial Summit`,
    `X Education Inc.`, `Ministry of Commerce`), or of a company in a list (`such as Hitachi Automotive`)."""
    if not body[start].isupper():
        return False
    if tax.name_tail.match(body, end, end + 120, timeout=lexicon.TIMEOUT):
        return True
    lo = max(0, start - 80)
    before = body[lo:start]  # the patterns run only on a window that holds a word they need
    return bool(any(w in before for w in tax.opener_words)
                and tax.name_opener.search(body, lo, start, timeout=lexicon.TIMEOUT)
                or any(w in before for w in tax.cue_words) and tax.listed.search(body, lo, start, timeout=lexicon.TIMEOUT))


def _breaks(body: str) -> tuple[list[int], list[int]]:
    """The starts and the ends of the sentence breaks in the body, found once for all its aliases."""
    spans = sentences.ends(body, 0, len(body))
    return [a for a, _ in spans], [b for _, b in spans]


def _in_sentence_with(cue: regex.Pattern, body: str, start: int, end: int, breaks: tuple[list[int], list[int]],
                      hints: tuple[str, ...] | None = None) -> bool:
    """Whether `cue` occurs in the sentence `sentences.bounds` gives for body[start:end]. The breaks of the whole body
    are those `bounds` finds near the alias, except where its scan stops: at its look-back limit, at the alias
    start (a break whose look-ahead needs the alias), after an alias ending in punctuation; there it is asked.
    `hints` (see `_hints`): one of these is in the casefolded text of every match, looked for before the pattern."""
    firsts, lasts = breaks
    i = bisect_right(lasts, start) - 1
    if (i >= 0 and (firsts[i] <= start - sentences.LOOK_BACK
                    or start - lasts[i] < 2 and not (lasts[i] == start and body[start - 1] == "\n"))
            or not body[end - 1].isalnum()):
        lo, hi = sentences.bounds(body, start, end)
    else:
        j = bisect_left(firsts, end)
        lo, hi = lasts[i] if i >= 0 else 0, firsts[j] if j < len(firsts) else len(body)
    if hints is not None and not any(map(body[lo:hi].casefold().__contains__, hints)):
        return False
    return bool(cue.search(body, lo, hi, timeout=lexicon.TIMEOUT))


def _name_items(body: str, tax: Taxonomy) -> list[tuple[int, int]]:
    """(first, head) of each project or facility name that ends a list item: an alias starting at or after
    `first` and ending at most `zh_name_reach` characters before `head` lies inside the name."""
    out = []
    for word in tax.zh_name_heads:
        at = body.find(word)
        while at >= 0:
            nxt = body[at + len(word):at + len(word) + 3].lstrip()[:1]
            if nxt and nxt in tax.zh_item_separators:
                out.append((max(body.rfind(c, 0, at) for c in tax.zh_item_separators) + 1, at))
            at = body.find(word, at + 1)
    return out


def _category(body: str, end: int, tax: Taxonomy) -> bool:
    """Whether `zh_category` follows within reach, Chinese characters between (`通信器材类`)."""
    at = body.find(tax.zh_category, end, end + tax.zh_category_reach)
    return at >= 0 and all(_HAN.match(c) for c in body[end:at])


def _skipped(body: str, low: str, words: set[str], tax: Taxonomy) -> list[tuple[int, int]]:
    """The spans of phrases that name no sector (`low`: the `_fold_latin` body, `words` its words)."""
    spans = [m.span() for need, pattern in tax.skip if _holds(body, words, need)
             for m in pattern.finditer(body, timeout=lexicon.TIMEOUT)]
    for w in tax.customer_nouns.intersection(words) if not tax.customer_need.isdisjoint(words) else ():
        at = low.find(f" {w} ")
        while at >= 0:
            m = tax.customer_before.search(low, max(0, at - _LIST_REACH), at + 1, timeout=lexicon.TIMEOUT)
            if m and not _SENTENCE_END.search(body, m.start(), at, timeout=lexicon.TIMEOUT):
                spans.append((m.start(), at))
            at = low.find(f" {w} ", at + 1)
    if tax.cultural.isdisjoint(words):
        return spans
    for w in (tax.list_nouns | tax.list_verbs | tax.list_areas).intersection(words):
        at = low.find(f" {w} ")
        while at >= 0:
            found = []
            if w in tax.list_nouns:  # a list of fields right before an exchange noun
                found.append(tax.list_before.search(low, max(0, at - _LIST_REACH), at + 1, timeout=lexicon.TIMEOUT))
            if w in tax.list_verbs:  # `in` and a list of fields after a verb of exchange
                found.append(tax.list_after.match(low, at + 1 + len(w), timeout=lexicon.TIMEOUT))
            if w in tax.list_areas:  # `of` and a list of fields after `areas`
                found.append(tax.list_of.match(low, at + 1 + len(w), timeout=lexicon.TIMEOUT))
            spans += [m.span() for m in found if m and not tax.cultural.isdisjoint(m[0].split())
                      and not _SENTENCE_END.search(body, *m.span(), timeout=lexicon.TIMEOUT)]
            at = low.find(f" {w} ", at + 1)
    return spans


def tag(body: str, lang: str, taxonomy: Taxonomy) -> list[SectorHit]:
    low = _fold_latin(body)
    words = low.split()
    # each context pattern runs only on a body holding the words it needs: a set lookup is far cheaper
    present = set(words)
    skipped = _skipped(body, low, present, taxonomy)
    exchange = _holds(body, present, taxonomy.exchange_need)
    cargo = _holds(body, present, taxonomy.cargo_need)
    firm: dict[str, int] = {}
    weak: dict[str, int] = {}
    first: dict[str, tuple[int, str]] = {}
    original = body
    if lang == "zh" and any(c in body for c in taxonomy.traditional):
        body = body.translate(taxonomy.simplified)  # one to one: offsets hold
    retail: bool | None = None  # whether the body names retail sales, looked up on the first category word
    items: list[tuple[int, int]] | None = None  # project names, looked up on the first Chinese alias
    breaks: tuple[list[int], list[int]] | None = None  # sentence breaks, found for the first alias in a sentence test
    for start, end, alias in (*_latin_hits(body, low, words, taxonomy), *_han_hits(body, taxonomy)):
        key = taxonomy.sector_of[alias]
        if key is None or skipped and any(a <= start < b for a, b in skipped):
            continue
        if lang != "zh" and _inside_name(body, start, end, taxonomy):
            continue
        name_item = False
        if lang == "zh":
            if taxonomy.zh_body_after.match(body, end, end + 6, timeout=lexicon.TIMEOUT):
                continue
            if _category(body, end, taxonomy):
                if retail is None:
                    retail = bool(taxonomy.zh_retail_cue.search(body, timeout=lexicon.TIMEOUT))
                if retail:
                    breaks = breaks or _breaks(body)
                    if _in_sentence_with(taxonomy.zh_retail_cue, body, start, end, breaks):
                        continue
            if items is None:
                items = _name_items(body, taxonomy)
            name_item = any(lo <= start and 0 <= head - end <= taxonomy.zh_name_reach for lo, head in items)
        if exchange and key in taxonomy.exchange_fields:
            breaks = breaks or _breaks(body)
            if _in_sentence_with(taxonomy.exchange_cue, body, start, end, breaks, taxonomy.exchange_hints):
                continue
        if cargo and key in taxonomy.cargo_fields:
            breaks = breaks or _breaks(body)
            if _in_sentence_with(taxonomy.cargo_cue, body, start, end, breaks, taxonomy.cargo_hints):
                continue
        bucket = weak if name_item or alias in taxonomy.weak else firm
        bucket[key] = bucket.get(key, 0) + 1
        if key not in first or start < first[key][0]:
            first[key] = (start, original[start:end])
    return [SectorHit(k, taxonomy.isic.get(k), firm[k] + weak.get(k, 0), first[k][1])
            for k in taxonomy.order if k in firm]
