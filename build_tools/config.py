"""The catalogue's configuration: one option table, read from mkdocs.yml.

The options live in mkdocs.yml under the ``catalogue`` plugin (as Material's
blog plugin keeps its own), so an office has one configuration file.  This
module reads that section without importing MkDocs, so the CLI and the tests
use exactly the configuration the site build uses.  :data:`OPTIONS` is the
single description of every option: it generates the defaults, the
validation, the MkDocs plugin's config scheme and the docs.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import CODES, Problem, problem
from .taxonomy import NATIONAL_CATEGORIES

DEFAULT_INDEX_NO_PATTERN = (
    r"^(?P<org>[0-9A-Z]{9}|[0-9A-HJ-NPQRTUWXY]{18})/(?P<year>\d{4})(?P<month>\d{2})?-(?P<serial>\d{4,7})$"
)


@dataclass(frozen=True, slots=True)
class Option:
    """One configuration option: name, type, default and Chinese help."""

    name: str
    type: type
    default: Any
    help: str


OPTIONS: tuple[Option, ...] = (
    Option("catalogue_dir", str, "catalogue", "记录所在的目录，相对于 mkdocs.yml。"),
    Option("agency", str, "", "本机关名称，显示在网站页眉和首页。"),
    Option("agency_code", str, "", "本机关的组织机构代码或统一社会信用代码；填写后，索引号前缀必须与之一致。"),
    Option("index_no_pattern", str, DEFAULT_INDEX_NO_PATTERN,
           "索引号的正则表达式（Python 语法）。命名分组 org 会校验机构代码的校验位，"
           "year/month/date 会与 index_no_date_field 指定的日期比对。"),
    Option("index_no_example", str, "", "一个符合本目录格式的索引号，错误提示中作为示例。"),
    Option("index_no_date_field", str, "published", "索引号中的年份或日期对应的字段：published、written 或 none（不比对）。"),
    Option("categories", list, list(NATIONAL_CATEGORIES), "允许的主题分类；二级分类写作 一级/二级。默认是国务院公文主题分类。"),
    Option("interpretation_required", list, ["规章", "行政规范性文件"], "需要政策解读的文种。"),
    Option("interpretation_deadline_workdays", int, 3, "政策文件公开后多少个工作日内须发布解读；0 表示同日发布。"),
    Option("disclosure_deadline_workdays", int, 20, "主动公开信息自形成之日起多少个工作日内须公开（条例第二十六条）。"),
    Option("disclosure_clock_field", str, "written", "主动公开时限从哪个日期起算（信息“形成”之日），默认成文日期。"),
    Option("budget_deadline_days", int, 20, "预算、决算自批复之日起多少日（自然日）内须公开（预算法第十四条）。"),
    Option("calendar", dict, {}, "工作日历的补充：years（整年的放假和调休安排）、holidays、workdays、year_end_guard。"),
    Option("privacy_allowlist", list, [], "允许出现在公开记录中的号码（如服务热线），不报个人信息问题。"),
    Option("severity", dict, {}, "按问题代码调整严重程度：error、warning 或 off。"),
    Option("attachment_types", list, ["pdf", "ofd", "doc", "docx", "wps", "xls", "xlsx", "et", "csv", "txt",
                                      "ppt", "pptx", "odt", "ods", "zip", "rar", "7z", "jpg", "jpeg", "png",
                                      "gif", "mp4", "mp3"],
           "允许作为附件发布的文件类型（扩展名）。HTML、SVG 等浏览器会执行脚本的类型不应加入。"),
    Option("max_record_bytes", int, 5_000_000, "单个记录文件的最大字节数。"),
    Option("site_code", str, "", "网站标识码（10 位）。"),
    Option("icp", str, "", "ICP 备案号，例如 滇ICP备00000000号。"),
    Option("police_record", str, "", "公安机关备案号，例如 滇公网安备00000000000000号。"),
    Option("feedback_url", str, "", "“我要纠错”链接的地址。"),
    Option("page_size", int, 20, "列表页每页显示的记录数。"),
    Option("cache_dir", str, ".cache/catalogue",
           "构建缓存的目录，相对于 mkdocs.yml：已生成的页面和搜索索引按内容保存在这里，内容不变就不再重新生成。"
           "删除它只会让下一次构建变慢；设为空字符串则不使用缓存。"),
    Option("workers", int, 0, "并行读取记录、生成页面的进程数；0 表示每个 CPU 核一个，1 表示不并行。"),
    Option("allow_empty_catalogue", bool, False,
           "允许发布没有任何公开记录的网站。默认不允许：原来的网站有记录而新生成的没有时（多半是目录写错），"
           "构建停止，原来的网站保持不变。"),
)


@dataclass(frozen=True, slots=True)
class CatalogueConfig:
    """Typed, validated configuration (field names are the option names)."""

    catalogue_dir: Path
    agency: str = ""
    agency_code: str = ""
    index_no_pattern: re.Pattern = re.compile(DEFAULT_INDEX_NO_PATTERN)
    index_no_example: str = ""
    index_no_date_field: str = "published"
    categories: tuple[str, ...] = NATIONAL_CATEGORIES
    interpretation_required: frozenset[str] = frozenset({"规章", "行政规范性文件"})
    interpretation_deadline_workdays: int = 3
    disclosure_deadline_workdays: int = 20
    disclosure_clock_field: str = "written"
    budget_deadline_days: int = 20
    calendar: Mapping[str, Any] = field(default_factory=dict)
    privacy_allowlist: frozenset[str] = frozenset()
    severity: Mapping[str, str] = field(default_factory=dict)
    attachment_types: frozenset[str] = frozenset({"pdf", "ofd", "doc", "docx", "wps", "xls", "xlsx", "et", "csv",
                                                  "txt", "ppt", "pptx", "odt", "ods", "zip", "rar", "7z", "jpg",
                                                  "jpeg", "png", "gif", "mp4", "mp3"})
    max_record_bytes: int = 5_000_000
    site_code: str = ""
    icp: str = ""
    police_record: str = ""
    feedback_url: str = ""
    page_size: int = 20
    cache_dir: Path | None = None
    """None: no cache (the default when no configuration file is read)."""
    workers: int = 0
    allow_empty_catalogue: bool = False
    config_file: str = "mkdocs.yml"
    """The configuration file's name, used to label configuration problems."""
    allowed_categories: frozenset[str] = field(init=False)
    """Listed categories plus the first level of every two-level one (derived)."""

    def __post_init__(self) -> None:
        names = set(self.categories)
        names.update(c.split("/", 1)[0] for c in self.categories)
        object.__setattr__(self, "allowed_categories", frozenset(names))


