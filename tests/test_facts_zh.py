"""Chinese facts: invented sentences, one judgement each, and a floor on the zh-dev gold set."""
import datetime as dt
import json
import re
import time

import pytest

from cqetl import dates, facts_zh
from cqetl.model import DateMention, Metadata
from conftest import gold_set

META = Metadata(published_date=dt.date(2024, 6, 30))


def rows(text, dates_=()):
    return sorted((f.metric, round(f.value, 4), f.unit, f.qualifier) for f in facts_zh.extract(text, META, list(dates_)))


@pytest.mark.parametrize("text, want", [
    # numerals and multipliers
    ("全县常住人口三百二十万人。", [("population", 3_200_000, "persons", "exact")]),
    ("该市地区生产总值达3.2万亿元。", [("output_value", 3.2e12, "CNY", "exact")]),
    ("该区GDP达３２０亿元。", [("output_value", 3.2e10, "CNY", "exact")]),
    ("总投资1000多万元。", [("investment", 1e7, "CNY", "over")]),
    ("常住人口3213万。", [("population", 32_130_000, "persons", "exact")]),
    ("六大整车企业共计投入2亿元。", [("count", 6, "items", "exact"), ("investment", 2e8, "CNY", "exact")]),
    # shares written as words and fractions
    ("全市规上工业企业九成实现盈利。", [("percentage", 90, "percent", "exact")]),
    ("占比超7成。", [("percentage", 70, "percent", "over")]),
    ("全球2/3的平板电脑产自该地。", [("percentage", 66.67, "percent", "exact")]),
    ("约一半的订单来自海外。", [("percentage", 50, "percent", "about")]),
    ("面积占全省的十分之一。", [("percentage", 10, "percent", "exact")]),
    ("产值是全省的十分之一强。", [("percentage", 10, "percent", "over")]),
    ("面积仅为全国的万分之二点零七。", [("percentage", 0.0207, "percent", "exact")]),
    # units
    ("出口12亿美元。", [("trade_value", 1.2e9, "USD", "exact")]),
    ("年产新能源汽车30万辆。", [("output_volume", 300_000, "vehicles", "exact")]),
    ("生产打印机1400万台。", [("output_volume", 14_000_000, "units", "exact")]),
    ("集装箱吞吐量135万标准箱,货物吞吐量2.1亿吨。",
     [("output_volume", 1_350_000, "TEU", "exact"), ("output_volume", 2.1e8, "tonnes", "exact")]),
    ("新建厂房12万平方米,占地300亩,规划面积15平方公里。",
     [("area", 15, "km2", "exact"), ("area", 300, "mu", "exact"), ("area", 120_000, "m2", "exact")]),
    ("开行班列5000列,新开航线30条,引进企业45家。",
     [("count", 30, "items", "exact"), ("count", 45, "items", "exact"), ("count", 5000, "items", "exact")]),
    ("接待游客1.2亿人次。", [("count", 1.2e8, "persons", "exact")]),
    ("空气质量优良天数达333天。", [("count", 333, "days", "exact")]),
    # qualifiers
    ("出口交货值超3500亿元。", [("trade_value", 3.5e11, "CNY", "over")]),
    ("产量突破59万辆。", [("output_volume", 590_000, "vehicles", "over")]),
    ("培育300多家配套企业。", [("count", 300, "items", "over")]),
    ("上百家企业参会。", [("count", 100, "items", "over")]),
    ("销量近8000万台。", [("output_volume", 80_000_000, "units", "nearly")]),
    ("计划投资约100亿元。", [("investment", 1e10, "CNY", "about")]),
    ("占比在40%左右。", [("percentage", 40, "percent", "about")]),
    ("工业扶持资金2亿元以上。", [("other_quantity", 2e8, "CNY", "over")]),
    ("误差在5%以内。", [("percentage", 5, "percent", "up_to")]),
    ("生产总值不足6.3万亿元。", [("output_value", 6.3e12, "CNY", "under")]),
    ("形成不低于年产28万辆的产能。", [("output_volume", 280_000, "vehicles", "over")]),
    ("约占全市工业总产值的8.8%。", [("percentage", 8.8, "percent", "about")]),
    ("预计增长26.7%。", [("growth_rate", 26.7, "percent", "exact")]),
    # ranges
    ("占比在2.6%-16.4%之间。", [("percentage", 2.6, "percent", "over"), ("percentage", 16.4, "percent", "up_to")]),
    ("增速在2.6%-16.4%之间。", [("growth_rate", 2.6, "percent", "over"), ("growth_rate", 16.4, "percent", "up_to")]),
    ("GDP增速连续3年保持在6%以上。", [("growth_rate", 6, "percent", "over")]),
    ("汽车保有量500万辆,汽车产量200万辆。",
     [("other_quantity", 5e6, "vehicles", "exact"), ("output_volume", 2e6, "vehicles", "exact")]),
    ("签约金额超过1200亿元,年产值可达100亿元。",
     [("investment", 1.2e11, "CNY", "over"), ("output_value", 1e10, "CNY", "exact")]),
    ("准备投资3到5个亿。", [("investment", 3e8, "CNY", "over"), ("investment", 5e8, "CNY", "up_to")]),
    # growth
    ("工业增加值同比增长8.1%。", [("growth_rate", 8.1, "percent", "exact")]),
    ("出口下降0.7%,进口负增长4.7%。", [("growth_rate", -4.7, "percent", "exact"), ("growth_rate", -0.7, "percent", "exact")]),
    ("产量同比增长1.3倍。", [("growth_rate", 1.3, "times", "exact")]),
    ("集成电路产量增长1倍多。", [("growth_rate", 1, "times", "over")]),
    ("分别下降3%、5%。", [("growth_rate", -5, "percent", "exact"), ("growth_rate", -3, "percent", "exact")]),
    ("增速达6.1%。", [("growth_rate", 6.1, "percent", "exact")]),
    ("比重提高到15%。", [("percentage", 15, "percent", "exact")]),
    # metrics from the words before
    ("实现进出口1309.8亿元。", [("trade_value", 1.3098e11, "CNY", "exact")]),
    ("合同投资额457.8亿元资金到位额106.89亿元。",
     [("investment", 1.0689e10, "CNY", "exact"), ("investment", 4.578e10, "CNY", "exact")]),
    ("实际利用外资32亿美元。", [("investment", 3.2e9, "USD", "exact")]),
    ("财政收入220亿元。", [("other_quantity", 2.2e10, "CNY", "exact")]),
    ("城镇化率达79.48%。", [("percentage", 79.48, "percent", "exact")]),
    # levels reached and changes as amounts
    ("地区生产总值迈上3万亿元级台阶。", [("output_value", 3e12, "CNY", "over")]),
    ("产业规模突破1万亿元。", [("output_value", 1e12, "CNY", "over")]),
    ("常住人口比上年增加25.42万人。", [("population", 254_200, "persons", "exact")]),
    ("单车价值提升5万元。", [("output_value", 50_000, "CNY", "exact")]),
    ("增速为-2.3%。", [("growth_rate", -2.3, "percent", "exact")]),
    ("增速回落至5%。", [("growth_rate", 5, "percent", "exact")]),
    ("现场签约30个项目。", [("count", 30, "items", "exact")]),
    ("空气质量优良天数326天,比上年增加2天。", [("count", 326, "days", "exact")]),
    ("出口增长5%,10家企业参与。", [("count", 10, "items", "exact"), ("growth_rate", 5, "percent", "exact")]),
    ("实际利用外资32亿美元(约合人民币220亿元)。",
     [("investment", 2.2e10, "CNY", "about"), ("investment", 3.2e9, "USD", "exact")]),
    ("进出口总值突破7000亿元大关。", [("trade_value", 7e11, "CNY", "over")]),
    ("重庆GDP突破3万亿。", [("output_value", 3e12, "CNY", "over")]),
    # traditional characters
    ("重慶外貿進出口總值2759.2億元,較去年同期增長3.5%。",
     [("growth_rate", 3.5, "percent", "exact"), ("trade_value", 2.7592e11, "CNY", "exact")]),
    # a repeated figure is one fact; the same figure of another word is another
    ("出口557.6亿元。其中,出口557.6亿元,创新高。", [("trade_value", 5.576e10, "CNY", "exact")]),
    ("进口增长11%;民营企业进出口增长11%。", [("growth_rate", 11, "percent", "exact"), ("growth_rate", 11, "percent", "exact")]),
    # income per head is neither output, investment nor trade
    ("实际使用外资12.5亿美元。", [("investment", 1.25e9, "USD", "exact")]),
    ("城镇居民人均可支配收入达到30000元,农民人均纯收入2700元。",
     [("other_quantity", 30000, "CNY", "exact"), ("other_quantity", 2700, "CNY", "exact")]),
])
def test_facts(text, want):
    assert rows(text) == sorted((m, round(v, 4), u, q) for m, v, u, q in want)


