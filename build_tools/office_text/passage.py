"""What the readers of :mod:`build_tools.office_text` give: passages, and why a file is unread."""

from __future__ import annotations

from dataclasses import dataclass

MAX_DEPTH = 3
"""Files inside files (a ZIP's workbook, the workbook embedded in it) read this deep."""
TOO_DEEP = f"套得太深（文件里的文件超过 {MAX_DEPTH} 层）"
"""Why a file nested deeper is not read."""

APART = "\x00"
"""Stands between texts that never join into one number (two cells, two paragraphs' ends)."""


@dataclass(frozen=True)
class Passage:
    where: str
    """Where in the attachment, in words: 工作表「名单」的 C5 格, 正文, 批注, 第 2 张幻灯片 …"""
    text: str
    kind: str = "typed"
    """``typed``: text as a person typed it (``139 1234 5678`` is one number); ``laid_out``: text placed
    on a page (a PDF's, an OFD's), whose table cells stand side by side with a space between;
    ``markup``: a text file's (CSV, HTML), read as the check reads a record's body."""
    fallback: bool = False
    """Read to back up the other passages (a stream's raw text, the text before track changes): a
    number found only here is reported here, one found elsewhere is named there."""
    raw: bool = False
    """Raw text that lost what stood around its numbers (a stream's bytes, an RTF's without its escapes):
    a number whose digits the other passages show was judged there, in its context."""
    unread: str = ""
    """Why this part could not be read (then no text)."""
    heading: str = ""
    """A sheet cell's column heading (the column's first cell with text): a 公示 list's 身份证号码 names the
    numbers under it, which carry no label of their own (a first-generation ID has no check digit)."""


class NotReadable(Exception):
    """The attachment's text cannot be read; ``args[0]`` says why, in words for the editor."""


class TooLarge(NotReadable):
    """More to decompress than the cap: the whole file is not read."""


def ignore(*args) -> None:
    """A parser's handler for what a reader does not look at."""
    return None
