"""One raw document through every stage, once, in one direction."""
from __future__ import annotations

from dataclasses import dataclass, field

from . import boilerplate, dates, entities, facts, language, lexicon, metadata, sectors
from .config import Config
from .model import DocResult, RawDoc, Reject


@dataclass(frozen=True)
class Context:
    """What the stages need, built once per run from the config."""

    config: Config
    rules: boilerplate.Rules
    registry: metadata.Registry
    taxonomy: sectors.Taxonomy
    templates: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def build(cls, config: Config, templates: frozenset[str] = frozenset()) -> "Context":
        lexicon.set_timeout(config.limits.regex_timeout_s)
        return cls(config, boilerplate.Rules.from_config(config), metadata.Registry.from_config(config),
                   sectors.Taxonomy.from_config(config), templates)


def check_limits(raw: RawDoc, cfg: Config) -> Reject | None:
    lines = raw.text.split("\n")
    if len(lines) > cfg.limits.max_lines:
        return Reject(raw.source_path, "clean", "too_large", f"{len(lines)} lines, over the limit of {cfg.limits.max_lines}")
    longest = max(map(len, lines))
    if longest > cfg.limits.max_line_chars:
        return Reject(raw.source_path, "clean", "line_too_long", f"a line of {longest} characters, over the limit of {cfg.limits.max_line_chars}")
    return None


def run_stages(raw: RawDoc, ctx: Context, stage: list[str]) -> DocResult:
    """Every stage in order; `stage[0]` tracks where an error happened."""
    stage[0] = "clean"
    lines = raw.text.split("\n")
    lang = language.detect(raw.text)
    decisions = boilerplate.classify(lines, lang, ctx.rules, ctx.templates)
    meta = metadata.read(lines, decisions, lang, ctx.registry, raw.source_path, raw.url)
    decisions = metadata.lift_header(decisions, meta)
    body = boilerplate.assemble(decisions)
    stage[0] = "extract"
    found_dates = dates.find(body, lang, meta)
    return DocResult(
        raw=raw, language=lang, decisions=decisions, meta=meta, body_text=body,
        dates=found_dates,
        facts=facts.extract(body, lang, meta, found_dates),
        sectors=sectors.tag(body, lang, ctx.taxonomy),
        entities=entities.find(body, lang),
    )


def process(raw: RawDoc, ctx: Context) -> DocResult | Reject:
    """The document's result, or a Reject naming the stage: a bad page never takes the run down."""
    if (rejected := check_limits(raw, ctx.config)) is not None:
        return rejected
    stage = ["clean"]
    try:
        return run_stages(raw, ctx, stage)
    except TimeoutError as exc:
        return Reject(raw.source_path, stage[0], "timeout", f"a pattern ran over its time budget: {exc}")
    except Exception as exc:
        return Reject(raw.source_path, stage[0], type(exc).__name__, str(exc)[:500])