@pytest.mark.parametrize("text", [
    "比去年同期提高2.4个百分点,高于全国平均水平2.3个百分点。",
    "分别比上年同期提高0.1个、0.2个百分点。",
    "重点培育千亿级产业,打造四大万亿级产业集群。",
    "共引进10亿元以上项目。",
    "增速位于国内同行业第一,位列全球前十名。",
    "呈现三大亮点,聚焦七大重点领域,4大特点。",
    "10个关键经济指标均列全市第一,推进十一个方面的工作。",
    "形成“13+2”省区市共建格局,打造“2335”产业体系。",
    "世界500强企业落户。",
    "赛力斯问界M9亮相车展。",
    "咨询电话:023-63897654。",
    "连续9个月保持增长,时隔8年重回第一,仅用20天时间。",
    "比全市平均水平高2000元/人。",
    "一个缩影,两省市协同,三个方面,千家万户,数十家企业。",
    "电池能量密度300瓦时/公斤,续航里程1000公里。",
    "实现两位数增长。",
    "新车售价30万元,续航里程1000公里。",
    "数十家企业、几百人参加,百家争鸣。",
    "人均地区生产总值正从5000美元向8000美元迈进。",
])
def test_not_facts(text):
    assert rows(text) == []


def test_heading_lines_are_skipped_but_list_items_are_not():
    # a kicker headline kept in the body previews the text's figures; a bullet states its own
    text = "上半年工业投资完成99亿元增长36.6%\n\n● 地区生产总值3.2万亿元\n\n正文中,投资98亿元。"
    assert [f.value for f in facts_zh.extract(text, META, [])] == [3.2e12, 9.8e9]


