"""The cqetl benchmark (issue 8): throughput, per-stage split, Prefect and Dask overhead, memory, peers.

One process builds a synthetic corpus of N ~4 KB pages from data/raw
(benchmarks/corpus.py: seeded, streamed to a temporary folder, figures, dates
and names varied, ~20 % Chinese) and measures on the same pages:

- the library path (`runner.run_local`, no Prefect): pages/s and MB/s per core
  (CPU time) and wall, with the split by stage (decode, boilerplate, metadata,
  dates, facts, sectors, entities, write), and Chinese vs English per page;
- the Prefect flow end to end (`flows.etl.run`, a temporary PREFECT_HOME) and its overhead over the library;
- the flow on a Dask LocalCluster with 1 and 2 workers, in turn --repeat times (speed-up of the medians);
- peak RSS of the library run in a subprocess (its own high-water mark) at N and, with --scale, at 10 x N;
- the peers on a sample of pages (dateparser `search_dates`, quantulum3, jusText)
  and the practical limits (20 compiled `regex` patterns over the corpus,
  writing the body texts to Parquet);
- the fixed cost of `cqetl run` on a 5-page folder (temporary and long-lived server).

It prints a table of medians (fast parts and Dask runs repeated --repeat times,
the thread-runner flow once) and writes it to benchmarks/RESULTS.md with the machine, the versions
and the targets, met or not met. A hand-written analysis between the
`<!-- notes -->` markers of an existing RESULTS.md is kept.

Usage, from the repository root:
    .venv/bin/python benchmarks/run.py                      # N = 10,000, --repeat 3
    .venv/bin/python benchmarks/run.py --n 10000 --scale    # plus peak RSS at 100,000 pages
    .venv/bin/python benchmarks/run.py --n 2000             # a shorter run (about 25 min on 2 busy cores)
    .venv/bin/python benchmarks/run.py --n 200 --smoke --out /tmp/r.md   # ~1 min; the tests run --n 30

--smoke skips dateparser, quantulum3 and everything Prefect (flow, Dask, fixed
cost: the temporary server alone starts in 20-60 s) and --scale.
Options: --n, --seed, --repeat, --scale, --smoke, --out, --json (raw figures),
--profile (cProfile of the library path, on by default when its target is not met).
"""
from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import html
import io
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from importlib import metadata as importlib_metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src"), str(ROOT / "benchmarks")]

STAGES = ("decode", "boilerplate", "metadata", "dates", "facts", "sectors", "entities", "write")
PEER_SAMPLE = {"dateparser": 40, "quantulum3": 20, "jusText": 200}
SMOKE_PEER_SAMPLE = {"jusText": 10}
# Typical shapes of this domain's extraction (dates, figures, units, labels): the practical regex limit.
SCAN_PATTERNS = [
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?",
    r"\b\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4}",
    r"\b(?:19|20)\d{2}-\d{2}-\d{2}\b",
    r"\d{4}年\d{1,2}月\d{1,2}日",
    r"\d{1,2}月\d{1,2}日",
    r"\b(?:in|by|since|until)\s+(?:19|20)\d{2}\b",
    r"\b(?:first|second|third|fourth|Q[1-4])\s+(?:quarter|half)\b",
    r"\d+(?:,\d{3})*(?:\.\d+)?\s*(?:percent|per cent|%)",
    r"\d+(?:\.\d+)?\s*(?:billion|million|trillion|thousand)\s+(?:yuan|dollars|euros|pounds)",
    r"(?:US\$|\$|£|€|¥|RMB)\s?\d+(?:,\d{3})*(?:\.\d+)?",
    r"\d+(?:\.\d+)?(?:万亿|亿|万)?元",
    r"\d+(?:\.\d+)?%",
    r"同比(?:增长|下降)\d+(?:\.\d+)?%",
    r"\b(?:rose|fell|grew|increased|decreased|dropped|climbed)\s+(?:by\s+)?\d",
    r"\b(?:year-on-year|year on year|from a year earlier)\b",
    r"\d+(?:,\d{3})*\s*(?:tonnes|tons|TEU|vehicles|units|containers|projects)",
    r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*\s+(?:Co\.|Ltd|Group|Corporation|Company|Bureau|Commission)\b",
    r"(?i)\b(?:cookie|subscribe|newsletter|copyright|all rights reserved|privacy policy)\b",
    r"(?:来源|责任编辑|编辑|记者)[:：]?\s*\S+",
    r"\b(?:Chongqing|Chengdu|Sichuan|Liangjiang|Tianfu)\b",
]


