"""Planning a corpus: which records exist, their dates, titles and links.

Planning decides everything the front matter says (and the checks look at)
before any body text is written: the mix of kinds and 文种, the dates on the
official working-day calendar, 发文字号 and titles that never repeat, the
policy ↔ interpretation links, amendment and repeal chains with the earlier
record's 有效性 kept consistent, budgets with their 批复 dates.  Bodies are
written afterwards by :mod:`build_tools.generate.render`, each from its own
random stream, so they never change what was planned.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model.fields import Disclosure, DocType, InterpretationForm, Kind, Validity
from ..workdays import WorkdayCalendar
from .corpus import Corpus, Subject, tidy
from .fiscal import FiscalUnit


def book(name: str) -> str:
    """A document name in 《》, with inner 《》 turned into 〈〉 as GB/T 15834 asks."""
    return "《" + name.replace("《", "〈").replace("》", "〉") + "》"

START = dt.date(2015, 1, 1)
END = dt.date(2026, 10, 31)
"""Every date the generator writes lies in [START, END]: the calendar data
(chinesecalendar) is verified to 2026, and its year-end guard refuses
computations from 2026-12-20 on."""

PROVINCE = "江川省"
_ONE_DAY = dt.timedelta(days=1)

# Relative weights of the fields of work, for policies and notices.
_DOMAIN_WEIGHTS = (("general", 10), ("openness", 7), ("road", 14), ("highway", 14), ("water", 10),
                   ("safety", 12), ("finance", 6), ("urban", 8), ("green", 6), ("tech", 6),
                   ("enforcement", 7))
_RULE_DOMAINS = ("road", "highway", "water", "safety", "urban", "enforcement", "green")
_PARTNERS = {"finance": "江川省财政厅", "safety": "江川省应急管理厅", "road": "江川省公安厅",
             "green": "江川省生态环境厅", "urban": "江川省发展和改革委员会",
             "general": "江川省发展和改革委员会", "enforcement": "江川省司法厅"}
_INTERPRETABLE_WORDS = ("意见", "办法", "方案", "规划", "措施", "细则", "规定")


@dataclass(eq=False)
class Draft:
    """One record being planned (mutable until the corpus is written)."""

    seq: int
    kind: Kind
    published: dt.date
    written: dt.date | None = None
    style: str = ""
    """Which body template renders it (rule, normative, opinion, budget, …)."""
    domain: str = "general"
    subject: Subject | None = None
    title: str = ""
    docname: str = ""
    """The document's own name, as quoted in 《》 by other records."""
    issuer: tuple[str, ...] = ()
    category: str = ""
    doc_type: DocType | None = None
    doc_no: str | None = None
    effective: dt.date | None = None
    expires: dt.date | None = None
    validity: Validity | None = None
    """None: 现行有效, the default, so the field is left out."""
    disclosure: Disclosure | None = None
    withheld_reason: str | None = None
    interpretation_exempt: str | None = None
    keywords: list[str] = field(default_factory=list)
    summary: str = ""
    interprets: list[Draft] = field(default_factory=list)
    form: InterpretationForm | None = None
    amends: list[Draft] = field(default_factory=list)
    repeals: list[Draft] = field(default_factory=list)
    fiscal_year: int | None = None
    approved: dt.date | None = None
    unit: FiscalUnit | None = None
    companion: Draft | None = None
    """A policy released on the same day as this one (interpreted together)."""
    interpretable: bool = False
    interpreted_by: list[Draft] = field(default_factory=list)
    amended_by: list[Draft] = field(default_factory=list)
    repealed_by: list[Draft] = field(default_factory=list)
    extra: dict = field(default_factory=dict)
    """Facts the body must repeat (a construction section, a feedback deadline)."""
    # Assigned when the corpus is numbered.
    index_no: str = ""
    year: int = 0
    serial: int = 0

    @property
    def ends(self) -> dt.date | None:
        """The first day the record is no longer in force (repeal or expiry)."""
        days = [r.effective or r.published for r in self.repealed_by]
        if self.expires:
            days.append(self.expires + _ONE_DAY)
        return min(days) if days else None

    @property
    def is_proactive(self) -> bool:
        return self.disclosure in (None, Disclosure.PROACTIVE)


@dataclass(frozen=True)
class Settings:
    """What the configuration decides for the generator."""

    agency: str
    agency_code: str
    categories: tuple[str, ...]
    allowed_categories: frozenset[str]
    index_format: Callable[[str, dt.date, int], str]
    date_field: str
    interpretation_days: int
    disclosure_days: int
    budget_days: int
    required_types: frozenset[str]
    calendar: WorkdayCalendar

    def category(self, preferred: tuple[str, ...]) -> str:
        """The first preferred 主题分类 the configuration allows, else a sensible fallback."""
        for name in preferred:
            if name in self.allowed_categories:
                return name
        for name in self.categories:
            if "交通" in name:
                return name
        return self.categories[0]


@dataclass(frozen=True, slots=True)
class Counts:
    policies: int
    interpretations: int
    fiscal: int
    reports: int
    notices: int
    on_request: int


def plan_counts(n: int) -> Counts:
    """How many records of each kind ``n`` records hold (every kind once n ≥ 6)."""
    if n < 6:
        order = ["policies", "interpretations", "notices", "fiscal", "reports"]
        got = {k: 0 for k in order}
        for i in range(n):
            got[order[i]] += 1
        return Counts(got["policies"], got["interpretations"], got["fiscal"], got["reports"],
                      got["notices"], 0)
    reports = max(1, min(12, math.floor(n / 400 + 0.5)))
    fiscal = max(2, math.floor(n * 0.08 + 0.5))
    interpretations = max(1, math.floor(n * 0.25 + 0.5))
    notices = max(1, math.floor(n * 0.22 + 0.5) - reports)
    policies = n - reports - fiscal - interpretations - notices
    if policies < 1:  # only for very small n
        notices += policies - 1
        policies = 1
    on_request = math.floor(n / 100 + 0.5) if n >= 30 else 0
    return Counts(policies, interpretations, fiscal, reports, notices, on_request)


