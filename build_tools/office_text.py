"""Every text an Office, OFD or ZIP attachment carries, place by place, for the privacy check.

A 公示 list goes out as often in a Word or Excel file as in a PDF, and the
file is published byte for byte: what a reader of the file can find in it is
published, not only what Word or Excel shows.  So this reads the text of
*every* part of the file, and says where each stands in words an editor
finds it by:

- **ZIP packages** (DOCX, XLSX, PPTX, ODT, ODS, OFD; WPS and ET of WPS
  Office 2013 on; a ZIP archive's members, and files embedded in any of
  them, such as the workbook behind a chart in a Word file): the character
  data of every XML part, in document order (``xml.parsers.expat``), cut
  where the format separates (a paragraph, a cell, a line break, a tab), so
  that two cells never read as one number.  A workbook's cells are read one
  by one and named by sheet and cell (工作表「名单」的 C5 格), with hidden
  sheets, rows and columns said to be hidden; a Word file's text deleted
  with track changes on (still in the file) is its own passage.
- **OLE compound files** (DOC, XLS, PPT; WPS and ET before 2013): a
  workbook by its cells (xlrd, numbers stored as numbers included), every
  other file by the text in its streams (olefile), read as UTF-16 and as
  single bytes, the two ways Office stores characters.
- **RTF** (a ``.doc`` saved as RTF): the text with the control words out.

Each :class:`Passage` says how its digits were laid down: typed (a person
typed them as they stand: ``139 1234 5678`` is one number) or laid out (an
OFD's text placed on a page, where cells of a table sit side by side, read
as a PDF's text).  A file that cannot be read says why
(:class:`NotReadable`), so that the check can say it was not checked.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from xml.parsers import expat

from .attachments import MAX_TEXT_BYTES

MAX_DEPTH = 3
"""Files inside files (a ZIP's workbook, the workbook embedded in it) read this deep."""

_APART = "\x00"
"""Stands between texts that never join into one number (two cells, two paragraphs' ends)."""


@dataclass(frozen=True)
class Passage:
    where: str
    """Where in the attachment, in words: 工作表「名单」的 C5 格, 正文, 批注, 第 2 张幻灯片 …"""
    text: str
    laid_out: bool = False
    """Text placed on a page (OFD), whose table cells stand side by side with a space between."""


class NotReadable(Exception):
    """The attachment's text cannot be read; ``args[0]`` says why, in words for the editor."""


class _Budget:
    """Bytes left to decompress for one attachment (a ZIP bomb stops here, not the build), and what the
    reader looks for."""

    def __init__(self, wanted: Callable[[str], bool] | None) -> None:
        self.left = MAX_TEXT_BYTES
        self.wanted = wanted

    def read(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
        if info.file_size > self.left:
            raise NotReadable(f"解压后大于 {MAX_TEXT_BYTES >> 20} MB")
        try:
            with archive.open(info) as f:
                data = f.read(self.left + 1)
        except RuntimeError as exc:  # zipfile: a member that needs a password
            raise NotReadable("有密码保护") from exc
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise NotReadable(f"已损坏（{type(exc).__name__}）") from exc
        if len(data) > self.left:
            raise NotReadable(f"解压后大于 {MAX_TEXT_BYTES >> 20} MB")
        self.left -= len(data)
        return data


def passages(data: bytes, ext: str, wanted: Callable[[str], bool] | None = None) -> Iterator[Passage]:
    """The texts of an attachment of type ``ext`` (its extension, lower case); raises
    :class:`NotReadable`.  Types without text of their own (images, audio, video) give none.

    ``wanted``: whether a text may hold what the caller looks for; a workbook's sheets whose cells
    cannot (no wanted string, no long run of digits) are then not read cell by cell."""
    yield from _passages(data, ext, "", 0, _Budget(wanted))


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_TEXT_TYPES = ("csv", "txt")


def _passages(data: bytes, ext: str, prefix: str, depth: int, budget: _Budget) -> Iterator[Passage]:
    if data.startswith(_ZIP):
        yield from _zip_passages(data, prefix, depth, budget)
    elif data.startswith(_OLE):
        yield from _ole_passages(data, ext, prefix)
    elif data.startswith(b"{\\rtf"):
        yield Passage(prefix + "文字", _rtf_text(data))


# --- ZIP packages -------------------------------------------------------------------------------

_PACKAGES = frozenset({"docx", "docm", "dotx", "xlsx", "xlsm", "xltx", "pptx", "pptm", "odt", "ods", "odp", "ofd",
                       "wps", "et", "dps", "zip", "doc", "xls", "ppt", "bin", "pdf", "csv", "txt"})
"""Members of a package read for text (by extension); others (images, fonts, media) are not text."""


def _zip_passages(data: bytes, prefix: str, depth: int, budget: _Budget) -> Iterator[Passage]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise NotReadable(f"已损坏（{type(exc).__name__}）") from exc
    with archive:
        members = [i for i in archive.infolist() if not i.is_dir()]
        names = {i.filename for i in members}
        workbook = _workbook_sheets(archive, names, budget) if "xl/workbook.xml" in names else {}
        amounts = _amount_styles(budget.read(archive, archive.getinfo("xl/styles.xml"))) \
            if workbook and "xl/styles.xml" in names else frozenset()
        shared: list[str] = []
        if "xl/sharedStrings.xml" in names:
            shared = _shared_strings(budget.read(archive, archive.getinfo("xl/sharedStrings.xml")))
        used: set[int] = set()
        wanted = budget.wanted
        maybe = bool(shared) and (wanted is None or any(map(wanted, shared)))
        for info in members:
            name = info.filename
            ext = name.rsplit(".", 1)[-1].lower() if "." in posixpath.basename(name) else ""
            if name == "xl/sharedStrings.xml":
                continue
            if name in workbook:
                sheet, hidden = workbook[name]
                data = budget.read(archive, info)
                if not maybe and wanted is not None and not _MAYBE_IN_SHEET.search(data):
                    used.update(range(len(shared)))  # none of them is wanted: none is reported unshown
                    continue
                yield from _sheet_passages(data, shared, used, amounts, prefix, sheet, hidden)
            elif ext in ("xml", "rels", "vml"):
                yield from _xml_passages(budget.read(archive, info), prefix, name)
            elif ext in _PACKAGES:
                if depth >= MAX_DEPTH:
                    raise NotReadable(f"其中的 {name} 套得太深（文件里的文件超过 {MAX_DEPTH} 层）")
                inner = budget.read(archive, info)
                where = f"{prefix}其中的 {name} "
                if ext in _TEXT_TYPES:
                    from .search.text import decode_text
                    yield Passage(where + "文字", decode_text(inner).replace("\t", _APART))
                elif ext == "pdf" and inner.startswith(b"%PDF-"):
                    yield from _pdf_passages(inner, where)
                else:
                    yield from _passages(inner, ext, where, depth + 1, budget)
        unused = [text for i, text in enumerate(shared) if i not in used]
        if unused:  # strings kept in the file that no cell shows (a cell since cleared, another tool's)
            yield Passage(prefix + "保存在文件里、没有显示在任何单元格中的文字", _APART.join(unused))


_MAYBE_IN_SHEET = re.compile(rb"\d{11}|inlineStr|\bt=[\"']str[\"']")
"""What a sheet's XML holds where a cell may hold a number: a long number, a string of its own."""


def _pdf_passages(data: bytes, where: str) -> Iterator[Passage]:
    from .search.text import pdf_pages
    try:
        pages = pdf_pages(data)
    except Exception as exc:  # pypdf raises many kinds for a broken file
        raise NotReadable(f"{where}无法读取（{type(exc).__name__}）") from exc
    for n, text in enumerate(pages, start=1):
        yield Passage(f"{where}第 {n} 页", text, laid_out=True)


_PARTS = (  # where a part's text stands, in Word's, Excel's and PowerPoint's words
    (re.compile(r"word/document\d*\.xml"), "正文"),
    (re.compile(r"word/header\d*\.xml"), "页眉"),
    (re.compile(r"word/footer\d*\.xml"), "页脚"),
    (re.compile(r"word/(?:comments\w*|people)\.xml"), "批注"),
    (re.compile(r"word/footnotes\.xml"), "脚注"),
    (re.compile(r"word/endnotes\.xml"), "尾注"),
    (re.compile(r"(?:word|xl|ppt)/charts/.*"), "图表"),
    (re.compile(r"xl/comments\d*\.xml|xl/threadedComments/.*"), "批注"),
    (re.compile(r"xl/pivotCache/.*"), "数据透视表的缓存（即使原来的数据已经删去）"),
    (re.compile(r"ppt/slides/slide(\d+)\.xml"), "第 {} 张幻灯片"),
    (re.compile(r"ppt/notesSlides/notesSlide(\d+)\.xml"), "第 {} 张幻灯片的备注"),
    (re.compile(r"docProps/.*"), "文件属性"),
    (re.compile(r"(?:.*/)?_rels/.*\.rels"), "文件内部记下的链接地址"),
    (re.compile(r"content\.xml"), "正文"),
    (re.compile(r"meta\.xml"), "文件属性"),
    (re.compile(r"Doc_\d+/Pages/Page_(\d+)/Content\.xml"), "第 {} 页"),
)


def _part_name(name: str) -> str:
    for pattern, words in _PARTS:
        m = pattern.fullmatch(name)
        if m:
            return words.format(int(m.group(1)) + (1 if name.startswith("Doc_") else 0)) if m.groups() else words
    return f"内部的 {name}"


_SEPARATE = frozenset({
    # Word: paragraph, cell, breaks, tab; Excel: cell, string; PowerPoint: paragraph, break;
    # OpenDocument: paragraph, heading, cell, breaks, tab; OFD: a text object
    "p", "tc", "br", "cr", "tab", "c", "si", "h", "table-cell", "line-break", "TextObject", "Relationship",
})
_DELETED = frozenset({"delText", "delInstrText"})
_LAID_OUT = re.compile(r"Doc_\d+/.*")


def _xml_passages(data: bytes, prefix: str, name: str) -> Iterator[Passage]:
    where = prefix + _part_name(name)
    shown: list[str] = []
    deleted: list[str] = []
    into = [shown]
    pivot = name.startswith("xl/pivotCache/")

    def start(tag: str, attrs: dict[str, str]) -> None:
        local = tag.rpartition(" ")[2]
        if local in _DELETED:
            into.append(deleted)
        elif local == "Relationship":  # a link's address (tel:, mailto: …) is kept in the file
            shown.append(attrs.get("Target", ""))
        elif pivot and "v" in attrs:  # a pivot table's cache keeps its source's values as attributes
            shown.append(attrs["v"] + _APART)
        elif local == "s" and tag.startswith("urn:oasis:names:tc:opendocument"):
            shown.append(" " * int(attrs.get("urn:oasis:names:tc:opendocument:xmlns:text:1.0 c", "1") or 1))

    def end(tag: str) -> None:
        local = tag.rpartition(" ")[2]
        if local in _DELETED:
            into.pop()
            deleted.append(_APART)
        elif local in _SEPARATE:
            into[-1].append(_APART)

    _parse(data, start, end, lambda text: into[-1].append(text), name)
    laid_out = bool(_LAID_OUT.fullmatch(name))
    if any(map(str.strip, shown)):
        yield Passage(where, "".join(shown), laid_out)
    if any(map(str.strip, deleted)):
        yield Passage(where + "里修订时删去的文字（仍保存在文件里，显示修订即可看到）", "".join(deleted))


def _parse(data: bytes, start, end, text, name: str) -> None:
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.buffer_text = True
    try:
        parser.Parse(data, True)
    except (expat.ExpatError, ValueError) as exc:
        raise NotReadable(f"其中的 {name} 已损坏（{exc}）") from exc


# --- workbooks ----------------------------------------------------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"
_REL_ID = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships id",
           "http://purl.oclc.org/ooxml/officeDocument/relationships id")


def _workbook_sheets(archive: zipfile.ZipFile, names: set[str], budget: _Budget) -> dict[str, tuple[str, str]]:
    """Part name → (sheet name, "隐藏的" or ""), from the workbook and its relationships."""
    targets: dict[str, str] = {}
    if "xl/_rels/workbook.xml.rels" in names:
        def rel(tag: str, attrs: dict[str, str]) -> None:
            if tag.endswith("Relationship") and "Id" in attrs:
                target = attrs.get("Target", "")
                targets[attrs["Id"]] = (target.lstrip("/") if target.startswith("/")
                                        else posixpath.normpath(posixpath.join("xl", target)))
        _parse(budget.read(archive, archive.getinfo("xl/_rels/workbook.xml.rels")), rel, lambda tag: None,
               lambda text: None, "xl/_rels/workbook.xml.rels")
    sheets: dict[str, tuple[str, str]] = {}

    def sheet(tag: str, attrs: dict[str, str]) -> None:
        if tag.rpartition(" ")[2] != "sheet":
            return
        part = targets.get(next((attrs[k] for k in _REL_ID if k in attrs), ""))
        if part:
            hidden = "隐藏的" if attrs.get("state") in ("hidden", "veryHidden") else ""
            sheets[part] = (attrs.get("name", part), hidden)
    _parse(budget.read(archive, archive.getinfo("xl/workbook.xml")), sheet, lambda tag: None, lambda text: None,
           "xl/workbook.xml")
    return sheets


def _shared_strings(data: bytes) -> list[str]:
    strings: list[str] = []
    current: list[str] = []
    depth = [0]

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag.rpartition(" ")[2] == "si":
            current.clear()
            depth[0] += 1

    def end(tag: str) -> None:
        if tag.rpartition(" ")[2] == "si":
            strings.append("".join(current))
            depth[0] -= 1

    def text(data: str) -> None:
        if depth[0]:
            current.append(data)
    _parse(data, start, end, text, "xl/sharedStrings.xml")
    return strings


_AMOUNT_FORMATS = frozenset({2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 37, 38, 39, 40, 41, 42, 43, 44})
"""Excel's built-in number formats with decimals, thousands separators, a currency or a per cent."""


def is_amount_format(code: str) -> bool:
    """Whether a number format shows an amount: decimals, thousands, a currency, a per cent or an
    exponent (a mobile number's cell is General, 0 or text)."""
    code = _NOT_SHOWN.sub("", code)
    return any(mark in code for mark in (",", ".", "%", "¥", "￥", "$", "元", "E+", "e+"))


_NOT_SHOWN = re.compile(r'\\.|\[(?!\$[^-\]])[^\]]*\]')
"""An escaped character, and a bracket that shows nothing: a colour, a condition, a locale ([$-804])."""


def _amount_styles(data: bytes) -> frozenset[int]:
    """Indexes of the cell styles (``cellXfs``) whose number format shows an amount."""
    custom: dict[int, str] = {}
    formats: list[int] = []
    inside = [False]

    def start(tag: str, attrs: dict[str, str]) -> None:
        local = tag.rpartition(" ")[2]
        if local == "numFmt" and attrs.get("numFmtId", "").isdigit():
            custom[int(attrs["numFmtId"])] = attrs.get("formatCode", "")
        elif local == "cellXfs":
            inside[0] = True
        elif local == "xf" and inside[0]:
            formats.append(int(attrs["numFmtId"]) if attrs.get("numFmtId", "").isdigit() else 0)

    def end(tag: str) -> None:
        if tag.rpartition(" ")[2] == "cellXfs":
            inside[0] = False
    _parse(data, start, end, lambda text: None, "xl/styles.xml")
    return frozenset(i for i, f in enumerate(formats)
                     if (is_amount_format(custom[f]) if f in custom else f in _AMOUNT_FORMATS))


_CELL = re.compile(r"([A-Z]{1,3})(\d+)")


def column_name(n: int) -> str:
    """A column's letters from its number (1 → A, 28 → AB)."""
    letters = ""
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    return letters


def _column_number(letters: str) -> int:
    n = 0
    for c in letters:
        n = n * 26 + ord(c) - 64
    return n


def _sheet_passages(data: bytes, shared: list[str], used: set[int], amounts: frozenset[int], prefix: str,
                    sheet: str, hidden_sheet: str) -> Iterator[Passage]:
    """One passage per cell that holds text, named by its sheet and address; a number shown as an
    amount (``amounts``: its style's) is no person's number, as 13,912,345,678.00 on a page is not."""
    hidden_columns: set[int] = set()
    cells: list[tuple[str, str]] = []
    state = {"row": 0, "row_hidden": False, "col": 0, "type": "", "amount": False, "in": None}
    value: list[str] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        local = tag.rpartition(" ")[2]
        if local == "col" and attrs.get("hidden") in ("1", "true"):
            first, last = int(attrs.get("min", "0") or 0), int(attrs.get("max", "0") or 0)
            if last - first < 16384:
                hidden_columns.update(range(first, last + 1))
        elif local == "row":
            state["row"] = int(attrs["r"]) if attrs.get("r", "").isdigit() else state["row"] + 1
            state["row_hidden"] = attrs.get("hidden") in ("1", "true")
            state["col"] = 0
        elif local == "c":
            m = _CELL.fullmatch(attrs.get("r", ""))
            state["col"] = _column_number(m.group(1)) if m else state["col"] + 1
            state["type"] = attrs.get("t", "n")
            state["amount"] = state["type"] == "n" and attrs.get("s", "0").isdigit() \
                and int(attrs.get("s", "0")) in amounts
            value.clear()
        elif local in ("v", "is"):
            state["in"] = local

    def end(tag: str) -> None:
        local = tag.rpartition(" ")[2]
        if local in ("v", "is"):
            state["in"] = None
        elif local == "c" and value and not state["amount"]:
            text = "".join(value)
            if state["type"] == "s":
                try:
                    index = int(text)
                    text = shared[index]
                    used.add(index)
                except (ValueError, IndexError):
                    pass
            if text.strip():
                hidden = [w for w, h in (("行", state["row_hidden"]), ("列", state["col"] in hidden_columns)) if h]
                note = f"（隐藏的{'、'.join(hidden)}）" if hidden else ""
                cells.append((f"{column_name(state['col'])}{state['row']} 格{note}", text))

    def text(data: str) -> None:
        if state["in"]:
            value.append(data)
    _parse(data, start, end, text, sheet)
    where = f"{prefix}{hidden_sheet}工作表「{sheet}」的 "
    for address, text in cells:
        yield Passage(where + address, text)


# --- OLE compound files (Office 97–2003, WPS before 2013) and RTF --------------------------------

def _ole_passages(data: bytes, ext: str, prefix: str) -> Iterator[Passage]:
    import olefile

    try:
        ole = olefile.OleFileIO(data)
    except Exception as exc:  # olefile raises OSError and its own kinds for a broken file
        raise NotReadable(f"已损坏（{type(exc).__name__}）") from exc
    with ole:
        streams = ["/".join(path) for path in ole.listdir(streams=True, storages=False)]
        if "EncryptedPackage" in streams or "EncryptionInfo" in streams:
            raise NotReadable("有密码保护")
        if "Workbook" in streams or "Book" in streams:
            yield from _xls_passages(data, prefix)
            return
        for name in streams:
            try:
                stream = ole.openstream(name).read(MAX_TEXT_BYTES + 1)
            except Exception as exc:
                raise NotReadable(f"其中的 {name} 已损坏（{type(exc).__name__}）") from exc
            if len(stream) > MAX_TEXT_BYTES:
                raise NotReadable(f"其中的 {name} 大于 {MAX_TEXT_BYTES >> 20} MB")
            if name == "WordDocument" and len(stream) > 11 and stream[11] & 0x01:  # fEncrypted in the FIB
                raise NotReadable("有密码保护")
            text = _stream_text(stream)
            if _DIGIT.search(text):
                yield Passage(f"{prefix}文字（{name}）", text)


_DIGIT = re.compile(r"\d")


def _stream_text(stream: bytes) -> str:
    """A stream as text three ways, each apart from the next: UTF-16 at either byte parity and single
    bytes.  What is not text reads as other characters, never as a run of digits."""
    parts = [stream[parity:len(stream) - (len(stream) - parity) % 2].decode("utf-16-le", errors="replace")
             for parity in (0, 1)]
    parts.append(stream.decode("latin-1"))
    return _APART.join(parts).replace("\r", "\n")


def _xls_passages(data: bytes, prefix: str) -> Iterator[Passage]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, logfile=io.StringIO(),
                                  on_demand=True)
    except Exception as exc:  # xlrd.XLRDError and struct errors for a broken file
        words = "有密码保护" if "encrypted" in str(exc).lower() else f"无法按单元格读取（{type(exc).__name__}）"
        raise NotReadable(words) from exc
    with book:
        for index in range(book.nsheets):
            sheet = book.get_sheet(index)
            hidden_sheet = "隐藏的" if sheet.visibility else ""
            where = f"{prefix}{hidden_sheet}工作表「{sheet.name}」的 "
            for row in range(sheet.nrows):
                row_hidden = bool(getattr(sheet.rowinfo_map.get(row), "hidden", 0))
                for col, cell in enumerate(sheet.row(row)):
                    if cell.ctype == xlrd.XL_CELL_TEXT:
                        text = cell.value
                    elif cell.ctype == xlrd.XL_CELL_NUMBER:
                        if _xls_amount(book, cell.xf_index):
                            continue
                        text = str(int(cell.value)) if float(cell.value).is_integer() else repr(cell.value)
                    else:
                        continue
                    if not text.strip():
                        continue
                    hidden = [w for w, h in (("行", row_hidden),
                                             ("列", bool(getattr(sheet.colinfo_map.get(col), "hidden", 0)))) if h]
                    note = f"（隐藏的{'、'.join(hidden)}）" if hidden else ""
                    yield Passage(f"{where}{column_name(col + 1)}{row + 1} 格{note}", text)
            book.unload_sheet(index)


def _xls_amount(book, xf_index: int) -> bool:
    try:
        key = book.xf_list[xf_index].format_key
        fmt = book.format_map[key]
    except (IndexError, KeyError, TypeError):
        return False
    return is_amount_format(fmt.format_str)


_RTF_CONTROL = re.compile(rb"\\'[0-9a-fA-F]{2}|\\u-?\d+ ?\??|\\[a-zA-Z]+-?\d* ?|\\[^a-zA-Z]|[{}\r\n]")


def _rtf_text(data: bytes) -> str:
    """An RTF file's characters: \\uN read, other control words and groups out (a number split by a
    formatting change, ``139{\\b 1234}5678``, reads as one, as Word shows it)."""
    def control(m: re.Match) -> bytes:
        word = m.group()
        if word.startswith(b"\\u") and word[2:3].strip(b"-").isdigit():
            code = int(word[2:].rstrip(b" ?")) % 65536
            return chr(code).encode("utf-8")
        if word == b"\\par" or word.startswith((b"\\par ", b"\\line", b"\\cell", b"\\row", b"\\tab")):
            return b"\n"
        return b""
    return _RTF_CONTROL.sub(control, data).decode("utf-8", errors="replace")
