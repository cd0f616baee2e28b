"""Names that say a file is not public: a folder's (依申请公开/, 内部资料/) or a file's own (…答复（依申请公开）.md).

Offices file what they withhold in folders named for it and name files as their shared drives do; a record filed so
without a disclosure line, and a public record's attachment filed so, were published (reviews).  Read by the
validator (``filed-not-public``, ``attachment-filed-not-public``), by the withheld-title check and, for the members of a
ZIP attachment, by :mod:`build_tools.attachments`.
"""

from __future__ import annotations

import re

from .values import clean_code


_WITHHOLDING_WORDS = ("不予公开", "不予公開", "不公开", "不公開", "非公开", "非公開", "免予公开", "免予公開", "不予主动公开",
                      "不予主動公開", "非主动公开", "非主動公開", "不对外公开", "不對外公開", "暂不公开", "暫不公開", "暂缓公开",
                      "暫緩公開", "不宜公开", "不宜公開", "内部资料", "內部資料", "内部文件", "內部文件", "涉密")
"""The words that say a thing is not public, a folder's (暂缓公开/) or a file's (…（暂缓公开）.md): one list for both (a
review found 暂缓公开/, 不对外公开/, 非主动公开/ published, the file-name list knowing them and the folder list not)."""
_CLASSIFIED_WORDS = ("绝密", "机密", "秘密", "絕密", "機密", "保密")
"""A 密级 (GB/T 9704) and 保密: what a folder of documents kept secret is named (机密/, 保密/: a review found them
published, baomi/ caught).  Not a topic (保密工作/, 机密文件管理办法.md: guidance on keeping secrets is public)."""
_WORDS = "|".join(sorted(_WITHHOLDING_WORDS + _CLASSIFIED_WORDS, key=len, reverse=True))
_DATE = r"(?:\d{1,8}(?:年度?|[-_.]\d{1,2}(?:[-_.]\d{1,2})?|年\d{1,2}月(?:\d{1,2}日?)?)?)"
"""A year or a date beside a folder's word: 2024, 2024年度, 2024-03, 2024.03.05, 2024年3月."""
_DATED = r"(?:" + _DATE + r"|[(【〔\[]" + _DATE + r"[)】〕\]])"
"""The same, or in brackets: 依申请公开（2024）/ (a review found it published, 依申请公开2024/ caught)."""

_NOT_PUBLIC_FOLDER = re.compile(r"(?:" + _DATED + r"(?:年度?|[-_. ])*)?(?:依申请(?:公开)?|依申請(?:公開)?|" + _WORDS
                                + r"|内部|內部|ysq|ysqgk|yishenqing|yishenqinggongkai|bygk|buyugongkai"
                                r"|neibu|bugongkai|feigongkai|shemi|neibuziliao|baomi"
                                r"|(?i:not[-_ ]?public|withheld|internal|on[-_ ]?request))"
                                r"(?:件|文件|信息|材料|资料|答复|回复|事项)?(?:[-_ ]?" + _DATED + r"?)?", re.IGNORECASE)  # NeiBu/, YSQ/ (a review)
"""A folder named for what is not public (依申请公开/, 依申请/, 不公开文件/, 内部资料/, 涉密文件/, 暂缓公开/, 机密/, ysq/,
withheld/, in pinyin too (neibu/, bugongkai/, shemi/: a review found them published), with a year or a date before or
after it, in brackets too: 依申请公开（2024）/): a record filed there is taken for one
(:meth:`_Validation._filed_not_public`); not internal-control/, 内部审计/ nor 保密工作/ (reviews)."""


def in_not_public_folder(path: str) -> bool:
    """Whether ``path`` lies in a folder named for what is not public (依申请公开/, 内部资料/, 02-不予公开/, a hidden
    .neibu/ too): the check's ``filed-not-public``, and what the withheld-title check takes a hidden record there for."""
    return any(names_not_public(part.lstrip(".")) for part in path.split("/")[:-1])


def names_not_public(folder: str) -> bool:
    """Whether a folder's name says what it holds is not public (:data:`_NOT_PUBLIC_FOLDER`, read as typed)."""
    return bool(_NOT_PUBLIC_FOLDER.fullmatch(clean_code(folder).text.replace(" ", "")))


