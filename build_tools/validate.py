"""Validation: front-matter entries → a frozen :class:`Record`, or problems.

Driven by the field table (:mod:`build_tools.model.fields`): which keys exist,
what each accepts, which kinds require it, and how to name it in a message.
Every problem in a file is reported, not just the first.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import html
import posixpath
import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from .annual_report import title_year
from .body_checks import _withholding_head, check_body, check_commented_disclosure, check_wrapped_value
from .effective_text import own_effective
from .fiscal import read_figures
from .hanzi import simplified
from .config import CatalogueConfig
from .diagnostics import Problem, problem
from .disclosure_notes import comment_withholds, marked_in_field, marked_not_public, pair_in_value, reason_withholds
from .model.fields import (FIELDS, FIELDS_BY_KEY, FIELDS_BY_NAME, DocType, Disclosure, Field, FieldType,
                           Kind)
from .model.record import Record
from .model.values import (EARLIEST_DATE, INVISIBLE_NAMES, NORMATIVE_NUMBER, ODD_CHARACTER, RULE_NUMBER, Cleaned,
                           char_name, clean_code, is_control, likely_year, parse_date, parse_doc_no, relative_path,
                           says_none, verify_agency_code, visible, with_year)
from .model.not_public_names import in_not_public_folder, path_not_public
from .model.writing import PLACEHOLDER
from .source import UNREADABLE, Entry, Scalar, SourceDoc, read_source

#: Names seen on real disclosure pages (seeds 001 and 002) that editors copy
#: from their old CMS; not accepted, but the message names the right field.
_FAMILIAR_NAMES = {
    "名称": "title", "文件名称": "title", "文号": "doc_no", "发文号": "doc_no",
    "发布机构": "issuer", "发布部门": "issuer", "发布单位": "issuer", "来源": "issuer",
    "添加时间": "published", "发布时间": "published", "公开日期": "published",
    "信息分类": "category", "分类": "category", "信息有效性": "validity", "时效性": "validity",
    "关键字": "keywords", "关键词": "keywords", "效力级别": "doc_type", "公文种类": "doc_type",
    "施行日期": "effective", "生效日期": "effective", "废止日期": "validity",
    "签发日期": "written", "印发日期": "written", "摘要": "summary", "简介": "summary",
    "解读文件": "interprets", "相关文件": "interprets", "type": "kind", "date": "published",
    # CMS labels for the same fields (found by a review: no suggestion for 发文单位, 成文时间)
    "发文单位": "issuer", "发文部门": "issuer", "发文机构": "issuer", "制发机关": "issuer", "制发单位": "issuer",
    "成文时间": "written", "发文日期": "written", "发文时间": "written", "印发时间": "written", "签发时间": "written",
    "公开时间": "published", "实施时间": "effective", "施行时间": "effective", "生效时间": "effective",
    "有效期": "expires", "有效期限": "expires", "失效日期": "expires", "失效时间": "expires",
    "主题": "category", "索引": "index_no", "索取号": "index_no",
}


def _file_key(name: str) -> str:
    """A file name as Windows Explorer and an input method let it look the same: case, width, spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name)).casefold()


_NOT_YET_EFFECTIVE = {"尚未生效", "not_yet_effective", "未生效"}
_TAG_SPLIT = re.compile(r"[,，、;；\s]+")
_CURLY_QUOTED = re.compile(r"“([^“”]+)”|‘([^‘’]+)’|「([^「」]+)」|『([^『』]+)』")
"""A value wholly in one pair of curly quotes or corner brackets (the group that matched holds it)."""
_ISSUES_A_POLICY = re.compile(r"关于(?:印发|发布)《[^》]*(?:办法|规定|细则|规则)(?:[（(][^）)》]*[）)])?》的通知")
"""A title printing a 办法 or 规定 (关于印发《江川省道路货物运输管理办法（试行）》的通知): a policy's, filed as a notice."""


def _doc_type_of_number(doc_no: str) -> DocType | None:
    """The 文种 a normalised 发文字号 is the number of (…令第8号: 规章; 江交规〔2026〕3号: 行政规范性文件), as
    ``catalogue import`` reads it; None: any document's."""
    return DocType.RULE if RULE_NUMBER.search(doc_no) else DocType.NORMATIVE if NORMATIVE_NUMBER.search(doc_no) else None


_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
"""A character reference with its semicolon (&ldquo; &#8220; &#x201C;): a bare & (R&D, a&para) is text."""
_TAG_NAMES = "a|b|big|br|center|div|em|font|i|p|s|small|span|strike|strong|sub|sup|u"
_SOME_TAG = re.compile(rf"</?({_TAG_NAMES})(?:\s[^<>]*)?/?>", re.IGNORECASE)
"""The tags a CMS's rich-text box leaves in a title or a summary (<br>, <font color=red>, <span style=…>)."""
_LOOKS_ONLY = re.compile(r"""<(?!a\b)[A-Za-z]+(?:\s+(?:style|color|face|size|class|align|lang)\s*=\s*"""
                         r"""(?:"[ !#-~]*"|'[ -&(-~]*'|[!#-&(-;=?-~]+))*\s*/?>""")
"""An opening tag saying only how the text looks, in ASCII: dropped with its end.  One holding words (<a name=
"关于…">, a font's Chinese name) is printed as written, as before, and read by the withheld-name check."""
_WORD_EDGE = re.compile(r"[A-Za-z0-9]")


def read_pasted_markup(text: str, line_break: str = "") -> tuple[str, str, list[tuple[str, str]]]:
    """(``text`` as the site shows it, as it is meant to read, each code found once in order with what it stood
    for): character references read as their characters (a space for &nbsp; and the other spaces); the tags of
    :data:`_SOME_TAG` dropped where :data:`_LOOKS_ONLY` (a space where one stood between two Latin letters or
    digits), the others shown but not meant."""
    codes: dict[str, str] = {}

    def reference(m: re.Match) -> str:
        ch = html.unescape(m.group(0))
        if ch == m.group(0):  # no character of that name: text
            return ch
        ch = " " if ch.isspace() else ch
        codes.setdefault(m.group(0), "即空格" if ch == " " else f"即{ch}")
        return ch

    # tags as written, then references: a reference is a character, never markup (&lt;b&gt; is the text <b>, which
    # was taken for a tag once read and dropped: a test of hostile titles)
    held = {m.group(1).lower() for m in _SOME_TAG.finditer(text)
            if not m.group(0).startswith("</") and not _LOOKS_ONLY.fullmatch(m.group(0))}

    def dropped(m: re.Match, shown: bool) -> str:
        if shown and m.group(1).lower() in held:
            codes.setdefault(m.group(0), "网页标记，网站会原样显示")
            return m.group(0)
        if m.group(1).lower() == "br" and line_break:  # two organs a line each in a CMS's cell: two, not one name
            codes.setdefault(m.group(0), f"换行标记，已按“{line_break}”读取")
            return line_break
        codes.setdefault(m.group(0), "换行标记，已删去" if m.group(1).lower() == "br" else "网页格式标记，已删去")
        before, after = m.string[m.start() - 1:m.start()], m.string[m.end():m.end() + 1]
        return " " if _WORD_EDGE.match(before) and _WORD_EDGE.match(after) else ""

    shown = _REFERENCE.sub(reference, _SOME_TAG.sub(lambda m: dropped(m, True), text))
    meant = _REFERENCE.sub(reference, _SOME_TAG.sub(lambda m: dropped(m, False), text))
    if not codes:
        return text, text, []
    return tuple(re.sub("[ \t]{2,}", " ", t).strip() for t in (shown, meant)) + (list(codes.items()),)


_ITEM_SPLIT = re.compile(r"[,，、;；]+")
_WIDE_LIST = re.compile(r"[【［]([^【】［］\[\]]*)[】］\]]")
"""A list in the Chinese input method's brackets (【甲，乙】, ［甲，乙］), its items in the group."""
_SPACE_RUN = re.compile("[ \t\u00a0\u3000]+")
_ORGAN_END = re.compile("(?:部|厅|局|委|办|院|署|政府|中心|委员会|办公室|公司|集团|所|站|处|队|会|社|馆|银行|支行|分行)$")


def _organs(text: str, agency: Collection[str]) -> list[str]:
    """``text`` as the organs its spaces separate, when one of them is the office's own name (``agency``: its
    names) and
    every piece an organ's whole name (four characters or more, ending as one: 江川省交通运输厅 江川省财政厅,
    which left the office's count in table 二（一）); else ``text``: an organ's name may hold a space (国家税务总局
    江川省税务局 is one organ: a review)."""
    pieces = [p for p in _SPACE_RUN.split(text.strip()) if p]
    if len(pieces) > 1 and agency.intersection(pieces) and all(len(p) >= 4 and _ORGAN_END.search(p) for p in pieces):
        return pieces
    return [text]


_DASH_NAMES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63")
"""Between values typed in one list item: an organ's name may hold a space, never one of these."""
_BUDGET_LATE_YEARS = 3
"""A budget without a 批复日期 may be published this many years after its year (补充公开): no mistyped year."""
_EFFECTIVE_GAP_YEARS = 10
"""A 实施日期 further than this many years after the 成文日期 and 发布日期 is a mistyped year."""
_RULES_BY_ORDER = dt.date(2002, 1, 1)
"""规章制定程序条例 (国务院令第322号) in force: 规章 promulgated by an order (令第N号) from then on; some earlier local
rules went out under a 政府文件's 〔年份〕 number, and a record formed before is not judged by it (DOMAIN.md §7)."""
_OPEN_ENDED = dt.date(9999, 1, 1)
"""A 有效期至 from here on is how other systems write 长期有效: read as none."""
_YEAR = re.compile(r"^(\d{4})\s*(?:年度?)?$", re.ASCII)
#: Coded values: normalised (invisible characters out, NFKC) before matching.
_CODED = frozenset({FieldType.DATE, FieldType.YEAR, FieldType.CHOICE, FieldType.INDEX_NO,
                    FieldType.DOC_NO, FieldType.CATEGORY})


@dataclass(frozen=True, slots=True)
class Validated:
    """The outcome for one file."""

    record: Record | None
    problems: list[Problem]
    index_no: str | None
    """The index number, when readable, even if the record has errors (so the
    records pointing to it are not told it does not exist)."""
    source: str = ""
    """The file, for problems found later about a record that did not validate."""
    index_line: int | None = None
    attachments: tuple[str, ...] = ()
    """Attachment files the file lists that exist, even if the record has errors
    (so they are not reported as stray files)."""
    named: tuple[str, ...] = ()
    """For a file that gives no record, or a record not 主动公开: every other file of the catalogue
    it names anywhere, under any key or in its text (:func:`.loader.named_files`).  Such a file
    may be what that record withholds, listed under a misspelt key or only linked: it is not published."""
    legible: tuple[tuple[str, object], ...] = ()
    """For a file that gives no record: what of it can still be read (its kind, the index numbers it
    interprets, its year), so that other records are not told it is missing (:func:`legible_facts`)."""


_PLAIN_ENTRY = re.compile(r"^(?P<key>[^\s:：#\-][^:：\n]{0,20}?)\s*[:：]\s*(?P<value>.*?)\s*$")


