"""Reading one record file: bytes → text → front matter with line numbers.

This is the only place that turns encoding, YAML and layout errors into
problems; nothing after it sees a ``UnicodeDecodeError`` or a ``YAMLError``.
It accepts what Windows editors really produce (a UTF-8 BOM, CRLF line ends)
and refuses, with a message naming the fix, what would silently go wrong
(GBK text, tab indentation, a key given twice, YAML anchors).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import yaml

from .diagnostics import Problem, problem
from .model.fields import FIELDS_BY_NAME, FieldType
from .model.values import CONTROLS, INVISIBLE_NAMES, ODD_CHARACTER, char_name, is_control, visible

try:  # libyaml's composer is several times faster; both keep line marks.
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

_MAX_DEPTH = 4
"""Records need a mapping of scalars and lists; anything deeper is a mistake."""

_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_ESCAPED = re.compile(f"[{CONTROLS}\r\t\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
"""What an escape in double quotes can make that no file line shows and no page can hold: control
characters (a carriage return and a tab too: ``"D:\\reports"`` holds ``\\r``), the marks that turn text
around (``\\u202e``) and the two non-characters XML refuses."""


@dataclass(frozen=True, slots=True)
class Scalar:
    """One scalar value with where it stands.

    ``text`` is exactly what the editor wrote (so ``2014`` and ``no`` stay
    text for text fields); ``value`` is what YAML would make of it.
    """

    text: str
    value: object
    line: int
    quoted: bool
    wrapped: tuple[int, str] | None = None
    """The file's own text of a value that is not on its key's line alone (a block ``|`` or ``>``, a
    long text folded over several lines, a value on the line below its key, a quoted value with
    ``\\n`` in it), with the file line it starts on: from the key's line (a list item's own) to the
    value's last, each line stripped of its indentation, and without what stands on those lines
    outside the value (the key, a block's header and its comment, other items).  A check that finds
    something in the value follows the value's characters through these lines to name its line."""


class _Unreadable:
    """A value the reader refused (an alias); the problem is already reported."""

    def __repr__(self) -> str:
        return "UNREADABLE"


UNREADABLE = _Unreadable()


@dataclass(frozen=True, slots=True)
class Entry:
    """One ``key: value`` line of the front matter."""

    key: str
    line: int
    value: Scalar | list | dict | _Unreadable | None
    """A Scalar, a list of Scalars (or nested lists), a dict, None if empty, or
    UNREADABLE when the value was refused (the problem is reported already)."""


class Block(dict):
    """A nested mapping's value (``figures:``, ``statistics:``), with the line of each key: a misspelt block's
    name was reported on its parent's line, 25 lines away (an audit)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lines: dict[str, int] = {}
        self.braces: tuple[Scalar, ...] | None = None
        """The items of a list typed in braces, ``{12, 3, 1, 0, 2, 1, 19}`` (YAML's set: keys without values),
        every one in order, a repeated one too; None for a mapping of ``名称: 取值``."""


@dataclass(frozen=True, slots=True)
class SourceDoc:
    """A record file split into front-matter entries and Markdown body."""

    path: str
    entries: tuple[Entry, ...]
    body: str
    body_line: int
    comments: tuple[tuple[int, str], ...] = ()
    """The front matter's comment lines that read like a field (``# disclosure: …``): line number, text after ``#``."""
    repaired: bool = False
    """Lines a slip made unreadable were mended to read the rest (the problems say which): never a record."""
    trailing: tuple[tuple[int, str], ...] = ()
    """The comments at the end of the front matter's lines (``disclosure: 主动公开  # 待保密审查``): line number, text
    after the ``#``.  YAML drops them; an editor's note on the line that decides publication is read."""


def read_source(data: bytes, path: str) -> tuple[SourceDoc | None, list[Problem]]:
    """Parse a record file's bytes.

    Returns the document, or ``None`` with the problems that stop it being
    read.  ``path`` is only used to label problems.
    """
    text, problems = _decode(data, path)
    if text is None:
        return None, problems
    if not text.strip():
        return None, [problem("empty-file", path, None, None,
                              "文件是空的。", "记录文件以 --- 开头的元数据块开始，随后是正文。")]

    lines = text.split("\n")
    fences: list[Problem] = []
    if lines[0].rstrip() != "---" and _bare(lines[0]) == "---":
        fences.append(_odd_fence(path, 1, lines[0]))
    elif lines[0].rstrip() != "---" and _WIDE_FENCE.fullmatch(lines[0].strip()):
        return None, [_wide_fence(path, 1, lines[0])]
    elif lines[0].rstrip() != "---":
        blank = next((i for i, line in enumerate(lines) if line.strip()), 0)
        if blank and lines[blank].rstrip() == "---":  # the block is there, after blank lines (an audit)
            return None, [problem(
                "front-matter-missing", path, 1, None,
                f"文件开头有 {blank} 行空行，元数据块的 --- 在第 {blank + 1} 行：--- 必须是文件的第一行。",
                f"删去第 {blank + 1} 行之前的空行（不要再加一个元数据块）。")]
        # a block a few lines down (a # 标题 line pasted above it): moved to the top, not a second block added, which
        # published the first as text (a review)
        later = next((i for i in range(1, min(len(lines), 12)) if lines[i].rstrip() == "---"
                      and any(_FIELD_LINE.match(x) for x in lines[i + 1:i + 4])), None)
        if later is not None:
            return None, [problem(
                "front-matter-missing", path, 1, None,
                f"元数据块从第 {later + 1} 行的 --- 开始，它前面的 {later} 行不能放在那里：--- 必须是文件的第一行。",
                f"把第 1 行到第 {later} 行删去，或移到第二个 --- 之后的正文中（不要再加一个元数据块）。")]
        return None, [problem(
            "front-matter-missing", path, 1, None,
            "文件没有以元数据块开头：第一行必须单独写 ---。",
            "在文件最前面加上\n---\nindex_no: …\ntitle: …\n---\n然后再写正文。")]
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")
                or ODD_CHARACTER.search(lines[i]) and _bare(lines[i]) in ("---", "...")), None)
    if end is not None and lines[end].rstrip() not in ("---", "..."):
        fences.append(_odd_fence(path, end + 1, lines[end]))
    if end is None:
        wide = _wide_closing(lines)
        if wide is not None:
            return None, [*fences, _wide_fence(path, wide + 1, lines[wide], closing=True)]
        return None, [problem(
            "front-matter-unclosed", path, 1, None,
            "第 1 行开始的元数据块没有结束：缺少单独一行的 ---。",
            "在最后一个字段之后、正文之前加一行 ---。")]

    front = lines[1:end]
    tabbed = [i + 2 for i, line in enumerate(front) if "\t" in line[: len(line) - len(line.lstrip())]]
    # Every slip seen line by line at once (a Tab, a full-width colon, an odd space): one at a time, an editor
    # fixed four pasted slips in four rounds of check (an audit).
    early = [problem("yaml-tab", path, n, None, f"第 {n} 行用 Tab 键缩进，YAML 不允许这样做。",
                     "把行首的 Tab 换成空格（列表项写作两个空格加 - ）。") for n in tabbed]
    early += _odd_characters(front, path)
    early += _prescan(front, path)
    if any(p.code == "yaml-too-deep" for p in early):
        return None, early
    if early:
        # Read on with those lines mended, to find what else is wrong (the fields' values too): never a
        # record, the file's own errors say so (SourceDoc.repaired).
        front = [_mended(line) if i + 2 in {p.line for p in early} else line for i, line in enumerate(front)]
    # A 文号 with its year in ASCII brackets in a list of index numbers (amends: [江交规[2020]2号]) was told a comma or
    # "]" was missing (a review): read as the item it is, for the link check to name the record's index number.
    front = [_bracketed(line)[1] if "[" in line and _link_line(line) and _bracketed(line) else line for line in front]
    deep = _too_deep("\n".join(front), path)
    if deep:
        return None, deep
    entries, problems = _parse_front_matter("\n".join(front), path)
    mended: list[Problem] = []
    while entries is None and len(mended) < _MENDS and (line := _colon_mended(front, problems)) is not None:
        # A value holding ": " (通知要求: 各单位……) stopped YAML there, and what else was wrong with the file
        # came one round of check at a time (an audit): that line read as the quoted value it was meant to be;
        # a field line after a space, read from the left edge.
        mended.extend(problems)
        bracketed = _bracketed(front[line])
        fixed = (front[line].lstrip() if _indented_field(front[line]) else bracketed[1] if bracketed
                 else _quoted_value(front[line]))
        front = [*front[:line], fixed, *front[line + 1:]]
        entries, problems = _parse_front_matter("\n".join(front), path)
    problems = [*mended, *problems]
    if entries is None:
        return None, sorted([*early, *problems], key=lambda p: p.line or 0)
    early += mended
    problems = [*fences, *early, *problems[len(mended):]]
    body = "\n".join(lines[end + 1:])
    comments = tuple((i + 2, line.lstrip()[1:]) for i, line in enumerate(front)
                     if line.lstrip().startswith("#") and (":" in line or "：" in line or "公开" in line))  # a label too
    trailing = tuple((i + 2, note) for i, line in enumerate(front)
                     if not line.lstrip().startswith("#") and (note := _trailing_comment(line)) is not None)
    return SourceDoc(path, tuple(entries), body, end + 2, comments, repaired=bool(early), trailing=trailing), problems


