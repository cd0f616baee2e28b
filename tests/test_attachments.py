"""Attachments: read as what they are, not as what they are called; never whole (issue 13).

- Zero-byte, truncated, corrupt, encrypted and renamed-ZIP PDFs are problems
  in ``catalogue check`` on the record's file and its 「附件」 field, in Chinese;
  the build prints none of pypdf's English lines.
- Names with ``#``, ``?``, ``%``, spaces or Chinese are linked percent-encoded,
  and the file is at the decoded path.
- A 300 MB attachment is hashed, sniffed and skipped by search with a few
  megabytes of memory.
- A file listed by a 主动公开 record and by a withheld one is an error.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from build_tools.config import load_config
from build_tools.diagnostics import CODES, Severity
from build_tools.mkdocs_plugin.build import build_site
from build_tools.pipeline import check_catalogue
from build_tools.search import attachment_reader, search_key
from build_tools.visibility import public_view
from tests.sitetools import links_of, output_bytes, resolve
from tests.test_validate import covers
from tests.test_security import AGENCY, AS_OF, record_text, write_project


def pdf(*, password: str | None = None, text: str = "附件正文") -> bytes:
    """A one-page PDF whose text (extractable, as a real document's) is ``text``."""
    from tests.test_search import make_pdf
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([text]))))
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("readme.txt", "hello")
    return out.getvalue()


def notice(serial: int, attachments: list[str], disclosure: str = "主动公开", body: str = "正文。") -> str:
    fields = {"index_no": f"{AGENCY}/2024-{serial:05d}", "title": f"通知{serial}", "kind": "notice",
              "issuer": "测试厅", "category": "工业、交通/公路", "published": dt.date(2024, 3, 5),
              "disclosure": disclosure, "attachments": attachments}
    if disclosure != "主动公开":
        fields["withheld_reason"] = "条例第十四条"
    return record_text(fields, body)


def check(root: Path):
    config, problems = load_config(root / "mkdocs.yml")
    result = check_catalogue(config, AS_OF, problems)
    return [(p.file, p.line, p.key, p.code) for p in result.problems], result


GOOD = pdf()
BROKEN = {
    "empty.pdf": (b"", "attachment-empty"),
    "truncated.pdf": (GOOD[: len(GOOD) // 2], "attachment-damaged"),
    "corrupt.pdf": (b"%PDF-1.7\n" + b"\x8f garbage \x00" * 200 + b"\n%%EOF\n", "attachment-damaged"),
    "encrypted.pdf": (pdf(password="secret"), "attachment-encrypted"),
    "renamed-zip.pdf": (zip_bytes(), "attachment-wrong-type"),
    "page.pdf": (b"<!DOCTYPE html><html><script>alert(1)</script></html>", "attachment-wrong-type"),
    "zip.docx": (zip_bytes(), "attachment-wrong-type"),
    "pdf.xlsx": (GOOD, "attachment-wrong-type"),
    "cut.xlsx": (b"PK\x03\x04" + b"\x00" * 40, "attachment-damaged"),
    "image.png": (GOOD, "attachment-wrong-type"),
}


@pytest.fixture(scope="module")
def broken_project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("broken-attachments")
    records = {f"n{i}.md": notice(i, [name]) for i, name in enumerate(sorted(BROKEN), start=1)}
    records["good.md"] = notice(90, ["good.pdf"])
    write_project(root, records, files={**{n: d for n, (d, _) in BROKEN.items()}, "good.pdf": GOOD})
    return root


@covers("attachment-empty", "attachment-damaged", "attachment-encrypted", "attachment-wrong-type")
def test_unreadable_attachments_are_problems_on_the_record_and_its_field(broken_project):
    found, result = check(broken_project)
    expected = {(f"n{i}.md", 9, "attachments", BROKEN[name][1]) for i, name in enumerate(sorted(BROKEN), start=1)}
    assert set(found) == expected
    for p in result.problems:
        assert p.severity is Severity.ERROR
        assert "“" in p.message and not any(w in p.message for w in ("PdfReadError", "Error", "pypdf"))
        assert p.hint


def test_a_whole_pdf_and_an_owner_password_only_pdf_pass(tmp_path):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(GOOD)))
    writer.encrypt(user_password="", owner_password="owner")  # opens for anyone; only editing is restricted
    out = io.BytesIO()
    writer.write(out)
    write_project(tmp_path, {"a.md": notice(1, ["a.pdf", "b.pdf"])}, files={"a.pdf": GOOD, "b.pdf": out.getvalue()})
    assert check(tmp_path)[0] == []