def _setup_prefect(home: Path) -> None:
    """A private Prefect home for the whole benchmark, before Prefect is imported."""
    os.environ["PREFECT_HOME"] = str(home)
    os.environ["PREFECT_LOCAL_STORAGE_PATH"] = str(home / "storage")
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "180"
    os.environ.pop("PREFECT_API_URL", None)


def _med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def _load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def _cfg(inp: Path, out: Path, **kw):
    from cqetl.config import load_config

    return load_config(None, input_dir=inp, output_dir=out, **kw)


def _timed(fn):
    w0, c0 = time.perf_counter(), time.process_time()
    val = fn()
    return val, time.perf_counter() - w0, time.process_time() - c0


# ---------------------------------------------------------------- library path

def library_run(corpus: Path, work: Path, repeat: int) -> dict:
    """`runner.run_local` over the corpus: wall and CPU seconds, medians over repeats."""
    from cqetl import runner

    runs = []
    for k in range(repeat):
        out = work / f"lib-{k}"
        summary, wall, cpu = _timed(lambda: runner.run_local(_cfg(corpus, out), full=True))
        runs.append({"wall": wall, "cpu": cpu, "new": summary.new, "rejects": summary.rejects,
                     "inputs": summary.inputs, "rows": summary.rows, "load": _load()})
        shutil.rmtree(out, ignore_errors=True)
    return {"runs": runs, "wall": _med([r["wall"] for r in runs]), "cpu": _med([r["cpu"] for r in runs])}


def split_pass(corpus: Path, work: Path, body_sink=None) -> dict:
    """The library path stage by stage, as `run_local` / `pipeline.run_stages` call them, timed (CPU)."""
    from cqetl import boilerplate, dates, entities, facts, ingest, language, metadata, pipeline, runner, sectors
    from cqetl import store, tables, validate
    from cqetl.model import DocResult, Reject

    cfg = _cfg(corpus, work / "split")
    out = Path(cfg.output_dir)
    clock = time.process_time
    t = defaultdict(float)
    per_page = []  # (lang, utf-8 bytes, seconds from decode to entities)
    rels, urls, _ = runner.discover(cfg)
    c0 = clock()
    surveys = [runner.survey(c, runner.urls_of(c, urls), cfg) for c in runner.chunked(rels, cfg.batch_size)]
    t["survey"] = clock() - c0
    plan = runner.plan(surveys, cfg, out, {})
    tpl = runner.template_set(plan, cfg)
    ctx = pipeline.Context.build(cfg, tpl)
    root = Path(cfg.input_dir)
    rejects = docs = 0
    for b, batch in enumerate(plan.batches):
        results = []
        for it in batch:
            c0 = clock()
            raw = ingest.read(ingest.Found(root / it.rel, it.rel), cfg.limits.max_bytes, it.url)
            c1 = clock()
            t["decode"] += c1 - c0
            if isinstance(raw, Reject) or pipeline.check_limits(raw, cfg) is not None:
                rejects += 1
                results.append(raw if isinstance(raw, Reject) else pipeline.check_limits(raw, cfg))
                continue
            lines = raw.text.split("\n")
            lang = language.detect(raw.text)
            decisions = boilerplate.classify(lines, lang, ctx.rules, ctx.templates)
            c2 = clock()
            meta = metadata.read(lines, decisions, lang, ctx.registry)
            decisions = metadata.lift_header(decisions, meta)
            c3 = clock()
            body = boilerplate.assemble(decisions)
            c4 = clock()
            found = dates.find(body, lang, meta)
            c5 = clock()
            fs = facts.extract(body, lang, meta, found)
            c6 = clock()
            sec = sectors.tag(body, lang, ctx.taxonomy)
            c7 = clock()
            ents = entities.find(body, lang)
            c8 = clock()
            t["boilerplate"] += (c2 - c1) + (c4 - c3)
            t["metadata"] += c3 - c2
            t["dates"] += c5 - c4
            t["facts"] += c6 - c5
            t["sectors"] += c7 - c6
            t["entities"] += c8 - c7
            per_page.append((lang, len(raw.text.encode()), c8 - c0))
            results.append(DocResult(raw=raw, language=lang, decisions=decisions, meta=meta, body_text=body,
                                     dates=found, facts=fs, sectors=sec, entities=ents))
            docs += 1
            if body_sink is not None:
                body_sink(body)
        c0 = clock()
        arrow = tables.to_arrow(tables.collect(results, "bench", dt.datetime.now(dt.timezone.utc).replace(microsecond=0)))
        assert not validate.check(arrow), validate.check(arrow)
        store.write_part(out, f"b{b:05d}", arrow)
        t["write"] += clock() - c0
    shutil.rmtree(out, ignore_errors=True)
    return {"stages": dict(t), "per_page": per_page, "docs": docs, "rejects": rejects}


