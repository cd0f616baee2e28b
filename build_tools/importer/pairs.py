"""A policy and its 解读 imported together are recognised as a pair.

Evidence, strongest first: one page links to the other (a relative link
leads to the other's file, or an address ends in its file name where no
other page imported has that name); else the 解读 names the policy —
its title in 《》 (or whole in the 解读's title) or its 发文字号.  The
interpretation then gets ``interprets`` = the policy's 索引号, and the report
says which evidence was used.  A policy whose 索引号 is still a placeholder
cannot be referred to yet: the report names it.
"""

from __future__ import annotations

import posixpath
import re
import urllib.parse
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from ..model.fields import Kind
from ..model.values import normalise_doc_no
from ..model.writing import placeholder
from .mapping import is_placeholder

if TYPE_CHECKING:
    from . import Item


class _Links:
    """Which imported page links to which, read once per page (each pair was read again, a resolved path per
    link: many thousands of calls for a few hundred pages)."""

    def __init__(self, items: list[Item]) -> None:
        names = Counter(i.source.name for i in items)
        self.shared = {n for n, count in names.items() if count > 1}
        """File names more than one imported page has (CMS exports save many pages as index.html)."""
        self._file = {id(i): i.source.resolve() for i in items}
        self._targets = {id(i): _targets(i) for i in items}

    def to(self, page: Item, other: Item) -> bool:
        """Whether ``page`` links to ``other``: a relative link leading to its file, or a web address ending
        in its file name where no other page imported has that name (a review found a 解读 paired with
        whichever policy came first)."""
        files, names = self._targets[id(page)]
        name = other.source.name
        return self._file[id(other)] in files or (name in names and name not in self.shared)


def _targets(page: Item) -> tuple[frozenset[Path], frozenset[str]]:
    """The files ``page``'s relative links lead to, and the file names its other addresses end in."""
    files, names = set(), set()
    for href, _ in page.all_links:
        parts = urllib.parse.urlsplit(href.strip())
        path = urllib.parse.unquote(parts.path)
        if not path:
            continue
        if not parts.scheme and not parts.netloc and not path.startswith("/"):
            try:
                files.add((page.source.parent / path).resolve())
            except (OSError, RuntimeError):
                continue
        else:
            names.add(posixpath.basename(path))
    return frozenset(files), frozenset(names)


def _evidence(interp: Item, policy: Item, links: _Links) -> str | None:
    name = policy.display if policy.source.name in links.shared else policy.source.name
    if links.to(interp, policy):
        return f"解读页面链接到政策文件页面 {name}"
    if links.to(policy, interp):
        return f"政策文件页面 {name} 链接到解读页面"
    title = str(policy.mapped.values.get("title", ""))
    own_title = str(interp.mapped.values.get("title", ""))
    text = own_title + "\n" + "\n".join(interp.body)
    if title and not is_placeholder(title):
        # the policy's own title, or the document it issues (印发《X》的通知 → X), named in 《》 by the 解读
        for name in (title, *re.findall(r"《([^》]{4,})》", title)):
            if f"《{name}》" in text or (name == title and title in own_title):
                return f"解读写出了政策文件的标题《{name}》"
    doc_no = str(policy.mapped.values.get("doc_no", ""))
    if doc_no and doc_no in normalise_doc_no(text):
        return f"解读写出了政策文件的发文字号 {doc_no}"
    return None


def pair_interpretations(items: list[Item]) -> None:
    """Fill ``interprets`` of each imported 解读 whose policy was imported with it, and report how."""
    policies = [i for i in items if i.mapped.kind is Kind.POLICY]
    links = _Links(items)
    for interp in (i for i in items if i.mapped.kind is Kind.INTERPRETATION):
        if "interprets" in interp.mapped.values:
            continue
        found = [(policy, why) for policy in policies if (why := _evidence(interp, policy, links))]
        if not found:
            continue
        # links are stronger evidence than names: take a linked policy first
        found.sort(key=lambda pw: 0 if "链接" in pw[1] else 1)
        policy, why = found[0]
        index_no = str(policy.mapped.values.get("index_no", ""))
        if not index_no or is_placeholder(index_no):
            text = placeholder("解读对象")
            interp.mapped.report(
                "import-unmapped", None, "interprets",
                f"这是 {policy.display} 的解读（{why}），但那份政策文件还没有索引号，「解读对象」写入了占位文字“{text}”。",
                f"给 {policy.display} 填写索引号后，把同一个索引号填入本记录的「解读对象」。")
            interp.mapped.values["interprets"] = [text]
            interp.mapped.placeholders.append("interprets")
            continue
        interp.mapped.values["interprets"] = [index_no]
        interp.mapped.report("import-pair", None, "interprets",
                             f"「解读对象」填写为 {index_no}（{policy.display}）：{why}。")
        if len(found) > 1:
            others = "、".join(p.display for p, _ in found[1:])
            interp.mapped.report("import-guessed", None, "interprets",
                                 f"解读也可能对应 {others}，按最有力的依据选了 {policy.display}，请核对。")
