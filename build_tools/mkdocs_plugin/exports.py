"""Writing what build_tools.exports returns: the body renderer the open data uses, and the sitemap.

The open data holds each record body's HTML, the same HTML its page
shows.  Where the pages' conversion is not shared with the open data
(body_once.py steps aside), :class:`FastBodyRenderer` converts the open
data's copy with the pages' plain-text skip (plain_text_skip.py), which
spares the inline step on runs of text no inline pattern can match
(about 30 % less Markdown time per body; the bodies are converted in
forked workers, 1.3 s of CPU for 1,000 records without it), checked the
same way: its first bodies in each process are converted both ways and
compared.

The open-data and feed files reach MkDocs as generated files of the plan
(pages.py); the sitemap is made once every page is known (on_post_build)
and replaces the one MkDocs' theme wrote, so it lists exactly the public
pages, each with the day the records say it last changed.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path

from ..body_html import BodyRenderer
from .fast_paths import PLAIN_TEXT_SKIP, Notice, unverified
from .page_keys import project_code
from .page_markdown import _LEAKED, _VERIFY
from .plain_text_skip import NAME as SKIP_NAME, PlainTextSkip
from ..exports.plan import base_of
from ..exports.sitemap import sitemap_files
from ..site_plan import SitePlan
from .render import PageJob

log = logging.getLogger("mkdocs.plugins.catalogue")


def body_renderer(config, notices: set[Notice] | None = None) -> BodyRenderer:
    """Markdown → HTML as MkDocs renders a page of this site (its extensions and their options), sanitised.

    ``notices`` receives a :class:`Notice` if the plain-text skip steps aside.
    """
    return FastBodyRenderer(config.markdown_extensions, config.mdx_configs, code=project_code(config), notices=notices)


class FastBodyRenderer(BodyRenderer):
    """:class:`BodyRenderer` with the pages' plain-text skip: the same HTML, with less Markdown work.

    The skip is added only where the pages' parser adds it (the installed
    Markdown verified, every inline pattern and later tree processor known;
    the page render logs why when it is not).  Its :attr:`identity` is
    BodyRenderer's: the output is the same, so are the cache keys.
    """

    def __init__(self, *args, notices: set[Notice] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.skip = None if unverified(PLAIN_TEXT_SKIP) else PlainTextSkip.register(self._md)
        self._verified = 0
        self.notices = notices if notices is not None else set()
        """Why the skip stepped aside, logged by the build with the pages' notices (one line)."""
        self._pid = os.getpid()

    def __call__(self, text: str) -> str:
        skip = self.skip
        if skip is None or self._verified >= _VERIFY:
            html = super().__call__(text)
            return html if skip is None or _LEAKED not in html else self._plain(text)
        fast = super().__call__(text)
        plain = self._plain(text)
        self._verified += 1
        if fast != plain and _LEAKED not in fast:  # never seen: the pages' parser would differ too, and says so
            self._md.treeprocessors.deregister(SKIP_NAME)
            self.skip = None
            self.report(Notice(PLAIN_TEXT_SKIP, "开放数据中一条正文跳过与不跳过行内处理的结果不同"))
        return plain

    def report(self, notice: Notice) -> None:
        """Note why a fast path stepped aside: for the build to log, or logged here in a forked worker."""
        if os.getpid() == self._pid:
            self.notices.add(notice)
        else:  # a forked worker (exports/plan.py): its notices do not come back, so it says so itself
            log.info(notice.message())

    def _plain(self, text: str) -> str:
        """``text`` converted without the skip."""
        self.skip.enabled = False
        try:
            return super().__call__(text)
        finally:
            self.skip.enabled = True


def write_sitemap(config, jobs: Sequence[PageJob], mkdocs_files, plan: SitePlan) -> None:
    """Write ``sitemap.xml`` (and its parts and ``.gz`` copies) over MkDocs' own, when there is a ``site_url``.

    MkDocs' pages (docs/ pages, the home page, the navigation's lists) and
    the plugin's (``jobs``) are all the pages of the site; a docs/ page has
    no date from the records: it is dated by ``SOURCE_DATE_EPOCH`` when the
    builder sets it (MkDocs' ``update_date``), else it gets no ``<lastmod>``.
    """
    if not config.site_url:
        log.info("mkdocs.yml 没有设置 site_url（网站的完整网址，如 https://www.example.gov.cn/xxgk/）："
                 "站点地图和订阅源（RSS、Atom）需要完整网址，这次没有生成。")
        return
    entries: list[tuple[str, str | None]] = [(job.url, job.update_date) for job in jobs]
    for f in mkdocs_files:
        planned = plan.page(f.src_uri)
        if planned is not None:
            entries.append((f.url, planned.updated))
        else:
            entries.append((f.url, f.page.update_date if "SOURCE_DATE_EPOCH" in os.environ else None))
    site = Path(config.site_dir)
    for stale in site.glob("sitemap-*.xml*"):  # parts of a larger site built here before (serve, --dirty)
        stale.unlink()
    for name, data in sitemap_files(base_of(config.site_url), entries).items():
        (site / name).write_bytes(data)
