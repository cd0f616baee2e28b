"""From the labels of a page to the fields of a record, with a report of each step.

Every label is accounted for: mapped (info), guessed from a related label
(warning, saying from what), kept as a comment because the record format has
no such field (warning), or reported as the web page's own data (info).  A
required field that cannot be had is written as the placeholder
:func:`~build_tools.model.writing.placeholder` (``（待填写：索引号）``, the form
``catalogue new`` writes) and reported as an error, so the record loads and
``catalogue check`` reports it (``placeholder-unfilled``) until an editor fills it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..config import CatalogueConfig
from ..diagnostics import Problem, problem
from ..model.fields import FIELDS, FIELDS_BY_KEY, Disclosure, DocType, FieldType, Kind, Validity
from ..model.values import NORMATIVE_NUMBER, RULE_NUMBER, parse_date, parse_doc_no, says_none
from ..model.writing import PLACEHOLDER, placeholder
from ..disclosure_notes import marked_not_public
from ..hanzi import simplified
from .labels import LABELS, How
from .openness import chosen
from .metadata import PICTURED, Seen

def is_placeholder(value: object) -> bool:
    """Whether a value (or any item of a list) is still a placeholder."""
    items = value if isinstance(value, list) else [value]
    return any(isinstance(v, str) and PLACEHOLDER.search(v) for v in items)

_DATE_IN_TEXT = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?", re.ASCII)
_YEAR_IN_TITLE = re.compile(r"(\d{4})\s*年", re.ASCII)
_ISSUER_SUFFIX = r"(?:人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|厅|局|委|署|院|部|办|中心)"
_ISSUER_IN_TITLE = re.compile(rf"^(?:[(（]\d{{4}}年?[)）])?\s*(.{{2,30}}?{_ISSUER_SUFFIX})(?:关于|印发|转发|\d{{4}}年|政府网站|$)")
_ISSUER_LINE = re.compile(rf"^[\u4e00-\u9fff（）()]{{2,40}}{_ISSUER_SUFFIX}(?:[（(]章[）)])?$")
_DOC_NO_ALONE = re.compile(r"[(（]?(\S{1,16}[〔\[【(（［]\d{4}[〕\]】)）］]\d{1,5}[号號])[)）]?")
_KEYWORD_SPLIT = re.compile(r"[\s,，、;；]+")

_KIND_WORDS = ((("解读",), Kind.INTERPRETATION), (("年度报告", "年报"), Kind.ANNUAL_REPORT),
               (("决算",), Kind.FINAL_ACCOUNT), (("预算",), Kind.BUDGET),
               (("通知公告", "公告公示", "公示", "公告"), Kind.NOTICE))
_DOC_TYPE_WORDS = ((("规章",), DocType.RULE), (("规范性文件",), DocType.NORMATIVE))


@dataclass(slots=True)
class Mapped:
    """The record's values as they will be written, and what the import did to get them."""

    file: str
    values: dict[str, object] = field(default_factory=dict)
    comments: list[str] = field(default_factory=list)
    """YAML comment lines: originals that were normalised, labels without a field."""
    problems: list[Problem] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)

    @property
    def kind(self) -> Kind:
        return self.values.get("kind", Kind.POLICY)  # type: ignore[return-value]

    def report(self, code: str, line: int | None, key: str | None, message: str, hint: str = "") -> None:
        self.problems.append(problem(code, self.file, line, key, message, hint))


def _label(seen: Seen) -> str:
    return f"「{seen.key}」"


_CN_DATE = re.compile(r"([〇○◯零ＯOo0一二三四五六七八九\d]{4})\s*年\s*([一二三四五六七八九十\d]{1,3})\s*月"
                      r"\s*([一二三四五六七八九十\d]{1,3})\s*日")
"""A date in Chinese numerals (二〇二四年三月五日), as 公文 wrote dates before GB/T 9704-2012 and twenty years
of legacy pages still show them; ○, 零, the letter O and the digit 0 stand for 〇 in many, and a year or
a day may be in digits beside the rest in numerals (二〇二三年3月5日)."""
_YEAR_DIGITS = str.maketrans("〇○◯零ＯOo一二三四五六七八九", "0000000123456789")


