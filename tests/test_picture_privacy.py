"""A picture attachment's metadata: texts read for personal numbers, a recorded position said (a review found
a name, a mobile and an ID number in a photo's EXIF author, a JPEG comment and a PNG's text, its GPS position,
and the same photo pasted into a Word file, all published unread)."""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image, PngImagePlugin

from tests.test_attachments import check, notice
from tests.test_security import write_project
from tests.test_validate import covers

SECRET = "张三 13912345661 身份证110101199003071233"


def jpeg(gps: bool = False, artist: str = SECRET, comment: bytes = b"") -> bytes:
    image = Image.new("RGB", (8, 8), "white")
    exif = Image.Exif()
    if artist:
        exif[0x013B] = artist
    if gps:
        exif.get_ifd(0x8825).update({1: "N", 2: (26.0, 34.0, 12.3), 3: "E", 4: (106.0, 42.0, 56.8)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, comment=comment)
    return out.getvalue()


def png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_itxt("Author", SECRET)
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, "PNG", pnginfo=info)
    return out.getvalue()


def docx_with(picture: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="w"><w:body><w:p><w:r><w:t>现场照片'
                                        "</w:t></w:r></w:p></w:body></w:document>")
        z.writestr("word/media/image1.jpg", picture)
    return out.getvalue()


@pytest.mark.parametrize("name, data", [("photo.jpg", jpeg()), ("photo.png", png_with_text()),
                                        ("note.jpg", jpeg(artist="", comment=SECRET.encode("utf-8"))),
                                        ("xianchang.docx", docx_with(jpeg()))])
def test_numbers_in_a_pictures_metadata_are_found(tmp_path, name, data):
    write_project(tmp_path, {"public.md": notice(1, [f"files/{name}"])}, files={f"files/{name}": data})
    found, _ = check(tmp_path)
    assert {"personal-id-number", "personal-mobile-number"} <= {c for *_, c in found}, found


@covers("attachment-location")
def test_a_photo_that_records_where_it_was_taken_is_said_and_a_plain_one_is_clean(tmp_path):
    write_project(tmp_path, {"public.md": notice(1, ["files/gps.jpg", "files/plain.jpg"])},
                  files={"files/gps.jpg": jpeg(gps=True, artist="江川省交通运输厅"),
                         "files/plain.jpg": jpeg(artist="江川省交通运输厅")})
    found, result = check(tmp_path)
    assert [(f, c) for f, _, _, c in found] == [("files/gps.jpg", "attachment-location")]
    assert result.problems[0].severity.value == "warning"


def test_the_ids_adobe_writes_in_xmp_are_no_numbers(tmp_path):
    """xmp.iid:13932904757F1C… in a Photoshop picture's XMP read as a mobile number the editor could neither see nor
    remove, and kept the record off the site (a review)."""
    xmp = ('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
           '<rdf:Description xmpMM:InstanceID="xmp.iid:13932904757F1C8F9A3BD1E2" xmpMM:DocumentID='
           '"adobe:docid:photoshop:13912345678abcdef-0000-1111" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"/>'
           "</rdf:RDF></x:xmpmeta>")
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, "JPEG", xmp=xmp.encode("utf-8"))
    write_project(tmp_path, {"public.md": notice(1, ["files/tu.jpg"])}, files={"files/tu.jpg": out.getvalue()})
    found, _ = check(tmp_path)
    assert not [f for f in found if f[3].startswith("personal-")], found


def test_a_jpeg_whose_image_data_is_cut_still_has_its_metadata_read(tmp_path):
    """A JPEG Pillow cannot open (its image data cut or missing) is published with its metadata all the same: the
    segments are read (a review)."""
    whole = jpeg(gps=True)
    at = whole.index(b"\xff\xe1")  # the Exif segment alone, then the end: no frame, no image
    exif = whole[at:at + 2 + int.from_bytes(whole[at + 2:at + 4], "big")]
    cut = b"\xff\xd8" + exif + b"\xff\xd9"
    write_project(tmp_path, {"public.md": notice(1, ["files/cut.jpg"])}, files={"files/cut.jpg": cut})
    found, _ = check(tmp_path)
    assert {"personal-id-number", "personal-mobile-number", "attachment-location"} <= {c for *_, c in found}, found