def legible_lines(data: bytes, problems: Iterable[Problem] = (), path: str = "") -> tuple[tuple[str, object], ...]:
    """:func:`legible_facts` of a file YAML could not read (a missing ], a stray quote), from its lines as written:
    ``key: value`` at a line's start, a ``[a, b]`` list split at its commas.  A withheld record with such a slip
    gave no facts: its title was published by a record naming it, an embargoed policy's interpretation went out
    early (a review)."""
    text = data[:40_000].decode("utf-8", errors="ignore").lstrip("\ufeff")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return ()
    entries = []
    end = len(lines)
    for n, line in enumerate(lines[1:80], start=2):
        if line.strip() == "---":
            end = n
            break
        m = _PLAIN_ENTRY.match(line)
        if m is None:
            continue
        value = _TRAILING_NOTE.sub("", m["value"]).strip()
        if value in ("|", ">", "|-", ">-", "|+", ">+", ""):  # a block, or a value on the lines below: read them
            below = []
            for nxt in lines[n:80]:
                if not nxt.startswith((" ", "\t")) or nxt.strip() == "---":
                    break
                below.append(nxt.strip())
            value = ("\n" if value.startswith("|") else "").join(below) if value else "".join(below)
            if value.startswith("- "):  # a list written as items below its key
                items = [x[2:].strip() for x in below if x.startswith("- ")]
                entries.append(Entry(m["key"].strip(), n, [Scalar(p, p, n, False) for p in items if p]))
                continue
        if value.startswith("[") and value.endswith("]"):
            items = [p.strip().strip("\"'“”‘’") for p in value[1:-1].split(",")]
            entries.append(Entry(m["key"].strip(), n, [Scalar(p, p, n, False) for p in items if p]))
        elif value:
            value = value.strip("\"'“”‘’")
            entries.append(Entry(m["key"].strip(), n, Scalar(value, value, n, False)))
    if not entries:
        return ()
    body = "\n".join(lines[end:])
    facts = dict(legible_facts(SourceDoc(path, tuple(entries), body, end + 1), problems))
    # withheld by its folder or its 附注, as validation would find (a review: a slip kept both unread)
    folder = in_not_public_folder(path)
    if "proactive" not in facts and not facts.get("withheld") and (folder or marked_not_public(body) is not None):
        facts["withheld"] = True
        if body.strip():
            facts["body"] = body_forms(body)
    return tuple(facts.items())


def body_forms(body: str) -> tuple[str, ...]:
    """A withheld body's text, spaces aside, as written and without its comments and its own 附注 (a copy made
    before they were added is a copy: a review): what ``withheld-record-copied`` compares a public body with."""
    bare = _HTML_COMMENT.sub("", body)
    mark = marked_not_public(bare)
    if mark is not None:
        lines = bare.split("\n")
        bare = "\n".join(lines[:mark[0]] + lines[mark[0] + 1:])
    return tuple(dict.fromkeys("".join(text.split()) for text in (body, bare)))


_TRAILING_NOTE = re.compile(r"\s+#.*$")
_CJK_EDGE = re.compile("[\u3400-\u9fff\uff00-\uffef\u3000-\u303f\u2018-\u201f\u2014\u2026\u00b7《》]")
"""A Chinese character or punctuation mark (quotes, dashes, ellipsis, 《》 too): where a folded title's lines meet
beside one, no space (2025 / 年度 and 关于 / “十四五” too: a review)."""
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SHOWN_TEXT = re.compile(r"[^\s\u3000\u200b\ufeff]")
"""Any character a reader sees (a body of spaces, invisible characters and comments has none)."""
_TEMPLATE_LABEL = re.compile(r"\s*(?:[（(](?P<label>[^（）()]{1,12})[）)]|——\s*(?P<line>[^—\s]{1,12}))\s*$")
"""A field's name in brackets at the end of its value, as ``catalogue new``'s template wrote it after an optional
field's example."""


def legible_facts(doc: SourceDoc, problems: Iterable[Problem] = ()) -> tuple[tuple[str, object], ...]:
    """What a record file that did not validate still says plainly: ``kind`` (a :class:`Kind`), ``interprets``
    (index numbers), ``fiscal_year`` (a year), ``proactive`` (False when its disclosure line says otherwise),
    ``title`` and ``issuer`` (texts), ``published`` (a date), and ``withheld`` (True where it is not 主动公开 by
    its disclosure line or by what ``problems``, its own, say: a 附注, a folder, a reason to withhold).  An
    interpretation with a mistyped date made its policy "missing an interpretation, 49 working days late", and a
    broken 2025 report made the 2024 one ask for a second (an audit); a withheld record's title was published by
    a record naming it once the withheld one had an error, and an embargoed policy's interpretation went out
    early (a review): the cross-record checks take these as there, the file's own errors stand."""
    facts: dict[str, object] = {}
    for entry in doc.entries:
        f = FIELDS_BY_NAME.get(entry.key) or FIELDS_BY_NAME.get(clean_code(entry.key).text.strip())
        if f is None or f.key not in ("kind", "interprets", "fiscal_year", "disclosure", "title", "issuer",
                                      "published", "doc_no"):
            continue
        texts = [v.text for v in (entry.value if isinstance(entry.value, list) else [entry.value])
                 if isinstance(v, Scalar)]
        if f.key == "title" and texts and texts[0].strip():
            facts["title"] = texts[0].strip()
        elif f.key == "doc_no" and texts and texts[0].strip():  # an interpretation may name the policy by it
            facts["doc_no"] = parse_doc_no(clean_code(texts[0]).text).key
        elif f.key == "issuer":
            facts["issuer"] = tuple(p.strip() for t in texts for p in re.split(r"[、,，;；]", t) if p.strip())
        elif f.key == "published" and texts:
            day = parse_date(clean_code(texts[0]).text)
            if isinstance(day, dt.date):
                facts["published"] = day
        elif f.key == "kind" and texts and Kind.lookup(texts[0]) is not None:
            facts["kind"] = Kind.lookup(texts[0])
        elif f.key == "disclosure":  # one not plainly 主动公开 would not count once mended either
            facts["proactive"] = bool(texts) and Disclosure.lookup(texts[0]) is Disclosure.PROACTIVE
        elif f.key == "interprets":
            facts["interprets"] = tuple(clean_code(p).text.strip() for t in texts
                                        for p in re.split(r"[,，、;；\s]+", t) if p.strip())
        elif f.key == "fiscal_year" and texts:
            year = re.search(r"(?:19|20)\d\d", clean_code(texts[0]).text)
            if year:
                facts["fiscal_year"] = int(year.group())
    if facts.get("proactive") is False or any(p.code in WITHHOLDING for p in problems):
        facts["withheld"] = True
        if doc.body.strip():  # its text, spaces aside, as written and without what withheld it: a public copy of
            facts["body"] = body_forms(doc.body)  # it is one of its text (withheld_titles)
    return tuple(facts.items())


def validate(doc: SourceDoc, config: CatalogueConfig, files: Collection[str]) -> Validated:
    """Validate one parsed file.

    ``files`` holds every file path under the catalogue root (POSIX, relative),
    so attachments are checked without touching the disk again.
    """
    return _Validation(doc, config, files).run()


