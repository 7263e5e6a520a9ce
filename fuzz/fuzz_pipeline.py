"""Fuzz the cleaning and extraction stages: bytes in, contract invariants out.

`fuzz_target` takes raw bytes the way `ingest.read` does (decode, normalise,
size limits; binary-looking input goes on too), runs `pipeline.run_stages`
(which raises where `process` would turn a bug into a Reject) and checks what
every row must satisfy. `extract_target` drives the extraction stages alone
with any publication date. Inputs come from hypothesis strategies driven by
random buffers (`fuzz_one_input`): page-like English and Chinese text (menus,
bylines, figures with scale words and currencies, date words), text in the
encodings scrapers meet, edits of the sample pages, and plain binary.
Regressions live in SEEDS and are checked first.

    python fuzz/fuzz_pipeline.py --seconds 300 [--seed N] [--crashes DIR]
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import math
import random
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cqetl import dates as dates_stage, entities, facts, ingest, pipeline, sectors, validate
from cqetl.config import load_config
from cqetl.model import DocResult, Metadata

ROOT = Path(__file__).resolve().parents[1]
CTX = pipeline.Context.build(load_config(None))
SLOW_S = 1.0  # a page this slow (~500x the per-page target) is reported, not failed
EXTRACT_SHARE = 0.25  # of the buffers, driving the extraction stages directly (they are cheap)
DETERMINISM_EVERY = 16  # inputs run twice to compare results: a cheap check on caches that leak state


# ---- the target ---------------------------------------------------------------------------

def to_text(data: bytes) -> str:
    """What `ingest.read` makes of the bytes (undecodable bytes fall back to replacement characters)."""
    try:
        text, _ = ingest.decode(data)
    except (UnicodeError, LookupError):  # the only errors ingest.read expects from decode
        text = data.decode("utf-8", "replace")
    return ingest.normalise(text)


def check_text(text: str):
    """Run the stages on normalised text and assert the contract; None when ingest or the limits would reject it."""
    if not text.strip():
        return None
    raw = ingest.RawDoc("fuzz.txt", text, ingest.doc_id_of(text), len(text.encode("utf-8", "surrogatepass")))
    if pipeline.check_limits(raw, CTX.config) is not None:
        return None
    res = pipeline.run_stages(raw, CTX, ["clean"])
    check_result(res, text.split("\n"))
    return res


def check_result(res, lines: list[str]) -> None:
    non_blank = [i for i, line in enumerate(lines) if line.strip()]
    line_nos = [d.line_no for d in res.decisions]
    assert line_nos == non_blank, "one decision per non-blank line, in order"
    for d in res.decisions:
        assert d.keep or d.reason in validate.REASONS, f"line {d.line_no} removed with reason {d.reason!r}"
        assert d.rule, f"line {d.line_no} has no rule id"
        assert d.kept_text is None or d.kept_text.strip() in d.text, f"line {d.line_no}: kept part not in the line"
    body = res.body_text
    for d in res.dates:
        assert body[d.start:d.end] == d.mention, f"date span {d.start}:{d.end} is {body[d.start:d.end]!r}, not {d.mention!r}"
        assert d.date_start <= d.date_end, f"date {d.mention!r}: {d.date_start} > {d.date_end}"
        assert d.precision in validate.PRECISIONS, f"date {d.mention!r}: precision {d.precision!r}"
        assert d.rule, f"date {d.mention!r} has no rule id"
    for f in res.facts:
        assert body[f.start:f.end] == f.mention, f"fact span {f.start}:{f.end} is {body[f.start:f.end]!r}, not {f.mention!r}"
        assert isinstance(f.value, (int, float)) and math.isfinite(f.value), f"fact {f.mention!r}: value {f.value!r}"
        assert f.metric in validate.METRICS, f"fact {f.mention!r}: metric {f.metric!r}"
        assert f.qualifier in validate.QUALIFIERS, f"fact {f.mention!r}: qualifier {f.qualifier!r}"
        assert 1 <= len(f.unit) <= 20, f"fact {f.mention!r}: unit {f.unit!r}"
        assert f.rule, f"fact {f.mention!r} has no rule id"
    keys = [s.sector for s in res.sectors]
    assert len(keys) == len(set(keys)), f"a sector twice: {keys}"
    assert all(s.mentions >= 1 for s in res.sectors), "a sector with no mention"
    for e in res.entities:
        assert e.kind in validate.KINDS and e.mentions >= 1 and e.name.strip(), f"entity {e!r}"
    m = res.meta
    if m.published_date is not None:
        assert m.published_precision in ("day", "month", "year"), f"published precision {m.published_precision!r}"


def check_extract(body: str, lang: str, meta: Metadata) -> DocResult:
    """The extraction stages alone on a body with any language tag and publication date (the page path
    rarely reaches the edges of the calendar)."""
    found = dates_stage.find(body, lang, meta)
    res = DocResult(raw=None, language=lang, decisions=[], meta=meta, body_text=body, dates=found,
                    facts=facts.extract(body, lang, meta, found), sectors=sectors.tag(body, lang, CTX.taxonomy),
                    entities=entities.find(body, lang))
    check_result(res, [])
    return res


@dataclass
class Stats:
    tried: int = 0  # inputs that reached the stages
    slowest: list[tuple[float, bytes]] = field(default_factory=list)


STATS = Stats()
LAST: list[bytes] = [b""]  # the input being checked, to save when it fails


def check_bytes(data: bytes):
    """The fuzz target: raises AssertionError (contract) or any other exception (a bug)."""
    LAST[0] = data
    text = to_text(data)
    t0 = time.perf_counter()
    res = check_text(text)
    took = time.perf_counter() - t0
    if res is not None:
        STATS.tried += 1
        if took > SLOW_S:
            STATS.slowest.append((took, data))
        if STATS.tried % DETERMINISM_EVERY == 0:
            assert check_text(text) == res, "a second run over the same text gave another result"
    return res


# ---- inputs -------------------------------------------------------------------------------

NAV_WORDS = ["Home", "News", "Business", "World", "China", "Opinion", "Sports", "Video", "Photos", "Local", "Regions",
             "About Us", "Contact", "Login", "Subscribe", "Search", "Menu", "More", "Share", "Tags", "Top",
             "首页", "新闻", "财经", "要闻", "重庆", "区县", "视频", "图片", "专题", "评论", "English", "登录", "注册"]
SEPARATORS = ["|", " | ", ">", " > ", "»", " » ", "·", " / ", "  ", "\t", "｜", " - ", "—", " > > ", "::", ""]
CHROME_LINES = ["Cookies on this site", "We use cookies to give you the best experience. Accept all", "Skip to main content",
                "Share this article", "Facebook", "Twitter", "WeChat", "Related", "Related Stories", "Read more",
                "Copyright © 1995-2024 China Daily. All rights reserved", "Contact us: +86 23 6390 1234", "Print",
                "Advertisement", "Editor: Li Na", "By Wang Yifei", "By WANG YIFEI in Chongqing | China Daily |",
                "Updated: 2024-01-18 10:35", "Source: Xinhua", "(Xinhua)", "File photo", "Photo: VCG",
                "Published 18 October 2023", "Posted on March 3, 2021 by admin", "责任编辑：王五", "记者 张三 李四",
                "来源：重庆日报", "发布时间：2024年03月05日 09:30", "分享到：微信 微博 QQ空间", "扫一扫 在手机打开当前页",
                "版权所有 重庆市人民政府网 渝ICP备05003300号", "【字号：大 中 小】", "相关推荐", "上一篇：", "下一篇：",
                "Tags: Chongqing, economy", "Comments are closed.", "Back to top", "1 2 3 4 5 Next >", "..."]
EN_WORDS = ["the", "of", "and", "in", "to", "a", "Chongqing", "Chengdu", "Sichuan", "Liangjiang New Area", "China",
            "municipality", "city", "province", "region", "said", "reached", "rose", "fell", "grew", "increased",
            "output", "GDP", "exports", "imports", "investment", "companies", "firms", "enterprises", "projects",
            "vehicles", "laptops", "population", "residents", "industrial", "value", "trade", "year-on-year",
            "compared with", "accounting for", "of which", "including", "a total of", "worth", "valued at",
            "Mayor", "Tang Zongwei", "Ford", "Changan Automobile", "Seres", "BOE", "Foxconn", "HP", "Xinhua",
            "deputy director of the", "Commission", "Bureau of Statistics", "Ministry of Commerce", "per cent",
            "The", "It", "He", "she", "they", "was", "were", "is", "has been", "will", "by", "from", "to", "at"]
ZH_WORDS = ["重庆", "成都", "四川", "两江新区", "全市", "我市", "地区生产总值", "规模以上工业增加值", "进出口总额",
            "固定资产投资", "社会消费品零售总额", "汽车产量", "新能源汽车", "笔记本电脑", "企业", "项目", "家", "个",
            "同比增长", "同比下降", "增速", "比上年", "占", "达到", "实现", "完成", "约", "超过", "近", "逾", "余",
            "记者", "从", "市统计局", "获悉", "据", "介绍", "表示", "，", "。", "、", "；", "：", "（", "）", "“", "”"]
QUALIFIERS = ["", "", "over ", "more than ", "about ", "around ", "nearly ", "almost ", "up to ", "under ", "less than ",
              "some ", "roughly ", "at least ", "approximately ", "超过", "约", "近", "逾", "不到", "达"]
CURRENCIES = ["", "", "RMB ", "RMB", "US$", "$", "¥", "￥", "€", "£", "HK$", "USD ", "CNY ", "yuan ", "人民币"]
SCALES = ["", "", " million", " billion", " trillion", " mn", " bn", "m", "bn", " thousand", " hundred", " lakh", " crore",
          "万", "亿", "万亿", "千", "百", "千万", "百万", " million million", " billion yuan"]
UNITS = ["", "", " yuan", " dollars", " US dollars", " euros", " tonnes", " tons", " square kilometers", " sq km",
         " km", " hectares", " mu", " units", " vehicles", " cars", " people", " residents", " companies", " TEUs",
         "%", " percent", " per cent", " percentage points", "元", "亿元", "万元", "美元", "辆", "万辆", "台", "家", "个",
         "吨", "万吨", "平方公里", "亩", "人", "万人", "%", "％", "个百分点", "倍", " times", "-fold", " GW", " kWh"]
NUMBERS_ZH = ["一", "二", "两", "三", "十", "十二", "二十", "一百", "一百二十", "两千", "三千五百", "一万", "十万", "百万",
              "千万", "亿", "零", "〇", "一点五", "三成", "五成多", "半", "数十", "几百", "上千", "1.2万", "3.5亿", "0.5",
              "壹佰", "贰仟", "一百零五", "九千九百九十九万", "二〇二三"]
# Digits of other scripts; the last ones match the regex module's \d (newer Unicode) but not Python's int().
DIGITS = ["٣", "۳", "३", "১", "１", "๓", "\U0001d7d9", "\U00011de4", "\U00010d40", "\U000116d0", "\U00011bf0"]
NUMBERS_EN = DIGITS + ["one", "two", "three", "ten", "twelve", "twenty", "hundred", "a hundred", "thousands", "dozens",
              "half", "a third", "a quarter", "a dozen", "nearly three million", "one-third", "1,600", "3.5", "12",
              "0", "0.0", "00", "1e308", "1E400", "9" * 40, "1,2,3", "1,00,000", "12.", ".5", "-3", "+7", "1/2",
              "½", "３", "１２３", "٣", "①", "Ⅻ", "1 234 567", "1.234.567,89", "nan", "inf", "NaN", "Infinity"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
          "Dec", "Jan.", "Sept.", "JAN", "may", "march"]
DATE_WORDS = ["last year", "this year", "next year", "last month", "this month", "yesterday", "today", "tomorrow",
              "on Thursday", "Monday", "last week", "four years ago", "a decade ago", "the past decade",
              "the first half of", "the first five months of", "the first three quarters of", "early", "mid-",
              "late", "the end of", "the beginning of", "Q1", "Q2", "Q3", "Q4", "H1", "H2", "FY", "the 1990s",
              "the 13th Five-Year Plan", "2021-2025", "from 2019 to 2023", "between 2010 and 2012", "since",
              "by 2025", "by the end of 2027", "until", "去年", "今年", "明年", "前年", "上半年", "下半年", "一季度",
              "前三季度", "第四季度", "年初", "年底", "月底", "本月", "上月", "昨日", "今天", "近日", "日前", "“十四五”",
              "1—8月", "1-8月", "前5个月", "今年以来", "截至目前", "同期", "周四", "星期一", "春节", "国庆"]


@st.composite
def numbers(draw) -> str:
    kind = draw(st.integers(0, 4))
    if kind == 0:
        n = draw(st.integers(0, 10**15))
        num = f"{n:,}" if draw(st.booleans()) else str(n)
    elif kind == 1:
        num = f"{draw(st.floats(0, 1e6, allow_nan=False)):.{draw(st.integers(0, 4))}f}"
    elif kind == 2:
        num = draw(st.sampled_from(NUMBERS_EN))
    elif kind == 3:
        num = draw(st.sampled_from(NUMBERS_ZH))
    else:
        num = draw(st.text(st.sampled_from(list("0123456789.,，、 -—~～至to%亿万") + DIGITS), min_size=1, max_size=12))
    return (draw(st.sampled_from(QUALIFIERS)) + draw(st.sampled_from(CURRENCIES)) + num
            + draw(st.sampled_from(SCALES)) + draw(st.sampled_from(UNITS)))


@st.composite
def dates(draw) -> str:
    kind = draw(st.integers(0, 6))
    year = draw(st.sampled_from([draw(st.integers(1900, 2100)), 0, 1, 99, 999, 9999, 10000, 2024, 1949, 2008]))
    month = draw(st.integers(0, 13))
    day = draw(st.integers(0, 32))
    d = draw(st.sampled_from([str(day), f"{day:02d}", draw(st.sampled_from(DIGITS))]))  # the day as written
    if kind == 0:
        return f"{draw(st.sampled_from(MONTHS))} {d}, {year}" if draw(st.booleans()) else f"{d} {draw(st.sampled_from(MONTHS))} {year}"
    if kind == 1:
        return draw(st.sampled_from([f"{year}-{month:02d}-{d}", f"{d}/{month}/{year}", f"{month}/{d}/{year}",
                                     f"{year}.{month}.{d}", f"{year}/{month}/{d}", f"{year}{month:02d}{d}"]))
    if kind == 2:
        return draw(st.sampled_from([f"{year}年{month}月{d}日", f"{year}年{month}月", f"{month}月{d}日",
                                     f"{year}年", f"{year}年前{month}个月", f"{month}月{day}日至{day + 1}日",
                                     f"{month}—{month + 2}月", f"{year}年第{month % 5}季度", f"{year}年底"]))
    if kind == 3:
        return f"{draw(st.sampled_from(DATE_WORDS))} {year}"
    if kind == 4:
        return f"{draw(st.sampled_from(MONTHS))} {day} to {day + draw(st.integers(-3, 3))}"
    if kind == 5:
        return f"{draw(st.sampled_from(['Q', 'the first ', 'the third ']))}{month % 5} {draw(st.sampled_from(['', 'quarter of ']))}{year}"
    return draw(st.sampled_from(DATE_WORDS))


def _words(pool: list[str], joiner: str, max_size: int):
    parts = st.one_of(st.sampled_from(pool), numbers(), dates())
    return st.lists(parts, min_size=1, max_size=max_size).map(joiner.join)


EN_SENTENCE = st.builds(lambda w, end: w[:1].upper() + w[1:] + end, _words(EN_WORDS, " ", 40),
                        st.sampled_from([".", ".", ".", "", "?", ":", ".\"", " ..."]))
ZH_SENTENCE = st.builds(lambda w, end: w + end, _words(ZH_WORDS, "", 40), st.sampled_from(["。", "。", "", "！", "”"]))
MENU = st.builds(lambda sep, words: sep.join(words), st.sampled_from(SEPARATORS),
                 st.lists(st.sampled_from(NAV_WORDS), min_size=1, max_size=12))
_SHARED_LINES = [MENU, st.sampled_from(CHROME_LINES), dates(), numbers(), st.just(""), st.text(max_size=80),
                 st.sampled_from(NAV_WORDS)]
EN_LINE = st.one_of(
    EN_SENTENCE, EN_SENTENCE, EN_SENTENCE, *_SHARED_LINES,
    st.builds(lambda a, b: f"{a} {b}", st.sampled_from(CHROME_LINES), EN_SENTENCE),  # chrome words on a prose line
    st.builds(lambda n: "    " + n, EN_SENTENCE),  # indented
    st.builds(lambda a, b: f"{a[:60]}\n{b}", EN_SENTENCE, EN_SENTENCE),  # hard-wrapped
)
ZH_LINE = st.one_of(ZH_SENTENCE, ZH_SENTENCE, ZH_SENTENCE, *_SHARED_LINES,
                    st.builds(lambda n: "\u3000\u3000" + n, ZH_SENTENCE))
LINE = st.one_of(EN_LINE, ZH_LINE)
NEWLINES = st.sampled_from(["\n", "\n", "\n\n", "\r\n", "\r", "\n \n", "\n\u3000\u3000", "\u2028", "\x0c\n"])


@st.composite
def pages(draw) -> str:
    lines = draw(st.lists(draw(st.sampled_from([EN_LINE, ZH_LINE, LINE])), max_size=60))  # English, Chinese or mixed
    if lines and draw(st.booleans()):  # a site repeats its chrome
        lines = lines + lines[: draw(st.integers(0, len(lines)))]
    nl = draw(NEWLINES)
    text = nl.join(lines)
    if draw(st.integers(0, 9)) == 0:
        text = draw(st.sampled_from(["\ufeff", "\u200b", " ", "\t"])) + text
    return text


def _sample_pages() -> list[bytes]:
    """The project's sample pages and, when beside the repo, the development corpus (read, never copied)."""
    paths = sorted((ROOT / "data" / "raw").glob("*"))
    paths += sorted((ROOT.parent / "shared" / "corpus").glob("*/raw/*"))
    return [p.read_bytes() for p in paths if p.is_file()]