def test_the_build_prints_no_english_pypdf_lines(broken_project, tmp_path, caplog, capfd):
    with caplog.at_level(logging.DEBUG):
        build_site(broken_project / "mkdocs.yml", site_dir=tmp_path / "site", as_of=AS_OF)
    out, err = capfd.readouterr()
    pypdf_lines = [r for r in caplog.records if r.name.startswith("pypdf")]
    assert pypdf_lines == []
    for line in (out + err).splitlines():
        assert "pypdf" not in line and "Invalid" not in line and "EOF marker" not in line, line
    # What the build does say about them is the check's Chinese message, with the record's file.
    said = [r.getMessage() for r in caplog.records if "attachment-damaged" in r.getMessage()]
    assert said and all("truncated.pdf" in s or "corrupt.pdf" in s or "cut.xlsx" in s for s in said)


NAMES = ["a#b.pdf", "问答?.pdf", "50% 通知.pdf", "附件 一.pdf", "x&y.pdf"]


def test_attachment_urls_are_percent_encoded_and_the_files_are_at_the_decoded_paths(tmp_path):
    files = {f"files/{n}": GOOD for n in NAMES}
    config = write_project(tmp_path, {"a.md": notice(1, [f"files/{n}" for n in NAMES])}, files=files)
    site = build_site(config, site_dir=tmp_path / "site", as_of=AS_OF, strict=True)
    page = site / "records" / f"{AGENCY}_2024-00001" / "index.html"
    hrefs = [h for h in links_of(page.read_text(encoding="utf-8")) if "attachments/" in h]
    assert len(hrefs) == len(NAMES)
    for href in hrefs:
        assert "#" not in href and "?" not in href and " " not in href
        target = resolve(site, f"records/{AGENCY}_2024-00001/", href)
        assert target is not None and target.is_file() and target.read_bytes() == GOOD
    assert sorted(p.name for p in (site / "attachments" / "files").iterdir()) == sorted(NAMES)


@covers("attachment-shared-not-public")
def test_an_attachment_shared_with_a_withheld_record_is_an_error(tmp_path):
    write_project(tmp_path, {"public.md": notice(1, ["shared.pdf"]),
                             "withheld.md": notice(2, ["shared.pdf"], disclosure="不予公开")},
                  files={"shared.pdf": GOOD})
    found, result = check(tmp_path)
    assert found == [("public.md", 9, "attachments", "attachment-shared-not-public")]
    assert "withheld.md" in result.problems[0].message
    assert CODES["attachment-shared-not-public"].severity is Severity.ERROR


