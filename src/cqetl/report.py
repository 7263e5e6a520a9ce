"""The run summary as a table, a markdown quality report and terminal text."""
from __future__ import annotations

from .runner import Summary


def rows_table(s: Summary) -> list[dict]:
    rows = [{"what": f"rows in {name}", "count": n} for name, n in s.rows.items()]
    rows += [
        {"what": "raw inputs", "count": s.inputs},
        {"what": "documents processed (new or changed)", "count": s.new},
        {"what": "documents skipped as unchanged", "count": s.unchanged},
        {"what": "duplicate pages (stored once)", "count": s.duplicates},
        {"what": "rejects", "count": s.rejects},
        {"what": "batches reused from cache", "count": s.cached_batches},
    ]
    rows += [{"what": f"rejects: {reason}", "count": n} for reason, n in sorted(s.rejects_by_reason.items())]
    rows += [{"what": f"unknown publisher: {name}", "count": n} for name, n in sorted(s.unknown_publishers.items())]
    return rows


def _top(counts: dict, n: int = 5) -> str:
    items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    return ", ".join(f"{k} ({v})" for k, v in items) or "none"


def markdown(s: Summary) -> str:
    q = s.quality
    balance = "yes" if s.balanced else "**NO**"
    return "\n".join([
        f"# cqetl run {s.run_id}",
        "",
        f"- inputs {s.inputs} = new {s.new} + unchanged {s.unchanged} + duplicates {s.duplicates} + rejects {s.rejects}: balanced {balance}",
        f"- boilerplate share removed (new pages): {q.get('boilerplate_share', 0):.1%}",
        f"- facts per metric: {_top(q.get('facts_by_metric', {}), 10)}",
        f"- dates covered: {q.get('date_min') or '-'} to {q.get('date_max') or '-'}",
        f"- top publishers: {_top(q.get('publishers', {}))}",
        f"- top sectors: {_top(q.get('sectors', {}))}",
        f"- unknown publishers: {_top(s.unknown_publishers)}",
        f"- rejects by reason: {_top(s.rejects_by_reason, 10)}",
    ])


def text(s: Summary) -> str:
    width = max(len(r["what"]) for r in rows_table(s))
    lines = [f"{r['what']:<{width}}  {r['count']:>8}" for r in rows_table(s)]
    return "\n".join(["cqetl run summary", *lines, markdown(s).split("\n", 2)[2]])
