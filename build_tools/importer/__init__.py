"""``catalogue import``: legacy CMS and law-portal pages → records of the catalogue.

Phases, one way (everything is read before anything is written):

1. :mod:`.read` — bytes → text (BOM, ``<meta charset>``, UTF-8, then a detector);
2. :mod:`.metadata` / :mod:`.markup` — the metadata labels with their lines, the
   title candidates, the body (HTML through BeautifulSoup and markdownify);
3. :mod:`.mapping` — labels → record fields, each step reported (mapped, guessed,
   unused, the web page's own);
4. :mod:`.pairs` — a policy and its 解读 recognised, ``interprets`` filled;
5. :mod:`.mapping` ``finish`` — required fields never found get the placeholder;
6. :mod:`.write` — records and attachment copies, never overwriting, never outside ``--out``.

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
from .body import ARTICLE, HEADING_2, HEADING_3, clean_lines, is_chrome, plain
from .labels import find_labels
from .mapping import PLACEHOLDER, Clues, Mapped, finish, guess, map_labels
from .metadata import Extraction, extract_lines
from .read import ReadError, read_page
from .write import KIND_DIRS, copy_new, inside, record_text, safe_name, write_new

PAGE_SUFFIXES = frozenset({".txt", ".text", ".htm", ".html", ".shtml", ".xhtml", ".jsp", ".asp", ".aspx", ".php"})
"""Files taken from a folder (a file named on the command line is read whatever its name)."""
ATTACHMENT_SUFFIXES = frozenset({"pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "wps", "et", "ofd", "odt",
                                 "ods", "zip", "rar", "7z", "csv", "txt", "jpg", "jpeg", "png", "gif"})
META_LINES_AT_TOP = 30
"""Lines before a metadata block starting this near the top are the site's header (navigation, breadcrumbs)."""
_DOC_NO_LINE = re.compile(r"〔\d{4}〕\s*\d+\s*[号號]|[\[【(（]\d{4}[\]】)）]\s*\d+\s*[号號]")
_TITLE_CONTINUES = ("关于", "關于", "關於", "于", "的", "和", "及", "印发")
_LINK = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^/|^#")
"""Web addresses, site-absolute paths and anchors: left as written (as ``catalogue check`` leaves them)."""


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


@dataclass(slots=True)
class ImportResult:
    """What an import did: the report and the files written."""

    problems: list[Problem]
    written: list[Path]
    not_imported: list[str]

    @property
    def placeholders(self) -> int:
        return sum(1 for p in self.problems if p.code == "import-unmapped")


def _inputs(paths: list[Path], out: Path) -> tuple[list[tuple[Path, Path]], list[Problem]]:
    files: list[tuple[Path, Path]] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES
                           and not inside(out, p))  # a second run must not import the first one's copies
            files.extend((p, path) for p in found)
            if not found:
                problems.append(problem("import-unreadable", _display(path), None, None,
                                        f"文件夹 {_display(path)} 中没有网页或文本文件（.html、.htm、.txt 等）。"))
        elif path.is_file():
            files.append((path, path.parent))
        else:
            problems.append(problem("import-unreadable", _display(path), None, None, f"找不到 {_display(path)}。"))
    return files, problems


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return path.as_posix()


def _text_page(text: str) -> tuple[Extraction, list[str], Clues, list[tuple[str, int]]]:
    lines = text.split("\n")
    ex = extract_lines(lines)
    doc_lines = {s.line - 1 for s in ex.document_labels if s.line}
    first_meta = min(doc_lines) if doc_lines else None
    start = first_meta if first_meta is not None and first_meta < META_LINES_AT_TOP else 0
    dropped = [(lines[i], i + 1) for i in range(start)]
    body = [ln for i, ln in enumerate(lines) if i >= start and i not in ex.lines]
    titles: list[tuple[str, str, int | None]] = []
    # The body's first line, when short and not a heading, is the document's title (the portal repeats it above)
    for i, ln in enumerate(lines):
        if i < start or i in ex.lines or not plain(ln) or is_chrome(plain(ln)):
            continue
        t = plain(ln)
        if len(t) < 6:
            continue  # a column name (「铁路局」) above the text, not a title
        nxt = next((plain(x) for x in lines[i + 1:i + 3] if plain(x)), "")
        if t.endswith(_TITLE_CONTINUES) and nxt and len(nxt) <= 60 and "。" not in nxt:
            t += nxt  # a title broken over two lines: 「…关于」 / 「印发…的通知」
        if len(t) <= 100 and "。" not in t and not (HEADING_2.match(t) or HEADING_3.match(t) or ARTICLE.match(t)) \
                and not _DOC_NO_LINE.search(t) and not t.endswith((":", "：")):
            portal = [d for d, _ in dropped if plain(d).endswith(t) and plain(d) != t]
            where = "正文上方的标题行" + ("（与原网站的标题行一致）" if portal else "")
            titles.append((t, where, i + 1))
        break
    dates = [(m.group(0), "原网站页面上的日期", n) for ln, n in [*dropped, *((lines[i], i + 1) for i in range(len(lines)))]
             if is_chrome(plain(ln)) for m in [re.search(r"\d{4}-\d{1,2}-\d{1,2}", ln)] if m]
    return ex, body, Clues(tuple(titles), tuple(body), tuple(dates[:1])), dropped


