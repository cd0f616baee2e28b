"""A catalogue of broken records, one broken thing each, checked against a golden file.

``tests/broken_catalogue/catalogue/`` holds one file per mistake editors
really make (the file name says which), plus the few valid records they refer
to.  ``tests/broken_catalogue.expected.json`` is the complete JSON output of

    catalogue check --config tests/broken_catalogue/mkdocs.yml --format json --as-of 2026-11-20

Regenerate it after an intended change with ``UPDATE_GOLDEN=1 pytest
tests/test_broken_catalogue.py`` and review the diff like code: every message
in it is what an editor reads.

The golden file records what the tool says today, bugs included; the table
:data:`EXPECTED` says what it *should* say for each file, and the rows for
known bugs are marked ``xfail`` so they turn into failures once fixed.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from build_tools.cli import main
from build_tools.diagnostics import CODES

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "broken_catalogue"
CONFIG = FIXTURE / "mkdocs.yml"
CATALOGUE = FIXTURE / "catalogue"
GOLDEN = HERE / "broken_catalogue.expected.json"
AS_OF = "2026-11-20"
ARGS = ["check", "--config", str(CONFIG), "--format", "json", "--as-of", AS_OF]

#: file → the (line, key, code) problems it must produce, no more, no fewer.
#: An empty set means the file is valid (or only referred to by a broken one).
EXPECTED: dict[str, set[tuple[int | None, str | None, str]]] = {
    # Valid records the broken ones refer to, and valid spellings.
    "00-valid-budget.md": set(),
    "00-valid-interpretation.md": set(),
    "00-valid-notice.md": set(),
    "00-valid-policy.md": set(),
    "files/2024-budget.csv": set(),
    "bom-crlf-ok.md": set(),
    "chinese-keys-ok.md": set(),
    "cycle-b.md": set(),                      # the cycle is reported once, at cycle-a.md
    "repealed-still-in-force-repealer.md": set(),
    "interprets-withheld-target.md": set(),   # 依申请公开 with a reason: valid
    # Reading the file.
    "gbk-encoding.md": {(3, None, "not-utf8")},
    "empty.md": {(None, None, "empty-file")},
    "no-front-matter.md": {(1, None, "front-matter-missing")},
    "unclosed-front-matter.md": {(1, None, "front-matter-unclosed")},
    "tab-indent.md": {(10, None, "yaml-tab"), (11, None, "yaml-tab")},
    "yaml-syntax.md": {(3, "title", "yaml-syntax")},
    "fullwidth-colon.md": {(8, None, "yaml-syntax")},
    "duplicate-key.md": {(9, "title", "yaml-duplicate-key")},
    "yaml-anchor.md": {(9, "published", "yaml-alias")},
    "front-matter-list.md": {(2, None, "front-matter-not-mapping")},
    # No space after the colon: that line and its field, not the next line (a review).
    "colon-without-space.md": {(5, "doc_type", "yaml-syntax")},
    # One mistake, two true statements: too deep, and so not a list of words.
    "too-deep.md": {(9, "keywords", "yaml-too-deep")},
    "not-markdown.docx": {(None, None, "not-a-record")},
    # One field.
    # The unknown name is the missing field misspelt: one problem, not two.
    "unknown-field.md": {(6, "发布机构", "unknown-field")},
    "alias-and-key.md": {(3, "index_no", "field-given-twice")},
    "missing-published.md": {(1, "published", "missing-field")},
    "kind-missing.md": {(1, "kind", "missing-field")},
    "list-for-title.md": {(3, "title", "wrong-type")},
    "multiline-title.md": {(3, "title", "not-single-line")},
    "empty-summary.md": {(9, "summary", "empty-field")},
    "invalid-kind.md": {(4, "kind", "invalid-choice")},
    "interprets-on-policy.md": {(9, "interprets", "field-not-for-kind")},
    "bad-date.md": {(8, "published", "invalid-date")},
    "bad-fiscal-year.md": {(7, "fiscal_year", "invalid-year")},
    "effective-before-written.md": {(10, "effective", "date-order")},
    "year-typo-written.md": {(8, "written", "date-too-early")},       # 1024 for 2024 (a review)
    # 2204 for 2024, said first: not also the index number's year (a review).
    "year-typo-published-ahead.md": {(7, "published", "published-far-future")},
    "bad-index-no.md": {(2, "index_no", "invalid-index-no")},
    # A wrong check character also makes the prefix another code than the agency's.
    # With agency_code configured, the agency message names the right code;
    # index-no-check-character is for catalogues without one (tests/test_validate.py).
    "bad-check-character.md": {(2, "index_no", "index-no-agency")},
    "other-agency-index-no.md": {(2, "index_no", "index-no-agency")},
    "index-no-year-mismatch.md": {(2, "index_no", "index-no-date-mismatch")},
    "doc-no-format.md": {(9, "doc_no", "doc-no-format")},
    "unknown-category.md": {(7, "category", "unknown-category")},
    "not-yet-effective-written.md": {(10, "validity", "validity-derived")},
    "withheld-no-reason.md": {(9, "withheld_reason", "withheld-reason-missing")},
    "empty-withheld-reason.md": {(10, "withheld_reason", "empty-field")},
    "normative-on-request.md": {(9, "disclosure", "disclosure-not-allowed")},
    "attachment-outside.md": {(9, "attachments", "attachment-invalid-path")},
    "attachment-missing.md": {(9, "attachments", "attachment-missing")},
    "attachment-of-broken-record.md": {(8, "published", "invalid-date")},
    "files/broken-record-annex.pdf": set(),  # listed by a record, even a broken one: not a stray
    # The catalogue as a whole.
    "duplicate-index-no.md": {(2, "index_no", "duplicate-index-no")},
    "duplicate-doc-no.md": {(9, "doc_no", "duplicate-doc-no")},
    # Links between records.
    "interprets-missing-target.md": {(8, "interprets", "unknown-reference")},
    "interprets-non-policy.md": {(8, "interprets", "wrong-reference-kind")},
    "interprets-withheld.md": {(8, "interprets", "reference-not-public")},
    "self-amends.md": {(9, "amends", "self-reference")},
    "cycle-a.md": {(10, "amends", "reference-cycle")},
    "repealed-still-in-force.md": {(9, "validity", "validity-conflict")},
    # Pasted text (tests/test_pasted_text.py has the rest).
    "stray-fence-disclosure.md": {(9, "disclosure", "front-matter-in-body"),
                                  (10, "withheld_reason", "front-matter-in-body")},
    "fullwidth-index-no.md": {(2, "index_no", "value-normalised"), (2, "index_no", "duplicate-index-no")},
    "nbsp-indent.md": {(9, "keywords", "unusual-character")},
    "unclosed-style.md": {(11, None, "unclosed-html")},
}

#: Rows the tool gets wrong today (each is a bug listed in the report).
KNOWN_BUGS: dict[str, str] = {}


def _run(capsys, argv=ARGS) -> tuple[int, list[dict], str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, json.loads(out), err


@pytest.fixture(scope="module")
def output() -> tuple[int, list[dict]]:
    """One run of the check over the fixture, shared by the tests of this module."""
    import contextlib
    import io
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = main(ARGS)
    return code, json.loads(buf.getvalue())


def _all_files() -> list[str]:
    return sorted(p.relative_to(CATALOGUE).as_posix() for p in CATALOGUE.rglob("*")
                  if p.is_file() and not p.name.startswith("."))


def _pretty(problems: list[dict]) -> list[str]:
    return json.dumps(problems, ensure_ascii=False, indent=2).splitlines(keepends=True)


# --- the golden file ------------------------------------------------------------------

def test_output_matches_golden_file(capsys):
    code, problems, err = _run(capsys)
    assert "Traceback" not in err
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(json.dumps(problems, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        pytest.skip(f"rewrote {GOLDEN.name}; review the diff before committing")
    assert GOLDEN.exists(), f"no golden file: run UPDATE_GOLDEN=1 pytest {Path(__file__).name}"
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    if problems != expected:
        diff = "".join(difflib.unified_diff(_pretty(expected), _pretty(problems),
                                            fromfile=GOLDEN.name, tofile="catalogue check (now)", n=2))
        pytest.fail("catalogue check output differs from the golden file "
                    "(if the change is intended: UPDATE_GOLDEN=1 pytest tests/test_broken_catalogue.py)\n"
                    + diff, pytrace=False)


def test_golden_file_is_the_plain_json_of_the_command():
    text = GOLDEN.read_text(encoding="utf-8")
    problems = json.loads(text)
    assert text == json.dumps(problems, ensure_ascii=False, indent=2) + "\n"
    assert all(list(p) == ["file", "line", "key", "code", "severity", "message", "hint"] for p in problems)
    assert not any("/work/" in p["file"] or p["file"].startswith("/") for p in problems)


def test_exit_code_is_1_because_there_are_errors(output):
    code, problems = output
    assert code == 1
    assert any(p["severity"] == "error" for p in problems)


# --- every file gives exactly what it should -----------------------------------------------

def test_every_file_of_the_fixture_has_an_expectation():
    assert sorted(EXPECTED) == _all_files()


def test_fixture_bytes_are_what_the_file_names_say():
    bom = (CATALOGUE / "bom-crlf-ok.md").read_bytes()
    assert bom.startswith(b"\xef\xbb\xbf---\r\n") and b"\n" not in bom.replace(b"\r\n", b"")
    gbk = (CATALOGUE / "gbk-encoding.md").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        gbk.decode("utf-8")
    assert "用GBK保存" in gbk.decode("gbk")
    assert "\t" in (CATALOGUE / "tab-indent.md").read_text(encoding="utf-8")
    assert (CATALOGUE / "empty.md").read_bytes() == b""


def _found(problems: list[dict]) -> dict[str, set[tuple]]:
    found: dict[str, set[tuple]] = defaultdict(set)
    for p in problems:
        found[p["file"]].add((p["line"], p["key"], p["code"]))
    return found


@pytest.mark.parametrize("name", [
    pytest.param(name, marks=pytest.mark.xfail(reason=KNOWN_BUGS[name], strict=True))
    if name in KNOWN_BUGS else name
    for name in sorted(EXPECTED)])
def test_file_yields_exactly_the_intended_problems(output, name):
    _, problems = output
    assert _found(problems).get(name, set()) == EXPECTED[name]


def test_no_problem_about_a_file_that_is_not_in_the_fixture(output):
    _, problems = output
    assert {p["file"] for p in problems} <= set(EXPECTED)


def test_every_code_used_is_catalogued_with_its_severity(output):
    _, problems = output
    for p in problems:
        assert p["code"] in CODES
        assert p["severity"] == CODES[p["code"]].severity.value


@pytest.mark.parametrize("name", _all_files())
def test_each_file_alone_is_checked_without_a_traceback(tmp_path, capsys, name):
    """Each file on its own (its references dangling) still gives problems, never an exception."""
    cat = tmp_path / "catalogue"
    (cat / name).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(CATALOGUE / name, cat / name)
    shutil.copyfile(CONFIG, tmp_path / "mkdocs.yml")
    code, problems, err = _run(capsys, ["check", "--config", str(tmp_path / "mkdocs.yml"),
                                        "--format", "json", "--as-of", AS_OF])
    assert code in (0, 1) and "Traceback" not in err
    assert all(p["code"] in CODES and p["file"] == name for p in problems)


# --- the words an editor reads -------------------------------------------------------------

_CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_message_is_chinese_and_comes_with_a_hint(output):
    _, problems = output
    for p in problems:
        assert _CJK.search(p["message"]), p
        assert p["hint"].strip() and _CJK.search(p["hint"]), p
        assert p["message"].rstrip().endswith(("。", "？", "）")), p


def test_messages_name_the_field_and_the_value_written(output):
    _, problems = output
    by = {(p["file"], p["code"]): p for p in problems}
    assert "2024-02-30" in by["bad-date.md", "invalid-date"]["message"]
    assert "2 月没有 30 日" in by["bad-date.md", "invalid-date"]["message"]
    assert "「发布日期」(published)" in by["bad-date.md", "invalid-date"]["message"]
    assert "发文机关（或 issuer）" in by["unknown-field.md", "unknown-field"]["hint"]
    assert "工业、交通/公路" in by["unknown-category.md", "unknown-category"]["message"]
    dup = by["duplicate-doc-no.md", "duplicate-doc-no"]["message"]
    assert "江交办〔2024〕103号" in dup and "江交办[2024]103号" in dup and "00-valid-policy.md" in dup
    assert "00-valid-policy.md" in by["duplicate-index-no.md", "duplicate-index-no"]["message"]
    assert "015200371" in by["bad-check-character.md", "index-no-agency"]["message"]
    assert "015200371/2024-00043" in by["repealed-still-in-force.md", "validity-conflict"]["message"]
    assert "GBK" in by["gbk-encoding.md", "not-utf8"]["message"]
    assert "UTF-8" in by["gbk-encoding.md", "not-utf8"]["hint"]
