"""The compliance report an office director reads: counts, oldest problems, per-policy status.

Built from a :class:`~build_tools.pipeline.CheckResult` as plain data; the
CLI prints it as text or JSON.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import asdict, dataclass

from .checks.deadlines import interpretation_rule_applies, interpretation_state, interpreted_with_errors
from .diagnostics import CODES, Problem, Severity
from .model.fields import Kind
from .pipeline import CheckResult, working_calendar

OLDEST = 10


@dataclass(frozen=True, slots=True)
class RuleCount:
    """How often one rule fired."""

    code: str
    title: str
    severity: str
    count: int


@dataclass(frozen=True, slots=True)
class PolicyStatus:
    """Where one policy stands with its interpretation."""

    index_no: str
    title: str
    doc_type: str
    published: str
    needs_interpretation: bool
    status: str
    """解读及时 / 解读逾期 / 待解读 / 缺少解读 / 免于解读（无时限，有解读也列出） / 无需解读 / 已解读（规则不适用：文种不需解读或早于 rules_from，无时限） /
    未公开 / 日历数据缺失 (:func:`~build_tools.checks.deadlines.interpretation_state`)"""
    due: str | None
    interpretations: tuple[str, ...]
    """The interpretations that count on the day: 主动公开 and published by then."""


@dataclass(frozen=True, slots=True)
class ComplianceReport:
    """The whole catalogue's compliance on ``as_of``."""

    as_of: str
    records: int
    errors: int
    warnings: int
    rules: tuple[RuleCount, ...]
    oldest: tuple[dict, ...]
    """The open problems about the oldest publications first (JSON shape of a problem plus its date)."""
    policies: tuple[PolicyStatus, ...]

    def to_json(self) -> dict:
        """A JSON-ready dict."""
        return asdict(self)


def build_report(result: CheckResult) -> ComplianceReport:
    """Summarise a check for people who answer for the catalogue."""
    problems = result.problems
    counts = Counter(p.code for p in problems)
    # As the problems were reported, the office's severity overrides applied (the counts above the rules are
    # of them too): the default beside them contradicted the report's own totals (an audit).
    said = {p.code: p.severity for p in problems if p.severity is Severity.ERROR}
    said.update({p.code: p.severity for p in problems if p.code not in said})
    rules = tuple(RuleCount(code, CODES[code].title, said[code].value, counts[code])
                  for code in CODES if counts[code])
    return ComplianceReport(
        as_of=result.as_of.isoformat(),
        records=len(result.catalogue.records),
        errors=sum(p.severity is Severity.ERROR for p in problems),
        warnings=sum(p.severity is Severity.WARNING for p in problems),
        rules=rules,
        oldest=_oldest(result, problems),
        policies=_policies(result),
    )


def _oldest(result: CheckResult, problems: tuple[Problem, ...]) -> tuple[dict, ...]:
    by_source = {r.source: r for r in result.catalogue.records}
    dated = []
    for p in problems:
        if CODES[p.code].phase != "compliance":
            continue
        record = by_source.get(p.file)
        day = record.published if record else dt.date.max
        dated.append((day, p))
    dated.sort(key=lambda item: (item[0], item[1].sort_key()))
    return tuple({**p.to_json(), "published": day.isoformat() if day != dt.date.max else None}
                 for day, p in dated[:OLDEST])


def _policies(result: CheckResult) -> tuple[PolicyStatus, ...]:
    """Each policy's interpretation status, read as ``check`` reads it (deadlines.interpretation_state):
    the report and the check never disagree (an audit found them apart on five cases)."""
    calendar, _ = working_calendar(result.config)
    rows = []
    broken = interpreted_with_errors(result.catalogue, result.as_of)
    for r in sorted(result.catalogue.records, key=lambda r: (r.published, r.index_no)):
        if r.kind is not Kind.POLICY:
            continue
        state = interpretation_state(r, result.catalogue, result.graph, result.config, calendar, result.as_of, broken)
        due = state.timeliness.due if state.timeliness is not None else None
        rows.append(PolicyStatus(r.index_no, r.title, r.doc_type.label if r.doc_type else "",
                                 r.published.isoformat(), interpretation_rule_applies(r, result.config), state.status,
                                 due.isoformat() if due else None, tuple(i.index_no for i in state.interpretations)))
    return tuple(rows)


def report_text(report: ComplianceReport) -> str:
    """The report for a terminal or an e-mail."""
    lines = [f"政府信息公开目录合规报告（截至 {report.as_of}）",
             f"记录 {report.records} 条；错误 {report.errors} 个，警告 {report.warnings} 个。", ""]
    lines.append("一、各项规则")
    if not report.rules:
        lines.append("  全部符合。")
    for rule in report.rules:
        level = "错误" if rule.severity == "error" else "警告"
        lines.append(f"  {rule.title}（{rule.code}，{level}）：{rule.count}")
    lines += ["", "二、最早的未解决问题"]
    if not report.oldest:
        lines.append("  无。")
    for item in report.oldest:
        lines.append(f"  {item['published'] or '-'}  {item['file']}:{item['line'] or ''}  {item['message']}")
    lines += ["", "三、政策文件解读情况"]
    counts = Counter(p.status for p in report.policies)
    lines.append("  " + "，".join(f"{k} {v}" for k, v in sorted(counts.items())))
    for p in report.policies:
        if p.needs_interpretation:
            due = f"，期限 {p.due}" if p.due else ""
            lines.append(f"  {p.index_no}  {p.status}{due}  {p.title}")
    return "\n".join(lines)