def _is_disclosure(ex: Extraction, body: list[str]) -> bool:
    if len(ex.document_labels) >= 2:
        return True
    texts = [plain(b).lstrip("#* ") for b in body if plain(b)]
    structure = sum(1 for t in texts if HEADING_2.match(t) or HEADING_3.match(t) or ARTICLE.match(t))
    size = sum(len(t) for t in texts)
    return size >= 100 and (structure >= 2 or any(_DOC_NO_LINE.search(t) for t in texts[:10]))


def _site_labels_of_dropped(m: Mapped, dropped: list[tuple[str, int]]) -> None:
    """Labels on the dropped header lines (「来源: www… 日期: …」) are the web page's: reported, not imported."""
    for line, n in dropped:
        for key, value, _ in find_labels(plain(line)):
            m.report("import-label-ignored", n, None,
                     f"原网站页面上的「{key}」{'「' + value + '」' if value else ''}属于网站本身，没有导入。")


def prepare(source: Path, root: Path, config: CatalogueConfig) -> Item | list[Problem]:
    """Read and map one page (nothing written); problems instead when it is not imported."""
    display = _display(source)
    try:
        page = read_page(source)
    except ReadError as exc:
        return [problem("import-unreadable", display, None, None, f"{display} 没有导入：{exc}。")]
    except Exception as exc:  # noqa: BLE001 — a decoder's surprise must not stop the other files
        return [problem("import-unreadable", display, None, None, f"{display} 没有导入：读取时出错（{type(exc).__name__}）。")]
    links: list[tuple[str, str]] = []
    all_links: list[tuple[str, str]] = []
    if page.is_html:
        from .markup import parse_html
        try:
            html = parse_html(page.text)
        except Exception as exc:  # noqa: BLE001 — a parser's surprise must not stop the other files
            return [problem("import-unreadable", display, None, None,
                            f"{display} 没有导入：网页结构无法解析（{type(exc).__name__}）。")]
        ex = html.extraction
        titles = [t for t in html.titles if t[1] != "<title>"] + [
            (re.split(r"\s*[-_|—]\s*", t[0])[0], t[1], t[2]) for t in html.titles if t[1] == "<title>"]
        dates = [(m.group(0), "原网站页面上的日期", line) for text, line in html.chrome_text
                 for m in [re.search(r"\d{4}-\d{1,2}-\d{1,2}", text)] if m]
        body_src, markdown, dropped = html.body, True, []
        clues = Clues(tuple(titles), tuple(clean_lines(html.body, title=None, markdown=True)), tuple(dates[:1]))
        links, all_links = html.links, html.all_links
    else:
        ex, body_src, clues, dropped = _text_page(page.text)
        markdown = False
    if not _is_disclosure(ex, body_src):
        return [problem("import-not-disclosure", display, None, None,
                        f"{display} 没有导入：既没有可识别的元数据（索引号、发文字号、发布机构等），"
                        "也没有公文的结构（一、（一）、第一条、发文字号），不像是政府信息公开页面。",
                        "新闻稿、网站栏目首页不需要导入；如确是公开信息，可用 catalogue new 新建记录后粘贴正文。")]
    m = map_labels(display, ex.labels, ex.unknown, config)
    _site_labels_of_dropped(m, [(d, n) for d, n in dropped if not any(s.line == n for s in ex.labels)])
    guess(m, clues)
    title = str(m.values.get("title", "")) or None
    body = clean_lines(body_src, title=title, markdown=markdown)
    how = {"bom": "字节顺序标记", "meta": "网页声明的编码", "utf-8": "UTF-8", "detected": "字符检测推断"}[page.how]
    if page.how == "detected":
        m.report("import-guessed", None, None, f"文件编码由字符检测推断为 {page.encoding}，请核对正文有无乱码。")
    header = (f"由 catalogue import 从 {source.name} 导入（{ex.style}，编码 {page.encoding}，按{how}读取）。"
              f"取值为{PLACEHOLDER}的字段必须填写。")
    return Item(source, root, display, m, ex.style, body, links, all_links, header)


