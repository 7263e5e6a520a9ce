"""Chinese entities: invented sentences, plus a floor on the Chinese dev set."""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from cqetl import entities_zh

ZH_DEV = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "zh-dev"


def _orgs(text: str) -> set[str]:
    return {e.name for e in entities_zh.find(text) if e.kind == "organization"}


def _persons(text: str) -> dict[str, str | None]:
    return {e.name: e.role for e in entities_zh.find(text) if e.kind == "person"}


@pytest.mark.parametrize("text, want", [
    ("记者从市发改委获悉,本市物价平稳。", {"市发改委"}),
    ("经省商务厅审定,全省外贸增长。", {"省商务厅"}),
    ("区文旅委相关负责人表示,游客增多。", {"区文旅委"}),
    ("此次活动由东海市工商业联合会主办。", {"东海市工商业联合会"}),
    ("县贸促会组织企业参展。", {"县贸促会"}),
    ("国家信息中心发布报告。", {"国家信息中心"}),
    ("商务部等部门联合发文。", {"商务部"}),
    ("甲乙丙(上海)投资管理有限公司与县政府签约。", {"甲乙丙(上海)投资管理有限公司"}),
    ("市政府办公厅印发通知。", {"市政府办公厅"}),
    ("東海市統計局發佈數據。", {"東海市統計局"}),
    ("支持甲方、乙方等整车企业扩大产能。", {"甲方", "乙方"}),
    ("丙丁、戊己、庚辛3家品牌企业在本地下单。", {"丙丁", "戊己", "庚辛"}),
    ("长安加快转型,长安汽车销量增长。", {"长安汽车"}),
    ("重庆长安汽车股份有限公司表示,长安将加大投入。", {"重庆长安汽车股份有限公司"}),
    ("东海发布连续推出系列报道。", {"东海发布"}),
    ("中国科学院东海研究院落户本区。", {"中国科学院东海研究院"}),
    ("市经信委和市财政局联合发文。", {"市经信委", "市财政局"}),
    ("工业和信息化部发布通知。", {"工业和信息化部"}),
    ("东海控股集团旗下全资子公司南山科技有限公司成立。", {"东海控股集团", "南山科技有限公司"}),
    ("某年,东海银行跻身万亿银行之列,全市银行业资产增长。", {"东海银行"}),
])
def test_organisations(text, want):
    assert _orgs(text) == want


@pytest.mark.parametrize("text", [
    "区委、区政府高度重视产业布局。",
    "南山县委召开会议,部署全年工作。",
    "两江新区党工委研究部署工作。",
    "打造西部金融中心和数据中心,建设中心城区。",
    "全市形成了全新的发展格局,开创新局面。",
    "市场监管部门和企业负责人座谈。",
    "汽车、电子等支柱企业增长较快。",
    "该公司相关负责人介绍了情况。",
    "活动期间举办了多场对接会,实行快帮快办。",
    "东海市委宣传部、区委组织部联合开展活动。",
    "汽车、电子等行业企业加快复工。",
    "东海、南山等地企业纷纷参展。",
])
def test_not_organisations(text):
    assert _orgs(text) == set()


@pytest.mark.parametrize("text, want", [
    ("东海大学副校长张明说,外贸增长。", {"张明": "东海大学副校长"}),
    ("在会上,某省副省长刘一鸣提到,产业集聚。", {"刘一鸣": "某省副省长"}),
    ("南山县委副书记、县长王小川介绍,项目落地。", {"王小川": "南山县委副书记、县长"}),
    ("市经信委主任李大为、副主任赵一表示支持。", {"李大为": "市经信委主任", "赵一": "副主任"}),
    ("市商务委副主任陈强、周平出席活动。", {"陈强": "市商务委副主任", "周平": "市商务委副主任"}),
    ("市商务委副主任阿依古丽·吐尔逊介绍。", {"阿依古丽·吐尔逊": "市商务委副主任"}),
    ("東海海關副關長、新聞發言人黃明說。", {"黃明": "東海海關副關長、新聞發言人"}),
    ("欧阳明华总经理助理表示。", {}),
    ("记者张三从市统计局获悉。", {}),
    ("重庆市长江段水质改善的成效明显。", {}),
    ("东海集团总经理助理王磊表示。", {"王磊": "东海集团总经理助理"}),
    ("南山县委常委蒋一、周二出席。", {"蒋一": "南山县委常委", "周二": "南山县委常委"}),
    ("副市长 钱三说,投资增长。", {"钱三": "副市长"}),
    ("市委书记强调,要优化营商环境。", {}),
    ("市长曾表示,将加大投入。", {}),
    ("会长单位的代表出席了会议。", {}),
    ("区委书记王五在调研时强调。", {"王五": "区委书记"}),
    ("副市长张在明说,投资增长。", {"张在明": "副市长"}),
    ("中国工程院院士王大明表示,前景广阔。", {"王大明": "中国工程院院士"}),
    ("东山律师事务所律师赵强说,合同有效。", {"赵强": "东山律师事务所律师"}),
    # 及 inside one title joins; between a name and the next title it does not
    ("东山汽车公司中国区战略及业务拓展副总裁刘明表示,合作加深。", {"刘明": "东山汽车公司中国区战略及业务拓展副总裁"}),
    ("市长李四及副市长王五出席。", {"李四": "市长", "王五": "副市长"}),
])
def test_persons(text, want):
    assert _persons(text) == want


def test_mentions_counted():
    text = "市统计局副局长李明说,增长较快。李明表示,市统计局将发布数据。"
    found = {e.name: e.mentions for e in entities_zh.find(text)}
    assert found == {"市统计局": 2, "李明": 2}


