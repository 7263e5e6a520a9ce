"""Entities in English text: persons with roles, organisations, places, countries.

The body is cut into tokens; organisations are found from a head word at the
end of a capitalised run (`... Commission`, `... Co., Ltd.`) walked back to
the run's start, a place's lower-case customs (`Chongqing customs`), plus
listed companies, acronyms and canonical aliases, and names without a head
shown by a cue: a list or maker noun (`automaker X`, `enterprises in X,
including A, B`), a member noun (`a reporter from X`), a company office (`the
chief executive of X`), a description or ticker after the name (`X, a
Chengdu-based maker,`), or a bare list `A, B, C and D` with an organisation
among its items. Agencies in datelines and credits (`(Xinhua)`, `—Xinhua`,
`[CND, 03/15/97]`) are not actors. Persons need a cue: an apposition with a
role word (`X Y, deputy director of ...`, `X Y (Deputy Mayor of Z)`, `The head
of Z, X Y, said`), a title or honorific before the name, a verb of speech, a
possessive (`Alibaba's Jack Ma`), a Chinese surname with a pinyin given name,
or a common Western first name. All word lists are in `data/entities_en.yaml`;
no statistical model.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, compress, count, repeat
from operator import add, contains, itemgetter, sub
from typing import NamedTuple

import regex

from . import lexicon
from .model import Entity

_MAX_ORG_TOKENS = 12  # tokens walked back from a head; the longest official names have about ten
_MAX_LOWER_WORDS = 3  # lower-case words before a lower-case head (`foreign studies`); more is a description
_MAX_NAME_TOKENS = 4  # `José Miguel Vial Valdivieso`
_MAX_ROLE_CHARS = 180  # an apposition longer than this ran past its clause
_MIN_LIST_ITEMS = 3  # `A and B` is too weak a list to make B an organisation because A is one
_MIN_LIST_ORGS = 2  # one company among products or places (`Tesla Roadster, BYD Han and ...`) makes no list of firms
_MAX_LEAD_ROLE_CHARS = 90  # a role set before its name (`The head of X, Li Ming, said`) is a short noun phrase
_LEAD_STOPS = (".", "!", "?", ";", ":", "\n", '"', "“", "”", ",", "(")
_ABBREV = {"Co", "Ltd", "Inc", "Corp", "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Jr", "No", "U.S", "U.K", "Bros"}
_TOKEN = regex.compile(r"[\w'’&\-·]+(?:\.[\w'’&\-]+)*\.?|[^\s\w]")
_WORD_MARKS = frozenset("'’&-·.")  # with `\w`, the characters of `_TOKEN`'s first branch
_WORD_CHAR = regex.compile(r"\w")
_MARKS = ("'", "’", "&", "·", ".", "-")  # the characters of a word token that are not `\w`
_HEAD = regex.compile(r"\w*")
_SPACE = regex.compile(r"\s")
_KIND: dict[str, int] = {}  # character -> 0 in a word token, 1 white space, 2 a token alone
_ACRONYM = regex.compile(r"[A-Z][A-Z&]{1,7}s?")
_INITIALS = regex.compile(r"(?:\w\.)+\w")
_WS = regex.compile(r"\s+")
_WORDS = regex.compile(r"[\w'&.\-]+")
_ACRONYM_IN_BRACKETS = regex.compile(r"\s+\([A-Z][A-Z0-9&-]{1,9}\)")
_ROLE_OPEN = regex.compile(r",\s*|\s?\(")  # `Name, role` or `Name (role)`
_ARTICLE = regex.compile(r"^(?:the|a|an)\s+", regex.IGNORECASE)
_OWNER = regex.compile(r"(?<![\w'’])([A-Z][\w&.-]*(?:[ ]+[A-Z][\w&.-]*){0,3}(?<!\.)(?:['’]s)?)[ ]+$")
_POSSESSOR = regex.compile(r"([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*)['’]s\s+$")
_LEGAL = regex.compile(r",?\s+(?:Co\.,?\s*Ltd\.?|Co\.|Ltd\.?|Inc\.?|Corp\.?|LLC|PLC)(?:,?\s+Ltd\.?)?$")
_DATELINE = regex.compile(r"(?:^|\n)[A-Z]{3,}[^\n]{0,40}\($")  # `CHONGQING, Jan. 5 (` before an agency
# a closing credit: an agency after a dash or in brackets, ending its line (`... growth.—Xinhua`, `(Xinhua)`,
# `(China Daily May 2, 2003)`)
_CLOSERS = ("—", "–", "-", "(")  # what a closing credit's agency follows, blanks between
_CLOSING_AFTER = regex.compile(r"(?:[ \t]+[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2},?[ \t]+\d{4})?\)?[ \t]*\.?[ \t]*(?:\n|$)")
_BRACKET_DATE = regex.compile(r",\s*\d{1,4}[/.-]\d")  # `[CND, 03/15/97]`: a digest's credit
_LIST_GAP = regex.compile(r"\s*,?\s*(?:and\s+)?")
_CAPS_ANY = regex.compile(r"[A-Z]")
_ASCII_SPACE = " \t\n\r\x0b\x0c"  # `\s` in ASCII text
_ODD_SPACE = frozenset("\x1c\x1d\x1e\x1f")  # white space to str.split, not to `\s`
_POSSESSIVE = ("'s", "’s")
_CONNECT = {"and", "&", "of", "the", "for", "de", "del", "la", "y"}


class _Tok(NamedTuple):
    text: str
    start: int
    end: int
    cap: bool  # starts with a capital letter


_text, _start = itemgetter(0), itemgetter(1)
_first_two = itemgetter(slice(0, 2))


@lru_cache(maxsize=1 << 16)
def _fold(s: str) -> str:
    s = s.replace("’", "'")
    if _ODD_SPACE.isdisjoint(s):  # then str.split's white space is `\s`
        return " ".join(s.split()).casefold()
    return _WS.sub(" ", s, timeout=lexicon.TIMEOUT).strip().casefold()


@dataclass(frozen=True)
class _Lex:
    heads: dict[str, tuple[tuple[str, ...], ...]]  # last word -> head word sequences, longest first
    weak_heads: frozenset[str]
    subunits: frozenset[str]
    no_tail_heads: frozenset[str]
    possessive_words: frozenset[str]
    particles: frozenset[str]
    lower_heads: frozenset[str]
    lower_stop: frozenset[str]
    lower_not_after: frozenset[str]
    outlet_tails: frozenset[str]
    company_offices: frozenset[str]
    for_tail_heads: frozenset[str]
    filler: frozenset[str]
    unique_heads: frozenset[str]
    adjective_suffixes: tuple[str, ...]
    demonyms: frozenset[str]
    brand_after: regex.Pattern
    members_after: regex.Pattern
    place_tail_heads: frozenset[str]
    branch_words: frozenset[str]
    generic: frozenset[str]
    place_heads: frozenset[str]
    event_heads: frozenset[str]
    canonical: dict[str, str]  # folded spelling -> canonical name
    known: regex.Pattern
    known_names: dict[str, tuple[str, ...]]  # the names `known` matches by their head (`_by_head`)
    not_acronyms: frozenset[str]
    product_lists: frozenset[str]
    place_bodies: frozenset[str]
    place_body_not_before: frozenset[str]
    national_heads: frozenset[str]
    countries: frozenset[str]
    places: frozenset[str]
    geo_names: dict[str, tuple[str, ...]]  # the countries and places by their head
    role_tokens: frozenset[str]
    specific_roles: frozenset[str]  # role_tokens that are not generic words
    role_start: regex.Pattern
    role_end: regex.Pattern
    title_before: regex.Pattern
    role_ends: tuple[str, ...]  # the role words in lower case: every `title_before` match ends with one
    branch: regex.Pattern
    honorifics: frozenset[str]
    speech_after: regex.Pattern
    speech_before: regex.Pattern
    speech_words: tuple[str, ...]  # in lower case
    credit: regex.Pattern
    credit_cues: tuple[str, ...]
    stop: frozenset[str]
    pinyin_stops: frozenset[str]  # stop words that are also a given name after a surname, or a surname
    surnames: frozenset[str]
    first_names: frozenset[str]
    given: regex.Pattern
    cue: regex.Pattern
    described: regex.Pattern
    described_marks: tuple[str, ...]  # every `described` match opens with one of these
    cue_nouns: frozenset[str]  # every `cue` match opens with one of these, a whole word


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    d = lexicon.load("entities_en")
    heads: dict[str, list[tuple[str, ...]]] = {}
    for h in (*d["org_heads"], *d["weak_heads"], *d["subunits"]):
        seq = tuple(h.split())
        heads.setdefault(seq[-1].casefold(), []).append(seq)
    canonical = {}
    for name, spellings in d["canonical"].items():
        for s in (name, *spellings):
            canonical[_fold(s)] = name
    known = {*d["known_orgs"], *(s for name, spellings in d["canonical"].items() for s in (name, *spellings))}
    roles = d["role_words"]
    role_tokens = frozenset(t.casefold() for r in roles for t in (*regex.split(r"\s+", r), *regex.split(r"[\s-]+", r)))
    generic = frozenset(_fold(w) for w in d["generic_words"])
    return _Lex(
        heads={k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in heads.items()},
        weak_heads=frozenset(d["weak_heads"]),
        subunits=frozenset(d["subunits"]),
        no_tail_heads=frozenset(d["no_tail_heads"]),
        possessive_words=frozenset(d["possessive_words"]),
        particles=frozenset(d["name_particles"]),
        lower_heads=frozenset(d["lower_heads"]),
        lower_stop=frozenset(d["lower_stop"]),
        lower_not_after=frozenset(d["lower_not_after"]),
        outlet_tails=frozenset(d["outlet_tails"]),
        company_offices=frozenset(w.casefold() for w in d["company_offices"]),
        for_tail_heads=frozenset(d["for_tail_heads"]),
        filler=frozenset(_fold(w) for w in d["filler_words"]),
        unique_heads=frozenset(d["unique_heads"]),
        adjective_suffixes=tuple(d["adjective_suffixes"]),
        demonyms=frozenset(d["demonyms"]),
        brand_after=regex.compile(rf"\s+(?:{lexicon.alternation(d['brand_words'])})\b"),
        members_after=regex.compile(rf"\s+(?:{lexicon.alternation(d['member_words'])})\b"),
        place_tail_heads=frozenset(d["place_tail_heads"]),
        branch_words=frozenset(d["branch_words"]),
        generic=generic,
        place_heads=frozenset(d["place_heads"]),
        event_heads=frozenset(d["event_heads"]),
        canonical=canonical,
        known=regex.compile(rf"\b(?<![\w'’-])(?:{lexicon.prefix_tree(known)})(?![\w-]|['’]\w\w)"),  # a prefix tree scans faster
        known_names=_by_head(known),
        not_acronyms=frozenset(d["not_acronyms"]),
        product_lists=frozenset(d["product_list_nouns"]),
        place_bodies=frozenset(d["place_bodies"]),
        place_body_not_before=frozenset(d["place_body_not_before"]),
        national_heads=frozenset(d["national_heads"]),
        countries=frozenset(d["countries"]),
        places=frozenset(d["places"]),
        geo_names=_by_head((*d["countries"], *d["places"])),
        role_tokens=role_tokens,
        specific_roles=role_tokens - generic,
        # an age and `who is` before the role are not part of it (`X, 45, who is also director of Y`)
        role_start=regex.compile(rf"(?P<lead>\d{{1,3}},\s+)?(?P<lead2>who\s+(?:is|was)\s+(?:also\s+)?)?"
                                 rf"(?!(?:who|which|that|whose|when|where|and|also|with|as)\b)"
                                 rf"(?:(?:the|a|an|former|then|current|acting|executive)\s+)?"
                                 rf"(?:(?-i:[A-Z])[\w'’-]*,\s+)?(?:[\w'’-]+\s+){{0,3}}?"  # `Trade, Tourism Director`
                                 rf"(?:{lexicon.alternation(roles)})(?![\w])", regex.IGNORECASE),
        # a role ends at a clause mark or at its person's verb (`head of X formally announced`)
        # a line break inside a hard-wrapped sentence (after `of`, before a lower-case word) does not end it
        role_end=regex.compile(rf",(?!\s*(?:Ltd|Inc|Limited)\b)|;|\.(?=\s|$)"
                               rf"|(?<!(?:\b(?:of|the|and|for|in|at|to)|&)[ \t]*)\n(?![ \t>]*[a-z])"
                               rf"|(?:\s+\w+ly)?\s(?:{lexicon.alternation(d['role_end_verbs'])}|who)\b"),
        title_before=regex.compile(rf"((?:[A-Z]{{2,}}\s+)?(?i:(?:(?:{lexicon.prefix_tree(d['title_modifiers'])})\s+)*"
                                   rf"(?:{lexicon.prefix_tree(roles)})))\s+$"),
        role_ends=tuple(sorted({r.lower() for r in roles})),
        branch=regex.compile(rf"(.+?)\s+(?:{lexicon.alternation(d['places'])})\s+(?:{lexicon.alternation(d['branch_words'])})$"),
        honorifics=frozenset(d["honorifics"]),
        speech_after=regex.compile(rf"\s*(?:{lexicon.alternation(d['speech_verbs'])})\b"),
        speech_before=regex.compile(rf"(?i:{lexicon.alternation(d['speech_verbs'])})\s*$"),
        speech_words=tuple(w.lower() for w in d["speech_verbs"]),
        credit=regex.compile(rf"(?:{lexicon.alternation(d['credit_cues'])})\s*$"),
        credit_cues=tuple(d["credit_cues"]),
        stop=frozenset(d["stop_words"]),
        pinyin_stops=frozenset(d["given_name_stops"]),
        surnames=frozenset(d["surnames"]),
        first_names=frozenset(d["first_names"]),
        given=regex.compile(rf"(?:{d['pinyin_syllable']}){{1,2}}(?:[-'’](?:{d['pinyin_syllable']}))?", regex.IGNORECASE),
        described=regex.compile(
            rf",\s+(?:a|an)\s+(?P<what>(?:(?!(?:{lexicon.alternation(d['not_describers'])})\b)[\w'’-]+\s+){{0,3}}?)"
            rf"(?:{lexicon.alternation(d['company_nouns'])})"
            rf"(?=\s*[,.;)]|\s+(?:{lexicon.alternation(d['after_company_noun'])})\b)"
            rf"|\s\((?:(?:{lexicon.alternation(d['exchanges'])})\s*:\s*\w+(?:\.\w+)?|\d{{4,6}}\.(?:SZ|SH|HK))\)"),
        described_marks=(", a ", ", an ", " ("),
        cue_nouns=frozenset((*d["list_nouns"], *d["maker_nouns"], *d["member_nouns"])),
        # `enterprises in Chongqing, including A, B`: a place between the noun and its list
        cue=regex.compile(rf"\b(?:(?P<list>{lexicon.alternation(d['list_nouns'])})(?:\s+in\s+(?-i:[A-Z])[\w'’-]*)?"
                          rf"\s*,?\s+(?:such\s+as|including|like)"
                          rf"|(?P<maker>{lexicon.alternation(d['maker_nouns'])})"
                          rf"|(?P<member>{lexicon.alternation(d['member_nouns'])})\s+(?:from|with|at)(?:\s+the)?)"
                          rf"\s+(?=[A-Z])"),
    )


def _by_head(names) -> dict[str, tuple[str, ...]]:
    """Names by their head, longest first: the name up to its first character that is not a word character
    (`U.S.` -> `U`, `Sino-US` -> `Sino`)."""
    out: dict[str, list[str]] = {}
    for name in sorted(set(names), key=len, reverse=True):
        out.setdefault(_HEAD.match(name)[0], []).append(name)
    return {h: tuple(v) for h, v in out.items()}


def _word_runs(body: str, spaces: list[str], singles: list[str]) -> tuple[list[str], list[int]]:
    """The runs of word characters in the body, and their offsets (`_kinds` gave the other characters: white
    space, one-character tokens and `_MARKS`, each made a space)."""
    text = body
    for c in (*spaces, *singles, *_MARKS):
        text = text.replace(c, " ")
    pieces = text.split(" ")
    return list(filter(None, pieces)), list(compress(map(add, accumulate(map(len, pieces), initial=0), count()), pieces))


def _listed(body: str, names: dict[str, tuple[str, ...]], runs: tuple[list[str], list[int]], strict: bool):
    """(start, end) of the listed names, left to right, none inside another or a longer word: the longest name
    that opens with a word run (then it opens with the run as its head), not after a hyphen, and is followed by no
    word character or hyphen. `strict` (the `known` pattern): nor set after an apostrophe, nor followed by one and
    two word characters. A dictionary per run, where the pattern tried every character of the page."""
    end, size = 0, len(body)
    for p, run in compress(zip(runs[1], runs[0]), map(names.__contains__, runs[0])):
        if p < end or p and body[p - 1] in ("-'’" if strict else "-"):
            continue
        for name in names[run]:
            q = p + len(name)
            if body.startswith(name, p) and not (q < size and (_word_or_hyphen(body[q]) or strict and body[q] in "'’"
                                                                and q + 2 < size and _word(body[q + 1]) and _word(body[q + 2]))):
                end = q
                yield p, q
                break


def _word_or_hyphen(c: str) -> bool:
    """`[\\w-]`, for a character of a body `_kinds` has seen."""
    return c == "-" or _word(c)


def _word(c: str) -> bool:
    """`\\w`, for a character of a body `_kinds` has seen."""
    return _KIND[c] == 0 and c not in _MARKS


def _cue_matches(body: str, lx: _Lex, runs: tuple[list[str], list[int]]):
    """`lx.cue.finditer(body)`: a match opens with a cue noun at a word start, followed by a space or a comma, so the
    pattern is tried only at a word run that is one."""
    end = 0
    for p in compress(runs[1], map(lx.cue_nouns.__contains__, runs[0])):
        if p >= end and (m := lx.cue.match(body, p, timeout=lexicon.TIMEOUT)):
            end = m.end()
            yield m


def _tokens(body: str, spaces: list[str], singles: list[str]) -> tuple[list[_Tok], list[str], list[int]]:
    """The matches of `_TOKEN`, a sentence-final full stop split off (not from an initial: `George W. Bush`).
    No regex per token: white space becomes a space and every one-character token gets a space either side, so
    `str.split(" ")` yields the tokens; a token's offset is its offset in that text less the spaces added before.
    Also the tokens' texts and offsets as lists."""
    text = body
    for c in spaces:
        text = text.replace(c, " ")
    for c in singles:
        text = text.replace(c, f" {c} ")
    pieces = text.split(" ")
    texts = list(filter(None, pieces))
    # piece i starts at the lengths of the pieces before it, plus i
    starts = list(compress(map(add, accumulate(map(len, pieces), initial=0), count()), pieces))
    if singles:  # a one-character token moved itself right by one, every later token by two
        single = list(map(frozenset(singles).__contains__, texts))
        starts = list(map(sub, starts, map(sub, accumulate(map(add, single, single)), single)))
    dotted = list(compress(count(), map(contains, texts, repeat("."))))
    if dotted:
        texts_in, starts_in, texts, starts, prev = texts, starts, [], [], 0
        for k in dotted:
            if (split := _split_dotted(texts_in[k])) is not None:
                texts += texts_in[prev:k]
                starts += starts_in[prev:k]
                texts += map(_text, split)
                starts += map(starts_in[k].__add__, map(_start, split))
                prev = k + 1
        texts += texts_in[prev:]
        starts += starts_in[prev:]
    ends = map(add, starts, map(len, texts))
    toks = list(map(tuple.__new__, repeat(_Tok), zip(texts, starts, ends, map(str.isupper, map(itemgetter(0), texts)))))
    return toks, texts, starts


