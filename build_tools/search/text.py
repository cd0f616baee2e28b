"""Plain text for search: a record body without Markdown syntax, attachment text.

The body is stripped with regular expressions rather than rendered: it is
fast (search must not slow a 10,000-record build noticeably) and what is
left is the text a reader sees — words, numbers, table cells — without
``#``, ``|``, ``**`` or link targets.

Attachments: PDF text is extracted with pypdf, CSV cells are joined with
spaces row by row, plain text is decoded (UTF-8, else GB 18030).  Other
formats contribute nothing.  A file that cannot be read contributes nothing
either (``catalogue check`` is where broken files are reported).
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import logging
import re
from collections.abc import Iterator

from ..attachments import quiet_pypdf
from ..shown_text import BRACKETED_NAME, CHARACTER_REFERENCE, is_markup

log = logging.getLogger(__name__)

# Each rule: pattern, replacement, and strings one of which the text must
# hold for the pattern to change it, so that a rule which cannot apply costs
# a substring search rather than a regex pass (most bodies have no HTML,
# links, quotes, tabs …).  Where the original pattern is noted beside a
# rule, it is written so that each alternative starts with a literal
# character: the regex engine then skips in C to the next such character
# instead of trying the pattern at every position.  Same output
# (tests/test_search_index_speed.py holds the original rules).
def _tag(m: re.Match) -> str:
    """A tag the page reads as markup (an HTML element's, or a name with a colon: Word's ``<o:p>``) as a space;
    any other bracketed name (``<GB1589-2016>``) as written: the page shows it (body_html.literal_brackets)."""
    return " " if is_markup(m.group(), m.group(1), m.string) else m.group()


_RULES = (
    (re.compile(r"<!--.*?-->", re.S), " ", ("<!--",)),  # HTML comments
    # what the page's sanitiser drops whole, text and all: found by a search for the name in a <script> (a review)
    (re.compile(r"<(script|style|template|noscript)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.S | re.I), " ", ("<",)),
    # autolinks: the address is what a reader sees (before the tags, which would take it)
    (re.compile(r"<((?:https?|ftp)://[^<>\s]+|mailto:[^<>\s]+|[^<>\s@]+@[^<>\s@]+\.[^<>\s@]+)>"), r"\1", ("<",)),
    # raw HTML tags (their text stays), over lines too (Word's); an element's name after the < as the page reads it:
    # <GB1589-2016> and 总质量<4.5吨…>4.5吨 are text (they were taken as tags: a review)
    (BRACKETED_NAME, _tag, ("<",)),
    (re.compile(r"^([^\n]*\S[^\n]*)\n {0,3}=+[ \t]*$", re.M), r"\1", ("=",)),  # a setext heading's underline
    (re.compile(r"^ {0,3}(?:[-*_] *){3,}$", re.M), "", ("-", "*", "_")),  # horizontal rules
    (re.compile(r"^ *\|? *:?-{2,}:? *(?:\| *:?-{2,}:? *)*\|? *$", re.M), "", ("--",)),  # table delimiter rows
    # ATX heading marks (^ {0,3}#{1,6}[ \t]+|[ \t]+#+[ \t]*$)
    (re.compile(r"#(?<=^#)#{0,5}[ \t]+| (?<=^ ) {0,2}#{1,6}[ \t]+| [ \t]*#+[ \t]*$|\t[ \t]*#+[ \t]*$", re.M), "",
     ("#",)),
    (re.compile(r"^ {0,3}(?:!!!|\?\?\?\+?) *\w+(?: +\"([^\"]*)\")?", re.M), r"\1", ("!!!", "???")),  # admonitions
    (re.compile(r"^ {0,3}> ?", re.M), "", (">",)),  # block quotes
    (re.compile(r"^ *[-*+] +", re.M), "", ("- ", "* ", "+ ")),  # bullets (numbers stay: readers see them)
    # links and images: their text, which may hold brackets ([江交规[2024]3号](…)) or go on to the next line, and an
    # address with parentheses (content_123(1).htm), as Python-Markdown reads them (a review found phrases across them
    # missed)
    (re.compile(r"!?\[((?:[^\[\]\n]|\[[^\[\]\n]*\]|\n(?![ \t]*\n))*)\]\((?:[^()\n]|\([^()\n]*\))*\)"), r"\1", ("](",)),
    (re.compile(r"\[\^[^\]\n]+\]:?"), "", ("[^",)),  # footnote references and labels
    # attribute lists (not braces of text: 请填写{单位名称}, which the page shows: a review)
    (re.compile(r"\{:[^{}\n]*\}|\{[ \t]*[.#][\w-][^{}\n]*\}"), "", ("{",)),
    # emphasis, code (\*\*|__|~~|`+|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*]))
    (re.compile(r"\*\*|__|~~|``*|\*(?<![\w*]\*)(?=\S)|\*(?<=\S\*)(?![\w*])"), "", ("*", "__", "~~", "`")),
    # one underscore on each side of words, not inside one (file_name) nor alone (_config.yml): （_强调_）
    (re.compile(r"_(?<![\w_]_)(?![_\s])([^\n]+?)(?<![_\s])_(?![\w_])"), r"\1", ("_",)),
    (re.compile(r"\| *| +\| *"), " ", ("|",)),  # table cell separators ( *\| *)
    (re.compile(r"[ \t]+"), " ", ("\t", "  ")),  # (a single space is left as it is)
    # White space around line breaks becomes one line break ( *\n[ \n]*), in two
    # passes, each faster, the first seldom needed: spaces before a break, then the rest.
    (re.compile(r" +\n"), "\n", (" \n",)),
    (re.compile(r"\n[ \n]*"), "\n", ("\n ", "\n\n")),
)


_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!])")
r"""A backslash escape (``\*``) of a character Python-Markdown escapes: the reader sees the character, which
no rule may then take as markup (``\$`` shows its backslash)."""
_KEPT = 0xF0000
"""Where an escaped character waits while the rules run: a private-use plane no text holds."""
_RESTORE = {_KEPT + c: chr(c) for c in range(0x21, 0x7F)}


_DEFINITION = re.compile(r"""^ {0,3}\[([^\[\]\n]*)\]:[ ]*\n?[ ]*([^\s]+)[ ]*(?:\n[ ]*)?((["'])(.*)\4[ ]*|\((.*)\)[ ]*)?$""",
                         re.M)
"""A link reference definition as Python-Markdown reads one (its ``ReferenceProcessor``): a label, one
token for the address, a title: the page shows none of it."""
_REFERENCE = re.compile(r"!?\[([^\[\]\n]*)\](?: ?\[([^\[\]\n]*)\])?")
"""A reference link (``[text][label]``, ``[text][]``, ``[label]``): its text where its label is defined,
as written where not (研究表明[1][2] stays)."""


def _references(text: str) -> str:
    """``text`` without its link reference definitions, each reference link to one as its text."""
    labels = set()

    def defined(m: re.Match) -> str:
        labels.add(" ".join(m.group(1).split()).lower())
        return ""
    text = _DEFINITION.sub(defined, text)
    if not labels:
        return text

    def linked(m: re.Match) -> str:
        label = m.group(2) if m.group(2) else m.group(1)  # [text][] and [label] use the text
        return m.group(1) if " ".join(label.split()).lower() in labels else m.group()
    return _REFERENCE.sub(linked, text)


def markdown_text(markdown: str) -> str:
    """The text a reader sees in a rendered Markdown body, one paragraph a line."""
    text = markdown
    if "]:" in text:  # before every rule: a definition is read from the source as written
        text = _references(text)
    escaped = "\\" in text
    if escaped:
        text = _ESCAPE.sub(lambda m: chr(_KEPT + ord(m.group(1))), text)
    for pattern, repl, needs in _RULES:
        for literal in needs:
            if literal in text:
                text = pattern.sub(repl, text)
                break
    if escaped:
        text = text.translate(_RESTORE)
    # a character reference closed by its ; (&amp;, &#8211;): an address's &region=320000 is text (a review)
    return (CHARACTER_REFERENCE.sub(lambda m: html.unescape(m.group()), text) if "&" in text else text).strip()


_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"),
         (b"\xfe\xff", "utf-16"))


def decode_text(data: bytes) -> str:
    """Bytes of a text file: UTF-16 or UTF-32 by their byte-order mark (Excel's "Unicode 文本"),
    UTF-8 (with or without BOM), else GB 18030 (what Chinese Excel writes).

    A file with UTF-8's byte-order mark is UTF-8, and so is one whose characters are UTF-8 but for a
    few bytes (an OA export that cut a field in the middle of a character): read as GB 18030, every
    line of it was garbled, a withheld title or a number in it unread (a review)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd")
    wide = len(text) - len(text.encode("ascii", errors="ignore")) - bad
    if data.startswith(b"\xef\xbb\xbf") or wide >= 8 * bad:
        return text
    return data.decode("gb18030", errors="replace")


def csv_text(data: bytes) -> str:
    """A CSV file's cells, separated by spaces, one row a line."""
    rows = csv.reader(io.StringIO(decode_text(data)))
    return "\n".join(" ".join(c.strip() for c in row if c.strip()) for row in rows).strip()


def pdf_text(data: bytes) -> str:
    """The text of every page of a PDF (pypdf), one page a paragraph."""
    return "\n".join(p for p in pdf_pages(data) if p)


_PDF_PAGES: dict[bytes, tuple[str, ...]] = {}
"""Each PDF's pages by a digest of its bytes, in this process: the privacy check reads a build's PDFs
before its search index starts (a process forked from this one), which then finds them here."""
_PDF_MEMO_CHARACTERS = 64 << 20
"""Past this many characters held the memo starts again (a preview's server runs for days)."""
_held = 0


def pdf_pages(data: bytes, cache=None) -> tuple[str, ...]:
    """The text of each page of a PDF (pypdf), stripped; none for a PDF that needs a password.

    Extracting costs pypdf some milliseconds a page, so each PDF is read once
    per process (:data:`_PDF_PAGES`) and, given ``cache`` (a
    :class:`~build_tools.machinery.cache.ContentCache` of
    :data:`PDF_TEXT_NAMESPACE`), once for as long as its bytes, pypdf and this
    code stay the same.  Raises what pypdf raises for a broken file.
    """
    global _held
    digest = hashlib.blake2b(data, digest_size=20).digest()
    pages = _PDF_PAGES.get(digest)
    if pages is not None:
        if cache is not None:
            cache.has(pdf_text_key(digest))  # used by this build: not pruned
        return pages
    key = pdf_text_key(digest) if cache is not None else None
    stored = cache.get(key) if cache is not None else None
    if stored is not None:
        pages = _stored_pages(stored)
    if pages is None:
        pages = _extract_pages(data)
        if cache is not None:
            # as a list: one page without text (a scan) is not "no pages" (a review found its warning lost)
            cache.put(key, json.dumps(pages, ensure_ascii=False).encode("utf-8"))
    size = sum(map(len, pages))
    if _held + size > _PDF_MEMO_CHARACTERS:
        _PDF_PAGES.clear()
        _held = 0
    _PDF_PAGES[digest] = pages
    _held += size
    return pages


def _stored_pages(stored: bytes) -> tuple[str, ...] | None:
    """The pages a cache entry holds, or None for an entry that is no list of texts (read the PDF again)."""
    try:
        pages = json.loads(stored)
    except ValueError:
        return None
    return tuple(pages) if isinstance(pages, list) and all(isinstance(p, str) for p in pages) else None


PDF_TEXT_NAMESPACE = "pdf-text"
"""The cache directory's folder of PDFs' texts (:func:`pdf_pages`)."""


def pdf_text_key(digest: bytes) -> str:
    """The cache key of a PDF's text: its bytes' digest, the code and the libraries' versions."""
    from ..machinery.cache import environment_digest, fingerprint
    return fingerprint(environment_digest(), digest.hex())


def _extract_pages(data: bytes) -> tuple[str, ...]:
    from pypdf import PdfReader  # imported on first use: most builds have no PDF

    with quiet_pypdf():  # its English warnings name no record; check reports broken files in Chinese
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return ()
        # A form feed never survives extract_text's layout: the pages are stored joined by it.
        return tuple((page.extract_text() or "").replace("\f", "\n").strip() for page in reader.pages)


PDF_HIDDEN_NAMESPACE = "pdf-hidden"
"""The cache directory's folder of PDFs' other texts (:func:`pdf_hidden_texts`)."""


def pdf_hidden_texts(data: bytes, cache=None) -> tuple[tuple[str, str], ...]:
    """(where, text) for every text a PDF carries besides its pages' text, for the privacy check: the document
    properties and XMP metadata, form fields' values, annotations (comments, 填写和签名 text, a field's
    drawn value), bookmarks, embedded files (read as the files they are), and the pages of the first and the
    last earlier revision an incremental save left in the file (a "redaction" by editing: the first revision still holds the text).
    Each a reader of the file can find; a review found ID and mobile numbers in each, published unread.
    Remembered in ``cache`` (:data:`PDF_HIDDEN_NAMESPACE`) for as long as the bytes and the code stay the same."""
    digest = hashlib.blake2b(data, digest_size=20).digest()
    key = None
    if cache is not None:
        from ..machinery.cache import environment_digest, fingerprint
        key = fingerprint(environment_digest(), "hidden", digest.hex())
        stored = cache.get(key)
        if stored is not None:
            parts = stored.decode("utf-8").split("\f") if stored else []
            return tuple(zip(parts[::2], parts[1::2]))
    found = tuple(_hidden(data))
    if cache is not None:
        cache.put(key, "\f".join(part.replace("\f", "\n") for pair in found for part in pair).encode("utf-8"))
    return found


def _hidden(data: bytes):
    from pypdf import PdfReader

    with quiet_pypdf():
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                return
        except Exception:  # noqa: BLE001 - the page text's reading says what is wrong
            return
        yield from _guarded("文档属性", lambda: [" ".join(str(v) for v in (reader.metadata or {}).values())])
        yield from _guarded("XMP 元数据", lambda: [_xmp(reader)])
        yield from _guarded("表单", lambda: [" ".join(f"{k} {_plain(v)}" for k, v in
                                                     (reader.get_form_text_fields() or {}).items())])
        for n, page in enumerate(reader.pages, start=1):
            yield from _guarded(f"第 {n} 页的批注或表单", lambda page=page: [_annotations(page)])
        yield from _guarded("书签", lambda: [" ".join(_titles(reader.outline))])
        yield from _guarded("内嵌文件", lambda: list(_embedded(reader)))
    yield from _earlier_revisions(data)


def _guarded(where: str, read) -> Iterator[tuple[str, str]]:
    try:
        texts = read()
    except Exception:  # noqa: BLE001 - a broken part: the rest is still read
        return
    for text in texts:
        if isinstance(text, tuple):
            yield text
        elif text and text.strip():
            yield where, text


def _plain(value) -> str:
    return "" if value is None else str(value)


def _xmp(reader) -> str:
    meta = reader.trailer["/Root"].get_object().get("/Metadata")
    if meta is None:
        return ""
    from ..office_text.pictures import without_ids
    raw = meta.get_object().get_data().decode("utf-8", "replace")
    return without_ids(html.unescape(re.sub(r"<[^>]+>", " ", raw)))


def _annotations(page) -> str:
    texts = []
    for ref in page.get("/Annots") or ():
        annot = ref.get_object()
        for key in ("/Contents", "/T", "/V", "/TU", "/Subj"):
            if annot.get(key) is not None:
                texts.append(_plain(annot.get(key)))
        rich = annot.get("/RC")
        if rich is not None:
            texts.append(html.unescape(re.sub(r"<[^>]+>", " ", _plain(rich))))
        appearance = annot.get("/AP")
        normal = appearance.get_object().get("/N") if appearance is not None else None
        if normal is not None and hasattr(normal.get_object(), "get_data"):
            texts.append(_shown_strings(normal.get_object().get_data()))
    return "\n".join(t for t in texts if t)


_PDF_STRING = re.compile(rb"\((?:[^()\\]|\\.)*\)\s*Tj|\[(?:[^\]]*)\]\s*TJ")


def _shown_strings(stream: bytes) -> str:
    """The strings an appearance stream draws (a filled field's value as the page shows it), joined."""
    out = []
    for m in _PDF_STRING.finditer(stream):
        for piece in re.findall(rb"\((?:[^()\\]|\\.)*\)", m.group()):
            raw = re.sub(rb"\\(.)", rb"\1", piece[1:-1])
            out.append(raw.decode("utf-16-be", "replace") if raw.startswith(b"\xfe\xff") else raw.decode("latin-1"))
    return " ".join(out)


def _titles(outline) -> Iterator[str]:
    for item in outline or ():
        if isinstance(item, list):
            yield from _titles(item)
        else:
            yield _plain(getattr(item, "title", ""))


def _embedded(reader) -> Iterator[tuple[str, str]]:
    for name, contents in (reader.attachments or {}).items():
        for body in contents:
            yield f"内嵌文件“{name}”", f"{name}\n{_file_text(name, body)}"  # its name too (zhangsan-110101…: a review)


def _file_text(name: str, body: bytes) -> str:
    """An embedded file's text, read as the file it is."""
    if body.startswith(b"%PDF-"):
        return "\n".join((*_extract_pages(body), *(text for _, text in _hidden(body))))
    try:
        from ..office_text import passages
        ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        return "\n".join(p.text.replace("\x00", " ") for p in passages(body, ext) if p.text)
    except Exception:  # noqa: BLE001 - not an Office file: as text
        return decode_text(body)


def _earlier_revisions(data: bytes) -> Iterator[tuple[str, str]]:
    """The pages of the first revision of an incrementally saved PDF (the document as first written, where an
    edit "redacting" it left the text) and of the one before the last (the last edit's), each cut at its %%EOF.
    Every revision of a signed PDF saved ten times made a check ten times as slow (a review)."""
    ends = [m.end() for m in re.finditer(rb"%%EOF", data)]
    if len(ends) < 2:
        return
    for n in sorted({1, len(ends) - 1}):
        try:
            pages = _extract_pages(data[:ends[n - 1]])
        except Exception:  # noqa: BLE001 - a linearised file's first part is no whole document
            continue
        text = "\n".join(pages)
        if text.strip():
            yield f"修改前的版本（文件中保留的第 {n} 版）", text


def attachment_text(name: str, data: bytes) -> str:
    """The searchable text of an attachment, by its file name's extension ("" if none).

    ``name`` is its path in the catalogue (named in the message if no text can be taken).
    """
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if not data:  # not read (no text in this type, or too large), or empty (check reports it)
        return ""
    try:
        if ext == "pdf":
            text = pdf_text(data)
        elif ext == "csv":
            text = csv_text(data)
        elif ext in ("txt", "md"):
            text = decode_text(data)
        else:
            return ""
    except Exception as exc:  # a broken attachment must not stop the site build
        log.warning("搜索：附件 %s 无法读取，不参与全文检索（运行 catalogue check 查看原因）。", name)
        log.debug("附件 %s：%r", name, exc)
        return ""
    return re.sub(r"[ \t]+", " ", text).strip()
