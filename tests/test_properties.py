"""Property-based tests: whatever an editor's file holds, the core answers calmly.

Example counts are kept modest so the suite stays fast; each property also
runs on the hand-picked examples that once broke something.
"""

from __future__ import annotations

import datetime as dt
import string
from pathlib import Path

import chinese_calendar
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from build_tools.config import options_to_config
from build_tools.diagnostics import Problem
from build_tools.model.fields import FIELDS
from build_tools.model.record import Record
from build_tools.model.values import normalise_doc_no, parse_date
from build_tools.source import read_source
from build_tools.validate import validate
from build_tools.views.urls import index_slug
from build_tools.workdays import WorkdayCalendar

CONFIG, _ = options_to_config({}, base_dir=Path("."))
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# -- any bytes as a record file ---------------------------------------------------------

def _check_outcome(data: bytes) -> None:
    doc, problems = read_source(data, "x/record.md")
    assert all(isinstance(p, Problem) and p.file == "x/record.md" and p.message for p in problems)
    if doc is None:
        assert problems, "a file that cannot be read must say why"
        return
    outcome = validate(doc, CONFIG, frozenset({"x/a.pdf"}))
    assert all(isinstance(p, Problem) and p.file == "x/record.md" and p.message for p in outcome.problems)
    assert isinstance(outcome.record, Record) or outcome.record is None
    if outcome.record is None:
        assert outcome.problems, "a file was dropped without a problem"  # e.g. one without kind, once


@FAST
@given(st.binary(max_size=3000))
@example(b"")
@example(b"\xef\xbb\xbf---\r\n---\r\n")
@example(b"---\n[\n---\n")
@example(b"---\n? [a, b]\n: c\n---\n")
@example(b"---\n!!python/object/apply:os.system [echo]\n---\n")
@example(b"---\ntitle: !!binary aGk=\nkind: !!set {a, b}\n---\n")
@example(b"---\n&a [*a]\n---\n")
@example(b"---\npublished: 2024-02-30\nfiscal_year: 99999999999999999999\n---\n")
@example(b"---\n" + b"[" * 2000 + b"]" * 2000 + b"\n---\n")
def test_any_bytes_give_a_record_or_clean_problems(data):
    _check_outcome(data)


_KEYS = [k for f in FIELDS for k in (f.key, f.alias)] + ["名称", "type", "x"]
_VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["2024-03-05", "2024年3月5日", "２０２４．３．５", "2024-13-01", "policy", "notice", "依申请公开",
                     "不予公开", "015200371/2024-00001", "[015200371/2024-00001]", "[a.pdf, ../b]", "江交规〔2024〕3号",
                     "工业、交通/公路", "''", "~", "[]", "{}", "[[x]]", "{a: {b: c}}", "|\n  多行\n  文字", "*x", "&x y"]),
)


@FAST
@given(st.lists(st.tuples(st.sampled_from(_KEYS), _VALUES), max_size=12), st.text(max_size=200))
def test_any_front_matter_of_known_fields_gives_a_record_or_clean_problems(entries, body):
    # Random bytes rarely get past the YAML parser; these reach the validator.
    lines = [f"{k}: {v}" for k, v in entries]
    _check_outcome(("---\n" + "\n".join(lines) + "\n---\n" + body).encode("utf-8", "surrogatepass"))


# -- values ----------------------------------------------------------------------------

@FAST
@given(st.text(max_size=40))
@example("2024-02-30")
@example("0000-01-01")
@example("9999-99-99")
@example("２０２４年１３月１日")
@example("٢٠٢٤-٠٣-٠٥")
def test_parse_date_never_raises(text):
    result = parse_date(text)
    assert isinstance(result, (dt.date, str))
    if isinstance(result, str):
        assert result


_DATEISH = st.from_regex(r"\A\s*\d{1,6}\s*[-./年]\s*\d{1,4}\s*[-./月]\s*\d{1,4}\s*日?\s*\Z")


@FAST
@given(_DATEISH)
def test_parse_date_never_raises_on_date_shaped_text(text):
    assert isinstance(parse_date(text), (dt.date, str))


# Document numbers as editors type them: agency code, bracketed year, number,
# in half- and full-width forms with stray white space.
_DOC_NO_ALPHABET = st.sampled_from(list("江交规办发函字令第号〔〕[]（）()【】［］ 　\t0123456789０１２３４５６７８９ABCabcＡＢＣ-－"))


@FAST
@given(st.text(_DOC_NO_ALPHABET, max_size=30))
@example("江交规 ( 2024 ) 3 号")
@example("((2024))")
def test_normalise_doc_no_is_idempotent(text):
    once = normalise_doc_no(text)
    assert normalise_doc_no(once) == once


@FAST
@given(st.text(max_size=30))
@example("e \u0301")  # a combining mark after a space composes only once the space is gone
@example("江交规〔2024〕3号¸")  # NFKC turns ¸ into a space and a combining cedilla
def test_normalise_doc_no_is_idempotent_on_any_text(text):
    once = normalise_doc_no(text)
    assert normalise_doc_no(once) == once


@FAST
@given(st.text(max_size=20), st.text(max_size=20))
def test_index_slug_is_a_safe_one_to_one_path_segment(a, b):
    sa = index_slug(a)
    assert sa not in ("", ".", "..") and "/" not in sa and "\\" not in sa
    assert set(sa) <= set(string.ascii_letters + string.digits + ".-_~")
    if a != b:
        assert sa != index_slug(b)


# -- working days against a brute-force count ------------------------------------------------

CALENDAR = WorkdayCalendar(year_end_guard=None)
FIRST, LAST = dt.date(2004, 1, 1), dt.date(2026, 12, 31)


def _is_workday(day: dt.date) -> bool:
    # The library, with the one day of 2004–2026 it gets wrong (see workdays.py).
    return day == dt.date(2005, 12, 31) or chinese_calendar.is_workday(day)


def _brute_between(start: dt.date, end: dt.date) -> int:
    return sum(1 for i in range(1, (end - start).days + 1) if _is_workday(start + dt.timedelta(days=i)))


def _brute_add(start: dt.date, n: int) -> dt.date | None:
    day, left = start, n
    while left:
        day += dt.timedelta(days=1)
        if day > LAST:
            return None
        left -= _is_workday(day)
    return day


_DAYS = st.dates(min_value=FIRST, max_value=LAST)


@FAST
@given(_DAYS, st.integers(min_value=0, max_value=400))
@example(dt.date(2005, 12, 30), 1)
@example(dt.date(2004, 1, 1), 0)
@example(dt.date(2026, 9, 30), 1)
def test_add_workdays_agrees_with_a_day_by_day_count(start, n):
    expected = _brute_add(start, n)
    if expected is None:
        return  # the count would run past the last year with data
    assert CALENDAR.add_workdays(start, n) == expected


@FAST
@given(_DAYS, _DAYS)
@example(dt.date(2005, 12, 30), dt.date(2006, 1, 4))
def test_workdays_between_agrees_with_a_day_by_day_count(a, b):
    start, end = min(a, b), max(a, b)
    if (end - start).days > 800:
        end = start + dt.timedelta(days=800)  # keep the brute force cheap
    assert CALENDAR.workdays_between(start, end) == _brute_between(start, end)
    assert CALENDAR.workdays_between(end, start) == 0
