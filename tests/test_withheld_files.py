"""A file that a record not published may hold is not published, however that record names it.

An attack round found three ways a withheld record's file reached the site
as a public record's attachment, all because the files withheld were only
those a readable record listed under ``attachments``: the withheld record
could not be read (a Tab, a pasted ``备注：`` line), it repeated the public
record's index number (and was dropped), or it named the file under a
misspelt key or only linked it in its body.  Each is tried here with a
build, and each must be reported to the public record's editor.
"""

from __future__ import annotations

import datetime as dt

import pytest

from build_tools.mkdocs_plugin.build import build_site
from tests.test_attachments import check
from tests.test_security import AGENCY, AS_OF, output_files, record_text, write_project

SHARED = "files/shared-neibu-mingdan.csv"
CONTENT = "项目,金额\nNEIBU-CONTENT,1\n".encode()


def fields(n: int, title: str, **more) -> dict:
    out = {"index_no": f"{AGENCY}/2024-{n:05d}", "title": title, "kind": "notice", "issuer": "测试厅",
           "category": "工业、交通/公路", "published": dt.date(2024, 3, 5)}
    out.update(more)
    return out


PUBLIC = record_text(fields(1, "公开通知甲", attachments=[SHARED]), "正文甲。")
WITHHELD = dict(disclosure="不予公开", withheld_reason="条例第十四条")


def _tabbed() -> str:
    text = record_text(fields(2, "内部通知乙", **WITHHELD, attachments=[SHARED]), "内部。")
    return text.replace(f'attachments: ["{SHARED}"]', f"attachments:\n\t- {SHARED}")


CASES = {
    # b cannot be read: a line pasted from an OA system, a Tab before a list item
    "pasted-line": record_text(fields(2, "内部通知乙", **WITHHELD, attachments=[SHARED]), "内部。").replace(
        "title:", "备注：从OA导出\ntitle:", 1),
    "tab": _tabbed(),
    # b repeats a's index number and comes later: it is dropped, its files with it
    "same-index": record_text(fields(1, "内部通知乙", **WITHHELD, attachments=[SHARED]), "内部。"),
    # b names the file under a misspelt key, or only in its body
    "misspelt-key": record_text(fields(2, "内部通知乙", **WITHHELD, attachment=[SHARED]), "内部。"),
    "chinese-key": record_text(fields(2, "内部通知乙", **WITHHELD, **{"附件列表": [SHARED]}), "内部。"),
    "body-link": record_text(fields(2, "内部通知乙", **WITHHELD), f"内部，见[名单]({SHARED})。"),
    "body-text": record_text(fields(2, "内部通知乙", **WITHHELD), f"名单见 {SHARED} 。"),
    "encoded-link": record_text(fields(2, "内部通知乙", **WITHHELD),
                                "见[名单](files/shared%2Dneibu%2Dmingdan.csv#page=1)。"),
}


