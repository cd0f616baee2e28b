"""Configuration: one option table, one reading, one message for every path.

The same mistake in the ``catalogue`` section of mkdocs.yml must give the same
Chinese message from ``catalogue check``, ``catalogue build``, ``mkdocs
build`` and ``mkdocs serve``, stop every build (strict or not), and never a
traceback; values are read as the office wrote them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.cli import main
from build_tools.config import (
    DEFAULT_INDEX_NO_PATTERN,
    DECIDES_PUBLICATION,
    NOT_OFF,
    OPTIONS,
    PUBLISHED_AS_WARNING,
    CatalogueConfig,
    Kind,
    config_for_plugin,
    load_config,
    options_reference,
    options_to_config,
)
from build_tools.diagnostics import Severity

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
HEAD = "site_name: 测试\nplugins:\n  - catalogue:\n"
CJK = re.compile(r"[\u4e00-\u9fff]")


def write_site(root: Path, section: str) -> Path:
    """A minimal MkDocs project whose catalogue section is ``section`` (indented by 6)."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    (root / "catalogue").mkdir(exist_ok=True)
    body = "".join(f"      {line}\n" for line in section.splitlines())
    config = root / "mkdocs.yml"
    config.write_text(HEAD + body, encoding="utf-8")
    return config


def core_problems(config_file: Path):
    _, problems = load_config(config_file)
    return [(p.key, p.code, p.message, p.hint) for p in problems]


def plugin_failure(config_file: Path, monkeypatch) -> str | None:
    """The message ``on_config`` stops the MkDocs build with, or None."""
    from mkdocs.config import load_config as mkdocs_load_config
    from mkdocs.exceptions import PluginError

    monkeypatch.chdir(config_file.parent)
    config = mkdocs_load_config(str(config_file))  # MkDocs itself must not reject first (English, type names)
    try:
        config.plugins.on_config(config)
    except PluginError as exc:
        return str(exc)
    return None


# --- one table --------------------------------------------------------------------------------------

def test_every_option_has_one_default_a_type_chinese_help_and_docs():
    docs = (ROOT / "docs" / "reference" / "options.md").read_text(encoding="utf-8")
    assert docs == options_reference(), "run: catalogue schema"
    defaults, problems = options_to_config({})
    assert problems == []
    for o in OPTIONS:
        assert isinstance(o.kind, Kind) and o.type in (str, int, list, dict, bool), o.name
        assert CJK.search(o.help), o.name
        assert f"| `{o.name}` | {o.kind.label}" in docs, o.name
        # The default, written out as an office would, reads to the typed default without a word.
        config, problems = options_to_config({o.name: o.default})
        assert problems == [] and config == defaults, o.name
    # The dataclass holds no second default: every field but the bookkeeping ones is required.
    own = {f.name for f in dataclasses.fields(CatalogueConfig)
           if f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING}
    assert own == {"config_file"}
    assert [f.name for f in dataclasses.fields(CatalogueConfig)][:len(OPTIONS)] == [o.name for o in OPTIONS]


def test_cache_dir_has_one_default():
    assert options_to_config({})[0].cache_dir == Path(".cache/catalogue")
    assert options_to_config({"cache_dir": ""})[0].cache_dir is None


@pytest.mark.parametrize("catalogue", [".", ".."])
def test_a_catalogue_dir_holding_the_project_is_said_on_catalogue_dir_not_on_an_unwritten_cache_dir(tmp_path,
                                                                                                  catalogue):
    """``catalogue_dir: .`` with no cache_dir line: the default cache lay in the catalogue, and the office was told
    to delete a cache_dir line it did not have (a review).  A cache_dir it wrote is still the one named."""
    config, problems = options_to_config({"catalogue_dir": catalogue}, base_dir=tmp_path)
    (p,) = problems
    assert (p.code, p.key) == ("config-invalid", "catalogue_dir") and "项目文件夹" in p.message
    assert "catalogue_dir: catalogue" in p.hint and "cache_dir" not in p.message + p.hint and config.cache_dir is None
    (p,) = options_to_config({"catalogue_dir": catalogue, "cache_dir": "build-cache"}, base_dir=tmp_path)[1]
    assert p.key == "cache_dir"
    config, problems = options_to_config({}, base_dir=tmp_path, catalogue_dir=tmp_path, catalogue_option="--catalogue")
    (p,) = problems
    assert p.key == "--catalogue" and f"写 --catalogue {tmp_path / 'catalogue'}，" in p.hint  # from elsewhere: its path


