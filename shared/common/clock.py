"""Time as the county lives it: Asia/Seoul, half-years and years, Korean working days and statutory deadlines.

Statutory working days exclude Saturdays, Sundays and Korean public holidays, lunar, substitute and election days
included (the `holidays` package), plus national holidays announced later (`StatutoryCalendar`). A county's own
closed days close its offices (`WorkCalendar`) but never move a statutory date. Periods, office hours and the clock
of a case are in `common.statutory`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Literal
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    import holidays

KST = ZoneInfo("Asia/Seoul")


def now() -> datetime:
    return datetime.now(tz=KST)


def today() -> date:
    return now().date()


def to_kst(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: give a timezone")
    return moment.astimezone(KST)


@dataclass(frozen=True, order=True)
class Period:
    """A year (`2026`) or a half-year (`2026-H1`) — the unit of caps, selections and reports."""

    year: int
    half: Literal[0, 1, 2] = 0  # 0 = the whole year

    @classmethod
    def parse(cls, text: str) -> Period:
        year, _, half = text.partition("-")
        if not half:
            return cls(int(year))
        if half not in ("H1", "H2"):
            raise ValueError(f"not a period: {text}")
        return cls(int(year), 1 if half == "H1" else 2)

    @classmethod
    def half_of(cls, day: date) -> Period:
        return cls(day.year, 1 if day.month <= 6 else 2)

    @classmethod
    def year_of(cls, day: date) -> Period:
        return cls(day.year)

    @property
    def start(self) -> date:
        return date(self.year, 7 if self.half == 2 else 1, 1)

    @property
    def end(self) -> date:
        return date(self.year, 6, 30) if self.half == 1 else date(self.year, 12, 31)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def __str__(self) -> str:
        return f"{self.year}" if self.half == 0 else f"{self.year}-H{self.half}"


@lru_cache(maxsize=64)
def _korean_holidays(year: int) -> holidays.HolidayBase:
    import holidays  # on the first working-day question, not on every cold start (docs/decisions.md)

    return holidays.country_holidays("KR", years=year)


@dataclass(frozen=True)
class StatutoryCalendar:
    """The days a statutory period counts: every day but Saturdays and public holidays (Sundays are public holidays,
    관공서의 공휴일에 관한 규정 §2). Public holidays are the `holidays` package's (lunar, substitute and election days
    included) plus `national_holidays`, the temporary holidays announced after the package was pinned.

    A county's own closed days (군민의 날) are deliberately not a parameter: they close its offices
    (`common.statutory.Office`) but never move a statutory date (민원처리법 §19, 민법 §161)."""

    national_holidays: Mapping[date, str] = field(default_factory=dict)

    def holiday_name(self, day: date) -> str | None:
        return self.national_holidays.get(day) or _korean_holidays(day.year).get(day)

    def is_public_holiday(self, day: date) -> bool:
        return self.holiday_name(day) is not None

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and not self.is_public_holiday(day)

    def next_working_day(self, day: date) -> date:
        """`day` itself when it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, start: date, days: int) -> date:
        """The date `days` working days after `start` (start itself not counted)."""
        return self._step_working_days(start, days, timedelta(days=1))

    def subtract_working_days(self, end: date, days: int) -> date:
        """The date `days` working days before `end` (end itself not counted)."""
        return self._step_working_days(end, days, timedelta(days=-1))

    def _step_working_days(self, day: date, days: int, step: timedelta) -> date:
        if days < 0:
            raise ValueError("days must not be negative")
        while days:
            day += step
            days -= self.is_working_day(day)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            count += self.is_working_day(day)
        return count


class WorkCalendar:
    """The county's office days: the statutory calendar less the county's own closed days.

    `is_working_day` answers whether the office is open that day. The period helpers (`add_working_days`,
    `deadline`, `working_days_between`) are statutory and ignore the county's closed days; for periods, clocks and
    office hours use `common.statutory`."""

    def __init__(self, extra_closed_days: Iterable[date] = (), national_holidays: Mapping[date, str] | None = None):
        self.extra_closed_days = frozenset(extra_closed_days)
        self.statutory = StatutoryCalendar(dict(national_holidays or {}))

    def is_holiday(self, day: date) -> bool:
        return self.statutory.is_public_holiday(day) or day in self.extra_closed_days

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and not self.is_holiday(day)

    def holiday_name(self, day: date) -> str | None:
        return self.statutory.holiday_name(day)

    def add_working_days(self, start: date, days: int) -> date:
        """The date `days` statutory working days after `start` (start itself not counted)."""
        return self.statutory.add_working_days(start, days)

    def deadline(self, start: date, days: int, *, first_day_counts: bool = True) -> date:
        """A period of `days` working days (민원 처리 기간: the day of receipt counts as the first day); the county's
        own closed days count like any working day (민원처리법 §19② excludes only Saturdays and public holidays)."""
        if days <= 0:
            raise ValueError("days must be positive")
        if not first_day_counts:
            return self.statutory.add_working_days(start, days)
        return self.statutory.add_working_days(self.statutory.next_working_day(start), days - 1)

    def working_days_between(self, start: date, end: date) -> int:
        """Statutory working days in (start, end]."""
        return self.statutory.working_days_between(start, end)