def zh_vs_en(per_page) -> dict:
    out = {}
    for lang in ("en", "zh"):
        xs = [(b, s) for g, b, s in per_page if g == lang]
        if xs:
            out[lang] = {"pages": len(xs), "ms_per_page": statistics.median(s for _, s in xs) * 1000,
                         "ms_per_4kb": statistics.median(s / b * 4096 for b, s in xs) * 1000,
                         "kb": statistics.median(b for b, _ in xs) / 1024}
    return out


def profile_library(corpus: Path, work: Path, pages: int) -> str:
    """cProfile of the library path over the first pages: the top functions by own time."""
    from cqetl import runner

    sub = work / "profile-in"
    sub.mkdir()
    for p in sorted(corpus.rglob("*.txt"))[:pages]:
        (sub / p.name).write_bytes(p.read_bytes())
    prof = cProfile.Profile()
    prof.enable()
    runner.run_local(_cfg(sub, work / "profile-out"), full=True)
    prof.disable()
    st = pstats.Stats(prof, stream=io.StringIO())
    total = st.total_tt

    def table(rows):
        out = ["| own % | cum % | calls | function |", "|---:|---:|---:|---|"]
        for (file, line, fn), (_, nc, tt, ct, _) in rows:
            where = file.split("/site-packages/")[-1].split("/src/")[-1]
            out.append(f"| {tt / total * 100:.1f} | {ct / total * 100:.1f} | {nc} | `{where}:{line} {fn}` |")
        return "\n".join(out)

    items = list(st.stats.items())
    own = sorted(items, key=lambda kv: kv[1][2], reverse=True)[:15]
    cum = sorted((kv for kv in items if "/cqetl/" in kv[0][0] and "runner.py" not in kv[0][0]),
                 key=lambda kv: kv[1][3], reverse=True)[:25]
    shutil.rmtree(sub)
    shutil.rmtree(work / "profile-out", ignore_errors=True)
    return (f"cProfile of `runner.run_local` over {pages} pages ({total:.2f} s profiled; cProfile slows it ~2.5×).\n\n"
            f"By own time:\n\n{table(own)}\n\ncqetl functions by cumulative time:\n\n{table(cum)}")


def timeout_cost(corpus: Path, work: Path, pages: int) -> dict:
    """CPU of the library path with and without `timeout=` on regex calls (the `regex` module reads the
    process CPU clock, a system call here, at each call and every few hundred steps of a long scan)."""
    from cqetl import lexicon, runner

    sub = work / "timeout-in"
    sub.mkdir()
    for p in sorted(corpus.rglob("*.txt"))[:pages]:
        (sub / p.name).write_bytes(p.read_bytes())
    bounded = lexicon.set_timeout
    cpu = {}
    try:
        for label, setter in (("bounded", bounded), ("unbounded", lambda _s: bounded(None))):
            lexicon.set_timeout = setter  # run_local sets the budget from the config
            runs = []
            for k in range(2):
                out = work / f"timeout-out-{label}-{k}"
                runs.append(_timed(lambda: runner.run_local(_cfg(sub, out), full=True))[2])
                shutil.rmtree(out, ignore_errors=True)
            cpu[label] = min(runs)
    finally:
        lexicon.set_timeout = bounded
        shutil.rmtree(sub, ignore_errors=True)
    return {"pages": pages, **cpu}


# ---------------------------------------------------------------- limits and peers

def _texts(corpus: Path):
    from cqetl import ingest

    for p in sorted(corpus.rglob("*.txt")):
        raw = ingest.read(ingest.Found(p, p.name), 10**8)
        if not hasattr(raw, "text"):
            continue
        yield p, raw.text


def regex_limit(corpus: Path, repeat: int) -> dict:
    """One pass of each of 20 compiled `regex` patterns over every page: MB/s of UTF-8 text."""
    import regex

    pats = [regex.compile(p) for p in SCAN_PATTERNS]
    runs = []
    for _ in range(repeat):
        secs = size = hits = 0
        for _, text in _texts(corpus):
            c0 = time.process_time()
            for pat in pats:
                for _m in pat.finditer(text, timeout=2.0):
                    hits += 1
            secs += time.process_time() - c0
            size += len(text.encode())
        runs.append(size / secs / 1e6)
    return {"mb_s": _med(runs), "runs": runs, "patterns": len(pats), "hits": hits}


