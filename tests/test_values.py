"""Value parsers of the record format: dates, document numbers, agency-code check characters."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from build_tools.model.values import (likely_year, normalise_doc_no, org_code_check_character, parse_date,
                                      parse_doc_no, uscc_check_character, verify_agency_code)

# --- parse_date ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "2014-07-17", "2014-7-17", "2014.07.17", "2014.7.17", "2014/07/17", "2014/7/17",
    "2014年7月17日", "2014年07月17日", "2014 年 7 月 17 日", " 2014-07-17 ",
    "２０１４年７月１７日", "２０１４－０７－１７", "２０１４．０７．１７",
])
def test_parse_date_accepts_what_editors_write(text):
    assert parse_date(text) == dt.date(2014, 7, 17)


@pytest.mark.parametrize("year, around, hi, meant", [
    (1024, [2024], 2100, 2024), (1025, [2025, 2025], 2100, 2025), (1024, [], 2100, 2024),  # one digit
    (2204, [2024], 2025, 2024), (2204, [], 2025, None),                # 2004 or 2024: the record's years say which
    (2204, [2004], 2025, 2004), (1204, [2024], 2100, None),              # 2104 is no year near 2024
    (1949, [2024], 2100, None), (1024, [2010], 2100, None),              # no likely year near the record's
])
def test_likely_year_of_a_mistyped_one(year, around, hi, meant):
    assert likely_year(year, around, 1949, hi) == meant


def test_parse_date_knows_leap_years():
    assert parse_date("2024-02-29") == dt.date(2024, 2, 29)
    assert parse_date("2000-02-29") == dt.date(2000, 2, 29)
    assert parse_date("1900-02-29") == "1900 年 2 月没有 29 日"


@pytest.mark.parametrize("text, reason", [
    ("2024-02-30", "2024 年 2 月没有 30 日"),
    ("2024-04-31", "2024 年 4 月没有 31 日"),
    ("2024-13-01", "没有 13 月"),
    ("2024-00-10", "没有 0 月"),
    ("2024-01-00", "2024 年 1 月没有 0 日"),
    ("20240305", "不是可识别的日期写法"),
    ("2024年3月", "不是可识别的日期写法"),
    ("二〇二四年三月五日", "不是可识别的日期写法"),
    ("24-03-05", "不是可识别的日期写法"),
    ("", "不是可识别的日期写法"),
])
def test_parse_date_says_why_a_text_is_not_a_date(text, reason):
    assert parse_date(text) == reason


@given(st.text(max_size=30))
def test_parse_date_never_raises(text):
    assert isinstance(parse_date(text), (dt.date, str))


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_parse_date_reads_every_iso_date_and_its_chinese_form(day):
    assert parse_date(day.isoformat()) == day
    assert parse_date(f"{day.year}年{day.month}月{day.day}日") == day
    assert parse_date(f"{day.year}.{day.month}.{day.day}") == day


# --- document numbers --------------------------------------------------------------------------------

SAME_NUMBER = ["皖交办〔2014〕103号", "皖交办[2014]103号", "皖交办（2014）103号", "皖交办(2014)103号",
               "皖交办【2014】103号", "皖交办［2014］103号", "皖交办［２０１４］１０３号",
               " 皖交办 〔 2014 〕 103号\u3000", "皖交办\t[2014]103号"]


@pytest.mark.parametrize("text", SAME_NUMBER)
def test_bracket_spellings_of_the_year_are_one_number(text):
    assert normalise_doc_no(text) == "皖交办〔2014〕103号"


def test_different_numbers_stay_different():
    assert normalise_doc_no("皖交办〔2014〕103号") != normalise_doc_no("皖交办〔2014〕104号")
    assert normalise_doc_no("皖交办〔2014〕103号") != normalise_doc_no("皖交规〔2014〕103号")
    assert normalise_doc_no("皖交办〔2014〕103号") != normalise_doc_no("皖交办〔2015〕103号")


def test_brackets_around_other_than_a_year_are_kept():
    assert normalise_doc_no("某厅[内部]1号") == "某厅[内部]1号"
    assert normalise_doc_no("某厅[12014]1号") == "某厅[12014]1号"


@pytest.mark.parametrize("text", SAME_NUMBER + ["江川省交通运输厅令第2号", "某厅[内部]1号", ""])
def test_normalise_doc_no_is_idempotent(text):
    once = normalise_doc_no(text)
    assert normalise_doc_no(once) == once


_DOC_NO_CHARS = st.sampled_from(list("皖交办江规发函令第号〔〕[]（）()【】［］0123456789０１２３４５６７８９ABＡ \u3000\t-"))


@given(st.text(_DOC_NO_CHARS, max_size=25))
def test_normalise_doc_no_is_idempotent_on_doc_no_like_text(text):
    once = normalise_doc_no(text)
    assert normalise_doc_no(once) == once
    assert not any(c.isspace() for c in once)


def test_normalise_doc_no_is_idempotent_with_combining_marks():
    once = normalise_doc_no("e \u0301")
    assert normalise_doc_no(once) == once


@pytest.mark.parametrize("text, standard", [
    ("皖交办〔2014〕103号", True), ("皖交办[2014]103号", True), ("江川省交通运输厅令第2号", True),
    ("江川省人民政府令第12号", True),
    # GB/T 9704-2012 7.2.4: 发文顺序号不加“第”字，不编虚位
    ("国发〔2014〕第1号", False), ("国发〔2014〕01号", False),
    ("江交办2024年第5号文", False), ("江交办〔2024〕", False), ("103号", False),
    # Chinese numerals, as real legal texts write them (presidential orders, old decrees).
    ("中华人民共和国主席令第七十三号", True), ("国务院令第一百二十号", True), ("中华人民共和国主席令第〇号", True),
    ("江交办〔二〇二四〕5号", False), ("主席令第七十三", False),
])
def test_doc_no_shape(text, standard):
    doc_no = parse_doc_no(text)
    assert doc_no.looks_standard is standard
    assert doc_no.original == text.strip()


# --- agency codes -------------------------------------------------------------------------------------

def test_org_code_check_character_examples():
    assert org_code_check_character("00001434") == "9"   # 000014349
    assert org_code_check_character("D2143569") == "X"   # the GB 11714 example, D2143569-X
    assert org_code_check_character("01520037") == "1"   # the sample catalogue's 015200371


@pytest.mark.parametrize("body", ["0000143", "000014349", "0000143a", "0000-143", ""])
def test_org_code_check_character_refuses_malformed_bodies(body):
    assert org_code_check_character(body) is None


def test_uscc_check_character_example():
    assert uscc_check_character("11341702486344515") == "H"
    # Characters 9-17 of a USCC are the organisation code, with its own check character.
    assert org_code_check_character("48634451") == "5"


@pytest.mark.parametrize("body", ["1134170248634451", "113417024863445150", "1134170248634451I",
                                  "1134170248634451O", "1134170248634451S", "1134170248634451Z",
                                  "1134170248634451h"])
def test_uscc_check_character_refuses_malformed_bodies(body):
    assert uscc_check_character(body) is None


@pytest.mark.parametrize("code", ["000014349", "D2143569X", "015200371", "11341702486344515H"])
def test_verify_agency_code_accepts_valid_codes(code):
    assert verify_agency_code(code) is None


@pytest.mark.parametrize("code, right", [
    ("000014348", "9"), ("D21435690", "X"), ("015200372", "1"),
    ("11341702486344515A", "H"), ("11341702486344515G", "H"), ("21341702486344515H", None),
])
def test_verify_agency_code_names_the_right_check_character(code, right):
    if right is None:  # a changed body: some other character is right
        assert verify_agency_code(code) not in (None, "H")
    else:
        assert verify_agency_code(code) == right


@pytest.mark.parametrize("code", ["", "0000143", "00001434912", "ABC"])
def test_verify_agency_code_leaves_other_lengths_to_the_pattern(code):
    assert verify_agency_code(code) is None


_USCC = "0123456789ABCDEFGHJKLMNPQRTUWXY"


@given(st.text(st.sampled_from(_USCC), min_size=17, max_size=17), st.sampled_from(_USCC))
def test_uscc_exactly_one_check_character_verifies(body, other):
    right = uscc_check_character(body)
    assert right is not None and verify_agency_code(body + right) is None
    if other != right:
        assert verify_agency_code(body + other) == right


@given(st.text(st.sampled_from("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"), min_size=8, max_size=8),
       st.sampled_from("0123456789X"))
def test_org_code_exactly_one_check_character_verifies(body, other):
    right = org_code_check_character(body)
    assert right is not None and verify_agency_code(body + right) is None
    if other != right:
        assert verify_agency_code(body + other) == right


@given(st.text(st.sampled_from("0123456789"), min_size=8, max_size=8), st.integers(0, 7),
       st.sampled_from("0123456789"))
def test_org_code_catches_every_single_digit_typo(body, position, digit):
    typo = body[:position] + digit + body[position + 1:]
    if typo != body:
        assert org_code_check_character(typo) != org_code_check_character(body)
