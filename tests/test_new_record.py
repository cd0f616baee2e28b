"""``catalogue new KIND``: the next free index number, today's date, placeholders the check reports."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from build_tools.cli import main
from build_tools.model.fields import Kind
from build_tools.model.writing import PLACEHOLDER
from build_tools.clock import china_today as today_in_china
from build_tools.new_record import document_name, write_new_record
from tests.test_validate import covers

ORG = "015200371"
AS_OF = "2026-01-20"
GANSU = r"^GS(?P<unit>\d{4})-GK(?P<cat>\d{3})-(?P<date>\d{8})-(?P<serial>\d{6})$"


def rec(index_no: str, published: str = "2025-03-05", **fields) -> str:
    values = {"index_no": index_no, "title": f"关于{index_no}的通知", "kind": "policy", "doc_type": "其他文件",
              "issuer": "江川省交通运输厅", "category": "综合政务", "published": published, **fields}
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in values.items() if v is not None) + "---\n正文。\n"


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A project folder (mkdocs.yml, catalogue/) as the current directory; returns a writer of files."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "catalogue").mkdir()

    def write(files: dict[str, str], options: str = f'agency: 江川省交通运输厅\n      agency_code: "{ORG}"\n'):
        (tmp_path / "mkdocs.yml").write_text(f"plugins:\n  - catalogue:\n      {options}", encoding="utf-8")
        for name, content in files.items():
            path = tmp_path / "catalogue" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
        return tmp_path
    return write


def new(capsys, *args: str, as_of: str = AS_OF) -> tuple[int, str, str]:
    code = main(["new", *args, "--as-of", as_of])
    out, err = capsys.readouterr()
    return code, out, err


def written(out: str) -> Path:
    """The file ``catalogue new`` names on its first line."""
    return Path(out.splitlines()[0])


def problems_of(capsys, path: Path, as_of: str = AS_OF) -> list[tuple[int | None, str | None, str]]:
    main(["check", "--format", "json", "--as-of", as_of])
    out = capsys.readouterr().out
    rel = path.relative_to("catalogue").as_posix()
    return [(p["line"], p["key"], p["code"]) for p in json.loads(out) if p["file"] == rel]


FILLED = {"title": "江川省交通运输厅关于做好春运工作的通知", "doc_type": "其他文件", "category": "综合政务",
          "issuer": "江川省交通运输厅", "approved": "2026-01-10", "interprets": f"[{ORG}/2025-00003]"}


def fill(path: Path, **values: str) -> None:
    """Replace every placeholder as an editor would: a real value per field, a body of text."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        key = line.split(":", 1)[0]
        if PLACEHOLDER.search(line):
            line = f"{key}: {values.get(key, FILLED.get(key))}" if key in FILLED else "本通知自印发之日起施行。"
        lines.append(line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# -- every kind ---------------------------------------------------------------------------------------

KIND_ARGS = {
    "policy": [], "interpretation": ["--interprets", f"{ORG}/2025-00003"], "budget": [],
    "final-account": [], "annual-report": [], "notice": [],
}


@pytest.mark.parametrize("kind", [k.value for k in Kind])
def test_every_kind_is_written_reported_until_filled_then_passes(site, capsys, kind):
    site({"policies/2025-00003-a.md": rec(f"{ORG}/2025-00003")})
    code, out, _ = new(capsys, kind, *KIND_ARGS[kind])
    assert code == 0
    path = written(out)
    folder = {"policy": "policies", "interpretation": "interpretations", "budget": "budgets",
              "final-account": "budgets", "annual-report": "reports", "notice": "notices"}[kind]
    assert path.parent == Path("catalogue", folder)
    assert re.fullmatch(r"2026-00001-[a-z0-9-]+\.md", path.name)
    text = path.read_text(encoding="utf-8")
    assert f"index_no: {ORG}/2026-00001\n" in text and f"kind: {kind}\n" in text
    assert "published: 2026-01-20\n" in text  # today (China time), here fixed by --as-of
    assert "请填写" in out.splitlines()[1]
    found = problems_of(capsys, path)
    assert found and {c for _, _, c in found} == {"placeholder-unfilled"}
    assert len(found) == len(PLACEHOLDER.findall(text))
    fill(path)
    if kind == "annual-report":  # its tables are the office's to write: a body of text alone was published with a
        # build-day 表二 and blank 表三/表四, the check clean (a review); in statistics, or typed in the text
        year_line = next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                         if line.startswith("fiscal_year:"))
        assert problems_of(capsys, path) == [(year_line, "statistics", "annual-report-unfilled")]
        path.write_text(path.read_text(encoding="utf-8") + "\n| 本年新收 | 办理结果总计 |\n|---|---|\n| 3 | 3 |\n",
                        encoding="utf-8")
    assert problems_of(capsys, path) == []


