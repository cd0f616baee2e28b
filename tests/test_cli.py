"""`catalogue check` from the command line: output formats and exit codes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from build_tools.cli import main
from build_tools.formats import FLOOD

AGENCY = "015200371"
ROOT = Path(__file__).resolve().parent.parent


def rec(n: int, **fields) -> str:
    values = {"index_no": f"{AGENCY}/2024-{n:05d}", "title": f"第{n}号通知", "kind": "policy",
              "doc_type": "其他文件", "issuer": "江川省交通运输厅", "category": "综合政务",
              "published": "2024-03-05", **fields}
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in values.items() if v is not None) + "---\n正文。\n"


BAD_DATE = rec(1, published="2024-02-30")           # error at line 8, key published
WARN_ONLY = rec(90, doc_no="江交办2024年第5号文")    # doc-no-format warning at line 9


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A repository with mkdocs.yml and catalogue/, the current directory (as in CI)."""
    (tmp_path / "mkdocs.yml").write_text(
        f'plugins:\n  - catalogue:\n      agency_code: "{AGENCY}"\n', encoding="utf-8")
    (tmp_path / "catalogue").mkdir()
    monkeypatch.chdir(tmp_path)

    def write(files: dict[str, str | bytes]) -> Path:
        for name, content in files.items():
            path = tmp_path / "catalogue" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return tmp_path
    return write


def check(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["check", "--as-of", "2024-06-01", *args])
    out, err = capsys.readouterr()
    return code, out, err


# --- exit codes -------------------------------------------------------------------------------------

def test_clean_catalogue_exits_0(site, capsys):
    site({"policies/a.md": rec(1)})
    code, out, err = check(capsys, "--format", "json")
    assert code == 0 and json.loads(out) == []


def test_warnings_only_exit_0(site, capsys):
    site({"policies/a.md": WARN_ONLY, "stray.txt": "x"})
    code, out, _ = check(capsys, "--format", "json")
    assert code == 0
    assert {p["severity"] for p in json.loads(out)} == {"warning"}


def test_errors_exit_1(site, capsys):
    site({"policies/a.md": BAD_DATE, "policies/b.md": WARN_ONLY})
    assert check(capsys, "--format", "json")[0] == 1


@pytest.mark.parametrize("fmt", ["text", "json", "github", "junit"])
def test_exit_code_does_not_depend_on_the_format(site, capsys, fmt):
    site({"a.md": BAD_DATE})
    assert check(capsys, "--format", fmt)[0] == 1


def test_severity_override_can_turn_an_error_into_a_warning(site, capsys, tmp_path):
    """An error that does not decide what is published (invalid-date did: its record is never published, whatever
    its severity, and may not be lowered)."""
    site({"a.md": rec(1, doc_no="江交发〔2024〕1号"), "b.md": rec(2, doc_no="江交发〔2024〕1号")})
    (tmp_path / "mkdocs.yml").write_text(
        f'plugins:\n  - catalogue:\n      agency_code: "{AGENCY}"\n      severity:\n        duplicate-doc-no: warning\n',
        encoding="utf-8")
    code, out, _ = check(capsys, "--format", "json")
    assert code == 0 and [(p["code"], p["severity"]) for p in json.loads(out)] == [("duplicate-doc-no", "warning")]


def test_config_problem_is_reported_against_the_config_file(site, capsys, tmp_path):
    site({"a.md": rec(1)})
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - catalogue:\n      agency_cod: x\n", encoding="utf-8")
    code, out, _ = check(capsys, "--format", "json")
    (p,) = json.loads(out)
    assert code == 1
    assert (p["file"], p["key"], p["code"]) == ("mkdocs.yml", "agency_cod", "config-unknown-option")
    assert "agency_code" in p["hint"]