SAMPLES = _sample_pages()


@st.composite
def edited_sample(draw) -> bytes:
    """A sample page with a few edits: cut, duplicated or swapped lines, spliced fragments, truncation."""
    if not SAMPLES:
        return draw(pages()).encode("utf-8")
    data = draw(st.sampled_from(SAMPLES))
    text = to_text(data)
    lines = text.split("\n")
    for _ in range(draw(st.integers(0, 6))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.integers(0, 5))
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[draw(st.integers(0, len(lines) - 1))])
        elif op == 2:
            lines.insert(i, draw(LINE))
        elif op == 3:
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.one_of(numbers(), dates(), st.sampled_from(SEPARATORS))) + lines[i][at:]
        elif op == 4:
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        else:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
    text = "\n".join(lines)
    if draw(st.booleans()):
        return text.encode("utf-8")
    out = bytearray(text.encode(draw(st.sampled_from(["utf-8", "gb18030", "utf-16"])), "replace"))
    for _ in range(draw(st.integers(0, 3))):  # byte-level damage
        if out:
            out[draw(st.integers(0, len(out) - 1))] = draw(st.integers(0, 255))
    return bytes(out)


ENCODINGS = ["utf-8", "utf-8", "utf-8", "utf-8-sig", "gb18030", "gbk", "big5", "utf-16", "utf-16-le", "utf-16-be",
             "cp1252", "latin-1", "shift_jis"]
