"""Attachment files: what they really are, read a little at a time.

An office publishes what its staff upload: a PDF saved as zero bytes by a
full disk, a download cut short, a PDF that opens only with a password, a
ZIP renamed ``.pdf``.  Each would be published and fail in the reader's
browser, so :func:`inspect` looks at the content rather than the name:

- the first bytes must be the signature of the type the extension names
  (PDF ``%PDF-``; DOCX/XLSX/PPTX/OFD/ODT/ODS/ZIP are ZIP archives; DOC/XLS/
  PPT/WPS/ET are OLE compound files, ``D0 CF 11 E0``; images, audio, video);
- a PDF must end with ``%%EOF``, open in pypdf and not need a password;
  a ZIP-based file must have a readable directory.

Nothing is read whole: signatures come from the first bytes, the ``%%EOF``
from the last kilobyte, pypdf and zipfile seek in an open file, and digests
are computed in 1 MiB blocks, so three 400 MB videos cost a few megabytes.
pypdf's own English log lines and warnings are silenced (:func:`quiet_pypdf`):
the problems are reported once, in Chinese, by ``catalogue check``.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import lzma
import os
import posixpath
import stat
import struct
import warnings
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .machinery.remade import new_file_hash
from .model.not_public_names import path_not_public

MAX_PDF_PARSE = 256 << 20
"""PDFs larger than this are checked by signature and ending only (pypdf may read a damaged file whole)."""
MAX_TEXT_BYTES = 64 << 20
"""Attachments larger than this contribute no text to search (their name still does)."""
TEXT_TYPES = frozenset({"pdf", "csv", "txt"})
"""Types search extracts text from; others are never read for search."""

_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "docx": _ZIP, "xlsx": _ZIP, "pptx": _ZIP, "ofd": _ZIP, "odt": _ZIP, "ods": _ZIP, "zip": _ZIP,
    "doc": _OLE + (b"{\\rtf",), "xls": _OLE, "ppt": _OLE,
    "wps": _OLE + _ZIP, "et": _OLE + _ZIP,  # WPS Office writes either, by version
    "rar": (b"Rar!\x1a\x07",), "7z": (b"7z\xbc\xaf\x27\x1c",),
    "jpg": (b"\xff\xd8\xff",), "jpeg": (b"\xff\xd8\xff",), "png": (b"\x89PNG\r\n\x1a\n",),
    "gif": (b"GIF87a", b"GIF89a"),
}
_KNOWN = {b"%PDF-": "PDF", b"PK\x03\x04": "ZIP 压缩包（或 Word/Excel/OFD 等新格式文档）",
          b"\xd0\xcf\x11\xe0": "旧版 Office 文档（或加密的 Office 文档）", b"Rar!": "RAR 压缩包",
          b"7z\xbc\xaf": "7z 压缩包", b"\xff\xd8\xff": "JPEG 图片", b"\x89PNG": "PNG 图片", b"GIF8": "GIF 图片",
          b"<!DOCTYPE": "网页（HTML）", b"<html": "网页（HTML）", b"<HTML": "网页（HTML）", b"<?xml": "XML 文件",
          b"{\\rtf": "RTF 文档"}


@dataclass(frozen=True, slots=True)
class Finding:
    """Why an attachment cannot be published as it is."""

    code: str
    """``attachment-empty``, ``attachment-wrong-type``, ``attachment-damaged``, ``attachment-encrypted`` or
    ``attachment-filed-not-public`` (a ZIP holding a file filed or named not public)."""
    reason: str
    """What is wrong, in plain Chinese."""


def extension(rel: str) -> str:
    """``附件/预算表.PDF`` → ``pdf``."""
    return posixpath.splitext(rel)[1].lower().lstrip(".")


@contextlib.contextmanager
def quiet_pypdf() -> Iterator[None]:
    """Silence pypdf's English log lines and warnings (the caller reports in Chinese)."""
    # Its modules log through child loggers (pypdf._reader …), whose records a disabled parent would
    # still pass on to the root's handlers: stopped at the parent, by a handler that drops them.
    logger = logging.getLogger("pypdf")
    disabled, propagate, sink = logger.disabled, logger.propagate, logging.NullHandler()
    logger.disabled, logger.propagate = True, False
    logger.addHandler(sink)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.removeHandler(sink)
        logger.disabled, logger.propagate = disabled, propagate