class _Validation:
    def __init__(self, doc: SourceDoc, config: CatalogueConfig, files: Collection[str]):
        self.doc = doc
        self.config = config
        self.files = files
        self.problems: list[Problem] = []
        self.values: dict[str, Any] = {}
        self.lines: dict[str, int] = {}
        self.wrapped: dict[str, tuple[int, str]] = {}
        """Record.wrapped, by the keys of ``lines``."""
        self._index_date: dict[str, str | None] | None = None
        self._suggested: set[str] = set()
        self._refused = False
        self._attachments: tuple[str, ...] = ()
        self._too_early: set[str] = set()

    # -- reporting ----------------------------------------------------------

    def report(self, code: str, field: Field | None, line: int | None, message: str, hint: str = "") -> None:
        self.problems.append(problem(code, self.doc.path, line, field.key if field else None, message, hint))

    # -- the run ------------------------------------------------------------

    def run(self) -> Validated:
        entries = self._resolve_keys()
        kind_entry = entries.get("kind")
        kind = self._parse(FIELDS_BY_NAME["kind"], kind_entry) if kind_entry else None
        for f in FIELDS:
            entry = entries.get(f.key)
            if f.key == "kind":
                if kind is not None:
                    self.values["kind"] = kind
                continue
            if entry is None:
                continue
            if kind is not None and kind not in f.kinds:
                kinds = "、".join(k.label for k in Kind if k in f.kinds)
                self.report("field-not-for-kind", f, entry.line,
                            f"{kind.label}不使用{f.display}，它只用于{kinds}。",
                            self._not_for_kind_hint(f, entry, kind_entry))
                continue
            value = self._parse(f, entry)
            if value is not None:
                self.values[f.key] = value
                read = entry.value  # a list's items keep theirs (_parse_list)
                if isinstance(read, Scalar) and read.wrapped is not None and not isinstance(value, tuple):
                    self.wrapped[f.key] = read.wrapped
        for key, entry in entries.items():  # before the rules: a line said here is not said again as a 附注
            for scalar in _scalars(entry.value):
                if scalar.wrapped is not None:
                    self.problems.extend(check_wrapped_value(key, scalar.wrapped, self.doc.path))
        self._required(kind, entries)
        self._cross_field_rules(kind)
        if self.values.get("disclosure") in (None, Disclosure.PROACTIVE) \
                and not any(p.code == "disclosure-inside-value" for p in self.problems):  # said at its own line
            self._disclosure_in_values()
        self._cut_by_comments(entries)
        disclosure = self.values.get("disclosure")
        if not _SHOWN_TEXT.search(_HTML_COMMENT.sub("", self.doc.body)) and not any(
                self.values.get(k) for k in ("attachments", "figures", "statistics")) \
                and (disclosure is None or disclosure is Disclosure.PROACTIVE):  # a withheld one has no page
            # a 规范性文件 of front matter only was published as an empty page, and an empty 解读 counted as its
            # policy's interpretation (a review)
            self.report("body-empty", None, self.doc.body_line, "这条记录没有正文，也没有附件：网站上这一页只有标题和元数据。",
                        "把文件的正文粘贴在第二个 --- 之后；正文在附件中的，在「附件」(attachments)中列出文件，"
                        "并在正文写一句“正文见附件。”")
        self.problems.extend(check_body(self.doc.body, self.doc.body_line, self.doc.path))
        if "disclosure" not in entries:
            self.problems.extend(check_commented_disclosure(self.doc.comments, self.doc.path))
        for m in PLACEHOLDER.finditer(self.doc.body):
            line = self.doc.body_line + self.doc.body.count("\n", 0, m.start())
            self.report("placeholder-unfilled", None, line, f"正文中还有占位文字“{m.group(0)}”，请换成真实内容。",
                        "把这一处改写成记录的正文（可以从原文件复制）；不需要的占位文字直接删去。")
        index_no = self.values.get("index_no")
        if index_no is None and isinstance(getattr(entries.get("index_no"), "value", None), Scalar):
            # Malformed, but still its number (normalised, so a full-width twin is a duplicate).
            index_no = clean_code(entries["index_no"].value.text).text.strip() or None
        outcome = dict(source=self.doc.path, index_line=self.lines.get("index_no"),
                       attachments=self._attachments)
        if any(p.severity.value == "error" for p in self.problems) or kind is None or self._refused:
            return Validated(None, self.problems, index_no, **outcome)
        record = Record(source=self.doc.path, lines=self.lines, body=self.doc.body,
                        body_line=self.doc.body_line, wrapped=self.wrapped, **self.values)
        return Validated(record, self.problems, index_no, **outcome)

    def _resolve_keys(self) -> dict[str, Entry]:
        """Map every entry to its canonical key; report unknown and doubled ones."""
        by_key: dict[str, Entry] = {}
        for entry in self.doc.entries:
            f = FIELDS_BY_NAME.get(entry.key)
            if f is None:
                cleaned = clean_code(entry.key)
                f = FIELDS_BY_NAME.get(cleaned.text.strip())
                if f is None:
                    self._unknown(entry)
                    continue
                self._normalised(f, entry.line, entry.key, cleaned, what="字段名")
            if f.key in by_key:
                first = by_key[f.key]
                self.report("field-given-twice", f, entry.line,
                            f"{f.display}写了两次：第 {first.line} 行写作 {first.key}，第 {entry.line} 行写作 {entry.key}。",
                            "中文名和英文名只保留一个。")
                continue
            by_key[f.key] = entry
            self.lines[f.key] = entry.line
        return by_key

    def _unknown(self, entry: Entry) -> None:
        name, colon, rest = entry.key.partition(":")
        if colon and name in FIELDS_BY_NAME and rest[:1] not in ("", " "):
            # title:关于印发: 办法 (no space after the first colon): YAML's key is "title:关于印发"
            target = FIELDS_BY_NAME[name]
            self._suggested.add(target.key)
            value = entry.value.text if isinstance(entry.value, Scalar) else ""
            self.report("unknown-field", target, entry.line,
                        f"第 {entry.line} 行{target.display}的英文冒号后面没有空格，这一行读不出这个字段。",
                        f"冒号后要有一个空格；取值中的英文冒号改成中文冒号（或用引号把整个取值括起来）：{name}: {rest}：{value}")
            return
        key = simplified(entry.key.strip("：: "))  # 主題分類, 發文機關: a template in traditional characters
        familiar = _FAMILIAR_NAMES.get(entry.key) or _FAMILIAR_NAMES.get(key) or (key if key in FIELDS_BY_NAME else None)
        if familiar:
            target = FIELDS_BY_NAME[familiar]
        else:
            names = list(FIELDS_BY_NAME)
            close = difflib.get_close_matches(entry.key, names, n=1, cutoff=0.6)
            target = FIELDS_BY_NAME[close[0]] if close else None
        if target:
            self._suggested.add(target.key)
        hint = (f"你是不是想写 {target.alias}（或 {target.key}）？" if target
                else "可用的字段见文档《字段参考》。")
        self.problems.append(problem("unknown-field", self.doc.path, entry.line, entry.key,
                                     f"记录格式中没有字段「{visible(entry.key)}」。", hint))

    def _normalised(self, f: Field, line: int, written: str, cleaned: Cleaned, what: str = "取值") -> None:
        """Warn that a coded value was read without its invisible characters or full-width forms."""
        if cleaned.invisible:
            self.report("invisible-character", f, line,
                        f"{f.display}的{what}“{visible(written)}”中，" + "；".join(cleaned.invisible)
                        + f"，已删去后按“{cleaned.text.strip()}”读取。",
                        "这类字符通常是从 Word、WPS 或网页复制时带进来的：删去它们（在编辑器中把光标移到该位置，"
                        "按退格键，直到前后两个字符之间没有空隙），或重新手工输入这个取值。")
        if cleaned.widened:
            pairs = "、".join(f"“{a}”（{char_name(a[0])}）按“{b}”" if len(a) == 1 and a in _DASH_NAMES
                             else f"“{a}”按“{b}”" for a, b in cleaned.widened)
            dashes = any(any(ch in _DASH_NAMES for ch in a) for a, _ in cleaned.widened)
            self.report("value-normalised", f, line,
                        f"{f.display}的{what}“{visible(written)}”中有" + ("全角字符或长短破折号" if dashes else "全角字符")
                        + f"，已把{pairs}读取。",
                        "改用半角（英文输入法下的）数字、字母和符号，例如 2024 而不是 ２０２４"
                        + ("，减号用键盘上的“-”（Word 的自动更正会把它改成破折号）。" if dashes else "。"))

    # -- one field ------------------------------------------------------------

    def _parse(self, f: Field, entry: Entry) -> Any:
        value = entry.value
        if value is UNREADABLE:
            self._refused = True  # the reader reported it; the record cannot be built
            return None
        if isinstance(value, Scalar) and not value.text.strip():
            value = None  # a quoted "" or "  " is as empty as nothing
        if value is None or value == [] or value == {}:
            self.report("empty-field", f, entry.line, f"{f.display}没有填写内容。",
                        f"例如：{f.key}: {_example(f)}" + ("；不需要时删去这一行。" if not f.required_for else ""))
            return None
        if self._placeholders(f, value):
            return None
        if isinstance(value, Scalar) and f.none_is_absent and says_none(value.text):
            # 文号：无 copied from a CMS: no 文号, not one to format or to find twice (a review)
            self.report("field-says-none", f, entry.line,
                        f"{f.display}写的是“{visible(value.text.strip())}”：已按没有{f.label}读取，网站上不显示这一项。",
                        f"没有{f.label}的不填：删去这一行。")
            return None
        t = f.type
        if t in (FieldType.REFS, FieldType.PATHS, FieldType.NAMES, FieldType.TAGS):
            return self._parse_list(f, entry)
        if t is FieldType.STATISTICS:
            from .annual_report import parse_statistics
            stats, problems = parse_statistics(value, entry.line, self.doc.path)
            self.problems.extend(problems)
            return stats
        if t is FieldType.FIGURES:
            figures, problems = read_figures(value, self.doc.path, entry.line,
                                             self.values.get("kind") is Kind.FINAL_ACCOUNT, self.config.fiscal_unit)
            self.problems.extend(problems)
            return figures
        if not isinstance(value, Scalar):
            self.report("wrong-type", f, entry.line,
                        f"{f.display}应当是{_shape(f)}，这里却写成了{'列表' if isinstance(value, list) else '多个字段'}。",
                        f"例如：{f.key}: {_example(f)}")
            return None
        text = value.text.strip()
        if t in (FieldType.DATE, FieldType.YEAR, FieldType.INDEX_NO, FieldType.DOC_NO, FieldType.LINE):
            text = self._unquoted(f, entry.line, text)  # a title in Word's quotes was published with them (a review)
        written = text  # as the editor wrote it: a 文号 is shown so (江交发（2020）19号 was shown with ASCII brackets)
        if t in _CODED:
            cleaned = clean_code(text, punctuation=t is FieldType.INDEX_NO)
            if t in (FieldType.DATE, FieldType.YEAR):
                # Full-width digits in a date are an accepted way to write it (the
                # date shown is the one read); only invisible characters are news.
                cleaned = replace(cleaned, widened=())
            if cleaned.text != text:
                self._normalised(f, entry.line, text, cleaned)
                text = cleaned.text.strip()
                if not text:
                    self.report("empty-field", f, entry.line, f"{f.display}只有看不见的字符，没有填写内容。",
                                f"例如：{f.key}: {_example(f)}")
                    return None
        if t is FieldType.LINE or t is FieldType.INDEX_NO or t is FieldType.DOC_NO or t is FieldType.CATEGORY:
            if "\n" in text:
                self.report("not-single-line", f, entry.line, f"{f.display}不能换行。",
                            "把取值写在同一行内。")
                return None
        if f.key == "title" and value.wrapped is not None and not value.quoted and "\n" in value.wrapped[1]:
            # a title folded over two lines: YAML joins them with a space, 规范 道路客运 (a review); Chinese text is
            # joined without one where the lines meet, as the importer joins a title broken for layout; the
            # spaces inside a line stay (江川省交通运输厅 江川省公安厅关于…: a review of the first rule)
            lines = [x.strip() for x in value.wrapped[1].split("\n") if x.strip()]  # the value's, without its key
            joined = text
            if lines and text.startswith(lines[0]):
                joined = lines[0]
                for part in lines[1:]:
                    left, right = joined[-1], part[0]
                    close = (_CJK_EDGE.match(left) or left.isdigit()) and (_CJK_EDGE.match(right) or right.isdigit()) \
                        and not (left.isdigit() and right.isdigit())  # 2025 / 年度 closes; 高速 / Rest Area keeps one
                    joined += ("" if close else " ") + part
                if "".join(joined.split()) != "".join(text.split()):
                    joined = text  # not the lines YAML read: as YAML read them
            if joined != text:
                self.report("value-normalised", f, entry.line,
                            f"{f.display}写在了几行上，接起来时两个汉字之间多了空格：已按“{visible(joined)}”读取。",
                            f"把{f.display}写在一行：{f.key}: {joined}")
                text = joined
        if t is FieldType.LINE or t is FieldType.TEXT:
            return self._pasted_markup(f, entry.line, text)
        if t is FieldType.DATE:
            parsed = parse_date(text)
            if isinstance(parsed, str):
                open_ended = f.key == "expires" and any(w in text for w in ("长期", "永久", "无期限", "不限"))
                self.report("invalid-date", f, entry.line, f"{f.display}“{visible(text)}”不是有效日期：{parsed}。",
                            "长期有效的文件不填有效期至：删去这一行。" if open_ended else
                            "写成 2024-03-05、2024.03.05 或 2024年3月5日。")
                return None
            if f.key == "expires" and parsed >= _OPEN_ENDED:
                return None  # 9999-12-31, as other systems write 长期有效: no last day (nor a day after it)
            return parsed
        if t is FieldType.YEAR:
            m = _YEAR.match(text)
            if not m or not 1949 <= int(m.group(1)) <= 2100:
                self.report("invalid-year", f, entry.line, f"{f.display}“{visible(text)}”不是用阿拉伯数字写的四位年份。",
                            "写成四位数字，例如 2024。")
                return None
            return int(m.group(1))
        if t is FieldType.CHOICE:
            return self._parse_choice(f, entry, text)
        if t is FieldType.INDEX_NO:
            self._check_index_no(f, entry, text)
            return text
        if t is FieldType.DOC_NO:
            doc_no = replace(parse_doc_no(text), original=ODD_CHARACTER.sub("", written).strip())
            if not doc_no.looks_standard:
                self.report("doc-no-format", f, entry.line,
                            f"{f.display}“{visible(text)}”不是常见的发文字号写法。",
                            "通常写作 机关代字〔年份〕序号号，例如 江交规〔2024〕3号（序号前不加“第”，也不补 0）；"
                            "规章写作 …令第3号。")
            return doc_no
        if t is FieldType.CATEGORY:
            return self._parse_category(f, entry, text)
        raise AssertionError(t)  # every FieldType is handled above

    def _cut_by_comments(self, entries: dict[str, Entry]) -> None:
        """``value-cut-by-comment`` for a text field whose line goes on after `` #`` with a word (``#平安春运#``, not
        ``# 备注``, an editor's note): YAML reads the rest as a comment and drops it, and 关于开展 #平安春运# 主题
        宣传活动的通知 was published as 关于开展 (a review).  A note after a list or a code (``[甲, 乙]  # 联合发文``,
        ``fiscal_year: 2026  # 所属年度``) cuts nothing (a review of the first rule)."""
        trailing = dict(self.doc.trailing)
        for key, entry in entries.items():
            f = FIELDS_BY_KEY[key]
            if f.type not in (FieldType.LINE, FieldType.TEXT):
                continue
            comment = trailing.get(entry.line)
            if comment is None or not comment.strip() or comment[:1].isspace():
                continue
            # a value on its key's line, not quoted (a block's header or a value below its key carry a comment of
            # their own: summary: > # 原电话 …)
            first = next(iter(_scalars(entry.value)), None)
            if first is None or first.line != entry.line or first.quoted or first.wrapped is not None \
                    or not first.text.strip():
                continue
            self.report("value-cut-by-comment", f, entry.line,
                        f"{f.display}这一行“ #{visible(comment.strip())}”被当作注释丢掉了：网站上只显示 # 前面的部分。",
                        f"用引号把整个取值括起来，例如：{f.key}: \"……#{visible(comment.strip())}\"；"
                        "这段文字若是给自己看的备注，把它移到单独的一行，以 # 开头。")

    def _placeholders(self, f: Field, value: Any) -> bool:
        """Report each placeholder ``catalogue new`` left in the value; True when there was one."""
        scalars = [value] if isinstance(value, Scalar) else [v for v in value if isinstance(v, Scalar)] \
            if isinstance(value, list) else []
        found = False
        for item in scalars:
            for m in PLACEHOLDER.finditer(item.text):
                found = True
                self.report("placeholder-unfilled", f, item.line,
                            f"{f.display}还是占位文字“{m.group(0)}”，请换成真实内容。",
                            f"{f.help}例如：{f.key}: {_example(f)}")
            label = _TEMPLATE_LABEL.search(item.text)  # （内容概述）, or the template's own line joined on: —— 修订说明
            if label is not None and (label["label"] or label["line"]) in (f.label, *(o.label for o in FIELDS)) \
                    and (label["label"] == f.label or label["line"]):
                # catalogue new's earlier templates wrote summary: 示例  （内容概述）: uncommented and rewritten, the
                # label was published with the value (a review)
                found = True
                self.report("placeholder-unfilled", f, item.line,
                            f"{f.display}的末尾“{label.group().strip()}”是新建记录模板中的说明文字，不是取值的一部分。",
                            f"删去“{label.group().strip()}”，只保留取值。例如：{f.key}: {_example(f)}")
        return found

    def _parse_choice(self, f: Field, entry: Entry, text: str):
        member = f.choices.lookup(text)
        if member is not None:
            return member
        if f.key == "validity" and text in _NOT_YET_EFFECTIVE:
            self.report("validity-derived", f, entry.line,
                        "「有效性」不需要填写“尚未生效”：实施日期在今天之后时，网站会自动显示尚未生效。",
                        "删去这一行（默认现行有效），并填写「实施日期」(effective)。")
            return None
        allowed = "、".join(m.label for m in f.choices)
        bare = text.strip().strip("“”‘’「」『』\"'")
        if bare != text.strip() and f.choices.lookup(bare) is not None:  # “不予公开”: the quotes are the problem
            self.report("invalid-choice", f, entry.line,
                        f"{f.display}的取值 {visible(text)} 两边有中文引号，YAML 不会去掉它们，读到的不是“{bare}”。",
                        f"删去引号：{f.key}: {bare}")
            return None
        self.report("invalid-choice", f, entry.line, f"{f.display}不能填“{visible(text)}”。", f"可填：{allowed}。")
        return None

    def _parse_list(self, f: Field, entry: Entry) -> tuple[str, ...] | None:
        value = entry.value
        items: list[tuple[str, int, Scalar]] = []  # text, line, and the scalar it was read from
        if isinstance(value, Scalar):
            text = self._unbracketed(f, value.line, value.text.strip())
            parts = _TAG_SPLIT.split(text) if f.type is FieldType.TAGS else [text]
            items = [(p, value.line, value) for p in parts if p]
        elif isinstance(value, list):
            for item in value:
                if item is None:
                    continue
                if not isinstance(item, Scalar):
                    self.report("wrong-type", f, entry.line,
                                f"{f.display}的列表项应当是{_shape(f, item=True)}，这里写成了嵌套的列表或字段。",
                                f"例如：{f.key}: {_example(f)}")
                    return None
                items.append((item.text.strip(), item.line, item))
        else:
            self.report("wrong-type", f, entry.line, f"{f.display}应当是{_shape(f)}。",
                        f"例如：{f.key}: {_example(f)}")
            return None
        if not items:
            self.report("empty-field", f, entry.line, f"{f.display}没有填写内容。",
                        f"例如：{f.key}: {_example(f)}")
            return None
        if f.type in (FieldType.NAMES, FieldType.TAGS):  # [“道路运输”]: published with its quotes (a review); “甲、乙”
            items = [(self._unquoted(f, line, text, True), line, scalar) for text, line, scalar in items]  # whole first
        if f.type in (FieldType.NAMES, FieldType.TAGS):  # 江川省交通运输厅&nbsp; copied from a CMS (a review); its <br>
            # between two organs is a list's 、 (江川省交通运输厅<br>江川省公安厅 was one organ of both names: a later review)
            items = [(self._pasted_markup(f, line, text), line, scalar) for text, line, scalar in items]
        if f.type in (FieldType.NAMES, FieldType.REFS, FieldType.TAGS):
            items = self._split_items(f, items)
        if f.type in (FieldType.NAMES, FieldType.TAGS):  # then “甲”、“乙”, each
            items = [(self._unquoted(f, line, text, True), line, scalar) for text, line, scalar in items]
        if f.type is FieldType.REFS:  # index numbers: normalised as the records' own are
            normalised = []
            items = [(self._unquoted(f, line, text), line, scalar) for text, line, scalar in items]
            for text, line, scalar in items:
                cleaned = clean_code(text)
                if cleaned.text != text:
                    self._normalised(f, line, text, cleaned)
                normalised.append((cleaned.text.strip(), line, scalar))
            items = [item for item in normalised if item[0]]
        if f.type is FieldType.NAMES:  # an agency's name with a zero-width space pasted in is another agency
            items = [item for item in (self._without_invisible(f, *item) for item in items) if item[0]]
        if f.type is not FieldType.TAGS:  # a 主题词 twice is counted nowhere, and each keeps its line for the privacy check
            items = self._once(f, items)
        for i, (_, line, scalar) in enumerate(items):
            self.lines[f"{f.key}[{i}]"] = line
            if scalar.wrapped is not None:
                self.wrapped[f"{f.key}[{i}]"] = scalar.wrapped
        if f.type is FieldType.PATHS:
            return self._check_paths(f, [(text, line) for text, line, _ in items])
        return tuple(text for text, _, _ in items)

    def _one_path_each(self, f: Field, base: str, text: str, line: int) -> list[tuple[str, int]]:
        """An attachment's path in Word's quotes, or two files named in one item with Chinese punctuation
        (附件1.pdf、附件2.pdf), where the name as written is no file and each part is one: read as meant, and said
        (they were told one file was missing, or that PDFs cannot be attachments: a review)."""
        found = lambda t: posixpath.normpath(posixpath.join(base, t)) in self.files  # noqa: E731
        if not found(text):
            text = self._unquoted(f, line, text, True)
        parts = [p.strip() for p in _ITEM_SPLIT.split(text) if p.strip()]
        if len(parts) > 1 and not found(text) and all(found(p) for p in parts):
            self.report("value-normalised", f, line,
                        f"{f.display}的一项“{visible(text)}”写了 {len(parts)} 个文件：已按 {len(parts)} 个附件读取。",
                        f"写成列表：{f.key}: [{', '.join(parts)}]")
            return [(p, line) for p in parts]
        return [(text, line)]

    def _unquoted(self, f: Field, line: int | None, text: str, item: bool = False) -> str:
        """A number or a date in Word's curly quotes (“2025-06-23”, “015200371/2025-00005”: AutoFormat turns the
        quotes of a YAML example into them, and YAML keeps them): read without them, and said.  Each was "not a
        valid date" or "not found" (an audit), while 公开方式 so written was named."""
        m = _CURLY_QUOTED.fullmatch(text)
        if m is None:
            return text
        inner = next(g for g in m.groups() if g is not None).strip()
        self.report("value-normalised", f, line,
                    f"{f.display} {visible(text)} 两边有中文引号，YAML 不会去掉它们：已按“{inner}”读取。",
                    f"删去这一项两边的引号，写成 {inner}（其他各项照旧）。" if item else f"删去引号：{f.key}: {inner}")
        return inner

    def _unbracketed(self, f: Field, line: int, text: str) -> str:
        """A list typed with the Chinese input method on, 【甲，乙】 or ［甲，乙］ for [甲, 乙] (YAML reads it as one text):
        read as the list, and said.  A right 索引号 was "not found, check it", and 主题词 were published in their
        brackets (a review)."""
        m = _WIDE_LIST.fullmatch(text)
        if m is None:
            return text
        inner = m.group(1).strip()
        parts = [p for p in (_TAG_SPLIT if f.type is FieldType.TAGS else _ITEM_SPLIT).split(inner) if p.strip()]
        self.report("value-normalised", f, line,
                    f"{f.display}“{visible(text)}”用了中文输入法的方括号“{text[0]}{text[-1]}”，YAML 不把它当作列表："
                    "已去掉括号按列表读取。",
                    "列表要用英文方括号 [ ]（切换到英文输入法再输入）" + ("，项与项之间用英文逗号加空格" if len(parts) > 1 else "")
                    + f"：{f.key}: [{', '.join(parts)}]")
        return inner

    def _split_items(self, f: Field, items: list[tuple[str, int, Scalar]]) -> list[tuple[str, int, Scalar]]:
        """Several values typed in one item with Chinese punctuation (江川省交通运输厅、江川省财政厅 as a CMS shows a
        joint 发文机关; [甲，乙] typed with the Chinese input method): each its own item.  A joint document read
        as one organ left the agency's count of table 二（一）, nothing said (an audit).  Said for names and index
        numbers (``value-normalised``); keywords are written so anyway."""
        out = []
        for text, line, scalar in items:
            parts = [p.strip() for p in _ITEM_SPLIT.split(text) if p.strip()]
            spaced = False
            if f.type is FieldType.NAMES:  # 江川省交通运输厅 江川省财政厅, as a CMS page's cell shows two organs (a review)
                own = {self.config.agency, *self.config.agency_former_names} - {""}
                split = [piece for part in parts for piece in _organs(part, own)]
                spaced, parts = len(split) > len(parts), split
            if len(parts) > 1 and f.type is not FieldType.TAGS:
                self.report("value-normalised", f, line,
                            f"{f.display}“{visible(text)}”写在一项里，中间用了“、”“，”“；”{'或空格' if spaced else '或'}："
                            f"读作 {len(parts)} 项（{'、'.join(parts)}）。",
                            f"写成列表，项与项之间用英文逗号加空格：{f.key}: [{', '.join(parts)}]")
            out += [(part, line, scalar) for part in parts] if len(parts) > 1 else [(text, line, scalar)]
        return out

    def _pasted_markup(self, f: Field, line: int | None, text: str) -> str:
        """A text copied from a CMS that stores it as HTML (关于做好&ldquo;春运&rdquo;工作的通知&nbsp;, a <br> in the
        summary), read as the CMS page showed it, and said (``value-pasted-markup``): the page, the feeds and the
        open data print a value as text, and the entity names were published in the 标题 citizens search and
        quote (a review).  Read rather than refused: which characters are meant is certain, and an error would
        hold up the site for it; the warning gives the text to write, so the file comes to say what is shown."""
        shown, meant, codes = read_pasted_markup(text, "、" if f.type in (FieldType.NAMES, FieldType.TAGS) else "")
        if not codes:
            return text
        said = "、".join(f"“{code}”（{what}）" for code, what in codes)
        if "、" in meant and f.type in (FieldType.NAMES, FieldType.TAGS):  # several: written as the list they are
            meant = "[" + ", ".join(part.strip() for part in meant.split("、") if part.strip()) + "]"
        self.report("value-pasted-markup", f, line,
                    f"{f.display}中有从网站后台复制带来的网页代码{said}，网站会把代码当作文字原样显示，"
                    f"现在已按“{visible(shown)}”读取。",
                    f"把{f.display}改为这样：{f.key}: {meant}" if "\n" not in meant else
                    f"把{f.display}中的网页代码改为它们代表的字符，删去标记，写成：{visible(meant)}")
        return shown

    def _without_invisible(self, f: Field, text: str, line: int, scalar: Scalar) -> tuple[str, int, Scalar]:
        """A name without the invisible characters pasted into it (``invisible-character``); its own full-width
        brackets stay (江川省人民政府办公厅（省政府） is written so).  A zero-width space in 发文机关 made the
        budgets' cross-year checks see two agencies and fall silent (found by an audit)."""
        cleaned = clean_code(text, punctuation=False)
        if not cleaned.invisible:
            return text, line, scalar
        bare = "".join(ch for ch in text if ch not in INVISIBLE_NAMES and not is_control(ch)).strip()
        self._normalised(f, line, text, replace(cleaned, text=bare, widened=()))
        return bare, line, scalar

    def _once(self, f: Field, items: list[tuple[str, int, Scalar]]) -> list[tuple[str, int, Scalar]]:
        """Each item once (``list-item-repeated`` for the others): an index number listed twice had its
        problems told twice, a file listed twice as ``f.pdf`` and ``./f.pdf`` was shown twice on the page; an organ
        named twice in 发文机关 (a joint template's second name overwritten with the first) counted the record twice
        in the 发文机关 facet and listed it twice on the organ's list (a review)."""
        base = posixpath.dirname(self.doc.path)
        seen: dict[str, int] = {}
        kept = []
        for item in items:
            text, line, _ = item
            same = posixpath.normpath(posixpath.join(base, text)) if f.type is FieldType.PATHS else text
            if same in seen:
                where = "同一行" if seen[same] == line else f"第 {seen[same]} 行"
                self.report("list-item-repeated", f, line, f"{f.display}中的“{visible(text)}”与{where}的一项相同，只算一次。",
                            f"删去后面重复的“{visible(text)}”" + ("。" if seen[same] == line else f"（第 {line} 行）。"))
                continue
            seen[same] = line
            kept.append(item)
        return kept

    def _check_index_no(self, f: Field, entry: Entry, text: str) -> None:
        pattern = ascii_pattern(self.config.index_no_pattern)
        m = pattern.match(text)
        if not m:
            why, code = "", self.config.agency_code or ""
            spaced = re.sub(r"\s+", "", text)
            if spaced != text and pattern.match(spaced):
                why = f"其中有空格，删去后是 {spaced}。"
            elif code.startswith("0") and text.startswith(code.lstrip("0")) and pattern.match("0" * (
                    len(code) - len(code.lstrip("0"))) + text):
                fixed = code[:len(code) - len(code.lstrip("0"))] + text
                why = f"机关代码少了开头的 0（Excel 会删去数字开头的 0），应为 {fixed}。"
            self.report("invalid-index-no", f, entry.line, f"{f.display}“{visible(text)}”不符合本目录的索引号格式。{why}",
                        "本目录的索引号形如 " + _index_example(self.config) + "（格式由 mkdocs.yml 的 index_no_pattern 规定）。")
            return
        groups = m.groupdict()
        org = groups.get("org")
        if org:
            expected = verify_agency_code(org)
            if self.config.agency_code and org != self.config.agency_code:
                pass  # the agency message below says which code is right
            elif expected:
                self.report("index-no-check-character", f, entry.line,
                            f"{f.display}前缀 {org} 的校验位不对：按国家标准应为 {expected}，通常是抄错了一位。",
                            f"核对本机关的代码；如果本机关代码是 {org[:-1]}{expected}，索引号应以它开头。")
            if self.config.agency_code and org != self.config.agency_code:
                self.report("index-no-agency", f, entry.line,
                            f"{f.display}前缀 {org} 不是本机关的代码 {self.config.agency_code}。",
                            f"索引号应以 {self.config.agency_code}/ 开头。")
        self._index_date = {k: groups.get(k) for k in ("year", "month", "date")}

    def _parse_category(self, f: Field, entry: Entry, text: str) -> str | None:
        # gov.cn writes 综合政务\政务公开; editors type full-width slashes.
        name = re.sub(r"\s*[\\/／＼]\s*", "/", text)
        if name in self.config.allowed_categories:
            return name
        allowed = self.config.categories
        close = difflib.get_close_matches(name, list(allowed), n=3, cutoff=0.4)
        message = f"{f.display}“{visible(text)}”不在本目录的分类表中。"
        if close:  # each quoted: the official names hold 、 themselves (工业、交通), so 、 cannot part them (a review)
            message += "你是不是想写：" + "".join(f"“{name}”" for name in close) + "？"
        self.report("unknown-category", f, entry.line, message, _category_list(allowed))
        return None

    def _check_paths(self, f: Field, items: list[tuple[str, int]]) -> tuple[str, ...] | None:
        base = posixpath.dirname(self.doc.path)
        resolved: list[str] = []
        ok = True
        items = [item for text, line in items for item in self._one_path_each(f, base, text, line)]
        for text, line in items:
            if text.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", text) or "\\" in text:
                self.report("attachment-invalid-path", f, line,
                            f"{f.display}“{visible(text)}”是绝对路径或含反斜杠。",
                            "写成相对于本记录文件的路径，用 / 分隔，例如 附件/2024-预算表.pdf。")
                ok = False
                continue
            target = posixpath.normpath(posixpath.join(base, text))
            if target.startswith("../") or target == ".." or ".." in text.split("/"):
                self.report("attachment-invalid-path", f, line,
                            f"{f.display}“{visible(text)}”用 .. 指向了别的目录。",
                            "把附件放在记录所在的目录或其子目录中，再按相对路径填写。")
                ok = False
                continue
            suffix = posixpath.splitext(target)[1].lower().lstrip(".")
            if suffix in ("md", "markdown") or suffix not in self.config.attachment_types:
                why = ("记录文件不能作为附件" if suffix in ("md", "markdown")
                       else f"“.{suffix}”类型的文件不能作为附件发布" if suffix else "没有扩展名的文件不能作为附件")
                self.report("attachment-invalid-path", f, line, f"{f.display}“{visible(text)}”：{why}。",
                            "附件应是 PDF、OFD、Word、Excel、图片等文件；允许的类型由配置 attachment_types 规定。"
                            "HTML、SVG 等文件会在浏览器中执行脚本，不能作为附件。")
                ok = False
                continue
            if target not in self.files:
                near = self._near_file(target)
                written = relative_path(near, base) if near else ""
                self.report("attachment-missing", f, line, f"{f.display}“{visible(text)}”找不到。" + (
                            f"同一文件夹中有“{visible(written)}”。" if near else ""),
                            f"把「附件」中的名字改成 {written}（文件名要一字不差，包括大小写、空格和半角数字）。"
                            if near else f"把文件放到 catalogue/{target}，或改正文件名（注意大小写和扩展名）。")
                ok = False
                continue
            resolved.append(target)
        self._attachments = tuple(resolved)
        return tuple(resolved) if ok else None

    def _near_file(self, target: str) -> str | None:
        """The file of the catalogue in ``target``'s folder whose name differs from it only as Windows or a
        Chinese input method hides (附件1.PDF, 附件 1.pdf, 附件１.pdf), or is one slip from it; or None.
        Without it, the editor was told to add a file that is there (found by a review)."""
        folder, name = posixpath.split(target)
        beside = {posixpath.basename(p): p for p in self.files
                  if posixpath.dirname(p) == folder and not p.lower().endswith((".md", ".markdown"))}
        key = _file_key(name)
        same = [p for n, p in sorted(beside.items()) if _file_key(n) == key]
        if same:
            return same[0]
        close = difflib.get_close_matches(name, sorted(beside), n=1, cutoff=0.85)
        return beside[close[0]] if close else None

    # -- whole-record rules -----------------------------------------------------

    def _required(self, kind: Kind | None, entries: dict[str, Entry]) -> None:
        """Required fields; without a readable kind, the ones every kind requires."""
        for f in FIELDS:
            needed = f.required_for == frozenset(Kind) if kind is None else kind in f.required_for
            if not needed or f.key in entries or f.key in self._suggested:
                continue
            who = f"{kind.label}" if kind else "每条记录都"
            self.report("missing-field", f, 1, f"{who}必须填写{f.display}。",
                        f"在元数据中加一行：{f.key}: {_example(f)}")

    def _cross_field_rules(self, kind: Kind | None) -> None:
        v = self.values
        # A disclosure line written but unreadable or empty is an error of its own; the rules below would
        # take it for 主动公开 and say so (a false "公开方式写的是主动公开": found by a review).
        self._no_reasons(v)
        if not ("disclosure" in self.lines and v.get("disclosure") is None):
            self._disclosure_rules(v, v.get("disclosure", Disclosure.PROACTIVE))
        self._too_early = self._dates_too_early()
        self._year_not_over(kind)
        self._doc_no_year()
        self._doc_type_by_doc_no()
        self._notice_like_policy(kind)
        self._effective_far_after()
        self._date_order("effective", "written", "实施日期早于成文日期")
        self._date_order("published", "written", "发布日期早于成文日期")
        self._date_order("expires", "effective", "有效期截止日早于实施日期")
        self._date_order("published", "approved", "发布日期早于批复日期")
        self._index_no_date()
        if kind in (Kind.POLICY, Kind.NOTICE):
            self._effective_as_written()

    def _dates_too_early(self) -> set[str]:
        """``date-too-early`` for each date before :data:`EARLIEST_DATE` (成文日期 1024-09-20: a mistyped year
        that silently turned the deadline checks off, as a rule judges only records formed after it began:
        found by a review), with the year most likely meant; the keys of those dates."""
        dates = {f.key: self.values[f.key] for f in FIELDS
                 if f.type is FieldType.DATE and isinstance(self.values.get(f.key), dt.date)}
        around = [d.year for d in dates.values() if d >= EARLIEST_DATE]
        parts = self._index_date or {}
        index_year = _number(parts.get("year")) or _number((parts.get("date") or "")[:4])
        around += [y for y in (index_year, self.values.get("fiscal_year")) if isinstance(y, int) and y >= 1949]
        early = set()
        for key, day in dates.items():
            if day >= EARLIEST_DATE:
                continue
            early.add(key)
            f = FIELDS_BY_NAME[key]
            year = likely_year(day.year, around, EARLIEST_DATE.year, max(around, default=2099) + 1)
            meant = with_year(day, year) if year is not None else None
            said = f"多半是年份写错了（是不是 {year} 年？）" if year is not None else "多半是年份写错了"
            self.report("date-too-early", f, self.lines.get(key),
                        f"{f.display} {day.isoformat()} 早于 1949年10月1日，不可能是本机关文件的日期，{said}。",
                        f"核对原文件，改正年份：{f.key}: {meant.isoformat()}" if meant else
                        f"核对原文件，写出正确的年份，例如 {f.key}: {f.example}")
        return early

    def _not_for_kind_hint(self, f: Field, entry: Entry, kind_entry: Entry) -> str:
        """What to do with a field the record's kind does not use.  A 文种 规章 or 行政规范性文件 is what says the
        record is a policy: the hint's first advice, to delete it, let a normative document filed as 类型: 通知
        out of its interpretation, the annual report and 主动公开 (a review), so 类型 is to change."""
        written = entry.value.text if isinstance(entry.value, Scalar) else ""
        doc_type = DocType.lookup(clean_code(written).text) if f.key == "doc_type" else None
        if doc_type not in (DocType.RULE, DocType.NORMATIVE):
            return "删去这一行，或检查「类型」是否填对。"
        k = FIELDS_BY_NAME["kind"]
        return (f"{f.display}写的是{doc_type.label}，这是一份政策文件：把第 {kind_entry.line} 行{k.display}改为 "
                f"{Kind.POLICY.label}，保留这一行。不要删去{f.display}：删去后这份{doc_type.label}不再要求政策解读，"
                "也不计入年度报告。")

    def _notice_like_policy(self, kind: Kind | None) -> None:
        """``notice-looks-like-policy``: 类型 通知 (a 公文种类, accepted for 通知公告) on a 规章's or 行政规范性文件's
        发文字号 (令第N号, 江交规〔2026〕3号), or on “关于印发《…办法》的通知”: a notice needs no interpretation, is
        not counted in 表二（一） and may be withheld, so a normative document escaped all three without a word
        (a review).  Not when its 文种 line is already said (field-not-for-kind), nor on 类型: 通知 alone: most
        通知 are notices."""
        if kind is not Kind.NOTICE or any(p.code == "field-not-for-kind" and p.key == "doc_type" for p in self.problems):
            return
        doc_no, title = self.values.get("doc_no"), self.values.get("title") or ""
        doc_type = _doc_type_of_number(doc_no.normalised) if doc_no is not None else None
        k = FIELDS_BY_NAME["kind"]
        if doc_type is not None:
            f = FIELDS_BY_NAME["doc_no"]
            mark = "令第…号" if doc_type is DocType.RULE else "带“规”字"
            said = f"{f.display}“{doc_no.original}”是{doc_type.label}的文号（{mark}）"
            fix = (f"这是一份{doc_type.label}的，把{k.display}改为 {Kind.POLICY.label}，并加一行 文种: {doc_type.label}；"
                   "确实只是通知公告的，核对发文字号是否抄错。")
        elif _ISSUES_A_POLICY.search(title):
            said = f"标题是“{_ISSUES_A_POLICY.search(title).group(0)}”，印发的办法、规定是政策文件"
            fix = (f"把{k.display}改为 {Kind.POLICY.label}，并加一行 文种: 行政规范性文件（是规章的写 规章，"
                   "两者都不是的写 其他文件）。")
        else:
            return
        disclosure = self.values.get("disclosure", Disclosure.PROACTIVE)
        withheld = (f"现在它的公开方式是{disclosure.label}，而规章和行政规范性文件必须主动公开（条例第二十条第（一）项）。"
                    if disclosure is not Disclosure.PROACTIVE else "")
        self.report("notice-looks-like-policy", k, self.lines.get("kind"),
                    f"{k.display}写的是{kind.label}，但{said}。作为{kind.label}，它不要求政策解读，不计入年度报告表二（一），"
                    f"也不受规章和行政规范性文件必须主动公开的约束。{withheld}", fix)

    def _doc_no_year(self) -> None:
        """A 发文字号 whose bracketed year is neither the 成文日期's nor the 发布日期's year: most often last year's
        record copied to start a new one, the 文号 left (an audit found it published without a word).  GB/T 9704
        7.2.4 puts the year of issue there."""
        doc_no = self.values.get("doc_no")
        m = re.search(r"〔(\d{4})〕", doc_no.normalised) if doc_no is not None else None
        dates = [d for d in (self.values.get("written"), self.values.get("published")) if isinstance(d, dt.date)]
        if m is None or not dates or int(m.group(1)) in {d.year for d in dates}:
            return
        f = FIELDS_BY_NAME["doc_no"]
        g = FIELDS_BY_NAME["written" if isinstance(self.values.get("written"), dt.date) else "published"]
        self.report("doc-no-year-mismatch", f, self.lines.get("doc_no"),
                    f"{f.display}“{doc_no.original}”的年份是 {m.group(1)}，{g.display}却是 {self.values[g.key].isoformat()}。",
                    "核对原文件的发文字号：是不是沿用了旧记录的文号？发文字号中的年份是发文的年份。")

    def _doc_type_by_doc_no(self) -> None:
        """``doc-type-contradicts-doc-no`` for a 文种 its own 发文字号 denies: a 规章 is promulgated by an order
        (…令第5号), a 行政规范性文件 is not, nor is anything numbered 江交规〔2025〕2号 a 规章.  The 令-numbered rule
        typed 行政规范性文件 (the CMS drop-down's commonest choice) and the 江交规 notice typed 规章 passed, and table
        二（一） of the annual report counted each in the other's row (a review).  Which of the two is wrong the
        catalogue cannot tell (the 文号 of another record copied, the 文种 picked wrong), so an error: counted in
        neither row until the editor says, rather than in one by a guess.  其他文件 is not judged (a 行政法规 by
        国务院令 listed as one)."""
        doc_no, doc_type = self.values.get("doc_no"), self.values.get("doc_type")
        day = next((self.values[k] for k in ("written", "published")
                    if isinstance(self.values.get(k), dt.date) and k not in self._too_early), None)
        if doc_no is None or day is None or day < _RULES_BY_ORDER:
            return
        f, g = FIELDS_BY_NAME["doc_type"], FIELDS_BY_NAME["doc_no"]
        order = f"{self.config.agency or '…'}令第5号"
        if doc_type is DocType.NORMATIVE and doc_no.order_number:
            self.report("doc-type-contradicts-doc-no", f, self.lines.get("doc_type"),
                        f"{g.display}“{doc_no.original}”是令号，只有规章以令公布，{f.display}却是{doc_type.label}："
                        "两者必有一处写错。改正之前这条记录不发布，年度报告表二（一）也不计入。",
                        "是规章的（正文多写着“现予公布”），改为 doc_type: 规章；确是行政规范性文件的，"
                        f"把发文字号改为印发它的文号（机关代字〔{day.year}〕序号号）。")
        elif doc_type is DocType.RULE and doc_no.year_serial:
            self.report("doc-type-contradicts-doc-no", f, self.lines.get("doc_type"),
                        f"{f.display}是规章，{g.display}“{doc_no.original}”却是〔年份〕序号号形式的文号：规章以部门首长"
                        f"签署的命令公布，发文字号是 {order} 这样的令号。两者必有一处写错。"
                        "改正之前这条记录不发布，年度报告表二（一）也不计入。",
                        "文号无误的，它不是规章：行政规范性文件改为 doc_type: 行政规范性文件，其他的改为 doc_type: 其他文件；"
                        f"确是规章的，把发文字号改为公布它的令号，例如 doc_no: {order}。")

    def _year_not_over(self, kind: Kind | None) -> None:
        """An annual report or a final account on a year not over when it was published: the year of
        publication typed as the year reported on (fiscal_year: 2026 on the 2025 report, published
        2026-01-23), the commonest slip with annual reports.  It was accepted, judged against the wrong
        year's counts, and the hints said to draft a second 2025 report (an audit)."""
        year, published = self.values.get("fiscal_year"), self.values.get("published")
        if kind in (Kind.BUDGET, Kind.FINAL_ACCOUNT) and self._approved_after_year(kind, year):
            return
        if kind is Kind.BUDGET:
            self._budget_year_far(year, published)
            return
        if kind not in (Kind.ANNUAL_REPORT, Kind.FINAL_ACCOUNT) or not isinstance(year, int) \
                or not isinstance(published, dt.date) or "published" in self._too_early:
            return
        if published.year > year:
            if kind is Kind.ANNUAL_REPORT:
                self._year_not_the_titles(year, published)
            return
        f = FIELDS_BY_NAME["fiscal_year"]
        what = "年度报告" if kind is Kind.ANNUAL_REPORT else "决算"
        self.report("invalid-year", f, self.lines.get("fiscal_year"),
                    f"{f.display}是 {year}，发布日期却是 {published.isoformat()}：{year} 年还没有结束，"
                    f"{what}写的是已经结束的年度。",
                    f"核对年度：多半是 fiscal_year: {published.year - 1}（发布那一年的上一年）。")

    def _year_not_the_titles(self, year: int, published: dt.date) -> None:
        """``invalid-year`` for an annual report whose title names another year, one over when it was published, while
        its 年度 is not the year before its 发布日期: last year's report copied to start this year's, the title, the
        text and the date changed, the 年度 left (fiscal_year: 2023 on 江川省交通运输厅2024年政府信息公开工作年度报告,
        published 2025-01-22).  It passed as a second 2023 report, 357 days late, told to check its correct 发布日期,
        while the 2024 report was missing and a draft of a second advised (a review).  A title left from last year on
        a report whose 年度 agrees with its 发布日期 is not said here: the date cannot tell which of the two is wrong."""
        title = self.values.get("title")
        said = title_year(title) if isinstance(title, str) else None
        if said is None or said == year or said >= published.year or year == published.year - 1:
            return
        f = FIELDS_BY_NAME["fiscal_year"]
        self.report("invalid-year", f, self.lines.get("fiscal_year"),
                    f"{f.display}是 {year}，标题却说是{said}年的报告（“{visible(title)}”），发布日期是 "
                    f"{published.isoformat()}：这份报告会被当作{year}年的年度报告，{said}年的却算作没有。"
                    "多半是复制上一年的记录时没有改年度。",
                    f"改为 fiscal_year: {said}；如果确实是{year}年的报告，改正标题中的年份。")

    def _approved_after_year(self, kind: Kind, year: object) -> bool:
        """``invalid-year`` for a budget approved after its year (年度 the year before its 批复日期's) or a final
        account two years or more after it (a Y 决算 is approved in Y+1): last year's record copied to start this
        year's, its 年度 left (fiscal_year: 2025 on the 2026 budget approved 2026-02-05).  It passed, took the place
        of last year's record (the overview showed a 执行率 of 144.49%), and fiscal-prior-year-mismatch told the
        editor to overwrite the correct 上年 figures (a review); a record with an error is out of those checks."""
        approved = self.values.get("approved")
        if not isinstance(year, int) or not isinstance(approved, dt.date) or "approved" in self._too_early:
            return False
        budget = kind is Kind.BUDGET
        meant = approved.year if budget else approved.year - 1
        if year >= meant or (budget and year < meant - 1):  # further off: a typo, _budget_year_far's
            return False
        f = FIELDS_BY_NAME["fiscal_year"]
        self.report("invalid-year", f, self.lines.get("fiscal_year"),
                    f"{f.display}是 {year}，{FIELDS_BY_NAME['approved'].display}却是 {approved.isoformat()}："
                    + (f"{year} 年的部门预算在 {year} 年年初（或上一年年底）批复，不会在 {approved.year} 年才批复。"
                       if budget else f"{year} 年度的决算在 {year + 1} 年批复，不会到 {approved.year} 年才批复。"),
                    ("多半是沿用了上一年记录的年度" if year == meant - 1 else "多半是年份写错了")
                    + f"：改为 fiscal_year: {meant}；如果年度无误，核对批复日期。")
        return True

    def _budget_year_far(self, year: object, published: object) -> None:
        """A 部门预算 is approved early in its own year (a next year's, late in the year before): a 年度 more than
        a year from its 批复日期 (without one: before its 发布日期's year less three, or after the next) is
        mistyped.  2042 for 2024 passed, the 2024 budget left the overview, the 2025 one lost its comparison
        with the year before, and the editor was asked for budgets of fifteen years to come (a review); a
        budget published late (补充公开) is not refused for it (a later review)."""
        dates = [(FIELDS_BY_NAME[k].label, d) for k in ("approved", "published")
                 if isinstance(d := self.values.get(k), dt.date) and k not in self._too_early]
        if not isinstance(year, int) or not dates:
            return
        approved = self.values.get("approved") if "approved" not in self._too_early else None
        if isinstance(approved, dt.date):  # the year it was approved in (or for, late in the year before) says it
            if abs(year - approved.year) <= 1:
                return
        elif published.year - _BUDGET_LATE_YEARS <= year <= published.year + 1:
            return  # published late (补充公开 of a year or two back) is another check's (a review)
        f = FIELDS_BY_NAME["fiscal_year"]
        years = [d.year for _, d in dates]
        meant = likely_year(year, years, min(years) - 1, max(years) + 1)
        self.report("invalid-year", f, self.lines.get("fiscal_year"),
                    f"{f.display}是 {year}，" + "、".join(f"{label}是 {d.isoformat()}" for label, d in dates)
                    + "：部门预算在预算年度的年初（或上一年年底）批复和公开，年份不会相差这么远。",
                    f"多半是 fiscal_year: {meant}。" if meant is not None else "核对原文件中的预算年度，改正「年度」。")

    def _effective_far_after(self) -> None:
        """``effective-far-after`` for a 实施日期 more than :data:`_EFFECTIVE_GAP_YEARS` after both the 成文日期 and the
        发布日期 (2204-03-01 for 2024: the document showed as 尚未生效 for 180 years, and no check said so: a
        review), with the year most likely meant.  A 规章 may take effect a year or two after it is issued."""
        effective = self.values.get("effective")
        others = [self.values.get(k) for k in ("written", "published")
                  if isinstance(self.values.get(k), dt.date) and k not in self._too_early]
        if not isinstance(effective, dt.date) or "effective" in self._too_early or not others:
            return
        latest, written = max(others), self.values.get("written")
        if effective.year - latest.year <= _EFFECTIVE_GAP_YEARS:
            return
        f = FIELDS_BY_NAME["effective"]
        year = likely_year(effective.year, [d.year for d in others], min(others).year,
                           latest.year + _EFFECTIVE_GAP_YEARS)
        meant = with_year(effective, year) if year is not None else None
        if meant is not None and isinstance(written, dt.date) and "written" not in self._too_early and meant < written:
            year = meant = None  # a suggestion the date-order rule would refuse (2120-05 for a 2021-03 document)
        said = f"多半是年份写错了（是不是 {year} 年？）" if year is not None else "多半是年份写错了"
        dates = "成文、发布日期" if len(others) == 2 else "成文日期" if latest is written else "发布日期"
        self.report("effective-far-after", f, self.lines.get("effective"),
                    f"{f.display} {effective.isoformat()} 比{dates}（{latest.isoformat()}）晚 "
                    f"{effective.year - latest.year} 年，{said}。网站会把这份文件显示为尚未生效。",
                    f"核对原文件，改正年份：effective: {meant.isoformat()}" if meant else
                    "核对原文件，改正实施日期的年份。")

    def _effective_as_written(self) -> None:
        """``effective-contradicts-body`` for a 实施日期 the document's own 施行 article denies
        (:func:`~build_tools.effective_text.own_effective`), or left out while that article names a day after the
        发布日期: the site's 有效性 (尚未生效 or 现行有效) and table 二（一）'s 现行有效 followed the typed day, a year off
        (2026-04-01 for 本细则自2025年4月1日起施行), or the 发布日期 standing in for it (a review).  A warning: a later
        notice may have put the day off, and the 实施日期 then rightly differs.  ``自公布之日起施行`` is any day from the
        成文日期 (a 令 is 公布 when signed) to the 发布日期; a date said wrong already is not said again."""
        if any(p.key == "effective" and p.severity.value == "error" for p in self.problems):
            return
        said = own_effective(self.doc.body, self.values.get("title") or "")
        if said is None:
            return
        f = FIELDS_BY_NAME["effective"]
        effective, published = self.values.get("effective"), self.values.get("published")
        where = f"正文{said.article}（第 {self.doc.body_line + said.line} 行）" if said.article else \
            f"正文第 {self.doc.body_line + said.line} 行"
        if said.day is None:
            window = sorted(d for d in (self.values.get("written"), published) if isinstance(d, dt.date))
            if not isinstance(effective, dt.date) or not window or window[0] <= effective <= window[-1]:
                return
            days = "或".join(dict.fromkeys(d.isoformat() for d in window))
            self.report("effective-contradicts-body", f, self.lines.get("effective"),
                        f"{where}写“{said.text}”，{f.display}却是 {effective.isoformat()}，不是公布的那一天（{days}）。"
                        "网站显示的有效性和年度报告的现行有效件数都按实施日期计算。",
                        f"核对原文件：改为 effective: {window[-1].isoformat()}（公布之日），或删去 effective 这一行"
                        "（没有实施日期时按发布日期）。")
        elif effective is None:
            if isinstance(published, dt.date) and said.day > published:
                self.report("effective-contradicts-body", f, self.doc.body_line + said.line,
                            f"{where}写“{said.text}”，记录却没有填写{f.display}：没有实施日期时按发布日期 "
                            f"{published.isoformat()} 计算，网站在 {said.day.isoformat()} 之前就显示为现行有效，"
                            "年度报告也提前计入现行有效。",
                            f"在元数据中加一行：effective: {said.day.isoformat()}")
        elif isinstance(effective, dt.date) and effective != said.day:
            self.report("effective-contradicts-body", f, self.lines.get("effective"),
                        f"{where}写“{said.text}”，{f.display}却是 {effective.isoformat()}。网站显示的有效性"
                        "（尚未生效、现行有效）和年度报告的现行有效件数都按实施日期计算。",
                        f"核对原文件：施行日期是 {said.day.isoformat()} 的，改为 effective: {said.day.isoformat()}；"
                        "施行日期后来由其他文件推迟或提前的，保留实施日期，可以不理会这条提示。")

    def _no_reasons(self, v: dict) -> None:
        """A reason field holding an answer, not a reason (是/否, 无, 不涉及, no, 0: a CMS form's 是否免于解读 box,
        an unused reason box): 免于解读理由 “否” exempted the policy from its interpretation, the opposite of
        what the editor meant, and 不公开理由 “无” passed as a legal basis (an audit)."""
        for key in ("interpretation_exempt", "withheld_reason"):
            value = v.get(key)
            if key == "withheld_reason" and v.get("disclosure", Disclosure.PROACTIVE) is Disclosure.PROACTIVE:
                continue  # said by withheld-reason-unused
            if not isinstance(value, str):
                continue
            answer = _ANSWER.fullmatch(value.strip().rstrip("。.！!；;").strip("\"'“”‘’"))
            # 解读材料另行发布, 需要解读, 待定: the interpretation is still to come, or nothing is decided (a review)
            to_come = key == "interpretation_exempt" and _to_come(value)
            blank = not answer and _template_blank(value)  # ……, XXX, ～, 此处填写理由 (a review)
            if answer or to_come or blank:
                f = FIELDS_BY_NAME[key]
                self.report("empty-field", f, self.lines.get(key),
                            f"{f.display}写的是“{visible(value.strip())}”，" + (
                                "说的是解读还要发布或还没有定，不是免于解读的理由。" if to_come else
                                "是模板里留着待填的地方，不是理由。" if blank else "不是理由。") + (
                                "这一行只要在，就算作免于解读，政策文件不再检查是否有解读。" if key == "interpretation_exempt"
                                else "依申请公开、不予公开必须写明法律依据。"),
                            "需要解读的，删去这一行；确实免于解读的，写明理由，例如：interpretation_exempt: 内容为工作安排，不涉及公众权益"
                            if key == "interpretation_exempt" else
                            "写明依据，例如：withheld_reason: 《政府信息公开条例》第十六条第二款，过程性信息")
                del v[key]

    def _disclosure_rules(self, v: dict, disclosure: Disclosure) -> None:
        if disclosure is not Disclosure.PROACTIVE and not v.get("withheld_reason") \
                and "withheld_reason" not in self.lines:
            f = FIELDS_BY_NAME["withheld_reason"]
            self.report("withheld-reason-missing", f, self.lines.get("disclosure"),
                        f"公开方式为{disclosure.label}，必须写明不公开的法律依据。",
                        "加一行，例如：withheld_reason: 《政府信息公开条例》第十六条第二款，过程性信息")
        reason = v.get("withheld_reason")
        if disclosure is Disclosure.PROACTIVE and reason and not _NO_REASON.fullmatch(reason.strip().rstrip("。.！!；;")):
            # A reason for withholding with nothing withheld: without a disclosure line the editor most
            # likely meant to withhold it (the line forgotten or misplaced), and 主动公开 would publish it;
            # with 主动公开 written out, that was meant, and the reason is only said to be unused.
            f = FIELDS_BY_NAME["withheld_reason"]
            if "disclosure" in self.lines and reason_withholds(reason):
                # a reason to withhold beside 主动公开: the template's two lines both uncommented, the reason
                # rewritten and the value left (a review found the reply published on a warning)
                self.report("withheld-reason-contradicts", f, self.lines.get("withheld_reason"),
                            f"公开方式写的是主动公开，{f.display}却写着“{visible(reason.strip())}”：两处说的不一样，"
                            "改正之前记录不会发布。",
                            "这份信息不公开的，把公开方式改为 不予公开（或 依申请公开）；要公开的，删去不公开理由这一行。")
            elif "disclosure" in self.lines:
                self.report("withheld-reason-unused", f, self.lines.get("withheld_reason"),
                            f"公开方式写的是主动公开，{f.display}不会用到，也不会显示。",
                            "如果这份信息其实不公开，把公开方式改为 不予公开（或 依申请公开）；否则删去不公开理由这一行。")
            else:
                self.report("withheld-reason-but-proactive", f, self.lines.get("withheld_reason"),
                            f"写了{f.display}，却没有写公开方式（没有写时默认主动公开）：记录会被公开。",
                            "如果这份信息不公开，加一行 disclosure: 不予公开（或 依申请公开）；"
                            "如果要公开，删去不公开理由这一行，或写明 disclosure: 主动公开。")
        if disclosure is Disclosure.PROACTIVE:
            self._marked_not_public()
            self._commented_not_public()
            self._filed_not_public()
            self._attachments_filed_not_public()
        if v.get("doc_type") in (DocType.RULE, DocType.NORMATIVE) and disclosure is not Disclosure.PROACTIVE:
            self.report("disclosure-not-allowed", FIELDS_BY_NAME["disclosure"], self.lines.get("disclosure"),
                        f"{v['doc_type'].label}必须主动公开（《政府信息公开条例》第二十条第（一）项），不能{disclosure.label}。",
                        "删去「公开方式」这一行，或改为 主动公开。")

    def _marked_fields(self) -> Iterator[tuple[str, tuple[int, str]]]:
        """The title or 内容概述 whose end, or a 内容概述 whole, is a 公文's own 附注 saying it is not public
        (:func:`~build_tools.disclosure_notes.marked_in_field`)."""
        if any(p.code == "disclosure-inside-value" for p in self.problems):
            return  # said at its own line
        for key in ("title", "summary"):
            value = self.values.get(key)
            found = marked_in_field(key, value) if isinstance(value, str) else None
            if found is not None:
                yield key, found

    def _one_line_texts(self) -> Iterator[tuple[str, str]]:
        """Each text a field was given on its own line (a name of a list too), with its field."""
        for key in _ONE_LINE_TEXTS:
            value = self.values.get(key)
            if key in self.wrapped:
                continue
            value = getattr(value, "original", value)  # a 文号 as written
            for text in (value,) if isinstance(value, str) else value if isinstance(value, tuple) else ():
                if isinstance(text, str) and "\n" not in text:
                    yield key, text

    def _disclosure_in_values(self) -> None:
        """``disclosure-inside-value`` for a disclosure pair written after another field's value on its line
        (发文机关: 江川省交通运输厅　公开方式：依申请公开, a CMS row of two labels; a title ending disclosure：不予公开):
        the full-width colon made YAML read it as the value's text, and the record was published (a review)."""
        for key, value in self._one_line_texts():
            m = pair_in_value(value)
            if m is not None and _withholding_head(m.group("value")):
                f, line = FIELDS_BY_NAME[key], self.lines.get(key)
                self.problems.append(problem(
                    "disclosure-inside-value", self.doc.path, line, "disclosure",
                    f"第 {line} 行{f.display}的取值里写着“{m.group().strip()}”：它和{f.display}写在同一行，"
                    f"YAML 把它读成了{f.display}的文字，公开方式没有生效：记录会被当作主动公开发布。",
                    f"把“{m.group().strip()}”从这一行删去，另起一行写在行首：disclosure: {m.group('value').strip()}"
                    "（英文冒号，后面加一个空格），并写明不公开理由。"))
                return

    def _commented_not_public(self) -> None:
        """``disclosure: 主动公开  # 待保密审查，暂不公开``: the editor's note on the line that decides publication
        says the record is not to be published (a review found it published without a word; YAML drops it)."""
        line = self.lines.get("disclosure")
        comment = dict(self.doc.trailing).get(line) if line is not None else None
        if not comment:
            return
        cleaned = re.sub(r"\s+", "", clean_code(comment).text)
        if comment_withholds(cleaned):
            self.report("disclosure-comment-not-public", FIELDS_BY_NAME["disclosure"], line,
                        f"公开方式这一行的注释写着“{comment.strip()}”，公开方式却是主动公开：# 后面的文字不起作用，"
                        "改正之前记录不发布。",
                        "如果这份文件确定主动公开，删去这条注释；否则把公开方式改为 依申请公开 或 不予公开，"
                        "并写明不公开理由。")

    def _marked_not_public(self) -> None:
        """A 公文's own 附注 (a line of its own: （此件依申请公开）, （此件不予公开）, 公开属性：不予公开) in a
        record to be published: pasted from Word with the document, it says the document is not public.  Without a disclosure line the
        editor most likely forgot it (an error: the record stays off the site); with 主动公开 written
        out, the office decided so, and it is said to be checked.  In a one-line field too (a title or a 内容概述
        ending （此件依申请公开）, 本件为内部文件，不对外公开: a review found it published)."""
        found = marked_not_public(self.doc.body)
        line = self.doc.body_line + found[0] if found is not None else None
        if found is None:
            found, line = next(((m, self.lines.get(key)) for key, m in self._marked_fields()), (None, None))
        if found is None:
            return
        said = found[1]
        f = FIELDS_BY_NAME["disclosure"]
        if "disclosure" in self.lines:
            self.report("marked-not-public-but-proactive", f, line,
                        f"第 {line} 行的附注写着“{said}”，公开方式却是主动公开。",
                        "核对这份文件是否确定主动公开：如果是（例如经审查转为主动公开），删去或改写这条附注；"
                        "否则把公开方式改为 依申请公开 或 不予公开，并写明不公开理由。")
        else:
            self.report("marked-not-public", f, line,
                        f"第 {line} 行的附注写着“{said}”，记录却没有写公开方式（没有写时默认主动公开）：记录会被公开。",
                        "如果这份文件不主动公开，加一行 disclosure: 依申请公开（或 不予公开）和不公开理由；"
                        "如果确定主动公开，加一行 disclosure: 主动公开，并删去或改写这条附注。")

    def _filed_not_public(self) -> None:
        """A record without a disclosure line filed in a folder named for what is not public (依申请公开/, 不予公开/,
        内部/): the editor filed it as such and forgot the line; published, it was a reply to a request (a review)."""
        if "disclosure" in self.lines:
            return
        where = path_not_public(self.doc.path)
        if where is None:
            return
        f = FIELDS_BY_NAME["disclosure"]
        self.report("filed-not-public", f, self.lines.get("index_no"),
                    f"记录{where}，却没有写公开方式（没有写时默认主动公开）：记录会被公开。",
                    "如果这份信息不主动公开，加一行 disclosure: 依申请公开（或 不予公开）和不公开理由；"
                    "如果确定主动公开（例如这个栏目中的办理指南、申请表），加一行 disclosure: 主动公开，或把文件移出这个文件夹。")

    def _attachments_filed_not_public(self) -> None:
        """An attachment a public record lists from a folder, or under a name, that says it is not public
        (依申请公开/信访人员名单.csv, 内部资料/审核意见.csv, …（此件不予公开）.csv): it was copied into the site, the
        folder's name in its address (a review).  Not a folder the record itself is in: the office said 主动公开 there."""
        own = frozenset(self.doc.path.split("/")[:-1])
        f = FIELDS_BY_NAME["attachments"]
        for rel in self.values.get("attachments") or ():
            rel = str(rel)
            where = path_not_public(rel, own, hidden=True, ends=False)
            if where is None:
                continue
            self.report("attachment-filed-not-public", f, self.lines.get("attachments"),
                        f"{f.display}“{visible(rel)}”{where}：它会随这条公开记录发布到网站上，而文件夹或文件名说它不公开。",
                        "核对这个附件：可以公开的，把它移出这个文件夹（或改掉文件名中的这几个字），并改正这里的路径；"
                        "不能公开的，从「附件」中删去。")
            return

    def _date_order(self, later: str, earlier: str, what: str) -> None:
        if {later, earlier} & self._too_early:
            return  # the mistyped year is said already; the order follows once it is mended
        a, b = self.values.get(later), self.values.get(earlier)
        if isinstance(a, dt.date) and isinstance(b, dt.date) and a < b:
            f = FIELDS_BY_NAME[later]
            g = FIELDS_BY_NAME[earlier]
            self.report("date-order", f, self.lines.get(later),
                        f"{what}：{f.display}是 {a.isoformat()}，{g.display}是 {b.isoformat()}。",
                        f"核对两个日期；{f.label}不能早于{g.label}。")

    def _index_no_date(self) -> None:
        parts = self._index_date
        field_name = self.config.index_no_date_field
        if not parts or field_name == "none":
            return
        day = self.values.get(field_name)
        if not isinstance(day, dt.date) or field_name in self._too_early:
            return
        f = FIELDS_BY_NAME["index_no"]
        g = FIELDS_BY_NAME[field_name]
        if parts.get("date") and parts["date"] != day.strftime("%Y%m%d"):
            wrong = f"日期 {parts['date']}"
        elif _number(parts.get("year")) not in (None, day.year):
            wrong = f"年份 {parts['year']}"
        elif _number(parts.get("month")) not in (None, day.month):
            wrong = f"月份 {parts['month']}"
        else:
            return
        self.report("index-no-date-mismatch", f, self.lines.get("index_no"),
                    f"{f.display}中的{wrong} 与{g.display} {day.isoformat()} 不一致。",
                    "索引号一经发布不得更改：如果索引号已经公开，请核对日期；如果尚未公开，请按日期改正索引号。")


