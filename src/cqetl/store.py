"""Everything that touches the output folder: parts, tables, state, the run lock.

Layout of the output folder:
  <table>.parquet          the tables analysts read (one file each, replaced atomically)
  _parts/<key>/<table>.parquet   one batch's rows, content-addressed by its cache key
  _state/manifest.parquet  doc_id -> source_path, part key (what the tables hold)
  _state/templates.parquet line fingerprint -> number of pages holding it
  _state/run.json          version and config hash the tables were built with
  .lock                    PID of the run holding the folder
Every file is written to a temporary name in the same folder, then renamed.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .schemas import TABLES, with_run_metadata

PARTS = "_parts"
STATE = "_state"
MANIFEST = pa.schema([("doc_id", pa.large_string()), ("source_path", pa.large_string()), ("part", pa.large_string()),
                      ("source_url", pa.large_string())])
TEMPLATES = pa.schema([("fingerprint", pa.large_string()), ("n_docs", pa.int64())])


class OutputError(RuntimeError):
    """The output folder cannot be used; raised before any work."""


class LockedError(RuntimeError):
    """Another run holds the output folder."""


def check_output_dir(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"output folder {out} cannot be created: {exc}") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise OutputError(f"output folder {out} is not writable")


def _atomic(path: Path, write) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_table(path: Path, table: pa.Table) -> None:
    _atomic(path, lambda tmp: pq.write_table(table, tmp))


def write_json(path: Path, data: dict) -> None:
    _atomic(path, lambda tmp: Path(tmp).write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8"))


def read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


@contextmanager
def run_lock(out: Path) -> Iterator[None]:
    """Exclusive use of `out` for one run; a lock left by a dead process is taken over."""
    lock = out / ".lock"
    for _ in range(2):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            holder = _lock_holder(lock)
            if holder is not None and _alive(holder):
                raise LockedError(f"output folder {out} is in use by the run with PID {holder} (lock file {lock})") from None
            lock.unlink(missing_ok=True)  # stale: its holder is gone
            continue
        with os.fdopen(fd, "w") as fh:
            fh.write(str(os.getpid()))
        break
    else:
        raise LockedError(f"could not take the lock {lock}")
    try:
        yield
    finally:
        lock.unlink(missing_ok=True)


def _lock_holder(lock: Path) -> int | None:
    try:
        return int(lock.read_text().strip())
    except (OSError, ValueError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# -- parts: one batch's rows ---------------------------------------------------

def part_dir(out: Path, key: str) -> Path:
    return out / PARTS / key


def part_complete(out: Path, key: str) -> bool:
    d = part_dir(out, key)
    return all((d / f"{name}.parquet").exists() for name in TABLES)


def write_part(out: Path, key: str, tables: dict[str, pa.Table]) -> Path:
    d = part_dir(out, key)
    for name in TABLES:
        write_table(d / f"{name}.parquet", tables[name])
    return d


def read_part(out: Path, key: str, name: str) -> pa.Table:
    return pq.read_table(part_dir(out, key) / f"{name}.parquet", schema=TABLES[name])


# -- state -----------------------------------------------------------------------

def read_manifest(out: Path) -> pa.Table:
    p = out / STATE / "manifest.parquet"
    if not p.exists():
        return MANIFEST.empty_table()
    t = pq.read_table(p)
    for f in MANIFEST:
        if f.name not in t.column_names:  # written by an older cqetl
            t = t.append_column(f, pa.nulls(t.num_rows, f.type))
    return t.select(MANIFEST.names).cast(MANIFEST)


def read_templates(out: Path) -> dict[str, int]:
    p = out / STATE / "templates.parquet"
    if not p.exists():
        return {}
    t = pq.read_table(p, schema=TEMPLATES)
    return dict(zip(t["fingerprint"].to_pylist(), t["n_docs"].to_pylist()))


def write_templates(out: Path, counts: dict[str, int]) -> None:
    keys = sorted(counts)
    write_table(out / STATE / "templates.parquet",
                pa.table({"fingerprint": keys, "n_docs": [counts[k] for k in keys]}, schema=TEMPLATES))


def read_run_state(out: Path) -> dict:
    return read_json(out / STATE / "run.json")


# -- publishing ------------------------------------------------------------------

def publish(out: Path, manifest: pa.Table, rejects: pa.Table, *, version: str, code: str, run_id: str,
            config_hash: str) -> dict[str, int]:
    """Rebuild every table from the live parts named in `manifest`, then the state.

    Tables are streamed part by part, so memory stays flat however many
    pages there are. Returns the row count of each table.
    """
    docs_of: dict[str, list[str]] = {}
    for doc_id, part in zip(manifest["doc_id"].to_pylist(), manifest["part"].to_pylist()):
        docs_of.setdefault(part, []).append(doc_id)
    parts = sorted(docs_of)
    counts: dict[str, int] = {}
    for name, schema in TABLES.items():
        schema_md = with_run_metadata(schema, version=version, run_id=run_id, config_hash=config_hash)
        if name == "rejects":
            counts[name] = rejects.num_rows
            write_table(out / f"{name}.parquet", rejects.cast(schema).replace_schema_metadata(schema_md.metadata))
            continue
        counts[name] = _stream(out / f"{name}.parquet", schema_md,
                               (_live_rows(read_part(out, k, name), docs_of[k]) for k in parts))
    write_table(out / STATE / "manifest.parquet", manifest.cast(MANIFEST))
    write_json(out / STATE / "run.json", {"version": version, "code": code, "config_hash": config_hash, "run_id": run_id})
    _drop_dead_parts(out, set(parts))
    return counts


def _live_rows(t: pa.Table, doc_ids: list[str]) -> pa.Table:
    """A part's rows of the documents the manifest still assigns to it (a page since changed or gone drops out)."""
    return t.filter(pc.is_in(t["doc_id"], value_set=pa.array(doc_ids, pa.large_string())))


