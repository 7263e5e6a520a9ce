from pathlib import Path

import pytest

from cqetl.config import ConfigError, load_config

ROOT = Path(__file__).resolve().parents[1]


def test_packaged_defaults_are_the_project_config():
    assert load_config(None) == load_config(ROOT / "config.yaml")


def test_defaults_carry_registry_and_taxonomy():
    cfg = load_config(None)
    keys = {s.key for s in cfg.sectors}
    assert {"automotive", "new_energy_vehicles", "finance", "welding_engineering_services"} <= keys
    assert any(src.name == "China Daily" for src in cfg.registry)


def test_partial_file_merges_over_defaults(tmp_path):
    p = tmp_path / "c.yaml"
    p.write_text("batch_size: 7\nlimits:\n  max_bytes: 1000\n")
    cfg = load_config(p)
    assert cfg.batch_size == 7
    assert cfg.limits.max_bytes == 1000
    assert cfg.limits.max_line_chars == load_config(None).limits.max_line_chars
    assert cfg.sectors == load_config(None).sectors


@pytest.mark.parametrize("text, key", [
    ("batch_sise: 5\n", "batch_sise"),
    ("batch_size: lots\n", "batch_size"),
    ("batch_size: -1\n", "batch_size"),
    ("limits:\n  max_bytes: 0\n", "limits.max_bytes"),
    ("task_runner:\n  kind: spark\n", "task_runner.kind"),
    ("schedule:\n  cron: every day\n", "schedule.cron"),
    ("registry:\n  - {key: x}\n", "registry.0.name"),
])
def test_wrong_key_type_or_value_names_the_key(tmp_path, text, key):
    p = tmp_path / "c.yaml"
    p.write_text(text)
    with pytest.raises(ConfigError, match=rf"config key '{key}'"):
        load_config(p)


def test_missing_file_and_bad_yaml(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.yaml")
    p = tmp_path / "c.yaml"
    p.write_text("a: [unclosed\n")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config(p)


def test_extraction_hash_follows_sector_aliases_not_folders():
    base = load_config(None)
    moved = load_config(None, output_dir="/elsewhere", batch_size=3)
    assert moved.extraction_hash() == base.extraction_hash()
    sectors = [s.model_dump() for s in base.sectors]
    sectors[0]["aliases"] = [*sectors[0]["aliases"], "horseless carriage"]
    changed = load_config(None, sectors=sectors)
    assert changed.extraction_hash() != base.extraction_hash()
