"""Personal numbers in the parts of a PDF attachment other than its pages' text (a review found each published).

A PDF is published byte for byte: its document properties, XMP metadata, a filled-in form's fields (drawn on
the page), comments and 填写和签名 text, bookmarks, embedded files (a 公示 list as 名单.csv) and the pages of an
earlier revision an incremental save left in it are all a reader's to find.  The privacy check reads each.
"""

from __future__ import annotations

import io

import pytest
from pypdf import PdfWriter
from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, NameObject, NumberObject,
                           TextStringObject)

from tests.test_attachments import check, notice
from tests.test_security import write_project

ID = "110101199003071233"
SECRET = f"Zhang San 13912345601 ID {ID}"


def _page(w: PdfWriter, text: str):
    page = w.add_blank_page(595, 842)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    resources = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): w._add_object(font)})})
    page[NameObject("/Resources")] = resources
    content = DecodedStreamObject()
    content.set_data(b"BT /F1 12 Tf 72 760 Td (" + text.encode("latin-1") + b") Tj ET")
    page[NameObject("/Contents")] = w._add_object(content)
    return page, resources


def pdf_with(kind: str) -> bytes:
    w = PdfWriter()
    page, resources = _page(w, "Notice 2024: road works on the G320 section.")
    if kind == "properties":
        w.add_metadata({"/Author": SECRET, "/Title": "Notice"})
    elif kind == "xmp":
        w.xmp_metadata = ('<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
                          '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
                          'rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>'
                          f"{SECRET}</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>"
                          '<?xpacket end="w"?>').encode("utf-8")
    elif kind == "comment":
        from pypdf.annotations import Text
        w.add_annotation(page_number=0, annotation=Text(rect=(50, 550, 200, 650), text=SECRET, open=False))
    elif kind == "fill-and-sign":
        from pypdf.annotations import FreeText
        w.add_annotation(page_number=0, annotation=FreeText(text=SECRET, rect=(72, 700, 400, 730)))
    elif kind == "bookmark":
        w.add_outline_item(title=SECRET, page_number=0)
    elif kind == "embedded":
        w.add_attachment("名单.csv", f"姓名,身份证号码,手机\n张三,{ID},13912345601\n".encode("utf-8"))
    elif kind == "embedded-name":  # the embedded file's name alone (a review found it published)
        w.add_attachment(f"zhangsan-{ID}-13912345601.txt", "申请材料".encode("utf-8"))
    elif kind == "form":  # the value drawn by the field's appearance stream, as every viewer shows it
        appearance = DecodedStreamObject()
        appearance.set_data(b"/Tx BMC BT /F1 12 Tf 2 4 Td (" + SECRET.encode("latin-1") + b") Tj ET EMC")
        appearance.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                           NameObject("/BBox"): ArrayObject([NumberObject(0), NumberObject(0), NumberObject(250),
                                                             NumberObject(18)]),
                           NameObject("/Resources"): resources})
        widget = w._add_object(DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/FT"): NameObject("/Tx"), NameObject("/T"): TextStringObject("applicant"),
            NameObject("/V"): TextStringObject(SECRET),
            NameObject("/Rect"): ArrayObject([FloatObject(170), FloatObject(700), FloatObject(420), FloatObject(718)]),
            NameObject("/AP"): DictionaryObject({NameObject("/N"): w._add_object(appearance)})}))
        page[NameObject("/Annots")] = ArrayObject([widget])
        w._root_object[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): ArrayObject([widget])})
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def redacted_by_an_incremental_save() -> bytes:
    w = PdfWriter()
    _page(w, f"Refund list: {SECRET}")
    first = io.BytesIO()
    w.write(first)
    later = PdfWriter(io.BytesIO(first.getvalue()), incremental=True)
    content = DecodedStreamObject()
    content.set_data(b"BT /F1 12 Tf 72 760 Td (Refund list: [redacted]) Tj ET")
    later.pages[0][NameObject("/Contents")] = later._add_object(content)
    out = io.BytesIO()
    later.write(out)
    assert out.getvalue().startswith(first.getvalue())
    return out.getvalue()


