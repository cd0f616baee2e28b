"""Static SVG charts drawn at build time with pygal: no JavaScript, printable, text kept as text.

Why pygal (Kozea): a small, pure-Python SVG chart library, about ten times
faster a chart than matplotlib was (about 5 ms against 45–50 ms; a catalogue
has hundreds of budget pages).  Its labels are ``<text>`` elements in the
page's own CJK fonts (selectable, legible in print, read by screen
readers), never glyph outlines.

pygal's interactive extras are taken out by :func:`_tidy`, an XML filter
run on the finished tree: no ``<script>`` (``js=[]`` still leaves a config
script), no tooltip ``<desc>`` nodes, no comments (one carries the day's
date).  Its stylesheet is scoped by the chart's root id, which pygal makes
from a random uuid4: here it is the chart's name, so the output is
byte-reproducible and the rules never reach the rest of the page.

The charts are inlined in pages, so every ``id`` is prefixed with the
chart's own name (two charts on one page never clash).  Each chart carries
a ``<title>``; its text alternative is the table of the same numbers
printed next to it (``aria-describedby``).  Without colour the series stay
apart: bars by hatching, lines by dashes and marker shapes.

pygal is imported only when a chart is drawn (a catalogue without budgets
never pays its import).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC",
         "WenQuanYi Micro Hei", "SimHei", "sans-serif"]
"""The page's CJK fonts, in the order catalogue.css names them."""

COLOURS = ("#b71c1c", "#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a")
"""Distinct in print and for the common colour-vision deficiencies when paired with the hatch/marker shapes."""
HATCHES = ("", "M0,6 L6,0", "M1.5,1.5 h.01 M4.5,4.5 h.01", "M0,0 L6,6 M0,6 L6,0", "M0,0 L6,6")
"""Pattern strokes (6×6 tile) per series: solid, diagonal, dots, cross, back-diagonal."""
MARKERS = ("circle", "square", "triangle", "diamond", "triangle-down")
DASHES = ("", "6,3", "1.5,2.5", "8,3,2,3", "3,3")

WIDTH = 400
"""Drawing units across (the viewBox); CSS scales it to the column, about phone width at 1:1."""


@dataclass(frozen=True, slots=True)
class Series:
    """One named row of values (``None``: no figure that year), in the chart's unit (万元 or 元)."""

    name: str
    values: tuple[Decimal | None, ...]


def _font_family() -> str:
    return ",".join(f if f == "sans-serif" else f'"{f}"' for f in FONTS)


def _config(series: Sequence[Series]) -> dict:
    import pygal
    from pygal.etree import etree
    from pygal.style import Style

    # pygal writes through lxml whenever lxml is importable (another dependency brings it in),
    # and the two write different bytes (lxml adds namespace declarations): always the
    # standard library's, so a chart does not change with what else is installed.
    etree.to_etree()

    n = len(series)
    style = Style(
        background="transparent", plot_background="transparent",
        foreground="#212121", foreground_strong="#212121", foreground_subtle="#bdbdbd",
        opacity="1", opacity_hover="1", transition="0ms",
        colors=tuple(COLOURS[j % len(COLOURS)] for j in range(n)),
        font_family=_font_family(), label_font_size=13, major_label_font_size=13,
        value_font_size=12, value_label_font_size=12, legend_font_size=13, title_font_size=13,
        tooltip_font_size=12, no_data_font_size=14,
        guide_stroke_color="#d6d6d6", guide_stroke_dasharray="none",
        major_guide_stroke_color="#d6d6d6", major_guide_stroke_dasharray="none",
    )
    return dict(
        style=style, js=[], disable_xml_declaration=True, classes=["cat-chart-svg"],
        truncate_label=-1, truncate_legend=-1, legend_at_bottom=True, legend_box_size=12,
        pygal=pygal,
    )


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _classes(el) -> list[str]:
    return (el.get("class") or "").split()


def _marker(el, shape: str, cx: float, cy: float, r: float):
    """A marker of ``shape`` at (cx, cy) in place of pygal's dot circle ``el`` (same attributes otherwise)."""
    if shape == "circle":
        return
    s = r * 1.25
    points = {
        "square": [(cx - s, cy - s), (cx + s, cy - s), (cx + s, cy + s), (cx - s, cy + s)],
        "triangle": [(cx, cy - s * 1.3), (cx + s * 1.2, cy + s), (cx - s * 1.2, cy + s)],
        "diamond": [(cx, cy - s * 1.4), (cx + s * 1.2, cy), (cx, cy + s * 1.4), (cx - s * 1.2, cy)],
        "triangle-down": [(cx, cy + s * 1.3), (cx + s * 1.2, cy - s), (cx - s * 1.2, cy - s)],
    }[shape]
    for key in ("cx", "cy", "r"):
        el.attrib.pop(key, None)
    el.tag = el.tag[: -len("circle")] + "path"
    el.set("d", "M" + " L".join(f"{x:.2f} {y:.2f}" for x, y in points) + " Z")


