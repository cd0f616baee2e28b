"""``catalogue import``: legacy CMS and law-portal pages → records of the catalogue.

Phases, one way (everything is read before anything is written):

1. :mod:`.read` — bytes → text (BOM, ``<meta charset>``, UTF-8, then a detector);
2. :mod:`.labels` / :mod:`.metadata` / :mod:`.detect` (text) and :mod:`.markup` (HTML) —
   the metadata labels with their lines, the title candidates, the body, and
   whether the page is a disclosure page at all;
3. :mod:`.mapping` — labels → record fields, each step reported (mapped, guessed,
   unused, the web page's own), then guesses from the title, signature and dates;
4. :mod:`.pairs` — a policy and its 解读 recognised, ``interprets`` filled;
5. :mod:`.mapping` ``finish`` — required fields never found get the placeholder;
6. :mod:`.body` — site chrome dropped, the document's structure as Markdown;
7. :mod:`.links` and :mod:`.write` — links rewritten, attachments copied, records
   written; never overwriting, never outside ``--out``.

The report is a list of :class:`~build_tools.diagnostics.Problem` values in the
shape ``catalogue check`` prints (``--format json`` gives the same JSON).
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from ..config import CatalogueConfig
from ..diagnostics import Problem, problem
from ..formats import readable
from ..model.writing import KIND_FOLDERS
from ..disclosure_notes import marked_not_public
from .body import clean_lines, plain
from .detect import is_disclosure, text_page
from .labels import find_labels
from .links import file_by_tail, local_link, rewrite_links
from .mapping import Clues, Mapped, finish, guess, keep_off, keep_off_because, map_labels
from .metadata import STYLE_NAMES
from .openness import not_public
from .read import ReadError, read_page
from ..machinery.new_files import copy_new, write_new
from .write import inside, is_file, record_name, record_text

PAGE_SUFFIXES = frozenset({".txt", ".text", ".htm", ".html", ".shtml", ".xhtml", ".jhtml", ".jsp", ".asp", ".aspx",
                           ".php"})
_HTML_SUFFIXES = PAGE_SUFFIXES - {".txt", ".text"}
_SAVED_PAGE = re.compile(r"\.(?:s?html?|jhtml|jsp|aspx?|php|do|action)[?@&#]", re.IGNORECASE)
"""A page a mirror saved under its address with the query (showinfo.jsp?id=12, index.html?v=2)."""
"""Files taken from a folder (a file named on the command line is read whatever its name)."""
@dataclass(slots=True)
class Item:
    """One input page on its way to a record."""

    source: Path
    root: Path
    """The folder attachments may be taken from (the PATH argument, or a file's own folder)."""
    display: str
    mapped: Mapped
    style: str
    body: list[str]
    links: list[tuple[str, str]] = field(default_factory=list)
    all_links: list[tuple[str, str]] = field(default_factory=list)
    header: str = ""
    target: Path | None = None
    framed: list[Path] = field(default_factory=list)
    """The page its article was read from, where the page shows it in a frame (``…_files/content.html``)."""
    addressed: list[Path] = field(default_factory=list)
    """Files of the export a frame's full address (http://…/content/c123.html) may name: never read as the page's
    body (another site's address is not this export's), but kept off with the page when it is not public."""


@dataclass(slots=True)
class ImportResult:
    """What an import did: the report and the files written."""

    problems: list[Problem]
    written: list[Path]
    not_imported: list[str]

    @property
    def placeholders(self) -> int:
        return sum(1 for p in self.problems if p.code == "import-unmapped")


def _starts_as_html(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            head = f.read(1024).lower()
    except OSError:
        return False
    return b"<html" in head or b"<!doctype html" in head


def _inputs(paths: list[Path], out: Path) -> tuple[list[tuple[Path, Path]], list[Problem]]:
    files: list[tuple[Path, Path]] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            every = sorted(p for p in path.rglob("*") if is_file(p))
            pages = [p for p in every if p.suffix.lower() in PAGE_SUFFIXES or _SAVED_PAGE.search(p.name)
                     or not p.suffix and _starts_as_html(p)]  # a mirror's detail_105, saved without a suffix
            for p in every:  # never left out without a word (a review found a mirror's .mht pages skipped silently)
                if p.suffix.lower() in (".mht", ".mhtml") and not inside(out, p):
                    problems.append(problem("import-unreadable", _display(p), None, None,
                                            f"{_display(p)} 是单个文件的网页存档（MHT），没有导入。",
                                            "在浏览器中打开后另存为“网页，全部”（.html 和一个文件夹），再导入。"))
            found = [p for p in pages if not inside(out, p)]  # a second run must not import the first one's copies
            for p in found:
                if not inside(path, p):  # a link to a file outside the folder: not read, as for attachments
                    problems.append(problem("import-unreadable", _display(p), None, None,
                                            f"{_display(p)} 是指向文件夹 {_display(path)} 以外的链接，没有读取。"))
            found = [p for p in found if inside(path, p)]
            files.extend((p, path) for p in found)
            if not found and pages:
                problems.append(problem(
                    "import-unreadable", _display(path), None, None,
                    f"文件夹 {_display(path)} 在 --out 指定的文件夹 {_display(out)} 之中，其中的 {len(pages)} 个网页没有导入"
                    "（--out 中的文件是导入的结果，不再导入）。", "把这些网页移到 --out 以外再导入，或换一个 --out。"))
            elif not found:
                problems.append(problem("import-unreadable", _display(path), None, None,
                                        f"文件夹 {_display(path)} 中没有网页或文本文件（.html、.htm、.txt 等）。"))
        elif path.is_file():
            files.append((path, path.parent))
        else:
            problems.append(problem("import-unreadable", _display(path), None, None, f"找不到 {_display(path)}。"))
    # A folder and one of its subfolders (旧网站 旧网站/2024) name the same page twice: it had become two
    # records with one 索引号 (a review). Each file is read once, under the first PATH that holds it.
    first: dict[Path, tuple[Path, Path]] = {}
    for source, root in files:
        key = source.resolve()
        if key in first:
            problems.append(problem("import-read-once", _display(source), None, None,
                                    f"{_display(source)} 已经在 {_display(first[key][1])} 中导入，不再导入第二次。"))
        else:
            first[key] = (source, root)
    return list(first.values()), problems


def _display(path: Path) -> str:
    try:
        return readable(path.resolve().relative_to(Path.cwd().resolve()).as_posix())
    except (ValueError, OSError):
        return readable(path.as_posix())


def _site_labels_of_dropped(m: Mapped, dropped: list[tuple[str, int]]) -> None:
    """Labels on the dropped header lines (「来源: www… 日期: …」) are the web page's: reported, not imported."""
    for line, n in dropped:
        for key, value, _ in find_labels(plain(line)):
            m.report("import-label-ignored", n, None,
                     f"原网站页面上的「{key}」{'「' + value + '」' if value else ''}属于网站本身，没有导入。")


def _frames(source: Path, roots: tuple[Path, ...], html) -> list[tuple[Path, str, object]]:
    """Every frame the page shows that was saved beside it (a browser's 网页，全部 saves each ``<iframe>`` in
    ``<page>_files/``), inside ``root``, readable: (file, text, parsed page)."""
    from .markup import parse_html
    found, seen = [], {source.resolve()}
    for src in html.frames:
        try:
            path = _frame_file(source, roots, src)
            if path is None or path.resolve() in seen:
                continue
            seen.add(path.resolve())
            text = read_page(path).text
            found.append((path, text, parse_html(text)))
        except Exception:  # noqa: BLE001 — an unreadable frame leaves the page as it was
            continue
    return found


def _frame_file(source: Path, roots: tuple[Path, ...], src: str) -> Path | None:
    """The file a frame's address names inside the folders imported (``roots``, the page's first): beside the
    page, or, for a site-absolute address (a mirror keeps ``/content/c123.html``), its path or its end of two
    parts or more under one of them."""
    rel = local_link(src)
    if rel:
        path = source.parent / rel
        return path if is_file(path) and any(inside(root, path) for root in roots) else None
    parts = urllib.parse.urlsplit(src.strip())
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None  # another site's address is never a file of this export (as for attachments)
    return file_by_tail(roots, urllib.parse.unquote(parts.path))


def _addressed_file(roots: tuple[Path, ...], src: str) -> Path | None:
    """The export's file a frame's full address ends with (two parts or more), or None."""
    try:
        parts = urllib.parse.urlsplit(src.strip())
        if not (parts.scheme in ("http", "https") and parts.netloc):
            return None
        return file_by_tail(roots, urllib.parse.unquote(parts.path))
    except ValueError:
        return None


def _body_text(lines: list[str]) -> int:
    """How much text a body has, headings aside."""
    return len("".join(line.strip() for line in clean_lines(lines, title=None, markdown=True) if not line.startswith("#")))


def _framed_article(source: Path, roots: tuple[Path, ...], html) -> tuple[Path | None, list[tuple[Path, str, object]]]:
    """The page's frames saved beside it, and the one that holds its article, when the page's own body is
    short beside it: ``html`` then holds that article's body and links (rebased on the page's folder).
    Every such frame is part of the page, never a record of its own (a review found the article of a
    依申请公开 page imported apart as 主动公开, and then, with a header frame before it, the header taken)."""
    import os
    import posixpath
    frames = _frames(source, roots, html)
    if not frames:
        return None, frames
    path, _, article = max(frames, key=lambda f: _body_text(f[2].body))
    if _body_text(article.body) < 20 or _body_text(article.body) <= 2 * _body_text(html.body):
        return None, frames
    base = Path(os.path.relpath(path.parent, source.parent)).as_posix()

    def rebased(href: str) -> str:
        local = local_link(href)
        if local is None or local.startswith("/"):
            return href
        return posixpath.normpath(posixpath.join(base, local))
    html.body = article.body
    html.links = [(rebased(href), label) for href, label in article.links]
    html.merged_tables += article.merged_tables
    html.layout_tables += article.layout_tables
    html.hidden += article.hidden
    return path, frames


def _marked_in(body: list[str]) -> tuple[int, str] | None:
    """:func:`~build_tools.disclosure_notes.marked_not_public` over a body whose article may stand in a table's cells
    (an old site's layout left as a table, a two-row table with <br>: a review found （此件不公开） unread there):
    each cell, and each of its lines, read as a line of its own; the line given is the body's."""
    lines: list[tuple[int, str]] = []
    for n, line in enumerate(body):
        if line.lstrip().startswith("|"):
            lines.extend((n, c.strip()) for c in re.split(r"\s*\|\s*|[ \u3000]{2,}|<br\s*/?>", line)
                         if c.strip() and not set(c.strip()) <= set("-: "))
        else:
            lines.append((n, line))
    found = marked_not_public("\n".join(text for _, text in lines))
    return (lines[found[0]][0], found[1]) if found is not None else None


def prepare(source: Path, root: Path, config: CatalogueConfig, roots: tuple[Path, ...] = ()) -> Item | list[Problem]:
    """Read and map one page (nothing written); problems instead when it is not imported.  ``roots``: the
    other folders imported with it, where a frame it shows may be (xxgk/ and content/ as two PATHs)."""
    display = _display(source)
    try:
        page = read_page(source)
    except ReadError as exc:
        return [problem("import-unreadable", display, None, None, f"{display} 没有导入：{exc}。")]
    except Exception as exc:  # noqa: BLE001 — a decoder's surprise must not stop the other files
        return [problem("import-unreadable", display, None, None, f"{display} 没有导入：读取时出错（{type(exc).__name__}）。")]
    links: list[tuple[str, str]] = []
    all_links: list[tuple[str, str]] = []
    framed: list[Path] = []
    addressed: list[Path] = []
    inner, frames = None, []
    if page.is_html:
        from .markup import parse_html
        try:
            html = parse_html(page.text)
        except Exception as exc:  # noqa: BLE001 — a parser's surprise must not stop the other files
            return [problem("import-unreadable", display, None, None,
                            f"{display} 没有导入：网页结构无法解析（{type(exc).__name__}）。")]
        ex = html.extraction
        inner, frames = _framed_article(source, (root, *roots), html) if html.frames else (None, [])
        framed = [path for path, _, _ in frames]
        addressed = [f for src in html.frames if (f := _addressed_file((root, *roots), src)) is not None]
        titles = [t for t in html.titles if t[1] != "<title>"] + [
            (re.split(r"\s*[-_|—]\s*", t[0])[0], t[1], t[2]) for t in html.titles if t[1] == "<title>"]
        dates = [(m.group(0), "原网站页面上的日期", line) for text, line in html.chrome_text
                 for m in [re.search(r"\d{4}-\d{1,2}-\d{1,2}", text)] if m]
        body_src, markdown, dropped = html.body, True, []
        clues = Clues(tuple(titles), tuple(clean_lines(html.body, title=None, markdown=True)), tuple(dates[:1]))
        links, all_links = html.links, html.all_links
    else:
        ex, body_src, clues, dropped = text_page(page.text)
        markdown = False
    if not is_disclosure(ex, body_src):
        return [problem("import-not-disclosure", display, None, None,
                        f"{display} 没有导入：既没有可识别的元数据（索引号、发文字号、发布机构等），"
                        "也没有公文的结构（一、（一）、第一条、发文字号），不像是政府信息公开页面。",
                        "新闻稿、网站栏目首页不需要导入；如确是公开信息，可用 catalogue new 新建记录后粘贴正文。")]
    m = map_labels(display, ex.labels, ex.unknown, config)
    if page.is_html and html.layout_tables:
        m.report("import-guessed", None, None,
                 f"正文中有 {html.layout_tables} 个表格只用来排版网页，其中的内容按段落导入。",
                 "对照原网页核对；如果那是文件中的表格，请在记录正文中改回表格。")
    for text, line in html.hidden if page.is_html else ():  # nothing left out without a word
        shown = text if len(text) <= 30 else text[:30] + "…"
        m.report("import-body-dropped", line, None, f"原网页隐藏（不显示）的文字「{shown}」没有导入。",
                 "原网站的读者看不到它（多是模板中的经办人、内部流转信息）；确是文件内容的，请核对后补进正文。")
    if page.is_html and html.merged_tables:
        m.report("import-guessed", None, None,
                 f"正文中有 {html.merged_tables} 个表格含合并单元格，已拆开，合并的内容填入拆开后的每一格。",
                 "对照原网页核对这些表格；需要时删去重复的内容。")
    said = not_public(page.text, page.is_html, html.article if page.is_html else None)  # not only its labels
    for path, text, parsed in frames:  # what each frame says is the page's
        if said is None and (found := not_public(text, True, parsed.article)) is not None:
            said = (f"{found[0]}（{_display(path)} 第 {found[1]} 行）", found[1])
    if inner is not None:
        m.report("import-guessed", None, None, f"原网页的正文在网页框架中，取自 {_display(inner)}，请核对。")
    if said is not None:
        keep_off(m, *said)
    _site_labels_of_dropped(m, [(d, n) for d, n in dropped if not any(s.line == n for s in ex.labels)])
    guess(m, clues)
    title = str(m.values.get("title", "")) or None
    dropped: list[tuple[str, int]] = []
    body = clean_lines(body_src, title=title, markdown=markdown, dropped=dropped)
    for text, count in dropped:  # nothing left out of the document without a word
        shown = text if len(text) <= 30 else text[:30] + "…"
        m.report("import-body-dropped", None, None,
                 f"正文中「{shown}」{f'起的 {count} 行被当作网页页脚' if count > 1 else '被当作网站页面的内容'}，没有导入。",
                 "如果这是文件的内容，请从原网页复制到记录正文的相应位置。")
    marked = _marked_in(body)  # the document's own 附注 or 密级, read as the check reads it
    if marked is not None:
        keep_off(m, marked[1], marked[0] + 1, "记录正文")
    elif not page.is_html and (marked := marked_not_public(page.text)) is not None:  # above the body: 秘密★1年
        keep_off(m, marked[1], marked[0] + 1)
    if not any(line.strip() for line in body):
        m.report("import-body-dropped", None, None, "没有读到正文：记录的正文是空的。",
                 "从原网页复制正文到记录中；原网页的正文在表格或框架中时，请先另存为完整的网页或文本再导入。")
    how = {"bom": "字节顺序标记", "meta": "网页声明的编码", "utf-8": "UTF-8", "detected": "字符检测推断",
           "replaced": "网页声明的编码或 UTF-8"}[page.how]
    if page.how == "detected":
        m.report("import-guessed", None, None, f"文件编码由字符检测推断为 {page.encoding}，请核对正文有无乱码。")
    if page.how == "replaced":
        m.report("import-guessed", page.bad[1], None,
                 f"文件按 {page.encoding} 读取，其中 {page.bad[0]} 处字节不是 {page.encoding} 的文字（第 {page.bad[1]} 行起，"
                 "例如被截断的汉字），已换成 �。", "对照原网页改正这几处文字。")
    header = (f"由 catalogue import 从 {readable(source.name)} 导入（{STYLE_NAMES[ex.style]}，编码 {page.encoding}，按{how}读取）。"
              "标有“（待填写：…）”的字段必须填写。")
    return Item(source, root, display, m, ex.style, body, links, all_links, header, framed=framed,
                addressed=addressed if page.is_html else [])


def _kept_off_with_their_frame(items: list[Item]) -> None:
    """A page of the export that a page not public shows in a frame by its full address (a mirror keeps the old
    site's http://…/content/c123.html) is kept off too: it is that page's article (a review found it imported
    apart as 主动公开)."""
    by_source = {item.source.resolve(): item for item in items}
    for page in items:
        if "disclosure" not in page.mapped.placeholders and page.mapped.values.get("disclosure") not in (
                "依申请公开", "不予公开"):
            continue
        for path in page.addressed:
            shown = by_source.get(path.resolve())
            if shown is not None and shown is not page:
                keep_off_because(shown.mapped, f"{page.display} 在网页框架中按网址显示这一页，而那一页不是主动公开的")


def _told_apart(a: Item, b: Item) -> bool:
    """Two documents of one title and one boilerplate have their own 索引号 or 发文字号; a copy has none."""
    for key in ("index_no", "doc_no"):
        one, other = (x.mapped.values.get(key) if key not in x.mapped.placeholders else None for x in (a, b))
        if one and other and one != other:
            return True
    return False


def _same_bodies(items: list[Item]) -> None:
    """Pages of one title and (nearly) one body (a page's mobile /m/ and print copies in a mirror) are reported
    to each other, and a copy of a page that is not public is kept off too: the copies carry no metadata,
    and had been imported as 主动公开 beside their 依申请公开 page (a review)."""
    import difflib
    groups: dict[str, list[Item]] = {}
    for item in items:
        title = str(item.mapped.values.get("title", ""))
        if len(title) >= 10:  # not a placeholder, nor a short title many documents share (通知)
            groups.setdefault(title, []).append(item)
    for same in (g for g in groups.values() if len(g) > 1):
        texts = {id(i): re.sub(r"\s+", "", "".join(i.body))[:3000] for i in same}
        for item in same:
            copies = [o for o in same if o is not item and not _told_apart(item, o)
                      and difflib.SequenceMatcher(None, texts[id(item)], texts[id(o)], autojunk=False).ratio() >= 0.9]
            if not copies:
                continue
            item.mapped.report("import-guessed", None, None,
                               f"标题和正文与 {'、'.join(o.display for o in copies)} 相同，可能是同一文件的副本（移动版、打印版）。",
                               "核对是否只需保留一条记录。")
            withheld = [o for o in copies if "disclosure" in o.mapped.placeholders  # said, before --disclosure
                        or o.mapped.values.get("disclosure") in ("依申请公开", "不予公开")]
            if withheld:
                keep_off_because(item.mapped, f"标题和正文与 {withheld[0].display} 相同，而那一页不是主动公开的")


def import_pages(paths: list[Path], out: Path, config: CatalogueConfig, unsaid: str | None = None) -> ImportResult:
    """Import every page under ``paths`` into ``out``; the report says what happened to each.

    ``unsaid``: the 公开方式 the office states for pages that do not say theirs (``--disclosure 主动公开``);
    without it such a page gets the placeholder: whether a page was public is never guessed.
    """
    from .pairs import pair_interpretations
    files, problems = _inputs(paths, out)
    items: list[Item] = []
    not_imported: list[str] = [p.file for p in problems if p.code != "import-read-once"]
    failed: list[tuple[Path, list[Problem]]] = []
    for source, root in files:
        got = prepare(source, root, config, tuple(dict.fromkeys(r for _, r in files)))
        if isinstance(got, list):
            failed.append((source, got))
        else:
            items.append(got)
    # A text file a page links as its attachment (名单.txt) is copied with that page, not read as a page of its
    # own: it had been refused as no disclosure page, an error that made every such import fail (a review).
    attached = {(item.source.parent / rel).resolve() for item in items for href, _ in item.links
                if (rel := local_link(href))}
    # An article a page shows in a frame was read with that page: not a record of its own as well.
    framed = {path.resolve(): item for item in items for path in item.framed}

    def read_with_its_page(source: Path) -> None:
        problems.append(problem("import-read-once", _display(source), None, None,
                                f"{_display(source)} 是 {framed[source.resolve()].display} 在网页框架中显示的内容，"
                                "随那个网页导入（正文取自哪个框架，见那个网页的报告），不再单独导入。"))
    for item in [i for i in items if i.source.resolve() in framed]:
        items.remove(item)
        read_with_its_page(item.source)
    for source, got in failed:
        if source.resolve() in framed:
            read_with_its_page(source)
            continue
        if source.resolve() in attached and source.suffix.lower() not in _HTML_SUFFIXES \
                and all(p.code == "import-not-disclosure" for p in got):  # 名单.txt, never a linked page
            continue
        problems.extend(got)
        not_imported.append(_display(source))
    _same_bodies(items)
    _kept_off_with_their_frame(items)
    pair_interpretations(items)
    written: list[Path] = []
    out_resolved = out.resolve()
    named: dict[Path, Item] = {}
    for item in items:
        finish(item.mapped, unsaid)
        folder = KIND_FOLDERS[item.mapped.kind.value]
        stem = record_name(item.source, item.root)
        item.target, n = out_resolved / folder / f"{stem}.md", 1
        while item.target in named:  # two columns' index.html given as two PATHs: each gets a name of its own
            n += 1
            item.target = out_resolved / folder / f"{stem}-{n}.md"
        if n > 1:
            item.mapped.report("import-guessed", None, None,
                               f"{named[out_resolved / folder / f'{stem}.md'].display} 也会写成 {stem}.md，"
                               f"这一页写成 {stem}-{n}.md，请核对文件名。")
        named[item.target] = item
    targets = {item.source.resolve(): item.target for item in items}
    for item in items:
        m = item.mapped
        target = item.target
        assert target is not None
        if not inside(out_resolved, target):  # a folder of --out that is a link to another place
            m.report("import-write-failed", None, None,
                     f"{_display(target.parent)} 是指向 --out 以外的链接，没有写入，{item.display} 没有导入。",
                     "--out 中的文件夹须在 --out 之内：去掉这个链接，或把 --out 指向记录真正所在的文件夹。")
            not_imported.append(item.display)
            problems.extend(m.problems)
            continue
        if target.exists():  # each page has a name of its own (numbered above): one of an earlier import
            m.report("import-record-exists", None, None,
                     f"{_display(target)} 已经存在，没有覆盖，{item.display} 没有导入。")
            not_imported.append(item.display)
            problems.extend(m.problems)
            continue
        body, copies = rewrite_links(item, target, targets)
        attachments, made = [], []
        for name, source in copies:  # first the files, so the record lists only what is really beside it
            dest = target.parent / name
            try:
                if not inside(out_resolved, dest):
                    raise FileExistsError
                copy_new(source, dest)
            except OSError as exc:
                m.report("import-record-exists", None, "attachments",
                         f"附件 {_display(dest)} 已经存在或无法写入（{getattr(exc, 'strerror', '') or '已存在'}），"
                         "没有复制，也没有列入记录的「附件」。")
                continue
            made.append(dest)
            attachments.append(name)
            m.report("import-attachment-copied", None, "attachments", f"附件 {readable(source.name)} 已复制为 {_display(dest)}。")
        if attachments:
            m.values["attachments"] = attachments
        text = record_text(m.values, m.comments, body, item.header)
        try:
            write_new(target, text)
        except OSError as exc:
            for dest in made:  # nothing half-imported is left behind
                dest.unlink(missing_ok=True)
            exists = isinstance(exc, FileExistsError)
            m.report("import-record-exists" if exists else "import-write-failed", None, None,
                     f"{_display(target)} 已经存在，没有覆盖，没有导入。" if exists else
                     f"无法写入 {_display(target)}（{exc.strerror or exc}），没有导入。",
                     "" if exists else "检查 --out 是否是可写的文件夹、磁盘是否已满。")
            not_imported.append(item.display)
            problems.extend(m.problems)
            continue
        written.append(target)
        m.report("import-written", None, None, f"已导入为 {_display(target)}。")
        problems.extend(m.problems)
    return ImportResult(sorted(problems, key=Problem.sort_key), written, sorted(set(not_imported)))


def has_failures(result: ImportResult) -> bool:
    """Whether some input could not be imported (the command's exit status)."""
    return bool(result.not_imported)


__all__ = ["ImportResult", "import_pages", "prepare", "has_failures"]
