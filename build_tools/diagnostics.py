"""Problems found in a catalogue, and the catalogue of problem codes.

Every problem the project reports — a broken YAML block, an unknown field, a
late interpretation — is one :class:`Problem` value with the file, line and key
it is about, a stable kebab-case ``code``, a severity and a plain-words Chinese
message for the editor who has to fix it.  Codes are a contract: CI scripts,
the JSON output and the configuration's ``severity`` overrides refer to them,
so a code is never renamed or reused.  The full list lives in :data:`CODES`
and is published in the docs (a test fails when one is undocumented).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace


class Severity(str, enum.Enum):
    """How bad a problem is: errors fail ``catalogue check`` and strict builds."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    """Not a problem: what was done, told so nothing happens silently (``catalogue import`` reports)."""


@dataclass(frozen=True, slots=True)
class Code:
    """One entry of the problem-code catalogue."""

    code: str
    severity: Severity
    title: str
    """Short Chinese title, used in summaries and the docs."""
    description: str
    """What the rule is and why it exists, in Chinese, for the docs."""
    phase: str
    """Which phase reports it: source, field, catalogue, link, compliance, config, view."""


def _codes(*entries: tuple[str, str, str, str, str]) -> dict[str, Code]:
    table: dict[str, Code] = {}
    for code, severity, phase, title, description in entries:
        assert code not in table, code
        table[code] = Code(code, Severity(severity), title, description, phase)
    return table


E, W, I = "error", "warning", "info"

#: Every problem code the project can report.  Order is the order of the docs.
CODES: Mapping[str, Code] = _codes(
    # --- reading a file -----------------------------------------------------
    ("not-utf8", E, "source", "文件不是 UTF-8 编码",
     "记录文件必须以 UTF-8 编码保存。Windows 记事本或 WPS 默认的 GBK/GB2312 编码会被拒绝，以免网站出现乱码。"
     "UTF-8 文件中只有几行是 GBK 编码时，指出这几行，只需重新输入它们；文件曾按错误的编码打开后保存留下的乱码"
     "（“�”或“姹熷窛鐪”这样的字）也作为此错误报告。"),
    ("empty-file", E, "source", "文件是空的", "记录文件没有任何内容。"),
    ("front-matter-missing", E, "source", "缺少元数据块",
     "记录文件必须以单独一行 `---` 开头，随后是 YAML 元数据，再以一行 `---` 结束。"),
    ("front-matter-unclosed", E, "source", "元数据块没有结束",
     "以 `---` 开头的元数据块必须以另一行 `---` 结束，正文写在它后面。"),
    ("yaml-tab", E, "source", "元数据中使用了制表符",
     "YAML 不允许用 Tab 键缩进，请改用空格。"),
    ("yaml-syntax", E, "source", "元数据格式错误", "元数据块不是有效的 YAML。"),
    ("yaml-duplicate-key", E, "source", "同一字段写了两次",
     "同一个字段在元数据中出现两次时，只能保留一个。YAML 解析器会悄悄丢掉前一个值，因此这里作为错误报告。"),
    ("yaml-alias", E, "source", "元数据中使用了锚点或别名",
     "记录的元数据不允许使用 YAML 锚点（&）和别名（*），请直接写出取值。这也防止了恶意的“YAML 炸弹”。"),
    ("yaml-too-deep", E, "source", "元数据嵌套过深", "记录的元数据只需要简单的字段和列表，不允许多层嵌套。"),
    ("front-matter-not-mapping", E, "source", "元数据不是“字段: 取值”的形式",
     "元数据块必须由一行行 `字段: 取值` 组成。"),
    ("file-too-large", E, "source", "文件过大", "记录文件超过了配置允许的大小（max_record_bytes）。大文件请作为附件上传。"),
    ("record-misnamed", E, "source", "记录文件的名字不以 .md 结尾",
     "内容是一条记录（以元数据块开头）的文件，名字不以 .md 结尾（如记事本加上的 .txt），不会被当作记录读取。"),
    ("not-a-record", W, "source", "目录中有不是记录的文件",
     "catalogue/ 中除 Markdown 记录外，只应放被记录「附件」引用的文件。"),
    ("record-hidden", W, "source", "记录文件藏在隐藏的文件或文件夹里",
     "以点开头的文件或文件夹（.neibu/、.x.md）是隐藏的，放在那里的记录多半是不想发布的。它们照样被读取："
     "不公开的记录的名称和附件照样受保护，索引号也不会被重新分配；但无论公开方式写的是什么，网站都不发布它们。"),
    ("outside-catalogue", E, "source", "文件或链接指向目录之外",
     "catalogue/ 中的符号链接不得指向目录之外，附件路径也不得离开 catalogue/。"),
    ("unreadable-file", E, "source", "文件无法读取", "读取文件时操作系统报错。"),
    ("unreadable-folder", E, "source", "文件夹无法读取",
     "记录目录中的一个文件夹无法读取（通常是权限不允许生成网站的账号读取）：其中的记录都没有读取，公开的不会发布，"
     "不公开的无从核对。有这个错误时网站不会生成（不论是否 --strict），原来的网站保持不变。"),
    # pasted text (Word, WPS, CMS pages): characters and markup that look right but are not
    ("unusual-character", E, "source", "元数据中有特殊的空白或控制字符",
     "元数据中用不换行空格、全角空格缩进，或含有行分隔符（U+2028）、换页符等控制字符时，YAML 会读错行或拒绝读取。"
     "问题会指出是哪一个字符，以及应改成什么。"),
    ("front-matter-in-body", E, "source", "元数据块提前结束",
     "正文开头出现了“字段: 取值”形式的行（例如 disclosure: 不予公开），通常是元数据中间多了一行 ---。"
     "这些字段不会生效，会被当作正文发布；公开方式写在正文里时，记录可能被错误地公开，因此作为错误报告。"
     "正文中间单独一行的“公开方式：不予公开”等也是这样：它是这份记录的公开方式，就移到元数据中；"
     "它说的是正文列出的其他信息（例如依申请公开目录的条目），就在行首加上说明文字（本项公开方式：…）。"),
    ("disclosure-inside-value", E, "source", "公开方式写进了上一个字段的取值",
     "多行取值（摘要: | 或 > 之后的缩进行，或跨行的文字）中出现了 disclosure: 不予公开 这样的行。"
     "它缩进在上一个字段下面，YAML 把它读成那段文字的一部分，公开方式没有生效，记录会被当作主动公开发布，"
     "因此作为错误报告，记录不会出现在网站上。"),
    ("marked-not-public", E, "field", "正文附注说文件不公开",
     "正文中有公文的附注“（此件依申请公开）”或“（此件不予公开）”，记录却没有写公开方式（默认主动公开）。"
     "从 Word 粘贴的公文带着它原来的公开属性，多半是忘了写公开方式，因此作为错误报告，记录不会出现在网站上。"),
    ("marked-not-public-but-proactive", W, "field", "正文附注说文件不公开，公开方式却是主动公开",
     "正文中有“（此件依申请公开）”或“（此件不予公开）”这样的附注，而公开方式写明是主动公开。"
     "可能是经审查转为主动公开；请核对，并删去或改写这条附注。"),
    ("disclosure-comment-not-public", E, "field", "公开方式这一行的注释说不公开",
     "公开方式写着主动公开，同一行 # 后面的注释却说不公开、依申请公开或暂不公开（例如 disclosure: 主动公开  # 待保密审查）。"
     "# 后面的文字不起作用，记录会被发布，因此作为错误报告，改正之前记录不会出现在网站上。"),
    ("value-cut-by-comment", E, "field", "取值中 # 后面的文字被当作注释",
     "在元数据中，空格后面的 # 开始一段注释，这一行其余的文字不属于取值（例如 title: 关于开展 #平安春运# 主题宣传活动的通知，"
     "网站上的标题只剩“关于开展”）。要让 # 成为取值的一部分，用引号把整个取值括起来；是备注的，写在单独的一行。"),
    ("disclosure-commented-out", E, "source", "公开方式写成了注释",
     "元数据中有以 # 开头的 disclosure: 依申请公开（或不予公开）这样的行，记录却没有真正的公开方式字段。"
     "以 # 开头的行是注释，不起作用，记录会被当作主动公开发布，因此作为错误报告，记录不会出现在网站上。"
     "catalogue new 把可选字段写成注释，改了取值却没有删去行首的 # 时就会这样。"),
    ("field-inside-value", W, "source", "字段写进了上一个字段的取值",
     "多行取值中出现了“已知字段名: 取值”这样的行。它多半是缩进错了的另一个字段，YAML 把它读成那段文字的一部分，"
     "这个字段没有生效。"),
    ("unclosed-html", E, "source", "正文中有没有结束的 HTML 标记",
     "从 Word 或网页复制的正文常带有 <style>、<div> 等标记；没有结束标记时，从它开始到正文末尾都会被当作 HTML，"
     "网页上的正文会变成空白或失去格式。"),
    ("body-unrenderable", E, "source", "正文中有会使网页生成中断的写法",
     "正文中以 < 开头却不完整的标记（例如 <![）会使生成网页的 HTML 解析器出错。"),
    ("body-includes-file", E, "source", "正文中有插入其他文件的写法",
     "以 --8<-- 开头的行（Markdown 扩展 pymdownx.snippets）、{!文件名!}（markdown-include、mdx_include）和"
     " {% include … %}（插件 include-markdown、mkdocs-macros）是插入其他文件的写法。网站启用它们时，被插入文件的"
     "内容会出现在公开页面上，却没有经过个人信息和不公开内容的检查，因此作为错误报告，记录不会出现在网站上。"),
    ("body-empty", E, "field", "记录没有正文",
     "记录的元数据之后没有正文，也没有附件（预决算的数据表、年度报告的统计数据也没有）：网站上这一页只有标题和元数据，"
     "一条空的政策解读还会被当作政策文件已有的解读。正文在附件中的，列出附件，并在正文写一句“正文见附件。”。"),
    ("body-hidden-text", W, "source", "正文中有粘贴来的隐藏文字",
     "正文中粘贴来的 HTML 用 display:none、visibility:hidden、Word 的隐藏文字（mso-hide:all）或批注、hidden 属性"
     "或 hidden、d-none 等类名隐藏了一段文字：在 Word 或原网站上看不到（多是内部意见、批注、经办人）。网站照浏览器"
     "的样子不显示它，开放数据和搜索中也没有它；确是要公开的，删去隐藏它的标签。"),
    ("body-pasted-markup", W, "source", "正文中粘贴的文字会被当作排版符号",
     "从 Word 或网页粘贴的文字里，有些写法在 Markdown 中另有含义，网页显示会与原文不同：行首缩进 4 个空格（或制表符）的段落"
     "显示成代码块（等宽字体、不换行，条款没有网址）；行首的 > 显示成引用，> 本身不见了（>7座）；一串下划线（填空用的 ____）"
     "被当作加粗标记而消失；文字间的星号（费率*里程*系数）使中间的文字变成斜体；行首条号的加粗没有结束（**第一条 为了……）时"
     "星号照原样显示，这一条也没有网址；Word 符号字体的字符（U+F0B7 等）"
     "显示成方框（Word 的常见项目符号网站会换成 •、● 等）；看不见的控制字符（Word 的手动换行 U+000B、分页符 U+000C 等）"
     "浏览器会显示成方框，网站把手动换行显示为换行，其他的不显示。"),
    ("body-footnote-broken", W, "source", "正文中的脚注写错了",
     "脚注的标记（正文中的 [^1]）要有对应的说明（另起一行的 [^1]: 文字），说明也要有标记。冒号前多了空格（[^2] : …）"
     "或用了中文冒号时，网页不把这一行当作脚注说明，而把它接在上一条脚注后面，正文中的 [^2] 照原样显示；"
     "没有标记的说明照样列在页末，它的返回链接却指向不存在的位置。"),
    ("body-heading-level-1", W, "source", "正文中有一级标题",
     "正文中以一个 # 开头的行（# 标题）是一级标题。网页的一级标题已经是记录的标题（title），正文再有一级标题，"
     "页面就有两个一级标题，读屏软件按标题浏览时会把它当作另一篇文件，目录也会把各章都收在它下面。"
     "如果它就是文件标题，删去这一行；否则改为二级标题（章用 ##，节用 ###）。"),
    # --- one field ----------------------------------------------------------
    ("unknown-field", E, "field", "未知字段", "元数据中出现了记录格式中没有的字段，通常是拼写错误。"),
    ("field-given-twice", E, "field", "同一字段同时用中文名和英文名填写",
     "每个字段可以写英文名（如 index_no）或中文名（如 索引号），但不能两个都写。"),
    ("missing-field", E, "field", "缺少必填字段", "这一类记录必须填写该字段。"),
    ("empty-field", E, "field", "字段没有填写内容", "字段写了名称却没有填写取值。"),
    ("field-says-none", W, "field", "字段写的是“无”",
     "没有文号、主题词、内容概述、成文日期等内容的信息，不填这一行。从原网站抄来的“无”“暂无”“—”“／”“空”按没有填写读取："
     "不显示在网站上，也不当作文号比较（两份都写“无”的文件不算文号重复）；删去这一行即可。"),
    ("placeholder-unfilled", E, "field", "还有待填写的占位文字",
     "catalogue new 写出的新记录中，只有编辑才知道的内容写成“（待填写：…）”。每一处都必须换成真实内容，"
     "否则记录不会出现在网站上。"),
    ("wrong-type", E, "field", "字段取值的形式不对", "例如应填一段文字的地方填了列表，或应填年份的地方填了文字。"),
    ("not-single-line", E, "field", "标题不能换行", "标题等字段必须写在一行之内。"),
    ("field-not-for-kind", E, "field", "该类记录不使用这个字段", "例如只有政策解读才填写「解读对象」。"),
    ("notice-looks-like-policy", W, "field", "通知公告看来是一份政策文件",
     "「类型」写的是通知公告（或“通知”“公告”），发文字号却是规章（…令第N号）或行政规范性文件（带“规”字，如 "
     "江交规〔2024〕3号）的文号，或标题是“关于印发《…办法》的通知”。“通知”是公文种类，印发规章、规范性文件的"
     "通知也是通知，但在目录中它是政策文件：作为通知公告，它不要求政策解读，不计入年度报告表二（一），"
     "也不受规章和行政规范性文件必须主动公开（条例第二十条第（一）项）的约束。"),
    ("invalid-choice", E, "field", "取值不在允许范围内", "字段只能填写规定的几个取值之一。"),
    ("invalid-date", E, "field", "日期无效", "日期必须是真实存在的日期，写成 2024-03-05、2024.03.05 或 2024年3月5日。"),
    ("invalid-year", E, "field", "年度无效",
     "年度必须是四位数字的年份，例如 2024，而且与记录的其他内容相符：年度报告、决算发布时，它的年度已经结束；"
     "年度报告标题中的年份（2024年政府信息公开工作年度报告）就是它的年度（复制上一年的记录时常常忘了改年度）；"
     "预算的年度与批复日期的年份相差不超过一年。"),
    ("date-order", E, "field", "日期先后顺序不合理", "例如实施日期早于成文日期，或发布日期早于成文日期。"),
    ("date-too-early", E, "field", "日期早于1949年10月1日",
     "成文日期、发布日期、实施日期、批复日期等早于1949年10月1日，不可能是本机关文件的日期，多半是年份写错了"
     "（1024-09-20 应为 2024-09-20）。从旧网站导入的记录也不会这样早。消息会按记录的其他日期和索引号中的年份说出最可能的年份。"),
    ("effective-far-after", E, "field", "实施日期比成文、发布日期晚十年以上",
     "实施日期比成文日期和发布日期晚十年以上，多半是年份写错了（2204-03-01 应为 2024-03-01）：网站会把文件显示为"
     "尚未生效，年度报告也不计入现行有效。消息会按记录的其他日期和索引号中的年份说出最可能的年份。"),
    ("effective-contradicts-body", W, "field", "实施日期与正文的施行日期不一致",
     "正文中文件自己的施行条款（“本办法自2025年4月1日起施行”，规章的令“现予公布，自…起施行”，日期也可以是"
     "二〇二五年四月一日这样的汉字）写的日期与实施日期不同；或者没有填写实施日期，施行条款却写着发布日期之后的一天"
     "（没有实施日期时按发布日期计算）；或者正文写“自公布之日起施行”，实施日期却不在成文日期和发布日期之间。"
     "网站显示的有效性（尚未生效、现行有效）和年度报告表二（一）的现行有效件数都按实施日期计算。"
     "只读文件称自己为“本…”的句子：引用的其他文件的日期（“原《…》同时废止”）、转发的文件、修改决定后附的修正文本"
     "的日期不比较；正文中自己的施行日期有两个不同的写法时也不比较。施行日期后来由其他文件改过的，实施日期照实填写，"
     "可以不理会这条提示。"),
    ("invalid-index-no", E, "field", "索引号格式不对", "索引号必须符合配置 index_no_pattern 规定的格式。"),
    ("index-no-check-character", E, "field", "索引号中的机构代码校验位不对",
     "索引号前缀的组织机构代码（GB 11714）或统一社会信用代码（GB 32100）的校验位不正确，通常是抄错了一位。"),
    ("index-no-agency", E, "field", "索引号前缀不是本机关的代码", "索引号前缀应为配置 agency_code 中本机关的代码。"),
    ("index-no-date-mismatch", W, "field", "索引号中的年份与日期不一致",
     "索引号中的年份（或日期）应与配置 index_no_date_field 指定的日期一致。"),
    ("doc-no-year-mismatch", W, "field", "发文字号中的年份与日期不一致",
     "发文字号方括号中的年份（江交规〔2024〕3号 的 2024）是发文的年份，应当是成文日期或发布日期的年份；"
     "不一致多半是复制旧记录时沿用了旧的文号。"),
    ("doc-no-format", W, "field", "发文字号格式不规范",
     "发文字号通常写作 机关代字〔年份〕序号号（GB/T 9704-2012），规章写作 …令第N号。"),
    ("doc-type-contradicts-doc-no", E, "field", "文种与发文字号矛盾",
     "规章以部门首长签署的命令公布，发文字号是 …令第N号；行政规范性文件和其他公文的文号写作 机关代字〔年份〕序号号。"
     "令号的记录文种写作行政规范性文件，或〔年份〕序号号的记录文种写作规章，两者必有一处写错：年度报告表二（一）"
     "会把它算在另一行，网站显示的文种也不对。不知道哪一处错了，所以改正之前记录不发布、不计入统计。"
     "2002年（规章制定程序条例施行）以前的文件和文种为其他文件的不检查。"),
    ("unknown-category", E, "field", "主题分类不在分类表中", "主题分类必须是配置 categories 中列出的名称之一。"),
    ("validity-derived", E, "field", "“尚未生效”不需要填写",
     "“尚未生效”由实施日期自动得出：实施日期在今天之后的记录，网站会自动显示为尚未生效。"),
    ("withheld-reason-missing", E, "field", "非主动公开缺少法定理由",
     "依申请公开或不予公开的信息必须在「不公开理由」中写明法律依据（条例第十四、十五、十六条等）。"),
    ("withheld-reason-but-proactive", E, "field", "写了不公开理由，却没有写公开方式",
     "记录写了「不公开理由」，却没有写公开方式（没有写时默认主动公开）。这多半是漏写了 disclosure 这一行；"
     "主动公开的记录会发布到网站上，因此作为错误报告，改正之前记录不会发布。“无”“/”“不涉及”这样的占位写法不算理由。"),
    ("filed-not-public", E, "field", "放在不公开的文件夹中，却没有写公开方式",
     "记录文件放在名为“依申请公开”“不予公开”“暂缓公开”“内部资料”“保密”“机密”（或 ysq、withheld 等）的文件夹中，"
     "或文件名带（依申请公开）（机密）（内部）这样的标注，却没有写公开方式"
     "（没有写时默认主动公开）。这多半是漏写了 disclosure 这一行；改正之前记录不会发布。"),
    ("withheld-reason-contradicts", E, "field", "公开方式写着主动公开，不公开理由却说不公开",
     "公开方式写明主动公开，「不公开理由」却写着不公开的依据（条例第十四、十五、十六条，或“不予公开”“依申请公开”"
     "“个人隐私”等）：两者必有一处写错。常见于新建记录时把模板中的两行都取消注释、只改写了理由。"
     "改正之前记录不会发布。"),
    ("withheld-reason-unused", W, "field", "主动公开的记录写了不公开理由",
     "公开方式写明主动公开，「不公开理由」不会用到。请确认公开方式是否写对，或删去不公开理由。"),
    ("disclosure-not-allowed", E, "field", "规章、规范性文件、预决算和年度报告必须主动公开",
     "依照《政府信息公开条例》第二十条第（一）项，规章和行政规范性文件必须主动公开；依照《预算法》第十四条，"
     "部门预算、决算必须主动公开，涉及国家秘密的除外（在不公开理由中写明“国家秘密”或“涉密”）；依照条例第四十九条、"
     "第五十条，政府信息公开工作年度报告向社会公布，必须主动公开（条例施行以前年度的报告不检查）。"),
    ("list-item-repeated", W, "field", "列表中同一项写了两次",
     "「发文机关」「解读对象」「修改」「废止」「附件」中同一项（同一机关、同一索引号、同一文件）写了两次，只算一次"
     "（在发文机关的列表和分类浏览中也只算一条）。"),
    ("attachment-location", W, "field", "照片带有拍摄地点",
     "附件中的照片记录了拍摄地点（EXIF 中的 GPS 位置），会随附件原样发布。拍摄地点常是拍摄人或当事人的住处；"
     "不需要公开的，去掉位置信息后再放进 catalogue/。照片的作者、说明、注释等文字中的身份证号码和手机号码另按个人信息检查。"),
    ("attachment-missing", E, "field", "附件文件不存在", "「附件」中列出的文件必须存在于 catalogue/ 中。"),
    ("attachment-filed-not-public", E, "field", "公开记录的附件放在不公开的文件夹中",
     "公开记录列出的附件放在名为依申请公开、不予公开、内部资料等的文件夹中，或文件名写着这几个字"
     "或带（机密）（内部）这样的标注：附件会随记录发布。"
     "可以公开的，移出这个文件夹或改名；不能公开的，从「附件」中删去。改正之前记录不发布。"),
    ("attachment-invalid-path", E, "field", "附件路径不允许",
     "附件路径必须是相对于记录文件的路径，不能是绝对路径，也不能用 .. 离开 catalogue/。"),
    # pasted text: coded values are normalised before matching, with a warning
    ("invisible-character", W, "field", "取值中有看不见的字符",
     "索引号、文号、日期、选项等取值中的零宽空格、不换行空格、BOM、软连字符、方向标记等看不见的字符会被删去后再比对，"
     "并指出字符的名称和位置，请在文件中删去它们。"),
    ("value-normalised", W, "field", "取值中的全角字符已按半角读取",
     "索引号、文号、日期、选项等取值中的全角数字、字母（如 ２０２４）按半角（2024）读取后再比对和查重，请改为半角。"),
    ("value-pasted-markup", W, "field", "取值中有从网站后台复制带来的网页代码",
     "标题、内容概述、发文机关、主题词等从旧网站后台或导出的表格复制时，常带着网页代码：&ldquo;、&rdquo;、&nbsp;、"
     "&#8220; 这样的字符引用，<br>、<font color=red> 这样的标记。网站把取值当作文字显示，这些代码会原样出现在页面、"
     "订阅源和开放数据中。字符引用按它代表的字符读取（&ldquo; 读作“），标记删去；消息给出读取的结果，请把取值改成这样。"),
    # --- the catalogue as a whole --------------------------------------------
    ("duplicate-index-no", E, "catalogue", "索引号重复", "索引号在整个目录中必须唯一，已废止、已失效的记录也不能重复使用。"),
    ("duplicate-output-path", E, "view", "两个页面的网址相同",
     "网站上每个网址只能有一个页面或文件。两条记录的页面、两个列表页或附件落在同一网址时，只生成先出现的一个，"
     "后一个不生成并报告此错误，不会悄悄覆盖。记录页的网址由索引号生成，列表页的网址由分类、发文机关等名称的摘要生成。"),
    ("index-number-changed", W, "view", "已公开记录的索引号改了",
     "记录页的网址由索引号生成。Git 历史显示这条记录曾以另一个索引号公开，旧网址可能已被引用："
     "网站在旧网址放一个转到现在页面的页面（不列入站点地图和搜索）。索引号一经公开不应再改。"
     "只有生成网站时读取 Git 历史，catalogue check 不读取。"),
    ("index-number-reused", E, "view", "公开用过的索引号又用于另一个文件",
     "Git 历史显示这个索引号曾是另一条记录公开时的索引号，那条记录后来改了索引号：旧网址现在显示的是另一份文件。"
     "索引号一经公开不得再用于其他文件。只有生成网站时读取 Git 历史，catalogue check 不读取。"),
    ("duplicate-doc-no", E, "catalogue", "发文字号重复",
     "两条记录的发文字号相同（〔2014〕、[2014]、（2014）视为同一写法）。"),
    ("duplicate-record", E, "catalogue", "同一份文件录入了两次",
     "两条公开的记录类别、标题、正文和附件都相同（空白和换行不计；附件内容相同、文件名不同的算相同），发布日期也相同，"
     "或者其中一个的文件名说明它是副本（“- 副本”“复件”“copy”“(1)”等）：多半是在资源管理器中复制出的副本或重复录入，"
     "发布了，网站会把它列出两次，首页、列表和年度报告的统计都会多算一条，所以副本（文件名是副本的，否则发布日期或索引号在后的）"
     "改正之前不发布，报告在它上面，删去它即可。标题相同而年份、发布日期或正文不同的（逐年的预算、每年同名的通知、修订后的文件）不报告。"),
    # --- links between records -----------------------------------------------
    ("unknown-reference", E, "link", "引用的索引号不存在",
     "「解读对象」「修改」「废止」中引用的索引号必须是目录中已有记录的索引号。"),
    ("reference-not-public", W, "link", "引用了不公开的记录",
     "公开的记录引用了依申请公开或不予公开的记录，网站上不会显示指向它的链接。"
     "（引用尚未发布的记录不报告：它发布后链接自动出现。）"),
    ("reference-names-not-public", E, "link", "公开的记录写出了不公开记录的名称",
     "公开的记录的标题、摘要或正文写出了它引用的依申请公开或不予公开记录的名称：链接不显示，名称却随本记录公开。"
     "改正之前，这条记录不会发布到网站上（不加 --strict 生成网站时也是如此）。"),
    ("withheld-attachment-named", W, "link", "公开的记录写出了不公开记录的附件名称",
     "公开的记录写出了依申请公开或不予公开记录的一个附件的名称（不带扩展名，如《张某某同志违纪问题调查报告》），"
     "附件以文件命名时，这就是那份文件的名称。只报告以“报告”“决定”“通知”等结尾、八个字以上的名称，不报告以别的机关"
     "开头的名称（转发的上级文件）和公开记录中也有的名称；同名的可能是另一份文件，所以是警告，记录照常发布。"),
    ("withheld-title-named", E, "link", "公开的记录写出了不公开记录的标题",
     "公开的记录的标题、摘要等文字或正文写出了依申请公开或不予公开记录的标题，"
     "虽然没有链接到它：那条记录不在网站上，名称却随本记录公开。公开记录中也有同一名称的，不报告。"
     "它列出的附件的文件名或附件里的文字（CSV、TXT 的各行，PDF 的各页、书签和文档属性，Word、Excel、WPS、OFD、"
     "压缩包里的文字，图片的说明信息）写出了这个标题的，也报告，报告在附件上。"
     "改正之前，这条记录（或列出这个附件的记录）不会发布到网站上（不加 --strict 生成网站时也是如此）。"),
    ("withheld-record-copied", E, "link", "公开的记录与不公开的记录正文相同",
     "公开的记录的正文与依申请公开或不予公开的记录一字不差（空白和换行不计），多半是那条记录的副本（在资源管理器中"
     "复制出的“副本”、改公开方式之前留下的旧稿）：它会把不公开的全文公开。改正之前，这条记录不会发布到网站上"
     "（不加 --strict 生成网站时也是如此）。"),
    ("interpretation-before-policy", E, "link", "解读早于所解读的政策文件发布",
     "解读的发布日期早于所解读的政策文件：政策文件公开之前，网站不发布这条解读（它会提前公开政策文件的名称和内容）。"),
    ("interpretation-titled-for-another", W, "link", "解读的标题写的是另一份政策文件",
     "政策解读的标题在《》中写的是目录中另一份公开的政策文件的标题（一字不差），而不是「解读对象」中的文件："
     "多半是复制另一条解读开始新的解读时，改了解读对象却没有改标题，或者解读对象写错了。政策文件的页面会列出一条"
     "以另一份文件命名的解读。只比较标题，不比较正文（正文常提到相关的文件）；《》中的名称是解读对象的标题的一部分"
     "或包含它（印发通知所印发的办法、修订后的名称），或那份文件与解读对象是修改、废止关系的，不报告。"
     "解读照样计入「解读对象」中的文件的解读期限。"),
    ("link-before-target", E, "link", "废止或修改的文件比本文件晚形成",
     "「废止」「修改」中的文件的成文日期晚于本文件的发布日期：一份文件不能废止或修改在它之后"
     "才形成的文件，多半是索引号写错了（常见的是年份）。那份文件没有成文日期时不比较（旧文件的发布日期可能是后来补录的日子）。消息会说出目录中最可能是所指的那份文件。改正之前，网站和年度报告"
     "表二（一）不采用这条关系（那份较晚的文件不算被废止或修改）。"),
    ("amends-repealed", W, "link", "修改的文件已经废止",
     "「修改」中的文件在本文件发布之前已被全部废止：多半是抄了旧的索引号，要修改的是现行的那份文件。"),
    ("wrong-reference-kind", E, "link", "引用的记录类型不对", "「解读对象」只能是政策文件；「修改」「废止」的对象也应是政策文件。"),
    ("self-reference", E, "link", "记录引用了自己", "记录不能解读、修改或废止它自己。"),
    ("reference-cycle", E, "link", "修改或废止关系形成循环", "例如甲修改乙、乙又修改甲。"),
    ("validity-conflict", E, "link", "有效性与其他记录的说法矛盾",
     "被已生效的文件废止的记录，有效性不能再是“现行有效”或“已修改”（只废止了部分条款的，写部分失效）。"
     "废止文件施行之前，检查会先以 repeal-ahead-unmarked 提示。"),
    ("repeal-ahead-unmarked", W, "link", "文件即将被废止，有效性还没有改",
     "废止本文件的文件已经在目录中，将在以后的某一天施行。现在就可以把「有效性」改为已废止：在那一天之前网站仍显示"
     "现行有效，从那一天起显示已废止；不改的话，那一天起检查会报告 validity-conflict 错误。"),
    ("issuer-resembles-agency", W, "field", "发文机关与本机关名称相近但不相同",
     "年度报告表二（一）只统计发文机关中有本机关（配置 agency）的规章和行政规范性文件，主动公开和政策解读的期限也只检查"
     "本机关制发的信息（联合发文、以前的名称 agency_former_names 也算）。发文机关与本机关名称只差几个字"
     "（简称、旧称、错字）时，这份文件不会计入、不检查期限，因此提示核对。明显是其他机关的（如省人民政府办公厅）不提示。"),
    ("repeal-undated", W, "link", "已废止或已失效，目录却不知道从哪天起",
     "规章、行政规范性文件的有效性写着已废止或已失效，目录中却没有废止它的文件，也没有「有效期至」："
     "年度报告表二（一）不知道它哪一年不再有效，因此在任何一年都不计入现行有效，也不计入哪一年的本年废止。"),
    # --- compliance on a given day (as_of) -------------------------------------
    ("missing-interpretation", E, "compliance", "缺少政策解读",
     "需要解读的文种（配置 interpretation_required，默认规章和行政规范性文件）公开后，须在规定工作日内发布解读；"
     "期限未到时报告为警告（待解读），逾期后为错误。确需免于解读的，填写「免于解读理由」。"),
    ("interpretation-pending", W, "compliance", "政策解读待发布",
     "需要解读的政策文件已公开，解读尚未发布，但还在期限之内。"),
    ("late-interpretation", E, "compliance", "政策解读发布逾期",
     "解读材料应于政策文件公开后规定的工作日内发布（默认 3 个工作日，配置 interpretation_deadline_workdays）。"
     "截止日之后发布即为逾期，其间只有休息日时也是如此（消息写作“逾期（截止日之后的休息日）”）。"),
    ("late-disclosure", E, "compliance", "主动公开逾期",
     "主动公开的政府信息应自形成之日起 20 个工作日内公开（《政府信息公开条例》第二十六条；配置 disclosure_deadline_workdays）。"
     "截止日之后发布即为逾期，其间只有休息日时也是如此；发布日期写在以后的（预先录入），截止日一过就报告。预决算和年度报告按各自的期限检查"
     "（late-fiscal-disclosure、annual-report-late：第二十六条“另有规定的，从其规定”）。"),
    ("late-fiscal-disclosure", E, "compliance", "预决算公开逾期",
     "部门预算、决算应在财政部门批复后 20 日内公开（《预算法》第十四条；配置 budget_deadline_days，自然日）。"
     "最后一天是节假日或休息日时顺延到其后第一个工作日（配置 budget_deadline_rolls_over_days_off）。"
     "发布日期写在以后的（预先录入），截止日一过就报告。"),
    # annual reports (issue 15): statistics as data, table 二（一） computed from the catalogue
    ("statistics-invalid", E, "field", "年度报告统计数据写法不对",
     "年度报告的「统计数据」(statistics) 只能包含规定的表和行，每个格子是一个不带单位的数字"
     "（行政事业性收费为万元金额），表三每行 7 个数字，表四每组 5 个数字。"),
    ("annual-report-unfilled", E, "compliance", "年度报告统计表还有空格",
     "由 catalogue annual-report 生成的草稿中留空的统计数字必须填写后才能发布。2021 年及以后的年度报告没有「统计数据」"
     "(statistics)、正文中也没有统计表时（表三、表四的数字目录无法计算），所属单位的年度报告没有写明自己的表二第（一）项"
     "时（目录不统计所属单位的文件），也报告此问题。"),
    ("annual-report-arithmetic", E, "compliance", "年度报告统计表的数字对不上",
     "表三：每列 一＋二＝三（七）＋四，三（七）等于（一）至（六）各行之和，总计列等于其他各列之和；"
     "表四：每组总计等于维持、纠正、其他、尚未审结之和（国办公开办函〔2021〕30号）。"),
    ("annual-report-carry-over-mismatch", E, "compliance", "年度报告的上年结转与上年报告的结转下年度不一致",
     "表三“二、上年结转”是上一年报告“四、结转下年度继续办理”的申请：两份报告都在目录中时逐列核对。"),
    ("annual-report-stale", W, "compliance", "年度报告中计算的数字与目录不再一致",
     "年度报告表二第（一）项（规章和行政规范性文件的制发、废止、现行有效件数）由目录计算。"
     "报告生成后目录又增加、废止了记录时，页面的表格和正文仍显示报告中写入的数字（已发布的报告不会悄悄改变），"
     "检查提示核对报告。"),
    ("annual-report-format", W, "compliance", "年度报告的年份不用 30号格式",
     "2021 年以前的年度报告（2019、2020 年按 2019 年试行格式，更早的按 2008 年《条例》时的格式）写了 statistics "
     "或【统计：表二】等标记：这些按 30号格式生成表格、核对数字，列和行都与那年的格式不同。"),
    ("annual-report-unknown-figure", E, "field", "正文中的统计标记名称不对",
     "年度报告正文中的【统计：名称】会被替换为由数据计算的数字或统计表；名称必须是编辑指南列出的名称之一。"
     "写在其他类型记录的正文中，或写在标题、内容概述中的标记不会被替换，会原样公开，也报告此问题。"),
    ("annual-report-missing", E, "compliance", "年度报告逾期未公开",
     "政府信息公开工作年度报告应于次年1月31日前（部门）或3月31日前（县级以上人民政府）公开"
     "（条例第四十九条；配置 annual_report_deadline）。2018年及以前的报告为次年3月31日。"
     "目录中有年度报告后，此后每一年都应有报告。"),
    ("annual-report-late", E, "compliance", "年度报告公开逾期",
     "年度报告的发布日期晚于条例第四十九条规定的期限（配置 annual_report_deadline）。"),
    ("published-far-future", E, "compliance", "发布日期在一年以后",
     "发布日期在检查日期一年以后，多半是年份写错了（2204-12-06 应为 2024-12-06）。发布日期没到的记录不会出现在网站上，"
     "已经公开的记录也会被撤下，直到那一天。消息会按记录的其他日期和索引号中的年份说出最可能的年份。"
     "要推迟公开的记录，发布日期写实际公开的那一天（一年之内）。索引号中的年份或成文日期与发布日期是同一年的，不报告"
     "（用 --as-of 查看过去某一天的目录时，之后发布的记录不是写错）。"),
    ("expired-still-in-force", W, "compliance", "有效期已过仍标为现行有效",
     "「有效期至」已过的文件，网站自次日起显示为已失效（按有效期计算，不必等人修改）；记录中的有效性应改为已失效，"
     "使记录与网站一致（有效期已延长的，改「有效期至」）。"),
    ("amended-not-marked", W, "compliance", "被修改的文件未标为已修改",
     "被已生效的文件修改的记录，有效性应改为已修改（或部分失效）。"),
    ("personal-id-number", E, "compliance", "公开信息中含有身份证号码",
     "公开的记录中出现了校验位正确的 18 位居民身份证号码（连写、按 6-8-4 或 6-4-4-4 用空格分组，"
     "或前有“身份证”“证件”等字样时用连字符分组），或前有这些字样、或在表格（含 HTML 表格和 CSV 附件）“身份证号”一列中的 15 位第一代身份证号码"
     "（出生日期有效）。个人信息不得公开（个人信息保护法、条例第十五条），请去标识化。"
     "改正之前，这条记录不会发布到网站上（不加 --strict 生成网站时也是如此），链接到它的地方只显示链接文字。"),
    ("attachment-not-checked", W, "compliance", "附件的文字无法读取，没有做个人信息检查",
     "一个公开记录的 PDF 附件读不出文字（大于 64 MB，用程序不支持的方式加密，扫描成图片，或字体没有文字编码）："
     "没有检查其中的身份证号码和手机号码，"
     "它的文字也不进入全文检索。附件照常发布，请人工核对。"),
    ("personal-mobile-number", E, "compliance", "公开信息中含有手机号码",
     "公开的记录中出现了 11 位手机号码（连写，或写成 139 1234 5678、139-1234-5678、(139) 1234 5678、+86 …，"
     "前有“电话”“手机”等字样时的 8613912345678）。"
     "确需公开的服务号码请加入配置 privacy_allowlist。改正之前，这条记录不会发布到网站上（不加 --strict 生成网站时也是如此）；"
     "配置 severity 把这一项改为 warning 时照常发布。"),
    ("calendar-data-missing", E, "compliance", "缺少工作日历数据",
     "计算工作日期限需要的年份没有经过核实的放假安排。请在配置 calendar.years 中按国务院办公厅通知补充。"
     "只在判断需要那一年时报告：成文当日或几天后就公开的记录，不用等下一年的放假通知。"),
    # --- attachment files and body links (issue 13) ------------------------------
    ("attachment-empty", E, "source", "附件是空文件", "「附件」中列出的文件是 0 字节，公众下载后什么也看不到。"
     "改正之前网站不发布它（记录照常发布）；以下三项相同。"),
    ("attachment-wrong-type", E, "source", "附件的内容与扩展名不符",
     "附件的实际内容（按文件开头的特征字节判断，而不是按文件名）必须是扩展名所说的类型，"
     "例如改名为 .pdf 的 ZIP 压缩包或网页会被拒绝。隐私检查按文件的实际类型读取它。"),
    ("attachment-damaged", E, "source", "附件已损坏", "附件无法读取，通常是下载或复制时被截断了。"),
    ("attachment-encrypted", E, "source", "附件设置了打开密码", "需要密码才能打开的 PDF 公众无法阅读，不能发布。"),
    ("attachment-shared-not-public", E, "link", "公开记录与不公开记录共用附件",
     "同一个附件文件同时被主动公开的记录和依申请公开、不予公开的记录列出：发布它就公开了不公开记录的内容。"),
    ("attachment-shared-not-yet-public", W, "link", "附件也属于尚未发布的记录",
     "同一个附件文件也被发布日期还没到的主动公开记录列出：在那之前网站不发布它，已发布记录的页面上暂不列出它。"),
    ("body-link-missing", E, "link", "正文链接指向的文件不存在",
     "正文中按文件路径写的链接（如 [实施细则](实施细则.pdf)）必须指向 catalogue/ 中存在的文件。"),
    ("body-link-outside-catalogue", E, "link", "正文链接指向目录之外",
     "正文中的相对链接不能用 .. 离开 catalogue/；链接其他网站请写完整网址。"),
    ("body-link-not-attachment", E, "link", "正文链接指向未列为附件的文件",
     "正文链接的文件必须列入记录的「附件」才会发布，否则网站上是一个打不开的链接。"),
    ("body-link-not-public", E, "link", "正文链接指向不公开的记录或文件",
     "公开记录的正文不能链接依申请公开、不予公开的记录或只属于它们的附件。网站上只显示链接文字，不显示文件名。"),
    ("field-names-not-public", E, "link", "字段中写有不公开文件的名称",
     "公开记录的标题、内容概述、修订说明、主题词等写有依申请公开、不予公开的记录或其附件的文件名或网址：它们显示在页面、"
     "列表、订阅和开放数据中，网站上会删去这个名称。"),
    ("names-not-yet-public", W, "link", "写有尚未发布的记录或其附件的名称",
     "公开记录的正文或字段写有发布日期还没到的记录或其附件的文件名或网址：在那之前网站上删去它，对方发布后重新生成网站即可。"),
    ("body-link-not-yet-public", W, "link", "正文链接指向尚未发布的记录",
     "链接的记录发布日期还没到，在此之前页面上只显示链接文字；对方发布后重新生成网站，链接会自动出现。"),
    ("body-link-target-invalid", W, "link", "正文链接指向有错误的记录",
     "链接的记录本身有错误，改正之前不会发布，页面上只显示链接文字。"),
    ("body-link-anchor-missing", W, "link", "正文链接指向不存在的条、章、节",
     "正文中链接到某一条、章、节（#第三条、#第二章第一节，或 其他记录.md#第三条）时，链接的记录正文中必须有这一处："
     "以“第三条”开头的段落，或“第二章”这样编号的标题。编号写错时，点链接不会跳到那里。"),
    # --- budgets and final accounts as data (issue 15) ---------------------------
    ("fiscal-amount-invalid", E, "field", "预决算金额无法读取",
     "「预决算数据」中的金额必须是以万元（或记录的「单位」、配置的 fiscal_unit 为元时以元）为单位、最多两位小数的非负数字"
     "（数量是整数）。小数超过两位、负数、写了另一个单位、夹有文字时不会四舍五入或猜测，而是报告错误。"),
    ("fiscal-amount-normalised", W, "field", "预决算金额按规范写法读取",
     "从 Word 复制的金额中的全角数字（１２．５０）、千位分隔符（1,234.56）和末尾的单位（万元、元）会按规范写法读取，"
     "并说明读成了多少，请改为 1234.56 这样的写法。"),
    ("fiscal-item-unknown", E, "field", "预决算数据中有未知项目",
     "「预决算数据」的项目名称（三公经费、数量等）必须是规定的名称之一，通常是拼写错误；部门预算不填写数量。"),
    ("fiscal-item-missing", E, "field", "预决算数据缺少项目",
     "三公经费必须写出因公出国（境）费、公务用车购置费、公务用车运行费和公务接待费；部门决算的数量必须写全六项；"
     "“支出”照收支总表写基本支出和项目支出（决算再写年末结转和结余）。没有发生的写 0。"),
    ("fiscal-total-mismatch", E, "compliance", "预决算合计数与各项之和不符",
     "收入总计、支出总计、支出功能分类合计、三公经费合计必须等于各项之和；支出功能分类合计等于基本支出加项目支出。"),
    ("fiscal-vehicle-mismatch", E, "compliance", "公务用车购置及运行费不等于购置费加运行费",
     "三公经费中的公务用车购置及运行费必须等于公务用车购置费与公务用车运行费之和。"),
    ("fiscal-counts-inconsistent", E, "compliance", "三公经费的数量前后矛盾",
     "决算的出国团组数不能多于出国人次，接待批次不能多于接待人次，有团组（批次）就有人次，反之亦然："
     "多半是从表格粘贴时两列对调或错行了。"),
    ("fiscal-unbalanced", E, "compliance", "收入总计与支出总计不相等",
     "部门收支总表中收入总计必须等于支出总计（支出总计含年末结转和结余）。"),
    ("fiscal-prior-year-mismatch", E, "compliance", "上年数与上年记录不一致",
     "本记录中的上年三公经费、上年机关运行经费必须与目录中上一年度同类记录（预算对预算，决算对决算）公开的数字一致。"),
    ("fiscal-year-missing", W, "compliance", "缺少某一年度的预算或决算",
     "目录中最早与最晚年度之间的每一年都应有部门预算和部门决算；某年的预算已公开两年后仍没有该年决算，也会报告。"),
    ("fiscal-text-total-mismatch", W, "compliance", "正文中的“三公”经费合计与表格不符",
     "正文写明本年度“三公”经费总额的句子（如“2025年度“三公”经费财政拨款支出144.06万元”““三公”经费预算数为149.75万元”）"
     "中的金额，与「预决算数据」中“三公”经费表的合计不同：多半是从上年的说明改写时留下的旧数，或输入错误，页面上两个数字"
     "都会显示。只读“三公”经费后面紧跟财政拨款、支出、预算、决算、合计、为等字和金额的句子；写明是别的年度、上年、"
     "本级或所属单位的，部门决算中的预算数，部门预算中的决算数，都不比较。"),
    ("fiscal-change-unexplained", W, "compliance", "与上年相比的变化没有说明",
     "三公经费各项或机关运行经费与上年相比有增减时，正文应写明增减的金额和原因（例如“公务接待费减少1.50万元，主要是……”）。"
     "正文中出现该项的增减额（两位小数）即视为已说明；合计和公务用车购置及运行费在各组成项都已说明时也视为已说明。"),
    # --- catalogue import: converting legacy CMS and law-portal pages (issue 17) ---
    ("import-mapped", I, "import", "已对应到记录字段",
     "原网页的一个元数据标签（如【发文字号】、索 引 号、成文日期）已按原样或规范写法对应到记录的字段；"
     "规范写法与原文不同时（如 [2014] 改为 〔2014〕），原文写在记录元数据的注释中。"),
    ("import-guessed", W, "import", "字段取值是推断的，请核对",
     "原网页没有直接写出这个字段，取值由其他内容推断：类型由“信息分类”或标题推断，文种由“效力级别”推断，"
     "发布日期由“添加时间”推断，发文机关由标题或落款推断，网页的编码由字符检测推断等。消息写明依据，请核对。"),
    ("import-unmapped", E, "import", "必填字段无法从原网页得到",
     "原网页中找不到这个必填字段，或找到的取值不能使用（例如法规类别不在配置的主题分类中）。"
     "记录中写入了占位文字（如“（待填写：索引号）”，与 catalogue new 相同），记录可以读取，但在填写之前 catalogue check 会报告 placeholder-unfilled。"),
    ("import-label-unused", W, "import", "原网页的元数据没有对应的字段",
     "原网页的元数据标签（如 法规类别、公文种类）在记录格式中没有对应字段，或取值不能使用。"
     "取值写在记录元数据的注释中，不会悄悄丢掉；需要时请手工移入合适的字段。"),
    ("import-label-ignored", I, "import", "网站信息未导入",
     "浏览次数、来源网址、字号等属于原网站页面本身而不是政府信息的内容，没有导入。"),
    ("import-index-no-pattern", W, "import", "索引号不符合配置的格式",
     "原网页的索引号按原样保留（索引号发布后不得更改），但不符合配置 index_no_pattern；"
     "请在配置中加入该编号方式，或按本机关规则核对。"),
    ("import-not-disclosure", E, "import", "不是政府信息公开页面，没有导入",
     "网页既没有可识别的元数据（索引号、发文字号、发布机构等），也没有公文的结构（一、（一）、第一条等），"
     "例如新闻稿或网站栏目首页，因此没有导入。"),
    ("import-unreadable", E, "import", "文件无法读取或无法识别编码", "读取输入文件时出错，或文件内容不是文本，没有导入。"),
    ("import-record-exists", E, "import", "输出目录中已有同名记录，没有覆盖",
     "要写入的记录文件（或附件）已经存在（例如上一次导入写的）；已有的文件不会被覆盖。"
     "请先改名或移走已有文件，或换一个 --out 目录。"),
    ("import-write-failed", E, "import", "记录无法写入输出目录",
     "记录文件无法写入 --out（只读、磁盘已满、--out 不是文件夹，或 --out 中的文件夹是指向别处的链接）；"
     "没有写入任何半截的文件。请按消息处理后重新导入。"),
    ("import-attachment-missing", W, "import", "网页引用的附件文件不在网页旁边",
     "网页中链接的附件（PDF、Word 等）在保存的网页文件旁边找不到，没有复制；正文中保留了附件名称和原链接，请补上文件。"),
    ("import-attachment-copied", I, "import", "附件已复制", "网页链接的附件已复制到记录旁边，并列入记录的「附件」。"),
    ("import-pair", I, "import", "已识别政策文件与解读的对应关系",
     "解读页面与政策文件页面相互链接（按网址或文件名），或解读页面写出了政策文件的标题或发文字号，"
     "解读记录的「解读对象」因此填写为政策文件的索引号。"),
    ("import-written", I, "import", "已导入", "输入文件已转换为记录并写入输出目录。"),
    ("import-body-dropped", W, "import", "原网页正文中有内容没有导入",
     "正文中的一行被当作网站页面的内容（导航、网址、页脚）去掉，或正文在被当作网页页脚的一行处结束，或没有读到正文。"
     "消息写明是哪一行；如果那是文件的内容，请从原网页补回。"),
    ("import-read-once", I, "import", "同一个文件只导入一次",
     "命令中给出的几个路径包含同一个文件（例如一个文件夹和它的子文件夹），这个文件只按第一个路径导入一次；"
     "或者这个文件是另一个网页在网页框架（iframe）中显示的正文，已作为那个网页的正文导入。"),
    # --- configuration ---------------------------------------------------------
    ("config-invalid", E, "config", "配置有误", "mkdocs.yml 中 catalogue 插件的配置有误。"),
    ("config-unknown-option", E, "config", "未知的配置项", "mkdocs.yml 中 catalogue 插件出现了未知的配置项，通常是拼写错误。"),
    ("catalogue-dir-partial", E, "config", "记录目录只是目录的一部分",
     "catalogue_dir 指向的文件夹旁边（它的上一级中）还有记录文件：网站只会发布其中一部分。在没有上次网站可比较的地方"
     "（如 CI 的新检出），生成网站时的“记录少了一半”检查无从比较，因此由检查报告。确实如此时写 allow_fewer_records: true。"),
)


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in one place: the unit every check reports.

    ``file`` is the path relative to the catalogue root (POSIX separators), or
    the configuration file's name for configuration problems.  ``line`` is
    1-based, ``None`` when the problem is about the whole file.  ``key`` is the
    canonical field name (``index_no``), ``None`` when no field is involved.
    """

    file: str
    line: int | None
    key: str | None
    code: str
    severity: Severity
    message: str
    """What is wrong, in plain Chinese, naming the field as editors know it."""
    hint: str = ""
    """What would be right: an example, the allowed values, the fix."""

    def sort_key(self) -> tuple:
        """Stable order: by file, then line, then field, then code."""
        return (self.file, self.line or 0, self.key or "", self.code, self.message)

    def to_json(self) -> dict:
        """The JSON shape of a problem (a contract with CI tooling)."""
        return {
            "file": self.file,
            "line": self.line,
            "key": self.key,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
        }