def test_dates_are_not_figures():
    text = "2023年5月,全市新增企业3000家。"
    d = DateMention("2023年5月", 0, 7, dt.date(2023, 5, 1), dt.date(2023, 5, 31), "month", False, "t")
    facts = facts_zh.extract(text, META, [d])
    assert [(f.value, f.period, f.as_of) for f in facts] == [(3000, "2023年5月", dt.date(2023, 5, 31))]


def test_base_of_comparison_is_no_period():
    text = "今年上半年,出口1699.6亿元,较去年同期增长3.5%。"
    d1 = DateMention("今年上半年", 0, 5, dt.date(2024, 1, 1), dt.date(2024, 6, 30), "range", True, "t")
    d2 = DateMention("去年同期", 18, 22, dt.date(2023, 1, 1), dt.date(2023, 6, 30), "range", True, "t")
    assert text[18:22] == "去年同期"
    facts = facts_zh.extract(text, META, [d1, d2])
    assert [(f.metric, f.period) for f in facts] == [("trade_value", "今年上半年"), ("growth_rate", "今年上半年")]


@pytest.mark.parametrize("text", [
    "重慶外貿進出口總值2759.2億元,增長3.5%。",
    "全市GDP达３２０亿元,同比增长６.５％,占比超七成。",
    "准备投资3到5个亿,增速在2.6%-16.4%之间。",
])
def test_spans_point_into_the_body(text):
    facts = facts_zh.extract(text, META, [])
    assert facts
    for f in facts:
        assert text[f.start:f.end] == f.mention
        assert f.mention in f.sentence
        assert re.fullmatch(r"zh_[a-z_]+_v\d+", f.rule)


@pytest.mark.parametrize("text, subject", [
    ("2024年,重庆地区生产总值达3.2万亿元。", "重庆"),
    ("重慶外貿進出口總值2759.2億元。", "重慶"),
    ("本报讯 记者从成都市统计局获悉,2021年末成都市常住人口为2119.2万人。", "成都"),
    ("两江新区规上工业总产值占重庆市比重达20.7%。", "两江新区"),
    ("重庆是制造业基地。今年以来,全市新签约项目910个。", "重庆"),
    ("央广网武汉5月3日消息 记者获悉,四川进出口总值1000亿元。", "四川"),
    # a place opening a ；-clause is its subject; a rank phrase at a clause end is not
    ("一季度,绵阳GDP达700亿元;德阳GDP达500亿元。", ["绵阳", "德阳"]),
    ("绵阳投资额列四川第一;实际使用外资总额达30亿美元。", "绵阳"),
    # partners after 与 go on through a 、 list
    ("绵阳与泸州、德阳、宜宾等地合作,签订协议28个。", "绵阳"),
])
def test_subject(text, subject):
    want = subject if isinstance(subject, list) else [subject]
    assert [f.subject for f in facts_zh.extract(text, META, [])] == want


