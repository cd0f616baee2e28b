"""The public catalogue as open data: JSON, CSV and their schemas, made from the public view only.

Files (paths relative to the site root; kept stable, documented in
docs/reference/open-data.md):

- ``data/catalogue.json``: every public record's metadata, newest first;
- ``data/catalogue.csv``: the same metadata, for Excel on a Chinese Windows
  machine (UTF-8 with a byte-order mark, CRLF, every field quoted, lists
  joined with ``；``, formula guard: see :func:`guard_cell`);
- ``data/records/<index slug>.json``: one record's metadata and its body as
  Markdown and as HTML;
- ``data/record.schema.json``: the record format (front matter), exactly
  ``docs/reference/record.schema.json``;
- ``data/catalogue.schema.json`` and ``data/records.schema.json``: the
  shapes of the two JSON files above.

The columns are the field table's (:data:`~build_tools.model.fields.FIELDS`),
in its order, with its keys, less :data:`NOT_EXPORTED`, plus ``url`` and
``status``.  Values: dates ISO (``2024-09-27``), choices by their Chinese
label, lists as arrays (CSV: joined), links to other records only to
public ones, attachments as absolute URLs.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from urllib.parse import urljoin

from ..body_html import shown_markdown
from ..machinery.cache import fingerprint
from ..machinery.remade import MadeWhenWritten
from ..model.fields import ALL_KINDS, FIELDS, Choice, Field, FieldType
from ..model.record import Record
from ..views.urls import attachment_url, index_slug, page_url, record_path
from ..visibility import PublicCatalogue

DATA = "data/"
CATALOGUE_JSON = "data/catalogue.json"
CATALOGUE_CSV = "data/catalogue.csv"
RECORD_SCHEMA = "data/record.schema.json"
CATALOGUE_SCHEMA = "data/catalogue.schema.json"
RECORDS_SCHEMA = "data/records.schema.json"

NOT_EXPORTED = frozenset({"withheld_reason", "interpretation_exempt", "statistics", "figures"})
"""Fields the record page does not show as metadata: the reasons for not
publishing or not interpreting are the office's notes, and an annual
report's or a budget's tables are published on the page and as CSV
(``records/…/budget-2025.csv``) rather than squeezed into one cell."""

EXPORTED: tuple[Field, ...] = tuple(f for f in FIELDS if f.key not in NOT_EXPORTED)

EXTRA_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("url", "网址", "本条信息在网站上的页面地址。"),
    ("status", "当前有效性", "网站在数据更新日显示的有效性（含由实施日期得出的“尚未生效”）。"),
)
"""Columns that are not fields of the record format: (key, Chinese label, description)."""

LIST_SEPARATOR = "；"
"""Joins a list's items in one CSV cell: a full-width semicolon, on which Excel splits nothing and which
names and keywords do not normally hold (an item that does cannot be told apart: the JSON keeps arrays)."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""A cell starting with one of these may be run as a formula by a spreadsheet (OWASP "CSV injection";
Excel also reads the full-width forms as formula signs)."""

GUARD = "'"
"""Put before such a cell; :func:`unguard_cell` takes it off again."""


def record_url(base_url: str, index_no: str, directory_urls: bool = True) -> str:
    """A record page's absolute URL (``base_url`` ends with ``/``): its folder, or the folder's ``index.html``
    where the site does not use directory URLs (:func:`~build_tools.views.urls.page_url`)."""
    return urljoin(base_url, page_url(record_path(index_no), directory_urls))


def _value(f: Field, record: Record, public: PublicCatalogue, base_url: str):
    value = getattr(record, f.key)
    if value is None or value == ():
        return None if f.type not in LISTS else []
    if f.type is FieldType.DATE:
        return value.isoformat()
    if f.type is FieldType.CHOICE:
        return value.label if isinstance(value, Choice) else str(value)
    if f.type is FieldType.DOC_NO:
        return value.original
    if f.type is FieldType.REFS:  # a link to a record the public may not see is never given
        return [n for n in value if public.get(n) is not None]
    if f.type is FieldType.PATHS:
        return [urljoin(base_url, attachment_url(a)) for a in value]
    if f.type in LISTS:
        return list(value)
    return value


LISTS = frozenset({FieldType.NAMES, FieldType.TAGS, FieldType.REFS, FieldType.PATHS})


def metadata(record: Record, public: PublicCatalogue, base_url: str, directory_urls: bool = True) -> dict:
    """One public record's metadata: the exported fields in the table's order, then ``url`` and ``status``."""
    out = {f.key: _value(f, record, public, base_url) for f in EXPORTED}
    out["url"] = record_url(base_url, record.index_no, directory_urls)
    out["status"] = public.status(record).label
    return out


def _dump(value) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def catalogue_json(rows: Sequence[dict], updated: str, base_url: str) -> bytes:
    """``data/catalogue.json``."""
    return _dump({"$schema": urljoin(base_url, CATALOGUE_SCHEMA), "updated": updated, "count": len(rows),
                  "records": list(rows)})


def record_json(row: dict, markdown: str, html: str, base_url: str, tables: Sequence[dict] = ()) -> bytes:
    """``data/records/<slug>.json``: the metadata, the body as Markdown (links relative to ``url``, as on
    the page) and as HTML (the page's, with links made absolute), and an annual report's tables as its page
    shows them (:meth:`~build_tools.views.annual_report.TableView.as_data`; none for other records)."""
    return _dump({"$schema": urljoin(base_url, RECORDS_SCHEMA), **row, "body_markdown": markdown,
                  "body_html": html, "tables": list(tables)})


def record_file(index_no: str) -> str:
    """Where a record's JSON is: ``data/records/<index slug>.json`` (the slug of its page's URL)."""
    return f"{DATA}records/{index_slug(index_no)}.json"


# -- CSV ---------------------------------------------------------------------

def guard_cell(text: str) -> str:
    """``text`` safe to open in a spreadsheet: ``'`` put before it when it starts with a formula
    sign, or when it starts with ``'`` already (so that :func:`unguard_cell` is exact)."""
    return GUARD + text if text.startswith((*FORMULA_STARTS, GUARD)) else text