INPUTS = st.one_of(
    st.builds(lambda text, enc: text.encode(enc, "replace"), pages(), st.sampled_from(ENCODINGS)),
    edited_sample(),
    st.binary(max_size=4000),
    st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")),
)


@settings(database=None, deadline=None, suppress_health_check=list(HealthCheck))
@given(INPUTS)
def fuzz_target(data: bytes) -> None:
    check_bytes(data)


EXTRACT_BODY = st.lists(st.one_of(EN_SENTENCE, ZH_SENTENCE, st.text(max_size=60)), min_size=1, max_size=8).map("\n\n".join)
PUBLISHED = st.one_of(st.none(), st.dates(), st.sampled_from([dt.date.min, dt.date.max, dt.date(9999, 12, 1), dt.date(1, 1, 31)]))


@settings(database=None, deadline=None, suppress_health_check=list(HealthCheck))
@given(EXTRACT_BODY, st.sampled_from(["en", "zh", "und", "de", ""]), PUBLISHED, st.sampled_from(["day", "month", "year"]))
def extract_target(body: str, lang: str, published: dt.date | None, precision: str) -> None:
    body = ingest.normalise(body)
    meta = Metadata(published_date=published, published_precision=precision if published else None)
    LAST[0] = repr((body, lang, meta)).encode("utf-8", "backslashreplace")
    check_extract(body, lang, meta)
    STATS.tried += 1


