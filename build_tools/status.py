"""What a record's validity is on a given day.

尚未生效 and 已失效 after 有效期至 are never waited for from an editor: they follow from the 实施日期 and
the 有效期至 and the day the site is built for (``as_of``), which is always passed in.  A daily build
shows a document lapsed on the day after its 有效期至, as the annual report already counts it.
"""

from __future__ import annotations

import datetime as dt
import enum

from .model.fields import Kind, Validity
from .model.record import Record


class Status(str, enum.Enum):
    """Validity as shown to the public on ``as_of``."""

    IN_FORCE = "现行有效"
    AMENDED = "已修改"
    PARTIALLY_INVALID = "部分失效"
    REPEALED = "已废止"
    EXPIRED = "已失效"
    NOT_YET_EFFECTIVE = "尚未生效"

    @property
    def label(self) -> str:
        """The Chinese label (the value itself)."""
        return self.value

    @property
    def slug(self) -> str:
        """A short ASCII name for the status, used in style classes (``cat-status--repealed``)."""
        return _SLUGS[self]

    @property
    def shown(self) -> bool:
        """Whether pages flag a record with this status: every status but 现行有效."""
        return self is not Status.IN_FORCE


_SLUGS = {
    Status.IN_FORCE: "in-force", Status.AMENDED: "amended", Status.PARTIALLY_INVALID: "partly-invalid",
    Status.REPEALED: "repealed", Status.EXPIRED: "expired", Status.NOT_YET_EFFECTIVE: "not-yet-effective",
}


def in_effect(record: Record, as_of: dt.date) -> bool:
    """Whether the record has been published and has taken effect by ``as_of``."""
    start = record.effective or record.published
    return record.published <= as_of and start <= as_of


def shown_label(record: Record, status: Status) -> str:
    """The 有效性 a list row or a search result shows for ``record`` with ``status``: a policy's
    always (its page lists it in the metadata table), any other record's when not 现行有效, else ""."""
    return status.label if record.kind is Kind.POLICY or status.shown else ""


IN_FORCE_AS_WRITTEN = frozenset((Validity.IN_FORCE, Validity.AMENDED, Validity.PARTIALLY_INVALID))
"""The validities an editor writes for a document in force: 现行有效, and 已修改 and 部分失效 (in force as amended)."""


def status_on(record: Record, as_of: dt.date, changed_from: dt.date | None = None) -> Status:
    """The validity to show on ``as_of``: the written one, 尚未生效 before the 实施日期, or 已失效 after the
    有效期至 (its last day) of a record still written as in force (a review found an expired 规范性文件 shown in
    force, while the annual report counted it lapsed).

    ``changed_from``: the day the first of the public records repealing or amending it takes effect
    (:meth:`~build_tools.visibility.PublicCatalogue.status`).  A record written 已废止, 已修改 or 部分失效 ahead of
    that day is in force as it stands until then: its page said 有效性 已废止 beside 在此之前继续执行, and the
    lists and the open data 已废止, while the annual report counted it in force (a review)."""
    validity = record.validity
    if validity in CHANGED and changed_from is not None and changed_from > as_of:
        validity = Validity.IN_FORCE
    if validity is Validity.IN_FORCE and record.effective and record.effective > as_of:
        return Status.NOT_YET_EFFECTIVE
    if validity in IN_FORCE_AS_WRITTEN and record.expires and record.expires < as_of:
        return Status.EXPIRED  # 已修改 and 部分失效 are in force too, until their 有效期至 (a review)
    return Status(validity.value)


CHANGED = frozenset((Validity.REPEALED, Validity.AMENDED, Validity.PARTIALLY_INVALID))
"""The validities another document gives a record: by repealing it, amending it, or repealing part of it."""


def takes_effect(changer: Record) -> tuple[dt.date, str]:
    """The day a changing record's change takes effect, and which of its dates that is."""
    if changer.effective:
        return changer.effective, "实施日期"
    return changer.published, "发布日期"
