"""The catalogue's configuration: one option table, read from mkdocs.yml.

The options live in mkdocs.yml under the ``catalogue`` plugin (as Material's
blog plugin keeps its own), so an office has one configuration file.  This
module reads that section without importing MkDocs, so the CLI and the tests
use exactly the configuration the site build uses.

:data:`OPTIONS` is the single description of every option: its default (as
an office would write it in mkdocs.yml), its kind, its Chinese help and how
its value becomes the typed field of :class:`CatalogueConfig`.  The typed
defaults, the validation and its messages, the MkDocs plugin's (pass-through)
option scheme and ``docs/reference/options.md`` all come from it, so
``mkdocs build``, ``mkdocs serve`` and every ``catalogue`` command say the
same thing about the same mistake.

Values are read as the office wrote them.  YAML 1.1, which MkDocs and PyYAML
speak, turns ``off`` into false and an unquoted ``015200371`` into the octal
number 3473657.  The reader looks back at the YAML source of mkdocs.yml
(:class:`Source`: the spelling and line of every plain scalar in the plugin
section) so a message can show what the office typed, and accepts a value
only when YAML kept it as typed: ``off`` for a severity is off, ``12328`` in
a list of numbers is ``"12328"``, while ``015200371`` is refused with a hint
to quote it.  Any configuration problem is an error, and every build stops
on it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import json
import os
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import mergedeep
import yaml
from yaml_env_tag import construct_env_tag

from .diagnostics import CODES, Problem, problem
from .model.values import clean_code
from .publish_guard import cache_dir_refusal
from .taxonomy import NATIONAL_CATEGORIES
from .workdays import CalendarConfigError, WorkdayCalendar

DEFAULT_INDEX_NO_PATTERN = (
    r"^(?P<org>[0-9A-Z]{9}|[0-9A-HJ-NPQRTUWXY]{18})/(?P<year>\d{4})(?P<month>\d{2})?-(?P<serial>\d{4,7})$"
)

#: Groups of ``index_no_pattern`` the validator reads as numbers (``int(...)``).
NUMERIC_GROUPS = ("year", "month")

#: Codes whose severity cannot be changed: a configuration problem always stops the build, and a
#: placeholder ``catalogue new`` or ``catalogue import`` left (（待填写：…）) must never reach the public.
FIXED_SEVERITY = frozenset(c for c in CODES if c.startswith("config-")) | {"placeholder-unfilled"}

#: Errors of a record file's own text (phases source and field) that keep the file from giving a record, whatever
#: severity the office gives them (the validator reads the code's own); not the attachment checks, which keep the
#: attachment off and read the office's severity, nor the checks of an annual report's figures, run on a record.
_UNREAD_IF_ERROR = frozenset(c.code for c in CODES.values()
                             if c.phase in ("source", "field") and c.severity.value == "error"
                             and (not c.code.startswith("attachment-") or c.code == "attachment-filed-not-public")
                             and c.code != "annual-report-unknown-figure")

#: Codes the office may neither turn off nor lower to warning: each keeps a record off the site, or picks one of two
#: files for one number or one address, whatever severity it is reported with.  Turned off, a copied record took a
#: published notice's address (or vanished beside it) while ``check`` said 没有发现问题; lowered, the strict build
#: of the shipped workflow deployed the site without the record, its problem a warning (a review).
DECIDES_PUBLICATION = _UNREAD_IF_ERROR | {"record-misnamed", "duplicate-index-no", "duplicate-record",
                                          "duplicate-output-path", "published-far-future"}

#: Codes whose severity decides whether a record is published: as errors they keep it off the site, as warnings it
#: is published and check still names it (the office chose it); off, it was published with no word to anyone.
PUBLISHED_AS_WARNING = frozenset({"personal-id-number", "personal-mobile-number", "withheld-title-named",
                                  "reference-names-not-public", "withheld-record-copied"})

#: Codes the office may lower to warning but not turn off: :data:`PUBLISHED_AS_WARNING`, and the records kept off
#: whatever the severity, for a while (an interpretation until its policy is out) or for good (a hidden file):
#: reported, the office knows why the page is missing; off, nobody does.
NOT_OFF = PUBLISHED_AS_WARNING | {"interpretation-before-policy", "record-hidden"}


class Kind(enum.Enum):
    """How an option's value is written in mkdocs.yml (the type the docs show)."""

    TEXT = ("文字", str)
    COUNT = ("整数", int)
    CHOICE = ("取值之一", str)
    LIST = ("文字列表", list)
    MAPPING = ("映射（名称: 取值）", dict)
    SWITCH = ("是否（true 或 false）", bool)

    def __init__(self, label: str, python_type: type) -> None:
        self.label = label
        """The kind in plain Chinese, for the docs and the messages."""
        self.python_type = python_type
        """The type of the plain YAML value after reading."""


class _Bad(Exception):
    """Raised inside the reader after the problem is recorded: the option keeps its default."""


# -- reading context -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """What the YAML source of the plugin section says beyond its values.

    Keys are paths inside the section: ``("agency_code",)``,
    ``("severity", "late-disclosure")``, ``("categories", 3)``.
    """

    spellings: Mapping[tuple, str] = field(default_factory=dict)
    """The text of each plain (unquoted) scalar, as the office typed it."""
    lines: Mapping[tuple, int] = field(default_factory=dict)
    """The 1-based line of each value in the configuration file."""
    duplicates: tuple[tuple[str, int], ...] = ()
    """Options written twice in the section (YAML keeps the last silently): (name, line)."""


@dataclass
class _Reader:
    config_file: str
    base_dir: Path
    source: Source
    problems: list[Problem] = field(default_factory=list)

    def line(self, path: tuple) -> int | None:
        while path:
            if path in self.source.lines:
                return self.source.lines[path]
            path = path[:-1]
        return None

    def bad(self, path: tuple, message: str, hint: str = "", *, stop: bool = True) -> None:
        """Record one configuration problem at ``path``; by default also abandon the option."""
        self.problems.append(problem("config-invalid", self.config_file, self.line(path), _key(path),
                                     message, hint))
        if stop:
            raise _Bad

    def shown(self, path: tuple, value: Any) -> str:
        """The value as the office wrote it (its spelling when the source is known)."""
        spelling = self.source.spellings.get(path)
        if spelling is not None:
            return spelling
        if isinstance(value, bool):
            return "true" if value else "false"
        if value is None:
            return "（空）"
        if isinstance(value, (dt.date, int, float, str)):
            return str(value)
        return json.dumps(value, ensure_ascii=False, default=str)

    def text(self, path: tuple, value: Any, what: str) -> str:
        """A value that must be text; numbers, dates and yes/no only when YAML kept them as typed."""
        if isinstance(value, str):
            return value.strip()
        spelling = self.source.spellings.get(path)
        if isinstance(value, (bool, int, float, dt.date)):
            if spelling is not None and not isinstance(value, bool) and _plain_text(value) == spelling:
                return spelling  # 12328 is "12328": YAML kept what the office typed
            if isinstance(value, bool):
                became = "“是/否”（YAML 把 on、off、yes、no、true、false 读作是否）"
            elif isinstance(value, dt.date):
                became = f"日期 {value.isoformat()}"
            else:
                became = f"数字 {value}"
            if spelling is not None:
                self.bad(path, f"{what}应是一段文字，但写的 {spelling} 没有加引号，"
                               f"被读成了{became}。", f"加上引号：“{spelling}”。")
            guess = _octal_spelling(value)
            probably = f"（原文可能是 {guess}）" if guess else ""
            self.bad(path, f"{what}应是一段文字，现在是{became}{probably}。",
                     f"给它加上引号，例如 \"{guess or self.shown(path, value)}\"。")
        self.bad(path, f"{what}应是一段文字，现在是 {self.shown(path, value)}。")
        raise AssertionError  # unreachable: bad() raised


def _key(path: tuple) -> str:
    key = ""
    for part in path:
        key += f"[{part}]" if isinstance(part, int) else (f".{part}" if key else str(part))
    return key


def _plain_text(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _octal_spelling(value: Any) -> str | None:
    """The digits behind a YAML 1.1 octal number: 3473657 was typed 015200371."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return "0" + format(value, "o")
    return None