assert {o.name for o in OPTIONS} == {f.name for f in fields(CatalogueConfig)} - {"config_file", "allowed_categories"}


class _MkDocsYamlLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring MkDocs' Python tags (``!!python/name:``, ``!ENV``)."""


_MkDocsYamlLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_MkDocsYamlLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def plugin_section(mkdocs_yml: Mapping[str, Any]) -> dict[str, Any] | None:
    """The ``catalogue`` entry of mkdocs.yml's ``plugins`` list, or None."""
    plugins = mkdocs_yml.get("plugins") or []
    if isinstance(plugins, Mapping):
        plugins = [{k: v} for k, v in plugins.items()]
    for item in plugins:
        if item == "catalogue":
            return {}
        if isinstance(item, Mapping) and "catalogue" in item:
            return dict(item["catalogue"] or {})
    return None


def load_config(config_file: str | Path,
                catalogue_dir: str | Path | None = None) -> tuple[CatalogueConfig, list[Problem]]:
    """Read the plugin section of ``config_file`` (an mkdocs.yml).

    A missing file or section gives the defaults (and, for a missing file, a
    problem).  ``catalogue_dir`` overrides the configured directory, as the
    CLI's PATH argument does.
    """
    path = Path(config_file)
    name = str(config_file)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_MkDocsYamlLoader) or {}
    except FileNotFoundError:
        raw = None
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError, TypeError) as exc:
        # ValueError: YAML's own date parsing (holidays: [2027-02-30]).
        cfg, problems = options_to_config({}, base_dir=path.parent, config_file=name)
        return _with_dir(cfg, catalogue_dir), [problem(
            "config-invalid", name, None, None, f"无法读取配置文件 {name}：{exc}",
            "检查 mkdocs.yml 的 YAML 写法。"), *problems]
    if raw is None:
        cfg, problems = options_to_config({}, base_dir=path.parent, config_file=name)
        problems = [] if catalogue_dir else [problem(
            "config-invalid", name, None, None, f"找不到配置文件 {path}，使用默认配置。",
            "在仓库根目录运行，或用 --config 指定 mkdocs.yml。")]
        cfg = _with_dir(cfg, catalogue_dir)
        return cfg, problems
    section = plugin_section(raw if isinstance(raw, Mapping) else {}) or {}
    cfg, problems = options_to_config(section, base_dir=path.parent, config_file=name)
    return _with_dir(cfg, catalogue_dir), problems


def _with_dir(cfg: CatalogueConfig, catalogue_dir: str | Path | None) -> CatalogueConfig:
    if catalogue_dir is None:
        return cfg
    from dataclasses import replace
    return replace(cfg, catalogue_dir=Path(catalogue_dir))


