"""The ETL flow: discover -> survey -> plan -> process batches -> publish -> report.

Thin orchestration over `cqetl.runner`: one task per batch of documents,
small manifests between tasks, batch results cached on content hashes.
Large arguments travel `Sealed`: they hold no futures, and Prefect and Dask would
otherwise walk every element of the config, batches and surveys on each task
call, in the flow and again in the worker.
"""
from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.task_runners import ThreadPoolTaskRunner
from rich.progress import track
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

from cqetl import report, runner, store
from cqetl.config import Config
from cqetl.model import Reject


class Sealed:
    """A task argument that neither Prefect nor Dask looks inside.

    Prefect's `quote` would do for threads, but Dask rebuilds it, a tuple subclass, as a plain tuple.
    """

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


@task(name="discover", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def discover(cfg: Sealed):
    return runner.discover(cfg.value)


@task(name="survey", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE,
      task_run_name="survey-batch-{index:03d}")
def survey(rels: Sealed, urls: Sealed, cfg: Sealed, known: Sealed, index: int) -> runner.Survey:
    return runner.survey(rels.value, urls.value, cfg.value, known.value)


def _batch_cache_key(context, parameters) -> str:
    return f"cqetl-batch-{parameters['key']}"


@task(name="process", retries=1, retry_delay_seconds=1, cache_key_fn=_batch_cache_key, persist_result=True,
      task_run_name="process-batch-{index:03d}")
def process(items: Sealed, cfg: Sealed, tpl: Sealed, out: Path, run_id: str, key: str, index: int) -> runner.BatchReport:
    rep = runner.process_batch(items.value, cfg.value, tpl.value, out, run_id, key)
    get_run_logger().info("batch %03d: %d docs, %d rejects, rows %s%s", index, len(rep.items), len(rep.rejects),
                          rep.rows, " (already written)" if rep.cached else "")
    return rep


@task(name="publish", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def publish(plan: Sealed, reports: Sealed, rejected: Sealed, cfg: Sealed, out: Path, run_id: str) -> runner.Summary:
    return runner.finish(plan.value, reports.value, rejected.value, cfg.value, out, run_id)


def _settle(fut, items, key, index, cfg, tpl, out, run_id) -> runner.BatchReport:
    """The batch's report; a failed batch's pages become rejects, the others' results stand."""
    rep = fut.result(raise_on_failure=False)
    if isinstance(rep, runner.BatchReport) and fut.state.name == "Cached":
        rep = replace(rep, cached=True)
    if isinstance(rep, runner.BatchReport) and rep.items and not store.part_complete(out, key):
        # a cached report whose part was cleaned away since: redo the batch
        rep = process.with_options(refresh_cache=True)(Sealed(items), Sealed(cfg), Sealed(tpl), out, run_id, key, index,
                                                       return_state=True).result(raise_on_failure=False)
    if isinstance(rep, runner.BatchReport):
        return rep
    err = f"{type(rep).__name__}: {rep}" if isinstance(rep, BaseException) else "batch failed after retries"
    return runner.BatchReport(key, [], [Reject(it.rel, "extract", "batch_failed", err[:500]) for it in items], {})


def _run_name() -> str:
    params = flow_run.parameters
    return f"{Path(str(params['cfg'].input_dir)).name}-{flow_run.scheduled_start_time:%Y%m%d-%H%M%S}"


@flow(name="cqetl", flow_run_name=_run_name, log_prints=False)
def etl(cfg: Config, full: bool = False) -> runner.Summary:
    out = Path(cfg.output_dir)
    store.check_output_dir(out)
    run_id = str(flow_run.id)
    config = Sealed(cfg)
    with store.run_lock(out):
        rels, urls, rejected = discover(config)
        known = runner.known_docs(cfg, out, full)
        chunks = runner.chunked(rels, runner.survey_len(len(rels), cfg))
        skip = Sealed(frozenset(known))
        surveyed = [survey.submit(Sealed(c), Sealed(runner.urls_of(c, urls)), config, skip, i) for i, c in enumerate(chunks)]
        plan = runner.plan((f.result() for f in surveyed), cfg, out, known)
        tpl = runner.template_set(plan, cfg)
        th = runner.templates_hash(tpl)
        keys = [runner.batch_key(b, cfg, th) for b in plan.batches]
        templates = Sealed(tpl)
        futures = [process.submit(Sealed(b), config, templates, out, run_id, k, i)
                   for i, (b, k) in enumerate(zip(plan.batches, keys))]
        batches = track(enumerate(zip(plan.batches, keys, futures)), total=len(futures), transient=True,
                        description="processing batches", disable=not sys.stderr.isatty())
        reports = [_settle(fut, b, k, i, cfg, tpl, out, run_id) for i, (b, k, fut) in batches]
        summary = publish(Sealed(plan), Sealed(reports), Sealed(rejected), config, out, run_id)
    create_table_artifact(key="cqetl-rows", table=report.rows_table(summary), description="Rows written and pages by outcome")
    create_markdown_artifact(key="cqetl-quality", markdown=report.markdown(summary), description="Quality report")
    get_run_logger().info(report.text(summary))
    return summary


def task_runner_for(cfg: Config):
    """The configured task runner: threads here, or Dask (a given scheduler, else a LocalCluster)."""
    if cfg.task_runner.kind == "dask":
        import dask
        from prefect_dask import DaskTaskRunner

        if cfg.task_runner.address:
            return DaskTaskRunner(address=cfg.task_runner.address)
        # the workers' 10 ms stack sampler cost ~14 % of a batch's CPU here (benchmarks/RESULTS.md)
        dask.config.set({"distributed.worker.profile.enabled": False})
        return DaskTaskRunner(cluster_kwargs={"n_workers": cfg.task_runner.n_workers, "threads_per_worker": 1,
                                              "processes": True, "dashboard_address": None})
    # one thread: batches are CPU-bound under the GIL, and 50 concurrent batch threads made
    # a 10,000-page flow 3.3x the library path (benchmarks/RESULTS.md)
    return ThreadPoolTaskRunner(max_workers=1)


def _share_temporary_server() -> None:
    """Point Dask worker processes at this process's temporary server instead of one each."""
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    server.start()
    os.environ["PREFECT_API_URL"] = server.api_url


def run(cfg: Config, full: bool = False) -> runner.Summary:
    """The flow on the task runner the config names."""
    if cfg.task_runner.kind == "dask" and not os.environ.get("PREFECT_API_URL"):
        _share_temporary_server()
    return etl.with_options(task_runner=task_runner_for(cfg))(cfg, full)