def _kinds(body: str) -> tuple[list[str], list[str]]:
    """The characters of `body` that are white space other than a space, and those that are a token alone."""
    spaces, singles = [], []
    for c in set(body):
        kind = _KIND.get(c)
        if kind is None:
            kind = _KIND[c] = (0 if c in _WORD_MARKS or _WORD_CHAR.match(c, timeout=lexicon.TIMEOUT)
                               else 1 if _SPACE.match(c, timeout=lexicon.TIMEOUT) else 2)
        if kind == 1 and c != " ":
            spaces.append(c)
        elif kind == 2:
            singles.append(c)
    return spaces, singles


@lru_cache(maxsize=1 << 14)
def _split_dotted(chunk: str) -> tuple[tuple[str, int], ...] | None:
    """The tokens (text, offset) of a chunk of word characters and full stops, or None when it is one token."""
    parts = chunk.split(".")
    if parts[0] and all(parts[1:-1]) and "·" not in chunk[len(parts[0]):]:  # `_TOKEN`'s first branch takes it all
        found = [(chunk, 0)]
    else:
        found = [(m[0], m.start()) for m in _TOKEN.finditer(chunk, timeout=lexicon.TIMEOUT)]
    out = []
    for t, at in found:
        if len(t) > 2 and t[-1] == "." and t[:-1] not in _ABBREV and not (
                "." in t[:-1] and _INITIALS.fullmatch(t[:-1], timeout=lexicon.TIMEOUT)):
            out += [(t[:-1], at), (".", at + len(t) - 1)]
        else:
            out.append((t, at))
    return tuple(out) if len(out) > 1 else None


