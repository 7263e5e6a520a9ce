"""Hostile input, crashes and concurrent runs: nothing lost, nothing corrupted."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from cqetl import runner, schemas, store
from cqetl.config import load_config

from conftest import pages_in

RUN = """
import sys
from cqetl import runner
from cqetl.config import load_config
runner.run_local(load_config(None, input_dir=sys.argv[1], output_dir=sys.argv[2], batch_size=50))
"""


def _cfg(raw, out, **kw):
    return load_config(None, input_dir=raw, output_dir=out, **kw)


def _many_pages(folder: Path, n: int) -> None:
    for i in range(n):
        (folder / f"gen-{i:05d}.txt").write_text(
            f"Home | News | Business\n\nChongqing plant {i} ships {i + 10} vehicles\n\n"
            f"Updated: 2024-0{1 + i % 9}-1{i % 9}\n\n"
            f"The plant in district {i} made {1000 + i} vehicles in 2023, up {i % 40}.{i % 10}% year on year, "
            f"and employs about {200 + i} people, the company said on Tuesday.\n\nCopyright 2024. All rights reserved.\n",
            encoding="utf-8")


def test_pathological_pages_are_rejected_and_the_run_goes_on(raw_copy, tmp_path):
    (raw_copy / "digits.txt").write_text(("1,234.5|" * 140_000)[:1_000_000], encoding="utf-8")
    (raw_copy / "separators.txt").write_text(("Home > " * 2_000 + "\n") * 3, encoding="utf-8")
    (raw_copy / "lines.txt").write_text("menu\n" * 100_000, encoding="utf-8")
    s = runner.run_local(_cfg(raw_copy, tmp_path / "out"))
    assert s.rejects_by_reason == {"line_too_long": 1, "too_large": 1}
    assert s.balanced and s.new == len(pages_in(raw_copy)) - 2
    docs = pq.read_table(tmp_path / "out" / "documents.parquet").to_pylist()
    menu = next(d for d in docs if d["source_path"] == "separators.txt")
    assert "Home >" not in menu["body_text"]


def test_a_page_over_its_regex_budget_is_a_timeout_reject(raw_copy, tmp_path):
    s = runner.run_local(_cfg(raw_copy, tmp_path / "out", limits={"regex_timeout_s": 1e-9}))
    assert s.rejects_by_reason == {"timeout": s.inputs}
    assert s.balanced


def _wait_for(pred, seconds=120.0):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(0.005)
    return False


def test_sigkill_while_writing_leaves_the_previous_tables_intact(raw_copy, tmp_path):
    out = tmp_path / "out"
    first = runner.run_local(_cfg(raw_copy, out))
    _many_pages(raw_copy, 600)
    proc = subprocess.Popen([sys.executable, "-c", RUN, str(raw_copy), str(out)])
    try:
        assert _wait_for(lambda: (out / store.PARTS).exists() and any((out / store.PARTS).rglob("*.parquet"))
                         and len(list((out / store.PARTS).iterdir())) > 2), "the run never started writing"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    finally:
        proc.kill()
    for name in schemas.TABLES:  # every table still readable, and still the first run's
        assert pq.read_table(out / f"{name}.parquet").num_rows >= 0
    assert pq.read_table(out / "documents.parquet").num_rows == first.new
    again = runner.run_local(_cfg(raw_copy, out))  # takes over the dead run's lock
    assert again.balanced and again.new == 600
    clean = runner.run_local(_cfg(raw_copy, tmp_path / "clean"))
    for name in ("documents", "facts", "dates"):
        a = pq.read_table(out / f"{name}.parquet").drop_columns(["run_id", "processed_at"] if name == "documents" else [])
        b = pq.read_table(tmp_path / "clean" / f"{name}.parquet").drop_columns(["run_id", "processed_at"] if name == "documents" else [])
        assert sorted(map(repr, a.to_pylist())) == sorted(map(repr, b.to_pylist())), name
    assert clean.new == first.new + 600


def test_a_second_run_on_the_same_output_stops_at_once(raw_copy, tmp_path):
    out = tmp_path / "out"
    _many_pages(raw_copy, 600)
    proc = subprocess.Popen([sys.executable, "-c", RUN, str(raw_copy), str(out)])
    try:
        assert _wait_for(lambda: (out / ".lock").exists()), "the first run never took the lock"
        started = time.monotonic()
        with pytest.raises(store.LockedError, match=f"PID {proc.pid}"):
            runner.run_local(_cfg(raw_copy, out))
        assert time.monotonic() - started < 5
    finally:
        proc.wait(timeout=300)
    assert proc.returncode == 0
    assert not (out / ".lock").exists()