def problem(code: str, file: str, line: int | None, key: str | None,
            message: str, hint: str = "") -> Problem:
    """Make a problem with the severity the code catalogue gives it; an ID or mobile number its message or hint
    quotes is masked (:func:`masked`)."""
    return Problem(file, line, key, code, CODES[code].severity, masked(message), masked(hint))


def masked(text: str) -> str:
    """``text`` with each resident ID and mobile number the privacy check finds in it (read as it reads them: grouped,
    hyphenated, after +86 or the long-distance 0, in full-width digits) written as ``110101********4514`` /
    ``139****5678``: a message quoting the editor's text (a heading, a value) goes to CI logs, pull-request
    annotations and job summaries, which people read who may not read the file (reviews found a 15-digit ID in an
    allow-list hint, an 18-digit one in a heading's message).  An index number that only looks like one (a 统一社会
    信用代码 of 18 digits) is no ID to the check, and stays."""
    if sum(1 for c in text if "0" <= c <= "9" or "０" <= c <= "９") < 11:
        return text
    from .checks.privacy import personal_numbers  # the check's reading (it imports this module)
    for number in sorted(set(personal_numbers(text)), key=len, reverse=True):
        keep = (3, 4) if len(number) == 11 else (6, 4)
        digits = [f"[{d}{chr(ord(d) + 0xFEE0)}]" if d.isdigit() else f"[{d}{d.lower()}ＸＸｘ]" for d in number]
        pattern = r"[^0-9０-９]{0,4}?".join(f"({d})" for d in digits)
        text = re.sub(pattern, lambda m: _hide(m, keep), text)
    return text


