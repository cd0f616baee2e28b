"""An OFD page's text, laid out by the positions of its text objects."""

from __future__ import annotations

from collections.abc import Iterator

from .parse import parse_xml
from .passage import Passage


def ofd_passages(data: bytes, where: str) -> Iterator[Passage]:
    """An OFD page's text laid out by its positions, as a PDF's text is: text objects on one line in
    the order of their places, joined where they touch (some writers place each character as an object
    of its own) and with a space where they stand apart (a table's cells)."""
    objects: list[tuple[float, float, float, float, str]] = []  # y, x, width, size, text
    current: dict | None = None
    codes: list[str] = []

    def number(text: str, default: float = 0.0) -> float:
        try:
            return float(text)
        except ValueError:
            return default

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal current
        local = tag.rpartition(" ")[2]
        if local == "TextObject":
            box = [number(v) for v in attrs.get("Boundary", "").split()] + [0.0] * 4
            current = {"x": box[0], "y": box[1], "w": box[2], "size": number(attrs.get("Size", ""), box[3] or 1)}
            codes.clear()
        elif local == "TextCode" and current is not None and codes:
            codes.append("" if not attrs.get("Y") or attrs.get("Y") == current.get("code_y") else "\n")
        if local == "TextCode" and current is not None:
            current["code_y"] = attrs.get("Y")

    def end(tag: str) -> None:
        nonlocal current
        if tag.rpartition(" ")[2] == "TextObject" and current is not None:
            objects.append((current["y"], current["x"], current["w"], current["size"], "".join(codes)))
            current = None

    def text(data: str) -> None:
        if current is not None:
            codes.append(data)

    parse_xml(data, start, end, text, "Content.xml")
    lines: list[list[tuple[float, float, float, float, str]]] = []
    for obj in sorted(objects, key=lambda o: (o[0], o[1])):
        if lines and abs(obj[0] - lines[-1][0][0]) <= max(obj[3], lines[-1][0][3]) * 0.5:
            lines[-1].append(obj)
        else:
            lines.append([obj])
    out = []
    for line in lines:
        parts, right = [], None
        for y, x, w, size, piece in sorted(line, key=lambda o: o[1]):
            if right is not None and x - right > size * 0.6:
                parts.append(" ")
            parts.append(piece)
            right = x + w if w else x + size * len(piece)
        out.append("".join(parts))
    if any(map(str.strip, out)):
        yield Passage(where, "\n".join(out), "laid_out")