def parquet_limit(bodies_batches, work: Path) -> dict:
    """Writing the body texts to one Parquet file (row groups of 1,000): MB/s."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = work / "bodies.parquet"
    schema = pa.schema([("body_text", pa.string())])
    secs = size = 0.0
    with pq.ParquetWriter(path, schema) as w:
        for batch in bodies_batches:
            c0 = time.perf_counter()
            w.write_table(pa.table({"body_text": batch}, schema=schema))
            secs += time.perf_counter() - c0
            size += sum(len(b.encode()) for b in batch)
    path.unlink()
    return {"mb_s": size / secs / 1e6 if secs else None, "mb": size / 1e6}


def peers(corpus: Path, sample: dict, seed: int) -> dict:
    """Per-page medians of the peers beside cqetl (its stage and its whole page) on a sample of English pages."""
    import random
    import warnings

    from cqetl import boilerplate, dates, facts, language, pipeline
    from cqetl.config import load_config
    from cqetl.model import RawDoc, Reject

    cfg = load_config(None)
    ctx = pipeline.Context.build(cfg)
    pages = [(p, t) for p, t in _texts(corpus) if language.detect(t) == "en"]
    random.Random(seed).shuffle(pages)
    out = {}

    def cq_times(texts):
        """cqetl's seconds per page (whole pipeline) and per compared stage."""
        page, stage = [], {"boilerplate": [], "dates": [], "facts": []}
        for text in texts:
            raw = RawDoc("x", text, "x", len(text.encode()))
            c0 = time.process_time()
            r = pipeline.process(raw, ctx)
            page.append(time.process_time() - c0)
            if isinstance(r, Reject):
                continue
            c0 = time.process_time()
            boilerplate.classify(text.split("\n"), r.language, ctx.rules)
            stage["boilerplate"].append(time.process_time() - c0)
            c0 = time.process_time()
            dates.find(r.body_text, r.language, r.meta)
            stage["dates"].append(time.process_time() - c0)
            c0 = time.process_time()
            facts.extract(r.body_text, r.language, r.meta, r.dates)
            stage["facts"].append(time.process_time() - c0)
        return page, stage

    def bodies(texts):
        results = (pipeline.process(RawDoc("x", t, "x", len(t.encode())), ctx) for t in texts)
        return [r.body_text for r in results if not isinstance(r, Reject)]

    for name, k in sample.items():
        texts = [t for _, t in pages[:k]]
        if not texts:
            continue
        page_s, stage_s = cq_times(texts)
        if name == "jusText":
            import justext

            stop = justext.get_stoplist("English")

            def fn(t, stop=stop):
                doc = "<html><body>" + "".join(f"<p>{html.escape(ln)}</p>" for ln in t.split("\n") if ln.strip()) + "</body></html>"
                return justext.justext(doc, stop)

            inputs, mine = texts, stage_s["boilerplate"]
        elif name == "dateparser":
            from dateparser.search import search_dates

            def fn(t):
                return search_dates(t, languages=["en"])

            inputs, mine = bodies(texts), stage_s["dates"]
        else:
            from quantulum3 import parser

            def fn(t):
                return parser.parse(t)

            inputs, mine = bodies(texts), stage_s["facts"]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fn(inputs[0])  # first call loads models and lexicons
            secs = []
            for t in inputs:
                c0 = time.process_time()
                fn(t)
                secs.append(time.process_time() - c0)
        out[name] = {"pages": len(inputs), "peer_ms": statistics.median(secs) * 1000,
                     "cqetl_stage_ms": statistics.median(mine) * 1000, "cqetl_page_ms": statistics.median(page_s) * 1000}
    return out


# ---------------------------------------------------------------- Prefect, Dask, fixed cost, memory

def _clear_cache(home: Path) -> None:
    """Drop persisted task results, so that a flow over the same pages is not served from the cache."""
    shutil.rmtree(home / "storage", ignore_errors=True)


def flow_runs(corpus: Path, small: Path, work: Path, home: Path, dask_repeat: int) -> dict:
    """The flow once on threads, then Dask with 1 and 2 workers in turn, `dask_repeat` times each."""
    from flows.etl import run

    out: dict = {}
    _, out["cold_first_flow_s"], _ = _timed(lambda: run(_cfg(small, work / "flow-small"), full=True))
    _clear_cache(home)
    s, wall, cpu = _timed(lambda: run(_cfg(corpus, work / "flow"), full=True))
    out["threads"] = {"wall": wall, "cpu": cpu, "new": s.new, "rejects": s.rejects, "inputs": s.inputs, "load": _load()}
    shutil.rmtree(work / "flow", ignore_errors=True)
    runs: dict[int, list[dict]] = {1: [], 2: []}
    for _ in range(dask_repeat):  # interleaved, so that a slow spell of the machine hits both
        for n in (1, 2):
            _clear_cache(home)
            cfg = _cfg(corpus, work / f"dask{n}", task_runner={"kind": "dask", "n_workers": n})
            s, wall, cpu = _timed(lambda cfg=cfg: run(cfg, full=True))
            runs[n].append({"wall": wall, "new": s.new, "rejects": s.rejects, "load": _load()})
            shutil.rmtree(work / f"dask{n}", ignore_errors=True)
    for n, got in runs.items():
        if got:
            out[f"dask{n}"] = {"wall": _med([g["wall"] for g in got]), "walls": [g["wall"] for g in got],
                               "new": got[0]["new"], "rejects": got[0]["rejects"], "load": got[-1]["load"]}
    return out