def _hide(m: re.Match, keep: tuple[int, int]) -> str:
    """The match with its middle digits (the groups between the first ``keep[0]`` and the last ``keep[1]``) as *."""
    n = len(m.groups())
    out, at = [], m.start()
    for g in range(1, n + 1):
        out.append(m.string[at:m.start(g)])
        out.append(m.group(g) if g <= keep[0] or g > n - keep[1] else "*")
        at = m.end(g)
    return "".join(out)


def apply_severity(problems: Iterable[Problem],
                   overrides: Mapping[str, str]) -> list[Problem]:
    """Apply the configuration's per-code severity overrides and sort.

    ``overrides`` maps a code to ``error``, ``warning`` or ``off``; ``off``
    drops the problem.
    """
    result = []
    for p in problems:
        wanted = overrides.get(p.code)
        if wanted == "off":
            continue
        if wanted and wanted != p.severity.value:
            p = replace(p, severity=Severity(wanted))
        result.append(p)
    return sorted(result, key=Problem.sort_key)


def has_errors(problems: Iterable[Problem]) -> bool:
    """True when any problem is an error."""
    return any(p.severity is Severity.ERROR for p in problems)


MISSED_DEADLINES = frozenset({"missing-interpretation", "late-interpretation", "late-disclosure", "late-fiscal-disclosure",
                              "annual-report-missing", "annual-report-late", "calendar-data-missing"})
"""The errors the date alone can bring, about what the office owes, not about what the site would show: the
shipped workflow's nightly run publishes the rest of the catalogue while these are all it finds (one late
interpretation had held back every record due on its 发布日期 for as long as it was late: a review).  Not
``validity-conflict``: a date can bring it, and so can a mistyped ``repeals:`` link, which the nightly run would
publish; ``repeal-ahead-unmarked`` tells the office before the day instead (a review)."""
for _code in MISSED_DEADLINES:
    assert CODES[_code].severity is Severity.ERROR, _code
