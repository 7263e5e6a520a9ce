"""The validated configuration.

`config.yaml` at the project root is the full default; the same file ships
inside the package. A user's file may be partial: it is merged over the
packaged defaults (mappings merge key by key, lists and scalars replace).
A wrong key, type or value raises `ConfigError` naming the key.
"""
from __future__ import annotations

import hashlib
import json
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from . import lexicon


class ConfigError(ValueError):
    """The configuration is invalid; the message names the key."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Limits(_Strict):
    max_bytes: int = Field(2_000_000, gt=0, description="larger raw files are rejected as too_large")
    max_line_chars: int = Field(20_000, gt=0, description="pages with a longer line are rejected as line_too_long")
    max_lines: int = Field(20_000, gt=0, description="pages with more lines are rejected as too_large")
    regex_timeout_s: float = Field(2.0, gt=0, description="time budget of each regex call on page text")


class Schedule(_Strict):
    cron: str = "0 6 * * *"
    timezone: str = "UTC"

    @field_validator("cron")
    @classmethod
    def _five_fields(cls, v: str) -> str:
        if len(v.split()) != 5:
            raise ValueError("a cron expression has five fields, e.g. '0 6 * * *'")
        return v


class TaskRunner(_Strict):
    kind: Literal["default", "dask"] = "default"
    address: str | None = None  # an existing Dask scheduler; None starts a LocalCluster
    n_workers: int = Field(2, gt=0)


class Source(_Strict):
    key: str
    name: str
    name_zh: str | None = None
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    kind: Literal["outlet", "agency", "portal", "organisation"] = "outlet"
    # Whether the website goes by the names above, so that its address alone can name them;
    # unset: yes for outlets, no for portals (a government body's name is not its site's).
    site_named: bool | None = None

    @property
    def names_its_site(self) -> bool:
        return self.kind != "portal" if self.site_named is None else self.site_named


class Sector(_Strict):
    key: str
    isic: str | None = None
    aliases: tuple[str, ...] = ()
    aliases_zh: tuple[str, ...] = ()


class Boilerplate(_Strict):
    repeat_min_docs: int = Field(3, ge=2, description="a line seen on this many pages of one site is template text")
    lexicons: dict[str, tuple[str, ...]] = Field(default_factory=dict)


class Config(_Strict):
    input_dir: Path = Path("data/raw")
    output_dir: Path = Path("data/processed")
    batch_size: int = Field(200, gt=0, le=100_000)
    url_manifests: tuple[str, ...] = ("sources.tsv", "../sources.tsv")
    limits: Limits = Limits()
    schedule: Schedule = Schedule()
    task_runner: TaskRunner = TaskRunner()
    boilerplate: Boilerplate = Boilerplate()
    registry: tuple[Source, ...] = ()
    sectors: tuple[Sector, ...] = ()

    def extraction_hash(self) -> str:
        """Hash of the parts of the config that change extracted rows."""
        part = self.model_dump(mode="json", include={"limits", "boilerplate", "registry", "sectors"})
        return hashlib.sha256(json.dumps(part, sort_keys=True).encode()).hexdigest()[:16]


def _merge(base: Any, over: Any) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for k, v in over.items():
            out[k] = _merge(base.get(k), v) if k in base else v
        return out
    return over


def packaged_defaults() -> dict:
    text = resources.files("cqetl").joinpath("data/config.yaml").read_text(encoding="utf-8")
    return lexicon.parse_yaml(text) or {}


def _describe(err: ValidationError) -> str:
    lines = []
    for e in err.errors():
        key = ".".join(str(p) for p in e["loc"]) or "(top level)"
        lines.append(f"config key '{key}': {e['msg']}")
    return "\n".join(lines)


def load_config(path: str | Path | None = None, **overrides: Any) -> Config:
    """Packaged defaults, then the file at `path`, then keyword overrides."""
    data = packaged_defaults()
    if path is not None:
        p = Path(path)
        if not p.is_file():
            raise ConfigError(f"config file not found: {p}")
        try:
            user = lexicon.parse_yaml(p.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise ConfigError(f"config file {p} is not valid YAML: {exc}") from exc
        if not isinstance(user, dict):
            raise ConfigError(f"config file {p}: expected a mapping of keys at the top level")
        data = _merge(data, user)
    data = _merge(data, {k: v for k, v in overrides.items() if v is not None})
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_describe(exc)) from None
