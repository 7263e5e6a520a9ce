"""The benchmark script keeps working: a smoke run on a tiny corpus (timings are never asserted)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus  # noqa: E402


def test_corpus_is_deterministic_varied_and_near_4kb():
    p = corpus.pools()
    a = list(corpus.generate(p, 40, seed=3))
    b = list(corpus.generate(p, 40, seed=3))
    assert a == b
    other = list(corpus.generate(p, 40, seed=4))
    assert [x[3] for x in a] != [x[3] for x in other]
    texts = [data.decode(enc) for _, _, enc, data in a]
    assert len(set(texts)) == len(texts)
    sizes = [len(t.encode()) for t in texts]
    assert 3000 < sum(sizes) / len(sizes) < 5500
    langs = [lang for _, lang, _, _ in a]
    assert 0 < langs.count("zh") < langs.count("en")


@pytest.mark.parametrize("text", ["Output rose 12.5 percent to 3,400 tonnes on March 3, 2021.",
                                  "2024-03-14 10:32 前10个月产值1286.5亿元,11月15日发布"])
def test_varier_changes_figures_and_keeps_the_words(text):
    import random

    v = corpus.Varier({"en": set(), "zh": set()})
    outs = {v.vary(text, random.Random(k)) for k in range(5)}
    assert len(outs) > 1
    words = lambda s: [w for w in s.split() if not any(c.isdigit() for c in w)]  # noqa: E731
    assert all(words(o)[:1] == words(text)[:1] for o in outs)


def test_smoke_run_writes_every_section_and_the_counts_add_up(tmp_path):
    out, raw = tmp_path / "RESULTS.md", tmp_path / "r.json"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--n", "30", "--smoke", "--repeat", "1",
                    "--out", str(out), "--json", str(raw)], cwd=ROOT, check=True, capture_output=True, timeout=300)
    text = out.read_text(encoding="utf-8")
    for section in ("## Corpus", "## Library path", "### Split by stage", "### Chinese vs English",
                    "## Practical limits", "## Peers", "## Prefect and Dask", "## Peak RSS", "## Targets", "## Analysis"):
        assert section in text, section
    r = json.loads(raw.read_text())
    c = r["corpus"]
    assert c["pages"] == 30 == sum(c["languages"].values()) == sum(c["encodings"].values())
    run0 = r["library"]["runs"][0]
    assert run0["inputs"] == 30 == run0["new"] + run0["rejects"]
    assert r["split"]["docs"] + r["split"]["rejects"] == 30
    assert sum(z["pages"] for z in r["zh_vs_en"].values()) == r["split"]["docs"]
    assert r["rss"]["30"]["pages"] == 30 and r["rss"]["30"]["max_rss_mb"] > 0
    assert r["rss"]["30"]["arrow_pool"] == "system"  # cqetl chose it before pyarrow was imported
    assert "jusText" in r["peers"] and r["limits"]["regex"]["patterns"] == 20
    assert len(r["targets"]) == 8


def test_child_peak_rss_is_its_own_not_the_parents():
    ballast = bytearray(300 << 20)
    ballast[::4096] = b"\1" * (len(ballast) // 4096)  # touch every page: 300 MB resident here
    code = f"import sys; sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); import run; print(run.own_peak_rss_mb())"
    child = float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout)
    assert 0 < child < 200, child