@covers("placeholder-unfilled")
def test_placeholders_are_reported_by_field_and_line_and_still_load(site, capsys):
    site({})
    _, out, _ = new(capsys, "policy")
    path = written(out)
    lines = path.read_text(encoding="utf-8").splitlines()

    def line_of(prefix):
        return next(i for i, t in enumerate(lines, 1) if t.startswith(prefix))
    assert problems_of(capsys, path) == [
        (line_of("title:"), "title", "placeholder-unfilled"),
        (line_of("doc_type:"), "doc_type", "placeholder-unfilled"),
        (line_of("category:"), "category", "placeholder-unfilled"),
        (line_of("（待填写"), None, "placeholder-unfilled")]
    # Other mistakes show beside the placeholders: the record is read, not refused.
    path.write_text(path.read_text(encoding="utf-8").replace("published: 2026-01-20", "published: 2026-02-30"),
                    encoding="utf-8")
    assert ("invalid-date" in {c for _, _, c in problems_of(capsys, path)})
    assert "placeholder-unfilled" in {c for _, _, c in problems_of(capsys, path)}


def test_an_unfilled_record_never_reaches_the_site(site, capsys):
    from build_tools.config import load_config
    from build_tools.pipeline import check_catalogue
    site({})
    _, out, _ = new(capsys, "notice")
    config, _ = load_config("mkdocs.yml")
    index_no = f"{ORG}/2026-00001"
    assert f"index_no: {index_no}" in written(out).read_text(encoding="utf-8")
    assert check_catalogue(config, dt.date(2026, 1, 20)).catalogue.get(index_no) is None
    fill(written(out))
    assert check_catalogue(config, dt.date(2026, 1, 20)).catalogue.get(index_no) is not None


def test_without_as_of_the_date_is_today_in_china(site, capsys):
    site({})
    assert main(["new", "notice"]) == 0
    out = capsys.readouterr().out
    assert f"published: {today_in_china().isoformat()}\n" in written(out).read_text(encoding="utf-8")


def test_national_style_without_agency_code_needs_configuration(site, capsys):
    site({}, "agency: 江川省交通运输厅\n")
    code, out, err = new(capsys, "policy")
    assert code == 2 and out == "" and "agency_code" in err and len(err.strip().splitlines()) == 1


def test_message_says_what_to_write(site, capsys):
    site({})
    _, out, _ = new(capsys, "notice")
    main(["check", "--format", "json", "--as-of", AS_OF])
    title = next(p for p in json.loads(capsys.readouterr().out) if p["key"] == "title")
    assert "（待填写：标题）" in title["message"] and "请换成真实内容" in title["message"]
    assert "title:" in title["hint"]


def test_interpretation_without_a_policy_yet(site, capsys):
    site({})
    _, out, _ = new(capsys, "interpretation")
    found = problems_of(capsys, written(out))
    assert {(k, c) for _, k, c in found} == {("title", "placeholder-unfilled"), ("interprets", "placeholder-unfilled"),
                                            ("category", "placeholder-unfilled"), (None, "placeholder-unfilled")}