def options_to_config(options: Mapping[str, Any], *, base_dir: Path = Path("."),
                      config_file: str = "mkdocs.yml") -> tuple[CatalogueConfig, list[Problem]]:
    """Validate raw option values and build the typed configuration.

    Every problem is reported at once; a bad option falls back to its default
    so the rest of the catalogue can still be checked.
    """
    problems: list[Problem] = []
    known = {o.name: o for o in OPTIONS}

    def bad(key: str, message: str, hint: str = "") -> None:
        problems.append(problem("config-invalid", config_file, None, key, message, hint))

    values: dict[str, Any] = {}
    for key, value in options.items():
        option = known.get(key)
        if option is None:
            close = difflib.get_close_matches(str(key), known, n=1)
            problems.append(problem(
                "config-unknown-option", config_file, None, str(key),
                f"catalogue 插件没有名为 {key} 的配置项。",
                f"你是不是想写 {close[0]}？" if close else "可用的配置项见文档“配置”一节。"))
            continue
        if value is None:
            continue
        if option.type is int and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            bad(key, f"配置项 {key} 应是一个非负整数，现在是 {value!r}。")
            continue
        if option.type is str and not isinstance(value, str):
            bad(key, f"配置项 {key} 应是一段文字，现在是 {value!r}。")
            continue
        if option.type is list and not (isinstance(value, list) and all(isinstance(v, (str, int)) for v in value)):
            bad(key, f"配置项 {key} 应是文字列表。")
            continue
        if option.type is bool and not isinstance(value, bool):
            bad(key, f"配置项 {key} 应是 true 或 false，现在是 {value!r}。")
            continue
        if option.type is dict and not isinstance(value, Mapping):
            bad(key, f"配置项 {key} 应是“名称: 取值”的映射。")
            continue
        values[key] = value

    typed: dict[str, Any] = {"config_file": config_file}
    typed["catalogue_dir"] = base_dir / values.get("catalogue_dir", "catalogue")
    cache_dir = values.get("cache_dir", ".cache/catalogue").strip()
    typed["cache_dir"] = base_dir / cache_dir if cache_dir else None
    for key in ("agency", "agency_code", "index_no_example", "site_code", "icp", "police_record", "feedback_url"):
        if key in values:
            typed[key] = values[key].strip()
    for key in ("interpretation_deadline_workdays", "disclosure_deadline_workdays",
                "budget_deadline_days", "max_record_bytes", "page_size", "workers"):
        if key in values:
            typed[key] = values[key]
    if "page_size" in typed and typed["page_size"] == 0:
        bad("page_size", "配置项 page_size 必须大于 0。")
        del typed["page_size"]
    if "index_no_pattern" in values:
        try:
            typed["index_no_pattern"] = re.compile(values["index_no_pattern"])
        except re.error as exc:
            bad("index_no_pattern", f"index_no_pattern 不是有效的正则表达式：{exc}。")
    for key, allowed in (("index_no_date_field", ("published", "written", "none")),
                         ("disclosure_clock_field", ("written", "published"))):
        if key in values:
            if values[key] in allowed:
                typed[key] = values[key]
            else:
                bad(key, f"配置项 {key} 只能是 {'、'.join(allowed)} 之一。")
    if "categories" in values:
        cats = tuple(str(c).strip() for c in values["categories"])
        if not cats:
            bad("categories", "categories 不能为空。")
        else:
            typed["categories"] = cats
    if "interpretation_required" in values:
        from .model.fields import DocType
        req = set()
        for name in values["interpretation_required"]:
            dtype = DocType.lookup(str(name))
            if dtype is None:
                bad("interpretation_required", f"interpretation_required 中的 {name} 不是文种。",
                    "可选：规章、行政规范性文件、其他文件。")
            else:
                req.add(dtype.value)
        typed["interpretation_required"] = frozenset(req)
    if "attachment_types" in values:
        typed["attachment_types"] = frozenset(str(v).strip().lower().lstrip(".") for v in values["attachment_types"])
    if "privacy_allowlist" in values:
        typed["privacy_allowlist"] = frozenset(str(v).strip() for v in values["privacy_allowlist"])
    if "severity" in values:
        sev = {}
        for code, level in values["severity"].items():
            if code not in CODES:
                bad("severity", f"severity 中的 {code} 不是已知的问题代码。",
                    "问题代码见文档“问题代码”一节。")
            elif level not in ("error", "warning", "off"):
                bad("severity", f"severity 中 {code} 的取值只能是 error、warning 或 off。")
            else:
                sev[code] = level
        typed["severity"] = sev
    if "calendar" in values:
        typed["calendar"] = dict(values["calendar"])
    if "allow_empty_catalogue" in values:
        typed["allow_empty_catalogue"] = values["allow_empty_catalogue"]
    return CatalogueConfig(**typed), problems


def parse_as_of(text: str | None, today: dt.date) -> dt.date:
    """The ``--as-of`` date, or ``today`` (passed in by the caller, never read here)."""
    if text is None:
        return today
    return dt.date.fromisoformat(text)