# -- how each kind is read ------------------------------------------------------------------------


def _read_text(opt: Option, value: Any, r: _Reader) -> str:
    return r.text((opt.name,), value, f"配置项 {opt.name} ")


def _read_count(opt: Option, value: Any, r: _Reader) -> int:
    path = (opt.name,)
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str):
        # "20" quoted, or ２０ pasted with full-width digits: still the number the office meant.
        digits = unicodedata.normalize("NFKC", value).strip()
        if digits.isascii() and digits.isdigit():
            number = int(digits)
    lowest = "非负整数" if opt.minimum == 0 else f"不小于 {opt.minimum} 的整数"
    if number is None or number < opt.minimum:
        r.bad(path, f"配置项 {opt.name} 应是一个{lowest}，现在是 {r.shown(path, value)}。",
              f"例如 {opt.name}: {opt.default if opt.default >= opt.minimum else opt.minimum}")
    return number


def _read_choice(opt: Option, value: Any, r: _Reader) -> str:
    path = (opt.name,)
    return _choice(path, value, opt.choices, opt.off, f"配置项 {opt.name} ", r)


def _choice(path: tuple, value: Any, choices: tuple[str, ...], off: str | None, what: str, r: _Reader) -> str:
    if value is False and off is not None:
        return off  # off, no, false: YAML 1.1 read the word as false; the office meant "off"
    if isinstance(value, str) and value.strip().lower() in choices:
        return value.strip().lower()
    listed = "、".join(choices[:-1]) + f" 或 {choices[-1]}" if len(choices) > 1 else choices[0]
    r.bad(path, f"{what}只能是 {listed}，现在是 {r.shown(path, value)}。")
    raise AssertionError


def _read_list(opt: Option, value: Any, r: _Reader) -> tuple[str, ...]:
    path = (opt.name,)
    if not isinstance(value, list):
        r.bad(path, f"配置项 {opt.name} 应是一个列表（每项一行，以“- ”开头），现在是 {r.shown(path, value)}。",
              f"例如：\n{opt.name}:\n  - {opt.default[0] if opt.default else '……'}")
    items, failed = [], False
    for i, item in enumerate(value):
        try:
            text = r.text((opt.name, i), item, f"{opt.name} 的第 {i + 1} 项")
            if not text:
                r.bad((opt.name, i), f"{opt.name} 的第 {i + 1} 项是空的。", "删去这一项，或填上内容。")
            items.append(text)
        except _Bad:
            failed = True  # report every bad item, then keep the default
    if failed:
        raise _Bad
    return tuple(items)


def _read_mapping(opt: Option, value: Any, r: _Reader) -> Mapping:
    if not isinstance(value, Mapping):
        path = (opt.name,)
        r.bad(path, f"配置项 {opt.name} 应是“名称: 取值”的映射，现在是 {r.shown(path, value)}。")
    return value


def _read_switch(opt: Option, value: Any, r: _Reader) -> bool:
    # YAML 1.1 already reads true/false, yes/no, on/off as booleans; "是"/"否" pasted as text too.
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _SWITCH_WORDS:
        return _SWITCH_WORDS[value.strip().lower()]
    path = (opt.name,)
    r.bad(path, f"配置项 {opt.name} 只能是 true 或 false，现在是 {r.shown(path, value)}。",
          f"例如 {opt.name}: {'true' if not opt.default else 'false'}")
    raise AssertionError


_SWITCH_WORDS = {"true": True, "yes": True, "on": True, "是": True,
                 "false": False, "no": False, "off": False, "否": False}

_READERS: dict[Kind, Callable[[Option, Any, _Reader], Any]] = {
    Kind.TEXT: _read_text, Kind.COUNT: _read_count, Kind.CHOICE: _read_choice,
    Kind.LIST: _read_list, Kind.MAPPING: _read_mapping, Kind.SWITCH: _read_switch,
}


# -- how some options become their typed field ----------------------------------------------------


def _catalogue_dir(text: str, r: _Reader) -> Path:
    if not text:
        r.bad(("catalogue_dir",), "配置项 catalogue_dir 不能为空（那会把整个仓库当作记录目录）。",
              "写记录所在的目录，例如 catalogue。")
    return r.base_dir / text


def _cache_dir(text: str, r: _Reader) -> Path | None:
    return r.base_dir / text if text else None


def _index_no_pattern(text: str, r: _Reader) -> re.Pattern:
    path = ("index_no_pattern",)
    try:
        pattern = re.compile(text, re.ASCII)  # \d is 0-9: full-width digits are normalised first, never matched
    except re.error as exc:
        r.bad(path, f"index_no_pattern 不是有效的正则表达式：{exc}。", "检查括号是否成对、反斜杠是否写全。")
    for name in NUMERIC_GROUPS:
        if name in pattern.groupindex and not _digits_only(pattern.pattern, name):
            r.bad(path, f"index_no_pattern 中的分组 {name} 可能匹配数字以外的字符，"
                        f"索引号里的{'年份' if name == 'year' else '月份'}就无法与日期比对。",
                  f"只用数字写这个分组，例如 (?P<{name}>\\d{{{4 if name == 'year' else 2}}})。")
    return pattern


def _categories(items: tuple[str, ...], r: _Reader) -> tuple[str, ...]:
    if not items:
        # An empty list would refuse every record's category: an error, never an empty site.
        r.bad(("categories",), "categories 不能为空：没有可用的主题分类，每条记录都会被拒绝。",
              "列出本目录使用的主题分类；不写这一项则使用国务院公文主题分类。")
    seen: dict[str, int] = {}
    for i, name in enumerate(items):
        if name in seen:  # two list pages on one path: reported on records that were right (a review)
            r.bad(("categories", i), f"主题分类“{name}”在 categories 中写了两次（第 {seen[name] + 1} 项和第 {i + 1} 项）。",
                  "删去重复的一项。", stop=False)
        seen.setdefault(name, i)
    return tuple(seen)


def _interpretation_required(items: tuple[str, ...], r: _Reader) -> frozenset[str]:
    from .model.fields import DocType
    found, failed = set(), False
    for i, name in enumerate(items):
        dtype = DocType.lookup(name)
        if dtype is None:
            failed = True
            r.bad(("interpretation_required", i), f"interpretation_required 中的 {name} 不是文种。",
                  "可选：规章、行政规范性文件、其他文件。", stop=False)
        else:
            found.add(dtype.value)
    if failed:
        raise _Bad
    return frozenset(found)


def _month_day(value: str, r: _Reader) -> tuple[int, int]:
    text = unicodedata.normalize("NFKC", str(value)).strip()
    m = re.fullmatch(r"(\d{1,2})\s*[-/.月]\s*(\d{1,2})日?", text)
    try:
        if not m:
            raise ValueError
        month, day = int(m.group(1)), int(m.group(2))
        dt.date(2021, month, day)  # a real day of a common year (no 02-29)
    except ValueError:
        r.bad(("annual_report_deadline",), f"annual_report_deadline 的取值 {r.shown(('annual_report_deadline',), value)} 不是一个日期（月-日）。",
              "部门写 \"01-31\"，县级以上人民政府写 \"03-31\"（请加引号）。")
    return month, day