def file_digest(path: Path) -> bytes:
    """The hash a build keeps of a file's bytes (:func:`~build_tools.machinery.remade.new_file_hash`), read a
    block at a time."""
    with open(path, "rb") as f:
        return hashlib.file_digest(f, new_file_hash).digest()


def text_bytes(path: Path, rel: str, kind: str | None = None) -> bytes:
    """The bytes search needs of an attachment: the whole file for a text-bearing type (``kind``, else
    its extension) up to :data:`MAX_TEXT_BYTES`, else nothing (never read)."""
    if (kind or extension(rel)) not in TEXT_TYPES or path.stat().st_size > MAX_TEXT_BYTES:
        return b""
    with open(path, "rb") as f:
        data = f.read(MAX_TEXT_BYTES + 1)
    return b"" if len(data) > MAX_TEXT_BYTES else data


def content_type(path: Path, rel: str) -> str:
    """The type the bytes of the attachment at ``path`` are, as an extension (``pdf``, ``docx`` …): its own
    extension when the content fits it or is of no type known here, else what the content is.

    A Word file saved as ``附件1.pdf`` is published as it is and opens in Word: the privacy check reads
    it as what it is (found by a review: read as a PDF, none of its text was looked at).
    """
    ext = extension(rel)
    try:
        with open(path, "rb") as f:
            head = f.read(1024)
            if not head or any(head.startswith(m) for m in _SIGNATURES.get(ext, ())):
                return ext
            if head.startswith(b"%PDF-") or ext not in ("csv", "txt") and b"%PDF-" in head:
                return "pdf"  # a text may name "%PDF-1.7"; a PDF may have bytes before its header
            if head.startswith((b"\xff\xfe", b"\xfe\xff")):
                return "txt"  # UTF-16 text (Notepad's "Unicode", Excel's "Unicode 文本") under another name
            if head.startswith(_ZIP):
                f.seek(0)
                try:
                    with zipfile.ZipFile(f) as z:
                        names = z.namelist()
                except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
                    return "zip"
                tops = {name.split("/", 1)[0] for name in names}
                return "docx" if "word" in tops else "xlsx" if "xl" in tops else "pptx" if "ppt" in tops else \
                    ext if ext in ("ofd", "odt", "ods", "wps", "et") else "zip"
    except OSError:
        return ext
    # The first type whose signature the head has (an OLE file is a doc, as the ZIP types were told apart
    # above); its own extension's signature returned before.
    found = next((kind for kind, marks in _SIGNATURES.items() if any(head.startswith(m) for m in marks)), None)
    if found is not None:
        return found
    if ext in _SIGNATURES and b"\x00" not in head:
        return "txt"  # text (a web page, a note) under a binary type's name
    return ext


def _what(head: bytes) -> str:
    for magic, name in _KNOWN.items():
        if head.startswith(magic):
            return name
    if head[4:8] == b"ftyp":
        return "MP4 视频"
    return "其他类型的文件"


def inspect(path: Path, rel: str) -> Finding | None:
    """What is wrong with the attachment at ``path`` (listed as ``rel``), or None if it looks whole.

    Raises OSError when the file cannot be read at all.
    """
    ext = extension(rel)
    with open(path, "rb") as f:
        head = f.read(1024)
        if not head:
            return Finding("attachment-empty", "是空文件（0 字节），通常是上传或复制时出了错")
        size = f.seek(0, 2)
        wanted = _SIGNATURES.get(ext)
        if wanted is not None:
            found = head if ext != "pdf" else head[head.find(b"%PDF-"):] if b"%PDF-" in head else head
            if not any(found.startswith(m) for m in wanted):
                return Finding("attachment-wrong-type",
                               f"扩展名是 .{ext}，内容却是{_what(head)}，下载后打不开")
        elif ext == "mp4" and head[4:8] != b"ftyp":
            return Finding("attachment-wrong-type", f"扩展名是 .mp4，内容却是{_what(head)}")
        elif ext == "mp3" and not (head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF
                                                                  and head[1] & 0xE0 == 0xE0)):
            return Finding("attachment-wrong-type", f"扩展名是 .mp3，内容却是{_what(head)}")
        elif ext in ("csv", "txt"):
            if _what(head) != "其他类型的文件" and not head.startswith((b"<?xml",)):
                return Finding("attachment-wrong-type", f"扩展名是 .{ext}，内容却是{_what(head)}")
            if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
                return Finding("attachment-wrong-type", f"扩展名是 .{ext}，内容却不是文字")
        if ext == "pdf":
            return _inspect_pdf(f, size)
        if wanted is _ZIP or (wanted and head.startswith(_ZIP)):
            return _inspect_zip(f, ext)
    return None


