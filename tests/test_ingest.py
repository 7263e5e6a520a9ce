import codecs
import os

import pytest

from cqetl import ingest
from cqetl.model import RawDoc, Reject

TEXT = "重庆 Chongqing café — 32 million\nsecond line\n"


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    TEXT.encode("utf-16"),
    codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    TEXT.encode("utf-16-le"),
    (TEXT.replace("café — ", "") + "这是一段较长的中文文字,用来让编码检测可靠。" * 5).encode("gb18030"),
], ids=["utf8", "utf8-bom", "utf16", "utf16-be-bom", "utf16-le-nobom", "gb18030"])
def test_decodes_every_supported_encoding(tmp_path, data):
    p = tmp_path / "page.txt"
    p.write_bytes(data)
    got = ingest.read(ingest.Found(p, "page.txt"), 10**6)
    assert isinstance(got, RawDoc), got
    assert "重庆 Chongqing" in got.text
    assert "\ufeff" not in got.text


def test_windows_1252(tmp_path):
    p = tmp_path / "page.txt"
    p.write_bytes("Renée visited the Café Lumière, a “new” outlet — 7 stores in all.\n".encode("cp1252"))
    got = ingest.read(ingest.Found(p, "page.txt"), 10**6)
    assert isinstance(got, RawDoc)
    assert "Renée" in got.text and "Café" in got.text and "“new”" in got.text


@pytest.mark.parametrize("raw, want", [
    ("a\u00a0b", "a b"),
    ("zero\u200bwidth", "zerowidth"),
    ("crlf\r\nline", "crlf\nline"),
    ("cafÃ© in ChongqingÂ â€” nice", "café in Chongqing"),
])
def test_normalise_repairs(raw, want):
    assert want in ingest.normalise(raw)


@pytest.mark.parametrize("data, size_limit, error", [
    (b"", 100, "empty"),
    (b"   \n\n ", 100, "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, 10**6, "binary"),
    (b"x" * 200, 100, "too_large"),
])
def test_bad_inputs_become_rejects(tmp_path, data, size_limit, error):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    got = ingest.read(ingest.Found(p, "bad.txt"), size_limit)
    assert isinstance(got, Reject)
    assert got.error == error and got.message


def test_vanished_file_is_a_reject(tmp_path):
    got = ingest.read(ingest.Found(tmp_path / "gone.txt", "gone.txt"), 100)
    assert isinstance(got, Reject) and got.error == "vanished"


def test_doc_id_is_stable_and_content_based(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("same text\n", encoding="utf-8")
    b.write_bytes("same text\r\n".encode("utf-16"))
    ra, rb = (ingest.read(ingest.Found(p, p.name), 1000) for p in (a, b))
    assert ra.doc_id == rb.doc_id == ingest.doc_id_of("same text\n")
    assert len(ra.doc_id) == 16


def test_discover_skips_links_leaving_the_folder_and_keeps_odd_names(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    for name in ("with space.txt", "-leading-dash.txt", "重庆.txt"):
        (root / name).write_text("text")
    os.symlink(outside, root / "link.txt")
    (root / "sub").mkdir()
    (root / "sub" / "inner.txt").write_text("inner")
    os.symlink(root / "sub" / "inner.txt", root / "inside-link.txt")
    rels, rejects = ingest.discover(root)
    assert sorted(rels) == sorted(["-leading-dash.txt", "inside-link.txt", "sub/inner.txt", "with space.txt", "重庆.txt"])
    assert [(r.source_path, r.error) for r in rejects] == [("link.txt", "outside_input")]


def _manifest(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("where, text, rel, want", [
    ("raw/sources.tsv", "file\turl\na.txt\thttps://news.example.com/a\n", "a.txt", "https://news.example.com/a"),
    ("sources.tsv", "file\turl\tquery\na.txt\thttps://news.example.com/a\tq\n", "a.txt", "https://news.example.com/a"),
    ("sources.tsv", "file\turl\nraw/sub/a.txt\thttp://x.example.org/1\n", "sub/a.txt", "http://x.example.org/1"),
    ("raw/urls.csv", "Path,URL\nsub/a.txt,http://x.example.org/2\n", "sub/a.txt", "http://x.example.org/2"),
    ("raw/sources.tsv", "file\turl\nsub/a.txt\thttps://x.example.org/3\n", "other/a.txt", "https://x.example.org/3"),
    ("raw/sources.tsv", "file\turl\none/a.txt\thttps://x.example.org/4\ntwo/a.txt\thttps://x.example.org/5\n",
     "three/a.txt", None),
    ("raw/sources.tsv", "file\turl\nb.txt\thttps://x.example.org/6\n", "a.txt", None),
], ids=["in-folder", "beside-folder", "path-from-parent", "csv-any-case", "unique-name", "ambiguous-name", "absent"])
def test_page_addresses_come_from_a_manifest_in_or_beside_the_input_folder(tmp_path, where, text, rel, want):
    _manifest(tmp_path / where, text)
    names = ("sources.tsv", "urls.csv", "../sources.tsv")
    addresses, rejects = ingest.load_addresses(tmp_path / "raw", names, 10**6)
    assert rejects == []
    assert addresses.url(rel) == want
    assert (tmp_path / where).resolve() in addresses.files


@pytest.mark.parametrize("text, error", [
    ("name\tlink\na.txt\thttp://x.example.org/\n", "bad_url_manifest"),
    ("file\turl\na.txt\tnot an address\n", "bad_url"),
    ("file\turl\na.txt\tftp://x.example.org/a\n", "bad_url"),
    ("file\turl\na.txt\thttp://\n", "bad_url"),
])
def test_a_bad_manifest_or_row_is_a_reject(tmp_path, text, error):
    _manifest(tmp_path / "raw" / "sources.tsv", text)
    addresses, rejects = ingest.load_addresses(tmp_path / "raw", ("sources.tsv",), 10**6)
    assert [r.error for r in rejects] == [error]
    assert rejects[0].source_path.startswith("sources.tsv")
    assert addresses.url("a.txt") is None


def test_a_manifest_in_the_input_folder_is_not_a_page(tmp_path):
    _manifest(tmp_path / "sources.tsv", "file\turl\na.txt\thttps://x.example.org/a\n")
    (tmp_path / "a.txt").write_text("A page\n", encoding="utf-8")
    addresses, _ = ingest.load_addresses(tmp_path, ("sources.tsv",), 10**6)
    rels, _ = ingest.discover(tmp_path, addresses.files)
    assert rels == ["a.txt"]
    assert ingest.read(ingest.Found(tmp_path / "a.txt", "a.txt"), 10**6, addresses.url("a.txt")).url == "https://x.example.org/a"
