"""Static SVG charts drawn at build time with matplotlib: no JavaScript, printable, text kept as text.

Why matplotlib: it is the well-kept plotting library of the Python world, it
writes SVG without a browser, and with ``svg.fonttype = 'none'`` its labels
stay ``<text>`` elements in the page's own CJK fonts (selectable, legible
in print, read by screen readers) rather than glyph outlines.  Output is
byte-reproducible: ``svg.hashsalt`` is fixed and no date is written.

The charts are inlined in pages, so every ``id`` is prefixed with the
chart's own name (two charts on one page never share a clip path id).
Each chart carries a ``<title>``; its text alternative is the table of the
same numbers printed next to it (``aria-describedby``).

matplotlib is imported only when a chart is drawn (a catalogue without
budgets never pays its import).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC",
         "WenQuanYi Micro Hei", "SimHei", "sans-serif"]
"""The page's CJK fonts, in the order catalogue.css names them."""

COLOURS = ("#b71c1c", "#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a")
"""Distinct in print and for the common colour-vision deficiencies when paired with the hatch/marker shapes."""
HATCHES = ("", "//", "..", "xx", "\\\\")
MARKERS = ("o", "s", "^", "D", "v")


@dataclass(frozen=True, slots=True)
class Series:
    """One named row of values (``None``: no figure that year), in 万元."""

    name: str
    values: tuple[Decimal | None, ...]


def _pyplot():
    import matplotlib
    matplotlib.use("Agg", force=False)
    from matplotlib import pyplot
    return matplotlib, pyplot


def _style(matplotlib) -> dict:
    return {
        "svg.fonttype": "none", "svg.hashsalt": "catalogue-fiscal", "svg.id": None,
        "font.family": "sans-serif", "font.sans-serif": FONTS, "font.size": 12,
        "axes.spines.top": False, "axes.spines.right": False, "axes.unicode_minus": False,
        "path.simplify": False,
    }


def _finish(fig, pyplot, name: str, title: str) -> str:
    buf = io.StringIO()
    # Fixed margins (set by each chart) rather than bbox_inches="tight", which draws everything twice.
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    pyplot.close(fig)
    return _inline(buf.getvalue(), name, title)


def _inline(svg: str, name: str, title: str) -> str:
    """The SVG ready to inline in HTML: no XML prolog, ids prefixed, a title, scalable width."""
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{name}-\1"', svg)
    svg = re.sub(r'url\(#([^)]+)\)', rf'url(#{name}-\1)', svg)
    svg = re.sub(r'xlink:href="#([^"]+)"', rf'xlink:href="#{name}-\1"', svg)
    svg = re.sub(r'<svg ([^>]*?)width="[^"]*" height="[^"]*"', r'<svg \1', svg, count=1)
    svg = svg.replace("<svg ", f'<svg class="cat-chart-svg" role="img" aria-labelledby="{name}-title" ', 1)
    svg = re.sub(r"(<svg [^>]*>)", rf'\1<title id="{name}-title">{escape(title)}</title>', svg, count=1)
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    # matplotlib's stylesheet says ``*{…}``: inlined, that would restyle the whole page.
    svg = svg.replace("<style type=\"text/css\">*{", f"<style type=\"text/css\">#{name} *{{")
    svg = svg.replace("<svg ", f'<svg id="{name}" ', 1)
    return svg.strip() + "\n"


def grouped_bars(name: str, title: str, categories: Sequence[str], series: Sequence[Series]) -> str:
    """Horizontal bars, one group per category, one bar (a ``<g id="…-bar-i-j">``) per figure, values labelled."""
    matplotlib, pyplot = _pyplot()
    with matplotlib.rc_context(_style(matplotlib)):
        # About phone width at 1:1 (5.2 in = 374 pt), so labels stay legible when the page is narrow.
        height = 0.55 + 0.62 * len(categories) * max(1, len(series)) / 2 + 0.6
        fig, ax = pyplot.subplots(figsize=(5.2, height))
        fig.subplots_adjust(left=0.27, right=0.97, top=1 - 0.1 / height, bottom=0.62 / height)
        n = len(series)
        height = 0.8 / max(n, 1)
        top = max((float(v) for s in series for v in s.values if v is not None), default=1.0) or 1.0
        for j, s in enumerate(series):
            for i, v in enumerate(s.values):
                if v is None:
                    continue
                y = i + (j - (n - 1) / 2) * height
                bar = ax.barh(y, float(v), height=height * 0.92, color=COLOURS[j % len(COLOURS)],
                              hatch=HATCHES[j % len(HATCHES)], edgecolor="white", linewidth=0.5,
                              label=s.name if i == 0 else None)
                bar.patches[0].set_gid(f"bar-{j}-{i}")
                ax.text(float(v) + top * 0.01, y, f"{v}", va="center", ha="left", fontsize=11)
        ax.set_yticks(range(len(categories)), list(categories))
        ax.invert_yaxis()
        ax.set_xlim(0, top * 1.18)
        ax.set_xlabel("万元")
        ax.tick_params(axis="y", length=0)
        ax.legend(loc="lower right", frameon=False)
        return _finish(fig, pyplot, name, title)


def trend_lines(name: str, title: str, years: Sequence[int], series: Sequence[Series]) -> str:
    """One line per series over the years, a marker (``<g id="…-point-j-i">``) per figure; gaps where missing."""
    matplotlib, pyplot = _pyplot()
    with matplotlib.rc_context(_style(matplotlib)):
        fig, ax = pyplot.subplots(figsize=(5.4, 3.6))
        fig.subplots_adjust(left=0.13, right=0.97, top=0.97, bottom=0.28)
        for j, s in enumerate(series):
            xs = [y for y, v in zip(years, s.values) if v is not None]
            ys = [float(v) for v in s.values if v is not None]
            ax.plot(xs, ys, color=COLOURS[j % len(COLOURS)], linewidth=1.6, label=s.name,
                    linestyle="-" if j == 0 else (0, (4, 2)) if j % 2 else (0, (1, 1.5)))
            for i, (x, v) in enumerate(zip(years, s.values)):
                if v is None:
                    continue
                (point,) = ax.plot([x], [float(v)], marker=MARKERS[j % len(MARKERS)], linestyle="none",
                                   color=COLOURS[j % len(COLOURS)], markersize=6)
                point.set_gid(f"point-{j}-{i}")
        ax.set_xticks(list(years), [f"{y}年" for y in years])
        ax.set_ylabel("万元")
        ax.set_ylim(bottom=0)
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        # Below the plot, not beside it: on a phone the chart keeps its full width for the lines.
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, frameon=False)
        return _finish(fig, pyplot, name, title)
