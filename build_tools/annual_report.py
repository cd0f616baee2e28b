"""The annual disclosure report (政府信息公开工作年度报告) as data.

An annual-report record carries its statistics in front matter
(``statistics:``, shape in docs/editors/index.md).  This module holds

- the 30号 format itself (国办公开办函〔2021〕30号): the rows and columns of
  tables 二, 三 and 四, in the order and wording of the format, so the
  reader, the checks, the draft command and the page all use one table;
- :func:`parse_statistics`: front matter → :class:`AnnualStatistics` or
  problems (full-width digits pasted from Word are read with a warning;
  money is :class:`~decimal.Decimal`, never a float);
- :func:`article_20_1`: table 二（一） (规章 and 行政规范性文件: 本年制发 /
  本年废止 / 现行有效) computed from the catalogue, never typed, with the
  counting rules of the configuration (:class:`CountingRules`);
- :func:`figures` and :func:`fill_body`: the numbers a report's prose may
  show through ``【统计：名称】`` markers, which are replaced by the core
  (plain text substitution, never a template: record bodies are data, see
  docs/dev/threat-model.md);
- :func:`draft_report`: the text of a draft record for ``catalogue annual-report``.

Which records count: those the public site holds on the day (主动公开 and
published by ``as_of``, :func:`~build_tools.visibility.public_view`).  The
30号 table counts the 规章 and 行政规范性文件 the agency made (its ``agency``
among their 发文机关: a 省政府办公厅 document the department lists is not its
own); by 条例 Art 20(1) both must be 主动公开 (a withheld one is already an
error), so the public catalogue is the agency's whole output of them, and a
figure on the site never counts a record the public may not see.
"""

from __future__ import annotations

import datetime as dt
import difflib
import errno
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .diagnostics import Problem, problem
from .machinery.new_files import write_new
from .model.fields import DocType, Kind, Validity
from .model.record import Record
from .model.values import visible
from .model.writing import placeholder

# -- the 30号 format ---------------------------------------------------------------------------

FORMAT_FROM_YEAR = 2021
"""30号 applies from the report on 2021; earlier reports used the 2019 trial format."""


def earlier_format(year: int) -> str | None:
    """The format a report on ``year`` was made in when it is not 30号's, in words, or None: the 2019 trial format
    (国办公开办函〔2019〕60号) for the reports on 2019 and 2020, whose table 二（一） counted 本年新制作数量 /
    本年新公开数量 / 对外公开总数量, and before it the 2008 条例's.  Its tables are not what
    this module drafts, computes and checks (a review found 2020 drafted in 30号's)."""
    if year >= FORMAT_FROM_YEAR:
        return None
    if year >= 2019:
        return ("2019 年的试行格式（国办公开办函〔2019〕60号）：表二第二十条第（一）项的列是本年新制作数量、"
                "本年新公开数量、对外公开总数量，表三的“其他处理”也不分 30号格式的三种情形")
    if year >= 2008:
        return "2008 年《条例》时的格式，没有 30号格式的表二、表三、表四"
    return "《条例》施行（2008 年 5 月 1 日）以前的做法，没有 30号格式的表二、表三、表四"


ARTICLE_20_1_TYPES: tuple[DocType, ...] = (DocType.RULE, DocType.NORMATIVE)
"""Rows of table 二（一）, in the format's order."""
ARTICLE_20_1_COLUMNS = (("issued", "本年制发件数", "本年制发"), ("repealed", "本年废止件数", "本年废止"),
                        ("in_force", "现行有效件数", "现行有效"))
"""(JSON key, column heading, short name) of table 二（一）."""

ACTIVITY_ROWS = (  # key, the 第二十条 item, unit
    ("行政许可", "第二十条第（五）项", "本年处理决定数量"),
    ("行政处罚", "第二十条第（六）项", "本年处理决定数量"),
    ("行政强制", "第二十条第（六）项", "本年处理决定数量"),
    ("行政事业性收费", "第二十条第（八）项", "本年收费金额（单位：万元）"),
)
"""Table 二 rows （五）（六）（八）: counts, and one amount in 万元."""
MONEY_KEYS = frozenset({"行政事业性收费"})

REQUEST_COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
"""Table 三's columns; 商业企业 … 其他 stand under 法人或其他组织."""
LEGAL_PERSON_COLUMNS = REQUEST_COLUMNS[1:6]


@dataclass(frozen=True, slots=True)
class RequestRow:
    """One row of table 三."""

    key: str
    """The name editors write in front matter."""
    label: str
    """The row's wording in the 30号 format."""
    section: str
    """一, 二, 三 or 四: the format's top-level row group."""
    group: str = ""
    """For the results under 三 that have sub-rows: the heading, e.g. （三）不予公开."""