def _norm(t: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", t or "").split()).casefold()


def test_dev_set_floor():
    if not ZH_DEV.is_dir():
        pytest.skip("../shared/corpus/zh-dev is absent")
    tp = fp = fn = 0
    for path in sorted((ZH_DEV / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        raw = (ZH_DEV / "raw" / gold["file"]).read_text(encoding="utf-8")
        without = [_norm(w) for w in gold["without"]]
        body = "\n".join(line for line in raw.splitlines()
                         if _norm(line) != _norm(gold["title"]) and not any(w in _norm(line) for w in without))
        want = {(e["kind"], _norm(e["name"])) for e in gold["entities"] if e["kind"] in ("person", "organization")}
        got = {(e.kind, _norm(e.name)) for e in entities_zh.find(body) if e.kind in ("person", "organization")}
        tp, fp, fn = tp + len(want & got), fp + len(got - want), fn + len(want - got)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.9, f"entities F1 {f1:.3f} on zh-dev"


@pytest.mark.parametrize("text, want", [
    # an outlet whose reporter acts in the body; a credit naming a reporter is not that
    ("东海网-东海客户端记者从会上获悉,产值增长。", {"东海网-东海客户端"}),
    ("(东海日报记者 张三)产值增长。本报记者从会上获悉。", set()),
    # a long name opening with a scope word
    ("近日,全市先进制造业和现代服务业融合发展协调推进办公室发布数据。", {"全市先进制造业和现代服务业融合发展协调推进办公室"}),
    ("全国首个区域性绿色低碳产业融合发展促进中心落户本区。", set()),
    # a centre named as the venue of an event
    ("发布会在市新闻发布中心举行,国家信息中心发布报告。", {"国家信息中心"}),
    # a trade bloc is an organisation, also in a list of partner countries
    ("东盟、美国、欧盟(不含英国)、日本为前四大贸易伙伴。", {"东盟", "欧盟"}),
    ("东山新闻记者现场看到,展会人气旺。", {"东山新闻"}),
    ("中国工程院院士王大明表示,前景广阔。", {"中国工程院"}),
])
def test_more_organisations(text, want):
    assert _orgs(text) == want


@pytest.mark.parametrize("text, want", [
    # an outlet in title marks named as the source of a report
    ("据《江城经济报》报道:今年将有12个项目完工。", {"江城经济报"}),
    ("《政府工作报告》提出,《江城日报》头版刊登照片。", set()),
    ("据新华社报道,江城经济增长。据了解,据海关统计,出口增长。", {"新华社"}),
    # a listed company's name before a product word is the product
    ("2019年,力帆产品出口增长;华为产品销量上升,华为表示满意。", {"华为"}),
    # the survey team and the level character left out after the place
    ("江州市统计局、国家统计局江州调查总队公布数据。江州统计局副局长王明称增长7%。",
     {"江州市统计局", "国家统计局江州调查总队"}),
    # a company named before a scope word and a seat
    ("签约了总投资20亿元的星河汽车全球研发总部项目、蓝海文化传媒国际音乐产业基地、云帆科创国际物联网创新中心暨海鸥汇西南区域总部等项目。",
     {"星河汽车", "蓝海文化传媒", "云帆科创", "海鸥汇"}),
    ("成都集成电路国际协同创新中心、重庆国际物流中心和两江新区国际合作中心建成,使其成为全球知名的制造中心。", set()),
    # a person acting on a generic `公司` is no company's name; `对` inside a name does not cut it
    ("王志明对公司表示感谢。他毕业于对外经济贸易大学。", {"对外经济贸易大学"}),
    # an event named right before a body is not part of its name
    ("高校运动会江州大学等场馆建成投入使用。", {"江州大学"}),
])
def test_wire_and_project_organisations(text, want):
    assert _orgs(text) == want


def test_company_in_a_scoped_title():
    found = {(e.kind, e.name): e.role for e in entities_zh.find("公司聘请了星辰联行大中华区执行董事李建国为顾问。")}
    assert found == {("organization", "星辰联行"): None, ("person", "李建国"): "星辰联行大中华区执行董事"}


def test_pinyin_inserted_by_a_conversion():
    """A conversion slip that puts pinyin after characters is read through; names come back as written."""
    found = {(e.kind, e.name): e.role for e in entities_zh.find(
        "發布會上,江州市統(tǒng)計局副局長、新聞發(fā)言人楊大剛介紹,經(jīng)濟平穩(wěn)。")}
    assert found == {("organization", "江州市統(tǒng)計局"): None,
                     ("person", "楊大剛"): "江州市統(tǒng)計局副局長、新聞發(fā)言人"}


@pytest.mark.parametrize("text, want", [
    ("中共江州市委书记贺大强今天说,江州将加强合作。", {"贺大强": "中共江州市委书记"}),
    ("副市长王大明昨日表示,投资增长。", {"王大明": "副市长"}),
])
def test_name_before_a_time_word(text, want):
    assert _persons(text) == want


@pytest.mark.parametrize("text", [
    "记者从市发改委获悉,市商务委员会主任王小明表示,重庆日报记者李四报道。",
    "長安汽車集團總經理張三說,等整车企业和局、委、厅",
    "主任主任王五在调研、副局长李大为、总经理",
])
def test_hits_are_the_pattern_matches(text):
    """Cue words and role heads looked up where their first characters occur give what one regex of them finds."""
    r = entities_zh._rules()
    cues = entities_zh.regex.compile(entities_zh.lexicon.prefix_tree(r.cues))
    assert list(entities_zh._cue_hits(text, r)) == [(m.start(), m[0]) for m in cues.finditer(text)]
    assert [m.span() for m in entities_zh._person_hits(text, r)] == [m.span() for m in r.persons.finditer(text)]