_MENDS = 20
"""Lines with a value holding ": " read as quoted, at most, before the rest of a file is given up."""
_COLON_LINE = re.compile(r"(?P<key>[^\s#:\-\[{][^:]*?):[ \t]+(?P<value>[^\s\"'\[{|>&*!%@`#][^#]*?)[ \t]*$")


def _colon_mended(front: list[str], problems: list[Problem]) -> int | None:
    """The index in ``front`` of the line YAML stopped at for a value holding ``: `` (a top-level
    ``key: value: more``, unquoted), if that is the one problem."""
    if len(problems) != 1 or problems[0].code != "yaml-syntax" or problems[0].line is None:
        return None
    index = problems[0].line - 2
    if not 0 <= index < len(front):
        return None
    if _indented_field(front[index]) and problems[0].message.endswith(_INDENTED):
        return index
    if _bracketed(front[index]) and _BRACKETED in problems[0].message:
        return index
    if _OPENED.fullmatch(front[index]) and not _continued(front, index):
        return index  # title: [转发]国务院办公厅……, "春运"工作通知, *重要*: the rest was read one round later (a review)
    m = _COLON_LINE.fullmatch(front[index])
    return index if m is not None and ": " in m.group("value") + " " else None


_INDENTED = "字段要顶格写，前面不能有空格。"


def _indented_field(line: str) -> str | None:
    """The field a front-matter line names after spaces at its start (`` published: 2026-08-28``, pasted or lined
    up), or None."""
    m = re.match(r"[ \u3000\u00a0]+([^\s:：#\-][^:：]*?)[ \t]*:(?=\s|$)", line)
    return m.group(1) if m and m.group(1) in FIELDS_BY_NAME else None


def _indented_at(front: list[str], index: int) -> int | None:
    """The field line written after spaces that made YAML stop at line ``index``: that line itself (read as the value
    above going on, ``written: 2026-08-26`` + `` published: …``), or the one above when ``index`` is the first line
    back at the left edge (the first field after a space).  It was told as a colon in the value of the field above,
    to be quoted or made Chinese, which made it worse (a review)."""
    for i in range(min(index, len(front) - 1), -1, -1):
        if _indented_field(front[i]):
            above = next((x for x in reversed(front[:i]) if x.strip() and not x.lstrip().startswith("#")), "")
            # the field at the left edge whose value the line is in: a block (summary: | over lines, one of them
            # 附件: …) holds it, however many lines it has above (a review: its second line was told to move left)
            owner = next((x for x in reversed(front[:i]) if x.strip() and x[:1] not in (" ", "\t", "#")), "")
            block = re.search(r":\s*(?:[|>][-+0-9]*)?\s*(?:#.*)?$", above) and above[:1] not in (" ", "-") \
                or re.search(r":\s*[|>][-+0-9]*\s*(?:#.*)?$", owner)
            item = above.lstrip().startswith("- ") and _indent(above) < _indent(front[i])  # - path: …, title: …
            return None if block or item else i
        if i < index and front[i][:1] not in (" ", "\t", "#", ""):
            return None  # a field at the left edge between: the error is its own
    return None


_BRACKETED = "含有英文方括号 [ ]"


def _bracketed(line: str) -> tuple[str, str] | None:
    """The first item of a one-line list that holds ASCII brackets (``amends: [江交规[2020]2号]``, a 文号's year as
    many offices write it) and the line with such items quoted, or None."""
    m = re.fullmatch(r"(\s*(?:-\s+)?[^\s\[#][^:]*?:[ \t]+)\[(.*)\][ \t]*", line)
    if m is None or not re.search(r"[\[\]]", m.group(2)) or re.search("[\"'{}]", m.group(2)):
        return None
    items = [item.strip() for item in m.group(2).split(",")]
    if not all(items) or any(item.startswith("[") for item in items):
        return None  # an empty item, or a list inside the list: not a year's brackets
    bad = next(item for item in items if "[" in item or "]" in item)
    quoted = ", ".join("'" + item + "'" if "[" in item or "]" in item else item for item in items)
    return bad, f"{m.group(1)}[{quoted}]"


def _link_line(line: str) -> bool:
    """Whether ``line`` is a field whose items are other records' index numbers (「修改」, ``amends``)."""
    return _canonical(re.split("[:：]", line, maxsplit=1)[0].strip()) in _LINKS


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


_OPENED = re.compile(r"(?P<key>[^\s#:\-\[{\"'][^:]*?):[ \t]+(?P<value>[\[{\"'*!&@%`|>].*?)(?:[ \t]+#.*)?[ \t]*")
"""A field line whose value starts with a character YAML reads as its own: a CMS title ``[转发]国务院办公厅……``, a
文号 ``[2026]3号``, ``"春运"工作通知``, ``*重要*``; a trailing comment apart."""


def _continued(front: list[str], index: int) -> bool:
    """Whether the value on line ``index`` goes on over the indented lines below it (a list over several lines)."""
    below = next((x for x in front[index + 1:] if x.strip() and not x.lstrip().startswith("#")), "")
    return below[:1] in (" ", "\t")


def _quoted_value(line: str) -> str:
    m = _COLON_LINE.fullmatch(line) or _OPENED.fullmatch(line)
    value = m.group("value").replace("'", "''")
    return f"{m.group('key')}: '{value}'"


def _mended(line: str) -> str:
    """A front-matter line a slip made unreadable, mended only to read the rest of the file: leading Tabs as
    spaces, odd spaces and invisible characters as spaces or nothing, a key's full-width colon as YAML's."""
    if _indented_field(line):
        return line.lstrip()
    lead = len(line) - len(line.lstrip("\t"))
    line = "  " * lead + line[lead:]
    line = "".join(" " if ch in _SPACES or ch in _LINE_BREAKS else "" if ch in INVISIBLE_NAMES or is_control(ch)
                   else ch for ch in line)
    if "：" in line and ":" not in line.split("：", 1)[0] and not line.lstrip().startswith(("#", "-")):
        line = line.replace("：", ": ", 1)
    return line


_KEY_PART = re.compile(r"^\s*(?:-\s+)?[^:\s#\"'][^:\n]*?:(?=\s|$)\s*")
_COMMENT_START = re.compile(r"[ \t]#(.*)$")


