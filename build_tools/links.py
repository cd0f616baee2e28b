"""Links in record bodies: found, checked and rewritten to public URLs.

Editors link the way they see the files: ``[实施细则](实施细则.pdf)`` next to
the record, ``[原办法](../policies/2020-00003-wangyueche-xize.md)`` to
another record.  On the site neither path exists (pages live under
``records/<索引号>/``, attachments under ``attachments/``), so the product
resolves them itself:

- :func:`find_links` finds every link target written in a body, with its
  line, the way Python-Markdown reads them: inline links and images (with
  titles and ``<…>`` destinations), reference definitions and the
  reference-style links that use them — never inside code spans, fenced or
  indented code blocks.  ``tests/test_links.py`` checks it against
  Python-Markdown's own output.
- :class:`PublicLinks` rewrites a public record's body before rendering:
  a link to a public record's file becomes its page's URL, a link to a
  published attachment its percent-encoded URL, and any other link into the
  catalogue loses its target and keeps its text, so a public page never
  names a file that is not published.  That includes links the site's
  extensions may read where the finder sees code (a definition in a
  quotation) and links
  shown as code: ``find_links(body, loose=True)``.
- :func:`check_body_links` reports, for ``catalogue check``, each link
  whose target is missing, outside the catalogue, not published, or not
  public, at the body line it is written on.

Links with a scheme (``https:``, ``mailto:``), site-absolute links (``/…``)
and links to an anchor of the same page are left as written.
"""

from __future__ import annotations

import html
import posixpath
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from urllib.parse import unquote, urlsplit

from .body_anchors import anchor_ids, likely_ids, sure_of
from .body_html import page_markdown
from .diagnostics import Problem, problem
from .model.fields import FIELDS_BY_KEY, FREE_TEXT
from .model.record import Record
from .model.values import relative_path
from .hidden_html import without_hidden
from .shown_text import CHARACTER_REFERENCE
from .views.urls import attachment_url, index_slug, page_url, record_path
from .withheld_names import WithheldNames

