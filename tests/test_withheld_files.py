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
