"""Line judgement of the boilerplate cleaner, on invented pages."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from cqetl import boilerplate, config, language, templates
from cqetl.evaluate import fold

from conftest import gold_set

REASONS = {"cookie_banner", "navigation", "breadcrumb", "subscribe", "share", "related_links", "caption", "byline",
           "dateline", "contact", "legal", "site_footer", "site_header", "repeated_across_site", "empty_widget", "other"}
SYNTH = Path(__file__).parent / "data" / "boilerplate_synth"

P1 = ("The city signed agreements with 14 foreign companies last week, officials said on Monday, "
      "and expects more investment in its new industrial park this year.")
P2 = ("Most of the new projects are in the car and electronics industries, and several of the investors "
      "already run factories in the region.")
P3 = "Local officials said the park would offer lower rents to firms that move their regional headquarters to the city."
ZH1 = "今年前三季度，全市规模以上工业增加值同比增长8.1%，增速比上半年加快0.5个百分点。"
ZH2 = "其中，汽车产业增加值增长12.3%，电子信息产业增长9.6%，两大支柱产业合计拉动全市工业增长5.2个百分点。"


@pytest.fixture(scope="module")
def rules() -> boilerplate.Rules:
    return boilerplate.Rules.from_config(config.load_config(None))


def run(rules, lines: list[str], lang: str = "en", tpl: frozenset[str] = frozenset()):
    return {d.text.strip(): d for d in boilerplate.classify(lines, lang, rules, tpl)}


@pytest.mark.parametrize("line,reason", [
    ("We use cookies to improve your experience. By continuing to browse you accept our cookie policy.", "cookie_banner"),
    ("Wir verwenden Cookies, um Inhalte zu personalisieren. Alle akzeptieren", "cookie_banner"),
    ("Nous utilisons des cookies. Tout accepter", "cookie_banner"),
    ("Home > Business > Industry", "breadcrumb"),
    ("News | Sport | Weather | Travel | Culture", "navigation"),
    ("ABOUT Officials Departments Parks Industries", "navigation"),
    ("Subscribe to our weekly newsletter", "subscribe"),
    ("Share this article", "share"),
    ("By Maria Keller and Tom Brandt", "byline"),
    ("Editor: Li Na", "byline"),
    ("Updated: 2024-03-14 09:12", "dateline"),
    ("Thursday, July 2, 2009 9:00", "dateline"),
    ("Source: Example Wire", "other"),
    ("Copyright 2024 Example Media. All rights reserved.", "legal"),
    ("Tel: +86 23 1234 5678", "contact"),
    ("Workers at a plant in the new area. (Photo/Zhang Wei)", "caption"),
    ("![]()", "empty_widget"),
    ("首页 > 新闻中心 > 正文", "breadcrumb"),
    ("来源：某某日报 责任编辑：王五", "other"),
    ("发布时间：2024-11-02", "dateline"),
    ("字号：[大] [中] [小] 【打印】", "empty_widget"),
    ("分享到：微信 微博", "share"),
    ("▲ 8月22日，工人在生产线上作业。", "caption"),
    ("版权所有 某某网 渝ICP备12345678号", "legal"),
    ("Host: Example Commerce Bureau  Undertaker: Example Investment Association", "legal"),
    ("核心提示:今年以来,某市工业经济稳中有进,规上工业增加值同比增长6.5%,高于全国平均水平。", "other"),
    ("X", "empty_widget"),
])
def test_chrome_line_above_the_article_gets_its_reason(rules, line, reason):
    d = run(rules, [line, "", P1, "", P2])[line]
    assert (d.keep, d.reason) == (False, reason), d


@pytest.mark.parametrize("line,keep", [
    ("Why shippers are switching", True),  # a heading between two paragraphs
    ("民营企业成为外贸主力", True),
    ("Headquarters of Lanxi Logistics.", False),  # a caption: short noun phrase with a full stop
    ("He did not elaborate.", True),  # a short sentence is text
    ("Story continues below advertisement", False),
    ("Picture of the new plant. (Example file photo)", False),
])
def test_short_line_between_paragraphs(rules, line, keep):
    lines = [P1, "", line, "", P2] if not line[0] > "\u3000" else [ZH1, "", line, "", ZH2]
    assert run(rules, lines, "zh" if line[0] > "\u3000" else "en")[line].keep is keep


def test_same_short_line_among_menus_is_navigation(rules):
    lines = ["Business", "Markets", "Why shippers are switching", "Opinion", "", P1, "", P2]
    assert not run(rules, lines)["Why shippers are switching"].keep


def test_teaser_block_runs_until_the_article_resumes(rules):
    lines = [P1, "", "Related stories", "", "Port reports record backlog", "",
             "Rail operators cut prices on western routes", "", P2, "", P3, "", P1.replace("14", "15")]
    got = run(rules, lines)
    assert got["Related stories"].reason == "related_links"
    assert got["Port reports record backlog"].reason == "related_links"
    assert all(got[p].keep for p in (P2, P3))


def test_zh_teaser_block_to_the_end(rules):
    teaser = "3月16日，记者从某海关获悉，今年前2个月，某省进出口总值145.3亿元，同比增长16.6%。"
    got = run(rules, [ZH1, "", ZH2, "", "相关推荐", "某省外贸进出口总值增长", "", teaser], "zh")
    assert got["相关推荐"].reason == "related_links" and not got[teaser].keep


@pytest.mark.parametrize("line,kept", [
    (" date 2024-05-01 " + P1, P1),  # the scraper's date prefix glued to the first paragraph
    ("BEIJING, (ABC - Example News - 3rd Jan, 2024) " + P2, P2),  # a bracketed stamp with a full date
])
def test_dateline_prefix_is_cut_and_the_rest_kept(rules, line, kept):
    d = boilerplate.classify([line, "", P3], "en", rules)[0]
    assert d.keep and d.kept_text.strip() == kept and d.reason == "dateline"
    assert line.endswith(d.kept_text)


@pytest.mark.parametrize("line,lang", [
    ("CHONGQING, Jan. 20 (Xinhua) -- " + P1, "en"),  # a wire dateline without a year stays
    ("本报讯（记者 张三）" + ZH1, "zh"),
    ("新华社重庆1月19日电（记者李四）" + ZH1, "zh"),
])
def test_inline_credits_stay_in_the_body(rules, line, lang):
    body = boilerplate.assemble(boilerplate.classify([line, "", P3 if lang == "en" else ZH2], lang, rules))
    assert line in body


def test_header_and_footer_zones(rules):
    lines = ["Example Times", "Chongqing opens new rail link", "", P1, "", P2, "", "Upcoming events", "Register now"]
    got = run(rules, lines)
    assert got["Chongqing opens new rail link"].reason == "site_header"
    assert got["Upcoming events"].reason == "site_footer"


def test_template_lines_go_unless_prose(rules):
    menu = "Weather Traffic Jobs"
    tpl = frozenset(filter(None, (templates.fingerprint(menu), templates.fingerprint(P2))))
    got = run(rules, [P1, "", menu, "", P2, "", P3], tpl=tpl)
    assert got[menu].reason == "repeated_across_site"
    assert got[P2].keep


def test_contract_shape_of_decisions(rules):
    lines = ["Home | News", "", " date 2024-01-01 " + P1, "   ", "\u00a0", P2, "Copyright 2024"]
    ds = boilerplate.classify(lines, "en", rules)
    assert [d.line_no for d in ds] == [0, 2, 5, 6]  # blank and white-space lines get no decision
    for d in ds:
        assert d.rule and d.evidence
        assert d.keep or d.reason in REASONS
        assert d.kept_text is None or d.text.endswith(d.kept_text)
    assert boilerplate.assemble(ds) == f"{P1}\n\n{P2}"


def test_page_without_prose_keeps_its_sentences(rules):
    ds = boilerplate.classify(["Home | News", "Rail link opens", "The first train leaves at noon today."], "en", rules)
    assert boilerplate.assemble(ds) == "The first train leaves at noon today."


def test_empty_page(rules):
    assert boilerplate.classify(["", "  "], "en", rules) == []


def test_speed(rules):
    page = "\n\n".join(["Home | News | Business", "Chongqing opens new rail link", P1, P2, "Why it matters", P3,
                        ZH1, "Related stories", "Copyright 2024 Example"] * 6)
    lines = page.split("\n")
    boilerplate.classify(lines, "en", rules)
    t0 = time.process_time()
    for _ in range(20):
        boilerplate.classify(lines, "en", rules)
    per_4kb = (time.process_time() - t0) / 20 / (len(page.encode()) / 4096)
    assert per_4kb < 0.005  # generous: ~1 ms on a loaded test machine


def _score(set_dir: Path, rules) -> tuple[float, float]:
    tp = fp = fn = 0
    for g_path in sorted((set_dir / "gold").glob("*.json")):
        g = json.loads(g_path.read_text(encoding="utf-8"))
        text = (set_dir / "raw" / g["file"]).read_text(encoding="utf-8")
        body = fold(boilerplate.assemble(boilerplate.classify(text.split("\n"), language.detect(text), rules)))
        for seg in g.get("with", []):
            tp, fn = (tp + 1, fn) if fold(seg) in body else (tp, fn + 1)
        fp += sum(1 for seg in g.get("without", []) if fold(seg) in body)
    return tp / (tp + fp), tp / (tp + fn)


@pytest.mark.parametrize("name,floor", [("seeds", 0.98), ("dev-en", 0.98), ("zh-dev", 0.97)])
def test_dev_set_floor(rules, name, floor):
    p, r = _score(gold_set(name), rules)
    assert p >= floor and r >= floor, (p, r)


def test_synthetic_set_floor(rules):
    p, r = _score(SYNTH, rules)
    assert p >= 0.97 and r >= 0.97, (p, r)


def test_lone_blurb_above_the_article_is_not_its_start(rules):
    blurb = "Example Herald is the leading source of business news in western China, covering industry and trade."
    got = run(rules, [blurb, "", "Home | News | Business", "", "Rail link opens to Central Asia", "", P1, "", P2])
    assert not got[blurb].keep and not got["Rail link opens to Central Asia"].keep and got[P1].keep


def test_a_user_lexicon_outside_the_vocabulary_reports_other():
    cfg = config.load_config(None, boilerplate={"lexicons": {"promo": ["black friday deals"]}})
    d = boilerplate.classify(["Black Friday deals", "", P1, "", P2], "en", boilerplate.Rules.from_config(cfg))[0]
    assert (d.keep, d.reason) == (False, "other")


def test_hard_wrapped_wire_copy_is_one_paragraph(rules):
    lines = ["FOREIGN BANKS OPEN INLAND BRANCHES", "",
             "BEIJING, Oct. 5 (Xinhua) -- Foreign banks have opened 14 new branches in the",
             "central and western provinces this year, the banking regulator said.",
             "The regulator said the new branches would mainly serve exporters and",
             "foreign-invested manufacturers.", "(END)"]
    ds = boilerplate.classify(lines, "en", rules)
    assert [d.line_no for d in ds] == [0, 2, 3, 4, 5, 6]
    assert [d.rule for d in ds if d.line_no in (3, 5)] == [boilerplate.WRAPPED_RULE] * 2
    assert boilerplate.assemble(ds).split("\n\n") == [
        " ".join(lines[2:4]), " ".join(lines[4:6])]


def test_wrapped_line_of_a_dropped_line_starts_its_own_paragraph():
    from cqetl.model import LineDecision
    ds = [LineDecision(0, "First paragraph.", True, None, "prose_v1"),
          LineDecision(1, "A headline that wraps onto", False, "site_header", "headline_v1"),
          LineDecision(2, "a second line", True, None, boilerplate.WRAPPED_RULE)]
    assert boilerplate.assemble(ds) == "First paragraph.\n\na second line"


@pytest.mark.parametrize("notice", [
    "1本文为《示例商报》原创作品。",
    "2 未经《示例商报》授权,不得以任何方式加以使用,包括但不限于转载、摘编、复制或建立镜像等,违者必究。",
])
def test_zh_copyright_notice_under_the_article_goes(rules, notice):
    d = run(rules, [ZH1, "", ZH2, "", notice], "zh")[notice]
    assert (d.keep, d.reason) == (False, "legal"), d


def test_a_paragraph_cut_mid_sentence_at_the_end_of_the_page_stays(rules):
    cut = "\u201cMore and more firms from Taiwan plan to ship their goods through Chengdu,\u201d Wang said. In May, Example Corp, a multina"
    assert run(rules, [P1, "", P2, "", cut])[cut].keep


@pytest.mark.parametrize("wrapped", [
    ["Example Flow Control, a unit of Example International, today",
     "opened a new plant in one of the fastest growing cities,", "Chengdu, the capital of Sichuan Province."],
    ["The company opened a new plant in one of the fastest growing cities of",
     "China, the company said in a statement on Thursday."],
])
def test_hard_wrapped_lines_join_one_paragraph(rules, wrapped):
    got = run(rules, ["Example Corp opens a plant in the west", "", *wrapped, "", P1, "", P2])
    assert all(got[w].keep for w in wrapped)
    assert all(got[w].rule == "wrapped_line_v1" for w in wrapped[1:])


@pytest.mark.parametrize("last, keep", [
    ("Also, Examplewell, the strategic partner of both Chengdu and Tianfu New Area, deepened its cooperation with the Area", True),
    ("Investment Promotion of Well-known Chinese and Foreign Enterprises' Visit to the Province Took Place", False),
    ("此外,某公司作为该市和新区的战略合作伙伴,进一步深化了与新区在智能制造领域的", True),
])
def test_the_pages_last_line_cut_mid_sentence_stays_a_teaser_headline_goes(rules, last, keep):
    zh = last[0] > "\u3000"
    lines = [ZH1, "", ZH2, "", last] if zh else [P1, "", P2, "", last]
    assert run(rules, lines, "zh" if zh else "en")[last].keep is keep


def test_a_cut_teaser_under_a_teaser_headline_goes(rules):
    teaser = "近日,某银行营业管理部发布2017年度某市涉外经济金融发展情况,数据显示,去年我市服务贸"
    got = run(rules, [ZH1, "", ZH2, "", "某市服务贸易涉外收入168亿 同比增1.6倍", teaser], "zh")
    assert not got[teaser].keep