def _tidy(root, name: str, title: str, series: Sequence[Series], kind: str, marks: str):
    """pygal's tree made static, deterministic and inline-safe (see the module docstring)."""
    make = root.makeelement
    # Drop scripts, tooltips (descriptions and titles below the root's), comments (one is dated) and the empty tooltip layer.
    for parent in list(root.iter()):
        for child in list(parent):
            tag = _local(child.tag)
            if (not tag or tag in ("script", "desc") or (tag == "title" and parent is not root)
                    or (tag == "g" and "tooltip" in _classes(child))):
                parent.remove(child)
    # The scoping id: pygal's "chart-<uuid>" (uuid set to the name) becomes the name itself.
    pygal_id = f"chart-{name}"
    root.set("id", name)
    for el in root.iter():
        if _local(el.tag) == "style" and el.text:
            css = el.text.replace(f"#{pygal_id} ", f"#{name} ").replace(f"#{pygal_id}{{", f"#{name}{{")
            # The font list once, on the root; pygal repeats it in every text rule.
            family = f"font-family:{_font_family()}"
            first = css.index(family) + len(family)
            el.text = css[:first] + css[first:].replace(family, "font-family:inherit")
        elif _local(el.tag) == "text" and "value" in _classes(el):
            el.set("text-anchor", "start")  # printed values start just past the bar's end
    heading = next(el for el in root if _local(el.tag) == "title")
    heading.set("id", f"{name}-title")
    heading.text = title
    root.set("role", "img")
    root.set("aria-labelledby", f"{name}-title")
    defs = next(el for el in root if _local(el.tag) == "defs")
    # One identifiable mark per figure: the k-th drawn mark of series j is its k-th present value.
    present = [[i for i, v in enumerate(s.values) if v is not None] for s in series]
    drawn: dict[int, list] = {}
    for el in root.iter():  # pygal splits each series over several layers (plot, overlay, text)
        cls = _classes(el)
        if _local(el.tag) == "g" and "series" in cls:
            j = next(int(c[len("serie-"):]) for c in cls if c.startswith("serie-"))
            drawn.setdefault(j, []).extend(g for g in el.iter() if _local(g.tag) == "g" and kind in _classes(g))
    for j, values in enumerate(present):
        assert len(drawn.get(j, [])) == len(values), (name, j, len(drawn.get(j, [])), values)
        for g, i in zip(drawn.get(j, []), values):
            g.set("id", f"{name}-{marks}-{j}-{i}")
            if kind == "bar" and j % len(HATCHES):
                for rect in g:
                    if _local(rect.tag) == "rect":
                        rect.set("style", f"fill:url(#{name}-hatch-{j})")
            elif kind == "dots":
                for dot in g:
                    if _local(dot.tag) == "circle":
                        _marker(dot, MARKERS[j % len(MARKERS)], float(dot.get("cx")), float(dot.get("cy")),
                                float(dot.get("r")))
    # Hatch patterns, and the legend keys drawn like their series.
    if kind == "bar":
        for j in range(1, len(series)):
            if not j % len(HATCHES):
                continue
            pattern = make(defs.tag[: -len("defs")] + "pattern", {
                "id": f"{name}-hatch-{j}", "width": "6", "height": "6", "patternUnits": "userSpaceOnUse"})
            colour = COLOURS[j % len(COLOURS)]
            pattern.append(make(defs.tag[: -len("defs")] + "rect",
                                {"width": "6", "height": "6", "fill": colour}))
            pattern.append(make(defs.tag[: -len("defs")] + "path", {
                "d": HATCHES[j % len(HATCHES)], "stroke": "#ffffff", "stroke-width": "1.6",
                "stroke-linecap": "round", "fill": "none"}))
            defs.append(pattern)
    for el in root.iter():
        if _local(el.tag) != "g" or "legend" not in _classes(el):
            continue
        el.attrib.pop("id", None)  # pygal's "activate-serie-j" (for its script) would clash between charts
        key = next((k for k in el if _local(k.tag) == "rect"), None)
        j = next((int(c.split("-")[-1]) for c in _classes(key) if c.startswith("color-")), 0) if key is not None else 0
        if key is None:
            continue
        if kind == "bar" and j % len(HATCHES):
            key.set("style", f"fill:url(#{name}-hatch-{j})")
        elif kind == "dots":
            # A short stretch of the series' line with its marker, instead of a filled square.
            x, y, size = float(key.get("x")), float(key.get("y")), float(key.get("width"))
            stroke = COLOURS[j % len(COLOURS)]
            line = make(key.tag[: -len("rect")] + "path", {
                "d": f"M{x - 8:.2f} {y + size / 2:.2f} h{size + 9:.2f}", "stroke": stroke,
                "stroke-width": "2", "fill": "none", "stroke-dasharray": DASHES[j % len(DASHES)] or "none"})
            dot = make(key.tag[: -len("rect")] + "circle", {
                "cx": f"{x + size / 2:.2f}", "cy": f"{y + size / 2:.2f}", "r": "3.5", "fill": stroke})
            _marker(dot, MARKERS[j % len(MARKERS)], x + size / 2, y + size / 2, 3.5)
            index = list(el).index(key)
            el.remove(key)
            el.insert(index, dot)
            el.insert(index, line)
    # Every id prefixed with the name (pygal writes none but the root's and those handled above).
    for el in root.iter():
        if el is not root and el.get("id") and not el.get("id").startswith(f"{name}-"):
            el.set("id", f"{name}-{el.get('id')}")
    return root


