"""Workbooks cell by cell: Excel 2007 on (its sheets' XML), OpenDocument spreadsheets and Excel 97
(xlrd); a number whose cell shows it as an amount is none."""

from __future__ import annotations

import bisect
import io
import re
import zipfile
from collections.abc import Callable, Iterator

from .parse import MAX_SPACES, ODF_TEXT, ODF_OFFICE, ODF_TABLE, parse_xml
from .passage import APART, NotReadable, Passage, ignore


REL_ID = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships id",
           "http://purl.oclc.org/ooxml/officeDocument/relationships id")


def shared_strings(data: bytes) -> list[str]:
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
    parse_xml(data, start, end, text, "xl/sharedStrings.xml")
    return strings


AMOUNT_FORMATS = frozenset({2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 37, 38, 39, 40, 41, 42, 43, 44})
"""Excel's built-in number formats with decimals, thousands separators, a currency or a per cent."""


def is_amount_format(code: str) -> bool:
    """Whether a number format shows an amount: decimals, thousands, a currency, a per cent or an
    exponent (a mobile number's cell is General, 0 or text)."""
    code = _NOT_SHOWN.sub("", code)
    quoted = "".join(_QUOTED.findall(code))  # text a format shows around the number: "Tel."0, 0"元"
    code = _QUOTED.sub("", code)
    return any(mark in code for mark in (",", ".", "%", "¥", "￥", "$", "E+", "e+")) or \
        any(unit in quoted for unit in ("元", "¥", "￥", "$", "%"))


_NOT_SHOWN = re.compile(r'\\.|\[(?!\$[^-\]])[^\]]*\]')
_QUOTED = re.compile(r'"([^"]*)"')
"""An escaped character, and a bracket that shows nothing: a colour, a condition, a locale ([$-804])."""


def amount_styles(data: bytes) -> tuple[frozenset[int], frozenset[int]]:
    """Indexes of the cell styles (``cellXfs``) whose number format shows an amount, and the ids of
    the number formats that do (a pivot table's fields name theirs)."""
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
    parse_xml(data, start, end, ignore, "xl/styles.xml")
    ids = frozenset(f for f, code in custom.items() if is_amount_format(code)) | (AMOUNT_FORMATS - custom.keys())
    return frozenset(i for i, f in enumerate(formats) if f in ids), ids


_CELL = re.compile(r"([A-Z]{1,3})(\d+)")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_LITERAL = re.compile(r'"((?:[^"]|"")*)"')
_SHEET_FORMULAS = frozenset({"formula1", "formula2", "formula"})
_HEADER_FOOTER = frozenset({"oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter"})


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


def cell_number(value: str) -> str:
    """A number as a cell stores it, as a person's number would read: a whole number as its digits
    (13912345678, or 1.3912345678E10 as Apache POI writes a double), a fraction as nothing (an average,
    a ratio: 13912345678.333 is no person's number); any other text as it is."""
    stripped = value.strip()
    if not _NUMBER.fullmatch(stripped):
        return value
    try:
        number = float(stripped)
    except ValueError:
        return value
    if not number.is_integer():
        return ""
    return str(int(number)) if abs(number) < 1e17 else value


class _Ranges:
    """Hidden columns as merged ranges (a sheet may declare thousands of overlapping ones)."""

    def __init__(self) -> None:
        self.pending: list[tuple[int, int]] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, first: int, last: int) -> None:
        self.pending.append((first, last))

    def merge(self) -> None:
        merged: list[list[int]] = []
        for first, last in sorted(self.pending):
            if merged and first <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], last)
            else:
                merged.append([first, last])
        self.pending.clear()
        self.starts = [m[0] for m in merged]
        self.ends = [m[1] for m in merged]

    def __contains__(self, n: int) -> bool:
        i = bisect.bisect_right(self.starts, n) - 1
        return i >= 0 and n <= self.ends[i]