def _severity(value: Mapping, r: _Reader) -> Mapping[str, str]:
    result, failed = {}, False
    for code, level in value.items():
        path = ("severity", str(code))
        try:
            if code not in CODES:
                close = difflib.get_close_matches(str(code), list(CODES), n=1)
                r.bad(path, f"severity 中的 {code} 不是已知的问题代码。",
                      f"你是不是想写 {close[0]}？" if close else "问题代码见文档“问题代码”一节。")
            if code in FIXED_SEVERITY:
                r.bad(path, f"severity 不能调整 {code}：" + ("配置问题总是错误，必须改正。" if code.startswith("config-")
                                                              else "占位文字不能发布到网站上，必须填写。"))
            result[code] = _choice(path, level, ("error", "warning", "off"), "off", f"severity 中 {code} 的取值", r)
            _refuse_silenced(code, result[code], path, r)
        except _Bad:
            failed = True
    if failed:
        raise _Bad
    return result


def _refuse_silenced(code: str, level: str, path: tuple, r: _Reader) -> None:
    """``config-invalid`` when ``severity`` turns off (or lowers) a code whose outcome decides what is published
    (:data:`DECIDES_PUBLICATION`, :data:`NOT_OFF`): the record would go missing, or be published, with no word."""
    title = CODES[code].title
    if code in DECIDES_PUBLICATION and level != "error":
        r.bad(path, f"severity 不能把 {code}（{title}）改为 {level}：有这个问题的记录不论怎样设置都不会发布到网站上"
                    "（两个文件用了同一个索引号或网址的，只发布其中一个）。改为 warning 时网站照样生成、少了这条记录；"
                    "改为 off 时连一句提示也没有，检查照样通过。",
              f"删去 severity 中 {code} 这一行，按检查的提示改正记录本身。")
    if code in NOT_OFF and level == "off":
        r.bad(path, f"severity 不能关闭 {code}（{title}）：这个问题决定记录是否发布，关闭后记录发布与否都没有任何提示。",
              f"删去 severity 中 {code} 这一行" + (f"；确实要照常发布的，写 {code}: warning（记录照常发布，检查仍会列出它）。"
                                                 if code in PUBLISHED_AS_WARNING else "。"))


def _calendar(value: Mapping, r: _Reader) -> Mapping[str, Any]:
    try:
        WorkdayCalendar.from_config(value)
    except CalendarConfigError as exc:
        for key, message in exc.problems:
            path = ("calendar", *_split_key(key))
            r.bad(path, f"工作日历配置有误：{message}", "见文档《配置项》中 calendar 的写法。", stop=False)
        raise _Bad from None
    return dict(value)


RULES_FROM_DEFAULTS = {
    # 政府信息公开条例 (国务院令第492号) in force 2008-05-01: the first national disclosure deadline.
    "disclosure": dt.date(2008, 5, 1),
    # 国办发〔2016〕80号: the national push for 解读 with the policy (local rules set later dates).
    "interpretation": dt.date(2016, 11, 10),
    # 预算法 as revised in 2014 (Art 14, 20 days after 批复): in force 2015-01-01.
    "budget": dt.date(2015, 1, 1),
}
"""The day each deadline rule began (../shared/DOMAIN.md §7): a record formed before it is not judged by it."""


def _rules_from(value: Mapping, r: _Reader) -> Mapping[str, dt.date]:
    """``rules_from: {interpretation: 2019-08-28}`` → the day each deadline rule began, defaults filled in."""
    name, out, failed = "rules_from", dict(RULES_FROM_DEFAULTS), False
    for key, day in value.items():
        if key not in RULES_FROM_DEFAULTS:
            close = difflib.get_close_matches(str(key), list(RULES_FROM_DEFAULTS), n=1)
            r.bad((name, str(key)), f"rules_from 下只能写 {'、'.join(RULES_FROM_DEFAULTS)}，没有 {key}。",
                  f"你是不是想写 {close[0]}？" if close else "每项写一个日期，例如 interpretation: 2019-08-28。",
                  stop=False)
            failed = True
            continue
        if isinstance(day, str):
            try:
                day = dt.date.fromisoformat(clean_code(day).text.strip())  # pasted with a zero-width space: read
            except ValueError:
                pass
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            r.bad((name, key), f"rules_from 的 {key} 应是一个日期（年-月-日），现在是 {r.shown((name, key), day)}。",
                  f"例如 {key}: {RULES_FROM_DEFAULTS[key].isoformat()}。", stop=False)
            failed = True
            continue
        out[key] = day
    if failed:
        raise _Bad
    return out


def _search_synonyms(value: Mapping, r: _Reader) -> tuple[tuple[str, ...], ...]:
    """``defaults`` (use the shipped table, true unless false) and ``groups`` (more groups) → the groups."""
    from .search.normalise import normalise
    from .search.synonyms import default_groups, merge_groups, split_group
    name, failed = "search_synonyms", False
    groups: list[list[str]] = []
    defaults = True
    for key in value:
        if key not in ("defaults", "groups"):
            close = difflib.get_close_matches(str(key), ["defaults", "groups"], n=1)
            r.bad((name, str(key)), f"search_synonyms 下只能写 defaults 和 groups，没有 {key}。",
                  f"你是不是想写 {close[0]}？" if close else
                  "groups 列出增加的同义词组，defaults: false 关闭默认同义词表。", stop=False)
            failed = True
    if "defaults" in value:
        flag = value["defaults"]
        if isinstance(flag, str) and flag.strip().lower() in _SWITCH_WORDS:
            flag = _SWITCH_WORDS[flag.strip().lower()]
        if not isinstance(flag, bool):
            r.bad((name, "defaults"), f"search_synonyms 的 defaults 只能是 true 或 false，"
                                      f"现在是 {r.shown((name, 'defaults'), value['defaults'])}。",
                  "写 defaults: false 关闭默认同义词表；不写则使用默认表。", stop=False)
            failed = True
        else:
            defaults = flag
    items = value.get("groups")
    if items is not None and not isinstance(items, list):
        r.bad((name, "groups"), f"search_synonyms 的 groups 应是一个列表（每组一行，以“- ”开头），"
                                f"现在是 {r.shown((name, 'groups'), items)}。",
              "例如：\n  groups:\n    - 出租车/出租汽车\n    - [驾照, 机动车驾驶证]", stop=False)
        failed, items = True, None
    for i, item in enumerate(items or []):
        path = (name, "groups", i)
        where = f"search_synonyms 的第 {i + 1} 组"
        try:
            if isinstance(item, list):
                members = [r.text((*path, k), m, f"{where}的第 {k + 1} 个词") for k, m in enumerate(item)]
            else:
                members = split_group(r.text(path, item, where))
            members = [m for m in members if m]
            distinct = len({normalise(m) for m in members})  # as search compares them: ＥＴＣ is etc
            if distinct < 2:
                r.bad(path, f"{where}只有 {distinct} 个不同的词（全角半角、大小写不算不同），同义词组至少要有两个。",
                      "一组写在一行，词之间用 / 分隔，例如 - 出租车/出租汽车；或写成列表 [出租车, 出租汽车]。")
            groups.append(members)
        except _Bad:
            failed = True
    if failed:
        raise _Bad
    return merge_groups([*(default_groups() if defaults else ()), *groups])


def _split_key(key: str) -> tuple:
    """``years.2027.holidays[3]`` → ("years", "2027", "holidays", 3)."""
    parts: list = []
    for piece in filter(None, key.split(".")):
        name, *indexes = piece.split("[")
        parts.append(name)
        parts.extend(int(i.rstrip("]")) for i in indexes if i.rstrip("]").isdigit())
    return tuple(parts)