def test_kind_may_be_named_in_chinese(site, capsys):
    site({})
    code, out, _ = new(capsys, "政策解读")
    assert code == 0 and "kind: interpretation" in written(out).read_text(encoding="utf-8")


# -- index numbers ---------------------------------------------------------------------------------------


def test_next_number_follows_the_highest_and_never_fills_a_gap(site, capsys):
    site({f"policies/{n}.md": rec(f"{ORG}/2026-{n:05d}", published="2026-01-05") for n in (1, 2, 7)})
    _, out, _ = new(capsys, "notice")
    assert written(out).name.startswith("2026-00008-")
    assert f"index_no: {ORG}/2026-00008" in written(out).read_text(encoding="utf-8")
    _, out, _ = new(capsys, "notice")  # and the next one after that
    assert written(out).name.startswith("2026-00009-")


def test_retired_withheld_and_broken_records_count(site, capsys):
    site({
        "a.md": rec(f"{ORG}/2026-00001", published="2026-01-05"),
        "repealed.md": rec(f"{ORG}/2026-00004", published="2026-01-05", validity="已废止"),
        "withheld.md": rec(f"{ORG}/2026-00006", published="2026-01-05", disclosure="不予公开",
                           withheld_reason="《政府信息公开条例》第十六条第二款，过程性信息"),
    })
    _, out, _ = new(capsys, "notice")
    assert f"{ORG}/2026-00007" in out
    site({"invalid.md": rec(f"{ORG}/2026-00011", published="2026-02-30")})  # an error, but its number is legible
    _, out, _ = new(capsys, "notice")
    assert f"{ORG}/2026-00012" in out
    site({"unparseable.md": f"---\nindex_no: {ORG}/2026-00020\ntitle: [unclosed\n---\n正文\n"})
    _, out, _ = new(capsys, "notice")
    assert f"{ORG}/2026-00021" in out


@pytest.mark.parametrize("name", ["a.md。", "a.md.txt", "a.ｍｄ", "a.md.bak", ".neibu/a.md"])
def test_a_record_under_a_name_that_is_none_keeps_its_number(site, capsys, name):
    """A record saved as x.md。 (the Chinese input method's full stop) is not read as one, but its number is
    taken: the next record took it, and the two collided once the file was renamed (a review)."""
    site({"a1.md": rec(f"{ORG}/2026-00001", published="2026-01-05"),
          name: rec(f"{ORG}/２０２６-０００09", published="2026-01-05")})
    _, out, _ = new(capsys, "notice")
    assert f"{ORG}/2026-00010" in out


def test_year_boundary_restarts_the_serial(site, capsys):
    site({"policies/2025-00041-a.md": rec(f"{ORG}/2025-00041", published="2025-12-30")})
    _, out, _ = new(capsys, "notice", as_of="2025-12-31")
    assert f"{ORG}/2025-00042" in out and written(out).name.startswith("2025-00042-")
    _, out, _ = new(capsys, "notice", as_of="2026-01-04")
    assert f"{ORG}/2026-00001" in out and written(out).name.startswith("2026-00001-")


def test_national_style_with_an_empty_catalogue(site, capsys):
    site({})
    _, out, _ = new(capsys, "notice")
    assert f"{ORG}/2026-00001" in out


GANSU_OPTIONS = f"agency: 甘肃省交通运输厅\n      index_no_pattern: '{GANSU}'\n"


def test_local_style_gansu(site, capsys):
    site({"policies/a.md": rec("GS0018-GK068-20250130-000010", published="2025-01-30")}, GANSU_OPTIONS)
    _, out, _ = new(capsys, "notice", as_of="2025-06-03")
    path = written(out)
    assert "GS0018-GK068-20250603-000011" in path.read_text(encoding="utf-8")
    assert path.name.startswith("2025-000011-")
    fill(path)
    assert problems_of(capsys, path, as_of="2025-06-03") == []
    _, out, _ = new(capsys, "notice", as_of="2026-01-05")  # the date group holds the year: restart
    assert "GS0018-GK068-20260105-000001" in out


