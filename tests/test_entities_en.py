"""English entities: invented sentences per rule, and a floor on the gold sets."""
from __future__ import annotations

import json

import pytest
from conftest import gold_set

from cqetl import entities_en, ingest, pipeline
from cqetl.config import load_config
from cqetl.evaluate import norm


def _orgs(text: str) -> set[str]:
    return {e.name for e in entities_en.find(text) if e.kind == "organization"}


def _persons(text: str) -> dict[str, str | None]:
    return {e.name: e.role for e in entities_en.find(text) if e.kind == "person"}


@pytest.mark.parametrize("text, want", [
    ("Alibaba's Jack Ma visited the city.", {"Jack Ma": "Alibaba"}),
    ("The Mayor Mr Wang Hongju attended the signing.", {"Wang Hongju": "Mayor"}),
    ("Tang Zongwei, deputy director of the Harbour Administration Committee, met them.",
     {"Tang Zongwei": "deputy director of the Harbour Administration Committee"}),
    ("Sato Kenji, Consul-General in Chongqing, spoke.", {"Sato Kenji": "Consul-General in Chongqing"}),
    ("NPC deputy Chen Jinshan said output rose.", {"Chen Jinshan": "NPC deputy"}),
    ("María José Pérez Soto, Consul-General of Peru in Chengdu, arrived.",
     {"María José Pérez Soto": "Consul-General of Peru in Chengdu"}),
    ("Deputy General Manager Li Ming of Riverside Paper Corporation signed.",
     {"Li Ming": "Deputy General Manager of Riverside Paper Corporation"}),
    ("Present were Zhou Bo, head of the Port Bureau, Wu Lan and Xu Tao", {"Zhou Bo": "head of the Port Bureau",
                                                                          "Wu Lan": None, "Xu Tao": None}),
    ("\"We are ready,\" said Anna Berg, the chief executive of Nordic Widgets AB.",
     {"Anna Berg": "chief executive of Nordic Widgets AB"}),
    ("Chongqing Mayor Huang Qifan said exports rose.", {"Huang Qifan": "Chongqing Mayor"}),
    ("Hechuan District Party Secretary Zhou Tao said jobs grew.", {"Zhou Tao": "Hechuan District Party Secretary"}),
    ("Li Wei, who met the director, left early.", {"Li Wei": None}),
    ("Consul-General Sarah Mills said: \"We are ready.\"", {"Sarah Mills": "Consul-General"}),
])
def test_persons_and_roles(text, want):
    assert _persons(text) == want


def test_short_mention_merges():
    found = {e.name: e for e in entities_en.find("Tang Zongwei, director of the Bureau of Ports, spoke. Tang said more.")
             if e.kind == "person"}
    assert set(found) == {"Tang Zongwei"} and found["Tang Zongwei"].mentions == 2


@pytest.mark.parametrize("text, want", [
    ("The Korea Trade-Investment Promotion Agency (KOTRA) opened an office. KOTRA helps firms.",
     {"Korea Trade-Investment Promotion Agency"}),
    ("Changan sold more cars; Chang'an Automobile and Changan Auto export too.", {"Chang'an Automobile"}),
    ("He told Xinhua that output rose.", {"Xinhua News Agency"}),
    ("Chongqing Municipal Government signed with the People's Government of Sichuan Province.",
     {"Chongqing Municipal Government", "People's Government of Sichuan Province"}),
    ("Li Hua, deputy chief of the Trade Department of the State Salt Administration, came.", {"State Salt Administration"}),
    ("Japanese companies such as Hitachi Automotive and Kawasaki Robot invested.", {"Hitachi Automotive", "Kawasaki Robot"}),
    ("Deals went to 4 companies including BlueSky Furniture and Zhongtie Wuju.", {"BlueSky Furniture", "Zhongtie Wuju"}),
    ("The deal was signed by Bank of China Chongqing Branch and HSBC.", {"Bank of China", "HSBC"}),
    ("Riverside Machinery and Electric Co. Ltd. and the Ministry of Foreign Affairs met.",
     {"Riverside Machinery and Electric Co. Ltd.", "Ministry of Foreign Affairs"}),
    ("Great Wall Motors Co., Ltd. said Great Wall Motors will grow.", {"Great Wall Motors"}),
    ("AVATR sales rose as AVATR Technology expanded.", {"AVATR Technology"}),
    ("The US-based Acme Robotics Inc. will invest, said the battery manufacturer CATL.", {"Acme Robotics Inc.", "CATL"}),
    ("The Consulate General of Peru in Chongqing opened.", {"Consulate General of Peru in Chongqing"}),
    ("The China Chamber of Maritime Trade (CCMT) Chongqing Office opened.", {"China Chamber of Maritime Trade"}),
    ("The U.S. Department of Commerce and the Ministry of Commerce talked.",
     {"U.S. Department of Commerce", "Ministry of Commerce"}),
])
def test_organisations(text, want):
    assert _orgs(text) == want


