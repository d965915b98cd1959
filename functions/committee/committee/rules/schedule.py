"""When things are due: an item's due date against the meetings, a written meeting's window, the audit head's opinion.

Every date comes from the item's `common.statutory.CaseClock` on a period the county file names
(`committee.periods` → `clock.periods`); nothing here adds days itself. An item whose due date falls before the next
regular meeting is flagged until it is on an ad hoc or written meeting that ends in time (seed 004: "가까운 정기회의
안건으로 제출하되, 답변 기간이 30일을 넘지 않도록 수시회의 또는 서면회의 등 활용")."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from committee.rules.votes import MotionVote, SelectionVote
from common.clock import to_kst
from common.county_committee import CommitteeSection
from common.errors import InvalidInput, RuleViolation
from common.statutory import CaseClock, ClockSection, StatutoryTime, last_day


class MeetingKind(StrEnum):
    REGULAR = "regular"  # 정기회의
    AD_HOC = "ad_hoc"  # 수시회의
    WRITTEN = "written"  # 서면회의


@dataclass(frozen=True)
class Meeting:
    """A meeting as scheduling sees it: held on a day, or (written) open for the window its clock keeps."""

    meeting_id: str
    kind: MeetingKind
    held_on: date | None = None  # regular and ad hoc
    window: CaseClock | None = None  # written: the reply window (`open_written_vote`)

    def __post_init__(self) -> None:
        if (self.kind is MeetingKind.WRITTEN) != (self.window is not None) or (
                self.kind is not MeetingKind.WRITTEN and self.held_on is None):
            raise InvalidInput("서면회의는 회신 기간이, 그 밖의 회의는 회의일이 있어야 합니다.", code="MEETING_SHAPE")

    def ends_on(self, time_: StatutoryTime) -> date:
        """The day its resolutions are made: the meeting day, or the last day of a written meeting's window (the day it
        closed, if closed early)."""
        if self.window is None:
            assert self.held_on is not None
            return self.held_on
        if self.window.stopped_at is not None:
            return to_kst(self.window.stopped_at).date()
        return self.window.due_day(time_)


@dataclass(frozen=True)
class DueFlag:
    """Whether an item needs an ad hoc or written meeting to be resolved in time, and why."""

    flagged: bool
    code: str  # NO_DUE_DATE | ON_TIME | NEXT_REGULAR_IN_TIME | NEEDS_AD_HOC_OR_WRITTEN
    due_day: date | None = None
    message: str = ""


def due_flag(item_clock: CaseClock | None, time_: StatutoryTime, *, next_regular: date | None,
             assigned: Meeting | None = None, now: datetime | None = None) -> DueFlag:
    """Flag an item whose due day falls before the next regular meeting (or with none scheduled), until it is on an ad
    hoc or written meeting that ends by its due day. An item on a regular meeting in time is not flagged either."""
    if item_clock is None or item_clock.state == "stopped":
        return DueFlag(False, "NO_DUE_DATE")
    due = item_clock.due_day(time_, now=now)
    if assigned is not None and assigned.ends_on(time_) <= due:
        return DueFlag(False, "ON_TIME", due, f"{assigned.ends_on(time_).isoformat()} 회의에서 기한 안에 의결합니다.")
    if assigned is None and next_regular is not None and next_regular <= due:
        return DueFlag(False, "NEXT_REGULAR_IN_TIME", due,
                       f"다음 정기회의({next_regular.isoformat()})가 기한 안에 있습니다.")
    where = f"다음 정기회의({next_regular.isoformat()})" if next_regular else "예정된 정기회의가 없어"
    if assigned is not None:
        where = f"배정된 회의({assigned.ends_on(time_).isoformat()})"
    return DueFlag(True, "NEEDS_AD_HOC_OR_WRITTEN", due,
                   f"기한({due.isoformat()})이 {where}보다 앞섭니다: "
                   "기한 안에 끝나는 수시회의나 서면회의에 올려 주세요.")


def next_regular_meeting(meetings: list[Meeting], *, after: date) -> date | None:
    """The first regular meeting held on or after `after`."""
    days = sorted(m.held_on for m in meetings if m.kind is MeetingKind.REGULAR and m.held_on and m.held_on >= after)
    return days[0] if days else None


# --- clocks the committee starts --------------------------------------------------------------------------------

def start_opinion_request(rules: CommitteeSection, clock: ClockSection, *, at: datetime, by: str) -> CaseClock:
    """An opinion request's answer period (의견제시 요청: 30 days), from its receipt."""
    name = rules.periods.opinion_request
    return CaseClock.start(name, clock.period(name), at=at, by=by, reason="의견제시 요청 접수")


def open_written_vote(rules: CommitteeSection, clock: ClockSection, *, at: datetime, by: str) -> CaseClock:
    """A written meeting's reply window, opened when the papers are sent."""
    name = rules.periods.written_vote
    return CaseClock.start(name, clock.period(name), at=at, by=by, reason="서면회의 개시")


def ensure_in_window(window: CaseClock, time_: StatutoryTime, *, at: datetime) -> None:
    """A written vote counts only inside its meeting's window: not before it opens, not once it is due or closed."""
    at = to_kst(at)
    details = {"opens_at": window.started_at.isoformat()}
    if at < window.started_at:
        raise RuleViolation("서면회의가 아직 시작되지 않았습니다.", code="WRITTEN_VOTE_NOT_OPEN", details=details)
    due = window.due_at(time_)
    details["closes_at"] = (window.stopped_at or due).isoformat()
    if (window.stopped_at is not None and at >= window.stopped_at) or at >= due:
        raise RuleViolation(f"서면회의 회신 기간({last_day(due).isoformat()}까지)이 지났습니다.",
                            code="WRITTEN_VOTE_CLOSED", details=details)


def written_attendance(votes: Iterable[MotionVote | SelectionVote], window: CaseClock, time_: StatutoryTime
                       ) -> frozenset[str]:
    """A written meeting's "present" (its quorum's attendance): the members whose written vote arrived in the window.
    A vote without its time, or outside the window, is refused like a late reply."""
    present = set()
    for vote in votes:
        if vote.cast_at is None:
            raise InvalidInput("서면 표결에는 회신 시각이 있어야 합니다.", code="WRITTEN_VOTE_TIME_REQUIRED",
                               details={"member_id": vote.member_id})
        ensure_in_window(window, time_, at=vote.cast_at)
        present.add(vote.member_id)
    return frozenset(present)


def ask_audit_head(rules: CommitteeSection, clock: ClockSection, *, at: datetime, by: str) -> CaseClock:
    """The chair asks the audit head's opinion on an item (P1 §11⑦: 10 days)."""
    name = rules.periods.audit_head_opinion
    return CaseClock.start(name, clock.period(name), at=at, by=by, reason="위원장의 감사기구의 장 의견 요청")


def extend_audit_head(opinion: CaseClock, time_: StatutoryTime, *, at: datetime, by: str, reason: str) -> CaseClock:
    """The one extension of the audit head's period (10 days more), asked before it runs out; a second is refused."""
    if opinion.extensions:
        raise RuleViolation("감사기구의 장 의견 기간은 한 번만 연장할 수 있습니다.", code="AUDIT_OPINION_EXTENDED_ONCE",
                            details={"extended_at": opinion.extensions[0].at.isoformat()})
    return opinion.extend(time_, at=at, by=by, reason=reason)