def _render(chart, name: str) -> str:
    chart.uuid = name  # pygal scopes its stylesheet by "#chart-<uuid>"; uuid4 would differ every build
    svg = chart.render(is_unicode=True)
    return svg.strip() + "\n"


def _value(v: Decimal) -> dict:
    text = f"{v}"
    return {"value": float(v), "formatter": lambda _x, text=text: text}


def grouped_bars(name: str, title: str, categories: Sequence[str], series: Sequence[Series], unit: str = "万元") -> str:
    """Horizontal bars, one group per category, one bar (a ``<g id="…-bar-j-i">``) per figure, values labelled."""
    config = _config(series)
    pygal = config.pop("pygal")
    n = max(1, len(series))
    label_em = max((len(c) for c in categories), default=0)
    # Bars 26 units thick, a gap between groups, then the value axis, its unit and the legend rows.
    height = 26 * len(categories) * n + 12 * len(categories) + 104 + 22 * ((len(series) + 1) // 2)
    top = max((float(v) for s in series for v in s.values if v is not None), default=1.0) or 1.0
    chart = pygal.HorizontalBar(
        width=WIDTH, height=height, print_values=True, print_values_position="top",
        # pygal sizes the label column as if characters were 0.6 em wide; CJK ones are a full em.
        margin_left=int(label_em * 13 * 0.4) + 4, margin_right=8, margin_top=4, margin_bottom=22,
        legend_at_bottom_columns=min(len(series), 2) or 1, x_title=unit, range=(0, top * 1.18),
        show_y_guides=True, show_x_guides=False, include_x_axis=True, min_scale=4, max_scale=6,
        **config)
    # pygal stacks horizontal categories bottom-up: reversed, the first category reads first, at the top.
    chart.x_labels = list(reversed(categories))
    for s in series:
        chart.add(s.name, [None if v is None else _value(v) for v in reversed(s.values)])
    # The marks are found in drawing order, i.e. for the reversed values; _tidy numbers them by index.
    rev = [Series(s.name, tuple(reversed(s.values))) for s in series]
    chart.xml_filters = [lambda root: _renumber(_tidy(root, name, title, rev, "bar", "bar"), name, len(categories))]
    return _render(chart, name)


def _renumber(root, name: str, count: int):
    """Bar ids back to the caller's category order (the chart was fed reversed)."""
    for el in root.iter():
        m = re.fullmatch(rf"{re.escape(name)}-bar-(\d+)-(\d+)", el.get("id") or "")
        if m:
            el.set("id", f"{name}-bar-{m.group(1)}-{count - 1 - int(m.group(2))}")
    return root


def trend_lines(name: str, title: str, years: Sequence[int], series: Sequence[Series], unit: str = "万元") -> str:
    """One line per series over the years, a marker (``<g id="…-point-j-i">``) per figure; gaps where missing."""
    config = _config(series)
    pygal = config.pop("pygal")
    chart = pygal.Line(
        width=WIDTH, height=320, allow_interruptions=True, dots_size=3.5, stroke_style={"width": 2},
        legend_at_bottom_columns=2, y_title=unit, include_x_axis=True, show_x_guides=False,
        margin_left=4, margin_right=24, margin_top=8, margin_bottom=8, min_scale=4, max_scale=6,
        **config)
    chart.x_labels = [f"{y}年" for y in years]
    chart.xml_filters = [lambda root: _tidy(root, name, title, series, "dots", "point")]
    for j, s in enumerate(series):
        dash = DASHES[j % len(DASHES)]
        chart.add(s.name, [None if v is None else _value(v) for v in s.values],
                  stroke_style={"width": 2, **({"dasharray": dash} if dash else {})})
    return _render(chart, name)
