"""Every text a reader of the site can see in an attachment, with where it stands in it.

For the check of withheld titles (:mod:`build_tools.checks.withheld_titles`): the file's name, then
what the privacy check reads in it, read as a reader reads it.

- A CSV file by its cells (the csv module: a cell's quotes and line breaks are the cell's), each
  at the line its row starts on.
- A text file as one text whose lines join (a title hard-wrapped over two lines is one title), a
  place by its line.
- A PDF's pages as one text (a title that runs from the foot of a page to the next), a place by
  its page, then each other text it carries (properties, bookmarks, comments, embedded files'
  names and texts: :func:`~build_tools.search.text.pdf_hidden_texts`).
- Office, OFD and ZIP files by every passage :mod:`build_tools.office_text` reads (a Word
  paragraph's or line's end joins: a 公文 title is set on two lines), their names for where
  they stand (a sheet's tab, a ZIP's members, named in GBK as Chinese Windows writes them).
- A picture by its metadata's texts.

A page laid out by rows (a PDF's, an OFD's) reads a table across: a title wrapped in its cell
has the next column's text between its halves.  Such texts are marked :attr:`Text.laid_out`,
and the matcher joins a cell's end to the next line's cells.

What an Office file holds is read once for as long as its bytes, the code and the libraries stay
the same: kept in the cache directory (``attachment-text/``), compressed.  A file larger than
:data:`~build_tools.attachments.MAX_TEXT_BYTES` is not read (the privacy check says so).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..attachments import MAX_TEXT_BYTES, content_type, zip_member_name
from ..machinery.cache import ContentCache, environment_digest, fingerprint
from ..office_text import NO_TEXT, NotReadable, passages as office_passages
from ..office_text.passage import APART
from ..office_text.pictures import PICTURES, picture_metadata
from ..search.text import decode_text, pdf_hidden_texts, pdf_pages

ATTACHMENT_TEXT_NAMESPACE = "attachment-text"
"""The cache directory's folder of the texts read from Office, OFD and ZIP attachments."""


@dataclass(frozen=True, slots=True)
class Piece:
    where: str
    """Where in the attachment, in words: 的文件名, 第 3 行, 第 2 页, 工作表「名单」的 B3 格 …"""
    text: str
    line: int | None = None
    """The line in the file (a CSV's or TXT's), for the problem's line."""


@dataclass(frozen=True, slots=True)
class Text:
    """Pieces read one after the other as one text (a text file's lines, a PDF's pages), or (``apart``) each
    on its own (a workbook's cells)."""

    pieces: tuple[Piece, ...]
    laid_out: bool = False
    """Placed on a page by rows: a table's cell wrapped onto the next line has other cells beside it."""
    apart: bool = False


def attachment_texts(root: Path, rel: str, pdf_cache: ContentCache | None,
                     text_cache: ContentCache | None) -> Iterator[Text]:
    """Every text of the attachment ``rel`` under ``root`` a reader can see; raises OSError when it cannot
    be read (check_attachments says why)."""
    yield Text((Piece("的文件名", rel),))
    path = root / rel
    ext = content_type(path, rel)
    if path.stat().st_size > MAX_TEXT_BYTES or ext in NO_TEXT and ext not in PICTURES:
        return
    data = path.read_bytes()
    if ext in PICTURES:
        yield from (Text((Piece(where, text),)) for where, text in picture_metadata(data)[0])
    elif ext == "csv":
        yield from _csv(data)
    elif ext == "txt":
        lines = decode_text(data).replace("\r\n", "\n").replace("\r", "\n").split("\n")
        yield Text(tuple(Piece(f"第 {n} 行", line, n) for n, line in enumerate(lines, start=1)))
    elif ext == "pdf":
        yield from _pdf(data, pdf_cache)
    else:
        yield from _office(data, ext, text_cache)
        if ext == "zip":
            yield from _member_names(data)


def _csv(data: bytes) -> Iterator[Text]:
    text = decode_text(data)
    reader = csv.reader(io.StringIO(text, newline=""))
    cells, row_start = [], 1
    try:
        for row in reader:
            cells += [Piece(f"第 {row_start} 行", cell, row_start) for cell in row if cell.strip()]
            row_start = reader.line_num + 1
    except csv.Error:  # a NUL byte or an overlong field: the lines as they are
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        cells = [Piece(f"第 {n} 行", line, n) for n, line in enumerate(lines, start=1)]
    yield Text(tuple(cells), apart=True)  # each cell on its own, all read in one go