# -- the option table -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Option:
    """One configuration option: the single source of its default, type, help and reading."""

    name: str
    kind: Kind
    default: Any
    """The default as it would be written in mkdocs.yml (the typed default is read from it)."""
    help: str
    """Chinese help, shown in docs/reference/options.md."""
    choices: tuple[str, ...] = ()
    """For :attr:`Kind.CHOICE`: the allowed words."""
    off: str | None = None
    """For :attr:`Kind.CHOICE`: the word a YAML false (off, no, false) stands for."""
    minimum: int = 0
    """For :attr:`Kind.COUNT`: the smallest allowed number."""
    typed: Callable[[Any, _Reader], Any] | None = None
    """Turns the read value into the typed field (and checks what the kind alone cannot)."""

    @property
    def type(self) -> type:
        """The type of the plain YAML value."""
        return self.kind.python_type


_ATTACHMENT_TYPES = ["pdf", "ofd", "doc", "docx", "wps", "xls", "xlsx", "et", "csv", "txt", "ppt", "pptx", "odt",
                     "ods", "zip", "rar", "7z", "jpg", "jpeg", "png", "gif", "mp4", "mp3"]

OPTIONS: tuple[Option, ...] = (
    Option("catalogue_dir", Kind.TEXT, "catalogue", "记录所在的目录，相对于 mkdocs.yml。", typed=_catalogue_dir),
    Option("agency", Kind.TEXT, "", "本机关名称，显示在网站页眉和首页。填写后，主动公开和政策解读的期限只检查本机关制发"
           "（发文机关中有本机关，联合发文的、本机关办公室等内设机构的也算）的信息，目录中列出的其他机关的文件不检查。"),
    Option("agency_code", Kind.TEXT, "", "本机关的组织机构代码或统一社会信用代码；填写后，索引号前缀必须与之一致。"
           "代码以 0 开头时必须加引号，例如 \"015200371\"。"),
    Option("agency_former_names", Kind.LIST, [],
           "本机关以前的名称（机构改革前的名称等）：发文机关写着这些名称的规章、规范性文件也算本机关制发，"
           "计入年度报告表二（一），并检查主动公开和解读期限。", typed=lambda items, r: tuple(items)),
    Option("index_no_pattern", Kind.TEXT, DEFAULT_INDEX_NO_PATTERN,
           "索引号的正则表达式（Python 语法）。命名分组 org 会校验机构代码的校验位，"
           "year/month/date 会与 index_no_date_field 指定的日期比对（year、month 只能匹配数字）。",
           typed=_index_no_pattern),
    Option("index_no_example", Kind.TEXT, "", "一个符合本目录格式的索引号，错误提示中作为示例。"),
    Option("index_no_date_field", Kind.CHOICE, "published",
           "索引号中的年份或日期对应的字段：published、written 或 none（不比对；写 off 也表示不比对）。",
           choices=("published", "written", "none"), off="none"),
    Option("categories", Kind.LIST, list(NATIONAL_CATEGORIES),
           "允许的主题分类；二级分类写作 一级/二级。默认是国务院公文主题分类。不能为空。", typed=_categories),
    Option("interpretation_required", Kind.LIST, ["规章", "行政规范性文件"], "需要政策解读的文种。",
           typed=_interpretation_required),
    Option("interpretation_deadline_workdays", Kind.COUNT, 3, "政策文件公开后多少个工作日内须发布解读；0 表示同日发布。"),
    Option("disclosure_deadline_workdays", Kind.COUNT, 20, "主动公开信息自形成之日起多少个工作日内须公开（条例第二十六条）。"),
    Option("disclosure_clock_field", Kind.CHOICE, "written",
           "主动公开时限从哪个日期起算（信息“形成”之日）：written（成文日期，默认）或 published。",
           choices=("written", "published")),
    Option("rules_from", Kind.MAPPING, {},
           "各项时限规则自哪天起适用（早于这一天形成的记录不按该规则检查）：disclosure（主动公开时限和年度报告，默认 "
           "2008-05-01，条例施行之日；此前年度的报告不查期限和缺漏）、interpretation（政策解读时限，默认 2016-11-10，国办发〔2016〕80号；"
           "本地规定更晚的写本地日期）、budget（预决算公开时限和缺少年度，默认 2015-01-01，新预算法施行之日）。",
           typed=_rules_from),
    Option("budget_deadline_days", Kind.COUNT, 20, "预算、决算自批复之日起多少日（自然日）内须公开（预算法第十四条）。"),
    Option("budget_deadline_rolls_over_days_off", Kind.SWITCH, True,
           "预决算公开期限的最后一天是节假日或休息日时，是否顺延到其后第一个工作日（类推适用民法典第二百零三条，"
           "与起算日不计入同理）。默认顺延；设为 false 时按自然日计算，不顺延。"),
    Option("fiscal_unit", Kind.CHOICE, "万元",
           "预决算数据的金额单位：万元（默认，部门预决算公开表格的单位）或 元（本地公开表格以元为单位的）。"
           "某条记录的预决算数据写了「单位」的，以它为准；不同单位的记录之间按万元保留两位小数比较。",
           choices=("万元", "元")),
    # 年度报告（issue 15）：表二第（一）项的计数规则和公开期限。
    Option("annual_report_date_field", Kind.CHOICE, "written",
           "年度报告“本年制发”按哪个日期计入年度：written（成文日期，没有成文日期时用发布日期；默认）或 published（发布日期）。",
           choices=("written", "published")),
    Option("annual_report_count_amendments", Kind.SWITCH, True,
           "修改其他文件的文件（填写了「修改」的记录）是否计入“本年制发”和“现行有效”。默认计入（如上海市2022年报告）；"
           "设为 false 时，修改决定视为被修改文件的一部分，不单独计数。"),
    Option("annual_report_count_expired", Kind.SWITCH, True,
           "有效期届满（「有效期至」的次日在本年）是否计入“本年废止”。默认计入；设为 false 时只有被其他文件废止"
           "（或有效性写着已废止）才计入，届满的文件仍不计入“现行有效”。"),
    Option("annual_report_deadline", Kind.TEXT, "01-31",
           "年度报告最迟公开日期（次年的 月-日）。部门为 01-31（默认），县级以上人民政府为 03-31（条例第四十九条）。"
           "2018年及以前的报告一律按 03-31 检查。", typed=_month_day),
    Option("calendar", Kind.MAPPING, {},
           "工作日历的补充：years（日历库还没有的年份的整年放假和调休安排，须列出落在工作日的每个法定节假日，"
           "否则报错；库中已有的年份只按所列日期调整）、"
           "holidays、workdays（任何年份的个别放假、上班日期）、year_end_guard。日期写成 YYYY-MM-DD。",
           typed=_calendar),
    Option("privacy_allowlist", Kind.LIST, [], "允许出现在公开记录中的号码（如服务热线），不报个人信息问题。号码请加引号。",
           typed=lambda items, r: frozenset(items)),
    Option("severity", Kind.MAPPING, {},
           "按问题代码调整严重程度：error、warning 或 off。配置问题（config-…）和 placeholder-unfilled 不能调整。"
           "决定记录是否发布的问题不能关闭，也不能改为 warning（不论怎样设置，有这些问题的记录都不发布，"
           "或两个文件只发布一个）：" + "、".join(sorted(DECIDES_PUBLICATION - FIXED_SEVERITY)) + "。"
           "以下问题可以改为 warning，但不能关闭：" + "、".join(sorted(PUBLISHED_AS_WARNING)) + "（改为 warning 时记录照常发布），"
           + "、".join(sorted(NOT_OFF - PUBLISHED_AS_WARNING)) + "（不论怎样设置，记录暂不发布或不发布）。",
           typed=_severity),
    Option("attachment_types", Kind.LIST, _ATTACHMENT_TYPES,
           "允许作为附件发布的文件类型（扩展名）。HTML、SVG 等浏览器会执行脚本的类型不应加入。",
           typed=lambda items, r: frozenset(t.lower().lstrip(".") for t in items)),
    Option("max_record_bytes", Kind.COUNT, 5_000_000, "单个记录文件的最大字节数。", minimum=1),
    Option("site_code", Kind.TEXT, "", "网站标识码（10 位），请加引号。"),
    Option("icp", Kind.TEXT, "", "ICP 备案号，例如 滇ICP备00000000号。"),
    Option("police_record", Kind.TEXT, "", "公安机关备案号，例如 滇公网安备00000000000000号。"),
    Option("feedback_url", Kind.TEXT, "", "“我要纠错”链接的地址。"),
    Option("page_size", Kind.COUNT, 20, "列表页每页显示的记录数。", minimum=1),
    Option("cache_dir", Kind.TEXT, ".cache/catalogue",
           "构建缓存的目录，相对于 mkdocs.yml：已生成的页面和搜索索引按内容保存在这里，内容不变就不再重新生成。"
           "删除它只会让下一次构建变慢；设为空字符串则不使用缓存。", typed=_cache_dir),
    Option("workers", Kind.COUNT, 0, "并行读取记录、生成页面的进程数；0 表示每个 CPU 核一个，1 表示不并行。"),
    Option("allow_empty_catalogue", Kind.SWITCH, False,
           "允许发布没有任何公开记录的网站。默认不允许：原来的网站有记录而新生成的没有时（多半是目录写错），"
           "构建停止，原来的网站保持不变。"),
    Option("allow_fewer_records", Kind.SWITCH, False,
           "允许新网站的公开记录比原来的网站少一半以上（原来至少 10 条时）。默认不允许：这多半是 --catalogue 指到了"
           "一个子目录，或 --as-of 的年份写错，构建停止，原来的网站保持不变。确实要大批撤下记录时，只在那一次的命令中加 "
           "--allow-fewer-records。"),
    Option("search_synonyms", Kind.MAPPING, {},
           "站内搜索的同义词：groups 列出增加的同义词组（每组一行，词之间用 / 分隔，如 出租车/出租汽车，"
           "或写成列表）；defaults: false 关闭默认同义词表（出租车/出租汽车、网约车/网络预约出租汽车、"
           "驾照/机动车驾驶证等，见 build_tools/data/search_synonyms.txt）。只在搜索时展开，"
           "写着原词的记录一条不少。", typed=_search_synonyms),
    Option("feed_id_authority", Kind.TEXT, "",
           "订阅源（RSS、Atom）中每条信息编号（tag: 网址）使用的域名，例如 jtt.jiangchuan.gov.cn。默认取 site_url 的域名；"
           "网站迁移到新域名时，把这里设为原来的域名，订阅者就不会把已读的信息当作新信息。"),
)

