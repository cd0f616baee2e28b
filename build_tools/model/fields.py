"""The field table: the one source of truth for the record format.

Each :class:`Field` says what one front-matter key is called (in English and
Chinese), what type of value it takes, which kinds of record use it and which
require it, and how to explain it to an editor.  The validator, the JSON
Schema, the field reference in the docs and the wording of messages are all
generated from this table, so a field is added or changed here only.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field


class Choice(str, enum.Enum):
    """An enumerated value: canonical token plus the Chinese label editors see."""

    label: str
    aliases: tuple[str, ...]

    def __new__(cls, token: str, label: str, aliases: tuple[str, ...] = ()):
        obj = str.__new__(cls, token)
        obj._value_ = token
        obj.label = label
        obj.aliases = aliases
        return obj

    @classmethod
    def lookup(cls, text: str):
        """Find the member an editor meant: token, Chinese label or an alias."""
        return _choice_index(cls).get(text.strip())


@functools.cache
def _choice_index(cls: type[Choice]) -> dict[str, Choice]:
    """Every name of every member of an enumeration (pure, so memoised)."""
    return {name: m for m in cls for name in (m.value, m.label, *m.aliases)}


class Kind(Choice):
    """What a record is."""

    POLICY = ("policy", "政策文件", ("政策", "文件"))
    INTERPRETATION = ("interpretation", "政策解读", ("解读",))
    BUDGET = ("budget", "部门预算", ("预算",))
    FINAL_ACCOUNT = ("final-account", "部门决算", ("决算", "final_account"))
    ANNUAL_REPORT = ("annual-report", "年度报告", ("年报", "annual_report", "政府信息公开工作年度报告"))
    NOTICE = ("notice", "通知公告", ("通知", "公告"))


class DocType(Choice):
    """文种 of a policy: decides whether an interpretation is required."""

    RULE = ("规章", "规章", ("rule",))
    NORMATIVE = ("行政规范性文件", "行政规范性文件", ("规范性文件", "normative_doc"))
    OTHER = ("其他文件", "其他文件", ("其他", "other"))


class Validity(Choice):
    """有效性 as written by the editor (尚未生效 is derived, never written)."""

    IN_FORCE = ("现行有效", "现行有效", ("有效", "in_force"))
    AMENDED = ("已修改", "已修改", ("已被修改", "amended"))
    PARTIALLY_INVALID = ("部分失效", "部分失效", ("partially_invalid",))
    REPEALED = ("已废止", "已废止", ("废止", "repealed"))
    EXPIRED = ("已失效", "已失效", ("失效", "expired"))


class Disclosure(Choice):
    """公开方式, fixed when the document is drafted."""

    PROACTIVE = ("主动公开", "主动公开", ("proactive",))
    ON_REQUEST = ("依申请公开", "依申请公开", ("on_request",))
    WITHHELD = ("不予公开", "不予公开", ("withheld",))


class InterpretationForm(Choice):
    """解读形式."""

    TEXT = ("文字", "文字", ("文字解读",))
    GRAPHIC = ("图解", "图解", ("图片解读", "一图读懂"))
    VIDEO = ("视频", "视频", ("视频解读", "动画"))
    QA = ("问答", "问答", ("问答解读",))
    PRESS = ("新闻发布会", "新闻发布会", ("发布会",))


class FieldType(enum.Enum):
    """The shape of a field's value, as an editor writes it."""

    LINE = "line"            # one line of text
    TEXT = "text"            # text, may span lines
    NAMES = "names"          # one name, or a list of names
    TAGS = "tags"            # a list of short texts
    DATE = "date"
    YEAR = "year"
    CHOICE = "choice"
    INDEX_NO = "index_no"
    DOC_NO = "doc_no"
    CATEGORY = "category"
    REFS = "refs"            # a list of index numbers
    PATHS = "paths"          # a list of file paths relative to the record
    STATISTICS = "statistics"  # the tables of an annual report (build_tools.annual_report)
    FIGURES = "figures"      # budget / final-account figures: a mapping (build_tools/fiscal.py)


ALL_KINDS = frozenset(Kind)
FISCAL_KINDS = frozenset({Kind.BUDGET, Kind.FINAL_ACCOUNT})