_R = RequestRow
REQUEST_ROWS: tuple[RequestRow, ...] = (
    _R("本年新收", "一、本年新收政府信息公开申请数量", "一"),
    _R("上年结转", "二、上年结转政府信息公开申请数量", "二"),
    _R("予以公开", "（一）予以公开", "三"),
    _R("部分公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "三"),
    _R("属于国家秘密", "1.属于国家秘密", "三", "（三）不予公开"),
    _R("其他法律行政法规禁止公开", "2.其他法律行政法规禁止公开", "三", "（三）不予公开"),
    _R("危及三安全一稳定", "3.危及“三安全一稳定”", "三", "（三）不予公开"),
    _R("保护第三方合法权益", "4.保护第三方合法权益", "三", "（三）不予公开"),
    _R("属于三类内部事务信息", "5.属于三类内部事务信息", "三", "（三）不予公开"),
    _R("属于四类过程性信息", "6.属于四类过程性信息", "三", "（三）不予公开"),
    _R("属于行政执法案卷", "7.属于行政执法案卷", "三", "（三）不予公开"),
    _R("属于行政查询事项", "8.属于行政查询事项", "三", "（三）不予公开"),
    _R("本机关不掌握相关政府信息", "1.本机关不掌握相关政府信息", "三", "（四）无法提供"),
    _R("没有现成信息需要另行制作", "2.没有现成信息需要另行制作", "三", "（四）无法提供"),
    _R("补正后申请内容仍不明确", "3.补正后申请内容仍不明确", "三", "（四）无法提供"),
    _R("信访举报投诉类申请", "1.信访举报投诉类申请", "三", "（五）不予处理"),
    _R("重复申请", "2.重复申请", "三", "（五）不予处理"),
    _R("要求提供公开出版物", "3.要求提供公开出版物", "三", "（五）不予处理"),
    _R("无正当理由大量反复申请", "4.无正当理由大量反复申请", "三", "（五）不予处理"),
    _R("要求行政机关确认或重新出具已获取信息", "5.要求行政机关确认或重新出具已获取信息", "三", "（五）不予处理"),
    _R("申请人无正当理由逾期不补正", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "三",
       "（六）其他处理"),
    _R("申请人逾期未缴纳费用", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "三",
       "（六）其他处理"),
    _R("其他处理其他情形", "3.其他", "三", "（六）其他处理"),
    _R("办理结果总计", "（七）总计", "三"),
    _R("结转下年度", "四、结转下年度继续办理", "四"),
)
REQUEST_ROWS_BY_KEY: Mapping[str, RequestRow] = {r.key: r for r in REQUEST_ROWS}
RESULT_ROWS = tuple(r for r in REQUEST_ROWS if r.section == "三" and r.key != "办理结果总计")
"""三（一）…（六）: their sum is 三（七）总计."""
REQUEST_SECTION_LABELS = {"三": "三、本年度办理结果"}

REVIEW_GROUPS = (("行政复议", "行政复议"), ("未经复议起诉", "未经复议起诉"), ("复议后起诉", "复议后起诉"))
"""Table 四's groups: (key, heading); the last two stand under 行政诉讼."""
REVIEW_COLUMNS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")

SECTIONS = ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项")
"""The prose sections of a report (条例 Art 50, 30号)."""

# Names under ``statistics:`` (aliases: the format's wording).
STAT_KEYS = {"第二十条第（一）项": "article_20_1", "article_20_1": "article_20_1", "表二（一）": "article_20_1",
             "主动公开": "activity", "表二": "activity",
             "依申请公开": "requests", "表三": "requests",
             "行政复议和行政诉讼": "reviews", "复议诉讼": "reviews", "表四": "reviews",
             "本年发布": "published", "正文统计": "published"}
STAT_NAMES = {"article_20_1": "第二十条第（一）项", "activity": "主动公开", "requests": "依申请公开",
              "reviews": "行政复议和行政诉讼", "published": "本年发布"}
PUBLISHED_FIGURES = {"本年发布政策文件": Kind.POLICY, "本年发布政策解读": Kind.INTERPRETATION}
"""The prose's figures counted from the catalogue (the public records of each kind published in the year):
``catalogue annual-report`` writes them under 本年发布 as it writes table 二（一）."""


def _norm(name: str) -> str:
    """A name as compared: NFKC (full-width → half-width), no spaces, quotes or enumerators."""
    text = unicodedata.normalize("NFKC", name)
    text = re.sub(r"[\s\u200b-\u200f\u2060\ufeff“”\"'‘’]", "", text)
    return re.sub(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+[.．、])", "", text)


def _aliases() -> dict[str, str]:
    table: dict[str, str] = {}
    for row in REQUEST_ROWS:
        for name in (row.key, row.label):
            table.setdefault(_norm(name), row.key)
    table[_norm("总计")] = "办理结果总计"
    table[_norm("其他")] = "其他处理其他情形"
    return table


_ROW_ALIASES = _aliases()
_STAT_ALIASES = {_norm(k): v for k, v in STAT_KEYS.items()}
_A20_ALIASES = {_norm(n): t for t in ARTICLE_20_1_TYPES for n in (t.value, t.label, *t.aliases)}
_A20_COLUMN_ALIASES = {_norm(n): key for key, heading, short in ARTICLE_20_1_COLUMNS for n in (key, heading, short)}
_ACTIVITY_ALIASES = {_norm(k): k for k, _, _ in ACTIVITY_ROWS}
_PUBLISHED_ALIASES = {_norm(n): k for k in PUBLISHED_FIGURES for n in (k, k.removeprefix("本年发布"))}
_REVIEW_ALIASES = {**{_norm(k): k for k, _ in REVIEW_GROUPS}, _norm("行政诉讼未经复议直接起诉"): "未经复议起诉",
                   _norm("行政诉讼复议后起诉"): "复议后起诉"}


# -- the statistics of one report ---------------------------------------------------------------

Cell = int | None
"""A count; None: not filled in yet (a draft)."""


@dataclass(frozen=True, slots=True)
class Counts:
    """One row of table 二（一）."""

    issued: int
    repealed: int
    in_force: int

    def as_json(self) -> dict[str, int]:
        return {"issued": self.issued, "repealed": self.repealed, "in_force": self.in_force}


@dataclass(frozen=True, slots=True)
class AnnualStatistics:
    """What an annual-report record says in ``statistics:`` (every cell, filled or not)."""

    activity: Mapping[str, int | Decimal | None]
    """Table 二 （五）（六）（八）: 行政许可, 行政处罚, 行政强制 (counts), 行政事业性收费 (万元)."""
    requests: Mapping[str, tuple[Cell, ...]]
    """Table 三: row key → the seven cells of :data:`REQUEST_COLUMNS`."""
    reviews: Mapping[str, tuple[Cell, ...]]
    """Table 四: group key → the five cells of :data:`REVIEW_COLUMNS`."""
    stored: Mapping[str, Counts] | None
    """Table 二（一） as the draft command wrote it (to tell when the report went stale)."""
    published: Mapping[str, int] | None
    """The prose's 本年发布政策文件 and 本年发布政策解读 as the draft command wrote them (:data:`PUBLISHED_FIGURES`)."""
    lines: Mapping[str, int]
    """Line of each part (``requests``, ``requests.本年新收``, ``reviews.行政复议`` …)."""

    def line(self, *path: str) -> int | None:
        """The line of the deepest part of ``path`` the file has."""
        for n in range(len(path), 0, -1):
            key = ".".join(path[:n])
            if key in self.lines:
                return self.lines[key]
        return None

    @property
    def unfilled(self) -> tuple[str, ...]:
        """The figures still empty, named as the format names them."""
        out = [k for k, _, _ in ACTIVITY_ROWS if self.activity.get(k) is None]
        out += [f"表三“{_short(r)}”" for r in REQUEST_ROWS if any(c is None for c in self.requests.get(r.key, (None,)))]
        out += [f"表四“{k}”" for k, _ in REVIEW_GROUPS if any(c is None for c in self.reviews.get(k, (None,)))]
        return tuple(out)


def _short(row: RequestRow) -> str:
    return f"{row.group}{row.label}" if row.group else row.label


class _Reader:
    """Reads ``statistics:`` (the source reader's Scalars, lists and mappings), reporting every problem."""

    def __init__(self, path: str, line: int):
        self.path = path
        self.top_line = line
        self.problems: list[Problem] = []
        self.lines: dict[str, int] = {}
        self.written: dict[str, str] = {}
        """Each row's key as written, for the message on a second spelling of it (:meth:`twice`)."""

    def twice(self, slot: str, key: str, line: int | None, label: str) -> bool:
        """Whether ``slot`` was written already under another spelling (予以公开 and （一）予以公开): the later
        value silently won, and table 三 said only that a sum was wrong (an audit).  Said at the second line."""
        if slot not in self.lines:
            self.written[slot] = key
            return False
        self.problems.append(problem(
            "yaml-duplicate-key", self.path, line or self.top_line, "statistics",
            f"“{visible(key)}”与第 {self.lines[slot]} 行的“{visible(self.written.get(slot, key))}”是同一项（{label}），"
            "只能写一次；这一行没有读取。",
            "删去其中一行，保留数字正确的那一行。"))
        return True

    def bad(self, line: int | None, message: str, hint: str) -> None:
        self.problems.append(problem("statistics-invalid", self.path, line or self.top_line, "statistics",
                                     message, hint))

    @property
    def refused(self) -> int:
        """How many values were refused so far (a warning on full-width digits is none)."""
        return sum(1 for p in self.problems if p.code == "statistics-invalid")

    def number(self, value, line: int, what: str, money: bool = False) -> int | Decimal | None:
        """One cell: digits (full-width ones read with a warning); empty is None (not filled)."""
        from .source import Scalar
        if value is None:
            return None
        if not isinstance(value, Scalar):
            braces = getattr(value, "braces", None) is not None  # 行政许可: {4105}
            written = "列表" if isinstance(value, list) else "花括号中的列表" if braces else "多个字段"
            self.bad(line, f"{what}应当是一个数字，这里写成了{written}。", "写成一个阿拉伯数字，例如 12。")
            return None
        written = value.text.strip()
        text = unicodedata.normalize("NFKC", written)
        text = re.sub(r"[\s\u200b-\u200f\u2060\ufeff]", "", text)
        if not text:
            return None
        if text != written:
            self.problems.append(problem(
                "value-normalised", self.path, value.line, "statistics",
                f"{what}“{visible(written)}”中有全角数字或看不见的字符，已按“{text}”读取。",
                "改用半角（英文输入法下的）数字，例如 12 而不是 １２；从 Word 复制的表格常带有这类字符。"))
        # At most a trillion: a longer run of digits is a paste gone wrong (and Python refuses to read
        # one of over 4,300 digits: a traceback for the whole check, found by a review).
        pattern = r"\d{1,13}(\.\d{1,4})?" if money else r"\d{1,13}"
        if not re.fullmatch(pattern, text, re.ASCII):
            unit = "金额（万元，最多 4 位小数）" if money else "件数（不带小数点、逗号和单位的整数）"
            self.bad(value.line, f"{what}“{visible(written)}”不是有效的{unit}。",
                     "例如 " + ("186420.35" if money else "12") + "；不要写千位分隔符、“件”“万元”等单位或负数。")
            return None
        if money:
            try:
                return Decimal(text)
            except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
                return None
        return int(text)

    def cells(self, value, line: int, what: str, n: int, headings: tuple[str, ...]) -> tuple[Cell, ...] | None:
        if value is None:
            return (None,) * n
        if getattr(value, "braces", None) is not None:  # {12, 3, 1, …}, as the 第二十条第（一）项 rows are written
            written = [str(getattr(v, "text", "") or "") for v in value.braces]
            self.bad(line, f"{what}写在了花括号 {{ }} 中：这一行要用方括号 [ ]，写成 {n} 个数字的列表"
                           f"（{'、'.join(headings)}）。",
                     f"改成：[{', '.join(written)}]")
            return None
        if not isinstance(value, list):
            self.bad(line, f"{what}应当是 {n} 个数字的列表（{'、'.join(headings)}）。",
                     f"例如：[{', '.join(['0'] * n)}]")
            return None
        colons = [v.text for v in value if ":" in str(getattr(v, "text", ""))]
        if colons:  # [1, 0, 0, 0, 0, 0: 1]: a colon typed for a comma (the reader keeps the pair as written)
            numbers = [p for v in value for p in re.split(r"\s*:\s*", str(getattr(v, "text", v) or "").strip())]
            count = "" if len(numbers) == n else f"（改后有 {len(numbers)} 个数字，应当是 {n} 个：{'、'.join(headings)}）"
            self.bad(line, f"{what}中的“{visible(colons[0])}”用了冒号：数字之间要用英文逗号隔开。{count}",
                     f"把冒号改成英文逗号：[{', '.join(numbers)}]")
            return None
        if len(value) != n:
            joined = [p for v in value for p in re.split(r"[，、；;]+", str(getattr(v, "text", v) or "").strip()) if p]
            if len(joined) > len(value):  # [27，6，1 …] typed with the Chinese input method: one item to YAML
                self.bad(line, f"{what}的数字之间用了中文的“，”“、”或“；”，YAML 把它们读成了 {len(value)} 项"
                               f"（应当是 {n} 个数字：{'、'.join(headings)}）。",
                         f"改用英文逗号加空格隔开：[{', '.join(joined)}]")
                return None
            self.bad(line, f"{what}有 {len(value)} 个数字，应当是 {n} 个（{'、'.join(headings)}）。",
                     "从 Word 表格复制时，检查是否漏了或多了一列。")
            return None
        return tuple(self.number(v, getattr(v, "line", line), f"{what}的“{h}”") for v, h in zip(value, headings))

    def mapping(self, value, line: int, what: str) -> dict | None:
        if value is None:
            return {}
        if not isinstance(value, dict) or getattr(value, "braces", None) is not None:  # {0, 0, 2}: no names
            self.bad(line, f"{what}应当是“名称: 取值”的形式。", "见编辑指南《年度报告》一节的完整示例。")
            return None
        return value


def _key_line(mapping, key: str, default: int) -> int:
    """The line of ``key`` in a nested mapping (:class:`~build_tools.source.Block`), else ``default``."""
    return getattr(mapping, "lines", {}).get(key) or default


def _line(value, default: int) -> int:
    from .source import Scalar
    if isinstance(value, Scalar):
        return value.line
    if isinstance(value, list):
        for item in value:
            if isinstance(item, Scalar):
                return item.line
    if getattr(value, "lines", None):  # a nested mapping: its first name's line (a row in braces, {12, 3, …}, has no
        return min(value.lines.values())  # value with a line, and was told on the row above or below: a review)
    if isinstance(value, dict):  # a mapping not from the reader: its first value's line
        for item in value.values():
            found = _line(item, 0)
            if found:
                return found
    return default


def parse_statistics(value, line: int, path: str) -> tuple[AnnualStatistics | None, list[Problem]]:
    """Read an annual report's ``statistics:`` value (from :mod:`build_tools.source`)."""
    r = _Reader(path, line)
    top = r.mapping(value, line, "「统计数据」(statistics)")
    if top is None:
        return None, r.problems
    activity: dict[str, int | Decimal | None] = {k: None for k, _, _ in ACTIVITY_ROWS}
    requests: dict[str, tuple[Cell, ...]] = {row.key: (None,) * len(REQUEST_COLUMNS) for row in REQUEST_ROWS}
    reviews: dict[str, tuple[Cell, ...]] = {k: (None,) * len(REVIEW_COLUMNS) for k, _ in REVIEW_GROUPS}
    stored: dict[str, Counts] | None = None
    published: dict[str, int] | None = None
    for name, part in top.items():
        part_line = _line(part, line)
        which = _STAT_ALIASES.get(_norm(name))
        if which is None:
            r.bad(_key_line(top, name, part_line), f"「统计数据」中没有“{visible(name)}”这一部分。",
                  "可写的部分：" + "、".join(STAT_NAMES.values()) + "。")
            continue
        r.lines[which] = part_line
        body = r.mapping(part, part_line, f"“{STAT_NAMES[which]}”")
        if body is None:
            continue
        if which == "activity":
            for key, v in body.items():
                row = _ACTIVITY_ALIASES.get(_norm(key))
                if row is None:
                    r.bad(_line(v, part_line), f"表二中没有“{visible(key)}”这一项。",
                          "可写：" + "、".join(k for k, _, _ in ACTIVITY_ROWS) + "。")
                    continue
                if r.twice(f"activity.{row}", key, _line(v, part_line), f"表二“{row}”"):
                    continue
                r.lines[f"activity.{row}"] = _line(v, part_line)
                activity[row] = r.number(v, _line(v, part_line), f"表二“{row}”", money=row in MONEY_KEYS)
        elif which == "requests":
            for key, v in body.items():
                row = _ROW_ALIASES.get(_norm(key))
                if row is None:
                    r.bad(_line(v, part_line), f"表三中没有“{visible(key)}”这一行。",
                          "行名见编辑指南《年度报告》一节，例如 本年新收、予以公开、办理结果总计、结转下年度。")
                    continue
                if r.twice(f"requests.{row}", key, _line(v, part_line), f"表三“{_short(REQUEST_ROWS_BY_KEY[row])}”"):
                    continue
                r.lines[f"requests.{row}"] = _line(v, part_line)
                got = r.cells(v, _line(v, part_line), f"表三“{_short(REQUEST_ROWS_BY_KEY[row])}”",
                              len(REQUEST_COLUMNS), REQUEST_COLUMNS)
                if got is not None:
                    requests[row] = got
        elif which == "published":
            published = {}
            for key, v in body.items():
                figure = _PUBLISHED_ALIASES.get(_norm(key))
                if figure is None:
                    r.bad(_line(v, part_line), f"“本年发布”中没有“{visible(key)}”这一项。", "可写：政策文件、政策解读。")
                    continue
                before = r.refused
                n = r.number(v, _line(v, part_line), f"“{figure}”")
                if n is not None:
                    published[figure] = int(n)
                elif r.refused == before:  # left empty: the prose's figure would be counted again on each build
                    r.bad(_key_line(body, key, _line(v, part_line)), f"“本年发布”的“{figure}”没有填写数字：它是报告发布时正文写出的件数，"
                          "空着时网站每次生成都重新计算，已发布的报告会随之改变。",
                          "运行 catalogue annual-report <年度> --format json 查看计算结果，或照报告发布时的件数填写；"
                          "要按目录计算，就删去这一行。")
        elif which == "reviews":
            for key, v in body.items():
                group = _REVIEW_ALIASES.get(_norm(key))
                if group is None:
                    r.bad(_line(v, part_line), f"表四中没有“{visible(key)}”这一组。",
                          "可写：" + "、".join(k for k, _ in REVIEW_GROUPS) + "。")
                    continue
                if r.twice(f"reviews.{group}", key, _line(v, part_line), f"表四“{group}”"):
                    continue
                r.lines[f"reviews.{group}"] = _line(v, part_line)
                got = r.cells(v, _line(v, part_line), f"表四“{group}”", len(REVIEW_COLUMNS), REVIEW_COLUMNS)
                if got is not None:
                    reviews[group] = got
        else:
            stored = {}
            for key, v in body.items():
                doc_type = _A20_ALIASES.get(_norm(key))
                row_map = r.mapping(v, _line(v, part_line), f"表二（一）“{visible(key)}”")
                if doc_type is None or row_map is None:
                    if doc_type is None:
                        r.bad(_line(v, part_line), f"表二（一）中没有“{visible(key)}”这一行。", "可写：规章、行政规范性文件。")
                    continue
                numbers: dict[str, int] = {}
                before = r.refused
                for col, cell in row_map.items():
                    col_key = _A20_COLUMN_ALIASES.get(_norm(col))
                    if col_key is None:
                        r.bad(_line(cell, part_line), f"表二（一）中没有“{visible(col)}”这一列。",
                              "可写：本年制发、本年废止、现行有效。")
                        continue
                    n = r.number(cell, _line(cell, part_line), f"表二（一）“{doc_type.label}{col}”")
                    if n is not None:
                        numbers[col_key] = int(n)
                if len(numbers) == 3:
                    stored[doc_type.value] = Counts(**numbers)
                elif r.refused == before:  # a cell deleted or left empty: the row was dropped unsaid, and its
                    # figures, the written ones too, counted again on each build (an audit)
                    missing = [short for key, _, short in ARTICLE_20_1_COLUMNS if key not in numbers]
                    r.bad(_key_line(body, key, _line(v, part_line)), f"表二（一）“{doc_type.label}”一行缺少“{'”“'.join(missing)}”的数字："
                          "这一行是报告发布时的件数，缺一格时网站会丢开整行、每次生成都重新计算，已发布的报告会随之改变。",
                          "运行 catalogue annual-report <年度> --format json 查看计算结果，照报告发布时的件数补齐三格"
                          "（本年制发、本年废止、现行有效）；要按目录计算，就删去这一行。")
    if any(p.severity.value == "error" for p in r.problems):
        return None, r.problems
    return AnnualStatistics(activity, requests, reviews, stored, published, dict(r.lines)), r.problems


# -- table 二（一） from the catalogue ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CountingRules:
    """How table 二（一） is counted (plugin options ``annual_report_*``, see config.py)."""

    date_field: str = "written"
    """written: 本年制发 by 成文日期 (发布日期 when missing); published: by 发布日期."""
    count_amendments: bool = True
    """A document that amends others counts as 制发 (and then as 现行有效 while in force)."""
    count_expired: bool = True
    """Expiry (有效期至) counts as 废止 in its year, as a repeal does."""
    agency: str = ""
    """The agency whose 规章 and 规范性文件 the table counts (``agency``): records another organ issued alone
    (a 省政府办公厅 document the department lists) are not its 制发 or 现行有效; "" counts every issuer."""
    former_names: tuple[str, ...] = ()
    """The agency's names before (``agency_former_names``): its documents issued then, still in force after a
    机构改革 renamed it, are its own (they had dropped out of 现行有效: a review)."""

    @classmethod
    def of(cls, config) -> CountingRules:
        return cls(config.annual_report_date_field, config.annual_report_count_amendments,
                   config.annual_report_count_expired, config.agency.strip(),
                   tuple(n.strip() for n in config.agency_former_names if n.strip()))

    def counts_issuer(self, record: Record) -> bool:
        """Whether ``record`` is the agency's own (alone or jointly issued, now or under a former name)."""
        return not self.agency or any(name in record.issuer for name in (self.agency, *self.former_names))

    def issued_within(self, record: Record) -> bool:
        """:meth:`counts_issuer`, or issued by one of the agency's own offices (a 发文机关 beginning with its name,
        now or former: 江川省交通运输厅办公室): whose deadlines the agency answers for
        (:func:`~build_tools.checks.deadlines.issued_by_agency`).  Not table 二（一）'s rule: no 内设机构 may issue a
        规范性文件 in its own name."""
        if self.counts_issuer(record):
            return True
        names = [_compact(name) for name in (self.agency, *self.former_names) if name]
        whole = _compact("".join(record.issuer))
        pieces: list[str] = []
        for piece in (p for i in record.issuer for p in re.split(r"[\s,，;；、]+", i) if p):
            if pieces and _REGION_ONLY.fullmatch(pieces[-1]):
                pieces[-1] += piece  # 江川省 财政厅: one name with a space in it (a review)
            else:
                pieces.append(piece)
        # its own when a piece names no organ (办公室, 省厅办公室: a legacy page's 发布机构), begins with the agency's
        # name, written with spaces too (国家税务总局 江川省税务局), or is almost its name (江川省交通厅: an
        # abbreviation, a typo; table 二（一） says so, issuer-resembles-agency); joint ones apart by spaces (reviews)
        # not a unit of its own named after it (江川省交通运输厅公路事业发展中心, 江川省交通运输学校: a later review)
        return any(whole.startswith(n) and not _UNIT.search(whole[len(n):]) for n in names) or any(
            not _ORGAN.search(p) and not _UNIT.search(p)
            or any(_compact(p).startswith(n) and not _UNIT.search(_compact(p)[len(n):]) for n in names)
            or any(difflib.SequenceMatcher(None, _compact(p), n).ratio() >= _ALMOST and _compact(p)[-1:] == n[-1:]
                   for n in names) for p in pieces)


def _compact(name: str) -> str:
    return re.sub(r"\s+", "", name)


_ORGAN = re.compile(r"国家|国务院|中共|中央|全国|中国|自治区|[\u4e00-\u9fff][省市县区州盟旗]|部|委员会|总局|总署")
"""What an organ's name holds that an office's within the agency does not (办公室, 省厅办公室, 综合处): a place's
name before 省 or 市, or a national organ's word (国家铁路局, 中国民用航空局, 交通运输部: a review)."""
_UNIT = re.compile(r"(?:中心|学校|学院|大学|研究院|研究所|医院|站|所|队|馆|院|公司|集团|协会|学会|基金会|出版社|报社)$")
"""How a unit of its own ends (a 事业单位 or a company the agency oversees, named after it or not): its disclosure is its
own, not the agency's; an office within the agency (办公室, 综合处, 法规科) ends otherwise."""
_REGION_ONLY = re.compile(r"[\u4e00-\u9fff]{1,8}(?:省|市|县|区|州|自治区|盟|旗)")
_ALMOST = 0.8
"""How alike a name and the agency's are when one is the other mistyped or shortened (江川省交通厅: 0.86);
江川省交通运输厅 and 江川市交通运输局 are 0.75: two organs."""


def issued_on(record: Record, rules: CountingRules) -> dt.date:
    """The day a record counts as 制发."""
    if rules.date_field == "written" and record.written:
        return record.written
    return record.published


_UNDATED = dt.date.min
"""The end of a record whose 有效性 says it is no longer in force while the catalogue dates no end."""


def _ended(record: Record, public, rules: CountingRules) -> tuple[dt.date | None, bool]:
    """(The first day the record is no longer in force, whether that counts as 废止); None: never (as far as
    dated facts say); :data:`_UNDATED` when its 有效性 says 已废止 or 已失效 and nothing dates it (a
    ``repeal-undated`` warning): not in force in any year, never 废止 in one.  Counted 现行有效 for
    ever before (found by an audit).

    A repealing record ends it on its 实施日期, unless its 有效性 says 部分失效 (some of its articles repealed, the
    rest in force: its page says so); 有效期至 is the last day in force, so it ends the next day
    (有效期至 12月31日 is in force on that day, as its page shows, and ends in the next year, as a repeal taking
    effect on 1月1日 does: counted a year apart before, found by an audit).  A 有效期至 on a record whose
    有效性 says 已废止 dates its repeal (as ``repeal-undated`` asks): 废止 whatever ``count_expired`` says; one
    still to come on ``as_of`` dates nothing (repealed early, the day unknown: it had been counted in force
    until then)."""
    ends: list[tuple[dt.date, bool]] = []
    # 部分失效: what repeals it repeals some of its articles, and it stays in force (a review found it counted 废止)
    repealed = () if record.validity is Validity.PARTIALLY_INVALID else public.graph.repealed_by.get(record.index_no, ())
    for n in repealed:
        other = public.get(n)
        if other is not None:
            ends.append((other.effective or other.published, True))
    later = getattr(public, "ends_not_public", {}).get(record.index_no)
    if later is not None and record.validity is not Validity.PARTIALLY_INVALID:  # repealed by a record not public
        ends.append((later, True))  # (yet): its day, nothing more of it
    said_ended = record.validity in (Validity.REPEALED, Validity.EXPIRED)
    if record.expires and not (said_ended and expiry_to_come(record, public.as_of)):
        ends.append((record.expires + dt.timedelta(days=1), rules.count_expired or record.validity is Validity.REPEALED))
    if not ends:
        return (_UNDATED, False) if said_ended else (None, False)
    day = min(d for d, _ in ends)
    return day, any(counts for d, counts in ends if d == day)


def expiry_to_come(record: Record, as_of: dt.date) -> bool:
    """Whether ``record``'s 有效期至 has yet to pass on ``as_of`` (the day itself is its last in force)."""
    return record.expires is not None and record.expires >= as_of


@dataclass(frozen=True, slots=True)
class Members:
    """Which records make each count of one row of table 二（一） (their index numbers)."""

    issued: frozenset[str]
    repealed: frozenset[str]
    in_force: frozenset[str]

    def counts(self) -> Counts:
        return Counts(len(self.issued), len(self.repealed), len(self.in_force))


def article_20_1_members(public, year: int, rules: CountingRules) -> dict[str, Members]:
    """:func:`article_20_1` record by record."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    out = {}
    for doc_type in ARTICLE_20_1_TYPES:
        issued, repealed, in_force = set(), set(), set()
        for r in public.records:
            if r.kind is not Kind.POLICY or r.doc_type is not doc_type:
                continue
            if r.amends and not rules.count_amendments or not rules.counts_issuer(r):
                continue
            end, as_repeal = _ended(r, public, rules)
            if first <= issued_on(r, rules) <= last:
                issued.add(r.index_no)
            if end is not None and as_repeal and first <= end <= last:
                repealed.add(r.index_no)
            if (r.effective or r.published) <= last and (end is None or end > last):
                in_force.add(r.index_no)
        out[doc_type.value] = Members(frozenset(issued), frozenset(repealed), frozenset(in_force))
    return out


def article_20_1(public, year: int, rules: CountingRules) -> dict[str, Counts]:
    """Table 二（一） for ``year`` from the public catalogue (``PublicCatalogue``): 规章 and 行政规范性文件.

    - 本年制发: made in the year (:func:`issued_on`); amending documents only
      with ``count_amendments``;
    - 本年废止: stopped in the year, by a repealing record taking effect
      (its 实施日期, else its 发布日期) or by expiry (the day after 有效期至, with ``count_expired``, or
      always when its 有效性 says 已废止: :func:`_ended`);
    - 现行有效: in force on 31 December: took effect by then (实施日期, else
      发布日期) and not yet stopped; one whose 有效性 says 已废止 or 已失效 with
      nothing dating it is in force in no year.

    现行有效(Y) = 现行有效(Y−1) + 制发 − 废止 holds only where each document took effect in the year it
    was made and stopped with a dated repeal: :func:`reconciliation` names the ones that break it.
    """
    return {key: members.counts() for key, members in article_20_1_members(public, year, rules).items()}


def reconciliation(public, year: int, rules: CountingRules, now: Mapping[str, Members] | None = None) -> list[str]:
    """Why 现行有效(Y) ≠ 现行有效(Y−1) + 制发 − 废止 for ``year``, a line per type that does not add up,
    then one per record that makes the difference (an auditor's sanity check, DOMAIN §6).  ``now``: the
    year's :func:`article_20_1_members` when the caller has them."""
    now = now if now is not None else article_20_1_members(public, year, rules)
    before = article_20_1_members(public, year - 1, rules)
    lines = []
    for t in ARTICLE_20_1_TYPES:
        a, b = now[t.value], before[t.value]
        expected = len(b.in_force) + len(a.issued) - len(a.repealed)
        if expected == len(a.in_force):
            continue
        lines.append(f"{t.label}：上年现行有效 {len(b.in_force)} + 本年制发 {len(a.issued)} − 本年废止 {len(a.repealed)} "
                     f"= {expected}，本年现行有效却是 {len(a.in_force)}：")
        entered, left = a.in_force - b.in_force, b.in_force - a.in_force
        for n in sorted(entered - a.issued):
            lines.append(f"  {n} 不是本年制发，本年起才现行有效（往年制发、本年施行）")
        for n in sorted(a.issued - entered - a.repealed):
            lines.append(f"  {n} 本年制发，年底还不是现行有效（次年起施行，或有效性写着已废止、已失效）")
        for n in sorted(left - a.repealed):
            lines.append(f"  {n} 本年不再现行有效，却没有计入本年废止（有效期届满不计为废止，或没有废止日期）")
        for n in sorted(a.repealed - left - a.issued):
            lines.append(f"  {n} 计入本年废止，上年年底却不是现行有效（上年尚未施行）")
    return lines


def article_20_1_json(year: int, counts: Mapping[str, Counts]) -> dict:
    """``catalogue annual-report YEAR --format json`` (the key names are a contract)."""
    return {"year": year, "article_20_1": {t.value: counts[t.value].as_json() for t in ARTICLE_20_1_TYPES}}


# -- figures the prose may show ------------------------------------------------------------------

MARKER = re.compile(r"(?:[【〖［]\s*统计\s*[：:]\s*([^】〗］\n]*?)\s*[】〗］]|\[\s*统计\s*[：:]\s*([^\]\n]*?)\s*\](?!\())")
"""``【统计：名称】`` in a report's body: replaced by the figure, or (表二/表三/表四) by the table; its brackets
typed in English mode (``[统计：名称]``), full width or 〖〗 too (they were printed where the figure belonged,
nothing said: a review), not a link's text (``[统计：…](…)``); a 【】 marker before an ASCII bracket is one (``(件)``:
a later review)."""
TABLE_MARKERS = {"表二": "t2", "表三": "t3", "表四": "t4"}


def _named(m: re.Match) -> str:
    """The name a :data:`MARKER` holds, in whichever brackets."""
    return m.group(1) if m.group(1) is not None else m.group(2)


def figure_names() -> tuple[str, ...]:
    """Every name a marker may use (documented in the editors' guide)."""
    names = list(PUBLISHED_FIGURES)
    names += [f"{t.label}{short}" for t in ARTICLE_20_1_TYPES for _, _, short in ARTICLE_20_1_COLUMNS]
    names += [k for k, _, _ in ACTIVITY_ROWS]
    names += ["本年新收申请", "上年结转申请", "办理结果总计", "结转下年度申请", "行政复议总计", "行政诉讼总计"]
    return tuple(names)


def counted_for(record: Record, rules: CountingRules) -> bool:
    """Whether the catalogue counts ``record``'s table 二（一） and 本年发布 where the report stores none, and checks
    the stored ones: only for the agency's own report (its issuer read as the deadline check reads it,
    :meth:`CountingRules.issued_within`: a 所属单位's report fills none of the agency's years there either).
    A 所属单位's report the department lists (江川省公路事业发展中心's) was shown the department's counts as its own
    and told to write them (annual-report-stale, a review): the catalogue holds the department's 规章 and
    规范性文件, not the unit's (those on the unit's own site, or before the catalogue, it never saw), so a count
    of the unit's documents in it would be 0 for want of records, not the unit's figure.  Its report shows the
    figures it stores, as published, and the check asks for them when they are not written."""
    return rules.issued_within(record)


def article_20_1_shown(record: Record, public, rules: CountingRules) -> dict:
    """Table 二（一） as ``record``'s page shows it, in its table and in its prose alike: the numbers the
    report was published with (written by ``catalogue annual-report``; a difference from the catalogue
    is an ``annual-report-stale`` warning), else those computed on the build day.  The prose showed the
    computed ones beside the stored table (two numbers on one page, found by an audit).  A row neither stored
    nor counted (a 所属单位's report: :func:`counted_for`) is left out."""
    s = record.statistics
    stored = dict(s.stored) if s and s.stored else {}
    if not counted_for(record, rules):
        return stored
    return {**article_20_1(public, record.fiscal_year, rules), **stored}


def published_counts(public, year: int) -> dict[str, int]:
    """The prose's :data:`PUBLISHED_FIGURES` for ``year``: the public records of each kind published in it."""
    return {name: sum(1 for r in public.records if r.published.year == year and r.kind is kind)
            for name, kind in PUBLISHED_FIGURES.items()}


def published_shown(record: Record, public, rules: CountingRules) -> dict[str, int]:
    """The prose's :data:`PUBLISHED_FIGURES` as ``record``'s page shows them: those the report was published
    with (a difference from the catalogue is an ``annual-report-stale`` warning), else computed on the build
    day.  A record back-dated into the year later had changed a published report's prose under its readers.
    A 所属单位's report: only those it stores (:func:`counted_for`; the department's lists are not its own)."""
    s = record.statistics
    stored = dict(s.published) if s and s.published else {}
    if not counted_for(record, rules):
        return stored
    return {**published_counts(public, record.fiscal_year), **stored}


def figures(record: Record, public, rules: CountingRules) -> dict[str, str]:
    """Every figure a marker in ``record``'s body may show, as text (empty cells, and figures neither stored nor
    counted: “—”)."""
    out: dict[str, str] = {k: "—" for k in PUBLISHED_FIGURES}
    out.update({k: str(n) for k, n in published_shown(record, public, rules).items()})
    counts = article_20_1_shown(record, public, rules)
    for t in ARTICLE_20_1_TYPES:
        for key, _, short in ARTICLE_20_1_COLUMNS:
            out[f"{t.label}{short}"] = str(getattr(counts[t.value], key)) if t.value in counts else "—"
    s = record.statistics
    show = lambda v: "—" if v is None else str(v)  # noqa: E731
    for key, _, _ in ACTIVITY_ROWS:
        out[key] = show(s.activity.get(key)) if s else "—"
    total = lambda rows, key: show(rows.get(key, (None,))[-1]) if s else "—"  # noqa: E731
    out["本年新收申请"] = total(s.requests if s else {}, "本年新收")
    out["上年结转申请"] = total(s.requests if s else {}, "上年结转")
    out["办理结果总计"] = total(s.requests if s else {}, "办理结果总计")
    out["结转下年度申请"] = total(s.requests if s else {}, "结转下年度")
    out["行政复议总计"] = total(s.reviews if s else {}, "行政复议")
    if s and all(s.reviews[k][-1] is not None for k in ("未经复议起诉", "复议后起诉")):
        out["行政诉讼总计"] = str(s.reviews["未经复议起诉"][-1] + s.reviews["复议后起诉"][-1])
    else:
        out["行政诉讼总计"] = "—"
    return out


@dataclass(frozen=True, slots=True)
class MarkerUse:
    """One ``【统计：…】`` in a body."""

    name: str
    line: int
    """Line in the file."""
    start: int
    end: int


def marker_names(text: str) -> list[str]:
    """The names of the markers in ``text`` (a title, a 内容概述), in order: only a body's are ever filled."""
    return [_norm(_named(m)) for m in MARKER.finditer(text)]


def markers(record: Record) -> list[MarkerUse]:
    """Every marker in ``record``'s body, with its line in the file."""
    out = []
    for m in MARKER.finditer(record.body):
        line = record.body_line + record.body.count("\n", 0, m.start())
        out.append(MarkerUse(_norm(_named(m)), line, m.start(), m.end()))
    return out


def slot(table: str) -> str:
    """The HTML a table marker becomes; the theme's partial puts the table there."""
    return f'<div id="cat-ar-slot-{table}"></div>'


def fill_body(record: Record, body: str, values: Mapping[str, str]) -> tuple[str, frozenset[str]]:
    """``body`` (``record``'s, links already rewritten) with its markers replaced.

    Figures become their text; 表二/表三/表四 on a line of their own become
    :func:`slot` (an empty element the theme fills).  An unknown name is left
    as written (``catalogue check`` reports it at its line).  Returns the
    body and the tables placed.
    """
    placed: set[str] = set()

    def one(m: re.Match) -> str:
        name = _norm(_named(m))
        if name in TABLE_MARKERS:
            placed.add(TABLE_MARKERS[name])
            return "\n\n" + slot(TABLE_MARKERS[name]) + "\n\n"
        return values.get(name, m.group(0))

    return MARKER.sub(one, body), frozenset(placed)


def annual_body(page, body: str) -> str:
    """A record page's Markdown body; an annual report's with its markers filled (``page.annual``)."""
    if page.annual is None:
        return body
    return fill_body(page.record, body, page.annual.figures)[0]


def search_body(record: Record, public, body: str) -> str:
    """An annual report's body for the search index: markers replaced, never shown raw.

    The search index is built without the configuration, so the figures of
    table 二（一） (which depend on the counting options) are left out of it
    rather than counted by rules the site may not use; every other figure is
    the page's.
    """
    if record.kind is not Kind.ANNUAL_REPORT or "统计" not in body or not record.fiscal_year:
        return body
    values = figures(record, public, CountingRules())
    rule_bound = {f"{t.label}{short}" for t in ARTICLE_20_1_TYPES for _, _, short in ARTICLE_20_1_COLUMNS}
    values = {k: ("" if k in rule_bound else v) for k, v in values.items()}
    values.update({name: "" for name in TABLE_MARKERS})
    return MARKER.sub(lambda m: values.get(_norm(_named(m)), m.group(0)), body)


# -- deadlines ---------------------------------------------------------------------------------


_TITLE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年(?!\d)")


def title_year(title: str) -> int | None:
    """The year an annual report's title says it reports on (江川省交通运输厅2024年政府信息公开工作年度报告, 2024年度…),
    full-width digits too; None when it names no year or more than one."""
    years = {int(m.group(1)) for m in _TITLE_YEAR.finditer(unicodedata.normalize("NFKC", title))}
    return years.pop() if len(years) == 1 else None


def report_deadline(year: int, configured: tuple[int, int]) -> dt.date:
    """The last day the report on ``year`` may be published (条例 Art 49).

    Under the 2008 条例 (reports due before the revised one took effect on
    2019-05-15, i.e. reports on 2018 and earlier) everyone had until 3月31日.
    """
    if year <= 2018:
        return dt.date(year + 1, 3, 31)
    month, day = configured
    return dt.date(year + 1, month, day)


# -- the draft ---------------------------------------------------------------------------------


def draft_report(year: int, counts: Mapping[str, Counts], *, index_no: str, agency: str, category: str,
                 published: dt.date, prose: Mapping[str, int], carried: tuple[int, ...] | None = None) -> str:
    """The Markdown of a draft annual-report record for ``year``; ``carried``: 表三 二、上年结转, the last
    report's 四、结转下年度 (the catalogue knows it: not typed again)."""
    title = f"{agency}{year}年政府信息公开工作年度报告" if agency else f"{year}年政府信息公开工作年度报告"
    lines = ["---", f"index_no: {index_no}", f"title: {title}", "kind: annual-report",
             f"issuer: {agency or placeholder('本机关名称')}", f"category: {category}", f"fiscal_year: {year}",
             f"published: {published.isoformat()}",
             f"keywords: [政府信息公开, 年度报告, {year}年]",
             f"summary: 报告{agency}{year}年政府信息公开工作总体情况、主动公开、依申请公开、行政复议和行政诉讼、存在问题及改进情况。",
             "statistics:",
             "  # 第二十条第（一）项：由 catalogue annual-report 从目录计算，不要手工修改。",
             "  第二十条第（一）项:"]
    for t in ARTICLE_20_1_TYPES:
        c = counts[t.value]
        lines.append(f"    {t.label}: {{本年制发: {c.issued}, 本年废止: {c.repealed}, 现行有效: {c.in_force}}}")
    lines += ["  # 正文中【统计：本年发布政策文件】【统计：本年发布政策解读】的件数：由 catalogue annual-report 从目录计算，不要手工修改。",
              "  本年发布:", *(f"    {k.removeprefix('本年发布')}: {prose[k]}" for k in PUBLISHED_FIGURES)]
    lines += ["  # 第二十条第（五）（六）（八）项：请填写（行政事业性收费单位为万元）。", "  主动公开:"]
    lines += [f"    {k}:" for k, _, _ in ACTIVITY_ROWS]
    lines += [f"  # 表三：每行 7 个数字，依次为 {'、'.join(REQUEST_COLUMNS)}。", "  依申请公开:"]
    lines += [f"    {row.key}: [{', '.join(map(str, carried))}]   # 即{year - 1}年报告的结转下年度" if row.key == "上年结转" and carried
              else f"    {row.key}: [~, ~, ~, ~, ~, ~, ~]" for row in REQUEST_ROWS]
    lines += [f"  # 表四：每组 5 个数字，依次为 {'、'.join(REVIEW_COLUMNS)}。", "  行政复议和行政诉讼:"]
    lines += [f"    {k}: [~, ~, ~, ~, ~]" for k, _ in REVIEW_GROUPS]
    lines.append("---")
    lines.append(f"本报告根据《中华人民共和国政府信息公开条例》第五十条和国务院办公厅政府信息公开办公室关于"
                 f"政府信息公开工作年度报告格式的要求编制，所列数据统计期限为{year}年1月1日至12月31日。")
    body = {  # what only the office knows is a placeholder the check reports until it is written (a review found
        # the bare （待填写） of earlier drafts published, sections 五 and 六 of 条例 Art 50 never written)
        0: [f"{placeholder('总体情况')}{year}年，全年主动公开政策文件【统计：本年发布政策文件】件、"
            "政策解读【统计：本年发布政策解读】件。"],
        1: ["【统计：表二】"],
        2: ["【统计：表三】", "", f"{placeholder('依申请公开情况')}本年度新收申请【统计：本年新收申请】件，"
            "上年结转【统计：上年结转申请】件。"],
        3: ["【统计：表四】", "", placeholder("行政复议、行政诉讼情况")],
        4: [placeholder("存在的主要问题及改进情况")],
        5: [f"{placeholder('其他需要报告的事项')}本年度收取信息处理费情况。"],
    }
    for i, heading in enumerate(SECTIONS):
        lines += ["", f"## {heading}", "", *body[i]]
    return "\n".join(lines) + "\n"


def unknown_markers(record: Record) -> Iterable[MarkerUse]:
    """Markers whose name is neither a figure nor a table."""
    known = set(figure_names()) | set(TABLE_MARKERS)
    return (m for m in markers(record) if m.name not in known)


# -- ``catalogue annual-report YEAR`` -------------------------------------------------------------

INDEX_PLACEHOLDER = "（待填写索引号）"
"""Written when the next free index number cannot be worked out from the pattern; ``catalogue check`` reports it."""


@dataclass(frozen=True, slots=True)
class DraftPlan:
    """What ``catalogue annual-report YEAR`` computed and would write."""

    year: int
    counts: Mapping[str, Counts]
    path: Path
    text: str
    index_no: str
    unread: int
    """Record files with errors that kept them from being read as records: not counted."""
    kept_off: int
    """Records kept off the site until their personal data, or a withheld record's name in them, is corrected: not
    counted, as the site does not."""
    existing: tuple[str, ...]
    """Files of annual reports on ``year`` already in the catalogue."""
    reconciliation: tuple[str, ...] = ()
    """Why 现行有效 does not carry over from last year (:func:`reconciliation`), for the auditor."""
    other_issuers: int = 0
    """Public 规章 and 规范性文件 another organ issued alone: not the agency's, not counted."""


def next_index_no(records: Iterable[Record], pattern: re.Pattern, day: dt.date, agency_code: str = "",
                  example: str = "", numbers: Iterable[str] = (), avoid: Iterable[str] = ()) -> str:
    """The next free index number for a record dated ``day`` (:mod:`build_tools.index_numbers`),
    or :data:`INDEX_PLACEHOLDER` when the pattern does not let it be worked out.

    ``numbers`` adds the numbers of files that did not validate: they are taken too; ``avoid``: numbers never given,
    which set no sequence (those held in Git: :func:`.index_numbers.next_index_no`).
    """
    from .index_numbers import IndexNoError, next_index_no as next_free
    try:
        return next_free({*(r.index_no for r in records), *numbers}, pattern, day,
                         agency_code=agency_code, example=example, avoid=avoid)
    except IndexNoError:
        return INDEX_PLACEHOLDER


def plan_draft(config, year: int, as_of: dt.date, out_dir: Path | None = None) -> DraftPlan:
    """Check the catalogue on ``as_of``, count table 二（一） for ``year`` and compose the draft record."""
    from .history import numbers_ever_held
    from .pipeline import check_catalogue, kept_off, numbers_taken
    from .visibility import public_view
    result = check_catalogue(config, as_of)
    held = kept_off(result.catalogue, result.problems)
    public = public_view(result.catalogue, result.graph, as_of, held)
    rules = CountingRules.of(config)
    members = article_20_1_members(public, year, rules)
    counts = {key: m.counts() for key, m in members.items()}
    records = result.catalogue.records
    index_no = next_index_no(records, config.index_no_pattern, as_of, config.agency_code, config.index_no_example,
                             numbers=numbers_taken(result.loaded, Path(config.catalogue_dir)),
                             avoid=numbers_ever_held(Path(config.catalogue_dir)))
    existing_reports = [r for r in records if r.kind is Kind.ANNUAL_REPORT]
    category = next((r.category for r in existing_reports), None)
    if category is None:
        category = "综合政务/政务公开" if "综合政务/政务公开" in config.allowed_categories else config.categories[0]
    agency = config.agency or next((r.issuer[0] for r in existing_reports if r.issuer), "")
    last = [r for r in existing_reports if r.fiscal_year == year - 1 and r.statistics is not None
            and counted_for(r, rules)]  # a 所属单位's report of that year had left 上年结转 to be typed (a review)
    carried = last[0].statistics.requests["结转下年度"] if len(last) == 1 else None
    text = draft_report(year, counts, index_no=index_no, agency=agency, category=category, published=as_of,
                        prose=published_counts(public, year), carried=carried if carried and None not in carried else None)
    if out_dir is None:
        out_dir = config.catalogue_dir / "reports" if (config.catalogue_dir / "reports").is_dir() else config.catalogue_dir
    unread = sum(1 for v in result.loaded.validated if v.record is None)
    existing = tuple(r.source for r in existing_reports if r.fiscal_year == year)
    others = sum(1 for r in public.records
                 if r.kind is Kind.POLICY and r.doc_type in ARTICLE_20_1_TYPES and not rules.counts_issuer(r))
    return DraftPlan(year, counts, out_dir / f"annual-report-{year}.md", text, index_no, unread, len(held), existing,
                     tuple(reconciliation(public, year, rules, members)), others)


def write_draft(plan: DraftPlan) -> None:
    """Write the draft; never over an existing file (``FileExistsError``, raised before anything is
    written); ``NotADirectoryError`` when the folder to write into is a file."""
    for folder in (plan.path.parent, *plan.path.parent.parents):
        if folder.exists():
            if not folder.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, "不是目录", str(folder))
            break
    write_new(plan.path, plan.text)  # never over a file, even against a racing writer; nothing left on a full disk