# ---- regressions: inputs that once broke a stage, checked on every run ---------------------

SEEDS: list[bytes] = [
    b"",
    b"\n\n\n",
    "重庆\n".encode(),
    b"Home | News | Business\nBy Li Na\nChongqing's GDP reached 3 trillion yuan in 2023, up 6.1 percent year-on-year.\n",
    "2023年，全市实现地区生产总值30145.79亿元，比上年增长6.1%。1—8月，汽车产量达到150万辆。\n".encode(),
    b"Exports rose 1e308 billion dollars and 9999999999999999999999999999999999999999 trillion yuan in Q3 9999.\n",
    b"February 30, 2023 and 31 June 2024 and 2024-13-45 and 0000-00-00 were not dates.\n",
    b"It had 3 to 0 million residents.",  # ZeroDivisionError in facts_en.extract: a range whose top is 0 with a scale
    # ValueError in int()/float(): the regex module's \\d (newer Unicode) matches digits Python 3.11 does not know
    "March \U00011de4, 2023".encode(),  # metadata._to_date
    "Chongqing had \U00011de4 companies in 2023, the city government said in a statement.".encode(),  # numbers.find
]


# ---- the loop -----------------------------------------------------------------------------

@dataclass
class Crash:
    data: bytes
    error: str  # the last frames of the traceback
    where: str  # exception type and innermost frame: one crash per place

    @classmethod
    def of(cls, data: bytes, exc: BaseException) -> "Crash":
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        return cls(data, "".join(traceback.format_exception(exc, limit=-6)),
                   f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno}")

    @property
    def key(self) -> str:
        return hashlib.sha256(self.data).hexdigest()[:12]