def _pdf(data: bytes, cache: ContentCache | None) -> Iterator[Text]:
    try:
        pages = pdf_pages(data, cache)
    except Exception:  # damaged: check_attachments reports it, the privacy check says it is unread
        pages = ()
    body, running = _without_running_lines(pages)
    yield Text(tuple(Piece(f"第 {n} 页", text) for n, text in enumerate(body, start=1)), laid_out=True)
    yield Text(tuple(Piece("的页眉或页脚", line) for line in sorted(running)), apart=True)  # read on their own
    try:
        hidden = pdf_hidden_texts(data, cache)
    except Exception:
        return
    for where, text in hidden:  # 内嵌文件“名单.csv”: the embedded file's name is a text a reader sees
        yield Text((Piece(where, where), Piece(where, text)), apart=True)


_PAGE_NUMBER = re.compile(r"[\s—\-－–·•]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[\s—\-－–·•]*")
"""A line that is only a page number: — 1 —, - 2 -, 第 3 页, 4/12, 第5页共12页."""


def _without_running_lines(pages: tuple[str, ...]) -> tuple[list[str], set[str]]:
    """The pages without what stands on each apart from the text: a line that is only its number (a 公文's — 1 —
    at its foot) and a line that heads or ends most pages (a running header): a sentence running from a page to the
    next is read across them (a review found a title missed with — 1 — between its halves).  The running lines
    are returned too, to be read on their own (a document's title as its running header)."""
    lines = [page.split("\n") for page in pages]
    ends: dict[str, int] = {}
    for page in lines:
        for line in {*(page[:2]), *(page[-2:])}:
            if line.strip():
                ends[line.strip()] = ends.get(line.strip(), 0) + 1
    running = {line for line, n in ends.items() if n >= 2 and 2 * n >= len(pages)}
    out = []
    for page in lines:
        last = len(page) - 1
        out.append("\n".join(line for i, line in enumerate(page) if not _PAGE_NUMBER.fullmatch(line)
                             and not ((i < 2 or i > last - 2) and line.strip() in running)))
    return out, running


def _office(data: bytes, ext: str, cache: ContentCache | None) -> Iterator[Text]:
    passages = _office_passages(data, ext, cache)
    # Where each passage stands: a sheet's tab, a member's name (a cell's address, read once per sheet).
    wheres = dict.fromkeys(_CELL_ADDRESS.sub("", where) for where, _, _ in passages)
    yield Text(tuple(Piece(where, where) for where in wheres), apart=True)
    # A paragraph's or line's end (APART) joins: a title set on two lines is one title.
    yield Text(tuple(Piece(where, text.replace(APART, "")) for where, text, laid_out in passages
                     if text and not laid_out), apart=True)
    # An OFD's pages read as one, as a PDF's (a title over a page break).
    yield Text(tuple(Piece(where, text) for where, text, laid_out in passages if text and laid_out), laid_out=True)


_CELL_ADDRESS = re.compile(r"(?<=的 )[A-Z]{1,3}\d+ 格$")


def _office_passages(data: bytes, ext: str, cache: ContentCache | None) -> list[tuple[str, str, bool]]:
    """(where, text, laid out) of every passage of an Office, OFD or ZIP file, from the cache directory when its
    bytes, the code and the libraries are the same (a large workbook takes seconds)."""
    key = fingerprint(environment_digest(), "attachment-text", ext, hashlib.blake2b(data).digest()) \
        if cache is not None else None
    stored = cache.get(key) if key is not None else None
    if stored is not None:
        try:
            return [(where, text, bool(laid_out)) for where, text, laid_out in json.loads(zlib.decompress(stored))]
        except (ValueError, TypeError, zlib.error):
            pass  # not what this code writes: read the file again
    found: list[tuple[str, str, bool]] = []
    try:
        for passage in office_passages(data, ext):
            if passage.text or not passage.unread:
                found.append((passage.where, passage.text, passage.kind == "laid_out"))
    except NotReadable:
        pass  # the privacy check says it is unread
    except Exception:  # a reader meeting what it was not made for: said by the privacy check; not kept
        return found
    if key is not None:
        cache.put(key, zlib.compress(json.dumps(found, ensure_ascii=False).encode("utf-8")))
    return found


def _member_names(data: bytes) -> Iterator[Text]:
    """The names of a ZIP's members (a 汇编 packs each document under its title), as the reader's unzip tool
    shows them: UTF-8 where the archive says so, else GBK (Chinese Windows' 压缩文件夹), not code page 437."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return
    for info in infos:
        name = zip_member_name(info)
        yield Text((Piece(f"中的“{name}”", name),))
