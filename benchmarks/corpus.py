"""A synthetic corpus for the benchmark, recombined from the sample pages of data/raw.

The sample pages are decoded with `cqetl.ingest.read` and cut into parts by
the pipeline's own line decisions: headlines, body paragraphs, the chrome
above the body (menus, breadcrumbs, datelines) and below it (banners, share
bars, legal lines). A page of the corpus takes the chrome of one sample site
(so template detection sees real repeats) around a headline and ~4 KB of
paragraphs drawn from every page of its language, with every figure, date,
month name and person name varied so that no cache sees an unrealistic hit
rate. Pages are generated and written one at a time from a seeded RNG: the
same seed gives the same corpus, and memory does not grow with N.
"""
from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import regex

from cqetl import ingest, pipeline
from cqetl.config import load_config

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"

ZH_SHARE = 0.2  # a modest share of Chinese pages, as in the scraped sets
PAGE_BYTES = (3500, 4500)  # UTF-8 size range of a page (~4 KB)
# Some pages keep a legacy encoding so that decoding is measured too.
ENCODINGS = {"en": (("utf-8", 0.9), ("cp1252", 0.06), ("utf-16", 0.04)), "zh": (("utf-8", 0.75), ("gb18030", 0.25))}

SURNAMES_EN = ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun", "Hu", "Zhu",
               "Gao", "Lin", "He", "Guo", "Ma", "Luo", "Smith", "Brown", "Taylor", "Martin", "Keller", "Rossi")
GIVEN_EN = ("Jun", "Wei", "Fang", "Min", "Lei", "Yan", "Hao", "Jing", "Tao", "Ying", "Bo", "Xin", "Peng", "Lan",
            "Sarah", "David", "Anna", "Marco", "Helen", "Peter")
SURNAMES_ZH = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN_ZH = "军伟芳敏磊燕浩静涛颖波鑫鹏兰明华强丽"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
MONTHS_ABBR = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")

# one pass, so that a varied date is not varied again as numbers
_FIGURE = regex.compile(r"(?P<clock>(?<=\d:)\d\d)|(?P<iso>\b(?:19|20)\d\d-\d\d-\d\d\b)|(?P<md>\d{1,2}月\d{1,2}日)|(?P<m>\d{1,2}(?=月))"
                        r"|(?P<num>\d+(?:[.,]\d+)*)")
_PINYIN_NAME = regex.compile(r"\b(?:" + "|".join(SURNAMES_EN[:20]) + r") [A-Z][a-z]+\b")
_MONTH = regex.compile(r"\b(?:" + "|".join(MONTHS) + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)")


@dataclass
class Site:
    """One sample page cut into parts."""

    lang: str
    top: list[str]  # above the headline
    below_title: list[str]  # between the headline and the body (datelines, banners)
    bottom: list[str]
    middle: list[str]  # removed lines inside the body (captions, banners)


@dataclass
class Pools:
    sites: dict[str, list[Site]] = field(default_factory=lambda: {"en": [], "zh": []})
    headers: dict[str, list[str]] = field(default_factory=lambda: {"en": [], "zh": []})
    paragraphs: dict[str, list[str]] = field(default_factory=lambda: {"en": [], "zh": []})
    persons: dict[str, set[str]] = field(default_factory=lambda: {"en": set(), "zh": set()})


def pools(raw_dir: Path = RAW) -> Pools:
    """The parts of the sample pages, labelled by the pipeline's own decisions."""
    cfg = load_config(None)
    ctx = pipeline.Context.build(cfg)
    p = Pools()
    addresses, _ = ingest.load_addresses(raw_dir, cfg.url_manifests, cfg.limits.max_bytes)
    for rel in ingest.discover(raw_dir, addresses.files)[0]:
        raw = ingest.read(ingest.Found(raw_dir / rel, rel), cfg.limits.max_bytes)
        res = pipeline.process(raw, ctx)
        lang = "zh" if res.language == "zh" else "en"
        kept = [d.line_no for d in res.decisions if d.keep and d.text.strip()]
        first, last = (min(kept), max(kept)) if kept else (0, -1)
        site = Site(lang, [], [], [], [])
        title = res.meta.title_line if res.meta.title_line is not None else -1
        for d in res.decisions:
            t = d.text.strip()
            if not t:
                continue
            if d.line_no == res.meta.title_line or d.rule.startswith("heading"):
                p.headers[lang].append(t)
            elif d.keep:
                p.paragraphs[lang].append(t)
            elif d.line_no < first:
                (site.top if d.line_no < title else site.below_title).append(t)
            elif d.line_no > last:
                site.bottom.append(t)
            else:
                site.middle.append(t)
        p.sites[lang].append(site)
        p.persons[lang].update(e.name for e in res.entities if e.kind == "person")
        if res.meta.author:
            p.persons[lang].update(a.strip() for a in regex.split(r"[,;、]| and ", res.meta.author) if a.strip())
    return p