def test_local_style_written_date(site, capsys):
    """index_no_date_field: written: the record carries the date its number holds."""
    site({"policies/a.md": rec("GS0018-GK068-20250130-000010", published="2025-02-03", written="2025-01-30")},
         GANSU_OPTIONS + "      index_no_date_field: written\n")
    _, out, _ = new(capsys, "notice", as_of="2025-06-03")
    text = written(out).read_text(encoding="utf-8")
    assert "GS0018-GK068-20250603-000011" in text and "written: 2025-06-03" in text


def test_local_style_empty_catalogue_needs_an_example(site, capsys):
    site({}, GANSU_OPTIONS)
    code, out, err = new(capsys, "notice")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert "index_no_example" in err and "unit" in err and "Traceback" not in err
    site({}, GANSU_OPTIONS + '      index_no_example: "GS0018-GK068-20180130-000010"\n')
    code, out, _ = new(capsys, "notice")
    assert code == 0 and "GS0018-GK068-20260120-000001" in out


def test_pattern_without_a_serial_is_a_plain_error(site, capsys):
    site({}, 'index_no_pattern: "^(?P<org>[0-9]{9})/(?P<year>[0-9]{4})-[0-9]{5}$"\n')
    code, out, err = new(capsys, "policy")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert "serial" in err and "index_no_pattern" in err and "Traceback" not in err
    assert not list(Path("catalogue").rglob("*.md"))


# -- links -----------------------------------------------------------------------------------------------------


def test_interprets_links_and_titles_after_the_policy(site, capsys):
    site({"policies/2025-00003-gonglu-yanghu.md": rec(
        f"{ORG}/2025-00003", title="江川省交通运输厅关于印发《江川省农村公路养护办法》的通知",
        category="工业、交通/公路")})
    _, out, _ = new(capsys, "interpretation", "--interprets", f"{ORG}/2025-00003")
    path = written(out)
    assert path.name == "2026-00001-jiedu-gonglu-yanghu.md"
    text = path.read_text(encoding="utf-8")
    assert "title: 《江川省农村公路养护办法》政策解读\n" in text
    assert f"interprets: [{ORG}/2025-00003]\n" in text
    assert "category: 工业、交通/公路\n" in text
    assert problems_of(capsys, path) == [(text.splitlines().index("（待填写：正文）") + 1, None, "placeholder-unfilled")]


def test_an_interpretation_of_a_policy_not_yet_published_is_dated_with_it(site, capsys):
    """Dated today, it would publish the policy's title before the policy (a review)."""
    site({"policies/a.md": rec(f"{ORG}/2026-00001", published="2026-02-03",
                                title="江川省交通运输厅关于调整货车通行费标准的通知")})
    _, out, err = new(capsys, "interpretation", "--interprets", f"{ORG}/2026-00001")
    text = written(out).read_text(encoding="utf-8")
    assert "published: 2026-02-03\n" in text and "2026-02-03 才公开" in err, text
    fill(written(out), 正文="为便于理解，现解读如下。")
    assert problems_of(capsys, written(out)) == []


def test_an_interpretation_of_a_withheld_policy_does_not_take_its_title(site, capsys):
    site({"policies/a.md": rec(f"{ORG}/2025-00003", title="江川省交通运输厅关于印发《内部调整方案》的通知",
                                disclosure="依申请公开", withheld_reason="条例第十六条第一款")})
    _, out, err = new(capsys, "interpretation", "--interprets", f"{ORG}/2025-00003")
    text = written(out).read_text(encoding="utf-8")
    assert "内部调整方案" not in text and "title: （待填写：标题）" in text
    assert "没有沿用它的标题" in err


