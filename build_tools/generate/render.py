"""Writing the bodies: Markdown text for each planned record.

Each renderer takes the planned :class:`~build_tools.generate.plan.Draft`, a
:class:`~build_tools.generate.corpus.Filler` (its own random stream) and a
length ``k`` (roughly how many content sentences to use), and returns the
Markdown body plus any CSV attachments.  The caller picks ``k`` so the whole
file lands in the wanted size range.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from ..annual_report import FORMAT_FROM_YEAR, REQUEST_ROWS, REVIEW_GROUPS
from ..model.fields import DocType, Kind
from ..workdays import CalendarDataMissing, WorkdayCalendar
from .corpus import Corpus, Filler, tidy
from .fiscal import UnitSeries, budget_body, final_body, money, sangong_csv
from .law import LawOutline, LawWriter, cn_numeral, short_word
from .plan import END, PROVINCE, Draft, cn_date, book

Attachment = tuple[str, bytes]
"""(file-name suffix, content) of a CSV written next to the record."""

def _changes(rng: random.Random, numbers: list[int], text: Callable[[int, str], str]) -> list[str]:
    """The numbered changes of an amending decision: 一、将第X条修改为：“…” (the first always), 增加一条 or 删去.

    ``text(i, form)`` gives the wording of change ``i``, asked for only by a change that has one, after
    its form is drawn (so the random stream is the same as when the wording was drawn in place).
    """
    items = []
    for i, n in enumerate(numbers):
        form = rng.choice(("modify", "modify", "add", "delete")) if i else "modify"
        if form == "modify":
            items.append(f"将第{cn_numeral(n)}条修改为：“{text(i, form)}”")
        elif form == "add":
            items.append(f"在第{cn_numeral(n)}条后增加一条，作为第{cn_numeral(n + 1)}条：“{text(i, form)}”")
        else:
            items.append(f"删去第{cn_numeral(n)}条。")
    return [f"{cn_numeral(i + 1)}、{item}" for i, item in enumerate(items)]


def _table(header: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    def cell(v: str) -> str:
        return f'"{v}"' if "," in v or '"' in v else v
    lines = [",".join(cell(c) for c in header)] + [",".join(cell(c) for c in r) for r in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _sign(d: Draft) -> str:
    return "\n".join([*d.issuer, cn_date(d.written)])


def _addressees(rng: random.Random) -> str:
    return rng.choice(("各设区市交通运输局，厅属各单位：", "各设区市交通运输局，厅机关各处室，厅属各单位：",
                       "各设区市交通运输主管部门，厅属有关单位："))


def _intro(f: Filler, tail: str) -> str:
    """Opening paragraph: the situation, the purpose, then the document's own call."""
    return f.one("background") + f.one("purpose") + tail


def _expand(f: Filler, items: list[str], k: int) -> list[str]:
    """Lengthen a list of task sentences towards ``k`` by adding follow-up requirements."""
    extra = k - len(items)
    if extra <= 0:
        return items
    follow = f.pick("elaborate", extra)
    slots = f.rng.sample(range(len(items)), min(len(items), len(follow)))
    out = list(items)
    for i, sentence in zip(slots, follow):
        out[i] += sentence
    return out


def _first_clause(sentence: str) -> str:
    """A task sentence's opening clause, for short table cells."""
    for mark in ("，", "。", "；"):
        if mark in sentence:
            sentence = sentence.split(mark, 1)[0]
    return sentence


def _phone(rng: random.Random) -> str:
    # A landline (area code + 8 digits): never an 11-digit mobile number.
    return f"0870-{rng.randint(62000000, 68999999)}"


