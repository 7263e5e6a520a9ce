"""The real Prefect flow, on one temporary server for the session."""
import pyarrow.parquet as pq
import pytest

from cqetl import schemas
from cqetl.config import load_config

from conftest import pages_in

pytestmark = pytest.mark.prefect


def _cfg(raw, out, **kw):
    return load_config(None, input_dir=raw, output_dir=out, **kw)


def test_flow_end_to_end_then_rerun_skips_everything(prefect_server, raw_copy, tmp_path):
    from flows.etl import etl

    out = tmp_path / "out"
    first = etl(_cfg(raw_copy, out))
    n = len(pages_in(raw_copy))
    assert first.balanced and first.inputs == n
    assert first.new == n and first.rejects == 0
    docs = pq.read_table(out / "documents.parquet")
    for name, schema in schemas.TABLES.items():
        assert pq.read_table(out / f"{name}.parquet").schema.remove_metadata() == schema.remove_metadata()
    assert docs.num_rows == n
    langs = dict(zip(docs["source_path"].to_pylist(), docs["language"].to_pylist()))
    assert langs["wire-repost-chengdu-gb18030.txt"] == "zh"
    assert langs["ichongqing-liangjiang-projects-utf16.txt"] == "en"
    bodies = dict(zip(docs["source_path"].to_pylist(), docs["body_text"].to_pylist()))
    assert "Cookie" not in bodies["cq-daily-auto-exports.txt"]
    assert "more than 1,600 parts suppliers" in bodies["cq-daily-auto-exports.txt"]
    assert "版权所有" not in bodies["cq-portal-industry-zh.txt"]
    for name in ("boilerplate", "dates", "facts", "sectors"):
        assert pq.read_table(out / f"{name}.parquet").num_rows > 0, name

    from uuid import UUID

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    with get_client(sync_client=True) as client:
        arts = client.read_artifacts(artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[UUID(first.run_id)])))
    by_key = {a.key: a for a in arts}
    assert {"cqetl-rows", "cqetl-quality"} <= set(by_key)
    assert "boilerplate share removed" in by_key["cqetl-quality"].data
    assert "documents skipped as unchanged" in str(by_key["cqetl-rows"].data)

    second = etl(_cfg(raw_copy, out))
    assert (second.new, second.unchanged, second.cached_batches) == (0, n, 0)
    assert pq.read_table(out / "documents.parquet").num_rows == n


def test_flow_full_rerun_reuses_cached_batches(prefect_server, raw_copy, tmp_path):
    from flows.etl import etl

    out = tmp_path / "out"
    etl(_cfg(raw_copy, out, batch_size=4))
    again = etl(_cfg(raw_copy, out, batch_size=4), full=True)
    assert again.new == len(pages_in(raw_copy))
    assert again.cached_batches == 3


def _rows(out, name):
    t = pq.read_table(out / f"{name}.parquet")
    t = t.drop_columns([c for c in ("run_id", "processed_at") if c in t.column_names])
    return sorted(map(repr, t.to_pylist()))


def test_dask_local_cluster_gives_the_same_tables(prefect_server, raw_copy, tmp_path):
    from flows.etl import run

    run(_cfg(raw_copy, tmp_path / "threads"))
    dask = run(_cfg(raw_copy, tmp_path / "dask", batch_size=3, task_runner={"kind": "dask", "n_workers": 2}))
    assert dask.new == len(pages_in(raw_copy))
    for name in schemas.TABLES:
        assert _rows(tmp_path / "threads", name) == _rows(tmp_path / "dask", name), name


def test_serve_keeps_the_schedule_running_on_shutdown(monkeypatch):
    from flows import serve

    seen = {}
    monkeypatch.setattr(serve, "serve", lambda *deps, **kw: seen.update(deps=deps, **kw))
    cfg = load_config(None, schedule={"cron": "*/5 * * * *"})
    serve.serve_deployment(cfg)
    assert seen["pause_on_shutdown"] is False
    (dep,) = seen["deps"]
    assert dep.name == serve.DEPLOYMENT
    assert dep.parameters["full"] is False
    assert load_config(None, **dep.parameters["cfg"]) == cfg


SCHEDULE_CHECK = """
import sys, time
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId
from cqetl.config import load_config
from flows.serve import deployment_for

dep_id = deployment_for(load_config(None, schedule={"cron": "* * * * *"})).apply()
deadline = time.monotonic() + 120
while time.monotonic() < deadline:
    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[dep_id])))
    if runs:
        print(len(runs), runs[0].state_name, runs[0].parameters["full"])
        sys.exit(0)
    time.sleep(1)
sys.exit("no scheduled run appeared")
"""


def test_the_scheduler_creates_runs_for_the_deployment(tmp_path, monkeypatch):
    """A real server with its scheduler service: the cron schedule yields flow runs."""
    import os
    import subprocess
    import sys

    from flows import server

    home = tmp_path / "prefect"
    monkeypatch.setenv("PREFECT_HOME", str(home))
    monkeypatch.setenv("PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS", "2")
    try:
        url = server.start(home)
        out = subprocess.run([sys.executable, "-c", SCHEDULE_CHECK], env={**os.environ, "PREFECT_API_URL": url},
                             capture_output=True, text=True, timeout=300)
    finally:
        server.stop(home)
    assert out.returncode == 0, out.stderr[-2000:]
    count, state, full = out.stdout.split()
    assert int(count) >= 1 and state == "Scheduled" and full == "False"


def test_a_failing_batch_becomes_rejects_and_the_others_stand(prefect_server, raw_copy, tmp_path, monkeypatch):
    from cqetl import runner
    from flows.etl import run

    real = runner.process_batch

    def flaky(items, *args, **kw):
        if any(it.rel.startswith("gov-uk") for it in items):
            raise OSError("disk went away")
        return real(items, *args, **kw)

    monkeypatch.setattr(runner, "process_batch", flaky)
    s = run(_cfg(raw_copy, tmp_path / "out", batch_size=2))
    n = len(pages_in(raw_copy))
    assert s.balanced and s.rejects == 2 and s.new == n - 2
    rejects = pq.read_table(tmp_path / "out" / "rejects.parquet").to_pylist()
    assert {r["error"] for r in rejects} == {"batch_failed"}
    assert all("disk went away" in r["message"] and r["stage"] == "extract" for r in rejects)
    assert pq.read_table(tmp_path / "out" / "documents.parquet").num_rows == n - 2