@pytest.mark.parametrize("fmt", ["text", "json", "github", "junit"])
def test_records_are_not_checked_against_a_misread_configuration(site, capsys, tmp_path, fmt):
    """An mkdocs.yml YAML cannot read (or with an error) gave the defaults: a record in a category of the office's
    own list was reported unknown, and an editor sent to "fix" a correct record (a review)."""
    site({"a.md": rec(1, category="综合政务/机构职能"), "b.md": BAD_DATE})
    (tmp_path / "mkdocs.yml").write_text(
        f'plugins:\n  - catalogue:\n      agency_code: "{AGENCY}"\n      categories: [综合政务/机构职能\n',
        encoding="utf-8")
    code, out, err = check(capsys, "--format", fmt)
    assert code == 1 and "config-invalid" in out
    assert "unknown-category" not in out and "invalid-date" not in out and "2024-02-30" not in out
    assert "没有检查记录" in err
    (tmp_path / "mkdocs.yml").write_text(
        f'plugins:\n  - catalogue:\n      agency_code: "{AGENCY}"\n      categories: [综合政务/机构职能]\n',
        encoding="utf-8")
    code, out, err = check(capsys, "--format", fmt)  # read right, the record's own error is said
    assert code == 1 and "config-invalid" not in out and "unknown-category" not in out and "2024-02-30" in out


def test_report_on_a_misread_configuration_is_refused(site, capsys, tmp_path):
    site({"a.md": rec(1)})
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - catalogue:\n      agency_cod: x\n", encoding="utf-8")
    code = main(["report"])
    captured = capsys.readouterr()
    assert code == 1 and captured.out == ""
    assert "agency_cod" in captured.err and "没有生成报告" in captured.err


def test_bad_as_of_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", "--as-of", "2024/06/01"])
    assert exc.value.code == 2
    assert "2024/06/01" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["check", "report", "build", "annual-report"])
@pytest.mark.parametrize("day", ["1025-03-01", "1969-12-31", "9999-06-01", "3000-01-01"])
def test_an_as_of_year_out_of_range_is_a_usage_error_not_a_traceback(capsys, command, day):
    # Found by a review: 9999 broke check and report (year 10000), a day before 1970 the build's file dates.
    with pytest.raises(SystemExit) as exc:
        main([command, "--as-of", day])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert day in err and "年份" in err and "Traceback" not in err


def test_a_build_for_a_day_after_today_is_refused_unless_asked_for(capsys, tmp_path, monkeypatch):
    """A year typed too late (2062 for 2026) would publish every record dated until then (a review)."""
    import datetime as dt

    import build_tools.cli as cli
    monkeypatch.setattr(cli, "china_today", lambda: dt.date(2026, 12, 7))
    site = tmp_path / "site"
    code = main(["build", "--config", str(ROOT / "mkdocs.yml"), "--site-dir", str(site), "--as-of", "2062-12-07"])
    err = capsys.readouterr().err
    assert code == 2 and not site.exists()
    assert "2062-12-07" in err and "--allow-future-as-of" in err and "2026-12-07" in err
    code = main(["build", "--config", str(ROOT / "mkdocs.yml"), "--site-dir", str(site), "--as-of", "2026-12-21",
                 "--allow-future-as-of"])
    assert code == 0 and (site / "index.html").is_file()


# --- json -------------------------------------------------------------------------------------------------

def test_json_shape(site, capsys):
    site({"policies/a.md": BAD_DATE, "policies/b.md": WARN_ONLY, "stray.txt": "x"})
    _, out, _ = check(capsys, "--format", "json")
    problems = json.loads(out)
    for p in problems:
        assert list(p) == ["file", "line", "key", "code", "severity", "message", "hint"]
        assert p["severity"] in ("error", "warning")
    assert [(p["file"], p["line"], p["key"], p["code"], p["severity"]) for p in problems] == [
        ("policies/a.md", 8, "published", "invalid-date", "error"),
        ("policies/b.md", 9, "doc_no", "doc-no-format", "warning"),
        ("stray.txt", None, None, "not-a-record", "warning"),
    ]
    assert "2024-02-30" in problems[0]["message"] and problems[0]["hint"]


