"""Seconded officials (파견, 운영규정 §20): the host county selects them like anyone, gives them the tier's own benefits
(citation, prize money: the host's), and *recommends* the §14 personnel incentives to their home body (소속 기관),
which may grant them. The county's HR grants them none, so they are outside the exceptional share (운영규정 §14;
`rules.incentives.check_share` counts only awardees whose personnel incentives the county grants itself).

Pure: no I/O."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from common.county_selection import SelectionSection, Tier
from common.errors import InvalidInput
from selection.rules.incentives import Plan, benefits, check_plan


def plan(employee_no: str, *, home_body: str, tier: Tier | None, recommended: tuple[str, ...],
         preference: tuple[str, ...], officials_type: bool, section: SelectionSection) -> dict[str, Any]:
    """A seconded awardee's plan: no incentive for the county's HR to grant (`incentives` empty, not
    `personnel_eligible`), the §14 incentives recommended to the home body checked as a plan would be (the county's
    codes, no duplicate, at least one for a 공무원, none for others)."""
    check_plan(Plan(employee_no, officials_type, recommended), section)
    return {"incentives": [], "recommended": list(recommended), "preference": list(preference),
            "personnel_eligible": False, "seconded_from": home_body, "benefits": benefits(tier) if tier else {}}


def check_sent_on(sent_on: date, *, resolved_on: date | None, today: date) -> None:
    """A notice is sent on or after the committee's resolution and not in the future."""
    if sent_on > today:
        raise InvalidInput("발송일이 오늘 이후입니다.", code="SENT_ON_IN_FUTURE",
                           details={"sent_on": sent_on.isoformat()})
    if resolved_on is not None and sent_on < resolved_on:
        raise InvalidInput("발송일이 위원회 의결일보다 빠릅니다.", code="SENT_BEFORE_RESOLUTION",
                           details={"sent_on": sent_on.isoformat(), "resolved_on": resolved_on.isoformat()})


def check_answered_on(answered_on: date, *, sent_on: date, today: date) -> None:
    if answered_on > today or answered_on < sent_on:
        raise InvalidInput("회신일은 통보 발송일부터 오늘까지여야 합니다.", code="ANSWERED_ON_OUT_OF_RANGE",
                           details={"answered_on": answered_on.isoformat(), "sent_on": sent_on.isoformat()})


def state(notice: dict[str, Any] | None, answer: dict[str, Any] | None) -> str:
    """PENDING (not sent), NOTIFIED (sent, no answer recorded), ANSWERED."""
    return "ANSWERED" if answer else "NOTIFIED" if notice else "PENDING"


def figures(states: Iterable[str]) -> dict[str, int]:
    """The seconded awardees of a cycle, apart from the county's own: how many, and their notices' states."""
    found = list(states)
    return {"total": len(found), "notified": sum(s != "PENDING" for s in found),
            "answered": sum(s == "ANSWERED" for s in found), "pending": sum(s == "PENDING" for s in found)}