@lru_cache(maxsize=1 << 16)
def _name_word(t: str) -> bool:
    """Can token text `t` be a word of a name (cached: called for most tokens several times)."""
    lx = _lex()
    if t in lx.possessive_words:
        return True
    return (t[0].isupper() and t not in lx.stop and not t.endswith(("'s", "’s", "'", "’")) and not t[:1].isdigit()
            and not t.endswith(lx.adjective_suffixes))


def _head_at(toks: list[_Tok], i: int, lx: _Lex) -> tuple[int, str] | None:
    """The head ending at token i, also before a possessive `'s`: (index of its first token, head text)."""
    last = _no_possessive(toks[i].text).casefold()
    for seq in lx.heads.get(last, ()):
        j = i - len(seq) + 1
        if j >= 0 and all(toks[j + k].text.casefold() == w.casefold() for k, w in enumerate(seq[:-1])):
            return j, " ".join(seq)
    return None


def _bare_lists(texts: list[str]) -> list[list[tuple[int, int]]]:
    """Capitalised names joined by commas and a last `and` (`A, B Co, C and D`): the first and last token of each."""
    n, lists, cur = len(texts), [], []
    for k in compress(count(), map(",".__eq__, texts)):
        q = k + 1 + (k + 1 < n and texts[k + 1] == "and")
        r = _run_end(texts, q)
        if r < q or not (k > 0 and _name_word(texts[k - 1])):
            cur = []
            continue
        if not cur or cur[-1][1] != k - 1:
            p = k - 1
            while p > 0 and k - p < _MAX_NAME_TOKENS and _name_word(texts[p - 1]):
                p -= 1
            cur = [(p, k - 1)]
            lists.append(cur)
        cur.append((q, r))
        if r + 2 < n and texts[r + 1] == "and" and (e := _run_end(texts, r + 2)) >= r + 2:
            cur.append((r + 2, e))
            cur = []
    return lists