def arabic_dates(text: str) -> str:
    """``text`` with each date in Chinese numerals written in digits (2024年3月5日), by cn2an."""
    def digits(m: re.Match) -> str:
        year, month, day = m.groups()
        if all(c.isascii() and c.isdigit() for c in year + month + day):
            return m.group(0)
        import cn2an  # only for pages that have such a date (88 ms to import)

        def number(part: str) -> str:
            return part if part.isdigit() and part.isascii() else str(cn2an.cn2an(part, "smart"))
        return f"{year.translate(_YEAR_DIGITS)}年{number(month)}月{number(day)}日"
    return _CN_DATE.sub(digits, text) if _CN_DATE.search(text) else text


_CJK_GAP = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e]) +(?=[\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e])")


def one_line(text: str) -> str:
    """A title, issuer or summary on one line: a line break (``<br>``) between two Chinese characters or
    marks is no space (江川省交通运输厅关于<br>加强…), between other words one space."""
    return _CJK_GAP.sub("", " ".join(text.split()))


def _date(text: str):
    m = _DATE_IN_TEXT.search(unicodedata.normalize("NFKC", arabic_dates(text)))
    return parse_date(f"{m.group(1)}-{m.group(2)}-{m.group(3)}") if m else "应写作 2024-03-05 或 2024年3月5日"


def _disclosure(text: str) -> Disclosure | None:
    """公开方式 as legacy pages write it (不公开, 依申请, 公开, 依申請公開 …), or None when it cannot be told."""
    text = simplified(unicodedata.normalize("NFKC", text)).strip()
    # a 保密审查 note beside the value (主动公开（不涉密）, 非内部) says nothing withheld: not read as 涉密 or 内部
    text = re.sub(r"[(（]?(?:不涉密|非涉密|不涉及(?:国家)?秘密|非内部|不是内部)[)）]?", "", text).strip(" ,，、")
    choice = Disclosure.lookup(text)
    if choice is not None:
        return choice
    offered = [m for m in _CHOICES.finditer(text)]
    if len(offered) > 1 or _MARKS.search(text):
        # A form's every choice (■主动公开 □依申请公开 □不予公开, 依申请公开√ 主动公开, a select's options): the
        # ticked one, else nothing (the placeholder): 依申请 among them had made every such page 依申请公开, and
        # a mark after its choice had ticked the next one (two reviews).
        one = chosen(text)
        return _disclosure(one) if one is not None and not _MARKS.search(one) else None
    if "依申请" in text:
        return Disclosure.ON_REQUEST
    if any(w in text for w in ("不公开", "不予公开", "不予", "免于公开", "免予公开", "涉密", "内部")):
        return Disclosure.WITHHELD
    # 公开形式 names where a page was published (网站, 政府公报, 主动公开（网站）, 依职权主动公开): published is public
    # (a review found every page of a template given the placeholder for 公开形式 | 网站)
    text = _MEDIA.sub("", text).strip(" ,，、;；/()（）和及") if _MEDIA.search(text) else text
    if text in ("", "公开", "主动", "主动公开", "全文公开", "社会公开", "向社会公开", "面向社会", "全社会", "面向全社会"):
        return Disclosure.PROACTIVE
    return None


_MEDIA = re.compile(r"依职权|(?:政府|门户)?网站|网上|互联网|政府公报|公报|新闻发布会|发布会|报刊|报纸|广播电视|广播|电视"
                    r"|政务(?:新)?媒体|新媒体|政务微博|微博|微信(?:公众号)?|客户端|公告栏|公开栏|电子显示屏|政务服务中心"
                    r"|档案馆|图书馆|查阅(?:场所|点)")
"""Where a page was published, as 公开形式 names it."""
_UNRENDERED = re.compile(r"\{\{.*?\}\}|\$\{.*?\}|<%.*?%>|#\{.*?\}")
"""A template's field a page saved before its script ran still shows ({{item.gkfs}})."""


def unanswered(value: str) -> bool:
    """Whether a value is no answer: a form's choices with none ticked (a search filter labelled 公开方式：
    on every page, a review found), or a template's field never filled ({{…}})."""
    if _UNRENDERED.search(value):
        return True
    marks = _MARKS.findall(value)
    return bool(marks) and not any(m in "☑☒✔✓√■●◉▣✅" for m in marks)