def _inspect_pdf(f, size: int) -> Finding | None:
    f.seek(max(0, size - 1024))
    if b"%%EOF" not in f.read():
        return Finding("attachment-damaged", "文件不完整（缺少 PDF 的结尾），通常是下载或复制时被截断了")
    if size > MAX_PDF_PARSE:
        return None
    f.seek(0)
    from pypdf import PdfReader  # imported on first use: most checks have no PDF
    from pypdf.errors import PyPdfError
    with quiet_pypdf():
        try:
            reader = PdfReader(f)
            if reader.is_encrypted:
                try:
                    opened = reader.decrypt("")
                except Exception:  # noqa: BLE001 - an unknown cipher is a PDF nobody can open
                    opened = 0
                if not opened:
                    return Finding("attachment-encrypted", "设置了打开密码，公众下载后无法打开")
            if len(reader.pages) == 0:
                return Finding("attachment-damaged", "PDF 中没有任何页面")
        except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
                RecursionError, AssertionError, OverflowError, ZeroDivisionError):
            return Finding("attachment-damaged", "PDF 已损坏，无法读取")
    return None


def zip_member_name(info: zipfile.ZipInfo) -> str:
    """A member's name as the archive's writer meant it, and as every Chinese unzip tool shows it: Chinese
    Windows' 压缩(zipped)文件夹 writes GBK without the UTF-8 flag, which zipfile then reads as code page 437
    (依申请公开/ as ╥└╔Ω╟δ╣½┐¬/).  The one reading of the name-check, the privacy check and the texts read."""
    if info.flag_bits & 0x800 or info.filename.isascii():
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _inspect_zip(f, ext: str) -> Finding | None:
    f.seek(0)
    try:
        with zipfile.ZipFile(f) as z:
            # GBK names read as GBK: a Windows-zipped 依申请公开/ was published unseen (a review)
            names = [zip_member_name(info) for info in z.infolist()]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):  # (an unknown ZIP version)
        return Finding("attachment-damaged", f".{ext} 文件已损坏（压缩结构无法读取），通常是下载或复制时被截断了")
    if ext in ("docx", "xlsx", "pptx") and "[Content_Types].xml" not in names:
        return Finding("attachment-wrong-type", f"扩展名是 .{ext}，内容却是普通的 ZIP 压缩包")
    if ext == "zip":  # a folder zipped whole: 依申请公开/处室审核意见.csv inside was published (a review)
        for name in names:
            where = path_not_public(name, hidden=True, ends=False)
            if where is not None:
                return Finding("attachment-filed-not-public", f"中的“{name}”{where}，会随压缩包一起发布")
    return None


def same_files(root: Path, rels: Iterable[str], *, copies: bool = False) -> dict[str, frozenset[str]]:
    """:func:`file_groups`' links, or with ``copies`` its copies."""
    links, copied = file_groups(root, rels)
    return copied if copies else links


def file_groups(root: Path, rels: Iterable[str]) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """For each of ``rels`` (paths below ``root``) that names the same file as another one (a symbolic
    or hard link) or a file of the same bytes (a copy), every such name among ``rels``; names of one
    file only are left out.

    The visibility gate and ``attachment-shared-not-public`` compare files, not names: a public
    record's ``files/a.csv`` that links to a withheld record's ``files/b.csv`` would publish it.  A copy
    publishes it too, and Git keeps no hard links: in the clone CI builds from, a hard link is a copy
    (an attack review found the withheld list published there).  With ``copies`` files of the same bytes are
    one file too (:func:`file_groups` gives both: links, then copies); only files of the same size are read.
    """
    by_file: dict[tuple[int, int], set[str]] = {}
    sizes: dict[tuple[int, int], int] = {}
    for rel in set(rels):
        try:
            st = os.stat(root / rel)
        except (OSError, ValueError):
            continue  # missing or unreadable: reported by the attachment checks
        if not stat.S_ISREG(st.st_mode):
            continue
        by_file.setdefault((st.st_dev, st.st_ino), set()).add(rel)
        sizes[(st.st_dev, st.st_ino)] = st.st_size
    links = {rel: frozenset(names) for names in by_file.values() if len(names) > 1 for rel in names}
    by_size: dict[int, list[tuple[int, int]]] = {}
    for file, size in sizes.items():
        if size:
            by_size.setdefault(size, []).append(file)
    for files in by_size.values():
        if len(files) < 2:
            continue
        by_bytes: dict[bytes, list[tuple[int, int]]] = {}
        for file in files:
            digest = _bytes_digest(root / min(by_file[file]))
            if digest is not None:
                by_bytes.setdefault(digest, []).append(file)
        for same in by_bytes.values():
            names = set().union(*(by_file[file] for file in same))
            for file in same:
                by_file[file] = names
    copies = {rel: set(names) for names in by_file.values() if len(names) > 1 for rel in names}
    for file, size in sizes.items():  # a ZIP holding another file's bytes holds a copy of it (a review)
        zipped = min(by_file[file])
        if zipped.lower().endswith(HOLDERS):
            for other in _zipped_copies(root / zipped, by_size, root, by_file, file):
                # one way: what withholds the file withholds the ZIP, not the other way round (a withheld case
                # file's ZIP holding a public blank form took the form off the site: a later review)
                for name in by_file[other]:
                    copies.setdefault(name, set(by_file[other])).update(by_file[file])
    return links, {rel: frozenset(names) for rel, names in copies.items()}