@dataclass(frozen=True, slots=True)
class Field:
    """One front-matter key of the record format."""

    key: str
    """Canonical English snake_case key."""
    alias: str
    """Chinese name editors may write instead of ``key``."""
    type: FieldType
    label: str
    """Chinese label shown on pages and in messages."""
    help: str
    """One or two Chinese sentences for the docs and hints."""
    example: object
    kinds: frozenset[Kind] = ALL_KINDS
    """Kinds of record that use this field; giving it on another kind is an error."""
    required_for: frozenset[Kind] = frozenset()
    choices: type[Choice] | None = None
    default: Choice | None = None
    extra_required: Mapping[Kind, str] = field(default_factory=dict)
    """Kinds for which the field is required only in some cases, with the case in words."""

    @property
    def display(self) -> str:
        """How messages name the field: 「发布日期」(published)."""
        return f"「{self.label}」({self.key})"

    @property
    def none_is_absent(self) -> bool:
        """Whether a value saying there is none (无, —, 暂无) means the field was left out: an optional field holding a
        fact (发文字号, a date, 主题词, 内容概述, 附件).  Not a required field (its value is missing), not a choice
        (公开方式 无 says none of them), not a reason (不公开理由 无 is no legal basis: ``empty-field``)."""
        return not self.required_for and self.key not in ("withheld_reason", "interpretation_exempt") \
            and self.type not in (FieldType.CHOICE, FieldType.STATISTICS, FieldType.FIGURES)


