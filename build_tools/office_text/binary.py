"""Text in binary files: an Office 97 file's streams, RTF."""

from __future__ import annotations

import re

from .passage import APART, NotReadable

PICTURE_STREAMS = re.compile(r"\x02OlePres\d*|\x01CompObj|\x03ObjInfo|Data|Pictures|\x05[A-Za-z]*Thumbnail")
"""Streams of pictures (a .doc's Data, a .ppt's Pictures), of an object's preview picture and of its
class: no text; read, a picture's bytes may look like a number (a JPEG's XMP GUIDs)."""
STREAM_PLACES = {
    "WordDocument": "文字（正文、页眉、页脚、批注、脚注）",
    "Workbook": "单元格以外的文字（页眉、页脚、文本框、批注等）",
    "Book": "单元格以外的文字（页眉、页脚、文本框、批注等）",
    "PowerPoint Document": "幻灯片的文字",
    "\x05SummaryInformation": "文件属性",
    "\x05DocumentSummaryInformation": "文件属性",
}
"""Where an Office 97 file's streams hold their text, in an editor's words."""


DIGIT = re.compile(r"\d")


def stream_text(stream: bytes) -> str:
    """A stream as text three ways, each apart from the next: UTF-16 at either byte parity and single
    bytes.  What is not text reads as other characters, never as a run of digits."""
    parts = [stream[parity:len(stream) - (len(stream) - parity) % 2].decode("utf-16-le", errors="replace")
             for parity in (0, 1)]
    parts.append(stream.decode("latin-1"))
    # Word's paragraph (\r), cell (\x07), line (\x0b) marks and tabs part numbers, as a DOCX's do
    return APART.join(parts).translate(_MARKS)


_MARKS = {ord(c): APART for c in "\r\n\x07\x0b\t"}
_SHOWN_MARKS = {ord(c): APART for c in "\n\t|"}
"""striprtf's paragraph, tab and cell marks."""


def rtf_text(data: bytes) -> str:
    """An RTF file's text as Word shows it (striprtf: \\uN and \\'hh read in the file's code page;
    pictures, the theme and other hidden destinations out)."""
    from striprtf.striprtf import rtf_to_text

    try:
        return rtf_to_text(data.decode("latin-1"), errors="replace").translate(_SHOWN_MARKS)
    except Exception as exc:  # a malformed file: striprtf raises what its parsing meets
        raise NotReadable(f"已损坏（{type(exc).__name__}）") from exc


_RTF_DATA = re.compile(rb"\{\\(?:\*\\)?(?:pict|themedata|colorschememapping|datastore|objdata|blipuid|bin|"
                       rb"fonttbl|colortbl|stylesheet|listtable|listoverridetable|rsidtbl|latentstyles|"
                       rb"xmlnstbl|generator|panose|mmathPr|pgdsctbl|wgrffmtfilter)\b")
_RTF_WORD = re.compile(rb"\\'[0-9a-fA-F]{2}|\\[a-zA-Z]+-?\d* ?|\\.|[{}\r\n]")
_RTF_APART = re.compile(rb"\\(?:par|pard|cell|nestcell|row|nestrow|tab|line|sect|page|column)\b-?\d* ?")
"""Control words that part what stands around them (a paragraph, a cell, a tab), as a DOCX's do."""


def rtf_raw_text(data: bytes) -> str:
    """An RTF file's characters beside what Word shows: comments, document properties, field codes
    (HYPERLINK "tel:…"), which striprtf leaves out with the hidden destinations.  Groups of data (pictures,
    the theme, fonts, styles, an object's bytes: hex digits that may look like numbers) are taken out
    whole, then every control word (its number with it)."""
    out = bytearray()
    at = 0
    for m in _RTF_DATA.finditer(data):
        if m.start() < at:
            continue
        out += data[at:m.start()]
        depth, i = 0, m.start()
        while i < len(data):  # to the group's closing brace
            c = data[i]
            if c == 0x5C:  # a backslash escapes the next byte
                i += 2
                continue
            depth += (c == 0x7B) - (c == 0x7D)
            i += 1
            if depth == 0:
                break
        at = i
    out += data[at:]
    return _RTF_WORD.sub(b" ", _RTF_APART.sub(b"\0", bytes(out))).decode("latin-1")