def test_json_files_are_relative_to_the_catalogue_root_from_anywhere(site, capsys, tmp_path, monkeypatch):
    site({"policies/a.md": BAD_DATE})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    _, out, _ = check(capsys, "--config", str(tmp_path / "mkdocs.yml"), "--format", "json")
    assert [p["file"] for p in json.loads(out)] == ["policies/a.md"]
    _, out, _ = check(capsys, "--config", str(tmp_path / "mkdocs.yml"), "--format", "json",
                      str(tmp_path / "catalogue" / "policies"))
    # a folder of the configured catalogue is checked with the whole of it: the paths stay the catalogue's
    assert [p["file"] for p in json.loads(out)] == ["policies/a.md"]


def test_json_keeps_chinese_readable(site, capsys):
    site({"a.md": BAD_DATE})
    _, out, _ = check(capsys, "--format", "json")
    assert "发布日期" in out and "\\u" not in out


# --- github ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["text", "json", "github", "junit"])
def test_file_names_that_are_no_utf8_print_readably_in_any_locale(site, fmt):
    """A GBK file name (unzipped from a zip made on Chinese Windows) and one with a control character: check
    ended in a traceback where stdout is strict UTF-8 (zh_CN.UTF-8), and its JSON and XML held raw bytes
    (found by a review)."""
    root = site({"policies/a.md": rec(1), "policies/b.md": rec(2, published="2024-02-30")})
    os.rename(root / "catalogue/policies/b.md", os.fsencode(root / "catalogue/policies") + b"/\xc2\xb7\xd5\xfe.md")
    with open(os.fsencode(root / "catalogue/policies") + b"/\xb8\xbd\xbc\xfe.docx", "wb") as f:
        f.write(b"PK")
    (root / "catalogue/policies/a\x07b.md").write_text("x", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "build_tools.cli", "check", "--as-of", "2024-06-01", "--format", fmt],
                          cwd=root, capture_output=True, env={**os.environ, "PYTHONIOENCODING": "utf-8",
                                                              "PYTHONPATH": str(ROOT)})
    out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")  # strict: no raw bytes
    assert done.returncode == 1 and "Traceback" not in err, err
    assert "路政.md" in out and "附件.docx" in out
    if fmt == "json":
        assert {p["file"] for p in json.loads(out)} >= {"policies/路政.md", "policies/附件.docx"}
    if fmt == "junit":
        ET.fromstring(out.split("\n", 1)[1])


def test_github_annotations(site, capsys):
    site({"policies/a.md": BAD_DATE, "policies/b.md": WARN_ONLY, "stray.txt": "x"})
    _, out, _ = check(capsys, "--format", "github")
    lines = out.splitlines()
    assert lines[0].startswith("::error file=catalogue/policies/a.md,line=8,title=invalid-date::")
    assert lines[1].startswith("::warning file=catalogue/policies/b.md,line=9,title=doc-no-format::")
    assert lines[2].startswith("::warning file=catalogue/stray.txt,title=not-a-record::")
    assert "%0A" in lines[0] and "\n" not in lines[0]  # message and hint on one workflow-command line
    assert lines[-1] == "发现 1 个错误、2 个警告（涉及 3 个文件）。"
    assert all(re.match(r"::(error|warning) file=[^:]+::", line) for line in lines[:-1])


def test_github_escapes_properties(site, capsys):
    site({"a,b:c.md": BAD_DATE})
    _, out, _ = check(capsys, "--format", "github")
    assert out.startswith("::error file=catalogue/a%2Cb%3Ac.md,line=8,")


def test_github_path_of_a_yml_file_in_the_catalogue(site, capsys):
    site({"a.md": rec(1), "data.yml": "a: 1\n"})
    _, out, _ = check(capsys, "--format", "github")
    assert out.startswith("::warning file=catalogue/data.yml,")


# --- junit ------------------------------------------------------------------------------------------------

