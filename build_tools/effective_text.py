"""The day a document's own text says it takes effect: ``本细则自2025年4月1日起施行``.

Every 规章 and 规范性文件 ends with that article (a 规章's 令 says it too: ``现予公布，自…起施行``), in the fixed
legislative wording, so it reads reliably where the record's 实施日期 (``effective``) is a date typed by hand: a year
typed wrong (2026-04-01 for 2025) showed the document as 尚未生效 for a year, and one left out showed it as
现行有效 before it took effect (a review).  :func:`own_effective` gives what the text says, for the check
``effective-contradicts-body``.

Only the document's own sentence counts, never another document's date it quotes: the sentence must name the
document as ``本…`` (本办法, 本细则, 本通知) with the word its title ends with (or, for a notice issuing a document,
the issued document's: ``关于印发《…细则》的通知``), or be a 令's ``现予公布，自…``.  ``原《…》（2015年3月1日起施行）
同时废止`` names no ``本``; a 修改决定 whose body carries the amended text too (its ``本办法自2010年…起施行``) is
read by its ``本决定``.  A text giving two different days for its own (``本通知自印发之日起施行`` over
``本细则自2025年4月1日起施行``) says nothing sure, and nothing is read; nor is a draft's (征求意见稿), a day proposed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_DOC_WORDS = ("办法", "规定", "细则", "条例", "规则", "决定", "通知", "意见", "方案", "规划", "措施", "制度", "标准",
              "准则", "规范", "纲要", "公告", "通告", "命令", "令", "目录", "清单", "指引", "指南", "导则", "规程",
              "守则", "须知", "要点", "计划", "基准", "章程")
"""The words a document names itself by after 本 (本办法, 本实施细则 ends with 细则)."""
_CN_DIGIT = "〇○◯零Ｏ一二三四五六七八九"
_YEAR_DIGITS = str.maketrans(_CN_DIGIT, "00000123456789")
"""A year's figures in Chinese numerals, one by one (二〇二六, 二○二六 with the circle for 〇)."""
_WIDE_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_DATE = (rf"(?P<year>[0-9{_CN_DIGIT}]{{4}})\s*年\s*(?P<month>[0-9]{{1,2}}|十[一二]?|[一二三四五六七八九])\s*月"
         r"\s*(?P<day>[0-9]{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*日")
_NOW = r"(?P<now>(?:公布|发布|印发|颁布|签发|下发|发文|公告|通过)之日)"
_SENTENCE = re.compile(rf"(?:本(?P<word>[\u4e00-\u9fff]{{1,6}}?)|(?P<order>现予(?:公布|发布|印发))[，,]?\s*)"
                       rf"自\s*(?:{_DATE}|{_NOW})\s*起?\s*(?:施行|实施|执行|生效|试行)")
"""``本细则自2025年4月1日起施行``, ``本办法自二〇二六年二月一日起施行``, ``本通知自印发之日起施行``,
``现予公布，自2025年4月1日起施行``: the date in digits, full-width digits (read as digits) or Chinese numerals."""
_ISSUED = re.compile(r"关于(?:印发|发布|公布|颁布)《?(.+?)》?的(?:通知|决定|公告|令)$")
"""A notice issuing a document of its own, its name in 《》 or not (关于印发江川省…管理办法的通知: its 办法's sentence
was not read, and the cover letter's 本通知自印发之日起施行 was taken for the 办法's day: a review)."""
_FORWARDED = re.compile(r"转发")
"""A notice forwarding another organ's document: the sentences it carries are that document's (本通知自…, a 部令's
现予公布，自…), not the notice's (a review found them read as its own)."""
_CONSOLIDATED = re.compile(r"[（(]\s*\d{4}\s*年\s*修正\s*[）)]|修正本|根据[^。\n]{2,80}修正")
"""A consolidated text (修正本, （2026年修正）, 根据《…的决定》修正): its 施行 article is the original's day, the record's
实施日期 the amendment's (a review found the original's advised).  Not a 修订 (a text revised whole states its new
day in its article)."""
_TITLE_TAIL = re.compile(r"(?:\s|[（(【\[][^（(）)】\]]*[）)】\]]|[》」”\"'。])+$")
"""What may follow a title's own word: （试行）, (2025年修订), a closing quote."""
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_DRAFT = re.compile(r"征求意见稿|草案|送审稿|讨论稿")
"""A draft put out for comment: the day its text names is proposed, not the day it takes effect."""
_ARTICLE = re.compile(r"^[\s>*]*(第[一二三四五六七八九十百零〇]+条)")


@dataclass(frozen=True, slots=True)
class EffectiveSentence:
    """Where a document's text says the day it takes effect."""

    day: dt.date | None
    """The day, or None for the day it is made public (``自公布之日起施行``, ``自印发之日起施行``)."""
    text: str
    """The sentence as written, on one line: ``本细则自2025年4月1日起施行``."""
    line: int
    """0-based line of the body where it starts."""
    article: str | None
    """The article it is in (``第十条``), when its line opens one."""


def own_effective(body: str, title: str) -> EffectiveSentence | None:
    """The document's own 施行 sentence in ``body``, or None when it has none or gives its own day twice, differently."""
    if _DRAFT.search(title) or _FORWARDED.search(title) or _CONSOLIDATED.search(title + body[:400]):
        return None
    own = _own_words(title)
    found: dict[dt.date | None, EffectiveSentence] = {}
    text = body.translate(_WIDE_DIGITS)  # one character for one: offsets are the body's
    if "<!--" in text:  # the page does not show an old draft's article left in a comment
        text = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    for m in _SENTENCE.finditer(text):
        word = m.group("word")
        if word is not None and not (word.endswith(own) if own else word.endswith(_DOC_WORDS)):
            continue
        day = None if m.group("now") else _day(m.group("year"), m.group("month"), m.group("day"))
        if day is None and not m.group("now"):
            continue  # 2月30日: no day
        if day not in found:
            at = text.rfind("\n", 0, m.start()) + 1
            article = _ARTICLE.match(text[at:m.start()])
            found[day] = EffectiveSentence(day, "".join(body[m.start():m.end()].split()), body.count("\n", 0, m.start()),
                                           article.group(1) if article else None)
    return next(iter(found.values())) if len(found) == 1 else None


def _own_words(title: str) -> tuple[str, ...]:
    """The words the document calls itself by after 本: its title's (通知), and the issued document's for a notice
    issuing one (细则); () when the title ends with none (any document word is then its own)."""
    title = "".join(title.split())
    words = [w for w in _DOC_WORDS if _TITLE_TAIL.sub("", title).endswith(w)]
    issued = _ISSUED.search(title)
    if issued:
        words += [w for w in _DOC_WORDS if _TITLE_TAIL.sub("", issued.group(1)).endswith(w)]
    return tuple(words)


def _day(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year.translate(_YEAR_DIGITS)), _number(month), _number(day))
    except ValueError:
        return None


def _number(text: str) -> int:
    """1 to 31 in digits or Chinese numerals (十二, 二十一, 三十)."""
    if text.isdigit():
        return int(text)
    digits = "一二三四五六七八九"
    if "十" not in text:
        return digits.index(text) + 1
    tens, _, ones = text.partition("十")
    return (digits.index(tens) + 1 if tens else 1) * 10 + (digits.index(ones) + 1 if ones else 0)
