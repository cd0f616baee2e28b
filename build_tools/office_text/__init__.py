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

The package: this module reads a file by what it is (its first bytes) and
walks archives, packages and compound files; :mod:`.xml_parts` reads an XML
part and names it, :mod:`.workbooks` reads cells (Excel 2007 on, Excel 97,
OpenDocument), :mod:`.ofd` lays out an OFD page, :mod:`.binary` reads Office
97 streams and RTF, :mod:`.parse` runs expat.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator

from ..attachments import MAX_TEXT_BYTES, extension, zip_member_name as _member_name
from .binary import DIGIT, PICTURE_STREAMS, STREAM_PLACES, rtf_raw_text, rtf_text, stream_text
from .ofd import ofd_passages
from .parse import parse_xml
from .pictures import PICTURES, picture_metadata
from .passage import APART, MAX_DEPTH, TOO_DEEP, NotReadable, Passage, TooLarge, ignore
from .workbooks import (AMOUNT_FORMATS, MAYBE_IN_SHEET, PIVOT_PART, REL_ID, amount_styles, ods_passages,
                        pivot_amount_fields, shared_strings, sheet_passages, xls_passages, is_amount_format)
from .xml_parts import part_name, xml_passages

__all__ = ["MAX_DEPTH", "NO_TEXT", "NotReadable", "Passage", "is_amount_format", "passages"]