# -- finding links -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BodyLink:
    """One link target written in a body."""

    kind: str
    """``link``, ``image``, ``definition`` (``[标签]: 目标``), ``reference`` (``[文字][标签]``) or
    ``html`` (an address in an attribute of raw HTML, :func:`html_links`)."""
    line: int
    """0-based line within the body where the construct starts."""
    whole: tuple[int, int]
    """Offsets of the whole construct in the body."""
    text: tuple[int, int] | None
    """Offsets of the link text (kept when the link is removed); None for images and definitions."""
    dest: tuple[int, int] | None
    """Offsets of the target as written (without ``<>``); None for references."""
    target: str
    """The target (links, images, definitions) or the label (references)."""
    label: str = ""
    """Normalised label of a definition or reference."""


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[*+-]|\d+\.)[ \t]+")
_DEFINITION_PREFIX = re.compile(r"(?: {0,3}(?:>[ \t]?|[*+-][ \t]+|\d+[.)][ \t]+|\[\^[^\]]*\][ \t]*:[ \t]*))*")
"""List items' markers, quotation marks and a footnote's label before a line's block: a definition may
follow them."""
_DEFINITION_HEAD = re.compile(r" {0,3}\[([^\[\]]*)\][ \t]*:[ \t]*")
_ANY_DEFINITION_HEAD = re.compile(r"[ \t]*\[([^\[\]]*)\][ \t]*:[ \t]*")
_TOKEN = re.compile(r"\S+")
_DEFINITION_TAIL = re.compile(r"""[ \t]*(?:(["'])(?:.*)\1[ \t]*|\((?:.*)\)[ \t]*)?$""")
"""What may follow a definition's address on its line: a title, or nothing (else the line is text)."""
_LEADING = re.compile(r"^[ \t>]+", re.M)
_HEADING = re.compile(r"^ {0,3}#{1,6}")
_BLOCK_START = re.compile(r"^ {0,3}(?:#{1,6}|[*+-][ \t]|\d+\.[ \t]|>)")
_FOOTNOTE = re.compile(r"^ {0,3}\[\^[^\]]*\]:")
_ADMONITION = re.compile(r"^ {0,3}(?:!!!|\?\?\?\+?)[ \t]*[\w-]")
"""An admonition (``!!! note``; pymdownx's ``??? note``, where an office enables it): its indented
paragraphs after a blank line are its own, not code, as a footnote's (:data:`_FOOTNOTE`) and a list
item's are; code inside it is indented once more (:data:`_DEEPER`)."""
_DEEPER = ("        ", "\t\t", "\t    ", "    \t")
_BACKTICK = re.compile(r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)(`+)(.+?)(?<!`)\2(?!`))", re.S)
_ESCAPE = re.compile(r"\\(.)", re.S)
_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!|])")
"""A backslash escape in an address as Python-Markdown reads it (its ``ESCAPED_CHARS``, with the tables
extension's ``|``): any other backslash stays, as in ``fujian\\a.csv`` copied from Windows Explorer (it was
taken out and the file quoted as ``fujiana.csv``: a review)."""
_LINK_OPEN = re.compile(r"\(\s*(?:(<[^<>]*>)\s*(?:('[^']*'|\"[^\"]*\")\s*)?\))?", re.S)
_REF_AFTER = re.compile(r"\s?\[([^\]]*)\]", re.S)
_MASK = "\x00"


def _label(text: str) -> str:
    return re.sub(r"[ ]?\n", " ", text).lower()


def find_links(body: str, loose: bool = False) -> list[BodyLink]:
    """Every link target written in ``body``, in order, as Python-Markdown would read it with the
    footnotes and admonition extensions (their indented paragraphs are theirs, not code).

    ``loose``: as if no line were code and no line were indented or quoted, so
    also the links read in a quotation's reference definitions, and those
    shown as code (which show their target as text): what a public
    page must not name, whatever the site's extensions make of it.
    """
    if "[" not in body:
        return []
    if loose:  # the same offsets: each line's indentation and quotation marks become spaces
        body = _LEADING.sub(lambda m: " " * len(m.group()), body)
    lines = body.split("\n")
    starts, at = [], 0
    for line in lines:
        starts.append(at)
        at += len(line) + 1
    masked = [False] * len(lines) if loose else _code_block_lines(lines)
    head = _ANY_DEFINITION_HEAD if loose else _DEFINITION_HEAD
    found: list[BodyLink] = []
    definitions: list[BodyLink] = []
    defined_lines: set[int] = set()
    for i, line in enumerate(lines):
        if masked[i] or "]" not in line:
            continue
        # Python-Markdown reads a definition at the start of any block: after a list item's marker or a
        # quotation's >, and with its address on the next line (ReferenceProcessor: ":[ ]*\n?[ ]*")
        m = head.match(line, _DEFINITION_PREFIX.match(line).end())
        if not m or m.group(1).startswith("^"):
            continue
        token = _TOKEN.match(line, m.end())
        last = i
        if token is None:
            nxt = i + 1
            if nxt >= len(lines) or masked[nxt] or not lines[nxt].strip():
                continue
            token, last = _TOKEN.match(lines[nxt], len(lines[nxt]) - len(lines[nxt].lstrip(" \t>"))), nxt
            if token is None:
                continue
        if not _DEFINITION_TAIL.match(lines[last], token.end()):
            continue  # more after the address: a paragraph, whose links are links (Python-Markdown reads to $)
        raw, d0 = token.group(), starts[last] + token.start()
        if raw.startswith("<") and raw.endswith(">") and len(raw) >= 2:
            raw, d0 = raw[1:-1], d0 + 1
        definitions.append(BodyLink("definition", i, (starts[i], starts[last] + len(lines[last])), None,
                                    (d0, d0 + len(raw)), raw, _label(m.group(1))))
        defined_lines.update(range(i, last + 1))
    labels = {d.label for d in definitions}
    # Runs of text lines; a definition is taken out of its paragraph and splits it in two.
    blocks: list[tuple[int, int]] = []
    first = None
    for i, line in enumerate(lines):
        if masked[i] or not line.strip() or i in defined_lines:
            if first is not None:
                blocks.append((first, i))
                first = None
        elif first is None:
            first = i
        elif _FOOTNOTE.match(line) or _BLOCK_START.match(line):  # starts a block of its own
            blocks.append((first, i))
            first = i
        if first == i and _HEADING.match(line):  # a heading is one line: a code span cannot leave it
            blocks.append((i, i + 1))
            first = None
    if first is not None:
        blocks.append((first, len(lines)))
    for lo, hi in blocks:
        text = "\n".join(lines[lo:hi])
        if "[" not in text:
            continue
        offset = starts[lo]
        for link in _inline(text, _mask_spans(text, code=not loose), 0, len(text), 0, labels):
            kind, whole, text_span, dest, target, label = link
            line = body.count("\n", 0, offset + whole[0])
            found.append(BodyLink(kind, line, (whole[0] + offset, whole[1] + offset),
                                  (text_span[0] + offset, text_span[1] + offset) if text_span else None,
                                  (dest[0] + offset, dest[1] + offset) if dest else None, target, label))
    found.extend(definitions)
    found.sort(key=lambda link: link.whole)
    return found


def _code_block_lines(lines: list[str]) -> list[bool]:
    """Which lines are code (fenced, or indented after a blank line outside a list, an admonition or
    a footnote)."""
    masked = [False] * len(lines)
    fence = None
    in_list = False
    container: str | None = None  # an admonition's or a footnote's body, whose indented paragraphs are its own
    indented = False
    previous_blank = True
    fence_anywhere = True  # fenced_code finds fences anywhere, not only after a blank line
    for i, line in enumerate(lines):
        blank = not line.strip()
        if fence is not None:
            masked[i] = True
            m = _FENCE.match(line)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line[m.end():].strip():
                fence = None
            continue
        m = _FENCE.match(line) if previous_blank or fence_anywhere else None
        if m and _closes(lines, i, m.group(1)):  # an unclosed fence is text, as Python-Markdown reads it
            fence = m.group(1)
            masked[i] = True
            previous_blank = False
            continue
        starts_indented = line.startswith(("    ", "\t"))
        if indented and (blank or starts_indented):
            masked[i] = True
            continue
        indented = False
        if container == "admonition" and not blank and not starts_indented:
            container = None  # its body is indented: a line that is not ends it
        if starts_indented and previous_blank and not blank and (
                not (in_list or container) or (container and line.startswith(_DEEPER))):
            indented = masked[i] = True  # code, or code inside an admonition's or a footnote's body
            continue
        if _LIST_ITEM.match(line):
            in_list = True
        elif not blank and not starts_indented and previous_blank:
            in_list = False
            container = None
        if _ADMONITION.match(line):
            container = "admonition"
        elif _FOOTNOTE.match(line):
            container = "footnote"
        previous_blank = blank
    return masked


def _closes(lines: list[str], i: int, opening: str) -> bool:
    """Whether the fence opened on line ``i`` is closed further down."""
    for line in lines[i + 1:]:
        m = _FENCE.match(line)
        if m and m.group(1)[0] == opening[0] and len(m.group(1)) >= len(opening) and not line[m.end():].strip():
            return True
    return False


def _mask_spans(text: str, code: bool = True) -> str:
    """Code spans and backslash escapes (with ``code``: the strict reading) replaced by filler of the
    same length."""
    if code and "`" in text:
        text = _BACKTICK.sub(lambda m: _MASK * len(m.group(0)), text)
    if code and "\\" in text:  # (loose: \[x](a.md) shows its target as text)
        text = _ESCAPE.sub(lambda m: _MASK * len(m.group(0)), text)
    return text


def _bracket_pairs(text: str, lo: int, hi: int) -> dict[int, int]:
    """For each ``[`` in ``text[lo:hi]`` closed there, the offset just after it → its ``]``'s offset (nested
    brackets allowed), as a scan from each ``[`` to its ``]`` finds it, in one pass: scanning from every
    unclosed ``[`` made a paragraph of OCR'd text with thousands of them take minutes (a review)."""
    pairs: dict[int, int] = {}
    opened: list[int] = []
    for m in _BRACKET.finditer(text, lo, hi):
        if m.group() == "[":
            opened.append(m.start() + 1)
        elif opened:
            pairs[opened.pop()] = m.start()
    return pairs


_BRACKET = re.compile(r"[\[\]]")


def _balanced(text: str) -> bool:
    """Whether every bracket of ``text`` pairs with one in it (a masked link's: pairing the rest anew after each
    link made a 发文目录 of a link a row, one paragraph, ten times slower to read: a review)."""
    depth = 0
    for m in _BRACKET.finditer(text):
        depth += 1 if m.group() == "[" else -1
        if depth < 0:
            return False
    return depth == 0


def _destination(text: str, index: int) -> tuple[int, int, int] | None:
    """``(…)`` at ``index``: (target start, target end, end of the construct), as Python-Markdown reads it."""
    m = _LINK_OPEN.match(text, index)
    if not m:
        return None
    if m.group(1):
        inner = m.group(1)[1:-1]
        lead = len(inner) - len(inner.lstrip())
        return m.start(1) + 1 + lead, m.start(1) + 1 + len(inner.rstrip()), m.end()
    depth, start = 1, m.end()
    quote = alt = None
    ignore = False
    backtrack, last_bracket = 1, -1
    start_quote = exit_quote = start_alt = exit_alt = -1
    last = ""
    pos = start
    end = None
    for pos in range(start, len(text)):
        c = text[pos]
        if c == "(":
            if not ignore:
                depth += 1
            elif backtrack > 0:
                backtrack -= 1
        elif c == ")":
            if (exit_quote != -1 and quote == last) or (exit_alt != -1 and alt == last):
                depth = 0
            elif not ignore:
                depth -= 1
            elif backtrack > 0:
                backtrack -= 1
                if backtrack == 0:
                    last_bracket = pos + 1
        elif c in ("'", '"'):
            if not quote:
                ignore, backtrack, depth, start_quote, quote = True, depth, 1, pos + 1, c
            elif c != quote and not alt:
                start_alt, alt = pos + 1, c
            elif c == quote:
                exit_quote = pos + 1
            elif alt and c == alt:
                exit_alt = pos + 1
        if depth == 0:
            if exit_quote >= 0 and quote == last:
                d1 = start_quote - 1
            elif exit_alt >= 0 and alt == last:
                d1 = start_alt - 1
            else:
                d1 = pos
            end = pos + 1
            break
        if c != " ":
            last = c
    if end is None:
        if depth != 0 and backtrack == 0:
            d1, end = last_bracket - 1, last_bracket
            if last_bracket < 0:  # never closed: Python-Markdown slices with -2 and -1, to the text's last character
                d1, end = len(text) + d1, len(text) + end
        else:
            return None
    raw = text[start:d1]
    lead = len(raw) - len(raw.lstrip())
    return start + lead, start + len(raw.rstrip()), end


_PATTERNS = ("reference", "link", "image", "image-reference", "short-reference", "short-image-reference")


def _inline(text: str, masked: str, lo: int, hi: int, first: int, labels: set[str]) -> list[tuple]:
    """Links in ``text[lo:hi]``, trying Python-Markdown's patterns from ``_PATTERNS[first]`` on.

    ``masked`` is ``text`` with code spans and escapes blanked out; what a
    pattern matched is blanked out too before the next pattern looks.
    """
    found: list[tuple] = []
    data = masked
    for p in range(first, len(_PATTERNS)):
        name = _PATTERNS[p]
        image = "image" in name
        pos = lo
        pairs = _bracket_pairs(data, lo, hi)
        while True:
            start = data.find("![" if image else "[", pos, hi)
            if start < 0:
                break
            if not image and start > 0 and data[start - 1] == "!":
                pos = start + 1
                continue
            open_at = start + (2 if image else 1)
            close = pairs.get(open_at)
            if close is None:
                pos = start + 1
                continue
            after = close + 1
            link = None
            if name in ("link", "image"):
                dest = _destination(data, after)
                if dest is not None and dest[2] <= hi:
                    d0, d1, end = dest
                    target = _MARKDOWN_ESCAPE.sub(r"\1", text[d0:d1])
                    link = (name, (start, end), None if image else (open_at, close), (d0, d1), target, "")
            elif name in ("reference", "image-reference"):
                m = _REF_AFTER.match(data, after)
                if m and m.end() <= hi:
                    label = _label(m.group(1) or text[open_at:close])
                    if label in labels:
                        link = ("reference", (start, m.end()), None if image else (open_at, close), None,
                                label, label)
            else:
                label = _label(text[open_at:close])
                if label in labels:
                    link = ("reference", (start, after), None if image else (open_at, close), None, label, label)
            if link is None:
                pos = start + 1
                continue
            found.append(link)
            if link[2] is not None:  # a link's text is read by the patterns after this one
                found.extend(_inline(text, data, link[2][0], link[2][1], p + 1, labels))
            w0, w1 = link[1]
            gone = data[w0:w1]
            data = data[:w0] + _MASK * (w1 - w0) + data[w1:]
            # Its brackets paired among themselves: the others pair as before (the masked ones are looked up no
            # more); one unpaired (a bracket in an address): the rest paired again
            if not _balanced(gone):
                pairs = _bracket_pairs(data, lo, hi)
            pos = w1
    return found


# -- where a target points ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Target:
    """A body link target read as a catalogue path."""

    path: str | None
    """Catalogue-relative POSIX path, or None when it leaves the catalogue."""
    fragment: str
    """``?query#anchor`` as written, kept on the rewritten URL."""
    rooted: bool = False
    """Written from the top (``/policies/x.md``): a catalogue file if there is one, else the site's own address
    (``/guide.md``, a docs page), left as written."""


_ON_THE_EDITORS_COMPUTER = re.compile(r"(?:file:|[A-Za-z]:[\\/]|\\\\[^\\])", re.IGNORECASE)
"""An address on the editor's own computer or network: ``file:///C:/Users/…/clip_image002.jpg`` (an image pasted
from Word), ``C:\\…``, ``\\\\server\\…``: the sanitiser drops it, and the page showed an empty image, nothing
said (a review)."""


def _on_editors_computer(source: str, line: int, written: str) -> Problem:
    """``body-link-missing`` for a link to a file on the editor's computer (:data:`_ON_THE_EDITORS_COMPUTER`)."""
    return problem("body-link-missing", source, line, "body",
                   f"正文中的链接“{written.strip()[:80]}”指向编辑者电脑上的文件（Word 粘贴图片时写下的地址）："
                   "网站上没有它，网页上只剩一个空的图片或失效的链接。",
                   f"把这个文件放进 catalogue/（记录旁边），列入本记录的{FIELDS_BY_KEY['attachments'].display}，"
                   "再把链接改成它的文件名；或删去这个链接。")


def _no_file(source: str, line: int, written: str, path: str | None) -> Problem:
    """``body-link-outside-catalogue`` (``path`` None) or ``body-link-missing`` for a link to no catalogue file."""
    if path is None:
        return problem("body-link-outside-catalogue", source, line, "body", f"正文中的链接“{written}”指向 catalogue/ 之外。",
                       "网站只发布 catalogue/ 中的记录和附件：把文件放进 catalogue/ 并列入本记录的"
                       f"{FIELDS_BY_KEY['attachments'].display}，或改用完整网址（https://…）。")
    return problem("body-link-missing", source, line, "body", f"正文中的链接“{written}”指向的文件 {path} 不存在。",
                   "改正文件名（注意大小写和扩展名），或删去这个链接。")


def unread_body_links(source: str, body: str, body_line: int, files: Collection[str]) -> list[Problem]:
    """The links to no file in the body of a record file that gives no record (an error in its metadata), as
    :func:`check_body_links` finds them in a record's: a slip in the metadata had hidden them until the next run
    (a review).  What a link names that is not public is said once the record is read."""
    if "[" not in body and "<" not in body:
        return []
    problems = []
    for link in find_links(body):
        if link.kind == "reference":
            continue
        line = body_line + link.line
        if _ON_THE_EDITORS_COMPUTER.match(link.target.strip()):
            problems.append(_on_editors_computer(source, line, link.target))
            continue
        if backslashed := _backslashed(link.target, source, files):
            problems.append(problem("body-link-missing", source, line, "body", *backslashed))
            continue
        target = local_target(link.target, source)
        if target is None or target.rooted and target.path not in files:
            continue  # left as written (external, an anchor, the site's own page)
        if target.path is None or target.path not in files:
            problems.append(_no_file(source, line, link.target, target.path))
    return problems


def _backslashed(written: str, record_source: str, existing: Collection[str]) -> tuple[str, str] | None:
    """The message and hint for a link to a catalogue file written with Windows' ``\\`` between its folders
    (``fujian\\a.csv``, copied from the Explorer's address bar), or None.  The site's addresses take ``/``:
    the link was quoted with its backslashes taken out and the editor sent to look for a wrong letter in the
    file name (a review)."""
    written = written.strip()
    if "\\" not in written or written.startswith("\\"):
        return None
    slashed = written.replace("\\", "/")
    target = local_target(slashed, record_source)
    if target is None or target.path is None:
        return None
    found = "" if target.path in existing else f"（{target.path} 也不存在，再核对文件名的大小写和扩展名）"
    return (f"正文中的链接“{written[:80]}”用反斜杠 \\ 分隔文件夹（Windows 的写法），网站上的地址只认 /，"
            "这个链接打不开。", f"把 \\ 改成 /，写成 {slashed}。{found}")


def local_target(target: str, record_source: str) -> Target | None:
    """The catalogue path a target names, or None for links left as written (external, absolute, anchors).  Its
    character references are read as the browser reads the address (``&#x61;.md`` is ``a.md``; ``&#100;ata:…``, a
    pasted picture, is no file: it was reported as a file ``&`` missing)."""
    target = CHARACTER_REFERENCE.sub(lambda m: html.unescape(m.group()), target).strip() if "&" in target \
        else target.strip()  # only a reference closed by its ;: ?a=1&copy=2 is none in an attribute
    if not target or target.startswith(("#", "\\")):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    fragment = (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
    path = unquote(parts.path)
    if not path:
        return None
    if path.startswith("/"):  # /policies/x.md: a record file from the catalogue's top (it went to the web server's
        if not path.lower().endswith(".md"):  # root, a 404: a review); any other address from the root is the site's
            return None
        joined = posixpath.normpath(path.lstrip("/"))
        return None if joined == ".." or joined.startswith("../") else Target(joined, fragment, rooted=True)
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(record_source), path))
    if joined == ".." or joined.startswith("../") or joined.startswith("/"):
        return Target(None, fragment)
    return Target(joined, fragment)