@pytest.mark.parametrize("title, name", [
    ("江川省交通运输厅关于印发《江川省农村公路养护办法》的通知", "江川省农村公路养护办法"),
    ("江川省交通运输厅关于修改《江川省网约车细则》的决定", "关于修改《江川省网约车细则》的决定"),
    ("江川省交通运输厅关于进一步规范道路客运班线经营许可的通知", "关于进一步规范道路客运班线经营许可的通知"),
    ("江川省公路路政管理规定", "江川省公路路政管理规定"),
])
def test_document_name(title, name):
    assert document_name(title) == name


def test_title_given_is_used_as_is(site, capsys):
    site({"policies/a.md": rec(f"{ORG}/2025-00003")})
    _, out, _ = new(capsys, "interpretation", "--interprets", f"{ORG}/2025-00003", "--title", "一图读懂：春运")
    assert "title: 一图读懂：春运\n" in written(out).read_text(encoding="utf-8")


def test_unknown_interprets_target_names_the_number_and_close_matches(site, capsys):
    site({"policies/a.md": rec(f"{ORG}/2025-00003")})
    code, out, err = new(capsys, "interpretation", "--interprets", f"{ORG}/2025-00008")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert f"{ORG}/2025-00008" in err and f"{ORG}/2025-00003" in err and "Traceback" not in err
    assert not list(Path("catalogue/interpretations").glob("*.md")) if Path("catalogue/interpretations").exists() else True


@pytest.mark.parametrize("between", ["、", "，", ",", "；", "; ", " "])
def test_numbers_given_in_one_argument_as_the_office_writes_a_list_are_each_linked(site, capsys, between):
    """--interprets "A、B", copied from a record (check reads a record's so): it was "目录中没有这个索引号" for the whole,
    though both were there, and a third policy was offered first (a review)."""
    site({"policies/a.md": rec(f"{ORG}/2024-00006"), "policies/b.md": rec(f"{ORG}/2024-00003"),
          "policies/c.md": rec(f"{ORG}/2025-00003"), "policies/d.md": rec(f"{ORG}/2025-00004")})
    code, out, err = new(capsys, "interpretation", "--interprets", f"{ORG}/2024-00006{between}{ORG}/2024-00003")
    assert code == 0, err
    assert f"interprets: [{ORG}/2024-00006, {ORG}/2024-00003]\n" in written(out).read_text(encoding="utf-8")
    code, out, err = new(capsys, "policy", "--repeals", f"{ORG}/2025-00003{between}{ORG}/2025-00004{between}{ORG}/2025-00003")
    assert code == 0, err
    assert f"repeals: [{ORG}/2025-00003, {ORG}/2025-00004]\n" in written(out).read_text(encoding="utf-8")


def test_only_a_number_one_slip_away_is_offered_and_with_its_title(site, capsys):
    """Alike by difflib's measure (the shared 015200371/20), another year's policy was offered first; the numbers
    offered were joined by 、 (a review)."""
    site({"policies/a.md": rec(f"{ORG}/2024-00006", title="关于规范道路客运班线经营许可的通知"),
          "policies/b.md": rec(f"{ORG}/2025-00003", title="行政处罚裁量基准"),
          "policies/c.md": rec(f"{ORG}/2024-00013", title="公路路政管理规定")})
    code, _, err = new(capsys, "interpretation", "--interprets", f"{ORG}/2024-00008")
    assert code == 2 and f"你是不是想写 {ORG}/2024-00006（关于规范道路客运班线经营许可的通知）？" in err
    assert "2025-00003" not in err and "2024-00013" not in err
    code, _, err = new(capsys, "interpretation", "--interprets", f"{ORG}/2024-00031")  # two digits swapped
    assert code == 2 and f"{ORG}/2024-00013（公路路政管理规定）？" in err and "2024-00006" not in err


