"""Long legal texts for ``catalogue generate --profile long``: 编, 章, 节 and 条 written to a size.

Real 规章 and 办法 run from 20 to 250 KB; search-index sizes, build times and
long-page reading are measured on them (issue 19), so the long profile writes
every policy as one.  :class:`LawWriter` writes the text of one document to
a byte budget in a single pass (no re-rendering to fit):

* structure: 第一章 总则 … 第N章 附则, body chapters split into 节 when long,
  and the longest documents (over :data:`PART_FROM` bytes) divided into 编
  (第一编 总则 … the last 编 holding 法律责任 and 附则); 章 numbers restart in
  each 编 and 节 numbers in each 章, as in Chinese codes; 条 are numbered
  continuously through the whole text;
* headings: ``## 第一章 总则`` and ``### 第一节 …``; with 编, ``## 第一编``,
  ``### 第一章`` and ``#### 第一节`` (the record page's own title is the one
  ``h1``, so heading levels never skip or repeat it);
* articles: ``**第一条** text`` as the generated profile writes them, further
  款 as further paragraphs, 项 as ``（一）…；`` lines after a lead-in;
* cross-references (依照本办法第十二条规定, 违反本办法第三十五条第二款规定,
  有本办法第八条第（三）项所列行为) always point back to an article that
  exists, with that 款 or 项;
* text composed from the building blocks in ``build_tools/data/gongwen_law.txt``
  (actor × situation × duty × manner, item lists, penalties) plus the
  article sentences of ``gongwen_sentences.txt``, so long texts vary rather
  than repeat a few sentences verbatim.

The writer returns a :class:`LawOutline` (chapters with their article
ranges) that interpretations rendered later use to cite articles that exist.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .corpus import Corpus, Filler

PART_FROM = 110_000
"""Body bytes from which a text is divided into 编."""

_DIGITS = "零一二三四五六七八九"


def cn_numeral(n: int) -> str:
    """Chinese numerals as article numbers write them: 1 → 一, 12 → 十二, 105 → 一百零五, 1010 → 一千零一十."""
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if rest == 0 else ("零" + _DIGITS[rest] if rest < 10 else cn_numeral(rest) if rest >= 20
                                     else "一" + cn_numeral(rest))
        return _DIGITS[n // 100] + "百" + tail
    rest = n % 1000
    tail = "" if rest == 0 else ("零" + cn_numeral(rest) if rest < 100 else cn_numeral(rest))
    if 10 <= rest < 20:
        tail = "零一" + cn_numeral(rest)
    return _DIGITS[n // 1000] + "千" + tail


def short_word(suffix: str) -> str:
    """How a text names itself: 管理办法 → 办法 (本办法), 实施细则 → 细则, 管理规定 → 规定."""
    for tail in ("细则", "办法", "规定", "规范", "规则", "条例", "决定"):
        if suffix.endswith(tail):
            return tail
    return "办法"


@dataclass(frozen=True)
class LawOutline:
    """What other records may cite of a written text."""

    articles: int
    chapters: tuple[tuple[str, str, int, int], ...]
    """(章 as cited, e.g. 第二章 or 第三编第二章; title; first article; last article)."""


_SECOND_PARAGRAPHS = (
    "前款规定的材料，{actor}应当在{n2}个工作日内审查完毕。",
    "有关单位和个人应当予以配合，如实提供有关资料，不得拒绝、阻挠。",
    "前款规定以外的其他事项，由{actor}按照职责分工负责。",
    "{actor}应当将前款规定的情况记入信用记录。",
    "省交通运输主管部门可以根据实际需要，对前款规定的事项作出具体规定。",
    "对前款规定的事项，{actor}应当加强指导和服务，提高办理效率。",
    "法律、法规对前款规定的事项另有规定的，从其规定。",
)

_LIST_LEADS = (
    ("duty", "{actor}应当履行下列职责：", "法律、法规和规章规定的其他职责"),
    ("condition", "申请从事相关经营活动，应当具备下列条件：", "法律、法规规定的其他条件"),
    ("material", "申请人应当向{actor}提交下列材料：", "法律、法规规定的其他材料"),
    ("cancel", "有下列情形之一的，{actor}应当依法办理有关许可的注销手续：", "法律、法规规定的其他情形"),
    ("task", "{actor}实施监督检查，可以采取下列措施：", "法律、法规规定的其他措施"),
    ("matter", "{actor}负责下列事项的监督管理：", "其他依法应当由其负责的事项"),
)

_FINES = (("一千", "五千"), ("二千", "一万"), ("五千", "二万"), ("一万", "五万"), ("二万", "十万"), ("三千", "三万"))


class LawWriter:
    """Writes the article text of one document to a byte budget (see the module docstring)."""

    def __init__(self, corpus: Corpus):
        self.c = corpus
        self.actors = corpus.lines("law.actor")
        self.conditions = corpus.lines("law.condition")
        self.duties = corpus.lines("law.duty")
        self.manners = corpus.lines("law.manner")
        self.forbid = corpus.lines("law.forbid")
        self.violations = corpus.lines("law.violation")
        self.penalties = corpus.lines("law.penalty")
        self.severe = corpus.lines("law.severe")
        self.items = {kind: corpus.lines(f"law.item.{kind}") for kind, _, _ in _LIST_LEADS}

    def write(self, f: Filler, domain: str, word: str, budget: int, closing: str) -> tuple[list[str], LawOutline]:
        """Markdown blocks (headings and articles) of about ``budget`` bytes, and their outline.

        ``word`` is how the text names itself (办法: 本办法); ``closing`` the
        施行日期 sentence that ends the last article.
        """
        return _Law(self, f, domain, word).run(budget, closing)


class _Law:
    """State while one text is written: blocks, article numbers, what may be cited."""

    def __init__(self, w: LawWriter, f: Filler, domain: str, word: str):
        self.w, self.f, self.rng, self.word = w, f, f.rng, word
        self.domain = domain
        self.domain_articles = w.c.lines(f"article.{domain}") + w.c.lines("article.common")
        self.blocks: list[str] = []
        self.size = 0
        self.n = 0
        self.paragraphs: dict[int, int] = {}
        """Article → number of 款."""
        self.citable: list[int] = []
        """Articles laying down duties: what cross-references and penalties cite."""
        self.lists: list[tuple[int, int]] = []
        """(article, number of 项) of prohibition lists, cited item by item in 法律责任."""
        self.chapters: list[tuple[str, str, int, int]] = []

    # -- output --------------------------------------------------------------------------------

    def heading(self, level: int, text: str) -> None:
        block = "#" * level + " " + text
        self.blocks.append(block)
        self.size += len(block.encode("utf-8")) + 2

    def article(self, paragraphs: list[str], citable: bool = False) -> int:
        self.n += 1
        text = "\n\n".join([f"**第{cn_numeral(self.n)}条** {paragraphs[0]}", *paragraphs[1:]])
        self.blocks.append(text)
        self.size += len(text.encode("utf-8")) + 2
        self.paragraphs[self.n] = sum(1 for p in paragraphs if not p.startswith("（"))
        if citable:
            self.citable.append(self.n)
        return self.n

    # -- building blocks -----------------------------------------------------------------------

    def actor(self) -> str:
        return self.rng.choice(self.w.actors)

    def duty_sentence(self) -> str:
        rng = self.rng
        duty = rng.choice(self.w.duties) + (rng.choice(self.w.manners) if rng.random() < 0.6 else "")
        if rng.random() < 0.6:
            return f"{rng.choice(self.w.conditions)}，{self.actor()}应当{duty}。"
        return f"{self.actor()}应当{duty}。"

    def second_paragraph(self) -> str:
        return self.rng.choice(_SECOND_PARAGRAPHS).format(actor=self.actor(), n2=self.rng.randint(5, 20))

    def items(self, kind: str, tail: str, low: int = 3, high: int = 7) -> list[str]:
        pool = self.w.items[kind]
        chosen = self.rng.sample(pool, min(len(pool), self.rng.randint(low, high)))
        if self.rng.random() < 0.6:
            chosen.append(tail)
        return chosen

    @staticmethod
    def item_lines(items: list[str]) -> str:
        return "\n".join(f"（{cn_numeral(i + 1)}）{t}{'；' if i < len(items) - 1 else '。'}"
                         for i, t in enumerate(items))

    def cite(self) -> str | None:
        """本办法第X条 (or 第X条第Y款) of an earlier duty article, or None before there is one."""
        if not self.citable:
            return None
        x = self.rng.choice(self.citable[-30:]) if self.rng.random() < 0.7 else self.rng.choice(self.citable)
        ref = f"本{self.word}第{cn_numeral(x)}条"
        if self.paragraphs[x] >= 2 and self.rng.random() < 0.4:
            ref += f"第{cn_numeral(self.rng.randint(1, self.paragraphs[x]))}款"
        return ref

    # -- articles by kind ------------------------------------------------------------------------

    def body_article(self) -> None:
        rng = self.rng
        roll = rng.random()
        if roll < 0.12:
            self.article([self.f.fill(rng.choice(self.domain_articles))], citable=True)
        elif roll < 0.42:
            count = rng.choice((1, 1, 2, 2, 3))
            paragraphs = [self.duty_sentence() for _ in range(count)]
            if rng.random() < 0.35:
                paragraphs.append(self.second_paragraph())
            self.article(paragraphs, citable=True)
        elif roll < 0.62:
            kind, lead, tail = rng.choice(_LIST_LEADS)
            paragraphs = [lead.format(actor=self.actor()) + "\n\n" + self.item_lines(self.items(kind, tail))]
            if rng.random() < 0.4:
                paragraphs.append(self.duty_sentence())
            self.article(paragraphs, citable=True)
        elif roll < 0.72:
            items = rng.sample(self.w.forbid, rng.randint(3, 6))
            number = self.article([f"{self.actor()}不得有下列行为：\n\n{self.item_lines(items)}"], citable=True)
            self.lists.append((number, len(items)))
        elif roll < 0.82:
            days = rng.choice((5, 7, 10, 15, 20))
            self.article([f"{self.actor()}应当自受理申请之日起{days}个工作日内作出决定；{days}个工作日内不能作出决定的，"
                          f"经本机关负责人批准，可以延长{rng.choice((5, 10))}个工作日，并应当将延长期限的理由告知申请人。",
                          rng.choice(("作出准予决定的，应当自作出决定之日起十个工作日内向申请人颁发、送达有关证件。",
                                      "作出不予准予决定的，应当书面说明理由，并告知申请人享有依法申请行政复议或者提起行政诉讼的权利。",
                                      self.second_paragraph()))], citable=True)
        else:
            ref = self.cite()
            if ref is None:
                self.article([self.duty_sentence()], citable=True)
                return
            duty = rng.choice(self.w.duties)
            form = rng.randrange(4)
            if form == 0:
                text = f"{self.actor()}应当按照{ref}的规定，{duty}。"
            elif form == 1:
                text = f"依照{ref}规定作出决定的，{self.actor()}应当{duty}{rng.choice(self.w.manners)}。"
            elif form == 2:
                text = f"有{ref}规定情形的，{self.actor()}应当{duty}。"
            else:
                text = f"{ref}规定的事项，由{self.actor()}负责组织实施；涉及其他部门职责的，应当会同有关部门办理。"
            self.article([text, self.duty_sentence()] if rng.random() < 0.3 else [text])

    def general_articles(self, budget_to: int) -> None:
        f, rng = self.f, self.rng
        self.article([f.one("article.purpose")])
        self.article([f.one("article.scope")])
        principles = rng.sample(("依法管理", "公开公正", "便民高效", "安全第一", "统筹协调", "属地管理", "分级负责",
                                 "权责一致", "预防为主", "综合治理"), 4)
        self.article([f"{f.value('subject')}工作应当遵循{'、'.join(principles)}的原则。"])
        for text in f.pick("article.duty", 2):
            self.article([text], citable=True)
        while self.size < budget_to:
            self.body_article()

    def liability_articles(self, budget_to: int) -> None:
        f, rng = self.f, self.rng
        self.article([f.all("article.liability")[0]])
        for number, count in self.lists[-3:]:
            self.article([f"有本{self.word}第{cn_numeral(number)}条第（{cn_numeral(rng.randint(1, count))}）项所列行为的，"
                          f"{f.fill(rng.choice(self.w.penalties))}；{rng.choice(self.w.severe)}。"])
        while True:
            ref = self.cite() or f"本{self.word}规定"
            fine, top = rng.choice(_FINES)
            penalty = rng.choice(self.w.penalties) if rng.random() < 0.7 else \
                f"由县级以上交通运输主管部门责令改正，处{fine}元以上{top}元以下的罚款"
            self.article([f"违反{ref}规定，{self.actor()}{rng.choice(self.w.violations)}的，"
                          f"{f.fill(penalty)}；{rng.choice(self.w.severe)}。"])
            if self.size >= budget_to:
                break
        self.article([f.all("article.liability")[1]])

    def final_articles(self, closing: str) -> None:
        f, rng = self.f, self.rng
        terms = rng.sample(self.w.c.fields("law.term", 2), rng.randint(2, 4))
        self.article([f"本{self.word}下列用语的含义：\n\n"
                      + self.item_lines([f"{a}，是指{b}" for a, b in terms])])
        if rng.random() < 0.6:
            self.article([f"本{self.word}所称以上、以下，包括本数。"])
        for text in f.pick("article.final", rng.randint(1, 2)):
            self.article([text])
        self.article([closing])

    # -- the whole text ------------------------------------------------------------------------

    def run(self, budget: int, closing: str) -> tuple[list[str], LawOutline]:
        rng = self.rng
        middle = 0 if budget < PART_FROM else rng.randint(2, 4) if budget < 180_000 else rng.randint(3, 5)
        part_titles = rng.sample(self.w.c.lines("law.part"), middle)
        titles = [t for t in self.w.c.lines("law.chapter") if t not in part_titles]
        rng.shuffle(titles)
        estimate = max(30, budget // 330)  # articles, at about 330 bytes each
        body_chapters = max(2, min(len(titles), round(estimate / rng.uniform(18, 30))))
        general = max(1800, int(budget * rng.uniform(0.04, 0.07)))
        liability = max(1500, int(budget * rng.uniform(0.05, 0.08)))
        rest = max(1000, budget - general - liability - 1200)
        weights = [rng.uniform(0.6, 1.4) for _ in range(body_chapters)]
        shares = [rest * w / sum(weights) for w in weights]
        body = [(titles[i], shares[i]) for i in range(body_chapters)]

        # Units in order: (编 index or None, chapter title, kind, byte share).
        units: list[tuple[int | None, str, str, float]] = []
        if middle:
            first = max(1, body_chapters // (middle + 2))
            units.append((0, "一般规定", "general", general))
            units += [(0, t, "body", s) for t, s in body[:first]]
            per = math.ceil((body_chapters - first) / middle)
            for p in range(middle):
                chunk = body[first + p * per:first + (p + 1) * per]
                units += [(p + 1, t, "body", s) for t, s in chunk]
            last = max(u[0] for u in units) + 1
            units += [(last, "法律责任", "liability", liability), (last, "附则", "final", 0)]
            part_names = ["总则", *part_titles[:last - 1], "法律责任和附则"]
            levels = (2, 3, 4)
        else:
            units.append((None, "总则", "general", general))
            units += [(None, t, "body", s) for t, s in body]
            units += [(None, "法律责任", "liability", liability), (None, "附则", "final", 0)]
            part_names = []
            levels = (0, 2, 3)

        target = 0.0
        part, chapter = -1, 0
        sections = rng.sample(self.w.c.lines("law.section"), len(self.w.c.lines("law.section")))
        for part_no, title, kind, share in units:
            if part_no is not None and part_no != part:
                part, chapter = part_no, 0
                self.heading(levels[0], f"第{cn_numeral(part + 1)}编 {part_names[part]}")
            chapter += 1
            number = f"第{cn_numeral(chapter)}章"
            self.heading(levels[1], f"{number} {title}")
            first = self.n + 1
            target += share
            if kind == "general":
                self.general_articles(int(target))
            elif kind == "liability":
                self.liability_articles(int(target))
            elif kind == "final":
                self.final_articles(closing)
            else:
                parts = 1 if share < 7000 else min(5, max(2, int(share // 4500)))
                if parts == 1:
                    while True:
                        self.body_article()
                        if self.size >= target:
                            break
                else:
                    start = target - share
                    names = rng.sample([n for n in sections if n != title], parts)
                    if rng.random() < 0.5:
                        names[0] = "一般规定"
                    names = list(dict.fromkeys(names))
                    for i, name in enumerate(names):
                        self.heading(levels[2], f"第{cn_numeral(i + 1)}节 {name}")
                        goal = start + share * (i + 1) / len(names)
                        while True:
                            self.body_article()
                            if self.size >= goal:
                                break
            cited = f"第{cn_numeral(part + 1)}编{number}" if part_no is not None else number
            self.chapters.append((cited, title, first, self.n))
        return self.blocks, LawOutline(self.n, tuple(self.chapters))