def sheet_passages(data: bytes, shared: list[str], used: set[int], amounts: frozenset[int], prefix: str,
                    sheet: str, hidden_sheet: str) -> Iterator[Passage]:
    """One passage per cell that holds text, named by its sheet and address, and the sheet's page
    headers and footers; a number shown as an amount (``amounts``: its style's) is no person's number,
    as 13,912,345,678.00 on a page is not."""
    hidden_columns = _Ranges()
    cells: list[tuple[str, str, str]] = []  # (address, text, its column's heading)
    headings: dict[int, str] = {}  # column → its first cell's text
    headers: list[str] = []
    extras: list[str] = []  # a drop-down list's choices, a condition's formula, a link's text and tip
    state = {"row": 0, "row_hidden": False, "col": 0, "type": "", "amount": False, "in": None}
    value: list[str] = []
    formula: list[str] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        local = tag.rpartition(" ")[2]
        if local == "col" and attrs.get("hidden") in ("1", "true"):
            first, last = attrs.get("min", ""), attrs.get("max", "")
            if first.isdigit() and last.isdigit():
                hidden_columns.add(int(first), int(last))
        elif local == "sheetData":
            hidden_columns.merge()
        elif local == "row":
            state["row"] = int(attrs["r"]) if attrs.get("r", "").isdigit() else state["row"] + 1
            state["row_hidden"] = attrs.get("hidden") in ("1", "true")
            state["col"] = 0
        elif local == "c":
            m = _CELL.fullmatch(attrs.get("r", ""))
            state["col"] = _column_number(m.group(1)) if m else state["col"] + 1
            state["type"] = attrs.get("t", "n")
            style = attrs.get("s", "0")
            state["amount"] = state["type"] == "n" and style.isdigit() and int(style) in amounts
            value.clear()
            formula.clear()
        elif local in ("v", "is", "f") or local in _HEADER_FOOTER or local in _SHEET_FORMULAS:
            state["in"] = local
        elif local == "hyperlink":
            extras.extend(APART + attrs.get(key, "") for key in ("display", "tooltip"))

    def end(tag: str) -> None:
        local = tag.rpartition(" ")[2]
        if local in ("v", "is", "f") or local in _HEADER_FOOTER or local in _SHEET_FORMULAS:
            state["in"] = None
            if local in _HEADER_FOOTER:
                headers.append(APART)
            elif local in _SHEET_FORMULAS:
                extras.append(APART)
        elif local == "c" and not state["amount"]:
            text = "".join(value)
            if state["type"] == "s":
                try:
                    index = int(text)
                    text = shared[index]
                    used.add(index)
                except (ValueError, IndexError):
                    pass
            elif state["type"] == "n":
                text = cell_number(text)
            if not text.strip() and formula:  # a formula not yet computed: what Excel will show
                text = "".join(m.group(1).replace('""', '"') for m in _LITERAL.finditer("".join(formula)))
            if text.strip():
                hidden = [w for w, h in (("行", state["row_hidden"]), ("列", state["col"] in hidden_columns)) if h]
                note = f"（隐藏的{'、'.join(hidden)}）" if hidden else ""
                heading = headings.setdefault(state["col"], text)
                cells.append((f"{column_name(state['col'])}{state['row']} 格{note}", text,
                              "" if heading is text else heading))

    def text(data: str) -> None:
        where = state["in"]
        if where == "f":
            formula.append(data)
        elif where in ("v", "is"):
            value.append(data)
        elif where in _SHEET_FORMULAS:
            extras.append(data)
        elif where is not None:
            headers.append(data)
    parse_xml(data, start, end, text, sheet)
    where = f"{prefix}{hidden_sheet}工作表「{sheet}」的 "
    for address, text, heading in cells:
        yield Passage(where + address, text, heading=heading)
    if any(map(str.strip, headers)):
        yield Passage(where + "页眉或页脚", "".join(headers))
    if any(map(str.strip, extras)):
        yield Passage(where + "数据验证、条件格式或链接", "".join(extras))




_NUMBER_STYLE = "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"