# -- rewriting for the public site ---------------------------------------------------


class PublicLinks:
    """Where each published catalogue file is on the site, for rewriting public bodies.

    Made from the public catalogue only (public records and their
    attachments), so a rewritten body can name nothing else.
    """

    def __init__(self, urls: Mapping[str, str], withheld: WithheldNames | None = None) -> None:
        self._urls = urls
        self._withheld = withheld

    @classmethod
    def of(cls, public, directory_urls: bool = True) -> PublicLinks:
        """The published files of a :class:`~build_tools.visibility.PublicCatalogue`, and the names
        of those it does not publish (:class:`WithheldNames`); a record's page is addressed by its
        folder, or with ``directory_urls`` false by the folder's ``index.html`` (:func:`page_url`)."""
        urls: dict[str, str] = {}
        for r in public.records:
            urls[r.source] = page_url(record_path(r.index_no), directory_urls)
            for a in r.attachments:
                urls.setdefault(a, attachment_url(a))
        withheld = getattr(public, "names", None)  # the gate's (visibility.public_view), else made so
        if withheld is None:
            withheld = WithheldNames.shared(getattr(public, "hidden_files", frozenset()), urls,
                                            map(index_slug, getattr(public, "hidden_pages", frozenset())),
                                            (index_slug(r.index_no) for r in public.records))
        return cls(urls, withheld if withheld else None)

    def read_ahead(self, records: Iterable[Record]) -> None:
        """Read each of ``records``' bodies for withheld names now: the net remembers what it found
        (:meth:`WithheldNames.spans`), so the pages, ``check``'s net for the same files and the search
        index's process forked after this find each body read (once a build instead of three times:
        some 2 ms a 100 KB law)."""
        if self._withheld:
            for record in records:
                self.body(record)

    def url(self, path: str) -> str | None:
        """The site-relative URL of a published catalogue file, None if it is not published."""
        return self._urls.get(path)

    def body(self, record: Record) -> str:
        """``record``'s body with every link into the catalogue pointing at its public URL, or unlinked,
        and no name of a file the site does not publish left in it (:class:`WithheldNames`)."""
        body = self._linked(record)
        return self._withheld.scrub(body) if self._withheld else body

    def _linked(self, record: Record) -> str:
        """``record``'s body with every link into the catalogue pointing at its public URL, or unlinked.

        A link :func:`find_links` reads only ``loose`` (a quotation's definition, code) is
        unlinked too when its target is not published, and otherwise left as
        written: the site's extensions decide what it is, and it names nothing
        that is not public.  An address in raw HTML (:func:`html_links`) is a
        link wherever it stands: rewritten, or its attribute taken out.
        """
        body = without_hidden(record.body) if "<" in record.body else record.body  # as the browser showed the paste
        for _ in range(_NESTING):  # unlinking a link whose text holds one ([[a](b.md)](x)) makes a link of that
            body, revealed = self._linked_once(record, body)
            if not revealed:
                break
        return body

    def _linked_once(self, record: Record, body: str) -> tuple[str, bool]:
        """``body`` with its links rewritten or unlinked (:meth:`_linked`), and whether a link unlinked left a text
        that may be a link now."""
        links = find_links(body)
        loose = _loose_only(body, links)
        loose += _inner_links(body, links + loose)
        if not links and not loose:
            return body, False
        page_dir = record_path(record.index_no)
        edits: list[tuple[int, int, object]] = []
        dropped: set[str] = set()
        revealed = False
        for link in links + loose:
            if link.kind == "reference":
                continue
            target = local_target(link.target, record.source)
            if target is None:
                if not (self._withheld and self._withheld.spans(link.target)):
                    if link.dest is not None and link not in loose and link.target.lstrip().startswith("#第") and \
                            (plain := unicodedata.normalize("NFKC", link.target.strip())) != link.target.strip():
                        edits.append((*link.dest, plain))  # #第２条 is the page's 第2条 (a review)
                    continue
                # The site's own address of a withheld page (/xxgk/records/<slug>/, https://…/records/<slug>/),
                # or any address holding a withheld name: the net would cut the name out of it, leaving a
                # broken link (/xxgk/records//: found by a review).  Unlinked, as a link into the catalogue is.
                url = None
            else:
                url = self.url(target.path) if target.path else None
                if url is None and target.rooted and not (self._withheld and self._withheld.spans(link.target)):
                    continue  # no published catalogue file: the site's own address (/guide.md), as written
            if url is not None:
                if link not in loose or link.kind in ("html", "definition"):  # raw HTML is a link anywhere;
                    # a definition only the loose reading finds (in a list item's indented paragraph) may be one
                    new = relative_path(url, page_dir) + ("/" if url.endswith("/") else "") + (
                        unicodedata.normalize("NFKC", target.fragment) if target.fragment.startswith("#第")
                        else target.fragment)  # #第２条 is the page's 第2条, whose id has ASCII digits (a review)
                    edits.append((*link.dest, new))
            elif link.kind in ("definition", "html"):  # the definition, or the attribute, goes
                dropped.add(link.label)
                edits.append((*link.whole, ""))
            elif link.kind == "image":
                edits.append((*link.whole, ""))
            else:
                edits.append((*link.whole, link.text))
                revealed = revealed or "[" in body[link.text[0]:link.text[1]]
        for link in links + loose:
            if link.kind == "reference" and link.label in dropped:
                edits.append((*link.whole, link.text if link.text else ""))
                revealed = revealed or bool(link.text) and "[" in body[link.text[0]:link.text[1]]
        if not edits:
            return body, False
        return _apply(body, sorted(set(edits), key=lambda e: (e[0], -e[1])), 0, len(body)), revealed


