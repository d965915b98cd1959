"""The government-wide contest file (범정부 적극행정 우수사례 경진대회, MOIS): every awarded case of a cycle the county
sends to it (`selection.cycles[].contest_export`, e.g. H2) — the officials' and the departments' — with criterion,
title, achievement, evidence, department, who (the official, or the department and the staff named) and tier."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from common.county_selection import SelectionSection
from common.errors import RuleViolation
from selection.rules.phases import parse_cycle_id

HEADER = ("회차", "구분", "선발 기준", "사례 제목", "주요 성과", "증빙", "부서", "대상", "등급")


@dataclass(frozen=True)
class Case:
    kind: str  # 우수공무원 | 우수부서
    criterion: str
    title: str
    achievement: str
    evidence: tuple[str, ...]
    department: str
    who: str
    tier: str


def require_contest_cycle(cycle_id: str, section: SelectionSection) -> None:
    """Only the rounds the county file marks for the contest are exported."""
    _, code = parse_cycle_id(cycle_id)
    schedule = section.cycle(code)
    if schedule is None or not schedule.contest_export:
        raise RuleViolation("이 회차는 범정부 경진대회 제출 회차가 아닙니다.", code="NOT_A_CONTEST_CYCLE",
                            details={"cycle_id": cycle_id,
                                     "contest_cycles": [c.code for c in section.cycles if c.contest_export]})


def rows(cycle_id: str, cases: Iterable[Case], section: SelectionSection) -> list[tuple[object, ...]]:
    criteria = {c.code: c.name for c in section.criteria}
    return [(cycle_id, c.kind, criteria.get(c.criterion, c.criterion), c.title, c.achievement, "\n".join(c.evidence),
             c.department, c.who, c.tier) for c in cases]
