"""The incentive plan of each awardee, and the cycle's exceptional share.

A plan is the tier's benefits (rating points, prize money, leave: the county file's) plus, for a 공무원, at least
one of §14①'s personnel incentives chosen with their stated preference (운영규정 §14①: "반드시"); the main officer
of a flagship task (중점과제 주담당자) chooses the county's number of them themselves (Nowon: two); 공무직 and contract
staff receive no personnel incentive (the citation and the prize only) and are left out of the share. The cycle's
plans go to HR only once the share of awardees with an exceptional (파격적) incentive reaches the county's (≥ 50 %)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from common.county_selection import SelectionSection, Tier
from common.errors import InvalidInput, RuleViolation


@dataclass(frozen=True)
class Plan:
    employee_no: str
    personnel_eligible: bool
    incentives: tuple[str, ...]
    preference: tuple[str, ...] = ()  # what the official asked for
    flagship_task: str | None = None  # the 중점과제 they are the main officer of: they choose their incentives


def benefits(tier: Tier) -> dict[str, float | int | str]:
    return {"tier": tier.code, "tier_name": tier.name, "rating_points": tier.rating_points,
            "prize_won": tier.prize_won, "leave_days": tier.leave_days, "citation": True}


def check_plan(plan: Plan, section: SelectionSection) -> None:
    known = {i.code for i in section.incentives}
    if unknown := [c for c in plan.incentives if c not in known]:
        raise InvalidInput("이 지자체의 인사상 인센티브가 아닙니다.", code="UNKNOWN_INCENTIVE",
                           details={"incentives": unknown, "allowed": sorted(known)})
    if len(set(plan.incentives)) != len(plan.incentives):
        raise InvalidInput("같은 인센티브를 두 번 적었습니다.", code="DUPLICATE_INCENTIVE")
    if not plan.personnel_eligible and plan.incentives:
        raise RuleViolation("인사상 인센티브는 공무원에게만 부여합니다 (공무직·계약직은 상장과 시상금).",
                            code="PERSONNEL_INCENTIVES_FOR_OFFICIALS_ONLY")
    if plan.personnel_eligible and not plan.incentives:
        raise RuleViolation("인사상 인센티브를 1종 이상 부여해야 합니다 (운영규정 §14①).", code="INCENTIVE_REQUIRED")
    if plan.personnel_eligible and plan.flagship_task:
        check_flagship_choices(plan, section.flagship_task_choices)


def check_flagship_choices(plan: Plan, choices: int) -> None:
    """The main officer of a flagship task (적극행정 중점과제 주담당자) chooses `choices` of the incentives themselves
    (Nowon: two): the plan holds at least that many of the ones they asked for."""
    chosen = [code for code in plan.incentives if code in plan.preference]
    if len(chosen) < choices:
        raise RuleViolation(
            f"중점과제 주담당자는 인사상 인센티브 {choices}종을 본인이 고릅니다: "
            f"본인이 희망한 인센티브 {choices}종 이상을 계획에 넣어 주세요.", code="FLAGSHIP_CHOICES_UNMET",
            details={"needed": choices, "chosen": chosen, "preference": list(plan.preference)})


def exceptional(plan: Plan, section: SelectionSection) -> bool:
    codes = {i.code for i in section.incentives if i.exceptional}
    return any(c in codes for c in plan.incentives)


def check_share(plans: Iterable[Plan], section: SelectionSection) -> None:
    """Refused while the share of personnel-eligible awardees with an exceptional incentive is short of the county's."""
    eligible = [p for p in plans if p.personnel_eligible]
    count = sum(exceptional(p, section) for p in eligible)
    if eligible and not section.exceptional_share.reached(count, len(eligible)):
        raise RuleViolation(
            f"파격적 인센티브를 받는 인원이 부족합니다 ({count}/{len(eligible)}명, 기준 "
            f"{section.exceptional_share.label_ko()}).", code="EXCEPTIONAL_SHARE_UNMET",
            details={"exceptional": count, "eligible": len(eligible), "needed": section.exceptional_share.needed(
                len(eligible))})