_ONE_LINE_TEXTS = tuple(f.key for f in FIELDS if f.type in (FieldType.LINE, FieldType.TEXT, FieldType.NAMES,
                                                             FieldType.TAGS, FieldType.DOC_NO))
_WITHHOLDING = frozenset({"disclosure-inside-value", "disclosure-commented-out", "front-matter-in-body",
                          "marked-not-public", "disclosure-comment-not-public"})
"""Errors that say a record file withholds its record by what its disclosure line alone does not show."""
WITHHOLDING = _WITHHOLDING | {"filed-not-public", "withheld-reason-but-proactive", "withheld-reason-contradicts"}
"""Errors that say a record file is not to be public, by any of the ways an office withholds one."""


def withheld_version(data: bytes, path: str, config: CatalogueConfig) -> bool:
    """Whether this text of a record file keeps its record off the site by what it says of its disclosure: a
    mode other than 主动公开 (or one that cannot be read), a 附注 marking it not public, a disclosure line YAML
    or Markdown reads as text.  For versions read from Git (:func:`~build_tools.history.read_history`), whose
    other problems (an attachment since deleted) are no one's to fix now and decide nothing here."""
    doc, _ = read_source(data, path)
    if doc is None or doc.repaired:  # unreadable as written: no build published it
        return True
    validation = _Validation(doc, config, frozenset())
    result = validation.run()
    if result.record is not None:
        return not result.record.is_proactive
    disclosure = validation.values.get("disclosure")
    if disclosure is None and "disclosure" in validation.lines:  # written, not read
        return True
    if disclosure is not None and disclosure is not Disclosure.PROACTIVE:
        return True
    return any(p.code in WITHHOLDING and p.severity.value == "error" for p in result.problems)


