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
    "Odd\x1cspace, non\u00a0breaking and\u3000ideographic spaces; Nestlé Café_Bar & Co",
    "end.", ".", "", "  trailing  ",
])
def test_tokens_are_the_pattern_matches(text):
    """The column-wise tokeniser gives `_TOKEN`'s matches, with a sentence-final full stop split off."""
    want = []
    for m in entities_en._TOKEN.finditer(text):
        t, a, b = m[0], m.start(), m.end()
        if len(t) > 1 and t[-1] == "." and t[:-1] not in entities_en._ABBREV and not entities_en._INITIALS.fullmatch(t[:-1]):
            want += [(t[:-1], a, b - 1, t[0].isupper()), (".", b - 1, b, False)]
        else:
            want.append((t, a, b, t[0].isupper()))
    assert [tuple(t) for t in entities_en._tokens(text)] == want


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