_NESTING = 8
"""How many links inside links' texts are read, one inside another (a body deeper than that is no office's)."""


def _inner_links(body: str, links: list[BodyLink]) -> list[BodyLink]:
    """The links written inside the text of ``links`` (``[[a](L.md)](x)``): Python-Markdown shows them as
    text, but the open data's copy of the body is read by other readers too, which take the inner one for the
    link (CommonMark does)."""
    found: list[BodyLink] = []
    todo = [(link, 1) for link in links if link.text and "](" in body[link.text[0]:link.text[1]]]
    while todo:
        outer, depth = todo.pop()
        t0, t1 = outer.text
        for inner in find_links(body[t0:t1]):
            if inner.kind == "definition":
                continue
            placed = replace(
                inner, line=outer.line + body.count("\n", t0, t0 + inner.whole[0]),
                whole=(t0 + inner.whole[0], t0 + inner.whole[1]),
                text=None if inner.text is None else (t0 + inner.text[0], t0 + inner.text[1]),
                dest=None if inner.dest is None else (t0 + inner.dest[0], t0 + inner.dest[1]))
            found.append(placed)
            if placed.text and depth < _NESTING and "](" in body[placed.text[0]:placed.text[1]]:
                todo.append((placed, depth + 1))
    return found


def _loose_only(body: str, links: list[BodyLink]) -> list[BodyLink]:
    """The links :func:`find_links` finds in ``body`` only when ``loose`` (none where it found one),
    and the ``href`` and ``src`` of raw HTML (:func:`html_links`)."""
    found = html_links(body) if "<" in body else []
    if "[" in body and (any(c in body for c in "`~>\t\\") or "\n " in body or body.startswith(" ")):
        found += find_links(body, loose=True)  # else no code span, quotation, escape or indented line: the same links
    taken = {link.whole for link in links}  # a construct read both ways has the same span either way; one
    # read otherwise (a quotation's definition the strict reading took for a reference) is kept beside it
    return [link for link in found if link.whole not in taken]


