"""The steps of a run over a folder, as plain functions.

The Prefect flow (flows/etl.py) wraps each step in a task; `run_local` chains
them in one process for `cqetl eval`, tests and the benchmark. Steps pass
small manifests (paths, doc ids, keys), never document texts.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from functools import lru_cache
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from . import __version__, ingest, lexicon, pipeline, store, tables, templates, validate
from .config import Config
from .model import DocResult, Reject
from .schemas import FACT_SERIES


@dataclass(frozen=True, slots=True)
class Item:
    """One raw file that read and decoded as a document."""

    rel: str
    doc_id: str
    url: str | None = None


@dataclass
class Survey:
    items: list[Item] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    fingerprints: Counter = field(default_factory=Counter)  # per doc_id, counted once


@dataclass
class Plan:
    batches: list[list[Item]]
    keep: list[tuple[str, str, str, str | None]]  # manifest rows (doc_id, source_path, part, url) carried over
    unchanged: int
    duplicates: int
    templates: dict[str, int]
    inputs: int  # files surveyed, documents and rejects
    rejects: list[Reject]  # files the survey could not read


@dataclass
class BatchReport:
    key: str
    items: list[Item]
    rejects: list[Reject]
    rows: dict[str, int]
    cached: bool = False
    stats: dict = field(default_factory=dict)


@dataclass
class Summary:
    run_id: str
    inputs: int
    new: int
    unchanged: int
    duplicates: int
    rejects: int
    rows: dict[str, int]
    rejects_by_reason: dict[str, int]
    unknown_publishers: dict[str, int]
    cached_batches: int
    quality: dict

    @property
    def balanced(self) -> bool:
        return self.inputs == self.new + self.unchanged + self.duplicates + self.rejects


def input_root(cfg: Config) -> Path:
    return Path(cfg.input_dir)


def discover(cfg: Config) -> tuple[list[str], dict[str, str], list[Reject]]:
    """The pages below the input folder, their addresses from the manifests, and what could not be listed."""
    addresses, bad = ingest.load_addresses(input_root(cfg), cfg.url_manifests, cfg.limits.max_bytes)
    rels, rejects = ingest.discover(input_root(cfg), addresses.files)
    urls = {rel: url for rel in rels if (url := addresses.url(rel))}
    return rels, urls, bad + rejects


def _read(root: Path, rel: str, cfg: Config, url: str | None = None):
    return ingest.read(ingest.Found(root / rel, rel), cfg.limits.max_bytes, url)


@lru_cache(maxsize=1)
def code_version() -> str:
    """The version and a hash of cqetl's code and data files: any change to them re-extracts every page."""
    h = hashlib.sha256(__version__.encode())
    package = Path(__file__).parent
    for path in sorted(p for p in package.rglob("*") if p.suffix in (".py", ".yaml") and "__pycache__" not in p.parts):
        h.update(path.relative_to(package).as_posix().encode())
        h.update(path.read_bytes())
    return f"{__version__}+{h.hexdigest()[:12]}"


def known_docs(cfg: Config, out: Path, full: bool) -> dict[str, tuple[str, str, str | None]]:
    """doc_id -> (source_path, part, source_url) of what the tables hold and need not be redone."""
    state = store.read_run_state(out)
    if full or state.get("code") != code_version() or state.get("config_hash") != cfg.extraction_hash():
        return {}
    m = store.read_manifest(out)
    return dict(zip(m["doc_id"].to_pylist(),
                    zip(m["source_path"].to_pylist(), m["part"].to_pylist(), m["source_url"].to_pylist())))


def survey(rels: list[str], urls: dict[str, str], cfg: Config, known: frozenset[str] = frozenset()) -> Survey:
    """Read and decode a batch of files: doc ids, rejects, fingerprints of pages not yet counted."""
    lexicon.set_timeout(cfg.limits.regex_timeout_s)
    root, s, seen = input_root(cfg), Survey(), set(known)
    for rel in rels:
        got = _read(root, rel, cfg, urls.get(rel))
        if isinstance(got, Reject):
            s.rejects.append(got)
            continue
        if got.doc_id not in seen:
            try:
                s.fingerprints.update(templates.fingerprints(got.text))
            except TimeoutError as exc:
                s.rejects.append(Reject(rel, "clean", "timeout", f"a pattern ran over its time budget: {exc}"))
                continue
            seen.add(got.doc_id)
        s.items.append(Item(rel, got.doc_id, got.url))
    return s


