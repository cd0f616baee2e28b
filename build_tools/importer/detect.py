"""Text dumps of pages: where the metadata block is, what is header chrome, the title line; and
whether a page is a disclosure page at all.

A page is a disclosure page when it has at least two metadata labels about the
document, or the structure of an official document (一、/（一）/第X条 headings,
or a 发文字号 line near the top) and some text.  A news item or a portal's
index page has neither and is reported, not imported.
"""

from __future__ import annotations

import re

from ..disclosure_notes import marked_not_public
from .body import ARTICLE, HEADING_2, HEADING_3, is_chrome, plain
from .mapping import Clues
from .metadata import Extraction, extract_lines

META_LINES_AT_TOP = 30
"""Lines before a metadata block starting this near the top are the site's header (navigation, breadcrumbs)."""
DOC_NO_LINE = re.compile(r"〔\d{4}〕\s*\d+\s*[号號]|[\[【(（]\d{4}[\]】)）]\s*\d+\s*[号號]")
_TITLE_CONTINUES = ("关于", "關于", "關於", "于", "的", "和", "及", "印发")


def text_page(text: str) -> tuple[Extraction, list[str], Clues, list[tuple[str, int]]]:
    """Metadata, body lines, clues (title line, dates of chrome lines) and the dropped header lines of a text page."""
    lines = text.split("\n")
    ex = extract_lines(lines)
    doc_lines = {s.line - 1 for s in ex.document_labels if s.line}
    first_meta = min(doc_lines) if doc_lines else None
    start = first_meta if first_meta is not None and first_meta < META_LINES_AT_TOP else 0
    dropped = [(lines[i], i + 1) for i in range(start)]
    body = [ln for i, ln in enumerate(lines) if i >= start and i not in ex.lines]
    titles: list[tuple[str, str, int | None]] = []
    # The body's first line, when short and not a heading, is the document's title (the portal repeats it above)
    for i, ln in enumerate(lines):
        if i < start or i in ex.lines or not plain(ln) or is_chrome(plain(ln)):
            continue
        t = plain(ln)
        if len(t) < 6 or marked_not_public(t) is not None:
            continue  # a column name (「铁路局」) above the text, or a 密级 mark (秘密★1年): not a title
        nxt = next((plain(x) for x in lines[i + 1:i + 3] if plain(x)), "")
        if t.endswith(_TITLE_CONTINUES) and nxt and len(nxt) <= 60 and "。" not in nxt:
            t += nxt  # a title broken over two lines: 「…关于」 / 「印发…的通知」
        if len(t) <= 100 and "。" not in t and not (HEADING_2.match(t) or HEADING_3.match(t) or ARTICLE.match(t)) \
                and not DOC_NO_LINE.search(t) and not t.endswith((":", "：")):
            portal = [d for d, _ in dropped if plain(d).endswith(t) and plain(d) != t]
            where = "正文上方的标题行" + ("（与原网站的标题行一致）" if portal else "")
            titles.append((t, where, i + 1))
        break
    if not titles:  # a text copy that begins with its title, then the metadata (关于…的通知 / 索引号：…)
        above = [(plain(d), n) for d, n in dropped if _looks_like_title(plain(d))]
        titles.extend((t, "元数据上方的标题行", n) for t, n in above[-1:])
    dates = [(m.group(0), "原网站页面上的日期", i + 1) for i, ln in enumerate(lines)
             if is_chrome(plain(ln)) for m in [re.search(r"\d{4}-\d{1,2}-\d{1,2}", ln)] if m]
    return ex, body, Clues(tuple(titles), tuple(body), tuple(dates[:1])), dropped


def _looks_like_title(t: str) -> bool:
    return 6 <= len(t) <= 100 and "。" not in t and not is_chrome(t) and not DOC_NO_LINE.search(t) \
        and not t.endswith((":", "：")) and marked_not_public(t) is None and bool(re.search(r"[\u4e00-\u9fff]{4}", t))


def is_disclosure(ex: Extraction, body: list[str]) -> bool:
    """Whether a page has the metadata or the structure of a disclosure page."""
    if len(ex.document_labels) >= 2:
        return True
    texts = [plain(b).lstrip("#* ") for b in body if plain(b)]
    structure = sum(1 for t in texts if HEADING_2.match(t) or HEADING_3.match(t) or ARTICLE.match(t))
    size = sum(len(t) for t in texts)
    return size >= 100 and (structure >= 2 or any(DOC_NO_LINE.search(t) for t in texts[:10]))
