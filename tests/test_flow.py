"""The real Prefect flow, on one temporary server for the session."""
import pyarrow.parquet as pq
import pytest

from cqetl import schemas
from cqetl.config import load_config

pytestmark = pytest.mark.prefect


def _cfg(raw, out, **kw):
    return load_config(None, input_dir=raw, output_dir=out, **kw)


def test_flow_end_to_end_then_rerun_skips_everything(prefect_server, raw_copy, tmp_path):
    from flows.etl import etl

    out = tmp_path / "out"
    first = etl(_cfg(raw_copy, out))
    n = len(list(raw_copy.iterdir()))
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

    second = etl(_cfg(raw_copy, out))
    assert (second.new, second.unchanged, second.cached_batches) == (0, n, 0)
    assert pq.read_table(out / "documents.parquet").num_rows == n


def test_flow_full_rerun_reuses_cached_batches(prefect_server, raw_copy, tmp_path):
    from flows.etl import etl

    out = tmp_path / "out"
    etl(_cfg(raw_copy, out, batch_size=4))
    again = etl(_cfg(raw_copy, out, batch_size=4), full=True)
    assert again.new == len(list(raw_copy.iterdir()))
    assert again.cached_batches == 3