FIELDS: tuple[Field, ...] = (
    Field("index_no", "索引号", FieldType.INDEX_NO, "索引号",
          "信息在目录中的唯一编号，发布后不得更改，废止后也不得重复使用。格式由配置 index_no_pattern 规定。",
          "015200371/2024-00012", required_for=ALL_KINDS),
    Field("title", "标题", FieldType.LINE, "标题", "信息的完整名称，写在一行内。",
          "江川省交通运输厅关于进一步规范道路客运班线经营许可的通知", required_for=ALL_KINDS),
    Field("kind", "类型", FieldType.CHOICE, "类型",
          "记录的类别：政策文件、政策解读、部门预算、部门决算、年度报告、通知公告。",
          "policy", required_for=ALL_KINDS, choices=Kind),
    Field("doc_type", "文种", FieldType.CHOICE, "文种",
          "政策文件的文种：规章、行政规范性文件或其他文件。规章和行政规范性文件必须主动公开，并需要政策解读。",
          "行政规范性文件", kinds=frozenset({Kind.POLICY}), required_for=frozenset({Kind.POLICY}),
          choices=DocType),
    Field("issuer", "发文机关", FieldType.NAMES, "发文机关",
          "发文的机关全称；联合发文时写成列表。", "江川省交通运输厅", required_for=ALL_KINDS),
    Field("doc_no", "发文字号", FieldType.DOC_NO, "发文字号",
          "例如 江交规〔2024〕3号。[2024]、(2024)、（2024）会被视为 〔2024〕。没有文号的信息不填。",
          "江交规〔2024〕3号"),
    Field("category", "主题分类", FieldType.CATEGORY, "主题分类",
          "配置 categories 中的分类名称，二级分类写作 一级/二级，例如 工业、交通/公路。",
          "工业、交通/道路运输", required_for=ALL_KINDS),
    Field("written", "成文日期", FieldType.DATE, "成文日期",
          "文件签发的日期。主动公开的 20 个工作日时限从这一天起算。", "2024-09-20"),
    Field("published", "发布日期", FieldType.DATE, "发布日期",
          "信息向社会公开的日期。发布日期在今天之后的记录不会出现在网站上。", "2024-09-27",
          required_for=ALL_KINDS),
    Field("effective", "实施日期", FieldType.DATE, "实施日期",
          "文件开始施行的日期；在今天之后时，网站显示“尚未生效”。", "2024-11-01"),
    Field("expires", "有效期至", FieldType.DATE, "有效期至",
          "文件有效期的最后一天；过了这一天仍标为“现行有效”会被报告。", "2029-10-31"),
    Field("validity", "有效性", FieldType.CHOICE, "有效性",
          "现行有效（默认）、已修改、部分失效、已废止、已失效。“尚未生效”由实施日期自动得出，不要填写。",
          "现行有效", choices=Validity, default=Validity.IN_FORCE),
    Field("disclosure", "公开方式", FieldType.CHOICE, "公开方式",
          "主动公开（默认）、依申请公开、不予公开。只有主动公开的记录会出现在网站上。",
          "主动公开", choices=Disclosure, default=Disclosure.PROACTIVE),
    Field("withheld_reason", "不公开理由", FieldType.TEXT, "不公开理由",
          "依申请公开或不予公开时必须写明法律依据，例如 条例第十六条第二款（过程性信息）。",
          "《政府信息公开条例》第十六条第二款，过程性信息",
          extra_required={Kind.POLICY: "公开方式不是主动公开时"}),
    Field("keywords", "主题词", FieldType.TAGS, "主题词", "若干个主题词，写成列表。",
          ["道路客运", "行政许可"]),
    Field("summary", "内容概述", FieldType.TEXT, "内容概述",
          "一两句话概括信息内容，显示在列表和搜索结果中。", "规范道路客运班线经营许可的申请条件和办理流程。"),
    Field("interprets", "解读对象", FieldType.REFS, "解读对象",
          "本解读所解读的政策文件的索引号列表。政策文件页面会自动显示指向本解读的链接。",
          ["015200371/2024-00012"], kinds=frozenset({Kind.INTERPRETATION}),
          required_for=frozenset({Kind.INTERPRETATION})),
    Field("interpretation_form", "解读形式", FieldType.CHOICE, "解读形式",
          "文字、图解、视频、问答或新闻发布会。", "文字",
          kinds=frozenset({Kind.INTERPRETATION}), choices=InterpretationForm),
    Field("interpretation_exempt", "免于解读理由", FieldType.TEXT, "免于解读理由",
          "需要解读的文种却不作解读时，必须写明理由。", "本文件仅调整执行期限，内容未作修改。",
          kinds=frozenset({Kind.POLICY})),
    Field("amends", "修改", FieldType.REFS, "修改",
          "本文件修改的文件的索引号列表。被修改的文件应标为“已修改”。", ["015200371/2021-00008"],
          kinds=frozenset({Kind.POLICY})),
    Field("repeals", "废止", FieldType.REFS, "废止",
          "本文件废止的文件的索引号列表。被废止的文件应标为“已废止”。", ["015200371/2019-00003"],
          kinds=frozenset({Kind.POLICY})),
    Field("fiscal_year", "年度", FieldType.YEAR, "年度",
          "预算、决算或年度报告所属的年度。", 2024,
          kinds=frozenset({Kind.BUDGET, Kind.FINAL_ACCOUNT, Kind.ANNUAL_REPORT}),
          required_for=frozenset({Kind.BUDGET, Kind.FINAL_ACCOUNT, Kind.ANNUAL_REPORT})),
    Field("approved", "批复日期", FieldType.DATE, "批复日期",
          "财政部门批复预算或决算的日期；应在批复后 20 日内公开。", "2024-02-05",
          kinds=FISCAL_KINDS, required_for=FISCAL_KINDS),
    Field("statistics", "统计数据", FieldType.STATISTICS, "统计数据",
          "年度报告的统计表：主动公开（表二第（五）（六）（八）项）、依申请公开（表三）、行政复议和行政诉讼（表四），"
          "以及由 catalogue annual-report 计算写入的第二十条第（一）项和正文的本年发布件数。写法见编辑指南《年度报告》。",
          {"主动公开": {"行政许可": 3862}}, kinds=frozenset({Kind.ANNUAL_REPORT})),
    Field("figures", "预决算数据", FieldType.FIGURES, "预决算数据",
          "部门预决算公开表格中的数字：收入、支出、支出功能分类、三公经费（本年和上年）、机关运行经费；"
          "决算另填数量（出国团组、车辆、接待批次等）。单位万元（公开表格以元为单位的写 单位: 元，或在配置中写 fiscal_unit: 元），"
          "保留两位小数。写法见《编辑指南》“预决算数据”。",
          {"单位": "万元", "三公经费": {"因公出国（境）费": "12.00", "公务用车购置费": "0.00",
                                  "公务用车运行费": "86.40", "公务接待费": "18.60", "合计": "117.00"},
           "机关运行经费": "1236.58"},
          kinds=FISCAL_KINDS),
    Field("change_note", "修订说明", FieldType.LINE, "修订说明",
          "修改已发布的记录时，用一句话说明改了什么（例如 更正第三条中的联系电话）。"
          "记录页面的“本页修订记录”按提交日期列出每次填写的说明；首次发布时不填。",
          "更正附件中的联系电话。"),
    Field("attachments", "附件", FieldType.PATHS, "附件",
          "附件文件的路径列表，相对于本记录文件，文件必须放在 catalogue/ 中。",
          ["2024-budget-sangong.csv"]),
)

FIELDS_BY_KEY: Mapping[str, Field] = {f.key: f for f in FIELDS}
FIELDS_BY_NAME: Mapping[str, Field] = {
    **{f.key: f for f in FIELDS}, **{f.alias: f for f in FIELDS}}
FREE_TEXT: tuple[str, ...] = tuple(f.key for f in FIELDS if f.type in (FieldType.LINE, FieldType.TEXT, FieldType.TAGS))
"""The fields an editor writes as free text (标题, 内容概述, 修订说明, 主题词 …), shown on pages, in lists,
feeds, the search index and the open data: no withheld file's name may stand in them."""