PACKAGES = (".zip", ".docx", ".docm", ".dotx", ".xlsx", ".xlsm", ".pptx", ".ppsx", ".ofd", ".odt", ".ods", ".odp",
             ".wps", ".et", ".dps", ".epub")
"""Files that are ZIP archives: a ZIP, and the Office, OFD and OpenDocument packages, whose members are the
document's parts (a withheld record's photo was published as ``word/media/image1.jpeg`` inside a public .docx: a
review)."""
OLE_FILES = (".doc", ".dot", ".xls", ".xlt", ".ppt", ".pps", ".pot", ".msg", ".vsd", ".pub", ".bin")
"""Files that are compound files (Office 97–2003's container; an OOXML package's ``embeddings/oleObject1.bin``;
WPS's older .wps, .et and .dps, told by their first bytes), whose streams may carry a file (插入 → 对象 → 由文件创建:
a withheld record's CSV inside a public Word file was published, a review)."""
HOLDERS = (*PACKAGES, ".pdf", *OLE_FILES)
"""Files that may hold other files: the ZIP archives, a PDF, which carries its 附件 as embedded files, and the
compound files."""
_ZIP_MAGIC, _OLE_MAGIC, _PDF_MAGIC = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"%PDF-"
_ZIPPED_LARGEST = 64 << 20
"""Members of a ZIP larger than this are not compared (a member is read whole to be compared)."""


def _zipped_copies(path: Path, by_size: dict[int, list[tuple[int, int]]], root: Path,
                   by_file: dict[tuple[int, int], set[str]], itself: tuple[int, int]) -> list[tuple[int, int]]:
    """The files among ``by_size`` whose bytes a member of the ZIP at ``path`` holds: a withheld record's list
    packed into a public 发文汇编.zip was published, the copy check comparing whole files only (a review)."""
    found: list[tuple[int, int]] = []
    try:
        with open(path, "rb") as fh:
            magic = fh.read(8)
    except OSError:
        return found
    _members(path, magic, _Copies(by_size, root, by_file, itself, found), _ZIP_DEPTH, path.name)
    return found


@dataclass
class _Copies:
    """What the files a container carries are compared with, and the files found among them."""

    by_size: dict[int, list[tuple[int, int]]]
    root: Path
    by_file: dict[tuple[int, int], set[str]]
    itself: tuple[int, int]
    found: list[tuple[int, int]]

    def wanted(self, size: int) -> bool:
        return any(f != self.itself and f not in self.found for f in self.by_size.get(size, ()))

    def compare(self, data: bytes) -> None:
        """Add to :attr:`found` the files of ``data``'s bytes."""
        candidates = [f for f in self.by_size.get(len(data), ()) if f != self.itself and f not in self.found]
        if candidates:
            digest = hashlib.blake2b(data, digest_size=20).digest()
            self.found += [f for f in candidates if _bytes_digest(self.root / min(self.by_file[f])) == digest]


def _members(source, magic: bytes, copies: _Copies, depth: int, name: str = "") -> None:
    """Compare the files a container carries (``source``: its path, or its bytes), told by its first bytes, or a
    PDF by its name too: a reader finds %PDF- within its first kilobyte, after a BOM or a line break (a PDF so made
    went unread: a review)."""
    if magic.startswith(_ZIP_MAGIC):
        _zip_members(source if isinstance(source, Path) else io.BytesIO(source), copies, depth)
    elif magic.startswith(_OLE_MAGIC):
        _ole_members(source, copies, depth)
    elif magic.startswith(_PDF_MAGIC) or name.lower().endswith(".pdf"):
        _pdf_members(source, copies)