def test_interprets_must_name_a_policy_and_is_for_interpretations_only(site, capsys):
    site({"policies/a.md": rec(f"{ORG}/2025-00003"),
          "notices/b.md": rec(f"{ORG}/2025-00004", kind="notice", doc_type=None)})
    code, _, err = new(capsys, "interpretation", "--interprets", f"{ORG}/2025-00004")
    assert code == 2 and "通知公告" in err and "政策文件" in err
    code, _, err = new(capsys, "policy", "--interprets", f"{ORG}/2025-00003")
    assert code == 2 and "--interprets" in err and "interpretation" in err


def test_amends_and_repeals(site, capsys):
    site({"policies/a.md": rec(f"{ORG}/2025-00003"), "policies/b.md": rec(f"{ORG}/2025-00004"),
          "policies/c.md": rec(f"{ORG}/2025-00005")})
    code, out, err = new(capsys, "policy", "--amends", f"{ORG}/2025-00003", "--repeals", f"{ORG}/2025-00004",
                         f"{ORG}/2025-00005")
    assert code == 0
    text = written(out).read_text(encoding="utf-8")
    assert f"amends: [{ORG}/2025-00003]\n" in text
    assert f"repeals: [{ORG}/2025-00004, {ORG}/2025-00005]\n" in text
    assert "已废止" in err and "已修改" in err  # the old records are to be marked
    code, _, err = new(capsys, "policy", "--repeals", f"{ORG}/2019-00001")
    assert code == 2 and f"{ORG}/2019-00001" in err


# -- errors and safety ---------------------------------------------------------------------------------------


def test_unknown_kind_lists_the_valid_ones(site, capsys):
    site({})
    code, out, err = new(capsys, "circular")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    for k in Kind:
        assert k.value in err


def test_never_overwrites(site, capsys, tmp_path):
    site({"policies/2026-00001-zhengce.md": "not a record, but somebody's file\n"})
    _, out, _ = new(capsys, "policy")
    assert written(out).name == "2026-00001-zhengce-2.md"
    assert (tmp_path / "catalogue/policies/2026-00001-zhengce.md").read_text() == "not a record, but somebody's file\n"


def test_write_refuses_an_existing_file(site, capsys, tmp_path):
    from build_tools.config import load_config
    from build_tools.new_record import plan_new_record
    site({})
    config, _ = load_config("mkdocs.yml")
    plan = plan_new_record(config, Kind.NOTICE, dt.date(2026, 1, 20))
    plan.path.parent.mkdir(parents=True)
    plan.path.write_text("editor's work\n", encoding="utf-8")  # appeared between planning and writing
    with pytest.raises(FileExistsError):
        write_new_record(plan)
    assert plan.path.read_text(encoding="utf-8") == "editor's work\n"


def test_follows_the_catalogues_own_layout(site, capsys):
    site({"zhengce/2025/00012.md": rec(f"{ORG}/2025-00012"), "wenjian/2025/00013.md": rec(f"{ORG}/2025-00013",
                                                                                            kind="notice", doc_type=None)})
    _, out, _ = new(capsys, "policy")
    assert written(out).parent == Path("catalogue/zhengce/2026")  # a folder per year: this year's
    _, out, _ = new(capsys, "notice")
    assert written(out).parent == Path("catalogue/wenjian/2026")
    _, out, _ = new(capsys, "budget")
    assert written(out).parent == Path("catalogue/budgets")  # no budget yet: the default folder


def test_today_is_china_time():
    utc = dt.timezone.utc
    assert today_in_china(dt.datetime(2025, 12, 31, 16, 30, tzinfo=utc)) == dt.date(2026, 1, 1)
    assert today_in_china(dt.datetime(2025, 12, 31, 15, 59, tzinfo=utc)) == dt.date(2025, 12, 31)


def test_placeholder_unfilled_cannot_be_switched_off(site, capsys):
    # severity may soften other codes; a placeholder on the public site would be a broken promise.
    site({}, options=f'agency: 江川省交通运输厅\n      agency_code: "{ORG}"\n'
                     "      severity:\n        placeholder-unfilled: \"off\"\n")
    from build_tools.config import load_config
    _, problems = load_config("mkdocs.yml")
    assert [(p.code, p.key) for p in problems] == [("config-invalid", "severity.placeholder-unfilled")]
    assert "占位文字不能发布" in problems[0].message


