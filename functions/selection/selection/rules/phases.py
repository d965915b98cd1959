"""A cycle's phases and how it moves between them.

PLANNED (criteria asked of the committee) → NOMINATION → REVIEW (예비심사) → VOTING → COMMITTEE (the shortlist
before the committee) → INCENTIVES (awardees known; plans, HR, confirmation) → CLOSED. A cycle opens (PLANNED →
NOMINATION) only once the committee resolved its criteria and procedure (운영규정 §13②). Phases move one step
forward, on their dates (the daily job) or by the dedicated unit with a reason; COMMITTEE → INCENTIVES only by the
committee's resolution, never by hand or date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from common.county_selection import CycleSchedule
from common.errors import Conflict, RuleViolation


class Phase(StrEnum):
    PLANNED = "PLANNED"
    NOMINATION = "NOMINATION"
    REVIEW = "REVIEW"
    VOTING = "VOTING"
    COMMITTEE = "COMMITTEE"
    INCENTIVES = "INCENTIVES"
    CLOSED = "CLOSED"


ORDER = list(Phase)
BY_RESOLUTION = {Phase.INCENTIVES}  # entered only when the committee's resolution arrives


def cycle_id(year: int, code: str) -> str:
    return f"{year}-{code}"


def parse_cycle_id(value: str) -> tuple[int, str]:
    year, _, code = value.partition("-")
    if not (year.isdigit() and len(year) == 4 and code):
        raise RuleViolation("회차 번호는 '2026-H1' 형식입니다.", code="INVALID_CYCLE", details={"cycle_id": value})
    return int(year), code


@dataclass(frozen=True)
class Dates:
    """A cycle's phase dates in its year (from the county file's schedule)."""

    nomination_starts: date
    nomination_ends: date
    vote_starts: date
    vote_ends: date

    @classmethod
    def of(cls, schedule: CycleSchedule, year: int) -> Dates:
        nomination, vote = schedule.nomination.dates(year), schedule.vote.dates(year)
        return cls(nomination[0], nomination[1], vote[0], vote[1])

    def as_dict(self) -> dict[str, str]:
        return {k: v.isoformat() for k, v in vars(self).items()}


def next_phase(current: Phase) -> Phase:
    if current == Phase.CLOSED:
        raise Conflict("이미 끝난 회차입니다.", code="CYCLE_CLOSED")
    return ORDER[ORDER.index(current) + 1]


def check_move(current: Phase, to: Phase, *, criteria_resolved: bool, by_hand: bool) -> None:
    """Whether the cycle may move from `current` to `to`: one step forward; a cycle opens only once its criteria are
    resolved; the awardees' phase comes only from the committee."""
    if to != next_phase(current):
        raise Conflict(f"회차는 한 단계씩만 진행합니다 (지금 {current.value}, 다음 {next_phase(current).value}).",
                       code="PHASE_ORDER", details={"phase": current.value, "to": to.value})
    if to == Phase.NOMINATION and not criteria_resolved:
        raise RuleViolation("적극행정위원회가 선발 기준과 절차를 의결하기 전에는 회차를 열 수 없습니다 "
                            "(운영규정 §13②).", code="CRITERIA_NOT_RESOLVED")
    if by_hand and to in BY_RESOLUTION:
        raise RuleViolation("수상자는 적극행정위원회의 의결로만 정해집니다.", code="AWAITING_COMMITTEE")


def due_move(current: Phase, dates: Dates, today: date, *, criteria_resolved: bool) -> Phase | None:
    """The phase the cycle's dates call for today, one step at a time (None: stay). The job moves a cycle; a cycle
    whose criteria are not resolved stays PLANNED, however late."""
    if current == Phase.PLANNED and criteria_resolved and dates.nomination_starts <= today <= dates.nomination_ends:
        return Phase.NOMINATION
    if current == Phase.NOMINATION and today > dates.nomination_ends:
        return Phase.REVIEW
    if current == Phase.REVIEW and today >= dates.vote_starts:
        return Phase.VOTING
    if current == Phase.VOTING and today > dates.vote_ends:
        return Phase.COMMITTEE
    return None


def require(current: Phase, *allowed: Phase, action: str) -> None:
    if current not in allowed:
        raise Conflict(f"지금 단계({current.value})에서는 {action}을(를) 할 수 없습니다.", code="WRONG_PHASE",
                       details={"phase": current.value, "allowed": [p.value for p in allowed]})
