"""Value types of the record format: dates, index numbers, document numbers.

Each parser takes what an editor typed and returns either the value or a
plain-words reason it is wrong (a ``str``), never raises on bad input.
"""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# --- dates -------------------------------------------------------------------

_DATE_FORMS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", re.ASCII),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$", re.ASCII),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$", re.ASCII),
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$", re.ASCII),
)


def parse_date(text: str) -> dt.date | str:
    """Parse ``2024-03-05``, ``2024.03.05``, ``2024/3/5`` or ``2024年3月5日``.

    Full-width digits are accepted (editors paste them from Word); patterns
    are ASCII-only, so no other script's digits pass for a year.  Returns the
    date, or a Chinese sentence saying why the text is not a real date.
    """
    cleaned = unicodedata.normalize("NFKC", text).strip()
    for form in _DATE_FORMS:
        m = form.match(cleaned)
        if m:
            year, month, day = (int(g) for g in m.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                if not 1 <= month <= 12:
                    return f"没有 {month} 月"
                return f"{year} 年 {month} 月没有 {day} 日"
    return "不是可识别的日期写法"


EARLIEST_DATE = dt.date(1949, 10, 1)
"""No date of a record can be earlier: no organ of the People's Republic signed, published or approved
anything before it was founded, and a record imported from a legacy site is no older.  An earlier date is a
mistyped year (``1024-09-20`` for 2024), which no check would otherwise notice (``date-too-early``)."""


def likely_year(year: int, around: Iterable[int], lo: int, hi: int) -> int | None:
    """The year an editor most likely meant by the mistyped ``year``: one digit changed (1024 → 2024) or two
    next to each other swapped (2204 → 2024), within ``lo``..``hi`` and nearest to the years ``around`` it
    (the record's other dates, its index number's year: at most two years from one); None when no such year
    is, or two are as near."""
    digits = f"{year:04d}"
    if len(digits) != 4:
        return None
    written = set()
    for i in range(4):
        written.update(digits[:i] + d + digits[i + 1:] for d in "0123456789")
        if i < 3:
            written.add(digits[:i] + digits[i + 1] + digits[i] + digits[i + 2:])
    years = sorted(y for y in map(int, written) if y != year and lo <= y <= hi)
    near = sorted(set(around))
    if not near:
        return years[0] if len(years) == 1 else None
    if not years:
        return None
    distance = {y: min(abs(y - a) for a in near) for y in years}
    best = [y for y in years if distance[y] == min(distance.values())]
    return best[0] if len(best) == 1 and distance[best[0]] <= _NEAR_YEARS else None


_NEAR_YEARS = 2
"""How far from the record's other years a likely year may be: further off, it is a guess, not a typo read."""


def with_year(day: dt.date, year: int) -> dt.date | None:
    """``day`` in ``year`` (None for 29 February in a year without it)."""
    try:
        return day.replace(year=year)
    except ValueError:
        return None


# --- organisation codes (check characters) -------------------------------------

_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def org_code_check_character(body: str) -> str | None:
    """The GB 11714 check character for an 8-character organisation-code body."""
    if len(body) != 8 or not all(c.isdigit() or "A" <= c <= "Z" for c in body):
        return None
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w
                for c, w in zip(body, _ORG_WEIGHTS))
    check = 11 - total % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


def uscc_check_character(body: str) -> str | None:
    """The GB 32100 check character for a 17-character unified social credit code body."""
    if len(body) != 17 or any(c not in _USCC_ALPHABET for c in body):
        return None
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(body, _USCC_WEIGHTS))
    return _USCC_ALPHABET[(31 - total % 31) % 31]


@functools.lru_cache(maxsize=256)  # every record of a catalogue shares a few prefixes
def verify_agency_code(code: str) -> str | None:
    """Check a 9-character organisation code or 18-character USCC.

    Returns ``None`` when the check character verifies (or the code is of
    neither form, which the index-number pattern decides on), else the check
    character that would be right.
    """
    if len(code) == 9:
        expected = org_code_check_character(code[:8])
    elif len(code) == 18:
        expected = uscc_check_character(code[:17])
    else:
        return None
    if expected is None or expected == code[-1]:
        return None
    return expected


# --- document numbers (发文字号) --------------------------------------------------