def test_mkdocs_receives_pass_through_options_without_defaults():
    from build_tools.mkdocs_plugin.plugin import CatalogueOptions, PassThrough
    options = CatalogueOptions()
    assert set(options) == {o.name for o in OPTIONS}
    assert all(v is None for v in options.values())
    for o in OPTIONS:
        assert isinstance(getattr(CatalogueOptions, o.name), PassThrough)


# --- the same message from every path ---------------------------------------------------------------

MISTAKES = {
    "word-for-a-number": "page_size: abc",
    "negative": "page_size: -3",
    "fraction": "workers: 1.5",
    "unquoted-code": "agency_code: 015200371",
    "severity-on": "severity: {late-disclosure: on}",
    "severity-unknown-code": "severity: {late-disclsure: off}",
    "typo-in-option": "catalog_dir: catalogue",
    "bad-dates": "calendar: {holidays: ['2024-02-30', 2024/10/01, 20241001]}",
    "date-not-a-list": "calendar: {holidays: 20241001}",
    "word-year-group": r"index_no_pattern: '^(?P<org>\d{9})/(?P<year>\w{4})-(?P<serial>\d{5})$'",
    "empty-categories": "categories: []",
    "categories-not-a-list": "categories: 综合政务",
    "date-field-yes": "index_no_date_field: yes",
    "text-for-a-list": "privacy_allowlist: 12328",
    "octal-in-a-list": "privacy_allowlist: [010123]",
    "list-for-text": "agency: [某局]",
}


@pytest.mark.parametrize("section", MISTAKES.values(), ids=MISTAKES.keys())
def test_same_message_from_catalogue_and_mkdocs(tmp_path, monkeypatch, section):
    config_file = write_site(tmp_path, section)
    problems = core_problems(config_file)
    assert problems and all(code.startswith("config-") for _, code, _, _ in problems)
    for key, _, message, hint in problems:
        assert CJK.search(message) and "<class" not in message and "Expected" not in message
        assert key
    failure = plugin_failure(config_file, monkeypatch)
    assert failure is not None, "mkdocs build went on after a configuration error"
    for key, code, message, hint in problems:
        assert f"{key} [{code}] {message}" in failure
        assert hint in failure
    assert "Expected type" not in failure and "<class" not in failure


def test_unknown_option_suggests_the_closest_name(tmp_path):
    (problem,) = load_config(write_site(tmp_path, "catalog_dir: x"))[1]
    assert (problem.key, problem.code, problem.severity) == ("catalog_dir", "config-unknown-option", Severity.ERROR)
    assert "catalogue_dir" in problem.hint


def test_config_problems_carry_their_line(tmp_path):
    config_file = write_site(tmp_path, "agency: 某局\npage_size: 0\ncalendar:\n  holidays:\n    - 2024-02-30\n")
    lines = {p.key: p.line for p in load_config(config_file)[1]}
    assert lines == {"page_size": 5, "calendar.holidays[0]": 8}


def test_an_option_written_twice_is_a_problem(tmp_path):
    problems = load_config(write_site(tmp_path, "agency: 甲局\nagency: 乙局"))[1]
    assert [(p.key, p.line) for p in problems] == [("agency", 5)]


# --- values as the office wrote them ----------------------------------------------------------------

@pytest.mark.parametrize("word", ["off", "Off", "no", "false"])
def test_severity_off_is_off(tmp_path, monkeypatch, word):
    config_file = write_site(tmp_path, f"severity: {{late-disclosure: {word}}}")
    config, problems = load_config(config_file)
    assert problems == [] and config.severity == {"late-disclosure": "off"}
    assert plugin_failure(config_file, monkeypatch) is None


def test_index_no_date_field_off_is_none(tmp_path):
    config, problems = load_config(write_site(tmp_path, "index_no_date_field: off"))
    assert problems == [] and config.index_no_date_field == "none"