def _trailing_comment(line: str) -> str | None:
    """The comment after a value (a ``#`` after a space), or None: a quoted value's own ``#`` is the value's.  A
    plain value with a quote inside (关于开展"平安春运" #安全同行# …) is cut at its `` #`` all the same: a quote
    anywhere had hidden the comment, and the cut title was published (a review)."""
    key = _KEY_PART.match(line)
    value = line[key.end():] if key else line
    if value[:1] in ("\"", "'"):
        close = _quoted_end(value)
        if close is None:
            return None
        value = value[close:]
    elif value[:1] in ("[", "{") and ("\"" in value or "'" in value):
        return None  # quoted items in a flow list: left to YAML
    m = _COMMENT_START.search(value)
    return m.group(1) if m else None


def _quoted_end(value: str) -> int | None:
    """Where a quoted scalar at the start of ``value`` ends (after its closing quote), or None."""
    quote, i = value[0], 1
    while i < len(value):
        if quote == '"' and value[i] == "\\":
            i += 2
            continue
        if value[i] == quote:
            if quote == "'" and value[i + 1:i + 2] == "'":  # '' inside single quotes
                i += 2
                continue
            return i + 1
        i += 1
    return None


_MAX_FLOW_DEPTH = 16
"""libyaml composes recursively in C: a few thousand nested [ overflow its stack
and kill the process, so nesting is measured before YAML sees the text."""


def _bare(line: str) -> str:
    """``line`` without its invisible characters and trailing blanks (a fence line pasted as ``---``+ZWSP)."""
    return "".join(ch for ch in line if ch not in INVISIBLE_NAMES and not is_control(ch)).rstrip()


_FIELD_LINE = re.compile(r"^\s*[A-Za-z_\u4e00-\u9fff]{2,20}\s*[:：]")
"""A line that reads as ``field: value``."""
_WIDE_FENCE = re.compile("[－—―─━‐‑‒–﹣⸺⸻]{2,}|[－—―─━‐‑‒–﹣⸺⸻-]{3,}")
"""A fence typed with the Chinese input method on (－－－, ———, ——): it looks like ``---`` in most fonts."""


def _wide_closing(lines: list[str]) -> int | None:
    """The line that was meant to close the block, typed full width: the first line after the block's fields
    that is not one of them.  A divider in the body (————————) is not (a review found it named)."""
    for i in range(1, len(lines)):
        line = lines[i]
        if _WIDE_FENCE.fullmatch(line.strip()):
            return i
        if not line.strip() or not (line[:1] in " \t-#" or ":" in line or "：" in line):
            return None
    return None


def _wide_fence(path: str, n: int, line: str, closing: bool = False) -> Problem:
    """The line that was meant as a fence, named: the message had said there was no block, and its hint to add
    one made a second, empty block of the editor's (a review)."""
    code, which = ("front-matter-unclosed", "结束") if closing else ("front-matter-missing", "开始")
    if set(line.strip()) == {"-"} and line.strip() == "---":  # the three dashes, after a space or a tab (a review:
        # the message said "3 dashes, write exactly three")
        before = "制表符" if line[:len(line) - len(line.lstrip())].replace(" ", "") else "空格"
        return problem(code, path, n, None, f"第 {n} 行的 --- 前面有{before}：元数据块的{which}要顶格写，--- 前面不能有任何字符。",
                       f"删去第 {n} 行 --- 前面的{before}，不要另加一个元数据块。")
    if set(line.strip()) == {"-"}:  # ---- : half-width, one too many (a review found it called full-width)
        return problem(code, path, n, None, f"第 {n} 行的“{line.strip()}”有 {len(line.strip())} 个减号，"
                       f"元数据块的{which}要正好写三个：---。", f"把第 {n} 行改成三个减号 ---，不要另加一个元数据块。")
    return problem(code, path, n, None,
                   f"第 {n} 行的“{line.strip()}”是全角的横线（中文输入法打出的），元数据块的{which}要写半角的 ---。",
                   f"把第 {n} 行改成三个半角减号 ---（切换到英文输入法再输入），不要另加一个元数据块。")


def _odd_fence(path: str, n: int, line: str) -> Problem:
    """A ``---`` line with an invisible character in it: read as the fence it looks like, and said."""
    ch = next(ch for ch in line if ch in INVISIBLE_NAMES or is_control(ch))
    return problem("invisible-character", path, n, None,
                   f"第 {n} 行的 --- 中有一个看不见的{char_name(ch)}；已按元数据块的分隔线读取。",
                   "把这一行删去，重新输入三个半角减号 ---（这种字符通常来自从 Word 或网页复制的文字）。")


def _prescan(front: list[str], path: str) -> list[Problem]:
    """Problems found by looking at the lines, before YAML parses them."""
    problems = []
    joined = "\n".join(front)
    if ("：" not in joined and joined.count("[") + joined.count("{") <= _MAX_FLOW_DEPTH
            and "  " * 32 not in joined and "- - " not in joined and "? " not in joined):
        return problems  # nothing the line-by-line scan could find
    depth = deepest = 0
    key = None
    for i, line in enumerate(front):
        n = i + 2  # +1 for 1-based lines, +1 for the opening ---
        stripped = line.lstrip()
        if line == stripped and ":" in line and not line.startswith(("#", "-")):
            key = _canonical(line.split(":", 1)[0].strip())
        if (line == stripped and "：" in line and ":" not in line.split("：", 1)[0]
                and not stripped.startswith(("#", "-"))):
            name = line.split("：", 1)[0].strip()
            if _canonical(name) in FIELDS_BY_NAME or re.fullmatch(r"[A-Za-z_]{2,30}|[\u4e00-\u9fff]{2,6}", name):
                problems.append(problem(
                    "yaml-syntax", path, n, None,
                    f"第 {n} 行“{name}”后面用了中文冒号“：”，元数据要用英文冒号。",
                    f"改成 {name}: 取值（英文冒号后加一个空格）。"))
            else:  # 一、考试：…, a summary's pasted second line: no field's name (a review: told to write 一、考试: 取值)
                problems.append(problem(
                    "yaml-syntax", path, n, None,
                    f"第 {n} 行“{visible(line.strip()[:30])}”不是“字段: 取值”的写法，像是上一行取值的接续。",
                    f"把它接到第 {n - 1} 行的末尾（取值中可以有中文冒号）；它若是一个字段，字段名后要用英文冒号。"))
        if len(line) - len(stripped) > 64 or stripped.startswith("- " * 16):
            deepest = _MAX_FLOW_DEPTH + 1
        for ch in line:
            if ch in "[{":
                depth += 1
                deepest = max(deepest, depth)
            elif ch in "]}":
                depth = max(0, depth - 1)
        if deepest > _MAX_FLOW_DEPTH:
            return [problem("yaml-too-deep", path, n, key, f"第 {n} 行的元数据嵌套层数过多。",
                            "字段的取值只能是一段文字、一个日期、一个数字，或由这些组成的列表。")]
    return problems


_LINE_BREAKS = "\u2028\u2029\x85"
"""Characters PyYAML counts as line ends but editors (and this reader) do not:
left in, they shift every line number YAML reports after them."""
_SPACES = frozenset(ch for ch in INVISIBLE_NAMES if unicodedata.category(ch) == "Zs")


