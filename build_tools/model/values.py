"""Value types of the record format: dates, index numbers, document numbers.

Each parser takes what an editor typed and returns either the value or a
plain-words reason it is wrong (a ``str``), never raises on bad input.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass

# --- dates -------------------------------------------------------------------

_DATE_FORMS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$"),
)


def parse_date(text: str) -> dt.date | str:
    """Parse ``2024-03-05``, ``2024.03.05``, ``2024/3/5`` or ``2024年3月5日``.

    Full-width digits are accepted (editors paste them from Word).  Returns the
    date, or a Chinese sentence saying why the text is not a real date.
    """
    cleaned = unicodedata.normalize("NFKC", text).strip()
    for form in _DATE_FORMS:
        m = form.match(cleaned)
        if m:
            year, month, day = (int(g) for g in m.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                if not 1 <= month <= 12:
                    return f"没有 {month} 月"
                return f"{year} 年 {month} 月没有 {day} 日"
    return "不是可识别的日期写法"


# --- organisation codes (check characters) -------------------------------------

_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def org_code_check_character(body: str) -> str | None:
    """The GB 11714 check character for an 8-character organisation-code body."""
    if len(body) != 8 or not all(c.isdigit() or "A" <= c <= "Z" for c in body):
        return None
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w
                for c, w in zip(body, _ORG_WEIGHTS))
    check = 11 - total % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


def uscc_check_character(body: str) -> str | None:
    """The GB 32100 check character for a 17-character unified social credit code body."""
    if len(body) != 17 or any(c not in _USCC_ALPHABET for c in body):
        return None
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(body, _USCC_WEIGHTS))
    return _USCC_ALPHABET[(31 - total % 31) % 31]


@functools.lru_cache(maxsize=256)  # every record of a catalogue shares a few prefixes
def verify_agency_code(code: str) -> str | None:
    """Check a 9-character organisation code or 18-character USCC.

    Returns ``None`` when the check character verifies (or the code is of
    neither form, which the index-number pattern decides on), else the check
    character that would be right.
    """
    if len(code) == 9:
        expected = org_code_check_character(code[:8])
    elif len(code) == 18:
        expected = uscc_check_character(code[:17])
    else:
        return None
    if expected is None or expected == code[-1]:
        return None
    return expected


# --- document numbers (发文字号) --------------------------------------------------

# Editors write the year in 〔〕 (GB/T 9704), [] , （）, () or 【】; all mean the same.
_YEAR_BRACKETS = re.compile(r"[\[（(【〔［]\s*(\d{4})\s*[\]）)】〕］]")
_DOC_NO_SHAPE = re.compile(r"^.+〔\d{4}〕\d+号$|^.+令第?\d+号$|^.+第\d+号$")


@dataclass(frozen=True, slots=True)
class DocNo:
    """A 发文字号 as written, and its normalised form used for matching."""

    original: str
    normalised: str

    @property
    def looks_standard(self) -> bool:
        """Whether the normalised form has the GB/T 9704 shape (or an order number)."""
        return bool(_DOC_NO_SHAPE.match(self.normalised))


def normalise_doc_no(text: str) -> str:
    """Normalise a 发文字号 so that spelling variants compare equal.

    Full-width digits and letters become ASCII (NFKC), white space goes, and a
    bracketed four-digit year becomes ``〔YYYY〕``.  Idempotent.
    """
    # NFKC again after removing white space: a combining mark that followed a
    # space would otherwise compose only on the second call.
    s = unicodedata.normalize("NFKC", "".join(unicodedata.normalize("NFKC", text).split()))
    s = "".join(s.split())
    # NFKC turns 〔〕 into themselves but （） into (); match both families.
    s = _YEAR_BRACKETS.sub(lambda m: f"〔{m.group(1)}〕", s)
    return s


def parse_doc_no(text: str) -> DocNo:
    """Build a :class:`DocNo` from what the editor typed."""
    return DocNo(text.strip(), normalise_doc_no(text))