SPACED, CHINESE = "files/内部 名单.csv", "files/名单.csv"
BROKEN = "备注：从OA导出\ntitle:"
"""A line pasted from an OA system before the title: the front matter does not parse."""
# A second round: forms the first reading of the names missed (each a build).
FORMS = {
    "space-in-flow-list": (SPACED, record_text(fields(2, "乙", **WITHHELD, attachment=[SPACED]), "内部。")),
    "space-in-broken-list": (SPACED, record_text(fields(2, "乙", **WITHHELD, attachments=[SPACED]), "内部。")
                             .replace("title:", BROKEN, 1)),
    "corner-brackets": (SPACED, record_text(fields(2, "乙", **WITHHELD), f"见「{SPACED}」。")),
    "angle-link": (SPACED, record_text(fields(2, "乙", **WITHHELD), f"见[名单](<{SPACED}>)。")),
    "comment-after": (SPACED, record_text(fields(2, "乙", **WITHHELD), "内部。").replace(
        "withheld_reason:", f"attachment:\n  - {SPACED}  # 内部\nwithheld_reason:", 1)),
    "chinese-quotes": (CHINESE, record_text(fields(2, "乙", **WITHHELD), f"名单见“{CHINESE}”。")),
    "book-title-marks": (CHINESE, record_text(fields(2, "乙", **WITHHELD), f"见《{CHINESE}》")),
    "against-chinese": (CHINESE, record_text(fields(2, "乙", **WITHHELD), f"详见{CHINESE}。")),
    "folded": (SHARED, record_text(fields(2, "乙", **WITHHELD), "内部。").replace(
        "withheld_reason:", "attachment: >-\n  files/shared-neibu-\n  mingdan.csv\nwithheld_reason:", 1)),
    "yaml-escapes": (CHINESE, record_text(fields(2, "乙", **WITHHELD), "内部。").replace(
        "withheld_reason:", 'attachment: ["files/\\u540d\\u5355.csv"]\nwithheld_reason:', 1).replace("title:", BROKEN, 1)),
    "full-width-extension": (CHINESE, record_text(fields(2, "乙", **WITHHELD), "见 files/名单.ｃｓｖ 。")),
    "entity": (CHINESE, record_text(fields(2, "乙", **WITHHELD), "见 files/名单&#46;csv 。")),
    "backslashes": (CHINESE, record_text(fields(2, "乙", **WITHHELD), "见 files\\名单.csv 。")),
    "current-folder": (CHINESE, record_text(fields(2, "乙", **WITHHELD), "见 ./files/名单.csv 。")),
}


