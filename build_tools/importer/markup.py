"""Saved HTML pages: metadata from tables and lists, the article body as Markdown.

Parsing is BeautifulSoup's (the standard library's ``html.parser`` tree
builder, which keeps source line numbers for the report); HTML → Markdown is
markdownify's.  Site chrome is removed as elements first (``nav``, ``footer``,
scripts, and elements whose id or class names a menu, breadcrumb, share bar,
print link or footer), then line by line by :mod:`.body`.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field

from .labels import COLON_LABEL, LAW_PORTAL_LABEL
from .metadata import Extraction, Seen, line_labels

_CHROME_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "form", "iframe", "button",
                "input", "select", "textarea", "object", "embed", "svg", "canvas", "template")
_CHROME_NAME = re.compile(
    r"nav|menu|crumb|breadcrumb|position|location|footer|foot\b|share|bdshare|print|toolbar|"
    r"sidebar|side-bar|banner|header|topbar|related|relate|fontsize|font-size|zihao|pager|prevnext|"
    r"qrcode|erweima|copyright|search", re.IGNORECASE)
_ATTACHMENT_LINK = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?|wps|et|ofd|odt|ods|zip|rar|7z|csv)(?:[?#]|$)",
                              re.IGNORECASE)
_CONTENT_NAME = re.compile(
    r"zoom|TRS_Editor|TRS_UEDITOR|Custom_UnionStyle|article|content|detail|main-?text|pages_content|"
    r"wzcon|newscontent|con_text|ccontent|textcontent|view", re.IGNORECASE)


@dataclass(slots=True)
class HtmlPage:
    """What an HTML page holds, for mapping and writing."""

    extraction: Extraction
    titles: list[tuple[str, str, int | None]] = field(default_factory=list)
    """Title candidates: (text, where it came from, line)."""
    body: list[str] = field(default_factory=list)
    """Markdown lines of the article (before chrome lines are dropped)."""
    links: list[tuple[str, str]] = field(default_factory=list)
    """(href, link text) of every link and image in the article body."""
    all_links: list[tuple[str, str]] = field(default_factory=list)
    """(href, link text) of every link on the page (for pairing policy and 解读)."""
    chrome_text: list[tuple[str, int | None]] = field(default_factory=list)
    """Text of removed chrome that may carry a date (「2017-05-15 来源：…」)."""


_BAD_DECLARATION = re.compile(r"<!(?!--|\[CDATA\[|[Dd][Oo][Cc][Tt][Yy][Pp][Ee])")


def _soup(text: str):
    from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning
    from bs4.exceptions import ParserRejectedMarkup
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        try:
            return BeautifulSoup(text, "html.parser")
        except ParserRejectedMarkup:
            # html.parser gives up on a broken declaration such as 「<![」; as text it is harmless
            return BeautifulSoup(_BAD_DECLARATION.sub("&lt;!", text), "html.parser")


def _text(el) -> str:
    return re.sub(r"[ \t\r\n\u3000\u00a0]+", " ", el.get_text(" ")).strip()


def _names(el) -> str:
    attrs = getattr(el, "attrs", None) or {}
    cls = attrs.get("class") or []
    if isinstance(cls, str):
        cls = [cls]
    return " ".join([str(attrs.get("id") or ""), *map(str, cls)])


def _row_pairs(row) -> list[tuple[str, str]]:
    """Label/value pairs of a table row: label cells (with or without a colon) followed by value cells."""
    cells = [_text(c) for c in row.find_all(["td", "th"], recursive=False)]
    return line_labels(" | ".join(cells)) if cells else []


def parse_html(text: str) -> HtmlPage:
    """Metadata, title candidates, body Markdown and links of an HTML page."""
    from markdownify import MarkdownConverter
    soup = _soup(text)
    page = HtmlPage(Extraction())
    ex = page.extraction
    page.all_links = [(str(a.get("href") or ""), _text(a)) for a in soup.find_all("a") if a.get("href")]
    title_tag = soup.find("title")
    if title_tag and _text(title_tag):
        page.titles.append((_text(title_tag), "<title>", getattr(title_tag, "sourceline", None)))
    for meta in soup.find_all("meta"):
        name = str(meta.get("name") or "").lower()
        if name in ("pubdate", "publishdate", "firstpublishedtime") and meta.get("content"):
            page.chrome_text.append((str(meta["content"]), getattr(meta, "sourceline", None)))
        if name in ("articletitle", "title") and meta.get("content"):
            page.titles.append((str(meta["content"]).strip(), f'<meta name="{meta.get("name")}">',
                                getattr(meta, "sourceline", None)))
    # metadata: table rows first, then small blocks made of 「标签：取值」
    consumed = []
    for row in soup.find_all("tr"):
        if row.find("tr"):
            continue
        pairs = _row_pairs(row)
        if pairs:
            ex.labels.extend(Seen(k, v, getattr(row, "sourceline", None)) for k, v in pairs)
            consumed.append(row)
    for string in soup.find_all(string=_LABEL_START):
        el = _block(string)
        if el is None or any(el is c or c in el.parents for c in consumed):
            continue
        text = _text(el)
        pairs = line_labels(text)
        if not pairs:
            continue
        if LAW_PORTAL_LABEL.search(text):
            ex.law_portal = True
        ex.labels.extend(Seen(k, v, getattr(el, "sourceline", None)) for k, v in pairs)
        consumed.append(el)
    # the metadata's elements are removed before the body is taken (tables whose rows all were metadata too)
    for el in consumed:
        table = el.find_parent("table") if el.name == "tr" else None
        el.decompose()
        # Only a table left empty: an unclosed metadata table holds the article that follows it (a review
        # found the whole body gone).
        if table is not None and not table.find(["td", "th"]) and not _text(table).strip():
            table.decompose()
    # the page heading, looked for before chrome goes (an article's <header> holds it); a site logo is shorter
    headings = sorted((h for h in soup.find_all("h1") if len(_text(h)) >= 6), key=lambda h: -len(_text(h)))
    if headings:
        page.titles.insert(0, (_text(headings[0]), "<h1>", getattr(headings[0], "sourceline", None)))
    for tag in soup.find_all(_CHROME_TAGS):
        if tag.name == "header" or tag.name == "footer":
            page.chrome_text.append((_text(tag)[:300], getattr(tag, "sourceline", None)))
        tag.decompose()
    # Chrome by its class or id only around the article: inside it, a table's "table-header" row, a 职务
    # cell of class "position", a "research" section are the document's (a review found them removed).
    article = _content_root(soup)
    for el in list(soup.find_all(True)):
        if el.decomposed:  # inside chrome removed a moment ago
            continue
        names = _names(el)
        if names.strip() and _CHROME_NAME.search(names) and not _CONTENT_NAME.search(names):
            if el.name not in ("html", "body") and article is not soup and el is not article \
                    and article not in el.parents and el not in article.parents:
                page.chrome_text.append((_text(el)[:300], getattr(el, "sourceline", None)))
                el.decompose()
            elif article is soup or article is soup.body:
                if el.name not in ("html", "body"):
                    page.chrome_text.append((_text(el)[:300], getattr(el, "sourceline", None)))
                    el.decompose()
    root = _content_root(soup)
    page.links = [(str(a.get("href") or ""), _text(a)) for a in root.find_all("a") if a.get("href")]
    page.links += [(str(i.get("src") or ""), str(i.get("alt") or "")) for i in root.find_all("img") if i.get("src")]
    if root is not soup:  # attachments listed in a block of their own after the article (TRS's "fujian")
        page.links += [(str(a.get("href")), _text(a)) for a in soup.find_all("a", href=True)
                       if root not in a.parents and _ATTACHMENT_LINK.search(str(a.get("href")))]
    converter = MarkdownConverter(heading_style="ATX", bullets="-", escape_underscores=False,
                                  escape_asterisks=False, strip=["span", "font"], table_infer_header=True)
    md = converter.convert_soup(root) if root is not soup else converter.convert_soup(soup)
    page.body = md.replace("\u00a0", " ").split("\n")
    return page


_LABEL_START = re.compile(rf"^[\s\u3000\u00a0]*(?:{LAW_PORTAL_LABEL.pattern}|{COLON_LABEL.pattern})")
_INLINE = frozenset({"span", "b", "strong", "font", "label", "em", "i", "a", "u", "small", "dt", "th"})


def _block(string):
    """The smallest block around a text node that starts with a label (its value sits in a sibling)."""
    el = string.parent
    while el is not None and el.name in _INLINE and el.parent is not None and el.parent.name not in ("tr",):
        el = el.parent
    if el is None or el.name in ("html", "body", "[document]", "tr", "td", "table"):
        return None
    return el


def _content_root(soup):
    """The element holding the article: a known content container with the most text that is not a link's,
    else ``<body>`` (a side column's 最新信息, a list of links, had been taken for a short notice: a review)."""
    found = []
    for el in soup.find_all(["div", "td", "article", "section", "main"]):
        if _CONTENT_NAME.search(_names(el)) or el.name in ("article", "main"):
            text = len(_text(el))
            links = sum(len(_text(a)) for a in el.find_all("a"))
            found.append((links * 2 < text, text - links, el))  # mostly links: a list, taken last
    best = max(found, key=lambda f: f[:2], default=None)
    if best is not None and best[1] >= 40:
        return best[2]
    return soup.body or soup