# Editors write the year in 〔〕 (GB/T 9704), [] , （）, () or 【】; all mean the same.
_YEAR_BRACKETS = re.compile(r"[\[（(【〔［〖〘]\s*(\d{4})\s*[\]）)】〕］〗〙]", re.ASCII)
_CN_NUMBER = "[〇零一二三四五六七八九十百千]+"
# Serial numbers in Arabic or Chinese numerals: 中华人民共和国主席令第七十三号 is as valid as …令第73号.
_DOC_NO_SHAPE = re.compile(rf"^.+〔\d{{4}}〕\d+号$|^.+令第?(?:\d+|{_CN_NUMBER})号$|^.+第(?:\d+|{_CN_NUMBER})号$",
                           re.ASCII)


_ORDER_NUMBER = re.compile(rf"令(?:\d{{4}}年)?第?(?:\d+|{_CN_NUMBER})号$")
"""An order's number at the end of a 文号: 令第5号, 令第五号, 令2024年第5号 (as 交通运输部 numbers its 规章)."""
RULE_NUMBER = re.compile(r"令第?[\d〇零一二三四五六七八九十百千]+号$")
"""A 发文字号 that reads as a 规章's (…令第8号), as ``catalogue import`` and the check read it to tell a 文种."""
NORMATIVE_NUMBER = re.compile(r"规〔\d{4}〕")
"""A 发文字号 that reads as a 行政规范性文件's (江交规〔2026〕3号)."""
_YEAR_SERIAL = re.compile(r"^(.+)〔\d{4}〕第?\d+号$")
"""A 文号 of the GB/T 9704 form (its 机关代字 in the group), padded or led by 第 as some write it."""


_PADDED_SERIAL = re.compile(r"〔(\d{4})〕(?:第|(?=0))(\d+)号$")
"""A 发文顺序号 led by 第 or padded with zeros (〔2024〕第3号, 〔2024〕03号)."""


@dataclass(frozen=True, slots=True)
class DocNo:
    """A 发文字号 as written, and its normalised form used for matching."""

    original: str
    normalised: str

    @property
    def looks_standard(self) -> bool:
        """Whether the normalised form has the GB/T 9704 shape (or an order number): its serial neither
        padded with zeros nor led by 第 (GB/T 9704-2012 7.2.4: 不编虚位, 不加“第”字)."""
        return bool(_DOC_NO_SHAPE.match(self.normalised)) and not _PADDED_SERIAL.search(self.normalised)

    @property
    def order_number(self) -> bool:
        """Whether it is an order's number (江川省交通运输厅令第5号, 交通运输部令2024年第5号): how a 规章 is promulgated
        (规章制定程序条例: 部门首长签署命令予以公布), never a 行政规范性文件."""
        return bool(_ORDER_NUMBER.search(self.normalised)) and "〔" not in self.normalised

    @property
    def year_serial(self) -> bool:
        """Whether it is a 文号 of the GB/T 9704 form, 机关代字〔年份〕序号号 (江交规〔2025〕2号), with no 令 in its 代字:
        a document's number, not the order a 规章 is promulgated by (a 政令〔2020〕1号 may be an order's)."""
        m = _YEAR_SERIAL.match(self.normalised)
        return m is not None and "令" not in m.group(1)

    @property
    def key(self) -> str:
        """What two records' 发文字号 are compared by: the normalised form with the serial read as a number
        (江交规〔2024〕03号, 〔2024〕第3号 and 〔2024〕3号 are one 文号: a review found them apart)."""
        return _PADDED_SERIAL.sub(lambda m: f"〔{m.group(1)}〕{int(m.group(2))}号", self.normalised)


def normalise_doc_no(text: str) -> str:
    """Normalise a 发文字号 so that spelling variants compare equal.

    Full-width digits and letters become ASCII (NFKC), white space goes, and a
    bracketed four-digit year becomes ``〔YYYY〕``.  Idempotent.
    """
    # NFKC again after removing white space: a combining mark that followed a
    # space would otherwise compose only on the second call.
    text = ODD_CHARACTER.sub("", text)
    s = unicodedata.normalize("NFKC", "".join(unicodedata.normalize("NFKC", text).split()))
    s = "".join(s.split())
    # NFKC turns 〔〕 into themselves but （） into (); match both families.
    s = _YEAR_BRACKETS.sub(lambda m: f"〔{m.group(1)}〕", s)
    return s