def test_unquoted_code_is_refused_showing_the_digits_typed(tmp_path):
    (p,) = load_config(write_site(tmp_path, "agency_code: 015200371"))[1]
    assert p.key == "agency_code" and "015200371" in p.message and "3473657" in p.message
    assert "引号" in p.hint
    # Without the YAML source (values handed over already parsed) the octal is still undone.
    (p,) = options_to_config({"agency_code": 3473657})[1]
    assert "015200371" in p.message and "引号" in p.hint


def test_numbers_yaml_kept_as_typed_are_text(tmp_path):
    config, problems = load_config(write_site(tmp_path, "site_code: 5200000031\nprivacy_allowlist: [12328]"))
    assert problems == []
    assert config.site_code == "5200000031" and config.privacy_allowlist == {"12328"}


def test_quoted_and_full_width_numbers_are_numbers(tmp_path):
    config, problems = load_config(write_site(tmp_path, "page_size: \"30\"\nworkers: ２"))
    assert problems == [] and (config.page_size, config.workers) == (30, 2)


@pytest.mark.parametrize("section", ["calendar: {holidays: [2024-02-30]}",
                                     "calendar: {years: {2027: {holidays: [2027-02-30], workdays: []}}}"])
def test_impossible_unquoted_date_is_a_calendar_problem_with_its_key(tmp_path, section):
    problems = load_config(write_site(tmp_path, section))[1]
    assert problems and all(p.key.startswith("calendar.") and p.code == "config-invalid" for p in problems)
    assert any("2024-02-30" in p.message or "2027-02-30" in p.message for p in problems)


def test_empty_categories_is_a_configuration_error():
    (p,) = options_to_config({"categories": []})[1]
    assert (p.key, p.code, p.severity) == ("categories", "config-invalid", Severity.ERROR)
    (p,) = options_to_config({"categories": ["综合政务", "  "]})[1]
    assert p.key == "categories[1]"


def test_a_category_listed_twice_is_said_in_the_configuration():
    """Two list pages on one path were reported on two records that were right, told to change their index numbers;
    mkdocs.yml was not named (a review)."""
    config, problems = options_to_config({"categories": ["综合政务", "工业、交通/公路", "综合政务"]})
    (p,) = problems
    assert (p.key, p.code) == ("categories[2]", "config-invalid") and "两次" in p.message
    assert config.categories == ("综合政务", "工业、交通/公路")


def test_configuration_severity_cannot_be_changed():
    (p,) = options_to_config({"severity": {"config-invalid": "off"}})[1]
    assert p.key == "severity.config-invalid"


@pytest.mark.parametrize("code", ["duplicate-index-no", "duplicate-record", "duplicate-output-path", "invalid-date",
                                  "not-utf8", "published-far-future"])
@pytest.mark.parametrize("level", ["off", "warning", False])
def test_a_code_that_keeps_a_record_off_cannot_be_silenced(code, level):
    """``severity: {duplicate-index-no: off}`` was accepted: a copied notice that kept its 索引号 took the published
    notice's address (or vanished beside it) while check said 没有发现问题; a warning let the strict build deploy the
    site without the record (a review).  Raising to error stays allowed."""
    config, problems = options_to_config({"severity": {code: level}})
    (p,) = problems
    assert (p.code, p.key) == ("config-invalid", f"severity.{code}")
    assert code in p.message and "不会发布" in p.message and f"删去 severity 中 {code} 这一行" in p.hint
    assert not options_to_config({"severity": {code: "error"}})[1]


@pytest.mark.parametrize("code", sorted(NOT_OFF))
def test_a_code_whose_severity_decides_publication_can_be_lowered_not_turned_off(code):
    """As an error it keeps a record off; as a warning the office chose to publish it, and check still names it;
    off, it was published (or kept off) with no word."""
    (p,) = options_to_config({"severity": {code: "off"}})[1]
    assert (p.code, p.key) == ("config-invalid", f"severity.{code}")
    assert (f"{code}: warning" in p.hint) == (code in PUBLISHED_AS_WARNING)
    config, problems = options_to_config({"severity": {code: "warning"}})
    assert not problems and config.severity == {code: "warning"}


def test_every_code_that_decides_publication_is_listed_in_the_severity_option_docs():
    from build_tools.pipeline import KEEP_OFF
    described = next(o for o in OPTIONS if o.name == "severity").help
    assert all(code in described for code in DECIDES_PUBLICATION | NOT_OFF)
    assert PUBLISHED_AS_WARNING == KEEP_OFF  # the codes kept_off reads the severity of


