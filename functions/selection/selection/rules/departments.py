"""Excellent-case and excellent-department awards (우수사례·우수부서, seed 002): a department is the nominee. The same
cycle, review and committee as the officials', no vote: the contest or the unit's review ranks the cases.

A case is taken from a contest result (the unit, for any department) or from a department head for their own
department (the directory's department of the head). One case per department per title per cycle: the case's id is a
hash of the three, so a repeat is one failed conditional put. Prize money moves AWARDED → REQUESTED → PAID, each step
once: asking for a step already taken changes nothing."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from common.county_selection import NOT_SELECTED, DepartmentAwards, SelectionSection
from common.errors import Conflict, Forbidden, InvalidInput, RuleViolation

CONTEST, DEPARTMENT = "contest", "department"
AWARDED, REQUESTED, PAID = "AWARDED", "REQUESTED", "PAID"
PRIZE_STEPS = (AWARDED, REQUESTED, PAID)
STEP_OF = {"requested": REQUESTED, "paid": PAID}


def case_id(cycle_id: str, department: str, case_title: str) -> str:
    """The case's id: one per department per title (spacing and case folded) per cycle."""
    title = " ".join(case_title.split()).casefold()
    return "D" + hashlib.sha256(f"{cycle_id}\x00{department}\x00{title}".encode()).hexdigest()[:24]


def awards_of(section: SelectionSection) -> DepartmentAwards:
    awards = section.department_awards
    if not awards.enabled:
        raise RuleViolation("이 지자체는 우수사례·우수부서 시상을 하지 않습니다.", code="DEPARTMENT_AWARDS_NOT_RUN")
    return awards


def check_nomination(channel: str, criterion: str, contest: Any, section: SelectionSection) -> None:
    """The channel is the county's, the criterion one of its criteria, a contest entry names its contest."""
    awards = awards_of(section)
    if channel not in awards.channels:
        raise RuleViolation("이 지자체는 이 경로의 부서 사례를 받지 않습니다.", code="CHANNEL_CLOSED",
                            details={"channel": channel})
    if criterion not in {c.code for c in section.criteria}:
        raise InvalidInput("선발 기준 중 하나를 골라 주세요.", code="UNKNOWN_CRITERION",
                           details={"criterion": criterion, "allowed": [c.code for c in section.criteria]})
    if channel == CONTEST and contest is None:
        raise InvalidInput("경진대회 결과(contest)를 적어 주세요.", code="CONTEST_REQUIRED")


@dataclass(frozen=True)
class Head:
    """A department head as the directory has them (None: the directory does not know them)."""

    department: str | None
    active: bool


def check_head_own_department(head: Head, department: str) -> None:
    """A head submits their own department's case only: the directory's department, never the token's."""
    if head.department is None:
        raise Forbidden("부서장의 부서를 알 수 없어 제출할 수 없습니다.", code="DEPARTMENT_UNKNOWN")
    if not head.active:
        raise Forbidden("재직 중인 부서장만 제출할 수 있습니다.", code="NOT_ACTIVE")
    if head.department != department:
        raise Forbidden("부서장은 자기 부서의 사례만 제출할 수 있습니다.", code="OTHER_DEPARTMENT")


def committee_options(awards: DepartmentAwards) -> list[str]:
    return [*(t.code for t in awards.tiers), NOT_SELECTED]


def committee_summary(cases: Iterable[Any], awards: DepartmentAwards) -> str:
    """What the committee reads: the planned number, the tiers with their prizes, each case (its id is the
    candidate), cut to the event's 4,000 characters."""
    lines = [f"우수사례·우수부서 선정 예정 {awards.planned}개 부서 내외. 등급: "
             + ", ".join(f"{t.code}={t.name} ({t.prize_won:,}원)" for t in awards.tiers)]
    for case in cases:
        contest = case.contest or {}
        result = f" [{contest.get('name')} {contest.get('rank') or ''}위]" if contest else ""
        lines.append(f"{case.nomination_id}: {case.department_name}({case.department}) — {case.case_title}{result}")
    text = "\n".join(lines)
    return text if len(text) <= 4000 else text[:3997] + "..."


def awarded(selections: dict[str, str | None], candidates: Iterable[str], awards: DepartmentAwards) -> dict[str, str]:
    """The committee's decision mapped back: candidate → tier, for the cases sent and given one of the county's
    department tiers (not_selected, an undecided null or a stray option: no award)."""
    sent = set(candidates)
    return {c: option for c, option in sorted(selections.items())
            if c in sent and option is not None and awards.tier(option) is not None}


def prize_step(current: str | None, wanted: str) -> str | None:
    """The status to move from (`current`, when `wanted` is its next step), None when `wanted` was already taken (a
    repeat: nothing to do); a step out of order is refused."""
    if current not in PRIZE_STEPS:
        raise Conflict("수상한 부서 사례가 아닙니다.", code="NOT_AWARDED")
    have, want = PRIZE_STEPS.index(current), PRIZE_STEPS.index(wanted)
    if want <= have:
        return None
    if want != have + 1:
        raise Conflict(f"시상금 단계는 {PRIZE_STEPS[have + 1]}이(가) 먼저입니다.", code="PRIZE_STATUS",
                       details={"status": current, "next": PRIZE_STEPS[have + 1]})
    return current


def figures(cases: Iterable[Any]) -> dict[str, Any]:
    """Counts for the statistics: department cases by channel, excluded, awarded by tier, prizes paid."""
    listed = list(cases)
    won = [c for c in listed if c.tier]
    return {"nominations": len(listed), "departments": len({c.department for c in listed}),
            "by_channel": dict(Counter(c.channel for c in listed)),
            "excluded": sum(1 for c in listed if c.excluded),
            "awarded": len(won), "by_tier": dict(Counter(c.tier for c in won)),
            "prize_won": sum(int(c.prize_won or 0) for c in won),
            "paid": sum(1 for c in won if c.prize_status == PAID)}
