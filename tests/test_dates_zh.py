"""Chinese date mentions: one table row per form, the not-dates, the no-publication-date case,
a property test, and a floor on the Chinese development set."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cqetl import dates_zh
from cqetl.model import Metadata

D = dt.date
PUB = Metadata(published_date=D(2023, 6, 20), published_precision="day")
NO_PUB = Metadata()
ZH_DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "zh-dev"


def spans(text: str, meta: Metadata = PUB) -> dict[str, tuple[dt.date, dt.date]]:
    return {d.mention: (d.date_start, d.date_end) for d in dates_zh.find(text, meta)}


# (text, mention, first day, last day); published 2023-06-20 unless the text says otherwise
FORMS = [
    ("会议于2022年3月8日在成都召开。", "2022年3月8日", D(2022, 3, 8), D(2022, 3, 8)),
    ("5月12日,企业代表来到园区。", "5月12日", D(2023, 5, 12), D(2023, 5, 12)),
    ("记者18日从市商务委获悉,销量回升。", "18日", D(2023, 6, 18), D(2023, 6, 18)),
    ("市政府18日发布通知。", "18日", D(2023, 6, 18), D(2023, 6, 18)),
    ("2021年,全区完成投资300亿元。", "2021年", D(2021, 1, 1), D(2021, 12, 31)),
    ("今年,园区计划新建厂房。", "今年", D(2023, 1, 1), D(2023, 12, 31)),
    ("去年,全市外贸总额增长。", "去年", D(2022, 1, 1), D(2022, 12, 31)),
    ("2019年,良品率比上年提高3%。", "上年", D(2018, 1, 1), D(2018, 12, 31)),
    ("今年以来,订单持续增加。", "今年以来", D(2023, 1, 1), D(2023, 12, 31)),
    ("2020年以来,园区引进项目50个。", "2020年以来", D(2020, 1, 1), D(2020, 12, 31)),
    ("预计全年产量将达到10万辆。", "全年", D(2023, 1, 1), D(2023, 12, 31)),
    ("2022年,全区签约项目多,全年到位资金增长。", "全年", D(2022, 1, 1), D(2022, 12, 31)),
    ("今年上半年出口增长5%,较去年同期加快。", "去年同期", D(2022, 1, 1), D(2022, 6, 30)),
    ("2021年前三季度,产值比上年同期增长。", "上年同期", D(2020, 1, 1), D(2020, 9, 30)),
    ("一季度,全市工业增加值增长4%。", "一季度", D(2023, 1, 1), D(2023, 3, 31)),
    ("第四季度将新开工项目。", "第四季度", D(2023, 10, 1), D(2023, 12, 31)),
    ("2022年二季度,销量回升。", "2022年二季度", D(2022, 4, 1), D(2022, 6, 30)),
    ("上半年,社会消费品零售总额增长。", "上半年", D(2023, 1, 1), D(2023, 6, 30)),
    ("下半年,园区将举办招商会。", "下半年", D(2023, 7, 1), D(2023, 12, 31)),
    ("前三季度,全市进出口增长。", "前三季度", D(2023, 1, 1), D(2023, 9, 30)),
    ("1—5月,规上工业企业利润增长。", "1—5月", D(2023, 1, 1), D(2023, 5, 31)),
    ("1至4月,新签约项目增加。", "1至4月", D(2023, 1, 1), D(2023, 4, 30)),
    ("1 — 3月,全区招商成果显著。", "1 — 3月", D(2023, 1, 1), D(2023, 3, 31)),
    ("1-5月份,汽车产量增长。", "1-5月份", D(2023, 1, 1), D(2023, 5, 31)),
    ("前5个月,重庆外贸保持增长。", "前5个月", D(2023, 1, 1), D(2023, 5, 31)),
    ("前两个月,全市接待游客增长。", "前两个月", D(2023, 1, 1), D(2023, 2, 28)),
    ("前4個月,出口增長。", "前4個月", D(2023, 1, 1), D(2023, 4, 30)),
    ("2021年1月至5月,重庆进出口增长。", "2021年1月至5月", D(2021, 1, 1), D(2021, 5, 31)),
    ("到年底,全区将建成5G基站。", "年底", D(2023, 12, 31), D(2023, 12, 31)),
    ("项目于3月底完成主体施工。", "3月底", D(2023, 3, 31), D(2023, 3, 31)),
    ("2020年末,全市常住人口增加。", "2020年末", D(2020, 12, 31), D(2020, 12, 31)),
    ("截至第一季度结束时,贷款余额增长。", "第一季度结束时", D(2023, 3, 31), D(2023, 3, 31)),
    ("二季度末,存款余额增长。", "二季度末", D(2023, 6, 30), D(2023, 6, 30)),
    ("今天,园区迎来一批新企业。", "今天", D(2023, 6, 20), D(2023, 6, 20)),
    ("三年前,这里还是一片荒地。", "三年前", D(2020, 1, 1), D(2020, 12, 31)),
    ("10年前,全区产值不足百亿元。", "10年前", D(2013, 1, 1), D(2013, 12, 31)),
    ("“十三五”期间,全区经济总量翻番。", "“十三五”", D(2016, 1, 1), D(2020, 12, 31)),
    ("“十五五”时期,全市将加快转型。", "“十五五”", D(2026, 1, 1), D(2030, 12, 31)),
    ("十四五规划提出新目标。", "十四五", D(2021, 1, 1), D(2025, 12, 31)),
    ("第十二个五年规划纲要明确了方向。", "第十二个五年规划", D(2011, 1, 1), D(2015, 12, 31)),
    ("此桥建于宣和二年(1120年),至今保存完好。", "宣和二年(1120年)", D(1120, 1, 1), D(1120, 12, 31)),
    ("寺院始建于景德元年（1004年）。", "景德元年（1004年）", D(1004, 1, 1), D(1004, 12, 31)),
    ("2023中国西部投资贸易洽谈会开幕。", "2023", D(2023, 1, 1), D(2023, 12, 31)),
    ("二〇二二年,全市经济稳步增长。", "二〇二二年", D(2022, 1, 1), D(2022, 12, 31)),
    ("一九九七年,重庆设立直辖市。", "一九九七年", D(1997, 1, 1), D(1997, 12, 31)),
    ("十月一日起,新规开始施行。", "十月一日", D(2023, 10, 1), D(2023, 10, 1)),
    ("２０２２年１１月５日,展会开幕。", "２０２２年１１月５日", D(2022, 11, 5), D(2022, 11, 5)),
    ("６月３日,签约仪式举行。", "６月３日", D(2023, 6, 3), D(2023, 6, 3)),
    ("2022年7月8日上午9时,项目开工。", "2022年7月8日", D(2022, 7, 8), D(2022, 7, 8)),
    ("截至2021年6月1日零时,登记人口增加。", "2021年6月1日", D(2021, 6, 1), D(2021, 6, 1)),
    ("2024 年 3 月 5 日,大会开幕。", "2024 年 3 月 5 日", D(2024, 3, 5), D(2024, 3, 5)),
    ("根据2022-08-15的通知,项目已备案。", "2022-08-15", D(2022, 8, 15), D(2022, 8, 15)),
    ("截至2021/01/30,累计签约项目20个。", "2021/01/30", D(2021, 1, 30), D(2021, 1, 30)),
    ("4月,全市出口增长。", "4月", D(2023, 4, 1), D(2023, 4, 30)),
    ("2022年9月份,销量回升。", "2022年9月份", D(2022, 9, 1), D(2022, 9, 30)),
    ("展会将于7月4日至6日举行。", "7月4日至6日", D(2023, 7, 4), D(2023, 7, 6)),
    ("活动从5月30日至6月2日举行。", "5月30日至6月2日", D(2023, 5, 30), D(2023, 6, 2)),
    ("2016—2020年,全区投资增长。", "2016—2020年", D(2016, 1, 1), D(2020, 12, 31)),
    ("一至三季度,全市投资增长。", "一至三季度", D(2023, 1, 1), D(2023, 9, 30)),
    ("去年底,全区企业数量增加。", "去年底", D(2022, 12, 31), D(2022, 12, 31)),
    ("上月,全市新增企业1000家。", "上月", D(2023, 5, 1), D(2023, 5, 31)),
    ("2019、2020年,全区连续获评先进。", "2019", D(2019, 1, 1), D(2019, 12, 31)),
    ("本周,两个项目签约。", "本周", D(2023, 6, 19), D(2023, 6, 25)),
    ("下个星期将召开推进会。", "下个星期", D(2023, 6, 26), D(2023, 7, 2)),
    ("上周三,园区迎来客商。", "上周三", D(2023, 6, 14), D(2023, 6, 14)),
    ("上周末,景区游客大增。", "上周末", D(2023, 6, 17), D(2023, 6, 18)),
    ("昨日,园区举行签约仪式。", "昨日", D(2023, 6, 19), D(2023, 6, 19)),
    ("今日起,新线路开通。", "今日", D(2023, 6, 20), D(2023, 6, 20)),
    ("今年夏天,游客大增。", "今年夏天", D(2023, 6, 1), D(2023, 8, 31)),
    ("去年冬季,用电量上升。", "去年冬季", D(2022, 12, 1), D(2023, 2, 28)),
    ("2019年秋季,项目开工。", "2019年秋季", D(2019, 9, 1), D(2019, 11, 30)),
    ("上世纪90年代,这里是老工业区。", "上世纪90年代", D(1990, 1, 1), D(1999, 12, 31)),
    ("八十年代,企业开始转型。", "八十年代", D(1980, 1, 1), D(1989, 12, 31)),
    # a place between the year and its period: one mention
    ("发布2022年四川一季度经济数据。", "2022年四川一季度", D(2022, 1, 1), D(2022, 3, 31)),
    ("今年全市1—5月投资增长。", "今年全市1—5月", D(2023, 1, 1), D(2023, 5, 31)),
]


@pytest.mark.parametrize("text,mention,first,last", FORMS)
def test_form(text, mention, first, last):
    found = spans(text)
    assert mention in found, found
    assert found[mention] == (first, last)


# dates that are not mentions, and numbers that are not dates
NOT_DATES = [
    "日前,市经信委召开座谈会。",
    "近日,记者走访了园区。",
    "目前,全区有企业300家。",
    "当前,园区正在加快建设。",
    "如今,这里已是产业高地。",
    "前不久,项目完成验收。",
    "近年来,全市加快发展数字经济。",
    "出口已连续五年增长。",
    "五年来,全区累计投资千亿元。",
    "时隔8年,销量重回第一。",
    "占同期全市外贸总值的一半。",
    "产值同比增长8%。",
    "年度投资完成率超过五成。",
    "全市共实施1341个项目。",
    "新华社重庆3月5日电 记者获悉。",
    "中新网成都6月2日电 据统计。",
    "华龙网-新重庆客户端6月2日讯 据统计。",
    "央广网重庆3日消息 据统计。",
    "会议上午10时开始。",
    "比原计划提前两个月完成。",
    "出口已连续9个月保持增长。",
    "每年4月举办一次交易会。",
    "每月15日公布数据。",
    "近3日客流量增加。",
    "3日内办结。",
    "合同金额2000美元。",
    "装机容量2000兆瓦。",
    "共有2023家企业入驻。",
    "公元前221年,秦统一六国。",
    "两千多年前,这里就有人居住。",
    "发布时间:2023-06-20 10:00",
    "每周一对外开放。",
    "在龙头企业带动下周边区县加快发展。",
    "本周期内完成改造。",
    "今日头条发布报告。",
    "春季招聘会和秋季广交会举行。",
    "春节期间游客增加。",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_a_date(text):
    assert dates_zh.find(text, PUB) == []


def test_dateline_dropped_but_body_day_kept():
    found = spans("新华社重庆6月19日电(记者张三)记者19日从市统计局获悉,5月出口增长。")
    assert "6月19日" not in found
    assert found["19日"] == (D(2023, 6, 19), D(2023, 6, 19))
    assert found["5月"] == (D(2023, 5, 1), D(2023, 5, 31))


@pytest.mark.parametrize("text, first", [
    # a repost dated a few days after its agency dateline: 昨日 / 今天 count from the dateline's day
    ("中新社重庆网站六月十六日消息:昨日,项目签约。", D(2023, 6, 15)),
    ("新华社成都6月18日电 今天,展会开幕。", D(2023, 6, 18)),
    ("新华社北京17日电 昨天,会议召开。", D(2023, 6, 16)),
    # a dateline long before the page date: the publication day
    ("新华社成都3月18日电 今天,展会开幕。", D(2023, 6, 20)),
])
def test_relative_day_counts_from_the_dispatch(text, first):
    (found,) = dates_zh.find(text, PUB)
    assert (found.date_start, found.date_end) == (first, first)


def test_day_alone_takes_the_month_its_sentence_names():
    meta = Metadata(published_date=D(2023, 6, 1), published_precision="day")
    found = spans("5月10日开幕,12日闭幕。", meta)
    assert found["12日"] == (D(2023, 5, 12), D(2023, 5, 12))
    assert spans("展会12日闭幕。", meta)["12日"] == (D(2023, 6, 12), D(2023, 6, 12))


def test_same_period_follows_the_sentence_period():
    found = spans("1—4月,全市出口增长12%,高于去年同期。")
    assert found["去年同期"] == (D(2022, 1, 1), D(2022, 4, 30))


def test_comparison_year_does_not_become_the_topic():
    found = spans("2021年,全区产值比去年增长5%,全年新增企业百家。")
    assert found["全年"] == (D(2021, 1, 1), D(2021, 12, 31))


def test_year_about_wins_over_publication_year_for_a_review():
    meta = Metadata(published_date=D(2026, 1, 30), published_precision="day")
    found = spans("2025年,全区招商成效明显,全年新签约项目200个。", meta)
    assert found["全年"] == (D(2025, 1, 1), D(2025, 12, 31))


def test_undated_month_far_ahead_is_last_years():
    meta = Metadata(published_date=D(2024, 1, 10), published_precision="day")
    found = spans("12月,全市出口回落。12月28日,园区开工。29日,项目签约。", meta)
    assert found["12月"] == (D(2023, 12, 1), D(2023, 12, 31))
    assert found["12月28日"] == (D(2023, 12, 28), D(2023, 12, 28))
    assert found["29日"] == (D(2023, 12, 29), D(2023, 12, 29))


def test_day_lead_keeps_the_publication_year():
    meta = Metadata(published_date=D(2018, 2, 3), published_precision="day")
    found = spans("2月2日获悉,2017年全市产量增长。", meta)
    assert found["2月2日"] == (D(2018, 2, 2), D(2018, 2, 2))


def test_no_publication_date_uses_the_stated_year():
    found = spans("今年以来,招商成效明显。2024年全市将举办活动,全年计划30场,1—5月签约项目90个。", NO_PUB)
    assert found["今年以来"] == (D(2024, 1, 1), D(2024, 12, 31))
    assert found["全年"] == (D(2024, 1, 1), D(2024, 12, 31))
    assert found["1—5月"] == (D(2024, 1, 1), D(2024, 5, 31))


@pytest.mark.parametrize("text, meta, mention, first", [
    # a comparison base (比2010年) does not count towards the year the text states
    ("预计2015年产值将突破900亿元,比2010年增长40%,比2010年翻番,比2010年提高。去年增长12%。", NO_PUB,
     "去年", D(2014, 1, 1)),
    # a day of a sentence reporting on a year as a whole (the release) falls the year after
    ("1月20日,2019年全市经济运行情况新闻发布会举行。2019年,工业增长6%。", NO_PUB, "1月20日", D(2020, 1, 20)),
    ("2019年统计公报于3月5日发布。", NO_PUB, "3月5日", D(2020, 3, 5)),
    ("2019年经济运行情况新闻发布会于1月20日举行。", PUB, "1月20日", D(2020, 1, 20)),
    ("1月20日,2019年全市经济运行情况新闻发布会举行。", Metadata(published_date=D(2020, 1, 21),
                                                             published_precision="day"), "1月20日", D(2020, 1, 20)),
    # no review of a whole year, or a month (a period of the data): the year stands
    ("1月20日,2019年春运正式启动。", NO_PUB, "1月20日", D(2019, 1, 20)),
    ("4月18日,2019年一季度经济运行情况发布。", NO_PUB, "4月18日", D(2019, 4, 18)),
    ("2019年1月,全市经济运行平稳,3月举行发布会。", NO_PUB, "3月", D(2019, 3, 1)),
    ("2019年全市经济运行平稳,3月工业增长较快。", NO_PUB, "3月", D(2019, 3, 1)),
])
def test_year_of_an_undated_day(text, meta, mention, first):
    assert spans(text, meta).get(mention, (None,))[0] == first


def test_no_publication_date_and_no_year_gives_no_relative_row():
    found = spans("今年以来,招商成效明显。5月12日,记者18日获悉,去年同期增长,三年前。", NO_PUB)
    assert found == {}


def test_mentions_are_exact_slices():
    text = "  2022年1月至4月,  记者19日获悉,今年前三季度比去年同期增长,“十四五”开局良好。"
    for d in dates_zh.find(text, PUB):
        assert text[d.start:d.end] == d.mention
        assert d.rule.startswith("zh_") and d.rule[-3:-1] == "_v"


ALPHABET = list("0123456789０１２３年月日号个前后上下半季度第一二三四五六七八九十〇两今去明全底末初以来同期至—-~ 、,。“”()（）十四五元电每天昨规划") + ["\n"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=60),
       st.one_of(st.none(), st.dates(min_value=D(1990, 1, 1), max_value=D(2030, 12, 31))),
       st.sampled_from(["day", "month", "year"]))
def test_property_never_raises_and_spans_hold(text, pub, precision):
    meta = Metadata(published_date=pub, published_precision=precision if pub else None)
    for d in dates_zh.find(text, meta):
        assert text[d.start:d.end] == d.mention
        assert 0 <= d.start < d.end <= len(text)
        assert d.date_start <= d.date_end
        assert d.precision in {"day", "month", "quarter", "year", "range"}


def _fold(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def test_dev_set_floor():
    """Dates F1 on the Chinese development set, on its body lines (all but the title and `without` lines)."""
    if not (ZH_DEV / "gold").is_dir():
        pytest.skip(f"Chinese development set not found at {ZH_DEV}")
    tp = fp = fn = 0
    for gpath in sorted((ZH_DEV / "gold").glob("*.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        raw = (ZH_DEV / "raw" / gold["file"]).read_text(encoding="utf-8")
        bad = [_fold(s) for s in gold.get("without", [])]
        body = "\n".join(line for line in raw.split("\n") if _fold(line) != _fold(gold.get("title") or "")
                         and not any(s and s in _fold(line) for s in bad))
        pub = gold.get("published_date")
        meta = Metadata(published_date=dt.date.fromisoformat(pub) if pub else None,
                        published_precision=gold.get("published_precision"))
        got = {(d.date_start.isoformat(), d.date_end.isoformat()) for d in dates_zh.find(body, meta)}
        want = {(d["date_start"], d["date_end"]) for d in gold["dates"]}
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.95, (tp, fp, fn)