_ANSWER = re.compile(r"[无無否不是有没沒]|没有|沒有|不涉及|不适用|不需要|无需|無需|暂无|免|[/／\\\-－—–_＿·.。、\s]*"
                     r"|(?i:yes|no|y|n|true|false|none|n/?a|null|nil)|[01]|是否|否否")
"""What a reason field holds when it was answered, not filled (是/否, 无, 不涉及, no, 0, /)."""
_REASON_BLANK = re.compile(r"(?i:x+)|某+|〇+|(?:此处|这里|在此)?请?(?:(?:填写|填入|输入|写明|注明|填)(?:免[于予]?解读|不公开)?的?"
                           r"(?:理由|原因|依据|说明)?|(?:免[于予]?解读|不公开)?的?(?:理由|原因|依据|说明))")
"""What a template leaves where a reason goes (XXX, ××, 某某, 此处填写理由, （理由）): the blank, not a reason."""
_REASON_LABEL = re.compile(r"^(?:免[于予]?解读|不公开)?(?:理由|原因|依据)[:：]")
"""A template's label copied with its blank (理由：……)."""


def _template_blank(value: str) -> bool:
    """Whether a reason field holds a template's blank, not a reason: nothing but marks in any width (……, ～, ***,
    ？; :data:`_ANSWER` knows ``...`` and ``/`` only), or a blank's word (XXX, 某某, 此处填写理由), in brackets or after
    the label (理由：……).  A 行政规范性文件 left with 免于解读理由: …… was exempt from its interpretation, nine months
    overdue and never said (a review)."""
    text = _REASON_LABEL.sub("", unicodedata.normalize("NFKC", value).strip())
    text = text.strip(" \u3000()[]<>【】〔〕《》「」『』\"'“”‘’:;,.!?。；，！？、")
    return not re.search(r"[^\W_]", text) or _REASON_BLANK.fullmatch(text) is not None


