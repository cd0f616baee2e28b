"""XML read as expat reads it, in any encoding a file declares, never a traceback; the OpenDocument
names the readers look for."""

from __future__ import annotations

import re
from xml.parsers import expat

from .passage import NotReadable

_DECLARED = re.compile(rb"""\A(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def parse_xml(data: bytes, start, end, text, name: str) -> None:
    """Feed ``data`` to the handlers (``start(tag, attrs)``, ``end(tag)``, ``text(data)``; tags as
    ``namespace local``); raises :class:`NotReadable` for what is not well-formed XML."""
    declared = _DECLARED.match(data)
    if declared and declared.group(1).lower().replace(b"-", b"").replace(b"_", b"") not in (
            b"utf8", b"utf16", b"usascii", b"ascii", b"iso88591", b"latin1"):
        # expat reads UTF-8, UTF-16 and Latin-1 only: a GBK export is read with Python's codec
        encoding = declared.group(1).decode("ascii")
        try:
            decoded = data.decode(encoding, errors="replace")
        except LookupError:
            raise NotReadable(f"用了无法识别的编码 {encoding}") from None
        data = (data[:declared.start(1)].decode("ascii", "replace") + "UTF-8"
                + decoded[len(data[:declared.end(1)].decode(encoding, "replace")):]).encode("utf-8")
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.buffer_text = True
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise NotReadable(f"已损坏（第 {exc.lineno} 行起不是完好的 XML）") from exc
    except ValueError as exc:  # a handler's value (not this code's: all are guarded)
        raise NotReadable(f"已损坏（{type(exc).__name__}）") from exc


ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
ODF_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
ODF_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
MAX_SPACES = 64
"""Spaces an OpenDocument ``text:s`` stands for at most (it may say 10²⁰)."""