OPTIONS_BY_NAME: dict[str, Option] = {o.name: o for o in OPTIONS}


@dataclass(frozen=True, slots=True)
class CatalogueConfig:
    """Typed, validated configuration (field names are the option names).

    No field has a default of its own: every value comes from
    :data:`OPTIONS` through :func:`options_to_config` (``options_to_config({})``
    gives the defaults).
    """

    catalogue_dir: Path
    agency: str
    agency_code: str
    agency_former_names: tuple[str, ...]
    index_no_pattern: re.Pattern
    index_no_example: str
    index_no_date_field: str
    categories: tuple[str, ...]
    interpretation_required: frozenset[str]
    interpretation_deadline_workdays: int
    disclosure_deadline_workdays: int
    disclosure_clock_field: str
    rules_from: Mapping[str, dt.date]
    """The day each deadline rule began (``disclosure``, ``interpretation``, ``budget``): older records are not judged by it."""
    budget_deadline_days: int
    budget_deadline_rolls_over_days_off: bool
    fiscal_unit: str
    annual_report_date_field: str
    annual_report_count_amendments: bool
    annual_report_count_expired: bool
    annual_report_deadline: tuple[int, int]
    """(month, day) of the year after the report's year."""
    calendar: Mapping[str, Any]
    privacy_allowlist: frozenset[str]
    severity: Mapping[str, str]
    attachment_types: frozenset[str]
    max_record_bytes: int
    site_code: str
    icp: str
    police_record: str
    feedback_url: str
    page_size: int
    cache_dir: Path | None
    """None: no cache (``cache_dir: ""``)."""
    workers: int
    allow_empty_catalogue: bool
    allow_fewer_records: bool
    search_synonyms: tuple[tuple[str, ...], ...]
    """Synonym groups for search queries: the default table (unless switched off) and the office's, merged."""
    feed_id_authority: str
    """The authority of the feeds' tag: ids (empty: ``site_url``'s host)."""
    config_file: str = "mkdocs.yml"
    """The configuration file's name, used to label configuration problems."""
    allowed_categories: frozenset[str] = field(init=False)
    """Listed categories plus the first level of every two-level one (derived)."""

    def __post_init__(self) -> None:
        names = set(self.categories)
        names.update(c.split("/", 1)[0] for c in self.categories)
        object.__setattr__(self, "allowed_categories", frozenset(names))


assert [o.name for o in OPTIONS] == [f.name for f in fields(CatalogueConfig)][:len(OPTIONS)]


# -- reading mkdocs.yml ---------------------------------------------------------------------------


class _MkDocsYamlLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs does (YAML 1.1): ``!ENV`` by the library MkDocs resolves it with, its
    Python tags (``!!python/name:``) ignored.  ``!ENV`` had been ignored too, so ``check`` read an option's
    default where the build read the environment's value (a review).

    An impossible date (``2024-02-30``) stays text instead of raising, so the
    calendar reports it with its key path.
    """


def _timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


_MkDocsYamlLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
_MkDocsYamlLoader.add_constructor("!ENV", construct_env_tag)
_MkDocsYamlLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_MkDocsYamlLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def plugin_section(mkdocs_yml: Mapping[str, Any]) -> dict[str, Any] | None:
    """The ``catalogue`` entry of mkdocs.yml's ``plugins`` list, or None.

    A section that is not a mapping is returned as ``{None: value}`` so the
    reader reports it.
    """
    plugins = mkdocs_yml.get("plugins") or []
    if isinstance(plugins, Mapping):
        plugins = [{k: v} for k, v in plugins.items()]
    if not isinstance(plugins, list):
        return None
    for item in plugins:
        if item == "catalogue":
            return {}
        if isinstance(item, Mapping) and "catalogue" in item:
            section = item["catalogue"]
            if section is None:
                return {}
            if not isinstance(section, Mapping):
                return {None: section}
            return dict(section)
    return None


def _section_node(root: yaml.Node | None) -> yaml.Node | None:
    def get(mapping: yaml.Node, key: str) -> yaml.Node | None:
        if isinstance(mapping, yaml.MappingNode):
            for k, v in mapping.value:
                if isinstance(k, yaml.ScalarNode) and k.value == key:
                    return v
        return None

    plugins = get(root, "plugins") if root is not None else None
    if isinstance(plugins, yaml.MappingNode):
        return get(plugins, "catalogue")
    if isinstance(plugins, yaml.SequenceNode):
        for item in plugins.value:
            node = get(item, "catalogue")
            if node is not None:
                return node
    return None


def _composed(text: str) -> yaml.Node | None:
    """The YAML node tree of an mkdocs.yml's ``text`` (None where it cannot be read): where its lines are."""
    try:
        return yaml.compose(text, Loader=_MkDocsYamlLoader)
    except yaml.YAMLError:
        return None