_CHOICES = re.compile(r"主动公开|依申请公开|依申请|不予公开|不公开|免予公开|部分公开")
_MARKS = re.compile(r"[☑☒✔✓√■●◉▣✅□☐○◯◻▢]")


def _kind_from(text: str) -> Kind | None:
    found = Kind.lookup(text)
    if found:
        return found
    for words, kind in _KIND_WORDS:
        if any(w in text for w in words):
            return kind
    return None


_TITLE_KINDS = (
    (re.compile(r"解读$|^(?:解读|图解|一图读懂|政策问答)|答记者问$"), Kind.INTERPRETATION),
    (re.compile(r"信息公开(?:工作)?(?:年度报告|年报)$"), Kind.ANNUAL_REPORT),  # not 法治政府建设年度报告, 统计年报
    (re.compile(r"决算(?:公开|说明|情况说明|报告|表|公开说明)?$|决算的说明$"), Kind.FINAL_ACCOUNT),
    (re.compile(r"预算(?:公开|说明|情况说明|报告|表|公开说明)?$|预算的说明$"), Kind.BUDGET),
    (re.compile(r"(?:公告|公示|通告)$"), Kind.NOTICE),
)
"""A title's own subject, at its end (2024年部门预算, 《…》政策解读, …工作年度报告, 关于…的公示): a word in its middle
(关于全面实施预算绩效管理的实施意见, 政策解读工作规定) had made 行政规范性文件 budgets and interpretations (a review)."""
_TITLE_TAIL = re.compile(r"(?:\s|[（(【\[][^（(）)】\]]*[）)】\]])+$")


def _kind_from_title(title: str, doc_no: str) -> Kind | None:
    """The kind a title names (None: a policy), unless the 发文字号 is a 规章's (令) or 规范性文件's (规〔…〕)."""
    found = Kind.lookup(title)
    if found:
        return found
    if RULE_NUMBER.search(doc_no) or NORMATIVE_NUMBER.search(doc_no):
        return None
    subject = _TITLE_TAIL.sub("", unicodedata.normalize("NFKC", title).strip()).rstrip("》」”\"'")
    return next((kind for rx, kind in _TITLE_KINDS if rx.search(subject)), None)


def _category(value: str, config: CatalogueConfig) -> str | None:
    text = unicodedata.normalize("NFKC", value).strip().replace("\\", "/").replace(" ", "")
    if text in config.allowed_categories:
        return text
    ends = [c for c in config.categories if c.split("/")[-1] == text]
    return ends[0] if len(ends) == 1 else None