# --- index_no_pattern: the year and month groups are numbers ----------------------------------------

DIGIT_PATTERNS = [
    DEFAULT_INDEX_NO_PATTERN,
    r"^GS(?P<unit>\d{4})-GK(?P<cat>\d{3})-(?P<date>\d{8})-(?P<serial>\d{6})$",
    r"^(?P<org>\d{9})/(?P<year>[0-9]{4})-(?P<serial>\d+)$",
    r"^(?P<org>\d{9})/(?P<year>(?:19|20)\d\d)(?P<month>0[1-9]|1[0-2])?-(?P<serial>\d+)$",
    r"^(?P<org>\d{9})/(?P<year>\d{4}|\d{2})-(?P<serial>\d+)$",
]
WORD_PATTERNS = [
    r"^(?P<org>\d{9})/(?P<year>\w{4})-(?P<serial>\d+)$",
    r"^(?P<org>\d{9})/(?P<year>.{4})-(?P<serial>\d+)$",
    r"^(?P<org>\d{9})/(?P<year>[^-]+)-(?P<serial>\d+)$",
    r"^(?P<org>\d{9})/(?P<year>\d{4})(?P<month>\S\S)-(?P<serial>\d+)$",
    r"^(?P<org>\d{9})/(?P<year>\d{2}[0-9a-z]{2})-(?P<serial>\d+)$",
]


@pytest.mark.parametrize("pattern", WORD_PATTERNS)
def test_a_year_group_that_can_meet_a_word_is_a_configuration_problem(pattern):
    (p,) = options_to_config({"index_no_pattern": pattern})[1]
    assert (p.key, p.code) == ("index_no_pattern", "config-invalid")


@pytest.mark.parametrize("pattern", DIGIT_PATTERNS)
def test_digit_groups_are_accepted_and_always_read_as_numbers(pattern):
    config, problems = options_to_config({"index_no_pattern": pattern})
    assert problems == []

    @settings(max_examples=40, deadline=None)
    @given(st.from_regex(config.index_no_pattern, fullmatch=True))
    def numbers(text):
        m = config.index_no_pattern.match(text)
        for name in ("year", "month"):
            if m and m.groupdict().get(name):
                int(m.group(name))  # what validate.py does; must never raise

    numbers()


def test_word_year_in_a_record_no_longer_reaches_the_validator(tmp_path, capsys, monkeypatch):
    """The old traceback: a custom pattern whose year group met 'abcd' in a record."""
    write_site(tmp_path, r"index_no_pattern: '^(?P<org>\d{9})/(?P<year>\w{4})-(?P<serial>\d{5})$'")
    (tmp_path / "catalogue" / "a.md").write_text(
        "---\nindex_no: 015200371/abcd-00001\ntitle: 通知\nkind: notice\nissuer: 某局\n"
        "category: 综合政务\npublished: 2024-03-05\n---\n正文。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--as-of", "2024-06-01", "--format", "json"]) == 1
    assert '"index_no_pattern"' in capsys.readouterr().out


# --- every build stops ------------------------------------------------------------------------------

def test_catalogue_check_reports_configuration_errors_and_exits_1(tmp_path, capsys, monkeypatch):
    write_site(tmp_path, "agency_code: 015200371\nseverity: {late-disclosure: off}")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--as-of", "2024-06-01"]) == 1
    out = capsys.readouterr().out
    assert "015200371" in out and "late-disclosure" not in out


def test_catalogue_build_stops_on_a_configuration_error(tmp_path, capsys, monkeypatch):
    # Unquoted impossible date: MkDocs' own YAML reader would raise; catalogue build stops first.
    write_site(tmp_path, "calendar: {holidays: [2024-02-30]}")
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--site-dir", str(tmp_path / "site")]) == 1
    err = capsys.readouterr().err
    assert "calendar.holidays[0]" in err and "2024-02-30" in err and "Traceback" not in err
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("command", [["build"], ["serve", "-a", "127.0.0.1:0"]])
def test_mkdocs_build_and_serve_stop_on_a_configuration_error_without_strict(tmp_path, command):
    write_site(tmp_path, "page_size: abc\ncatalog_dir: catalogue")
    run = subprocess.run([sys.executable, "-m", "mkdocs", *command], cwd=tmp_path, env=ENV,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode != 0
    assert "配置项 page_size 应是一个不小于 1 的整数，现在是 abc。" in run.stderr
    assert "你是不是想写 catalogue_dir？" in run.stderr
    assert "Expected type" not in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "site").exists()