def _odd_characters(front: list[str], path: str) -> list[Problem]:
    """Characters pasted from Word or a CMS page that YAML misreads, one problem per line.

    Indentation or the space after a colon made of no-break or full-width
    spaces (YAML sees no indentation at all), line and paragraph separators
    (YAML starts a new line where the editor shows none), and control
    characters (YAML refuses the file, naming a byte offset).
    """
    problems = []
    key = None
    for i, line in enumerate(front):
        if ODD_CHARACTER.search(line) is None:
            if line[:1] not in (" ", "#", "-", "") and ":" in line:
                key = _canonical(line.split(":", 1)[0].strip())
            continue
        n = i + 2  # +1 for 1-based lines, +1 for the opening ---
        lead = len(line) - len(line.lstrip(" \t" + "".join(INVISIBLE_NAMES)))
        if line[:1] not in (" ", "#", "-", "") and ":" in line and not any(ch in _SPACES for ch in line[:lead]):
            key = _canonical(line.split(":", 1)[0].strip().strip("".join(INVISIBLE_NAMES)))
        if line.startswith("\ufeff") and line[lead:lead + 1] not in ("", " ", "#") and " " not in line[:lead]:
            # PyYAML reads a BOM only at the very start of the file; before a key it refuses the line.
            problems.append(problem(
                "unusual-character", path, n, key,
                f"第 {n} 行行首有一个看不见的{char_name(chr(0xFEFF))}，YAML 读不出这一行的字段名。",
                "把光标移到这一行的行首，按删除键删去这个看不见的字符，或重新输入字段名。"
                "这种字符通常来自把另一个文件的内容复制进来。"))
            continue
        odd = next((ch for ch in line[:lead] if ch in _SPACES), None)
        if odd is None and any(ch in INVISIBLE_NAMES for ch in line[:lead]) and " " in line[:lead]:
            odd = next(ch for ch in line[:lead] if ch in INVISIBLE_NAMES)
        name = _indented_field(line) if odd is not None else None
        if name is not None:  # a field line after a full-width space: told to be re-indented (a review)
            problems.append(problem(
                "unusual-character", path, n, _canonical(name),
                f"第 {n} 行{_named(name)}的行首有{char_name(odd)}：{_INDENTED}",
                f"删去第 {n} 行行首的空白，让 {name}: 和上下的字段一样从行首写起。这种空白通常来自从 Word 或网页复制的文字。"))
            continue
        if odd is not None:
            problems.append(problem(
                "unusual-character", path, n, key,
                f"第 {n} 行行首用{char_name(odd)}缩进；它看起来像空格，YAML 却不把它当作缩进，这一行会被读错。",
                "删去行首的空白，重新用半角空格键缩进（列表项写作两个空格加 - 和一个空格）。"
                "这种空白通常来自从 Word 或网页复制的文字。"))
            continue
        colon = line.find(":", lead)
        if colon > 0 and line[colon + 1:colon + 2] in _SPACES:
            problems.append(problem(
                "unusual-character", path, n, key,
                f"第 {n} 行冒号后面是{char_name(line[colon + 1])}，不是普通空格，YAML 读不出这个字段。",
                "把冒号后面的空白删去，改为一个半角空格：字段名: 取值。"))
            continue
        bad = next((ch for ch in line if ch in _LINE_BREAKS or is_control(ch)), None)
        if bad is not None:
            col = line.index(bad) + 1
            if bad in _LINE_BREAKS:
                what = f"第 {n} 行第 {col} 个字符处有一个看不见的{char_name(bad)}，YAML 会把它当作换行，使这个字段被读错。"
                fix = "删去这个字符（把光标移到该位置按退格键）；确需换行时按回车键另起一行。"
            else:
                what = f"第 {n} 行第 {col} 个字符处有一个看不见的控制字符{char_name(bad)}，元数据中不允许出现。"
                fix = "删去这个字符（把光标移到该位置按退格键），或重新手工输入这一行。"
            problems.append(problem("unusual-character", path, n, key, what,
                                    fix + "这种字符通常来自从 Word 或网页复制的文字。"))
    return problems


def _too_deep(text: str, path: str) -> list[Problem]:
    """Nesting measured on libyaml's event stream (its parser is iterative; only
    its composer recurses), so deep front matter is refused before composing."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > _MAX_FLOW_DEPTH:
                    n = event.start_mark.line + 2
                    return [problem("yaml-too-deep", path, n, None, f"第 {n} 行的元数据嵌套层数过多。",
                                    "字段的取值只能是一段文字、一个日期、一个数字，或由这些组成的列表。")]
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        pass  # composing reports the syntax error, with a better message
    return []


_BINARY_KINDS = ((b"PK\x03\x04", "Word、Excel、WPS 文档或压缩包（.docx、.xlsx、.zip 等）"), (b"%PDF-", "PDF 文件"),
                 (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧版 Word、Excel 或 WPS 文档（.doc、.xls、.wps 等）"),
                 (b"{\\rtf", "RTF 文档（Word 另存的格式）"), (b"\x89PNG", "PNG 图片"), (b"\xff\xd8\xff", "JPEG 图片"))
"""What a file renamed to .md may really be, by its first bytes: told as such, not as a text in another encoding
(“另存为 UTF-8” cannot help a Word file: a review)."""


def _decode(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    kind = next((what for magic, what in _BINARY_KINDS if data.startswith(magic)), None)
    if kind is not None:
        return None, [problem(
            "not-utf8", path, 1, None, f"这个文件实际上是{kind}，只是文件名改成了 .md，不是记录的文本。",
            "记录要写成 Markdown 文本：用“新建记录”（catalogue new）生成文件，把文档的正文复制进去；原来的文档作为附件，"
            "放在记录旁边并列入「附件」(attachments)。")]
    if data.startswith(b"\xef\xbb\xbf"):  # BOM from Windows Notepad: harmless
        data = data[3:]
    if _utf16(data):  # Notepad's "Unicode": named, not "bytes that cannot be read" (found by a review)
        return None, [problem(
            "not-utf8", path, 1, None,
            f"文件是 UTF-{32 if data[:4] in _UTF32_BOMS else 16} 编码"
            "（记事本“另存为”时编码选了“Unicode”或“Unicode big endian”），不是 UTF-8。",
            "用记事本打开文件，“另存为”，编码选 UTF-8 后保存（WPS/VS Code：右下角切换编码为 UTF-8）。")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        mixed = _mixed(data, path)
        if mixed is not None:
            return None, [mixed]
        line = data[: exc.start].count(b"\n") + 1
        try:
            data.decode("gb18030")
            guess = "看起来是 GBK/GB2312 编码（Windows 中文版的默认编码）"
        except UnicodeDecodeError:
            guess = "含有无法识别的字节"
        return None, [problem(
            "not-utf8", path, line, None,
            f"文件不是 UTF-8 编码：{guess}，第 {line} 行起无法读取。",
            "用编辑器“另存为”并选择 UTF-8 编码（记事本：编码选 UTF-8；WPS/VS Code：右下角切换编码）。")]
    if "\x00" in text:
        return None, [problem("not-utf8", path, text[: text.index("\x00")].count("\n") + 1, None,
                              "文件含有空字节，看起来不是文本文件。",
                              "记录必须是 UTF-8 编码的 Markdown 文本文件。")]
    # CRLF and lone CR from Windows and old Mac editors are accepted as line ends.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    garbled = _garbled(text, path)
    return (None, [garbled]) if garbled else (text, [])


_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_NAMED_LINES = 5
"""Lines in another encoding named by number, at most; more are counted."""


def _mixed(data: bytes, path: str) -> Problem | None:
    """A UTF-8 file with some lines in another encoding (a line appended from an ANSI text file, ``type 联系.txt >>
    记录.md``): those lines named, to be typed again, or None when no line holds UTF-8 Chinese.  "另存为 UTF-8"
    was advised, and Notepad or WPS, which open such a file as GBK, garbled every other line for good (a review)."""
    lines = data.split(b"\n")
    bad, good = [], []
    for n, line in enumerate(lines, 1):
        try:
            if not line.decode("utf-8").isascii():
                good.append(n)
        except UnicodeDecodeError:
            bad.append(n)
    if not good:
        return None  # all its Chinese in one other encoding: saving it as UTF-8 is the fix
    try:
        b"\n".join(lines[n - 1] for n in bad).decode("gb18030")
        kind = " GBK 编码（Windows 记事本“ANSI”的编码）"
    except UnicodeDecodeError:
        kind = "别的编码，或含有无法识别的字节"
    these = "这一行" if len(bad) == 1 else "这些行"
    if len(good) > len(bad):
        return problem(
            "not-utf8", path, bad[0], None,
            f"文件是 UTF-8 编码，但第 {_numbers(bad)}是{kind}，无法读取；多半是从别的文本文件复制或追加来的。",
            f"只改{these}：用按 UTF-8 打开文件的编辑器（如 VS Code）打开，删去第 {_numbers(bad)}，重新输入或从原文重新复制粘贴后保存。"
            "不要用记事本或 WPS 打开后“另存为”：它们会把整个文件按 GBK 读取，其余各行都会变成乱码。")
    # mostly GBK with a few UTF-8 lines: saving as UTF-8 is the fix, and those few lines are garbled by it
    return problem(
        "not-utf8", path, bad[0], None,
        f"文件大部分是{kind}，不是 UTF-8；第 {_numbers(good)}却是 UTF-8 编码。",
        f"用记事本打开文件，“另存为”，编码选 UTF-8 后保存；保存后第 {_numbers(good)}会变成乱码，把它重新输入或从原文重新复制粘贴。")


def _numbers(lines: list[int]) -> str:
    """Line numbers as a message names them: ``3、5 行``, the first few of many and how many."""
    named = "、".join(map(str, lines[:_NAMED_LINES]))
    return named + (f" 等共 {len(lines)} 行" if len(lines) > _NAMED_LINES else " 行")


_GARBLED = re.compile("[^\x00-\x7f]{4,}")
"""A run of characters that may be UTF-8 Chinese read as GBK (江川省 saved as 姹熷窛鐪)."""


def _garbled(text: str, path: str) -> Problem | None:
    """The first line holding a replacement character (�) or UTF-8 Chinese read as GBK (姹熷窛鐪佷), left by an
    editor that opened the file in the wrong encoding and saved it: the text is lost, and a garbled title and body
    passed check and would have been published (a review)."""
    if "\ufffd" not in text and not _UTF8_CHINESE.search(text.encode("gbk", errors="ignore")):
        return None  # one look at the whole text: UTF-8 Chinese read as GBK leaves these bytes behind
    for n, line in enumerate(text.split("\n"), 1):
        if "\ufffd" in line or any(_was_utf8(run) for run in _GARBLED.findall(line)):
            return problem(
                "not-utf8", path, n, None,
                f"第 {n} 行有乱码（{visible(line.strip()[:16])}……），多半是文件曾被按错误的编码打开后保存留下的："
                "这里原来的文字已经丢失。",
                "从原文重新输入或复制粘贴这些乱码的文字；许多行都是乱码时，从备份或版本库中取回改动之前的文件，"
                "打开时用按 UTF-8 打开文件的编辑器（如 VS Code）。")
    return None


_UTF8_CHINESE = re.compile(rb"(?:[\xe4-\xe9][\x80-\xbf]{2}){3}")
"""Three Chinese characters in UTF-8's bytes: what a text's GBK bytes hold when it is UTF-8 read as GBK."""


def _was_utf8(run: str) -> bool:
    """Whether ``run`` is UTF-8 Chinese read as GBK: its GBK bytes begin with three or more UTF-8 Chinese characters
    (Chinese text written in GBK almost never does)."""
    try:
        data = run.encode("gbk")
    except UnicodeEncodeError:
        return False
    try:
        head = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        head = data[:exc.start].decode("utf-8")
    return sum("\u4e00" <= ch <= "\u9fff" for ch in head) >= 3


def _utf16(data: bytes) -> bool:
    """Whether ``data`` is UTF-16 text: its byte-order mark, or (without one) a NUL beside each of its first
    four characters, as UTF-16 writes ASCII."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        return True
    head = data[:8]  # a record starts with ---: ASCII, so a NUL every other byte in UTF-16
    return len(head) == 8 and (head[1::2] == b"\0" * 4) != (head[0::2] == b"\0" * 4)


