"""Every text an Office, OFD or ZIP attachment carries, place by place, for the privacy check.

A 公示 list goes out as often in a Word or Excel file as in a PDF, and the
file is published byte for byte: what a reader of the file can find in it is
published, not only what Word or Excel shows.  So this reads the text of
*every* part of the file, and says where each stands in words an editor
finds it by:

- **ZIP packages** (DOCX, XLSX, PPTX, ODT, ODS, OFD; WPS and ET of WPS
  Office 2013 on; a ZIP archive's members, and files embedded in any of
  them, such as the workbook behind a chart or an object shown as an icon):
  the character data of every XML part, in document order
  (``xml.parsers.expat``), and the attributes that hold text (an image's
  alternative text, a field's instruction, a link's address).  A text ends
  where the format separates (a paragraph, a cell, a break, a tab) and
  where an element that holds text ends, except the runs of a paragraph, so
  that two cells or two properties never read as one number.  A workbook's
  cells are read one by one and named by sheet and cell (工作表「名单」的
  C5 格), hidden sheets, rows and columns said to be hidden, with each
  sheet's page header and footer; an OFD page's text is laid out by its
  positions, as a PDF's is.  With track changes on, the text as it was
  before the changes (deleted text in place, inserted text out) is read
  too: a number masked as 139****5678 with 修订 on still holds its digits.
- **OLE compound files** (DOC, XLS, PPT; WPS and ET before 2013): a
  workbook by its cells (xlrd, numbers stored as numbers included), its
  headers, footers and comments; every stream by the text in it (olefile),
  read as UTF-16 and as single bytes, the two ways Office stores
  characters; a file embedded in a stream is read as a file.
- **RTF** (a ``.doc`` saved as RTF): its text as Word shows it (striprtf:
  code pages read, pictures and hidden destinations out).

Each :class:`Passage` says how its digits were laid down (:attr:`Passage.kind`)
and whether it only backs up the others (:attr:`Passage.fallback`).  What
cannot be read is a passage too, with the reason (:attr:`Passage.unread`),
so that the rest of the file is still read; a file that cannot be read at
all raises :class:`NotReadable`.
"""

from __future__ import annotations

import bisect
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
    kind: str = "typed"
    """``typed``: text as a person typed it (``139 1234 5678`` is one number); ``laid_out``: text placed
    on a page (a PDF's, an OFD's), whose table cells stand side by side with a space between;
    ``markup``: a text file's (CSV, HTML), read as the check reads a record's body."""
    fallback: bool = False
    """Read to back up the other passages (a stream's raw text, the text before track changes): a
    number found only here is reported here, one found elsewhere is named there."""
    unread: str = ""
    """Why this part could not be read (then no text)."""


class NotReadable(Exception):
    """The attachment's text cannot be read; ``args[0]`` says why, in words for the editor."""


class _TooLarge(NotReadable):
    """More to decompress than the cap: the whole file is not read."""


