"""Sector tags from the configurable taxonomy.

All sector wording lives in config.yaml (`sectors:`); the context rules that
keep a passing word from tagging live in `data/sectors.yaml`. Aliases are
looked up in dictionaries, longest first, so `new energy vehicles` never also
counts as `new energy`: Latin aliases as runs of up to N words (a space or
hyphen between them), Chinese aliases as substrings of a run of Chinese
characters with the white space of hard-wrapped text removed.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate, compress, count
from operator import add

import regex

from . import lexicon, sentences
from .config import Config
from .model import SectorHit

_LATIN_BYTES = bytes(c | 0x20 if 65 <= c <= 90 else c if 97 <= c <= 122 or 48 <= c <= 57 or c == 38 else 32
                     for c in range(256))  # the word characters `[A-Za-z0-9&]`, lowercased
_HAN_RUN = regex.compile(r"\p{Han}(?:[^\S\n]{0,2}\p{Han})*")  # spaces inside words kept from hard-wrapped text; a line break ends the run
_HAN = regex.compile(r"\p{Han}")
_HAN_SPACED = regex.compile(r"\p{Han}[^\S\n]{1,2}\p{Han}")  # a run of `_HAN_RUN` with white space inside
_GAP = regex.compile(r"[\s\-‐‑–]+")
_SENTENCE_END = regex.compile(r"[.;:!?\n]")  # a list of fields does not run across these
_LIST_REACH = 160  # characters a list of fields may run back from its exchange noun


def _fold(s: str) -> str:
    """Casefolded, separators as one space, no spaces between Chinese characters."""
    s = _GAP.sub(" ", s.casefold()).strip()
    return regex.sub(r"(?<=\p{Han}) (?=\p{Han})", "", s)


@dataclass(frozen=True)
class Taxonomy:
    sector_of: dict[str, str | None]  # folded alias -> key; None for an ignored phrase
    isic: dict[str, str | None]
    order: tuple[str, ...]
    span_of: dict[str, int]  # first word of a Latin alias -> most words in an alias it opens
    han_lengths: dict[str, tuple[int, ...]]  # first character -> alias lengths, longest first
    skip: regex.Pattern
    skip_need: tuple[tuple[str, ...] | str, ...]
    weak: frozenset[str]
    exchange_fields: frozenset[str]
    exchange_cue: regex.Pattern
    exchange_need: tuple[tuple[str, ...] | str, ...]
    cargo_fields: frozenset[str]
    cargo_cue: regex.Pattern
    cargo_need: tuple[tuple[str, ...] | str, ...]
    list_before: regex.Pattern  # a list of fields ending where an exchange noun starts, on the `_fold_latin` text
    list_after: regex.Pattern  # `in` and a list of fields, after a verb of exchange
    list_of: regex.Pattern  # `of` or `such as` and a list of fields, after `areas`
    list_nouns: frozenset[str]
    list_verbs: frozenset[str]
    list_areas: frozenset[str]
    cultural: frozenset[str]  # a list of fields names a diplomatic tie when it holds one of these
    name_tail: regex.Pattern
    name_opener: regex.Pattern
    zh_body_after: regex.Pattern
    listed: regex.Pattern

    @classmethod
    def from_config(cls, cfg: Config) -> "Taxonomy":
        rules = lexicon.load("sectors")
        sector_of: dict[str, str | None] = {}
        for s in cfg.sectors:
            for a in (*s.aliases, *s.aliases_zh):
                sector_of.setdefault(_fold(a), s.key)
        for a in rules.get("ignore", ()):
            sector_of[_fold(a)] = None
        han: dict[str, set[int]] = {}
        for a in sector_of:
            if regex.fullmatch(r"\p{Han}+", a):  # a run holds Han characters only
                han.setdefault(a[0], set()).add(len(a))
        span_of: dict[str, int] = {}
        for a in sector_of:
            if not regex.match(r"\p{Han}", a):
                head = a.split(" ")[0]
                span_of[head] = max(span_of.get(head, 1), a.count(" ") + 1)
        cues = "|".join(regex.escape(c).replace(r"\ ", r"\s+") for c in rules.get("list_cues", ())) or r"(?!)"
        openers = "|".join(map(regex.escape, rules.get("name_openers", ()))) or r"(?!)"
        tails = "|".join(map(regex.escape, rules.get("name_tails", ()))) or r"(?!)"
        lists = rules.get("exchange_lists")
        return cls(
            sector_of=sector_of,
            isic={s.key: s.isic for s in cfg.sectors},
            order=tuple(s.key for s in cfg.sectors),
            span_of=span_of,
            han_lengths={c: tuple(sorted(n, reverse=True)) for c, n in han.items()},
            skip=regex.compile("|".join(rules.get("ignore_patterns", ())) or r"(?!)", regex.IGNORECASE),
            skip_need=_need(rules.get("ignore_patterns_need", ())),
            weak=frozenset(_fold(w) for w in rules.get("weak", ())),
            exchange_fields=frozenset(rules.get("exchange_fields", ())),
            exchange_cue=lexicon.words_pattern(rules.get("exchange_cues", ())),
            exchange_need=_need(rules.get("exchange_cues", ())),
            cargo_fields=frozenset(rules.get("cargo_fields", ())),
            cargo_cue=regex.compile(rules.get("cargo_cue") or r"(?!)", regex.IGNORECASE),
            cargo_need=_need(rules.get("cargo_need", ())),
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
            name_tail=regex.compile(
                rf"(?:,?[\s\-]+(?:\(?[A-Z][\w&'’.-]*\)?|of|and|for|&)){{0,5}}?[\s\-]+(?:{tails})\b"),
            listed=regex.compile(rf"\b(?:{cues})\s+(?:[A-Z][\w'’&.-]*(?:\s+|,\s*|\s+and\s+))*[A-Z][\w'’&.-]*\s+$"),
            zh_body_after=regex.compile(rules.get("zh_body_after") or r"(?!)"),
            name_opener=regex.compile(
                rf"\b(?:{openers})\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w&'’-]*,?\s+(?:(?:and|of)\s+)?){{0,4}}$"),
        )


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


def _holds(body: str, words: set[str], need) -> bool:
    """Whether the body (`words`: its `_fold_latin` words) holds all of the words of one `_need` entry."""
    return any(words.issuperset(n) if isinstance(n, tuple) else n in body for n in need)


def _latin_hits(body: str, low: str, words: list[str], tax: Taxonomy):
    """Latin aliases found in `words` (`low.split()`, `low` the `_fold_latin` body), without a regex per word."""
    starts: list[int] | None = None
    nxt = 0
    for i in compress(count(), map(tax.span_of.__contains__, words)):
        if i < nxt:
            continue  # inside the last alias
        if starts is None:
            pieces = low.split(" ")  # piece p starts at the summed lengths of the pieces before it, plus p
            at = list(accumulate(map(len, pieces), initial=0))
            idx = list(compress(count(), pieces))
            starts = list(map(add, map(at.__getitem__, idx), idx))
        for n in range(min(tax.span_of[words[i]], len(words) - i), 0, -1):
            alias = " ".join(words[i:i + n])
            if alias not in tax.sector_of:
                continue
            gaps = ((starts[q] + len(words[q]), starts[q + 1]) for q in range(i, i + n - 1))
            if n == 1 or all(body[a:b] == " " or _GAP.fullmatch(body, a, b, timeout=lexicon.TIMEOUT) for a, b in gaps):
                yield starts[i], starts[i + n - 1] + len(words[i + n - 1]), alias
                nxt = i + n
                break


def _longest_aliases(text: str, tax: Taxonomy):
    """(i, n): the longest Han alias starting at i, left to right, never overlapping."""
    nxt = 0
    for i in compress(count(), map(tax.han_lengths.__contains__, text)):
        if i < nxt:
            continue
        for n in tax.han_lengths[text[i]]:
            if i + n <= len(text) and text[i:i + n] in tax.sector_of:
                yield i, n
                nxt = i + n
                break


def _han_hits(body: str, tax: Taxonomy):
    if body.isascii() or not _HAN.search(body, timeout=lexicon.TIMEOUT):
        return
    if not _HAN_SPACED.search(body, timeout=lexicon.TIMEOUT):
        # every run is a plain substring and an alias (all Han) cannot cross into the next: one pass over the body
        yield from ((i, i + n, body[i:i + n]) for i, n in _longest_aliases(body, tax))
        return
    for run in _HAN_RUN.finditer(body, timeout=lexicon.TIMEOUT):
        text = "".join(run[0].split())
        pos = range(run.start(), run.end()) if len(text) == len(run[0]) else [
            run.start() + k for k, ch in enumerate(run[0]) if not ch.isspace()]
        yield from ((pos[i], pos[i + n - 1] + 1, text[i:i + n]) for i, n in _longest_aliases(text, tax))


def _inside_name(body: str, start: int, end: int, tax: Taxonomy) -> bool:
    """A capitalised match that is a word of an event, company or public body's name (`... Financial Summit`,
    `X Education Inc.`, `Ministry of Commerce`), or of a company in a list (`such as Hitachi Automotive`)."""
    return body[start].isupper() and bool(
        tax.name_tail.match(body, end, end + 120, timeout=lexicon.TIMEOUT)
        or tax.name_opener.search(body, max(0, start - 80), start, timeout=lexicon.TIMEOUT)
        or tax.listed.search(body, max(0, start - 80), start, timeout=lexicon.TIMEOUT))


def _in_sentence_with(cue: regex.Pattern, body: str, start: int, end: int) -> bool:
    lo, hi = sentences.bounds(body, start, end)
    return bool(cue.search(body, lo, hi, timeout=lexicon.TIMEOUT))


def _skipped(body: str, low: str, words: set[str], tax: Taxonomy) -> list[tuple[int, int]]:
    """The spans of phrases that name no sector (`low`: the `_fold_latin` body, `words` its words)."""
    spans = []
    if not tax.skip_need or _holds(body, words, tax.skip_need):
        spans = [m.span() for m in tax.skip.finditer(body, timeout=lexicon.TIMEOUT)]
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
    for start, end, alias in (*_latin_hits(body, low, words, taxonomy), *_han_hits(body, taxonomy)):
        key = taxonomy.sector_of[alias]
        if key is None or any(a <= start < b for a, b in skipped):
            continue
        if lang != "zh" and _inside_name(body, start, end, taxonomy):
            continue
        if lang == "zh" and taxonomy.zh_body_after.match(body, end, end + 6, timeout=lexicon.TIMEOUT):
            continue
        if exchange and key in taxonomy.exchange_fields and _in_sentence_with(taxonomy.exchange_cue, body, start, end):
            continue
        if cargo and key in taxonomy.cargo_fields and _in_sentence_with(taxonomy.cargo_cue, body, start, end):
            continue
        bucket = weak if alias in taxonomy.weak else firm
        bucket[key] = bucket.get(key, 0) + 1
        if key not in first or start < first[key][0]:
            first[key] = (start, body[start:end])
    return [SectorHit(k, taxonomy.isic.get(k), firm[k] + weak.get(k, 0), first[k][1])
            for k in taxonomy.order if k in firm]
