"""``catalogue new KIND``: a new record, numbered, dated and ready for the editor.

The record is written in the folder where the catalogue keeps that kind, with
the next free 索引号 (:mod:`build_tools.index_numbers`), today's date in
China (UTC+8) where a date is required, and every required field present.
What only the editor knows is a placeholder, ``（待填写：标题）``
(:data:`build_tools.model.writing.PLACEHOLDER`): the validator reports each
one as ``placeholder-unfilled`` until it is replaced, so an unfinished record
never reaches the public site, yet loads with the rest so other problems show.

``--interprets`` starts an interpretation linked to its policy and titled
after it (《…》政策解读, as the sample catalogue names them); ``--amends`` and
``--repeals`` fill those links.  Every linked number must exist and be a
policy.  Errors are :class:`NewRecordError`, one Chinese sentence each.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .config import CatalogueConfig
from .index_numbers import IndexNoError, next_index_no
from .loader import load
from .history import numbers_ever_held
from .pipeline import numbers_taken
from .machinery.new_files import made_whole
from .model.fields import FIELDS, FISCAL_KINDS, FieldType, InterpretationForm, Kind
from .model.record import Record
from .model.values import INVISIBLE_NAMES, clean_code, document_name
from .model.writing import KIND_FOLDERS, PLACEHOLDER, flow, placeholder, scalar

#: Default file-name words by kind (pinyin, as the sample catalogue names its files).
_SLUG_WORDS = {Kind.POLICY: "zhengce", Kind.INTERPRETATION: "jiedu", Kind.BUDGET: "yusuan",
               Kind.FINAL_ACCOUNT: "juesuan", Kind.ANNUAL_REPORT: "nianbao", Kind.NOTICE: "tongzhi"}
_FISCAL_CATEGORY = "财政、金融、审计/预算决算"
_REPORT_CATEGORY = "综合政务/政务公开"
_HOUSE_NAME = re.compile(r"^\d{4}-\d+-")


class NewRecordError(ValueError):
    """The record cannot be written as asked (one plain Chinese sentence)."""


def kind_named(text: str) -> Kind:
    """The kind an editor named: ``policy``, ``政策文件``, ``解读`` ... (the field table's names)."""
    kind = Kind.lookup(text)
    if kind is None:
        valid = "、".join(f"{k.value}（{k.label}）" for k in Kind)
        raise NewRecordError(f"不认识的记录类型“{text}”。可用的类型：{valid}。")
    return kind


@dataclass(frozen=True, slots=True)
class NewRecord:
    """What ``catalogue new`` will write."""

    path: Path
    text: str
    index_no: str
    to_fill: tuple[str, ...]
    """What the editor must write, in the order of the file (field labels, 正文)."""
    notes: tuple[str, ...] = ()
    """Reminders about other records (a repealed policy to mark 已废止)."""


@dataclass(frozen=True, slots=True)
class _Known:
    """The catalogue as far as a new record needs it."""

    numbers: frozenset[str]
    records: dict[str, Record]
    held: frozenset[str]
    """The numbers the files held in Git: never given, setting no sequence."""
    broken: frozenset[str]
    """Numbers of files that did not validate."""
    folders: dict[Kind, str]
    """The folder of the latest record of each kind (relative POSIX)."""
    latest: dict[Kind, Record]


def _read(config: CatalogueConfig) -> _Known:
    root = config.catalogue_dir
    if not Path(root).is_dir():
        raise NewRecordError(f"找不到记录目录 {root}：检查 mkdocs.yml 中的 catalogue_dir，或用 --catalogue 指定目录。")
    loaded = load(config)
    records = {v.record.index_no: v.record for v in loaded.validated if v.record is not None}
    latest: dict[Kind, Record] = {}
    for r in records.values():
        if r.kind not in latest or (r.published, r.source) > (latest[r.kind].published, latest[r.kind].source):
            latest[r.kind] = r
    return _Known(numbers=numbers_taken(loaded, Path(root)), held=numbers_ever_held(Path(root)),
                  records=records,
                  broken=frozenset(v.index_no for v in loaded.validated if v.index_no and v.record is None),
                  folders={k: posixpath.dirname(r.source) for k, r in latest.items()},
                  latest=latest)


def _policy(known: _Known, number: str, option: str) -> Record:
    """The policy ``number`` names, or an error naming the number and close matches."""
    text = clean_code(number).text.strip()
    record = known.records.get(text)
    if record is None:
        if text in known.broken:
            raise NewRecordError(f"{option} {text}：这条记录本身有错误，先运行 catalogue check 改正它。")
        policies = sorted(n for n, r in known.records.items() if r.kind is Kind.POLICY)
        close = [n for n in policies if _one_slip(text, n)][:3]
        # each with its title, joined by 或: the number alone, joined by 、 (the list just refused), was taken
        hint = ("你是不是想写 " + "或 ".join(f"{n}（{known.records[n].title}）" for n in close) + "？" if close
                else "核对索引号是否抄错。")
        raise NewRecordError(f"{option} {text}：目录中没有这个索引号的记录。{hint}")
    if record.kind is not Kind.POLICY:
        raise NewRecordError(f"{option} {text}：这是一条{record.kind.label}，只能指向政策文件。")
    return record


def _one_slip(typed: str, number: str) -> bool:
    """Whether ``typed`` is ``number`` with one slip: a character wrong, left out or added, or two side by side
    swapped.  Alike by difflib's measure, which the shared prefix (015200371/20) carries, another year's policy
    was offered first, and an editor who took it linked the wrong policy (a review)."""
    if typed == number or abs(len(typed) - len(number)) > 1:
        return False
    if len(typed) == len(number):
        wrong = [i for i, (a, b) in enumerate(zip(typed, number)) if a != b]
        return len(wrong) == 1 or (len(wrong) == 2 and wrong[1] == wrong[0] + 1
                                   and typed[wrong[0]] == number[wrong[1]] and typed[wrong[1]] == number[wrong[0]])
    short, long = sorted((typed, number), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


_LIST_SPLIT = re.compile(r"[,，、;；\s]+")
"""Between the index numbers of one argument, as the office writes a list (check reads a record's so)."""


def _numbers(given: Sequence[str]) -> list[str]:
    """Each index number an option was given, in order and once: several in one argument (--interprets "A、B", copied
    from a record) each read.  The whole was looked up as one number, "目录中没有这个索引号", though both were there,
    and another policy was offered first (a review)."""
    out: list[str] = []
    for n in (n for arg in given for n in _LIST_SPLIT.split(clean_code(arg).text)):
        if n and n not in out:
            out.append(n)
    return out


_PASTED = re.compile("[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + "".join(c for c in INVISIBLE_NAMES if c not in "\u3000\u00a0")
                     + "]")
"""Tabs, control characters and invisible ones a pasted title carries; a line break inside is kept, to be said."""


def _pasted_title(title: str) -> str:
    """``--title`` as pasted from Word or a web page: its tabs, zero-width and other invisible characters gone, a
    non-breaking space an ordinary one, the line break after it dropped (a pasted tab was written as \\t, which the
    check then told the editor was a backslash typed by mistake; a zero-width space was written and accepted: a
    review).  A line break inside stays, and the check says the title is not one line."""
    return _PASTED.sub("", title).replace("\u00a0", " ").strip()


def _book(name: str) -> str:
    """《name》, with 《》 inside turned into 〈〉 as Chinese typography nests them."""
    return "《" + name.replace("《", "〈").replace("》", "〉") + "》"


def plan_new_record(config: CatalogueConfig, kind: Kind, today: dt.date, *, title: str | None = None,
                    interprets: Sequence[str] = (), amends: Sequence[str] = (),
                    repeals: Sequence[str] = ()) -> NewRecord:
    """Work out the new record of ``kind`` dated ``today``; raises :class:`NewRecordError`."""
    for option, given, key in (("--interprets", interprets, "interprets"), ("--amends", amends, "amends"),
                               ("--repeals", repeals, "repeals")):
        f = next(f for f in FIELDS if f.key == key)
        if given and kind not in f.kinds:
            kinds = "、".join(f"{k.value}（{k.label}）" for k in Kind if k in f.kinds)
            raise NewRecordError(f"{option} 只用于{kinds}，不用于 {kind.value}（{kind.label}）。")
    known = _read(config)
    targets = [_policy(known, n, "--interprets") for n in _numbers(interprets)]
    amended = [_policy(known, n, "--amends") for n in _numbers(amends)]
    repealed = [_policy(known, n, "--repeals") for n in _numbers(repeals)]
    try:
        index_no = next_index_no(known.numbers, config.index_no_pattern, today, avoid=known.held,
                                 agency_code=config.agency_code, example=config.index_no_example)
    except IndexNoError as exc:
        raise NewRecordError(str(exc)) from None

    # A public interpretation titled after a policy the public may not see, or dated before the policy is,
    # would publish the policy's title before it or instead of it (a review): never copied, never earlier.
    secret = [t for t in targets if not t.is_proactive]
    shown = [t for t in targets if t.is_proactive]
    day = max([today, *(t.published for t in shown)])
    issuer = config.agency or (targets[0].issuer[0] if targets else "")
    fiscal_year = {Kind.BUDGET: today.year, Kind.FINAL_ACCOUNT: today.year - 1,
                   Kind.ANNUAL_REPORT: today.year - 1}.get(kind)
    title = _pasted_title(title) if title is not None else None
    if title is None or not title.strip():
        title = _title(kind, issuer, fiscal_year, targets) if not secret else placeholder("标题")
    category = _category(kind, config, known, targets)

    lines = ["---", f"index_no: {scalar(index_no)}", f"title: {scalar(title)}", f"kind: {kind.value}"]
    if kind is Kind.POLICY:
        lines.append(f"doc_type: {placeholder('文种，规章、行政规范性文件或其他文件')}")
    if kind is Kind.INTERPRETATION:
        lines.append(f"interpretation_form: {InterpretationForm.TEXT.value}")
        lines.append("interprets: " + (flow(t.index_no for t in targets) if targets
                                       else f"[{placeholder('所解读政策文件的索引号')}]"))
    lines.append(f"issuer: {scalar(issuer) if issuer else placeholder('发文机关')}")
    lines.append(f"category: {scalar(category)}")
    if fiscal_year is not None:
        lines.append(f"fiscal_year: {fiscal_year}  # 所属年度，请核对")
    if kind in FISCAL_KINDS:
        lines.append(f"approved: {placeholder('批复日期')}")
    if config.index_no_date_field == "written":  # the index number's date is read from it
        lines.append(f"written: {today.isoformat()}")
    lines.append(f"published: {day.isoformat()}")
    if amended:
        lines.append(f"amends: {flow(r.index_no for r in amended)}")
    if repealed:
        lines.append(f"repeals: {flow(r.index_no for r in repealed)}")
    written = {line.split(":", 1)[0] for line in lines[1:]}
    lines += _optional_fields(kind, written)
    lines += ["---", placeholder("正文"), ""]
    text = "\n".join(lines)

    to_fill = []
    for line in text.splitlines():
        if PLACEHOLDER.search(line):
            key = line.split(":", 1)[0] if not line.startswith("（") else None
            label = next((f.label for f in FIELDS if f.key == key), "正文")
            to_fill.append(label)
    notes = tuple(f"{r.index_no}《{r.title}》被本文件废止：请把它的「有效性」改为 已废止。" for r in repealed) + \
        tuple(f"{r.index_no}《{r.title}》被本文件修改：请把它的「有效性」改为 已修改。" for r in amended)
    if kind is Kind.ANNUAL_REPORT:
        notes += (f"年度报告也可以用 catalogue annual-report {fiscal_year} 生成草稿（统计表第（一）项按目录算好）。",)
    notes += tuple(f"{t.index_no} 是{t.disclosure.label}的文件：新记录没有沿用它的标题（公开的解读会把标题公开），"
                   "请自拟标题，不要写出它的名称。" for t in secret)
    if day > today:
        notes += (f"所解读的政策文件 {day.isoformat()} 才公开：发布日期定为这一天（解读早于政策发布，会提前公开政策的标题）。",)
    path = _path(config, kind, known, index_no, today, _slug(kind, fiscal_year, targets))
    return NewRecord(path, text, index_no, tuple(to_fill), notes)


def _title(kind: Kind, issuer: str, fiscal_year: int | None, targets: list[Record]) -> str:
    if targets:
        return "".join(_book(document_name(t.title)) for t in targets) + "政策解读"
    if issuer and kind is Kind.BUDGET:
        return f"{issuer}{fiscal_year}年部门预算公开"
    if issuer and kind is Kind.FINAL_ACCOUNT:
        return f"{issuer}{fiscal_year}年度部门决算公开"
    if issuer and kind is Kind.ANNUAL_REPORT:
        return f"{issuer}{fiscal_year}年政府信息公开工作年度报告"
    return placeholder("标题")


def _category(kind: Kind, config: CatalogueConfig, known: _Known, targets: list[Record]) -> str:
    if targets:
        return targets[0].category
    if kind in FISCAL_KINDS or kind is Kind.ANNUAL_REPORT:
        same = known.latest.get(kind) or (known.latest.get(Kind.BUDGET if kind is Kind.FINAL_ACCOUNT
                                                            else Kind.FINAL_ACCOUNT) if kind in FISCAL_KINDS else None)
        if same is not None:
            return same.category
        usual = _REPORT_CATEGORY if kind is Kind.ANNUAL_REPORT else _FISCAL_CATEGORY
        if usual in config.allowed_categories:
            return usual
    return placeholder("主题分类")


def _optional_fields(kind: Kind, written: set[str]) -> list[str]:
    """The kind's other fields as comments, for the editor to take up when needed."""
    lines = ["# 以下字段可选，每个字段上面一行是它的名称：需要时删去字段行首的 # 并改写取值，不需要的两行都删去。"]
    for f in FIELDS:
        if kind not in f.kinds or f.key in written or f.key == "interpretation_form":
            continue
        # the name on a line of its own: after the value, an editor who took up the field kept it in the value,
        # and it was published (summary: …  （内容概述）: a review)
        if f.type in (FieldType.STATISTICS, FieldType.FIGURES):
            lines += [f"# —— {f.label}（多行，写法见《编辑指南》）", f"# {f.key}:"]
            continue
        example = flow(str(x) for x in f.example) if isinstance(f.example, list) else str(f.example)
        lines += [f"# —— {f.label}", f"# {f.key}: {example}"]
    return lines


def _slug(kind: Kind, fiscal_year: int | None, targets: list[Record]) -> str:
    word = _SLUG_WORDS[kind]
    if targets:
        stem = _HOUSE_NAME.sub("", posixpath.splitext(posixpath.basename(targets[0].source))[0])
        word = f"{word}-{stem}"
    elif fiscal_year is not None:
        word = f"{word}-{fiscal_year}"
    safe = re.sub(r"[^a-z0-9]+", "-", word.lower()).strip("-")[:60].strip("-")
    return safe or _SLUG_WORDS[kind]


def _path(config: CatalogueConfig, kind: Kind, known: _Known, index_no: str, today: dt.date, slug: str) -> Path:
    """``catalogue/<folder>/<year>-<serial>-<slug>.md``, where the catalogue keeps this kind, never an existing file."""
    folder = known.folders.get(kind)
    if folder is None:
        folder = KIND_FOLDERS[kind.value]
    else:
        parts = folder.split("/") if folder else []
        if parts and re.fullmatch(r"\d{4}", parts[-1]):  # a folder per year (catalogue generate's layout)
            parts[-1] = str(today.year)
        folder = "/".join(parts)
    m = config.index_no_pattern.match(index_no)
    serial = m.group("serial") if m else "0"
    base = Path(config.catalogue_dir) / folder if folder else Path(config.catalogue_dir)
    name = f"{today.year}-{serial}-{slug}"
    path = base / f"{name}.md"
    n = 2
    while path.exists():
        path = base / f"{name}-{n}.md"
        n += 1
    return path


def write_new_record(plan: NewRecord) -> None:
    """Write the record; never over an existing file (``FileExistsError``, nothing written)."""
    try:
        data = plan.text.encode("utf-8")
    except UnicodeEncodeError:  # a --title typed in a GBK terminal reaches Python as undecodable bytes
        raise NewRecordError("标题或其他取值中有无法保存为 UTF-8 的字符（终端可能使用 GBK 编码）："
                             "请把终端改为 UTF-8，或先不写 --title，在文件中填写标题。") from None
    # never over a file, even against a racing writer; on a full disk no empty or half record left to take the number
    made_whole(plan.path, lambda fh: fh.write(data))
