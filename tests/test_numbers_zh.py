import cn2an
import pytest

from cqetl import numbers_zh


@pytest.mark.parametrize("text, want", [
    ("三百二十万", 3_200_000),
    ("二点零七", 2.07),
    ("十", 10),
    ("十一", 11),
    ("两千", 2000),
    ("一万二千", 12_000),
    ("三亿五千万", 350_000_000),
    ("五千零三", 5003),
    ("万亿", 1e12),
    ("三万亿", 3e12),
    ("千万", 1e7),
    ("１２３", 123),
    ("1.5万亿", 1.5e12),
    ("3.2万亿", 3.2e12),
    ("3000亿", 3e11),
    ("25.42万", 254_200),
    ("1,200", 1200),
    ("12,000.5", 12000.5),
    ("６.５", 6.5),
    ("兩萬", 20_000),
])
def test_parse(text, want):
    assert numbers_zh.parse(text) == pytest.approx(want)


@pytest.mark.parametrize("text", ["", "三三", "点", "abc", "1.5万x", "亿" * 60, "9" * 400 + "亿"])
def test_parse_rejects_malformed(text):
    assert numbers_zh.parse(text) is None


@pytest.mark.parametrize("text", ["三百二十万", "一万二千", "三亿五千万", "五千零三", "二十", "九百九十九", "一千零一"])
def test_parse_agrees_with_cn2an(text):
    assert numbers_zh.parse(text) == pytest.approx(cn2an.cn2an(text, "smart"))


def test_integer_amounts_stay_integers():
    # 25.42 * 10000 is 254200.00000000003 in binary floating point
    assert numbers_zh.parse("25.42万") == 254_200
    assert numbers_zh.parse("1.83万") == 18_300