_HTML_TAG = re.compile(r"""<[A-Za-z](?:[^<>"']|"[^"]*"|'[^']*')*>""")
"""A start tag, a ``>`` inside a quoted value included (``title="a>b" href="…"``)."""
_HTML_TARGET = re.compile(r"""\s([\w:.-]+\s*=\s*)("[^"]*"|'[^']*'|[^\s"'=<>`]+)""")
_ADDRESS_ATTRIBUTES = re.compile(r"(?:href|src|srcset|poster|cite|action|formaction|background|data|data-[\w-]+)\s*=",
                                 re.IGNORECASE)
"""Attributes whose value is an address; any other is one when its value names a file (``ping``,
``xlink:href``, ``<meta content="0;url=…">``): the open data keeps the body's raw HTML."""
_NAMED_FILE = re.compile(r"(?:^\d+\s*;\s*url=)?([^\s\"'<>]+\.[A-Za-z0-9]{1,9})$", re.IGNORECASE)
_NOT_ADDRESSES = re.compile(r"(?:class|id|style|lang|dir|width|height|align)\s*=", re.IGNORECASE)
_URL_TOKEN = re.compile(r"(?:^|,)\s*([^\s,]+)")
"""The address of each candidate of a ``srcset`` (``a.png 1x, b.png 2x``), not its descriptor."""


