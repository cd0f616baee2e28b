"""Search: 有效性 in the index and the ranking, the hide-lapsed filter, query-time synonyms, the option.

The Python reader (build_tools.search.query) is the reference the browser
tests hold search.js to; these tests pin its behaviour on a small catalogue
written here and on the sample catalogue.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from build_tools.config import options_to_config
from build_tools.search import build_search
from build_tools.search.encoding import read_sparse_column, sparse_column
from build_tools.search.index import ROOT as INDEX_ROOT
from build_tools.search.index import STATUSES
from build_tools.search.normalise import normalise
from build_tools.search.query import SearchIndex
from build_tools.search.synonyms import alternatives, default_groups, merge_groups, split_group

from .test_search import ROOT, Built, write_record

# -- synonym expansion -------------------------------------------------------------------


def test_the_default_table_holds_the_common_terms_as_groups():
    groups = default_groups()
    for a, b in (("出租车", "出租汽车"), ("网约车", "网络预约出租汽车"), ("驾照", "机动车驾驶证"), ("公交车", "公共汽车")):
        assert any(a in g and b in g for g in groups), (a, b)
    members = [m for g in groups for m in g]
    assert len(members) == len(set(members))  # a spelling belongs to one group


def test_a_term_expands_to_itself_first_then_its_synonyms():
    groups = [[normalise(m) for m in g] for g in default_groups()]
    assert alternatives("出租车", groups) == ["出租车", "出租汽车"]
    assert alternatives("网约车", groups) == ["网约车", "网络预约出租汽车", "网络预约出租车"]
    # inside a longer term, the longest member at each place is replaced
    assert alternatives("网约车管理", groups) == ["网约车管理", "网络预约出租汽车管理", "网络预约出租车管理"]
    assert alternatives("公交车站", groups) == ["公交车站", "公共汽车站", "公共汽电车站"]
    # an alternative holding another one adds nothing: 机动车驾驶证 holds 驾驶证
    assert alternatives("驾驶证", groups) == ["驾驶证", "驾照"]
    assert alternatives("机动车驾驶证", groups) == ["机动车驾驶证", "驾照", "驾驶证"]
    assert alternatives("路政", groups) == ["路政"]
    assert alternatives("网约车", []) == ["网约车"]
    # two sites multiply, up to eight alternatives
    assert len(alternatives("网约车驾照", groups)) == 8


def test_groups_sharing_a_member_are_merged():
    assert merge_groups([["a", "b"], ["c", "d"], ["b", "c"], ["e"], ["f", "f"]]) == (("a", "b", "c", "d"),)
    assert split_group(" 出租车 / 出租汽车、的士 ") == ["出租车", "出租汽车", "的士"]


# -- a small catalogue ---------------------------------------------------------------------

BODY = "为规范{}经营服务行为，保障乘客合法权益，现将有关事项通知如下。"


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Built:
    cat = tmp_path_factory.mktemp("status") / "catalogue"
    cat.mkdir()
    # A repealed and an in-force notice of equal relevance for 网约车; the repealed one is newer.
    write_record(cat, "a.md", "00001", "关于网约车服务的通知", BODY.format("网约车"), published="2024-05-06",
                 extra="validity: 已废止\n")
    write_record(cat, "b.md", "00002", "关于网约车服务的补充通知", BODY.format("网约车"), published="2024-03-01")
    # Says only 网络预约出租汽车: found from 网约车 through the synonym.
    write_record(cat, "c.md", "00003", "关于网络预约出租汽车服务的通知", BODY.format("网络预约出租汽车"),
                 published="2024-05-10")
    write_record(cat, "d.md", "00004", "关于出租汽车服务的通知", BODY.format("出租汽车"), published="2024-02-01",
                 extra="validity: 已失效\n")
    write_record(cat, "e.md", "00005", "关于网约车服务的说明", BODY.format("网约车"), published="2024-01-01",
                 extra="validity: 已修改\n")
    return Built(cat)


def numbers(built: Built, docs: list[int]) -> list[str]:
    return [built.docs[d].index_no[-5:] for d in docs]


def test_a_notice_carries_its_status_as_its_record_page_shows_it(small):
    validity = {d.index_no[-5:]: d.validity for d in small.docs}
    # the record page of any kind shows a banner when not 现行有效; an in-force notice shows none
    assert validity == {"00001": "已废止", "00002": "", "00003": "", "00004": "已失效", "00005": "已修改"}
    labels = {small.docs[d].index_no[-5:]: small.index.status_label(d) for d in range(len(small.docs))}
    assert labels == validity


def test_synonyms_find_what_the_records_say_and_say_which_synonym(small):
    result = small.index.search("网约车")
    assert set(numbers(small, result.docs)) == {"00001", "00002", "00003", "00005"}
    c = small.by_index_no("015200371/2024-00003")
    assert result.via == {c: ["网络预约出租汽车"]}
    assert numbers(small, small.index.search("网约车", synonyms=False).docs) == ["00002", "00005", "00001"]
    taxi = small.index.search("出租车")
    assert numbers(small, taxi.docs) == ["00003", "00004"]  # 网络预约出租汽车 holds 出租汽车
    assert all(v == ["出租汽车"] for v in taxi.via.values()) and len(taxi.via) == 2


def test_of_equal_relevance_current_comes_first_then_exact_then_amended_then_repealed(small):
    # every result has 网约车 (or its synonym) in its title: equal relevance
    order = numbers(small, small.index.search("网约车").docs)
    assert order == ["00002", "00003", "00005", "00001"]
    # without the status, the newer repealed notice would win the tie on date
    assert numbers(small, small.index.search("网约车", sort="date").docs) == ["00003", "00001", "00002", "00005"]


def test_relevance_still_comes_before_status(small):
    # 通知 and 服务 are both in every title but the amended 说明's: the repealed and the expired notice
    # (more terms in their titles) rank above it, below the in-force notices of equal relevance
    order = numbers(small, small.index.search("通知 服务").docs)
    assert order[-1] == "00005"
    assert set(order[:2]) == {"00002", "00003"} and set(order[2:4]) == {"00001", "00004"}


def test_the_hide_filter_leaves_out_repealed_and_expired_records(small):
    hidden = small.index.search("网约车", {"hide": "lapsed"})
    assert numbers(small, hidden.docs) == ["00002", "00003", "00005"]  # amended stays: still partly in force
    assert numbers(small, small.index.search("", {"hide": "lapsed"}).docs) == ["00003", "00002", "00005"]
    assert small.index.search("出租车", {"hide": "lapsed"}).docs == [small.by_index_no("015200371/2024-00003")]
    # the filter counts obey it too
    kinds = hidden.facet_counts["kind"]
    assert sum(kinds.values()) == 3
    assert small.index.search("网约车", {"hide": "other"}).docs == small.index.search("网约车").docs


def test_meta_carries_status_and_synonyms_compactly(small):
    meta = json.loads(small.files[INDEX_ROOT + "meta.json"])
    assert meta["status"]["values"] == [list(s) for s in STATUSES]
    labels = [v[1] for v in meta["status"]["values"]]
    column = read_sparse_column(meta["status"]["docs"], meta["n"])
    assert [labels[c] if c >= 0 else "" for c in column] == [d.validity if d.validity != "现行有效" else ""
                                                             for d in small.docs]
    assert len(meta["status"]["docs"]) <= 2 * sum(c >= 0 for c in column)
    assert ["出租车", "出租汽车"] in meta["synonyms"]
    assert all(m == normalise(m) for g in meta["synonyms"] for m in g)
    # the postings stay exact: the synonyms add no file and change no chunk
    plain = build_search(small.public, small.config.catalogue_dir, small.config.categories, synonyms=())
    assert {p for p in plain if not p.endswith("meta.json")} == {p for p in small.files if not p.endswith("meta.json")}
    assert all(plain[p] == small.files[p] for p in plain if not p.endswith("meta.json"))
    assert json.loads(plain[INDEX_ROOT + "meta.json"])["synonyms"] == []
    index = SearchIndex(plain.__getitem__)
    assert numbers(small, index.search("网约车").docs) == ["00002", "00005", "00001"]


def test_the_sparse_column_round_trips():
    for values in ([], [-1] * 50, [0, 7, -1, -1, 3], [-1] * 4000 + [2] + [-1] * 10 + [4]):
        assert read_sparse_column(sparse_column(values), len(values)) == values
    assert len(sparse_column([-1] * 3 + [2])) == 1


# -- the sample catalogue ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> Built:
    return Built(ROOT / "catalogue")


def test_the_sample_repealed_and_expired_records_carry_their_labels(sample):
    repealed = sample.by_index_no("015200371/2019-00001")
    expired = sample.by_index_no("015200371/2022-00001")
    assert sample.index.status_label(repealed) == "已废止"
    assert sample.index.status_label(expired) == "已失效"
    assert repealed in sample.index.search("路政许可").docs
    assert repealed not in sample.index.search("路政许可", {"hide": "lapsed"}).docs
    assert expired not in sample.index.search("纾困", {"hide": "lapsed"}).docs


def test_the_amended_original_of_the_sample_is_labelled_and_ranked_after_current_ones(sample):
    result = sample.index.search("网约车")
    original = sample.by_index_no("015200371/2020-00003")
    assert sample.index.status_label(original) == "已修改"
    assert result.docs[-1] == original
    assert all(sample.index.status_label(d) == "" for d in result.docs[:-1])
    # its title says 网络预约出租汽车: through the synonym the title counts
    assert any(sample.docs[d].title.count("网约车") == 0 for d in result.docs[:-1])


def test_taxi_finds_the_records_that_say_chuzuqiche(sample):
    result = sample.index.search("出租车")
    assert result.docs and all(result.via[d] == ["出租汽车"] for d in result.docs)
    assert {d for d in range(len(sample.docs)) if sample.fields_with(d, "出租汽车")} == set(result.docs)


# -- the option ------------------------------------------------------------------------------------


def test_the_option_adds_groups_and_switches_the_defaults_off():
    defaults, problems = options_to_config({})
    assert problems == [] and defaults.search_synonyms == default_groups()
    config, problems = options_to_config({"search_synonyms": {"groups": ["的士/出租车", ["两客一危", "两类客运车辆"]]}})
    assert problems == []
    assert ("出租车", "出租汽车", "的士") in config.search_synonyms
    assert ("两客一危", "两类客运车辆") in config.search_synonyms
    config, problems = options_to_config({"search_synonyms": {"defaults": False, "groups": ["甲/乙"]}})
    assert problems == [] and config.search_synonyms == (("甲", "乙"),)
    config, problems = options_to_config({"search_synonyms": {"defaults": "off"}})
    assert problems == [] and config.search_synonyms == ()


@pytest.mark.parametrize("value, key, words", [
    ([["出租车", "出租汽车"]], "search_synonyms", "映射"),
    ({"group": ["出租车/出租汽车"]}, "search_synonyms.group", "你是不是想写 groups"),
    ({"groups": "出租车/出租汽车"}, "search_synonyms.groups", "应是一个列表"),
    ({"groups": ["出租车"]}, "search_synonyms.groups[0]", "至少要有两个"),
    ({"groups": ["ＥＴＣ/etc"]}, "search_synonyms.groups[0]", "至少要有两个"),  # the same word, full-width
    ({"groups": [["出租车", {"a": 1}]]}, "search_synonyms.groups[0][1]", "应是一段文字"),
    ({"defaults": "maybe"}, "search_synonyms.defaults", "只能是 true 或 false"),
])
def test_a_bad_option_is_a_plain_chinese_problem(value, key, words):
    config, problems = options_to_config({"search_synonyms": value})
    assert [(p.code, p.key) for p in problems] == [("config-invalid", key)]
    assert words in problems[0].message + problems[0].hint
    assert config.search_synonyms == default_groups()  # the option keeps its default; the build stops on the error


def test_the_option_reaches_the_index_through_the_site_plan(tmp_path):
    import datetime as dt

    from build_tools.config import load_config
    from build_tools.site_plan import plan_site

    yml = tmp_path / "mkdocs.yml"
    yml.write_text(
        (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace(
            "  - catalogue:\n", "  - catalogue:\n      search_synonyms: {defaults: false, groups: [路政/道路行政]}\n", 1),
        encoding="utf-8")
    config, problems = load_config(yml, catalogue_dir=ROOT / "catalogue")
    assert problems == [] and config.search_synonyms == (("路政", "道路行政"),)
    plan = plan_site(config, dt.date(2026, 11, 23))
    meta = json.loads(plan.search.build()[INDEX_ROOT + "meta.json"])
    assert meta["synonyms"] == [["路政", "道路行政"]]
