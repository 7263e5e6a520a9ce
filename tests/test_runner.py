"""The run over a folder without Prefect: balance, idempotence, incremental runs."""
import shutil

import pyarrow.parquet as pq
import pytest

from cqetl import runner, schemas
from cqetl.config import load_config

from conftest import RAW, pages_in


def _cfg(raw, out, **kw):
    return load_config(None, input_dir=raw, output_dir=out, **kw)


def _tables(out):
    return {name: pq.read_table(out / f"{name}.parquet") for name in schemas.TABLES}


def _rows(out, name, drop=("run_id", "processed_at")):
    t = pq.read_table(out / f"{name}.parquet")
    return sorted(map(repr, t.drop_columns([c for c in drop if c in t.column_names]).to_pylist()))


def test_every_input_is_a_document_or_a_reject(raw_copy, tmp_path):
    (raw_copy / "empty.txt").write_bytes(b"")
    (raw_copy / "binary.txt").write_bytes(bytes(range(256)) * 8)
    shutil.copy(RAW / "cq-daily-auto-exports.txt", raw_copy / "copy-of-auto.txt")
    s = runner.run_local(_cfg(raw_copy, tmp_path / "out"))
    n_inputs = len(pages_in(raw_copy))
    assert s.inputs == n_inputs
    assert s.balanced
    assert s.duplicates == 1
    assert s.rejects_by_reason == {"empty": 1, "binary": 1}
    t = _tables(tmp_path / "out")
    assert t["documents"].num_rows == n_inputs - 3
    assert t["rejects"].num_rows == 2
    for name, schema in schemas.TABLES.items():
        assert t[name].schema.remove_metadata() == schema.remove_metadata(), name
        assert t[name].schema.metadata[b"schema_version"] == b"1"


def test_rerun_is_idempotent_and_skips_unchanged(raw_copy, tmp_path):
    out = tmp_path / "out"
    first = runner.run_local(_cfg(raw_copy, out))
    before = {name: _rows(out, name) for name in schemas.TABLES}
    second = runner.run_local(_cfg(raw_copy, out))
    assert second.new == 0 and second.unchanged == first.new
    assert {name: _rows(out, name) for name in schemas.TABLES} == before


def test_a_new_page_is_the_only_one_processed_unless_full(raw_copy, tmp_path):
    out = tmp_path / "out"
    first = runner.run_local(_cfg(raw_copy, out))
    (raw_copy / "extra.txt").write_text(
        "Extra page\n\nChongqing added 12 new industrial parks in 2023, the municipal government said on Monday.\n",
        encoding="utf-8")
    second = runner.run_local(_cfg(raw_copy, out))
    assert (second.new, second.unchanged) == (1, first.new)
    assert pq.read_table(out / "documents.parquet").num_rows == first.new + 1
    full = runner.run_local(_cfg(raw_copy, out), full=True)
    assert (full.new, full.unchanged) == (first.new + 1, 0)
    assert pq.read_table(out / "documents.parquet").num_rows == first.new + 1


def test_config_change_re_extracts(raw_copy, tmp_path):
    out = tmp_path / "out"
    first = runner.run_local(_cfg(raw_copy, out))
    base = load_config(None)
    sectors = [s.model_dump() for s in base.sectors]
    sectors[0]["aliases"] = [*sectors[0]["aliases"], "horseless carriage"]
    again = runner.run_local(_cfg(raw_copy, out, sectors=sectors))
    assert again.new == first.new and again.unchanged == 0


def test_limits_reject_oversized_pages(raw_copy, tmp_path):
    (raw_copy / "long-line.txt").write_text("1,2|" * 30_000, encoding="utf-8")
    (raw_copy / "many-lines.txt").write_text("Home | News\n" * 30_000, encoding="utf-8")
    s = runner.run_local(_cfg(raw_copy, tmp_path / "out"))
    assert s.rejects_by_reason == {"line_too_long": 1, "too_large": 1}
    assert s.balanced


@pytest.mark.parametrize("batch_size", [1, 3])
def test_batch_size_does_not_change_the_rows(raw_copy, tmp_path, batch_size):
    runner.run_local(_cfg(raw_copy, tmp_path / "a"))
    runner.run_local(_cfg(raw_copy, tmp_path / "b", batch_size=batch_size))
    for name in ("documents", "facts", "dates", "boilerplate"):
        assert _rows(tmp_path / "a", name) == _rows(tmp_path / "b", name), name


def test_a_batch_failing_validation_goes_to_rejects_not_to_the_tables(raw_copy, tmp_path, monkeypatch):
    from cqetl import validate

    monkeypatch.setattr(validate, "check", lambda tables: ["facts: span 1:2 does not hold 'x'"])
    s = runner.run_local(_cfg(raw_copy, tmp_path / "out"))
    assert s.balanced and s.new == 0 and s.rejects_by_reason == {"validation": s.inputs}
    assert pq.read_table(tmp_path / "out" / "documents.parquet").num_rows == 0
    assert "does not hold" in pq.read_table(tmp_path / "out" / "rejects.parquet")["message"][0].as_py()