def _to_come(value: str) -> bool:
    """Whether a 免于解读理由 says the interpretation is still to come or nothing is decided (:data:`_TO_COME`).
    A phrase of the future (待发布, 拟解读, 后续发布, 正在起草, 待定) says so unless denied just before it; another
    (需要解读, 另行发布) not when its clause denies it (不属于需要另行解读的…, 无需另行解读) or 已 stands just before it
    (国务院已经另行发布, 原文件已由国务院另行发布解读): reviews found each way wrong."""
    for m in _TO_COME.finditer(value):
        clause = re.split(r"[，,。；;：:]", value[:m.start()].replace("不日", ""))[-1]  # 不日: in a few days
        if _FUTURE.match(m.group()):
            if _DENIED.search(clause[-4:]):
                continue
        elif _DENIED.search(clause) or "已" in clause[-6:]:
            continue
        return True
    return False


_DENIED = re.compile(r"[不无無非毋免没沒]")
_FUTURE = re.compile(r"待|拟|后续|正在|尚未|未定")


_TO_COME = re.compile(r"需要?解读|应当?解读|另行(?:发布|公开|解读|印发)|后续(?:发布|解读|公开)"
                      r"|拟(?:发布)?解读|待(?:定|议|补充|发布|解读|起草|审核|完善)|未定|尚未(?:确定|定)|正在(?:起草|撰写|制作|编写)"
                      r"|^[\s?？]+$|(?i:^(?:tbd|todo)$)")