_CHART_OBJECT = re.compile(r"Object \d+/content\.xml")
"""An OpenDocument file's embedded object (a chart's own data table when it is an office:chart)."""


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
_UTF16 = (b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")
_MIME = (b"MIME-Version:", b"From:", b"Content-Type:", b"Return-Path:", b"Received:")
_RTF_OBJECT = re.compile(rb"\\objdata\b\s*([0-9a-fA-F\s]+)")
"""An object embedded in an RTF file: its OLE 1 header and the file, written in hexadecimal."""
_TEXT_FILES = frozenset({"csv", "txt", "tsv", "htm", "html", "xml", "json", "md", "ini", "log"})
"""Members of an archive read as text files."""
NO_TEXT = frozenset({"png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff", "emf", "wmf", "ico", "webp", "heic",
                     "mp3", "mp4", "wav", "avi", "wmv", "mov", "m4a", "mkv", "flac", "ogg", "webm", "ttf", "otf",
                     "odttf", "fntdata", "eot", "woff", "woff2", "jb2", "jbig2"})
"""Files without text to read (pictures, audio, video, fonts), by extension: an attachment or a member
of one.  (An SVG picture is XML, and read.)"""


class _Reader:
    def __init__(self, wanted: Callable[[str], bool] | None) -> None:
        self.left = MAX_TEXT_BYTES
        """Bytes left to decompress for this attachment (a ZIP bomb stops here, not the build)."""
        self.wanted = wanted

    def take(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
        if info.file_size > self.left:
            raise _too_large()
        try:
            with archive.open(info) as f:
                data = f.read(self.left + 1)
        except RuntimeError as exc:  # zipfile: a member that needs a password
            raise NotReadable("有密码保护") from exc
        except Exception as exc:  # zipfile, zlib: a damaged member raises many kinds
            raise NotReadable(f"已损坏（{type(exc).__name__}）") from exc
        if len(data) > self.left:
            raise _too_large()
        self.left -= len(data)
        return data

    def read(self, data: bytes, ext: str, prefix: str, depth: int, top: bool = False) -> Iterator[Passage]:
        if data.startswith(_ZIP):
            yield from self.zip(data, prefix, depth)
        elif data.startswith(_OLE):
            yield from self.ole(data, prefix, depth)
        elif data.startswith(b"{\\rtf"):
            yield Passage(prefix + "文字", rtf_text(data))
            yield Passage(prefix + "批注、文件属性或域代码", rtf_raw_text(data), fallback=True, raw=True)
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
            if ext in _TEXT_FILES or (ext not in NO_TEXT and data and b"\0" not in data[:4096]):
                from ..search.text import decode_text
                yield Passage(prefix + "文字", decode_text(data).replace("\t", APART), "markup")
            elif ext not in NO_TEXT and data:
                raise NotReadable(f"是本检查读不了的文件类型（.{ext}）")
        elif data.startswith(b"%PDF-"):
            yield from _pdf_passages(data, prefix)
        elif ext in _TEXT_FILES or (ext not in NO_TEXT and b"\0" not in data[:4096]):
            from ..search.text import decode_text
            yield Passage(prefix + "文字", decode_text(data).replace("\t", APART), "markup")
        elif ext not in NO_TEXT:
            yield Passage(prefix + "文字", stream_text(data), fallback=True, raw=True)

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
            raise _too_large()
        self.left -= len(inner)
        if depth >= MAX_DEPTH:
            raise NotReadable(TOO_DEEP)
        yield from self.read(inner, ext, prefix, depth + 1)

    def tar(self, data: bytes, prefix: str, depth: int) -> Iterator[Passage]:
        import tarfile

        try:
            archive = tarfile.open(fileobj=io.BytesIO(data))
            members = [m for m in archive.getmembers() if m.isfile()]
        except Exception as exc:
            raise NotReadable(f"已损坏（{type(exc).__name__}）") from exc
        if depth >= MAX_DEPTH:
            raise NotReadable(TOO_DEEP)
        for member in members:
            name = member.name
            ext = extension(name)
            if ext in NO_TEXT:
                continue
            if member.size > self.left:
                raise _too_large()
            inner = archive.extractfile(member).read()
            self.left -= len(inner)
            try:
                yield from self.read(inner, ext, f"{prefix}其中的 {name} ", depth + 1)
            except TooLarge:
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
                raise _too_large()
            kind = part.get_content_type()
            filename = _header_text(part.get_filename() or "")
            where = f"{prefix}其中的 {filename} " if filename else f"{prefix}第 {n} 部分（{kind}）"
            if kind.startswith("text/"):
                charset = part.get_content_charset() or "utf-8"
                try:
                    text = payload.decode(charset, errors="replace")
                except LookupError:
                    from ..search.text import decode_text
                    text = decode_text(payload)
                yield Passage(where, text, "markup")
            elif not kind.startswith(("image/", "audio/", "video/", "font/")):
                if depth >= MAX_DEPTH:
                    yield Passage(where, "", unread=TOO_DEEP)
                    continue
                ext = extension(filename)
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
            amount_formats: frozenset[int] = AMOUNT_FORMATS
            shared: list[str] = []
            if sheets:
                if "xl/styles.xml" in names:
                    amounts, amount_formats = amount_styles(self.take(archive, archive.getinfo("xl/styles.xml")))
                if "xl/sharedStrings.xml" in names:
                    shared = shared_strings(self.take(archive, archive.getinfo("xl/sharedStrings.xml")))
            used: set[int] = set()
            maybe = bool(shared) and (self.wanted is None or any(map(self.wanted, shared)))
            spreadsheet = "content.xml" in names and b"spreadsheet" in _peek(archive, names, "mimetype")
            ofd = "OFD.xml" in names
            # the members' names: an archive's files are named by whom they are about (张三-110101…-申请表.txt, a
            # picture's too: a review found them published)
            yield Passage(f"{prefix}其中的文件名", APART.join(_member_name(i) for i in members))
            for info in members:
                name = info.filename
                shown = _member_name(info)
                ext = extension(shown)
                if ext in PICTURES and not name.startswith("Thumbnails/"):  # a photo pasted in: its metadata's texts
                    for where, text in picture_metadata(self.take(archive, info))[0]:
                        yield Passage(f"{prefix}图片 {shown} 的{where}", text)
                    continue
                if (sheets and name in ("xl/sharedStrings.xml", "xl/styles.xml")) or name == "mimetype" or ext in NO_TEXT \
                        or _TEMPLATE_PARTS.fullmatch(name) or name.startswith(("ObjectReplacements/", "Thumbnails/")):
                    continue
                try:
                    member = self.take(archive, info)
                    if name in sheets:
                        sheet, hidden = sheets[name]
                        if not maybe and self.wanted is not None and not member.startswith(_UTF16) \
                                and not MAYBE_IN_SHEET.search(member):
                            used.update(range(len(shared)))  # none is wanted: none is reported unshown
                            continue
                        yield from sheet_passages(member, shared, used, amounts, prefix, sheet, hidden)
                    elif spreadsheet and name == "content.xml":
                        styles = self.take(archive, archive.getinfo("styles.xml")) if "styles.xml" in names else b""
                        yield from ods_passages(member, prefix, styles)
                    elif ofd and ext == "xml" and b"TextObject" in member:  # a page, a template, an annotation
                        yield from ofd_passages(member, prefix + part_name(name))
                    elif _CHART_OBJECT.fullmatch(name) and b"<office:chart" in member:
                        yield from xml_passages(member, prefix, name, chart=True)
                    elif ext in ("xml", "rels", "vml") or (not ext and member.lstrip()[:5] == b"<?xml"):
                        pivot = PIVOT_PART.fullmatch(name)
                        fields = (pivot_amount_fields(archive, names, pivot.group(1), amount_formats, self.take)
                                  if pivot else None)
                        yield from xml_passages(member, prefix, name, pivot_amounts=fields)
                    else:
                        if member.startswith((*_ZIP, _OLE)) and depth >= MAX_DEPTH:
                            raise NotReadable(TOO_DEEP)
                        yield from self.read(member, ext, f"{prefix}其中的 {shown} ", depth + 1)
                except TooLarge:
                    raise
                except NotReadable as exc:
                    yield Passage(f"{prefix}其中的 {shown} ", "", unread=exc.args[0])
            unused = [text for i, text in enumerate(shared) if i not in used]
            if unused:  # strings kept in the file that no cell shows (a cell since cleared, another tool's)
                yield Passage(prefix + "保存在文件里、没有显示在任何单元格中的文字", APART.join(unused))

    def workbook(self, archive: zipfile.ZipFile, names: set[str]) -> dict[str, tuple[str, str]]:
        """Part name → (sheet name, "隐藏的" or ""), from the workbook and its relationships."""
        targets: dict[str, str] = {}
        if "xl/_rels/workbook.xml.rels" in names:
            def rel(tag: str, attrs: dict[str, str]) -> None:
                if tag.endswith("Relationship") and "Id" in attrs:
                    target = attrs.get("Target", "")
                    targets[attrs["Id"]] = (target.lstrip("/") if target.startswith("/")
                                            else posixpath.normpath(posixpath.join("xl", target)))
            parse_xml(self.take(archive, archive.getinfo("xl/_rels/workbook.xml.rels")), rel, ignore, ignore,
                   "xl/_rels/workbook.xml.rels")
        sheets: dict[str, tuple[str, str]] = {}

        def sheet(tag: str, attrs: dict[str, str]) -> None:
            if tag.rpartition(" ")[2] != "sheet":
                return
            part = targets.get(next((attrs[k] for k in REL_ID if k in attrs), ""))
            if part:
                hidden = "隐藏的" if attrs.get("state") in ("hidden", "veryHidden") else ""
                sheets[part] = (attrs.get("name", part), hidden)
        parse_xml(self.take(archive, archive.getinfo("xl/workbook.xml")), sheet, ignore, ignore, "xl/workbook.xml")
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
                try:
                    yield from xls_passages(data, prefix)
                except NotReadable as exc:  # the cells unread: the streams' text is all there is
                    yield Passage(prefix + "单元格", "", unread=exc.args[0])
                    workbook = False
            for name in streams:
                try:
                    stream = ole.openstream(name).read(min(self.left, max(allowed, 0)) + 1)
                except Exception as exc:
                    yield Passage(f"{prefix}其中的 {name} ", "", unread=f"已损坏（{type(exc).__name__}）")
                    continue
                if len(stream) > self.left:
                    raise _too_large()
                self.left -= len(stream)  # streams may share sectors: each read counts
                allowed -= len(stream)
                if allowed < 0:
                    raise NotReadable("已损坏（其中的流相互重叠）")
                if name == "WordDocument" and len(stream) > 11 and stream[11] & 0x01:  # fEncrypted in the FIB
                    raise NotReadable("有密码保护")
                if name.endswith("\x01Ole10Native") or stream.startswith((*_ZIP, _OLE, b"%PDF-", b"{\\rtf")):
                    yield from self.embedded(stream, prefix, depth)
                if PICTURE_STREAMS.fullmatch(name.rpartition("/")[2]):
                    continue
                text = stream_text(stream)
                if DIGIT.search(text):
                    yield Passage(prefix + STREAM_PLACES.get(name.rpartition("/")[2], f"内部的 {name}"), text,
                                  fallback=workbook, raw=True)

    def embedded(self, stream: bytes, prefix: str, depth: int) -> Iterator[Passage]:
        """A file embedded in a stream: an OLE package (``\\x01Ole10Native``: a size, a label, paths,
        then the file) or a stream that is a file (``Package``, ``CONTENTS``)."""
        at = min((i for i in (stream.find(s) for s in (*_ZIP, _OLE, b"%PDF-", b"{\\rtf")) if i >= 0), default=-1)
        if at < 0:
            return
        if depth >= MAX_DEPTH:
            yield Passage(f"{prefix}嵌入的对象", "", unread=TOO_DEEP)
            return
        try:
            yield from self.read(stream[at:], "", f"{prefix}嵌入的对象中的 ", depth + 1)
        except TooLarge:
            raise
        except NotReadable as exc:
            yield Passage(f"{prefix}嵌入的对象", "", unread=exc.args[0])


def _too_large() -> TooLarge:
    return TooLarge(f"解压后大于 {MAX_TEXT_BYTES >> 20} MB")


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


def _peek(archive: zipfile.ZipFile, names: set[str], name: str) -> bytes:
    if name not in names:
        return b""
    try:
        with archive.open(name) as f:
            return f.read(256)
    except Exception:  # read again, and reported, as a member
        return b""


_TEMPLATE_PARTS = re.compile(r"word/(?:styles|stylesWithEffects|fontTable|webSettings)\.xml|(?:word|xl|ppt)/theme/.*"
                             r"|ppt/(?:presProps|viewProps|tableStyles)\.xml|xl/calcChain\.xml")
"""Parts of an Office template that hold no text of the document (styles, fonts, the theme, a
workbook's order of calculation): a Word file's styles alone are some 800 KB, 80 ms to read."""


def _pdf_passages(data: bytes, where: str) -> Iterator[Passage]:
    from ..search.text import pdf_pages
    try:
        pages = pdf_pages(data)
    except Exception as exc:  # pypdf raises many kinds for a broken file
        raise NotReadable(f"无法读取（{type(exc).__name__}）") from exc
    for n, text in enumerate(pages, start=1):
        yield Passage(f"{where}第 {n} 页", text, "laid_out")
