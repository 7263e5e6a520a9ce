"""Page language by script share and function words."""
from __future__ import annotations

import pytest

from cqetl import language


@pytest.mark.parametrize("text,lang", [
    ("The city signed agreements with foreign companies last week, officials said.", "en"),
    ("今年前三季度，全市规模以上工业增加值同比增长8.1%。Home | News | About", "zh"),
    ("今年上半年重慶外貿增3.5%，記者從新聞發佈會上獲悉。", "zh"),
    ("Die Stadt hat in der vergangenen Woche mit mehreren Unternehmen Verträge unterzeichnet, die nicht nur", "de"),
    ("La ville a signé la semaine dernière des accords avec plusieurs entreprises qui sont dans le secteur", "fr"),
    ("Chongqing GDP 2024: 3.2 trillion yuan (Xinhua)", "en"),
    ("", "en"),
    ("12345 !!! ---", "en"),
])
def test_detect(text, lang):
    assert language.detect(text) == lang


@pytest.mark.parametrize("text,low,high", [
    ("重庆外贸出口连续9个月两位数增长", 0.9, 1.0),
    ("China’s “dual circulation” strategy", 0.0, 0.2),  # curly quotes are not Han
    ("Chongqing 重庆", 0.3, 0.5),
])
def test_han_share(text, low, high):
    assert low <= language.han_share(text) <= high
