"""`catalogue report` and `catalogue build` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from build_tools.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_report_json_lists_every_policy_with_its_interpretation_status(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["report", "--format", "json", "--as-of", "2026-11-20"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["as_of"] == "2026-11-20" and report["errors"] == 0
    policies = {p["index_no"]: p for p in report["policies"]}
    keyun = policies["015200371/2024-00006"]
    # Published 2024-09-27; 国庆 2024 makes the 3rd working day 2024-10-08.
    assert keyun["due"] == "2024-10-08" and keyun["status"] == "解读及时"
    assert "015200371/2024-00007" in keyun["interpretations"]
    assert {p["status"] for p in report["policies"]} <= {"解读及时", "无需解读", "已解读"}


def test_report_text_names_missing_interpretations(tmp_path, capsys):
    cat = tmp_path / "catalogue"
    cat.mkdir()
    (cat / "p.md").write_text(
        "---\nindex_no: 015200371/2024-00001\ntitle: 某规范性文件\nkind: policy\ndoc_type: 行政规范性文件\n"
        "issuer: 某厅\ncategory: 工业、交通/公路\npublished: 2024-09-27\n---\n正文\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - catalogue\n", encoding="utf-8")
    assert main(["report", "--config", str(tmp_path / "mkdocs.yml"), "--as-of", "2024-10-09"]) == 0
    out = capsys.readouterr().out
    assert "缺少政策解读（missing-interpretation，错误）：1" in out
    assert "015200371/2024-00001  缺少解读，期限 2024-10-08" in out


def test_report_masks_a_number_a_title_holds(tmp_path, capsys):
    """The workflow writes the report into the job summary, which people read who may not read the files: a title
    holding an ID or a mobile number (kept off the site by the check) was printed in clear (a review)."""
    cat = tmp_path / "catalogue"
    cat.mkdir()
    (cat / "p.md").write_text(
        "---\nindex_no: 015200371/2024-00001\ntitle: 关于张三（110101199003071233）的规范性文件\nkind: policy\n"
        "doc_type: 行政规范性文件\nissuer: 某厅\ncategory: 工业、交通/公路\npublished: 2024-09-27\n---\n正文\n",
        encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - catalogue\n", encoding="utf-8")
    for form in ("text", "json"):
        main(["report", "--config", str(tmp_path / "mkdocs.yml"), "--as-of", "2024-10-09", "--format", form])
        out = capsys.readouterr().out
        assert "110101199003071233" not in out and "110101********1233" in out, out


def test_report_reads_a_project_folder_as_check_does(tmp_path, capsys, monkeypatch):
    """``catalogue report PROJECT``: its docs pages and mkdocs.yml were counted as broken records (7 errors
    where check gave 3: found by an audit).  A project folder's own mkdocs.yml names its catalogue."""
    project = tmp_path / "project"
    (project / "catalogue").mkdir(parents=True)
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    (project / "catalogue" / "p.md").write_text(
        "---\nindex_no: 015200371/2024-00001\ntitle: 某规范性文件\nkind: policy\ndoc_type: 行政规范性文件\n"
        "issuer: 某厅\ncategory: 工业、交通/公路\npublished: 2024-09-27\n---\n正文\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text("site_name: 测试\nplugins:\n  - catalogue\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "project", "--format", "json", "--as-of", "2024-10-09"]) == 1
    checked = json.loads(capsys.readouterr().out)
    assert main(["report", "project", "--format", "json", "--as-of", "2024-10-09"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["records"] == 1 and report["errors"] == len(checked) == 1
    assert main(["report", "project/catalogue/p.md"]) == 2
    assert "不写单个记录" in capsys.readouterr().err


def test_build_honours_catalogue_site_dir_and_as_of(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    site = tmp_path / "site"
    assert main(["build", "--site-dir", str(site), "--as-of", "2020-01-01"]) == 0
    built = sorted(p.name for p in (site / "records").iterdir())
    # Only records published by 2020-01-01 exist (four in the sample catalogue).
    assert built == ["015200371_2019-00001", "015200371_2019-00002", "015200371_2019-00003",
                     "015200371_2019-00004"]


def test_build_without_config_says_so(tmp_path, capsys):
    assert main(["build", "--config", str(tmp_path / "missing.yml")]) == 2
    assert "找不到配置文件" in capsys.readouterr().err