def file_name_not_public(path: str, ends: bool = True) -> str | None:
    """The words of a record file's name that say it is not public, as a shared drive's names do (关于…的答复（依申请
    公开）.md, 不予公开_王某某信访事项答复.md): in brackets, or at its start or end apart by a mark; None when none
    (a review found such records published).  依申请公开 alone is also a column's name (依申请公开_申请表.md, 【依申请
    公开】办理流程图.md: public forms and guides, a later review): only a note at the name's end (…（依申请公开）) or
    one saying 此件 is read.  Chinese words only: a pinyin piece (ysq-…) may be a public form's."""
    stem = _COPY_SUFFIX.sub("", clean_code(path.rsplit("/", 1)[-1].rsplit(".", 1)[0]).text)  # …（依申请公开） - 副本
    bracketed = list(re.finditer(r"[(【\[〔]([^()【】\[\]〔〕]{2,16})[)】\]〕]", stem))
    pieces = [(m.group(1), m.end() == len(stem.rstrip()), True) for m in bracketed]
    words = [p for p in re.split(r"[_\-—\s.·、]+|[(【\[〔][^()【】\[\]〔〕]*[)】\]〕]", stem) if p]
    if len(words) > 1 and ends:
        pieces += [(words[0], False, False), (words[-1], True, False)]  # …答复－依申请公开.md: a note at its end (a review)
    for piece, at_end, in_brackets in pieces:
        m = _NOT_PUBLIC_NAME.fullmatch(piece.replace(" ", ""))
        # 依申请公开信息 is a list's name (附件2 依申请公开信息.csv: a later review), not a note
        if m is not None and (m["plain"] or m["said"] or at_end and not m["suffix"]
                              or m["classified"] and in_brackets):  # 名单（机密）.csv, not 机密文件管理办法.md
            return piece
    return None


_COPY_SUFFIX = re.compile(r"(?:\s*-\s*副本|\s*\(\d{1,3}\)|[_\-\s]v\d{1,3}|[_\-\s]?(?:副本|备份|修改稿|定稿))+$", re.IGNORECASE)
"""What a copy's name ends with (- 副本, (1), _v2): the name before it is read (a review found …（依申请公开） - 副本.md published)."""


_NOT_PUBLIC_NAME = re.compile(r"(?P<said>此件|本件)?(?:(?P<plain>"
                              + "|".join(sorted(_WITHHOLDING_WORDS, key=len, reverse=True)) + r")"
                              r"|依申请公开|依申請公開|(?P<classified>(?:密级:?)?[★☆*▲]?(?:"
                              + "|".join(_CLASSIFIED_WORDS) + r")(?:[★☆*▲]?(?:\d+个?(?:年|月|天)|启用前|长期|長期))?"
                              r"|注意保密|(?:仅|僅)?(?:供|限于?)?(?:内部|內部)(?:使用|参考|參考|参阅|參閱|传阅|傳閱|发行|發行)?))"
                              r"(?P<suffix>件|文件|信息|材料)?")
"""The words of a file's name that may say it is not public (not 内部 alone: 内部 控制手册; 依申请公开 read only as
:func:`file_name_not_public` says).  A 密级 or an internal mark (秘密★1年, 内部, 仅供内部参考: what the body's reader takes
for not public, :data:`build_tools.disclosure_notes._CLASSIFIED`) only in brackets, as a name carries it (人员名单（机密）.csv,
审核意见（内部）.csv: a review found them published), or said of the file (此件内部使用), or at a record file's name's end
apart by a mark (…通知_秘密.md); not in a title's words (保密工作管理办法.pdf, 机密文件管理办法.md)."""


def path_not_public(rel: str, own: frozenset[str] = frozenset(), *, hidden: bool = False,
                    ends: bool = True) -> str | None:
    """What in ``rel`` (a path below the catalogue) says the file is not public: a folder's name (not one of ``own``,
    the listing record's own folders, where the office said 主动公开; with ``hidden``, a hidden one's too: .neibu/)
    or the file's own words (without ``ends``, an attachment's, only a bracketed note or one saying 此件: 告知书样本_不予
    公开.csv is a blank form, a later review); None when nothing."""
    folder = next((p for p in rel.split("/")[:-1]
                   if p not in own and names_not_public(p.lstrip(".") if hidden else p)), None)
    if folder is not None:
        return f"放在文件夹“{folder}”中"
    named = file_name_not_public(rel, ends)
    return f"的文件名写着“{named}”" if named is not None else None
