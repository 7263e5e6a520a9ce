"""Boilerplate scores of cqetl's line cleaner beside jusText on gold sets.

jusText gets the same text as cqetl: every raw line becomes one HTML paragraph
(escaped, in <p>), classified with jusText's default settings and the English
stoplist; its non-boilerplate paragraphs, joined by blank lines, are the body.
cqetl's body is `boilerplate.assemble(boilerplate.classify(...))` (the headline
is not lifted out by metadata here, so a kept headline would count against it).
Both are scored as `cqetl eval` does (GOLD_FORMAT.md: with/without segments).

Usage (jusText is a bench extra installed in .venv):
    .venv/bin/python benchmarks/justext_compare.py ../shared/corpus/seeds [more sets ...]
"""
from __future__ import annotations

import html
import json
import sys
import time
from pathlib import Path

import justext

from cqetl import boilerplate, config, language, templates
from cqetl.evaluate import fold, prf


def _justext_body(text: str, stoplist: frozenset[str]) -> str:
    doc = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip()) + "</body></html>"
    paras = justext.justext(doc, stoplist)
    return "\n\n".join(p.text for p in paras if not p.is_boilerplate)


def score(set_dir: Path) -> dict[str, tuple[float, float, float, float]]:
    cfg = config.load_config(None)
    rules = boilerplate.Rules.from_config(cfg)
    stoplist = justext.get_stoplist("English")
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((set_dir / "gold").glob("*.json"))]
    texts = {g["file"]: (set_dir / "raw" / g["file"]).read_text(encoding="utf-8") for g in golds}
    tpl = templates.select(templates.count(templates.fingerprints(t) for t in texts.values()), cfg.boilerplate.repeat_min_docs)

    def cqetl_body(text: str) -> str:
        return boilerplate.assemble(boilerplate.classify(text.split("\n"), language.detect(text), rules, tpl))

    out = {}
    for name, fn in (("cqetl", cqetl_body), ("jusText", lambda t: _justext_body(t, stoplist))):
        tp = fp = fn_ = 0
        fn(next(iter(texts.values())))  # warm up: patterns compile on first use
        t0 = time.process_time()
        bodies = {f: fold(fn(t)) for f, t in texts.items()}
        ms = (time.process_time() - t0) / max(1, sum(len(t.encode()) for t in texts.values()) / 4096) * 1000
        for g in golds:
            body = bodies[g["file"]]
            for seg in g.get("with", []):
                tp, fn_ = (tp + 1, fn_) if fold(seg) in body else (tp, fn_ + 1)
            fp += sum(1 for seg in g.get("without", []) if fold(seg) and fold(seg) in body)
        out[name] = (*prf(tp, fp, fn_), ms)
    return out


def main(argv: list[str]) -> None:
    print(f"{'set':<28} {'system':<8} {'P':>6} {'R':>6} {'F1':>6} {'ms/4KB':>7}")
    for arg in argv or ["../shared/corpus/seeds"]:
        for name, (p, r, f, ms) in score(Path(arg)).items():
            print(f"{Path(arg).name:<28} {name:<8} {p:6.3f} {r:6.3f} {f:6.3f} {ms:7.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
