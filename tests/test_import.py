"""``catalogue import``: legacy pages (seeds and fixtures made for this project) → records.

The seeds (tests/import_fixtures/seeds: copies of ../shared/seeds 001 and 002, real pages of the
two commonest legacy styles) must
import into records that pass ``catalogue check`` once the reported gaps are
filled, with 发文字号 and 索引号 carried over exactly and no site chrome in the
body.  The fixtures (tests/import_fixtures) cover each style as text and HTML,
UTF-8 and GBK, a policy with its 解读, attachments, and pages that are not
disclosure pages.  Reports are asserted as (file, line, key, code) tuples.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.cli import main
from build_tools.config import load_config, options_to_config
from build_tools.diagnostics import CODES, Severity
from build_tools.importer import import_pages, prepare
from build_tools.model.writing import PLACEHOLDER, placeholder
from build_tools.pipeline import check_catalogue
from tests.import_fixtures.build import build

ROOT = Path(__file__).resolve().parent.parent
# Copies of ../shared/seeds 001 and 002 (real public pages), so a clean clone runs the seed tests.
SEEDS = Path(__file__).resolve().parent / "import_fixtures" / "seeds"
SEED_001 = SEEDS / "001_899fdbc19df42341.txt"
SEED_002 = SEEDS / "002_a66b87da135ff639.txt"
needs_seeds = pytest.mark.skipif(not SEED_001.exists(), reason="tests/import_fixtures/seeds is missing")
GS_PATTERN = r"^GS(?P<unit>\d{4})-GK(?P<cat>\d{3})-(?P<date>\d{8})-(?P<serial>\d{6})$"
# The fixtures' catalogue: national index numbers and the 青禾 local style side by side.
QH_PATTERN = (r"^(?:(?P<org>[0-9A-Z]{9})/(?P<year>\d{4})-(?P<serial>\d{5})"
              r"|QH\d{4}-GK\d{3}-(?P<date>\d{8})-\d{6})$")
CHROME = ("当前位置", "您的位置", "免责声明", "相关阅读", "相关新闻", "相关解读", "ICP备", "浏览次数", "【字体", "【打印】",
          "【关闭】", "打印本页", "关闭窗口", "window.print", "分享到", "版权所有", "主办单位", "来源:", "网站首页",
          "诉讼费用", "律师", "阅读:", "网站标识码")


def project(root: Path, **options) -> Path:
    """A project folder: mkdocs.yml with the catalogue plugin, and an empty catalogue/ to import into."""
    (root / "catalogue").mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump({"site_name": "测试", "plugins": [{"catalogue": {"catalogue_dir": "catalogue", **options}}]},
                          allow_unicode=True)
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    return root / "mkdocs.yml"


def run(paths, out, config_file, unsaid="主动公开"):
    """Import as an office importing the pages of its public site does (``--disclosure 主动公开``), unless told."""
    config, problems = load_config(config_file)
    assert problems == []
    return config, import_pages([Path(p) for p in paths], Path(out), config, unsaid=unsaid)


def front_matter(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    _, head, body = text.split("---\n", 2)
    return yaml.safe_load(head), body


def fill(path: Path, values: dict[str, str]) -> None:
    """Fill each placeholder the way an editor would (the report named every one)."""
    text = path.read_text(encoding="utf-8")
    for key, value in values.items():
        text, n = re.subn(rf"^{key}: \[?\"?{PLACEHOLDER.pattern}\"?\]?$", f"{key}: {value}", text, flags=re.M)
        assert n == 1, (key, path)
    assert [ln for ln in text.split("---\n", 2)[1].splitlines() if PLACEHOLDER.search(ln) and not ln.startswith("#")] == []
    path.write_text(text, encoding="utf-8")


def tuples(problems, name: str) -> set[tuple]:
    return {(Path(p.file).name, p.line, p.key, p.code) for p in problems if Path(p.file).name == name}


def errors_of(result, rel: str) -> list:
    return [(p.code, p.message) for p in result.problems if p.file == rel and p.severity is Severity.ERROR]


# --- the seeds (Done when) -------------------------------------------------------------------------


@needs_seeds
def test_seed_001_law_portal(tmp_path):
    config_file = project(tmp_path)
    out = tmp_path / "catalogue"
    _, result = run([SEED_001], out, config_file)
    record = out / "policies" / "001_899fdbc19df42341.md"
    assert result.written == [record.resolve()] and result.not_imported == []
    meta, body = front_matter(record)
    assert meta["doc_no"] == "皖交办〔2014〕103号"  # [2014] normalised to 〔2014〕
    assert meta["issuer"] == "安徽省交通运输厅" and meta["published"] == meta["effective"] == dt.date(2014, 7, 17)
    assert meta["title"] == "安徽省交通运输厅关于开展政务公开政务服务“信息化平台提升年”活动的通知"
    assert meta["validity"] == "现行有效" and meta["doc_type"] == "行政规范性文件" and meta["kind"] == "policy"
    assert "# 原网页「发文字号」：皖交办[2014]103号" in record.read_text(encoding="utf-8")
    report = tuples(result.problems, SEED_001.name)
    assert {(SEED_001.name, None, "index_no", "import-unmapped"), (SEED_001.name, None, "category", "import-unmapped"),
            (SEED_001.name, 9, "doc_no", "import-mapped"), (SEED_001.name, 11, "doc_type", "import-guessed"),
            (SEED_001.name, 12, "category", "import-label-unused"),
            (SEED_001.name, 7, None, "import-label-ignored")} <= report
    assert {p.key for p in result.problems if p.code == "import-unmapped"} == {"index_no", "category"}
    for word in CHROME:
        assert word not in body, word
    lines = [ln for ln in body.split("\n") if ln]
    assert lines[0] == "(皖交办〔2014〕103号)" and lines[1] == "厅机关各处室,厅直各单位:"
    assert "## 一、总体要求和目标" in lines and "## 五、有关要求" in lines
    assert lines[-2:] == ["安徽省交通运输厅", "2014年7月17日"]
    # the record loads; once the reported gaps are filled it passes catalogue check
    config, _ = load_config(config_file)
    before = check_catalogue(config, dt.date(2014, 8, 1))
    assert {(p.key, p.code) for p in before.problems if p.severity is Severity.ERROR} == {
        ("index_no", "placeholder-unfilled"), ("category", "placeholder-unfilled")}
    fill(record, {"index_no": "015200371/2014-00001", "category": "工业、交通/综合交通"})
    after = check_catalogue(config, dt.date(2014, 8, 1))
    assert [p for p in after.problems if p.severity is Severity.ERROR] == []
    assert len(after.catalogue.records) == 1


@needs_seeds
def test_seed_002_government_page_block(tmp_path):
    config_file = project(tmp_path, index_no_pattern=GS_PATTERN)
    out = tmp_path / "catalogue"
    _, result = run([SEED_002], out, config_file)
    record = out / "reports" / "002_a66b87da135ff639.md"
    meta, body = front_matter(record)
    assert meta["index_no"] == "GS0018-GK068-20180130-000010"
    assert meta["kind"] == "annual-report" and meta["fiscal_year"] == 2017
    assert meta["title"] == "甘肃省交通运输厅政府网站2017年政府信息公开工作年度报告"
    assert meta["published"] == dt.date(2018, 1, 30) and meta["issuer"] == "甘肃省交通运输厅"
    report = tuples(result.problems, SEED_002.name)
    n = SEED_002.name
    assert {(n, 4, "index_no", "import-mapped"), (n, 3, "kind", "import-guessed"), (n, 3, "published", "import-guessed"),
            (n, None, "issuer", "import-guessed"), (n, None, "fiscal_year", "import-guessed"),
            (n, None, "category", "import-unmapped"), (n, 5, None, "import-label-ignored"),
            (n, 2, "doc_no", "import-label-ignored")} <= report
    # every label of the block is accounted for
    assert {p.line for p in result.problems if p.line} >= {1, 2, 3, 4, 5}
    for word in CHROME + ("厅机关后勤服务中心举办职工趣味运动会",):
        assert word not in body, word
    assert body.startswith("## 一、概述\n")
    assert "### (一)强化信息公开机制建设" in body and "## 六、政府信息公开工作存在的主要问题及改进措施" in body
    config, _ = load_config(config_file)
    fill(record, {"category": "综合政务/政务公开"})
    after = check_catalogue(config, dt.date(2018, 2, 1))
    assert [p for p in after.problems if p.severity is Severity.ERROR] == []


@pytest.mark.parametrize("said", ["无", "暂无", "—", "／", "空"])
def test_a_label_that_says_none_is_not_imported(tmp_path, said):
    """A CMS block's 文 号：无 (seed 002's layout) was written doc_no: 无, then told to be written as a number and, on
    two such pages, called one duplicate 文号 that kept the push off the site (a review): no 文号, said."""
    page = tmp_path / "in" / "page.txt"
    page.parent.mkdir()
    page.write_text(f"名 称: | 江川省交通运输厅关于做好春运工作的通知 | ||\n文 号: | {said} | 发布机构: | 江川省交通运输厅 |\n"
                    "添加时间: | 2026-01-11 | 信息分类: | 通知公告 |\n索 引 号: | 015200371/2026-00091 | 信息有效性: | 有效 |\n"
                    f"关 键 字: | {said} | 浏览次数: | 次 |\n各市（州）交通运输局：\n\n请做好春运工作。\n\n江川省交通运输厅\n"
                    "2026年1月11日\n", encoding="utf-8")
    out = tmp_path / "catalogue"
    _, result = run([page], out, project(tmp_path))
    meta, _ = front_matter(next(out.rglob("*.md")))
    assert "doc_no" not in meta and "keywords" not in meta
    n = page.name
    assert {(n, 2, "doc_no", "import-label-ignored"), (n, 5, "keywords", "import-label-ignored")} <= tuples(
        result.problems, n)
    assert any(f"「{said}」，即没有发文字号" in p.message for p in result.problems)


@needs_seeds
def test_seed_002_index_number_outside_the_pattern_is_kept_and_reported(tmp_path):
    _, result = run([SEED_002], tmp_path / "out", project(tmp_path))
    meta, _ = front_matter(tmp_path / "out" / "reports" / "002_a66b87da135ff639.md")
    assert meta["index_no"] == "GS0018-GK068-20180130-000010"
    assert (SEED_002.name, 4, "index_no", "import-index-no-pattern") in tuples(result.problems, SEED_002.name)


# --- the fixtures -----------------------------------------------------------------------------------


@pytest.fixture
def imported(tmp_path):
    pages = build(tmp_path / "pages")
    config_file = project(tmp_path / "site", index_no_pattern=QH_PATTERN)
    out = tmp_path / "site" / "catalogue"
    config, result = run([pages], out, config_file)
    return pages, out, config, result


EXPECTED = {
    "policies/law-portal.md": {
        "index_no": placeholder("索引号"), "title": "青禾市交通运输局关于印发《青禾市网络预约出租汽车经营服务管理实施细则》的通知",
        "kind": "policy", "doc_type": "其他文件", "issuer": "青禾市交通运输局", "doc_no": "青交规〔2021〕4号",
        "category": "工业、交通/道路运输", "published": dt.date(2021, 8, 30), "effective": dt.date(2021, 10, 1),
        "validity": "现行有效"},
    "policies/policy.md": {
        "index_no": "015200371/2024-00031", "title": "青禾市交通运输局关于印发《青禾市道路货运车辆超限治理办法》的通知",
        "kind": "policy", "doc_type": "行政规范性文件", "issuer": "青禾市交通运输局", "doc_no": "青交规〔2024〕2号",
        "category": "工业、交通/道路运输", "written": dt.date(2024, 6, 3), "published": dt.date(2024, 6, 5),
        "keywords": ["超限", "治理"],
        "attachments": ["policy-附件1-超限检测站点表.pdf", "policy-附件2-申请表.docx"]},
    "interpretations/jiedu.md": {
        "index_no": "015200371/2024-00032", "title": "《青禾市道路货运车辆超限治理办法》政策解读",
        "kind": "interpretation", "issuer": "青禾市交通运输局", "category": "工业、交通/道路运输",
        "published": dt.date(2024, 6, 6), "interprets": ["015200371/2024-00031"]},
    "reports/gov-block.md": {
        "index_no": "QH0201-GK013-20240125-000003", "title": "青禾市交通运输局2023年政府信息公开工作年度报告",
        "kind": "annual-report", "issuer": "青禾市交通运输局", "category": placeholder("主题分类"),
        "published": dt.date(2024, 1, 25), "validity": "现行有效", "keywords": ["年度报告", "政务公开"],
        "fiscal_year": 2023},
    "policies/gbk-text.md": {
        "index_no": "015200371/2023-00045",
        "title": "青禾市交通运输局关于做好2024年元旦春节期间城市公共交通运营保障工作的通知",
        "kind": "policy", "doc_type": placeholder("文种"), "issuer": "青禾市交通运输局", "doc_no": "青交办〔2023〕38号",
        "category": "工业、交通/城市交通", "written": dt.date(2023, 11, 15), "published": dt.date(2023, 11, 20),
        "validity": "现行有效"},
}
BODY = {
    "policies/law-portal.md": ["(青交规〔2021〕4号)", "## 第一章 总则", "**第一条** 为规范本市网络预约出租汽车经营服务行为，"
                               "保障运营安全和乘客合法权益，制定本细则。".replace("，", ","), "## 第二章 经营许可",
                               "青禾市交通运输局", "2021年8月30日"],
    "policies/policy.md": ["各区县交通运输局，局属各单位：", "## 第一章　总则", "## 第二章　检测与处理",
                           "**第一条** 为加强道路货运车辆超限治理，保护公路设施，制定本办法。",
                           "附件：[1.超限检测站点表](policy-附件1-超限检测站点表.pdf)",
                           "[2.超限运输许可申请表](policy-附件2-申请表.docx)",
                           "3.超限治理情况统计表（原链接：附件3-统计表.xls，文件未找到）"],
    "interpretations/jiedu.md": ["## 一、起草背景", "### （一）明确检测站点设置",
                                 "原文链接：[青禾市交通运输局关于印发《青禾市道路货运车辆超限治理办法》的通知](../policies/policy.md)"],
    "reports/gov-block.md": ["本报告根据《中华人民共和国政府信息公开条例》编制。", "## 一、总体情况", "### （一）主动公开",
                             "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |", "| 行政规范性文件 | 3 | 1 | 17 |",
                             # a table of the body whose header row reads like labels is body, not metadata
                             "| 文件名称 | 文号 | 发布日期 |", "| 青禾市城市公共汽车客运管理办法 | 青交规〔2023〕1号 | 2023-03-01 |"],
    "policies/gbk-text.md": ["各区县交通运输局，市公交集团：", "## 一、加强运力调配", "## 三、做好应急值守", "2023年11月15日"],
}


def test_fixtures_import_into_the_expected_records(imported):
    pages, out, _, result = imported
    written = sorted(p.relative_to(out.resolve()).as_posix() for p in result.written)
    assert written == sorted(EXPECTED)
    for rel, expected in EXPECTED.items():
        meta, body = front_matter(out / rel)
        # 公开方式 as the page says it, else as the office stated it for the import (--disclosure 主动公开)
        assert meta == {**expected, "disclosure": expected.get("disclosure", "主动公开")}, rel
        lines = body.split("\n")
        for line in BODY[rel]:
            assert line in lines, (rel, line)
        for word in CHROME:
            assert word not in body, (rel, word)
        assert meta["title"] not in lines, rel  # the page's repeated title line is gone


def test_pages_that_are_not_disclosure_pages_are_reported_not_imported(imported):
    _, out, _, result = imported
    assert sorted(Path(p).name for p in result.not_imported) == ["news.html", "portal-index.html"]
    assert ("news.html", None, None, "import-not-disclosure") in tuples(result.problems, "news.html")
    assert not list(out.rglob("news*")) and not list(out.rglob("portal-index*"))


def test_encodings(imported):
    _, out, _, result = imported
    assert "编码 gb18030，按网页声明的编码读取" in (out / "policies/policy.md").read_text(encoding="utf-8")
    assert ("gbk-text.txt", None, None, "import-guessed") in tuples(result.problems, "gbk-text.txt")
    assert "字符检测推断" in (out / "policies/gbk-text.md").read_text(encoding="utf-8")
    assert ("gov-block.html", None, None, "import-guessed") not in tuples(result.problems, "gov-block.html")


def test_policy_and_interpretation_are_paired_by_their_links(imported):
    _, _, _, result = imported
    pair = [p for p in result.problems if p.code == "import-pair"]
    assert [(Path(p.file).name, p.key) for p in pair] == [("jiedu.html", "interprets")]
    assert "解读页面链接到政策文件页面 policy.html" in pair[0].message


def test_pairing_by_title_when_nothing_links(tmp_path):
    pages = build(tmp_path / "pages")
    text = (pages / "jiedu.html").read_text(encoding="utf-8").replace('href="policy.html"', 'href="https://example.invalid/x"')
    (pages / "jiedu.html").write_text(text, encoding="utf-8")
    policy = (pages / "policy.html").read_bytes().replace(b'href="jiedu.html"', b'href="other.html"')
    (pages / "policy.html").write_bytes(policy)
    _, result = run([pages / "jiedu.html", pages / "policy.html"], tmp_path / "out", project(tmp_path / "p"))
    pair = [p for p in result.problems if p.code == "import-pair"]
    assert len(pair) == 1 and "解读写出了政策文件的标题《青禾市道路货运车辆超限治理办法》" in pair[0].message
    meta, _ = front_matter(tmp_path / "out" / "interpretations" / "jiedu.md")
    assert meta["interprets"] == ["015200371/2024-00031"]


def test_pairing_with_a_policy_without_index_number_asks_for_it(tmp_path):
    pages = build(tmp_path / "pages")
    data = (pages / "policy.html").read_bytes().replace("015200371/2024-00031".encode(), b"")
    (pages / "policy.html").write_bytes(data)
    _, result = run([pages / "jiedu.html", pages / "policy.html"], tmp_path / "out", project(tmp_path / "p"))
    meta, _ = front_matter(tmp_path / "out" / "interpretations" / "jiedu.md")
    assert meta["interprets"] == [placeholder("解读对象")]
    asks = [p for p in result.problems if p.code == "import-unmapped" and p.key == "interprets"]
    assert len(asks) == 1 and "policy.html" in asks[0].message and asks[0].severity is Severity.ERROR


def test_attachments_copied_beside_the_record_and_missing_ones_reported(imported):
    pages, out, _, result = imported
    assert (out / "policies/policy-附件1-超限检测站点表.pdf").read_bytes() == (pages / "附件1-超限检测站点表.pdf").read_bytes()
    assert (out / "policies/policy-附件2-申请表.docx").read_bytes() == (pages / "files/附件2-申请表.docx").read_bytes()
    report = tuples(result.problems, "policy.html")
    assert ("policy.html", None, "attachments", "import-attachment-missing") in report
    assert sum(1 for p in result.problems if p.code == "import-attachment-copied") == 2


def test_fixture_records_pass_the_check_once_the_gaps_are_filled(imported):
    _, out, config, result = imported
    placeholders = {(Path(p.file).name, p.key) for p in result.problems if p.code == "import-unmapped"}
    assert placeholders == {("law-portal.txt", "index_no"), ("gov-block.html", "category"), ("gbk-text.txt", "doc_type")}
    before = check_catalogue(config, dt.date(2024, 7, 1))
    assert {p.file for p in before.problems if p.severity is Severity.ERROR} == {
        "policies/law-portal.md", "reports/gov-block.md", "policies/gbk-text.md"}
    fill(out / "policies/law-portal.md", {"index_no": "015200371/2021-00007"})
    fill(out / "reports/gov-block.md", {"category": "综合政务/政务公开"})
    fill(out / "policies/gbk-text.md", {"doc_type": "其他文件"})
    after = check_catalogue(config, dt.date(2024, 7, 1))
    assert [(p.file, p.code, p.message) for p in after.problems if p.severity is Severity.ERROR] == []
    assert len(after.catalogue.records) == 5


def test_existing_records_are_never_overwritten(imported, tmp_path):
    pages, out, config, _ = imported
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (out / "policies/policy-附件1-超限检测站点表.pdf").unlink()
    again = import_pages([pages], out, config)
    assert again.written == []
    assert {Path(p.file).name for p in again.problems if p.code == "import-record-exists"} == {
        "law-portal.txt", "policy.html", "jiedu.html", "gov-block.html", "gbk-text.txt"}
    for path, data in before.items():
        if path.exists():
            assert path.read_bytes() == data
    assert not (out / "policies/policy-附件1-超限检测站点表.pdf").exists()  # skipped with its record


def test_links_out_of_the_input_folder_are_not_copied(tmp_path):
    (tmp_path / "secret.pdf").write_bytes(b"%PDF-1.4 secret")
    pages = tmp_path / "in"
    pages.mkdir()
    (pages / "p.html").write_text(
        '<html><head><meta charset="utf-8"></head><body><table><tr><td>索引号：</td><td>015200371/2024-00001</td>'
        '<td>发布机构：</td><td>青禾市交通运输局</td></tr></table><div class="content"><p>一、总则</p>'
        '<p><a href="../secret.pdf">附件</a></p></div></body></html>', encoding="utf-8")
    out = tmp_path / "out"
    _, result = run([pages], out, project(tmp_path / "p"))
    assert [p.name for p in out.rglob("*.pdf")] == []
    assert ("p.html", None, "attachments", "import-attachment-missing") in tuples(result.problems, "p.html")
    assert all(p.resolve().is_relative_to(out.resolve()) for p in out.rglob("*"))


def test_unreadable_input_is_reported(tmp_path):
    (tmp_path / "scan.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 40)
    _, result = run([tmp_path / "scan.txt", tmp_path / "missing.html"], tmp_path / "out", project(tmp_path / "p"))
    assert {(Path(p.file).name, p.code) for p in result.problems} == {
        ("scan.txt", "import-unreadable"), ("missing.html", "import-unreadable")}
    assert result.written == []


def test_cli_json_report_and_exit_status(tmp_path, monkeypatch, capsys):
    pages = build(tmp_path / "pages")
    config_file = project(tmp_path / "site")
    monkeypatch.chdir(tmp_path)
    rc = main(["import", str(pages), "--out", str(tmp_path / "out"), "--format", "json", "--config", str(config_file)])
    assert rc == 1  # news.html and portal-index.html were not imported
    report = json.loads(capsys.readouterr().out)
    assert all(set(p) == {"file", "line", "key", "code", "severity", "message", "hint"} for p in report)
    assert all(p["severity"] == CODES[p["code"]].severity.value for p in report)
    assert {p["code"] for p in report} >= {"import-written", "import-not-disclosure", "import-pair"}
    rc = main(["import", str(pages / "policy.html"), str(pages / "jiedu.html"), "--out", str(tmp_path / "out2"),
               "--config", str(config_file)])
    assert rc == 0  # both imported (gaps to fill are reported, not failures)
    captured = capsys.readouterr()
    assert "[import-pair]" in captured.out and "已导入 2 个文件，0 个没有导入" in captured.err
    assert front_matter(tmp_path / "out2" / "policies" / "policy.md")[0]["disclosure"] == placeholder("公开方式")
    rc = main(["import", str(pages / "policy.html"), "--out", str(tmp_path / "out3"), "--config", str(config_file),
               "--disclosure", "主动公开"])
    assert rc == 0 and front_matter(tmp_path / "out3" / "policies" / "policy.md")[0]["disclosure"] == "主动公开"
    with pytest.raises(SystemExit):  # the office states only that pages were public: nothing else is taken
        main(["import", str(pages / "policy.html"), "--out", str(tmp_path / "out4"), "--disclosure", "不予公开"])


# --- robustness ------------------------------------------------------------------------------------

_HTML_BITS = st.sampled_from(["<table><tr><td>索 引 号：</td><td>", "</td></tr></table>", "<p>", "</p>", "【发文字号】",
                              "【发布日期】 2014.07.17", "一、", "（一）", "第一条", "<a href='", "'>", "</a>", "<meta charset=",
                              "gb2312>", "<div class='content'>", "</div>", "|", "名 称:", "\n", "〔2024〕", "<!--", "<![",
                              "<script>", "&#0;", "\x00", "\ufeff"])
_PAGES = st.one_of(
    st.binary(max_size=2000),
    st.lists(st.one_of(_HTML_BITS, st.text(max_size=30)), max_size=40).map(lambda xs: "".join(xs).encode("utf-8", "replace")),
    st.lists(st.one_of(_HTML_BITS, st.text(max_size=30)), max_size=40).map(lambda xs: "".join(xs).encode("gbk", "ignore")),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=_PAGES, suffix=st.sampled_from([".html", ".txt"]))
def test_the_importer_never_raises(tmp_path_factory, data, suffix):
    root = tmp_path_factory.mktemp("fuzz")
    page = root / f"page{suffix}"
    page.write_bytes(data)
    config, _ = options_to_config({})
    got = prepare(page, root, config)
    assert isinstance(got, list) or got.mapped.values.get("kind") is not None
    result = import_pages([page], root / "out", config)  # and writing it
    assert all(p.code in CODES for p in result.problems)
    for written in result.written:
        assert written.read_text(encoding="utf-8").startswith("---\n")


def test_every_import_code_is_reported_by_the_fixtures(tmp_path):
    """Each import-* code of the code table is one the fixtures make the importer report."""
    pages = build(tmp_path / "pages")
    (pages / "scan.txt").write_bytes(b"\x00\x01PK\x03\x04" * 50)
    config, _ = options_to_config({})  # national index numbers only: the 青禾 local one is reported
    first = import_pages([pages], tmp_path / "out", config)
    again = import_pages([pages / "policy.html"], tmp_path / "out", config)
    elsewhere = tmp_path / "elsewhere"  # --out's folder for policies is a link to another place
    elsewhere.mkdir()
    (tmp_path / "linked").mkdir()
    (tmp_path / "linked" / "policies").symlink_to(elsewhere)
    linked = import_pages([pages / "policy.html"], tmp_path / "linked", config)
    assert not list(elsewhere.iterdir())
    twice = import_pages([pages, pages / "policy.html"], tmp_path / "twice", config)  # a folder and a file in it
    assert sum(p.code == "import-read-once" for p in twice.problems) == 1
    assert len(twice.written) == len(first.written)
    seen = {p.code for p in (*first.problems, *again.problems, *linked.problems, *twice.problems)}
    assert {c for c, entry in CODES.items() if entry.phase == "import"} == {c for c in seen if c.startswith("import-")}
    assert {CODES[c].severity for c in seen} == {Severity.INFO, Severity.WARNING, Severity.ERROR}


def _page(title: str, body: str) -> str:
    return (f'<html><head><meta charset="utf-8"><title>{title}_网站</title></head><body>'
            f'<article><header><h1>{title}</h1></header>'
            '<table><tr><td>索引号：</td><td>015200371/2024-00009</td><td>发布机构：</td><td>青禾市交通运输局</td></tr>'
            '<tr><td>发布日期：</td><td>2024-05-06</td><td>主题分类：</td><td>工业、交通/公路</td></tr></table>'
            f'<div class="content">{body}</div></article></body></html>')


def test_cms_exports_with_one_index_html_per_folder(tmp_path):
    """Each article saved as index.html in its own folder: records named by folder, the output never re-read."""
    pages = tmp_path / "site"
    for folder in ("t1", "t2"):
        (pages / folder).mkdir(parents=True)
        (pages / folder / "index.html").write_text(
            _page(f"青禾市交通运输局关于公路养护的通知{folder}", "<p>一、总则</p><p>网站全年浏览量：12万次，比上年增长。</p>"),
            encoding="utf-8")
    out = pages / "out"  # inside the input folder: a second run must not import the first one's files
    _, result = run([pages], out, project(tmp_path / "p"))
    assert sorted(p.name for p in result.written) == ["t1-index.md", "t2-index.md"]
    meta, body = front_matter(out / "policies" / "t1-index.md")
    assert meta["title"] == "青禾市交通运输局关于公路养护的通知t1"  # from <h1> inside the article's <header>
    assert "网站全年浏览量：12万次，比上年增长。" in body  # a sentence of the document is not site chrome
    _, again = run([pages], out, project(tmp_path / "p"))
    assert {Path(p.file).name for p in again.problems if p.code == "import-record-exists"} == {"index.html"}
    assert len([p for p in again.problems if p.code == "import-record-exists"]) == 2


def test_info_entries_are_told_but_never_counted_as_problems():
    from build_tools import formats
    from build_tools.diagnostics import problem
    info = problem("import-written", "a.html", None, None, "已导入为 out/policies/a.md。")
    warn = problem("import-guessed", "a.html", 3, "kind", "「类型」由「信息分类」推断。")
    assert info.severity is Severity.INFO
    text = formats.as_text([info, warn])
    assert "说明 [import-written]" in text and text.endswith("发现 0 个错误、1 个警告（涉及 1 个文件）。")
    assert formats.summary_line([info]) == "检查通过：没有发现问题。"
    assert formats.as_github([info]).startswith("::notice file=a.html")
    assert json.loads(formats.as_json([info]))[0]["severity"] == "info"


@pytest.mark.parametrize("label, value, expected", [
    ("公开方式", "不公开", "不予公开"),
    ("公开属性", "不公开", "不予公开"),
    ("公开形式", "依申请", "依申请公开"),
    ("公开方式", "主动公开", "主动公开"),
    ("公开方式", "待定", None),  # cannot be told: a placeholder, never 主动公开 by default
])
def test_a_page_that_says_it_is_not_public_never_becomes_a_public_record(tmp_path, label, value, expected):
    page = tmp_path / "in" / "page.txt"
    page.parent.mkdir()
    page.write_text("\n".join([
        "名 称: | 青禾市交通运输局关于内部工作安排的通知 | ||",
        "文 号: | 青交办〔2024〕9号 | 发布机构: | 青禾市交通运输局 |",
        "添加时间: | 2024-03-05 | 信息分类: | 通知公告 |",
        f"{label}: | {value} | ||",
        "一、工作安排", "各科室按计划推进。", ""]), encoding="utf-8")
    config, result = run([page], tmp_path / "out", project(tmp_path / "p"))
    (written,) = result.written
    meta, _ = front_matter(written)
    if expected is None:
        assert PLACEHOLDER.search(meta["disclosure"])
    else:
        assert meta["disclosure"] == expected
    if expected != "主动公开":  # whatever else the editor fills in, the check keeps it off the site
        config.catalogue_dir.joinpath("n.md").write_text(written.read_text(encoding="utf-8"), encoding="utf-8")
        loaded = check_catalogue(config, dt.date(2026, 11, 23))
        from build_tools.visibility import public_view
        assert public_view(loaded.catalogue, loaded.graph, dt.date(2026, 11, 23)).records == ()


def test_a_linked_page_outside_the_folder_is_not_read_and_long_or_reserved_names_are_safe(tmp_path):
    outside = tmp_path / "elsewhere" / "secret.txt"
    outside.parent.mkdir()
    outside.write_text("【发布部门】 外单位 【发文字号】 外〔2024〕1号\n【发布日期】 2024.01.02\n\n一、SECRETMARK\n",
                       encoding="utf-8")
    pages = tmp_path / "in"
    pages.mkdir()
    (pages / "link.txt").symlink_to(outside)
    long = pages / ("很长的文件名" * 13 + ".txt")  # 78 Chinese characters: 238 bytes (the limit is 255)
    long.write_text("【发布部门】 青禾市交通运输局 【发文字号】 青交〔2024〕2号\n【发布日期】 2024.01.03\n\n一、总则\n第一条 内容。\n",
                    encoding="utf-8")
    (pages / "CON.txt").write_text(long.read_text(encoding="utf-8").replace("2号", "3号"), encoding="utf-8")
    _, result = run([pages], tmp_path / "out", project(tmp_path / "p"))
    names = sorted(p.name for p in result.written)
    assert all(len(n.encode("utf-8")) <= 200 for n in names) and len(names) == 2
    assert not any(n.upper().startswith("CON.") for n in names)
    assert any(p.code == "import-unreadable" and "link.txt" in p.file for p in result.problems)
    assert all("SECRETMARK" not in p.read_text(encoding="utf-8") for p in (tmp_path / "out").rglob("*.md"))


_OPEN_PAGE = """<html><head><meta charset="utf-8">{head}<title>江川省交通运输厅关于加强道路运输安全管理的通知</title></head><body>
<div class="crumb">您的位置：首页 &gt; 政务公开</div>
<table class="bd1">
<tr><td><b>索 引 号：</b></td><td>015200371/2024-00012</td></tr>
<tr><td><b>发文机关：</b></td><td>江川省交通运输厅</td></tr>
<tr><td><b>标　　题：</b></td><td>江川省交通运输厅关于加强道路运输安全管理的通知</td></tr>
<tr><td><b>发文字号：</b></td><td>江交〔2024〕3号</td></tr>
<tr><td><b>发布日期：</b></td><td>2024年03月05日</td></tr>
{rows}</table>{aside}
<div class="pages_content" id="UCAP-CONTENT">
<p>各市（州）交通运输局：</p><p>　　为加强道路运输安全管理，现就有关事项通知如下。</p>
<p>　　一、总体要求</p><p>　　坚持安全第一。</p><p>　　江川省交通运输厅</p><p>　　2024年3月1日</p>
</div></body></html>"""


@pytest.mark.parametrize("head, rows, aside", [
    ("", "<tr><td><b>公开范围：</b></td><td>不予公开</td></tr>", ""),  # a label the table read as no field
    ("", "<tr><td><b>公开属性分类：</b></td><td>依申请公开</td></tr>", ""),
    ("", "<tr><td><b>是否公开：</b></td><td>否</td></tr>", ""),  # labels the table does not know
    ("", "<tr><td><b>密　　级：</b></td><td>内部</td></tr>", ""),
    ("", "<tr><td><b>公开方式：</b></td><td>主动公开</td></tr><tr><td><b>公开方式：</b></td><td>依申请公开</td></tr>", ""),
    ("", "", "<table><tr><th>公开方式</th><th>公开时限</th></tr><tr><td>依申请公开</td><td>长期公开</td></tr></table>"),
    ("", "<tr><td><b>公开方式∶</b></td><td>不予公开</td></tr>", ""),  # the ratio sign for a colon
    ("", "", "<!-- 公开方式：依申请公开 -->"),
    ('<meta name="公开方式" content="依申请公开">', "", ""),
    ("", "", '<div class="gkfs"><span class="l">公开方式</span><span class="v">依申请公开</span></div>'),
    ("", "", "<div>公开方式：<br>\n依申请公开</div>"),  # the value on the next line
], ids=["公开范围", "公开属性分类", "是否公开", "密级", "两个公开方式", "分栏表格", "比号", "注释", "meta", "span", "换行"])
def test_a_page_that_says_anywhere_it_is_not_public_never_becomes_a_public_record(tmp_path, head, rows, aside):
    """Each way a review found a page of the old system marked 依申请公开, 不予公开 or 内部 imported with no
    公开方式 (so 主动公开), or with the first of two, and published by the next build with check passing."""
    config_file = project(tmp_path / "p")
    page = tmp_path / "notice.html"
    page.write_text(_OPEN_PAGE.format(head=head, rows=rows, aside=aside), encoding="utf-8")
    _, result = run([page], tmp_path / "p" / "catalogue", config_file)
    [written] = result.written
    values, _ = front_matter(written)
    assert values.get("disclosure") in ("依申请公开", "不予公开", placeholder("公开方式")), values
    if values["disclosure"] == placeholder("公开方式"):  # an error: the record is off the site until filled
        assert ("disclosure", "import-unmapped", Severity.ERROR) in {(p.key, p.code, p.severity) for p in result.problems}


@pytest.mark.parametrize("rows, aside", [
    ("<tr><td>公開方式：</td><td>依申請公開</td></tr>", ""),  # traditional characters
    ("", "<div><span>公开标识：</span><span>依申请公开</span></div>"),  # a label no list holds
    ("", "<div><span>可否公开：</span><span>否</span></div>"),
    ("", "<div><span>知悉范围：</span><span>内部</span></div>"),
    ("<tr><td>Disclosure：</td><td>Upon application</td></tr>", ""),
    ("<tr><td>公开方式：</td><td><script>document.write(\"依申请公开\");</script></td></tr>", ""),
    ("", "<div>公开方式 - 依申请公开</div>"), ("", "<div>公开方式（不予公开）</div>"), ("", "<div>公开方式/不予公开</div>"),
    ("", "<div>公 开 方 式　　依申请公开</div>"), ("", "<div>公开\u200b方式：依\u200b申请公开</div>"),
    ("", "<!-- 公开方式：依 申 请 公 开 -->"),
    ('<tr><td><input type="hidden" name="gkfs" value="不予公开"></td></tr>', ""),  # pinyin field names
    ("", '<script>var doc = {gkfs: "依申请公开", title: "x"};</script>'),
    ("", "<div><span>公开方式</span><span>部分公开</span></div>"), ("", "<!-- 公开方式：不主动公开 -->"),
    ("", "<div><span>公开属性</span><span>有条件公开</span></div>"),
    ("<tr><td>公开方式：</td><td><input type=text value=依申请公开 readonly></td></tr>", ""),  # attributes without quotes
    ("", "<![CDATA[公开方式：依申请公开]]>"),
    ("", "<table><tr><th>是否公开</th><th>公开时限</th><th>责任部门</th></tr><tr><td>否</td><td>长期</td><td>办公室</td></tr></table>"),
], ids=["繁体", "公开标识", "可否公开", "知悉范围", "English", "document.write", "短横", "括号", "斜杠", "空格", "零宽空格",
        "注释中的空格", "gkfs", "脚本", "部分公开", "不主动公开", "有条件公开", "无引号属性", "CDATA", "分栏表格中的否"])
def test_a_page_the_office_calls_public_that_says_otherwise_is_never_published(tmp_path, rows, aside):
    """With --disclosure 主动公开 the office states its pages were public; a page that says anywhere it is not
    (each form a second review found the net blind to) still gets the placeholder or its own value."""
    values, _, _ = _import_one(tmp_path, rows=rows, aside=aside)
    assert values.get("disclosure") in ("依申请公开", "不予公开", placeholder("公开方式")), values


@pytest.mark.parametrize("lines", [
    ["索引号\t发布机构\t发文字号\t公开方式", "015200371/2023-00013\t江川省交通运输厅\t江交发〔2023〕6号\t依申请公开"],
    ["索引号  发布机构  发文字号  公开方式", "015200371/2023-00013  江川省交通运输厅  江交发〔2023〕6号  依申请公开"],
    ["公开方式 - 依申请公开"], ["公开方式→不予公开"], ["公 开 方 式　　依申请公开"],
], ids=["制表符分栏", "空格分栏", "短横", "箭头", "空格"])
def test_a_text_copy_that_says_it_is_not_public_is_never_published(tmp_path, lines):
    page = tmp_path / "in" / "page.txt"
    page.parent.mkdir()
    page.write_text("\n".join(["【发布部门】 江川省交通运输厅 【发文字号】 江交发〔2023〕6号", "【发布日期】 2023.03.02", *lines,
                               "", "一、总体要求", "各单位要认真贯彻落实有关要求。", ""]), encoding="utf-8")
    _, result = run([page], tmp_path / "out", project(tmp_path / "p"))
    [written] = result.written
    assert front_matter(written)[0].get("disclosure") in ("依申请公开", "不予公开", placeholder("公开方式"))


def test_labels_in_traditional_characters_are_read_and_values_kept_as_written(tmp_path):
    rows = "<tr><td>發文機關：</td><td>江川省交通運輸廳</td></tr><tr><td>公開方式：</td><td>依申請公開</td></tr>"
    config_file = project(tmp_path / "p")
    page = tmp_path / "notice.html"
    page.write_text(_OPEN_PAGE.format(head="", rows=rows, aside="").replace(
        "<tr><td><b>发文机关：</b></td><td>江川省交通运输厅</td></tr>", ""), encoding="utf-8")
    _, result = run([page], tmp_path / "p" / "catalogue", config_file)
    values, _ = front_matter(result.written[0])
    assert values["disclosure"] == "依申请公开" and values["issuer"] == "江川省交通運輸廳"


@pytest.mark.parametrize("rows, aside", [
    ("<tr><td><b>公开方式：</b></td><td>主动公开</td></tr>", ""),
    ("<tr><td><b>公开范围：</b></td><td>面向社会</td></tr><tr><td><b>密　　级：</b></td><td>无</td></tr>", ""),
    ("", "<p>申请人可依申请公开的规定提出申请。</p>"),
    ("<tr><td><b>公开方式：</b></td><td>主动公开</td></tr>", "<table><tr><td>是否收费</td><td>否</td></tr></table>"),
    ("<tr><td>公开方式：</td><td>☑主动公开 □依申请公开 □不予公开</td></tr>", ""),  # a form's ticked choice
    ('<tr><td>公开方式：</td><td><input type="radio" name="g" checked>主动公开 <input type="radio" name="g">依申请公开</td></tr>', ""),
    ('<tr><td>公开方式：</td><td><select name="gkfs"><option selected>主动公开</option><option>依申请公开</option></select></td></tr>', ""),
    ("", '<div class="menu"><a href="/ysq/" title="依申请公开">依申请公开</a> | <a href="/bm/">不予公开目录</a></div>'),
    ("", '<form><select name="gkfs"><option value="">公开方式</option><option value="1">主动公开</option>'
         '<option value="2">依申请公开</option></select></form>'),  # a search form's choices
])
def test_a_public_page_stays_public(tmp_path, rows, aside):
    values, _, result = _import_one(tmp_path, rows=rows, aside=aside)
    assert values.get("disclosure", "主动公开") == "主动公开"
    assert "disclosure" not in {p.key for p in result.problems if p.severity is Severity.ERROR}


@pytest.mark.parametrize("cell, expected", [
    ('<img src="/images/ysqgk.gif" alt="依申请公开">', "依申请公开"),  # an image's words are its text
    ('<img src="/images/ysqgk.gif" title="依申请公开">', "依申请公开"),
    ('<img src="/images/zdgk.gif" alt="主动公开">', "主动公开"),
    ('<img src="/images/ysqgk.gif">', None),  # a stamp without words: read as nothing would be 主动公开
    ('<i class="iconfont icon-gk" title="依申请公开"></i>', "依申请公开"),
    ('<img src="/images/ysqgk.gif" alt="图片">', None),  # words about the picture, not what it shows
    ('<img src="/images/ysqgk.gif" alt="公开">', None),  # neither 主动 nor 依申请
    # alt="" is no filler (CMSs write it on every image), nor a link to a larger copy, nor a stamp's own name
    ('<img src="/images/ysqgk.gif" alt="">', None),
    ('<img src="/images/blank.gif" data-original="/images/ysqgk.gif" alt="">', None),  # lazy-loaded
    ('<a href="/images/ysqgk_big.gif"><img src="/images/ysqgk.gif"></a>', None),
    ('<img src="/images/ysqgk_transparent.png">', None),
    ('<img src="/images/ysqgk.gif" width="1" height="40">', None),
    ('<img src="/images/zdgk.gif" alt="主动公开图标">', "主动公开"),  # the value, then what the picture is
    ('<span style="background:url(/images/bygk.png) no-repeat"></span>', None),
    ('<i class="icon-lock"></i>依申请公开', "依申请公开"),  # text beside an icon is the value
    ("", "主动公开"),  # not filled in: the page says nothing, the office's --disclosure stands
])
def test_an_openness_drawn_as_a_picture_is_read_by_its_words_or_left_to_the_editor(tmp_path, cell, expected):
    """Old 目录 templates show 公开方式 as a stamp image; one without alt text had read as an empty cell,
    and every such 依申请公开 page was imported as 主动公开 (a review)."""
    values, _, result = _import_one(tmp_path, rows=f"<tr><td><b>公开方式：</b></td><td>{cell}</td></tr>")
    if expected is None:
        assert values["disclosure"] == placeholder("公开方式")
        [said] = [p for p in result.problems if p.key == "disclosure" and p.severity is Severity.ERROR]
        assert "图片" in said.message
    else:
        assert values["disclosure"] == expected


_FILLER = '<td><img src="/images/spacer.gif" width="1" height="1"></td>'


@pytest.mark.parametrize("rows", [
    # a filler after every value: the row is read as without it (a review found 〔图片〕 glued onto 索引号)
    f"<tr><td><b>公开方式：</b></td><td>主动公开</td>{_FILLER}</tr>",
    '<tr><td><b>公开方式：</b></td><td>主动公开</td><td><a href="javascript:window.print()"><img src="print.gif" '
    'alt="打印"></a></td></tr>',
    '<tr><td><b>公开方式：</b></td><td>主动公开</td><td><i class="iconfont icon-arrow"></i></td></tr>',
    '<tr><td><img src="/images/dot.gif"></td><td><b>公开方式：</b></td><td>主动公开</td></tr>',  # a bullet first
    # an unfilled 公开方式 holding a layout's filler says nothing, as an empty cell does
    f"<tr><td><b>公开方式：</b></td>{_FILLER}</tr>",
    '<tr><td><b>公开方式：</b></td><td><img src="/images/blank.gif" width="1" height="1" alt=""></td></tr>',
    '<tr><td><b>公开方式：</b></td><td style="background:url(/images/td_bg.gif)"></td></tr>',  # a painted filler
    '<tr><td><b>公开方式：</b></td><td background="/images/line.gif"></td></tr>',
    # a QR code in the cell after an unfilled 公开方式 is the page's tool
    '<tr><td><b>公开方式：</b></td><td></td><td><img src="/images/qrcode.png" alt="扫码阅读"></td></tr>',
    '<tr><td><b>公开方式：</b></td><td><i class="iconfont"></i></td></tr>',  # the template's icon before each value
    '<tr><td><b>公开方式：</b></td><td><span class="tools"><i class="iconfont icon-print" title="打印"></i>'
    '<i class="iconfont icon-close" title="关闭"></i></span></td></tr>',
    '<tr><td><b>公开方式：</b></td><td><a class="share-wx" href="#"><img src="/images/wx.png"></a></td></tr>',
])
def test_a_pictures_layout_filler_or_tool_is_no_value(tmp_path, rows):
    values, _, result = _import_one(tmp_path, rows=rows)
    assert values["disclosure"] == "主动公开"
    assert values["index_no"] == "015200371/2024-00012" and values["doc_no"] == "江交〔2024〕3号"
    assert not any("图片" in str(v) for v in values.values())


@pytest.mark.parametrize("rows, aside", [
    # the value cell painted itself, by style or by HTML 4's background attribute
    ('<tr><td><b>公开方式：</b></td><td style="background:url(/images/ysqgk.gif) no-repeat"></td></tr>', ""),
    ('<tr><td><b>公开方式：</b></td><td background="/images/ysqgk.gif"></td></tr>', ""),
    # label and picture in one cell of a row, beside another pair
    ('<tr><td>公开方式：<img src="/images/ysqgk.gif"></td><td>有 效 性：有效</td></tr>', ""),
    # a bullet or an icon before the label of a line (a review found the label hidden by it)
    ("", '<ul><li><span style="background:url(/images/arrow.gif)"></span>公开方式：<img src="/images/ysqgk.gif"></li></ul>'),
    ("", '<ul><li><i class="iconfont icon-gkfs"></i>公开方式：<img src="/images/ysqgk.gif"></li></ul>'),
])
def test_a_stamp_in_the_shapes_old_templates_draw_it_is_left_to_the_editor(tmp_path, rows, aside):
    values, _, _ = _import_one(tmp_path, rows=rows, aside=aside)
    assert values["disclosure"] == placeholder("公开方式")


@pytest.mark.parametrize("cell", [
    '<span class="gk-icon"><img src="/images/zdgk.gif" alt="主动公开"></span>',
    '<div style="background: url(/images/stamp-bg.png) no-repeat"><img src="/images/zdgk.gif" alt="主动公开"></div>',
    '<object data="/images/zdgk.svg"><img src="/images/zdgk.gif" alt="主动公开"></object>',
])
def test_a_picture_in_a_wrapper_is_read_once(tmp_path, cell):
    """The wrapper (an icon's span, a background, an <object>'s fallback) is no second picture (a review)."""
    values, _, _ = _import_one(tmp_path, rows=f"<tr><td><b>公开方式：</b></td><td>{cell}</td></tr>")
    assert values["disclosure"] == "主动公开"


def test_a_stamp_after_a_spacer_cell_is_read_and_an_icon_after_a_colon_is_no_value(tmp_path):
    values, _, _ = _import_one(tmp_path, rows='<tr><td><b>公开方式：</b></td><td><img src="/images/spacer.gif" '
                                              'width="1"></td><td><img src="/images/ysqgk.gif"></td></tr>')
    assert values["disclosure"] == placeholder("公开方式")
    values, _, _ = _import_one(tmp_path / "b", rows='<tr><td><b>公开方式：<img src="/images/help.gif"></b></td>'
                                                    "<td>主动公开</td></tr>")
    assert values["disclosure"] == "主动公开"


def test_a_text_copys_body_table_of_label_and_value_cells_stays_in_the_body(tmp_path):
    """A text copy's | 文号：… | 成文日期：… | rows are a table of the document's, not its metadata (a review)."""
    page = tmp_path / "in" / "page.txt"
    page.parent.mkdir()
    page.write_text("\n".join(["关于公布2019年规范性文件清理结果的通知", "【发布部门】 江川省交通运输厅 【发文字号】 江交发〔2023〕6号",
                               "【发布日期】 2023.03.02", "", "一、保留的文件", "",
                               "| 文号：江交发〔2019〕2号 | 成文日期：2019-02-01 |", "", "各单位要认真贯彻落实。", ""]),
                    encoding="utf-8")
    _, result = run([page], tmp_path / "out", project(tmp_path / "p"))
    values, body = front_matter(result.written[0])
    assert "成文日期：2019-02-01" in body and str(values.get("written", "")) != "2019-02-01"


@pytest.mark.parametrize("alt", ["图片", "点击查看大图", "电子印章"])
def test_a_seal_pictures_words_about_itself_are_not_the_issuer(tmp_path, alt):
    page = _OPEN_PAGE.replace("<tr><td><b>发文机关：</b></td><td>江川省交通运输厅</td></tr>",
                              f'<tr><td><b>发文机关：</b></td><td><img src="/images/seal.png" alt="{alt}"></td></tr>')
    assert page != _OPEN_PAGE
    config_file = project(tmp_path / "p")
    (tmp_path / "notice.html").write_text(page.format(head="", rows="", aside=""), encoding="utf-8")
    _, result = run([tmp_path / "notice.html"], tmp_path / "p" / "catalogue", config_file)
    values, _ = front_matter(result.written[0])
    assert values.get("issuer") != alt and "图片" not in str(values.get("issuer"))
    assert any(p.key == "issuer" and "图片" in p.message for p in result.problems)


@pytest.mark.parametrize("rows, aside", [
    ("", '<p>公开方式：<img src="/images/ysqgk.gif"></p>'),  # a line of its own
    ("", '<table><tr><th>公开方式</th><th>公开时限</th></tr><tr><td><img src="ysqgk.gif"></td><td>长期</td></tr>'
         "</table>"),  # a column table's value
])
def test_a_pictured_openness_outside_a_row_of_cells_is_left_to_the_editor(tmp_path, rows, aside):
    values, _, _ = _import_one(tmp_path, rows=rows, aside=aside)
    assert values["disclosure"] == placeholder("公开方式")


def test_another_field_drawn_as_a_picture_is_reported_not_written(tmp_path):
    values, _, result = _import_one(
        tmp_path, rows='<tr><td><b>有 效 性：</b></td><td><img src="/images/yx.gif"></td></tr>')
    assert "validity" not in values or "图片" not in str(values["validity"])
    assert any(p.key == "validity" and "图片" in p.message for p in result.problems)


def test_an_annual_reports_figures_under_openness_headings_leave_it_public(tmp_path):
    """信息公开方式 | 件数 over 依申请公开 | 3 in a report's own table is a count, not the page's openness."""
    config_file = project(tmp_path / "p")
    page = tmp_path / "notice.html"
    figures = "<table><tr><td>信息公开方式</td><td>件数</td></tr><tr><td>依申请公开</td><td>3</td></tr></table>"
    page.write_text(_OPEN_PAGE.format(head="", rows="<tr><td><b>公开方式：</b></td><td>主动公开</td></tr>", aside="")
                    .replace("<p>　　坚持安全第一。</p>", figures), encoding="utf-8")
    _, result = run([page], tmp_path / "p" / "catalogue", config_file)
    values, body = front_matter(result.written[0])
    assert values["disclosure"] == "主动公开" and "依申请公开 | 3" in body


def test_a_page_named_in_gbk_bytes_is_imported_under_its_chinese_name(tmp_path):
    """A ZIP made on Chinese Windows leaves GBK bytes in file names: the whole import stopped with a
    traceback before writing anything (a review)."""
    import os
    config_file = project(tmp_path / "p")
    folder = tmp_path / "in"
    folder.mkdir()
    gbk = os.fsdecode("关于加强道路运输安全管理的通知.html".encode("gbk"))
    for name in (gbk, "ok-first.html"):
        (folder / name).write_text(_OPEN_PAGE.format(head="", rows="", aside=""), encoding="utf-8")
    _, result = run([folder], tmp_path / "p" / "catalogue", config_file)
    assert sorted(p.name for p in result.written) == ["ok-first.md", "关于加强道路运输安全管理的通知.md"]
    assert all(p.file.isprintable() for p in result.problems)


def test_a_record_that_cannot_be_written_whole_leaves_nothing(tmp_path, monkeypatch):
    """A disk full halfway through a record left the part written: a record cut in a table's middle loaded
    as a whole one, and the next import refused its name as 已经存在 (a review)."""
    import errno
    import build_tools.machinery.new_files as write
    config_file = project(tmp_path / "p")
    page = tmp_path / "notice.html"
    page.write_text(_OPEN_PAGE.format(head="", rows="", aside=""), encoding="utf-8")
    real = write.made_whole

    def full(path, fill):
        def half(fh):
            fh.write(b"---\nindex_no: 015200371/2024-00012\n")
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, half)
    monkeypatch.setattr(write, "made_whole", full)
    out = tmp_path / "p" / "catalogue"
    _, result = run([page], out, config_file)
    assert result.written == [] and not list(out.rglob("*.md"))
    assert any("No space left on device" in p.message for p in result.problems)
    monkeypatch.setattr(write, "made_whole", real)
    _, again = run([page], out, config_file)  # once there is room, the same import writes it
    assert [p.name for p in again.written] == ["notice.md"]


_NOTICE = """<html><head><meta charset="utf-8"><title>关于举办道路运输安全培训班的通知</title></head><body>
<div class="crumb">位置：首页 &gt; 通知公告</div>
<table class="bd1">
<tr><td><b>索 引 号：</b></td><td>015200371/2024-00013</td></tr>
<tr><td><b>发文机关：</b></td><td>江川省交通运输厅</td></tr>
<tr><td><b>发布日期：</b></td><td>2024年03月05日</td></tr>
{close}
<div class="pages_content" id="UCAP-CONTENT">
<p>各市（州）交通运输局：</p>
<p>　　现将培训有关事项通知如下。</p>
<p>　　一、培训安排</p>
<p>主办单位：江川省交通运输厅</p>
<p>承办单位：江川交通职业学院</p>
<p>地点：江川市东湖路18号，位置见下。</p>
<p>位置：江川市东湖路18号</p>
<p>　　二、报名方式</p>
<p>　　申请人可通过以下网址在线报名：</p>
<p>https://zwfw.jc.gov.cn/apply/road-transport</p>
<p>　　三、网站要求</p>
<p>　　各单位网站应在页面底部标注网站标识码、ICP备案编号和公安机关备案编号。</p>
<p>　　请于3月20日前报送参训名单。</p>
<p>　　江川省交通运输厅</p>
<p>　　2024年3月1日</p>
</div>
<div id="footer">主办单位：江川省交通运输厅　网站标识码：5200000001　黔ICP备12345678号</div>
</body></html>"""


@pytest.mark.parametrize("close", ["</table>", ""], ids=["closed", "unclosed-table"])
def test_a_notices_own_words_are_not_taken_for_the_sites(tmp_path, close):
    """主办单位 and 承办单位 of an event, 网站标识码 in a notice's text, a 位置： line, an address alone on a
    line, a metadata table never closed: the body was cut off or emptied, without a word (a review)."""
    config_file = project(tmp_path / "p")
    page = tmp_path / "notice.html"
    page.write_text(_NOTICE.format(close=close), encoding="utf-8")
    _, result = run([page], tmp_path / "p" / "catalogue", config_file)
    [written] = result.written
    _, body = front_matter(written)
    for words in ("主办单位：江川省交通运输厅", "承办单位：江川交通职业学院", "位置：江川市东湖路18号",
                  "https://zwfw.jc.gov.cn/apply/road-transport", "网站标识码、ICP备案编号", "请于3月20日前报送",
                  "2024年3月1日"):
        assert words in body, words
    assert "5200000001" not in body and "首页" not in body  # the site's own footer and breadcrumb are not
    assert "import-body-dropped" not in {p.code for p in result.problems}


def test_text_left_out_of_a_body_is_reported(tmp_path):
    config_file = project(tmp_path / "p")
    page = tmp_path / "notice.txt"
    page.write_text("索引号：015200371/2024-00014\n发文机关：江川省交通运输厅\n发布日期：2024-03-05\n"
                    "关于道路运输安全的通知\n各市（州）交通运输局：\n一、总体要求\n坚持安全第一，预防为主，综合治理。\n"
                    "相关链接\n二、主要任务是落实企业主体责任，加强动态监控，确保安全。\n", encoding="utf-8")
    _, result = run([page], tmp_path / "p" / "catalogue", config_file)
    dropped = [p for p in result.problems if p.code == "import-body-dropped"]
    assert len(dropped) == 1 and "相关链接" in dropped[0].message and "2 行" in dropped[0].message


def test_attachments_of_one_name_and_site_absolute_links_each_reach_their_own_file(tmp_path):
    """Two uploads named 附件1.pdf: the second link had led to the first file; an attachment linked as the
    old site wrote it (/zwgk/upload/…) was neither copied nor reported; one left on the old site is
    reported now (a review)."""
    config_file = project(tmp_path / "p")
    site = tmp_path / "site"
    for folder, data in (("files/a", b"%PDF-1.4 a"), ("files/b", b"%PDF-1.4 b"), ("upload", b"%PDF-1.4 c")):
        (site / "zwgk" / folder).mkdir(parents=True)
        (site / "zwgk" / folder / ("附件1.pdf" if folder != "upload" else "P02.pdf")).write_bytes(data)
    links = ('<p>附件：<a href="files/a/附件1.pdf">1.申请表（个人）</a></p><p><a href="files/b/附件1.pdf">2.申请表（企业）</a></p>'
             '<p><a href="/zwgk/upload/P02.pdf">3.站点表</a></p><p><a href="http://old.example.gov.cn/up/gone.xls">4.名单</a></p>')
    page = site / "zwgk" / "notice.html"
    page.write_text(_OPEN_PAGE.format(head="", rows="", aside="").replace("</div></body>", links + "</div></body>"),
                    encoding="utf-8")
    _, result = run([site], tmp_path / "p" / "catalogue", config_file)
    [written] = result.written
    values, body = front_matter(written)
    by_text = dict(re.findall(r"\[([^\]]+)\]\(([^)]+)\)", body))
    for text, data in (("1.申请表（个人）", b"%PDF-1.4 a"), ("2.申请表（企业）", b"%PDF-1.4 b"), ("3.站点表", b"%PDF-1.4 c")):
        assert (written.parent / by_text[text]).read_bytes() == data, text
    assert sorted(values["attachments"]) == sorted(by_text[t] for t in ("1.申请表（个人）", "2.申请表（企业）", "3.站点表"))
    missing = [p.message for p in result.problems if p.code == "import-attachment-missing"]
    assert len(missing) == 1 and "gone.xls" in missing[0]


def test_an_interpretation_is_paired_with_the_policy_its_link_leads_to(tmp_path):
    """Exports that save each page as its folder's index.html: a link's file name matched every policy, and
    the 解读 was paired with whichever came first (a review)."""
    config_file = project(tmp_path / "p")
    site = tmp_path / "zwgk"
    pages = {"a": ("015200371/2024-00011", "江川省交通运输厅关于养护示范路段的通知", ""),
             "b": ("015200371/2024-00012", "江川省道路运输安全管理办法", ""),
             "c": ("015200371/2024-00013", "《江川省道路运输安全管理办法》解读", '<p><a href="../b/index.html">原文</a></p>')}
    for folder, (index_no, title, extra) in pages.items():
        (site / folder).mkdir(parents=True)
        text = _OPEN_PAGE.format(head="", rows="", aside="").replace("015200371/2024-00012", index_no)
        text = text.replace("江川省交通运输厅关于加强道路运输安全管理的通知", title).replace("</div></body>", extra + "</div></body>")
        (site / folder / "index.html").write_text(text, encoding="utf-8")
    _, result = run([site], tmp_path / "p" / "catalogue", config_file)
    interpretation = next(p for p in result.written if p.parent.name == "interpretations")
    values, _ = front_matter(interpretation)
    assert values["interprets"] == ["015200371/2024-00012"]


def test_what_the_article_holds_stays_and_what_it_lists_after_it_is_copied(tmp_path):
    """Inside the article, a row of class "table-header", cells of class "position" and a "research" section
    are the document's; a short notice beside a side column's 最新信息 links is the body, not the list; the
    attachments listed after the article (TRS's "fujian") are copied (a review found each lost)."""
    config_file = project(tmp_path / "p")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "P01.pdf").write_bytes(b"%PDF-1.4 x")
    side = "".join(f'<li><a href="/zwgk/{n}.html">江川省交通运输厅关于开展第{n}批道路运输企业信用评价工作的通知</a></li>'
                   for n in range(14))
    article = ('<p>各市（州）交通运输局：</p><p>经研究，决定延长年审期限至6月30日。</p>'
               '<table><tr class="table-header"><td>姓名</td><td>拟任职务</td></tr>'
               '<tr><td>李四</td><td class="position">江川省道路运输事业发展中心副主任</td></tr></table>'
               '<div class="research"><p>三、调研结论</p><p>全省超限率下降了三成。</p></div>')
    page = (_OPEN_PAGE.format(head="", rows="", aside=f'<div class="side-content"><h3>最新信息</h3><ul>{side}</ul></div>')
            .split('<div class="pages_content"')[0]
            + f'<div class="pages_content">{article}</div><div class="fujian">附件：<a href="P01.pdf">1.站点表.pdf</a></div>'
            + '<div class="position">您的位置：首页</div></body></html>')
    (folder / "notice.html").write_text(page, encoding="utf-8")
    _, result = run([folder], tmp_path / "p" / "catalogue", config_file)
    [written] = result.written
    values, body = front_matter(written)
    for words in ("决定延长年审期限", "| 姓名 | 拟任职务 |", "江川省道路运输事业发展中心副主任", "三、调研结论", "下降了三成"):
        assert words in body, words
    assert "最新信息" not in body and "信用评价" not in body and "您的位置" not in body
    assert values["attachments"] == ["notice-P01.pdf"]


def test_an_attachment_listed_after_the_article_keeps_the_name_the_page_showed(tmp_path):
    """A CMS stores uploads under coded names (files/jianchabiao.csv) and lists them under the article by their
    names (相关附件：1.公路养护专项检查表.csv): the name was dropped, and the public page listed p-jianchabiao.csv
    (a review).  The body ends with a 附件 line linking the copied file under the name the page showed."""
    config_file = project(tmp_path / "p")
    folder = tmp_path / "in"
    (folder / "files").mkdir(parents=True)
    (folder / "files" / "jianchabiao.csv").write_text("序号,路段\n1,S12\n", encoding="utf-8")
    page = (_OPEN_PAGE.format(head="", rows="", aside="").split("</body>")[0]
            + '<div class="appendix">相关附件：<ul><li><a href="files/jianchabiao.csv">1.公路养护专项检查表.csv</a>'
            '</li></ul></div></body></html>')
    (folder / "p.html").write_text(page, encoding="utf-8")
    _, result = run([folder], tmp_path / "p" / "catalogue", config_file)
    [written] = result.written
    values, body = front_matter(written)
    assert values["attachments"] == ["p-jianchabiao.csv"]
    assert body.rstrip().endswith("附件：[1.公路养护专项检查表](p-jianchabiao.csv)"), body


@pytest.mark.parametrize("data, declared", [
    ("<p>决定延长年审期限至6月30日。</p>".encode("utf-8") + "路".encode("utf-8")[:2] + "政".encode("utf-8"), "utf-8"),
    ("<p>决定延长年审期限至6月30日。</p>".encode("gbk"), "windows-1252"),
], ids=["a-cut-character", "gbk-said-western"])
def test_a_page_with_a_few_bad_bytes_or_a_wrong_charset_is_read(tmp_path, data, declared):
    """A summary cut inside a character refused the whole UTF-8 page as 可能是图片; a GBK page declaring
    windows-1252 was read as Western letters and refused as no disclosure page (a review)."""
    config_file = project(tmp_path / "p")
    head, tail = _OPEN_PAGE.format(head="", rows="", aside="").split("<p>各市（州）交通运输局：</p>", 1)
    page = tmp_path / "notice.html"
    real = "utf-8" if declared == "utf-8" else "gbk"
    page.write_bytes(head.replace('charset="utf-8"', f'charset="{declared}"').encode(real) + data + tail.encode(real))
    _, result = run([page], tmp_path / "p" / "catalogue", config_file)
    [written] = result.written
    _, body = front_matter(written)
    assert "决定延长年审期限至6月30日。" in body
    if declared == "utf-8":
        assert any(p.code == "import-guessed" and "1 处字节" in p.message for p in result.problems)


def test_links_escaped_in_gbk_and_files_beyond_the_folder_are_told_apart(tmp_path):
    """GBK sites escape 附件1.pdf as %B8%BD%BC%FE1.pdf: the file beside the page was reported missing; a file
    above the folder imported was reported as not found instead of as outside it (a review)."""
    config_file = project(tmp_path / "p")
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "附件2.pdf").write_bytes(b"%PDF-1.4 2")
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "附件1.pdf").write_bytes(b"%PDF-1.4 1")
    links = '<p><a href="%B8%BD%BC%FE1.pdf">1.站点表</a></p><p><a href="../files/附件2.pdf">2.申请表</a></p>'
    page = folder / "notice.html"
    page.write_text(_OPEN_PAGE.format(head="", rows="", aside="").replace("</div></body>", links + "</div></body>"),
                    encoding="utf-8")
    _, result = run([page], tmp_path / "p" / "catalogue", config_file)
    values, _ = front_matter(result.written[0])
    assert values["attachments"] == ["notice-附件1.pdf"]
    [missing] = [p.message for p in result.problems if p.code == "import-attachment-missing"]
    assert "以外" in missing and "附件2.pdf" in missing


@pytest.mark.parametrize("unsaid", [None, "主动公开"])
def test_a_page_that_does_not_say_whether_it_is_public_is_never_published_on_a_guess(tmp_path, unsaid):
    """Without --disclosure, a page that says nothing of its openness gets the placeholder: a review found
    pages marked 依申请公开 in ways no reading finds (traditional characters, a pinyin field name, a script's
    document.write, an article saved apart from its page). With it, the office has said so, and the report too."""
    config_file = project(tmp_path / "p")
    pages = {"plain.html": "", "traditional.html": "<p>公開方式：依申請公開</p>",
             "pinyin.html": '<input type="hidden" name="gkfs" value="依申请公开">'}
    for name, extra in pages.items():  # three documents (not copies of one: see _same_bodies)
        (tmp_path / name).write_text(_OPEN_PAGE.format(head="", rows="", aside=extra).replace(
            "015200371/2024-00012", f"015200371/2024-{len(extra):05d}").replace("安全管理", f"安全管理{name[:4]}").replace(
            "坚持安全第一。", f"坚持安全第一（{name}）。" * 30), encoding="utf-8")
    _, result = run([tmp_path / n for n in pages], tmp_path / "p" / "catalogue", config_file, unsaid=unsaid)
    values = {p.name: front_matter(p)[0]["disclosure"] for p in result.written}
    expected = placeholder("公开方式") if unsaid is None else "主动公开"
    assert values["plain.md"] == expected
    if unsaid is None:
        assert set(values.values()) == {expected}
        assert ("disclosure", "import-unmapped") in {(p.key, p.code) for p in result.problems}
    else:
        assert any(p.key == "disclosure" and "--disclosure" in p.message for p in result.problems)


_PORTAL = """<html><head><meta charset="utf-8"><title>江川省交通运输厅关于加强道路运输安全管理的通知</title></head><body>
<div class="menu"><a href="/zn/">政府信息公开指南</a> | <a href="/ysq/">依申请公开</a> | <a href="/nb/">政府信息公开年报</a></div>
<div class="left"><a href="/files/sqb.doc">政府信息公开申请表.doc</a><a href="/files/zn.pdf">公开指南.pdf</a></div>
<table class="bd1">
<tr><td>索 引 号：</td><td>015200371/2024-00012</td><td>公开方式：</td><td>{mark}</td></tr>
<tr><td>发文机关：</td><td>江川省交通运输厅</td><td>发文字号：</td><td>江交〔2024〕3号</td></tr>
<tr><td>标　　题：</td><td>江川省交通运输厅关于加强道路运输安全管理的通知</td><td>发布日期：</td><td>2024年03月05日</td></tr>
</table>
<div class="pages_content">
<p>各市（州）交通运输局：</p><p>　　为加强道路运输安全管理，现就有关事项通知如下。</p>
<p>　　参照<a href="http://www.gov.cn/zhengce/content/附件1.pdf">国务院文件</a>执行。</p>
<table><tr><td>公开方式</td><td>件数</td></tr><tr><td>依申请公开</td><td>3</td></tr><tr><td>主动公开</td><td>9</td></tr></table>
<p>　　江川省交通运输厅</p><p>　　2024年3月1日</p>
<div class="related"><h4>相关文件</h4><a href="/zwgk/2.html">另一个通知</a></div>
</div></body></html>"""


@pytest.mark.parametrize("mark, expected", [
    ("主动公开", "主动公开"),
    ("■主动公开 □依申请公开 □不予公开", "主动公开"),
    ("□主动公开 √依申请公开 □不予公开", "依申请公开"),
    ("主动公开 依申请公开 不予公开", placeholder("公开方式")),  # a select's every option, none readably chosen
])
def test_a_portal_page_is_read_for_what_it_says_of_itself(tmp_path, mark, expected):
    """A portal's menu link 依申请公开, a statistics cell 依申请公开 in the document, a side column's 申请表 and
    指南, a link to another site's 附件1.pdf beside a file of that name, a 相关文件 list inside the article's
    wrapper, a form's ticked choice: each had made a review's pages withheld, wrongly attached, wrongly
    published or wrongly kept (the second review of the import's fixes)."""
    config_file = project(tmp_path / "p")
    folder = tmp_path / "in"
    (folder / "files").mkdir(parents=True)
    for name in ("附件1.pdf", "files/sqb.doc", "files/zn.pdf"):
        (folder / name).write_bytes(b"%PDF-1.4 other page's")
    (folder / "notice.html").write_text(_PORTAL.format(mark=mark), encoding="utf-8")
    _, result = run([folder / "notice.html"], tmp_path / "p" / "catalogue", config_file, unsaid=None)
    [written] = result.written
    values, body = front_matter(written)
    assert values["disclosure"] == expected
    assert "attachments" not in values
    assert "http://www.gov.cn/zhengce/content/附件1.pdf" in body
    assert "| 依申请公开 | 3 |" in body and "相关文件" not in body and "另一个通知" not in body


def _import_text_copy(tmp_path, after_salutation: str):
    """Import a notice copied from a CMS page as text: its metadata lines, title and salutation, then
    ``after_salutation``; the import's result."""
    config_file = project(tmp_path / "p")
    page = tmp_path / "notice.txt"
    page.write_text("索引号：015200371/2024-00014\n发文机关：江川省交通运输厅\n发布日期：2024-03-05\n公开方式：主动公开\n"
                    "关于道路运输安全的通知\n各市（州）交通运输局：\n" + after_salutation, encoding="utf-8")
    return run([page], tmp_path / "p" / "catalogue", config_file)[1]


def test_a_text_copys_footer_goes_from_its_first_line(tmp_path):
    result = _import_text_copy(tmp_path, "一、总体要求\n坚持安全第一，预防为主，综合治理。\n江川省交通运输厅\n2024年3月1日\n"
                               "主办单位：江川省交通运输厅　承办单位：江川省交通运输信息中心\n"
                               "地址：江川市北京路1号　邮编：550001\n网站标识码：5200000021　江ICP备12345678号-1\n")
    _, body = front_matter(result.written[0])
    assert body.rstrip().endswith("2024年3月1日") and "主办单位" not in body


@pytest.mark.parametrize("sentence", ["相关政策措施自2024年1月1日起施行，各地要抓好落实。",
                                      "联系我们：厅运输处，电话0871-63918025。", "相关文件要求，现就有关事项通知如下："])
def test_a_sentence_starting_as_a_footer_label_does_not_cut_the_document(tmp_path, sentence):
    """相关政策…, 联系我们：… and a wrapped 相关文件要求 begin a notice's own sentences: the import cut the document there,
    its last section, 落款 and date unsaid when their lines were short (a review)."""
    result = _import_text_copy(tmp_path, f"二、保障措施\n{sentence}\n三、工作要求\n请于1月20日前报送工作方案。\n"
                               "江川省交通运输厅\n2024年1月5日\n相关链接：\n[交通运输部](http://www.mot.gov.cn/)\n"
                               "网站标识码：5200000021　江ICP备12345678号-1\n")
    _, body = front_matter(result.written[0])
    assert sentence in body and "请于1月20日前报送工作方案。" in body and body.rstrip().endswith("2024年1月5日"), body
    assert "交通运输部" not in body and not [p for p in result.problems if p.code == "import-body-dropped"]


def test_a_text_copys_related_box_and_footer_line_are_cut(tmp_path):
    """In a text copy a box's label is followed by the title it links, and a footer's items by |: kept in the body
    by the rule above (a review of it)."""
    result = _import_text_copy(tmp_path, "一、总体要求\n坚持安全第一。\n江川省交通运输厅\n2024年1月5日\n"
                               "相关政策：江川省交通运输厅关于做好2024年春运工作的通知\n相关解读：一图读懂春运安全工作通知\n"
                               "联系我们 | 网站声明 | 网站纠错\n")
    _, body = front_matter(result.written[0])
    assert body.rstrip().endswith("2024年1月5日") and "相关政策" not in body and "网站声明" not in body, body


def test_a_footer_cut_that_takes_a_short_sentence_or_a_date_is_reported(tmp_path):
    result = _import_text_copy(tmp_path, "一、总体要求\n坚持安全第一。\n相关链接\n特此通知。\n2024年1月5日\n")
    assert [p.code for p in result.problems if p.code == "import-body-dropped"] == ["import-body-dropped"]


def test_a_paragraph_starting_as_markdown_stays_a_paragraph_and_words_list_marks_go(tmp_path):
    """>7座客车 was published as a quotation of 7座客车 and #1 车道 as a heading, the meaning of the rule changed (a
    review); Word's 另存为网页 list items came as 「if !supportLists1. endif加强组织领导」 (a review)."""
    from build_tools.body_html import BodyRenderer
    config_file = project(tmp_path / "p")
    page = tmp_path / "notice.html"
    word = ("<p class=MsoListParagraph><![if !supportLists]><span lang=EN-US>1.<span>&nbsp;&nbsp; </span></span>"
            "<![endif]><span>加强组织领导。</span></p>")
    page.write_text(_OPEN_PAGE.format(head="", rows="", aside="").replace(
        "<p>　　坚持安全第一。</p>", "<p>&gt;7座客车须加装卫星定位装置。</p><p>#1 车道实行潮汐管理。</p><p>2024. 年度计划</p>"
        "<p>* 注：以上为暂行标准。</p>" + word), encoding="utf-8")
    _, result = run([page], tmp_path / "p" / "catalogue", config_file)
    _, body = front_matter(result.written[0])
    html = BodyRenderer()(body)
    for shown in (">7座客车须加装卫星定位装置。", "#1 车道实行潮汐管理。", "2024. 年度计划", "* 注：以上为暂行标准。"):
        assert f"<p>{shown.replace('>', '&gt;')}</p>" in html, (shown, html)
    assert "<blockquote>" not in html and "<h1" not in html and "<ul" not in html
    assert "supportLists" not in body and "endif" not in body
    assert "<li>加强组织领导。</li>" in html  # Word's list item: an item, as Word showed it


def test_words_footnote_links_keep_their_targets(tmp_path):
    """Word's 另存为网页 footnotes came as links to anchors the import dropped: dead links on the page (a review)."""
    from build_tools.body_html import BodyRenderer
    config_file = project(tmp_path / "p")
    page = tmp_path / "notice.html"
    notes = ('<p>春运共40天<a href="#_ftn1" name="_ftnref1">[1]</a>。</p><![if !supportFootnotes]><hr><![endif]>'
             '<div id="ftn1"><p><a href="#_ftnref1" name="_ftn1">[1]</a> 含春节假期。</p></div>')
    page.write_text(_OPEN_PAGE.format(head="", rows="", aside="").replace("<p>　　坚持安全第一。</p>", notes),
                    encoding="utf-8")
    _, result = run([page], tmp_path / "p" / "catalogue", config_file)
    _, body = front_matter(result.written[0])
    html = BodyRenderer()(body)
    for anchor in ("_ftn1", "_ftnref1"):
        assert f'href="#{anchor}"' in html and f'<a id="{anchor}"' in html, html
    assert "supportFootnotes" not in body
    assert "&lt;" not in html  # the anchor in a paragraph was escaped: <a id="_ftnref1"></a> shown as text (a review)


def _word_page(sections: list[str], footnotes: str = "") -> str:
    """A Word 另存为网页: each section a WordSection div, a section break between them, the footnotes after."""
    p = "<p class=MsoNormal style='text-indent:32.0pt'><span>{}<o:p></o:p></span></p>\n".format
    divs = "<span><br clear=all style='page-break-before:always;mso-break-type:section-break'></span>\n".join(
        f"<div class=WordSection{n}>\n" + "".join(p(line) if not line.startswith("<") else line for line in lines)
        + "</div>\n" for n, lines in enumerate(sections, start=1))
    return ('<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta http-equiv=Content-Type '
            'content="text/html; charset=utf-8"><meta name=Generator content="Microsoft Word 15">'
            "<title>江川省交通运输厅关于公布2026年度公路养护工程项目的通知</title></head>\n<body lang=ZH-CN>\n"
            + divs + footnotes + "</body></html>")


def test_a_word_pages_later_sections_and_footnotes_are_its_body(tmp_path):
    """The 附件 after a section break (WordSection2) and the footnotes' text were left out without a word: the first
    section, most of the page's text, was taken for the article (a review)."""
    from build_tools.body_html import BodyRenderer
    config_file = project(tmp_path / "p")
    ref = ("<a style='mso-footnote-id:ftn1' href=\"#_ftn1\" name=\"_ftnref1\"><span class=MsoFootnoteReference>"
           "<![if !supportFootnotes]>[1]<![endif]></span></a>")
    first = ["<p class=MsoNormal align=center style='text-align:center'><b><span>"
             "江川省交通运输厅关于公布2026年度公路养护工程项目的通知</span></b></p>\n", "江交办〔2026〕16号",
             "各市（州）交通运输局："]
    first += [f"现将2026年度公路养护工程项目予以公布，请各单位严格按照项目计划组织实施，确保工程质量和安全生产（第{n}段）。"
              for n in range(1, 7)]
    first += [f"项目资金按进度拨付{ref}。", "附件：2026年度公路养护工程项目表"]
    first += ["<p class=MsoNormal align=right style='text-align:right'><span>江川省交通运输厅</span></p>\n",
              "<p class=MsoNormal align=right style='text-align:right'><span>2026年8月26日</span></p>\n"]
    second = ["附件", "2026年度公路养护工程项目表", "<table class=MsoTableGrid border=1><tr><td>序号</td><td>项目名称</td>"
              "</tr><tr><td>1</td><td>G320线K100至K120段路面大修</td></tr></table>\n"]
    notes = ("<div style='mso-element:footnote-list'><![if !supportFootnotes]><br clear=all><hr size=1><![endif]>"
             "<div style='mso-element:footnote' id=ftn1><p class=MsoFootnoteText><a href=\"#_ftnref1\" name=\"_ftn1\">"
             "<![if !supportFootnotes]>[1]<![endif]></a> 拨付办法见江交财〔2026〕3号。</p></div></div>\n")
    page = tmp_path / "xiangmu.htm"
    page.write_text(_word_page([first, second], notes), encoding="utf-8")
    _, result = run([page], tmp_path / "p" / "catalogue", config_file)
    assert result.written, [(p.code, p.message) for p in result.problems]
    _, body = front_matter(result.written[0])
    assert "（第6段）" in body and "G320线K100至K120段路面大修" in body and "拨付办法见江交财〔2026〕3号。" in body
    html = BodyRenderer()(body)
    assert 'id="_ftn1"' in html and 'id="_ftnref1"' in html and "&lt;" not in html
    assert "import-body-dropped" not in {p.code for p in result.problems}
    assert "<hr" in html and "<p>---</p>" not in html  # Word's rule above its footnotes: a rule (a review)


def test_a_word_section_inside_a_sites_page_leaves_the_sites_text_out(tmp_path):
    """A site's page without a named container holding a Word export: its menu and footer beside the section stay
    out (the article is the section, not the page)."""
    from build_tools.importer.markup import parse_html
    text = ("现将2026年度公路养护工程项目予以公布，请各单位严格按照项目计划组织实施，确保工程质量和安全生产。" * 4)
    page = (f"<html><head><title>江川省交通运输厅关于公布养护工程项目的通知</title></head><body><div id=wrap>"
            f"<div>首页 政务公开 政务服务 互动交流 走进交通 网站地图 无障碍浏览 长者模式</div>"
            f"<div class=WordSection1><p>江川省交通运输厅关于公布养护工程项目的通知</p><p>{text}</p></div>"
            f"<div>本站由江川省交通运输厅主办 联系电话 0851-12345678 地址 江州市解放路88号</div></div></body></html>")
    body = "\n".join(parse_html(page).body)
    assert text in body and "网站地图" not in body and "联系电话" not in body


def test_a_closing_of_right_aligned_paragraphs_is_set_together(tmp_path):
    """江川省交通运输厅 / 2026年8月26日 as two <p style="text-align:right"> (every CMS page and Word export) became two
    paragraphs: the page set the date alone on the right and the agency on the left; a 附件 note of <br> lines lost
    its list (a review)."""
    from build_tools.gongwen import typeset
    config_file = project(tmp_path / "p")
    page = tmp_path / "notice.html"
    closing = ('<p>　　请于9月30日前报送检查结果。<br>附件：1.检查表<br>2. 统计表</p>'
               '<p style="text-align:right">江川省交通运输厅</p><p style="text-align:right">2024年3月1日</p>'
               '<p style="text-align:right">（此件公开发布）</p>')
    page.write_text(_OPEN_PAGE.format(head="", rows="", aside="").replace(
        "<p>　　江川省交通运输厅</p><p>　　2024年3月1日</p>", closing), encoding="utf-8")
    _, result = run([page], tmp_path / "p" / "catalogue", config_file)
    _, body = front_matter(result.written[0])
    assert body.rstrip().endswith("附件：1.检查表\n2. 统计表\n\n江川省交通运输厅\n2024年3月1日\n（此件公开发布）"), body
    shown = typeset(body)
    assert '<p class="cat-gw-signer">江川省交通运输厅</p><p class="cat-gw-date">2024年3月1日</p>' in shown
    assert "<li>2. 统计表</li>" in shown and "坚持安全第一。\n\n" in shown  # a sentence is no signer: left apart


def test_a_text_file_a_page_links_as_its_attachment_is_not_read_as_a_page(tmp_path):
    """名单.txt beside notice.html and linked from it: copied with the record, and also refused as a page
    (import-not-disclosure, an error), so every such import failed (a review)."""
    config_file = project(tmp_path / "p")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "名单.txt").write_text("张三\n李四\n", encoding="utf-8")
    (folder / "其他.txt").write_text("随手记的备忘。\n", encoding="utf-8")  # linked by no page: still reported
    links = '<p>附件：<a href="名单.txt">名单</a></p>'
    (folder / "notice.html").write_text(
        _OPEN_PAGE.format(head="", rows="", aside="").replace("</div></body>", links + "</div></body>"), encoding="utf-8")
    _, result = run([folder], tmp_path / "p" / "catalogue", config_file)
    values, _ = front_matter(result.written[0])
    assert values["attachments"] == ["notice-名单.txt"]
    assert [Path(n).name for n in result.not_imported] == ["其他.txt"]
    assert {Path(p.file).name for p in result.problems if p.code == "import-not-disclosure"} == {"其他.txt"}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["", "", "", " ", "\u3000", "\u200b", "\ufeff", "\u00ad", "\u2060"]), min_size=12, max_size=12),
       st.sampled_from(["：", ":", " ", "-", "/", "|", "（", "→"]), st.integers(0, 5))
def test_openness_words_cut_by_spaces_or_invisible_characters_are_still_read(cuts, colon, line):
    """Word and CMS editors leave spaces and zero-width characters inside words: the net reads through them,
    and names the line the words are on."""
    from build_tools.importer.openness import not_public
    words = "公开方式" + colon + "依申请公开"
    text = "".join(c + cut for c, cut in zip(words, cuts + [""] * len(words)))
    said = not_public("正文\n" * line + text + "\n附件", is_html=False)
    assert said is not None and said[1] == line + 1


def _import_one(tmp_path, rows="", aside="", body=None, head=""):
    """One page of _OPEN_PAGE with these rows, aside and body imported as an office does: (values, body, result)."""
    config_file = project(tmp_path / "p")
    page = tmp_path / "notice.html"
    text = _OPEN_PAGE.format(head=head, rows=rows, aside=aside)
    if body is not None:
        text = text.replace("<p>　　坚持安全第一。</p>", body)
    page.write_text(text, encoding="utf-8")
    _, result = run([page], tmp_path / "p" / "catalogue", config_file)
    [written] = result.written
    return *front_matter(written), result


@pytest.mark.parametrize("written, published, expected", [
    ("二〇二四年三月一日", "二〇二四年三月五日", (dt.date(2024, 3, 1), dt.date(2024, 3, 5))),
    ("二○二四年十二月二十五日", "二零二四年十二月三十一日", (dt.date(2024, 12, 25), dt.date(2024, 12, 31))),
])
def test_dates_in_chinese_numerals_are_read(tmp_path, written, published, expected):
    """公文 wrote dates in Chinese numerals before GB/T 9704-2012; legacy pages keep them (○ and 零 for 〇)."""
    rows = f"<tr><td>成文日期：</td><td>{written}</td></tr>".replace("<tr><td><b>发布日期：</b></td><td>2024年03月05日</td></tr>", "")
    config_file = project(tmp_path / "p")
    page = tmp_path / "notice.html"
    page.write_text(_OPEN_PAGE.format(head="", rows=rows, aside="").replace("2024年03月05日", published),
                    encoding="utf-8")
    _, result = run([page], tmp_path / "p" / "catalogue", config_file)
    values, _ = front_matter(result.written[0])
    assert (values["written"], values["published"]) == expected


def test_a_title_broken_with_br_has_no_space_and_contact_cells_stay_out_of_the_issuer(tmp_path):
    config_file = project(tmp_path / "p")
    page = tmp_path / "notice.html"
    page.write_text(_OPEN_PAGE.format(head="", rows="", aside="").replace(
        "<td>江川省交通运输厅关于加强道路运输安全管理的通知</td>", "<td>江川省交通运输厅关于<br>加强道路运输安全管理的通知</td>").replace(
        "<td>江川省交通运输厅</td></tr>", "<td>江川省交通运输厅</td><td>联系人：</td><td>张三</td><td>联系电话：</td>"
        "<td>13912345678</td></tr>"), encoding="utf-8")
    _, result = run([page], tmp_path / "p" / "catalogue", config_file)
    values, _ = front_matter(result.written[0])
    assert values["title"] == "江川省交通运输厅关于加强道路运输安全管理的通知"
    assert values["issuer"] == "江川省交通运输厅"
    unused = [p.message for p in result.problems if p.code == "import-label-unused"]
    assert any("联系人" in m and "张三" in m for m in unused) and any("联系电话" in m for m in unused)


def test_superscripts_subscripts_and_struck_text_keep_their_meaning(tmp_path):
    body = ('<p>面积不小于500m<sup>2</sup>，排放CO<sub>2</sub>不超过10t。</p>'
            '<p>原第六条<strike>予以保留</strike><span style="text-decoration: line-through;">的全部内容</span>删去，'
            '<del>旧文</del>，写作 a<b 与 <script>。</p>')
    _, text, _ = _import_one(tmp_path, body=body)
    assert "500m<sup>2</sup>" in text and "CO<sub>2</sub>" in text
    assert "<s>予以保留</s>" in text and "<s>的全部内容</s>" in text and "<s>旧文</s>" in text
    assert "<script>" not in text and "~~" not in text


@pytest.mark.parametrize("title, doc_no, kind", [
    ("江川省交通运输厅关于全面实施预算绩效管理的实施意见", "江交规〔2024〕51号", "policy"),
    ("关于做好2024年政府信息公开工作年度报告编制发布工作的通知", "江交办〔2024〕52号", "policy"),
    ("江川省交通运输厅政策解读工作规定", "江交规〔2024〕53号", "policy"),
    ("江川省交通运输厅公告管理办法", "江交〔2024〕54号", "policy"),
    ("《江川省道路运输管理办法》政策解读", "", "interpretation"),
    ("江川省交通运输厅2023年政府信息公开工作年度报告", "", "annual-report"),
    ("江川省交通运输厅2024年部门预算", "", "budget"),
    ("关于2023年度部门决算的说明", "", "final-account"),
    ("关于G60江川段施工的通告（2024年第1号）", "", "notice"),
])
def test_the_kind_comes_from_the_titles_own_subject_not_a_word_in_it(tmp_path, title, doc_no, kind):
    """A 行政规范性文件 titled …预算绩效管理的实施意见 had become a budget (a review): the kind is read from the
    end of the title, and a 发文字号 of a 规章 or 规范性文件 keeps it a policy."""
    page = tmp_path / "in" / "page.txt"
    page.parent.mkdir()
    page.write_text("\n".join([f"名 称: | {title} | ||", f"文 号: | {doc_no or '无'} | 发布机构: | 江川省交通运输厅 |",
                               "添加时间: | 2024-03-05 | ||", "", "一、总体要求", "各单位要认真贯彻落实。", ""]),
                    encoding="utf-8")
    _, result = run([page], tmp_path / "out", project(tmp_path / "p"))
    assert front_matter(result.written[0])[0]["kind"] == kind


def test_a_word_saved_page_takes_its_centred_bold_title_not_the_document_number(tmp_path):
    """Word's 另存为网页 puts the first line, the 发文字号, in <title>; the title is the centred bold paragraph,
    broken with <br> as 公文 titles are (a review found the number taken and the title left in the body
    as two half-bold paragraphs)."""
    page = tmp_path / "word.htm"
    page.write_bytes("""<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<meta http-equiv=Content-Type content="text/html; charset=gb2312"><meta name=Generator content="Microsoft Word 15">
<title>江交规〔2024〕5号</title></head><body lang=ZH-CN><div class=WordSection1>
<p class=MsoNormal align=center style='text-align:center'><span>江交规〔<span lang=EN-US>2024</span>〕5号</span></p>
<p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:22.0pt'>江川省交通运输厅关于印发《江川省公路养护工程管理办法》的<span lang=EN-US><br></span>通知</span></b></p>
<p class=MsoNormal><span>各市（州）交通运输局：</span></p>
<p class=MsoNormal style='text-indent:32.0pt'><span>现将《江川省公路养护工程管理办法》印发给你们，请认真贯彻执行。</span></p>
<p class=MsoNormal><span>第一章 总则</span></p><p class=MsoNormal><b>第一条</b>　为规范公路养护工程管理，制定本办法。</p>
</div></body></html>""".encode("gb2312"))
    _, result = run([page], tmp_path / "out", project(tmp_path / "p"))
    values, body = front_matter(result.written[0])
    assert values["title"] == "江川省交通运输厅关于印发《江川省公路养护工程管理办法》的通知"
    assert values["doc_no"] == "江交规〔2024〕5号"
    assert "**" not in body.split("各市")[0] and "的\n" not in body


@pytest.mark.parametrize("depth", [1, 2, 20])
def test_an_article_inside_layout_tables_keeps_its_paragraphs_and_headings(tmp_path, depth):
    """Pages before 2010 lay out the article in nested tables: it had become one Markdown table cell."""
    article = ("<p>各市（州）交通运输局：</p><p>　　为加强道路运输安全管理，现就有关事项通知如下。</p><p>　　一、总体要求</p>"
               "<p>　　坚持安全第一，预防为主，综合治理。</p><p>　　二、主要任务</p><p>　　各地要落实企业主体责任。</p>")
    wrapped = "<table width=980><tr><td>" * depth + article + "</td></tr></table>" * depth
    page = tmp_path / "notice.html"
    page.write_text(_OPEN_PAGE.format(head="", rows="", aside=wrapped).split('<div class="pages_content"')[0]
                    + "</body></html>", encoding="utf-8")
    _, result = run([page], tmp_path / "p" / "catalogue", project(tmp_path / "p"))
    _, body = front_matter(result.written[0])
    assert "## 一、总体要求" in body and "## 二、主要任务" in body and "各地要落实企业主体责任。" in body
    assert "|" not in body


def test_a_data_tables_merged_cells_are_split_under_their_headings_and_reported(tmp_path):
    table = ("<table border=1><tr><th>车型</th><th>轴数</th><th>收费标准（元/公里）</th><th>备注</th></tr>"
             "<tr><td rowspan=2>货车</td><td>2轴</td><td>0.45</td><td rowspan=3>按次计费</td></tr>"
             "<tr><td>3轴</td><td>0.90</td></tr>"
             "<tr><td>客车</td><td colspan=2>免费</td></tr>"
             "<tr><td><p>专项作业车</p></td><td><p>不限</p></td><td><p>0.60</p></td><td><p>无</p></td></tr></table>")
    _, body, result = _import_one(tmp_path, body=table)
    rows = [line for line in body.splitlines() if line.startswith("|")]
    assert rows[2:] == ["| 货车 | 2轴 | 0.45 | 按次计费 |", "| 货车 | 3轴 | 0.90 | 按次计费 |", "| 客车 | 免费 | 免费 | 按次计费 |",
                        "| 专项作业车 | 不限 | 0.60 | 无 |"]
    assert any("合并单元格" in p.message for p in result.problems if p.code == "import-guessed")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.tuples(st.integers(1, 3), st.integers(1, 3)), min_size=1, max_size=4), min_size=1, max_size=6))
def test_split_merged_cells_leave_every_row_as_wide_as_the_grid(spans):
    """Whatever the spans, each row has a cell for each column the spans cover, holding the text of the
    cell that covers it; a malformed table whose cells overlap is split without error, each text kept."""
    from bs4 import BeautifulSoup
    from build_tools.importer.markup import _split_merged_cells
    html = "<table>" + "".join("<tr>" + "".join(f'<td colspan={c} rowspan={r}>r{i}c{j}</td>' for j, (c, r) in enumerate(row))
                               + "</tr>" for i, row in enumerate(spans)) + "</table>"
    grid: dict[tuple[int, int], str] = {}
    overlap = False
    for i, row in enumerate(spans):  # the grid a browser lays out
        col = 0
        for j, (c, r) in enumerate(row):
            while (i, col) in grid:
                col += 1
            for di in range(r):
                for dj in range(c):
                    overlap |= grid.setdefault((i + di, col + dj), f"r{i}c{j}") != f"r{i}c{j}"
            col += c
    soup = BeautifulSoup(html, "html.parser")
    _split_merged_cells(soup.table)
    got = [[td.get_text() for td in tr.find_all("td")] for tr in soup.find_all("tr")]
    if overlap:  # a malformed table: no error, every cell's text still there
        assert {f"r{i}c{j}" for i, row in enumerate(spans) for j in range(len(row))} <= {t for r in got for t in r}
        return
    for i, row in enumerate(got):
        width = 1 + max((c for (r, c) in grid if r == i), default=-1)
        assert row == [grid.get((i, c), "") for c in range(width)][:len(row)]
        assert len(row) == width or all((i, c) not in grid for c in range(len(row), width))


@pytest.mark.parametrize("outer_says, inner_says, expected", [
    ("<tr><td>公开方式：</td><td>依申请公开</td></tr>", "", "依申请公开"),
    ("", "<p>公开方式：不予公开</p>", placeholder("公开方式")),
    ("", "", "主动公开"),
])
def test_an_article_shown_in_a_frame_is_read_with_its_page_not_as_a_record_of_its_own(tmp_path, outer_says, inner_says,
                                                                                       expected):
    """A browser saves a page's <iframe> article as <page>_files/content.html: it had become a record of its own,
    without the page's 公开方式 (a review), and its attachments were not the page's."""
    folder = tmp_path / "in"
    parts = folder / "通知_files"
    parts.mkdir(parents=True)
    (folder / "通知.html").write_text(
        _OPEN_PAGE.format(head="", rows=outer_says, aside="").split('<div class="pages_content"')[0]
        + '<div class="content"><iframe src="通知_files/content.html"></iframe></div></body></html>', encoding="utf-8")
    (parts / "content.html").write_text(
        f'<html><body>{inner_says}<p>各市（州）交通运输局：</p><p>一、总体要求</p><p>坚持安全第一。</p>'
        '<p><a href="附件1.pdf">附件1.pdf</a></p><p>江川省交通运输厅</p><p>2024年3月1日</p></body></html>', encoding="utf-8")
    (parts / "附件1.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    _, result = run([folder], tmp_path / "p" / "catalogue", project(tmp_path / "p"))
    [written] = result.written
    values, body = front_matter(written)
    assert values["disclosure"] == expected
    assert "## 一、总体要求" in body and "坚持安全第一。" in body
    assert any(p.code == "import-read-once" and "content.html" in p.file for p in result.problems)
    assert [a.name for a in written.parent.iterdir() if a.suffix == ".pdf"] == ["通知-附件1.pdf"]


_INDENT = " " * 40
_THIRD_REVIEW_LEAKS = {  # (head, rows, aside, body): each a page a third review found published as 主动公开
    "meta 密级": ('<meta name="密级" content="机密">', "", "", None),
    "input 否": ("", '<tr><td>是否公开：</td><td><input value="否" readonly></td></tr>', "", None),
    "勾选 否": ("", "", "<div>是否公开：□是 ☑否</div>", None),
    "单选 依申请": ("", "", '<div>公开标识：<input type=radio name=a>主动公开 <input type=radio name=a checked>依申请公开</div>', None),
    "勾选 秘密": ("", "", "<div>密级：□无 ☑秘密</div>", None),
    "勾在后": ("", "", "<div>信息属性：依申请公开√ 主动公开</div>", None),
    "附注": ("", "", "", "<p>（此件依申请公开）</p>"),
    "本件为": ("", "", "", "<p>（本件公开方式为依申请公开）</p>"),
    "密级标志": ("", "", "", "<p>秘密★1年</p>"),
    "暂不公开": ("", "", "<div>是否公开：暂不公开</div>", None),
    "不上网": ("", "", "<div>发布方式：不上网</div>", None),
    "申请公开": ("", "", "<div>公开类别：申请公开</div>", None),
    "是否对外公开": ("", "", "<div>是否对外公开：否</div>", None),
    "网上公开": ("", "", "<div>网上公开：否</div>", None),
    "密级程度": ("", "", "<div>密级程度：秘密</div>", None),
    "叉": ("", "", "<div>是否公开：×</div>", None),
    "分栏 换行的标题": ("", "", "<table><tr><th>是否<br>公开</th><th>责任部门</th></tr>"
                                 "<tr><td>否（涉及国家秘密）</td><td>办公室</td></tr></table>", None),
    "分栏 序号": ("", "", "<table><tr><th>序号</th><th>公开方式</th></tr><tr><td>1</td><td>依申请公开</td></tr></table>", None),
    "分栏 空行": ("", "", "<table><tr><th>公开方式</th><th>责任部门</th></tr><tr><td></td><td></td></tr>"
                            "<tr><td>依申请公开</td><td>办公室</td></tr></table>", None),
    "标签切开": ("", "", '<div>是否<span lang="EN-US">公开</span>：<b>不予</b><span style="font-family:仿宋">公开</span></div>', None),
    "竖线": ("", "", "<div>公开属性丨依申请公开</div>", None),
    "缩进": ("", f"<tr><td>是否公开：</td>\n{_INDENT}<td>\n{_INDENT}<span>否</span></td></tr>", "", None),
}


@pytest.mark.parametrize("head, rows, aside, body", _THIRD_REVIEW_LEAKS.values(), ids=_THIRD_REVIEW_LEAKS.keys())
def test_what_a_third_review_found_published_is_kept_off(tmp_path, head, rows, aside, body):
    values, _, _ = _import_one(tmp_path, rows=rows, aside=aside, body=body, head=head)
    assert values.get("disclosure") in ("依申请公开", "不予公开", placeholder("公开方式")), values


def _text_copy(tmp_path, lines) -> dict:
    """The values of a text copy made of ``lines``, then a law portal's metadata and a short body."""
    page = tmp_path / "in" / "page.txt"
    page.parent.mkdir()
    page.write_text("\n".join([*lines, "【发布部门】 江川省交通运输厅 【发文字号】 江交发〔2023〕6号", "【发布日期】 2023.03.02",
                               "", "一、总体要求", "各单位要认真贯彻落实有关要求。", ""]), encoding="utf-8")
    _, result = run([page], tmp_path / "out", project(tmp_path / "p"))
    [written] = result.written
    return front_matter(written)[0]


@pytest.mark.parametrize("lines", [
    ["是否公开：不予", "公开"],
    ["索引号\t发布机构\t\t公开方式", "015200371/2023-00013\t江川省交通运输厅\t\t依申请公开"],
    ["关于做好道路运输安全管理工作的通知", "秘密★6个月"],
    # columns laid out with spaces, 文号 empty: 否 stands under 是否公开 as a fixed-width font shows it
    ["索引号            文号      是否公开", "015200371/2023-1            否"],
    ["索引号　　　　文号　　　　公开方式", "015200371/2023-1　　　　　　　　依申请公开"],
    # the same, as other copies lay it out (a review): counting a Chinese character one column (pdftotext),
    # headings centred over left-aligned values (w3m), “ ” and ① two columns wide, the row in tab stops
    ["索引号                文号                是否公开", "015200371/2023-1                      否"],
    ["        索引号                文号         是否公开", "015200371/2023-1                          否"],
    ["名称                              文号          是否公开", "关于印发“十四五”交通规划的通知                否"],
    ["序号  索引号              文号          是否公开", "①    015200371/2023-1                  否"],
    ["索引号                  文号            是否公开", "015200371/2023-1\t\t\t否"],
    # a full row, then a line of prose with a double space: still the table's one row (a review)
    ["索引号            文号              是否公开", "015200371/2023-1  江交发〔2023〕6号  否",
     "各市（州）交通运输局：  现将有关事项通知如下。"],
    ["索引号            文号              是否公开", "015200371/2023-1  江交发〔2023〕6号  否",
     "发布机构：江川省交通运输厅  成文日期：2023-03-01"],  # then labels of their own
], ids=["折行", "空格子", "密级标志在上", "空格对齐的空格子", "全角空格对齐的空格子", "按字数对齐", "标题居中",
        "引号两格宽", "圈码两格宽", "值行用制表位", "整行之后是有双空格的正文", "整行之后是另一行标签"])
def test_a_text_copy_the_third_review_found_published_is_kept_off(tmp_path, lines):
    values = _text_copy(tmp_path, lines)
    assert values.get("disclosure") in ("依申请公开", "不予公开", placeholder("公开方式"))
    if "★" in lines[1]:  # the mark is no title: the line above the metadata is
        assert values["title"] == "关于做好道路运输安全管理工作的通知"


@pytest.mark.parametrize("lines", [
    ["索引号            文号      是否公开", "015200371/2023-1            是"],
    ["索引号            文号      是否公开", "015200371/2023-1  否"],  # 否 under 文号: no openness value
    ["索引号            文号      备注", "015200371/2023-1            否"],
    # centred headings over left-aligned values: 否 is 是否废止's (a review found it put under 是否公开)
    ["         索引号           是否公开        是否废止", "015200371/2023-1                    否"],
    # a table of the page's own whose every row has its 备注 empty is many rows, not one row of metadata
    ["信息名称                公开方式        备注", "行政许可办理结果        依申请公开", "行政处罚决定            主动公开"],
], ids=["是", "否在文号下", "没有公开的栏", "居中标题下的是否废止", "每行都有空格子的表"])
def test_a_text_copy_laid_out_with_spaces_stays_public_when_its_column_says_so(tmp_path, lines):
    assert _text_copy(tmp_path, lines).get("disclosure") == "主动公开"


_THIRD_REVIEW_PUBLIC = {  # (aside, body): 主动公开 pages a third review found given the placeholder
    "搜索表单": ('<select name="gkfs"><option value="">全部</option><option value="主动公开">主动公开</option>'
             '<option value="依申请公开">依申请公开</option></select>', None),
    "单选按钮": ('<input type="radio" name="fs" value="依申请公开">依申请公开', None),
    "按钮": ('<input type="button" value="依申请公开" onclick="go()">', None),
    "模板脚本": ('<script>var gkfs = "主动公开"; if (gkfs == "依申请公开") { show(); } if(gkfs!=\'不予公开\'){}</script>', None),
    "gkfs 单选": ('<div><input type="radio" name="gkfs" checked>主动公开 <input type="radio" name="gkfs">依申请公开</div>', None),
    "栏目名": ('<meta name="ColumnName" content="依申请公开"><div>所属栏目：依申请公开</div>', None),
    "勾选后是理由": ("<div>是否公开：√</div><div>不予公开理由：</div>", None),
    **{f"正文{n}": ("", f"<p>{s}</p>") for n, s in enumerate([
        "三、科学界定公开范围，内部管理信息、过程性信息可以不予公开。",
        "公文起草时应当明确是否公开，不予公开的应当说明理由。",
        "2023年共办理政府信息公开申请15件，其中：部分公开 3 件，不予公开 1 件。",
        "办理结果：不予公开。申请人对答复不服的，可以依法申请行政复议。",
        "第五条　定密责任人应当依法确定密级、保密期限和知悉范围，内部事项不得确定为国家秘密。",
        "政府信息公开方式（依申请公开）的具体办理流程见附件。",
        "严格控制知悉范围，涉密文件一律不得上网。",
        "第十条　各单位应当依法确定公开属性：不予公开的，应当说明理由。",
        "Disclosure: not public until the review ends.",
    ])},
    "正文表格": ("", "<table><tr><th>事项名称</th><th>公开方式</th><th>办理时限</th></tr>"
                   "<tr><td>道路运输经营许可</td><td>依申请公开</td><td>20个工作日</td></tr></table>"),
    "正文一项的目录": ("", "<table><tr><th>序号</th><th>公开事项</th><th>公开方式</th></tr>"
                     "<tr><td>1</td><td>信访事项办理</td><td>依申请公开</td></tr></table>"),
}


@pytest.mark.parametrize("aside, body", _THIRD_REVIEW_PUBLIC.values(), ids=_THIRD_REVIEW_PUBLIC.keys())
def test_what_a_third_review_found_kept_off_wrongly_stays_public(tmp_path, aside, body):
    rows = "<tr><td><b>公开方式：</b></td><td>主动公开</td></tr>"
    values, _, result = _import_one(tmp_path, rows=rows if "gkfs 单选" not in aside else "", aside=aside, body=body)
    assert values.get("disclosure", "主动公开") == "主动公开", [p.message for p in result.problems if p.key == "disclosure"]


@pytest.mark.parametrize("cell", ['<input type="checkbox" checked>主动公开', "<select disabled><option selected>主动公开</option></select>"])
def test_a_lone_ticked_choice_is_read(tmp_path, cell):
    values, _, _ = _import_one(tmp_path, rows=f"<tr><td>公开方式：</td><td>{cell}</td></tr>")
    assert values["disclosure"] == "主动公开"


def test_a_data_table_with_paragraphs_in_a_cell_stays_a_table_and_a_table_in_a_cell_becomes_its_text(tmp_path):
    """A 整改清单 of three rows whose 整改措施 cell holds three paragraphs had been dissolved into 25 paragraphs
    as if it laid out the page (a fourth review)."""
    cell = "<p>（一）加强日常巡查，每周不少于两次，发现问题及时处理。</p><p>（二）建立问题台账，实行销号管理，逐项跟踪整改进度。</p><p>（三）完善考核办法，将养护质量纳入年度目标考核。</p>"
    table = ("<table border=1><tr><td>序号</td><td>整改任务</td><td>整改措施</td></tr>"
             f"<tr><td>1</td><td>道路养护不到位</td><td>{cell}</td></tr><tr><td>2</td><td>桥梁检测滞后</td><td>限期改造。</td></tr>"
             "</table><table border=1><tr><td>单位</td><td>联系方式</td></tr><tr><td>省交通运输厅</td><td><table><tr><td>电话</td>"
             "<td>0851-1234567</td></tr><tr><td>传真</td><td>0851-7654321</td></tr></table></td></tr></table>")
    _, body, result = _import_one(tmp_path, body=table)
    assert "| 序号 | 整改任务 | 整改措施 |" in body and "| 2 | 桥梁检测滞后 | 限期改造。 |" in body
    assert "| 省交通运输厅 | 电话 0851-1234567；传真 0851-7654321 |" in body
    assert "### （一）" not in body


def test_every_one_cell_layout_table_of_a_page_is_read_as_paragraphs(tmp_path):
    """An old page with each article in a one-cell table: unwrapping had stopped after 50 (a fourth review)."""
    articles = "".join(f"<table><tr><td>第{n}条　本办法第{n}项规定的内容。</td></tr></table>" for n in range(1, 61))
    _, body, result = _import_one(tmp_path, body=articles)
    assert "|" not in body and "第60条" in body


def test_the_frame_holding_the_article_is_the_body_and_every_saved_frame_goes_with_its_page(tmp_path):
    """A header frame before the article's had been taken for the body, and the article imported apart as
    主动公开 (a fourth review)."""
    folder = tmp_path / "in"
    parts = folder / "p1_files"
    parts.mkdir(parents=True)
    (folder / "p1.html").write_text(
        _OPEN_PAGE.format(head="", rows="<tr><td>公开方式：</td><td>依申请公开</td></tr>", aside="").split(
            '<div class="pages_content"')[0]
        + '<iframe src="p1_files/head.html"></iframe><div class="content"><iframe src="p1_files/content.html"></iframe>'
          "</div></body></html>", encoding="utf-8")
    (parts / "head.html").write_text('<html><body><img src="logo.png" alt="江川省交通运输厅"><a href="/">首页</a></body></html>',
                                     encoding="utf-8")
    (parts / "content.html").write_text("<html><body><p>各市（州）交通运输局：</p><p>一、总体要求</p><p>坚持安全第一，预防为主，综合治理。"
                                        "</p><p>二、主要任务</p><p>落实企业主体责任。</p></body></html>", encoding="utf-8")
    _, result = run([folder], tmp_path / "p" / "catalogue", project(tmp_path / "p"))
    [written] = result.written
    values, body = front_matter(written)
    assert values["disclosure"] == "依申请公开" and "## 一、总体要求" in body and "首页" not in body
    assert sum(p.code == "import-read-once" for p in result.problems) == 2


@pytest.mark.parametrize("first", [("公开方式", "依申请公开"), ("是否公开", "否"), ("密级", "秘密")])
def test_a_metadata_table_of_two_row_pairs_is_read_whole(tmp_path, first):
    """索引号 | 公开方式 | 发布机构 over its values, then 发文字号 | 发布日期 | 主题分类 over theirs: the first pair had
    vanished, 公开方式：依申请公开 with it (a fourth review)."""
    label, value = first
    aside = (f"<table><tr><td>索引号</td><td>{label}</td><td>发布机构</td></tr>"
             f"<tr><td>015200371/2023-00402</td><td>{value}</td><td>江川省交通运输厅</td></tr>"
             "<tr><td>发文字号</td><td>发布日期</td><td>主题分类</td></tr>"
             "<tr><td>江交发〔2023〕402号</td><td>2023-03-02</td><td>工业、交通/公路</td></tr></table>")
    config_file = project(tmp_path / "p")
    page = tmp_path / "notice.html"
    text = _OPEN_PAGE.format(head="", rows="", aside=aside)
    page.write_text(text.split('<table class="bd1">')[0] + aside + '<div class="pages_content"' + text.split(
        '<div class="pages_content"')[1], encoding="utf-8")
    _, result = run([page], tmp_path / "p" / "catalogue", config_file)
    values, _ = front_matter(result.written[0])
    assert values["index_no"] == "015200371/2023-00402" and values["doc_no"] == "江交发〔2023〕402号"
    assert values["disclosure"] in ("依申请公开", placeholder("公开方式"))


_FOURTH_REVIEW_LEAKS = {  # (rows, aside, body): pages a fourth review found published as 主动公开
    "标签紧跟取值": ("", "<div><span>发布机构：江川省交通运输厅</span><span>是否公开：否</span></div>", None),
    "括号勾选": ("", "<div>是否公开：是（ ）否（√）</div>", None),
    "方括号勾选": ("", "<div>密级：无[ ] 秘密[√]</div>", None),
    "主动公开：否": ("", "<div>主动公开：否</div>", None),
    "依申请公开：是": ("<tr><td>依申请公开：</td><td>是</td></tr>", "", None),
    "是否涉密：是": ("", "<div>是否涉密：是</div>", None),
    "JSON 转义": ("", '<script>window.__S__ = {"gkfs": "\\u4f9d\\u7533\\u8bf7\\u516c\\u5f00"};</script>', None),
    "脚本按代码": ("<tr><td>公开方式：</td><td><script>var gk = '2';\nif (gk == '1') { document.write('主动公开'); } "
              "else if (gk == '2') { document.write('依申请公开'); } else { document.write('不予公开'); }</script></td></tr>", "", None),
    "脚本 switch": ("<tr><td>是否公开：</td><td><script>switch (\"2\") { case \"1\": document.write(\"是\"); break; "
                  "default: document.write(\"不予公开\"); }</script></td></tr>", "", None),
    "附注 不上网": ("", "", "<p>（此件不上网）</p>"),
    "附注 不予发布": ("", "", "<p>（此件不予发布）</p>"),
    "密级 空心星": ("", "", "<p>秘密☆1年</p>"),
    "版头表格": ("", "", "<table><tr><td>000012</td><td>秘密★1年　特急</td></tr></table>"),
    "正文框内的分栏元数据": ("", "", "<table><tr><td>索引号</td><td>发布机构</td><td>发文字号</td><td>是否公开</td></tr>"
                             "<tr><td>015200371/2023-01300</td><td>江川省交通运输厅</td><td>江交发〔2023〕1300号</td>"
                             "<td>否</td></tr></table>"),
}


@pytest.mark.parametrize("rows, aside, body", _FOURTH_REVIEW_LEAKS.values(), ids=_FOURTH_REVIEW_LEAKS.keys())
def test_what_a_fourth_review_found_published_is_kept_off(tmp_path, rows, aside, body):
    values, _, _ = _import_one(tmp_path, rows=rows, aside=aside, body=body)
    assert values.get("disclosure") in ("依申请公开", "不予公开", placeholder("公开方式")), values


_FOURTH_REVIEW_PUBLIC = {  # (rows, aside, body): public pages a fourth review found kept off, or that must stay public
    "列举": ("", "", "<p>本指南包括公开范围、公开方式、依申请公开、收费标准和监督保障等内容。</p>"),
    "斜线列举": ("", "", "<p>公开方式/依申请公开/不予公开的范围均按条例执行。</p>"),
    "侧栏": ("", '<ul class="side"><li><a href="/zn/">公开指南</a></li><li><a href="/fs/">公开方式</a></li>'
                 '<li><a href="/ysq/">依申请公开</a></li></ul>', None),
    "关键词": ("", '<meta name="keywords" content="公开范围,公开方式,依申请公开">', None),
    "英文菜单": ("", '<a href="/ysq/">依申请公开<span>Disclosure upon Application</span></a>', None),
    "项目符号": ("", "", "<h3>二、公开方式</h3><p>● 主动公开　● 依申请公开</p>"),
    "脚本按代码 公开": ("", "<div>公开方式：<script>var gkfs = '1'; if (gkfs == '1') { document.write('主动公开'); } "
                     "else if (gkfs == '2') { document.write('依申请公开'); }</script></div>", None),
    "括号勾选 是": ("", "<div>是否公开：是（√）否（ ）</div>", None),
    "主动公开：是": ("", "<div>主动公开：是</div><div>是否涉密：否</div><div>密级：非涉密</div>", None),
    "不涉密": ("<tr><td>公开方式：</td><td>主动公开（不涉密）</td></tr>", "", None),
}


@pytest.mark.parametrize("rows, aside, body", _FOURTH_REVIEW_PUBLIC.values(), ids=_FOURTH_REVIEW_PUBLIC.keys())
def test_what_a_fourth_review_found_kept_off_wrongly_stays_public(tmp_path, rows, aside, body):
    values, _, result = _import_one(tmp_path, rows=rows or "<tr><td><b>公开方式：</b></td><td>主动公开</td></tr>",
                                    aside=aside, body=body)
    assert values.get("disclosure", "主动公开") == "主动公开", [p.message for p in result.problems if p.key == "disclosure"]


def test_the_fourth_reviews_data_findings(tmp_path):
    """A title broken by <br> is joined, but a <br> in the body's bold lines still ends its line; the 发文机关标志
    above a Word title is no title; a rowspan ends at its row group; 二O二三年 and mixed dates are read; a
    法治政府建设年度报告 is no 政府信息公开工作年度报告."""
    from build_tools.importer.mapping import _kind_from_title, arabic_dates
    body = "<p><b>联系人：张三<br>联系电话：0851-12345678</b></p><p><b>江川省交通运输厅<br>江川省财政厅</b></p>"
    table = ("<table><thead><tr><th rowspan=2>序号</th><th>项目名称</th><th>金额</th></tr></thead>"
             "<tbody><tr><td>1</td><td>国道养护</td><td>120.00</td></tr></tbody></table>")
    _, text, _ = _import_one(tmp_path, body=body + table)
    assert "张三联系电话" not in text and "江川省交通运输厅江川省财政厅" not in text
    assert "| 1 | 国道养护 | 120.00 |" in text
    assert arabic_dates("二O二三年三月五日") == arabic_dates("二0二三年3月5日") == arabic_dates("2023年三月五日") == "2023年3月5日"
    assert _kind_from_title("江川省交通运输厅2023年法治政府建设年度报告", "") is None
    assert _kind_from_title("2023年江川省交通运输行业统计年报", "") is None


def test_a_word_letterhead_is_no_title_and_a_long_frame_or_attachment_name_stops_nothing(tmp_path):
    page = tmp_path / "word.htm"
    page.write_text("""<html><head><meta charset="utf-8"><title>江交发〔2023〕5号</title></head><body>
<p align=center><b><span style='color:red'>江川省交通运输厅文件</span></b></p>
<p align=center>江交发〔2023〕5号</p>
<p align=center><b>江川省交通运输厅关于做好2023年度公路养护工作的通知</b></p>
<p>各市（州）交通运输局：</p><p>一、总体要求</p><p>坚持安全第一。</p><p>二、工作措施</p><p>加强组织领导。</p>
<p><a href="%s.pdf">附件</a></p><iframe src="%s.html"></iframe></body></html>""" % ("很长的文件名" * 20, "很长的文件名" * 20),
                    encoding="utf-8")
    _, result = run([page], tmp_path / "out", project(tmp_path / "p"))
    values, _ = front_matter(result.written[0])
    assert values["title"] == "江川省交通运输厅关于做好2023年度公路养护工作的通知"


@pytest.mark.parametrize("src, paths", [("/content/c123.html", ["."]), ("../content/c123.html", ["xxgk", "content"])],
                         ids=["网站根路径", "另一个文件夹"])
def test_a_frame_elsewhere_in_the_export_is_read_with_its_page(tmp_path, src, paths):
    """A mirror keeps a frame's site-absolute address (/content/c123.html), or an office gives xxgk/ and content/
    as two PATHs: the article of a 依申请公开 page had been a record of its own (a fourth review)."""
    site = tmp_path / "mirror"
    (site / "xxgk").mkdir(parents=True)
    (site / "content").mkdir()
    (site / "xxgk" / "p1.html").write_text(
        _OPEN_PAGE.format(head="", rows="<tr><td>公开方式：</td><td>依申请公开</td></tr>", aside="").split(
            '<div class="pages_content"')[0] + f'<iframe src="{src}"></iframe></body></html>', encoding="utf-8")
    (site / "content" / "c123.html").write_text(
        "<html><body><p>一、项目名单</p><p>征地拆迁户的姓名和补偿金额见下表。</p><p>二、有关要求</p><p>按期完成。</p></body></html>",
        encoding="utf-8")
    _, result = run([site / p for p in paths], tmp_path / "p" / "catalogue", project(tmp_path / "p"))
    [written] = result.written
    values, body = front_matter(written)
    assert values["disclosure"] == "依申请公开" and "征地拆迁户" in body


@pytest.mark.parametrize("aside", [
    "<table><tr><td>是否公开：</td><td><input type=radio name=s></td><td>是</td><td><input type=radio name=s checked></td>"
    "<td>否</td></tr></table>",  # each radio in a cell of its own
    '<p>是否公开：<w:Sdt CheckBox="t">☐</w:Sdt>是 <w:Sdt CheckBox="t">☒</w:Sdt>否</p>',  # Word's check box elements
    '<div>信息属性：<div class="radio"><span><input type=radio checked></span></div>依申请公开</div>',
])
def test_a_tick_in_an_element_apart_from_its_choice_is_read(tmp_path, aside):
    values, _, _ = _import_one(tmp_path, aside=aside)
    assert values.get("disclosure") in ("依申请公开", "不予公开", placeholder("公开方式")), values


_FIFTH_REVIEW_PUBLIC = {  # rows of a public page's metadata a fifth review (whole sites) found kept off
    "公开形式 网站": "<tr><td>信息属性</td><td>主动公开</td><td>公开形式</td><td>网站</td></tr>",
    "主动公开（网站）": "<tr><td>公开方式：</td><td>主动公开（网站）</td></tr>",
    "依职权主动公开": "<tr><td>公开方式：</td><td>依职权主动公开</td></tr>",
    "检索条件": '<tr><td>公开方式：</td><td><select name="fs"><option>主动公开</option><option>依申请公开</option></select></td></tr>'
            "<tr><td>公开方式：</td><td>主动公开</td></tr>",
    "未渲染的模板": "<tr><td>公开方式：</td><td>{{article.openType}}</td></tr>",
}


@pytest.mark.parametrize("rows", _FIFTH_REVIEW_PUBLIC.values(), ids=_FIFTH_REVIEW_PUBLIC.keys())
def test_what_a_fifth_review_found_kept_off_wrongly_stays_public(tmp_path, rows):
    values, _, result = _import_one(tmp_path, rows=rows)
    assert values.get("disclosure", "主动公开") == "主动公开", [p.message for p in result.problems if p.key == "disclosure"]


_FIFTH_REVIEW_LEAKS = {  # (aside, body): pages a fifth review found published as 主动公开
    "正文自述": ("", "<p>该信息为依申请公开信息，如需获取，请按照依申请公开程序提出申请。</p>"),
    "内部文件": ("", "<p>本件为内部文件，不对外公开。</p>"),
    "字段标签": ("<!--<TRS_GKFS>依申请公开</TRS_GKFS>-->", None),
    "英文键": ('<script>window.__STATE__ = {"article": {"openType": "依申请公开"}};</script>', None),
    "isPublic": ('<script>var article = {isPublic: false, title: "x"};</script>', None),
    "嵌套": ('<script>var a = {gkfs: {code: "2", name: "依申请公开"}};</script>', None),
    "表格中的附注": ("", "<table><tr><td>各市（州）交通运输局：</td></tr><tr><td>一、工作要求。　　江川省交通运输厅　　（此件不公开）</td></tr></table>"),
}


@pytest.mark.parametrize("aside, body", _FIFTH_REVIEW_LEAKS.values(), ids=_FIFTH_REVIEW_LEAKS.keys())
def test_what_a_fifth_review_found_published_is_kept_off(tmp_path, aside, body):
    values, _, _ = _import_one(tmp_path, aside=aside, body=body)
    assert values.get("disclosure") in ("依申请公开", "不予公开", placeholder("公开方式")), values


def test_a_grid_of_labels_without_colons_keeps_each_value_under_its_own_label(tmp_path):
    """文号 | 川交发〔2023〕11号 | 信息属性 | 主动公开: the unknown 信息属性 had been glued onto every record's 文号."""
    page = tmp_path / "grid.html"
    page.write_text(_OPEN_PAGE.format(head="", rows="", aside="").replace(
        "<tr><td><b>发文字号：</b></td><td>江交〔2024〕3号</td></tr>",
        "<tr><td>文号</td><td>川交发〔2023〕11号</td><td>信息属性</td><td>主动公开</td></tr>"), encoding="utf-8")
    _, result = run([page], tmp_path / "grid", project(tmp_path / "g"))
    assert front_matter(result.written[0])[0]["doc_no"] == "川交发〔2023〕11号"
    text = tmp_path / "in" / "copy.txt"
    text.parent.mkdir()
    text.write_text("索引号：\t11510000MB1234567X/2023-00001\t分类：\t交通运输\n发文字号：\t川交发〔2023〕11号\n\n一、总体要求\n"
                    "各单位要认真贯彻落实。\n二、工作措施\n加强组织领导。\n", encoding="utf-8")
    _, result = run([text], tmp_path / "out", project(tmp_path / "q"))
    assert front_matter(result.written[0])[0]["index_no"] == "11510000MB1234567X/2023-00001"


def test_a_mirrors_pages_are_all_accounted_for(tmp_path):
    """Pages saved under their address (showinfo.jsp?id=101), without a suffix, or as .jhtml had been skipped
    silently, an .mht archive too, and a refused page that another page links to vanished from the report."""
    site = tmp_path / "mirror"
    site.mkdir()
    page = _OPEN_PAGE.format(head="", rows="", aside="")
    for n, name in enumerate(["showinfo.jsp?id=101", "detail_105", "art104.jhtml"]):
        (site / name).write_text(page.replace("00012", f"0010{n}").replace("安全管理", f"安全管理{n}"), encoding="utf-8")
    (site / "t8.mht").write_text("MIME-Version: 1.0\n", encoding="utf-8")
    (site / "linker.html").write_text(page.replace("00012", "00200").replace("安全管理", "安全管理办法").replace(
        "<p>　　坚持安全第一。</p>", '<p>详见<a href="short.html">公告</a></p>'), encoding="utf-8")
    (site / "short.html").write_text("<html><body><p>通知</p></body></html>", encoding="utf-8")
    _, result = run([site], tmp_path / "p" / "catalogue", project(tmp_path / "p"))
    assert len(result.written) == 4
    assert {"t8.mht", "short.html"} <= {Path(f).name for f in result.not_imported}


def test_a_copy_of_a_page_that_is_not_public_is_kept_off_too(tmp_path):
    """A mirror's mobile and print copies of a 依申请公开 page have its title and body but no metadata."""
    site = tmp_path / "www"
    (site / "m").mkdir(parents=True)
    original = _OPEN_PAGE.format(head="", rows="<tr><td>公开方式：</td><td>依申请公开</td></tr>", aside="").replace(
        "<p>　　坚持安全第一。</p>", "<p>　　坚持安全第一，预防为主，综合治理，确保道路运输安全形势持续稳定向好。</p>"
        "<p>　　二、主要任务</p><p>　　落实企业主体责任，加强动态监控，严格执法检查，消除安全隐患。</p>")
    (site / "t3.html").write_text(original, encoding="utf-8")
    copy = "<html><body><h1>江川省交通运输厅关于加强道路运输安全管理的通知</h1>" + original.split('<div class="pages_content"')[1]
    (site / "m" / "t3.html").write_text(copy, encoding="utf-8")
    (site / "t3_print.html").write_text(copy, encoding="utf-8")
    _, result = run([site], tmp_path / "p" / "catalogue", project(tmp_path / "p"))
    disclosures = sorted(front_matter(p)[0]["disclosure"] for p in result.written)
    assert disclosures == sorted(["依申请公开", placeholder("公开方式"), placeholder("公开方式")])


def test_a_table_layout_pages_record_holds_the_article_only(tmp_path):
    """A site laid out in tables before 2010, with no named container: every record had kept the banner, the
    menu, the side column of links and the footer, and the article as one table cell (a fifth review)."""
    article = "".join(f"　　{n}、工作要求。各地要按照职责分工，健全工作机制，落实主体责任，确保各项任务按期完成。<br>"
                      for n in "一二三")
    page = tmp_path / "t2.htm"
    page.write_text(f"""<html><head><meta charset="utf-8"><title>关于开展城市公共交通专项整治的通知</title></head><body>
<table width=778><tr><td><img src="../images/top.jpg"></td></tr><tr><td><a href="../0/index.htm">首页</a> | <a href="../1/index.htm">机构职能</a></td></tr></table>
<table width=778><tr><td width=180><table><tr><td>·<a href="../gk/0.htm">政府信息公开指南</a></td></tr><tr><td>·<a href="../gk/1.htm">政府信息公开制度</a></td></tr>
<tr><td>·<a href="../gk/2.htm">法定主动公开内容</a></td></tr><tr><td>·<a href="../gk/3.htm">依申请公开</a></td></tr><tr><td>·<a href="../gk/4.htm">不予公开的范围</a></td></tr>
<tr><td>·<a href="../gk/5.htm">政府信息公开年报</a></td></tr></table><table><tr><td>站内搜索：<input name="key"></td></tr></table></td>
<td width=598><table><tr><td>索引号：</td><td>11510000MB1234567X/2023-00003</td><td>发布机构：</td><td>江川省交通运输厅</td></tr>
<tr><td>文号：</td><td>川交发〔2023〕13号</td><td>发文日期：</td><td>2023-03-05</td></tr></table>
<table><tr><td align=center><b>关于开展城市公共交通专项整治的通知</b></td></tr><tr><td>2023-03-05【<a href="javascript:window.print()">打印</a>】</td></tr>
<tr><td>　　各市（州）交通运输局：<br>{article}　　江川省交通运输厅</td></tr></table></td></tr></table>
<table width=778><tr><td>江川省交通运输厅 版权所有 建议使用1024×768分辨率 IE6.0以上浏览器</td></tr></table></body></html>""",
                    encoding="utf-8")
    _, result = run([page], tmp_path / "out", project(tmp_path / "p"))
    values, body = front_matter(result.written[0])
    assert "一、工作要求。" in body and "三、工作要求。" in body and "|" not in body
    assert not any(w in body for w in ("政府信息公开指南", "站内搜索", "版权所有", "首页", "机构职能"))
    assert body.startswith("各市（州）交通运输局：")  # not the date and 【打印】 line under the title
    assert values["doc_no"] == "川交发〔2023〕13号" and str(values["written"]) == "2023-03-05"
    assert not any(p.code == "import-attachment-missing" for p in result.problems)


@pytest.mark.parametrize("line, above, inside", [
    ("2023-05-07　【[打印](javascript:window.print())】【[关闭](javascript:window.close())】", True, False),
    ("【[打印本页](javascript:window.print())】 【[关闭窗口](javascript:window.close())】", True, True),
    ("2023年5月7日 10:30 【打印】【关闭】", True, False),
    ("2023-05-07", False, False),  # a date alone may be the document's own (its 成文日期 at the end)
    ("2023年5月7日，省厅召开会议，部署打印设备采购工作。", False, False),
    ("详见[附件](a.pdf)。", False, False),
    # a closure notice's days and an itinerary's last day are the document's (a review found them dropped)
    ("2023年5月7日 关闭", False, False),
    ("2023年5月8日 22:00 关闭", False, False),
    ("2023年5月7日 返回", False, False),
    # a first line that is an image or a link with a short Latin text is the document's (a review)
    ("![QR](qr.png)", False, False),
    ("![PIC](/images/p1.jpg)", False, False),
    ("[PDF](x.pdf)", False, False),
    ("EN", True, False),  # a language switch above the document, as before
])
def test_a_date_with_print_and_close_buttons_is_the_sites_line_above_the_document(line, above, inside):
    from build_tools.importer.body import is_chrome
    assert (is_chrome(line, above=True), is_chrome(line)) == (above, inside)


def test_a_platforms_side_menu_inside_the_main_element_is_not_the_body(tmp_path):
    menu = ('<aside class="gov-aside"><div>信息公开</div><a href="/xxgk/0/">政府信息公开指南</a>'
            '<a href="/xxgk/1/">政府信息公开制度</a><a href="/xxgk/3/">依申请公开</a></aside>')
    page = tmp_path / "p.html"
    page.write_text(_OPEN_PAGE.format(head="", rows="", aside="").replace(
        '<div class="pages_content" id="UCAP-CONTENT">', f'<main>{menu}<div class="pages_content" id="UCAP-CONTENT">').replace(
        "</div></body>", "</div></main></body>"), encoding="utf-8")
    _, result = run([page], tmp_path / "out", project(tmp_path / "p"))
    _, body = front_matter(result.written[0])
    assert "政府信息公开指南" not in body and "一、总体要求" in body


def test_a_short_notice_beside_a_long_footer_of_text_is_kept(tmp_path):
    """The block holding most of a page's text is its body only where it holds the page's title too: a long
    footer or side column of text beside a short notice would otherwise have been taken, the notice lost."""
    footer = "联系我们：地址江川市人民路88号，邮编610000，电话028-88888888，传真028-88888889。本网站由江川省交通运输厅主办。" * 4
    page = tmp_path / "n.html"
    page.write_text(f"""<html><head><title>关于春节期间道路运输安全的通知 - 江川省交通运输厅</title></head><body>
<div><p>关于春节期间道路运输安全的通知</p><p>各市（州）交通运输局：</p><p>一、加强值守</p><p>春节将至，请做好道路运输安全工作。</p>
<p>二、及时报告</p><p>遇有情况及时报告。</p><p>江川省交通运输厅</p></div><div>{footer}</div></body></html>""", encoding="utf-8")
    _, result = run([page], tmp_path / "out", project(tmp_path / "p"))
    _, body = front_matter(result.written[0])
    assert "春节将至，请做好道路运输安全工作。" in body and "## 二、及时报告" in body


def test_a_page_shown_by_its_full_address_in_a_frame_of_a_withheld_page_is_kept_off(tmp_path):
    """A mirror keeps the old site's full address of a frame (http://www…/content/c123.html): never read as the
    page's body (another site's address is not this export's), but the file it names is kept off with it."""
    site = tmp_path / "mirror"
    (site / "xxgk").mkdir(parents=True)
    (site / "content").mkdir()
    (site / "xxgk" / "p1.html").write_text(
        _OPEN_PAGE.format(head="", rows="<tr><td>公开方式：</td><td>依申请公开</td></tr>", aside="").split(
            '<div class="pages_content"')[0] + '<iframe src="http://www.jcjt.gov.cn/content/c123.html"></iframe></body></html>',
        encoding="utf-8")
    (site / "content" / "c123.html").write_text(
        "<html><body><p>一、项目名单</p><p>征地拆迁户的姓名和补偿金额见下表，各地按表中所列金额按期发放到户。</p><p>二、有关要求</p>"
        "<p>各地按期完成补偿发放工作，及时报告进展情况；对工作中遇到的问题，请及时报告省交通运输厅。</p>"
        "<p>江川省交通运输厅</p><p>2023年3月1日</p></body></html>", encoding="utf-8")
    _, result = run([site], tmp_path / "p" / "catalogue", project(tmp_path / "p"))
    assert sorted(front_matter(p)[0]["disclosure"] for p in result.written) == sorted(["依申请公开", placeholder("公开方式")])


@pytest.mark.parametrize("hidden", ['<div style="display:none">内部流转：经办人王五HIDDENMARK，家住幸福路1号3栋</div>',
                                    '<p hidden>审核人钱七HIDDENMARK</p>',
                                    '<span class="hidden">责任编辑孙八HIDDENMARK</span>',
                                    '<div style="visibility: hidden">经办人HIDDENMARK</div>'])
def test_text_the_old_page_hid_is_not_imported_and_is_said(tmp_path, hidden):
    """A CMS template's hidden 经办人 and their home address became the imported record's first paragraphs, and the
    report said nothing (found by a review)."""
    values, body, result = _import_one(tmp_path, body="<p>　　坚持安全第一。</p>" + hidden)
    assert "HIDDENMARK" not in body and "坚持安全第一" in body
    said = [p.message for p in result.problems if p.code == "import-body-dropped"]
    assert any("隐藏" in m and "HIDDENMARK" in m for m in said)


def _imported_body(tmp_path, title: str, paragraphs: str, files: dict[str, bytes] | None = None) -> str:
    """The body ``catalogue import`` writes for one page ``a.html`` of ``title`` and ``paragraphs`` (and ``files``
    beside it)."""
    pages = tmp_path / "site"
    pages.mkdir()
    for name, data in (files or {}).items():
        (pages / name).write_bytes(data)
    (pages / "a.html").write_text(_page(title, paragraphs), encoding="utf-8")
    out = tmp_path / "out"
    run([pages], out, project(tmp_path / "p"))
    [written] = out.rglob("a.md")
    return front_matter(written)[1]


@pytest.mark.parametrize("line, shown", [
    ("1. 第一项内容", "1. 第一项内容"), ("2) 第二项", "2) 第二项"), ("- 列表样", "- 列表样"), ("> 引用样", "&gt; 引用样"),
    (">7座且≤19座：二类客车", "&gt;7座且≤19座：二类客车"), ("通行费=基本费率*计费里程*车型系数", "通行费=基本费率*计费里程*车型系数"),
    ("单位名称：________，联系人：________", "单位名称：________，联系人：________"), ("===", "==="), ("# 标题样", "# 标题样")])
def test_an_imported_line_is_shown_as_the_page_it_came_from_showed_it(line, shown):
    """The importer wrote \\1. for a line starting 1. (Python-Markdown reads no escape there: the page showed the
    backslash), and let a leading > make a quotation, * in a formula and ____ blanks make emphasis (a review)."""
    from build_tools.body_html import BodyRenderer
    from build_tools.importer.body import structure
    assert BodyRenderer()(structure(line)) == f"<p>{shown}</p>"


def test_a_cms_pages_bold_chapters_and_articles_stay_headings_and_articles_and_its_links_stay(tmp_path):
    """Every bold 第X章 and 第X条 of an imported law (as CMS pages write them) was shown with its asterisks, no
    chapter heading, 目录 or article anchor, and a link to W020250610_养护名单.pdf lost its address; a formula's
    * and a form's blank on such a page stay text (a review)."""
    from build_tools.body_html import BodyRenderer
    body = _imported_body(tmp_path, "青禾市农村公路养护管理办法",
        "<p><strong>第一章　总　　则</strong></p>"
        "<p>　　<strong>第一条</strong>　为加强农村公路养护管理，制定本办法。</p>"
        "<p>　　<strong>特别提示</strong>：通行费=基本费率*计费里程*车型系数，联系人：________。</p>"
        '<p>名单见<a href="W020250610_养护名单.pdf">养护名单</a>。</p>', {"W020250610_养护名单.pdf": b"%PDF-1.4\n%%EOF\n"})
    html = BodyRenderer()(body)
    assert '<h2 id="第一章">第一章　总　　则</h2>' in html and '<p id="第一条"><strong>' in html
    assert "<strong>特别提示</strong>" in html and "基本费率*计费里程*车型系数" in html and "________" in html
    assert "**" not in html and "[养护名单](a-W020250610_养护名单.pdf)" in body  # the copied attachment's name


def test_a_law_portals_named_anchors_leave_its_chapters_headings_and_its_articles_anchored(tmp_path):
    """A law portal's page puts <a name="tiao3"></a> before every chapter and article: imported, no chapter was a
    heading (no 目录, no #第二章) and no article had its #第三条 (the paragraph began with the anchor); the old
    targets stay beside them (a review)."""
    from build_tools.body_anchors import anchor_ids
    from build_tools.body_html import BodyRenderer
    body = _imported_body(tmp_path, "青禾市道路货运车辆超限治理办法",
        '<p>　　<a name="zhang1"></a>第一章　总则</p>'
        '<p>　　<a name="tiao1"></a>第一条　为加强道路货运车辆超限治理，制定本办法。</p>'
        '<p>　　<a name="zhang2"></a><strong>第二章　检测与处理</strong></p>'
        '<p>　　<a name="tiao2"></a><a name="t2"></a><strong>第二条</strong>　超限检测站点由市交通运输局设置。</p>'
        '<p><a name="_ftn1"></a>[1] 注释一。</p>')
    assert '## <a id="zhang2"></a>第二章　检测与处理' in body and '**第二条**<a id="tiao2"></a><a id="t2"></a> 超限' in body
    html = BodyRenderer()(body)
    assert '<h2 id="第一章"><a id="zhang1"' in html and '<h2 id="第二章"><a id="zhang2"' in html
    assert '<p id="第一条"><strong><a class="cat-article" href="#第一条"' in html and '<p id="第二条">' in html
    assert '<p><a id="_ftn1"' in html  # a paragraph's anchor stays where it was
    assert {"第一章", "第二章", "第一条", "第二条", "zhang1", "tiao1", "zhang2", "tiao2", "t2", "_ftn1"} <= anchor_ids(body)


@pytest.mark.parametrize("line, made", [
    ("（一）占用、挖掘公路；", "（一）占用、挖掘公路；"), ("（三）在公路用地范围内设置非公路标志。", "（三）在公路用地范围内设置非公路标志。"),
    ("一、申请人应当年满18周岁；", "一、申请人应当年满18周岁；"), ("（一）加强组织领导", "### （一）加强组织领导"),
    ("一、总体要求", "## 一、总体要求")])
def test_an_item_of_a_list_is_no_heading(line, made):
    """The 项 of an article (（一）占用、挖掘公路；) became ### headings, listed in the page's 目录 as sections (a review)."""
    from build_tools.importer.body import structure
    assert structure(line) == made


def test_a_sections_items_after_a_quoted_article_and_a_contents_line_alone_keep_their_headings():
    """A 解读 quoting an article on its own line left its later （一） a line (its sibling （二） a heading), and a 目录
    line whose entries were not copied took the law's own first chapter for an entry (a later review)."""
    from build_tools.importer.body import not_headings
    lines = ["一、制定背景", "《条例》第三条明确了管理职责，原文为：", "第三条　县级以上人民政府交通运输主管部门负责路政管理工作。",
             "二、主要内容", "《条例》主要内容如下：", "（一）明确管理职责", "条例明确了各级主管部门的职责。", "（二）规范许可程序",
             "条例规定了申请、受理和决定的程序。"]
    assert not_headings(lines, False) == set()
    law = ["目录", "第一章　总则", "第一条　为了规范管理，制定本条例。", "第二章　附则", "第二条　本条例自公布之日起施行。"]
    assert not_headings(law, False) == set()


@pytest.mark.parametrize("line, markdown, made", [
    ("第十条之一　超限检测站点由市交通运输局统一设置。", False, "**第十条之一** 超限检测站点由市交通运输局统一设置。"),
    ("第十条之一　超限检测站点由市交通运输局统一设置。", True, "**第十条之一** 超限检测站点由市交通运输局统一设置。"),
    ("**第十条之一**　超限检测站点。", True, "**第十条之一** 超限检测站点。"),
    ("**第十条**之一　超限检测站点。", True, "**第十条之一** 超限检测站点。"),
    ("第三条规定，超限检测站点由市交通运输局设置。", False, "第三条规定，超限检测站点由市交通运输局设置。"),
    ("第三条规定，超限检测站点由市交通运输局设置。", True, "第三条规定，超限检测站点由市交通运输局设置。"),
    ("第三条　超限检测站点。", True, "**第三条** 超限检测站点。"), ("第3条 本办法自公布之日起施行。", False,
                                                          "**第3条** 本办法自公布之日起施行。"),
    ("**第三条**超限检测站点。", True, "**第三条** 超限检测站点。"),
    # a CMS that dropped the space: still an article (a later review found a whole law's lost); 第三条的, 第三条第二款 not
    ("第一条为了规范管理，制定本办法。", False, "**第一条** 为了规范管理，制定本办法。"),
    ("第三条的规定适用于本办法。", False, "第三条的规定适用于本办法。"),
    ("第三条第二款规定的情形除外。", False, "第三条第二款规定的情形除外。")])
def test_an_article_keeps_its_whole_number_and_a_sentence_naming_one_is_no_article(line, markdown, made):
    """第十条之一 of an amended law was imported as **第十条** 之一 (no #第十条之一 on the page), and a 解读's 第三条规定，…
    as an article taking #第三条 from the law's own: the number is read as the site reads it, with its space (a review)."""
    from build_tools.body_anchors import anchor_ids
    from build_tools.importer.body import structure
    assert structure(line, markdown) == made
    if made.startswith("**第十条之一**"):
        assert anchor_ids(made) == {"第十条之一"}


def test_a_laws_printed_contents_stays_lines_and_leaves_the_chapters_their_addresses(tmp_path):
    """The 目录 a law's page prints before its text (目　　录 / 第一章　总则 / …) was imported as ## headings: they took
    #第一章 …, the real chapters #第一章-总则, and the page's 目录 listed every chapter twice (a review)."""
    from build_tools.body_html import BodyRenderer
    body = _imported_body(tmp_path, "青禾市交通运输局关于印发《青禾市道路货运车辆超限治理办法》的通知",
        "<p>各区县交通运输局：</p><p>　　现将《青禾市道路货运车辆超限治理办法》印发给你们，请遵照执行。</p>"
        "<p>　　青禾市道路货运车辆超限治理办法</p><p>　　<strong>目　　录</strong></p>"
        "<p>　　第一章　总则</p><p>　　第二章　检测与处理</p><p>　　第三章　附则</p>"
        "<p>　　第一章　总则</p><p>　　第一条　为加强道路货运车辆超限治理，制定本办法。</p>"
        "<p>　　第二章　检测与处理</p><p>　　第二条　超限检测站点由市交通运输局统一设置。</p>"
        "<p>　　第三章　附则</p><p>　　第三条　本办法自2024年7月1日起施行。</p>")
    assert [line for line in body.split("\n") if line.startswith("#")] == [
        "## 第一章　总则", "## 第二章　检测与处理", "## 第三章　附则"]
    assert "**目　　录**\n\n第一章　总则\n\n第二章　检测与处理\n\n第三章　附则\n\n## 第一章　总则" in body
    html = BodyRenderer()(body)
    assert re.search(r'<h2 id="第二章">第二章　检测与处理</h2>\s*<p id="第二条">', html)


@pytest.mark.parametrize("lines, made", [
    # a run of chapters with nothing between them, then the first again: a 目录 without its title line
    (["第一章　总则", "第二章　附则", "第一章　总则", "第一条　为了规范，制定本办法。", "第二章　附则", "第二条　施行。"],
     ["第一章　总则", "第二章　附则", "## 第一章　总则", "**第一条** 为了规范，制定本办法。", "## 第二章　附则", "**第二条** 施行。"]),
    (["目次", "第一章　总则……1", "附　　则……9", "第一章　总则", "第一条　为了规范，制定本办法。"],
     ["目次", "第一章　总则……1", "附　　则……9", "## 第一章　总则", "**第一条** 为了规范，制定本办法。"]),
    # one line after 目录 is no 目录; a chapter's first section, a 编's first chapter are none either
    (["目录", "一、总体情况", "2023年，本局主动公开政府信息。"], ["目录", "## 一、总体情况", "2023年，本局主动公开政府信息。"]),
    (["第一编　总则", "第一章　基本规定", "第一节　一般规定", "第一条　为了规范，制定本办法。"],
     ["## 第一编　总则", "## 第一章　基本规定", "### 第一节　一般规定", "**第一条** 为了规范，制定本办法。"])])
def test_a_printed_contents_is_told_from_the_chapters(lines, made):
    """A 目录's lines are paragraphs, the chapters after them headings; a law without one keeps every heading."""
    from build_tools.importer.body import clean_lines
    assert [line for line in clean_lines(lines, title=None, markdown=True) if line] == made


@pytest.mark.parametrize("lines, made", [
    (["第二条　申请超限运输许可的，应当提交下列材料：", "（一）超限运输申请表", "（二）车辆行驶证复印件", "第二章　附则"],
     ["**第二条** 申请超限运输许可的，应当提交下列材料：", "（一）超限运输申请表", "（二）车辆行驶证复印件", "## 第二章　附则"]),
    (["第五条　有下列情形之一的，不予许可：", "（一）未按规定提交材料", "（二）有下列行为之一：", "1．伪造材料",
      "（三）其他情形"],
     ["**第五条** 有下列情形之一的，不予许可：", "（一）未按规定提交材料", "（二）有下列行为之一：", "1．伪造材料",
      "（三）其他情形"]),
    # outside an article, items in a run: the list ends at an item of a higher rank (a heading)
    (["需提交以下材料：", "（一）申请表", "（二）身份证复印件", "二、办理时限", "自受理之日起20个工作日内办结。"],
     ["需提交以下材料：", "（一）申请表", "（二）身份证复印件", "## 二、办理时限", "自受理之日起20个工作日内办结。"]),
    # a notice's sections after its 如下：, each with its text: headings
    (["现将有关事项通知如下：", "一、总体要求", "（一）指导思想", "以新思想为指导。", "（二）基本原则", "坚持问题导向。"],
     ["现将有关事项通知如下：", "## 一、总体要求", "### （一）指导思想", "以新思想为指导。", "### （二）基本原则",
      "坚持问题导向。"])])
def test_the_items_after_a_lead_in_are_no_headings(lines, made):
    """An article's items written without end marks after its lead-in (应当提交下列材料： / （一）超限运输申请表) were
    ### headings, cut off from their article and listed in the page's 目录 (a review); a notice's sections stay."""
    from build_tools.importer.body import clean_lines
    for markdown in (True, False):  # a saved page's Markdown, a text copy
        assert [line for line in clean_lines(lines, title=None, markdown=markdown) if line] == made


def test_a_copy_stopped_halfway_leaves_no_cut_file_under_its_name(tmp_path):
    """An import stopped by a signal (a closed SSH window, timeout: Python cleans nothing up) left a 51 MB attachment
    cut to 0 bytes under its own name, refused as 已经存在 by the next run (a review)."""
    import signal
    import subprocess
    import sys
    big = tmp_path / "大文件.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * (8 << 20))
    target = tmp_path / "out" / "大文件.pdf"
    code = ("import sys, time, shutil\nfrom pathlib import Path\nimport build_tools.machinery.new_files as n\n"
            "real = shutil.copyfileobj\n"
            "def slow(src, dst, size):\n    dst.write(src.read(1 << 20)); dst.flush(); print('writing', flush=True); time.sleep(60)\n"
            "n.shutil.copyfileobj = slow\n"
            "n.copy_new(Path(sys.argv[1]), Path(sys.argv[2]))\n")
    process = subprocess.Popen([sys.executable, "-c", code, str(big), str(target)], stdout=subprocess.PIPE,
                               cwd=Path(__file__).resolve().parent.parent)
    assert process.stdout.readline().strip() == b"writing"
    process.send_signal(signal.SIGTERM)
    process.wait(30)
    assert not target.exists()  # the part written is under a hidden name, never the file's own
    from build_tools.machinery.new_files import copy_new
    copy_new(big, target)  # the next run copies it
    assert target.stat().st_size == big.stat().st_size
    assert all(p.name.startswith(".catalogue-part-") for p in target.parent.iterdir() if p.name != target.name)
    long_name = tmp_path / "out" / ("关" * 80 + ".pdf")  # 243 bytes: a name near the limit stays possible
    copy_new(big, long_name)
    assert long_name.stat().st_size == big.stat().st_size
    with pytest.raises(FileExistsError):
        copy_new(big, target)  # never over a file
