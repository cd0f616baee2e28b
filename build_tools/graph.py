"""The link graph: who interprets, amends and repeals whom, both ways.

Editors write a link on one side only (an interpretation lists what it
``interprets``; a new policy lists what it ``amends`` or ``repeals``); the
graph computes the reverse links so a policy page can show its
interpretations.  It is built once per build and reports dangling
references, links to the wrong kind of record, self-links and cycles.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from .catalogue import Catalogue
from .diagnostics import Problem, problem
from .model.fields import FIELDS_BY_KEY, Kind, Validity
from .model.record import Record
from .model.values import document_name, in_hidden_file, normalise_doc_no
from .shown_text import record_texts
from .withheld_names import bare_title, fold, record_names

LINK_FIELDS = ("interprets", "amends", "repeals")


@dataclass(frozen=True, slots=True)
class LinkGraph:
    """Links between records, by index number, each list in publication order."""

    interpretations: Mapping[str, tuple[str, ...]]
    """policy → the interpretations that explain it."""
    interprets: Mapping[str, tuple[str, ...]]
    """interpretation → the policies it explains (existing ones only)."""
    amended_by: Mapping[str, tuple[str, ...]]
    amends: Mapping[str, tuple[str, ...]]
    repealed_by: Mapping[str, tuple[str, ...]]
    repeals: Mapping[str, tuple[str, ...]]
    problems: tuple[Problem, ...]

    def targets(self, field: str, index_no: str) -> tuple[str, ...]:
        """Outgoing links of one kind (``interprets``, ``amends``, ``repeals``)."""
        return getattr(self, field).get(index_no, ())


def build_graph(catalogue: Catalogue) -> LinkGraph:
    """Resolve every reference once and build the reverse indexes."""
    problems: list[Problem] = []
    forward: dict[str, dict[str, list[str]]] = {f: defaultdict(list) for f in LINK_FIELDS}
    reverse: dict[str, dict[str, list[str]]] = {f: defaultdict(list) for f in LINK_FIELDS}
    for record in catalogue.records:
        for field in LINK_FIELDS:
            for i, target in enumerate(getattr(record, field)):
                if _check_target(catalogue, record, field, i, target, problems):
                    forward[field][record.index_no].append(target)
                    reverse[field][target].append(record.index_no)
    problems.extend(_cycles(catalogue, forward))
    problems.extend(_amending_the_repealed(catalogue, forward["amends"], reverse["repeals"]))
    problems.extend(_titled_for_another(catalogue))

    def ordered(index: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
        key = lambda n: (catalogue.by_index[n].published, n)  # noqa: E731
        return {k: tuple(sorted(dict.fromkeys(v), key=key)) for k, v in index.items()}

    return LinkGraph(
        interpretations=ordered(reverse["interprets"]), interprets=ordered(forward["interprets"]),
        amended_by=ordered(reverse["amends"]), amends=ordered(forward["amends"]),
        repealed_by=ordered(reverse["repeals"]), repeals=ordered(forward["repeals"]),
        problems=tuple(problems))


def meant_record(catalogue: Catalogue, written: str) -> tuple[str, str] | None:
    """(index number, what ``written`` is of it) of the one record whose 发文字号, title or index number's end
    (its serial, ``2024-00006``) an editor wrote where its index number goes, as documents cite a policy; or
    None.  Without it the editor was told only that no such index number exists (found by a review)."""
    key = written.strip().strip("《》")
    doc_no = normalise_doc_no(key)
    found: dict[str, str] = {}
    for r in catalogue.records:
        if r.doc_no and r.doc_no.normalised == doc_no:
            found.setdefault(r.index_no, "发文字号")
        elif r.title.strip("《》") == key:
            found.setdefault(r.index_no, "标题")
        elif len(key) >= 5 and r.index_no.endswith(("/" + key, "-" + key)):
            found.setdefault(r.index_no, "索引号的后半部分")
    return next(iter(found.items())) if len(found) == 1 else None


def _check_target(catalogue: Catalogue, record: Record, field: str, i: int, target: str,
                  problems: list[Problem]) -> bool:
    f = FIELDS_BY_KEY[field]
    line = record.lines.get(f"{field}[{i}]", record.line_of(field))

    def report(code: str, message: str, hint: str) -> None:
        problems.append(problem(code, record.source, line, field, message, hint))

    if target == record.index_no:
        report("self-reference", f"{f.display}中写了本记录自己的索引号 {target}。", "填写被引用的另一份文件的索引号。")
        return False
    other = catalogue.get(target)
    if other is None:
        if target not in catalogue.known_index_nos:
            meant = meant_record(catalogue, target)
            report("unknown-reference", f"{f.display}中的索引号 {target} 在目录中找不到。" + (
                   f"{target} 是记录 {meant[0]} 的{meant[1]}。" if meant else ""),
                   f"这里要写索引号：{meant[0]}。" if meant else
                   "核对索引号是否抄错；被引用的文件也必须在 catalogue/ 中有记录。")
        return False  # a target with its own errors is reported in its own file
    withheld = record.is_proactive and not other.is_proactive
    named = "" if not withheld or in_hidden_file(record.source) else _names_in(record, other)  # a hidden one is
    if named:  # never published; the link is hidden, the words are not (a review found the title in 17 files)
        report("reference-names-not-public",
               f"本记录的{named}写出了{other.disclosure.label}的 {target} 的名称「{_name(other)}」："
               "网站上不显示指向它的链接，却会通过本记录公开它的名称；改正之前本记录不发布。",
               f"改写本记录的{named}（其他字段和正文中同样的写法也要改），不写出不公开文件的名称；或核对被引用文件的公开方式。")
    if other.kind is not Kind.POLICY:  # said after the name: a link of the wrong kind had published it (a review)
        report("wrong-reference-kind",
               f"{f.display}中的 {target}（{other.title}）是{other.kind.label}，不是政策文件。",
               "这里只能填写政策文件的索引号。")
        return False
    if field != "interprets" and other.written is not None and record.published < other.written:
        # a number mistyped (its year): the later document is neither repealed nor amended by this one; the link is
        # dropped, so table 二（一） and the pages do not take it (it was counted 制发 and 废止 in one year: a review).
        # By its 成文日期 only: a 发布日期 may be the day a legacy document was entered, years after its repeal
        report("link-before-target", *_before_target(catalogue, record, field, other, other.written))
        return False
    if withheld:
        if not named:
            report("reference-not-public",
                   f"{f.display}中的 {target} 是{other.disclosure.label}的文件，网站上不会显示指向它的链接。",
                   "确认引用无误；公开的信息一般不应依赖不公开的文件。")
    elif field == "interprets" and record.is_proactive and record.published < other.published:
        # The policy's number stands between spaces: a check that finds the policy's date mistyped
        # (checks/dates.py) leaves this problem out by it.
        report("interpretation-before-policy",
               f"本解读的发布日期 {record.published.isoformat()} 早于所解读的 {target} 的发布日期 "
               f"{other.published.isoformat()}：解读不能先于政策文件公开，网站在 {other.published.isoformat()} "
               "之前不发布这条解读。",
               f"把发布日期改为 {other.published.isoformat()} 或更晚（解读与政策文件同时或在其后发布）。")
    return True


def _formed(record: Record) -> dt.date:
    """The first day ``record`` existed: its 成文日期, else its 发布日期 (the earlier of the two)."""
    return min(d for d in (record.written, record.published) if d is not None)


def _before_target(catalogue: Catalogue, record: Record, field: str, other: Record, formed: dt.date
                   ) -> tuple[str, str]:
    """``link-before-target``'s message and hint: ``record``, published before ``other`` was formed, repeals or amends
    it.  A 规范性文件 published 2025-03-05 repealed 2025-00001 of 2025-06-05 (2024-00001 meant): the check said
    nothing, the later document showed 已废止 and table 二（一） counted it 制发 and 废止 in one year, never 现行有效
    (a review).  ``interpretation-before-policy`` says the same of an interpretation.  The record its number most
    likely meant (:func:`_meant_earlier`) is named."""
    f = FIELDS_BY_KEY[field]
    verb = "废止" if field == "repeals" else "修改"
    meant = _meant_earlier(catalogue, record, other.index_no)
    # the number stands between spaces: a 发布日期 years ahead (checks/dates.py) leaves this problem out by it
    message = (f"{f.display}中的 {other.index_no} 于 {formed.isoformat()} 成文（{other.title}），本文件的发布日期却是"
               f"更早的 {record.published.isoformat()}：一份文件不能{verb}在它之后才形成的文件，多半是索引号写错了"
               + (f"（是不是 {meant}？）" if meant else "（例如年份）") + f"。网站和年度报告不采用这条{verb}关系。")
    hint = (f"改为真正被{verb}的文件的索引号" + (f"，例如 {field}: [{meant}]" if meant else "")
            + "；索引号无误的，核对两份文件的日期。")
    changed = Validity.REPEALED if field == "repeals" else Validity.AMENDED
    if other.validity is changed:
        hint += f"{other.index_no} 的有效性写的是{changed.label}，如果是因这条{verb}关系写的，改回它实际的有效性（现行有效）。"
    return message, hint


def _meant_earlier(catalogue: Catalogue, record: Record, written: str) -> str | None:
    """The one policy formed by ``record``'s 发布日期 whose index number is ``written`` with another year
    (015200371/2024-00001 for 2025-00001), or None.  Not one a digit of the serial away: serials run in sequence, and
    the neighbour is most often another document."""
    bare = _YEAR.sub("", written, 1)
    found = [r.index_no for r in catalogue.records
             if r.kind is Kind.POLICY and r is not record and r.index_no != written
             and _YEAR.sub("", r.index_no, 1) == bare and _formed(r) <= record.published]
    return found[0] if len(found) == 1 else None


_YEAR = re.compile(r"(?<=[/-])(?:19|20)\d\d")
"""An index number's year: after its organ's code (015200371/2025-00001) or a segment (GS0018-GK068-20180130-…)."""


def _amending_the_repealed(catalogue: Catalogue, amends: Mapping[str, list[str]],
                           repealed_by: Mapping[str, list[str]]) -> list[Problem]:
    """``amends-repealed``: a record amending one repealed in full before it was published (its number copied from
    an old link): the repealed page listed the amendment, the one in force none (a review).  A repeal of some
    articles (部分失效) leaves the rest to amend."""
    problems = []
    for source, targets in amends.items():
        record = catalogue.by_index[source]
        for target in dict.fromkeys(targets):
            other = catalogue.by_index[target]
            if other.validity is Validity.PARTIALLY_INVALID:
                continue
            ended = sorted((r.effective or r.published, r.index_no) for n in repealed_by.get(target, ())
                           if (r := catalogue.by_index[n]) is not record)
            if ended and ended[0][0] <= record.published:
                day, by = ended[0]
                problems.append(problem(
                    "amends-repealed", record.source, record.line_of("amends"), "amends",
                    f"「修改」中的 {target}（{other.title}）已于 {day.isoformat()} 被 {by} 废止，本文件 "
                    f"{record.published.isoformat()} 才发布：修改一份已经废止的文件，网站会把本文件列在那份已废止文件的页面上。",
                    f"核对索引号：要修改的多半是现行的文件（例如废止它的 {by}），改写这里的索引号；确实是修改那份已废止的文件，"
                    "可以不理会这条提示。"))
    return problems


_BOOK = re.compile(r"《([^《》]+)》")
"""A name in a title's 《》 (one nested in it in 〈〉 stays inside: 《关于修改〈…〉的决定》)."""