def _parse_front_matter(text: str, path: str) -> tuple[list[Entry] | None, list[Problem]]:
    if not text.strip():
        return [], []
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return None, [_yaml_problem(exc, text.split("\n"), path)]
    except yaml.YAMLError as exc:
        return None, [problem("yaml-syntax", path, 1, None,
                              f"元数据写法有误（{exc}）。", _YAML_HINT)]
    except RecursionError:
        return None, [problem("yaml-too-deep", path, 1, None, "元数据嵌套层数过多。",
                              "每个字段写成 字段: 取值，列表写成 [甲, 乙] 或每行一个 - 项。")]
    if root is None:
        return [], []
    if not isinstance(root, yaml.MappingNode):
        slip = _slip(text.split("\n"), root.start_mark.line) if isinstance(root, yaml.ScalarNode) else None
        if slip is not None:  # the only field, written doc_type:行政规范性文件: that line, as it should be
            return None, [problem("front-matter-not-mapping", path, root.start_mark.line + 2, *slip)]
        found = "一个列表" if isinstance(root, yaml.SequenceNode) else "一段文字"
        return None, [problem("front-matter-not-mapping", path, root.start_mark.line + 2, None,
                              f"元数据必须是一行一个“字段: 取值”，这里却是{found}。",
                              "例如\ntitle: 江川省交通运输厅关于……的通知\nkind: policy")]
    return _Walker(path, text.split("\n")).mapping_entries(root)


_YAML_HINT = ("常见原因：字段名后用了中文冒号“：”（应为英文冒号加空格）；取值中含有英文冒号加空格、# 或以 [ { * & ! | > ' \" 开头时，需要用引号把整个取值括起来；"
              "列表项前的 - 后面要有空格；同一层的字段要左对齐。")


def _explain_yaml(exc: yaml.MarkedYAMLError) -> str:
    """PyYAML's English reason, shortened; editors get the hint in Chinese."""
    parts = [p for p in (exc.context, exc.problem) if p]
    return "; ".join(parts) or "无法解析"


