"""Loading of the pattern and word-list data files shipped in `cqetl/data/`.

Patterns live in YAML next to this module, never in code paths. Every regex
call on page text passes `timeout=TIMEOUT` so hostile input cannot hang a run.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import regex
import yaml

TIMEOUT = 2.0  # seconds per regex call on page text; set from config.limits


def set_timeout(seconds: float) -> None:
    global TIMEOUT
    TIMEOUT = seconds


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml parses the data files ~10x faster


def parse_yaml(text: str):
    """Safe YAML parsing, in C where PyYAML was built with libyaml."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """The parsed data file `cqetl/data/<name>.yaml`."""
    text = resources.files("cqetl").joinpath(f"data/{name}.yaml").read_text(encoding="utf-8")
    return parse_yaml(text) or {}


def alternation(words) -> str:
    """Pattern source of one alternation over literal words, longest first; matches nothing when empty."""
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True)) or r"(?!)"


def prefix_tree(words) -> str:
    """One alternation over literal words as a prefix tree (fast to try), longest match first."""
    trie: dict = {}
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        alts = [regex.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie) or "(?!)"


def words_pattern(words, flags=regex.IGNORECASE) -> regex.Pattern:
    """One alternation over literal words, longest first, on word boundaries where the word is Latin."""
    alts = []
    for w in sorted(set(words), key=len, reverse=True):
        esc = regex.escape(w)
        if regex.match(r"\w", w, flags=regex.ASCII):
            esc = r"\b" + esc
        if regex.search(r"\w$", w, flags=regex.ASCII):
            esc = esc + r"\b"
        alts.append(esc)
    return regex.compile("|".join(alts) or r"(?!)", flags)