# --- never an exception -----------------------------------------------------------------------------

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
    st.text(max_size=12), st.dates(), st.datetimes(),
    st.sampled_from(["off", "on", "2024-02-30", "2024/10/01", "12-20", "error", "published", "规章", "０１５",
                     "\u200b", "(?P<year>\\w+)", "(", "2027", "holidays"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.one_of(st.text(max_size=8), st.integers(1990, 2030),
                              st.sampled_from(["years", "holidays", "workdays", "year_end_guard",
                                               "late-disclosure", "invalid-date"])), inner, max_size=4)),
    max_leaves=12)
names = st.sampled_from([o.name for o in OPTIONS] + ["catalog_dir", "enabled"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(names, values, max_size=4))
def test_reader_gives_a_config_and_problems_never_an_exception(options):
    config, problems = options_to_config(options)
    assert isinstance(config, CatalogueConfig)
    for p in problems:
        assert p.code.startswith("config-") and p.severity is Severity.ERROR and CJK.search(p.message)


calendars = st.fixed_dictionaries({}, optional={
    "years": st.dictionaries(st.one_of(st.integers(-5, 10000), st.text(max_size=5)),
                             st.one_of(values, st.fixed_dictionaries({}, optional={
                                 "holidays": st.lists(st.one_of(st.dates(), st.text(max_size=12), scalars), max_size=3),
                                 "workdays": st.lists(st.one_of(st.dates(), scalars), max_size=3)})), max_size=3),
    "holidays": st.one_of(values, st.lists(st.one_of(st.dates(), scalars), max_size=4)),
    "workdays": st.one_of(values, st.lists(st.dates(), max_size=4)),
    "year_end_guard": values,
})


@settings(max_examples=60, deadline=None)
@given(calendars)
def test_calendar_reader_never_raises(calendar):
    config, problems = options_to_config({"calendar": calendar})
    assert all(p.key.startswith("calendar") for p in problems)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(names, values, max_size=3))
def test_mkdocs_yml_reader_never_raises(tmp_path, options):
    text = HEAD + "\n".join("      " + line for line in
                            yaml.safe_dump(options, allow_unicode=True, default_flow_style=False).splitlines())
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(text + "\n", encoding="utf-8")
    config, problems = load_config(config_file)
    again, same = config_for_plugin(yaml.safe_load(text)["plugins"][0]["catalogue"] or {}, str(config_file))
    assert [(p.key, p.message) for p in problems] == [(p.key, p.message) for p in same]
    assert isinstance(config, CatalogueConfig) and isinstance(again, CatalogueConfig)


def test_broken_yaml_is_one_problem_not_a_traceback(tmp_path):
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(HEAD + "      agency: [未闭合\n", encoding="utf-8")
    (p,) = load_config(config_file)[1]
    assert p.code == "config-invalid" and p.line and CJK.search(p.message)


def test_dates_as_mkdocs_parses_them_still_read(tmp_path):
    """MkDocs hands valid dates over as date objects; the plugin path accepts them like the CLI."""
    config, problems = config_for_plugin({"calendar": {"holidays": [dt.date(2025, 6, 10)]}}, None)
    assert problems == [] and config.calendar == {"holidays": [dt.date(2025, 6, 10)]}