def unguard_cell(text: str) -> str:
    """Undo :func:`guard_cell`."""
    return text[1:] if text.startswith(GUARD) else text


def csv_cell(value) -> str:
    """A metadata value as one CSV cell: lists joined by :data:`LIST_SEPARATOR`, absent as empty, guarded."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(value)
    return guard_cell(str(value))


def csv_header() -> list[str]:
    """The header row: each column's Chinese label and key, ``发布日期(published)``."""
    return [f"{f.label}({f.key})" for f in EXPORTED] + [f"{label}({key})" for key, label, _ in EXTRA_COLUMNS]


def catalogue_csv(rows: Sequence[dict]) -> bytes:
    """``data/catalogue.csv``: UTF-8 with BOM, CRLF, every field quoted, guarded cells."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(csv_header())
    keys = [f.key for f in EXPORTED] + [key for key, _, _ in EXTRA_COLUMNS]
    for row in rows:
        writer.writerow([csv_cell(row[k]) for k in keys])
    return out.getvalue().encode("utf-8-sig")


# -- schemas -----------------------------------------------------------------

def _field_schema(f: Field, index_pattern: str) -> dict:
    text = {"type": "string"}
    t = f.type
    if t is FieldType.DATE:
        base = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    elif t is FieldType.YEAR:
        base = {"type": "integer"}
    elif t is FieldType.CHOICE:
        base = {"type": "string", "enum": [m.label for m in f.choices]}
    elif t is FieldType.INDEX_NO:
        base = {"type": "string", "pattern": index_pattern}
    elif t is FieldType.REFS:
        base = {"type": "array", "items": {"type": "string", "pattern": index_pattern}}
    elif t is FieldType.PATHS:
        base = {"type": "array", "items": {"type": "string", "format": "uri"}}
    elif t in LISTS:
        base = {"type": "array", "items": text}
    else:
        base = text
    required = f.required_for == ALL_KINDS or t in LISTS
    schema = base if required else {"oneOf": [base, {"type": "null"}]}
    return {"title": f.label, "description": f.help, **schema}


def metadata_schema(index_pattern: str) -> dict:
    """The JSON Schema of one record's metadata, from the field table."""
    props = {f.key: _field_schema(f, index_pattern) for f in EXPORTED}
    for key, label, description in EXTRA_COLUMNS:
        props[key] = {"title": label, "description": description, "type": "string",
                      **({"format": "uri"} if key == "url" else {})}
    return {"type": "object", "properties": props, "required": list(props), "additionalProperties": False}


