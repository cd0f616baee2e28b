"""What a picture carries besides its pixels, for the privacy check: its metadata's texts and a GPS position.

A photo is published byte for byte.  A phone writes where it was taken (the EXIF GPS block: often the
photographer's or a complainant's home), and cameras, WeChat and scanner apps write an author, a
description or a comment (EXIF Artist, ImageDescription, UserComment, Windows' XP fields; a JPEG comment;
a PNG's text chunks; XMP).  A review found a name, a mobile and an ID number in each, and the position,
published unread; the same photo pasted into a Word file too.  Pillow reads them.
"""

from __future__ import annotations

import io
import re

PICTURES = frozenset({"jpg", "jpeg", "png", "tif", "tiff", "webp", "gif", "bmp"})
"""The picture types read (others, and audio and video, carry no text this check reads)."""

_EXIF_TEXTS = {0x010E: "图片说明", 0x013B: "作者", 0x8298: "版权", 0x010F: "相机厂商", 0x0110: "相机型号",
               0x0131: "软件", 0x9C9B: "标题", 0x9C9C: "备注", 0x9C9D: "作者", 0x9C9E: "关键词", 0x9C9F: "主题"}
_EXIF_IFD, _GPS_IFD = 0x8769, 0x8825
_USER_COMMENT = 0x9286


def picture_metadata(data: bytes) -> tuple[list[tuple[str, str]], bool]:
    """(where, text) for each text in the picture's metadata, and whether it records a GPS position.  A picture
    Pillow cannot open gives neither (its pixels are all a reader sees of it)."""
    try:
        from PIL import Image
        with Image.open(io.BytesIO(data)) as image:
            exif = image.getexif()
            texts = [(f"照片信息（{label}）", _text(exif.get(tag))) for tag, label in _EXIF_TEXTS.items()
                     if exif.get(tag)]
            inner = exif.get_ifd(_EXIF_IFD)
            if inner.get(_USER_COMMENT):
                texts.append(("照片信息（用户注释）", _text(inner.get(_USER_COMMENT))))
            gps = exif.get_ifd(_GPS_IFD)
            for key, value in (image.info or {}).items():  # a JPEG's comment, a PNG's text chunks, XMP
                if isinstance(value, (str, bytes)) and key not in ("icc_profile", "exif", "dpi", "transparency"):
                    texts.append((f"图片中的文字（{key}）", _text(value)))
    except Exception:  # noqa: BLE001 - not a picture Pillow opens (no image data after the metadata): its segments
        return _jpeg_segments(data)
    located = any(k in gps for k in (2, 4))  # GPSLatitude, GPSLongitude
    return [(where, without_ids(text)) for where, text in texts if text.strip()], located


_HEX_ID = re.compile(r"(?<![0-9A-Za-z])(?=[0-9A-Fa-f-]*[A-Fa-f])[0-9A-Fa-f-]{16,}(?![0-9A-Za-z])")
"""A document or instance id of the kind Adobe's tools write by the dozen in XMP (xmp.iid:13932904757F1C…, a uuid):
hexadecimal with a letter in it, 16 characters or more.  Their digit runs read as mobile numbers, which no editor
could see or remove (a review); an ID card's number has no hexadecimal letter (its X is none)."""


def without_ids(text: str) -> str:
    """``text`` without the hexadecimal ids tools write into metadata."""
    return _HEX_ID.sub(" ", text) if len(text) >= 16 else text


def _text(value) -> str:
    """A metadata value as text: Windows' XP fields are UTF-16 bytes, a UserComment starts with its code."""
    if isinstance(value, bytes):
        if value[:8] in (b"UNICODE\0", b"ASCII\0\0\0", b"JIS\0\0\0\0\0", b"\0" * 8):
            body = value[8:]
            return body.decode("utf-16", "replace") if value.startswith(b"UNICODE") else body.decode("utf-8", "replace")
        if len(value) % 2 == 0 and b"\0" in value:
            return value.decode("utf-16-le", "replace").rstrip("\0")
        return value.decode("utf-8", "replace")
    if isinstance(value, tuple) and all(isinstance(v, int) for v in value):  # XP fields read as a byte tuple
        return _text(bytes(value))
    return re.sub(r"<[^>]+>", " ", str(value)) if isinstance(value, str) and "<x:xmpmeta" in value else str(value)


def _jpeg_segments(data: bytes) -> tuple[list[tuple[str, str]], bool]:
    """A JPEG's metadata read segment by segment when Pillow cannot open the picture (its image data cut or
    missing: the metadata is published all the same, a review found)."""
    if not data.startswith(b"\xff\xd8"):
        return [], False
    texts: list[tuple[str, str]] = []
    located, at = False, 2
    while at + 4 <= len(data) and data[at] == 0xFF and data[at + 1] not in (0xD9, 0xDA):
        size = int.from_bytes(data[at + 2:at + 4], "big")
        body = data[at + 4:at + 2 + size]
        if data[at + 1] == 0xFE:  # a comment
            texts.append(("图片中的文字（comment）", _text(body)))
        elif data[at + 1] == 0xE1 and body.startswith(b"Exif\0\0"):
            try:
                from PIL import Image
                exif = Image.Exif()
                exif.load(body[6:])
                texts += [(f"照片信息（{label}）", _text(exif.get(tag))) for tag, label in _EXIF_TEXTS.items()
                          if exif.get(tag)]
                located = located or any(k in exif.get_ifd(_GPS_IFD) for k in (2, 4))
            except Exception:  # noqa: BLE001 - a damaged block: its bytes as text
                texts.append(("照片信息", body.decode("latin-1")))
        at += 2 + size
    return [(where, without_ids(text)) for where, text in texts if text.strip()], located