def _yaml_problem(exc: yaml.MarkedYAMLError, front: list[str], path: str) -> Problem:
    """A YAML error in plain words, at the line and field an editor would look at (PyYAML's reason was
    quoted in English at the line where the parser gave up: an unclosed quote on line 3 was reported at
    line 9 as "found unexpected end of stream": found by a review)."""
    problem_text, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    opened = ("end of stream" in problem_text and "quoted scalar" in context) or "flow" in context
    if opened and exc.context_mark is not None:
        mark = exc.context_mark  # where the quote or the bracket opened, not where the parser gave up
    if "simple key" in context and exc.context_mark is not None:
        # The line YAML could not read a key from (doc_type:行政规范性文件, 发文字号 江交规〔2024〕3号), not the
        # next one where it gave up: that is correct, and was named with its field (found by a review).
        mark = exc.context_mark
    index = mark.line if mark else 0
    indented = _indented_at(front, index)
    if indented is not None:
        n, name = indented + 2, _indented_field(front[indented])
        return problem("yaml-syntax", path, n, _canonical(name), f"第 {n} 行{_named(name)}的行首有空格：{_INDENTED}",
                       f"删去第 {n} 行行首的空格，让 {name}: 和上下的字段一样从行首写起。")
    if "mapping values are not allowed" in problem_text and mark is not None:
        index = _run_on_from(front, index, mark.column)
    slip = _slip(front, index)
    if slip is not None:
        key, what, hint = slip
        return problem("yaml-syntax", path, index + 2, key, what, hint)
    line = index + 2  # +1 for 1-based, +1 for the opening ---
    written = front[index] if index < len(front) else ""
    key = _key_of(front, index)
    field = FIELDS_BY_NAME.get(key) if key else None
    at = f"第 {line} 行{field.display if field else (f'「{key}」' if key else '')}"
    value = re.split("[:：]", written, maxsplit=1)[-1].strip()
    if value.startswith('"') and value.count('"') > 2 and "quoted scalar" not in context:
        what = f"{at}用英文双引号括起的取值中又有英文双引号，YAML 在第二个引号处就认为取值结束了。"
        hint = "把取值中的引号改成中文引号“”，或用单引号括起整个取值。"
    elif "unknown escape" in problem_text:
        what = f"{at}用双引号括起的取值中，反斜杠 \\ 后面的字符 YAML 不认识：双引号中的反斜杠是转义符。"
        hint = "要写反斜杠时，改用单引号括起整个取值（'综合政务\\政务公开'），或在双引号中把反斜杠写两次；主题分类的两级之间写 /。"
    elif (ch := _indicator(exc, front)) == "**":  # **重要** (a review: PyYAML's "while scanning an alias")
        what = f"{at}的取值以“**”开头：元数据中不能用 ** 标出加粗（那是正文的写法），YAML 把 * 当作特殊符号，读不出这一行。"
        hint = "删去取值中的 **，直接写文字；确要保留星号时，用引号把整个取值括起来。"
    elif ch == "," and (empty := _empty_items(written, _mark_of(exc).column)):
        # [27, 6, 1, , 3, 2, 39]: a blank cell of a pasted table row, not a value starting with ","; quoting the
        # row made it text, deleting the "," shifted the columns (a review)
        what, hint = empty
        what = f"{at}{what}"
    elif ch:  # @ % ` and (a review: PyYAML's English, "while scanning a tag") * & ! | > ? , ] }
        name = re.split("[:：]", written, maxsplit=1)[0].strip() + ":" if ":" in written else "title:"
        name = "-" if written.lstrip().startswith("-") else name  # a list item: - "*……"
        what = f"{at}的取值以“{ch}”开头，这个字符在 YAML 中有特殊用途，不能直接写在取值的开头。"
        hint = f"用引号把整个取值括起来，例如 {name} \"{ch}……\"；或删去这个字符。"
    elif "end of stream" in problem_text and "quoted scalar" in context:
        what = f"{at}的引号没有配对：从这里开始的引号到元数据结束都没有关上。"
        hint = "在取值末尾补上同样的引号（英文的 \" 或 '），或去掉开头的引号；取值中要写引号时，用中文引号“”。"
    elif "mapping values are not allowed" in problem_text:
        what = f"{at}的取值中有英文冒号加空格（“: ”），YAML 把它当成了又一个字段。"
        hint = "用引号把整个取值括起来，或把取值中的冒号改成中文冒号“：”。"
    elif "expected ',' or ']'" in problem_text and (bracketed := _bracketed(front[mark.line])):
        # a 文号 with its year in ASCII brackets: it was told a comma or "]" was missing (a review)
        n, item = mark.line + 2, bracketed[0]
        what = f"第 {n} 行{field.display if field else ''}列表中的“{item}”{_BRACKETED}，YAML 把它当成了列表的括号，这一项读不出来。"
        year = re.sub(r"\[(\d{4})\]", r"〔\1〕", item)
        hint = f"用引号把这一项括起来：['{item}']" + (f"；发文字号的年份也可以写成六角括号：{year}。" if year != item else "。")
        return problem("yaml-syntax", path, n, key, what, hint)
    elif (opened := _opened_at(front, index, field, problem_text)) is not None:
        what, hint = opened
        what = at + what
    elif "expected ',' or ']'" in problem_text:
        what = f"{at}方括号中的列表没有写完整：缺少逗号或右方括号“]”。"
        hint = "写成 [甲, 乙]，用英文逗号分隔，最后写 ]；某一项中含逗号或冒号时，用引号把那一项括起来。"
    elif "block sequence entries are not allowed" in problem_text:
        what = f"{at}以“- ”开头的列表项写在了不能写列表的地方（通常是冒号后面已经写了取值）。"
        hint = "列表要么写成 字段: [甲, 乙]，要么字段名后冒号后面不写东西，下面每行缩进两个空格写一项 - 甲。"
    elif "could not find expected ':'" in problem_text or "did not find expected key" in problem_text:
        what = f"{at}不是“字段: 取值”的写法，或缩进与上面的字段不一致。"
        hint = _YAML_HINT
    else:
        what = f"{at}附近的元数据写法有误（{_explain_yaml(exc)}）。"
        hint = _YAML_HINT
    return problem("yaml-syntax", path, line, key, what, hint)


_LIST_TYPES = (FieldType.NAMES, FieldType.TAGS, FieldType.REFS, FieldType.PATHS)
"""Fields whose value may be a list in [ ]: an unclosed [ there is a list not finished."""


def _opened_at(front: list[str], index: int, field, problem_text: str) -> tuple[str, str] | None:
    """What is wrong, after the line's name, with a value that opens with brackets or quotes and goes on after them
    (``[转发]国务院办公厅……``, ``"春运"工作通知``), or a text field's that opens a [ it does not close, and the line
    as it reads: it was "not a 字段: 取值 line, or indented unlike the fields above" (a review)."""
    m = _OPENED.fullmatch(front[index]) if index < len(front) else None
    if m is None or m.group("value")[0] not in "[{\"'":
        return None
    value, ch = m.group("value"), m.group("value")[0]
    # in the quotes it has not: '"春运"工作通知', "'春运'工作通知" (YAML's own escape, '''春运''…, no editor reads)
    quote = '"' if "'" in value and '"' not in value and "\\" not in value else "'"
    hint = (f"用{'单' if quote == chr(39) else '双'}引号把整个取值括起来："
            f"{m.group('key')}: {quote}{value.replace(quote, quote * 2)}{quote}")
    year = re.sub(r"\[(\d{4})\]", r"〔\1〕", value) if field is not None and field.type is FieldType.DOC_NO else value
    hint += f"；发文字号的年份也可以写成六角括号：{year}。" if year != value else "；或把英文引号改成中文引号“”。" if ch in "\"'" else "。"
    named = {"[": "英文方括号“[”", "{": "花括号“{”", '"': "英文双引号", "'": "英文单引号"}[ch]
    if "did not find expected key" in problem_text:
        close = {"[": "]", "{": "}"}.get(ch, ch)
        end = value.find(close, 1) + 1
        if not 0 < end < len(value):
            return None
        kind = "列表" if ch == "[" else "键值对" if ch == "{" else "用引号括起的取值"
        return f"的取值以{named}开头：YAML 把“{value[:end]}”读成了{kind}，后面的“{value[end:].strip()}”读不出来。", hint
    if "expected ',' or ']'" in problem_text and ch == "[" and field is not None and field.type not in _LIST_TYPES:
        return f"的取值以{named}开头，YAML 把它当成了列表，又没有找到右方括号，这一行读不出来。", hint
    return None


def _mark_of(exc: yaml.MarkedYAMLError):
    """Where :func:`_indicator` found the character YAML read as its own."""
    return exc.context_mark or exc.problem_mark