def test_page_addresses_reach_the_documents_and_a_changed_address_re_extracts(raw_copy, tmp_path):
    out = tmp_path / "out"
    page = "travel-weekend-cp1252.txt"
    (raw_copy / "sources.tsv").write_text(f"file\turl\n{page}\thttps://www.chinadaily.com.cn/travel/1.html\n")
    first = runner.run_local(_cfg(raw_copy, out))
    docs = {d["source_path"]: d for d in pq.read_table(out / "documents.parquet").to_pylist()}
    assert "sources.tsv" not in docs and first.balanced
    assert (docs[page]["source_url"], docs[page]["publisher"]) == ("https://www.chinadaily.com.cn/travel/1.html", "China Daily")
    (raw_copy / "sources.tsv").write_text(f"file\turl\n{page}\thttps://www.example-travel.com/1.html\n")
    second = runner.run_local(_cfg(raw_copy, out))
    assert (second.new, second.unchanged) == (1, first.new - 1)
    docs = {d["source_path"]: d for d in pq.read_table(out / "documents.parquet").to_pylist()}
    assert docs[page]["publisher"] == "example-travel.com"
    assert pq.read_table(out / "documents.parquet").num_rows == first.new


def test_state_written_before_addresses_existed_still_reads(raw_copy, tmp_path):
    out = tmp_path / "out"
    first = runner.run_local(_cfg(raw_copy, out))
    state = out / "_state" / "manifest.parquet"
    pq.write_table(pq.read_table(state).drop_columns(["source_url"]), state)
    again = runner.run_local(_cfg(raw_copy, out))
    assert again.unchanged == first.new - 3 and again.new == 3  # the three pages the sample manifest gives an address


@pytest.mark.parametrize("change", ["edit", "delete"])
def test_an_edited_or_deleted_page_leaves_no_stale_rows(raw_copy, tmp_path, change):
    out = tmp_path / "out"
    page = raw_copy / "wire-chengdu-chongqing-gdp.txt"
    first = runner.run_local(_cfg(raw_copy, out))
    old_id = next(d["doc_id"] for d in pq.read_table(out / "documents.parquet").to_pylist()
                  if d["source_path"] == page.name)
    if change == "edit":
        page.write_text(page.read_text(encoding="utf-8") + "\nThe figure was revised on Friday.\n", encoding="utf-8")
    else:
        page.unlink()
    runner.run_local(_cfg(raw_copy, out))
    for name in ("documents", "dates", "facts", "boilerplate"):
        assert old_id not in pq.read_table(out / f"{name}.parquet")["doc_id"].to_pylist(), name
    want = first.new if change == "edit" else first.new - 1
    assert pq.read_table(out / "documents.parquet").num_rows == want


@pytest.mark.parametrize("kind, workers, n_docs, want", [
    ("default", 1, 1000, 200),
    ("dask", 2, 1000, 125),
    ("dask", 2, 100_000, 200),
    ("dask", 4, 10, 1),
    ("dask", 2, 0, 1),
])
def test_batches_leave_every_dask_worker_several_tasks(kind, workers, n_docs, want):
    cfg = load_config(None, batch_size=200, task_runner={"kind": kind, "n_workers": workers})
    assert runner.batch_len(n_docs, cfg) == want


@pytest.mark.parametrize("kind, workers, n_files, want", [
    ("default", 2, 10_000, 200),
    ("dask", 1, 10_000, 5000),
    ("dask", 2, 10_000, 2500),
    ("dask", 2, 3, 1),
    ("dask", 2, 0, 1),
])
def test_dask_surveys_two_tasks_a_worker(kind, workers, n_files, want):
    cfg = load_config(None, batch_size=200, task_runner={"kind": kind, "n_workers": workers})
    assert runner.survey_len(n_files, cfg) == want


@pytest.mark.parametrize("chunk_rows", [50_000, 3])
def test_fact_series_written_in_runs_equals_the_whole_table_at_once(raw_copy, tmp_path, monkeypatch, chunk_rows):
    from cqetl import store, tables

    monkeypatch.setattr(runner, "SERIES_CHUNK_ROWS", chunk_rows)
    out = tmp_path / "out"
    runner.run_local(_cfg(raw_copy, out))
    whole = tables.fact_series(store.read_columns(out, "facts", tables.SERIES_FACT_COLUMNS),
                               store.read_columns(out, "documents", ["doc_id", "publisher"]))
    written = pq.read_table(out / "fact_series.parquet")
    assert whole.num_rows > 2 * chunk_rows or chunk_rows > whole.num_rows
    assert len(set(written["metric"].to_pylist())) > 1
    assert written.to_pylist() == whole.to_pylist()
    runs = pq.ParquetFile(out / "fact_series.parquet").num_row_groups
    assert runs == 1 if chunk_rows > whole.num_rows else runs > 1


def test_a_code_change_re_extracts_every_page(raw_copy, tmp_path, monkeypatch):
    out = tmp_path / "out"
    first = runner.run_local(_cfg(raw_copy, out))
    assert runner.run_local(_cfg(raw_copy, out)).new == 0
    monkeypatch.setattr(runner, "code_version", lambda: "0.1.0+changed")
    again = runner.run_local(_cfg(raw_copy, out))
    assert (again.new, again.unchanged) == (first.new, 0)


def test_code_version_hashes_the_package_code_and_data():
    v = runner.code_version()
    assert v.startswith(runner.__version__ + "+") and len(v.split("+")[1]) == 12