@pytest.mark.parametrize("text, subjects", [
    ("绵阳和德阳的出口分别增长5.2%和6.1%。", ["绵阳", "德阳"]),
    ("绵阳、德阳地区生产总值分别为4000亿元、3000亿元,分别增长6%、7%。", ["绵阳", "德阳", "绵阳", "德阳"]),
    ("绵阳出口分别增长5.2%和6.1%。", ["绵阳", "绵阳"]),
])
def test_respectively_gives_each_figure_its_place(text, subjects):
    assert [f.subject for f in sorted(facts_zh.extract(text, META, []), key=lambda f: (f.unit == "percent", f.start))] == subjects


def _gold_body(raw: str, gold: dict) -> str:
    """The raw page without the lines that hold a `without` segment or the headline."""
    fold = lambda t: re.sub(r"\s+", " ", t or "").strip()
    without = [fold(w) for w in gold.get("without", []) if fold(w)]
    keep = [ln for ln in raw.split("\n") if fold(ln) != fold(gold.get("title"))
            and not any(w in fold(ln) for w in without)]
    return "\n".join(keep)


def test_zh_dev_floor():
    from cqetl.evaluate import _same_value, _unit_class, prf
    root = gold_set("zh-dev")
    tp = fp = fn = 0
    spent = 0.0
    for gp in sorted((root / "gold").glob("*.json")):
        gold = json.loads(gp.read_text(encoding="utf-8"))
        body = _gold_body((root / "raw" / gold["file"]).read_text(encoding="utf-8"), gold)
        pub = gold.get("published_date")
        meta = Metadata(title=gold.get("title"), published_date=dt.date.fromisoformat(pub) if pub else None)
        found = dates.find(body, "zh", meta)
        t0 = time.perf_counter()
        pred = facts_zh.extract(body, meta, found)
        spent += time.perf_counter() - t0
        used = set()
        for g in gold["facts"]:
            hit = next((i for i, f in enumerate(pred) if i not in used and f.metric == g["metric"]
                        and _unit_class(f.unit) == _unit_class(g["unit"]) and _same_value(f.value, g["value"])), None)
            if hit is None:
                fn += 1
            else:
                used.add(hit)
                tp += 1
        fp += len(pred) - len(used)
    # the gold bodies still hold decks and embedded headlines the cleaner removes, so a few extras are expected
    assert prf(tp, fp, fn)[2] >= 0.95
    assert spent / 15 < 0.02  # seconds per page; the real cost is ~1 ms, this only catches a runaway pattern


# wire copy: a number split by a stray space, a rate above a floor, rates and multiples in one list, repeats
@pytest.mark.parametrize("text, want", [
    ("今年全市共有1 5个交通项目将完工。", [("count", 15, "items", "exact")]),
    ("新兴产业保持20%以上的增长。", [("growth_rate", 20, "percent", "over")]),
    ("芯片、显示屏进口分别增长12.5%和2.3倍。",
     [("growth_rate", 12.5, "percent", "exact"), ("growth_rate", 2.3, "times", "exact")]),
    ("会上签约36个重大项目。当天共签约36个项目。", [("count", 36, "items", "exact")]),
    ("武侯区引进项目40个。", [("count", 40, "items", "exact")]),
    ("一季度经济增速8.1%,上半年是8.6%。", [("growth_rate", 8.1, "percent", "exact"), ("growth_rate", 8.6, "percent", "exact")]),
    ("工业占比是35%。", [("percentage", 35, "percent", "exact")]),
])
def test_wire_copy(text, want):
    assert rows(text) == sorted(want)


@pytest.mark.parametrize("text", [
    "2000年 1 2月",  # a date, not 12 of anything
    "工业增速已连续7个季度高于全国。",  # a duration: a two-character word after the unit
    "项目用时36个小时完成吊装。",
    "共引进10亿元以上的项目。",
])
def test_wire_copy_not_facts(text):
    assert rows(text) == []


def test_a_chengdu_district_is_a_subject():
    got = facts_zh.extract("成都市青羊区引进项目40个。", META, [])
    assert [f.subject for f in got] == ["青羊区"]