def _titled_for_another(catalogue: Catalogue) -> list[Problem]:
    """``interpretation-titled-for-another`` for an interpretation whose title names in 《》 another public policy of
    the catalogue, by its exact title, and none it ``interprets``: the interpretation of a new rule started as a copy
    of another's, its 解读对象 changed and its title left (《江川省公路养护管理办法》政策解读 on the 渡口 rule's): the
    rule's page listed an interpretation titled after another rule, and the report said 解读及时 (a review).

    A warning, and the interpretation still counts for the policy it names in ``interprets``: which of the two is
    wrong the catalogue cannot tell (the copy's body is most often the new rule's).  Only the title is read (a body
    names related documents) and only a name that is another record's whole title (a 印发 notice's interpretation
    names the 办法 it issues, not the notice's title); a name within a target's title or holding it (公路养护管理办法,
    《…（2025年修订）》) is the target's, and a record the target amends or repeals (or that amends or repeals it) is
    one document line with it."""
    titles: dict[str, list[Record]] = defaultdict(list)
    for r in catalogue.records:
        if r.kind is Kind.POLICY and r.is_proactive and not in_hidden_file(r.source):
            titles[fold(bare_title(r.title))].append(r)
    problems = []
    for record in catalogue.records:
        names = [fold(n) for n in _BOOK.findall(record.title)] if record.kind is Kind.INTERPRETATION else []
        targets = [t for n in record.interprets if (t := catalogue.get(n)) is not None and t.kind is Kind.POLICY]
        if not names or not targets or any(_names_target(n, t) for n in names for t in targets):
            continue
        others = [o for n in dict.fromkeys(names) for o in titles.get(n, ())
                  if o.index_no not in record.interprets and not any(_one_line(o, t) for t in targets)]
        if others:
            problems.append(_titled_problem(record, others[0], targets[0]))
    return problems