def catalogue_schema(index_pattern: str, base_url: str) -> dict:
    """The JSON Schema of ``data/catalogue.json``."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": urljoin(base_url, CATALOGUE_SCHEMA),
            "title": "政府信息公开目录（开放数据）",
            "type": "object", "additionalProperties": False, "required": ["$schema", "updated", "count", "records"],
            "properties": {"$schema": {"type": "string"},
                           "updated": {"title": "数据更新日期", "type": "string", "format": "date"},
                           "count": {"title": "记录数", "type": "integer", "minimum": 0},
                           "records": {"type": "array", "items": {"$ref": "#/$defs/metadata"}}},
            "$defs": {"metadata": metadata_schema(index_pattern)}}


def records_schema(index_pattern: str, base_url: str) -> dict:
    """The JSON Schema of one ``data/records/<slug>.json``."""
    meta = metadata_schema(index_pattern)
    props = {"$schema": {"type": "string"}, **meta["properties"],
             "body_markdown": {"title": "正文（Markdown）", "type": "string",
                               "description": "正文的 Markdown 原文；其中的相对链接相对于 url。"},
             "body_html": {"title": "正文（HTML）", "type": "string",
                           "description": "网站页面显示的正文 HTML，链接已改为绝对地址。"},
             "tables": {"title": "统计表", "type": "array",
                        "description": "年度报告页面上的统计表（表二、表三、表四），与页面上的数字相同；其他记录为空列表。"
                                       "head 和 body 是逐行的单元格文字，跨行、跨列的单元格在所占的每一格中重复，"
                                       "每行的格数相同。",
                        "items": {"type": "object", "additionalProperties": False,
                                  "required": ["id", "caption", "head", "body", "note"],
                                  "properties": {
                                      "id": {"title": "表的编号", "type": "string", "description": "t2、t3、t4"},
                                      "caption": {"title": "表题", "type": "string"},
                                      "head": {"title": "表头", "type": "array",
                                               "items": {"type": "array", "items": {"type": "string"}}},
                                      "body": {"title": "表体", "type": "array",
                                               "items": {"type": "array", "items": {"type": "string"}}},
                                      "note": {"title": "表注", "type": "string"}}}}}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": urljoin(base_url, RECORDS_SCHEMA),
            "title": "政府信息公开目录中的一条信息（开放数据）",
            "type": "object", "properties": props, "required": list(props), "additionalProperties": False}


def schema_bytes(schema: dict) -> bytes:
    return (json.dumps(schema, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@dataclass(frozen=True, slots=True)
class OpenData:
    """The open-data files of one build, ``{site path: content}``, and the record count.

    A record's file is :class:`~build_tools.machinery.remade.MadeWhenWritten`
    (made once, by the writer: all of them at once would hold as many bytes
    as the records' text and HTML); the others are bytes.
    """

    files: dict[str, bytes | MadeWhenWritten]
    count: int
    updated: str


def open_data(public: PublicCatalogue, base_url: str, updated: str, record_schema: str, index_pattern: str,
              body: Callable[[Record], tuple[str, str]], body_key: Callable[[Record], str] | None = None,
              directory_urls: bool = True, tables: Mapping[str, Sequence[dict]] | None = None) -> OpenData:
    """Every open-data file, from the public view only.

    ``body(record)`` gives the body as Markdown and as HTML (see
    :mod:`build_tools.body_html`); ``record_schema`` is the text of
    ``docs/reference/record.schema.json``; ``updated`` the data's date (ISO).
    ``body_key(record)``, a hash of what ``body`` gives and of the code,
    makes each record file's key with its metadata (none without it).  ``directory_urls``: as
    :func:`record_url`.  ``tables``: each annual report's tables, by index number (:func:`record_json`).
    """
    rows = [metadata(r, public, base_url, directory_urls) for r in public.records]
    files: dict[str, bytes] = {
        CATALOGUE_JSON: catalogue_json(rows, updated, base_url),
        CATALOGUE_CSV: catalogue_csv(rows),
        RECORD_SCHEMA: record_schema.encode("utf-8"),
        CATALOGUE_SCHEMA: schema_bytes(catalogue_schema(index_pattern, base_url)),
        RECORDS_SCHEMA: schema_bytes(records_schema(index_pattern, base_url)),
    }
    for r, row in zip(public.records, rows):
        shown = tuple((tables or {}).get(r.index_no, ()))
        key = fingerprint(body_key(r), row, base_url, shown) if body_key is not None else ""
        files[record_file(r.index_no)] = MadeWhenWritten(partial(_record_bytes, r, row, body, base_url, shown), key)
    return OpenData(files, len(rows), updated)


def _record_bytes(record: Record, row: dict, body: Callable[[Record], tuple[str, str]], base_url: str,
                  tables: Sequence[dict] = ()) -> bytes:
    markdown, html = body(record)
    return record_json(row, shown_markdown(markdown), html, base_url, tables)