def map_labels(file: str, labels: list[Seen], unknown: list[Seen], config: CatalogueConfig) -> Mapped:
    """Fill a record's values from the page's labels; every label is reported or used."""
    m = Mapped(file)
    for seen in labels:
        target = LABELS[seen.key]
        if target.how is How.SITE:
            m.report("import-label-ignored", seen.line, None,
                     f"{_label(seen)}{'「' + seen.value + '」' if seen.value else ''}属于原网站页面，没有导入。")
            continue
        if target.how is How.UNUSED or target.key is None:
            if seen.value:
                m.comments.append(f"原网页{_label(seen)}：{seen.value}")
                m.report("import-label-unused", seen.line, None,
                         f"{_label(seen)}「{seen.value}」在记录格式中没有对应字段，已写在元数据的注释中。")
            else:
                m.report("import-label-ignored", seen.line, None, f"{_label(seen)}没有填写内容。")
            continue
        key = target.key
        if not seen.value:
            m.report("import-label-ignored", seen.line, key, f"{_label(seen)}在原网页上没有填写内容。")
            continue
        if FIELDS_BY_KEY[key].none_is_absent and says_none(seen.value):  # 文号：无 is no 文号 (a review)
            m.report("import-label-ignored", seen.line, key,
                     f"{_label(seen)}在原网页上写的是「{seen.value.strip()}」，即没有{FIELDS_BY_KEY[key].label}，没有导入。")
            continue
        if PICTURED.fullmatch(seen.value):
            if key == "disclosure":  # a stamp image (ysqgk.gif) says something the import cannot read
                m.comments.append(f"原网页{_label(seen)}：{seen.value}")
                _leave_disclosure(m, seen.line,
                                  f"原网页的{_label(seen)}是一张没有文字说明的图片（{seen.value.strip()}），导入时读不出它"
                                  "写的是什么",
                                  "看原网页上的这张图片，填写 主动公开、依申请公开 或 不予公开（不予公开时另写不公开理由）。")
            else:
                m.report("import-label-ignored", seen.line, key,
                         f"{_label(seen)}在原网页上是一张图片，没有文字说明（{seen.value.strip()}），没有导入。",
                         "看原网页上的图片，把它写的内容填进记录。")
            continue
        if key == "disclosure" and unanswered(seen.value):
            m.report("import-label-ignored", seen.line, key,
                     f"{_label(seen)}「{seen.value[:40]}」是没有选中任何一项的选择框或没有填上的模板字段（如网站的检索条件），"
                     "不是这一页的公开方式，没有导入。")
            continue
        if key == "disclosure" and key in m.values and _disclosure(seen.value) != _disclosure(str(m.values[key])):
            # Two answers to whether the page is public (a column's default above the page's own): never the
            # more open one (a review); the editor decides, and the record stays off the site until then.
            m.comments.append(f"原网页{_label(seen)}：{seen.value}")
            _disclosure_undecided(m, seen.line, f"原网页的公开方式有两个不同的取值（「{m.values[key]}」与"
                                                f"{_label(seen)}「{seen.value}」）")
            continue
        if key in m.values and key not in ("keywords",):
            if m.values[key] != seen.value:
                m.comments.append(f"原网页{_label(seen)}：{seen.value}")
                m.report("import-label-unused", seen.line, key,
                         f"{_label(seen)}「{seen.value}」与前面已读取的{FIELDS_BY_KEY[key].display}重复，"
                         "已写在元数据的注释中。")
            else:
                m.report("import-mapped", seen.line, key, f"{_label(seen)}与前面读取的取值相同。")
            continue
        _map_one(m, seen, key, target.how, target.source, config)
    for seen in unknown:
        if seen.value:
            m.comments.append(f"原网页「{seen.key}」：{seen.value}")
        m.report("import-label-unused", seen.line, None,
                 f"原网页的标签「{seen.key}」{'「' + seen.value + '」' if seen.value else ''}没有对应的字段"
                 f"{'，已写在元数据的注释中' if seen.value else ''}，请核对。")
    return m


def _disclosure_undecided(m: Mapped, line: int | None, why: str) -> None:
    """公开方式 left to the editor because the page may not be public (``why``)."""
    _leave_disclosure(m, line, f"{why}，看来这一页可能不是主动公开的",
                      "核对原系统中这一页的公开属性后填写：主动公开、依申请公开或不予公开（不予公开时另写不公开理由）。")


def _leave_disclosure(m: Mapped, line: int | None, why: str, hint: str) -> None:
    """公开方式 left to the editor: the placeholder, an error (the record is not published until it is filled)."""
    if "disclosure" not in m.placeholders:
        m.placeholders.append("disclosure")
    m.values["disclosure"] = placeholder(FIELDS_BY_KEY["disclosure"].label)
    m.report("import-unmapped", line, "disclosure",
             f"{why}：记录中的公开方式写入了占位文字，填写前这条记录不会出现在网站上。", hint)


def keep_off(m: Mapped, said: str, line: int, where: str = "原网页") -> None:
    """The page says somewhere that it is not public (:mod:`.openness`, or the document's own 附注 or 密级 in
    its body, ``where`` 记录正文): unless its labels gave 依申请公开 or 不予公开 already, 公开方式 is left to
    the editor."""
    keep_off_because(m, f"{where}第 {line} 行写有「{said}」", line if where == "原网页" else None)


def keep_off_because(m: Mapped, why: str, line: int | None = None) -> None:
    """公开方式 left to the editor for ``why`` (said in words), unless the labels gave 依申请公开 or 不予公开."""
    if m.values.get("disclosure") in (Disclosure.ON_REQUEST.value, Disclosure.WITHHELD.value):
        return
    if "disclosure" in m.placeholders:
        return
    was = m.values.get("disclosure")
    _disclosure_undecided(m, line, why + (f"，与导入的公开方式「{was}」不一致" if was else ""))


