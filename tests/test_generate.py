"""Tests for build_tools.generate: demonstration catalogues that pass the check.

Every corpus is checked with the real pipeline (``check_catalogue``) on
2026-11-20, and the generator's own promises are recounted independently:
working-day limits on the official calendar, the mix of kinds, index-number
layout, sizes, byte-identical output for a seed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.cli import main
from build_tools.config import load_config, options_to_config
from build_tools.generate import GenerateError, generate_corpus
from build_tools.model.fields import Disclosure, DocType, Kind, Validity
from build_tools.model.values import uscc_check_character
from build_tools.pipeline import check_catalogue
from build_tools.workdays import WorkdayCalendar

ROOT = Path(__file__).resolve().parent.parent

AS_OF = dt.date(2026, 11, 20)
FIRST, LAST = dt.date(2015, 1, 1), dt.date(2026, 10, 31)
CAL = WorkdayCalendar()
CASES = [(60, 1), (60, 2), (200, 1), (200, 2)]
KIND_DIRS = {Kind.POLICY: "policies", Kind.INTERPRETATION: "interpretations", Kind.BUDGET: "budgets",
             Kind.FINAL_ACCOUNT: "budgets", Kind.ANNUAL_REPORT: "reports", Kind.NOTICE: "notices"}


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    """(n, seed) → (output directory, summary, check result)."""
    out = {}
    for n, seed in CASES:
        root = tmp_path_factory.mktemp(f"gen-{n}-{seed}")
        summary = generate_corpus(n, root, seed=seed)
        config, problems = load_config(root / "mkdocs.yml")
        assert problems == []
        out[(n, seed)] = (root, summary, check_catalogue(config, AS_OF))
    return out


@pytest.fixture(params=CASES, ids=[f"n{n}-seed{s}" for n, s in CASES])
def case(request, corpora):
    return corpora[request.param]


def test_check_finds_no_problem(case):
    _, summary, result = case
    assert [(p.file, p.code, p.message) for p in result.problems] == []
    assert len(result.catalogue.records) == summary.records


def test_every_kind_and_doc_type_present(case):
    _, _, result = case
    records = result.catalogue.records
    assert {r.kind for r in records} == set(Kind)
    assert {r.doc_type for r in records if r.kind is Kind.POLICY} == set(DocType)


def test_mix_of_kinds(case):
    _, summary, result = case
    n = summary.records
    count = {k: sum(1 for r in result.catalogue.records if r.kind is k) for k in Kind}
    assert abs(count[Kind.POLICY] - 0.45 * n) <= 1
    assert abs(count[Kind.INTERPRETATION] - 0.25 * n) <= 1
    assert sum(count.values()) == n


def test_every_rule_and_normative_document_is_interpreted_in_time(case):
    _, _, result = case
    cat, graph = result.catalogue, result.graph
    for r in cat.records:
        if r.kind is Kind.POLICY and r.doc_type in (DocType.RULE, DocType.NORMATIVE):
            assert graph.interpretations.get(r.index_no), r.source
    for r in cat.records:
        if r.kind is Kind.INTERPRETATION:
            assert 1 <= len(r.interprets) <= 2, r.source
            for target in r.interprets:
                policy = cat.by_index[target]
                assert policy.kind is Kind.POLICY
                assert policy.published <= r.published <= CAL.add_workdays(policy.published, 3), r.source


def test_dates(case):
    _, _, result = case
    for r in result.catalogue.records:
        days = [d for d in (r.written, r.published, r.effective, r.expires, r.approved) if d]
        assert all(FIRST <= d <= LAST for d in days), r.source
        if r.written:
            assert r.written <= r.published
            assert CAL.workdays_between(r.written, r.published) <= 20, r.source
        if r.approved:
            assert 0 <= (r.published - r.approved).days <= 20, r.source
        if r.kind is Kind.ANNUAL_REPORT:
            assert r.published.year == r.fiscal_year + 1
            assert r.published <= (dt.date(r.published.year, 1, 31) if r.fiscal_year >= 2019
                                   else dt.date(r.published.year, 3, 31))


def test_index_numbers_and_layout(case):
    _, _, result = case
    seen = set()
    for r in result.catalogue.records:
        m = re.fullmatch(r"015200371/(\d{4})-(\d{5})", r.index_no)
        assert m, r.index_no
        assert int(m.group(1)) == r.published.year
        assert r.source == f"{KIND_DIRS[r.kind]}/{m.group(1)}/{m.group(2)}.md"
        assert r.index_no not in seen
        seen.add(r.index_no)


def test_file_sizes_and_text(case):
    root, _, _ = case
    bodies = set()
    for path in sorted((root / "catalogue").rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        text = data.decode("utf-8")
        # No mobile or ID number, not even by accident (the agency code aside).
        assert not re.search(r"\d{11,}", text.replace("015200371", "")), path
        assert "{" not in text and "}" not in text, path
        if path.suffix == ".md":
            assert 1024 <= len(data) <= 8192, (path, len(data))
            body = text.split("\n---\n", 1)[1]
            assert body not in bodies, path
            bodies.add(body)
        else:
            rows = list(csv.reader(io.StringIO(text)))
            assert len(rows) >= 2 and len({len(row) for row in rows}) == 1, path


def test_chains_and_disclosure(corpora):
    for n, seed in CASES:
        result = corpora[(n, seed)][2]
        records = result.catalogue.records
        graph = result.graph
        for r in records:
            if r.validity is Validity.REPEALED:
                assert graph.repealed_by.get(r.index_no), r.source
            if r.validity is Validity.AMENDED:
                assert graph.amended_by.get(r.index_no), r.source
            if r.validity is Validity.EXPIRED:
                assert r.expires and r.expires < AS_OF
            if r.disclosure is not Disclosure.PROACTIVE:
                assert r.withheld_reason and r.doc_type is DocType.OTHER
        if n >= 200:
            validities = {r.validity for r in records}
            assert {Validity.AMENDED, Validity.REPEALED} <= validities
            assert any(r.disclosure is Disclosure.ON_REQUEST for r in records)
            assert any(r.attachments for r in records)
            assert len({r.issuer[0] for r in records if r.kind in (Kind.BUDGET, Kind.FINAL_ACCOUNT)}) >= 2


def test_same_seed_same_bytes_different_seed_different(tmp_path, corpora):
    root, _, _ = corpora[(60, 1)]
    again = tmp_path / "again"
    generate_corpus(60, again, seed=1)
    assert _tree(again / "catalogue") == _tree(root / "catalogue")
    assert (again / "mkdocs.yml").read_bytes().replace(b"../", b"") \
        == (root / "mkdocs.yml").read_bytes().replace(b"../", b"")
    other = _tree(corpora[(60, 2)][0] / "catalogue")
    assert other != _tree(root / "catalogue")


def test_output_does_not_depend_on_hash_seed(tmp_path):
    code = ("import sys; from build_tools.generate import generate_corpus; "
            "generate_corpus(40, sys.argv[1], seed=5)")
    for name, hash_seed in (("a", "1"), ("b", "2")):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        subprocess.run([sys.executable, "-c", code, str(tmp_path / name)], check=True, env=env)
    assert _tree(tmp_path / "a" / "catalogue") == _tree(tmp_path / "b" / "catalogue")


def test_mkdocs_yml_holds_the_options_used(case):
    root, _, _ = case
    config, problems = load_config(root / "mkdocs.yml")
    assert problems == []
    assert config.agency == "江川省交通运输厅"
    assert config.agency_code == "015200371"
    assert config.catalogue_dir == root / "catalogue"
    assert (root / "docs" / "index.md").is_file()


def test_custom_configuration(tmp_path):
    body = "1153000001520037"
    code = body + "2" + uscc_check_character(body + "2")
    options = {
        "agency": "江川省交通运输厅", "agency_code": code,
        "categories": ["工业、交通/公路", "工业、交通/道路运输", "工业、交通/水运", "综合政务/政务公开",
                       "财政、金融、审计/预算决算", "其他"],
        "interpretation_deadline_workdays": 0, "index_no_date_field": "written",
        "disclosure_deadline_workdays": 10, "budget_deadline_days": 15,
    }
    config, problems = options_to_config(options)
    assert problems == []
    generate_corpus(120, tmp_path, seed=9, config=config)
    config, problems = load_config(tmp_path / "mkdocs.yml")
    assert problems == [] and config.agency_code == code and config.interpretation_deadline_workdays == 0
    result = check_catalogue(config, AS_OF)
    assert [(p.file, p.code, p.message) for p in result.problems] == []
    for r in result.catalogue.records:
        assert r.index_no.startswith(code + f"/{r.written.year}-")
        if r.kind is Kind.INTERPRETATION:
            assert all(result.catalogue.by_index[t].published == r.published for t in r.interprets)


def test_refusals(tmp_path):
    with pytest.raises(GenerateError):
        generate_corpus(0, tmp_path / "zero")
    bad, _ = options_to_config({"agency_code": "015200372"})
    with pytest.raises(GenerateError, match="校验位"):
        generate_corpus(10, tmp_path / "bad", config=bad)
    generate_corpus(10, tmp_path / "once")
    with pytest.raises(GenerateError, match="已有文件"):
        generate_corpus(10, tmp_path / "once")
    generate_corpus(12, tmp_path / "once", overwrite=True)
    assert len(list((tmp_path / "once" / "catalogue").rglob("*.md"))) == 12


def test_generate_writes_only_into_a_folder_of_its_own(tmp_path, monkeypatch, capsys):
    """``--out`` an office share holding other files (or ``/``) mixed the demo project in with them (found by
    a review); a folder holding what a build or Git leaves beside a project is fine."""
    share = tmp_path / "share"
    (share / "人事").mkdir(parents=True)
    (share / "人事" / "工资.txt").write_bytes(b"x")
    (share / "通讯录.xlsx").write_bytes(b"x")
    monkeypatch.chdir(tmp_path)
    for force in ([], ["--force"]):
        assert main(["generate", "3", "--out", "share", *force]) == 2
    assert "已有其他文件（人事、通讯录.xlsx）" in capsys.readouterr().err
    assert sorted(p.name for p in share.iterdir()) == ["人事", "通讯录.xlsx"]
    office = tmp_path / "office"  # an office's own docs/ and site/ beside a demo would be published with it
    (office / "docs").mkdir(parents=True)
    (office / "docs" / "guide.md").write_text("# 指南\n", encoding="utf-8")
    (office / "site").mkdir()
    assert main(["generate", "3", "--out", "office"]) == 2
    assert "已有其他文件（docs）" in capsys.readouterr().err
    fresh = tmp_path / "fresh"
    (fresh / ".git").mkdir(parents=True)
    assert main(["generate", "3", "--out", "fresh"]) == 0
    (fresh / "site").mkdir()
    (fresh / ".site.manifest").write_text("{}", encoding="utf-8")
    assert main(["generate", "4", "--out", "fresh", "--force"]) == 0


@pytest.mark.parametrize("n", [1, 2, 5, 6, 11])
def test_tiny_corpora_pass(tmp_path, n):
    generate_corpus(n, tmp_path, seed=n)
    config, _ = load_config(tmp_path / "mkdocs.yml")
    result = check_catalogue(config, AS_OF)
    assert [(p.file, p.code) for p in result.problems] == []
    assert len(result.catalogue.records) == n


def test_cli(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)  # no ./mkdocs.yml here: the defaults apply
    assert main(["generate", "30", "--out", "demo", "--seed", "4"]) == 0
    assert "已生成 30 条记录" in capsys.readouterr().out
    assert main(["generate", "30", "--out", "demo"]) == 2
    assert main(["generate", "30", "--out", "demo", "--force"]) == 0
    assert main(["generate", "5", "--out", "x", "--config", "missing.yml"]) == 2
    assert main(["check", "--config", "demo/mkdocs.yml", "--as-of", "2026-11-20"]) == 0


def test_cli_with_a_configuration_elsewhere_keeps_its_paths_out(tmp_path, monkeypatch, capsys):
    """--config /abs/mkdocs.yml: its cache_dir (a path there) is not copied into the new project."""
    source = tmp_path / "office"
    source.mkdir()
    (source / "mkdocs.yml").write_text("plugins:\n  - catalogue:\n      agency_code: \"015200371\"\n"
                                       "      cache_dir: .cache/mine\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "5", "--out", "demo", "--config", str(source / "mkdocs.yml")]) == 0
    written = (tmp_path / "demo" / "mkdocs.yml").read_text(encoding="utf-8")
    assert "cache_dir" not in written and str(source) not in written
    assert main(["check", "--config", "demo/mkdocs.yml", "--as-of", "2026-11-20"]) == 0


def test_generate_never_writes_into_an_offices_project(tmp_path, monkeypatch, capsys):
    """Made-up records never mix with real ones, and nothing generate did not write is replaced,
    --force or not (found by an attack review: ``--out catalogue`` put five fictional records into the
    real catalogue, and a build published them in place of real ones with the same numbers)."""
    import shutil
    project = tmp_path / "office"
    shutil.copytree(ROOT / "catalogue", project / "catalogue")
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# 本机关首页\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text("site_name: 本机关\nplugins:\n  - catalogue:\n      agency_code: \"015200371\"\n",
                                        encoding="utf-8")
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    monkeypatch.chdir(project)
    (project / "afile").write_text("x", encoding="utf-8")
    for out in ("catalogue", "catalogue/policies", "docs", "docs/demo", ".", "afile"):
        for force in ([], ["--force"]):
            assert main(["generate", "3", "--out", out, *force]) == 2, (out, force)
    err = capsys.readouterr().err
    assert "记录目录" in err and "文档目录" in err and "不是 catalogue generate 写出的" in err and "是一个文件" in err
    monkeypatch.chdir(tmp_path)  # from outside the project too (a review: only ./mkdocs.yml was looked at)
    for out in ("office/catalogue", "office/catalogue/new", "office/docs/x"):
        assert main(["generate", "3", "--out", out]) == 2, out
    # MkDocs' own tags in the office's configuration, and its docs folder named otherwise (a review: the
    # configuration could not be read, so docs was assumed, and demo records went into its pages).
    (project / "mkdocs.yml").write_text(
        "site_name: 本机关\ndocs_dir: pages\nsite_url: !ENV [SITE_URL, \"https://e.gov.cn/\"]\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "plugins:\n  - catalogue:\n      agency_code: \"015200371\"\n", encoding="utf-8")
    (project / "pages").mkdir()
    before[project / "mkdocs.yml"] = (project / "mkdocs.yml").read_bytes()
    assert main(["generate", "3", "--out", "office/pages/demo"]) == 2
    assert not (project / "pages" / "demo").exists()
    (project / "afile").unlink()
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before
    # A catalogue beside no demonstration configuration may be an office's: --force does not delete it.
    (tmp_path / "other" / "catalogue").mkdir(parents=True)
    (tmp_path / "other" / "catalogue" / "a.md").write_text("真实记录", encoding="utf-8")
    with pytest.raises(GenerateError, match="可能是真实的记录目录"):
        generate_corpus(3, tmp_path / "other", overwrite=True)
    assert (tmp_path / "other" / "catalogue" / "a.md").read_text(encoding="utf-8") == "真实记录"
    # A demonstration project is replaced with --force, as before; its home page keeps its title line first.
    generate_corpus(3, tmp_path / "demo")
    assert (tmp_path / "demo" / "docs" / "index.md").read_text(encoding="utf-8").startswith("# ")
    generate_corpus(4, tmp_path / "demo", overwrite=True)
    assert len(list((tmp_path / "demo" / "catalogue").rglob("*.md"))) == 4


@pytest.mark.parametrize("edited", ["mkdocs.yml", "docs/index.md"])
def test_force_keeps_the_offices_edits_to_the_demonstrations_configuration_and_home_page(tmp_path, edited):
    """An office that made the demonstration its own (its site_name, a line on the home page) lost the edits to
    generate --force, the files judged by the mark they still carried (a review).  They are listed by their
    digests beside the catalogue's files; an edited one stops --force."""
    demo = tmp_path / "demo"
    generate_corpus(5, demo)
    generate_corpus(5, demo, overwrite=True)  # as written: replaced
    path = demo / edited
    path.write_text(path.read_text(encoding="utf-8") + "\n# 本机关加的一行\n", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(GenerateError, match="写出之后改过"):
        generate_corpus(6, demo, overwrite=True)
    assert path.read_bytes() == before and len(list((demo / "catalogue").rglob("*.md"))) == 5


@pytest.mark.parametrize("change", ["a record added", "a record edited", "a file added", "no list of what was written"])
def test_force_replaces_a_demonstration_only_while_it_holds_what_generate_wrote(tmp_path, change):
    """An office entering its own records in a trial project (catalogue new) lost them to
    ``generate --force`` (an attack review): the catalogue folder is replaced only while every file in it is
    one generate wrote, unchanged."""
    from build_tools.generate import MANIFEST
    demo = tmp_path / "demo"
    generate_corpus(5, demo)
    catalogue = demo / "catalogue"
    kept = sorted(catalogue.rglob("*.md"))[0]
    if change == "a record added":
        kept = kept.with_name("2026-00099-zhengce.md")
        kept.write_text("---\nindex_no: 015200371/2026-00099\n---\n本机关的记录。\n", encoding="utf-8")
    elif change == "a record edited":
        kept.write_text(kept.read_text(encoding="utf-8") + "\n补充一段。\n", encoding="utf-8")
    elif change == "a file added":
        kept = catalogue / "files" / "名单.csv"
        kept.parent.mkdir(exist_ok=True)
        kept.write_text("姓名\n", encoding="utf-8")
    else:
        (demo / MANIFEST).unlink()
    before = kept.read_bytes()
    with pytest.raises(GenerateError, match="没有写过或写过之后改过"):
        generate_corpus(6, demo, overwrite=True)
    assert kept.read_bytes() == before
    if change != "no list of what was written":
        kept.unlink()  # what the office keeps, moved away: the demonstration is replaced
        generate_corpus(6, demo, overwrite=True)
        assert len(list(catalogue.rglob("*.md"))) == 6


def test_without_the_theme_templates_nothing_is_generated_and_the_message_says_why(tmp_path, monkeypatch, capsys):
    """Installed from a wheel, the package has no theme/: generate wrote a project that could not be built
    (a review).  It now writes nothing and says where it must run; in a checkout, the project names the
    templates by their absolute path, so that it may be moved."""
    import build_tools.generate as generate
    from build_tools.cli import main
    assert main(["generate", "3", "--out", str(tmp_path / "ok")]) == 0
    capsys.readouterr()
    text = (tmp_path / "ok" / "mkdocs.yml").read_text(encoding="utf-8")
    assert f"custom_dir: {generate.THEME_DIR.as_posix()}" in text
    monkeypatch.setattr(generate, "THEME_DIR", tmp_path / "nowhere")
    assert main(["generate", "3", "--out", str(tmp_path / "demo")]) == 2
    assert "找不到目录页面的模板" in capsys.readouterr().err and not (tmp_path / "demo").exists()


@pytest.mark.parametrize("fails_on", ["the third file", "mkdocs.yml"])
def test_a_demonstration_that_cannot_be_written_whole_leaves_nothing(tmp_path, monkeypatch, fails_on):
    """On a full disk generate traced back and left 61 files, no mkdocs.yml and no list of them, which --force then
    refused as maybe an office's catalogue (a review).  It says so in one line and takes back what it wrote;
    the next run, with room, writes the project."""
    import errno
    from pathlib import Path as P
    real_bytes, real_text, count = P.write_bytes, P.write_text, {"n": 0}

    def full(path: P) -> None:
        count["n"] += 1
        if (count["n"] >= 3) if fails_on == "the third file" else path.name == fails_on:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
    monkeypatch.setattr(P, "write_bytes", lambda self, data: full(self) or real_bytes(self, data))
    monkeypatch.setattr(P, "write_text", lambda self, text, *a, **k: full(self) or real_text(self, text, *a, **k))
    with pytest.raises(GenerateError, match="磁盘空间不足") as info:
        generate_corpus(20, tmp_path / "demo")
    assert "Traceback" not in str(info.value) and not (tmp_path / "demo").exists()
    monkeypatch.undo()
    generate_corpus(20, tmp_path / "demo")
    assert len(list((tmp_path / "demo" / "catalogue").rglob("*.md"))) == 20


def test_a_generated_projects_site_has_the_catalogues_home_page(tmp_path):
    """generate writes docs/index.md and no nav: MkDocs rendered it with main.html, so the home page linked to no
    list or record (every record reachable only by the search, which needs JavaScript), in lang="zh" (a review)."""
    from build_tools.mkdocs_plugin.build import build_site
    generate_corpus(12, tmp_path / "p", seed=3)
    site = build_site(tmp_path / "p" / "mkdocs.yml", site_dir=tmp_path / "site", as_of=dt.date(2026, 12, 1))
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN"' in home and "法定主动公开内容" in home and "最新公开" in home
    assert 'href="lists/policies/"' in home and 'href="records/' in home
    said = (tmp_path / "p" / "docs" / "index.md").read_text(encoding="utf-8").split("\n")[2].strip()  # its own text too
    assert said and said[:10] in home and home.count("<h1") == 1
