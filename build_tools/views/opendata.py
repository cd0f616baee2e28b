"""The 开放数据 page as plain data: the files, their sizes, the record count, the fields explained.

Field labels and descriptions come from the field table
(:data:`~build_tools.exports.opendata.EXPORTED`); the files from the bytes
the build made (:func:`~build_tools.exports.opendata.open_data`,
:func:`~build_tools.exports.feeds.feeds`), so the sizes are the published ones.
The records' files are made when written: the page is made without their
total size (:attr:`OpenDataPage.record_total` None) and completed by
:func:`with_record_bytes` once they are written, before it is rendered.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from ..exports import opendata as od
from ..exports.feeds import FEEDS, LATEST
from ..machinery.remade import MadeWhenWritten

PATH = "data/"
TITLE = "开放数据"


@dataclass(frozen=True, slots=True)
class DataFile:
    """One downloadable file."""

    title: str
    url: str
    """Relative to the site root."""
    format: str
    size: str
    """Its size in words (``12.3 KB``)."""
    description: str


@dataclass(frozen=True, slots=True)
class FieldDoc:
    """One column of the data: key, Chinese label, description."""

    key: str
    label: str
    description: str


@dataclass(frozen=True, slots=True)
class OpenDataPage:
    """What the 开放数据 page shows."""

    path: str
    title: str
    count: int
    updated: str
    """The data's date: the newest record's, ISO."""
    files: tuple[DataFile, ...]
    record_example: str
    """The URL of the newest record's JSON (relative to the site root), to show the pattern; empty without records."""
    record_total: str | None
    """The total size of the per-record JSON files, in words; None until they are written."""
    feeds: tuple[DataFile, ...]
    fields: tuple[FieldDoc, ...]
    list_separator: str = od.LIST_SEPARATOR
    guard: str = od.GUARD


def size_words(n: int) -> str:
    """``532 字节``, ``12.3 KB``, ``4.1 MB`` (1 KB = 1024 字节)."""
    if n < 1024:
        return f"{n} 字节"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


def opendata_page(files: Mapping[str, bytes | MadeWhenWritten], count: int, updated: str,
                  example: str) -> OpenDataPage:
    """The page, from the made files (``{site path: content}``), less the records' files' total size."""
    def item(path: str, title: str, fmt: str, description: str) -> DataFile:
        return DataFile(title, path, fmt, size_words(len(files[path])), description)

    main = (
        item(od.CATALOGUE_JSON, "全部信息的元数据（JSON）", "JSON", "每条主动公开信息一项，按发布日期从新到旧排列。"),
        item(od.CATALOGUE_CSV, "全部信息的元数据（CSV）", "CSV",
             "与 JSON 内容相同，可直接用 Excel 打开（UTF-8 带 BOM 编码）。"),
        item(od.CATALOGUE_SCHEMA, "catalogue.json 的数据格式", "JSON Schema", "说明 catalogue.json 中每一项的字段和取值。"),
        item(od.RECORDS_SCHEMA, "单条信息文件的数据格式", "JSON Schema", "说明 records/ 下每个文件的字段和取值。"),
        item(od.RECORD_SCHEMA, "记录文件格式", "JSON Schema", "编辑录入信息时使用的元数据格式（记录文件的 YAML 头部）。"),
    )
    feeds = tuple(d for f in FEEDS if f.atom in files for d in (
        item(f.atom, f"{f.title}（Atom）", "Atom", f"最新 {LATEST} 条{f.title}。"),
        item(f.rss, f"{f.title}（RSS）", "RSS 2.0", f"最新 {LATEST} 条{f.title}。")))
    fields = tuple(FieldDoc(f.key, f.label, f.help) for f in od.EXPORTED) + tuple(
        FieldDoc(key, label, text) for key, label, text in od.EXTRA_COLUMNS)
    return OpenDataPage(PATH, TITLE, count, updated, main, example, None, feeds, fields)


def with_record_bytes(page: OpenDataPage, total: int) -> OpenDataPage:
    """``page`` with the total size of the records' files, ``total`` bytes as written."""
    return replace(page, record_total=size_words(total))

