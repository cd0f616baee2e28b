"""The next free 索引号 under the configured ``index_no_pattern``.

An index number is never reused, not even after its record is repealed,
withheld or deleted from the site (DOMAIN.md §1), so the next number follows
the HIGHEST serial used, counting every number the catalogue holds (records
with errors too, when their number is legible), and never fills a gap.

Serials are counted per year when the pattern holds the year (a ``year``
group, or a ``date`` group of the form YYYYMMDD): the first record of a new
year takes serial 1.  Without either group the serial runs on for ever.

A new number is made by copying an existing one (the latest) and putting the
new date and serial into its groups, so the parts the pattern cannot say
(a unit code such as ``GS0018``) are kept as the office writes them.  An
empty catalogue takes ``index_no_example``, or, for a pattern whose only
open parts are the agency code, the date and the serial, writes it out from
the pattern itself (``agency_code`` for the ``org`` group).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable

from .validate import ascii_pattern

#: Groups the date of the new record fills.
_DATE_GROUPS = ("year", "month", "date")
_TRY_WIDTHS = (5, 4, 6, 7, 3, 8, 2, 9, 10, 1)


class IndexNoError(ValueError):
    """The pattern or the catalogue does not let the next number be worked out (one Chinese sentence)."""


def year_of(m: re.Match) -> int | None:
    """The year an index number matched by the configured pattern names (its ``year``, or ``date``'s first four digits)."""
    groups = m.groupdict()
    text = groups.get("year") or (groups.get("date") or "")[:4]
    return int(text) if text and text.isascii() and text.isdigit() else None


def _serial(m: re.Match) -> int:
    return int(m.group("serial"))


def next_index_no(taken: Iterable[str], pattern: re.Pattern, day: dt.date, *,
                  agency_code: str = "", example: str = "", avoid: Iterable[str] = ()) -> str:
    """The next free index number for a record dated ``day``.

    ``taken`` is every index number in the catalogue (valid or not): the next follows the highest.  ``avoid``:
    numbers never to give, which set no sequence (those the catalogue's files held in Git: a page deleted or
    renumbered was public under one, and a typo corrected the same day must not make every later number jump:
    reviews).  Raises :class:`IndexNoError` with what to configure when no number can be made.
    """
    avoid = {a for a in avoid if a}
    pattern = ascii_pattern(pattern)  # \d as ASCII digits only, as the validator reads the pattern
    names = pattern.groupindex
    if "serial" not in names:
        raise IndexNoError(
            "index_no_pattern 中没有命名分组 serial（序号），无法推算下一个索引号："
            r"请在 mkdocs.yml 的 index_no_pattern 中把序号部分写成 (?P<serial>\d{5}) 这样的分组。")
    taken = {t for t in taken if t}
    by_year = "year" in names or "date" in names
    matches = []
    for number in taken:
        m = pattern.match(number)
        if not m or not (m.group("serial") or "").isdigit():
            continue
        if agency_code and m.groupdict().get("org") not in (None, agency_code):
            continue  # another office's number: cannot collide with ours
        matches.append(m)
    if not agency_code and "org" in names:
        # Without agency_code, the office is the code most of the catalogue's numbers carry: a few
        # records of another office (a joint document kept under its number) must not lend theirs.
        orgs = Counter(m.group("org") for m in matches if m.group("org"))
        if orgs:
            ours = max(orgs, key=lambda code: (orgs[code], code))
            matches = [m for m in matches if m.group("org") in (None, ours)]
    in_scope = [m for m in matches if not by_year or year_of(m) == day.year]
    values = {"year": str(day.year), "month": f"{day.month:02d}", "date": day.strftime("%Y%m%d")}
    if agency_code:
        values["org"] = agency_code
    if in_scope:
        template = max(in_scope, key=lambda m: (_serial(m), m.string))
        serial = _serial(template) + 1
    else:
        serial = 1
        template = max(matches, key=lambda m: (year_of(m) or 0, _serial(m), m.string), default=None)
        if template is None and example:
            template = pattern.match(example.strip())
    for candidate in _candidates(pattern, template, values, serial):
        m = pattern.match(candidate)
        if m and candidate not in taken and candidate not in avoid and all(
                m.groupdict().get(g) in (None, values[g]) for g in (*_DATE_GROUPS, "org") if g in values):
            return candidate
    if template is None:
        if "org" in names and "org" not in values:
            raise IndexNoError(
                "目录中还没有符合 index_no_pattern 的索引号，不知道索引号开头的机构代码：请在 mkdocs.yml 中配置 "
                "agency_code（本机关的代码），或配置 index_no_example（一个符合本目录格式的索引号）。")
        open_parts = [n for n in names if n not in (*values, "serial")]
        what = f"其中的 {'、'.join(open_parts)} 部分" if open_parts else "其中不固定的部分"
        raise IndexNoError(
            f"目录中还没有符合 index_no_pattern 的索引号，无法推算{what}：请在 mkdocs.yml 中配置 "
            "index_no_example（一个符合本目录格式的索引号），或先手工写好第一条记录的索引号。")
    raise IndexNoError(
        f"按 index_no_pattern 无法写出序号 {serial} 的索引号（序号的位数可能已经用完）："
        "请检查 mkdocs.yml 中 index_no_pattern 的 serial 分组允许的位数。")


def _candidates(pattern: re.Pattern, template: re.Match | None, values: dict[str, str], serial: int):
    """Numbers to try, in order: the template's serial width first, then wider ones."""
    if template is not None:
        width = len(template.group("serial"))
        for s in range(serial, serial + 1000):
            yield _swap(template, {**values, "serial": str(s).zfill(width)})
        return
    for width in _TRY_WIDTHS:
        for s in range(serial, serial + 1000):
            text = str(s).zfill(width)
            if len(text) != width:
                break
            filled = _fill(pattern.pattern, {**values, "serial": text})
            if filled is None:
                break
            yield filled


def _swap(m: re.Match, values: dict[str, str]) -> str:
    """``m``'s text with the named groups that matched replaced by ``values``."""
    text, shift = m.string, 0
    spans = sorted((m.start(g), m.end(g), g) for g in values if g in m.re.groupindex and m.start(g) >= 0)
    for start, end, name in spans:
        text = text[:start + shift] + values[name] + text[end + shift:]
        shift += len(values[name]) - (end - start)
    return text


def _fill(pattern: str, values: dict[str, str]) -> str | None:
    """A text the pattern could match, from its literal parts and ``values`` for its named groups.

    None when any other part is open (a character class, an alternative that
    is not one fixed text): the pattern alone cannot say what to write there.
    """
    try:
        from re import _constants as C
        from re import _parser as sre_parse
    except ImportError:  # pragma: no cover - Python before 3.11
        return None
    try:
        parsed = sre_parse.parse(pattern)
    except Exception:  # noqa: BLE001 - compiled already; give up quietly
        return None
    group_names = {number: name for name, number in parsed.state.groupdict.items()}

    def walk(items) -> str | None:
        out = []
        for op, av in items:
            if op is C.LITERAL:
                out.append(chr(av))
            elif op is C.AT:
                continue
            elif op is C.SUBPATTERN:
                name = group_names.get(av[0])
                part = values[name] if name in values else walk(av[-1])
                if part is None:
                    return None
                out.append(part)
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
                low, _, item = av
                if low == 0:
                    continue  # an optional part (the month of 2024-00012 / 202403-00012): left out
                part = walk(item)
                if part is None:
                    return None
                out.append(part * low)
            elif op is C.IN and len(av) == 1 and av[0][0] is C.LITERAL:
                out.append(chr(av[0][1]))
            else:
                return None
        return "".join(out)

    return walk(parsed.data)