def _empty_items(written: str, column: int) -> tuple[str, str] | None:
    """(What, hint) for a ``[…]`` list on line ``written`` with an empty item (two commas with nothing between,
    or a comma first) around ``column``; None when the "," there is not inside a list on this line."""
    items, opened, closed = _flow_items(written, column)
    if opened is None:
        return None
    if closed and len(items) > 1 and not items[-1].strip():
        items = items[:-1]  # [1, 2, ]: YAML allows a comma before the "]"
    empty = [i for i, item in enumerate(items, 1) if not item.strip()]
    if not empty:
        return None
    name = re.split("[:：]", written, maxsplit=1)[0].strip()
    inner = f"中“{name}”" if written[:1] in (" ", "\t") and ":" in written[:opened] else ""
    where = "、".join(f"第 {i} 项" for i in empty)
    what = (f"{inner}的列表中{where}是空的：逗号之间（或括号与逗号之间）什么也没写（从表格复制时的空格子，或多打了一个逗号），"
            "YAML 读不出这一行。")
    filled = [item.strip() for item in items if item.strip()]
    head = written[:opened].strip()
    if filled and all(re.fullmatch(r"-?[\d.]+|~", item) for item in filled):  # a row of figures
        zero = ", ".join(item.strip() or "0" for item in items)
        hint = (f"这一格没有数字时写 0：{head} [{zero}]；若是多打了一个逗号，删去它，并对照原表核对每一项的位置"
                "（少一项，后面的数字就错到前一列）。不要用引号把整行括起来。")
    else:
        hint = f"删去多打的逗号：{head} [{', '.join(filled)}]；这里本该有一项时，把它写上。"
    return what, hint


def _flow_items(written: str, column: int) -> tuple[list[str], int | None, bool]:
    """The items of the innermost ``[`` list on line ``written`` that holds ``column`` (quotes and nested
    brackets kept whole), the column of its ``[`` (None: ``column`` is in no list on this line), and whether
    its ``]`` is on the line."""
    stack: list[int] = []
    quote = ""
    for i, c in enumerate(written[:column]):
        if quote:
            quote = "" if c == quote else quote
        elif c in "'\"":
            quote = c
        elif c == "[":
            stack.append(i)
        elif c == "]" and stack:
            stack.pop()
    if not stack or quote:
        return [], None, False
    opened = stack[-1]
    items, depth, start, quote = [], 0, opened + 1, ""
    for i in range(opened + 1, len(written)):
        c = written[i]
        if quote:
            quote = "" if c == quote else quote
        elif c in "'\"":
            quote = c
        elif c in "[{":
            depth += 1
        elif c in "]}" and depth:
            depth -= 1
        elif c == "]":
            items.append(written[start:i])
            return items, opened, True
        elif c == "," and not depth:
            items.append(written[start:i])
            start = i + 1
    items.append(written[start:])
    return items, opened, False


_INDICATOR_SLIPS = ("cannot start any token", "scanning an alias", "scanning an anchor", "scanning a tag",
                    "scanning a block scalar", "expected node content", "mapping keys are not allowed", "undefined alias")
"""PyYAML's words for a value that starts with a character YAML reads as its own."""


def _indicator(exc: yaml.MarkedYAMLError, front: list[str]) -> str | None:
    """The character at the start of a value that YAML read as its own (``@ % ` * & ! | > ? , ] }``; ``**`` for
    Markdown bold), or None when the error is another."""
    if not any(words in f"{exc.context} {exc.problem}" for words in _INDICATOR_SLIPS):
        return None
    mark = exc.context_mark or exc.problem_mark
    written = front[mark.line] if mark and mark.line < len(front) else ""
    ch = written[mark.column:mark.column + 1] if mark else ""
    if ch not in _INDICATORS:
        return None
    return "**" if written[mark.column:mark.column + 2] == "**" else ch


_INDICATORS = frozenset("@%`*&!|>?,]}")
_LINKS = ("interprets", "amends", "repeals")
"""The fields whose items are other records' index numbers."""


def _run_on_from(front: list[str], index: int, column: int) -> int:
    """The line a top-level line's ``key: value`` was read on from (``index`` unchanged when it was not).

    A slip on the first field's line (``doc_type:行政规范性文件`` with no space, or no colon at all) makes
    YAML read it and the next line, ``issuer: 江川省交通运输厅``, as one text, and stop at that line's colon;
    the nearest line above that starts at the left edge is the one written wrong."""
    written = front[index] if index < len(front) else ""
    if written[:1] in (" ", "\t", "#", "-", "") or ":" in written[:column]:
        return index  # a colon inside a value (title: 关于: …), an indented line: said as it is
    for i in range(index - 1, -1, -1):
        above = front[i]
        if above.strip() and above[:1] not in (" ", "\t", "#"):
            return i
    return index


def _slip(front: list[str], index: int) -> tuple[str | None, str, str] | None:
    """A field line at the left edge that YAML cannot read as ``字段: 取值`` because the editor left out the
    space after the colon (``doc_type:行政规范性文件``) or the colon (``发文字号 江交规〔2024〕3号``): the key it
    names, what is wrong and the line as it should be written; None for any other line."""
    written = front[index].rstrip() if index < len(front) else ""
    if written[:1] in (" ", "\t", "#", "-", "", "[", "{", "\"", "'", "?", "!", "&", "*", "|", ">", "%", "@", "`"):
        return None
    n = index + 2  # +1 for 1-based, +1 for the opening ---
    name, colon, value = written.partition(":")
    if colon and name and not name[-1].isspace() and not re.search(r"\s", name) and value[:1] not in ("", " "):
        key = _canonical(name)
        what = f"第 {n} 行{_named(name)}的英文冒号后面没有空格，这一行读不出字段和取值。"
        return key, what, f"冒号后要有一个空格：{name}: {value.strip()}"
    if colon:
        return None
    name, value = (*re.split("[ \u3000]+", written, maxsplit=1), "")[:2]
    if name in FIELDS_BY_NAME:
        what = f"第 {n} 行{_named(name)}的字段名后面没有英文冒号，这一行读不出字段和取值。"
        example = FIELDS_BY_NAME[name].example
        example = "[" + ", ".join(map(str, example)) + "]" if isinstance(example, list) else example
        return (_canonical(name), what,
                f"在字段名后加英文冒号和一个空格：{name}: {value or example}")
    what = f"第 {n} 行“{written}”中没有英文冒号，不是“字段: 取值”的写法。"
    return (None, what, "写成 字段名: 取值（英文冒号后加一个空格）；如果这一行是上一个字段取值的接续，"
            "把它接到上一行的末尾（行首加空格的写法会在两行之间留下一个空格）。")


def _named(name: str) -> str:
    """How a message names the field an editor wrote: 「文种」(doc_type), or 「name」 when it is no field."""
    f = FIELDS_BY_NAME.get(name)
    return f.display if f else f"「{name}」"


def _key_of(front: list[str], index: int) -> str | None:
    """The field whose line (or value) line ``index`` of the front matter is: the nearest key line at or above it."""
    for i in range(min(index, len(front) - 1), -1, -1):
        text = front[i]
        if text[:1] not in (" ", "\t", "#", "-", "") and (":" in text or "：" in text):
            return _canonical(re.split("[:：]", text, maxsplit=1)[0].strip())
    return None


def _canonical(key: str) -> str:
    """The field table's key for a name an editor wrote (unknown names stay as written)."""
    f = FIELDS_BY_NAME.get(key)
    return f.key if f else key


def _deep_hint(key: str) -> str:
    """What a value nested too deep should be: the tables' fields are nested by design, and were told a value can
    only be a text, a date, a number or a list of them (a review)."""
    f = FIELDS_BY_NAME.get(key)
    if f is not None and f.type in (FieldType.STATISTICS, FieldType.FIGURES):
        guide = "年度报告" if f.type is FieldType.STATISTICS else "部门预算和部门决算"
        return (f"{f.display}每一部分下面每行写一项：名称: 数字，或 名称: [数字, 数字, …]（数字之间用英文逗号）；"
                f"方括号中不要再写冒号或括号。见编辑指南《{guide}》一节的示例。")
    return "字段的取值只能是一段文字、一个日期、一个数字，或由这些组成的列表。"


_NUMBER = r"\d+(?:\.\d+)?"
"""A figure as a statistics or figures cell holds it."""