@pytest.mark.parametrize("case", sorted(FORMS))
def test_however_a_record_not_published_writes_a_files_name_it_is_withheld(tmp_path, case):
    shared, withheld = FORMS[case]
    public = record_text(fields(1, "公开通知甲", attachments=[shared]), "正文甲。")
    write_project(tmp_path, {"a.md": public, "b.md": withheld}, files={shared: CONTENT})
    found, _ = check(tmp_path)
    assert ("a.md", 8, "attachments", "attachment-shared-not-public") in found, found
    site = build_site(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site", as_of=AS_OF)
    assert [rel for rel, data in output_files(site) if b"NEIBU-CONTENT" in data] == []


def test_a_record_saved_as_utf16_withholds_what_it_names(tmp_path):
    withheld = record_text(fields(2, "乙", **WITHHELD, attachments=[CHINESE]), "内部。")
    write_project(tmp_path, {"a.md": record_text(fields(1, "甲", attachments=[CHINESE]), "正文。")},
                  files={CHINESE: CONTENT, "b.md": withheld.encode("utf-16")})
    site = build_site(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site", as_of=AS_OF)
    assert [rel for rel, data in output_files(site) if b"NEIBU-CONTENT" in data] == []


def test_a_name_is_read_from_the_records_own_folder_only(tmp_path):
    """2024/b.md, withheld, lists its own 附件/附件1.csv: the catalogue's 附件/附件1.csv, which a public
    record at the top lists, is another file and stays published (an attack round found it withheld)."""
    mine = record_text(fields(2, "乙", **WITHHELD, attachments=["附件/附件1.csv"]), "内部，见附件/附件1.csv。")
    write_project(tmp_path, {"a.md": record_text(fields(1, "甲", attachments=["附件/附件1.csv"]), "正文。"),
                             "2024/b.md": mine},
                  files={"附件/附件1.csv": "公开,1\n".encode(), "2024/附件/附件1.csv": CONTENT})
    found, _ = check(tmp_path)
    assert not any(c == "attachment-shared-not-public" for *_, c in found), found
    site = build_site(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site", as_of=AS_OF)
    assert (site / "attachments/附件/附件1.csv").read_bytes() == "公开,1\n".encode()
    assert [rel for rel, data in output_files(site) if b"NEIBU-CONTENT" in data] == []


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_file_a_record_not_published_names_is_not_published(tmp_path, case):
    write_project(tmp_path, {"a.md": PUBLIC, "b.md": CASES[case]}, files={SHARED: CONTENT})
    if case == "tab":
        assert "\t- " in (tmp_path / "catalogue/b.md").read_text()
    found, _ = check(tmp_path)
    assert ("a.md", 8, "attachments", "attachment-shared-not-public") in found, found
    site = build_site(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site", as_of=AS_OF)
    leaked = [rel for rel, data in output_files(site) if b"NEIBU-CONTENT" in data or b"neibu-mingdan" in data]
    assert leaked == []
    assert (site / f"records/{AGENCY}_2024-00001/index.html").is_file()  # a itself is published


def test_a_file_a_public_record_names_in_its_body_stays_published(tmp_path):
    """Only records that are not published withhold what they name: a public record that links another
    public record's attachment in its body takes nothing off."""
    other = record_text(fields(2, "公开通知丙"), f"见[名单]({SHARED})。")
    write_project(tmp_path, {"a.md": PUBLIC, "c.md": other}, files={SHARED: CONTENT})
    found, _ = check(tmp_path)
    assert not any(c == "attachment-shared-not-public" for *_, c in found), found
    site = build_site(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site", as_of=AS_OF)
    assert (site / "attachments" / SHARED).read_bytes() == CONTENT


def test_the_check_names_the_record_that_holds_the_file_and_what_to_do(tmp_path):
    write_project(tmp_path, {"a.md": PUBLIC, "b.md": CASES["misspelt-key"]}, files={SHARED: CONTENT})
    _, result = check(tmp_path)
    [p] = [p for p in result.problems if p.code == "attachment-shared-not-public"]
    assert p.file == "a.md" and "b.md" in p.message and SHARED in p.message and "b.md" in p.hint


def test_a_file_added_later_that_a_cached_record_names_is_withheld_too(tmp_path):
    """What a record not published names depends on every file there is: the load cache keeps its
    outcome only while the catalogue's files stay the same, so a file added later that it names is
    withheld as a clean build withholds it."""
    write_project(tmp_path, {"a.md": record_text(fields(1, "公开通知甲"), "正文甲。"), "b.md": CASES["body-text"]})
    site = tmp_path / "site"
    build_site(tmp_path / "mkdocs.yml", site_dir=site, as_of=AS_OF)  # the file is not there yet
    (tmp_path / "catalogue" / SHARED).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "catalogue" / SHARED).write_bytes(CONTENT)
    (tmp_path / "catalogue" / "a.md").write_text(PUBLIC, encoding="utf-8")  # now a lists it; b is as it was
    build_site(tmp_path / "mkdocs.yml", site_dir=site, as_of=AS_OF)
    assert (site / f"records/{AGENCY}_2024-00001/index.html").is_file()
    assert [rel for rel, data in output_files(site) if b"NEIBU-CONTENT" in data] == []


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_check_reports_a_public_body_that_names_what_the_build_withholds(tmp_path, case):
    """However the file came to be withheld (a record with errors or a repeated index number that
    lists it, a record not published that names it under a misspelt key or in its body), a public
    body that names it is reported by ``catalogue check``, as the build takes the name out: the check
    reads the same withheld files as the build (an attack round found it missed those a record with
    errors names)."""
    other = record_text(fields(3, "公开通知丙"), "名单另见 shared-neibu-mingdan.csv 。")
    write_project(tmp_path, {"a.md": PUBLIC, "b.md": CASES[case], "c.md": other}, files={SHARED: CONTENT})
    found, _ = check(tmp_path)
    assert any(f == "c.md" and c == "body-link-not-public" for f, _, _, c in found), found
    site = build_site(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site", as_of=AS_OF)
    page = (site / f"records/{AGENCY}_2024-00003/index.html").read_text(encoding="utf-8")
    assert "名单另见" in page and "neibu-mingdan" not in page
