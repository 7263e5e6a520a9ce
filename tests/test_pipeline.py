"""Properties of the whole library path on arbitrary text (hypothesis)."""
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cqetl import ingest, pipeline
from cqetl.config import load_config

CTX = pipeline.Context.build(load_config(None))

# page-like text: words, digits, currency and date words, separators, Chinese, odd line endings
FRAGMENTS = st.sampled_from([
    "Chongqing", "over", "about", "nearly", "million", "billion", "yuan", "RMB", "US$", "%", "percent",
    "Jan 18", "2024", "last year", "Thursday", "Q3", "|", ">", "»", "·", "Home", "Share", "Cookies",
    "By", "Updated:", "Source:", "(Photo/", "重庆", "亿元", "同比增长", "1—8月", "去年", "万", "。", "，",
    "1,600", "3.5", "12", "\n", "\r\n", "\r", "\n\n", " ", "\u00a0", "\u200b", "--", "(Xinhua)",
])
PAGES = st.one_of(
    st.lists(FRAGMENTS, max_size=200).map(" ".join),
    st.text(max_size=3000),
)


def _result(text):
    norm = ingest.normalise(text)
    if not norm.strip():
        return None
    return pipeline.run_stages(ingest.RawDoc("p.txt", norm, ingest.doc_id_of(norm), len(text)), CTX, ["clean"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PAGES)
def test_stages_never_raise_and_rows_hold(text):
    res = _result(text)
    if res is None:
        return
    body = res.body_text
    for d in res.dates:
        assert body[d.start:d.end] == d.mention
        assert d.date_start <= d.date_end
    for f in res.facts:
        assert body[f.start:f.end] == f.mention
        assert math.isfinite(f.value)
    for s in res.sectors:
        assert s.mentions >= 1
    assert all(d.reason for d in res.decisions if not d.keep)


@settings(max_examples=40, deadline=None)
@given(PAGES)
def test_output_is_deterministic(text):
    assert _result(text) == _result(text)
