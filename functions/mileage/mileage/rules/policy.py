"""Pure rules of the county's mileage policy: who may earn, points in range, team shares, act identity (caps: `caps`).

No I/O: every function takes the policy section and plain values, and raises `common.errors` on a broken rule.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from common.county import county
from common.county_mileage import EarnerRules, MileageItem, MileageSection
from common.errors import NotFound, RuleViolation


@lru_cache(maxsize=1)
def _cached_policy() -> MileageSection | None:
    return county().mileage


def policy() -> MileageSection:
    section = _cached_policy()
    if section is None:
        raise NotFound("이 지자체는 적극행정 마일리지를 운영하지 않습니다.", code="MILEAGE_DISABLED")
    return section


def item_or_error(section: MileageSection, code: str) -> MileageItem:
    item = section.item(code)
    if item is None:
        raise RuleViolation(f"없는 마일리지 항목입니다: {code}", code="UNKNOWN_ITEM")
    return item


def check_points(item: MileageItem, points: int) -> None:
    if not item.min_points <= points <= item.max_points:
        raise RuleViolation(
            f"'{item.name}' 항목의 점수는 {item.min_points}~{item.max_points}점이어야 합니다.",
            code="POINTS_OUT_OF_RANGE",
            details={"item_code": item.code, "min_points": item.min_points, "max_points": item.max_points,
                     "points": points})


def check_participation(section: MileageSection, department: str, act_date: date) -> None:
    """The act falls in a participation phase that includes `department` (a county may start with some departments,
    as Jung-gu did: 13 departments and 4 동 from September, every department the next year)."""
    phase = section.phase_on(act_date)
    if phase is None:
        first = section.participation[0].starts
        raise RuleViolation(f"마일리지는 {first.isoformat()} 이후의 행위부터 부여합니다.", code="BEFORE_START",
                            details={"act_date": act_date.isoformat(), "starts": first.isoformat()})
    if phase.departments is not None and department not in phase.departments:
        raise RuleViolation("이 부서는 아직 마일리지 시범 운영 대상이 아닙니다.", code="NOT_PARTICIPATING",
                            details={"department": department, "act_date": act_date.isoformat(),
                                     "phase_starts": phase.starts.isoformat()})


@dataclass(frozen=True)
class StaffFacts:
    employee_no: str
    department: str | None
    active: bool
    grade: int | None
    employment_type: str | None
    team_leader: bool


def ineligibility(rules: EarnerRules, staff: StaffFacts) -> str | None:
    """Why `staff` may not earn (Korean), or None when they may."""
    if not staff.active:
        return "재직 중인 직원이 아닙니다."
    if staff.employment_type not in rules.employment_types:
        return f"적립 대상 고용 형태가 아닙니다 ({staff.employment_type or '미상'})."
    if staff.grade is None:
        return None if rules.ungraded_allowed else "직급이 없는 직원은 적립 대상이 아닙니다."
    if staff.grade < rules.max_grade:
        return f"{rules.max_grade}급 이하만 적립할 수 있습니다 (현재 {staff.grade}급)."
    if staff.team_leader:
        if not rules.team_leaders_allowed:
            return "팀장은 적립 대상이 아닙니다."
        if rules.team_leader_max_grade is not None and staff.grade < rules.team_leader_max_grade:
            return f"팀장은 {rules.team_leader_max_grade}급 이하만 적립할 수 있습니다."
    return None


def split_points(total: int, shares: list[int]) -> list[int]:
    """Split `total` by `shares` with largest-remainder rounding: the parts always add up to `total`.
    Ties go to the earlier recipient. Works for deductions (negative totals) by splitting the magnitude."""
    if not shares or any(s <= 0 for s in shares):
        raise ValueError("shares must be positive")
    sign, magnitude, whole = (-1 if total < 0 else 1), abs(total), sum(shares)
    floors = [magnitude * s // whole for s in shares]
    remainders = [magnitude * s % whole for s in shares]
    left = magnitude - sum(floors)
    for index in sorted(range(len(shares)), key=lambda i: (-remainders[i], i))[:left]:
        floors[index] += 1
    return [sign * part for part in floors]


_PUNCTUATION = re.compile(r"[\W_]+", re.UNICODE)


def normalise_title(title: str) -> str:
    """Same act, same key: width/compatibility forms folded (NFKC), case folded, punctuation and spaces dropped."""
    return _PUNCTUATION.sub("", unicodedata.normalize("NFKC", title).casefold())


def act_keys(*, act_ref: str | None, act_date: date, act_title: str) -> list[str]:
    """The identities of one act: its date and title, and also its reference (e.g. a document number) if given —
    either one seen before makes it the same act."""
    sources = [f"ACT:{act_date.isoformat()}:{normalise_title(act_title)}"]
    if act_ref and act_ref.strip():
        sources.append("REF:" + normalise_title(act_ref))
    return [hashlib.sha256(source.encode()).hexdigest()[:32] for source in sources]


def identities(acts: list[str], grant: Any | None) -> list[str]:
    """`acts` and the identities of `grant` (its act_keys, or the one act_key of a grant from before)."""
    held = (grant.act_keys or [grant.act_key]) if grant is not None else []
    return list(dict.fromkeys([*acts, *held]))
