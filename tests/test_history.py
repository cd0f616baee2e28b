"""Record history from Git (build_tools/history.py, views/history.py, theme/partials/record-history.html).

A small project in a temporary Git repository, with commits dated on
purpose (committer dates in China time): a record added before its 发布日期
and edited as a draft, then revised with change notes, renamed with an
edit, renamed without one; a record that was 不予公开 and became 主动公开;
a withheld record; a record whose file name holds a quote (git quotes such
names in patches).  Built pages are read as HTML.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from build_tools.history import read_history
from tests.sitetools import all_text
from build_tools.machinery.view_memo import ViewMemo
from build_tools.mkdocs_plugin.build import build_site
from build_tools.views.history import SHOWN, RecordHistory, Revision, record_history

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2025, 6, 1)
GIT = shutil.which("git")
pytestmark = pytest.mark.skipif(GIT is None, reason="git is not installed")

A_NO, B_NO, W_NO, Q_NO = "015200371/2025-00001", "015200371/2025-00002", "015200371/2025-00003", "015200371/2025-00004"


def record(index_no: str, title: str, published: str, *, note: str = "", body: str = "正文。",
           disclosure: str = "") -> str:
    lines = ["---", f"index_no: {index_no}", f"title: {title}", "kind: notice", "issuer: 江川省交通运输厅",
             "category: 工业、交通/公路", f"published: {published}"]
    if disclosure:
        lines += [f"disclosure: {disclosure}", "withheld_reason: 《政府信息公开条例》第十六条第二款，过程性信息"]
    if note:
        lines.append(f"change_note: {note}")
    return "\n".join(lines) + f"\n---\n{body}\n"


def git(repo: Path, *args: str, when: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "编辑", "GIT_AUTHOR_EMAIL": "e@example.org",
           "GIT_COMMITTER_NAME": "编辑", "GIT_COMMITTER_EMAIL": "e@example.org"}
    if when:  # China time, as an editor's clock in the office
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{when}T10:00:00+08:00"
    return subprocess.run([GIT, *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def write(repo: Path, rel: str, text: str) -> None:
    path = repo / "catalogue" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def commit(repo: Path, when: str, message: str = "修改") -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, when=when)
    return git(repo, "rev-parse", "HEAD").strip()


def make_project(dest: Path) -> Path:
    """The sample's configuration, theme and docs, with a catalogue of its own; returns mkdocs.yml."""
    dest.mkdir(parents=True)
    for name in ("docs", "theme"):
        shutil.copytree(ROOT / name, dest / name)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    # No budget here: no 预决算总览 page for the navigation to name.
    (dest / "mkdocs.yml").write_text(text.replace("      - 预决算总览: lists/fiscal/overview/index.md\n", ""),
                                     encoding="utf-8")
    (dest / ".gitignore").write_text(".cache/\nsite*/\n", encoding="utf-8")
    git(dest, "init", "-q", "-b", "main")
    return dest / "mkdocs.yml"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The project in a repository with its whole history; returns its mkdocs.yml."""
    config = make_project(tmp_path_factory.mktemp("history") / "project")
    repo = config.parent
    a = "通知/关于公路养护的通知.md"
    write(repo, a, record(A_NO, "关于公路养护的通知", "2025-01-10", body="草稿。"))
    write(repo, "通知/不公开.md", record(W_NO, "不公开的内部通知", "2025-01-02", disclosure="不予公开"))
    write(repo, "通知/曾不公开.md", record(B_NO, "后来公开的通知", "2025-01-03", disclosure="不予公开"))
    commit(repo, "2025-01-05", "起草")  # before A's 发布日期: a draft
    write(repo, a, record(A_NO, "关于公路养护的通知", "2025-01-10", body="定稿。"))
    write(repo, "通知/不公开.md", record(W_NO, "不公开的内部通知", "2025-01-02", disclosure="不予公开", body="改。"))
    commit(repo, "2025-01-08")
    write(repo, a, record(A_NO, "关于公路养护的通知", "2025-01-10", note="更正联系电话", body="定稿，电话 12328。"))
    write(repo, 'q"引号"文件.md', record(Q_NO, "文件名带引号的通知", "2025-01-04"))
    commit(repo, "2025-02-01")
    write(repo, a, record(A_NO, "关于公路养护的通知", "2025-01-10", note="补充施工路段", body="定稿，电话 12328，新路段。"))
    write(repo, "通知/曾不公开.md", record(B_NO, "后来公开的通知", "2025-01-03"))  # now 主动公开
    write(repo, 'q"引号"文件.md', record(Q_NO, "文件名带引号的通知", "2025-01-04", note="改正标点"))
    commit(repo, "2025-03-01")
    (repo / "catalogue" / a).unlink()
    write(repo, "政策/养护通知（改名）.md", record(A_NO, "关于公路养护的通知", "2025-01-10", note="补充施工路段",
                                               body="定稿，电话 12328，新路段，再改。"))
    commit(repo, "2025-04-01", "改名并修改")
    git(repo, "mv", "catalogue/政策/养护通知（改名）.md", "catalogue/政策/养护通知.md")
    commit(repo, "2025-05-01", "只改名")
    write(repo, "通知/曾不公开.md", record(B_NO, "后来公开的通知", "2025-01-03", body="正文二。"))
    commit(repo, "2025-07-01", "as_of 之后")  # after the build's as_of: not shown
    return config


# -- as data -----------------------------------------------------------------------


def test_one_pass_follows_renames_and_reads_notes_and_disclosure(project):
    history = read_history(project.parent / "catalogue")
    assert history.available and history.commits == 7
    a = history.of("政策/养护通知.md")
    assert [c.when.date().isoformat() for c in a] == ["2025-01-05", "2025-01-08", "2025-02-01", "2025-03-01",
                                                       "2025-04-01"]  # the pure rename is no revision
    assert [c.note for c in a] == [None, None, "更正联系电话", "补充施工路段", None]
    assert all(c.when.utcoffset() == dt.timedelta(hours=8) for c in a)
    assert history.of("通知/关于公路养护的通知.md") == () and history.of("政策/养护通知（改名）.md") == ()
    b = history.of("通知/曾不公开.md")
    assert [c.public for c in b] == [False, True, None]
    assert [c.note for c in history.of('q"引号"文件.md')] == [None, "改正标点"]


@pytest.mark.parametrize("settings", ["[diff]\n\tnoprefix = true\n", "[diff]\n\tmnemonicPrefix = true\n",
                                      "[log]\n\tshowRoot = false\n"])
def test_the_history_is_the_same_whatever_the_users_git_configuration(project, tmp_path, monkeypatch, settings):
    """diff.noprefix (many developers set it) dropped every record's 本页修订记录, log.showRoot = false the first
    commit's 在本网站发布, silently, the site differing by whose account built it (a review)."""
    plain = read_history(project.parent / "catalogue")
    config = tmp_path / "gitconfig"
    config.write_text(settings, encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    odd = read_history(project.parent / "catalogue")
    for source in ("政策/养护通知.md", "通知/曾不公开.md", 'q"引号"文件.md'):
        assert odd.of(source) == plain.of(source) and plain.of(source), source


def _record(project: Path, source: str):
    from build_tools.config import load_config
    from build_tools.pipeline import check_catalogue
    config, _ = load_config(project)
    return next(r for r in check_catalogue(config, AS_OF).catalogue.records if r.source == source)


def test_what_a_page_shows_leaves_out_drafts_and_later_commits(project):
    history = read_history(project.parent / "catalogue")
    a = record_history(_record(project, "政策/养护通知.md"), history, AS_OF)
    # Committed on 01-05 ahead of its 发布日期 01-10: on the site from 01-10; the 01-08 draft edit is not shown.
    assert a.first == "2025-01-10" and a.total == 3
    assert [(r.date, r.note) for r in a.revisions] == [
        ("2025-04-01", ""), ("2025-03-01", "补充施工路段"), ("2025-02-01", "更正联系电话")]
    b = record_history(_record(project, "通知/曾不公开.md"), history, AS_OF)
    # Public from the commit that made it 主动公开; the 07-01 commit is after as_of.
    assert b == RecordHistory("2025-03-01", (), 0)
    later = record_history(_record(project, "通知/曾不公开.md"), history, dt.date(2025, 7, 1))
    assert [r.date for r in later.revisions] == ["2025-07-01"]


def test_outside_git_the_current_note_alone_without_a_date(project):
    r = _record(project, "政策/养护通知.md")
    assert record_history(r, read_history(Path("/nonexistent")), AS_OF) == RecordHistory(
        "", (Revision("", "补充施工路段"),), 0, from_git=False)
    assert record_history(_record(project, "通知/曾不公开.md"), None, AS_OF) is None


def test_a_long_history_lists_the_latest_and_counts_all(tmp_path):
    repo = tmp_path
    git(repo, "init", "-q")
    for i in range(SHOWN + 5):
        write(repo, "n.md", record(A_NO, "通知", "2025-01-01", note=f"第 {i} 次", body=f"第 {i} 版。"))
        commit(repo, f"2025-02-{i + 1:02d}")
    history = read_history(repo / "catalogue")
    changes = history.of("n.md")
    assert len(changes) == SHOWN + 5
    view = record_history(_FakeRecord("n.md", dt.date(2025, 1, 1), f"第 {SHOWN + 4} 次"), history, AS_OF)
    assert view.total == SHOWN + 4 and view.listed == SHOWN
    assert view.revisions[0] == Revision("2025-02-15", f"第 {SHOWN + 4} 次", changes[-1].commit)


class _FakeRecord:
    def __init__(self, source, published, change_note):
        self.source, self.published, self.change_note = source, published, change_note


def test_the_serve_memo_makes_the_page_again_when_only_the_history_changed(project):
    from build_tools.config import load_config
    from build_tools.pipeline import check_catalogue
    from build_tools.visibility import public_view
    config, _ = load_config(project)
    result = check_catalogue(config, AS_OF)
    public = public_view(result.catalogue, result.graph, AS_OF)
    r = public.get(A_NO)
    memo = ViewMemo()
    memo.begin()
    first = memo.record_page(r, public, RecordHistory("2025-01-10"))
    memo.finish()
    memo.begin()
    again = memo.record_page(r, public, RecordHistory("2025-01-10"))
    changed = memo.record_page(r, public, RecordHistory("2025-01-10", (Revision("2025-02-01"),), 1))
    assert again is first and changed is not first and changed.history.total == 1


# -- on the built site ----------------------------------------------------------------


class _History(HTMLParser):
    """The 本页修订记录 section of a page: its paragraph and list items, as text."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.paragraphs: list[str] = []
        self.items: list[str] = []
        self.times: list[str] = []
        self._into = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and attrs.get("class") == "cat-history":
            self.depth = 1
        elif self.depth:
            if tag == "section":
                self.depth += 1
            if tag == "p":
                self.paragraphs.append("")
                self._into = self.paragraphs
            elif tag == "li":
                self.items.append("")
                self._into = self.items
            elif tag == "time":
                self.times.append(attrs.get("datetime"))

    def handle_endtag(self, tag):
        if self.depth and tag == "section":
            self.depth -= 1
        if tag in ("p", "li"):
            self._into = None

    def handle_data(self, data):
        if self.depth and self._into is not None:
            self._into[-1] += data


def history_of(site: Path, index_no: str) -> _History | None:
    page = site / "records" / index_no.replace("/", "_") / "index.html"
    text = page.read_text(encoding="utf-8")
    parsed = _History()
    parsed.feed(text)
    return parsed if "cat-history" in text else None


@pytest.fixture(scope="module")
def built(project, tmp_path_factory) -> Path:
    return build_site(project, site_dir=tmp_path_factory.mktemp("site") / "site", as_of=AS_OF, strict=True)


def test_record_pages_show_first_publication_and_revisions(built):
    a = history_of(built, A_NO)
    assert a.paragraphs == ["本页于 2025-01-10 在本网站发布，此后修订 3 次。"]
    assert a.items == ["2025-04-01 修订", "2025-03-01 修订：补充施工路段", "2025-02-01 修订：更正联系电话"]
    assert a.times == ["2025-01-10", "2025-04-01", "2025-03-01", "2025-02-01"]
    b = history_of(built, B_NO)
    assert b.paragraphs == ["本页于 2025-03-01 在本网站发布，此后本页未作修订。"] and b.items == []
    q = history_of(built, Q_NO)
    assert q.items == ["2025-03-01 修订：改正标点"]


def test_a_revision_dates_the_page_in_the_sitemap_and_the_feeds(built):
    # A's latest revision (2025-04-01) is a change of its page: sitemap lastmod and feed <updated> follow it.
    import re
    slug = A_NO.replace("/", "_")
    sitemap = (built / "sitemap.xml").read_text(encoding="utf-8")
    entry = re.search(rf"<loc>[^<]*records/{re.escape(slug)}/</loc>\s*<lastmod>([^<]+)</lastmod>", sitemap)
    assert entry and entry.group(1) == "2025-04-01"
    atom = (built / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    item = atom[atom.index(A_NO):]
    assert re.search(r"<updated>2025-04-01T", item[:item.index("</entry>")])


def test_nothing_of_a_withheld_record_or_a_draft_is_published(built, project):
    assert not (built / "records" / W_NO.replace("/", "_")).exists()
    commits = git(project.parent, "log", "--format=%H").split()
    draft = {git(project.parent, "rev-parse", "--short=12", c).strip() for c in commits}
    for path, text in all_text(built):  # the search index's files inflated
        if path.suffix in (".html", ".json", ".xml", ".txt"):
            assert "不公开的内部通知" not in text and "2025-01-08" not in text and "2025-01-05" not in text, path
            assert not any(c in text for c in draft), path  # commit ids stay out of the pages


def test_a_commit_is_seen_by_a_cached_rebuild_and_verify_passes(project, tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(project.parent, repo, ignore=shutil.ignore_patterns(".cache", "site*"))
    config = repo / "mkdocs.yml"
    # An edit saved but not committed: the page is cached without it as a revision ...
    write(repo, "通知/曾不公开.md", record(B_NO, "后来公开的通知", "2025-01-03", note="补充说明", body="正文三。"))
    first = build_site(config, site_dir=tmp_path / "one", as_of=dt.date(2025, 8, 1))
    assert history_of(first, B_NO).items == ["修订说明（日期未记录）：补充说明", "2025-07-01 修订"]
    # ... committed: the record file is the same bytes, only its history is new.
    commit(repo, "2025-07-20")
    second = build_site(config, site_dir=tmp_path / "two", as_of=dt.date(2025, 8, 1))
    assert history_of(second, B_NO).items == ["2025-07-20 修订：补充说明", "2025-07-01 修订"]
    assert history_of(second, A_NO).items == history_of(first, A_NO).items  # (taken from the cache)
    verified = build_site(config, site_dir=tmp_path / "three", as_of=dt.date(2025, 8, 1), verify=True, strict=True)
    assert (verified / "records").is_dir()


# -- no history, no error --------------------------------------------------------------


def _no_history_build(config: Path, site: Path, caplog) -> Path:
    caplog.set_level(logging.INFO, logger="mkdocs")
    out = build_site(config, site_dir=site, as_of=AS_OF, strict=True)
    said = [r.getMessage() for r in caplog.records if "修订记录" in r.getMessage()]
    assert len(said) == 1 and "记录页面不显示修订记录" in said[0], said
    return out


def test_outside_a_repository_no_history_and_one_log_line(project, tmp_path, caplog):
    copy = tmp_path / "copy"
    shutil.copytree(project.parent, copy, ignore=shutil.ignore_patterns(".git", ".cache", "site*"))
    site = _no_history_build(copy / "mkdocs.yml", tmp_path / "site", caplog)
    assert "不在 Git 仓库中" in caplog.text
    a = history_of(site, A_NO)  # its note alone, undated
    assert a.paragraphs == [] and a.items == ["修订说明（日期未记录）：补充施工路段"]
    assert history_of(site, B_NO) is None


def test_a_shallow_clone_has_no_history(project, tmp_path, caplog):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{project.parent}", str(clone))
    _no_history_build(clone / "mkdocs.yml", tmp_path / "site", caplog)
    assert "浅克隆" in caplog.text and "fetch-depth: 0" in caplog.text


def test_without_git_on_path_no_history(project, tmp_path, caplog, monkeypatch):
    copy = tmp_path / "copy"
    shutil.copytree(project.parent, copy, ignore=shutil.ignore_patterns(".cache", "site*"))
    (tmp_path / "bin").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    _no_history_build(copy / "mkdocs.yml", tmp_path / "site", caplog)
    assert "找不到 git 命令" in caplog.text


def test_the_last_history_is_reused_until_the_branch_moves(tmp_path):
    git(tmp_path, "init", "-q")
    write(tmp_path, "n.md", record(A_NO, "通知", "2025-01-01"))
    commit(tmp_path, "2025-02-01")
    first = read_history(tmp_path / "catalogue")
    write(tmp_path, "n.md", record(A_NO, "通知", "2025-01-01", body="未提交的修改。"))
    assert read_history(tmp_path / "catalogue", previous=first) is first  # an unsaved edit is no history
    commit(tmp_path, "2025-03-01")
    moved = read_history(tmp_path / "catalogue", previous=first)
    assert moved is not first and len(moved.of("n.md")) == 2


# -- what the public never saw stays out (attacks) ------------------------------------------------


def _history_data(config: Path, as_of: dt.date = AS_OF) -> dict:
    from build_tools.config import load_config
    from build_tools.site_plan import plan_site
    cfg, _ = load_config(config)
    return {p.record.index_no: p.history for p in plan_site(cfg, as_of).site.records}


def test_notes_written_while_a_record_was_withheld_embargoed_or_hidden_are_never_shown(tmp_path):
    config = make_project(tmp_path / "p")
    repo = config.parent
    w, e, q = "015200371/2025-00011", "015200371/2025-00012", "015200371/2025-00013"
    h = "015200371/2025-00021"  # parked in a hidden folder for review, no disclosure line (a review)
    write(repo, ".neibu/h.md", record(h, "关于2025年度考核工作的通报", "2025-01-02"))
    write(repo, "w.md", record(w, "曾不公开的通知", "2025-01-02", disclosure="不予公开"))
    write(repo, "e.md", record(e, "原定年底发布的通知", "2025-12-31"))  # an embargo
    write(repo, "q.md", record(q, "引号键名的通知", "2025-01-02").replace("---\nindex_no", "---\nindex_no", 1)
          .replace("published: 2025-01-02", 'published: 2025-01-02\n"disclosure": 不予公开\n'
                   "withheld_reason: 《政府信息公开条例》第十六条第二款，过程性信息"))
    commit(repo, "2025-02-01")
    write(repo, "w.md", record(w, "曾不公开的通知", "2025-01-02", disclosure="不予公开", note="内部：涉及商业秘密WMARK"))
    write(repo, "e.md", record(e, "原定年底发布的通知", "2025-12-31", note="内部：等待领导签批EMARK"))
    write(repo, "q.md", (repo / "catalogue/q.md").read_text(encoding="utf-8").replace(
        "---\n正文", "change_note: 内部：QMARK\n---\n正文"))
    write(repo, ".neibu/h.md", record(h, "关于2025年度考核工作的通报", "2025-01-02", note="按保密审查意见删去第三段HMARK"))
    commit(repo, "2025-03-15")
    write(repo, "w.md", record(w, "曾不公开的通知", "2025-01-02", note="内部：涉及商业秘密WMARK"))  # now 主动公开
    write(repo, "e.md", record(e, "原定年底发布的通知", "2025-03-01", note="内部：等待领导签批EMARK"))  # moved earlier
    write(repo, "q.md", record(q, "引号键名的通知", "2025-01-02", note="内部：QMARK"))  # now 主动公开
    git(repo, "mv", "catalogue/.neibu/h.md", "catalogue/h.md")
    write(repo, "h.md", record(h, "关于2025年度考核工作的通报", "2025-01-02"))  # its note taken out as it goes public
    commit(repo, "2025-05-01")
    histories = _history_data(config)
    assert histories[h].revisions == ()  # a version in a hidden file is no public one, its note neither
    for n in (w, e, q, h):
        h = histories[n]
        assert h.first == "2025-05-01" and h.total == 0, (n, h)  # went public on the last commit, unrevised
    site = build_site(config, site_dir=tmp_path / "site", as_of=AS_OF, strict=True)
    for path, text in all_text(site):  # no commit made while they were out of public view is dated anywhere
        assert "2025-03-15" not in text and "2025-02-01" not in text, path



@pytest.mark.parametrize("key", ["公开方式\u3000", "公开方式\u00a0", "disclo\u200bsure", "ｄｉｓｃｌｏｓｕｒｅ", "'公开方式'",
                                 "ｄisclosure", "\u200b" * 5 + "disclosure", "公开方式" + "\u3000" * 5])
def test_a_disclosure_key_written_as_the_loader_reads_it_is_read_in_the_history_too(tmp_path, key):
    """``公开方式　: 依申请公开`` (an ideographic space before the colon, an easy slip with a Chinese input
    method) withholds the record, but the history reader did not know the line, so the page showed a note
    written while the record was withheld (found by an attack review)."""
    config = make_project(tmp_path / "p")
    repo = config.parent
    n = "015200371/2025-00031"
    withheld = record(n, "曾不公开的通知", "2025-01-02", disclosure="依申请公开").replace("disclosure:", f"{key}:")
    write(repo, "k.md", withheld)
    commit(repo, "2025-01-10")
    write(repo, "k.md", withheld.replace("\n---\n", "\nchange_note: 删去申请人住址KMARK\n---\n", 1))
    commit(repo, "2025-02-10")
    write(repo, "k.md", record(n, "曾不公开的通知", "2025-01-02", note="经审查转为主动公开")
          .replace("change_note:", f"{key}: 主动公开\nchange_note:"))
    commit(repo, "2025-03-10")
    from build_tools.config import load_config
    from build_tools.pipeline import check_catalogue
    cfg, _ = load_config(config)
    assert check_catalogue(cfg, AS_OF).catalogue.get(n).is_proactive  # the loader reads the key
    h = _history_data(config)[n]
    assert h.first == "2025-03-10" and h.total == 0, h
    site = build_site(config, site_dir=tmp_path / "site", as_of=AS_OF)
    for path, text in all_text(site):
        assert "KMARK" not in text and "2025-02-10" not in text and "2025-01-10" not in text, path



@pytest.mark.parametrize("withholding", ["quoted", "marked"])
def test_a_version_withheld_by_what_its_key_lines_do_not_show_hides_its_note(tmp_path, withholding):
    """Withdrawn with a note naming a person, and (quoted) a 内容概述 pasted from the old page holding
    ``公开方式: 主动公开`` inside its quotes, which the history took for the record's disclosure, or (marked) no
    disclosure line but the 公文's own 附注 （此件不予公开）, which it did not read: the note was shown on the page
    once the record was public again (found by a review)."""
    config = make_project(tmp_path / "p")
    repo = config.parent
    n = "015200371/2024-00190"
    write(repo, "w.md", record(n, "施工期间交通组织的通知", "2024-05-01"))
    commit(repo, "2024-05-01")
    if withholding == "quoted":
        withdrawn = record(n, "施工期间交通组织的通知", "2024-05-01", disclosure="不予公开",
                           note="撤回：涉及举报人张三HISTSECRET的信访件").replace(
            "\n---\n", '\nsummary: "施工期间交通组织安排。原网页信息：\n公开方式: 主动公开\n"\n---\n', 1)
    else:
        withdrawn = record(n, "施工期间交通组织的通知", "2024-05-01", note="撤回：涉及举报人张三HISTSECRET的信访件",
                           body="正文。\n\n（此件不予公开）")
    write(repo, "w.md", withdrawn)
    commit(repo, "2024-06-01")
    write(repo, "w.md", record(n, "施工期间交通组织的通知", "2024-05-01", note="经审查重新公开"))
    commit(repo, "2024-07-01")
    site = build_site(config, site_dir=tmp_path / "site", as_of=AS_OF)
    for path, text in all_text(site):
        assert "HISTSECRET" not in text, path
    assert "经审查重新公开" in "".join(text for _, text in all_text(site))


@pytest.mark.parametrize("written", [">-\n  更正第三条中的联系电话，\n  并补充附件。", "|\n  更正第三条中的联系电话，\n  并补充附件。",
                                     ">\n  更正第三条中的联系电话，并补充附件。\n"])
def test_a_note_written_over_lines_is_its_text_not_its_block_mark(tmp_path, written):
    """change_note: >- with the text below it was listed in 本页修订记录 as 修订：>- (a review)."""
    config = make_project(tmp_path / "p")
    repo = config.parent
    n = "015200371/2025-00078"
    write(repo, "a.md", record(n, "通行费标准的通知", "2025-01-02"))
    commit(repo, "2025-01-10")
    write(repo, "a.md", record(n, "通行费标准的通知", "2025-01-02", note=written))
    commit(repo, "2025-02-10")
    assert [c.note for c in read_history(repo / "catalogue").of("a.md")] == [None, "更正第三条中的联系电话，并补充附件。"]


def test_a_record_file_whose_name_holds_a_space_keeps_its_notes_and_the_build_goes_on(tmp_path):
    """git ends such a name with a tab in a patch's header: the version asked of git cat-file was missing, and the
    build died with a traceback reading it (found by a review)."""
    config = make_project(tmp_path / "p")
    repo = config.parent
    n = "015200371/2025-00077"
    write(repo, "通行费 标准.md", record(n, "通行费标准的通知", "2025-01-02"))
    commit(repo, "2025-01-10")
    write(repo, "通行费 标准.md", record(n, "通行费标准的通知", "2025-01-02", note="更正联系电话SPACEMARK"))
    commit(repo, "2025-02-10")
    site = build_site(config, site_dir=tmp_path / "site", as_of=AS_OF)
    assert "更正联系电话SPACEMARK" in "".join(text for _, text in all_text(site))


@pytest.mark.parametrize("key,value", [
    ("ｄisclosure", "依申请公开"), ("disclo\u200bsure", "依申请公开"), ("\u200b" * 5 + "disclosure", "依申请公开"),
    ("公开方式" + "\u3000" * 5, "依申请公开"), ("公开\u200b方式", "依申\u200b请公开"), ("disclo\u00adsure", "with\u00adheld")])
def test_a_commit_that_changes_only_an_oddly_written_disclosure_line_is_seen(tmp_path, key, value):
    """git's -G found the commits by the key's name alone, so a commit changing only a disclosure line
    whose key the pattern did not spell was skipped (found by a review): it finds the value's words too,
    and a line with an invisible character (key and value both written oddly)."""
    config = make_project(tmp_path / "p")
    repo = config.parent
    n = "015200371/2025-00041"
    write(repo, "k.md", record(n, "曾不公开的通知", "2025-01-02", note="初稿"))
    commit(repo, "2025-01-05")
    withheld = record(n, "曾不公开的通知", "2025-01-02", note="初稿", disclosure="依申请公开") \
        .replace("disclosure: 依申请公开", f"{key}: {value}")
    write(repo, "k.md", withheld)
    from build_tools.config import load_config
    from build_tools.pipeline import check_catalogue
    cfg, _ = load_config(config)
    assert not check_catalogue(cfg, AS_OF).catalogue.get(n).is_proactive  # the loader reads it as withheld
    commit(repo, "2025-01-10")
    write(repo, "k.md", withheld.replace("change_note: 初稿", "change_note: 删去申请人住址KMARK"))
    commit(repo, "2025-02-10")
    write(repo, "k.md", record(n, "曾不公开的通知", "2025-01-02", note="删去申请人住址KMARK"))
    commit(repo, "2025-03-10")  # only the disclosure line goes
    write(repo, "k.md", record(n, "曾不公开的通知", "2025-01-02", note="经审查转为主动公开"))
    commit(repo, "2025-04-10")
    h = _history_data(config)[n]
    assert all("KMARK" not in (r.note or "") for r in h.revisions), h


@pytest.mark.parametrize("key,value", [("公开\u200b方式", "依申\u200b请公开"), ("disclo\u00adsure", "with\u00adheld"),
                                       ("\ufeffdisclosure", "不予\u2060公开")])
def test_git_finds_a_disclosure_line_whose_key_and_value_are_both_written_oddly(tmp_path, key, value):
    """git's -G looks for the key's name or a word of the value: with an invisible character inside
    both (text pasted from Word), neither was there, and the commit withholding the record was not read."""
    from build_tools.history import read_history
    config = make_project(tmp_path / "p")
    repo = config.parent
    n = "015200371/2025-00051"
    write(repo, "k.md", record(n, "通知", "2025-01-02"))
    commit(repo, "2025-01-05")
    write(repo, "k.md", record(n, "通知", "2025-01-02").replace("\n---\n", f"\n{key}: {value}\n---\n", 1))
    sha = commit(repo, "2025-01-10")
    changes = read_history(repo / "catalogue").changes["k.md"]
    assert [c.public for c in changes if sha.startswith(c.commit)] == [False]


def test_a_draft_replaced_before_its_day_is_not_a_revision(tmp_path):
    config = make_project(tmp_path / "p")
    repo = config.parent
    n = "015200371/2025-00021"
    write(repo, "d.md", record(n, "预定发布的通知", "2025-01-10", body="草稿。"))
    commit(repo, "2025-01-05")
    write(repo, "d.md", record(n, "预定发布的通知", "2025-01-10", body="定稿。"))
    commit(repo, "2025-01-08")
    write(repo, "d.md", record(n, "预定发布的通知", "2025-01-10", body="定稿，改。", note="改正错字"))
    commit(repo, "2025-02-01")
    h = _history_data(config)[n]
    assert h.first == "2025-01-10" and [(r.date, r.note) for r in h.revisions] == [("2025-02-01", "改正错字")]


def test_on_windows_the_invisible_characters_are_given_to_git_as_characters(monkeypatch):
    """Windows decodes arguments strictly (UTF-8 with surrogatepass): the byte brackets cannot be text
    there, so the characters themselves are given (a review: importing the module would have failed)."""
    import os as _os
    from build_tools import history

    def strict(data):
        return data.decode("utf-8", "surrogatepass")
    monkeypatch.setattr(_os, "fsdecode", strict)
    assert "\u200b" in history._invisible_bytes() and all(len(c) == 1 for c in history._invisible_bytes())


def test_a_note_read_from_git_shows_no_personal_number_and_no_withheld_name(tmp_path):
    """A note with a mobile number kept the record off the site (the privacy check); corrected in
    the next commit, the page went up, and 本页修订记录 listed the first note, number and all (an attack
    round).  Notes read from Git are read as the record's own text is: a withheld file's name is taken
    out, and a note with a personal number is not shown (the revision keeps its date)."""
    config = make_project(tmp_path / "p")
    repo = config.parent
    n, w = "015200371/2025-00021", "015200371/2025-00022"
    write(repo, "neibu-chufen-mingdan.md", record(w, "内部名单", "2025-01-02", disclosure="不予公开"))
    write(repo, "n.md", record(n, "公路养护通知", "2025-01-02"))
    commit(repo, "2025-02-01")
    write(repo, "n.md", record(n, "公路养护通知", "2025-01-02", note="更正联系人张三的手机号13912345678", body="二。"))
    commit(repo, "2025-03-01")
    write(repo, "n.md", record(n, "公路养护通知", "2025-01-02", note="撤下neibu-chufen-mingdan.md的链接", body="三。"))
    commit(repo, "2025-04-01")
    write(repo, "n.md", record(n, "公路养护通知", "2025-01-02", note="更正联系方式", body="四。"))
    commit(repo, "2025-05-01")
    site = build_site(config, site_dir=tmp_path / "site", as_of=AS_OF)
    page = (site / "records/015200371_2025-00021/index.html").read_text(encoding="utf-8")
    assert "2025-03-01" in page and "2025-04-01" in page and "撤下" in page and "更正联系方式" in page
    for path, text in all_text(site):
        assert "13912345678" not in text and "neibu-chufen-mingdan" not in text, path


@pytest.mark.parametrize("named", ["江川省交通运输厅关于给予王建国同志记过处分的决定", "关于给予王建國同志记过处分的决定"])
def test_a_note_read_from_git_naming_a_record_withheld_since_is_not_shown(tmp_path, named):
    """A note written while the decision was public names it; the decision is withheld since, and 本页修订记录
    listed the old note, the person's name and punishment on the public site (an attack round).  A note
    naming a record not public (its title, or the office's shorter forms of it) shows its date only."""
    config = make_project(tmp_path / "p")
    repo = config.parent
    n, w = "015200371/2025-00021", "015200371/2025-00022"
    title = "江川省交通运输厅关于给予王建国同志记过处分的决定"
    write(repo, "chufen.md", record(w, title, "2025-01-02"))
    write(repo, "n.md", record(n, "关于调整考勤管理的通知", "2025-01-02"))
    commit(repo, "2025-02-01")
    write(repo, "n.md", record(n, "关于调整考勤管理的通知", "2025-01-02", note=f"根据《{named}》补充第三条", body="二。"))
    commit(repo, "2025-03-01")
    write(repo, "chufen.md", record(w, title, "2025-01-02", disclosure="不予公开"))
    write(repo, "n.md", record(n, "关于调整考勤管理的通知", "2025-01-02", note="更正考勤时间", body="三。"))
    commit(repo, "2025-04-01")
    site = build_site(config, site_dir=tmp_path / "site", as_of=AS_OF)
    page = (site / "records/015200371_2025-00021/index.html").read_text(encoding="utf-8")
    assert "2025-03-01" in page and "更正考勤时间" in page
    for path, text in all_text(site):
        assert "王建国" not in text and "王建國" not in text, path