def test_a_build_without_strict_never_publishes_a_file_a_withheld_record_lists(tmp_path):
    secret = pdf(text="WITHHELD-MARKER")
    write_project(tmp_path, {"public.md": notice(1, ["shared.pdf", "own.pdf"], body="见[附件](shared.pdf)。"),
                             "withheld.md": notice(2, ["shared.pdf"], disclosure="不予公开")},
                  files={"shared.pdf": secret, "own.pdf": GOOD})
    site = build_site(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site", as_of=AS_OF)
    published = [p for p in site.rglob("*") if p.is_file()]
    assert not [p for p in published if p.name == "shared.pdf"]
    assert [p for p in published if p.name == "own.pdf"]
    for p, data in output_bytes(site):  # the search index's files inflated
        assert b"shared.pdf" not in data and b"WITHHELD-MARKER" not in data, p



@pytest.mark.parametrize("link", ["symbolic", "hard", "copy", "copy of the record"])
def test_a_link_to_a_withheld_records_attachment_is_that_file(tmp_path, link):
    """A public record's ``files/pub.csv`` that links to the file a withheld record lists under another
    name was published, with its text in the search index: the gate compared names, not files (found by
    an attack review).  Now the file is withheld under both names, and check says so."""
    write_project(tmp_path, {"public.md": notice(1, ["files/pub.csv"]),
                             "withheld.md": notice(2, ["files/secret.csv"], disclosure="不予公开")},
                  files={"files/secret.csv": "项目,金额\nLINKEDSECRETMARK,1\n".encode()})
    files = tmp_path / "catalogue" / "files"
    if link == "symbolic":
        (files / "pub.csv").symlink_to("secret.csv")
    elif link == "hard":
        (files / "pub.csv").hardlink_to(files / "secret.csv")
    elif link == "copy":  # Explorer's copy, or the hard link as Git gives it back in CI's clone (an attack review)
        (files / "pub.csv").write_bytes((files / "secret.csv").read_bytes())
    else:
        (files / "pub.csv").write_bytes((tmp_path / "catalogue" / "withheld.md").read_bytes())
    found, result = check(tmp_path)
    assert found == [("public.md", 9, "attachments", "attachment-shared-not-public")]
    assert "withheld.md" in result.problems[0].message
    assert "files/secret.csv" in result.problems[0].message or "文件本身" in result.problems[0].message
    site = build_site(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site", as_of=AS_OF)
    assert (site / "records" / f"{AGENCY}_2024-00001" / "index.html").is_file()
    for p, data in output_bytes(site):  # the search index's files inflated
        assert b"LINKEDSECRETMARK" not in data and b"pub.csv" not in data and b"secret.csv" not in data, p



def test_an_attachment_that_is_a_withheld_records_own_file_is_withheld(tmp_path):
    """A hard link from ``files/rec.txt`` to a withheld record's Markdown published its whole text (found by
    a review); a symbolic one is refused by the file walk, naming its target."""
    write_project(tmp_path, {"public.md": notice(1, ["files/rec.txt"]),
                             "withheld.md": notice(2, ["files/own.pdf"], disclosure="不予公开", body="RECORDFILESECRET")},
                  files={"files/own.pdf": GOOD})
    cat = tmp_path / "catalogue"
    (cat / "files" / "rec.txt").hardlink_to(cat / "withheld.md")
    (cat / "files" / "sym.txt").symlink_to("../withheld.md")
    found, result = check(tmp_path)
    assert found == [("files/sym.txt", None, None, "outside-catalogue"),
                     ("public.md", 9, "attachments", "attachment-shared-not-public")]
    shared = next(p for p in result.problems if p.code == "attachment-shared-not-public")
    assert "withheld.md" in shared.message and "文件本身" in shared.message
    assert "withheld.md" in next(p.message for p in result.problems if p.code == "outside-catalogue")
    site = build_site(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site", as_of=AS_OF)
    for p, data in output_bytes(site):
        assert b"RECORDFILESECRET" not in data and b"rec.txt" not in data, p


def test_an_empty_file_or_another_of_the_same_size_is_no_copy(tmp_path):
    """Only the same bytes are the same file: an empty placeholder and a file of the same size with other
    bytes beside a withheld record's are published."""
    write_project(tmp_path, {"public.md": notice(1, ["files/pub.csv", "files/empty.txt"]),
                             "withheld.md": notice(2, ["files/secret.csv", "files/none.txt"], disclosure="不予公开")},
                  files={"files/secret.csv": b"a,b\nSECRET,1\n", "files/pub.csv": b"a,b\nPUBLIC,1\n",
                         "files/none.txt": b"", "files/empty.txt": b""})
    found, _ = check(tmp_path)
    assert [code for *_, code in found if code != "attachment-empty"] == []


def test_two_names_of_one_public_file_are_published_as_before(tmp_path):
    write_project(tmp_path, {"a.md": notice(1, ["files/a.csv"]), "b.md": notice(2, ["files/b.csv"])},
                  files={"files/a.csv": "项目,金额\nSHAREDPUBLICMARK,1\n".encode()})
    (tmp_path / "catalogue" / "files" / "b.csv").symlink_to("a.csv")
    found, _ = check(tmp_path)
    assert found == []
    site = build_site(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site", as_of=AS_OF, strict=True)
    for name in ("a.csv", "b.csv"):
        assert b"SHAREDPUBLICMARK" in (site / "attachments" / "files" / name).read_bytes()


# -- streaming --------------------------------------------------------------------------

BIG = 300 << 20


def _sparse(path: Path, head: bytes, tail: bytes = b"") -> Path:
    with open(path, "wb") as f:
        f.write(head)
        f.truncate(BIG - len(tail))
        f.seek(0, 2)
        f.write(tail)
    return path


@pytest.fixture(scope="module")
def big_project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("big")
    write_project(root, {"a.md": notice(1, ["v1.mp4", "v2.mp4", "big.pdf"])})
    cat = root / "catalogue"
    for name in ("v1.mp4", "v2.mp4"):
        _sparse(cat / name, b"\x00\x00\x00\x18ftypmp42")
    _sparse(cat / "big.pdf", b"%PDF-1.4\n", b"\n%%EOF\n")
    return root


def _peak(fn) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_checking_large_attachments_does_not_read_them_whole(big_project):
    config, _ = load_config(big_project / "mkdocs.yml")
    holder = {}
    peak = _peak(lambda: holder.setdefault("r", check_catalogue(config, AS_OF)))
    # The 300 MB PDF is not read for text: said (a warning), as its numbers go unchecked.
    assert [(p.file, p.code) for p in holder["r"].problems] == [("big.pdf", "attachment-not-checked")]
    assert peak < 32 << 20, peak


def test_search_hashes_and_reads_large_attachments_in_bounded_memory(big_project):
    config, _ = load_config(big_project / "mkdocs.yml")
    result = check_catalogue(config, AS_OF)
    public = public_view(result.catalogue, result.graph, AS_OF)
    read = attachment_reader(config.catalogue_dir)
    peak = _peak(lambda: search_key(public, read, config.categories))
    assert peak < 32 << 20, peak
    from build_tools.search.documents import search_documents
    peak = _peak(lambda: search_documents(public, read))
    assert peak < 32 << 20, peak
    # the key still changes with the bytes
    before = search_key(public, read, config.categories)
    with open(config.catalogue_dir / "v1.mp4", "r+b") as f:
        f.seek(BIG // 2)
        f.write(b"x")
    assert search_key(public, attachment_reader(config.catalogue_dir), config.categories) != before


def test_an_attachment_nobody_could_open_is_not_published_until_corrected(tmp_path):
    """The codes' reference says such a file is refused, yet a build copied the empty, damaged, locked and
    mistyped files and linked them (found by a review): a web page with a script named .pdf, and a
    damaged PDF whose text the privacy check could not read while a viewer still shows it."""
    files = {"files/好.csv": "名称,数量\n甲,1\n".encode(), "files/空.pdf": b"",
             "files/断.pdf": b"%PDF-1.4\n1 0 obj<<>>endobj\n",
             "files/网页.pdf": "<!DOCTYPE html><html><script>alert(1)</script>内部讨论稿</html>".encode(),
             "files/图.png": b"<svg onload='alert(1)'/>"}
    body = "附件见下。"
    record = record_text({"index_no": f"{AGENCY}/2024-00001", "title": "公示", "kind": "notice", "issuer": "测试厅",
                          "category": "工业、交通/公路", "published": dt.date(2024, 3, 1),
                          "attachments": list(files)}, body)
    config = write_project(tmp_path, {"n.md": record}, files=files)
    cfg, _ = load_config(config)
    said = {p.message.split("“")[1].split("”")[0]: p for p in check_catalogue(cfg, AS_OF).problems
            if p.code.startswith("attachment-")}
    assert set(said) == set(files) - {"files/好.csv"}
    assert all("网站不发布这个文件" in p.message for p in said.values())
    site = build_site(config, site_dir=tmp_path / "site", as_of=AS_OF)
    out = {f.relative_to(site).as_posix(): data for f, data in output_bytes(site)}
    page = out[f"records/{AGENCY}_2024-00001/index.html"].decode()
    assert "attachments/files/好.csv" in out and "好.csv" in page
    for rel in set(files) - {"files/好.csv"}:
        assert f"attachments/{rel}" not in out, rel
        assert rel.split("/")[1] not in page, rel
    assert not any(b"alert(1)" in data or "内部讨论稿".encode() in data for data in out.values())


def test_an_attachment_the_office_publishes_all_the_same_is_not_said_to_be_held_back(tmp_path):
    """With ``severity: {attachment-encrypted: warning}`` the file is published: the message must not say it
    is not (a review of this stop)."""
    files = {"files/空.pdf": b""}
    record = record_text({"index_no": f"{AGENCY}/2024-00001", "title": "公示", "kind": "notice", "issuer": "测试厅",
                          "category": "工业、交通/公路", "published": dt.date(2024, 3, 1),
                          "attachments": list(files)}, "正文。")
    for severity, held in (("", True), ("      severity:\n        attachment-empty: warning\n", False)):
        config = write_project(tmp_path / str(held), {"n.md": record}, files=files, options=severity)
        cfg, _ = load_config(config)
        [said] = [p for p in check_catalogue(cfg, AS_OF).problems if p.code == "attachment-empty"]
        assert ("网站不发布这个文件" in said.message) is held


def test_a_copy_a_record_not_yet_published_holds_does_not_hide_a_live_records_file(tmp_path):
    """An interpretation committed ahead for its day attached a copy of the live policy's file: copies being one
    file, the policy's download left the site until that day (a review).  A copy is one file only with what a
    record not 主动公开 holds; the link a later record holds still waits for it."""
    data = "项目,金额\nPUBLICTABLEMARK,1\n".encode()
    later = notice(2, ["files/copy.csv"]).replace("published: 2024-03-05", "published: 2026-12-30")
    write_project(tmp_path, {"public.md": notice(1, ["files/table.csv"]), "later.md": later},
                  files={"files/table.csv": data, "files/copy.csv": data})
    found, _ = check(tmp_path)
    assert [code for *_, code in found if code.startswith("attachment-shared")] == []
    site = build_site(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site", as_of=AS_OF)
    assert any(b"PUBLICTABLEMARK" in p.read_bytes() for p in site.rglob("table.csv"))