@pytest.mark.parametrize("kind, where", [
    ("properties", "文档属性"), ("xmp", "XMP 元数据"), ("comment", "批注"), ("fill-and-sign", "批注"),
    ("bookmark", "书签"), ("embedded", "内嵌文件“名单.csv”"), ("embedded-name", "内嵌文件“zhangsan-"), ("form", "表单"),
    ("revision", "修改前的版本")])
def test_a_number_anywhere_in_a_pdf_is_found_and_said_where(tmp_path, kind, where):
    data = redacted_by_an_incremental_save() if kind == "revision" else pdf_with(kind)
    write_project(tmp_path, {"public.md": notice(1, ["files/list.pdf"])}, files={"files/list.pdf": data})
    found, result = check(tmp_path)
    codes = {c for *_, c in found}
    assert {"personal-id-number", "personal-mobile-number"} <= codes, found
    assert any(where in p.message for p in result.problems if p.code.startswith("personal-"))


def test_a_pdf_with_nothing_personal_in_any_part_is_clean(tmp_path):
    w = PdfWriter()
    _page(w, "Notice 2024: road works on the G320 section.")
    w.add_metadata({"/Author": "江川省交通运输厅", "/Title": "施工公告"})
    w.add_outline_item(title="一、施工路段", page_number=0)
    w.add_attachment("路段.csv", "路段,长度\nG320,12.5\n".encode("utf-8"))
    out = io.BytesIO()
    w.write(out)
    write_project(tmp_path, {"public.md": notice(1, ["files/list.pdf"])}, files={"files/list.pdf": out.getvalue()})
    found, _ = check(tmp_path)
    assert not [f for f in found if f[3].startswith("personal-")]


def test_a_scanned_pdfs_properties_are_read_though_its_pages_have_no_text(tmp_path):
    """A scan has no text on its pages, and its properties, bookmarks and comments were left unread with them
    (a review): the author's mobile number in a scan's properties was published unreported."""
    w = PdfWriter()
    w.add_blank_page(595, 842)
    w.add_metadata({"/Author": SECRET})
    out = io.BytesIO()
    w.write(out)
    write_project(tmp_path, {"public.md": notice(1, ["files/scan.pdf"])}, files={"files/scan.pdf": out.getvalue()})
    found, result = check(tmp_path)
    codes = {c for *_, c in found}
    assert {"attachment-not-checked", "personal-mobile-number", "personal-id-number"} <= codes, found
    assert any("文档属性" in p.message for p in result.problems if p.code == "personal-mobile-number")


def test_a_text_attachment_too_large_to_read_is_said_not_passed_in_silence(tmp_path, monkeypatch):
    """A CSV beyond the size read was published without a word (a review); a PDF or a workbook was said unread."""
    import build_tools.attachments
    import build_tools.checks.privacy
    for module in (build_tools.attachments, build_tools.checks.privacy):
        monkeypatch.setattr(module, "MAX_TEXT_BYTES", 1000)
    big = ("姓名,手机\n" + "张三,13912345601\n" * 100).encode("utf-8")
    write_project(tmp_path, {"public.md": notice(1, ["files/名单.csv"])}, files={"files/名单.csv": big})
    found, result = check(tmp_path)
    [p] = [p for p in result.problems if p.code == "attachment-not-checked"]
    assert p.file == "files/名单.csv" and "不公开记录的标题" in p.message


@pytest.mark.parametrize("pages", [[""], ["", ""], ["Notice 2024"], ["", "Notice 2024"]])
def test_a_pdfs_pages_read_back_from_the_cache_are_the_pages_read(tmp_path, pages):
    """One page without text (a scan) came back from the cache directory as no pages at all, and every warm
    check dropped the attachment's "not checked" warning, CI's too (found by a review)."""
    from build_tools.machinery.cache import ContentCache
    from build_tools.search import text as search_text

    w = PdfWriter()
    for words in pages:
        if words:
            _page(w, words)
        else:
            w.add_blank_page(595, 842)
    out = io.BytesIO()
    w.write(out)
    cache = ContentCache(tmp_path / "cache", search_text.PDF_TEXT_NAMESPACE)
    read = search_text.pdf_pages(out.getvalue(), cache)
    assert len(read) == len(pages)
    search_text._PDF_PAGES.clear()  # another process: only the cache directory remembers
    assert search_text.pdf_pages(out.getvalue(), cache) == read