def ods_passages(data: bytes, prefix: str, styles: bytes = b"") -> Iterator[Passage]:
    """An OpenDocument spreadsheet's cells, named by sheet and address (repeated rows and columns
    counted, never walked), with a number's stored value as well as its shown text; a number whose
    cell's style shows an amount (decimals, thousands, a currency, a per cent; or a style mapping to
    one, as an accounting format's text style does) is none, as in Excel.  ``styles``: the package's
    styles.xml, where LibreOffice puts the data styles of a workbook it converted."""
    cells: list[tuple[str, str, str]] = []  # sheet, address, text
    others: list[str] = []
    state = {"sheet": "", "row": 0, "col": 0, "rows": 1, "cols": 1, "data_style": "", "amount": False, "note": 0,
             "drawing": 0}
    amount_data_styles: set[str] = set()
    maps: dict[str, list[str]] = {}  # data style → the styles it applies by condition (style:map)
    cell_styles: dict[str, str] = {}  # cell style → its data style
    columns: list[tuple[int, str, int]] = []  # (first column, default cell style, how many), in order
    column_starts: list[int] = []
    cell: list[str] | None = None  # the cell being read: its stored value, then its shown text

    def repeat(attrs: dict[str, str], key: str) -> int:
        value = attrs.get(f"{ODF_TABLE} {key}", "1")
        return int(value) if value.isdigit() else 1

    def into() -> list[str]:
        return cell if cell is not None else others

    def shows_amount(style: str) -> bool:
        data_style = cell_styles.get(style, "")
        return data_style in amount_data_styles or any(m in amount_data_styles for m in maps.get(data_style, ()))

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal cell
        if tag.startswith(_NUMBER_STYLE):
            local = tag.rpartition(" ")[2]
            if local in ("number-style", "currency-style", "percentage-style", "text-style"):
                state["data_style"] = attrs.get(f"{_STYLE} name", "")
                if local != "number-style":
                    amount_data_styles.add(state["data_style"])
            elif local == "number" and (attrs.get(f"{_NUMBER_STYLE} grouping") == "true" or any(
                    attrs.get(f"{_NUMBER_STYLE} {k}", "0") not in ("0", "") for k in ("decimal-places",
                                                                                   "min-decimal-places"))):
                amount_data_styles.add(state["data_style"])
            elif local == "scientific-number":
                amount_data_styles.add(state["data_style"])
        elif tag == f"{_STYLE} map" and state["data_style"]:
            maps.setdefault(state["data_style"], []).append(attrs.get(f"{_STYLE} apply-style-name", ""))
        elif tag.startswith(_DRAW):
            state["drawing"] += 1
        elif tag == f"{_STYLE} style":
            state["data_style"] = ""  # (its maps are conditional formats, not a number style's)
            if f"{_STYLE} data-style-name" in attrs:
                cell_styles[attrs.get(f"{_STYLE} name", "")] = attrs[f"{_STYLE} data-style-name"]
        elif tag == f"{ODF_TABLE} table":
            state.update(sheet=attrs.get(f"{ODF_TABLE} name", ""), row=0)
            columns.clear()
            column_starts.clear()
        elif tag == f"{ODF_TABLE} table-column":
            first = columns[-1][0] + columns[-1][2] if columns else 1
            columns.append((first, attrs.get(f"{ODF_TABLE} default-cell-style-name", ""),
                            repeat(attrs, "number-columns-repeated")))
            column_starts.append(first)
        elif tag == f"{ODF_OFFICE} annotation":
            state["note"] += 1
        elif tag == f"{ODF_TABLE} table-row":
            state.update(row=state["row"] + 1, col=0, rows=repeat(attrs, "number-rows-repeated"))
        elif tag in (f"{ODF_TABLE} table-cell", f"{ODF_TABLE} covered-table-cell"):
            state.update(col=state["col"] + 1, cols=repeat(attrs, "number-columns-repeated"))
            style = attrs.get(f"{ODF_TABLE} style-name") or _column_style(columns, column_starts, state["col"])
            stored = attrs.get(f"{ODF_OFFICE} value", "") if attrs.get(f"{ODF_OFFICE} value-type") == "float" else ""
            state["amount"] = bool(stored) and shows_amount(style)
            cell = [cell_number(stored), APART] if stored and not state["amount"] else []
        elif tag == f"{ODF_TEXT} s":
            count = attrs.get(ODF_TEXT + " c", "1")
            into().append(" " * min(int(count) if count.isdigit() else 1, MAX_SPACES))

    def end(tag: str) -> None:
        nonlocal cell
        if tag.startswith(_DRAW):
            state["drawing"] -= 1
        elif tag in (f"{ODF_TABLE} table-cell", f"{ODF_TABLE} covered-table-cell"):
            text = "".join(cell or ())
            if text.strip(APART + " \t\n"):
                cells.append((state["sheet"], f"{column_name(state['col'])}{state['row']} 格", text))
            state["col"] += state["cols"] - 1
            cell = None
        elif tag == f"{ODF_TABLE} table-row":
            state["row"] += state["rows"] - 1
        elif tag == f"{ODF_OFFICE} annotation":
            state["note"] -= 1
        elif tag in (f"{ODF_TEXT} p", f"{ODF_TEXT} h", f"{ODF_TEXT} line-break", f"{ODF_TEXT} tab"):
            into().append(APART)

    def text(data: str) -> None:
        if not state["amount"] or cell is None or state["note"] or state["drawing"]:  # an amount's own text only
            into().append(data)

    if styles:
        parse_xml(styles, start, lambda tag: None, lambda text: None, "styles.xml")
        state["data_style"] = ""
    parse_xml(data, start, end, text, "content.xml")
    for sheet, address, text in cells:
        yield Passage(f"{prefix}工作表「{sheet}」的 {address}", text)
    if any(map(str.strip, others)):
        yield Passage(prefix + "正文", "".join(others))


