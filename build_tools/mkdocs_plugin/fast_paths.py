"""What the fast paths were verified with, and how one that steps aside says so.

The fast paths (page frames, the shared Markdown parser and its plain-text
skip, plain bodies converted directly, one conversion per body) rest on
private internals of MkDocs, Material, Jinja and Python-Markdown.  They are verified, by the tests and by
``catalogue build --verify``, with the minor versions in :data:`VERIFIED`;
with any other version installed they step aside and pages are rendered
the plain way (same bytes, slower).

A fast path that steps aside never does so silently: it records a
:class:`Notice`, and the build logs one line per fast path, at INFO, in
Chinese with the technical reason (logger ``mkdocs.plugins.catalogue``).
Forked workers send their notices back with their pages' warnings, so a
build with four workers still logs one line.
"""

from __future__ import annotations

import importlib.metadata
import logging
from collections.abc import Iterable
from dataclasses import dataclass

log = logging.getLogger("mkdocs.plugins.catalogue")

VERIFIED: dict[str, tuple[str, ...]] = {
    "mkdocs": ("1.6",),
    "mkdocs-material": ("9.8",),
    "jinja2": ("3.1",),
    "markdown": ("3.11",),
}
"""Minor versions each distribution was verified with (keep in step with pyproject.toml)."""

FRAMES = "页面框架"
MARKDOWN = "共享 Markdown 解析器"
PLAIN_TEXT_SKIP = "纯文本跳过（PlainTextSkip）"
BODY_ONCE = "正文只转换一次（开放数据与页面共用）"
PLAIN_BODIES = "简单正文直接转换（PlainBodies）"
CACHES = "页面与正文缓存"
ELSEWHERE = "页面缓存、沿用上次的页面、并行渲染、页面框架与共用的 Markdown 解析器"

PAGE_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content", "page_context", "post_page")
"""The events MkDocs fires for each page: a plugin or hook handling one sees every page it renders."""

_USES = {
    FRAMES: ("mkdocs", "mkdocs-material", "jinja2"),
    MARKDOWN: ("mkdocs", "markdown"),
    PLAIN_TEXT_SKIP: ("markdown",),
    BODY_ONCE: ("mkdocs", "markdown"),
    PLAIN_BODIES: ("mkdocs", "markdown"),
}
"""The distributions whose internals each fast path relies on."""


@dataclass(frozen=True, slots=True, order=True)
class Notice:
    """A fast path that stepped aside, and why (one log line per build)."""

    speedup: str
    """Which fast path: :data:`FRAMES`, :data:`MARKDOWN`, :data:`PLAIN_TEXT_SKIP`, :data:`BODY_ONCE`,
    :data:`PLAIN_BODIES` or :data:`CACHES`."""
    reason: str
    """The technical reason, in Chinese, naming files, templates or versions."""

    def message(self) -> str:
        """The log line."""
        return (f"加速功能“{self.speedup}”已关闭，相关页面改用完整渲染（结果相同，但生成较慢）。"
                f"原因：{self.reason}")


def unverified(speedup: str) -> str | None:
    """Why ``speedup`` must not run with the installed versions, or None if it may."""
    for dist in _USES[speedup]:
        try:
            installed = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            return f"未安装 {dist}"
        minor = ".".join(installed.split(".")[:2])
        if minor not in VERIFIED[dist]:
            verified = "、".join(VERIFIED[dist])
            return (f"已安装 {dist} {installed}，而该加速只在 {dist} {verified}.x 上验证过"
                    "（依赖私有接口，版本变化后可能输出不同）")
    return None


def page_watchers(plugins) -> tuple[str, ...]:
    """The other plugins and hooks (not this package's) that handle a page event, with the events.

    Such a plugin (Material's ``search``, a hook writing each page's text) must see every page in
    the build's own process: a page taken from the cache or the last site fires no event, and one
    rendered in a forked worker fires them where what the plugin gathers is lost (found by a review:
    ``search`` indexed none of the records).  The generated pages are then all rendered here.
    """
    events: dict[str, list[str]] = {}
    origins = getattr(plugins, "_event_origins", {})
    for event in PAGE_EVENTS:
        for method in getattr(plugins, "events", {}).get(event, ()):
            owner = getattr(method, "__self__", None)
            module = getattr(owner if owner is not None else method, "__module__", "") or ""
            options = getattr(owner, "config", None)
            if module.split(".")[0] == __name__.split(".")[0] or \
                    hasattr(options, "get") and options.get("enabled", True) is False:
                continue  # this package's, or a plugin switched off (enabled: !ENV [CI, false])
            name = origins.get(method) or getattr(method, "__qualname__", module)
            events.setdefault(name, []).append(f"on_{event}")
    return tuple(f"{name}（{'、'.join(on)}）" for name, on in events.items())


def log_notices(notices: Iterable[Notice]) -> None:
    """Log one line per fast path that stepped aside, with every distinct reason, in a stable order."""
    reasons: dict[str, list[str]] = {}
    for notice in sorted(set(notices)):
        reasons.setdefault(notice.speedup, []).append(notice.reason)
    for speedup, why in reasons.items():
        log.info(Notice(speedup, "；".join(why)).message())