class Planner:
    """Plans ``n`` records; :meth:`run` returns them in creation order."""

    def __init__(self, n: int, seed: int, settings: Settings, corpus: Corpus, profile: str = "generated"):
        self.n = n
        self.long = profile == "long"
        """The long profile: every policy a 规章 or 办法/细则 with 章 and 条 (see :mod:`.law`)."""
        self.seed = seed
        self.s = settings
        self.c = corpus
        self.rng = random.Random(f"catalogue-generate:{seed}")
        self.cal = settings.calendar
        self.drafts: list[Draft] = []
        self.titles: set[str] = set()
        self.docnames: set[str] = set()
        self._docno_serial: dict[tuple[str, int], int] = {}
        self._order_no = 0
        self.regulations: dict[DocType, list[Draft]] = {}
        self.workdays = self._workdays()

    # -- helpers --------------------------------------------------------------------

    def _workdays(self) -> list[dt.date]:
        days, day = [], START
        while day <= END:
            if self.cal.is_workday(day):
                days.append(day)
            day += _ONE_DAY
        return days

    def workday_between(self, lo: dt.date, hi: dt.date) -> dt.date:
        """A random working day in [lo, hi] (the nearest one if there is none)."""
        i = bisect.bisect_left(self.workdays, lo)
        j = bisect.bisect_right(self.workdays, hi) - 1
        if j < i:
            return self.workdays[min(i, len(self.workdays) - 1)]
        return self.workdays[self.rng.randint(i, j)]

    def after(self, day: dt.date, workdays: int, limit: dt.date = END) -> dt.date:
        """``workdays`` working days after ``day``, fewer if that passes ``limit``."""
        while workdays > 0:
            result = self.cal.add_workdays(day, workdays)
            if result <= limit:
                return result
            workdays -= 1
        return day

    def lag(self, cap: int) -> int:
        """Working days from signing to publication: mostly a few, never past ``cap``."""
        value = self.rng.choices((0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15),
                                 (6, 14, 16, 14, 12, 10, 8, 7, 5, 5, 3))[0]
        return min(value, cap)

    def new(self, kind: Kind, published: dt.date, **kw) -> Draft:
        d = Draft(seq=len(self.drafts), kind=kind, published=published, **kw)
        self.drafts.append(d)
        return d

    def claim_title(self, title: str) -> bool:
        """Reserve a title; False if another record already has it."""
        if title in self.titles:
            return False
        self.titles.add(title)
        return True

    def doc_no(self, prefix: str, year: int) -> str:
        key = (prefix, year)
        # Serials start anywhere in the year's range (not every document is in
        # the catalogue) and rise with the signing date, as real registers do.
        serial = self._docno_serial.get(key) or self.rng.randint(1, 6)
        self._docno_serial[key] = serial + self.rng.randint(1, 4)
        return f"{prefix}〔{year}〕{serial}号"

    def order_no(self) -> str:
        self._order_no += 1
        return f"{self.s.agency}令第{self._order_no}号"

    def domain(self, allowed: tuple[str, ...] | None = None) -> str:
        pool = [(d, w) for d, w in _DOMAIN_WEIGHTS if allowed is None or d in allowed]
        return self.rng.choices([d for d, _ in pool], [w for _, w in pool])[0]

    def category(self, domain: str) -> str:
        return self.s.category(self.c.domain_by_code[domain].categories)

    def keywords(self, *groups) -> list[str]:
        seen: list[str] = []
        for group in groups:
            for k in group:
                if k and k not in seen:
                    seen.append(k)
        return seen[:5]

    def strip_issuer(self, title: str, issuers: tuple[str, ...]) -> str:
        head = " ".join(issuers)
        return title[len(head):] if title.startswith(head) else title

    # -- the run ------------------------------------------------------------------------

    def run(self) -> list[Draft]:
        counts = plan_counts(self.n)
        policies = self.policies(counts)
        self.on_request(policies, counts.on_request)
        extra = self.interpretations(policies, counts.interpretations)
        self.expiries(policies)
        extra += self.fiscal(counts.fiscal)
        self.reports(counts.reports)
        self.notices(counts.notices + extra)
        assert len(self.drafts) == self.n, (len(self.drafts), self.n)
        # A configuration with a shorter disclosure limit than the usual lags:
        # the record is then treated as formed on the day it was published.
        for d in self.drafts:
            if d.written and self.cal.workdays_between(d.written, d.published) > self.s.disclosure_days:
                d.written = d.published
        return self.drafts

    # -- policies --------------------------------------------------------------------------

    def policies(self, counts: Counts) -> list[Draft]:
        p = counts.policies
        rules = math.floor(p * (0.10 if self.long else 0.05) + 0.5)
        normative = math.floor(p * 0.30 + 0.5)
        if counts.interpretations == 0:
            rules = normative = 0
        required = self.s.required_types
        # Every 规章 and 行政规范性文件 needs an interpretation: never plan more
        # of them than there are interpretations to go round.
        while (rules * (DocType.RULE.value in required) + normative * (DocType.NORMATIVE.value in required)
               > counts.interpretations and normative + rules > 0):
            if normative:
                normative -= 1
            else:
                rules -= 1
        types = [DocType.RULE] * rules + [DocType.NORMATIVE] * normative + [DocType.OTHER] * (p - rules - normative)
        self.rng.shuffle(types)
        # Signing dates spread over the whole period; the last weeks are left
        # free so interpretations and publication stay before END.
        written = sorted(self.workday_between(START + dt.timedelta(days=4), END - dt.timedelta(days=12))
                         for _ in range(p))
        drafts: list[Draft] = []
        cap = min(15, self.s.disclosure_days)
        for i, (w, dtype) in enumerate(zip(written, types)):
            prev = drafts[-1] if drafts else None
            if prev and prev.companion is None and self.rng.random() < 0.07 and dtype is not DocType.RULE \
                    and prev.doc_type is not DocType.RULE:
                d = self.new(Kind.POLICY, prev.published, written=prev.written, doc_type=dtype)
                d.companion, prev.companion = prev, d
            else:
                d = self.new(Kind.POLICY, self.after(w, self.lag(cap), END - dt.timedelta(days=7)),
                             written=w, doc_type=dtype)
            drafts.append(d)
        amended = repealed = False
        for d in drafts:
            if d.doc_type is DocType.OTHER:
                self.other_policy(d)
                continue
            chain = self.chain_choice(d, need_amend=not amended, need_repeal=not repealed)
            if chain == "amend":
                amended = True
            elif chain in ("replace", "batch"):
                repealed = True
            if chain is None:
                self.new_regulation(d)
            self.regulations.setdefault(d.doc_type, []).append(d)
        return drafts

    def eligible_targets(self, d: Draft, for_repeal: bool) -> list[Draft]:
        ok = (None, Validity.AMENDED) if for_repeal else (None,)
        # Only documents already in force when this one was signed.
        return [t for t in self.regulations.get(d.doc_type, ())
                if t.style in ("rule", "normative", "normative_matters")
                and t.validity in ok and t.is_proactive
                and (t.effective or t.published) <= d.written and t.published < d.written]

    def chain_choice(self, d: Draft, need_amend: bool, need_repeal: bool) -> str | None:
        """Maybe make ``d`` amend or repeal earlier documents of its 文种."""
        rng = self.rng
        if d.companion is not None:
            return None
        amendable = self.eligible_targets(d, for_repeal=False)
        repealable = self.eligible_targets(d, for_repeal=True)
        roll = rng.random()
        if amendable and (need_amend and len(amendable) >= 2 or roll < 0.08):
            self.amendment(d, rng.choice(amendable))
            return "amend"
        if repealable and (need_repeal and len(repealable) >= 2 or roll < 0.14):
            # A batch repeal (a list, not a text with articles) has no place in the long profile.
            if d.doc_type is DocType.NORMATIVE and not self.long and len(repealable) >= 3 and rng.random() < 0.35:
                targets = rng.sample(repealable, rng.randint(2, min(4, len(repealable))))
                targets.sort(key=lambda t: t.seq)
                self.batch_repeal(d, targets)
                return "batch"
            self.replacement(d, rng.choice(repealable))
            return "replace"
        return None

    def _regulation_dates(self, d: Draft) -> None:
        """实施日期: 规章 a month or more after publication, 规范性文件 on signing or next month."""
        rng = self.rng
        if d.doc_type is DocType.RULE or rng.random() < 0.5:
            base = d.published + dt.timedelta(days=30 if d.doc_type is DocType.RULE else 10)
            first = dt.date(base.year + base.month // 12, base.month % 12 + 1, 1)
            d.effective = first if first <= END else d.published
        else:
            d.effective = d.written

    def _issuers(self, d: Draft, joint_chance: float) -> tuple[str, ...]:
        partner = _PARTNERS.get(d.domain)
        if partner and self.rng.random() < joint_chance:
            return (self.s.agency, partner)
        return (self.s.agency,)

    def new_regulation(self, d: Draft) -> None:
        rng = self.rng
        rule = d.doc_type is DocType.RULE
        for attempt in range(200):
            d.domain = d.companion.domain if d.companion and d.companion.title else \
                self.domain(_RULE_DOMAINS if rule else None)
            subject = rng.choice(self.c.subjects[d.domain])
            if d.companion and d.companion.subject is subject:
                continue
            suffix = rng.choice(self.c.lines("suffix.rule" if rule else "suffix.normative"))
            # Plain names first; as they run out, narrower ones (……监督检查办法, ……（试行）).
            qualifier = rng.choice(self.c.lines("qualifiers")) if attempt > 3 or rng.random() < 0.3 else ""
            trial = "（试行）" if not rule and attempt > 8 and rng.random() < 0.5 else ""
            name = tidy(f"{PROVINCE}{subject.name}{qualifier}{suffix}{trial}")
            d.issuer = (self.s.agency,) if rule else self._issuers(d, 0.15)
            if rule:
                title, style = name, "rule"
            elif len(d.issuer) == 1 and not self.long and rng.random() < 0.22:
                title = tidy(f"{self.s.agency}关于规范{subject.name}有关事项的通知")
                name, style = title[len(self.s.agency):], "normative_matters"
            else:
                title, style = f"{' '.join(d.issuer)}关于印发《{name}》的通知", "normative"
            if name in self.docnames or title in self.titles:
                continue
            break
        else:  # pragma: no cover - 150 subjects × suffixes never run out in practice
            raise RuntimeError("ran out of distinct regulation titles")
        self.docnames.add(name)
        self.claim_title(title)
        d.subject, d.title, d.docname, d.style = subject, title, name, style
        d.extra["suffix"] = suffix if style != "normative_matters" else "通知"
        d.category = self.category(d.domain)
        d.doc_no = self.order_no() if rule else self.doc_no("江交规", d.written.year)
        self._regulation_dates(d)
        d.interpretable = True
        aspects = rng.sample(("适用范围", "管理职责", "申请条件", "办理程序", "监督检查", "法律责任",
                              "工作要求", "信用管理", "服务规范"), 3)
        d.summary = tidy(f"规范全省{subject.name}，明确{'、'.join(aspects)}等内容。")
        d.keywords = self.keywords(subject.keywords, ["规章" if rule else "规范性文件"])

    def amendment(self, d: Draft, target: Draft) -> None:
        rule = d.doc_type is DocType.RULE
        d.domain, d.subject, d.issuer = target.domain, target.subject, (self.s.agency,)
        d.title = (f"{self.s.agency}关于修改{book(target.docname)}的决定" if rule
                   else f"{self.s.agency}关于修改{book(target.docname)}部分条款的通知")
        d.docname = self.strip_issuer(d.title, d.issuer)
        self.claim_title(d.title)
        d.style = "amend"
        d.extra["suffix"] = "决定" if rule else "通知"
        d.category = target.category
        d.doc_no = self.order_no() if rule else self.doc_no("江交规", d.written.year)
        self._regulation_dates(d)
        d.amends = [target]
        target.amended_by.append(d)
        target.validity = Validity.AMENDED
        d.interpretable = True
        d.summary = f"对{book(target.docname)}的部分条款作出修改，修改后的文件自{cn_date(d.effective)}起施行。"
        d.keywords = self.keywords(target.keywords[:2], ["修改决定"])

    def replacement(self, d: Draft, target: Draft) -> None:
        """A new version of ``target`` that repeals it."""
        rng = self.rng
        rule = d.doc_type is DocType.RULE
        d.domain, d.subject = target.domain, target.subject
        suffixes = [s for s in self.c.lines("suffix.rule" if rule else "suffix.normative")
                    if tidy(f"{PROVINCE}{target.subject.name}{s}") not in self.docnames]
        name = (tidy(f"{PROVINCE}{target.subject.name}{rng.choice(suffixes)}") if suffixes
                else f"{target.docname}（{d.written.year}年修订）")
        if name in self.docnames:
            name = f"{target.docname}（{d.written.year}年修订）"
        self.docnames.add(name)
        d.issuer = target.issuer if not rule else (self.s.agency,)
        d.title = name if rule else f"{' '.join(d.issuer)}关于印发《{name}》的通知"
        self.claim_title(d.title)
        d.docname = name
        d.style = "rule" if rule else "normative"
        d.extra["suffix"] = _suffix_of(name, self.c.lines("suffix.rule" if rule else "suffix.normative"))
        d.category = target.category
        d.doc_no = self.order_no() if rule else self.doc_no("江交规", d.written.year)
        self._regulation_dates(d)
        self._repeal(d, [target])
        d.interpretable = True
        d.summary = (f"修订{target.subject.name}的有关规定，自{cn_date(d.effective)}起施行，"
                     f"原{book(target.docname)}（{target.doc_no}）同时废止。")
        d.keywords = self.keywords(target.subject.keywords, ["修订", "规章" if rule else "规范性文件"])

    def batch_repeal(self, d: Draft, targets: list[Draft]) -> None:
        first = targets[0]
        d.domain, d.subject, d.issuer = first.domain, first.subject, (self.s.agency,)
        d.title = f"{self.s.agency}关于废止{book(first.docname)}等{len(targets)}件行政规范性文件的决定"
        self.claim_title(d.title)
        d.docname = self.strip_issuer(d.title, d.issuer)
        d.style = "repeal_batch"
        d.extra["suffix"] = "决定"
        d.category = self.category("enforcement") if self.rng.random() < 0.5 else first.category
        d.doc_no = self.doc_no("江交规", d.written.year)
        d.effective = d.published
        self._repeal(d, targets)
        d.interpretable = True
        d.summary = f"经规范性文件清理，决定废止{book(first.docname)}等{len(targets)}件行政规范性文件。"
        d.keywords = ["规范性文件清理", "废止", "依法行政"]

    def _repeal(self, d: Draft, targets: list[Draft]) -> None:
        d.repeals = list(targets)
        for t in targets:
            t.repealed_by.append(d)
            t.validity = Validity.REPEALED

    def other_policy(self, d: Draft) -> None:
        """A 其他文件: an opinion, a work notice, a plan, an approval, …"""
        if self.long:
            self.measures(d)
            return
        rng = self.rng
        styles = (("opinion", 14), ("work_notice", 16), ("campaign", 10), ("key_points", 6),
                  ("plan", 12), ("program", 10), ("approval", 8), ("list", 7), ("plan5", 3),
                  ("matters", 14))
        for _ in range(60):
            style = rng.choices([s for s, _ in styles], [w for _, w in styles])[0]
            if d.companion is not None and d.companion.title:
                domain = d.companion.domain
            else:
                domain = self.domain()
            if self._other(d, style, domain):
                break
        else:
            # A very large catalogue (100,000 records) exhausts the titles of
            # the other styles for a year; 批复 of road sections have room for
            # many more distinct ones.
            style = "approval"
            if not any(self._other(d, style, domain) for _ in range(500)):  # pragma: no cover
                raise RuntimeError("ran out of distinct titles for other documents")
        domain = d.domain  # a style may have moved the document to its own field
        d.category = self.category(domain)
        d.interpretable = any(w in d.docname for w in _INTERPRETABLE_WORDS) and style != "approval"
        if d.doc_no is None and rng.random() < 0.9:
            prefix = "江交办" if d.issuer[0].endswith("办公室") else self.c.domain_by_code[domain].doc_prefix
            if style == "approval":
                prefix += "函"
            d.doc_no = self.doc_no(prefix, d.written.year)
        if d.effective is None and style in ("plan", "matters") and rng.random() < 0.3:
            d.effective = d.written

    def measures(self, d: Draft) -> None:
        """Long profile: a 其他文件 that is an 办法 or 实施细则 with articles, published by a 印发 notice.

        About one in five is an internal rule of the 厅机关 (not interpreted; the
        pool 依申请公开 records are drawn from).
        """
        rng = self.rng
        agency = self.s.agency
        for attempt in range(400):
            if d.companion is not None and d.companion.title:
                d.domain = d.companion.domain
            else:
                d.domain = self.domain()
            subject = rng.choice(self.c.subjects[d.domain])
            internal = rng.random() < 0.2
            qualifier = rng.choice(self.c.lines("qualifiers")) if attempt > 3 or rng.random() < 0.4 else ""
            suffix = rng.choice(("实施细则", "管理办法", "实施办法", "工作规则", "管理细则", "办法"))
            if internal:
                name = tidy(f"厅机关{subject.name}{qualifier}内部{rng.choice(('工作规则', '管理办法', '工作细则'))}")
                issuer = (f"{agency}办公室",)
            else:
                name = tidy(f"{PROVINCE}{subject.name}{qualifier}{suffix}")
                issuer = (agency,) if rng.random() < 0.85 else self._issuers(d, 1.0)
            if attempt > 200:
                name = f"{name}（{d.written.year}年）"
            title = f"{' '.join(issuer)}关于印发《{name}》的通知"
            if name in self.docnames or title in self.titles:
                continue
            break
        else:  # pragma: no cover - subjects × qualifiers × suffixes never run out in practice
            raise RuntimeError("ran out of distinct titles for 办法 and 细则")
        self.docnames.add(name)
        self.claim_title(title)
        d.subject, d.title, d.docname, d.style, d.issuer = subject, title, name, "measures", issuer
        d.extra["suffix"] = name.split("（", 1)[0][-4:]
        d.category = self.category(d.domain)
        prefix = "江交办" if internal else self.c.domain_by_code[d.domain].doc_prefix
        d.doc_no = self.doc_no(prefix, d.written.year)
        self._regulation_dates(d)
        d.interpretable = not internal
        d.summary = tidy(f"{'规范厅机关' if internal else '细化全省'}{subject.name}的管理要求，明确职责分工、工作程序、"
                         f"监督检查和责任追究等内容。")
        d.keywords = self.keywords(subject.keywords, ["内部管理" if internal else "实施细则"])

    def _other(self, d: Draft, style: str, domain: str) -> bool:
        rng = self.rng
        agency = self.s.agency
        year = d.written.year
        if style == "program":
            program, domain = rng.choice(self.c.fields("programs", 2))
        elif style == "list":
            list_name, domain = rng.choice(self.c.fields("lists", 2))
        elif style == "approval":
            domain = "highway"
        d.domain = domain
        dom = self.c.domain_by_code[domain]
        subject = rng.choice(self.c.subjects[domain])
        issuer: tuple[str, ...] = (agency,)
        office = f"{agency}办公室"
        if style == "opinion":
            form = rng.choice(("关于进一步加强{s}的意见", "关于加快推进{s}的实施意见",
                               "关于深化{s}改革的意见", "关于推动{s}高质量发展的意见",
                               "关于全面提升{s}水平的指导意见"))
            issuer = self._issuers(d, 0.12)
            name = form.format(s=subject.name)
            summary = f"就{subject.name}提出总体要求、主要任务和保障措施。"
        elif style == "work_notice":
            activity = rng.choice(self.c.lines(f"activities.{domain}"))
            issuer = (office,) if rng.random() < 0.4 else (agency,)
            name = f"关于做好{year}年{activity}工作的通知"
            summary = f"部署{year}年全省交通运输系统{activity}工作，明确工作重点和有关要求。"
            subject = Subject(domain, activity, (activity.strip("“”"),))
        elif style == "campaign":
            campaign = rng.choice(self.c.lines("campaigns"))
            issuer = (office,) if rng.random() < 0.3 else (agency,)
            name = f"关于开展{year}年{campaign}的通知"
            summary = f"部署在全省交通运输行业开展{campaign}，明确工作目标、整治重点和时间安排。"
            subject = Subject(domain, campaign, (_short(campaign), "专项行动"))
        elif style == "key_points":
            name = f"关于印发《{year}年全省交通运输{dom.label}工作要点》的通知"
            summary = f"明确{year}年全省交通运输{dom.label}工作的总体要求和重点任务。"
            subject = Subject(domain, dom.label, dom.keywords)
        elif style == "plan":
            suffix = rng.choice(self.c.lines("suffix.plan"))
            span = f"（{year}—{year + 2}年）" if suffix == "三年行动方案" else ""
            name = f"关于印发《{PROVINCE}{subject.name}{suffix}{span}》的通知"
            summary = f"提出{subject.name}的工作目标、重点任务、责任分工和保障措施。"
        elif style == "program":
            batch = rng.choice(("", "", "第一批", "第二批", "第三批"))
            name = f"关于下达{year}年{batch}{program}的通知"
            if "资金" in program or rng.random() < 0.3:
                issuer = (agency, "江川省财政厅")
            summary = f"下达{year}年{batch}{program}，明确项目安排、资金使用和实施要求。"
            subject = Subject(domain, program.removesuffix("计划"), (program.removesuffix("计划"), "投资计划"))
            d.extra["program"] = program
        elif style == "approval":
            road = rng.choice(self.c.lines("roads"))
            a = rng.randint(1, 180)
            b = a + rng.randint(6, 40)
            work = rng.choice(("路面改造工程施工图设计", "养护大修工程设计", "危桥改造工程初步设计",
                               "安全生命防护工程实施方案", "交通组织优化方案"))
            name = f"关于{road}K{a}至K{b}段{work}的批复"
            summary = f"批复{road}K{a}至K{b}段{work}，明确建设规模、技术标准和投资控制要求。"
            d.extra.update(road=road, span=f"K{a}至K{b}", work=work)
            subject = Subject(domain, "公路养护工程管理", ("养护工程", "设计批复"))
        elif style == "list":
            name = f"关于公布{year}年度{list_name}的通知"
            summary = f"公布{year}年度{list_name}，并对有关工作提出要求。"
            subject = Subject(domain, list_name, (_short(list_name), "结果公布"))
            d.extra["list_name"] = list_name
        elif style == "plan5":
            if year not in (2016, 2021, 2022):
                return False
            period = "十三五" if year == 2016 else "十四五"
            name = f"关于印发《{PROVINCE}交通运输{dom.label}发展“{period}”规划》的通知"
            summary = f"明确“{period}”时期全省交通运输{dom.label}发展的总体思路、发展目标、主要任务和保障措施。"
            d.extra["period"] = period
        else:  # matters
            name = f"关于{subject.name}有关事项的通知"
            summary = f"就{subject.name}有关事项作出规定，明确办理要求和责任分工。"
        name, summary = tidy(name), tidy(summary)
        title = f"{' '.join(issuer)}{name}"
        if not self.claim_title(title):
            return False
        inner = name[name.index("《") + 1:name.rindex("》")] if "《" in name else name
        d.style, d.title, d.issuer, d.subject = style, title, issuer, subject
        d.docname = inner
        d.summary = summary
        d.keywords = self.keywords(subject.keywords, dom.keywords[:2])
        return True

    # -- disclosure ---------------------------------------------------------------------------

    def on_request(self, policies: list[Draft], count: int) -> None:
        """依申请公开: a few internal or third-party documents, never ones others point to."""
        pool = [d for d in policies if d.doc_type is DocType.OTHER and d.companion is None
                and d.style in ("approval", "work_notice", "matters", "program", "measures")
                and not d.interpretable]
        rng = self.rng
        reasons = self.c.lines("withheld_reasons")
        for d in rng.sample(pool, min(count, len(pool))):
            d.disclosure = Disclosure.ON_REQUEST
            d.withheld_reason = reasons[1] if d.style == "approval" else rng.choice(reasons)

    # -- interpretations -----------------------------------------------------------------------

    _FORMS = ((InterpretationForm.TEXT, 50), (InterpretationForm.QA, 16), (InterpretationForm.GRAPHIC, 18),
              (InterpretationForm.VIDEO, 8), (InterpretationForm.PRESS, 8))

    def interpretations(self, policies: list[Draft], budget: int) -> int:
        """Plan ``budget`` interpretations; returns how many could not be placed."""
        rng = self.rng
        required = [d for d in policies if d.doc_type.value in self.s.required_types and d.is_proactive]
        # 规章 and 规范性文件 first: if a configuration requires more interpretations
        # than there are, it is 其他文件 that get an exemption.
        required.sort(key=lambda d: (d.doc_type is DocType.OTHER, d.seq))
        for d in required:
            if budget == 0:
                d.interpretation_exempt = "本文件为内部工作部署，不涉及公众权利义务，经审核不作解读。"
                continue
            if d.interpreted_by:
                continue
            pair = d.companion
            targets = [d, pair] if pair and pair.is_proactive and not pair.interpreted_by \
                and rng.random() < 0.7 else [d]
            targets.sort(key=lambda t: t.seq)
            if self.interpretation(targets, InterpretationForm.TEXT if rng.random() < 0.75 else None) is None:
                # Every form is taken (not seen in practice): the document is explained with its twin.
                raise RuntimeError(f"no distinct interpretation title for {d.title}")
            budget -= 1
        # Extra interpretations: other documents of wide impact first, then
        # further forms (图解, 问答, …) for documents already explained.
        others = [d for d in policies if d.doc_type is DocType.OTHER and d.interpretable
                  and d.is_proactive and not d.interpreted_by]
        rng.shuffle(others)
        wanted = min(len(others), math.ceil(budget * 0.55))
        for d in others[:wanted]:
            if self.interpretation([d], None) is not None:
                budget -= 1
        interpreted = [d for d in policies if d.interpreted_by]
        while budget > 0 and interpreted:
            d = rng.choice(interpreted)
            used = {i.form for i in d.interpreted_by}
            free = [f for f, _ in self._FORMS if f not in used]
            if not free:
                interpreted.remove(d)
                continue
            if not self.interpretation([d], rng.choice(free)):
                interpreted.remove(d)
                continue
            budget -= 1
        return budget

    def interpretation(self, targets: list[Draft], form: InterpretationForm | None) -> Draft | None:
        rng = self.rng
        if form is None:
            used = {i.form for t in targets for i in t.interpreted_by}
            free = [(f, w) for f, w in self._FORMS if f not in used]
            form = rng.choices([f for f, _ in free], [w for _, w in free])[0]
        lead = targets[0]
        names = "".join(f"{book(t.docname)}" for t in targets)
        agency = self.s.agency
        candidates = {
            InterpretationForm.TEXT: [f"{names}政策解读", f"关于{names}的解读", f"解读：{names}"],
            InterpretationForm.QA: [f"{names}问答", f"{names}政策问答"],
            InterpretationForm.GRAPHIC: [f"图解：一图读懂{names}", f"一图读懂{names}"],
            InterpretationForm.VIDEO: [f"视频解读：{names}", f"{names}视频解读"],
            InterpretationForm.PRESS: [f"{agency}举行{names}新闻发布会", f"{names}新闻发布会"],
        }[form]
        rng.shuffle(candidates)
        # Two documents may share a name (a notice of the 厅 and one of its 办公室): the 文号 tells them apart.
        numbers = "".join(f"（{t.doc_no}）" for t in targets if t.doc_no)
        if numbers:
            candidates.append(f"{names}{numbers}{'政策解读' if form is InterpretationForm.TEXT else form.label}")
        title = next((c for c in candidates if self.claim_title(c)), None)
        if title is None:
            return None
        latest = max(t.published for t in targets)
        k = rng.choices((0, 1, 2, 3), (35, 30, 20, 15))[0]
        # An extra form for an already-explained document may follow later, still within the limit.
        published = self.after(latest, min(k, self.s.interpretation_days))
        written = max(t.written for t in targets)
        if self.cal.workdays_between(written, published) > self.s.disclosure_days:
            written = published
        d = self.new(Kind.INTERPRETATION, published, written=written, style=f"interp_{form.name.lower()}",
                     domain=lead.domain, subject=lead.subject, form=form, title=title,
                     issuer=(lead.issuer[0],), category=lead.category)
        d.interprets = list(targets)
        d.docname = names
        for t in targets:
            t.interpreted_by.append(d)
        what = {InterpretationForm.TEXT: "解读", InterpretationForm.QA: "以问答形式解读",
                InterpretationForm.GRAPHIC: "以图解形式展示", InterpretationForm.VIDEO: "以视频形式解读",
                InterpretationForm.PRESS: "通过新闻发布会介绍"}[form]
        d.summary = f"{what}{names}的出台背景、主要内容和重点举措。"
        d.keywords = self.keywords(lead.keywords[:2], ["政策解读", form.label])
        return d

    # -- expiry ------------------------------------------------------------------------------------

    def expiries(self, policies: list[Draft]) -> None:
        """Some old 规范性文件 had a five-year term and have lapsed (已失效)."""
        for d in policies:
            if (d.doc_type is DocType.NORMATIVE and d.style == "normative" and d.validity is None
                    and not d.amended_by and not d.repealed_by and d.effective
                    and self.rng.random() < 0.3):
                last = _add_years(d.effective, 5) - _ONE_DAY
                if last < END - dt.timedelta(days=30):
                    d.expires = last
                    d.validity = Validity.EXPIRED

    # -- budgets and final accounts -------------------------------------------------------------------

    def fiscal_units(self, wanted: int) -> list[FiscalUnit]:
        units = [FiscalUnit(self.s.agency, "部门", "X")]
        units += [FiscalUnit(name, cat, scale) for name, cat, scale in self.c.fields("units", 3)]
        for template in self.c.lines("branch_templates"):
            units += [FiscalUnit(template.format(city_short=short), "参公" if "分中心" in template or "支队" in template
                                 else "事业", "B") for _, short in self.c.cities]
        return units[:max(2, min(wanted, len(units)))]

    def fiscal(self, count: int) -> int:
        """Budgets (FY 2015–2026) and final accounts (FY 2014–2025); returns the surplus."""
        rng = self.rng
        units = self.fiscal_units(math.ceil(count / 24))
        # Each unit's years are contiguous and end with the latest (newest budget, then the final
        # account a year behind it, and so back): a real office publishes every year, and
        # ``catalogue check`` warns about a missing year (fiscal-year-missing).
        share = -(-count // len(units))
        chosen = []
        for i, u in enumerate(units):
            own = [(u, y, kind) for back in range(12)
                   for y, kind in ((2026 - back, Kind.BUDGET), (2025 - back, Kind.FINAL_ACCOUNT))]
            chosen += own[:max(0, min(share, count - len(chosen)))]
        chosen.sort(key=lambda s: (s[1], s[2].value, units.index(s[0])))
        for unit, year, kind in chosen:
            if kind is Kind.BUDGET:
                approved = self.workday_between(dt.date(year, 1, 20), dt.date(year, 3, 10))
            else:
                approved = self.workday_between(dt.date(year + 1, 7, 5), dt.date(year + 1, 8, 31))
            last = min(approved + dt.timedelta(days=min(20, self.s.budget_days)), END)
            published = self.workday_between(approved + dt.timedelta(days=min(3, self.s.budget_days)), last)
            if published < approved or published > last:
                published = approved
            written = self.workday_between(approved, published)
            if written > published:
                written = approved
            dept = unit.category == "部门"
            if kind is Kind.BUDGET:
                title = f"{unit.name}{year}年{'部门' if dept else '单位'}预算公开"
                summary = (f"公开{unit.name}{year}年收支预算总体情况、“三公”经费预算"
                           f"{'和机关运行经费安排' if unit.category in ('部门', '参公') else ''}情况。")
            else:
                title = f"{unit.name}{year}年度{'部门' if dept else '单位'}决算公开"
                summary = (f"公开{unit.name}{year}年度收支决算、“三公”经费支出"
                           f"{'和机关运行经费支出' if unit.category in ('部门', '参公') else ''}情况。")
            self.claim_title(title)
            d = self.new(kind, published, written=written, style=kind.value, title=title,
                         issuer=(unit.name,), fiscal_year=year, approved=approved, unit=unit,
                         category=self.s.category(("财政、金融、审计/预算决算", "财政、金融、审计/财政",
                                                   "财政、金融、审计")),
                         summary=summary, domain="finance")
            d.keywords = ["部门预算" if kind is Kind.BUDGET else "部门决算", "三公经费", f"{year}年"]
            d.extra["attach"] = rng.random() < 0.5
        return count - len(chosen)

    # -- annual reports -------------------------------------------------------------------------------

    def reports(self, count: int) -> None:
        years = list(range(2025, 2013, -1))[:count]
        for year in sorted(years):
            deadline = dt.date(year + 1, 1, 31) if year >= 2019 else dt.date(year + 1, 3, 31)
            published = self.workday_between(dt.date(year + 1, 1, 8), deadline)
            written = self.workday_between(published - dt.timedelta(days=6), published)
            if written > published:
                written = published
            title = f"{self.s.agency}{year}年政府信息公开工作年度报告"
            self.claim_title(title)
            self.new(Kind.ANNUAL_REPORT, published, written=written, style="report", title=title,
                     issuer=(self.s.agency,), fiscal_year=year,
                     category=self.s.category(("综合政务/政务公开", "综合政务")),
                     keywords=["政府信息公开", "年度报告", f"{year}年"], domain="openness",
                     summary=(f"报告{self.s.agency}{year}年政府信息公开工作总体情况、主动公开、依申请公开、"
                              f"行政复议和行政诉讼、存在问题及改进情况。"))

    # -- notices --------------------------------------------------------------------------------------

    _NOTICE_STYLES = (("construction", 26), ("comment", 12), ("publicity", 14), ("tips", 8),
                      ("training", 12), ("meeting", 10), ("recruit", 8))

    def notices(self, count: int) -> None:
        rng = self.rng
        made = 0
        while made < count:
            style = rng.choices([s for s, _ in self._NOTICE_STYLES], [w for _, w in self._NOTICE_STYLES])[0]
            if self.notice(style):
                made += 1

    def notice(self, style: str) -> bool:
        rng = self.rng
        agency = self.s.agency
        written = self.workday_between(START + dt.timedelta(days=4), END - dt.timedelta(days=10))
        issuer: tuple[str, ...] = (agency,)
        domain = self.domain()
        year = written.year
        extra: dict = {}
        if style == "construction":
            road = rng.choice(self.c.lines("roads"))
            a = rng.randint(1, 200)
            b = a + rng.randint(5, 35)
            work = rng.choice(("路面养护", "桥梁维修加固", "隧道机电改造", "交通安全设施完善", "路面病害处治",
                               "边坡防护", "伸缩缝更换"))
            title = f"{agency}关于{road}K{a}至K{b}段{work}施工的公告"
            domain = "highway"
            summary = f"公告{road}K{a}至K{b}段{work}施工的时间、交通组织方式和绕行建议。"
            extra.update(road=road, span=(a, b), work=work)
            keywords = ["养护施工", "交通组织", "出行提示"]
        elif style == "comment":
            subject = rng.choice(self.c.subjects[domain])
            suffix = rng.choice(self.c.lines("suffix.normative"))
            draft_name = f"{PROVINCE}{subject.name}{suffix}"
            title = f"{agency}关于公开征求《{draft_name}（征求意见稿）》意见的公告"
            summary = f"公开征求社会各界对《{draft_name}（征求意见稿）》的意见，明确反馈方式和截止时间。"
            extra.update(doc=f"《{draft_name}》", subject=subject.name)
            keywords = self.keywords(subject.keywords[:2], ["征求意见"])
        elif style == "publicity":
            list_name, domain = rng.choice(self.c.fields("lists", 2))
            title = f"{agency}关于{year}年度{list_name}的公示"
            summary = f"公示{year}年度{list_name}，接受社会监督。"
            extra["list_name"] = list_name
            keywords = [_short(list_name), "公示", "社会监督"]
        elif style == "tips":
            festival, lo, hi = rng.choice((("春节", (1, 10), (1, 24)), ("清明节", (3, 26), (4, 2)),
                                           ("劳动节", (4, 22), (4, 28)), ("国庆节", (9, 20), (9, 28))))
            written = self.workday_between(dt.date(year, *lo), dt.date(year, *hi))
            if written > END - dt.timedelta(days=10):
                return False
            title = f"{agency}关于{year}年{festival}假期公路出行的提示"
            domain = "road"
            summary = f"提示{year}年{festival}假期全省公路出行高峰时段、易拥堵路段和安全注意事项。"
            extra["festival"] = festival
            keywords = ["假期出行", "出行提示", festival]
        elif style == "training":
            subject = rng.choice([s for s in self.c.subjects[domain] if not s.name.startswith("厅")])
            issuer = (f"{agency}办公室",)
            title = f"{issuer[0]}关于举办{year}年全省交通运输{subject.name}培训班的通知"
            summary = f"通知举办{year}年全省交通运输{subject.name}培训班的时间、地点、培训对象和有关要求。"
            extra["subject"] = subject.name
            keywords = self.keywords(subject.keywords[:2], ["业务培训"])
        elif style == "meeting":
            dom = self.c.domain_by_code[domain]
            kind = rng.choice(("工作会议", "工作推进会", "工作座谈会", "现场会"))
            title = f"{agency}关于召开{year}年全省交通运输{dom.label}{kind}的通知"
            summary = f"通知召开{year}年全省交通运输{dom.label}{kind}的时间、地点、参会人员和有关事项。"
            extra["meeting"] = f"{year}年全省交通运输{dom.label}{kind}"
            keywords = [dom.label, "会议通知"]
        else:  # recruit
            unit = rng.choice(self.c.fields("units", 3))[0]
            issuer = (unit,)
            batch = rng.choice(("", "第二批"))
            title = f"{unit}{year}年{batch}公开招聘工作人员公告"
            domain = "general"
            summary = f"公告{unit}{year}年{batch}公开招聘工作人员的岗位、条件、报名方式和考试安排。"
            extra["unit"] = unit
            keywords = ["公开招聘", "事业单位", f"{year}年"]
        title, summary = tidy(title), tidy(summary)
        if not self.claim_title(title):
            return False
        cap = min(5, self.s.disclosure_days)
        published = self.after(written, rng.randint(0, cap))
        d = self.new(Kind.NOTICE, published, written=written, style=f"notice_{style}", title=title,
                     issuer=issuer, domain=domain, category=self.category(domain), summary=summary,
                     keywords=keywords)
        d.extra.update(extra)
        if style in ("training", "meeting") and rng.random() < 0.8:
            d.doc_no = self.doc_no("江交办函", written.year)
        return True


def _short(name: str) -> str:
    """A keyword from a long name: quotes dropped, list and campaign words cut off."""
    text = name.replace("“", "").replace("”", "")
    for tail in ("实践活动", "专项行动", "专项整治行动", "行动", "活动", "名单", "结果", "目录"):
        text = text.removesuffix(tail)
    return text[:12]


def _suffix_of(name: str, suffixes: tuple[str, ...]) -> str:
    base = name.split("（", 1)[0]
    for s in sorted(suffixes, key=len, reverse=True):
        if base.endswith(s):
            return s
    return "办法"


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def cn_date(day: dt.date | None) -> str:
    """A date as Chinese documents write it: 2024年3月5日."""
    if day is None:
        return ""
    return f"{day.year}年{day.month}月{day.day}日"