@pytest.mark.parametrize("text", [
    "The municipal government and the Chongqing government issued new rules.",
    "The China International Import Expo and the Smart Industry Expo drew crowds.",
    "Liangjiang New Area and the Chengdu Hi-Tech Zone grew fast.",
    "The Party Committee and the Leading Party Members' Group met.",
    "The Belt and Road Initiative was discussed at the Harbour Forum.",
    "ABOUT NEWS LIVING\nCHONGQING, Jan. 5 (Xinhua) -- Exports grew.",
    "NEV and ICV sales rose; GDP grew 6%.",
    "(Photo/Li Xinyi)",
    "Tourists walked along Chang'an Avenue.",
])
def test_not_entities(text):
    assert {(e.kind, e.name) for e in entities_en.find(text) if e.kind in ("person", "organization")} == set()


def test_places_and_countries():
    found = {(e.kind, e.name) for e in entities_en.find("Firms from Japan and Chile came to Chongqing.")}
    assert {("country", "Japan"), ("country", "Chile"), ("place", "Chongqing")} <= found


@pytest.mark.parametrize("text", [
    "The Acme Tool Co., Ltd. opened in the U.S. and the U.K. last year.",
    "High-tech firms  grew 12.5%;\tJ.R. Smith’s team (ABC) said: \u201cyes.\u201d",
    "A.b·c and x.y. then 3.14... e.g. Dr. Li met Mr. Wang in St. Louis.",
    "John F. Smith joined Group B. Then he left.",
    "Odd\x1cspace, non\u00a0breaking and\u3000ideographic spaces; Nestlé Café_Bar & Co",
    "end.", ".", "", "  trailing  ", "a..b .5 x.·y ...end (U.S.) Ltd.. 'Co.'",
])
def test_tokens_are_the_pattern_matches(text):
    """The tokeniser (`str.split` on spaced text) gives `_TOKEN`'s matches, a sentence-final full stop split off."""
    want = []
    for m in entities_en._TOKEN.finditer(text):
        t, a, b = m[0], m.start(), m.end()
        if len(t) > 2 and t[-1] == "." and t[:-1] not in entities_en._ABBREV and not entities_en._INITIALS.fullmatch(t[:-1]):
            want += [(t[:-1], a, b - 1, t[0].isupper()), (".", b - 1, b, False)]
        else:
            want.append((t, a, b, t[0].isupper()))
    assert [tuple(t) for t in entities_en._tokens(text, *entities_en._kinds(text))[0]] == want


def _scores(set_name: str) -> tuple[float, float]:
    root = gold_set(set_name)
    ctx = pipeline.Context.build(load_config())
    tp = fp = fn = roles = role_ok = 0
    for g in sorted((root / "gold").glob("*.json")):
        gold = json.loads(g.read_text(encoding="utf-8"))
        if "entities" not in gold:
            continue
        path = root / "raw" / gold["file"]
        res = pipeline.process(ingest.read(ingest.Found(path, path.name), 10**7), ctx)
        want = {(e["kind"], norm(e["name"])): e for e in gold["entities"] if e["kind"] in ("person", "organization")}
        got = {(e.kind, norm(e.name)): e for e in getattr(res, "entities", []) if e.kind in ("person", "organization")}
        tp, fp, fn = tp + len(want.keys() & got.keys()), fp + len(got.keys() - want.keys()), fn + len(want.keys() - got.keys())
        for k in want.keys() & got.keys():
            if k[0] == "person" and want[k].get("role"):
                roles += 1
                w, r = norm(want[k]["role"]), norm(got[k].role)
                role_ok += bool(r) and (w in r or r in w)
    return (2 * tp / (2 * tp + fp + fn) if tp else 0.0), (role_ok / roles if roles else 1.0)


@pytest.mark.parametrize("set_name", ["seeds", "dev-en"])
def test_gold_floor(set_name):
    f1, roles = _scores(set_name)
    # floors a little under the scores reached, as body_text from the cleaner still moves
    assert f1 >= 0.9 and roles >= 0.9


