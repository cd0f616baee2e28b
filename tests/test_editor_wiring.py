"""The editor's own tools see the check's problems where they are.

VS Code: .vscode/tasks.json runs ``catalogue check --format vscode`` and its
problem matcher puts every problem on its file and line in the 问题 panel.  The
test runs the matcher's own regular expression (JavaScript and Python read it
alike) over the check's real output on the broken fixture: every problem must
be matched with its file, line, severity, code and message, and nothing else.

yaml-language-server is not wired to records: it validates documents the
editor opens as YAML, and a record is Markdown with YAML front matter, which
the Red Hat YAML extension never receives (docs/editors/vscode.md says why,
with the sources); the task above is what validates records in VS Code.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from build_tools.cli import build_parser, main

ROOT = Path(__file__).resolve().parent.parent
TASKS = ROOT / ".vscode" / "tasks.json"
BROKEN = ROOT / "tests" / "broken_catalogue"


def _tasks() -> list[dict]:
    return json.loads(TASKS.read_text(encoding="utf-8"))["tasks"]


def _matcher(task: dict) -> tuple[re.Pattern, dict]:
    pattern = task["problemMatcher"]["pattern"]
    return re.compile(pattern["regexp"]), pattern


def _run(capsys, monkeypatch, cwd: Path, args: list[str]) -> tuple[str, list[dict]]:
    monkeypatch.chdir(cwd)
    main(args)
    lines = capsys.readouterr().out
    main([*[a for a in args if a not in ("--format", "vscode")], "--format", "json"])
    return lines, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("task", _tasks(), ids=lambda t: t["label"])
def test_each_task_runs_the_catalogue_command_with_arguments_it_accepts(task):
    assert task["command"] == "${workspaceFolder}/.venv/bin/catalogue"
    assert task["windows"]["command"].endswith("\\.venv\\Scripts\\catalogue.exe")
    args = [a.replace("${file}", "catalogue/x.md") for a in task["args"]]
    parsed = build_parser().parse_args(args)  # argparse exits on an option the CLI does not have
    assert parsed.command == "check" and parsed.format == "vscode"
    assert task["problemMatcher"]["fileLocation"] == ["relative", "${workspaceFolder}"]
    assert task["options"]["cwd"] == "${workspaceFolder}"


@pytest.mark.parametrize("task", _tasks(), ids=lambda t: t["label"])
def test_the_problem_matcher_reads_every_problem_of_the_check(task, capsys, monkeypatch, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(BROKEN, project)
    record = "catalogue/attachment-missing.md"
    args = [a.replace("${file}", record) for a in task["args"]]
    github, problems = _run(capsys, monkeypatch, project, args)
    assert problems, "the broken fixture has problems"
    regex, groups = _matcher(task)
    lines = github.splitlines()
    matched = [m for m in map(regex.match, lines) if m]
    assert len(matched) == len(problems) == len(lines) - 1  # the last line is the summary
    for m, p in zip(matched, problems):
        assert m.group(groups["severity"]) == p["severity"]
        assert m.group(groups["code"]) == p["code"]
        # Relative to the workspace folder (the task's cwd); configuration problems name mkdocs.yml.
        assert m.group(groups["file"]) == (p["file"] if p["file"] == "mkdocs.yml" else f"catalogue/{p['file']}")
        assert m.group(groups["line"]) == (str(p["line"]) if p["line"] else None)
        assert m.group(groups["message"]).startswith(" ".join(p["message"].split()))
    if "${file}" in task["args"]:
        assert {p["file"] for p in problems} <= {"attachment-missing.md", "mkdocs.yml"}


def test_a_record_named_with_a_comma_colon_or_percent_is_matched_under_its_own_name(capsys, monkeypatch, tmp_path):
    """GitHub's commands escape , : % in a file's name (%2C), which VS Code's matcher does not read back: the
    problems of 关于公路,水路春运工作的通知.md were put on a file that does not exist (a review)."""
    project = tmp_path / "project"
    shutil.copytree(BROKEN, project)
    named = "catalogue/关于公路,水路春运:100%.md"
    shutil.copy(project / "catalogue/attachment-missing.md", project / named)
    (project / "catalogue/attachment-missing.md").unlink()
    [task] = [t for t in _tasks() if "${file}" in t["args"]]
    lines, problems = _run(capsys, monkeypatch, project, [a.replace("${file}", named) for a in task["args"]])
    regex, groups = _matcher(task)
    files = {m.group(groups["file"]) for m in map(regex.match, lines.splitlines()) if m}
    assert problems and named in files and (project / named).is_file()