def test_junit_is_xml_with_one_case_per_file(site, capsys):
    site({"policies/a.md": BAD_DATE, "policies/b.md": WARN_ONLY, "policies/c.md": rec(3), "x.txt": "x"})
    _, out, _ = check(capsys, "--format", "junit")
    root = ET.fromstring(out)
    (suite,) = root.findall("testsuite")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert set(cases) == {"catalogue/policies/a.md", "catalogue/policies/b.md", "catalogue/policies/c.md",
                          "catalogue/x.txt"}
    assert suite.get("tests") == "4" and suite.get("failures") == "1"
    failure = cases["catalogue/policies/a.md"].find("failure")
    assert failure.get("type") == "invalid-date" and "2024-02-30" in failure.get("message")
    assert cases["catalogue/policies/b.md"].find("failure") is None
    assert "doc-no-format" in cases["catalogue/policies/b.md"].find("system-out").text
    assert list(cases["catalogue/policies/c.md"]) == []


# --- text ---------------------------------------------------------------------------------------------------

def test_text_groups_problems_by_file(site, capsys):
    two = rec(1, published="2024-02-30", category="不存在")
    site({"policies/a.md": two, "policies/b.md": WARN_ONLY})
    code, out, err = check(capsys)
    assert code == 1
    lines = out.splitlines()
    a = lines.index("catalogue/policies/a.md")
    assert lines[a + 1].startswith("  第7行 category  错误 [unknown-category] ")
    assert any(line.startswith("  第8行 published  错误 [invalid-date] ") for line in lines[a + 1:])
    b = lines.index("catalogue/policies/b.md")
    assert b > a and lines[b + 1].startswith("  第9行 doc_no  警告 [doc-no-format] ")
    assert lines[-1] == "发现 2 个错误、1 个警告（涉及 2 个文件）。"
    assert "\033[" not in out  # no colour when not a terminal
    assert "共读取 2 个记录文件，1 条记录有效（检查日期 2024-06-01）" in err


def test_text_for_a_clean_catalogue(site, capsys):
    site({"a.md": rec(1)})
    code, out, _ = check(capsys)
    assert code == 0 and out.strip() == "检查通过：没有发现问题。"


def test_text_collapses_a_flood_of_one_code(site, capsys):
    n = FLOOD + 5
    site({f"p{i:02d}.md": rec(i, published="2024-02-30") for i in range(1, n + 1)} | {"x.md": WARN_ONLY})
    code, out, _ = check(capsys)
    assert code == 1
    assert out.count("[invalid-date]") == FLOOD + 1  # 20 listed, and the summary line naming the code
    assert "……另有 5 个同类问题 [invalid-date]" in out
    assert "catalogue/p20.md" in out and "catalogue/p21.md" not in out
    assert "[doc-no-format]" in out  # other codes are still listed
    assert out.splitlines()[-1] == f"发现 {n} 个错误、1 个警告（涉及 {n + 1} 个文件）。"


def test_json_is_never_collapsed(site, capsys):
    n = FLOOD + 5
    site({f"p{i:02d}.md": rec(i, published="2024-02-30") for i in range(1, n + 1)})
    _, out, _ = check(capsys, "--format", "json")
    assert len(json.loads(out)) == n


# --- check meets the editor where they work (issue 17) ------------------------------------------


@pytest.fixture
def project(tmp_path):
    """A project folder as `catalogue generate` makes it: DIR/mkdocs.yml, DIR/catalogue, DIR/docs."""
    assert main(["generate", "12", "--out", str(tmp_path / "proj"), "--seed", "3"]) == 0
    return tmp_path / "proj"


def _json(capsys) -> list[dict]:
    return json.loads(capsys.readouterr().out)