@pytest.mark.parametrize("text, want", [
    # a role in brackets right after the name
    ("Mr. Taro Yamada(Vice Mayor of Eastport) visited.", {"Taro Yamada": "Vice Mayor of Eastport"}),
    ("Li Hua (Director of the Harbour Bureau) spoke.", {"Li Hua": "Director of the Harbour Bureau"}),
    # a comma before the role word belongs to the role
    ("Mr. Paulo, Trade, Tourism and Investment Director of the Consulate-General of Brazil in Chengdu, came.",
     {"Paulo": "Trade, Tourism and Investment Director of the Consulate-General of Brazil in Chengdu"}),
    # lower-case particles inside a name
    ("Mr. Pieter van der Berg, Consul of the Netherlands in Chengdu, spoke.",
     {"Pieter van der Berg": "Consul of the Netherlands in Chengdu"}),
    # the owner written before a title
    ("Tesla CEO Elon Musk said sales rose.", {"Elon Musk": "Tesla CEO"}),
    ("Huawei's rotating chairman Eric Xu said.", {"Eric Xu": "Huawei's rotating chairman"}),
    ("Yesterday Chairman Li Ming said.", {"Li Ming": "Chairman"}),
    # one word after an honorific is a name only with a role; a short form of a full name is that person
    ("Mr. Bruno, Trade Commissioner of Uruguay, spoke. Mr. Carlos agreed.", {"Bruno": "Trade Commissioner of Uruguay"}),
    ("Li Ming spoke. Mr. Li, director of the Port Bureau, said more.", {"Li Ming": None}),
    ("According to Mary Jones, exports rose.", {"Mary Jones": None}),
    # a month or currency word that is a given name after a surname
    ("Present were Wang Jun, Party Secretary of Eastport, and Chen Yuan.",
     {"Wang Jun": "Party Secretary of Eastport", "Chen Yuan": None}),
    ("Yuan Jiajun, Secretary of the Party Committee, met He Lifeng. He said prices rose 5 Yuan.",
     {"Yuan Jiajun": "Secretary of the Party Committee", "He Lifeng": None}),
    # a common first name marks a person without any other cue; a place word does not
    ("Richard Hollis visited the plant near Peter Harbour.", {"Richard Hollis": None}),
    # an age or `who is` before the role is not part of it
    ("Li Ming, 45, director of the Port Bureau, said.", {"Li Ming": "director of the Port Bureau"}),
    ("Wang Fang, who is also deputy director of the Harbour Bureau, spoke.",
     {"Wang Fang": "deputy director of the Harbour Bureau"}),
    # an apposition ends at its person's verb; a titled name inside it is the next person
    ("Chen Hao, head of the bank's branch formally announced the loan.", {"Chen Hao": "head of the bank's branch"}),
    ("Present were Li Ming, Vice Mayor Zhang Guozhi and others.", {"Li Ming": None, "Zhang Guozhi": "Vice Mayor"}),
    # a title before an honorific
    ("The governor Mr Xiao Yang spoke.", {"Xiao Yang": "governor"}),
])
def test_more_persons_and_roles(text, want):
    assert _persons(text) == want


