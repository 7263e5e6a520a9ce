import os
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from cqetl import store


def test_write_table_is_atomic_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "t.parquet"
    store.write_table(path, pa.table({"a": [1, 2]}))
    store.write_table(path, pa.table({"a": [3]}))
    assert pq.read_table(path)["a"].to_pylist() == [3]
    assert [p.name for p in tmp_path.iterdir()] == ["t.parquet"]


def test_failed_write_keeps_the_old_table(tmp_path):
    path = tmp_path / "t.parquet"
    store.write_table(path, pa.table({"a": [1]}))

    def boom(tmp):
        open(tmp, "wb").write(b"half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        store._atomic(path, boom)
    assert pq.read_table(path)["a"].to_pylist() == [1]
    assert [p.name for p in tmp_path.iterdir()] == ["t.parquet"]


def test_lock_refuses_a_second_run_while_the_holder_lives(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        (tmp_path / ".lock").write_text(str(holder.pid))
        with pytest.raises(store.LockedError, match=str(holder.pid)):
            with store.run_lock(tmp_path):
                pass
    finally:
        holder.kill()
        holder.wait()


def test_stale_lock_is_taken_over_and_released(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / ".lock").write_text(str(dead.pid))
    with store.run_lock(tmp_path):
        assert (tmp_path / ".lock").read_text() == str(os.getpid())
    assert not (tmp_path / ".lock").exists()


def test_output_folder_that_cannot_be_used_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(store.OutputError, match="cannot be created"):
        store.check_output_dir(blocker / "out")
    if os.geteuid() != 0:  # root writes anywhere
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o500)
        with pytest.raises(store.OutputError, match="not writable"):
            store.check_output_dir(ro)


def test_spilled_pieces_read_back_per_run_and_the_scratch_folder_goes(tmp_path):
    schema = pa.schema([("n", pa.int64())])
    pieces = [(1, pa.record_batch([pa.array([1, 2])], schema=schema)), (0, pa.record_batch([pa.array([3])], schema=schema)),
              (1, pa.record_batch([pa.array([4])], schema=schema))]
    with store.scratch(tmp_path) as folder:
        store.spill(folder, schema, pieces)
        got = {k: store.read_spill(folder, k, schema)["n"].to_pylist() for k in (0, 1, 2)}
    assert got == {0: [3], 1: [1, 2, 4], 2: []}
    assert not folder.exists()


@pytest.mark.parametrize("rows, want", [(1, [1, 2, 3, 4]), (3, [3, 3, 4]), (6, [6, 4]), (100, [10])])
def test_batches_are_whole_row_groups_of_about_the_asked_rows(tmp_path, rows, want):
    schema = pa.schema([("doc_id", pa.large_string()), ("n", pa.int64())])
    pieces = [pa.table({"doc_id": [f"d{k}-{i}" for i in range(k + 1)], "n": list(range(k + 1))}, schema=schema)
              for k in range(4)]
    assert store.write_stream(tmp_path / "t.parquet", schema, pieces) == 10
    got = list(store.iter_batches(tmp_path, "t", ["doc_id"], rows))
    assert [b.num_rows for b in got] == want
    assert {tuple(b.schema.names) for b in got} == {("doc_id",)}
    assert pa.Table.from_batches(got)["doc_id"].to_pylist() == [d for p in pieces for d in p["doc_id"].to_pylist()]


@pytest.mark.parametrize("entry, chosen, want", [
    ("cqetl.cli", None, "system"),
    ("flows.etl", None, "system"),
    ("cqetl.cli", "jemalloc", "jemalloc"),
])
def test_arrow_allocates_with_the_system_allocator_unless_the_user_chose(entry, chosen, want):
    env = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}
    if chosen:
        env["ARROW_DEFAULT_MEMORY_POOL"] = chosen
    code = f"import {entry}, pyarrow; print(pyarrow.default_memory_pool().backend_name)"
    root = Path(__file__).resolve().parents[1]
    got = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env, cwd=root, check=True)
    assert got.stdout.strip() == want
