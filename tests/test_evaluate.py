"""`cqetl eval` agrees with the reference scorer."""
import importlib.util

import pytest

from cqetl import evaluate, runner
from cqetl.config import load_config

from conftest import CORPUS, gold_set


def _reference():
    path = CORPUS.parent / "tools" / "score_gold.py"
    if not path.is_file():
        pytest.skip(f"reference scorer {path} is absent")
    spec = importlib.util.spec_from_file_location("score_gold", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("name", ["seeds", "zh-dev"])
def test_scores_equal_the_reference_scorer(tmp_path, name, capsys):
    set_dir = gold_set(name)
    ref = _reference()
    runner.run_local(load_config(None, input_dir=set_dir / "raw", output_dir=tmp_path), full=True)
    ours = evaluate.score(set_dir, tmp_path)
    theirs = ref.main(str(set_dir), str(tmp_path))
    capsys.readouterr()
    assert ours.keys() == theirs.keys()
    for k in ours:
        assert ours[k] == pytest.approx(theirs[k]), k


def test_prf_edges():
    assert evaluate.prf(0, 0, 0) == (0.0, 0.0, 0.0)
    assert evaluate.prf(1, 1, 0) == (0.5, 1.0, pytest.approx(2 / 3))