def html_links(body: str) -> list[BodyLink]:
    """Every address written in an attribute of raw HTML in ``body`` (``<a href="原办法.md">``, an
    image's ``src`` and ``srcset``, ``data-*`` …): kind ``html``, ``whole`` the attribute, ``dest``
    one address in its value (``srcset`` holds several).  A page, or the open data's copy of the body,
    shows them, whatever the Markdown around them."""
    found = []
    for tag in _HTML_TAG.finditer(body):
        for m in _HTML_TARGET.finditer(tag.group()):
            value = m.group(2)
            start = tag.start() + m.start(2)
            quoted = value[:1] in "\"'"
            d0, d1 = (start + 1, start + len(value) - 1) if quoted else (start, start + len(value))
            if not _ADDRESS_ATTRIBUTES.fullmatch(m.group(1).replace(" ", "")):
                named = None if _NOT_ADDRESSES.fullmatch(m.group(1).replace(" ", "")) else \
                    _NAMED_FILE.search(body[d0:d1])
                if named is None:
                    continue
                d0, d1 = d0 + named.start(1), d0 + named.end(1)
            whole = (tag.start() + m.start(), tag.start() + m.end())
            several = m.group(1).lower().startswith("srcset")
            for token in _URL_TOKEN.finditer(body[d0:d1]) if several else [None]:
                t0, t1 = (d0 + token.start(1), d0 + token.end(1)) if token else (d0, d1)
                if "." in body[t0:t1] or "/" in body[t0:t1]:  # a file's name (data-sort="2024" is none)
                    found.append(BodyLink("html", body.count("\n", 0, start), whole, None, (t0, t1), body[t0:t1]))
    return found


def _apply(body: str, edits: list[tuple[int, int, object]], lo: int, hi: int) -> str:
    """``body[lo:hi]`` with the edits inside it: a string replaces its span, a span keeps only its text."""
    out, at, i = [], lo, 0
    while i < len(edits):
        start, end, new = edits[i]
        if start < at or end > hi:
            i += 1
            continue
        out.append(body[at:start])
        inner = [e for e in edits[i + 1:] if e[0] >= start and e[1] <= end]
        if isinstance(new, tuple):
            out.append(_apply(body, inner, new[0], new[1]))
        else:
            out.append(new)
        at = end
        i += 1 + len(inner)
    out.append(body[at:hi])
    return "".join(out)


# -- checking ------------------------------------------------------------------------