def _stream(path: Path, schema: pa.Schema, tables: Iterable[pa.Table]) -> int:
    n = 0

    def write(tmp: str) -> None:
        nonlocal n
        with pq.ParquetWriter(tmp, schema) as w:
            for t in tables:
                if t.num_rows:
                    w.write_table(t.replace_schema_metadata(schema.metadata))
                    n += t.num_rows
    _atomic(path, write)
    return n


def _drop_dead_parts(out: Path, live: set[str]) -> None:
    root = out / PARTS
    if not root.exists():
        return
    for d in root.iterdir():
        if d.is_dir() and d.name not in live:
            shutil.rmtree(d, ignore_errors=True)


def read_columns(out: Path, name: str, columns: list[str]) -> pa.Table:
    return pq.read_table(out / f"{name}.parquet", columns=columns, use_threads=False)


def release_memory() -> None:
    """Hand Arrow's freed memory back to the system, so that the peaks of steps in turn do not stack."""
    pa.default_memory_pool().release_unused()


def iter_batches(out: Path, name: str, columns: list[str], rows: int = 65_536) -> Iterator[pa.RecordBatch]:
    """Some columns of a table in batches of whole row groups, about `rows` rows each (more when one
    row group holds more).

    Not `ParquetFile.iter_batches`: with pyarrow 26 it kept ~1 MB per 65,536 rows alive until the
    end of the file, so memory grew with the table.
    """
    with pq.ParquetFile(out / f"{name}.parquet") as f:
        sizes = [f.metadata.row_group(i).num_rows for i in range(f.num_row_groups)]
        start = 0
        while start < len(sizes):
            end, n = start + 1, sizes[start]
            while end < len(sizes) and n + sizes[end] <= rows:
                n += sizes[end]
                end += 1
            yield from f.read_row_groups(list(range(start, end)), columns=columns, use_threads=False).combine_chunks().to_batches()
            start = end


def write_stream(path: Path, schema: pa.Schema, tables: Iterable[pa.Table]) -> int:
    """A table written piece by piece (one row group each), atomically; returns its rows."""
    return _stream(path, schema, tables)


@contextmanager
def scratch(out: Path) -> Iterator[Path]:
    """A private folder for one step's temporary files, removed afterwards."""
    (out / STATE).mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=".scratch-", dir=out / STATE))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def spill(folder: Path, schema: pa.Schema, pieces: Iterable[tuple[int, pa.RecordBatch]]) -> None:
    """Each (k, rows) piece appended to the Arrow file `folder/k.arrow`."""
    writers: dict[int, pa.ipc.RecordBatchFileWriter] = {}
    try:
        for k, rows in pieces:
            if k not in writers:
                writers[k] = pa.ipc.new_file(folder / f"{k}.arrow", schema)
            writers[k].write_batch(rows)
    finally:
        for w in writers.values():
            w.close()


def read_spill(folder: Path, k: int, schema: pa.Schema) -> pa.Table:
    path = folder / f"{k}.arrow"
    if not path.exists():
        return schema.empty_table()
    with pa.OSFile(str(path)) as source:
        return pa.ipc.open_file(source).read_all()