def parse_doc_no(text: str) -> DocNo:
    """Build a :class:`DocNo` from what the editor typed (invisible characters dropped)."""
    return DocNo(ODD_CHARACTER.sub("", text).strip(), normalise_doc_no(text))


_SAYS_NONE = re.compile(r"[无無空]|暂无|暫無|没有|沒有|不详|不詳|无(?:文号|发文字号|主题词|关键[字词]|摘要|附件)"
                        r"|[/\\\-—–―_·.。、…\s]+|(?i:none|n/?a|null|nil)")


def says_none(text: str) -> bool:
    """Whether a value says there is none (无, 暂无, 空, —, ／, N/A): what a CMS shows in an empty metadata cell, copied
    as the value.  文号：无 was imported as doc_no: 无, told to be written 江交规〔2024〕3号, and two such records were
    one duplicate 文号 that kept the push off the site (a review)."""
    return _SAYS_NONE.fullmatch(unicodedata.normalize("NFKC", ODD_CHARACTER.sub("", text)).strip().strip("“”\"'")) \
        is not None


# --- pasted text: invisible characters and full-width forms ----------------------

#: Characters that show as nothing (or as a plain space) in an editor, with the
#: Chinese name an editor can search for.  Text pasted from Word, WPS and CMS
#: pages carries them; in a coded value (an index number, a date, an option)
#: they make two equal-looking values differ.
INVISIBLE_NAMES: dict[str, str] = {
    "\u200b": "零宽空格", "\u200c": "零宽不连字符", "\u200d": "零宽连字符",
    "\u2060": "零宽不换行符", "\ufeff": "字节顺序标记（BOM）", "\u00ad": "软连字符",
    "\u200e": "从左到右标记", "\u200f": "从右到左标记", "\u061c": "阿拉伯文字母标记",
    "\u202a": "从左到右嵌入标记", "\u202b": "从右到左嵌入标记", "\u202c": "方向格式结束标记",
    "\u202d": "从左到右覆盖标记", "\u202e": "从右到左覆盖标记", "\u2066": "从左到右隔离标记",
    "\u2067": "从右到左隔离标记", "\u2068": "首强隔离标记", "\u2069": "方向隔离结束标记",
    "\u180e": "蒙古文元音分隔符", "\u00a0": "不换行空格", "\u3000": "全角空格",
    "\u202f": "窄不换行空格", "\u205f": "数学中等空格",
    **{chr(c): "特殊宽度空格" for c in range(0x2000, 0x200B)},
}

#: Characters that end a line for YAML or Python but not for the editor (or
#: the other way round), and control characters, with their Chinese names.
SPECIAL_NAMES: dict[str, str] = {
    "\u2028": "行分隔符", "\u2029": "段落分隔符", "\x85": "下一行符（NEL）",
    "\x0b": "垂直制表符", "\x0c": "换页符", "\x1c": "文件分隔符", "\x1d": "组分隔符",
    "\x1e": "记录分隔符", "\x1f": "单元分隔符", "\x07": "响铃符", "\x08": "退格符", "\x1b": "转义符",
    "\x7f": "删除符",
}


def char_name(ch: str) -> str:
    """An editor-readable name of a character: 「零宽空格」(U+200B)."""
    name = INVISIBLE_NAMES.get(ch) or SPECIAL_NAMES.get(ch)
    if name is None:
        name = "控制字符" if unicodedata.category(ch) == "Cc" else unicodedata.name(ch, "特殊字符")
    return f"「{name}」(U+{ord(ch):04X})"


CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029"
"""Category Cc but tab, line feed and carriage return; and the line and paragraph separators."""
ODD_CHARACTER = re.compile("[" + "".join(INVISIBLE_NAMES) + CONTROLS + "]")
"""Any invisible or control character: one search tells whether a text needs a closer look."""
_CONTROL = re.compile("[" + CONTROLS + "]")


def is_control(ch: str) -> bool:
    """A control character YAML and editors disagree on (tab and line feed are fine)."""
    return _CONTROL.match(ch) is not None


