"""Line-level boilerplate removal: every removed line names its reason and rule."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from . import lexicon
from .config import Config
from .model import LineDecision

_SENTENCE_END = regex.compile(r"[.!?。！？”\"')]\s*$")


@dataclass(frozen=True)
class Rules:
    lexicons: dict[str, regex.Pattern]

    @classmethod
    def from_config(cls, cfg: Config) -> "Rules":
        return cls({k: lexicon.words_pattern(v) for k, v in cfg.boilerplate.lexicons.items()})


def classify(lines: list[str], lang: str, rules: Rules, templates: frozenset[str] = frozenset()) -> list[LineDecision]:
    """One decision per non-blank line."""
    out = []
    for i, line in enumerate(lines):
        text = line.strip()
        if not text:
            continue
        words = text.split()
        prose = len(text) >= 30 if lang == "zh" else len(words) >= 8
        if prose and _SENTENCE_END.search(text, timeout=lexicon.TIMEOUT):
            out.append(LineDecision(i, line, True, None, "prose_v0", "long line ending a sentence"))
        else:
            out.append(LineDecision(i, line, False, "other", "short_line_v0", "short or unpunctuated"))
    return out


def assemble(decisions: list[LineDecision]) -> str:
    """body_text: the kept lines (or kept parts), one paragraph each."""
    parts = [(d.kept_text if d.kept_text is not None else d.text).strip() for d in decisions if d.keep]
    return "\n\n".join(p for p in parts if p)