def _names_target(name: str, target: Record) -> bool:
    """Whether ``name`` (folded) is what a title calls ``target``: within its title, or holding its name."""
    own = fold(document_name(bare_title(target.title)))
    return name in fold(bare_title(target.title)) or (len(own) >= 4 and own in name)


def _one_line(a: Record, b: Record) -> bool:
    """Whether one of the two amends or repeals the other: versions of one document, whose titles may be one."""
    return a.index_no in (*b.amends, *b.repeals) or b.index_no in (*a.amends, *a.repeals)


def _titled_problem(record: Record, other: Record, target: Record) -> Problem:
    f = FIELDS_BY_KEY["title"]
    in_summary = bool(record.summary) and fold(bare_title(other.title)) in fold(record.summary or "")
    name = document_name(target.title).replace("《", "〈").replace("》", "〉")
    retitle = (f"把标题改为 title: 《{name}》政策解读" if target.is_proactive else "自拟标题（不要写出不公开文件的名称）") \
        + ("，内容概述也要改" if in_summary else "")
    return problem("interpretation-titled-for-another", record.source, record.line_of("title"), "title",
                   f"{f.display}写的是《{bare_title(other.title)}》，那是 {other.index_no} 的标题，"
                   f"本解读的「解读对象」却是 {target.index_no}"
                   + (f"《{target.title}》" if target.is_proactive else "") + "：标题说的是另一份文件"
                   + ("（内容概述也是）" if in_summary else "") + "。多半是复制另一条解读时没有改标题，或者解读对象写错了。",
                   f"解读的是 {target.index_no} 的，{retitle}；解读的确是《{bare_title(other.title)}》的，"
                   f"把解读对象改为 interprets: [{other.index_no}]。")


