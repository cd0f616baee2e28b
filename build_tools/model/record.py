"""The record: one validated catalogue entry, frozen once built.

Derived facts (which interpretations a policy has, whether it is in force
today) are not stored here: they live in the link graph and the views, so a
record never changes after the validator made it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .fields import Disclosure, DocType, InterpretationForm, Kind, Validity
from .values import DocNo

if TYPE_CHECKING:  # the record's annotations only; these modules import the model
    from ..annual_report import AnnualStatistics
    from ..fiscal import Figures


@dataclass(frozen=True, slots=True)
class Record:
    """One catalogue entry.  Field meanings: see :mod:`build_tools.model.fields`."""

    # Where it came from.
    source: str
    """Path of the Markdown file relative to the catalogue root (POSIX)."""
    lines: Mapping[str, int]
    """Line of each front-matter key in the file, for problems found later."""
    body: str
    """The Markdown body, after the front matter."""
    body_line: int
    """Line in the file where the body starts."""

    # The fields of the record format (same names as the field table).
    index_no: str
    title: str
    kind: Kind
    issuer: tuple[str, ...]
    category: str
    published: dt.date
    doc_type: DocType | None = None
    doc_no: DocNo | None = None
    written: dt.date | None = None
    effective: dt.date | None = None
    expires: dt.date | None = None
    validity: Validity = Validity.IN_FORCE
    disclosure: Disclosure = Disclosure.PROACTIVE
    withheld_reason: str | None = None
    keywords: tuple[str, ...] = ()
    summary: str | None = None
    interprets: tuple[str, ...] = ()
    interpretation_form: InterpretationForm | None = None
    interpretation_exempt: str | None = None
    amends: tuple[str, ...] = ()
    repeals: tuple[str, ...] = ()
    fiscal_year: int | None = None
    approved: dt.date | None = None
    statistics: AnnualStatistics | None = None
    """An annual report's tables (:mod:`build_tools.annual_report`)."""
    figures: Figures | None = None
    """Budget or final-account figures (:mod:`build_tools.fiscal`), as read and checked for form."""
    change_note: str | None = None
    """修订说明: what the latest revision changed, in one line (GOV.UK's public change notes)."""
    attachments: tuple[str, ...] = ()
    """Attachment paths relative to the catalogue root (POSIX), checked to exist."""

    # Where it came from, continued (with a default, so after the fields that have one).
    wrapped: Mapping[str, tuple[int, str]] = field(default_factory=dict)
    """The file's own text of each value (key as in ``lines``) that YAML read from more than its key's
    line (a block ``|`` or ``>``, a folded long text, a quoted ``\\n``): the line it starts on, and
    those lines without their indentation (:attr:`.source.Scalar.wrapped`).  YAML joins them, so a
    problem found in the value follows its characters here to name the line it is on."""

    def line_of(self, key: str) -> int:
        """Line of a key in the source file (1, the front matter's start, if absent)."""
        return self.lines.get(key, 1)

    @property
    def is_proactive(self) -> bool:
        """主动公开: the only disclosure mode that may ever reach the public site."""
        return self.disclosure is Disclosure.PROACTIVE