def source_of(text: str, root: yaml.Node | None = None) -> Source:
    """Spellings and lines of the plugin section in the YAML ``text`` of an mkdocs.yml (``root``: its node tree,
    when it has been composed already)."""
    root = root if root is not None else _composed(text)
    if root is None:
        return Source()
    section = _section_node(root)
    if section is None:
        return Source()
    spellings: dict[tuple, str] = {}
    lines: dict[tuple, int] = {}
    duplicates: list[tuple[str, int]] = []

    def walk(node: yaml.Node, path: tuple, depth: int = 0) -> None:
        if depth > 50:
            return
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            if node.style is None:
                spellings[path] = node.value
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, (*path, i), depth + 1)
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode):
                    child = (*path, k.value)
                    if not path and child in lines:
                        duplicates.append((k.value, k.start_mark.line + 1))
                    lines[child] = k.start_mark.line + 1  # the last one wins, as in YAML
                    walk(v, child, depth + 1)

    if isinstance(section, yaml.MappingNode):
        walk(section, ())
    return Source(spellings, lines, tuple(duplicates))


def read_source(config_file: str | Path | None) -> Source:
    """:func:`source_of` the file, or an empty :class:`Source` when it cannot be read."""
    if not config_file:
        return Source()
    try:
        return source_of(Path(config_file).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError):
        return Source()


def load_config(config_file: str | Path, catalogue_dir: str | Path | None = None, *,
                need_plugin: bool = True, catalogue_option: str = "--catalogue") -> tuple[CatalogueConfig, list[Problem]]:
    """Read the plugin section of ``config_file`` (an mkdocs.yml).

    A missing file or section gives the defaults (and, for a missing file, a
    problem; for a section missing or disabled, one unless not ``need_plugin``:
    ``generate`` and ``import`` beside an ordinary MkDocs site use the defaults).
    ``catalogue_dir`` overrides the configured directory, as the CLI's PATH
    argument does (``catalogue_option`` names it in the messages: ``--catalogue``, PATH).
    """
    path = Path(config_file)
    name = str(config_file)
    try:
        raw, text, name = _read_mkdocs_yml(path, name)
    except FileNotFoundError as exc:
        if exc.filename not in (str(path), None):  # the file INHERIT names
            cfg, problems = options_to_config({}, base_dir=path.parent, config_file=name)
            return _with_dir(cfg, catalogue_dir), [problem(
                "config-invalid", name, None, None, f"找不到 {name} 中 INHERIT 所指的配置文件 {exc.filename}。",
                "改正 INHERIT 后面的文件名（相对于这个配置文件所在的目录）。"), *problems]
        raw = None
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        cfg, problems = options_to_config({}, base_dir=path.parent, config_file=name)
        where = getattr(exc, "problem_mark", None)
        return _with_dir(cfg, catalogue_dir), [problem(
            "config-invalid", name, where.line + 1 if where else None, None,
            f"无法读取配置文件 {name}：{_yaml_reason(exc)}",
            "用记事本打开 mkdocs.yml，“另存为”时把编码选为 UTF-8（WPS/VS Code：右下角切换编码）。"
            if isinstance(exc, UnicodeDecodeError) else  # a GBK file was told to check its indentation (a review)
            "检查 mkdocs.yml 的 YAML 写法（缩进、冒号后的空格、引号是否成对）。"), *problems]
    if raw is None:
        cfg, problems = options_to_config({}, base_dir=path.parent, config_file=name)
        problems = [] if catalogue_dir else [problem(
            "config-invalid", name, None, None, f"找不到配置文件 {path}，使用默认配置。",
            "在仓库根目录运行，或用 --config 指定 mkdocs.yml。")]
        cfg = _with_dir(cfg, catalogue_dir)
        return cfg, problems
    section = plugin_section(raw if isinstance(raw, Mapping) else {})
    root = _composed(text)  # once, for the lines of the plugin's options and of keys written twice
    cfg, problems = options_to_config(section or {}, base_dir=path.parent, config_file=name,
                                      source=source_of(text, root), folders=mkdocs_folders(raw, path.parent),
                                      catalogue_dir=catalogue_dir, catalogue_option=catalogue_option)
    return cfg, [*_twice_written(root, name), *(_plugin_missing(section, name) if need_plugin else ()), *problems]


def _plugin_missing(section: dict | None, name: str) -> list[Problem]:
    """``config-invalid`` when mkdocs.yml does not enable the catalogue plugin (no entry, or ``enabled: false``):
    ``check`` judged the records by the default options (the office's own categories all unknown), and
    ``mkdocs build`` emptied the site folder before failing, nothing of the plugin's guards running (a review:
    a second ``plugins:`` key appended for Material's search had replaced the first)."""
    if section is not None and section.get("enabled", True) is not False:
        return []
    said = "写了 enabled: false" if section is not None else "plugins 下没有它"
    return [problem("config-invalid", name, None, "plugins",
                    f"{name} 中没有启用 catalogue 插件（{said}）：检查只能按默认选项进行，mkdocs build 会先清空网站目录再出错，"
                    "原来的网站就没有了。",
                    "在 plugins 下加上 - catalogue 和它的选项（示例见项目自带的 mkdocs.yml）；"
                    "mkdocs.yml 中只能有一个 plugins:，要加 search 等插件，写进同一个列表。")]


def _twice_written(root: yaml.Node | None, name: str) -> list[Problem]:
    """``config-invalid`` for each top-level key mkdocs.yml (its node tree ``root``) writes twice: YAML keeps the
    last silently (a second ``plugins:`` appended at the end dropped the catalogue plugin: a review)."""
    if not isinstance(root, yaml.MappingNode):
        return []
    first: dict[str, int] = {}
    out = []
    for key, _ in root.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        line = key.start_mark.line + 1
        if key.value in first:
            out.append(problem("config-invalid", name, line, key.value,
                               f"{name} 第 {line} 行又写了一次 {key.value}:（第一次在第 {first[key.value]} 行）："
                               "YAML 只认最后一处，前面那处写的内容全部作废。",
                               f"把两处 {key.value}: 下的内容合在一起，只留一处。"))
        else:
            first[key.value] = line
    return out


def _read_mkdocs_yml(path: Path, name: str, depth: int = 0) -> tuple[dict, str, str]:
    """An mkdocs.yml as MkDocs reads it, ``INHERIT:`` included (the file it names read first, this one's
    values merged over it by mergedeep, as MkDocs does): the values, and the text and name of the file the
    plugin's section comes from, for the lines of problems.  ``check`` read the inheriting file alone
    and fell back to the default options (found by a review)."""
    text = path.read_text(encoding="utf-8-sig")
    raw = yaml.load(text, Loader=_MkDocsYamlLoader) or {}
    if not isinstance(raw, dict) or "INHERIT" not in raw:
        return raw, text, name
    parent_name = raw.pop("INHERIT")
    if not isinstance(parent_name, str) or depth > 10:
        raise ValueError(f"INHERIT 应写一个配置文件的名称{'（或 INHERIT 互相引用）' if depth > 10 else ''}")
    parent_path = (path.parent / parent_name).resolve()
    if not parent_path.is_file():
        raise FileNotFoundError(2, "not found", str(parent_path))
    parent, parent_text, parent_source = _read_mkdocs_yml(parent_path, str(parent_path), depth + 1)
    own = plugin_section(raw) is not None
    merged = mergedeep.merge({}, parent if isinstance(parent, dict) else {}, raw)
    return merged, (text if own else parent_text), (name if own else parent_source)


def mkdocs_folders_of(config_file: str | Path) -> dict[str, Path]:
    """:func:`mkdocs_folders` of an mkdocs.yml, read as :func:`load_config` reads it (MkDocs' tags such
    as ``!ENV`` and ``!!python/name:`` allowed, ``INHERIT:`` followed); MkDocs' defaults if it cannot be read."""
    path = Path(config_file)
    try:
        raw = _read_mkdocs_yml(path, str(path))[0]
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError, TypeError, RecursionError):
        raw = None
    return mkdocs_folders(raw, path.parent)