def check_body_links(records: Iterable[Record], files: Iterable[str], broken: Iterable[str],
                     as_of, withheld: Iterable[str] = (), names_of: Callable[[str], Iterable[str]] | None = None,
                     index_nos: Iterable[str] = (), kept_off: Iterable[str] = ()) -> list[Problem]:
    """Problems with body links: missing, outside the catalogue, not published or not public.

    ``records`` are the valid records, ``files`` every file in the
    catalogue, ``broken`` the record files that did not validate.  The rest
    is what the build withholds besides what the records list, so that a
    public body naming any of it is reported as the build takes the name out
    (:func:`_withheld_names_left`): ``withheld`` the files records that give
    no record list or name and those records not 主动公开 name
    (:attr:`.Catalogue.unpublished_attachments`), ``names_of`` every name of a
    file (:meth:`.Catalogue.names_of`), ``index_nos`` the index numbers of
    every record file, valid or not, ``kept_off`` those of the 主动公开 records
    the build keeps off until their personal data is corrected (:func:`.pipeline.kept_off`).
    """
    records = tuple(records)
    by_source = {r.source: r for r in records}
    existing = set(files)
    broken = set(broken)
    listed: dict[str, list[Record]] = {}
    for r in records:
        for a in r.attachments:
            listed.setdefault(a, []).append(r)
    label = FIELDS_BY_KEY["attachments"].display
    problems: list[Problem] = []
    anchors: dict[str, list] = {}  # per record: whether its ids are sure, the cheap look's, the converted body's
    for r in records:
        if "[" not in r.body and "<" not in r.body:
            continue
        links = find_links(r.body)
        strict = len(links)
        links += _loose_only(r.body, links) if r.is_proactive else []
        for n, link in enumerate(links):
            if link.kind == "reference":
                continue
            loose = n >= strict and link.kind != "html"  # raw HTML is a link wherever it stands: checked in full
            if not loose and _ON_THE_EDITORS_COMPUTER.match(link.target.strip()):
                problems.append(_on_editors_computer(r.source, r.body_line + link.line, link.target))
                continue
            if not loose and (backslashed := _backslashed(link.target, r.source, existing)):
                problems.append(problem("body-link-missing", r.source, r.body_line + link.line, "body", *backslashed))
                continue
            target = local_target(link.target, r.source)
            if target is not None and target.rooted and target.path not in existing:
                target = None  # /guide.md: no catalogue file, the site's own page: left as written (a review)
            if loose and (target is None or target.path not in existing):
                continue  # read loosely (in code, or by an extension): reported only if it names what is not public
            anchor = _numbered_anchor(link.target) if r.is_proactive and not loose else None
            if anchor is not None:
                problems.extend(_missing_anchor(r, link, target, anchor, by_source, anchors))
            if target is None:
                continue
            line = r.body_line + link.line
            written = link.target

            def report(code: str, message: str, hint: str) -> None:
                problems.append(problem(code, r.source, line, "body", message, hint))

            path = target.path
            if path is None or path not in existing:
                problems.append(_no_file(r.source, line, written, path))
                continue
            if not r.is_proactive:
                continue  # this page is never published: nothing on it can leak
            other = by_source.get(path)
            if path in broken:
                report("body-link-target-invalid", f"正文中的链接“{written}”指向的记录 {path} 本身有错误，"
                       "改正之前不会发布，页面上只显示链接文字。", f"先改正 {path} 中报告的问题。")
            elif other is not None:
                if not other.is_proactive:
                    report("body-link-not-public",
                           f"正文中的链接“{written}”指向{other.disclosure.label}的记录，公开页面不能链接它。",
                           "删去这个链接（网站上只显示链接文字，不显示文件名）；确需引用的，只写文件名称。")
                elif other.published > as_of and other.published > r.published:
                    report("body-link-not-yet-public",
                           f"正文中的链接“{written}”指向 {other.published.isoformat()} 才发布的记录，"
                           "在此之前页面上只显示链接文字。", "对方记录发布后重新生成网站，链接会自动出现。")
            elif loose:
                if path not in listed or not any(o.is_proactive for o in listed[path]):
                    report("body-link-not-public",
                           f"正文中的链接“{written}”指向的文件 {path} 不公开，公开页面不能链接它（这个链接写在代码、"
                           "引文中）。", "删去这个链接；网站上不显示它的文件名。")
            elif path.endswith((".md", ".markdown")):
                report("body-link-missing", f"正文中的链接“{written}”指向的文件 {path} 不是有效的记录。",
                       "改正文件名，或删去这个链接。")
            else:
                listers = listed.get(path, [])
                if not listers:
                    report("body-link-not-attachment",
                           f"正文中的链接“{written}”指向的文件 {path} 没有列为任何记录的附件，网站上不会发布它。",
                           f"在本记录的{label}中列出它。")
                elif r not in listers and not any(o.is_proactive for o in listers):
                    report("body-link-not-public",
                           f"正文中的链接“{written}”指向的文件 {path} 只是不公开记录的附件，公开页面不能链接它。",
                           "删去这个链接；确需公开的文件，列入本记录的附件（并确认可以公开）。")
    problems.extend(_withheld_names_left(records, broken | set(withheld), names_of, index_nos, problems, as_of,
                                         frozenset(kept_off)))
    return problems


