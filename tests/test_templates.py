"""Corpus-level template lines: fingerprints, counting, selection."""
from __future__ import annotations

import pytest

from cqetl import templates


@pytest.mark.parametrize("a,b", [
    ("Copyright 2023 Example News", "Copyright  2024 Example News "),  # digits and white space folded
    ("Home | News", "HOME | NEWS"),
    ("版权所有 2006-2024", "版权所有\u30002010-2025"),
])
def test_same_fingerprint(a, b):
    assert templates.fingerprint(a) == templates.fingerprint(b) is not None


@pytest.mark.parametrize("line", ["", "   ", "x" * (templates.MAX_TEMPLATE_CHARS + 1)])
def test_no_fingerprint(line):
    assert templates.fingerprint(line) is None


def test_select_lines_on_enough_pages():
    pages = ["Home | News\nStory one.", "Home | News\nStory two.", "Home | News\nStory one.\nStory one."]
    counts = templates.count(templates.fingerprints(p) for p in pages)
    assert counts[templates.fingerprint("Story one.")] == 2  # counted once per page
    assert templates.select(counts, 3) == {templates.fingerprint("Home | News")}