def _map_one(m: Mapped, seen: Seen, key: str, how: How, source: str, config: CatalogueConfig) -> None:
    value = seen.value.strip()
    f = FIELDS_BY_KEY[key]
    where = _label(seen)
    if key == "index_no":
        m.values[key] = value
        m.report("import-mapped", seen.line, key, f"{f.display}取自{where}「{value}」，按原样保留。")
        if not config.index_no_pattern.match(value):
            m.report("import-index-no-pattern", seen.line, key,
                     f"索引号「{value}」不符合配置的格式 index_no_pattern，按原样保留（索引号发布后不得更改）。",
                     f"配置的格式：{config.index_no_pattern.pattern}；请在 mkdocs.yml 中配置本机关的编号方式。")
    elif key == "doc_no":
        d = parse_doc_no(value)
        m.values[key] = d.normalised
        if d.normalised != value:
            m.comments.append(f"原网页{where}：{value}")
            m.report("import-mapped", seen.line, key,
                     f"{f.display}取自{where}「{value}」，按规范写法写作「{d.normalised}」（原文写在注释中）。")
        else:
            m.report("import-mapped", seen.line, key, f"{f.display}取自{where}「{value}」。")
    elif f.type is FieldType.DATE:
        day = _date(value)
        if isinstance(day, str):
            m.comments.append(f"原网页{where}：{value}")
            m.report("import-label-unused", seen.line, key, f"{where}「{value}」不是可识别的日期（{day}），已写在注释中。",
                     f"核对原网页后在记录中填写{f.display}，写作 2024-03-05。")
            return
        m.values[key] = day.isoformat()
        if how is How.GUESSED:
            m.report("import-guessed", seen.line, key,
                     f"{f.display}由{source}「{value}」推断为 {day.isoformat()}，请核对正式的发布日期。")
        else:
            m.report("import-mapped", seen.line, key, f"{f.display}取自{where}「{value}」，写作 {day.isoformat()}。")
    elif key == "validity":
        text = value.replace(" ", "")
        if text == "尚未生效":
            m.report("import-mapped", seen.line, key,
                     f"{where}「尚未生效」由实施日期自动得出，不写入「有效性」。")
            return
        choice = Validity.lookup(text) or {"已失效": Validity.EXPIRED, "已修订": Validity.AMENDED}.get(text)
        if choice is None:
            m.comments.append(f"原网页{where}：{value}")
            m.report("import-label-unused", seen.line, key,
                     f"{where}「{value}」不是「有效性」的取值（现行有效、已修改、部分失效、已废止、已失效），已写在注释中。")
            return
        m.values[key] = choice.value
        m.report("import-mapped", seen.line, key, f"{f.display}取自{where}「{value}」，写作「{choice.value}」。")
    elif key == "doc_type":
        choice = DocType.lookup(value)
        guessed = choice is None
        if guessed:
            choice = next((d for words, d in _DOC_TYPE_WORDS if any(w in value for w in words)), DocType.OTHER)
        m.values[key] = choice.value
        if guessed or how is How.GUESSED:
            m.comments.append(f"原网页{where}：{value}")
            m.report("import-guessed", seen.line, key,
                     f"{f.display}由{where}「{value}」推断为「{choice.value}」，请核对。",
                     "规章、行政规范性文件需要政策解读并必须主动公开；其他文件不需要。")
        else:
            m.report("import-mapped", seen.line, key, f"{f.display}取自{where}「{value}」。")
    elif key == "kind":
        kind = _kind_from(value)
        if kind is None:
            m.comments.append(f"原网页{where}：{value}")
            m.report("import-label-unused", seen.line, key,
                     f"{where}「{value}」看不出是哪一类记录，已写在注释中；类型由标题推断。")
            return
        m.values[key] = kind
        m.report("import-guessed", seen.line, key, f"{f.display}由{where}「{value}」推断为「{kind.label}」，请核对。")
    elif key == "category":
        name = _category(value, config)
        if name is None:
            m.comments.append(f"原网页{where}：{value}")
            m.report("import-label-unused", seen.line, key,
                     f"{where}「{value}」不是配置 categories 中的主题分类，已写在注释中。")
            return
        m.values[key] = name
        if name.split("/")[-1] != unicodedata.normalize("NFKC", value).strip().replace("\\", "/").split("/")[-1] \
                or "/" in name and "/" not in value.replace("\\", "/"):
            m.report("import-guessed", seen.line, key,
                     f"{f.display}由{where}「{value}」对应为配置中的「{name}」，请核对。")
        else:
            m.report("import-mapped", seen.line, key, f"{f.display}取自{where}「{value}」，写作「{name}」。")
    elif key == "keywords":
        words = [w for w in _KEYWORD_SPLIT.split(value) if w]
        old = list(m.values.get(key, []))  # type: ignore[arg-type]
        m.values[key] = old + [w for w in words if w not in old]
        m.report("import-mapped", seen.line, key, f"{f.display}取自{where}「{value}」。")
    elif key == "disclosure":
        choice = _disclosure(value)
        if choice is None:
            # Never guessed as 主动公开: a page that says anything else about its openness stays off the
            # site until the editor decides (the placeholder is reported by catalogue check).
            m.comments.append(f"原网页{where}：{value}")
            m.values[key] = placeholder(f.label)
            m.placeholders.append(key)
            m.report("import-unmapped", seen.line, key,
                     f"{where}「{value}」看不出是主动公开、依申请公开还是不予公开，记录中写入了占位文字，"
                     "填写前这条记录不会出现在网站上。", "写 主动公开、依申请公开 或 不予公开（不予公开时另写不公开理由）。")
            return
        m.values[key] = choice.value
        if choice.label == value.strip():
            m.report("import-mapped", seen.line, key, f"{f.display}取自{where}「{value}」。")
        else:
            m.report("import-guessed", seen.line, key, f"{f.display}由{where}「{value}」推断为「{choice.label}」，请核对。")
    else:  # title, issuer, summary: text as written (one line)
        text = one_line(value)
        m.values[key] = text
        m.report("import-mapped", seen.line, key, f"{f.display}取自{where}「{text}」。")


