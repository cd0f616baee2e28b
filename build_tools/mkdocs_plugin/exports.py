"""Writing what build_tools.exports returns: the body renderer the open data uses, and the sitemap.

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
from ..exports.plan import base_of
from ..exports.sitemap import sitemap_files
from ..site_plan import SitePlan
from .render import PageJob

log = logging.getLogger("mkdocs.plugins.catalogue")


def body_renderer(config) -> BodyRenderer:
    """Markdown → HTML as MkDocs renders a page of this site (its extensions and their options), sanitised."""
    return BodyRenderer(config.markdown_extensions, config.mdx_configs)


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
