"""quantulum3 beside cqetl's English facts on the English gold sets.

Both read the same body_text (the pipeline's, so boilerplate decisions are
equal) and are scored like the reference scorer's `facts_value_F1`: a found
quantity matches a gold fact of the page when the unit class and the value
(within 0.5 %) agree, each gold fact at most once. quantulum3 has no metric,
so cqetl's metric-aware `facts_F1` is printed beside it, not compared.

    .venv/bin/python benchmarks/quantulum_compare.py [../shared/corpus/seeds ../shared/corpus/dev-en]
"""
from __future__ import annotations

import json
import sys
import time
import warnings
from pathlib import Path

from cqetl import evaluate, facts_en, ingest, pipeline
from cqetl.config import load_config
from cqetl.model import Metadata, Reject

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SETS = [ROOT.parent / "shared" / "corpus" / s for s in ("seeds", "dev-en")]

# quantulum3 unit names -> the contract's units
QUANTULUM_UNITS = {
    "percentage": "percent", "dollar": "USD", "united states dollar": "USD", "chinese yuan": "CNY", "yuan": "CNY",
    "renminbi": "CNY", "euro": "EUR", "pound sterling": "GBP", "japanese yen": "JPY", "yen": "JPY",
    "ton": "tonnes", "tonne": "tonnes", "metric ton": "tonnes", "square kilometre": "km2", "gigawatt": "GW",
    "megawatt": "MW", "twenty-foot equivalent unit": "TEU", "dimensionless": "items",
}


def quantulum_rows(body: str) -> list[tuple[str, float]]:
    from quantulum3 import parser

    out = []
    for q in parser.parse(body):
        unit = QUANTULUM_UNITS.get(q.unit.name.lower(), q.unit.name)
        out.append((unit, float(q.value)))
    return out


def _unit_ok(pred: str, gold: str, dimensionless_counts: bool) -> bool:
    if dimensionless_counts and pred == "items" and gold == "persons":
        return True  # quantulum3 cannot tell people from things; do not hold that against it
    return evaluate._unit_class(pred) == evaluate._unit_class(gold)


def value_prf(golds: list[dict], preds: list[tuple[str, float]], dimensionless_counts: bool = False) -> tuple[int, int, int]:
    used: set[int] = set()
    tp = 0
    for gf in golds:
        hit = next((i for i, (u, v) in enumerate(preds) if i not in used and _unit_ok(u, gf["unit"], dimensionless_counts)
                    and evaluate._same_value(v, gf["value"])), None)
        if hit is not None:
            used.add(hit)
            tp += 1
    return tp, len(preds) - tp, len(golds) - tp


def metric_prf(golds: list[dict], facts) -> tuple[int, int, int]:
    used: set[int] = set()
    tp = 0
    for gf in golds:
        hit = next((i for i, f in enumerate(facts) if i not in used and f.metric == gf["metric"]
                    and evaluate._unit_class(f.unit) == evaluate._unit_class(gf["unit"])
                    and evaluate._same_value(f.value, gf["value"])), None)
        if hit is not None:
            used.add(hit)
            tp += 1
    return tp, len(facts) - tp, len(golds) - tp


def run(set_dirs: list[Path]) -> None:
    warnings.filterwarnings("ignore")
    cfg = load_config(None)
    ctx = pipeline.Context.build(cfg)
    print(f"{'set':<8} {'system':<11} {'value_P':>8} {'value_R':>8} {'value_F1':>8} {'facts_F1':>8} {'ms/page':>8}")
    for set_dir in set_dirs:
        docs = []
        for gp in sorted((set_dir / "gold").glob("*.json")):
            g = json.loads(gp.read_text(encoding="utf-8"))
            if "facts" not in g:
                continue
            rp = set_dir / "raw" / g["file"]
            res = pipeline.process(ingest.read(ingest.Found(rp, rp.name), cfg.limits.max_bytes), ctx)
            if isinstance(res, Reject):
                print(f"  {rp.name}: rejected ({res.error}); its gold facts count as misses")
                docs.append((g["facts"], "", None))
                continue
            docs.append((g["facts"], res.body_text, res))
        quantulum_rows("warm up")  # both load their tables on first use
        facts_en.extract("warm up: 2 firms", Metadata(), [])
        for name in ("quantulum3", "cqetl"):
            tot = [0, 0, 0]
            mtot = [0, 0, 0]
            t0 = time.perf_counter()
            for golds, body, res in docs:
                if name == "quantulum3":
                    counts = value_prf(golds, quantulum_rows(body), dimensionless_counts=True)
                else:
                    found = facts_en.extract(body, res.meta, res.dates) if res is not None else []
                    counts = value_prf(golds, [(f.unit, f.value) for f in found])
                    mtot = [a + b for a, b in zip(mtot, metric_prf(golds, found))]
                tot = [a + b for a, b in zip(tot, counts)]
            ms = (time.perf_counter() - t0) * 1000 / max(len(docs), 1)
            if name == "cqetl":  # a second, warm pass: the first one pays for compiling the patterns
                t0 = time.perf_counter()
                for golds, body, res in docs:
                    if res is not None:
                        facts_en.extract(body, res.meta, res.dates)
                ms = (time.perf_counter() - t0) * 1000 / max(len(docs), 1)
            p, r, f1 = evaluate.prf(*tot)
            facts_f1 = f"{evaluate.prf(*mtot)[2]:8.3f}" if name == "cqetl" else f"{'n/a':>8}"
            print(f"{set_dir.name:<8} {name:<11} {p:8.3f} {r:8.3f} {f1:8.3f} {facts_f1} {ms:8.2f}")


if __name__ == "__main__":
    run([Path(a) for a in sys.argv[1:]] or DEFAULT_SETS)
