"""The text material the generator draws from: word lists and 公文 sentences.

The material lives in ``build_tools/data/gongwen_*.txt`` (plain UTF-8 text,
one item a line under ``[section]`` headers) so it can be read, reviewed and
extended without touching code.  :class:`Corpus` parses it once; :class:`Filler`
fills the ``{placeholder}`` names of one sentence with values for one record.
"""

from __future__ import annotations

import functools
import random
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

_DATA_FILES = ("gongwen_lexicon.txt", "gongwen_sentences.txt", "gongwen_law.txt")
_FIELDS = re.compile(r"\{([a-z_0-9]+)\}")


_DOUBLED = (("工作工作", "工作"), ("管理管理", "管理"), ("活动工作", "活动"), ("行动工作", "行动"))
_DOUBLED_RULE = re.compile(r"(本[\u4e00-\u9fff]{0,4}规定)规定")


def tidy(text: str) -> str:
    """Undo the doubled words that joining a subject to a template can produce.

    “交通运输标准化工作” + “工作” → “……工作”, “……人员管理” + “管理办法” →
    “……人员管理办法”, “违反本规定” + “规定” → “违反本规定”.
    """
    for doubled, single in _DOUBLED:
        if doubled in text:
            text = text.replace(doubled, single)
    return _DOUBLED_RULE.sub(r"\1", text)


class CorpusError(ValueError):
    """The data files are malformed (a bug in the shipped material)."""


@dataclass(frozen=True, slots=True)
class Domain:
    """One field of the agency's work (道路运输, 水运, …)."""

    code: str
    label: str
    categories: tuple[str, ...]
    """Preferred 主题分类 names, best first."""
    keywords: tuple[str, ...]
    doc_prefix: str
    """机关代字 used for this field's documents, e.g. 江交运."""


@dataclass(frozen=True, slots=True)
class Subject:
    """A subject a document can be about: a noun phrase plus its 主题词."""

    domain: str
    name: str
    keywords: tuple[str, ...]


class Corpus:
    """Parsed word lists and sentences, by section name (file order kept)."""

    def __init__(self, sections: Mapping[str, tuple[str, ...]]):
        self.sections = dict(sections)
        self.domains: tuple[Domain, ...] = tuple(
            Domain(code, label, tuple(cats.split(";")), tuple(kws.split(",")), prefix)
            for code, label, cats, kws, prefix in (self.fields("domains", 5)))
        self.domain_by_code = {d.code: d for d in self.domains}
        self.subjects: dict[str, tuple[Subject, ...]] = {
            d.code: tuple(Subject(d.code, name, tuple(kws.split(",")))
                          for name, kws in self.fields(f"subjects.{d.code}", 2))
            for d in self.domains}
        self.cities: tuple[tuple[str, str], ...] = tuple(self.fields("cities", 2))
        self._check_placeholders()

    def lines(self, section: str) -> tuple[str, ...]:
        """The items of one section; a missing section is a bug in the data."""
        try:
            return self.sections[section]
        except KeyError:
            raise CorpusError(f"the generator's text material has no section [{section}]") from None

    def fields(self, section: str, count: int) -> list[tuple[str, ...]]:
        """The items of a section split on ``|`` into exactly ``count`` fields."""
        rows = []
        for line in self.lines(section):
            parts = tuple(p.strip() for p in line.split("|"))
            if len(parts) != count:
                raise CorpusError(f"[{section}] “{line}” should have {count} fields separated by |")
            rows.append(parts)
        return rows

    def _check_placeholders(self) -> None:
        known = set(Filler.NAMES)
        for section, items in self.sections.items():
            if section == "branch_templates":  # filled with a city's short name, not by Filler
                continue
            for item in items:
                unknown = set(_FIELDS.findall(item)) - known
                if unknown:
                    raise CorpusError(f"[{section}] “{item}” uses unknown placeholders {sorted(unknown)}")


