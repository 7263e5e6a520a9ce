"""Scores of the output tables against a gold set (spec/GOLD_FORMAT.md).

Follows the reference scorer `shared/tools/score_gold.py` rule for rule, so
that `cqetl eval` prints the same figures; a test holds the two together.
"""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pyarrow.parquet as pq

_WS = re.compile(r"\s+")
COUNT_UNITS = {"items", "units", "vehicles"}
HEADLINE = ["boilerplate_F1", "title_acc", "publisher_acc", "published_date_acc", "author_acc", "dates_F1",
            "facts_F1", "sectors_F1", "entities_F1"]


def fold(t: str | None) -> str:
    return _WS.sub(" ", t or "").strip()


def norm(t: str | None) -> str:
    t = unicodedata.normalize("NFKC", t or "")
    t = t.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return fold(t).casefold()


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def iso(v) -> str | None:
    return None if v is None else str(v)[:10]


def _rows(out: Path, name: str) -> list[dict]:
    p = out / f"{name}.parquet"
    return pq.read_table(p).to_pylist() if p.exists() else []


def _by_doc(rows: list[dict]) -> dict[str, list[dict]]:
    res: dict[str, list[dict]] = {}
    for r in rows:
        res.setdefault(r["doc_id"], []).append(r)
    return res


def load_gold(set_dir: Path) -> dict[str, dict]:
    golds = {}
    for p in sorted((set_dir / "gold").glob("*.json")):
        g = json.loads(p.read_text(encoding="utf-8"))
        golds[g["file"]] = g
    return golds


def _same_value(v, want) -> bool:
    return v is not None and abs(v - want) <= 0.005 * max(abs(want), 1e-9)


def _unit_class(u):
    return "items" if u in COUNT_UNITS else u


def score(set_dir: Path, out_dir: Path) -> dict[str, float]:
    golds = load_gold(Path(set_dir))
    out_dir = Path(out_dir)
    by_path: dict[str, dict] = {}
    for d in _rows(out_dir, "documents"):
        by_path.setdefault(Path(d.get("source_path") or "").name, d)
    ids = {name: d["doc_id"] for name, d in by_path.items()}
    dates, facts = _by_doc(_rows(out_dir, "dates")), _by_doc(_rows(out_dir, "facts"))
    sectors, entities = _by_doc(_rows(out_dir, "sectors")), _by_doc(_rows(out_dir, "entities"))
    s: dict[str, float] = {}

    tp = fp = fn = 0
    for f, g in golds.items():
        body = fold((by_path.get(f) or {}).get("body_text") or "")
        for seg in g.get("with", []):
            tp, fn = (tp + 1, fn) if fold(seg) in body else (tp, fn + 1)
        fp += sum(1 for seg in g.get("without", []) if fold(seg) and fold(seg) in body)
    s["boilerplate_P"], s["boilerplate_R"], s["boilerplate_F1"] = prf(tp, fp, fn)

    for key in ("title", "publisher", "published_date", "author"):
        n = ok = 0
        for f, g in golds.items():
            if key not in g:
                continue
            n += 1
            got, want = (by_path.get(f) or {}).get(key), g[key]
            if key == "published_date":
                ok += iso(got) == iso(want)
            else:
                ok += (norm(got) if got else None) == (norm(want) if want else None)
        s[f"{key}_acc"] = ok / n if n else 0.0

    tp = fp = fn = 0
    for f, g in golds.items():
        if "dates" not in g:
            continue
        want = {(d["date_start"], d["date_end"]) for d in g["dates"]}
        got = {(iso(r["date_start"]), iso(r["date_end"])) for r in dates.get(ids.get(f), [])
               if r.get("role", "mentioned") == "mentioned"}
        tp, fp, fn = tp + len(want & got), fp + len(got - want), fn + len(want - got)
    s["dates_P"], s["dates_R"], s["dates_F1"] = prf(tp, fp, fn)

    tp = fp = fn = qual = subj = 0
    vtp = vfp = vfn = 0
    for f, g in golds.items():
        if "facts" not in g:
            continue
        pred = list(facts.get(ids.get(f), []))
        used: set[int] = set()
        vused: set[int] = set()
        for gf in g["facts"]:
            gu = _unit_class(gf["unit"])
            hit = next((i for i, pf in enumerate(pred) if i not in used and pf.get("metric") == gf["metric"]
                        and _unit_class(pf.get("unit")) == gu and _same_value(pf.get("value"), gf["value"])), None)
            if hit is None:
                fn += 1
            else:
                used.add(hit)
                tp += 1
                qual += pred[hit].get("qualifier") == gf.get("qualifier")
                gs, ps = norm(gf.get("subject")), norm(pred[hit].get("subject"))
                subj += bool(gs) and bool(ps) and (gs in ps or ps in gs)
            vhit = next((i for i, pf in enumerate(pred) if i not in vused and _unit_class(pf.get("unit")) == gu
                         and _same_value(pf.get("value"), gf["value"])), None)
            if vhit is None:
                vfn += 1
            else:
                vused.add(vhit)
                vtp += 1
        fp += len(pred) - len(used)
        vfp += len(pred) - len(vused)
    s["facts_P"], s["facts_R"], s["facts_F1"] = prf(tp, fp, fn)
    s["facts_value_F1"] = prf(vtp, vfp, vfn)[2]
    s["facts_qualifier_agree"] = qual / tp if tp else 0.0
    s["facts_subject_agree"] = subj / tp if tp else 0.0

    tp = fp = fn = 0
    for f, g in golds.items():
        if "sectors" not in g:
            continue
        want, got = set(g["sectors"]), {r["sector"] for r in sectors.get(ids.get(f), [])}
        tp, fp, fn = tp + len(want & got), fp + len(got - want), fn + len(want - got)
    s["sectors_P"], s["sectors_R"], s["sectors_F1"] = prf(tp, fp, fn)

    tp = fp = fn = role_ok = roles = 0
    for f, g in golds.items():
        if "entities" not in g:
            continue
        want = {(e["kind"], norm(e["name"])): e for e in g["entities"] if e["kind"] in ("person", "organization")}
        got = {(r["kind"], norm(r["name"])): r for r in entities.get(ids.get(f), []) if r.get("kind") in ("person", "organization")}
        both = set(want) & set(got)
        tp, fp, fn = tp + len(both), fp + len(set(got) - set(want)), fn + len(set(want) - set(got))
        for k in both:
            if k[0] == "person" and want[k].get("role"):
                roles += 1
                wr, gr = norm(want[k]["role"]), norm(got[k].get("role"))
                role_ok += bool(gr) and (wr in gr or gr in wr)
    s["entities_P"], s["entities_R"], s["entities_F1"] = prf(tp, fp, fn)
    s["entities_role_agree"] = role_ok / roles if roles else 0.0
    s["docs_found"] = sum(1 for f in golds if f in by_path) / len(golds) if golds else 0.0
    s["overall"] = sum(s[h] for h in HEADLINE) / len(HEADLINE)
    return s


def format_scores(s: dict[str, float]) -> str:
    return "\n".join(f"{k} {v:.3f}" for k, v in s.items())