def import_pages(paths: list[Path], out: Path, config: CatalogueConfig) -> ImportResult:
    """Import every page under ``paths`` into ``out``; the report says what happened to each."""
    from .pairs import pair_interpretations
    files, problems = _inputs(paths, out)
    items: list[Item] = []
    not_imported: list[str] = [p.file for p in problems]
    for source, root in files:
        got = prepare(source, root, config)
        if isinstance(got, list):
            problems.extend(got)
            not_imported.append(_display(source))
        else:
            items.append(got)
    pair_interpretations(items)
    written: list[Path] = []
    out_resolved = out.resolve()
    taken: set[Path] = set()
    for item in items:
        finish(item.mapped)
        folder = KIND_DIRS[item.mapped.kind]
        item.target = out_resolved / folder / (record_name(item.source, item.root) + ".md")
    targets = {item.source.resolve(): item.target for item in items}
    for item in items:
        m = item.mapped
        target = item.target
        assert target is not None
        if not inside(out_resolved, target) or target in taken or target.exists():
            why = "两个输入文件会写到同一个记录文件" if target in taken else "已经存在"
            m.report("import-record-exists", None, None,
                     f"{_display(target)} {why}，没有覆盖，{item.display} 没有导入。")
            not_imported.append(item.display)
            problems.extend(m.problems)
            continue
        taken.add(target)
        body, copies = _links(item, target, targets)
        attachments = [name for name, _ in copies]
        if attachments:
            m.values["attachments"] = attachments
        text = record_text(m.values, m.comments, body, item.header)
        try:
            write_new(target, text)
        except OSError as exc:
            m.report("import-record-exists", None, None, f"无法写入 {_display(target)}（{exc.strerror or exc}），没有导入。")
            not_imported.append(item.display)
            problems.extend(m.problems)
            continue
        for name, source in copies:
            dest = target.parent / name
            try:
                if not inside(out_resolved, dest):
                    raise FileExistsError
                copy_new(source, dest)
                m.report("import-attachment-copied", None, "attachments",
                         f"附件 {source.name} 已复制为 {_display(dest)}。")
            except OSError as exc:
                m.report("import-record-exists", None, "attachments",
                         f"附件 {_display(dest)} 已经存在或无法写入（{getattr(exc, 'strerror', '') or '已存在'}），没有覆盖。")
        written.append(target)
        m.report("import-written", None, None, f"已导入为 {_display(target)}。")
        problems.extend(m.problems)
    return ImportResult(sorted(problems, key=Problem.sort_key), written, sorted(set(not_imported)))


def record_name(source: Path, root: Path) -> str:
    """The record's file name: the page's path under the input folder (CMS exports have many index.html)."""
    try:
        parts = source.resolve().relative_to(root.resolve()).with_suffix("").parts
    except ValueError:
        parts = (source.stem,)
    return safe_name("-".join(parts))


def _local(href: str) -> str | None:
    """The relative file path a link names, or None for web addresses, anchors and mail links."""
    href = href.strip()
    if not href or _LINK.match(href):
        return None
    return urllib.parse.unquote(href.split("#", 1)[0].split("?", 1)[0])


def _links(item: Item, target: Path, targets: dict[Path, Path]) -> tuple[list[str], list[tuple[str, Path]]]:
    """Rewrite local links of the body: to records imported alongside, to copied attachments, or to text."""
    body = "\n".join(item.body)
    copies: list[tuple[str, Path]] = []
    seen: set[str] = set()
    prefix = target.stem
    for href, text in item.links:
        rel = _local(href)
        if rel is None or href in seen:
            continue
        seen.add(href)
        source = (item.source.parent / rel)
        resolved = source.resolve() if rel else None
        written_as = [f"]({href})", f"]({href} ", f"](<{href}>)"]
        if resolved in targets:
            new = _relative(targets[resolved], target)
        elif resolved is not None and resolved.is_file() and inside(item.root, resolved) \
                and resolved.suffix.lower().lstrip(".") in ATTACHMENT_SUFFIXES:
            name = f"{prefix}-{safe_name(resolved.name)}"
            copies.append((name, resolved))
            new = name
        else:
            item.mapped.report("import-attachment-missing", None, "attachments",
                               f"正文链接的文件「{text or rel}」（{href}）在 {item.source.parent.name or '.'} 中找不到，没有复制；"
                               "正文中保留了链接文字和原链接。", "把文件放到网页旁边后重新导入，或在记录中补上附件。")
            body = _unlink(body, href, text)
            continue
        for old in written_as:
            body = body.replace(old, old.replace(href, new))
    return body.split("\n"), copies


def _relative(to: Path, start: Path) -> str:
    import os
    return Path(os.path.relpath(to, start.parent)).as_posix()


def _unlink(body: str, href: str, text: str) -> str:
    """Replace ``[text](href)`` (or an image) by the text and the original link, as plain text."""
    pattern = re.compile(r"!?\[([^\]]*)\]\(<?" + re.escape(href) + r">?(?:\s+\"[^\"]*\")?\)")
    return pattern.sub(lambda mm: f"{mm.group(1) or text}（原链接：{href}，文件未找到）", body)


def has_failures(result: ImportResult) -> bool:
    """Whether some input could not be imported (the command's exit status)."""
    return bool(result.not_imported)


__all__ = ["ImportResult", "import_pages", "prepare", "has_failures", "PLACEHOLDER"]