def _name(other: Record) -> str:
    return document_name(other.title)


def _names_in(record: Record, other: Record) -> str:
    """Which of ``record``'s public texts (its free-text fields: 标题, 摘要, 主题词, 修订说明 …; its 正文) carries
    ``other``'s name, or "" (a body naming the withheld policy it interprets published its title too: a review),
    read as a reader reads them (:func:`~build_tools.shown_text.record_texts`: a link on part of it, a tooltip;
    :func:`~build_tools.withheld_names.fold`: a zero-width space or emphasis inside hides nothing).  A title in
    主题词 or 修订说明 was published on the page, in the open data and the search index (a review)."""
    # its own title is not the other's name (a 废止决定 titled as the withheld record it replaces: a review)
    names = record_names(other.title, other.issuer) - record_names(record.title, record.issuer)
    if not names:
        return ""
    for key, text in record_texts(record):
        if any(n in fold(text) for n in names):
            return "正文" if key == "body" else FIELDS_BY_KEY[key].display
    return ""


def _cycles(catalogue: Catalogue, forward: dict[str, dict[str, list[str]]]) -> list[Problem]:
    """Report each amend/repeal cycle once, at its first file in path order."""
    edges: dict[str, list[str]] = defaultdict(list)
    for field in ("amends", "repeals"):
        for src, targets in forward[field].items():
            edges[src].extend(targets)
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    problems: list[Problem] = []
    for start in sorted(edges):
        if state.get(start):
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        path: list[str] = []
        while stack:
            node, i = stack.pop()
            if i == 0:
                state[node] = 1
                path.append(node)
            nexts = edges.get(node, [])
            if i < len(nexts):
                stack.append((node, i + 1))
                nxt = nexts[i]
                if state.get(nxt) == 1:
                    cycle = path[path.index(nxt):]
                    problems.append(_cycle_problem(catalogue, cycle))
                elif not state.get(nxt):
                    stack.append((nxt, 0))
            else:
                state[node] = 2
                path.pop()
    return problems


def _cycle_problem(catalogue: Catalogue, cycle: list[str]) -> Problem:
    records = [catalogue.by_index[n] for n in cycle]
    first = min(records, key=lambda r: r.source)
    chain = " → ".join(r.index_no for r in records) + f" → {records[0].index_no}"
    field = "amends" if first.amends else "repeals"
    return problem("reference-cycle", first.source, first.line_of(field), field,
                   f"修改、废止关系形成了循环：{chain}。",
                   "一份文件不能（直接或间接）修改或废止修改、废止它的文件：删去其中错误的一条引用。")
