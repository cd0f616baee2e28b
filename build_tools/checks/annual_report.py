"""Checks of annual reports: table arithmetic, unfilled cells, stale figures, markers, deadlines.

- 表三 (30号): per column 一 + 二 = 三（七） + 四; 三（七） = the sum of （一）…（六）;
  per row 总计 = the sum of the other six columns.  表四: each group's 总计 =
  维持 + 纠正 + 其他 + 尚未审结.  Each problem names the figure and shows both sums.
- ``annual-report-stale``: table 二（一） as the draft command stored it no
  longer matches the catalogue (a record added or repealed after the report).
- ``annual-report-unfilled``: cells left ``~``; a report on 2021 or later without ``statistics`` and no table
  in its text; a 所属单位's report without its own table 二（一） (the catalogue counts the agency's only).
- ``annual-report-format``: a report on a year before 30号 that uses its statistics or
  table markers (the tables would not be that year's).
- ``annual-report-unknown-figure``: a ``【统计：…】`` marker with a name that is
  no figure, at its line (in any record: outside an annual report no marker works, nor outside a body).
- Deadlines: :func:`~build_tools.checks.deadlines.check_annual_report_deadlines`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re

from ..annual_report import (FORMAT_FROM_YEAR, PUBLISHED_FIGURES, earlier_format, marker_names, published_counts,
                             ARTICLE_20_1_COLUMNS, ARTICLE_20_1_TYPES, REQUEST_COLUMNS, REQUEST_ROWS, REQUEST_ROWS_BY_KEY,
                             RESULT_ROWS, REVIEW_COLUMNS, REVIEW_GROUPS, CountingRules, AnnualStatistics, article_20_1,
                             counted_for, figure_names, markers, TABLE_MARKERS)
from ..catalogue import Catalogue
from ..config import CatalogueConfig
from ..diagnostics import Problem, problem
from ..graph import LinkGraph
from ..model.fields import FIELDS_BY_KEY, DocType, Kind
from ..model.record import Record
from ..visibility import public_view
from .deadlines import check_annual_report_deadlines
from .validity import check_undated_ends


def check_annual_reports(catalogue: Catalogue, graph: LinkGraph, config: CatalogueConfig,
                         as_of: dt.date, kept_off: frozenset[str] = frozenset()) -> list[Problem]:
    """Every annual-report problem of the catalogue on ``as_of``; ``kept_off``: the records the site
    does not publish though 主动公开 (:func:`.pipeline.kept_off`), not counted, as on the site."""
    problems: list[Problem] = []
    for r in catalogue.records:
        if "统计" in r.body:
            problems += _markers(r)
        problems += _markers_outside_body(r)
    problems += _issuers_like_the_agency(catalogue, config.agency.strip(), CountingRules.of(config))
    reports = [r for r in catalogue.records if r.kind is Kind.ANNUAL_REPORT]
    if not reports:
        return problems
    problems += _not_proactive(reports, config.rules_from["disclosure"].year)
    public = public_view(catalogue, graph, as_of, kept_off)
    rules = CountingRules.of(config)
    problems += _carry_over(reports, rules)
    # documents said repealed with nothing dating it count in no year: a published report's figures then differ
    # though nothing happened in its year, and the hint had told the editor to change them (a review)
    undated = {p.file for p in check_undated_ends(catalogue, graph, as_of)}
    for r in reports:
        problems += _earlier_format(r)
        s = r.statistics
        if s is None:
            problems += _no_statistics(r)
            continue
        problems += _unfilled(r, s)
        problems += _arithmetic(r, s)
        if not counted_for(r, rules):  # a 所属单位's: nothing of it counted, nothing compared with the agency's
            problems += _not_counted(r, s, config.agency.strip())
            continue
        if s.stored is not None and r.fiscal_year:
            problems += _stale(r, s, article_20_1(public, r.fiscal_year, rules),
                               lambda t: _short_of_row(catalogue, kept_off, t, undated))
        if s.published and r.fiscal_year:
            short = _short_of(catalogue, kept_off, lambda h, y=r.fiscal_year: h.published.year == y
                              and h.kind in (Kind.POLICY, Kind.INTERPRETATION))
            problems += _stale_prose(r, s, published_counts(public, r.fiscal_year), short)
    problems += check_annual_report_deadlines(catalogue, config, as_of)
    return problems


def _not_proactive(reports: list[Record], first_required: int) -> list[Problem]:
    """``disclosure-not-allowed`` for an annual report not 主动公开: 条例 Art 49 has it 向社会公布 and Art 50 says what
    it reports to the public; no ground of Art 14–16 withholds a report on the office's own disclosure work.  Filed
    依申请公开 (an import, a copied template), the 2024 report was off the site, nothing said on its file, while the
    2023 one was told the 2024 report was missing and to draft a second (a review), as budgets were before
    (:func:`~build_tools.checks.fiscal._not_proactive`).  Not a report on a year before the 条例 required one
    (``rules_from.disclosure``: voluntary then)."""
    return [problem(
        "disclosure-not-allowed", r.source, r.line_of("disclosure"), "disclosure",
        f"政府信息公开工作年度报告必须主动公开（《政府信息公开条例》第四十九条、第五十条：年度报告向社会公布），"
        f"不能{r.disclosure.label}；现在这份{r.fiscal_year}年年度报告不会出现在网站上。",
        "删去「公开方式」和「不公开理由」两行（或把公开方式改为 主动公开）。")
        for r in reports if not r.is_proactive and r.fiscal_year and r.fiscal_year >= first_required]


def _carry_over(reports: list[Record], rules: CountingRules) -> list[Problem]:
    """表三 二、上年结转 of year Y against 四、结转下年度 of the same issuer's report on Y−1: the requests carried out of
    one year are those carried into the next, and both reports are in the catalogue (3 against 1 passed unnoticed:
    found by an audit).  Years with more than one report of one issuer are not compared (which one is meant?).
    By issuer (the agency's own as the deadline check reads it, :func:`counted_for`): a 所属单位's report of the same
    year had switched off the agency's comparison, and would have been compared with the agency's (a review)."""
    by_year: dict[tuple[tuple[str, ...], int], list[Record]] = {}
    for r in reports:
        if r.fiscal_year and r.statistics is not None:
            issuer = () if counted_for(r, rules) else tuple(sorted(r.issuer))
            by_year.setdefault((issuer, r.fiscal_year), []).append(r)
    out = []
    for (issuer, year), (r, *more) in sorted(by_year.items()):
        before = by_year.get((issuer, year - 1))
        if more or not before or len(before) > 1:
            continue
        carried_in, carried_out = r.statistics.requests["上年结转"], before[0].statistics.requests["结转下年度"]
        wrong = [(col, a, b) for col, a, b in zip(REQUEST_COLUMNS, carried_in, carried_out)
                 if a is not None and b is not None and a != b]
        if wrong:
            said = "、".join(f"“{col}”写的是 {a}，上年报告是 {b}" for col, a, b in wrong)
            out.append(problem(
                "annual-report-carry-over-mismatch", r.source, r.statistics.line("requests", "上年结转") or r.line_of("statistics"),
                "statistics",
                f"{year}年年度报告表三“二、上年结转政府信息公开申请数量”与{year - 1}年年度报告（{before[0].source}）的"
                f"“四、结转下年度继续办理”不一致：{said}。",
                f"上年结转的申请就是上一年结转下年度的申请：核对两份报告，改正写错的一份（{year - 1}年的报告已发布的，"
                "一般改正本年的）。"))
    return out


def _issuers_like_the_agency(catalogue: Catalogue, agency: str, rules: CountingRules) -> list[Problem]:
    """A record whose 发文机关 reads almost as the agency's name (江川省交通厅 for 江川省交通运输厅): table 二（一）
    counts only the agency's own 规章 and 规范性文件, and the 主动公开 and 解读 deadlines judge only the agency's own
    records (:func:`~build_tools.checks.deadlines.issued_by_agency`), so an abbreviation or a typo would drop it
    without a word.  Budgets, final accounts and annual reports have their deadlines whoever issued them."""
    if not agency:
        return []
    out = []
    for r in catalogue.records:
        table = r.kind is Kind.POLICY and r.doc_type in ARTICLE_20_1_TYPES and not rules.counts_issuer(r)
        deadlines = r.kind not in (Kind.BUDGET, Kind.FINAL_ACCOUNT, Kind.ANNUAL_REPORT) and not rules.issued_within(r)
        if not (table or deadlines):  # 江川省交通运输厅办公室 is the agency's office: its notices are judged
            continue
        # deadlines alone: nearer (江川市交通运输局 listing 江川省交通运输厅's notices is 0.75 alike: a review)
        close = 0.75 if table else 0.8
        near = [name for name in r.issuer if difflib.SequenceMatcher(None, name, agency).ratio() >= close]
        if near:
            table_text = "年度报告表二（一）只统计本机关制发的规章和行政规范性文件"
            what = (f"{table_text}，主动公开和解读期限也只检查本机关制发的，本{r.doc_type.label}不计入、不检查"
                    if table and deadlines else f"{table_text}，本{r.doc_type.label}不计入" if table
                    else "主动公开和解读期限只检查本机关制发的信息，本记录不检查")
            out.append(problem(
                "issuer-resembles-agency", r.source, r.line_of("issuer"), "issuer",
                f"发文机关“{near[0]}”与本机关名称“{agency}”（配置 agency）相近但不相同：{what}。",
                f"若是本机关现在的名称写错了，改成全称“{agency}”；若是本机关以前的名称（机构改革前），不要改记录，"
                f"在配置 agency_former_names 中写上“{near[0]}”；若是另一个机关，不必改动。"))
    return out


def _markers(r: Record) -> list[Problem]:
    known = set(figure_names()) | set(TABLE_MARKERS)
    out = []
    for m in markers(r):
        if r.kind is not Kind.ANNUAL_REPORT:
            out.append(problem("annual-report-unknown-figure", r.source, m.line, None,
                               f"【统计：{m.name}】只在年度报告中有效，{r.kind.label}的正文中会原样显示。",
                               "删去这个标记，直接写出数字。"))
        elif m.name not in known:
            out.append(problem("annual-report-unknown-figure", r.source, m.line, None,
                               f"正文中的【统计：{m.name}】不是可用的统计名称，网站上会原样显示。",
                               "可用的名称：" + "、".join((*figure_names(), *TABLE_MARKERS)) + "。"))
    return out


def _markers_outside_body(r: Record) -> list[Problem]:
    """``annual-report-unknown-figure`` for a marker in a record's title or 内容概述: only the body's are filled.
    The summary is the record's line in lists, feeds and open data: an annual report's 【统计：本年发布政策文件】
    there was published raw everywhere, the check saying nothing (a review)."""
    out = []
    for key in ("title", "summary"):
        text = getattr(r, key) or ""
        if "统计" not in text:
            continue
        label = FIELDS_BY_KEY[key].label
        names = marker_names(text)
        if not names:
            continue
        used = "".join(f"【统计：{name}】" for name in dict.fromkeys(names))  # one problem a line, each name once
        out.append(problem("annual-report-unknown-figure", r.source, r.line_of(key), key,
                           f"{label}中的{used}不会被替换：统计标记只在年度报告的正文中有效，{label}会原样显示在网页、"
                           "订阅和开放数据中。",
                           f"在{label}中直接写出数字"
                           + ("（catalogue annual-report <年度> --format json 可以查看计算结果）；"
                              "要随统计数据变化的句子写在正文中。" if r.kind is Kind.ANNUAL_REPORT else "。")))
    return out


_FIGURES_OF_30HAO = frozenset(figure_names()) - set(PUBLISHED_FIGURES)


def _earlier_format(r: Record) -> list[Problem]:
    """``annual-report-format`` for a report on a year before 30号 that uses its statistics or tables."""
    made_in = earlier_format(r.fiscal_year) if r.fiscal_year else None
    # Its tables and their figures (规章本年制发, 本年新收申请 …: 30号's columns), not the published counts.
    tables = [m for m in markers(r) if m.name in TABLE_MARKERS or m.name in _FIGURES_OF_30HAO] \
        if made_in and "统计" in r.body else []
    if made_in is None or r.statistics is None and not tables:
        return []
    used = "、".join(x for x in ("statistics" if r.statistics is not None else "",
                                 "".join(dict.fromkeys(f"【统计：{m.name}】" for m in tables))) if x)
    line = r.line_of("statistics") if r.statistics is not None else tables[0].line
    return [problem("annual-report-format", r.source, line, "statistics" if r.statistics is not None else None,
                    f"这是 {r.fiscal_year} 年的年度报告，那年的报告按 {made_in}；而 {used} 按 30号格式"
                    f"（{FORMAT_FROM_YEAR} 年及以后的报告）生成表格、计算和核对数字，网站上的表格和数字会与那年发布的报告不同。",
                    "把那年发布的报告的表格和数字照原样写进正文，删去 statistics 和【统计：…】标记。")]


_TYPED = frozenset(TABLE_MARKERS) | (_FIGURES_OF_30HAO - {f"{t.label}{short}" for t in ARTICLE_20_1_TYPES
                                                          for _, _, short in ARTICLE_20_1_COLUMNS})
"""Markers only ``statistics`` can fill: the tables, and the figures of 表二（五）（六）（八）, 表三 and 表四."""
_TABLE_IN_TEXT = re.compile(r"<table|^[ \t]*\|?[ \t]*:?-+:?[ \t]*\|", re.I | re.M)
"""A table in a body: HTML, or a Markdown table's line under its heading (|---|---|, |:-:|: one dash is a
table's to Python-Markdown, a later review found such a report told to enter its tables again)."""


def _no_statistics(r: Record) -> list[Problem]:
    """``annual-report-unfilled`` for a report on 2021 or later without ``statistics`` whose text holds no table, or
    asks for one (【统计：表三】) or a figure only ``statistics`` gives.  Tables 三 and 四 are the office's own
    figures, which no catalogue can count: such a report checked clean, its page then followed by a 表二 counted on
    the build day and 表三 and 表四 of blank cells (a review; now nothing follows it).  One brought over as
    published, its tables typed in its text, is complete: not told."""
    if not r.fiscal_year or earlier_format(r.fiscal_year):
        return []
    asked = [m.name for m in markers(r) if m.name in _TYPED] if "统计" in r.body else []
    if not asked and _TABLE_IN_TEXT.search(r.body):
        return []
    what = (f"正文中的{''.join(dict.fromkeys(f'【统计：{name}】' for name in asked))}没有数字可以显示" if asked
            else "正文中也没有统计表")
    return [problem(
        "annual-report-unfilled", r.source, r.line_of("fiscal_year"), "statistics",
        f"{r.fiscal_year}年年度报告没有「统计数据」(statistics)，{what}：表二第（五）（六）（八）项、表三（依申请公开）和"
        "表四（行政复议和行政诉讼）的数字目录无法计算，只能照报告填写；没有填写时网站上不显示这些表。",
        "在元数据中加上 statistics，照报告填写，例如：statistics: {主动公开: {行政许可: 4105, 行政处罚: 11863, "
        "行政强制: 984, 行政事业性收费: 192305.18}, 依申请公开: {本年新收: [27, 6, 1, 0, 3, 2, 39], …}, "
        "行政复议和行政诉讼: {行政复议: [1, 1, 0, 0, 2], …}}。"
        f"运行 catalogue annual-report {r.fiscal_year} --out 草稿 可以写出列好全部行名的草稿，照报告填好后把其中的 "
        "statistics 复制过来（完整示例见编辑指南《年度报告》）；正文中已照原样写有统计表的，不必填写"
        + ("，删去这些【统计：…】标记即可。" if asked else "。"))]


def _not_counted(r: Record, s: AnnualStatistics, agency: str) -> list[Problem]:
    """``annual-report-unfilled`` for a 所属单位's report (:func:`counted_for`) without the table 二（一） rows, or the
    本年发布 its prose shows, of its own: the catalogue counts neither for it (the agency's were shown as its own:
    a review), so only what the report writes can be shown."""
    if not r.fiscal_year or earlier_format(r.fiscal_year):
        return []
    rows = [t.label for t in ARTICLE_20_1_TYPES if t.value not in (s.stored or {})]
    prose = list(dict.fromkeys(m.name for m in markers(r) if m.name in PUBLISHED_FIGURES
                               and m.name not in (s.published or {}))) if "统计" in r.body else []
    if not rows and not prose:
        return []
    parts = ([f"表二第（一）项的{'、'.join(rows)}"] if rows else []) + [f"正文中的“{name}”" for name in prose]
    example = []
    if rows:
        cells = ", ".join(f"{t}: {{本年制发: 0, 本年废止: 0, 现行有效: 0}}" for t in rows)
        example.append(f"第二十条第（一）项: {{{cells}}}")
    if prose:
        example.append("本年发布: {" + ", ".join(f"{name.removeprefix('本年发布')}: 0" for name in prose) + "}")
    return [problem(
        "annual-report-unfilled", r.source, s.line("article_20_1") or r.line_of("statistics"), "statistics",
        f"这份{r.fiscal_year}年年度报告的发文机关是“{'、'.join(r.issuer)}”，不是本机关“{agency}”（配置 agency）："
        f"目录只统计本机关的文件，不为它计算{'和'.join(parts)}，网站上这些数字是空白或“—”。",
        "照这份报告发布时的数字在「统计数据」中填写，例如：" + "；".join(example) + "（数字换成报告中的）。")]


def _unfilled(r: Record, s: AnnualStatistics) -> list[Problem]:
    missing = s.unfilled
    if not missing:
        return []
    return [problem("annual-report-unfilled", r.source, r.line_of("statistics"), "statistics",
                    f"年度报告的统计表还有 {len(missing)} 处没有填写：{'、'.join(missing[:6])}"
                    + ("等" if len(missing) > 6 else "") + "。",
                    "在「统计数据」中把 ~ 换成数字；确实为零的写 0。")]


def _arithmetic(r: Record, s: AnnualStatistics) -> list[Problem]:
    out = []
    rows = s.requests
    line = lambda key: s.line("requests", key) or r.line_of("statistics")  # noqa: E731

    def bad(key: str, message: str, hint: str) -> None:
        out.append(problem("annual-report-arithmetic", r.source, line(key), "statistics", message, hint))

    label = lambda key: REQUEST_ROWS_BY_KEY[key].label  # noqa: E731
    for c, col in enumerate(REQUEST_COLUMNS):
        a, b, t, d = (rows[k][c] for k in ("本年新收", "上年结转", "办理结果总计", "结转下年度"))
        if None not in (a, b, t, d) and a + b != t + d:
            bad("办理结果总计",
                f"表三“{col}”列对不上：{label('本年新收')} {a} ＋ {label('上年结转')} {b} ＝ {a + b}，"
                f"而 三{label('办理结果总计')} {t} ＋ {label('结转下年度')} {d} ＝ {t + d}。",
                "30号格式要求每列 一＋二＝三（七）＋四：核对新收、结转和办理结果的数字。")
        parts = [rows[row.key][c] for row in RESULT_ROWS]
        if t is not None and None not in parts and sum(parts) != t:
            bad("办理结果总计",
                f"表三“{col}”列：三（一）至（六）各行之和是 {sum(parts)}，而 三{label('办理结果总计')} 是 {t}。",
                "（七）总计应等于予以公开、部分公开、不予公开、无法提供、不予处理、其他处理各行之和。")
    for row in REQUEST_ROWS:
        cells = rows[row.key]
        if None not in cells and sum(cells[:-1]) != cells[-1]:
            bad(row.key, f"表三“{row.label}”这一行：{'、'.join(REQUEST_COLUMNS[:-1])}之和是 {sum(cells[:-1])}，"
                         f"而“总计”列是 {cells[-1]}。", "总计列应等于自然人和法人或其他组织各列之和。")
    for key, heading in REVIEW_GROUPS:
        cells = s.reviews[key]
        if None not in cells and sum(cells[:-1]) != cells[-1]:
            out.append(problem("annual-report-arithmetic", r.source, s.line("reviews", key) or r.line_of("statistics"),
                               "statistics",
                               f"表四“{heading}”：{'、'.join(REVIEW_COLUMNS[:-1])}之和是 {sum(cells[:-1])}，而总计是 {cells[-1]}。",
                               "总计应等于结果维持、结果纠正、其他结果和尚未审结之和。"))
    return out


def _short_of(catalogue: Catalogue, kept_off: frozenset[str], counted=lambda record: True,
              undated: tuple[str, ...] = ()) -> str:
    """Why a count may be short of records that did not change, said for the editor ("" when none is): record
    files that gave no record, and records the site keeps off until corrected (personal data, a withheld
    record's name) that the figure would count (``counted``: a 2020 notice kept off explains no 2025 figure,
    and had disguised every real staleness: a review).  Either had a stale report's hint tell the editor to
    rewrite a published report (an audit)."""
    def some(files: list[str]) -> str:
        return "、".join(files[:3]) + ("等" if len(files) > 3 else "")
    held = sorted(r.source for r in catalogue.records if r.index_no in kept_off and counted(r))
    parts = [f"{len(catalogue.unread)} 个记录文件因错误未能读取（{some(list(catalogue.unread))}）" if catalogue.unread else "",
             f"{len(held)} 条记录含个人信息或不公开记录的名称，改正前不发布（{some(held)}）" if held else "",
             f"{len(undated)} 份文件写着已废止或已失效却没有日期（repeal-undated：{some(list(undated))}），任何一年都不计入"
             if undated else ""]
    said = "，".join(p for p in parts if p)
    return f"但目录中有 {said}，计算结果不含它们。" if said else ""


def _short_of_row(catalogue: Catalogue, kept_off: frozenset[str], doc_type: DocType, undated: set[str]) -> str:
    """:func:`_short_of` for one row of table 二（一）: only records of the row's 文种 can make its count short
    (an undated 行政规范性文件 was named on the 规章 row and the editor told not to update it: a review)."""
    def of_row(h: Record) -> bool:
        return h.kind is Kind.POLICY and h.doc_type is doc_type
    return _short_of(catalogue, kept_off, of_row,
                     tuple(sorted(h.source for h in catalogue.records if h.source in undated and of_row(h))))


def _stale_prose(r: Record, s: AnnualStatistics, now: dict[str, int], short: str) -> list[Problem]:
    """The prose's figures (本年发布政策文件 …) as stored against the catalogue now, as :func:`_stale` does table 二（一）."""
    out = []
    for name, was in s.published.items():
        is_ = now[name]
        if was == is_:
            continue
        line = s.line("published") or r.line_of("statistics")
        said = f"{r.fiscal_year}年年度报告正文中的“{name}”报告中是 {was}，按目录现在计算是 {is_}"
        if short and is_ < was:  # records left out only lower a count: a higher one changed (a review)
            out.append(problem("annual-report-stale", r.source, line, "statistics",
                               f"{said}，{short}网站仍显示报告中的数字。", _SHORT_HINT))
        else:
            out.append(problem(
                "annual-report-stale", r.source, line, "statistics",
                f"{said}（报告生成后目录中增加、修改或撤下了{r.fiscal_year}年发布的记录）。网站仍显示报告中的数字，"
                "不会悄悄改变已发布的报告。",
                f"核对目录中{r.fiscal_year}年发布的记录；确认无误后，把「统计数据」“本年发布”中的“{name.removeprefix('本年发布')}”"
                f"改为 {is_}。"))
    return out


_SHORT_HINT = "先改正这些记录的错误，再运行 catalogue check 核对；不要按现在的计算结果修改报告。"


def _stale(r: Record, s: AnnualStatistics, now: dict, short=lambda doc_type: "") -> list[Problem]:
    """Table 二（一） as stored against the catalogue now; ``short``: why a row's count may be short, given its
    文种 (:func:`_short_of_row`).  Records left out only lower a count: a count gone up was changed, whatever
    is left out (the 规章 row, one 规章 added, was put down to an undated record: a review)."""
    out = []
    for t in ARTICLE_20_1_TYPES:
        was = s.stored.get(t.value)
        is_ = now[t.value]
        if was is None:
            continue
        row_short = short(t)
        for key, heading, _ in ARTICLE_20_1_COLUMNS:
            a, b = getattr(was, key), getattr(is_, key)
            if b < a and row_short:  # the count is short of records left out, not changed
                out.append(problem(
                    "annual-report-stale", r.source, s.line("article_20_1") or r.line_of("statistics"), "statistics",
                    f"{r.fiscal_year}年年度报告表二第（一）项“{t.label}{heading}”报告中是 {a}，按目录现在计算是 {b}，"
                    f"{row_short}网站仍显示报告中的数字。", _SHORT_HINT))
            elif a != b:
                out.append(problem(
                    "annual-report-stale", r.source, s.line("article_20_1") or r.line_of("statistics"), "statistics",
                    f"{r.fiscal_year}年年度报告表二第（一）项“{t.label}{heading}”报告中是 {a}，按目录现在计算是 {b}"
                    "（报告生成后目录中增加、修改或废止了记录）。网站仍显示报告中的数字，不会悄悄改变已发布的报告。",
                    f"核对目录中的记录；确认无误后运行 catalogue annual-report {r.fiscal_year} --format json "
                    "查看计算结果，把「统计数据」中的第二十条第（一）项改为新的数字，并更新正文中的说明。"))
    return out
