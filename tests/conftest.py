"""Shared fixtures: paths, the gold sets, and one Prefect test server per session."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
CORPUS = ROOT.parent / "shared" / "corpus"


def pages_in(folder: Path) -> list[Path]:
    """The page files of a raw folder (its url manifest is not a page)."""
    return [p for p in folder.iterdir() if p.name != "sources.tsv"]


def gold_set(name: str) -> Path:
    """A development gold set, or a skip when ../shared/corpus is not beside the repo."""
    path = CORPUS / name
    if not (path / "raw").is_dir():
        pytest.skip(f"gold set {path} is absent (the development corpus lives in ../shared/corpus)")
    return path


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    """A private copy of data/raw to add, change or break pages in."""
    dst = tmp_path / "raw"
    shutil.copytree(RAW, dst)
    return dst


@pytest.fixture(scope="session")
def prefect_server(tmp_path_factory):
    """One temporary Prefect server for every test that runs the real engine."""
    home = tmp_path_factory.mktemp("prefect-home")
    os.environ["PREFECT_HOME"] = str(home)
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    os.environ["PREFECT_LOCAL_STORAGE_PATH"] = str(home / "storage")
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield
