"""Nothing leaks, nothing breaks.

1. No leak: withheld (依申请公开, 不予公开) and future-dated records, seeded with
   a unique marker in every field, leave no byte in any output file — pages,
   sitemap.xml(.gz), search index, attachments — even when public records
   point to them; lists and the home page count public records only.
2. Hostile content: markup, script, ``javascript:`` links, event handlers,
   entities and template syntax in record data render as text or are stripped.
3. Hostile files: ``..`` and absolute attachment paths, symbolic links out of
   catalogue/, a 50 MB file, a YAML bomb and deep nesting each give a quick,
   clear problem naming the file, and nothing outside catalogue/ is read.

The browser half of (2) is tests/browser/test_browser.py, on the sites built
by :func:`build_hostile_bodies` and :func:`build_hostile_metadata` here.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import logging
import os
import re
import subprocess
import sys
import time
import zlib
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from build_tools.config import load_config
from build_tools.diagnostics import Severity
from build_tools.mkdocs_plugin.build import build_site
from build_tools.pipeline import check_catalogue
from build_tools.source import read_source
from build_tools.views.urls import name_slug, record_path

from .sitetools import output_bytes

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 23)
AGENCY = "015200371"


# -- writing projects ---------------------------------------------------------------------


def record_text(fields: dict, body: str = "") -> str:
    """A record file; every value is written as a JSON (so YAML) scalar or list, exactly."""
    lines = ["---"]
    for key, value in fields.items():
        if isinstance(value, dt.date):
            lines.append(f"{key}: {value.isoformat()}")
        elif isinstance(value, int):
            lines.append(f"{key}: {value}")
        else:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n---\n" + body + "\n"


def write_project(root: Path, records: dict[str, str], *, files: dict[str, bytes] | None = None,
                  options: str = "", plugins: str = "", catalogue_dir: str = "catalogue",
                  site_url: str | None = None) -> Path:
    """mkdocs.yml, docs/ and a catalogue under ``root``; returns the mkdocs.yml."""
    cat = root / catalogue_dir
    cat.mkdir(parents=True, exist_ok=True)
    for name, text in records.items():
        (cat / name).parent.mkdir(parents=True, exist_ok=True)
        (cat / name).write_text(text, encoding="utf-8")
    for name, data in (files or {}).items():
        (cat / name).parent.mkdir(parents=True, exist_ok=True)
        (cat / name).write_bytes(data)
    (root / "docs").mkdir(exist_ok=True)
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: 安全测试\n" + (f"site_url: {site_url}\n" if site_url else "") +
        "use_directory_urls: true\n"
        f"theme:\n  name: material\n  language: zh\n  font: false\n  custom_dir: {ROOT / 'theme'}\n"
        "markdown_extensions: [tables, footnotes, attr_list]\n"
        f"plugins:\n{plugins}  - catalogue:\n      agency: 测试厅\n      agency_code: \"{AGENCY}\"\n"
        f"      catalogue_dir: {catalogue_dir}\n{options}", encoding="utf-8")
    return config


def assert_kept_off(site: Path, *leaks: bytes) -> dict[str, bytes]:
    """Record 2024-00002 is published, 2024-00001 is not, and none of ``leaks`` is in any output file
    (the search index's inflated); returns the files (site-relative path → bytes)."""
    files = dict(output_files(site))
    assert "records/015200371_2024-00002/index.html" in files
    assert "records/015200371_2024-00001/index.html" not in files
    for path, data in files.items():
        for leak in leaks:
            assert leak not in data, (path, leak)
    return files


def output_files(site: Path):
    """(site-relative path, bytes) of every output file as a reader gets it (sitetools.output_bytes)."""
    for f, data in output_bytes(site):
        yield f.relative_to(site).as_posix(), data


def pages(site: Path):
    """(site-relative path, text) of every page and machine-readable index."""
    for rel, data in output_files(site):
        if rel.endswith((".html", ".xml", ".json")) and not rel.startswith("assets/"):
            yield rel, data.decode("utf-8")


# == 1. No leak ==========================================================================

PUBLIC_POLICY = f"{AGENCY}/2024-00001"
PUBLIC_POLICY_2 = f"{AGENCY}/2025-00001"
PUBLIC_REPEALED = f"{AGENCY}/2023-00001"
PUBLIC_INTERP = f"{AGENCY}/2024-00002"

# Every withheld and future record: (file, kind, disclosure, published).  Each
# gets a marker prefix and a 7-digit serial found nowhere else.
HIDDEN = {
    # A and B amend and repeal public policies of 2023 and 2024, and policy 乙 of 2025 them: dated between
    # (link-before-target: a 2019 document amending one of 2024 was a mistyped number, the link not taken)
    "LEAKZQXA": ("policy", "依申请公开", dt.date(2024, 6, 11)),
    "LEAKZQXB": ("policy", "不予公开", dt.date(2024, 6, 12)),
    "LEAKZQXC": ("interpretation", "依申请公开", dt.date(2019, 2, 13)),
    "LEAKZQXD": ("budget", "不予公开", dt.date(2019, 2, 14)),
    "LEAKZQXE": ("annual-report", "依申请公开", dt.date(2019, 2, 15)),
    "LEAKZQXF": ("notice", "不予公开", dt.date(2019, 2, 16)),
    "LEAKZQXG": ("policy", "主动公开", dt.date(2026, 12, 1)),   # future-dated
    "LEAKZQXH": ("interpretation", "主动公开", dt.date(2026, 12, 2)),
    "LEAKZQXI": ("budget", "主动公开", dt.date(2026, 12, 3)),
    "LEAKZQXJ": ("notice", "主动公开", dt.date(2026, 11, 24)),  # published the day after as_of
}
SERIALS = {m: f"73059{i:02d}" for i, m in enumerate(HIDDEN, start=11)}
FISCAL_YEARS = {"LEAKZQXD": 2019, "LEAKZQXE": 2012, "LEAKZQXI": 2027}  # a budget's year is by its dates
HIDDEN_CATEGORY = "市场监管、安全生产监管/安全生产"


def hidden_index(marker: str) -> str:
    return f"{AGENCY}/{HIDDEN[marker][2].year}-{SERIALS[marker]}"


def hidden_dates(marker: str) -> dict[str, dt.date]:
    """Dates used by no public record, so any of them in the output is a leak."""
    kind, _, published = HIDDEN[marker]
    n = list(HIDDEN).index(marker) + 1
    # the notice published the day after as_of is written two weeks before it: its 20 working days not yet past on
    # as_of (a record scheduled after its due day is late-disclosure on as_of)
    days = 14 if kind == "notice" and published > AS_OF else 20 + n
    dates = {"published": published, "written": published - dt.timedelta(days=days)}
    if kind == "policy":
        dates["effective"] = published + dt.timedelta(days=40 + n)
        dates["expires"] = dt.date(2031, 1, n)
    if kind == "budget":
        dates["approved"] = published - dt.timedelta(days=5 + n)
    return dates


def hidden_record(marker: str) -> tuple[str, bytes]:
    """A valid record with every field of its kind filled, each value marked."""
    kind, disclosure, published = HIDDEN[marker]
    f: dict = {"index_no": hidden_index(marker), "title": f"{marker}TITLE隐藏标题", "kind": kind}
    if kind == "policy":
        f["doc_type"] = "其他文件"
    f["issuer"] = [f"{marker}ISSUER发文机关", f"{marker}COISSUER联合机关"]
    f["doc_no"] = f"{marker}DOCNO〔2019〕7号"
    f["category"] = HIDDEN_CATEGORY
    f.update(hidden_dates(marker))
    if kind == "policy":
        # Public policy 乙 amends A and repeals B and G.
        f["validity"] = {"LEAKZQXA": "已修改", "LEAKZQXB": "已废止", "LEAKZQXG": "已废止"}[marker]
    f["disclosure"] = disclosure
    if disclosure != "主动公开":
        # a budget may be kept off only as a state secret (预算法 Art 14; else disclosure-not-allowed)
        f["withheld_reason"] = (f"{marker}REASON《预算法》第十四条，涉及国家秘密" if kind == "budget"
                                else f"{marker}REASON《政府信息公开条例》第十六条")
    f["keywords"] = [f"{marker}KEYWORD1", f"{marker}KEYWORD2"]
    f["summary"] = f"{marker}SUMMARY内容概述"
    if kind == "interpretation":
        f["interprets"] = [PUBLIC_POLICY]
        f["interpretation_form"] = "问答"
    if kind == "policy":
        f["interpretation_exempt"] = f"{marker}EXEMPT免于解读"
        f["amends"] = [PUBLIC_POLICY]
        f["repeals"] = [PUBLIC_REPEALED]
    if marker in FISCAL_YEARS:
        f["fiscal_year"] = FISCAL_YEARS[marker]
    if kind == "budget":  # every amount holds the serial: the 预决算 overview, charts and CSV must not show it
        serial = SERIALS[marker]
        f["figures"] = {"三公经费": {"因公出国（境）费": f"{serial}.11", "公务用车购置费": f"{serial}.22",
                                  "公务用车运行费": f"{serial}.33", "公务接待费": f"{serial}.44"},
                        "机关运行经费": f"{serial}.55"}
    f["attachments"] = [f"files/{marker}ATTACHMENT.csv"]
    body = f"{marker}BODY正文。\n\n[{marker}LINKTEXT](https://example.org/{marker}LINKURL)\n"
    return record_text(f, body), f"项目,金额\n{marker}ATTACHMENTCONTENT,1\n".encode()


def public_records() -> dict[str, str]:
    """The public records, which point at every hidden one."""
    # An interpretation of a policy not yet published waits for it (visibility.public_view): the interpretation
    # points at the withheld policies; the future-dated one is pointed at by policy-2's repeals.
    policy_hidden = [hidden_index(m) for m in HIDDEN if HIDDEN[m][0] == "policy" and HIDDEN[m][1] != "主动公开"]
    common = {"issuer": "测试厅", "category": "工业、交通/公路"}
    return {
        "public/policy-1.md": record_text({
            "index_no": PUBLIC_POLICY, "title": "公开政策甲", "kind": "policy", "doc_type": "行政规范性文件",
            **common, "written": dt.date(2024, 3, 1), "published": dt.date(2024, 3, 5),
            "effective": dt.date(2024, 4, 1), "validity": "已修改"}, "公开正文甲。"),
        "public/policy-2.md": record_text({
            "index_no": PUBLIC_POLICY_2, "title": "公开政策乙", "kind": "policy", "doc_type": "其他文件",
            **common, "written": dt.date(2025, 1, 2), "published": dt.date(2025, 1, 3),
            "amends": [hidden_index("LEAKZQXA")], "repeals": [hidden_index("LEAKZQXB"), hidden_index("LEAKZQXG")]},
            "公开正文乙。"),
        "public/policy-old.md": record_text({
            "index_no": PUBLIC_REPEALED, "title": "公开旧政策", "kind": "policy", "doc_type": "其他文件",
            **common, "written": dt.date(2023, 1, 2), "published": dt.date(2023, 1, 4), "validity": "已废止"},
            "旧正文。"),
        "public/interp.md": record_text({
            "index_no": PUBLIC_INTERP, "title": "公开政策甲的解读", "kind": "interpretation", **common,
            "published": dt.date(2024, 3, 6), "interprets": [PUBLIC_POLICY, *policy_hidden],
            "interpretation_form": "图解"}, "解读正文。"),
        "public/budget.md": record_text({
            "index_no": f"{AGENCY}/2024-00003", "title": "2024年部门预算", "kind": "budget",
            "issuer": "测试厅", "category": "财政、金融、审计/预算决算", "published": dt.date(2024, 3, 8),
            "fiscal_year": 2024, "approved": dt.date(2024, 2, 20),
            "figures": {"三公经费": {"因公出国（境）费": "1.00", "公务用车购置费": "0.00", "公务用车运行费": "2.00",
                                   "公务接待费": "3.00"}}}, "预算说明。"),
        "public/notice.md": record_text({
            "index_no": f"{AGENCY}/2024-00004", "title": "公开通知", "kind": "notice", **common,
            "published": dt.date(2024, 3, 9)}, "通知正文。"),
    }


PUBLIC_COUNTS = {"lists/policies/": 3, "lists/interpretations/": 1, "lists/fiscal/": 1,
                 "lists/reports/": 0, "lists/notices/": 1}

# Records that fail validation in a way that touches disclosure: refused, so never published.
FAIL_CLOSED = {
    "fail-closed/alias-twice.md": ("LEAKZQXK", {"disclosure": "主动公开", "公开方式": "不予公开"}),
    "fail-closed/typo.md": ("LEAKZQXL", {"disclosure": "不公开"}),
    "fail-closed/empty.md": ("LEAKZQXM", {"disclosure": ""}),
}


SERIALS.update({marker: f"73059{i}" for i, (marker, _) in enumerate(FAIL_CLOSED.values(), start=21)})


def fail_closed_records() -> dict[str, str]:
    out = {}
    for name, (marker, extra) in FAIL_CLOSED.items():
        fields = {"index_no": f"{AGENCY}/2024-{SERIALS[marker]}", "title": f"{marker}TITLE",
                  "kind": "notice", "issuer": f"{marker}ISSUER", "category": "工业、交通/公路",
                  "published": dt.date(2024, 3, 10), **extra, "withheld_reason": f"{marker}REASON",
                  "summary": f"{marker}SUMMARY"}
        out[name] = record_text(fields, f"{marker}BODY")
    return out


ALL_MARKERS = [*HIDDEN, *(m for m, _ in FAIL_CLOSED.values())]


@pytest.fixture(scope="module")
def leak_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("leak")
    records = {**public_records(), **fail_closed_records()}
    files = {}
    for marker in HIDDEN:
        text, attachment = hidden_record(marker)
        records[f"hidden/{marker}.md"] = text
        files[f"hidden/files/{marker}ATTACHMENT.csv"] = attachment
    config = write_project(root, records, files=files, plugins="  - search\n",
                           site_url="https://example.gov.cn/xxgk/")
    return build_site(config, site_dir=root / "site", as_of=AS_OF)


def test_the_hidden_records_are_valid_so_only_the_gate_keeps_them_out(leak_site):
    config, _ = load_config(leak_site.parent / "mkdocs.yml")
    result = check_catalogue(config, AS_OF)
    for marker in HIDDEN:
        record = result.catalogue.get(hidden_index(marker))
        assert record is not None, f"{marker} did not validate: " + "; ".join(
            p.message for p in result.problems if marker in p.file)
        # an annual report is never lawfully withheld (条例 Art 49/50: disclosure-not-allowed), yet what the editor
        # withheld the gate keeps off until it is corrected
        errors = [p for p in result.problems if p.file == record.source and p.severity is Severity.ERROR
                  and not (p.code == "disclosure-not-allowed" and HIDDEN[marker][0] == "annual-report")]
        assert not errors, errors


def test_no_marker_serial_or_date_of_a_hidden_record_is_in_any_output_byte(leak_site):
    needles = {m: [m.encode(), SERIALS[m].encode()] for m in ALL_MARKERS}
    found = []
    for rel, data in output_files(leak_site):
        # Case-blind: a search index may keep words lower-cased.
        data, path = data.lower(), rel.lower().encode()
        for marker, words in needles.items():
            found += [(rel, w.decode()) for w in words if w.lower() in data or w.lower() in path]
    assert not found, found[:20]
    # Dates no public record has, and the names of the hidden-only facets.
    hidden_words = {d.isoformat() for m in HIDDEN for d in hidden_dates(m).values()}
    # but the day A, the first to amend and repeal public policies, took effect: their pages' 有效性 changed on it, the
    # day their feed entries and sitemap lines give (site_plan.record_updated), nothing of A said
    hidden_words.discard(hidden_dates("LEAKZQXA")["effective"].isoformat())
    hidden_words |= {"安全生产", name_slug(HIDDEN_CATEGORY), "2019年", "2018年度", "2012年度", "2027年度",
                     "2018年", "2027年"}
    hidden_words |= {name_slug(f"{m}ISSUER发文机关") for m in HIDDEN}
    for rel, text in pages(leak_site):
        if rel == "data/record.schema.json":
            # The published record format lists the configured categories (configuration, not
            # record data); everything else in it is scanned like any other file.
            schema = json.loads(text)
            config, _ = load_config(leak_site.parent / "mkdocs.yml")
            assert schema["properties"]["category"]["enum"] == sorted(config.allowed_categories)
            del schema["properties"]["category"]["enum"]
            text = json.dumps(schema, ensure_ascii=False)
        assert not [w for w in hidden_words if w in text], (rel, [w for w in hidden_words if w in text])


def test_the_fiscal_overview_charts_and_csv_tables_hold_public_budgets_only(leak_site):
    overview = (leak_site / "lists/fiscal/overview/index.html").read_text(encoding="utf-8")
    assert "2024年" in overview and "<svg" in overview
    csvs = sorted(p.relative_to(leak_site).as_posix() for p in leak_site.rglob("*.csv") if p.parent.name != "data")
    assert csvs == [record_path(f"{AGENCY}/2024-00003") + "budget-2024.csv"]


def test_the_sitemap_and_search_index_hold_public_pages_only(leak_site):
    public = {record_path(n) for n in (PUBLIC_POLICY, PUBLIC_POLICY_2, PUBLIC_REPEALED, PUBLIC_INTERP,
                                       f"{AGENCY}/2024-00003", f"{AGENCY}/2024-00004")}
    sitemap = (leak_site / "sitemap.xml").read_text(encoding="utf-8")
    in_sitemap = {u for u in re.findall(r"/xxgk/(records/[^<]+)</loc>", sitemap)}
    assert in_sitemap == public
    assert gzip.decompress((leak_site / "sitemap.xml.gz").read_bytes()).decode("utf-8") == sitemap
    index = json.loads((leak_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    in_index = {d["location"].split("#")[0] for d in index["docs"] if d["location"].startswith("records/")}
    assert in_index == public
    # The catalogue's own search index (build_tools/search), if this build has one.
    own = {u for f in (leak_site / "search").glob("data/*/d/*.json")
           for u in re.findall(r'"u":"(records/[^"]+)"', zlib.decompress(f.read_bytes()).decode("utf-8"))}
    assert not own or own == public
    built = {p.parent.relative_to(leak_site).as_posix() + "/" for p in (leak_site / "records").glob("*/index.html")}
    assert built == public
    assert not (leak_site / "attachments").exists()  # no public record has attachments


def test_open_data_and_feeds_hold_public_records_only(leak_site):
    """data/ and feeds/ are scanned byte by byte above; here, what they list is exactly the public records."""
    public = {PUBLIC_POLICY, PUBLIC_POLICY_2, PUBLIC_REPEALED, PUBLIC_INTERP,
              f"{AGENCY}/2024-00003", f"{AGENCY}/2024-00004"}
    data = json.loads((leak_site / "data" / "catalogue.json").read_text(encoding="utf-8"))
    assert {r["index_no"] for r in data["records"]} == public and data["count"] == len(public)
    # A public record's links name public records only (a hidden one's index number is never given).
    for r in data["records"]:
        for key in ("interprets", "amends", "repeals"):
            assert set(r[key]) <= public, (r["index_no"], key, r[key])
    names = {p.name for p in (leak_site / "data" / "records").iterdir()}
    assert names == {record_path(n).split("/")[1] + ".json" for n in public}
    rows = list(csv.reader(io.StringIO((leak_site / "data" / "catalogue.csv").read_bytes().decode("utf-8-sig"))))
    assert {r[0] for r in rows[1:]} == public
    for feed in (leak_site / "feeds").glob("*.xml"):
        ids = set(re.findall(r"<(?:id|guid)[^>]*>tag:[^,]+,\d{4}:(?!feeds/)([^<]+)</", feed.read_text(encoding="utf-8")))
        assert ids <= public, (feed.name, ids - public)
    everything = set(re.findall(r"<(?:id|guid)[^>]*>tag:[^,]+,\d{4}:(?!feeds/)([^<]+)</",
                                (leak_site / "feeds" / "all.atom.xml").read_text(encoding="utf-8")))
    assert everything == public


def _count(html: str) -> int:
    return int(re.search(r"共 (\d+) 条", html).group(1))


def test_lists_and_the_home_page_count_public_records_only(leak_site):
    for path, expected in PUBLIC_COUNTS.items():
        for order in ("", "oldest/"):
            html = (leak_site / path / order / "index.html").read_text(encoding="utf-8")
            assert _count(html) == expected, path + order
            assert html.count('<td class="cat-list__no">') == expected
    home = (leak_site / "index.html").read_text(encoding="utf-8")
    sections, categories = home.split("按主题分类浏览", 1)
    entries = re.findall(r'<li><a href="([^"]+)/">[^<]+</a> <small>\((\d+)\)</small></li>', sections)
    assert {f"{href}/": int(n) for href, n in entries} == PUBLIC_COUNTS
    # 主题分类 across every kind: all of them, then each category; public records only.
    by_category = re.findall(r'<li><a href="([^"]+)/">[^<]+</a> <small>\((\d+)\)</small></li>',
                             categories.split("最新公开", 1)[0])
    assert by_category[0] == ("lists/category", str(sum(PUBLIC_COUNTS.values())))
    assert sum(int(n) for _, n in by_category[1:]) == sum(PUBLIC_COUNTS.values())
    latest = home.split("最新公开", 1)[1]
    assert latest.count('<td class="cat-list__no">') == sum(PUBLIC_COUNTS.values())
    # Facets: only years and categories of public records exist.
    assert not (leak_site / "lists/policies/year/2019").exists()
    assert not (leak_site / "lists/policies/year/2026").exists()
    assert {p.name for p in (leak_site / "lists/fiscal/year").iterdir()} == {"2024"}
    validity = (leak_site / "lists/policies/index.html").read_text(encoding="utf-8")
    facet_counts = [int(n) for n in re.findall(r"<small>\((\d+)\)</small>", validity.split("按有效性浏览")[1])]
    assert sum(facet_counts) == PUBLIC_COUNTS["lists/policies/"]


def test_public_pages_show_hidden_references_only_as_a_count(leak_site):
    interp = (leak_site / record_path(PUBLIC_INTERP) / "index.html").read_text(encoding="utf-8")
    hidden_policies = sum(1 for m in HIDDEN if HIDDEN[m][0] == "policy" and HIDDEN[m][1] != "主动公开")
    assert f"另有 {hidden_policies} 份相关文件未主动公开。" in interp
    policy = (leak_site / record_path(PUBLIC_POLICY) / "index.html").read_text(encoding="utf-8")
    # Amended only by hidden records: the banner names none of them.
    assert "本文件已修改，请以修改后的规定为准。" in policy
    assert policy.count('class="cat-related"') == 1  # 相关解读: the public interpretation only
    old = (leak_site / record_path(PUBLIC_REPEALED) / "index.html").read_text(encoding="utf-8")
    assert "本文件已废止，不再执行。" in old and "cat-related" not in old  # repealed only by hidden records
    assert "cat-key-links" not in old and "起废止" not in old  # no date from a record the public may not see


# -- leaks found by these tests (bugs: see the reasons) --------------------------------------


@pytest.fixture(scope="module")
def leak_bug_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("leakbugs")
    records = {
        "public.md": record_text({
            "index_no": f"{AGENCY}/2024-00001", "title": "公开通知", "kind": "notice", "issuer": "测试厅",
            "category": "工业、交通/公路", "published": dt.date(2024, 3, 5),
            "attachments": ["withheld-record.md"]}, "正文。"),
        "withheld-record.md": record_text({
            "index_no": f"{AGENCY}/2024-00002", "title": "LEAKZQXMDTITLE", "kind": "notice",
            "issuer": "测试厅", "category": "工业、交通/公路", "published": dt.date(2024, 3, 5),
            "disclosure": "不予公开", "withheld_reason": "LEAKZQXMDREASON"}, "LEAKZQXMDBODY"),
        "public-2.md": record_text({
            "index_no": f"{AGENCY}/2024-00004", "title": "公开通知二", "kind": "notice", "issuer": "测试厅",
            "category": "工业、交通/公路", "published": dt.date(2024, 3, 6),
            "attachments": ["files/note.txt"]}, "正文。"),
        "hidden/symlinked.md": record_text({
            "index_no": f"{AGENCY}/2024-00005", "title": "LEAKZQXSYMTITLE", "kind": "notice",
            "issuer": "测试厅", "category": "工业、交通/公路", "published": dt.date(2024, 3, 5),
            "disclosure": "依申请公开", "withheld_reason": "LEAKZQXSYMREASON"}, "LEAKZQXSYMBODY"),
        # The editor first wrote 主动公开, then the review decided 不予公开 and a line was added.
        "disclosure-twice.md": "---\n" + "\n".join([
            f"index_no: {AGENCY}/2024-00003", "title: LEAKZQXDUPTITLE", "kind: notice", "issuer: 测试厅",
            "category: 工业、交通/公路", "published: 2024-03-05", "disclosure: 主动公开",
            "disclosure: 不予公开", "withheld_reason: 第十四条"]) + "\n---\nLEAKZQXDUPBODY\n",
    }
    config = write_project(root, records)
    (root / "catalogue" / "files").mkdir()
    (root / "catalogue" / "files" / "note.txt").symlink_to("../hidden/symlinked.md")  # inside catalogue/
    return build_site(config, site_dir=root / "site", as_of=AS_OF)


def _leaked(site: Path, marker: str) -> list[str]:
    return [rel for rel, data in output_files(site) if marker.encode() in data]


def test_a_record_whose_disclosure_is_given_twice_is_not_published(leak_bug_site):
    assert _leaked(leak_bug_site, "LEAKZQXDUP") == []


def test_a_withheld_record_file_cannot_be_published_as_an_attachment(leak_bug_site):
    # A record's .md file listed as another record's attachment would be
    # published in full (and rendered by MkDocs as an unsanitised page).
    assert _leaked(leak_bug_site, "LEAKZQXMD") == []
    assert not list((leak_bug_site / "attachments").glob("withheld-record*"))


def test_a_withheld_record_cannot_be_published_through_a_symlinked_attachment(leak_bug_site):
    assert _leaked(leak_bug_site, "LEAKZQXSYM") == []


def test_a_catalogue_inside_docs_dir_is_not_published_by_mkdocs(tmp_path):
    text, attachment = hidden_record("LEAKZQXF")
    config = write_project(tmp_path, {"withheld.md": text}, files={"files/LEAKZQXFATTACHMENT.csv": attachment},
                           catalogue_dir="docs/catalogue")
    site = build_site(config, site_dir=tmp_path / "site", as_of=AS_OF)
    assert _leaked(site, "LEAKZQXF") == []


# == 2. Hostile content ====================================================================

HOSTILE_BODY = """正文开始。<script>alert("body-script")</script>

<img src="x" onerror="alert('body-onerror')"> <svg onload="alert('svg')"><circle r="1"/></svg>

<a href="javascript:alert('body-js-link')">js 链接</a> [md 链接](javascript:alert('md-js'))
[大小写](JaVaScRiPt:alert('md-js-case')) [实体](&#106;avascript:alert('entity-js'))
<a href="data:text/html,<script>alert('data')</script>">data 链接</a>
<a href="vbscript:msgbox('vb')">vb</a>

<iframe src="javascript:alert('iframe')"></iframe><object data="x.swf"></object><embed src="x.swf">
<form action="https://evil.example/"><input name="q" onfocus="alert('focus')" autofocus></form>
<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example/">
<style>body { display: none }</style><link rel="stylesheet" href="https://evil.example/x.css">
<p onclick="alert('click')" style="background:url(javascript:alert('style'))">段落</p>
<div><details open ontoggle="alert('toggle')"><summary>摘要</summary></details></div>

外部链接：<a href="https://other.example/page">外部网站</a>、[Markdown 外部链接](https://other.example/md)、
<a href="//other.example/protocol-relative">协议相对</a>、<a href="http://other.example/x" rel="opener" target="_blank">新窗口</a>

实体：&lt;script&gt;alert("entity-escaped")&lt;/script&gt; 与 &amp;lt;b&amp;gt; 与 &#60;i&#62;

模板：{{ config }} {{ config.site_name }} {% for x in config %}{{ x }}{% endfor %} {# 注释 #} {{ 7*7 }}

行内代码 `<script>alert("code")</script>`

```
<script>alert("fenced")</script> {{ config }}
```

| 列 | 值 |
|---|---|
| <script>alert('cell')</script> | <img src=x onerror=alert('cell-img')> |

带属性的段落
{: onclick="alert('attr-list')" onmouseover="alert('attr-list-2')" }

脚注[^1]。

[^1]: <script>alert('footnote')</script>脚注内容。
"""

HOSTILE_TITLE = ('标题<script>alert("title")</script><img src=x onerror=alert("title-img")>'
                 '{{ config }}{% for x in y %}x{% endfor %}&lt;b&gt;&amp;"\'')


def hostile_metadata_record() -> str:
    return record_text({
        "index_no": f"{AGENCY}/2024-00010", "title": HOSTILE_TITLE, "kind": "policy", "doc_type": "其他文件",
        "issuer": ["<b onmouseover=alert('issuer')>机关</b>", "机关\"><script>alert('issuer2')</script>"],
        "doc_no": "文号<script>alert('docno')</script>〔2024〕1号",
        "category": "工业、交通/公路", "written": dt.date(2024, 3, 1), "published": dt.date(2024, 3, 5),
        "keywords": ["\"><script>alert('keyword')</script>", "javascript:alert('keyword2')"],
        "summary": "</title><script>alert('summary')</script>&amp;",
        "interpretation_exempt": "<script>alert('exempt')</script>",
        "attachments": ["files/a'><img src=x onerror=alert('attachment')>.csv"],
    }, "正常正文。")


def _plain(serial: int, title: str, body: str, *attachments: str) -> str:
    """A 主动公开 notice published on 2024-03-``serial``, listing ``attachments``."""
    return record_text({"index_no": f"{AGENCY}/2024-{serial:05d}", "title": title, "kind": "notice",
                        "issuer": "测试厅", "category": "工业、交通/公路", "published": dt.date(2024, 3, serial),
                        **({"attachments": list(attachments)} if attachments else {})}, body)


def build_hostile_bodies(root: Path) -> Path:
    """A site whose record bodies are hostile (what the plugin sanitises)."""
    records = {"hostile-body.md": _plain(1, "恶意正文", HOSTILE_BODY), "plain.md": _plain(2, "普通通知", "普通正文。")}
    return build_site(write_project(root, records), site_dir=root / "site", as_of=AS_OF)


def build_hostile_metadata(root: Path) -> Path:
    """A site whose record metadata (title, issuer, keywords, …) is hostile."""
    records = {"hostile-meta.md": hostile_metadata_record(), "plain.md": _plain(2, "普通通知", "普通正文。")}
    files = {"files/a'><img src=x onerror=alert('attachment')>.csv": b"a,b\n"}
    return build_site(write_project(root, records, files=files), site_dir=root / "site", as_of=AS_OF)


class _Tree(HTMLParser):
    """Elements with attributes, script text, and the text of a chosen subtree."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, subtree_class: str | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None], bool]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False
        self._subtree_class = subtree_class
        self._depth = 0  # > 0 inside the chosen subtree

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        inside = self._depth > 0
        if self._depth:
            self._depth += tag not in self.VOID
        elif self._subtree_class and self._subtree_class in (attributes.get("class") or "").split():
            self._depth = 1
        self.elements.append((tag, attributes, inside))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False
        if self._depth and tag not in self.VOID:
            self._depth -= 1

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        elif self._depth:
            self.text.append(data)


def parse(html: str, subtree_class: str | None = None) -> _Tree:
    tree = _Tree(subtree_class)
    tree.feed(html)
    return tree


# The theme's own print link is the one javascript: URL and event handler on a page.
THEME_HANDLERS = {("href", "javascript:window.print()"), ("onclick", "window.print();return false;")}
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background"}


def executable_bits(html: str) -> list[str]:
    """Anything in a page that would run: handlers, script URLs, scripts from record data."""
    found = []
    tree = parse(html)
    for tag, attrs, _ in tree.elements:
        for name, value in attrs.items():
            value = value or ""
            if (name, value) in THEME_HANDLERS:
                continue
            if name.startswith("on"):
                found.append(f"<{tag} {name}={value!r}>")
            if name in _URL_ATTRIBUTES and re.match(r"\s*(javascript|vbscript|data):", value, re.I):
                found.append(f"<{tag} {name}={value!r}>")
        if tag in ("iframe", "object", "embed", "base") or \
                (tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh"):
            found.append(f"<{tag}>")
        if tag == "form" and re.match(r"\s*([a-z][a-z0-9+.-]*:|//)", attrs.get("action") or "", re.I):
            found.append(f"<form action={attrs['action']!r}>")  # the theme's search form stays on the site
    found += [f"<script>{s[:60]}" for s in tree.scripts if "alert" in s]
    return found


@pytest.fixture(scope="module")
def hostile_bodies(tmp_path_factory) -> Path:
    return build_hostile_bodies(tmp_path_factory.mktemp("hostile-bodies"))


@pytest.fixture(scope="module")
def hostile_metadata(tmp_path_factory) -> Path:
    return build_hostile_metadata(tmp_path_factory.mktemp("hostile-metadata"))


def _body(site: Path, serial: int = 1) -> tuple[str, _Tree]:
    html = (site / record_path(f"{AGENCY}/2024-{serial:05d}") / "index.html").read_text(encoding="utf-8")
    return html, parse(html, "cat-body")


def test_hostile_bodies_lose_everything_executable(hostile_bodies):
    for rel, text in pages(hostile_bodies):
        if rel.endswith(".html"):
            assert executable_bits(text) == [], rel
    html, body = _body(hostile_bodies)
    tags = {tag for tag, _, inside in body.elements if inside}
    assert not tags & {"script", "style", "svg", "iframe", "object", "embed", "form", "input", "link", "meta",
                       "base", "details"}
    assert not [attrs for _, attrs, inside in body.elements if inside and "style" in attrs
                and "url(" in (attrs["style"] or "")]
    assert "<table" in html and "footnote" in html  # Markdown still renders


def test_entities_and_template_syntax_in_bodies_stay_text(hostile_bodies):
    _, body = _body(hostile_bodies)
    text = "".join(body.text)
    assert '<script>alert("entity-escaped")</script>' in text  # shown as text, not a tag
    assert "&lt;b&gt;" in text and "<i>" in text
    for template in ("{{ config }}", "{{ config.site_name }}", "{% for x in config %}", "{# 注释 #}", "{{ 7*7 }}"):
        assert template in text, template
    assert "安全测试" not in text and "49" not in text  # nothing was evaluated
    assert '<script>alert("code")</script>' in text and '<script>alert("fenced")</script>' in text


def test_links_to_other_sites_get_noopener(hostile_bodies):
    _, body = _body(hostile_bodies)
    links = [attrs for tag, attrs, inside in body.elements if inside and tag == "a" and attrs.get("href")]
    external = [a for a in links if re.match(r"(https?:)?//", a["href"])]
    assert len(external) == 4, links
    for a in external:
        assert "noopener" in (a.get("rel") or "").split(), a
        assert "opener" not in (a.get("rel") or "").replace("noopener", "").split(), a


def test_template_syntax_in_metadata_is_never_evaluated(hostile_metadata):
    for rel, text in pages(hostile_metadata):
        assert "site_name" not in text or rel.endswith(".json"), rel  # {{ config }} would print the config
    html = (hostile_metadata / record_path(f"{AGENCY}/2024-00010") / "index.html").read_text(encoding="utf-8")
    assert "{{ config }}{% for x in y %}x{% endfor %}" in html


def test_hostile_metadata_renders_as_text(hostile_metadata):
    bad = {rel: executable_bits(text) for rel, text in pages(hostile_metadata) if rel.endswith(".html")}
    assert not {rel: bits for rel, bits in bad.items() if bits}
    html = (hostile_metadata / record_path(f"{AGENCY}/2024-00010") / "index.html").read_text(encoding="utf-8")
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    # its tags shown as text; its character references read as the CMS page showed them (value-pasted-markup says so)
    assert "".join(parse(f'<div class="t">{h1}</div>', "t").text) == HOSTILE_TITLE.replace("&lt;b&gt;&amp;", "<b>&")


def test_attachments_that_would_run_script_are_refused(tmp_path):
    # Attachments are published byte for byte under the site's origin: an
    # .html or .svg attachment would run script there.
    records = {"a.md": record_text({
        "index_no": f"{AGENCY}/2024-00001", "title": "附件", "kind": "notice", "issuer": "测试厅",
        "category": "工业、交通/公路", "published": dt.date(2024, 3, 5),
        "attachments": ["evil.html", "evil.svg"]}, "正文")}
    files = {"evil.html": b"<script>alert('html-attachment')</script>",
             "evil.svg": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'}
    config = write_project(tmp_path, records, files=files)
    problems = check_catalogue(load_config(config)[0], AS_OF).problems
    assert [(p.file, p.code) for p in problems if p.severity is Severity.ERROR] == [("a.md", "attachment-invalid-path")] * 2
    site = build_site(config, site_dir=tmp_path / "site", as_of=AS_OF)
    assert not (site / "attachments").exists()


# == 3. Hostile files =======================================================================

OUTSIDE_SECRET = "LEAKZQXOUTSIDESECRET"


def _notice(serial: int, **extra) -> str:
    return record_text({"index_no": f"{AGENCY}/2024-{serial:05d}", "title": f"通知{serial}", "kind": "notice",
                        "issuer": "测试厅", "category": "工业、交通/公路",
                        "published": dt.date(2024, 3, 5), **extra}, "正文")


def billion_laughs() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return "---\n" + "\n".join(lines) + "\ntitle: *a9\n---\nlol\n"


HUGE = 50 * 1024 * 1024


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory) -> tuple[Path, Path]:
    """(project root, directory outside it holding the secrets)."""
    root = tmp_path_factory.mktemp("hostile-files")
    outside = root / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(OUTSIDE_SECRET, encoding="utf-8")
    (outside / "secret.md").write_text(_notice(99, title=f"{OUTSIDE_SECRET}TITLE"), encoding="utf-8")
    project = root / "project"
    records = {
        "dotdot.md": _notice(1, attachments=["../../outside/secret.txt"]),
        "dotdot-inside.md": _notice(2, attachments=["files/../../outside/secret.txt"]),
        "absolute.md": _notice(3, attachments=[str(outside / "secret.txt")]),
        "windows.md": _notice(4, attachments=["C:\\outside\\secret.txt"]),
        "link-attachment.md": _notice(5, attachments=["files/secret.txt"]),
        "bomb.md": billion_laughs(),
        "deep.md": "---\ntitle: " + "[" * 10_000 + "]" * 10_000 + "\n---\n",
        "deep-unclosed.md": "---\ntitle: " + "[" * 10_000 + "\n---\n",
        "python-tag.md": "---\ntitle: !!python/object/apply:os.system [\"touch " + str(root / "pwned") + "\"]\n"
                         "kind: !!python/name:os.system\n---\n",
        "ok.md": _notice(6),
    }
    config = write_project(project, records)
    cat = project / "catalogue"
    (cat / "files").mkdir()
    (cat / "files" / "secret.txt").symlink_to(outside / "secret.txt")
    (cat / "link-record.md").symlink_to(outside / "secret.md")
    (cat / "linked-dir").symlink_to(outside, target_is_directory=True)
    with open(cat / "huge.md", "wb") as fh:  # sparse: instant to make, 50 MB to read
        fh.write(b"---\ntitle: big\n---\n")
        fh.truncate(HUGE)
    return config, outside


EXPECTED_FILE_PROBLEMS = {
    "dotdot.md": "attachment-invalid-path",
    "dotdot-inside.md": "attachment-invalid-path",
    "absolute.md": "attachment-invalid-path",
    "windows.md": "attachment-invalid-path",
    "files/secret.txt": "outside-catalogue",
    "link-record.md": "outside-catalogue",
    "linked-dir": "outside-catalogue",
    "link-attachment.md": "attachment-missing",
    "huge.md": "file-too-large",
    "bomb.md": "yaml-alias",
    "deep.md": "yaml-too-deep",
    "deep-unclosed.md": ("yaml-syntax", "yaml-too-deep"),
}


_OPENED: list[str] | None = None


def _audit(event: str, args: tuple) -> None:
    if _OPENED is not None and event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        _OPENED.append(os.fsdecode(args[0]))


sys.addaudithook(_audit)  # audit hooks cannot be removed: it records only while _OPENED is a list


def test_each_hostile_file_gets_a_clear_problem_naming_it_quickly(hostile_files):
    config_file, _ = hostile_files
    config, _ = load_config(config_file)
    start = time.perf_counter()
    result = check_catalogue(config, AS_OF)
    elapsed = time.perf_counter() - start
    codes: dict[str, set[str]] = {}
    for p in result.problems:
        codes.setdefault(p.file, set()).add(p.code)
    for name, code in EXPECTED_FILE_PROBLEMS.items():
        wanted = {code} if isinstance(code, str) else set(code)
        assert wanted & codes.get(name, set()), (name, codes.get(name))
    assert [r.source for r in result.catalogue.records] == ["ok.md"]
    assert elapsed < 5, f"checking the hostile catalogue took {elapsed:.1f} s"


def test_a_huge_file_is_refused_without_being_read(hostile_files):
    global _OPENED
    config_file, _ = hostile_files
    config, _ = load_config(config_file)
    _OPENED = []
    try:
        check_catalogue(config, AS_OF)
    finally:
        opened, _OPENED = _OPENED, None
    assert not [p for p in opened if p.endswith("huge.md")]


@pytest.mark.parametrize("name", ["bomb.md", "deep.md", "deep-unclosed.md"])
def test_yaml_bombs_and_deep_nesting_are_refused_fast(hostile_files, name):
    config_file, _ = hostile_files
    data = (config_file.parent / "catalogue" / name).read_bytes()
    start = time.perf_counter()
    doc, problems = read_source(data, name)
    assert time.perf_counter() - start < 1
    assert problems and all(p.file == name for p in problems)
    assert doc is None or any(p.code in ("yaml-alias", "yaml-too-deep") for p in problems)


def test_the_build_reads_nothing_outside_the_catalogue_and_says_nothing_of_it(hostile_files, tmp_path, caplog):
    global _OPENED
    config_file, outside = hostile_files
    _OPENED = []
    try:
        with caplog.at_level(logging.INFO, logger="mkdocs"):
            site = build_site(config_file, site_dir=tmp_path / "site", as_of=AS_OF)
    finally:
        opened, _OPENED = _OPENED, None
    real_outside = str(outside.resolve())
    assert not [p for p in opened if os.path.realpath(p).startswith(real_outside)]
    assert not (outside.parent / "pwned").exists()
    for rel, data in output_files(site):
        assert OUTSIDE_SECRET.encode() not in data, rel
    assert OUTSIDE_SECRET not in caplog.text
    for name in EXPECTED_FILE_PROBLEMS:
        assert name in caplog.text, f"the build log does not name {name}"
    assert (site / record_path(f"{AGENCY}/2024-00006") / "index.html").is_file()




@pytest.mark.parametrize("front", [
    pytest.param("title: " + "[" * 100_000 + "]" * 100_000, id="flow-closed"),
    pytest.param("title: " + "[{a: " * 50_000, id="flow-unclosed"),
    pytest.param("title:\n" + "- " * 50_000 + "x", id="block-dashes"),
    pytest.param("title:\n" + "-  " * 50_000 + "x", id="block-dashes-two-spaces"),
    pytest.param("title:\n" + "? " * 50_000 + "x", id="complex-keys"),
])
def test_very_deep_nesting_does_not_crash_the_process(front):
    # Run in a child process: the failure mode is a segmentation fault.
    script = ("import sys; from build_tools.source import read_source\n"
              "doc, problems = read_source(sys.stdin.buffer.read(), 'deep.md')\n"
              "print(sorted({p.code for p in problems}), doc is None)\n")
    done = subprocess.run([sys.executable, "-c", script], input=f"---\n{front}\n---\n".encode(),
                          capture_output=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, f"exit status {done.returncode}"
    assert b"yaml-too-deep" in done.stdout or b"yaml-syntax" in done.stdout


# == configuration the site relies on ===========================================================


def test_the_sample_configuration_enables_nothing_that_reads_files_or_runs_templates_in_pages():
    # pymdownx.snippets / markdown-include would let a record body include any
    # file (another record, included); mkdocs-macros would run {{ }} in bodies.
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for dangerous in ("snippets", "markdown_include", "mdx_include", "macros", "include-markdown", "exec"):
        assert dangerous not in text, dangerous


def test_a_file_shared_with_a_withheld_record_that_has_errors_is_not_published(tmp_path):
    # The withheld record lacks its 不公开理由, so it does not validate; the gate cannot read it as
    # withheld, and must still not publish the file it lists (found by an attack review).
    from build_tools.visibility import public_view
    cat = tmp_path / "catalogue"
    (cat / "files").mkdir(parents=True)
    (cat / "files" / "shared.pdf").write_bytes(b"%PDF-1.4\n%SECRETMARK\n%%EOF\n")
    head = "---\nissuer: 江川省交通运输厅\ncategory: 工业、交通/公路\nkind: notice\n"
    (cat / "w.md").write_text(head + "index_no: 015200371/2024-00001\ntitle: 内部通知\npublished: 2024-03-01\n"
                              "disclosure: 不予公开\nattachments: [files/shared.pdf]\n---\n内部。\n", encoding="utf-8")
    (cat / "e.md").write_text(head + "index_no: 015200371/2024-00002\ntitle: 公开通知\npublished: 2024-03-02\n"
                              "attachments: [files/shared.pdf]\n---\n公开。\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - catalogue:\n      agency_code: \"015200371\"\n",
                                         encoding="utf-8")
    config, _ = load_config(tmp_path / "mkdocs.yml")
    result = check_catalogue(config, dt.date(2024, 6, 1))
    assert result.catalogue.get("015200371/2024-00001") is None  # has errors
    public = public_view(result.catalogue, result.graph, dt.date(2024, 6, 1))
    (e,) = public.records
    assert e.attachments == () and "files/shared.pdf" in public.withheld_attachments


# -- personal data: kept off the site until corrected ------------------------------------------------

def _personal_data_project(root: Path, options: str = "") -> Path:
    common = {"kind": "notice", "issuer": "测试厅", "category": "工业、交通/公路"}
    records = {
        "roster.md": record_text({"index_no": f"{AGENCY}/2024-00001", "title": "PRIVZQXATITLE", **common,
                                  "published": dt.date(2024, 3, 1), "summary": "PRIVZQXASUMMARY",
                                  "attachments": ["files/roster.csv"]},
                                 "值班人员 PRIVZQXANAME，手机 <span>139 1234</span> 5678。"),
        "other.md": record_text({"index_no": f"{AGENCY}/2024-00002", "title": "公开通知", **common,
                                 "published": dt.date(2024, 3, 2), "attachments": ["files/roster.csv"]},
                                "见[值班安排](roster.md)。"),
    }
    return write_project(root, records, files={"files/roster.csv": "姓名\nPRIVZQXAFILE\n".encode()},
                         options=options, site_url="https://example.gov.cn/xxgk/")


def test_a_record_with_a_personal_mobile_number_is_not_published_by_a_build_without_strict(tmp_path):
    """check reports the number as an error; a build without --strict publishes the rest and not the
    record, its attachment (shared with a public record) or its name in a link (found by an attack review:
    before, only --strict kept the number off the site)."""
    config = _personal_data_project(tmp_path)
    site = build_site(config, site_dir=tmp_path / "site", as_of=AS_OF)
    files = assert_kept_off(site, b"PRIVZQXA", "139 1234".encode(), b"13912345678", b"roster.md", b"roster.csv")
    assert "见值班安排。" in files["records/015200371_2024-00002/index.html"].decode()


@pytest.mark.parametrize("options", ["      severity: {personal-mobile-number: warning}\n",
                                     "      privacy_allowlist: ['13912345678']\n"])
def test_an_office_that_allows_the_number_publishes_the_record(tmp_path, options):
    config = _personal_data_project(tmp_path, options)
    site = build_site(config, site_dir=tmp_path / "site", as_of=AS_OF)
    assert b"PRIVZQXANAME" in (site / "records/015200371_2024-00001/index.html").read_bytes()



def test_a_personal_number_in_a_pdf_attachment_is_reported_at_its_page_and_keeps_its_record_off(tmp_path, monkeypatch):
    """A 公示 list published as a PDF (the commonest form): its text went into the search index and the
    file out with the site, and check said nothing (PDFs were left to the editors).  Each PDF is read
    once: the search index takes the check's text, and the next check the cache directory's."""
    from build_tools.search import text as search_text
    from tests.test_search import make_pdf
    records = {
        "list.md": _plain(1, "公示名单", "见附件。", "files/gongshi.pdf"),
        "clean.md": _plain(2, "另一通知", "正文。", "files/plain.pdf"),
    }
    config = write_project(tmp_path, records, files={
        "files/gongshi.pdf": make_pdf(["拟录用人员公示 PDFLISTMARK", "赵六 13812345671", "520102199003071236"]),
        "files/plain.pdf": make_pdf(["服务热线 12328 合计 135 2345 6789 万元"])})
    cfg, _ = load_config(config)
    monkeypatch.setattr(search_text, "_PDF_PAGES", {})
    extracted = []
    real = search_text._extract_pages
    monkeypatch.setattr(search_text, "_extract_pages", lambda data: extracted.append(len(data)) or real(data))
    result = check_catalogue(cfg, AS_OF)
    assert [(p.file, p.line, p.key, p.code) for p in result.problems] == [
        ("files/gongshi.pdf", None, "attachments", "personal-id-number"),
        ("files/gongshi.pdf", None, "attachments", "personal-mobile-number")]
    assert all("第 1 页" in p.message for p in result.problems)
    assert len(extracted) == 2
    site = build_site(config, site_dir=tmp_path / "site", as_of=AS_OF)
    assert len(extracted) == 2  # the build's check and its index took the texts read before
    assert_kept_off(site, b"13812345671", "公示名单".encode(), b"gongshi", b"PDFLISTMARK")
    monkeypatch.setattr(search_text, "_PDF_PAGES", {})  # a new process: the cache directory's texts
    assert [p.code for p in check_catalogue(cfg, AS_OF).problems] == ["personal-id-number", "personal-mobile-number"]
    assert len(extracted) == 2



def test_a_pdf_tables_figures_are_no_number_and_an_id_wrapped_in_a_cell_is_one(tmp_path):
    """pypdf joins a table's cells with a space and wraps a narrow cell at any digit (found by a review:
    156 | 2300 | 4500 kept a budget PDF's record off the site, where the same CSV or body passed; an ID
    wrapped over two lines was missed)."""
    from tests.test_search import make_pdf
    records = {
        "table.md": _plain(1, "预算表", "见附件。", "files/table.pdf"),
        "ids.md": _plain(2, "名单", "见附件。", "files/ids.pdf"),
        "letter.md": _plain(3, "公示", "见附件。", "files/letter.pdf"),
    }
    config = write_project(tmp_path, records, files={
        "files/table.pdf": make_pdf(["单位 人数 预算 决算", "厅机关 156 2300 4500", "路政总队 138 2024 1187",
                                     "合计 15234567890.12"]),
        "files/ids.pdf": make_pdf(["赵六 5201021990030", "71236"]),
        # spaced as a person spaces a number: after 电话, or with +86 (a review: missed at first)
        "files/letter.pdf": make_pdf(["关于张三同志的公示", "联系电话：138 1234 5678", "+86 139 1234 5679",
                                      "联系人：欧阳建国（村委会主任） 137 1234 5670"])})
    cfg, _ = load_config(config)
    result = check_catalogue(cfg, AS_OF)
    assert [(p.file, p.code) for p in result.problems] == [
        ("files/ids.pdf", "personal-id-number"), ("files/letter.pdf", "personal-mobile-number"),
        ("files/letter.pdf", "personal-mobile-number"), ("files/letter.pdf", "personal-mobile-number")]


def test_a_pdf_whose_text_cannot_be_read_is_said_not_checked(tmp_path, monkeypatch):
    """An AES-encrypted PDF with an empty password was read by nothing (pypdf needs cryptography, now a
    dependency), and one over the size cap is not read: each is now said, not passed in silence."""
    from build_tools.search import text as search_text
    from tests.test_search import make_pdf
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import DependencyError
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(make_pdf(["名单 王十二 13512345679"]))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    aes = io.BytesIO()
    writer.write(aes)
    records = {"aes.md": _plain(1, "名单", "见附件。", "files/aes.pdf")}
    config = write_project(tmp_path, records, files={"files/aes.pdf": aes.getvalue()})
    cfg, _ = load_config(config)
    monkeypatch.setattr(search_text, "_PDF_PAGES", {})
    assert [(p.file, p.code) for p in check_catalogue(cfg, AS_OF).problems] == [
        ("files/aes.pdf", "personal-mobile-number")]  # read, with cryptography

    def unreadable(data):
        raise DependencyError("cryptography is required for AES algorithm")  # as without cryptography
    monkeypatch.setattr(search_text, "_PDF_PAGES", {})
    monkeypatch.setattr(search_text, "_extract_pages", unreadable)
    problems = check_catalogue(replace(cfg, cache_dir=None), AS_OF).problems
    assert [(p.file, p.code, p.severity) for p in problems] == [("files/aes.pdf", "attachment-not-checked", Severity.WARNING)]
    from build_tools import attachments
    monkeypatch.setattr(attachments, "MAX_TEXT_BYTES", 100)
    from build_tools.checks import privacy
    monkeypatch.setattr(privacy, "MAX_TEXT_BYTES", 100)
    problems = check_catalogue(replace(cfg, cache_dir=None), AS_OF).problems
    assert [(p.code, "大于" in p.message) for p in problems] == [("attachment-not-checked", True)]
    # A scanned PDF (pages without text) is said too (a review: it passed as checked).
    monkeypatch.setattr(attachments, "MAX_TEXT_BYTES", 64 << 20)
    monkeypatch.setattr(privacy, "MAX_TEXT_BYTES", 64 << 20)
    monkeypatch.setattr(search_text, "_extract_pages", lambda data: ("", ""))
    problems = check_catalogue(replace(cfg, cache_dir=None), AS_OF).problems
    assert [(p.code, "扫描" in p.message) for p in problems] == [("attachment-not-checked", True)]
    # A typed cover, then scanned pages (a review): the pages without text are named.
    monkeypatch.setattr(search_text, "_PDF_PAGES", {})
    monkeypatch.setattr(search_text, "_extract_pages", lambda data: ("公示名单 封面", "", ""))
    problems = check_catalogue(replace(cfg, cache_dir=None), AS_OF).problems
    assert [(p.code, "第 2、3 页" in p.message) for p in problems] == [("attachment-not-checked", True)]


def test_a_personal_number_in_a_text_attachment_is_reported_at_its_line_and_keeps_its_records_off(tmp_path):
    """A 公示 list pasted into a CSV attachment is published byte for byte and indexed (found by a
    review: check passed and the CSV and its text went out)."""
    records = {
        "list.md": _plain(1, "公示名单", "见附件。", "files/gongshi.csv"),
        "clean.md": _plain(2, "另一通知", "正文。", "files/plain.txt"),
        "unicode.md": _plain(3, "值班表", "见附件。", "files/zhiban.txt"),
    }
    config = write_project(root := tmp_path, records, files={
        "files/gongshi.csv": "姓名,电话,身份证号\n赵六,13812345671,520102199003071236\n".encode("gb18030"),
        # figures in cells separated by tabs (a sheet saved as text) are no number; Excel's 'Unicode 文本' is read
        "files/plain.txt": "合计 135 2345 6789 万元\n服务热线 12328\n道路养护\t150\t2300\t4500\n".encode(),
        "files/zhiban.txt": "姓名\t电话\r\n张三\t13912345678\r\n".encode("utf-16")},
        site_url="https://example.gov.cn/xxgk/")
    cfg, _ = load_config(config)
    result = check_catalogue(cfg, AS_OF)
    assert [(p.file, p.line, p.key, p.code) for p in result.problems] == [
        ("files/gongshi.csv", 2, "attachments", "personal-id-number"),
        ("files/gongshi.csv", 2, "attachments", "personal-mobile-number"),
        ("files/zhiban.txt", 2, "attachments", "personal-mobile-number")]
    site = build_site(config, site_dir=root / "site", as_of=AS_OF)
    assert_kept_off(site, b"13812345671", "公示名单".encode(), b"gongshi", b"zhiban")
    # One record checked alone shows its attachment's problems (a review: it said 检查通过).
    from build_tools.cli import main
    assert main(["check", str(root / "catalogue" / "list.md"), "--config", str(config),
                 "--as-of", AS_OF.isoformat()]) == 1
