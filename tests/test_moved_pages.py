"""A record page whose 索引号 was corrected after it was public keeps its old address (views/moved.py).

A page's address is made from its number, so a corrected number left every link to the old page answering
404 (a review).  The build reads the numbers a page was public under from Git and puts, at each old
address, a page that sends the reader on; a number another file took since is a number used twice.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

import pytest

from build_tools.mkdocs_plugin.build import BuildFailed, build_site
from tests.sitetools import all_text
from tests.test_history import GIT, commit, make_project, record, write

pytestmark = pytest.mark.skipif(GIT is None, reason="git is not installed")

AS_OF = dt.date(2025, 6, 1)
OLD, NEW, OTHER = "015200371/2025-00001", "015200371/2025-00091", "015200371/2025-00002"
TITLE = "关于公路养护的通知"


def _slug(number: str) -> str:
    return number.replace("/", "_")


def _page(site: Path, number: str, sub: str = "") -> Path:
    return site / "records" / _slug(number) / sub / "index.html"


def _corrected(tmp_path: Path, *, first: str = OLD, **fields) -> Path:
    """A project whose notice was public as ``first``, then corrected to NEW; returns mkdocs.yml."""
    config = make_project(tmp_path / "p")
    repo = config.parent
    write(repo, "a.md", record(first, TITLE, "2025-01-10", **fields))
    commit(repo, "2025-02-01")
    write(repo, "a.md", record(NEW, TITLE, "2025-01-10"))
    commit(repo, "2025-03-01", "更正索引号")
    return config


def _logged(caplog) -> str:
    return "\n".join(r.getMessage() for r in caplog.records)


def test_the_old_address_sends_the_reader_to_the_page_and_is_listed_nowhere(tmp_path, caplog):
    config = _corrected(tmp_path)
    with caplog.at_level(logging.INFO):
        site = build_site(config, site_dir=tmp_path / "site", as_of=AS_OF, strict=True)  # a warning: published
    assert _page(site, NEW).is_file()
    moved = _page(site, OLD).read_text(encoding="utf-8")
    target = f"../{_slug(NEW)}/"
    assert f'<meta http-equiv="refresh" content="0; url={target}">' in moved
    assert f'<a href="{target}">{TITLE}</a>' in moved and '<meta name="robots" content="noindex">' in moved
    assert '<html lang="zh-CN">' in moved and OLD in moved and NEW in moved
    assert (_page(site, OLD).parent / target / "index.html").resolve() == _page(site, NEW).resolve()
    assert "[index-number-changed]" in _logged(caplog) and f"曾以索引号 {OLD}" in _logged(caplog)
    for path, text in all_text(site):  # no sitemap entry, no search entry, no feed item, no open data
        if path not in (_page(site, OLD), site / ".catalogue-site"):  # (the build's list of the files it wrote)
            assert _slug(OLD) not in text and OLD not in text, path


def test_without_directory_urls_the_old_address_names_the_pages_file(tmp_path):
    config = _corrected(tmp_path)
    config.write_text(config.read_text(encoding="utf-8").replace("use_directory_urls: true", "use_directory_urls: false"),
                      encoding="utf-8")
    site = build_site(config, site_dir=tmp_path / "site", as_of=AS_OF)
    moved = _page(site, OLD).read_text(encoding="utf-8")
    assert f'url=../{_slug(NEW)}/index.html"' in moved


def test_a_versions_page_keeps_its_old_address_too(tmp_path):
    config = make_project(tmp_path / "p")
    repo = config.parent
    policy = record(OLD, "江川省公路养护管理办法", "2025-01-10").replace("kind: notice", "kind: policy\ndoc_type: 规范性文件\n"
                                                                     "interpretation_exempt: 内部管理规定")
    amending = record(OTHER, "关于修改《江川省公路养护管理办法》的决定", "2025-02-10").replace(
        "kind: notice", f"kind: policy\ndoc_type: 规范性文件\ninterpretation_exempt: 内部管理规定\namends: [{OLD}]")
    write(repo, "p.md", policy)
    write(repo, "q.md", amending)
    commit(repo, "2025-02-20")
    write(repo, "p.md", policy.replace(OLD, NEW))
    write(repo, "q.md", amending.replace(f"amends: [{OLD}]", f"amends: [{NEW}]"))
    commit(repo, "2025-03-01", "更正索引号")
    site = build_site(config, site_dir=tmp_path / "site", as_of=AS_OF)
    assert _page(site, NEW, "versions").is_file()
    moved = _page(site, OLD, "versions").read_text(encoding="utf-8")
    assert f'url=../../{_slug(NEW)}/versions/"' in moved


@pytest.mark.parametrize("withheld", [
    {"disclosure": "依申请公开"},  # corrected while withheld: the old number never had a page
    {"first": "０１５２００３７１/２０２５-０００９１"},  # full-width digits made ASCII: the same number, the same page
])
def test_a_number_that_never_had_a_page_of_its_own_gets_none(tmp_path, caplog, withheld):
    config = _corrected(tmp_path, **withheld)
    with caplog.at_level(logging.INFO):
        site = build_site(config, site_dir=tmp_path / "site", as_of=AS_OF)
    assert _page(site, NEW).is_file() and not (site / "records" / _slug(OLD)).exists()
    assert "index-number-changed" not in _logged(caplog)


def test_a_number_embargoed_until_after_its_correction_had_no_page(tmp_path, caplog):
    config = make_project(tmp_path / "p")
    repo = config.parent
    write(repo, "a.md", record(OLD, TITLE, "2025-04-01"))  # to be published in April
    commit(repo, "2025-02-01")
    write(repo, "a.md", record(NEW, TITLE, "2025-04-01"))
    commit(repo, "2025-03-01", "更正索引号")
    with caplog.at_level(logging.INFO):
        site = build_site(config, site_dir=tmp_path / "site", as_of=AS_OF)
    assert not (site / "records" / _slug(OLD)).exists() and "index-number-changed" not in _logged(caplog)


def test_a_public_number_given_to_another_file_is_an_error(tmp_path, caplog):
    config = _corrected(tmp_path)
    repo = config.parent
    write(repo, "b.md", record(OLD, "另一份通知", "2025-03-10"))  # the freed number, taken again
    commit(repo, "2025-03-10")
    with pytest.raises(BuildFailed):
        build_site(config, site_dir=tmp_path / "strict", as_of=AS_OF, strict=True)
    messages = _logged(caplog)
    assert re.search(rf"b\.md:2 \[index-number-reused\] 索引号 {OLD} 已经公开用过：记录文件 a\.md", messages), messages
    assert "index-number-changed" not in messages
    caplog.clear()
    site = build_site(config, site_dir=tmp_path / "site", as_of=AS_OF)
    assert "另一份通知" in _page(site, OLD).read_text(encoding="utf-8")  # the record's own page, not sent away


def _build_log(config: Path, tmp_path: Path, caplog, name: str = "site") -> tuple[Path, str]:
    caplog.clear()
    with caplog.at_level(logging.INFO):
        site = build_site(config, site_dir=tmp_path / name, as_of=AS_OF)
    return site, _logged(caplog)


def test_a_body_line_restating_a_cited_documents_number_is_not_the_records(tmp_path, caplog):
    """索引号: … in a body (a cited document's details) was read from Git as the record's own former number (a
    review): a correct record was called reused, or one document's address sent to another."""
    config = make_project(tmp_path / "p")
    repo = config.parent
    write(repo, "b.md", record(OTHER, "被引用的通知", "2025-01-05"))
    write(repo, "a.md", record(NEW, TITLE, "2025-01-10", body="正文。"))
    commit(repo, "2025-02-01")
    write(repo, "a.md", record(NEW, TITLE, "2025-01-10", body=f"正文。\n\n引用文件信息：\n\n索引号: {OTHER}\n"))
    commit(repo, "2025-03-01")
    _, said = _build_log(config, tmp_path, caplog)
    assert "index-number-changed" not in said and "index-number-reused" not in said


@pytest.mark.parametrize("case", ["duplicate fixed", "placeholder", "hidden backup", "archived", "written over",
                                  "another policy", "next half year", "months later"])
def test_what_is_no_correction_of_a_published_number_is_said_nowhere(tmp_path, caplog, case):
    """A duplicate fixed minutes later, a placeholder numbered later, a backup in .bak/, a file archived under
    another name and written anew, a file written over with next year's notice: each was said reused or sent
    one document's address to another (a review)."""
    from tests.test_history import git
    config = make_project(tmp_path / "p")
    repo = config.parent
    if case == "duplicate fixed":
        write(repo, "b.md", record(OLD, "另一份通知", "2025-01-05"))
        commit(repo, "2025-01-20")
        write(repo, "a.md", record(OLD, TITLE, "2025-01-10"))  # copied the number by mistake
        commit(repo, "2025-02-01")
        write(repo, "a.md", record(NEW, TITLE, "2025-01-10"))
        commit(repo, "2025-02-02")
    elif case == "placeholder":
        write(repo, "a.md", record("（待编号）", TITLE, "2025-01-10"))
        commit(repo, "2025-02-01")
        write(repo, "a.md", record(NEW, TITLE, "2025-01-10"))
        commit(repo, "2025-03-01")
    elif case == "hidden backup":
        write(repo, "a.md", record(OLD, TITLE, "2025-01-10"))
        commit(repo, "2025-02-01")
        write(repo, ".bak/a.md", record(OLD, TITLE, "2025-01-10"))
        write(repo, "a.md", record(NEW, TITLE, "2025-01-10"))
        commit(repo, "2025-03-01")
    elif case == "archived":
        write(repo, "notices/01.md", record(OLD, TITLE, "2025-01-10"))
        commit(repo, "2025-02-01")
        (repo / "catalogue/notices/2025").mkdir()
        git(repo, "mv", "catalogue/notices/01.md", "catalogue/notices/2025/01.md")
        write(repo, "notices/01.md", record(NEW, "关于做好2026年春运工作的通知", "2025-03-01"))
        commit(repo, "2025-03-01")
    elif case == "written over":
        write(repo, "a.md", record(OLD, "关于做好2025年春运工作的通知", "2025-01-10"))
        commit(repo, "2025-02-01")
        write(repo, "a.md", record(NEW, "关于做好2026年春运工作的通知", "2025-03-01"))
        commit(repo, "2025-03-01")
    elif case == "next half year":  # 上 → 下: another period's report (a review)
        write(repo, "a.md", record(OLD, "关于2025年上半年政府网站检查情况的通报", "2025-01-10"))
        commit(repo, "2025-02-01")
        write(repo, "a.md", record(NEW, "关于2025年下半年政府网站检查情况的通报", "2025-01-20"))
        commit(repo, "2025-03-01")
    elif case == "months later":  # the same title, a new 发布日期 months on: the next one written over it
        write(repo, "a.md", record(OLD, "关于做好防汛工作的通知", "2025-01-10"))
        commit(repo, "2025-02-01")
        write(repo, "a.md", record(NEW, "关于做好防汛工作的通知", "2025-05-10"))
        commit(repo, "2025-05-11")
    else:  # another policy written over it: titles sharing long boilerplate (a review)
        write(repo, "a.md", record(OLD, "关于印发江川省公路养护管理办法的通知", "2025-01-10"))
        commit(repo, "2025-02-01")
        write(repo, "a.md", record(NEW, "关于印发江川省水路运输管理办法的通知", "2025-03-01"))
        commit(repo, "2025-03-01")
    site, said = _build_log(config, tmp_path, caplog)
    assert "index-number-reused" not in said, said
    if case == "hidden backup":  # the page moved: its old address sends the reader on
        assert "index-number-changed" in said and "refresh" in _page(site, OLD).read_text(encoding="utf-8")
    else:
        assert "index-number-changed" not in said, said
        old = _page(site, OLD)
        assert not old.exists() or "refresh" not in old.read_text(encoding="utf-8")


def test_new_never_gives_a_number_a_page_was_public_under(tmp_path, monkeypatch, capsys):
    """After 00003 was corrected to 00002, new handed out 00003, which the build then called reused (a review)."""
    from build_tools.cli import main
    config = make_project(tmp_path / "p")
    repo = config.parent
    write(repo, "a.md", record("015200371/2025-00003", TITLE, "2025-01-10"))
    commit(repo, "2025-02-01")
    write(repo, "a.md", record("015200371/2025-00002", TITLE, "2025-01-10"))
    commit(repo, "2025-03-01")
    monkeypatch.chdir(repo)
    assert main(["new", "notice", "--as-of", "2025-04-01"]) == 0
    assert "015200371/2025-00004" in capsys.readouterr().out


def test_a_budgets_table_is_under_its_old_address_too(tmp_path):
    """The page moved with a redirect, but the budget's CSV at the old address answered 404 (a review): a file has
    no page to send the reader on, so the same table is there too."""
    import shutil

    from tests.test_history import ROOT, git
    repo = tmp_path / "p"
    repo.mkdir()
    for name in ("docs", "theme", "catalogue"):
        shutil.copytree(ROOT / name, repo / name)
    shutil.copy(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "2026-06-01", "init")
    old, new = "015200371/2025-00002", "015200371/2025-00012"
    for f in (repo / "catalogue").rglob("*.md"):
        text = f.read_text(encoding="utf-8")
        if old in text:
            f.write_text(text.replace(old, new), encoding="utf-8")
    commit(repo, "2026-07-02", "更正索引号")
    site = build_site(repo / "mkdocs.yml", site_dir=tmp_path / "site", as_of=dt.date(2026, 12, 1))
    [table] = list((site / "records" / _slug(new)).glob("*.csv"))
    moved = site / "records" / _slug(old) / table.name
    assert moved.read_bytes() == table.read_bytes() and "refresh" in _page(site, old).read_text(encoding="utf-8")


def test_a_title_corrected_later_or_written_over_two_lines_keeps_the_redirect(tmp_path, caplog):
    """The redirect vanished when the title was corrected a month after the number (compared with today's title),
    and was never made for a title written over two lines (read from its key's line alone) (a review)."""
    config = make_project(tmp_path / "p")
    repo = config.parent
    folded = record(OLD, TITLE, "2025-01-10").replace(f"title: {TITLE}", "title: >-\n  关于公路\n  养护的通知")
    write(repo, "a.md", folded)
    commit(repo, "2025-02-01")
    write(repo, "a.md", folded.replace(OLD, NEW))
    commit(repo, "2025-03-01", "更正索引号")
    write(repo, "a.md", record(NEW, "关于做好公路养护工作的通知", "2025-01-10"))
    commit(repo, "2025-04-01", "更正标题")
    site, said = _build_log(config, tmp_path, caplog)
    assert "index-number-changed" in said and "refresh" in _page(site, OLD).read_text(encoding="utf-8")


def test_a_number_public_under_a_document_written_over_is_still_never_reused(tmp_path, caplog):
    """a.md was public as 00001 (the 2025 notice), then next year's written over it as 00091; b.md given 00001 later
    was published at the 2025 notice's address, nothing said (a review).  The same document in another file is no
    reuse."""
    config = make_project(tmp_path / "p")
    repo = config.parent
    write(repo, "a.md", record(OLD, "关于做好2025年春运工作的通知", "2025-01-10"))
    commit(repo, "2025-02-01")
    write(repo, "a.md", record(NEW, "关于做好2026年春运工作的通知", "2025-03-01"))
    commit(repo, "2025-03-01")
    write(repo, "b.md", record(OLD, "关于调整办公时间的通知", "2025-03-05"))
    commit(repo, "2025-03-05")
    _, said = _build_log(config, tmp_path, caplog)
    assert "b.md:2 [index-number-reused]" in said
    write(repo, "b.md", record(OLD, "关于做好2025年春运工作的通知", "2025-01-10"))  # the 2025 notice, restored
    commit(repo, "2025-03-06")
    _, said = _build_log(config, tmp_path, caplog, "again")
    assert "index-number-reused" not in said


def test_a_version_kept_off_by_its_note_was_never_public(tmp_path, caplog):
    """Withheld by its 附注 （此件不予公开） while its number was corrected: the build said it had been public under the
    old number and redirected from it (a review)."""
    config = make_project(tmp_path / "p")
    repo = config.parent
    write(repo, "a.md", record(OLD, TITLE, "2025-01-10", body="正文。\n\n（此件不予公开）"))
    commit(repo, "2025-02-01")
    write(repo, "a.md", record(NEW, TITLE, "2025-01-10", body="正文。\n\n（此件不予公开）"))
    commit(repo, "2025-03-01")
    write(repo, "a.md", record(NEW, TITLE, "2025-01-10", body="正文。"))
    commit(repo, "2025-04-01")
    site, said = _build_log(config, tmp_path, caplog)
    assert "index-number-changed" not in said and not (site / "records" / _slug(OLD)).exists()


def test_new_never_gives_a_deleted_pages_number_and_a_typo_sets_no_sequence(tmp_path, monkeypatch, capsys):
    """new gave a deleted notice's number again; and after a typo 10002 corrected the same day, every new number
    followed 10002 (reviews)."""
    from build_tools.cli import main
    config = make_project(tmp_path / "p")
    repo = config.parent
    write(repo, "a.md", record("015200371/2025-00001", TITLE, "2025-01-10"))
    write(repo, "b.md", record("015200371/2025-00002", "关于调整办公时间的通知", "2025-01-10"))
    write(repo, "c.md", record("015200371/2025-10003", "关于春运的通知", "2025-01-20"))
    commit(repo, "2025-02-01")
    (repo / "catalogue/b.md").unlink()  # taken down
    write(repo, "c.md", record("015200371/2025-00003", "关于春运的通知", "2025-01-20"))  # the typo corrected
    commit(repo, "2025-02-02")
    monkeypatch.chdir(repo)
    assert main(["new", "notice", "--as-of", "2025-04-01"]) == 0
    assert "015200371/2025-00004" in capsys.readouterr().out  # past 00003, not 10004, and never the deleted 00002
    for f in (repo / "catalogue").rglob("*.md"):  # all but the first taken down: their numbers were public once
        f.unlink()
    write(repo, "d.md", record("015200371/2025-00001", TITLE, "2025-01-10"))
    assert main(["new", "notice", "--as-of", "2025-04-01"]) == 0
    assert "015200371/2025-00004" in capsys.readouterr().out  # 00002 and 00003 were public once: never again


def test_a_typo_in_the_title_corrected_with_the_number_or_a_new_pattern_keeps_the_redirect(tmp_path, caplog):
    """A title's typo (通之 → 通知) corrected in the commit that corrected the number, or numbers renumbered to a new
    index_no_pattern: the old address lost its redirect (a review)."""
    config = make_project(tmp_path / "p")
    repo = config.parent
    write(repo, "a.md", record(OLD, "关于公路养户通知", "2025-01-10"))  # 户 for 护, 的 left out
    commit(repo, "2025-02-01")
    write(repo, "a.md", record(NEW, TITLE, "2025-01-10"))
    commit(repo, "2025-03-01", "更正索引号和标题")
    site, said = _build_log(config, tmp_path, caplog)
    assert "index-number-changed" in said and "refresh" in _page(site, OLD).read_text(encoding="utf-8")
    six = "015200371/2025-000091"  # a six-digit serial from now on: the old numbers fail the new pattern
    write(repo, "a.md", record(six, TITLE, "2025-01-10"))
    config.write_text(config.read_text(encoding="utf-8").replace(
        '      agency_code: "015200371"\n',
        '      agency_code: "015200371"\n      index_no_pattern: \'^(?P<org>\\d{9})/(?P<year>\\d{4})-(?P<serial>\\d{6})$\'\n'),
        encoding="utf-8")
    commit(repo, "2025-04-01", "新的索引号格式")
    site, said = _build_log(config, tmp_path, caplog, "again")
    assert "index_no_pattern" in config.read_text(encoding="utf-8")
    assert "refresh" in _page(site, OLD).read_text(encoding="utf-8") and "refresh" in _page(site, NEW).read_text(
        encoding="utf-8") and _page(site, six).is_file()