def passages(data: bytes, ext: str, wanted: Callable[[str], bool] | None = None) -> Iterator[Passage]:
    """The texts of an attachment of type ``ext`` (its extension, lower case); raises
    :class:`NotReadable`.  Types without text of their own (images, audio, video) give none.

    ``wanted``: whether a text may hold what the caller looks for; a workbook's sheets whose cells
    cannot (no wanted string, no long run of digits) are then not read cell by cell."""
    yield from _Reader(wanted).read(data, ext, "", 0, top=True)


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_ARCHIVES = (b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00")
"""gzip, bzip2 and xz: one file compressed."""
_MIME = (b"MIME-Version:", b"From:", b"Content-Type:", b"Return-Path:", b"Received:")
_RTF_OBJECT = re.compile(rb"\\objdata\b\s*([0-9a-fA-F\s]+)")
"""An object embedded in an RTF file: its OLE 1 header and the file, written in hexadecimal."""
_TEXT_FILES = frozenset({"csv", "txt", "tsv", "htm", "html", "xml", "json", "md", "ini", "log"})
"""Members of an archive read as text files."""
_NO_TEXT = frozenset({"png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff", "emf", "wmf", "svg", "ico", "webp",
                      "mp3", "mp4", "wav", "avi", "wmv", "mov", "m4a", "ttf", "otf", "odttf", "fntdata", "eot",
                      "woff", "woff2", "jb2", "jbig2"})
"""Members without text (pictures, media, fonts): not read."""


class _Reader:
    def __init__(self, wanted: Callable[[str], bool] | None) -> None:
        self.left = MAX_TEXT_BYTES
        """Bytes left to decompress for this attachment (a ZIP bomb stops here, not the build)."""
        self.wanted = wanted

    def take(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
        if info.file_size > self.left:
            raise _TooLarge(f"解压后大于 {MAX_TEXT_BYTES >> 20} MB")
        try:
            with archive.open(info) as f:
                data = f.read(self.left + 1)
        except RuntimeError as exc:  # zipfile: a member that needs a password
            raise NotReadable("有密码保护") from exc
        except Exception as exc:  # zipfile, zlib: a damaged member raises many kinds
            raise NotReadable(f"已损坏（{type(exc).__name__}）") from exc
        if len(data) > self.left:
            raise _TooLarge(f"解压后大于 {MAX_TEXT_BYTES >> 20} MB")
        self.left -= len(data)
        return data

    def read(self, data: bytes, ext: str, prefix: str, depth: int, top: bool = False) -> Iterator[Passage]:
        if data.startswith(_ZIP):
            yield from self.zip(data, prefix, depth)
        elif data.startswith(_OLE):
            yield from self.ole(data, prefix, depth)
        elif data.startswith(b"{\\rtf"):
            yield Passage(prefix + "文字", _rtf_text(data))
            for m in _RTF_OBJECT.finditer(data):  # an object embedded in the RTF (a workbook, a document)
                digits = re.sub(rb"[^0-9a-fA-F]", b"", m.group(1))[:self.left * 2]
                yield from self.embedded(bytes.fromhex(digits[:len(digits) // 2 * 2].decode("ascii")), prefix, depth)
        elif ext in ("mht", "mhtml", "eml") or data.startswith(_MIME):
            yield from self.mime(data, prefix, depth)
        elif data.startswith(_ARCHIVES):
            yield from self.compressed(data, ext, prefix, depth)
        elif data.startswith((b"Rar!", b"7z\xbc\xaf")) or ext in ("rar", "7z"):
            raise NotReadable(f"是 {'RAR' if data.startswith(b'Rar!') else '7z'} 压缩包，无法打开")
        elif _is_tar(data):
            yield from self.tar(data, prefix, depth)
        elif top:  # (PDFs, CSV and TXT files the check reads itself)
            if ext in _TEXT_FILES or (ext not in _NO_TEXT and data and b"\0" not in data[:4096]):
                from .search.text import decode_text
                yield Passage(prefix + "文字", decode_text(data).replace("\t", _APART), "markup")
            elif ext not in _NO_TEXT and data:
                raise NotReadable(f"是本检查读不了的文件类型（.{ext}）")
        elif data.startswith(b"%PDF-"):
            yield from _pdf_passages(data, prefix)
        elif ext in _TEXT_FILES or (ext not in _NO_TEXT and b"\0" not in data[:4096]):
            from .search.text import decode_text
            yield Passage(prefix + "文字", decode_text(data).replace("\t", _APART), "markup")
        elif ext not in _NO_TEXT:
            yield Passage(prefix + "文字", _stream_text(data), fallback=True)

    def compressed(self, data: bytes, ext: str, prefix: str, depth: int) -> Iterator[Passage]:
        """A gzip, bzip2 or xz file: what it holds, read as the file it is (名单.csv.gz)."""
        import bz2
        import gzip
        import lzma

        stream = io.BytesIO(data)
        try:
            with (gzip.GzipFile(fileobj=stream) if data.startswith(b"\x1f\x8b") else
                  bz2.BZ2File(stream) if data.startswith(b"BZh") else lzma.LZMAFile(stream)) as f:
                inner = f.read(self.left + 1)
        except Exception as exc:  # a damaged stream
            raise NotReadable(f"已损坏（{type(exc).__name__}）") from exc
        if len(inner) > self.left:
            raise _TooLarge(f"解压后大于 {MAX_TEXT_BYTES >> 20} MB")
        self.left -= len(inner)
        if depth >= MAX_DEPTH:
            raise NotReadable(f"套得太深（文件里的文件超过 {MAX_DEPTH} 层）")
        yield from self.read(inner, ext, prefix, depth + 1)

    def tar(self, data: bytes, prefix: str, depth: int) -> Iterator[Passage]:
        import tarfile

        try:
            archive = tarfile.open(fileobj=io.BytesIO(data))
            members = [m for m in archive.getmembers() if m.isfile()]
        except Exception as exc:
            raise NotReadable(f"已损坏（{type(exc).__name__}）") from exc
        for member in members:
            name = member.name
            ext = name.rsplit(".", 1)[-1].lower() if "." in posixpath.basename(name) else ""
            if ext in _NO_TEXT:
                continue
            if member.size > self.left:
                raise _TooLarge(f"解压后大于 {MAX_TEXT_BYTES >> 20} MB")
            inner = archive.extractfile(member).read()
            self.left -= len(inner)
            try:
                yield from self.read(inner, ext, f"{prefix}其中的 {name} ", depth + 1)
            except _TooLarge:
                raise
            except NotReadable as exc:
                yield Passage(f"{prefix}其中的 {name} ", "", unread=exc.args[0])

    def mime(self, data: bytes, prefix: str, depth: int) -> Iterator[Passage]:
        """A web page saved as one file (MHT, as Word and browsers save it) or a mail: each part
        decoded (quoted-printable, base64) and read as what it is."""
        import email
        from email import policy

        try:
            message = email.message_from_bytes(data, policy=policy.compat32)
            parts = [p for p in message.walk() if not p.is_multipart()]
        except Exception as exc:
            raise NotReadable(f"已损坏（{type(exc).__name__}）") from exc
        for n, part in enumerate(parts, start=1):
            payload = part.get_payload(decode=True) or b""
            self.left -= len(payload)
            if self.left < 0:
                raise _TooLarge(f"解压后大于 {MAX_TEXT_BYTES >> 20} MB")
            kind = part.get_content_type()
            filename = _header_text(part.get_filename() or "")
            where = f"{prefix}其中的 {filename} " if filename else f"{prefix}第 {n} 部分（{kind}）"
            if kind.startswith("text/"):
                charset = part.get_content_charset() or "utf-8"
                try:
                    text = payload.decode(charset, errors="replace")
                except LookupError:
                    from .search.text import decode_text
                    text = decode_text(payload)
                yield Passage(where, text, "markup")
            elif depth < MAX_DEPTH and not kind.startswith(("image/", "audio/", "video/", "font/")):
                ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
                yield from self.read(payload, ext, where if filename else where + "中的 ", depth + 1)

    # -- ZIP packages and archives ---------------------------------------------------------------

    def zip(self, data: bytes, prefix: str, depth: int) -> Iterator[Passage]:
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except Exception as exc:  # BadZipFile, an unknown version (NotImplementedError) …
            raise NotReadable(f"已损坏（{type(exc).__name__}）") from exc
        with archive:
            members = [i for i in archive.infolist() if not i.is_dir()]
            names = {i.filename for i in members}
            sheets = self.workbook(archive, names) if "xl/workbook.xml" in names else {}
            amounts: frozenset[int] = frozenset()
            amount_formats: frozenset[int] = _AMOUNT_FORMATS
            shared: list[str] = []
            if sheets:
                if "xl/styles.xml" in names:
                    amounts, amount_formats = _amount_styles(self.take(archive, archive.getinfo("xl/styles.xml")))
                if "xl/sharedStrings.xml" in names:
                    shared = _shared_strings(self.take(archive, archive.getinfo("xl/sharedStrings.xml")))
            used: set[int] = set()
            maybe = bool(shared) and (self.wanted is None or any(map(self.wanted, shared)))
            spreadsheet = "content.xml" in names and b"spreadsheet" in _peek(archive, names, "mimetype")
            ofd = "OFD.xml" in names
            chart_object = _CHART_OBJECT
            for info in members:
                name = info.filename
                shown = _member_name(info)
                ext = shown.rsplit(".", 1)[-1].lower() if "." in posixpath.basename(shown) else ""
                if name in ("xl/sharedStrings.xml", "xl/styles.xml", "mimetype") or ext in _NO_TEXT \
                        or _TEMPLATE_PARTS.fullmatch(name) or name.startswith(("ObjectReplacements/", "Thumbnails/")):
                    continue
                try:
                    member = self.take(archive, info)
                    if name in sheets:
                        sheet, hidden = sheets[name]
                        if not maybe and self.wanted is not None and not _MAYBE_IN_SHEET.search(member):
                            used.update(range(len(shared)))  # none is wanted: none is reported unshown
                            continue
                        yield from _sheet_passages(member, shared, used, amounts, prefix, sheet, hidden)
                    elif spreadsheet and name == "content.xml":
                        yield from _ods_passages(member, prefix)
                    elif ofd and ext == "xml" and b"TextObject" in member:  # a page, a template, an annotation
                        yield from _ofd_passages(member, prefix + _part_name(name))
                    elif chart_object.fullmatch(name) and b"<office:chart" in member:
                        yield from _xml_passages(member, prefix, name, chart=True)
                    elif ext in ("xml", "rels", "vml") or (not ext and member.lstrip()[:5] == b"<?xml"):
                        pivot = _PIVOT.fullmatch(name)
                        fields = (_pivot_amount_fields(archive, names, pivot.group(1), amount_formats, self)
                                  if pivot else None)
                        yield from _xml_passages(member, prefix, name, pivot_amounts=fields)
                    else:
                        if member.startswith((*_ZIP, _OLE)) and depth >= MAX_DEPTH:
                            raise NotReadable(f"套得太深（文件里的文件超过 {MAX_DEPTH} 层）")
                        yield from self.read(member, ext, f"{prefix}其中的 {shown} ", depth + 1)
                except _TooLarge:
                    raise
                except NotReadable as exc:
                    yield Passage(f"{prefix}其中的 {shown} ", "", unread=exc.args[0])
            unused = [text for i, text in enumerate(shared) if i not in used]
            if unused:  # strings kept in the file that no cell shows (a cell since cleared, another tool's)
                yield Passage(prefix + "保存在文件里、没有显示在任何单元格中的文字", _APART.join(unused))

    def workbook(self, archive: zipfile.ZipFile, names: set[str]) -> dict[str, tuple[str, str]]:
        """Part name → (sheet name, "隐藏的" or ""), from the workbook and its relationships."""
        targets: dict[str, str] = {}
        if "xl/_rels/workbook.xml.rels" in names:
            def rel(tag: str, attrs: dict[str, str]) -> None:
                if tag.endswith("Relationship") and "Id" in attrs:
                    target = attrs.get("Target", "")
                    targets[attrs["Id"]] = (target.lstrip("/") if target.startswith("/")
                                            else posixpath.normpath(posixpath.join("xl", target)))
            _parse(self.take(archive, archive.getinfo("xl/_rels/workbook.xml.rels")), rel, _none, _none,
                   "xl/_rels/workbook.xml.rels")
        sheets: dict[str, tuple[str, str]] = {}

        def sheet(tag: str, attrs: dict[str, str]) -> None:
            if tag.rpartition(" ")[2] != "sheet":
                return
            part = targets.get(next((attrs[k] for k in _REL_ID if k in attrs), ""))
            if part:
                hidden = "隐藏的" if attrs.get("state") in ("hidden", "veryHidden") else ""
                sheets[part] = (attrs.get("name", part), hidden)
        _parse(self.take(archive, archive.getinfo("xl/workbook.xml")), sheet, _none, _none, "xl/workbook.xml")
        return sheets

    # -- OLE compound files ------------------------------------------------------------------------

    def ole(self, data: bytes, prefix: str, depth: int) -> Iterator[Passage]:
        import olefile

        try:
            ole = olefile.OleFileIO(io.BytesIO(data))  # (bytes shorter than 1,536 it takes for a file name)
        except Exception as exc:  # olefile raises OSError and its own kinds for a broken file
            raise NotReadable(f"已损坏（{type(exc).__name__}）") from exc
        # Each sector of a whole file belongs to one stream: streams that read much more than the file
        # share their sectors (a crafted file: a minute of reading the same bytes).
        allowed = 2 * len(data) + (1 << 20)
        with ole:
            streams = ["/".join(path) for path in ole.listdir(streams=True, storages=False)]
            if "EncryptedPackage" in streams or "EncryptionInfo" in streams:
                raise NotReadable("有密码保护")
            workbook = "Workbook" in streams or "Book" in streams
            if workbook:
                yield from _xls_passages(data, prefix)
            for name in streams:
                try:
                    stream = ole.openstream(name).read(min(self.left, max(allowed, 0)) + 1)
                except Exception as exc:
                    yield Passage(f"{prefix}其中的 {name} ", "", unread=f"已损坏（{type(exc).__name__}）")
                    continue
                if len(stream) > self.left:
                    raise _TooLarge(f"解压后大于 {MAX_TEXT_BYTES >> 20} MB")
                self.left -= len(stream)  # streams may share sectors: each read counts
                allowed -= len(stream)
                if allowed < 0:
                    raise NotReadable("已损坏（其中的流相互重叠）")
                if name == "WordDocument" and len(stream) > 11 and stream[11] & 0x01:  # fEncrypted in the FIB
                    raise NotReadable("有密码保护")
                if name.endswith("\x01Ole10Native") or stream.startswith((*_ZIP, _OLE, b"%PDF-", b"{\\rtf")):
                    yield from self.embedded(stream, prefix, depth)
                if _PICTURE_STREAMS.fullmatch(name.rpartition("/")[2]):
                    continue
                text = _stream_text(stream)
                if _DIGIT.search(text):
                    yield Passage(prefix + _STREAMS.get(name.rpartition("/")[2], f"内部的 {name}"), text,
                                  fallback=workbook)

    def embedded(self, stream: bytes, prefix: str, depth: int) -> Iterator[Passage]:
        """A file embedded in a stream: an OLE package (``\\x01Ole10Native``: a size, a label, paths,
        then the file) or a stream that is a file (``Package``, ``CONTENTS``)."""
        at = min((i for i in (stream.find(s) for s in (*_ZIP, _OLE, b"%PDF-", b"{\\rtf")) if i >= 0), default=-1)
        if at < 0:
            return
        if depth >= MAX_DEPTH:
            yield Passage(f"{prefix}嵌入的对象", "", unread=f"套得太深（文件里的文件超过 {MAX_DEPTH} 层）")
            return
        try:
            yield from self.read(stream[at:], "", f"{prefix}嵌入的对象中的 ", depth + 1)
        except _TooLarge:
            raise
        except NotReadable as exc:
            yield Passage(f"{prefix}嵌入的对象", "", unread=exc.args[0])


_PICTURE_STREAMS = re.compile(r"\x02OlePres\d*|\x01CompObj|\x03ObjInfo|Data|Pictures|\x05[A-Za-z]*Thumbnail")
"""Streams of pictures (a .doc's Data, a .ppt's Pictures), of an object's preview picture and of its
class: no text; read, a picture's bytes may look like a number (a JPEG's XMP GUIDs)."""
_STREAMS = {
    "WordDocument": "文字（正文、页眉、页脚、批注、脚注）",
    "Workbook": "单元格以外的文字（页眉、页脚、文本框、批注等）",
    "Book": "单元格以外的文字（页眉、页脚、文本框、批注等）",
    "PowerPoint Document": "幻灯片的文字",
    "\x05SummaryInformation": "文件属性",
    "\x05DocumentSummaryInformation": "文件属性",
}
"""Where an Office 97 file's streams hold their text, in an editor's words."""


_PIVOT = re.compile(r"xl/pivotCache/pivotCache(?:Definition|Records)(\d+)\.xml")
_CHART_OBJECT = re.compile(r"Object \d+/content\.xml")
"""An OpenDocument file's embedded object (a chart's own data table when it is an office:chart)."""


def _pivot_amount_fields(archive: zipfile.ZipFile, names: set[str], n: str, amount_formats: frozenset[int],
                         reader: _Reader) -> frozenset[int]:
    """The fields of pivot cache ``n`` whose number format shows an amount (their values are none)."""
    name = f"xl/pivotCache/pivotCacheDefinition{n}.xml"
    if name not in names:
        return frozenset()
    fields: list[bool] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag.rpartition(" ")[2] == "cacheField":
            fmt = attrs.get("numFmtId", "0")
            fields.append(fmt.isdigit() and int(fmt) in amount_formats)
    _parse(reader.take(archive, archive.getinfo(name)), start, _none, _none, name)
    return frozenset(i for i, amount in enumerate(fields) if amount)


def _header_text(value: str) -> str:
    """A mail header's words (an attachment's name in RFC 2047: =?gb2312?B?…?=) as text."""
    from email.header import decode_header, make_header
    try:
        return str(make_header(decode_header(value)))
    except Exception:  # a malformed header: as written
        return value


def _is_tar(data: bytes) -> bool:
    """Whether ``data`` starts with a tar header (ustar, GNU or the old v7 layout): its checksum
    holds.  A tar read as raw text shows its headers' octal times, 11 digits (15305043372)."""
    if len(data) < 512 or not data[100:108].strip(b" \0").isdigit():
        return False
    try:
        stored = int(data[148:156].strip(b" \0") or b"-1", 8)
    except ValueError:
        return False
    return stored == sum(data[:148]) + 8 * 32 + sum(data[156:512])


def _none(*args) -> None:
    return None


def _peek(archive: zipfile.ZipFile, names: set[str], name: str) -> bytes:
    if name not in names:
        return b""
    try:
        with archive.open(name) as f:
            return f.read(256)
    except Exception:  # read again, and reported, as a member
        return b""


def _member_name(info: zipfile.ZipInfo) -> str:
    """A member's name as the archive's writer meant it: Chinese Windows writes GBK without the
    UTF-8 flag, which zipfile then reads as code page 437 (├√╡Ñ.csv)."""
    if info.flag_bits & 0x800 or info.filename.isascii():
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


_TEMPLATE_PARTS = re.compile(r"word/(?:styles|stylesWithEffects|fontTable|webSettings)\.xml|(?:word|xl|ppt)/theme/.*"
                             r"|ppt/(?:presProps|viewProps|tableStyles)\.xml|xl/calcChain\.xml")
"""Parts of an Office template that hold no text of the document (styles, fonts, the theme, a
workbook's order of calculation): a Word file's styles alone are some 800 KB, 80 ms to read."""
_MAYBE_IN_SHEET = re.compile(rb"\d{11}|\d[eE]\+?1\d|inlineStr|\bt=[\"']str[\"']|<(?:\w+:)?f[ >]|Header>|Footer>"
                             rb"|<(?:\w+:)?formula|<(?:\w+:)?hyperlink ")
"""What a sheet's XML holds where a cell may hold a number: a long number (or one written with an
exponent), a string of its own, a formula, a page header or footer."""


def _pdf_passages(data: bytes, where: str) -> Iterator[Passage]:
    from .search.text import pdf_pages
    try:
        pages = pdf_pages(data)
    except Exception as exc:  # pypdf raises many kinds for a broken file
        raise NotReadable(f"无法读取（{type(exc).__name__}）") from exc
    for n, text in enumerate(pages, start=1):
        yield Passage(f"{where}第 {n} 页", text, "laid_out")


# -- XML parts -----------------------------------------------------------------------------------

_PARTS = (  # where a part's text stands, in Word's, Excel's and PowerPoint's words
    (re.compile(r"word/document\d*\.xml"), "正文"),
    (re.compile(r"word/header\d*\.xml"), "页眉"),
    (re.compile(r"word/footer\d*\.xml"), "页脚"),
    (re.compile(r"word/(?:comments\w*|people)\.xml"), "批注"),
    (re.compile(r"word/footnotes\.xml"), "脚注"),
    (re.compile(r"word/endnotes\.xml"), "尾注"),
    (re.compile(r"(?:word|xl|ppt)/charts/.*"), "图表"),
    (re.compile(r"(?:word|xl|ppt)/diagrams/.*"), "SmartArt 图形"),
    (re.compile(r"xl/comments\d*\.xml|xl/threadedComments/.*"), "批注"),
    (re.compile(r"xl/drawings/.*"), "工作表中的文本框或图形"),
    (re.compile(r"xl/externalLinks/.*"), "外部链接保存的数据"),
    (re.compile(r"xl/pivotCache/.*"), "数据透视表的缓存（即使原来的数据已经删去）"),
    (re.compile(r"ppt/slides/slide(\d+)\.xml"), "第 {} 张幻灯片"),
    (re.compile(r"ppt/notesSlides/notesSlide(\d+)\.xml"), "第 {} 张幻灯片的备注"),
    (re.compile(r"ppt/slideMasters/.*"), "幻灯片母版"),
    (re.compile(r"ppt/slideLayouts/.*"), "幻灯片版式"),
    (re.compile(r"docProps/.*|meta\.xml"), "文件属性"),
    (re.compile(r"(?:.*/)?_rels/.*\.rels"), "文件内部记下的链接地址"),
    (re.compile(r"content\.xml"), "正文"),
    (re.compile(r"styles\.xml"), "页眉、页脚或样式"),
    (re.compile(r"Doc_\d+/Pages/Page_(\d+)/Content\.xml"), "第 {} 页"),
    (re.compile(r"Doc_\d+/Tpls/.*"), "页面模板"),
    (re.compile(r"Doc_\d+/.*"), "页面或批注"),
    (re.compile(r"Object \d+/.*"), "图表或嵌入的对象"),
)


def _part_name(name: str) -> str:
    for pattern, words in _PARTS:
        m = pattern.fullmatch(name)
        if m:
            return words.format(int(m.group(1)) + (1 if name.startswith("Doc_") else 0)) if m.groups() else words
    return f"内部的 {name}"


_SEPARATE = frozenset({
    # Word: paragraph, cell, breaks, tab; Excel: cell, string; PowerPoint: paragraph, break;
    # OpenDocument: paragraph, heading, cell, breaks, tab
    "p", "tc", "br", "cr", "tab", "c", "si", "h", "table-cell", "line-break", "Relationship",
})
_INLINE = frozenset({
    # the runs of a paragraph, which Word, PowerPoint and OpenDocument show side by side
    "t", "delText", "instrText", "delInstrText", "r", "span", "a", "s", "ins", "del", "moveFrom", "moveTo",
    "hyperlink", "smartTag", "fldSimple", "sdt", "sdtContent", "proofErr", "bookmarkStart", "bookmarkEnd",
    "noBreakHyphen", "softHyphen", "sym", "fldChar", "rubyBase", "ruby", "bookmark", "soft-page-break",
})
_TEXT_ATTRIBUTES = ("descr", "title", "instr", "Target", "alt", "href", "string-value", "tooltip", "author",
                    "displayName")
"""Attributes that hold text a reader of the file can find: an image's alternative text, a field's
instruction (HYPERLINK "tel:…"), a link's address and tip, a reviser's or a commenter's name; and a
document variable's value (``w:docVar``, ``p:tag``: where OA plug-ins keep their data)."""
_BEFORE_ONLY = frozenset({"delText", "delInstrText"})
_VALUES = frozenset({"numCache", "numLit"})
"""A chart's numbers, cached from the cells it draws (read there, with their formats)."""
_LABELS = frozenset({"cat", "xVal"})
"""Where a chart's numbers are its labels (categories, an x axis), which are read."""
_BEFORE_CONTAINERS = frozenset({"del", "moveFrom"})
_NOW_CONTAINERS = frozenset({"ins", "moveTo"})
_ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_MAX_SPACES = 64


def _xml_passages(data: bytes, prefix: str, name: str, *, pivot_amounts: frozenset[int] | None = None,
                  chart: bool = False) -> Iterator[Passage]:
    """The part's text as it is now and, with track changes, as it was before them.

    ``pivot_amounts``: the part is a pivot table's cache; its numbers in these fields (and its fractions)
    are amounts.  ``chart``: the part is an OpenDocument chart's table, whose numbers are its values.
    A chart's cached numbers (``c:numCache``) are values too: a person's number is no chart's value."""
    where = prefix + _part_name(name)
    now: list[str] = []
    before: list[str] = []
    stack: list[list] = []  # [local name, whether it holds character data]
    state = {"inserted": 0, "deleted": 0, "changed": False, "values": 0}
    pivot = pivot_amounts is not None
    pivot_state = {"field": -1}

    def add(text: str) -> None:
        if not state["deleted"]:
            now.append(text)
        if not state["inserted"]:
            before.append(text)

    def start(tag: str, attrs: dict[str, str]) -> None:
        local = tag.rpartition(" ")[2]
        parent = stack[-1][0] if stack else ""
        stack.append([local, False])
        if (local in _VALUES and not any(e[0] in _LABELS for e in stack)) or \
                (chart and local == "table-cell" and attrs.get(f"{_OFFICE} value-type") == "float"):
            state["values"] += 1
            stack[-1].append(True)
        if pivot:
            if local == "r":
                pivot_state["field"] = -1
            elif local == "cacheField" or parent == "r":
                pivot_state["field"] += 1
        if local in _BEFORE_CONTAINERS or local in _BEFORE_ONLY:
            state["deleted"] += 1
            state["changed"] = True
        elif local in _NOW_CONTAINERS:
            state["inserted"] += 1
            state["changed"] = True
        for key, value in attrs.items():
            attribute = key.rpartition(" ")[2]
            if attribute in _TEXT_ATTRIBUTES or (attribute == "val" and local in ("docVar", "tag")) \
                    or (attribute == "name" and local == "cmAuthor"):
                add(_APART + value + _APART)
            elif pivot and key == "v":
                if local == "n" and (pivot_state["field"] in pivot_amounts or not plain_number(value)):
                    continue  # a number of the source's: in an amount's field, or a fraction, it is none
                add(_APART + value + _APART)
        if local == "s" and tag.startswith(_ODF_TEXT):
            count = attrs.get(_ODF_TEXT + " c", "1")
            add(" " * min(int(count) if count.isdigit() else 1, _MAX_SPACES))

    def end(tag: str) -> None:
        local, held, *values = stack.pop()
        if values:
            state["values"] -= 1
        if local in _BEFORE_CONTAINERS or local in _BEFORE_ONLY:
            state["deleted"] -= 1
        elif local in _NOW_CONTAINERS:
            state["inserted"] -= 1
        if local in _SEPARATE or (held and local not in _INLINE):
            add(_APART)

    def text(data: str) -> None:
        if state["values"]:
            return
        if stack:
            stack[-1][1] = True
            if external and stack[-1][0] == "v":
                data = plain_number(data)  # another workbook's cell: a fraction is no person's number
        add(data)

    external = name.startswith("xl/externalLinks/")
    _parse(data, start, end, text, name)
    shown = "".join(now)
    if any(map(str.strip, now)):
        yield Passage(where, shown)
    if state["changed"] and "".join(before) != shown:
        yield Passage(where + "里修订前的文字（删去的内容仍保存在文件里，显示修订即可看到）", "".join(before),
                      fallback=True)


_DECLARED = re.compile(rb"""\A(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def _parse(data: bytes, start, end, text, name: str) -> None:
    declared = _DECLARED.match(data)
    if declared and declared.group(1).lower().replace(b"-", b"").replace(b"_", b"") not in (
            b"utf8", b"utf16", b"usascii", b"ascii", b"iso88591", b"latin1"):
        # expat reads UTF-8, UTF-16 and Latin-1 only: a GBK export is read with Python's codec
        encoding = declared.group(1).decode("ascii")
        try:
            decoded = data.decode(encoding, errors="replace")
        except LookupError:
            raise NotReadable(f"用了无法识别的编码 {encoding}") from None
        data = (data[:declared.start(1)].decode("ascii", "replace") + "UTF-8"
                + decoded[len(data[:declared.end(1)].decode(encoding, "replace")):]).encode("utf-8")
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.buffer_text = True
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise NotReadable(f"已损坏（第 {exc.lineno} 行起不是完好的 XML）") from exc
    except ValueError as exc:  # a handler's value (not this code's: all are guarded)
        raise NotReadable(f"已损坏（{type(exc).__name__}）") from exc


# -- OFD pages -----------------------------------------------------------------------------------

def _ofd_passages(data: bytes, where: str) -> Iterator[Passage]:
    """An OFD page's text laid out by its positions, as a PDF's text is: text objects on one line in
    the order of their places, joined where they touch (some writers place each character as an object
    of its own) and with a space where they stand apart (a table's cells)."""
    objects: list[tuple[float, float, float, float, str]] = []  # y, x, width, size, text
    current: dict | None = None
    codes: list[str] = []

    def number(text: str, default: float = 0.0) -> float:
        try:
            return float(text)
        except ValueError:
            return default

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal current
        local = tag.rpartition(" ")[2]
        if local == "TextObject":
            box = [number(v) for v in attrs.get("Boundary", "").split()] + [0.0] * 4
            current = {"x": box[0], "y": box[1], "w": box[2], "size": number(attrs.get("Size", ""), box[3] or 1)}
            codes.clear()
        elif local == "TextCode" and current is not None and codes:
            codes.append("" if not attrs.get("Y") or attrs.get("Y") == current.get("code_y") else "\n")
        if local == "TextCode" and current is not None:
            current["code_y"] = attrs.get("Y")

    def end(tag: str) -> None:
        nonlocal current
        if tag.rpartition(" ")[2] == "TextObject" and current is not None:
            objects.append((current["y"], current["x"], current["w"], current["size"], "".join(codes)))
            current = None

    def text(data: str) -> None:
        if current is not None:
            codes.append(data)

    _parse(data, start, end, text, "Content.xml")
    lines: list[list[tuple[float, float, float, float, str]]] = []
    for obj in sorted(objects, key=lambda o: (o[0], o[1])):
        if lines and abs(obj[0] - lines[-1][0][0]) <= max(obj[3], lines[-1][0][3]) * 0.5:
            lines[-1].append(obj)
        else:
            lines.append([obj])
    out = []
    for line in lines:
        parts, right = [], None
        for y, x, w, size, piece in sorted(line, key=lambda o: o[1]):
            if right is not None and x - right > size * 0.6:
                parts.append(" ")
            parts.append(piece)
            right = x + w if w else x + size * len(piece)
        out.append("".join(parts))
    if any(map(str.strip, out)):
        yield Passage(where, "\n".join(out), "laid_out")


# -- workbooks -----------------------------------------------------------------------------------

_REL_ID = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships id",
           "http://purl.oclc.org/ooxml/officeDocument/relationships id")


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
    quoted = "".join(_QUOTED.findall(code))  # text a format shows around the number: "Tel."0, 0"元"
    code = _QUOTED.sub("", code)
    return any(mark in code for mark in (",", ".", "%", "¥", "￥", "$", "E+", "e+")) or \
        any(unit in quoted for unit in ("元", "¥", "￥", "$", "%"))


_NOT_SHOWN = re.compile(r'\\.|\[(?!\$[^-\]])[^\]]*\]')
_QUOTED = re.compile(r'"([^"]*)"')
"""An escaped character, and a bracket that shows nothing: a colour, a condition, a locale ([$-804])."""


def _amount_styles(data: bytes) -> tuple[frozenset[int], frozenset[int]]:
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
    _parse(data, start, end, _none, "xl/styles.xml")
    ids = frozenset(f for f, code in custom.items() if is_amount_format(code)) | (_AMOUNT_FORMATS - custom.keys())
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


def plain_number(value: str) -> str:
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


def _sheet_passages(data: bytes, shared: list[str], used: set[int], amounts: frozenset[int], prefix: str,
                    sheet: str, hidden_sheet: str) -> Iterator[Passage]:
    """One passage per cell that holds text, named by its sheet and address, and the sheet's page
    headers and footers; a number shown as an amount (``amounts``: its style's) is no person's number,
    as 13,912,345,678.00 on a page is not."""
    hidden_columns = _Ranges()
    cells: list[tuple[str, str]] = []
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
            extras.extend(_APART + attrs.get(key, "") for key in ("display", "tooltip"))

    def end(tag: str) -> None:
        local = tag.rpartition(" ")[2]
        if local in ("v", "is", "f") or local in _HEADER_FOOTER or local in _SHEET_FORMULAS:
            state["in"] = None
            if local in _HEADER_FOOTER:
                headers.append(_APART)
            elif local in _SHEET_FORMULAS:
                extras.append(_APART)
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
                text = plain_number(text)
            if not text.strip() and formula:  # a formula not yet computed: what Excel will show
                text = "".join(m.group(1).replace('""', '"') for m in _LITERAL.finditer("".join(formula)))
            if text.strip():
                hidden = [w for w, h in (("行", state["row_hidden"]), ("列", state["col"] in hidden_columns)) if h]
                note = f"（隐藏的{'、'.join(hidden)}）" if hidden else ""
                cells.append((f"{column_name(state['col'])}{state['row']} 格{note}", text))

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
    _parse(data, start, end, text, sheet)
    where = f"{prefix}{hidden_sheet}工作表「{sheet}」的 "
    for address, text in cells:
        yield Passage(where + address, text)
    if any(map(str.strip, headers)):
        yield Passage(where + "页眉或页脚", "".join(headers))
    if any(map(str.strip, extras)):
        yield Passage(where + "数据验证、条件格式或链接", "".join(extras))


_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


_NUMBER_STYLE = "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"


def _ods_passages(data: bytes, prefix: str) -> Iterator[Passage]:
    """An OpenDocument spreadsheet's cells, named by sheet and address (repeated rows and columns
    counted, never walked), with a number's stored value as well as its shown text; a number whose
    cell's style shows an amount (decimals, thousands, a currency, a per cent) is none, as in Excel."""
    cells: list[tuple[str, str, str]] = []  # sheet, address, text
    others: list[str] = []
    state = {"sheet": "", "row": 0, "col": 0, "rows": 1, "cols": 1, "data_style": "", "amount": False}
    amount_data_styles: set[str] = set()
    cell_styles: dict[str, str] = {}  # cell style → its data style
    columns: list[tuple[int, str, int]] = []  # (first column, default cell style, how many), in order
    cell: list[str] | None = None  # the cell being read: its stored value, then its shown text

    def repeat(attrs: dict[str, str], key: str) -> int:
        value = attrs.get(f"{_TABLE} {key}", "1")
        return int(value) if value.isdigit() else 1

    def into() -> list[str]:
        return cell if cell is not None else others

    def shows_amount(style: str) -> bool:
        return cell_styles.get(style, "") in amount_data_styles

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal cell
        if tag.startswith(_NUMBER_STYLE):
            local = tag.rpartition(" ")[2]
            if local in ("number-style", "currency-style", "percentage-style"):
                state["data_style"] = attrs.get(f"{_STYLE} name", "")
                if local != "number-style":
                    amount_data_styles.add(state["data_style"])
            elif local == "number" and (attrs.get(f"{_NUMBER_STYLE} grouping") == "true" or any(
                    attrs.get(f"{_NUMBER_STYLE} {k}", "0") not in ("0", "") for k in ("decimal-places",
                                                                                   "min-decimal-places"))):
                amount_data_styles.add(state["data_style"])
            elif local == "scientific-number":
                amount_data_styles.add(state["data_style"])
        elif tag == f"{_STYLE} style" and f"{_STYLE} data-style-name" in attrs:
            cell_styles[attrs.get(f"{_STYLE} name", "")] = attrs[f"{_STYLE} data-style-name"]
        elif tag == f"{_TABLE} table":
            state.update(sheet=attrs.get(f"{_TABLE} name", ""), row=0)
            columns.clear()
        elif tag == f"{_TABLE} table-column":
            first = columns[-1][0] + columns[-1][2] if columns else 1
            columns.append((first, attrs.get(f"{_TABLE} default-cell-style-name", ""),
                            repeat(attrs, "number-columns-repeated")))
        elif tag == f"{_TABLE} table-row":
            state.update(row=state["row"] + 1, col=0, rows=repeat(attrs, "number-rows-repeated"))
        elif tag in (f"{_TABLE} table-cell", f"{_TABLE} covered-table-cell"):
            state.update(col=state["col"] + 1, cols=repeat(attrs, "number-columns-repeated"))
            style = attrs.get(f"{_TABLE} style-name") or _column_style(columns, state["col"])
            stored = attrs.get(f"{_OFFICE} value", "") if attrs.get(f"{_OFFICE} value-type") == "float" else ""
            state["amount"] = bool(stored) and shows_amount(style)
            cell = [plain_number(stored), _APART] if stored and not state["amount"] else []
        elif tag == f"{_ODF_TEXT} s":
            count = attrs.get(_ODF_TEXT + " c", "1")
            into().append(" " * min(int(count) if count.isdigit() else 1, _MAX_SPACES))

    def end(tag: str) -> None:
        nonlocal cell
        if tag in (f"{_TABLE} table-cell", f"{_TABLE} covered-table-cell"):
            text = "".join(cell or ())
            if text.strip(_APART + " \t\n") and not state["amount"]:
                cells.append((state["sheet"], f"{column_name(state['col'])}{state['row']} 格", text))
            state["col"] += state["cols"] - 1
            cell = None
        elif tag == f"{_TABLE} table-row":
            state["row"] += state["rows"] - 1
        elif tag in (f"{_ODF_TEXT} p", f"{_ODF_TEXT} h", f"{_ODF_TEXT} line-break", f"{_ODF_TEXT} tab"):
            into().append(_APART)

    def text(data: str) -> None:
        if not state["amount"] or cell is None:
            into().append(data)

    _parse(data, start, end, text, "content.xml")
    for sheet, address, text in cells:
        yield Passage(f"{prefix}工作表「{sheet}」的 {address}", text)
    if any(map(str.strip, others)):
        yield Passage(prefix + "正文", "".join(others))


def _column_style(columns: list[tuple[int, str, int]], col: int) -> str:
    """The default cell style of column ``col`` (from 1) of the table being read."""
    for first, style, count in columns:
        if first <= col < first + count:
            return style
    return ""


# -- OLE compound files (Office 97–2003, WPS before 2013) and RTF --------------------------------

_DIGIT = re.compile(r"\d")


def _stream_text(stream: bytes) -> str:
    """A stream as text three ways, each apart from the next: UTF-16 at either byte parity and single
    bytes.  What is not text reads as other characters, never as a run of digits."""
    parts = [stream[parity:len(stream) - (len(stream) - parity) % 2].decode("utf-16-le", errors="replace")
             for parity in (0, 1)]
    parts.append(stream.decode("latin-1"))
    return _APART.join(parts).replace("\r", "\n")


def _xls_passages(data: bytes, prefix: str) -> Iterator[Passage]:
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


def _rtf_text(data: bytes) -> str:
    """An RTF file's text as Word shows it (striprtf: \\uN and \\'hh read in the file's code page;
    pictures, the theme and other hidden destinations out)."""
    from striprtf.striprtf import rtf_to_text

    try:
        return rtf_to_text(data.decode("latin-1"), errors="replace")
    except Exception as exc:  # a malformed file: striprtf raises what its parsing meets
        raise NotReadable(f"已损坏（{type(exc).__name__}）") from exc