def _withheld_names_left(records: tuple[Record, ...], withheld: set[str],
                         names_of: Callable[[str], Iterable[str]] | None, index_nos: Iterable[str],
                         reported: list[Problem], as_of, kept_off: frozenset[str] = frozenset()) -> list[Problem]:
    """A withheld file's name that a public text (a body, a free-text field) still holds where no link
    problem was reported on its line (a form of link the finder does not read, or the name as text):
    the site takes it out.

    Errors are read without a date (a record published later is not withheld for good): the files of
    records not 主动公开, ``withheld``, each under all its names; the published are the 主动公开
    records' files that are none of these.  As the build reads them on ``as_of``, the files of records
    not yet published are withheld too, and those of records kept off for personal data or a withheld name (``kept_off``)
    until it is corrected: a name of one only is a warning (``names-not-yet-public``)."""
    def named(files):
        return {name for a in files for name in names_of(a)} if names_of is not None else set(files)

    hidden = named(withheld | {a for r in records if not r.is_proactive for a in (r.source, *r.attachments)})
    proactive = [r for r in records if r.is_proactive]
    public = [r for r in proactive if r.published <= as_of and r.index_no not in kept_off]
    later = named({a for r in proactive if r.published > as_of or r.index_no in kept_off
                   for a in (r.source, *r.attachments)}) - hidden
    every = {r.index_no for r in records} | set(index_nos)

    def net(hidden_now, shown):
        return WithheldNames.shared(hidden_now, {a for r in shown for a in (r.source, *r.attachments)} - hidden_now,
                                    map(index_slug, every - {r.index_no for r in shown}),
                                    map(index_slug, {r.index_no for r in shown}))

    names = net(hidden, proactive)
    waiting = net(hidden | later, public) if later or len(public) < len(proactive) else None
    if not names and not waiting:
        return []
    explained = {"body-link-not-public", "body-link-target-invalid"}
    lines = {(p.file, p.line, "error") for p in reported if p.code in explained}  # a link on it says why
    lines |= {(p.file, p.line, "warning") for p in reported if p.code in explained | {"body-link-not-yet-public"}}
    out = []
    for r in proactive:
        nets = (names, waiting if waiting and r.published <= as_of and r.index_no not in kept_off else None)
        for key in ("body", *FREE_TEXT):  # the body, and the text fields (visibility.public_view takes them out)
            value = r.body if key == "body" else getattr(r, key)
            for text in (value,) if isinstance(value, str) else value if isinstance(value, tuple) else ():
                secret = nets[0].spans(text) if nets[0] else []
                soon = [(start, end) for start, end in nets[1].spans(text)
                        if not any(s < end and start < e for s, e in secret)] if nets[1] else []
                for spans, kind in ((secret, "error"), (soon, "warning")):
                    out.extend(_names_problems(r, key, text, spans, kind, lines))
    return out


def _names_problems(r: Record, key: str, text: str, spans: list[tuple[int, int]], kind: str,
                    lines: set[tuple[str, int, str]]) -> list[Problem]:
    """The problems of withheld names (``spans``) in one of ``r``'s texts: a body's per line it stands on
    (once, and not where a link's problem said it), a field's at its key; ``kind``: withheld (an
    error) or not yet published (a warning)."""
    if not spans:
        return []
    later = kind == "warning"
    what = "尚未发布（或因个人信息暂不发布）的记录或其附件" if later else "不公开的文件或记录"
    when = "在那条记录发布之前，网站上会删去它；发布之后重新生成网站即可。" if later else "公开页面不能出现它，网站上会删去它。"
    hint = ("不必改动；若不想等到那天，删去这个名称。" if later else
            "删去这个名称或指向它的链接（不公开文件的标题也不能写出，可写“有关文件”）。若写的是别处同名的文件，可以给不公开的那个文件改名。")
    if key != "body":
        label = FIELDS_BY_KEY[key].display
        found = "”“".join(text[start:end] for start, end in spans)
        return [problem("names-not-yet-public" if later else "field-names-not-public", r.source, r.line_of(key), key,
                        f"{label}中写有{what}的名称或网址“{found}”：{when}", hint)]
    out = []
    for start, end in spans:
        line = r.body_line + text.count("\n", 0, start)
        if (r.source, line, kind) in lines:
            continue
        lines.add((r.source, line, kind))
        out.append(problem("names-not-yet-public" if later else "body-link-not-public", r.source, line, "body",
                           f"正文中写有{what}的名称或网址“{text[start:end]}”：{when}", hint))
    return out


def _numbered_anchor(target: str) -> str | None:
    """The article or numbered heading a link's fragment names (``#第三条``, ``#第二章第一节``), as a
    browser reads it, or None for any other link."""
    _, sep, fragment = target.strip().partition("#")
    fragment = unicodedata.normalize("NFKC", unquote(fragment))  # #第２条 is 第2条: the site links it so
    return fragment if sep and fragment.startswith("第") else None


def _missing_anchor(r: Record, link: BodyLink, target: Target | None, anchor: str,
                    by_source: Mapping[str, Record], known: dict[str, list]) -> list[Problem]:
    """``body-link-anchor-missing`` if the public record the link opens (``target``, read by
    :func:`local_target`) has no such article or heading."""
    if link.target.strip().startswith("#"):
        other = r
    else:
        other = by_source.get(target.path) if target is not None and target.path is not None else None
        if other is None or not other.is_proactive:
            return []  # not a record's page, or one not shown: reported as such, if at all
    ids = _page_ids(other, anchor, known)
    if ids is None or anchor in ids:
        return []
    where = "本记录" if other is r else f"记录 {other.source} "
    return [problem(
        "body-link-anchor-missing", r.source, r.body_line + link.line, "body",
        f"正文中的链接“{link.target.strip()}”指向{where}的「{anchor}」，但{'本记录' if other is r else '那份记录'}的正文中"
        f"没有这一处（以“{anchor}”开头的段落，或这样编号的标题）：点这个链接不会跳到那里。",
        "核对编号：条在全文中连续编号（#第一百二十条），节的网址带章（#第二章第一节），有编时编在前"
        "（#第一编第二章）；引用（> 开头）和脚注里的条、段落中间提到的条没有网址。")]


def _page_ids(record: Record, anchor: str, known: dict[str, list]) -> frozenset[str] | None:
    """The ids of ``record``'s page to look ``anchor`` up in: the cheap look's where it has it, else
    the converted body's (each once per record); None where the site's other extensions decide them
    (body_anchors.sure_of) or the body cannot be converted: such a body is not checked.  The body is read
    as its page reads it (body_html.page_markdown): a law pasted from Word, one article a line, has its
    articles apart there; read raw, every link to them was said to go nowhere (a review)."""
    entry = known.get(record.source)
    if entry is None:
        body = page_markdown(record.body)
        sure = sure_of(body)
        entry = known[record.source] = [sure, likely_ids(body) if sure else frozenset(), body]
    if not entry[0]:
        return None
    if anchor in entry[1]:  # most links: no conversion of a long law's body
        return entry[1]
    if isinstance(entry[2], str):  # the body as read, not converted yet
        entry[2] = anchor_ids(entry[2])  # None if the parser cannot take it: not checked either
    return entry[2]