def _run_end(texts: list[str], q: int) -> int:
    """Last token of the name words starting at q, at most `_MAX_NAME_TOKENS` (q - 1 when there is none)."""
    r = q - 1
    while r + 1 < len(texts) and r + 1 - q < _MAX_NAME_TOKENS and _name_word(texts[r + 1]):
        r += 1
    return r


def _squash(s: str) -> str:
    """A name or role read across a hard line break, on one line."""
    return " ".join(s.split()) if "\n" in s else s


def _amp(texts: list[str], k: int, step: int) -> bool:
    """Token k is an `&` between two words of a name (`Valves & Control`), the next one `step` away."""
    return texts[k] == "&" and 0 <= k + step < len(texts) and _name_word(texts[k + step])


def _no_possessive(t: str) -> str:
    return t[:-2] if t.endswith(_POSSESSIVE) else t


def _legal_tail(toks: list[_Tok], i: int) -> int | None:
    """Last token of `, Ltd.` / `Ltd.` after a company head, else None."""
    if i < len(toks) and toks[i].text == ",":
        i += 1
    return i if i < len(toks) and toks[i].text in ("Ltd.", "Ltd", "Inc.", "Inc", "Limited") else None


@dataclass
class _Org:
    start: int  # token indices, inclusive
    end: int
    head: str
    tail_from: int | None = None  # token index of `of` that opens a tail
    possessive: bool = False  # the last token ends in `'s`, not part of the name
    titled: bool = False  # a lower-case head written as the name's capitalised head


def _walk_left(toks: list[_Tok], j: int, lx: _Lex) -> int:
    """First token of the capitalised run ending at token j-1 (j when there is none)."""
    s = j
    k = j - 1
    while k >= 0 and j - k <= _MAX_ORG_TOKENS:
        t = toks[k]
        if _name_word(t.text) and t.text.casefold() not in lx.specific_roles:
            s = k
        elif (t.text in ("and", "&") and k > 0 and _name_word(toks[k - 1].text) and s == k + 1
              and not lx.known.fullmatch(toks[s].text, timeout=lexicon.TIMEOUT)
              and (toks[k - 1].text not in lx.place_heads or _generic_run(toks[s:j], lx))
              and not ((toks[k - 1].text in lx.places or toks[k - 1].text in lx.countries)
                       and (k < 2 or not _name_word(toks[k - 2].text)))  # `mayor of Chongqing and NPC member`
              and ((hit := _head_at(toks, k - 1, lx)) is None or hit[1] in lx.weak_heads and _generic_run(toks[s:j], lx))):
            pass  # `Economic and Information Technology Commission`, not `Kelun Pharmaceutical and Tianfu Bank`;
            # `Port and Logistics Office`, not `Liangjiang New Area and Chongqing Municipal Government`
        elif t.text == ")" and k >= 2 and toks[k - 2].text == "(" and toks[k - 1].cap and not _acronym(toks[k - 1].text):
            s = k - 2
            k -= 2
        else:
            break
        k -= 1
    return s


def _lower_name(toks: list[_Tok], h0: int, lx: _Lex) -> int:
    """Start of a name written in lower case after its first word (`Sichuan foreign studies university`), else h0:
    a capitalised run, then up to three lower-case words with one that is not generic, not after `a`/`an`."""
    k = h0 - 1
    while k >= 0 and h0 - k <= _MAX_LOWER_WORDS and toks[k].text.isalpha() and toks[k].text.islower() \
            and toks[k].text not in lx.lower_stop:
        k -= 1
    words = toks[k + 1:h0]
    if k < 0 or not words or _generic_run(words, lx) or not _name_word(toks[k].text):
        return h0
    s = _walk_left(toks, k + 1, lx)
    return h0 if s > 0 and toks[s - 1].text.casefold() in lx.lower_not_after else s


def _generic_run(toks: list[_Tok], lx: _Lex) -> bool:
    """Every token is a generic word or a head word: the name needs more words before them."""
    return all(_fold(t.text) in lx.generic or t.text.casefold() in lx.heads for t in toks)


def _cap_tail(toks: list[_Tok], i: int, lx: _Lex, allow_in: bool, opener: str = "of") -> int:
    """Last token of `of (the) <Capitalised ...>` (or `for ...`) starting at i (i-1 when there is no tail)."""
    k = i
    if k < len(toks) and toks[k].text == opener:
        k += 1
        if k < len(toks) and toks[k].text == "the":
            k += 1
        last = i - 1
        while k < len(toks):
            t = toks[k]
            if t.text in lx.places and k + 1 < len(toks) and toks[k + 1].text in lx.branch_words:
                break  # `Bank of China Chongqing Branch` is the Bank of China
            if _name_word(t.text):
                last = k
            elif (t.text in ("and", "&", "of") and k + 1 < len(toks) and toks[k + 1].cap
                  and not lx.known.fullmatch(toks[k + 1].text, timeout=lexicon.TIMEOUT) and not _acronym(toks[k + 1].text)):
                pass
            elif t.text == "in" and allow_in and k + 1 < len(toks) and toks[k + 1].cap:
                pass
            else:
                break
            k += 1
        return last
    return i - 1


