"""Time as the county lives it: Asia/Seoul, half-years and years, Korean working days and statutory deadlines.

Working days exclude Saturdays, Sundays and Korean public holidays, lunar and substitute holidays included (the
`holidays` package), plus any extra closed days a county configures.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo

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
    return holidays.country_holidays("KR", years=year)


class WorkCalendar:
    """Korean working days, with a county's own extra closed days."""

    def __init__(self, extra_closed_days: Iterable[date] = ()):
        self.extra_closed_days = frozenset(extra_closed_days)

    def is_holiday(self, day: date) -> bool:
        return day in _korean_holidays(day.year) or day in self.extra_closed_days

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and not self.is_holiday(day)

    def holiday_name(self, day: date) -> str | None:
        return _korean_holidays(day.year).get(day)

    def add_working_days(self, start: date, days: int) -> date:
        """The date `days` working days after `start` (start itself not counted)."""
        if days < 0:
            raise ValueError("days must not be negative")
        day = start
        remaining = days
        while remaining:
            day += timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def deadline(self, start: date, days: int, *, first_day_counts: bool = True) -> date:
        """A period of `days` working days (민원 처리 기간: the day of receipt counts as the first day)."""
        if days <= 0:
            raise ValueError("days must be positive")
        day = start
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return self.add_working_days(day, days - 1) if first_day_counts else self.add_working_days(start, days)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            count += self.is_working_day(day)
        return count