def _column_style(columns: list[tuple[int, str, int]], starts: list[int], col: int) -> str:
    """The default cell style of column ``col`` (from 1) of the table being read."""
    i = bisect.bisect_right(starts, col) - 1
    if i >= 0 and col < columns[i][0] + columns[i][2]:
        return columns[i][1]
    return ""


MAYBE_IN_SHEET = re.compile(rb"\d{11}|\d[eE]|inlineStr|\bt=[\"']str[\"']|<(?:\w+:)?f[ >]|Header>|Footer>"
                             rb"|<(?:\w+:)?formula|<(?:\w+:)?hyperlink ")
"""What a sheet's XML (in UTF-8) holds where it may hold a number: a long number (or one written with
an exponent), a string of its own, a formula, a page header or footer, a drop-down list, a link."""


PIVOT_PART = re.compile(r"xl/pivotCache/pivotCache(?:Definition|Records)(\d+)\.xml")


def pivot_amount_fields(archive: zipfile.ZipFile, names: set[str], n: str, amount_formats: frozenset[int],
                         take: Callable[[zipfile.ZipFile, zipfile.ZipInfo], bytes]) -> frozenset[int]:
    """The fields of pivot cache ``n`` whose number format shows an amount (their values are none)."""
    name = f"xl/pivotCache/pivotCacheDefinition{n}.xml"
    if name not in names:
        return frozenset()
    fields: list[bool] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag.rpartition(" ")[2] == "cacheField":
            fmt = attrs.get("numFmtId", "0")
            fields.append(fmt.isdigit() and int(fmt) in amount_formats)
    parse_xml(take(archive, archive.getinfo(name)), start, ignore, ignore, name)
    return frozenset(i for i, amount in enumerate(fields) if amount)


def xls_passages(data: bytes, prefix: str) -> Iterator[Passage]:
    """A workbook's cells and comments (xlrd); what xlrd cannot read of it (some files that are not
    damaged, too) makes the workbook unread, never a traceback."""
    try:
        yield from _xls_cells(data, prefix)
    except NotReadable:
        raise
    except Exception as exc:  # xlrd: KeyError, struct.error, AssertionError … on a file it cannot read
        raise NotReadable(f"无法按单元格读取（{type(exc).__name__}）") from exc


def _xls_cells(data: bytes, prefix: str) -> Iterator[Passage]:
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
                        if not float(cell.value).is_integer() or _xls_amount(book, cell.xf_index):
                            continue  # a fraction or an amount: no person's number
                        text = str(int(cell.value))
                    else:
                        continue
                    if not text.strip():
                        continue
                    hidden = [w for w, h in (("行", row_hidden),
                                             ("列", bool(getattr(sheet.colinfo_map.get(col), "hidden", 0)))) if h]
                    note = f"（隐藏的{'、'.join(hidden)}）" if hidden else ""
                    yield Passage(f"{where}{column_name(col + 1)}{row + 1} 格{note}", text)
            for (row, col), note in getattr(sheet, "cell_note_map", {}).items():
                yield Passage(f"{where}{column_name(col + 1)}{row + 1} 格的批注", getattr(note, "text", ""))
            book.unload_sheet(index)


def _xls_amount(book, xf_index: int) -> bool:
    try:
        key = book.xf_list[xf_index].format_key
        fmt = book.format_map[key]
    except (IndexError, KeyError, TypeError):
        return False
    return is_amount_format(fmt.format_str)