# -- attacks (found by a review): what an office's files and terminals produce ---------------------


def test_a_crlf_record_with_a_yaml_error_still_holds_its_number(site, capsys):
    site({})
    Path("catalogue/broken.md").write_bytes(
        f'---\r\nindex_no: "{ORG}/2026-00070"\r\ntitle: x: y\r\n---\r\nbody\r\n'.encode())
    _, out, _ = new(capsys, "policy")
    assert f"index_no: {ORG}/2026-00071" in written(out).read_text(encoding="utf-8")


def test_a_title_that_cannot_be_saved_is_refused_and_leaves_no_file(site, capsys):
    site({})
    code, out, err = new(capsys, "policy", "--title", b"\xb9\xd8\xd3\xda".decode("utf-8", "surrogateescape"))
    assert code == 2 and "UTF-8" in err and out == ""
    assert list(Path("catalogue").rglob("*.md")) == []


@pytest.mark.parametrize("title", ["第一行\n第二行", "甲\n---\n乙"])
def test_a_title_with_a_line_break_stays_in_the_front_matter(site, capsys, title):
    site({})
    _, out, _ = new(capsys, "notice", "--title", title)
    problems = problems_of(capsys, written(out))
    assert {code for _, key, code in problems if key == "title"} == {"not-single-line"}  # read back whole
    assert {key for _, key, _ in problems} <= {"title", "category", None}  # the other fields still in place


def test_a_title_with_a_unicode_line_separator_is_written_escaped(site, capsys):
    site({})
    _, out, _ = new(capsys, "notice", "--title", "甲\u2028乙")
    assert 'title: "甲\\u2028乙"\n' in written(out).read_text(encoding="utf-8")


def test_without_agency_code_another_offices_number_does_not_lend_its_prefix(site, capsys):
    site({"a.md": rec(f"{ORG}/2026-00003"), "b.md": rec(f"{ORG}/2026-00005"), "c.md": rec("115200000/2026-00090")},
         options="agency: 江川省交通运输厅\n")
    _, out, _ = new(capsys, "notice")
    assert f"index_no: {ORG}/2026-00006" in written(out).read_text(encoding="utf-8")


def test_a_folder_of_the_catalogue_given_as_the_catalogue_is_refused(site, capsys):
    """``new policy --catalogue catalogue/policies`` numbered from that folder alone and handed out a number an
    interpretation elsewhere had (an attack review): a number, like a count, is the whole catalogue's."""
    root = site({"policies/a.md": rec(f"{ORG}/2026-00005"),
                 "interpretations/b.md": rec(f"{ORG}/2026-00006", kind="interpretation", doc_type=None,
                                             interprets=f"[{ORG}/2026-00005]")})
    code, out, err = new(capsys, "policy", "--catalogue", "catalogue/policies")
    assert code == 2 and out == "" and "只是记录目录" in err and "--catalogue catalogue" in err
    assert sorted(p.name for p in (root / "catalogue" / "policies").iterdir()) == ["a.md"]
    code, out, err = new(capsys, "policy", "--catalogue", "catalogue")
    assert code == 0 and f"{ORG}/2026-00007" in out


@pytest.mark.parametrize("pasted", ["关于公路养护\t的通知\r", "关于公路\u200b养护的通知", "关于公路养护的通知\n", "\ufeff关于公路养护的通知\x0b"])
def test_a_title_pasted_with_tabs_breaks_or_invisible_characters_is_written_clean(site, capsys, pasted):
    """A pasted tab was written "…\\t", which the check then told the editor was a backslash typed by mistake; a
    zero-width space was written and accepted (a review)."""
    site({})
    _, out, _ = new(capsys, "notice", "--title", pasted)
    written_text = written(out).read_text(encoding="utf-8")
    assert "title: 关于公路养护的通知\n" in written_text