@dataclass(frozen=True, slots=True)
class Clues:
    """What else on the page can stand in for a missing label."""

    titles: tuple[tuple[str, str, int | None], ...] = ()
    """(text, where, line): the page heading, the portal's title line, ``<title>``."""
    body: tuple[str, ...] = ()
    dates: tuple[tuple[str, str, int | None], ...] = ()
    """(date text, where, line) from chrome lines such as 「2017-05-15 12:03 来源：…」."""


def guess(m: Mapped, clues: Clues) -> None:
    """Guess what the labels did not give (each guess reported with what it rests on)."""
    titles = [t for t in clues.titles  # not Word's <title> 江交规〔2024〕5号, nor a 密级 mark above the title (秘密★1年)
              if not _DOC_NO_ALONE.fullmatch(t[0].strip()) and marked_not_public(t[0]) is None]
    if "title" not in m.values and titles:
        text, where, line = titles[0]
        text = one_line(text)
        m.values["title"] = text
        m.report("import-guessed", line, "title", f"「标题」取自{where}「{text}」，请核对。")
    title = str(m.values.get("title", ""))
    if "issuer" not in m.values:
        guess = _issuer_from(title, clues.body)
        if guess:
            m.values["issuer"] = guess[0]
            m.report("import-guessed", None, "issuer", f"「发文机关」由{guess[1]}推断为「{guess[0]}」，请核对。")
    if "doc_no" not in m.values:
        for line in [ln.strip(" \u3000*#") for ln in clues.body if ln.strip(" \u3000*#")][:4]:
            found = _DOC_NO_ALONE.fullmatch(line)
            if found:
                d = parse_doc_no(found.group(1))
                m.values["doc_no"] = d.normalised
                m.report("import-guessed", None, "doc_no",
                         f"「发文字号」取自正文开头的一行「{line}」，写作「{d.normalised}」，请核对。")
                break
    if "kind" not in m.values:
        kind = _kind_from_title(title, str(m.values.get("doc_no", ""))) or Kind.POLICY
        m.values["kind"] = kind
        m.report("import-guessed", None, "kind",
                 f"「类型」由标题推断为「{kind.label}」，请核对。" if kind is not Kind.POLICY
                 else "原网页没有写明信息类别，「类型」按政策文件导入，请核对。")
    kind = m.kind
    if kind is Kind.POLICY and "doc_type" not in m.values:
        doc_no = str(m.values.get("doc_no", ""))
        if RULE_NUMBER.search(doc_no):
            m.values["doc_type"] = "规章"
            m.report("import-guessed", None, "doc_type", f"「文种」由发文字号「{doc_no}」（令）推断为「规章」，请核对。")
        elif NORMATIVE_NUMBER.search(doc_no):
            m.values["doc_type"] = "行政规范性文件"
            m.report("import-guessed", None, "doc_type",
                     f"「文种」由发文字号「{doc_no}」中的“规”字推断为「行政规范性文件」，请核对。")
    if "published" not in m.values and clues.dates:
        text, where, line = clues.dates[0]
        day = _date(text)
        if not isinstance(day, str):
            m.values["published"] = day.isoformat()
            m.report("import-guessed", line, "published",
                     f"「发布日期」由{where}「{text}」推断为 {day.isoformat()}，请核对。")
    if kind in (Kind.ANNUAL_REPORT, Kind.BUDGET, Kind.FINAL_ACCOUNT) and "fiscal_year" not in m.values:
        y = _YEAR_IN_TITLE.search(title)
        if y:
            m.values["fiscal_year"] = int(y.group(1))
            m.report("import-guessed", None, "fiscal_year", f"「年度」由标题中的「{y.group(0)}」推断为 {y.group(1)}。")