"""What an editor writes in 免于解读理由 while the interpretation is still to come (解读材料另行发布, 需要解读, 待定):
no reason for an exemption, the opposite of one."""
_NO_REASON = re.compile(r"[无無否/／\\\-－—–_＿·.。、\s]*|不涉及|不适用|暂无|没有|none|n/?a", re.IGNORECASE)
"""What a CMS template writes where there is no reason (无, /, —, 不涉及 …): no reason."""


def _scalars(value: object) -> Iterator[Scalar]:
    """Every scalar of a front-matter value, nested lists and mappings included."""
    if isinstance(value, Scalar):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _scalars(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _scalars(item)


@functools.lru_cache(maxsize=8)
def ascii_pattern(pattern: re.Pattern) -> re.Pattern:
    """The configured index-number pattern with \\d, \\w and \\s meaning ASCII only.

    A user-written ``\\d`` would otherwise match full-width and other scripts'
    digits, so ``２０２４`` and ``2024`` would be two different valid numbers."""
    if pattern.flags & re.ASCII:
        return pattern
    return re.compile(pattern.pattern, (pattern.flags & ~re.UNICODE) | re.ASCII)


def _number(text: str | None) -> int | None:
    """A year or month group as a number; None when absent or not ASCII digits (a custom pattern)."""
    return int(text) if text and text.isascii() and text.isdigit() else None


def _category_list(categories: tuple[str, ...]) -> str:
    """The allowed categories, one line per first-level name."""
    groups: dict[str, list[str]] = {}
    for name in categories:
        top, _, sub = name.partition("/")
        groups.setdefault(top, [])
        if sub:
            groups[top].append(sub)
    lines = ["允许的主题分类（二级分类写作 一级/二级）："]
    lines += [f"{top}：{'、'.join(subs)}" if subs else top for top, subs in groups.items()]
    return "\n".join(lines)


def _example(f: Field) -> str:
    ex = f.example
    if f.type is FieldType.FIGURES:
        return "（多行，写法见《编辑指南》“预决算数据”）"
    if isinstance(ex, list):
        return "[" + ", ".join(str(x) for x in ex) + "]"
    return str(ex).rstrip("。")


def _shape(f: Field, item: bool = False) -> str:
    return {
        FieldType.DATE: "一个日期", FieldType.YEAR: "一个年份", FieldType.CHOICE: "一个选项",
        FieldType.REFS: "索引号" if item else "索引号列表", FieldType.PATHS: "文件路径" if item else "文件路径列表",
        FieldType.NAMES: "机关名称" if item else "一个名称或名称列表",
        FieldType.TAGS: "一个词" if item else "词语列表",
        FieldType.FIGURES: "若干行“项目: 金额”",
    }.get(f.type, "一段文字")


def _index_example(config: CatalogueConfig) -> str:
    if config.index_no_example:
        return config.index_no_example
    if config.agency_code:
        return f"{config.agency_code}/2024-00001"
    return "000014349/2024-00001"