def test_options_in_a_file_that_mkdocs_yml_inherits_are_read(tmp_path):
    """``INHERIT: base.yml`` with the plugin's options in base.yml: the build read them, ``check`` read
    mkdocs.yml alone and fell back to the defaults (found by a review).  Read as MkDocs merges it: this
    file's values over the inherited ones; a problem names the file and line it is on."""
    base = write_site(tmp_path, "agency: 某局\ncategories: [甲类/乙类]\npage_size: 0\n")
    base.rename(tmp_path / "base.yml")
    (tmp_path / "mkdocs.yml").write_text("INHERIT: base.yml\nsite_name: 分站\n", encoding="utf-8")
    config, problems = load_config(tmp_path / "mkdocs.yml")
    assert config.agency == "某局" and config.categories == ("甲类/乙类",)
    assert [(Path(p.file).name, p.key, p.line) for p in problems] == [("base.yml", "page_size", 6)]
    # this file's own plugin section wins
    (tmp_path / "mkdocs.yml").write_text("INHERIT: base.yml\nplugins:\n  - catalogue:\n      agency: 分局\n",
                                         encoding="utf-8")
    config, problems = load_config(tmp_path / "mkdocs.yml")
    assert config.agency == "分局" and problems == []
    # a file INHERIT names that is not there is a problem saying so, never a traceback
    (tmp_path / "mkdocs.yml").write_text("INHERIT: missing.yml\n", encoding="utf-8")
    config, problems = load_config(tmp_path / "mkdocs.yml")
    assert [p.code for p in problems] == ["config-invalid"] and "INHERIT" in problems[0].message


def test_check_reads_env_tags_as_the_build_does(tmp_path, monkeypatch):
    """mkdocs.yml's !ENV: the build (MkDocs) read the environment's value, check the option's default, so
    the check in CI and the build disagreed (a review)."""
    (tmp_path / "catalogue").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: 测试\nplugins:\n  - catalogue:\n      catalogue_dir: catalogue\n"
        "      max_record_bytes: !ENV [CATALOGUE_MAX_BYTES, 3000]\n", encoding="utf-8")
    monkeypatch.delenv("CATALOGUE_MAX_BYTES", raising=False)
    config, problems = load_config(tmp_path / "mkdocs.yml")
    assert problems == [] and config.max_record_bytes == 3000
    monkeypatch.setenv("CATALOGUE_MAX_BYTES", "4000")
    assert load_config(tmp_path / "mkdocs.yml")[0].max_record_bytes == 4000


@pytest.mark.parametrize("appended, said", [("plugins:\n  - search\n", "plugins 下没有它"),
                                            ("", "enabled: false")])
def test_a_configuration_without_the_plugin_is_said_by_the_check(tmp_path, capsys, appended, said):
    """Material's documentation shows plugins: - search; appended at the end of mkdocs.yml, YAML kept that second
    key and the catalogue plugin was gone: the check judged the records by the default options (the office's
    categories all unknown), and mkdocs build emptied the site before failing (a review).  The check says both:
    the key written twice, and the plugin not enabled."""
    from build_tools import cli
    project = tmp_path / "office"
    shutil.copytree(ROOT / "catalogue", project / "catalogue")
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if not appended:
        text = text.replace("  - catalogue:\n", "  - catalogue:\n      enabled: false\n", 1)
    (project / "mkdocs.yml").write_text(text + appended, encoding="utf-8")
    code = cli.main(["check", "--config", str(project / "mkdocs.yml"), "--as-of", "2026-12-01", "--format", "json"])
    out = capsys.readouterr()
    assert code != 0 and said in out.out + out.err, out
    assert ("又写了一次 plugins:" in out.out + out.err) == bool(appended)


def test_generate_beside_an_ordinary_mkdocs_site_uses_the_defaults(tmp_path, monkeypatch, capsys):
    """generate (and import) run beside a Material site with no catalogue plugin were refused by the check's
    plugin rule, though they use the defaults there as their help says (a review)."""
    from build_tools import cli
    (tmp_path / "mkdocs.yml").write_text("site_name: 某站\ntheme:\n  name: material\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["generate", "3", "--out", "demo"]) == 0, capsys.readouterr().err
    assert cli.main(["check", "--config", "mkdocs.yml"]) != 0  # the check still says the plugin is missing


def test_a_configuration_file_in_gbk_is_told_to_be_saved_as_utf8(tmp_path):
    """A GBK mkdocs.yml was told to check its indentation and quotes (a review)."""
    (tmp_path / "mkdocs.yml").write_bytes("site_name: 测试\nplugins:\n  - catalogue:\n      agency: 江川省交通运输厅\n"
                                          .encode("gbk"))
    problems = load_config(tmp_path / "mkdocs.yml")[1]
    [p] = [p for p in problems if p.code == "config-invalid"]
    assert "UTF-8" in p.message + p.hint and "另存为" in p.hint and "缩进" not in p.hint
