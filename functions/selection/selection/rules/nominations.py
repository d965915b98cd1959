"""What a nomination must be, and which ones the review sets aside.

A nomination names the official, one of the county's criteria, what was achieved and evidence; an exemplary failure
(모범 실패사례) is a kind of its own. A nomination for friendliness alone (단순 친절) is recorded, marked and excluded
with that reason: the criteria reward active administration, not courtesy (seed 004 Ⅳ)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from common.county_selection import SelectionSection
from common.errors import Forbidden, InvalidInput, RuleViolation

FRIENDLINESS = "friendliness"  # the criterion a resident may pick; marked and excluded


class Kind(StrEnum):
    CASE = "case"  # 우수사례
    EXEMPLARY_FAILURE = "exemplary_failure"  # 모범 실패사례


class Channel(StrEnum):
    RESIDENT = "resident"
    DEPARTMENT = "department"
    CONTEST = "contest"


@dataclass(frozen=True)
class Draft:
    channel: Channel
    employee_no: str
    criterion: str
    kind: Kind


def check(draft: Draft, section: SelectionSection) -> bool:
    """Raise if the nomination cannot be taken; True if it is taken but set aside (friendliness only)."""
    if draft.channel.value not in section.channels:
        raise RuleViolation("이 지자체는 이 경로의 추천을 받지 않습니다.", code="CHANNEL_CLOSED",
                            details={"channel": draft.channel.value})
    if draft.criterion == FRIENDLINESS:
        return True
    if draft.criterion not in {c.code for c in section.criteria}:
        raise InvalidInput("선발 기준 중 하나를 골라 주세요.", code="UNKNOWN_CRITERION",
                           details={"criterion": draft.criterion, "allowed": [c.code for c in section.criteria]})
    return False


def check_head_nominates_own_staff(head_department: str | None, nominee_department: str | None) -> None:
    """A department head nominates their own department's staff only."""
    if head_department is None or head_department != nominee_department:
        raise Forbidden("부서장은 자기 부서 직원만 추천할 수 있습니다.", code="OTHER_DEPARTMENT")
