"""The metadata labels legacy pages carry, and what each becomes in a record.

One table: a label as pages write it (spaces removed: 「索 引 号」 is 索引号)
→ the record field it fills and how sure that is.  ``MAPPED`` copies the value
(normalised through :mod:`build_tools.model.values`); ``GUESSED`` derives a
field from a related one (效力级别 → 文种) and is reported as a guess;
``UNUSED`` has no field and is kept as a comment; ``SITE`` belongs to the web
page, not the document (浏览次数), and is reported as not imported.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass

from ..hanzi import simplified


class How(enum.Enum):
    MAPPED = "mapped"
    GUESSED = "guessed"
    UNUSED = "unused"
    SITE = "site"


@dataclass(frozen=True, slots=True)
class Target:
    """What one label becomes."""

    key: str | None
    """The field (``build_tools.model.fields``) it fills; ``None`` for UNUSED and SITE labels."""
    how: How
    source: str = ""
    """For a guess: what the value is derived from, in words for the report."""


_M, _G, _U, _S = How.MAPPED, How.GUESSED, How.UNUSED, How.SITE

LABELS: dict[str, Target] = {
    # gov.cn table, law portal and local CMS headers (DOMAIN.md §2)
    "索引号": Target("index_no", _M), "标题": Target("title", _M), "名称": Target("title", _M),
    "文件名称": Target("title", _M), "信息名称": Target("title", _M),
    "发文字号": Target("doc_no", _M), "文号": Target("doc_no", _M), "文件编号": Target("doc_no", _M),
    "发文机关": Target("issuer", _M), "发布机构": Target("issuer", _M), "发布部门": Target("issuer", _M),
    "发布单位": Target("issuer", _M), "发文单位": Target("issuer", _M), "制发机关": Target("issuer", _M),
    "成文日期": Target("written", _M), "发文日期": Target("written", _M), "发布日期": Target("published", _M), "公开日期": Target("published", _M),
    "发布时间": Target("published", _M),
    "添加时间": Target("published", _G, "添加时间（信息加入网站的时间）"),
    "生成日期": Target("published", _G, "生成日期"),
    "实施日期": Target("effective", _M), "施行日期": Target("effective", _M),
    "有效期至": Target("expires", _M), "废止日期": Target(None, _U),
    "时效性": Target("validity", _M), "信息有效性": Target("validity", _M), "有效性": Target("validity", _M),
    "效力状态": Target("validity", _M),
    "效力级别": Target("doc_type", _G, "效力级别"), "文种": Target("doc_type", _M),
    "信息分类": Target("kind", _G, "信息分类"),
    "主题分类": Target("category", _M), "法规类别": Target("category", _M),
    "关键字": Target("keywords", _M), "关键词": Target("keywords", _M), "主题词": Target("keywords", _M),
    "内容概述": Target("summary", _M), "摘要": Target("summary", _M),
    "公开方式": Target("disclosure", _M), "公开属性": Target("disclosure", _M), "公开形式": Target("disclosure", _M),
    "公开类型": Target("disclosure", _M), "公开范围": Target("disclosure", _M),
    "信息公开方式": Target("disclosure", _M), "公开属性分类": Target("disclosure", _M),
    # no field in the record format: kept as comments, reported
    "公文种类": Target(None, _U), "组配分类": Target(None, _U), "体裁分类": Target(None, _U),
    "公开时限": Target(None, _U), "发布文号": Target("doc_no", _M),
    "服务对象": Target(None, _U), "所属机构": Target(None, _U),
    # what the office's system said of openness in other words: kept as comments; the net for pages that are
    # not public (openness.py) reads their values (是否公开：否 gets the placeholder)
    "是否公开": Target(None, _U), "密级": Target(None, _U), "公开标识": Target(None, _U),
    # the web page, not the document
    "浏览次数": Target(None, _S), "访问次数": Target(None, _S), "点击数": Target(None, _S),
    "阅读次数": Target(None, _S), "阅读": Target(None, _S), "来源": Target(None, _S), "字号": Target(None, _S),
    "字体": Target(None, _S), "日期": Target(None, _S),
}

_SPACE = re.compile(r"[\s\u3000\u00a0]+")
COLONS = ":：∶︰"
"""What ends a label: a colon, full width or not, or the ratio sign ∶ and ︰ that input methods give for one."""


def label_key(text: str) -> str:
    """A label as written (「索 引 号：」, 【发文字号】, 【發文字號】) → its table key (索引号)."""
    text = simplified(unicodedata.normalize("NFKC", text))
    return _SPACE.sub("", text).strip("【】[]" + COLONS)


def _spaced(label: str) -> str:
    return r"[ \t\u3000\u00a0]*".join(re.escape(c) for c in label)


_ALT = "|".join(_spaced(k) for k in sorted(LABELS, key=len, reverse=True))
LAW_PORTAL_LABEL = re.compile(rf"【\s*({_ALT})\s*】")
"""A law-portal label: 【发文字号】."""
COLON_LABEL = re.compile(rf"(?<![\w\u4e00-\u9fff])({_ALT})[ \t\u3000\u00a0]*[{COLONS}]")
"""A label followed by a colon: 「索 引 号：」, 「发布机构:」 (not inside another word)."""
ANY_BRACKET = re.compile(r"【([^】\n]{1,12})】")


def find_labels(text: str) -> list[tuple[str, str, int]]:
    """Every ``(label key, value, offset)`` in one line of text, in order.

    Values run to the next label; law-portal 【】 labels and ``label：`` forms
    both count, so several labels on one line are split correctly.  Labels in
    traditional characters (發文字號：) are found too; values are as written.
    """
    simple = simplified(text)
    read = simple if len(simple) == len(text) else text  # same offsets, or as written
    hits = []
    for rx in (LAW_PORTAL_LABEL, COLON_LABEL):
        for m in rx.finditer(read):
            if not any(s <= m.start() < e for s, e, _ in hits):
                hits.append((m.start(), m.end(), label_key(m.group(1))))
    hits.sort()
    out = []
    for i, (start, end, key) in enumerate(hits):
        stop = hits[i + 1][0] if i + 1 < len(hits) else len(text)
        out.append((key, text[end:stop].strip(" \t\u3000\u00a0|" + COLONS).strip(), start))
    return out
