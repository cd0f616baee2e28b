"""Presenting problems: plain text, JSON, GitHub annotations, JUnit XML.

Each function takes the sorted problems and returns the text to print.  The
JSON shape is a contract with other tools; the others follow their
consumers' formats (GitHub workflow commands, JUnit as CI systems read it).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

from .diagnostics import CODES, Problem, Severity

FLOOD = 20
"""In text output, after this many problems of one code the rest are counted, not listed."""

_SEVERITY_LABEL = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "说明"}
_COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}


_NOT_UTF8 = re.compile("[\u0080-\u07ff]*[\udc80-\udcff](?:[\u0080-\u07ff\udc80-\udcff]*[\udc80-\udcff])?[\u0080-\u07ff]*")
"""Bytes of a file name that are no UTF-8, as Python holds them (``surrogateescape``): a GBK name left by
unzipping a zip made on Chinese Windows; with the characters of two bytes beside them, which may be GBK
read as UTF-8 by chance (路's GBK bytes are UTF-8's ·).  Not the three-byte characters of a name's UTF-8
part (附件说明_ stays as it is: a fourth review)."""


def readable(text: str) -> str:
    """``text`` with every run of bytes that are no UTF-8 read as GB 18030 (路政.md for its GBK bytes), or
    written as ``\\xNN`` where they are not that either: printable in any locale and valid JSON and XML.
    Such names stopped ``check`` with a traceback in a UTF-8 locale, or put raw bytes into its JSON (a review)."""
    if not _NOT_UTF8.search(text):
        return text

    def decoded(m: re.Match) -> str:
        raw = m.group().encode("utf-8", errors="surrogateescape")
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError:  # neither: each byte as \\xNN, which every console can print
            return raw.decode("utf-8", errors="backslashreplace")
    parts = _NOT_UTF8.sub(decoded, text)
    if "\\x" in parts and "\\x" not in text:
        # Some of its GBK pairs happened to be UTF-8 too (a name read by the system as UTF-8 where it
        # could, the rest as bytes), so runs of bytes split pairs: the whole name as GB 18030 reads it right.
        try:
            return text.encode("utf-8", errors="surrogateescape").decode("gb18030")
        except UnicodeDecodeError:
            pass
    return parts


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 cannot hold, not even escaped (a control character in a file name)."""


def summary_line(problems: Sequence[Problem]) -> str:
    """One line such as 发现 3 个错误、1 个警告（2 个文件）。"""
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = sum(p.severity is Severity.WARNING for p in problems)
    if not errors and not warnings:
        return "检查通过：没有发现问题。"
    files = len({p.file for p in problems if p.severity is not Severity.INFO})
    return f"发现 {errors} 个错误、{warnings} 个警告（涉及 {files} 个文件）。"


def as_text(problems: Sequence[Problem], *, colour: bool = False,
            display_path: Callable[[str], str] = str) -> str:
    """Problems grouped by file, for a person at a terminal or reading a CI log."""
    out: list[str] = []
    shown: Counter[str] = Counter()
    by_file: dict[str, list[Problem]] = defaultdict(list)
    for p in problems:
        by_file[p.file].append(p)
    for file, items in by_file.items():
        listed = []
        for p in items:
            shown[p.code] += 1
            if shown[p.code] <= FLOOD:
                listed.append(p)
        if not listed:
            continue
        out.append(display_path(file))
        for p in listed:
            where = f"第{p.line}行" if p.line else "整个文件"
            label = _SEVERITY_LABEL[p.severity]
            if colour:
                label = f"{_COLOURS[p.severity]}{label}\033[0m"
            key = f" {p.key}" if p.key else ""
            out.append(f"  {where}{key}  {label} [{p.code}] {p.message}")
            if p.hint:
                out.extend(f"      {line}" for line in p.hint.splitlines())
        out.append("")
    for code, count in shown.items():
        if count > FLOOD:
            out.append(f"……另有 {count - FLOOD} 个同类问题 [{code}] {CODES[code].title}未逐条列出"
                       "（用 --format json 查看全部）。")
    out.append(summary_line(problems))
    return readable("\n".join(out))


def as_json(problems: Sequence[Problem]) -> str:
    """A JSON list of problems, each with file, line, key, code, severity, message (and hint)."""
    return readable(json.dumps([p.to_json() for p in problems], ensure_ascii=False, indent=2))


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(problems: Sequence[Problem], *, display_path: Callable[[str], str] = str) -> str:
    """GitHub Actions workflow commands, so problems appear on the pull request's lines."""
    lines = []
    for p in problems:
        level = {Severity.ERROR: "error", Severity.WARNING: "warning"}.get(p.severity, "notice")
        props = [f"file={_escape_property(display_path(p.file))}"]
        if p.line:
            props.append(f"line={p.line}")
        props.append(f"title={_escape_property(p.code)}")
        text = p.message + (f"\n{p.hint}" if p.hint else "")
        lines.append(f"::{level} {','.join(props)}::{_escape_data(text)}")
    lines.append(summary_line(problems))
    return readable("\n".join(lines))


def as_vscode(problems: Sequence[Problem], *, display_path: Callable[[str], str] = str) -> str:
    """One line a problem for an editor's problem matcher (.vscode/tasks.json): the file as it is named, the line,
    the severity, the code and the message with its hint, apart by tabs.  GitHub's commands escape a comma, a colon
    and a percent sign in the file's name (``%2C``), which VS Code does not read back: a record named with an ASCII
    comma had its problems put on a file that does not exist (a review)."""
    lines = []
    for p in problems:
        level = {Severity.ERROR: "error", Severity.WARNING: "warning"}.get(p.severity, "info")
        text = " ".join((p.message + (f" {p.hint}" if p.hint else "")).split())  # one line: tabs and breaks are spaces
        where = display_path(p.file).replace("\t", " ").replace("\n", " ")
        lines.append(f"{where}\t{p.line or ''}\t{level}\t{p.code}\t{text}")
    lines.append(summary_line(problems))
    return readable("\n".join(lines))


def as_junit(problems: Sequence[Problem], *, files: Sequence[str] = (),
             display_path: Callable[[str], str] = str) -> str:
    """JUnit XML: one test case per file, failing with its errors (warnings as output)."""
    by_file: dict[str, list[Problem]] = {f: [] for f in files}
    for p in problems:
        by_file.setdefault(p.file, []).append(p)
    suite = ET.Element("testsuite", name="catalogue check", tests=str(len(by_file)),
                       failures=str(sum(any(p.severity is Severity.ERROR for p in ps)
                                        for ps in by_file.values())),
                       errors="0", skipped="0")
    for file in sorted(by_file):
        case = ET.SubElement(suite, "testcase", classname="catalogue", name=display_path(file))
        errors = [p for p in by_file[file] if p.severity is Severity.ERROR]
        warnings = [p for p in by_file[file] if p.severity is Severity.WARNING]
        if errors:
            failure = ET.SubElement(case, "failure", message=errors[0].message, type=errors[0].code)
            failure.text = "\n".join(_line(p) for p in errors)
        if warnings:
            ET.SubElement(case, "system-out").text = "\n".join(_line(p) for p in warnings)
    root = ET.Element("testsuites")
    root.append(suite)
    ET.indent(root)
    text = readable(ET.tostring(root, encoding="unicode"))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + _NOT_XML.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def _line(p: Problem) -> str:
    return f"第{p.line or '-'}行 {p.key or ''} [{p.code}] {p.message}"
