"""Validity must agree with what other records say about a record."""

from __future__ import annotations

import datetime as dt

from ..catalogue import Catalogue
from ..diagnostics import Problem, problem
from ..graph import LinkGraph
from ..model.fields import FIELDS_BY_KEY, Validity
from ..status import in_effect


def check_repealed_validity(catalogue: Catalogue, graph: LinkGraph, as_of: dt.date) -> list[Problem]:
    """A record repealed by a record in effect cannot still be 现行有效."""
    problems = []
    field = FIELDS_BY_KEY["validity"]
    for target, sources in graph.repealed_by.items():
        record = catalogue.by_index[target]
        if record.validity is not Validity.IN_FORCE:
            continue
        repealers = [catalogue.by_index[s] for s in sources if in_effect(catalogue.by_index[s], as_of)]
        if not repealers:
            continue
        by = repealers[0]
        since = (by.effective or by.published).isoformat()
        problems.append(problem(
            "validity-conflict", record.source, record.lines.get("validity", 1), "validity",
            f"本文件已被 {by.index_no}《{by.title}》废止（自 {since} 起施行），{field.display}不能是现行有效。",
            "改为 validity: 已废止。"))
    return problems