def visible(text: str) -> str:
    """``text`` with every invisible or control character shown by its code, for quoting in messages."""
    return ODD_CHARACTER.sub(lambda m: f"[U+{ord(m.group(0)):04X}]", text)


@dataclass(frozen=True, slots=True)
class Cleaned:
    """A coded value with invisible characters removed and full-width forms made ASCII (NFKC)."""

    text: str
    invisible: tuple[str, ...]
    """One sentence per removed character: 第 5 个字符处有一个看不见的「零宽空格」(U+200B)."""
    widened: tuple[tuple[str, str], ...]
    """(as written, as read) for each run of characters NFKC changed."""


_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63"), "-")
"""Dashes and minus signs Word's AutoCorrect and Excel put for a hyphen (2025–00005): NFKC keeps them, and an editor
sees no difference from a hyphen in any font (an audit): read as ``-``, and said."""


def clean_code(text: str, *, punctuation: bool = True) -> Cleaned:
    """Normalise a coded value (index number, document number, option, date) before matching.

    Removes the characters of :data:`INVISIBLE_NAMES` and control characters,
    then applies NFKC (full-width digits and letters become ASCII).  ``widened``
    lists the changes of letters and digits, and of other characters too when
    ``punctuation`` (an identifier such as an index number, where a full-width
    slash or hyphen matters); document numbers pass ``False``, as their bracket
    variants are read as one on purpose.  Idempotent.
    """
    if ODD_CHARACTER.search(text) is None and (text.isascii() or unicodedata.is_normalized("NFKC", text)
                                               and not any(ord(ch) in _DASHES for ch in text)):
        return Cleaned(text, (), ())  # the common case, without a loop over the characters
    notes: list[str] = []
    kept: list[str] = []
    for i, ch in enumerate(text, start=1):
        if ch in INVISIBLE_NAMES or is_control(ch):
            notes.append(f"第 {i} 个字符处有一个看不见的{char_name(ch)}")
        else:
            kept.append(ch)
    joined = "".join(kept)
    result = unicodedata.normalize("NFKC", joined.translate(_DASHES))
    widened: list[tuple[str, str]] = []
    if result != joined:
        run_from, run_to = [], []
        for ch in joined:
            to = unicodedata.normalize("NFKC", ch.translate(_DASHES))
            counts = to != ch and (punctuation or unicodedata.category(ch)[0] in "LN" or ord(ch) in _DASHES)
            if counts:
                run_from.append(ch)
                run_to.append(to)
            elif run_from:
                widened.append(("".join(run_from), "".join(run_to)))
                run_from, run_to = [], []
        if run_from:
            widened.append(("".join(run_from), "".join(run_to)))
    return Cleaned(result, tuple(notes), tuple(widened))


def index_number_key(index_no: str) -> str:
    """An index number as a citizen quotes it: each run of digits read as a number (2025-0003 is 2025-00003: one
    number twice in a series passed as unique, and a reference so written found nothing: audits)."""
    return re.sub(r"\d+", lambda m: str(int(m.group())), index_no)


def document_name(title: str) -> str:
    """What an interpretation calls a policy: the document it issues, or its title without the issuer.

    ``江川省交通运输厅关于印发《江川省公路养护办法》的通知`` → ``江川省公路养护办法``;
    ``江川省交通运输厅关于修改《…》的决定`` → ``关于修改《…》的决定``; a rule's own name stays as it is.
    """
    m = re.match(r"^.*?关于(?:印发|发布|转发|公布)《(.+)》的(?:通知|决定|公告)$", title)
    if m:
        return m.group(1)
    at = title.find("关于")
    return title[at:] if at > 0 else title


def in_hidden_file(source: str) -> bool:
    """Whether the record file ``source`` (a path in the catalogue) is hidden (``.neibu/x.md``, ``.x.md``): never
    published, whatever it says (:func:`~build_tools.visibility.is_public`)."""
    return any(part.startswith(".") for part in source.split("/"))


def relative_path(path: str, start: str) -> str:
    """``path`` relative to the folder ``start``, both relative POSIX paths (catalogue or site paths), worked out
    without asking for the working folder: :func:`posixpath.relpath` of two relative paths does, and a shell left in
    a deleted folder failed every build (a review)."""
    return posixpath.relpath("/" + path.lstrip("/"), "/" + start.lstrip("/"))