class _Walker:
    """Turns composed YAML nodes into Entries, refusing aliases and depth."""

    def __init__(self, path: str, front: list[str]):
        self.path = path
        self.front = front
        self.seen: set[int] = set()
        self.problems: list[Problem] = []
        self.key_line = 1
        self.refused = False
        self._constructor = yaml.SafeLoader("")  # only its scalar constructors are used

    def mapping_entries(self, root: yaml.MappingNode) -> tuple[list[Entry] | None, list[Problem]]:
        entries: list[Entry] = []
        first_line: dict[str, int] = {}
        for key_node, value_node in root.value:
            line = key_node.start_mark.line + 2
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(problem("front-matter-not-mapping", self.path, line, None,
                                             f"第 {line} 行的字段名不是一个简单的名称。",
                                             "字段名写成 title、发布日期 这样的单个词。"))
                continue
            key = str(key_node.value).strip()
            if key in first_line:
                self.problems.append(problem(
                    "yaml-duplicate-key", self.path, line, _canonical(key),
                    f"字段「{key}」写了两次（第 {first_line[key]} 行和第 {line} 行）。",
                    "删去其中一行，只保留正确的那个取值。"))
                continue
            first_line[key] = line
            self.key_line = line
            value = self.value(value_node, key, 1, first=key_node.start_mark.line)
            if self.refused:
                value, self.refused = UNREADABLE, False
            entries.append(Entry(key, line, value))
        # Duplicate keys and aliases are errors, but the rest of the file is
        # still validated (with the first value) so every problem shows at once.
        return entries, self.problems

    def value(self, node: yaml.Node, key: str, depth: int, first: int | None = None):
        """The value of ``node``; ``first`` is the line (from 0) a scalar's ``wrapped`` text starts on,
        its key's line for a field's own value and its own line for a list item."""
        line = node.start_mark.line + 2
        if id(node) in self.seen:
            self._alias(key, self.key_line)
            self.refused = True
            return None
        self.seen.add(id(node))
        if depth > _MAX_DEPTH:
            self.refused = True
            self.problems.append(problem("yaml-too-deep", self.path, line, _canonical(key),
                                         f"字段「{key}」的取值嵌套层数过多。", _deep_hint(key)))
            return None
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _STR and not node.value and not node.style:
                return None
            if node.tag == "tag:yaml.org,2002:null":
                return None
            if node.style == '"' and _ESCAPED.search(node.value):
                self._escaped(node, key, line)
            return Scalar(node.value, self._scalar_value(node), line, bool(node.style),
                          self._wrapped(node, node.start_mark.line if first is None else first))
        if isinstance(node, yaml.SequenceNode):
            return [self._colon_item(item, key) or self.value(item, key, depth + 1) for item in node.value]
        mapping = Block()
        if self._set_like(node):  # {12, 3, 1, 0, 2, 1, 19}: a list in braces, its repeated numbers no key written
            # twice (a review: "「1」写了两次，删去其中一行" for a row with no such line)
            mapping.braces = tuple(self.value(k, key, depth + 1) for k, _ in node.value)
        for k, v in node.value:
            name = str(getattr(k, "value", ""))
            mapping.lines.setdefault(name, k.start_mark.line + 2)
            if name in mapping and mapping.braces is not None:
                continue
            if name in mapping:  # YAML would silently keep the last: a figure given twice is an error
                n = k.start_mark.line + 2
                self.problems.append(problem(
                    "yaml-duplicate-key", self.path, n, _canonical(key),
                    f"字段「{key}」中的「{name}」写了两次（第 {n} 行又写了一次）。",
                    "删去其中一行，只保留正确的那个取值。"))
                continue
            mapping[name] = self.value(v, key, depth + 1)
        return mapping

    def _set_like(self, node: yaml.MappingNode) -> bool:
        """Whether ``node`` is items in braces with no ``:`` (``{12, 3, 1}``), YAML's way of writing a set: a list
        typed with the braces of the rows above it (规章: {本年制发: 0, …})."""
        if not node.flow_style or not node.value:
            return False
        for k, v in node.value:
            if not (isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode)
                    and v.tag == "tag:yaml.org,2002:null" and not v.value):
                return False
            if k.end_mark.line != v.start_mark.line or ":" in self.front[k.end_mark.line][k.end_mark.column:
                                                                                          v.start_mark.column]:
                return False  # {本年制发: , …}: a name whose figure is left empty
        return True

    def _colon_item(self, node: yaml.Node, key: str) -> Scalar | None:
        """A number pair in a one-line list of a table's figures read by YAML as a ``key: value`` item (``[1, 0, 0:
        1]``, a colon typed for the last comma): the item as written, for the field's reader to name the colon.  It
        had said the value was nested too deep, and that a value can only be a text or a list (a review: for 统计数据).
        In a list of words (keywords: [春运, 2024: 1]) it stays the pair the field's check refuses."""
        f = FIELDS_BY_NAME.get(key)
        if f is None or f.type not in (FieldType.STATISTICS, FieldType.FIGURES):
            return None
        if not (isinstance(node, yaml.MappingNode) and node.flow_style and len(node.value) == 1):
            return None
        k, v = node.value[0]
        start, end = node.start_mark, node.end_mark
        if not (isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode) and not k.style and not v.style
                and start.line == end.line and re.fullmatch(_NUMBER, k.value) and re.fullmatch(_NUMBER, v.value)):
            return None
        written = self.front[start.line][start.column:end.column].strip()
        if written.startswith("{"):
            return None  # [1, {0: 1}]: braces written on purpose
        return Scalar(written, written, start.line + 2, False)

    def _wrapped(self, node: yaml.ScalarNode, first: int) -> tuple[int, str] | None:
        start, end = node.start_mark, node.end_mark
        # A block scalar ends at the start (column 0) of the line after its last.
        last = end.line - 1 if end.column == 0 and end.line > start.line else end.line
        if last == first and not (node.style == '"' and "\n" in node.value):
            return None
        block = node.style in ("|", ">")  # its first line is the header: indicator and comment
        lines = []
        for i in range(first, last + 1):
            line = self.front[i][:end.column] if i == end.line else self.front[i]
            if i < start.line or (block and i == start.line):
                line = ""
            elif i == start.line:
                line = line[start.column:]
            lines.append(line.strip())
        return first + 2, "\n".join(lines)  # +1 for 1-based lines, +1 for the opening ---

    def _escaped(self, node: yaml.ScalarNode, key: str, line: int) -> None:
        """A control character made by an escape in double quotes (``"\\fileserver\\budget"`` written
        with single backslashes: ``\\b`` is a backspace, ``\\a`` a bell): no line of the file shows it,
        and the feeds and pages cannot hold it (the build stopped with a traceback while check passed:
        found by a review)."""
        bad = _ESCAPED.search(node.value).group(0)
        self.refused = True
        self.problems.append(problem(
            "unusual-character", self.path, line, _canonical(key),
            f"字段「{key}」用双引号括起的取值中，反斜杠 \\ 和后面的字母被 YAML 读成了控制字符{char_name(bad)}"
            "（例如 \\b 是退格，\\a 是响铃），元数据中不允许出现。",
            "取值中要写反斜杠（如网络路径）时，改用单引号括起取值：'\\\\fileserver\\budget'，"
            "或在双引号中把每个反斜杠写两次：\\\\。"))

    def _alias(self, key: str, line: int) -> None:
        self.problems.append(problem(
            "yaml-alias", self.path, line, key,
            f"第 {line} 行使用了 YAML 别名（*名称），记录中不允许这样写。",
            "去掉 & 和 * 标记，把取值直接写出来。"))

    def _scalar_value(self, node: yaml.ScalarNode) -> object:
        # Timestamps stay text: PyYAML raises on 2024-02-30, and the date parser
        # gives a better message.  Other tags use YAML's own rules.
        if node.tag in (_STR, _TIMESTAMP) or not node.tag.startswith("tag:yaml.org,2002:"):
            return node.value
        try:
            return self._constructor.construct_object(node)
        except (yaml.YAMLError, ValueError, TypeError):
            return node.value