def _orgs(body: str, toks: list[_Tok], texts: list[str], starts: list[int], lx: _Lex) -> list[_Org]:
    found: list[_Org] = []
    heads = compress(count(), map(lx.heads.__contains__, map(str.casefold, texts)))
    owners = []  # `the Xyz Group's plant`
    for mark in _POSSESSIVE:
        p = body.find(mark)
        while p >= 0:
            k = bisect_right(starts, p) - 1
            if k >= 0 and texts[k].endswith(_POSSESSIVE) and _no_possessive(texts[k]).casefold() in lx.heads:
                owners.append(k)
            p = body.find(mark, p + 2)
    for i in sorted(chain(heads, owners)) if owners else heads:
        hit = _head_at(toks, i, lx)
        if hit is None:
            continue
        h0, head = hit
        lower = not toks[h0].cap
        s = _walk_left(toks, h0, lx)
        left = [t for t in toks[s:h0] if t.cap]
        if lower and not left and head.casefold() in lx.lower_heads:
            s = _lower_name(toks, h0, lx)
            left = [t for t in toks[s:h0] if t.cap] * 2  # the lower-case words stand for the second capital
        if lower and len(left) == 1 and left[0].text in lx.places and head.casefold() in lx.place_bodies and not (
                i + 1 < len(toks) and texts[i + 1] in lx.place_body_not_before):
            found.append(_Org(s, i, head, titled=True))  # `Chongqing customs said`: the city's customs authority
            continue
        if lower and len(left) < 2:  # `the Chongqing government` is a generic reference
            continue
        if s > 0 and toks[s - 1].text == ")" and left and all(t.text in lx.places for t in left):
            continue  # `X (ABC) Chongqing Office`: a branch of the organisation before it
        if head in lx.weak_heads and not any(_fold(t.text) not in lx.generic for t in left):
            continue
        e = i
        if texts[i].endswith(_POSSESSIVE):
            found.append(_Org(s, e, head, possessive=True))
            continue
        # `Co., Ltd.` after the head belongs to it
        while (tail := _legal_tail(toks, e + 1)) is not None:
            e = tail
        tail_from = None
        opener = "for" if head in lx.for_tail_heads and e + 1 < len(toks) and texts[e + 1] == "for" else "of"
        if head not in lx.no_tail_heads and (not left or e + 1 < len(toks) and texts[e + 1] == opener):
            end = _cap_tail(toks, e + 1, lx, head in lx.place_tail_heads, opener)
            if end > e:
                tail_from, e = e + 1, end
            elif not left:
                continue
        if head in lx.place_tail_heads and e + 1 < len(toks):  # `Consulate-General (in) Chongqing`
            if toks[e + 1].text in lx.places:
                e += 1
            elif toks[e + 1].text == "in" and e + 2 < len(toks) and toks[e + 2].text in lx.places:
                e += 2
        nxt = toks[e + 1] if e + 1 < len(toks) else None
        if nxt is not None and nxt.cap and _name_word(nxt.text) and nxt.text not in lx.places:
            continue  # the head is inside a longer name (an event, a facility)
        found.append(_Org(s, e, head, tail_from))
    return found


def _name(toks: list[_Tok], o: _Org, body: str) -> str:
    return body[toks[o.start].start:toks[o.end].end - 2 * o.possessive]


@lru_cache(maxsize=1 << 14)
def _clean_org(name: str) -> str | None:
    """Canonical name, or None for a generic reference, place or event."""
    lx = _lex()
    name = name.replace("’", "'")
    words = _WORDS.findall(name, timeout=lexicon.TIMEOUT)
    if not words:
        return None
    branch = lx.branch.match(name, timeout=lexicon.TIMEOUT)
    if branch:
        name = branch[1]
    name = _ACRONYM_IN_BRACKETS.sub("", name, timeout=lexicon.TIMEOUT)  # an acronym in brackets is linked, not part of the name
    distinct = [w for w in words if _fold(w) not in lx.generic and w not in _CONNECT and w.casefold() not in lx.heads]
    if words[-1] in lx.national_heads and all(w in lx.demonyms or w in lx.countries for w in distinct):
        return None  # `the Chinese Government`: a country's government, generic like `the city government`
    if not distinct and words[0] not in lx.unique_heads:  # `Ministry of Industry and ...` names one body
        return None
    return lx.canonical.get(_fold(name)) or lx.canonical.get(_fold(_no_legal(name)), name)


@lru_cache(maxsize=1 << 14)
def _no_legal(name: str) -> str:
    return _LEGAL.sub("", name, timeout=lexicon.TIMEOUT)


@lru_cache(maxsize=1 << 14)
def _skeleton(name: str) -> str:
    """`British Consulate in Chongqing` and `British Consulate-General Chongqing` -> `british consulate chongqing`."""
    lx = _lex()
    return " ".join(w for w in _fold(name).replace("-", " ").replace("&", " and ").split() if w not in lx.filler)


def _acronym_links(toks: list[_Tok], texts: list[str], orgs: list[tuple[int, int, str]],
                   lx: _Lex) -> tuple[dict[str, str], set[str]]:
    """`Long Name (ABC)` and `ABC (Long Name)`: ABC stands for the organisation; after a non-organisation it is ignored."""
    links, ignore = {}, set()
    by_end = {e: name for s, e, name in orgs}
    by_start = {s: name for s, e, name in orgs}
    for i in compress(count(), map("(".__eq__, texts)):
        if not 0 < i < len(toks) - 1:
            continue
        if _acronym(toks[i - 1].text) and i + 1 in by_start:
            links[toks[i - 1].text] = by_start[i + 1]
            continue
        if i + 3 < len(toks) and toks[i + 1].text in lx.places and toks[i + 3].text == ")" and i - 1 in by_end:
            if _acronym(toks[i + 2].text):  # `Long Name (Chongqing ABC)`
                links[toks[i + 2].text] = by_end[i - 1]
            continue
        if i + 2 >= len(toks) or toks[i + 2].text != ")" or not _acronym(toks[i + 1].text):
            continue
        if i - 1 in by_end:
            links[toks[i + 1].text] = by_end[i - 1]
        elif toks[i - 1].cap:
            ignore.add(toks[i + 1].text)
    return links, ignore


@lru_cache(maxsize=1 << 16)
def _acronym(t: str) -> bool:
    lx = _lex()
    return (bool(_ACRONYM.fullmatch(t, timeout=lexicon.TIMEOUT)) and t not in lx.not_acronyms
            and t.removesuffix("s") not in lx.not_acronyms and t not in lx.countries
            and t.title() not in lx.places and t.title() not in lx.countries and t.title() not in lx.stop)


def _credited(body: str, start: int, end: int, lx: _Lex) -> bool:
    """The name at body[start:end] is a credit or a dateline's agency, not an actor (`Photo: X`,
    `BEIJING, Jan. 5 (X) --`, `... growth.—X` closing a paragraph, `[X, 03/15/97]`)."""
    return bool(_ends_with(body[max(0, start - 30):start], lx.credit, lx.credit_cues)
                or body.endswith(("(", "(\n"), 0, start)  # all a `_DATELINE` match can end with
                and _DATELINE.search(body, max(0, start - 50), start, timeout=lexicon.TIMEOUT)
                or _closing_before(body[max(0, start - 3):start])
                and _CLOSING_AFTER.match(body, end, timeout=lexicon.TIMEOUT)
                or start > 0 and body[start - 1] in "[(" and _BRACKET_DATE.match(body, end, timeout=lexicon.TIMEOUT))


def _closing_before(window: str) -> bool:
    """Whether the window ends with a dash or an opening bracket, then blanks (then a line break)."""
    return window.removesuffix("\n").rstrip(" \t").endswith(_CLOSERS)


def _ends_with(window: str, pattern: regex.Pattern, words: tuple[str, ...], fold: bool = False) -> bool:
    """Whether `pattern`, one of `words` (lower case when `fold`) then white space to the end, matches in the
    window: tested with `str.endswith` when the window is ASCII, else by the pattern."""
    if window.isascii():
        bare = window.rstrip(_ASCII_SPACE)
        return (bare.lower() if fold else bare).endswith(words)
    return bool(pattern.search(window, timeout=lexicon.TIMEOUT))


