"""Statutory periods and the clock of a case: one engine every area uses for due dates; no area computes one itself.

Three ways of counting, chosen per period in the county file (`clock.periods.<name>.count`):

- `working_days` (민원처리법 §19②): the day of receipt is the first day; Saturdays and public holidays are skipped.
  The period ends at the end (24:00) of its last day.
- `working_hours` (§19①, periods of 5 days or less): counted from the moment of receipt in office hours on working
  days, 8 hours a day; a moment outside office hours starts at the next opening. 즉시 = 3 working hours.
- `calendar_days` (민법 §157, §161): the first day is not counted unless the period starts at 00:00; a period whose
  last day is a Saturday or a public holiday ends at the end of the next working day.

Statutory periods read `StatutoryTime` only: the national calendar and the office-hours grid. A county's own closed
days (군민의 날) belong to `Office`, which only says when the office is open (reminders are sent then); nothing that
computes a due date can see them.

A `CaseClock` is plain data an area keeps on its case item (`model_dump(mode="json")` / `model_validate`): the period
rule as it was at receipt and every change (start, pause, resume, extension, stop) with who, when and why. Its
methods are pure: each change returns a new clock; the answers (due at, time left, overdue by, next reminder) take
the calendar and the moment to answer for.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator

from common.clock import KST, StatutoryCalendar, to_kst
from common.errors import InvalidInput, RuleViolation

if TYPE_CHECKING:
    from common.county import County
    from common.county_file import CountyConfig

HOURS_PER_DAY = 8  # 민원처리법 §19①: 1일은 8시간의 근무시간
_DAY = timedelta(days=1)


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # built on first use (cold starts)


class Counting(StrEnum):
    CALENDAR_DAYS = "calendar_days"
    WORKING_DAYS = "working_days"
    WORKING_HOURS = "working_hours"


class OfficeHours(_Data):
    """Office hours of a working day: 8 working hours between opening and closing, less the lunch hour."""

    opens: time = Field(default=time(9), description="업무 시작 (\"09:00\")")
    lunch_starts: time = Field(default=time(12), description="점심시간 시작")
    lunch_ends: time = Field(default=time(13), description="점심시간 끝")
    closes: time = Field(default=time(18), description="업무 종료")

    @field_validator("opens", "lunch_starts", "lunch_ends", "closes", mode="before")
    @classmethod
    def _quoted(cls, value: Any) -> Any:
        if isinstance(value, int | float):  # YAML reads an unquoted 09:00 as the number 540
            raise ValueError("시각은 따옴표로 감싼 \"HH:MM\" 문자열로 적어 주세요 (unquoted 09:00 is a number in YAML)")
        return value

    @model_validator(mode="after")
    def _eight_hours(self) -> OfficeHours:
        if not self.opens < self.lunch_starts <= self.lunch_ends < self.closes:
            raise ValueError("opens < lunch_starts ≤ lunch_ends < closes 순서여야 합니다")
        worked = sum((end - start for start, end in self.spans(date(2026, 1, 5))), timedelta())
        if worked != timedelta(hours=HOURS_PER_DAY):
            raise ValueError(f"근무시간이 하루 {HOURS_PER_DAY}시간이어야 합니다 (민원처리법 §19①): {worked}")
        return self

    def spans(self, day: date) -> tuple[tuple[datetime, datetime], tuple[datetime, datetime]]:
        """The two working spans of `day` in KST: morning and afternoon."""
        at = lambda t: datetime.combine(day, t, KST)  # noqa: E731
        return (at(self.opens), at(self.lunch_starts)), (at(self.lunch_ends), at(self.closes))


class PeriodRule(_Data):
    """One named period of the county file: how it counts, how long it is, how far it may be extended, and when to
    remind (before the due time, in the period's own unit)."""

    count: Counting
    length: int = Field(ge=1, description="기간 (count의 단위: 일 또는 근무시간)")
    max_extension: int | None = Field(
        default=None, ge=0, description="한 번에 연장할 수 있는 최대 길이 (없으면 원래 기간만큼; 0이면 연장 불가)")
    remind_before: list[int] = Field(default=[], description="기한 전 알림 (같은 단위; 예: [7, 1])")

    @field_validator("remind_before")
    @classmethod
    def _positive_and_sorted(cls, value: list[int]) -> list[int]:
        if any(offset < 1 for offset in value):
            raise ValueError("알림 시점은 1 이상이어야 합니다")
        return sorted(set(value), reverse=True)

    @model_validator(mode="after")
    def _unit_fits_length(self) -> PeriodRule:
        if self.count is Counting.WORKING_HOURS and self.length > 5 * HOURS_PER_DAY:
            raise ValueError("working_hours는 5일(40시간) 이하에만 씁니다 (민원처리법 §19①); 더 길면 working_days")
        if self.count is Counting.WORKING_DAYS and self.length <= 5:
            raise ValueError(f"5일 이하의 기간은 근무시간으로 셉니다 (민원처리법 §19①): "
                             f"count: working_hours, length: {self.length * HOURS_PER_DAY}")
        return self

    @property
    def extension_limit(self) -> int:
        return self.length if self.max_extension is None else self.max_extension


class NationalHoliday(_Data):
    date: date
    name: str = Field(min_length=1)


class ClockSection(_Data):
    """`clock:` in the county file — office hours, late national holidays and the named statutory periods."""

    office_hours: OfficeHours = OfficeHours()
    national_holidays: list[NationalHoliday] = Field(
        default=[], description="holidays 패키지 고정 이후 지정된 임시공휴일 (전국; 지자체 휴무일은 extra_closed_days)")
    periods: dict[str, PeriodRule] = Field(default={}, description="이름별 법정 기간 (예: committee_opinion)")

    @field_validator("periods")
    @classmethod
    def _names(cls, value: dict[str, PeriodRule]) -> dict[str, PeriodRule]:
        for name in value:
            if not re.fullmatch(r"[a-z][a-z0-9_]{0,40}", name):
                raise ValueError(f"기간 이름은 영문 소문자 snake_case여야 합니다: {name}")
        return value

    def period(self, name: str) -> PeriodRule:
        try:
            return self.periods[name]
        except KeyError:
            raise KeyError(f"clock.periods.{name} is not in the county file") from None


# --- calendars ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class StatutoryTime:
    """What statutory periods count: the national calendar (no county closed days) and the office-hours grid."""

    calendar: StatutoryCalendar
    hours: OfficeHours
    # due moments already counted on this calendar (a case's due day is read on every view of it): `due_moment`
    _due: dict[tuple[Any, ...], datetime] = field(default_factory=dict, init=False, repr=False, compare=False)

    def working_spans(self, since: datetime) -> Iterator[tuple[datetime, datetime]]:
        """The counted spans of working time from `since` on, clipped to start at `since`."""
        day = since.date()
        while True:
            if self.calendar.is_working_day(day):
                for start, end in self.hours.spans(day):
                    if end > since:
                        yield max(start, since), end
            day += _DAY

    def working_spans_back(self, until: datetime) -> Iterator[tuple[datetime, datetime]]:
        """The counted spans of working time before `until`, latest first, clipped to end at `until`."""
        day = until.date()
        while True:
            if self.calendar.is_working_day(day):
                for start, end in reversed(self.hours.spans(day)):
                    if start < until:
                        yield start, min(end, until)
            day -= _DAY


@dataclass(frozen=True)
class Office:
    """When the county's office is open: statutory working days less its own closed days, in office hours.

    Only office-facing things read it (when a reminder is sent); due dates never do."""

    statutory: StatutoryTime
    closed_days: frozenset[date] = frozenset()

    @classmethod
    def of(cls, county: County | CountyConfig) -> Office:
        """The county's: its `clock` section and its `extra_closed_days` (built once per county file read, so the
        due moments its calendar has counted are kept for the next request)."""
        section, closed = county.clock, county.extra_closed_days
        kept = _OFFICES.get((id(section), id(closed)))
        if kept is not None and kept[0] is section and kept[1] is closed:
            return kept[2]
        calendar = StatutoryCalendar({h.date: h.name for h in section.national_holidays})
        office = cls(StatutoryTime(calendar, section.office_hours), frozenset(closed))
        if len(_OFFICES) >= 8:  # tests read many county files in one process; a Lambda reads one
            _OFFICES.clear()
        _OFFICES[(id(section), id(closed))] = (section, closed, office)  # kept alive, so the ids stay theirs
        return office

    def is_open_day(self, day: date) -> bool:
        return self.statutory.calendar.is_working_day(day) and day not in self.closed_days

    def is_open(self, moment: datetime) -> bool:
        moment = to_kst(moment)
        return self.is_open_day(moment.date()) and any(
            start <= moment < end for start, end in self.statutory.hours.spans(moment.date()))

    def next_opening(self, moment: datetime) -> datetime:
        """`moment` itself when the office is open then, else the next moment it opens."""
        moment = to_kst(moment)
        for start, _end in self.statutory.working_spans(moment):
            if self.is_open_day(start.date()):
                return start
        raise AssertionError("unreachable: working spans never end")


_OFFICES: dict[tuple[int, int], tuple[Any, Any, Office]] = {}


# --- counting ----------------------------------------------------------------------------------------------------

Span = tuple[datetime, datetime]


def _minus(span: Span, holes: list[Span]) -> Iterator[Span]:
    """The parts of `span` outside every hole (holes sorted by start)."""
    start, end = span
    for hole_start, hole_end in holes:
        if hole_end <= start or hole_start >= end:
            continue
        if hole_start > start:
            yield start, hole_start
        start = max(start, hole_end)
        if start >= end:
            return
    if start < end:
        yield start, end


def _paused_days(pauses: Sequence[Span]) -> set[date]:
    """Day-counted periods leave out the days from the pause's day up to the day before it resumed: the day it
    resumes counts again, as the day of receipt does."""
    days: set[date] = set()
    for start, end in pauses:
        day = start.date()
        while day < end.date():
            days.add(day)
            day += _DAY
    return days


def due_moment(time_: StatutoryTime, count: Counting, length: int, start: datetime, pauses: Sequence[Span] = ()
               ) -> datetime:
    """The moment a period of `length` units counted `count` from `start` expires, leaving out `pauses`.

    Day periods expire at the end of their last day (the next day's 00:00 KST); hour periods at the moment the last
    working hour is spent. Counted once per calendar and arguments (the answer never changes for them)."""
    key = (count, length, start, tuple(pauses))
    due = time_._due.get(key)
    if due is None:
        if len(time_._due) >= 4096:
            time_._due.clear()
        due = time_._due[key] = _due_moment(time_, count, length, start, pauses)
    return due


def _due_moment(time_: StatutoryTime, count: Counting, length: int, start: datetime, pauses: Sequence[Span]
                ) -> datetime:
    start = to_kst(start)
    holes = sorted((to_kst(a), to_kst(b)) for a, b in pauses)
    match Counting(count):
        case Counting.WORKING_HOURS:
            return _working_hours_due(time_, length, start, holes)
        case Counting.WORKING_DAYS:
            day = _working_days_last(time_.calendar, length, start, _paused_days(holes))
        case Counting.CALENDAR_DAYS:
            day = _calendar_days_last(time_.calendar, length, start, _paused_days(holes))
    return datetime.combine(day + _DAY, time(0), KST)


def _working_hours_due(time_: StatutoryTime, length: int, start: datetime, holes: list[Span]) -> datetime:
    """§19①: from the moment of receipt, in office hours on working days (a moment outside them starts at the next
    opening)."""
    left = timedelta(hours=length)
    for span in time_.working_spans(start):
        for part_start, part_end in _minus(span, holes):
            if part_end - part_start >= left:
                return part_start + left
            left -= part_end - part_start
    raise AssertionError("unreachable: working spans never end")


def _working_days_last(calendar: StatutoryCalendar, length: int, start: datetime, skipped: set[date]) -> date:
    """§19②: the day of receipt is the first day; Saturdays and public holidays are not counted."""
    day, left = start.date(), length
    while True:
        if calendar.is_working_day(day) and day not in skipped:
            left -= 1
            if not left:
                return day
        day += _DAY


def _calendar_days_last(calendar: StatutoryCalendar, length: int, start: datetime, skipped: set[date]) -> date:
    """민법 §157: the first day is not counted unless the period starts at 00:00; §161: a period whose last day is a
    Saturday or a public holiday ends on the next working day."""
    day, left = (start.date() if start.time() == time(0) else start.date() + _DAY), length
    while True:
        if day not in skipped:
            left -= 1
            if not left:
                return calendar.next_working_day(day)
        day += _DAY


def last_day(due: datetime) -> date:
    """The last day of a period (`due_at` of a day period is the next day's 00:00)."""
    due = to_kst(due)
    return (due - _DAY).date() if due.time() == time(0) else due.date()


def _before(time_: StatutoryTime, count: Counting, due: datetime, units: int) -> datetime:
    """The moment `units` of the period's unit before `due` (reminders); day units fall at office opening."""
    if count is Counting.WORKING_HOURS:
        left = timedelta(hours=units)
        for start, end in time_.working_spans_back(due):
            if end - start >= left:
                return end - left
            left -= end - start
    end_day = last_day(due)
    if count is Counting.WORKING_DAYS:
        day = time_.calendar.subtract_working_days(end_day, units)
    else:
        day = end_day - timedelta(days=units)
    return datetime.combine(day, time_.hours.opens, KST)


# --- the clock of a case -----------------------------------------------------------------------------------------

class Change(StrEnum):
    STARTED = "started"
    PAUSED = "paused"
    RESUMED = "resumed"
    EXTENDED = "extended"
    STOPPED = "stopped"


class ClockChange(_Data):
    """One change of a case's clock: what, when it took effect, who made it and why."""

    change: Change
    at: AwareDatetime
    by: str = Field(min_length=1, description="누가 (사번 또는 system)")
    reason: str | None = None
    length: int | None = Field(default=None, ge=1, description="연장한 길이 (기간의 단위)")
    consent: bool = Field(default=False, description="두 번째 이후 연장: 민원인의 동의를 받았는지")

    @field_validator("at")
    @classmethod
    def _seoul(cls, value: datetime) -> datetime:
        return to_kst(value)


State = Literal["running", "paused", "stopped"]


class CaseClock(_Data):
    """The statutory clock of one case. Build it with `CaseClock.start(...)`; every change returns a new clock."""

    period: str = Field(description="county file's clock.periods name")
    rule: PeriodRule = Field(description="the period as the county file set it at receipt")
    changes: tuple[ClockChange, ...] = Field(min_length=1)

    @field_validator("changes")
    @classmethod
    def _well_formed(cls, value: tuple[ClockChange, ...]) -> tuple[ClockChange, ...]:
        if value[0].change is not Change.STARTED or any(c.change is Change.STARTED for c in value[1:]):
            raise ValueError("a clock starts once, with its first change")
        return value

    @classmethod
    def stored(cls, text: str) -> CaseClock:
        """A clock as a case item keeps it (JSON text), parsed once per text: a clock is frozen, so one parse serves
        every later read of the same case."""
        return _stored_clock(text)

    # -- changes --

    @classmethod
    def start(cls, period: str, rule: PeriodRule, *, at: datetime, by: str, reason: str | None = None) -> CaseClock:
        """Started at receipt (접수)."""
        return cls(period=period, rule=rule, changes=(ClockChange(change=Change.STARTED, at=at, by=by, reason=reason),))

    def pause(self, *, at: datetime, by: str, reason: str) -> CaseClock:
        """Not counted from `at` on: waiting for the requester (보완), or an uncounted period (현지조사)."""
        self._expect("running", "CLOCK_NOT_RUNNING", "진행 중인 기한만 멈출 수 있습니다.")
        return self._with(Change.PAUSED, at, by, _reason(reason))

    def resume(self, *, at: datetime, by: str, reason: str | None = None) -> CaseClock:
        self._expect("paused", "CLOCK_NOT_PAUSED", "멈춘 기한만 다시 진행할 수 있습니다.")
        return self._with(Change.RESUMED, at, by, reason)

    def extend(self, time_: StatutoryTime, *, length: int | None = None, at: datetime, by: str, reason: str,
               consent: bool = False) -> CaseClock:
        """Extended once with a reason, before the period runs out; a further extension only with the requester's
        consent, which is recorded."""
        if self.state == "stopped":
            raise RuleViolation("이미 끝난 기한은 연장할 수 없습니다.", code="CLOCK_STOPPED")
        limit = self.rule.extension_limit
        if not limit:
            raise RuleViolation(f"{self.period} 기간은 연장할 수 없습니다.", code="EXTENSION_NOT_ALLOWED")
        length = limit if length is None else length
        if not 1 <= length <= limit:
            raise RuleViolation(f"한 번에 {limit}까지 연장할 수 있습니다.", code="EXTENSION_TOO_LONG",
                                details={"max_extension": limit})
        if self.extensions and not consent:
            raise RuleViolation("두 번째 연장은 민원인의 동의가 있어야 합니다.", code="EXTENSION_NEEDS_CONSENT",
                                details={"extensions": len(self.extensions)})
        if to_kst(at) >= self.due_at(time_, now=at):
            raise RuleViolation("기한이 지난 뒤에는 연장할 수 없습니다.", code="PERIOD_EXPIRED")
        return self._with(Change.EXTENDED, at, by, _reason(reason), length=length, consent=consent)

    def stop(self, *, at: datetime, by: str, reason: str | None = None) -> CaseClock:
        """Stopped at the answer (or withdrawal); a paused clock stops where it was."""
        if self.state == "stopped":
            raise RuleViolation("이미 끝난 기한입니다.", code="CLOCK_STOPPED")
        return self._with(Change.STOPPED, at, by, reason)

    # -- what it is --

    @property
    def started_at(self) -> datetime:
        return self.changes[0].at

    @property
    def stopped_at(self) -> datetime | None:
        return self.changes[-1].at if self.changes[-1].change is Change.STOPPED else None

    @property
    def state(self) -> State:
        states: dict[Change, State] = {Change.PAUSED: "paused", Change.STOPPED: "stopped"}
        for change in reversed(self.changes):
            if change.change in (Change.PAUSED, Change.RESUMED, Change.STOPPED):
                return states.get(change.change, "running")
        return "running"

    @property
    def extensions(self) -> tuple[ClockChange, ...]:
        return tuple(c for c in self.changes if c.change is Change.EXTENDED)

    @property
    def length(self) -> int:
        """The period's length with its extensions, in its own unit."""
        return self.rule.length + sum(c.length or 0 for c in self.extensions)

    def pauses(self, now: datetime | None = None) -> list[Span]:
        """The uncounted spans; one still open ends at `now` (as if the requester answered now) or at the stop."""
        spans: list[Span] = []
        opened: datetime | None = None
        for change in self.changes:
            if change.change is Change.PAUSED:
                opened = change.at
            elif change.change in (Change.RESUMED, Change.STOPPED) and opened is not None:
                spans.append((opened, change.at))
                opened = None
        if opened is not None:
            if now is None:
                raise ValueError("the clock is paused: give `now` to answer as if it resumed then")
            spans.append((opened, max(opened, to_kst(now))))
        return spans

    # -- answers --

    def due_at(self, time_: StatutoryTime, *, now: datetime | None = None) -> datetime:
        """When the period expires. While paused, as if the requester answered at `now`."""
        return due_moment(time_, self.rule.count, self.length, self.started_at, self.pauses(now))

    def due_day(self, time_: StatutoryTime, *, now: datetime | None = None) -> date:
        return last_day(self.due_at(time_, now=now))

    def time_left(self, time_: StatutoryTime, *, now: datetime) -> timedelta:
        """Until the due time (zero once it passed or the clock stopped)."""
        if self.state == "stopped":
            return timedelta(0)
        return max(timedelta(0), self.due_at(time_, now=now) - to_kst(now))

    def overdue_by(self, time_: StatutoryTime, *, now: datetime) -> timedelta:
        """How late: now, or at the answer for a stopped clock (zero when on time)."""
        end = self.stopped_at or to_kst(now)
        return max(timedelta(0), end - self.due_at(time_, now=end))

    def reminders(self, office: Office, *, now: datetime | None = None) -> list[datetime]:
        """When to remind a running clock's handler: `remind_before` units before the due time, moved to the next
        moment the office is open (its own closed days included); none at or after the due time."""
        due = self.due_at(office.statutory, now=now)
        moments = (office.next_opening(_before(office.statutory, self.rule.count, due, units))
                   for units in self.rule.remind_before)
        return sorted({m for m in moments if self.started_at <= m < due})

    def next_reminder(self, office: Office, *, after: datetime) -> datetime | None:
        """The first reminder strictly after `after`; none while paused (the requester has the case) or stopped."""
        if self.state != "running":
            return None
        return next((m for m in self.reminders(office) if m > to_kst(after)), None)

    # -- internals --

    def _expect(self, state: State, code: str, message: str) -> None:
        if self.state != state:
            raise RuleViolation(message, code=code, details={"state": self.state})

    def _with(self, change: Change, at: datetime, by: str, reason: str | None, **extra: Any) -> CaseClock:
        entry = ClockChange(change=change, at=at, by=by, reason=reason, **extra)
        if entry.at < self.changes[-1].at:
            raise InvalidInput("기한 변경 시각이 이전 변경보다 앞설 수 없습니다.", code="CLOCK_TIME_TRAVEL",
                               details={"last_change_at": self.changes[-1].at.isoformat()})
        return self.model_copy(update={"changes": (*self.changes, entry)})


def _reason(reason: str | None) -> str:
    if not reason or not reason.strip():
        raise InvalidInput("사유를 적어 주세요.", code="REASON_REQUIRED")
    return reason.strip()


@lru_cache(maxsize=1024)
def _stored_clock(text: str) -> CaseClock:
    return CaseClock.model_validate_json(text)
