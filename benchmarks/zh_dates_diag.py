"""Chinese date mentions against a gold set, on an approximation of the gold body.

The body is the raw lines that hold a `with` segment (so it does not depend on
the boilerplate stage); the publication date is the gold one. Prints per page
the missed and extra (date_start, date_end) pairs and the pooled P/R/F1.

    .venv/bin/python benchmarks/zh_dates_diag.py ../shared/corpus/zh-dev [--body loose] [--no-pub]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from pathlib import Path

from cqetl import dates_zh
from cqetl.model import Metadata


def fold(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def gold_body(raw: str, gold: dict, mode: str) -> str:
    """`with`: the lines holding a with segment; `loose`: all lines but the title and the `without` ones."""
    lines = raw.split("\n")
    if mode == "with":
        segs = [fold(s) for s in gold.get("with", [])]
        return "\n".join(line for line in lines if any(s and s in fold(line) for s in segs))
    bad = [fold(s) for s in gold.get("without", [])]
    title = fold(gold.get("title") or "")
    return "\n".join(line for line in lines
                     if fold(line) != title and not any(s and s in fold(line) for s in bad))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("set_dir", type=Path)
    ap.add_argument("--body", choices=("with", "loose"), default="with")
    ap.add_argument("--no-pub", action="store_true", help="drop the publication date (tests the fallback)")
    args = ap.parse_args()
    tp = fp = fn = 0
    for gpath in sorted((args.set_dir / "gold").glob("*.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        if "dates" not in gold:
            continue
        raw = (args.set_dir / "raw" / gold["file"]).read_text(encoding="utf-8")
        pub = None if args.no_pub or not gold.get("published_date") else dt.date.fromisoformat(gold["published_date"])
        meta = Metadata(published_date=pub, published_precision=gold.get("published_precision") if pub else None)
        found = dates_zh.find(gold_body(raw, gold, args.body), meta)
        got = {(d.date_start.isoformat(), d.date_end.isoformat()): d for d in found}
        want = {(d["date_start"], d["date_end"]): d["mention"] for d in gold["dates"]}
        tp += len(want.keys() & got.keys())
        fp += len(got.keys() - want.keys())
        fn += len(want.keys() - got.keys())
        for k in sorted(want.keys() - got.keys()):
            print(f"{gpath.stem} MISS  {want[k]!r} {k}")
        for k in sorted(got.keys() - want.keys()):
            print(f"{gpath.stem} EXTRA {got[k].mention!r} {k} {got[k].rule}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"dates_P {p:.3f}\ndates_R {r:.3f}\ndates_F1 {f:.3f}")


if __name__ == "__main__":
    main()