def parse_sections(text: str) -> dict[str, tuple[str, ...]]:
    """``[name]`` headers followed by one item a line; ``#`` starts a comment line."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            name = line[1:-1].strip()
            if name in sections:
                raise CorpusError(f"section [{name}] appears twice (line {number})")
            current = sections[name] = []
            continue
        if current is None:
            raise CorpusError(f"line {number} is outside any [section]")
        current.append(line)
    return {name: tuple(items) for name, items in sections.items()}


@functools.cache
def load_corpus() -> Corpus:
    """The shipped material, parsed once per process."""
    sections: dict[str, tuple[str, ...]] = {}
    package = resources.files("build_tools") / "data"
    for name in _DATA_FILES:
        parsed = parse_sections((package / name).read_text(encoding="utf-8"))
        clash = sections.keys() & parsed.keys()
        if clash:
            raise CorpusError(f"sections {sorted(clash)} appear in more than one data file")
        sections.update(parsed)
    return Corpus(sections)


class Filler:
    """Fills placeholders for one record: fixed facts plus fresh random numbers.

    Fixed facts (agency, year, subject, …) are given once; the numeric
    placeholders (``{n1}`` … ``{yi}``) and the place names draw a new value at
    every use, so two sentences of one record do not repeat a figure.
    """

    NAMES = ("agency", "prov", "year", "year1", "year2", "year3", "prev", "city", "city2",
             "road", "water", "unit", "dept", "n1", "n2", "n3", "n4", "pct", "pct2", "km",
             "yi", "month", "subject", "laws", "partner", "doc", "suffix", "issuer")

    def __init__(self, corpus: Corpus, rng: random.Random, facts: Mapping[str, object]):
        self.corpus = corpus
        self.rng = rng
        self.facts = dict(facts)
        self._formatter = _Formatter(self)

    def value(self, name: str) -> str:
        if name in self.facts:
            return str(self.facts[name])
        rng = self.rng
        if name == "n1":
            return str(rng.randint(2, 9))
        if name == "n2":
            return str(rng.randint(10, 60))
        if name == "n3":
            return str(rng.randint(100, 900))
        if name == "n4":
            return str(rng.randint(1000, 9000))
        if name == "pct":
            return str(rng.randint(80, 99))
        if name == "pct2":
            return str(rng.randint(5, 30))
        if name == "km":
            return str(rng.randint(1200, 9800))
        if name == "yi":
            return f"{rng.randint(50, 900) / 10:.1f}"
        if name == "month":
            return str(rng.randint(1, 12))
        if name in ("city", "city2"):
            return rng.choice(self.corpus.cities)[0]
        if name == "road":
            return rng.choice(self.corpus.lines("roads"))
        if name == "water":
            return rng.choice(self.corpus.lines("waterways"))
        if name == "dept":
            return rng.choice(self.corpus.lines("depts"))
        if name == "partner":
            return rng.choice(self.corpus.lines("partners"))
        if name == "unit":
            return rng.choice(self.corpus.fields("units", 3))[0]
        year = int(self.facts.get("year", 2020))
        if name == "prev":
            return str(year - 1)
        if name in ("year1", "year2", "year3"):
            return str(year + int(name[-1]))
        raise KeyError(name)

    def fill(self, template: str) -> str:
        """One template with every placeholder replaced."""
        return self._formatter.vformat(template, (), {})

    def pick(self, section: str, k: int = 1) -> list[str]:
        """``k`` distinct sentences of a section (fewer if it is shorter), filled."""
        items = self.corpus.lines(section)
        chosen = self.rng.sample(items, min(k, len(items)))
        return [self.fill(s) for s in chosen]

    def all(self, section: str) -> list[str]:
        """Every sentence of a section, filled, in file order (for sections read as a sequence)."""
        return [self.fill(s) for s in self.corpus.lines(section)]

    def one(self, section: str) -> str:
        """One sentence of a section, filled."""
        return self.fill(self.rng.choice(self.corpus.lines(section)))


class _Formatter(string.Formatter):
    def __init__(self, filler: Filler):
        self.filler = filler

    def get_value(self, key, args, kwargs):  # noqa: D401 - string.Formatter hook
        return self.filler.value(key)
