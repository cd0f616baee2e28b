"""The page at an address a record page had under a former 索引号 (:mod:`build_tools.views.moved`).

A small HTML file of its own, not a page of the site's theme: it is never listed (no sitemap entry, no
search, no feed), asks search engines not to index it (``noindex``) and names the present address as the
canonical one, and sends the reader on at once (``<meta http-equiv="refresh">``, which every browser
follows without JavaScript), with the link written out for a browser that does not.
"""

from __future__ import annotations

from html import escape

from ..views.moved import MovedPage, relative_target
from ..views.urls import page_url


def moved_page_html(page: MovedPage, directory_urls: bool = True) -> bytes:
    """The HTML served at ``page.path``."""
    url = escape(page_url(relative_target(page), directory_urls), quote=True)
    title = escape(page.title)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={url}">
<link rel="canonical" href="{url}">
<title>本页已迁移：{title}</title>
</head>
<body>
<p>这份文件的索引号已由 {escape(page.former)} 更正为 {escape(page.index_no)}，页面已迁至新网址：
<a href="{url}">{title}</a>。</p>
</body>
</html>
""".encode("utf-8")