@pytest.mark.parametrize("text, want", [
    ("A reporter from Green Star News learned the figures.", {"Green Star News"}),
    ("Officials from Yubei District and a reporter from Chongqing met.", set()),
    ("The chief executive of Altamira Foods said the mayor of New Bay and the minister of Foreign Affairs agreed.",
     {"Altamira Foods"}),
    ("Zentrix, a Chengdu-based battery maker, opened a plant; John Smith, a manager at the firm, came.", {"Zentrix"}),
    ("Shares of Northwind Traders (SHE: 000123) rose.", {"Northwind Traders"}),
    ("She studied at Eastport foreign languages university, not at a Chongqing medical university.",
     {"Eastport foreign languages university"}),
    ("Zhang Chi, deputy director of Eastport Port and Logistics Office, said.", {"Eastport Port and Logistics Office"}),
    ("The Irish Consulate-General in Chengdu opened.", {"Irish Consulate-General in Chengdu"}),
    ("The Foreign Affairs Office of the Eastport Municipal Government (Chengdu FAO) met. Chengdu FAO staff came.",
     {"Foreign Affairs Office of the Eastport Municipal Government"}),
    ("The Riverside Municipal Government's plan was approved.", {"Riverside Municipal Government"}),
    ("AN international railway links Chengdu with Europe; exports to RCEP members rose.", set()),
    ("Pinduoduo and Meituan expanded, and Moutai liquor sold well.", {"Pinduoduo", "Meituan"}),
    ("Northwind Robotics Inc. (NASDAQ: NWRB) opened a plant.", {"Northwind Robotics Inc."}),
    ("Kelan Pharmaceutical and Tianhe Bank signed.", {"Kelan Pharmaceutical", "Tianhe Bank"}),
    ("The Ministry of Industry and Information Technology said the Chamber Council for the Promotion of Trade agreed.",
     {"Ministry of Industry and Information Technology", "Chamber Council for the Promotion of Trade"}),
    ("Eastport Development Bank for the Riverside Metro lent.", {"Eastport Development Bank"}),
    ("The Irish Consulate in Chengdu and the Irish Consulate-General Chengdu are one office.",
     {"Irish Consulate-General Chengdu"}),
    ("Hill Group-held Eastport Paper Manufacturing Limited opened a mill.", {"Eastport Paper Manufacturing Limited"}),
])
def test_organisations_without_a_head_word(text, want):
    assert _orgs(text) == want


@pytest.mark.parametrize("text, want", [
    # a list item is the whole name, also where it opens with a listed company
    ("Local enterprises such as SAIC Nordic Trucks, Dongfeng Sunrise and Beijing Hyundai expanded.",
     {"SAIC Nordic Trucks", "Dongfeng Sunrise", "Beijing Hyundai"}),
    ("There are 9 enterprises in Eastport, including Geely Riverside, Lifan Automobile, and Zongshen.",
     {"Geely Riverside", "Lifan Automobile", "Zongshen"}),
    ("Local makers such as Acme Widgets Co., Ltd. and Nordwind Pumps grew.", {"Acme Widgets Co., Ltd.", "Nordwind Pumps"}),
    # brands are not companies unless they are listed ones
    ("It sells the company's global brands, such as KTM and Huawei.", {"Huawei"}),
    # the Changan joint ventures, however Changan is spelt
    ("Chang'an Ford and Chang'an Suzuki opened; Changan Ford Automobile Co. grew.", {"Changan Ford", "Changan Suzuki"}),
    ("Workers built the giant Three Gorges Dam project.", set()),
    # a place joined by `and` is not part of the next name
    ("Li Ming, mayor of Wanzhou and National People's Congress member, spoke.", {"National People's Congress"}),
    # a place's customs written in lower case is its customs authority
    ("Chongqing customs data show exports rose; Chengdu customs clearance takes a day.", {"Chongqing Customs"}),
    # a bloc is an organisation, its members are not
    ("Trade with partners including ASEAN rose; trade with ASEAN countries fell.", {"ASEAN"}),
    ("Trade with ASEAN countries and Japan fell.", set()),
    ("It supports the Chinese Government's goal and the Eastport Municipal Government's plan.",
     {"Eastport Municipal Government"}),
    # wire credits and datelines are no actors; an agency reporting in the text is
    ("Car makers are exploring exports.—Xinhua", set()),
    ("Exports rose.\n(Xinhua)\nMore text.", set()),
    ("[CND, 03/15/97] The city grew, as reported by UPI on Friday. (Fabian FANG, Daluo JIA)", {"UPI"}),
    ("BEIJING, March 9 (AP) — Prices rose, Agence France-Presse said.", {"Agence France-Presse"}),
    ("Sales rose.\n(Eastport Daily May 2, 2003)\nThe Acme Motor Corp. of Japan agreed.", {"Acme Motor Corp."}),
    # a bare list with an organisation among its items lists organisations, not so with places or persons
    ("Changan Automobile, Tencent, Nordwind Pumps, and Eastriver Dynamics said so.",
     {"Chang'an Automobile", "Tencent", "Nordwind Pumps", "Eastriver Dynamics"}),
    ("Popular models include Tesla Roadster, BYD Han, and Nio Seven.", {"Tesla", "BYD"}),
    ("Visitors from Chongqing, Chengdu, Xi'an and Huawei came; John Smith, Mary Jones and Huawei met.", {"Huawei"}),
    # `&` inside a name
    ("\"Yes,\" said Dan Brook, president of Acme Valves & Control, a unit of Acme Flow Group.",
     {"Acme Valves & Control", "Acme Flow Group"}),
])
def test_wire_and_list_organisations(text, want):
    assert _orgs(text) == want