def _mutate(rng: random.Random, buf: bytes) -> bytes:
    b = bytearray(buf)
    for _ in range(rng.randint(1, 8)):
        if not b:
            break
        i = rng.randrange(len(b))
        op = rng.randrange(3)
        if op == 0:
            b[i] = rng.randrange(256)
        elif op == 1:
            del b[i: i + rng.randint(1, 16)]
        else:
            b[i:i] = rng.randbytes(rng.randint(1, 16))
    return bytes(b)


def fuzz(seconds: float, seed: int = 0, max_crashes: int = 1, seeds: bool = True) -> tuple[int, list[Crash]]:
    """Check the seeds, then fuzz for `seconds`; returns (inputs that reached the stages, crashes)."""
    STATS.tried = 0
    crashes: dict[str, Crash] = {}  # one per exception location
    for data in SEEDS if seeds else ():
        try:
            check_bytes(data)
        except Exception as exc:
            c = Crash.of(data, exc)
            crashes.setdefault(c.where, c)
    STATS.slowest.clear()  # the seeds pay for loading the lexicons
    rng = random.Random(seed)
    pool: list[bytes] = []  # buffers that made valid inputs: mutating them stays near page-like text
    stop = time.monotonic() + seconds
    while time.monotonic() < stop and len(crashes) < max_crashes:
        if pool and rng.random() < 0.5:
            buf = _mutate(rng, rng.choice(pool))
        else:
            buf = rng.randbytes(rng.choice([64, 512, 4096, 16384]))
        LAST[0] = b""
        target = extract_target if rng.random() < EXTRACT_SHARE else fuzz_target
        try:
            kept = target.hypothesis.fuzz_one_input(buf)
        except Exception as exc:
            c = Crash.of(LAST[0], exc)
            crashes.setdefault(c.where, c)
            continue
        if kept is not None and target is fuzz_target and len(pool) < 2000:
            pool.append(kept)
    return STATS.tried, list(crashes.values())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--seed", type=int, default=None, help="random seed (default: from the clock)")
    ap.add_argument("--crashes", type=Path, default=ROOT / "fuzz" / "crashes", help="folder for failing inputs")
    ap.add_argument("--max-crashes", type=int, default=20, help="stop after this many distinct failures")
    args = ap.parse_args(argv)
    seed = args.seed if args.seed is not None else time.time_ns() % 2**32
    tried, crashes = fuzz(args.seconds, seed, args.max_crashes)
    print(f"fuzz: seed {seed}, {tried} inputs through the stages in {args.seconds:g} s, {len(crashes)} distinct failures")
    if crashes or STATS.slowest:
        args.crashes.mkdir(parents=True, exist_ok=True)
    for took, data in sorted(STATS.slowest, reverse=True)[:5]:
        path = args.crashes / f"slow-{hashlib.sha256(data).hexdigest()[:12]}.bin"
        path.write_bytes(data)
        print(f"slow: {took:.2f} s on {path}: {data[:120]!r}")
    if crashes:
        for c in crashes:
            path = args.crashes / f"crash-{c.key}.bin"
            path.write_bytes(c.data)
            print(f"\n=== {c.where}: {path} ({len(c.data)} bytes) {c.data[:300]!r}\n{c.error}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