def _pdf_members(source, copies: _Copies) -> None:
    """The files among ``by_size`` whose bytes a PDF carries as an embedded file (a PDF's 附件: a withheld photo
    embedded in a public PDF was published, a review)."""
    try:
        if isinstance(source, Path) and os.path.getsize(source) > _ZIPPED_LARGEST:  # bounded memory, as a ZIP's
            return
        from pypdf import PdfReader
        with (open(source, "rb") if isinstance(source, Path) else io.BytesIO(source)) as fh, quiet_pypdf():
            attached = PdfReader(fh).attachments  # a file, not its bytes: the cross-reference table is what is read
            contents_of = [attached[name] for name in attached]  # each embedded file's bytes, read now
        for contents in contents_of:
            for data in contents:
                copies.compare(data)
    except Exception:  # noqa: BLE001 - a damaged PDF is the attachment checks' to report; no traceback here
        return


def _ole_members(source, copies: _Copies, depth: int) -> None:
    """Compare each stream of a compound file, and the file an OLE package (``\\x01Ole10Native``) carries, and
    look into those that are containers themselves (a Word file embedded in a workbook)."""
    import olefile
    try:
        if isinstance(source, Path) and os.path.getsize(source) > _ZIPPED_LARGEST:
            return
        with olefile.OleFileIO(str(source) if isinstance(source, Path) else source) as ole:
            for entry in ole.listdir(streams=True, storages=False):
                size = ole.get_size(entry)
                if not 0 < size <= _ZIPPED_LARGEST:
                    continue
                data = ole.openstream(entry).read()
                carried = [data]
                if entry[-1] == "\x01Ole10Native":
                    native = _ole10_native(data)
                    if native is not None:
                        carried.append(native)
                for each in carried:
                    copies.compare(each)
                    if depth > 1:
                        _members(each, each[:8], copies, depth - 1)
    except Exception:  # noqa: BLE001 - damaged or not a compound file: the attachment checks say so
        return


def _ole10_native(stream: bytes) -> bytes | None:
    """The file an OLE package's ``\\x01Ole10Native`` stream carries, as the Packager writes it (Apache POI's
    ``Ole10Native``, oletools' ``OleNativeStream``): its size (4 bytes), flags (2), the label and the original path
    (each ending with NUL), flags and a reserved word (2 and 2), the temporary path's length (4) and the path,
    then the file's length (4) and bytes; None if the stream is not so made.  A layout with one reserved word fewer,
    which some writers use, is read too (the first reading skipped 2 bytes where Word writes 4: a review)."""
    try:
        at = 4 + 2
        for _ in range(2):
            at = stream.index(b"\0", at) + 1
    except ValueError:
        return None
    for skip in (4, 2):
        try:
            (length,) = struct.unpack_from("<I", stream, at + skip)
            start = at + skip + 4 + length
            (size,) = struct.unpack_from("<I", stream, start)
        except struct.error:
            continue
        if 0 < length <= 4096 and stream[start - 1:start] == b"\0" and 0 < size <= len(stream) - start - 4:
            return stream[start + 4:start + 4 + size]
    return None


_ZIP_DEPTH = 3
"""ZIPs inside ZIPs looked into (a withheld file in a 案卷.zip inside a public 汇编.zip was published: a review)."""


def _zip_members(source, copies: _Copies, depth: int) -> None:
    try:
        with zipfile.ZipFile(source) as z:
            for info in z.infolist():
                if info.is_dir() or not 0 < info.file_size <= _ZIPPED_LARGEST:
                    continue
                # a container inside: a ZIP, a PDF (a 汇编.zip's PDF carrying the withheld file: a review), a
                # compound file (an OOXML package's embeddings/oleObject1.bin)
                nested = depth > 1 and info.filename.lower().endswith(HOLDERS)
                if not copies.wanted(info.file_size) and not nested:
                    continue
                data = z.read(info)
                copies.compare(data)
                if nested:
                    _members(data, data[:8], copies, depth - 1, info.filename)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError, zlib.error,
            lzma.LZMAError):  # (bz2 raises OSError or ValueError)
        return  # unreadable, damaged inside or encrypted: the attachment checks say what is wrong with it


def _bytes_digest(path: Path) -> bytes | None:
    h = hashlib.blake2b(digest_size=20)
    try:
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return None
    return h.digest()
