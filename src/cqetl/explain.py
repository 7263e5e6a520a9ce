"""`cqetl explain`: one page's line decisions and everything read from it."""
from __future__ import annotations

from pathlib import Path

from . import ingest, pipeline
from .config import Config
from .model import Reject


def explain_file(path: Path, cfg: Config) -> str:
    raw = ingest.read(ingest.Found(path, path.name), cfg.limits.max_bytes)
    if isinstance(raw, Reject):
        return f"rejected at {raw.stage}: {raw.error}: {raw.message}"
    res = pipeline.process(raw, pipeline.Context.build(cfg))
    if isinstance(res, Reject):
        return f"rejected at {res.stage}: {res.error}: {res.message}"
    out = [f"# {path}  (doc_id {raw.doc_id}, {raw.encoding}, language {res.language})", "", "## lines"]
    for d in res.decisions:
        verdict = "KEEP" if d.keep else f"DROP {d.reason}"
        if d.keep and d.kept_text is not None:
            verdict = "KEEP part"
        out.append(f"{d.line_no:4d} {verdict:<26} {d.rule:<24} {d.text.strip()[:90]!r}")
        if d.evidence:
            out.append(f"{'':36}{d.evidence}")
    m = res.meta
    out += ["", "## metadata",
            f"title: {m.title}", f"publisher: {m.publisher} (key {m.publisher_key}, domain {m.publisher_domain}, known {m.publisher_known})",
            f"via: {m.via}", f"author: {m.author}",
            f"published: {m.published_date} ({m.published_precision}) from {m.published_mention!r}", f"rules: {', '.join(m.rules)}",
            "", "## dates"]
    out += [f"{d.start:5d}-{d.end:<5d} {d.mention!r:<32} {d.date_start}..{d.date_end} {d.precision}"
            f"{' relative' if d.relative else ''}  [{d.rule}]" for d in res.dates]
    out += ["", "## facts"]
    out += [f"{f.metric:<14} {f.qualifier:<6} {f.value:>16,.2f} {f.unit:<9} subject={f.subject!r} item={f.item!r} "
            f"period={f.period!r} mention={f.mention!r} [{f.rule}]" for f in res.facts]
    out += ["", "## sectors"] + [f"{s.sector} ({s.isic}) x{s.mentions}: first {s.first_mention!r}" for s in res.sectors]
    out += ["", "## entities"] + [f"{e.kind:<12} {e.name}" + (f"  role: {e.role}" if e.role else "") + f"  x{e.mentions}"
                                  for e in res.entities]
    out += ["", "## body_text", res.body_text]
    return "\n".join(out)