def finish(m: Mapped, unsaid: str | None = None) -> None:
    """Move fields the kind does not take to comments; fill every missing required field with the placeholder,
    and 公开方式 where the page did not say it: with ``unsaid`` (the office's ``--disclosure``), else the placeholder.

    A record without 公开方式 is 主动公开, so a page that did not say it would be published on a guess: a
    review found pages marked 依申请公开 in ways no reading finds (traditional characters, a field named in
    pinyin, a value written by a script, the article saved apart from its page by a browser)."""
    kind = m.kind
    if "disclosure" not in m.values:
        if unsaid is not None:
            m.values["disclosure"] = unsaid
            m.report("import-guessed", None, "disclosure",
                     f"原网页没有写公开方式，按命令中的 --disclosure 写作「{unsaid}」。")
        else:
            m.values["disclosure"] = placeholder(FIELDS_BY_KEY["disclosure"].label)
            m.placeholders.append("disclosure")
            m.report("import-unmapped", None, "disclosure",
                     "原网页没有写公开方式，记录中写入了占位文字，填写前这条记录不会出现在网站上。",
                     "核对原系统中这一页的公开属性后填写：主动公开、依申请公开或不予公开；这批网页都是原网站上公开的，"
                     "可以在导入时加 --disclosure 主动公开。")
    # fields the kind does not take: kept as comments, never silently dropped
    for key in list(m.values):
        f = FIELDS_BY_KEY[key]
        if kind not in f.kinds:
            value = m.values.pop(key)
            m.comments.append(f"原网页的{f.label}：{value}（{kind.label}不使用这个字段）")
            m.report("import-label-unused", None, key,
                     f"{f.display}「{value}」不适用于{kind.label}，已写在注释中。")
    for f in FIELDS:
        if kind in f.required_for and f.key not in m.values:
            text = placeholder(f.label)
            m.values[f.key] = [text] if f.type is FieldType.REFS else text
            m.placeholders.append(f.key)
            m.report("import-unmapped", None, f.key,
                     f"原网页中找不到{f.display}，记录中写入了占位文字“{text}”，请填写。",
                     f"{f.help} 例如：{_example(f)}")


def _example(f) -> str:
    ex = f.example
    return "、".join(map(str, ex)) if isinstance(ex, list) else str(ex)


def _issuer_from(title: str, body: tuple[str, ...]) -> tuple[str, str] | None:
    """The issuing organ from the signature above the date at the end of the body, else from the title."""
    lines = [ln.strip(" \u3000*#") for ln in body if ln.strip(" \u3000*#")]
    for i in range(len(lines) - 1, max(len(lines) - 8, 0), -1):
        if _DATE_IN_TEXT.fullmatch(arabic_dates(lines[i].replace(" ", ""))) and i > 0 and _ISSUER_LINE.match(lines[i - 1]):
            return re.sub(r"[（(]章[）)]$", "", lines[i - 1]), "正文末尾的落款"
    m = _ISSUER_IN_TITLE.match(title)
    if m:
        return m.group(1), "标题"
    return None