def _lone_acronym(toks: list[_Tok], k: int, lx: _Lex) -> bool:
    """An acronym standing alone: not in an all-capitals line (a menu, a dateline) nor opening a longer name,
    nor a surname in capitals beside a given name (`Fabian FANG`)."""
    near = [toks[j] for j in (k - 1, k + 1) if 0 <= j < len(toks)]
    if any(len(t.text) > 1 and t.text.isascii() and t.text.isalpha() and t.text.isupper() for t in near):  # `[A-Z]{2,}`
        return False
    if toks[k].text.title() in lx.surnames and any(t.cap and not t.text.isupper() and _name_word(t.text) for t in near):
        return False
    return not (k + 1 < len(toks) and _name_word(toks[k + 1].text))


def _role_after(body: str, pos: int, lx: _Lex) -> tuple[str | None, int]:
    """The apposition after a name and where it ends: `, (the) deputy director of X,` -> `deputy director of X`;
    `(Deputy Mayor of X)` -> `Deputy Mayor of X`."""
    m = _ROLE_OPEN.match(body, pos, pos + 2, timeout=lexicon.TIMEOUT)
    if not m:
        return None, pos
    rest = body[m.end():m.end() + _MAX_ROLE_CHARS]
    head = lx.role_start.match(rest, timeout=lexicon.TIMEOUT)
    if not head:
        return None, pos
    skip = max(head.end("lead"), head.end("lead2"), 0)
    if m[0].endswith("("):
        close = rest.find(")")
        if close < 0 or "\n" in rest[:close]:
            return None, pos
        role, stop = rest[skip:close], m.end() + close + 1
    else:
        end = lx.role_end.search(rest, head.end(), timeout=lexicon.TIMEOUT)  # a comma before the role word is inside it
        role = rest[:end.start()] if end else rest
        stop = m.end() + len(role)
        role = role[skip:]
    role = _ARTICLE.sub("", role.strip(), timeout=lexicon.TIMEOUT)
    return role.replace("’", "'") or None, stop


def _role_before(body: str, end: int, lx: _Lex) -> str | None:
    """A role set before the name, opening its sentence: `The head of X, Li Ming, said` -> `head of X`."""
    lead = body[max(0, end - _MAX_LEAD_ROLE_CHARS):end]
    cut = max(map(lead.rfind, _LEAD_STOPS))
    if cut < 0 and end > _MAX_LEAD_ROLE_CHARS or cut >= 0 and lead[cut] == ",":
        return None  # no sentence start in reach, or a clause or list before the name
    role = _ARTICLE.sub("", lead[cut + 1:].strip(), timeout=lexicon.TIMEOUT)
    head = lx.role_start.match(role, timeout=lexicon.TIMEOUT)
    return role.replace("’", "'") if head and not head["lead"] and not head["lead2"] else None


def _bare_org(words: list[str], lx: _Lex) -> bool:
    """Can capitalised words found by a cue alone (no head word) be an organisation's name."""
    name = " ".join(words)
    return not (words[0] in lx.stop or words[0] in lx.places or words[0] in lx.countries or name in lx.places
                or name in lx.countries or _chinese_name(words, lx)
                or any(w in lx.place_heads or w in lx.event_heads or w.casefold() in lx.role_tokens
                       or w.casefold() in lx.heads for w in words))  # a head word: the head rules judged it


def _chinese_name(words: list[str], lx: _Lex) -> bool:
    """A surname and a pinyin given name (`Li Xiaoming`, `Zhang Xiao Ming`)."""
    return len(words) in (2, 3) and words[0] in lx.surnames and all(
        lx.given.fullmatch(w, timeout=lexicon.TIMEOUT) for w in words[1:])


def _owned(body: str, start: int, title: str, lx: _Lex) -> str:
    """A title with the capitalised owner written right before it (`Tesla CEO`, `Huawei's rotating chairman`)."""
    owner = _OWNER.search(body, max(0, start - 40), start, timeout=lexicon.TIMEOUT)
    if owner is None or owner[1].split()[0] in lx.stop or owner[1] in lx.honorifics:
        return title
    return f"{owner[1]} {title}".replace("’", "'")


def _title_before(body: str, start: int, lx: _Lex) -> regex.Match | None:
    """A title ending right before `start` (`Deputy Mayor `). The search tries each of 60 starts, so a window in
    ASCII is first asked for what every match ends with: white space after a role word."""
    lo = max(0, start - 60)
    window = body[lo:start]
    if window.isascii():
        bare = window.rstrip(_ASCII_SPACE)
        if len(bare) == len(window) or not bare.lower().endswith(lx.role_ends):
            return None
    return lx.title_before.search(body, lo, start, timeout=lexicon.TIMEOUT)


def _titled_name_in(toks: list[_Tok], texts: list[str], k: int, end: int, lx: _Lex) -> bool:
    """A title word right before a surname and a pinyin given name, in the tokens from k up to offset `end`."""
    n = len(toks)
    while k + 1 < n and toks[k + 1].end <= end:
        if (texts[k + 1] in lx.surnames and k + 2 < n and texts[k].casefold() in lx.role_tokens
                and lx.given.fullmatch(texts[k + 2], timeout=lexicon.TIMEOUT)):
            return True
        k += 1
    return False