class Renderer:
    """Renders bodies; holds what every record may need to look up."""

    def __init__(self, corpus: Corpus, drafts: list[Draft], agency: str, seed: int,
                 calendar: WorkdayCalendar, profile: str = "generated"):
        self.c = corpus
        self.law = LawWriter(corpus) if profile == "long" else None
        """Set in the long profile: policies are written as whole legal texts (:meth:`render_law`)."""
        self.calendar = calendar
        self.drafts = drafts
        self.agency = agency
        self.seed = seed
        self._series: dict[str, UnitSeries] = {}
        self._report_stats: dict[int, dict] | None = None
        self._carried: dict[int, int] = {}

    def workday_from(self, day: dt.date) -> dt.date:
        """``day`` or the next working day (a meeting is not called for a holiday)."""
        try:
            return self.calendar.add_workdays(day - dt.timedelta(days=1), 1)
        except CalendarDataMissing:  # beyond the verified years: skip weekends only
            while day.weekday() >= 5:
                day += dt.timedelta(days=1)
            return day

    def filler(self, d: Draft, rng: random.Random) -> Filler:
        year = d.fiscal_year if d.fiscal_year else (d.written or d.published).year
        laws = self.c.lines(f"laws.{d.domain}")
        chosen = rng.sample(laws, min(2, len(laws)))
        facts = {"agency": self.agency, "prov": PROVINCE, "year": year,
                 "dept": rng.choice(self.c.lines("depts")),
                 "subject": d.subject.name if d.subject else "交通运输",
                 "laws": "".join(chosen), "doc": book(d.docname) if d.docname and "《" not in d.docname else d.docname,
                 "suffix": d.extra.get("suffix", "办法"), "issuer": d.issuer[0] if d.issuer else self.agency}
        return Filler(self.c, rng, facts)

    def render(self, d: Draft, rng: random.Random, k: int) -> tuple[str, list[Attachment]]:
        """The body of ``d`` with about ``k`` content sentences."""
        f = self.filler(d, rng)
        method: Callable = getattr(self, "r_" + d.style.replace("-", "_"))
        body, attachments = method(d, f, max(2, k))
        return tidy(body), attachments

    # -- long legal texts (the long profile) -------------------------------------------------

    def render_law(self, d: Draft, rng: random.Random, size: int) -> str:
        """The body of policy ``d`` in the long profile: its wrapper and a legal text of about ``size`` bytes.

        The text's outline is kept in ``d.extra["outline"]`` for the
        interpretations (and amendments) rendered after it.
        """
        f = self.filler(d, rng)
        amend = d.style == "amend"
        law_of = d.amends[0] if amend else d
        word = short_word(law_of.extra.get("suffix", "办法"))
        f.facts["suffix"] = word
        if amend:
            parts = self._amend_wrapper(d, f)
            start = law_of.effective or law_of.published
        elif d.style == "rule":
            meeting = d.written - dt.timedelta(days=f.rng.randint(2, 9))
            parts = [f"{book(d.docname)}已于{cn_date(meeting)}经{self.agency}厅务会议审议通过，现予公布，"
                     f"自{cn_date(d.effective)}起施行。", _sign(d)]
            start = d.effective
        else:
            intro = f"现将{book(d.docname)}印发给你们，请结合实际认真贯彻执行。"
            if d.repeals:
                old = d.repeals[0]
                intro += f"{book(old.docname)}（{old.doc_no}）同时废止。"
            parts = [_addressees(f.rng), intro, _sign(d), f"**{d.docname}**"]
            start = d.effective or d.written
        closing = f"本{word}自{cn_date(start)}起施行"
        closing += "，有效期5年。" if law_of.expires else "。"
        if law_of.repeals and not amend:
            old = law_of.repeals[0]
            closing += f"{book(old.docname)}（{old.doc_no}）同时废止。"
        head = tidy("\n\n".join(parts))
        budget = size - len(head.encode("utf-8"))
        blocks, outline = self.law.write(f, d.domain, word, budget, closing)
        if not amend:
            d.extra["outline"] = outline
        return head + "\n\n" + tidy("\n\n".join(blocks)) + "\n"

    def _amend_opening(self, d: Draft, f: Filler, target: Draft, rule: bool) -> list[str]:
        """How an amending decision opens: a 规章's 决定 with its meeting and signature, else a notice's."""
        rng = f.rng
        if rule:
            meeting = d.written - dt.timedelta(days=rng.randint(2, 9))
            return [f"《{self.agency}关于修改〈{target.docname}〉的决定》已于{cn_date(meeting)}经厅务会议审议通过，"
                    f"现予公布，自{cn_date(d.effective)}起施行。", _sign(d),
                    f"为贯彻落实国家有关深化“放管服”改革和优化营商环境的要求，根据{f.value('laws')}等规定，"
                    f"{self.agency}决定对{book(target.docname)}（{target.doc_no}）作如下修改："]
        return [_addressees(rng), f"为适应{target.subject.name}工作的新要求，经研究，决定对{book(target.docname)}"
                                  f"（{target.doc_no}）部分条款作如下修改："]

    def _amend_wrapper(self, d: Draft, f: Filler) -> list[str]:
        """A 修改决定: the changes, article by article of the text it amends, then that text as amended."""
        rng = f.rng
        target = d.amends[0]
        outline: LawOutline | None = target.extra.get("outline")
        last = outline.articles if outline else 30
        rule = d.doc_type is DocType.RULE
        parts = self._amend_opening(d, f, target, rule)
        count = min(rng.randint(3, 9), max(1, last - 3))
        numbers = sorted(rng.sample(range(3, last), count)) if last > 4 else [min(2, last)]
        parts += _changes(rng, numbers, lambda i, form: f.one(f"article.{d.domain}" if form == "modify"
                                                              else "article.common"))
        what = "本决定" if rule else "本通知"
        parts.append(f"{what}自{cn_date(d.effective)}起施行。{book(target.docname)}根据{what}作相应修改，"
                     f"条文顺序作相应调整，重新公布。")
        if not rule:
            parts.append(_sign(d))
        parts += [f"**{target.docname}**", f"（{cn_date(d.written)}根据{book(d.docname)}修正）"]
        return parts

    def _cited_contents(self, d: Draft, f: Filler, k: int) -> list[str] | None:
        """Long profile: what an interpretation says of its policy, chapter by chapter, citing its articles."""
        lead = d.interprets[0]
        outline: LawOutline | None = lead.extra.get("outline") if self.law else None
        if not outline or len(outline.chapters) < 3:
            return None
        inner = list(outline.chapters[1:-1])
        chosen = sorted(f.rng.sample(range(len(inner)), min(len(inner), max(2, (k - 6) // 2))))
        out = []
        for i in chosen:
            number, title, first, last = inner[i]
            span = f"第{cn_numeral(first)}条" if first == last else f"第{cn_numeral(first)}条至第{cn_numeral(last)}条"
            out.append(f"关于{title}。{number}（{span}）{f.rng.choice(('明确', '规定', '细化'))}了{title}的有关要求。其中规定：" + f.one(f"article.{lead.domain}"))
        return out

    # -- regulations ---------------------------------------------------------------------------

    def _articles(self, d: Draft, f: Filler, k: int) -> list[tuple[str | None, list[str]]]:
        """Chapters of articles: (chapter title or None, article texts)."""
        rng = f.rng
        domain_articles = f.pick(f"article.{d.domain}", 20)
        second = rng.choice(("safety", "enforcement"))
        if second != d.domain:
            domain_articles += f.pick(f"article.{second}", 2)
        if k - 6 > len(domain_articles):
            domain_articles += f.pick("article.common", k - 6 - len(domain_articles))
        body_count = max(3, min(len(domain_articles), k - 6))
        body = domain_articles[:body_count]
        if k - 6 > len(domain_articles):  # long documents: articles listing duties item by item
            tasks = [_first_clause(t) for t in f.pick(f"task.{d.domain}", 12)]
            rng.shuffle(tasks)
            lead_ins = ("交通运输主管部门应当履行下列职责：", f"{d.subject.name}工作应当符合下列要求：",
                        "有关单位应当做好下列工作：")
            spare = k - 6 - len(domain_articles)
            for n in range(min(3, 1 + spare // 5)):
                chunk = tasks[n * 4:(n + 1) * 4]
                if len(chunk) < 3:
                    break
                items = "\n".join(f"（{cn_numeral(j + 1)}）{t}{'；' if j < len(chunk) - 1 else '。'}"
                                  for j, t in enumerate(chunk))
                body.insert(rng.randint(0, len(body)), f"{lead_ins[n]}\n\n{items}")
        head = [f.one("article.purpose"), f.one("article.scope"), *f.pick("article.duty", 1 + (k > 12))]
        supervise = f.pick("article.supervise", 1 + (k > 10) + (k > 16))
        liability = f.pick("article.liability", 1 + (k > 14))
        final = f.pick("article.final", 1 + (k > 12))
        closing = f"本{f.value('suffix')}自{cn_date(d.effective)}起施行"
        if d.expires:
            closing += "，有效期5年"
        closing += "。"
        if d.repeals:
            old = d.repeals[0]
            closing += f"{book(old.docname)}（{old.doc_no}）同时废止。"
        final.append(closing)
        if k < 9:  # short documents are not divided into chapters
            return [(None, head + body + supervise + final)]
        titles = rng.sample(self.c.lines("chapters"), 2 if len(body) > 6 else 1)
        half = len(body) // len(titles)
        chapters = [("总则", head)]
        for i, title in enumerate(titles):
            chapters.append((title, body[i * half:(i + 1) * half] if i < len(titles) - 1 else body[i * half:]))
        chapters += [("监督管理", supervise), ("法律责任", liability), ("附则", final)]
        return chapters

    @staticmethod
    def _number(chapters: list[tuple[str | None, list[str]]]) -> list[str]:
        out, n = [], 0
        for i, (title, articles) in enumerate(chapters):
            if title:
                out.append(f"## 第{cn_numeral(i + 1)}章 {title}")
            for text in articles:
                n += 1
                out.append(f"**第{cn_numeral(n)}条** {text}")
        return out

    def r_rule(self, d: Draft, f: Filler, k: int):
        meeting = d.written - dt.timedelta(days=f.rng.randint(2, 9))
        parts = [f"{book(d.docname)}已于{cn_date(meeting)}经{self.agency}厅务会议审议通过，现予公布，"
                 f"自{cn_date(d.effective)}起施行。", _sign(d)]
        parts += self._number(self._articles(d, f, k))
        return "\n\n".join(parts) + "\n", []

    def r_normative(self, d: Draft, f: Filler, k: int):
        rng = f.rng
        intro = f"现将{book(d.docname)}印发给你们，请结合实际认真贯彻执行。"
        if d.repeals:
            old = d.repeals[0]
            intro += f"{book(old.docname)}（{old.doc_no}）同时废止。"
        parts = [_addressees(rng), intro, _sign(d), f"**{d.docname}**"]
        parts += self._number(self._articles(d, f, k))
        return "\n\n".join(parts) + "\n", []

    def r_normative_matters(self, d: Draft, f: Filler, k: int):
        rng = f.rng
        parts = [_addressees(rng), _intro(f, "经研究，现就有关事项通知如下：")]
        headings = ["明确适用范围和职责分工", "规范办理程序", "强化事中事后监管", "加强信用管理", "严格责任落实"]
        tasks = f.pick(f"task.{d.domain}", k)
        per = max(1, len(tasks) // 4)
        for i, heading in enumerate(headings[:4]):
            chunk = tasks[i * per:(i + 1) * per] or [f.one("measure")]
            parts.append(f"## {cn_numeral(i + 1)}、{heading}")
            parts.append("".join(chunk))
        closing = f"本通知自{cn_date(d.effective)}起施行"
        closing += "，有效期5年。" if d.expires else "。"
        parts.append(f"## {cn_numeral(5)}、施行日期")
        parts.append(closing + f.one("closing"))
        parts.append(_sign(d))
        return "\n\n".join(parts) + "\n", []

    def r_amend(self, d: Draft, f: Filler, k: int):
        rng = f.rng
        target = d.amends[0]
        rule = d.doc_type is DocType.RULE
        parts = self._amend_opening(d, f, target, rule)
        articles = f.pick(f"article.{d.domain}", max(2, min(8, k // 2)))
        numbers = sorted(rng.sample(range(3, 30), len(articles) + 1))
        parts += _changes(rng, numbers[:len(articles)], lambda i, form: articles[i])
        what = "本决定" if rule else "本通知"
        parts.append(f"{what}自{cn_date(d.effective)}起施行。{book(target.docname)}根据{what}作相应修改，"
                     f"条文顺序作相应调整，重新公布。")
        if not rule:
            parts.append(_sign(d))
        return "\n\n".join(parts) + "\n", []

    def r_repeal_batch(self, d: Draft, f: Filler, k: int):
        rng = f.rng
        first = d.repeals[0]
        parts = [_addressees(rng),
                 f"为维护法制统一，根据行政规范性文件定期清理工作要求，{self.agency}对现行有效的行政规范性文件进行了全面清理。"
                 f"经清理，决定废止{book(first.docname)}等{len(d.repeals)}件行政规范性文件，自{cn_date(d.effective)}起停止执行。",
                 "各地各单位在执行中遇到的问题，请及时向省厅反映。", _sign(d), "**决定废止的行政规范性文件目录**",
                 _table(["序号", "文件名称", "发文字号", "索引号"],
                        [[str(i + 1), f"{book(t.docname)}", t.doc_no or "", t.index_no] for i, t in enumerate(d.repeals)])]
        if k > 6:
            parts.append("文件废止后，相关工作按照国家和省现行规定执行。各单位要做好政策衔接，"
                         "确保工作平稳有序开展。")
        return "\n\n".join(parts) + "\n", []

    # -- other policy documents ----------------------------------------------------------------

    def _sections(self, f: Filler, groups: list[tuple[str, list[str]]], numbered: bool = True) -> list[str]:
        out = []
        for i, (heading, sentences) in enumerate(groups):
            out.append(f"## {cn_numeral(i + 1)}、{heading}" if numbered else f"## {heading}")
            if len(sentences) > 2:
                out += [f"（{cn_numeral(j + 1)}）{s}" for j, s in enumerate(sentences)]
            else:
                out.append("".join(sentences))
        return out

    def r_opinion(self, d: Draft, f: Filler, k: int):
        tasks = _expand(f, f.pick(f"task.{d.domain}", max(3, k - 6)), k - 6)
        principles = f.pick("principle", 2 + (k > 12))
        parts = [_addressees(f.rng), f.one(f"background.{d.domain}") + f.one("purpose") + "现提出如下意见。"]
        parts += self._sections(f, [
            ("总体要求", ["".join(principles), *f.pick("goal", 1)]),
            ("主要任务", tasks),
            ("保障措施", f.pick("measure", 2 + (k > 10) + (k > 16)))])
        if k > 24:
            parts[-1:-1] = self._column(d, f, 1)
        parts.append(_sign(d))
        return "\n\n".join(parts) + "\n", []

    def r_work_notice(self, d: Draft, f: Filler, k: int):
        tasks = _expand(f, f.pick(f"task.{d.domain}", max(3, k - 5)), k - 5)
        parts = [_addressees(f.rng), _intro(f, "现将有关事项通知如下：")]
        parts += self._sections(f, [
            ("提高思想认识", [f.one(f"background.{d.domain}"), f.one("goal")]),
            ("突出工作重点", tasks),
            ("强化组织保障", f.pick("measure", 2 + (k > 12))),
            ("有关要求", f.pick("closing", 2))])
        parts.append(_sign(d))
        return "\n\n".join(parts) + "\n", []

    def r_campaign(self, d: Draft, f: Filler, k: int):
        year = d.written.year
        stages = [("动员部署", "制定实施方案，召开动员会议，明确责任分工"),
                  ("自查自纠", "企业和单位全面开展自查，建立问题清单和整改台账"),
                  ("集中整治", "组织开展督导检查，对重大问题挂牌督办"),
                  ("总结提升", "总结经验做法，建立长效机制，报送工作总结")]
        rows = []
        month = year * 12 + d.written.month - 1  # months counted from year 0
        for name, what in stages:
            end = month + f.rng.randint(0, 2)
            a, b = divmod(month, 12), divmod(end, 12)
            if end == month:
                span = f"{a[0]}年{a[1] + 1}月"
            elif a[0] == b[0]:
                span = f"{a[0]}年{a[1] + 1}月至{b[1] + 1}月"
            else:
                span = f"{a[0]}年{a[1] + 1}月至{b[0]}年{b[1] + 1}月"
            rows.append([name, span, what])
            month = end + 1
        report_year, report_month = divmod(month - 1, 12)
        parts = [_addressees(f.rng), f"为深入排查和解决{d.subject.name}中的突出问题，经研究，"
                 f"决定在全省交通运输行业开展{d.subject.name}。现将有关事项通知如下："]
        parts += self._sections(f, [("工作目标", f.pick("goal", 2)),
                                    ("重点内容", f.pick(f"task.{d.domain}", max(3, k - 6)))])
        parts += ["## 三、时间安排", _table(["阶段", "时间", "主要任务"], rows)]
        parts += ["## 四、工作要求", "".join(f.pick("measure", 2 + (k > 12)))]
        parts.append(f"请各设区市交通运输局于{report_year}年{report_month + 1}月底前将工作总结报送省厅{f.value('dept')}。")
        parts.append(_sign(d))
        return "\n\n".join(parts) + "\n", []

    def r_key_points(self, d: Draft, f: Filler, k: int):
        tasks = _expand(f, f.pick(f"task.{d.domain}", max(4, k - 3)), k - 3)
        parts = [_addressees(f.rng), f"现将{book(d.docname)}印发给你们，请结合实际认真抓好落实。", _sign(d),
                 f"**{d.docname}**", f"{d.written.year}年全省交通运输{d.subject.name}工作的总体要求是：" +
                 f.one("principle") + "重点抓好以下工作："]
        groups = [("加强制度建设", tasks[: len(tasks) // 2]), ("抓好重点任务落实", tasks[len(tasks) // 2:]),
                  ("强化工作保障", f.pick("measure", 2))]
        n = 0
        for i, (heading, items) in enumerate(groups):
            parts.append(f"## {cn_numeral(i + 1)}、{heading}")
            lines = []
            for item in items:
                n += 1
                lines.append(f"{n}. {item}")
            parts.append("\n".join(lines))
        return "\n\n".join(parts) + "\n", []

    def r_plan(self, d: Draft, f: Filler, k: int):
        rng = f.rng
        tasks = _expand(f, f.pick(f"task.{d.domain}", max(4, k - 6)), k - 6)
        depts = self.c.lines("depts")
        year = d.written.year
        rows = [[str(i + 1), _first_clause(t), f"厅{rng.choice(depts)}",
                 f"{rng.choice((year, year + 1, year + 2))}年{rng.choice((6, 9, 12))}月底前"]
                for i, t in enumerate(tasks)]
        parts = [_addressees(rng), f"现将{book(d.docname)}印发给你们，请认真组织实施。", _sign(d),
                 f"**{d.docname}**", _intro(f, "结合全省实际，制定本方案。")]
        parts += self._sections(f, [("总体要求", [*f.pick("principle", 2), *f.pick("goal", 1)]),
                                    ("重点任务", tasks)])
        parts += ["## 三、任务分工", _table(["序号", "重点任务", "牵头单位", "完成时限"], rows)]
        if k > 24:
            parts += self._column(d, f, 1)
        parts += ["## 四、保障措施", "".join(f.pick("measure", 2 + (k > 12)))]
        return "\n\n".join(parts) + "\n", []

    def r_plan5(self, d: Draft, f: Filler, k: int):
        rng = f.rng
        base = d.written.year - 1 if d.written.year != 2022 else 2020
        target = base + 5
        indicators = [("公路总里程（万公里）", rng.uniform(12, 16), 1.06, 1),
                      ("高速公路里程（公里）", rng.uniform(4000, 6000), 1.25, 0),
                      ("三级及以上航道里程（公里）", rng.uniform(500, 800), 1.3, 0),
                      ("普通国省道优良路率（%）", rng.uniform(80, 88), 1.06, 1),
                      ("建制村通客车率（%）", 100.0, 1.0, 1),
                      ("新能源城市公交车占比（%）", rng.uniform(40, 70), 1.3, 1)]
        rows = []
        for name, value, growth, digits in rng.sample(indicators, 4 + (k > 12)):
            goal = min(value * growth, 100.0) if "%" in name else value * growth
            rows.append([name, f"{value:.{digits}f}", f"{goal:.{digits}f}"])
        tasks = _expand(f, f.pick(f"task.{d.domain}", max(4, k - 5)), k - 5)
        parts = [_addressees(rng), f"经省人民政府同意，现将{book(d.docname)}印发给你们，请结合实际认真组织实施。",
                 _sign(d), f"**{d.docname}（摘要）**", "## 一、发展基础", f.one(f"background.{d.domain}") +
                 f.one(f"background.{d.domain}"), "## 二、发展目标", f.one("goal"),
                 _table(["指标", f"{base}年", f"{target}年目标"], rows), "## 三、主要任务"]
        parts.append("\n".join(f"{i + 1}. {t}" for i, t in enumerate(tasks)))
        if k > 20:
            parts += self._column(d, f, 1)
        parts += ["## 四、保障措施", "".join(f.pick("measure", 3))]
        return "\n\n".join(parts) + "\n", []

    def _column(self, d: Draft, f: Filler, number: int) -> list[str]:
        """A 专栏 of key projects, as long plans and opinions carry."""
        rows = self._projects(d, f.rng, f.rng.randint(5, 9))
        year = d.written.year
        return [f"**专栏{cn_numeral(number)}　重点项目**",
                _table(["序号", "项目名称", "所在地", "建设规模（公里）", "投资估算（万元）"], rows),
                f"以上项目计划于{year + 2}年底前全部完工，具体以年度投资计划为准。"]

    def _projects(self, d: Draft, rng: random.Random, count: int) -> list[list[str]]:
        roads = self.c.lines("roads")
        cities = self.c.cities
        program = d.extra.get("program", "")
        rows = []
        for i in range(count):
            city, short = rng.choice(cities)
            if "航道" in program or "港口" in program:
                name = f"{rng.choice(self.c.lines('waterways'))}{short}段{rng.choice(('整治', '维护疏浚', '助航设施改造'))}"
                scale = f"{rng.randint(5, 60)}"
            elif "科技" in program or "标准" in program or "节能" in program:
                name = f"{short}{rng.choice(('智慧公路', '绿色养护', '运输服务', '安全监测'))}技术研究与示范（{i + 1}）"
                scale = "—"
            else:
                road = rng.choice(roads)
                a = rng.randint(1, 150)
                name = f"{road}K{a}至K{a + rng.randint(3, 25)}段{rng.choice(('路面改造', '危桥改造', '安全设施完善', '大中修'))}"
                scale = f"{rng.randint(2, 30)}.{rng.randint(0, 9)}"
            invest = rng.randint(80, 9000) * 100 + rng.randint(0, 99)
            rows.append([str(i + 1), name, city, scale, money(invest)])
        return rows

    def r_program(self, d: Draft, f: Filler, k: int):
        rng = f.rng
        rows = self._projects(d, rng, rng.randint(8, 24))
        total = sum(int(r[4].replace(".", "")) for r in rows)
        header = ["序号", "项目名称", "所在地", "建设规模（公里）", "计划投资（万元）"]
        shown = rows[: min(len(rows), max(4, k // 2))]
        parts = [_addressees(rng),
                 f"根据{f.value('laws')}等有关规定和全省交通运输年度投资安排，现将{d.docname.removeprefix('关于下达').removesuffix('的通知')}"
                 f"下达给你们，共安排项目{len(rows)}个，计划投资{money(total)}万元。项目明细见附件，主要项目如下：",
                 _table(header, shown),
                 "## 一、有关要求", "".join(f.pick("task.finance", 2)), "".join(f.pick("measure", 1 + (k > 10))),
                 f"请各地于{d.written.year}年{rng.choice((6, 9, 10))}月底前将项目实施进展情况报送省厅{f.value('dept')}。",
                 _sign(d)]
        csv = _csv(header, rows + [["", "合计", "", "", money(total)]])
        return "\n\n".join(parts) + "\n", [("xiangmu.csv", csv)]

    def r_approval(self, d: Draft, f: Filler, k: int):
        rng = f.rng
        unit = "江川省公路事业发展中心" if rng.random() < 0.6 else f"{rng.choice(self.c.cities)[0]}交通运输局"
        request_no = f"江公路发〔{d.written.year}〕{rng.randint(5, 120)}号"
        km = f"{rng.randint(5, 40)}.{rng.randint(0, 9)}"
        invest = rng.randint(3000, 60000) * 100 + rng.randint(0, 99)
        parts = [f"{unit}：",
                 f"你单位《关于{d.extra['road']}{d.extra['span']}段{d.extra['work']}的请示》（{request_no}）收悉。"
                 f"经研究，现批复如下：",
                 f"一、原则同意所报{d.extra['work']}。项目路线全长{km}公里，按照{rng.choice(('二级公路标准', '一级公路标准', '原技术标准'))}实施。",
                 f"二、批准项目概算投资{money(invest)}万元，所需资金按照省级补助和地方配套相结合的方式筹措。",
                 "三、" + f.one("task.highway"),
                 "四、" + "".join(f.pick("article.highway", 1 + (k > 8))),
                 "五、请严格按照批复内容组织实施，不得擅自变更建设规模和技术标准。项目实施中如有重大变更，须按程序报批。",
                 "此复。", _sign(d)]
        return "\n\n".join(parts) + "\n", []

    def _companies(self, rng: random.Random, count: int) -> list[tuple[str, str]]:
        words = self.c.lines("company_words")
        suffixes = self.c.lines("company_suffixes")
        seen: set[str] = set()
        out = []
        while len(out) < count:
            city, short = rng.choice(self.c.cities)
            name = f"{short}{rng.choice(words)}{rng.choice(suffixes)}"
            if name not in seen:
                seen.add(name)
                out.append((name, city))
        return out

    def _list_rows(self, d: Draft, rng: random.Random, count: int) -> tuple[list[str], list[list[str]]]:
        list_name = d.extra["list_name"]
        if "项目" in list_name or "示范路" in list_name or "案卷" in list_name or "目录" in list_name:
            header = ["序号", "名称", "所在地", "申报单位"]
            rows = []
            for i in range(count):
                city, short = rng.choice(self.c.cities)
                thing = {"示范路": f"{short}{rng.choice(('环湖', '沿江', '乡村旅游', '产业'))}公路{rng.randint(1, 30)}号线",
                         "案卷": f"{short}交通运输综合行政执法案卷（{rng.randint(1, 99)}号）"}.get(
                    next((key for key in ("示范路", "案卷") if key in list_name), ""),
                    f"{short}{rng.choice(('智慧养护', '绿色运输', '平安工地', '科技创新'))}项目（{i + 1}）")
                rows.append([str(i + 1), thing, city, f"{short}交通运输局"])
            return header, rows
        header = ["序号", "单位名称", "所在地", "结果"]
        grades = ("AAA", "AA", "A", "B") if "考核" in list_name or "评价" in list_name else ("达标",)
        rows = [[str(i + 1), name, city, rng.choice(grades)] for i, (name, city) in
                enumerate(self._companies(rng, count))]
        return header, rows

    def r_list(self, d: Draft, f: Filler, k: int):
        rng = f.rng
        header, rows = self._list_rows(d, rng, rng.randint(8, 30))
        shown = rows[: min(len(rows), max(5, k))]
        parts = [_addressees(rng),
                 f"根据有关规定，经单位申报、设区市初审、省级复核，确定{d.written.year}年度{d.extra['list_name']}"
                 f"共{len(rows)}个，现予公布（完整名单见附件）。",
                 _table(header, shown),
                 "".join(f.pick(f"task.{d.domain}", 1 + (k > 8))) + f.one("closing"), _sign(d)]
        return "\n\n".join(parts) + "\n", [("mingdan.csv", _csv(header, rows))]

    def r_matters(self, d: Draft, f: Filler, k: int):
        tasks = _expand(f, f.pick(f"task.{d.domain}", max(3, k - 3)), k - 3)
        n = len(tasks)
        parts = [_addressees(f.rng), _intro(f, "经研究，现就有关事项通知如下：")]
        groups = [("明确工作职责", tasks[: n // 3] or tasks[:1]), ("规范工作程序", tasks[n // 3: 2 * n // 3]),
                  ("强化监督管理", tasks[2 * n // 3:])]
        parts += self._sections(f, [(h, s) for h, s in groups if s])
        parts.append(f.one("closing"))
        if d.effective:
            parts.append(f"本通知自{cn_date(d.effective)}起施行。")
        parts.append(_sign(d))
        return "\n\n".join(parts) + "\n", []

    # -- interpretations -------------------------------------------------------------------------------

    def _targets(self, d: Draft) -> str:
        return "、".join(f"{book(t.docname)}（{t.doc_no}）" if t.doc_no else book(t.docname) for t in d.interprets)

    def _effective_line(self, d: Draft) -> str | None:
        lead = d.interprets[0]
        if lead.effective:
            return f"{d.docname}自{cn_date(lead.effective)}起施行。"
        return None

    def r_interp_text(self, d: Draft, f: Filler, k: int):
        lead = d.interprets[0]
        f.facts["doc"] = d.docname
        contents = self._cited_contents(d, f, k) or (
            f.pick(f"article.{d.domain}", max(2, (k - 6) // 2)) if lead.doc_type is not DocType.OTHER
            else f.pick(f"task.{d.domain}", max(2, (k - 6) // 2)))
        parts = [f"解读人：厅{f.value('dept')}负责人", f.one("interp.intro"),
                 "## 一、起草背景", "".join(f.pick(f"background.{d.domain}", 2)),
                 "## 二、主要依据", "\n".join(f"{i + 1}. {law}" for i, law in enumerate(self.c.lines(f"laws.{d.domain}")[:3])),
                 "## 三、起草过程", "".join(f.pick("interp.process", 2)),
                 "## 四、主要内容", f"{self._targets(d)}主要包括以下内容：",
                 *[f"（{cn_numeral(i + 1)}）{s}" for i, s in enumerate(contents)],
                 "## 五、重点变化", "".join(f.pick("interp.change", 1 + (k > 8)))]
        line = self._effective_line(d)
        if line:
            parts.append(line)
        return "\n\n".join(parts) + "\n", []

    def r_interp_qa(self, d: Draft, f: Filler, k: int):
        f.facts["doc"] = d.docname
        pairs = [(f"{d.docname}出台的背景是什么？", "".join(f.pick(f"background.{d.domain}", 2)))]
        for item in f.rng.sample(self.c.lines("interp.qa"), min(len(self.c.lines("interp.qa")), max(2, k // 3))):
            q, a = item.split("|", 1)
            pairs.append((f.fill(q), f.fill(a)))
        pairs.append(("文件明确了哪些重点工作？", "".join(f.pick(f"task.{d.domain}", 2))))
        parts = [f"为帮助社会公众更好地理解{self._targets(d)}，现以问答形式对文件有关内容进行解读。"]
        for i, (q, a) in enumerate(pairs):
            parts.append(f"**问{cn_numeral(i + 1)}：{q}**")
            parts.append(f"答：{a}")
        return "\n\n".join(parts) + "\n", []

    def r_interp_graphic(self, d: Draft, f: Filler, k: int):
        rng = f.rng
        items = f.pick(f"task.{d.domain}", max(3, k - 4))
        parts = [f"解读人：厅{f.value('dept')}负责人；制图：厅政务公开科",
                 f"本图解共分{cn_numeral(3 + (len(items) > 5))}个版块，图片说明文字如下（无障碍文本版）：",
                 f"## 一、{d.docname}是什么",
                 "\n".join([f"- 文件名称：{self._targets(d)}",
                            f"- 发布时间：{cn_date(d.interprets[0].published)}",
                            f"- 适用范围：全省{d.subject.name if d.subject else '交通运输'}工作"]),
                 "## 二、为什么要出台", "".join(f.pick(f"background.{d.domain}", 1 + (k > 8))),
                 "## 三、主要内容"]
        parts.append("\n".join(f"{i + 1}. {_first_clause(s)}" for i, s in enumerate(items)))
        if len(items) > 5:
            parts.append("## 四、重点举措")
            parts.append(_table(["举措", "具体要求"], [[_first_clause(s), s] for s in rng.sample(items, 3)]))
        parts.append("## 温馨提示")
        parts.append("有关政策咨询，请拨打12328交通运输服务监督电话，或登录厅门户网站查阅文件全文。")
        return "\n\n".join(parts) + "\n", []

    def r_interp_video(self, d: Draft, f: Filler, k: int):
        f.facts["doc"] = d.docname
        parts = ["".join(f.pick("interp.video", 2)), "## 视频文字稿",
                 f"{self._targets(d)}已正式印发。这份文件主要讲了什么？我们一起来看。",
                 "".join(f.pick(f"background.{d.domain}", 1))]
        for i, s in enumerate(f.pick(f"task.{d.domain}", max(2, k - 4))):
            parts.append(f"{('首先', '其次', '同时', '此外', '另外', '还要注意')[min(i, 5)]}，{s}")
        parts.append("".join(f.pick("interp.change", 1)))
        parts.append("想了解更多内容，请登录厅门户网站政府信息公开专栏查阅文件全文。")
        return "\n\n".join(parts) + "\n", []

    def r_interp_press(self, d: Draft, f: Filler, k: int):
        f.facts["doc"] = d.docname
        day = d.published
        press = f.all("interp.press")
        parts = [f"{cn_date(day)}上午，{press[0]}{press[1]}", "## 发布内容",
                 f"厅{f.value('dept')}负责同志介绍了{self._targets(d)}的出台背景。" + f.one(f"background.{d.domain}"),
                 "文件主要包括以下几个方面：",
                 *[f"{i + 1}. {s}" for i, s in enumerate(f.pick(f"task.{d.domain}", max(2, k - 6)))],
                 "## 答记者问"]
        for q, a in (item.split("|", 1) for item in f.rng.sample(self.c.lines("interp.qa"), 2)):
            parts += [f"**记者：**{f.fill(q)}", f"**发布人：**{f.fill(a)}"]
        parts.append(press[2])
        return "\n\n".join(parts) + "\n", []

    # -- notices ------------------------------------------------------------------------------------------

    def r_notice_construction(self, d: Draft, f: Filler, k: int):
        rng = f.rng
        a, b = d.extra["span"]
        start = d.published + dt.timedelta(days=rng.randint(5, 15))
        sections = []
        cut = a
        rows = []
        for i in range(rng.randint(1, 3)):
            end_km = min(b, cut + rng.randint(3, 15)) if i < 2 else b
            s = start + dt.timedelta(days=i * rng.randint(10, 25))
            e = s + dt.timedelta(days=rng.randint(10, 45))
            mode = rng.choice(("半幅封闭、单向通行", "分车道封闭施工", "夜间22时至次日6时封闭施工"))
            sections.append(f"{i + 1}. {d.extra['road']}K{cut}至K{end_km}段，{d.extra['work']}，"
                            f"{s.month}月{s.day}日至{e.month}月{e.day}日，{mode}；")
            rows.append([str(i + 1), d.extra["road"], f"K{cut}—K{end_km}", d.extra["work"],
                         f"{s.isoformat()}至{e.isoformat()}", mode])
            cut = end_km
            if cut >= b:
                break
        f.facts["road"] = d.extra["road"]
        lines = f.all("notice.construction")
        organise = lines[1] if "半幅" in rows[0][5] else lines[2]
        advice = [lines[3], lines[4], lines[5]][: max(1, k - 4)]
        parts = [lines[0] + "现将有关事项公告如下：", "## 一、施工路段及时间", "\n".join(sections),
                 "## 二、交通组织", organise, "## 三、出行建议", "".join(advice),
                 "出行咨询和投诉请拨打交通运输服务监督电话12328。" + lines[6], "特此公告。", _sign(d)]
        attachments = []
        if rng.random() < 0.4:
            header = ["序号", "路段", "桩号范围", "施工内容", "施工时间", "交通组织方式"]
            attachments.append(("shigong.csv", _csv(header, rows)))
            parts.insert(3, "施工路段明细见附件。")
        return "\n\n".join(parts) + "\n", attachments

    def r_notice_comment(self, d: Draft, f: Filler, k: int):
        rng = f.rng
        f.facts["doc"] = d.extra["doc"]
        f.facts["subject"] = d.extra["subject"]
        deadline = d.published + dt.timedelta(days=30)
        lines = [s for s in f.all("notice.comment") if "截止时间为" not in s]
        articles = f.pick(f"article.{d.domain}", max(2, k - 5))
        parts = [lines[0],
                 "## 一、意见反馈方式",
                 f"1. 电子邮件：发送至 zhengce@jtt.jiangchuan.gov.cn，邮件主题请注明“{d.extra['doc']}意见”；\n"
                 f"2. 信函：寄至江州市{rng.choice(('迎宾路', '滨江大道', '人民北路', '交通巷'))}{rng.randint(1, 300)}号"
                 f"{self.agency}{f.value('dept')}，邮政编码{rng.randint(610000, 619999)}。",
                 "## 二、截止时间", f"意见反馈截止时间为{cn_date(deadline)}。",
                 "## 三、其他事项", "".join(lines[1:]),
                 f"附件：{d.extra['doc']}（征求意见稿）主要条款",
                 "\n\n".join(f"**第{cn_numeral(i + 1)}条** {a}" for i, a in enumerate(articles)),
                 _sign(d)]
        return "\n\n".join(parts) + "\n", []

    def r_notice_publicity(self, d: Draft, f: Filler, k: int):
        rng = f.rng
        header, rows = self._list_rows(d, rng, rng.randint(6, 25))
        shown = rows[: min(len(rows), max(4, k))]
        lines = f.all("notice.publicity")[:3]
        parts = [lines[0], _table(header, shown)]
        if len(shown) < len(rows):
            parts.append(f"（以上为部分名单，共{len(rows)}个，完整名单见附件。）")
        parts += ["".join(lines[1:]), f"联系电话：{_phone(rng)}。", _sign(d)]
        attachments = [("gongshi.csv", _csv(header, rows))] if len(shown) < len(rows) else []
        return "\n\n".join(parts) + "\n", attachments

    def r_notice_tips(self, d: Draft, f: Filler, k: int):
        rng = f.rng
        lines = f.all("notice.tips")
        roads = rng.sample(self.c.lines("roads"), 3)
        rows = [[r, rng.choice(("假期首日8时至14时", "假期最后一日14时至21时", "假期首日及最后一日全天")),
                 rng.choice(("错峰出行", "提前绕行", "关注实时路况"))] for r in roads]
        parts = [f"{d.extra['festival']}假期即将到来。{lines[1]}", "## 一、出行高峰预测", lines[0],
                 _table(["易拥堵路段", "拥堵时段", "出行建议"], rows),
                 "## 二、出行提示", "".join(lines[2:5]), "## 三、服务保障",
                 f"假期期间，全省交通运输部门将加强路网运行监测和应急值守，{lines[5]}", _sign(d)]
        return "\n\n".join(parts) + "\n", []

    def r_notice_training(self, d: Draft, f: Filler, k: int):
        rng = f.rng
        start = self.workday_from(d.published + dt.timedelta(days=rng.randint(7, 20)))
        lines = f.all("notice.training")
        parts = [_addressees(rng), lines[0] + "现将有关事项通知如下：",
                 "## 一、培训时间和地点",
                 f"{start.month}月{start.day}日报到，培训{rng.randint(2, 4)}天。地点：{self.agency}干部培训中心"
                 f"（江州市{rng.choice(('学府路', '梧桐路', '东湖路'))}{rng.randint(1, 200)}号）。",
                 "## 二、培训对象", lines[1], "## 三、培训内容", lines[2] +
                 "".join(f.pick(f"task.{d.domain}", max(1, k - 6))),
                 "## 四、有关要求", "".join(lines[3:]), f"联系电话：{_phone(rng)}。", _sign(d)]
        return "\n\n".join(parts) + "\n", []

    def r_notice_meeting(self, d: Draft, f: Filler, k: int):
        rng = f.rng
        day = self.workday_from(d.published + dt.timedelta(days=rng.randint(5, 15)))
        parts = [_addressees(rng), f"经研究，决定召开{d.extra['meeting']}。现将有关事项通知如下：",
                 "## 一、会议时间", f"{day.year}年{day.month}月{day.day}日上午9:00，会期半天。",
                 "## 二、会议地点", f"{self.agency}{rng.randint(2, 9)}楼会议室，各设区市设视频分会场。",
                 "## 三、参会人员", "各设区市交通运输局分管负责同志和业务科室负责人，厅机关有关处室和厅属有关单位负责同志。",
                 "## 四、会议内容", f"总结{day.year - 1}年工作，部署{day.year}年重点任务。" +
                 "".join(f.pick(f"task.{d.domain}", max(1, k - 6))),
                 "## 五、有关要求", "请参会人员提前15分钟入场，会议期间将手机调至静音状态。"
                 f"请各单位于{day.month}月{max(1, day.day - 2)}日前将参会人员回执报送厅{f.value('dept')}。",
                 f"联系电话：{_phone(rng)}。", _sign(d)]
        return "\n\n".join(parts) + "\n", []

    def r_notice_recruit(self, d: Draft, f: Filler, k: int):
        rng = f.rng
        posts = [("综合管理岗", "汉语言文学、行政管理、法学"), ("财务会计岗", "会计学、财务管理"),
                 ("工程技术岗", "道路桥梁与渡河工程、土木工程"), ("信息技术岗", "计算机科学与技术、软件工程"),
                 ("交通运输岗", "交通运输、交通工程"), ("港航技术岗", "港口航道与海岸工程、船舶与海洋工程")]
        chosen = rng.sample(posts, rng.randint(2, 5))
        rows = [[name, str(rng.randint(1, 3)), major, rng.choice(("本科及以上", "硕士研究生及以上")),
                 rng.choice(("专业技术岗位", "管理岗位"))] for name, major in chosen]
        total = sum(int(r[1]) for r in rows)
        exam = d.published + dt.timedelta(days=rng.randint(25, 45))
        parts = [f"根据事业单位公开招聘有关规定，经主管部门同意，{d.extra['unit']}面向社会公开招聘工作人员{total}名。"
                 "现将有关事项公告如下：",
                 "## 一、招聘岗位", _table(["岗位名称", "招聘人数", "专业要求", "学历要求", "岗位类别"], rows),
                 "## 二、报名条件", "具有中华人民共和国国籍，遵守宪法和法律，具有良好的品行和适应岗位要求的身体条件，"
                 "符合招聘岗位要求的学历、专业等条件。",
                 "## 三、报名方式", "报名采取网上报名方式，报名时间为公告发布之日起7个工作日内。",
                 "## 四、考试安排", f"笔试拟于{cn_date(exam)}举行，具体时间和地点以准考证为准。"
                 "考试成绩和拟聘用人员名单将在厅门户网站公示。",
                 "## 五、咨询方式", f"咨询电话：{_phone(rng)}（工作日9:00—17:00）。", _sign(d)]
        return "\n\n".join(parts) + "\n", []

    # -- budgets ---------------------------------------------------------------------------------------------

    def series(self, d: Draft) -> UnitSeries:
        s = self._series.get(d.unit.name)
        if s is None:
            s = self._series[d.unit.name] = UnitSeries(d.unit, str(self.seed))
        return s

    def r_budget(self, d: Draft, f: Filler, k: int):
        body, d.extra["figures"] = budget_body(f, self.series(d), d.fiscal_year, d.approved, d.extra["attach"])
        attachments = []
        if d.extra["attach"]:
            s = self.series(d)
            attachments.append(("sangong.csv", sangong_csv(d.fiscal_year, s.budget[d.fiscal_year],
                                                           s.budget[d.fiscal_year - 1], "预算")))
        return body, attachments

    def r_final_account(self, d: Draft, f: Filler, k: int):
        body, d.extra["figures"] = final_body(f, self.series(d), d.fiscal_year, d.approved, d.extra["attach"])
        attachments = []
        if d.extra["attach"]:
            s = self.series(d)
            attachments.append(("sangong.csv", sangong_csv(d.fiscal_year, s.final[d.fiscal_year],
                                                           s.final[d.fiscal_year - 1], "决算")))
        return body, attachments

    # -- annual reports --------------------------------------------------------------------------------------

    def report_stats(self) -> dict[int, dict]:
        """Per year: 规章/规范性文件 issued, ended and in force at year end; records published."""
        if self._report_stats is not None:
            return self._report_stats
        stats: dict[int, dict] = {}
        regs = [d for d in self.drafts if d.kind is Kind.POLICY and d.doc_type is not DocType.OTHER
                and d.issuer[0] == self.agency]
        for year in range(2014, END.year + 1):
            end = dt.date(year, 12, 31)
            row = {}
            for dtype in (DocType.RULE, DocType.NORMATIVE):
                mine = [d for d in regs if d.doc_type is dtype]
                issued = sum(1 for d in mine if d.published.year == year)
                ended = sum(1 for d in mine if d.ends and d.ends.year == year)
                in_force = sum(1 for d in mine if d.published <= end and not (d.ends and d.ends <= end))
                row[dtype] = (issued, ended, in_force)
            published = [d for d in self.drafts if d.published.year == year and d.is_proactive]
            row["policies"] = sum(1 for d in published if d.kind is Kind.POLICY)
            row["interpretations"] = sum(1 for d in published if d.kind is Kind.INTERPRETATION)
            row["all"] = len(published)
            stats[year] = row
        self._report_stats = stats
        return stats

    def r_report(self, d: Draft, f: Filler, k: int):
        rng = f.rng
        year = d.fiscal_year
        st = self.report_stats()[year]
        total = st["all"] + rng.randint(900, 2600)
        parts = [f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条和国务院办公厅政府信息公开办公室"
                 f"关于政府信息公开工作年度报告格式的要求编制，所列数据统计期限为{year}年1月1日至12月31日。"
                 f"本报告电子版可在{self.agency}门户网站“政府信息公开”专栏下载。",
                 "## 一、总体情况",
                 f.one("report.opening") + "".join(f.pick("report.overview", 2)) +
                 f"全年主动公开政府信息{total}条，其中政策文件{st['policies']}件、政策解读{st['interpretations']}件。",
                 "## 二、主动公开政府信息情况", "第二十条第（一）项："]
        rule, normative = st[DocType.RULE], st[DocType.NORMATIVE]
        if year >= FORMAT_FROM_YEAR:  # 30号 format: the tables are data, the counts computed by the core
            return self._report_as_data(d, f, parts, total), []
        if year >= 2021:
            parts.append(_table(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                                [["规章", *map(str, rule)], ["行政规范性文件", *map(str, normative)]]))
        else:
            parts.append(_table(["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
                                [["规章", str(rule[0]), str(rule[0]), str(rule[2])],
                                 ["行政规范性文件", str(normative[0]), str(normative[0]), str(normative[2])]]))
        parts.append("第二十条第（五）项、第（六）项、第（八）项：")
        parts.append(_table(["信息内容", "本年处理决定数量 / 收费金额（万元）"],
                            [["行政许可", str(rng.randint(1500, 6000))], ["行政处罚", str(rng.randint(5000, 16000))],
                             ["行政强制", str(rng.randint(300, 1500))],
                             ["行政事业性收费", money(rng.randint(8_000_000, 25_000_000))]]))
        parts.append("规章和行政规范性文件的制发、废止情况由厅法规处按年度清理结果统计，修改决定计入本年制发件数，"
                     "有效期届满失效的文件计入本年废止件数。")
        parts += ["## 三、收到和处理政府信息公开申请情况", *self._requests(rng, year)]
        parts += ["## 四、政府信息公开行政复议、行政诉讼情况", *self._appeals(rng)]
        parts += self._closing_sections(f, rng)
        return "\n\n".join(parts) + "\n", []

    @staticmethod
    def _closing_sections(f: Filler, rng: random.Random) -> list[str]:
        """Sections 五 and 六 of an annual report."""
        return ["## 五、存在的主要问题及改进情况",
                "存在的主要问题：" + "".join(f"{'一二三'[i]}是{s}" for i, s in enumerate(f.pick("report.problem", 2))),
                "改进措施：" + "".join(f"{'一二三'[i]}是{s}" for i, s in enumerate(f.pick("report.improve", 2))),
                "## 六、其他需要报告的事项",
                f"本年度未收取信息处理费。人大代表建议和政协提案办理复文主动公开{rng.randint(20, 80)}件。"
                f"如对本报告有疑问，请与厅办公室（政务公开科）联系，电话：{_phone(rng)}。"]

    def _report_as_data(self, d: Draft, f: Filler, parts: list[str], total: int) -> str:
        """A 30号 report: statistics in front matter (``d.extra``), tables and computed figures as markers."""
        rng = f.rng
        year = d.fiscal_year
        parts[2] = (parts[2].rsplit("全年主动公开", 1)[0] + f"全年主动公开政府信息{total}条，其中政策文件"
                    "【统计：本年发布政策文件】件、政策解读【统计：本年发布政策解读】件。")
        parts[-1] = "【统计：表二】"
        activity = [("行政许可", str(rng.randint(1500, 6000))), ("行政处罚", str(rng.randint(5000, 16000))),
                     ("行政强制", str(rng.randint(300, 1500))),
                     ("行政事业性收费", money(rng.randint(8_000_000, 25_000_000)))]
        parts.append("规章和行政规范性文件的制发、废止和现行有效件数由政府信息公开目录按统一规则统计。")
        rows = self._request_rows(rng, year)
        cells = self._appeal_cells(rng)
        parts += ["## 三、收到和处理政府信息公开申请情况", "【统计：表三】",
                  "本年度新收申请【统计：本年新收申请】件，上年结转【统计：上年结转申请】件，均在法定期限内答复，无延期答复情形。"]
        parts += ["## 四、政府信息公开行政复议、行政诉讼情况", "【统计：表四】",
                  "全年因政府信息公开引起的行政复议【统计：行政复议总计】件，行政诉讼【统计：行政诉讼总计】件。"]
        parts += self._closing_sections(f, rng)
        stats = ["statistics:", "  主动公开:", *(f"    {k}: {v}" for k, v in activity), "  依申请公开:"]
        stats += [f"    {row.key}: [{', '.join(map(str, values))}]" for row, values in zip(REQUEST_ROWS, rows)]
        stats += ["  行政复议和行政诉讼:"]
        stats += [f"    {key}: [{', '.join(map(str, cells[i * 5:i * 5 + 5]))}]" for i, (key, _) in enumerate(REVIEW_GROUPS)]
        d.extra["statistics"] = "\n".join(stats)
        return "\n\n".join(parts) + "\n"

    _RESULT_ROWS = (
        ("三、本年度办理结果（一）予以公开", 40), ("（二）部分公开", 8),
        ("（三）不予公开 1.属于国家秘密", 0), ("2.其他法律行政法规禁止公开", 0), ("3.危及“三安全一稳定”", 0),
        ("4.保护第三方合法权益", 2), ("5.属于三类内部事务信息", 1), ("6.属于四类过程性信息", 2),
        ("7.属于行政执法案卷", 1), ("8.属于行政查询事项", 1),
        ("（四）无法提供 1.本机关不掌握相关政府信息", 22), ("2.没有现成信息需要另行制作", 4), ("3.补正后申请内容仍不明确", 2),
        ("（五）不予处理 1.信访举报投诉类申请", 6), ("2.重复申请", 3), ("3.要求提供公开出版物", 1),
        ("4.无正当理由大量反复申请", 0), ("5.要求确认或重新出具已获取信息", 1),
        ("（六）其他处理 1.申请人无正当理由逾期不补正", 2), ("2.申请人逾期未缴纳信息处理费", 0), ("3.其他", 1))

    def _request_rows(self, rng: random.Random, year: int) -> list[list[int]]:
        """Table 三 in the order of :data:`~build_tools.annual_report.REQUEST_ROWS`, 总计 column included."""
        new, carried_in, results, handled, carried_out = self._request_figures(rng, year)
        rows = [new, carried_in, *results, handled, carried_out]
        return [[*r, sum(r)] for r in rows]

    def _request_figures(self, rng: random.Random, year: int):
        columns = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
        new = [rng.randint(10, 40), rng.randint(0, 8), rng.randint(0, 1), rng.randint(0, 1),
               rng.randint(0, 3), rng.randint(0, 2)]
        carried_in = [self._carried.get(year - 1, rng.randint(0, 2)), 0, 0, 0, 0, 0]
        carried_out = [rng.randint(0, min(2, new[0])), 0, 0, 0, 0, 0]
        self._carried[year] = carried_out[0]
        handled = [n + c - o for n, c, o in zip(new, carried_in, carried_out)]
        weights = [w for _, w in self._RESULT_ROWS]
        results = [[0] * len(columns) for _ in self._RESULT_ROWS]
        for col, count in enumerate(handled):
            for _ in range(count):
                results[rng.choices(range(len(weights)), weights)[0]][col] += 1
        return new, carried_in, results, handled, carried_out

    def _requests(self, rng: random.Random, year: int) -> list[str]:
        columns = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
        new, carried_in, results, handled, carried_out = self._request_figures(rng, year)

        def row(label: str, values: list[int]) -> str:
            return "|" + "|".join([label, *map(str, values), str(sum(values))]) + "|"
        lines = ["|申请人情况|" + "|".join(columns) + "|总计|", "|" + "---|" * (len(columns) + 2),
                 row("一、本年新收政府信息公开申请数量", new), row("二、上年结转政府信息公开申请数量", carried_in)]
        lines += [row(label, values) for (label, _), values in zip(self._RESULT_ROWS, results)]
        lines += [row("（七）总计", handled), row("四、结转下年度继续办理", carried_out)]
        total_new, total_in = sum(new), sum(carried_in)
        return ["\n".join(lines),
                f"本年度新收申请{total_new}件，上年结转{total_in}件，均在法定期限内答复，无延期答复情形。"]

    def _appeal_cells(self, rng: random.Random) -> list[int]:
        cells = []
        for _ in range(3):
            kept = rng.choice((0, 0, 1, 1, 2))
            fixed = rng.choice((0, 0, 0, 1))
            pending = rng.choice((0, 0, 1))
            cells += [kept, fixed, 0, pending, kept + fixed + pending]
        return cells

    def _appeals(self, rng: random.Random) -> list[str]:
        cells = self._appeal_cells(rng)
        header = ("|行政复议 维持|纠正|其他|尚未审结|总计|未经复议起诉 维持|纠正|其他|尚未审结|总计|"
                  "复议后起诉 维持|纠正|其他|尚未审结|总计|")
        table = "\n".join([header, "|" + "---|" * 15, "|" + "|".join(map(str, cells)) + "|"])
        return [table, f"全年因政府信息公开引起的行政复议{cells[4]}件，行政诉讼{cells[9] + cells[14]}件。"]
