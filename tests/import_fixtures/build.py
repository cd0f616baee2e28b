"""Fixture pages for ``catalogue import`` tests, made for this project (fictional agency 青禾市交通运输局).

``pages/`` holds UTF-8 pages committed as they are.  ``templates/`` holds pages
that real CMS exports save in GBK: :func:`build` writes them encoded with GBK,
together with the attachment files the policy page links to (a small real PDF
and DOCX; a third attachment is left missing on purpose).
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

HERE = Path(__file__).parent
GBK_PAGES = ("policy.html", "gbk-text.txt")
"""Written in GBK: the policy declares charset=gb2312; the text file declares nothing (the detector decides)."""


def small_pdf() -> bytes:
    """A one-page PDF that pypdf opens (attachment checks read it)."""
    from pypdf import PdfWriter
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def small_docx() -> bytes:
    """A minimal Office Open XML package (a ZIP with a readable directory)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types/>')
        z.writestr("word/document.xml", '<?xml version="1.0" encoding="UTF-8"?><document>申请表</document>')
    return buf.getvalue()


def build(dest: Path) -> Path:
    """Write every fixture page (and the attachments) into ``dest``; returns ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for page in sorted((HERE / "pages").iterdir()):
        shutil.copyfile(page, dest / page.name)
    for page in sorted((HERE / "templates").iterdir()):
        text = page.read_text(encoding="utf-8")
        data = text.encode("gbk") if page.name in GBK_PAGES else text.encode("utf-8")
        (dest / page.name).write_bytes(data)
    (dest / "附件1-超限检测站点表.pdf").write_bytes(small_pdf())
    (dest / "files").mkdir(exist_ok=True)
    (dest / "files" / "附件2-申请表.docx").write_bytes(small_docx())
    return dest