def mkdocs_excluded_docs(config_file: str | Path) -> tuple[str, ...]:
    """The lines of ``exclude_docs`` in an mkdocs.yml (read as :func:`mkdocs_folders_of` reads it): the parts of
    docs_dir MkDocs does not publish (``/reference/``); none when it cannot be read."""
    try:
        raw = _read_mkdocs_yml(Path(config_file), str(config_file))[0]
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError, TypeError, RecursionError):
        return ()
    value = raw.get("exclude_docs") if isinstance(raw, Mapping) else None
    return tuple(line.strip() for line in value.splitlines()) if isinstance(value, str) else ()


def mkdocs_folders(raw: object, base: Path) -> dict[str, Path]:
    """The folders of MkDocs' configuration ``raw`` (an mkdocs.yml read, or MkDocs' own configuration;
    relative to ``base``) that the build cache may not be in or around: ``docs_dir`` and ``site_dir`` (MkDocs' defaults if not
    written) and the theme's ``custom_dir`` (copied into the site) when there is one."""
    raw = raw if isinstance(raw, Mapping) else {}
    found = {}
    for key, default in (("docs_dir", "docs"), ("site_dir", "site")):
        value = raw.get(key, default)
        found[key] = base / (value if isinstance(value, str) and value else default)
    theme = raw.get("theme")  # as written, or MkDocs' Theme once it has read it (a mapping whose custom_dir
    # is an attribute only: read as a key, the theme folder was never guarded, a review found the cache published)
    custom = getattr(theme, "custom_dir", None) or (theme.get("custom_dir") if isinstance(theme, Mapping) else None)
    if isinstance(custom, str) and custom:
        found["custom_dir"] = base / custom
    written = raw.get("config_file_path")  # MkDocs' own configuration: its site_dir may be serve's or -d's
    if isinstance(written, str) and written and not isinstance(raw, dict):
        site = mkdocs_folders_of(written)["site_dir"]
        if site.resolve() != Path(found["site_dir"]).resolve():
            found["site_dir_written"] = site  # mkdocs serve wrote the cache into it (a review)
    return found


def _yaml_reason(exc: Exception) -> str:
    if isinstance(exc, yaml.MarkedYAMLError):
        return f"第 {exc.problem_mark.line + 1} 行附近的 YAML 写法有误（{exc.problem}）" if exc.problem_mark \
            else "YAML 写法有误"
    if isinstance(exc, UnicodeDecodeError):
        return "文件不是 UTF-8 编码"
    if isinstance(exc, OSError):
        return exc.strerror or "无法打开"
    return "YAML 写法有误"


def config_for_plugin(options: Mapping[str, Any], config_file_path: str | None,
                      folders: Mapping[str, Path] | None = None) -> tuple[CatalogueConfig, list[Problem]]:
    """The configuration from the values MkDocs hands the plugin (already parsed by MkDocs' YAML).

    The YAML source is read again for the spellings, so a mistake gets the
    same message here as from :func:`load_config`.
    """
    path = Path(config_file_path or "mkdocs.yml")
    return options_to_config(options, base_dir=path.parent, config_file=shown_name(path),
                             source=read_source(config_file_path), folders=folders)


def shown_name(path: Path) -> str:
    """A configuration file as messages name it: relative to the working folder when inside it."""
    try:
        name = os.path.relpath(path, Path.cwd()) if path.is_absolute() else str(path)
    except (ValueError, OSError):  # another drive (Windows); the current folder deleted
        name = str(path)
    return str(path) if name.startswith("..") else name


def config_failure(problems: list[Problem]) -> str:
    """Why a build stops on its configuration: every problem with its place, message and hint."""
    lines = ["catalogue 插件的配置有误，网站没有生成："]
    for p in sorted(problems, key=Problem.sort_key):
        where = f"{p.file} 第 {p.line} 行" if p.line else p.file
        lines.append(f"  {where} {p.key or ''} [{p.code}] {p.message}" + (f" {p.hint}" if p.hint else ""))
    return "\n".join(lines)


def _with_dir(cfg: CatalogueConfig, catalogue_dir: str | Path | None) -> CatalogueConfig:
    if catalogue_dir is None:
        return cfg
    from dataclasses import replace
    return replace(cfg, catalogue_dir=Path(catalogue_dir))


def options_to_config(options: Mapping[str, Any], *, base_dir: Path = Path("."),
                      config_file: str = "mkdocs.yml", source: Source | None = None,
                      folders: Mapping[str, Path] | None = None,
                      catalogue_dir: str | Path | None = None,
                      catalogue_option: str = "--catalogue") -> tuple[CatalogueConfig, list[Problem]]:
    """Validate raw option values and build the typed configuration.

    Every problem is reported at once (each a ``config-invalid`` or
    ``config-unknown-option`` error, with the key path and, when ``source``
    is given, the line); a bad option falls back to its default so the rest
    of the catalogue can still be checked, but the builds stop on any of them.
    ``None`` (an option written with no value) means the default.  ``folders``:
    MkDocs' ``docs_dir``, ``site_dir`` and the theme's ``custom_dir``, where the
    cache may not go (:func:`mkdocs_folders`).  ``catalogue_dir``: the catalogue
    named on the command line, in place of the configured one (the cache is
    checked against it), as ``catalogue_option`` (``--catalogue``, or a command's PATH).
    """
    r = _Reader(config_file, Path(base_dir), source or Source())
    for name, line in r.source.duplicates:
        r.problems.append(problem("config-invalid", config_file, line, name,
                                  f"配置项 {name} 写了两次，只有后一处生效。", "删去其中一处。"))
    given = dict(options)
    if None in given and len(given) == 1:  # the section itself is not a mapping
        value = given.pop(None)
        r.problems.append(problem("config-invalid", config_file, None, "catalogue",
                                  f"catalogue 插件的配置应是“配置项: 取值”的映射，现在是 {r.shown((), value)}。",
                                  "在 catalogue: 下面缩进写配置项，例如 agency: 某某局。"))
    typed: dict[str, Any] = {}
    given.pop("enabled", None)  # MkDocs' own switch for every plugin, read by MkDocs
    for key, value in given.items():
        option = OPTIONS_BY_NAME.get(key) if isinstance(key, str) else None
        if option is None:
            close = difflib.get_close_matches(str(key), OPTIONS_BY_NAME, n=1)
            r.problems.append(problem(
                "config-unknown-option", config_file, r.line((str(key),)), str(key),
                f"catalogue 插件没有名为 {key} 的配置项。",
                f"你是不是想写 {close[0]}？" if close else "可用的配置项见文档“配置项”一节。"))
            continue
        if value is None:
            continue
        try:
            typed[key] = _read(option, value, r)
        except _Bad:
            pass
    for option in OPTIONS:
        if option.name not in typed:
            typed[option.name] = _default(option, r.base_dir)
    catalogues = [typed["catalogue_dir"]]  # the configured one, and the one named on the command line
    if catalogue_dir is not None:
        typed["catalogue_dir"] = Path(catalogue_dir)
        catalogues.append(typed["catalogue_dir"])
    if typed["cache_dir"] is not None:
        mkdocs = {k: v for k, v in (folders or {}).items()
                  if k in ("docs_dir", "site_dir", "custom_dir") and v is not None}
        holding = next((c for c in reversed(catalogues) if given.get("cache_dir") is None  # the default cache
                        and Path(r.base_dir).resolve().is_relative_to(Path(c).resolve())), None)
        refusal = next(filter(None, (cache_dir_refusal(typed["cache_dir"], catalogue_dir=catalogue,
                                                       config_dir=r.base_dir, **mkdocs) for catalogue in catalogues)),
                       None)
        if holding is not None:
            r.problems.append(_catalogue_holds_project(holding, catalogue_dir is not None and holding is catalogues[-1],
                                                       catalogue_option, catalogues[0], r))
            typed["cache_dir"] = None
        elif refusal:
            r.problems.append(problem("config-invalid", config_file, r.line(("cache_dir",)), "cache_dir", refusal,
                                      "缓存目录只是为了加快下一次生成，删除它不会丢失任何内容。"))
            typed["cache_dir"] = None
    return CatalogueConfig(**typed, config_file=config_file), r.problems


