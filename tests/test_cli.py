"""The `cqetl` command: help, configuration and folder errors that stop before any work, explain, eval.

No test here starts the Prefect flow: `cqetl run` is only driven down the paths
that exit before Prefect is imported (its success path is tested in test_flow.py).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cqetl import ingest
from cqetl.cli import app
from cqetl.validate import REASONS

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
runner = CliRunner()


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    """Run from an empty folder: no project config.yaml is picked up and nothing lands in the repo."""
    monkeypatch.chdir(tmp_path)


def _invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_help_lists_the_commands():
    res = _invoke("--help")
    assert res.exit_code == 0
    for cmd in ("run", "eval", "explain", "serve", "server"):
        assert f" {cmd} " in res.output, f"{cmd} missing from --help"


def test_python_dash_m_cqetl_help():
    res = subprocess.run([sys.executable, "-m", "cqetl", "--help"], capture_output=True, text=True, timeout=60,
                         cwd=ROOT, env={**os.environ, "COLUMNS": "120"})
    assert res.returncode == 0, res.stderr
    assert "cqetl" in res.stdout and " run " in res.stdout and " explain " in res.stdout


@pytest.mark.parametrize("yaml_text, key", [
    ("batch_sise: 10\n", "batch_sise"),  # unknown key
    ("batch_size: many\n", "batch_size"),  # wrong type
    ("batch_size: 0\n", "batch_size"),  # out of range
    ("limits:\n  max_bytes: -5\n", "limits.max_bytes"),  # nested value
    ("limits:\n  max_byte: 5\n", "limits.max_byte"),  # nested unknown key
    ("schedule:\n  cron: every day\n", "schedule.cron"),  # validator
    ("task_runner:\n  kind: threads\n", "task_runner.kind"),  # not one of the choices
])
def test_run_with_a_bad_config_exits_2_naming_the_key(tmp_path, yaml_text, key):
    out = tmp_path / "out"
    (tmp_path / "in").mkdir()
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml_text + f"input_dir: {tmp_path / 'in'}\noutput_dir: {out}\n", encoding="utf-8")
    res = _invoke("run", "--config", str(bad))
    assert res.exit_code == 2, res.output
    assert f"'{key}'" in res.output
    assert not out.exists(), "the output folder was created before the config was checked"


@pytest.mark.parametrize("text, says", [
    ("input_dir: [unclosed\n", "not valid YAML"),
    ("- a\n- list\n", "mapping"),
])
def test_run_with_a_config_that_is_not_a_mapping_exits_2(tmp_path, text, says):
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    res = _invoke("run", "--config", str(bad), "--output", str(tmp_path / "out"))
    assert res.exit_code == 2 and says in res.output
    assert not (tmp_path / "out").exists()


def test_run_with_a_missing_config_file_exits_2(tmp_path):
    res = _invoke("run", "--config", str(tmp_path / "nope.yaml"), "--output", str(tmp_path / "out"))
    assert res.exit_code == 2 and "not found" in res.output


def test_run_with_a_missing_input_folder_exits_2(tmp_path):
    res = _invoke("run", "--input", str(tmp_path / "missing"), "--output", str(tmp_path / "out"))
    assert res.exit_code == 2
    assert "missing" in res.output and "does not exist" in res.output


def test_run_with_a_missing_input_folder_creates_nothing(tmp_path):
    res = _invoke("run", "--input", str(tmp_path / "missing"), "--output", str(tmp_path / "out"))
    assert res.exit_code == 2
    assert not (tmp_path / "out").exists()


def test_run_with_an_output_folder_that_cannot_be_created_exits_2(tmp_path):
    (tmp_path / "in").mkdir()
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    res = _invoke("run", "--input", str(tmp_path / "in"), "--output", str(blocker / "out"))
    assert res.exit_code == 2
    assert "cannot be created" in res.output and str(blocker / "out") in res.output


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write to a read-only folder")
def test_run_with_a_read_only_output_folder_exits_2(tmp_path):
    (tmp_path / "in").mkdir()
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        res = _invoke("run", "--input", str(tmp_path / "in"), "--output", str(ro))
    finally:
        ro.chmod(0o700)
    assert res.exit_code == 2 and "not writable" in res.output


SAMPLES = sorted(RAW.glob("*.txt"))


@pytest.mark.parametrize("page", SAMPLES or [pytest.param(None, marks=pytest.mark.skip(reason=f"no sample pages in {RAW}"))],
                         ids=lambda p: p.name if p else "none")
def test_explain_prints_every_non_blank_line_and_the_sections(page):
    res = _invoke("explain", str(page))
    assert res.exit_code == 0, res.output
    out = res.output
    if out.startswith("rejected at"):
        pytest.skip(f"{page.name} is a sample of a rejected page: {out.strip()}")
    for section in ("## lines", "## metadata", "## dates", "## facts", "## sectors", "## entities", "## body_text"):
        assert section in out
    text = ingest.normalise(ingest.decode(page.read_bytes())[0])
    want = [i for i, line in enumerate(text.split("\n")) if line.strip()]
    lines = out.split("## lines\n", 1)[1].split("\n## metadata", 1)[0].splitlines()
    decisions = [ln for ln in lines if ln[:4].strip().isdigit()]
    assert [int(ln[:4]) for ln in decisions] == want
    for ln in decisions:
        verdict = ln[5:].split()
        assert verdict[0] in ("KEEP", "DROP"), ln
        if verdict[0] == "DROP":
            assert verdict[1] in REASONS, ln


def test_explain_of_a_missing_file_does_not_crash(tmp_path):
    res = _invoke("explain", str(tmp_path / "nope.txt"))
    assert res.exit_code == 0 and "rejected at read" in res.output


PAGE = """Home | News | Business | World
Cookies on this site. We use cookies to give you the best experience. Accept all
Tianfu Valley opens a new battery plant
By Chen Lu
Updated: 2024-03-05 09:30
CHENGDU, March 4 -- A battery maker opened a plant in the Tianfu district of Chengdu on Monday, with an investment of 3.2 billion yuan, the district government said.
The plant will employ about 1,500 workers and make batteries for electric vehicles, the company said in a statement on its website.
Share this article
Copyright 2024 Example News. All rights reserved.
"""
GOLD = {
    "file": "tianfu.txt",
    "title": "Tianfu Valley opens a new battery plant",
    "author": "Chen Lu",
    "with": ["A battery maker opened a plant in the Tianfu district", "about 1,500 workers"],
    "without": ["Home | News", "Cookies on this site", "Share this article", "All rights reserved"],
    "dates": [{"mention": "March 4", "date_start": "2024-03-04", "date_end": "2024-03-04"}],
    "facts": [{"metric": "investment", "value": 3200000000, "unit": "CNY", "qualifier": "exact"}],
    "sectors": ["new_energy_vehicles"],
}
SCORES = ["boilerplate_P", "boilerplate_R", "boilerplate_F1", "title_acc", "author_acc", "dates_P", "dates_R",
          "dates_F1", "facts_P", "facts_R", "facts_F1", "sectors_P", "sectors_R", "sectors_F1", "entities_F1",
          "docs_found", "overall"]


def test_eval_prints_the_scores_of_a_tiny_gold_set(tmp_path):
    gold_set = tmp_path / "set"
    (gold_set / "raw").mkdir(parents=True)
    (gold_set / "gold").mkdir()
    (gold_set / "raw" / "tianfu.txt").write_text(PAGE, encoding="utf-8")
    (gold_set / "gold" / "tianfu.json").write_text(json.dumps(GOLD), encoding="utf-8")
    res = _invoke("eval", str(gold_set), "--output", str(tmp_path / "tables"))
    assert res.exit_code == 0, res.output
    scores = dict(line.split() for line in res.output.strip().splitlines() if line.count(" ") == 1)
    for key in SCORES:
        assert key in scores, f"{key} missing from\n{res.output}"
        assert 0.0 <= float(scores[key]) <= 1.0
    assert res.output.strip().splitlines()[-1].startswith("overall ")
    assert float(scores["docs_found"]) == 1.0
    assert float(scores["boilerplate_R"]) > 0  # the article's own sentences reach body_text


def test_eval_without_raw_and_gold_folders_exits_2(tmp_path):
    res = _invoke("eval", str(tmp_path))
    assert res.exit_code == 2 and "raw/ and gold/" in res.output
