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
import html
import io
import logging
import re

from ..attachments import quiet_pypdf

log = logging.getLogger(__name__)

# Each rule: pattern, replacement, and strings one of which the text must
# hold for the pattern to change it, so that a rule which cannot apply costs
# a substring search rather than a regex pass (most bodies have no HTML,
# links, quotes, tabs …).  Where the original pattern is noted beside a
# rule, it is written so that each alternative starts with a literal
# character: the regex engine then skips in C to the next such character
# instead of trying the pattern at every position.  Same output
# (tests/test_search_index_speed.py holds the original rules).
_RULES = (
    (re.compile(r"<!--.*?-->", re.S), " ", ("<!--",)),  # HTML comments
    (re.compile(r"<[^>\n]+>"), " ", ("<",)),  # raw HTML tags (their text stays)
    (re.compile(r"^ {0,3}(?:[-*_] *){3,}$", re.M), "", ("-", "*", "_")),  # horizontal rules
    (re.compile(r"^ *\|? *:?-{2,}:? *(?:\| *:?-{2,}:? *)*\|? *$", re.M), "", ("--",)),  # table delimiter rows
    # ATX heading marks (^ {0,3}#{1,6}[ \t]+|[ \t]+#+[ \t]*$)
    (re.compile(r"#(?<=^#)#{0,5}[ \t]+| (?<=^ ) {0,2}#{1,6}[ \t]+| [ \t]*#+[ \t]*$|\t[ \t]*#+[ \t]*$", re.M), "",
     ("#",)),
    (re.compile(r"^ {0,3}(?:!!!|\?\?\?\+?) *\w+(?: +\"([^\"]*)\")?", re.M), r"\1", ("!!!", "???")),  # admonitions
    (re.compile(r"^ {0,3}> ?", re.M), "", (">",)),  # block quotes
    (re.compile(r"^ *[-*+] +", re.M), "", ("- ", "* ", "+ ")),  # bullets (numbers stay: readers see them)
    (re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)"), r"\1", ("](",)),  # links and images: their text
    (re.compile(r"\[\^[^\]\n]+\]:?"), "", ("[^",)),  # footnote references and labels
    (re.compile(r"\{:?[^}\n]*\}"), "", ("{",)),  # attribute lists
    # emphasis, code (\*\*|__|~~|`+|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*]))
    (re.compile(r"\*\*|__|~~|``*|\*(?<![\w*]\*)(?=\S)|\*(?<=\S\*)(?![\w*])"), "", ("*", "__", "~~", "`")),
    (re.compile(r"\| *| +\| *"), " ", ("|",)),  # table cell separators ( *\| *)
    (re.compile(r"[ \t]+"), " ", ("\t", "  ")),  # (a single space is left as it is)
    # White space around line breaks becomes one line break ( *\n[ \n]*), in two
    # passes, each faster, the first seldom needed: spaces before a break, then the rest.
    (re.compile(r" +\n"), "\n", (" \n",)),
    (re.compile(r"\n[ \n]*"), "\n", ("\n ", "\n\n")),
)


def markdown_text(markdown: str) -> str:
    """The text a reader sees in a rendered Markdown body, one paragraph a line."""
    text = markdown
    for pattern, repl, needs in _RULES:
        for literal in needs:
            if literal in text:
                text = pattern.sub(repl, text)
                break
    return html.unescape(text).strip()


_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"),
         (b"\xfe\xff", "utf-16"))


def decode_text(data: bytes) -> str:
    """Bytes of a text file: UTF-16 or UTF-32 by their byte-order mark (Excel's "Unicode 文本"),
    UTF-8 (with or without BOM), else GB 18030 (what Chinese Excel writes)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def csv_text(data: bytes) -> str:
    """A CSV file's cells, separated by spaces, one row a line."""
    rows = csv.reader(io.StringIO(decode_text(data)))
    return "\n".join(" ".join(c.strip() for c in row if c.strip()) for row in rows).strip()


def pdf_text(data: bytes) -> str:
    """The text of every page of a PDF (pypdf), one page a paragraph."""
    from pypdf import PdfReader  # imported on first use: most builds have no PDF

    with quiet_pypdf():  # its English warnings name no record; check reports broken files in Chinese
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return ""
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
    return "\n".join(p for p in pages if p)


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