def test_check_on_a_project_folder_reads_its_configuration_and_catalogue(project, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no mkdocs.yml here
    assert main(["check", str(project), "--format", "json", "--as-of", "2026-11-23"]) == 0
    assert _json(capsys) == []  # not docs/index.md or mkdocs.yml reported as broken records


def test_check_on_a_project_folder_without_configuration_says_what_to_run(project, capsys, monkeypatch):
    (project / "mkdocs.yml").unlink()
    monkeypatch.chdir(project.parent)
    assert main(["check", "proj"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "catalogue check proj/catalogue" in err


def test_check_of_one_record_reports_only_its_problems_with_links_resolved(project, capsys, monkeypatch):
    records = sorted((project / "catalogue").rglob("*.md"))
    interp = next(p for p in records if "interprets:" in p.read_text(encoding="utf-8"))
    broken = records[0] if records[0] != interp else records[1]
    broken.write_text(broken.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    monkeypatch.chdir(project.parent)
    # The interpretation's link to its policy resolves against the whole catalogue: clean, although
    # another record is broken.
    assert main(["check", str(interp.relative_to(project.parent)), "--format", "json", "--as-of", "2026-11-23"]) == 0
    assert _json(capsys) == []
    assert main(["check", str(broken), "--format", "json", "--as-of", "2026-11-23"]) == 1
    found = _json(capsys)
    assert found and {p["file"] for p in found} == {broken.relative_to(project / "catalogue").as_posix()}


def test_check_of_a_folder_of_the_catalogue_reads_the_whole_catalogue_and_reports_the_folders_problems(
        project, capsys, monkeypatch):
    """``check catalogue/policies`` read the folder alone: 12 interpretations missing, and the catalogue said
    partial (found by a review).  It is read with the whole catalogue; only the folder's problems are shown."""
    policies = project / "catalogue" / "policies"
    notice = next((project / "catalogue" / "notices").rglob("*.md"))
    notice.write_text(notice.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    monkeypatch.chdir(project)
    assert main(["check", "catalogue/policies", "--format", "json", "--as-of", "2026-11-23"]) == 0
    assert _json(capsys) == []
    policy = next(policies.rglob("*.md"))
    policy.write_text(policy.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    assert main(["check", str(policies), "--format", "json", "--as-of", "2026-11-23"]) == 1
    assert {p["file"] for p in _json(capsys)} == {policy.relative_to(project / "catalogue").as_posix()}
    assert main(["check", "catalogue/policies", "--as-of", "2026-11-23"]) == 1
    assert "catalogue/policies 中的" in capsys.readouterr().err


@pytest.mark.parametrize("name, words", [("missing.md", "找不到"), ("notes.txt", "不是记录文件")])
def test_check_of_a_path_it_cannot_use_is_one_line(tmp_path, capsys, name, words):
    if name.endswith(".txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert main(["check", str(tmp_path / name)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and words in err


@pytest.mark.parametrize("folder", ["docs", "theme"])
def test_check_of_a_folder_without_records_is_one_line_naming_the_catalogue(project, capsys, monkeypatch, folder):
    """check docs gave 209 bogus problems and check theme a pass (a review)."""
    (project / "theme").mkdir(exist_ok=True)
    (project / "theme" / "main.html").write_text("{% extends 'base.html' %}", encoding="utf-8")
    monkeypatch.chdir(project)
    assert main(["check", folder]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "不是记录目录" in err and "catalogue check catalogue" in err


def test_check_of_a_catalogue_of_gbk_records_reports_them(tmp_path, capsys):
    """A record saved as GBK (Notepad's ANSI) opens front matter too: the folder is a catalogue, and the check
    says how to save the file, not "no records" (a review)."""
    folder = tmp_path / "cat"
    folder.mkdir()
    (folder / "a.md").write_bytes("---\n索引号: 015200371/2024-00001\n标题: 关于测试的通知\n---\n正文。\n".encode("gbk"))
    assert main(["check", str(folder)]) == 1
    assert "不是记录目录" not in capsys.readouterr().err


def test_check_of_the_whole_disk_or_a_home_folder_is_refused_at_once(capsys):
    """It walked the file system for ten minutes (a review)."""
    assert main(["check", "/"]) == 2
    assert main(["check", str(Path.home())]) == 2
    assert capsys.readouterr().err.count("不是记录目录") == 2


def test_check_of_an_empty_folder_is_a_new_catalogue(tmp_path, capsys):
    (tmp_path / "new").mkdir()
    assert main(["check", str(tmp_path / "new")]) == 0


def test_check_with_a_mistyped_config_checks_nothing(site, capsys):
    """Checked against the defaults, a correct record's category was an error (a review)."""
    site({"a.md": rec(1)})
    assert main(["check", "--config", "mkdoc.yml"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "找不到配置文件 mkdoc.yml" in captured.err and len(captured.err.splitlines()) == 1


def test_pre_commit_hook_runs_the_check():
    import yaml
    hooks = yaml.safe_load((Path(__file__).resolve().parent.parent / ".pre-commit-hooks.yaml").read_text("utf-8"))
    hook = next(h for h in hooks if h["id"] == "catalogue-check")
    assert hook["entry"].split()[:2] == ["catalogue", "check"] and hook["language"] == "python"
    assert hook["pass_filenames"] is False  # the whole catalogue: a record's links reach other records


# --- the installed command: no freeing at exit, but handlers run and output written --------------

# A script standing for the installed command: ``held`` is an object that says when it is freed.
COMMAND = """
import os, sys
fd = os.open(sys.argv.pop(1), os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
class Held:
    def __del__(self, write=os.write, fd=fd):
        write(fd, "已释放".encode())
held = Held()
{setup}
sys.argv[0] = "catalogue"
from build_tools.cli import run
run()
"""


def _command(root: Path, marker: Path, *args: str, setup: str = "", **kwargs) -> subprocess.CompletedProcess:
    """The command run in a fresh Python from ``root``; ``marker`` is written if its objects are freed."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # output buffered, as installed
    return subprocess.run([sys.executable, "-c", COMMAND.format(setup=setup), str(marker), *args], cwd=root,
                          timeout=120, env={**env, "PYTHONPATH": str(ROOT)}, **kwargs)


def test_the_installed_command_is_run():
    """Through build_tools.command, which imports cli.run (test below)."""
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["catalogue"] == "build_tools.command:run"


def test_the_command_ends_without_freeing_its_objects_but_runs_the_exit_handlers(site, tmp_path):
    """What is registered to run at exit (a temporary folder removed, a log flushed) runs; the objects
    are left to the operating system; main's status and its whole output come through a pipe."""
    root = site({f"policies/{n:03d}.md": rec(n, published="2024-02-30") for n in range(1, 401)})
    at_exit = tmp_path / "at-exit.txt"
    done = _command(root, tmp_path / "freed", "check", "--as-of", "2024-06-01", "--format", "json",
                    capture_output=True, setup="import atexit, pathlib; atexit.register(lambda: pathlib.Path("
                                                f"{str(at_exit)!r}).write_text('已运行', encoding='utf-8'))")
    assert done.returncode == 1 and len(json.loads(done.stdout)) >= 400
    assert at_exit.read_text(encoding="utf-8") == "已运行"
    assert (tmp_path / "freed").read_bytes() == b""


def test_a_daemon_thread_is_not_waited_for_and_a_thread_at_work_is(site, tmp_path):
    """A progress bar's monitor (a daemon thread) is left, as Python leaves it; a thread with work
    left is waited for, with the usual exit."""
    root = site({"policies/a.md": rec(1)})
    daemon = "import threading, time; threading.Thread(target=time.sleep, args=(60,), daemon=True).start()"
    done = _command(root, tmp_path / "freed-daemon", "check", "--as-of", "2024-06-01", setup=daemon)
    assert done.returncode == 0 and (tmp_path / "freed-daemon").read_bytes() == b""
    written = tmp_path / "thread.txt"
    working = ("import threading, time, pathlib; threading.Thread(target=lambda: (time.sleep(0.5), "
               f"pathlib.Path({str(written)!r}).write_text('完成'))).start()")
    done = _command(root, tmp_path / "freed-thread", "check", "--as-of", "2024-06-01", setup=working)
    assert done.returncode == 0 and written.read_text() == "完成"


def test_a_reader_that_went_away_is_no_error(site, tmp_path):
    """`catalogue check | head -1`: the reader closed the pipe before the output was flushed."""
    root = site({"policies/a.md": rec(1, published="2024-02-30")})
    read, write = os.pipe()
    os.close(read)
    done = _command(root, tmp_path / "freed", "check", "--as-of", "2024-06-01", stdout=write,
                    stderr=subprocess.PIPE)
    os.close(write)
    assert done.returncode == 1  # main's: the catalogue has an error
    assert b"Traceback" not in done.stderr and b"Exception ignored" not in done.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_that_cannot_be_written_fails_the_command_and_says_so(site, tmp_path):
    """A full disk under `catalogue check --format junit > report.xml`: never a success with no report."""
    root = site({"policies/a.md": rec(1)})
    with open("/dev/full", "wb") as full:
        done = _command(root, tmp_path / "freed", "check", "--as-of", "2024-06-01", "--format", "json",
                        stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 120
    assert "无法写出命令的输出" in done.stderr.decode() and "No space left" in done.stderr.decode()


def test_without_standard_error_the_status_is_mains(site, tmp_path):
    """Python sets sys.stderr to None when its descriptor is closed (`2>&-`)."""
    root = site({"policies/a.md": rec(1)})
    done = _command(root, tmp_path / "freed", "check", "--as-of", "2024-06-01", stdout=subprocess.DEVNULL,
                    setup="sys.stderr = None")
    assert done.returncode == 0


def test_under_a_profiler_the_exit_is_the_usual_one(site, tmp_path):
    """`python -m cProfile -o … -m build_tools.cli build` (or coverage) writes its results after the program."""
    root = site({"policies/a.md": rec(1)})
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(tmp_path / "build.prof"), "-m", "build_tools.cli",
                           "check", "--as-of", "2024-06-01"], cwd=root, env=env, capture_output=True, timeout=120)
    assert done.returncode == 0 and (tmp_path / "build.prof").stat().st_size > 0


def test_ctrl_c_while_the_command_is_still_importing_is_one_line_not_a_traceback(monkeypatch, capsys):
    """The installed command's entry point (found by an attack review: Ctrl-C in the first quarter
    second, while MkDocs and the core were imported, printed a KeyboardInterrupt traceback)."""
    import builtins
    import sys as _sys

    from build_tools import command
    real_import = builtins.__import__

    def interrupted(name, globals=None, locals=None, fromlist=(), level=0):
        if name == "cli" and level == 1 or name == "build_tools.cli":
            raise KeyboardInterrupt
        return real_import(name, globals, locals, fromlist, level)

    monkeypatch.delitem(_sys.modules, "build_tools.cli", raising=False)
    monkeypatch.setattr(builtins, "__import__", interrupted)
    with pytest.raises(SystemExit) as stopped:
        command.run()
    assert stopped.value.code == 130
    assert capsys.readouterr().err == "已中断。\n"


@pytest.fixture
def office(tmp_path, monkeypatch):
    """The sample project copied: mkdocs.yml, catalogue/, docs/ and the theme's overrides."""
    import shutil
    for name in ("catalogue", "docs", "theme"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("args", [["new", "policy", "--catalogue", "docs"], ["new", "notice", "--catalogue", "theme"],
                                  ["annual-report", "2024", "--out", "docs"], ["annual-report", "2024", "--out", "theme/reports"],
                                  ["annual-report", "2024", "--catalogue", "catalgoue"],
                                  ["generate", "5", "--out", "theme", "--force"]])
def test_drafts_and_demos_are_never_written_where_the_site_publishes_them(office, capsys, args):
    """docs/ and the theme's overrides are published as they are: a draft's （待填写：…） or a fictional
    record there reached the site with check passing; a mistyped --catalogue counted 0 of everything and
    wrote the report into a folder it made (found by a review)."""
    before = _files(office)
    code = main(args)
    err = capsys.readouterr().err
    assert code == 2 and _files(office) == before and not (office / "catalgoue").exists()
    assert ("之内" in err and "发布" in err) or "找不到记录目录 catalgoue" in err, err


def test_a_draft_goes_to_the_catalogue_as_before(office, capsys):
    assert main(["new", "policy", "--as-of", "2026-12-01"]) == 0
    assert main(["annual-report", "2025", "--as-of", "2026-01-10"]) == 0
    added = _files(office) - _files(ROOT)
    assert added and all(name.startswith("catalogue/") for name in added), added


@pytest.mark.parametrize("args", [["new", "policy"], ["annual-report", "2024"]])
def test_a_catalogue_that_cannot_be_written_is_said_so_without_a_site_in_the_words(office, capsys, monkeypatch, args):
    """new and annual-report build no site and have no --site-dir, yet a read-only catalogue made them say
    the site was not built and to change --site-dir (found by a review)."""
    import errno

    def read_only(*_args, **_kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(office / "catalogue"))
    monkeypatch.setattr(os, "open", read_only)
    monkeypatch.setattr(Path, "write_text", read_only)
    monkeypatch.setattr(Path, "mkdir", read_only)
    before = _files(office)
    code = main(args)
    err = capsys.readouterr().err
    assert code == 1 and "只读" in err and "网站" not in err and "--site-dir" not in err, err
    assert _files(office) == before


def test_a_name_partly_utf8_and_one_of_neither_print_on_a_gbk_console(site):
    """附件说明_ in UTF-8 then 养护 in GBK printed as 闄勪欢璇存槑_养护; a Latin-1 name's U+FFFD ended check in a
    traceback on a GBK console (a fourth review)."""
    root = site({"policies/a.md": rec(1)})
    folder = os.fsencode(root / "catalogue/policies")
    for name in ("附件说明_".encode() + b"\xd1\xf8\xbb\xa4.docx", b"caf\xe9.docx"):
        with open(folder + b"/" + name, "wb") as f:
            f.write(b"PK")
    done = subprocess.run([sys.executable, "-m", "build_tools.cli", "check", "--as-of", "2024-06-01"], cwd=root,
                          capture_output=True, env={**os.environ, "PYTHONIOENCODING": "gbk", "PYTHONPATH": str(ROOT)})
    out, err = done.stdout.decode("gbk"), done.stderr.decode("gbk")
    assert "Traceback" not in err and "附件说明_养护.docx" in out and "caf\\xe9.docx" in out, out + err


def test_a_mistyped_catalogue_dir_is_reported_against_the_configuration(site, capsys, tmp_path):
    """The heading read catalgue/catalgue, the folder's name twice, as if it were a path inside it (a review)."""
    site({"a.md": rec(1)})
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - catalogue:\n      catalogue_dir: catalgue\n", encoding="utf-8")
    code, out, _ = check(capsys)
    assert code == 1 and out.splitlines()[0] == "mkdocs.yml" and "catalgue/catalgue" not in out
    assert "找不到记录目录" in out


def test_a_docs_page_saved_in_gbk_stops_the_build_in_words_naming_it(tmp_path, capsys):
    """docs/guide.md saved in GBK: the build ended in a UnicodeDecodeError traceback (a review)."""
    from tests.test_file_urls import _project
    config = _project(tmp_path, True)
    guide = tmp_path / "docs" / "guide.md"
    guide.write_bytes(guide.read_text(encoding="utf-8").encode("gbk", errors="replace"))
    code = main(["build", "--config", str(config), "--site-dir", str(tmp_path / "site"), "--as-of", "2026-11-23"])
    err = capsys.readouterr().err
    assert code != 0 and "Traceback" not in err
    assert "guide.md 不是 UTF-8 编码" in err and "另存为" in err, err[-500:]
    assert not (tmp_path / "site").exists()