class Varier:
    """Rewrites figures, dates, month names and person names with a page's RNG."""

    def __init__(self, persons: dict[str, set[str]]):
        names = sorted((n for ns in persons.values() for n in ns), key=len, reverse=True)
        self._persons = regex.compile("|".join(map(regex.escape, names))) if names else None

    def _name(self, old: str, rng: random.Random) -> str:
        if regex.search(r"\p{Han}", old):
            return rng.choice(SURNAMES_ZH) + "".join(rng.choices(GIVEN_ZH, k=len(old) - 1 if len(old) > 2 else rng.choice((1, 2))))
        name = f"{rng.choice(SURNAMES_EN)} {rng.choice(GIVEN_EN)}"
        return name.upper() if old.isupper() else name

    def _num(self, s: str, rng: random.Random) -> str:
        digits = sum(c.isdigit() for c in s)
        if digits == 4 and s.isdigit() and s[:2] in ("19", "20"):
            return str(rng.randint(2005, 2025))
        head = regex.match(r"\d+", s).group()
        if len(head) <= 2:  # days, percentages, counts: kept in a valid day range
            out = str(rng.randint(1, 28)) + s[len(head):]
        else:
            out = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in head[1:]) + s[len(head):]
        return regex.sub(r"(?<=[.,])\d", lambda _: str(rng.randint(0, 9)), out)

    def _figure(self, m: regex.Match, rng: random.Random) -> str:
        if m.group("clock"):
            return f"{rng.randint(0, 59):02d}"
        if m.group("iso"):
            return (dt.date(2005, 1, 1) + dt.timedelta(days=rng.randint(0, 7300))).isoformat()
        if m.group("md"):
            return f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
        if m.group("m"):
            return str(rng.randint(1, 12))
        s = m.group()
        return s if s.startswith("0") else self._num(s, rng)

    def vary(self, text: str, rng: random.Random) -> str:
        text = _FIGURE.sub(lambda m: self._figure(m, rng), text)
        text = _MONTH.sub(lambda m: rng.choice(MONTHS_ABBR if m.group().endswith(".") else MONTHS), text)
        text = _PINYIN_NAME.sub(lambda m: self._name(m.group(), rng), text)
        if self._persons is not None:
            text = self._persons.sub(lambda m: self._name(m.group(), rng), text)
        return text


def _pick(rng: random.Random, weighted) -> str:
    x, acc = rng.random(), 0.0
    for name, w in weighted:
        acc += w
        if x < acc:
            return name
    return weighted[0][0]


def page(p: Pools, v: Varier, seed: int, i: int) -> tuple[str, str, str]:
    """(language, encoding, text) of page i: deterministic in (seed, i)."""
    rng = random.Random(seed * 1_000_003 + i)
    lang = "zh" if rng.random() < ZH_SHARE else "en"
    site = rng.choice(p.sites[lang])
    target = rng.randint(*PAGE_BYTES)
    head = [v.vary(x, rng) for x in (*site.top, rng.choice(p.headers[lang]), *site.below_title)]
    tail = [v.vary(x, rng) for x in site.bottom]
    size = sum(len(x.encode()) + 2 for x in head + tail)
    body: list[str] = []
    while size < target:
        if body and rng.random() < 0.08:
            para = v.vary(rng.choice(p.headers[lang] + site.middle), rng)
        else:
            para = v.vary(rng.choice(p.paragraphs[lang]), rng)
        body.append(para)
        size += len(para.encode()) + 2
    text = "\n".join(head) + "\n\n" + "\n\n".join(body) + "\n\n" + "\n".join(tail) + "\n"
    return lang, _pick(rng, ENCODINGS[lang]), text


@dataclass
class CorpusInfo:
    folder: Path
    pages: int = 0
    bytes_utf8: int = 0
    bytes_on_disk: int = 0
    languages: Counter = field(default_factory=Counter)
    encodings: Counter = field(default_factory=Counter)

    def as_dict(self) -> dict:
        return {"folder": str(self.folder), "pages": self.pages, "bytes_utf8": self.bytes_utf8,
                "bytes_on_disk": self.bytes_on_disk, "languages": dict(self.languages), "encodings": dict(self.encodings)}


def generate(p: Pools, n: int, seed: int) -> Iterator[tuple[str, str, str, bytes]]:
    """(name, language, encoding, bytes) of each page, one at a time."""
    v = Varier(p.persons)
    for i in range(n):
        lang, enc, text = page(p, v, seed, i)
        try:
            data = text.encode(enc)
        except UnicodeEncodeError:
            enc, data = "utf-8", text.encode()
        yield f"{i // 1000:04d}/p{i:07d}.txt", lang, enc, data


def write(folder: Path, n: int, seed: int = 8, raw_dir: Path = RAW) -> CorpusInfo:
    """Write n pages below folder (in sub-folders of 1,000), streaming."""
    info = CorpusInfo(folder)
    for name, lang, enc, data in generate(pools(raw_dir), n, seed):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        info.pages += 1
        info.bytes_utf8 += len(data.decode(enc).encode()) if enc != "utf-8" else len(data)
        info.bytes_on_disk += len(data)
        info.languages[lang] += 1
        info.encodings[enc] += 1
    return info


if __name__ == "__main__":  # print one page to eyeball the generator
    import sys

    pl = pools()
    print(page(pl, Varier(pl.persons), int(sys.argv[1]) if len(sys.argv) > 1 else 8, int(sys.argv[2]) if len(sys.argv) > 2 else 0)[2])
