"""Discover raw files, read and decode them, give each its doc_id.

Whatever cannot become a document becomes a `Reject` with a reason code;
nothing raises for bad input.
"""
from __future__ import annotations

import codecs
import csv
import hashlib
import io
import os
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import ftfy
import regex
from charset_normalizer import from_bytes

from . import lexicon
from .model import RawDoc, Reject

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ""})
# Removed, or read as a plain space (str.replace: str.translate is ~50x slower on non-ASCII text).
_INVISIBLES = (*((c, "") for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"), *((c, " ") for c in "\u00a0\u2007\u202f\u3000"))
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# UTF-8 read as Latin-1/cp1252: a lead-byte letter followed by a continuation-byte character.
# Only text with such a pair pays for ftfy's full check.
_MOJIBAKE_HINT = regex.compile(r"[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")
# Share of control bytes above which a file is binary, not text with a slip.
_BINARY_CONTROL_SHARE = 0.05
_TEXT_BYTES = bytes([*range(9, 14), *range(32, 256)])  # deleted from a sample, they leave the control bytes


@dataclass(frozen=True)
class Found:
    path: Path
    rel: str


def discover(input_dir: Path, skip: frozenset[Path] = frozenset()) -> tuple[list[str], list[Reject]]:
    """The relative paths of files below `input_dir` but those in `skip`, in walk order (names sorted
    within a folder); links that leave the folder are rejected. Plain strings, no Path a file: at
    100,000 files the Paths cost ~50 MB of RSS."""
    root = input_dir.resolve()
    skipped = {str(p) for p in skip}
    rels: list[str] = []
    rejects: list[Reject] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        folder = os.path.relpath(dirpath, root)
        prefix = "" if folder == os.curdir else Path(folder).as_posix() + "/"
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            if name.startswith(".") or path in skipped:
                continue
            rel = prefix + name
            if os.path.islink(path):
                target = Path(path).resolve()
                if not target.is_relative_to(root):
                    rejects.append(Reject(rel, "read", "outside_input", f"symlink to {target} leaves the input folder"))
                    continue
            rels.append(rel)
    return rels, rejects


def doc_id_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _looks_binary(data: bytes) -> bool:
    if _is_utf16(data):
        return False  # its NUL bytes are half of every ASCII character
    if b"\x00" in data[:4096]:
        return True
    sample = data[:8192]
    ctrl = len(sample.translate(None, _TEXT_BYTES))
    return ctrl / max(len(sample), 1) > _BINARY_CONTROL_SHARE


def _is_utf16(data: bytes) -> bool:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    head = data[:4000]
    # UTF-16 without BOM: every other byte zero for ASCII-heavy text.
    return len(head) >= 4 and (head[1::2].count(0) > 0.4 * len(head) // 2 or head[0::2].count(0) > 0.4 * len(head) // 2)


def decode(data: bytes) -> tuple[str, str]:
    """Bytes to text; returns (text, encoding). Raises UnicodeError when nothing fits."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if _is_utf16(data):
        if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
            return data.decode("utf-16"), "utf-16"
        enc = "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be"
        return data.decode(enc), enc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=["gb18030", "big5", "cp1252", "shift_jis", "euc_kr", "latin_1"]).best()
    if best is None:
        raise UnicodeError("no encoding fits these bytes")
    enc = best.encoding
    if enc in ("gb2312", "gbk"):
        enc = "gb18030"  # the superset decodes every GBK file
    return data.decode(enc), enc


_ASTRAL = regex.compile(r"[\U00010000-\U0010FFFF]")


def _known_or_replacement(m) -> str:
    """Characters newer than this Python's Unicode tables (the `regex` module reads some as digits) become U+FFFD."""
    return "\ufffd" if unicodedata.category(m[0]) == "Cn" else m[0]


def normalise(text: str) -> str:
    """Line endings, NFC, no-break and zero-width characters, mojibake."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _MOJIBAKE_HINT.search(text, timeout=lexicon.TIMEOUT) and ftfy.badness.is_bad(text):
        text = ftfy.fix_text(text, normalization="NFC")
    text = unicodedata.normalize("NFC", text)
    if _ASTRAL.search(text, timeout=lexicon.TIMEOUT):
        text = _ASTRAL.sub(_known_or_replacement, text, timeout=lexicon.TIMEOUT)
    if not text.isascii():
        for char, repl in _INVISIBLES:
            if char in text:
                text = text.replace(char, repl)
    if text.replace("\n", "").replace("\t", "").isprintable():
        return text  # no control character (str methods: a class scan of the whole page is ~30x slower)
    return _CONTROL.sub("", text, timeout=lexicon.TIMEOUT)


def read(found: Found, max_bytes: int, url: str | None = None) -> RawDoc | Reject:
    rel = found.rel
    try:
        size = found.path.stat().st_size
        if size > max_bytes:
            return Reject(rel, "read", "too_large", f"{size} bytes, over the limit of {max_bytes}")
        data = found.path.read_bytes()
    except FileNotFoundError:
        return Reject(rel, "read", "vanished", "the file disappeared between discovery and reading")
    except OSError as exc:
        return Reject(rel, "read", type(exc).__name__, str(exc))
    if not data.strip():
        return Reject(rel, "read", "empty", "the file is empty or holds only white space")
    if _looks_binary(data):
        return Reject(rel, "decode", "binary", "the file holds binary data, not text")
    try:
        text, enc = decode(data)
    except (UnicodeError, LookupError) as exc:
        return Reject(rel, "decode", "undecodable", str(exc))
    try:
        text = normalise(text)
    except TimeoutError as exc:
        return Reject(rel, "decode", "timeout", f"repairing the text ran over its time budget: {exc}")
    if not text.strip():
        return Reject(rel, "decode", "empty", "no text left after decoding")
    return RawDoc(source_path=rel, text=text, doc_id=doc_id_of(text), n_bytes=len(data), encoding=enc, url=url)


# --- page addresses -------------------------------------------------------------------------------------

_PATH_COLUMNS = ("file", "path", "filename", "source_path")
_URL_COLUMNS = ("url", "address", "link", "source_url")


@dataclass(frozen=True)
class Addresses:
    """Page addresses from the scraper's manifests, by path below the input folder, else by a unique file name."""

    by_path: dict[str, str] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)
    files: frozenset[Path] = frozenset()  # the manifests themselves, which are not pages

    def url(self, rel: str) -> str | None:
        return self.by_path.get(rel) or self.by_name.get(PurePosixPath(rel).name)


def is_url(text: str) -> bool:
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def load_addresses(input_dir: Path, names: tuple[str, ...], max_bytes: int) -> tuple[Addresses, list[Reject]]:
    """Read the manifests among `names` (relative to `input_dir`) that exist; bad ones and bad rows are rejects."""
    root = input_dir.resolve()
    by_path: dict[str, str] = {}
    named: dict[str, str] = {}
    name_counts: Counter = Counter()
    files: set[Path] = set()
    rejects: list[Reject] = []
    for name in names:
        path = (root / name).resolve()
        if not path.is_file() or path in files:
            continue
        files.add(path)
        label = os.path.relpath(path, root)
        rows, problem = _manifest_rows(path, max_bytes)
        if problem:
            rejects.append(Reject(label, "read", "bad_url_manifest", problem))
            continue
        for line_no, file, url in rows:
            if not is_url(url):
                rejects.append(Reject(f"{label}:{line_no}", "read", "bad_url", f"{url!r} for {file!r} is not an http(s) address"))
                continue
            target = (path.parent / file).resolve()
            if target.is_relative_to(root):
                by_path.setdefault(target.relative_to(root).as_posix(), url)
            base = PurePosixPath(file).name
            name_counts[base] += 1
            named.setdefault(base, url)
    by_name = {n: u for n, u in named.items() if name_counts[n] == 1}
    return Addresses(by_path, by_name, frozenset(files)), rejects


def _manifest_rows(path: Path, max_bytes: int) -> tuple[list[tuple[int, str, str]], str | None]:
    """(line number, file, url) rows of a TSV or CSV manifest with a header, or the reason it can't be read."""
    try:
        data = path.read_bytes()
        if len(data) > max_bytes:
            return [], f"{len(data)} bytes, over the limit of {max_bytes}"
        text, _ = decode(data)
    except (OSError, UnicodeError, LookupError) as exc:
        return [], f"{type(exc).__name__}: {exc}"
    head = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text), delimiter="\t" if "\t" in head else ",")
    header = [h.strip().casefold() for h in next(reader, [])]
    pcol = next((header.index(c) for c in _PATH_COLUMNS if c in header), None)
    ucol = next((header.index(c) for c in _URL_COLUMNS if c in header), None)
    if pcol is None or ucol is None:
        return [], f"the header needs a file column ({'/'.join(_PATH_COLUMNS)}) and a url column ({'/'.join(_URL_COLUMNS)})"
    rows = []
    for line_no, row in enumerate(reader, start=2):
        if any(cell.strip() for cell in row):
            cells = row + [""] * (max(pcol, ucol) + 1 - len(row))
            rows.append((line_no, cells[pcol].strip(), cells[ucol].strip()))
    return rows, None
