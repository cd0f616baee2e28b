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
    site({"a.md": BAD_DATE})
    (tmp_path / "mkdocs.yml").write_text(
        f'plugins:\n  - catalogue:\n      agency_code: "{AGENCY}"\n      severity:\n        invalid-date: warning\n',
        encoding="utf-8")
    code, out, _ = check(capsys, "--format", "json")
    assert code == 0 and [p["severity"] for p in json.loads(out)] == ["warning"]


def test_config_problem_is_reported_against_the_config_file(site, capsys, tmp_path):
    site({"a.md": rec(1)})
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - catalogue:\n      agency_cod: x\n", encoding="utf-8")
    code, out, _ = check(capsys, "--format", "json")
    (p,) = json.loads(out)
    assert code == 1
    assert (p["file"], p["key"], p["code"]) == ("mkdocs.yml", "agency_cod", "config-unknown-option")
    assert "agency_code" in p["hint"]


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
    assert [p["file"] for p in json.loads(out)] == ["a.md"]


def test_json_keeps_chinese_readable(site, capsys):
    site({"a.md": BAD_DATE})
    _, out, _ = check(capsys, "--format", "json")
    assert "发布日期" in out and "\\u" not in out


# --- github ---------------------------------------------------------------------------------------------

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


@pytest.mark.parametrize("name, words", [("missing.md", "找不到"), ("notes.txt", "不是记录文件")])
def test_check_of_a_path_it_cannot_use_is_one_line(tmp_path, capsys, name, words):
    if name.endswith(".txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert main(["check", str(tmp_path / name)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and words in err


def test_pre_commit_hook_runs_the_check():
    import yaml
    hooks = yaml.safe_load((Path(__file__).resolve().parent.parent / ".pre-commit-hooks.yaml").read_text("utf-8"))
    hook = next(h for h in hooks if h["id"] == "catalogue-check")
    assert hook["entry"].split()[:2] == ["catalogue", "check"] and hook["language"] == "python"
    assert hook["pass_filenames"] is False  # the whole catalogue: a record's links reach other records


# --- the installed command: output whole, exit handlers run, no freeing at exit ---------------------

def _command(tmp_path: Path, code: str, *args: str) -> subprocess.CompletedProcess:
    """``code`` run as a script in a fresh Python (the installed command is ``build_tools.cli:run``)."""
    return subprocess.run([sys.executable, "-c", code, *args], cwd=tmp_path, capture_output=True,
                          timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_the_installed_command_is_run():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["catalogue"] == "build_tools.cli:run"


def test_the_command_flushes_a_large_output_into_a_pipe_and_exits_with_mains_code(site):
    """Every problem of 400 files, as JSON into a pipe (CI reads it so), whole; the exit status main's."""
    site({f"policies/{n:03d}.md": rec(n, published="2024-02-30") for n in range(1, 401)})
    done = _command(site({}), "import sys; sys.argv[0] = 'catalogue'; from build_tools.cli import run; run()",
                    "check", "--as-of", "2024-06-01", "--format", "json")
    problems = json.loads(done.stdout)
    assert done.returncode == 1 and len(problems) >= 400
    assert {p["code"] for p in problems} >= {"invalid-date"}


def test_the_command_still_runs_exit_handlers_and_ends_quietly_when_its_reader_stops(site, tmp_path):
    """What is registered to run at exit (a temporary folder removed, a log flushed) runs; a reader that
    closed the pipe early (`catalogue check | head -1`) is no error."""
    root = site({f"policies/{n:03d}.md": rec(n, published="2024-02-30") for n in range(1, 201)})
    marker = tmp_path / "at-exit.txt"
    code = ("import atexit, pathlib, sys; sys.argv[0] = 'catalogue'; "
            f"atexit.register(lambda: pathlib.Path({str(marker)!r}).write_text('已运行', encoding='utf-8')); "
            "from build_tools.cli import run; run()")
    reader = subprocess.Popen([sys.executable, "-c", code, "check", "--as-of", "2024-06-01"], cwd=root,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    reader.stdout.readline()
    reader.stdout.close()  # as `head -1` does
    err = reader.stderr.read()
    assert reader.wait(timeout=120) in (0, 1)
    assert marker.read_text(encoding="utf-8") == "已运行"
    assert b"Traceback" not in err and b"BrokenPipe" not in err


def test_with_a_thread_still_running_the_exit_is_the_usual_one(site, tmp_path):
    """A thread that has work left (none has, after a build) is waited for, as Python always does."""
    root = site({"policies/a.md": rec(1)})
    marker = tmp_path / "thread.txt"
    code = ("import sys, threading, time, pathlib; sys.argv[0] = 'catalogue'; "
            f"threading.Thread(target=lambda: (time.sleep(0.5), pathlib.Path({str(marker)!r}).write_text('完成'))).start(); "
            "from build_tools.cli import run; run()")
    done = _command(root, code, "check", "--as-of", "2024-06-01")
    assert done.returncode == 0 and marker.read_text() == "完成"