def _persons(body: str, toks: list[_Tok], texts: list[str], taken: set[int], lx: _Lex,
             org_at: dict[int, str]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    prev_end = -1  # where the last person's name or apposition ended: `A, role, and B` lists B too
    n, after = len(toks), 0
    present = set(texts)  # each distinct token looked up once
    namely_words = set(filter(_name_word, present)) | lx.honorifics & present  # a name word or honorific
    namely = list(map(namely_words.__contains__, texts))
    particles = lx.particles & present
    for k in compress(count(), map(particles.__contains__, texts)) if particles else ():  # `Jan van der Berg`
        j = k + 1
        while j < n and texts[j] in lx.particles:
            j += 1
        if 0 < k and j < n and namely[k - 1] and toks[j].cap and namely[j]:
            namely[k:j] = [True] * (j - k)
    stops = lx.pinyin_stops & present
    for k in compress(count(), map(stops.__contains__, texts)) if stops else ():  # `Wang Jun`, `Yuan Jiajun`
        if (k > 0 and namely[k - 1] and texts[k - 1] in lx.surnames
                or texts[k] in lx.surnames and k + 1 < n and namely[k + 1] and texts[k + 1] not in lx.places
                and lx.given.fullmatch(texts[k + 1], timeout=lexicon.TIMEOUT)):
            namely[k] = True
    for i in compress(count(), namely):
        if i < after or i in taken:
            continue  # inside the last run, or inside an organisation
        j = i
        while j < n and j not in taken and namely[j]:
            j += 1
        after = j
        if j - i < 2:
            continue  # a name needs two words of the run: a second name or an honorific (`Mr. Bruno`)
        run = toks[i:j]
        # leading titles and honorifics are the role, not the name
        k = 0
        while k < len(run) and (run[k].text.casefold() in lx.role_tokens or run[k].text in lx.honorifics
                                or run[k].text in lx.demonyms or _acronym(run[k].text)
                                or run[k].text in lx.places or run[k].text in lx.countries):
            k += 1
        title = [t.text for t in run[:k] if t.text not in lx.honorifics]
        if not any(w.casefold() in lx.role_tokens for w in title):
            title = []
            while k > 0 and (run[k - 1].text in lx.places or run[k - 1].text in lx.countries):
                k -= 1  # a place opens a name only after a title (`Chongqing Mayor X`)
            last_role = max((q for q in range(len(run) - 2) if run[q].text.casefold() in lx.specific_roles),
                            default=None)
            if last_role is not None and len(run) - last_role - 1 <= _MAX_NAME_TOKENS:
                k = last_role + 1  # a longer title (`Yubei District Party Secretary X Y`)
                title = [t.text for t in run[:k] if t.text not in lx.honorifics]
        name_toks = run[k:]
        if j < n and toks[j].cap and texts[j].endswith(_POSSESSIVE):
            continue  # `Tyco Flow Control's`: the run goes on into a longer name
        honour = k > 0 and run[k - 1].text in lx.honorifics
        # one word is a name only after an honorific and before a role (`Mr. Bruno, Trade Commissioner of X`)
        if not (2 <= len(name_toks) <= _MAX_NAME_TOKENS or len(name_toks) == 1 and honour
                and _role_after(body, name_toks[0].end, lx)[0]):
            continue
        words = [t.text for t in name_toks]
        if any(w in lx.countries or w in lx.places or w.casefold() in lx.heads or w in lx.place_heads
               or w in lx.event_heads or _acronym(w) for w in words):
            continue
        first, last = name_toks[0], name_toks[-1]
        if first.start < prev_end:
            continue  # a name inside the last person's apposition
        before = body[max(0, first.start - 40):first.start]
        if _ends_with(before, lx.credit, lx.credit_cues):
            continue
        name = " ".join(words).replace("’", "'")
        role, role_end = _role_after(body, last.end, lx)
        if role is not None and _titled_name_in(toks, texts, j, role_end, lx):
            role, role_end = None, last.end  # `A, Vice Mayor Zhang Wei and ...`: the title is the next person's
        chinese = _chinese_name(words, lx)
        if role is None:
            if title and run[0].text not in lx.honorifics:
                role = _owned(body, run[0].start, " ".join(title), lx)
            elif title:
                role = " ".join(title)
            elif trail := _title_before(body, run[0].start, lx):
                role = _owned(body, trail.start(1), trail[1], lx)
            if role and j + 1 < n and toks[j].text == "of" and j + 1 in org_at:
                role += " of " + org_at[j + 1]  # `Deputy General Manager X of Y Corporation`
        if role is None:
            poss = _POSSESSOR.search(body, max(0, first.start - 60), first.start, timeout=lexicon.TIMEOUT)
            if poss and poss[1] not in lx.countries and poss[1] not in lx.places:
                role = lx.canonical.get(_fold(poss[1]), poss[1])
        if role is None and body.startswith(", ", first.start - 2) and body.startswith(",", last.end):
            role = _role_before(body, first.start - 2, lx)
        # the weaker cues, tried only while no role is found
        if role is None and not (chinese or honour or words[0] in lx.first_names
                                 or lx.speech_after.match(body, last.end, timeout=lexicon.TIMEOUT)
                                 or _ends_with(body[max(0, first.start - 20):first.start], lx.speech_before,
                                               lx.speech_words, fold=True)
                                 or prev_end >= 0 and _LIST_GAP.fullmatch(body, prev_end, first.start, timeout=lexicon.TIMEOUT)):
            continue
        if name not in out or out[name] is None:
            out[name] = role
        prev_end = role_end if role_end > last.end else last.end
    words = {w for p in out if " " in p for w in p.split()}
    return {p: r for p, r in out.items() if " " in p or p not in words}  # `Mr. Li, director` after `Li Ming`


def _token_at(starts: list[int], at: int) -> int | None:
    """The index of the token starting at offset `at`, if one does."""
    k = bisect_left(starts, at)
    return k if k < len(starts) and starts[k] == at else None


def _matches(body: str, pattern: regex.Pattern, words: tuple[str, ...]):
    """`pattern.finditer(body)` for a pattern whose every match opens with one of `words`, tried only where a word
    occurs: a search per word beats the pattern's scan of the page when the words are few (the cue nouns)."""
    at = set()
    for w in words:
        p = body.find(w)
        while p >= 0:
            at.add(p)
            p = body.find(w, p + 1)
    end = 0
    for p in sorted(at):
        if p >= end and (m := pattern.match(body, p, timeout=lexicon.TIMEOUT)):
            end = m.end()
            yield m


def find(body: str) -> list[Entity]:
    if not _CAPS_ANY.search(body, timeout=lexicon.TIMEOUT):
        return []
    lx = _lex()
    kinds = _kinds(body)
    toks, texts, starts = _tokens(body, *kinds)
    runs = _word_runs(body, *kinds)
    raw_orgs = _orgs(body, toks, texts, starts, lx)
    # a sub-unit (`X Department of the Y Administration`) yields its parent only
    spans: list[tuple[int, int, str]] = []
    for o in raw_orgs:
        if o.head in lx.subunits and o.tail_from is not None and any(
                o.tail_from < p.end <= o.end and p is not o for p in raw_orgs):
            continue
        name = _name(toks, o, body)
        name = _clean_org(name[:-len(o.head)] + o.head.title() if o.titled else name)
        if name and not _credited(body, toks[o.start].start, toks[o.end].end, lx):
            spans.append((o.start, o.end, name))
    kept, reach = [], -1
    for span in sorted(set(spans), key=lambda x: (x[0], -x[1])):
        if span[1] > reach:  # not inside an earlier, longer span
            kept.append(span)
            reach = span[1]
    spans = kept
    taken = {k for s, e, _ in spans for k in range(s, e + 1)}
    org_at = {s: name for s, e, name in spans}
    orgs: Counter[str] = Counter(name for _, _, name in spans)

    links, ignore = _acronym_links(toks, texts, spans, lx)
    known_at: dict[int, str] = {}  # token -> the listed company counted there
    # listed companies and canonical spellings not already inside a found name
    for a, z in _listed(body, lx.known_names, runs, strict=True):
        k = _token_at(starts, a)
        if k is None or k in taken or lx.brand_after.match(body, z, timeout=lexicon.TIMEOUT):
            continue
        if k + 1 < len(toks) and (toks[k + 1].text in lx.place_heads or toks[k + 1].text in lx.event_heads):
            continue  # `Chang'an Avenue`, `Huawei Connect Summit`
        found = body[a:z]
        if k > 0 and texts[k - 1] in lx.surnames and lx.given.fullmatch(found, timeout=lexicon.TIMEOUT):
            continue  # `Wang Yinxiang`: a given name
        if _credited(body, a, z, lx):
            continue
        name = lx.canonical.get(_fold(found), found)
        nxt = lx.known.match(body, z + 1, timeout=lexicon.TIMEOUT) if body[z:z + 1] == " " else None
        if nxt:  # two companies written together are a joint venture (`Changan Ford`)
            name = f"{found} {nxt[0]}"
        orgs[name] += 1
        last = bisect_left(starts, nxt.end() if nxt else z)
        taken.update(range(k, last))
        known_at.update(dict.fromkeys(range(k, last), name))
    # a capitalised name described right after it (`Xyz, a Chongqing-based automaker,`, `Xyz (SHE: 000123)`)
    for m in _matches(body, lx.described, lx.described_marks):
        if m["what"] is None:  # the ticker is no acronym of its own
            taken.update(range(bisect_left(starts, m.start()), bisect_left(starts, m.end())))
        r = bisect_right(starts, m.start() - 1) - 1
        q = r
        while q > 0 and r - q < _MAX_NAME_TOKENS - 1 and (_name_word(texts[q - 1]) or _amp(texts, q - 1, -1)):
            q -= 1
        if r < 0 or toks[r].end != m.start() or not _name_word(toks[r].text) or set(range(q, r + 1)) & taken:
            continue
        words = texts[q:r + 1]
        if m["what"] and any(w.casefold() in lx.role_tokens for w in m["what"].split()):
            continue  # `X, a manager at the firm`
        if _bare_org(words, lx):
            item = body[toks[q].start:toks[r].end]
            orgs[lx.canonical.get(_fold(item), item)] += 1
            taken.update(range(q, r + 1))
    acronym_at: dict[int, str] = {}
    for k in compress(count(), map(str.isupper, map(_first_two, texts))):  # `[A-Z][A-Z&]...` only
        t = toks[k]
        if (k in taken or not _acronym(t.text) or t.text in ignore or not _lone_acronym(toks, k, lx)
                or _credited(body, t.start, t.end, lx)):
            continue
        if lx.brand_after.match(body, t.end, timeout=lexicon.TIMEOUT) or lx.members_after.match(
                body, t.end, timeout=lexicon.TIMEOUT):
            continue  # `XYZ vehicles`: a brand; `ASEAN countries`: the members, not the bloc
        if k > 0 and toks[k - 1].text == "(" and t.text in links:
            continue
        acronym_at[k] = links.get(t.text) or lx.canonical.get(_fold(t.text), t.text)
        orgs[acronym_at[k]] += 1
        taken.add(k)
    # capitalised names after a list cue (`companies such as A, B and C`) or a maker noun (`automaker X`)
    span_end = {s: e for s, e, _ in spans}
    for m in _cue_matches(body, lx, runs):
        q = _token_at(starts, m.end())
        while q is not None and q < len(toks) and _name_word(toks[q].text):
            r = q
            while r + 1 < len(toks) and _name_word(toks[r + 1].text) and r - q < 3:
                r += 1
            if m["member"] and r + 1 < len(toks) and toks[r + 1].text in lx.outlet_tails:
                r += 1  # `Red Star News`: a word that ends no other name
            r = max(r, span_end.get(q, r))  # a list item found by its head (`X Co., Ltd.`) is counted already
            item = body[toks[q].start:toks[r].end]
            name = lx.canonical.get(_fold(item), item)
            if m["member"] and (r == q or not _bare_org(texts[q:r + 1], lx)):
                break  # `a reporter from Cover News`, not `a reporter from Yubei District`
            if m["maker"] and not _bare_org(texts[q:r + 1], lx):
                break  # `the giant Three Gorges Dam`
            inside = set(range(q, r + 1)) & taken
            if m["list"] in lx.product_lists:  # `brands such as XYZ`: only a listed company is an organisation
                if inside and inside <= acronym_at.keys():
                    orgs.subtract({acronym_at.pop(k) for k in inside})
                    orgs = +orgs
            else:
                if m["list"] and inside and inside <= known_at.keys() and all(known_at[k] != name for k in inside):
                    orgs.subtract({known_at.pop(k) for k in inside})  # `SAIC Iveco Hongyan` in a list is not SAIC
                    orgs = +orgs
                    inside = set()
                if not inside and item not in lx.places and item not in lx.countries:
                    orgs[name] += 1
                    taken.update(range(q, r + 1))
            if m["list"] is None or r + 2 >= len(toks) or toks[r + 1].text not in (",", "and"):
                break
            q = r + 2 + (toks[r + 2].text == "and")
    # the other items of a bare list (`A, B, C and D`) in which two organisations were found whole
    for items in _bare_lists(texts):
        spans_in = [set(range(q, r + 1)) & taken for q, r in items]
        if len(items) < _MIN_LIST_ITEMS or sum(len(inside) == r - q + 1 for inside, (q, r) in zip(spans_in, items)) < (
                _MIN_LIST_ORGS) or not all(inside or _bare_org(texts[q:r + 1], lx) and texts[q] not in lx.first_names
                                          for inside, (q, r) in zip(spans_in, items)):
            continue  # a list of places, persons or products with an organisation among them
        for inside, (q, r) in zip(spans_in, items):
            item = body[toks[q].start:toks[r].end]
            name = lx.canonical.get(_fold(item), item)
            if inside and (len(inside) == r - q + 1 or not inside <= known_at.keys()):
                continue
            if inside:  # `Chang'an Crossing` among companies is that company, not Chang'an
                orgs.subtract({known_at.pop(k) for k in inside})
                orgs = +orgs
            orgs[name] += 1
            taken.update(range(q, r + 1))
    # the body an office belongs to (`the chief executive of Xyz Widgets`)
    p = body.find(" of ")
    while p >= 0:
        k = bisect_right(starts, p) - 1
        q = k + 2 + (k + 2 < len(toks) and texts[k + 2] == "the")
        if 0 <= k and texts[k].casefold() in lx.company_offices and q < len(toks) and q not in taken:
            r = q
            while r + 1 < len(toks) and r - q < _MAX_NAME_TOKENS - 1 and (_name_word(texts[r + 1]) or _amp(texts, r + 1, 1)):
                r += 1
            if r > q and _name_word(texts[q]) and not set(range(q, r + 1)) & taken and _bare_org(texts[q:r + 1], lx):
                item = body[toks[q].start:toks[r].end]
                orgs[lx.canonical.get(_fold(item), item)] += 1
                taken.update(range(q, r + 1))
        p = body.find(" of ", p + 4)
    for name in list(orgs):  # `X Co., Ltd.` beside `X` (a full name itself) is X
        short = _no_legal(name)
        if short != name and short in orgs:
            orgs[short] += orgs.pop(name)

    # a name that opens a longer organisation's name is that organisation (`AVATR` -> `AVATR Technology`)
    for name in sorted(orgs, key=len):
        longer = [o for o in orgs if o.startswith(name + " ") and o != name]
        if len(longer) == 1 and not lx.known.fullmatch(longer[0], timeout=lexicon.TIMEOUT):
            orgs[longer[0]] += orgs.pop(name)
    if len(orgs) > 1:  # spellings apart only in filler words are one organisation, under the longest
        by_key: dict[str, list[str]] = {}
        for name in orgs:
            by_key.setdefault(_skeleton(name), []).append(name)
        for names in by_key.values():
            if len(names) > 1:
                keep = max(names, key=len)
                orgs[keep] += sum(orgs.pop(o) for o in names if o != keep)

    persons = _persons(body, toks, texts, taken, lx, org_at)
    person_words = {w for p in persons for w in p.split()}
    out = [Entity("organization", _squash(name), n) for name, n in orgs.items() if name not in persons]
    if "’" in body:
        texts = [t.replace("’", "'") for t in texts]
    ends = {w for p in persons for w in (p.split()[0], p.split()[-1])}  # the only words looked up
    where: dict[str, list[int]] = {}
    for k in compress(count(), map(ends.__contains__, texts)):
        where.setdefault(texts[k], []).append(k)
    for name, role in persons.items():
        words = name.split()
        full = sum(1 for k in where.get(words[0], ())
                   if all(k + q < len(toks) and texts[k + q] == w for q, w in enumerate(words)))
        short = sum(1 for w in {words[0], words[-1]} - lx.stop for k in where.get(w, ())
                    if not (k > 0 and (_name_word(texts[k - 1]) or texts[k - 1] in lx.particles))
                    and not (k + 1 < len(toks) and _name_word(toks[k + 1].text)))
        out.append(Entity("person", name, max(full, 1) + short, role and _squash(role)))
    geo = Counter(g for g in (body[a:z] for a, z in _listed(body, lx.geo_names, runs, strict=False))
                  if g not in person_words)
    out += [Entity("country" if g in lx.countries else "place", g, n) for g, n in geo.items()]
    return out