def plan(surveys: Iterable[Survey], cfg: Config, out: Path, known: dict[str, tuple[str, str, str | None]]) -> Plan:
    """Which documents to process now, in batches; the rest is carried over.

    Surveys are taken one at a time and their fingerprints merged, so a lazy iterable keeps one in memory.
    """
    counts = Counter(store.read_templates(out)) if known else Counter()
    todo, keep, rejects, seen = [], [], [], set()
    duplicates = unchanged = inputs = 0
    for s in surveys:
        counts.update(s.fingerprints)
        rejects += s.rejects
        inputs += len(s.items) + len(s.rejects)
        for it in s.items:
            if it.doc_id in seen:
                duplicates += 1
                continue
            seen.add(it.doc_id)
            if it.doc_id in known and known[it.doc_id][2] == it.url:
                unchanged += 1
                keep.append((it.doc_id, *known[it.doc_id]))
            else:
                todo.append(it)
    n = batch_len(len(todo), cfg)
    return Plan([todo[i:i + n] for i in range(0, len(todo), n)], keep, unchanged, duplicates, dict(counts), inputs, rejects)


def batch_len(n_docs: int, cfg: Config) -> int:
    """Documents per task: at most `batch_size`, and few enough that every Dask worker gets several tasks."""
    if cfg.task_runner.kind != "dask":
        return cfg.batch_size
    # four tasks a worker at least, so the last round leaves few workers idle
    return max(1, min(cfg.batch_size, -(-n_docs // (4 * cfg.task_runner.n_workers))))


def survey_len(n_files: int, cfg: Config) -> int:
    """Files per survey task: `batch_size` on threads; on Dask, two tasks a worker.

    A survey costs ~1/30 of processing a page, and a task on a Dask worker pays ~0.2 s of
    Prefect set-up of its own: at 200 files a task that set-up outweighed the survey.
    """
    if cfg.task_runner.kind != "dask":
        return cfg.batch_size
    return max(1, -(-n_files // (2 * cfg.task_runner.n_workers)))


def template_set(plan_: Plan, cfg: Config) -> frozenset[str]:
    return templates.select(plan_.templates, cfg.boilerplate.repeat_min_docs)


def batch_key(items: list[Item], cfg: Config, templates_hash: str) -> str:
    h = hashlib.sha256()
    docs = sorted(f"{it.doc_id} {it.url or ''}" for it in items)  # the address can name the publisher
    for part in (code_version(), cfg.extraction_hash(), templates_hash, *docs):
        h.update(part.encode())
        h.update(b"\0")
    return h.hexdigest()[:24]


def templates_hash(tpl: frozenset[str]) -> str:
    return hashlib.sha256("\n".join(sorted(tpl)).encode()).hexdigest()[:16]


_CONTEXTS: dict[tuple[str, frozenset[str]], pipeline.Context] = {}


def _context(cfg: Config, tpl: frozenset[str]) -> pipeline.Context:
    """One context per config and template set in a process (workers build their own)."""
    key = (cfg.extraction_hash(), tpl)
    if key not in _CONTEXTS:
        _CONTEXTS.clear()
        _CONTEXTS[key] = pipeline.Context.build(cfg, tpl)
    return _CONTEXTS[key]


def process_batch(items: list[Item], cfg: Config, tpl: frozenset[str], out: Path, run_id: str, key: str) -> BatchReport:
    """Process one batch and write its part; a batch already written is not redone."""
    if store.part_complete(out, key):
        return BatchReport(key, items, [], {}, cached=True)
    lexicon.set_timeout(cfg.limits.regex_timeout_s)
    ctx = _context(cfg, tpl)
    root = input_root(cfg)
    results: list[DocResult | Reject] = []
    for it in items:
        raw = _read(root, it.rel, cfg, it.url)
        results.append(raw if isinstance(raw, Reject) else pipeline.process(raw, ctx))
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    rows = tables.collect(results, run_id, now)
    arrow = tables.to_arrow(rows)
    problems = validate.check(arrow)
    if problems:
        bad = "; ".join(problems)[:1000]
        rejects = [Reject(it.rel, "write", "validation", bad) for it in items]
        return BatchReport(key, [], rejects, {})
    rejects = [r for r in results if isinstance(r, Reject)]
    rejected = {r.source_path for r in rejects}
    arrow["rejects"] = arrow["rejects"].slice(0, 0)  # rejects travel in the report, not the part
    store.write_part(out, key, arrow)
    return BatchReport(key, [it for it in items if it.rel not in rejected], rejects,
                       {k: t.num_rows for k, t in arrow.items()}, stats=tables.batch_stats(results))


def finish(plan_: Plan, reports: list[BatchReport], discover_rejects: list[Reject], cfg: Config, out: Path,
           run_id: str) -> Summary:
    """Publish the tables from the live parts and sum the run up."""
    rows = list(plan_.keep)
    for rep in reports:
        rows += [(it.doc_id, it.rel, rep.key, it.url) for it in rep.items]
    manifest = pa.table({"doc_id": [r[0] for r in rows], "source_path": [r[1] for r in rows],
                         "part": [r[2] for r in rows], "source_url": [r[3] for r in rows]}, schema=store.MANIFEST)
    all_rejects = discover_rejects + plan_.rejects + [r for rep in reports for r in rep.rejects]
    rej_table = pa.Table.from_pylist([tables.reject_row(r, run_id) for r in all_rejects], schema=tables.TABLES["rejects"])
    store.write_templates(out, plan_.templates)
    store.release_memory()
    counts = store.publish(out, manifest, rej_table, version=__version__, code=code_version(), run_id=run_id,
                           config_hash=cfg.extraction_hash())
    store.release_memory()
    counts["fact_series"] = _write_fact_series(out)
    stats = tables.merge_stats([rep.stats for rep in reports])
    return Summary(
        run_id=run_id, inputs=plan_.inputs + len(discover_rejects),
        new=sum(len(rep.items) for rep in reports), unchanged=plan_.unchanged, duplicates=plan_.duplicates,
        rejects=len(all_rejects), rows=counts,
        rejects_by_reason=dict(Counter(r.error for r in all_rejects)),
        unknown_publishers=stats.pop("unknown_publishers", {}),
        cached_batches=sum(rep.cached for rep in reports), quality=stats,
    )


def chunked(rels: list[str], n: int) -> list[list[str]]:
    return [rels[i:i + n] for i in range(0, len(rels), n)]


def urls_of(rels: list[str], urls: dict[str, str]) -> dict[str, str]:
    return {r: urls[r] for r in rels if r in urls}


# Facts sorted at once (~130 B each in Arrow, a few copies while sorting): bounds the end-of-run memory.
SERIES_CHUNK_ROWS = 50_000


def _write_fact_series(out: Path) -> int:
    """fact_series in runs of about SERIES_CHUNK_ROWS facts: the facts table is read batch by batch and
    spilled to one scratch file per run of sort keys, then each run is sorted alone; memory holds one
    run and a sample of keys, not every fact nor every group."""
    publishers = store.read_columns(out, "documents", ["doc_id", "publisher"])
    bounds = tables.series_bounds(store.iter_batches(out, "facts", ["metric", "subject", "unit", "as_of"]), SERIES_CHUNK_ROWS)
    with store.scratch(out) as tmp:
        store.spill(tmp, tables.SERIES_FACT_SCHEMA,
                    tables.series_split(store.iter_batches(out, "facts", tables.SERIES_FACT_COLUMNS), bounds))
        store.release_memory()
        parts = (tables.fact_series(store.read_spill(tmp, k, tables.SERIES_FACT_SCHEMA), publishers)
                 for k in range(len(bounds) + 1))
        return store.write_stream(out / "fact_series.parquet", FACT_SERIES, parts)


def new_run_id() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("local-%Y%m%dT%H%M%S%fZ")


def run_local(cfg: Config, full: bool = False, run_id: str | None = None) -> Summary:
    """The whole run in this process, without Prefect."""
    out = Path(cfg.output_dir)
    store.check_output_dir(out)
    run_id = run_id or new_run_id()
    with store.run_lock(out):
        rels, urls, rejected = discover(cfg)
        n = cfg.batch_size
        known = known_docs(cfg, out, full)
        skip = frozenset(known)
        p = plan((survey(c, urls_of(c, urls), cfg, skip) for c in chunked(rels, n)), cfg, out, known)
        tpl = template_set(p, cfg)
        th = templates_hash(tpl)
        reports = [process_batch(b, cfg, tpl, out, run_id, batch_key(b, cfg, th)) for b in p.batches]
        return finish(p, reports, rejected, cfg, out, run_id)