def fixed_cost(small: Path, work: Path, home: Path, repeat: int) -> dict:
    """Wall time of a whole `cqetl run` process on a 5-page folder: temporary server, then a long-lived one."""
    from flows import server

    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    cmd = [str(Path(sys.executable).with_name("cqetl")), "run", "-i", str(small), "-o", str(work / "fixed"), "--full"]

    def once():
        _clear_cache(home)
        t0 = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
        return time.perf_counter() - t0

    res = {"temporary_server_s": _med([once() for _ in range(repeat)])}
    t0 = time.perf_counter()
    server.start(home)
    res["server_start_s"] = time.perf_counter() - t0
    try:
        once()  # the first run against a new server registers the flow
        res["long_lived_server_s"] = _med([once() for _ in range(repeat)])
    finally:
        server.stop(home)
    return res


def own_peak_rss_mb() -> float:
    """This process's peak RSS. Linux's `ru_maxrss` carries the parent's peak over `exec` (the child
    starts as a vfork of the benchmark), so it reads the address space's own high-water mark instead."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_child(corpus: Path) -> None:
    """Run in a subprocess: the library path over a folder, then its own peak RSS as JSON."""
    from cqetl import runner
    import pyarrow as pa

    with tempfile.TemporaryDirectory(prefix="cqetl-rss-") as tmp:
        s, wall, cpu = _timed(lambda: runner.run_local(_cfg(corpus, Path(tmp)), full=True))
    print(json.dumps({"max_rss_mb": own_peak_rss_mb(), "pages": s.inputs, "new": s.new, "wall": wall, "cpu": cpu,
                      "arrow_pool": pa.default_memory_pool().backend_name}))


def peak_rss(corpus: Path) -> dict:
    p = subprocess.run([sys.executable, __file__, "--rss-child", str(corpus)], capture_output=True, text=True, check=True)
    return json.loads(p.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- report

def machine() -> dict:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import psutil

    versions = {}
    for pkg in ("cqetl", "prefect", "prefect-dask", "dask", "distributed", "pyarrow", "regex", "dateparser", "quantulum3", "justext"):
        try:
            versions[pkg] = importlib_metadata.version(pkg)
        except importlib_metadata.PackageNotFoundError:
            versions[pkg] = "absent"
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
            "python": platform.python_version(), "platform": platform.platform(), "versions": versions}


def _f(x, fmt="{:,.0f}"):
    return "–" if x is None else fmt.format(x)


def _mark(ok) -> str:
    return "not measured" if ok is None else ("met" if ok else "**not met**")


def report(r: dict) -> str:
    m, c, n = r["machine"], r["corpus"], r["corpus"]["pages"]
    mb = c["bytes_utf8"] / 1e6
    lib = r["library"]
    docs_per_cpu = n / lib["cpu"]
    mb_cpu = mb / lib["cpu"]
    L = [f"# cqetl benchmark ({'smoke' if r['smoke'] else 'full'} run, N = {n:,})", "",
         f"Run {r['started']} – {r['finished']} UTC; load average (1/5/15 min) at start {r['load_start']}, at end {r['load_end']}.",
         f"Machine: {m['nproc']} cores, {m['cpu']}, {m['memory_gib']} GiB; Python {m['python']} on {m['platform']}.",
         "Versions: " + ", ".join(f"{k} {v}" for k, v in m["versions"].items()) + ".", "",
         "Timings are medians (fast parts and Dask flows over --repeat runs, the thread-runner flow once). Per core = per CPU-second of the "
         "process (the library path is single-threaded); wall time is longer on a loaded machine.", "",
         "## Corpus", "",
         f"{n:,} pages, {mb:.1f} MB of UTF-8 text ({c['bytes_utf8'] / n / 1024:.1f} KB a page), seed {r['seed']}; "
         f"languages {c['languages']} (Chinese {c['languages'].get('zh', 0) / n:.0%}); encodings on disk {c['encodings']}.", "",
         "## Library path (`runner.run_local`, no Prefect)", "",
         "| measure | value |", "|---|---:|",
         f"| pages/s per core (CPU) | {docs_per_cpu:,.0f} |",
         f"| MB/s per core (CPU) | {mb_cpu:.2f} |",
         f"| pages/s (wall) | {n / lib['wall']:,.0f} |",
         f"| ms per page (CPU) | {lib['cpu'] / n * 1000:.2f} |",
         f"| pages in / new / rejects | {lib['runs'][0]['inputs']} / {lib['runs'][0]['new']} / {lib['runs'][0]['rejects']} |", "",
         "### Split by stage (CPU, medians over repeats; survey = the template pre-pass of `run_local`)", "",
         "| stage | ms per page | share |", "|---|---:|---:|"]
    st = r["split"]["stages"]
    total = sum(st.values())
    for k in ("survey", *STAGES):
        L.append(f"| {k} | {st.get(k, 0) / n * 1000:.3f} | {st.get(k, 0) / total:.0%} |")
    L += [f"| total | {total / n * 1000:.3f} | 100% |", ""]
    zh = r["zh_vs_en"]
    ratio = zh["zh"]["ms_per_4kb"] / zh["en"]["ms_per_4kb"] if "zh" in zh and "en" in zh else None
    L += ["### Chinese vs English (decode to entities, per page)", "",
          "| language | pages | median KB | ms per page | ms per 4 KB |", "|---|---:|---:|---:|---:|"]
    for lang, z in zh.items():
        L.append(f"| {lang} | {z['pages']} | {z['kb']:.1f} | {z['ms_per_page']:.2f} | {z['ms_per_4kb']:.2f} |")
    L += ["", f"zh ÷ en at equal size (per 4 KB): {_f(ratio, '{:.2f}')}×.", ""]
    lim = r["limits"]
    L += ["## Practical limits", "", "| measure | MB/s | cqetl ÷ limit |", "|---|---:|---:|",
          f"| {lim['regex']['patterns']} compiled `regex` patterns, one pass each | {lim['regex']['mb_s']:.2f} | {mb_cpu / lim['regex']['mb_s']:.0%} |",
          f"| body texts to Parquet | {_f(lim['parquet']['mb_s'], '{:.0f}')} | {mb_cpu / lim['parquet']['mb_s']:.1%} |", ""]
    L += ["## Peers (English pages, per page, CPU)", "",
          "| peer | pages | peer ms | cqetl same stage ms | stage ÷ peer | cqetl whole page ms | page ÷ peer |",
          "|---|---:|---:|---:|---:|---:|---:|"]
    for name, p in r["peers"].items():
        L.append(f"| {name} | {p['pages']} | {p['peer_ms']:.2f} | {p['cqetl_stage_ms']:.3f} | {p['cqetl_stage_ms'] / p['peer_ms']:.3f} "
                 f"| {p['cqetl_page_ms']:.2f} | {p['cqetl_page_ms'] / p['peer_ms']:.2f} |")
    if not r["peers"]:
        L.append("| (skipped) | | | | | | |")
    L += ["", "Stages compared: jusText ↔ boilerplate.classify on the raw page (every line a `<p>`); "
          "dateparser `search_dates(languages=['en'])` ↔ dates.find on the body; quantulum3 `parser.parse` ↔ facts.extract on the body.", ""]
    fl = r.get("flow") or {}
    if not fl:
        L.append("| (skipped) | |")
    L += ["## Prefect and Dask", "", "| measure | value |", "|---|---:|"]
    overhead = None
    if "threads" in fl:
        overhead = fl["threads"]["wall"] / lib["wall"]
        L += [f"| first flow of the process on 5 pages (temporary server start-up) | {fl['cold_first_flow_s']:.1f} s |",
              f"| flow, thread runner: wall | {fl['threads']['wall']:.1f} s ({n / fl['threads']['wall']:,.0f} pages/s) |",
              f"| library `run_local`: wall | {lib['wall']:.1f} s |",
              f"| overhead ratio flow ÷ library (wall) | {overhead:.2f} |",
              f"| flow pages in / new / rejects | {fl['threads']['inputs']} / {fl['threads']['new']} / {fl['threads']['rejects']} |"]
    speedup = None
    if "dask2" in fl:
        speedup = fl["dask1"]["wall"] / fl["dask2"]["wall"]
        walls = lambda k: ", ".join(f"{w:.1f}" for w in fl[k].get("walls", [fl[k]["wall"]]))  # noqa: E731
        L += [f"| Dask LocalCluster, 1 worker: wall, median | {fl['dask1']['wall']:.1f} s (runs {walls('dask1')}) |",
              f"| Dask LocalCluster, 2 workers: wall, median | {fl['dask2']['wall']:.1f} s (runs {walls('dask2')}) |",
              f"| speed-up 2 ÷ 1 workers (medians) | {speedup:.2f}× |"]
    fc = r.get("fixed_cost") or None
    if fc:
        L += [f"| `cqetl run` on 5 pages, temporary server (warm PREFECT_HOME) | {fc['temporary_server_s']:.1f} s |",
              f"| `cqetl run` on 5 pages, long-lived server | {fc['long_lived_server_s']:.1f} s (server start {fc['server_start_s']:.1f} s, once) |"]
    L.append("")
    rss = r.get("rss") or {}
    L += ["## Peak RSS of the library path (subprocess, its own `VmHWM`)", "",
          "| pages | peak RSS MB | wall s | Arrow allocator |", "|---:|---:|---:|---|"]
    for k in sorted(rss, key=int):
        L.append(f"| {int(k):,} | {rss[k]['max_rss_mb']:.0f} | {rss[k]['wall']:.1f} | {rss[k].get('arrow_pool', '?')} |")
    L.append("")
    rss_ok = None
    if len(rss) >= 2:
        small_, big = sorted(rss, key=int)[0], sorted(rss, key=int)[-1]
        rss_ok = rss[big]["max_rss_mb"] <= 1024 and rss[big]["max_rss_mb"] <= 1.2 * rss[small_]["max_rss_mb"]
    peers_ok = all(p["cqetl_page_ms"] < p["peer_ms"] for p in r["peers"].values()) if r["peers"] else None
    at_10k = "" if n == 10_000 else f" (measured at N = {n:,})"
    targets = [
        ("≥ 1,000 pages/s per core on ~4 KB pages", f"{docs_per_cpu:,.0f}", docs_per_cpu >= 1000),
        ("faster per page than each peer", ", ".join(f"{k} {p['cqetl_page_ms'] / p['peer_ms']:.2f}×" for k, p in r["peers"].items()) or "–", peers_ok),
        ("≥ 25 % of the regex-scan limit in MB/s", f"{mb_cpu / lim['regex']['mb_s']:.0%}", mb_cpu / lim["regex"]["mb_s"] >= 0.25),
        ("Prefect overhead ≤ 15 % at 10,000 pages" + at_10k, _f(overhead and (overhead - 1) * 100, "{:+.0f} %"), None if overhead is None else overhead <= 1.15),
        ("fixed cost ≤ 5 s with a warm machine (long-lived server)", _f(fc and fc["long_lived_server_s"], "{:.1f} s"), None if not fc else fc["long_lived_server_s"] <= 5),
        ("peak RSS ≤ 1 GB at 100,000 pages, within 20 % of 10,000", ", ".join(f"{int(k):,}: {v['max_rss_mb']:.0f} MB" for k, v in sorted(rss.items(), key=lambda kv: int(kv[0]))) or "–", rss_ok),
        ("≥ 1.7× speed-up with 2 Dask workers", _f(speedup, "{:.2f}×"), None if speedup is None else speedup >= 1.7),
        ("Chinese ≤ 1.5× English per page at equal size", _f(ratio, "{:.2f}×"), None if ratio is None else ratio <= 1.5),
    ]
    r["targets"] = {t: ok for t, _, ok in targets}
    L += ["## Targets", "", "| target | measured | status |", "|---|---|---|"]
    L += [f"| {t} | {v} | {_mark(ok)} |" for t, v, ok in targets]
    L.append("")
    if r.get("errors"):
        L += ["## Errors", "", *[f"- {e}" for e in r["errors"]], ""]
    if r.get("profile"):
        L += ["## Profile of the library path", "", r["profile"], ""]
    tc = r.get("timeout_cost")
    if tc:
        L += [f"Bounded regex calls: `run_local` over {tc['pages']} pages takes {tc['bounded']:.2f} s CPU with `timeout=` "
              f"on every call and {tc['unbounded']:.2f} s without ({tc['bounded'] / tc['unbounded'] - 1:+.0%}): the `regex` "
              "module reads the process CPU clock, a system call on this machine, at each call and during long scans.", ""]
    return "\n".join(L)


NOTES = ("<!-- notes -->", "<!-- /notes -->")


def write_report(path: Path, text: str) -> None:
    """Write the report, keeping a hand-written analysis between the notes markers of the old file."""
    notes = ""
    if path.exists():
        old = path.read_text(encoding="utf-8")
        if NOTES[0] in old and NOTES[1] in old:
            notes = old[old.index(NOTES[0]):old.index(NOTES[1]) + len(NOTES[1])]
    notes = notes or f"{NOTES[0]}\n{NOTES[1]}"
    path.write_text(text + "\n## Analysis\n\n" + notes + "\n", encoding="utf-8")


# ---------------------------------------------------------------- main

def _guard(r: dict, part: str, fn):
    """A part that fails is reported as an error; the other figures still get written."""
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 - the benchmark reports what it could measure
        r.setdefault("errors", []).append(f"{part}: {type(exc).__name__}: {str(exc)[:300]}")
        print(f"{part} failed: {exc!r}", file=sys.stderr)
        return None

def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=10_000, help="pages in the corpus (default 10,000)")
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--repeat", type=int, default=3, help="runs of the fast parts and of each Dask flow (median)")
    ap.add_argument("--scale", action="store_true", help="also peak RSS at 10 x N")
    ap.add_argument("--smoke", action="store_true",
                    help="skip the slow peers and everything Prefect (flow, Dask, fixed cost) and scale; tiny samples")
    ap.add_argument("--profile", action="store_true", help="profile the library path even when its target is met")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    ap.add_argument("--json", type=Path, help="also write the raw figures here")
    ap.add_argument("--rss-child", type=Path, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.rss_child:
        rss_child(a.rss_child)
        return {}
    work = Path(tempfile.mkdtemp(prefix="cqetl-bench-"))
    _setup_prefect(work / "prefect-home")
    import corpus as corpus_mod

    def say(msg):
        print(f"[{time.strftime('%H:%M:%S')} load {_load()}] {msg}", file=sys.stderr, flush=True)

    r: dict = {"started": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M"), "load_start": _load(),
               "seed": a.seed, "smoke": a.smoke, "machine": machine()}
    try:
        say(f"writing {a.n:,} pages")
        folder = work / "corpus"
        info = corpus_mod.write(folder, a.n, a.seed)
        r["corpus"] = info.as_dict()
        small = work / "five"
        small.mkdir()
        for p in sorted(corpus_mod.RAW.iterdir())[:5]:
            shutil.copy(p, small / p.name)
        say("library path")
        r["library"] = library_run(folder, work, a.repeat)
        bodies, batch = [], []

        def sink(b):
            batch.append(b)
            if len(batch) == 1000:
                bodies.append(list(batch))
                batch.clear()

        splits = [split_pass(folder, work, sink if k == 0 else None) for k in range(a.repeat)]
        if batch:
            bodies.append(list(batch))
        r["split"] = {"stages": {k: _med([s["stages"].get(k, 0) for s in splits]) for k in splits[0]["stages"]},
                      "docs": splits[0]["docs"], "rejects": splits[0]["rejects"]}
        r["zh_vs_en"] = zh_vs_en(splits[0]["per_page"])
        say("limits")
        r["limits"] = {"regex": regex_limit(folder, a.repeat), "parquet": parquet_limit(bodies, work)}
        del bodies
        say("peers")
        r["peers"] = peers(folder, SMOKE_PEER_SAMPLE if a.smoke else PEER_SAMPLE, a.seed)
        say("peak RSS")
        r["rss"] = {str(a.n): peak_rss(folder)}
        if not a.smoke:
            say("Prefect flow, then Dask")
            r["flow"] = _guard(r, "flow", lambda: flow_runs(folder, small, work, work / "prefect-home", a.repeat))
            say("fixed cost of cqetl run")
            r["fixed_cost"] = _guard(r, "fixed cost", lambda: fixed_cost(small, work, work / "prefect-home", 3))
        if a.scale and not a.smoke:
            shutil.rmtree(folder)
            say(f"writing {10 * a.n:,} pages for the scale run")
            big = work / "corpus-big"
            corpus_mod.write(big, 10 * a.n, a.seed)
            say("peak RSS at 10 x N")
            got = _guard(r, "peak RSS at 10 x N", lambda: peak_rss(big))
            if got:
                r["rss"][str(10 * a.n)] = got
            shutil.rmtree(big)
        n = r["corpus"]["pages"]
        lib_met = n / r["library"]["cpu"] >= 1000
        if a.profile or (not lib_met and not a.smoke):
            say("profile")
            src = folder if folder.exists() else None
            if src is None:
                corpus_mod.write(work / "corpus", min(a.n, 500), a.seed)
                src = work / "corpus"
            r["profile"] = profile_library(src, work, min(a.n, 500))
            r["timeout_cost"] = _guard(r, "timeout cost", lambda: timeout_cost(src, work, min(a.n, 500)))
        r["finished"] = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M")
        r["load_end"] = _load()
        text = report(r)
        print(text)
        write_report(a.out, text)
        if a.json:
            a.json.write_text(json.dumps(r, indent=1, default=str))
        say(f"wrote {a.out}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return r


if __name__ == "__main__":
    main()