def _catalogue_holds_project(catalogue: Path, given: bool, option: str, configured: Path, r: _Reader) -> Problem:
    """``config-invalid`` on the catalogue folder that is the project folder (or holds it): ``--catalogue .``, a
    ``check .. --config ../mkdocs.yml`` from inside catalogue/, ``catalogue_dir: .``.  The default cache (.cache/catalogue) then lay in the
    catalogue, and the refusal told the office to delete a ``cache_dir`` line mkdocs.yml did not have, never naming
    the option at fault (a review).  ``given``: named on the command line, as ``option`` (``--catalogue``, or the
    command whose PATH it is: ``catalogue check``)."""
    project = Path(r.base_dir).resolve()
    what = "就是项目文件夹" if Path(catalogue).resolve() == project else "包含项目文件夹"
    where = (f"{what} {project}（mkdocs.yml、docs/ 和缓存 .cache/ 所在的文件夹），不是记录目录：记录目录是它下面放记录的"
             "文件夹（通常是 catalogue），整个项目文件夹当作记录目录，docs/ 中的页面和缓存文件都会被当作记录来读")
    if not given:
        return problem("config-invalid", r.config_file, r.line(("catalogue_dir",)), "catalogue_dir",
                       f"记录目录（catalogue_dir）写的 {catalogue} {where}。",
                       "把 catalogue_dir 这一行改为记录所在的文件夹，例如 catalogue_dir: catalogue（默认就是它，也可以删去这一行）。")
    try:
        typed = Path(configured).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        typed = str(configured)
    typed = typed if Path(configured).resolve() != project and Path(configured).resolve().is_relative_to(project) \
        else "catalogue"
    if option.startswith("--"):
        return problem("config-invalid", r.config_file, None, option, f"{option} 给的 {catalogue} {where}。",
                       f"写 {option} {typed}，或去掉 {option}（使用配置的记录目录）。")
    return problem("config-invalid", r.config_file, None, "PATH", f"{option} 后面给的 {catalogue} {where}。",
                   f"运行 {option} {typed}，或只运行 {option}（使用配置的记录目录）。")


def _read(option: Option, value: Any, r: _Reader) -> Any:
    plain = _READERS[option.kind](option, value, r)
    return option.typed(plain, r) if option.typed else plain


def _default(option: Option, base_dir: Path) -> Any:
    r = _Reader("mkdocs.yml", base_dir, Source())
    try:
        return _read(option, option.default, r)
    except _Bad:  # pragma: no cover - a test proves every default reads cleanly
        raise AssertionError(f"the default of {option.name} does not read: {r.problems}") from None


def _digits_only(pattern: str, group: str) -> bool:
    """Whether the named ``group`` of ``pattern`` can only ever match digits.

    Uses the regular-expression parser of the standard library (``re._parser``,
    ``sre_parse`` before 3.11); when it is missing the group is trusted.
    """
    try:
        from re import _constants as C
        from re import _parser as sre_parse
    except ImportError:  # pragma: no cover - Python before 3.11
        try:
            import sre_constants as C
            import sre_parse
        except ImportError:
            return True
    try:
        parsed = sre_parse.parse(pattern)
    except Exception:  # noqa: BLE001 - re.compile accepted it; be permissive
        return True
    number = parsed.state.groupdict.get(group)
    digit = set("0123456789")

    def find(items):
        for op, av in items:
            if op is C.SUBPATTERN:
                if av[0] == number:
                    return av[-1]
                found = find(av[-1])
                if found is not None:
                    return found
            elif op is C.BRANCH:
                for sub in av[1]:
                    found = find(sub)
                    if found is not None:
                        return found
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
                found = find(av[2])
                if found is not None:
                    return found
            elif op in (C.ASSERT, C.ASSERT_NOT):
                found = find(av[1])
                if found is not None:
                    return found
            elif op is getattr(C, "ATOMIC_GROUP", None):
                found = find(av)
                if found is not None:
                    return found
        return None

    def digits(items) -> bool:
        for op, av in items:
            if op is C.LITERAL:
                if chr(av) not in digit:
                    return False
            elif op is C.IN:
                for iop, iav in av:
                    if iop is C.LITERAL and chr(iav) in digit:
                        continue
                    if iop is C.RANGE and "0" <= chr(iav[0]) and chr(iav[1]) <= "9":
                        continue
                    if iop is C.CATEGORY and iav is C.CATEGORY_DIGIT:
                        continue
                    return False
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
                if not digits(av[2]):
                    return False
            elif op is C.SUBPATTERN:
                if not digits(av[-1]):
                    return False
            elif op is C.BRANCH:
                if not all(digits(sub) for sub in av[1]):
                    return False
            elif op is getattr(C, "ATOMIC_GROUP", None):
                if not digits(av):
                    return False
            elif op in (C.AT, C.ASSERT, C.ASSERT_NOT):
                continue  # zero-width: matches no character
            else:
                return False  # ANY, NOT_LITERAL, group references, ...
        return True

    body = find(parsed.data)
    return True if body is None else digits(body)


def options_reference() -> str:
    """docs/reference/options.md, generated from :data:`OPTIONS` (``catalogue schema``)."""
    lines = [
        "# 配置项",
        "",
        "<!-- 本页由 `catalogue schema` 根据配置表自动生成，请勿手工修改。 -->",
        "",
        "所有配置写在 mkdocs.yml 的 `plugins:` 下 `catalogue:` 一节中。配置有任何错误时，"
        "`mkdocs build`、`mkdocs serve` 和 `catalogue build` 都不会生成网站，`catalogue check` 以错误报告。",
        "",
        "以 0 开头的代码（如 `agency_code: \"015200371\"`）和其他纯数字的文字请加引号：不加引号时 YAML 会把它读成数字。"
        "`on`、`off`、`yes`、`no` 会被 YAML 读作是否；在只能取几个词之一的地方，`off`、`no` 按“关闭”理解。",
        "",
        "| 配置项 | 类型 | 默认值 | 说明 |",
        "|---|---|---|---|",
    ]
    long_defaults = []
    for o in OPTIONS:
        default = o.default
        if isinstance(default, list) and len(default) > 4:
            shown = f"（{len(default)} 项，见下文）"
            long_defaults.append(o)
        else:
            shown = f"`{json.dumps(default, ensure_ascii=False)}`".replace("|", "\\|")
        kind = o.kind.label + (f"：{'、'.join(o.choices)}" if o.choices else "")
        if o.kind is Kind.COUNT and o.minimum:
            kind += f"（至少 {o.minimum}）"
        lines.append(f"| `{o.name}` | {kind} | {shown} | {o.help} |")
    for o in long_defaults:
        lines += ["", f"## `{o.name}` 的默认值", "", *(f"- {item}" for item in o.default)]
    return "\n".join(lines) + "\n"


def parse_as_of(text: str | None, today: dt.date) -> dt.date:
    """The ``--as-of`` date, or ``today`` (passed in by the caller, never read here)."""
    if text is None:
        return today
    return dt.date.fromisoformat(text)
