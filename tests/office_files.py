"""Office, OFD and RTF files as offices export them, small, for the attachment tests.

The ZIP formats are written part by part as Word, Excel, WPS and OFD
writers lay them out (the parts the readers look for, nothing more); an
Excel 97 workbook by xlwt; other OLE compound files (Word 97, PowerPoint 97)
by :func:`ole`, a compound file writer of a few lines.
"""

from __future__ import annotations

import io
import struct
import zipfile
from xml.sax.saxutils import escape, quoteattr

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_S = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_REL = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'


class Number(str):
    """A number cell's stored text as some writer puts it (Apache POI: ``1.3912345678E10``)."""


def _zip(parts: dict[str, str | bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                                          'package/2006/content-types"/>')
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def _runs(text: str) -> str:
    """A paragraph's text as Word writes it: one run per piece, pieces split at "|"."""
    return "".join(f'<w:r><w:t xml:space="preserve">{escape(piece)}</w:t></w:r>' for piece in text.split("|"))


def docx(paragraphs: list[str], *, deleted: str = "", header: str = "", comment: str = "",
         cells: list[str] = (), link: str = "", embedded: dict[str, bytes] | None = None) -> bytes:
    """A Word file: paragraphs (runs split at "|"), text deleted with track changes on, a header, a
    comment, a table row of ``cells``, a hyperlink's address, files embedded (a chart's workbook)."""
    body = "".join(f"<w:p>{_runs(p)}</w:p>" for p in paragraphs)
    if deleted:
        body += f'<w:p><w:del w:id="1" w:author="a"><w:r><w:delText>{escape(deleted)}</w:delText></w:r></w:del></w:p>'
    if cells:
        body += "<w:tbl><w:tr>" + "".join(f"<w:tc><w:p>{_runs(c)}</w:p></w:tc>" for c in cells) + "</w:tr></w:tbl>"
    parts: dict[str, str | bytes] = {"word/document.xml": f'<?xml version="1.0"?><w:document {_W}><w:body>{body}'
                                                          '</w:body></w:document>'}
    if header:
        parts["word/header1.xml"] = f"<w:hdr {_W}><w:p>{_runs(header)}</w:p></w:hdr>"
    if comment:
        parts["word/comments.xml"] = f'<w:comments {_W}><w:comment w:id="0"><w:p>{_runs(comment)}</w:p></w:comment></w:comments>'
    if link:
        parts["word/_rels/document.xml.rels"] = (f'<Relationships {_REL}><Relationship Id="rId9" Type="hyperlink" '
                                                 f'Target={quoteattr(link)} TargetMode="External"/></Relationships>')
    for name, data in (embedded or {}).items():
        parts[f"word/embeddings/{name}"] = data
    return _zip(parts)


def xlsx(sheets: dict[str, list[list[str | int | float | None]]], *, hidden: tuple[str, ...] = (),
         hidden_columns: dict[str, tuple[int, ...]] | None = None, hidden_rows: dict[str, tuple[int, ...]] | None = None,
         formats: dict[tuple[str, int, int], str] | None = None, unused_strings: tuple[str, ...] = (),
         pivot_values: tuple[str, ...] = ()) -> bytes:
    """A workbook: text in shared strings, numbers as numbers; ``formats`` gives a cell (sheet, row,
    column, from 1) a number format code; hidden sheets, columns and rows; strings no cell shows;
    a pivot table's cache holding ``pivot_values``."""
    shared: list[str] = list(unused_strings)
    codes = sorted(set((formats or {}).values()))
    styles = ('<styleSheet ' + _S + '><numFmts>' + "".join(
        f'<numFmt numFmtId="{164 + i}" formatCode={quoteattr(c)}/>' for i, c in enumerate(codes))
        + '</numFmts><cellXfs><xf numFmtId="0"/>' + "".join(f'<xf numFmtId="{164 + i}"/>' for i in range(len(codes)))
        + '</cellXfs></styleSheet>')
    parts: dict[str, str | bytes] = {"xl/styles.xml": styles}
    book, rels = [], []
    for n, (name, rows) in enumerate(sheets.items(), start=1):
        state = ' state="hidden"' if name in hidden else ""
        book.append(f'<sheet name={quoteattr(name)} sheetId="{n}"{state} r:id="rId{n}"/>')
        rels.append(f'<Relationship Id="rId{n}" Type="worksheet" Target="worksheets/sheet{n}.xml"/>')
        cols = "".join(f'<col min="{c}" max="{c}" hidden="1"/>' for c in (hidden_columns or {}).get(name, ()))
        xml = []
        for r, row in enumerate(rows, start=1):
            cells = []
            for c, value in enumerate(row, start=1):
                ref = f"{chr(64 + c)}{r}"
                style = f' s="{1 + codes.index(formats[(name, r, c)])}"' if (name, r, c) in (formats or {}) else ""
                if value is None:
                    continue
                if isinstance(value, str) and not isinstance(value, Number):
                    shared.append(value)
                    cells.append(f'<c r="{ref}" t="s"{style}><v>{len(shared) - 1}</v></c>')
                else:
                    cells.append(f'<c r="{ref}"{style}><v>{value}</v></c>')
            row_hidden = ' hidden="1"' if r in (hidden_rows or {}).get(name, ()) else ""
            xml.append(f'<row r="{r}"{row_hidden}>{"".join(cells)}</row>')
        parts[f"xl/worksheets/sheet{n}.xml"] = (f'<worksheet {_S}>' + (f"<cols>{cols}</cols>" if cols else "")
                                                + f'<sheetData>{"".join(xml)}</sheetData></worksheet>')
    parts["xl/workbook.xml"] = f'<workbook {_S} {_R}><sheets>{"".join(book)}</sheets></workbook>'
    parts["xl/_rels/workbook.xml.rels"] = f'<Relationships {_REL}>{"".join(rels)}</Relationships>'
    parts["xl/sharedStrings.xml"] = (f'<sst {_S}>' + "".join(f"<si><t>{escape(s)}</t></si>" for s in shared)
                                     + "</sst>")
    if pivot_values:
        parts["xl/pivotCache/pivotCacheRecords1.xml"] = (
            f'<pivotCacheRecords {_S}>' + "".join(f'<r><s v={quoteattr(v)}/></r>' for v in pivot_values)
            + "</pivotCacheRecords>")
    return _zip(parts)


def ofd(pages: list[list[str]], *, per_character: bool = False) -> bytes:
    """An OFD file: each page's lines, each line's cells separated by "|" (a text object each, 10 mm
    apart), one glyph run per character; ``per_character``: an object for every character, as some
    converters write them, side by side."""
    parts: dict[str, str | bytes] = {"OFD.xml": '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>'}
    for n, lines in enumerate(pages):
        objects = []
        for row, line in enumerate(lines):
            x = 20.0
            for cell in line.split("|"):
                pieces = list(cell) if per_character else [cell]
                for piece in pieces:
                    width = 3.5 * len(piece)
                    codes = "".join(f'<ofd:TextCode X="{3.5 * i}" Y="3">{escape(ch)}</ofd:TextCode>'
                                    for i, ch in enumerate(piece))
                    objects.append(f'<ofd:TextObject ID="{len(objects) + 1}" Size="3.5" '
                                   f'Boundary="{x} {30 + 6 * row} {width} 5">{codes}</ofd:TextObject>')
                    x += width
                x += 10
        parts[f"Doc_0/Pages/Page_{n}/Content.xml"] = (f'<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content>'
                                                      f'<ofd:Layer>{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>')
    return _zip(parts)


def archive(members: dict[str, bytes]) -> bytes:
    """A ZIP archive of files."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def xls(rows: list[list[str | int | float]], *, sheet: str = "Sheet1", hidden_column: int | None = None,
        number_format: str | None = None) -> bytes:
    """An Excel 97 workbook (xlwt): text as text, numbers as numbers (a mobile typed into a cell is a
    number), ``number_format`` on every number."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet(sheet)
    style = xlwt.easyxf(num_format_str=number_format) if number_format else xlwt.Style.default_style
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            ws.write(r, c, value, style if not isinstance(value, str) else xlwt.Style.default_style)
    if hidden_column is not None:
        ws.col(hidden_column).hidden = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def ole(streams: dict[str, bytes]) -> bytes:
    """A compound file (Office 97–2003's container) holding up to three streams, each padded to the
    4,096 bytes below which streams go to the mini stream (not written here)."""
    assert len(streams) <= 3
    end, fat_sector, no = 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    data, fat, starts = b"", [fat_sector, end], []
    for content in streams.values():
        content = content.ljust(max(4096, -(-len(content) // 512) * 512), b"\0")
        first = 2 + len(data) // 512
        count = len(content) // 512
        starts.append((first, len(content)))
        fat += [first + i + 1 for i in range(count - 1)] + [end]
        data += content
    assert len(fat) <= 128
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat).ljust(512, b"\xff")

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
                + struct.pack("<III", no, right, child) + b"\0" * 36 + struct.pack("<IQ", start, size))
    names = list(streams)
    directory = entry("Root Entry", 5, 1, no, end, 0)
    for i, (name, (start, size)) in enumerate(zip(names, starts), start=1):
        directory += entry(name, 2, no, i + 1 if i < len(names) else no, start, size)
    directory = directory.ljust(512, b"\0")
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<I", 0) + b"\xff" * (109 * 4 - 4))
    assert len(header) == 512
    return header + fat_bytes + directory + data


def word97(text: str) -> bytes:
    """A Word 97 file's text as Word keeps it: UTF-16 in its WordDocument stream (the stream's header,
    the FIB, reduced to its flags)."""
    fib = b"\xec\xa5" + b"\0" * 30
    return ole({"WordDocument": fib + text.encode("utf-16-le"), "1Table": b"\0" * 64})


def cjk_pdf(pages: list[list], title: str = "") -> bytes:
    """A PDF whose pages hold the given lines, in a CJK font with a ToUnicode map (so the text reads out as it
    does from a Word export).  A line is a string, or [(x, text), …]: a table row's cells side by side."""
    def cells(line):
        return [(50, line)] if isinstance(line, str) else line
    chars = sorted({c for page in pages for line in page for _, t in cells(line) for c in t})
    cid = {c: i + 1 for i, c in enumerate(chars)}
    entries = "".join(f"<{cid[c]:04X}> <{ord(c):04X}>\n" for c in chars)
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            f"{len(chars)} beginbfchar\n{entries}endbfchar endcmap CMapName currentdict /CMap defineresource pop end end"
            ).encode("latin-1")
    objs: list[bytes] = [b"", b"",
                         b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H "
                         b"/DescendantFonts [4 0 R] /ToUnicode 5 0 R >>",
                         b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << "
                         b"/Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 6 0 R >>",
                         b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
                         b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 4 /FontBBox [0 0 1000 1000] "
                         b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>"]
    kids = []
    for lines in pages:
        ops, y = [], 800
        for line in lines:
            for x, text in cells(line):
                ops.append(f"BT /F1 12 Tf {x} {y} Td <{''.join(f'{cid[c]:04X}' for c in text)}> Tj ET")
            y -= 20
        content = "\n".join(ops).encode("latin-1")
        objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                    f"/Contents {len(objs)} 0 R >>".encode())
        kids.append(len(objs))
    objs[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
    out, offsets = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), []
    for i, o in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