@pytest.mark.parametrize("text, want", [
    # a run going on into a possessive name is no person
    ("\"Yes,\" said Steve Lee, general manager, Acme Flow Control's process business.", {"Steve Lee": "general manager"}),
    # a middle initial
    ("John F. Smith, director of the Port Bureau, said.", {"John F. Smith": "director of the Port Bureau"}),
    # a role read across a hard line break, and ended by `was quoted`
    ("Li Wei, deputy director of the\nHarbour Bureau said so.", {"Li Wei": "deputy director of the Harbour Bureau"}),
    ("Zhang Hua, head of Eastport district and NPC deputy was quoted by Xinhua as saying so.",
     {"Zhang Hua": "head of Eastport district and NPC deputy"}),
    # a role set before the name, opening its sentence
    ("Chongqing's vice-mayor, Huang Ming, said so. The head of the Port Bureau, Li Ming, agreed.",
     {"Huang Ming": "Chongqing's vice-mayor", "Li Ming": "head of the Port Bureau"}),
    ("Meanwhile, Li Hua, said no. The firm hired a new director, Wang Tao, last year.", {"Li Hua": None, "Wang Tao": None}),
    # a listed company's name that is a given name after a surname
    ("Wang Yinxiang, head of the Port Bureau, said.", {"Wang Yinxiang": "head of the Port Bureau"}),
])
def test_wire_persons(text, want):
    assert _persons(text) == want


_WINDOWS = [
    "The chief executive of Xyz Widgets, Deputy Mayor Li Ming said",
    "Photo by Li Ming. CHONGQING, Jan. 5 (Xinhua) -- growth.—Xinhua\n[CND, 03/15/97] By Li",
    "general manager\tWang Wei, Vice  Chairman\nZhang Wei and former NPC deputy Chen Jinshan",
    "said Li Ming; SAID Li; Li Ming \xa0said; noted\u3000Li Ming; attaché Li Ming; Photo:\n Xinhua",
    "(Xinhua)\n--Xinhua; — Reuters (China Daily May 2, 2003)\nend",
]


@pytest.mark.parametrize("text", _WINDOWS)
def test_window_tests_agree_with_their_patterns(text):
    """The string tests before the windowed patterns (a title, a credit, a verb of speech) decide as the patterns."""
    lx = entities_en._lex()
    closing = entities_en.regex.compile(r"(?:[—–]|--?|\()[ \t]*$")
    for at in range(len(text) + 1):
        want = lx.title_before.search(text, max(0, at - 60), at)
        got = entities_en._title_before(text, at, lx)
        assert (got and got.span(1)) == (want and want.span(1))
        window = text[max(0, at - 30):at]
        assert entities_en._ends_with(window, lx.credit, lx.credit_cues) == bool(lx.credit.search(window))
        assert entities_en._ends_with(window, lx.speech_before, lx.speech_words, fold=True) == bool(
            lx.speech_before.search(window))
        assert entities_en._closing_before(text[max(0, at - 3):at]) == bool(closing.search(text, max(0, at - 3), at))


@pytest.mark.parametrize("text", [
    "China's U.S.-China trade; Sino-US ties; the U.S. and Hong Kong, Chongqing-based; 'Japan' Xi’China",
    "Huawei's Huawei-made Alibaba’ss JD.com. AT&T Changan Ford; 'Tencent Baidu_x Lenovo’s",
    "automakers such as A, car-maker BYD, companies including X; a reporter from Cover News",
])
def test_listed_names_and_cues_are_the_pattern_matches(text):
    """Names and cue words looked up per word run give the matches of the patterns they replace."""
    lx = entities_en._lex()
    d = entities_en.lexicon.load("entities_en")
    geo = entities_en.regex.compile(
        rf"(?<![\w-])(?:{entities_en.lexicon.alternation((*d['countries'], *d['places']))})(?![\w-])")
    runs = entities_en._word_runs(text, *entities_en._kinds(text))
    assert list(entities_en._listed(text, lx.geo_names, runs, strict=False)) == [m.span() for m in geo.finditer(text)]
    assert list(entities_en._listed(text, lx.known_names, runs, strict=True)) == [
        m.span() for m in lx.known.finditer(text)]
    assert [m.span() for m in entities_en._cue_matches(text, lx, runs)] == [m.span() for m in lx.cue.finditer(text)]
